//! `yaml-unsupported-tag`: a YAML tag that PyYAML's safe loader cannot construct.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "yaml-unsupported-tag",
    severity: Severity::Error,
    summary: "A YAML tag that PyYAML's safe loader cannot construct",
    docs: docs!(r#"## What it catches
Tags such as `!!python/object` or a custom `!Ref`. Only the standard tags (`!!str`, `!!int`, `!!bool`,
`!!float`, `!!null`, `!!map`, `!!seq`, `!!timestamp`) are allowed.

## Why it matters
azure-ai-ml reads YAML with `yaml.safe_load`, which fails with a ConstructorError on any other tag.

## Example
```yaml
name: !Ref WorkspaceName
```

## Instead
```yaml
name: my-workspace
```"#),
};
