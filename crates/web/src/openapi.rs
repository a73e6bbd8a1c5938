//! The API's routes, declared once: this table builds the router (with each route's query
//! parameters enforced) and the OpenAPI 3.1 document served at `/api/v1/openapi.json`, so
//! the two cannot drift apart.

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post, put};
use serde_json::{Map, Value, json};

use crate::AppState;
use crate::api;
use crate::error::ApiError;
use crate::review;

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    Path,
    Query,
}

/// One parameter of a route.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub at: In,
    /// JSON Schema type: `string` or `integer`.
    pub ty: &'static str,
    pub description: &'static str,
    /// A value that works on the bundled data; the OpenAPI test calls every route with it.
    pub example: &'static str,
    /// Allowed values, when the set is closed.
    pub values: &'static [&'static str],
    /// May be repeated (`kind=event&kind=claim`) or comma-separated.
    pub repeat: bool,
}

const fn query(name: &'static str, ty: &'static str, description: &'static str, example: &'static str) -> Param {
    Param { name, at: In::Query, ty, description, example, values: &[], repeat: false }
}

const fn path(name: &'static str, description: &'static str, example: &'static str) -> Param {
    Param { name, at: In::Path, ty: "string", description, example, values: &[], repeat: false }
}

const LANG: Param = Param {
    values: &["en", "fr", "ru", "kk"],
    ..query("lang", "string", "Language of names and labels (default en).", "fr")
};
const STYLE: Param = Param {
    values: &["gost", "apa"],
    ..query("style", "string", "Citation style of formatted sources (default gost).", "apa")
};
const A: Param =
    path("a", "First country: any ISO, CAMEO or FIPS code, or a name in English, French, Russian or Kazakh.", "FRA");
const B: Param = path("b", "Second country, likewise.", "Казахстан");
const ID: Param = path("id", "A record id.", "sorbonne-kazakhstan");
const CODE: Param = path("code", "A country: any code or name.", "KAZ");
const FROM: Param = query("from", "integer", "First year (inclusive).", "2010");
const TO: Param = query("to", "integer", "Last year (inclusive).", "2025");
const Q: Param =
    query("q", "string", "Words to find in titles, names, descriptions and quotes, in any language.", "Alliance");
const PAGE: Param = query("page", "integer", "Page of results, from 1.", "1");
const PER_PAGE: Param = query("per_page", "integer", "Results per page (default 50, at most 500).", "20");
const KIND: Param = Param {
    repeat: true,
    values: &["source", "actor", "programme", "event", "observation", "claim"],
    ..query("kind", "string", "Record kinds.", "event")
};
const DOMAIN: Param =
    Param { repeat: true, ..query("domain", "string", "Event domains (arts, education, language…).", "education") };
const STATUS: Param = Param { repeat: true, ..query("status", "string", "Event statuses (held, planned…).", "held") };
const YEAR: Param = Param { repeat: true, ..query("year", "integer", "Years of the events.", "2019") };
const ORIGIN: Param = Param {
    repeat: true,
    values: &["curated", "coded", "imported"],
    ..query("origin", "string", "How events came to be.", "curated")
};
const DATASET: Param = Param { repeat: true, ..query("dataset", "string", "Datasets.", "fra-kaz") };
const EVENT_KIND: Param =
    Param { repeat: true, ..query("kind", "string", "Event kinds (exhibition, agreement…).", "agreement") };
const BY: Param =
    Param { values: &["month", "year"], ..query("by", "string", "Period of the series (default month).", "year") };
const SOURCE_STYLE: Param = Param {
    values: &["gost", "apa", "bibtex", "csl-json"],
    ..query("style", "string", "gost or apa (formatted text), bibtex or csl-json (entries). Default gost.", "apa")
};
const DIRECTION: Param = Param {
    values: &["in", "out"],
    ..query(
        "direction",
        "string",
        "in: each partner projecting into the country (default); out: the country projecting into each partner.",
        "in",
    )
};
const CMP_YEAR: Param = query(
    "year",
    "integer",
    "The year, 1800 to 2200 (default: the latest year the country has student-mobility data).",
    "2018",
);
const PARTNERS: Param = Param {
    repeat: true,
    ..query(
        "partners",
        "string",
        "Show only these partners: codes or names, repeated or comma-separated. Ranks stay those among every partner.",
        "FRA,KOR",
    )
};
const TOP: Param = query("top", "integer", "Show only the N best-ranked partners, 1 to 500.", "12");
const DRAWS: Param =
    query("draws", "integer", "Monte Carlo draws, 1 to 20000 (default: the index configuration's).", "200");
