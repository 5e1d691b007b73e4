//! The Python generator: a complete azure-ai-ml 1.35 script that builds the entities and calls the
//! public operations with their real signatures (keyword-only `ManagedNetwork(...)` and
//! `begin_provision_network(workspace_name=..., include_spark=...)`, the public
//! `workspace_outbound_rules`), avoiding every documented mistake of reference §D.

use super::ScriptNeeds;
use crate::model::{
    Config, Destination, FqdnDestination, ManagedNetwork, OnlineDeployment, OnlineEndpoint, Operation, OutboundRule, PrivateEndpointDestination,
    ServiceTagDestination, Value, Workspace, WorkspaceKind,
};
use crate::model::{SubnetRef, APPROVER_ROLE_ID, APPROVER_ROLE_NAME};
use crate::networking::{self, zone_config_name, InboundDns, Principal, CONNECTION_NAME, WORKSPACE_GROUP_ID, ZONE_GROUP_NAME};
use std::fmt::Write as _;

/// A Python string literal that evaluates to exactly `text`. Non-ASCII is escaped, so the file is ASCII.
pub fn py_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (' '..='~').contains(&c) => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// A Python expression for a YAML value, as PyYAML would have constructed it.
pub fn py_value(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => python_float(f),
        Value::Str(s) => py_str(s),
        Value::Seq(items) => format!("[{}]", items.iter().map(py_value).collect::<Vec<_>>().join(", ")),
        Value::Map(entries) => {
            format!("{{{}}}", entries.iter().map(|(k, v)| format!("{}: {}", py_str(k), py_value(v))).collect::<Vec<_>>().join(", "))
        }
    }
}

/// A Python expression equal to the float PyYAML constructs from a YAML 1.1 float spelling. Built from
/// the text alone (no float parsing or formatting in Rust, which would cost wasm size).
fn python_float(yaml: &str) -> String {
    let cleaned = yaml.replace('_', "");
    let lower = cleaned.to_ascii_lowercase();
    let negative = lower.starts_with('-');
    let body = lower.trim_start_matches(['+', '-']);
    let sign = if negative { "-" } else { "" };
    match body {
        ".inf" => return format!("float(\"{sign}inf\")"),
        ".nan" => return "float(\"nan\")".to_owned(),
        _ => {}
    }
    if body.contains(':') {
        // Base 60, as PyYAML computes it: 1:30.5 is 1 * 60 + 30.5.
        let mut expr = String::new();
        for (i, part) in body.split(':').enumerate() {
            expr = if i == 0 { format!("float({})", py_str(part)) } else { format!("({expr}) * 60 + float({})", py_str(part)) };
        }
        return format!("{sign}({expr})");
    }
    format!("float({})", py_str(&cleaned))
}

