//! Reading a policy file: the syntax layer's node tree to a [`Policy`], with every problem of the file
//! itself (an unknown key, a wrong type, a value or pattern that cannot match anything, `allow` and
//! `deny` together) reported at its line as `policy-file-invalid`.
//!
//! What could not be read constrains more, never less: an allow list whose entries are all invalid
//! allows nothing, and every finding here is an error, so a check with a broken policy fails.

use super::{Allowed, FqdnPattern, Limit, ListKind, Patterns, Policy, PolicyReading};
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::lower::{closest, join_path, parse_python_int};
use crate::model::{AuthMode, FirewallSku, IsolationMode, NetworkAccess, WorkspaceKind};
use crate::rules::{codes, policy_codes};
use crate::syntax::pyyaml::{bool_value, PyType};
use crate::syntax::{Node, NodeKind};
use crate::SourceFile;

const TOP_KEYS: &[&str] = &["version", "name", "workspace", "outbound_rules", "online_endpoints", "online_deployments"];
const WORKSPACE_KEYS: &[&str] = &["severity", "kinds", "isolation_modes", "public_network_access", "firewall_skus", "regions"];
const OUTBOUND_KEYS: &[&str] = &["severity", "max", "service_tags", "fqdns", "private_endpoints"];
const PRIVATE_ENDPOINT_KEYS: &[&str] = &["resource_types", "subscriptions", "spark_enabled"];
const ENDPOINT_KEYS: &[&str] = &["severity", "public_network_access", "auth_modes"];
const DEPLOYMENT_KEYS: &[&str] = &["severity", "instance_types", "max_instance_count"];
const LIST_KEYS: &[&str] = &["allow", "deny"];

/// Reads a policy file. Never fails: problems are diagnostics in the file, and the policy holds what
/// could be read.
pub fn read(file: &SourceFile) -> PolicyReading {
    let mut policy = Policy { file: file.name.clone(), ..Policy::default() };
    let mut out = Vec::new();
    if let Some(offset) = file.invalid_utf8_at {
        out.push(
            codes::INPUT_NOT_UTF8
                .at("", format!("the policy file is not UTF-8 text (invalid byte at offset {offset})"))
                .with_help("save the policy file as UTF-8"),
        );
    } else {
        let stream = crate::syntax::parse(&file.text);
        out.extend(stream.diagnostics);
        if let Some(second) = stream.documents.get(1) {
            out.push(invalid("", "the policy file holds more than one YAML document", Some(second.range), "put the whole policy in one document"));
        }
        match stream.documents.first() {
            Some(root) => {
                let mut reader = Reader { out: Vec::new() };
                reader.policy(root, &mut policy);
                out.extend(reader.out);
            }
            None if !out.iter().any(Diagnostic::is_error) => {
                out.push(invalid(
                    "",
                    "the policy file is empty",
                    None,
                    "write `version: 1` and the sections to enforce (`amlnet explain policy-file-invalid`)",
                ));
            }
            None => {}
        }
    }
    for d in &mut out {
        d.file = Some(file.name.clone());
    }
    PolicyReading { policy, diagnostics: out }
}

fn invalid(path: &str, message: impl Into<String>, range: Option<TextRange>, help: &str) -> Diagnostic {
    policy_codes::POLICY_FILE_INVALID.at(path, message).with_range(range).with_help(help)
}

/// A mapping entry: key text, key range, value.
type Entry<'n> = (&'n str, TextRange, &'n Node);

struct Reader {
    out: Vec<Diagnostic>,
}

impl Reader {
    fn error(&mut self, path: &str, range: TextRange, message: impl Into<String>, help: &str) {
        self.out.push(invalid(path, message, Some(range), help));
    }

    fn wrong_type(&mut self, node: &Node, path: &str, expected: &str) {
        let help = match &node.kind {
            NodeKind::Scalar(s) if s.is_plain() && s.py_type != PyType::Str && expected.contains("string") => {
                "quote the value: YAML reads it as another type"
            }
            _ => "see `amlnet explain policy-file-invalid` for the keys and their types",
        };
        self.error(path, node.range, format!("{} must be {expected}, not {}", display(path), node.describe()), help);
    }

