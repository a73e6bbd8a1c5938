use super::*;

const BASE: &str = r#"[index]
name = "t"
version = "1"
normalisation = "min_max"
aggregation = "arithmetic"
min_coverage = 0.5

[uncertainty]
draws = 10
seed = 1
concentration = 50.0
normalisations = ["min_max", "rank"]
aggregations = ["arithmetic"]

[[dimension]]
key = "d1"
label = "D1"
weight = 1

[[dimension.indicator]]
key = "i1"
label = "I1"
weight = 1
measure = "observation"
indicator = "missions.embassy"
from = "A"
to = "B"
time = "latest"

[[dimension]]
key = "d2"
label = "D2"
weight = 3

[[dimension.indicator]]
key = "e1"
label = "E1"
weight = 2
measure = "events"
kinds = ["exhibition"]
direction = "a_to_b"
count = "events"
time = "window"
years = 5
"#;

/// BASE with the first occurrence of `old` replaced; panics if `old` is not there.
fn with(old: &str, new: &str) -> String {
    assert!(BASE.contains(old), "{old:?} not in BASE");
    BASE.replacen(old, new, 1)
}

fn err(text: &str) -> ConfigError {
    match Config::parse("t.toml", text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e,
    }
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle in text");
    text[..at].matches('\n').count() + 1
}

/// Asserts that `text` is refused at the line of `needle`, for `key`, with a message containing `words`.
fn refused(text: &str, needle: &str, key: &str, words: &str) {
    let e = err(text);
    assert_eq!(e.line, Some(line_of(text, needle)), "{e}");
    assert_eq!(e.key, key, "{e}");
    assert!(e.message.contains(words), "{e}");
    assert_eq!(e.file, "t.toml");
}

#[test]
fn base_parses() {
    let c = Config::parse("t.toml", BASE).expect("BASE is valid");
    assert_eq!(c.name, "t");
    assert_eq!(c.description, "");
    assert_eq!(c.min_coverage, 0.5);
    assert_eq!(c.uncertainty.normalisations, vec![Normalisation::MinMax, Normalisation::Rank]);
    assert_eq!(c.dimensions.len(), 2);
    let i1 = &c.dimensions[0].indicators[0];
    assert_eq!(i1.time, Time::Latest { max_age: 0 });
    assert_eq!(i1.transform, Transform::None);
    assert_eq!(i1.absent, Absent::Missing);
    assert_eq!(i1.polarity, Polarity::Positive);
    assert_eq!(
        i1.measure,
        Measure::Observation(ObservationMeasure {
            indicator: "missions.embassy".into(),
            from: Side::A,
            to: Side::B,
            datasets: vec![]
        })
    );
    let e1 = &c.dimensions[1].indicators[0];
    assert_eq!(e1.time, Time::Window { years: 5 });
    assert_eq!(
        e1.measure,
        Measure::Events(EventsMeasure {
            kinds: vec![EventKind::Exhibition],
            exclude_kinds: vec![],
            domains: vec![],
            direction: EventDirection::AToB,
            count: EventCount::Events
        })
    );
    // Dimension shares 1/4 and 3/4, one indicator each.
    assert_eq!(c.flat_weights(), vec![0.25, 0.75]);
    assert_eq!(c.dimension_of_indicators(), vec![0, 1]);
    let keys: Vec<&str> =
        c.indicators().iter().map(|(d, i)| (d.key.as_str(), i.key.as_str())).map(|(_, i)| i).collect();
    assert_eq!(keys, vec!["i1", "e1"]);
}

