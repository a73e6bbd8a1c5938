//! `entente_fetch::fetch` against a GDELT mirror on loopback (`mirror/mod.rs`) serving the
//! real GDELT 2.0 export zips of `../shared/data`, with a file whose listed MD5 is wrong, a
//! 404, a transfer cut in the middle, a server that stalls, and a malformed list line.

#![allow(clippy::unwrap_used)]

mod mirror;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use entente_fetch::{
    End, Event, FetchError, FileReport, Options, Outcome, Progress, Selection, Summary, Table, Version, fetch,
    parse_date,
};
use mirror::{Behaviour, Mirror, master_line, md5_hex, real_exports};

fn options(mirror: &Mirror, out: &Path, from: &str, to: &str) -> Options {
    Options {
        selection: Selection {
            version: Version::V2,
            tables: vec![Table::Events],
            translingual: false,
            from: parse_date(from, End::Start).unwrap(),
            to: Some(parse_date(to, End::Finish).unwrap()),
        },
        base_url: mirror.url("/gdeltv2"),
        out: out.to_path_buf(),
        jobs: 4,
        timeout: Duration::from_secs(1),
        attempts: 3,
        retry_wait: Duration::from_millis(10),
    }
}

fn run(options: &Options) -> (Result<Summary, FetchError>, Vec<Event>) {
    let mut events = Vec::new();
    let result = fetch(options, &Progress::default(), &mut |e| events.push(e.clone()));
    (result, events)
}

fn files_of(events: &[Event]) -> Vec<FileReport> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::File(f) => Some(f.clone()),
            _ => None,
        })
        .collect()
}

fn report<'a>(files: &'a [FileReport], name: &str) -> &'a FileReport {
    files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no report for {name}"))
}

/// The names in `out` that are not hidden (the lists, journal and lock are).
fn visible(out: &Path) -> BTreeSet<String> {
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.'))
        .collect()
}

