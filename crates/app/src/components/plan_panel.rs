//! The change-plan view: paste or open the workspace as it is now (YAML, or the JSON that
//! `az ml workspace show` prints) in [`PlanPanel`], edit the desired configuration in the wizard, and see
//! the core's plan from one to the other in [`PlanView`] beside the diagram: warnings first, then the
//! ordered steps, then the whole plan as a bash and a Python script to copy or download. The plan is
//! the full core's (`crate::full`, loaded the first time a current state is given), from the files
//! read as the current state to the wizard's YAML; reading the current state stays in the app's wasm.

use amlnet_core::plan::StepKind;
use amlnet_core::Config;
use yew::prelude::*;

use super::{diagnostic_html, on_click, on_files, on_input, severity_label, StepProps};
use crate::full::{self, FullPlan};
use crate::state::Action;
use crate::text::plural;
use crate::web;

fn step_label(kind: StepKind) -> &'static str {
    match kind {
        StepKind::DeleteFirst => "Delete first",
        StepKind::UpdateWorkspace => "Update workspace",
        StepKind::RemoveRule => "Remove rule",
        StepKind::AssignApproverRole => "Assign approver role",
        StepKind::SetRule => "Set rule",
        StepKind::CreateInboundEndpoint => "Add inbound private endpoint",
        StepKind::ProvisionNetwork => "Provision network",
        StepKind::CreateEndpoint => "Create endpoint",
        StepKind::UpdateEndpoint => "Update endpoint",
        StepKind::RecreateDeployment => "Recreate deployment",
        StepKind::CreateDeployment => "Create deployment",
    }
}

/// A generated script with copy and download buttons.
fn script(p: &StepProps, id: &'static str, name: &'static str, text: &str) -> Html {
    let copy = {
        let (text, d) = (text.to_owned(), p.dispatch.clone());
        Callback::from(move |_| {
            let d = d.clone();
            web::copy(text.clone(), move |ok| d.emit(Action::Notice(if ok { format!("Copied {name}") } else { format!("Could not copy {name}") })));
        })
    };
    let download = {
        let (text, d) = (text.to_owned(), p.dispatch.clone());
        Callback::from(move |_| {
            web::download_text(name, &text);
            d.emit(Action::Notice(format!("Downloaded {name}")));
        })
    };
    html! {
        <div class="file">
            <div class="file-head">
                <h3 id={format!("{id}-name")}>{ name }</h3>
                <button type="button" onclick={copy} aria-label={format!("Copy {name}")}>{ "Copy" }</button>
                <button type="button" onclick={download} aria-label={format!("Download {name}")}>{ "Download" }</button>
            </div>
            <pre id={id} class="code" data-file={name} tabindex="0" aria-labelledby={format!("{id}-name")}>{ text }</pre>
        </div>
    }
}

pub fn plan_panel(p: &StepProps) -> Html {
    let panel = &p.state.plan;
    if !panel.open {
        return html! {};
    }
    let d = &p.dispatch;
    let text = &panel.text;
    let read_text = on_click(d, Action::LoadCurrent(vec![(amlnet_core::plan::current_file_name(text).to_owned(), text.clone())]));
    let onfiles = on_files(d, Action::LoadCurrent);
    let emit = |action: Action| on_click(d, action);
    html! {
        <section id="plan-panel" class="panel plan" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{ "Plan a change" }</h2>
            <p class="intro">{ "Give the workspace as it is now; the wizard holds what you want. The plan lists what changes, in order, with the commands and what to know before running them." }</p>
            <div class="field">
                <label for="plan-text">{ "Current state" }</label>
                <p class="hint" id="plan-text-hint">{ "YAML as az ml reads it, or the JSON printed by az ml workspace show -n <name> -g <group>" }</p>
                <textarea id="plan-text" rows="8" spellcheck="false" aria-describedby="plan-text-hint" value={panel.text.clone()}
                    oninput={on_input(d, Action::SetPlanText)} />
            </div>
            <div class="actions wrap">
                <button type="button" class="primary" onclick={read_text}>{ "Use as current state" }</button>
                <label class="file-button" for="plan-files">{ "Open current-state files" }</label>
                <input id="plan-files" class="file-input" type="file" multiple=true accept=".yml,.yaml,.json,text/yaml,application/json" onchange={onfiles} />
                <button type="button" onclick={emit(Action::OpenPlan(false))}>{ "Close plan" }</button>
            </div>
            if let Some(current) = &panel.current {
                <div class="plan-current">
                    <h3 id="plan-current-heading" tabindex="-1">{ "Current state" }</h3>
                    <p>{ format!("Read {}: {}.", current.files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "), describe(&current.config)) }</p>
                    if !current.diagnostics.is_empty() {
                        <ul class="import-diagnostics" aria-label="Current state diagnostics">
                            { for current.diagnostics.iter().map(|d| html! { <li class={severity_label(d.severity)}>{ diagnostic_html(d, &p.dispatch) }</li> }) }
                        </ul>
                    }
                    <div class="actions wrap">
                        <button type="button" onclick={emit(Action::EditFromCurrent)}>{ "Edit a copy of the current state" }</button>
                        <button type="button" onclick={emit(Action::ForgetCurrent)}>{ "Forget the current state" }</button>
                    </div>
                </div>
            }
        </section>
    }
}

/// What a plan is made from: the files read as the current state and the wizard's configuration.
pub type PlanKey = (Vec<(String, String)>, Config);

/// The last plan the full core gave, with what it is for (the root's state).
pub type LastPlan = Option<(PlanKey, Result<FullPlan, String>)>;

/// The key of the plan to show: `None` without a current state.
pub fn plan_key(state: &crate::state::State) -> Option<PlanKey> {
    state.plan.current.as_ref().map(|c| (c.files.clone(), state.config.clone()))
}

/// Asks the full core for the plan of `key` unless `last` is already for it (the root's effect on a
/// new key); the answer goes into `last`.
pub fn request_plan(last: &UseStateHandle<LastPlan>, key: &Option<PlanKey>) {
    let fresh = matches!((&**last, key), (Some((k, _)), Some(key)) if k == key);
    if let (Some(key), false) = (key.clone(), fresh) {
        let last = last.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = full::plan(&key.0, &key.1).await;
            last.set(Some((key, result)));
        });
    }
}

