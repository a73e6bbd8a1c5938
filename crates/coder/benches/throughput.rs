//! Sentences per second on one core over the texts in `../shared/data/news_text` (UD PUD
//! parallel sentences in en/fr/ru, the PUD and KTB treebanks' sentences, KazNERD's Kazakh news
//! sentences, the UN General Debate speeches of Kazakhstan and France). Each sentence of the
//! treebanks is one document; each speech is one document. Languages are detected, as in use.
//!
//! `cargo bench -p entente-coder --bench throughput [-- <news_text dir>]`

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use entente_coder::{Doc, Options, code, sentences};

fn read(path: &Path) -> Option<String> {
    let bytes = fs::read(path).ok()?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut out).ok()?;
        Some(out)
    } else {
        String::from_utf8(bytes).ok()
    }
}

fn corpus(dir: &Path) -> Vec<(String, String)> {
    let mut docs = Vec::new();
    let pud = dir.join("ud_pud_parallel");
    if let Some(tsv) = read(&pud.join("pud_parallel_en_fr_ru.tsv")) {
        for line in tsv.lines().skip(1) {
            for (i, cell) in line.split('\t').skip(1).enumerate() {
                docs.push((format!("pud-tsv:{i}"), cell.to_string()));
            }
        }
    }
    for name in
        ["en_pud-ud-test.conllu.gz", "fr_pud-ud-test.conllu.gz", "ru_pud-ud-test.conllu.gz", "kk_ktb-ud-test.conllu.gz"]
    {
        if let Some(conllu) = read(&pud.join(name)) {
            for text in conllu.lines().filter_map(|l| l.strip_prefix("# text = ")) {
                docs.push((name.to_string(), text.to_string()));
            }
        }
    }
    for name in ["IOB2_test.txt.gz", "IOB2_valid.txt.gz"] {
        if let Some(iob) = read(&dir.join("kaznerd").join(name)) {
            let mut words = Vec::new();
            for line in iob.lines().chain(std::iter::once("")) {
                match line.split_whitespace().next() {
                    Some(word) => words.push(word.to_string()),
                    None if !words.is_empty() => docs.push((name.to_string(), std::mem::take(&mut words).join(" "))),
                    None => {}
                }
            }
        }
    }
    let mut speeches: Vec<PathBuf> = fs::read_dir(dir.join("ungdc_speeches_KAZ_FRA"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    speeches.sort();
    for path in speeches {
        if let Some(text) = read(&path) {
            docs.push((path.display().to_string(), text));
        }
    }
    docs
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news_text"));
    let docs: Vec<Doc> = corpus(&dir).into_iter().map(|(id, text)| Doc::new(id, text)).collect();
    if docs.is_empty() {
        eprintln!("no texts under {}", dir.display());
        return;
    }
    let n_sentences: usize = docs.iter().map(|d| sentences(&d.text, None).len()).sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let opts = Options::default();

    // Warm-up builds the automata (about once per process).
    let t = Instant::now();
    let first: usize = docs.iter().map(|d| code(d, &opts).len()).sum();
    let warm = t.elapsed();

    let mut runs = 0u32;
    let t = Instant::now();
    while runs < 3 || t.elapsed() < Duration::from_secs(5) {
        let n: usize = docs.iter().map(|d| code(d, &opts).len()).sum();
        assert_eq!(n, first);
        runs += 1;
    }
    let secs = t.elapsed().as_secs_f64() / f64::from(runs);
    println!(
        "corpus: {} documents, {n_sentences} sentences, {:.1} MB, from {}",
        docs.len(),
        bytes as f64 / 1e6,
        dir.display()
    );
    println!("first pass (with building the lexicons): {:.3} s", warm.as_secs_f64());
    println!("events found per pass: {first}");
    println!("one core, mean of {runs} passes: {secs:.3} s per pass");
    println!("throughput: {:.0} sentences/s, {:.1} MB/s", n_sentences as f64 / secs, bytes as f64 / 1e6 / secs);
}
