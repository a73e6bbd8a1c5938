//! Runs the `entente` binary the way a user would, each test with its own data folder.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use common::Env;

/// Everything a user can see of the store, to check that refused loads change nothing.
fn state(env: &Env) -> String {
    format!(
        "{}{}",
        env.text(&["datasets", "--format", "json"]),
        env.text(&["timeline", "FRA", "KAZ", "--format", "json"])
    )
}

fn repo_dataset() -> PathBuf {
    entente_testkit::repo("dataset/fra-kaz")
}

#[test]
fn the_timeline_lists_every_dated_event_of_the_paper_in_order_with_citations() {
    let env = Env::new();
    let v = env.json(&["timeline", "FRA", "KAZ", "--format", "json"]);
    let entries = v.as_array().unwrap();
    // Every event of the dataset involves both countries, so the timeline holds them all.
    let events_in_dataset =
        std::fs::read_to_string(repo_dataset().join("events.toml")).unwrap().matches("[[event]]").count();
    assert_eq!(entries.len(), events_in_dataset);
    let dates: Vec<&str> = entries.iter().map(|e| e["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    // Year-precision dates sort before the days of that year.
    sorted.sort_by_key(|d| format!("{d}{}", &"0000-00-00"[d.len()..]));
    assert_eq!(dates, sorted, "timeline not in date order");
    for expected in [
        "1883-07-21",
        "2004",
        "2005",
        "2012-12-17",
        "2013",
        "2014",
        "2015",
        "2016",
        "2018-10-19",
        "2019",
        "2019-06-25",
        "2020-03-01",
    ] {
        assert!(dates.contains(&expected), "{expected} missing from {dates:?}");
    }
    for e in entries {
        for key in ["id", "date", "kind", "title", "status", "direction"] {
            assert!(e[key].is_string(), "{key} in {e}");
        }
        assert!(e["context"].is_boolean(), "context in {e}");
        let sources = e["sources"].as_array().unwrap();
        // Every event has evidence; a reference kept only as cited says why.
        assert!(sources.iter().any(|s| s["role"] == "evidence"), "{e}");
        for s in sources {
            assert!(!s["locator"].as_str().unwrap().is_empty() && !s["citation"].as_str().unwrap().is_empty());
            if s["source_id"] == "kussainova-2021" {
                assert!(s["locator"].as_str().unwrap().starts_with("Discussion and Results"));
                assert!(s["citation"].as_str().unwrap().contains("10.32523/2616-6887/2021-134-1-16-22"));
            }
            if s["role"] == "as_cited_in_source" {
                assert!(s["note"].is_string(), "{s}");
            }
        }
    }
    // The paper's 2008 reference is no evidence for 2013-14, and the academic year is a period.
    let students = entries.iter().find(|e| e["id"] == "ev-2013-students-enter-french-universities").unwrap();
    assert_eq!(students["period"], "2013/14");
    assert_eq!(students["sources"][1]["source_id"], "ref09-kusainov-2008");
    assert_eq!(students["sources"][1]["role"], "as_cited_in_source");
    // Context events are there, marked, and --no-context leaves them out.
    let context: Vec<&str> =
        entries.iter().filter(|e| e["context"] == true).map(|e| e["id"].as_str().unwrap()).collect();
    assert!(context.contains(&"ev-1883-alliance-francaise-created"), "{context:?}");
    let bilateral = env.json(&["timeline", "FRA", "KAZ", "--no-context", "--format", "json"]);
    assert_eq!(bilateral.as_array().unwrap().len(), entries.len() - context.len());
    assert!(bilateral.as_array().unwrap().iter().all(|e| e["context"] == false));
    let table = env.text(&["timeline", "FRA", "KAZ"]);
    assert!(table.contains(&format!("{} of them context only", context.len())), "{table}");
    assert!(table.contains(
        "ref09-kusainov-2008 (reference [9] of kussainova-2021) [as cited in the source only, not evidence]"
    ));
}

#[test]
fn countries_may_be_given_by_any_name() {
    let env = Env::new();
    let by_code = env.text(&["timeline", "FRA", "KAZ", "--format", "json"]);
    assert_eq!(env.text(&["timeline", "France", "Қазақстан", "--format", "json"]), by_code);
    assert_eq!(env.text(&["timeline", "fr", "398", "--format", "json"]), by_code);
    assert_eq!(env.text(&["timeline", "Франция", "Казахстан", "--format", "json"]), by_code);
    // The other way round, directions swap.
    let flipped = env.json(&["timeline", "KAZ", "FRA", "--format", "json"]);
    let autumn = flipped.as_array().unwrap().iter().find(|e| e["id"] == "ev-2019-kazakhstan-autumn-in-france").unwrap();
    assert_eq!(autumn["direction"], "A>B");
    let out = env.run(&["timeline", "Frnace", "KAZ"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown country \"Frnace\"; did you mean France (FRA)?"), "{err}");
}

#[test]
fn filters_and_formats() {
    let env = Env::new();
    let v = env.json(&["timeline", "FRA", "KAZ", "--from", "2018", "--to", "2019", "--format", "json"]);
    assert!(v.as_array().unwrap().iter().any(|e| e["id"] == "ev-2018-digital-autumn"));
    assert!(!v.as_array().unwrap().iter().any(|e| e["id"] == "ev-2014-sorbonne-kazakhstan-opens"));
    let v = env.json(&["timeline", "FRA", "KAZ", "--domain", "film", "--format", "json"]);
    assert_eq!(v.as_array().unwrap().len(), 1);
    let csv = env.text(&["timeline", "FRA", "KAZ", "--kind", "institution_opened", "--format", "csv"]);
    assert!(csv.starts_with("id,date,end,period,context,kind,title,status,direction"));
    assert_eq!(csv.lines().count(), 6);
    let table = env.text(&["timeline", "FRA", "KAZ", "--lang", "kk"]);
    assert!(table.contains("Франция – Қазақстан"));
    let bad = env.run(&["timeline", "FRA", "KAZ", "--kind", "exhibit"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown event kind \"exhibit\""));
    let bad = env.run(&["timeline", "FRA", "KAZ", "--from", "2020", "--to", "2019"]);
    assert!(!bad.status.success());
}

#[test]
fn search_show_and_sources() {
    let env = Env::new();
    let hits = env.json(&["search", "sorbonne", "--format", "json"]);
    assert!(hits.as_array().unwrap().iter().any(|h| h["id"] == "sorbonne-kazakhstan"));
    let hits = env.json(&["search", "Казахстанская правда", "--format", "json"]);
    assert!(hits.as_array().unwrap().iter().any(|h| h["id"] == "ref02-sultangaliev-2011"));
    let rec = env.json(&["show", "ev-2013-students-enter-french-universities", "--format", "json"]);
    assert_eq!(rec["quantity"]["value"], 513.0);
    assert_eq!(rec["dataset"], "fra-kaz");
    assert!(rec["citations"][0]["citation"].as_str().unwrap().starts_with("Kussainova A. M."));
    let missing = env.run(&["show", "sorbonne"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("did you mean sorbonne-kazakhstan"));

    let gost = env.text(&["sources", "--style", "gost"]);
    assert!(gost.contains("Кусаинов А. К. Система образования Франции: ступени после школьного образования / А. К. Кусаинов, Н. Анарбек // Вестн. акад. пед. наук Казахстана. – 2008. – № 4. – С. 52."));
    assert!(gost.starts_with("1. "), "{gost}");
    let apa = env.text(&["sources", "--style", "apa"]);
    assert!(apa.contains("Kussainova, A. M., & Kalibekova, L. S. (2021)."));
    let bib = env.text(&["sources", "--style", "bibtex"]);
    assert_eq!(bib.matches("\n@").count() + 1, bib.matches('@').count());
    assert!(bib.contains("@article{kussainova-2021,"));
    let csl = env.json(&["sources", "--style", "csl-json"]);
    // The paper, the journal page, the paper's 13 references, the 13 sources of the
    // corrections, the 5 bundled indicator feeds and the 6 bundled dyadic feeds.
    assert_eq!(csl.as_array().unwrap().len(), 39);
}

#[test]
fn loading_the_same_folder_twice_changes_nothing() {
    let env = Env::new();
    let first = env.json(&["load", repo_dataset().to_str().unwrap(), "--format", "json"]);
    // The bundled copy is already there, identical: every record is unchanged.
    assert_eq!(first[0]["added"], 0);
    assert_eq!(first[0]["updated"], 0);
    let before = state(&env);
    let second = env.json(&["load", repo_dataset().to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        (second[0]["added"].as_u64(), second[0]["updated"].as_u64(), second[0]["removed"].as_u64()),
        (Some(0), Some(0), Some(0))
    );
    assert_eq!(state(&env), before);
}

const META: &[u8] = b"[dataset]\nid = \"kaz-deu\"\ntitle = \"Test\"\n";
const SOURCE: &[u8] =
    b"[[source]]\nid = \"src\"\nkind = \"web_page\"\ntitle = \"A page\"\nurl = \"https://example.org/\"\n";

fn event(fields: &str) -> Vec<u8> {
    format!(
        "[[event]]\nid = \"ev-x\"\nkind = \"exhibition\"\ntitle = {{ en = \"X\" }}\ndate = \"2019-05-01\"\ndomains = [\"arts\"]\nstatus = \"held\"\nhost = \"DEU\"\nprojecting = [\"KAZ\"]\nsources = [{{ source = \"src\", locator = \"p. 1\" }}]\n{fields}"
    )
    .into_bytes()
}

/// Loads a bad dataset and checks the error names the place and reason, and nothing changed.
fn refused(env: &Env, name: &str, files: &[(&str, &[u8])], expected: &str) {
    let before = state(env);
    let dir = env.dataset(name, files);
    let out = env.run(&["load", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{name} was accepted");
    assert!(err.contains(expected), "{name}: expected {expected:?} in:\n{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(state(env), before, "{name} changed the store");
    assert!(!env.text(&["datasets"]).contains("kaz-deu"));
}

#[test]
fn each_kind_of_bad_input_is_refused_whole_with_a_clear_message() {
    let env = Env::new();
    env.text(&["datasets"]);
    let ev = |s: &str| event(s);
    refused(
        &env,
        "missing-source",
        &[
            ("dataset.toml", META),
            (
                "events.toml",
                &String::from_utf8(event("")).unwrap().replace("source = \"src\"", "source = \"nosuch\"").into_bytes(),
            ),
        ],
        "events.toml:10: event ev-x, field sources[0].source: no source has id \"nosuch\"",
    );
    refused(
        &env,
        "unknown-country",
        &[
            ("dataset.toml", META),
            ("s.toml", SOURCE),
            ("events.toml", &String::from_utf8(event("")).unwrap().replace("\"DEU\"", "\"Atlantis\"").into_bytes()),
        ],
        "events.toml:8: event ev-x, field host: unknown country \"Atlantis\"",
    );
    refused(
        &env,
        "impossible-date",
        &[
            ("dataset.toml", META),
            ("s.toml", SOURCE),
            ("events.toml", &String::from_utf8(event("")).unwrap().replace("2019-05-01", "2019-02-30").into_bytes()),
        ],
        "events.toml:5: event ev-x, field date: \"2019-02-30\" does not exist",
    );
    let twice = [ev(""), ev("")].concat();
    refused(
        &env,
        "duplicate-id",
        &[("dataset.toml", META), ("s.toml", SOURCE), ("events.toml", &twice)],
        "events.toml:12: event ev-x, field id: duplicate id: also used at events.toml:2",
    );
    refused(
        &env,
        "unknown-kind",
        &[
            ("dataset.toml", META),
            ("s.toml", SOURCE),
            ("events.toml", &String::from_utf8(event("")).unwrap().replace("exhibition", "exhibit").into_bytes()),
        ],
        "events.toml:3: event ev-x, field kind: unknown event kind \"exhibit\"; expected one of:",
    );
    refused(
        &env,
        "malformed-toml",
        &[("dataset.toml", META), ("s.toml", SOURCE), ("events.toml", b"[[event]]\nid = \"ev-x\ntitle = \"X\"\n")],
        "events.toml:2: is not valid TOML",
    );
    refused(
        &env,
        "malformed-csv",
        &[
            ("dataset.toml", META),
            ("s.toml", SOURCE),
            ("observations.csv", b"id,indicator,country,period,value,unit,source,locator\no1,students.inbound,KAZ,2019,12,students,src,row 1\no2,students.inbound,KAZ\n"),
        ],
        "observations.csv:3: has 3 fields where the header has 8",
    );
    refused(
        &env,
        "unparsable-number",
        &[
            ("dataset.toml", META),
            ("s.toml", SOURCE),
            ("observations.csv", b"id,indicator,country,period,value,unit,source,locator\no1,students.inbound,KAZ,2019,twelve,students,src,row 1\n"),
        ],
        "observations.csv:2: observation o1, field value: must be a number, not text",
    );
    refused(&env, "not-utf8", &[("dataset.toml", META), ("s.toml", b"# \xff\xfe\n")], "s.toml:1: is not UTF-8 text");
    refused(
        &env,
        "no-sources",
        &[
            ("dataset.toml", META),
            ("s.toml", SOURCE),
            (
                "events.toml",
                &String::from_utf8(event(""))
                    .unwrap()
                    .replace("sources = [{ source = \"src\", locator = \"p. 1\" }]\n", "")
                    .into_bytes(),
            ),
        ],
        "events.toml:1: event ev-x, field sources: cites no source",
    );
    refused(&env, "no-meta", &[("s.toml", SOURCE)], "has no [dataset] table");
    // Several problems at once are all reported.
    let out = env.run(&[
        "load",
        env.dataset(
            "many",
            &[
                ("dataset.toml", META),
                (
                    "events.toml",
                    &String::from_utf8(event("colour = \"red\"\n"))
                        .unwrap()
                        .replace("\"DEU\"", "\"Atlantis\"")
                        .into_bytes(),
                ),
            ],
        )
        .to_str()
        .unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("field host")
            && err.contains("field colour")
            && err.contains("field sources[0].source")
            && err.contains("3 problems"),
        "{err}"
    );
}

#[test]
fn a_second_dyad_loads_and_is_listed() {
    let env = Env::new();
    let dir = env.dataset("kaz-deu", &[("dataset.toml", META), ("s.toml", SOURCE), ("events.toml", &event(""))]);
    let report = env.json(&["load", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(report[0]["added"], 2);
    let v = env.json(&["timeline", "Germany", "Kazakhstan", "--format", "json"]);
    assert_eq!(v[0]["direction"], "B>A");
    assert_eq!(v[0]["setting"], "internal");
    let ds = env.json(&["datasets", "--format", "json"]);
    let ids: Vec<&str> = ds.as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"kaz-deu") && ids.contains(&"fra-kaz"), "{ids:?}");
    let check = env.run(&["load", "--check", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&check.stderr).contains("is valid"));
}

#[test]
fn every_command_has_help() {
    let env = Env::new();
    let out = env.text(&["--help"]);
    let commands =
        ["load", "check", "timeline", "search", "show", "sources", "countries", "kinds", "datasets", "serve"];
    for c in commands {
        assert!(out.contains(c), "{c} not in --help");
        let help = env.text(&[c, "--help"]);
        assert!(help.contains("Usage: entente"), "{c}: {help}");
    }
}

#[test]
fn countries_and_kinds() {
    let env = Env::new();
    let v = env.json(&["countries", "Қазақстан", "--format", "json"]);
    assert_eq!(v[0]["alpha3"], "KAZ");
    assert_eq!(v[0]["fips"], "KZ");
    let all = env.json(&["countries", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 249);
    let kinds = env.json(&["kinds", "--format", "json"]);
    assert_eq!(kinds.as_array().unwrap().len(), 13);
}

/// The subcommands `entente [group] --help` lists, without `help`.
fn subcommands(env: &Env, group: &[&str]) -> Vec<String> {
    let help = env.text(&[group, &["--help"]].concat());
    let commands = help.split("Commands:").nth(1).and_then(|s| s.split("Options:").next()).unwrap_or("");
    commands
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_command_that_prints_results_takes_format() {
    let env = Env::new();
    let mut checked = 0;
    for command in subcommands(&env, &[]) {
        // `serve` and the cluster's parts are servers: they print nothing but their address.
        if command == "serve" || command == "cluster" {
            continue;
        }
        let nested = subcommands(&env, &[&command]);
        let leaves: Vec<Vec<&str>> = if nested.is_empty() {
            vec![vec![command.as_str()]]
        } else {
            nested.iter().map(|n| vec![command.as_str(), n.as_str()]).collect()
        };
        for leaf in leaves {
            let help = env.text(&[leaf.as_slice(), &["--help"]].concat());
            assert!(help.contains("--format"), "entente {} has no --format:\n{help}", leaf.join(" "));
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} commands checked");
}

#[test]
fn sources_as_rows_in_json_and_csv() {
    let env = Env::new();
    let gost = env.text(&["sources", "--style", "gost"]);
    let entries: Vec<&str> =
        gost.lines().filter(|l| l.split_once(". ").is_some_and(|(n, _)| n.parse::<usize>().is_ok())).collect();
    let json = env.json(&["sources", "--style", "gost", "--format", "json"]);
    assert_eq!(json["style"], "gost");
    let rows = json["sources"].as_array().unwrap();
    assert_eq!(rows.len(), entries.len());
    // The same entries in the same order as the bibliography.
    for (row, line) in rows.iter().zip(&entries) {
        assert!(line.ends_with(row["citation"].as_str().unwrap()), "{line} / {row}");
        assert!(row["id"].is_string() && row["kind"].is_string() && row["cited_by"].is_u64(), "{row}");
    }
    let paper = rows.iter().find(|r| r["id"] == "kussainova-2021").unwrap();
    assert!(paper["cited_by"].as_u64().unwrap() > 10, "{paper}");

    let csv = env.text(&["sources", "--style", "apa", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["id", "kind", "citation", "cited_by"]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), rows.len());
    assert!(
        records
            .iter()
            .any(|r| &r[0] == "kussainova-2021" && r[2].contains("Kussainova, A. M., & Kalibekova, L. S. (2021)."))
    );

    // A machine style as rows: each entry written as BibTeX.
    let bib = env.json(&["sources", "--style", "bibtex", "--format", "json"]);
    let bib_rows = bib["sources"].as_array().unwrap();
    assert_eq!(bib_rows.len(), rows.len());
    assert!(bib_rows.iter().all(|r| r["citation"].as_str().unwrap().starts_with('@')));
}

#[test]
fn an_unsupported_language_is_refused_with_the_supported_ones() {
    let env = Env::new();
    for command in [
        vec!["timeline", "FRA", "KAZ"],
        vec!["indicators", "FRA", "KAZ"],
        vec!["compare", "KAZ"],
        vec!["index", "FRA", "KAZ"],
        vec!["diagnose", "FRA", "KAZ"],
        vec!["report", "FRA", "KAZ"],
    ] {
        let out = env.run(&[command.as_slice(), &["--lang", "de"]].concat());
        assert!(!out.status.success(), "{command:?} --lang de succeeded");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("\"de\" is not supported"), "{command:?}: {err}");
        for l in ["en (English)", "fr (Français)", "ru (Русский)", "kk (Қазақша)"] {
            assert!(err.contains(l), "{command:?}: {err} lacks {l}");
        }
        assert!(out.stdout.is_empty(), "{command:?} printed a result");
    }
    // Case and spaces are forgiven; the code is what counts.
    assert!(env.text(&["timeline", "FRA", "KAZ", "--lang", "RU"]).contains("Франция – Казахстан"));
}

#[test]
fn the_timeline_counts_its_events_in_the_words_of_each_language() {
    let env = Env::new();
    let count = |from: &str, to: &str| {
        env.json(&["timeline", "FRA", "KAZ", "--from", from, "--to", to, "--format", "json"]).as_array().unwrap().len()
    };
    let heading = |lang: &str, from: &str, to: &str| {
        env.text(&["timeline", "FRA", "KAZ", "--lang", lang, "--from", from, "--to", to])
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    // One event in 2005, four from 2019 to 2021 and five from 2012 to 2016, in the bundled
    // dataset: Russian's one, few and many forms.
    assert_eq!(count("2005", "2005"), 1);
    assert_eq!(count("2019", "2021"), 4);
    assert_eq!(count("2012", "2016"), 5);
    assert_eq!(heading("ru", "2005", "2005"), "Франция – Казахстан (FRA – KAZ): 1 событие");
    // Two of the four from 2019 and two of the five from 2012 are there by context only.
    assert_eq!(
        heading("ru", "2019", "2021"),
        "Франция – Казахстан (FRA – KAZ): 4 события, из них только контекст: 2 (не двусторонние; скрываются флагом --no-context)"
    );
    assert!(heading("ru", "2012", "2016").starts_with("Франция – Казахстан (FRA – KAZ): 5 событий, из них"));
    assert!(heading("kk", "2012", "2016").starts_with("Франция – Қазақстан (FRA – KAZ): 5 оқиға, оның ішінде"));
    assert_eq!(heading("fr", "2005", "2005"), "France – Kazakhstan (FRA – KAZ): 1 événement");
    assert_eq!(heading("en", "2005", "2005"), "France – Kazakhstan (FRA – KAZ): 1 event");
    assert_eq!(
        heading("en", "2012", "2016"),
        "France – Kazakhstan (FRA – KAZ): 5 events, 2 of them context only (not bilateral; hidden by --no-context)"
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    let env = Env::new();
    env.ok(&["datasets"]);
    // `entente query … | head -1`: the reader takes one line and goes. The observations print
    // as about 1 MB of CSV, far more than a pipe holds, so the writer meets the closed pipe.
    for args in [&["query", "SELECT * FROM observations", "--format", "csv"][..], &["timeline", "FRA", "KAZ"][..]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_entente"))
            .arg("--data")
            .arg(env.data())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(!first.is_empty(), "entente {args:?} printed nothing");
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "entente {args:?}: {stderr}");
        // Ended by SIGPIPE like other Unix tools (the short timeline may be done before).
        let ended_by_sigpipe = out.status.signal() == Some(13);
        assert!(
            ended_by_sigpipe || (args[0] == "timeline" && out.status.success()),
            "entente {args:?}: {:?}",
            out.status
        );
    }
}
