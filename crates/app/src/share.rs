//! Snapshots of the state for the share link (URL fragment) and local storage.
//!
//! A snapshot is the exported YAML documents plus the context (and, with a change plan, the current
//! state as YAML documents), as JSON, base64url-encoded. Restoring reads the documents with the core's
//! `analyze` (and `plan::read_current`), so a link is validated like any import, and the model types
//! need no `Deserialize`.

use amlnet_core::model::{DnsIntegration, InboundPrivateEndpoint, IsolationMode, Networking, Operation};
use amlnet_core::{analyze, Config, Context, Diagnostic, SourceFile};
use serde::{Deserialize, Serialize};

use crate::state::{State, UndoEntry};

/// The context fields a snapshot carries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SnapshotContext {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<String>,
    /// `create` or `update`.
    #[serde(default)]
    pub operation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_isolation_mode: Option<String>,
    /// The inbound private endpoints and the approver role (amlnet's own settings, not YAML keys).
    #[serde(default, skip_serializing_if = "SnapshotNetworking::is_default")]
    pub networking: SnapshotNetworking,
}

/// The networking settings a snapshot carries (the model types have no `Deserialize`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SnapshotNetworking {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inbound: Vec<SnapshotInbound>,
    /// The assignments are on by default, so a link records only turning them off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_approver_role: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver_identity: Option<String>,
}

/// One inbound private endpoint: `dns` is `create` (the default), `existing` (with `zone_ids`) or `off`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SnapshotInbound {
    pub subnet: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_resource_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dns: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zone_ids: Vec<String>,
}

impl SnapshotNetworking {
    fn is_default(&self) -> bool {
        *self == SnapshotNetworking::default()
    }

    fn of(n: &Networking) -> SnapshotNetworking {
        let Networking { inbound_private_endpoints, assign_approver_role, approver_identity } = n;
        SnapshotNetworking {
            inbound: inbound_private_endpoints
                .iter()
                .map(|InboundPrivateEndpoint { name, subnet, network_resource_group, location, dns }| {
                    let (dns, zone_ids) = match dns {
                        DnsIntegration::Create => (String::new(), Vec::new()),
                        DnsIntegration::Existing(ids) => ("existing".to_owned(), ids.clone()),
                        DnsIntegration::Off => ("off".to_owned(), Vec::new()),
                    };
                    SnapshotInbound {
                        subnet: subnet.clone(),
                        name: name.clone(),
                        network_resource_group: network_resource_group.clone(),
                        location: location.clone(),
                        dns,
                        zone_ids,
                    }
                })
                .collect(),
            no_approver_role: !assign_approver_role,
            approver_identity: approver_identity.clone(),
        }
    }

    fn model(&self) -> Networking {
        Networking {
            inbound_private_endpoints: self
                .inbound
                .iter()
                .map(|i| InboundPrivateEndpoint {
                    name: i.name.clone(),
                    subnet: i.subnet.clone(),
                    network_resource_group: i.network_resource_group.clone(),
                    location: i.location.clone(),
                    dns: match i.dns.as_str() {
                        "off" => DnsIntegration::Off,
                        "existing" => DnsIntegration::Existing(i.zone_ids.clone()),
                        _ => DnsIntegration::Create,
                    },
                })
                .collect(),
            assign_approver_role: !self.no_approver_role,
            approver_identity: self.approver_identity.clone(),
        }
    }
}

/// What a share link or local storage holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Snapshot {
    /// Format version.
    pub v: u32,
    pub context: SnapshotContext,
    /// `(file name, YAML text)`.
    pub files: Vec<(String, String)>,
    /// The wizard step to open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The current state of a change plan, as YAML documents of what was read (empty without a plan).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub current: Vec<(String, String)>,
    /// The organization policy in force (the text of a `.amlnet-policy.yml`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

/// The prefix of the URL fragment.
pub const FRAGMENT_PREFIX: &str = "#c=";

