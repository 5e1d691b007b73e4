//! The infrastructure-as-code tree the ARM template, the Bicep file and the azapi parts of Terraform
//! share: resources (API version `2025-12-01`) whose bodies are the REST bodies azure-ai-ml 1.35.2
//! sends for the same configuration (the conformance suite compares them).
//!
//! [`Template::of`] builds the tree once; `arm.rs` renders it as JSON, `bicep.rs` as Bicep and
//! `terraform.rs` as azapi bodies, so they cannot drift. Values that amlnet cannot know (dependent
//! resource ids, ids of local assets that must be uploaded first) become parameters without a default,
//! so the template says what it needs instead of guessing.

use crate::model::{AuthMode, Config, FirewallSku, IsolationMode, ManagedNetwork, OnlineDeployment, OnlineEndpoint, OutboundRule, Value, Workspace};
use crate::model::{Destination, FqdnDestination, Operation, PrivateEndpointDestination, ServiceTagDestination, SubnetRef, WorkspaceKind};
use crate::networking::{self, InboundDns, Principal};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The ARM API version of every resource.
pub const API_VERSION: &str = "2025-12-01";
pub(crate) const WORKSPACE_TYPE: &str = "Microsoft.MachineLearningServices/workspaces";
pub(crate) const ENDPOINT_TYPE: &str = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints";
pub(crate) const DEPLOYMENT_TYPE: &str = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments";
pub(crate) const RULE_TYPE: &str = "Microsoft.MachineLearningServices/workspaces/outboundRules";
pub(crate) const PRIVATE_ENDPOINT_TYPE: &str = "Microsoft.Network/privateEndpoints";
pub(crate) const ZONE_GROUP_TYPE: &str = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";
pub(crate) const DNS_ZONE_TYPE: &str = "Microsoft.Network/privateDnsZones";
pub(crate) const DNS_LINK_TYPE: &str = "Microsoft.Network/privateDnsZones/virtualNetworkLinks";
pub(crate) const ROLE_ASSIGNMENT_TYPE: &str = "Microsoft.Authorization/roleAssignments";
/// API versions of the network and authorization resources (the workspace's is [`API_VERSION`]).
pub(crate) const NETWORK_API_VERSION: &str = "2024-05-01";
pub(crate) const DNS_API_VERSION: &str = "2020-06-01";
pub(crate) const ROLE_API_VERSION: &str = "2022-04-01";
/// The API version `reference()` reads a user-assigned identity with.
pub(crate) const IDENTITY_API_VERSION: &str = "2023-01-31";

/// API versions of the private endpoint targets a role assignment can be scoped to in the template (Bicep
/// needs one to declare the target `existing`). A target of another type is left to the scripts.
const TARGET_API_VERSIONS: &[(&str, &str)] = &[
    ("Microsoft.Storage/storageAccounts", "2023-05-01"),
    ("Microsoft.KeyVault/vaults", "2023-07-01"),
    ("Microsoft.ContainerRegistry/registries", "2023-07-01"),
    ("Microsoft.MachineLearningServices/workspaces", "2024-10-01"),
    ("Microsoft.MachineLearningServices/registries", "2024-10-01"),
    ("Microsoft.CognitiveServices/accounts", "2024-10-01"),
    ("Microsoft.Search/searchServices", "2023-11-01"),
    ("Microsoft.Sql/servers", "2021-11-01"),
    ("Microsoft.DocumentDB/databaseAccounts", "2024-05-15"),
    ("Microsoft.EventHub/namespaces", "2024-01-01"),
    ("Microsoft.Cache/redis", "2024-03-01"),
    ("Microsoft.DBforPostgreSQL/flexibleServers", "2022-12-01"),
];

/// An expression the deployment engine evaluates. Each target language renders it its own way.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A template parameter, named in camelCase (Terraform uses the snake_case form).
    Param(String),
    /// The resource group's location.
    ResourceGroupLocation,
    /// The workspace's resource id followed by literal path segments (`/models/<name>/versions/<v>`).
    WorkspaceChildId(Vec<String>),
    /// The id of a resource of the template, by index (ARM `resourceId(...)`, Bicep `<symbol>.id`).
    ResourceId(usize),
    /// The id of a resource outside the template: `subscription` and `resource_group` default to the
    /// deployment's (ARM and Bicep `resourceId(...)`).
    ExternalId { subscription: Option<String>, resource_group: Option<String>, resource_type: String, names: Vec<String> },
    /// The principal id of the identity that gets the approver role.
    PrincipalId(Principal),
    /// A deterministic GUID of the values (ARM and Bicep `guid(...)`).
    Guid(Vec<Node>),
    /// The id of a built-in role definition (`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', id)`).
    RoleDefinitionId(String),
}

