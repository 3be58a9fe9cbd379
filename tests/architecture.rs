//! The module map holds by construction, checked from the source: every
//! `use` and every qualified path in `src/` is resolved to the file that
//! defines what it names; an edge may point only to its own layer or one
//! below, and the graph of files has no cycle, sibling `super::` imports
//! included. The tests at the bottom build small trees with a cycle and an
//! upward import and see the checker fail on them, so a pass means
//! something.
//!
//! A re-export (`pub use child::Item` in a `mod.rs`) routes a path to the
//! file that defines the item; it is a dependency of the re-exporting file
//! only when that file's own code names the item too. A private `use` is
//! always a dependency: `-D warnings` rejects unused imports.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;

/// grantctl's layers, lowest first: each top-level module's layer. The
/// crate root (`lib.rs`) and `main.rs` sit above them all.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "primitives",
        &[
            "currency", "excerpt", "money", "sections", "suggest", "swar", "yaml",
        ],
    ),
    ("model", &["diagnostic", "proposal", "rubric"]),
    ("checks", &["budget", "policy"]),
    ("analysis", &["analysis", "reviews", "shortlist"]),
    ("output", &["output"]),
    ("app", &["app", "cli"]),
];

#[test]
fn every_import_points_down_and_no_file_imports_itself_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = check(&src, LAYERS);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// No file in `src/` holds more than one idea's worth: 600 lines (issue 14),
/// so a file that grows past it is split rather than noticed late.
#[test]
fn no_file_in_src_is_over_600_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = rust_files(&src)
        .into_iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(src.join(&file))
                .ok()?
                .lines()
                .count();
            (lines > 600).then(|| format!("{file}: {lines} lines"))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

/// Every problem with the module graph under `src`, worded for a reader.
fn check(src: &Path, layers: &[(&str, &[&str])]) -> Vec<String> {
    let crate_ = match Crate::read(src) {
        Ok(crate_) => crate_,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    let layer = |m: usize| crate_.layer(m, layers);
    for (m, module) in crate_.modules.iter().enumerate() {
        if layer(m).is_none() {
            problems.push(format!(
                "`{}` is in no layer: add its top-level module to LAYERS",
                module.file
            ));
        }
    }
    let edges = crate_.edges();
    for &(from, to) in edges.keys() {
        if let (Some(a), Some(b)) = (layer(from), layer(to))
            && b > a
        {
            problems.push(format!(
                "`{}` ({}) imports from `{}` ({}), a layer above it",
                crate_.modules[from].file,
                layer_name(a, layers),
                crate_.modules[to].file,
                layer_name(b, layers),
            ));
        }
    }
    for cycle in cycles(crate_.modules.len(), &edges) {
        let file = |m: usize| crate_.modules[m].file.as_str();
        let files: Vec<_> = cycle.iter().map(|&m| file(m)).collect();
        let mut why = Vec::new();
        for (&(from, to), path) in &edges {
            if cycle.contains(&from) && cycle.contains(&to) {
                why.push(format!("  {} -> {} (`{path}`)", file(from), file(to)));
            }
        }
        problems.push(format!(
            "import cycle between {}\n{}",
            files.join(", "),
            why.join("\n")
        ));
    }
    problems
}

fn layer_name<'a>(layer: usize, layers: &[(&'a str, &[&str])]) -> &'a str {
    layers.get(layer).map_or("crate root", |(name, _)| name)
}

/// One file-backed module.
struct Module {
    /// Relative to `src/`, e.g. `budget/mod.rs`.
    file: String,
    /// Module path from the crate root; empty for `lib.rs` and `main.rs`.
    path: Vec<String>,
    parent: Option<usize>,
    children: BTreeMap<String, usize>,
    /// Names of items defined at the file's top level.
    items: BTreeSet<String>,
    imports: Vec<Import>,
    /// The source with comments and literals blanked, positions kept.
    code: String,
    /// Byte ranges of the `use` statements in `code`.
    uses: Vec<(usize, usize)>,
    /// Byte ranges of inline `mod name { ... }` blocks.
    inline: Vec<(usize, usize)>,
}

