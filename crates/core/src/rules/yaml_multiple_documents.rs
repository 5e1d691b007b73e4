//! `yaml-multiple-documents`: the file holds several YAML documents.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "yaml-multiple-documents",
    severity: Severity::Error,
    summary: "The file holds several YAML documents",
    docs: docs!(r#"## What it catches
A file with more than one document (separated by `---`).

## Why it matters
`az ml ... --file` reads one document with `yaml.safe_load`, which fails with "expected a single document
in the stream". amlnet reads the first document only.

## Example
```yaml
name: ws
---
name: my-endpoint
auth_mode: key
```

## Instead
Put each document in its own file (`workspace.yml`, `endpoint.yml`, `deployment.yml`)."#),
};
