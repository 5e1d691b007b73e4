//! The `amlnet` command line as a library: [`run`] parses the arguments and runs one command over an
//! [`Io`], so the native binary (`main.rs`) and a later wasm build for `npx amlnet` share one
//! implementation of every command, flag, output and exit code.
//!
//! Exit codes: 0 without errors, 1 when any diagnostic is an error (or an export or plan is refused),
//! 2 for usage and I/O problems; `plan --detailed-exitcode` exits 2 for a plan with changes.
//!
//! `check`, `export` and `plan` enforce an organization policy: `--policy FILE`, or else the first
//! `.amlnet-policy.yml` in the working directory or one of its parents (found through the [`Io`]'s
//! `current_dir` and `is_file`), unless `--no-policy`. A violation is an error like any other (or a
//! warning, for a `severity: warning` section), and so is a problem of the policy file itself.

mod args;
mod ci;

use amlnet_core::policy::PolicyReading;
use amlnet_core::{analyze, report, Analysis, Context, Diagnostic, DocumentKind, SourceFile};
use args::{CheckArgs, Cli, Command, ExportArgs, Format, PlanArgs, PolicyArgs, SummaryArgs, SummaryFormat};
use clap::Parser;
use std::path::Path;

/// Everything a command does outside the core: files, standard input and output.
pub trait Io {
    /// The bytes of a file; more than `limit` bytes need not be read (the core reports the size).
    fn read_file(&mut self, path: &str, limit: usize) -> Result<Vec<u8>, String>;
    fn read_stdin(&mut self) -> Result<Vec<u8>, String>;
    fn is_dir(&mut self, path: &str) -> bool;
    /// The paths of a directory's entries (joined with `path`), in any order.
    fn read_dir(&mut self, path: &str) -> Result<Vec<String>, String>;
    fn create_dir_all(&mut self, path: &str) -> Result<(), String>;
    fn write_file(&mut self, path: &str, contents: &str) -> Result<(), String>;
    /// Writes to standard output; a closed pipe is not an error.
    fn stdout(&mut self, text: &str) -> Result<(), String>;
    fn stderr(&mut self, text: &str);
    /// The working directory, where the search for `.amlnet-policy.yml` starts; `None` (the default)
    /// searches nowhere, so only `--policy` gives a policy.
    fn current_dir(&mut self) -> Option<String> {
        None
    }
    /// Whether `path` names a file (not a directory).
    fn is_file(&mut self, _path: &str) -> bool {
        false
    }
}

/// A usage or I/O failure: printed as `error: ...`, exit code 2.
struct Fatal(String);

/// Runs one command line (`args` without the program name) and returns its exit code.
pub fn run(args: Vec<String>, io: &mut dyn Io) -> i32 {
    let cli = match Cli::try_parse_from(std::iter::once("amlnet".to_owned()).chain(args)) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2 (clap's codes).
            let text = e.render().to_string();
            if e.use_stderr() {
                io.stderr(&text);
            } else if let Err(message) = io.stdout(&text) {
                io.stderr(&format!("error: {message}\n"));
                return 2;
            }
            return e.exit_code();
        }
    };
    let result = match cli.command {
        Command::Check(a) => check(&a, io),
        Command::Export(a) => export(&a, io),
        Command::Plan(a) => plan(&a, io),
        Command::Summary(a) => summary(&a, io),
        Command::Rules => rules(io),
        Command::Explain { code } => explain(&code, io),
        Command::Demo { out } => demo(out.as_deref(), io),
        Command::Version => out(io, &format!("amlnet {}\n", amlnet_core::VERSION)).map(|()| 0),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            io.stderr(&format!("error: {message}\n"));
            2
        }
    }
}