#[test]
fn a_misbehaving_mirror_ends_with_exactly_the_verified_files() {
    let Some(exports) = real_exports() else { return };
    let mirror = Mirror::start();
    let mut list = String::new();
    for (name, bytes) in &exports {
        list.push_str(&master_line(&mirror, name, bytes.len(), &md5_hex(bytes)));
        let behaviour = if name == "20241022131500.export.CSV.zip" { Behaviour::CutOnce } else { Behaviour::Serve };
        mirror.put(&format!("/gdeltv2/{name}"), bytes.clone(), behaviour);
    }
    // Each slot's mentions are listed too; --tables events leaves them out.
    let mentions = "20241022130000.mentions.CSV.zip";
    list.push_str(&master_line(&mirror, mentions, 3, &md5_hex(b"abc")));
    mirror.put(&format!("/gdeltv2/{mentions}"), b"abc".to_vec(), Behaviour::Serve);
    // A malformed line: its number is the next one.
    let malformed_line = list.lines().count() + 1;
    list.push_str("12345 not-an-md5 http://example.invalid/x.zip\n");
    // A file whose listed MD5 is not that of its bytes.
    let (_, some_zip) = &exports[0];
    let wrong = "20250301000000.export.CSV.zip";
    list.push_str(&master_line(&mirror, wrong, some_zip.len(), &md5_hex(b"something else")));
    mirror.put(&format!("/gdeltv2/{wrong}"), some_zip.clone(), Behaviour::Serve);
    // Listed but not served.
    let missing = "20250301001500.export.CSV.zip";
    list.push_str(&master_line(&mirror, missing, 100, &md5_hex(b"x")));
    mirror.put(&format!("/gdeltv2/{missing}"), Vec::new(), Behaviour::NotFound);
    // A server that never answers.
    let stalled = "20250301003000.export.CSV.zip";
    list.push_str(&master_line(&mirror, stalled, some_zip.len(), &md5_hex(some_zip)));
    mirror.put(&format!("/gdeltv2/{stalled}"), some_zip.clone(), Behaviour::Stall);
    mirror.put("/gdeltv2/masterfilelist.txt", list.into_bytes(), Behaviour::Serve);

    let out = tempfile::tempdir().unwrap();
    let opts = options(&mirror, out.path(), "2024-10-22", "2025-03-01");
    let (result, events) = run(&opts);
    let summary = result.unwrap();
    assert_eq!(summary.listed, 75 + 4);
    assert_eq!(summary.selected, 75 + 3);
    assert_eq!((summary.downloaded, summary.skipped, summary.failed), (75, 0, 3), "{:?}", summary.failures);
    assert_eq!(summary.stopped, None);

    // The malformed line, by number; the rest of the list was used.
    let problems: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::ListProblem(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, malformed_line as u64);
    assert_eq!(problems[0].reason, "the MD5 \"not-an-md5\" is not 32 hex digits");
    assert_eq!(problems[0].list, mirror.url("/gdeltv2/masterfilelist.txt"));

    let files = files_of(&events);
    assert_eq!(files.len(), 78);
    let bad = report(&files, wrong);
    assert_eq!(bad.outcome, Outcome::Failed);
    assert_eq!(bad.attempts, 3, "a mismatch is retried");
    assert_eq!(bad.actual_md5.as_deref(), Some(md5_hex(some_zip).as_str()));
    let reason = bad.reason.as_deref().unwrap();
    assert!(reason.contains(&md5_hex(b"something else")) && reason.contains(&md5_hex(some_zip)), "{reason}");
    let gone = report(&files, missing);
    assert_eq!((gone.outcome, gone.attempts), (Outcome::Failed, 1), "a 404 is not retried");
    assert_eq!(gone.reason.as_deref(), Some("HTTP 404 Not Found"));
    let stall = report(&files, stalled);
    assert_eq!((stall.outcome, stall.attempts), (Outcome::Failed, 3));
    assert!(stall.reason.as_deref().unwrap().contains("timed out"), "{:?}", stall.reason);
    // Retries were announced before each new try.
    let retries = events.iter().filter(|e| matches!(e, Event::Retry { name, .. } if name == stalled)).count();
    assert_eq!(retries, 2);

    // The cut transfer was resumed from the bytes that had arrived.
    let cut_name = "20241022131500.export.CSV.zip";
    let cut_len = exports.iter().find(|(n, _)| n == cut_name).unwrap().1.len() as u64;
    let cut = report(&files, cut_name);
    assert_eq!((cut.outcome, cut.attempts), (Outcome::Downloaded, 2));
    assert_eq!(cut.resumed_from, Some(cut_len / 2));
    let hits = mirror.hits(&format!("/gdeltv2/{cut_name}"));
    assert_eq!(hits.iter().map(|h| h.range_from).collect::<Vec<_>>(), vec![None, Some(cut_len / 2)]);
    assert_eq!(cut.bytes_received, cut_len, "each byte came once");

    // Exactly the verified files are under their names, with the listed bytes.
    let expected: BTreeSet<String> = exports.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(visible(out.path()), expected, "no .part or failed file is left under a final name");
    for (name, bytes) in &exports {
        assert_eq!(md5_hex(&std::fs::read(out.path().join(name)).unwrap()), md5_hex(bytes), "{name}");
    }
    assert!(!mirror.all_hits().iter().any(|h| h.path.ends_with(mentions)));
    assert_eq!(summary.verified.len(), 75);

    // A rerun skips every verified file without asking the server for it again (one try for
    // the failing ones is enough here).
    let opts = Options { attempts: 1, ..opts };
    let asked_before = mirror.all_hits().len();
    let (again, events) = run(&opts);
    let again = again.unwrap();
    assert_eq!((again.downloaded, again.skipped, again.failed), (0, 75, 3));
    let asked: Vec<_> = mirror.all_hits()[asked_before..].iter().map(|h| h.path.clone()).collect();
    assert!(
        asked.iter().all(|p| p.ends_with("masterfilelist.txt")
            || p.ends_with(wrong)
            || p.ends_with(missing)
            || p.ends_with(stalled)),
        "{asked:?}"
    );
    assert_eq!(files_of(&events).iter().filter(|f| f.outcome == Outcome::Skipped).count(), 75);

    // A verified file changed on disk is noticed, replaced, and the rest still skipped.
    let changed = out.path().join(&exports[3].0);
    std::fs::write(&changed, b"not the file").unwrap();
    let (third, events) = run(&opts);
    let third = third.unwrap();
    assert_eq!((third.downloaded, third.skipped, third.failed), (1, 74, 3));
    let replaced = report(&files_of(&events), &exports[3].0).clone();
    assert_eq!(replaced.outcome, Outcome::Downloaded);
    assert!(replaced.reason.unwrap().contains(&md5_hex(b"not the file")));
    assert_eq!(std::fs::read(&changed).unwrap(), exports[3].1);
}

