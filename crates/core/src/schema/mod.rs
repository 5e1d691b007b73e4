//! azure-ai-ml's own schemas, as data, and a reader that judges a YAML node tree the way marshmallow does.
//!
//! `sdk.rs` is generated from the pinned SDK by `scripts/sdk_schema.py` (never edited by hand); it is the
//! one source of truth for which keys each document level has, which are required or read-only, their
//! types, enum spellings with the SDK's casing rule, validators, and the unknown-key policy (RAISE rejects
//! the document, EXCLUDE drops the key). [`check_value`] walks a node against a field type and returns
//! [`Issue`]s; the lowering turns them into diagnostics of the registry. The hand-written lowering reads
//! the fields amlnet models (with its own, more specific messages); everything else the SDK accepts is
//! checked here, to the bottom, and carried through.
//!
//! Schema hooks (`post_load`, `validates`, `pre_load`) are listed by name in the table; each one is
//! mirrored in [`hook_issues`] or explained in [`REVIEWED_HOOKS`], and a test fails on a hook that is in
//! neither, so a new SDK release cannot add one unnoticed.

// Generated: rustfmt leaves it as `scripts/sdk_schema.py` writes it, so `--check` compares byte for byte.
#[rustfmt::skip]
pub mod sdk;

pub use sdk::Hook;

use crate::diagnostic::TextRange;
use crate::syntax::pyyaml::PyType;
use crate::syntax::{Node, NodeKind, Scalar};

/// What marshmallow does with a key the schema does not define.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// The document is rejected ("Unknown field.").
    Raise,
    /// The key is dropped without a word.
    Exclude,
    /// The key is kept as it is.
    Include,
}

/// The casing transform a `StringTransformedEnum` applies before comparing with its allowed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    Lower,
    Identity,
    CamelToSnake,
    SnakeToPascal,
}

impl Casing {
    /// Applies the transform exactly as azure-ai-ml's `camel_to_snake` / `snake_to_pascal` / `str.lower` do.
    pub fn apply(self, s: &str) -> String {
        match self {
            Casing::Lower => s.to_ascii_lowercase(),
            Casing::Identity => s.to_owned(),
            Casing::CamelToSnake => camel_to_snake(s),
            Casing::SnakeToPascal => s.split('_').map(capitalize).collect(),
        }
    }
}

/// `re.sub("((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))", r"_\1", s).lower()`.
fn camel_to_snake(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let after_lower_or_digit = i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let before_lower = i > 0 && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if after_lower_or_digit || before_lower {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Python's `str.capitalize`: the first character upper case, the rest lower case.
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase(),
        None => String::new(),
    }
}

/// A field validator (`validate=` in the schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validator {
    /// azure-ai-ml's `validate_arm_str`: a full ARM resource id.
    ArmStr,
    /// `validate.Regexp(pattern)`; only the patterns [`regexp_matches`] knows are accepted by the tidy test.
    Regexp(&'static str),
    OneOf(&'static [&'static str]),
    Range {
        min: Option<i64>,
        max: Option<i64>,
    },
    Url {
        relative: bool,
        absolute: bool,
        require_tld: bool,
        schemes: &'static [&'static str],
    },
}

/// A field's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Str,
    Bool,
    Int {
        strict: bool,
    },
    Float,
    /// Anything (`fields.Raw`, an untyped `fields.Dict` value).
    Raw,
    /// `fields.Constant`: the input is ignored.
    Constant,
    /// azure-ai-ml's `VersionField`: a string or a number.
    Version,
    /// `fields.DateTime` in ISO 8601, as a string.
    DateTime,
    Enum {
        values: &'static [&'static str],
        casing: Casing,
    },
    /// `azureml:<name or ARM id>`.
    ArmStr,
    /// `azureml:name:version`, `azureml:name@label` (or a name alone where a default version is allowed).
    ArmVersionedStr {
        allow_default_version: bool,
    },
    /// `azureml://registries/...`.
    RegistryStr,
    /// A local file or folder; whether it exists is the user's folder's business, not checked here.
    LocalPath {
        dir: bool,
        file: bool,
    },
    List(&'static Ty),
    Dict {
        keys: &'static Ty,
        values: &'static Ty,
    },
    Nested {
        schema: usize,
        unknown: Unknown,
    },
    /// The first alternative that reads the value wins.
    Union(&'static [Ty]),
    /// A list item, dict key or value, or union alternative that may be null.
    Nullable(&'static Ty),
}

/// One field of a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The YAML key (`data_key` where the schema sets one).
    pub key: &'static str,
    pub ty: &'static Ty,
    pub required: bool,
    /// Read-only: a path-aware schema drops it (when not null); others treat it as an unknown key.
    pub dump_only: bool,
    pub allow_none: bool,
    pub validators: &'static [Validator],
}

/// One marshmallow schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    /// `module.Class` under `azure.ai.ml._schema` (in tests only: the binary compares schemas by index).
    #[cfg(test)]
    pub name: &'static str,
    /// The policy when the schema is loaded at the top of a document.
    pub unknown: Unknown,
    /// A `PathAwareSchema`, whose `trim_dump_only` drops read-only keys before loading.
    pub path_aware: bool,
    /// Every load hook (`tag:module.Class.method`, see [`Hook`]).
    pub hooks: &'static [Hook],
    /// Keys the entity a `post_load` hook builds cannot do without although the schema does not mark them
    /// required (`DataCollector(collections=...)`): found by calling each hook with an empty mapping.
    pub constructor_required: &'static [&'static str],
    /// In declaration order (inherited fields first), which is also the SDK's dump order.
    pub fields: &'static [Field],
}

impl Schema {
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The keys a document may set here (the read-only ones excluded), in the SDK's order.
    pub fn loadable_keys(&self) -> Vec<&'static str> {
        self.fields.iter().filter(|f| !f.dump_only).map(|f| f.key).collect()
    }

    /// The read-only keys a document may carry here without effect.
    pub fn read_only_keys(&self) -> Vec<&'static str> {
        if !self.path_aware {
            return Vec::new();
        }
        self.fields.iter().filter(|f| f.dump_only && f.key != "$schema").map(|f| f.key).collect()
    }

    fn has_hook(&self, hook: Hook) -> bool {
        self.hooks.contains(&hook)
    }
}

/// The schema at `index` of the generated table.
pub fn schema(index: usize) -> &'static Schema {
    &sdk::SCHEMAS[index]
}

/// The schema azure-ai-ml reads a workspace of this kind with.
pub fn workspace_schema(kind: crate::model::WorkspaceKind) -> &'static Schema {
    schema(match kind {
        crate::model::WorkspaceKind::Default => sdk::WORKSPACE,
        crate::model::WorkspaceKind::Hub => sdk::HUB,
        crate::model::WorkspaceKind::Project => sdk::PROJECT,
    })
}

