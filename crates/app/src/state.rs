//! The app's state as a pure reducer: the wizard step, the model being built, the rule dialog, the
//! import panel and focus requests. Every transition is a [`Action`] applied by [`State::apply`], which
//! has no DOM access, so the whole flow is tested natively. Validation and exports are the core's
//! (`check`, `export`, `analyze`); nothing here re-implements a rule.

use std::rc::Rc;

use amlnet_core::catalog::{self, PRIVATE_ENDPOINT_TARGETS, RECOMMENDED_SETS};
use amlnet_core::model::{
    rule_path, AuthMode, Destination, DnsIntegration, FirewallSku, FqdnDestination, InboundPrivateEndpoint, IsolationMode, ManagedNetwork,
    NetworkAccess, OnlineDeployment, OnlineEndpoint, Operation, OutboundRule, PrivateEndpointDestination, RuleType, ServiceTagDestination, Value,
    Workspace, WorkspaceKind,
};
use amlnet_core::policy::PolicyReading;
use amlnet_core::{analyze, check, Config, Context, Diagnostic, SourceFile};

use crate::share::Snapshot;
use crate::text::plural;

pub use crate::fields::{Doc, Field, FieldSpec, Step, FIELDS};

/// Where a diagnostic belongs in the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Field(Field),
    /// A user-defined outbound rule, by index.
    Rule(usize),
    /// A whole document or a field the wizard does not show; listed in the summary only.
    Step(Step),
}

impl Anchor {
    /// Places a core diagnostic (`file` + `path`) on a wizard control.
    pub fn of(d: &Diagnostic) -> Anchor {
        let path = d.path.as_str();
        if let Some(rest) = path.strip_prefix("managed_network.outbound_rules[") {
            if let Some(index) = rest.split(']').next().and_then(|n| n.parse().ok()) {
                return Anchor::Rule(index);
            }
        }
        let doc = Doc::of_file(d.file.as_deref().unwrap_or(""));
        let context_path = path.strip_prefix("context.");
        let best = FIELDS
            .iter()
            .filter(|f| {
                let own = match (f.doc, doc, context_path) {
                    (Doc::Context, _, Some(rest)) => Some(rest),
                    (Doc::Context, None, None) => Some(path),
                    (Doc::Context, _, None) => None,
                    (_, Some(d), _) if d == f.doc => Some(path),
                    _ => None,
                };
                own.is_some_and(|p| p == f.path || p.starts_with(&format!("{}.", f.path)) || p.starts_with(&format!("{}[", f.path)))
            })
            .max_by_key(|f| f.path.len());
        match best {
            Some(spec) => Anchor::Field(spec.field),
            None => Anchor::Step(match doc {
                Some(Doc::Endpoint | Doc::Deployment) => Step::Endpoint,
                _ if path.starts_with("managed_network.outbound_rules") => Step::Rules,
                _ if path.starts_with("managed_network") => Step::Networking,
                _ => Step::Basics,
            }),
        }
    }

    pub fn step(self) -> Step {
        match self {
            Anchor::Field(f) => f.step(),
            Anchor::Rule(_) => Step::Rules,
            Anchor::Step(s) => s,
        }
    }

    /// The DOM id to focus for this anchor.
    pub fn dom_id(self) -> String {
        match self {
            Anchor::Field(f) => f.id().to_owned(),
            Anchor::Rule(i) => format!("rule-{i}-edit"),
            Anchor::Step(s) => format!("step-{}-heading", s.id()),
        }
    }
}

/// A small set of marks by index (fields touched, steps left with Next): a bit mask, so the app carries
/// no generic set code for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks(u64);

impl Marks {
    pub fn insert(&mut self, index: usize) {
        if index < 64 {
            self.0 |= 1 << index;
        }
    }

    pub fn contains(self, index: usize) -> bool {
        index < 64 && self.0 & (1 << index) != 0
    }
}

/// A field of the rule dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DraftField {
    Name,
    Type,
    Subscription,
    ResourceGroup,
    ResourceType,
    ResourceName,
    Subresource,
    Spark,
    ServiceTag,
    TagSearch,
    Protocol,
    PortRanges,
    Fqdn,
}

impl DraftField {
    pub fn id(self) -> &'static str {
        match self {
            DraftField::Name => "r-name",
            DraftField::Type => "r-type",
            DraftField::Subscription => "r-subscription",
            DraftField::ResourceGroup => "r-resource-group",
            DraftField::ResourceType => "r-resource-type",
            DraftField::ResourceName => "r-resource-name",
            DraftField::Subresource => "r-subresource",
            DraftField::Spark => "r-spark",
            DraftField::ServiceTag => "r-service-tag",
            DraftField::TagSearch => "r-tag-search",
            DraftField::Protocol => "r-protocol",
            DraftField::PortRanges => "r-port-ranges",
            DraftField::Fqdn => "r-fqdn",
        }
    }

    /// The dialog field a rule diagnostic's sub-path (after `outbound_rules[i]`) belongs to.
    pub fn of_subpath(sub: &str, rule_type: RuleType) -> DraftField {
        let sub = sub.trim_start_matches('.');
        match sub {
            "name" => DraftField::Name,
            "type" => DraftField::Type,
            s if s.starts_with("destination.subresource_target") => DraftField::Subresource,
            s if s.starts_with("destination.spark_enabled") => DraftField::Spark,
            s if s.starts_with("destination.service_resource_id") => DraftField::ResourceName,
            s if s.starts_with("destination.service_tag") => DraftField::ServiceTag,
            s if s.starts_with("destination.protocol") => DraftField::Protocol,
            s if s.starts_with("destination.port_ranges") => DraftField::PortRanges,
            _ => match rule_type {
                RuleType::PrivateEndpoint => DraftField::ResourceName,
                RuleType::ServiceTag => DraftField::ServiceTag,
                RuleType::Fqdn => DraftField::Fqdn,
            },
        }
    }
}

/// The "Workspace outbound rules" dialog's fields, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDraft {
    /// The rule being edited, or `None` for a new one.
    pub index: Option<usize>,
    pub name: String,
    pub rule_type: RuleType,
    pub subscription: String,
    pub resource_group: String,
    /// `Namespace/type` of the target.
    pub resource_type: String,
    pub resource_name: String,
    /// When an existing rule's ID is not a plain ARM ID, it is kept as written.
    pub raw_resource_id: Option<String>,
    pub subresource: String,
    pub spark_enabled: bool,
    pub service_tag: String,
    pub tag_search: String,
    pub protocol: String,
    pub port_ranges: String,
    pub fqdn: String,
    /// Fields the user has changed: a new rule shows a field's errors only once it is touched or Save
    /// was pressed.
    pub touched: Marks,
    /// Save was pressed with errors: every error shows.
    pub attempted: bool,
}

impl RuleDraft {
    fn new(rule_type: RuleType, subscription: &str, resource_group: &str) -> Self {
        let target = &PRIVATE_ENDPOINT_TARGETS[0];
        RuleDraft {
            index: None,
            name: String::new(),
            rule_type,
            subscription: subscription.to_owned(),
            resource_group: resource_group.to_owned(),
            resource_type: target.resource_type.to_owned(),
            resource_name: String::new(),
            raw_resource_id: None,
            subresource: target.subresources[0].to_owned(),
            spark_enabled: false,
            service_tag: String::new(),
            tag_search: String::new(),
            protocol: "TCP".to_owned(),
            port_ranges: "443".to_owned(),
            fqdn: String::new(),
            touched: Marks::default(),
            attempted: false,
        }
    }

    fn of_rule(index: usize, rule: &OutboundRule, subscription: &str, resource_group: &str) -> Self {
        let mut draft = RuleDraft::new(rule.destination.rule_type(), subscription, resource_group);
        draft.index = Some(index);
        draft.name = rule.name.clone();
        match &rule.destination {
            Destination::PrivateEndpoint(pe) => {
                match catalog::parse_arm_id(&pe.service_resource_id) {
                    Some(id) if pe.service_resource_id.split('/').count() == 9 => {
                        draft.subscription = id.subscription.to_owned();
                        draft.resource_group = id.resource_group.to_owned();
                        draft.resource_type =
                            catalog::private_endpoint_target(&id.full_type()).map_or_else(|| id.full_type(), |t| t.resource_type.to_owned());
                        draft.resource_name = id.name.to_owned();
                    }
                    _ => draft.raw_resource_id = Some(pe.service_resource_id.clone()),
                }
                draft.subresource = pe.subresource_target.clone();
                draft.spark_enabled = pe.spark_enabled;
            }
            Destination::ServiceTag(st) => {
                draft.service_tag = st.service_tag.clone();
                draft.protocol = st.protocol.clone();
                draft.port_ranges = st.port_ranges.clone();
            }
            Destination::Fqdn(f) => draft.fqdn = f.destination.clone(),
        }
        draft
    }

    /// Whether the dialog shows the findings of `field`: always for a saved rule, and for a new one once
    /// the field was changed or Save was pressed.
    pub fn shows(&self, field: DraftField) -> bool {
        self.index.is_some() || self.attempted || self.touched.contains(field as usize)
    }

    /// Sets one field as typed. A full ARM ID pasted into the resource name is split into its parts.
    /// Returns a notice when the input was rewritten.
    pub fn set(&mut self, field: DraftField, text: String) -> Option<String> {
        self.touched.insert(field as usize);
        match field {
            DraftField::Name => self.name = text,
            DraftField::Type => self.rule_type = RuleType::parse(&text).unwrap_or(self.rule_type),
            DraftField::Subscription => self.subscription = text,
            DraftField::ResourceGroup => self.resource_group = text,
            DraftField::ResourceType => {
                self.resource_type = text;
                let choices = self.subresource_choices();
                if !choices.iter().any(|c| *c == self.subresource) {
                    self.subresource = choices.first().map(|c| (*c).to_owned()).unwrap_or_default();
                }
                if !self.spark_offered() {
                    self.spark_enabled = false;
                }
            }
            DraftField::ResourceName => {
                self.raw_resource_id = None;
                let pasted = text.trim();
                if let Some(id) = catalog::parse_arm_id(pasted).filter(|_| pasted.split('/').count() == 9) {
                    self.subscription = id.subscription.to_owned();
                    self.resource_group = id.resource_group.to_owned();
                    self.touched.insert(DraftField::Subscription as usize);
                    self.touched.insert(DraftField::ResourceGroup as usize);
                    let known = catalog::private_endpoint_target(&id.full_type()).map(|t| t.resource_type.to_owned());
                    self.resource_name = id.name.to_owned();
                    match known {
                        Some(t) => {
                            let _ = self.set(DraftField::ResourceType, t);
                        }
                        None => self.raw_resource_id = Some(pasted.to_owned()),
                    }
                    return Some("Split the pasted resource ID into subscription, resource group, type and name".to_owned());
                }
                self.resource_name = text;
            }
            DraftField::Subresource => self.subresource = text,
            DraftField::Spark => self.spark_enabled = text == "true",
            DraftField::ServiceTag => self.service_tag = text,
            DraftField::TagSearch => self.tag_search = text,
            DraftField::Protocol => self.protocol = text,
            DraftField::PortRanges => self.port_ranges = text,
            DraftField::Fqdn => self.fqdn = text,
        }
        None
    }

    /// The ARM ID the private-endpoint fields make.
    pub fn resource_id(&self) -> String {
        match &self.raw_resource_id {
            Some(raw) => raw.clone(),
            None => format!(
                "/subscriptions/{}/resourceGroups/{}/providers/{}/{}",
                self.subscription.trim(),
                self.resource_group.trim(),
                self.resource_type.trim(),
                self.resource_name.trim()
            ),
        }
    }

