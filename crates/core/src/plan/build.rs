//! Building a plan: the steps from the current to the desired configuration, in the plan's order, each
//! with its bash and Python text, and the warnings that matter before anyone runs them.

use super::{update_context, PlanStep, StepKind};
use crate::diagnostic::Diagnostic;
use crate::emit::cli::shell_quote;
use crate::emit::python::py_str;
use crate::emit::yaml;
use crate::model::{
    Config, Destination, FirewallSku, IsolationMode, ManagedNetwork, NetworkAccess, OnlineDeployment, OnlineEndpoint, OutboundRule, Value, Workspace,
};
use crate::rules::{self, Target};
use std::fmt::Write as _;

/// The steps from `current` to `desired` and the warnings, each with the document it concerns.
pub(super) fn build(current: &Config, desired: &Config) -> (Vec<PlanStep>, Vec<(Target, Diagnostic)>) {
    let mut b = Builder::new(current, desired);
    b.build();
    let Builder { mut steps, findings, .. } = b;
    // The plan's order is `StepKind`'s (stable: steps of one kind keep the order they were added in).
    crate::sort::sort_by_key(&mut steps, |s| s.kind);
    (steps, findings)
}

struct Builder<'a> {
    current: &'a Config,
    desired: &'a Config,
    steps: Vec<PlanStep>,
    findings: Vec<(Target, Diagnostic)>,
}

/// Flags of `az ml ... --resource-group ... --workspace-name ...` commands.
const IN_WS: &str = "--resource-group \"$RESOURCE_GROUP\" --workspace-name \"$WORKSPACE_NAME\"";
const WS_TARGET: &str = "--resource-group \"$RESOURCE_GROUP\" --name \"$WORKSPACE_NAME\"";

fn effective_sku(mn: &ManagedNetwork) -> FirewallSku {
    // The YAML loader sends Standard when `firewall_sku` is absent (reference §B.2).
    mn.firewall_sku.unwrap_or(FirewallSku::Standard)
}

fn has_fqdn(rules: &[OutboundRule]) -> bool {
    rules.iter().any(|r| matches!(r.destination, Destination::Fqdn(_)))
}

fn spark_rule(rules: &[OutboundRule]) -> Option<usize> {
    rules.iter().position(|r| matches!(&r.destination, Destination::PrivateEndpoint(pe) if pe.spark_enabled))
}

fn managed(mode: IsolationMode) -> bool {
    mode != IsolationMode::Disabled
}

/// Statements indented by four spaces (a function body), unindented.
fn dedent(text: &str) -> String {
    text.lines().map(|l| format!("{}\n", l.strip_prefix("    ").unwrap_or(l))).collect()
}

fn heredoc(file: &str, contents: &str) -> String {
    let delimiter = crate::emit::cli::heredoc_delimiter(contents);
    format!("cat > {} <<'{delimiter}'\n{contents}{delimiter}\n", shell_quote(file))
}

impl<'a> Builder<'a> {
    fn new(current: &'a Config, desired: &'a Config) -> Self {
        Builder { current, desired, steps: Vec::new(), findings: Vec::new() }
    }

    fn step(&mut self, kind: StepKind, title: String, detail: String, bash: String, python: String) {
        self.steps.push(PlanStep { kind, title, detail, bash, python });
    }

    fn warn(&mut self, target: Target, d: Diagnostic) {
        self.findings.push((target, d));
    }

