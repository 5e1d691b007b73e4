//! The Terraform configuration (`main.tf`): azurerm resources, with azapi where azurerm falls short.
//!
//! azurerm (≥ 4.0) has the workspace with `managed_network { isolation_mode, provision_on_creation_enabled }`
//! and one resource per rule type, but no firewall SKU, a closed list of private-endpoint
//! sub-resources and service tags, no PE `fqdns` or service-tag `address_prefixes`, and no online
//! endpoints or deployments. Those parts are written with azapi (`azapi_resource`,
//! `azapi_update_resource`) from the same ARM tree as the ARM and Bicep exports, and each one is
//! explained by a `#` comment and by an `azurerm-cannot-express` note ([`notes`]).

use super::arm;
use super::iac::{self, Expr, Node, Template, API_VERSION, DEPLOYMENT_TYPE, ENDPOINT_TYPE, RULE_TYPE, WORKSPACE_TYPE};
use crate::diagnostic::Diagnostic;
use crate::model::{
    rule_path, Config, Destination, FqdnDestination, ManagedNetwork, NetworkAccess, OutboundRule, PrivateEndpointDestination, ServiceTagDestination,
    Value, Workspace, WorkspaceKind,
};
use crate::model::{SubnetRef, APPROVER_ROLE_ID, APPROVER_ROLE_NAME};
use crate::networking::{self, InboundDns, Principal, CONNECTION_NAME, WORKSPACE_GROUP_ID, ZONE_GROUP_NAME};
use crate::rules::{codes, Target};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// `sub_resource_target` values azurerm accepts (reference §F.2).
const AZURERM_SUBRESOURCES: &[&str] = &["vault", "amlworkspace", "blob", "table", "queue", "file", "web", "dfs", "redisCache"];
const AZURERM_PROTOCOLS: &[&str] = &["*", "TCP", "UDP", "ICMP"];

/// An HCL string literal: `"` and `\` escaped, `${` → `$${`, `%{` → `%%{`, control characters escaped.
pub(crate) fn hcl_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("$$"),
            '%' if chars.peek() == Some(&'{') => out.push_str("%%"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `key` can be an unquoted object key or attribute name.
fn is_identifier(key: &str) -> bool {
    super::is_identifier(key, &["true", "false", "null", "for", "in", "if", "else", "endif", "endfor"])
}

fn hcl_key(k: &str) -> String {
    if is_identifier(k) {
        k.to_owned()
    } else {
        hcl_str(k)
    }
}

/// `workspaceName` → `workspace_name`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A resource label from free text: identifier characters only, starting with a letter, unique.
fn label(prefix: &str, text: &str, used: &mut Labels) -> String {
    let base = format!("{prefix}_{}", super::word_chars(text));
    let mut candidate = base.clone();
    let mut n = 2;
    while used.contains_key(candidate.as_str()) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    used.insert(Cow::Owned(candidate.clone()), used.len());
    candidate
}

/// The labels taken, in an ordered map (the source map's type: one map in the wasm), so 10 000 rules
/// cost no 10 000 x 10 000 comparisons.
type Labels = BTreeMap<Cow<'static, str>, usize>;

struct Writer<'a> {
    workspace_ref: &'a str,
}

impl Writer<'_> {
    fn expr(&self, e: &Expr) -> String {
        match e {
            Expr::Param(name) => match name.as_str() {
                "workspaceName" => "var.workspace_name".to_owned(),
                _ => format!("var.{}", snake(name)),
            },
            Expr::ResourceGroupLocation => "var.location".to_owned(),
            Expr::WorkspaceChildId(segments) => {
                let mut text = format!("\"${{{}.id}}", self.workspace_ref);
                for s in segments {
                    let lit = hcl_str(&format!("/{s}"));
                    text.push_str(&lit[1..lit.len() - 1]);
                }
                text.push('"');
                text
            }
            // The network resources are azurerm resources written from `crate::networking` (`network`
            // below); the azapi bodies never hold these.
            Expr::ResourceId(_) | Expr::ExternalId { .. } | Expr::Guid(_) => "null".to_owned(),
            Expr::PrincipalId(_) => format!("{}.identity[0].principal_id", self.workspace_ref),
            Expr::RoleDefinitionId(id) => {
                hcl_str(&format!("/subscriptions/${{var.subscription_id}}/providers/Microsoft.Authorization/roleDefinitions/{id}"))
                    .replace("$${", "${")
            }
        }
    }

    fn value(&self, out: &mut String, node: &Node, indent: usize) {
        let pad = "  ".repeat(indent + 1);
        match node {
            Node::Null => out.push_str("null"),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Int(i) => out.push_str(&i.to_string()),
            Node::Number(n) => {
                let json = arm::json_number(n);
                out.push_str(&if json.starts_with('"') { hcl_str(n) } else { json });
            }
            Node::Str(s) => out.push_str(&hcl_str(s)),
            Node::Expr(e) => out.push_str(&self.expr(e)),
            Node::Array(items) if items.is_empty() => out.push_str("[]"),
            Node::Object(entries) if entries.is_empty() => out.push_str("{}"),
            Node::Array(items) => {
                out.push_str("[\n");
                for item in items {
                    out.push_str(&pad);
                    self.value(out, item, indent + 1);
                    out.push_str(",\n");
                }
                out.push_str(&"  ".repeat(indent));
                out.push(']');
            }
            Node::Object(entries) => {
                out.push_str("{\n");
                for (k, v) in entries {
                    let _ = write!(out, "{pad}{} = ", hcl_key(k));
                    self.value(out, v, indent + 1);
                    out.push('\n');
                }
                out.push_str(&"  ".repeat(indent));
                out.push('}');
            }
        }
    }

    fn attr(&self, out: &mut String, indent: usize, name: &str, node: &Node) {
        let _ = write!(out, "{}{name} = ", "  ".repeat(indent));
        self.value(out, node, indent);
        out.push('\n');
    }
}

