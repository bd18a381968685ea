//! GitHub App authentication: JWTs checked as GitHub checks them, installations on
//! organizations, users and repositories, and installation tokens — what they reach, what they
//! may not, and when they expire.

use std::time::Duration;

use codespaces_secrets_emulator::{AuthSettings, Scope};
use reqwest::Method;
use serde_json::{Value, json};

use crate::app_support::*;
use crate::harness::*;

const JWT_UNDECODABLE: &str = "A JSON web token could not be decoded";
const NOT_BY_INTEGRATION: &str = "Resource not accessible by integration";

async fn mint(h: &Harness, jwt: &str, installation: u64) -> reqwest::Response {
    h.request_as(
        jwt,
        Method::POST,
        &format!("/app/installations/{installation}/access_tokens"),
    )
    .send()
    .await
    .expect("mint")
}

async fn token_for(h: &Harness, pem: &str, app_id: u64, installation: u64) -> Value {
    json_of(
        mint(h, &app_jwt(pem, json!(app_id)), installation).await,
        201,
    )
    .await
}

#[tokio::test]
async fn a_jwt_authenticates_the_app_with_either_key_form_and_any_issuer_spelling() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    assert!(app.client_id.starts_with("Iv23li") && app.client_id.len() == 20);
    assert!(!format!("{app:?}").contains("PRIVATE KEY"));
    for pem in [&app.private_key_pem, &app.private_key_pkcs8_pem] {
        for iss in [
            json!(app.id),
            json!(app.id.to_string()),
            json!(app.client_id),
        ] {
            let body = json_of(
                h.request_as(&app_jwt(pem, iss), Method::GET, "/app")
                    .send()
                    .await
                    .expect("GET /app"),
                200,
            )
            .await;
            assert_eq!(body["id"], app.id);
            assert_eq!(body["slug"], app.slug.as_str());
            assert_eq!(body["client_id"], app.client_id.as_str());
            assert!(body["name"].is_string());
        }
    }
}

#[tokio::test]
async fn jwts_are_refused_with_githubs_reasons() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    let other = h.emulator.register_app();
    let rs256 = json!({"alg": "RS256", "typ": "JWT"});
    let t = now();
    let claims = |iat: i64, exp: i64| json!({"iss": app.id, "iat": iat, "exp": exp});
    let pem = app.private_key_pem.as_str();
    let cases = [
        // Signed by another app's key.
        (
            sign_jwt(&other.private_key_pem, &rs256, &claims(t - 60, t + 540)),
            JWT_UNDECODABLE,
        ),
        (
            sign_jwt(pem, &json!({"alg": "HS256"}), &claims(t - 60, t + 540)),
            JWT_UNDECODABLE,
        ),
        (
            sign_jwt(pem, &rs256, &json!({"iss": 4242, "iat": t, "exp": t + 60})),
            "Integration not found",
        ),
        (
            sign_jwt(
                pem,
                &rs256,
                &json!({"iss": "Iv23linope", "iat": t, "exp": t + 60}),
            ),
            "Integration not found",
        ),
        (
            sign_jwt(pem, &rs256, &claims(t - 60, t + 600)),
            "'Expiration time' claim ('exp') is too far in the future",
        ),
        (
            sign_jwt(pem, &rs256, &claims(t - 700, t - 100)),
            "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
        ),
        (
            sign_jwt(pem, &rs256, &claims(t + 120, t + 300)),
            "'Issued at' claim ('iat') must be an Integer representing a time in the past",
        ),
        ("not.a.jwt".to_owned(), JWT_UNDECODABLE),
        // A user's token is no JWT.
        (h.token.clone(), JWT_UNDECODABLE),
    ];
    for (jwt, message) in cases {
        let response = h
            .request_as(&jwt, Method::GET, "/app")
            .send()
            .await
            .expect("GET /app");
        expect_error(response, 401, message).await;
    }
    let anonymous = h
        .http
        .get(h.url("/app"))
        .header("User-Agent", "t")
        .send()
        .await
        .expect("GET");
    expect_error(anonymous, 401, "Requires authentication").await;
}

#[tokio::test]
async fn clock_skew_shifts_the_servers_view_of_a_jwt() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    let get_app = |jwt: String| {
        let request = h.request_as(&jwt, Method::GET, "/app");
        async move { request.send().await.expect("GET /app") }
    };
    let rs256 = json!({"alg": "RS256"});
    // The server is 11 minutes ahead: a JWT the client thinks valid has expired.
    h.emulator.set_auth_settings(AuthSettings {
        clock_skew: 660,
        ..AuthSettings::default()
    });
    let response = get_app(app_jwt(&app.private_key_pem, json!(app.id))).await;
    let body = json_of(response, 401).await;
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("'Expiration time' claim")),
        "{body}"
    );
    // The server is two minutes behind: `iat` = now is in its future; a minute back is not.
    h.emulator.set_auth_settings(AuthSettings {
        clock_skew: -120,
        ..AuthSettings::default()
    });
    let t = now();
    let future = sign_jwt(
        &app.private_key_pem,
        &rs256,
        &json!({"iss": app.id, "iat": t, "exp": t + 300}),
    );
    let body = json_of(get_app(future).await, 401).await;
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("'Issued at' claim")),
        "{body}"
    );
    let careful = sign_jwt(
        &app.private_key_pem,
        &rs256,
        &json!({"iss": app.id, "iat": t - 60, "exp": t + 300}),
    );
    json_of(get_app(careful).await, 200).await;
}

