//! GDELT's published file lists, read line by line into the files they name.
//!
//! Every line becomes a [`Listed`] file or a [`ListProblem`] with its line number; a bad line
//! never stops the rest of the list from being used. Blank lines are neither.

use std::collections::HashMap;
use std::io::{self, BufRead};

use serde::Serialize;

/// One file a list names: where it is, what it is called, and what it must be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    /// The file name, the last segment of its address (checked to be a plain name).
    pub name: String,
    pub url: String,
    /// Bytes, when the list gives them (GDELT 1.0's `filesizes` may be missing).
    pub size: Option<u64>,
    /// MD5 of the file as served, 32 lowercase hex digits.
    pub md5: String,
}

/// A line of a list that names no usable file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListProblem {
    /// The list's address.
    pub list: String,
    /// 1-based line number.
    pub line: u64,
    /// The line as read (cut to 200 characters).
    pub text: String,
    pub reason: String,
}

/// What a list held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub entries: Vec<Listed>,
    pub problems: Vec<ListProblem>,
    /// Lines read, blank ones included.
    pub lines: u64,
    /// Files the list names, kept or not (see [`parse_masterfilelist`]'s `keep`).
    pub listed: u64,
}

/// Reads the lines of `reader` (bytes, so that a line that is not UTF-8 is a problem of its
/// own), calling `each` with the line number and the line without its end of line.
fn for_each_line(mut reader: impl BufRead, mut each: impl FnMut(u64, Result<&str, String>)) -> io::Result<u64> {
    let mut buf = Vec::new();
    let mut number = 0u64;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(number);
        }
        number += 1;
        let mut line: &[u8] = &buf;
        while let [rest @ .., b'\n' | b'\r'] = line {
            line = rest;
        }
        match std::str::from_utf8(line) {
            Ok(text) => each(number, Ok(text)),
            Err(e) => each(number, Err(format!("the line is not UTF-8 (byte {})", e.valid_up_to() + 1))),
        }
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 200 { text.to_string() } else { text.chars().take(200).collect::<String>() + "…" }
}

/// An MD5 as 32 hex digits, lowercased.
pub fn parse_md5(field: &str) -> Result<String, String> {
    if field.len() == 32 && field.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(field.to_ascii_lowercase())
    } else {
        Err(format!("the MD5 \"{}\" is not 32 hex digits", shorten(field)))
    }
}

fn parse_size(field: &str) -> Result<u64, String> {
    if !field.is_empty() && field.bytes().all(|b| b.is_ascii_digit()) {
        field.parse::<u64>().map_err(|_| format!("the size {field} is too large"))
    } else {
        Err(format!("the size \"{}\" is not a number of bytes", shorten(field)))
    }
}

/// A file name safe to create in the output folder: letters, digits, `.`, `-` and `_`, not
/// starting with a dot (so never `..`, a path or a hidden file).
pub fn check_name(name: &str) -> Result<(), String> {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 255
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if plain { Ok(()) } else { Err(format!("\"{}\" is not a plain file name", shorten(name))) }
}

