//! Snapshots of the state for the share link (URL fragment) and local storage.
//!
//! A snapshot is the exported YAML documents plus the context (and, with a change plan, the current
//! state as YAML documents), as JSON, base64url-encoded. Restoring reads the documents with the core's
//! `analyze` (and `plan::read_current`), so a link is validated like any import, and the model types
//! need no `Deserialize`.
//!
//! The JSON is the app's own codec ([`crate::json`]), which writes and reads exactly what serde_json's
//! derived code did for these types (links in the wild and stored histories stay valid, new links are
//! byte for byte the same). The serde derives remain in test builds only, as the oracle the codec is
//! tested against; their attributes are the format's definition.

use amlnet_core::model::{DnsIntegration, InboundPrivateEndpoint, IsolationMode, Networking, Operation};
use amlnet_core::{analyze, Config, Context, Diagnostic, SourceFile};

use crate::json::{self, Json, Members, Writer};
use crate::state::{State, UndoEntry};

/// The context fields a snapshot carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct SnapshotContext {
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub subscription_id: Option<String>,
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub resource_group: Option<String>,
    /// `create` or `update`.
    #[cfg_attr(test, serde(default))]
    pub operation: String,
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub current_isolation_mode: Option<String>,
    /// The inbound private endpoints and the approver role (amlnet's own settings, not YAML keys).
    #[cfg_attr(test, serde(default, skip_serializing_if = "SnapshotNetworking::is_default"))]
    pub networking: SnapshotNetworking,
}

impl SnapshotContext {
    fn write(&self, w: &mut Writer) {
        w.object(|o| {
            o.optional_string("subscription_id", self.subscription_id.as_deref());
            o.optional_string("resource_group", self.resource_group.as_deref());
            o.member("operation").string(&self.operation);
            o.optional_string("current_isolation_mode", self.current_isolation_mode.as_deref());
            if !self.networking.is_default() {
                self.networking.write(o.member("networking"));
            }
        });
    }

    fn read(json: &Json) -> Option<SnapshotContext> {
        let m = Members::of(json, &["subscription_id", "resource_group", "operation", "current_isolation_mode", "networking"])?;
        Some(SnapshotContext {
            subscription_id: m.optional_string("subscription_id")?,
            resource_group: m.optional_string("resource_group")?,
            operation: m.string_or_empty("operation")?,
            current_isolation_mode: m.optional_string("current_isolation_mode")?,
            networking: m.get("networking").map_or(Some(SnapshotNetworking::default()), SnapshotNetworking::read)?,
        })
    }
}

/// The networking settings a snapshot carries (the model types have no `Deserialize`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct SnapshotNetworking {
    #[cfg_attr(test, serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub inbound: Vec<SnapshotInbound>,
    /// The assignments are on by default, so a link records only turning them off.
    #[cfg_attr(test, serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub no_approver_role: bool,
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub approver_identity: Option<String>,
}

/// One inbound private endpoint: `dns` is `create` (the default), `existing` (with `zone_ids`) or `off`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct SnapshotInbound {
    pub subnet: String,
    #[cfg_attr(test, serde(default, skip_serializing_if = "String::is_empty"))]
    pub name: String,
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub network_resource_group: Option<String>,
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub location: Option<String>,
    #[cfg_attr(test, serde(default, skip_serializing_if = "String::is_empty"))]
    pub dns: String,
    #[cfg_attr(test, serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub zone_ids: Vec<String>,
}

impl SnapshotInbound {
    fn write(&self, w: &mut Writer) {
        w.object(|o| {
            o.member("subnet").string(&self.subnet);
            o.optional_string("name", Some(self.name.as_str()).filter(|s| !s.is_empty()));
            o.optional_string("network_resource_group", self.network_resource_group.as_deref());
            o.optional_string("location", self.location.as_deref());
            o.optional_string("dns", Some(self.dns.as_str()).filter(|s| !s.is_empty()));
            if !self.zone_ids.is_empty() {
                o.member("zone_ids").array(&self.zone_ids, |w, z| w.string(z));
            }
        });
    }

    fn read(json: &Json) -> Option<SnapshotInbound> {
        let m = Members::of(json, &["subnet", "name", "network_resource_group", "location", "dns", "zone_ids"])?;
        Some(SnapshotInbound {
            subnet: m.string("subnet")?,
            name: m.string_or_empty("name")?,
            network_resource_group: m.optional_string("network_resource_group")?,
            location: m.optional_string("location")?,
            dns: m.string_or_empty("dns")?,
            zone_ids: m.list_or_empty("zone_ids", |z| z.as_str().map(str::to_owned))?,
        })
    }
}