    fn build(&mut self) {
        let current = self.current;
        let desired = self.desired;
        if let (Some(now), Some(then)) = (current.workspace.as_ref(), desired.workspace.as_ref()) {
            if !now.name.is_empty() && !then.name.is_empty() && now.name != then.name {
                let d = rules::plan_codes::CURRENT_STATE_MISMATCH
                    .at(
                        "name",
                        format!(
                            "the current state is workspace `{}`, the desired document names `{}`; a plan between two workspaces is meaningless",
                            now.name, then.name
                        ),
                    )
                    .with_help("read the current state of the workspace you mean to change, or name the same workspace in both");
                self.warn(Target::Workspace, d);
                return;
            }
        }
        let cur_mode = current.isolation_mode().unwrap_or(IsolationMode::Disabled);
        let des_ws = desired.workspace.as_ref();
        let des_mn = des_ws.and_then(|w| w.managed_network.as_ref());
        let wanted_mode = des_mn.and_then(|m| m.isolation_mode).unwrap_or(cur_mode);

        // The existing rules judge the transition, with the current state as the update's context.
        let mut judged = desired.clone();
        judged.context = update_context(current, &desired.context);
        for (target, d) in rules::check_model(&judged) {
            if rules::plan_codes::PLAN_MODEL_RULES.iter().any(|r| r.code == d.code) {
                self.warn(target, d);
            }
        }
        let refused = self.findings.iter().any(|(_, d)| d.code == rules::plan_codes::ISOLATION_MODE_TRANSITION_NOT_ALLOWED.code && d.is_error());
        // A refused transition leaves the managed network as it is; the error says why.
        let des_mn = if refused { None } else { des_mn };
        let new_mode = if refused { cur_mode } else { wanted_mode };
        let enabling = !managed(cur_mode) && managed(new_mode);

        if enabling {
            self.delete_first(new_mode);
        }
        // After the deletions, the endpoint and its deployments no longer exist.
        let cur_endpoint = if enabling { None } else { current.endpoint.as_ref() };
        let cur_deployments: &[OnlineDeployment] = if enabling { &[] } else { &current.deployments };

        self.update_workspace(cur_mode, new_mode, des_mn);
        let rules_now = current.rules();
        let rules_then: &[OutboundRule] = match des_mn {
            Some(mn) => &mn.outbound_rules,
            None => rules_now,
        };
        if des_mn.is_some() {
            if managed(new_mode) {
                self.approver_role(rules_now, rules_then);
            }
            self.rules(rules_now, rules_then, new_mode);
        }

        // Provisioning: Spark for the first time, or a new managed network before its first deployment.
        let spark_then = managed(new_mode) && spark_rule(rules_then).is_some();
        let spark_now = managed(cur_mode) && spark_rule(rules_now).is_some();
        let new_deployments =
            desired.deployments.iter().any(|d| !cur_deployments.iter().any(|c| c.name == d.name && c.endpoint_name == d.endpoint_name));
        if managed(new_mode) && ((spark_then && !spark_now) || (enabling && new_deployments)) {
            self.provision(spark_then, spark_then && !spark_now, rules_then);
        }

        self.inbound();
        self.endpoint(cur_endpoint);
        self.deployments(cur_endpoint, cur_deployments);
    }

    /// The approver role on the targets of the private endpoint rules this plan sets (new or changed).
    fn approver_role(&mut self, now: &[OutboundRule], then: &[OutboundRule]) {
        let desired = self.desired;
        let set: Vec<&str> = then.iter().filter(|r| !now.contains(r)).map(|r| r.name.as_str()).collect();
        let targets: Vec<_> = crate::networking::assigned_targets(desired)
            .into_iter()
            .filter(|t| desired.rules().get(t.rule_index).is_some_and(|r| set.contains(&r.name.as_str())))
            .collect();
        if targets.is_empty() {
            return;
        }
        let names: Vec<String> = targets.iter().map(|t| format!("`{}`", t.id.rsplit('/').next().unwrap_or_default())).collect();
        let bash = crate::emit::cli::approver_commands_for(desired, &targets);
        let mut python = String::from("import uuid\n");
        for line in crate::emit::python::APPROVER_IMPORTS {
            python.push_str(line);
            python.push('\n');
        }
        python.push_str(&dedent(&crate::emit::python::approver_statements(desired, &targets)));
        self.step(
            StepKind::AssignApproverRole,
            format!("Assign the approver role on {}", names.join(", ")),
            format!(
                "\"{}\" lets the workspace approve its managed private endpoints to these targets (required since 2025-04-30).",
                crate::model::APPROVER_ROLE_NAME
            ),
            bash.trim_start_matches('\n').to_owned(),
            python,
        );
    }

