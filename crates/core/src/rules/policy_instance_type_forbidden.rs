//! `policy-instance-type-forbidden`: an online deployment `instance_type` the policy does not list.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-instance-type-forbidden",
    severity: Severity::Error,
    summary: "An online deployment's `instance_type` is not one the policy's `online_deployments.instance_types` allows",
    docs: docs!(r#"## What it catches
An online deployment whose `instance_type` is not in the policy's `online_deployments.instance_types`
(VM sizes compare case-insensitively, as Azure does).

## Why it matters
Instance types decide the bill and the quota: a GPU size where a CPU size would do costs many times as
much, per instance, around the clock.

## Example
```yaml
# policy
version: 1
online_deployments:
  instance_types: [Standard_DS3_v2, Standard_F4s_v2]
```
```yaml
$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
name: blue
endpoint_name: ep-contoso
model: azureml:model-1:1
instance_type: Standard_NC24ads_A100_v4
instance_count: 1
```

## Instead
```yaml
instance_type: Standard_DS3_v2
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let Some(rule) = &cx.policy.online_deployments.instance_types else { return };
    let severity = cx.policy.online_deployments.severity;
    for (i, deployment) in cx.config.deployments.iter().enumerate() {
        let Some(instance_type) = &deployment.instance_type else { continue };
        if rule.values.iter().any(|v| v.eq_ignore_ascii_case(instance_type.trim())) {
            continue;
        }
        let what = format!("the instance type `{instance_type}` of deployment `{}`", deployment.name);
        let help = format!("the policy allows {}", super::quoted_list(&rule.values));
        cx.forbid(&INFO, (severity, rule.at), Target::Deployment(i), "instance_type", &what, help);
    }
}
