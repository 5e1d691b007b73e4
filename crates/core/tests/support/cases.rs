//! The one loader of the repository's test inputs: the conformance cases (`tests/conformance/cases/<name>/`
//! with `input/` and an optional `case.json` context) and the YAML/JSON files under a folder. Shared by the
//! tests of `crates/core/tests` and the conformance case generator (`examples/conformance_cases.rs`).

#![allow(dead_code, unreachable_pub)]

use amlnet_core::model::{Context, Operation};
use amlnet_core::SourceFile;
use std::path::{Path, PathBuf};

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A hand-picked conformance case: its input documents and the context `case.json` gives them.
pub struct Case {
    /// The folder name (`demo`, `aoao-update`, ...).
    pub name: String,
    /// The case folder.
    pub dir: PathBuf,
    /// `operation`, `subscription_id`, `resource_group` and `networking` (directives) of `case.json`; the default without one.
    pub context: Context,
    /// The files of `input/`, sorted by name, each named by its file name.
    pub files: Vec<SourceFile>,
}

/// Every case of `tests/conformance/cases`, sorted by name.
pub fn conformance_cases() -> Vec<Case> {
    let root = repo_root().join("tests/conformance/cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("case entry").path())
        .filter(|p| p.join("input").is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            let case: serde_json::Value =
                std::fs::read_to_string(dir.join("case.json")).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
            let context = Context {
                operation: if case["operation"] == "update" { Operation::Update } else { Operation::Create },
                subscription_id: case["subscription_id"].as_str().map(str::to_owned),
                resource_group: case["resource_group"].as_str().map(str::to_owned),
                // `"networking": "inbound=<subnet> ..."`: the fixture directives of the networking settings.
                networking: case["networking"]
                    .as_str()
                    .map(|d| directives(format!("# amlnet: {d}").as_bytes()).context.networking)
                    .unwrap_or_default(),
                ..Context::default()
            };
            let files = input_files(&dir.join("input"))
                .iter()
                .map(|p| SourceFile::from_bytes(p.file_name().and_then(|n| n.to_str()).unwrap_or_default(), &read(p)))
                .collect();
            Case { name, dir, context, files }
        })
        .collect()
}

/// The YAML and JSON files directly in `dir`, sorted.
pub fn input_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && is_document(p))
        .collect();
    files.sort();
    files
}

/// Every YAML and JSON file under `dir` (recursively; nothing when `dir` does not exist), sorted.
pub fn documents_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
            } else if is_document(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `.yml`, `.yaml` or `.json`.
pub fn is_document(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yml" | "yaml" | "json"))
}

/// The bytes of a file, or a panic that names it.
pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A file as a `SourceFile` named by its path as displayed.
pub fn source_file(path: &Path) -> SourceFile {
    SourceFile::from_bytes(path.display().to_string(), &read(path))
}

/// What the first line `# amlnet: ...` of a fixture (or of a rule's documented example) says about how
/// to check it: `update`, `current=<mode>` (an update of a workspace in that mode), `kind=<kind>`,
/// `subscription=<id>`, `resource_group=<name>`, `export=<format>` (add that export's notes); the networking
/// settings: `inbound=<subnet>` (an inbound private endpoint; the next `inbound-name=`, `pe-location=`,
/// `dns=off` and `dns-zone=<id>` apply to it), `no-approver-role`, `approver-identity=<id>`.
#[derive(Debug, Default)]
pub struct Directives {
    pub context: Context,
    pub kind: Option<amlnet_core::DocumentKind>,
    pub export: Option<amlnet_core::ExportFormat>,
}

/// Reads the directives of a document's first line; a word it does not know is a panic (a typo in a
/// fixture must not pass as "no directive").
pub fn directives(text: &[u8]) -> Directives {
    use amlnet_core::model::{DnsIntegration, IsolationMode};
    use amlnet_core::{DocumentKind, ExportFormat};
    let mut out = Directives::default();
    let text = String::from_utf8_lossy(text);
    let Some(directive) = text.lines().next().and_then(|l| l.strip_prefix("# amlnet:")) else { return out };
    for word in directive.split_whitespace() {
        match word.split_once('=') {
            None if word == "update" => out.context.operation = Operation::Update,
            Some(("current", mode)) => {
                out.context.operation = Operation::Update;
                out.context.current_isolation_mode = Some(IsolationMode::parse(mode).unwrap_or_else(|| panic!("unknown mode `{mode}`")));
            }
            Some(("kind", k)) => out.kind = Some(DocumentKind::parse(k).unwrap_or_else(|| panic!("unknown kind `{k}`"))),
            Some(("subscription", s)) => out.context.subscription_id = Some(s.to_owned()),
            Some(("resource_group", s)) => out.context.resource_group = Some(s.to_owned()),
            Some(("export", f)) => out.export = Some(ExportFormat::parse(f).unwrap_or_else(|| panic!("unknown export format `{f}`"))),
            Some(("inbound", subnet)) => out
                .context
                .networking
                .inbound_private_endpoints
                .push(amlnet_core::model::InboundPrivateEndpoint { subnet: subnet.to_owned(), ..Default::default() }),
            Some((key @ ("inbound-name" | "pe-location" | "dns" | "dns-zone"), value)) => {
                let pe =
                    out.context.networking.inbound_private_endpoints.last_mut().unwrap_or_else(|| panic!("`{key}` needs an `inbound=` before it"));
                match key {
                    "inbound-name" => pe.name = value.to_owned(),
                    "pe-location" => pe.location = Some(value.to_owned()),
                    "dns" if value == "off" => pe.dns = DnsIntegration::Off,
                    "dns-zone" => match &mut pe.dns {
                        DnsIntegration::Existing(ids) => ids.push(value.to_owned()),
                        other => *other = DnsIntegration::Existing(vec![value.to_owned()]),
                    },
                    _ => panic!("unknown directive `{word}`"),
                }
            }
            None if word == "no-approver-role" => out.context.networking.assign_approver_role = false,
            Some(("approver-identity", id)) => out.context.networking.approver_identity = Some(id.to_owned()),
            _ => panic!("unknown directive `{word}`"),
        }
    }
    out
}
