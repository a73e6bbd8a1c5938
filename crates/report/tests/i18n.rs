//! The interface's message files against the code that uses them: every file parses, the
//! four languages define the same messages with the same arguments, every message the
//! report, web and CLI crates ask for exists and is given exactly its arguments, no message
//! is left unused, and counts take the plural forms CLDR gives each language.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use entente_report::i18n::{CODE_MESSAGES, LANGS, SOURCES, format, load_problems, tr, tr_args};
use fluent_syntax::ast;

/// Message id → the variables its value uses, for one file.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn inline_variables(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        _ => {}
    }
}

fn expression_variables(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_variables(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
    }
}

fn pattern_variables(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

/// The messages of one file, failing on any syntax error, a term or attribute (which the
/// code does not use), a message without a value, or an id given twice.
fn messages(lang: &str, source: &str) -> Messages {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("locales/{lang}/entente.ftl does not parse: {errors:#?}"),
    };
    let mut out = Messages::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let value = m.value.as_ref().unwrap_or_else(|| panic!("{lang}: message {} has no value", m.id.name));
                assert!(m.attributes.is_empty(), "{lang}: message {} has attributes", m.id.name);
                let mut vars = BTreeSet::new();
                pattern_variables(value, &mut vars);
                assert!(out.insert(m.id.name.to_string(), vars).is_none(), "{lang}: {} is defined twice", m.id.name);
            }
            ast::Entry::Term(t) => panic!("{lang}: term -{} (entente's messages use none)", t.id.name),
            ast::Entry::Junk { content } => panic!("{lang}: junk {content:?}"),
            _ => {}
        }
    }
    out
}

fn all_messages() -> Vec<(&'static str, Messages)> {
    SOURCES.iter().map(|(lang, source)| (*lang, messages(lang, source))).collect()
}

#[test]
fn the_files_parse_and_speak_the_same_messages_with_the_same_arguments() {
    assert_eq!(load_problems(), &[] as &[String]);
    assert_eq!(SOURCES.map(|(l, _)| l), LANGS);
    let all = all_messages();
    let (_, english) = &all[0];
    assert!(english.len() > 200, "only {} messages in English", english.len());
    for (lang, msgs) in &all[1..] {
        let missing: Vec<&String> = english.keys().filter(|k| !msgs.contains_key(*k)).collect();
        let extra: Vec<&String> = msgs.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, not in English {extra:?}");
        for (id, vars) in english {
            assert_eq!(&msgs[id], vars, "{lang}: message {id} takes other arguments than in English");
        }
    }
    // Every message formats cleanly in every language when given its arguments (a count of 5
    // for each, which also picks a plural form).
    for (id, vars) in english {
        for lang in LANGS {
            let args: Vec<(&str, entente_report::i18n::Arg<'_>)> =
                vars.iter().map(|v| (v.as_str(), 5.into())).collect();
            let text = format(lang, id, &args).unwrap_or_else(|e| panic!("{e}"));
            assert!(!text.trim().is_empty(), "{lang}: {id} is empty");
            assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'), "{lang}: {id} has bidi isolation marks");
        }
    }
}

/// The Rust files of the crates that show interface strings, without their unit tests.
fn sources() -> Vec<(PathBuf, String)> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for krate in ["report", "web", "cli"] {
        let mut stack = vec![crates.join(krate).join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // Unit tests ask for missing messages on purpose.
                    let code = match text.find("#[cfg(test)]\nmod tests") {
                        Some(i) => text[..i].to_string(),
                        None => text,
                    };
                    // Comments (and doc examples) are not calls.
                    let code: String = code
                        .lines()
                        .map(|l| if l.trim_start().starts_with("//") { "" } else { l })
                        .collect::<Vec<_>>()
                        .join("\n");
                    out.push((path, code));
                }
            }
        }
    }
    assert!(out.len() > 20, "found only {} source files", out.len());
    out
}

