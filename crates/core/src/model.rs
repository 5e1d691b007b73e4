//! The typed model of a network-isolation change: workspace managed network, online endpoint and
//! deployments, plus the context (subscription, resource group, create or update).
//!
//! Closed value sets are enums; free text stays `String` so that nothing a user typed is lost and the
//! rules can say exactly what is wrong with it. Keys amlnet does not model are carried in `extra`
//! (in input order) and written back unchanged.

use serde::Serialize;

/// A generic YAML value, for keys carried through unchanged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// A float, kept as the text that was written so it round-trips exactly.
    Float(String),
    Str(String),
    Seq(Vec<Value>),
    Map(Vec<(String, Value)>),
}

/// What kind of document a YAML file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Workspace,
    OnlineEndpoint,
    OnlineDeployment,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Workspace => "workspace",
            DocumentKind::OnlineEndpoint => "online_endpoint",
            DocumentKind::OnlineDeployment => "online_deployment",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().replace('-', "_").as_str() {
            "workspace" => Some(DocumentKind::Workspace),
            "endpoint" | "online_endpoint" => Some(DocumentKind::OnlineEndpoint),
            "deployment" | "online_deployment" => Some(DocumentKind::OnlineDeployment),
            _ => None,
        }
    }

    /// The `$schema` URL the CLI's reference documents for this kind.
    pub fn schema_url(self) -> &'static str {
        match self {
            DocumentKind::Workspace => "https://azuremlschemas.azureedge.net/latest/workspace.schema.json",
            DocumentKind::OnlineEndpoint => "https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json",
            DocumentKind::OnlineDeployment => "https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json",
        }
    }
}

/// `managed_network.isolation_mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum IsolationMode {
    Disabled,
    AllowInternetOutbound,
    AllowOnlyApprovedOutbound,
}

impl IsolationMode {
    pub const ALL: [IsolationMode; 3] = [IsolationMode::Disabled, IsolationMode::AllowInternetOutbound, IsolationMode::AllowOnlyApprovedOutbound];

    /// The ARM, Bicep and Terraform spelling (`AllowOnlyApprovedOutbound`), which azure-ai-ml also sends.
    pub fn pascal(self) -> &'static str {
        match self {
            IsolationMode::Disabled => "Disabled",
            IsolationMode::AllowInternetOutbound => "AllowInternetOutbound",
            IsolationMode::AllowOnlyApprovedOutbound => "AllowOnlyApprovedOutbound",
        }
    }

    /// The YAML and `az` spelling.
    pub fn yaml(self) -> &'static str {
        match self {
            IsolationMode::Disabled => "disabled",
            IsolationMode::AllowInternetOutbound => "allow_internet_outbound",
            IsolationMode::AllowOnlyApprovedOutbound => "allow_only_approved_outbound",
        }
    }

    /// The SDK constant (`IsolationMode.<NAME>`).
    pub fn python_constant(self) -> &'static str {
        match self {
            IsolationMode::Disabled => "DISABLED",
            IsolationMode::AllowInternetOutbound => "ALLOW_INTERNET_OUTBOUND",
            IsolationMode::AllowOnlyApprovedOutbound => "ALLOW_ONLY_APPROVED_OUTBOUND",
        }
    }

    /// The portal's name for the outbound choice.
    pub fn portal_name(self) -> &'static str {
        match self {
            IsolationMode::Disabled => "Public",
            IsolationMode::AllowInternetOutbound => "Private with Internet Outbound",
            IsolationMode::AllowOnlyApprovedOutbound => "Private with Approved Outbound",
        }
    }

    /// Parses like the SDK: case-insensitive, snake_case or PascalCase (`camel_to_snake`).
    pub fn parse(text: &str) -> Option<Self> {
        match normalize_enum(text).as_str() {
            "disabled" => Some(IsolationMode::Disabled),
            "allow_internet_outbound" => Some(IsolationMode::AllowInternetOutbound),
            "allow_only_approved_outbound" => Some(IsolationMode::AllowOnlyApprovedOutbound),
            _ => None,
        }
    }
}

