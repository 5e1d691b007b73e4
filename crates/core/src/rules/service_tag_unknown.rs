//! `service-tag-unknown`: a service tag rule naming a tag that is not in amlnet's list.

use super::prelude::*;
use crate::catalog::{is_known_service_tag, SERVICE_TAGS};
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "service-tag-unknown",
    severity: Severity::Warning,
    summary: "A service tag that is not in the list of known Azure service tags",
    docs: docs!(r#"## What it catches
A `service_tag` that is not one of the Azure service tags amlnet knows (the Terraform provider's list),
alone or in its regional form (`Storage.EastUS`). Tags are compared as written, so `storage` is reported
with `Storage` as the suggestion.

## Why it matters
azure-ai-ml loads any string, and a misspelt tag fails in the service when the managed network is
updated. The list is advisory: Azure adds tags, so an unknown tag is a warning, not an error.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: monitor
    type: service_tag
    destination:
      service_tag: AzureMonitoring
      protocol: TCP
      port_ranges: '443'
```

## Instead
```yaml
      service_tag: AzureMonitor
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::ServiceTag(st) = &rule.destination else { continue };
        let tag = st.service_tag.as_str();
        if tag.is_empty() {
            let mut d = INFO
                .at(&format!("{}.destination.service_tag", rule_path(i)), format!("the service tag of rule `{}` is empty; the service rejects the rule", rule.name))
                .with_help("write a service tag such as `AzureMonitor` or `Storage.WestEurope`");
            d.severity = Severity::Error;
            cx.report(Target::Workspace, d);
            continue;
        }
        if is_known_service_tag(tag) {
            continue;
        }
        let mut d = INFO
            .at(
                &format!("{}.destination.service_tag", rule_path(i)),
                format!("`{tag}` is not a service tag amlnet knows; the service rejects the rule if Azure does not know it either"),
            )
            .with_help("check the spelling against `az network list-service-tags --location <region> --query \"values[].name\"`");
        if let Some(suggestion) = suggest(tag) {
            d = d
                .with_help(format!("did you mean `{suggestion}`?"))
                .with_fix(format!("Write `{suggestion}`"), Some(crate::emit::yaml::scalar(&suggestion)));
        }
        cx.report(Target::Workspace, d);
    }
}

/// The known tag nearest to `tag`, keeping a regional suffix (`Storag.EastUS` → `Storage.EastUS`).
fn suggest(tag: &str) -> Option<String> {
    if let Some(exact) = SERVICE_TAGS.iter().find(|t| t.eq_ignore_ascii_case(tag)) {
        return Some((*exact).to_owned());
    }
    if let Some(found) = crate::lower::closest(tag, SERVICE_TAGS) {
        return Some(found.to_owned());
    }
    let (base, region) = tag.split_once('.')?;
    let base = SERVICE_TAGS.iter().find(|t| t.eq_ignore_ascii_case(base)).copied().or_else(|| crate::lower::closest(base, SERVICE_TAGS))?;
    Some(format!("{base}.{region}"))
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("storage").as_deref(), Some("Storage"));
        assert_eq!(suggest("AzureMonitoring").as_deref(), Some("AzureMonitor"));
        assert_eq!(suggest("Storag.EastUS").as_deref(), Some("Storage.EastUS"));
        assert_eq!(suggest("CompletelyDifferent"), None);
    }
}
