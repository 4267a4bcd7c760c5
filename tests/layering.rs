//! The engine's layers (ARCHITECTURE.md, « Layers »), checked on the source itself so that a
//! `use` running up the layers fails here rather than in a review:
//!
//! - `text`, `model`: plain data and text helpers; they import nothing of the engine but each
//!   other;
//! - `referentials`, `demo`: data and generators over the model;
//! - `store` (persistence) and the domain modules `import`, `suggest`, `season`, `messages`,
//!   `export`: none of them reads the store, and the store knows none of them;
//! - `actions`: the use cases, over all of the above; only the command line and the desktop
//!   shell call it.
//!
//! And the two clients stay translations: no shell command and no subcommand of the command
//! line calls the store's methods itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each module of the engine and the modules it may import from.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("files", &[]),
    ("model", &["text"]),
    ("referentials", &["text", "files", "model"]),
    ("demo", &["text", "files", "model", "referentials"]),
    ("store", &["text", "files", "model", "referentials"]),
    ("import", &["text", "files", "model", "referentials"]),
    // The compiled scorer's tests draw their people from the demo generator.
    (
        "suggest",
        &["text", "files", "model", "referentials", "demo"],
    ),
    (
        "season",
        &["text", "files", "model", "referentials", "suggest"],
    ),
    ("messages", &["text", "files", "model", "referentials"]),
    (
        "export",
        &[
            "text",
            "files",
            "model",
            "referentials",
            "suggest",
            "season",
        ],
    ),
    (
        "actions",
        &[
            "text",
            "files",
            "model",
            "referentials",
            "demo",
            "store",
            "import",
            "suggest",
            "season",
            "messages",
            "export",
        ],
    ),
];

/// Names the crate root re-exports, and the module they come from.
const ROOT_REEXPORTS: &[(&str, &str)] = &[("Store", "store"), ("StoreError", "store")];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without its comments (doc comments name other modules freely).
fn code_of(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The engine modules a piece of code names through the crate root: `crate::x::…`,
/// `crate::{x::…, y}`, and `super::x` where `super` is the root.
fn root_names(code: &str, super_is_root: bool) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut prefixes = vec!["crate::"];
    if super_is_root {
        prefixes.push("super::");
    }
    for prefix in prefixes {
        for (at, _) in code.match_indices(prefix) {
            // `crate::` inside a longer path (`$crate::`, `foo_crate::`) is not the root.
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let rest = &code[at + prefix.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // Top-level names of the group only: `{a::{b, c}, d}` → a, d.
                let mut depth = 0;
                let mut current = String::new();
                let mut at_start = true;
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            if at_start && !current.is_empty() {
                                names.insert(std::mem::take(&mut current));
                            }
                            at_start = true;
                            current.clear();
                            continue;
                        }
                        _ => {}
                    }
                    if depth == 0 && at_start {
                        if c.is_alphanumeric() || c == '_' {
                            current.push(c);
                        } else if !current.is_empty() {
                            names.insert(std::mem::take(&mut current));
                            at_start = false;
                        }
                    }
                }
                if !current.is_empty() {
                    names.insert(current);
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    names.insert(name);
                }
            }
        }
    }
    names
}

/// Module → (file, module it imports) for every import of another engine module.
fn imports(src: &Path) -> Vec<(String, PathBuf, String)> {
    let modules: BTreeSet<&str> = ALLOWED.iter().map(|(m, _)| *m).collect();
    let reexports: BTreeMap<&str, &str> = ROOT_REEXPORTS.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src).unwrap();
        let parts: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let module = parts[0].trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        assert!(
            modules.contains(module.as_str()),
            "{}: the engine module « {module} » has no place in the layers: add it to ALLOWED \
             (and to ARCHITECTURE.md)",
            relative.display()
        );
        let super_is_root = parts.len() == 1 || (parts.len() == 2 && parts[1] == "mod.rs");
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for name in root_names(&code, super_is_root) {
            let target = match reexports.get(name.as_str()) {
                Some(m) => m.to_string(),
                None if modules.contains(name.as_str()) => name,
                // A re-export of the root we do not track, or a macro: not a layer.
                None => continue,
            };
            if target != module {
                found.push((module.clone(), relative.to_path_buf(), target));
            }
        }
    }
    found
}

fn violations(found: &[(String, PathBuf, String)]) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    found
        .iter()
        .filter(|(module, _, target)| !allowed[module.as_str()].contains(&target.as_str()))
        .map(|(module, file, target)| {
            format!(
                "src/{}: « {module} » imports « {target} », which is not below it",
                file.display()
            )
        })
        .collect()
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = imports(&src);
    // The check sees imports at all (a parser that found nothing would pass anything).
    assert!(
        found.iter().any(|(m, _, t)| m == "actions" && t == "store"),
        "the use cases must be seen importing the store"
    );
    let wrong = violations(&found);
    assert!(wrong.is_empty(), "layers broken:\n{}", wrong.join("\n"));
}

#[test]
fn the_check_catches_an_import_running_up() {
    // The parser on the forms a wrong import can take.
    let code = code_of(
        "use crate::{model::Pair, store::{Store, Move}};\nlet x = crate::actions::board::load;\n\
         // crate::export in a comment is no import\n",
    );
    let names = root_names(&code, false);
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["actions", "model", "store"]
    );
    assert_eq!(
        root_names("use super::{store, text};", true)
            .into_iter()
            .collect::<Vec<_>>(),
        ["store", "text"]
    );
    // And the rules on such imports.
    let found = vec![
        (
            "store".to_string(),
            PathBuf::from("store/x.rs"),
            "suggest".to_string(),
        ),
        (
            "import".to_string(),
            PathBuf::from("import/x.rs"),
            "store".to_string(),
        ),
        (
            "season".to_string(),
            PathBuf::from("season/x.rs"),
            "suggest".to_string(),
        ),
        (
            "model".to_string(),
            PathBuf::from("model/x.rs"),
            "actions".to_string(),
        ),
    ];
    assert_eq!(violations(&found).len(), 3, "{:?}", violations(&found));
}

/// Calls of the store's own methods in a client's code (`store.x(` or `store\n.x(`), other than
/// holding it.
fn store_calls(code: &str) -> Vec<String> {
    let mut calls = Vec::new();
    let compact: String = code.split_whitespace().collect::<Vec<_>>().join("");
    for (at, _) in compact.match_indices("store.") {
        let before = compact[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let method: String = compact[at + "store.".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        calls.push(method);
    }
    calls
}

#[test]
fn the_shell_and_the_command_line_only_translate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/main.rs")];
    rust_files(&root.join("src-tauri/src/commands"), &mut files);
    assert!(files.len() > 5, "the shell's commands were not found");
    let mut wrong = Vec::new();
    for file in &files {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for method in store_calls(&code) {
            wrong.push(format!(
                "{}: calls `store.{method}` — a user action goes through `binome::actions`",
                file.strip_prefix(root).unwrap().display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        store_calls("let n = store\n    .list_pairs(e)?; my_store.x(); actions::f(store)"),
        ["list_pairs"]
    );
}
