//! JSON bodies exactly as the OpenAPI description shapes them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use codespaces_secrets_core::Visibility;
use serde_json::{Value, json};

use crate::state::{Account, Repo, Secret};

/// GitHub's timestamp format: seconds precision, `Z`.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `repo-codespaces-secret`.
pub(crate) fn repo_secret(name: &str, secret: &Secret) -> Value {
    json!({
        "name": name,
        "created_at": timestamp(secret.created_at),
        "updated_at": timestamp(secret.updated_at),
    })
}

/// `codespaces-secret` (a user's secret): visibility is always `selected` and the URL of the
/// repositories list always present.
pub(crate) fn user_secret(base: &str, name: &str, secret: &Secret) -> Value {
    json!({
        "name": name,
        "created_at": timestamp(secret.created_at),
        "updated_at": timestamp(secret.updated_at),
        "visibility": secret.visibility.unwrap_or(Visibility::Selected).as_str(),
        "selected_repositories_url": format!("{base}/user/codespaces/secrets/{name}/repositories"),
    })
}

/// `codespaces-org-secret`: the repositories URL only when visibility is `selected`.
pub(crate) fn org_secret(base: &str, org: &str, name: &str, secret: &Secret) -> Value {
    let visibility = secret.visibility.unwrap_or(Visibility::All);
    let mut body = json!({
        "name": name,
        "created_at": timestamp(secret.created_at),
        "updated_at": timestamp(secret.updated_at),
        "visibility": visibility.as_str(),
    });
    if visibility == Visibility::Selected {
        body["selected_repositories_url"] = json!(format!(
            "{base}/orgs/{org}/codespaces/secrets/{name}/repositories"
        ));
    }
    body
}

/// GitHub's GraphQL node id: base64 of a type-tagged id.
fn node_id(tag: &str, id: i64) -> String {
    STANDARD.encode(format!("{tag}{id}"))
}

/// `simple-user`, with every field the schema requires.
pub(crate) fn simple_user(base: &str, account: &Account) -> Value {
    let login = &account.login;
    let (kind, tag) = if account.is_org() {
        ("Organization", "012:Organization")
    } else {
        ("User", "04:User")
    };
    let user = format!("{base}/users/{login}");
    json!({
        "login": login,
        "id": account.id,
        "node_id": node_id(tag, account.id),
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{}?v=4", account.id),
        "gravatar_id": "",
        "url": user,
        "html_url": format!("https://github.com/{login}"),
        "followers_url": format!("{user}/followers"),
        "following_url": format!("{user}/following{{/other_user}}"),
        "gists_url": format!("{user}/gists{{/gist_id}}"),
        "starred_url": format!("{user}/starred{{/owner}}{{/repo}}"),
        "subscriptions_url": format!("{user}/subscriptions"),
        "organizations_url": format!("{user}/orgs"),
        "repos_url": format!("{user}/repos"),
        "events_url": format!("{user}/events{{/privacy}}"),
        "received_events_url": format!("{user}/received_events"),
        "type": kind,
        "user_view_type": "public",
        "site_admin": false,
    })
}

/// The URL fields of a `minimal-repository`: name and path below the repository's API URL
/// (GitHub's URI templates kept as they are).
const REPOSITORY_URLS: &[(&str, &str)] = &[
    ("archive_url", "/{archive_format}{/ref}"),
    ("assignees_url", "/assignees{/user}"),
    ("blobs_url", "/git/blobs{/sha}"),
    ("branches_url", "/branches{/branch}"),
    ("collaborators_url", "/collaborators{/collaborator}"),
    ("comments_url", "/comments{/number}"),
    ("commits_url", "/commits{/sha}"),
    ("compare_url", "/compare/{base}...{head}"),
    ("contents_url", "/contents/{+path}"),
    ("contributors_url", "/contributors"),
    ("deployments_url", "/deployments"),
    ("downloads_url", "/downloads"),
    ("events_url", "/events"),
    ("forks_url", "/forks"),
    ("git_commits_url", "/git/commits{/sha}"),
    ("git_refs_url", "/git/refs{/sha}"),
    ("git_tags_url", "/git/tags{/sha}"),
    ("hooks_url", "/hooks"),
    ("issue_comment_url", "/issues/comments{/number}"),
    ("issue_events_url", "/issues/events{/number}"),
    ("issues_url", "/issues{/number}"),
    ("keys_url", "/keys{/key_id}"),
    ("labels_url", "/labels{/name}"),
    ("languages_url", "/languages"),
    ("merges_url", "/merges"),
    ("milestones_url", "/milestones{/number}"),
    (
        "notifications_url",
        "/notifications{?since,all,participating}",
    ),
    ("pulls_url", "/pulls{/number}"),
    ("releases_url", "/releases{/id}"),
    ("stargazers_url", "/stargazers"),
    ("statuses_url", "/statuses/{sha}"),
    ("subscribers_url", "/subscribers"),
    ("subscription_url", "/subscription"),
    ("tags_url", "/tags"),
    ("teams_url", "/teams"),
    ("trees_url", "/git/trees{/sha}"),
];