#[test]
fn sha256_is_of_the_bytes() {
    let a = Config::parse("t.toml", BASE).expect("valid");
    let b = Config::parse("t.toml", &format!("{BASE}\n# a comment\n")).expect("valid");
    assert_eq!(a.sha256.len(), 64);
    assert!(a.sha256.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_ne!(a.sha256, b.sha256);
    // SHA-256 of "" is well known; of BASE it must at least be stable.
    let expected: String = Sha256::digest(BASE.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(a.sha256, expected);
}

#[test]
fn bundled_parses_with_its_fourteen_indicators() {
    let c = Config::bundled();
    assert_eq!(c.name, "entente-bcci");
    assert_eq!(c.version, "1.0.0");
    assert_eq!(c.min_coverage, 0.25);
    assert_eq!(c.uncertainty.draws, 1000);
    assert_eq!(c.uncertainty.seed, 2021);
    assert_eq!(c.uncertainty.concentration, 50.0);
    assert_eq!(c.uncertainty.aggregations, vec![Aggregation::Arithmetic, Aggregation::Geometric]);
    let dims: Vec<(&str, f64)> = c.dimensions.iter().map(|d| (d.key.as_str(), d.weight)).collect();
    assert_eq!(
        dims,
        vec![
            ("education", 0.3),
            ("institutions", 0.2),
            ("diplomacy", 0.2),
            ("events", 0.15),
            ("agreements", 0.1),
            ("news", 0.05)
        ]
    );
    let keys: Vec<&str> = c.indicators().iter().map(|(_, i)| i.key.as_str()).collect();
    assert_eq!(
        keys,
        vec![
            "students_from_b_in_a",
            "students_from_a_in_b",
            "institutes_opened",
            "institutions_recorded",
            "city_pairs",
            "embassy",
            "consulates",
            "leader_visits",
            "official_visits",
            "events",
            "event_domains",
            "agreements",
            "gdelt_cooperation",
            "media_partnerships"
        ]
    );
    let w = c.flat_weights();
    assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!((w[0] - 0.21).abs() < 1e-12, "{}", w[0]);
    assert!((w[13] - 0.02).abs() < 1e-12, "{}", w[13]);
    let (_, students) = c.indicators()[0];
    match &students.measure {
        Measure::Observation(o) => {
            assert_eq!((o.from, o.to), (Side::B, Side::A));
            assert_eq!(o.datasets.len(), 4);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(students.time, Time::Latest { max_age: 3 });
    assert_eq!(students.transform, Transform::Log1p);
    let (_, gdelt) = c.indicators()[12];
    assert_eq!(
        gdelt.measure,
        Measure::Gdelt(GdeltMeasure { quad_classes: vec![1, 2], direction: EventDirection::AToB })
    );
    // Dated snapshots (mission and twinning lists) stand for any year.
    assert_eq!(c.indicators()[5].1.time, Time::Snapshot);
    let (_, agreements) = c.indicators()[11];
    assert_eq!(agreements.time, Time::Cumulative);
    assert_eq!(agreements.absent, Absent::ZeroIfCovered);
}

#[test]
fn serialises_in_snake_case_like_the_file() {
    let json = |v: &dyn erased::Ser| v.json();
    assert_eq!(json(&Normalisation::MinMax), "\"min_max\"");
    assert_eq!(json(&Normalisation::ZScore), "\"z_score\"");
    assert_eq!(json(&Normalisation::Rank), "\"rank\"");
    assert_eq!(json(&Aggregation::Geometric), "\"geometric\"");
    assert_eq!(json(&Transform::Log1p), "\"log1p\"");
    assert_eq!(json(&Absent::ZeroIfCovered), "\"zero_if_covered\"");
    assert_eq!(json(&EventDirection::AToB), "\"a_to_b\"");
    assert_eq!(json(&EventDirection::Either), "\"either\"");
    assert_eq!(json(&Side::B), "\"B\"");
    let c = Config::parse("t.toml", BASE).expect("valid");
    let v = serde_json::to_value(&c).expect("serialises");
    let i1 = &v["dimensions"][0]["indicators"][0];
    assert_eq!(i1["measure"], "observation");
    assert_eq!(i1["indicator"], "missions.embassy");
    assert_eq!(i1["time"], "latest");
    assert_eq!(i1["max_age"], 0);
    let e1 = &v["dimensions"][1]["indicators"][0];
    assert_eq!(e1["measure"], "events");
    assert_eq!(e1["kinds"][0], "exhibition");
    assert_eq!(e1["time"], "window");
    assert_eq!(e1["years"], 5);
    assert_eq!(v["sha256"].as_str().map(str::len), Some(64));
}

mod erased {
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("serialises")
        }
    }
}

#[test]
fn display_is_file_line_key_message() {
    let e = err(&with("weight = 2", "weight = -2"));
    assert_eq!(
        e.to_string(),
        format!("t.toml:{}: dimension[d2].indicator[e1].weight: a weight must not be negative", e.line.expect("line"))
    );
    let e = err(&BASE.replace("[uncertainty]", "[uncertainty_]"));
    assert!(e.to_string().starts_with("t.toml:"), "{e}");
    let e = ConfigError { file: "f".into(), line: None, key: "k".into(), message: "m".into() };
    assert_eq!(e.to_string(), "f: k: m");
}

#[test]
fn refuses_an_unknown_indicator_id() {
    let t = with("indicator = \"missions.embassy\"", "indicator = \"missions.embasy\"");
    refused(&t, "missions.embasy", "dimension[d1].indicator[i1].indicator", "unknown indicator \"missions.embasy\"");
}

#[test]
fn refuses_unknown_words() {
    let t = with("measure = \"observation\"", "measure = \"observations\"");
    refused(&t, "observations", "dimension[d1].indicator[i1].measure", "unknown measure");
    let t = with("normalisation = \"min_max\"", "normalisation = \"minmax\"");
    refused(&t, "minmax", "index.normalisation", "expected one of: min_max, z_score, rank");
    let t = with("aggregation = \"arithmetic\"", "aggregation = \"harmonic\"");
    refused(&t, "harmonic", "index.aggregation", "unknown aggregation");
    let t = with("normalisations = [\"min_max\", \"rank\"]", "normalisations = [\"min_max\", \"ranks\"]");
    refused(&t, "normalisations", "uncertainty.normalisations", "unknown normalisation \"ranks\"");
    let t = with("kinds = [\"exhibition\"]", "kinds = [\"exhibitions\"]");
    refused(&t, "exhibitions", "dimension[d2].indicator[e1].kinds", "unknown event kind");
    let t = with("kinds = [\"exhibition\"]", "domains = [\"music\"]");
    refused(&t, "music", "dimension[d2].indicator[e1].domains", "unknown domain");
    let t = with("direction = \"a_to_b\"", "direction = \"b_to_a\"");
    refused(&t, "b_to_a", "dimension[d2].indicator[e1].direction", "unknown direction");
    let t = with("count = \"events\"", "count = \"all\"");
    refused(&t, "\"all\"", "dimension[d2].indicator[e1].count", "unknown count");
    let t = with("time = \"latest\"", "time = \"last\"");
    refused(&t, "\"last\"", "dimension[d1].indicator[i1].time", "unknown time");
    let t = with("time = \"latest\"", "time = \"latest\"\ntransform = \"log\"");
    refused(&t, "\"log\"", "dimension[d1].indicator[i1].transform", "expected one of: none, log1p");
    let t = with("time = \"latest\"", "time = \"latest\"\nabsent = \"zero\"");
    refused(&t, "\"zero\"", "dimension[d1].indicator[i1].absent", "unknown absent");
    let t = with("time = \"latest\"", "time = \"latest\"\npolarity = \"up\"");
    refused(&t, "\"up\"", "dimension[d1].indicator[i1].polarity", "unknown polarity");
    let t = with("from = \"A\"", "from = \"a\"");
    refused(&t, "\"a\"", "dimension[d1].indicator[i1].from", "unknown side");
    let t = with("kinds = [\"exhibition\"]", "kinds = [\" exhibition\"]");
    refused(&t, "\" exhibition\"", "dimension[d2].indicator[e1].kinds", "surrounding spaces");
}

#[test]
fn refuses_bad_weights() {
    let t = with("weight = 2", "weight = -2");
    refused(&t, "weight = -2", "dimension[d2].indicator[e1].weight", "must not be negative");
    let t = with("weight = 3", "weight = nan");
    refused(&t, "weight = nan", "dimension[d2].weight", "finite");
    let t = with("weight = 3", "weight = inf");
    refused(&t, "weight = inf", "dimension[d2].weight", "finite");
    let t = with("weight = 3", "weight = -inf");
    refused(&t, "weight = -inf", "dimension[d2].weight", "finite");
    // All-zero within a dimension: pointed at the dimension's header.
    let t = with("weight = 2", "weight = 0.0");
    let e = err(&t);
    assert_eq!(e.key, "dimension[d2].indicator.weight");
    assert!(e.message.contains("all zero"), "{e}");
    assert_eq!(e.line, Some(line_of(&t, "key = \"d2\"") - 1));
    // All-zero across dimensions: pointed at the first dimension's weight.
    let t = with("weight = 1", "weight = 0").replacen("weight = 3", "weight = 0", 1);
    let e = err(&t);
    assert_eq!(e.key, "dimension.weight");
    assert!(e.message.contains("dimension weights are all zero"), "{e}");
    assert_eq!(e.line, Some(line_of(&t, "weight = 0")));
    // One zero weight among others is fine.
    let t = with("weight = 1", "weight = 0");
    let c = Config::parse("t.toml", &t).expect("one zero dimension weight is allowed");
    assert_eq!(c.flat_weights(), vec![0.0, 1.0]);
}

#[test]
fn refuses_duplicate_keys() {
    // A TOML key given twice.
    let t = with("label = \"I1\"", "label = \"I1\"\nlabel = \"again\"");
    refused(&t, "label = \"again\"", "label", "duplicate key");
    // A table given twice.
    let t = format!("{BASE}\n[index]\nname = \"x\"\n");
    let e = err(&t);
    assert_eq!(e.key, "index");
    assert!(e.message.contains("duplicate"), "{e}");
    assert_eq!(e.line, Some(t.matches('\n').count() - 1));
    // Two dimensions with one key.
    let t = with("key = \"d2\"", "key = \"d1\"");
    refused(&t, "key = \"d1\"\nlabel = \"D2\"", "dimension[d1].key", "a second dimension with key \"d1\"");
    // Two indicators with one key, even in different dimensions.
    let t = with("key = \"e1\"", "key = \"i1\"");
    refused(&t, "key = \"i1\"\nlabel = \"E1\"", "dimension[d2].indicator[i1].key", "a second indicator");
}

#[test]
fn refuses_wrong_types() {
    let t = with("weight = 2", "weight = \"2\"");
    refused(&t, "weight = \"2\"", "dimension[d2].indicator[e1].weight", "expected a number, found string");
    let t = with("draws = 10", "draws = 10.5");
    refused(&t, "draws = 10.5", "uncertainty.draws", "expected an integer, found float");
    let t = with("name = \"t\"", "name = 1");
    refused(&t, "name = 1", "index.name", "expected a string, found integer");
    let t = with("kinds = [\"exhibition\"]", "kinds = \"exhibition\"");
    refused(&t, "kinds = ", "dimension[d2].indicator[e1].kinds", "expected an array");
    let t = with("kinds = [\"exhibition\"]", "kinds = [1]");
    refused(&t, "kinds = ", "dimension[d2].indicator[e1].kinds", "expected a string, found integer");
    let start = BASE.find("[uncertainty]").expect("in BASE");
    let end = BASE.find("[[dimension]]").expect("in BASE");
    let t = format!("uncertainty = 3\n{}{}", &BASE[..start], &BASE[end..]);
    refused(&t, "uncertainty = 3", "uncertainty", "expected a table");
    // A single [dimension] table where an array of tables is expected.
    let t = "[index]\nname = \"t\"\nversion = \"1\"\nnormalisation = \"min_max\"\naggregation = \"arithmetic\"\nmin_coverage = 0.5\n[uncertainty]\ndraws = 10\nseed = 1\nconcentration = 1.0\nnormalisations = [\"rank\"]\naggregations = [\"geometric\"]\n[dimension]\nkey = \"d\"\n";
    refused(t, "[dimension]", "dimension", "expected an array");
}

#[test]
fn refuses_unknown_fields() {
    let t = with("weight = 2", "wieght = 2");
    refused(&t, "wieght", "dimension[d2].indicator[e1].wieght", "unknown field");
    let t = with("seed = 1", "seed = 1\nthreads = 2");
    refused(&t, "threads", "uncertainty.threads", "unknown field");
    let t = with("name = \"t\"", "name = \"t\"\nnormalization = \"rank\"");
    refused(&t, "normalization", "index.normalization", "unknown field");
    let t = format!("{BASE}\n[extra]\na = 1\n");
    refused(&t, "extra", "extra", "unknown field");
    let t = with("label = \"D1\"", "label = \"D1\"\ncolour = \"red\"");
    refused(&t, "colour", "dimension[d1].colour", "unknown field");
    // Unknown fields are found before missing ones: a typo is reported as such.
    let t = with("label = \"I1\"", "lable = \"I1\"");
    refused(&t, "lable", "dimension[d1].indicator[i1].lable", "unknown field");
}

#[test]
fn refuses_fields_of_another_measure() {
    let t = with("time = \"latest\"", "time = \"latest\"\nquad_classes = [1]");
    refused(
        &t,
        "quad_classes",
        "dimension[d1].indicator[i1].quad_classes",
        "does not belong to measure \"observation\"",
    );
    let t = with("count = \"events\"", "count = \"events\"\ndatasets = [\"x\"]");
    refused(&t, "datasets", "dimension[d2].indicator[e1].datasets", "does not belong to measure \"events\"");
    let t = with("to = \"B\"", "to = \"B\"\nkinds = [\"exhibition\"]");
    refused(&t, "kinds = [\"exhibition\"]\ntime", "dimension[d1].indicator[i1].kinds", "does not belong");
    let t = with("time = \"latest\"", "time = \"cumulative\"\nmax_age = 3");
    refused(&t, "max_age", "dimension[d1].indicator[i1].max_age", "only applies to time = \"latest\"");
    let t = with("time = \"latest\"", "time = \"snapshot\"\nmax_age = 3");
    refused(&t, "max_age", "dimension[d1].indicator[i1].max_age", "only applies to time = \"latest\"");
    let t = with("time = \"latest\"", "time = \"snapshot\"");
    assert_eq!(Config::parse("t.toml", &t).map(|c| c.dimensions[0].indicators[0].time), Ok(Time::Snapshot));
    let t = with("time = \"window\"\nyears = 5", "time = \"snapshot\"");
    refused(&t, "time = \"snapshot\"", "dimension[d2].indicator[e1].time", "not as a latest value or a snapshot");
    let t = with("time = \"latest\"", "time = \"latest\"\nyears = 3");
    refused(&t, "years = 3", "dimension[d1].indicator[i1].years", "only applies to time = \"window\"");
}

#[test]
fn refuses_missing_fields() {
    let t = with("label = \"I1\"\n", "");
    refused(&t, "[[dimension.indicator]]", "dimension[d1].indicator[i1].label", "missing required field");
    let t = with("to = \"B\"\n", "");
    refused(&t, "[[dimension.indicator]]", "dimension[d1].indicator[i1].to", "missing required field");
    let t = with("years = 5\n", "");
    let e = err(&t);
    assert_eq!(e.key, "dimension[d2].indicator[e1].years");
    assert_eq!(e.line, Some(line_of(&t, "key = \"e1\"") - 1));
    let t = with("min_coverage = 0.5\n", "");
    refused(&t, "[index]", "index.min_coverage", "missing required field");
    let t = with("direction = \"a_to_b\"\n", "");
    refused(&t, "[[dimension.indicator]]\nkey = \"e1\"", "dimension[d2].indicator[e1].direction", "missing");
    // A missing table concerns the file as a whole: no line.
    let start = BASE.find("[uncertainty]").expect("in BASE");
    let end = BASE.find("[[dimension]]").expect("in BASE");
    let t = format!("{}{}", &BASE[..start], &BASE[end..]);
    let e = err(&t);
    assert_eq!((e.line, e.key.as_str(), e.message.as_str()), (None, "uncertainty", "missing required field"));
    let e = err("");
    assert_eq!((e.line, e.key.as_str()), (None, "index"));
    // A dimension without indicators.
    let t = BASE.replacen("[[dimension.indicator]]", "[[other]]", 1);
    let e = err(&t);
    assert_eq!(e.key, "other");
}

#[test]
fn refuses_sides_that_do_not_fit_the_indicator() {
    let t = with("to = \"B\"", "to = \"A\"");
    refused(&t, "to = \"A\"", "dimension[d1].indicator[i1].to", "directed");
    let t = with(
        "indicator = \"missions.embassy\"\nfrom = \"A\"\nto = \"B\"",
        "indicator = \"twinning.city_pairs\"\nfrom = \"B\"\nto = \"A\"",
    );
    refused(&t, "to = \"A\"", "dimension[d1].indicator[i1].to", "undirected");
    let t = with("indicator = \"missions.embassy\"", "indicator = \"twinning.city_pairs\"");
    Config::parse("t.toml", &t).expect("an undirected indicator from A to B");
    let t = with("indicator = \"missions.embassy\"", "indicator = \"students.inbound_total\"");
    refused(&t, "students.inbound_total", "dimension[d1].indicator[i1].indicator", "about one country");
    let t = with("indicator = \"missions.embassy\"", "indicator = \"elcano.soft\"");
    refused(&t, "elcano.soft", "dimension[d1].indicator[i1].indicator", "about one country");
}

#[test]
fn refuses_values_out_of_bounds() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("years = 5", "years = 0", "dimension[d2].indicator[e1].years", "between 1 and"),
        ("years = 5", "years = 500", "dimension[d2].indicator[e1].years", "between 1 and"),
        (
            "time = \"latest\"",
            "time = \"latest\"\nmax_age = -1",
            "dimension[d1].indicator[i1].max_age",
            "between 0 and",
        ),
        (
            "time = \"latest\"",
            "time = \"latest\"\nmax_age = 1000",
            "dimension[d1].indicator[i1].max_age",
            "between 0 and",
        ),
        ("draws = 10", "draws = 0", "uncertainty.draws", "between 1 and"),
        ("draws = 10", "draws = 10_000_000", "uncertainty.draws", "between 1 and"),
        ("seed = 1", "seed = -1", "uncertainty.seed", "negative"),
        ("min_coverage = 0.5", "min_coverage = 1.5", "index.min_coverage", "between 0 and 1"),
        ("min_coverage = 0.5", "min_coverage = -0.1", "index.min_coverage", "between 0 and 1"),
        ("concentration = 50.0", "concentration = 0", "uncertainty.concentration", "greater than 0"),
        ("concentration = 50.0", "concentration = -3.0", "uncertainty.concentration", "greater than 0"),
        ("concentration = 50.0", "concentration = inf", "uncertainty.concentration", "finite"),
        ("aggregations = [\"arithmetic\"]", "aggregations = []", "uncertainty.aggregations", "must not be empty"),
        (
            "aggregations = [\"arithmetic\"]",
            "aggregations = [\"arithmetic\", \"arithmetic\"]",
            "uncertainty.aggregations",
            "twice",
        ),
        ("name = \"t\"", "name = \"  \"", "index.name", "must not be empty"),
        ("key = \"d1\"", "key = \"D 1\"", "dimension#1.key", "lower-case"),
    ];
    for (old, new, key, words) in cases {
        let t = with(old, new);
        let needle = new.lines().last().expect("a line");
        refused(&t, needle, key, words);
    }
}

