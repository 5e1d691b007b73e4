//! Step 2, Networking: inbound public access, outbound access (the portal's three choices), Azure
//! Firewall SKU (offered only where a firewall can exist), provisioning with Spark and its one-way
//! warning, the image build compute the checks ask for, the inbound private endpoint (subnet, name, private
//! DNS) and the approver role for private endpoint targets.

use amlnet_core::model::IsolationMode;
use yew::prelude::*;

use super::field::{check_field, Control};
use super::messages::messages;
use super::{as_check, on_click, select_for, step_heading, text_for, StepProps};
use crate::state::{Action, Anchor, Field, Step};
use crate::text::plural;
use amlnet_core::model::Destination;

fn describe(mode: IsolationMode) -> &'static str {
    match mode {
        IsolationMode::Disabled => "No managed virtual network: compute reaches the internet directly.",
        IsolationMode::AllowInternetOutbound => "A managed virtual network; all outbound internet traffic is allowed. Private endpoint rules only.",
        IsolationMode::AllowOnlyApprovedOutbound => {
            "A managed virtual network; outbound traffic only to required and user-defined rules (private endpoint, service tag, FQDN)."
        }
    }
}

/// The private DNS choices of the inbound private endpoint: value and label (the Review table shows the label).
pub const INBOUND_DNS: &[(&str, &str)] = &[
    ("create", "Create privatelink.api.azureml.ms and privatelink.notebooks.azure.net, linked to the network"),
    ("existing", "Use existing private DNS zones"),
    ("off", "No private DNS integration (your DNS resolves the workspace)"),
];

/// A checkbox bound to a wizard field, with its findings: `Action::Set` with "true" or "false".
fn check_for(p: &StepProps, field: Field, hint: &'static str) -> Html {
    let diagnostics = p.at(Anchor::Field(field));
    let control =
        Control { id: field.id(), label: field.label(), hint: Some(hint), diagnostics, fixes: Vec::new(), dispatch: Some(p.dispatch.clone()) };
    check_field(control, p.state.value(field) == "true", as_check(super::set_field(&p.dispatch, field)))
}

