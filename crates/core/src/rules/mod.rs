//! The rule registry: every diagnostic code, its documentation, and the model checks.
//!
//! One rule, one file. Each file holds an `INFO` with the code, default severity, a one-line summary
//! and the documentation (what it catches, why it matters, an example, what to write instead). Rules
//! that judge the typed model also have a `check` function; rules reported while reading YAML (the
//! syntax layer and the lowering) have only their `INFO`. `amlnet rules` and `amlnet explain` read
//! this registry, and the fixture tests in `tests/fixtures/<code>/` cover every entry. The example's
//! ```` ```yaml ```` blocks are complete documents, checked together (a block whose first line starts
//! `# current` is the current state of a plan); `tests/rule_docs.rs` runs them: the example must
//! produce the rule's code, the first YAML block of "Instead" (a patch of the example) must not.

use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::model::Config;
use crate::policy::{Allowed, Policy};
use std::fmt::Display;

mod prelude {
    pub(crate) use super::{Checker, PolicyChecker, RuleInfo, Target};
    pub(crate) use crate::diagnostic::Severity;
}

/// A rule's identity and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable kebab-case code.
    pub code: &'static str,
    /// The severity it is reported with (a few rules raise or lower it case by case).
    pub severity: Severity,
    /// One line for `amlnet rules`.
    pub summary: &'static str,
    /// Markdown: what it catches, why it matters, an example, what to write instead.
    pub docs: &'static str,
}

impl RuleInfo {
    /// Starts a diagnostic of this rule at `path` (the only way a diagnostic gets a code).
    pub fn at(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.severity, path, message)
    }
}

/// Which document a model-level finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Workspace,
    Endpoint,
    Deployment(usize),
    /// The change's context (subscription, resource group): no document of its own.
    Context,
}

/// What a model rule sees and where it reports.
pub(crate) struct Checker<'a> {
    pub(crate) config: &'a Config,
    pub(crate) findings: Vec<(Target, Diagnostic)>,
}

impl Checker<'_> {
    pub(crate) fn report(&mut self, target: Target, diagnostic: Diagnostic) {
        self.findings.push((target, diagnostic));
    }
}

/// What a policy rule sees and where it reports.
pub(crate) struct PolicyChecker<'a> {
    pub(crate) policy: &'a Policy,
    pub(crate) config: &'a Config,
    pub(crate) findings: Vec<(Target, Diagnostic)>,
}

impl PolicyChecker<'_> {
    /// Reports that `what` (the isolation mode `x`) breaks the constraint written at `at`, with the
    /// section's severity (`broken`: the severity and `at`).
    pub(crate) fn forbid(&mut self, info: &RuleInfo, broken: (Severity, TextRange), target: Target, path: &str, what: &dyn Display, help: String) {
        let (severity, at) = broken;
        let mut d = info.at(path, format!("{} does not allow {what}", self.policy.cite(at))).with_help(help);
        d.severity = severity;
        self.findings.push((target, d));
    }

    /// The check the policy's lists of closed-set values share (`workspace.isolation_modes`,
    /// `online_endpoints.auth_modes`, ...): unless `rule` lists `value`, "the policy does not allow
    /// {what}", with the allowed values (each written by `spell`) as help.
    pub(crate) fn forbid_unlisted<T: Copy + PartialEq>(
        &mut self,
        info: &RuleInfo,
        (rule, severity): (&Allowed<T>, Severity),
        (target, path): (Target, &str),
        value: T,
        spell: fn(T) -> &'static str,
        what: &dyn Display,
    ) {
        if rule.values.contains(&value) {
            return;
        }
        let help = format!("the policy allows {}", quoted_list(rule.values.iter().map(|v| spell(*v))));
        self.forbid(info, (severity, rule.at), target, path, what, help);
    }
}

/// "`a`, `b`" for a help text.
pub(crate) fn quoted_list<T: Display>(values: impl IntoIterator<Item = T>) -> String {
    let mut out = String::new();
    for value in values {
        push_quoted(&mut out, &value);
    }
    if out.is_empty() {
        "nothing (the list is empty)".to_owned()
    } else {
        out
    }
}

