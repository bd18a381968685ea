//! The Rust side of the parity check: every item of `api/surface.json` is used here at compile
//! time (a missing method, field or variant does not build), and the lists here must equal the
//! file's (an item added to the file without Rust fails). Each binding has the same test in its
//! own language.

use std::collections::BTreeSet;
use std::time::Duration;

use codespaces_secrets::fleet::{
    AccessChange, AppliedChange, ApplyOptions, ApplyProgress, ApplyReport, Change, ChangeAction,
    ChangeReason, Manifest, Notice, Plan, PlanOptions, Totals, VisibilityChange,
};
use codespaces_secrets::{
    AnyScope, ApiError, BulkReport, ClientSettings, DeviceCode, DeviceFlowOptions, DeviceLogin,
    Error, GitHubApp, LoginFailure, PlannedChange, Progress, Secrets, SetOptions, SyncAction,
    SyncOptions, SyncReport, Visibility, WriteReason,
};
use serde_json::Value;

fn surface() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../api/surface.json");
    let text = std::fs::read_to_string(path).expect("api/surface.json");
    serde_json::from_str(&text).expect("surface.json is JSON")
}

fn names(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().expect("a name").to_owned())
        .collect()
}

/// Takes anything: what `used!` hands its items to.
fn touch<T>(_: T) {}

/// Names each item and uses it in a closure that is compiled but never run.
macro_rules! used {
    ($($name:ident => $use:expr),* $(,)?) => {{
        $( let _ = || touch($use); )*
        BTreeSet::from([$(stringify!($name).to_owned()),*])
    }};
}

fn scope_operations<K: codespaces_secrets::ScopeKind>(s: &Secrets<K>) -> BTreeSet<String> {
    used! {
        list => s.list(),
        list_stream => s.list_stream(),
        public_key => s.public_key(),
        get => s.get("A"),
        set => s.set("A", "v"),
        delete => s.delete("A"),
        set_many => s.set_many([("A", "v")]),
        sync => s.sync([("A", "v")], SyncOptions::default()),
        sync_env_file => s.sync_env_file(".env", SyncOptions::default()),
    }
}

fn selectable_operations<K: codespaces_secrets::SelectableScope>(
    s: &Secrets<K>,
) -> BTreeSet<String> {
    used! {
        repositories => s.repositories("A"),
        set_repositories => s.set_repositories("A", [1]),
        add_repository => s.add_repository("A", 1),
        remove_repository => s.remove_repository("A", 1),
    }
}

fn client_settings() -> BTreeSet<String> {
    let d = Some(Duration::ZERO);
    let all = ClientSettings {
        token: None,
        app: None,
        base_url: None,
        user_agent: None,
        api_version: None,
        timeout: d,
        connect_timeout: d,
        max_retries: None,
        retry_base_delay: d,
        write_interval: d,
        max_rate_limit_wait: d,
        secondary_rate_limit_backoff: d,
        max_rate_limit_retries: None,
        deadline: d,
    };
    used! {
        token => &all.token, app => &all.app, base_url => &all.base_url, user_agent => &all.user_agent,
        api_version => &all.api_version,
        timeout => all.timeout, connect_timeout => all.connect_timeout,
        max_retries => all.max_retries, retry_base_delay => all.retry_base_delay,
        write_interval => all.write_interval, max_rate_limit_wait => all.max_rate_limit_wait,
        secondary_rate_limit_backoff => all.secondary_rate_limit_backoff,
        max_rate_limit_retries => all.max_rate_limit_retries,
        deadline => all.deadline,
    }
}

fn options() -> (BTreeSet<String>, BTreeSet<String>) {
    let set = SetOptions {
        visibility: None,
        selected_repository_ids: None,
    };
    let sync = SyncOptions {
        dry_run: false,
        prune: false,
        state: None,
        state_key_file: None,
        force: false,
    };
    (
        used! { visibility => set.visibility, selected_repository_ids => &set.selected_repository_ids },
        used! {
            dry_run => sync.dry_run, prune => sync.prune, state => &sync.state,
            state_key_file => &sync.state_key_file, force => sync.force,
        },
    )
}

