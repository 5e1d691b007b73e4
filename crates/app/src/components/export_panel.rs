//! The export panel: tabs YAML | Azure CLI | Python | ARM | Bicep | Terraform with the core's generated
//! files, each with copy and download, plus a ZIP of all files. Shown with a mark when the configuration
//! has errors; what a format cannot express natively (the core's export notes) is listed above its files.

use amlnet_core::{export, export_notes, ExportFormat};
use yew::prelude::*;

use super::{diagnostic_line, severity_label, StepProps};
use crate::state::Action;
use crate::web;

fn tab_label(f: ExportFormat) -> &'static str {
    f.label()
}

#[function_component(ExportPanel)]
pub fn export_panel(p: &StepProps) -> Html {
    let active = use_state(|| ExportFormat::Yaml);
    let files = export(&p.state.config, *active);
    let notes = export_notes(&p.state.config, *active);
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
    let download_all = {
        let (config, d) = (p.state.config.clone(), p.dispatch.clone());
        Callback::from(move |_| {
            let all: Vec<(String, String)> = ExportFormat::ALL.iter().flat_map(|f| export(&config, *f)).map(|g| (g.path, g.contents)).collect();
            web::download_bytes("amlnet-export.zip", &crate::zip::zip(&all), "application/zip");
            d.emit(Action::Notice(format!("Downloaded amlnet-export.zip with {} files", all.len())));
        })
    };
    html! {
        <section class={classes!("panel", "exports", (errors > 0).then_some("has-errors"))} aria-labelledby="exports-heading">
            <h2 id="exports-heading">{ "Export" }</h2>
            if errors > 0 {
                <p class="status bad" id="export-warning">{ format!("The configuration has {errors} errors: Azure would reject these files. Fix them on the steps, or see Review + export.") }</p>
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
            <div role="tabpanel" id={format!("panel-{}", active.as_str())} aria-labelledby={format!("tab-{}", active.as_str())}>
                if !notes.is_empty() {
                    <ul class="export-notes" aria-label={format!("Notes on the {} export", tab_label(*active))}>
                        { for notes.iter().map(|d| html! {
                            <li class={severity_label(d.severity)}>{ diagnostic_line(d) }</li>
                        }) }
                    </ul>
                }
                { for files.iter().enumerate().map(|(i, file)| {
                    let copy = {
                        let (text, name, d) = (file.contents.clone(), file.path.clone(), p.dispatch.clone());
                        Callback::from(move |_| {
                            let (d, name) = (d.clone(), name.clone());
                            web::copy(text.clone(), move |ok| d.emit(Action::Notice(if ok { format!("Copied {name}") } else { format!("Could not copy {name}") })));
                        })
                    };
                    let download = {
                        let (text, name, d) = (file.contents.clone(), file.path.clone(), p.dispatch.clone());
                        Callback::from(move |_| {
                            web::download_text(&name, &text);
                            d.emit(Action::Notice(format!("Downloaded {name}")));
                        })
                    };
                    let pre_id = format!("export-{}-{i}", active.as_str());
                    html! {
                        <div class="file">
                            <div class="file-head">
                                <h3 id={format!("{pre_id}-name")}>{ &file.path }</h3>
                                <button type="button" onclick={copy} aria-label={format!("Copy {}", file.path)}>{ "Copy" }</button>
                                <button type="button" onclick={download} aria-label={format!("Download {}", file.path)}>{ "Download" }</button>
                            </div>
                            <pre id={pre_id.clone()} class="code" data-file={file.path.clone()} tabindex="0" aria-labelledby={format!("{pre_id}-name")}>{ &file.contents }</pre>
                        </div>
                    }
                }) }
            </div>
            <div class="actions">
                <button type="button" onclick={download_all}>{ "Download all files (.zip)" }</button>
            </div>
        </section>
    }
}