impl Snapshot {
    pub fn of(state: &State) -> Snapshot {
        let ctx = &state.config.context;
        Snapshot {
            v: 1,
            context: SnapshotContext {
                subscription_id: ctx.subscription_id.clone(),
                resource_group: ctx.resource_group.clone(),
                operation: if ctx.operation == Operation::Update { "update" } else { "create" }.to_owned(),
                current_isolation_mode: ctx.current_isolation_mode.map(|m| m.yaml().to_owned()),
                networking: SnapshotNetworking::of(&ctx.networking),
            },
            files: crate::full::yaml_files(&state.config),
            step: Some(state.step.id().to_owned()),
            // What was read, not the texts as given: `az ml workspace show` output carries ids, URIs and
            // service-owned rules that would only lengthen the link.
            current: state
                .plan
                .current
                .as_ref()
                .map(|c| crate::full::yaml_files(&c.config).into_iter().map(|(path, text)| (format!("current-{path}"), text)).collect())
                .unwrap_or_default(),
            policy: state.policy.loaded.as_ref().map(|p| p.text.clone()),
        }
    }

    pub fn context(&self) -> Context {
        Context {
            subscription_id: self.context.subscription_id.clone(),
            resource_group: self.context.resource_group.clone(),
            operation: if self.context.operation == "update" { Operation::Update } else { Operation::Create },
            current_isolation_mode: self.context.current_isolation_mode.as_deref().and_then(IsolationMode::parse),
            current_rules: Vec::new(),
            networking: self.context.networking.model(),
        }
    }

    /// Reads the documents back with the core: the model and every diagnostic.
    pub fn restore(&self) -> (Config, Vec<Diagnostic>) {
        let files: Vec<SourceFile> = self.files.iter().map(|(n, t)| SourceFile::new(n.clone(), t.clone())).collect();
        let analysis = analyze(&files, self.context());
        (analysis.config, analysis.diagnostics)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<Snapshot> {
        serde_json::from_str(text).ok()
    }

    /// base64url (no padding) of the JSON.
    pub fn encode(&self) -> String {
        base64url_encode(self.to_json().as_bytes())
    }

    pub fn decode(text: &str) -> Option<Snapshot> {
        let bytes = base64url_decode(text.trim())?;
        Snapshot::from_json(std::str::from_utf8(&bytes).ok()?)
    }

    /// Reads a URL fragment (`#c=...`).
    pub fn from_fragment(fragment: &str) -> Option<Snapshot> {
        Snapshot::decode(fragment.strip_prefix(FRAGMENT_PREFIX)?)
    }
}

/// The undo and redo history as local storage keeps it: `[undo, redo]`, each a list of
/// `{"label", "snapshot"}`.
pub fn history_to_json(undo: &[UndoEntry], redo: &[UndoEntry]) -> String {
    serde_json::to_string(&(undo, redo)).unwrap_or_default()
}

/// Reads [`history_to_json`]'s text; anything else is an empty history.
pub fn history_from_json(text: &str) -> (Vec<UndoEntry>, Vec<UndoEntry>) {
    serde_json::from_str(text).unwrap_or_default()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips() {
        for text in ["", "a", "ab", "abc", "abcd", "hello, wörld ✓ \u{0}\u{ff}"] {
            let enc = base64url_encode(text.as_bytes());
            assert!(!enc.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&enc).as_deref(), Some(text.as_bytes()));
        }
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
        assert_eq!(base64url_decode("Zm9v!"), None);
    }

    #[test]
    fn demo_round_trips_through_a_fragment() {
        let state = State::demo();
        let snap = Snapshot::of(&state);
        let fragment = format!("{FRAGMENT_PREFIX}{}", snap.encode());
        let back = Snapshot::from_fragment(&fragment).expect("decodes");
        assert_eq!(back, snap);
        let (config, diagnostics) = back.restore();
        assert_eq!(config, state.config);
        assert!(!diagnostics.iter().any(Diagnostic::is_error));
        assert_eq!(Snapshot::from_fragment("#other"), None);
        assert_eq!(Snapshot::from_fragment("#c=%%%"), None);
    }