/// The authentication types: the App's constructor arguments and accessors, the device flow's
/// options, what it shows and what it returns, and how it can fail.
fn auth_sections() -> Value {
    let options = DeviceFlowOptions::default();
    let failures = [
        LoginFailure::Denied,
        LoginFailure::Expired,
        LoginFailure::Cancelled,
        LoginFailure::Refused,
    ];
    serde_json::json!({
        "github_app": used! {
            app_id => |a: &GitHubApp| a.app_id().to_owned(),
            private_key => |pem: &str| GitHubApp::new("1", pem, None).map(|_| ()),
            installation_id => |a: &GitHubApp| a.installation_id(),
        },
        "device_flow_options": used! {
            client_id => &options.client_id, scopes => &options.scopes,
            base_url => &options.base_url, web_url => &options.web_url, timeout => options.timeout,
        },
        "device_code": used! {
            user_code => |c: &DeviceCode| c.user_code.clone(),
            verification_uri => |c: &DeviceCode| c.verification_uri.clone(),
            expires_in => |c: &DeviceCode| c.expires_in,
            interval => |c: &DeviceCode| c.interval,
        },
        "device_login": used! {
            token => |l: &DeviceLogin| l.token().to_owned(),
            host => |l: &DeviceLogin| l.host().to_owned(),
        },
        "login_failures": failures.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
    })
}

fn report_fields(
    bulk: &BulkReport,
    sync: &SyncReport,
    change: &PlannedChange,
    progress: &Progress<'_>,
) -> Value {
    serde_json::json!({
        "bulk_report": used! { created => &bulk.created, updated => &bulk.updated, deleted => &bulk.deleted, failed => &bulk.failed },
        "sync_report": used! { plan => &sync.plan, dry_run => sync.dry_run, unchanged => &sync.unchanged, result => &sync.result },
        "planned_change": used! { name => &change.name, action => change.action, reason => change.reason },
        "progress": used! { done => progress.done, total => progress.total, name => progress.name, ok => progress.ok },
    })
}

fn error_codes() -> BTreeSet<String> {
    let api = |status| Box::new(ApiError::new("op", status, None, None));
    [
        Error::invalid_input("name", "bad"),
        Error::Unauthorized(api(401)),
        Error::Forbidden(api(403)),
        Error::NotFound(api(404)),
        Error::Conflict(api(409)),
        Error::Validation(api(422)),
        Error::RateLimited {
            retry_at: None,
            api: None,
        },
        Error::Server(api(500)),
        Error::Api(api(418)),
        Error::Transport {
            operation: "op",
            message: "down".into(),
            source: None,
        },
        Error::Decode {
            operation: "op",
            message: "odd".into(),
            source: None,
        },
        Error::Encryption("no randomness".into()),
        Error::Login {
            reason: LoginFailure::Denied,
            message: "denied".into(),
        },
    ]
    .iter()
    .map(|e| e.code().to_owned())
    .collect()
}