/// The schema of a managed (or, with `compute`, Kubernetes) online endpoint.
pub fn endpoint_schema(kubernetes: bool) -> &'static Schema {
    schema(if kubernetes { sdk::KUBERNETES_ENDPOINT } else { sdk::MANAGED_ENDPOINT })
}

/// The schema of a managed (or `type: kubernetes`) online deployment.
pub fn deployment_schema(kubernetes: bool) -> &'static Schema {
    schema(if kubernetes { sdk::KUBERNETES_DEPLOYMENT } else { sdk::MANAGED_DEPLOYMENT })
}

/// Hooks whose effect on loading is nil or is part of this module's semantics, with the reason.
/// `hook_issues` mirrors the others; `tests::every_hook_is_reviewed` checks both lists cover the table.
pub const REVIEWED_HOOKS: &[(Hook, &str)] = &[
    (Hook::PreLoadCoreSchemaPathAwareSchemaAddParamOverrides, "applies `--set` overrides; amlnet reads the file as written"),
    (Hook::PreLoadCoreSchemaPathAwareSchemaTrimDumpOnly, "read-only keys with a value are dropped: `Schema::read_only_keys`"),
    (Hook::PreLoadAssetsEnvironmentAnonymousEnvironmentSchemaTrimDumpOnly, "same as PathAwareSchema.trim_dump_only"),
    (Hook::PreLoadAssetsAssetAnonymousAssetSchemaWarnIfNamed, "logs a warning only"),
    (Hook::PreLoadCoreSchemaYamlFileSchemaLoadFromFile, "a `file:` string is read from disk: accepted unchecked, like local paths"),
    (Hook::PreLoadDeploymentOnlineResourceSettingsSchemaResourceSettingsSchemaConversion, "`nvidia.com/gpu` is read as `gpu`: `alias_key`"),
    (Hook::PostLoadCoreResourceResourceSchemaPassSourcePath, "records the source path"),
    (Hook::PostLoadCoreSchemaYamlFileSchemaResetBasePathPostLoad, "restores the base path"),
    (Hook::PostLoadWorkspaceNetworkingFqdnOutboundRuleSchemaCreatedestobject, "builds the rule entity; the lowering reads rules itself"),
    (Hook::PostLoadWorkspaceNetworkingServiceTagOutboundRuleSchemaCreatedestobject, "builds the rule entity; the lowering reads rules itself"),
    (Hook::PostLoadWorkspaceNetworkingPrivateEndpointOutboundRuleSchemaCreatedestobject, "builds the rule entity; the lowering reads rules itself"),
    (Hook::PostLoadWorkspaceNetworkingManagedNetworkSchemaMake, "needs `isolation_mode` (KeyError): `isolation-mode-missing`"),
    (
        Hook::PostLoadDeploymentOnlineOnlineDeploymentManagedOnlineDeploymentSchemaMake,
        "the entity's checks: lower/deployment.rs (scoring script, scale settings)",
    ),
    (Hook::PostLoadEndpointOnlineOnlineEndpointManagedOnlineEndpointSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadEndpointOnlineOnlineEndpointKubernetesOnlineEndpointSchemaMake, "builds the entity from what the schema read"),
    (
        Hook::PostLoadDeploymentCodeConfigurationSchemaCodeConfigurationSchemaMake,
        "builds the entity; the empty scoring script is lower/deployment.rs",
    ),
    (Hook::PostLoadDeploymentOnlineDataAssetSchemaDataAssetSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadDeploymentOnlineDataCollectorSchemaDataCollectorSchemaMake, "`DataCollector(collections=...)`: in constructor_required"),
    (Hook::PostLoadDeploymentOnlineDeploymentCollectionSchemaDeploymentCollectionSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadDeploymentOnlineLivenessProbeLivenessProbeSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadDeploymentOnlineRequestLoggingSchemaRequestLoggingSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadDeploymentOnlineRequestSettingsSchemaRequestSettingsSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadDeploymentOnlineResourceRequirementsSchemaResourceRequirementsSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadDeploymentOnlineResourceSettingsSchemaResourceSettingsSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadDeploymentOnlineScaleSettingsSchemaDefaultScaleSettingsSchemaMake, "builds the entity from what the schema read"),
    (
        Hook::PostLoadDeploymentOnlineScaleSettingsSchemaTargetUtilizationScaleSettingsSchemaMake,
        "builds the entity; managed deployments refuse it: lower/deployment.rs",
    ),
    (Hook::PostLoadAssetsDefaultDeploymentTemplateDeploymentTemplateReferenceSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadAssetsEnvironmentBuildContextSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadAssetsEnvironmentInferenceConfigSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadAssetsEnvironmentRouteSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadCoreAutoDeleteSettingBaseAutoDeleteSettingSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadCoreIntellectualPropertyBaseIntellectualPropertySchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadIdentityIdentitySchemaMake, "`IdentityConfiguration(type=...)`: `type` is in constructor_required"),
    (Hook::PostLoadWorkspaceCustomerManagedKeyCustomerManagedKeySchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadWorkspaceIdentityUserAssignedIdentitySchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadWorkspaceNetworkAclsIPRuleSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadWorkspaceNetworkAclsNetworkAclsSchemaMake, "builds the entity from what the schema read"),
    (Hook::PostLoadWorkspaceServerlessComputeServerlessComputeSettingsSchemaMake, "builds the entity from what the schema read"),
];

/// Hooks `hook_issues` mirrors.
#[cfg(test)]
pub(crate) const MIRRORED_HOOKS: &[Hook] = &[
    Hook::ValidatesEndpointOnlineOnlineEndpointOnlineEndpointSchemaValidateTraffic,
    Hook::ValidatesDeploymentOnlineDataCollectorSchemaDataCollectorSchemaValidateSamplingRate,
    Hook::ValidatesIdentityIdentitySchemaValidateUserAssignedIdentities,
    Hook::ValidatesSchemaWorkspaceNetworkAclsNetworkAclsSchemaValidateSchema,
    Hook::ValidatesWorkspaceServerlessComputeServerlessComputeSettingsSchemaValidateCustomSubnet,
    Hook::PreLoadAssetsEnvironmentBaseEnvironmentSchemaPreLoad,
    Hook::PostLoadWorkspaceIdentityIdentitySchemaMake,
    Hook::PostLoadAssetsEnvironmentBaseEnvironmentSchemaMake,
    Hook::PostLoadAssetsModelModelSchemaMake,
    Hook::PostLoadDeploymentOnlineOnlineDeploymentKubernetesOnlineDeploymentSchemaMake,
];

