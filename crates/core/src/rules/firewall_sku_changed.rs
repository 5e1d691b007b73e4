//! `firewall-sku-changed`: a change plan changes the SKU of the existing (billed) Azure Firewall.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "firewall-sku-changed",
    severity: Severity::Warning,
    summary: "A change plan changes the SKU of the workspace's Azure Firewall (billed by SKU)",
    docs: docs!(r#"## What it catches
`amlnet plan` on a workspace in `allow_only_approved_outbound` that has FQDN rules (so its managed
Azure Firewall exists) where the desired `firewall_sku` differs from the current one. An absent
`firewall_sku` is Standard: the YAML loader sends Standard when the key is missing.

## Why it matters
The firewall is billed by SKU; Basic costs less and has fewer features than Standard. Because a
missing key means Standard, dropping `firewall_sku: basic` from a document silently upgrades the
firewall.

## Example
The workspace's firewall is Basic now:
```yaml
# current state, as `az ml workspace show` gives it
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  firewall_sku: basic
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
```
the desired document has no `firewall_sku`:
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
```

## Instead
Write the SKU you mean explicitly:
```yaml
managed_network:
  isolation_mode: allow_only_approved_outbound
  firewall_sku: basic
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
```
"#),
};