/// Fleets: the client's operations (`check` is a plan, see `exceptions.rust`), their options,
/// the fields of what they return, and the actions and reasons of a change.
fn fleet_sections(client: &codespaces_secrets::Client) -> Value {
    let plan_options = PlanOptions {
        state: None,
        state_key_file: None,
        force: false,
        limits: None,
        fingerprints: false,
        conditional_reads: None,
    };
    let apply_options = ApplyOptions {
        state: None,
        state_key_file: None,
        max_writes: None,
        limits: None,
        conditional_reads: None,
        cancel: None,
    };
    let actions = [
        ChangeAction::Create,
        ChangeAction::Update,
        ChangeAction::Unchanged,
        ChangeAction::Access,
        ChangeAction::Delete,
        ChangeAction::Unmanaged,
    ];
    let reasons = [
        ChangeReason::New,
        ChangeReason::Changed,
        ChangeReason::ChangedElsewhere,
        ChangeReason::Forced,
        ChangeReason::Untracked,
        ChangeReason::Pruned,
    ];
    serde_json::json!({
        "fleet_operations": used! {
            plan => |m: &Manifest| drop(client.plan(m, &PlanOptions::default())),
            apply => |p: &Plan| drop(client.apply(p, &ApplyOptions::default(), |_| {})),
            load_saved_plan => || drop(client.load_saved_plan("plan.json", &PlanOptions::default())),
        },
        "plan_options": used! {
            state => &plan_options.state, state_key_file => &plan_options.state_key_file,
            force => plan_options.force, fingerprints => plan_options.fingerprints,
            conditional_reads => plan_options.conditional_reads,
        },
        "apply_options": used! {
            state => &apply_options.state, state_key_file => &apply_options.state_key_file,
            max_writes => apply_options.max_writes, cancel => &apply_options.cancel,
            conditional_reads => apply_options.conditional_reads,
        },
        "fleet_fields": {
            "plan": used! {
                changes => |p: &Plan| p.summary.changes.len(),
                warnings => |p: &Plan| p.summary.warnings.len(),
                errors => |p: &Plan| p.summary.errors.len(),
                totals => |p: &Plan| p.summary.totals.clone(),
                has_changes => |p: &Plan| p.summary.has_changes(),
                save => |p: &Plan| p.save("plan.json"),
            },
            "change": used! {
                scope => |c: &Change| c.scope.clone(), name => |c: &Change| c.name.clone(),
                action => |c: &Change| c.action, reason => |c: &Change| c.reason,
                access => |c: &Change| c.access.clone(),
            },
            "access_change": used! {
                visibility => |a: &AccessChange| a.visibility.clone(),
                added => |a: &AccessChange| a.added.clone(),
                removed => |a: &AccessChange| a.removed.clone(),
            },
            "visibility_change": used! {
                from => |v: &VisibilityChange| v.from.clone(),
                to => |v: &VisibilityChange| v.to.clone(),
            },
            "notice": used! {
                kind => |n: &Notice| n.kind, scope => |n: &Notice| n.scope.clone(),
                name => |n: &Notice| n.name.clone(), message => |n: &Notice| n.message.clone(),
            },
            "totals": used! {
                reads => |t: &Totals| t.reads, not_modified => |t: &Totals| t.not_modified,
                writes => |t: &Totals| t.writes, seconds => |t: &Totals| t.seconds,
                points => |t: &Totals| t.points, rate_remaining => |t: &Totals| t.rate_remaining,
                rate_reset => |t: &Totals| t.rate_reset,
            },
            "apply_report": used! {
                items => |r: &ApplyReport| r.items.len(), writes => |r: &ApplyReport| r.writes,
                remaining => |r: &ApplyReport| r.remaining,
                state_error => |r: &ApplyReport| r.state_error.is_some(),
                cancelled => |r: &ApplyReport| r.cancelled,
            },
            "applied_change": used! {
                scope => |c: &AppliedChange| c.scope.clone(),
                name => |c: &AppliedChange| c.name.clone(),
                action => |c: &AppliedChange| c.action,
                error => |c: &AppliedChange| c.error.is_some(),
            },
            "apply_progress": used! {
                done => |p: &ApplyProgress<'_>| p.done, total => |p: &ApplyProgress<'_>| p.total,
                scope => |p: &ApplyProgress<'_>| p.scope.to_owned(),
                name => |p: &ApplyProgress<'_>| p.name.to_owned(),
                action => |p: &ApplyProgress<'_>| p.action, ok => |p: &ApplyProgress<'_>| p.ok,
                waiting => |p: &ApplyProgress<'_>| p.waiting, eta => |p: &ApplyProgress<'_>| p.eta,
            },
        },
        "change_actions": actions.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        "change_reasons": reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
    })
}

/// The items of `section` that `exceptions.rust` does not excuse.
fn expected_in_rust(surface: &Value, section: &str) -> Value {
    let excused = &surface["exceptions"]["rust"];
    let items = names(&surface[section]);
    Value::from(
        items
            .into_iter()
            .filter(|item| excused.get(item).is_none())
            .collect::<Vec<_>>(),
    )
}

