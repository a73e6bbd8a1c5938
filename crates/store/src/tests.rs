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
    // The academic year 2013-14 overlaps a window that starts in 2014, and counts.
    let from_2014 =
        store.events_between("FRA", "KAZ", &EventFilter { from_year: Some(2014), ..Default::default() }).unwrap();
    assert!(from_2014.iter().any(|e| e.id == "ev-2013-students-enter-french-universities"));
    assert!(!from_2014.iter().any(|e| e.id == "ev-2005-alliance-francaise-astana"));
    let film = EventFilter { domains: vec!["film".into()], ..Default::default() };
    assert_eq!(store.events_between("FRA", "KAZ", &film).unwrap().len(), 1);
    let kinds = EventFilter { kinds: vec!["institution_opened".into()], ..Default::default() };
    assert!(
        store.events_between("FRA", "KAZ", &kinds).unwrap().iter().all(|e| e.kind.as_str() == "institution_opened")
    );
    // Events there by context only are counted apart from the bilateral ones.
    let context = all.iter().filter(|e| e.context).count() as i64;
    assert!(context > 0);
    assert_eq!(
        store.dyads().unwrap()[0],
        DyadCount { a: "FRA".into(), b: "KAZ".into(), events: all.len() as i64 - context, context }
    );
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

#[test]
fn browsing_pages_filters_and_facets_agree_with_the_records() {
    let mut store = Store::open_in_memory().unwrap();
    let report = load(&mut store, &bundled());
    let all = store.browse(&RecordQuery { per_page: 7, ..Default::default() }).unwrap();
    assert_eq!(all.total, report.added);
    assert_eq!(all.facets["kind"].values().sum::<usize>(), all.total);
    // Only events have an origin.
    assert_eq!(all.facets["origin"].values().sum::<usize>(), all.facets["kind"]["event"]);

    // Walking the pages visits every record once.
    let mut seen = HashSet::new();
    for page in 1..=all.total.div_ceil(7) {
        let p = store.browse(&RecordQuery { per_page: 7, page, ..Default::default() }).unwrap();
        assert!(p.records.len() <= 7);
        for r in p.records {
            assert!(seen.insert(r.id.clone()), "{} twice", r.id);
        }
    }
    assert_eq!(seen.len(), all.total);

    // The dyad filter finds the same events as the timeline query.
    // Restricting to a list of ids finds exactly those.
    let expected = store.events_between("FRA", "KAZ", &EventFilter::default()).unwrap();
    let mut ids: Vec<String> = expected.iter().map(|e| e.id.clone()).collect();
    ids.push("no-such-record".into());
    let dyad = RecordQuery { ids: Some(ids), per_page: 500, ..Default::default() };
    let events = store.browse(&dyad).unwrap();
    assert_eq!(events.total, expected.len());
    assert_eq!(events.facets["kind"]["event"], expected.len());
    assert_eq!(store.browse(&RecordQuery { ids: Some(vec![]), ..Default::default() }).unwrap().total, 0);
    assert_eq!(events.facets["year"].values().sum::<usize>(), events.total);
    let first_year: i32 = events.facets["year"].keys().next().unwrap().parse().unwrap();
    let in_year = store.browse(&RecordQuery { years: vec![first_year], ..dyad.clone() }).unwrap();
    assert_eq!(in_year.total, events.facets["year"][&first_year.to_string()]);
    assert!(in_year.records.iter().all(|r| r.date.as_deref().unwrap().starts_with(&first_year.to_string())));

    // A domain facet count is what filtering by that domain returns.
    let (domain, count) = events.facets["domain"].iter().next().unwrap();
    let by_domain = store.browse(&RecordQuery { domains: vec![domain.clone()], ..dyad.clone() }).unwrap();
    assert_eq!(by_domain.total, *count);

    // Text search narrows, and a word found nowhere finds nothing.
    let hits = store.search("Alliance", 500).unwrap();
    let text =
        store.browse(&RecordQuery { text: Some("Alliance".into()), per_page: 500, ..Default::default() }).unwrap();
    assert_eq!(text.total, hits.len());
    assert!(text.total > 0 && text.total < all.total);
    let none = store.browse(&RecordQuery { text: Some("zzzyqx".into()), ..Default::default() }).unwrap();
    assert_eq!((none.total, none.records.len()), (0, 0));
    assert!(none.facets["kind"].is_empty());
}

fn event_json(id: &str, source: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "kind": "exhibition", "title": {"en": "An exhibition"}, "date": "2021-05",
        "domains": ["arts"], "status": "held", "host": "KAZ", "projecting": ["FRA"],
        "sources": [{"source": source, "locator": "p. 3"}]
    })
}

fn read(kind: RecordKind, v: &serde_json::Value) -> Record {
    let r = entente_model::input::read_record(kind, v);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    r.record.unwrap()
}