fn out(io: &mut dyn Io, text: &str) -> Result<(), Fatal> {
    io.stdout(text).map_err(|e| Fatal(format!("cannot write output: {e}")))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, Fatal> {
    serde_json::to_string_pretty(value).map(|text| text + "\n").map_err(|e| Fatal(e.to_string()))
}

/// Reads a file (or stdin for `-`). Invalid UTF-8 is not an I/O error: it becomes a diagnostic.
fn read_source(io: &mut dyn Io, path: &str, kind: Option<DocumentKind>) -> Result<SourceFile, Fatal> {
    let bytes = if path == "-" {
        io.read_stdin().map_err(|e| Fatal(format!("cannot read standard input: {e}")))?
    } else {
        io.read_file(path, amlnet_core::syntax::MAX_INPUT_BYTES + 1).map_err(|e| Fatal(format!("cannot read `{path}`: {e}")))?
    };
    let mut file = SourceFile::from_bytes(path, &bytes);
    file.kind = kind;
    Ok(file)
}

fn read_sources(io: &mut dyn Io, paths: &[String], kind: Option<DocumentKind>) -> Result<Vec<SourceFile>, Fatal> {
    paths.iter().map(|p| read_source(io, p, kind)).collect()
}

/// The current state: one file, or every `.yml`, `.yaml` and `.json` file of a directory (a workspace
/// with its endpoint and deployments, e.g. the output of `az ml workspace show`, `online-endpoint show`
/// and `online-deployment show`), in name order.
fn read_current_files(io: &mut dyn Io, path: &str) -> Result<Vec<SourceFile>, Fatal> {
    if !io.is_dir(path) {
        return Ok(vec![read_source(io, path, None)?]);
    }
    let mut paths: Vec<String> = io
        .read_dir(path)
        .map_err(|e| Fatal(format!("cannot read `{path}`: {e}")))?
        .into_iter()
        .filter(|p| matches!(Path::new(p).extension().and_then(|e| e.to_str()), Some("yml" | "yaml" | "json")))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Fatal(format!("`{path}` holds no .yml, .yaml or .json file")));
    }
    read_sources(io, &paths, None)
}

/// The context of `check`, `export` and `summary`: the target and, for an update, the current state.
/// `--current` is read exactly as `plan` reads its current state; its findings go to stderr.
fn context(change: &args::Change, io: &mut dyn Io) -> Result<Context, Fatal> {
    let mut context = Context {
        subscription_id: change.target.subscription.clone(),
        resource_group: change.target.resource_group.clone(),
        networking: change.networking.to_model().map_err(Fatal)?,
        ..Context::default()
    };
    if change.update {
        context.operation = amlnet_core::model::Operation::Update;
    }
    if let Some(mode) = change.current_isolation_mode {
        context.operation = amlnet_core::model::Operation::Update;
        context.current_isolation_mode = Some(mode);
    }
    if let Some(path) = &change.current {
        let files = read_current_files(io, path)?;
        let current = amlnet_core::plan::read_current(&files);
        io.stderr(&render_list(&files, &current.diagnostics));
        context = current.context(&context);
    }
    Ok(context)
}

fn load(inputs: &args::Inputs, change: &args::Change, io: &mut dyn Io) -> Result<(Vec<SourceFile>, Analysis), Fatal> {
    let context = context(change, io)?;
    let files = read_sources(io, &inputs.files, inputs.kind)?;
    let analysis = analyze(&files, context);
    Ok((files, analysis))
}

/// The policy file to enforce: `--policy`, or the nearest `.amlnet-policy.yml` (named relative to the
/// working directory: `.amlnet-policy.yml`, `../.amlnet-policy.yml`), or none with `--no-policy`.
fn find_policy(a: &PolicyArgs, io: &mut dyn Io) -> Option<String> {
    if a.no_policy {
        return None;
    }
    if let Some(path) = &a.policy {
        return Some(path.clone());
    }
    let cwd = io.current_dir()?;
    let mut dir = Some(Path::new(&cwd));
    let mut up = String::new();
    while let Some(d) = dir {
        let candidate = d.join(amlnet_core::policy::FILE_NAME).to_string_lossy().into_owned();
        if io.is_file(&candidate) {
            return Some(format!("{up}{}", amlnet_core::policy::FILE_NAME));
        }
        dir = d.parent();
        up.push_str("../");
    }
    None
}

/// Reads the policy to enforce: the file (its diagnostics are placed in it) and what it says.
fn load_policy(a: &PolicyArgs, io: &mut dyn Io) -> Result<Option<(SourceFile, PolicyReading)>, Fatal> {
    let Some(path) = find_policy(a, io) else { return Ok(None) };
    let bytes = io.read_file(&path, amlnet_core::syntax::MAX_INPUT_BYTES + 1).map_err(|e| Fatal(format!("cannot read the policy `{path}`: {e}")))?;
    let file = SourceFile::from_bytes(path, &bytes);
    let reading = amlnet_core::policy::read(&file);
    Ok(Some((file, reading)))
}

/// `load` with the policy applied; the files to render diagnostics in are the inputs and the policy.
fn load_checked(
    inputs: &args::Inputs,
    change: &args::Change,
    policy: &PolicyArgs,
    io: &mut dyn Io,
) -> Result<(Vec<SourceFile>, Vec<SourceFile>, Analysis), Fatal> {
    let policy = load_policy(policy, io)?;
    let (files, mut analysis) = load(inputs, change, io)?;
    let mut shown = files.clone();
    if let Some((file, reading)) = policy {
        analysis.apply_policy(&reading);
        shown.push(file);
    }
    Ok((files, shown, analysis))
}

