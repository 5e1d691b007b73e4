//! Lowering of a workspace document (`az ml workspace create|update --file`) and its managed network.

use super::{to_value, Fields, Lowerer, UnknownKeys};
use crate::model::{
    Destination, FirewallSku, FqdnDestination, IsolationMode, ManagedNetwork, NetworkAccess, OutboundRule, PrivateEndpointDestination, RuleType,
    ServiceTagDestination, Workspace, WorkspaceKind,
};
use crate::rules::codes;
use crate::schema::{self, sdk, Ty, Unknown as SchemaUnknown};
use crate::syntax::{Node, NodeKind};

/// Keys amlnet models itself (the others the SDK's schema accepts are checked by `schema` and carried).
const MODELLED: &[&str] = &[
    "kind",
    "hub_id",
    "name",
    "location",
    "description",
    "display_name",
    "tags",
    "image_build_compute",
    "public_network_access",
    "managed_network",
    "provision_network_now",
    // Not in azure-ai-ml's schema; read here for its own rule (`v1-legacy-mode-enabled`) and message.
    "v1_legacy_mode",
];

/// The schema azure-ai-ml's `Workspace._load` chooses for `kind`, and the kind (None: it refuses the kind).
fn schema_for(lw: &mut Lowerer, kind: Option<&Node>) -> (WorkspaceKind, usize) {
    let Some(node) = kind else { return (WorkspaceKind::Default, sdk::WORKSPACE) };
    let parsed = match &node.kind {
        NodeKind::Scalar(s) if s.py_type == crate::syntax::pyyaml::PyType::Str => WorkspaceKind::parse(&s.text),
        _ => None,
    };
    match parsed {
        Some(WorkspaceKind::Hub) => (WorkspaceKind::Hub, sdk::HUB),
        Some(WorkspaceKind::Project) => (WorkspaceKind::Project, sdk::PROJECT),
        Some(WorkspaceKind::Default) => {
            // `kind: default` chooses the plain workspace schema, which has no `kind` field.
            let range = lw.map.key_range("kind");
            lw.report(
                codes::UNKNOWN_KEY
                    .at("kind", "`kind: default` selects the plain workspace schema, which has no `kind` key; azure-ai-ml rejects the document (\"Unknown field\")")
                    .with_range(range)
                    .with_help("remove `kind` for a plain workspace, or write `kind: hub` or `kind: project`")
                    .with_fix("Remove `kind`", None),
            );
            (WorkspaceKind::Default, sdk::WORKSPACE)
        }
        None => {
            lw.report(
                codes::VALUE_NOT_ALLOWED
                    .at(
                        "kind",
                        format!(
                            "`{}` is not a workspace kind; azure-ai-ml fails with \"Unsupported workspace type\"",
                            node.as_scalar().map_or("", |s| s.text.as_str())
                        ),
                    )
                    .with_range(Some(node.range))
                    .with_help("use `hub` or `project`, or remove `kind` for a plain workspace"),
            );
            (WorkspaceKind::Default, sdk::WORKSPACE)
        }
    }
}

pub(crate) fn lower_workspace(lw: &mut Lowerer, root: &Node) -> Option<Workspace> {
    let fields = lw.fields(root, "")?;
    let (kind, index) = schema_for(lw, fields.get("kind"));
    let sdk_schema = schema::schema(index);
    lw.read_schema(root, "", sdk_schema, sdk_schema.unknown, kind.noun(), MODELLED);

    let mut ws = Workspace { kind, ..Workspace::default() };
    match fields.get("name") {
        Some(node) => ws.name = lw.required_string(node, "name"),
        None => lw.missing("", "name", " (an update may take it from `--name`; amlnet needs it to export)"),
    }
    if kind == WorkspaceKind::Project {
        match fields.get("hub_id") {
            Some(node) => ws.hub_id = Some(lw.required_string(node, "hub_id")),
            None => lw.missing("", "hub_id", "; a project names its hub's ARM id (azure-ai-ml rejects the document without it)"),
        }
    } else if fields.get("hub_id").is_some() {
        let range = lw.map.key_range("hub_id");
        lw.report(
            codes::UNKNOWN_KEY
                .at("hub_id", format!("`hub_id` is not a key of {}; azure-ai-ml rejects the document (\"Unknown field\")", kind.noun()))
                .with_range(range)
                .with_help("add `kind: project` to make this a project of that hub, or remove `hub_id`")
                .with_fix("Remove `hub_id`", None),
        );
    }
    ws.location = opt_string(lw, &fields, "location");
    ws.display_name = opt_string(lw, &fields, "display_name");
    ws.description = opt_string(lw, &fields, "description");
    ws.image_build_compute = opt_string(lw, &fields, "image_build_compute");
    if let Some(node) = fields.get("tags") {
        ws.tags = lw.string_map(node, "tags");
    }
    if let Some(node) = fields.get("public_network_access") {
        ws.public_network_access =
            lw.sdk_enumeration(node, "public_network_access", sdk_schema, &NetworkAccess::ALL.map(NetworkAccess::lower), NetworkAccess::parse);
    }
    if let Some(node) = fields.get("provision_network_now") {
        ws.provision_network_now = lw.boolean(node, "provision_network_now");
    }
    if let Some(node) = fields.get("v1_legacy_mode") {
        ws.v1_legacy_mode = lw.boolean(node, "v1_legacy_mode");
        if ws.v1_legacy_mode == Some(false) {
            // `true` is reported by the `v1-legacy-mode-enabled` rule; `false` is harmless but still a key
            // the az ml YAML schema does not know.
            let range = lw.map.key_range("v1_legacy_mode");
            lw.report(
                codes::UNKNOWN_KEY
                    .at(
                        "v1_legacy_mode",
                        "`v1_legacy_mode` is not a key of the az ml workspace YAML; azure-ai-ml rejects the document (\"Unknown field\")",
                    )
                    .with_range(range)
                    .with_help("remove it; `false` is already what managed online endpoints need, and amlnet does not export it")
                    .with_fix("Remove `v1_legacy_mode`", None),
            );
        }
    }
    if let Some(node) = fields.get("managed_network") {
        ws.managed_network = lower_managed_network(lw, node, sdk_schema);
    }
    // Everything else the SDK reads, in its schema order (checked above by `read_schema`).
    for key in sdk_schema.loadable_keys() {
        if !MODELLED.contains(&key) {
            if let Some(node) = fields.get(key) {
                ws.extra.push((key.to_owned(), to_value(node)));
            }
        }
    }
    Some(ws)
}

