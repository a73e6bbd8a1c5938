//! The API's router and its OpenAPI 3.1 document, made together. Each handler's
//! `#[utoipa::path]` (in `api` and `review`) declares its route, parameters (`params`), request
//! body and answer; utoipa derives every schema from the Rust types the handler serialises.
//! [`build`] registers each handler once: that routes it (with its CSV twin when tabular, and
//! refusing query parameters its declaration does not list) and adds it to the document, so
//! the two cannot drift apart. What every route shares (errors, the bearer token, `ETag` and
//! 304) is added to the document here, in one place.

use std::sync::{Arc, LazyLock};

use axum::Router;
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::schema::{AdditionalProperties, Object, ObjectBuilder, Type};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ComponentsBuilder, InfoBuilder, LicenseBuilder, OpenApi, OpenApiBuilder, RefOr, Schema, Server};
use utoipa::{PartialSchema, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

use crate::AppState;
use crate::error::{ApiError, ErrorBody, ErrorDetail, FieldProblem};
use crate::{api, review};

/// The routes and the document, as [`build`] makes them.
struct Built {
    router: Router<Arc<AppState>>,
    document: Value,
    served: Vec<(String, String)>,
}

/// Every handler of the API, each registered once.
fn build() -> Built {
    Registrar::new()
        .json(routes!(api::openapi))
        .tabular(routes!(api::countries))
        .json(routes!(api::country_profile))
        .tabular(routes!(api::country_compare))
        .tabular(routes!(api::partners))
        .tabular(routes!(api::datasets))
        .tabular(routes!(api::dyads))
        .json(routes!(api::dyad))
        .tabular(routes!(api::dyad_timeline))
        .tabular(routes!(api::dyad_series))
        .tabular(routes!(api::dyad_indicators))
        .tabular(routes!(api::dyad_index))
        .tabular(routes!(api::dyad_diagnose))
        .tabular(routes!(api::dyad_claims))
        .tabular(routes!(api::dyad_records))
        .tabular(routes!(api::records))
        .json(routes!(api::create_record))
        .json(routes!(api::record))
        .json(routes!(api::update_record))
        .tabular(routes!(review::candidates))
        .json(routes!(review::candidate))
        .json(routes!(review::accept))
        .json(routes!(review::reject))
        .tabular(routes!(api::sources))
        .json(routes!(api::source))
        .finish()
}

/// The document, built once, with its text as served and the routes given to the router.
struct Described {
    document: Value,
    text: String,
    served: Vec<(String, String)>,
}

static DESCRIBED: LazyLock<Described> = LazyLock::new(|| {
    let built = build();
    Described { text: built.document.to_string(), document: built.document, served: built.served }
});

/// The OpenAPI 3.1 document served at `/api/v1/openapi.json`.
pub fn document() -> Value {
    DESCRIBED.document.clone()
}

/// The document as served.
pub(crate) fn document_text() -> &'static str {
    &DESCRIBED.text
}

/// Every (method, path) the API's router was given, CSV twins included, in the order given.
pub fn served() -> Vec<(String, String)> {
    DESCRIBED.served.clone()
}

/// The API's routes.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    build().router
}

/// The document's own schema: an OpenAPI 3.1 document (its full schema is the specification's).
pub(crate) struct Document;

impl PartialSchema for Document {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .required("openapi")
            .required("info")
            .required("paths")
            .required("components")
            .property("openapi", ObjectBuilder::new().schema_type(Type::String).pattern(Some(r"^3\.1\.\d+$")))
            .property("info", Object::with_type(Type::Object))
            .property("paths", Object::with_type(Type::Object))
            .property("components", Object::with_type(Type::Object))
            .additional_properties(Some(AdditionalProperties::FreeForm(true)))
            .description(Some("See https://spec.openapis.org/oas/v3.1.0"))
            .into()
    }
}

impl ToSchema for Document {
    fn name() -> std::borrow::Cow<'static, str> {
        "OpenApiDocument".into()
    }
}

/// Builds the router and the document from handlers, one at a time.
struct Registrar {
    router: OpenApiRouter<Arc<AppState>>,
    served: Vec<(String, String)>,
}

