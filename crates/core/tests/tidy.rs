//! Tidy tests (as rust-analyzer's `tidy.rs`): the invariants written in ARCHITECTURE.md, README.md and
//! STYLE, checked on the repository itself. The core depends only on saphyr-parser and serde; every `.rs`
//! file opens with a `//!` line; every path ARCHITECTURE.md names exists; the export formats README.md
//! lists are the code's; every rule code the docs name is registered.

mod support {
    pub(crate) mod cases;
}

use amlnet_core::ExportFormat;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use support::cases::repo_root;

/// Folders no tidy check looks into: build output, installed packages, version control.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", ".git", "pkg", "dist", "__pycache__"];
/// Fuzzing state (generated inputs), by path.
const SKIPPED_PATHS: &[&str] = &["fuzz/corpus", "fuzz/artifacts"];

/// Every file and folder of the repository (relative paths, `/`-separated), without `SKIPPED_DIRS`.
fn repo_paths() -> Vec<String> {
    let root = repo_root();
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let relative = path.strip_prefix(&root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if path.is_dir() && (SKIPPED_DIRS.contains(&name) || SKIPPED_PATHS.contains(&relative.as_str())) {
                continue;
            }
            if path.is_dir() {
                stack.push(path.clone());
                out.push(format!("{relative}/"));
            } else {
                out.push(relative);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keys of one `[section]` of a Cargo.toml (a line-based reading: the manifests here use one
/// `name = ...` line per entry).
fn toml_section_keys(manifest: &str, section: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut inside = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == format!("[{section}]");
        } else if inside && !line.is_empty() && !line.starts_with('#') {
            if let Some((key, _)) = line.split_once('=') {
                // `serde.workspace = true` is the entry `serde`.
                keys.push(key.trim().trim_end_matches(".workspace").to_owned());
            }
        }
    }
    keys
}

#[test]
fn the_core_depends_only_on_saphyr_parser_and_serde() {
    let manifest = read(&repo_root().join("crates/core/Cargo.toml"));
    assert_eq!(toml_section_keys(&manifest, "dependencies"), ["saphyr-parser", "serde"], "crates/core/Cargo.toml [dependencies]");
    // No target-specific or build dependencies either, and the features ARCHITECTURE.md names.
    for line in manifest.lines().filter(|l| l.starts_with('[')) {
        assert!(!line.starts_with("[target.") && line != "[build-dependencies]", "crates/core/Cargo.toml has {line}");
    }
    assert_eq!(toml_section_keys(&manifest, "features"), ["default", "docs", "iac", "plan", "summary"], "crates/core/Cargo.toml [features]");
}

#[test]
fn every_rust_file_opens_with_a_doc_line() {
    let mut missing = Vec::new();
    let mut checked = 0;
    for path in repo_paths().into_iter().filter(|p| p.ends_with(".rs")) {
        checked += 1;
        let text = read(&repo_root().join(&path));
        if !text.starts_with("//!") {
            missing.push(path);
        }
    }
    assert!(checked > 100, "found only {checked} .rs files");
    assert!(missing.is_empty(), "these files do not open with a `//!` line saying what they are for: {missing:#?}");
}

#[test]
fn the_core_has_one_sort_and_no_hash_tables() {
    // ARCHITECTURE.md, "One sort and no hash tables in the core": each would add its monomorphs to every wasm.
    let banned = [".sort(", ".sort_by(", ".sort_by_key(", ".sort_unstable", ".sort_by_cached_key(", "HashMap", "HashSet"];
    let mut found = Vec::new();
    for path in repo_paths().into_iter().filter(|p| p.starts_with("crates/core/src/") && p.ends_with(".rs")) {
        let text = read(&repo_root().join(&path));
        // The sort's own test compares with the standard library's sort.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            if let Some(word) = banned.iter().find(|b| line.contains(*b) && !line.trim_start().starts_with("//")) {
                found.push(format!("{path}:{}: {word}", n + 1));
            }
        }
    }
    assert!(found.is_empty(), "use crate::sort and BTreeMap<Cow<str>, usize> (ARCHITECTURE.md): {found:#?}");
}

/// Backticked words of a markdown text that name a path: with a `/`, or a file name with one of the
/// repository's source extensions. Not package subpaths (`./snippet`), URLs or absolute system paths.
fn named_paths(markdown: &str) -> BTreeSet<String> {
    let extensions = [".rs", ".py", ".sh", ".mjs", ".toml", ".md", ".html", ".tsv"];
    markdown
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| !w.is_empty() && !w.contains(char::is_whitespace) && !w.contains("://"))
        .filter(|w| !w.starts_with("./") && !w.starts_with('/'))
        .filter(|w| w.contains('/') || extensions.iter().any(|e| w.ends_with(e)))
        .map(str::to_owned)
        .collect()
}

