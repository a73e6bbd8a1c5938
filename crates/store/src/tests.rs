use super::*;
use entente_ingest::curated::{DatasetFile, DatasetFiles, parse_dataset};

fn files(list: &[(&str, &str)]) -> DatasetFiles {
    DatasetFiles {
        origin: "test".into(),
        files: list.iter().map(|(n, t)| DatasetFile { name: n.to_string(), bytes: t.as_bytes().to_vec() }).collect(),
    }
}

fn load(store: &mut Store, f: &DatasetFiles) -> LoadReport {
    let index = store.record_index().unwrap();
    let dataset = parse_dataset(f, &|id| index.get(id).cloned()).unwrap();
    store.load_dataset(&dataset, &f.origin, &f.fingerprint()).unwrap()
}

fn bundled() -> DatasetFiles {
    entente_ingest::bundled::datasets().remove(0)
}

#[test]
fn loads_the_bundled_dataset_once() {
    let mut store = Store::open_in_memory().unwrap();
    let first = load(&mut store, &bundled());
    assert!(first.added > 50, "{first:?}");
    assert_eq!((first.updated, first.removed, first.unchanged), (0, 0, 0));
    let again = load(&mut store, &bundled());
    assert_eq!(again.unchanged, first.added);
    assert!(!again.changed());
    assert!(store.check().unwrap().is_empty());
    let ds = store.datasets().unwrap();
    assert_eq!(ds[0].id, "fra-kaz");
    assert_eq!(ds[0].records as usize, first.added);
}

#[test]
fn reloading_changed_files_updates_adds_and_removes() {
    let meta = "[dataset]\nid = \"t\"\ntitle = \"T\"\n";
    let src = "[[source]]\nid = \"p\"\nkind = \"article\"\ntitle = \"P\"\n";
    let ev = |id: &str, title: &str| {
        format!(
            "[[event]]\nid = \"{id}\"\nkind = \"other\"\ntitle = \"{title}\"\ndate = \"2019\"\ndomains = [\"arts\"]\nstatus = \"held\"\nhost = \"FRA\"\ncountries = [\"KAZ\"]\nsources = [{{ source = \"p\", locator = \"x\" }}]\n"
        )
    };
    let mut store = Store::open_in_memory().unwrap();
    let v1 = format!("{}{}", ev("a", "A"), ev("b", "B"));
    let r = load(&mut store, &files(&[("dataset.toml", meta), ("s.toml", src), ("e.toml", &v1)]));
    assert_eq!(r.added, 3);
    let v2 = format!("{}{}", ev("a", "A changed"), ev("c", "C"));
    let r = load(&mut store, &files(&[("dataset.toml", meta), ("s.toml", src), ("e.toml", &v2)]));
    assert_eq!((r.added, r.updated, r.removed, r.unchanged), (1, 1, 1, 1));
    assert!(store.record("b").unwrap().is_none());
    assert_eq!(store.record("a").unwrap().unwrap().record.title("en"), "A changed");
    assert_eq!(store.events_between("KAZ", "FRA", &EventFilter::default()).unwrap().len(), 2);
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn removing_a_source_still_cited_elsewhere_is_refused_and_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    load(
        &mut store,
        &files(&[
            ("dataset.toml", "[dataset]\nid = \"a\"\ntitle = \"A\"\n"),
            ("s.toml", "[[source]]\nid = \"p\"\nkind = \"article\"\ntitle = \"P\"\n"),
        ]),
    );
    let ev = "[[event]]\nid = \"e\"\nkind = \"other\"\ntitle = \"E\"\ndate = \"2019\"\ndomains = [\"arts\"]\nstatus = \"held\"\nhost = \"FRA\"\nsources = [{ source = \"p\", locator = \"x\" }]\n";
    load(&mut store, &files(&[("dataset.toml", "[dataset]\nid = \"b\"\ntitle = \"B\"\n"), ("e.toml", ev)]));
    // Dataset a now drops its source, which dataset b cites.
    let f = files(&[("dataset.toml", "[dataset]\nid = \"a\"\ntitle = \"A\"\n"), ("x.toml", "# empty\n")]);
    let dataset = parse_dataset(&f, &|_| None).unwrap();
    let err = store.load_dataset(&dataset, "test", &f.fingerprint()).unwrap_err();
    assert!(err.to_string().contains("pointing at a removed record"), "{err}");
    assert!(store.record("p").unwrap().is_some());
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn timeline_query_filters_and_orders() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, &bundled());
    let all = store.events_between("FRA", "KAZ", &EventFilter::default()).unwrap();
    let dates: Vec<String> = all.iter().map(|e| e.date.to_string()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(dates.contains(&"2019-06-25".to_string()));
    let window = EventFilter { from_year: Some(2018), to_year: Some(2019), ..Default::default() };
    let some = store.events_between("FRA", "KAZ", &window).unwrap();
    assert!(some.iter().all(|e| e.date.year <= 2019 && e.end.unwrap_or(e.date).year >= 2018));
    assert!(
        some.iter().any(|e| e.id == "ev-2018-digital-autumn")
            && !some.iter().any(|e| e.id == "ev-2016-spring-of-poets")
    );
    // The Decade (2013–2022) overlaps the window and counts.
    assert!(
        store
            .events_between("FRA", "KAZ", &EventFilter { from_year: Some(2021), ..Default::default() })
            .unwrap()
            .iter()
            .any(|e| e.id == "ev-2013-decade-rapprochement-adopted")
    );
    let film = EventFilter { domains: vec!["film".into()], ..Default::default() };
    assert_eq!(store.events_between("FRA", "KAZ", &film).unwrap().len(), 1);
    let kinds = EventFilter { kinds: vec!["institution_opened".into()], ..Default::default() };
    assert!(
        store.events_between("FRA", "KAZ", &kinds).unwrap().iter().all(|e| e.kind.as_str() == "institution_opened")
    );
    assert_eq!(store.dyads().unwrap()[0], DyadCount { a: "FRA".into(), b: "KAZ".into(), events: all.len() as i64 });
}

#[test]
fn search_ignores_case_diacritics_and_punctuation() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, &bundled());
    let hits = store.search("sorbonne kazakhstan", 10).unwrap();
    assert!(hits.iter().any(|h| h.id == "sorbonne-kazakhstan"), "{hits:?}");
    assert!(store.search("FRANCAISE", 10).unwrap().iter().any(|h| h.id == "alliance-francaise"));
    assert!(store.search("Система образования", 10).unwrap().iter().any(|h| h.id == "ref09-kusainov-2008"));
    assert!(store.search("\"unbalanced (quote* AND", 10).is_ok());
    assert!(store.search("  ", 10).unwrap().is_empty());
}

#[test]
fn reopening_a_file_store_keeps_data_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/entente.db");
    {
        let mut store = Store::open(&path).unwrap();
        load(&mut store, &bundled());
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::VERSION);
    assert_eq!(store.datasets().unwrap().len(), 1);
    // A store from a newer entente is refused, not misread.
    store.conn.pragma_update(None, "user_version", 99).unwrap();
    drop(store);
    let err = Store::open(&path).err().unwrap();
    assert!(err.to_string().contains("newer entente"), "{err}");
}
