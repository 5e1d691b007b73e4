//! The Bicep file (`main.bicep`): the same tree as the ARM template ([`super::iac::Template`]),
//! rendered with Bicep syntax, so the two exports cannot drift.

use super::iac::{Expr, Node, Template, IDENTITY_API_VERSION, WORKSPACE_TYPE};
use crate::model::Config;
use crate::networking::Principal;
use std::fmt::Write as _;

/// A Bicep string literal: `\` → `\\`, `'` → `\'`, `${` → `\${`, control characters as escapes.
pub(crate) fn bicep_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{{{:X}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Whether `key` can be written unquoted as a Bicep object key (an identifier that is not a literal or
/// control-flow keyword; quoting is always allowed, so the test errs on the side of quotes).
pub(crate) fn is_identifier(key: &str) -> bool {
    super::is_identifier(key, &["true", "false", "null", "if", "for", "in"])
}

fn key(k: &str) -> String {
    if is_identifier(k) {
        k.to_owned()
    } else {
        bicep_str(k)
    }
}

fn expr(t: &Template, e: &Expr) -> String {
    match e {
        Expr::Param(name) => name.clone(),
        Expr::ResourceGroupLocation => "resourceGroup().location".to_owned(),
        Expr::WorkspaceChildId(segments) => {
            let mut text = "'${workspace.id}".to_owned();
            for s in segments {
                let lit = bicep_str(&format!("/{s}"));
                text.push_str(&lit[1..lit.len() - 1]);
            }
            text.push('\'');
            text
        }
        Expr::ResourceId(index) => match t.resources.get(*index) {
            Some(r) => format!("{}.id", r.symbol),
            None => "''".to_owned(),
        },
        Expr::ExternalId { subscription, resource_group, resource_type, names } => {
            let mut args: Vec<String> = Vec::new();
            args.extend(subscription.iter().map(|s| bicep_str(s)));
            args.extend(resource_group.iter().map(|g| bicep_str(g)));
            args.push(bicep_str(resource_type));
            args.extend(names.iter().map(|n| bicep_str(n)));
            format!("resourceId({})", args.join(", "))
        }
        Expr::PrincipalId(Principal::SystemAssigned) => "workspace.identity.principalId".to_owned(),
        Expr::PrincipalId(Principal::UserAssigned(id)) => format!("reference({}, {}).principalId", bicep_str(id), bicep_str(IDENTITY_API_VERSION)),
        Expr::Guid(parts) => {
            let args: Vec<String> = parts
                .iter()
                .map(|p| {
                    let mut s = String::new();
                    value(t, &mut s, p, 0);
                    s
                })
                .collect();
            format!("guid({})", args.join(", "))
        }
        Expr::RoleDefinitionId(id) => format!("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', {})", bicep_str(id)),
    }
}

fn value(t: &Template, out: &mut String, node: &Node, indent: usize) {
    let pad = "  ".repeat(indent + 1);
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) if *i < 0 => {
            // Bicep integers are 64-bit; a negative literal is the unary minus of a positive one.
            let _ = write!(out, "-{}", i.unsigned_abs());
        }
        Node::Int(i) => out.push_str(&i.to_string()),
        // Bicep has no floating-point literals: a YAML float is carried as `json('<number>')`.
        Node::Number(n) => {
            let _ = write!(out, "json({})", bicep_str(&super::arm::json_number(n)));
        }
        Node::Str(s) => out.push_str(&bicep_str(s)),
        Node::Expr(e) => out.push_str(&expr(t, e)),
        Node::Array(items) if items.is_empty() => out.push_str("[]"),
        Node::Object(entries) if entries.is_empty() => out.push_str("{}"),
        Node::Array(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad);
                value(t, out, item, indent + 1);
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        Node::Object(entries) => {
            out.push_str("{\n");
            for (k, v) in entries {
                let _ = write!(out, "{pad}{}: ", key(k));
                value(t, out, v, indent + 1);
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
    }
}

/// Renders the tree as Bicep.
pub(crate) fn render(t: &Template) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "// Generated by amlnet {}: the same resources as azuredeploy.json.", crate::VERSION);
    let _ = writeln!(out, "metadata description = {}\n", bicep_str(&t.description));
    for p in &t.parameters {
        let _ = writeln!(out, "@description({})", bicep_str(&p.description));
        let _ = write!(out, "param {} string", p.name);
        if let Some(d) = &p.default {
            out.push_str(" = ");
            value(t, &mut out, d, 0);
        }
        out.push_str("\n\n");
    }
    for r in &t.resources {
        let _ = write!(out, "resource {} {} ", r.symbol, bicep_str(&format!("{}@{}", r.resource_type, r.api_version)));
        if r.existing {
            out.push_str("existing ");
        }
        out.push_str("= {\n");
        if let Some(parent) = r.parent.and_then(|p| t.resources.get(p)) {
            let _ = writeln!(out, "  parent: {}", parent.symbol);
        }
        if let Some(scope) = r.scope.and_then(|s| t.resources.get(s)) {
            let _ = writeln!(out, "  scope: {}", scope.symbol);
        }
        out.push_str("  name: ");
        value(t, &mut out, &r.name, 1);
        out.push('\n');
        for (k, v) in &r.body {
            let _ = write!(out, "  {}: ", key(k));
            value(t, &mut out, v, 1);
            out.push('\n');
        }
        out.push_str("}\n\n");
    }
    let _ = writeln!(out, "output workspaceId string = resourceId({}, workspaceName)", bicep_str(WORKSPACE_TYPE));
    out
}

/// The Bicep file of a configuration.
pub fn file(config: &Config) -> String {
    render(&Template::of(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_keys() {
        assert_eq!(bicep_str("it's ${x} \\ $y\n"), "'it\\'s \\${x} \\\\ $y\\n'");
        assert_eq!(bicep_str("\u{1}"), "'\\u{1}'");
        assert!(is_identifier("isolationMode"));
        assert!(!is_identifier("datalake-dfs"));
        assert!(!is_identifier("1a"));
        assert!(!is_identifier("true"));
        assert!(is_identifier("type"));
        assert_eq!(key("my-rule"), "'my-rule'");
    }

    #[test]
    fn demo_file_shape() {
        let text = file(&crate::demo::demo_config());
        assert!(text.contains("resource deployment1 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2025-12-01' = {\n  parent: endpoint\n"), "{text}");
        assert!(text.contains("model: '${workspace.id}/models/"), "{text}");
    }
}