/// One item of `quoted_list` (not generic, so the list's callers share it).
fn push_quoted(out: &mut String, value: &dyn Display) {
    use std::fmt::Write as _;
    if !out.is_empty() {
        out.push_str(", ");
    }
    let _ = write!(out, "`{value}`");
}

/// A rule's documentation, compiled in with the `docs` feature (on by default) and empty without it.
#[cfg(feature = "docs")]
macro_rules! docs {
    ($text:expr) => {
        $text
    };
}
#[cfg(not(feature = "docs"))]
macro_rules! docs {
    ($text:expr) => {
        ""
    };
}

macro_rules! registry {
    (
        reading: [$($reading:ident),* $(,)?],
        model: [$($model:ident),* $(,)?],
        export: [$($export:ident),* $(,)?],
        plan: [$($plan:ident),* $(,)?],
        policy_file: [$($policy_file:ident),* $(,)?],
        policy: [$($policy:ident),* $(,)?] $(,)?
    ) => {
        $(mod $reading;)*
        $(mod $model;)*
        $(mod $export;)*
        $(mod $plan;)*
        $(mod $policy_file;)*
        $(mod $policy;)*

        /// Every rule, in documentation order.
        pub static ALL: &[&RuleInfo] = &[
            $(&$reading::INFO,)* $(&$model::INFO,)* $(&$export::INFO,)* $(&$plan::INFO,)* $(&$policy_file::INFO,)* $(&$policy::INFO,)*
        ];

        /// The stage that reports `code`: `reading` (the SDK's own reading of the file: syntax, schema),
        /// `model` (amlnet's checks of what the service rejects later), `export`, `plan` or `policy` (an
        /// organization's policy file: its own problems and what it forbids).
        pub fn stage(code: &str) -> Option<&'static str> {
            if [$($reading::INFO.code,)*].contains(&code) {
                Some("reading")
            } else if [$($model::INFO.code,)*].contains(&code) {
                Some("model")
            } else if [$($export::INFO.code,)*].contains(&code) {
                Some("export")
            } else if [$($plan::INFO.code,)*].contains(&code) {
                Some("plan")
            } else if [$($policy_file::INFO.code,)* $($policy::INFO.code,)*].contains(&code) {
                Some("policy")
            } else {
                None
            }
        }

        /// Runs every model rule over `config`.
        pub(crate) fn check_model(config: &Config) -> Vec<(Target, Diagnostic)> {
            let mut checker = Checker { config, findings: Vec::new() };
            $($model::check(&mut checker);)*
            checker.findings
        }

        /// Runs every policy rule over `config`.
        pub(crate) fn check_policy(policy: &Policy, config: &Config) -> Vec<(Target, Diagnostic)> {
            let mut checker = PolicyChecker { policy, config, findings: Vec::new() };
            $($policy::check(&mut checker);)*
            checker.findings
        }
    };
}

