//! Step 2, Networking: inbound public access, outbound access (the portal's three choices), Azure
//! Firewall SKU and "provision managed network at creation".

use amlnet_core::model::IsolationMode;
use yew::prelude::*;

use super::field::CheckField;
use super::messages::Messages;
use super::{select_for, step_heading, StepProps};
use crate::state::{Action, Anchor, Field, Step};

fn describe(mode: IsolationMode) -> &'static str {
    match mode {
        IsolationMode::Disabled => "No managed virtual network: compute reaches the internet directly.",
        IsolationMode::AllowInternetOutbound => "A managed virtual network; all outbound internet traffic is allowed. Private endpoint rules only.",
        IsolationMode::AllowOnlyApprovedOutbound => {
            "A managed virtual network; outbound traffic only to required and user-defined rules (private endpoint, service tag, FQDN)."
        }
    }
}

#[function_component(Networking)]
pub fn networking(p: &StepProps) -> Html {
    let mode = p.state.isolation_mode();
    let field = Field::IsolationMode;
    let mode_messages = p.at(Anchor::Field(field));
    let create = p.state.value(Field::Operation) != "update";
    let dispatch = p.dispatch.clone();
    html! {
        <section aria-labelledby="step-networking-heading">
            { step_heading(Step::Networking, "Inbound access to the workspace and outbound access from its managed network.") }
            { select_for(p, Field::PublicNetworkAccess, &[("", "Not set (service default: enabled)"), ("enabled", "Enabled"), ("disabled", "Disabled")],
                Some("Disabled: the workspace is reached only through private endpoints")) }
            if p.state.is_project() {
                <p class="note" role="note">{ "A Foundry project runs in its hub's managed virtual network: outbound access, the firewall and provisioning are set on the hub. Choose Foundry hub on the Basics step to configure them." }</p>
            } else {
            <fieldset id={field.id()} tabindex="-1" class="radios" aria-describedby={format!("{}-msg", field.id())}>
                <legend>{ field.label() }</legend>
                { for IsolationMode::ALL.iter().map(|m| {
                    let id = format!("{}-{}", field.id(), m.yaml());
                    let dispatch = dispatch.clone();
                    let value = m.yaml();
                    html! {
                        <div class="radio">
                            <input type="radio" name="isolation-mode" id={id.clone()} value={value} checked={*m == mode}
                                aria-describedby={format!("{id}-desc")}
                                onchange={Callback::from(move |_| dispatch.emit(Action::Set(field, value.to_owned())))} />
                            <label for={id.clone()}>{ m.portal_name() }</label>
                            <p class="hint" id={format!("{id}-desc")}>{ describe(*m) }</p>
                        </div>
                    }
                }) }
                <Messages id={format!("{}-msg", field.id())} diagnostics={mode_messages} />
            </fieldset>
            if mode == IsolationMode::AllowOnlyApprovedOutbound {
                { select_for(p, Field::FirewallSku, &[("", "Not set (Standard)"), ("standard", "Standard"), ("basic", "Basic")],
                    Some("Azure Firewall enforces FQDN rules and is billed separately")) }
            }
            if create && mode != IsolationMode::Disabled {
                <CheckField id={Field::ProvisionNow.id()} label={Field::ProvisionNow.label()}
                    checked={p.state.value(Field::ProvisionNow) == "true"}
                    hint={AttrValue::from("Otherwise the network is provisioned when the first compute is created")}
                    diagnostics={p.at(Anchor::Field(Field::ProvisionNow))}
                    onchange={{ let d = p.dispatch.clone(); Callback::from(move |on: bool| d.emit(Action::Set(Field::ProvisionNow, on.to_string()))) }} />
            }
            }
        </section>
    }
}
