//! The "Workspace outbound rules" dialog: rule name, destination type and the fields of that type,
//! with the core's findings for the rule shown next to each field once it is touched, and one-click
//! fixes. Save refuses a rule with errors (the state moves focus to the first). A real modal.

use amlnet_core::catalog::PRIVATE_ENDPOINT_TARGETS;
use amlnet_core::model::{IsolationMode, RuleType};
use amlnet_core::Diagnostic;
use yew::prelude::*;

use super::event_value;
use super::field::{CheckField, SelectField, TextField};
use super::modal::Modal;
use super::StepProps;
use crate::state::{Action, Anchor, DraftField};
use crate::text::plural;

#[function_component(RuleDialog)]
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
    let close = {
        let d = p.dispatch.clone();
        Callback::from(move |()| d.emit(Action::CloseRuleDialog))
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
    let d = p.dispatch.clone();
    let field = |id: DraftField| (fixes(id), Some(d.clone()));
    let title = if draft.index.is_some() { "Edit outbound rule" } else { "Add outbound rule" };
    let tags = draft.matching_tags();
    let mut tag_options: Vec<(AttrValue, AttrValue)> = vec![(AttrValue::from(""), AttrValue::from("Choose a service tag"))];
    if !draft.service_tag.is_empty() && !tags.contains(&draft.service_tag.as_str()) {
        tag_options.push((AttrValue::from(draft.service_tag.clone()), AttrValue::from(draft.service_tag.clone())));
    }
    tag_options.extend(tags.iter().map(|t| (AttrValue::from(*t), AttrValue::from(*t))));
    html! {
        <Modal id="rule-dialog" title_id="rule-dialog-title" onclose={close.clone()} restore_focus={false}>
                <form {onsubmit} novalidate=true>
                    <h2 id="rule-dialog-title">{ title }</h2>
                    if draft.attempted && errors > 0 {
                        <p class="status bad" id="rule-dialog-status" role="alert">{ format!("Not saved: fix {} first.", if errors == 1 { "the error below".to_owned() } else { format!("the {} below", plural(errors, "error")) }) }</p>
                    }
                    <TextField id={DraftField::Name.id()} label="Rule name" value={draft.name.clone()} oninput={set(DraftField::Name)}
                        diagnostics={at(DraftField::Name)} fixes={field(DraftField::Name).0} dispatch={field(DraftField::Name).1} hint={AttrValue::from("Unique in the workspace")} />
                    <SelectField id={DraftField::Type.id()} label="Destination type" value={draft.rule_type.yaml()} options={types}
                        onchange={set(DraftField::Type)} diagnostics={at(DraftField::Type)} fixes={field(DraftField::Type).0} dispatch={field(DraftField::Type).1} />
                    { match draft.rule_type {
                        RuleType::PrivateEndpoint => html! {
                            <>
                                if let Some(raw) = &draft.raw_resource_id {
                                    <p class="note">{ "This rule's resource ID is kept as written: " }<code>{ raw }</code>{ ". Type a resource name to replace it." }</p>
                                }
                                <TextField id={DraftField::Subscription.id()} label="Subscription" value={draft.subscription.clone()} oninput={set(DraftField::Subscription)} />
                                <TextField id={DraftField::ResourceGroup.id()} label="Resource group" value={draft.resource_group.clone()} oninput={set(DraftField::ResourceGroup)} />
                                <SelectField id={DraftField::ResourceType.id()} label="Resource type" value={draft.resource_type.clone()}
                                    options={PRIVATE_ENDPOINT_TARGETS.iter().map(|t| (AttrValue::from(t.resource_type), AttrValue::from(format!("{} ({})", t.label, t.resource_type)))).collect::<Vec<_>>()}
                                    onchange={set(DraftField::ResourceType)} />
                                <TextField id={DraftField::ResourceName.id()} label="Resource name" value={draft.resource_name.clone()} oninput={set(DraftField::ResourceName)}
                                    hint={AttrValue::from("The name, or paste the resource's full ID to fill in every part")}
                                    diagnostics={at(DraftField::ResourceName)} fixes={field(DraftField::ResourceName).0} dispatch={field(DraftField::ResourceName).1} />
                                <SelectField id={DraftField::Subresource.id()} label="Sub resource" value={draft.subresource.clone()}
                                    options={draft.subresource_choices().iter().map(|s| (AttrValue::from(*s), AttrValue::from(*s))).collect::<Vec<_>>()}
                                    onchange={set(DraftField::Subresource)} diagnostics={at(DraftField::Subresource)} fixes={field(DraftField::Subresource).0} dispatch={field(DraftField::Subresource).1} />
                                if draft.spark_offered() {
                                    <CheckField id={DraftField::Spark.id()} label="Spark enabled" checked={draft.spark_enabled}
                                        onchange={{ let s = set(DraftField::Spark); Callback::from(move |on: bool| s.emit(on.to_string())) }}
                                        diagnostics={at(DraftField::Spark)} fixes={field(DraftField::Spark).0} dispatch={field(DraftField::Spark).1} hint={AttrValue::from("Also reachable from serverless Spark; the network must be provisioned with Spark")} />
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
                                <SelectField id={DraftField::ServiceTag.id()} label="Service tag" value={draft.service_tag.clone()} options={tag_options}
                                    onchange={set(DraftField::ServiceTag)} diagnostics={at(DraftField::ServiceTag)} fixes={field(DraftField::ServiceTag).0} dispatch={field(DraftField::ServiceTag).1} />
                                <SelectField id={DraftField::Protocol.id()} label="Protocol" value={draft.protocol.clone()}
                                    options={["TCP", "UDP", "ICMP", "*"].iter().map(|s| (AttrValue::from(*s), AttrValue::from(*s))).collect::<Vec<_>>()}
                                    onchange={set(DraftField::Protocol)} diagnostics={at(DraftField::Protocol)} fixes={field(DraftField::Protocol).0} dispatch={field(DraftField::Protocol).1} />
                                <TextField id={DraftField::PortRanges.id()} label="Port ranges" value={draft.port_ranges.clone()} oninput={set(DraftField::PortRanges)}
                                    diagnostics={at(DraftField::PortRanges)} fixes={field(DraftField::PortRanges).0} dispatch={field(DraftField::PortRanges).1} hint={AttrValue::from("For example 443 or 80,443 or 8000-8080")} />
                            </>
                        },
                        RuleType::Fqdn => html! {
                            <>
                                <TextField id={DraftField::Fqdn.id()} label="FQDN destination" value={draft.fqdn.clone()} oninput={set(DraftField::Fqdn)}
                                    diagnostics={at(DraftField::Fqdn)} fixes={field(DraftField::Fqdn).0} dispatch={field(DraftField::Fqdn).1} hint={AttrValue::from("For example pypi.org or *.anaconda.com")} />
                                <p class="note cost" role="note">{ format!("FQDN rules are enforced by an Azure Firewall ({sku} SKU) that the managed network deploys with its first FQDN rule; it adds to the cost and reaches only ports 80 and 443.") }</p>
                            </>
                        },
                    } }
                    <div class="actions">
                        <button type="submit" class="primary">{ "Save" }</button>
                        <button type="button" onclick={Callback::from(move |_| close.emit(()))}>{ "Cancel" }</button>
                    </div>
                </form>
        </Modal>
    }
}