/// The keys an SDK schema level loads and the read-only keys it drops, for `check_keys`.
fn key_lists(index: usize) -> (Vec<&'static str>, Vec<&'static str>) {
    let s = schema::schema(index);
    (s.loadable_keys(), s.fields.iter().filter(|f| f.dump_only).map(|f| f.key).collect())
}

/// The nested schema and unknown-key policy of a field whose type is a mapping (or a list/union of them).
pub(crate) fn nested(ty: &'static Ty) -> Vec<(usize, SchemaUnknown)> {
    match ty {
        Ty::Nested { schema, unknown } => vec![(*schema, *unknown)],
        Ty::List(inner) => nested(inner),
        Ty::Union(alts) => alts.iter().flat_map(nested).collect(),
        _ => Vec::new(),
    }
}

fn policy(unknown: SchemaUnknown) -> UnknownKeys {
    match unknown {
        SchemaUnknown::Raise => UnknownKeys::Reject,
        SchemaUnknown::Exclude | SchemaUnknown::Include => UnknownKeys::Dropped,
    }
}

fn opt_string(lw: &mut Lowerer, fields: &Fields<'_>, key: &str) -> Option<String> {
    let node = fields.get(key)?;
    lw.string(node, &fields.path(key))
}

fn lower_managed_network(lw: &mut Lowerer, node: &Node, ws_schema: &'static schema::Schema) -> Option<ManagedNetwork> {
    let path = "managed_network";
    let fields = lw.fields(node, path)?;
    let mn_field = ws_schema.field("managed_network")?;
    let (mn_index, mn_unknown) = *nested(mn_field.ty).first()?;
    let (known, read_only) = key_lists(mn_index);
    lw.check_keys(&fields, &known, &read_only, policy(mn_unknown), "managed_network");
    let mn_schema = schema::schema(mn_index);
    let mut mn = ManagedNetwork::default();
    match fields.get("isolation_mode") {
        Some(node) => {
            mn.isolation_mode = lw.sdk_enumeration(
                node,
                "managed_network.isolation_mode",
                mn_schema,
                &IsolationMode::ALL.map(IsolationMode::yaml),
                IsolationMode::parse,
            )
        }
        None => {
            let range = lw.map.key_range(path);
            lw.report(
                codes::ISOLATION_MODE_MISSING
                    .at("managed_network.isolation_mode", "`managed_network` has no `isolation_mode`; azure-ai-ml 1.35 fails with a bare KeyError")
                    .with_range(range)
                    .with_help("add `isolation_mode: allow_internet_outbound` or `isolation_mode: allow_only_approved_outbound`"),
            );
        }
    }
    if let Some(node) = fields.get("firewall_sku") {
        mn.firewall_sku =
            lw.sdk_enumeration(node, "managed_network.firewall_sku", mn_schema, &FirewallSku::ALL.map(FirewallSku::yaml), FirewallSku::parse);
    }
    if let Some(node) = fields.get("outbound_rules") {
        mn.outbound_rules = lower_rule_list(lw, node, "managed_network.outbound_rules");
    }
    Some(mn)
}

