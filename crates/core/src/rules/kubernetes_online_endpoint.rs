//! `kubernetes-online-endpoint`: a Kubernetes online endpoint or deployment.

use super::prelude::*;
use crate::model::IsolationMode;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "kubernetes-online-endpoint",
    severity: Severity::Info,
    summary: "A Kubernetes online endpoint or deployment: not usable with a managed network, and not checked further",
    docs: docs!(r#"## What it catches
An online endpoint with `compute:` (an attached Kubernetes compute) or a deployment with
`type: kubernetes`. azure-ai-ml reads them with their own schemas, and amlnet reads them as it does.

## Why it matters
A workspace with a managed virtual network cannot use Kubernetes online endpoints (a documented
limitation of the managed network): with `isolation_mode` other than `disabled` in the same change this
is an error. Otherwise it is information: amlnet checks the network isolation of managed online
endpoints only; a Kubernetes endpoint's inbound and outbound traffic is the cluster's.

## Example
```yaml
name: k8s-endpoint
compute: azureml:aks-cluster
auth_mode: key
```

## Instead
Use a managed online endpoint (no `compute`) in a workspace with a managed network, or keep the
Kubernetes endpoint in a workspace whose network you manage yourself.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let managed = matches!(cx.config.isolation_mode(), Some(IsolationMode::AllowInternetOutbound | IsolationMode::AllowOnlyApprovedOutbound));
    let mut found: Vec<(Target, &str, String)> = Vec::new();
    if let Some(ep) = cx.config.endpoint.as_ref().filter(|e| e.compute.is_some()) {
        found.push((Target::Endpoint, "compute", format!("`{}` is a Kubernetes online endpoint", ep.name)));
    }
    for (i, dep) in cx.config.deployments.iter().enumerate().filter(|(_, d)| d.kubernetes) {
        found.push((Target::Deployment(i), "type", format!("`{}` is a Kubernetes online deployment", dep.name)));
    }
    for (target, path, what) in found {
        let d = if managed {
            let mut d = INFO
                .at(path, format!("{what}; a workspace with a managed virtual network cannot use Kubernetes online endpoints"))
                .with_help("use a managed online endpoint (remove `compute` / `type: kubernetes`), or a workspace without a managed network");
            d.severity = Severity::Error;
            d
        } else {
            INFO.at(path, format!("{what}; amlnet checks the network isolation of managed online endpoints only"))
                .with_help("its inbound and outbound traffic is the Kubernetes cluster's; review the cluster's network separately")
        };
        cx.report(target, d);
    }
}
