//! `azurerm-cannot-express`: a setting the Terraform export writes with azapi because azurerm has no field for it.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "azurerm-cannot-express",
    severity: Severity::Info,
    summary: "The Terraform export writes this setting with the azapi provider, because azurerm cannot express it",
    docs: docs!(r#"## What it catches
Reported by the Terraform export (`amlnet export --to terraform`), not by `check`: a setting that the
`azurerm` provider has no field for, which the export therefore writes as an `azapi_resource` (or an
`azapi_update_resource`) against the ARM API `2025-12-01`:

- `firewall_sku` (azurerm's workspace has no firewall SKU);
- a private endpoint rule whose `subresource_target` is outside azurerm's list (`vault`, `amlworkspace`,
  `blob`, `table`, `queue`, `file`, `web`, `dfs`, `redisCache`), or that has `fqdns`;
- a service tag rule with `address_prefixes`, with a service tag outside azurerm's allow-list, or with a
  protocol outside `*`, `TCP`, `UDP`, `ICMP`;
- online endpoints and deployments (azurerm has no resource for them).

## Why it matters
The configuration still deploys, but through a second provider (`azure/azapi`) whose resources are
checked against the ARM schema only when applied, and which azurerm's plan output does not describe.
Reviewers of the Terraform plan should know which parts come from where.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_only_approved_outbound
  firewall_sku: basic
  outbound_rules:
  - name: openai
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/contoso-openai
      subresource_target: account
      spark_enabled: false
```

## Instead
Nothing needs to change: the note is informational. Keep the `azapi` provider in the configuration, or
use the ARM or Bicep export (`--to arm`, `--to bicep`), which express every setting natively.
"#),
};
