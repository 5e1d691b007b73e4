//! `fqdn-rule-creates-firewall`: the first FQDN rule deploys a billed Azure Firewall.

use super::prelude::*;
use crate::model::{rule_path, Destination, FirewallSku, IsolationMode, Operation};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "fqdn-rule-creates-firewall",
    severity: Severity::Warning,
    summary: "An FQDN rule in approved-outbound mode deploys an Azure Firewall (billed, slower provisioning, ports 80/443 only)",
    docs: docs!(r#"## What it catches
The first FQDN rule of a workspace whose `isolation_mode` is `allow_only_approved_outbound`. It is
reported once per workspace, at that rule, and not for an update of a workspace that has FQDN rules in
approved outbound already (its firewall exists).

## Why it matters
The managed network implements FQDN rules with a managed Azure Firewall, which the first FQDN rule
creates. The firewall is billed (the `firewall_sku`, Standard unless set to `basic`), adds about
10 minutes to provisioning, and lets FQDN rules reach only ports 80 and 443. FQDN rules also do not
apply to serverless Spark. This is often what you want; the warning makes the cost visible.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
```

## Instead
Keep the rule if you need it, and choose the firewall SKU deliberately:
```yaml
managed_network:
  isolation_mode: allow_only_approved_outbound
  firewall_sku: basic
```
Or reach Azure services through private endpoint rules, which need no firewall.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.config.isolation_mode() != Some(IsolationMode::AllowOnlyApprovedOutbound) {
        return;
    }
    let Some(i) = cx.config.rules().iter().position(|r| matches!(r.destination, Destination::Fqdn(_))) else { return };
    // An update of a workspace that already has FQDN rules in approved outbound already has its firewall.
    let context = &cx.config.context;
    if context.operation == Operation::Update
        && context.current_isolation_mode == Some(IsolationMode::AllowOnlyApprovedOutbound)
        && context.current_rules.iter().any(|r| matches!(r.destination, Destination::Fqdn(_)))
    {
        return;
    }
    let sku = cx.config.workspace.as_ref().and_then(|w| w.managed_network.as_ref()).and_then(|m| m.firewall_sku);
    let sku_text = match sku {
        Some(s) => format!("{} SKU, from `firewall_sku`", s.pascal()),
        None => "Standard SKU, the default".to_owned(),
    };
    let help = match sku {
        Some(FirewallSku::Basic) => "this is expected if you need FQDN rules; private endpoint rules reach Azure services without a firewall",
        _ => "this is expected if you need FQDN rules; set `managed_network.firewall_sku: basic` for a cheaper firewall, or reach Azure services through private endpoint rules",
    };
    let name = &cx.config.rules()[i].name;
    let d = INFO
        .at(
            &format!("{}.type", rule_path(i)),
            format!(
                "FQDN rule `{name}` makes the managed network deploy an Azure Firewall ({sku_text}): it is billed, adds about 10 minutes to provisioning, and FQDN rules reach only ports 80 and 443"
            ),
        )
        .with_help(help);
    cx.report(Target::Workspace, d);
}

#[cfg(test)]
mod tests {
    use crate::model::{Config, Destination, FqdnDestination, IsolationMode, ManagedNetwork, Operation, OutboundRule, Workspace};

    fn pypi() -> OutboundRule {
        OutboundRule { name: "pypi".to_owned(), destination: Destination::Fqdn(FqdnDestination { destination: "pypi.org".to_owned() }) }
    }

    fn reported(config: &Config) -> bool {
        crate::check(config).iter().any(|d| d.code == super::INFO.code)
    }

    #[test]
    fn existing_firewall_is_not_reported_again() {
        let network = ManagedNetwork {
            isolation_mode: Some(IsolationMode::AllowOnlyApprovedOutbound),
            outbound_rules: vec![pypi()],
            ..ManagedNetwork::default()
        };
        let mut config = Config {
            workspace: Some(Workspace { name: "ws-fixture".to_owned(), managed_network: Some(network), ..Workspace::default() }),
            ..Config::default()
        };
        assert!(reported(&config));
        config.context.operation = Operation::Update;
        config.context.current_isolation_mode = Some(IsolationMode::AllowOnlyApprovedOutbound);
        assert!(reported(&config));
        config.context.current_rules = vec![pypi()];
        assert!(!reported(&config));
    }
}
