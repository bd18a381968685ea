//! The manifest: the documented shape parses; every mistake is refused before any request with
//! the file, line and key; a literal value is refused with the reason.

use std::time::Duration;

use codespaces_secrets::Visibility;
use codespaces_secrets::fleet::{Manifest, Membership, ValueSource};

const FULL: &str = r#"version = 1
name = "platform"
prune = true
protect = ["NPM_*"]

[secrets.NPM_TOKEN]
from = { env = "NPM_TOKEN" }
repos = ["octocat/hello-world"]
repos_where = [{ org = "octo-org", name = "svc-*", topics = ["codespaces"], exclude = ["svc-legacy"] }]
orgs = { octo-org = { visibility = "selected", repos = ["api", "web"], membership = "additive" } }
user = { repos = ["octocat/hello-world"] }

[secrets.DB_URL]
from = { command = ["op", "read", "op://ci/db"], timeout_secs = 5 }
orgs = { octo-org = { visibility = "private" } }

[secrets.API_KEY]
from = { dotenv = ".env" }
repos = ["octocat/Spoon-Knife"]
"#;

fn error_of(text: &str) -> String {
    let error = Manifest::from_toml_str(text, "fleet.toml").expect_err("refused");
    assert_eq!(error.code(), "INVALID_INPUT");
    error.to_string()
}

