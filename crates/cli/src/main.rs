//! `amlnet`: check and export Azure ML network-isolation configurations from the command line (for CI).
//!
//! Exit codes: 0 when there are no errors, 1 when any diagnostic is an error (or an export is refused),
//! 2 for usage and I/O problems.

use amlnet_core::model::{DnsIntegration, InboundPrivateEndpoint, IsolationMode, Operation};
use amlnet_core::{analyze, Analysis, Context, Diagnostic, DocumentKind, ExportFormat, SourceFile};
use serde::Serialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
amlnet: validate and export Azure Machine Learning network-isolation configurations

Usage:
  amlnet check [OPTIONS] FILE...            check workspace, endpoint and deployment YAML ('-' reads stdin)
  amlnet export [OPTIONS] FILE... --to yaml|cli|python|arm|bicep|terraform [--out DIR] [--force]
  amlnet rules                              list every diagnostic code
  amlnet explain CODE                       the full documentation of a code
  amlnet demo [--out DIR]                   print the demo workspace (or write all demo files to DIR)
  amlnet plan CURRENT DESIRED... [--format text|json] [--subscription ID --resource-group NAME] [--force]
                                            the ordered changes (and az/Python commands) from the current
                                            state (YAML or `az ml workspace show` JSON; a directory for a
                                            workspace with its endpoint and deployments) to the desired files
  amlnet summary FILE... [--format text|json]
                                            outbound paths, exfiltration protection, billed resources, inbound access

Options:
  --format text|json        output of `check` (default text)
  --kind workspace|endpoint|deployment
                            the kind of every FILE, instead of detecting it
  --subscription ID         subscription for the generated scripts
  --resource-group NAME     resource group for the generated scripts
  --update                  the workspace exists: generate an update, judge one-way changes
  --current FILE|DIR        the workspace as it is now (YAML, or `az ml workspace show` JSON, read as `plan`
                            reads its current state); implies --update
  --current-isolation-mode MODE
                            the workspace's current isolation mode; implies --update

Networking (resources the exports add around the workspace; not keys of the workspace YAML):
  --inbound-pe-subnet ID|VNET/SUBNET
                            add a private endpoint of the workspace in this subnet (repeat for more; the
                            next four options apply to the last one)
  --inbound-pe-name NAME    its name (default <workspace>-pe)
  --inbound-pe-network-rg NAME
                            the resource group of VNET/SUBNET (default the workspace's)
  --inbound-pe-location REGION
                            its region, which must be its virtual network's (default the workspace's)
  --no-dns-integration      create no private DNS zones for it (custom DNS)
  --dns-zone-id ID          use this existing private DNS zone instead of creating the zones (repeat for
                            the API and notebooks zones)
  --no-approver-role        do not assign the approver role on the private endpoint targets of the rules
  --approver-identity ID    the user-assigned identity that gets the role (default the workspace's primary
                            user-assigned identity, else its system-assigned identity)
";

#[derive(Default)]
struct Options {
    files: Vec<String>,
    json: bool,
    kind: Option<DocumentKind>,
    to: Option<ExportFormat>,
    out: Option<PathBuf>,
    force: bool,
    context: Context,
    /// `--current FILE|DIR`: the workspace as it is now, read by `plan::read_current`.
    current: Option<String>,
}