/// One leaf of a `use` tree.
struct Import {
    /// The name it binds; `None` for a glob.
    local: Option<String>,
    path: Vec<String>,
    public: bool,
    /// How many inline modules enclose it (`mod tests { use super::*; }`).
    depth: usize,
}

/// What a path names: a module, or an item defined in a module's file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Module(usize),
    Item(usize),
}

impl Target {
    fn module(self) -> usize {
        match self {
            Target::Module(m) | Target::Item(m) => m,
        }
    }
}

struct Crate {
    modules: Vec<Module>,
    root: usize,
    main: Option<usize>,
}

impl Crate {
    /// Reads the module tree declared from `lib.rs` (and `main.rs`). `Err`
    /// when a file under `src` is not part of it, since it would go
    /// unchecked.
    fn read(src: &Path) -> Result<Crate, String> {
        let mut crate_ = Crate {
            modules: Vec::new(),
            root: 0,
            main: None,
        };
        crate_.root = crate_.load(src, "lib.rs", Vec::new(), None)?;
        if src.join("main.rs").exists() {
            crate_.main = Some(crate_.load(src, "main.rs", Vec::new(), None)?);
        }
        let known: BTreeSet<_> = crate_.modules.iter().map(|m| m.file.clone()).collect();
        for file in rust_files(src) {
            if !known.contains(&file) {
                return Err(format!("`{file}` is not declared by any module"));
            }
        }
        Ok(crate_)
    }

    fn load(
        &mut self,
        src: &Path,
        file: &str,
        path: Vec<String>,
        parent: Option<usize>,
    ) -> Result<usize, String> {
        let text = fs::read_to_string(src.join(file)).map_err(|e| format!("`{file}`: {e}"))?;
        let code = blank(&text);
        let inline = inline_modules(&code);
        let (uses, imports) = use_statements(&code, &inline);
        let index = self.modules.len();
        self.modules.push(Module {
            file: file.to_string(),
            path: path.clone(),
            parent,
            children: BTreeMap::new(),
            items: top_level_items(&code),
            imports,
            code,
            uses,
            inline,
        });
        let dir = match Path::new(file).file_name().and_then(|n| n.to_str()) {
            Some("lib.rs" | "main.rs" | "mod.rs") => parent_dir(file),
            _ => file.trim_end_matches(".rs").to_string(),
        };
        for child in declared_modules(&self.modules[index].code) {
            let flat = join(&dir, &format!("{child}.rs"));
            let nested = join(&dir, &format!("{child}/mod.rs"));
            let child_file = if src.join(&flat).exists() {
                flat
            } else if src.join(&nested).exists() {
                nested
            } else {
                return Err(format!(
                    "`{file}` declares `mod {child};` but no file holds it"
                ));
            };
            let mut child_path = path.clone();
            child_path.push(child.clone());
            let c = self.load(src, &child_file, child_path, Some(index))?;
            self.modules[index].children.insert(child, c);
        }
        Ok(index)
    }

    fn layer(&self, m: usize, layers: &[(&str, &[&str])]) -> Option<usize> {
        let Some(top) = self.modules[m].path.first() else {
            // The crate root and main sit above every layer.
            return Some(layers.len());
        };
        layers
            .iter()
            .position(|(_, modules)| modules.contains(&top.as_str()))
    }

    /// Every dependency between two different files, as (from, to), with
    /// the first path that makes it.
    fn edges(&self) -> BTreeMap<(usize, usize), String> {
        let mut edges = BTreeMap::new();
        for (m, module) in self.modules.iter().enumerate() {
            let mut add = |target: Option<Target>, path: &[String]| {
                if let Some(target) = target
                    && target.module() != m
                {
                    edges
                        .entry((m, target.module()))
                        .or_insert_with(|| path.join("::"));
                }
            };
            for import in &module.imports {
                let used = match (&import.local, import.public) {
                    (_, false) | (None, true) => true,
                    (Some(name), true) => names(module, name),
                };
                if used {
                    add(self.resolve(m, &import.path, import.depth, 0), &import.path);
                }
            }
            for (at, path) in qualified_paths(module) {
                let depth = depth_at(&module.inline, at);
                add(self.resolve(m, &path, depth, 0), &path);
            }
        }
        edges
    }

