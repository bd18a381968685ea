//! The check on small crates written to have, or not have, a circle of imports.

use std::path::PathBuf;

use codespaces_secrets_module_cycles::check;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}/src/lib.rs"))
}

#[test]
fn imports_through_a_parents_re_exports_are_no_cycle() {
    let report = check(&fixture("layered"), false).expect("the fixture parses");
    assert!(report.cycles.is_empty(), "{:?}", report.cycles);
    // crate -> fleet::plan and crate -> fleet::apply (through fleet's re-export), fleet ->
    // fleet::plan, apply -> plan (`Plan` via super), apply -> other (`self` and `Helper` on one
    // line: one edge); std is another crate, and the test module's imports are not read.
    assert_eq!(report.modules, 5);
    assert_eq!(report.imports, 5, "{report:?}");
}

#[test]
fn two_modules_importing_each_other_are_reported_with_their_lines() {
    let report = check(&fixture("cyclic"), false).expect("the fixture parses");
    let modules: Vec<_> = report.cycles.iter().map(|c| c.modules.join(" ")).collect();
    assert_eq!(
        modules,
        ["crate::state crate::state::apps", "crate::a crate::b"]
    );
    let ab = &report.cycles[1].imports;
    assert!(
        ab.iter()
            .any(|i| i.ends_with("a.rs:1: crate::a -> crate::b")),
        "{ab:?}"
    );
    assert!(
        ab.iter()
            .any(|i| i.ends_with("b.rs:1: crate::b -> crate::a")),
        "{ab:?}"
    );
    let state = &report.cycles[0].imports;
    assert!(
        state
            .iter()
            .any(|i| i.ends_with("apps.rs:1: crate::state::apps -> crate::state")),
        "{state:?}"
    );
    assert!(
        state
            .iter()
            .any(|i| i.ends_with("mod.rs:2: crate::state -> crate::state::apps")),
        "{state:?}"
    );
}

#[test]
fn a_missing_module_file_is_an_error_naming_it() {
    let dir = std::env::temp_dir().join(format!("module-cycles-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("lib.rs"), "mod gone;\n").expect("write");
    let error = check(&dir.join("lib.rs"), false).expect_err("no gone.rs");
    assert!(
        error.contains("mod gone;") && error.contains("gone.rs"),
        "{error}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_dispatcher_calling_its_children_is_a_cycle_only_when_paths_count() {
    let imports = check(&fixture("dispatch"), false).expect("the fixture parses");
    assert!(imports.cycles.is_empty(), "{:?}", imports.cycles);
    let paths = check(&fixture("dispatch"), true).expect("the fixture parses");
    assert_eq!(paths.cycles.len(), 1, "{paths:?}");
    let imports = &paths.cycles[0].imports;
    assert!(
        imports
            .iter()
            .any(|i| i.ends_with("mod.rs:4: crate::commands -> crate::commands::get")),
        "{imports:?}"
    );
}