/// A problem found while reading a value the way the SDK does.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Field path (`data_collector.collections.model_inputs.enabled`).
    pub path: String,
    /// The value (or, for a missing key, the enclosing mapping).
    pub range: TextRange,
    /// The key's own range, for unknown and read-only keys.
    pub key_range: Option<TextRange>,
    pub kind: IssueKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum IssueKind {
    /// A key the schema does not define; `rejected` under RAISE, dropped under EXCLUDE.
    Unknown {
        key: String,
        known: Vec<&'static str>,
        rejected: bool,
    },
    /// A read-only key the SDK drops.
    ReadOnly {
        key: String,
    },
    Missing {
        key: &'static str,
    },
    /// null where the field does not allow it.
    Null,
    /// A plain scalar PyYAML reads as another type where a string is needed.
    NotAString {
        py_type: PyType,
        text: String,
    },
    /// The wrong shape or type; `expected` reads "a mapping", "a whole number", ...
    WrongType {
        expected: String,
        found: String,
    },
    NotAllowed {
        text: String,
        values: &'static [&'static str],
    },
    /// The SDK rejects the value for a reason stated in `message`.
    Rejected {
        message: String,
        help: String,
    },
}

impl Issue {
    pub fn is_error(&self) -> bool {
        !matches!(self.kind, IssueKind::ReadOnly { .. } | IssueKind::Unknown { rejected: false, .. })
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Reads the mapping `node` with `schema` under `unknown`, skipping the keys in `skip` (read by the caller).
pub fn check_mapping(node: &Node, path: &str, schema: &'static Schema, unknown: Unknown, skip: &[&str]) -> Vec<Issue> {
    let mut out = Vec::new();
    check_mapping_into(node, path, schema, unknown, skip, &mut out);
    out
}

fn check_mapping_into(node: &Node, path: &str, schema: &'static Schema, unknown: Unknown, skip: &[&str], out: &mut Vec<Issue>) {
    let NodeKind::Map(entries) = &node.kind else {
        out.push(wrong(node, path, "a mapping"));
        return;
    };
    if schema.has_hook(Hook::PreLoadAssetsEnvironmentBaseEnvironmentSchemaPreLoad) {
        for (k, _) in entries {
            if let Some(k) = k.as_scalar().filter(|k| k.py_type == PyType::Str && (k.text == "channels" || k.text == "dependencies")) {
                out.push(Issue {
                    path: join(path, &k.text),
                    range: node.range,
                    key_range: Some(node.range),
                    kind: IssueKind::Rejected {
                        message: format!("`{}` belongs in the conda file, not in the environment; azure-ai-ml rejects the environment", k.text),
                        help: "move `channels` and `dependencies` into a conda file and name it with `conda_file:`".into(),
                    },
                });
                return;
            }
        }
    }
    // PyYAML keeps the last of duplicate keys; the lowering reports duplicates.
    let mut seen: Vec<(&str, &Node, &Node)> = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        let Some(ks) = k.as_scalar() else { continue };
        let key = alias_key(schema, key_text(ks));
        seen.retain(|(existing, _, _)| *existing != key);
        seen.push((key, k, v));
    }
    for (key, k, v) in &seen {
        let key_path = join(path, key);
        if skip.contains(key) {
            // The caller reads the value; the schema's validators still apply to what it reads.
            if let (Some(f), Some(text)) = (schema.field(key), as_str(v)) {
                if let Some((message, help)) = f.validators.iter().find_map(|val| validator_fails(*val, text)) {
                    out.push(Issue { path: key_path, range: v.range, key_range: None, kind: IssueKind::Rejected { message, help } });
                }
            }
            continue;
        }
        let is_str_key = k.as_scalar().is_some_and(|s| s.py_type == PyType::Str);
        let field = schema.field(key).filter(|_| is_str_key);
        match field {
            Some(f) if f.dump_only && f.key == "$schema" && !is_null(v) => {}
            Some(f) if f.dump_only => {
                let null = is_null(v);
                if schema.path_aware && !null {
                    out.push(Issue {
                        path: key_path,
                        range: v.range,
                        key_range: Some(k.range),
                        kind: IssueKind::ReadOnly { key: (*key).to_owned() },
                    });
                } else if unknown != Unknown::Include {
                    out.push(unknown_issue(key, &key_path, k, v, schema, unknown));
                }
            }
            Some(f) => {
                check_field(v, &key_path, f, out);
                if let Some((_, _, limit)) = DURATIONS.iter().find(|(s, k, _)| std::ptr::eq(self::schema(*s), schema) && k == key) {
                    if !is_null(v) && duration_overflows(v, *limit) {
                        out.push(rejected(
                            v,
                            &key_path,
                            "the duration is too large; azure-ai-ml loads it but fails to send it (\"OverflowError\")".into(),
                            "use a realistic value (seconds for probes, milliseconds for request settings)",
                        ));
                    }
                }
            }
            None if unknown == Unknown::Include => {}
            None => out.push(unknown_issue(key, &key_path, k, v, schema, unknown)),
        }
    }
    let required = schema.fields.iter().filter(|f| f.required && !f.dump_only).map(|f| f.key).chain(schema.constructor_required.iter().copied());
    for key in required {
        if !skip.contains(&key) && !seen.iter().any(|(k, _, _)| *k == key) {
            out.push(Issue { path: join(path, key), range: node.range, key_range: None, kind: IssueKind::Missing { key } });
        }
    }
    if !out.iter().any(|i| i.is_error() && i.path.starts_with(path)) {
        hook_issues(node, path, schema, &seen, out);
    }
}

fn unknown_issue(key: &str, key_path: &str, k: &Node, v: &Node, schema: &'static Schema, unknown: Unknown) -> Issue {
    Issue {
        path: key_path.to_owned(),
        range: v.range,
        key_range: Some(k.range),
        kind: IssueKind::Unknown { key: key.to_owned(), known: schema.loadable_keys(), rejected: unknown == Unknown::Raise },
    }
}

/// The key as the schema sees it after its `pre_load` renames.
fn alias_key<'a>(schema: &Schema, key: &'a str) -> &'a str {
    if key == "nvidia.com/gpu" && schema.has_hook(Hook::PreLoadDeploymentOnlineResourceSettingsSchemaResourceSettingsSchemaConversion) {
        "gpu"
    } else {
        key
    }
}

fn key_text(s: &Scalar) -> &str {
    &s.text
}

fn is_null(node: &Node) -> bool {
    matches!(&node.kind, NodeKind::Scalar(s) if s.py_type == PyType::Null)
}

/// Reads one field's value: null handling, the type, then the validators.
fn check_field(node: &Node, path: &str, field: &'static Field, out: &mut Vec<Issue>) {
    if is_null(node) {
        if !field.allow_none {
            out.push(Issue { path: path.to_owned(), range: node.range, key_range: None, kind: IssueKind::Null });
        }
        return;
    }
    let before = out.len();
    check_value_into(node, path, field.ty, out);
    if out[before..].iter().any(Issue::is_error) {
        return;
    }
    if let NodeKind::Scalar(s) = &node.kind {
        for v in field.validators {
            if let Some((message, help)) = validator_fails(*v, &s.text) {
                out.push(Issue { path: path.to_owned(), range: node.range, key_range: None, kind: IssueKind::Rejected { message, help } });
                return;
            }
        }
    }
}