#[test]
fn writes_are_checked_like_loads_and_change_nothing_when_refused() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, &bundled());
    let before = store.snapshot("records").unwrap();
    let generation = store.generation().unwrap();

    // A citation of a source nobody has is refused, naming the field.
    let bad = read(RecordKind::Event, &event_json("api-exhibition", "kussainova-2012"));
    match store.write_record("notes", &bad, WriteMode::Create) {
        Err(StoreError::Invalid(p)) => {
            assert_eq!(p[0].field, "sources[0].source");
            assert_eq!(p[0].message, "no source has id \"kussainova-2012\"");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.snapshot("records").unwrap(), before);
    assert!(store.datasets().unwrap().iter().all(|d| d.id != "notes"));
    assert_eq!(store.generation().unwrap(), generation, "a refused write moved the generation");

    // A good one is created in a new dataset; creating it again is a conflict.
    let good = read(RecordKind::Event, &event_json("api-exhibition", "kussainova-2021"));
    let out = store.write_record("notes", &good, WriteMode::Create).unwrap();
    assert!(out.created && out.changed);
    let created = store.generation().unwrap();
    assert!(created > generation);
    assert!(matches!(store.write_record("notes", &good, WriteMode::Create), Err(StoreError::Conflict(_))));
    // The bundled 14 events and this one.
    assert_eq!(store.events_between("FRA", "KAZ", &EventFilter::default()).unwrap().len(), 15);

    // Updating: same body changes nothing; another dataset, another kind or a missing id is refused.
    let same = store.write_record("notes", &good, WriteMode::Update).unwrap();
    assert!(!same.created && !same.changed);
    assert_eq!(store.generation().unwrap(), created, "an update that changed nothing moved the generation");
    assert!(matches!(store.write_record("fra-kaz", &good, WriteMode::Update), Err(StoreError::Conflict(_))));
    let as_source =
        read(RecordKind::Source, &serde_json::json!({"id": "api-exhibition", "kind": "article", "title": "x"}));
    assert!(matches!(store.write_record("notes", &as_source, WriteMode::Update), Err(StoreError::Conflict(_))));
    let missing = read(RecordKind::Event, &event_json("api-missing", "kussainova-2021"));
    assert!(matches!(store.write_record("notes", &missing, WriteMode::Update), Err(StoreError::NotFound(_))));
    let mut changed = event_json("api-exhibition", "kussainova-2021");
    changed["title"]["en"] = "A renamed exhibition".into();
    let out = store.write_record("notes", &read(RecordKind::Event, &changed), WriteMode::Update).unwrap();
    assert!(!out.created && out.changed);
    assert!(store.generation().unwrap() > created);
    assert_eq!(store.search("renamed", 10).unwrap()[0].id, "api-exhibition");
    assert!(store.check().unwrap().is_empty());

    // Editing a bundled dataset's record marks the dataset edited, so it is never refreshed over.
    let mut sorbonne = store.record("sorbonne-kazakhstan").unwrap().unwrap().record;
    if let Record::Actor(a) = &mut sorbonne {
        a.note = Some("edited through the API".into());
    }
    store.write_record("fra-kaz", &sorbonne, WriteMode::Update).unwrap();
    let ds = store.datasets().unwrap();
    assert_eq!(ds.iter().find(|d| d.id == "fra-kaz").unwrap().origin, "edited:fra-kaz");
}

#[test]
fn references_and_citation_counts_agree_with_the_records() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, &bundled());
    let counts = store.citation_counts().unwrap();
    for source in store.sources().unwrap() {
        let citing: HashSet<String> = store.citing(&source.id).unwrap().into_iter().map(|(id, _)| id).collect();
        assert_eq!(counts.get(&source.id).copied().unwrap_or(0), citing.len(), "{}", source.id);
        let refs: HashSet<String> = store
            .referencing(&source.id)
            .unwrap()
            .into_iter()
            .filter(|r| r.how == "cites" || r.how == "refers")
            .map(|r| r.id)
            .collect();
        assert_eq!(refs, citing, "{}", source.id);
    }
    // A citation's role and note come back with it: the paper's [9] is only as cited.
    let ref09 = store.citing("ref09-kusainov-2008").unwrap();
    assert!(!ref09.is_empty());
    for (id, c) in &ref09 {
        assert_eq!(c.role, entente_model::record::CitationRole::AsCitedInSource, "{id}");
        assert!(c.note.as_deref().is_some_and(|n| n.starts_with("Published in 2008")), "{id}");
    }
    let paper = store.citing("kussainova-2021").unwrap();
    assert!(paper.iter().all(|(_, c)| c.role.is_evidence()));
    // An actor is pointed at by the events it takes part in.
    let refs = store.referencing("sorbonne-kazakhstan").unwrap();
    assert!(refs.iter().any(|r| r.how == "actor" && r.kind == RecordKind::Event), "{refs:?}");
    for r in refs.iter().filter(|r| r.how == "actor") {
        let Record::Event(e) = store.record(&r.id).unwrap().unwrap().record else { panic!("{}", r.id) };
        assert!(e.actors.iter().any(|p| p.actor == "sorbonne-kazakhstan"));
    }
}

#[test]
fn the_generation_moves_for_every_connection_when_any_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entente.db");
    let mut writer = Store::open(&path).unwrap();
    let reader = Store::open(&path).unwrap();
    let start = reader.generation().unwrap();
    load(&mut writer, &bundled());
    let loaded = reader.generation().unwrap();
    assert!(loaded > start);
    // Loading the same files again writes nothing, so readers may keep what they computed.
    load(&mut writer, &bundled());
    assert_eq!(reader.generation().unwrap(), loaded);
}

#[test]
fn a_consistent_read_sees_one_state_while_another_connection_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entente.db");
    let mut writer = Store::open(&path).unwrap();
    let reader = Store::open(&path).unwrap();
    let (before, after) = reader
        .consistent_read(|s| {
            let before = s.datasets()?.len();
            load(&mut writer, &bundled());
            Ok((before, s.datasets()?.len()))
        })
        .unwrap();
    assert_eq!((before, after), (0, 0), "the second statement saw a commit made after the first");
    assert_eq!(reader.datasets().unwrap().len(), 1, "the next read sees it");
    // Nested, it runs in the transaction already open.
    let nested = reader.consistent_read(|s| s.consistent_read(|s| s.datasets())).unwrap();
    assert_eq!(nested.len(), 1);
}
