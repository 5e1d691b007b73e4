//! `document-kind-unknown`: amlnet cannot tell what kind of document this is.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "document-kind-unknown",
    severity: Severity::Error,
    summary: "amlnet cannot tell what kind of document this is",
    docs: docs!(r#"## What it catches
A document without a `$schema` line whose keys match no workspace, online endpoint or online deployment.

## Why it matters
Without the kind, nothing in the file can be checked.

## Example
```yaml
foo: bar
```

## Instead
Add the `$schema` line of the document's kind, e.g.
```yaml
$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
```
or give the kind on the command line (`amlnet check --kind workspace FILE`)."#),
};
