//! Random valid configurations with hostile free-text values, shared by the round-trip tests and the
//! conformance case generator (`examples/conformance_cases.rs`).

#![allow(dead_code, unreachable_pub)]

use amlnet_core::model::{
    AuthMode, Config, Context, Destination, FirewallSku, FqdnDestination, IsolationMode, ManagedNetwork, NetworkAccess, OnlineDeployment,
    OnlineEndpoint, Operation, OutboundRule, PrivateEndpointDestination, ServiceTagDestination, Value, Workspace, WorkspaceKind,
};

/// xorshift64*: deterministic, dependency-free.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Free-text values that every generator must carry exactly (descriptions, tags).
pub const HOSTILE: &[&str] = &[
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "~",
    "null",
    "",
    " ",
    "0123",
    "0o17",
    "0x1F",
    "1_000",
    "1:30",
    "12:30:00",
    "2024-01-01",
    "2024-01-01T10:00:00Z",
    "<<",
    "=",
    "-",
    "- x",
    "? x",
    "a: b",
    "#x",
    "x #y",
    "@x",
    "`id`",
    "!x",
    "&x",
    "*x",
    "%x",
    "|",
    ">",
    " lead",
    "trail ",
    "tab\there",
    "two\nlines",
    "it's",
    "say \"hi\"",
    "back\\slash",
    "$(rm -rf /)",
    "'; rm -rf ~; '",
    "$HOME",
    "${IFS}",
    "caf\u{e9}",
    "\u{1f600}",
    "nel\u{85}x",
    "ls\u{2028}ps",
    "AMLNET_YAML",
    "\u{7f}del",
    "\u{1b}[31mred",
    "1e3",
    "1.0e+3",
    ".inf",
    "-.5",
    "True",
    "FALSE",
    "{a: 1}",
    "[1, 2]",
    "80, 8080",
];

/// Resource-group names that are valid in Azure but look like other YAML types.
const RG_NAMES: &[&str] = &["rg", "yes", "0123", "1_000", "2024-01-01", "my.rg-(test)", "on", "null"];

fn hostile(rng: &mut Rng) -> String {
    (*rng.pick(HOSTILE)).to_owned()
}

fn valid_name(rng: &mut Rng, prefix: &str, i: usize) -> String {
    let tails = ["", "-a", "_b", "-0123", "-yes", "-1e3"];
    format!("{prefix}{i}{}", rng.pick(&tails))
}

fn random_rule(rng: &mut Rng, i: usize, approved: bool) -> OutboundRule {
    let kind = if approved { rng.below(3) } else { 0 };
    let name = valid_name(rng, "rule", i);
    let destination = match kind {
        0 => {
            let (rtype, subs) = *rng.pick(&[
                ("Microsoft.Storage/storageAccounts", &["blob", "file", "dfs", "queue"][..]),
                ("Microsoft.KeyVault/vaults", &["vault"][..]),
                ("Microsoft.ContainerRegistry/registries", &["registry"][..]),
                ("Microsoft.Network/applicationGateways", &["appGwPrivateFrontendIpIPv4"][..]),
            ]);
            let rg = (*rng.pick(RG_NAMES)).to_owned();
            let is_storage = rtype.starts_with("Microsoft.Storage");
            let is_appgw = rtype.contains("applicationGateways");
            Destination::PrivateEndpoint(PrivateEndpointDestination {
                service_resource_id: format!("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/{rg}/providers/{rtype}/target{i}"),
                subresource_target: (*rng.pick(subs)).to_owned(),
                spark_enabled: is_storage && rng.chance(30),
                fqdns: if is_appgw { vec![format!("app{i}.contoso.com"), "api.on.contoso.com".to_owned()] } else { Vec::new() },
            })
        }
        1 => Destination::ServiceTag(ServiceTagDestination {
            service_tag: (*rng.pick(&["AzureMonitor", "DataFactory", "Storage.EastUS", "AzureResourceManager"])).to_owned(),
            protocol: (*rng.pick(&["TCP", "UDP", "*", "ICMP"])).to_owned(),
            port_ranges: (*rng.pick(&["443", "80, 8080-8089", "0123", "1:30", "*", "22,443"])).to_owned(),
            address_prefixes: if rng.chance(30) { Some(vec!["10.0.0.0/24".to_owned(), "168.63.129.16".to_owned()]) } else { None },
        }),
        _ => Destination::Fqdn(FqdnDestination {
            destination: (*rng.pick(&["pypi.org", "*.pytorch.org", "on.example.com", "yes.contoso.com", "1.2.3.example"])).to_owned(),
        }),
    };
    OutboundRule { name, destination }
}

