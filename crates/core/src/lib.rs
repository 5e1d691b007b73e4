//! amlnet core: import, validate and export Azure Machine Learning network-isolation configurations.
//!
//! The pipeline is `text → syntax (nodes with ranges) → lowering (typed model + reading diagnostics)
//! → rules (model diagnostics) → generators (YAML, az CLI, Python)`. Nothing here fails: bad input
//! becomes diagnostics, and every entry point returns what it could read. The crate has no I/O and no
//! wasm or UI dependencies; the CLI, the npm binding and the web app call it.
//!
//! The features `iac`, `plan` and `summary` (on by default) gate the generators and analyses the npm
//! package's small wasm leaves out; the helpers only they use are dead code without them.
#![cfg_attr(not(all(feature = "iac", feature = "plan", feature = "summary")), allow(dead_code, unused_imports))]

pub mod catalog;
pub mod demo;
pub mod diagnostic;
pub mod emit;
pub mod lower;
pub mod model;
pub mod networking;
pub mod plan;
pub mod policy;
pub mod report;
pub mod rules;
pub mod schema;
mod sort;
pub mod summary;
pub mod syntax;

pub use diagnostic::{render, sort_diagnostics, Diagnostic, Fix, Severity, TextRange};
pub use emit::{export, export_notes, ExportFormat, GeneratedFile};
pub use lower::SourceMap;
pub use model::{Config, Context, DocumentKind};
pub use rules::{RuleInfo, ALL as RULES};

use lower::Lowerer;
use rules::{codes, Target};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The version of amlnet, for generated file headers.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The file name shown in diagnostics (`-` for standard input).
    pub name: String,
    pub text: String,
    /// The kind, when the caller knows it; otherwise detected from `$schema` or the keys.
    pub kind: Option<DocumentKind>,
    /// Set by [`SourceFile::from_bytes`] when the bytes were not UTF-8: the offset of the first bad byte.
    pub invalid_utf8_at: Option<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { name: name.into(), text: text.into(), kind: None, invalid_utf8_at: None }
    }

    /// Decodes bytes as UTF-8 (dropping a byte-order mark). Invalid bytes are not an error here: the
    /// file gets no text, and checking it reports `input-not-utf8` with the offset.
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Self {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => SourceFile::new(name, text),
            Err(e) => SourceFile { invalid_utf8_at: Some(e.valid_up_to()), ..SourceFile::new(name, "") },
        }
    }
}

/// Where each document of a [`Config`] came from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub workspace: Option<(String, SourceMap)>,
    pub endpoint: Option<(String, SourceMap)>,
    pub deployments: Vec<Option<(String, SourceMap)>>,
}

/// The result of reading and checking some documents.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub config: Config,
    /// All diagnostics, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The kind detected for each input file, in input order (`None` when it could not be read).
    pub kinds: Vec<(String, Option<DocumentKind>)>,
    pub sources: Sources,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// [`export_notes`] of this configuration, placed in the files that were read (with ranges).
    pub fn export_notes(&self, format: ExportFormat) -> Vec<Diagnostic> {
        let mut notes = place_findings(&self.config, &self.sources, emit::export_findings(&self.config, format));
        sort_diagnostics(&mut notes);
        notes
    }

    /// Adds an organization's policy ([`policy::read`]): the policy file's own diagnostics and what the
    /// policy forbids, placed at the offending fields of the files that were read. Errors of either
    /// kind make the analysis fail, so a broken or broken-into policy refuses exports like any error.
    pub fn apply_policy(&mut self, reading: &policy::PolicyReading) {
        self.diagnostics.extend(reading.diagnostics.iter().cloned());
        let violations = place_findings(&self.config, &self.sources, reading.policy.findings(&self.config));
        self.diagnostics.extend(violations);
        sort_diagnostics(&mut self.diagnostics);
    }

    /// Exports with the error policy every shell follows: a configuration whose analysis has errors is
    /// refused (what it generates would fail in Azure) unless `force`. Returns the files and the
    /// format's notes ([`Analysis::export_notes`]).
    pub fn export_checked(&self, format: ExportFormat, force: bool) -> Result<Export, ExportRefused> {
        if self.has_errors() && !force {
            return Err(ExportRefused { errors: self.diagnostics.iter().filter(|d| d.is_error()).cloned().collect() });
        }
        Ok(Export { files: export(&self.config, format), notes: self.export_notes(format) })
    }
}

/// What [`Analysis::export_checked`] generated.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub files: Vec<GeneratedFile>,
    /// What the format could not express natively, placed in the files that were read.
    pub notes: Vec<Diagnostic>,
}

