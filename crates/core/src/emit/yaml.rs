//! The YAML generator: `workspace.yml`, `endpoint.yml`, `deployment.yml` as `az ml` reads them.
//!
//! A small block-style emitter written for one reader: PyYAML's `safe_load` (YAML 1.1). A string is
//! written plain only when PyYAML's resolver would read it back as that same string and no indicator
//! character could change its meaning; everything else is double-quoted with escapes. Keys come out in
//! the SDK's schema order, and only user-defined rules are written.

use crate::model::{
    CodeConfiguration, Config, Destination, FqdnDestination, ManagedNetwork, OnlineDeployment, OnlineEndpoint, OutboundRule,
    PrivateEndpointDestination, ServiceTagDestination, Value, Workspace,
};
use crate::syntax::pyyaml::{resolve_plain, PyType};

fn s(text: &str) -> Value {
    Value::Str(text.to_owned())
}

/// Sorts the entries in the SDK schema's field order (`crate::schema::sdk`), which is also its dump order.
fn ordered(mut entries: Vec<(String, Value)>, schema: &crate::schema::Schema) -> Value {
    crate::sort::sort_by_key(&mut entries, |(k, _)| schema.fields.iter().position(|f| f.key == k).unwrap_or(usize::MAX));
    Value::Map(entries)
}

fn tags_value(tags: &[(String, String)]) -> Value {
    Value::Map(tags.iter().map(|(k, v)| (k.clone(), s(v))).collect())
}

/// One outbound rule as YAML: `name`, `type`, `destination`, then `fqdns` for private endpoints.
pub fn rule_value(rule: &OutboundRule) -> Value {
    let OutboundRule { name, destination } = rule;
    let mut entries = vec![("name".to_owned(), s(name)), ("type".to_owned(), s(destination.rule_type().yaml()))];
    match destination {
        Destination::PrivateEndpoint(PrivateEndpointDestination { service_resource_id, subresource_target, spark_enabled, fqdns }) => {
            entries.push((
                "destination".to_owned(),
                Value::Map(vec![
                    ("service_resource_id".to_owned(), s(service_resource_id)),
                    ("subresource_target".to_owned(), s(subresource_target)),
                    ("spark_enabled".to_owned(), Value::Bool(*spark_enabled)),
                ]),
            ));
            if !fqdns.is_empty() {
                entries.push(("fqdns".to_owned(), Value::Seq(fqdns.iter().map(|f| s(f)).collect())));
            }
        }
        Destination::ServiceTag(ServiceTagDestination { service_tag, protocol, port_ranges, address_prefixes }) => {
            let mut dest =
                vec![("service_tag".to_owned(), s(service_tag)), ("protocol".to_owned(), s(protocol)), ("port_ranges".to_owned(), s(port_ranges))];
            if let Some(prefixes) = address_prefixes {
                dest.push(("address_prefixes".to_owned(), Value::Seq(prefixes.iter().map(|p| s(p)).collect())));
            }
            entries.push(("destination".to_owned(), Value::Map(dest)));
        }
        Destination::Fqdn(FqdnDestination { destination }) => entries.push(("destination".to_owned(), s(destination))),
    }
    Value::Map(entries)
}

/// The workspace document. `include_rules` is false for an update, whose rules are set one by one.
pub fn workspace_value(ws: &Workspace, include_rules: bool) -> Value {
    let Workspace {
        kind,
        hub_id,
        name,
        location,
        display_name,
        description,
        tags,
        public_network_access,
        image_build_compute,
        provision_network_now,
        managed_network,
        // Not a key of the az ml workspace YAML (azure-ai-ml rejects it); only the IaC exports set it.
        v1_legacy_mode: _,
        extra,
    } = ws;
    let mut e: Vec<(String, Value)> = vec![("$schema".to_owned(), s(crate::DocumentKind::Workspace.schema_url())), ("name".to_owned(), s(name))];
    let opt = |e: &mut Vec<(String, Value)>, key: &str, v: &Option<String>| {
        if let Some(v) = v {
            e.push((key.to_owned(), s(v)));
        }
    };
    if *kind != crate::model::WorkspaceKind::Default {
        e.push(("kind".to_owned(), s(kind.yaml())));
    }
    opt(&mut e, "hub_id", hub_id);
    opt(&mut e, "location", location);
    opt(&mut e, "description", description);
    opt(&mut e, "display_name", display_name);
    if !tags.is_empty() {
        e.push(("tags".to_owned(), tags_value(tags)));
    }
    opt(&mut e, "image_build_compute", image_build_compute);
    if let Some(pna) = public_network_access {
        e.push(("public_network_access".to_owned(), s(pna.pascal())));
    }
    if let Some(ManagedNetwork { isolation_mode, firewall_sku, outbound_rules }) = managed_network {
        let mut m = Vec::new();
        if let Some(mode) = isolation_mode {
            m.push(("isolation_mode".to_owned(), s(mode.yaml())));
        }
        if include_rules && !outbound_rules.is_empty() {
            m.push(("outbound_rules".to_owned(), Value::Seq(outbound_rules.iter().map(rule_value).collect())));
        }
        if let Some(sku) = firewall_sku {
            m.push(("firewall_sku".to_owned(), s(sku.yaml())));
        }
        e.push(("managed_network".to_owned(), Value::Map(m)));
    }
    if let Some(now) = provision_network_now {
        e.push(("provision_network_now".to_owned(), Value::Bool(*now)));
    }
    e.extend(extra.iter().cloned());
    ordered(e, crate::schema::workspace_schema(*kind))
}

