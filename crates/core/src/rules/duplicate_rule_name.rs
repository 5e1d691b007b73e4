//! `duplicate-rule-name`: two outbound rules with the same name.

use super::prelude::*;
use crate::model::rule_path;
use std::borrow::Cow;
use std::collections::BTreeMap;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "duplicate-rule-name",
    severity: Severity::Error,
    summary: "Two outbound rules share a name",
    docs: docs!(r#"## What it catches
Two or more rules in `managed_network.outbound_rules` with the same `name` (compared without regard to
case, as Azure resource names are).

## Why it matters
Rules are stored in a dictionary keyed by name. azure-ai-ml does not complain: the later rule replaces
the earlier one and the first silently disappears. The portal requires names to be unique in the
workspace.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: storage
    type: private_endpoint
    destination: {service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa, subresource_target: blob, spark_enabled: false}
  - name: storage
    type: private_endpoint
    destination: {service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa, subresource_target: file, spark_enabled: false}
```

## Instead
Name them `storage-blob` and `storage-file`.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let rules = cx.config.rules();
    // First index of each name, compared without regard to case; one pass, so 1000 rules stay cheap.
    // (The map's type is the YAML parser's anchor table's and the source map's: one map in the wasm.)
    let mut first_by_name: BTreeMap<Cow<'_, str>, usize> = BTreeMap::new();
    for (i, rule) in rules.iter().enumerate() {
        if rule.name.is_empty() {
            continue;
        }
        let name = rule.name.to_ascii_lowercase();
        let first = match first_by_name.get(name.as_str()) {
            Some(&first) => first,
            None => {
                first_by_name.insert(Cow::Owned(name), i);
                i
            }
        };
        if first != i {
            let d = INFO
                .at(
                    &format!("{}.name", rule_path(i)),
                    format!(
                        "rule name `{}` is already used by rule {} (`{}`); only one of them would be created",
                        rule.name,
                        first + 1,
                        rules[first].name
                    ),
                )
                .with_help("give each rule its own name");
            cx.report(Target::Workspace, d);
        }
    }
}
