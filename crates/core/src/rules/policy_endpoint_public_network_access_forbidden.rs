//! `policy-endpoint-public-network-access-forbidden`: an online endpoint's `public_network_access` the policy does not allow.

use super::prelude::*;
use crate::model::NetworkAccess;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-endpoint-public-network-access-forbidden",
    severity: Severity::Error,
    summary: "The online endpoint's `public_network_access` is not one the policy's `online_endpoints.public_network_access` allows",
    docs: docs!(r#"## What it catches
An online endpoint whose `public_network_access` (`enabled` when absent) is not in the policy's
`online_endpoints.public_network_access`.

## Why it matters
An endpoint with public network access takes scoring requests from the internet; "scoring is never
public" is a common platform rule.

## Example
```yaml
# policy
version: 1
online_endpoints:
  public_network_access: [disabled]
```
```yaml
$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json
name: ep-contoso
auth_mode: key
```

## Instead
```yaml
public_network_access: disabled
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let (Some(rule), Some(endpoint)) = (&cx.policy.online_endpoints.public_network_access, &cx.config.endpoint) else { return };
    let (access, default) = match endpoint.public_network_access {
        Some(access) => (access, ""),
        None => (NetworkAccess::Enabled, " (the default)"),
    };
    let what = format_args!("public network access `{}`{default} of endpoint `{}`", access.lower(), endpoint.name);
    let severity = cx.policy.online_endpoints.severity;
    cx.forbid_unlisted(&INFO, (rule, severity), (Target::Endpoint, "public_network_access"), access, NetworkAccess::lower, &what);
}