/// Lowers an `outbound_rules` list (also used for the current rules of an update).
pub(crate) fn lower_rule_list(lw: &mut Lowerer, node: &Node, path: &str) -> Vec<OutboundRule> {
    let items = match &node.kind {
        NodeKind::Seq(items) => items,
        NodeKind::Map(_) => {
            lw.report(
                codes::OUTBOUND_RULES_NOT_A_LIST
                    .at(path, "`outbound_rules` is a mapping keyed by rule name; azure-ai-ml 1.35 needs a list (\"Not a valid list.\")")
                    .with_range(Some(node.range))
                    .with_help("write each rule as a list item with its own `name:`, e.g. `- name: pypi`"),
            );
            return Vec::new();
        }
        NodeKind::Scalar(s) if s.py_type == crate::syntax::pyyaml::PyType::Null => return Vec::new(),
        NodeKind::Scalar(_) => {
            lw.wrong_type(node, path, "a list of rules");
            return Vec::new();
        }
    };
    lw.map.record(path.to_owned(), None, node.range);
    let mut rules = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let item_path = format!("{path}[{i}]");
        if let Some(rule) = lower_rule(lw, item, &item_path) {
            rules.push(rule);
        }
    }
    rules
}

fn pe_keys() -> Vec<&'static str> {
    schema::schema(sdk::named::PRIVATE_ENDPOINT_DESTINATION_SCHEMA).loadable_keys()
}

fn st_keys() -> Vec<&'static str> {
    schema::schema(sdk::named::SERVICE_TAG_DESTINATION_SCHEMA).loadable_keys()
}

/// Lowers one rule. Like the SDK, the destination's shape decides the rule class; `type` is checked
/// against it (the SDK does not look at `type` at all).
fn lower_rule(lw: &mut Lowerer, node: &Node, path: &str) -> Option<OutboundRule> {
    let fields = lw.fields(node, path)?;
    // The three rule schemas the SDK's union tries (all read with EXCLUDE): their keys together.
    let mut known: Vec<&str> = Vec::new();
    let mut read_only: Vec<&str> = Vec::new();
    for index in
        [sdk::named::PRIVATE_ENDPOINT_OUTBOUND_RULE_SCHEMA, sdk::named::SERVICE_TAG_OUTBOUND_RULE_SCHEMA, sdk::named::FQDN_OUTBOUND_RULE_SCHEMA]
    {
        let (k, r) = key_lists(index);
        known.extend(k.into_iter().filter(|k| !known.contains(k)).collect::<Vec<_>>());
        read_only.extend(r.into_iter().filter(|k| !read_only.contains(k)).collect::<Vec<_>>());
    }
    lw.check_keys(&fields, &known, &read_only, UnknownKeys::Dropped, "an outbound rule");
    let name = match fields.get("name") {
        Some(n) => lw.required_string(n, &fields.path("name")),
        None => {
            lw.missing(path, "name", "; every rule needs a name unique in the workspace");
            String::new()
        }
    };
    // azure-ai-ml reads `type` as a marshmallow Constant: whatever is written, it loads the file and takes the
    // class from the destination's shape. So every finding about `type` is a warning.
    let before = lw.diagnostics.len();
    let declared = match fields.get("type") {
        Some(n) => lw.enumeration(n, &fields.path("type"), &RuleType::ALL.map(RuleType::yaml), RuleType::parse, codes::RULE_TYPE_INVALID),
        None => {
            let range = lw.map.range(path);
            lw.report(
                codes::RULE_TYPE_INVALID
                    .at(&fields.path("type"), "the rule has no `type`; azure-ai-ml takes it from the destination's shape")
                    .with_range(range)
                    .with_help("add `type: private_endpoint`, `type: service_tag` or `type: fqdn`, so the file says what it creates"),
            );
            None
        }
    };
    // ... except null: the Constant field does not allow it ("Field may not be null.").
    let null = fields.get("type").and_then(Node::as_scalar).is_some_and(|s| s.py_type == crate::syntax::pyyaml::PyType::Null);
    for d in &mut lw.diagnostics[before..] {
        if !null {
            d.severity = d.severity.max(crate::diagnostic::Severity::Warning);
        }
    }
    let Some(dest_node) = fields.get("destination") else {
        lw.missing(path, "destination", "; it says where the rule allows traffic to");
        return None;
    };
    let dest_path = fields.path("destination");
    let shape = match &dest_node.kind {
        NodeKind::Scalar(_) => Some(RuleType::Fqdn),
        NodeKind::Map(entries) => {
            let has = |keys: &[&str]| entries.iter().any(|(k, _)| k.as_scalar().is_some_and(|s| keys.contains(&s.text.as_str())));
            if has(&pe_keys()) {
                Some(RuleType::PrivateEndpoint)
            } else if has(&st_keys()) {
                Some(RuleType::ServiceTag)
            } else {
                declared.filter(|t| *t != RuleType::Fqdn)
            }
        }
        NodeKind::Seq(_) => None,
    };
    let Some(shape) = shape else {
        lw.wrong_type(dest_node, &dest_path, "a string (fqdn) or a mapping (private_endpoint, service_tag)");
        return None;
    };
    if let Some(declared) = declared {
        if declared != shape {
            let range = lw.map.range(&fields.path("type"));
            lw.report(
                codes::RULE_TYPE_MISMATCH
                    .at(
                        &fields.path("type"),
                        format!(
                            "`type: {}` does not match the destination, which is shaped like a {} rule; azure-ai-ml picks the class from the shape and creates a {} rule",
                            declared.yaml(),
                            shape.yaml(),
                            shape.yaml()
                        ),
                    )
                    .with_range(range)
                    .with_help(format!("set `type: {}`, or give the destination the fields of a {} rule", shape.yaml(), declared.yaml()))
                    .with_fix(format!("Set `type: {}`", shape.yaml()), Some(shape.yaml().to_owned())),
            );
        }
    }
    let destination = match shape {
        RuleType::Fqdn => {
            let destination = lw.required_string(dest_node, &dest_path);
            Destination::Fqdn(FqdnDestination { destination })
        }
        RuleType::PrivateEndpoint => Destination::PrivateEndpoint(lower_pe(lw, dest_node, &dest_path)?),
        RuleType::ServiceTag => Destination::ServiceTag(lower_service_tag(lw, dest_node, &dest_path)?),
    };
    let mut destination = destination;
    if let Some(fqdns_node) = fields.get("fqdns") {
        let fqdns_path = fields.path("fqdns");
        match &mut destination {
            Destination::PrivateEndpoint(pe) => pe.fqdns = lw.string_list(fqdns_node, &fqdns_path).unwrap_or_default(),
            _ => {
                let range = lw.map.key_range(&fqdns_path);
                lw.report(
                    codes::FQDNS_ONLY_FOR_APPLICATION_GATEWAY
                        .at(&fqdns_path, "`fqdns` belongs to private endpoint rules to an Application Gateway; azure-ai-ml drops it here")
                        .with_range(range)
                        .with_help("remove `fqdns`; on this rule type it has no effect")
                        .with_fix("Remove `fqdns`", None),
                );
            }
        }
    }
    Some(OutboundRule { name, destination })
}