/// Why a rule needs azapi, or `None` when azurerm has a resource for it.
fn rule_fallback(rule: &OutboundRule) -> Option<(String, &'static str)> {
    // azurerm names the rule like the YAML does.
    let OutboundRule { name: _, destination } = rule;
    match destination {
        // azurerm has `service_resource_id` and `spark_enabled`.
        Destination::PrivateEndpoint(PrivateEndpointDestination { service_resource_id: _, subresource_target, spark_enabled: _, fqdns }) => {
            if !AZURERM_SUBRESOURCES.contains(&subresource_target.as_str()) {
                Some((format!("azurerm accepts no sub_resource_target `{subresource_target}`"), "destination.subresource_target"))
            } else if !fqdns.is_empty() {
                Some(("azurerm has no `fqdns` for private endpoint rules".to_owned(), "fqdns"))
            } else {
                None
            }
        }
        // azurerm takes any `port_ranges` text.
        Destination::ServiceTag(ServiceTagDestination { service_tag, protocol, port_ranges: _, address_prefixes }) => {
            if address_prefixes.is_some() {
                Some(("azurerm has no `address_prefixes` for service tag rules".to_owned(), "destination.address_prefixes"))
            } else if !crate::catalog::AZURERM_SERVICE_TAGS.contains(&service_tag.as_str()) {
                Some((format!("service tag `{service_tag}` is not in azurerm's allow-list"), "destination.service_tag"))
            } else if !AZURERM_PROTOCOLS.contains(&protocol.as_str()) {
                Some((format!("azurerm accepts no protocol `{protocol}`"), "destination.protocol"))
            } else {
                None
            }
        }
        // azurerm has `destination_fqdn`.
        Destination::Fqdn(FqdnDestination { destination: _ }) => None,
    }
}

/// The rules the export writes, last duplicate winning as in the SDK's dictionary, with their indexes.
fn effective_rules(config: &Config) -> Vec<(usize, &OutboundRule)> {
    let rules = config.rules();
    // The last index of each name, in one pass (the source map's map type).
    let mut last: BTreeMap<Cow<'_, str>, usize> = BTreeMap::new();
    for (i, r) in rules.iter().enumerate() {
        last.insert(Cow::Borrowed(r.name.as_str()), i);
    }
    rules.iter().enumerate().filter(|(i, r)| last.get(r.name.as_str()) == Some(i)).collect()
}

fn has_workspace_managed_network(config: &Config) -> bool {
    config.workspace.as_ref().and_then(|w| w.managed_network.as_ref()).is_some()
}

fn firewall_fallback(config: &Config) -> bool {
    let mn = config.workspace.as_ref().and_then(|w| w.managed_network.as_ref());
    mn.is_some_and(|m| m.firewall_sku.is_some() && m.isolation_mode.is_some())
}

/// What the Terraform export expresses through azapi instead of azurerm, with the document it concerns.
pub(crate) fn notes(config: &Config) -> Vec<(Target, Diagnostic)> {
    let mut out = Vec::new();
    let info = codes::AZURERM_CANNOT_EXPRESS;
    if firewall_fallback(config) {
        out.push((
            Target::Workspace,
            info.at("managed_network.firewall_sku", "azurerm has no firewall SKU; the Terraform export sets it with an azapi_update_resource")
                .with_help("keep the azapi provider in the configuration, or use the ARM or Bicep export"),
        ));
    }
    if has_workspace_managed_network(config) {
        for (i, rule) in effective_rules(config) {
            if let Some((why, field)) = rule_fallback(rule) {
                out.push((
                    Target::Workspace,
                    info.at(
                        &format!("{}.{field}", rule_path(i)),
                        format!("{why}; the Terraform export writes rule `{}` as an azapi_resource", rule.name),
                    )
                    .with_help("keep the azapi provider in the configuration, or use the ARM or Bicep export"),
                ));
            }
        }
    }
    for (field, _, _) in foundry_fallback(config) {
        let resource = config.workspace.as_ref().map_or("", |w| workspace_resource(w.kind));
        out.push((
            Target::Workspace,
            info.at(field, format!("{resource} has no `{field}`; the Terraform export sets it with an azapi_update_resource"))
                .with_help("keep the azapi provider in the configuration, or use the ARM or Bicep export"),
        ));
    }
    if config.endpoint.is_some() {
        out.push((
            Target::Endpoint,
            info.at("", "azurerm has no online endpoint resource; the Terraform export writes it as an azapi_resource")
                .with_help("keep the azapi provider in the configuration, or use the ARM or Bicep export"),
        ));
    }
    for i in 0..config.deployments.len() {
        out.push((
            Target::Deployment(i),
            info.at("", "azurerm has no online deployment resource; the Terraform export writes it as an azapi_resource")
                .with_help("keep the azapi provider in the configuration, or use the ARM or Bicep export"),
        ));
    }
    out
}

fn variable(out: &mut String, name: &str, kind: &str, default: Option<String>, description: &str) {
    let _ = writeln!(out, "variable {} {{", hcl_str(name));
    let _ = writeln!(out, "  type        = {kind}");
    let _ = writeln!(out, "  description = {}", hcl_str(description));
    if let Some(d) = default {
        let _ = writeln!(out, "  default     = {d}");
    }
    out.push_str("}\n\n");
}

fn carried<'a>(extra: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
    extra.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn carried_str(extra: &[(String, Value)], key: &str) -> Option<String> {
    match carried(extra, key) {
        Some(Value::Str(s)) => Some(s.clone()),
        _ => None,
    }
}