    #[test]
    fn a_tampered_link_is_validated_like_an_import() {
        let snap = Snapshot {
            files: vec![("workspace.yml".into(), "name: [unclosed\n".into())],
            current: vec![("current-workspace.yml".into(), "{not: [json\n".into())],
            ..Snapshot::default()
        };
        let back = Snapshot::decode(&snap.encode()).expect("decodes");
        let (_, diagnostics) = back.restore();
        assert!(diagnostics.iter().any(|d| d.is_error() && d.range.is_some()));
        // A broken current state is read with diagnostics, never a panic, and the plan still renders.
        let mut state = State::default();
        state.apply(crate::state::Action::Restore(back));
        let current = state.plan.current.clone().expect("current state kept");
        assert!(current.diagnostics.iter().any(|d| d.is_error()), "{:?}", current.diagnostics);
        let _ = amlnet_core::plan::plan(&current.config, &state.config).render_text();
    }

    #[test]
    fn a_policy_travels_in_the_link_and_judges_the_restored_state() {
        use crate::state::{Action, Anchor, Field};
        let policy = "version: 1\nname: baseline\nworkspace:\n  isolation_modes: [allow_only_approved_outbound]\n";
        let mut state = State::demo();
        state.apply(Action::Set(Field::IsolationMode, "allow_internet_outbound".into()));
        state.apply(Action::LoadPolicy(policy.into()));
        let snap = Snapshot::of(&state);
        assert_eq!(snap.policy.as_deref(), Some(policy));
        let back = Snapshot::from_fragment(&format!("{FRAGMENT_PREFIX}{}", snap.encode())).expect("decodes");
        let mut restored = State::default();
        restored.apply(Action::Restore(back));
        assert_eq!(restored.policy.loaded.as_ref().map(|p| p.text.as_str()), Some(policy));
        let violation = restored.diagnostics().into_iter().find(|d| d.code == "policy-isolation-mode-forbidden").expect("violation");
        assert_eq!(Anchor::of(&violation), Anchor::Field(Field::IsolationMode));
        assert!(violation.message.contains("`baseline` (.amlnet-policy.yml:4)"), "{}", violation.message);
        // The wizard marks the choices the policy forbids.
        let forbidden = restored.forbidden(|p| p.workspace.isolation_modes.as_ref(), &IsolationMode::Disabled);
        assert_eq!(forbidden.as_deref(), Some("not allowed by the policy `baseline` (.amlnet-policy.yml:4)"));
        assert_eq!(restored.forbidden(|p| p.workspace.isolation_modes.as_ref(), &IsolationMode::AllowOnlyApprovedOutbound), None);
        // Select fields mark the options the policy forbids (no rule for public access here).
        assert_eq!(restored.forbidden_choice(Field::PublicNetworkAccess, ""), None);
        restored.apply(Action::LoadPolicy(format!("{policy}  public_network_access: [disabled]\n")));
        assert!(restored.forbidden_choice(Field::PublicNetworkAccess, "").is_some_and(|r| r.contains(".amlnet-policy.yml:5")));
        assert_eq!(restored.forbidden_choice(Field::PublicNetworkAccess, "disabled"), None);
        // The policy outlives replacing the configuration, and goes when removed.
        restored.apply(Action::StartOver);
        assert!(restored.policy.loaded.is_some());
        restored.apply(Action::ClearPolicy);
        assert!(Snapshot::of(&restored).policy.is_none());
    }

    #[test]
    fn a_broken_policy_fails_the_wizard() {
        let mut state = State::demo();
        assert!(!state.diagnostics().iter().any(Diagnostic::is_error));
        state.apply(crate::state::Action::LoadPolicy("version: 1\nworkspace:\n  isolation_mode: [disabled]\n".into()));
        let errors: Vec<Diagnostic> = state.diagnostics().into_iter().filter(Diagnostic::is_error).collect();
        assert_eq!(errors.iter().map(|d| (d.code, d.file.as_deref())).collect::<Vec<_>>(), [("policy-file-invalid", Some(".amlnet-policy.yml"))]);
        assert!(state.notice.contains("1 error"), "{}", state.notice);
    }
}