    /// The inbound private endpoints of the desired context (amlnet does not read the existing ones: each
    /// is a step, and `az network private-endpoint create` updates one that exists).
    fn inbound(&mut self) {
        let desired = self.desired;
        let endpoints = crate::networking::inbound(desired);
        if endpoints.is_empty() {
            return;
        }
        let names: Vec<String> = endpoints.iter().map(|e| format!("`{}`", e.name)).collect();
        let networks: Vec<String> = endpoints.iter().map(|e| format!("`{}`", e.subnet.virtual_network)).collect();
        let bash = crate::emit::cli::inbound_commands(desired);
        let mut python = String::new();
        for line in crate::emit::python::inbound_imports(desired) {
            python.push_str(line);
            python.push('\n');
        }
        python.push_str(&dedent(&crate::emit::python::inbound_statements(desired)));
        self.step(
            StepKind::CreateInboundEndpoint,
            format!("Add the workspace's private {} {}", if names.len() == 1 { "endpoint" } else { "endpoints" }, names.join(", ")),
            format!(
                "In virtual {} {}, with private DNS as configured: clients there reach the workspace privately.",
                if networks.len() == 1 { "network" } else { "networks" },
                networks.join(", ")
            ),
            bash.trim_start_matches('\n').to_owned(),
            python,
        );
    }

    fn delete_first(&mut self, mode: IsolationMode) {
        let current = self.current;
        let mut bash = String::new();
        let mut python = String::new();
        // A failing `az` stops the script (`set -e` applies to assignments), so an empty list is really empty.
        bash.push_str("# There is no migration path for managed compute: stop if any compute is left.\n");
        let _ = writeln!(
            bash,
            "remaining=$(az ml compute list {IN_WS} --query '[].name' --output tsv)\nif [[ -n \"$remaining\" ]]; then\n  printf 'Delete these compute instances and clusters first, then run this script again:\\n%s\\n' \"$remaining\" >&2\n  exit 1\nfi"
        );
        python.push_str("remaining = [compute.name for compute in ml_client.compute.list()]\n");
        python.push_str(
            "if remaining:\n    sys.exit(\"Delete these compute resources first, then run this script again: \" + \", \".join(remaining))\n",
        );
        let mut what = "compute instances and clusters".to_owned();
        if let Some(ep) = &current.endpoint {
            let _ = writeln!(bash, "az ml online-endpoint delete --name {} {IN_WS} --yes", shell_quote(&ep.name));
            let _ = writeln!(python, "ml_client.online_endpoints.begin_delete(name={}).result()", py_str(&ep.name));
            let _ = write!(what, ", online endpoint `{}`", ep.name);
        }
        let _ = writeln!(
            bash,
            "remaining=$(az ml online-endpoint list {IN_WS} --query '[].name' --output tsv)\nif [[ -n \"$remaining\" ]]; then\n  printf 'Delete these online endpoints first, then run this script again:\\n%s\\n' \"$remaining\" >&2\n  exit 1\nfi"
        );
        python.push_str("remaining = [endpoint.name for endpoint in ml_client.online_endpoints.list()]\n");
        python.push_str(
            "if remaining:\n    sys.exit(\"Delete these online endpoints first, then run this script again: \" + \", \".join(remaining))\n",
        );
        self.step(
            StepKind::DeleteFirst,
            format!("Delete {what} before enabling `{}`", mode.yaml()),
            "Compute and managed online endpoints created before the managed network keep their old networking; they must be deleted now and recreated after the update. The script stops if any is left.".to_owned(),
            bash,
            python,
        );
    }

