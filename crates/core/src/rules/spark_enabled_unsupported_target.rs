//! `spark-enabled-unsupported-target`: `spark_enabled: true` on a private endpoint that is not to a storage account.

use super::prelude::*;
use crate::catalog::{parse_arm_id, private_endpoint_target};
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "spark-enabled-unsupported-target",
    severity: Severity::Warning,
    summary: "`spark_enabled: true` on a private endpoint rule whose target is not a storage account",
    docs: docs!(r#"## What it catches
`spark_enabled: true` on a private endpoint rule whose `service_resource_id` is not a storage account.

## Why it matters
`spark_enabled` creates an extra private endpoint for serverless Spark. The portal offers it only for
Azure Storage. The API also accepts it on Key Vault and Azure Machine Learning workspace targets (a
feature-store sample does this), so for those two this is a note; for other targets it is unlikely to
do anything but fail or cost another private endpoint.

## Example
```yaml
name: ws-contoso
public_network_access: disabled
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: search
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Search/searchServices/search
      subresource_target: searchService
      spark_enabled: true
```

## Instead
```yaml
      spark_enabled: false
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::PrivateEndpoint(pe) = &rule.destination else { continue };
        if !pe.spark_enabled {
            continue;
        }
        let Some(id) = parse_arm_id(&pe.service_resource_id) else { continue };
        let resource_type = id.full_type();
        let target = private_endpoint_target(&resource_type);
        if target.is_some_and(|t| t.spark_in_portal) {
            continue;
        }
        let path = format!("{}.destination.spark_enabled", rule_path(i));
        let what = target.map_or_else(|| format!("`{resource_type}`"), |t| format!("{} (`{}`)", t.label, t.resource_type));
        let api_accepts =
            matches!(target.map(|t| t.resource_type), Some("Microsoft.KeyVault/vaults" | "Microsoft.MachineLearningServices/workspaces"));
        let d = if api_accepts {
            INFO.at(
                &path,
                format!("rule `{}` enables Spark on its target, {what}; the portal offers Spark only for storage accounts, but the API accepts it for Key Vault and Azure Machine Learning workspace targets", rule.name),
            )
            .with_help("keep it if serverless Spark must reach this resource; otherwise set `spark_enabled: false`")
        } else {
            INFO.at(
                &path,
                format!("rule `{}` enables Spark on its target, {what}; serverless Spark is supported for storage accounts (the API also accepts Key Vault and Azure Machine Learning workspace targets)", rule.name),
            )
            .with_help("set `spark_enabled: false`, and enable Spark on the private endpoint rule of the storage account Spark reads")
            .with_fix("Set `spark_enabled: false`", Some("false".to_owned()))
        };
        cx.report(Target::Workspace, d);
    }
}