    /// The sub-resources valid for the chosen resource type (the catalog's list).
    pub fn subresource_choices(&self) -> &'static [&'static str] {
        catalog::private_endpoint_target(&self.resource_type).map_or(&[], |t| t.subresources)
    }

    /// Whether the portal offers "Spark enabled" for the chosen type.
    pub fn spark_offered(&self) -> bool {
        catalog::private_endpoint_target(&self.resource_type).is_some_and(|t| t.spark_in_portal)
    }

    /// Service tags matching the search text.
    pub fn matching_tags(&self) -> Vec<&'static str> {
        let needle = self.tag_search.trim().to_ascii_lowercase();
        catalog::SERVICE_TAGS.iter().copied().filter(|t| needle.is_empty() || t.to_ascii_lowercase().contains(&needle)).collect()
    }

    /// The rule as the model holds it.
    pub fn to_rule(&self) -> OutboundRule {
        let destination = match self.rule_type {
            RuleType::PrivateEndpoint => Destination::PrivateEndpoint(PrivateEndpointDestination {
                service_resource_id: self.resource_id(),
                subresource_target: self.subresource.clone(),
                spark_enabled: self.spark_enabled,
                fqdns: Vec::new(),
            }),
            RuleType::ServiceTag => Destination::ServiceTag(ServiceTagDestination {
                service_tag: self.service_tag.clone(),
                protocol: self.protocol.clone(),
                port_ranges: self.port_ranges.clone(),
                address_prefixes: None,
            }),
            RuleType::Fqdn => Destination::Fqdn(FqdnDestination { destination: self.fqdn.trim().to_owned() }),
        };
        OutboundRule { name: self.name.trim().to_owned(), destination }
    }
}

/// What an import produced: the texts as given and the core's diagnostics on them.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportResult {
    pub files: Vec<(String, String)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the wizard now holds what was read.
    pub applied: bool,
    /// What was read, kept until the user applies it (when it had errors).
    pub config: Config,
    /// What a partial apply left out or took with errors, one line each.
    pub skipped: Vec<String>,
}

/// What an import does with the wizard's configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    /// The imported documents become the whole configuration (context, workspace, endpoint,
    /// deployments): nothing of the previous one stays.
    #[default]
    Replace,
    /// Only the imported documents replace their counterparts; the context and the rest stay.
    Merge,
}

/// The import panel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPanel {
    pub open: bool,
    /// The text of the paste box.
    pub text: String,
    pub mode: ImportMode,
    pub result: Option<ImportResult>,
}

/// The workspace as it is now, read for a change plan.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentState {
    /// The texts as given (name, text).
    pub files: Vec<(String, String)>,
    /// What the core read from them (the current workspace, endpoint and deployments).
    pub config: Config,
    pub diagnostics: Vec<Diagnostic>,
}

/// The change-plan panel: paste or open the current state; the plan to the wizard's configuration is
/// computed on every render.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanPanel {
    pub open: bool,
    /// The text of the paste box.
    pub text: String,
    pub current: Option<CurrentState>,
}

/// The organization policy panel: paste or open a `.amlnet-policy.yml`; the loaded policy judges the
/// wizard's configuration (its violations are diagnostics like any other) and marks forbidden choices.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyPanel {
    pub open: bool,
    /// The text of the paste box.
    pub text: String,
    /// The policy in force: its text (what share links carry) and what the core read from it.
    pub loaded: Option<LoadedPolicy>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadedPolicy {
    pub text: String,
    pub reading: PolicyReading,
}

impl LoadedPolicy {
    pub fn read(text: String) -> LoadedPolicy {
        let reading = amlnet_core::policy::read_text(amlnet_core::policy::FILE_NAME, &text);
        LoadedPolicy { text, reading }
    }
}

/// The core's diagnostics for `config`, with the policy's (its own problems and its violations).
pub fn check_with_policy(config: &Config, policy: Option<&LoadedPolicy>) -> Vec<Diagnostic> {
    let mut diagnostics = check(config);
    if let Some(policy) = policy {
        diagnostics.extend(policy.reading.diagnostics.iter().cloned());
        diagnostics.extend(policy.reading.policy.check(config));
        amlnet_core::sort_diagnostics(&mut diagnostics);
    }
    diagnostics
}

/// A request to move focus after the next render; the counter makes repeated requests distinct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusRequest {
    pub serial: u32,
    pub id: String,
}

/// A configuration before an action that replaced or deleted something, to go back to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct UndoEntry {
    /// What the action did ("Started over").
    pub label: String,
    pub snapshot: Snapshot,
}

/// How many undo steps are kept (also in local storage).
pub const UNDO_LIMIT: usize = 10;

/// The whole app state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub step: Step,
    /// The model being built; the workspace and its managed network are always present.
    pub config: Config,
    /// The instance count as typed (the model holds a number).
    pub instance_count_text: String,
    pub dialog: Option<RuleDraft>,
    pub import: ImportPanel,
    pub plan: PlanPanel,
    pub policy: PolicyPanel,
    pub focus: Option<FocusRequest>,
    /// A short status message for the live region ("Copied workspace.yml").
    pub notice: String,
    /// Fields the user has changed: an empty field shows its errors only once touched or once its step
    /// was left with Next.
    pub touched: Marks,
    /// Steps left with Next: every field on them shows its errors.
    pub attempted: Marks,
    /// The configurations before each replacing or deleting action, newest last.
    pub undo: Vec<UndoEntry>,
    pub redo: Vec<UndoEntry>,
    /// The visible notice of the last replacing or deleting action, offered with Undo.
    pub toast: Option<String>,
    /// The firewall SKU chosen before leaving approved outbound, given back when it returns.
    pub remembered_sku: Option<FirewallSku>,
    /// The rule code whose documentation is open.
    pub explain: Option<&'static str>,
    /// An export waiting for the user's "anyway" because the configuration has errors.
    pub export_question: Option<ExportIntent>,
}

/// Everything that can happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    GoTo(Step),
    Next,
    Back,
    Set(Field, String),
    /// Add or remove the online endpoint and its deployment.
    SetEndpointEnabled(bool),
    OpenRuleDialog(Option<usize>),
    SetDraft(DraftField, String),
    SaveRule,
    CloseRuleDialog,
    DeleteRule(usize),
    /// Add a recommended FQDN set by id (rules whose name exists are skipped).
    AddRecommendedSet(String),
    /// Move focus to where a diagnostic belongs.
    Reveal(Anchor),
    OpenImport(bool),
    SetImportText(String),
    /// Import these files (name, text); applied at once when the core finds no errors.
    Import(Vec<(String, String)>),
    ApplyImport,
    /// Replace everything with a snapshot (share link, local storage, preset).
    Restore(Snapshot),
    OpenPlan(bool),
    SetPlanText(String),
    OpenPolicy(bool),
    SetPolicyText(String),
    /// Enforce this organization policy (the text of a `.amlnet-policy.yml`).
    LoadPolicy(String),
    ClearPolicy,
    /// Read these files (name, text) as the current state of the workspace: YAML or `az ml ... show` JSON.
    LoadCurrent(Vec<(String, String)>),
    /// Replace the wizard's configuration with a copy of the current state, to edit it into the desired one.
    EditFromCurrent,
    ForgetCurrent,
    LoadPreset(String),
    StartOver,
    Notice(String),
    SetImportMode(ImportMode),
    /// Apply a diagnostic's machine-applicable fix (the core's `fix`).
    ApplyFix(Diagnostic),
    /// The fixes the core has none for: switch to approved outbound, rename a duplicate rule, make a
    /// storage FQDN rule a private endpoint rule.
    QuickFix(QuickFix, Anchor),
    Undo,
    Redo,
    DismissToast,
    /// Open (or close) the documentation of a rule code.
    Explain(Option<&'static str>),
    /// Copy or download with errors: ask first, as the CLI's `--force` does.
    AskExport(ExportIntent),
    /// Close that question (after the export ran, or cancelled).
    CloseExportQuestion,
}

/// A copy or download the user asked for while the configuration has errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportIntent {
    pub kind: ExportKind,
    pub format: amlnet_core::ExportFormat,
    /// The file within the format's files.
    pub index: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Copy,
    Download,
    /// All files of every format as a ZIP.
    Zip,
}

/// A one-click fix the app offers where the core has no text fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuickFix {
    SwitchToApproved,
    RenameRule(String),
    StorageFqdnToPrivateEndpoint { account: String, subresource: String },
}

impl Default for State {
    fn default() -> Self {
        State::from_config(blank_config())
    }
}

/// A new workspace with nothing filled in: public, as the portal starts.
pub fn blank_config() -> Config {
    Config {
        workspace: Some(Workspace {
            managed_network: Some(ManagedNetwork { isolation_mode: Some(IsolationMode::Disabled), ..ManagedNetwork::default() }),
            ..Workspace::default()
        }),
        ..Config::default()
    }
}

fn value_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::Str(s)) => s.clone(),
        Some(Value::Int(i)) => i.to_string(),
        Some(Value::Float(f)) => f.clone(),
        _ => String::new(),
    }
}

/// The text a YAML scalar of a fix stands for (`'*'` is `*`, `"a"` is `a`).
fn yaml_scalar_text(yaml: &str) -> String {
    let t = yaml.trim();
    if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') {
        return t[1..t.len() - 1].replace("''", "'");
    }
    if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        return t[1..t.len() - 1].replace("\\\"", "\"").replace("\\\\", "\\");
    }
    t.to_owned()
}

fn opt(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}

impl State {
    /// A state holding `config`, on the first step.
    pub fn from_config(mut config: Config) -> Self {
        let ws = config.workspace.get_or_insert_with(Workspace::default);
        ws.managed_network.get_or_insert_with(ManagedNetwork::default);
        let instance_count_text = config.deployments.first().and_then(|d| d.instance_count).map(|n| n.to_string()).unwrap_or_default();
        State {
            step: Step::Basics,
            config,
            instance_count_text,
            dialog: None,
            import: ImportPanel::default(),
            plan: PlanPanel::default(),
            policy: PolicyPanel::default(),
            focus: None,
            notice: String::new(),
            touched: Marks::default(),
            attempted: Marks::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            toast: None,
            remembered_sku: None,
            explain: None,
            export_question: None,
        }
    }

    /// A state holding `config` that keeps this session's history, focus and toast.
    fn fresh(&self, config: Config) -> State {
        // The organization policy is a setting of the session, not part of the configuration.
        State {
            focus: self.focus.clone(),
            undo: self.undo.clone(),
            redo: self.redo.clone(),
            toast: self.toast.clone(),
            policy: self.policy.clone(),
            ..State::from_config(config)
        }
    }

    /// Records the configuration before a replacing or deleting action; `label` says what the action did.
    fn checkpoint(&mut self, label: &str) {
        self.undo.push(UndoEntry { label: label.to_owned(), snapshot: Snapshot::of(self) });
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.toast = Some(label.to_owned());
    }

    /// Goes back to a snapshot (undo and redo), keeping the history.
    fn back_to(&mut self, snapshot: &Snapshot) {
        let (undo, redo, focus) = (std::mem::take(&mut self.undo), std::mem::take(&mut self.redo), self.focus.clone());
        // The panels stay as they are (open, with their text); only the configuration goes back.
        let import = ImportPanel { result: None, ..self.import.clone() };
        let (plan_open, plan_text) = (self.plan.open, self.plan.text.clone());
        self.apply(Action::Restore(snapshot.clone()));
        self.import = import;
        self.plan.open = plan_open;
        self.plan.text = plan_text;
        self.undo = undo;
        self.redo = redo;
        self.focus = focus;
    }

    /// Whether a field shows its findings: when it holds a value, was touched, or its step was left with
    /// Next (and always on the Review step).
    pub fn shows_findings_of(&self, field: Field) -> bool {
        self.step == Step::Review
            || self.touched.contains(field as usize)
            || self.attempted.contains(field.step() as usize)
            || !self.value(field).trim().is_empty()
    }

    /// The context fields (subscription, resource group) a current state names, read from the `id`
    /// of `az ml workspace show` JSON.
    fn context_of_current(files: &[(String, String)]) -> (Option<String>, Option<String>) {
        // Only the `id` (a string, at most once), as serde read it into `struct { id: Option<String> }`.
        let id_of = |text: &str| crate::json::Members::of(&crate::json::parse(text)?, &["id"])?.optional_string("id")?;
        for (_, text) in files {
            let Some(id) = id_of(text) else { continue };
            if let Some(id) = catalog::parse_arm_id(&id) {
                return (Some(id.subscription.to_owned()), Some(id.resource_group.to_owned()));
            }
        }
        (None, None)
    }

    /// The index the open draft has (or will have) among the rules.
    fn draft_index(&self) -> Option<usize> {
        let draft = self.dialog.as_ref()?;
        let len = self.rules().len();
        Some(match draft.index {
            Some(i) if i < len => i,
            _ => len,
        })
    }