/// Lower-cases and turns PascalCase into snake_case, as the SDK's `camel_to_snake` does.
pub fn normalize_enum(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let chars: Vec<char> = text.trim().chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && chars[i - 1] != '_' && !chars[i - 1].is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// `managed_network.firewall_sku`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FirewallSku {
    Standard,
    Basic,
}

impl FirewallSku {
    pub const ALL: [FirewallSku; 2] = [FirewallSku::Standard, FirewallSku::Basic];
    pub fn yaml(self) -> &'static str {
        match self {
            FirewallSku::Standard => "standard",
            FirewallSku::Basic => "basic",
        }
    }
    /// The REST and SDK value.
    pub fn pascal(self) -> &'static str {
        match self {
            FirewallSku::Standard => "Standard",
            FirewallSku::Basic => "Basic",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "standard" => Some(FirewallSku::Standard),
            "basic" => Some(FirewallSku::Basic),
            _ => None,
        }
    }
}

/// A workspace's `kind`, which chooses the schema azure-ai-ml reads it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceKind {
    #[default]
    Default,
    Hub,
    Project,
}

impl WorkspaceKind {
    pub const ALL: [WorkspaceKind; 3] = [WorkspaceKind::Default, WorkspaceKind::Hub, WorkspaceKind::Project];
    /// The YAML spelling (`kind:`) and the `az ml workspace create --kind` value.
    pub fn yaml(self) -> &'static str {
        match self {
            WorkspaceKind::Default => "default",
            WorkspaceKind::Hub => "hub",
            WorkspaceKind::Project => "project",
        }
    }
    /// The ARM `kind` of `Microsoft.MachineLearningServices/workspaces`.
    pub fn pascal(self) -> &'static str {
        match self {
            WorkspaceKind::Default => "Default",
            WorkspaceKind::Hub => "Hub",
            WorkspaceKind::Project => "Project",
        }
    }
    /// As azure-ai-ml's `Workspace._load` chooses: the value lower-cased.
    pub fn parse(text: &str) -> Option<Self> {
        // Python's `str.lower()`; the kinds are ASCII, so ASCII lower-casing decides the same.
        match text.to_ascii_lowercase().as_str() {
            "default" => Some(WorkspaceKind::Default),
            "hub" => Some(WorkspaceKind::Hub),
            "project" => Some(WorkspaceKind::Project),
            _ => None,
        }
    }
    /// What to call a document of this kind in messages.
    pub fn noun(self) -> &'static str {
        match self {
            WorkspaceKind::Default => "a workspace",
            WorkspaceKind::Hub => "a hub workspace",
            WorkspaceKind::Project => "a project workspace",
        }
    }
}

/// `public_network_access` of a workspace or endpoint, and `egress_public_network_access` of a deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkAccess {
    Enabled,
    Disabled,
}

impl NetworkAccess {
    pub const ALL: [NetworkAccess; 2] = [NetworkAccess::Enabled, NetworkAccess::Disabled];
    /// The endpoint and deployment YAML spelling, and `az ... --set` values (the workspace YAML uses [`NetworkAccess::pascal`]).
    pub fn lower(self) -> &'static str {
        match self {
            NetworkAccess::Enabled => "enabled",
            NetworkAccess::Disabled => "disabled",
        }
    }
    /// The REST, ARM and SDK spelling, also the workspace YAML's.
    pub fn pascal(self) -> &'static str {
        match self {
            NetworkAccess::Enabled => "Enabled",
            NetworkAccess::Disabled => "Disabled",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "enabled" => Some(NetworkAccess::Enabled),
            "disabled" => Some(NetworkAccess::Disabled),
            _ => None,
        }
    }
}

/// An online endpoint's `auth_mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMode {
    Key,
    AmlToken,
    AadToken,
}