const SEED: Param =
    query("seed", "integer", "Seed of the Monte Carlo draws, 0 to 2^53 − 1 (default: the index configuration's).", "7");
const INDEX_FROM: Param =
    query("from", "integer", "First year, 1800 to 2200 (default: nine years before `to`).", "2014");
const INDEX_TO: Param =
    query("to", "integer", "Last year, 1800 to 2200 (default: the latest year B has data).", "2018");
const DIAGNOSE_YEAR: Param =
    query("year", "integer", "The year, 1800 to 2200 (default: the comparison's latest year).", "2018");
const REVIEW_STATE: Param = Param {
    values: &["pending", "accepted", "rejected", "all"],
    ..query("state", "string", "Candidates in this state (default pending).", "pending")
};
const CAND_A: Param = query("a", "string", "With b: only candidates naming both countries (any code or name).", "FRA");
const CAND_B: Param = query("b", "string", "The second country, with a.", "KAZ");
const CANDIDATE: Param = path("id", "A candidate id (`entente review list`).", "cand-b94bf8518f9097f2");
const SEARCH: [Param; 10] = [Q, KIND, DOMAIN, STATUS, YEAR, ORIGIN, DATASET, PAGE, PER_PAGE, LANG];

/// One route of the API.
pub struct Endpoint {
    pub method: &'static str,
    pub path: &'static str,
    pub id: &'static str,
    pub summary: &'static str,
    pub params: &'static [Param],
    /// Also served as CSV at `path.csv` (the JSON's `rows`).
    pub csv: bool,
    /// Needs the bearer token.
    pub auth: bool,
    /// Schema of the request body.
    pub body: Option<&'static str>,
    /// An example request body (JSON), shown in the document and sent by its test.
    pub body_example: Option<&'static str>,
    /// Schema of the success answer, and its status.
    pub response: &'static str,
    pub status: u16,
    pub(crate) route: fn() -> MethodRouter<Arc<AppState>>,
}

const fn read(
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    params: &'static [Param],
    csv: bool,
    response: &'static str,
    route: fn() -> MethodRouter<Arc<AppState>>,
) -> Endpoint {
    Endpoint {
        method: "get",
        path,
        id,
        summary,
        params,
        csv,
        auth: false,
        body: None,
        body_example: None,
        response,
        status: 200,
        route,
    }
}

