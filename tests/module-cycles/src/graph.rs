//! Which module each `use` really reaches: a path is followed through child modules, `super`,
//! re-exports and globs to the module that *defines* the item, so a parent that re-exports its
//! children is not taken for a dependency of the child that imports through it. An import
//! (and, when asked, a path written in code, `apps::Apps`) is an edge from its module to that
//! defining module; the cycles are the strongly connected
//! components of more than one module.

use std::collections::BTreeSet;

use crate::tree::{Import, Tree};

/// What a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Res {
    /// A module itself.
    Module(usize),
    /// An item defined in this module (or something under it: a variant, an associated item,
    /// an item a macro makes).
    Item(usize),
    /// Something outside the crate.
    External,
}

/// Re-exports chain through a few modules at most; this bounds a path that names itself.
const MAX_DEPTH: usize = 32;

/// One import edge: from a module to the module defining what it imports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The importing module.
    pub from: usize,
    /// The module defining the item.
    pub to: usize,
    /// Where the `use` is written.
    pub at: String,
}

/// The import edges of a crate, one per `use` leaf that reaches another module of it, and with
/// `paths` one per path written in code too.
pub fn edges(tree: &Tree, paths: bool) -> Vec<Edge> {
    let mut out = BTreeSet::new();
    for (from, module) in tree.modules.iter().enumerate() {
        let references = if paths { &module.references[..] } else { &[] };
        for import in module.imports.iter().chain(references) {
            let to = match resolve_path(tree, from, &import.path, 0) {
                Res::Module(m) | Res::Item(m) => m,
                Res::External => continue,
            };
            if to != from {
                out.insert(Edge {
                    from,
                    to,
                    at: import.at.clone(),
                });
            }
        }
    }
    out.into_iter().collect()
}

/// The groups of modules that import each other in a circle (Tarjan's strongly connected
/// components with more than one module), each sorted.
pub fn cycles(modules: usize, edges: &[Edge]) -> Vec<Vec<usize>> {
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); modules];
    for edge in edges {
        next[edge.from].push(edge.to);
    }
    let mut tarjan = Tarjan {
        next: &next,
        index: vec![None; modules],
        low: vec![0; modules],
        on_stack: vec![false; modules],
        stack: Vec::new(),
        counter: 0,
        found: Vec::new(),
    };
    for v in 0..modules {
        if tarjan.index[v].is_none() {
            tarjan.visit(v);
        }
    }
    tarjan.found
}

struct Tarjan<'a> {
    next: &'a [Vec<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    counter: usize,
    found: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.counter);
        self.low[v] = self.counter;
        self.counter += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        for &w in self.next[v].iter() {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(index) if self.on_stack[w] => self.low[v] = self.low[v].min(index),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut component = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort_unstable();
                self.found.push(component);
            }
        }
    }
}

/// What `path`, written in module `from`, names.
fn resolve_path(tree: &Tree, from: usize, path: &[String], depth: usize) -> Res {
    if depth > MAX_DEPTH {
        return Res::Item(from);
    }
    let Some((first, rest)) = path.split_first() else {
        return Res::Module(from);
    };
    let mut at = match first.as_str() {
        "crate" => Res::Module(0),
        "self" => Res::Module(from),
        "super" => Res::Module(tree.modules[from].parent.unwrap_or(0)),
        // `std::…`, `serde::…`: anything not named in the module is another crate.
        name => match lookup(tree, from, name, depth + 1) {
            Some(res) => res,
            None => return Res::External,
        },
    };
    for segment in rest {
        at = match at {
            Res::Module(m) if segment == "super" => {
                Res::Module(tree.modules[m].parent.unwrap_or(0))
            }
            Res::Module(m) if segment == "self" => Res::Module(m),
            // Not found: an item a macro defines, say; the nearest module is what is known.
            Res::Module(m) => lookup(tree, m, segment, depth + 1).unwrap_or(Res::Item(m)),
            Res::Item(_) | Res::External => return at,
        };
    }
    at
}

/// What `name` means inside module `module`: a child, an item it defines, a name it imports
/// (followed), or a name one of its globs brings.
fn lookup(tree: &Tree, module: usize, name: &str, depth: usize) -> Option<Res> {
    if depth > MAX_DEPTH {
        return None;
    }
    let m = &tree.modules[module];
    if let Some(&child) = m.children.get(name) {
        return Some(Res::Module(child));
    }
    if m.items.contains(name) {
        return Some(Res::Item(module));
    }
    let named = |i: &&Import| i.name.as_deref() == Some(name);
    if let Some(import) = m.imports.iter().find(named) {
        return Some(resolve_path(tree, module, &import.path, depth + 1));
    }
    m.imports
        .iter()
        .filter(|i| i.name.is_none())
        .find_map(
            |glob| match resolve_path(tree, module, &glob.path, depth + 1) {
                Res::Module(source) if source != module => lookup(tree, source, name, depth + 1),
                _ => None,
            },
        )
}