#[cfg(test)]
mod compat {
    use super::*;

    fn all_fields() -> Snapshot {
        Snapshot {
            v: 1,
            context: SnapshotContext {
                subscription_id: Some("00000000-0000-0000-0000-000000000001".into()),
                resource_group: Some("rg-ml".into()),
                operation: "update".into(),
                current_isolation_mode: Some("allow_internet_outbound".into()),
                networking: SnapshotNetworking {
                    inbound: vec![
                        SnapshotInbound {
                            subnet: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe".into(),
                            name: "pe-ws".into(),
                            network_resource_group: Some("rg-net".into()),
                            location: Some("westeurope".into()),
                            dns: "existing".into(),
                            zone_ids: vec!["/z/privatelink.api.azureml.ms".into(), "/z/privatelink.notebooks.azure.net".into()],
                        },
                        SnapshotInbound { subnet: "snet".into(), dns: "off".into(), ..SnapshotInbound::default() },
                        SnapshotInbound { subnet: "snet2".into(), ..SnapshotInbound::default() },
                    ],
                    no_approver_role: true,
                    approver_identity: Some("11111111-2222-3333-4444-555555555555".into()),
                },
            },
            files: vec![("workspace.yml".into(), "name: ml\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n".into())],
            step: Some("review".into()),
            current: vec![("current-workspace.yml".into(), "name: ml\n".into())],
            policy: Some("version: 1\nname: baseline\n".into()),
        }
    }

    fn tricky() -> Snapshot {
        let controls: String = (0u8..0x20).map(char::from).chain(['\u{7f}']).collect();
        Snapshot {
            v: 1,
            context: SnapshotContext { operation: "create".into(), ..SnapshotContext::default() },
            files: vec![
                ("unicode ü ✓ 𝄞 日本.yml".into(), "description: \"Grüße\" — ✓ 𝄞 \u{200b}\u{feff}\u{2028}\u{2029}\n".into()),
                ("q\"uo'tes.yml".into(), "a: \"b\" 'c' \\\"d\\\"\n".into()),
                ("back\\slash\\.yml".into(), "path: C:\\temp\\x\\\\y /slash/ </script>\n".into()),
                ("controls.yml".into(), controls),
                (String::new(), String::new()),
            ],
            step: Some("".into()),
            current: Vec::new(),
            policy: Some("\u{0}".into()),
        }
    }

    fn long() -> Snapshot {
        let text: String = (0..200).map(|i| format!("  - name: rule-{i}\n    destination: \"host{i}.example.com\"\n")).collect();
        Snapshot { v: 7, files: vec![("workspace.yml".into(), text)], ..Snapshot::default() }
    }

    const ALL_FIELDS: &str = include_str!("../tests/json/snapshot-all-fields.json");
    const EMPTY: &str = include_str!("../tests/json/snapshot-empty.json");
    const TRICKY: &str = include_str!("../tests/json/snapshot-tricky.json");
    const LONG: &str = include_str!("../tests/json/snapshot-long.json");
    const DEMO: &str = include_str!("../tests/json/snapshot-demo.json");
    const HISTORY: &str = include_str!("../tests/json/history.json");
    const HISTORY_EMPTY: &str = include_str!("../tests/json/history-empty.json");

    /// The fixtures are what serde_json wrote for these values (before the hand-written codec): they
    /// read back to the same values and are written byte for byte the same, so old links stay valid and
    /// new links are identical.
    #[test]
    fn snapshots_written_by_serde_json_read_back_and_are_written_the_same() {
        for (fixture, value) in [(ALL_FIELDS, all_fields()), (EMPTY, Snapshot::default()), (TRICKY, tricky()), (LONG, long())] {
            assert_eq!(Snapshot::from_json(fixture).as_ref(), Some(&value), "{fixture}");
            assert_eq!(value.to_json(), fixture);
            assert_eq!(Snapshot::decode(&value.encode()).as_ref(), Some(&value));
        }
        let demo = Snapshot::of(&State::demo());
        assert_eq!(Snapshot::from_json(DEMO).as_ref(), Some(&demo));
        assert_eq!(demo.to_json(), DEMO);
    }

