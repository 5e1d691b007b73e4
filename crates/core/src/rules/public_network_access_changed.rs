//! `public-network-access-changed`: a change plan turns public network access of the workspace or an endpoint on or off.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "public-network-access-changed",
    severity: Severity::Warning,
    summary: "A change plan turns public network access of the workspace or an online endpoint on or off",
    docs: docs!(r#"## What it catches
`amlnet plan` finds that `public_network_access` of the workspace, or of the online endpoint, differs
between the current state and the desired document (an absent value is `Enabled`, the service
default).

## Why it matters
Disabling it cuts off every client that does not come through a private endpoint with working private
DNS: the studio, SDK and CLI for a workspace, scoring clients for an endpoint. Enabling it makes the
workspace or endpoint reachable from the internet (within `network_acls` for a workspace; with a key or
token for an endpoint). Both are inbound changes that a change request should name.

## Example
The workspace allows public access now:
```yaml
# current state, as `az ml workspace show` gives it
name: ws-contoso
public_network_access: Enabled
```
the desired document:
```yaml
name: ws-contoso
public_network_access: Disabled
```

## Instead
Go ahead once the clients have a private path, or leave `public_network_access` as it is now:
```yaml
name: ws-contoso
public_network_access: Enabled
```
"#),
};
