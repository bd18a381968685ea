//! Every route resolves its own scope and names its own operation: a refusal points at that
//! operation's page of GitHub's documentation, whichever scope shares the handler.

use reqwest::Method;

use crate::harness::*;

const USER_DOCS: &str = "https://docs.github.com/rest/codespaces/secrets#";
const REPO_DOCS: &str = "https://docs.github.com/rest/codespaces/repository-secrets#";
const ORG_DOCS: &str = "https://docs.github.com/rest/codespaces/organization-secrets#";

/// A hidden repository, an organization the caller is not in, and names and ids that exist
/// nowhere: each request is a 404 documented at its own operation.
#[tokio::test]
async fn each_operation_names_its_own_page() {
    let h = Harness::new();
    let hidden = "/repos/hubot/hubot-scripts/codespaces/secrets";
    let foreign = "/orgs/nobody/codespaces/secrets";
    let cases = [
        (
            Method::GET,
            format!("{USER}/NOPE"),
            USER_DOCS,
            "get-a-secret-for-the-authenticated-user",
        ),
        (
            Method::DELETE,
            format!("{USER}/NOPE"),
            USER_DOCS,
            "delete-a-secret-for-the-authenticated-user",
        ),
        (
            Method::GET,
            format!("{USER}/NOPE/repositories"),
            USER_DOCS,
            "list-selected-repositories-for-a-user-secret",
        ),
        (
            Method::PUT,
            format!("{USER}/NOPE/repositories/x"),
            USER_DOCS,
            "add-a-selected-repository-to-a-user-secret",
        ),
        (
            Method::DELETE,
            format!("{USER}/NOPE/repositories/1"),
            USER_DOCS,
            "remove-a-selected-repository-from-a-user-secret",
        ),
        (
            Method::GET,
            hidden.to_owned(),
            REPO_DOCS,
            "list-repository-secrets",
        ),
        (
            Method::GET,
            format!("{hidden}/public-key"),
            REPO_DOCS,
            "get-a-repository-public-key",
        ),
        (
            Method::GET,
            format!("{hidden}/X"),
            REPO_DOCS,
            "get-a-repository-secret",
        ),
        (
            Method::DELETE,
            format!("{REPO}/NOPE"),
            REPO_DOCS,
            "delete-a-repository-secret",
        ),
        (
            Method::GET,
            foreign.to_owned(),
            ORG_DOCS,
            "list-organization-secrets",
        ),
        (
            Method::GET,
            format!("{foreign}/public-key"),
            ORG_DOCS,
            "get-an-organization-public-key",
        ),
        (
            Method::PUT,
            format!("{foreign}/X/repositories"),
            ORG_DOCS,
            "set-selected-repositories-for-an-organization-secret",
        ),
        (
            Method::GET,
            format!("{ORG}/NOPE/repositories"),
            ORG_DOCS,
            "list-selected-repositories-for-an-organization-secret",
        ),
        (
            Method::PUT,
            format!("{ORG}/NOPE/repositories/1"),
            ORG_DOCS,
            "add-selected-repository-to-an-organization-secret",
        ),
        (
            Method::DELETE,
            format!("{ORG}/NOPE/repositories/1"),
            ORG_DOCS,
            "remove-selected-repository-from-an-organization-secret",
        ),
    ];
    for (method, path, docs, anchor) in cases {
        let response = h.request(method.clone(), &path).send().await.expect("send");
        let body = expect_error(response, 404, "Not Found").await;
        assert_eq!(
            body["documentation_url"],
            format!("{docs}{anchor}"),
            "{method} {path}"
        );
    }
}

/// A path parameter that does not decode is GitHub's 404 for the operation, as before the
/// scope is even looked up.
#[tokio::test]
async fn an_undecodable_path_is_not_found() {
    let h = Harness::new();
    let response = h.get("/orgs/octo-org/codespaces/secrets/%FF").await;
    let body = expect_error(response, 404, "Not Found").await;
    assert_eq!(
        body["documentation_url"],
        format!("{ORG_DOCS}get-an-organization-secret")
    );
}

/// A method no operation has on a path is GitHub's generic 404, not 405.
#[tokio::test]
async fn an_unknown_method_is_not_found() {
    let h = Harness::new();
    for (method, path) in [
        (Method::PATCH, USER.to_owned()),
        (Method::POST, format!("{REPO}/X")),
        (Method::GET, format!("{ORG}/X/repositories/1")),
        (Method::PUT, format!("{REPO}/X/repositories")),
    ] {
        let response = h.request(method.clone(), &path).send().await.expect("send");
        let body = expect_error(response, 404, "Not Found").await;
        assert_eq!(body["documentation_url"], "https://docs.github.com/rest");
    }
}