/// A usage or I/O failure: printed, exit code 2.
struct Fatal(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Fatal(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<u8, Fatal> {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Ok(2);
    };
    match command.as_str() {
        "check" => check(&parse_options(rest)?),
        "export" => export(&parse_options(rest)?),
        "rules" => {
            let mut out = String::new();
            for rule in amlnet_core::RULES {
                out.push_str(&format!("{:<50} {:<8} {}\n", rule.code, rule.severity.as_str(), rule.summary));
            }
            print_out(&out)?;
            Ok(0)
        }
        "explain" => {
            let code = rest.first().ok_or_else(|| Fatal("`explain` needs a code; `amlnet rules` lists them".to_owned()))?;
            match amlnet_core::rules::find(code) {
                Some(rule) => {
                    print_out(&format!("# {} ({})\n\n{}\n\n{}\n", rule.code, rule.severity.as_str(), rule.summary, rule.docs.trim_end()))?;
                    Ok(0)
                }
                None => Err(Fatal(format!("no rule has the code `{code}`; `amlnet rules` lists them"))),
            }
        }
        "demo" => demo(rest),
        "plan" => plan(&parse_options(rest)?),
        "summary" => summary(&parse_options(rest)?),
        "help" | "--help" | "-h" => {
            print_out(USAGE)?;
            Ok(0)
        }
        "--version" | "-V" | "version" => {
            print_out(&format!("amlnet {}\n", amlnet_core::VERSION))?;
            Ok(0)
        }
        other => Err(Fatal(format!("unknown command `{other}`\n\n{USAGE}"))),
    }
}

fn parse_options(args: &[String]) -> Result<Options, Fatal> {
    let mut opts = Options::default();
    let mut i = 0;
    let value = |i: &mut usize, name: &str| -> Result<String, Fatal> {
        *i += 1;
        args.get(*i).cloned().ok_or_else(|| Fatal(format!("`{name}` needs a value")))
    };
    while i < args.len() {
        let arg = args[i].as_str();
        match arg {
            "--format" => {
                opts.json = match value(&mut i, arg)?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => return Err(Fatal(format!("`--format` takes text or json, not `{other}`"))),
                }
            }
            "--kind" => {
                let v = value(&mut i, arg)?;
                opts.kind =
                    Some(DocumentKind::parse(&v).ok_or_else(|| Fatal(format!("`--kind` takes workspace, endpoint or deployment, not `{v}`")))?);
            }
            "--to" => {
                let v = value(&mut i, arg)?;
                opts.to = Some(ExportFormat::parse(&v).ok_or_else(|| Fatal(format!("`--to` takes {}, not `{v}`", ExportFormat::choices(""))))?);
            }
            "--out" => opts.out = Some(PathBuf::from(value(&mut i, arg)?)),
            "--force" => opts.force = true,
            "--subscription" => opts.context.subscription_id = Some(value(&mut i, arg)?),
            "--resource-group" => opts.context.resource_group = Some(value(&mut i, arg)?),
            "--update" => opts.context.operation = Operation::Update,
            "--current-isolation-mode" => {
                let v = value(&mut i, arg)?;
                opts.context.current_isolation_mode = Some(IsolationMode::parse(&v).ok_or_else(|| {
                    Fatal(format!("`{v}` is not an isolation mode (disabled, allow_internet_outbound, allow_only_approved_outbound)"))
                })?);
                opts.context.operation = Operation::Update;
            }
            "--current" => opts.current = Some(value(&mut i, arg)?),
            "--inbound-pe-subnet" => {
                let subnet = value(&mut i, arg)?;
                opts.context.networking.inbound_private_endpoints.push(InboundPrivateEndpoint { subnet, ..InboundPrivateEndpoint::default() });
            }
            "--inbound-pe-name" | "--inbound-pe-network-rg" | "--inbound-pe-location" | "--no-dns-integration" | "--dns-zone-id" => {
                let v = if arg == "--no-dns-integration" { String::new() } else { value(&mut i, arg)? };
                let pe = opts
                    .context
                    .networking
                    .inbound_private_endpoints
                    .last_mut()
                    .ok_or_else(|| Fatal(format!("`{arg}` applies to an inbound private endpoint: give `--inbound-pe-subnet` before it")))?;
                match arg {
                    "--inbound-pe-name" => pe.name = v,
                    "--inbound-pe-network-rg" => pe.network_resource_group = Some(v),
                    "--inbound-pe-location" => pe.location = Some(v),
                    "--no-dns-integration" => pe.dns = DnsIntegration::Off,
                    _ => match &mut pe.dns {
                        DnsIntegration::Existing(ids) => ids.push(v),
                        other => *other = DnsIntegration::Existing(vec![v]),
                    },
                }
            }
            "--no-approver-role" => opts.context.networking.assign_approver_role = false,
            "--approver-identity" => opts.context.networking.approver_identity = Some(value(&mut i, arg)?),
            "-" => opts.files.push("-".to_owned()),
            flag if flag.starts_with("--") => return Err(Fatal(format!("unknown option `{flag}`\n\n{USAGE}"))),
            file => opts.files.push(file.to_owned()),
        }
        i += 1;
    }
    if let Some(path) = opts.current.clone() {
        // Read exactly as `plan` reads its current state, and judge the change in the same update context.
        let files = read_current_files(&path)?;
        let current = amlnet_core::plan::read_current(&files);
        eprint!("{}", render_list(&files, &current.diagnostics));
        opts.context = current.context(&opts.context);
    }
    if opts.files.is_empty() {
        return Err(Fatal("no input files; give one or more YAML files, or `-` for standard input".to_owned()));
    }
    Ok(opts)
}

