//! Organization policy packs: the rules a platform team writes in `.amlnet-policy.yml`, read with the
//! syntax layer (so every constraint keeps its line) and checked against a configuration.
//!
//! [`read`] turns a policy file into a [`Policy`] plus the diagnostics of the file itself (rule
//! `policy-file-invalid`, and the syntax layer's codes); [`Analysis::apply_policy`] adds both and the
//! violations (the `policy-*` rules of the registry's `policy` group, placed at the offending field of
//! the configuration) to an analysis. A broken policy never allows silently: its errors are errors of
//! the analysis, so `check` fails and an export or plan is refused.
//!
//! [`Analysis::apply_policy`]: crate::Analysis::apply_policy

mod read;

use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::model::{AuthMode, Config, FirewallSku, IsolationMode, NetworkAccess, WorkspaceKind};
use crate::rules::Target;
use crate::{SourceFile, Sources};

pub use read::read;

/// The file name the command line looks for in the working directory and its parents.
pub const FILE_NAME: &str = ".amlnet-policy.yml";

/// A policy file as read: the constraints that could be read, and the file's own findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicyReading {
    pub policy: Policy,
    /// Problems of the policy file itself (errors make every check with it fail).
    pub diagnostics: Vec<Diagnostic>,
}

impl PolicyReading {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The constraints of one policy file. `None` (or an empty section) constrains nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Policy {
    /// The file it was read from, as given.
    pub file: String,
    /// `name`, for messages; the file name when absent.
    pub name: Option<String>,
    pub workspace: WorkspacePolicy,
    pub outbound_rules: OutboundPolicy,
    pub online_endpoints: EndpointPolicy,
    pub online_deployments: DeploymentPolicy,
}

/// A list of allowed values and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Allowed<T> {
    pub values: Vec<T>,
    /// The list's key (`isolation_modes:`), the line a violation names.
    pub at: TextRange,
}

/// A number the configuration must not exceed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    pub max: i64,
    pub at: TextRange,
}

/// `allow` or `deny` of a pattern list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Allow,
    Deny,
}

impl ListKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::Allow => "allow",
            ListKind::Deny => "deny",
        }
    }
}

