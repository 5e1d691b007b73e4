//! `rule-type-not-allowed-in-isolation-mode`: service tag and FQDN rules outside approved-outbound mode.

use super::prelude::*;
use crate::model::{rule_path, IsolationMode, RuleType};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "rule-type-not-allowed-in-isolation-mode",
    severity: Severity::Error,
    summary: "A service tag or FQDN rule in a managed network that is not `allow_only_approved_outbound`",
    docs: docs!(r#"## What it catches
Rules of type `service_tag` or `fqdn` when `isolation_mode` is `allow_internet_outbound` or `disabled`.

## Why it matters
With internet outbound every destination is already reachable, and the service accepts only private
endpoint rules ("Only 'PrivateEndpoint' outbound rules are supported when managed network isolation mode
is 'AllowInternetOutbound'"). azure-ai-ml does not check this, so the failure comes from Azure, after
the deployment has started.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
```

## Instead
Either drop the rule (internet outbound reaches pypi.org anyway), or switch to approved outbound:
```yaml
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(mode) = cx.config.isolation_mode() else { return };
    if mode == IsolationMode::AllowOnlyApprovedOutbound {
        return;
    }
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let rule_type = rule.destination.rule_type();
        if rule_type == RuleType::PrivateEndpoint {
            continue;
        }
        let why = match mode {
            IsolationMode::AllowInternetOutbound => {
                "internet outbound already allows every destination, and the service accepts only private endpoint rules there"
            }
            _ => "without a managed network there is nothing to apply it to",
        };
        let article = if rule_type == RuleType::Fqdn { "an" } else { "a" };
        let d = INFO
            .at(
                &format!("{}.type", rule_path(i)),
                format!(
                    "rule `{}` is {article} {} rule, which only `allow_only_approved_outbound` accepts; {why}",
                    rule.name,
                    rule_type.portal_name()
                ),
            )
            .with_help("remove the rule, or set `managed_network.isolation_mode: allow_only_approved_outbound`");
        cx.report(Target::Workspace, d);
    }
}