#[tokio::test]
async fn installations_are_found_by_organization_repository_and_user() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    let other = h.emulator.register_app();
    let org = h.emulator.install_app(app.id, &Scope::org("octo-org"));
    let user = h.emulator.install_app(app.id, &Scope::user("hubot"));
    let repo = h
        .emulator
        .install_app(app.id, &Scope::repo("octocat", "Hello-World"));
    assert_eq!(
        h.emulator.install_app(app.id, &Scope::org("octo-org")),
        org,
        "idempotent"
    );
    let jwt = app_jwt(&app.private_key_pem, json!(app.id));
    let lookup = |path: &'static str, jwt: String| {
        let request = h.request_as(&jwt, Method::GET, path);
        async move { request.send().await.expect("lookup") }
    };
    for (path, id, login, selection) in [
        ("/orgs/octo-org/installation", org, "octo-org", "all"),
        (
            "/repos/octo-org/octo-repo/installation",
            org,
            "octo-org",
            "all",
        ),
        ("/users/hubot/installation", user, "hubot", "all"),
        (
            "/repos/hubot/hubot-scripts/installation",
            user,
            "hubot",
            "all",
        ),
        (
            "/repos/octocat/Hello-World/installation",
            repo,
            "octocat",
            "selected",
        ),
    ] {
        let body = json_of(lookup(path, jwt.clone()).await, 200).await;
        assert_eq!(body["id"], id, "{path}");
        assert_eq!(body["app_id"], app.id, "{path}");
        assert_eq!(body["account"]["login"], login, "{path}");
        assert_eq!(body["repository_selection"], selection, "{path}");
    }
    for path in [
        "/repos/octocat/Spoon-Knife/installation",
        "/users/octocat/installation",
        "/users/octo-org/installation",
        "/orgs/hubot/installation",
        "/orgs/no-such-org/installation",
        "/repos/octocat/no-such-repo/installation",
    ] {
        expect_error(lookup(path, jwt.clone()).await, 404, "Not Found").await;
    }
    // Another app is installed nowhere.
    let theirs = app_jwt(&other.private_key_pem, json!(other.id));
    expect_error(
        lookup("/orgs/octo-org/installation", theirs).await,
        404,
        "Not Found",
    )
    .await;
}