/// Reads `node` as a value of type `ty`.
pub fn check_value(node: &Node, path: &str, ty: &'static Ty) -> Vec<Issue> {
    let mut out = Vec::new();
    if is_null(node) {
        out.push(Issue { path: path.to_owned(), range: node.range, key_range: None, kind: IssueKind::Null });
    } else {
        check_value_into(node, path, ty, &mut out);
    }
    out
}

fn wrong(node: &Node, path: &str, expected: impl Into<String>) -> Issue {
    let expected = expected.into();
    match &node.kind {
        NodeKind::Scalar(s) if s.py_type != PyType::Str && expected == "a string" => Issue {
            path: path.to_owned(),
            range: node.range,
            key_range: None,
            kind: IssueKind::NotAString { py_type: s.py_type, text: s.text.clone() },
        },
        _ => Issue { path: path.to_owned(), range: node.range, key_range: None, kind: IssueKind::WrongType { expected, found: node.describe() } },
    }
}

fn rejected(node: &Node, path: &str, message: String, help: impl Into<String>) -> Issue {
    Issue { path: path.to_owned(), range: node.range, key_range: None, kind: IssueKind::Rejected { message, help: help.into() } }
}

/// The value as a Python `str`, if PyYAML constructs one.
fn as_str(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Scalar(s) if s.py_type == PyType::Str => Some(&s.text),
        _ => None,
    }
}

fn check_value_into(node: &Node, path: &str, ty: &'static Ty, out: &mut Vec<Issue>) {
    match ty {
        Ty::Nullable(_) if is_null(node) => {}
        Ty::Nullable(inner) => check_value_into(node, path, inner, out),
        Ty::Raw | Ty::Constant => {}
        Ty::Str | Ty::LocalPath { .. } => {
            if as_str(node).is_none() {
                out.push(wrong(node, path, "a string"));
            }
        }
        Ty::Bool => {
            if !reads_as_bool(node) {
                out.push(wrong(node, path, "true or false"));
            }
        }
        Ty::Int { strict } => {
            if !reads_as_int(node, *strict) {
                out.push(wrong(node, path, "a whole number"));
            }
        }
        Ty::Float => {
            if !reads_as_float(node) {
                out.push(wrong(node, path, "a number"));
            }
        }
        Ty::Version => {
            let ok = matches!(&node.kind, NodeKind::Scalar(s) if matches!(s.py_type, PyType::Str | PyType::Int | PyType::Float | PyType::Bool));
            if !ok {
                out.push(wrong(node, path, "a version (a string or a number)"));
            }
        }
        Ty::DateTime => match as_str(node) {
            Some(s) if is_iso_datetime(s) => {}
            Some(_) => out.push(rejected(
                node,
                path,
                "not an ISO 8601 date and time; azure-ai-ml rejects it".into(),
                "write it as '2026-01-31T12:00:00Z' (quoted)",
            )),
            None => out.push(wrong(node, path, "a quoted ISO 8601 date and time")),
        },
        Ty::Enum { values, casing } => match as_str(node) {
            Some(s) if values.contains(&casing.apply(s).as_str()) => {}
            Some(s) => out.push(Issue {
                path: path.to_owned(),
                range: node.range,
                key_range: None,
                kind: IssueKind::NotAllowed { text: s.to_owned(), values },
            }),
            None => out.push(wrong(node, path, "a string")),
        },
        Ty::ArmStr => match as_str(node) {
            Some(s) if s.starts_with("azureml:") => {}
            Some(s) => out.push(rejected(
                node,
                path,
                format!("`{s}` is not an `azureml:` reference; azure-ai-ml rejects it"),
                format!("write `azureml:{s}` to name an existing resource"),
            )),
            None => out.push(wrong(node, path, "an `azureml:` reference")),
        },
        Ty::ArmVersionedStr { allow_default_version } => match as_str(node) {
            Some(s) => {
                if let Some(message) = versioned_reference_problem(s, *allow_default_version) {
                    out.push(rejected(node, path, message, "write `azureml:<name>:<version>` (or `azureml:<name>@latest`)"));
                }
            }
            None => out.push(wrong(node, path, "an `azureml:name:version` reference")),
        },
        Ty::RegistryStr => match as_str(node) {
            Some(s) if s.starts_with("azureml://registries/") => {}
            Some(s) => out.push(rejected(
                node,
                path,
                format!("`{s}` is not an `azureml://registries/...` URI"),
                "write `azureml://registries/<registry>/models/<name>/versions/<version>`",
            )),
            None => out.push(wrong(node, path, "an `azureml://registries/...` URI")),
        },
        Ty::List(inner) => match &node.kind {
            NodeKind::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    if is_null(item) && !matches!(inner, Ty::Nullable(_)) {
                        out.push(Issue { path: item_path, range: item.range, key_range: None, kind: IssueKind::Null });
                    } else {
                        check_value_into(item, &item_path, inner, out);
                    }
                }
            }
            _ => out.push(wrong(node, path, "a list")),
        },
        Ty::Dict { keys, values } => match &node.kind {
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    let Some(ks) = k.as_scalar() else { continue };
                    let key_path = join(path, &ks.text);
                    if !matches!(keys, Ty::Raw) {
                        if is_null(k) && !matches!(keys, Ty::Nullable(_)) {
                            out.push(Issue { path: key_path.clone(), range: k.range, key_range: None, kind: IssueKind::Null });
                        } else {
                            check_value_into(k, &key_path, keys, out);
                        }
                    }
                    if !matches!(values, Ty::Raw) {
                        if is_null(v) && !matches!(values, Ty::Nullable(_)) {
                            out.push(Issue { path: key_path, range: v.range, key_range: None, kind: IssueKind::Null });
                        } else {
                            check_value_into(v, &key_path, values, out);
                        }
                    }
                }
            }
            _ => out.push(wrong(node, path, "a mapping")),
        },
        Ty::Nested { schema: index, unknown } => {
            let s = schema(*index);
            if s.has_hook(Hook::PreLoadCoreSchemaYamlFileSchemaLoadFromFile) && as_str(node).is_some_and(|t| t.starts_with("file:")) {
                return;
            }
            check_mapping_into(node, path, s, *unknown, &[], out);
        }
        Ty::Union(alternatives) => check_union(node, path, alternatives, out),
    }
}

