//! Change plans: what changes between the current state of a workspace and the desired configuration,
//! in the order it must happen, with the minimal `az ml` and azure-ai-ml commands and the warnings that
//! matter before anyone runs them.

use crate::diagnostic::Diagnostic;
use crate::model::Config;
use crate::SourceFile;
use serde::Serialize;

/// The current state, read from YAML documents or `az ml ... show` JSON.
#[derive(Debug, Clone, Default)]
pub struct Current {
    pub config: Config,
    pub diagnostics: Vec<Diagnostic>,
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

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStep {
    pub kind: StepKind,
    /// One line ("Remove outbound rule `pypi`").
    pub title: String,
    /// Why, and what to expect.
    pub detail: String,
    /// The bash commands of this step (without the script's header).
    pub bash: String,
    /// The Python statements of this step (without the script's header).
    pub python: String,
}

/// The ordered changes from a current state to a desired configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

    /// Numbered steps, warnings first, then the bash script.
    pub fn render_text(&self) -> String {
        String::new()
    }
}

/// Reads the current state from YAML documents or `az ml workspace show` (and endpoint/deployment show) JSON.
pub fn read_current(files: &[SourceFile]) -> Current {
    let _ = files;
    Current::default()
}

/// Plans the changes from `current` to `desired`.
pub fn plan(current: &Config, desired: &Config) -> ChangePlan {
    let _ = (current, desired);
    ChangePlan { steps: Vec::new(), warnings: Vec::new(), bash: String::new(), python: String::new() }
}
