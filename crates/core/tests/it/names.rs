//! GitHub's secret-name rules, as property tests.

use std::collections::HashSet;

use codespaces_secrets_core::{Error, NameRule, SecretName};
use proptest::prelude::*;

const VALID: &str = "[A-Za-z_][A-Za-z0-9_]{0,40}";

fn is_reserved(name: &str) -> bool {
    name.len() >= 7 && name[..7].eq_ignore_ascii_case("GITHUB_")
}

proptest! {
    #[test]
    fn names_of_allowed_characters_are_accepted(name in VALID) {
        prop_assume!(!is_reserved(&name));
        let parsed = SecretName::new(name.clone()).expect("valid");
        prop_assert_eq!(parsed.as_str(), name.as_str());
        prop_assert_eq!(parsed.canonical(), name.to_ascii_uppercase());
    }

    #[test]
    fn equality_and_hashing_ignore_case(name in VALID, flips in prop::collection::vec(any::<bool>(), 41)) {
        prop_assume!(!is_reserved(&name));
        let other: String = name.chars().zip(flips).map(|(c, flip)| {
            if flip { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }
        }).collect();
        let a = SecretName::new(name).expect("valid");
        let b = SecretName::new(other).expect("valid");
        prop_assert_eq!(&a, &b);
        let set: HashSet<SecretName> = [a, b].into_iter().collect();
        prop_assert_eq!(set.len(), 1);
    }

    #[test]
    fn different_names_are_different(a in VALID, b in VALID) {
        prop_assume!(!is_reserved(&a) && !is_reserved(&b));
        prop_assume!(!a.eq_ignore_ascii_case(&b));
        prop_assert_ne!(SecretName::new(a).expect("valid"), SecretName::new(b).expect("valid"));
    }

    #[test]
    fn a_leading_digit_is_refused(digit in "[0-9]", rest in "[A-Za-z0-9_]{0,20}") {
        let err = SecretName::new(format!("{digit}{rest}")).unwrap_err();
        let digit_rule = matches!(err, Error::InvalidName { rule: NameRule::StartsWithDigit, .. });
        prop_assert!(digit_rule, "{:?}", err);
    }

    #[test]
    fn the_github_prefix_is_refused_in_any_case(prefix in "[gG][iI][tT][hH][uU][bB]_", rest in "[A-Za-z0-9_]{0,20}") {
        let err = SecretName::new(format!("{prefix}{rest}")).unwrap_err();
        let reserved = matches!(err, Error::InvalidName { rule: NameRule::ReservedPrefix, .. });
        prop_assert!(reserved, "{:?}", err);
    }

    #[test]
    fn any_other_character_is_refused(
        head in "[A-Za-z_]{1,5}",
        bad in any::<char>().prop_filter("not allowed", |c| !(c.is_ascii_alphanumeric() || *c == '_')),
        tail in "[A-Za-z0-9_]{0,5}",
    ) {
        let err = SecretName::new(format!("{head}{bad}{tail}")).unwrap_err();
        let at = head.len();
        prop_assert_eq!(err, Error::InvalidName {
            name: format!("{head}{bad}{tail}"),
            rule: NameRule::InvalidCharacter { found: bad, at },
        });
    }
}

#[test]
fn edge_cases_have_clear_messages() {
    let cases = [
        ("", "invalid secret name \"\": it is empty"),
        (
            "9LIVES",
            "invalid secret name \"9LIVES\": it starts with a digit",
        ),
        (
            "GITHUB_TOKEN",
            "invalid secret name \"GITHUB_TOKEN\": names starting with GITHUB_ are reserved",
        ),
        (
            "github_x",
            "invalid secret name \"github_x\": names starting with GITHUB_ are reserved",
        ),
        (
            "MY-NAME",
            "invalid secret name \"MY-NAME\": it contains '-' at byte 2; only letters, digits and '_' are allowed",
        ),
        (
            "ÉTÉ",
            "invalid secret name \"ÉTÉ\": it contains 'É' at byte 0; only letters, digits and '_' are allowed",
        ),
    ];
    for (name, message) in cases {
        assert_eq!(SecretName::new(name).unwrap_err().to_string(), message);
    }
    // Merely containing GITHUB (not as a prefix), or GITHUB without the underscore, is fine.
    for ok in ["MY_GITHUB_TOKEN", "GITHUB", "GITHUBX", "_GITHUB_", "a"] {
        SecretName::new(ok).expect(ok);
    }
}

#[test]
fn names_deserialize_only_when_valid() {
    let ok: SecretName = serde_json::from_str("\"db_url\"").expect("valid");
    assert_eq!(ok, SecretName::new("DB_URL").expect("valid"));
    assert!(serde_json::from_str::<SecretName>("\"GITHUB_X\"").is_err());
}
