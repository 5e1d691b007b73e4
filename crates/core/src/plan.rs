//! Change plans: what changes between the current state of a workspace and the desired configuration,
//! in the order it must happen, with the minimal `az ml` and azure-ai-ml commands and the warnings that
//! matter before anyone runs them.
//!
//! The order is fixed: deletions that must come first → workspace update (isolation mode, public
//! network access, firewall SKU) → rule removals → rule sets → provisioning (with Spark) → endpoint
//! changes → deployment changes. Every value in the generated text goes through the exporters'
//! quoting (`shell_quote`, `py_str`), so no name or destination can change what a command does.

use crate::diagnostic::{sort_diagnostics, Diagnostic};
use crate::emit::cli::shell_quote;
use crate::emit::python::py_str;
use crate::emit::yaml;
use crate::model::{
    Config, Context, Destination, FirewallSku, IsolationMode, ManagedNetwork, NetworkAccess, OnlineDeployment, Operation, OutboundRule, Value,
    Workspace,
};
use crate::rules::{self, codes, Target};
use crate::syntax::{self, Node};
use crate::{SourceFile, Sources};
use serde::Serialize;
use std::fmt::Write as _;

/// The current state, read from YAML documents or `az ml ... show` JSON.
#[derive(Debug, Clone, Default)]
pub struct Current {
    /// The workspace (with only its user-defined rules), endpoint and deployments as they are now.
    pub config: Config,
    /// Reading problems. Keys that `show` output legitimately holds (`id`, `status`, `category`, ...)
    /// are not reported.
    pub diagnostics: Vec<Diagnostic>,
}

impl Current {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The update context the desired documents are judged in: current isolation mode and rules.
    pub fn context(&self) -> Context {
        update_context(&self.config)
    }
}

/// The context of a change to the workspace `current`: an update, judged against its isolation mode
/// (disabled without a managed network) and its user-defined rules. Subscription and resource group
/// are left for the caller.
pub fn update_context(current: &Config) -> Context {
    Context {
        operation: Operation::Update,
        current_isolation_mode: Some(current.isolation_mode().unwrap_or(IsolationMode::Disabled)),
        current_rules: current.rules().to_vec(),
        ..Context::default()
    }
}

/// What a step does; the order of the variants is the order of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Compute or managed online endpoints that must go before a managed network is enabled.
    DeleteFirst,
    /// `az ml workspace update`: isolation mode, public network access, firewall SKU.
    UpdateWorkspace,
    RemoveRule,
    SetRule,
    /// `az ml workspace provision-network`, with `--include-spark` when Spark is enabled.
    ProvisionNetwork,
    CreateEndpoint,
    /// `az ml online-endpoint update --set public_network_access=...`.
    UpdateEndpoint,
    /// Delete and create a deployment again (its `egress_public_network_access` cannot change in place).
    RecreateDeployment,
    CreateDeployment,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::DeleteFirst => "delete_first",
            StepKind::UpdateWorkspace => "update_workspace",
            StepKind::RemoveRule => "remove_rule",
            StepKind::SetRule => "set_rule",
            StepKind::ProvisionNetwork => "provision_network",
            StepKind::CreateEndpoint => "create_endpoint",
            StepKind::UpdateEndpoint => "update_endpoint",
            StepKind::RecreateDeployment => "recreate_deployment",
            StepKind::CreateDeployment => "create_deployment",
        }
    }
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    pub kind: StepKind,
    /// One line ("Remove outbound rule `pypi`").
    pub title: String,
    /// Why, and what to expect.
    pub detail: String,
    /// The bash commands of this step (without the script's header).
    pub bash: String,
    /// The Python statements of this step, unindented (the script runs them inside `main()`).
    pub python: String,
}

/// The ordered changes from a current state to a desired configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangePlan {
    pub steps: Vec<PlanStep>,
    /// What matters before anyone runs the plan; errors mean the plan must not be run.
    pub warnings: Vec<Diagnostic>,
    /// The whole plan as one bash script.
    pub bash: String,
    /// The whole plan as one Python script.
    pub python: String,
}

impl ChangePlan {
    /// True when nothing changes.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// True when a warning is an error (a refused transition): the plan must not be run.
    pub fn has_errors(&self) -> bool {
        self.warnings.iter().any(Diagnostic::is_error)
    }

