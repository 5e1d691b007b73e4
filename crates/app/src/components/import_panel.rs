//! The import panel: paste or open YAML files; the core's diagnostics are listed with file:line and
//! shown against the text. An import replaces the whole configuration (or, when chosen, merges its
//! documents into it); files with errors leave the wizard as it was until the user applies what could
//! be read, and the result names what that left out.

use amlnet_core::Diagnostic;
use yew::prelude::*;

use super::{code_badge, on_click, on_files, on_input, rich, severity_label as sev_label, severity_word, StepProps};
use crate::state::{Action, ImportMode};
use crate::text::plural;

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
                        <li class={worst.map(|s| ["line-", sev_label(s)].concat())} data-line={n.to_string()}>
                            <code>{ line }</code>
                            { for here.iter().map(|d| html! {
                                <p class={["inline-msg ", sev_label(d.severity)].concat()} data-code={d.code}>
                                    { format!("{}: ", severity_word(d.severity)) }{ rich(&d.message) }<span class="sr-only">{ format!(" [{}]", d.code) }</span>
                                </p>
                            }) }
                        </li>
                    }
                }) }
            </ol>
            { for unplaced.iter().map(|d| html! { <p class={["inline-msg ", sev_label(d.severity)].concat()} data-code={d.code}>{ format!("{}: ", severity_word(d.severity)) }{ rich(&d.message) }</p> }) }
        </figure>
    }
}

pub fn import_panel(p: &StepProps) -> Html {
    let panel = &p.state.import;
    if !panel.open {
        return html! {};
    }
    let d = &p.dispatch;
    let import_text = on_click(d, Action::Import(vec![("pasted.yml".to_owned(), panel.text.clone())]));
    let onfiles = on_files(d, Action::Import);
    let close = on_click(d, Action::OpenImport(false));
    let mode = panel.mode;
    let set_mode = |m: ImportMode| on_click(d, Action::SetImportMode(m));
    html! {
        <section id="import-panel" class="panel import" aria-labelledby="import-heading">
            <h2 id="import-heading">{ "Import YAML" }</h2>
            <div class="field">
                <label for="import-text">{ "Paste YAML" }</label>
                <p class="hint" id="import-text-hint">{ "A workspace, online endpoint or deployment document, as az ml reads it" }</p>
                <textarea id="import-text" rows="8" spellcheck="false" aria-describedby="import-text-hint" value={panel.text.clone()}
                    oninput={on_input(d, Action::SetImportText)} />
            </div>
            <fieldset class="radios compact">
                <legend>{ "What the import does" }</legend>
                <div class="radio">
                    <input type="radio" name="import-mode" id="import-replace" checked={mode == ImportMode::Replace} onchange={set_mode(ImportMode::Replace)} aria-describedby="import-replace-desc" />
                    <label for="import-replace">{ "Replace the whole configuration" }</label>
                    <p class="hint" id="import-replace-desc">{ "Subscription, resource group, workspace, endpoint and deployments all come from the import (recommended)" }</p>
                </div>
                <div class="radio">
                    <input type="radio" name="import-mode" id="import-merge" checked={mode == ImportMode::Merge} onchange={set_mode(ImportMode::Merge)} aria-describedby="import-merge-desc" />
                    <label for="import-merge">{ "Merge into the current configuration" }</label>
                    <p class="hint" id="import-merge-desc">{ "Only the imported documents are replaced; the rest and the Basics stay" }</p>
                </div>
            </fieldset>
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
                        { format!(" {}.", plural(result.diagnostics.len(), "finding")) }
                    </p>
                    if !result.applied {
                        <p class="hint">{ "Applying leaves out every outbound rule with an error and lists the other parts that have one." }</p>
                        <button type="button" onclick={on_click(d, Action::ApplyImport)}>
                            { if mode == ImportMode::Replace { "Replace with what could be read" } else { "Merge what could be read" } }
                        </button>
                    }
                    if !result.skipped.is_empty() {
                        <div class="note warning-note" role="note">
                            <p><strong>{ "Not taken as read:" }</strong></p>
                            <ul class="skipped" aria-label="Not taken as read">{ for result.skipped.iter().map(|l| html! { <li>{ rich(l) }</li> }) }</ul>
                        </div>
                    }
                    <ul class="import-diagnostics" aria-label="Import diagnostics">
                        { for result.diagnostics.iter().map(|d| html! {
                            <li class={sev_label(d.severity)}><code>{ location(d) }</code>{ format!(" {} [{}]: ", sev_label(d.severity), d.code) }{ rich(&d.message) }{ " " }{ code_badge(d.code, &p.dispatch) }</li>
                        }) }
                    </ul>
                    { for result.files.iter().map(|(name, text)| annotated(name, text, &result.diagnostics)) }
                </div>
            }
        </section>
    }
}