/// Reads a file (or stdin for `-`). Invalid UTF-8 is not an I/O error: it becomes a diagnostic.
fn read_source(path: &str, kind: Option<DocumentKind>) -> Result<SourceFile, Fatal> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
    } else {
        let limit = amlnet_core::syntax::MAX_INPUT_BYTES as u64 + 1;
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes)).map_err(|e| Fatal(format!("cannot read `{path}`: {e}")))?;
    }
    let mut file = amlnet_core::SourceFile::from_bytes(path, &bytes);
    file.kind = kind;
    Ok(file)
}

fn load(opts: &Options) -> Result<(Vec<SourceFile>, Analysis), Fatal> {
    let files = opts.files.iter().map(|f| read_source(f, opts.kind)).collect::<Result<Vec<_>, _>>()?;
    let analysis = analyze(&files, opts.context.clone());
    Ok((files, analysis))
}

/// One diagnostic in `--format json`.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<&'a str>,
    code: &'a str,
    /// `reading` (azure-ai-ml's own reading of the file), `model`, `export` or `plan`.
    stage: &'static str,
    severity: &'a str,
    message: &'a str,
    path: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<&'a str>,
    fix: Option<&'a amlnet_core::Fix>,
}

fn to_json(d: &Diagnostic) -> JsonDiagnostic<'_> {
    JsonDiagnostic {
        file: d.file.as_deref(),
        code: d.code,
        stage: amlnet_core::rules::stage(d.code).unwrap_or("model"),
        severity: d.severity.as_str(),
        message: &d.message,
        path: &d.path,
        line: d.range.map(|r| r.line),
        column: d.range.map(|r| r.column),
        end_line: d.range.map(|r| r.end_line),
        end_column: d.range.map(|r| r.end_column),
        help: d.help.as_deref(),
        fix: d.fix.as_ref(),
    }
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

fn render_text(files: &[SourceFile], analysis: &Analysis) -> String {
    let mut out = render_list(files, &analysis.diagnostics);
    let count = |s: amlnet_core::Severity| analysis.diagnostics.iter().filter(|d| d.severity == s).count();
    out.push_str(&format!(
        "{} file(s) checked: {} error(s), {} warning(s), {} info\n",
        files.len(),
        count(amlnet_core::Severity::Error),
        count(amlnet_core::Severity::Warning),
        count(amlnet_core::Severity::Info)
    ));
    out
}

fn check(opts: &Options) -> Result<u8, Fatal> {
    let (files, analysis) = load(opts)?;
    if opts.json {
        let list: Vec<JsonDiagnostic<'_>> = analysis.diagnostics.iter().map(to_json).collect();
        let text = serde_json::to_string_pretty(&list).map_err(|e| Fatal(e.to_string()))?;
        print_out(&format!("{text}\n"))?;
    } else {
        print_out(&render_text(&files, &analysis))?;
    }
    Ok(u8::from(analysis.has_errors()))
}

fn export(opts: &Options) -> Result<u8, Fatal> {
    let format = opts.to.ok_or_else(|| Fatal(format!("`export` needs `--to` with {}", ExportFormat::choices(""))))?;
    let (files, analysis) = load(opts)?;
    let Ok(export) = analysis.export_checked(format, opts.force) else {
        eprint!("{}", render_text(&files, &analysis));
        eprintln!("error: {}. Fix the errors above, or pass --force to export anyway", amlnet_core::ExportRefused::MESSAGE);
        return Ok(1);
    };
    let warnings = analysis.diagnostics.iter().filter(|d| !d.is_error()).count();
    if warnings > 0 || analysis.has_errors() {
        eprint!("{}", render_text(&files, &analysis));
    }
    // What the format could not express natively (Terraform's azapi fallbacks), rendered like check diagnostics.
    if !export.notes.is_empty() {
        eprint!("{}", render_list(&files, &export.notes));
    }
    let generated = export.files;
    match &opts.out {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Fatal(format!("cannot create `{}`: {e}", dir.display())))?;
            for file in &generated {
                let path = dir.join(Path::new(&file.path));
                std::fs::write(&path, &file.contents).map_err(|e| Fatal(format!("cannot write `{}`: {e}", path.display())))?;
                eprintln!("wrote {}", path.display());
            }
        }
        None => {
            let mut out = String::new();
            let several = generated.len() > 1;
            for file in &generated {
                if several {
                    out.push_str(&format!("# ---- {} ----\n", file.path));
                }
                out.push_str(&file.contents);
            }
            print_out(&out)?;
        }
    }
    Ok(0)
}