/// The settings of a Foundry hub or project that `azurerm_ai_foundry` / `azurerm_ai_foundry_project` cannot
/// express, as (YAML field, ARM property, value): the export sets them with an `azapi_update_resource`.
fn foundry_fallback(config: &Config) -> Vec<(&'static str, &'static str, Node)> {
    let Some(ws) = config.workspace.as_ref().filter(|w| w.kind != WorkspaceKind::Default) else { return Vec::new() };
    let &Workspace {
        kind,
        // azurerm expresses these; `foundry_resource` writes them (or `variables`, `tags_and_identity`, `identity_and_names`).
        hub_id: _,
        name: _,
        location: _,
        display_name: _,
        description: _,
        tags: _,
        public_network_access,
        ref image_build_compute,
        // Read by `iac::provision_now`.
        provision_network_now: _,
        ref managed_network,
        v1_legacy_mode,
        ref extra,
    } = ws;
    let mut out = Vec::new();
    if let Some(c) = image_build_compute {
        out.push(("image_build_compute", "imageBuildCompute", Node::str(c)));
    }
    if config.context.operation == crate::model::Operation::Create {
        if let Some(v) = iac::provision_now(config, ws) {
            out.push(("provision_network_now", "provisionNetworkNow", Node::Bool(v)));
        }
    }
    if let Some(v) = v1_legacy_mode {
        out.push(("v1_legacy_mode", "v1LegacyMode", Node::Bool(v)));
    }
    if let Some(rg) = carried_str(extra, "default_resource_group") {
        out.push(("default_resource_group", "workspaceHubConfig", Node::Object(vec![("defaultWorkspaceResourceGroup".to_owned(), Node::Str(rg))])));
    }
    if kind == WorkspaceKind::Project {
        if let Some(p) = public_network_access {
            out.push(("public_network_access", "publicNetworkAccess", Node::str(p.pascal())));
        }
        // The firewall SKU has its own azapi resource (`firewall_sku_resource`), the rules `outbound_rules`.
        if let Some(ManagedNetwork { isolation_mode: Some(mode), firewall_sku: _, outbound_rules: _ }) = managed_network {
            out.push((
                "managed_network.isolation_mode",
                "managedNetwork",
                Node::Object(vec![("isolationMode".to_owned(), Node::str(mode.pascal()))]),
            ));
        }
    }
    out
}

/// The azurerm resource type of a workspace of this kind.
fn workspace_resource(kind: WorkspaceKind) -> &'static str {
    match kind {
        WorkspaceKind::Default => "azurerm_machine_learning_workspace",
        WorkspaceKind::Hub => "azurerm_ai_foundry",
        WorkspaceKind::Project => "azurerm_ai_foundry_project",
    }
}

/// The primary identity, the high-business-impact flag (`hbi_key`: its name differs between the
/// workspace and the Foundry resources), the display name and the description.
fn identity_and_names(out: &mut String, ws: &Workspace, hbi_key: &str) {
    if let Some(s) = carried_str(&ws.extra, "primary_user_assigned_identity") {
        let _ = writeln!(out, "  primary_user_assigned_identity = {}", hcl_str(&s));
    }
    if let Some(Value::Bool(b)) = carried(&ws.extra, "hbi_workspace") {
        let _ = writeln!(out, "  {hbi_key} = {b}");
    }
    if let Some(d) = &ws.display_name {
        let _ = writeln!(out, "  friendly_name = {}", hcl_str(d));
    }
    if let Some(d) = &ws.description {
        let _ = writeln!(out, "  description = {}", hcl_str(d));
    }
}

/// The tags and the `identity` block (from the `identity_type` and `identity_ids` variables).
fn tags_and_identity(out: &mut String, ws: &Workspace, w: &Writer<'_>) {
    if !ws.tags.is_empty() {
        w.attr(out, 1, "tags", &Node::Object(ws.tags.iter().map(|(k, v)| (k.clone(), Node::Str(v.clone()))).collect()));
    }
    out.push_str("\n  identity {\n    type         = var.identity_type\n    identity_ids = var.identity_ids\n  }\n");
}

/// `azurerm_ai_foundry` (a hub) or `azurerm_ai_foundry_project`, then what they cannot express through azapi.
fn foundry_resource(out: &mut String, config: &Config, ws: &Workspace, w: &Writer<'_>) {
    let hub = ws.kind == WorkspaceKind::Hub;
    let resource = workspace_resource(ws.kind);
    let _ = writeln!(out, "resource {} \"workspace\" {{", hcl_str(resource));
    out.push_str("  name = var.workspace_name\n");
    out.push_str("  location = var.location\n");
    if hub {
        out.push_str("  resource_group_name = var.resource_group_name\n");
        out.push_str("  key_vault_id = var.key_vault_id\n");
        out.push_str("  storage_account_id = var.storage_account_id\n");
        if carried_str(&ws.extra, "application_insights").is_some() {
            out.push_str("  application_insights_id = var.application_insights_id\n");
        }
        if let Some(s) = carried_str(&ws.extra, "container_registry") {
            let _ = writeln!(out, "  container_registry_id = {}", hcl_str(&s));
        }
    } else {
        let _ = writeln!(out, "  ai_services_hub_id = {}", hcl_str(ws.hub_id.as_deref().unwrap_or("")));
    }
    identity_and_names(out, ws, "high_business_impact_enabled");
    if hub {
        if let Some(p) = ws.public_network_access {
            let _ = writeln!(out, "  public_network_access = {}", hcl_str(p.pascal()));
        }
    }
    tags_and_identity(out, ws, w);
    if hub {
        if let Some(mode) = ws.managed_network.as_ref().and_then(|m| m.isolation_mode) {
            out.push_str("\n  managed_network {\n");
            let _ = writeln!(out, "    isolation_mode = {}", hcl_str(mode.pascal()));
            out.push_str("  }\n");
        }
    }
    out.push_str("}\n\n");
    let fallback = foundry_fallback(config);
    if !fallback.is_empty() {
        let fields: Vec<&str> = fallback.iter().map(|(f, _, _)| *f).collect();
        let _ = writeln!(out, "# azapi: {resource} cannot express {}.", fields.join(", "));
        out.push_str("resource \"azapi_update_resource\" \"workspace_settings\" {\n");
        let _ = writeln!(out, "  type        = {}", hcl_str(&format!("{WORKSPACE_TYPE}@{API_VERSION}")));
        let _ = writeln!(out, "  resource_id = {}.id", w.workspace_ref);
        let props: Vec<(String, Node)> = fallback.into_iter().map(|(_, k, v)| (k.to_owned(), v)).collect();
        w.attr(out, 1, "body", &Node::Object(vec![("properties".to_owned(), Node::Object(props))]));
        out.push_str("}\n\n");
    }
    firewall_sku_resource(out, config, ws, w);
}