impl SnapshotNetworking {
    fn is_default(&self) -> bool {
        *self == SnapshotNetworking::default()
    }

    fn write(&self, w: &mut Writer) {
        w.object(|o| {
            if !self.inbound.is_empty() {
                o.member("inbound").array(&self.inbound, |w, i| i.write(w));
            }
            if self.no_approver_role {
                o.member("no_approver_role").raw("true");
            }
            o.optional_string("approver_identity", self.approver_identity.as_deref());
        });
    }

    fn read(json: &Json) -> Option<SnapshotNetworking> {
        let m = Members::of(json, &["inbound", "no_approver_role", "approver_identity"])?;
        Some(SnapshotNetworking {
            inbound: m.list_or_empty("inbound", SnapshotInbound::read)?,
            no_approver_role: m.bool_or_false("no_approver_role")?,
            approver_identity: m.optional_string("approver_identity")?,
        })
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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Snapshot {
    /// Format version.
    pub v: u32,
    pub context: SnapshotContext,
    /// `(file name, YAML text)`.
    pub files: Vec<(String, String)>,
    /// The wizard step to open.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub step: Option<String>,
    /// The current state of a change plan, as YAML documents of what was read (empty without a plan).
    #[cfg_attr(test, serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub current: Vec<(String, String)>,
    /// The organization policy in force (the text of a `.amlnet-policy.yml`), if any.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
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
        let mut w = Writer::default();
        self.write(&mut w);
        w.finish()
    }

    pub fn from_json(text: &str) -> Option<Snapshot> {
        Snapshot::read(&json::parse(text)?)
    }

    fn write(&self, w: &mut Writer) {
        w.object(|o| {
            o.member("v").raw(&self.v.to_string());
            self.context.write(o.member("context"));
            o.member("files").array(&self.files, Writer::string_pair);
            o.optional_string("step", self.step.as_deref());
            if !self.current.is_empty() {
                o.member("current").array(&self.current, Writer::string_pair);
            }
            o.optional_string("policy", self.policy.as_deref());
        });
    }

    fn read(json: &Json) -> Option<Snapshot> {
        let m = Members::of(json, &["v", "context", "files", "step", "current", "policy"])?;
        Some(Snapshot {
            v: m.get("v")?.as_u32()?,
            context: SnapshotContext::read(m.get("context")?)?,
            files: json::list(m.get("files")?, json::string_pair)?,
            step: m.optional_string("step")?,
            current: m.list_or_empty("current", json::string_pair)?,
            policy: m.optional_string("policy")?,
        })
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
    let entries = |w: &mut Writer, list: &&[UndoEntry]| {
        w.array(list, |w, entry| {
            w.object(|o| {
                o.member("label").string(&entry.label);
                entry.snapshot.write(o.member("snapshot"));
            });
        });
    };
    let mut w = Writer::default();
    w.array(&[undo, redo], entries);
    w.finish()
}

/// Reads [`history_to_json`]'s text; anything else is an empty history.
pub fn history_from_json(text: &str) -> (Vec<UndoEntry>, Vec<UndoEntry>) {
    fn entry(json: &Json) -> Option<UndoEntry> {
        let m = Members::of(json, &["label", "snapshot"])?;
        Some(UndoEntry { label: m.string("label")?, snapshot: Snapshot::read(m.get("snapshot")?)? })
    }
    let read = || match json::parse(text)?.as_array()? {
        [undo, redo] => Some((json::list(undo, entry)?, json::list(redo, entry)?)),
        _ => None,
    };
    read().unwrap_or_default()
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
            assert!(serde_json::from_str::<Snapshot>(bad).is_err(), "{bad}");
        }
        // The two differences (no writer produces either): a struct as an array, and an ignored value
        // nested deeper than the parser goes.
        let deep = format!(r#"{{"v":1,"context":{{}},"files":[],"x":{}{}}}"#, "[".repeat(200), "]".repeat(200));
        for text in [r#"[1,{},[]]"#, deep.as_str()] {
            assert!(serde_json::from_str::<Snapshot>(text).is_ok());
            assert_eq!(Snapshot::from_json(text), None);
        }
    }
}

/// The codec against the serde derives it replaced, on generated snapshots and histories and on
/// mutations of what they write.
#[cfg(test)]
mod properties {
    use super::*;
    use crate::json::properties::{mutated, text};
    use proptest::prelude::*;

