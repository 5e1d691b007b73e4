//! The export panel: tabs YAML | Azure CLI | Python | ARM | Bicep | Terraform with the core's generated
//! files, each with copy and download, plus a ZIP of all files. With errors, Copy and Download ask first
//! and say what is wrong ([`ExportQuestion`]), as the CLI refuses without `--force`; what a format
//! cannot express natively (the core's export notes) is listed above its files. The code is coloured
//! by a small tokenizer (`highlight.rs`), can wrap, and marks the lines the last edit changed. YAML,
//! Azure CLI and Python come from the app's own wasm; ARM, Bicep and Terraform (files and notes) from
//! the full core, loaded the first time such a tab is opened (`crate::full`), with a loading state.

use amlnet_core::{Config, ExportFormat, GeneratedFile};
use yew::prelude::*;

use super::highlight::{changed_lines, highlight};
use super::modal::Modal;
use super::{diagnostic_html, on_click, severity_label, StepProps};
use crate::full::{self, local_export, FullExport};
use crate::state::{Action, ExportIntent, ExportKind, Step};
use crate::text::plural;
use crate::web;

fn tab_label(f: ExportFormat) -> &'static str {
    f.label()
}

/// The files of `format`: from the app's wasm, or from the full core (loaded on first use).
async fn files_of(config: &Config, format: ExportFormat) -> Result<Vec<GeneratedFile>, String> {
    match local_export(config, format) {
        Some(files) => Ok(files),
        None => full::export(config, format).await.map(|e| e.files),
    }
}

/// Runs a copy or download (after the question, or at once without errors).
pub fn run(intent: ExportIntent, config: &Config, dispatch: &Callback<Action>) {
    let (config, dispatch) = (config.clone(), dispatch.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match intent.kind {
            ExportKind::Zip => {
                let mut all: Vec<(String, String)> = Vec::new();
                for f in ExportFormat::ALL {
                    match files_of(&config, f).await {
                        Ok(files) => all.extend(files.into_iter().map(|g| (g.path, g.contents))),
                        Err(e) => return dispatch.emit(Action::Notice(format!("Could not build the ZIP: {e}"))),
                    }
                }
                web::download_bytes("amlnet-export.zip", &crate::zip::zip(&all), "application/zip");
                dispatch.emit(Action::Notice(format!("Downloaded amlnet-export.zip with {}", plural(all.len(), "file"))));
            }
            kind => {
                let file = match files_of(&config, intent.format).await {
                    Ok(files) => files.into_iter().nth(intent.index),
                    Err(e) => return dispatch.emit(Action::Notice(format!("Could not export: {e}"))),
                };
                let Some(file) = file else { return };
                let name = file.path.clone();
                if kind == ExportKind::Copy {
                    let d = dispatch.clone();
                    web::copy(file.contents, move |ok| {
                        d.emit(Action::Notice(if ok { format!("Copied {name}") } else { format!("Could not copy {name}") }))
                    });
                } else {
                    web::download_text(&name, &file.contents);
                    dispatch.emit(Action::Notice(format!("Downloaded {name}")));
                }
            }
        }
    });
}

/// "Copy workspace.yml", "Download all files (.zip)". Every format but YAML is one file of a fixed name.
fn what(intent: ExportIntent, config: &Config) -> String {
    let name = || match intent.format.file_name() {
        Some(name) => name.to_owned(),
        None => full::yaml_files(config).into_iter().nth(intent.index).map(|(path, _)| path).unwrap_or_default(),
    };
    match intent.kind {
        ExportKind::Copy => format!("Copy {}", name()),
        ExportKind::Download => format!("Download {}", name()),
        ExportKind::Zip => "Download all files (.zip)".to_owned(),
    }
}

