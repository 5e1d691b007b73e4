//! Change plans: what changes between the current state of a workspace and the desired configuration,
//! in the order it must happen, with the minimal `az ml` and azure-ai-ml commands and the warnings that
//! matter before anyone runs them.
//!
//! The order is fixed: deletions that must come first → workspace update (isolation mode, public
//! network access, firewall SKU) → rule removals → rule sets → provisioning (with Spark) → endpoint
//! changes → deployment changes. Every value in the generated text goes through the exporters'
//! quoting (`shell_quote`, `py_str`), so no name or destination can change what a command does.
//!
//! Three parts: [`read`] turns YAML or `show` JSON into the current [`Config`]; [`build`] compares it with
//! the desired configuration and makes the steps and warnings; [`script`] joins the steps into one bash and
//! one Python script.

#[cfg(feature = "plan")]
mod build;
#[cfg(feature = "plan")]
mod read;
#[cfg(feature = "plan")]
mod script;

#[cfg(feature = "plan")]
pub use read::read_current;

use crate::diagnostic::{sort_diagnostics, Diagnostic};
use crate::model::{Config, Context, IsolationMode, Operation};
#[cfg(feature = "plan")]
use crate::SourceFile;
use crate::{Analysis, Sources};
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

    /// The update context the desired documents are judged in ([`update_context`] of this state).
    pub fn context(&self, given: &Context) -> Context {
        update_context(&self.config, given)
    }
}

/// The context of a change to the workspace `current`: an update, judged against its isolation mode
/// (disabled without a managed network) and its user-defined rules, in the subscription and resource
/// group of `given`, with its networking settings (the rest of `given` is replaced). The one place a
/// shell's context becomes an update.
pub fn update_context(current: &Config, given: &Context) -> Context {
    let Context { subscription_id, resource_group, operation: _, current_isolation_mode: _, current_rules: _, networking } = given;
    Context {
        subscription_id: subscription_id.clone(),
        resource_group: resource_group.clone(),
        networking: networking.clone(),
        operation: Operation::Update,
        current_isolation_mode: Some(current.isolation_mode().unwrap_or(IsolationMode::Disabled)),
        current_rules: current.rules().to_vec(),
    }
}

/// A plan made from files: the current state as read, the desired documents as analyzed in its update
/// context, and the plan between them.
#[derive(Debug, Clone)]
pub struct PlannedChange {
    pub current: Current,
    pub desired: Analysis,
    pub plan: ChangePlan,
}

impl PlannedChange {
    /// Judges the desired documents by an organization's policy ([`crate::Analysis::apply_policy`]): a
    /// plan towards a configuration the policy forbids is refused like one from documents with errors.
    pub fn apply_policy(&mut self, reading: &crate::policy::PolicyReading) {
        self.desired.apply_policy(reading);
    }

    /// The desired documents' diagnostics that the plan does not report itself (a refused transition is
    /// one of the plan's warnings).
    pub fn other_diagnostics(&self) -> Vec<Diagnostic> {
        self.desired.diagnostics.iter().filter(|d| !self.plan.warnings.contains(d)).cloned().collect()
    }

    /// True when the inputs themselves have errors (the current state, or the desired documents beyond
    /// what the plan reports): a plan from a partial reading could remove what it did not read.
    pub fn input_has_errors(&self) -> bool {
        self.current.has_errors() || self.other_diagnostics().iter().any(Diagnostic::is_error)
    }
}

/// Reads the current state, analyzes the desired documents as an update of it (in the subscription and
/// resource group of `given`) and plans the change, with each warning placed in its desired document.
#[cfg(feature = "plan")]
pub fn plan_files(current: &[SourceFile], desired: &[SourceFile], given: &Context) -> PlannedChange {
    let current = read_current(current);
    let desired = crate::analyze(desired, current.context(given));
    let plan = plan_with_sources(&current.config, &desired.config, &desired.sources);
    PlannedChange { current, desired, plan }
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
    /// `az role assignment create`: the approver role on the private endpoint targets of the rules set next.
    AssignApproverRole,
    SetRule,
    /// `az ml workspace provision-network`, with `--include-spark` when Spark is enabled.
    ProvisionNetwork,
    /// `az network private-endpoint create` and its private DNS: a private endpoint of the workspace.
    CreateInboundEndpoint,
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
            StepKind::AssignApproverRole => "assign_approver_role",
            StepKind::SetRule => "set_rule",
            StepKind::ProvisionNetwork => "provision_network",
            StepKind::CreateInboundEndpoint => "create_inbound_endpoint",
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

/// Plans the changes from `current` to `desired`. Diagnostics name the default export file names.
#[cfg(feature = "plan")]
pub fn plan(current: &Config, desired: &Config) -> ChangePlan {
    plan_with_sources(current, desired, &Sources::default())
}

/// Plans the changes, placing each warning in the desired document it concerns (from `analyze`).
#[cfg(feature = "plan")]
pub fn plan_with_sources(current: &Config, desired: &Config, sources: &Sources) -> ChangePlan {
    let (steps, findings) = build::build(current, desired);
    let mut warnings = crate::place_findings(desired, sources, findings);
    sort_diagnostics(&mut warnings);
    let bash = script::bash_script(desired, current, &steps);
    let python = script::python_script(desired, current, &steps);
    ChangePlan { steps, warnings, bash, python }
}