/// A JSON-like value: the body of a resource.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Bool(bool),
    Int(i64),
    /// A number kept as written (a YAML float).
    Number(String),
    Str(String),
    Expr(Expr),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
    Null,
}

impl Node {
    pub(crate) fn str(text: &str) -> Node {
        Node::Str(text.to_owned())
    }
    fn param(name: &str) -> Node {
        Node::Expr(Expr::Param(name.to_owned()))
    }
}

/// A template parameter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parameter {
    pub(crate) name: String,
    /// `None`: the deployer must pass a value.
    pub(crate) default: Option<Node>,
    pub(crate) description: String,
}

/// One resource of the template.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resource {
    /// The Bicep symbol (an identifier amlnet chooses).
    pub(crate) symbol: String,
    pub(crate) resource_type: &'static str,
    /// Index of the parent resource in [`Template::resources`].
    pub(crate) parent: Option<usize>,
    /// This resource's own name segment.
    pub(crate) name: Node,
    /// An existing resource, referenced but not deployed (Bicep `existing`; left out of the ARM JSON).
    pub(crate) existing: bool,
    pub(crate) api_version: &'static str,
    /// Resources it must wait for besides its parent (indexes; ARM `dependsOn`; Bicep infers them from the references).
    pub(crate) depends_on: Vec<usize>,
    /// The resource an extension resource (a role assignment) applies to: an `existing` one, by index.
    pub(crate) scope: Option<usize>,
    /// Everything else: `location`, `tags`, `identity`, `sku`, `properties`.
    pub(crate) body: Vec<(String, Node)>,
}

/// The whole template.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Template {
    pub(crate) description: String,
    /// What the deployer must do besides deploying (also in `description`), for the Terraform comments.
    pub(crate) notes: Vec<String>,
    pub(crate) parameters: Vec<Parameter>,
    pub(crate) resources: Vec<Resource>,
}

/// Workspace keys carried through from the YAML that the ARM body holds, with their ARM names.
const CARRIED_WORKSPACE_KEYS: &[(&str, &str)] = &[
    ("storage_account", "storageAccount"),
    ("key_vault", "keyVault"),
    ("application_insights", "applicationInsights"),
    ("container_registry", "containerRegistry"),
    ("hbi_workspace", "hbiWorkspace"),
    ("primary_user_assigned_identity", "primaryUserAssignedIdentity"),
    ("system_datastores_auth_mode", "systemDatastoresAuthMode"),
    ("enable_data_isolation", "enableDataIsolation"),
    ("allow_roleassignment_on_rg", "allowRoleAssignmentOnRG"),
];

/// Keys no export carries anyway (not settings of the resource).
const IGNORED_KEYS: &[&str] = &["$schema", "resource_group", "identity", "default_resource_group"];