    /// Warnings first, then the numbered steps, then the bash script.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        if !self.warnings.is_empty() {
            out.push_str(&crate::render(&self.warnings, "", None));
        }
        if self.has_errors() {
            out.push_str("Do not run this plan: Azure refuses part of the change (see the errors above).\n");
            if self.steps.is_empty() {
                return out;
            }
        } else if self.steps.is_empty() {
            out.push_str("No changes: the workspace already matches the desired configuration.\n");
            return out;
        }
        let _ = writeln!(out, "Plan: {} step(s)", self.steps.len());
        for (i, step) in self.steps.iter().enumerate() {
            let _ = writeln!(out, "{:>3}. {}", i + 1, step.title);
            for line in step.detail.lines() {
                let _ = writeln!(out, "     {line}");
            }
        }
        out.push_str("\n# ---- bash ----\n");
        out.push_str(&self.bash);
        out
    }
}

/// The name for a pasted current state, after what it looks like: `current.json` for the JSON that
/// `az ml ... show` prints, `current.yml` otherwise. Diagnostics show it as the file name.
pub fn current_file_name(text: &str) -> &'static str {
    if text.trim_start().starts_with('{') {
        "current.json"
    } else {
        "current.yml"
    }
}

/// Rule categories that the service adds itself; they are never planned (`az ml workspace show` lists them).
const SERVICE_CATEGORIES: &[&str] = &["required", "recommended", "dependency"];

/// Reads the current state from YAML documents or `az ml workspace show` (and `online-endpoint show`,
/// `online-deployment show`) JSON. JSON is YAML, so both go through the same syntax layer.
pub fn read_current(files: &[SourceFile]) -> Current {
    let mut config = Config::default();
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let mut service_rules: Vec<String> = Vec::new();
    for file in files {
        let mut file = file.clone();
        if file.invalid_utf8_at.is_none() {
            let stream = syntax::parse(&file.text);
            if let Some(root) = stream.documents.first() {
                collect_service_rules(root, &mut service_rules);
                if file.kind.is_none() && is_endpoint_show(root) {
                    file.kind = Some(crate::DocumentKind::OnlineEndpoint);
                }
            }
        }
        let mut own = Vec::new();
        crate::read_file(&file, &mut config, &mut sources, &mut own);
        // A JSON `null` in the current state means "not set", not a mistake to fix.
        own.retain(|d| !(matches!(d.code, "unquoted-value-not-a-string" | "wrong-value-type") && is_null_at(&file.text, d)));
        diagnostics.extend(own);
    }
    // `show` output holds read-only keys by design; they are what the service reports, not mistakes.
    diagnostics.retain(|d| d.code != codes::READ_ONLY_KEY.code);
    if let Some(mn) = config.workspace.as_mut().and_then(|w| w.managed_network.as_mut()) {
        mn.outbound_rules.retain(|r| !service_rules.contains(&r.name));
    }
    sort_diagnostics(&mut diagnostics);
    Current { config, diagnostics }
}

fn is_null_at(text: &str, d: &Diagnostic) -> bool {
    d.range.and_then(|r| text.get(r.start_byte..r.end_byte)).is_some_and(|t| matches!(t, "null" | "Null" | "NULL" | "~"))
}

/// `az ml online-endpoint show` prints `location` (which alone would read as a workspace) with `scoring_uri` or `auth_mode`.
fn is_endpoint_show(root: &Node) -> bool {
    let Some(entries) = root.as_map() else { return false };
    entries.iter().any(|(k, _)| k.as_scalar().is_some_and(|s| matches!(s.text.as_str(), "scoring_uri" | "openapi_uri" | "auth_mode")))
        && !entries.iter().any(|(k, _)| k.as_scalar().is_some_and(|s| matches!(s.text.as_str(), "managed_network" | "endpoint_name")))
}

fn map_get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    node.as_map()?.iter().find(|(k, _)| k.as_scalar().is_some_and(|s| s.text == key)).map(|(_, v)| v)
}

