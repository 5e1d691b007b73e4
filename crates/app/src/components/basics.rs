//! Step 1, Basics: subscription, resource group, workspace name, region; create or update.

use yew::prelude::*;

use super::{select_for, step_heading, text_for, StepProps};
use crate::state::{Field, Step};

pub fn basics(p: &StepProps) -> Html {
    let update = p.state.value(Field::Operation) == "update";
    html! {
        <section aria-labelledby="step-basics-heading">
            { step_heading(Step::Basics, "Where the workspace lives. The scripts use these values; the YAML holds the name and region.") }
            { text_for(p, Field::SubscriptionId, Some("A GUID, for example 00000000-1111-2222-3333-444444444444")) }
            { text_for(p, Field::ResourceGroup, None) }
            { text_for(p, Field::WorkspaceName, Some("Unique in the resource group; letters, digits, - and _")) }
            { select_for(p, Field::WorkspaceKind, &[
                ("default", "Azure Machine Learning workspace"),
                ("hub", "Foundry hub (its projects share its managed network)"),
                ("project", "Foundry project (inherits its hub's network)"),
            ], Some("As the portal's Create menu: a workspace, a hub, or a project of a hub")) }
            if p.state.is_project() {
                { text_for(p, Field::HubId, Some("/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<hub>")) }
            }
            { text_for(p, Field::Region, Some("An Azure region name such as eastus or westeurope")) }
            { select_for(p, Field::Operation, &[("create", "Create a new workspace"), ("update", "Update an existing workspace")], None) }
            if update {
                { select_for(p, Field::CurrentIsolationMode, &[
                    ("", "Unknown"),
                    ("disabled", "Public"),
                    ("allow_internet_outbound", "Private with Internet Outbound"),
                    ("allow_only_approved_outbound", "Private with Approved Outbound"),
                ], Some("Its isolation mode now: turning managed network isolation on cannot be undone, so one-way changes are flagged")) }
            }
        </section>
    }
}
