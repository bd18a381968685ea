//! Every model against the example bodies of GitHub's own OpenAPI description.

use crate::common::shared_json;
use codespaces_secrets_core::models::{
    CodespacesPublicKey, CreateOrUpdateSecretBody, GitHubErrorBody, OrgSecret, RepoSecret,
    RepositoryList, SecretList, SelectedRepositoriesBody, UserSecret,
};
use codespaces_secrets_core::{KeyId, PublicKey, Visibility};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Resolves `{"$ref": "#/components/..."}` against the spec.
fn resolve<'a>(spec: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(pointer) => {
            let target = spec
                .pointer(pointer.trim_start_matches('#'))
                .expect("dangling $ref");
            resolve(spec, target)
        }
        None => v,
    }
}

/// Every (operationId, location, example) in the spec: response bodies and request bodies.
fn examples(spec: &Value) -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    for (path, ops) in spec["paths"].as_object().expect("paths") {
        for (method, op) in ops.as_object().expect("ops") {
            let id = op["operationId"].as_str().unwrap_or_default().to_owned();
            let mut bodies = vec![(format!("{method} {path} request"), &op["requestBody"])];
            for (code, response) in op["responses"].as_object().into_iter().flatten() {
                bodies.push((format!("{method} {path} {code}"), resolve(spec, response)));
            }
            for (place, body) in bodies {
                let content = &body["content"]["application/json"];
                for example in content["examples"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(_, e)| e)
                {
                    let value = resolve(spec, example)["value"].clone();
                    found.push((id.clone(), place.clone(), value));
                }
            }
        }
    }
    found
}

/// Parses the example as `T`, serializes it again, and checks that nothing we keep changed.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    place: &str,
    example: &Value,
) -> T {
    let parsed: T = serde_json::from_value(example.clone())
        .unwrap_or_else(|e| panic!("{place}: example does not parse: {e}\n{example}"));
    let again = serde_json::to_value(&parsed).expect("serialize");
    assert_subset(place, &again, example);
    let reparsed: T = serde_json::from_value(again).expect("reparse");
    assert_eq!(parsed, reparsed, "{place}");
    parsed
}

/// Every field we serialize has the value the example had (numbers may come as digit strings).
fn assert_subset(place: &str, ours: &Value, theirs: &Value) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let other = b
                    .get(key)
                    .unwrap_or_else(|| panic!("{place}: we added field {key}"));
                assert_subset(&format!("{place}.{key}"), value, other);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{place}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_subset(&format!("{place}[{i}]"), x, y);
            }
        }
        (Value::Number(n), Value::String(s)) => assert_eq!(n.to_string(), *s, "{place}"),
        _ => assert_eq!(ours, theirs, "{place}"),
    }
}

#[test]
fn every_example_body_in_the_spec_round_trips_through_its_model() {
    let spec = shared_json("openapi/codespaces-secrets.openapi.json");
    let mut checked = 0;
    for (op, place, example) in examples(&spec) {
        if example.is_null() {
            // Known spec defect: the 201 responses declare `empty-object` but give `null`.
            continue;
        }
        let request = place.ends_with("request");
        match op.as_str() {
            _ if request && op.contains("set-") => {
                round_trip::<SelectedRepositoriesBody>(&place, &example);
            }
            _ if request => {
                round_trip::<CreateOrUpdateSecretBody>(&place, &example);
            }
            "codespaces/list-secrets-for-authenticated-user" => {
                round_trip::<SecretList<UserSecret>>(&place, &example);
            }
            "codespaces/list-repo-secrets" => {
                round_trip::<SecretList<RepoSecret>>(&place, &example);
            }
            "codespaces/list-org-secrets" => {
                round_trip::<SecretList<OrgSecret>>(&place, &example);
            }
            "codespaces/get-secret-for-authenticated-user" => {
                round_trip::<UserSecret>(&place, &example);
            }
            "codespaces/get-repo-secret" => {
                round_trip::<RepoSecret>(&place, &example);
            }
            "codespaces/get-org-secret" => {
                round_trip::<OrgSecret>(&place, &example);
            }
            op if op.contains("public-key") => {
                let body = round_trip::<CodespacesPublicKey>(&place, &example);
                // The documentation's example key is 33 bytes: the model reads it, the checked
                // key type refuses it.
                assert!(PublicKey::try_from(&body).is_err(), "{place}");
            }
            op if op.contains("repos") || op.contains("repositories") => {
                let list = round_trip::<RepositoryList>(&place, &example);
                assert!(list.repositories.iter().all(|r| r.id > 0), "{place}");
            }
            _ => panic!("{place}: no model for an example of {op}"),
        }
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} examples found");
}