fn identifier_safe(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Keyword arguments from a mapping: `Class(a=1, b="x")`, or `Class(**{...})` when a key is not an identifier.
fn kwargs_call(class: &str, value: &Value) -> String {
    match value {
        Value::Map(entries) if entries.iter().all(|(k, _)| identifier_safe(k) && !PY_KEYWORDS.contains(&k.as_str())) => {
            format!("{class}({})", entries.iter().map(|(k, v)| format!("{k}={}", py_value(v))).collect::<Vec<_>>().join(", "))
        }
        other => format!("{class}(**{})", py_value(other)),
    }
}

const PY_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

struct Args(Vec<String>);

impl Args {
    fn push(&mut self, key: &str, expr: String) {
        self.0.push(format!("{key}={expr}"));
    }
    fn render(&self, indent: &str) -> String {
        let mut out = String::new();
        for a in &self.0 {
            let _ = writeln!(out, "{indent}{a},");
        }
        out
    }
}

fn rule_expr(rule: &OutboundRule) -> String {
    let (class, args) = rule_constructor(rule);
    format!("        {class}(\n{}        ),\n", args.render("            "))
}

/// The destination class of a rule and its keyword arguments (`name=...` first), for
/// `ml_client.workspace_outbound_rules` and for `ManagedNetwork(outbound_rules=[...])`.
fn rule_constructor(rule: &OutboundRule) -> (&'static str, Args) {
    let OutboundRule { name, destination } = rule;
    let mut args = Args(Vec::new());
    args.push("name", py_str(name));
    let class = match destination {
        Destination::PrivateEndpoint(PrivateEndpointDestination { service_resource_id, subresource_target, spark_enabled, fqdns }) => {
            args.push("service_resource_id", py_str(service_resource_id));
            args.push("subresource_target", py_str(subresource_target));
            args.push("spark_enabled", if *spark_enabled { "True" } else { "False" }.to_owned());
            if !fqdns.is_empty() {
                args.push("fqdns", format!("[{}]", fqdns.iter().map(|f| py_str(f)).collect::<Vec<_>>().join(", ")));
            }
            "PrivateEndpointDestination"
        }
        Destination::ServiceTag(ServiceTagDestination { service_tag, protocol, port_ranges, address_prefixes }) => {
            args.push("service_tag", py_str(service_tag));
            args.push("protocol", py_str(protocol));
            args.push("port_ranges", py_str(port_ranges));
            if let Some(prefixes) = address_prefixes {
                args.push("address_prefixes", format!("[{}]", prefixes.iter().map(|p| py_str(p)).collect::<Vec<_>>().join(", ")));
            }
            "ServiceTagDestination"
        }
        Destination::Fqdn(FqdnDestination { destination }) => {
            args.push("destination", py_str(destination));
            "FqdnDestination"
        }
    };
    (class, args)
}

/// A rule's destination as one expression: `FqdnDestination(name="pypi", destination="pypi.org")`.
pub(crate) fn rule_inline(rule: &OutboundRule) -> String {
    let (class, args) = rule_constructor(rule);
    format!("{class}({})", args.0.join(", "))
}

fn tags_expr(tags: &[(String, String)]) -> String {
    py_value(&Value::Map(tags.iter().map(|(k, v)| (k.clone(), Value::Str(v.clone()))).collect()))
}

/// Workspace keys carried through that map to plain `Workspace(...)` keyword arguments.
const SCALAR_WORKSPACE_KWARGS: &[&str] = &[
    "resource_group",
    "hbi_workspace",
    "storage_account",
    "container_registry",
    "key_vault",
    "application_insights",
    "system_datastores_auth_mode",
    "primary_user_assigned_identity",
    "workspace_hub",
    "enable_data_isolation",
    "allow_roleassignment_on_rg",
    "default_resource_group",
];

/// The entity class azure-ai-ml builds for a workspace of this kind.
pub(crate) fn workspace_class(kind: WorkspaceKind) -> &'static str {
    match kind {
        WorkspaceKind::Default => "Workspace",
        WorkspaceKind::Hub => "Hub",
        WorkspaceKind::Project => "Project",
    }
}

fn workspace_fn(out: &mut String, ws: &Workspace, include_rules: bool, imports: &mut Vec<&'static str>) {
    let &Workspace {
        kind,
        ref hub_id,
        // The script names the workspace with WORKSPACE_NAME (from the environment, the name as its default).
        name: _,
        ref location,
        ref display_name,
        ref description,
        ref tags,
        public_network_access,
        ref image_build_compute,
        provision_network_now,
        ref managed_network,
        // Not an azure-ai-ml `Workspace` argument (the SDK rejects it in YAML); only the IaC exports set it.
        v1_legacy_mode: _,
        ref extra,
    } = ws;
    let mut args = Args(Vec::new());
    args.push("name", "WORKSPACE_NAME".to_owned());
    if let Some(hub) = hub_id {
        args.push("hub_id", py_str(hub));
    }
    for (key, v) in [("location", location), ("display_name", display_name), ("description", description)] {
        if let Some(v) = v {
            args.push(key, py_str(v));
        }
    }
    if !tags.is_empty() {
        args.push("tags", tags_expr(tags));
    }
    if let Some(pna) = public_network_access {
        args.push("public_network_access", py_str(pna.pascal()));
    }
    if let Some(ibc) = image_build_compute {
        args.push("image_build_compute", py_str(ibc));
    }
    if let Some(now) = provision_network_now {
        args.push("provision_network_now", if now { "True" } else { "False" }.to_owned());
    }
    if let Some(ManagedNetwork { isolation_mode, firewall_sku, outbound_rules }) = managed_network {
        imports.extend(["ManagedNetwork", "IsolationMode"]);
        let mode = isolation_mode.unwrap_or(crate::model::IsolationMode::Disabled);
        let rules = if include_rules && !outbound_rules.is_empty() { "build_outbound_rules()" } else { "None" };
        // The YAML loader fills in Standard when firewall_sku is absent; say so here too, so that the
        // script sends what `az ml workspace create --file` sends.
        let sku = firewall_sku.map_or("Standard", |s| s.pascal());
        args.push(
            "managed_network",
            format!(
                "ManagedNetwork(\n            isolation_mode=IsolationMode.{},\n            outbound_rules={rules},\n            firewall_sku={},\n        )",
                mode.python_constant(),
                py_str(sku)
            ),
        );
    }
    for (key, value) in extra {
        let expr = match key.as_str() {
            k if SCALAR_WORKSPACE_KWARGS.contains(&k) => py_value(value),
            "identity" => {
                imports.extend(["IdentityConfiguration", "ManagedIdentityConfiguration"]);
                identity_expr(value)
            }
            "network_acls" => {
                imports.extend(["NetworkAcls", "IPRule"]);
                network_acls_expr(value)
            }
            "serverless_compute" => {
                imports.push("ServerlessComputeSettings");
                kwargs_call("ServerlessComputeSettings", value)
            }
            "customer_managed_key" => {
                imports.push("CustomerManagedKey");
                kwargs_call("CustomerManagedKey", value)
            }
            _ => continue,
        };
        args.push(key, expr);
    }
    let class = workspace_class(kind);
    let _ = write!(out, "def build_workspace() -> {class}:\n    return {class}(\n{}    )\n\n\n", args.render("        "));
}