/// `{allow: [...]}` or `{deny: [...]}`, each entry with its own position.
#[derive(Debug, Clone, PartialEq)]
pub struct Patterns<T> {
    pub kind: ListKind,
    pub entries: Vec<(T, TextRange)>,
    /// The `allow:`/`deny:` key.
    pub at: TextRange,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkspacePolicy {
    pub severity: Severity,
    pub kinds: Option<Allowed<WorkspaceKind>>,
    pub isolation_modes: Option<Allowed<IsolationMode>>,
    pub public_network_access: Option<Allowed<NetworkAccess>>,
    pub firewall_skus: Option<Allowed<FirewallSku>>,
    /// Region names, lower-cased without spaces (`westeurope`).
    pub regions: Option<Allowed<String>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutboundPolicy {
    pub severity: Severity,
    pub max: Option<Limit>,
    pub service_tags: Option<Patterns<String>>,
    pub fqdns: Option<Patterns<FqdnPattern>>,
    pub private_endpoints: PrivateEndpointPolicy,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrivateEndpointPolicy {
    /// `Microsoft.Storage/storageAccounts`, compared case-insensitively.
    pub resource_types: Option<Allowed<String>>,
    /// Subscription ids, lower-cased.
    pub subscriptions: Option<Allowed<String>>,
    /// `spark_enabled: false` forbids Spark-enabled private endpoint rules.
    pub spark_enabled: Option<(bool, TextRange)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EndpointPolicy {
    pub severity: Severity,
    pub public_network_access: Option<Allowed<NetworkAccess>>,
    pub auth_modes: Option<Allowed<AuthMode>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeploymentPolicy {
    pub severity: Severity,
    /// VM sizes, compared case-insensitively.
    pub instance_types: Option<Allowed<String>>,
    pub max_instance_count: Option<Limit>,
}

/// An FQDN pattern: a host name, or `*.` and a domain, which matches one or more labels before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FqdnPattern {
    pub wildcard: bool,
    /// The host name or the wildcard's domain, lower-cased, without a trailing dot.
    pub name: String,
}

impl FqdnPattern {
    /// Reads a pattern (or an FQDN rule's destination, which has the same shape).
    pub fn parse(text: &str) -> Option<FqdnPattern> {
        let text = text.trim().trim_end_matches('.').to_ascii_lowercase();
        match text.strip_prefix("*.") {
            Some(name) => Some(FqdnPattern { wildcard: true, name: name.to_owned() }),
            None if text.contains('*') || text.is_empty() => None,
            None => Some(FqdnPattern { wildcard: false, name: text }),
        }
    }

    /// Whether every host `self` stands for matches `pattern` (an allow list must cover the rule).
    pub fn within(&self, pattern: &FqdnPattern) -> bool {
        match (self.wildcard, pattern.wildcard) {
            (_, false) => !self.wildcard && self.name == pattern.name,
            (false, true) => is_subdomain(&self.name, &pattern.name),
            (true, true) => self.name == pattern.name || is_subdomain(&self.name, &pattern.name),
        }
    }

    /// Whether some host `self` stands for matches `pattern` (a deny list must not meet the rule).
    pub fn overlaps(&self, pattern: &FqdnPattern) -> bool {
        match (self.wildcard, pattern.wildcard) {
            (false, _) => self.within(pattern),
            (true, false) => is_subdomain(&pattern.name, &self.name),
            (true, true) => self.name == pattern.name || is_subdomain(&self.name, &pattern.name) || is_subdomain(&pattern.name, &self.name),
        }
    }
}

impl std::fmt::Display for FqdnPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.wildcard {
            write!(f, "*.{}", self.name)
        } else {
            f.write_str(&self.name)
        }
    }
}

/// `a.b.contoso.com` is a subdomain of `contoso.com` (one or more labels more).
fn is_subdomain(name: &str, domain: &str) -> bool {
    name.len() > domain.len() + 1 && name.ends_with(domain) && name.as_bytes()[name.len() - domain.len() - 1] == b'.'
}

impl Policy {
    /// How violations name the policy: "the policy `contoso-ml-baseline` (.amlnet-policy.yml:5)".
    pub(crate) fn cite(&self, at: TextRange) -> String {
        match &self.name {
            Some(name) => format!("the policy `{name}` ({}:{})", self.file, at.line),
            None => format!("the policy {}:{}", self.file, at.line),
        }
    }

    /// The violations of this policy by `config`, as findings of its documents.
    pub(crate) fn findings(&self, config: &Config) -> Vec<(Target, Diagnostic)> {
        crate::rules::check_policy(self, config)
    }

    /// Why a choice is forbidden ("not allowed by the policy `x` (file:4)"), for a UI that marks the
    /// choices of a closed set; `None` when `rule` allows `value` or does not exist.
    pub fn forbids<T: PartialEq>(&self, rule: Option<&Allowed<T>>, value: &T) -> Option<String> {
        let rule = rule?;
        (!rule.values.contains(value)).then(|| format!("not allowed by {}", self.cite(rule.at)))
    }

    /// The violations of this policy by a configuration built in code (the web app's state), with the
    /// default file names of the YAML export.
    pub fn check(&self, config: &Config) -> Vec<Diagnostic> {
        let mut out = crate::place_findings(config, &Sources::default(), self.findings(config));
        crate::sort_diagnostics(&mut out);
        out
    }
}

/// Reads a policy file given as text (the npm binding's `options.policy`, the web app's pasted policy).
pub fn read_text(name: &str, text: &str) -> PolicyReading {
    read(&SourceFile::new(name, text))
}

#[cfg(test)]
mod tests {
    use super::FqdnPattern;

    fn p(text: &str) -> FqdnPattern {
        FqdnPattern::parse(text).expect("pattern")
    }

    #[test]
    fn wildcards_match_one_or_more_labels() {
        assert!(p("a.contoso.com").within(&p("*.contoso.com")));
        assert!(p("a.b.contoso.com").within(&p("*.contoso.com")));
        assert!(!p("contoso.com").within(&p("*.contoso.com")));
        assert!(!p("evilcontoso.com").within(&p("*.contoso.com")));
        assert!(p("*.b.contoso.com").within(&p("*.contoso.com")));
        assert!(p("*.contoso.com").within(&p("*.contoso.com")));
        assert!(!p("*.com").within(&p("*.contoso.com")));
        assert!(!p("*.contoso.com").within(&p("a.contoso.com")));
        assert!(p("PyPI.org.").within(&p("pypi.org")));
    }

    #[test]
    fn forbidden_choices_name_the_policy_line() {
        use crate::model::IsolationMode;
        let reading = super::read_text("p.yml", "version: 1\nname: base\nworkspace:\n  isolation_modes: [allow_only_approved_outbound]\n");
        let policy = &reading.policy;
        let rule = policy.workspace.isolation_modes.as_ref();
        assert_eq!(policy.forbids(rule, &IsolationMode::Disabled).as_deref(), Some("not allowed by the policy `base` (p.yml:4)"));
        assert_eq!(policy.forbids(rule, &IsolationMode::AllowOnlyApprovedOutbound), None);
        assert_eq!(policy.forbids(policy.workspace.firewall_skus.as_ref(), &crate::model::FirewallSku::Standard), None);
    }

    #[test]
    fn overlaps_for_deny_lists() {
        assert!(p("*.com").overlaps(&p("*.contoso.com")));
        assert!(p("*.com").overlaps(&p("contoso.com")));
        assert!(!p("*.contoso.com").overlaps(&p("contoso.com")));
        assert!(p("*.contoso.com").overlaps(&p("x.contoso.com")));
        assert!(!p("pypi.org").overlaps(&p("*.contoso.com")));
    }
}