/// Names of the rules whose `category` says the service created them.
fn collect_service_rules(root: &Node, out: &mut Vec<String>) {
    let Some(rules) = map_get(root, "managed_network").and_then(|m| map_get(m, "outbound_rules")) else { return };
    let items: Vec<&Node> = match &rules.kind {
        syntax::NodeKind::Seq(items) => items.iter().collect(),
        _ => return,
    };
    for item in items {
        let category = map_get(item, "category").and_then(Node::as_scalar).map(|s| crate::model::normalize_enum(&s.text));
        if category.is_some_and(|c| SERVICE_CATEGORIES.contains(&c.as_str())) {
            if let Some(name) = map_get(item, "name").and_then(Node::as_scalar) {
                out.push(name.text.clone());
            }
        }
    }
}

/// Plans the changes from `current` to `desired`. Diagnostics name the default export file names.
pub fn plan(current: &Config, desired: &Config) -> ChangePlan {
    plan_with_sources(current, desired, &Sources::default())
}

/// Plans the changes, placing each warning in the desired document it concerns (from `analyze`).
pub fn plan_with_sources(current: &Config, desired: &Config, sources: &Sources) -> ChangePlan {
    let mut b = Builder::new(current, desired);
    b.build();
    let Builder { steps, findings, .. } = b;
    let mut warnings = crate::place_findings(desired, sources, findings);
    sort_diagnostics(&mut warnings);
    let bash = bash_script(desired, current, &steps);
    let python = python_script(desired, current, &steps);
    ChangePlan { steps, warnings, bash, python }
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
        judged.context = Context {
            subscription_id: desired.context.subscription_id.clone(),
            resource_group: desired.context.resource_group.clone(),
            ..update_context(current)
        };
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

        self.endpoint(cur_endpoint);
        self.deployments(cur_endpoint, cur_deployments);
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
        let pna_change = des_ws.public_network_access.filter(|p| *p != cur_pna);
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
            let ws = Workspace {
                // A hub stays a hub: `kind` chooses the schema `az ml workspace update --file` reads.
                kind: des_ws.kind,
                hub_id: des_ws.hub_id.clone(),
                name: des_ws.name.clone(),
                public_network_access: pna_change,
                managed_network: Some(ManagedNetwork { isolation_mode: Some(new_mode), firewall_sku: write_sku, outbound_rules: Vec::new() }),
                ..Workspace::default()
            };
            bash.push_str(&heredoc("amlnet-workspace-update.yml", &yaml::to_yaml(&yaml::workspace_value(&ws, false))));
            let _ = writeln!(bash, "az ml workspace update --file amlnet-workspace-update.yml {WS_TARGET}");
        } else if let Some(pna) = pna_change {
            let _ = writeln!(bash, "az ml workspace update {WS_TARGET} --public-network-access {}", pna.pascal());
        }
        let mut args = vec!["name=WORKSPACE_NAME".to_owned()];
        if let Some(hub) = &des_ws.hub_id {
            args.push(format!("hub_id={}", py_str(hub)));
        }
        if let Some(pna) = pna_change {
            args.push(format!("public_network_access={}", py_str(pna.pascal())));
        }
        if mode_change || sku_change {
            let sku = write_sku.map(|s| format!(", firewall_sku={}", py_str(s.pascal()))).unwrap_or_default();
            args.push(format!("managed_network=ManagedNetwork(isolation_mode=IsolationMode.{}{sku})", new_mode.python_constant()));
        }
        let class = crate::emit::python::workspace_class(des_ws.kind);
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
        match cur_endpoint.filter(|c| c.name == ep.name) {
            Some(cur) => {
                let cur_pna = cur.public_network_access.unwrap_or(NetworkAccess::Enabled);
                let Some(pna) = ep.public_network_access.filter(|p| *p != cur_pna) else { return };
                let (message, help) = match pna {
                    NetworkAccess::Disabled => (
                        format!(
                            "the plan disables public network access to endpoint `{}`: clients must call it through the workspace private endpoint",
                            ep.name
                        ),
                        "make sure every client reaches the workspace private endpoint (with private DNS) before this runs",
                    ),
                    NetworkAccess::Enabled => (
                        format!(
                            "the plan enables public network access to endpoint `{}`: it can be called from the internet (with its key or token)",
                            ep.name
                        ),
                        "keep `public_network_access: disabled` unless clients cannot use the workspace private endpoint",
                    ),
                };
                self.warn(Target::Endpoint, rules::plan_codes::PUBLIC_NETWORK_ACCESS_CHANGED.at("public_network_access", message).with_help(help));
                self.step(
                    StepKind::UpdateEndpoint,
                    format!("Set public network access of endpoint `{}` to {}", ep.name, pna.lower()),
                    "Inbound access to an endpoint can change in place.".to_owned(),
                    format!(
                        "az ml online-endpoint update --name {} {IN_WS} --set {}\n",
                        shell_quote(&ep.name),
                        shell_quote(&format!("public_network_access={}", pna.lower()))
                    ),
                    format!(
                        "endpoint = ml_client.online_endpoints.get(name={})\nendpoint.public_network_access = {}\nml_client.online_endpoints.begin_create_or_update(endpoint).result()\n",
                        py_str(&ep.name),
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
                    format!("Create online endpoint `{}`", ep.name),
                    format!("Public network access: {}.", ep.public_network_access.unwrap_or(NetworkAccess::Enabled).lower()),
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
                        py_str(&dep.endpoint_name),
                        py_str(&dep.name)
                    );
                }
                py
            };
            match cur_deployments.iter().find(|c| c.name == dep.name && c.endpoint_name == dep.endpoint_name) {
                Some(cur) => {
                    let before = cur.egress_public_network_access.unwrap_or(NetworkAccess::Enabled);
                    let after = dep.egress_public_network_access.unwrap_or(NetworkAccess::Enabled);
                    if before == after {
                        continue;
                    }
                    let d = rules::plan_codes::DEPLOYMENT_EGRESS_CANNOT_CHANGE
                        .at(
                            "egress_public_network_access",
                            format!(
                                "`egress_public_network_access` of deployment `{}` cannot change after creation ({} → {}): the plan deletes and recreates it, and it serves no requests in between",
                                dep.name,
                                before.lower(),
                                after.lower()
                            ),
                        )
                        .with_help("move traffic to another deployment first, or create a new deployment under a new name and switch traffic to it");
                    self.warn(Target::Deployment(i), d);
                    let full_traffic = traffic_of(cur_endpoint, &dep.name) == Some(100);
                    let mut bash = String::new();
                    let mut python = String::new();
                    if full_traffic {
                        // A deployment that receives traffic cannot be deleted.
                        let _ = writeln!(
                            bash,
                            "az ml online-endpoint update --name {} {IN_WS} --traffic {}",
                            shell_quote(&dep.endpoint_name),
                            shell_quote(&format!("{}=0", dep.name))
                        );
                        let _ = writeln!(
                            python,
                            "endpoint = ml_client.online_endpoints.get(name={})\nendpoint.traffic = {{{}: 0}}\nml_client.online_endpoints.begin_create_or_update(endpoint).result()",
                            py_str(&dep.endpoint_name),
                            py_str(&dep.name)
                        );
                    }
                    let _ = writeln!(
                        bash,
                        "az ml online-deployment delete --name {} --endpoint-name {} {IN_WS} --yes",
                        shell_quote(&dep.name),
                        shell_quote(&dep.endpoint_name)
                    );
                    let _ = writeln!(
                        python,
                        "ml_client.online_deployments.begin_delete(name={}, endpoint_name={}).result()",
                        py_str(&dep.name),
                        py_str(&dep.endpoint_name)
                    );
                    bash.push_str(&create_bash(full_traffic));
                    python.push_str(&create_python(full_traffic));
                    self.step(
                        StepKind::RecreateDeployment,
                        format!("Recreate deployment `{}` with egress public network access {}", dep.name, after.lower()),
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
                        format!("Create deployment `{}` on endpoint `{}`", dep.name, dep.endpoint_name),
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

fn target_names(desired: &Config, current: &Config) -> Option<String> {
    desired.workspace.as_ref().or(current.workspace.as_ref()).map(|w| w.name.clone()).filter(|n| !n.trim().is_empty())
}

fn bash_script(desired: &Config, current: &Config, steps: &[PlanStep]) -> String {
    let mut out = String::new();
    out.push_str("#!/usr/bin/env bash\n");
    let _ = writeln!(out, "# Change plan generated by amlnet {}. Review every step before running it.", crate::VERSION);
    out.push_str("# Override the target with SUBSCRIPTION_ID, RESOURCE_GROUP and WORKSPACE_NAME.\n");
    out.push_str("# The YAML files some steps pass with --file are written to the current folder as amlnet-*.yml and kept for review.\n");
    out.push_str("set -euo pipefail\n\n");
    let var = crate::emit::cli::variable;
    var(&mut out, "SUBSCRIPTION_ID", desired.context.subscription_id.as_deref(), "your Azure subscription ID");
    var(&mut out, "RESOURCE_GROUP", desired.context.resource_group.as_deref(), "the resource group of the workspace");
    var(&mut out, "WORKSPACE_NAME", target_names(desired, current).as_deref(), "the workspace name");
    if steps.is_empty() {
        out.push_str("\necho 'No changes: the workspace already matches the desired configuration.'\n");
        return out;
    }
    out.push_str("\naz account set --subscription \"$SUBSCRIPTION_ID\"\n");
    for (i, step) in steps.iter().enumerate() {
        let _ = writeln!(out, "\n# Step {}: {}", i + 1, one_line(&step.title));
        out.push_str(&step.bash);
    }
    out
}

/// A title as one comment line (names may hold newlines).
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn python_script(desired: &Config, current: &Config, steps: &[PlanStep]) -> String {
    let mut entities: Vec<&str> = Vec::new();
    let mut loaders: Vec<&str> = Vec::new();
    let body: String = steps.iter().map(|s| s.python.as_str()).collect();
    for (needle, entity) in [
        ("Workspace(", "Workspace"),
        ("Hub(", "Hub"),
        ("Project(", "Project"),
        ("ManagedNetwork(", "ManagedNetwork"),
        ("IsolationMode.", "IsolationMode"),
        ("PrivateEndpointDestination(", "PrivateEndpointDestination"),
        ("ServiceTagDestination(", "ServiceTagDestination"),
        ("FqdnDestination(", "FqdnDestination"),
    ] {
        if body.contains(needle) {
            entities.push(entity);
        }
    }
    for loader in ["load_online_deployment", "load_online_endpoint"] {
        if body.contains(&format!("{loader}(")) {
            loaders.push(loader);
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "\"\"\"Change plan generated by amlnet {}. Review every step before running it.", crate::VERSION);
    out.push_str("\nRequires azure-ai-ml 1.35 and azure-identity. Override the target with the SUBSCRIPTION_ID,\nRESOURCE_GROUP and WORKSPACE_NAME environment variables.\n\"\"\"\n\n");
    out.push_str("import io\nimport os\nimport sys\n\n");
    loaders.insert(0, "MLClient");
    let _ = writeln!(out, "from azure.ai.ml import {}", loaders.join(", "));
    if !entities.is_empty() {
        entities.sort_unstable();
        let _ = writeln!(out, "from azure.ai.ml.entities import {}", entities.join(", "));
    }
    out.push_str("from azure.identity import DefaultAzureCredential\n\n\n");
    out.push_str("def _required(name: str, what: str) -> str:\n    sys.exit(f\"set {name} to {what}\")\n\n\n");
    let var = crate::emit::python::env_var;
    var(&mut out, "SUBSCRIPTION_ID", desired.context.subscription_id.as_deref(), "your Azure subscription ID");
    var(&mut out, "RESOURCE_GROUP", desired.context.resource_group.as_deref(), "the resource group of the workspace");
    var(&mut out, "WORKSPACE_NAME", target_names(desired, current).as_deref(), "the workspace name");
    out.push_str("\n\ndef main() -> None:\n");
    if steps.is_empty() {
        out.push_str("    print(\"No changes: the workspace already matches the desired configuration.\")\n");
    } else {
        out.push_str("    ml_client = MLClient(\n        DefaultAzureCredential(),\n        subscription_id=SUBSCRIPTION_ID,\n        resource_group_name=RESOURCE_GROUP,\n        workspace_name=WORKSPACE_NAME,\n    )\n");
        for (i, step) in steps.iter().enumerate() {
            let _ = writeln!(out, "    # Step {}: {}", i + 1, one_line(&step.title));
            for line in step.python.lines() {
                let _ = writeln!(out, "    {line}");
            }
            let _ = writeln!(out, "    print({})", py_str(&format!("Done: {}", one_line(&step.title))));
        }
    }
    out.push_str("\n\nif __name__ == \"__main__\":\n    main()\n");
    out
}