registry! {
    reading: [
        input_not_utf8,
        yaml_syntax_error,
        input_too_large,
        nesting_too_deep,
        alias_expansion_too_large,
        yaml_unsupported_tag,
        yaml_multiple_documents,
        yaml_unhashable_key,
        document_kind_unknown,
        duplicate_document,
        duplicate_key,
        unknown_key,
        read_only_key,
        missing_required_key,
        wrong_value_type,
        unquoted_value_not_a_string,
        value_not_allowed,
        isolation_mode_missing,
        outbound_rules_not_a_list,
        rule_type_invalid,
        rule_type_mismatch,
        value_rejected,
    ],
    model: [
        subscription_id_invalid,
        resource_group_name_invalid,
        workspace_name_invalid,
        v1_legacy_mode_enabled,
        isolation_mode_transition_not_allowed,
        managed_network_migration_needs_empty_workspace,
        image_build_compute_missing,
        firewall_sku_without_effect,
        rule_type_not_allowed_in_isolation_mode,
        duplicate_rule_name,
        rule_name_invalid,
        private_endpoint_rule_without_managed_network,
        service_resource_id_invalid,
        subresource_target_unknown,
        fqdns_only_for_application_gateway,
        spark_enabled_unsupported_target,
        spark_needs_public_network_access_disabled,
        service_tag_unknown,
        protocol_invalid,
        port_range_invalid,
        address_prefix_invalid,
        fqdn_destination_invalid,
        fqdn_rule_to_storage,
        fqdn_rule_creates_firewall,
        endpoint_name_invalid,
        deployment_name_invalid,
        deployment_endpoint_mismatch,
        instance_count_invalid,
        egress_public_network_access_legacy,
        project_managed_network,
        hub_id_invalid,
        hub_default_resource_group_dropped,
        kubernetes_online_endpoint,
        service_tag_allows_internet,
        public_network_access_without_inbound_endpoint,
        inbound_private_endpoint_invalid,
        approver_role_not_assigned,
        approver_role_needs_custom_role,
    ],
    // Notes of the exports (`export_notes`), not reported by `check`.
    export: [
        azurerm_cannot_express,
    ],
    // Reported by change plans (`crate::plan`), which compare the current state with the desired one.
    plan: [
        outbound_rule_removed,
        public_network_access_changed,
        firewall_sku_changed,
        spark_cannot_be_disabled,
        deployment_egress_cannot_change,
        current_state_mismatch,
    ],
    // Problems of an organization's policy file itself (`crate::policy::read`).
    policy_file: [
        policy_file_invalid,
    ],
    // What an organization's policy forbids (`crate::policy`), one rule per key of the policy file.
    policy: [
        policy_workspace_kind_forbidden,
        policy_isolation_mode_forbidden,
        policy_public_network_access_forbidden,
        policy_firewall_sku_forbidden,
        policy_region_forbidden,
        policy_outbound_rules_over_limit,
        policy_service_tag_forbidden,
        policy_fqdn_forbidden,
        policy_private_endpoint_type_forbidden,
        policy_private_endpoint_subscription_forbidden,
        policy_spark_forbidden,
        policy_endpoint_public_network_access_forbidden,
        policy_auth_mode_forbidden,
        policy_instance_type_forbidden,
        policy_instance_count_over_limit,
    ],
}

/// Handles to the rules of policy files.
pub(crate) mod policy_codes {
    use super::RuleInfo;
    pub(crate) const POLICY_FILE_INVALID: &RuleInfo = &super::policy_file_invalid::INFO;
}

pub(crate) use fqdn_destination_invalid::host_name_problem;

