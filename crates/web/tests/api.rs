//! The HTTP API as a client sees it: every route the OpenAPI document lists answers as the
//! document says, CSV twins hold the JSON's rows, errors are stable JSON, and writes need
//! the token, are checked like the loader, and change nothing when refused.

#![allow(clippy::unwrap_used)]

mod common;

use common::{get, request, server};
use serde_json::{Map, Value, json};

/// The schema at a local `$ref` of the document.
fn resolve<'a>(doc: &'a Value, reference: &str) -> &'a Value {
    let pointer = reference.strip_prefix('#').unwrap_or_else(|| panic!("{reference} is not local"));
    doc.pointer(pointer).unwrap_or_else(|| panic!("$ref {reference} resolves to nothing"))
}

/// `schema` closed: an object schema that lists its properties takes no others
/// (`unevaluatedProperties: false`), so a field an answer has and its type does not declare
/// fails as surely as a missing or mistyped one. A member of an `allOf` (a flattened type) sees
/// only its own properties, so it stays open (its `$ref` inlined) and the `allOf` is closed.
fn closed(schema: &Value, doc: &Value, member: bool) -> Value {
    let Value::Object(map) = schema else { return schema.clone() };
    if member && let Some(Value::String(reference)) = map.get("$ref") {
        return closed(resolve(doc, reference), doc, true);
    }
    let each = |list: &Value, member: bool| {
        Value::Array(list.as_array().unwrap().iter().map(|s| closed(s, doc, member)).collect())
    };
    let mut out = Map::new();
    for (key, value) in map {
        let value = match key.as_str() {
            "allOf" => each(value, true),
            "oneOf" | "anyOf" => each(value, member),
            "prefixItems" => each(value, false),
            "properties" => Value::Object(
                value.as_object().unwrap().iter().map(|(k, s)| (k.clone(), closed(s, doc, false))).collect(),
            ),
            "items" | "additionalProperties" | "propertyNames" | "not" => closed(value, doc, false),
            _ => value.clone(),
        };
        out.insert(key.clone(), value);
    }
    let lists_properties = out.contains_key("properties") || out.contains_key("allOf");
    if !member && lists_properties && !out.contains_key("additionalProperties") {
        out.insert("unevaluatedProperties".into(), Value::Bool(false));
    }
    Value::Object(out)
}

/// A draft 2020-12 validator of `schema` (a schema of the document, `$ref`s into its
/// components), with the components inlined and closed.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let components: Map<String, Value> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, s)| (name.clone(), closed(s, doc, false)))
        .collect();
    let mut root = closed(schema, doc, false);
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    root["components"] = json!({ "schemas": components });
    jsonschema::draft202012::new(&root).unwrap_or_else(|e| panic!("the schema {schema} does not build: {e}"))
}

/// Where `v` breaks `schema`, one line per problem.
fn problems(doc: &Value, schema: &Value, v: &Value, at: &str) -> Vec<String> {
    let validator = validator(doc, schema);
    validator
        .iter_errors(v)
        .map(|e| format!("{at}: {}: {}", e.instance_path(), e.to_string().chars().take(300).collect::<String>()))
        .collect()
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn example(p: &Value) -> String {
    match &p["example"] {
        Value::Array(list) => list[0].as_str().map(String::from).unwrap_or_else(|| list[0].to_string()),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn event(id: &str, title: &str) -> Value {
    json!({
        "id": id, "kind": "exhibition", "title": {"en": title}, "date": "2021-05",
        "domains": ["arts"], "status": "held", "host": "KAZ", "projecting": ["FRA"],
        "sources": [{"source": "kussainova-2021", "locator": "p. 3"}]
    })
}

const TOKEN: &str = "s3cret-token";

/// A candidate as `entente code --store` queues it; the OpenAPI document's examples name the
/// ids of those at `start` 0 and 100.
fn candidate(start: usize) -> entente_model::Candidate {
    use entente_model::ontology::{Domain, EventKind, Status};
    entente_model::Candidate {
        doc: "news/unesco".into(),
        url: Some("https://example.org/unesco".into()),
        doc_date: Some("2019-07-01".parse().unwrap()),
        lang: "en".into(),
        countries: ["FRA".into(), "KAZ".into()],
        kind: EventKind::AgreementSigned,
        domains: vec![Domain::Heritage],
        date: Some("2019-06-25".parse().unwrap()),
        status: Status::Held,
        quantity: None,
        start,
        end: start + 60,
        evidence: "On June 25, 2019, an Agreement was signed in Paris.".into(),
        trigger: "Agreement was signed".into(),
        confidence: 0.95,
        coder_version: "entente-coder test".into(),
    }
}

#[test]
fn the_documented_candidate_ids_are_those_the_test_queues() {
    let doc = entente_web::openapi::document();
    let example = |path: &str| doc["paths"][path]["post"]["parameters"][0]["example"].as_str().unwrap().to_string();
    assert_eq!(example("/api/v1/candidates/{id}/accept"), candidate(0).id());
    assert_eq!(example("/api/v1/candidates/{id}/reject"), candidate(100).id());
}

/// Every `$ref` under `node`.
fn refs<'a>(node: &'a Value, out: &mut Vec<&'a str>) {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("$ref", Value::String(r)) => out.push(r),
                    _ => refs(value, out),
                }
            }
        }
        Value::Array(list) => list.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn the_openapi_document_is_whole_and_lists_exactly_the_routes_served() {
    let doc = entente_web::openapi::document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "entente API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    // The workspace's licence (root Cargo.toml), as an SPDX identifier.
    assert_eq!(doc["info"]["license"], json!({"name": "Apache-2.0", "identifier": "Apache-2.0"}));
    assert_eq!(doc["components"]["securitySchemes"]["bearer"], json!({"type": "http", "scheme": "bearer"}));

    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 100, "{} refs", all.len());
    for r in &all {
        let target = resolve(&doc, r);
        assert!(target.is_object(), "{r} is not a schema or response");
    }
    // Every component schema builds as a draft 2020-12 schema.
    for name in doc["components"]["schemas"].as_object().unwrap().keys() {
        validator(&doc, &json!({ "$ref": format!("#/components/schemas/{name}") }));
    }

    let mut documented = Vec::new();
    let mut ids = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            documented.push((method.to_uppercase(), path.clone()));
            ids.push(op["operationId"].as_str().unwrap().to_string());
            assert!(!op["summary"].as_str().unwrap().is_empty(), "{method} {path}");
            let params = op["parameters"].as_array().map(Vec::as_slice).unwrap_or(&[]);
            for p in params {
                assert!(["path", "query", "header"].contains(&p["in"].as_str().unwrap()), "{path}: {p}");
                assert!(p["schema"].is_object() && !p["description"].as_str().unwrap().is_empty(), "{path}: {p}");
                if p["in"] != "header" {
                    assert!(!p["example"].is_null(), "{path}: {} has no example", p["name"]);
                }
            }
            // The path's {names} are exactly its path parameters, each required.
            let mut named: Vec<&str> = path.split('{').skip(1).filter_map(|s| s.split('}').next()).collect();
            let mut declared: Vec<&str> = params
                .iter()
                .filter(|p| p["in"] == "path")
                .inspect(|p| assert_eq!(p["required"], true, "{path}: {p}"))
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            named.sort_unstable();
            declared.sort_unstable();
            assert_eq!(named, declared, "{method} {path}");
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.keys().any(|code| code.starts_with('2')), "{method} {path}");
            for code in ["400", "500"] {
                assert!(responses.contains_key(code), "{method} {path} documents no {code}");
            }
            if method == "get" {
                assert!(responses["200"]["headers"]["ETag"].is_object(), "{path}");
                assert!(responses.contains_key("304"), "{path}");
                assert!(params.iter().any(|p| p["name"] == "If-None-Match" && p["in"] == "header"), "{path}");
            }
            if op.get("requestBody").is_some() {
                assert_eq!(op["security"], json!([{"bearer": []}]), "{method} {path} writes without the token");
                assert!(responses.contains_key("401"), "{method} {path}");
            }
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "operation ids repeat");
    // The router was given exactly the documented routes.
    let mut served = entente_web::openapi::served();
    served.sort();
    documented.sort();
    assert_eq!(served, documented);
    assert!(served.len() >= 40, "{}", served.len());
}