pub fn random_config(rng: &mut Rng) -> Config {
    let mode = *rng.pick(&[IsolationMode::AllowInternetOutbound, IsolationMode::AllowOnlyApprovedOutbound, IsolationMode::Disabled]);
    let approved = mode == IsolationMode::AllowOnlyApprovedOutbound;
    let n_rules = if mode == IsolationMode::Disabled { 0 } else { rng.below(6) };
    let rules: Vec<OutboundRule> = (0..n_rules).map(|i| random_rule(rng, i, approved)).collect();
    let has_fqdn = rules.iter().any(|r| matches!(r.destination, Destination::Fqdn(_)));
    let tags: Vec<(String, String)> =
        (0..rng.below(4)).map(|i| (if rng.chance(50) { hostile(rng) } else { format!("tag{i}") }, hostile(rng))).collect();
    let mut tags_dedup: Vec<(String, String)> = Vec::new();
    for (k, v) in tags {
        if !tags_dedup.iter().any(|(x, _)| *x == k) {
            tags_dedup.push((k, v));
        }
    }
    let ws_index = rng.below(100);
    let ws = Workspace {
        kind: WorkspaceKind::Default,
        hub_id: None,
        name: valid_name(rng, "ws", ws_index),
        location: Some((*rng.pick(&["eastus", "westeurope", "on"])).to_owned()),
        display_name: if rng.chance(50) { Some(hostile(rng)) } else { None },
        description: if rng.chance(70) { Some(hostile(rng)) } else { None },
        tags: tags_dedup,
        public_network_access: Some(*rng.pick(&[NetworkAccess::Enabled, NetworkAccess::Disabled])),
        image_build_compute: if approved { Some("image-builder".to_owned()) } else { None },
        provision_network_now: if rng.chance(40) { Some(rng.chance(50)) } else { None },
        managed_network: Some(ManagedNetwork {
            isolation_mode: Some(mode),
            firewall_sku: if approved && has_fqdn { Some(*rng.pick(&[FirewallSku::Basic, FirewallSku::Standard])) } else { None },
            outbound_rules: rules,
        }),
        v1_legacy_mode: None,
        extra: if rng.chance(30) { vec![("hbi_workspace".to_owned(), Value::Bool(true))] } else { Vec::new() },
    };
    let with_endpoint = rng.chance(60);
    let endpoint_name = format!("ep-{}", rng.below(1000));
    let endpoint = with_endpoint.then(|| OnlineEndpoint {
        compute: None,
        name: endpoint_name.clone(),
        description: if rng.chance(50) { Some(hostile(rng)) } else { None },
        tags: Vec::new(),
        auth_mode: Some(*rng.pick(&AuthMode::ALL)),
        public_network_access: Some(*rng.pick(&[NetworkAccess::Enabled, NetworkAccess::Disabled])),
        identity: None,
        extra: Vec::new(),
    });
    let deployments = if with_endpoint && rng.chance(70) {
        vec![OnlineDeployment {
            kubernetes: false,
            name: (*rng.pick(&["blue", "green-1", "yes"])).to_owned(),
            endpoint_name,
            model: Some(Value::Str("azureml:my-model:1".to_owned())),
            environment: Some(Value::Str("azureml:my-env:1".to_owned())),
            code_configuration: None,
            instance_type: Some("Standard_DS3_v2".to_owned()),
            instance_count: Some(1 + rng.below(3) as i64),
            app_insights_enabled: if rng.chance(50) { Some(true) } else { None },
            egress_public_network_access: None,
            extra: Vec::new(),
        }]
    } else {
        Vec::new()
    };
    Config {
        context: Context {
            subscription_id: if rng.chance(80) { Some("00000000-1111-2222-3333-444444444444".to_owned()) } else { None },
            resource_group: Some((*rng.pick(RG_NAMES)).to_owned()),
            operation: if rng.chance(30) { Operation::Update } else { Operation::Create },
            ..Context::default()
        },
        workspace: Some(ws),
        endpoint,
        deployments,
    }
}
