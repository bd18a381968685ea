//! Request bodies, checked the way GitHub checks them: not JSON → 400 "Problems parsing JSON";
//! JSON of the wrong shape → 422 "Invalid request." naming the field and the problem.

use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use bytes::Bytes;
use codespaces_secrets_core::Visibility;
use serde_json::{Map, Value};

use crate::server::errors::ApiError;

/// The largest body read. A 48 KB value sealed and base64-encoded is about 66 KB; anything far
/// beyond that is refused without being buffered.
pub(crate) const BODY_LIMIT: usize = 1024 * 1024;

/// A JSON object body.
#[derive(Debug, Default)]
pub(crate) struct Fields(Map<String, Value>);

/// Shows a wrong value in an error message, shortened: the message is for a human, and a huge
/// body must not come back in full.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(64) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

/// Reads the body as a JSON object; an empty body counts as `{}`.
pub(crate) fn object(body: Result<Bytes, BytesRejection>) -> Result<Fields, ApiError> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::BadJson
        }
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Fields::default());
    }
    match serde_json::from_slice::<Value>(&bytes).map_err(|_| ApiError::BadJson)? {
        Value::Object(map) => Ok(Fields(map)),
        other => Err(ApiError::InvalidRequest(format!(
            "For 'links/0/schema', {} is not an object.",
            shown(&other)
        ))),
    }
}

fn wrong_type(field: &str, value: &Value, expected: &str) -> ApiError {
    ApiError::InvalidRequest(format!(
        "For 'properties/{field}', {} is not {expected}.",
        shown(value)
    ))
}

/// The "wasn't supplied" error of a missing required field.
pub(crate) fn missing(field: &str) -> ApiError {
    ApiError::InvalidRequest(format!("\"{field}\" wasn't supplied."))
}

impl Fields {
    /// An optional string field.
    pub(crate) fn string(&self, field: &str) -> Result<Option<String>, ApiError> {
        match self.0.get(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(wrong_type(field, other, "a string")),
        }
    }

    /// An optional `visibility` field.
    pub(crate) fn visibility(&self) -> Result<Option<Visibility>, ApiError> {
        match self.0.get("visibility") {
            None => Ok(None),
            Some(Value::String(s)) if matches!(s.as_str(), "all" | "private" | "selected") => {
                Ok(s.parse().ok())
            }
            Some(other) => Err(ApiError::InvalidRequest(format!(
                "For 'properties/visibility', {} is not a member of [\"all\", \"private\", \"selected\"].",
                shown(other)
            ))),
        }
    }

    /// An optional array of repository ids. Integers always; strings of digits too when
    /// `strings_allowed` (the user-secret operations' own examples send strings). A string that
    /// is not an id names no repository the caller can see: 404, as for any unknown repository.
    pub(crate) fn repository_ids(
        &self,
        field: &str,
        strings_allowed: bool,
    ) -> Result<Option<Vec<i64>>, ApiError> {
        let Some(value) = self.0.get(field) else {
            return Ok(None);
        };
        let Value::Array(items) = value else {
            return Err(wrong_type(field, value, "an array"));
        };
        items
            .iter()
            .map(|item| match item {
                Value::Number(n) => n.as_i64().ok_or_else(|| not_integer(item)),
                Value::String(s) if strings_allowed => {
                    s.trim().parse::<i64>().map_err(|_| ApiError::NotFound)
                }
                other => Err(not_integer(other)),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

fn not_integer(value: &Value) -> ApiError {
    ApiError::InvalidRequest(format!("For 'items', {} is not an integer.", shown(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Fields, ApiError> {
        object(Ok(Bytes::from(text.to_owned())))
    }

    #[test]
    fn not_json_is_a_400() {
        assert_eq!(parse("{").err(), Some(ApiError::BadJson));
        assert_eq!(parse("nope").err(), Some(ApiError::BadJson));
    }

    #[test]
    fn non_objects_and_wrong_types_are_422() {
        assert!(matches!(parse("[]"), Err(ApiError::InvalidRequest(_))));
        assert!(matches!(parse("\"x\""), Err(ApiError::InvalidRequest(_))));
        let fields =
            parse(r#"{"key_id": 5, "visibility": "public", "ids": [1, 2.5]}"#).expect("object");
        assert_eq!(
            fields.string("key_id"),
            Err(ApiError::InvalidRequest(
                "For 'properties/key_id', 5 is not a string.".to_owned()
            ))
        );
        assert!(fields.visibility().is_err());
        assert!(fields.repository_ids("ids", false).is_err());
    }

    #[test]
    fn empty_body_is_an_empty_object() {
        let fields = parse("  ").expect("empty");
        assert_eq!(fields.string("key_id"), Ok(None));
    }

    #[test]
    fn repository_ids_accept_strings_only_when_allowed() {
        let fields = parse(r#"{"ids": [1, "2"]}"#).expect("object");
        assert_eq!(fields.repository_ids("ids", true), Ok(Some(vec![1, 2])));
        assert!(fields.repository_ids("ids", false).is_err());
        let fields = parse(r#"{"ids": ["x"]}"#).expect("object");
        assert_eq!(fields.repository_ids("ids", true), Err(ApiError::NotFound));
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let long = format!("{{\"key_id\": [\"{}\"]}}", "a".repeat(10_000));
        let Err(ApiError::InvalidRequest(message)) = parse(&long).expect("object").string("key_id")
        else {
            panic!("expected a type error");
        };
        assert!(message.len() < 200, "{message}");
    }
}