#[test]
fn every_route_in_the_openapi_document_answers_as_documented() {
    let s = server(Some(TOKEN));
    // The documented candidate ids exist: one to show and accept, one to reject.
    let queued = s.store().queue_candidates(&[candidate(0), candidate(100)]).unwrap();
    assert_eq!(queued.added, 2);
    let doc = get(s.addr, "/api/v1/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 25, "{} paths", paths.len());
    let auth = format!("Bearer {TOKEN}");
    let mut checked = 0;
    for (template, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let params = op["parameters"].as_array().map(Vec::as_slice).unwrap_or(&[]);
            let mut path = template.clone();
            for p in params.iter().filter(|p| p["in"] == "path") {
                path = path.replace(&format!("{{{}}}", p["name"].as_str().unwrap()), &encode(&example(p)));
            }
            let full_query: Vec<String> = params
                .iter()
                .filter(|p| p["in"] == "query")
                .map(|p| format!("{}={}", p["name"].as_str().unwrap(), encode(&example(p))))
                .collect();
            let (success, content) = op["responses"]
                .as_object()
                .unwrap()
                .iter()
                .find(|(code, _)| code.starts_with('2'))
                .map(|(code, r)| (code.parse::<u16>().unwrap(), r["content"].as_object().unwrap()))
                .unwrap();
            let (media, spec) = content.iter().next().unwrap();
            let answers = match method.as_str() {
                "get" => {
                    let mut urls = vec![path.clone()];
                    if !full_query.is_empty() {
                        urls.push(format!("{path}?{}", full_query.join("&")));
                    }
                    urls.into_iter().map(|u| (get(s.addr, &u), u)).collect::<Vec<_>>()
                }
                "post" | "put" => {
                    // Without the token: 401, as documented.
                    let refused = request(s.addr, &method.to_uppercase(), &path, &[], Some("{}"));
                    assert_eq!(refused.status, 401, "{method} {path}");
                    assert!(op["responses"]["401"].is_object());
                    let example = &op["requestBody"]["content"]["application/json"]["example"];
                    let body = if !example.is_null() {
                        example.clone()
                    } else if method == "post" {
                        json!({"dataset": "openapi-test", "kind": "event", "record": event("openapi-event", "Made by the OpenAPI test")})
                    } else {
                        let current = get(s.addr, &path).json();
                        json!({"record": current["record"]})
                    };
                    let a = request(
                        s.addr,
                        &method.to_uppercase(),
                        &path,
                        &[("Authorization", &auth)],
                        Some(&body.to_string()),
                    );
                    vec![(a, path.clone())]
                }
                other => panic!("unexpected method {other}"),
            };
            for (a, url) in answers {
                assert_eq!(a.status, success, "{method} {path}: {}", &a.body[..a.body.len().min(400)]);
                let ty = a.header("content-type").unwrap();
                assert!(ty.starts_with(media.as_str()), "{method} {path}: {ty} is not {media}");
                if media == "application/json" {
                    let wrong = problems(&doc, &spec["schema"], &a.json(), &format!("{method} {url}"));
                    assert!(wrong.is_empty(), "{wrong:#?}");
                    // The validator is not blind: a body without its required fields fails.
                    if let Some(first) = resolve(&doc, spec["schema"]["$ref"].as_str().unwrap())["required"]
                        .as_array()
                        .and_then(|r| r.first())
                    {
                        let mut broken = a.json();
                        broken.as_object_mut().unwrap().remove(first.as_str().unwrap());
                        assert!(!problems(&doc, &spec["schema"], &broken, url.as_str()).is_empty(), "{url}");
                    }
                } else {
                    // A CSV twin holds exactly the JSON's rows.
                    let json = get(s.addr, &url.replacen(".csv", "", 1)).json();
                    let rows = json["rows"].as_array().unwrap();
                    let mut reader = csv::Reader::from_reader(a.body.as_bytes());
                    assert!(!reader.headers().unwrap().is_empty() || rows.is_empty(), "{path}");
                    assert_eq!(reader.records().count(), rows.len(), "{path}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 40, "{checked}");
    // The write the test made is there, and the store is whole.
    assert_eq!(get(s.addr, "/api/v1/records/openapi-event").status, 200);
    assert!(s.store().check().unwrap().is_empty());
}

#[test]
fn unknown_routes_parameters_and_values_get_stable_json_errors() {
    let s = server(None);
    let cases = [
        ("/api/v1/nowhere", 404, "not_found"),
        ("/api/v1/records?kinds=event", 400, "bad_parameter"),
        ("/api/v1/records?year=recent", 400, "bad_parameter"),
        ("/api/v1/records?page=0", 400, "bad_parameter"),
        ("/api/v1/records?page=1000000000000000000", 400, "bad_parameter"),
        ("/api/v1/records?per_page=18446744073709551615", 400, "bad_parameter"),
        ("/api/v1/candidates?page=1000000000000000000", 400, "bad_parameter"),
        ("/api/v1/records/no-such-record", 404, "not_found"),
        ("/api/v1/sources/sorbonne-kazakhstan", 404, "not_found"),
        ("/api/v1/dyads/Frnace/KAZ", 404, "unknown_country"),
        ("/api/v1/dyads/FRA/France/timeline", 400, "same_country"),
        ("/api/v1/dyads/FRA/KAZ/timeline?from=last", 400, "bad_parameter"),
        ("/api/v1/dyads/FRA/KAZ/timeline?to=2147483647", 400, "bad_parameter"),
        ("/api/v1/dyads/FRA/KAZ/series?from=-2147483648", 400, "bad_parameter"),
        ("/api/v1/dyads/FRA/KAZ/series?by=week", 400, "bad_parameter"),
        ("/api/v1/dyads/FRA/KAZ?style=mla", 400, "bad_style"),
        ("/api/v1/sources?style=chicago", 400, "bad_style"),
        ("/api/v1/countries/Atlantis", 404, "unknown_country"),
    ];
    let doc = entente_web::openapi::document();
    let error = json!({ "$ref": "#/components/schemas/Error" });
    for (path, status, code) in cases {
        let a = get(s.addr, path);
        assert_eq!(a.status, status, "{path}: {}", a.body);
        assert!(a.header("content-type").unwrap().starts_with("application/json"), "{path}");
        let v = a.json();
        let wrong = problems(&doc, &error, &v, path);
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert_eq!(v["error"]["code"], code, "{path}: {v}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    let a = get(s.addr, "/api/v1/dyads/Frnace/KAZ");
    assert!(a.body.contains("France (FRA)"), "suggests the country: {}", a.body);
    let a = request(s.addr, "DELETE", "/api/v1/records/sorbonne-kazakhstan", &[], None);
    assert_eq!((a.status, a.json()["error"]["code"].as_str()), (405, Some("method_not_allowed")));
}

#[test]
fn search_facets_and_pages_agree_with_the_store_and_csv() {
    let s = server(None);
    let all = get(s.addr, "/api/v1/records?per_page=500").json();
    let total = all["total"].as_u64().unwrap() as usize;
    let store = s.store();
    let direct = store.browse(&entente_store::RecordQuery { per_page: 1, ..Default::default() }).unwrap();
    assert_eq!(total, direct.total);
    assert!(total > 9000, "bundled records and observations: {total}");
    // Each kind's facet count is what filtering by that kind returns.
    for (kind, n) in all["facets"]["kind"].as_object().unwrap() {
        let page = get(s.addr, &format!("/api/v1/records?kind={kind}&per_page=3")).json();
        assert_eq!(page["total"], *n, "{kind}");
        assert!(page["rows"].as_array().unwrap().iter().all(|r| r["kind"] == *kind));
    }
    // Repeated and comma-separated values mean the same.
    let a = get(s.addr, "/api/v1/records?kind=event&kind=claim").json();
    let b = get(s.addr, "/api/v1/records?kind=event,claim").json();
    assert_eq!(a["total"], b["total"]);
    // Pages of the pair's records cover them once each.
    let first = get(s.addr, "/api/v1/dyads/KAZ/FRA/records?per_page=10").json();
    let n = first["total"].as_u64().unwrap() as usize;
    let mut ids = std::collections::HashSet::new();
    for page in 1..=n.div_ceil(10) {
        let p = get(s.addr, &format!("/api/v1/dyads/KAZ/FRA/records?per_page=10&page={page}")).json();
        for r in p["rows"].as_array().unwrap() {
            assert!(ids.insert(r["id"].as_str().unwrap().to_string()));
        }
    }
    assert_eq!(ids.len(), n);
    assert!(ids.contains("sorbonne-kazakhstan") && ids.contains("claim-students-doubled-2018"), "{ids:?}");
    // Words narrow the search in any language.
    let hits = get(s.addr, "/api/v1/records?q=Sorbonne").json();
    assert!(hits["rows"].as_array().unwrap().iter().any(|r| r["id"] == "sorbonne-kazakhstan"));
    let csv = get(s.addr, "/api/v1/records.csv?q=Sorbonne");
    assert_eq!(csv.body.lines().next().unwrap(), "id,kind,dataset,title,date,status,origin");
}

#[test]
fn writes_need_the_token_are_checked_and_change_nothing_when_refused() {
    let readonly = server(None);
    let body =
        json!({"dataset": "notes", "kind": "event", "record": event("api-exhibition", "An exhibition")}).to_string();
    let a = request(readonly.addr, "POST", "/api/v1/records", &[("Authorization", "Bearer anything")], Some(&body));
    assert_eq!(a.status, 401);
    assert!(a.json()["error"]["message"].as_str().unwrap().contains("started without a token"));
    assert_eq!(a.header("www-authenticate"), Some("Bearer realm=\"entente\""));

    let s = server(Some(TOKEN));
    let before = s.store().snapshot("records").unwrap();
    let auth = format!("Bearer {TOKEN}");
    let post = |body: &str, token: Option<&str>| {
        let h = token.map(|t| vec![("Authorization", t)]).unwrap_or_default();
        request(s.addr, "POST", "/api/v1/records", &h, Some(body))
    };
    assert_eq!(post(&body, None).status, 401);
    assert_eq!(post(&body, Some("Bearer wrong")).status, 401);
    assert_eq!(post(&body, Some(TOKEN)).status, 401, "the scheme is required");
    // Bad JSON, a missing kind, fields the loader refuses, a citation of nothing.
    let a = post("{not json", Some(&auth));
    assert_eq!((a.status, a.json()["error"]["code"].as_str()), (400, Some("bad_body")));
    let a = post(&json!({"dataset": "notes", "record": {}}).to_string(), Some(&auth));
    assert_eq!(a.status, 400);
    let mut bad = event("api-exhibition", "x");
    bad["date"] = json!("2021-13");
    bad["host"] = json!("Atlantis");
    let a = post(&json!({"dataset": "notes", "kind": "event", "record": bad}).to_string(), Some(&auth));
    assert_eq!(a.status, 422, "{}", a.body);
    let fields: Vec<String> = a.json()["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["date", "host"], "{}", a.body);
    let mut uncited = event("api-exhibition", "x");
    uncited["sources"][0]["source"] = json!("nobody-2020");
    let a = post(&json!({"dataset": "notes", "kind": "event", "record": uncited}).to_string(), Some(&auth));
    assert_eq!(a.status, 422);
    assert_eq!(a.json()["error"]["problems"][0]["field"], "sources[0].source");
    assert_eq!(s.store().snapshot("records").unwrap(), before, "refused writes changed the store");

    // A good record: created, readable, on the pair's timeline; a second create conflicts.
    let a = post(&body, Some(&auth));
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(a.header("location"), Some("/api/v1/records/api-exhibition"));
    assert_eq!(a.json()["created"], true);
    assert_eq!(post(&body, Some(&auth)).status, 409);
    let timeline = get(s.addr, "/api/v1/dyads/FRA/KAZ/timeline").json();
    assert!(timeline["rows"].as_array().unwrap().iter().any(|e| e["id"] == "api-exhibition"));

    // Updates: the id comes from the address; kind and dataset stay.
    let put = |path: &str, body: &Value| {
        request(s.addr, "PUT", path, &[("Authorization", auth.as_str())], Some(&body.to_string()))
    };
    let mut renamed = event("api-exhibition", "A renamed exhibition");
    renamed.as_object_mut().unwrap().remove("id");
    let a = put("/api/v1/records/api-exhibition", &json!({ "record": renamed }));
    assert_eq!((a.status, a.json()["changed"].as_bool()), (200, Some(true)), "{}", a.body);
    assert_eq!(get(s.addr, "/api/v1/records/api-exhibition").json()["title"], "A renamed exhibition");
    let a = put("/api/v1/records/api-exhibition", &json!({ "record": renamed }));
    assert_eq!(a.json()["changed"], false, "the same body again changes nothing");
    assert_eq!(put("/api/v1/records/other-id", &json!({ "record": event("api-exhibition", "x") })).status, 400);
    assert_eq!(put("/api/v1/records/no-such-record", &json!({ "record": renamed })).status, 404);
    let as_source = json!({"kind": "source", "record": {"kind": "article", "title": "x"}});
    assert_eq!(put("/api/v1/records/api-exhibition", &as_source).status, 409);
    let other_dataset = json!({"dataset": "fra-kaz", "record": renamed});
    assert_eq!(put("/api/v1/records/api-exhibition", &other_dataset).status, 409);
    assert!(s.store().check().unwrap().is_empty());
}

#[test]
fn reads_are_served_again_until_any_writer_changes_the_store() {
    let s = server(None);
    let path = "/dyad/FRA/KAZ.json?lang=fr";
    let first = get(s.addr, path);
    let second = get(s.addr, path);
    assert_eq!((first.header("x-entente-cache"), second.header("x-entente-cache")), (Some("miss"), Some("hit")));
    assert_eq!(first.body, second.body);
    assert_eq!(first.header("content-type"), second.header("content-type"));
    // The CSV twin is its own answer, with its own type.
    let csv = get(s.addr, "/api/v1/dyads/FRA/KAZ/timeline.csv");
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert_eq!(get(s.addr, "/api/v1/dyads/FRA/KAZ/timeline.csv").body, csv.body);

    // Another process writes straight into the store: the next read sees it.
    let mut store = s.store();
    let read = entente_model::input::read_record(
        entente_model::RecordKind::Event,
        &event("side-door-exhibition", "Written beside the server"),
    );
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    store.write_record("notes", &read.record.unwrap(), entente_store::WriteMode::Create).unwrap();
    let third = get(s.addr, path);
    assert_eq!(third.header("x-entente-cache"), Some("miss"));
    assert!(third.body.contains("side-door-exhibition") && !first.body.contains("side-door-exhibition"));
    assert!(get(s.addr, "/api/v1/dyads/FRA/KAZ/timeline.csv").body.contains("side-door-exhibition"));
    // Errors are never kept.
    assert_eq!(get(s.addr, "/dyad/FRA/XXX.json").header("x-entente-cache"), None);

    // A client that has the current copy (JSON or CSV) gets 304 and no body; after a write
    // the old tag no longer matches.
    for path in [path, "/api/v1/dyads/FRA/KAZ/timeline.csv"] {
        let fresh = get(s.addr, path);
        let tag = fresh.header("etag").unwrap().to_string();
        let again = request(s.addr, "GET", path, &[("If-None-Match", &tag)], None);
        assert_eq!((again.status, again.body.as_str()), (304, ""), "{path}");
        assert_eq!(again.header("etag"), Some(tag.as_str()));
        let other = request(s.addr, "GET", path, &[("If-None-Match", "\"0-0\"")], None);
        assert_eq!((other.status, other.body.len()), (200, fresh.body.len()), "{path}");
    }
    let tag = get(s.addr, path).header("etag").unwrap().to_string();
    let read = entente_model::input::read_record(
        entente_model::RecordKind::Event,
        &event("side-door-concert", "Written beside the server, again"),
    );
    store.write_record("notes", &read.record.unwrap(), entente_store::WriteMode::Create).unwrap();
    let after = request(s.addr, "GET", path, &[("If-None-Match", &tag)], None);
    assert_eq!(after.status, 200);
    assert_ne!(after.header("etag"), Some(tag.as_str()));
}

#[test]
fn kazakhstan_partners_are_compared_and_france_diagnosed_in_kazakhstan() {
    let s = server(None);
    let c = get(s.addr, "/api/v1/countries/KAZ/compare?draws=300&seed=11").json();
    assert_eq!((c["focus"].as_str(), c["direction"].as_str()), (Some("KAZ"), Some("in")));
    assert_eq!(c["config"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!((c["draws"].as_u64(), c["seed"].as_u64()), (Some(300), Some(11)));
    entente_testkit::ranked_partners(&c);
    // The rows are the partners, flattened for the CSV twin.
    assert_eq!(c["rows"].as_array().unwrap().len(), c["partners"].as_array().unwrap().len());

    // Choosing partners keeps their ranks among all partners; the CSV has one row each.
    let two = get(s.addr, "/api/v1/countries/Kazakhstan/compare?partners=France,KOR&draws=300&seed=11").json();
    let codes: Vec<&str> = two["partners"].as_array().unwrap().iter().map(|p| p["partner"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 2);
    assert!(codes.contains(&"FRA") && codes.contains(&"KOR"), "{codes:?}");
    let fra =
        |v: &Value| v["partners"].as_array().unwrap().iter().find(|p| p["partner"] == "FRA").unwrap()["rank"].clone();
    assert_eq!(fra(&two), fra(&c));
    let csv = get(s.addr, "/api/v1/countries/KAZ/compare.csv?partners=FRA,KOR");
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert!(header.starts_with(&["partner".to_string(), "name".to_string()]), "{header:?}");
    assert!(header.iter().any(|h| h == "indicators.students_from_b_in_a"), "{header:?}");
    assert!(header.iter().any(|h| h.starts_with("dimensions.")), "{header:?}");
    assert_eq!(reader.records().count(), 2);

    // The dyad's index over the years and its diagnosis.
    let index = get(s.addr, "/api/v1/dyads/FRA/KAZ/index").json();
    let years = index["years"].as_array().unwrap();
    assert!(!years.is_empty() && years.len() <= 10, "{} years", years.len());
    assert_eq!(index["rows"].as_array().unwrap().len(), years.len());
    let d = get(s.addr, "/api/v1/dyads/FRA/KAZ/diagnose").json();
    let barriers = d["findings"].as_array().unwrap().iter().filter(|f| f["category"] == "barrier").count();
    assert_eq!(barriers, 4, "{}", d["findings"]);
    assert!(d["judgements"].as_array().unwrap().iter().any(|j| j["topic"] == "education_ranking"));
    let csv = get(s.addr, "/api/v1/dyads/FRA/KAZ/diagnose.csv");
    assert!(csv.body.starts_with("rule,category,topic,status,sentence,evidence"), "{}", &csv.body[..80]);

    // The dyad page's twin carries the same analyses, computed once for every address.
    let view = get(s.addr, "/dyad/FRA/KAZ.json").json();
    assert_eq!(view["index"]["years"].as_array().unwrap().len(), years.len());
    assert_eq!(view["comparison"]["references"], "paper");
    let beside: Vec<&str> =
        view["comparison"]["partners"].as_array().unwrap().iter().map(|p| p["partner"].as_str().unwrap()).collect();
    assert_eq!(beside, ["FRA", "KOR"]);
    assert_eq!(view["diagnosis"]["findings"], d["findings"]);
    // A pair without data still gets its page, saying so.
    let empty = get(s.addr, "/dyad/TUV/NRU");
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("class=\"no-data\""), "no sentence saying there is no data");
    let empty = get(s.addr, "/dyad/TUV/NRU.json").json();
    assert!(empty["index"].is_null() && empty["comparison"].is_null() && empty["diagnosis"].is_null());
}

#[test]
fn comparison_parameters_are_bounded_and_missing_data_is_a_clear_404() {
    let s = server(None);
    let cases = [
        ("/api/v1/countries/KAZ/compare?draws=0", 400, "bad_parameter", "draws"),
        ("/api/v1/countries/KAZ/compare?draws=5000000", 400, "bad_parameter", "1 to 20000"),
        ("/api/v1/countries/KAZ/compare?seed=-1", 400, "bad_parameter", "seed"),
        ("/api/v1/countries/KAZ/compare?seed=99999999999999999999", 400, "bad_parameter", "9007199254740991"),
        ("/api/v1/countries/KAZ/compare?year=20190", 400, "bad_parameter", "1800 to 2200"),
        ("/api/v1/countries/KAZ/compare?top=0", 400, "bad_parameter", "top"),
        ("/api/v1/countries/KAZ/compare?direction=sideways", 400, "bad_parameter", "in or out"),
        ("/api/v1/countries/KAZ/compare?partners=Atlantis", 404, "unknown_country", "Atlantis"),
        ("/api/v1/countries/KAZ/compare?style=apa", 400, "bad_parameter", "unknown parameter"),
        ("/api/v1/countries/Atlantis/compare", 404, "unknown_country", "Atlantis"),
        ("/api/v1/countries/Tuvalu/compare", 404, "no_data", "no data for Tuvalu"),
        ("/api/v1/dyads/FRA/KAZ/index?from=2019&to=2010", 400, "bad_parameter", "after"),
        ("/api/v1/dyads/FRA/KAZ/index?from=1900&to=2019", 400, "bad_parameter", "50 years"),
        ("/api/v1/dyads/FRA/KAZ/index?draws=0", 400, "bad_parameter", "draws"),
        ("/api/v1/dyads/FRA/TUV/index", 404, "no_data", "TUV"),
        ("/api/v1/dyads/Frnace/KAZ/index", 404, "unknown_country", "France"),
        ("/api/v1/dyads/FRA/KAZ/diagnose?year=recent", 400, "bad_parameter", "year"),
        ("/api/v1/dyads/TUV/NRU/diagnose", 404, "no_data", "no data"),
        ("/api/v1/dyads/FRA/FRA/diagnose", 400, "same_country", "two different"),
    ];
    for (path, status, code, words) in cases {
        let a = get(s.addr, path);
        assert_eq!(a.status, status, "{path}: {}", &a.body[..a.body.len().min(300)]);
        let v = a.json();
        assert_eq!(v["error"]["code"], code, "{path}: {v}");
        let message = v["error"]["message"].as_str().unwrap();
        assert!(message.contains(words), "{path}: {message}");
    }
    // The page and its twin refuse the same, as a page or as JSON.
    let page = get(s.addr, "/compare/KAZ?direction=sideways");
    assert_eq!(page.status, 400);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    let twin = get(s.addr, "/compare/Tuvalu.json");
    assert_eq!((twin.status, twin.json()["error"]["code"].as_str()), (404, Some("no_data")));
}

#[test]
fn the_pages_escape_judgements_and_the_comparison_page_has_its_parts() {
    let token = "escape-test";
    let s = server(Some(token));
    let evil = "<script>window.__pwned=1</script>";
    let claim = json!({"dataset": "notes", "kind": "claim", "record": {
        "id": "xss-judgement", "text": evil, "lang": "en", "country": "KAZ",
        "assessment": {"category": "barrier", "topic": "language"},
        "sources": [{"source": "kussainova-2021", "locator": evil, "quote": evil}]
    }});
    let auth = format!("Bearer {token}");
    let a = request(s.addr, "POST", "/api/v1/records", &[("Authorization", &auth)], Some(&claim.to_string()));
    assert_eq!(a.status, 201, "{}", a.body);
    for page in ["/dyad/FRA/KAZ", "/dyad/FRA/KAZ?lang=kk", "/compare/KAZ?lang=ru", "/country/KAZ", "/"] {
        let a = get(s.addr, page);
        assert_eq!(a.status, 200, "{page}");
        assert!(!a.body.contains("<script"), "{page}: a raw script tag");
    }
    let dyad = get(s.addr, "/dyad/FRA/KAZ").body;
    assert!(dyad.contains("id=\"judgement-xss-judgement\""), "the judgement is listed");
    assert!(dyad.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
    for part in ["id=\"diagnostics\"", "ul class=\"findings\" data-category=\"barrier\"", "class=\"chart ranks\""] {
        assert!(dyad.contains(part), "the dyad page lacks {part}");
    }

    let page = get(s.addr, "/compare/KAZ?lang=ru&partners=FRA,KOR,TUV").body;
    for part in [
        "<table class=\"ranking\"",
        "class=\"chart ranks\"",
        "href=\"/dyad/FRA/KAZ?lang=ru\"",
        "id=\"method\"",
        "<code class=\"sha256\">",
        "id=\"left-out\"",
        "id=\"sensitivity\"",
        "Казахстан: сравнение партнёров",
        "class=\"muted not-compared\"",
    ] {
        assert!(page.contains(part), "the comparison page lacks {part}");
    }
    let twin = get(s.addr, "/compare/KAZ.json?partners=FRA,KOR,TUV").json();
    assert_eq!(twin["partners"].as_array().unwrap().len(), 2);
    assert_eq!(twin["not_compared"], json!(["TUV"]));
    // The home page and the country page lead to it.
    assert!(get(s.addr, "/country/KAZ?lang=fr").body.contains("href=\"/compare/KAZ?lang=fr\""));
    assert!(get(s.addr, "/").body.contains("action=\"/compare\""));
    let a = get(s.addr, "/compare?focus=%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B%D1%81%D1%82%D0%B0%D0%BD&lang=kk");
    assert_eq!((a.status, a.header("location")), (303, Some("/compare/KAZ?lang=kk")));
}

#[test]
fn a_candidate_accepted_through_the_api_is_on_the_timeline_with_its_citation() {
    let s = server(Some(TOKEN));
    let auth = format!("Bearer {TOKEN}");
    let mut hostile = candidate(300);
    hostile.evidence = "<script>alert(1)</script> France and Kazakhstan held a festival.".into();
    hostile.kind = entente_model::ontology::EventKind::SeasonOrFestival;
    hostile.date = None;
    hostile.doc_date = None;
    s.store().queue_candidates(&[candidate(0), candidate(100), hostile.clone()]).unwrap();
    let (good, other, undated) = (candidate(0).id(), candidate(100).id(), hostile.id());

    // The dashboard shows the queue, escaped.
    let page = get(s.addr, "/review");
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&good) && page.body.contains(&undated));
    assert!(!page.body.contains("<script>alert(1)"), "evidence must be escaped");
    assert!(page.body.contains("&lt;script&gt;"));
    let twin = get(s.addr, "/review.json?state=pending").json();
    assert_eq!(twin["counts"]["pending"], 3);

    // Decisions need the token; refused ones change nothing.
    let post = |path: &str, body: &str, auth: Option<&str>| {
        let h = auth.map(|a| vec![("Authorization", a)]).unwrap_or_default();
        request(s.addr, "POST", path, &h, Some(body))
    };
    let accept = format!("/api/v1/candidates/{good}/accept");
    assert_eq!(post(&accept, "{}", None).status, 401);
    assert_eq!(post(&accept, "{}", Some("Bearer nope")).status, 401);
    let a = post(&accept, r#"{"colour": "red"}"#, Some(&auth));
    assert_eq!((a.status, a.json()["error"]["code"].as_str()), (400, Some("bad_body")));
    let a = post(&accept, r#"{"host": "DEU"}"#, Some(&auth));
    assert_eq!(a.status, 422, "{}", a.body);
    let a = post(&accept, r#"{"date": "2019-13"}"#, Some(&auth));
    assert_eq!(a.status, 400, "{}", a.body);
    let a = post(&format!("/api/v1/candidates/{undated}/accept"), "{}", Some(&auth));
    assert_eq!((a.status, a.json()["error"]["problems"][0]["field"].as_str()), (422, Some("date")), "{}", a.body);
    let a = post(&format!("/api/v1/candidates/{other}/reject"), "{}", Some(&auth));
    assert_eq!(a.status, 400, "a rejection needs a reason: {}", a.body);
    assert_eq!(get(s.addr, "/api/v1/candidates").json()["counts"]["pending"], 3);

    // Accepted: a curated event citing the document, on the pair's timeline.
    let a = post(&accept, r#"{"host": "FRA", "reviewer": "test"}"#, Some(&auth));
    assert_eq!(a.status, 201, "{}", a.body);
    let done = a.json();
    let event = done["event"].as_str().unwrap().to_string();
    assert_eq!(a.header("location"), Some(format!("/api/v1/records/{event}").as_str()));
    let timeline = get(s.addr, "/api/v1/dyads/FRA/KAZ/timeline").json();
    let row = timeline["rows"].as_array().unwrap().iter().find(|r| r["id"] == event.as_str()).unwrap().clone();
    assert_eq!(row["date"], "2019-06-25");
    assert_eq!(row["sources"][0]["source_id"], done["source"]);
    assert_eq!(row["sources"][0]["quote"], candidate(0).evidence);
    assert!(row["sources"][0]["citation"].as_str().unwrap().contains("https://example.org/unesco"), "{row}");
    let record = get(s.addr, &format!("/api/v1/records/{event}")).json();
    assert_eq!(record["record"]["origin"]["type"], "curated");
    assert_eq!(record["dataset"], "reviewed");

    // Decided once: a second decision conflicts; a rejection keeps its reason.
    assert_eq!(post(&accept, "{}", Some(&auth)).status, 409);
    let a = post(&format!("/api/v1/candidates/{other}/reject"), r#"{"reason": "same agreement"}"#, Some(&auth));
    assert_eq!((a.status, a.json()["reason"].as_str()), (200, Some("same agreement")));
    let counts = get(s.addr, "/api/v1/candidates?state=all").json()["counts"].clone();
    assert_eq!(counts, json!({"pending": 1, "accepted": 1, "rejected": 1}));
    let pair = get(s.addr, "/api/v1/candidates?state=all&a=Kazakhstan&b=France").json();
    assert_eq!(pair["rows"].as_array().unwrap().len(), 3);
    assert_eq!(get(s.addr, "/api/v1/candidates?state=maybe").status, 400);
    assert!(s.store().check().unwrap().is_empty());
}

#[test]
fn every_answer_carries_the_security_headers_and_big_bodies_are_refused() {
    let s = server(Some(TOKEN));
    for path in ["/", "/dyad/FRA/KAZ", "/review", "/api/v1/records?per_page=1", "/api/v1/nowhere"] {
        let a = get(s.addr, path);
        let csp = a.header("content-security-policy").unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"), "{path}: {csp}");
        assert_eq!(a.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(a.header("referrer-policy"), Some("no-referrer"), "{path}");
    }
    let auth = format!("Bearer {TOKEN}");
    let big =
        format!("{{\"dataset\": \"x\", \"kind\": \"event\", \"record\": {{\"note\": \"{}\"}}}}", "a".repeat(2 << 20));
    let a = request(s.addr, "POST", "/api/v1/records", &[("Authorization", &auth)], Some(&big));
    assert_eq!(a.status, 413, "{}", &a.body[..a.body.len().min(200)]);

    // A long target or big headers are refused before any handler runs, naming the limit.
    let a = get(s.addr, &format!("/api/v1/records?q={}", "a".repeat(9000)));
    assert_eq!(a.status, 414);
    assert!(a.json()["error"]["message"].as_str().unwrap().contains("at most 8192"), "{}", a.body);
    let cookie = "c".repeat(20_000);
    let a = request(s.addr, "GET", "/dyad/FRA/KAZ", &[("Cookie", &cookie)], None);
    assert_eq!(a.status, 431);
    assert!(a.body.contains("at most 64 headers of 16384 bytes"), "{}", a.body);
    let names: Vec<String> = (0..70).map(|i| format!("X-Extra-{i}")).collect();
    let many: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "1")).collect();
    assert_eq!(request(s.addr, "GET", "/api/v1/records", &many, None).status, 431);
    // Just under the limits is served.
    let a = request(s.addr, "GET", "/api/v1/records?per_page=1", &[("Cookie", &"c".repeat(15_000))], None);
    assert_eq!(a.status, 200, "{}", a.body);
}

#[test]
fn script_payloads_written_through_the_api_are_escaped_on_every_page_that_shows_them() {
    let s = server(Some(TOKEN));
    let auth = format!("Bearer {TOKEN}");
    let payload = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    let source = json!({"dataset": "xss", "kind": "source", "record": {
        "id": "xss-source", "kind": "web_page", "title": payload, "url": "https://example.org/x", "accessed": "2026-11-27"}});
    let a = request(s.addr, "POST", "/api/v1/records", &[("Authorization", &auth)], Some(&source.to_string()));
    assert_eq!(a.status, 201, "{}", a.body);
    let mut ev = event("xss-event", payload);
    ev["description"] = json!({"en": payload});
    ev["sources"] = json!([{"source": "xss-source", "locator": payload, "quote": payload}]);
    let a = request(
        s.addr,
        "POST",
        "/api/v1/records",
        &[("Authorization", &auth)],
        Some(&json!({"dataset": "xss", "kind": "event", "record": ev}).to_string()),
    );
    assert_eq!(a.status, 201, "{}", a.body);
    let pages = [
        "/record/xss-event",
        "/record/xss-source",
        "/dyad/FRA/KAZ",
        "/sources",
        "/sources?style=apa",
        "/country/KAZ",
        "/?lang=ru",
        "/dyad/FRA/KAZ?q=alert#search",
    ];
    for page in pages {
        let a = get(s.addr, page);
        assert_eq!(a.status, 200, "{page}");
        assert!(!a.body.contains("<script>alert") && !a.body.contains("<img src=x"), "{page} lets the payload run");
    }
    for page in ["/record/xss-event", "/dyad/FRA/KAZ", "/sources"] {
        assert!(get(s.addr, page).body.contains("&lt;script&gt;"), "{page} does not show the escaped payload");
    }
    // The JSON twins carry the text as data.
    assert_eq!(get(s.addr, "/api/v1/records/xss-event").json()["record"]["title"]["en"], payload);
}

#[test]
fn no_file_is_reachable_through_a_url_and_the_api_is_open_to_other_origins() {
    let s = server(None);
    for path in [
        "/../../../../etc/passwd",
        "/record/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/records/..%2F..%2Fentente.db",
        "/entente.db",
        "/static/../entente.db",
        "/%2e%2e/%2e%2e/etc/passwd",
    ] {
        let a = get(s.addr, path);
        assert!(a.status == 404 || a.status == 400, "{path}: {}", a.status);
        assert!(!a.body.contains("root:") && !a.body.contains("SQLite format"), "{path}");
    }
    let a = get(s.addr, "/api/v1/countries?q=kaz");
    assert_eq!(a.header("access-control-allow-origin"), Some("*"));
    // Pages are not for embedding elsewhere.
    assert_eq!(get(s.addr, "/").header("access-control-allow-origin"), None);
}

#[test]
fn an_unsupported_language_is_refused_with_the_supported_ones_as_json_or_a_page() {
    let s = server(None);
    let json_routes = [
        "/api/v1/countries?lang=de",
        "/api/v1/countries/KAZ?lang=de",
        "/api/v1/countries/KAZ/compare?lang=de",
        "/api/v1/dyads?lang=de",
        "/api/v1/dyads/FRA/KAZ?lang=de",
        "/api/v1/dyads/FRA/KAZ/timeline?lang=de",
        "/api/v1/dyads/FRA/KAZ/timeline.csv?lang=de",
        "/api/v1/dyads/FRA/KAZ/index?lang=de",
        "/api/v1/records?lang=de",
        "/api/v1/sources?lang=de",
        "/dyad/FRA/KAZ.json?lang=de",
        "/compare/KAZ.json?lang=de",
        "/country/KAZ.json?lang=xx",
        "/sources.json?lang=english",
        "/review.json?lang=de",
        "/record/sorbonne-kazakhstan.json?lang=de",
    ];
    for path in json_routes {
        let a = get(s.addr, path);
        assert_eq!(a.status, 400, "{path}: {}", a.body);
        assert!(a.header("content-type").unwrap().starts_with("application/json"), "{path}");
        let v = a.json();
        assert_eq!(v["error"]["code"], "unsupported_language", "{path}: {v}");
        assert_eq!(v["error"]["supported"], json!(["en", "fr", "ru", "kk"]), "{path}: {v}");
        let message = v["error"]["message"].as_str().unwrap();
        for l in ["en (English)", "fr (Français)", "ru (Русский)", "kk (Қазақша)"] {
            assert!(message.contains(l), "{path}: {message}");
        }
    }
    let pages = [
        "/?lang=de",
        "/dyad/FRA/KAZ?lang=de",
        "/dyad?a=FRA&b=KAZ&lang=de",
        "/compare/KAZ?lang=de",
        "/compare?focus=KAZ&lang=de",
        "/country/KAZ?lang=de",
        "/record/sorbonne-kazakhstan?lang=de",
        "/sources?lang=de",
        "/review?lang=de",
    ];
    for path in pages {
        let a = get(s.addr, path);
        assert_eq!(a.status, 400, "{path}: {}", a.body);
        assert!(a.header("content-type").unwrap().starts_with("text/html"), "{path}");
        assert!(a.body.contains("<h1>Unsupported language</h1>"), "{path}: {}", a.body);
        assert!(a.body.contains("Language &quot;de&quot; is not supported"), "{path}: {}", a.body);
        for (code, name) in [("en", "English"), ("fr", "Français"), ("ru", "Русский"), ("kk", "Қазақша")]
        {
            assert!(
                a.body.contains(&format!("href=\"/?lang={code}\"")) && a.body.contains(name),
                "{path} lacks {code}"
            );
        }
    }
    // The supported codes pass in any case; no code at all is English.
    assert_eq!(get(s.addr, "/api/v1/dyads/FRA/KAZ/timeline?lang=RU").status, 200);
    assert!(get(s.addr, "/?lang=KK").body.contains("<html lang=\"kk\">"));
    assert!(get(s.addr, "/").body.contains("<html lang=\"en\">"));
}

/// The Russian word for `n` records, by the rule CLDR states for Russian cardinals.
fn russian_records(n: u64) -> String {
    let word = match (n % 10, n % 100) {
        (1, r) if r != 11 => "запись",
        (2..=4, r) if !(12..=14).contains(&r) => "записи",
        _ => "записей",
    };
    format!("{n} {word}")
}

#[test]
fn pages_in_russian_count_events_records_and_results_in_the_right_forms() {
    let s = server(None);
    let home = get(s.addr, "/?lang=ru").body;
    // Every dataset of the bundled data, with its record count as the home page's twin gives it.
    let twin = get(s.addr, "/index.json").json();
    let datasets = twin["datasets"].as_array().unwrap();
    assert!(datasets.len() >= 10, "{twin}");
    let mut forms = std::collections::BTreeSet::new();
    for d in datasets {
        let (id, n) = (d["id"].as_str().unwrap(), d["records"].as_u64().unwrap());
        let shown = format!("({id}, {})", russian_records(n));
        assert!(home.contains(&shown), "the home page lacks {shown}");
        forms.insert(russian_records(n).split(' ').nth(1).unwrap().to_string());
    }
    // The bundled data shows more than one form, so the check above is not one form only.
    assert!(forms.len() >= 2, "{forms:?}");
    let pairs = twin["dyads"].as_array().unwrap();
    let fra_kaz = pairs.iter().find(|d| d["a"] == "FRA" && d["b"] == "KAZ").unwrap();
    // Nine bilateral events, and five there by context only, counted apart.
    let events = fra_kaz["events"].as_u64().unwrap();
    assert_eq!((events, fra_kaz["context"].as_u64().unwrap()), (9, 5), "the bundled dataset's events");
    assert!(home.contains("(9 событий; 5 только контекст)"), "{home}");

    // The dyad page's figures: the number in bold, the noun agreeing with it.
    let dyad = get(s.addr, "/dyad/FRA/KAZ?lang=ru").body;
    assert!(dyad.contains("<div><b>14</b>событий</div>"), "{dyad}");
    let sources = get(s.addr, "/api/v1/dyads/FRA/KAZ").json()["summary"]["sources"].as_u64().unwrap();
    assert_eq!(sources, 10, "the paper and the sources of the corrected records");
    assert!(dyad.contains("<div><b>10</b>источников</div>"), "{dyad}");
    // The record search under it: one hit for a word only one record has.
    let one = get(s.addr, "/dyad/FRA/KAZ?lang=ru&q=Sorbonne").body;
    let hits = get(s.addr, "/api/v1/dyads/FRA/KAZ/records?q=Sorbonne").json()["total"].as_u64().unwrap();
    assert!(hits >= 1);
    let word = match (hits % 10, hits % 100) {
        (1, r) if r != 11 => "результат",
        (2..=4, r) if !(12..=14).contains(&r) => "результата",
        _ => "результатов",
    };
    assert!(one.contains(&format!("<p class=\"muted count\">{hits} {word}</p>")), "{hits} {word}: {one}");

    // The same page in English and Kazakh.
    assert!(get(s.addr, "/?lang=en").body.contains("(9 events; 5 context only)"));
    assert!(get(s.addr, "/?lang=kk").body.contains("(9 оқиға; 5 тек контекст)"));
    let en = get(s.addr, "/dyad/FRA/KAZ?lang=en").body;
    assert!(en.contains("<div><b>10</b>sources cited</div>"), "{en}");
}