impl Template {
    /// Builds the tree of a configuration.
    pub(crate) fn of(config: &Config) -> Template {
        let mut t = Template { description: String::new(), notes: Vec::new(), parameters: Vec::new(), resources: Vec::new() };
        let mut not_exported: Vec<String> = Vec::new();
        let ws = config.workspace.as_ref();
        let ws_name = ws.map(|w| w.name.as_str()).filter(|n| !n.is_empty());
        t.parameters.push(Parameter {
            name: "workspaceName".to_owned(),
            default: ws_name.map(Node::str),
            description: "The name of the Azure Machine Learning workspace".to_owned(),
        });
        t.parameters.push(Parameter {
            name: "location".to_owned(),
            default: Some(ws.and_then(|w| w.location.as_deref()).map_or(Node::Expr(Expr::ResourceGroupLocation), Node::str)),
            description: "The Azure region of the workspace and its endpoints".to_owned(),
        });
        let workspace_index = t.resources.len();
        match ws {
            Some(ws) => {
                let body = workspace_body(config, ws, &mut t.parameters, &mut not_exported);
                t.resources.push(Resource {
                    symbol: "workspace".to_owned(),
                    resource_type: WORKSPACE_TYPE,
                    parent: None,
                    name: Node::param("workspaceName"),
                    existing: false,
                    api_version: API_VERSION,
                    depends_on: Vec::new(),
                    scope: None,
                    body,
                });
            }
            None => t.resources.push(Resource {
                symbol: "workspace".to_owned(),
                resource_type: WORKSPACE_TYPE,
                parent: None,
                name: Node::param("workspaceName"),
                existing: true,
                api_version: API_VERSION,
                depends_on: Vec::new(),
                scope: None,
                body: Vec::new(),
            }),
        }
        let mut endpoints: Vec<(String, usize)> = Vec::new();
        if let Some(ep) = &config.endpoint {
            let body = endpoint_body(ep, &mut not_exported);
            endpoints.push((ep.name.clone(), t.resources.len()));
            t.resources.push(Resource {
                symbol: "endpoint".to_owned(),
                resource_type: ENDPOINT_TYPE,
                parent: Some(workspace_index),
                name: Node::str(&ep.name),
                existing: false,
                api_version: API_VERSION,
                depends_on: Vec::new(),
                scope: None,
                body,
            });
        }
        for (i, dep) in config.deployments.iter().enumerate() {
            let parent = match endpoints.iter().find(|(name, _)| *name == dep.endpoint_name) {
                Some((_, index)) => *index,
                None => {
                    let index = t.resources.len();
                    t.resources.push(Resource {
                        symbol: format!("existingEndpoint{}", endpoints.len() + 1),
                        resource_type: ENDPOINT_TYPE,
                        parent: Some(workspace_index),
                        name: Node::str(&dep.endpoint_name),
                        existing: true,
                        api_version: API_VERSION,
                        depends_on: Vec::new(),
                        scope: None,
                        body: Vec::new(),
                    });
                    endpoints.push((dep.endpoint_name.clone(), index));
                    index
                }
            };
            let body = deployment_body(dep, i + 1, &mut t.parameters, &mut not_exported);
            t.resources.push(Resource {
                symbol: format!("deployment{}", i + 1),
                resource_type: DEPLOYMENT_TYPE,
                parent: Some(parent),
                name: Node::str(&dep.name),
                existing: false,
                api_version: API_VERSION,
                depends_on: Vec::new(),
                scope: None,
                body,
            });
        }
        let left_to_scripts = approver_role_assignments(config, &mut t, workspace_index);
        inbound_private_endpoints(config, &mut t, workspace_index);
        let mut description = format!("Generated by amlnet {}. API version {API_VERSION}.", crate::VERSION);
        if config.context.operation == Operation::Update {
            description.push_str(" Update of an existing workspace: a deployment of this template sends the whole resource (PUT), so pass the workspace's current dependent resource ids.");
        }
        if !config.deployments.is_empty() {
            t.notes.push("Traffic is not set: route traffic to a deployment after it succeeds.".to_owned());
        }
        if config.rules().iter().any(|r| matches!(&r.destination, Destination::PrivateEndpoint(pe) if pe.spark_enabled)) {
            t.notes.push(
                "Spark-enabled rules: provision the managed network with Spark afterwards (az ml workspace provision-network --include-spark)."
                    .to_owned(),
            );
        }
        if !not_exported.is_empty() {
            t.notes.push(format!("Not exported (set them after deployment): {}.", not_exported.join(", ")));
        }
        if !left_to_scripts.is_empty() {
            t.notes.push(format!(
                "Assign the role {} ({}) to the workspace's identity on these private endpoint targets, which are outside the deployment's resource group (az role assignment create, or the CLI export): {}.",
                crate::model::APPROVER_ROLE_NAME,
                crate::model::APPROVER_ROLE_ID,
                left_to_scripts.join(", ")
            ));
        }
        for note in &t.notes {
            description.push(' ');
            description.push_str(note);
        }
        t.description = description;
        t
    }
}

/// A resource of the network part: deployed, not the workspace's API version.
fn network_resource(symbol: String, resource_type: &'static str, api_version: &'static str, parent: Option<usize>, name: Node) -> Resource {
    Resource { symbol, resource_type, parent, name, existing: false, api_version, depends_on: Vec::new(), scope: None, body: Vec::new() }
}

