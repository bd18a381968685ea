//! A crate's module tree read from its source files with `syn`: each module's children, the
//! names it defines and its `use` imports. Modules and imports under `#[cfg(test)]` are left
//! out (tests import their parent by design); every other `cfg` is kept, so the graph is the
//! union over all features.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Attribute, Item, UseTree};

/// One `use` import: the path as written and the name it binds (`None`: a glob).
#[derive(Debug, Clone)]
pub struct Import {
    /// The segments as written: `crate`, `self`, `super` or a name first.
    pub path: Vec<String>,
    /// The name the import binds in its module; `None` for `*`.
    pub name: Option<String>,
    /// Where it is written, `file:line`, for the report.
    pub at: String,
}

/// One module of the crate.
#[derive(Debug, Default)]
pub struct Module {
    /// Its path from the crate root, `crate::a::b`.
    pub path: String,
    /// The module it is declared in (`None` for the crate root).
    pub parent: Option<usize>,
    /// Child modules by name.
    pub children: BTreeMap<String, usize>,
    /// Names of the items it defines (types, functions, constants, traits, macros, ...).
    pub items: BTreeSet<String>,
    /// Its `use` imports.
    pub imports: Vec<Import>,
    /// Paths of two or more segments written in its code (`apps::Apps`, `super::fold(x)`),
    /// which depend on another module as much as a `use` does; they bind no name.
    pub references: Vec<Import>,
}

/// Every module of a crate; index 0 is the root.
#[derive(Debug, Default)]
pub struct Tree {
    /// The modules, root first.
    pub modules: Vec<Module>,
}

/// Where a module's source lives and where its `mod x;` children are looked up.
struct Source {
    file: PathBuf,
    child_dir: PathBuf,
}

impl Tree {
    /// Reads the crate whose root file (`src/lib.rs`, `src/main.rs`, `src/bin/x.rs`) is given.
    pub fn read(root: &Path) -> Result<Self, String> {
        let mut tree = Tree::default();
        tree.modules.push(Module {
            path: "crate".to_owned(),
            ..Module::default()
        });
        let items = parse(root)?;
        let dir = root.parent().unwrap_or(Path::new(".")).to_path_buf();
        let source = Source {
            file: root.to_path_buf(),
            child_dir: dir,
        };
        tree.add_items(0, &items, &source)?;
        Ok(tree)
    }

    fn add_items(&mut self, module: usize, items: &[Item], source: &Source) -> Result<(), String> {
        for item in items {
            if is_cfg_test(attributes(item)) {
                continue;
            }
            match item {
                Item::Mod(m) => {
                    let name = m.ident.to_string();
                    let child = self.modules.len();
                    self.modules.push(Module {
                        path: format!("{}::{name}", self.modules[module].path),
                        parent: Some(module),
                        ..Module::default()
                    });
                    self.modules[module].children.insert(name.clone(), child);
                    if let Some((_, content)) = &m.content {
                        let inner = Source {
                            file: source.file.clone(),
                            child_dir: source.child_dir.join(&name),
                        };
                        self.add_items(child, content, &inner)?;
                    } else {
                        let file = module_file(source, &name, &m.attrs)?;
                        let child_dir = child_dir_of(&file);
                        let content = parse(&file)?;
                        self.add_items(child, &content, &Source { file, child_dir })?;
                    }
                }
                Item::Use(u) => {
                    let at = format!("{}:{}", source.file.display(), u.span().start().line);
                    flatten(
                        &u.tree,
                        &mut Vec::new(),
                        &at,
                        &mut self.modules[module].imports,
                    );
                }
                Item::ForeignMod(f) => {
                    for foreign in &f.items {
                        if let Some(name) = foreign_name(foreign) {
                            self.modules[module].items.insert(name);
                        }
                    }
                }
                other => {
                    if let Some(name) = item_name(other) {
                        self.modules[module].items.insert(name);
                    }
                    let mut paths = PathCollector {
                        file: &source.file,
                        found: &mut self.modules[module].references,
                    };
                    paths.visit_item(other);
                }
            }
        }
        Ok(())
    }
}

fn parse(file: &Path) -> Result<Vec<Item>, String> {
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let parsed = syn::parse_file(&text).map_err(|e| {
        let line = e.span().start().line;
        format!("{}:{line}: {e}", file.display())
    })?;
    Ok(parsed.items)
}