impl Registrar {
    fn new() -> Self {
        let license = env!("CARGO_PKG_LICENSE");
        let info = InfoBuilder::new()
            .title("entente API")
            .version(env!("CARGO_PKG_VERSION"))
            .description(Some(DESCRIPTION))
            .license(Some(LicenseBuilder::new().name(license).identifier(Some(license)).build()))
            .build();
        let components = ComponentsBuilder::new()
            .schema_from::<ErrorBody>()
            .schema_from::<ErrorDetail>()
            .schema_from::<FieldProblem>()
            .security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)))
            .build();
        let base =
            OpenApiBuilder::new().info(info).servers(Some([Server::new("/")])).components(Some(components)).build();
        Registrar { router: OpenApiRouter::with_openapi(base), served: Vec::new() }
    }

    /// A route answering JSON only.
    fn json(self, route: UtoipaMethodRouter<Arc<AppState>>) -> Self {
        self.add(route, false)
    }

    /// A route whose JSON answer has `rows`, also served as CSV at the path plus `.csv`.
    fn tabular(self, route: UtoipaMethodRouter<Arc<AppState>>) -> Self {
        self.add(route, true)
    }

    fn add(mut self, (schemas, mut paths, methods): UtoipaMethodRouter<Arc<AppState>>, csv: bool) -> Self {
        let mut known: Vec<(Method, Vec<String>)> = Vec::new();
        for (path, item) in &paths.paths {
            for (method, op) in operations(item) {
                let names = op.parameters.iter().flatten().filter(|p| p.parameter_in == ParameterIn::Query);
                known.push((method.clone(), names.map(|p| p.name.clone()).collect()));
                self.served.push((method.to_string(), path.clone()));
                if csv {
                    self.served.push((method.to_string(), format!("{path}.csv")));
                }
            }
        }
        if csv {
            // The twin's document entry is the JSON route's, its answer made CSV in `finish`.
            let twins: Vec<(String, PathItem)> =
                paths.paths.iter().map(|(path, item)| (format!("{path}.csv"), item.clone())).collect();
            paths.paths.extend(twins);
        }
        let known = Arc::new(known);
        let methods = methods.layer(middleware::from_fn(move |req: Request, next: Next| {
            let known = Arc::clone(&known);
            async move { check_query(&known, req, next).await }
        }));
        self.router = self.router.routes((schemas, paths, methods));
        self
    }

    fn finish(self) -> Built {
        let (router, openapi) = self.router.split_for_parts();
        Built { router, document: complete(openapi), served: self.served }
    }
}

/// Each operation of a path item with its method.
fn operations(item: &PathItem) -> Vec<(Method, &Operation)> {
    [
        (Method::GET, &item.get),
        (Method::PUT, &item.put),
        (Method::POST, &item.post),
        (Method::DELETE, &item.delete),
        (Method::PATCH, &item.patch),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
    .collect()
}

/// Refuses a query parameter the route does not declare, naming those it takes.
async fn check_query(known: &[(Method, Vec<String>)], req: Request, next: Next) -> Response {
    // HEAD is answered by the GET handler.
    let method = if req.method() == Method::HEAD { Method::GET } else { req.method().clone() };
    let Some((_, names)) = known.iter().find(|(m, _)| *m == method) else {
        return next.run(req).await;
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.uri().query().unwrap_or("")).unwrap_or_default();
    if let Some((unknown, _)) = pairs.iter().find(|(k, _)| !names.contains(k)) {
        let expected = if names.is_empty() { "none".to_string() } else { names.join(", ") };
        return ApiError::bad_request(
            "bad_parameter",
            format!("unknown parameter \"{unknown}\"; this route takes: {expected}"),
        )
        .in_json(true)
        .into_response();
    }
    next.run(req).await
}

const DESCRIPTION: &str = "An open observatory of bilateral cultural diplomacy. Read endpoints are open. Writes need `Authorization: Bearer <token>`, the token the server was started with (`entente serve --token` or ENTENTE_TOKEN); a server started without one takes no writes. Errors are `{\"error\": {\"code\", \"message\"}}` with a stable code. Every tabular endpoint has a CSV twin at the same path plus `.csv`. Every successful GET carries an `ETag`; sent back in `If-None-Match`, it gets 304 Not Modified while the data has not changed.";

/// What every route shares, added to the generated document: the CSV twins' answers, the
/// error answers, and `ETag` with 304 on reads.
fn complete(openapi: OpenApi) -> Value {
    let mut doc = serde_json::to_value(&openapi).expect("utoipa's document types serialise to JSON");
    doc["components"]["responses"] = shared_responses();
    if let Some(paths) = doc["paths"].as_object_mut() {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for (method, op) in item.iter_mut() {
                complete_operation(path, method, op);
            }
        }
    }
    doc
}