fn check_union(node: &Node, path: &str, alternatives: &'static [Ty], out: &mut Vec<Issue>) {
    let mut best: Option<Vec<Issue>> = None;
    for alt in alternatives {
        let mut issues = Vec::new();
        check_value_into(node, path, alt, &mut issues);
        if !issues.iter().any(Issue::is_error) {
            out.extend(issues);
            return;
        }
        // A mapping is judged by the mapping alternative that fits it best; a scalar by the union as a whole.
        if matches!(alt, Ty::Nested { .. }) && matches!(node.kind, NodeKind::Map(_)) {
            let errors = issues.iter().filter(|i| i.is_error()).count();
            if best.as_ref().is_none_or(|b| b.iter().filter(|i| i.is_error()).count() > errors) {
                best = Some(issues);
            }
        }
    }
    match best {
        Some(issues) => out.extend(issues),
        None => {
            let expected: Vec<String> = alternatives.iter().map(describe).collect();
            let mut expected_unique: Vec<String> = Vec::new();
            for e in expected {
                if !expected_unique.contains(&e) {
                    expected_unique.push(e);
                }
            }
            let what = match &node.kind {
                NodeKind::Scalar(s) if s.py_type == PyType::Str => format!("`{}`", s.text),
                _ => node.describe(),
            };
            out.push(rejected(
                node,
                path,
                format!("{what} is none of what azure-ai-ml reads here ({}); it rejects the document", expected_unique.join(", ")),
                format!("write {}", expected_unique.join(" or ")),
            ));
        }
    }
}

/// A short description of what a type reads, for messages.
fn describe(ty: &Ty) -> String {
    match ty {
        Ty::Str | Ty::Raw | Ty::Constant => "a string".into(),
        Ty::LocalPath { .. } => "a local path".into(),
        Ty::Bool => "true or false".into(),
        Ty::Int { .. } => "a whole number".into(),
        Ty::Float => "a number".into(),
        Ty::Version => "a version".into(),
        Ty::DateTime => "a date and time".into(),
        Ty::Enum { values, .. } => format!("one of {}", values.join(", ")),
        Ty::ArmStr => "an `azureml:` reference".into(),
        Ty::ArmVersionedStr { .. } => "an `azureml:name:version` reference".into(),
        Ty::RegistryStr => "an `azureml://registries/...` URI".into(),
        Ty::List(_) => "a list".into(),
        Ty::Dict { .. } | Ty::Nested { .. } => "a mapping".into(),
        Ty::Union(alts) => alts.iter().map(describe).collect::<Vec<_>>().join(" or "),
        Ty::Nullable(inner) => describe(inner),
    }
}