pub fn endpoint_value(ep: &OnlineEndpoint) -> Value {
    let OnlineEndpoint { compute, name, description, tags, auth_mode, public_network_access, identity, extra } = ep;
    let mut e: Vec<(String, Value)> = vec![("$schema".to_owned(), s(crate::DocumentKind::OnlineEndpoint.schema_url())), ("name".to_owned(), s(name))];
    if let Some(compute) = compute {
        e.push(("compute".to_owned(), s(compute)));
    }
    if let Some(d) = description {
        e.push(("description".to_owned(), s(d)));
    }
    if !tags.is_empty() {
        e.push(("tags".to_owned(), tags_value(tags)));
    }
    if let Some(mode) = auth_mode {
        e.push(("auth_mode".to_owned(), s(mode.yaml())));
    }
    if let Some(identity) = identity {
        e.push(("identity".to_owned(), identity.clone()));
    }
    if let Some(pna) = public_network_access {
        e.push(("public_network_access".to_owned(), s(pna.lower())));
    }
    e.extend(extra.iter().cloned());
    ordered(e, crate::schema::endpoint_schema(compute.is_some()))
}

pub fn deployment_value(dep: &OnlineDeployment) -> Value {
    let OnlineDeployment {
        kubernetes,
        name,
        endpoint_name,
        model,
        environment,
        code_configuration,
        instance_type,
        instance_count,
        app_insights_enabled,
        egress_public_network_access,
        extra,
    } = dep;
    let mut e: Vec<(String, Value)> = vec![
        ("$schema".to_owned(), s(crate::DocumentKind::OnlineDeployment.schema_url())),
        ("name".to_owned(), s(name)),
        ("endpoint_name".to_owned(), s(endpoint_name)),
    ];
    if *kubernetes && !extra.iter().any(|(k, _)| k == "type") {
        e.push(("type".to_owned(), s("kubernetes")));
    }
    if let Some(model) = model {
        e.push(("model".to_owned(), model.clone()));
    }
    if let Some(CodeConfiguration { code, scoring_script }) = code_configuration {
        e.push(("code_configuration".to_owned(), Value::Map(vec![("code".to_owned(), s(code)), ("scoring_script".to_owned(), s(scoring_script))])));
    }
    if let Some(env) = environment {
        e.push(("environment".to_owned(), env.clone()));
    }
    if let Some(v) = app_insights_enabled {
        e.push(("app_insights_enabled".to_owned(), Value::Bool(*v)));
    }
    if let Some(n) = instance_count {
        e.push(("instance_count".to_owned(), Value::Int(*n)));
    }
    if let Some(t) = instance_type {
        e.push(("instance_type".to_owned(), s(t)));
    }
    if let Some(egress) = egress_public_network_access {
        e.push(("egress_public_network_access".to_owned(), s(egress.lower())));
    }
    e.extend(extra.iter().cloned());
    ordered(e, crate::schema::deployment_schema(*kubernetes))
}