/// `identity:` as `IdentityConfiguration(type=..., user_assigned_identities=[ManagedIdentityConfiguration(resource_id=...)])`.
fn identity_expr(value: &Value) -> String {
    let Value::Map(entries) = value else { return "None".to_owned() };
    let mut parts = Vec::new();
    for (k, v) in entries {
        match (k.as_str(), v) {
            ("type", v) => parts.push(format!("type={}", py_value(v))),
            ("user_assigned_identities", Value::Map(ids)) => parts.push(format!(
                "user_assigned_identities=[{}]",
                ids.iter().map(|(id, _)| format!("ManagedIdentityConfiguration(resource_id={})", py_str(id))).collect::<Vec<_>>().join(", ")
            )),
            ("user_assigned_identities", Value::Seq(items)) => parts.push(format!(
                "user_assigned_identities=[{}]",
                items.iter().map(|item| kwargs_call("ManagedIdentityConfiguration", item)).collect::<Vec<_>>().join(", ")
            )),
            _ => {}
        }
    }
    format!("IdentityConfiguration({})", parts.join(", "))
}

fn network_acls_expr(value: &Value) -> String {
    let Value::Map(entries) = value else { return "None".to_owned() };
    let mut parts = Vec::new();
    for (k, v) in entries {
        match (k.as_str(), v) {
            ("default_action", v) => parts.push(format!("default_action={}", py_value(v))),
            ("ip_rules", Value::Seq(items)) => {
                parts.push(format!("ip_rules=[{}]", items.iter().map(|i| kwargs_call("IPRule", i)).collect::<Vec<_>>().join(", ")));
            }
            _ => {}
        }
    }
    format!("NetworkAcls({})", parts.join(", "))
}

fn endpoint_fn(out: &mut String, ep: &OnlineEndpoint, imports: &mut Vec<&'static str>) {
    let &OnlineEndpoint { ref compute, ref name, ref description, ref tags, auth_mode, public_network_access, ref identity, ref extra } = ep;
    let class = if compute.is_some() { "KubernetesOnlineEndpoint" } else { "ManagedOnlineEndpoint" };
    imports.push(class);
    let mut args = Args(Vec::new());
    args.push("name", py_str(name));
    if let Some(compute) = compute {
        // The YAML loader strips the `azureml:` prefix; the constructor takes the compute's name.
        args.push("compute", py_str(compute.strip_prefix("azureml:").unwrap_or(compute)));
    }
    if let Some(d) = description {
        args.push("description", py_str(d));
    }
    if !tags.is_empty() {
        args.push("tags", tags_expr(tags));
    }
    if let Some(mode) = auth_mode {
        args.push("auth_mode", py_str(mode.yaml()));
    }
    if let Some(pna) = public_network_access {
        args.push("public_network_access", py_str(pna.lower()));
    }
    if let Some(identity) = identity {
        imports.extend(["IdentityConfiguration", "ManagedIdentityConfiguration"]);
        args.push("identity", identity_expr(identity));
    }
    for (key, value) in extra {
        args.push(key, py_value(value));
    }
    let _ = write!(out, "def build_endpoint() -> {class}:\n    return {class}(\n{}    )\n\n\n", args.render("        "));
}

