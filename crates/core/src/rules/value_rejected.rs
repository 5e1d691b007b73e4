//! `value-rejected`: a value of the right type that azure-ai-ml's schema still rejects.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "value-rejected",
    severity: Severity::Error,
    summary: "A value azure-ai-ml's schema rejects (a reference, ARM id, URL or pattern it cannot read)",
    docs: docs!(r#"## What it catches
Values that have the right YAML type but fail one of azure-ai-ml 1.35's own checks while it reads the
file: a model or environment that is not an `azureml:` reference, a registry URI or a mapping (a bare
`name:version`); `storage_account`, `key_vault`, `container_registry` or `application_insights` that are
not full ARM ids (`<SUBSCRIPTION_ID>` placeholders included); a `customer_managed_key.key_uri` that is not
a URL; an endpoint name outside `^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$`; traffic over 100 %; a data
collector sampling rate outside 0-1; `network_acls` whose `default_action` is not exactly `Allow` or
`Deny`. The checks are read from the SDK's schemas (`crates/core/src/schema/sdk.rs`).

## Why it matters
`az ml ... create --file` and `load_*` fail on the file before anything reaches Azure; in a pipeline
that is a failed run after the review was approved.

## Example
```yaml
name: blue
endpoint_name: my-endpoint
model: my-model:1
instance_type: Standard_DS3_v2
```

## Instead
```yaml
model: azureml:my-model:1
```"#),
};