/// The YAML files of a configuration: `(file name, text)`.
pub fn documents(config: &Config, include_rules: bool) -> Vec<(String, String)> {
    // The context is no document: `az ml` takes the subscription and resource group as flags.
    let Config { context: _, workspace, endpoint, deployments } = config;
    let mut out = Vec::new();
    if let Some(ws) = workspace {
        out.push(("workspace.yml".to_owned(), to_yaml(&workspace_value(ws, include_rules))));
    }
    if let Some(ep) = endpoint {
        out.push(("endpoint.yml".to_owned(), to_yaml(&endpoint_value(ep))));
    }
    for (dep, name) in deployments.iter().zip(super::deployment_file_names(config)) {
        out.push((name, to_yaml(&deployment_value(dep))));
    }
    out
}

/// Writes a value as a block-style YAML document.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Map(entries) if !entries.is_empty() => write_map(&mut out, entries, 0),
        Value::Seq(items) if !items.is_empty() => write_seq(&mut out, items, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_map(out: &mut String, entries: &[(String, Value)], level: usize) {
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 {
            indent(out, level);
        }
        out.push_str(&scalar(key));
        out.push(':');
        write_nested(out, value, level, true);
    }
}

fn write_seq(out: &mut String, items: &[Value], level: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            indent(out, level);
        }
        out.push('-');
        write_nested(out, item, level, false);
    }
}

/// Writes what follows `key:` or `-`. Non-empty mappings in a sequence start on the dash's line;
/// sequences under a key are not indented further (the style of the SDK's own dumps).
fn write_nested(out: &mut String, value: &Value, level: usize, after_key: bool) {
    match value {
        Value::Map(entries) if !entries.is_empty() => {
            if after_key {
                out.push('\n');
                indent(out, level + 2);
            } else {
                out.push(' ');
            }
            write_map(out, entries, level + 2);
        }
        Value::Seq(items) if !items.is_empty() => {
            out.push('\n');
            let child = if after_key { level } else { level + 2 };
            indent(out, child);
            write_seq(out, items, child);
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn inline(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => {
            if resolve_plain(f) == PyType::Float {
                f.clone()
            } else {
                scalar(f)
            }
        }
        Value::Str(text) => scalar(text),
        Value::Seq(_) => "[]".to_owned(),
        Value::Map(_) => "{}".to_owned(),
    }
}

/// A string as a YAML scalar that PyYAML reads back as exactly `text`.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// Whether `text` can be written unquoted: PyYAML must resolve it to a string, and nothing in it may
/// read as YAML syntax. Deliberately conservative: printable ASCII only, no indicator at the start,
/// no `: ` or ` #` inside, no surrounding spaces.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    if resolve_plain(text) != PyType::Str {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`.~=<".contains(first) && !(first == '.' && !text.starts_with("..") && text.len() > 1 && text != ".") {
        return false;
    }
    if text.starts_with(' ') || text.ends_with(' ') || text.ends_with(':') {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.contains(":\t") {
        return false;
    }
    text.chars().all(|c| (' '..='~').contains(&c))
}

/// A double-quoted YAML scalar with every character PyYAML might misread escaped.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => out.push_str(&format!("\\x{:02X}", c as u32)),
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c if (0xd800..=0xdfff).contains(&(c as u32)) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A quoted form for hints and fixes: single quotes when they suffice (as the docs write `'443'`).
pub fn quote_always(text: &str) -> String {
    if !text.contains('\'') && text.chars().all(|c| (' '..='~').contains(&c)) {
        format!("'{text}'")
    } else {
        double_quoted(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traps_are_quoted() {
        for text in
            ["yes", "on", "0123", "1:30", "2024-01-01", "<<", "=", "443", "", " a", "*.pytorch.org", "a: b", "x #y", "-x", "null", "~", "1e3x"]
        {
            let out = scalar(text);
            if text == "1e3x" {
                assert_eq!(out, "1e3x");
            } else {
                assert!(out.starts_with('"'), "{text:?} -> {out}");
            }
        }
        assert_eq!(scalar("80, 8080"), "80, 8080");
        assert_eq!(scalar("/subscriptions/x/resourceGroups/y"), "/subscriptions/x/resourceGroups/y");
    }

    #[test]
    fn nested_layout() {
        let v = Value::Map(vec![
            (
                "a".to_owned(),
                Value::Map(vec![("b".to_owned(), Value::Seq(vec![Value::Map(vec![("c".to_owned(), s("d")), ("e".to_owned(), Value::Bool(true))])]))]),
            ),
            ("f".to_owned(), Value::Map(vec![])),
        ]);
        assert_eq!(to_yaml(&v), "a:\n  b:\n  - c: d\n    e: true\nf: {}\n");
    }
}