/// The firewall SKU, which no azurerm resource has, as an `azapi_update_resource` of the workspace.
fn firewall_sku_resource(out: &mut String, config: &Config, ws: &Workspace, w: &Writer<'_>) {
    if !firewall_fallback(config) {
        return;
    }
    let Some(sku) = ws.managed_network.as_ref().and_then(|m| m.firewall_sku) else { return };
    out.push_str("# azapi: azurerm has no firewall SKU for the managed network.\n");
    out.push_str("resource \"azapi_update_resource\" \"workspace_firewall_sku\" {\n");
    let _ = writeln!(out, "  type        = {}", hcl_str(&format!("{WORKSPACE_TYPE}@{API_VERSION}")));
    let _ = writeln!(out, "  resource_id = {}.id", w.workspace_ref);
    let body = Node::Object(vec![(
        "properties".to_owned(),
        Node::Object(vec![("managedNetwork".to_owned(), Node::Object(vec![("firewallSku".to_owned(), Node::Str(sku.pascal().to_owned()))]))]),
    )]);
    w.attr(out, 1, "body", &body);
    out.push_str("}\n\n");
}

/// The Terraform configuration of a configuration.
pub fn file(config: &Config) -> String {
    let tree = Template::of(config);
    let ws = config.workspace.as_ref();
    let workspace_ref = match ws {
        None => "data.azurerm_machine_learning_workspace.workspace".to_owned(),
        Some(w) => format!("{}.workspace", workspace_resource(w.kind)),
    };
    let w = Writer { workspace_ref: &workspace_ref };
    let rules: Vec<(usize, &OutboundRule)> = if has_workspace_managed_network(config) { effective_rules(config) } else { Vec::new() };
    let needs_azapi = firewall_fallback(config)
        || !foundry_fallback(config).is_empty()
        || rules.iter().any(|(_, r)| rule_fallback(r).is_some())
        || config.endpoint.is_some()
        || !config.deployments.is_empty();

    let mut out = header(config, &tree, &workspace_ref, needs_azapi);
    variables(&mut out, config, &tree);
    workspace(&mut out, config, &w);
    let mut used = Labels::new();
    let rule_refs = outbound_rules(&mut out, &rules, &w, &mut used);
    approver_role(&mut out, config, &w, &mut used);
    inbound(&mut out, config, &w, &mut used);
    endpoints_and_deployments(&mut out, &tree, &rule_refs, &w, &mut used);
    let _ = writeln!(out, "output \"workspace_id\" {{\n  value = {workspace_ref}.id\n}}");
    align(&out)
}

/// The opening comments (azapi, the tree's notes, the import of an existing workspace) and the providers.
fn header(config: &Config, tree: &Template, workspace_ref: &str, needs_azapi: bool) -> String {
    let ws = config.workspace.as_ref();
    let mut out = String::new();
    let _ = writeln!(out, "# Generated by amlnet {}: Terraform for the azurerm provider (>= 4.0).", crate::VERSION);
    if needs_azapi {
        let _ = writeln!(out, "# azurerm cannot express every setting here; those parts use the azapi provider (ARM API {API_VERSION}),");
        out.push_str("# each marked with a comment below.\n");
    }
    // The notes of the shared tree (traffic, Spark provisioning, carried keys that are not exported).
    for note in &tree.notes {
        let escaped = hcl_str(note);
        let _ = writeln!(out, "# {}", &escaped[1..escaped.len() - 1]);
    }
    if config.context.operation == crate::model::Operation::Update && ws.is_some() {
        out.push_str("# The workspace exists: import it before the first apply, for example\n");
        let _ = writeln!(out, "#   terraform import {workspace_ref} <workspace resource id>");
    }
    out.push('\n');
    out.push_str("terraform {\n  required_providers {\n    azurerm = {\n      source  = \"hashicorp/azurerm\"\n      version = \">= 4.0\"\n    }\n");
    if needs_azapi {
        out.push_str("    azapi = {\n      source  = \"azure/azapi\"\n      version = \">= 2.0\"\n    }\n");
    }
    out.push_str("  }\n}\n\n");
    out.push_str("provider \"azurerm\" {\n  features {}\n  subscription_id = var.subscription_id\n}\n\n");

    out
}