fn lower_pe(lw: &mut Lowerer, node: &Node, path: &str) -> Option<PrivateEndpointDestination> {
    let fields = lw.fields(node, path)?;
    lw.check_keys(&fields, &pe_keys(), &[], UnknownKeys::Reject, "a private endpoint destination");
    let mut pe = PrivateEndpointDestination::default();
    for key in ["service_resource_id", "subresource_target"] {
        match fields.get(key) {
            Some(n) => {
                let value = lw.required_string(n, &fields.path(key));
                if key == "service_resource_id" {
                    pe.service_resource_id = value;
                } else {
                    pe.subresource_target = value;
                }
            }
            None => lw.missing(path, key, " in a private endpoint destination"),
        }
    }
    match fields.get("spark_enabled") {
        Some(n) => pe.spark_enabled = lw.boolean(n, &fields.path("spark_enabled")).unwrap_or(false),
        None => {
            let range = lw.map.range(path);
            lw.report(
                codes::MISSING_REQUIRED_KEY
                    .at(&fields.path("spark_enabled"), "`spark_enabled` is required in YAML; azure-ai-ml 1.35 rejects the rule without it")
                    .with_range(range.map(super::first_char))
                    .with_help("add `spark_enabled: false` (or `true` to reach this resource from serverless Spark)")
                    .with_fix("Add `spark_enabled: false`", Some("false".to_owned())),
            );
        }
    }
    Some(pe)
}

fn lower_service_tag(lw: &mut Lowerer, node: &Node, path: &str) -> Option<ServiceTagDestination> {
    let fields = lw.fields(node, path)?;
    lw.check_keys(&fields, &st_keys(), &[], UnknownKeys::Reject, "a service tag destination");
    let mut st = ServiceTagDestination::default();
    for key in ["service_tag", "protocol", "port_ranges"] {
        let value = match fields.get(key) {
            Some(n) => lw.required_string(n, &fields.path(key)),
            None => {
                lw.missing(path, key, " in a service tag destination");
                String::new()
            }
        };
        match key {
            "service_tag" => st.service_tag = value,
            "protocol" => st.protocol = value,
            _ => st.port_ranges = value,
        }
    }
    if let Some(n) = fields.get("address_prefixes") {
        st.address_prefixes = lw.string_list(n, &fields.path("address_prefixes"));
    }
    Some(st)
}