#[test]
fn refuses_bad_measure_details() {
    let t =
        with("kinds = [\"exhibition\"]", "kinds = [\"exhibition\"]\nexclude_kinds = [\"mobility\", \"exhibition\"]");
    refused(&t, "exclude_kinds", "dimension[d2].indicator[e1].exclude_kinds", "both included and excluded");
    let t = with("kinds = [\"exhibition\"]", "kinds = [\"exhibition\", \"exhibition\"]");
    refused(&t, "kinds", "dimension[d2].indicator[e1].kinds", "twice");
    let gdelt = "measure = \"gdelt\"\nquad_classes = [1, 2]\ndirection = \"either\"\ntime = \"window\"\nyears = 1";
    let t = with(
        "measure = \"events\"\nkinds = [\"exhibition\"]\ndirection = \"a_to_b\"\ncount = \"events\"\ntime = \"window\"\nyears = 5",
        gdelt,
    );
    let c = Config::parse("t.toml", &t).expect("a gdelt measure");
    assert_eq!(
        c.dimensions[1].indicators[0].measure,
        Measure::Gdelt(GdeltMeasure { quad_classes: vec![1, 2], direction: EventDirection::Either })
    );
    refused(&t.replace("[1, 2]", "[1, 5]"), "quad_classes", "dimension[d2].indicator[e1].quad_classes", "1, 2, 3 or 4");
    refused(
        &t.replace("[1, 2]", "[]"),
        "quad_classes",
        "dimension[d2].indicator[e1].quad_classes",
        "must not be empty",
    );
    refused(&t.replace("[1, 2]", "[2, 2]"), "quad_classes", "dimension[d2].indicator[e1].quad_classes", "twice");
    let t2 = t.replace("quad_classes = [1, 2]\n", "");
    let e = err(&t2);
    assert_eq!(e.key, "dimension[d2].indicator[e1].quad_classes");
    assert_eq!(e.line, Some(line_of(&t2, "key = \"e1\"") - 1), "the indicator's header");
    // Events are not "latest".
    let t = with("time = \"window\"\nyears = 5", "time = \"latest\"");
    let e = err(&t);
    assert_eq!(e.key, "dimension[d2].indicator[e1].time");
    assert!(e.message.contains("not as a latest value"), "{e}");
    assert_eq!(e.line, Some(line_of(&t, "count = \"events\"\ntime") + 1));
    let t = with("to = \"B\"", "to = \"B\"\ndatasets = [\"a\", \"a\"]");
    refused(&t, "datasets", "dimension[d1].indicator[i1].datasets", "twice");
    let t = with("to = \"B\"", "to = \"B\"\ndatasets = [\"\"]");
    refused(&t, "datasets", "dimension[d1].indicator[i1].datasets", "empty");
}