/// The plan from the current state to the wizard's configuration, beside the diagram so that it
/// follows every edit; shown while a current state is loaded. While the full core loads or works on
/// an edit, the section is `aria-busy` (keeping the last plan, if any, so typing does not make it jump).
pub fn plan_view(p: &StepProps, key: Option<PlanKey>, last: &LastPlan) -> Html {
    let Some(key) = key else { return html! {} };
    let (busy, result) = match last {
        Some((k, result)) => (*k != key, Some(result)),
        None => (true, None),
    };
    let body = match result {
        None => html! { <p class="status" id="plan-loading">{ "Loading the planner…" }</p> },
        Some(Err(e)) => html! { <p class="status bad" id="plan-failed">{ format!("Could not load the planner: {e}") }</p> },
        Some(Ok(change)) => plan_body(p, change),
    };
    html! {
        <section class="panel plan plan-result" aria-labelledby="plan-result-heading" aria-busy={busy.then_some("true")}>
            <h2 id="plan-result-heading">{ "Change plan" }</h2>
            <p class="hint">{ "From the current state to what the wizard holds; it follows every edit." }</p>
            { body }
        </section>
    }
}

fn plan_body(p: &StepProps, change: &FullPlan) -> Html {
    html! {
        <>
            if change.has_errors {
                <p class="status bad" id="plan-status">{ "Do not run this plan: Azure refuses part of it (see the errors below)." }</p>
            } else if change.steps.is_empty() {
                <p class="status good" id="plan-status">{ "Nothing changes: the workspace already is what the wizard holds." }</p>
            } else {
                <p class="status" id="plan-status">{ format!("{}, {} to know first.", plural(change.steps.len(), "step"), plural(change.warnings.len(), "thing")) }</p>
            }
            if !change.warnings.is_empty() {
                <ul class="plan-warnings" aria-label="Before you run the plan">
                    { for change.warnings.iter().map(|d| html! { <li class={["finding ", severity_label(d.severity)].concat()} data-code={d.code}>{ diagnostic_html(d, &p.dispatch) }</li> }) }
                </ul>
            }
            if !change.steps.is_empty() {
                <ol class="plan-steps" aria-label="Plan steps">
                    { for change.steps.iter().map(|s| {
                        let label = s.kind.map_or("Step", step_label);
                        html! {
                            <li data-kind={label}>
                                <strong>{ &s.title }</strong>
                                <span class="kind">{ format!(" ({label})") }</span>
                                if !s.detail.is_empty() { <p class="hint">{ &s.detail }</p> }
                            </li>
                        }
                    }) }
                </ol>
                { script(p, "plan-bash", "plan.sh", &change.bash) }
                { script(p, "plan-python", "amlnet_plan.py", &change.python) }
            }
        </>
    }
}

/// One line about what the current state holds.
fn describe(config: &amlnet_core::Config) -> String {
    let mut parts = Vec::new();
    if let Some(ws) = &config.workspace {
        let mode = ws.managed_network.as_ref().and_then(|m| m.isolation_mode).map_or("no managed network", |m| m.portal_name());
        let name = if ws.name.is_empty() { "a workspace".to_owned() } else { format!("workspace {}", ws.name) };
        parts.push(format!("{name} ({mode}, {})", plural(config.rules().len(), "user-defined rule")));
    }
    if let Some(ep) = &config.endpoint {
        parts.push(format!("endpoint {}", ep.name));
    }
    if !config.deployments.is_empty() {
        parts.push(plural(config.deployments.len(), "deployment"));
    }
    if parts.is_empty() {
        "nothing that amlnet could read".to_owned()
    } else {
        parts.join(", ")
    }
}