/// `amlnet plan CURRENT DESIRED...`: exit 1 when the plan must not run (a refused change, or documents with errors).
fn plan(opts: &Options) -> Result<u8, Fatal> {
    let Some((current_path, desired_paths)) = opts.files.split_first().filter(|(_, rest)| !rest.is_empty()) else {
        return Err(Fatal("`plan` needs the current state (YAML or `az ml workspace show` JSON) and at least one desired file".to_owned()));
    };
    let current_files = read_current_files(current_path)?;
    let files = desired_paths.iter().map(|f| read_source(f, opts.kind)).collect::<Result<Vec<_>, _>>()?;
    let change = amlnet_core::plan::plan_files(&current_files, &files, &opts.context);
    let plan = &change.plan;
    // What the plan itself reports (a refused transition) is shown with the plan; other problems come first.
    eprint!("{}{}", render_list(&current_files, &change.current.diagnostics), render_list(&files, &change.other_diagnostics()));
    let has_errors = change.input_has_errors();
    if has_errors && !opts.force {
        eprintln!("error: no plan for documents with errors: a plan from a partial reading could remove what it did not read. Fix the errors above, or pass --force to plan anyway");
        return Ok(1);
    }
    if opts.json {
        let text = serde_json::to_string_pretty(plan).map_err(|e| Fatal(e.to_string()))?;
        print_out(&format!("{text}\n"))?;
    } else {
        print_out(&plan.render_text())?;
    }
    Ok(u8::from(has_errors || plan.has_errors()))
}

/// The current state: one file, or every `.yml`, `.yaml` and `.json` file of a directory (a workspace
/// with its endpoint and deployments, e.g. the output of `az ml workspace show`, `online-endpoint show`
/// and `online-deployment show`), in name order.
fn read_current_files(path: &str) -> Result<Vec<SourceFile>, Fatal> {
    let dir = Path::new(path);
    if !dir.is_dir() {
        return Ok(vec![read_source(path, None)?]);
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Fatal(format!("cannot read `{path}`: {e}")))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml" | "json")))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Fatal(format!("`{path}` holds no .yml, .yaml or .json file")));
    }
    paths.iter().map(|p| read_source(&p.to_string_lossy(), None)).collect()
}

/// `amlnet summary FILE...`: the cost and security summary of a configuration.
fn summary(opts: &Options) -> Result<u8, Fatal> {
    let (files, analysis) = load(opts)?;
    if analysis.has_errors() {
        eprint!("{}", render_text(&files, &analysis));
        eprintln!("error: no summary for documents with errors: it would describe only what could be read. Fix the errors above");
        return Ok(1);
    }
    let summary = amlnet_core::summary::summarize(&analysis.config);
    if opts.json {
        let text = serde_json::to_string_pretty(&summary).map_err(|e| Fatal(e.to_string()))?;
        print_out(&format!("{text}\n"))?;
    } else {
        print_out(&summary.render_text())?;
    }
    Ok(0)
}

fn demo(args: &[String]) -> Result<u8, Fatal> {
    match args {
        [] => {
            print_out(amlnet_core::demo::DEMO_FILES[0].1)?;
            Ok(0)
        }
        [flag, dir] if flag == "--out" => {
            std::fs::create_dir_all(dir).map_err(|e| Fatal(format!("cannot create `{dir}`: {e}")))?;
            for (name, text) in amlnet_core::demo::DEMO_FILES {
                let path = Path::new(dir).join(name);
                std::fs::write(&path, text).map_err(|e| Fatal(format!("cannot write `{}`: {e}", path.display())))?;
                eprintln!("wrote {}", path.display());
            }
            Ok(0)
        }
        _ => Err(Fatal("usage: amlnet demo [--out DIR]".to_owned())),
    }
}

/// Writes to stdout; a closed pipe (`amlnet rules | head`) is not an error.
fn print_out(text: &str) -> Result<(), Fatal> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Fatal(format!("cannot write output: {e}"))),
        _ => Ok(()),
    }
}