fn asset_expr(value: &Value, class: &'static str, imports: &mut Vec<&'static str>) -> String {
    match value {
        Value::Map(_) => {
            imports.push(class);
            kwargs_call(class, value)
        }
        other => py_value(other),
    }
}

fn deployment_expr(dep: &OnlineDeployment, imports: &mut Vec<&'static str>) -> String {
    let &OnlineDeployment {
        kubernetes,
        ref name,
        ref endpoint_name,
        ref model,
        ref environment,
        ref code_configuration,
        ref instance_type,
        instance_count,
        app_insights_enabled,
        egress_public_network_access,
        ref extra,
    } = dep;
    let mut args = Args(Vec::new());
    args.push("name", py_str(name));
    args.push("endpoint_name", py_str(endpoint_name));
    if let Some(model) = model {
        args.push("model", asset_expr(model, "Model", imports));
    }
    if let Some(env) = environment {
        args.push("environment", asset_expr(env, "Environment", imports));
    }
    if let Some(cc) = code_configuration {
        imports.push("CodeConfiguration");
        args.push("code_configuration", format!("CodeConfiguration(code={}, scoring_script={})", py_str(&cc.code), py_str(&cc.scoring_script)));
    }
    if let Some(t) = instance_type {
        args.push("instance_type", py_str(t));
    }
    if let Some(n) = instance_count {
        args.push("instance_count", n.to_string());
    }
    if let Some(v) = app_insights_enabled {
        args.push("app_insights_enabled", if v { "True" } else { "False" }.to_owned());
    }
    if let Some(egress) = egress_public_network_access {
        args.push("egress_public_network_access", py_str(egress.lower()));
    }
    for (key, value) in extra {
        let expr = match key.as_str() {
            "request_settings" => {
                imports.push("OnlineRequestSettings");
                kwargs_call("OnlineRequestSettings", value)
            }
            "liveness_probe" | "readiness_probe" => {
                imports.push("ProbeSettings");
                kwargs_call("ProbeSettings", value)
            }
            "scale_settings" => scale_settings_expr(value, imports),
            "type" => continue,
            _ => py_value(value),
        };
        args.push(key, expr);
    }
    let class = if kubernetes { "KubernetesOnlineDeployment" } else { "ManagedOnlineDeployment" };
    imports.push(class);
    format!("        {class}(\n{}        ),\n", args.render("            "))
}

fn scale_settings_expr(value: &Value, imports: &mut Vec<&'static str>) -> String {
    let Value::Map(entries) = value else { return py_value(value) };
    let is_target = entries.iter().any(|(k, v)| k == "type" && matches!(v, Value::Str(t) if t.eq_ignore_ascii_case("target_utilization")));
    let rest = Value::Map(entries.iter().filter(|(k, _)| k != "type").cloned().collect());
    if is_target {
        imports.push("TargetUtilizationScaleSettings");
        kwargs_call("TargetUtilizationScaleSettings", &rest)
    } else {
        imports.push("DefaultScaleSettings");
        "DefaultScaleSettings()".to_owned()
    }
}

/// `NAME` from the environment, else `value`; without a value the script exits asking for it.
pub(crate) fn env_var(out: &mut String, name: &str, value: Option<&str>, what: &str) {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(v) => {
            let _ = writeln!(out, "{name} = os.environ.get({}) or {}", py_str(name), py_str(v));
        }
        None => {
            let _ = writeln!(out, "{name} = os.environ.get({}) or _required({}, {})", py_str(name), py_str(name), py_str(what));
        }
    }
}