#[tokio::test]
async fn installation_tokens_manage_the_secrets_their_installation_covers() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    let installation = h.emulator.install_app(app.id, &Scope::org("octo-org"));
    let first = token_for(&h, &app.private_key_pem, app.id, installation).await;
    let body = token_for(&h, &app.private_key_pem, app.id, installation).await;
    let token = body["token"].as_str().expect("token").to_owned();
    assert_ne!(
        first["token"], body["token"],
        "every call mints a new token"
    );
    assert!(
        token.starts_with("ghs_")
            && token.len() == 40
            && token[4..].bytes().all(|b| b.is_ascii_alphanumeric())
    );
    let expires_at = body["expires_at"].as_str().expect("expires_at");
    let expires = chrono::DateTime::parse_from_rfc3339(expires_at).expect("RFC 3339");
    assert!(
        expires_at.ends_with('Z') && !expires_at.contains('.'),
        "{expires_at}"
    );
    let left = expires.timestamp() - now();
    assert!((3590..=3600).contains(&left), "{left}");
    assert_eq!(body["permissions"]["codespaces_secrets"], "write");
    assert_eq!(
        body["permissions"]["organization_codespaces_secrets"],
        "write"
    );
    assert_eq!(body["repository_selection"], "all");

    // Organization and repository secrets, as an organization admin would.
    let octo_repo = h
        .emulator
        .repo_id("octo-org", "octo-repo")
        .expect("demo repo");
    let as_bot = Harness {
        emulator: h.emulator,
        http: h.http.clone(),
        token: token.clone(),
    };
    let org_secrets = "/orgs/octo-org/codespaces/secrets";
    let created = as_bot
        .put_secret(
            org_secrets,
            "NPM_TOKEN",
            b"npm",
            json!({"visibility": "selected", "selected_repository_ids": [octo_repo]}),
        )
        .await;
    assert_eq!(created.status(), 201);
    let listed = json_of(
        as_bot
            .get(&format!("{org_secrets}/NPM_TOKEN/repositories"))
            .await,
        200,
    )
    .await;
    assert_eq!(listed["total_count"], 1);
    let repo_secrets = "/repos/octo-org/octo-service/codespaces/secrets";
    assert_eq!(
        as_bot
            .put_secret(repo_secrets, "API", b"v", json!({}))
            .await
            .status(),
        201
    );
    assert_eq!(
        as_bot
            .emulator
            .secret_value(&Scope::repo("octo-org", "octo-service"), "API")
            .map(|v| v.expose().to_vec()),
        Some(b"v".to_vec())
    );

    // Outside the installation: repositories are invisible, organizations refuse.
    expect_error(
        as_bot
            .get("/repos/octocat/Hello-World/codespaces/secrets")
            .await,
        404,
        "Not Found",
    )
    .await;
    as_bot.emulator.add_org("acme", &[]);
    expect_error(
        as_bot.get("/orgs/acme/codespaces/secrets").await,
        403,
        NOT_BY_INTEGRATION,
    )
    .await;
    expect_error(
        as_bot.get("/orgs/no-such-org/codespaces/secrets").await,
        404,
        "Not Found",
    )
    .await;
    // A user's own secrets and identity are not an installation's.
    expect_error(
        as_bot.get("/user/codespaces/secrets").await,
        403,
        NOT_BY_INTEGRATION,
    )
    .await;
    expect_error(
        as_bot.get("/user/codespaces/secrets/public-key").await,
        403,
        NOT_BY_INTEGRATION,
    )
    .await;
    expect_error(as_bot.get("/user").await, 403, NOT_BY_INTEGRATION).await;

    // The log names the token requests by path and the bot by login, and holds no credential.
    let log = as_bot.emulator.request_log();
    let mints = log
        .iter()
        .filter(|r| {
            r.method == "POST"
                && r.path == format!("/app/installations/{installation}/access_tokens")
        })
        .count();
    assert_eq!(mints, 2);
    assert!(
        log.iter()
            .any(|r| r.login.as_deref() == Some(&format!("{}[bot]", app.slug)[..]))
    );
    let shown = serde_json::to_string(&log).expect("log JSON");
    assert!(
        !shown.contains(&token) && !shown.contains("ghs_") && !shown.contains("eyJ"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_repository_installation_reaches_that_repository_only() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    let installation = h
        .emulator
        .install_app(app.id, &Scope::repo("octo-org", "octo-repo"));
    let body = token_for(&h, &app.private_key_pem, app.id, installation).await;
    assert_eq!(body["repository_selection"], "selected");
    let token = body["token"].as_str().expect("token");
    let get = |path: &str| h.request_as(token, Method::GET, path).send();
    json_of(
        get("/repos/octo-org/octo-repo/codespaces/secrets")
            .await
            .expect("GET"),
        200,
    )
    .await;
    expect_error(
        get("/repos/octo-org/octo-service/codespaces/secrets")
            .await
            .expect("GET"),
        404,
        "Not Found",
    )
    .await;
    expect_error(
        get("/orgs/octo-org/codespaces/secrets").await.expect("GET"),
        403,
        NOT_BY_INTEGRATION,
    )
    .await;
}

#[tokio::test]
async fn installation_tokens_expire_on_the_emulators_clock() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    let installation = h.emulator.install_app(app.id, &Scope::org("octo-org"));
    h.emulator.set_auth_settings(AuthSettings {
        installation_token_lifetime: Duration::from_secs(2),
        ..AuthSettings::default()
    });
    let body = token_for(&h, &app.private_key_pem, app.id, installation).await;
    let token = body["token"].as_str().expect("token");
    let path = "/orgs/octo-org/codespaces/secrets";
    let fresh = h
        .request_as(token, Method::GET, path)
        .send()
        .await
        .expect("GET");
    json_of(fresh, 200).await;
    // Moving the emulator's clock past `expires_at` expires it, as waiting would.
    h.emulator.set_auth_settings(AuthSettings {
        clock_skew: 3,
        ..h.emulator.auth_settings()
    });
    let stale = h
        .request_as(token, Method::GET, path)
        .send()
        .await
        .expect("GET");
    expect_error(stale, 401, "Bad credentials").await;
    // And waiting does too.
    h.emulator.set_auth_settings(AuthSettings {
        clock_skew: 0,
        ..h.emulator.auth_settings()
    });
    let body = token_for(&h, &app.private_key_pem, app.id, installation).await;
    let token = body["token"].as_str().expect("token");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let stale = h
        .request_as(token, Method::GET, path)
        .send()
        .await
        .expect("GET");
    expect_error(stale, 401, "Bad credentials").await;
}