    fn update_workspace(&mut self, cur_mode: IsolationMode, new_mode: IsolationMode, des_mn: Option<&ManagedNetwork>) {
        let current = self.current;
        let Some(des_ws) = self.desired.workspace.as_ref() else { return };
        // What a plan changes in place: the network settings. The rest of the workspace is not planned (a
        // plan is about network isolation; the other settings stay as they are).
        let Workspace {
            kind,
            hub_id,
            name,
            location: _,
            display_name: _,
            description: _,
            tags: _,
            public_network_access,
            image_build_compute: _,
            provision_network_now: _,
            // `des_mn`: the desired managed network, or none when the transition is refused.
            managed_network: _,
            v1_legacy_mode: _,
            extra: _,
        } = des_ws;
        let cur_ws = current.workspace.as_ref();
        let mut changes = Vec::new();
        let mode_change = new_mode != cur_mode;
        if mode_change {
            changes.push(format!("isolation mode {} → {}", cur_mode.yaml(), new_mode.yaml()));
        }
        let cur_sku = current.workspace.as_ref().and_then(|w| w.managed_network.as_ref()).map_or(FirewallSku::Standard, effective_sku);
        let new_sku = des_mn.map_or(cur_sku, effective_sku);
        let sku_change = new_sku != cur_sku;
        if sku_change {
            changes.push(format!("firewall SKU {} → {}", cur_sku.pascal(), new_sku.pascal()));
            let rules_then = des_mn.map_or(&[][..], |m| m.outbound_rules.as_slice());
            let firewall_exists = cur_mode == IsolationMode::AllowOnlyApprovedOutbound && has_fqdn(current.rules());
            if new_mode == IsolationMode::AllowOnlyApprovedOutbound && has_fqdn(rules_then) && firewall_exists {
                let d = rules::plan_codes::FIREWALL_SKU_CHANGED
                    .at(
                        "managed_network.firewall_sku",
                        format!(
                            "the plan changes the Azure Firewall from {} to {}; the firewall is billed by SKU",
                            cur_sku.pascal(),
                            new_sku.pascal()
                        ),
                    )
                    .with_help(match new_sku {
                        FirewallSku::Basic => "Basic costs less and has fewer features; check the FQDN rules still behave",
                        FirewallSku::Standard => "Standard costs more than Basic; keep `firewall_sku: basic` if Basic was enough",
                    });
                self.warn(Target::Workspace, d);
            }
        }
        let cur_pna = cur_ws.and_then(|w| w.public_network_access).unwrap_or(NetworkAccess::Enabled);
        let pna_change = public_network_access.filter(|p| *p != cur_pna);
        if let Some(pna) = pna_change {
            changes.push(format!("public network access {} → {}", cur_pna.pascal(), pna.pascal()));
            let (message, help) = match pna {
                NetworkAccess::Disabled => (
                    "the plan disables public network access to the workspace: studio, SDK and CLI calls from outside its private endpoints stop working",
                    "make sure the people and pipelines that use the workspace reach it through a private endpoint (with private DNS) first",
                ),
                NetworkAccess::Enabled => (
                    "the plan enables public network access to the workspace: it becomes reachable from the internet (within `network_acls`)",
                    "keep `public_network_access: Disabled` unless the workspace must be reachable without a private endpoint",
                ),
            };
            self.warn(Target::Workspace, rules::plan_codes::PUBLIC_NETWORK_ACCESS_CHANGED.at("public_network_access", message).with_help(help));
        }
        if changes.is_empty() {
            return;
        }
        let mut bash = String::new();
        let mut python = String::new();
        // The SKU is written where it matters (approved outbound) or changes; the YAML loader sends Standard otherwise.
        let write_sku = (sku_change || new_mode == IsolationMode::AllowOnlyApprovedOutbound).then_some(new_sku);
        if mode_change || sku_change {
            // No flag sets the firewall SKU; a minimal document carries the mode, the SKU and the access.
            // Every field spelled out, so that a new one is a decision here.
            let ws = Workspace {
                // A hub stays a hub: `kind` chooses the schema `az ml workspace update --file` reads.
                kind: *kind,
                hub_id: hub_id.clone(),
                name: name.clone(),
                location: None,
                display_name: None,
                description: None,
                tags: Vec::new(),
                public_network_access: pna_change,
                image_build_compute: None,
                provision_network_now: None,
                // The rules are set one by one afterwards.
                managed_network: Some(ManagedNetwork { isolation_mode: Some(new_mode), firewall_sku: write_sku, outbound_rules: Vec::new() }),
                v1_legacy_mode: None,
                extra: Vec::new(),
            };
            bash.push_str(&heredoc("amlnet-workspace-update.yml", &yaml::to_yaml(&yaml::workspace_value(&ws, false))));
            let _ = writeln!(bash, "az ml workspace update --file amlnet-workspace-update.yml {WS_TARGET}");
        } else if let Some(pna) = pna_change {
            let _ = writeln!(bash, "az ml workspace update {WS_TARGET} --public-network-access {}", pna.pascal());
        }
        let mut args = vec!["name=WORKSPACE_NAME".to_owned()];
        if let Some(hub) = hub_id {
            args.push(format!("hub_id={}", py_str(hub)));
        }
        if let Some(pna) = pna_change {
            args.push(format!("public_network_access={}", py_str(pna.pascal())));
        }
        if mode_change || sku_change {
            let sku = write_sku.map(|s| format!(", firewall_sku={}", py_str(s.pascal()))).unwrap_or_default();
            args.push(format!("managed_network=ManagedNetwork(isolation_mode=IsolationMode.{}{sku})", new_mode.python_constant()));
        }
        let class = crate::emit::python::workspace_class(*kind);
        let _ = writeln!(python, "ml_client.workspaces.begin_update({class}({})).result()", args.join(", "));
        let mut detail = String::new();
        if mode_change {
            detail.push_str(
                "The isolation mode is one-way: a managed network cannot be disabled, and approved outbound cannot go back to internet outbound. ",
            );
        }
        if sku_change {
            detail.push_str("The firewall SKU matters only with FQDN rules in approved outbound, where it is billed. ");
        }
        detail.push_str("Outbound rules are not sent with the update; they are set one by one.");
        self.step(StepKind::UpdateWorkspace, format!("Update the workspace: {}", changes.join(", ")), detail, bash, python);
    }