pub const ENDPOINTS: &[Endpoint] = &[
    read("/api/v1/openapi.json", "openapi", "This document.", &[], false, "OpenApi", || get(api::openapi)),
    read(
        "/api/v1/countries",
        "countries",
        "Countries with their codes and names in four languages; `q` filters by any code or part of a name.",
        &[Param { example: "kaz", ..Q }, LANG],
        true,
        "CountryList",
        || get(api::countries),
    ),
    read(
        "/api/v1/countries/{code}",
        "country",
        "A focus country: names, codes, its Elcano soft presence and its partners with their figures.",
        &[CODE, LANG, STYLE],
        false,
        "CountryView",
        || get(api::country_profile),
    ),
    read(
        "/api/v1/countries/{code}/compare",
        "compare",
        "A country's partners on the bilateral cultural cooperation index: score, rank and its 5–95 % Monte Carlo interval, coverage, dimension scores, every raw value with its source, the indicators left out and why, the sensitivity, and the configuration's name, version and SHA-256. Rows: one per partner, indicators flattened.",
        &[CODE, DIRECTION, CMP_YEAR, PARTNERS, TOP, DRAWS, SEED, LANG],
        true,
        "Comparison",
        || get(api::country_compare),
    ),
    read(
        "/api/v1/countries/{code}/partners",
        "partners",
        "A focus country's partners side by side: shared events, latest student flows both ways, soft presence.",
        &[CODE, LANG],
        true,
        "Partners",
        || get(api::partners),
    ),
    read("/api/v1/datasets", "datasets", "Datasets in the store, with origin and licence.", &[], true, "Rows", || {
        get(api::datasets)
    }),
    read(
        "/api/v1/dyads",
        "dyads",
        "Pairs of countries that share events, most events first.",
        &[LANG],
        true,
        "Rows",
        || get(api::dyads),
    ),
    read(
        "/api/v1/dyads/{a}/{b}",
        "dyad",
        "Everything about a pair: summary, timeline, records, indicators, claims, GDELT series, bibliography.",
        &[A, B, LANG, STYLE],
        false,
        "DyadView",
        || get(api::dyad),
    ),
    read(
        "/api/v1/dyads/{a}/{b}/timeline",
        "timeline",
        "The pair's dated events in order, with direction, setting and formatted citations.",
        &[A, B, FROM, TO, DOMAIN, EVENT_KIND, LANG, STYLE],
        true,
        "Timeline",
        || get(api::dyad_timeline),
    ),
    read(
        "/api/v1/dyads/{a}/{b}/series",
        "series",
        "GDELT events between the pair per period and direction, with QuadClass and CAMEO root counts.",
        &[A, B, BY, FROM, TO],
        true,
        "Series",
        || get(api::dyad_series),
    ),
    read(
        "/api/v1/dyads/{a}/{b}/indicators",
        "indicators",
        "Student flows both ways (with change and growth), shares and ranks, Elcano soft presence. Rows: one per flow point.",
        &[A, B, LANG, STYLE],
        true,
        "Indicators",
        || get(api::dyad_indicators),
    ),
    read(
        "/api/v1/dyads/{a}/{b}/index",
        "dyad_index",
        "The index of A projecting into B each year, A ranked among all of B's partners. Rows: one per year.",
        &[A, B, INDEX_FROM, INDEX_TO, DRAWS, SEED, LANG],
        true,
        "IndexSeries",
        || get(api::dyad_index),
    ),
    read(
        "/api/v1/dyads/{a}/{b}/diagnose",
        "dyad_diagnose",
        "Strengths, weaknesses, barriers and prospects of A projecting into B from the rules in data/diagnose-rules.toml, each with its status and evidence, beside the judgements the sources make. Rows: one per finding.",
        &[A, B, DIAGNOSE_YEAR, LANG, STYLE],
        true,
        "Diagnosis",
        || get(api::dyad_diagnose),
    ),
    read(
        "/api/v1/dyads/{a}/{b}/claims",
        "claims",
        "Claims about the pair set beside the data, each with a verdict and its reasoning.",
        &[A, B, STYLE],
        true,
        "Rows",
        || get(api::dyad_claims),
    ),
    read(
        "/api/v1/dyads/{a}/{b}/records",
        "dyad_records",
        "Search among the records a pair's page shows, with facets and pages.",
        &[A, B, Q, KIND, DOMAIN, STATUS, YEAR, ORIGIN, DATASET, PAGE, PER_PAGE, LANG, STYLE],
        true,
        "RecordPage",
        || get(api::dyad_records),
    ),
    read(
        "/api/v1/records",
        "records",
        "Search all records: words, facets (kind, domain, status, year, origin, dataset), pages.",
        &SEARCH,
        true,
        "RecordPage",
        || get(api::records),
    ),
    Endpoint {
        method: "post",
        path: "/api/v1/records",
        id: "create_record",
        summary: "Create a curated record. Checked like a dataset file; written in one transaction.",
        params: &[],
        csv: false,
        auth: true,
        body: Some("WriteRequest"),
        body_example: None,
        response: "WriteOutcome",
        status: 201,
        route: || post(api::create_record),
    },
    read(
        "/api/v1/records/{id}",
        "record",
        "One record as stored, with its formatted sources and the records pointing at it.",
        &[ID, LANG, STYLE],
        false,
        "RecordDetail",
        || get(api::record),
    ),
    Endpoint {
        method: "put",
        path: "/api/v1/records/{id}",
        id: "update_record",
        summary: "Replace a curated record (same kind and dataset). Checked like a dataset file.",
        params: &[ID],
        csv: false,
        auth: true,
        body: Some("WriteRequest"),
        body_example: None,
        response: "WriteOutcome",
        status: 200,
        route: || put(api::update_record),
    },
    read(
        "/api/v1/candidates",
        "candidates",
        "The review queue: events the text coder found (`entente code --store`), most confident first, with the counts per state. Candidates are not records until accepted.",
        &[REVIEW_STATE, CAND_A, CAND_B, PAGE, PER_PAGE],
        true,
        "CandidatePage",
        || get(review::candidates),
    ),
    read(
        "/api/v1/candidates/{id}",
        "candidate",
        "One candidate: evidence span and text, trigger, document, confidence, state and decision.",
        &[CANDIDATE],
        false,
        "Candidate",
        || get(review::candidate),
    ),
    Endpoint {
        method: "post",
        path: "/api/v1/candidates/{id}/accept",
        id: "accept_candidate",
        summary: "Accept a pending candidate: it becomes a curated event in dataset `reviewed`, citing its document (a new source record unless stored already) with the evidence span as locator and quote. Every field of the body is optional and corrects the coder.",
        params: &[CANDIDATE],
        csv: false,
        auth: true,
        body: Some("Acceptance"),
        body_example: Some(r#"{"reviewer": "OpenAPI test"}"#),
        response: "Accepted",
        status: 201,
        route: || post(review::accept),
    },
    Endpoint {
        method: "post",
        path: "/api/v1/candidates/{id}/reject",
        id: "reject_candidate",
        summary: "Reject a pending candidate, with the reason. It stays in the queue, rejected, and coding the text again does not bring it back.",
        params: &[Param { example: "cand-76b241cdc3bec5d6", ..CANDIDATE }],
        csv: false,
        auth: true,
        body: Some("Rejection"),
        body_example: Some(r#"{"reason": "not a cultural event"}"#),
        response: "Candidate",
        status: 200,
        route: || post(review::reject),
    },
    read(
        "/api/v1/sources",
        "sources",
        "Every source with its citation in the chosen style and how many records cite it.",
        &[SOURCE_STYLE, LANG],
        true,
        "Rows",
        || get(api::sources),
    ),
    read(
        "/api/v1/sources/{id}",
        "source",
        "One source: citation in GOST and APA, BibTeX, CSL-JSON, and the records citing it.",
        &[Param { example: "kussainova-2021", ..ID }, LANG, STYLE],
        false,
        "RecordDetail",
        || get(api::source),
    ),
];

/// The API's routes, each refusing query parameters it does not declare.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    let mut router = Router::new();
    for e in ENDPOINTS {
        let known: Vec<&'static str> = e.params.iter().filter(|p| p.at == In::Query).map(|p| p.name).collect();
        let route = (e.route)().layer(middleware::from_fn(move |req: Request, next: Next| {
            let known = known.clone();
            async move { check_query(&known, req, next).await }
        }));
        router = router.route(e.path, route.clone());
        if e.csv {
            router = router.route(&format!("{}.csv", e.path), route);
        }
    }
    router
}

async fn check_query(known: &[&'static str], req: Request, next: Next) -> Response {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.uri().query().unwrap_or("")).unwrap_or_default();
    if let Some((unknown, _)) = pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        let expected = if known.is_empty() { "none".to_string() } else { known.join(", ") };
        return ApiError::bad_request(
            "bad_parameter",
            format!("unknown parameter \"{unknown}\"; this route takes: {expected}"),
        )
        .in_json(true)
        .into_response();
    }
    next.run(req).await
}

fn param_doc(p: &Param) -> Value {
    let mut schema = json!({ "type": p.ty });
    if !p.values.is_empty() {
        schema["enum"] = json!(p.values);
    }
    if p.repeat {
        schema = json!({ "type": "array", "items": schema });
    }
    let example = if p.repeat { json!([typed(p.ty, p.example)]) } else { typed(p.ty, p.example) };
    let mut doc = json!({
        "name": p.name,
        "in": if p.at == In::Path { "path" } else { "query" },
        "required": p.at == In::Path,
        "description": p.description,
        "schema": schema,
        "example": example,
    });
    if p.repeat {
        doc["style"] = json!("form");
        doc["explode"] = json!(true);
    }
    doc
}

fn typed(ty: &str, example: &str) -> Value {
    match (ty, example.parse::<i64>()) {
        ("integer", Ok(n)) => json!(n),
        _ => json!(example),
    }
}

fn error_responses(e: &Endpoint) -> Map<String, Value> {
    let mut out = Map::new();
    let error = |d: &str| json!({ "description": d, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    out.insert("400".into(), error("Bad parameter or body."));
    if e.params.iter().any(|p| p.at == In::Path) || e.auth {
        out.insert("404".into(), error("No such country, record or source (`unknown_country`, `not_found`), or no data for the analysis (`no_data`)."));
    }
    if e.auth {
        out.insert("401".into(), error("Missing or wrong bearer token, or a server started without one."));
        out.insert("409".into(), error("The id exists already, or the change would change kind or dataset."));
        out.insert("422".into(), error("The record breaks the rules; `problems` names each field."));
    }
    out.insert("500".into(), error("Internal error."));
    out
}

/// The OpenAPI 3.1 document of [`ENDPOINTS`].
pub fn document() -> Value {
    let mut paths = Map::new();
    for e in ENDPOINTS {
        let mut op = json!({
            "operationId": e.id,
            "summary": e.summary,
            "parameters": e.params.iter().map(param_doc).collect::<Vec<_>>(),
        });
        let mut responses = error_responses(e);
        responses.insert(
            e.status.to_string(),
            json!({ "description": "Success.", "content": { "application/json": {
                "schema": { "$ref": format!("#/components/schemas/{}", e.response) } } } }),
        );
        op["responses"] = Value::Object(responses.clone());
        if let Some(body) = e.body {
            let mut media = json!({ "schema": { "$ref": format!("#/components/schemas/{body}") } });
            if let Some(example) = e.body_example.and_then(|x| serde_json::from_str::<Value>(x).ok()) {
                media["example"] = example;
            }
            op["requestBody"] = json!({ "required": true, "content": { "application/json": media } });
        }
        if e.auth {
            op["security"] = json!([{ "bearer": [] }]);
        }
        let entry = paths.entry(e.path).or_insert_with(|| json!({}));
        entry[e.method] = op.clone();
        if e.csv {
            let mut csv = op;
            csv["operationId"] = json!(format!("{}_csv", e.id));
            csv["summary"] = json!(format!("{} (CSV: the JSON's rows, nested fields flattened with dots)", e.summary));
            let mut responses = error_responses(e);
            responses.insert(
                "200".into(),
                json!({ "description": "Success.", "content": { "text/csv": { "schema": { "type": "string" } } } }),
            );
            csv["responses"] = Value::Object(responses);
            paths.insert(format!("{}.csv", e.path), json!({ e.method: csv }));
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "entente API",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "An open observatory of bilateral cultural diplomacy.",
            "description": "Read endpoints are open. Writes need `Authorization: Bearer <token>`, the token the server was started with (`entente serve --token` or ENTENTE_TOKEN); a server started without one takes no writes. Errors are `{\"error\": {\"code\", \"message\"}}` with a stable code. Every tabular endpoint has a CSV twin at the same path plus `.csv`.",
            "license": { "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" },
        },
        "servers": [{ "url": "/" }],
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": schemas(),
        },
    })
}

fn schemas() -> Value {
    let source_ref = json!({ "type": "object", "required": ["source_id", "locator", "role", "citation"], "properties": {
        "source_id": { "type": "string" }, "locator": { "type": "string" }, "quote": { "type": "string" },
        "reference": { "type": "string" },
        "role": { "type": "string", "enum": ["evidence", "as_cited_in_source"] }, "note": { "type": "string" },
        "citation": { "type": "string" } } });
    let dyad = json!({ "type": "object", "required": ["a", "b"], "properties": { "a": { "type": "string" }, "b": { "type": "string" } } });
    let rows = |item: Value| json!({ "type": "array", "items": item });
    let mut schemas = json!({
        "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "object",
            "required": ["code", "message"], "properties": {
                "code": { "type": "string" }, "message": { "type": "string" },
                "problems": rows(json!({ "type": "object", "required": ["field", "message"], "properties": {
                    "field": { "type": "string" }, "message": { "type": "string" } } })) } } } },
        "OpenApi": { "type": "object", "required": ["openapi", "info", "paths"] },
        "SourceRef": source_ref,
        "Dyad": dyad,
        "Rows": { "type": "object", "required": ["rows"], "properties": { "rows": rows(json!({ "type": "object" })) } },
        "CountryList": { "type": "object", "required": ["total", "rows"], "properties": {
            "total": { "type": "integer" },
            "rows": rows(json!({ "type": "object", "required": ["alpha3", "alpha2", "name", "name_en", "name_fr", "name_ru", "name_kk"],
                "properties": { "alpha3": { "type": "string" }, "alpha2": { "type": "string" }, "numeric": { "type": "string" },
                    "fips": { "type": ["string", "null"] }, "cameo": rows(json!({ "type": "string" })),
                    "name": { "type": "string" }, "name_en": { "type": "string" }, "name_fr": { "type": "string" },
                    "name_ru": { "type": "string" }, "name_kk": { "type": "string" } } })) } },
        "CountryView": { "type": "object", "required": ["country", "name", "names", "codes", "presence", "columns", "partners"], "properties": {
            "country": { "type": "string" }, "name": { "type": "string" }, "names": { "type": "object" },
            "codes": { "type": "object", "required": ["alpha2", "alpha3", "numeric"] },
            "presence": rows(json!({ "type": "object" })),
            "columns": rows(json!({ "type": "object", "required": ["key", "direction", "indicator", "dataset", "source"],
                "properties": { "source": { "$ref": "#/components/schemas/SourceRef" } } })),
            "partners": rows(json!({ "type": "object", "required": ["code", "name", "events", "values"] })) } },
        "Partners": { "type": "object", "required": ["country", "columns", "rows"], "properties": {
            "country": { "type": "string" }, "columns": rows(json!({ "type": "object" })),
            "rows": rows(json!({ "type": "object", "required": ["code", "name", "events"] })) } },
        "DyadView": { "type": "object", "required": ["dyad", "names", "summary", "timeline", "records", "bibliography", "indicators", "claims"], "properties": {
            "dyad": { "$ref": "#/components/schemas/Dyad" }, "names": rows(json!({ "type": "string" })),
            "summary": { "type": "object", "required": ["events"] },
            "timeline": rows(json!({ "type": "object", "required": ["id", "date", "title", "sources"] })),
            "records": rows(json!({ "type": "object", "required": ["id", "kind", "title", "sources"] })),
            "bibliography": rows(json!({ "type": "object", "required": ["id", "citation"] })),
            "indicators": { "$ref": "#/components/schemas/Indicators" },
            "claims": rows(json!({ "type": "object", "required": ["claim_id", "verdict"] })),
            "gdelt": { "type": ["object", "null"] },
            "index": { "type": ["object", "null"], "required": ["a", "b", "config", "years"] },
            "comparison": { "type": ["object", "null"], "required": ["a", "b", "year", "config", "references", "partners"] },
            "diagnosis": { "type": ["object", "null"], "required": ["a", "b", "year", "rules", "findings", "judgements"] } } },
        "ConfigRef": { "type": "object", "required": ["name", "version", "sha256"], "properties": {
            "name": { "type": "string" }, "version": { "type": "string" }, "sha256": { "type": "string" } } },
        "PartnerResult": { "type": "object", "required": ["partner", "name", "score", "rank", "rank_median", "rank_p05", "rank_p95", "coverage", "indicators", "dimensions", "evidence"], "properties": {
            "partner": { "type": "string" }, "name": { "type": "string" }, "score": { "type": ["number", "null"] },
            "rank": { "type": ["integer", "null"] }, "rank_median": { "type": ["number", "null"] },
            "rank_p05": { "type": ["number", "null"] }, "rank_p95": { "type": ["number", "null"] },
            "coverage": { "type": "number" }, "indicators": { "type": "object" }, "dimensions": { "type": "object" },
            "evidence": { "type": "object" } } },
        "Comparison": { "type": "object", "required": ["focus", "focus_name", "year", "direction", "config", "normalisation", "aggregation", "min_coverage", "draws", "seed", "universe", "ranked", "dimensions", "indicators", "partners", "sensitivity", "rows"], "properties": {
            "focus": { "type": "string" }, "year": { "type": "integer" }, "direction": { "type": "string", "enum": ["in", "out"] },
            "config": { "$ref": "#/components/schemas/ConfigRef" }, "draws": { "type": "integer" }, "seed": { "type": "integer" },
            "universe": { "type": "integer" }, "ranked": { "type": "integer" },
            "dimensions": rows(json!({ "type": "object", "required": ["key", "label", "weight"] })),
            "indicators": rows(json!({ "type": "object", "required": ["key", "label", "dimension", "weight", "units"] })),
            "partners": rows(json!({ "$ref": "#/components/schemas/PartnerResult" })),
            "sensitivity": rows(json!({ "type": "object", "required": ["indicator", "weight_rank_correlation", "removal_rank_shift"] })),
            "rows": rows(json!({ "type": "object", "required": ["partner", "name", "score", "rank", "coverage", "dimensions", "indicators"] })) } },
        "IndexSeries": { "type": "object", "required": ["a", "b", "names", "config", "draws", "seed", "years", "no_data", "rows"], "properties": {
            "config": { "$ref": "#/components/schemas/ConfigRef" },
            "years": rows(json!({ "type": "object", "required": ["year", "universe", "ranked", "partner", "score", "rank", "coverage", "dimensions"] })),
            "no_data": rows(json!({ "type": "integer" })),
            "rows": rows(json!({ "type": "object", "required": ["year", "a", "b", "score", "rank", "rank_p05", "rank_p95", "coverage"] })) } },
        "Diagnosis": { "type": "object", "required": ["a", "b", "names", "year", "config", "rules", "findings", "judgements", "rows"], "properties": {
            "config": { "$ref": "#/components/schemas/ConfigRef" },
            "rules": { "type": "object", "required": ["name", "version", "sha256"] },
            "findings": rows(json!({ "type": "object", "required": ["rule", "category", "topic", "status", "sentence", "evidence", "why"], "properties": {
                "category": { "type": "string", "enum": ["strength", "weakness", "barrier", "prospect"] },
                "status": { "type": "string", "enum": ["supported", "contradicted", "no_data"] },
                "evidence": rows(json!({ "type": "object", "required": ["name", "value"] })) } })),
            "judgements": rows(json!({ "type": "object", "required": ["claim", "category", "topic", "text", "sources", "findings", "data"], "properties": {
                "sources": rows(json!({ "$ref": "#/components/schemas/SourceRef" })),
                "data": { "type": "string", "enum": ["supported", "contradicted", "no_data"] } } })),
            "rows": rows(json!({ "type": "object", "required": ["rule", "category", "topic", "status", "sentence", "evidence"] })) } },
        "Timeline": { "type": "object", "required": ["dyad", "names", "summary", "rows"], "properties": {
            "dyad": { "$ref": "#/components/schemas/Dyad" },
            "rows": rows(json!({ "type": "object", "required": ["id", "date", "kind", "title", "status", "direction", "sources"],
                "properties": { "sources": rows(json!({ "$ref": "#/components/schemas/SourceRef" })) } })) } },
        "Series": { "type": "object", "required": ["dyad", "by", "rows", "source"], "properties": {
            "rows": rows(json!({ "type": "object", "required": ["period", "direction", "events"] })),
            "source": { "type": "object", "required": ["dataset", "citation", "files", "events_stored"] } } },
        "Indicators": { "type": "object", "required": ["dyad", "names", "flows", "shares", "presence", "agreement"], "properties": {
            "flows": rows(json!({ "type": "object", "required": ["from", "to", "indicator", "dataset", "points", "source"],
                "properties": { "source": { "$ref": "#/components/schemas/SourceRef" } } })),
            "shares": rows(json!({ "type": "object" })), "presence": rows(json!({ "type": "object" })),
            "agreement": rows(json!({ "type": "object", "required": ["from", "to", "indicator", "datasets", "points", "agree", "summary"] })),
            "rows": rows(json!({ "type": "object", "required": ["from", "to", "indicator", "period", "value", "source_id"] })) } },
        "RecordPage": { "type": "object", "required": ["total", "page", "per_page", "facets", "rows"], "properties": {
            "total": { "type": "integer" }, "page": { "type": "integer" }, "per_page": { "type": "integer" },
            "facets": { "type": "object" },
            "rows": rows(json!({ "type": "object", "required": ["id", "kind", "dataset", "title"] })) } },
        "RecordDetail": { "type": "object", "required": ["id", "kind", "dataset", "title", "record", "sources", "referenced_by"], "properties": {
            "record": { "type": "object" }, "sources": rows(json!({ "$ref": "#/components/schemas/SourceRef" })),
            "referenced_by": rows(json!({ "type": "object", "required": ["id", "kind", "title", "how"] })) } },
        "WriteRequest": { "type": "object", "required": ["record"], "properties": {
            "dataset": { "type": "string", "description": "Dataset to write into (created if new); required to create." },
            "kind": { "type": "string", "enum": ["source", "actor", "programme", "event", "observation", "claim"],
                "description": "Required to create; an update keeps the stored kind." },
            "record": { "type": "object", "description": "The record's fields, as in a dataset file (see dataset/fra-kaz)." } } },
        "WriteOutcome": { "type": "object", "required": ["id", "dataset", "created", "changed"], "properties": {
            "id": { "type": "string" }, "dataset": { "type": "string" }, "created": { "type": "boolean" }, "changed": { "type": "boolean" } } },
    });
    if let (Some(all), Value::Object(more)) = (schemas.as_object_mut(), review_schemas()) {
        all.extend(more);
    }
    schemas
}