    /// The entries of a mapping with string keys from `known`; reports every other key and duplicates.
    fn fields<'n>(&mut self, node: &'n Node, path: &str, known: &[&str]) -> Vec<Entry<'n>> {
        let NodeKind::Map(raw) = &node.kind else {
            self.wrong_type(node, path, "a mapping");
            return Vec::new();
        };
        let mut entries: Vec<Entry<'n>> = Vec::new();
        for (key, value) in raw {
            let Some(scalar) = key.as_scalar().filter(|s| s.py_type == PyType::Str) else {
                self.error(
                    path,
                    key.range,
                    format!("a key of {} must be a string, not {}", display(path), key.describe()),
                    "use the key names the policy format defines",
                );
                continue;
            };
            let text = scalar.text.as_str();
            let key_path = join_path(path, text);
            if !known.contains(&text) {
                let help = match closest(text, known) {
                    Some(s) => format!("did you mean `{s}`? the keys here are {}", list(known)),
                    None => format!("the keys here are {}", list(known)),
                };
                self.error(&key_path, key.range, format!("unknown policy key `{text}`: amlnet would not enforce it"), &help);
                continue;
            }
            if entries.iter().any(|(k, _, _)| *k == text) {
                self.error(&key_path, key.range, format!("`{text}` appears twice"), "keep one of the two entries");
                continue;
            }
            entries.push((text, key.range, value));
        }
        entries
    }

    fn string<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n str> {
        match &node.kind {
            NodeKind::Scalar(s) if s.py_type == PyType::Str => Some(s.text.as_str()),
            _ => {
                self.wrong_type(node, path, "a string");
                None
            }
        }
    }

    fn int(&mut self, node: &Node, path: &str, least: i64) -> Option<i64> {
        let value = match &node.kind {
            NodeKind::Scalar(s) if s.py_type == PyType::Int => parse_python_int(&s.text),
            _ => None,
        };
        match value {
            None => {
                self.wrong_type(node, path, "a whole number");
                None
            }
            Some(v) if v < least => {
                self.error(
                    path,
                    node.range,
                    format!("{} must be at least {least}, not {v}", display(path)),
                    "write the largest number the policy allows",
                );
                None
            }
            v => v,
        }
    }

    fn boolean(&mut self, node: &Node, path: &str) -> Option<bool> {
        match &node.kind {
            NodeKind::Scalar(s) if s.py_type == PyType::Bool => bool_value(&s.text),
            _ => {
                self.wrong_type(node, path, "true or false");
                None
            }
        }
    }

    fn severity(&mut self, node: &Node, path: &str) -> Severity {
        match self.string(node, path) {
            Some(text) if text.eq_ignore_ascii_case("warning") => Severity::Warning,
            Some(text) if text.eq_ignore_ascii_case("error") => Severity::Error,
            Some(text) => {
                self.error(
                    path,
                    node.range,
                    format!("`severity` must be `error` or `warning`, not `{text}`"),
                    "write `severity: warning` to report this section's violations as warnings",
                );
                Severity::Error
            }
            None => Severity::Error,
        }
    }

    /// The strings of a non-empty list, with their paths and ranges (not generic: the wasm builds keep
    /// one copy of it).
    fn texts<'n>(&mut self, node: &'n Node, path: &str) -> Option<Vec<(&'n str, String, TextRange)>> {
        let NodeKind::Seq(items) = &node.kind else {
            self.wrong_type(node, path, "a list");
            return None;
        };
        if items.is_empty() {
            self.error(
                path,
                node.range,
                format!("{} is empty: it would match nothing", display(path)),
                "list the values to match, or remove the key",
            );
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            if let Some(text) = self.string(item, &item_path) {
                out.push((text, item_path, item.range));
            }
        }
        Some(out)
    }

    fn never_matches(&mut self, path: &str, range: TextRange, text: &str, why: &str) {
        self.error(path, range, format!("`{text}` can never match: {why}"), "correct the value or remove it from the list");
    }

    /// A non-empty list of strings, each read by `parse` (which says why a value cannot match anything).
    fn values<T>(&mut self, node: &Node, path: &str, parse: fn(&str) -> Result<T, String>) -> Option<Vec<(T, TextRange)>> {
        let mut out = Vec::new();
        for (text, item_path, range) in self.texts(node, path)? {
            match parse(text) {
                Ok(value) => out.push((value, range)),
                Err(why) => self.never_matches(&item_path, range, text, &why),
            }
        }
        Some(out)
    }

    fn allowed<T>(&mut self, entry: &Entry<'_>, path: &str, parse: fn(&str) -> Result<T, String>) -> Option<Allowed<T>> {
        let (_, at, node) = *entry;
        let values = self.values(node, path, parse)?;
        Some(Allowed { values: values.into_iter().map(|(v, _)| v).collect(), at })
    }

    /// `{allow: [...]}` or `{deny: [...]}`.
    fn patterns<T>(&mut self, node: &Node, path: &str, parse: fn(&str) -> Result<T, String>) -> Option<Patterns<T>> {
        let entries = self.fields(node, path, LIST_KEYS);
        if let [_, (_, second, _)] = entries.as_slice() {
            self.error(
                &join_path(path, entries[1].0),
                *second,
                "give `allow` or `deny`, not both: a rule both could judge differently",
                "keep `allow` (only these) or `deny` (all but these)",
            );
        }
        if entries.is_empty() && node.as_map().is_some() {
            self.error(path, node.range, format!("{} needs `allow` or `deny`", display(path)), "write `allow: [...]` or `deny: [...]`");
        }
        let (key, at, value) = *entries.first()?;
        let kind = if key == "allow" { ListKind::Allow } else { ListKind::Deny };
        let entries = self.values(value, &join_path(path, key), parse)?;
        Some(Patterns { kind, entries, at })
    }

    fn policy(&mut self, root: &Node, policy: &mut Policy) {
        let entries = self.fields(root, "", TOP_KEYS);
        if root.as_map().is_some() && !entries.iter().any(|(k, _, _)| *k == "version") {
            self.error("version", root.range, "the policy has no `version`", "add `version: 1` as the first line");
        }
        for entry in &entries {
            let (key, _, node) = *entry;
            match key {
                "version" => {
                    if let Some(v) = self.int(node, key, 0).filter(|v| *v != 1) {
                        self.error(key, node.range, format!("policy version {v} is not known; amlnet reads version 1"), "write `version: 1`");
                    }
                }
                "name" => policy.name = self.string(node, key).map(str::to_owned),
                "workspace" => self.workspace(node, policy),
                "outbound_rules" => self.outbound(node, policy),
                "online_endpoints" => {
                    for entry in self.fields(node, key, ENDPOINT_KEYS) {
                        let path = join_path(key, entry.0);
                        let section = &mut policy.online_endpoints;
                        match entry.0 {
                            "severity" => section.severity = self.severity(entry.2, &path),
                            "public_network_access" => section.public_network_access = self.allowed(&entry, &path, network_access),
                            _ => section.auth_modes = self.allowed(&entry, &path, auth_mode),
                        }
                    }
                }
                _ => {
                    for entry in self.fields(node, key, DEPLOYMENT_KEYS) {
                        let path = join_path(key, entry.0);
                        let section = &mut policy.online_deployments;
                        match entry.0 {
                            "severity" => section.severity = self.severity(entry.2, &path),
                            "instance_types" => section.instance_types = self.allowed(&entry, &path, instance_type),
                            _ => section.max_instance_count = self.int(entry.2, &path, 1).map(|max| Limit { max, at: entry.1 }),
                        }
                    }
                }
            }
        }
    }

    fn workspace(&mut self, node: &Node, policy: &mut Policy) {
        for entry in self.fields(node, "workspace", WORKSPACE_KEYS) {
            let path = join_path("workspace", entry.0);
            let section = &mut policy.workspace;
            match entry.0 {
                "severity" => section.severity = self.severity(entry.2, &path),
                "kinds" => section.kinds = self.allowed(&entry, &path, workspace_kind),
                "isolation_modes" => {
                    section.isolation_modes = self.allowed(&entry, &path, isolation_mode);
                }
                "public_network_access" => section.public_network_access = self.allowed(&entry, &path, network_access),
                "firewall_skus" => section.firewall_skus = self.allowed(&entry, &path, firewall_sku),
                _ => section.regions = self.allowed(&entry, &path, region),
            }
        }
    }

    fn outbound(&mut self, node: &Node, policy: &mut Policy) {
        for entry in self.fields(node, "outbound_rules", OUTBOUND_KEYS) {
            let path = join_path("outbound_rules", entry.0);
            let section = &mut policy.outbound_rules;
            match entry.0 {
                "severity" => section.severity = self.severity(entry.2, &path),
                "max" => section.max = self.int(entry.2, &path, 0).map(|max| Limit { max, at: entry.1 }),
                "service_tags" => section.service_tags = self.patterns(entry.2, &path, service_tag),
                "fqdns" => section.fqdns = self.patterns(entry.2, &path, fqdn_pattern),
                _ => {
                    for inner in self.fields(entry.2, &path, PRIVATE_ENDPOINT_KEYS) {
                        let inner_path = join_path(&path, inner.0);
                        let pe = &mut policy.outbound_rules.private_endpoints;
                        match inner.0 {
                            "resource_types" => pe.resource_types = self.allowed(&inner, &inner_path, resource_type),
                            "subscriptions" => pe.subscriptions = self.allowed(&inner, &inner_path, subscription),
                            _ => pe.spark_enabled = self.boolean(inner.2, &inner_path).map(|b| (b, inner.1)),
                        }
                    }
                }
            }
        }
    }
}