    fn rules(&mut self, now: &[OutboundRule], then: &[OutboundRule], mode: IsolationMode) {
        for rule in now {
            if then.iter().any(|r| r.name == rule.name) {
                continue;
            }
            let d = rules::plan_codes::OUTBOUND_RULE_REMOVED
                .at(
                    "managed_network.outbound_rules",
                    format!("the plan removes outbound rule `{}` ({}); workloads that use it lose that destination", rule.name, describe(rule)),
                )
                .with_help("keep the rule in the desired document if anything still needs it");
            self.warn(Target::Workspace, d);
            self.step(
                StepKind::RemoveRule,
                format!("Remove outbound rule `{}`", rule.name),
                format!("The rule ({}) is no longer in the desired configuration.", describe(rule)),
                format!("az ml workspace outbound-rule remove {IN_WS} --rule {} --yes\n", shell_quote(&rule.name)),
                format!(
                    "ml_client.workspace_outbound_rules.begin_remove(workspace_name=WORKSPACE_NAME, outbound_rule_name={}).result()\n",
                    py_str(&rule.name)
                ),
            );
        }
        for rule in then {
            let (title, why) = match now.iter().find(|r| r.name == rule.name) {
                Some(old) if old == rule => continue,
                Some(old) => (format!("Change outbound rule `{}`", rule.name), format!("Was {}; becomes {}.", describe(old), describe(rule))),
                None => (format!("Add outbound rule `{}`", rule.name), format!("Allows {}.", describe(rule))),
            };
            let mut detail = why;
            if matches!(rule.destination, Destination::Fqdn(_)) && mode == IsolationMode::AllowOnlyApprovedOutbound {
                detail.push_str(" FQDN rules go through the managed Azure Firewall (billed; ports 80 and 443 only).");
            }
            self.step(StepKind::SetRule, title, detail, crate::emit::cli::rule_command(rule), format!("{}\n", python_rule_create(rule)));
        }
    }