    /// What `path`, written in module `from` inside `depth` inline modules,
    /// names. `None` for paths into other crates.
    fn resolve(&self, from: usize, path: &[String], depth: usize, hops: usize) -> Option<Target> {
        if hops > 32 {
            return None;
        }
        let first = path.first()?.as_str();
        let (start, rest) = match first {
            "crate" => (self.root, &path[1..]),
            "grantctl" if Some(from) == self.main => (self.root, &path[1..]),
            "self" => (from, &path[1..]),
            "super" => {
                let mut m = from;
                let mut depth = depth;
                let mut i = 0;
                while path.get(i).is_some_and(|s| s == "super") {
                    if depth > 0 {
                        depth -= 1;
                    } else {
                        m = self.modules[m].parent?;
                    }
                    i += 1;
                }
                (m, &path[i..])
            }
            name => match self.lookup(from, name, hops)? {
                Target::Module(m) => (m, &path[1..]),
                item => return Some(item),
            },
        };
        self.walk(start, rest, hops)
    }

    fn walk(&self, mut m: usize, rest: &[String], hops: usize) -> Option<Target> {
        for segment in rest {
            if segment == "self" || segment == "*" {
                return Some(Target::Module(m));
            }
            match self.lookup(m, segment, hops) {
                Some(Target::Module(c)) => m = c,
                Some(item) => return Some(item),
                // An item the scan does not see (a macro's, an enum's
                // variant): it is in this module's file.
                None => return Some(Target::Item(m)),
            }
        }
        Some(Target::Module(m))
    }

    /// What `name` means at the top level of module `m`: a child module, an
    /// item defined there, or what an import there binds it to.
    fn lookup(&self, m: usize, name: &str, hops: usize) -> Option<Target> {
        let module = &self.modules[m];
        if let Some(&c) = module.children.get(name) {
            return Some(Target::Module(c));
        }
        if module.items.contains(name) {
            return Some(Target::Item(m));
        }
        let top = module.imports.iter().filter(|i| i.depth == 0);
        for import in top.clone() {
            if import.local.as_deref() == Some(name) {
                return self.resolve(m, &import.path, 0, hops + 1);
            }
        }
        for import in top.filter(|i| i.local.is_none()) {
            if let Some(Target::Module(g)) = self.resolve(m, &import.path, 0, hops + 1)
                && let found @ Some(_) = self.lookup(g, name, hops + 1)
            {
                return found;
            }
        }
        None
    }
}

/// Whether `module`'s code, outside its `use` statements, names `name`.
fn names(module: &Module, name: &str) -> bool {
    let word = Regex::new(&format!(r"\b{}\b", regex::escape(name))).unwrap();
    word.find_iter(&module.code).any(|m| {
        !module
            .uses
            .iter()
            .any(|&(a, b)| a <= m.start() && m.start() < b)
    })
}

/// Paths like `crate::a::B`, `super::c::d()` or `alias::e` in code, outside
/// `use` statements, with their byte offsets. Paths starting with a name
/// this file does not bind are another crate's and resolve to nothing.
fn qualified_paths(module: &Module) -> Vec<(usize, Vec<String>)> {
    let path = Regex::new(r"\b[A-Za-z_][A-Za-z0-9_]*(?:\s*::\s*[A-Za-z_][A-Za-z0-9_]*)+").unwrap();
    let mut found = Vec::new();
    for m in path.find_iter(&module.code) {
        let start = m.start();
        if module.uses.iter().any(|&(a, b)| a <= start && start < b) {
            continue;
        }
        // `x::y` straight after `::` is the tail of a longer path.
        if module.code[..start].trim_end().ends_with("::") {
            continue;
        }
        let segments = m
            .as_str()
            .split("::")
            .map(|s| s.trim().to_string())
            .collect();
        found.push((start, segments));
    }
    found
}