/// The file of `mod name;`: its `#[path]` (relative to the declaring file's folder), else
/// `name.rs` or `name/mod.rs` in the declaring module's child folder.
fn module_file(source: &Source, name: &str, attrs: &[Attribute]) -> Result<PathBuf, String> {
    if let Some(path) = path_attribute(attrs) {
        let dir = source.file.parent().unwrap_or(Path::new("."));
        return Ok(dir.join(path));
    }
    let flat = source.child_dir.join(format!("{name}.rs"));
    if flat.is_file() {
        return Ok(flat);
    }
    let nested = source.child_dir.join(name).join("mod.rs");
    if nested.is_file() {
        return Ok(nested);
    }
    Err(format!(
        "{}: `mod {name};` but neither {} nor {} exists",
        source.file.display(),
        flat.display(),
        nested.display()
    ))
}

/// `mod.rs` (and a crate root) keep their children beside them; `a.rs` keeps them in `a/`.
fn child_dir_of(file: &Path) -> PathBuf {
    let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
    match file.file_stem().and_then(|s| s.to_str()) {
        Some("mod") | None => dir,
        Some(stem) => dir.join(stem),
    }
}

fn path_attribute(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| {
        if !attr.path().is_ident("path") {
            return None;
        }
        let syn::Meta::NameValue(nv) = &attr.meta else {
            return None;
        };
        match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        }
    })
}

/// `#[cfg(test)]` exactly (not `cfg(any(test, ...))`, which other builds compile too).
fn is_cfg_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

fn attributes(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

fn item_name(item: &Item) -> Option<String> {
    let ident = match item {
        Item::Const(i) => &i.ident,
        Item::Enum(i) => &i.ident,
        Item::ExternCrate(i) => i.rename.as_ref().map_or(&i.ident, |(_, r)| r),
        Item::Fn(i) => &i.sig.ident,
        Item::Macro(i) => i.ident.as_ref()?,
        Item::Static(i) => &i.ident,
        Item::Struct(i) => &i.ident,
        Item::Trait(i) => &i.ident,
        Item::TraitAlias(i) => &i.ident,
        Item::Type(i) => &i.ident,
        Item::Union(i) => &i.ident,
        _ => return None,
    };
    Some(ident.to_string())
}

fn foreign_name(item: &syn::ForeignItem) -> Option<String> {
    match item {
        syn::ForeignItem::Fn(f) => Some(f.sig.ident.to_string()),
        syn::ForeignItem::Static(s) => Some(s.ident.to_string()),
        syn::ForeignItem::Type(t) => Some(t.ident.to_string()),
        _ => None,
    }
}

/// `use a::{b, c::d as e, f::*}` as one import per leaf.
fn flatten(tree: &UseTree, prefix: &mut Vec<String>, at: &str, out: &mut Vec<Import>) {
    match tree {
        UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten(&p.tree, prefix, at, out);
            prefix.pop();
        }
        UseTree::Name(n) => {
            let name = n.ident.to_string();
            // `use a::b::{self}` imports the module `b` under its own name.
            let (path, bound) = if name == "self" {
                (prefix.clone(), prefix.last().cloned())
            } else {
                let mut path = prefix.clone();
                path.push(name.clone());
                (path, Some(name))
            };
            if let Some(bound) = bound {
                out.push(Import {
                    path,
                    name: Some(bound),
                    at: at.to_owned(),
                });
            }
        }
        UseTree::Rename(r) => {
            let mut path = prefix.clone();
            let name = r.ident.to_string();
            if name != "self" {
                path.push(name);
            }
            out.push(Import {
                path,
                name: Some(r.rename.to_string()).filter(|n| n != "_"),
                at: at.to_owned(),
            });
        }
        UseTree::Glob(_) => out.push(Import {
            path: prefix.clone(),
            name: None,
            at: at.to_owned(),
        }),
        UseTree::Group(g) => {
            for tree in &g.items {
                flatten(tree, prefix, at, out);
            }
        }
    }
}

/// Every path of two or more segments in an item (types, expressions, patterns, trait bounds),
/// except under a `#[cfg(test)]` item; `::std::…` paths are other crates.
struct PathCollector<'a> {
    file: &'a Path,
    found: &'a mut Vec<Import>,
}

impl<'ast> Visit<'ast> for PathCollector<'_> {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() && path.segments.len() > 1 {
            self.found.push(Import {
                path: path.segments.iter().map(|s| s.ident.to_string()).collect(),
                name: None,
                at: format!("{}:{}", self.file.display(), path.span().start().line),
            });
        }
        syn::visit::visit_path(self, path);
    }
    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {
        // A module of its own, read by `Tree::add_items`.
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_cfg_test(&f.attrs) {
            syn::visit::visit_impl_item_fn(self, f);
        }
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_cfg_test(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }
}