/// marshmallow's `Boolean` of a scalar: `True`/`False`, the members of its truthy and falsy sets, and the
/// numbers equal to 1 or 0 (`1.0` hashes like `1`).
pub(crate) fn marshmallow_bool(s: &Scalar) -> Option<bool> {
    const TRUTHY: &[&str] = &["t", "T", "true", "True", "TRUE", "on", "On", "ON", "y", "Y", "yes", "Yes", "YES", "1"];
    const FALSY: &[&str] = &["f", "F", "false", "False", "FALSE", "off", "Off", "OFF", "n", "N", "no", "No", "NO", "0"];
    match s.py_type {
        PyType::Bool => crate::syntax::pyyaml::bool_value(&s.text),
        PyType::Str if TRUTHY.contains(&s.text.as_str()) => Some(true),
        PyType::Str if FALSY.contains(&s.text.as_str()) => Some(false),
        PyType::Int => match crate::lower::parse_python_int(&s.text) {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        PyType::Float => match python_float(&s.text) {
            Some(d) if d.equals(1) => Some(true),
            Some(d) if d.is_zero() => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Python's `int(str)`: whitespace around, a sign, decimal digits with single underscores between them.
pub(crate) fn python_int_of_str(text: &str) -> Option<i64> {
    if !python_int_text(text) {
        return None;
    }
    text.trim().replace('_', "").parse::<i64>().ok()
}

/// marshmallow's `Boolean`: `True`/`False`, and the members of its truthy and falsy sets.
fn reads_as_bool(node: &Node) -> bool {
    matches!(&node.kind, NodeKind::Scalar(s) if marshmallow_bool(s).is_some())
}

/// marshmallow's `Integer`: `int(value)`; bools are refused, floats truncated unless strict.
fn reads_as_int(node: &Node, strict: bool) -> bool {
    let NodeKind::Scalar(s) = &node.kind else { return false };
    match s.py_type {
        PyType::Int => true,
        PyType::Float => !strict && python_float(&s.text).is_some(),
        PyType::Str => !strict && python_int_text(&s.text),
        _ => false,
    }
}

/// Fields the entity turns into a Python `timedelta` when it builds the REST object (`to_iso_duration_format`
/// and `_ms`), with the largest value `timedelta` takes (999,999,999 days) in their unit. Larger values fail
/// with OverflowError after loading, so they are rejected here. Not in the schema: mirrored from
/// `entities/_deployment/deployment_settings.py`.
const DURATIONS: &[(usize, &str, u64)] = &[
    (sdk::named::LIVENESS_PROBE_SCHEMA, "timeout", 86_399_999_999_999),
    (sdk::named::LIVENESS_PROBE_SCHEMA, "period", 86_399_999_999_999),
    (sdk::named::LIVENESS_PROBE_SCHEMA, "initial_delay", 86_399_999_999_999),
    (sdk::named::REQUEST_SETTINGS_SCHEMA, "request_timeout_ms", 86_399_999_999_999_999),
    (sdk::named::REQUEST_SETTINGS_SCHEMA, "max_queue_wait_ms", 86_399_999_999_999_999),
];

/// Whether the int at `node` is larger than a `timedelta` of `limit` units holds.
fn duration_overflows(node: &Node, limit: u64) -> bool {
    let NodeKind::Scalar(s) = &node.kind else { return false };
    let magnitude = |text: &str| -> Option<u64> {
        let t: String = text.trim().trim_start_matches(['+', '-']).chars().filter(|c| *c != '_').collect();
        t.parse::<u64>().ok().or_else(|| crate::lower::parse_python_int(text).map(i64::unsigned_abs))
    };
    match s.py_type {
        // Too large for u64 is larger than any limit.
        PyType::Int | PyType::Str => magnitude(&s.text).is_none_or(|v| v > limit),
        PyType::Float => python_float(&s.text).is_some_and(|v| v.magnitude_exceeds(limit)),
        _ => false,
    }
}

/// marshmallow's `Float` without NaN and infinities.
fn reads_as_float(node: &Node) -> bool {
    let NodeKind::Scalar(s) = &node.kind else { return false };
    match s.py_type {
        PyType::Int => true,
        PyType::Float | PyType::Str => python_float(&s.text).is_some(),
        _ => false,
    }
}

/// What Python's `int(str)` accepts: whitespace, a sign, decimal digits with single underscores between them.
fn python_int_text(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    !t.is_empty() && !t.starts_with('_') && !t.ends_with('_') && !t.contains("__") && t.chars().all(|c| c.is_ascii_digit() || c == '_')
}

/// A finite decimal number read exactly, without floating point (the core stays free of float parsing,
/// which would cost the wasm build its tables): `digits × 10^exp`, negative when `neg`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    neg: bool,
    /// Significant digits without leading zeros (empty for zero).
    digits: String,
    exp: i64,
}

impl Decimal {
    pub(crate) fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// No fractional part (`digits` has no trailing zeros, so a negative exponent means a fraction).
    fn is_integer(&self) -> bool {
        self.is_zero() || self.exp >= 0
    }

    /// `int(|value|)`, truncated toward zero as Python does, if it fits in u64 (no 128-bit arithmetic, which
    /// would bring its own division and formatting code into the wasm build).
    pub(crate) fn truncated_magnitude(&self) -> Option<u64> {
        let len = self.digits.len() as i64;
        if self.is_zero() || len + self.exp <= 0 {
            return Some(0);
        }
        if len + self.exp > 19 {
            return None;
        }
        let int_digits = if self.exp >= 0 {
            format!("{}{}", self.digits, "0".repeat(self.exp as usize))
        } else {
            self.digits[..(len + self.exp) as usize].to_owned()
        };
        int_digits.parse().ok()
    }

    /// `int(value)` as an i64, if it fits.
    pub(crate) fn truncated(&self) -> Option<i64> {
        let m = i64::try_from(self.truncated_magnitude()?).ok()?;
        Some(if self.neg { -m } else { m })
    }

    /// Whether the value is exactly the whole number `n`.
    pub(crate) fn equals(&self, n: u64) -> bool {
        if n == 0 {
            return self.is_zero();
        }
        !self.neg && self.is_integer() && self.truncated_magnitude() == Some(n)
    }

    /// Whether `0 <= value <= 1`.
    pub(crate) fn is_fraction(&self) -> bool {
        self.is_zero() || !self.neg && (self.truncated_magnitude() == Some(0) || self.equals(1))
    }

    /// Whether `|value| > limit`.
    pub(crate) fn magnitude_exceeds(&self, limit: u64) -> bool {
        match self.truncated_magnitude() {
            None => true,
            Some(m) => m > limit || m == limit && !self.is_integer(),
        }
    }
}

/// A YAML 1.1 float as PyYAML constructs it, or a string as Python's `float()` reads it: `None` for text
/// that is not a number and for infinities and NaN (which marshmallow refuses).
pub(crate) fn python_float(text: &str) -> Option<Decimal> {
    let t = text.trim().replace('_', "");
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    if body.contains(':') {
        // YAML 1.1 base 60 (`1:30.5`): whole parts, then a decimal last part.
        let parts: Vec<&str> = body.split(':').collect();
        let mut whole: u64 = 0;
        for p in &parts[..parts.len() - 1] {
            whole = whole.checked_mul(60)?.checked_add(p.parse::<u64>().ok()?)?;
        }
        let last = python_float(parts[parts.len() - 1])?;
        // Only the integer part matters for the checks made with base-60 floats.
        let m = whole.checked_mul(60)?.checked_add(last.truncated_magnitude()?)?;
        let digits = if m == 0 { String::new() } else { m.to_string() };
        return Some(Decimal { neg, digits, exp: 0 });
    }
    let lower = body.to_ascii_lowercase();
    let (mantissa, exp) = match lower.split_once('e') {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (lower.as_str(), 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() || !int_part.bytes().chain(frac_part.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let all = format!("{int_part}{frac_part}");
    let exp = exp.checked_sub(frac_part.len() as i64)?;
    let trimmed = all.trim_start_matches('0');
    // Drop trailing zeros into the exponent.
    let significant = trimmed.trim_end_matches('0');
    let exp = exp + (trimmed.len() - significant.len()) as i64;
    Some(Decimal { neg, digits: significant.to_owned(), exp })
}

/// `YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]][Z|±HH:MM]`, or a date alone, as marshmallow's ISO parser takes.
fn is_iso_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.end <= b.len() && b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10)) {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    matches!(b.get(10), Some(b'T' | b' ')) && digits(11..13) && b.get(13) == Some(&b':') && digits(14..16)
}

/// Why `azureml:...` is not a versioned reference ArmVersionedStr accepts, if it is not.
fn versioned_reference_problem(s: &str, allow_default_version: bool) -> Option<String> {
    let Some(rest) = s.strip_prefix("azureml:") else {
        return Some(format!("`{s}` is not an `azureml:` reference (a local path is not allowed here); azure-ai-ml rejects it"));
    };
    if rest.starts_with('/') {
        // A full ARM id: the SDK accepts versioned ids and parses the rest as a name.
        return None;
    }
    if rest.is_empty() || rest.contains('/') {
        return Some(format!("could not parse `{s}`; an ARM id must start with `/`"));
    }
    let (name, label) = match rest.rsplit_once('@') {
        Some((n, l)) => (n, Some(l)),
        None => (rest, None),
    };
    let has_label = label.is_some_and(|l| !l.is_empty());
    let has_version = !has_label && name.split_once(':').is_some_and(|(_, v)| !v.is_empty());
    if has_label || has_version || allow_default_version {
        None
    } else {
        Some(format!("`{s}` names no version or label; azure-ai-ml rejects it"))
    }
}

/// `validate_arm_str`: `/subscriptions/<guid>/resourcegroups/.*/providers/[a-z.]*/[a-z]*/.*`, case-insensitive,
/// matching the whole string (no line breaks).
pub fn is_arm_str(s: &str) -> bool {
    let lowered = s.to_ascii_lowercase();
    if lowered.contains('\n') {
        return false;
    }
    let Some(rest) = lowered.strip_prefix("/subscriptions/") else { return false };
    let b = rest.as_bytes();
    let hex = |r: std::ops::Range<usize>| r.end <= b.len() && b[r].iter().all(|c| c.is_ascii_hexdigit());
    if !(hex(0..8) && b.get(8) == Some(&b'-') && hex(9..13) && b.get(13) == Some(&b'-') && hex(14..18) && b.get(18) == Some(&b'-') && hex(19..23)) {
        return false;
    }
    if b.get(23) != Some(&b'-') || !hex(24..35) {
        return false;
    }
    // `[0-9a-f]{12}?`: eleven hex digits and an optional twelfth.
    let after = if hex(35..36) { 36 } else { 35 };
    let Some(tail) = rest.get(after..).and_then(|t| t.strip_prefix("/resourcegroups/")) else { return false };
    // `.*/providers/[a-z.]*/[a-z]*/.*`: try every `/providers/`.
    let mut start = 0;
    while let Some(pos) = tail[start..].find("/providers/") {
        let after_providers = &tail[start + pos + "/providers/".len()..];
        if let Some((ns, rest)) = after_providers.split_once('/') {
            if ns.chars().all(|c| c.is_ascii_lowercase() || c == '.') {
                // `[a-z]*/` then anything: try each `/` whose prefix is lowercase letters only.
                let letters: usize = rest.chars().take_while(char::is_ascii_lowercase).count();
                if rest[letters..].starts_with('/') {
                    return true;
                }
            }
        }
        start += pos + 1;
    }
    false
}

/// The regular expressions the schema validators use, matched by hand (the core has no regex engine).
/// A pattern not listed here fails the tidy test `every_regexp_is_known`.
pub fn regexp_matches(pattern: &str, s: &str) -> Option<bool> {
    match pattern {
        // Endpoint names.
        "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$" => {
            let b = s.as_bytes();
            Some(
                !b.is_empty()
                    && b[0].is_ascii_alphabetic()
                    && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                    && b.last().is_some_and(u8::is_ascii_alphanumeric),
            )
        }
        _ => None,
    }
}

/// marshmallow's `validate.URL` (absolute URLs with a host that has a top-level domain, or localhost / an IP).
fn is_url(s: &str, schemes: &[&str]) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else { return false };
    if !schemes.contains(&scheme.to_ascii_lowercase().as_str()) || s.chars().any(char::is_whitespace) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host_port,
    };
    let ipv4 = host.split('.').count() == 4
        && host
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n <= 255));
    if host.eq_ignore_ascii_case("localhost") || ipv4 || (host.starts_with('[') && host.ends_with(']')) {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--"))
}

fn validator_fails(v: Validator, s: &str) -> Option<(String, String)> {
    match v {
        Validator::ArmStr => (!is_arm_str(s)).then(|| {
            (
                format!("`{s}` is not a full ARM resource id; azure-ai-ml rejects it (\"ARM string ... is not formatted correctly\")"),
                "write `/subscriptions/<subscription id>/resourceGroups/<group>/providers/<namespace>/<type>/<name>`".to_owned(),
            )
        }),
        Validator::Regexp(pattern) => (regexp_matches(pattern, s) == Some(false)).then(|| {
            (
                format!("`{s}` does not match `{pattern}`; azure-ai-ml rejects it"),
                "use letters, digits and hyphens, starting with a letter".to_owned(),
            )
        }),
        Validator::OneOf(choices) => {
            (!choices.contains(&s)).then(|| (format!("`{s}` is not one of {}", choices.join(", ")), format!("use one of {}", choices.join(", "))))
        }
        Validator::Range { min, max } => {
            let n = s.trim().parse::<i64>().ok()?;
            (min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m)).then(|| (format!("{n} is out of range"), "use a value in range".to_owned()))
        }
        Validator::Url { schemes, .. } => (!is_url(s, schemes)).then(|| {
            (
                format!("`{s}` is not a URL; azure-ai-ml rejects it (\"Not a valid URL.\")"),
                "write the full URL, e.g. https://my-vault.vault.azure.net/keys/my-key/0123456789abcdef".to_owned(),
            )
        }),
    }
}