    #[test]
    fn histories_written_by_serde_json_read_back_and_are_written_the_same() {
        use crate::state::UndoEntry;
        let started = UndoEntry { label: "Started over \"x\"".into(), snapshot: tricky() };
        let deleted = UndoEntry { label: "Deleted rule pypi".into(), snapshot: all_fields() };
        let (undo, redo) = (vec![started, deleted.clone()], vec![deleted]);
        assert_eq!(history_from_json(HISTORY), (undo.clone(), redo.clone()));
        assert_eq!(history_to_json(&undo, &redo), HISTORY);
        assert_eq!(history_from_json(HISTORY_EMPTY), (Vec::new(), Vec::new()));
        assert_eq!(history_to_json(&[], &[]), HISTORY_EMPTY);
    }

    /// Hand-written links: what serde read from them (defaults for what is missing, unknown keys ignored,
    /// every escape) is what they read to.
    #[test]
    fn missing_and_unknown_fields_and_escapes_read_as_serde_read_them() {
        let minimal = Snapshot::from_json(r#"{"v":1,"context":{},"files":[]}"#).expect("reads");
        assert_eq!(minimal, Snapshot { v: 1, ..Snapshot::default() });
        let text = r#" { "files" : [ [ "a\u0041\/\ud834\udd1e\b\f\n\r\t\"\\", "" ] ] , "extra": {"deep": [1, -2.5e+3, true, false, null, {}]},
            "v": 2, "context": {"operation": "update", "networking": {"inbound": [{"subnet": "s", "zone_ids": [], "other": 1}], "no_approver_role": false},
            "resource_group": null}, "step": null, "current": [], "policy": null } "#;
        let read = Snapshot::from_json(text).expect("reads");
        assert_eq!(read.files, [("aA/\u{1d11e}\u{8}\u{c}\n\r\t\"\\".to_owned(), String::new())]);
        assert_eq!((read.v, read.context.operation.as_str(), read.step, read.policy), (2, "update", None, None));
        assert_eq!(read.context.networking.inbound, [SnapshotInbound { subnet: "s".into(), ..SnapshotInbound::default() }]);
        // What serde rejected.
        for bad in [
            "",
            "null",
            r#"{"context":{},"files":[]}"#,
            r#"{"v":1,"files":[]}"#,
            r#"{"v":1,"context":{}}"#,
            r#"{"v":-1,"context":{},"files":[]}"#,
            r#"{"v":1.0,"context":{},"files":[]}"#,
            r#"{"v":4294967296,"context":{},"files":[]}"#,
            r#"{"v":"1","context":{},"files":[]}"#,
            r#"{"v":1,"v":1,"context":{},"files":[]}"#,
            r#"{"v":1,"context":{"operation":null},"files":[]}"#,
            r#"{"v":1,"context":{},"files":[["a"]]}"#,
            r#"{"v":1,"context":{},"files":[["a","b","c"]]}"#,
            r#"{"v":1,"context":{},"files":[],"step":1}"#,
            r#"{"v":1,"context":{"networking":{"inbound":[{}]}},"files":[]}"#,
            r#"{"v":1,"context":{"networking":{"no_approver_role":1}},"files":[]}"#,
            r#"{"v":1,"context":{},"files":[]} x"#,
            r#"{"v":1,"context":{},"files":[],}"#,
            r#"{"v":01,"context":{},"files":[]}"#,
            r#"{"v":1,"context":{},"files":[["\ud834",""]]}"#,
            r#"{"v":1,"context":{},"files":[["\x",""]]}"#,
            "{\"v\":1,\"context\":{},\"files\":[[\"\t\",\"\"]]}",
        ] {
            assert_eq!(Snapshot::from_json(bad), None, "{bad}");
        }
    }
}
