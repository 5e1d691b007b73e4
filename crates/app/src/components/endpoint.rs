//! Step 4, Online endpoint (optional): endpoint name, auth mode, public network access; a deployment
//! with instance type and count, model and environment, and the legacy egress option with its warning.

use yew::prelude::*;

use super::field::{check_field, text_field, Control};
use super::{select_for, set_field, step_heading, text_for, StepProps};
use crate::state::{Action, Anchor, Field, Step};

pub fn endpoint(p: &StepProps) -> Html {
    let enabled = p.state.endpoint_enabled();
    let toggle = {
        let d = p.dispatch.clone();
        Callback::from(move |on: bool| d.emit(Action::SetEndpointEnabled(on)))
    };
    let count = {
        let mut found = p.at(Anchor::Field(Field::InstanceCount));
        if p.state.instance_count_invalid() {
            // The registry's code for a value of the wrong type; the app makes no codes of its own.
            if let Some(rule) = amlnet_core::rules::find("wrong-value-type") {
                found.insert(0, rule.at("instance_count", "`instance_count` must be a whole number"));
            }
        }
        let control = Control { diagnostics: found, ..Control::new(Field::InstanceCount.id(), Field::InstanceCount.label()) };
        text_field(control, p.state.value(Field::InstanceCount).into(), Some("numeric"), set_field(&p.dispatch, Field::InstanceCount))
    };
    html! {
        <section aria-labelledby="step-endpoint-heading">
            { step_heading(Step::Endpoint, "Optional: a managed online endpoint in this workspace and its deployment.") }
            { check_field(Control::new("f-endpoint-enabled", "Create an online endpoint"), enabled, toggle) }
            if enabled {
                <fieldset>
                    <legend>{ "Endpoint" }</legend>
                    { text_for(p, Field::EndpointName, Some("Unique in the region; 3-32 characters")) }
                    { select_for(p, Field::AuthMode, &[("key", "Key"), ("aml_token", "Azure ML token"), ("aad_token", "Microsoft Entra token")], None) }
                    { select_for(p, Field::EndpointPublicAccess, &[("", "Not set (enabled)"), ("enabled", "Enabled"), ("disabled", "Disabled")],
                        Some("Disabled: scoring requests only through the workspace's private endpoint")) }
                </fieldset>
                <fieldset>
                    <legend>{ "Deployment" }</legend>
                    { text_for(p, Field::DeploymentName, None) }
                    { text_for(p, Field::Model, Some("A reference such as azureml:my-model:1")) }
                    { text_for(p, Field::Environment, Some("A reference such as azureml:my-env:1")) }
                    { text_for(p, Field::InstanceType, Some("For example Standard_DS3_v2")) }
                    { count }
                    <div class="legacy">
                        <p class="note warning-note" id="egress-legacy-note" role="note">
                            <strong>{ "Legacy option. " }</strong>
                            { "Egress public network access on a deployment is the older way to isolate it; with a managed network, leave it unset and use outbound rules instead." }
                        </p>
                        { select_for(p, Field::EgressPublicAccess, &[("", "Not set (recommended)"), ("enabled", "Enabled"), ("disabled", "Disabled")], None) }
                    </div>
                </fieldset>
            }
        </section>
    }
}
