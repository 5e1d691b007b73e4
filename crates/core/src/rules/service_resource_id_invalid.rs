//! `service-resource-id-invalid`: a private endpoint rule's `service_resource_id` that is not an ARM resource ID.

use super::prelude::*;
use crate::catalog::{is_guid, parse_arm_id};
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "service-resource-id-invalid",
    severity: Severity::Error,
    summary: "A private endpoint rule's `service_resource_id` is not a full ARM resource ID with a subscription GUID",
    docs: docs!(r#"## What it catches
A `service_resource_id` that does not have the shape
`/subscriptions/<guid>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>` (child resources add
more `<type>/<name>` pairs), whose subscription is not a GUID, or that still holds a placeholder such as
`<SUBSCRIPTION_ID>` or `{resourceGroup}` copied from an example.

## Why it matters
azure-ai-ml does not check the ID (`/someappgwid` loads), so a wrong ID fails in the service, after
the workspace update has started, or in the private endpoint approval.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: data-blob
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/<SUBSCRIPTION_ID>/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data
      subresource_target: blob
      spark_enabled: false
```

## Instead
Copy the ID from the resource's JSON View in the portal, or from
`az resource show -g rg -n data --resource-type Microsoft.Storage/storageAccounts --query id -o tsv`:
```yaml
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data
```
"#),
};

const SHAPE: &str = "/subscriptions/<subscription-guid>/resourceGroups/<resource-group>/providers/<Namespace>/<type>/<name>";

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::PrivateEndpoint(pe) = &rule.destination else { continue };
        let id = pe.service_resource_id.as_str();
        let path = format!("{}.destination.service_resource_id", rule_path(i));
        let (message, help) = match problem(id) {
            None => continue,
            Some(Problem::Placeholder { text, part }) => (
                format!("`service_resource_id` of rule `{}` still holds the placeholder `{text}` where the {part} goes", rule.name),
                match part {
                    "subscription" => "replace it with the subscription ID, a GUID (`az account show --query id -o tsv`)".to_owned(),
                    _ => format!("replace it with the real {part}; `az resource show ... --query id -o tsv` prints the whole ID"),
                },
            ),
            Some(Problem::SubscriptionNotGuid(sub)) => (
                format!("`service_resource_id` of rule `{}` names the subscription `{sub}`, which is not a subscription ID (a GUID)", rule.name),
                "use the subscription ID, not its name (`az account show --query id -o tsv`)".to_owned(),
            ),
            Some(Problem::Shape(why)) => (
                format!("`service_resource_id` of rule `{}` is not an ARM resource ID: {why}", rule.name),
                format!("write the full resource ID, {SHAPE}; the portal shows it in the resource's JSON View"),
            ),
        };
        cx.report(Target::Workspace, INFO.at(&path, message).with_help(help));
    }
}

enum Problem<'a> {
    Placeholder { text: &'a str, part: &'static str },
    SubscriptionNotGuid(&'a str),
    Shape(String),
}

/// What is wrong with an ARM resource ID, if anything.
fn problem(id: &str) -> Option<Problem<'_>> {
    let segments: Vec<&str> = id.trim_start_matches('/').split('/').collect();
    let part_name = |index: usize| match index {
        1 => "subscription",
        3 => "resource group",
        5 => "resource provider namespace",
        _ if index & 1 == 0 => "resource type",
        _ => "resource name",
    };
    if let Some(index) = segments.iter().position(|s| is_placeholder(s)) {
        return Some(Problem::Placeholder { text: segments[index], part: part_name(index) });
    }
    let Some(parsed) = parse_arm_id(id) else {
        return Some(Problem::Shape(shape_problem(id, &segments)));
    };
    if !is_guid(parsed.subscription) {
        return Some(Problem::SubscriptionNotGuid(parsed.subscription));
    }
    None
}

/// A segment copied from an example: `<SUBSCRIPTION_ID>`, `{rg}`, `${SUB}`, `$(sub)`.
fn is_placeholder(segment: &str) -> bool {
    segment.contains(['<', '>', '{', '}', '$'])
}

fn shape_problem(id: &str, segments: &[&str]) -> String {
    if !id.starts_with('/') {
        return "it must start with `/subscriptions/`".to_owned();
    }
    if id.chars().any(char::is_whitespace) {
        return "it contains a space".to_owned();
    }
    if segments.iter().any(|s| s.is_empty()) {
        return "it has an empty part (`//` or a trailing `/`)".to_owned();
    }
    for (index, word) in [(0, "subscriptions"), (2, "resourceGroups"), (4, "providers")] {
        match segments.get(index) {
            Some(s) if s.eq_ignore_ascii_case(word) => {}
            Some(s) => return format!("`{word}` is expected where it says `{s}`"),
            None => return format!("it ends before `/{word}/`"),
        }
    }
    match segments.len() {
        0..=5 => "it names no resource provider, type and resource after `/providers/`".to_owned(),
        6 => "it names no resource type and name after the provider namespace".to_owned(),
        7 => "it names a resource type but no resource".to_owned(),
        n if n % 2 == 1 => "a child resource type has no name after it".to_owned(),
        _ => format!("`{}/{}` is not a resource provider namespace and type", segments[5], segments[6]),
    }
}

#[cfg(test)]
mod tests {
    use super::{problem, Problem};

    #[test]
    fn resource_ids() {
        let ok = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa";
        assert!(problem(ok).is_none());
        let child = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Insights/privateLinkScopes/s/scopedResources/r";
        assert!(problem(child).is_none());
        assert!(matches!(problem("/someappgwid"), Some(Problem::Shape(_))));
        assert!(matches!(
            problem(&ok.replace("00000000-1111-2222-3333-444444444444", "<SUBSCRIPTION_ID>")),
            Some(Problem::Placeholder { part: "subscription", .. })
        ));
        assert!(matches!(problem(&ok.replace("/rg/", "/{rg}/")), Some(Problem::Placeholder { part: "resource group", .. })));
        assert!(matches!(problem(&ok.replace("00000000-1111-2222-3333-444444444444", "my-subscription")), Some(Problem::SubscriptionNotGuid(_))));
        assert!(matches!(problem(&ok[1..]), Some(Problem::Shape(_))));
        assert!(matches!(problem(ok.trim_end_matches("/sa")), Some(Problem::Shape(_))));
    }
}