#[test]
fn timestamps_are_real_date_times() {
    let secret: RepoSecret = serde_json::from_str(
        r#"{"name":"GH_TOKEN","created_at":"2019-08-10T14:59:22Z","updated_at":"2020-01-10T14:59:22Z"}"#,
    )
    .expect("parse");
    assert_eq!(secret.created_at.timestamp(), 1_565_449_162);
    assert!(secret.updated_at > secret.created_at);
    let bad = r#"{"name":"X","created_at":"yesterday","updated_at":"2020-01-10T14:59:22Z"}"#;
    assert!(serde_json::from_str::<RepoSecret>(bad).is_err());
}

#[test]
fn key_id_is_accepted_as_string_or_number() {
    let text: CodespacesPublicKey =
        serde_json::from_str(r#"{"key_id":"0123","key":"k"}"#).expect("text");
    let number: CodespacesPublicKey =
        serde_json::from_str(r#"{"key_id":568250167242549743,"key":"k"}"#).expect("number");
    assert_eq!(text.key_id, KeyId::new("0123"));
    assert_eq!(number.key_id, KeyId::new("568250167242549743"));
    assert_eq!(
        serde_json::to_string(&number.key_id).expect("ser"),
        "\"568250167242549743\""
    );
}

#[test]
fn visibility_uses_the_wire_spelling() {
    for (v, s) in [
        (Visibility::All, "all"),
        (Visibility::Private, "private"),
        (Visibility::Selected, "selected"),
    ] {
        assert_eq!(
            serde_json::to_value(v).expect("ser"),
            Value::String(s.into())
        );
        assert_eq!(s.parse::<Visibility>().expect("parse"), v);
    }
    let err = "public".parse::<Visibility>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid visibility \"public\": expected one of all, private, selected"
    );
}

#[test]
fn github_error_bodies_parse_in_all_their_shapes() {
    let validation: GitHubErrorBody = serde_json::from_str(
        r#"{"message":"Validation Failed","errors":[{"resource":"Secret","field":"key_id","code":"invalid"},"plain text"],"documentation_url":"https://docs.github.com/rest"}"#,
    )
    .expect("validation");
    assert_eq!(validation.errors.len(), 2);
    let basic: GitHubErrorBody =
        serde_json::from_str(r#"{"message":"Not Found","status":"404"}"#).expect("basic");
    assert_eq!(basic.status.as_deref(), Some("404"));
    assert!(basic.errors.is_empty());
    let empty: GitHubErrorBody = serde_json::from_str("{}").expect("empty object");
    assert_eq!(empty.message, "");
}

#[test]
fn put_bodies_leave_out_what_is_not_set() {
    let body = CreateOrUpdateSecretBody {
        encrypted_value: Some("c2VjcmV0".into()),
        key_id: Some(KeyId::new("1")),
        visibility: None,
        selected_repository_ids: None,
    };
    assert_eq!(
        serde_json::to_string(&body).expect("ser"),
        r#"{"encrypted_value":"c2VjcmV0","key_id":"1"}"#
    );
    let bad = r#"{"selected_repository_ids":["12a"]}"#;
    let err = serde_json::from_str::<SelectedRepositoriesBody>(bad).unwrap_err();
    assert!(
        err.to_string().contains("\"12a\" is not an integer"),
        "{err}"
    );
}
