//! `AnyScope` delegates to the typed scopes: same requests, unified models.

use crate::common::*;
use codespaces_secrets::{AnyScope, SetOptions, SetOutcome, Visibility};

#[tokio::test]
async fn every_scope_through_one_type() {
    let emu = emulator();
    let client = client(&emu);
    let scopes: [(AnyScope, _); 3] = [
        (client.user().into(), user_scope(&emu)),
        (client.repo(OWNER, REPO).into(), repo_scope()),
        (client.org(ORG).into(), org_scope()),
    ];
    for (scope, emulated) in &scopes {
        assert_eq!(
            scope
                .set("ANY", "one", SetOptions::default())
                .await
                .unwrap(),
            SetOutcome::Created
        );
        assert_eq!(
            scope
                .set("any", "two", SetOptions::default())
                .await
                .unwrap(),
            SetOutcome::Updated
        );
        assert_eq!(stored(&emu, emulated, "ANY").as_deref(), Some("two"));
        let info = scope.get("ANY").await.unwrap();
        assert_eq!(info.name, "ANY");
        let listed = scope.list().await.unwrap();
        assert_eq!(listed, std::slice::from_ref(&info));
        match scope {
            AnyScope::Repo(_) => {
                assert_eq!(info.visibility, None);
                let err = scope.repositories("ANY").await.unwrap_err();
                assert_eq!(err.code(), "INVALID_INPUT");
            }
            AnyScope::Org(_) => assert_eq!(info.visibility, Some(Visibility::Private)),
            AnyScope::User(_) => {
                assert!(scope.repositories("ANY").await.unwrap().is_empty());
            }
        }
        let report = scope
            .set_many([("B1", "x"), ("B2", "y")], |_| {})
            .await
            .unwrap();
        assert_eq!(report.created.len(), 2);
        scope.delete("ANY").await.unwrap();
        assert_eq!(scope.list().await.unwrap().len(), 2);
    }
}
