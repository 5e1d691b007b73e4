//! `deployment-name-invalid`: an online deployment name that azure-ai-ml or Azure rejects.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "deployment-name-invalid",
    severity: Severity::Error,
    summary: "An online deployment name is not 3-32 letters, digits and single dashes, starting with a letter",
    docs: docs!(r#"## What it catches
An online deployment `name` that breaks the endpoint naming rule: 3 to 32 characters, starting with a
letter, ending with a letter or digit, only letters, digits and single dashes.

## Why it matters
azure-ai-ml validates deployment names with the endpoint name pattern
`^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$` and length, so `az ml online-deployment create` fails before
anything is created, typically after the endpoint already exists.

## Example
```yaml
name: blue_v2
endpoint_name: my-endpoint
```

## Instead
```yaml
name: blue-v2
endpoint_name: my-endpoint
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, dep) in cx.config.deployments.iter().enumerate() {
        if let Err(problem) = super::endpoint_name_invalid::endpoint_name(&dep.name) {
            let d = INFO
                .at("name", format!("the deployment name{} is not valid: {problem}", super::named(&dep.name)))
                .with_help("use 3-32 letters, digits and single dashes, starting with a letter and ending with a letter or digit");
            cx.report(Target::Deployment(i), d);
        }
    }
}