fn obj(entries: Vec<(&str, Node)>) -> Node {
    Node::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// The id of a subnet (or of its virtual network): a literal when it was given as an id, else an
/// expression in the deployment's subscription and the given resource group.
fn network_id(subnet: &SubnetRef, with_subnet: bool) -> Node {
    match (&subnet.subscription, &subnet.resource_group) {
        (Some(sub), Some(rg)) => {
            let mut id = format!("/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{}", subnet.virtual_network);
            if with_subnet {
                id.push_str(&format!("/subnets/{}", subnet.subnet));
            }
            Node::Str(id)
        }
        (_, rg) => {
            let (resource_type, mut names) = ("Microsoft.Network/virtualNetworks", vec![subnet.virtual_network.clone()]);
            let resource_type = if with_subnet {
                names.push(subnet.subnet.clone());
                "Microsoft.Network/virtualNetworks/subnets"
            } else {
                resource_type
            };
            Node::Expr(Expr::ExternalId { subscription: None, resource_group: rg.clone(), resource_type: resource_type.to_owned(), names })
        }
    }
}

/// The approver role on each private endpoint target in the deployment's resource group (an extension
/// resource scoped to the target, declared `existing`); returns the targets left to the scripts.
fn approver_role_assignments(config: &Config, t: &mut Template, workspace_index: usize) -> Vec<String> {
    let targets = networking::assigned_targets(config);
    let principal = networking::approver_principal(config);
    let ctx = &config.context;
    let mut left = Vec::new();
    for (k, target) in targets.iter().enumerate() {
        let Some(arm) = crate::catalog::parse_arm_id(&target.id) else { continue };
        let same_group = ctx.subscription_id.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(arm.subscription))
            && ctx.resource_group.as_deref().is_some_and(|g| g.eq_ignore_ascii_case(arm.resource_group));
        let version = TARGET_API_VERSIONS.iter().find(|(ty, _)| ty.eq_ignore_ascii_case(&target.resource_type)).map(|(_, v)| *v);
        let (true, Some(version), Some((resource_type, _))) =
            (same_group, version, TARGET_API_VERSIONS.iter().find(|(ty, _)| ty.eq_ignore_ascii_case(&target.resource_type)))
        else {
            left.push(target.id.clone());
            continue;
        };
        let target_index = t.resources.len();
        t.resources.push(Resource {
            existing: true,
            ..network_resource(format!("approverTarget{}", k + 1), resource_type, version, None, Node::str(arm.name))
        });
        let mut ra = network_resource(
            format!("approverRole{}", k + 1),
            ROLE_ASSIGNMENT_TYPE,
            ROLE_API_VERSION,
            None,
            Node::Expr(Expr::Guid(vec![
                Node::Expr(Expr::ResourceId(target_index)),
                Node::Expr(Expr::ResourceId(workspace_index)),
                Node::str(crate::model::APPROVER_ROLE_ID),
            ])),
        );
        ra.scope = Some(target_index);
        ra.depends_on = vec![workspace_index];
        ra.body = vec![(
            "properties".to_owned(),
            obj(vec![
                ("roleDefinitionId", Node::Expr(Expr::RoleDefinitionId(crate::model::APPROVER_ROLE_ID.to_owned()))),
                ("principalId", Node::Expr(Expr::PrincipalId(principal.clone()))),
                ("principalType", Node::str("ServicePrincipal")),
            ]),
        )];
        t.resources.push(ra);
    }
    left
}