/// The schema-level checks of the hooks in `MIRRORED_HOOKS`, run when the level read without errors.
fn hook_issues(node: &Node, path: &str, schema: &Schema, entries: &[(&str, &Node, &Node)], out: &mut Vec<Issue>) {
    let get = |key: &str| entries.iter().find(|(k, _, _)| *k == key).map(|(_, _, v)| *v);
    if schema.has_hook(Hook::ValidatesEndpointOnlineOnlineEndpointOnlineEndpointSchemaValidateTraffic) {
        if let Some(NodeKind::Map(items)) = get("traffic").map(|n| &n.kind) {
            let sum: i64 = items.iter().filter_map(|(_, v)| v.as_scalar().and_then(|s| s.text.trim().parse::<i64>().ok())).sum();
            if sum > 100 {
                let t = get("traffic").unwrap_or(node);
                out.push(rejected(
                    t,
                    &join(path, "traffic"),
                    format!("the traffic percentages sum to {sum}; azure-ai-ml rejects more than 100"),
                    "make them sum to 100 at most",
                ));
            }
        }
    }
    if schema.has_hook(Hook::ValidatesDeploymentOnlineDataCollectorSchemaDataCollectorSchemaValidateSamplingRate) {
        if let Some(n) = get("sampling_rate") {
            if let Some(v) = n.as_scalar().and_then(|s| python_float(&s.text)) {
                if !v.is_fraction() {
                    out.push(rejected(
                        n,
                        &join(path, "sampling_rate"),
                        "the sampling rate must be between 0.0 and 1.0".into(),
                        "write a fraction, e.g. 0.5",
                    ));
                }
            }
        }
    }
    if schema.has_hook(Hook::ValidatesIdentityIdentitySchemaValidateUserAssignedIdentities) {
        if let Some(n @ Node { kind: NodeKind::Map(items), .. }) = get("user_assigned_identities") {
            if items.len() > 1 {
                out.push(rejected(
                    n,
                    &join(path, "user_assigned_identities"),
                    format!("{} user-assigned identities; azure-ai-ml supports one here", items.len()),
                    "keep one identity",
                ));
            }
        }
    }
    let asset =
        schema.has_hook(Hook::PostLoadAssetsModelModelSchemaMake) || schema.has_hook(Hook::PostLoadAssetsEnvironmentBaseEnvironmentSchemaMake);
    if asset && get("version").is_some_and(is_truthy) && !get("name").is_some_and(is_truthy) {
        // `Asset.__init__`: "If version is specified, name must be specified also."
        out.push(Issue { path: join(path, "name"), range: node.range, key_range: None, kind: IssueKind::Missing { key: "name" } });
    }
    if schema.has_hook(Hook::PostLoadAssetsEnvironmentBaseEnvironmentSchemaMake) {
        // The schema reads `conda_file` as anything; the Environment entity takes an inline mapping or a path,
        // and ignores a falsy value (`false`, `0`, `[]`).
        if let Some(n) = get("conda_file").filter(|n| !matches!(&n.kind, NodeKind::Map(_)) && as_str(n).is_none() && is_truthy(n)) {
            out.push(rejected(
                n,
                &join(path, "conda_file"),
                format!(
                    "`conda_file` must be a path to a conda file or an inline mapping, not {}; azure-ai-ml rejects the environment",
                    n.describe()
                ),
                "write the path of the conda YAML file, e.g. `conda_file: conda.yml`",
            ));
        }
    }
    if schema.has_hook(Hook::PostLoadWorkspaceIdentityIdentitySchemaMake) && get("type").is_none() {
        // The workspace's `make` pops `type` without a default: a KeyError, which the extraction's probe
        // for missing constructor arguments does not see.
        out.push(Issue { path: join(path, "type"), range: node.range, key_range: None, kind: IssueKind::Missing { key: "type" } });
    }
    if schema.has_hook(Hook::PostLoadDeploymentOnlineOnlineDeploymentKubernetesOnlineDeploymentSchemaMake) {
        // `exit_if_registry_assets`: a Kubernetes deployment cannot use registry models or environments.
        for key in ["model", "environment"] {
            if let Some(n) = get(key).filter(|n| as_str(n).is_some_and(|t| t.starts_with("azureml://registries/"))) {
                out.push(rejected(
                    n,
                    &join(path, key),
                    format!("a Kubernetes deployment cannot use a registry {key}; azure-ai-ml rejects it"),
                    format!("register the {key} in the workspace and write `azureml:<name>:<version>`"),
                ));
            }
        }
    }
    if schema.has_hook(Hook::ValidatesSchemaWorkspaceNetworkAclsNetworkAclsSchemaValidateSchema) {
        let action = get("default_action").and_then(as_str);
        let has_ip_rules = matches!(get("ip_rules").map(|n| &n.kind), Some(NodeKind::Seq(items)) if !items.is_empty());
        match action {
            Some("Allow") => {}
            Some("Deny") if has_ip_rules => {}
            Some("Deny") => out.push(rejected(
                node,
                &join(path, "ip_rules"),
                "`ip_rules` must list at least one rule when `default_action` is Deny".into(),
                "add `ip_rules`, or set `default_action: Allow`",
            )),
            _ => out.push(rejected(
                get("default_action").unwrap_or(node),
                &join(path, "default_action"),
                "`default_action` must be `Deny` or `Allow` (exactly so)".into(),
                "write `default_action: Deny` with `ip_rules`, or `default_action: Allow`",
            )),
        }
    }
    if schema.has_hook(Hook::ValidatesWorkspaceServerlessComputeServerlessComputeSettingsSchemaValidateCustomSubnet) {
        if let Some(n) = get("custom_subnet") {
            if let Some(s) = as_str(n) {
                if s != "None" && !crate::schema::is_parsable_arm_id(s) {
                    out.push(rejected(
                        n,
                        &join(path, "custom_subnet"),
                        format!("`{s}` is not an ARM id of a subnet; azure-ai-ml rejects it"),
                        "write the subnet's full ARM id",
                    ));
                }
            }
        }
    }
}