/// Diagnostics rendered per input file (with carets), then those that belong to no input file.
fn render_list(files: &[SourceFile], diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for file in files {
        let own: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.file.as_deref() == Some(file.name.as_str())).cloned().collect();
        out.push_str(&amlnet_core::render(&own, &file.name, Some(&file.text)));
    }
    let orphans: Vec<Diagnostic> =
        diagnostics.iter().filter(|d| !files.iter().any(|f| d.file.as_deref() == Some(f.name.as_str()))).cloned().collect();
    out.push_str(&amlnet_core::render(&orphans, "", None));
    out
}

/// The rendered diagnostics and the count line. `shown` holds the inputs and any policy file (whose
/// own findings are shown in it); `checked` counts the inputs.
fn render_text(shown: &[SourceFile], checked: usize, analysis: &Analysis) -> String {
    let mut out = render_list(shown, &analysis.diagnostics);
    let count = |s: amlnet_core::Severity| analysis.diagnostics.iter().filter(|d| d.severity == s).count();
    out.push_str(&format!(
        "{} file(s) checked: {} error(s), {} warning(s), {} info\n",
        checked,
        count(amlnet_core::Severity::Error),
        count(amlnet_core::Severity::Warning),
        count(amlnet_core::Severity::Info)
    ));
    out
}

/// The findings in a CI format (`sarif`, `github`, `gitlab`), with what SARIF needs to place fixes.
fn ci_report(format: Format, files: &[SourceFile], sources: &[&amlnet_core::Sources], diagnostics: &[Diagnostic]) -> Option<String> {
    let input = ci::Input { files, sources, diagnostics };
    match format {
        Format::Text | Format::Json => None,
        Format::Sarif => Some(ci::sarif(&input)),
        Format::Github => Some(ci::github(&input)),
        Format::Gitlab => Some(ci::gitlab(&input)),
    }
}

fn check(a: &CheckArgs, io: &mut dyn Io) -> Result<i32, Fatal> {
    let (files, shown, analysis) = load_checked(&a.inputs, &a.change, &a.policy, io)?;
    let text = match a.format {
        Format::Text => render_text(&shown, files.len(), &analysis),
        Format::Json => json(&report::Check::new(&analysis))?,
        ci => ci_report(ci, &shown, &[&analysis.sources], &analysis.diagnostics).unwrap_or_default(),
    };
    out(io, &text)?;
    Ok(i32::from(analysis.has_errors()))
}

fn export(a: &ExportArgs, io: &mut dyn Io) -> Result<i32, Fatal> {
    let format = a.to;
    let (files, shown, analysis) = load_checked(&a.inputs, &a.change, &a.policy, io)?;
    let amlnet_core::Export { files: generated, notes } = match analysis.export_checked(format, a.force) {
        Ok(export) => export,
        Err(refused) => {
            io.stderr(&render_text(&shown, files.len(), &analysis));
            io.stderr(&format!("error: {}. Fix the errors above, or pass --force to export anyway\n", refused.message()));
            return Ok(1);
        }
    };
    if !analysis.diagnostics.is_empty() {
        io.stderr(&render_text(&shown, files.len(), &analysis));
    }
    // What the format could not express natively (Terraform's azapi fallbacks), rendered like check diagnostics.
    if !notes.is_empty() {
        io.stderr(&render_list(&files, &notes));
    }
    match &a.out {
        Some(dir) => {
            io.create_dir_all(dir).map_err(|e| Fatal(format!("cannot create `{dir}`: {e}")))?;
            for file in &generated {
                let path = Path::new(dir).join(&file.path).to_string_lossy().into_owned();
                io.write_file(&path, &file.contents).map_err(|e| Fatal(format!("cannot write `{path}`: {e}")))?;
                io.stderr(&format!("wrote {path}\n"));
            }
        }
        None => {
            let mut text = String::new();
            let several = generated.len() > 1;
            for file in &generated {
                if several {
                    text.push_str(&format!("# ---- {} ----\n", file.path));
                }
                text.push_str(&file.contents);
            }
            out(io, &text)?;
        }
    }
    Ok(0)
}