/// Short handles to the rules the reading stage reports.
pub(crate) mod codes {
    use super::RuleInfo;
    pub(crate) const INPUT_NOT_UTF8: &RuleInfo = &super::input_not_utf8::INFO;
    pub(crate) const DUPLICATE_DOCUMENT: &RuleInfo = &super::duplicate_document::INFO;
    pub(crate) const DOCUMENT_KIND_UNKNOWN: &RuleInfo = &super::document_kind_unknown::INFO;
    pub(crate) const YAML_MULTIPLE_DOCUMENTS: &RuleInfo = &super::yaml_multiple_documents::INFO;
    pub(crate) const DUPLICATE_KEY: &RuleInfo = &super::duplicate_key::INFO;
    pub(crate) const UNKNOWN_KEY: &RuleInfo = &super::unknown_key::INFO;
    pub(crate) const READ_ONLY_KEY: &RuleInfo = &super::read_only_key::INFO;
    pub(crate) const MISSING_REQUIRED_KEY: &RuleInfo = &super::missing_required_key::INFO;
    pub(crate) const WRONG_VALUE_TYPE: &RuleInfo = &super::wrong_value_type::INFO;
    pub(crate) const UNQUOTED_VALUE_NOT_A_STRING: &RuleInfo = &super::unquoted_value_not_a_string::INFO;
    pub(crate) const VALUE_NOT_ALLOWED: &RuleInfo = &super::value_not_allowed::INFO;
    pub(crate) const ISOLATION_MODE_MISSING: &RuleInfo = &super::isolation_mode_missing::INFO;
    pub(crate) const OUTBOUND_RULES_NOT_A_LIST: &RuleInfo = &super::outbound_rules_not_a_list::INFO;
    pub(crate) const AZURERM_CANNOT_EXPRESS: &RuleInfo = &super::azurerm_cannot_express::INFO;
    pub(crate) const RULE_TYPE_INVALID: &RuleInfo = &super::rule_type_invalid::INFO;
    pub(crate) const RULE_TYPE_MISMATCH: &RuleInfo = &super::rule_type_mismatch::INFO;
    pub(crate) const VALUE_REJECTED: &RuleInfo = &super::value_rejected::INFO;
    pub(crate) const YAML_UNHASHABLE_KEY: &RuleInfo = &super::yaml_unhashable_key::INFO;
    pub(crate) const YAML_UNSUPPORTED_TAG: &RuleInfo = &super::yaml_unsupported_tag::INFO;
    pub(crate) const YAML_SYNTAX_ERROR: &RuleInfo = &super::yaml_syntax_error::INFO;
    pub(crate) const INPUT_TOO_LARGE: &RuleInfo = &super::input_too_large::INFO;
    pub(crate) const NESTING_TOO_DEEP: &RuleInfo = &super::nesting_too_deep::INFO;
    pub(crate) const ALIAS_EXPANSION_TOO_LARGE: &RuleInfo = &super::alias_expansion_too_large::INFO;
    pub(crate) const FQDNS_ONLY_FOR_APPLICATION_GATEWAY: &RuleInfo = &super::fqdns_only_for_application_gateway::INFO;
}

/// Handles to the rules that change plans report.
pub(crate) mod plan_codes {
    use super::RuleInfo;
    pub(crate) const OUTBOUND_RULE_REMOVED: &RuleInfo = &super::outbound_rule_removed::INFO;
    pub(crate) const PUBLIC_NETWORK_ACCESS_CHANGED: &RuleInfo = &super::public_network_access_changed::INFO;
    pub(crate) const FIREWALL_SKU_CHANGED: &RuleInfo = &super::firewall_sku_changed::INFO;
    pub(crate) const SPARK_CANNOT_BE_DISABLED: &RuleInfo = &super::spark_cannot_be_disabled::INFO;
    pub(crate) const DEPLOYMENT_EGRESS_CANNOT_CHANGE: &RuleInfo = &super::deployment_egress_cannot_change::INFO;
    pub(crate) const CURRENT_STATE_MISMATCH: &RuleInfo = &super::current_state_mismatch::INFO;
    /// Model rules whose findings belong in a plan.
    pub(crate) const ISOLATION_MODE_TRANSITION_NOT_ALLOWED: &RuleInfo = &super::isolation_mode_transition_not_allowed::INFO;
    pub(crate) const PLAN_MODEL_RULES: &[&RuleInfo] = &[
        ISOLATION_MODE_TRANSITION_NOT_ALLOWED,
        &super::managed_network_migration_needs_empty_workspace::INFO,
        &super::fqdn_rule_creates_firewall::INFO,
    ];
}

/// Whether a service tag opens the internet even in approved outbound (`Internet`, `AzureCloud`, with or
/// without a region): the `service-tag-allows-internet` rule and the summary share this.
pub(crate) fn opens_internet(tag: &str) -> bool {
    service_tag_allows_internet::is_broad(tag)
}

/// " `text`" for a message ("the rule name `x` is not valid"), or nothing for an empty value.
pub(crate) fn named(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" `{text}`")
    }
}

/// Looks a rule up by its code.
pub fn find(code: &str) -> Option<&'static RuleInfo> {
    ALL.iter().copied().find(|r| r.code == code)
}