    /// The one-click fixes for a diagnostic: the core's fix where it has one, else the app's.
    pub fn fixes(&self, d: &Diagnostic, anchor: Anchor) -> Vec<(String, Action)> {
        let mut out = Vec::new();
        // The core's fix, where the app can apply it: to a wizard field (a removal clears it) or to a rule's field.
        let applicable = match anchor {
            Anchor::Field(_) => true,
            Anchor::Rule(_) => d.fix.as_ref().is_some_and(|f| f.replacement.is_some()),
            Anchor::Step(_) => false,
        };
        if applicable {
            if let Some(fix) = &d.fix {
                out.push((fix.title.replace('`', ""), Action::ApplyFix(d.clone())));
            }
        }
        let code = |name: &str| amlnet_core::rules::find(name).is_some_and(|r| r.code == d.code);
        if code("rule-type-not-allowed-in-isolation-mode") {
            out.push(("Switch to approved outbound".to_owned(), Action::QuickFix(QuickFix::SwitchToApproved, anchor)));
        }
        let rule = match anchor {
            Anchor::Rule(i) => match (&self.dialog, self.draft_index()) {
                (Some(draft), Some(j)) if i == j => Some(draft.to_rule()),
                _ => self.rules().get(i).cloned(),
            },
            _ => None,
        };
        if let (Some(rule), Anchor::Rule(i)) = (rule, anchor) {
            if code("duplicate-rule-name") && !rule.name.is_empty() {
                let taken = |n: &str| self.rules().iter().enumerate().any(|(j, r)| j != i && r.name == n);
                let new = (2..).map(|k| format!("{}-{k}", rule.name)).find(|n| !taken(n)).unwrap_or_default();
                out.push((format!("Rename to {new}"), Action::QuickFix(QuickFix::RenameRule(new), anchor)));
            }
            if code("fqdn-rule-to-storage") {
                if let Destination::Fqdn(f) = &rule.destination {
                    let mut labels = f.destination.trim().split('.');
                    if let (Some(account), Some(sub)) = (labels.next(), labels.next()) {
                        out.push((
                            "Make it a private endpoint rule".to_owned(),
                            Action::QuickFix(
                                QuickFix::StorageFqdnToPrivateEndpoint { account: account.to_owned(), subresource: sub.to_ascii_lowercase() },
                                anchor,
                            ),
                        ));
                    }
                }
            }
        }
        out
    }

    /// Changes rule `index` through a draft (the open dialog's, or one made for the table row).
    fn edit_rule(&mut self, index: usize, edit: impl FnOnce(&mut RuleDraft)) {
        if self.draft_index() == Some(index) {
            if let Some(draft) = &mut self.dialog {
                edit(draft);
            }
            return;
        }
        let sub = self.config.context.subscription_id.clone().unwrap_or_default();
        let rg = self.config.context.resource_group.clone().unwrap_or_default();
        let Some(rule) = self.rules().get(index).cloned() else { return };
        let mut draft = RuleDraft::of_rule(index, &rule, &sub, &rg);
        edit(&mut draft);
        let new = draft.to_rule();
        if let Some(slot) = self.network_mut().outbound_rules.get_mut(index) {
            *slot = new;
        }
    }

    /// The demo configuration (the core's demo files and context).
    pub fn demo() -> Self {
        State::from_config(amlnet_core::demo::demo_config())
    }

    pub fn workspace(&self) -> &Workspace {
        static EMPTY: std::sync::OnceLock<Workspace> = std::sync::OnceLock::new();
        self.config.workspace.as_ref().unwrap_or_else(|| EMPTY.get_or_init(Workspace::default))
    }

    fn workspace_mut(&mut self) -> &mut Workspace {
        self.config.workspace.get_or_insert_with(Workspace::default)
    }

    fn network_mut(&mut self) -> &mut ManagedNetwork {
        self.workspace_mut().managed_network.get_or_insert_with(ManagedNetwork::default)
    }

    /// A Foundry project: it inherits its hub's managed network, so the wizard offers no network of its own.
    pub fn is_project(&self) -> bool {
        self.config.workspace.as_ref().is_some_and(|w| w.kind == WorkspaceKind::Project)
    }

    pub fn isolation_mode(&self) -> IsolationMode {
        self.config.isolation_mode().unwrap_or(IsolationMode::Disabled)
    }

    pub fn rules(&self) -> &[OutboundRule] {
        self.config.rules()
    }

    pub fn endpoint_enabled(&self) -> bool {
        self.config.endpoint.is_some()
    }