    fn provision(&mut self, include_spark: bool, spark_is_new: bool, rules_then: &[OutboundRule]) {
        if spark_is_new {
            let i = spark_rule(rules_then).unwrap_or(0);
            let d = rules::plan_codes::SPARK_CANNOT_BE_DISABLED
                .at(
                    &format!("{}.destination.spark_enabled", crate::model::rule_path(i)),
                    "the plan provisions the managed network with `--include-spark`; once enabled, Spark support cannot be disabled",
                )
                .with_help("run it only if serverless Spark must reach these resources; otherwise set `spark_enabled: false`");
            self.warn(Target::Workspace, d);
        }
        let spark = if include_spark { " --include-spark" } else { "" };
        let detail = if include_spark {
            "Creates the managed network's resources now, with serverless Spark support (this cannot be undone). Public network access must already be disabled, or the workspace private endpoints may not be created."
        } else {
            "Online deployments need a provisioned managed network; provisioning takes up to about 30 minutes (plus about 10 for a firewall)."
        };
        self.step(
            StepKind::ProvisionNetwork,
            format!("Provision the managed network{}", if include_spark { " with Spark" } else { "" }),
            detail.to_owned(),
            format!("az ml workspace provision-network {WS_TARGET}{spark}\n"),
            format!(
                "ml_client.workspaces.begin_provision_network(workspace_name=WORKSPACE_NAME, include_spark={}).result()\n",
                if include_spark { "True" } else { "False" }
            ),
        );
    }

    fn endpoint(&mut self, cur_endpoint: Option<&crate::model::OnlineEndpoint>) {
        let Some(ep) = self.desired.endpoint.as_ref() else { return };
        // An existing endpoint changes only its inbound access in place; a new one is created from its whole
        // YAML (`yaml::endpoint_value`), so the rest is not compared.
        let OnlineEndpoint { compute: _, name, description: _, tags: _, auth_mode: _, public_network_access, identity: _, extra: _ } = ep;
        match cur_endpoint.filter(|c| c.name == *name) {
            Some(cur) => {
                let cur_pna = cur.public_network_access.unwrap_or(NetworkAccess::Enabled);
                let Some(pna) = public_network_access.filter(|p| *p != cur_pna) else { return };
                let (message, help) = match pna {
                    NetworkAccess::Disabled => (
                        format!(
                            "the plan disables public network access to endpoint `{}`: clients must call it through the workspace private endpoint",
                            name
                        ),
                        "make sure every client reaches the workspace private endpoint (with private DNS) before this runs",
                    ),
                    NetworkAccess::Enabled => (
                        format!(
                            "the plan enables public network access to endpoint `{}`: it can be called from the internet (with its key or token)",
                            name
                        ),
                        "keep `public_network_access: disabled` unless clients cannot use the workspace private endpoint",
                    ),
                };
                self.warn(Target::Endpoint, rules::plan_codes::PUBLIC_NETWORK_ACCESS_CHANGED.at("public_network_access", message).with_help(help));
                self.step(
                    StepKind::UpdateEndpoint,
                    format!("Set public network access of endpoint `{}` to {}", name, pna.lower()),
                    "Inbound access to an endpoint can change in place.".to_owned(),
                    format!(
                        "az ml online-endpoint update --name {} {IN_WS} --set {}\n",
                        shell_quote(name),
                        shell_quote(&format!("public_network_access={}", pna.lower()))
                    ),
                    format!(
                        "endpoint = ml_client.online_endpoints.get(name={})\nendpoint.public_network_access = {}\nml_client.online_endpoints.begin_create_or_update(endpoint).result()\n",
                        py_str(name),
                        py_str(pna.lower())
                    ),
                );
            }
            None => {
                let text = yaml::to_yaml(&yaml::endpoint_value(ep));
                let mut bash = heredoc("amlnet-endpoint.yml", &text);
                let _ = writeln!(bash, "az ml online-endpoint create --file amlnet-endpoint.yml {IN_WS}");
                self.step(
                    StepKind::CreateEndpoint,
                    format!("Create online endpoint `{}`", name),
                    format!("Public network access: {}.", public_network_access.unwrap_or(NetworkAccess::Enabled).lower()),
                    bash,
                    format!(
                        "ml_client.online_endpoints.begin_create_or_update(load_online_endpoint(source=io.StringIO({}))).result()\n",
                        py_str(&text)
                    ),
                );
            }
        }
    }

