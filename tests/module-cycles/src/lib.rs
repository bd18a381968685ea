//! No module of a crate imports a module that imports it back.
//!
//! `module-cycles ROOT...` reads each crate from its root file (`src/lib.rs`, `src/main.rs`),
//! follows every `use` to the module defining what it imports (through re-exports, `super`
//! and globs) and fails on any circle of modules, naming the `use` lines that close it;
//! `--paths` counts the paths written in code (`apps::Apps`) as dependencies too. It
//! replaces `cargo modules dependencies --acyclic`, which has no prebuilt package and took a
//! fresh machine ~8 minutes to build; this is built in seconds from crates the workspace
//! already compiles. Paths a macro makes and `#[cfg(test)]` modules are not followed.

pub mod graph;
pub mod tree;

use graph::{cycles, edges};
use tree::Tree;

/// What one crate's check found.
#[derive(Debug)]
pub struct Report {
    /// Modules read.
    pub modules: usize,
    /// Import edges between two different modules of the crate.
    pub imports: usize,
    /// Each circle: its modules' paths and the `use` lines inside it (`file:line: a -> b`).
    pub cycles: Vec<Cycle>,
}

/// Modules that import each other in a circle.
#[derive(Debug)]
pub struct Cycle {
    /// The modules, `crate::a::b`.
    pub modules: Vec<String>,
    /// The imports between them, `file:line: crate::a -> crate::b`.
    pub imports: Vec<String>,
}

/// Checks the crate whose root file is `root`: its `use` imports, and with `paths` the paths
/// written in its code as well (`child::run()` in a parent whose child imports the parent's
/// helpers is then a cycle too).
pub fn check(root: &std::path::Path, paths: bool) -> Result<Report, String> {
    let tree = Tree::read(root)?;
    let edges = edges(&tree, paths);
    let name = |m: usize| tree.modules[m].path.clone();
    let cycles = cycles(tree.modules.len(), &edges)
        .into_iter()
        .map(|members| Cycle {
            modules: members.iter().map(|&m| name(m)).collect(),
            imports: edges
                .iter()
                .filter(|e| members.contains(&e.from) && members.contains(&e.to))
                .map(|e| format!("{}: {} -> {}", e.at, name(e.from), name(e.to)))
                .collect(),
        })
        .collect();
    Ok(Report {
        modules: tree.modules.len(),
        imports: edges.len(),
        cycles,
    })
}