    /// The core's diagnostics for the current model, with the organization policy's.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        check_with_policy(&self.config, self.policy.loaded.as_ref())
    }

    /// Why the policy in force forbids the option `value` of a select field (`""` is "not set": the
    /// default the service applies), or `None`.
    pub fn forbidden_choice(&self, field: Field, value: &str) -> Option<String> {
        let policy = &self.policy.loaded.as_ref()?.reading.policy;
        let access = || NetworkAccess::parse(value).unwrap_or(NetworkAccess::Enabled);
        match field {
            Field::WorkspaceKind => policy.forbids(policy.workspace.kinds.as_ref(), &WorkspaceKind::parse(value)?),
            Field::PublicNetworkAccess => policy.forbids(policy.workspace.public_network_access.as_ref(), &access()),
            Field::FirewallSku => {
                policy.forbids(policy.workspace.firewall_skus.as_ref(), &FirewallSku::parse(value).unwrap_or(FirewallSku::Standard))
            }
            Field::AuthMode => policy.forbids(policy.online_endpoints.auth_modes.as_ref(), &AuthMode::parse(value)?),
            Field::EndpointPublicAccess => policy.forbids(policy.online_endpoints.public_network_access.as_ref(), &access()),
            _ => None,
        }
    }

    /// Why the policy in force forbids a choice (`None`: allowed, or no policy), for the wizard's marks.
    pub fn forbidden<T: PartialEq>(
        &self,
        rule: impl Fn(&amlnet_core::policy::Policy) -> Option<&amlnet_core::policy::Allowed<T>>,
        value: &T,
    ) -> Option<String> {
        let policy = &self.policy.loaded.as_ref()?.reading.policy;
        policy.forbids(rule(policy), value)
    }

    /// The text shown in a field's control.
    pub fn value(&self, field: Field) -> String {
        let ctx = &self.config.context;
        let ws = self.workspace();
        let ep = self.config.endpoint.as_ref();
        let dep = self.config.deployments.first();
        // The wizard edits one inbound private endpoint, as the portal's "Add private endpoint" does (the
        // command line takes more).
        let inbound = ctx.networking.inbound_private_endpoints.first();
        match field {
            Field::SubscriptionId => ctx.subscription_id.clone().unwrap_or_default(),
            Field::ResourceGroup => ctx.resource_group.clone().unwrap_or_default(),
            Field::Operation => if ctx.operation == Operation::Update { "update" } else { "create" }.to_owned(),
            Field::CurrentIsolationMode => ctx.current_isolation_mode.map(|m| m.yaml().to_owned()).unwrap_or_default(),
            Field::WorkspaceName => ws.name.clone(),
            Field::WorkspaceKind => ws.kind.yaml().to_owned(),
            Field::HubId => ws.hub_id.clone().unwrap_or_default(),
            Field::Region => ws.location.clone().unwrap_or_default(),
            Field::PublicNetworkAccess => ws.public_network_access.map(|a| a.lower().to_owned()).unwrap_or_default(),
            Field::IsolationMode => self.isolation_mode().yaml().to_owned(),
            Field::FirewallSku => ws.managed_network.as_ref().and_then(|m| m.firewall_sku).map(|s| s.yaml().to_owned()).unwrap_or_default(),
            Field::ProvisionNow => if ws.provision_network_now == Some(true) { "true" } else { "false" }.to_owned(),
            Field::ImageBuildCompute => ws.image_build_compute.clone().unwrap_or_default(),
            Field::InboundPeSubnet => inbound.map(|e| e.subnet.clone()).unwrap_or_default(),
            Field::InboundPeName => inbound.map(|e| e.name.clone()).unwrap_or_default(),
            Field::InboundPeNetworkRg => inbound.and_then(|e| e.network_resource_group.clone()).unwrap_or_default(),
            Field::InboundPeDns => match inbound.map(|e| &e.dns) {
                Some(DnsIntegration::Off) => "off",
                Some(DnsIntegration::Existing(_)) => "existing",
                Some(DnsIntegration::Create) | None => "create",
            }
            .to_owned(),
            Field::InboundPeZoneIds => match inbound.map(|e| &e.dns) {
                Some(DnsIntegration::Existing(ids)) => ids.join(" "),
                _ => String::new(),
            },
            Field::AssignApproverRole => ctx.networking.assign_approver_role.to_string(),
            Field::ApproverIdentity => ctx.networking.approver_identity.clone().unwrap_or_default(),
            Field::EndpointName => ep.map(|e| e.name.clone()).unwrap_or_default(),
            Field::AuthMode => ep.and_then(|e| e.auth_mode).map(|a| a.yaml().to_owned()).unwrap_or_default(),
            Field::EndpointPublicAccess => ep.and_then(|e| e.public_network_access).map(|a| a.lower().to_owned()).unwrap_or_default(),
            Field::DeploymentName => dep.map(|d| d.name.clone()).unwrap_or_default(),
            Field::Model => value_text(dep.and_then(|d| d.model.as_ref())),
            Field::Environment => value_text(dep.and_then(|d| d.environment.as_ref())),
            Field::InstanceType => dep.and_then(|d| d.instance_type.clone()).unwrap_or_default(),
            Field::InstanceCount => self.instance_count_text.clone(),
            Field::EgressPublicAccess => dep.and_then(|d| d.egress_public_network_access).map(|a| a.lower().to_owned()).unwrap_or_default(),
        }
    }

    /// Whether the instance count text is not a whole number (the model cannot hold it).
    pub fn instance_count_invalid(&self) -> bool {
        let text = self.instance_count_text.trim();
        !text.is_empty() && text.parse::<i64>().is_err()
    }

    /// The fields of the inbound private endpoint: it exists while any of them is set (an endpoint
    /// without a subnet is the core's `inbound-private-endpoint-invalid` error, shown at the subnet).
    fn set_inbound(&mut self, field: Field, text: String) {
        let list = &mut self.config.context.networking.inbound_private_endpoints;
        if list.is_empty() {
            list.push(InboundPrivateEndpoint::default());
        }
        let pe = &mut list[0];
        match field {
            Field::InboundPeSubnet => pe.subnet = text.trim().to_owned(),
            Field::InboundPeName => pe.name = text.trim().to_owned(),
            Field::InboundPeNetworkRg => pe.network_resource_group = opt(&text).map(|t| t.trim().to_owned()),
            Field::InboundPeDns => {
                pe.dns = match text.as_str() {
                    "off" => DnsIntegration::Off,
                    "existing" => DnsIntegration::Existing(match &pe.dns {
                        DnsIntegration::Existing(ids) => ids.clone(),
                        DnsIntegration::Create | DnsIntegration::Off => Vec::new(),
                    }),
                    _ => DnsIntegration::Create,
                }
            }
            _ => pe.dns = DnsIntegration::Existing(text.split([' ', ',', '\n']).filter(|t| !t.is_empty()).map(str::to_owned).collect()),
        }
        let empty = pe.subnet.is_empty() && pe.name.is_empty() && pe.network_resource_group.is_none() && pe.dns == DnsIntegration::Create;
        if empty {
            list.clear();
        }
    }

    fn set(&mut self, field: Field, text: String) {
        match field {
            Field::SubscriptionId => self.config.context.subscription_id = opt(&text),
            Field::ResourceGroup => self.config.context.resource_group = opt(&text),
            Field::Operation => {
                self.config.context.operation = if text == "update" { Operation::Update } else { Operation::Create };
                if self.config.context.operation == Operation::Create {
                    self.config.context.current_isolation_mode = None;
                } else {
                    self.workspace_mut().provision_network_now = None;
                }
            }
            Field::CurrentIsolationMode => self.config.context.current_isolation_mode = IsolationMode::parse(&text),
            Field::WorkspaceName => self.workspace_mut().name = text,
            Field::WorkspaceKind => {
                let ws = self.workspace_mut();
                ws.kind = WorkspaceKind::parse(&text).unwrap_or_default();
                if ws.kind == WorkspaceKind::Project {
                    // A project inherits its hub's managed network and has no rules of its own.
                    ws.managed_network = None;
                    ws.provision_network_now = None;
                    ws.hub_id.get_or_insert_with(String::new);
                } else {
                    ws.hub_id = None;
                }
            }
            Field::HubId => self.workspace_mut().hub_id = Some(text),
            Field::Region => self.workspace_mut().location = opt(&text),
            Field::PublicNetworkAccess => self.workspace_mut().public_network_access = NetworkAccess::parse(&text),
            Field::IsolationMode => {
                let mode = IsolationMode::parse(&text).unwrap_or(IsolationMode::Disabled);
                let remembered = self.remembered_sku;
                let net = self.network_mut();
                net.isolation_mode = Some(mode);
                let sku = if mode == IsolationMode::AllowOnlyApprovedOutbound {
                    net.firewall_sku = net.firewall_sku.or(remembered);
                    None
                } else {
                    net.firewall_sku.take()
                };
                // The SKU the user chose comes back with approved outbound.
                if sku.is_some() {
                    self.remembered_sku = sku;
                }
            }
            Field::FirewallSku => {
                let sku = FirewallSku::parse(&text);
                self.network_mut().firewall_sku = sku;
                self.remembered_sku = sku;
            }
            Field::ProvisionNow => self.workspace_mut().provision_network_now = (text == "true").then_some(true),
            Field::ImageBuildCompute => self.workspace_mut().image_build_compute = opt(&text).map(|t| t.trim().to_owned()),
            Field::InboundPeSubnet | Field::InboundPeName | Field::InboundPeNetworkRg | Field::InboundPeDns | Field::InboundPeZoneIds => {
                self.set_inbound(field, text)
            }
            Field::AssignApproverRole => self.config.context.networking.assign_approver_role = text == "true",
            Field::ApproverIdentity => self.config.context.networking.approver_identity = opt(&text).map(|t| t.trim().to_owned()),
            Field::EndpointName => {
                let ep = self.config.endpoint.get_or_insert_with(OnlineEndpoint::default);
                ep.name = text.clone();
                for dep in &mut self.config.deployments {
                    dep.endpoint_name = text.clone();
                }
            }
            Field::AuthMode => self.config.endpoint.get_or_insert_with(OnlineEndpoint::default).auth_mode = AuthMode::parse(&text),
            Field::EndpointPublicAccess => {
                self.config.endpoint.get_or_insert_with(OnlineEndpoint::default).public_network_access = NetworkAccess::parse(&text);
            }
            Field::DeploymentName => self.deployment_mut().name = text,
            Field::Model => self.deployment_mut().model = opt(&text).map(Value::Str),
            Field::Environment => self.deployment_mut().environment = opt(&text).map(Value::Str),
            Field::InstanceType => self.deployment_mut().instance_type = opt(&text),
            Field::InstanceCount => {
                self.deployment_mut().instance_count = text.trim().parse().ok();
                self.instance_count_text = text;
            }
            Field::EgressPublicAccess => self.deployment_mut().egress_public_network_access = NetworkAccess::parse(&text),
        }
    }

    fn deployment_mut(&mut self) -> &mut OnlineDeployment {
        if self.config.deployments.is_empty() {
            let endpoint_name = self.config.endpoint.as_ref().map(|e| e.name.clone()).unwrap_or_default();
            self.config.deployments.push(OnlineDeployment { endpoint_name, ..OnlineDeployment::default() });
        }
        &mut self.config.deployments[0]
    }

    fn focus_on(&mut self, id: impl Into<String>) {
        let serial = self.focus.as_ref().map_or(1, |f| f.serial.wrapping_add(1));
        self.focus = Some(FocusRequest { serial, id: id.into() });
    }

    /// The dialog's diagnostics: the core's findings for the draft rule, placed in the model where it
    /// would go.
    pub fn draft_diagnostics(&self) -> Vec<(DraftField, Diagnostic)> {
        let Some(draft) = &self.dialog else { return Vec::new() };
        let mut config = self.config.clone();
        let rules =
            &mut config.workspace.get_or_insert_with(Workspace::default).managed_network.get_or_insert_with(ManagedNetwork::default).outbound_rules;
        let index = match draft.index {
            Some(i) if i < rules.len() => {
                rules[i] = draft.to_rule();
                i
            }
            _ => {
                rules.push(draft.to_rule());
                rules.len() - 1
            }
        };
        let prefix = rule_path(index);
        check(&config)
            .into_iter()
            .filter_map(|d| {
                let sub = d.path.strip_prefix(&prefix)?;
                if !(sub.is_empty() || sub.starts_with('.') || sub.starts_with('[')) {
                    return None;
                }
                Some((DraftField::of_subpath(sub, draft.rule_type), d))
            })
            .collect()
    }

    /// The dialog's findings as shown: those of the fields the user has reached (see [`RuleDraft::shows`]),
    /// without the firewall cost warning, which the FQDN pane states itself.
    pub fn draft_findings(&self) -> Vec<(DraftField, Diagnostic)> {
        let Some(draft) = &self.dialog else { return Vec::new() };
        let firewall = amlnet_core::rules::find("fqdn-rule-creates-firewall").map(|r| r.code);
        self.draft_diagnostics().into_iter().filter(|(f, d)| draft.shows(*f) && Some(d.code) != firewall).collect()
    }

    /// Reads `files` as the current state of the workspace and makes the change an update of it;
    /// returns the number of errors found in them.
    fn load_current(&mut self, files: Vec<(String, String)>) -> usize {
        let sources: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(n.clone(), t.clone())).collect();
        let current = amlnet_core::plan::read_current(&sources);
        let errors = current.diagnostics.iter().filter(|d| d.is_error()).count();
        self.set_current_context(&current.config);
        self.plan.current = Some(CurrentState { files, config: current.config, diagnostics: current.diagnostics });
        errors
    }

    /// Marks the change as an update of a workspace in the state `current`, so that the checks judge
    /// one-way transitions and the exports generate an update.
    fn set_current_context(&mut self, current: &Config) {
        self.config.context = amlnet_core::plan::update_context(current, &self.config.context);
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::GoTo(step) => {
                self.step = step;
                self.focus_on(format!("step-{}-heading", step.id()));
            }
            Action::Next => {
                self.attempted.insert(self.step as usize);
                if let Some(step) = self.step.next() {
                    self.apply(Action::GoTo(step));
                }
            }
            Action::Back => {
                if let Some(step) = self.step.previous() {
                    self.apply(Action::GoTo(step));
                }
            }
            Action::Set(field, text) => {
                self.touched.insert(field as usize);
                self.set(field, text);
            }
            Action::SetEndpointEnabled(on) => {
                if on && self.config.endpoint.is_none() {
                    self.config.endpoint = Some(OnlineEndpoint {
                        auth_mode: Some(AuthMode::Key),
                        public_network_access: Some(NetworkAccess::Disabled),
                        ..OnlineEndpoint::default()
                    });
                    self.config.deployments =
                        vec![OnlineDeployment { name: "blue".to_owned(), instance_count: Some(1), ..OnlineDeployment::default() }];
                    self.instance_count_text = "1".to_owned();
                } else if !on {
                    self.config.endpoint = None;
                    self.config.deployments.clear();
                    self.instance_count_text.clear();
                }
            }
            Action::OpenRuleDialog(index) => {
                let sub = self.config.context.subscription_id.clone().unwrap_or_default();
                let rg = self.config.context.resource_group.clone().unwrap_or_default();
                let default_type =
                    if self.isolation_mode() == IsolationMode::AllowOnlyApprovedOutbound { RuleType::Fqdn } else { RuleType::PrivateEndpoint };
                self.dialog = Some(match index.and_then(|i| self.rules().get(i).map(|r| (i, r))) {
                    Some((i, rule)) => RuleDraft::of_rule(i, rule, &sub, &rg),
                    None => RuleDraft::new(default_type, &sub, &rg),
                });
                self.focus_on(DraftField::Name.id());
            }
            Action::SetDraft(field, text) => {
                if let Some(draft) = &mut self.dialog {
                    if let Some(notice) = draft.set(field, text) {
                        self.notice = notice;
                    }
                }
            }
            Action::SaveRule => {
                let errors: Vec<(DraftField, Diagnostic)> = self.draft_diagnostics().into_iter().filter(|(_, d)| d.is_error()).collect();
                // The first in the dialog's order (the field enum is in form order).
                if let Some(first) = errors.iter().map(|(f, _)| *f).min() {
                    // Refused: every error shows in the dialog and focus moves to the first.
                    if let Some(draft) = &mut self.dialog {
                        draft.attempted = true;
                    }
                    self.notice = format!("Not saved: the rule has {}", plural(errors.len(), "error"));
                    self.focus_on(first.id());
                    return;
                }
                if let Some(draft) = self.dialog.take() {
                    let rule = draft.to_rule();
                    let name = rule.name.clone();
                    let rules = &mut self.network_mut().outbound_rules;
                    let index = match draft.index {
                        Some(i) if i < rules.len() => {
                            rules[i] = rule;
                            i
                        }
                        _ => {
                            rules.push(rule);
                            rules.len() - 1
                        }
                    };
                    self.notice = format!("Saved rule {name}");
                    self.focus_on(format!("rule-{index}-edit"));
                }
            }
            Action::CloseRuleDialog => {
                let index = self.dialog.take().and_then(|d| d.index);
                self.focus_on(match index {
                    Some(i) => format!("rule-{i}-edit"),
                    None => "add-rule".to_owned(),
                });
            }
            Action::DeleteRule(index) => {
                if let Some(rule) = self.rules().get(index) {
                    let label = format!("Deleted rule {}", rule.name);
                    self.checkpoint(&label);
                    self.network_mut().outbound_rules.remove(index);
                    self.notice = label;
                    self.focus_on("add-rule");
                }
            }
            Action::AddRecommendedSet(id) => {
                if self.isolation_mode() != IsolationMode::AllowOnlyApprovedOutbound {
                    // FQDN rules exist only in approved outbound; each would be an error.
                    self.notice = "Recommended sets are FQDN rules: choose Private with Approved Outbound first".to_owned();
                } else if let Some(set) = RECOMMENDED_SETS.iter().find(|s| s.id == id) {
                    let rules = &mut self.network_mut().outbound_rules;
                    let mut added = 0;
                    for (name, destination) in set.rules {
                        if !rules.iter().any(|r| r.name == *name) {
                            rules.push(OutboundRule {
                                name: (*name).to_owned(),
                                destination: Destination::Fqdn(FqdnDestination { destination: (*destination).to_owned() }),
                            });
                            added += 1;
                        }
                    }
                    self.notice = format!("Added {} for {}", plural(added, "rule"), set.label);
                }
            }
            Action::Reveal(anchor) => {
                self.step = anchor.step();
                self.dialog = None;
                self.focus_on(anchor.dom_id());
            }
            Action::OpenImport(open) => {
                self.import.open = open;
                self.focus_on(if open { "import-text" } else { "open-import" });
            }
            Action::SetImportText(text) => self.import.text = text,
            Action::SetImportMode(mode) => self.import.mode = mode,
            Action::Import(files) => {
                let sources: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(n.clone(), t.clone())).collect();
                // Replacing starts from an empty context: nothing of the previous configuration stays.
                let context = match self.import.mode {
                    ImportMode::Replace => Context::default(),
                    ImportMode::Merge => self.config.context.clone(),
                };
                let analysis = analyze(&sources, context);
                let has_errors = analysis.has_errors();
                let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
                self.import.result =
                    Some(ImportResult { files, diagnostics: analysis.diagnostics, applied: false, config: analysis.config, skipped: Vec::new() });
                if has_errors {
                    self.notice = format!("Import found {}; the wizard is unchanged", plural(errors, "error"));
                    self.focus_on("import-result-heading");
                } else {
                    self.apply(Action::ApplyImport);
                }
            }
            Action::ApplyImport => {
                let Some(result) = self.import.result.clone() else { return };
                let mut imported = result.config.clone();
                // A partial apply leaves out the rules with errors and names every other part it takes with errors.
                let mut skipped = Vec::new();
                let mut bad_rules: Vec<usize> = Vec::new();
                for d in result.diagnostics.iter().filter(|d| d.is_error()) {
                    match Anchor::of(d) {
                        Anchor::Rule(i) if i < imported.rules().len() => {
                            if !bad_rules.contains(&i) {
                                bad_rules.push(i);
                            }
                        }
                        _ => skipped.push(format!(
                            "`{}` in {}: {} ({}), not applied",
                            if d.path.is_empty() { "document" } else { d.path.as_str() },
                            d.file.as_deref().unwrap_or("the input"),
                            d.message,
                            d.code
                        )),
                    }
                }
                // In rule order without a sort (a sort monomorph costs the first load about 3 KB).
                let bad_rules: Vec<usize> = (0..imported.rules().len()).filter(|i| bad_rules.contains(i)).collect();
                if let Some(net) = imported.workspace.as_mut().and_then(|w| w.managed_network.as_mut()) {
                    for &i in bad_rules.iter().rev() {
                        let rule = net.outbound_rules.remove(i);
                        let n = result.diagnostics.iter().filter(|d| d.is_error() && Anchor::of(d) == Anchor::Rule(i)).count();
                        let name = if rule.name.is_empty() { format!("number {}", i + 1) } else { format!("`{}`", rule.name) };
                        skipped.insert(0, format!("rule {name}: left out, it has {}", plural(n, "error")));
                    }
                }
                let config = match self.import.mode {
                    ImportMode::Replace => imported,
                    ImportMode::Merge => {
                        // Documents the import did not contain keep what the wizard had.
                        let mut config = self.config.clone();
                        if imported.workspace.is_some() {
                            config.workspace = imported.workspace;
                        }
                        if imported.endpoint.is_some() {
                            config.endpoint = imported.endpoint;
                        }
                        if !imported.deployments.is_empty() {
                            config.deployments = imported.deployments;
                        }
                        config
                    }
                };
                let label = match self.import.mode {
                    ImportMode::Replace => "Configuration replaced by the import",
                    ImportMode::Merge => "Imported documents merged into the configuration",
                };
                self.checkpoint(label);
                let import = ImportPanel { result: Some(ImportResult { applied: true, skipped: skipped.clone(), ..result }), ..self.import.clone() };
                *self = State { import, ..self.fresh(config) };
                self.notice = if skipped.is_empty() {
                    format!("{label}; the wizard is filled in")
                } else {
                    format!("{label}; {} not taken as read", plural(skipped.len(), "part"))
                };
                self.focus_on("import-result-heading");
            }
            Action::Restore(snapshot) => {
                let (config, diagnostics) = snapshot.restore();
                let step = snapshot.step.as_deref().and_then(Step::parse).unwrap_or(Step::Basics);
                *self = State { step, ..self.fresh(config) };
                if let Some(text) = &snapshot.policy {
                    self.policy.loaded = Some(LoadedPolicy::read(text.clone()));
                    self.policy.text.clone_from(text);
                }
                if !snapshot.current.is_empty() {
                    self.load_current(snapshot.current.clone());
                }
                let read_errors: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| d.is_error() && d.range.is_some()).collect();
                if !read_errors.is_empty() {
                    self.import = ImportPanel {
                        open: true,
                        text: String::new(),
                        result: Some(ImportResult {
                            files: snapshot.files.clone(),
                            diagnostics: read_errors,
                            applied: true,
                            config: self.config.clone(),
                            skipped: Vec::new(),
                        }),
                        ..ImportPanel::default()
                    };
                }
            }
            Action::OpenPlan(open) => {
                self.plan.open = open;
                self.focus_on(if open { "plan-text" } else { "open-plan" });
            }
            Action::SetPlanText(text) => self.plan.text = text,
            Action::OpenPolicy(open) => {
                self.policy.open = open;
                self.focus_on(if open { "policy-text" } else { "open-policy" });
            }
            Action::SetPolicyText(text) => self.policy.text = text,
            Action::LoadPolicy(text) => {
                let loaded = LoadedPolicy::read(text);
                let errors = loaded.reading.diagnostics.iter().filter(|d| d.is_error()).count();
                self.notice = if errors > 0 {
                    format!("The policy has {}; every check fails until it is fixed", plural(errors, "error"))
                } else {
                    "Policy loaded: the wizard enforces it".to_owned()
                };
                self.policy.text.clone_from(&loaded.text);
                self.policy.loaded = Some(loaded);
            }
            Action::ClearPolicy => {
                self.policy.loaded = None;
                self.notice = "Policy removed".to_owned();
            }
            Action::LoadCurrent(files) => {
                let errors = self.load_current(files);
                self.notice = if errors > 0 {
                    format!("Read the current state with {errors} errors; the plan uses what could be read")
                } else {
                    "Read the current state; the plan below leads from it to the wizard's configuration".to_owned()
                };
                self.focus_on("plan-current-heading");
            }
            Action::EditFromCurrent => {
                if let Some(current) = self.plan.current.clone() {
                    self.checkpoint("Configuration replaced by a copy of the current state");
                    // The whole configuration is the current state's: its subscription and resource group
                    // (from `az ml workspace show`'s id) or none, never the previous wizard's.
                    let (subscription_id, resource_group) = State::context_of_current(&current.files);
                    let mut config = current.config.clone();
                    config.context = Context { subscription_id, resource_group, ..Context::default() };
                    let plan = self.plan.clone();
                    *self = State { plan, ..self.fresh(config) };
                    self.set_current_context(&current.config);
                    self.step = Step::Networking;
                    self.notice = "The wizard holds a copy of the current state: change it, and the plan follows".to_owned();
                    self.focus_on("step-networking-heading");
                }
            }
            Action::ForgetCurrent => {
                self.plan.current = None;
                self.config.context.current_rules.clear();
                self.notice = "Forgot the current state".to_owned();
                self.focus_on("plan-text");
            }
            Action::LoadPreset(id) => {
                if let Some(preset) = crate::presets::PRESETS.iter().find(|p| p.id == id) {
                    self.checkpoint(&format!("Configuration replaced by the preset {}", preset.label));
                    *self = self.fresh((preset.build)());
                    self.notice = format!("Loaded preset: {}", preset.label);
                    self.focus_on("step-basics-heading");
                }
            }
            Action::StartOver => {
                self.checkpoint("Started over with an empty workspace");
                *self = self.fresh(blank_config());
                self.notice = "Started over with an empty workspace".to_owned();
                self.focus_on("step-basics-heading");
            }
            Action::Notice(text) => self.notice = text,
            Action::ApplyFix(d) => {
                let Some(fix) = d.fix.clone() else { return };
                let value = fix.replacement.as_deref().map(yaml_scalar_text).unwrap_or_default();
                let anchor = match self.draft_index() {
                    Some(i) if d.path.starts_with(&rule_path(i)) => Anchor::Rule(i),
                    _ => Anchor::of(&d),
                };
                match anchor {
                    Anchor::Field(field) => self.apply(Action::Set(field, value)),
                    Anchor::Rule(i) => {
                        let sub = fix.path.strip_prefix(&rule_path(i)).unwrap_or("").to_owned();
                        self.edit_rule(i, |draft| {
                            let field = DraftField::of_subpath(&sub, draft.rule_type);
                            let _ = draft.set(field, value);
                        });
                    }
                    Anchor::Step(_) => return,
                }
                self.notice = format!("Fixed: {}", fix.title.replace('`', ""));
            }
            Action::QuickFix(fix, anchor) => match (fix, anchor) {
                (QuickFix::SwitchToApproved, _) => {
                    self.apply(Action::Set(Field::IsolationMode, IsolationMode::AllowOnlyApprovedOutbound.yaml().to_owned()));
                    self.notice = "Switched to Private with Approved Outbound".to_owned();
                }
                (QuickFix::RenameRule(name), Anchor::Rule(i)) => {
                    self.notice = format!("Renamed the rule to {name}");
                    self.edit_rule(i, |draft| {
                        let _ = draft.set(DraftField::Name, name);
                    });
                }
                (QuickFix::StorageFqdnToPrivateEndpoint { account, subresource }, Anchor::Rule(i)) => {
                    self.edit_rule(i, |draft| {
                        let _ = draft.set(DraftField::Type, RuleType::PrivateEndpoint.yaml().to_owned());
                        let _ = draft.set(DraftField::ResourceType, "Microsoft.Storage/storageAccounts".to_owned());
                        let _ = draft.set(DraftField::ResourceName, account);
                        if draft.subresource_choices().contains(&subresource.as_str()) {
                            let _ = draft.set(DraftField::Subresource, subresource);
                        }
                    });
                    self.notice = "Made the rule a private endpoint rule to the storage account".to_owned();
                }
                _ => {}
            },
            Action::Undo => {
                if let Some(entry) = self.undo.pop() {
                    self.redo.push(UndoEntry { label: entry.label.clone(), snapshot: Snapshot::of(self) });
                    self.back_to(&entry.snapshot);
                    self.toast = None;
                    self.notice = format!("Undone: {}", entry.label);
                    self.focus_on(format!("step-{}-heading", self.step.id()));
                } else {
                    self.notice = "Nothing to undo".to_owned();
                }
            }
            Action::Redo => {
                if let Some(entry) = self.redo.pop() {
                    self.undo.push(UndoEntry { label: entry.label.clone(), snapshot: Snapshot::of(self) });
                    self.back_to(&entry.snapshot);
                    self.toast = Some(entry.label.clone());
                    self.notice = format!("Redone: {}", entry.label);
                    self.focus_on(format!("step-{}-heading", self.step.id()));
                } else {
                    self.notice = "Nothing to redo".to_owned();
                }
            }
            Action::DismissToast => self.toast = None,
            Action::AskExport(intent) => {
                self.export_question = Some(intent);
                self.focus_on("export-question-title");
            }
            Action::CloseExportQuestion => self.export_question = None,
            Action::Explain(code) => {
                // Closing returns focus to where it was (the dialog remembers it).
                self.explain = code;
                if code.is_some() {
                    self.focus_on("explain-title");
                }
            }
        }
    }
}

impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amlnet_core::{export, ExportFormat, Severity};

    fn state_with(actions: &[Action]) -> State {
        let mut s = State::default();
        for a in actions {
            s.apply(a.clone());
        }
        s
    }

    #[test]
    fn a_project_drops_the_managed_network_and_names_its_hub() {
        let hub = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/contoso-hub";
        let mut s = state_with(&[Action::Set(Field::IsolationMode, "allow_only_approved_outbound".into())]);
        assert!(s.config.workspace.as_ref().is_some_and(|w| w.managed_network.is_some()));
        s.apply(Action::Set(Field::WorkspaceKind, "project".into()));
        s.apply(Action::Set(Field::HubId, hub.into()));
        assert!(s.is_project());
        let ws = s.config.workspace.as_ref().expect("workspace");
        assert!(ws.managed_network.is_none(), "a project inherits its hub's network");
        assert_eq!(s.value(Field::HubId), hub);
        let yaml = export(&s.config, ExportFormat::Yaml).into_iter().find(|f| f.path == "workspace.yml").expect("workspace.yml").contents;
        assert!(yaml.contains("kind: project") && yaml.contains(&format!("hub_id: {hub}")), "{yaml}");
        // The core's checks judge it as a project: no project-managed-network error, and a hub id it accepts.
        assert!(!amlnet_core::check(&s.config).iter().any(|d| d.code == "project-managed-network" || d.code == "hub-id-invalid"));
        s.apply(Action::Set(Field::WorkspaceKind, "hub".into()));
        assert_eq!(s.value(Field::WorkspaceKind), "hub");
        assert!(s.config.workspace.as_ref().is_some_and(|w| w.hub_id.is_none()));
        let cli = export(&s.config, ExportFormat::Cli).into_iter().next().expect("deploy.sh").contents;
        assert!(cli.contains("az ml workspace create --file amlnet-workspace.yml") && cli.contains("--kind hub"), "{cli}");
    }

    #[test]
    fn steps_move_forward_and_back_and_request_focus_on_the_heading() {
        let mut s = State::default();
        assert_eq!(s.step, Step::Basics);
        s.apply(Action::Back);
        assert_eq!(s.step, Step::Basics);
        for expected in [Step::Networking, Step::Rules, Step::Endpoint, Step::Review] {
            s.apply(Action::Next);
            assert_eq!(s.step, expected);
            assert_eq!(s.focus.as_ref().map(|f| f.id.clone()), Some(format!("step-{}-heading", expected.id())));
        }
        s.apply(Action::Next);
        assert_eq!(s.step, Step::Review);
        s.apply(Action::Back);
        assert_eq!(s.step, Step::Endpoint);
        s.apply(Action::GoTo(Step::Networking));
        assert_eq!(s.step, Step::Networking);
    }

    #[test]
    fn focus_requests_are_distinct() {
        let mut s = State::default();
        s.apply(Action::GoTo(Step::Rules));
        let first = s.focus.clone();
        s.apply(Action::GoTo(Step::Rules));
        assert_ne!(first, s.focus);
    }

    #[test]
    fn basics_fields_fill_the_context_and_workspace() {
        let s = state_with(&[
            Action::Set(Field::SubscriptionId, "00000000-1111-2222-3333-444444444444".into()),
            Action::Set(Field::ResourceGroup, "rg".into()),
            Action::Set(Field::WorkspaceName, "ws".into()),
            Action::Set(Field::Region, "westeurope".into()),
        ]);
        assert_eq!(s.config.context.subscription_id.as_deref(), Some("00000000-1111-2222-3333-444444444444"));
        assert_eq!(s.value(Field::ResourceGroup), "rg");
        assert_eq!(s.workspace().name, "ws");
        assert_eq!(s.value(Field::Region), "westeurope");
        let cleared = {
            let mut s = s.clone();
            s.apply(Action::Set(Field::Region, String::new()));
            s
        };
        assert_eq!(cleared.workspace().location, None);
    }

    #[test]
    fn update_operation_keeps_the_current_mode_and_create_clears_it() {
        let mut s = state_with(&[
            Action::Set(Field::Operation, "update".into()),
            Action::Set(Field::CurrentIsolationMode, "allow_only_approved_outbound".into()),
            Action::Set(Field::IsolationMode, "allow_internet_outbound".into()),
        ]);
        assert_eq!(s.config.context.operation, Operation::Update);
        assert_eq!(s.config.context.current_isolation_mode, Some(IsolationMode::AllowOnlyApprovedOutbound));
        assert_eq!(s.value(Field::CurrentIsolationMode), "allow_only_approved_outbound");
        s.apply(Action::Set(Field::Operation, "create".into()));
        assert_eq!(s.config.context.current_isolation_mode, None);
    }

    #[test]
    fn networking_choices_and_firewall_only_with_approved_outbound() {
        let mut s = state_with(&[
            Action::Set(Field::PublicNetworkAccess, "disabled".into()),
            Action::Set(Field::IsolationMode, "allow_only_approved_outbound".into()),
            Action::Set(Field::FirewallSku, "basic".into()),
            Action::Set(Field::ProvisionNow, "true".into()),
        ]);
        assert_eq!(s.workspace().public_network_access, Some(NetworkAccess::Disabled));
        assert_eq!(s.isolation_mode(), IsolationMode::AllowOnlyApprovedOutbound);
        assert_eq!(s.value(Field::FirewallSku), "basic");
        assert_eq!(s.workspace().provision_network_now, Some(true));
        s.apply(Action::Set(Field::IsolationMode, "allow_internet_outbound".into()));
        assert_eq!(s.value(Field::FirewallSku), "");
        s.apply(Action::Set(Field::ProvisionNow, "false".into()));
        assert_eq!(s.workspace().provision_network_now, None);
    }

    #[test]
    fn rule_dialog_adds_each_rule_type() {
        let mut s = state_with(&[
            Action::Set(Field::SubscriptionId, "00000000-1111-2222-3333-444444444444".into()),
            Action::Set(Field::ResourceGroup, "rg".into()),
            // An empty workspace name is an error of its own (the service needs one).
            Action::Set(Field::WorkspaceName, "ws-rules".into()),
            Action::Set(Field::IsolationMode, "allow_only_approved_outbound".into()),
            Action::OpenRuleDialog(None),
        ]);
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("r-name"));
        let draft = s.dialog.clone().expect("dialog open");
        assert_eq!(draft.rule_type, RuleType::Fqdn);
        assert_eq!(draft.subscription, "00000000-1111-2222-3333-444444444444");
        for a in [
            Action::SetDraft(DraftField::Name, "storage".into()),
            Action::SetDraft(DraftField::Type, "private_endpoint".into()),
            Action::SetDraft(DraftField::ResourceType, "Microsoft.KeyVault/vaults".into()),
        ] {
            s.apply(a);
        }
        assert_eq!(s.dialog.as_ref().map(|d| d.subresource.as_str()), Some("vault"), "sub resource follows the type");
        s.apply(Action::SetDraft(DraftField::ResourceType, "Microsoft.Storage/storageAccounts".into()));
        s.apply(Action::SetDraft(DraftField::ResourceName, "sa".into()));
        s.apply(Action::SetDraft(DraftField::Subresource, "dfs".into()));
        s.apply(Action::SetDraft(DraftField::Spark, "true".into()));
        s.apply(Action::SaveRule);
        assert!(s.dialog.is_none());
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("rule-0-edit"));
        let Destination::PrivateEndpoint(pe) = &s.rules()[0].destination else { panic!("private endpoint") };
        assert_eq!(
            pe.service_resource_id,
            "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa"
        );
        assert_eq!(pe.subresource_target, "dfs");
        assert!(pe.spark_enabled);

        for a in [
            Action::OpenRuleDialog(None),
            Action::SetDraft(DraftField::Name, "monitor".into()),
            Action::SetDraft(DraftField::Type, "service_tag".into()),
            Action::SetDraft(DraftField::TagSearch, "monit".into()),
        ] {
            s.apply(a);
        }
        assert_eq!(s.dialog.as_ref().map(DraftField_matching), Some(vec!["AzureMonitor"]));
        s.apply(Action::SetDraft(DraftField::ServiceTag, "AzureMonitor".into()));
        s.apply(Action::SetDraft(DraftField::PortRanges, "443,8080-8081".into()));
        s.apply(Action::SaveRule);
        s.apply(Action::OpenRuleDialog(None));
        s.apply(Action::SetDraft(DraftField::Name, "pypi".into()));
        s.apply(Action::SetDraft(DraftField::Fqdn, "pypi.org".into()));
        s.apply(Action::SaveRule);
        let types: Vec<RuleType> = s.rules().iter().map(|r| r.destination.rule_type()).collect();
        assert_eq!(types, [RuleType::PrivateEndpoint, RuleType::ServiceTag, RuleType::Fqdn]);
        assert!(s.diagnostics().iter().all(|d| !d.is_error()), "{:?}", s.diagnostics());
    }

    #[allow(non_snake_case)]
    fn DraftField_matching(d: &RuleDraft) -> Vec<&'static str> {
        d.matching_tags()
    }

    #[test]
    fn edit_prefills_the_dialog_and_cancel_returns_focus() {
        let mut s = State::demo();
        s.apply(Action::OpenRuleDialog(Some(0)));
        let draft = s.dialog.clone().expect("open");
        assert_eq!(draft.name, "datalake-dfs");
        assert_eq!(draft.resource_name, "contosodatalake");
        assert_eq!(draft.resource_group, "contoso-data");
        assert_eq!(
            draft.resource_id(),
            match &s.rules()[0].destination {
                Destination::PrivateEndpoint(pe) => pe.service_resource_id.clone(),
                _ => String::new(),
            }
        );
        s.apply(Action::SetDraft(DraftField::Name, "renamed".into()));
        s.apply(Action::CloseRuleDialog);
        assert_eq!(s.rules()[0].name, "datalake-dfs", "cancel keeps the rule");
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("rule-0-edit"));
        s.apply(Action::OpenRuleDialog(Some(2)));
        s.apply(Action::SetDraft(DraftField::Fqdn, "test.pypi.org".into()));
        s.apply(Action::SaveRule);
        assert_eq!(s.rules()[2].destination, Destination::Fqdn(FqdnDestination { destination: "test.pypi.org".into() }));
        assert_eq!(s.rules().len(), 4);
    }

    #[test]
    fn draft_diagnostics_come_from_the_core_for_the_rule_being_edited() {
        let mut s = State::demo();
        s.apply(Action::OpenRuleDialog(None));
        s.apply(Action::SetDraft(DraftField::Name, "pypi".into()));
        s.apply(Action::SetDraft(DraftField::Type, "service_tag".into()));
        s.apply(Action::SetDraft(DraftField::ServiceTag, "Storage".into()));
        s.apply(Action::SetDraft(DraftField::PortRanges, "99999".into()));
        let found = s.draft_diagnostics();
        assert!(found.iter().any(|(f, d)| *f == DraftField::Name && d.code == "duplicate-rule-name"), "{found:?}");
        assert!(found.iter().any(|(f, d)| *f == DraftField::PortRanges && d.is_error()), "{found:?}");
    }

    #[test]
    fn delete_and_recommended_sets() {
        let mut s = State::demo();
        let before = s.rules().len();
        s.apply(Action::AddRecommendedSet("python-packages".into()));
        // pypi and pythonhosted already exist in the demo.
        assert_eq!(s.rules().len(), before + 3);
        s.apply(Action::AddRecommendedSet("python-packages".into()));
        assert_eq!(s.rules().len(), before + 3);
        s.apply(Action::DeleteRule(0));
        assert_eq!(s.rules().len(), before + 2);
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("add-rule"));
        s.apply(Action::DeleteRule(99));
        assert_eq!(s.rules().len(), before + 2);
    }

    #[test]
    fn endpoint_step_adds_and_removes_the_endpoint_and_deployment() {
        let mut s = state_with(&[
            Action::SetEndpointEnabled(true),
            Action::Set(Field::EndpointName, "ep".into()),
            Action::Set(Field::AuthMode, "aml_token".into()),
            Action::Set(Field::EndpointPublicAccess, "disabled".into()),
            Action::Set(Field::DeploymentName, "green".into()),
            Action::Set(Field::Model, "azureml:m:1".into()),
            Action::Set(Field::Environment, "azureml:e:1".into()),
            Action::Set(Field::InstanceType, "Standard_DS3_v2".into()),
            Action::Set(Field::InstanceCount, "2".into()),
            Action::Set(Field::EgressPublicAccess, "disabled".into()),
        ]);
        let dep = &s.config.deployments[0];
        assert_eq!(dep.endpoint_name, "ep");
        assert_eq!(dep.instance_count, Some(2));
        assert_eq!(dep.model, Some(Value::Str("azureml:m:1".into())));
        assert_eq!(s.value(Field::AuthMode), "aml_token");
        assert_eq!(s.value(Field::EgressPublicAccess), "disabled");
        s.apply(Action::Set(Field::InstanceCount, "two".into()));
        assert_eq!(s.value(Field::InstanceCount), "two", "what was typed is kept");
        assert!(s.instance_count_invalid());
        assert_eq!(s.config.deployments[0].instance_count, None);
        s.apply(Action::SetEndpointEnabled(false));
        assert!(s.config.endpoint.is_none() && s.config.deployments.is_empty());
    }

    #[test]
    fn anchors_place_core_diagnostics_on_fields_and_rules() {
        let d = |file: &str, path: &str| Diagnostic { file: Some(file.into()), ..Diagnostic::new("x", Severity::Error, path, "m") };
        assert_eq!(Anchor::of(&d("workspace.yml", "managed_network.outbound_rules[2].destination.port_ranges")), Anchor::Rule(2));
        assert_eq!(Anchor::of(&d("workspace.yml", "managed_network.firewall_sku")), Anchor::Field(Field::FirewallSku));
        assert_eq!(Anchor::of(&d("workspace.yml", "name")), Anchor::Field(Field::WorkspaceName));
        assert_eq!(Anchor::of(&d("endpoint.yml", "name")), Anchor::Field(Field::EndpointName));
        assert_eq!(Anchor::of(&d("deployment.yml", "egress_public_network_access")), Anchor::Field(Field::EgressPublicAccess));
        assert_eq!(Anchor::of(&d("deployment-blue.yml", "instance_count")), Anchor::Field(Field::InstanceCount));
        assert_eq!(Anchor::of(&d("workspace.yml", "managed_network")), Anchor::Step(Step::Networking));
        assert_eq!(Anchor::of(&d("workspace.yml", "identity")), Anchor::Step(Step::Basics));
        let mut s = State::default();
        s.apply(Action::Reveal(Anchor::Rule(1)));
        assert_eq!(s.step, Step::Rules);
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("rule-1-edit"));
        s.apply(Action::Reveal(Anchor::Field(Field::Region)));
        assert_eq!(s.step, Step::Basics);
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("f-region"));
    }

    #[test]
    fn validation_follows_the_model() {
        let mut s = State::demo();
        assert!(!s.diagnostics().iter().any(Diagnostic::is_error), "{:?}", s.diagnostics());
        s.apply(Action::Set(Field::IsolationMode, "allow_internet_outbound".into()));
        // The demo's service tag and FQDN rules are not allowed with internet outbound.
        let errors: Vec<Anchor> = s.diagnostics().iter().filter(|d| d.is_error()).map(Anchor::of).collect();
        assert!(errors.contains(&Anchor::Rule(1)) && errors.contains(&Anchor::Rule(2)), "{errors:?}");
    }

    #[test]
    fn import_applies_clean_files_and_keeps_the_wizard_on_errors() {
        let mut s = State::demo();
        s.apply(Action::OpenImport(true));
        assert!(s.import.open);
        let broken = "name: x\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  outbound_rules:\n  - name: a\n    type: fqdn\n    destination: pypi.org\n  - name: a\n    type: service_tag\n    destination:\n      service_tag: Storage\n      protocol: TCP\n      port_ranges: '99999'\n";
        s.apply(Action::Import(vec![("workspace.yml".into(), broken.into())]));
        let result = s.import.result.clone().expect("result");
        assert!(!result.applied);
        assert!(result.diagnostics.iter().any(|d| d.is_error() && d.range.is_some_and(|r| r.line == 13)), "{:?}", result.diagnostics);
        assert_eq!(s.workspace().name, "contoso-ml", "the wizard is unchanged");
        s.apply(Action::ApplyImport);
        assert_eq!(s.workspace().name, "x");
        // Both rules have errors (a duplicate name, a port out of range): a partial apply leaves them out and says so.
        assert!(s.rules().is_empty(), "{:?}", s.rules());
        let skipped = s.import.result.as_ref().map(|r| r.skipped.clone()).unwrap_or_default();
        assert!(skipped.iter().any(|l| l.starts_with("rule `a`: left out, it has")), "{skipped:?}");
        assert!(!s.endpoint_enabled(), "replace is the default: the demo's endpoint does not stay");
        assert_eq!(s.config.context.subscription_id, None, "nor its subscription");
        assert!(s.config.deployments.is_empty());

        let mut s = State::default();
        let files: Vec<(String, String)> = amlnet_core::demo::DEMO_FILES.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
        s.apply(Action::Import(files));
        assert!(s.import.result.as_ref().is_some_and(|r| r.applied));
        assert_eq!(s.config.workspace, State::demo().config.workspace);
        assert_eq!(s.value(Field::InstanceCount), "1");
    }

    #[test]
    fn current_state_makes_an_update_and_editing_a_copy_keeps_it() {
        let current = "name: live-ws\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n  outbound_rules:\n  - name: blob\n    type: private_endpoint\n    destination:\n      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa\n      subresource_target: blob\n      spark_enabled: false\n";
        let mut s = State::demo();
        s.apply(Action::OpenPlan(true));
        assert!(s.plan.open);
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("plan-text"));
        s.apply(Action::LoadCurrent(vec![("current.yml".into(), current.into())]));
        let read = s.plan.current.clone().expect("current state");
        assert_eq!(read.config.workspace.as_ref().map(|w| w.name.as_str()), Some("live-ws"));
        assert_eq!(s.config.context.operation, Operation::Update);
        assert_eq!(s.config.context.current_isolation_mode, Some(IsolationMode::AllowInternetOutbound));
        assert_eq!(s.config.context.current_rules.len(), 1);
        assert_eq!(s.workspace().name, "contoso-ml", "loading the current state does not change the wizard");

        s.apply(Action::EditFromCurrent);
        assert_eq!(s.workspace().name, "live-ws");
        assert_eq!(s.rules().len(), 1);
        assert_eq!(s.step, Step::Networking);
        assert!(s.plan.current.is_some(), "the current state stays for the plan");
        assert_eq!(s.config.context.operation, Operation::Update);
        assert_eq!(s.config.context.current_isolation_mode, Some(IsolationMode::AllowInternetOutbound));
        let plan = amlnet_core::plan::plan(&read.config, &s.config);
        assert!(plan.is_empty(), "a copy of the current state plans nothing: {plan:#?}");

        s.apply(Action::Set(Field::IsolationMode, "allow_only_approved_outbound".into()));
        let plan = amlnet_core::plan::plan(&read.config, &s.config);
        assert!(!plan.is_empty(), "changing the isolation mode is a step");

        // A share link carries the current state, so the plan survives it.
        let snap = Snapshot::of(&s);
        assert_eq!(snap.current.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["current-workspace.yml"]);
        let mut restored = State::default();
        restored.apply(Action::Restore(Snapshot::decode(&snap.encode()).expect("decodes")));
        let back = restored.plan.current.clone().expect("current state restored");
        assert_eq!(back.config.rules(), read.config.rules());
        assert_eq!(back.config.isolation_mode(), read.config.isolation_mode());
        assert_eq!(amlnet_core::plan::plan(&back.config, &restored.config), plan, "the same plan after the link");
        assert_eq!(restored.config.context.current_rules.len(), 1);

        s.apply(Action::ForgetCurrent);
        assert!(s.plan.current.is_none());
        assert!(s.config.context.current_rules.is_empty());
    }

    #[test]
    fn the_inbound_private_endpoint_and_the_approver_role_are_fields() {
        let subnet = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/corp-vnet/subnets/pe";
        let mut s = State::demo();
        assert!(s.diagnostics().iter().any(|d| d.code == "public-network-access-without-inbound-endpoint"));
        s.apply(Action::Set(Field::InboundPeSubnet, subnet.into()));
        s.apply(Action::Set(Field::InboundPeName, "ws-pe".into()));
        let pe = &s.config.context.networking.inbound_private_endpoints;
        assert_eq!((pe.len(), pe[0].subnet.as_str(), pe[0].name.as_str()), (1, subnet, "ws-pe"));
        assert!(!s.diagnostics().iter().any(|d| d.code == "public-network-access-without-inbound-endpoint"));
        let script = &export(&s.config, ExportFormat::Cli)[0].contents;
        assert!(script.contains("az network private-endpoint create --resource-group \"$RESOURCE_GROUP\" --name ws-pe"), "{script}");
        assert!(script.contains("az role assignment create"), "{script}");
        // Existing zones without ids are an error at the zones field; turning the role off warns at the rule.
        s.apply(Action::Set(Field::InboundPeDns, "existing".into()));
        let at_zones = s.diagnostics().into_iter().filter(|d| Anchor::of(d) == Anchor::Field(Field::InboundPeZoneIds)).count();
        assert_eq!(at_zones, 1);
        s.apply(Action::Set(Field::AssignApproverRole, "false".into()));
        assert!(s.diagnostics().iter().any(|d| d.code == "approver-role-not-assigned"));
        assert_eq!(s.value(Field::AssignApproverRole), "false");
        // A share link carries the settings.
        let snap = Snapshot::of(&s);
        let mut t = State::default();
        t.apply(Action::Restore(Snapshot::decode(&snap.encode()).expect("decodes")));
        assert_eq!(t.config.context.networking, s.config.context.networking);
        // Emptying every field removes the endpoint.
        for f in [Field::InboundPeSubnet, Field::InboundPeName] {
            s.apply(Action::Set(f, String::new()));
        }
        s.apply(Action::Set(Field::InboundPeDns, "create".into()));
        assert!(s.config.context.networking.inbound_private_endpoints.is_empty());
    }

    #[test]
    fn restore_from_a_snapshot_round_trips_the_model() {
        let mut s = State::demo();
        s.apply(Action::AddRecommendedSet("conda".into()));
        s.apply(Action::Set(Field::Operation, "update".into()));
        s.apply(Action::Set(Field::CurrentIsolationMode, "allow_internet_outbound".into()));
        s.apply(Action::GoTo(Step::Rules));
        let snap = Snapshot::of(&s);
        let mut t = State::default();
        t.apply(Action::Restore(Snapshot::decode(&snap.encode()).expect("decodes")));
        assert_eq!(t.config, s.config);
        assert_eq!(t.step, Step::Rules);
        assert!(t.import.result.is_none());
    }

    #[test]
    fn presets_load_and_start_over_clears() {
        let mut s = State::default();
        for preset in crate::presets::PRESETS {
            s.apply(Action::LoadPreset(preset.id.to_owned()));
            assert_eq!(s.config, State::from_config((preset.build)()).config);
            let errors: Vec<Diagnostic> = s.diagnostics().into_iter().filter(Diagnostic::is_error).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", preset.id);
            assert!(!export(&s.config, ExportFormat::Yaml).is_empty());
        }
        s.apply(Action::StartOver);
        assert_eq!(s.config, State::default().config);
        assert_eq!(s.step, Step::Basics);
    }

    const CLEAN_WS: &str = "name: imported-ws\nlocation: westeurope\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n";

    #[test]
    fn import_replaces_the_whole_configuration_by_default() {
        let mut s = State::demo();
        assert!(s.endpoint_enabled() && s.config.context.resource_group.is_some());
        s.apply(Action::Import(vec![("workspace.yml".into(), CLEAN_WS.into())]));
        assert!(s.import.result.as_ref().is_some_and(|r| r.applied && r.skipped.is_empty()));
        assert_eq!(s.workspace().name, "imported-ws");
        assert!(s.config.endpoint.is_none() && s.config.deployments.is_empty(), "no demo endpoint `contoso-scoring` or deployment `blue`");
        assert_eq!(s.config.context, Context::default(), "no demo subscription or resource group");
        let cli = export(&s.config, ExportFormat::Cli).into_iter().next().expect("deploy.sh").contents;
        assert!(!cli.contains("contoso-scoring") && !cli.contains("contoso-ml-rg"), "{cli}");
        assert_eq!(s.toast.as_deref(), Some("Configuration replaced by the import"));
        // And it can be undone.
        s.apply(Action::Undo);
        assert_eq!(s.config, State::demo().config);
    }

    #[test]
    fn import_merges_when_asked() {
        let mut s = State::demo();
        s.apply(Action::SetImportMode(ImportMode::Merge));
        s.apply(Action::Import(vec![("workspace.yml".into(), CLEAN_WS.into())]));
        assert_eq!(s.workspace().name, "imported-ws");
        assert_eq!(s.config.endpoint, State::demo().config.endpoint, "merge keeps the documents not imported");
        assert_eq!(s.config.context.resource_group.as_deref(), Some("contoso-ml-rg"));
        assert_eq!(s.toast.as_deref(), Some("Imported documents merged into the configuration"));
    }

    #[test]
    fn edit_a_copy_takes_the_current_context_and_drops_the_wizard_endpoint() {
        let shown = r#"{"id": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/live-rg/providers/Microsoft.MachineLearningServices/workspaces/live-ws", "name": "live-ws", "managed_network": {"isolation_mode": "allow_internet_outbound"}}"#;
        let mut s = State::demo();
        s.apply(Action::LoadCurrent(vec![("current.json".into(), shown.into())]));
        s.apply(Action::EditFromCurrent);
        assert_eq!(s.config.context.resource_group.as_deref(), Some("live-rg"));
        assert_eq!(s.config.context.subscription_id.as_deref(), Some("11111111-2222-3333-4444-555555555555"));
        assert!(s.config.endpoint.is_none() && s.config.deployments.is_empty());
        let plan = amlnet_core::plan::plan(&s.plan.current.clone().expect("current").config, &s.config);
        assert!(plan.bash.contains("RESOURCE_GROUP=\"${RESOURCE_GROUP:-live-rg}\"") || plan.bash.contains("live-rg"), "{}", plan.bash);
        assert!(!plan.bash.contains("contoso"), "{}", plan.bash);
        s.apply(Action::Undo);
        assert_eq!(s.workspace().name, "contoso-ml");
    }

    /// The `id` of `az ml workspace show` JSON names the context; the cases are what serde_json read
    /// (anything but an object with a string `id` names nothing, a duplicate `id` included).
    #[test]
    fn the_context_of_a_current_state_is_read_from_its_json_id() {
        let id = "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws";
        let read =
            |texts: &[&str]| State::context_of_current(&texts.iter().map(|t| ("current.json".to_owned(), (*t).to_owned())).collect::<Vec<_>>());
        let found = (Some("sub-1".to_owned()), Some("rg-1".to_owned()));
        let shown = format!(
            r#"{{ "description": "caf\u00e9 \"q\" \\", "id": "{id}", "tags": {{}}, "hbi_workspace": false, "managed_network":
            {{"isolation_mode": "allow_only_approved_outbound", "outbound_rules": [{{"type": "fqdn", "destination": "pypi.org"}}]}},
            "numbers": [0, -1, 1.5, 2e10, -3.25E-7, 123456789012345678901234567890], "nested": [[[null]]], "x": null }}