/// The question before exporting a configuration with errors: what is wrong, then "anyway" or not.
pub fn export_question(intent: ExportIntent, p: &StepProps) -> Html {
    let errors: Vec<&amlnet_core::Diagnostic> = p.diagnostics.iter().filter(|d| d.is_error()).collect();
    let label = what(intent, &p.state.config);
    let anyway = {
        let (d, config) = (p.dispatch.clone(), p.state.config.clone());
        Callback::from(move |_| {
            d.emit(Action::CloseExportQuestion);
            run(intent, &config, &d);
        })
    };
    let review = {
        let d = p.dispatch.clone();
        Callback::from(move |_| {
            d.emit(Action::CloseExportQuestion);
            d.emit(Action::GoTo(Step::Review));
        })
    };
    html! {
        <Modal id="export-question" title_id="export-question-title" close={Action::CloseExportQuestion} dispatch={p.dispatch.clone()}>
            <h2 id="export-question-title" tabindex="-1">{ format!("The configuration has {}", plural(errors.len(), "error")) }</h2>
            <p>{ "Azure would reject these files. The amlnet CLI refuses to export them without " }<code>{ "--force" }</code>{ "." }</p>
            <ul class="findings">
                { for errors.iter().take(5).map(|d| html! { <li class="finding error">{ diagnostic_html(d, &p.dispatch) }</li> }) }
                if errors.len() > 5 { <li>{ format!("and {} more (see Review + export)", plural(errors.len() - 5, "error")) }</li> }
            </ul>
            <div class="actions wrap">
                <button type="button" class="primary" onclick={review}>{ "Show the errors" }</button>
                <button type="button" class="danger" onclick={anyway}>{ format!("{label} anyway") }</button>
                <button type="button" onclick={on_click(&p.dispatch, Action::CloseExportQuestion)}>{ "Cancel" }</button>
            </div>
        </Modal>
    }
}

/// The full core's answer for a format and configuration.
type LazyExport = Option<(ExportFormat, Config, Result<FullExport, String>)>;

/// Per file (`format/path`), the text last seen and the lines that changed before it.
type Seen = Vec<(String, String, Vec<bool>)>;

/// The export panel's own state, kept by the root's hooks ([`use_exports`]) so that the panel is a
/// plain function.
pub struct Exports {
    active: UseStateHandle<ExportFormat>,
    wrap: UseStateHandle<bool>,
    /// The last answer of the full core, with the format and configuration it is for.
    lazy: UseStateHandle<LazyExport>,
    /// The files of the active tab when the app's own wasm makes them.
    local: Option<Vec<GeneratedFile>>,
    /// Per file, the text last seen and the lines that changed before it.
    seen: std::rc::Rc<std::cell::RefCell<Seen>>,
}

/// The export panel's state for `config`; asks the full core for the active tab's files when the
/// format or the configuration changes (a failed load is tried again on the next edit or tab switch).
#[hook]
pub fn use_exports(config: &Config) -> Exports {
    let active = use_state(|| ExportFormat::Yaml);
    let wrap = use_state(|| false);
    let lazy = use_state(LazyExport::default);
    let local = local_export(config, *active);
    {
        let lazy = lazy.clone();
        use_effect_with((*active, config.clone(), local.is_none()), move |(format, config, needed)| {
            let fresh = matches!(&*lazy, Some((f, c, _)) if f == format && c == config);
            if *needed && !fresh {
                let (format, config) = (*format, config.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = full::export(&config, format).await;
                    lazy.set(Some((format, config, result)));
                });
            }
        });
    }
    let seen = use_mut_ref(Seen::new);
    Exports { active, wrap, lazy, local, seen }
}

