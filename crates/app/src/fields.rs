//! The wizard's steps and fields as data: one [`FieldSpec`] row per field (label, DOM id, step, and the
//! document and path the core's diagnostics use), written once in the `fields!` table below. The enum
//! and the table come from the same macro call, so a new field cannot exist without its row, and the
//! compiler rejects a row without a step. Reading and writing a field's value are exhaustive matches in
//! `state.rs`, so a field the model does not handle is a compile error there.

/// The wizard's steps, in the portal's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Basics,
    Networking,
    Rules,
    Endpoint,
    Review,
}

impl Step {
    pub const ALL: [Step; 5] = [Step::Basics, Step::Networking, Step::Rules, Step::Endpoint, Step::Review];

    pub fn title(self) -> &'static str {
        match self {
            Step::Basics => "Basics",
            Step::Networking => "Networking",
            Step::Rules => "Outbound rules",
            Step::Endpoint => "Online endpoint",
            Step::Review => "Review + export",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn id(self) -> &'static str {
        match self {
            Step::Basics => "basics",
            Step::Networking => "networking",
            Step::Rules => "rules",
            Step::Endpoint => "endpoint",
            Step::Review => "review",
        }
    }

    pub fn parse(text: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.id() == text)
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Step::ALL[i])
    }
}

/// Which document a field is written to; `Context` is the change's context (subscription, resource
/// group, create or update), which no document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Doc {
    Context,
    Workspace,
    Endpoint,
    Deployment,
}

impl Doc {
    /// The document a diagnostic's file name belongs to (`deployment-blue.yml` is a deployment).
    pub fn of_file(file: &str) -> Option<Doc> {
        if file.starts_with("endpoint") {
            Some(Doc::Endpoint)
        } else if file.starts_with("deployment") {
            Some(Doc::Deployment)
        } else if file.starts_with("workspace") {
            Some(Doc::Workspace)
        } else {
            None
        }
    }
}

/// Everything the wizard knows about one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub field: Field,
    /// The visible label (the portal's field name).
    pub label: &'static str,
    /// The DOM id of the control.
    pub id: &'static str,
    pub step: Step,
    pub doc: Doc,
    /// The field path the core's diagnostics use (`managed_network.firewall_sku`).
    pub path: &'static str,
}

macro_rules! fields {
    ($($variant:ident: $label:literal, $id:literal, $step:ident, $doc:ident, $path:literal;)*) => {
        /// A form field of the wizard outside the rule dialog.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($variant,)*
        }

        /// One row per field, in the order of [`Field`]'s variants.
        pub const FIELDS: &[FieldSpec] = &[
            $(FieldSpec { field: Field::$variant, label: $label, id: $id, step: Step::$step, doc: Doc::$doc, path: $path },)*
        ];
    };
}