/// Why [`Analysis::export_checked`] generated nothing: the analysis has errors and the export was not forced.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRefused {
    /// The errors, in diagnostic order.
    pub errors: Vec<Diagnostic>,
}

impl ExportRefused {
    /// The sentence the shells print after the errors.
    pub const MESSAGE: &'static str = "not exporting a configuration with errors: what it generates would fail in Azure";
    /// The sentence when every error is the organization policy's (a violation, or the policy file's own).
    pub const POLICY_MESSAGE: &'static str = "not exporting a configuration that breaks the organization policy";

    /// [`ExportRefused::MESSAGE`], or [`ExportRefused::POLICY_MESSAGE`] when only the policy refuses.
    pub fn message(&self) -> &'static str {
        if self.errors.iter().all(|d| rules::stage(d.code) == Some("policy")) {
            Self::POLICY_MESSAGE
        } else {
            Self::MESSAGE
        }
    }
}

/// Reads documents into one configuration and checks it. The context (subscription, resource group,
/// create or update, current state) comes from the caller.
pub fn analyze(files: &[SourceFile], context: Context) -> Analysis {
    let mut config = Config { context, ..Config::default() };
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let mut kinds = Vec::new();
    for file in files {
        let kind = read_file(file, &mut config, &mut sources, &mut diagnostics);
        kinds.push((file.name.clone(), kind));
    }
    if config.context.operation == model::Operation::Update {
        // An update names the workspace with `--name`, so a file without `name` is a fragment, not an error.
        for d in &mut diagnostics {
            if d.code == codes::MISSING_REQUIRED_KEY.code && d.path == "name" && kinds_include_workspace(&kinds, d.file.as_deref()) {
                d.severity = Severity::Warning;
                d.help = Some("the generated scripts pass the workspace name with `--name`; set WORKSPACE_NAME when you run them".to_owned());
            }
        }
    }
    let mut model = check_with_sources(&config, &sources);
    // One finding per field. A model rule that judges a value the SDK's schema also rejects (an endpoint
    // name, say) says more: its diagnostic replaces the schema's generic `value-rejected`. Any other reading
    // finding at a field (a missing key, a wrong type) comes first, and the model rules' view of the value
    // that could not be read (empty, say) is left out.
    // The fields are looked up in ordered maps (one pass each, not reading findings x model findings).
    let model_errors = fields(&model, &|m| m.is_error());
    diagnostics.retain(|d| d.code != codes::VALUE_REJECTED.code || !model_errors.contains_key(field_key(d).as_str()));
    let read = fields(&diagnostics, &|d| d.code != codes::VALUE_REJECTED.code && d.severity != Severity::Info);
    model.retain(|m| !read.contains_key(field_key(m).as_str()));
    diagnostics.extend(model);
    sort_diagnostics(&mut diagnostics);
    Analysis { config, diagnostics, kinds, sources }
}

/// The fields (file and path, as [`field_key`]) of the diagnostics `keep` keeps. The map's type is the
/// source map's and `duplicate-rule-name`'s, so the wasm carries one ordered map.
fn fields(diagnostics: &[Diagnostic], keep: &dyn Fn(&Diagnostic) -> bool) -> BTreeMap<Cow<'static, str>, usize> {
    let mut map = BTreeMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if keep(d) {
            map.insert(Cow::Owned(field_key(d)), i);
        }
    }
    map
}

/// One string per (file, path): the file's length first, so no file and path pair reads as another.
fn field_key(d: &Diagnostic) -> String {
    match &d.file {
        Some(file) => format!("{}:{file}{}", file.len(), d.path),
        None => format!("-{}", d.path),
    }
}

fn kinds_include_workspace(kinds: &[(String, Option<DocumentKind>)], file: Option<&str>) -> bool {
    kinds.iter().any(|(name, kind)| Some(name.as_str()) == file && *kind == Some(DocumentKind::Workspace))
}

/// Checks a configuration built in code (the web app's state): model rules only, with paths and the
/// default file names of the YAML export.
pub fn check(config: &Config) -> Vec<Diagnostic> {
    let mut diagnostics = check_with_sources(config, &Sources::default());
    sort_diagnostics(&mut diagnostics);
    diagnostics
}

