//! Reading the current state: YAML documents or `az ml ... show` JSON, without the rules the service
//! adds itself, the read-only keys `show` prints, or complaints about JSON `null`.

use super::Current;
use crate::diagnostic::{sort_diagnostics, Diagnostic};
use crate::model::Config;
use crate::rules::codes;
use crate::syntax::{self, Node};
use crate::{SourceFile, Sources};

/// Rule categories that the service adds itself; they are never planned (`az ml workspace show` lists them).
const SERVICE_CATEGORIES: &[&str] = &["required", "recommended", "dependency"];

/// Reads the current state from YAML documents or `az ml workspace show` (and `online-endpoint show`,
/// `online-deployment show`) JSON. JSON is YAML, so both go through the same syntax layer.
pub fn read_current(files: &[SourceFile]) -> Current {
    let mut config = Config::default();
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let mut service_rules: Vec<String> = Vec::new();
    for file in files {
        let mut file = file.clone();
        if file.invalid_utf8_at.is_none() {
            let stream = syntax::parse(&file.text);
            if let Some(root) = stream.documents.first() {
                collect_service_rules(root, &mut service_rules);
                if file.kind.is_none() && is_endpoint_show(root) {
                    file.kind = Some(crate::DocumentKind::OnlineEndpoint);
                }
            }
        }
        let mut own = Vec::new();
        crate::read_file(&file, &mut config, &mut sources, &mut own);
        // A JSON `null` in the current state means "not set", not a mistake to fix.
        own.retain(|d| !(matches!(d.code, "unquoted-value-not-a-string" | "wrong-value-type") && is_null_at(&file.text, d)));
        diagnostics.extend(own);
    }
    // `show` output holds read-only keys by design; they are what the service reports, not mistakes.
    diagnostics.retain(|d| d.code != codes::READ_ONLY_KEY.code);
    if let Some(mn) = config.workspace.as_mut().and_then(|w| w.managed_network.as_mut()) {
        mn.outbound_rules.retain(|r| !service_rules.contains(&r.name));
    }
    sort_diagnostics(&mut diagnostics);
    Current { config, diagnostics }
}

fn is_null_at(text: &str, d: &Diagnostic) -> bool {
    d.range.and_then(|r| text.get(r.start_byte..r.end_byte)).is_some_and(|t| matches!(t, "null" | "Null" | "NULL" | "~"))
}

/// `az ml online-endpoint show` prints `location` (which alone would read as a workspace) with `scoring_uri` or `auth_mode`.
fn is_endpoint_show(root: &Node) -> bool {
    let Some(entries) = root.as_map() else { return false };
    entries.iter().any(|(k, _)| k.as_scalar().is_some_and(|s| matches!(s.text.as_str(), "scoring_uri" | "openapi_uri" | "auth_mode")))
        && !entries.iter().any(|(k, _)| k.as_scalar().is_some_and(|s| matches!(s.text.as_str(), "managed_network" | "endpoint_name")))
}

fn map_get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    node.as_map()?.iter().find(|(k, _)| k.as_scalar().is_some_and(|s| s.text == key)).map(|(_, v)| v)
}

/// Names of the rules whose `category` says the service created them.
fn collect_service_rules(root: &Node, out: &mut Vec<String>) {
    let Some(rules) = map_get(root, "managed_network").and_then(|m| map_get(m, "outbound_rules")) else { return };
    let items: Vec<&Node> = match &rules.kind {
        syntax::NodeKind::Seq(items) => items.iter().collect(),
        _ => return,
    };
    for item in items {
        let category = map_get(item, "category").and_then(Node::as_scalar).map(|s| crate::model::normalize_enum(&s.text));
        if category.is_some_and(|c| SERVICE_CATEGORIES.contains(&c.as_str())) {
            if let Some(name) = map_get(item, "name").and_then(Node::as_scalar) {
                out.push(name.text.clone());
            }
        }
    }
}