/// Generates `amlnet_deploy.py`.
pub fn script(config: &Config) -> String {
    let needs = ScriptNeeds::of(config);
    let mut imports: Vec<&'static str> = Vec::new();
    let mut body = String::new();
    if let Some(ws) = &config.workspace {
        imports.push(workspace_class(ws.kind));
        let rules = ws.managed_network.as_ref().map(|m| m.outbound_rules.as_slice()).unwrap_or(&[]);
        if !rules.is_empty() {
            body.push_str("def build_outbound_rules() -> list:\n    \"\"\"The user-defined outbound rules (the service adds the required ones itself).\"\"\"\n    return [\n");
            for rule in rules {
                imports.push(match rule.destination {
                    Destination::PrivateEndpoint(_) => "PrivateEndpointDestination",
                    Destination::ServiceTag(_) => "ServiceTagDestination",
                    Destination::Fqdn(_) => "FqdnDestination",
                });
                body.push_str(&rule_expr(rule));
            }
            body.push_str("    ]\n\n\n");
        }
        workspace_fn(&mut body, ws, needs.operation == Operation::Create, &mut imports);
    }
    if let Some(ep) = &config.endpoint {
        endpoint_fn(&mut body, ep, &mut imports);
    }
    if !config.deployments.is_empty() {
        body.push_str("def build_deployments() -> list:\n    return [\n");
        for dep in &config.deployments {
            body.push_str(&deployment_expr(dep, &mut imports));
        }
        body.push_str("    ]\n\n\n");
    }

    let network_imports = network_functions(&mut body, config);

    // main()
    body.push_str("def main() -> None:\n");
    body.push_str("    ml_client = MLClient(\n        DefaultAzureCredential(),\n        subscription_id=SUBSCRIPTION_ID,\n        resource_group_name=RESOURCE_GROUP,\n        workspace_name=WORKSPACE_NAME,\n    )\n");
    if let Some(ws) = &config.workspace {
        let has_rules = ws.managed_network.as_ref().is_some_and(|m| !m.outbound_rules.is_empty());
        match needs.operation {
            Operation::Create => body.push_str(
                "    workspace = ml_client.workspaces.begin_create(build_workspace()).result()\n    print(f\"Created workspace {workspace.name}\")\n",
            ),
            Operation::Update => {
                body.push_str("    workspace = ml_client.workspaces.begin_update(build_workspace()).result()\n    print(f\"Updated workspace {workspace.name}\")\n");
                if has_rules {
                    body.push_str("    for rule in build_outbound_rules():\n        ml_client.workspace_outbound_rules.begin_create(workspace_name=WORKSPACE_NAME, rule=rule).result()\n        print(f\"Set outbound rule {rule.name}\")\n");
                }
            }
        }
    }
    let approver = !networking::assigned_targets(config).is_empty();
    let inbound = !networking::inbound(config).is_empty();
    if approver {
        body.push_str("    assign_approver_role(ml_client)\n");
    }
    if needs.provision {
        let _ = writeln!(
            body,
            "    ml_client.workspaces.begin_provision_network(workspace_name=WORKSPACE_NAME, include_spark={}).result()",
            if needs.include_spark { "True" } else { "False" }
        );
        body.push_str("    print(\"Provisioned the managed network\")\n");
    }
    if inbound {
        body.push_str("    create_inbound_private_endpoints(ml_client)\n");
    }
    if config.endpoint.is_some() {
        body.push_str("    endpoint = ml_client.online_endpoints.begin_create_or_update(build_endpoint()).result()\n    print(f\"Created endpoint {endpoint.name}\")\n");
    }
    if !config.deployments.is_empty() {
        body.push_str("    deployments = build_deployments()\n    for deployment in deployments:\n        ml_client.online_deployments.begin_create_or_update(deployment).result()\n        print(f\"Created deployment {deployment.name}\")\n");
        if config.endpoint.is_some() {
            body.push_str("    # Send all traffic to the first deployment, as `az ml online-deployment create --all-traffic` does.\n");
            body.push_str("    endpoint = build_endpoint()\n    endpoint.traffic = {deployments[0].name: 100}\n    ml_client.online_endpoints.begin_create_or_update(endpoint).result()\n");
        }
    }
    body.push_str("\n\nif __name__ == \"__main__\":\n    main()\n");

    crate::sort::sort_by(&mut imports, Ord::cmp);
    imports.dedup();
    let mut out = String::new();
    let _ = writeln!(out, "\"\"\"Generated by amlnet {}: network isolation for Azure Machine Learning.", crate::VERSION);
    let requires = if network_imports.is_empty() {
        "azure-ai-ml 1.35 and azure-identity"
    } else {
        "azure-ai-ml 1.35, azure-identity, azure-mgmt-network, azure-mgmt-privatedns and azure-mgmt-authorization"
    };
    let _ = write!(out, "\nRequires {requires}. Run it from the folder that holds any local model or code\nthe deployment refers to. Override the target with the SUBSCRIPTION_ID, RESOURCE_GROUP and\nWORKSPACE_NAME environment variables.\n\"\"\"\n\n");
    out.push_str("import os\nimport sys\n");
    if network_imports.iter().any(|l| l.contains("authorization")) {
        out.push_str("import uuid\n");
    }
    out.push_str("\nfrom azure.ai.ml import MLClient\n");
    if !imports.is_empty() {
        let _ = writeln!(out, "from azure.ai.ml.entities import (\n{})", imports.iter().map(|i| format!("    {i},\n")).collect::<String>());
    }
    out.push_str("from azure.identity import DefaultAzureCredential\n");
    for line in &network_imports {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("\n\n");
    out.push_str("def _required(name: str, what: str) -> str:\n    sys.exit(f\"set {name} to {what}\")\n\n\n");
    env_var(&mut out, "SUBSCRIPTION_ID", config.context.subscription_id.as_deref(), "your Azure subscription ID");
    env_var(&mut out, "RESOURCE_GROUP", config.context.resource_group.as_deref(), "the resource group of the workspace");
    env_var(&mut out, "WORKSPACE_NAME", config.workspace.as_ref().map(|w| w.name.as_str()), "the workspace name");
    out.push_str("\n\n");
    out.push_str(&body);
    out
}

/// A Python expression joining literal text and the script's variables (`"/subscriptions/" + SUBSCRIPTION_ID`).
fn py_concat(parts: &[PyPart<'_>]) -> String {
    let mut merged: Vec<String> = Vec::new();
    let mut literal = String::new();
    for p in parts {
        match p {
            PyPart::Lit(t) => literal.push_str(t),
            PyPart::Var(v) => {
                if !literal.is_empty() {
                    merged.push(py_str(&std::mem::take(&mut literal)));
                }
                merged.push((*v).to_owned());
            }
        }
    }
    if !literal.is_empty() || merged.is_empty() {
        merged.push(py_str(&literal));
    }
    merged.join(" + ")
}

enum PyPart<'a> {
    Lit(String),
    Var(&'a str),
}

/// The ARM id of a subnet (or its virtual network) as a Python expression.
fn py_network_id(subnet: &SubnetRef, with_subnet: bool) -> String {
    let mut parts = vec![PyPart::Lit("/subscriptions/".to_owned())];
    parts.push(subnet.subscription.clone().map_or(PyPart::Var("SUBSCRIPTION_ID"), PyPart::Lit));
    parts.push(PyPart::Lit("/resourceGroups/".to_owned()));
    parts.push(subnet.resource_group.clone().map_or(PyPart::Var("RESOURCE_GROUP"), PyPart::Lit));
    let mut tail = format!("/providers/Microsoft.Network/virtualNetworks/{}", subnet.virtual_network);
    if with_subnet {
        tail.push_str(&format!("/subnets/{}", subnet.subnet));
    }
    parts.push(PyPart::Lit(tail));
    py_concat(&parts)
}

const PY_WORKSPACE_ID: &str = "(\n        \"/subscriptions/\" + SUBSCRIPTION_ID + \"/resourceGroups/\" + RESOURCE_GROUP\n        + \"/providers/Microsoft.MachineLearningServices/workspaces/\" + WORKSPACE_NAME\n    )";

/// The imports of the approver role statements.
pub(crate) const APPROVER_IMPORTS: &[&str] = &[
    "from azure.mgmt.authorization import AuthorizationManagementClient",
    "from azure.mgmt.authorization.models import RoleAssignmentCreateParameters",
];

/// The statements that assign the approver role on `targets` (indented by four spaces, with `ml_client`
/// and `DefaultAzureCredential` in scope, `uuid` imported): the role assignment names are ARM's guid() of
/// the target, the workspace and the role, so the template and this script name the same assignment.
pub(crate) fn approver_statements(config: &Config, targets: &[networking::ApproverTarget]) -> String {
    let mut body = String::new();
    body.push_str("    credential = DefaultAzureCredential()\n    workspace = ml_client.workspaces.get(WORKSPACE_NAME)\n");
    match networking::approver_principal(config) {
        Principal::SystemAssigned => body.push_str("    principal_id = workspace.identity.principal_id\n"),
        Principal::UserAssigned(id) => {
            let _ = write!(
                body,
                "    identity_id = {}\n    principal_id = next(\n        (i.principal_id for i in workspace.identity.user_assigned_identities or [] if i.resource_id.lower() == identity_id.lower()),\n        None,\n    ) or sys.exit(f\"the workspace has no user-assigned identity {{identity_id}}\")\n",
                py_str(&id)
            );
        }
    }
    let _ = writeln!(body, "    role_id = {}", py_str(APPROVER_ROLE_ID));
    let _ = writeln!(body, "    workspace_id = {PY_WORKSPACE_ID}");
    body.push_str("    for target in [\n");
    for t in targets {
        let _ = writeln!(body, "        {},", py_str(&t.id));
    }
    body.push_str("    ]:\n        subscription = target.split(\"/\")[2]\n        AuthorizationManagementClient(credential, subscription).role_assignments.create(\n            scope=target,\n            # ARM's guid(target, workspace, role).\n            role_assignment_name=str(uuid.uuid5(uuid.UUID(\"11fb06fb-712d-4ddd-98c7-e71bbd588830\"), \"-\".join([target, workspace_id, role_id]))),\n            parameters=RoleAssignmentCreateParameters(\n                role_definition_id=\"/subscriptions/\" + subscription + \"/providers/Microsoft.Authorization/roleDefinitions/\" + role_id,\n                principal_id=principal_id,\n                principal_type=\"ServicePrincipal\",\n            ),\n        )\n        print(f\"Assigned the approver role on {target}\")\n");
    body
}

/// The imports of the inbound statements.
pub(crate) fn inbound_imports(config: &Config) -> Vec<&'static str> {
    let inbound = networking::inbound(config);
    if inbound.is_empty() {
        return Vec::new();
    }
    let mut imports = vec![
        "from azure.mgmt.network import NetworkManagementClient",
        "from azure.mgmt.network.models import PrivateDnsZoneConfig, PrivateDnsZoneGroup, PrivateEndpoint, PrivateLinkServiceConnection, Subnet",
    ];
    if !networking::zones_to_create(&inbound).is_empty() {
        imports.push("from azure.mgmt.privatedns import PrivateDnsManagementClient");
        imports.push("from azure.mgmt.privatedns.models import PrivateZone, SubResource, VirtualNetworkLink");
    }
    imports
}

/// The statements that create the inbound private endpoints, their zones, links and zone groups
/// (indented by four spaces, with `ml_client` and `DefaultAzureCredential` in scope).
pub(crate) fn inbound_statements(config: &Config) -> String {
    let inbound = networking::inbound(config);
    let mut body = String::new();
    if inbound.is_empty() {
        return body;
    }
    body.push_str("    credential = DefaultAzureCredential()\n");
    let ws_location = config.workspace.as_ref().and_then(|w| w.location.clone()).filter(|l| !l.trim().is_empty());
    match &ws_location {
        Some(l) => {
            let _ = writeln!(body, "    location = {}", py_str(l));
        }
        None => body.push_str("    location = ml_client.workspaces.get(WORKSPACE_NAME).location\n"),
    }
    let _ = writeln!(body, "    workspace_id = {PY_WORKSPACE_ID}");
    body.push_str("    network = NetworkManagementClient(credential, SUBSCRIPTION_ID)\n");
    for pe in &inbound {
        let location = pe.location.as_deref().map_or("location".to_owned(), py_str);
        let _ = write!(
            body,
            "    network.private_endpoints.begin_create_or_update(\n        resource_group_name=RESOURCE_GROUP,\n        private_endpoint_name={},\n        parameters=PrivateEndpoint(\n            location={location},\n            subnet=Subnet(id={}),\n            private_link_service_connections=[\n                PrivateLinkServiceConnection(name={}, private_link_service_id=workspace_id, group_ids=[{}]),\n            ],\n        ),\n    ).result()\n    print({})\n",
            py_str(&pe.name),
            py_network_id(&pe.subnet, true),
            py_str(CONNECTION_NAME),
            py_str(WORKSPACE_GROUP_ID),
            py_str(&format!("Created private endpoint {}", pe.name))
        );
    }
    let zones = networking::zones_to_create(&inbound);
    if !zones.is_empty() {
        body.push_str("    dns = PrivateDnsManagementClient(credential, SUBSCRIPTION_ID)\n");
        for zone in &zones {
            let _ = write!(
                body,
                "    dns.private_zones.begin_create_or_update(\n        resource_group_name=RESOURCE_GROUP, private_zone_name={}, parameters=PrivateZone(location=\"global\")\n    ).result()\n",
                py_str(zone)
            );
        }
        for (zone, link, subnet) in networking::links_to_create(&inbound) {
            let _ = write!(
                body,
                "    dns.virtual_network_links.begin_create_or_update(\n        resource_group_name=RESOURCE_GROUP,\n        private_zone_name={},\n        virtual_network_link_name={},\n        parameters=VirtualNetworkLink(\n            location=\"global\", virtual_network=SubResource(id={}), registration_enabled=False\n        ),\n    ).result()\n",
                py_str(zone),
                py_str(&link),
                py_network_id(&subnet, false)
            );
        }
    }
    for pe in &inbound {
        let configs: Vec<(String, String)> = match &pe.dns {
            InboundDns::Create { zones, .. } => zones
                .iter()
                .map(|z| {
                    let id = py_concat(&[
                        PyPart::Lit("/subscriptions/".to_owned()),
                        PyPart::Var("SUBSCRIPTION_ID"),
                        PyPart::Lit("/resourceGroups/".to_owned()),
                        PyPart::Var("RESOURCE_GROUP"),
                        PyPart::Lit(format!("/providers/Microsoft.Network/privateDnsZones/{z}")),
                    ]);
                    (zone_config_name(z), id)
                })
                .collect(),
            InboundDns::Existing(ids) => ids.iter().map(|id| (zone_config_name(id.rsplit('/').next().unwrap_or(id)), py_str(id))).collect(),
            InboundDns::Off => continue,
        };
        let _ = write!(
            body,
            "    network.private_dns_zone_groups.begin_create_or_update(\n        resource_group_name=RESOURCE_GROUP,\n        private_endpoint_name={},\n        private_dns_zone_group_name={},\n        parameters=PrivateDnsZoneGroup(\n            private_dns_zone_configs=[\n",
            py_str(&pe.name),
            py_str(ZONE_GROUP_NAME)
        );
        for (name, id) in configs {
            let _ = writeln!(body, "                PrivateDnsZoneConfig(name={}, private_dns_zone_id={id}),", py_str(&name));
        }
        body.push_str("            ],\n        ),\n    ).result()\n");
    }
    body
}

/// `assign_approver_role` and `create_inbound_private_endpoints`, when the configuration needs them;
/// returns the import lines they need.
fn network_functions(body: &mut String, config: &Config) -> Vec<&'static str> {
    let mut imports: Vec<&'static str> = Vec::new();
    let targets = networking::assigned_targets(config);
    if !targets.is_empty() {
        imports.extend(APPROVER_IMPORTS);
        let _ = write!(
            body,
            "def assign_approver_role(ml_client: MLClient) -> None:\n    \"\"\"{APPROVER_ROLE_NAME} on each private endpoint target, so that the workspace can approve its managed private endpoints.\"\"\"\n{}\n\n",
            approver_statements(config, &targets)
        );
    }
    let statements = inbound_statements(config);
    if !statements.is_empty() {
        imports.extend(inbound_imports(config));
        let _ = write!(
            body,
            "def create_inbound_private_endpoints(ml_client: MLClient) -> None:\n    \"\"\"The workspace's private endpoints in your virtual networks, with private DNS.\"\"\"\n{statements}\n\n"
        );
    }
    imports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_strings() {
        assert_eq!(py_str("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(py_str("é"), "\"\\xe9\"");
        assert_eq!(py_str("\u{2028}"), "\"\\u2028\"");
        assert_eq!(py_str("😀"), "\"\\U0001f600\"");
        assert_eq!(python_float("1:30.5"), r#"((float("1")) * 60 + float("30.5"))"#);
        assert_eq!(python_float("-.Inf"), "float(\"-inf\")");
        assert_eq!(python_float("1_000.5"), "float(\"1000.5\")");
    }
}