#[test]
fn refuses_toml_syntax_errors_with_their_line() {
    let t = with("seed = 1", "seed = ");
    let e = err(&t);
    assert_eq!(e.line, Some(line_of(&t, "seed = ")));
    assert_eq!(e.key, "seed");
    let t = with("label = \"D1\"", "label = \"D1");
    let e = err(&t);
    assert_eq!(e.line, Some(line_of(&t, "label = \"D1")));
}

#[test]
fn accepts_integers_for_numbers_and_underscores() {
    let t = with("concentration = 50.0", "concentration = 1_000").replace("weight = 3", "weight = 3.5e0");
    let c = Config::parse("t.toml", &t).expect("valid");
    assert_eq!(c.uncertainty.concentration, 1000.0);
    assert_eq!(c.dimensions[1].weight, 3.5);
}

#[test]
fn flat_weights_multiply_shares() {
    let t = test_toml(&[("a", 2.0, &[("x", 1.0), ("y", 3.0)]), ("b", 6.0, &[("z", 5.0)])], "min_max", "arithmetic");
    let c = Config::parse("t.toml", &t).expect("valid");
    let w = c.flat_weights();
    let expected = [0.25 * 0.25, 0.25 * 0.75, 0.75];
    for (a, b) in w.iter().zip(expected) {
        assert!((a - b).abs() < 1e-15, "{w:?}");
    }
}

#[test]
fn labels_in_other_languages_are_read_and_blank_ones_refused() {
    let c = Config::bundled();
    let education = &c.dimensions[0];
    assert_eq!(education.label_in("ru"), "Образование и мобильность");
    assert_eq!(education.label_in("de"), education.label);
    assert!(c.indicators().iter().all(|(_, i)| i.labels.len() == 3), "every shipped label has fr, ru and kk");
    let t = with("label = \"D1\"", "label = \"D1\"\nlabel_kk = \" \"");
    let e = err(&t);
    assert_eq!((e.key.ends_with("label_kk"), e.line), (true, Some(line_of(&t, "label_kk"))));
    let t = with("label = \"D1\"", "label = \"D1\"\nlabel_de = \"D\"");
    assert!(err(&t).message.contains("unknown field"));
}