fields! {
    SubscriptionId: "Subscription ID", "f-subscription-id", Basics, Context, "subscription_id";
    ResourceGroup: "Resource group", "f-resource-group", Basics, Context, "resource_group";
    WorkspaceName: "Workspace name", "f-workspace-name", Basics, Workspace, "name";
    WorkspaceKind: "Workspace kind", "f-workspace-kind", Basics, Workspace, "kind";
    HubId: "Hub (resource ID)", "f-hub-id", Basics, Workspace, "hub_id";
    Region: "Region", "f-region", Basics, Workspace, "location";
    Operation: "Create or update", "f-operation", Basics, Context, "operation";
    CurrentIsolationMode: "Current outbound access", "f-current-isolation-mode", Basics, Context, "current_isolation_mode";
    PublicNetworkAccess: "Public network access (inbound)", "f-public-network-access", Networking, Workspace, "public_network_access";
    IsolationMode: "Outbound access", "f-isolation-mode", Networking, Workspace, "managed_network.isolation_mode";
    FirewallSku: "Azure Firewall SKU", "f-firewall-sku", Networking, Workspace, "managed_network.firewall_sku";
    ProvisionNow: "Provision managed network at creation", "f-provision-now", Networking, Workspace, "provision_network_now";
    ImageBuildCompute: "Image build compute", "f-image-build-compute", Networking, Workspace, "image_build_compute";
    InboundPeSubnet: "Private endpoint subnet", "f-inbound-pe-subnet", Networking, Context, "networking.inbound_private_endpoints[0].subnet";
    InboundPeName: "Private endpoint name", "f-inbound-pe-name", Networking, Context, "networking.inbound_private_endpoints[0].name";
    InboundPeNetworkRg: "Virtual network resource group", "f-inbound-pe-network-rg", Networking, Context, "networking.inbound_private_endpoints[0].network_resource_group";
    InboundPeDns: "Private DNS integration", "f-inbound-pe-dns", Networking, Context, "networking.inbound_private_endpoints[0].dns";
    InboundPeZoneIds: "Existing private DNS zones", "f-inbound-pe-zone-ids", Networking, Context, "networking.inbound_private_endpoints[0].dns.zone_ids";
    AssignApproverRole: "Assign the approver role on private endpoint targets", "f-assign-approver-role", Networking, Context, "networking.assign_approver_role";
    ApproverIdentity: "Approver identity (user-assigned, optional)", "f-approver-identity", Networking, Context, "networking.approver_identity";
    EndpointName: "Endpoint name", "f-endpoint-name", Endpoint, Endpoint, "name";
    AuthMode: "Authentication type", "f-auth-mode", Endpoint, Endpoint, "auth_mode";
    EndpointPublicAccess: "Endpoint public network access", "f-endpoint-public-access", Endpoint, Endpoint, "public_network_access";
    DeploymentName: "Deployment name", "f-deployment-name", Endpoint, Deployment, "name";
    Model: "Model", "f-model", Endpoint, Deployment, "model";
    Environment: "Environment", "f-environment", Endpoint, Deployment, "environment";
    InstanceType: "Instance type", "f-instance-type", Endpoint, Deployment, "instance_type";
    InstanceCount: "Instance count", "f-instance-count", Endpoint, Deployment, "instance_count";
    EgressPublicAccess: "Egress public network access (legacy)", "f-egress-public-access", Endpoint, Deployment, "egress_public_network_access";
}

impl Field {
    /// Every field, in table order.
    pub fn all() -> impl Iterator<Item = Field> {
        FIELDS.iter().map(|s| s.field)
    }

    /// This field's row of the table.
    pub fn spec(self) -> &'static FieldSpec {
        // The table is written in variant order by the macro; `find` keeps this correct even if it were not.
        FIELDS.get(self as usize).filter(|s| s.field == self).unwrap_or_else(|| FIELDS.iter().find(|s| s.field == self).unwrap_or(&FIELDS[0]))
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    pub fn id(self) -> &'static str {
        self.spec().id
    }

    pub fn step(self) -> Step {
        self.spec().step
    }

    pub fn doc(self) -> Doc {
        self.spec().doc
    }

    pub fn path(self) -> &'static str {
        self.spec().path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_variant_order_with_unique_ids_and_paths() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.field as usize, i, "{spec:?}");
            assert!(spec.id.starts_with("f-"), "{spec:?}");
        }
        let mut ids: Vec<&str> = FIELDS.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FIELDS.len(), "DOM ids are unique");
        let mut places: Vec<(Doc, &str)> = FIELDS.iter().map(|s| (s.doc, s.path)).collect();
        places.sort_by_key(|(d, p)| (*d as u8, *p));
        places.dedup();
        assert_eq!(places.len(), FIELDS.len(), "each field has its own place in the documents");
        assert_eq!(Field::ImageBuildCompute.step(), Step::Networking);
        assert_eq!(Field::EgressPublicAccess.step(), Step::Endpoint);
    }
}
