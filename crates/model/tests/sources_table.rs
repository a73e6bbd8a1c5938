//! `data/SOURCES.md` lists every file under `data/` in one table a tool can read: file,
//! origin, commit, path in origin, licence, attribution and obligations. Every file has a
//! row, every row a file, and no row leaves its licence or its commit unsaid.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

/// The files under `dir`, relative to `root`, skipping hidden ones (`.gitkeep`, editor files).
fn files(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name == "__pycache__" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            files(root, &path, out);
        } else {
            out.insert(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The cells of the table's rows: `| \`file\` | origin | commit | path | licence | attribution |`.
fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            // A cell may hold an escaped bar (`\|`); it is not a separator.
            let protected = l.replace("\\|", "\u{1}");
            protected.trim().trim_matches('|').split('|').map(|c| c.trim().replace('\u{1}', "|")).collect()
        })
        .collect()
}

#[test]
fn every_file_under_data_has_a_row_and_every_row_a_file() {
    let data = entente_testkit::repo("data");
    let text = std::fs::read_to_string(data.join("SOURCES.md")).unwrap();
    let rows = rows(&text);
    let header = text.lines().find(|l| l.starts_with("| file |")).unwrap();
    assert_eq!(header, "| file | origin | commit | path in origin | licence | attribution and obligations |");
    let mut listed = BTreeSet::new();
    for r in &rows {
        assert_eq!(r.len(), 6, "{r:?}");
        let file = r[0].trim_matches('`').to_string();
        assert!(listed.insert(file.clone()), "{file} has two rows");
        for (i, cell) in r.iter().enumerate() {
            assert!(!cell.is_empty(), "{file}: column {i} is empty");
        }
        // A file from elsewhere names its commit, or says why it has none.
        let commit = &r[2];
        let hex = commit.len() == 40 && commit.bytes().all(|b| b.is_ascii_hexdigit());
        assert!(hex || commit.starts_with('—'), "{file}: commit {commit:?}");
        if r[1] != "entente" {
            assert!(r[4] != "Apache-2.0" || r[1].starts_with("derived"), "{file}: a copy under entente's licence?");
        }
    }
    let mut present = BTreeSet::new();
    files(&data, &data, &mut present);
    let missing: Vec<&String> = present.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&present).collect();
    assert!(missing.is_empty(), "files under data/ without a row in SOURCES.md: {missing:?}");
    assert!(stale.is_empty(), "rows in SOURCES.md for files that are not under data/: {stale:?}");
}

#[test]
fn the_table_reader_splits_cells_and_keeps_escaped_bars() {
    let r = rows("text\n| `a.csv` | x \\| y | — | p | CC0 | credit |\n| not a row |\n");
    assert_eq!(r, [vec!["`a.csv`", "x | y", "—", "p", "CC0", "credit"]]);
}