impl AuthMode {
    pub const ALL: [AuthMode; 3] = [AuthMode::Key, AuthMode::AmlToken, AuthMode::AadToken];
    pub fn yaml(self) -> &'static str {
        match self {
            AuthMode::Key => "key",
            AuthMode::AmlToken => "aml_token",
            AuthMode::AadToken => "aad_token",
        }
    }
    /// The REST, ARM and Bicep spelling (`authMode`).
    pub fn pascal(self) -> &'static str {
        match self {
            AuthMode::Key => "Key",
            AuthMode::AmlToken => "AMLToken",
            AuthMode::AadToken => "AADToken",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().replace('_', "").as_str() {
            "key" => Some(AuthMode::Key),
            "amltoken" => Some(AuthMode::AmlToken),
            "aadtoken" => Some(AuthMode::AadToken),
            _ => None,
        }
    }
}

/// A user-defined outbound rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboundRule {
    pub name: String,
    pub destination: Destination,
}

/// The three rule types, each with its destination fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Destination {
    PrivateEndpoint(PrivateEndpointDestination),
    ServiceTag(ServiceTagDestination),
    Fqdn(FqdnDestination),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PrivateEndpointDestination {
    pub service_resource_id: String,
    pub subresource_target: String,
    pub spark_enabled: bool,
    /// Rule-level `fqdns` (Application Gateway targets); empty when not set.
    pub fqdns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ServiceTagDestination {
    pub service_tag: String,
    pub protocol: String,
    pub port_ranges: String,
    pub address_prefixes: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FqdnDestination {
    pub destination: String,
}

/// The rule type as YAML and `az --type` spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleType {
    PrivateEndpoint,
    ServiceTag,
    Fqdn,
}

impl RuleType {
    pub const ALL: [RuleType; 3] = [RuleType::PrivateEndpoint, RuleType::ServiceTag, RuleType::Fqdn];
    /// The REST, ARM and Bicep spelling (`type` of an outbound rule).
    pub fn pascal(self) -> &'static str {
        match self {
            RuleType::PrivateEndpoint => "PrivateEndpoint",
            RuleType::ServiceTag => "ServiceTag",
            RuleType::Fqdn => "FQDN",
        }
    }
    pub fn yaml(self) -> &'static str {
        match self {
            RuleType::PrivateEndpoint => "private_endpoint",
            RuleType::ServiceTag => "service_tag",
            RuleType::Fqdn => "fqdn",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match normalize_enum(text).as_str() {
            "private_endpoint" => Some(RuleType::PrivateEndpoint),
            "service_tag" => Some(RuleType::ServiceTag),
            "fqdn" | "f_q_d_n" => Some(RuleType::Fqdn),
            _ => None,
        }
    }
    /// The portal's "Destination type" label.
    pub fn portal_name(self) -> &'static str {
        match self {
            RuleType::PrivateEndpoint => "Private Endpoint",
            RuleType::ServiceTag => "Service Tag",
            RuleType::Fqdn => "FQDN",
        }
    }
}