/// Whether a path named in the docs exists: from the repository root, or as the tail of a repository path
/// (`syntax/pyyaml.rs` in the core's section, `tests/hostile.rs` of the core). A `<placeholder>`
/// component matches any folder. Build output (`pkg/`, `dist/`) is made by the scripts, not stored.
fn exists(named: &str, paths: &[String]) -> bool {
    let named = named.trim_start_matches("../");
    if named.starts_with("pkg/") || named.starts_with("dist/") {
        return true;
    }
    let pattern: Vec<&str> = named.trim_end_matches('/').split('/').collect();
    let is_dir = named.ends_with('/');
    paths.iter().any(|p| {
        if is_dir && !p.ends_with('/') {
            return false;
        }
        let parts: Vec<&str> = p.trim_end_matches('/').split('/').collect();
        parts.len() >= pattern.len()
            && parts[parts.len() - pattern.len()..]
                .iter()
                .zip(&pattern)
                .all(|(have, want)| have == want || (want.starts_with('<') && want.ends_with('>')))
    })
}

#[test]
fn every_path_architecture_names_exists() {
    let paths = repo_paths();
    let named = named_paths(&read(&repo_root().join("ARCHITECTURE.md")));
    assert!(named.len() > 30, "found only {} paths in ARCHITECTURE.md: {named:?}", named.len());
    let missing: Vec<&String> = named.iter().filter(|n| !exists(n, &paths)).collect();
    assert!(missing.is_empty(), "ARCHITECTURE.md names paths that do not exist: {missing:#?}");
}

#[test]
fn readme_lists_the_export_formats_of_the_code() {
    let readme = read(&repo_root().join("README.md"));
    let code: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.as_str()).collect();
    // The `--to` table: its rows' first cells, in order.
    let table: Vec<String> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| `--to` |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('`').nth(1).map(str::to_owned))
        .collect();
    assert_eq!(table, code, "README.md's export table");
    // The usage line's comment lists them too.
    let usage = readme.lines().find(|l| l.contains("export") && l.contains("--to") && l.contains('#')).expect("the export usage line");
    let listed: Vec<&str> = usage.rsplit('#').next().unwrap_or_default().split('|').map(str::trim).collect();
    assert_eq!(listed, code, "README.md: {usage}");
    // The npm README's `exportConfig` formats and the snippet's `formats` example.
    let npm = read(&repo_root().join("www/npm/README.md"));
    for format in &code {
        assert!(npm.contains(&format!("`\"{format}\"`")), "www/npm/README.md does not list the export format `{format}`");
    }
    let formats = npm.split("formats=\"").nth(1).and_then(|s| s.split('"').next()).expect("the snippet's formats example");
    assert_eq!(formats.split(',').collect::<Vec<_>>(), code, "www/npm/README.md formats=");
}

/// Rule codes the documentation names where only a code can stand: `error[code]` (and the other
/// severities) in rendered examples, `explain code` in commands, a backticked code in parentheses
/// (`(\`code\`)`, how the README cites the rule of a behaviour) and before "note", "rule" or "info".
fn named_codes(markdown: &str) -> BTreeSet<String> {
    let is_code = |w: &str| {
        w.len() > 3
            && w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.contains('-')
            && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let mut out = BTreeSet::new();
    let mut after = |marker: &str, end: &[char]| {
        for rest in markdown.split(marker).skip(1) {
            if let Some(code) = rest.split(end).next().filter(|c| is_code(c)) {
                out.insert(code.to_owned());
            }
        }
    };
    for severity in ["error[", "warning[", "info["] {
        after(severity, &[']']);
    }
    after("explain ", &[' ', '\n', '`']);
    for rest in markdown.split("(`").skip(1) {
        if let Some((code, _)) = rest.split_once("`)").filter(|(c, _)| is_code(c)) {
            out.insert(code.to_owned());
        }
    }
    let words: Vec<&str> = markdown.split('`').collect();
    for pair in words.windows(2).skip(1).step_by(2) {
        let next = pair[1].trim_start();
        if is_code(pair[0]) && ["note", "rule", "info"].iter().any(|w| next.starts_with(w)) {
            out.insert(pair[0].to_owned());
        }
    }
    out
}

#[test]
fn every_rule_code_the_docs_name_is_registered() {
    let mut named = BTreeSet::new();
    for doc in ["README.md", "ARCHITECTURE.md", "www/npm/README.md", "tests/conformance/README.md"] {
        let path: PathBuf = repo_root().join(doc);
        if path.exists() {
            named.extend(named_codes(&read(&path)).into_iter().map(|c| (c, doc)));
        }
    }
    assert!(named.len() >= 4, "found only {named:?}");
    let codes: BTreeSet<&str> = amlnet_core::RULES.iter().map(|r| r.code).collect();
    let unknown: Vec<_> = named.iter().filter(|(c, _)| !codes.contains(c.as_str())).collect();
    assert!(unknown.is_empty(), "the docs name codes the registry does not have: {unknown:?}");
}
