//! The organization policy panel: paste or open a `.amlnet-policy.yml` (the format `amlnet check
//! --policy` reads); the wizard then enforces it, shows its violations at their fields and marks the
//! choices it forbids. The policy's own problems are listed here with their policy line.

use yew::prelude::*;

use super::{diagnostic_html, on_click, on_files, on_input, severity_label, StepProps};
use crate::state::Action;

/// The first chosen file's text as the policy to enforce.
fn policy_of_files(files: Vec<(String, String)>) -> Action {
    Action::LoadPolicy(files.into_iter().next().map(|(_, text)| text).unwrap_or_default())
}

pub fn policy_panel(p: &StepProps) -> Html {
    let panel = &p.state.policy;
    if !panel.open {
        return html! {};
    }
    let d = &p.dispatch;
    let enforce = on_click(d, Action::LoadPolicy(panel.text.clone()));
    let onfiles = on_files(d, policy_of_files);
    let emit = |action: Action| on_click(d, action);
    html! {
        <section id="policy-panel" class="panel policy" aria-labelledby="policy-heading">
            <h2 id="policy-heading">{ "Organization policy" }</h2>
            <p class="intro">{ "A platform team's rules for every workspace (the .amlnet-policy.yml that amlnet check finds in a repository). The wizard reports what the policy forbids at its field and marks the choices it does not allow." }</p>
            <div class="field">
                <label for="policy-text">{ "Policy" }</label>
                <p class="hint" id="policy-text-hint">{ "YAML: version: 1, name, and the sections workspace, outbound_rules, online_endpoints, online_deployments" }</p>
                <textarea id="policy-text" rows="8" spellcheck="false" aria-describedby="policy-text-hint" value={panel.text.clone()}
                    oninput={on_input(d, Action::SetPolicyText)} />
            </div>
            <div class="actions wrap">
                <button type="button" id="policy-enforce" class="primary" onclick={enforce}>{ "Enforce this policy" }</button>
                <label class="file-button" for="policy-file">{ "Open a policy file" }</label>
                <input id="policy-file" class="file-input" type="file" accept=".yml,.yaml,text/yaml" onchange={onfiles} />
                if panel.loaded.is_some() {
                    <button type="button" id="policy-clear" onclick={emit(Action::ClearPolicy)}>{ "Remove the policy" }</button>
                }
                <button type="button" onclick={emit(Action::OpenPolicy(false))}>{ "Close" }</button>
            </div>
            if let Some(loaded) = &panel.loaded {
                <div class="policy-loaded">
                    <p id="policy-status" role="status">{
                        match (&loaded.reading.policy.name, loaded.reading.has_errors()) {
                            (_, true) => "The policy has errors: every check fails until they are fixed.".to_owned(),
                            (Some(name), false) => format!("Enforcing the policy `{name}`."),
                            (None, false) => "Enforcing the policy.".to_owned(),
                        }
                    }</p>
                    if !loaded.reading.diagnostics.is_empty() {
                        <ul class="import-diagnostics" aria-label="Policy diagnostics">
                            { for loaded.reading.diagnostics.iter().map(|d| html! { <li class={severity_label(d.severity)}>{ diagnostic_html(d, &p.dispatch) }</li> }) }
                        </ul>
                    }
                </div>
            }
        </section>
    }
}
