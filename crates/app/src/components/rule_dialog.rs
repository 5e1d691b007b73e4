//! The "Workspace outbound rules" dialog: rule name, destination type and the fields of that type,
//! with the core's findings for the rule shown next to each field once it is touched, and one-click
//! fixes. Save refuses a rule with errors (the state moves focus to the first). A real modal.

use amlnet_core::catalog::PRIVATE_ENDPOINT_TARGETS;
use amlnet_core::model::{IsolationMode, RuleType};
use amlnet_core::Diagnostic;
use yew::prelude::*;

use super::event_value;
use super::field::{check_field, select_field, text_field, Control};
use super::modal::Modal;
use super::{as_check, on_click, StepProps};
use crate::state::{Action, Anchor, DraftField};
use crate::text::plural;

/// Options whose value is their label.
fn same(values: &[&'static str]) -> Vec<(AttrValue, AttrValue)> {
    values.iter().map(|v| (AttrValue::from(*v), AttrValue::from(*v))).collect()
}

pub fn rule_dialog(p: &StepProps) -> Html {
    let Some(draft) = p.state.dialog.clone() else { return html! {} };
    let found = p.state.draft_findings();
    let index = draft.index.unwrap_or(p.state.rules().len());
    let at = |f: DraftField| -> Vec<Diagnostic> { found.iter().filter(|(x, _)| *x == f).map(|(_, d)| d.clone()).collect() };
    let fixes = |f: DraftField| -> Vec<Vec<(String, Action)>> { at(f).iter().map(|d| p.state.fixes(d, Anchor::Rule(index))).collect() };
    let errors = found.iter().filter(|(_, d)| d.is_error()).count();
    let set = |f: DraftField| {
        let d = p.dispatch.clone();
        Callback::from(move |v: String| d.emit(Action::SetDraft(f, v)))
    };
    let onsubmit = {
        let d = p.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.emit(Action::SaveRule);
        })
    };
    let approved = p.state.isolation_mode() == IsolationMode::AllowOnlyApprovedOutbound;
    // Only the types the isolation mode accepts; a rule of another type (being edited) keeps its own, marked.
    let types: Vec<(AttrValue, AttrValue)> = [RuleType::PrivateEndpoint, RuleType::ServiceTag, RuleType::Fqdn]
        .iter()
        .filter(|t| approved || **t == RuleType::PrivateEndpoint || **t == draft.rule_type)
        .map(|t| {
            let label = if approved || *t == RuleType::PrivateEndpoint {
                t.portal_name().to_owned()
            } else {
                format!("{} (not allowed: approved outbound only)", t.portal_name())
            };
            (AttrValue::from(t.yaml()), AttrValue::from(label))
        })
        .collect();
    let sku =
        p.state.config.workspace.as_ref().and_then(|w| w.managed_network.as_ref()).and_then(|m| m.firewall_sku).map_or("Standard", |s| s.pascal());
    // A control with its findings and fixes; `plain` for the parts of a resource ID that have none of their own.
    let ctl = |f: DraftField, label: &'static str, hint: Option<&'static str>| Control {
        id: f.id(),
        label,
        hint,
        diagnostics: at(f),
        fixes: fixes(f),
        dispatch: Some(p.dispatch.clone()),
    };
    let plain = |f: DraftField, label: &'static str| Control::new(f.id(), label);
    let title = if draft.index.is_some() { "Edit outbound rule" } else { "Add outbound rule" };
    let tags = draft.matching_tags();
    let mut tag_options: Vec<(AttrValue, AttrValue)> = vec![(AttrValue::from(""), AttrValue::from("Choose a service tag"))];
    if !draft.service_tag.is_empty() && !tags.contains(&draft.service_tag.as_str()) {
        tag_options.push((AttrValue::from(draft.service_tag.clone()), AttrValue::from(draft.service_tag.clone())));
    }
    tag_options.extend(same(&tags));
    html! {
        <Modal id="rule-dialog" title_id="rule-dialog-title" close={Action::CloseRuleDialog} dispatch={p.dispatch.clone()} restore_focus={false}>
                <form {onsubmit} novalidate=true>
                    <h2 id="rule-dialog-title">{ title }</h2>
                    if draft.attempted && errors > 0 {
                        <p class="status bad" id="rule-dialog-status" role="alert">{ format!("Not saved: fix {} first.", if errors == 1 { "the error below".to_owned() } else { format!("the {} below", plural(errors, "error")) }) }</p>
                    }
                    { text_field(ctl(DraftField::Name, "Rule name", Some("Unique in the workspace")), draft.name.clone().into(), None, set(DraftField::Name)) }
                    { select_field(ctl(DraftField::Type, "Destination type", None), draft.rule_type.yaml().into(), types, set(DraftField::Type)) }
                    { match draft.rule_type {
                        RuleType::PrivateEndpoint => html! {
                            <>
                                if let Some(raw) = &draft.raw_resource_id {
                                    <p class="note">{ "This rule's resource ID is kept as written: " }<code>{ raw }</code>{ ". Type a resource name to replace it." }</p>
                                }
                                { text_field(plain(DraftField::Subscription, "Subscription"), draft.subscription.clone().into(), None, set(DraftField::Subscription)) }
                                { text_field(plain(DraftField::ResourceGroup, "Resource group"), draft.resource_group.clone().into(), None, set(DraftField::ResourceGroup)) }
                                { select_field(plain(DraftField::ResourceType, "Resource type"), draft.resource_type.clone().into(),
                                    PRIVATE_ENDPOINT_TARGETS.iter().map(|t| (AttrValue::from(t.resource_type), AttrValue::from(format!("{} ({})", t.label, t.resource_type)))).collect(),
                                    set(DraftField::ResourceType)) }
                                { text_field(ctl(DraftField::ResourceName, "Resource name", Some("The name, or paste the resource's full ID to fill in every part")),
                                    draft.resource_name.clone().into(), None, set(DraftField::ResourceName)) }
                                { select_field(ctl(DraftField::Subresource, "Sub resource", None), draft.subresource.clone().into(),
                                    same(draft.subresource_choices()), set(DraftField::Subresource)) }
                                if draft.spark_offered() {
                                    { check_field(ctl(DraftField::Spark, "Spark enabled", Some("Also reachable from serverless Spark; the network must be provisioned with Spark")),
                                        draft.spark_enabled, as_check(set(DraftField::Spark))) }
                                }
                                <p class="hint">{ "Resource ID: " }<code>{ draft.resource_id() }</code></p>
                            </>
                        },
                        RuleType::ServiceTag => html! {
                            <>
                                <div class="field">
                                    <label for={DraftField::TagSearch.id()}>{ "Search service tags" }</label>
                                    <input id={DraftField::TagSearch.id()} type="search" value={draft.tag_search.clone()}
                                        oninput={{ let s = set(DraftField::TagSearch); Callback::from(move |e: InputEvent| s.emit(event_value(&e))) }}
                                        aria-controls={DraftField::ServiceTag.id()} />
                                    <p class="hint" aria-live="polite">{ format!("{} match", plural(tags.len(), "tag")) }</p>
                                </div>
                                { select_field(ctl(DraftField::ServiceTag, "Service tag", None), draft.service_tag.clone().into(), tag_options, set(DraftField::ServiceTag)) }
                                { select_field(ctl(DraftField::Protocol, "Protocol", None), draft.protocol.clone().into(),
                                    same(&["TCP", "UDP", "ICMP", "*"]), set(DraftField::Protocol)) }
                                { text_field(ctl(DraftField::PortRanges, "Port ranges", Some("For example 443 or 80,443 or 8000-8080")), draft.port_ranges.clone().into(), None, set(DraftField::PortRanges)) }
                            </>
                        },
                        RuleType::Fqdn => html! {
                            <>
                                { text_field(ctl(DraftField::Fqdn, "FQDN destination", Some("For example pypi.org or *.anaconda.com")), draft.fqdn.clone().into(), None, set(DraftField::Fqdn)) }
                                <p class="note cost" role="note">{ format!("FQDN rules are enforced by an Azure Firewall ({sku} SKU) that the managed network deploys with its first FQDN rule; it adds to the cost and reaches only ports 80 and 443.") }</p>
                            </>
                        },
                    } }
                    <div class="actions">
                        <button type="submit" class="primary">{ "Save" }</button>
                        <button type="button" onclick={on_click(&p.dispatch, Action::CloseRuleDialog)}>{ "Cancel" }</button>
                    </div>
                </form>
        </Modal>
    }
}
