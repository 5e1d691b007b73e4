//! `deployment-endpoint-mismatch`: a deployment whose `endpoint_name` is not the endpoint being configured.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "deployment-endpoint-mismatch",
    severity: Severity::Error,
    summary: "A deployment's `endpoint_name` differs from the name of the online endpoint in the same change",
    docs: docs!(r#"## What it catches
An online deployment whose `endpoint_name` is not the `name` of the online endpoint document checked
with it (compared without regard to case).

## Why it matters
The generated scripts create the endpoint, then its deployments. A deployment that names another
endpoint either fails ("endpoint not found") or is added to an endpoint outside this change, with that
endpoint's network settings.

## Example
The endpoint (`endpoint.yml`):
```yaml
name: scoring
auth_mode: key
```
and its deployment (`deployment.yml`):
```yaml
name: blue
endpoint_name: scoring-endpoint
model: azureml:my-model:1
instance_type: Standard_DS3_v2
instance_count: 1
```

## Instead
```yaml
name: blue
endpoint_name: scoring
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ep) = &cx.config.endpoint else { return };
    if ep.name.is_empty() {
        return;
    }
    for (i, dep) in cx.config.deployments.iter().enumerate() {
        if dep.endpoint_name.is_empty() || dep.endpoint_name.eq_ignore_ascii_case(&ep.name) {
            continue;
        }
        let d = INFO
            .at(
                "endpoint_name",
                format!("deployment `{}` names the endpoint `{}`, but the endpoint in this change is `{}`", dep.name, dep.endpoint_name, ep.name),
            )
            .with_help("set `endpoint_name` to the endpoint's name, or check the deployment with its own endpoint")
            .with_fix(format!("Write `{}`", ep.name), Some(crate::emit::yaml::scalar(&ep.name)));
        cx.report(Target::Deployment(i), d);
    }
}