#[test]
fn the_documented_manifest_parses() {
    let manifest = Manifest::from_toml_str(FULL, "fleet.toml").expect("parses");
    assert_eq!(manifest.name, "platform");
    assert!(manifest.prune);
    assert!(manifest.is_protected("npm_token"));
    assert!(!manifest.is_protected("DB_URL"));
    let names: Vec<&str> = manifest.secrets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["NPM_TOKEN", "DB_URL", "API_KEY"], "file order");
    let npm = &manifest.secrets[0];
    assert_eq!(npm.from, ValueSource::Env("NPM_TOKEN".into()));
    assert_eq!(npm.repos.len(), 1);
    let selector = &npm.repos_where[0];
    assert!(selector.name.matches("svc-api") && !selector.archived);
    assert_eq!(selector.topics, ["codespaces"]);
    assert_eq!(npm.orgs[0].visibility, Visibility::Selected);
    assert_eq!(npm.orgs[0].membership, Membership::Additive);
    assert_eq!(npm.orgs[0].repos, ["api", "web"]);
    assert_eq!(npm.user.as_ref().expect("user").repos.len(), 1);
    match &manifest.secrets[1].from {
        ValueSource::Command { argv, timeout } => {
            assert_eq!(argv[0], "op");
            assert_eq!(*timeout, Duration::from_secs(5));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(manifest.secrets[1].orgs[0].visibility, Visibility::Private);
    assert_eq!(
        manifest.secrets[2].from,
        ValueSource::Dotenv {
            path: ".env".into(),
            key: "API_KEY".into()
        },
        "the key defaults to the secret's name"
    );
}

#[test]
fn an_unknown_key_is_named_with_its_line() {
    let text = "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { env = \"A\" }\nrepo = [\"o/r\"]\n";
    let message = error_of(text);
    assert!(message.contains("fleet.toml:5"), "{message}");
    assert!(message.contains("repo"), "{message}");
}

#[test]
fn a_literal_value_is_refused_with_the_reason() {
    let text = "version = 1\nname = \"p\"\n[secrets.A]\nvalue = \"hunter2\"\nrepos = [\"o/r\"]\n";
    let message = error_of(text);
    assert!(message.contains("fleet.toml:4"), "{message}");
    assert!(message.contains("never holds a value"), "{message}");
    assert!(
        !message.contains("hunter2"),
        "the value is not echoed: {message}"
    );
}

#[test]
fn names_differing_only_in_case_are_refused() {
    let text = "version = 1\nname = \"p\"\n[secrets.api_key]\nfrom = { env = \"A\" }\nrepos = [\"o/r\"]\n[secrets.API_KEY]\nfrom = { env = \"B\" }\nrepos = [\"o/r\"]\n";
    let message = error_of(text);
    assert!(message.contains("fleet.toml:6"), "{message}");
    assert!(message.contains("line 3"), "{message}");
}

#[test]
fn every_other_mistake_is_refused() {
    let cases = [
        ("name = \"p\"\n", "version"),
        ("version = 2\nname = \"p\"\n", "version"),
        ("version = 1\n", "`name` is missing"),
        ("version = 1\nname = \"a b\"\n", "name"),
        (
            "version = 1\nname = \"p\"\n[secrets.A]\nrepos = [\"o/r\"]\n",
            "where the value comes from",
        ),
        (
            "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { env = \"A\", file = \"f\" }\nrepos = [\"o/r\"]\n",
            "exactly one",
        ),
        (
            "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { env = \"A\" }\n",
            "no target",
        ),
        (
            "version = 1\nname = \"p\"\n[secrets.GITHUB_X]\nfrom = { env = \"A\" }\nrepos = [\"o/r\"]\n",
            "GITHUB_",
        ),
        (
            "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { env = \"A\" }\nrepos = [\"not-a-repo\"]\n",
            "repos",
        ),
        (
            "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { env = \"A\" }\norgs = { o = { visibility = \"all\", repos = [\"x\"] } }\n",
            "selected",
        ),
        (
            "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { env = \"A\" }\norgs = { o = { visibility = \"public\" } }\n",
            "visibility",
        ),
        (
            "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { env = \"A\" }\norgs = { o = { repos = [\"other/x\"] } }\n",
            "not in o",
        ),
        (
            "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { command = [] }\nrepos = [\"o/r\"]\n",
            "command",
        ),
        (
            "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { env = \"A\", timeout_secs = 3 }\nrepos = [\"o/r\"]\n",
            "timeout_secs",
        ),
        (
            "version = 1\nname = \"p\"\nprotect = [\"\"]\n",
            "empty pattern",
        ),
        ("version = [\n", "fleet.toml:1"),
    ];
    for (text, expected) in cases {
        let message = error_of(text);
        assert!(message.contains(expected), "{text:?}: {message}");
        assert!(message.contains("fleet.toml:"), "{text:?}: {message}");
    }
}

#[test]
fn a_manifest_given_as_json_reads_the_same_and_names_keys() {
    let json = r#"{"version": 1, "name": "platform", "prune": true, "protect": ["NPM_*"],
        "secrets": {"NPM_TOKEN": {"from": {"env": "NPM_TOKEN"}, "repos": ["octocat/hello-world"],
            "orgs": {"octo-org": {"visibility": "selected", "repos": ["api"], "membership": "additive"}}}}}"#;
    let manifest = Manifest::from_json_str(json, "the manifest").expect("parses");
    assert_eq!(manifest.secrets[0].orgs[0].membership, Membership::Additive);
    assert!(manifest.prune);
    let error = Manifest::from_json_str(
        r#"{"version": 1, "name": "p", "secrets": {"A": {"value": "hunter2", "repos": ["o/r"]}}}"#,
        "the manifest",
    )
    .expect_err("literal");
    let message = error.to_string();
    assert!(
        message.contains("the manifest: secrets.A.value"),
        "{message}"
    );
    assert!(!message.contains("hunter2"));
    let with_nulls = r#"{"version": 1, "name": "p", "prune": null,
        "secrets": {"A": {"from": {"env": "A", "file": null}, "repos": ["o/r"], "user": null}}}"#;
    let manifest = Manifest::from_json_str(with_nulls, "m").expect("a null field is an absent one");
    assert!(!manifest.prune && manifest.secrets[0].user.is_none());
    assert!(Manifest::from_json_str("[1]", "m").is_err());
    assert!(Manifest::from_json_str("{", "m").is_err());
}