    fn deployments(&mut self, cur_endpoint: Option<&crate::model::OnlineEndpoint>, cur_deployments: &[OnlineDeployment]) {
        let desired = self.desired;
        let files = crate::emit::deployment_file_names(desired);
        let endpoint_is_new = desired.endpoint.as_ref().is_some_and(|ep| cur_endpoint.is_none_or(|c| c.name != ep.name));
        let mut first_created = true;
        for (i, dep) in desired.deployments.iter().enumerate() {
            let file = format!("amlnet-{}", files.get(i).map_or("deployment.yml", String::as_str));
            // An existing deployment is compared only by its egress access (which cannot change in place); a new
            // one is created from its whole YAML (`yaml::deployment_value`), so the rest is not compared.
            let OnlineDeployment {
                kubernetes: _,
                name,
                endpoint_name,
                model: _,
                environment: _,
                code_configuration: _,
                instance_type: _,
                instance_count: _,
                app_insights_enabled: _,
                egress_public_network_access,
                extra: _,
            } = dep;
            let text = yaml::to_yaml(&yaml::deployment_value(dep));
            let create_bash = |traffic: bool| {
                let mut bash = heredoc(&file, &text);
                let _ = writeln!(
                    bash,
                    "az ml online-deployment create --file {} {IN_WS}{}",
                    shell_quote(&file),
                    if traffic { " --all-traffic" } else { "" }
                );
                bash
            };
            let create_python = |traffic: bool| {
                let mut py = format!(
                    "ml_client.online_deployments.begin_create_or_update(load_online_deployment(source=io.StringIO({}))).result()\n",
                    py_str(&text)
                );
                if traffic {
                    let _ = writeln!(
                        py,
                        "endpoint = ml_client.online_endpoints.get(name={})\nendpoint.traffic = {{{}: 100}}\nml_client.online_endpoints.begin_create_or_update(endpoint).result()",
                        py_str(endpoint_name),
                        py_str(name)
                    );
                }
                py
            };
            match cur_deployments.iter().find(|c| c.name == *name && c.endpoint_name == *endpoint_name) {
                Some(cur) => {
                    let before = cur.egress_public_network_access.unwrap_or(NetworkAccess::Enabled);
                    let after = egress_public_network_access.unwrap_or(NetworkAccess::Enabled);
                    if before == after {
                        continue;
                    }
                    let d = rules::plan_codes::DEPLOYMENT_EGRESS_CANNOT_CHANGE
                        .at(
                            "egress_public_network_access",
                            format!(
                                "`egress_public_network_access` of deployment `{}` cannot change after creation ({} → {}): the plan deletes and recreates it, and it serves no requests in between",
                                name,
                                before.lower(),
                                after.lower()
                            ),
                        )
                        .with_help("move traffic to another deployment first, or create a new deployment under a new name and switch traffic to it");
                    self.warn(Target::Deployment(i), d);
                    let full_traffic = traffic_of(cur_endpoint, name) == Some(100);
                    let mut bash = String::new();
                    let mut python = String::new();
                    if full_traffic {
                        // A deployment that receives traffic cannot be deleted.
                        let _ = writeln!(
                            bash,
                            "az ml online-endpoint update --name {} {IN_WS} --traffic {}",
                            shell_quote(endpoint_name),
                            shell_quote(&format!("{name}=0"))
                        );
                        let _ = writeln!(
                            python,
                            "endpoint = ml_client.online_endpoints.get(name={})\nendpoint.traffic = {{{}: 0}}\nml_client.online_endpoints.begin_create_or_update(endpoint).result()",
                            py_str(endpoint_name),
                            py_str(name)
                        );
                    }
                    let _ = writeln!(
                        bash,
                        "az ml online-deployment delete --name {} --endpoint-name {} {IN_WS} --yes",
                        shell_quote(name),
                        shell_quote(endpoint_name)
                    );
                    let _ = writeln!(
                        python,
                        "ml_client.online_deployments.begin_delete(name={}, endpoint_name={}).result()",
                        py_str(name),
                        py_str(endpoint_name)
                    );
                    bash.push_str(&create_bash(full_traffic));
                    python.push_str(&create_python(full_traffic));
                    self.step(
                        StepKind::RecreateDeployment,
                        format!("Recreate deployment `{}` with egress public network access {}", name, after.lower()),
                        "The setting cannot be updated in place, so the deployment is deleted and created again. A deployment that receives part of the traffic cannot be deleted: move its traffic first.".to_owned(),
                        bash,
                        python,
                    );
                }
                None => {
                    let traffic = endpoint_is_new && first_created;
                    first_created = false;
                    self.step(
                        StepKind::CreateDeployment,
                        format!("Create deployment `{}` on endpoint `{}`", name, endpoint_name),
                        if traffic { "It receives all traffic." } else { "It receives no traffic until you set it." }.to_owned(),
                        create_bash(traffic),
                        create_python(traffic),
                    );
                }
            }
        }
    }
}