/// `text` with comments, string and character literals replaced by spaces,
/// so the scans below see only code, at the same byte offsets.
fn blank(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let wipe = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"//") {
            let end = find(bytes, i, b"\n").unwrap_or(bytes.len());
            wipe(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let mut nesting = 0;
            let mut j = i;
            while j < bytes.len() {
                if bytes[j..].starts_with(b"/*") {
                    nesting += 1;
                    j += 2;
                } else if bytes[j..].starts_with(b"*/") {
                    nesting -= 1;
                    j += 2;
                    if nesting == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            wipe(&mut out, i, j);
            i = j;
        } else if (rest.starts_with(b"r\"") || rest.starts_with(b"r#") || rest.starts_with(b"br"))
            && (i == 0 || !ident(bytes[i - 1]))
        {
            let open = i + usize::from(rest[0] == b'b') + 1;
            let hashes = bytes[open..].iter().take_while(|&&b| b == b'#').count();
            if bytes.get(open + hashes) != Some(&b'"') {
                i += 1;
                continue;
            }
            let mut close = b"\"".to_vec();
            close.extend(std::iter::repeat_n(b'#', hashes));
            let end =
                find(bytes, open + hashes + 1, &close).map_or(bytes.len(), |e| e + close.len());
            wipe(&mut out, i, end);
            i = end;
        } else if rest[0] == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(bytes.len());
            wipe(&mut out, i, end);
            i = end;
        } else if rest[0] == b'\'' {
            // A character literal, or a lifetime (left alone).
            let end = if rest.get(1) == Some(&b'\\') {
                find(bytes, i + 2, b"'").map(|e| e + 1)
            } else {
                let width = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                (bytes.get(i + 1 + width) == Some(&b'\'')).then_some(i + 2 + width)
            };
            match end {
                Some(end) => {
                    wipe(&mut out, i, end);
                    i = end;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).expect("only ASCII bytes were replaced, whole characters at a time")
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The spans of inline `mod name { ... }` blocks.
fn inline_modules(code: &str) -> Vec<(usize, usize)> {
    let open = Regex::new(r"\bmod\s+[A-Za-z_][A-Za-z0-9_]*\s*\{").unwrap();
    open.find_iter(code)
        .map(|m| (m.start(), matching_brace(code, m.end() - 1)))
        .collect()
}

fn matching_brace(code: &str, open: usize) -> usize {
    let mut depth = 0usize;
    for (i, b) in code.bytes().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

fn depth_at(inline: &[(usize, usize)], at: usize) -> usize {
    inline.iter().filter(|&&(a, b)| a <= at && at < b).count()
}

/// Every `use` statement: its span, and its leaves.
fn use_statements(code: &str, inline: &[(usize, usize)]) -> (Vec<(usize, usize)>, Vec<Import>) {
    let start = Regex::new(r"(?m)^\s*(pub(?:\s*\([^)]*\))?\s+)?use\s+").unwrap();
    let mut spans = Vec::new();
    let mut imports = Vec::new();
    for m in start.captures_iter(code) {
        let whole = m.get(0).unwrap();
        let end = code[whole.end()..]
            .find(';')
            .map_or(code.len(), |e| whole.end() + e);
        spans.push((whole.start(), end));
        let tree: String = code[whole.end()..end]
            .chars()
            .filter(|c| !c.is_whitespace() || *c == ' ')
            .collect();
        let depth = depth_at(inline, whole.start());
        let public = m.get(1).is_some();
        for (path, local) in expand(&tree, &[]) {
            imports.push(Import {
                local,
                path,
                public,
                depth,
            });
        }
    }
    (spans, imports)
}

/// The leaves of a use tree such as `a::{self, b::C as D, e::*}`, as
/// (full path, name bound).
fn expand(tree: &str, prefix: &[String]) -> Vec<(Vec<String>, Option<String>)> {
    let tree = tree.trim().trim_start_matches("::");
    let mut leaves = Vec::new();
    if let Some(open) = tree.find('{') {
        let mut base = prefix.to_vec();
        base.extend(segments(&tree[..open]));
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        for part in split_top_level(inner) {
            leaves.extend(expand(part, &base));
        }
        return leaves;
    }
    let (path, alias) = match tree.split_once(" as ") {
        Some((path, alias)) => (path, Some(alias.trim().to_string())),
        None => (tree, None),
    };
    let mut full = prefix.to_vec();
    full.extend(segments(path));
    let Some(last) = full.last().cloned() else {
        return leaves;
    };
    let local = match (alias, last.as_str()) {
        (Some(alias), _) => Some(alias),
        (None, "*") => None,
        (None, "self") => full.iter().rev().nth(1).cloned(),
        (None, _) => Some(last),
    };
    if local.as_deref() != Some("_") {
        leaves.push((full, local));
    }
    leaves
}

fn segments(path: &str) -> Vec<String> {
    path.split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn split_top_level(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut from = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[from..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// Names of items defined outside any block: functions, types, constants,
/// statics, traits, macros and inline modules.
fn top_level_items(code: &str) -> BTreeSet<String> {
    let item = Regex::new(
        r"^(?:pub(?:\s*\([^)]*\))?\s+)?(?:const\s+|async\s+|unsafe\s+)*(?:fn|struct|enum|trait|type|const|static|union|mod|macro_rules!)\s+([A-Za-z_][A-Za-z0-9_]*)",
    )
    .unwrap();
    let mut items = BTreeSet::new();
    let mut depth = 0usize;
    let mut line_start = true;
    for (i, b) in code.bytes().enumerate() {
        if line_start
            && depth == 0
            && let Some(c) = item.captures(code[i..].trim_start_matches([' ', '\t']))
        {
            items.insert(c[1].to_string());
        }
        line_start = b == b'\n';
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    items
}

/// `mod name;` declarations (file-backed children).
fn declared_modules(code: &str) -> Vec<String> {
    let declared = Regex::new(r"\bmod\s+([A-Za-z_][A-Za-z0-9_]*)\s*;").unwrap();
    declared
        .captures_iter(code)
        .map(|c| c[1].to_string())
        .collect()
}

fn rust_files(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::from(src)];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src).unwrap();
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files
}

fn parent_dir(file: &str) -> String {
    match file.rsplit_once('/') {
        Some((dir, _)) => dir.to_string(),
        None => String::new(),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The strongly connected components with more than one file (Tarjan),
/// each sorted, in a stable order.
fn cycles(count: usize, edges: &BTreeMap<(usize, usize), String>) -> Vec<Vec<usize>> {
    struct Tarjan<'a> {
        next: Vec<Vec<usize>>,
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        counter: usize,
        found: &'a mut Vec<Vec<usize>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.counter);
            self.low[v] = self.counter;
            self.counter += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for w in self.next[v].clone() {
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(i) if self.on_stack[w] => self.low[v] = self.low[v].min(i),
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
    let mut next = vec![Vec::new(); count];
    for &(a, b) in edges.keys() {
        next[a].push(b);
    }
    let mut found = Vec::new();
    let mut tarjan = Tarjan {
        next,
        index: vec![None; count],
        low: vec![0; count],
        on_stack: vec![false; count],
        stack: Vec::new(),
        counter: 0,
        found: &mut found,
    };
    for v in 0..count {
        if tarjan.index[v].is_none() {
            tarjan.visit(v);
        }
    }
    found.sort();
    found
}

/// The checker on made-up trees: it must fail where the real crate must not.
mod checker {
    use super::*;

    const TWO: &[(&str, &[&str])] = &[("low", &["a", "shared"]), ("high", &["b"])];

    fn tree(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let problems = check(dir.path(), TWO);
        (dir, problems)
    }

    #[track_caller]
    fn case(files: &[(&str, &str)], expected: &[&str]) {
        let (_dir, problems) = tree(files);
        assert_eq!(problems, expected);
    }

    #[test]
    fn siblings_importing_each_other_through_super_are_a_cycle() {
        case(
            &[
                ("lib.rs", "mod a;\n"),
                ("a/mod.rs", "mod x;\nmod y;\n"),
                ("a/x.rs", "use super::y::Y;\npub struct X(Y);\n"),
                (
                    "a/y.rs",
                    "pub struct Y;\nfn f() -> super::x::X { todo!() }\n",
                ),
            ],
            &["import cycle between a/x.rs, a/y.rs\n  \
                a/x.rs -> a/y.rs (`super::y::Y`)\n  \
                a/y.rs -> a/x.rs (`super::x::X`)"],
        );
    }

    #[test]
    fn a_cycle_through_a_re_export_is_found_at_the_defining_file() {
        case(
            &[
                ("lib.rs", "mod a;\nmod shared;\n"),
                ("a/mod.rs", "mod x;\npub use x::X;\n"),
                ("a/x.rs", "use crate::shared::S;\npub struct X(S);\n"),
                (
                    "shared.rs",
                    "use crate::a::X;\npub struct S;\nfn f(_: X) {}\n",
                ),
            ],
            &["import cycle between a/x.rs, shared.rs\n  \
                a/x.rs -> shared.rs (`crate::shared::S`)\n  \
                shared.rs -> a/x.rs (`crate::a::X`)"],
        );
    }

    #[test]
    fn a_parent_that_only_re_exports_its_child_is_no_cycle() {
        case(
            &[
                ("lib.rs", "mod a;\n"),
                ("a/mod.rs", "mod x;\npub use x::X;\npub struct Rule;\n"),
                ("a/x.rs", "use super::Rule;\npub struct X(Rule);\n"),
            ],
            &[],
        );
    }

    #[test]
    fn a_parent_whose_code_uses_its_child_that_uses_it_is_a_cycle() {
        case(
            &[
                ("lib.rs", "mod a;\n"),
                (
                    "a/mod.rs",
                    "mod x;\npub use x::X;\npub struct Rule;\nfn f(_: X) {}\n",
                ),
                ("a/x.rs", "use super::Rule;\npub struct X(Rule);\n"),
            ],
            &["import cycle between a/mod.rs, a/x.rs\n  \
                a/mod.rs -> a/x.rs (`x::X`)\n  \
                a/x.rs -> a/mod.rs (`super::Rule`)"],
        );
    }

    #[test]
    fn an_import_from_a_higher_layer_is_reported() {
        case(
            &[
                ("lib.rs", "mod a;\nmod b;\n"),
                ("a.rs", "pub fn f() { crate::b::g(); }\n"),
                ("b.rs", "pub fn g() {}\n"),
            ],
            &["`a.rs` (low) imports from `b.rs` (high), a layer above it"],
        );
    }

    #[test]
    fn an_alias_qualified_call_is_an_edge() {
        case(
            &[
                ("lib.rs", "mod a;\nmod b;\n"),
                ("a.rs", "use crate::b;\npub fn f() { b::g(); }\n"),
                ("b.rs", "pub fn g() {}\n"),
            ],
            &["`a.rs` (low) imports from `b.rs` (high), a layer above it"],
        );
    }

    #[test]
    fn paths_in_comments_and_strings_are_not_imports() {
        case(
            &[
                ("lib.rs", "mod a;\nmod b;\n"),
                (
                    "a.rs",
                    "// crate::b::g()\npub fn f() -> &'static str { \"crate::b::g\" }\n",
                ),
                ("b.rs", "pub fn g() {}\n"),
            ],
            &[],
        );
    }

    #[test]
    fn test_modules_using_super_star_are_not_edges_to_themselves_or_parents() {
        case(
            &[
                ("lib.rs", "mod a;\n"),
                ("a/mod.rs", "mod x;\npub struct A;\nfn f(_: x::X) {}\n"),
                (
                    "a/x.rs",
                    "pub struct X;\n#[cfg(test)]\nmod tests {\n    use super::*;\n    fn t(_: X) {}\n}\n",
                ),
            ],
            &[],
        );
    }

    #[test]
    fn a_module_outside_every_layer_and_an_undeclared_file_are_reported() {
        case(
            &[("lib.rs", "mod c;\n"), ("c.rs", "")],
            &["`c.rs` is in no layer: add its top-level module to LAYERS"],
        );
        case(
            &[("lib.rs", ""), ("stray.rs", "")],
            &["`stray.rs` is not declared by any module"],
        );
    }
}