/// `amlnet plan CURRENT DESIRED...`: exit 1 when the plan must not run (a refused change, or documents
/// with errors); with `--detailed-exitcode`, 2 for a plan with changes and 0 for none.
fn plan(a: &PlanArgs, io: &mut dyn Io) -> Result<i32, Fatal> {
    let policy = load_policy(&a.policy, io)?;
    let current_files = read_current_files(io, &a.current)?;
    let mut files = read_sources(io, &a.desired, a.kind)?;
    let given = Context {
        subscription_id: a.target.subscription.clone(),
        resource_group: a.target.resource_group.clone(),
        networking: a.networking.to_model().map_err(Fatal)?,
        ..Context::default()
    };
    let mut change = amlnet_core::plan::plan_files(&current_files, &files, &given);
    // The desired state is judged by the policy; its file joins the desired ones to show its own findings.
    if let Some((file, reading)) = policy {
        change.apply_policy(&reading);
        files.push(file);
    }
    let amlnet_core::plan::PlannedChange { current, desired: analysis, plan } = &change;
    // What the plan itself reports (a refused transition) is shown with the plan; other problems come first.
    let others = change.other_diagnostics();
    io.stderr(&format!("{}{}", render_list(&current_files, &current.diagnostics), render_list(&files, &others)));
    let has_errors = change.input_has_errors();
    let refused = has_errors && !a.force;
    let policy_only = !current.has_errors() && others.iter().filter(|d| d.is_error()).all(|d| amlnet_core::rules::stage(d.code) == Some("policy"));
    if refused && policy_only {
        io.stderr(
            "error: no plan towards a configuration that breaks the organization policy. Fix the errors above, or pass --force to plan anyway\n",
        );
    } else if refused {
        io.stderr("error: no plan for documents with errors: a plan from a partial reading could remove what it did not read. Fix the errors above, or pass --force to plan anyway\n");
    }
    let all_files: Vec<SourceFile> = current_files.iter().chain(&files).cloned().collect();
    let findings: Vec<Diagnostic> =
        current.diagnostics.iter().chain(&others).chain(if refused { &[][..] } else { &plan.warnings[..] }).cloned().collect();
    let text = match a.format {
        Format::Text if !refused => plan.render_text(),
        Format::Json if !refused => json(&report::Plan::from(plan))?,
        Format::Text | Format::Json => String::new(),
        ci => ci_report(ci, &all_files, &[&analysis.sources], &findings).unwrap_or_default(),
    };
    out(io, &text)?;
    Ok(if refused || has_errors || plan.has_errors() {
        1
    } else if a.detailed_exitcode && !plan.is_empty() {
        2
    } else {
        0
    })
}

/// `amlnet summary FILE...`: the cost and security summary of a configuration.
fn summary(a: &SummaryArgs, io: &mut dyn Io) -> Result<i32, Fatal> {
    let (files, analysis) = load(&a.inputs, &a.change, io)?;
    if analysis.has_errors() {
        io.stderr(&render_text(&files, files.len(), &analysis));
        io.stderr("error: no summary for documents with errors: it would describe only what could be read. Fix the errors above\n");
        return Ok(1);
    }
    let summary = amlnet_core::summary::summarize(&analysis.config);
    let text = match a.format {
        SummaryFormat::Text => summary.render_text(),
        SummaryFormat::Json => json(&report::Summary::from(&summary))?,
    };
    out(io, &text)?;
    Ok(0)
}

fn rules(io: &mut dyn Io) -> Result<i32, Fatal> {
    let mut text = String::new();
    for rule in amlnet_core::RULES {
        text.push_str(&format!("{:<50} {:<8} {}\n", rule.code, rule.severity.as_str(), rule.summary));
    }
    out(io, &text)?;
    Ok(0)
}

fn explain(code: &str, io: &mut dyn Io) -> Result<i32, Fatal> {
    let rule = amlnet_core::rules::find(code).ok_or_else(|| Fatal(format!("no rule has the code `{code}`; `amlnet rules` lists them")))?;
    out(io, &format!("# {} ({})\n\n{}\n\n{}\n", rule.code, rule.severity.as_str(), rule.summary, rule.docs.trim_end()))?;
    Ok(0)
}

fn demo(dir: Option<&str>, io: &mut dyn Io) -> Result<i32, Fatal> {
    let Some(dir) = dir else {
        out(io, amlnet_core::demo::DEMO_FILES[0].1)?;
        return Ok(0);
    };
    io.create_dir_all(dir).map_err(|e| Fatal(format!("cannot create `{dir}`: {e}")))?;
    for (name, text) in amlnet_core::demo::DEMO_FILES {
        let path = Path::new(dir).join(name).to_string_lossy().into_owned();
        io.write_file(&path, text).map_err(|e| Fatal(format!("cannot write `{path}`: {e}")))?;
        io.stderr(&format!("wrote {path}\n"));
    }
    Ok(0)
}