/// The share of traffic a deployment gets now, from the current endpoint's `traffic`.
fn traffic_of(endpoint: Option<&crate::model::OnlineEndpoint>, deployment: &str) -> Option<i64> {
    let (_, traffic) = endpoint?.extra.iter().find(|(k, _)| k == "traffic")?;
    let Value::Map(entries) = traffic else { return None };
    entries.iter().find(|(k, _)| k == deployment).and_then(|(_, v)| match v {
        Value::Int(n) => Some(*n),
        _ => None,
    })
}

/// A short description of a rule's destination.
fn describe(rule: &OutboundRule) -> String {
    match &rule.destination {
        Destination::PrivateEndpoint(pe) => {
            let name = pe.service_resource_id.rsplit('/').next().unwrap_or("");
            format!("private endpoint to `{name}` ({}){}", pe.subresource_target, if pe.spark_enabled { ", Spark enabled" } else { "" })
        }
        Destination::ServiceTag(st) => match &st.address_prefixes {
            Some(p) => format!("service tag rule to {} on {} {}", p.join(", "), st.protocol, st.port_ranges),
            None => format!("service tag `{}` on {} {}", st.service_tag, st.protocol, st.port_ranges),
        },
        Destination::Fqdn(f) => format!("FQDN `{}`", f.destination),
    }
}

/// `ml_client.workspace_outbound_rules.begin_create(...)` for one rule.
fn python_rule_create(rule: &OutboundRule) -> String {
    format!(
        "ml_client.workspace_outbound_rules.begin_create(workspace_name=WORKSPACE_NAME, rule={}).result()",
        crate::emit::python::rule_inline(rule)
    )
}
