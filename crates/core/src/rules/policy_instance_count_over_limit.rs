//! `policy-instance-count-over-limit`: an online deployment with more instances than the policy's `max_instance_count`.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-instance-count-over-limit",
    severity: Severity::Error,
    summary: "An online deployment's `instance_count` is above the policy's `online_deployments.max_instance_count`",
    docs: docs!(r#"## What it catches
An online deployment whose `instance_count` is above the policy's
`online_deployments.max_instance_count`.

## Why it matters
Each instance is a billed VM; a limit keeps a typo (`instance_count: 50`) from reaching the invoice or
exhausting the subscription's quota.

## Example
```yaml
# policy
version: 1
online_deployments:
  max_instance_count: 5
```
```yaml
$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
name: blue
endpoint_name: ep-contoso
model: azureml:model-1:1
instance_type: Standard_DS3_v2
instance_count: 50
```

## Instead
```yaml
instance_count: 3
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let Some(limit) = cx.policy.online_deployments.max_instance_count else { return };
    let severity = cx.policy.online_deployments.severity;
    for (i, deployment) in cx.config.deployments.iter().enumerate() {
        let Some(count) = deployment.instance_count.filter(|c| *c > limit.max) else { continue };
        let what = format!("`instance_count: {count}` of deployment `{}`", deployment.name);
        let help = format!("set `instance_count` to at most {}", limit.max);
        cx.forbid(&INFO, (severity, limit.at), Target::Deployment(i), "instance_count", &what, help);
    }
}