/// The variables: what amlnet knows becomes a default, what it does not model must be passed.
fn variables(out: &mut String, config: &Config, tree: &Template) {
    let ws = config.workspace.as_ref();
    let ctx = &config.context;
    variable(out, "subscription_id", "string", ctx.subscription_id.as_deref().map(hcl_str), "The subscription of the workspace");
    variable(out, "resource_group_name", "string", ctx.resource_group.as_deref().map(hcl_str), "The resource group of the workspace");
    variable(
        out,
        "workspace_name",
        "string",
        ws.map(|w| w.name.as_str()).filter(|n| !n.is_empty()).map(hcl_str),
        "The name of the Azure Machine Learning workspace",
    );
    let location_default = ws.and_then(|w| w.location.as_deref()).map(hcl_str);
    variable(out, "location", "string", location_default, "The Azure region of the workspace and its endpoints");
    if let Some(ws) = ws {
        let dependent = [
            (
                "application_insights_id",
                "application_insights",
                "The resource id of the workspace's Application Insights (amlnet does not model dependent resources)",
            ),
            ("key_vault_id", "key_vault", "The resource id of the workspace's key vault (amlnet does not model dependent resources)"),
            (
                "storage_account_id",
                "storage_account",
                "The resource id of the workspace's storage account (amlnet does not model dependent resources)",
            ),
        ];
        for (name, yaml_key, description) in dependent {
            let value = carried_str(&ws.extra, yaml_key);
            let needed = match ws.kind {
                WorkspaceKind::Default => true,
                // azurerm_ai_foundry requires storage and key vault; Application Insights is optional.
                WorkspaceKind::Hub => yaml_key != "application_insights" || value.is_some(),
                WorkspaceKind::Project => false,
            };
            if needed {
                variable(out, name, "string", value.map(|s| hcl_str(&s)), description);
            }
        }
        let (identity_type, identity_ids) = match carried(&ws.extra, "identity") {
            Some(v) => {
                let node = iac::identity_node(v);
                let mut t = "SystemAssigned".to_owned();
                let mut ids = Vec::new();
                if let Node::Object(entries) = node {
                    for (k, v) in entries {
                        match (k.as_str(), v) {
                            ("type", Node::Str(s)) => t = s.replace(',', ", "),
                            ("userAssignedIdentities", Node::Object(m)) => ids = m.into_iter().map(|(id, _)| id).collect(),
                            _ => {}
                        }
                    }
                }
                (t, ids)
            }
            None => ("SystemAssigned".to_owned(), Vec::new()),
        };
        variable(out, "identity_type", "string", Some(hcl_str(&identity_type)), "The workspace identity type");
        let ids: Vec<String> = identity_ids.iter().map(|s| hcl_str(s)).collect();
        variable(out, "identity_ids", "list(string)", Some(format!("[{}]", ids.join(", "))), "User-assigned identities of the workspace");
    }
    for p in &tree.parameters {
        if p.name.starts_with("deployment") {
            variable(out, &snake(&p.name), "string", None, &p.description);
        }
    }
}

/// The workspace resource (`azurerm_machine_learning_workspace`, a Foundry hub or project), or a data
/// source when the configuration has no workspace document.
fn workspace(out: &mut String, config: &Config, w: &Writer<'_>) {
    match config.workspace.as_ref() {
        Some(ws) if ws.kind != WorkspaceKind::Default => foundry_resource(out, config, ws, w),
        Some(ws) => machine_learning_workspace(out, config, ws, w),
        None => {
            out.push_str("data \"azurerm_machine_learning_workspace\" \"workspace\" {\n");
            out.push_str("  name                = var.workspace_name\n");
            out.push_str("  resource_group_name = var.resource_group_name\n}\n\n");
        }
    }
}