impl Destination {
    pub fn rule_type(&self) -> RuleType {
        match self {
            Destination::PrivateEndpoint(_) => RuleType::PrivateEndpoint,
            Destination::ServiceTag(_) => RuleType::ServiceTag,
            Destination::Fqdn(_) => RuleType::Fqdn,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ManagedNetwork {
    /// `None` only when an imported document left it out (an error).
    pub isolation_mode: Option<IsolationMode>,
    pub firewall_sku: Option<FirewallSku>,
    pub outbound_rules: Vec<OutboundRule>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Workspace {
    /// `kind`: a plain workspace, a Foundry hub or a Foundry project.
    pub kind: WorkspaceKind,
    /// A project's hub (`hub_id`, the hub's ARM id).
    pub hub_id: Option<String>,
    pub name: String,
    pub location: Option<String>,
    pub display_name: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<(String, String)>,
    pub public_network_access: Option<NetworkAccess>,
    pub image_build_compute: Option<String>,
    pub provision_network_now: Option<bool>,
    pub managed_network: Option<ManagedNetwork>,
    /// `v1_legacy_mode`, which blocks managed online endpoints when true.
    pub v1_legacy_mode: Option<bool>,
    /// Other keys the SDK accepts, carried through unchanged in input order.
    pub extra: Vec<(String, Value)>,
}

impl Workspace {
    /// A project's hub by name: the last segment of `hub_id`, if it has one.
    pub fn hub_name(&self) -> Option<&str> {
        self.hub_id.as_deref().and_then(|h| h.rsplit('/').next()).filter(|n| !n.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OnlineEndpoint {
    /// `compute` of a Kubernetes online endpoint (`azureml:<attached compute>`); `None` for a managed one.
    pub compute: Option<String>,
    pub name: String,
    pub description: Option<String>,
    pub tags: Vec<(String, String)>,
    pub auth_mode: Option<AuthMode>,
    pub public_network_access: Option<NetworkAccess>,
    /// The `identity` mapping, carried as written.
    pub identity: Option<Value>,
    pub extra: Vec<(String, Value)>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CodeConfiguration {
    pub code: String,
    pub scoring_script: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OnlineDeployment {
    /// `type: kubernetes`: a deployment to an attached Kubernetes compute, which azure-ai-ml reads with
    /// another schema (no `instance_type` required, `resources` allowed).
    pub kubernetes: bool,
    pub name: String,
    pub endpoint_name: String,
    /// A reference (`azureml:name:version`) or an inline mapping.
    pub model: Option<Value>,
    /// A reference or an inline mapping.
    pub environment: Option<Value>,
    pub code_configuration: Option<CodeConfiguration>,
    pub instance_type: Option<String>,
    pub instance_count: Option<i64>,
    pub app_insights_enabled: Option<bool>,
    pub egress_public_network_access: Option<NetworkAccess>,
    pub extra: Vec<(String, Value)>,
}

/// Whether the export creates a workspace or changes an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    #[default]
    Create,
    Update,
}

/// What a real change needs besides the documents.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Context {
    pub subscription_id: Option<String>,
    pub resource_group: Option<String>,
    pub operation: Operation,
    /// For an update: the workspace's current isolation mode, to judge one-way transitions.
    pub current_isolation_mode: Option<IsolationMode>,
    /// For an update: the rules the workspace has now.
    pub current_rules: Vec<OutboundRule>,
    /// The resources the exports add around the workspace (inbound private endpoints, the approver role).
    pub networking: Networking,
}

/// The Azure resources a working isolated workspace needs besides the workspace itself, as the portal's
/// Networking tab asks for them. None of this is a key of azure-ai-ml's YAML: it is amlnet's own part of
/// the configuration, set by CLI flags and the wizard and carried by share links.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Networking {
    /// Private endpoints of the workspace (group `amlworkspace`) in the user's virtual networks.
    pub inbound_private_endpoints: Vec<InboundPrivateEndpoint>,
    /// Assign "Azure AI Enterprise Network Connection Approver" to the workspace's identity on every
    /// private endpoint target of an outbound rule (on by default).
    pub assign_approver_role: bool,
    /// The user-assigned identity (ARM id) that gets the role; `None`: the workspace's
    /// `primary_user_assigned_identity` if it has one, else its system-assigned identity.
    pub approver_identity: Option<String>,
}

impl Default for Networking {
    fn default() -> Self {
        Networking { inbound_private_endpoints: Vec::new(), assign_approver_role: true, approver_identity: None }
    }
}

/// One private endpoint of the workspace in a virtual network (the portal's "Add private endpoint").
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct InboundPrivateEndpoint {
    /// The endpoint's name; empty: `<workspace>-pe`, numbered from the second endpoint on.
    pub name: String,
    /// The subnet: its ARM id, or `VNET/SUBNET` in `network_resource_group`.
    pub subnet: String,
    /// The resource group of the virtual network when `subnet` is `VNET/SUBNET`; `None`: the workspace's.
    pub network_resource_group: Option<String>,
    /// The endpoint's region, which must be its virtual network's; `None`: the workspace's location.
    pub location: Option<String>,
    pub dns: DnsIntegration,
}

/// Private DNS zone integration of an inbound private endpoint.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "snake_case", tag = "mode", content = "zone_ids")]
pub enum DnsIntegration {
    /// Create the workspace's two private DNS zones in the workspace's resource group, link them to the
    /// endpoint's virtual network and add them to the endpoint's zone group (the portal's default).
    #[default]
    Create,
    /// Use existing zones (ARM ids of `Microsoft.Network/privateDnsZones`), already linked to the network
    /// (a hub-and-spoke DNS): only the endpoint's zone group is created.
    Existing(Vec<String>),
    /// No DNS integration: name resolution is the user's (custom DNS servers, a hosts file).
    Off,
}

/// A subnet's parts, from an ARM id or `VNET/SUBNET`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubnetRef {
    /// `None` when the subnet was given by name: the deployment's subscription.
    pub subscription: Option<String>,
    /// `None` when given by name without a network resource group: the deployment's resource group.
    pub resource_group: Option<String>,
    pub virtual_network: String,
    pub subnet: String,
}

impl InboundPrivateEndpoint {
    /// The subnet's parts, or `None` when `subnet` is neither a subnet id nor `VNET/SUBNET`.
    pub fn subnet_ref(&self) -> Option<SubnetRef> {
        let text = self.subnet.trim();
        let valid_name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if let Some(rest) = text.strip_prefix('/') {
            let parts: Vec<&str> = rest.split('/').collect();
            let ok = parts.len() == 10
                && parts[0].eq_ignore_ascii_case("subscriptions")
                && parts[2].eq_ignore_ascii_case("resourceGroups")
                && parts[4].eq_ignore_ascii_case("providers")
                && parts[5].eq_ignore_ascii_case("Microsoft.Network")
                && parts[6].eq_ignore_ascii_case("virtualNetworks")
                && parts[8].eq_ignore_ascii_case("subnets")
                && crate::catalog::is_guid(parts[1])
                && !parts[3].is_empty()
                && parts[3].chars().all(|c| c.is_ascii_alphanumeric() || "-_.()".contains(c))
                && valid_name(parts[7])
                && valid_name(parts[9]);
            return ok.then(|| SubnetRef {
                subscription: Some(parts[1].to_owned()),
                resource_group: Some(parts[3].to_owned()),
                virtual_network: parts[7].to_owned(),
                subnet: parts[9].to_owned(),
            });
        }
        let (vnet, subnet) = text.split_once('/')?;
        (valid_name(vnet) && valid_name(subnet)).then(|| SubnetRef {
            subscription: None,
            resource_group: self.network_resource_group.clone().filter(|g| !g.trim().is_empty()),
            virtual_network: vnet.to_owned(),
            subnet: subnet.to_owned(),
        })
    }
}

/// The built-in role "Azure AI Enterprise Network Connection Approver" (its role definition id).
pub const APPROVER_ROLE_ID: &str = "b556d68e-0be0-4f35-a333-ad7ee1ce17ea";
/// Its name, for messages.
pub const APPROVER_ROLE_NAME: &str = "Azure AI Enterprise Network Connection Approver";

/// Everything amlnet validates and exports.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Config {
    pub context: Context,
    pub workspace: Option<Workspace>,
    pub endpoint: Option<OnlineEndpoint>,
    pub deployments: Vec<OnlineDeployment>,
}

impl Config {
    /// The workspace's isolation mode, if a managed network is configured.
    pub fn isolation_mode(&self) -> Option<IsolationMode> {
        self.workspace.as_ref()?.managed_network.as_ref()?.isolation_mode
    }

    /// The user-defined outbound rules (empty without a workspace or managed network).
    pub fn rules(&self) -> &[OutboundRule] {
        self.workspace.as_ref().and_then(|w| w.managed_network.as_ref()).map_or(&[], |m| m.outbound_rules.as_slice())
    }
}

/// The field path of outbound rule `index`.
pub fn rule_path(index: usize) -> String {
    format!("managed_network.outbound_rules[{index}]")
}