/// Reads one file into `config`; returns the detected kind.
fn read_file(file: &SourceFile, config: &mut Config, sources: &mut Sources, out: &mut Vec<Diagnostic>) -> Option<DocumentKind> {
    if let Some(offset) = file.invalid_utf8_at {
        out.push(
            codes::INPUT_NOT_UTF8
                .at("", format!("the file is not UTF-8 text (invalid byte at offset {offset})"))
                .with_help("save the file as UTF-8; YAML files for `az ml` are UTF-8 text")
                .in_file(&file.name),
        );
        return None;
    }
    let stream = syntax::parse(&file.text);
    let mut local: Vec<Diagnostic> = stream.diagnostics;
    let mut kind = None;
    if stream.documents.len() > 1 {
        let second = &stream.documents[1];
        local.push(
            codes::YAML_MULTIPLE_DOCUMENTS
                .at("", format!("the file holds {} YAML documents; `az ml` reads exactly one", stream.documents.len()))
                .with_range(Some(second.range))
                .with_help("put each document in its own file; amlnet reads only the first"),
        );
    }
    match stream.documents.first() {
        None => {
            if !local.iter().any(Diagnostic::is_error) {
                local.push(
                    codes::DOCUMENT_KIND_UNKNOWN
                        .at("", "the file is empty")
                        .with_help("write a workspace, online endpoint or online deployment document"),
                );
            }
        }
        Some(root) => {
            lower::unhashable_keys(root, &mut local);
            kind = file.kind.or_else(|| lower::detect_kind(root));
            let mut lw = Lowerer::new(root);
            match kind {
                None => local.push(
                    codes::DOCUMENT_KIND_UNKNOWN
                        .at("", "this is not a workspace, online endpoint or online deployment document")
                        .with_range(Some(root.range))
                        .with_help("add the `$schema` line of the document's kind, or pass the kind explicitly"),
                ),
                Some(DocumentKind::Workspace) => {
                    if let Some(ws) = lower::lower_workspace(&mut lw, root) {
                        if config.workspace.is_some() {
                            lw.report(duplicate(root, "workspace"));
                        } else {
                            config.workspace = Some(ws);
                            sources.workspace = Some((file.name.clone(), std::mem::take(&mut lw.map)));
                        }
                    }
                }
                Some(DocumentKind::OnlineEndpoint) => {
                    if let Some(ep) = lower::lower_endpoint(&mut lw, root) {
                        if config.endpoint.is_some() {
                            lw.report(duplicate(root, "online endpoint"));
                        } else {
                            config.endpoint = Some(ep);
                            sources.endpoint = Some((file.name.clone(), std::mem::take(&mut lw.map)));
                        }
                    }
                }
                Some(DocumentKind::OnlineDeployment) => {
                    if let Some(dep) = lower::lower_deployment(&mut lw, root) {
                        config.deployments.push(dep);
                        sources.deployments.push(Some((file.name.clone(), std::mem::take(&mut lw.map))));
                    }
                }
            }
            local.extend(lw.diagnostics);
        }
    }
    for mut d in local {
        d.file = Some(file.name.clone());
        out.push(d);
    }
    kind
}

fn duplicate(root: &syntax::Node, what: &str) -> Diagnostic {
    codes::DUPLICATE_DOCUMENT
        .at("", format!("a second {what} document; one change configures one {what}, so this one is ignored"))
        .with_range(Some(root.range))
        .with_help("check each workspace (with its endpoint) separately")
}

/// Runs the model rules and places each finding in its document.
fn check_with_sources(config: &Config, sources: &Sources) -> Vec<Diagnostic> {
    place_findings(config, sources, rules::check_model(config))
}

/// Places findings (model rules, export notes, plan warnings) in their documents.
pub(crate) fn place_findings(config: &Config, sources: &Sources, findings: Vec<(Target, Diagnostic)>) -> Vec<Diagnostic> {
    let deployment_names = emit::deployment_file_names(config);
    findings.into_iter().map(|(target, d)| place(target, d, sources, &deployment_names)).collect()
}

/// Places a model-level finding in its document: the file it was read from (with the range of its
/// path), or the default export file name.
fn place(target: Target, mut d: Diagnostic, sources: &Sources, deployment_names: &[String]) -> Diagnostic {
    let (default_name, source) = match target {
        Target::Workspace => ("workspace.yml".to_owned(), sources.workspace.as_ref()),
        Target::Endpoint => ("endpoint.yml".to_owned(), sources.endpoint.as_ref()),
        Target::Deployment(i) => {
            (deployment_names.get(i).cloned().unwrap_or_else(|| "deployment.yml".to_owned()), sources.deployments.get(i).and_then(Option::as_ref))
        }
        // The context (command-line flags, the wizard's Basics step) has no file.
        Target::Context => return d,
    };
    match source {
        Some((file, map)) => {
            d.file = Some(file.clone());
            d.range = map.range(&d.path);
        }
        None => d.file = Some(default_name),
    }
    d
}