/// `azurerm_machine_learning_workspace`, then the firewall SKU it cannot express.
fn machine_learning_workspace(out: &mut String, config: &Config, ws: &Workspace, w: &Writer<'_>) {
    let &Workspace {
        // `azurerm_machine_learning_workspace` is the resource of a plain workspace; hubs and projects go to `foundry_resource`.
        kind: _,
        // A plain workspace has no hub.
        hub_id: _,
        // `var.workspace_name` and `var.location`, whose defaults `variables` sets.
        name: _,
        location: _,
        // In `identity_and_names`.
        display_name: _,
        description: _,
        // In `tags_and_identity`.
        tags: _,
        public_network_access,
        ref image_build_compute,
        // Read by `iac::provision_now`.
        provision_network_now: _,
        ref managed_network,
        v1_legacy_mode,
        ref extra,
    } = ws;
    out.push_str("resource \"azurerm_machine_learning_workspace\" \"workspace\" {\n");
    out.push_str("  name                    = var.workspace_name\n");
    out.push_str("  location                = var.location\n");
    out.push_str("  resource_group_name     = var.resource_group_name\n");
    out.push_str("  application_insights_id = var.application_insights_id\n");
    out.push_str("  key_vault_id            = var.key_vault_id\n");
    out.push_str("  storage_account_id      = var.storage_account_id\n");
    if let Some(s) = carried_str(extra, "container_registry") {
        let _ = writeln!(out, "  container_registry_id = {}", hcl_str(&s));
    }
    identity_and_names(out, ws, "high_business_impact");
    if let Some(c) = image_build_compute {
        let _ = writeln!(out, "  image_build_compute_name = {}", hcl_str(c));
    }
    if let Some(p) = public_network_access {
        let _ = writeln!(out, "  public_network_access_enabled = {}", p == NetworkAccess::Enabled);
    }
    if let Some(v) = v1_legacy_mode {
        let _ = writeln!(out, "  v1_legacy_mode_enabled = {v}");
    }
    tags_and_identity(out, ws, w);
    // The firewall SKU goes to `firewall_sku_resource` (azapi), the rules to `outbound_rules`.
    if let Some(ManagedNetwork { isolation_mode: Some(mode), firewall_sku: _, outbound_rules: _ }) = managed_network {
        out.push_str("\n  managed_network {\n");
        let _ = writeln!(out, "    isolation_mode = {}", hcl_str(mode.pascal()));
        if config.context.operation == crate::model::Operation::Update {
            // Changing it forces a new workspace, so an existing workspace keeps its value.
            out.push_str("    # provision_on_creation_enabled is left out: changing it would replace the workspace.\n");
            out.push_str("    # Provision with: az ml workspace provision-network\n");
        } else if let Some(v) = iac::provision_now(config, ws) {
            let _ = writeln!(out, "    provision_on_creation_enabled = {v}");
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n\n");
    firewall_sku_resource(out, config, ws, w);
}

/// The outbound rules: an azurerm resource per rule where azurerm can express it, azapi otherwise.
/// Returns the resource references, which the endpoint depends on.
fn outbound_rules(out: &mut String, rules: &[(usize, &OutboundRule)], w: &Writer<'_>, used: &mut Labels) -> Vec<String> {
    let workspace_ref = w.workspace_ref;
    let mut rule_refs: Vec<String> = Vec::new();
    for (_, rule) in rules {
        // `fqdns` and `address_prefixes` never reach the azurerm arms: `rule_fallback` sends such rules to azapi.
        match (rule_fallback(rule), &rule.destination) {
            (None, Destination::Fqdn(FqdnDestination { destination })) => {
                let l = label("rule", &rule.name, used);
                let _ = writeln!(out, "resource \"azurerm_machine_learning_workspace_network_outbound_rule_fqdn\" \"{l}\" {{");
                let _ = writeln!(out, "  name             = {}", hcl_str(&rule.name));
                let _ = writeln!(out, "  workspace_id     = {workspace_ref}.id");
                let _ = writeln!(out, "  destination_fqdn = {}", hcl_str(destination));
                out.push_str("}\n\n");
                rule_refs.push(format!("azurerm_machine_learning_workspace_network_outbound_rule_fqdn.{l}"));
            }
            (None, Destination::PrivateEndpoint(PrivateEndpointDestination { service_resource_id, subresource_target, spark_enabled, fqdns: _ })) => {
                let l = label("rule", &rule.name, used);
                let _ = writeln!(out, "resource \"azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint\" \"{l}\" {{");
                let _ = writeln!(out, "  name                = {}", hcl_str(&rule.name));
                let _ = writeln!(out, "  workspace_id        = {workspace_ref}.id");
                let _ = writeln!(out, "  service_resource_id = {}", hcl_str(service_resource_id));
                let _ = writeln!(out, "  sub_resource_target = {}", hcl_str(subresource_target));
                let _ = writeln!(out, "  spark_enabled       = {spark_enabled}");
                out.push_str("}\n\n");
                rule_refs.push(format!("azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint.{l}"));
            }
            (None, Destination::ServiceTag(ServiceTagDestination { service_tag, protocol, port_ranges, address_prefixes: _ })) => {
                let l = label("rule", &rule.name, used);
                let _ = writeln!(out, "resource \"azurerm_machine_learning_workspace_network_outbound_rule_service_tag\" \"{l}\" {{");
                let _ = writeln!(out, "  name         = {}", hcl_str(&rule.name));
                let _ = writeln!(out, "  workspace_id = {workspace_ref}.id");
                let _ = writeln!(out, "  service_tag  = {}", hcl_str(service_tag));
                let _ = writeln!(out, "  protocol     = {}", hcl_str(protocol));
                let _ = writeln!(out, "  port_ranges  = {}", hcl_str(port_ranges));
                out.push_str("}\n\n");
                rule_refs.push(format!("azurerm_machine_learning_workspace_network_outbound_rule_service_tag.{l}"));
            }
            (Some((why, _)), _) => {
                let l = label("rule", &rule.name, used);
                let why_text = hcl_str(&why);
                let _ = writeln!(out, "# azapi: {}.", &why_text[1..why_text.len() - 1]);
                let _ = writeln!(out, "resource \"azapi_resource\" \"{l}\" {{");
                let _ = writeln!(out, "  type      = {}", hcl_str(&format!("{RULE_TYPE}@{API_VERSION}")));
                let _ = writeln!(out, "  name      = {}", hcl_str(&rule.name));
                let _ = writeln!(out, "  parent_id = {workspace_ref}.id");
                w.attr(out, 1, "body", &Node::Object(vec![("properties".to_owned(), iac::rule_node(rule))]));
                out.push_str("}\n\n");
                rule_refs.push(format!("azapi_resource.{l}"));
            }
        }
    }

    rule_refs
}

/// An HCL string of literal text and references: `"/subscriptions/${var.subscription_id}/..."`.
fn hcl_concat(parts: &[(bool, &str)]) -> String {
    let mut out = String::from("\"");
    for (is_ref, text) in parts {
        if *is_ref {
            let _ = write!(out, "${{{text}}}");
        } else {
            let lit = hcl_str(text);
            out.push_str(&lit[1..lit.len() - 1]);
        }
    }
    out.push('"');
    out
}

/// The id of a subnet (or of its virtual network) as an HCL string.
fn hcl_network_id(subnet: &SubnetRef, with_subnet: bool) -> String {
    let sub = subnet.subscription.as_deref().map_or((true, "var.subscription_id"), |s| (false, s));
    let rg = subnet.resource_group.as_deref().map_or((true, "var.resource_group_name"), |g| (false, g));
    let mut tail = format!("/providers/Microsoft.Network/virtualNetworks/{}", subnet.virtual_network);
    if with_subnet {
        let _ = write!(tail, "/subnets/{}", subnet.subnet);
    }
    hcl_concat(&[(false, "/subscriptions/"), sub, (false, "/resourceGroups/"), rg, (false, &tail)])
}

/// The approver role on each private endpoint target (`azurerm_role_assignment`).
fn approver_role(out: &mut String, config: &Config, w: &Writer<'_>, used: &mut Labels) {
    let targets = networking::assigned_targets(config);
    if targets.is_empty() {
        return;
    }
    let principal = match networking::approver_principal(config) {
        Principal::SystemAssigned => format!("{}.identity[0].principal_id", w.workspace_ref),
        Principal::UserAssigned(id) => {
            let Some(arm) = crate::catalog::parse_arm_id(&id) else { return };
            out.push_str("data \"azurerm_user_assigned_identity\" \"approver\" {\n");
            let _ = writeln!(out, "  name                = {}", hcl_str(arm.name));
            let _ = writeln!(out, "  resource_group_name = {}", hcl_str(arm.resource_group));
            out.push_str("}\n\n");
            "data.azurerm_user_assigned_identity.approver.principal_id".to_owned()
        }
    };
    let _ = writeln!(out, "# {APPROVER_ROLE_NAME}: the workspace approves its managed private endpoints on these targets.");
    for t in &targets {
        let Some(arm) = crate::catalog::parse_arm_id(&t.id) else { continue };
        let l = label("approver", arm.name, used);
        let _ = writeln!(out, "resource \"azurerm_role_assignment\" \"{l}\" {{");
        let _ = writeln!(out, "  scope              = {}", hcl_str(&t.id));
        let _ = writeln!(
            out,
            "  role_definition_id = {}",
            hcl_str(&format!("/subscriptions/{}/providers/Microsoft.Authorization/roleDefinitions/{APPROVER_ROLE_ID}", arm.subscription))
        );
        let _ = writeln!(out, "  principal_id       = {principal}");
        out.push_str("  principal_type     = \"ServicePrincipal\"\n}\n\n");
    }
}

/// The inbound private endpoints with their private DNS zones and links (`azurerm_private_endpoint`,
/// `azurerm_private_dns_zone`, `azurerm_private_dns_zone_virtual_network_link`).
fn inbound(out: &mut String, config: &Config, w: &Writer<'_>, used: &mut Labels) {
    let inbound = networking::inbound(config);
    if inbound.is_empty() {
        return;
    }
    let mut zone_labels: Vec<(&'static str, String)> = Vec::new();
    for zone in networking::zones_to_create(&inbound) {
        let l = label("zone", zone, used);
        let _ = writeln!(out, "resource \"azurerm_private_dns_zone\" \"{l}\" {{");
        let _ = writeln!(out, "  name                = {}", hcl_str(zone));
        out.push_str("  resource_group_name = var.resource_group_name\n}\n\n");
        zone_labels.push((zone, l));
    }
    for (zone, link, subnet) in networking::links_to_create(&inbound) {
        let Some((_, zl)) = zone_labels.iter().find(|(z, _)| *z == zone) else { continue };
        let l = label("link", &format!("{zone}-{link}"), used);
        let _ = writeln!(out, "resource \"azurerm_private_dns_zone_virtual_network_link\" \"{l}\" {{");
        let _ = writeln!(out, "  name                  = {}", hcl_str(&link));
        out.push_str("  resource_group_name   = var.resource_group_name\n");
        let _ = writeln!(out, "  private_dns_zone_name = azurerm_private_dns_zone.{zl}.name");
        let _ = writeln!(out, "  virtual_network_id    = {}", hcl_network_id(&subnet, false));
        out.push_str("  registration_enabled  = false\n}\n\n");
    }
    for pe in &inbound {
        let l = label("inbound", &pe.name, used);
        let _ = writeln!(out, "resource \"azurerm_private_endpoint\" \"{l}\" {{");
        let _ = writeln!(out, "  name                = {}", hcl_str(&pe.name));
        let _ = writeln!(out, "  location            = {}", pe.location.as_deref().map_or("var.location".to_owned(), hcl_str));
        out.push_str("  resource_group_name = var.resource_group_name\n");
        let _ = writeln!(out, "  subnet_id           = {}", hcl_network_id(&pe.subnet, true));
        out.push_str("\n  private_service_connection {\n");
        let _ = writeln!(out, "    name                           = {}", hcl_str(CONNECTION_NAME));
        let _ = writeln!(out, "    private_connection_resource_id = {}.id", w.workspace_ref);
        let _ = writeln!(out, "    subresource_names              = [{}]", hcl_str(WORKSPACE_GROUP_ID));
        out.push_str("    is_manual_connection           = false\n  }\n");
        let ids: Vec<String> = match &pe.dns {
            InboundDns::Create { zones, .. } => zones
                .iter()
                .filter_map(|z| zone_labels.iter().find(|(name, _)| name == z))
                .map(|(_, zl)| format!("azurerm_private_dns_zone.{zl}.id"))
                .collect(),
            InboundDns::Existing(ids) => ids.iter().map(|id| hcl_str(id)).collect(),
            InboundDns::Off => Vec::new(),
        };
        if !ids.is_empty() {
            out.push_str("\n  private_dns_zone_group {\n");
            let _ = writeln!(out, "    name                 = {}", hcl_str(ZONE_GROUP_NAME));
            let _ = writeln!(out, "    private_dns_zone_ids = [{}]", ids.join(", "));
            out.push_str("  }\n");
        }
        out.push_str("}\n\n");
    }
}

/// Endpoints and deployments: azapi only, bodies from the shared tree.
fn endpoints_and_deployments(out: &mut String, tree: &Template, rule_refs: &[String], w: &Writer<'_>, used: &mut Labels) {
    let workspace_ref = w.workspace_ref;
    let mut resource_labels: Vec<Option<String>> = vec![None; tree.resources.len()];
    for (index, r) in tree.resources.iter().enumerate() {
        if r.resource_type != ENDPOINT_TYPE && r.resource_type != DEPLOYMENT_TYPE {
            continue;
        }
        let own_name = match &r.name {
            Node::Str(s) => s.clone(),
            _ => String::new(),
        };
        let parent_label = r.parent.and_then(|p| resource_labels.get(p).cloned().flatten());
        if r.existing {
            // An endpoint created elsewhere: only its id is needed, as the deployments' parent.
            resource_labels[index] = Some(format!("\"${{{workspace_ref}.id}}/onlineEndpoints/{}", &hcl_str(&own_name)[1..]));
            continue;
        }
        let (prefix, what) = if r.resource_type == ENDPOINT_TYPE { ("endpoint", "online endpoints") } else { ("deployment", "online deployments") };
        let l = label(prefix, &own_name, used);
        let _ = writeln!(out, "# azapi: azurerm has no resource for {what}.");
        let _ = writeln!(out, "resource \"azapi_resource\" \"{l}\" {{");
        let _ = writeln!(out, "  type      = {}", hcl_str(&format!("{}@{API_VERSION}", r.resource_type)));
        let _ = writeln!(out, "  name      = {}", hcl_str(&own_name));
        let parent_id = match &parent_label {
            Some(p) if p.starts_with('"') => p.clone(),
            Some(p) => format!("azapi_resource.{p}.id"),
            None => format!("{workspace_ref}.id"),
        };
        let _ = writeln!(out, "  parent_id = {parent_id}");
        let mut body = Vec::new();
        for (k, v) in &r.body {
            match (k.as_str(), v) {
                ("location", v) => w.attr(out, 1, "location", v),
                ("tags", v) => w.attr(out, 1, "tags", v),
                ("identity", Node::Object(entries)) => {
                    out.push_str("  identity {\n");
                    for (ik, iv) in entries {
                        match (ik.as_str(), iv) {
                            ("type", Node::Str(t)) => {
                                let _ = writeln!(out, "    type = {}", hcl_str(&t.replace(',', ", ")));
                            }
                            ("userAssignedIdentities", Node::Object(ids)) => {
                                let ids: Vec<String> = ids.iter().map(|(id, _)| hcl_str(id)).collect();
                                let _ = writeln!(out, "    identity_ids = [{}]", ids.join(", "));
                            }
                            _ => {}
                        }
                    }
                    out.push_str("  }\n");
                }
                _ => body.push((k.clone(), v.clone())),
            }
        }
        w.attr(out, 1, "body", &Node::Object(body));
        if r.resource_type == ENDPOINT_TYPE && !rule_refs.is_empty() {
            let _ = writeln!(out, "  depends_on = [{}]", rule_refs.join(", "));
        }
        out.push_str("}\n\n");
        resource_labels[index] = Some(l);
    }
}

/// A one-line assignment `key = value` (key an identifier or a quoted string): the key's end and
/// the value's start, in bytes. `None` for other lines and for lines that open a block, object or list.
fn assignment(content: &str) -> Option<(usize, usize)> {
    let end = if content.starts_with('"') {
        let mut escaped = false;
        let mut close = None;
        for (i, c) in content.char_indices().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    close = Some(i + 1);
                    break;
                }
                _ => {}
            }
        }
        close?
    } else {
        content.find(' ')?
    };
    let rest = content.get(end..)?;
    let trimmed = rest.trim_start_matches(' ');
    if !trimmed.starts_with("= ") || content.ends_with('{') || content.ends_with('[') {
        return None;
    }
    Some((end, content.len() - trimmed.len() + 2))
}

