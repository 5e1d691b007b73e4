//! Step 3, Outbound rules: the required rules (read-only, with the reason, collapsed), the user-defined
//! rules table with edit and delete (a filter once there are many, findings that repeat for several
//! rules shown once above it), and one-click recommended sets where the mode accepts FQDN rules.

use amlnet_core::catalog::{RECOMMENDED_SETS, REQUIRED_RULES};
use amlnet_core::model::{Destination, IsolationMode, OutboundRule};
use yew::prelude::*;

use super::messages::messages;
use super::{code_badge, event_value, group_findings, on_click, repeated_rule_codes, rich, severity_label, severity_word, step_heading, StepProps};
use crate::state::{Action, Anchor, Step};
use crate::text::plural;

/// From this many rules on, the table has a filter.
const FILTER_FROM: usize = 8;

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
        parts.push(plural(errors, "error"));
    }
    if warnings > 0 {
        parts.push(plural(warnings, "warning"));
    }
    html! { <span class={if errors > 0 { "status bad" } else { "status warn" }}>{ parts.join(", ") }</span> }
}

/// The step; `filter` is the text of the rule filter (the root's state, emptied when the step is left).
pub fn rules(p: &StepProps, filter: &UseStateHandle<String>) -> Html {
    let mode = p.state.isolation_mode();
    let rules = p.state.rules();
    let needle = filter.trim().to_ascii_lowercase();
    let rule_findings: Vec<amlnet_core::Diagnostic> = p.diagnostics.iter().filter(|d| matches!(Anchor::of(d), Anchor::Rule(_))).cloned().collect();
    let repeated = repeated_rule_codes(&rule_findings);
    let shown: Vec<usize> = (0..rules.len())
        .filter(|i| {
            needle.is_empty() || {
                let r = &rules[*i];
                r.name.to_ascii_lowercase().contains(&needle) || destination_text(r).to_ascii_lowercase().contains(&needle)
            }
        })
        .collect();
    let open_new = on_click(&p.dispatch, Action::OpenRuleDialog(None));
    html! {
        <section aria-labelledby="step-rules-heading">
            { step_heading(Step::Rules, "Where compute in the managed network may connect. The service adds the required rules itself.") }
            if p.state.is_project() {
                <p class="note" role="note">{ "A Foundry project has no outbound rules of its own: it uses its hub's. Add rules to the hub (Foundry hub on the Basics step)." }</p>
            } else if mode == IsolationMode::Disabled {
                <p class="note" role="note">{ "Outbound rules belong to a managed network. Choose Private with Internet Outbound or Private with Approved Outbound on the Networking step; rules added here are flagged until then." }</p>
            }
            <details class="required-rules">
            <summary><h3>{ format!("Required rules, added by the service ({})", REQUIRED_RULES.len()) }</h3></summary>
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
            </details>
            <h3 id="user-rules-heading">{ format!("User-defined rules ({})", rules.len()) }</h3>
            <div class="actions">
                <button id="add-rule" type="button" class="primary" onclick={open_new}>{ "Add user-defined outbound rules" }</button>
            </div>
            if rules.len() >= FILTER_FROM {
                <div class="field filter">
                    <label for="rule-filter">{ "Filter rules" }</label>
                    <input id="rule-filter" type="search" value={(**filter).clone()} placeholder="Name or destination"
                        oninput={{ let filter = filter.clone(); Callback::from(move |e: InputEvent| filter.set(event_value(&e))) }} aria-describedby="rule-filter-count" />
                    <p class="hint" id="rule-filter-count" aria-live="polite">{ format!("Showing {} of {}", shown.len(), plural(rules.len(), "rule")) }</p>
                </div>
            }
            { for group_findings(&rule_findings).into_iter().filter(|(d, more)| !more.is_empty() && !d.is_error()).map(|(d, more)| {
                let names: Vec<String> = std::iter::once(&d).chain(more.iter()).filter_map(|o| match Anchor::of(o) {
                    Anchor::Rule(i) => rules.get(i).map(|r| r.name.clone()),
                    _ => None,
                }).collect();
                html! {
                    <div class={["msg grouped ", severity_label(d.severity)].concat()} data-code={d.code}>
                        <p>
                            <span class="sev">{ format!("{} for {}: ", severity_word(d.severity), plural(names.len(), "rule")) }</span>
                            { rich(&d.message) }{ " " }{ code_badge(d.code, &p.dispatch) }
                        </p>
                        <p class="also">{ format!("Rules: {}", names.join(", ")) }</p>
                    </div>
                }
            }) }
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
                            { for shown.iter().map(|&i| {
                                let rule = &rules[i];
                                let found: Vec<amlnet_core::Diagnostic> = p.at(Anchor::Rule(i)).into_iter().filter(|d| !repeated.contains(&d.code)).collect();
                                let edit = on_click(&p.dispatch, Action::OpenRuleDialog(Some(i)));
                                let delete = on_click(&p.dispatch, Action::DeleteRule(i));
                                let label = if rule.name.is_empty() { format!("rule {}", i + 1) } else { rule.name.clone() };
                                html! {
                                    <>
                                    <tr class={found.iter().any(|d| d.is_error()).then_some("has-error")}>
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
                                        <tr class="msg-row"><td colspan="5">{ messages(format!("rule-{i}-msg"), &found, &p.fixes_for(&found, Anchor::Rule(i)), Some(&p.dispatch)) }</td></tr>
                                    }
                                    </>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <h3>{ "Recommended sets" }</h3>
            if mode == IsolationMode::AllowOnlyApprovedOutbound {
                <p class="hint">{ "FQDN rules for common tasks. Rules whose name exists are skipped." }</p>
                <div class="actions wrap">
                    { for RECOMMENDED_SETS.iter().map(|set| {
                        html! { <button type="button" onclick={on_click(&p.dispatch, Action::AddRecommendedSet(set.id.to_owned()))}>{ format!("Add {}", set.label) }</button> }
                    }) }
                </div>
            } else {
                <p class="hint" id="recommended-unavailable">{ "The recommended sets are FQDN rules, which only Private with Approved Outbound accepts." }</p>
            }
        </section>
    }
}
