//! Step 3, Outbound rules: the required rules (read-only, with the reason), the user-defined rules
//! table with edit and delete, and one-click recommended sets.

use amlnet_core::catalog::{RECOMMENDED_SETS, REQUIRED_RULES};
use amlnet_core::model::{Destination, IsolationMode, OutboundRule};
use yew::prelude::*;

use super::messages::Messages;
use super::{step_heading, StepProps};
use crate::state::{Action, Anchor, Step};

/// The destination column of the rules table.
pub fn destination_text(rule: &OutboundRule) -> String {
    match &rule.destination {
        Destination::PrivateEndpoint(pe) => {
            let name = pe.service_resource_id.rsplit('/').next().unwrap_or_default();
            let spark = if pe.spark_enabled { ", Spark" } else { "" };
            format!("{name} ({}{spark})", pe.subresource_target)
        }
        Destination::ServiceTag(st) => format!("{} {} {}", st.service_tag, st.protocol, st.port_ranges),
        Destination::Fqdn(f) => f.destination.clone(),
    }
}

/// "1 error, 2 warnings" for the status column.
fn found_summary(found: &[amlnet_core::Diagnostic]) -> Html {
    let errors = found.iter().filter(|d| d.is_error()).count();
    let warnings = found.len() - errors;
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(format!("{errors} error{}", if errors == 1 { "" } else { "s" }));
    }
    if warnings > 0 {
        parts.push(format!("{warnings} warning{}", if warnings == 1 { "" } else { "s" }));
    }
    html! { <span class={if errors > 0 { "status bad" } else { "status warn" }}>{ parts.join(", ") }</span> }
}

#[function_component(Rules)]
pub fn rules(p: &StepProps) -> Html {
    let mode = p.state.isolation_mode();
    let rules = p.state.rules();
    let open_new = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::OpenRuleDialog(None)))
    };
    html! {
        <section aria-labelledby="step-rules-heading">
            { step_heading(Step::Rules, "Where compute in the managed network may connect. The service adds the required rules itself.") }
            if p.state.is_project() {
                <p class="note" role="note">{ "A Foundry project has no outbound rules of its own: it uses its hub's. Add rules to the hub (Foundry hub on the Basics step)." }</p>
            } else if mode == IsolationMode::Disabled {
                <p class="note" role="note">{ "Outbound rules belong to a managed network. Choose Private with Internet Outbound or Private with Approved Outbound on the Networking step; rules added here are flagged until then." }</p>
            }
            <h3>{ "Required rules (added by the service)" }</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Required rules">
                <table class="required">
                    <thead><tr><th scope="col">{ "Destination" }</th><th scope="col">{ "Type" }</th><th scope="col">{ "Reason" }</th></tr></thead>
                    <tbody>
                        { for REQUIRED_RULES.iter().map(|r| html! {
                            <tr><td>{ r.destination }</td><td>{ r.kind }</td><td>{ r.reason }</td></tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <h3 id="user-rules-heading">{ format!("User-defined rules ({})", rules.len()) }</h3>
            <div class="actions">
                <button id="add-rule" type="button" class="primary" onclick={open_new}>{ "Add user-defined outbound rules" }</button>
            </div>
            if rules.is_empty() {
                <p class="empty">{ "No user-defined rules yet." }</p>
            } else {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="user-rules-heading">
                    <table class="rules">
                        <thead><tr>
                            <th scope="col">{ "Rule name" }</th><th scope="col">{ "Destination type" }</th>
                            <th scope="col">{ "Destination" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Actions" }</th>
                        </tr></thead>
                        <tbody>
                            { for rules.iter().enumerate().map(|(i, rule)| {
                                let found = p.at(Anchor::Rule(i));
                                let edit = { let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::OpenRuleDialog(Some(i)))) };
                                let delete = { let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::DeleteRule(i))) };
                                let label = if rule.name.is_empty() { format!("rule {}", i + 1) } else { rule.name.clone() };
                                html! {
                                    <>
                                    <tr class={classes!(found.iter().any(|d| d.is_error()).then_some("has-error"))}>
                                        <th scope="row">{ &rule.name }</th>
                                        <td>{ rule.destination.rule_type().portal_name() }</td>
                                        <td class="dest">{ destination_text(rule) }</td>
                                        <td>
                                            if found.is_empty() { <span class="ok">{ "OK" }</span> }
                                            else { { found_summary(&found) } }
                                        </td>
                                        <td class="row-actions">
                                            <button id={format!("rule-{i}-edit")} type="button" onclick={edit}
                                                aria-label={format!("Edit {label}")} aria-describedby={(!found.is_empty()).then(|| format!("rule-{i}-msg"))}>{ "Edit" }</button>
                                            <button type="button" class="danger" onclick={delete} aria-label={format!("Delete {label}")}>{ "Delete" }</button>
                                        </td>
                                    </tr>
                                    if !found.is_empty() {
                                        <tr class="msg-row"><td colspan="5"><Messages id={format!("rule-{i}-msg")} diagnostics={found.clone()} /></td></tr>
                                    }
                                    </>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <h3>{ "Recommended sets" }</h3>
            <p class="hint">{ "FQDN rules for common tasks (approved outbound only). Rules whose name exists are skipped." }</p>
            <div class="actions wrap">
                { for RECOMMENDED_SETS.iter().map(|set| {
                    let d = p.dispatch.clone();
                    let id = set.id.to_owned();
                    html! { <button type="button" onclick={Callback::from(move |_| d.emit(Action::AddRecommendedSet(id.clone())))}>{ format!("Add {}", set.label) }</button> }
                }) }
            </div>
        </section>
    }
}