    fn optional() -> impl Strategy<Value = Option<String>> {
        prop::option::of(text())
    }

    fn files() -> impl Strategy<Value = Vec<(String, String)>> {
        prop::collection::vec((text(), text()), 0..3)
    }

    fn inbound() -> impl Strategy<Value = SnapshotInbound> {
        let dns = prop::sample::select(vec!["", "existing", "off", "other"]);
        (text(), text(), optional(), optional(), dns, prop::collection::vec(text(), 0..3)).prop_map(
            |(subnet, name, network_resource_group, location, dns, zone_ids)| SnapshotInbound {
                subnet,
                name,
                network_resource_group,
                location,
                dns: dns.to_owned(),
                zone_ids,
            },
        )
    }

    fn snapshot() -> impl Strategy<Value = Snapshot> {
        let networking = (prop::collection::vec(inbound(), 0..3), any::<bool>(), optional())
            .prop_map(|(inbound, no_approver_role, approver_identity)| SnapshotNetworking { inbound, no_approver_role, approver_identity });
        let context = (optional(), optional(), text(), optional(), networking).prop_map(
            |(subscription_id, resource_group, operation, current_isolation_mode, networking)| SnapshotContext {
                subscription_id,
                resource_group,
                operation,
                current_isolation_mode,
                networking,
            },
        );
        (any::<u32>(), context, files(), optional(), files(), optional()).prop_map(|(v, context, files, step, current, policy)| Snapshot {
            v,
            context,
            files,
            step,
            current,
            policy,
        })
    }

    fn history() -> impl Strategy<Value = (Vec<UndoEntry>, Vec<UndoEntry>)> {
        let entries = || prop::collection::vec((text(), snapshot()).prop_map(|(label, snapshot)| UndoEntry { label, snapshot }), 0..3);
        (entries(), entries())
    }

    fn serde_history(text: &str) -> (Vec<UndoEntry>, Vec<UndoEntry>) {
        serde_json::from_str(text).unwrap_or_default()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn snapshots_are_written_as_serde_json_wrote_them_and_read_back(snap in snapshot()) {
            let text = snap.to_json();
            prop_assert_eq!(&text, &serde_json::to_string(&snap).expect("writes"));
            prop_assert_eq!(Snapshot::from_json(&text), Some(snap));
        }

        #[test]
        fn histories_are_written_as_serde_json_wrote_them_and_read_back((undo, redo) in history()) {
            let text = history_to_json(&undo, &redo);
            prop_assert_eq!(&text, &serde_json::to_string(&(&undo, &redo)).expect("writes"));
            prop_assert_eq!(history_from_json(&text), (undo, redo));
        }

        #[test]
        fn mutated_snapshots_read_as_serde_read_them(text in snapshot().prop_map(|s| s.to_json()).prop_flat_map(mutated)) {
            prop_assert_eq!(Snapshot::from_json(&text), serde_json::from_str::<Snapshot>(&text).ok(), "{}", text);
        }

        #[test]
        fn mutated_histories_read_as_serde_read_them(text in history().prop_map(|(u, r)| history_to_json(&u, &r)).prop_flat_map(mutated)) {
            prop_assert_eq!(history_from_json(&text), serde_history(&text), "{}", text);
        }
    }

    /// Every prefix of every fixture, and each with one byte of JSON punctuation dropped in anywhere:
    /// read as serde read it (mostly not at all), never a panic.
    #[test]
    fn truncated_and_spliced_fixtures_read_as_serde_read_them() {
        let fixtures = [
            include_str!("../tests/json/snapshot-all-fields.json"),
            include_str!("../tests/json/snapshot-tricky.json"),
            include_str!("../tests/json/snapshot-demo.json"),
            include_str!("../tests/json/history.json"),
        ];
        let mut checked = 0;
        for fixture in fixtures {
            for (i, _) in fixture.char_indices() {
                let mut variants = vec![fixture[..i].to_owned(), format!("{}{}", &fixture[..i], &fixture[i..].chars().skip(1).collect::<String>())];
                variants.extend(["\"", "\\", "}", ",", "1"].map(|p| format!("{}{p}{}", &fixture[..i], &fixture[i..])));
                for text in variants {
                    assert_eq!(Snapshot::from_json(&text), serde_json::from_str::<Snapshot>(&text).ok(), "{text}");
                    assert_eq!(history_from_json(&text), serde_history(&text), "{text}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 20_000, "{checked}");
    }
}
