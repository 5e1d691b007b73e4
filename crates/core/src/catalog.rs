//! Reference data: private-endpoint targets and their sub-resources, known service tags, the rules the
//! service adds by itself, and the recommended rule sets for common scenarios (reference §B.5-§B.9).

/// A resource type that a private endpoint rule can target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrivateEndpointTarget {
    /// What the portal's "Resource type" picker shows.
    pub label: &'static str,
    /// `Namespace/type` as in the ARM ID (compared case-insensitively).
    pub resource_type: &'static str,
    /// Valid `subresource_target` values, first is the usual choice.
    pub subresources: &'static [&'static str],
    /// Whether the portal offers "Spark enabled" for it.
    pub spark_in_portal: bool,
}

pub const PRIVATE_ENDPOINT_TARGETS: &[PrivateEndpointTarget] = &[
    PrivateEndpointTarget {
        label: "Storage account",
        resource_type: "Microsoft.Storage/storageAccounts",
        subresources: &[
            "blob",
            "file",
            "queue",
            "table",
            "web",
            "dfs",
            "blob_secondary",
            "file_secondary",
            "queue_secondary",
            "table_secondary",
            "web_secondary",
            "dfs_secondary",
        ],
        spark_in_portal: true,
    },
    PrivateEndpointTarget { label: "Key vault", resource_type: "Microsoft.KeyVault/vaults", subresources: &["vault"], spark_in_portal: false },
    PrivateEndpointTarget {
        label: "Container registry",
        resource_type: "Microsoft.ContainerRegistry/registries",
        subresources: &["registry"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Azure Machine Learning workspace",
        resource_type: "Microsoft.MachineLearningServices/workspaces",
        subresources: &["amlworkspace"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Azure Machine Learning registry",
        resource_type: "Microsoft.MachineLearningServices/registries",
        subresources: &["amlregistry"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Foundry Tools / Azure OpenAI / AI services",
        resource_type: "Microsoft.CognitiveServices/accounts",
        subresources: &["account"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Azure AI Search",
        resource_type: "Microsoft.Search/searchServices",
        subresources: &["searchService"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget { label: "Azure SQL server", resource_type: "Microsoft.Sql/servers", subresources: &["sqlServer"], spark_in_portal: false },
    PrivateEndpointTarget {
        label: "Data Factory",
        resource_type: "Microsoft.DataFactory/factories",
        subresources: &["dataFactory"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Cosmos DB",
        resource_type: "Microsoft.DocumentDB/databaseAccounts",
        subresources: &["Sql", "MongoDB", "Cassandra", "Gremlin", "Table"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Event Hubs",
        resource_type: "Microsoft.EventHub/namespaces",
        subresources: &["namespace"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Azure Cache for Redis",
        resource_type: "Microsoft.Cache/Redis",
        subresources: &["redisCache"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Azure Managed Redis",
        resource_type: "Microsoft.Cache/redisEnterprise",
        subresources: &["redisEnterprise"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Azure Databricks",
        resource_type: "Microsoft.Databricks/workspaces",
        subresources: &["databricks_ui_api", "browser_authentication"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "MariaDB",
        resource_type: "Microsoft.DBforMariaDB/servers",
        subresources: &["mariadbServer"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "PostgreSQL",
        resource_type: "Microsoft.DBforPostgreSQL/servers",
        subresources: &["postgresqlServer"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "PostgreSQL flexible server",
        resource_type: "Microsoft.DBforPostgreSQL/flexibleServers",
        subresources: &["postgresqlServer"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget { label: "MySQL", resource_type: "Microsoft.DBforMySQL/servers", subresources: &["mysqlServer"], spark_in_portal: false },
    PrivateEndpointTarget {
        label: "MySQL flexible server",
        resource_type: "Microsoft.DBforMySQL/flexibleServers",
        subresources: &["mysqlServer"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "API Management",
        resource_type: "Microsoft.ApiManagement/service",
        subresources: &["Gateway"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Application Gateway",
        resource_type: "Microsoft.Network/applicationGateways",
        subresources: &["appGwPrivateFrontendIpIPv4"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Application Insights (Azure Monitor Private Link Scope)",
        resource_type: "Microsoft.Insights/privateLinkScopes",
        subresources: &["azuremonitor"],
        spark_in_portal: false,
    },
    PrivateEndpointTarget {
        label: "Private Link service",
        resource_type: "Microsoft.Network/privateLinkServices",
        subresources: &["default"],
        spark_in_portal: false,
    },
];

/// Finds the target for an ARM resource type (`Namespace/type`), ignoring case.
pub fn private_endpoint_target(resource_type: &str) -> Option<&'static PrivateEndpointTarget> {
    PRIVATE_ENDPOINT_TARGETS.iter().find(|t| t.resource_type.eq_ignore_ascii_case(resource_type))
}

/// The parts of an ARM resource ID of the form
/// `/subscriptions/<guid>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/<child-type>/<child>...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArmId<'a> {
    pub subscription: &'a str,
    pub resource_group: &'a str,
    pub namespace: &'a str,
    pub resource_type: &'a str,
    pub name: &'a str,
}

impl ArmId<'_> {
    /// `Namespace/type`.
    pub fn full_type(&self) -> String {
        format!("{}/{}", self.namespace, self.resource_type)
    }
}

/// Parses an ARM resource ID; `None` when it does not have the shape above.
pub fn parse_arm_id(id: &str) -> Option<ArmId<'_>> {
    let rest = id.strip_prefix('/')?;
    let parts: Vec<&str> = rest.split('/').collect();
    if parts.len() < 8 || parts.len() % 2 == 1 {
        return None;
    }
    if !parts[0].eq_ignore_ascii_case("subscriptions")
        || !parts[2].eq_ignore_ascii_case("resourceGroups")
        || !parts[4].eq_ignore_ascii_case("providers")
    {
        return None;
    }
    if parts.iter().any(|p| p.is_empty() || p.chars().any(|c| c.is_whitespace() || c.is_control())) {
        return None;
    }
    let namespace = parts[5];
    let valid_namespace = namespace.contains('.') && namespace.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    let resource_type = parts[6];
    let valid_type = resource_type.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid_namespace || !valid_type {
        return None;
    }
    Some(ArmId { subscription: parts[1], resource_group: parts[3], namespace, resource_type, name: parts.get(7)? })
}

/// Whether `text` is a GUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hex digits).
pub fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5 && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Service tags known to be valid for outbound rules: what `service-tag-unknown` and the app's
/// suggestions check against. Advisory: regional tags such as `Storage.EastUS` are accepted by the service
/// too ([`is_known_service_tag`]). No other published list exists, so today these are the names of
/// azurerm's allow-list; a tag the service documents later belongs here even if azurerm lags.
pub const SERVICE_TAGS: &[&str] = AZURERM_SERVICE_TAGS;

/// The service tags the azurerm provider accepts in `azurerm_machine_learning_workspace_network_outbound_rule_service_tag`
/// (its allow-list, reference §B.6; exact names, no regional tags): what the Terraform export writes with
/// azurerm rather than azapi.
pub const AZURERM_SERVICE_TAGS: &[&str] = &[
    "AppConfiguration",
    "AppService",
    "AppServiceManagement",
    "AutonomousDevelopmentPlatform",
    "AzureActiveDirectory",
    "AzureActiveDirectoryDomainServices",
    "AzureAdvancedThreatProtection",
    "AzureArcInfrastructure",
    "AzureAttestation",
    "AzureBackup",
    "AzureBotService",
    "AzureCloud",
    "AzureConnectors",
    "AzureContainerAppsService",
    "AzureContainerRegistry",
    "AzureCosmosDB",
    "AzureDatabricks",
    "AzureDataLake",
    "AzureDevSpaces",
    "AzureDeviceUpdate",
    "AzureEventGrid",
    "AzureFrontDoor.Backend",
    "AzureFrontDoor.FirstParty",
    "AzureFrontDoor.Frontend",
    "AzureHealthcareAPIs",
    "AzureInformationProtection",
    "AzureIoTHub",
    "AzureKeyVault",
    "AzureLoadBalancer",
    "AzureMachineLearning",
    "AzureManagedGrafana",
    "AzureMonitor",
    "AzureOpenDatasets",
    "AzurePlatformDNS",
    "AzurePlatformIMDS",
    "AzurePlatformLKM",
    "AzureResourceManager",
    "AzureSignalR",
    "AzureSiteRecovery",
    "AzureSphere",
    "AzureSpringCloud",
    "AzureStack",
    "AzureUpdateDelivery",
    "AzureWebPubSub",
    "BatchNodeManagement",
    "ChaosStudio",
    "CognitiveServicesFrontend",
    "CognitiveServicesManagement",
    "DataFactory",
    "DataFactoryManagement",
    "Dynamics365BusinessCentral",
    "Dynamics365ForMarketingEmail",
    "EOPExternalPublishedIPs",
    "EventHub",
    "GuestAndHybridManagement",
    "Internet",
    "LogicApps",
    "M365ManagementActivityApi",
    "Marketplace",
    "MicrosoftAzureFluidRelay",
    "MicrosoftCloudAppSecurity",
    "MicrosoftContainerRegistry",
    "MicrosoftDefenderForEndpoint",
    "PowerBI",
    "PowerPlatformInfra",
    "PowerQueryOnline",
    "ServiceBus",
    "ServiceFabric",
    "Sql",
    "SqlManagement",
    "Storage",
    "StorageSyncService",
    "VirtualNetwork",
    "WindowsAdminCenter",
    "WindowsVirtualDesktop",
];

/// Whether a service tag is known, also in its regional form (`Storage.EastUS`).
pub fn is_known_service_tag(tag: &str) -> bool {
    SERVICE_TAGS.contains(&tag)
        || tag
            .split_once('.')
            .is_some_and(|(base, region)| SERVICE_TAGS.contains(&base) && !region.is_empty() && region.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A rule the service adds by itself (category Required); shown read-only, never exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequiredRule {
    pub destination: &'static str,
    pub kind: &'static str,
    pub reason: &'static str,
}

/// The required rules of a managed network (reference §B.9).
pub const REQUIRED_RULES: &[RequiredRule] = &[
    RequiredRule {
        destination: "Workspace, default storage (blob, file), key vault, container registry",
        kind: "Private endpoint",
        reason: "Always in approved outbound; in internet outbound only for resources with public network access disabled",
    },
    RequiredRule { destination: "AzureMachineLearning", kind: "Service tag", reason: "Compute instance and cluster management" },
    RequiredRule { destination: "AzureActiveDirectory", kind: "Service tag", reason: "Microsoft Entra ID authentication" },
    RequiredRule { destination: "BatchNodeManagement.<region>", kind: "Service tag", reason: "Azure Batch back end for compute" },
    RequiredRule { destination: "AzureResourceManager", kind: "Service tag", reason: "Creating Azure resources" },
    RequiredRule { destination: "AzureFrontDoor.FirstParty", kind: "Service tag", reason: "Microsoft docker images" },
    RequiredRule { destination: "MicrosoftContainerRegistry", kind: "Service tag", reason: "Microsoft docker images" },
    RequiredRule { destination: "AzureMonitor", kind: "Service tag", reason: "Logs and metrics" },
    RequiredRule { destination: "VirtualNetwork", kind: "Service tag", reason: "Private endpoints in the network" },
];

/// A named set of FQDN rules for a common scenario (reference §B.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecommendedSet {
    pub id: &'static str,
    pub label: &'static str,
    /// (rule name, destination)
    pub rules: &'static [(&'static str, &'static str)],
}

pub const RECOMMENDED_SETS: &[RecommendedSet] = &[
    RecommendedSet {
        id: "python-packages",
        label: "Python packages (PyPI, PyTorch, TensorFlow)",
        rules: &[
            ("pypi", "pypi.org"),
            ("pythonhosted", "files.pythonhosted.org"),
            ("pytorch", "pytorch.org"),
            ("pytorch-all", "*.pytorch.org"),
            ("tensorflow", "*.tensorflow.org"),
        ],
    },
    RecommendedSet {
        id: "conda",
        label: "Conda packages (Anaconda)",
        rules: &[("anaconda", "anaconda.com"), ("anaconda-all", "*.anaconda.com"), ("anaconda-org", "*.anaconda.org")],
    },
    RecommendedSet {
        id: "hugging-face",
        label: "Hugging Face models",
        rules: &[
            ("docker-io", "docker.io"),
            ("docker-io-all", "*.docker.io"),
            ("docker-com-all", "*.docker.com"),
            ("docker-cloudflare", "production.cloudflare.docker.com"),
            ("auth0-cdn", "cdn.auth0.com"),
            ("huggingface-lfs", "cdn-lfs.huggingface.co"),
        ],
    },
    RecommendedSet {
        id: "vs-code",
        label: "Visual Studio Code",
        rules: &[
            ("vscode-dev", "*.vscode.dev"),
            ("vscode-unpkg", "*.vscode-unpkg.net"),
            ("vscode-cdn", "*.vscode-cdn.net"),
            ("vscode-experiments", "*.vscodeexperiments.azureedge.net"),
            ("vscode-exp-tas", "default.exp-tas.com"),
            ("vscode-code", "code.visualstudio.com"),
            ("vscode-update", "update.code.visualstudio.com"),
            ("vscode-msecnd", "*.vo.msecnd.net"),
            ("vscode-marketplace", "marketplace.visualstudio.com"),
            ("vscode-blob", "vscode.blob.core.windows.net"),
            ("vscode-gallery", "*.gallerycdn.vsassets.io"),
            ("vscode-download", "vscode.download.prss.microsoft.com"),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arm_ids() {
        let id = parse_arm_id("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa")
            .expect("valid");
        assert_eq!(id.full_type(), "Microsoft.Storage/storageAccounts");
        assert_eq!(id.name, "sa");
        assert!(parse_arm_id("/someappgwid").is_none());
        assert!(parse_arm_id("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts").is_none());
        assert!(is_guid("00000000-1111-2222-3333-444444444444"));
        assert!(!is_guid("<SUBSCRIPTION_ID>"));
    }
}