#[tokio::test]
async fn tokens_are_minted_only_for_the_apps_own_installations() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    let other = h.emulator.register_app();
    let mine = h.emulator.install_app(app.id, &Scope::org("octo-org"));
    let theirs = h.emulator.install_app(other.id, &Scope::org("octo-org"));
    let jwt = app_jwt(&app.private_key_pem, json!(app.id));
    expect_error(mint(&h, &jwt, theirs).await, 404, "Not Found").await;
    expect_error(mint(&h, &jwt, 999_999).await, 404, "Not Found").await;
    let odd = h
        .request_as(&jwt, Method::POST, "/app/installations/abc/access_tokens")
        .send()
        .await
        .expect("POST");
    expect_error(odd, 404, "Not Found").await;
    // A user's token cannot mint; a JWT is no token for the API.
    expect_error(mint(&h, &h.token, mine).await, 401, JWT_UNDECODABLE).await;
    for path in [
        "/orgs/octo-org/codespaces/secrets",
        "/user",
        "/user/codespaces/secrets",
    ] {
        let response = h
            .request_as(&jwt, Method::GET, path)
            .send()
            .await
            .expect("GET");
        expect_error(response, 401, "Bad credentials").await;
    }
}

#[tokio::test]
async fn get_user_says_who_a_user_token_belongs_to() {
    let h = Harness::new();
    let body = json_of(h.get("/user").await, 200).await;
    assert_eq!(body["login"], "octocat");
    assert_eq!(body["type"], "User");
    assert!(body["id"].is_i64());
    expect_error(
        h.request_as("ghp_nope", Method::GET, "/user")
            .send()
            .await
            .expect("GET"),
        401,
        "Bad credentials",
    )
    .await;
}

#[tokio::test]
async fn apps_installations_and_settings_over_control_routes() {
    let h = Harness::new();
    let app = json_of(h.emulator_control(Method::POST, "/apps", None).await, 201).await;
    let id = app["id"].as_u64().expect("id");
    let pkcs1 = app["private_key_pem"].as_str().expect("PKCS#1");
    let pkcs8 = app["private_key_pkcs8_pem"].as_str().expect("PKCS#8");
    assert!(pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert!(pkcs8.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(pkcs1.lines().all(|line| line.len() <= 64));
    assert!(
        app["client_id"]
            .as_str()
            .is_some_and(|c| c.starts_with("Iv23li"))
    );
    assert!(app["slug"].is_string());

    let installations = format!("/apps/{id}/installations");
    let install = |body: Value| h.emulator_control(Method::POST, &installations, Some(body));
    let org = json_of(install(json!({"org": "octo-org"})).await, 201).await["id"].clone();
    let user = json_of(install(json!({"user": "hubot"})).await, 201).await["id"].clone();
    let repo = json_of(
        install(json!({"owner": "octocat", "repo": "Hello-World"})).await,
        201,
    )
    .await["id"]
        .clone();
    assert!(org.is_u64() && user.is_u64() && repo.is_u64());
    assert_ne!(org, user);
    for bad in [
        json!({}),
        json!({"org": "a", "user": "b"}),
        json!({"owner": "o"}),
        json!({"team": "x"}),
    ] {
        assert_eq!(install(bad).await.status(), 422);
    }
    let unknown = h
        .emulator_control(
            Method::POST,
            "/apps/1/installations",
            Some(json!({"org": "octo-org"})),
        )
        .await;
    assert_eq!(unknown.status(), 404);

    // The PKCS#8 key from the control route signs JWTs the emulator accepts.
    let jwt = app_jwt(pkcs8, json!(id));
    let found = h
        .request_as(&jwt, Method::GET, "/orgs/octo-org/installation")
        .send()
        .await
        .expect("GET");
    assert_eq!(json_of(found, 200).await["id"], org);

    let defaults = json_of(
        h.emulator_control(Method::GET, "/auth-settings", None)
            .await,
        200,
    )
    .await;
    assert_eq!(
        defaults,
        json!({"installation_token_lifetime_secs": 3600, "clock_skew_secs": 0, "device_poll_interval_secs": 5, "device_code_lifetime_secs": 900})
    );
    let changed = h
        .emulator_control(
            Method::PUT,
            "/auth-settings",
            Some(json!({"installation_token_lifetime_secs": 2, "clock_skew_secs": -30})),
        )
        .await;
    assert_eq!(changed.status(), 204);
    let settings = h.emulator.auth_settings();
    assert_eq!(settings.installation_token_lifetime, Duration::from_secs(2));
    assert_eq!(
        (settings.clock_skew, settings.device_poll_interval),
        (-30, 5)
    );
    for bad in [
        json!({"installation_token_lifetime_secs": -1}),
        json!({"clock_skew": 1}),
    ] {
        let refused = h
            .emulator_control(Method::PUT, "/auth-settings", Some(bad))
            .await;
        assert_eq!(refused.status(), 422);
    }
}
