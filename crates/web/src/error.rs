//! Errors as answered: a page for a browser, or stable JSON `{"error": {"code", "message"}}`
//! for the API and the JSON twins (with the problems of a refused record).

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use entente_model::validate::Problem;
use entente_report::i18n::{LANGS, UnsupportedLanguage, tr};
use entente_report::pages;
use entente_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// An error with its HTTP status, a stable code and a message for people.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub json: bool,
    pub lang: &'static str,
    /// Field problems of a refused record.
    pub problems: Vec<Problem>,
    /// For an unsupported language: the codes that are supported, listed in the JSON error
    /// and offered as links on the page.
    pub languages: bool,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            json: false,
            lang: "en",
            problems: Vec::new(),
            languages: false,
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, code, message)
    }

    /// A `lang` entente does not speak: 400 `unsupported_language`, with the supported
    /// languages in the message and, in JSON, as `supported`.
    pub fn unsupported_language(e: UnsupportedLanguage) -> Self {
        let mut err = ApiError::bad_request("unsupported_language", e.to_string());
        err.languages = true;
        err
    }

    pub fn in_json(mut self, json: bool) -> Self {
        self.json = json;
        self
    }

    pub fn in_lang(mut self, lang: &'static str) -> Self {
        self.lang = lang;
        self
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => ApiError::not_found("not_found", m),
            StoreError::Conflict(m) => ApiError::new(StatusCode::CONFLICT, "conflict", m),
            StoreError::Invalid(problems) => {
                let mut err = ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_record",
                    format!(
                        "the record breaks {} {}; see problems",
                        problems.len(),
                        if problems.len() == 1 { "rule" } else { "rules" }
                    ),
                );
                err.problems = problems;
                err
            }
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl From<entente_analytics::AnalyticsError> for ApiError {
    fn from(e: entente_analytics::AnalyticsError) -> Self {
        match e {
            entente_analytics::AnalyticsError::Store(s) => s.into(),
            other => ApiError::internal(other.to_string()),
        }
    }
}

/// An error as the API answers it.
#[derive(Serialize, ToSchema)]
#[schema(as = Error)]
pub(crate) struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ErrorDetail {
    /// Stable, for programs: `bad_parameter`, `not_found`, `unknown_country`, `no_data`,
    /// `unauthorized`, `invalid_record`…
    pub code: &'static str,
    /// For people.
    pub message: String,
    /// The field problems of a refused record.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<FieldProblem>,
    /// With `unsupported_language`: the language codes entente speaks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supported: Option<Vec<&'static str>>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct FieldProblem {
    /// The field at fault (`sources[0].source`), or "" for the record as a whole.
    pub field: String,
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.json {
            let problems =
                self.problems.into_iter().map(|p| FieldProblem { field: p.field, message: p.message }).collect();
            let supported = self.languages.then(|| LANGS.to_vec());
            let body = ErrorBody { error: ErrorDetail { code: self.code, message: self.message, problems, supported } };
            let mut response = (self.status, axum::Json(body)).into_response();
            if self.status == StatusCode::UNAUTHORIZED
                && let Ok(v) = "Bearer realm=\"entente\"".parse()
            {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, v);
            }
            response
        } else {
            let page = if self.languages {
                pages::unsupported_language(&self.message).into_string()
            } else {
                let title =
                    if self.status == StatusCode::NOT_FOUND { tr(self.lang, "not_found") } else { self.code.into() };
                pages::message(self.lang, &title, &self.message).into_string()
            };
            (self.status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
        }
    }
}