#[test]
fn rust_has_every_item_of_the_surface_spelled_as_the_file_says() {
    let surface = surface();
    let client = codespaces_secrets::Client::builder()
        .token("t")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("client");
    let mut cells = 0;
    let mut check = |section: &str, rust: BTreeSet<String>, expected: &Value| {
        let expected = names(expected);
        assert_eq!(
            rust, expected,
            "{section}: Rust differs from api/surface.json"
        );
        cells += expected.len();
    };
    for (kind, ops) in [
        ("user", scope_operations(&client.user())),
        ("repo", scope_operations(&client.repo("o", "r"))),
        ("org", scope_operations(&client.org("o"))),
    ] {
        check(
            &format!("scope_operations ({kind})"),
            ops,
            &surface["scope_operations"],
        );
    }
    check(
        "selectable (user)",
        selectable_operations(&client.user()),
        &surface["selectable_operations"],
    );
    check(
        "selectable (org)",
        selectable_operations(&client.org("o")),
        &surface["selectable_operations"],
    );
    check(
        "client_settings",
        client_settings(),
        &surface["client_settings"],
    );
    let (set, sync) = options();
    check("set_options", set, &surface["set_options"]);
    check("sync_options", sync, &surface["sync_options"]);

    let bulk = BulkReport::default();
    let sync_report = SyncReport {
        plan: Vec::new(),
        dry_run: true,
        unchanged: Vec::new(),
        result: BulkReport::default(),
    };
    let change = PlannedChange {
        name: "A".into(),
        action: SyncAction::Create,
        reason: Some(WriteReason::New),
    };
    let progress = Progress {
        done: 1,
        total: 1,
        name: "A",
        ok: true,
    };
    let fields = report_fields(&bulk, &sync_report, &change, &progress);
    for (report, expected) in surface["report_fields"].as_object().expect("an object") {
        let rust: BTreeSet<String> = names(&fields[report]);
        check(&format!("report_fields.{report}"), rust, expected);
    }
    let actions = [
        SyncAction::Create,
        SyncAction::Update,
        SyncAction::Unchanged,
        SyncAction::Delete,
    ];
    check(
        "sync_actions",
        actions.iter().map(|a| a.as_str().to_owned()).collect(),
        &surface["sync_actions"],
    );
    let reasons = [
        WriteReason::New,
        WriteReason::Changed,
        WriteReason::ChangedElsewhere,
        WriteReason::Forced,
        WriteReason::Untracked,
    ];
    check(
        "write_reasons",
        reasons.iter().map(|r| r.as_str().to_owned()).collect(),
        &surface["write_reasons"],
    );
    let visibilities = [Visibility::All, Visibility::Private, Visibility::Selected];
    check(
        "visibilities",
        visibilities.iter().map(|v| v.as_str().to_owned()).collect(),
        &surface["visibilities"],
    );
    check("error_codes", error_codes(), &surface["error_codes"]);
    let auth = auth_sections();
    for section in [
        "github_app",
        "device_flow_options",
        "device_code",
        "device_login",
        "login_failures",
    ] {
        check(section, names(&auth[section]), &surface[section]);
    }
    let fleet = fleet_sections(&client);
    for section in [
        "fleet_operations",
        "plan_options",
        "apply_options",
        "change_actions",
        "change_reasons",
    ] {
        let expected = expected_in_rust(&surface, section);
        check(section, names(&fleet[section]), &expected);
    }
    for (kind, expected) in surface["fleet_fields"].as_object().expect("an object") {
        let rust = names(&fleet["fleet_fields"][kind]);
        check(&format!("fleet_fields.{kind}"), rust, expected);
    }
    // AnyScope, the run-time scope the CLI and bindings use, delegates every operation.
    let _ = AnyScope::from(client.user());
    println!("parity (Rust): {cells} cells checked");
}