/// Python's truth value of what PyYAML builds from `node`.
pub(crate) fn is_truthy(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Scalar(s) => match s.py_type {
            PyType::Null => false,
            PyType::Bool => crate::syntax::pyyaml::bool_value(&s.text) == Some(true),
            PyType::Int => crate::lower::parse_python_int(&s.text) != Some(0),
            PyType::Float => python_float(&s.text).is_none_or(|d| !d.is_zero()),
            PyType::Str => !s.text.is_empty(),
            _ => true,
        },
        NodeKind::Seq(items) => !items.is_empty(),
        NodeKind::Map(entries) => !entries.is_empty(),
    }
}

/// azure-ai-ml's `ArmId` parser (`_arm_id_utils.ArmId`): `/subscriptions/<s>/resourceGroups/<g>/providers/<ns>/<type>/<name>...`.
pub fn is_parsable_arm_id(s: &str) -> bool {
    let parts: Vec<&str> = s.split('/').collect();
    parts.len() >= 9
        && parts[0].is_empty()
        && parts[1].eq_ignore_ascii_case("subscriptions")
        && !parts[2].is_empty()
        && parts[3].eq_ignore_ascii_case("resourcegroups")
        && !parts[4].is_empty()
        && parts[5].eq_ignore_ascii_case("providers")
        && parts[6..9].iter().all(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_hooks() -> Vec<Hook> {
        Hook::ALL.to_vec()
    }

    #[test]
    fn every_hook_is_reviewed() {
        for hook in all_hooks() {
            let reviewed = REVIEWED_HOOKS.iter().any(|(h, _)| *h == hook) || MIRRORED_HOOKS.contains(&hook);
            assert!(reviewed, "schema hook `{}` of azure-ai-ml is neither mirrored in schema::hook_issues nor listed in REVIEWED_HOOKS", hook.name());
        }
    }

    #[test]
    fn every_regexp_is_known() {
        for s in &sdk::SCHEMAS {
            for f in s.fields {
                for v in f.validators {
                    if let Validator::Regexp(p) = v {
                        assert!(regexp_matches(p, "a").is_some(), "{}.{}: pattern {p} has no hand-written matcher", s.name, f.key);
                    }
                }
            }
        }
    }

    #[test]
    fn casings_match_the_sdk() {
        assert_eq!(Casing::CamelToSnake.apply("AllowOnlyApprovedOutbound"), "allow_only_approved_outbound");
        assert_eq!(Casing::CamelToSnake.apply("allow_only_approved_outbound"), "allow_only_approved_outbound");
        assert_eq!(Casing::CamelToSnake.apply("AADToken"), "aad_token");
        assert_eq!(Casing::CamelToSnake.apply("AMLToken"), "aml_token");
        assert_eq!(Casing::SnakeToPascal.apply("disabled"), "Disabled");
        assert_eq!(Casing::SnakeToPascal.apply("DISABLED"), "Disabled");
    }

    #[test]
    fn arm_strings() {
        assert!(is_arm_str("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa"));
        assert!(!is_arm_str("/subscriptions/<SUBSCRIPTION_ID>/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa"));
        assert!(!is_arm_str("sa"));
    }

    #[test]
    fn decimals_without_floats() {
        let d = |t: &str| python_float(t).expect(t);
        assert!(d("1.0").equals(1) && d("1e0").equals(1) && d("10e-1").equals(1) && !d("1.5").equals(1));
        assert!(d("0.0").is_zero() && d("-0.0").is_zero() && d(".0").is_zero());
        assert_eq!(d("2.7").truncated(), Some(2));
        assert_eq!(d("-2.7").truncated(), Some(-2));
        assert_eq!(d("1_000.5").truncated(), Some(1000));
        assert_eq!(d("1.5e3").truncated(), Some(1500));
        assert!(d("0.5").is_fraction() && d("1").is_fraction() && !d("1.01").is_fraction() && !d("-0.1").is_fraction());
        assert!(d("86400000000000.5").magnitude_exceeds(86_400_000_000_000) && !d("86400000000000").magnitude_exceeds(86_400_000_000_000));
        assert!(python_float(".inf").is_none() && python_float("nan").is_none() && python_float("abc").is_none() && python_float(".").is_none());
    }

    #[test]
    fn versioned_references() {
        assert!(versioned_reference_problem("azureml:model:1", false).is_none());
        assert!(versioned_reference_problem("azureml:model@latest", false).is_none());
        assert!(versioned_reference_problem("azureml:model", true).is_none());
        assert!(versioned_reference_problem("azureml:model", false).is_some());
        assert!(versioned_reference_problem("model:1", true).is_some());
    }
}