fn complete_operation(path: &str, method: &str, op: &mut Value) {
    let Some(op) = op.as_object_mut() else { return };
    // utoipa writes an empty tag list; the document uses no tags.
    if op.get("tags").and_then(Value::as_array).is_some_and(Vec::is_empty) {
        op.remove("tags");
    }
    let secured = op.contains_key("security");
    // A path names a country, record or candidate; `a` and `b` name countries.
    let names_something = op
        .get("parameters")
        .and_then(Value::as_array)
        .is_some_and(|list| list.iter().any(|p| p["in"] == "path" || p["name"] == "a" || p["name"] == "b"));
    let responses = op.entry("responses").or_insert_with(|| json!({}));
    if path.ends_with(".csv") {
        responses["200"] = json!({
            "description": "The JSON answer's `rows`, one line each, nested fields flattened with dots.",
            "content": { "text/csv": { "schema": { "type": "string" } } },
        });
    }
    let mut shared = vec![("400", "BadRequest"), ("500", "Internal")];
    if names_something || secured {
        shared.push(("404", "NotFound"));
    }
    if secured {
        shared.extend([("401", "Unauthorized"), ("409", "Conflict"), ("422", "InvalidRecord")]);
    }
    if method == "get" {
        shared.push(("304", "NotModified"));
    }
    for (status, name) in shared {
        responses[status] = json!({ "$ref": format!("#/components/responses/{name}") });
    }
    if method == "get" {
        responses["200"]["headers"] = json!({ "ETag": {
            "description": "A strong validator of the answer; send it back in `If-None-Match`.",
            "schema": { "type": "string" },
        } });
        let parameters = op.entry("parameters").or_insert_with(|| json!([]));
        if let Some(list) = parameters.as_array_mut() {
            list.push(json!({
                "name": "If-None-Match",
                "in": "header",
                "required": false,
                "description": "`ETag`s of copies the client holds (or `*`): when one is current, the answer is 304 without a body.",
                "schema": { "type": "string" },
            }));
        }
    }
    if path.ends_with(".csv") {
        let suffix = |key: &str, more: &str, op: &mut Map<String, Value>| {
            if let Some(Value::String(text)) = op.get_mut(key) {
                text.push_str(more);
            }
        };
        suffix("operationId", "_csv", op);
        suffix("summary", " (CSV)", op);
    }
}

/// The answers every route may give besides its own, by name.
fn shared_responses() -> Value {
    let error = |description: &str| {
        json!({ "description": description, "content": { "application/json": {
            "schema": { "$ref": format!("#/components/schemas/{}", ErrorBody::name()) } } } })
    };
    json!({
        "BadRequest": error("A query parameter the route does not take, a bad value, or a bad body (`bad_parameter`, `bad_style`, `bad_body`, `same_country`)."),
        "NotFound": error("No such country, record, source or candidate (`unknown_country`, `not_found`), or no data for the analysis (`no_data`)."),
        "Unauthorized": error("Missing or wrong bearer token, or a server started without one (`unauthorized`)."),
        "Conflict": error("The id exists already, or the change would change kind or dataset (`conflict`)."),
        "InvalidRecord": error("The record breaks the rules; `problems` names each field (`invalid_record`)."),
        "Internal": error("Internal error (`internal`)."),
        "NotModified": {
            "description": "The copy named in `If-None-Match` is current: no body.",
            "headers": { "ETag": { "schema": { "type": "string" } } },
        },
    })
}