/// Aligns the `=` of consecutive one-line assignments at the same indentation, as `terraform fmt` does
/// (a line that opens a block, object or list ends the group).
fn align(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let indent_of = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut out = String::with_capacity(text.len() + 256);
    let mut i = 0;
    while i < lines.len() {
        let group_indent = indent_of(lines[i]);
        let mut j = i;
        let mut width = 0;
        while j < lines.len() && indent_of(lines[j]) == group_indent {
            match assignment(&lines[j][group_indent..]) {
                Some((key_end, _)) => width = width.max(lines[j][group_indent..][..key_end].chars().count()),
                None => break,
            }
            j += 1;
        }
        if j == i {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
            continue;
        }
        for line in &lines[i..j] {
            let content = &line[group_indent..];
            let (key_end, value_start) = assignment(content).unwrap_or((content.len(), content.len()));
            let key = &content[..key_end];
            out.push_str(&line[..group_indent]);
            out.push_str(key);
            out.push_str(&" ".repeat(width.saturating_sub(key.chars().count())));
            out.push_str(" = ");
            out.push_str(&content[value_start..]);
            out.push('\n');
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_strings() {
        assert_eq!(hcl_str("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(hcl_str("${x} %{if} $y %z"), "\"$${x} %%{if} $y %z\"");
        assert_eq!(hcl_str("line\nnext\u{1}"), "\"line\\nnext\\u0001\"");
    }

    #[test]
    fn labels_are_identifiers_and_unique() {
        let mut used = Labels::new();
        assert_eq!(label("rule", "my rule", &mut used), "rule_my_rule");
        assert_eq!(label("rule", "my.rule", &mut used), "rule_my_rule_2");
        assert_eq!(label("rule", "pypi", &mut used), "rule_pypi");
        assert!(!is_identifier("true"));
        assert_eq!(snake("deployment1ModelId"), "deployment1_model_id");
    }

    #[test]
    fn demo_uses_azapi_for_endpoint_and_firewall() {
        let config = crate::demo::demo_config();
        let text = file(&config);
        assert!(text.contains("resource \"azapi_update_resource\" \"workspace_firewall_sku\""), "{text}");
        assert!(text.contains("resource \"azurerm_machine_learning_workspace_network_outbound_rule_fqdn\" \"rule_pypi\""), "{text}");
        let notes = notes(&config);
        assert!(notes.iter().any(|(_, d)| d.path == "managed_network.firewall_sku"));
        assert!(notes.iter().all(|(_, d)| d.code == "azurerm-cannot-express"));
    }
}