/// The schemas of the review queue's routes.
fn review_schemas() -> Value {
    let rows = |item: Value| json!({ "type": "array", "items": item });
    json!({
        "Candidate": { "type": "object", "required": ["id", "state", "doc", "lang", "countries", "kind", "domains", "status", "start", "end", "evidence", "trigger", "confidence", "coder_version", "coded_at"], "properties": {
            "id": { "type": "string" }, "state": { "type": "string", "enum": ["pending", "accepted", "rejected"] },
            "doc": { "type": "string" }, "url": { "type": "string" }, "doc_date": { "type": "string" },
            "lang": { "type": "string", "enum": ["en", "fr", "ru", "kk"] },
            "countries": rows(json!({ "type": "string" })), "kind": { "type": "string" },
            "domains": rows(json!({ "type": "string" })), "date": { "type": "string" }, "status": { "type": "string" },
            "quantity": { "type": "object", "required": ["value", "unit"] },
            "start": { "type": "integer" }, "end": { "type": "integer" }, "evidence": { "type": "string" },
            "trigger": { "type": "string" }, "confidence": { "type": "number" }, "coder_version": { "type": "string" },
            "coded_at": { "type": "string" }, "decided_at": { "type": "string" }, "reason": { "type": "string" },
            "record": { "type": "string" } } },
        "CandidatePage": { "type": "object", "required": ["state", "page", "per_page", "counts", "rows"], "properties": {
            "state": { "type": "string", "enum": ["pending", "accepted", "rejected", "all"] },
            "page": { "type": "integer" }, "per_page": { "type": "integer" },
            "counts": { "type": "object", "required": ["pending", "accepted", "rejected"] },
            "rows": rows(json!({ "$ref": "#/components/schemas/Candidate" })) } },
        "Acceptance": { "type": "object", "properties": {
            "date": { "type": "string", "description": "YYYY, YYYY-MM or YYYY-MM-DD, when the text gives none or gives it wrong." },
            "kind": { "type": "string", "description": "The event kind, when the coder got it wrong." },
            "domains": rows(json!({ "type": "string" })),
            "title": { "type": "string" }, "title_lang": { "type": "string", "enum": ["en", "fr", "ru", "kk"] },
            "host": { "type": "string", "description": "Where it took place: one of the two countries." },
            "source_title": { "type": "string", "description": "A title for the document's source record." },
            "reviewer": { "type": "string" } } },
        "Rejection": { "type": "object", "required": ["reason"], "properties": { "reason": { "type": "string" } } },
        "Accepted": { "type": "object", "required": ["candidate", "event", "source", "source_created", "dataset"], "properties": {
            "candidate": { "type": "string" }, "event": { "type": "string" }, "source": { "type": "string" },
            "source_created": { "type": "boolean" }, "dataset": { "type": "string" } } },
    })
}
