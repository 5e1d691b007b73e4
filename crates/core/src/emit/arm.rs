//! The ARM deployment template (`azuredeploy.json`): the [`super::iac`] tree rendered as JSON.
//!
//! Literal strings that look like ARM expressions (`[...]`) are escaped, and every string is a JSON
//! string literal with every control character escaped.

pub use super::iac::API_VERSION;
use super::iac::{Expr, Node, Template, IDENTITY_API_VERSION, WORKSPACE_TYPE};
use crate::model::Config;
use crate::networking::Principal;
use std::fmt::Write as _;

/// A JSON string literal: `"`, `\` and every control character escaped (also U+2028 and U+2029, which
/// some JavaScript readers treat as line ends).
pub fn json_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal string value in an ARM template: a string that starts with `[` and ends with `]` would be
/// read as an expression, so its first bracket is doubled.
fn arm_literal(text: &str) -> String {
    if text.starts_with('[') && text.ends_with(']') {
        json_str(&format!("[{text}"))
    } else {
        json_str(text)
    }
}

/// A string inside an ARM expression: single-quoted, `'` doubled.
fn arm_expr_str(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn arm_expr(t: &Template, expr: &Expr) -> String {
    match expr {
        Expr::Param(name) => format!("parameters({})", arm_expr_str(name)),
        Expr::ResourceGroupLocation => "resourceGroup().location".to_owned(),
        Expr::WorkspaceChildId(segments) => {
            let mut parts = vec![format!("resourceId({}, parameters('workspaceName'))", arm_expr_str(WORKSPACE_TYPE))];
            for s in segments {
                parts.push(arm_expr_str(&format!("/{s}")));
            }
            format!("concat({})", parts.join(", "))
        }
        Expr::ResourceId(index) => resource_id(t, *index),
        Expr::ExternalId { subscription, resource_group, resource_type, names } => {
            let mut args: Vec<String> = Vec::new();
            args.extend(subscription.iter().map(|s| arm_expr_str(s)));
            args.extend(resource_group.iter().map(|g| arm_expr_str(g)));
            args.push(arm_expr_str(resource_type));
            args.extend(names.iter().map(|n| arm_expr_str(n)));
            format!("resourceId({})", args.join(", "))
        }
        Expr::PrincipalId(Principal::SystemAssigned) => format!(
            "reference(resourceId({}, parameters('workspaceName')), {}, 'full').identity.principalId",
            arm_expr_str(WORKSPACE_TYPE),
            arm_expr_str(API_VERSION)
        ),
        Expr::PrincipalId(Principal::UserAssigned(id)) => {
            format!("reference({}, {}).principalId", arm_expr_str(id), arm_expr_str(IDENTITY_API_VERSION))
        }
        Expr::Guid(parts) => {
            let args: Vec<String> = parts.iter().map(|p| arm_name_piece(t, p)).collect();
            format!("guid({})", args.join(", "))
        }
        Expr::RoleDefinitionId(id) => format!("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', {})", arm_expr_str(id)),
    }
}

/// `resourceId(<type>, <names>...)` of a resource of the template.
fn resource_id(t: &Template, index: usize) -> String {
    let Some(r) = t.resources.get(index) else { return "''".to_owned() };
    let chain = full_name(t, index);
    let args: Vec<String> = chain.iter().map(|n| arm_name_piece(t, n)).collect();
    format!("resourceId({}, {})", arm_expr_str(r.resource_type), args.join(", "))
}

fn write_json(t: &Template, out: &mut String, node: &Node, indent: usize) {
    let pad = "  ".repeat(indent + 1);
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => out.push_str(&i.to_string()),
        Node::Number(n) => out.push_str(&json_number(n)),
        Node::Str(s) => out.push_str(&arm_literal(s)),
        Node::Expr(e) => out.push_str(&json_str(&format!("[{}]", arm_expr(t, e)))),
        Node::Array(items) if items.is_empty() => out.push_str("[]"),
        Node::Object(entries) if entries.is_empty() => out.push_str("{}"),
        Node::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                write_json(t, out, item, indent + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        Node::Object(entries) => {
            out.push_str("{\n");
            for (i, (k, v)) in entries.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&json_str(k));
                out.push_str(": ");
                write_json(t, out, v, indent + 1);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
    }
}

/// A YAML float as a JSON number, or a string when JSON has no such number (`.inf`, `.nan`).
pub(crate) fn json_number(text: &str) -> String {
    let t = text.trim().replace('_', "");
    let t = t.strip_prefix('+').unwrap_or(&t);
    let digits_ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let valid = {
        let body = t.strip_prefix('-').unwrap_or(t);
        let (mantissa, exponent) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
        let exp_ok = exponent.is_none_or(|e| digits_ok(e.strip_prefix(['+', '-']).unwrap_or(e)));
        digits_ok(int) && (frac.is_empty() || digits_ok(frac)) && exp_ok && !(int.len() > 1 && int.starts_with('0'))
    };
    if valid {
        let s = t.to_owned();
        if s.ends_with('.') {
            format!("{s}0")
        } else {
            s.replace(".e", ".0e").replace(".E", ".0E")
        }
    } else {
        json_str(text)
    }
}

/// The full ARM name of a resource: its parents' names and its own, joined with `/`.
fn full_name(t: &Template, index: usize) -> Vec<&Node> {
    let mut chain = Vec::new();
    let mut current = Some(index);
    while let Some(i) = current {
        let Some(r) = t.resources.get(i) else { break };
        chain.push(&r.name);
        current = r.parent;
    }
    chain.reverse();
    chain
}

fn arm_name_piece(t: &Template, node: &Node) -> String {
    match node {
        Node::Expr(e) => arm_expr(t, e),
        Node::Str(s) => arm_expr_str(s),
        _ => "''".to_owned(),
    }
}

/// Renders the tree as an ARM template.
pub(crate) fn render(t: &Template) -> String {
    let mut params = Vec::new();
    for p in &t.parameters {
        let mut entry = vec![("type".to_owned(), Node::str("string"))];
        if let Some(d) = &p.default {
            entry.push(("defaultValue".to_owned(), d.clone()));
        }
        entry.push(("metadata".to_owned(), Node::Object(vec![("description".to_owned(), Node::Str(p.description.clone()))])));
        params.push((p.name.clone(), Node::Object(entry)));
    }
    let mut out = String::new();
    out.push_str("{\n");
    out.push_str("  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n");
    out.push_str("  \"contentVersion\": \"1.0.0.0\",\n");
    out.push_str("  \"metadata\": ");
    write_json(t, &mut out, &Node::Object(vec![("description".to_owned(), Node::Str(t.description.clone()))]), 1);
    out.push_str(",\n  \"parameters\": ");
    write_json(t, &mut out, &Node::Object(params), 1);
    out.push_str(",\n  \"resources\": [");
    let deployed: Vec<usize> = (0..t.resources.len()).filter(|i| t.resources.get(*i).is_some_and(|r| !r.existing)).collect();
    for (n, i) in deployed.iter().enumerate() {
        let Some(r) = t.resources.get(*i) else { continue };
        out.push_str(if n == 0 { "\n    {\n" } else { ",\n    {\n" });
        let chain = full_name(t, *i);
        let name = if chain.len() == 1 {
            match chain[0] {
                Node::Str(s) => arm_literal(s),
                Node::Expr(e) => json_str(&format!("[{}]", arm_expr(t, e))),
                _ => "\"\"".to_owned(),
            }
        } else {
            let placeholders: Vec<String> = (0..chain.len()).map(|k| format!("{{{k}}}")).collect();
            let args: Vec<String> = chain.iter().map(|n| arm_name_piece(t, n)).collect();
            json_str(&format!("[format({}, {})]", arm_expr_str(&placeholders.join("/")), args.join(", ")))
        };
        let _ =
            write!(out, "      \"type\": {},\n      \"apiVersion\": {},\n      \"name\": {name}", json_str(r.resource_type), json_str(r.api_version));
        if let Some(scope) = r.scope.and_then(|s| t.resources.get(s).map(|sr| (s, sr))) {
            // An extension resource of a resource in the deployment's resource group: `<type>/<name>`.
            let names: Vec<String> = full_name(t, scope.0)
                .iter()
                .map(|n| match n {
                    Node::Str(s) => s.clone(),
                    _ => String::new(),
                })
                .collect();
            let _ = write!(out, ",\n      \"scope\": {}", arm_literal(&format!("{}/{}", scope.1.resource_type, names.join("/"))));
        }
        for (k, v) in &r.body {
            let _ = write!(out, ",\n      {}: ", json_str(k));
            write_json(t, &mut out, v, 3);
        }
        let mut depends: Vec<String> = Vec::new();
        for d in r.parent.iter().chain(r.depends_on.iter()) {
            if t.resources.get(*d).is_some_and(|dr| !dr.existing) {
                let id = json_str(&format!("[{}]", resource_id(t, *d)));
                if !depends.contains(&id) {
                    depends.push(id);
                }
            }
        }
        if !depends.is_empty() {
            let _ = write!(out, ",\n      \"dependsOn\": [\n        {}\n      ]", depends.join(",\n        "));
        }
        out.push_str("\n    }");
    }
    out.push_str(if deployed.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    out
}

/// The ARM template of a configuration.
pub fn template(config: &Config) -> String {
    render(&Template::of(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_everything() {
        assert_eq!(json_str("a\"b\\c\nd\u{1}\u{2028}"), "\"a\\\"b\\\\c\\nd\\u0001\\u2028\"");
        assert_eq!(arm_literal("[x]"), "\"[[x]\"");
        assert_eq!(arm_literal("[x"), "\"[x\"");
        assert_eq!(arm_expr_str("it's"), "'it''s'");
    }

    #[test]
    fn numbers() {
        assert_eq!(json_number("1.5"), "1.5");
        assert_eq!(json_number("1."), "1.0");
        assert_eq!(json_number(".inf"), "\".inf\"");
        assert_eq!(json_number("+2e3"), "2e3");
    }

    #[test]
    fn demo_template_shape() {
        let text = template(&crate::demo::demo_config());
        assert!(text.contains("\"isolationMode\": \"AllowOnlyApprovedOutbound\""), "{text}");
        assert!(text.contains("\"type\": \"Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments\""));
        assert!(text.contains("[format('{0}/{1}/{2}', parameters('workspaceName'), 'contoso-scoring', 'blue')]"), "{text}");
    }
}
