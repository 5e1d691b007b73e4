//! Reading the JS arguments (`options`, `{ name, text, kind }` files) with `js_sys::Reflect`, field by field.
//!
//! serde-wasm-bindgen's `from_value` would do the same in one call, but its error messages format
//! floats (`invalid type: floating point `1.5``), which pulls float formatting (about 6 KB gzipped)
//! into the small wasm; the core avoids floats on purpose. The messages keep serde's wording
//! (`unknown field`, `unknown variant`, `missing field`, `invalid type`), which the tests check.

use crate::dto::{DnsMode, DocumentKind, InboundPrivateEndpointInput, IsolationMode, NetworkingInput, Operation, Options, SourceFileInput};
use wasm_bindgen::{JsCast, JsValue};

/// The spellings JavaScript passes for each input enum (the DTOs' serde names; a test compares them).
pub const OPERATIONS: &[(&str, Operation)] = &[("create", Operation::Create), ("update", Operation::Update)];
pub const ISOLATION_MODES: &[(&str, IsolationMode)] = &[
    ("disabled", IsolationMode::Disabled),
    ("allow_internet_outbound", IsolationMode::AllowInternetOutbound),
    ("allow_only_approved_outbound", IsolationMode::AllowOnlyApprovedOutbound),
];
pub const DNS_MODES: &[(&str, DnsMode)] = &[("create", DnsMode::Create), ("existing", DnsMode::Existing), ("off", DnsMode::Off)];
pub const DOCUMENT_KINDS: &[(&str, DocumentKind)] = &[
    ("workspace", DocumentKind::Workspace),
    ("online_endpoint", DocumentKind::OnlineEndpoint),
    ("online_deployment", DocumentKind::OnlineDeployment),
];

/// The JS type of a value, for error messages (`null` and `array` told apart from `object`).
pub fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if value.is_array() {
        "an array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_else(|| "unknown".to_owned())
    }
}

/// The first key of a JS object that is not one of `fields`.
pub fn unknown_field(value: &JsValue, fields: &[&str]) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter().filter_map(|key| key.as_string()).find(|key| !fields.contains(&key.as_str()))
}

/// `object[key]`, or `None` when it is absent or `undefined` (serde's `#[serde(default)]`).
fn field(object: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).ok().filter(|value| !value.is_undefined())
}

fn invalid_type(key: &str, value: &JsValue, expected: &str) -> String {
    format!("invalid type: {} at `{key}`, expected {expected}", type_name(value))
}

fn string(object: &JsValue, key: &str) -> Result<Option<String>, String> {
    field(object, key).map(|value| value.as_string().ok_or_else(|| invalid_type(key, &value, "a string"))).transpose()
}

fn boolean(object: &JsValue, key: &str) -> Result<Option<bool>, String> {
    field(object, key).map(|value| value.as_bool().ok_or_else(|| invalid_type(key, &value, "a boolean"))).transpose()
}

fn variant<T: Copy>(object: &JsValue, key: &str, variants: &[(&str, T)]) -> Result<Option<T>, String> {
    let names = || variants.iter().map(|(name, _)| format!("`{name}`")).collect::<Vec<_>>().join(", ");
    let Some(value) = field(object, key) else { return Ok(None) };
    let Some(text) = value.as_string() else { return Err(invalid_type(key, &value, &format!("one of {}", names()))) };
    match variants.iter().find(|(name, _)| *name == text) {
        Some((_, value)) => Ok(Some(*value)),
        None => Err(format!("unknown variant `{text}` at `{key}`, expected one of {}", names())),
    }
}

