//! `fqdn-rule-to-storage`: an FQDN rule to an Azure Storage host in approved-outbound mode.

use super::prelude::*;
use crate::catalog::RECOMMENDED_SETS;
use crate::model::{rule_path, Destination, IsolationMode};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "fqdn-rule-to-storage",
    severity: Severity::Error,
    summary: "An FQDN rule to an Azure Storage host (`*.blob.core.windows.net`, ...) in approved-outbound mode",
    docs: docs!(r#"## What it catches
FQDN rules whose destination is an Azure Storage endpoint (`<account>.blob.core.windows.net` and the
`dfs`, `file`, `queue`, `table` and `web` endpoints, wildcards included) when `isolation_mode` is
`allow_only_approved_outbound`. Hosts from Microsoft's own recommended rule sets (such as
`vscode.blob.core.windows.net` for VS Code) are not reported.

## Why it matters
In approved-outbound mode, Azure Storage accounts cannot be reached through FQDN rules; the traffic is
not allowed even though the rule is accepted. Use a private endpoint rule to the storage account.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: data
    type: fqdn
    destination: data.blob.core.windows.net
```

## Instead
```yaml
  - name: data-blob
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data
      subresource_target: blob
      spark_enabled: false
```
"#),
};

/// Storage endpoint suffixes and the private endpoint sub-resource that replaces them.
const STORAGE_SUFFIXES: &[(&str, &str)] = &[
    ("blob.core.windows.net", "blob"),
    ("dfs.core.windows.net", "dfs"),
    ("file.core.windows.net", "file"),
    ("queue.core.windows.net", "queue"),
    ("table.core.windows.net", "table"),
    ("web.core.windows.net", "web"),
];

pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.config.isolation_mode() != Some(IsolationMode::AllowOnlyApprovedOutbound) {
        return;
    }
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::Fqdn(fqdn) = &rule.destination else { continue };
        let Some(subresource) = storage_subresource(&fqdn.destination) else { continue };
        // Microsoft recommends FQDN rules to a few of its own storage hosts (VS Code); trust that.
        if RECOMMENDED_SETS.iter().flat_map(|s| s.rules).any(|(_, host)| host.eq_ignore_ascii_case(fqdn.destination.trim())) {
            continue;
        }
        let d = INFO
            .at(
                &format!("{}.destination", rule_path(i)),
                format!(
                    "rule `{}` allows the Azure Storage host `{}`; in `allow_only_approved_outbound` storage accounts cannot be reached through FQDN rules",
                    rule.name, fqdn.destination
                ),
            )
            .with_help(format!("replace it with a private endpoint rule to the storage account, with `subresource_target: {subresource}`"));
        cx.report(Target::Workspace, d);
    }
}

/// The storage sub-resource a host name belongs to, if it is a storage endpoint.
fn storage_subresource(host: &str) -> Option<&'static str> {
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    STORAGE_SUFFIXES
        .iter()
        .find(|(suffix, _)| host == *suffix || host.strip_suffix(suffix).is_some_and(|rest| rest.ends_with('.')))
        .map(|(_, sub)| *sub)
}

#[cfg(test)]
mod tests {
    use super::storage_subresource;

    #[test]
    fn storage_hosts() {
        assert_eq!(storage_subresource("data.blob.core.windows.net"), Some("blob"));
        assert_eq!(storage_subresource("*.dfs.core.windows.net"), Some("dfs"));
        assert_eq!(storage_subresource("DATA.Table.core.windows.net"), Some("table"));
        assert_eq!(storage_subresource("pypi.org"), None);
        assert_eq!(storage_subresource("notblob.core.windows.net"), None);
    }
}
