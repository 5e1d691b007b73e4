//! `deployment-egress-cannot-change`: a change plan must recreate a deployment to change its egress setting.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "deployment-egress-cannot-change",
    severity: Severity::Warning,
    summary: "`egress_public_network_access` of an existing deployment cannot change; the plan deletes and recreates it",
    docs: docs!(r#"## What it catches
`amlnet plan` where a deployment exists now and the desired document gives it a different
`egress_public_network_access` (an absent value is `enabled`, the default).

## Why it matters
The setting cannot be updated after the deployment is created; `az ml online-deployment update`
fails. The plan therefore deletes the deployment and creates it again, so it serves no requests in
between, and a deployment that receives traffic cannot be deleted until its traffic moves. With a
workspace managed network the flag no longer applies at all (see
`egress-public-network-access-legacy`).

## Example
The deployment `blue` was created with egress enabled:
```yaml
# current state, as `az ml online-deployment show` gives it
name: blue
endpoint_name: ep-contoso
model: azureml:contoso-model:1
instance_type: Standard_DS3_v2
instance_count: 1
egress_public_network_access: enabled
```
the desired document:
```yaml
name: blue
endpoint_name: ep-contoso
model: azureml:contoso-model:1
instance_type: Standard_DS3_v2
instance_count: 1
egress_public_network_access: disabled
```

## Instead
Create a new deployment under a new name with the setting you want, move traffic to it, then delete
the old one; or, with a managed network, leave the flag out.
"#),
};