/// `minimal-repository`, with every field the schema requires plus the common optional ones.
pub(crate) fn minimal_repository(base: &str, repo: &Repo, owner: &Account) -> Value {
    let full_name = format!("{}/{}", owner.login, repo.name);
    let api = format!("{base}/repos/{full_name}");
    let created = timestamp(repo.created_at);
    let mut body = json!({
        "id": repo.id,
        "node_id": node_id("010:Repository", repo.id),
        "name": repo.name,
        "full_name": full_name,
        "owner": simple_user(base, owner),
        "private": repo.private,
        "html_url": format!("https://github.com/{full_name}"),
        "description": null,
        "fork": false,
        "url": api,
        "git_url": format!("git://github.com/{full_name}.git"),
        "ssh_url": format!("git@github.com:{full_name}.git"),
        "clone_url": format!("https://github.com/{full_name}.git"),
        "svn_url": format!("https://github.com/{full_name}"),
        "homepage": null,
        "language": null,
        "forks_count": 0,
        "stargazers_count": 0,
        "watchers_count": 0,
        "size": 0,
        "default_branch": "main",
        "open_issues_count": 0,
        "is_template": false,
        "topics": repo.topics,
        "has_issues": true,
        "has_projects": true,
        "has_wiki": true,
        "has_pages": false,
        "has_downloads": true,
        "has_discussions": false,
        "archived": repo.archived,
        "disabled": false,
        "visibility": if repo.private { "private" } else { "public" },
        "pushed_at": created,
        "created_at": created,
        "updated_at": created,
        "forks": 0,
        "open_issues": 0,
        "watchers": 0,
        "allow_forking": true,
        "web_commit_signoff_required": false,
    });
    if let Value::Object(fields) = &mut body {
        for (field, path) in REPOSITORY_URLS {
            fields.insert((*field).to_owned(), Value::String(format!("{api}{path}")));
        }
    }
    body
}

/// A repository as `GET /repos/{owner}/{repo}` and `GET /user/repos` show it: the minimal
/// repository plus the caller's `permissions` (`admin` for who may manage it, else `pull`).
pub(crate) fn repository(base: &str, repo: &Repo, owner: &Account, admin: bool) -> Value {
    let mut body = minimal_repository(base, repo, owner);
    body["permissions"] = json!({
        "admin": admin,
        "maintain": admin,
        "push": admin,
        "triage": admin,
        "pull": true,
    });
    body["subscribers_count"] = json!(0);
    body["network_count"] = json!(0);
    if owner.is_org() {
        body["organization"] = simple_user(base, owner);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AccountKind;
    use chrono::TimeZone;

    #[test]
    fn repositories_carry_every_required_field() {
        let owner = Account {
            id: 1,
            login: "octocat".to_owned(),
            kind: AccountKind::User,
        };
        let repo = Repo {
            id: 1296269,
            owner: "octocat".to_owned(),
            name: "Hello-World".to_owned(),
            created_at: Utc
                .with_ymd_and_hms(2011, 1, 26, 19, 1, 12)
                .single()
                .expect("date"),
            topics: vec!["octocat".to_owned()],
            archived: true,
            private: false,
        };
        let body = minimal_repository("http://127.0.0.1:1", &repo, &owner);
        for field in [
            "archive_url",
            "trees_url",
            "owner",
            "node_id",
            "description",
        ] {
            assert!(body.get(field).is_some(), "{field}");
        }
        assert_eq!(body["node_id"], "MDEwOlJlcG9zaXRvcnkxMjk2MjY5");
        assert_eq!(body["owner"]["node_id"], "MDQ6VXNlcjE=");
        assert_eq!(
            body["contents_url"],
            "http://127.0.0.1:1/repos/octocat/Hello-World/contents/{+path}"
        );
        assert_eq!(body["created_at"], "2011-01-26T19:01:12Z");
        assert_eq!(body["topics"], serde_json::json!(["octocat"]));
        assert_eq!(body["archived"], true);
        assert_eq!(body["visibility"], "public");
        let full = repository("http://127.0.0.1:1", &repo, &owner, false);
        assert_eq!(full["permissions"]["admin"], false);
        assert!(full.get("organization").is_none());
    }
}