#[test]
fn a_part_left_behind_is_resumed_or_started_over() {
    let Some(exports) = real_exports() else { return };
    let mirror = Mirror::start();
    let picked = &exports[10..13];
    let mut list = String::new();
    for (i, (name, bytes)) in picked.iter().enumerate() {
        list.push_str(&master_line(&mirror, name, bytes.len(), &md5_hex(bytes)));
        // The third file's server ignores Range.
        let behaviour = if i == 2 { Behaviour::NoRanges } else { Behaviour::Serve };
        mirror.put(&format!("/gdeltv2/{name}"), bytes.clone(), behaviour);
    }
    mirror.put("/gdeltv2/masterfilelist.txt", list.into_bytes(), Behaviour::Serve);
    let out = tempfile::tempdir().unwrap();
    // A third of the first file; garbage longer than the second; a third of the third.
    let third = |b: &[u8]| b[..b.len() / 3].to_vec();
    std::fs::write(out.path().join(format!("{}.part", picked[0].0)), third(&picked[0].1)).unwrap();
    std::fs::write(out.path().join(format!("{}.part", picked[1].0)), vec![7u8; picked[1].1.len() + 10]).unwrap();
    std::fs::write(out.path().join(format!("{}.part", picked[2].0)), third(&picked[2].1)).unwrap();

    let opts = options(&mirror, out.path(), "2024-01-01", "2025-12-31");
    let (summary, events) = run(&opts);
    let summary = summary.unwrap();
    assert_eq!((summary.downloaded, summary.failed), (3, 0), "{:?}", summary.failures);
    let files = files_of(&events);
    let first = report(&files, &picked[0].0);
    assert_eq!(first.resumed_from, Some((picked[0].1.len() / 3) as u64));
    assert_eq!(first.bytes_received, (picked[0].1.len() - picked[0].1.len() / 3) as u64);
    assert_eq!(mirror.hits(&format!("/gdeltv2/{}", picked[0].0))[0].range_from, Some((picked[0].1.len() / 3) as u64));
    let second = report(&files, &picked[1].0);
    assert_eq!((second.resumed_from, second.bytes_received), (None, picked[1].1.len() as u64));
    let third_report = report(&files, &picked[2].0);
    assert_eq!((third_report.resumed_from, third_report.bytes_received), (None, picked[2].1.len() as u64));
    for (name, bytes) in picked {
        assert_eq!(&std::fs::read(out.path().join(name)).unwrap(), bytes);
        assert!(!out.path().join(format!("{name}.part")).exists());
    }
}

#[test]
fn gdelt_1_lists_md5sums_and_filesizes_or_the_index() {
    let Some(exports) = real_exports() else { return };
    let mirror = Mirror::start();
    // The bytes are the shared zips; the names are GDELT 1.0's (a monthly and two daily files),
    // since only the lists' handling is tested here.
    let names = ["201303.zip", "20130401.export.CSV.zip", "20130402.export.CSV.zip"];
    let mut md5sums = String::from("f6fcb7e955e35f93c9dae427c07b545d  GDELT.MASTERREDUCEDV2.1979-2013.zip\n");
    let mut filesizes = String::new();
    let mut index = String::from("<HTML><UL>\n<LI><A HREF=\"md5sums\">md5sums</A>\n");
    for (name, (_, bytes)) in names.iter().zip(&exports) {
        md5sums.push_str(&format!("{}  {name}\n", md5_hex(bytes)));
        filesizes.push_str(&format!("{} {name}\n", bytes.len()));
        index.push_str(&format!(
            "<LI><A HREF=\"{name}\">{name}</A> ({:.1}MB) (MD5: {})\n",
            bytes.len() as f64 / 1e6,
            md5_hex(bytes)
        ));
        mirror.put(&format!("/events/{name}"), bytes.clone(), Behaviour::Serve);
    }
    mirror.put("/events/md5sums", md5sums.into_bytes(), Behaviour::Serve);
    mirror.put("/events/filesizes", filesizes.into_bytes(), Behaviour::Serve);
    mirror.put("/events/index.html", index.into_bytes(), Behaviour::Serve);

    let out = tempfile::tempdir().unwrap();
    let mut opts = options(&mirror, out.path(), "2013-03-15", "2013-04-01");
    opts.selection.version = Version::V1;
    opts.base_url = mirror.url("/events/");
    let (summary, events) = run(&opts);
    let summary = summary.unwrap();
    assert_eq!(summary.lists, vec![mirror.url("/events/md5sums"), mirror.url("/events/filesizes")]);
    assert_eq!((summary.listed, summary.selected, summary.downloaded), (4, 2, 2));
    assert_eq!(visible(out.path()), BTreeSet::from(["201303.zip".to_string(), "20130401.export.CSV.zip".to_string()]));
    assert!(files_of(&events).iter().all(|f| f.size.is_some()));

    // Without md5sums, the index gives the MD5s (and no sizes).
    mirror.set("/events/md5sums", Behaviour::NotFound);
    let out = tempfile::tempdir().unwrap();
    opts.out = out.path().to_path_buf();
    opts.selection.to = Some(parse_date("2013-04-02", End::Finish).unwrap());
    let (summary, events) = run(&opts);
    let summary = summary.unwrap();
    assert_eq!(summary.lists, vec![mirror.url("/events/index.html")]);
    assert_eq!((summary.selected, summary.downloaded, summary.failed), (3, 3, 0));
    assert!(events.iter().any(
        |e| matches!(e, Event::Note { message } if message.contains("HTTP 404") && message.contains("index.html"))
    ));
    assert!(files_of(&events).iter().all(|f| f.size.is_none()));
}