pub fn networking(p: &StepProps) -> Html {
    let mode = p.state.isolation_mode();
    let field = Field::IsolationMode;
    let mode_messages = p.at(Anchor::Field(field));
    let create = p.state.value(Field::Operation) != "update";
    let dispatch = p.dispatch.clone();
    let spark_rules: Vec<String> = p
        .state
        .rules()
        .iter()
        .filter(|r| matches!(&r.destination, Destination::PrivateEndpoint(pe) if pe.spark_enabled))
        .map(|r| r.name.clone())
        .collect();
    let to_rules = on_click(&p.dispatch, Action::GoTo(Step::Rules));
    html! {
        <section aria-labelledby="step-networking-heading">
            { step_heading(Step::Networking, "Inbound access to the workspace and outbound access from its managed network.") }
            { select_for(p, Field::PublicNetworkAccess, &[("", "Not set (service default: enabled)"), ("enabled", "Enabled"), ("disabled", "Disabled")],
                Some("Disabled: the workspace is reached only through private endpoints")) }
            <fieldset class="inbound" id="inbound-private-endpoint">
                <legend>{ "Workspace inbound access: private endpoint" }</legend>
                { text_for(p, Field::InboundPeSubnet, Some("The subnet's resource ID, or VNET/SUBNET in the resource group below; empty: no private endpoint")) }
                { text_for(p, Field::InboundPeName, Some("Empty: <workspace>-pe")) }
                { text_for(p, Field::InboundPeNetworkRg, Some("For VNET/SUBNET: the virtual network's resource group (empty: the workspace's)")) }
                { select_for(p, Field::InboundPeDns, INBOUND_DNS, None) }
                if p.state.value(Field::InboundPeDns) == "existing" {
                    { text_for(p, Field::InboundPeZoneIds, Some("The resource IDs of the two zones, separated by spaces")) }
                }
            </fieldset>
            if p.state.is_project() {
                <p class="note" role="note">{ "A Foundry project runs in its hub's managed virtual network: outbound access, the firewall and provisioning are set on the hub. Choose Foundry hub on the Basics step to configure them." }</p>
            } else {
            <fieldset id={field.id()} tabindex="-1" class="radios" aria-describedby={format!("{}-msg", field.id())}>
                <legend>{ field.label() }</legend>
                { for IsolationMode::ALL.iter().map(|m| {
                    let id = format!("{}-{}", field.id(), m.yaml());
                    let value = m.yaml();
                    // A choice the organization policy forbids is disabled, with the policy's reason.
                    let forbidden = p.state.forbidden(|policy| policy.workspace.isolation_modes.as_ref(), m);
                    html! {
                        <div class={if forbidden.is_some() { "radio forbidden" } else { "radio" }}>
                            <input type="radio" name="isolation-mode" id={id.clone()} value={value} checked={*m == mode}
                                disabled={forbidden.is_some() && *m != mode}
                                aria-describedby={format!("{id}-desc")}
                                onchange={on_click(&dispatch, Action::Set(field, value.to_owned()))} />
                            <label for={id.clone()}>{ m.portal_name() }</label>
                            <p class="hint" id={format!("{id}-desc")}>{ describe(*m) }
                                if let Some(reason) = &forbidden {
                                    <span class="policy-reason" id={format!("{id}-policy")}>{ format!(" Forbidden: {reason}.") }</span>
                                }
                            </p>
                        </div>
                    }
                }) }
                { messages(format!("{}-msg", field.id()), &mode_messages, &[], None) }
            </fieldset>
            if mode == IsolationMode::AllowOnlyApprovedOutbound {
                { select_for(p, Field::FirewallSku, &[("", "Not set (Standard)"), ("standard", "Standard"), ("basic", "Basic")],
                    Some("Deployed only with the first FQDN rule: it enforces FQDN rules and is billed separately")) }
            }
            if mode != IsolationMode::Disabled {
                <fieldset class="provisioning">
                    <legend>{ "Provisioning" }</legend>
                    if create {
                        { check_for(p, Field::ProvisionNow, "Otherwise the scripts provision it before the first online deployment, or Azure does when the first compute is created") }
                    }
                    <div class="field check" id="spark-provisioning">
                        <input id="f-include-spark" type="checkbox" checked={!spark_rules.is_empty()} disabled=true aria-describedby="f-include-spark-hint" />
                        <label for="f-include-spark">{ "Include serverless Spark" }</label>
                        <p class="hint" id="f-include-spark-hint">
                            if spark_rules.is_empty() {
                                { "Off: no private endpoint rule is Spark enabled. Turn on Spark enabled in a rule to provision the network with Spark." }
                            } else {
                                { format!("On, because {} {} Spark enabled: the scripts run ", plural(spark_rules.len(), "rule"), if spark_rules.len() == 1 { "is" } else { "are" }) }
                                <code>{ "az ml workspace provision-network --include-spark" }</code>{ "." }
                            }
                            { " " }<button type="button" class="link" onclick={to_rules}>{ "Go to the rules" }</button>
                        </p>
                    </div>
                    if !spark_rules.is_empty() {
                        <p class="note warning-note" role="note" id="spark-one-way">
                            <strong>{ "One way. " }</strong>
                            { format!("Once the network is provisioned with Spark it stays so: Spark cannot be turned off again for this workspace (rules {}).", spark_rules.join(", ")) }
                        </p>
                    }
                </fieldset>
                { text_for(p, Field::ImageBuildCompute, Some("A compute cluster that builds environment images when the container registry is reachable only privately, for example image-builder")) }
                <fieldset class="approval" id="approver-role">
                    <legend>{ "Approval of private endpoints" }</legend>
                    { check_for(p, Field::AssignApproverRole, "\"Azure AI Enterprise Network Connection Approver\" for the workspace's identity on each private endpoint target, required since 2025-04-30") }
                    { text_for(p, Field::ApproverIdentity, Some("A user-assigned identity's resource ID; empty: the workspace's primary user-assigned identity, else its system-assigned identity")) }
                </fieldset>
            }
            }
        </section>
    }
}
