//! `instance-count-invalid`: a deployment `instance_count` below 1 or above what one deployment can have.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "instance-count-invalid",
    severity: Severity::Error,
    summary: "A deployment's `instance_count` is below 1 or above 50 (warning above 20)",
    docs: docs!(r#"## What it catches
An online deployment `instance_count` below 1 or above 50 (errors), or between 21 and 50 (a warning).

## Why it matters
A managed online deployment runs at least one instance, and at most 50. Quota is charged with 20% extra
reserved for upgrades, so a large deployment needs much more VM-family quota than its instance count
suggests, and creation fails when the region's quota runs out.

## Example
```yaml
name: blue
endpoint_name: scoring
instance_type: Standard_DS3_v2
instance_count: 0
```

## Instead
```yaml
instance_count: 1
```
"#),
};

/// Instances one managed online deployment may have.
const MAX_INSTANCES: i64 = 50;
/// Above this, remind about quota.
const QUOTA_REMINDER_ABOVE: i64 = 20;

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, dep) in cx.config.deployments.iter().enumerate() {
        let Some(count) = dep.instance_count else { continue };
        let d = if count < 1 {
            INFO.at("instance_count", format!("`instance_count: {count}` is below 1; a managed online deployment runs at least one instance"))
                .with_help("set `instance_count: 1` or more")
                .with_fix("Write `1`", Some("1".to_owned()))
        } else if count > MAX_INSTANCES {
            INFO.at("instance_count", format!("`instance_count: {count}` is above {MAX_INSTANCES}, the most instances one deployment can have"))
                .with_help("spread the load over several deployments, or use a larger `instance_type`")
        } else if count > QUOTA_REMINDER_ABOVE {
            let reserved = (count * 6 + 4) / 5;
            let mut d = INFO
                .at(
                    "instance_count",
                    format!("`instance_count: {count}` needs quota for about {reserved} instances, as 20% extra is reserved for upgrades"),
                )
                .with_help("check the VM family's quota in the region before deploying (`az ml compute list-usage`)");
            d.severity = Severity::Warning;
            d
        } else {
            continue;
        };
        cx.report(Target::Deployment(i), d);
    }
}