/// The text between the parenthesis at `open` and its match, skipping string literals.
fn call_arguments(code: &str, open: usize) -> &str {
    let bytes = code.as_bytes();
    let (mut depth, mut i, mut in_string) = (0usize, open, false);
    while i < bytes.len() {
        let c = bytes[i];
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match c {
                b'"' => in_string = true,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return &code[open + 1..i];
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    panic!("unbalanced call at byte {open}")
}

/// `args` split at the commas outside brackets and strings.
fn split_top_level(args: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start, mut in_string, mut escaped) = (Vec::new(), 0i32, 0, false, false);
    for (i, c) in args.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(args[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !args[start..].trim().is_empty() {
        out.push(args[start..].trim());
    }
    out
}

/// The message ids an id argument can take: a literal, or the literals of an `if … { "a" }
/// else { "b" }`. Anything else is an id the test cannot check.
fn literal_ids(expr: &str) -> Option<Vec<String>> {
    let literal = |s: &str| -> Option<String> {
        let s = s.trim();
        let inner = s.strip_prefix('"')?.strip_suffix('"')?;
        inner.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_').then(|| inner.to_string())
    };
    if let Some(id) = literal(expr) {
        return Some(vec![id]);
    }
    if expr.trim_start().starts_with("if ") {
        let ids: Vec<String> =
            expr.split('{').skip(1).filter_map(|part| part.split('}').next()).filter_map(literal).collect();
        return (!ids.is_empty()).then_some(ids);
    }
    None
}

/// The argument names of a `&[("n", …), ("year", …)]` slice.
fn argument_names(slice: &str) -> BTreeSet<String> {
    let inner = slice.trim().trim_start_matches('&').trim();
    let inner = inner.strip_prefix('[').and_then(|s| s.strip_suffix(']')).unwrap_or_else(|| {
        panic!("the arguments {slice:?} are not written as a slice literal, so they cannot be checked")
    });
    split_top_level(inner)
        .into_iter()
        .map(|pair| {
            let pair = pair.strip_prefix('(').and_then(|p| p.strip_suffix(')')).unwrap_or_else(|| panic!("{pair:?}"));
            let name = split_top_level(pair)[0];
            name.trim_matches('"').to_string()
        })
        .collect()
}

#[test]
fn every_message_the_code_asks_for_exists_with_the_arguments_it_is_given() {
    let all = all_messages();
    let english = &all[0].1;
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut problems = Vec::new();
    let mut calls = 0;
    for (path, code) in sources() {
        let file = path.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("..")).unwrap_or(&path).display();
        for (name, with_args) in [("tr_args(", true), ("tr(", false)] {
            for (at, _) in code.match_indices(name) {
                // A whole word, and not the function's own definition.
                let before = code[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || code[..at].ends_with("fn ") {
                    continue;
                }
                let line = code[..at].lines().count();
                let args = split_top_level(call_arguments(&code, at + name.len() - 1));
                calls += 1;
                let Some(ids) = args.get(1).and_then(|a| literal_ids(a)) else {
                    problems.push(format!("{file}:{line}: {name}…) with a message id that is not a literal: {args:?}"));
                    continue;
                };
                let given = if with_args {
                    match args.get(2) {
                        Some(a) => argument_names(a),
                        None => {
                            problems.push(format!("{file}:{line}: tr_args without arguments"));
                            continue;
                        }
                    }
                } else {
                    BTreeSet::new()
                };
                for id in ids {
                    match english.get(&id) {
                        None => problems.push(format!("{file}:{line}: no message \"{id}\" in the message files")),
                        Some(vars) if *vars != given => problems
                            .push(format!("{file}:{line}: message \"{id}\" takes {vars:?}, the code gives {given:?}")),
                        Some(_) => {}
                    }
                    used.insert(id);
                }
            }
        }
    }
    for (kind, code, id) in CODE_MESSAGES {
        match english.get(*id) {
            None => problems.push(format!("CODE_MESSAGES: {kind} {code}: no message \"{id}\"")),
            Some(vars) if !vars.is_empty() => problems.push(format!("CODE_MESSAGES: \"{id}\" takes {vars:?}")),
            Some(_) => {}
        }
        used.insert(id.to_string());
    }
    assert!(calls > 200, "found only {calls} calls: is the scan still reading the code?");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let unused: Vec<&String> = english.keys().filter(|k| !used.contains(*k)).collect();
    assert!(unused.is_empty(), "messages no code uses (remove them, or use them): {unused:?}");
}

#[test]
fn the_scan_reads_calls_as_the_compiler_does() {
    let code = r#"x(tr_args(lang, if a { "one_id" } else { "other_id" }, &[("n", f(1, (2, 3)).into()), ("year", "2020,".into())]))"#;
    let at = code.find("tr_args(").unwrap() + "tr_args".len();
    let args = split_top_level(call_arguments(code, at));
    assert_eq!(args.len(), 3, "{args:?}");
    assert_eq!(literal_ids(args[1]), Some(vec!["one_id".to_string(), "other_id".to_string()]));
    assert_eq!(argument_names(args[2]), BTreeSet::from(["n".to_string(), "year".to_string()]));
    assert_eq!(literal_ids("id"), None);
    assert_eq!(literal_ids(r#"&format!("x_{}", a)"#), None);
}

/// The form `message` takes in `lang` for each count.
fn forms(lang: &str, message: &str, counts: &[u64]) -> Vec<String> {
    counts.iter().map(|n| format(lang, message, &[("n", (*n).into())]).unwrap().into_owned()).collect()
}

const COUNTS: [u64; 9] = [0, 1, 2, 5, 11, 21, 22, 25, 101];

#[test]
fn counts_take_the_plural_forms_of_each_language() {
    let expect = |lang: &str, message: &str, words: [&str; 9]| {
        let want: Vec<String> = COUNTS.iter().zip(words).map(|(n, w)| format!("{n} {w}")).collect();
        assert_eq!(forms(lang, message, &COUNTS), want, "{lang} {message}");
    };
    // Russian: one (1, 21, 101), few (2, 22), many (0, 5, 11, 25).
    let событие = ["событий", "событие", "события", "событий", "событий", "событие", "события", "событий", "событие"];
    expect("ru", "event_count", событие);
    let запись = ["записей", "запись", "записи", "записей", "записей", "запись", "записи", "записей", "запись"];
    expect("ru", "record_count", запись);
    let результат = [
        "результатов",
        "результат",
        "результата",
        "результатов",
        "результатов",
        "результат",
        "результата",
        "результатов",
        "результат",
    ];
    expect("ru", "result_count", результат);
    let статья = ["статей", "статья", "статьи", "статей", "статей", "статья", "статьи", "статей", "статья"];
    expect("ru", "article_count", статья);
    // Kazakh: a noun after a numeral stays singular.
    expect("kk", "event_count", ["оқиға"; 9]);
    expect("kk", "record_count", ["жазба"; 9]);
    // French: 0 and 1 are singular.
    let événement = [
        "événement",
        "événement",
        "événements",
        "événements",
        "événements",
        "événements",
        "événements",
        "événements",
        "événements",
    ];
    expect("fr", "event_count", événement);
    let fiche = ["fiche", "fiche", "fiches", "fiches", "fiches", "fiches", "fiches", "fiches", "fiches"];
    expect("fr", "record_count", fiche);
    // English: only 1 is singular.
    let event = ["events", "event", "events", "events", "events", "events", "events", "events", "events"];
    expect("en", "event_count", event);
    let result = ["results", "result", "results", "results", "results", "results", "results", "results", "results"];
    expect("en", "result_count", result);

    // A noun shown apart from its number (the dyad page's figures) agrees with it too.
    assert_eq!(
        forms("ru", "event_noun", &COUNTS),
        ["событий", "событие", "события", "событий", "событий", "событие", "события", "событий", "событие"]
    );
    assert_eq!(forms("kk", "sources_cited_noun", &[1, 5]), ["дереккөз", "дереккөз"]);
    assert_eq!(forms("fr", "sources_cited_noun", &[0, 1, 2]), ["source citée", "source citée", "sources citées"]);
    assert_eq!(forms("en", "sources_cited_noun", &[1, 2]), ["source cited", "sources cited"]);

    // Counts inside sentences: Russian takes the dative after «по».
    let note = |lang: &str, n: u64| tr_args(lang, "computed_events", &[("n", n.into())]).into_owned();
    assert!(note("ru", 1).contains("по 1 событию хронологии"), "{}", note("ru", 1));
    assert!(note("ru", 21).contains("по 21 событию хронологии"), "{}", note("ru", 21));
    assert!(note("ru", 5).contains("по 5 событиям хронологии"), "{}", note("ru", 5));
    assert!(note("ru", 22).contains("по 22 событиям хронологии"), "{}", note("ru", 22));
    assert!(note("en", 1).contains("from the 1 event listed"), "{}", note("en", 1));
    assert!(note("en", 13).contains("from the 13 events listed"), "{}", note("en", 13));
    assert!(note("kk", 13).contains("13 оқиға бойынша"), "{}", note("kk", 13));
    let records =
        |lang: &str, n: u64| tr_args(lang, "records_note", &[("n", n.into()), ("ids", "a, b".into())]).into_owned();
    assert!(records("ru", 1).contains("по 1 записи из хранилища"), "{}", records("ru", 1));
    assert!(records("ru", 3).contains("по 3 записям из хранилища"), "{}", records("ru", 3));
    assert!(records("fr", 1).contains("de 1 fiche de la base"), "{}", records("fr", 1));
    let gdelt = |lang: &str, files: u64, events: u64| {
        tr_args(lang, "gdelt_counts", &[("files", files.into()), ("events", events.into())]).into_owned()
    };
    assert_eq!(gdelt("ru", 1, 22), "1 файл, 22 события");
    assert_eq!(gdelt("ru", 3, 12345), "3 файла, 12345 событий");
    assert_eq!(gdelt("en", 1, 1), "1 file, 1 event");
    assert_eq!(gdelt("fr", 0, 2), "0 fichier, 2 événements");
    assert_eq!(gdelt("kk", 3, 5), "3 файл, 5 оқиға");
}

#[test]
fn the_plural_rules_are_cldr_s_for_each_language_not_a_fallback() {
    // Fluent falls back to English rules for a language the plural-rules crate lacks, and
    // Kazakh's one/other would not show the difference: ask the crate itself.
    let known = intl_pluralrules::PluralRules::get_locales(intl_pluralrules::PluralRuleType::CARDINAL);
    for lang in LANGS {
        assert!(known.iter().any(|l| l.language.as_str() == lang), "no CLDR plural rules for {lang}");
    }
    let kazakh = known.iter().find(|l| l.language.as_str() == "kk").unwrap().clone();
    let kk = intl_pluralrules::PluralRules::create(kazakh, intl_pluralrules::PluralRuleType::CARDINAL).unwrap();
    assert_eq!(kk.select(1), Ok(intl_pluralrules::PluralCategory::ONE));
    assert_eq!(kk.select(5), Ok(intl_pluralrules::PluralCategory::OTHER));
}

#[test]
fn each_language_renders_its_own_words() {
    let expected = [
        ("en", "Timeline", "English"),
        ("fr", "Chronologie", "Français"),
        ("ru", "Хронология", "Русский"),
        ("kk", "Хронология", "Қазақша"),
    ];
    for (lang, timeline, name) in expected {
        assert_eq!(tr(lang, "timeline"), timeline);
        assert_eq!(tr(lang, "language_name"), name);
    }
    assert_eq!(tr("ru", "records"), "Записи");
    assert_eq!(tr("kk", "records"), "Жазбалар");
    assert_eq!(
        tr_args("fr", "compare_title", &[("country", "Kazakhstan".into())]),
        "Kazakhstan : comparaison des partenaires"
    );
    // Quotation marks, with French's no-break spaces kept (Fluent trims only plain spaces).
    let quoted = |lang: &str| tr_args(lang, "quoted", &[("text", "x".into())]).into_owned();
    assert_eq!(quoted("fr"), "«\u{a0}x\u{a0}»");
    assert_eq!(quoted("ru"), "«x»");
    assert_eq!(quoted("en"), "“x”");
    // A literal brace in a message stays a brace.
    assert!(tr("en", "review_intro").contains("/api/v1/candidates/{id}/accept"));
    // A message in a language entente does not speak is answered in English.
    assert_eq!(tr("de", "timeline"), "Timeline");
}