"#
        );
        assert_eq!(read(&[&shown]), found);
        assert_eq!(read(&["name: ws\n", &format!(r#"{{"id":"{id}"}}"#)]), found, "the first file that names one");
        assert_eq!(read(&[&format!(r#"{{"i\u0064":"{}"}}"#, id.replace('/', "\\/"))]), found, "escaped key and value");
        for text in [
            String::new(),
            "name: ws\n".to_owned(),
            r#"{"id":null}"#.to_owned(),
            r#"{"id":5}"#.to_owned(),
            r#"{"id":"not an arm id"}"#.to_owned(),
            format!(r#"{{"id":"{id}","id":"{id}"}}"#),
            format!(r#"{{"id":"{id}"}} trailing"#),
            format!(r#"{{"id":"{id}","n":01}}"#),
            format!(r#"{{"id":"{id}","n":1.}}"#),
            format!(r#"{{"id":"{id}","s":"\q"}}"#),
            format!(r#"["{id}","#),
        ] {
            assert_eq!(read(&[&text]), (None, None), "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 1000, ..proptest::prelude::ProptestConfig::default() })]

        /// The `id` reader against the serde struct it replaced, on mutations of `az ml workspace show`
        /// JSON.
        #[test]
        fn the_current_state_id_is_read_as_serde_read_it(text in crate::json::properties::mutated(SHOWN.to_owned())) {
            #[derive(serde::Deserialize)]
            struct Shown {
                id: Option<String>,
            }
            let id = serde_json::from_str::<Shown>(&text).ok().and_then(|s| s.id);
            let named = id.as_deref().and_then(catalog::parse_arm_id);
            let serde = named.map_or((None, None), |id| (Some(id.subscription.to_owned()), Some(id.resource_group.to_owned())));
            let read = State::context_of_current(&[("current.json".to_owned(), text.clone())]);
            proptest::prop_assert_eq!(read, serde, "{}", text);
        }
    }

    const SHOWN: &str = r#"{"description": "caf\u00e9", "id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws",
"tags": {"a": "b"}, "hbi_workspace": false, "managed_network": {"isolation_mode": "allow_only_approved_outbound",
"outbound_rules": [{"type": "fqdn", "destination": "pypi.org"}]}, "numbers": [0, -1, 1.5, 2e10], "x": null}"#;

    #[test]
    fn undo_and_redo_every_replacing_or_deleting_action() {
        let mut s = State::demo();
        let demo = s.config.clone();
        s.apply(Action::StartOver);
        assert_eq!(s.config, State::default().config);
        assert_eq!(s.toast.as_deref(), Some("Started over with an empty workspace"));
        s.apply(Action::Undo);
        assert_eq!(s.config, demo, "start over undone");
        assert_eq!(s.toast, None);
        s.apply(Action::Redo);
        assert_eq!(s.config, State::default().config, "and redone");
        s.apply(Action::Undo);

        s.apply(Action::LoadPreset("approved-pypi-conda".into()));
        assert_eq!(s.workspace().name, "ml-approved");
        s.apply(Action::Undo);
        assert_eq!(s.config, demo, "preset undone");

        let name = s.rules()[0].name.clone();
        s.apply(Action::DeleteRule(0));
        assert!(s.rules().iter().all(|r| r.name != name));
        assert_eq!(s.toast.as_deref(), Some(format!("Deleted rule {name}").as_str()));
        s.apply(Action::Undo);
        assert_eq!(s.rules()[0].name, name, "delete undone");
        assert_eq!(s.redo.len(), 1);
        // A new action clears what could be redone.
        s.apply(Action::StartOver);
        assert!(s.redo.is_empty());
        s.apply(Action::Redo);
        assert_eq!(s.notice, "Nothing to redo");

        // The history survives a reload: it is plain data that local storage keeps as JSON.
        let json = crate::share::history_to_json(&s.undo, &s.redo);
        let (back, _) = crate::share::history_from_json(&json);
        assert_eq!((&back, serde_json::to_string(&(&s.undo, &s.redo)).expect("serializes")), (&s.undo, json), "as serde_json wrote it");
        let mut reloaded = State { undo: back, ..State::default() };
        reloaded.apply(Action::Undo);
        assert_eq!(reloaded.config, demo);

        for _ in 0..(UNDO_LIMIT + 5) {
            s.apply(Action::StartOver);
        }
        assert_eq!(s.undo.len(), UNDO_LIMIT, "the history is bounded");
    }

    #[test]
    fn save_refuses_a_rule_with_errors_and_focuses_the_first() {
        let mut s = State::demo();
        s.apply(Action::OpenRuleDialog(None));
        s.apply(Action::SetDraft(DraftField::Type, "service_tag".into()));
        s.apply(Action::SetDraft(DraftField::Name, "pypi".into()));
        s.apply(Action::SetDraft(DraftField::ServiceTag, "AzureMonitor".into()));
        s.apply(Action::SetDraft(DraftField::PortRanges, "abc".into()));
        let before = s.rules().len();
        s.apply(Action::SaveRule);
        assert!(s.dialog.as_ref().is_some_and(|d| d.attempted), "the dialog stays open");
        assert_eq!(s.rules().len(), before, "nothing lands in the table");
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("r-name"), "the duplicate name comes first");
        assert!(s.notice.starts_with("Not saved: the rule has 2 errors"), "{}", s.notice);
        // One click renames the duplicate.
        let (_, d) = s.draft_findings().into_iter().find(|(f, _)| *f == DraftField::Name).expect("name error");
        let fixes = s.fixes(&d, Anchor::Rule(before));
        let (title, action) = fixes.into_iter().find(|(t, _)| t.starts_with("Rename")).expect("rename fix");
        assert_eq!(title, "Rename to pypi-2");
        s.apply(action);
        assert_eq!(s.dialog.as_ref().map(|d| d.name.as_str()), Some("pypi-2"));
        s.apply(Action::SaveRule);
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("r-port-ranges"));
        s.apply(Action::SetDraft(DraftField::PortRanges, "443".into()));
        s.apply(Action::SaveRule);
        assert!(s.dialog.is_none());
        assert_eq!(s.rules().len(), before + 1);
    }

    #[test]
    fn core_fixes_and_quick_fixes_apply_in_one_click() {
        let mut s = State::demo();
        s.apply(Action::OpenRuleDialog(None));
        s.apply(Action::SetDraft(DraftField::Name, "site".into()));
        s.apply(Action::SetDraft(DraftField::Fqdn, "https://example.org/path".into()));
        let (_, d) = s.draft_findings().into_iter().find(|(_, d)| d.fix.is_some()).expect("a fixable finding");
        let (title, action) = s.fixes(&d, Anchor::Rule(4)).into_iter().next().expect("the core's fix");
        assert_eq!(title, "Write example.org");
        s.apply(action);
        assert_eq!(s.dialog.as_ref().map(|d| d.fqdn.as_str()), Some("example.org"));
        s.apply(Action::SetDraft(DraftField::Fqdn, "mydata.blob.core.windows.net".into()));
        let (_, d) = s.draft_findings().into_iter().find(|(_, d)| d.code == "fqdn-rule-to-storage").expect("storage finding");
        let (_, action) = s.fixes(&d, Anchor::Rule(4)).into_iter().find(|(t, _)| t.contains("private endpoint")).expect("quick fix");
        s.apply(action);
        let draft = s.dialog.clone().expect("open");
        assert_eq!((draft.rule_type, draft.resource_name.as_str(), draft.subresource.as_str()), (RuleType::PrivateEndpoint, "mydata", "blob"));

        // Internet outbound makes the demo's FQDN rules errors; one click switches back.
        let mut s = State::demo();
        s.apply(Action::Set(Field::IsolationMode, "allow_internet_outbound".into()));
        let d = s.diagnostics().into_iter().find(|d| d.code == "rule-type-not-allowed-in-isolation-mode").expect("error");
        let (_, action) = s.fixes(&d, Anchor::of(&d)).into_iter().find(|(t, _)| t == "Switch to approved outbound").expect("fix");
        s.apply(action);
        assert_eq!(s.isolation_mode(), IsolationMode::AllowOnlyApprovedOutbound);
        assert_eq!(s.value(Field::FirewallSku), "basic", "the SKU chosen before comes back");
        assert!(!s.diagnostics().iter().any(Diagnostic::is_error));
    }

    #[test]
    fn a_pasted_arm_id_is_split_and_untouched_fields_show_no_errors() {
        let mut s = State::default();
        s.apply(Action::OpenRuleDialog(None));
        assert!(s.draft_findings().is_empty(), "no error before anything is typed: {:?}", s.draft_findings());
        s.apply(Action::SetDraft(
            DraftField::ResourceName,
            "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/data-rg/providers/Microsoft.KeyVault/vaults/kv1".into(),
        ));
        let d = s.dialog.clone().expect("open");
        assert_eq!(
            (d.subscription.as_str(), d.resource_group.as_str(), d.resource_type.as_str(), d.resource_name.as_str()),
            ("00000000-1111-2222-3333-444444444444", "data-rg", "Microsoft.KeyVault/vaults", "kv1")
        );
        assert_eq!(d.subresource, "vault");
        assert_eq!(
            d.resource_id(),
            "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/data-rg/providers/Microsoft.KeyVault/vaults/kv1"
        );
        assert!(s.notice.starts_with("Split the pasted resource ID"));

        // Wizard fields: an empty name shows its error once touched or once Next was pressed.
        let s = State::default();
        assert!(!s.shows_findings_of(Field::WorkspaceName));
        let mut t = s.clone();
        t.apply(Action::Next);
        assert!(t.shows_findings_of(Field::WorkspaceName));
        let mut u = s.clone();
        u.apply(Action::Set(Field::WorkspaceName, String::new()));
        assert!(u.shows_findings_of(Field::WorkspaceName));
    }

    #[test]
    fn image_build_compute_and_recommended_sets_only_where_valid() {
        let mut s = State::default();
        s.apply(Action::Set(Field::ImageBuildCompute, "image-builder".into()));
        assert_eq!(s.workspace().image_build_compute.as_deref(), Some("image-builder"));
        assert_eq!(s.value(Field::ImageBuildCompute), "image-builder");
        let yaml = export(&s.config, ExportFormat::Yaml).into_iter().find(|f| f.path == "workspace.yml").expect("yaml").contents;
        assert!(yaml.contains("image_build_compute: image-builder"), "{yaml}");
        s.apply(Action::Set(Field::IsolationMode, "allow_internet_outbound".into()));
        s.apply(Action::AddRecommendedSet("conda".into()));
        assert!(s.rules().is_empty(), "no FQDN rules offered in internet outbound");
    }

    #[test]
    fn notices_and_import_text() {
        let mut s = State::default();
        s.apply(Action::SetImportText("name: a".into()));
        assert_eq!(s.import.text, "name: a");
        s.apply(Action::Notice("Copied".into()));
        assert_eq!(s.notice, "Copied");
        s.apply(Action::OpenImport(false));
        assert!(!s.import.open);
        assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("open-import"));
    }
}
