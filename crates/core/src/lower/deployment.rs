//! Lowering of a managed online deployment document (`az ml online-deployment create --file`).

use super::{to_value, Lowerer};
use crate::model::{CodeConfiguration, NetworkAccess, OnlineDeployment};
use crate::rules::codes;
use crate::schema::{self, sdk};
use crate::syntax::pyyaml::PyType;
use crate::syntax::{Node, NodeKind};

/// Keys amlnet models itself; the others the SDK's schema accepts are checked by `schema` and carried.
const MODELLED: &[&str] = &[
    "name",
    "endpoint_name",
    "model",
    "code_configuration",
    "environment",
    "app_insights_enabled",
    "instance_count",
    "instance_type",
    "egress_public_network_access",
];

pub(crate) fn lower_deployment(lw: &mut Lowerer, root: &Node) -> Option<OnlineDeployment> {
    let fields = lw.fields(root, "")?;
    // `OnlineDeployment._load`: exactly `type: kubernetes` chooses the Kubernetes schema.
    let kubernetes = fields.get("type").and_then(Node::as_scalar).is_some_and(|s| s.py_type == PyType::Str && s.text == "kubernetes");
    let index = if kubernetes { sdk::KUBERNETES_DEPLOYMENT } else { sdk::MANAGED_DEPLOYMENT };
    let sdk_schema = schema::schema(index);
    let what = if kubernetes { "a Kubernetes online deployment" } else { "a managed online deployment" };
    // A modelled key the chosen schema lacks (`egress_public_network_access` on Kubernetes) is the schema
    // reader's: an unknown key.
    let modelled = super::modelled_in(sdk_schema, MODELLED);
    lw.read_schema(root, "", sdk_schema, sdk_schema.unknown, what, &modelled);
    let mut dep = OnlineDeployment { kubernetes, ..OnlineDeployment::default() };
    match fields.get("name") {
        Some(n) => dep.name = lw.required_string(n, "name"),
        None => lw.missing("", "name", "; `--name` can override it, but amlnet needs it to export"),
    }
    match fields.get("endpoint_name") {
        Some(n) => dep.endpoint_name = lw.required_string(n, "endpoint_name"),
        None => lw.missing("", "endpoint_name", "; the deployment must name its endpoint"),
    }
    for key in ["model", "environment"] {
        if let Some(n) = fields.get(key) {
            if let Some(f) = sdk_schema.field(key) {
                lw.read_value(n, key, f.ty);
            }
            let value = match &n.kind {
                NodeKind::Scalar(s) if s.py_type == PyType::Str => Some(crate::model::Value::Str(s.text.clone())),
                NodeKind::Map(_) => Some(to_value(n)),
                _ => None,
            };
            if key == "model" {
                dep.model = value;
            } else {
                dep.environment = value;
            }
        }
    }
    if let Some(n) = fields.get("code_configuration") {
        if let Some(f) = sdk_schema.field("code_configuration") {
            lw.read_value(n, "code_configuration", f.ty);
        }
        if let Some(cc) = lw.fields(n, "code_configuration") {
            let text = |key: &str| cc.get(key).and_then(|c| c.as_scalar()).map(|s| s.text.clone()).unwrap_or_default();
            let code = CodeConfiguration { code: text("code"), scoring_script: text("scoring_script") };
            // `CodeConfiguration._validate`: a code folder needs a scoring script.
            if !code.code.is_empty() && code.scoring_script.is_empty() {
                match cc.get("scoring_script") {
                    None => lw.missing(
                        "code_configuration",
                        "scoring_script",
                        "; azure-ai-ml rejects a code folder without it (\"scoring script can't be empty\")",
                    ),
                    Some(node) => lw.report(
                        codes::VALUE_REJECTED
                            .at(
                                "code_configuration.scoring_script",
                                "the scoring script is empty; azure-ai-ml rejects it (\"scoring script can't be empty\")",
                            )
                            .with_range(Some(node.range))
                            .with_help("name the script in the code folder, e.g. `score.py`"),
                    ),
                }
            }
            dep.code_configuration = Some(code);
        }
    }
    match fields.get("instance_type") {
        Some(n) => dep.instance_type = lw.string(n, "instance_type"),
        None if !kubernetes => {
            lw.missing("", "instance_type", "; a managed deployment names its VM size (azure-ai-ml rejects the document without it)")
        }
        None => {}
    }
    if let Some(n) = fields.get("instance_count") {
        dep.instance_count = lw.integer(n, "instance_count");
    }
    if let Some(n) = fields.get("app_insights_enabled") {
        dep.app_insights_enabled = lw.boolean(n, "app_insights_enabled");
    }
    if let Some(n) = fields.get("egress_public_network_access").filter(|_| modelled.contains(&"egress_public_network_access")) {
        dep.egress_public_network_access =
            lw.sdk_enumeration(n, "egress_public_network_access", sdk_schema, &NetworkAccess::ALL.map(NetworkAccess::lower), NetworkAccess::parse);
    }
    // `ManagedOnlineDeployment._validate_scale_settings`: only the default scale settings.
    if let Some(n) = fields.get("scale_settings").filter(|_| !kubernetes) {
        let scale_type =
            n.as_map().and_then(|m| m.iter().find(|(k, _)| k.as_scalar().is_some_and(|s| s.text == "type"))).and_then(|(_, v)| v.as_scalar());
        let casing = crate::schema::Casing::CamelToSnake;
        if let Some(t) = scale_type.filter(|t| t.py_type == PyType::Str && casing.apply(&t.text) == "target_utilization") {
            lw.report(
                codes::VALUE_REJECTED
                    .at("scale_settings.type", format!("`{}`: a managed online deployment supports only the default scale settings; azure-ai-ml rejects it (\"ManagedOnlineEndpoint supports DefaultScaleSettings only.\")", t.text))
                    .with_range(lw.map.range("scale_settings.type"))
                    .with_help("write `type: default`, and scale a managed deployment with `instance_count` or Azure Monitor autoscale"),
            );
        }
    }
    for key in sdk_schema.loadable_keys() {
        if !MODELLED.contains(&key) {
            if let Some(n) = fields.get(key) {
                dep.extra.push((key.to_owned(), to_value(n)));
            }
        }
    }
    Some(dep)
}
