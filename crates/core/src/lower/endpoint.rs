//! Lowering of a managed online endpoint document (`az ml online-endpoint create --file`).

use super::{to_value, Lowerer, UnknownKeys};
use crate::model::{AuthMode, NetworkAccess, OnlineEndpoint};
use crate::rules::codes;
use crate::syntax::Node;

const MODELLED: &[&str] = &["$schema", "name", "description", "tags", "auth_mode", "identity", "public_network_access"];
/// Keys the SDK accepts that amlnet carries through, in the SDK's schema order.
pub(crate) const CARRIED: &[&str] = &["properties", "location", "traffic", "mirror_traffic"];
const READ_ONLY: &[&str] = &["id", "provisioning_state", "scoring_uri", "openapi_uri", "kind"];

pub(crate) fn lower_endpoint(lw: &mut Lowerer, root: &Node) -> Option<OnlineEndpoint> {
    let fields = lw.fields(root, "")?;
    let known: Vec<&str> = MODELLED.iter().chain(CARRIED).copied().collect();
    lw.check_keys(&fields, &known, READ_ONLY, UnknownKeys::Reject, "a managed online endpoint");
    let mut ep = OnlineEndpoint::default();
    match fields.get("name") {
        Some(n) => ep.name = lw.required_string(n, "name"),
        None => lw.missing("", "name", "; the endpoint name is part of its scoring URI"),
    }
    if let Some(n) = fields.get("description") {
        ep.description = lw.string(n, "description");
    }
    if let Some(n) = fields.get("tags") {
        ep.tags = lw.string_map(n, "tags");
    }
    if let Some(n) = fields.get("auth_mode") {
        ep.auth_mode = lw.enumeration(n, "auth_mode", &["key", "aml_token", "aad_token"], AuthMode::parse, codes::VALUE_NOT_ALLOWED);
    }
    if let Some(n) = fields.get("public_network_access") {
        ep.public_network_access =
            lw.enumeration(n, "public_network_access", super::workspace::NETWORK_ACCESS, NetworkAccess::parse, codes::VALUE_NOT_ALLOWED);
    }
    if let Some(n) = fields.get("identity") {
        if lw.fields(n, "identity").is_some() {
            ep.identity = Some(to_value(n));
        }
    }
    for key in CARRIED {
        if let Some(n) = fields.get(key) {
            ep.extra.push(((*key).to_owned(), to_value(n)));
        }
    }
    Some(ep)
}