/// The inbound private endpoints, the private DNS zones with their links, and the endpoints' zone groups.
fn inbound_private_endpoints(config: &Config, t: &mut Template, workspace_index: usize) {
    let inbound = networking::inbound(config);
    let mut pe_indexes = Vec::new();
    for (k, pe) in inbound.iter().enumerate() {
        let mut r = network_resource(format!("inboundEndpoint{}", k + 1), PRIVATE_ENDPOINT_TYPE, NETWORK_API_VERSION, None, Node::str(&pe.name));
        let location = pe.location.as_deref().map_or(Node::param("location"), Node::str);
        r.body = vec![
            ("location".to_owned(), location),
            (
                "properties".to_owned(),
                obj(vec![
                    ("subnet", obj(vec![("id", network_id(&pe.subnet, true))])),
                    (
                        "privateLinkServiceConnections",
                        Node::Array(vec![obj(vec![
                            ("name", Node::str(networking::CONNECTION_NAME)),
                            (
                                "properties",
                                obj(vec![
                                    ("privateLinkServiceId", Node::Expr(Expr::ResourceId(workspace_index))),
                                    ("groupIds", Node::Array(vec![Node::str(networking::WORKSPACE_GROUP_ID)])),
                                ]),
                            ),
                        ])]),
                    ),
                ]),
            ),
        ];
        if !t.resources[workspace_index].existing {
            r.depends_on = vec![workspace_index];
        }
        pe_indexes.push(t.resources.len());
        t.resources.push(r);
    }
    let mut zone_indexes: Vec<(&'static str, usize)> = Vec::new();
    for (k, zone) in networking::zones_to_create(&inbound).into_iter().enumerate() {
        let mut r = network_resource(format!("privateDnsZone{}", k + 1), DNS_ZONE_TYPE, DNS_API_VERSION, None, Node::str(zone));
        r.body = vec![("location".to_owned(), Node::str("global"))];
        zone_indexes.push((zone, t.resources.len()));
        t.resources.push(r);
    }
    for (k, (zone, link, subnet)) in networking::links_to_create(&inbound).into_iter().enumerate() {
        let Some(&(_, parent)) = zone_indexes.iter().find(|(z, _)| *z == zone) else { continue };
        let mut r = network_resource(format!("privateDnsLink{}", k + 1), DNS_LINK_TYPE, DNS_API_VERSION, Some(parent), Node::Str(link));
        r.body = vec![
            ("location".to_owned(), Node::str("global")),
            (
                "properties".to_owned(),
                obj(vec![("virtualNetwork", obj(vec![("id", network_id(&subnet, false))])), ("registrationEnabled", Node::Bool(false))]),
            ),
        ];
        t.resources.push(r);
    }
    for (k, pe) in inbound.iter().enumerate() {
        let (configs, depends_on): (Vec<Node>, Vec<usize>) = match &pe.dns {
            InboundDns::Create { zones, .. } => {
                let mut deps = Vec::new();
                let configs = zones
                    .iter()
                    .filter_map(|z| zone_indexes.iter().find(|(name, _)| name == z))
                    .map(|&(z, index)| {
                        deps.push(index);
                        zone_config(z, Node::Expr(Expr::ResourceId(index)))
                    })
                    .collect();
                (configs, deps)
            }
            InboundDns::Existing(ids) => {
                (ids.iter().map(|id| zone_config(id.rsplit('/').next().unwrap_or(id), Node::Str(id.clone()))).collect(), Vec::new())
            }
            InboundDns::Off => continue,
        };
        let mut r = network_resource(
            format!("inboundEndpoint{}Dns", k + 1),
            ZONE_GROUP_TYPE,
            NETWORK_API_VERSION,
            Some(pe_indexes[k]),
            Node::str(networking::ZONE_GROUP_NAME),
        );
        r.depends_on = depends_on;
        r.body = vec![("properties".to_owned(), obj(vec![("privateDnsZoneConfigs", Node::Array(configs))]))];
        t.resources.push(r);
    }
}

fn zone_config(zone: &str, id: Node) -> Node {
    obj(vec![("name", Node::Str(networking::zone_config_name(zone))), ("properties", obj(vec![("privateDnsZoneId", id)]))])
}

fn string_of(value: &Value) -> Option<&str> {
    match value {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

/// A YAML value carried through unchanged, as a JSON-like node.
pub(crate) fn node_of(value: &Value) -> Node {
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Int(i) => Node::Int(*i),
        Value::Float(f) => Node::Number(f.clone()),
        Value::Str(s) => Node::Str(s.clone()),
        Value::Seq(items) => Node::Array(items.iter().map(node_of).collect()),
        Value::Map(entries) => Node::Object(entries.iter().map(|(k, v)| (k.clone(), node_of(v))).collect()),
    }
}

fn tags_node(tags: &[(String, String)]) -> Node {
    Node::Object(tags.iter().map(|(k, v)| (k.clone(), Node::Str(v.clone()))).collect())
}

/// `system_assigned,user_assigned` → `SystemAssigned,UserAssigned`.
fn identity_type(text: &str) -> String {
    text.split(',')
        .map(|part| {
            let part = part.trim();
            match part.to_ascii_lowercase().replace('_', "").as_str() {
                "systemassigned" => return "SystemAssigned".to_owned(),
                "userassigned" => return "UserAssigned".to_owned(),
                "none" => return "None".to_owned(),
                _ => {}
            }
            part.split('_')
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map(|f| f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase()).unwrap_or_default()
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The `identity` mapping of a workspace or endpoint as ARM writes it.
pub(crate) fn identity_node(value: &Value) -> Node {
    let mut out = Vec::new();
    if let Value::Map(entries) = value {
        for (k, v) in entries {
            match (k.as_str(), v) {
                ("type", Value::Str(t)) => out.push(("type".to_owned(), Node::Str(identity_type(t)))),
                ("user_assigned_identities", Value::Map(ids)) => out.push((
                    "userAssignedIdentities".to_owned(),
                    Node::Object(ids.iter().map(|(id, _)| (id.clone(), Node::Object(Vec::new()))).collect()),
                )),
                ("user_assigned_identities", Value::Seq(items)) => {
                    let ids = items
                        .iter()
                        .filter_map(|item| match item {
                            Value::Map(e) => e.iter().find(|(k, _)| k == "resource_id").and_then(|(_, v)| string_of(v)).map(str::to_owned),
                            Value::Str(s) => Some(s.clone()),
                            _ => None,
                        })
                        .map(|id| (id, Node::Object(Vec::new())))
                        .collect();
                    out.push(("userAssignedIdentities".to_owned(), Node::Object(ids)));
                }
                _ => {}
            }
        }
    }
    Node::Object(out)
}

/// One outbound rule's ARM value (the entry of `outboundRules`, or the child resource's `properties`).
pub(crate) fn rule_node(rule: &OutboundRule) -> Node {
    // The name is the key of `outboundRules` or the child resource's name; the callers write it.
    let OutboundRule { name: _, destination } = rule;
    let rule_type = destination.rule_type().pascal();
    let mut out = Vec::new();
    match destination {
        Destination::PrivateEndpoint(PrivateEndpointDestination { service_resource_id, subresource_target, spark_enabled, fqdns }) => {
            out.push(("type".to_owned(), Node::str(rule_type)));
            out.push(("category".to_owned(), Node::str("UserDefined")));
            out.push((
                "destination".to_owned(),
                Node::Object(vec![
                    ("serviceResourceId".to_owned(), Node::str(service_resource_id)),
                    ("subresourceTarget".to_owned(), Node::str(subresource_target)),
                    ("sparkEnabled".to_owned(), Node::Bool(*spark_enabled)),
                ]),
            ));
            if !fqdns.is_empty() {
                out.push(("fqdns".to_owned(), Node::Array(fqdns.iter().map(|f| Node::str(f)).collect())));
            }
        }
        Destination::ServiceTag(ServiceTagDestination { service_tag, protocol, port_ranges, address_prefixes }) => {
            out.push(("type".to_owned(), Node::str(rule_type)));
            out.push(("category".to_owned(), Node::str("UserDefined")));
            let mut dest = vec![
                ("serviceTag".to_owned(), Node::str(service_tag)),
                ("protocol".to_owned(), Node::str(protocol)),
                ("portRanges".to_owned(), Node::str(port_ranges)),
            ];
            if let Some(prefixes) = address_prefixes {
                dest.push(("addressPrefixes".to_owned(), Node::Array(prefixes.iter().map(|p| Node::str(p)).collect())));
            }
            out.push(("destination".to_owned(), Node::Object(dest)));
        }
        Destination::Fqdn(FqdnDestination { destination }) => {
            out.push(("type".to_owned(), Node::str(rule_type)));
            out.push(("category".to_owned(), Node::str("UserDefined")));
            out.push(("destination".to_owned(), Node::str(destination)));
        }
    }
    Node::Object(out)
}

/// Whether the template must provision the managed network when it creates the workspace (there is
/// no provision-network step in a template, and online deployments need a provisioned network).
pub(crate) fn provision_now(config: &Config, ws: &Workspace) -> Option<bool> {
    let managed = matches!(config.isolation_mode(), Some(IsolationMode::AllowInternetOutbound | IsolationMode::AllowOnlyApprovedOutbound));
    match ws.provision_network_now {
        Some(v) => Some(v),
        None if managed && !config.deployments.is_empty() => Some(true),
        None => None,
    }
}

fn workspace_body(config: &Config, ws: &Workspace, params: &mut Vec<Parameter>, not_exported: &mut Vec<String>) -> Vec<(String, Node)> {
    let &Workspace {
        kind,
        ref hub_id,
        // The resource name: the `workspaceName` parameter, whose default `Template::of` sets.
        name: _,
        // The `location` parameter, whose default `Template::of` sets.
        location: _,
        ref display_name,
        ref description,
        ref tags,
        public_network_access,
        ref image_build_compute,
        // Read by `provision_now`, which Terraform shares.
        provision_network_now: _,
        ref managed_network,
        v1_legacy_mode,
        ref extra,
    } = ws;
    let mut body = Vec::new();
    match extra.iter().find(|(k, _)| k == "identity") {
        Some((_, identity)) => body.push(("identity".to_owned(), identity_node(identity))),
        // A new workspace needs an identity; the SDK's own create template uses the system-assigned one.
        // An update leaves the existing identity alone.
        None if config.context.operation == Operation::Create => {
            body.push(("identity".to_owned(), Node::Object(vec![("type".to_owned(), Node::str("SystemAssigned"))])));
        }
        None => {}
    }
    if kind != WorkspaceKind::Default {
        body.push(("kind".to_owned(), Node::str(kind.pascal())));
    }
    body.push(("location".to_owned(), Node::param("location")));
    if !tags.is_empty() {
        body.push(("tags".to_owned(), tags_node(tags)));
    }
    let mut props: Vec<(String, Node)> = Vec::new();
    if let Some(hub) = hub_id {
        props.push(("hubResourceId".to_owned(), Node::str(hub)));
    }
    // azure-ai-ml 1.35.2 never sends a hub's `default_resource_group` (rule `hub-default-resource-group-dropped`);
    // the template does.
    if let Some(Value::Str(rg)) = extra.iter().find(|(k, _)| k == "default_resource_group").map(|(_, v)| v) {
        props.push(("workspaceHubConfig".to_owned(), Node::Object(vec![("defaultWorkspaceResourceGroup".to_owned(), Node::str(rg))])));
    }
    if let Some(d) = description {
        props.push(("description".to_owned(), Node::str(d)));
    }
    if let Some(d) = display_name {
        props.push(("friendlyName".to_owned(), Node::str(d)));
    }
    // Dependent resources: carried ids as written; storage and Key Vault are required, so they become
    // parameters the deployer passes when the YAML does not name them.
    for (yaml_key, arm_key) in CARRIED_WORKSPACE_KEYS {
        match extra.iter().find(|(k, _)| k == yaml_key) {
            Some((_, value)) => props.push(((*arm_key).to_owned(), node_of(value))),
            None if matches!(*yaml_key, "storage_account" | "key_vault") => {
                let name = format!("{arm_key}Id");
                params.push(Parameter {
                    name: name.clone(),
                    default: None,
                    description: format!(
                        "The resource id of the workspace's {} (amlnet does not model dependent resources)",
                        if *yaml_key == "key_vault" { "key vault" } else { "storage account" }
                    ),
                });
                props.push(((*arm_key).to_owned(), Node::param(&name)));
            }
            None => {}
        }
    }
    for (k, _) in extra {
        if !CARRIED_WORKSPACE_KEYS.iter().any(|(y, _)| y == k) && !IGNORED_KEYS.contains(&k.as_str()) {
            not_exported.push(format!("workspace {k}"));
        }
    }
    if let Some(p) = public_network_access {
        props.push(("publicNetworkAccess".to_owned(), Node::str(p.pascal())));
    }
    if let Some(c) = image_build_compute {
        props.push(("imageBuildCompute".to_owned(), Node::str(c)));
    }
    if let Some(v) = v1_legacy_mode {
        props.push(("v1LegacyMode".to_owned(), Node::Bool(v)));
    }
    if let Some(v) = provision_now(config, ws) {
        props.push(("provisionNetworkNow".to_owned(), Node::Bool(v)));
    }
    if let Some(ManagedNetwork { isolation_mode, firewall_sku, outbound_rules }) = managed_network {
        let mut m = Vec::new();
        if let Some(mode) = isolation_mode {
            m.push(("isolationMode".to_owned(), Node::str(mode.pascal())));
        }
        if !outbound_rules.is_empty() {
            // Later duplicates win, as in the SDK's dictionary.
            // The slot of each name in an ordered map (the source map's type: one map in the wasm), so
            // 10 000 rules cost no 10 000 x 10 000 comparisons.
            let mut rules: Vec<(String, Node)> = Vec::new();
            let mut slots: BTreeMap<Cow<'_, str>, usize> = BTreeMap::new();
            for rule in outbound_rules {
                let node = rule_node(rule);
                match slots.get(rule.name.as_str()).and_then(|&i| rules.get_mut(i)) {
                    Some(slot) => slot.1 = node,
                    None => {
                        slots.insert(Cow::Borrowed(rule.name.as_str()), rules.len());
                        rules.push((rule.name.clone(), node));
                    }
                }
            }
            m.push(("outboundRules".to_owned(), Node::Object(rules)));
        }
        // The YAML loader sends Standard when the key is absent; the template sends the same.
        m.push(("firewallSku".to_owned(), Node::str(firewall_sku.unwrap_or(FirewallSku::Standard).pascal())));
        props.push(("managedNetwork".to_owned(), Node::Object(m)));
    }
    body.push(("properties".to_owned(), Node::Object(props)));
    body
}

/// The identity of an endpoint: as written, or the system-assigned identity the SDK adds by default.
pub(crate) fn endpoint_identity(ep: &OnlineEndpoint) -> Node {
    match &ep.identity {
        Some(v) => identity_node(v),
        None => Node::Object(vec![("type".to_owned(), Node::str("SystemAssigned"))]),
    }
}

/// The endpoint's `properties`.
pub(crate) fn endpoint_properties(ep: &OnlineEndpoint) -> Node {
    let &OnlineEndpoint {
        ref compute,
        // The resource name, set by `Template::of`.
        name: _,
        ref description,
        // In the body (`endpoint_body`), not the properties.
        tags: _,
        auth_mode,
        public_network_access,
        // In the body (`endpoint_body`, `endpoint_identity`), not the properties.
        identity: _,
        // Carried keys are not exported; `endpoint_body` lists them as not exported.
        extra: _,
    } = ep;
    let mut props = Vec::new();
    if let Some(d) = description {
        props.push(("description".to_owned(), Node::str(d)));
    }
    props.push(("authMode".to_owned(), Node::str(auth_mode.unwrap_or(AuthMode::Key).pascal())));
    if let Some(p) = public_network_access {
        props.push(("publicNetworkAccess".to_owned(), Node::str(p.pascal())));
    }
    if let Some(compute) = compute {
        // The attached Kubernetes compute, by name, as azure-ai-ml sends it.
        props.push(("compute".to_owned(), Node::str(compute.strip_prefix("azureml:").unwrap_or(compute))));
    }
    Node::Object(props)
}

fn endpoint_body(ep: &OnlineEndpoint, not_exported: &mut Vec<String>) -> Vec<(String, Node)> {
    let OnlineEndpoint {
        // The resource name, set by `Template::of`.
        name: _,
        tags,
        // In `endpoint_properties` and `endpoint_identity`, which Terraform shares.
        compute: _,
        description: _,
        auth_mode: _,
        public_network_access: _,
        identity: _,
        extra,
    } = ep;
    for (k, _) in extra {
        if !IGNORED_KEYS.contains(&k.as_str()) {
            not_exported.push(format!("endpoint {k}"));
        }
    }
    let mut body = vec![("identity".to_owned(), endpoint_identity(ep)), ("location".to_owned(), Node::param("location"))];
    if !tags.is_empty() {
        body.push(("tags".to_owned(), tags_node(tags)));
    }
    body.push(("properties".to_owned(), endpoint_properties(ep)));
    body
}

/// `azureml:<name>:<version>` → `(name, version)`.
fn versioned_reference(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("azureml:")?;
    if rest.starts_with("//") {
        return None;
    }
    let (name, version) = rest.rsplit_once(':')?;
    (!name.is_empty() && !version.is_empty() && !name.contains([':', '/', '@'])).then_some((name, version))
}

/// The ARM id of a model or environment reference, or a parameter when amlnet cannot write it
/// (a local path or inline asset the SDK uploads first, a label such as `@latest`).
fn asset_id(value: &Value, kind: &str, index: usize, params: &mut Vec<Parameter>) -> Node {
    if let Value::Str(s) = value {
        if let Some((name, version)) = versioned_reference(s) {
            return Node::Expr(Expr::WorkspaceChildId(vec![format!("{kind}s"), name.to_owned(), "versions".to_owned(), version.to_owned()]));
        }
        if s.starts_with("azureml://registries/") || s.starts_with("/subscriptions/") {
            return Node::str(s);
        }
    }
    let name = format!("deployment{index}{}Id", capitalized(kind));
    params.push(Parameter {
        name: name.clone(),
        default: None,
        description: format!("The ARM id of deployment {index}'s {kind} version (a local or unversioned {kind} must be registered first)"),
    });
    Node::param(&name)
}

fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

/// The deployment's `properties`, `sku` and the rest of its body.
fn deployment_body(dep: &OnlineDeployment, index: usize, params: &mut Vec<Parameter>, not_exported: &mut Vec<String>) -> Vec<(String, Node)> {
    let &OnlineDeployment {
        kubernetes,
        ref name,
        // The parent resource, chosen by `Template::of`.
        endpoint_name: _,
        ref model,
        ref environment,
        ref code_configuration,
        ref instance_type,
        instance_count,
        app_insights_enabled,
        egress_public_network_access,
        ref extra,
    } = dep;
    for (k, _) in extra {
        if !IGNORED_KEYS.contains(&k.as_str()) && !matches!(k.as_str(), "description" | "tags") {
            not_exported.push(format!("deployment {} {k}", name));
        }
    }
    let mut props = Vec::new();
    let description = extra.iter().find(|(k, _)| k == "description").and_then(|(_, v)| string_of(v));
    if let Some(d) = description {
        props.push(("description".to_owned(), Node::str(d)));
    }
    if let Some(code) = code_configuration {
        let code_id = asset_id(&Value::Str(code.code.clone()), "code", index, params);
        props.push((
            "codeConfiguration".to_owned(),
            Node::Object(vec![("codeId".to_owned(), code_id), ("scoringScript".to_owned(), Node::str(&code.scoring_script))]),
        ));
    }
    if let Some(model) = model {
        props.push(("model".to_owned(), asset_id(model, "model", index, params)));
    }
    if let Some(env) = environment {
        props.push(("environmentId".to_owned(), asset_id(env, "environment", index, params)));
    }
    props.push(("appInsightsEnabled".to_owned(), Node::Bool(app_insights_enabled.unwrap_or(false))));
    if let Some(t) = instance_type {
        props.push(("instanceType".to_owned(), Node::str(t)));
    }
    props.push(("endpointComputeType".to_owned(), Node::str(if kubernetes { "Kubernetes" } else { "Managed" })));
    if let Some(e) = egress_public_network_access {
        props.push(("egressPublicNetworkAccess".to_owned(), Node::str(e.pascal())));
    }
    let mut body = vec![("location".to_owned(), Node::param("location"))];
    let tags = extra.iter().find(|(k, _)| k == "tags").map(|(_, v)| v);
    if let Some(tags @ Value::Map(entries)) = tags {
        if !entries.is_empty() {
            body.push(("tags".to_owned(), node_of(tags)));
        }
    }
    body.push(("properties".to_owned(), Node::Object(props)));
    let mut sku = vec![("name".to_owned(), Node::str("Default"))];
    if let Some(c) = instance_count {
        sku.push(("capacity".to_owned(), Node::Int(c)));
    }
    body.push(("sku".to_owned(), Node::Object(sku)));
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_types_are_pascal() {
        assert_eq!(identity_type("system_assigned,user_assigned"), "SystemAssigned,UserAssigned");
        assert_eq!(identity_type("SystemAssigned"), "SystemAssigned");
        assert_eq!(identity_type("other_kind"), "OtherKind");
    }
}