pub fn export_panel(p: &StepProps, x: &Exports) -> Html {
    let (active, wrap, lazy) = (x.active.clone(), x.wrap.clone(), x.lazy.clone());
    // While the full core works on an edit, the tab keeps its last files of the same format (marked
    // busy), so typing does not make the panel jump; the loading line shows only when there are none.
    let (files, notes, loading, failed) = match &x.local {
        Some(files) => (files.clone(), Vec::new(), false, None),
        None => match &*lazy {
            Some((f, c, result)) if *f == *active => {
                let busy = *c != p.state.config;
                match result {
                    Ok(e) => (e.files.clone(), e.notes.clone(), busy, None),
                    Err(e) => (Vec::new(), Vec::new(), busy, Some(e.clone())),
                }
            }
            _ => (Vec::new(), Vec::new(), true, None),
        },
    };
    // What the last edit changed, as nginxconfig.io shows it: per file, the text last seen and the lines
    // that differ from the one before; kept until the file changes again (a tab switch shows none).
    let marks: Vec<Vec<bool>> = {
        let mut seen = x.seen.borrow_mut();
        files
            .iter()
            .map(|f| {
                let key = format!("{}/{}", active.as_str(), f.path);
                match seen.iter_mut().find(|(k, _, _)| *k == key) {
                    Some((_, text, marks)) if *text == f.contents => marks.clone(),
                    Some((_, text, marks)) => {
                        *marks = changed_lines(text, &f.contents);
                        text.clone_from(&f.contents);
                        marks.clone()
                    }
                    None => {
                        seen.push((key, f.contents.clone(), Vec::new()));
                        Vec::new()
                    }
                }
            })
            .collect()
    };
    let errors = p.diagnostics.iter().filter(|d| d.is_error()).count();
    let select = |f: ExportFormat| {
        let active = active.clone();
        Callback::from(move |_| active.set(f))
    };
    let onkeydown = {
        let active = active.clone();
        Callback::from(move |e: KeyboardEvent| {
            let n = ExportFormat::ALL.len();
            let i = ExportFormat::ALL.iter().position(|f| f == &*active).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (i + 1) % n,
                "ArrowLeft" => (i + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            active.set(ExportFormat::ALL[next]);
            web::focus(&format!("tab-{}", ExportFormat::ALL[next].as_str()));
        })
    };
    // With errors, ask first; without, export at once.
    let request = |kind: ExportKind, index: usize| {
        let (d, config, format) = (p.dispatch.clone(), p.state.config.clone(), *active);
        Callback::from(move |_| {
            let intent = ExportIntent { kind, format, index };
            if errors > 0 {
                d.emit(Action::AskExport(intent));
            } else {
                run(intent, &config, &d);
            }
        })
    };
    let toggle_wrap = {
        let wrap = wrap.clone();
        Callback::from(move |_| wrap.set(!*wrap))
    };
    html! {
        <section class={if errors > 0 { "panel exports has-errors" } else { "panel exports" }} aria-labelledby="exports-heading">
            <div class="file-head">
                <h2 id="exports-heading">{ "Export" }</h2>
                <label class="inline-check"><input type="checkbox" id="wrap-lines" checked={*wrap} onchange={toggle_wrap} />{ " Wrap lines" }</label>
            </div>
            if errors > 0 {
                <p class="status bad" id="export-warning">{ format!("The configuration has {}: Azure would reject these files. Copy and Download ask first; fix them on the steps, or see Review + export.", plural(errors, "error")) }</p>
            }
            <div role="tablist" aria-label="Export format" class="tabs" {onkeydown}>
                { for ExportFormat::ALL.iter().map(|f| {
                    let selected = *f == *active;
                    html! {
                        <button type="button" role="tab" id={format!("tab-{}", f.as_str())} aria-selected={selected.to_string()}
                            aria-controls={format!("panel-{}", f.as_str())} tabindex={if selected { "0" } else { "-1" }} onclick={select(*f)}>
                            { tab_label(*f) }
                        </button>
                    }
                }) }
            </div>
            <div role="tabpanel" id={format!("panel-{}", active.as_str())} aria-labelledby={format!("tab-{}", active.as_str())} aria-busy={loading.then_some("true")}>
                if loading && files.is_empty() {
                    <p class="status" id="export-loading">{ format!("Loading the {} export…", tab_label(*active)) }</p>
                }
                if let Some(e) = &failed {
                    <p class="status bad" id="export-failed">{ format!("Could not load the {} export: {e}", tab_label(*active)) }</p>
                }
                if !notes.is_empty() {
                    <ul class="export-notes" aria-label={format!("Notes on the {} export", tab_label(*active))}>
                        { for notes.iter().map(|d| html! {
                            <li class={severity_label(d.severity)} data-code={d.code}>{ diagnostic_html(d, &p.dispatch) }</li>
                        }) }
                    </ul>
                }
                { for files.iter().enumerate().map(|(i, file)| {
                    let pre_id = format!("export-{}-{i}", active.as_str());
                    html! {
                        <div class="file">
                            <div class="file-head">
                                <h3 id={format!("{pre_id}-name")}>{ &file.path }</h3>
                                <button type="button" onclick={request(ExportKind::Copy, i)} aria-label={format!("Copy {}", file.path)}>{ "Copy" }</button>
                                <button type="button" onclick={request(ExportKind::Download, i)} aria-label={format!("Download {}", file.path)}>{ "Download" }</button>
                            </div>
                            <pre id={pre_id.clone()} class={if *wrap { "code wrap" } else { "code" }} data-file={file.path.clone()} tabindex="0" aria-labelledby={format!("{pre_id}-name")}>{ highlight(&file.path, &file.contents, marks.get(i).map_or(&[][..], Vec::as_slice)) }</pre>
                        </div>
                    }
                }) }
            </div>
            <div class="actions">
                <button type="button" onclick={request(ExportKind::Zip, 0)}>{ "Download all files (.zip)" }</button>
            </div>
        </section>
    }
}