#[test]
fn bad_input_fails_with_a_clear_error() {
    // A base URL where nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let mirror = Mirror::start();
    let out = tempfile::tempdir().unwrap();
    let mut opts = options(&mirror, out.path(), "2024-10-22", "2024-10-22");
    opts.base_url = format!("http://127.0.0.1:{port}/gdeltv2/");
    opts.attempts = 2;
    let err = run(&opts).0.unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("cannot fetch the file list http://127.0.0.1:{port}/gdeltv2/masterfilelist.txt: "))
            && err.contains("refused"),
        "{err}"
    );

    // A list that is not there.
    opts.base_url = mirror.url("/nothing/");
    let err = run(&opts).0.unwrap_err().to_string();
    assert_eq!(
        err,
        format!("cannot fetch the file list {}: HTTP 404 Not Found", mirror.url("/nothing/masterfilelist.txt"))
    );

    opts.base_url = "ftp://example.invalid/".into();
    assert_eq!(
        run(&opts).0.unwrap_err().to_string(),
        "the base URL \"ftp://example.invalid/\" is not an http:// or https:// address"
    );

    opts.base_url = mirror.url("/gdeltv2/");
    opts.selection.version = Version::V1;
    opts.selection.tables = vec![Table::Events, Table::Mentions];
    assert!(
        run(&opts)
            .0
            .unwrap_err()
            .to_string()
            .starts_with("GDELT 1.0 is fetched for its events only (mentions was asked)")
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_stops_the_fetch_and_leaves_no_file_under_its_name() {
    let Some(exports) = real_exports() else { return };
    let mirror = Mirror::start();
    let picked = &exports[20..24];
    let mut list = String::new();
    for (name, bytes) in picked {
        list.push_str(&master_line(&mirror, name, bytes.len(), &md5_hex(bytes)));
        mirror.put(&format!("/gdeltv2/{name}"), bytes.clone(), Behaviour::Serve);
    }
    mirror.put("/gdeltv2/masterfilelist.txt", list.into_bytes(), Behaviour::Serve);
    let out = tempfile::tempdir().unwrap();
    // Writes to /dev/full fail as on a full disk (ENOSPC).
    std::os::unix::fs::symlink("/dev/full", out.path().join(format!("{}.part", picked[0].0))).unwrap();
    let mut opts = options(&mirror, out.path(), "2024-01-01", "2025-12-31");
    opts.jobs = 1;
    let (summary, events) = run(&opts);
    let summary = summary.unwrap();
    let stopped = summary.stopped.clone().unwrap();
    assert!(
        stopped.contains(&format!("{}.part", picked[0].0)) && stopped.contains("No space left on device"),
        "{stopped}"
    );
    assert_eq!((summary.downloaded, summary.failed), (0, 4));
    let files = files_of(&events);
    assert_eq!(report(&files, &picked[0].0).attempts, 1, "a local failure is not retried");
    for (name, _) in &picked[1..] {
        assert!(
            report(&files, name).reason.as_deref().unwrap().starts_with("not tried: the fetch stopped (cannot write")
        );
    }
    assert!(visible(out.path()).iter().all(|n| n.ends_with(".part")), "{:?}", visible(out.path()));
}
