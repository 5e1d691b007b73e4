//! Lowering of a managed online deployment document (`az ml online-deployment create --file`).

use super::{to_value, Lowerer, UnknownKeys};
use crate::model::{CodeConfiguration, NetworkAccess, OnlineDeployment};
use crate::rules::codes;
use crate::syntax::{Node, NodeKind};

const MODELLED: &[&str] = &[
    "$schema",
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
/// Keys the SDK accepts that amlnet carries through, in the SDK's schema order.
pub(crate) const CARRIED: &[&str] = &[
    "description",
    "tags",
    "properties",
    "environment_variables",
    "scale_settings",
    "request_settings",
    "liveness_probe",
    "readiness_probe",
    "type",
    "model_mount_path",
    "data_collector",
    "private_network_connection",
];
const READ_ONLY: &[&str] = &["id", "provisioning_state", "creation_context"];

pub(crate) fn lower_deployment(lw: &mut Lowerer, root: &Node) -> Option<OnlineDeployment> {
    let fields = lw.fields(root, "")?;
    let known: Vec<&str> = MODELLED.iter().chain(CARRIED).copied().collect();
    lw.check_keys(&fields, &known, READ_ONLY, UnknownKeys::Reject, "a managed online deployment");
    let mut dep = OnlineDeployment::default();
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
            let value = match &n.kind {
                NodeKind::Scalar(_) => lw.string(n, key).map(crate::model::Value::Str),
                NodeKind::Map(_) => lw.fields(n, key).map(|_| to_value(n)),
                NodeKind::Seq(_) => {
                    lw.wrong_type(n, key, "a reference (`azureml:name:version`) or a mapping");
                    None
                }
            };
            if key == "model" {
                dep.model = value;
            } else {
                dep.environment = value;
            }
        }
    }
    if let Some(n) = fields.get("code_configuration") {
        if let Some(cc) = lw.fields(n, "code_configuration") {
            lw.check_keys(&cc, &["code", "scoring_script"], &[], UnknownKeys::Reject, "code_configuration");
            let mut code = CodeConfiguration::default();
            match cc.get("code") {
                Some(c) => code.code = lw.string(c, "code_configuration.code").unwrap_or_default(),
                None => lw.missing("code_configuration", "code", "; it names the folder with the scoring script"),
            }
            match cc.get("scoring_script") {
                Some(c) => code.scoring_script = lw.string(c, "code_configuration.scoring_script").unwrap_or_default(),
                None => lw.missing("code_configuration", "scoring_script", ""),
            }
            dep.code_configuration = Some(code);
        }
    }
    if let Some(n) = fields.get("instance_type") {
        dep.instance_type = lw.string(n, "instance_type");
    }
    if let Some(n) = fields.get("instance_count") {
        dep.instance_count = lw.integer(n, "instance_count");
    }
    if let Some(n) = fields.get("app_insights_enabled") {
        dep.app_insights_enabled = lw.boolean(n, "app_insights_enabled");
    }
    if let Some(n) = fields.get("egress_public_network_access") {
        dep.egress_public_network_access =
            lw.enumeration(n, "egress_public_network_access", super::workspace::NETWORK_ACCESS, NetworkAccess::parse, codes::VALUE_NOT_ALLOWED);
    }
    for key in CARRIED {
        if let Some(n) = fields.get(key) {
            dep.extra.push(((*key).to_owned(), to_value(n)));
        }
    }
    Some(dep)
}
