//! The import panel: paste or open YAML files; the core's diagnostics are listed with file:line and
//! shown against the text. Files with errors leave the wizard as it was until the user applies them.

use amlnet_core::Diagnostic;
use yew::prelude::*;

use super::{event_value, read_chosen_files, severity_label as sev_label, StepProps};
use crate::state::Action;

fn location(d: &Diagnostic) -> String {
    let file = d.file.clone().unwrap_or_default();
    match d.range {
        Some(r) => format!("{file}:{}:{}", r.line, r.column),
        None => file,
    }
}

/// One file's text with line numbers and the diagnostics under their lines.
fn annotated(name: &str, text: &str, diagnostics: &[Diagnostic]) -> Html {
    let mine: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.file.as_deref() == Some(name)).collect();
    let unplaced: Vec<&&Diagnostic> = mine.iter().filter(|d| d.range.is_none()).collect();
    html! {
        <figure class="annotated">
            <figcaption>{ name }</figcaption>
            <ol class="source" tabindex="0" aria-label={format!("{name}, line by line")}>
                { for text.lines().enumerate().map(|(i, line)| {
                    let n = i + 1;
                    let here: Vec<&&Diagnostic> = mine.iter().filter(|d| d.range.is_some_and(|r| r.line == n)).collect();
                    let worst = here.iter().map(|d| d.severity).min();
                    html! {
                        <li class={classes!(worst.map(|s| format!("line-{}", sev_label(s))))} data-line={n.to_string()}>
                            <code>{ line }</code>
                            { for here.iter().map(|d| html! {
                                <p class={classes!("inline-msg", sev_label(d.severity))}>
                                    { format!("{} [{}]: {}", sev_label(d.severity), d.code, d.message) }
                                </p>
                            }) }
                        </li>
                    }
                }) }
            </ol>
            { for unplaced.iter().map(|d| html! { <p class={classes!("inline-msg", sev_label(d.severity))}>{ format!("{} [{}]: {}", sev_label(d.severity), d.code, d.message) }</p> }) }
        </figure>
    }
}

#[function_component(ImportPanel)]
pub fn import_panel(p: &StepProps) -> Html {
    let panel = &p.state.import;
    if !panel.open {
        return html! {};
    }
    let import_text = {
        let (d, text) = (p.dispatch.clone(), panel.text.clone());
        Callback::from(move |_| d.emit(Action::Import(vec![("pasted.yml".to_owned(), text.clone())])))
    };
    let onfiles = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| read_chosen_files(&e, &d, Action::Import))
    };
    let close = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::OpenImport(false)))
    };
    html! {
        <section id="import-panel" class="panel import" aria-labelledby="import-heading">
            <h2 id="import-heading">{ "Import YAML" }</h2>
            <div class="field">
                <label for="import-text">{ "Paste YAML" }</label>
                <p class="hint" id="import-text-hint">{ "A workspace, online endpoint or deployment document, as az ml reads it" }</p>
                <textarea id="import-text" rows="8" spellcheck="false" aria-describedby="import-text-hint" value={panel.text.clone()}
                    oninput={{ let d = p.dispatch.clone(); Callback::from(move |e: InputEvent| d.emit(Action::SetImportText(event_value(&e)))) }} />
            </div>
            <div class="actions wrap">
                <button type="button" class="primary" onclick={import_text}>{ "Import pasted YAML" }</button>
                <label class="file-button" for="import-files">{ "Open YAML files" }</label>
                <input id="import-files" class="file-input" type="file" multiple=true accept=".yml,.yaml,text/yaml" onchange={onfiles} />
                <button type="button" onclick={close}>{ "Close import" }</button>
            </div>
            if let Some(result) = &panel.result {
                <div class="import-result">
                    <h3 id="import-result-heading" tabindex="-1">{ "Import result" }</h3>
                    <p class={if result.applied { "status good" } else { "status bad" }}>
                        { if result.applied { "The wizard now holds what was imported." } else { "The files have errors; the wizard is unchanged." } }
                        { format!(" {} findings.", result.diagnostics.len()) }
                    </p>
                    if !result.applied {
                        <button type="button" onclick={{ let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::ApplyImport)) }}>{ "Apply what could be read" }</button>
                    }
                    <ul class="import-diagnostics" aria-label="Import diagnostics">
                        { for result.diagnostics.iter().map(|d| html! {
                            <li class={sev_label(d.severity)}><code>{ location(d) }</code>{ format!(" {} [{}]: {}", sev_label(d.severity), d.code, d.message) }</li>
                        }) }
                    </ul>
                    { for result.files.iter().map(|(name, text)| annotated(name, text, &result.diagnostics)) }
                </div>
            }
        </section>
    }
}
