//! Lowering of a managed online endpoint document (`az ml online-endpoint create --file`).

use super::{to_value, Lowerer};
use crate::model::{AuthMode, NetworkAccess, OnlineEndpoint};
use crate::schema::{self, sdk, Ty};
use crate::syntax::{Node, NodeKind};

/// Keys amlnet models itself; the others the SDK's schema accepts are checked by `schema` and carried.
const MODELLED: &[&str] = &["compute", "name", "description", "tags", "auth_mode", "identity", "public_network_access"];

pub(crate) fn lower_endpoint(lw: &mut Lowerer, root: &Node) -> Option<OnlineEndpoint> {
    let fields = lw.fields(root, "")?;
    // `compute` set (truthy, as Python tests it) makes azure-ai-ml read a Kubernetes online endpoint.
    let kubernetes = fields.get("compute").is_some_and(schema::is_truthy);
    let index = if kubernetes { sdk::KUBERNETES_ENDPOINT } else { sdk::MANAGED_ENDPOINT };
    let sdk_schema = schema::schema(index);
    let what = if kubernetes { "a Kubernetes online endpoint" } else { "a managed online endpoint" };
    // A modelled key the chosen schema lacks (`compute` on a managed endpoint, `public_network_access` on a
    // Kubernetes one) is the schema reader's: an unknown key.
    let modelled = super::modelled_in(sdk_schema, MODELLED);
    lw.read_schema(root, "", sdk_schema, sdk_schema.unknown, what, &modelled);
    let mut ep = OnlineEndpoint::default();
    if kubernetes {
        ep.compute = fields.get("compute").and_then(|n| lw.string(n, "compute"));
        if let Some(n) = fields.get("compute") {
            lw.read_value(n, "compute", &Ty::ArmStr);
        }
    }
    match fields.get("name") {
        Some(n) => ep.name = lw.required_string(n, "name"),
        None => lw.missing("", "name", "; the endpoint name is part of its scoring URI"),
    }
    if let Some(n) = fields.get("description") {
        ep.description = lw.string(n, "description");
    }
    if let Some(n) = fields.get("tags") {
        // An endpoint's `tags` is an untyped dict in azure-ai-ml: any value loads (it is sent as text).
        lw.read_value(n, "tags", sdk_schema.field("tags").map_or(&Ty::Raw, |f| f.ty));
        ep.tags = crate::lower::scalar_map(n);
    }
    if let Some(n) = fields.get("auth_mode") {
        ep.auth_mode = lw.sdk_enumeration(n, "auth_mode", sdk_schema, &AuthMode::ALL.map(AuthMode::yaml), AuthMode::parse);
    }
    if let Some(n) = fields.get("public_network_access").filter(|_| modelled.contains(&"public_network_access")) {
        ep.public_network_access =
            lw.sdk_enumeration(n, "public_network_access", sdk_schema, &NetworkAccess::ALL.map(NetworkAccess::lower), NetworkAccess::parse);
    }
    if let Some(n) = fields.get("identity") {
        if let Some(f) = sdk_schema.field("identity") {
            lw.read_value(n, "identity", f.ty);
        }
        if matches!(n.kind, NodeKind::Map(_)) {
            ep.identity = Some(to_value(n));
        }
    }
    for key in sdk_schema.loadable_keys() {
        if !MODELLED.contains(&key) {
            if let Some(n) = fields.get(key) {
                ep.extra.push((key.to_owned(), to_value(n)));
            }
        }
    }
    Some(ep)
}
