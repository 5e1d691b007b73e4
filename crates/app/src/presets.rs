//! Named starting points: small configurations built from the core's catalog.

use amlnet_core::catalog::RECOMMENDED_SETS;
use amlnet_core::model::{
    AuthMode, Destination, FirewallSku, FqdnDestination, IsolationMode, ManagedNetwork, NetworkAccess, OnlineDeployment, OnlineEndpoint,
    OutboundRule, PrivateEndpointDestination, Value, Workspace,
};
use amlnet_core::{Config, Context};

/// A preset: an id for links and tests, a label, and the configuration.
pub struct Preset {
    pub id: &'static str,
    pub label: &'static str,
    pub build: fn() -> Config,
}

pub const PRESETS: &[Preset] = &[
    Preset { id: "demo", label: "Demo: approved outbound with all rule types and a secure endpoint", build: amlnet_core::demo::demo_config },
    Preset { id: "approved-pypi-conda", label: "Approved outbound with PyPI and conda", build: approved_pypi_conda },
    Preset { id: "internet-storage-spark", label: "Internet outbound with a storage private endpoint and Spark", build: internet_storage_spark },
    Preset { id: "secure-endpoint", label: "Secure online endpoint with no public inbound", build: secure_endpoint },
];

const SUBSCRIPTION: &str = "00000000-1111-2222-3333-444444444444";

fn context() -> Context {
    Context { subscription_id: Some(SUBSCRIPTION.to_owned()), resource_group: Some("ml-rg".to_owned()), ..Context::default() }
}

fn workspace(name: &str, mode: IsolationMode, rules: Vec<OutboundRule>) -> Workspace {
    Workspace {
        name: name.to_owned(),
        location: Some("eastus".to_owned()),
        public_network_access: Some(NetworkAccess::Disabled),
        managed_network: Some(ManagedNetwork {
            isolation_mode: Some(mode),
            firewall_sku: (mode == IsolationMode::AllowOnlyApprovedOutbound).then_some(FirewallSku::Standard),
            outbound_rules: rules,
        }),
        ..Workspace::default()
    }
}

fn fqdn_set(ids: &[&str]) -> Vec<OutboundRule> {
    RECOMMENDED_SETS
        .iter()
        .filter(|s| ids.contains(&s.id))
        .flat_map(|s| s.rules.iter())
        .map(|(name, dest)| OutboundRule {
            name: (*name).to_owned(),
            destination: Destination::Fqdn(FqdnDestination { destination: (*dest).to_owned() }),
        })
        .collect()
}

fn approved_pypi_conda() -> Config {
    Config {
        context: context(),
        workspace: Some(workspace("ml-approved", IsolationMode::AllowOnlyApprovedOutbound, fqdn_set(&["python-packages", "conda"]))),
        ..Config::default()
    }
}

fn internet_storage_spark() -> Config {
    let rule = OutboundRule {
        name: "datalake-blob".to_owned(),
        destination: Destination::PrivateEndpoint(PrivateEndpointDestination {
            service_resource_id: format!("/subscriptions/{SUBSCRIPTION}/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/datalake"),
            subresource_target: "blob".to_owned(),
            spark_enabled: true,
            fqdns: Vec::new(),
        }),
    };
    Config { context: context(), workspace: Some(workspace("ml-internet", IsolationMode::AllowInternetOutbound, vec![rule])), ..Config::default() }
}

fn secure_endpoint() -> Config {
    Config {
        context: context(),
        workspace: Some(workspace("ml-secure", IsolationMode::AllowOnlyApprovedOutbound, Vec::new())),
        endpoint: Some(OnlineEndpoint {
            name: "secure-scoring".to_owned(),
            auth_mode: Some(AuthMode::Key),
            public_network_access: Some(NetworkAccess::Disabled),
            ..OnlineEndpoint::default()
        }),
        deployments: vec![OnlineDeployment {
            name: "blue".to_owned(),
            endpoint_name: "secure-scoring".to_owned(),
            model: Some(Value::Str("azureml:my-model:1".to_owned())),
            environment: Some(Value::Str("azureml:my-env:1".to_owned())),
            instance_type: Some("Standard_DS3_v2".to_owned()),
            instance_count: Some(1),
            ..OnlineDeployment::default()
        }],
    }
}
