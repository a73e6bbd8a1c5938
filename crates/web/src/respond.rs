//! Answers in the format the address asks for: JSON, or CSV for the `.csv` twin of a
//! tabular endpoint. A tabular answer is a JSON object whose `rows` array the CSV twin
//! holds, one line per row, nested fields flattened with dots.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::ApiError;

/// Whether the address ends in `.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wants {
    Json,
    Csv,
}

impl<S: Send + Sync> FromRequestParts<S> for Wants {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(if parts.uri.path().ends_with(".csv") { Wants::Csv } else { Wants::Json })
    }
}

/// A tabular answer: `body` serialises with a `rows` array.
pub(crate) fn tabular<T: Serialize>(wants: Wants, name: &str, body: &T) -> Result<Response, crate::api::Api> {
    match wants {
        Wants::Json => Ok(axum::Json(body).into_response()),
        Wants::Csv => {
            let body = serde_json::to_value(body)
                .map_err(|e| ApiError::internal(format!("cannot write the answer: {e}")).in_json(true))?;
            let rows = body.get("rows").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
            let text = to_csv(rows).map_err(|e| ApiError::internal(format!("cannot write CSV: {e}")).in_json(true))?;
            let disposition = format!("inline; filename=\"{name}.csv\"");
            Ok((
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                text,
            )
                .into_response())
        }
    }
}

/// Rows as CSV: one column per flattened field, in the order fields first appear.
pub(crate) fn to_csv(rows: &[Value]) -> Result<String, csv::Error> {
    let flat: Vec<Vec<(String, String)>> = rows.iter().map(flatten).collect();
    let mut columns: Vec<&str> = Vec::new();
    for row in &flat {
        for (k, _) in row {
            if !columns.contains(&k.as_str()) {
                columns.push(k);
            }
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&columns)?;
    for row in &flat {
        let cells = columns.iter().map(|c| row.iter().find(|(k, _)| k == c).map(|(_, v)| v.as_str()).unwrap_or(""));
        w.write_record(cells)?;
    }
    let bytes = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn flatten(row: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match row {
        Value::Object(map) => flatten_into(&mut out, "", map),
        other => out.push(("value".into(), cell(other))),
    }
    out
}

fn flatten_into(out: &mut Vec<(String, String)>, prefix: &str, map: &Map<String, Value>) {
    for (k, v) in map {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            Value::Object(inner) if !inner.is_empty() => flatten_into(out, &key, inner),
            other => out.push((key, cell(other))),
        }
    }
}

/// One cell: scalars as text, lists of scalars joined with "; ", anything deeper as JSON.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => guard(s),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            items.iter().map(cell).collect::<Vec<_>>().join("; ")
        }
        Value::Object(m) if m.is_empty() => String::new(),
        other => other.to_string(),
    }
}

/// Text that a spreadsheet would run as a formula gets a leading apostrophe.
fn guard(s: &str) -> String {
    if s.starts_with(['=', '+', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flattens_nested_fields_and_quotes_what_needs_it() {
        let rows = vec![
            json!({"id": "a", "source": {"id": "s", "locator": "p. 1, 2"}, "domains": ["arts", "language"], "n": 3}),
            json!({"id": "b", "extra": "=HYPERLINK(\"x\")", "n": null, "quote": "line\nbreak"}),
        ];
        let text = to_csv(&rows).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, ["id", "source.id", "source.locator", "domains", "n", "extra", "quote"]);
        let lines: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(&lines[0][2], "p. 1, 2");
        assert_eq!(&lines[0][3], "arts; language");
        assert_eq!(&lines[1][4], "");
        assert_eq!(&lines[1][5], "'=HYPERLINK(\"x\")");
        assert_eq!(&lines[1][6], "line\nbreak");
    }
}