/// `workspace.kinds` → "`workspace.kinds`"; the root → "the policy".
fn display(path: &str) -> String {
    if path.is_empty() {
        "the policy".to_owned()
    } else {
        format!("`{path}`")
    }
}

fn list(values: &[&str]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}

/// An enum value under the SDK's casing rule of that enum.
fn enum_value<T>(text: &str, parse: fn(&str) -> Option<T>, names: &[&str]) -> Result<T, String> {
    parse(text).ok_or_else(|| format!("the values are {}", list(names)))
}

fn network_access(text: &str) -> Result<NetworkAccess, String> {
    enum_value(text, NetworkAccess::parse, &["enabled", "disabled"])
}

fn auth_mode(text: &str) -> Result<AuthMode, String> {
    enum_value(text, AuthMode::parse, &["key", "aml_token", "aad_token"])
}

fn isolation_mode(text: &str) -> Result<IsolationMode, String> {
    enum_value(text, IsolationMode::parse, &["disabled", "allow_internet_outbound", "allow_only_approved_outbound"])
}

fn firewall_sku(text: &str) -> Result<FirewallSku, String> {
    enum_value(text, FirewallSku::parse, &["standard", "basic"])
}

fn workspace_kind(text: &str) -> Result<WorkspaceKind, String> {
    // `workspace` is the plain kind the SDK calls `default`.
    if text.trim().eq_ignore_ascii_case("workspace") {
        return Ok(WorkspaceKind::Default);
    }
    enum_value(text, WorkspaceKind::parse, &["workspace", "hub", "project"])
}