/// The options object (already known to be an object without unknown keys).
pub fn options(object: &JsValue) -> Result<Options, String> {
    // A struct literal without `..`: a new option is a compile error here until it is read.
    Ok(Options {
        subscription_id: string(object, "subscriptionId")?,
        resource_group: string(object, "resourceGroup")?,
        operation: variant(object, "operation", OPERATIONS)?,
        current_isolation_mode: variant(object, "currentIsolationMode", ISOLATION_MODES)?,
        kind: variant(object, "kind", DOCUMENT_KINDS)?,
        file_name: string(object, "fileName")?,
        force: boolean(object, "force")?,
        policy: string(object, "policy")?,
        networking: field(object, "networking").map(|value| networking(&value)).transpose()?,
    })
}

/// An object with only the given keys, or serde's error for the first other one (`at` names the field).
fn object_with<'a>(value: &'a JsValue, fields: &[&str], at: &str) -> Result<&'a JsValue, String> {
    if !value.is_object() || value.is_array() {
        return Err(invalid_type(at, value, "an object"));
    }
    match unknown_field(value, fields) {
        Some(key) => Err(format!(
            "unknown field `{key}` at `{at}`, expected one of {}",
            fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
        )),
        None => Ok(value),
    }
}

/// An array of items read by `item`, or `None` when absent.
fn array<T>(object: &JsValue, key: &str, item: impl Fn(&JsValue, &str) -> Result<T, String>) -> Result<Option<Vec<T>>, String> {
    let Some(value) = field(object, key) else { return Ok(None) };
    if !value.is_array() {
        return Err(invalid_type(key, &value, "an array"));
    }
    let list: &js_sys::Array = value.unchecked_ref();
    list.iter().enumerate().map(|(i, v)| item(&v, &format!("{key}[{i}]"))).collect::<Result<Vec<_>, _>>().map(Some)
}

fn networking(value: &JsValue) -> Result<NetworkingInput, String> {
    let object = object_with(value, NetworkingInput::FIELDS, "networking")?;
    // A struct literal without `..`: a new option is a compile error here until it is read.
    Ok(NetworkingInput {
        inbound_private_endpoints: array(object, "inboundPrivateEndpoints", inbound_private_endpoint)?,
        assign_approver_role: boolean(object, "assignApproverRole")?,
        approver_identity: string(object, "approverIdentity")?,
    })
}

fn inbound_private_endpoint(value: &JsValue, at: &str) -> Result<InboundPrivateEndpointInput, String> {
    let object = object_with(value, InboundPrivateEndpointInput::FIELDS, at)?;
    let strings = |item: &JsValue, at: &str| item.as_string().ok_or_else(|| invalid_type(at, item, "a string"));
    Ok(InboundPrivateEndpointInput {
        subnet: string(object, "subnet")?.ok_or_else(|| format!("missing field `subnet` at `{at}`"))?,
        name: string(object, "name")?,
        network_resource_group: string(object, "networkResourceGroup")?,
        location: string(object, "location")?,
        dns: variant(object, "dns", DNS_MODES)?,
        dns_zone_ids: array(object, "dnsZoneIds", strings)?,
    })
}

/// One `{ name, text, kind? }` file.
pub fn source_file(object: &JsValue) -> Result<SourceFileInput, String> {
    if !object.is_object() || object.is_array() {
        return Err(format!("invalid type: {}, expected an object", type_name(object)));
    }
    let required = |key: &str| string(object, key)?.ok_or_else(|| format!("missing field `{key}`"));
    Ok(SourceFileInput { name: required("name")?, text: required("text")?, kind: variant(object, "kind", DOCUMENT_KINDS)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_name<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }

    #[test]
    fn spellings_are_the_dtos_serde_names() {
        for (name, value) in OPERATIONS {
            assert_eq!(serde_name(value), *name);
        }
        for (name, value) in ISOLATION_MODES {
            assert_eq!(serde_name(value), *name);
        }
        for (name, value) in DOCUMENT_KINDS {
            assert_eq!(serde_name(value), *name);
        }
        for (name, value) in DNS_MODES {
            assert_eq!(serde_name(value), *name);
        }
        assert_eq!((OPERATIONS.len(), ISOLATION_MODES.len(), DOCUMENT_KINDS.len()), (2, 3, 3));
    }
}
