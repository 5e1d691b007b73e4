//! The demo configuration: an approved-outbound workspace with one rule of each type, a secure online
//! endpoint and its deployment. `amlnet demo` prints it; the web app starts from it.

use crate::{analyze, Config, Context, SourceFile};

/// The demo as YAML files `(name, text)`.
pub const DEMO_FILES: &[(&str, &str)] = &[
    (
        "workspace.yml",
        r#"$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
name: contoso-ml
location: eastus
display_name: Contoso ML (network isolated)
description: Workspace with a managed virtual network that allows only approved outbound traffic
tags:
  team: data-science
image_build_compute: image-builder
public_network_access: Disabled
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: datalake-dfs
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/contoso-data/providers/Microsoft.Storage/storageAccounts/contosodatalake
      subresource_target: dfs
      spark_enabled: true
  - name: azure-monitor
    type: service_tag
    destination:
      service_tag: AzureMonitor
      protocol: TCP
      port_ranges: '443'
  - name: pypi
    type: fqdn
    destination: pypi.org
  - name: pythonhosted
    type: fqdn
    destination: files.pythonhosted.org
  firewall_sku: basic
"#,
    ),
    (
        "endpoint.yml",
        r#"$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json
name: contoso-scoring
auth_mode: key
public_network_access: disabled
"#,
    ),
    (
        "deployment.yml",
        r#"$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
name: blue
endpoint_name: contoso-scoring
model: azureml:contoso-model:1
environment: azureml:contoso-env:1
instance_type: Standard_DS3_v2
instance_count: 1
"#,
    ),
];

/// The demo's context: a placeholder subscription and resource group, creating a new workspace.
pub fn demo_context() -> Context {
    Context {
        subscription_id: Some("00000000-1111-2222-3333-444444444444".to_owned()),
        resource_group: Some("contoso-ml-rg".to_owned()),
        ..Context::default()
    }
}

/// The demo as a model.
pub fn demo_config() -> Config {
    let files: Vec<SourceFile> = DEMO_FILES.iter().map(|(name, text)| SourceFile::new(*name, *text)).collect();
    analyze(&files, demo_context()).config
}
