//! `module-cycles [--paths] ROOT...`: fails (exit 1) if any crate has a circle of module
//! imports (with `--paths`, of module dependencies through paths written in code too).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut roots: Vec<String> = std::env::args().skip(1).collect();
    let before = roots.len();
    roots.retain(|arg| arg != "--paths");
    let paths = roots.len() != before;
    if roots.is_empty() || roots.iter().any(|r| r.starts_with('-')) {
        eprintln!(
            "usage: module-cycles [--paths] CRATE-ROOT-FILE...   (e.g. crates/client/src/lib.rs)"
        );
        return ExitCode::from(2);
    }
    let mut clean = true;
    for root in &roots {
        match codespaces_secrets_module_cycles::check(Path::new(root), paths) {
            Ok(report) if report.cycles.is_empty() => println!(
                "{root}: {} modules, {} imports between them, no cycle",
                report.modules, report.imports
            ),
            Ok(report) => {
                clean = false;
                for cycle in report.cycles {
                    println!("{root}: a module cycle: {}", cycle.modules.join(", "));
                    for import in cycle.imports {
                        println!("  {import}");
                    }
                }
            }
            Err(error) => {
                eprintln!("module-cycles: {error}");
                return ExitCode::from(2);
            }
        }
    }
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
