//! Step 5, Review + export: the settings as a table, as the portal's "Review + create" shows them, then
//! the validation summary, where findings that repeat for several rules are one entry and each entry
//! moves focus to its field. The exports are in the preview panel beside it.

use amlnet_core::model::{DnsIntegration, IsolationMode};
use amlnet_core::networking::Principal;
use amlnet_core::Severity;
use yew::prelude::*;

use super::networking::INBOUND_DNS;
use super::{code_badge, group_findings, on_click, rich, severity_word, step_heading, StepProps};
use crate::state::{Action, Anchor, Field, Step};
use crate::text::plural;

pub fn review(p: &StepProps) -> Html {
    html! {
        <section aria-labelledby="step-review-heading">
            { step_heading(Step::Review, "Check the settings and the findings, then copy or download the files from the export panel.") }
            { settings(p) }
            { summary(p) }
        </section>
    }
}

/// The settings, step by step, each with a link back to its step.
/// Kept out of the app's view function: inlined there, the networking rows cost 1349 bytes of gzip, not 708.
#[inline(never)]
pub fn settings(p: &StepProps) -> Html {
    let s = &p.state;
    let shown = |f: Field| -> String {
        let v = s.value(f);
        match (f, v.as_str()) {
            // Empty: the identity the core picks (`approver_principal`), in the Networking step's words.
            (Field::ApproverIdentity, "") => match amlnet_core::networking::approver_principal(&s.config) {
                Principal::UserAssigned(_) => "the workspace's primary user-assigned identity",
                Principal::SystemAssigned => "the workspace's system-assigned identity",
            }
            .to_owned(),
            (_, "") => "(not set)".to_owned(),
            (Field::IsolationMode, m) => IsolationMode::parse(m).map_or(v.clone(), |m| m.portal_name().to_owned()),
            (Field::WorkspaceKind, "default") => "Azure Machine Learning workspace".to_owned(),
            (Field::WorkspaceKind, "hub") => "Foundry hub".to_owned(),
            (Field::WorkspaceKind, "project") => "Foundry project".to_owned(),
            (Field::ProvisionNow | Field::AssignApproverRole, "false") => "No".to_owned(),
            (Field::ProvisionNow | Field::AssignApproverRole, _) => "Yes".to_owned(),
            (Field::InboundPeDns, d) => INBOUND_DNS.iter().find(|(value, _)| *value == d).map_or(v.clone(), |(_, label)| (*label).to_owned()),
            _ => v,
        }
    };
    let mut rows: Vec<(Step, &'static str, String)> = Vec::new();
    for f in [Field::SubscriptionId, Field::ResourceGroup, Field::WorkspaceName, Field::WorkspaceKind, Field::Region, Field::Operation] {
        rows.push((Step::Basics, f.label(), shown(f)));
    }
    if s.is_project() {
        rows.push((Step::Basics, Field::HubId.label(), shown(Field::HubId)));
    }
    rows.push((Step::Networking, Field::PublicNetworkAccess.label(), shown(Field::PublicNetworkAccess)));
    // The inbound private endpoint: its subnet "(not set)" when there is none; the resource group and
    // region only when set, the zones only with existing DNS.
    rows.push((Step::Networking, Field::InboundPeSubnet.label(), shown(Field::InboundPeSubnet)));
    if let Some(pe) = s.config.context.networking.inbound_private_endpoints.first() {
        for f in [Field::InboundPeName, Field::InboundPeNetworkRg, Field::InboundPeDns, Field::InboundPeZoneIds] {
            let hidden = match f {
                Field::InboundPeNetworkRg => pe.network_resource_group.is_none(),
                Field::InboundPeZoneIds => !matches!(pe.dns, DnsIntegration::Existing(_)),
                _ => false,
            };
            if !hidden {
                rows.push((Step::Networking, f.label(), shown(f)));
            }
        }
        if let Some(location) = pe.location.as_ref().filter(|l| !l.trim().is_empty()) {
            rows.push((Step::Networking, "Private endpoint region", location.clone()));
        }
    }
    if !s.is_project() {
        rows.push((Step::Networking, Field::IsolationMode.label(), shown(Field::IsolationMode)));
        if let Some(sku) = amlnet_core::summary::firewall(&s.config) {
            rows.push((Step::Networking, "Azure Firewall", format!("{} SKU (for the FQDN rules)", sku.pascal())));
        }
        rows.push((Step::Networking, Field::ProvisionNow.label(), shown(Field::ProvisionNow)));
        if !s.value(Field::ImageBuildCompute).is_empty() {
            rows.push((Step::Networking, Field::ImageBuildCompute.label(), shown(Field::ImageBuildCompute)));
        }
        // The approver role, as the Networking step offers it: with a managed network only.
        if s.isolation_mode() != IsolationMode::Disabled {
            rows.push((Step::Networking, Field::AssignApproverRole.label(), shown(Field::AssignApproverRole)));
            if s.config.context.networking.assign_approver_role {
                rows.push((Step::Networking, Field::ApproverIdentity.label(), shown(Field::ApproverIdentity)));
            }
        }
        let rules = s.rules();
        let count = |t: amlnet_core::model::RuleType| rules.iter().filter(|r| r.destination.rule_type() == t).count();
        rows.push((
            Step::Rules,
            "User-defined rules",
            format!(
                "{}: {}, {}, {}",
                plural(rules.len(), "rule"),
                plural(count(amlnet_core::model::RuleType::PrivateEndpoint), "private endpoint"),
                plural(count(amlnet_core::model::RuleType::ServiceTag), "service tag"),
                plural(count(amlnet_core::model::RuleType::Fqdn), "FQDN rule")
            ),
        ));
    }
    if s.endpoint_enabled() {
        for f in [
            Field::EndpointName,
            Field::AuthMode,
            Field::EndpointPublicAccess,
            Field::DeploymentName,
            Field::Model,
            Field::InstanceType,
            Field::InstanceCount,
        ] {
            rows.push((Step::Endpoint, f.label(), shown(f)));
        }
    } else {
        rows.push((Step::Endpoint, "Online endpoint", "None".to_owned()));
    }
    html! {
        <div class="table-wrap settings" tabindex="0" role="region" aria-labelledby="settings-heading">
            <h3 id="settings-heading">{ "Settings" }</h3>
            <table class="settings-table">
                <tbody>
                    { for Step::ALL.iter().filter(|st| **st != Step::Review).map(|step| {
                        let mine: Vec<&(Step, &str, String)> = rows.iter().filter(|(s, _, _)| s == step).collect();
                        let step = *step;
                        html! {
                            <>
                                <tr class="group-row">
                                    <th scope="colgroup" colspan="2">
                                        { step.title() }
                                        <button type="button" class="link edit-step" aria-label={format!("Edit {}", step.title())}
                                            onclick={on_click(&p.dispatch, Action::GoTo(step))}>{ "Edit" }</button>
                                    </th>
                                </tr>
                                { for mine.iter().map(|(_, label, value)| html! {
                                    <tr><th scope="row">{ *label }</th><td class={(value == "(not set)").then_some("unset")}>{ value }</td></tr>
                                }) }
                            </>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The validation summary: counts, then one button per finding (repeated ones grouped).
pub fn summary(p: &StepProps) -> Html {
    let errors = p.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = p.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    // The scripts need these; without them the export is not ready to run, even without errors.
    let missing: Vec<&'static str> = [Field::SubscriptionId, Field::ResourceGroup, Field::WorkspaceName]
        .into_iter()
        .filter(|f| p.state.value(*f).trim().is_empty())
        .map(Field::label)
        .collect();
    let status = if errors > 0 {
        format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
    } else if !missing.is_empty() {
        format!("{}, {}: not ready, fill in {} first", plural(errors, "error"), plural(warnings, "warning"), missing.join(", "))
    } else {
        format!("{}, {} — ready to export", plural(errors, "error"), plural(warnings, "warning"))
    };
    html! {
        <div class="summary" aria-labelledby="summary-findings-heading">
            <h3 id="summary-findings-heading">{ "Validation summary" }</h3>
            <p class={if errors > 0 || !missing.is_empty() { "status bad" } else { "status good" }}>{ status }</p>
            <ul class="findings">
                { for group_findings(&p.diagnostics).into_iter().map(|(d, more)| {
                    let anchor = Anchor::of(&d);
                    let place = format!("{} › {}", anchor.step().title(), if d.path.is_empty() { d.file.clone().unwrap_or_default() } else { d.path.clone() });
                    let also: Vec<String> = more.iter().map(|o| match Anchor::of(o) {
                        Anchor::Rule(i) => p.state.rules().get(i).map_or_else(|| format!("rule {}", i + 1), |r| r.name.clone()),
                        _ => o.path.clone(),
                    }).collect();
                    html! {
                        <li class={["finding ", d.severity.as_str()].concat()} data-code={d.code}>
                            <button type="button" class="link" onclick={on_click(&p.dispatch, Action::Reveal(anchor))}>
                                <span class="sev">{ severity_word(d.severity) }{ ": " }</span>{ rich(&d.message) }
                                <span class="where">{ place }</span>
                            </button>
                            if !also.is_empty() {
                                <p class="also">{ format!("The same for {} more {}: {}", also.len(), if also.len() == 1 { "rule" } else { "rules" }, also.join(", ")) }</p>
                            }
                            { code_badge(d.code, &p.dispatch) }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