fn region(text: &str) -> Result<String, String> {
    let name: String = text.chars().filter(|c| *c != ' ').map(|c| c.to_ascii_lowercase()).collect();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("Azure region names hold only letters and digits (`westeurope`)".to_owned());
    }
    Ok(name)
}

fn service_tag(text: &str) -> Result<String, String> {
    let tag = text.trim();
    let ok =
        !tag.is_empty() && tag.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    if ok {
        Ok(tag.to_owned())
    } else {
        Err("a service tag is a name with an optional region (`Storage.WestEurope`)".to_owned())
    }
}

fn fqdn_pattern(text: &str) -> Result<FqdnPattern, String> {
    if let Some(why) = crate::rules::host_name_problem(text.trim().trim_end_matches('.')) {
        return Err(format!("it is not a host name or `*.` and a domain ({why})"));
    }
    FqdnPattern::parse(text).ok_or_else(|| "it is not a host name or `*.` and a domain".to_owned())
}

fn resource_type(text: &str) -> Result<String, String> {
    let text = text.trim();
    let ok = matches!(text.split_once('/'), Some((namespace, kind))
        if namespace.contains('.') && !kind.is_empty()
            && namespace.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
            && kind.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok {
        Ok(text.to_owned())
    } else {
        Err("a resource type is a provider namespace and a type (`Microsoft.Storage/storageAccounts`)".to_owned())
    }
}

fn subscription(text: &str) -> Result<String, String> {
    let text = text.trim();
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    if lengths == [8, 4, 4, 4, 12] && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_hexdigit())) {
        Ok(text.to_ascii_lowercase())
    } else {
        Err("a subscription id is a GUID (`00000000-1111-2222-3333-444444444444`)".to_owned())
    }
}

fn instance_type(text: &str) -> Result<String, String> {
    let text = text.trim();
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        Ok(text.to_owned())
    } else {
        Err("a VM size holds letters, digits, `_` and `-` (`Standard_DS3_v2`)".to_owned())
    }
}
