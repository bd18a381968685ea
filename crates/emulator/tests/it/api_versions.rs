//! REST API versions: `2022-11-28` (also without the header) and `2026-03-10` are served, any
//! other is 400; a server can be told to serve fewer — by config, library, control route or
//! flag — to test a client against one that lacks a version.

use codespaces_secrets_emulator::{API_VERSIONS, Emulator, EmulatorConfig};
use reqwest::{Method, Response};
use serde_json::json;

use crate::harness::*;

impl Harness {
    /// A GET with `version` as `X-GitHub-Api-Version`, or without the header.
    async fn get_version(&self, path: &str, version: Option<&str>) -> Response {
        let mut request = self
            .http
            .get(self.url(path))
            .header("User-Agent", "tests")
            .bearer_auth(&self.token);
        if let Some(version) = version {
            request = request.header("X-GitHub-Api-Version", version);
        }
        request.send().await.expect("GET")
    }
}

fn selected(response: &Response) -> Option<String> {
    header(response, "x-github-api-version-selected")
}

async fn expect_unsupported(response: Response, version: &str) {
    assert!(
        selected(&response).is_none(),
        "a refused version selects none"
    );
    let body = expect_error(
        response,
        400,
        &format!("API version {version} is not supported."),
    )
    .await;
    assert_eq!(
        body["documentation_url"],
        "https://docs.github.com/rest/about-the-rest-api/api-versions"
    );
}

#[tokio::test]
async fn both_versions_are_served_and_no_header_means_2022_11_28() {
    assert_eq!(API_VERSIONS, ["2022-11-28", "2026-03-10"]);
    let h = Harness::new();
    for (asked, answered) in [
        (None, "2022-11-28"),
        (Some("2022-11-28"), "2022-11-28"),
        (Some("2026-03-10"), "2026-03-10"),
    ] {
        let response = h.get_version(USER, asked).await;
        assert_eq!(response.status(), 200, "{asked:?}");
        assert_eq!(selected(&response).as_deref(), Some(answered));
    }
    let body = json_of(h.get_version(USER, Some("2026-03-10")).await, 200).await;
    assert_eq!(
        body,
        json!({"total_count": 0, "secrets": []}),
        "same schema"
    );
    expect_unsupported(h.get_version(USER, Some("2024-01-01")).await, "2024-01-01").await;
    // Writes are checked too, before anything changes.
    let refused = h
        .http
        .delete(h.url(&format!("{REPO}/X")))
        .header("User-Agent", "tests")
        .bearer_auth(&h.token)
        .header("X-GitHub-Api-Version", "2099-12-31")
        .send()
        .await
        .expect("DELETE");
    expect_unsupported(refused, "2099-12-31").await;
}

#[tokio::test]
async fn a_server_can_lack_the_newer_or_the_older_version() {
    let h = Harness::with(EmulatorConfig {
        api_versions: vec!["2022-11-28".to_owned()],
        ..EmulatorConfig::default()
    });
    assert_eq!(h.get_version(USER, None).await.status(), 200);
    expect_unsupported(h.get_version(USER, Some("2026-03-10")).await, "2026-03-10").await;

    h.emulator
        .set_api_versions(&["2026-03-10"])
        .expect("a known version");
    assert_eq!(h.emulator.api_versions(), ["2026-03-10"]);
    let default = h.get_version(USER, None).await;
    assert_eq!(default.status(), 200);
    assert_eq!(
        selected(&default).as_deref(),
        Some("2026-03-10"),
        "the oldest served"
    );
    expect_unsupported(h.get_version(USER, Some("2022-11-28")).await, "2022-11-28").await;

    // A refused list leaves the versions in force.
    assert!(h.emulator.set_api_versions::<&str>(&[]).is_err());
    let unknown = h
        .emulator
        .set_api_versions(&["2023-01-01"])
        .expect_err("unknown");
    assert!(unknown.to_string().contains("2023-01-01"), "{unknown}");
    assert_eq!(h.emulator.api_versions(), ["2026-03-10"]);
}

#[test]
fn start_refuses_no_versions_or_an_unknown_one() {
    for versions in [
        vec![],
        vec!["2022-11-28".to_owned(), "2021-01-01".to_owned()],
    ] {
        let refused = Emulator::start(EmulatorConfig {
            api_versions: versions.clone(),
            ..EmulatorConfig::default()
        })
        .expect_err("refused");
        assert_eq!(
            refused.kind(),
            std::io::ErrorKind::InvalidInput,
            "{versions:?}"
        );
    }
}

#[tokio::test]
async fn the_control_route_reads_and_sets_the_versions() {
    let h = Harness::new();
    let read = json_of(
        h.emulator_control(Method::GET, "/api-versions", None).await,
        200,
    )
    .await;
    assert_eq!(
        read,
        json!({"served": ["2022-11-28", "2026-03-10"], "known": ["2022-11-28", "2026-03-10"]})
    );
    let set = h
        .emulator_control(
            Method::PUT,
            "/api-versions",
            Some(json!({"served": ["2022-11-28"]})),
        )
        .await;
    assert_eq!(json_of(set, 200).await["served"], json!(["2022-11-28"]));
    expect_unsupported(h.get_version(USER, Some("2026-03-10")).await, "2026-03-10").await;
    for bad in [
        json!({"served": []}),
        json!({"served": ["nope"]}),
        json!({"versions": []}),
    ] {
        let refused = h
            .emulator_control(Method::PUT, "/api-versions", Some(bad.clone()))
            .await;
        assert_eq!(refused.status(), 422, "{bad}");
    }
    assert_eq!(h.emulator.api_versions(), ["2022-11-28"]);
}