/// `url`'s last path segment (query and fragment left out).
fn name_of(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder of a list's address, ending in `/`: where relative names are resolved.
pub fn folder_of(list_url: &str) -> &str {
    match list_url.rfind('/') {
        Some(i) => &list_url[..=i],
        None => list_url,
    }
}

fn is_http(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// An address as written in a list: absolute (`http://…`, `https://…`) or relative to the
/// list's folder.
fn resolve(folder: &str, written: &str) -> Result<String, String> {
    if is_http(written) {
        Ok(written.to_string())
    } else if written.contains("://") {
        Err(format!("the address \"{}\" is not http:// or https://", shorten(written)))
    } else {
        Ok(format!("{folder}{}", written.trim_start_matches('/')))
    }
}

/// Keeps the last entry of each name (a republished file is listed again later) and reports
/// the earlier ones.
fn dedup(list_url: &str, parsed: &mut Parsed, lines: Vec<u64>) {
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, e) in parsed.entries.iter().enumerate() {
        last.insert(e.name.as_str(), i);
    }
    if last.len() == parsed.entries.len() {
        return;
    }
    let keep: Vec<bool> =
        parsed.entries.iter().enumerate().map(|(i, e)| last.get(e.name.as_str()) == Some(&i)).collect();
    let mut problems = Vec::new();
    for (i, e) in parsed.entries.iter().enumerate() {
        if !keep[i] {
            let later = last.get(e.name.as_str()).map(|&j| lines[j]).unwrap_or(0);
            problems.push(ListProblem {
                list: list_url.to_string(),
                line: lines[i],
                text: e.name.clone(),
                reason: format!("{} is listed again at line {later}; the later line is used", e.name),
            });
        }
    }
    let mut k = keep.into_iter();
    parsed.entries.retain(|_| k.next().unwrap_or(false));
    parsed.problems.extend(problems);
    parsed.problems.sort_by_key(|p| p.line);
}

/// One line of GDELT 2.0's `masterfilelist.txt`: `SIZE MD5 URL`.
pub fn parse_master_line(folder: &str, line: &str) -> Result<Listed, String> {
    let fields: Vec<&str> = line.split_ascii_whitespace().collect();
    let [size, md5, url] = fields[..] else {
        return Err(format!(
            "expected SIZE MD5 URL, found {} field{}",
            fields.len(),
            if fields.len() == 1 { "" } else { "s" }
        ));
    };
    let size = parse_size(size)?;
    let md5 = parse_md5(md5)?;
    let url = resolve(folder, url)?;
    let name = name_of(&url).to_string();
    check_name(&name)?;
    Ok(Listed { name, url, size: Some(size), md5 })
}

/// GDELT 2.0's `masterfilelist.txt` (or `masterfilelist-translation.txt`), fetched from
/// `list_url`. Only the files whose name `keep` accepts are kept (the whole list runs to a
/// million lines); every line is checked.
pub fn parse_masterfilelist(list_url: &str, reader: impl BufRead, keep: &dyn Fn(&str) -> bool) -> io::Result<Parsed> {
    let folder = folder_of(list_url);
    let mut parsed = Parsed::default();
    let mut lines = Vec::new();
    parsed.lines = for_each_line(reader, |number, line| {
        let text = line.as_deref().map(shorten).unwrap_or_default();
        let result =
            line.and_then(|l| if l.trim().is_empty() { Ok(None) } else { parse_master_line(folder, l).map(Some) });
        match result {
            Ok(Some(entry)) => {
                parsed.listed += 1;
                if keep(&entry.name) {
                    parsed.entries.push(entry);
                    lines.push(number);
                }
            }
            Ok(None) => {}
            Err(reason) => parsed.problems.push(ListProblem { list: list_url.to_string(), line: number, text, reason }),
        }
    })?;
    dedup(list_url, &mut parsed, lines);
    Ok(parsed)
}

/// Pairs of (name, value) from one of GDELT 1.0's two-column lists, with line numbers.
struct Pairs<T> {
    values: Vec<(String, T, u64)>,
    problems: Vec<ListProblem>,
    lines: u64,
}

fn parse_pairs<T>(
    list_url: &str,
    reader: impl BufRead,
    what: &str,
    value_first: impl Fn(&str) -> Result<T, String>,
) -> io::Result<Pairs<T>> {
    let mut out = Pairs { values: Vec::new(), problems: Vec::new(), lines: 0 };
    out.lines = for_each_line(reader, |number, line| {
        let text = line.as_deref().map(shorten).unwrap_or_default();
        let result = line.and_then(|l| {
            let fields: Vec<&str> = l.split_ascii_whitespace().collect();
            match fields[..] {
                [] => Ok(None),
                [value, name] => {
                    let value = value_first(value)?;
                    check_name(name)?;
                    Ok(Some((name.to_string(), value)))
                }
                _ => Err(format!("expected {what} NAME, found {} fields", fields.len())),
            }
        });
        match result {
            Ok(Some((name, value))) => out.values.push((name, value, number)),
            Ok(None) => {}
            Err(reason) => out.problems.push(ListProblem { list: list_url.to_string(), line: number, text, reason }),
        }
    })?;
    Ok(out)
}

/// GDELT 1.0's `md5sums` (`MD5  NAME`, as `md5sum` writes it) with the sizes of its
/// `filesizes` (`SIZE NAME`) when that list could be read. Names are resolved against the
/// folder of the `md5sums` address. A name in `filesizes` but not in `md5sums` cannot be
/// verified and is left out.
pub fn parse_v1_lists(
    md5sums_url: &str,
    md5sums: impl BufRead,
    filesizes: Option<(&str, &mut dyn BufRead)>,
) -> io::Result<Parsed> {
    let folder = folder_of(md5sums_url);
    let sums = parse_pairs(md5sums_url, md5sums, "MD5", parse_md5)?;
    let mut parsed = Parsed { lines: sums.lines, problems: sums.problems, entries: Vec::new(), listed: 0 };
    let mut sizes: HashMap<String, u64> = HashMap::new();
    if let Some((sizes_url, reader)) = filesizes {
        let pairs = parse_pairs(sizes_url, reader, "SIZE", parse_size)?;
        parsed.problems.extend(pairs.problems);
        for (name, size, _) in pairs.values {
            sizes.insert(name, size);
        }
    }
    let mut lines = Vec::new();
    for (name, md5, line) in sums.values {
        let url = format!("{folder}{name}");
        parsed.entries.push(Listed { size: sizes.get(&name).copied(), name, url, md5 });
        lines.push(line);
    }
    parsed.listed = parsed.entries.len() as u64;
    dedup(md5sums_url, &mut parsed, lines);
    Ok(parsed)
}

/// GDELT 1.0's `index.html`, used when `md5sums` is not served: each file is a list item
/// `<LI><A HREF="NAME">NAME</A> (6.2MB) (MD5: HEX)`. Its sizes are rounded, so they are not
/// used. Lines whose link is not a `.zip` (the lists, other pages) are not files and are
/// passed over; a `.zip` link without an MD5 is a problem.
pub fn parse_v1_index(index_url: &str, reader: impl BufRead) -> io::Result<Parsed> {
    let folder = folder_of(index_url);
    let mut parsed = Parsed::default();
    let mut lines = Vec::new();
    parsed.lines = for_each_line(reader, |number, line| {
        let line = match line {
            Ok(l) => l,
            Err(reason) => {
                parsed.problems.push(ListProblem { list: index_url.into(), line: number, text: String::new(), reason });
                return;
            }
        };
        let lower = line.to_ascii_lowercase();
        let Some(start) = lower.find("href=\"") else { return };
        let rest = &line[start + 6..];
        let Some(end) = rest.find('"') else { return };
        let href = &rest[..end];
        if !href.to_ascii_lowercase().ends_with(".zip") {
            return;
        }
        let result = (|| {
            let url = resolve(folder, href)?;
            let name = name_of(&url).to_string();
            check_name(&name)?;
            let at = lower.find("md5:").ok_or_else(|| format!("{name} has no MD5 on its line"))?;
            let digits = line[at + 4..].trim_start();
            let md5 = parse_md5(digits.get(..32).unwrap_or(digits))?;
            Ok::<_, String>(Listed { name, url, size: None, md5 })
        })();
        match result {
            Ok(entry) => {
                parsed.entries.push(entry);
                lines.push(number);
            }
            Err(reason) => {
                parsed.problems.push(ListProblem { list: index_url.into(), line: number, text: shorten(line), reason })
            }
        }
    })?;
    parsed.listed = parsed.entries.len() as u64;
    dedup(index_url, &mut parsed, lines);
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MASTER: &str = "https://data.gdeltproject.org/gdeltv2/masterfilelist.txt";

    #[test]
    fn a_masterfilelist_line_as_gdelt_publishes_it() {
        // The first lines of GDELT 2.0's masterfilelist.txt (see the crate documentation).
        let text = "150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip\n\
                    318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip\n\
                    10768507 ea8dde0beb0ba98810a92db068c0ce99 http://data.gdeltproject.org/gdeltv2/20150218230000.gkg.csv.zip\n";
        let p = parse_masterfilelist(MASTER, text.as_bytes(), &|_| true).unwrap();
        assert_eq!(p.lines, 3);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(
            p.entries[0],
            Listed {
                name: "20150218230000.export.CSV.zip".into(),
                url: "http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip".into(),
                size: Some(150_383),
                md5: "297a16b493de7cf6ca809a7cc31d0b93".into(),
            }
        );
        assert_eq!(p.entries[2].name, "20150218230000.gkg.csv.zip");
        assert_eq!(p.entries[2].size, Some(10_768_507));
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number_and_the_rest_is_used() {
        let text = "150383 297a16b493de7cf6ca809a7cc31d0b93 http://h/g/20150218230000.export.CSV.zip\r\n\
                    \n\
                    http://h/g/20150218231500.export.CSV.zip\n\
                    12x 297a16b493de7cf6ca809a7cc31d0b93 http://h/g/a.zip\n\
                    12 297A16B493DE7CF6CA809A7CC31D0B9 http://h/g/a.zip\n\
                    12 297a16b493de7cf6ca809a7cc31d0b93 http://h/g/\n\
                    12 297a16b493de7cf6ca809a7cc31d0b93 ftp://h/g/a.zip\n\
                    12 297a16b493de7cf6ca809a7cc31d0b93 http://h/g/..\n\
                    12 297a16b493de7cf6ca809a7cc31d0b93 http://h/g/a%2fb.zip\n\
                    149211 2A91041D7E72B0FC6A629E2FF867B240 20150218231500.export.CSV.zip\n";
        let mut bytes = text.as_bytes().to_vec();
        bytes.extend_from_slice(b"1 297a16b493de7cf6ca809a7cc31d0b93 http://h/g/\xff.zip\n");
        let p = parse_masterfilelist("http://mirror:8080/gdeltv2/masterfilelist.txt", &bytes[..], &|_| true).unwrap();
        assert_eq!(p.lines, 11);
        let got: Vec<(u64, &str)> = p.problems.iter().map(|x| (x.line, x.reason.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (3, "expected SIZE MD5 URL, found 1 field"),
                (4, "the size \"12x\" is not a number of bytes"),
                (5, "the MD5 \"297A16B493DE7CF6CA809A7CC31D0B9\" is not 32 hex digits"),
                (6, "\"\" is not a plain file name"),
                (7, "the address \"ftp://h/g/a.zip\" is not http:// or https://"),
                (8, "\"..\" is not a plain file name"),
                (9, "\"a%2fb.zip\" is not a plain file name"),
                (11, "the line is not UTF-8 (byte 47)"),
            ]
        );
        assert!(p.problems.iter().all(|x| x.list == "http://mirror:8080/gdeltv2/masterfilelist.txt"));
        // A relative address is resolved against the list's folder; MD5s are lowercased.
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.entries[1].url, "http://mirror:8080/gdeltv2/20150218231500.export.CSV.zip");
        assert_eq!(p.entries[1].md5, "2a91041d7e72b0fc6a629e2ff867b240");
    }

    #[test]
    fn only_the_kept_files_are_held_but_every_line_is_checked() {
        let text = "1 00000000000000000000000000000001 http://h/a.zip\n\
                    2 00000000000000000000000000000002 http://h/b.zip\n\
                    bad\n";
        let p = parse_masterfilelist(MASTER, text.as_bytes(), &|name| name == "b.zip").unwrap();
        assert_eq!((p.lines, p.listed), (3, 2));
        assert_eq!(p.entries.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["b.zip"]);
        assert_eq!(p.problems.iter().map(|x| x.line).collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn a_file_listed_twice_keeps_its_later_line() {
        let text = "1 00000000000000000000000000000001 http://h/a.zip\n\
                    2 00000000000000000000000000000002 http://h/b.zip\n\
                    3 00000000000000000000000000000003 http://h/a.zip\n";
        let p = parse_masterfilelist(MASTER, text.as_bytes(), &|_| true).unwrap();
        assert_eq!(
            p.entries.iter().map(|e| (e.name.as_str(), e.size)).collect::<Vec<_>>(),
            [("b.zip", Some(2)), ("a.zip", Some(3))]
        );
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 1);
        assert!(p.problems[0].reason.contains("listed again at line 3"), "{}", p.problems[0].reason);
    }

    #[test]
    fn v1_md5sums_and_filesizes_are_joined_by_name() {
        // As GDELT 1.0 publishes them: `md5sum` output, and `SIZE NAME`.
        let md5sums = "f6fcb7e955e35f93c9dae427c07b545d  GDELT.MASTERREDUCEDV2.1979-2013.zip\n\
                       7fb1b6ff781aea3d441abf512dc5e0f9  1979.zip\n\
                       c3cfe271c7f51eb8b6f8c2ad3ee6c0b0  200601.zip\n\
                       5cab38b5595365007f1e509fbaf7ecf8  20200324.export.CSV.zip\n\
                       oops\n";
        let filesizes = "123 1979.zip\n456 20200324.export.CSV.zip\nabc 200601.zip\n";
        let mut sizes = filesizes.as_bytes();
        let p = parse_v1_lists(
            "http://data.gdeltproject.org/events/md5sums",
            md5sums.as_bytes(),
            Some(("http://data.gdeltproject.org/events/filesizes", &mut sizes)),
        )
        .unwrap();
        assert_eq!(p.lines, 5);
        let e: Vec<(&str, Option<u64>, &str)> =
            p.entries.iter().map(|e| (e.name.as_str(), e.size, e.url.as_str())).collect();
        assert_eq!(
            e,
            vec![
                (
                    "GDELT.MASTERREDUCEDV2.1979-2013.zip",
                    None,
                    "http://data.gdeltproject.org/events/GDELT.MASTERREDUCEDV2.1979-2013.zip"
                ),
                ("1979.zip", Some(123), "http://data.gdeltproject.org/events/1979.zip"),
                ("200601.zip", None, "http://data.gdeltproject.org/events/200601.zip"),
                ("20200324.export.CSV.zip", Some(456), "http://data.gdeltproject.org/events/20200324.export.CSV.zip"),
            ]
        );
        let problems: Vec<(&str, u64, &str)> =
            p.problems.iter().map(|x| (x.list.as_str(), x.line, x.reason.as_str())).collect();
        assert_eq!(
            problems,
            vec![
                ("http://data.gdeltproject.org/events/md5sums", 5, "expected MD5 NAME, found 1 fields"),
                ("http://data.gdeltproject.org/events/filesizes", 3, "the size \"abc\" is not a number of bytes"),
            ]
        );
    }

    #[test]
    fn v1_index_html_gives_names_and_md5s() {
        let html = "<HTML><BODY><UL>\n\
                    <LI><A HREF=\"md5sums\">md5sums</A>\n\
                    <LI><A HREF=\"filesizes\">filesizes</A>\n\
                    <LI><A HREF=\"20130401.export.CSV.zip\">20130401.export.CSV.zip</A> (6.2MB) (MD5: 9E96D4E07BA98CCE4287B243FBED14C3)\n\
                    <LI><A HREF=\"1979.zip\">1979.zip</A> (110MB) (MD5: 7fb1b6ff781aea3d441abf512dc5e0f9)\n\
                    <LI><A HREF=\"201303.zip\">201303.zip</A> (80MB)\n\
                    </UL></BODY></HTML>\n";
        let p = parse_v1_index("http://data.gdeltproject.org/events/index.html", html.as_bytes()).unwrap();
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.entries[0].name, "20130401.export.CSV.zip");
        assert_eq!(p.entries[0].md5, "9e96d4e07ba98cce4287b243fbed14c3");
        assert_eq!(p.entries[0].url, "http://data.gdeltproject.org/events/20130401.export.CSV.zip");
        assert_eq!(p.entries[0].size, None);
        assert_eq!(p.problems.len(), 1);
        assert_eq!((p.problems[0].line, p.problems[0].reason.as_str()), (6, "201303.zip has no MD5 on its line"));
    }
}
