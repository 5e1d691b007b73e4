#!/usr/bin/env python3
"""Differential test of amlnet's reading stage against azure-ai-ml 1.35.2, document by document.

    python3 tests/parity/parity.py --amlnet PATH_TO_AMLNET [--corpus tests/corpus] [--examples tests/examples]
                                   [--mutations N] [--seed S] [--verbose] [--write-failures DIR]

For every document (kind workspace | endpoint | deployment):
  SDK verdict     copy the file into a scratch folder, create the local files a deployment names (model path,
                  code folder + scoring script, conda file, docker build folder), then load_workspace /
                  load_online_endpoint / load_online_deployment and build the REST object
                  (ws._to_rest_object(), ep._to_rest_online_endpoint(location), dep._to_rest_object(location)).
                  Any exception = rejected. The top-level field(s) named by a marshmallow ValidationError are kept.
  amlnet verdict  `amlnet check --format json --kind KIND FILE`; it rejects at reading when a diagnostic of
                  severity error has stage "reading" (or, from a binary without `stage`, one of READING_CODES).
  agreement       SDK loads => amlnet has no reading-stage error; SDK rejects => amlnet has an error (of the
                  reading stage, or a model rule at the same field that replaces the schema's diagnostic); and
                  when both reject and the SDK names top-level fields, some amlnet error's path must start with
                  one of them (skipped when an amlnet error has no path: syntax, size and depth errors are
                  about the whole text).
                  Model-stage errors on documents the SDK loads are counted as "stricter" (not failures).

Documents: the corpus (INDEX.tsv rows of kind workspace/endpoint/deployment), tests/examples/*.yml (kind from
the ws-/endpoint-/deployment- prefix), the demo files (`amlnet demo --out DIR`), then N seeded mutations of
the documents the SDK loads. The expected verdict is always what the SDK says during the run.

Output: `DISAGREE ...` lines, a `corpus: ...` and a `mutations: ...` summary, the disagreement kinds, and
`parity: N passed, M failed` (M = disagreements + harness failures). Exit 1 when M > 0.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import logging
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)

import azure.ai.ml  # noqa: E402
from azure.ai.ml import load_online_deployment, load_online_endpoint, load_workspace  # noqa: E402
from marshmallow.exceptions import ValidationError as MarshmallowValidationError  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LOCATION = "westeurope"
KINDS = ("workspace", "endpoint", "deployment")
SDK_VERSION = getattr(azure.ai.ml, "__version__", "?")

# Codes the reading stage reports, for a binary whose JSON has no `stage` key.
READING_CODES = frozenset(
    """input-not-utf8 yaml-syntax-error input-too-large nesting-too-deep alias-expansion-too-large
    yaml-unsupported-tag yaml-multiple-documents document-kind-unknown duplicate-document duplicate-key
    unknown-key read-only-key missing-required-key wrong-value-type unquoted-value-not-a-string
    value-not-allowed isolation-mode-missing outbound-rules-not-a-list rule-type-invalid rule-type-mismatch
    value-rejected yaml-unhashable-key""".split()
)

# ============================================================================================ verdicts


@dataclass
class SdkVerdict:
    loads: bool
    fields: Optional[List[str]] = None  # top-level fields the SDK named (None: not known)
    error_type: str = ""
    message: str = ""
    reason: str = ""  # one short line: the first leaf of the marshmallow message, or the exception's first line

    def show(self) -> str:
        if self.loads:
            return "loads"
        if self.fields:
            return "rejects(" + ",".join(self.fields) + ")"
        return "rejects"


@dataclass
class AmlnetVerdict:
    ok: bool  # False: the run itself failed (usage error, crash, bad JSON)
    diagnostics: List[Dict[str, Any]] = field(default_factory=list)
    rc: int = 0
    failure: str = ""
    has_stage: bool = False

    def stage_of(self, d: Dict[str, Any]) -> str:
        if "stage" in d:
            return str(d["stage"])
        return "reading" if d.get("code") in READING_CODES else "model"

    @property
    def reading_errors(self) -> List[Dict[str, Any]]:
        return [d for d in self.diagnostics if d.get("severity") == "error" and self.stage_of(d) == "reading"]

    @property
    def other_errors(self) -> List[Dict[str, Any]]:
        return [d for d in self.diagnostics if d.get("severity") == "error" and self.stage_of(d) != "reading"]

    def show(self) -> str:
        if not self.ok:
            return f"FAILED({self.failure})"
        re_ = self.reading_errors
        if re_:
            return "rejects[" + ", ".join(f"{d.get('code')}@{d.get('path') or '-'}" for d in re_[:6]) + (
                ", ..." if len(re_) > 6 else "") + "]"
        oe = self.other_errors
        if oe:
            return "accepts-at-reading, model errors[" + ", ".join(f"{d.get('code')}@{d.get('path') or '-'}" for d in oe[:4]) + "]"
        return "accepts"


def first_segment(path: str) -> str:
    return re.split(r"[.\[]", path or "", maxsplit=1)[0]


def _first_leaf(messages: Any, prefix: str = "") -> Tuple[str, str]:
    if isinstance(messages, dict):
        for k, v in messages.items():
            return _first_leaf(v, f"{prefix}.{k}" if prefix else str(k))
    if isinstance(messages, (list, tuple)) and messages:
        if all(isinstance(m, str) for m in messages):
            return prefix, str(messages[0])
        return _first_leaf(messages[0], prefix)
    return prefix, str(messages)


def sdk_fields_and_reason(exc: BaseException) -> Tuple[Optional[List[str]], str]:
    """Top-level field keys of the first marshmallow ValidationError in the chain whose messages are a dict."""
    seen = set()
    c: Optional[BaseException] = exc
    while c is not None and id(c) not in seen:
        seen.add(id(c))
        if isinstance(c, MarshmallowValidationError) and isinstance(c.messages, dict) and c.messages:
            keys = [str(k) for k in c.messages.keys() if isinstance(k, str) and k != "_schema"]
            path, msg = _first_leaf(c.messages)
            reason = f"{path}: {msg}"
            # every key must be a plain field name for the check to be meaningful
            if keys and all(re.fullmatch(r"[$A-Za-z_][A-Za-z0-9_$-]*", k) for k in keys):
                return sorted(keys), reason
            return None, reason
        if isinstance(c, yaml.YAMLError):
            problem = getattr(c, "problem", None) or (str(c).strip().splitlines() or [""])[0]
            ctx = getattr(c, "context", None)
            return None, f"PyYAML {type(c).__name__}: {(ctx + ': ') if ctx else ''}{problem}"
        c = c.__cause__ or c.__context__
    line = (str(exc).strip().splitlines() or [""])[0]
    line = re.sub(r"(/[^\s/:]+)+/doc\.yml", "FILE", line)
    return None, f"{type(exc).__name__}: {line}"


def is_local_path(p: Any) -> bool:
    return isinstance(p, str) and p.strip() != "" and not re.match(
        r"^(azureml:|azureml://|https?://|wasbs?://|abfss?://|adl://|gs://|s3://|docker://)", p)


def local_path_refs(dep: Any) -> List[Tuple[str, str]]:
    """(path, role) for every local path a deployment document names (as tests/conformance does)."""
    refs: List[Tuple[str, str]] = []
    if not isinstance(dep, dict):
        return refs
    model = dep.get("model")
    if isinstance(model, dict) and is_local_path(model.get("path")):
        refs.append((model["path"], "model"))
    elif isinstance(model, str) and model.startswith(("./", "../")):
        refs.append((model, "model"))
    cc = dep.get("code_configuration")
    if isinstance(cc, dict) and is_local_path(cc.get("code")):
        script = cc.get("scoring_script")
        refs.append((cc["code"], "code:" + (script if isinstance(script, str) and script else "score.py")))
    env = dep.get("environment")
    if isinstance(env, dict):
        if is_local_path(env.get("conda_file")):
            refs.append((env["conda_file"], "conda"))
        build = env.get("build")
        if isinstance(build, dict) and is_local_path(build.get("path")):
            df = build.get("dockerfile_path")
            refs.append((build["path"], "build:" + (df if isinstance(df, str) and df else "Dockerfile")))
    return refs


def build_stubs(doc_dir: Path, scratch: Path, data: Any) -> None:
    """Create, under doc_dir, the files and folders a user's deployment folder would hold."""
    for rel, role in local_path_refs(data):
        if os.path.isabs(rel) or "\x00" in rel:
            continue
        try:
            dst = (doc_dir / rel).resolve()
            dst.relative_to(scratch.resolve())
        except (ValueError, OSError):
            continue
        if dst.exists():
            continue
        try:
            if role == "model":
                if rel.endswith("/") or not Path(rel).suffix:
                    dst.mkdir(parents=True, exist_ok=True)
                    (dst / "model.bin").write_text("parity stub\n")
                else:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    dst.write_text("parity stub\n")
            elif role.startswith("code:"):
                dst.mkdir(parents=True, exist_ok=True)
                script = role.split(":", 1)[1]
                sp = (dst / script).resolve()
                sp.relative_to(scratch.resolve())
                sp.parent.mkdir(parents=True, exist_ok=True)
                if not sp.exists():
                    sp.write_text("def init():\n    pass\n\n\ndef run(raw):\n    return raw\n")
            elif role == "conda":
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.write_text("name: parity-stub\ndependencies:\n- python=3.10\n")
            elif role.startswith("build:"):
                dst.mkdir(parents=True, exist_ok=True)
                df = (dst / role.split(":", 1)[1]).resolve()
                df.relative_to(scratch.resolve())
                df.parent.mkdir(parents=True, exist_ok=True)
                if not df.exists():
                    df.write_text("FROM mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04\n")
        except (ValueError, OSError):
            continue


class Runner:
    def __init__(self, amlnet: str, tmp_root: Path) -> None:
        self.amlnet = amlnet
        self.tmp_root = tmp_root
        self.counter = 0

    def scratch(self) -> Tuple[Path, Path]:
        self.counter += 1
        scratch = self.tmp_root / f"s{self.counter}"
        doc_dir = scratch / "a" / "b" / "c"  # deep enough that `../` paths stay inside the scratch folder
        doc_dir.mkdir(parents=True)
        return scratch, doc_dir

    def sdk(self, kind: str, raw: bytes) -> SdkVerdict:
        scratch, doc_dir = self.scratch()
        try:
            path = doc_dir / "doc.yml"
            path.write_bytes(raw)
            if kind == "deployment":
                try:
                    data = yaml.safe_load(raw.decode("utf-8-sig"))
                except Exception:  # noqa: BLE001 - the SDK will report it
                    data = None
                build_stubs(doc_dir, scratch, data)
            cwd = os.getcwd()
            os.chdir(doc_dir)
            try:
                if kind == "workspace":
                    load_workspace(str(path))._to_rest_object()
                elif kind == "endpoint":
                    load_online_endpoint(str(path))._to_rest_online_endpoint(location=LOCATION)
                else:
                    load_online_deployment(str(path))._to_rest_object(location=LOCATION)
            finally:
                os.chdir(cwd)
            return SdkVerdict(True)
        except BaseException as e:  # noqa: BLE001 - any exception is a rejection
            if isinstance(e, KeyboardInterrupt):
                raise
            fields, reason = sdk_fields_and_reason(e)
            return SdkVerdict(False, fields, type(e).__name__, str(e), reason)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def amlnet_check(self, kind: str, raw: bytes) -> AmlnetVerdict:
        scratch, doc_dir = self.scratch()
        try:
            path = doc_dir / "doc.yml"
            path.write_bytes(raw)
            try:
                p = subprocess.run([self.amlnet, "check", "--format", "json", "--kind", kind, str(path)],
                                   capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                return AmlnetVerdict(False, failure="timeout")
            if p.returncode not in (0, 1):
                err = p.stderr.decode("utf-8", "replace").strip().replace("\n", " ")[:300]
                return AmlnetVerdict(False, rc=p.returncode, failure=f"exit {p.returncode}: {err}")
            try:
                report = json.loads(p.stdout.decode("utf-8"))
                assert isinstance(report, dict) and report.get("version") == 1, "not a version 1 check report"
                diags = report["diagnostics"]
                assert isinstance(diags, list)
            except (ValueError, AssertionError, UnicodeDecodeError) as e:
                return AmlnetVerdict(False, rc=p.returncode, failure=f"bad JSON output: {e}")
            has_stage = any("stage" in d for d in diags)
            return AmlnetVerdict(True, diags, p.returncode, has_stage=has_stage)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


@dataclass
class Outcome:
    kind: str
    label: str
    raw: bytes
    sdk: SdkVerdict
    aml: AmlnetVerdict
    status: str  # agree | stricter | sdk-loads/amlnet-rejects | sdk-rejects/amlnet-accepts | wrong-field | harness
    group: str = ""  # for mutations: the operator


def judge(kind: str, label: str, raw: bytes, runner: Runner, group: str = "") -> Outcome:
    sdk = runner.sdk(kind, raw)
    aml = runner.amlnet_check(kind, raw)
    if not aml.ok:
        status = "harness"
    elif sdk.loads:
        if aml.reading_errors:
            status = "sdk-loads/amlnet-rejects"
        elif aml.other_errors:
            status = "stricter"
        else:
            status = "agree"
    else:
        # A document the SDK rejects needs an amlnet error; a model rule that says more about the same field
        # (endpoint-name-invalid for the SDK's name pattern, say) counts, as its diagnostic replaces the schema's.
        errors = aml.reading_errors + aml.other_errors
        if not errors:
            status = "sdk-rejects/amlnet-accepts"
        elif (sdk.fields and all(d.get("path") for d in errors)
              and not ({first_segment(d.get("path", "")) for d in errors} & set(sdk.fields))):
            # (a reading error without a path is about the whole text: syntax, size, depth; no field to compare)
            status = "wrong-field"
        else:
            status = "agree"
    return Outcome(kind, label, raw, sdk, aml, status, group)


FAILING = ("sdk-loads/amlnet-rejects", "sdk-rejects/amlnet-accepts", "wrong-field", "harness")

# ============================================================================================ documents


@dataclass
class Doc:
    kind: str
    label: str
    raw: bytes
    data: Any = None


def corpus_docs(corpus: Path) -> List[Doc]:
    docs: List[Doc] = []
    index = corpus / "INDEX.tsv"
    if not index.is_file():
        return docs
    lines = index.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    ci, ki = header.index("local_file"), header.index("kind")
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) <= max(ci, ki) or cols[ki] not in KINDS:
            continue
        p = corpus / cols[ci]
        docs.append(Doc(cols[ki], f"corpus/{cols[ci]}", p.read_bytes()))
    return docs


def example_docs(examples: Path) -> List[Doc]:
    docs: List[Doc] = []
    if not examples.is_dir():
        return docs
    prefixes = {"ws-": "workspace", "workspace-": "workspace", "endpoint-": "endpoint", "deployment-": "deployment"}
    for p in sorted(examples.iterdir()):
        if p.suffix not in (".yml", ".yaml"):
            continue
        kind = next((k for pre, k in prefixes.items() if p.name.startswith(pre)), None)
        if kind:
            docs.append(Doc(kind, f"examples/{p.name}", p.read_bytes()))
    return docs


def demo_docs(amlnet: str, tmp_root: Path) -> List[Doc]:
    out = tmp_root / "demo"
    p = subprocess.run([amlnet, "demo", "--out", str(out)], capture_output=True, timeout=60)
    if p.returncode != 0:
        print(f"note: `amlnet demo --out` failed (exit {p.returncode}); no demo documents", flush=True)
        return []
    docs = []
    for kind, name in (("workspace", "workspace.yml"), ("endpoint", "endpoint.yml"), ("deployment", "deployment.yml")):
        f = out / name
        if f.is_file():
            docs.append(Doc(kind, f"demo/{name}", f.read_bytes()))
    return docs


# ============================================================================================ mutations

ARM_SUB = "00000000-1111-2222-3333-444444444444"
ARM = {
    "storage_account": f"/subscriptions/{ARM_SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
    "key_vault": f"/subscriptions/{ARM_SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1",
    "application_insights": f"/subscriptions/{ARM_SUB}/resourceGroups/rg/providers/Microsoft.Insights/components/ai1",
    "container_registry": f"/subscriptions/{ARM_SUB}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/cr1",
    "hub_id": f"/subscriptions/{ARM_SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/hub1",
    "primary_user_assigned_identity": f"/subscriptions/{ARM_SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1",
}
PLACEHOLDER_ARM = {
    "storage_account": "/subscriptions/<SUBSCRIPTION_ID>/resourceGroups/<RESOURCE_GROUP>/providers/Microsoft.Storage/storageAccounts/<STORAGE_ACCOUNT>",
    "key_vault": "/subscriptions/<SUBSCRIPTION_ID>/resourceGroups/<RESOURCE_GROUP>/providers/Microsoft.KeyVault/vaults/<KEY_VAULT>",
    "application_insights": "/subscriptions/<SUBSCRIPTION_ID>/resourceGroups/<RESOURCE_GROUP>/providers/Microsoft.Insights/components/<APP_INSIGHTS>",
    "container_registry": "/subscriptions/<SUBSCRIPTION_ID>/resourceGroups/<RESOURCE_GROUP>/providers/Microsoft.ContainerRegistry/registries/<ACR>",
    "hub_id": "/subscriptions/<SUBSCRIPTION_ID>/resourceGroups/<RESOURCE_GROUP>/providers/Microsoft.MachineLearningServices/workspaces/<HUB>",
    "primary_user_assigned_identity": "/subscriptions/<SUB>/resourceGroups/<RG>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<ID>",
}
UAI = ARM["primary_user_assigned_identity"]
SUBNET = f"/subscriptions/{ARM_SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default"

ENUMS: Dict[str, List[str]] = {
    "isolation_mode": ["disabled", "Disabled", "DISABLED", "allow_internet_outbound", "AllowInternetOutbound",
                       "ALLOW_INTERNET_OUTBOUND", "allow_only_approved_outbound", "AllowOnlyApprovedOutbound",
                       "allowOnlyApprovedOutbound", "Allow_Only_Approved_Outbound", "allowonlyapprovedoutbound",
                       "allow-only-approved-outbound", "approved"],
    "public_network_access": ["Enabled", "enabled", "ENABLED", "Disabled", "disabled", "DISABLED", "off", "yes"],
    "egress_public_network_access": ["enabled", "Enabled", "ENABLED", "disabled", "Disabled", "DISABLED", "none"],
    "auth_mode": ["key", "Key", "KEY", "aml_token", "AMLToken", "amltoken", "aad_token", "AADToken", "aadtoken", "token"],
    "rule_type": ["fqdn", "FQDN", "Fqdn", "private_endpoint", "PrivateEndpoint", "privateendpoint", "service_tag",
                  "ServiceTag", "SERVICE_TAG", "service-tag", "internet"],
    "firewall_sku": ["basic", "Basic", "BASIC", "standard", "Standard", "STANDARD", "premium"],
    "protocol": ["TCP", "tcp", "Tcp", "UDP", "udp", "ICMP", "*", "Any", "all"],
    "identity_type": ["system_assigned", "SystemAssigned", "systemassigned", "user_assigned", "UserAssigned",
                      "system_assigned,user_assigned", "SystemAssigned,UserAssigned", "none", "None", "managed"],
    "scale_type": ["default", "Default", "DEFAULT", "target_utilization", "TargetUtilization", "targetutilization", "auto"],
    "ws_kind": ["default", "Default", "hub", "Hub", "HUB", "project", "Project", "featurestore", "FeatureStore",
                "feature_store", "lean"],
    "dep_type": ["managed", "Managed", "MANAGED", "kubernetes", "Kubernetes", "k8s"],
    "status": ["Active", "Inactive", "active", "bogus"],
    "category": ["user_defined", "UserDefined", "required", "recommended", "dependency"],
}

UNQUOTED_TOKENS = ["yes", "no", "on", "off", "Yes", "NO", "y", "n", "true", "False", "123", "0123", "0o17", "0x1A",
                   "1_000", "1.5", "1e3", ".inf", "-.nan", "2024-01-01", "2024-01-01T10:00:00Z", "1:30", "190:20:30",
                   "null", "~", "Null", "=", "'123'", "'yes'", "\"true\"", "'2024-01-01'", "''"]
BOOL_TOKENS = ["yes", "no", "on", "off", "y", "Y", "n", "True", "FALSE", "1", "0", "2", "'yes'", "'Y'", "'t'", "'1'",
               "'0'", "'true'", "'True'", "'enabled'", "'TRUE'", "''", "null", "[true]", "1.0"]
INT_TOKENS = ["'2'", "2.0", "2.5", "true", "-1", "0", "'2 '", "1e3", "0x10", "1_000", "'1_000'", "'abc'", "null",
              "[1]", "{a: 1}", "99999999999999999999", "0o10", "'0x10'", "+3", "'+3'", "1:30"]
UNKNOWN_KEY_NAMES = ["foo", "extra_setting", "unknown_key", "Name", "NAME", "name_", "x-ms-foo", "description2",
                     "isolationMode", "outboundRules", "$schemas", "properties", "sku", "kind2"]

BOOL_KEYS = {
    "workspace": [("hbi_workspace",), ("enable_data_isolation",), ("allow_roleassignment_on_rg",),
                  ("provision_network_now",), ("serverless_compute", "no_public_ip")],
    "endpoint": [],
    "deployment": [("app_insights_enabled",), ("data_collector", "collections", "model_inputs", "enabled")],
}
INT_KEYS = [("instance_count",), ("request_settings", "request_timeout_ms"),
            ("request_settings", "max_concurrent_requests_per_instance"), ("request_settings", "max_queue_wait_ms"),
            ("liveness_probe", "initial_delay"), ("liveness_probe", "period"), ("readiness_probe", "timeout"),
            ("readiness_probe", "failure_threshold"), ("scale_settings", "min_instances"),
            ("scale_settings", "max_instances"), ("scale_settings", "polling_interval"),
            ("scale_settings", "target_utilization_percentage")]

BLOCKS: Dict[str, Dict[str, List[Any]]] = {
    "deployment": {
        "data_collector": [{"collections": {"model_inputs": {"enabled": "True"}, "model_outputs": {"enabled": "True"}},
                            "sampling_rate": 1.0},
                           {"collections": {"request": {"enabled": "True", "data": {"name": "d", "path": "azureml://datastores/workspaceblobstore/paths/x"}}}}],
        "scale_settings": [{"type": "default"},
                           {"type": "target_utilization", "min_instances": 1, "max_instances": 3,
                            "polling_interval": 10, "target_utilization_percentage": 70}],
        "request_settings": [{"request_timeout_ms": 3000, "max_concurrent_requests_per_instance": 1,
                              "max_queue_wait_ms": 500}],
        "liveness_probe": [{"initial_delay": 10, "period": 10, "timeout": 2, "success_threshold": 1,
                            "failure_threshold": 30}],
        "readiness_probe": [{"initial_delay": 10, "period": 10}],
        "code_configuration": [{"code": "./src", "scoring_script": "score.py"}],
        "environment": [{"image": "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest",
                         "conda_file": "./env/conda.yml"}],
        "model": [{"path": "./model"}, {"name": "m", "version": "1", "path": "./model/model.pkl"}],
    },
    "endpoint": {
        "identity": [{"type": "system_assigned"},
                     {"type": "user_assigned", "user_assigned_identities": [{"resource_id": UAI}]}],
        "tags": [{"team": "ml"}],
        "traffic": [{"blue": 100}],
        "mirror_traffic": [{"blue": 10}],
    },
    "workspace": {
        "managed_network": [{"isolation_mode": "allow_internet_outbound"},
                            {"isolation_mode": "allow_only_approved_outbound",
                             "outbound_rules": [{"name": "pypi", "type": "fqdn", "destination": "pypi.org"}]}],
        "identity": [{"type": "system_assigned"},
                     {"type": "user_assigned", "user_assigned_identities": {UAI: {}}}],
        "customer_managed_key": [{"key_vault": ARM["key_vault"], "key_uri": "https://kv1.vault.azure.net/keys/k/0123456789abcdef"}],
        "serverless_compute": [{"custom_subnet": SUBNET, "no_public_ip": True}],
        "network_acls": [{"default_action": "Deny", "ip_rules": [{"value": "1.2.3.4"}]}],
        "tags": [{"team": "ml"}],
    },
}

RULES = [
    {"name": "pypi", "type": "fqdn", "destination": "pypi.org"},
    {"name": "st-blob", "type": "private_endpoint",
     "destination": {"service_resource_id": ARM["storage_account"], "subresource_target": "blob", "spark_enabled": False}},
    {"name": "monitor", "type": "service_tag",
     "destination": {"service_tag": "AzureMonitor", "protocol": "TCP", "port_ranges": "443"}},
]


def raw_token(tok: str) -> "RawMark":
    return RawMark(tok)


class RawMark:
    """A value written into the dumped YAML as raw text (for tokens safe_dump would quote)."""

    def __init__(self, text: str) -> None:
        self.text = text


def dump(data: Any) -> str:
    raws: List[str] = []

    def sub(x: Any) -> Any:
        if isinstance(x, RawMark):
            raws.append(x.text)
            return f"__PARITYRAW{len(raws) - 1}__"
        if isinstance(x, dict):
            return {sub(k): sub(v) for k, v in x.items()}
        if isinstance(x, list):
            return [sub(v) for v in x]
        return x

    text = yaml.safe_dump(sub(data), sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    for i, r in enumerate(raws):
        text = text.replace(f"__PARITYRAW{i}__", r)
    return text


def flow(x: Any) -> str:
    return yaml.safe_dump(x, default_flow_style=True, sort_keys=False, width=100000, allow_unicode=True).strip()


def all_paths(data: Any, prefix: Tuple = ()) -> List[Tuple[Tuple, Any]]:
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.append((prefix + (k,), v))
            out += all_paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.append((prefix + (i,), v))
            out += all_paths(v, prefix + (i,))
    return out


def key_paths(data: Any) -> List[Tuple]:
    """Paths whose last element is a mapping key."""
    return [p for p, _ in all_paths(data) if not isinstance(p[-1], int)]


def mapping_paths(data: Any) -> List[Tuple]:
    return [()] + [p for p, v in all_paths(data) if isinstance(v, dict)] if isinstance(data, dict) else []


def get(data: Any, path: Tuple) -> Any:
    for p in path:
        data = data[p]
    return data


def set_(data: Any, path: Tuple, value: Any) -> None:
    get(data, path[:-1])[path[-1]] = value


def ensure(data: dict, path: Tuple, value: Any) -> None:
    cur = data
    for p in path[:-1]:
        if not isinstance(cur.get(p), dict):
            cur[p] = {}
        cur = cur[p]
    cur[path[-1]] = value


def pstr(path: Tuple) -> str:
    s = ""
    for p in path:
        s += f"[{p}]" if isinstance(p, int) else (f".{p}" if s else str(p))
    return s or "<root>"


def short(x: Any, n: int = 60) -> str:
    s = x.text if isinstance(x, RawMark) else json.dumps(x, default=str, ensure_ascii=False)
    s = s.replace("\n", "\\n")
    return s if len(s) <= n else s[: n - 3] + "..."


def enum_class(kind: str, path: Tuple) -> Optional[str]:
    last = path[-1] if path else None
    if not isinstance(last, str):
        return None
    if last == "type":
        if len(path) >= 3 and path[-3] == "outbound_rules":
            return "rule_type"
        if len(path) >= 2 and path[-2] == "identity":
            return "identity_type"
        if len(path) >= 2 and path[-2] == "scale_settings":
            return "scale_type"
        if len(path) == 1 and kind == "deployment":
            return "dep_type"
        return None
    if last == "kind" and len(path) == 1 and kind == "workspace":
        return "ws_kind"
    if last in ("status", "category") and len(path) >= 3 and path[-3] == "outbound_rules":
        return last
    return last if last in ENUMS else None


Mut = Optional[Tuple[str, str]]  # (description, text)


class Mutator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    # -- helpers
    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[self.rng.randrange(len(seq))]

    # -- operators: (kind, data) -> (desc, yaml text) or None
    def drop_key(self, kind: str, d: Any) -> Mut:
        ks = key_paths(d)
        if not ks:
            return None
        top = [p for p in ks if len(p) == 1]
        p = self.pick(top) if top and self.rng.random() < 0.5 else self.pick(ks)
        del get(d, p[:-1])[p[-1]]
        return f"drop {pstr(p)}", dump(d)

    def add_unknown_key(self, kind: str, d: Any) -> Mut:
        ms = mapping_paths(d)
        if not ms:
            return None
        p = () if self.rng.random() < 0.35 else self.pick(ms)
        m = get(d, p)
        k = self.pick([k for k in UNKNOWN_KEY_NAMES if k not in m] or ["zz_unknown"])
        v = self.pick(["x", 1, True, None, {"a": "b"}, ["a"]])
        m[k] = v
        return f"add key {pstr(p + (k,))}={short(v)}", dump(d)

    def misspell_key(self, kind: str, d: Any) -> Mut:
        ks = [p for p in key_paths(d) if isinstance(p[-1], str) and len(p[-1]) > 2]
        if not ks:
            return None
        p = self.pick(ks)
        k = p[-1]
        how = self.rng.randrange(7)
        if how == 0:
            i = self.rng.randrange(len(k) - 1)
            nk = k[:i] + k[i + 1] + k[i] + k[i + 2:]
        elif how == 1:
            i = self.rng.randrange(len(k))
            nk = k[:i] + k[i + 1:]
        elif how == 2:
            i = self.rng.randrange(len(k))
            nk = k[:i] + k[i] + k[i:]
        elif how == 3:
            nk = k[0].upper() + k[1:]
        elif how == 4:
            parts = k.split("_")
            nk = parts[0] + "".join(s[:1].upper() + s[1:] for s in parts[1:])
        elif how == 5:
            nk = k.replace("_", "-") if "_" in k else k + "s"
        else:
            nk = k + " "
        if nk == k:
            nk = k + "x"
        parent = get(d, p[:-1])
        if nk in parent:
            return None
        parent_items = list(parent.items())
        parent.clear()
        for kk, vv in parent_items:
            parent[nk if kk == k else kk] = vv
        return f"misspell {pstr(p)} -> {nk!r}", dump(d)

    def wrong_type(self, kind: str, d: Any) -> Mut:
        ps = all_paths(d)
        if not ps:
            return None
        top = [x for x in ps if len(x[0]) == 1]
        p, v = self.pick(top) if self.rng.random() < 0.4 else self.pick(ps)
        if isinstance(v, bool):
            cands = ["true", 1, ["x"], {"a": "b"}, None]
        elif isinstance(v, int):
            cands = [str(v), "abc", [v], {"value": v}, 1.5, True, None]
        elif isinstance(v, str):
            cands = [5, 0, 1.5, [v], {"value": v}, {v: None} if v else {"a": None}, True, None, ""]
        elif isinstance(v, list):
            cands = [v[0] if v else "x", {"item": v[0] if v else "x"}, "a, b", 3, {}, None, []]
        elif isinstance(v, dict):
            cands = [list(v.values())[:1] or ["x"], [v], "text", 7, None, {}, True]
        else:
            cands = ["x", 1, ["x"], {"a": "b"}]
        nv = self.pick(cands)
        set_(d, p, nv)
        return f"type of {pstr(p)}: {type(v).__name__} -> {short(nv)}", dump(d)

    def enum_case(self, kind: str, d: Any) -> Mut:
        ps = [(p, c) for p, _ in all_paths(d) if (c := enum_class(kind, p))]
        if ps and self.rng.random() < 0.85:
            p, c = self.pick(ps)
        else:
            adds = {"workspace": [(("public_network_access",), "public_network_access"),
                                  (("managed_network", "isolation_mode"), "isolation_mode"),
                                  (("managed_network", "firewall_sku"), "firewall_sku"),
                                  (("kind",), "ws_kind")],
                    "endpoint": [(("auth_mode",), "auth_mode"), (("public_network_access",), "public_network_access")],
                    "deployment": [(("egress_public_network_access",), "egress_public_network_access"),
                                   (("scale_settings", "type"), "scale_type")]}[kind]
            p, c = self.pick(adds)
            if not isinstance(d, dict):
                return None
            ensure(d, p, None)
        v = self.pick(ENUMS[c])
        set_(d, p, v)
        return f"enum {pstr(p)} = {v!r}", dump(d)

    def unquoted_scalar(self, kind: str, d: Any) -> Mut:
        ps = [(p, v) for p, v in all_paths(d) if isinstance(v, (str, int, float, bool)) and not isinstance(p[-1], int)]
        if not ps:
            return None
        p, v = self.pick(ps)
        tok = self.pick(UNQUOTED_TOKENS)
        if isinstance(v, (int, bool)) and self.rng.random() < 0.4:
            tok = self.pick(["'%s'" % str(v).lower(), '"%s"' % v, "'%s'" % v])
        set_(d, p, RawMark(tok))
        return f"scalar {pstr(p)}: {short(v)} -> {tok}", dump(d)

    def list_mapping_swap(self, kind: str, d: Any) -> Mut:
        ps = [(p, v) for p, v in all_paths(d) if isinstance(v, (list, dict)) and v]
        if not ps:
            return None
        p, v = self.pick(ps)
        if isinstance(v, dict):
            nv = [{k: x} for k, x in v.items()] if self.rng.random() < 0.5 else [v]
        else:
            nv = {}
            for i, x in enumerate(v):
                k = x.get("name") if isinstance(x, dict) and isinstance(x.get("name"), str) else f"item{i}"
                nv[k] = x
        set_(d, p, nv)
        return f"{pstr(p)}: {type(v).__name__} -> {type(nv).__name__}", dump(d)

    def workspace_kind(self, kind: str, d: Any) -> Mut:
        if kind != "workspace" or not isinstance(d, dict):
            return None
        k = self.pick(["hub", "hub", "project", "project", "project", "default", "featurestore", "Hub", "lean"])
        d["kind"] = k
        desc = f"kind: {k}"
        if k == "project":
            h = self.pick(["valid", "placeholder", "none", "name", "int"])
            if h == "valid":
                d["hub_id"] = ARM["hub_id"]
            elif h == "placeholder":
                d["hub_id"] = PLACEHOLDER_ARM["hub_id"]
            elif h == "name":
                d["hub_id"] = "hub1"
            elif h == "int":
                d["hub_id"] = 5
            desc += f" hub_id={h}"
            if self.rng.random() < 0.3:
                d.pop("managed_network", None)
                desc += " (managed_network dropped)"
        elif k in ("hub", "Hub"):
            if self.rng.random() < 0.3:
                d["default_resource_group"] = f"/subscriptions/{ARM_SUB}/resourceGroups/rg"
                desc += " +default_resource_group"
            if self.rng.random() < 0.2:
                d["hub_id"] = ARM["hub_id"]
                desc += " +hub_id"
        elif k == "featurestore" and self.rng.random() < 0.5:
            d["materialization_identity"] = {"resource_id": UAI}
            desc += " +materialization_identity"
        return desc, dump(d)

    def endpoint_compute(self, kind: str, d: Any) -> Mut:
        if kind != "endpoint" or not isinstance(d, dict):
            return None
        c = self.pick(["azureml:k8s", "azureml:k8s", "k8s",
                       f"azureml:/subscriptions/{ARM_SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/computes/k8s",
                       "", 5])
        d["compute"] = c
        desc = f"compute: {short(c)}"
        if self.rng.random() < 0.3:
            d.pop("public_network_access", None)
            desc += " (public_network_access dropped)"
        if self.rng.random() < 0.2:
            d["type"] = self.pick(["kubernetes", "managed", "online"])
            desc += f" type={d['type']}"
        return desc, dump(d)

    def deployment_k8s(self, kind: str, d: Any) -> Mut:
        if kind != "deployment" or not isinstance(d, dict):
            return None
        v = self.rng.randrange(6)
        res = {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "2", "memory": "2Gi"}}
        if v == 0:
            d["type"], d["resources"] = "kubernetes", res
            desc = "type: kubernetes + resources"
        elif v == 1:
            d["type"] = "kubernetes"
            desc = "type: kubernetes (no resources)"
        elif v == 2:
            d["resources"] = res
            desc = "resources without type"
        elif v == 3:
            d["type"], d["resources"] = "kubernetes", {"requests": {"cpu": 1, "memory": "1Gi", "gpu": "x"}, "foo": 1}
            desc = "type: kubernetes + resources with unknown keys"
        elif v == 4:
            d["type"] = self.pick(["managed", "Managed", "kubernetes", "Kubernetes", "batch", ""])
            desc = f"type: {d['type']!r}"
        else:
            d["type"], d["resources"] = "kubernetes", res
            d.pop("egress_public_network_access", None)
            d.pop("instance_type", None)
            d["instance_type"] = "defaultinstancetype"
            desc = "type: kubernetes + resources, instance_type defaultinstancetype"
        return desc, dump(d)

    def _rules(self, d: Any) -> Optional[list]:
        if not isinstance(d, dict):
            return None
        mn = d.get("managed_network")
        if not isinstance(mn, dict):
            d["managed_network"] = mn = {"isolation_mode": "allow_only_approved_outbound"}
        rules = mn.get("outbound_rules")
        if not isinstance(rules, list) or not rules:
            mn["outbound_rules"] = rules = copy.deepcopy(RULES)
            if mn.get("isolation_mode") in (None, "disabled"):
                mn["isolation_mode"] = "allow_only_approved_outbound"
        return rules

    def rule_destination(self, kind: str, d: Any) -> Mut:
        if kind != "workspace":
            return None
        rules = self._rules(d)
        if rules is None:
            return None
        i = self.rng.randrange(len(rules))
        r = rules[i]
        if not isinstance(r, dict):
            return None
        dest = r.get("destination")
        v = self.rng.randrange(14)
        base = f"managed_network.outbound_rules[{i}]"
        if v == 0:
            r["destination"] = {"value": dest} if isinstance(dest, str) else (
                self.pick([x for x in dest.values() if isinstance(x, str)] or ["x"]) if isinstance(dest, dict) else "x")
            desc = f"{base}.destination shape flipped"
        elif v == 1 and isinstance(dest, dict) and dest:
            k = self.pick(list(dest))
            del dest[k]
            desc = f"{base}.destination drop {k}"
        elif v == 2:
            if isinstance(dest, dict):
                dest.pop("spark_enabled", None)
            r["type"] = "private_endpoint"
            r["destination"] = dest if isinstance(dest, dict) and "service_resource_id" in dest else {
                "service_resource_id": ARM["storage_account"], "subresource_target": "blob"}
            desc = f"{base} private_endpoint without spark_enabled"
        elif v == 3:
            r["type"] = "private_endpoint"
            r["destination"] = {"service_resource_id": ARM["storage_account"], "subresource_target": "blob",
                                "spark_enabled": RawMark(self.pick(BOOL_TOKENS))}
            desc = f"{base}.destination.spark_enabled = {r['destination']['spark_enabled'].text}"
        elif v == 4:
            r.pop("type", None)
            desc = f"{base} drop type"
        elif v == 5:
            t = self.pick([t for t in ("fqdn", "private_endpoint", "service_tag") if t != r.get("type")])
            r["type"] = t
            desc = f"{base}.type -> {t} (destination unchanged)"
        elif v == 6:
            r["type"] = "service_tag"
            r["destination"] = {"service_tag": "AzureMonitor", "protocol": "TCP",
                                "port_ranges": self.pick([443, "443", "80, 443", "1-65535", "*", RawMark("443"), ["443"]]),
                                **({"address_prefixes": ["10.0.0.0/24"]} if self.rng.random() < 0.4 else {})}
            desc = f"{base} service_tag port_ranges={short(r['destination']['port_ranges'])}"
        elif v == 7:
            r[self.pick(["category", "status"])] = self.pick(["user_defined", "required", "Active", "Inactive"])
            desc = f"{base} + read-only key"
        elif v == 8:
            r.pop("name", None)
            desc = f"{base} drop name"
        elif v == 9:
            rules.append(copy.deepcopy(r))
            desc = f"{base} duplicated (same name)"
        elif v == 10:
            r["destination"] = self.pick([None, "", [], {}, 443, ["pypi.org"]])
            desc = f"{base}.destination = {short(r['destination'])}"
        elif v == 11:
            r["type"] = "fqdn"
            r["destination"] = self.pick(["*.pytorch.org", "pypi.org:443", "https://pypi.org", "PyPI.org", "a b"])
            desc = f"{base} fqdn destination {r['destination']!r}"
        elif v == 12:
            r["type"] = "private_endpoint"
            r["destination"] = {"service_resource_id": self.pick([PLACEHOLDER_ARM["storage_account"], "st1",
                                                                  ARM["key_vault"], ""]),
                                "subresource_target": self.pick(["blob", "Blob", "vault", "dfs", "", "amlworkspace"]),
                                "spark_enabled": False}
            desc = f"{base} private_endpoint {short(r['destination'])}"
        else:
            d["managed_network"]["outbound_rules"] = {x.get("name", f"r{j}") if isinstance(x, dict) else f"r{j}": x
                                                      for j, x in enumerate(rules)}
            desc = "managed_network.outbound_rules as a mapping"
        return desc, dump(d)

    def arm_placeholder(self, kind: str, d: Any) -> Mut:
        if not isinstance(d, dict):
            return None
        if kind == "workspace":
            k = self.pick(list(PLACEHOLDER_ARM))
            v = self.pick([PLACEHOLDER_ARM[k], "<" + k.upper() + "_ID>", "{{" + k.upper() + "}}", "${{" + k + "}}",
                           k.replace("_", "") + "name", ARM[k]])
            if k == "hub_id":
                d["kind"] = "project"
            d[k] = v
            if self.rng.random() < 0.2:
                d["customer_managed_key"] = {"key_vault": self.pick([PLACEHOLDER_ARM["key_vault"], ARM["key_vault"]]),
                                             "key_uri": "https://kv1.vault.azure.net/keys/k/0123456789abcdef"}
            return f"{k} = {short(v)}", dump(d)
        if kind == "deployment":
            v = self.pick([f"azureml:/subscriptions/<SUB>/resourceGroups/<RG>/providers/Microsoft.MachineLearningServices/workspaces/<WS>/models/m/versions/1",
                           f"/subscriptions/{ARM_SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/models/m/versions/1",
                           "azureml:<MODEL_NAME>:<VERSION>"])
            d["model"] = v
            return f"model = {short(v)}", dump(d)
        k = "identity"
        d[k] = {"type": "user_assigned", "user_assigned_identities": {PLACEHOLDER_ARM["primary_user_assigned_identity"]: {}}}
        return "identity with a placeholder ARM id", dump(d)

    def asset_refs(self, kind: str, d: Any) -> Mut:
        if kind != "deployment" or not isinstance(d, dict):
            return None
        what = self.pick(["model", "model", "environment", "environment", "code"])
        if what == "model":
            v = self.pick(["name:1", "azureml:name:1", "azureml:name@latest", "name@latest",
                           "azureml://registries/azureml/models/m/versions/1", "name", "./model", "azureml:name",
                           {"path": "./model"}, {"name": "m", "version": 1, "path": "./model"},
                           {"path": "model.pkl", "type": "mlflow_model"}, {"path": "./model", "type": "bogus"},
                           {"name": "m", "version": "1"}, {"foo": "bar"}, None])
            if v is None:
                d.pop("model", None)
                return "drop model", dump(d)
            d["model"] = v
        elif what == "environment":
            v = self.pick(["myenv", "azureml:myenv:1", "azureml:myenv@latest", "myenv:1",
                           "azureml://registries/azureml/environments/sklearn-1.5/versions/1",
                           {"image": "mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest"},
                           {"conda_file": "./env.yml"}, {"build": {"path": "./docker"}},
                           {"image": "x.azurecr.io/img:1", "conda_file": "conda.yml"}, {"name": "e", "version": 1},
                           {"image": "x.azurecr.io/img:1", "inference_config": {"scoring_route": {"port": 5001, "path": "/score"}}},
                           {"image": "x.azurecr.io/img:1", "foo": 1}])
            d["environment"] = v
        else:
            v = self.pick([{"code": "./src", "scoring_script": "score.py"}, {"scoring_script": "score.py"},
                           {"code": "azureml:code:1", "scoring_script": "score.py"}, {"code": "./src"},
                           {"code": "./src", "scoring_script": "sub/score.py", "foo": 1}, "./src"])
            d["code_configuration"] = v
        return f"{what} = {short(v)}", dump(d)

    def nested_unknown(self, kind: str, d: Any) -> Mut:
        if not isinstance(d, dict):
            return None
        blocks = BLOCKS[kind]
        name = self.pick(list(blocks))
        if not isinstance(d.get(name), dict) or self.rng.random() < 0.3:
            d[name] = copy.deepcopy(self.pick(blocks[name]))
            created = " (block added)"
        else:
            created = ""
        b = d[name]
        if self.rng.random() < 0.2:
            return f"{name} block{created or ' kept'}, no unknown key", dump(d)
        inner = [p for p in mapping_paths(b)]
        p = self.pick(inner) if inner and self.rng.random() < 0.4 else ()
        k = self.pick(["foo", "enabled2", "Type", "unknown", "min_instance"])
        get(b, p)[k] = self.pick(["x", 1, True])
        return f"unknown key {pstr((name,) + p + (k,))}{created}", dump(d)

    def scale_settings_no_type(self, kind: str, d: Any) -> Mut:
        if kind != "deployment" or not isinstance(d, dict):
            return None
        v = self.pick([{"min_instances": 1, "max_instances": 2}, {}, {"type": None},
                       {"type": "target_utilization"}, {"type": "default", "min_instances": 1},
                       {"type": "TargetUtilization", "max_instances": 3}, {"Type": "default"}])
        d["scale_settings"] = v
        return f"scale_settings = {short(v)}", dump(d)

    def uai_forms(self, kind: str, d: Any) -> Mut:
        if kind == "deployment" or not isinstance(d, dict):
            return None
        v = self.pick([
            {"type": "user_assigned", "user_assigned_identities": [{"resource_id": UAI}]},
            {"type": "user_assigned", "user_assigned_identities": [UAI]},
            {"type": "user_assigned", "user_assigned_identities": {UAI: {}}},
            {"type": "user_assigned", "user_assigned_identities": {UAI: None}},
            {"type": "user_assigned", "user_assigned_identities": {UAI: {"client_id": "c", "foo": 1}}},
            {"type": "user_assigned"},
            {"type": "system_assigned,user_assigned", "user_assigned_identities": {UAI: {"principal_id": "p"}}},
            {"type": "system_assigned", "principal_id": "p", "tenant_id": "t"},
            {"user_assigned_identities": {UAI: {}}},
        ])
        d["identity"] = v
        return f"identity = {short(v, 90)}", dump(d)

    def cmk(self, kind: str, d: Any) -> Mut:
        if kind != "workspace" or not isinstance(d, dict):
            return None
        v = {"key_vault": self.pick([ARM["key_vault"], PLACEHOLDER_ARM["key_vault"], "kv1"]),
             "key_uri": self.pick(["not-a-url", "http://kv1.vault.azure.net/keys/k/1", "https://kv1.vault.azure.net/keys/k",
                                   "https://kv1.vault.azure.net/keys/k/0123456789abcdef", "", 123, "kv1/keys/k", None])}
        if v["key_uri"] is None:
            del v["key_uri"]
        if self.rng.random() < 0.15:
            del v["key_vault"]
        d["customer_managed_key"] = v
        return (f"customer_managed_key key_uri={short(v.get('key_uri', '<absent>'))} "
                f"key_vault={short(v.get('key_vault', '<absent>'), 40)}"), dump(d)

    def bool_values(self, kind: str, d: Any) -> Mut:
        if not isinstance(d, dict):
            return None
        keys = BOOL_KEYS[kind]
        if kind == "workspace" and self.rng.random() < 0.4:
            rules = self._rules(d)
            i = self.rng.randrange(len(rules))
            rules[i] = {"name": f"pe{i}", "type": "private_endpoint",
                        "destination": {"service_resource_id": ARM["storage_account"], "subresource_target": "blob",
                                        "spark_enabled": RawMark(self.pick(BOOL_TOKENS))}}
            return f"outbound_rules[{i}].destination.spark_enabled = {rules[i]['destination']['spark_enabled'].text}", dump(d)
        if not keys:  # endpoint: a string field given a boolean-looking token
            p = self.pick([("public_network_access",), ("auth_mode",), ("description",), ("tags", "on")])
        else:
            p = self.pick(keys)
        tok = self.pick(BOOL_TOKENS)
        ensure(d, p, RawMark(tok))
        return f"{pstr(p)} = {tok}", dump(d)

    def int_values(self, kind: str, d: Any) -> Mut:
        if kind != "deployment" or not isinstance(d, dict):
            return None
        p = self.pick(INT_KEYS)
        if p[0] == "scale_settings":
            d["scale_settings"] = {"type": "target_utilization"}
        tok = self.pick(INT_TOKENS)
        ensure(d, p, RawMark(tok))
        return f"{pstr(p)} = {tok}", dump(d)

    def string_fields(self, kind: str, d: Any) -> Mut:
        if not isinstance(d, dict):
            return None
        p = self.pick([("name",), ("description",), ("tags", "team"), ("tags",), ("display_name",), ("location",),
                       ("endpoint_name",), ("instance_type",)])
        tok = self.pick(["2024-01-01", "123", "yes", "1.5", "null", "[a]", "{a: b}", "'123'", "\"{{NAME}}\"",
                         "ep_1", "1ep", "ep-", "a" * 40, "My Endpoint", "UPPER", "é-name", "''"])
        ensure(d, p, RawMark(tok))
        return f"{pstr(p)} = {tok}", dump(d)

    def null_value(self, kind: str, d: Any) -> Mut:
        ps = [p for p in key_paths(d)]
        if not ps:
            return None
        p = self.pick(ps)
        set_(d, p, RawMark(self.pick(["", "null", "~", "[]", "{}"])))
        return f"{pstr(p)} emptied", dump(d)

    # -- PyYAML-only constructs (text level)
    def pyyaml_constructs(self, kind: str, d: Any) -> Mut:
        if not isinstance(d, dict):
            return None
        v = self.rng.randrange(17)
        strs = [(p, x) for p, x in all_paths(d) if isinstance(x, str) and not isinstance(p[-1], int)]
        maps = [(p, x) for p, x in all_paths(d) if isinstance(x, dict) and x]
        top_scalars = [k for k, x in d.items() if isinstance(x, (str, int, float, bool)) and isinstance(k, str)]
        if v == 0 and strs:
            p, _ = self.pick(strs)
            tok = self.pick(["{{X}}", "{{ X }}", "{{model_name}}"])
            set_(d, p, RawMark(tok))
            return f"{pstr(p)} = {tok} (flow mapping as a key)", dump(d)
        if v == 1 and strs:
            p, _ = self.pick(strs)
            tok = self.pick(['"{{X}}"', "'{{X}}'", "${{X}}", "<X>", "[X]", "{X}"])
            set_(d, p, RawMark(tok))
            return f"{pstr(p)} = {tok}", dump(d)
        if v == 2 and maps:
            p, m = self.pick(maps)
            set_(d, p, RawMark("{<<: " + flow(m) + "}"))
            return f"{pstr(p)} written as a merge of an inline mapping", dump(d)
        if v == 3 and maps:
            p, m = self.pick(maps)
            items = list(m.items())
            cut = self.rng.randrange(len(items) + 1)
            head, tail = dict(items[:cut]), dict(items[cut:])
            inner = ", ".join([f"<<: [{flow(head)}]"] + [flow({k: x})[1:-1] for k, x in tail.items()])
            set_(d, p, RawMark("{" + inner + "}"))
            return f"{pstr(p)} partly merged (<<: [..])", dump(d)
        if v == 4 and strs and len(strs) >= 2:
            i1, i2 = sorted(self.rng.sample(range(len(strs)), 2))  # all_paths is in document order
            (p1, x1), (p2, _) = strs[i1], strs[i2]
            set_(d, p1, RawMark("&a " + flow(x1)))
            set_(d, p2, RawMark("*a"))
            return f"{pstr(p2)} = alias of {pstr(p1)}", dump(d)
        if v == 5 and maps:
            # anchor a mapping and use it with an override in a later sibling
            if kind == "deployment":
                d["liveness_probe"] = RawMark("&p {initial_delay: 10, period: 10}")
                d["readiness_probe"] = RawMark(self.pick(["*p", "{<<: *p, period: 5}", "{<<: *p, foo: 1}"]))
                return f"probes via anchor/alias/merge ({d['readiness_probe'].text})", dump(d)
            if kind == "workspace":
                rules = self._rules(d)
                if len(rules) >= 1 and isinstance(rules[0], dict):
                    r0 = rules[0]
                    rules[0] = RawMark("&r " + flow(r0))
                    rules.append(RawMark(self.pick(["{<<: *r, name: merged-rule}", "*r", "{<<: *r}"])))
                    return f"outbound rule merged from an anchor ({rules[-1].text})", dump(d)
            d["tags"] = RawMark("&t {team: ml}")
            d["description"] = RawMark("*t")
            return "description = alias of a mapping", dump(d)
        if v == 6 and strs:
            p, x = self.pick(strs)
            tok = self.pick(["!!str 123", "!!str yes", "!!str " + flow(x), "!!str", "!!str 2024-01-01"])
            set_(d, p, RawMark(tok))
            return f"{pstr(p)} = {tok}", dump(d)
        if v == 7:
            tok_choices = [("!!int '3'", ("instance_count",)), ("!!bool 'yes'", ("app_insights_enabled",)),
                           ("!!float '1'", ("instance_count",)), ("!!null ''", ("description",)),
                           ("!!binary aGVsbG8=", ("description",)), ("!custom x", ("description",)),
                           ("!!python/name:os.system ''", ("description",)), ("!!timestamp 2024-01-01", ("description",)),
                           ("!!set {a, b}", ("tags",)), ("!!omap [a: 1]", ("tags",)), ("!!map {a: b}", ("tags",)),
                           ("!!seq [a]", ("tags",)), ("!<tag:yaml.org,2002:str> x", ("description",))]
            tok, p = self.pick(tok_choices)
            d[p[0]] = RawMark(tok)
            return f"{p[0]} = {tok}", dump(d)
        if v == 8 and top_scalars:
            k = self.pick(top_scalars)
            x = d.pop(k)
            return f"explicit key `? {k}`", dump(d) + f"? {k}\n: {flow(x)}\n"
        if v == 9:
            key = self.pick(["[a, b]", "{a: b}", "[name]"])
            return f"explicit complex key `? {key}`", dump(d) + f"? {key}\n: x\n"
        if v == 10 and top_scalars:
            k = self.pick(top_scalars)
            return f"duplicate top-level key {k}", dump(d) + f"{k}: {flow(d[k])}\n"
        if v == 11:
            text = dump(d)
            w = self.rng.randrange(4)
            if w == 0:
                return "second YAML document", text + "---\n" + text
            if w == 1:
                return "leading --- and trailing ...", "---\n" + text + "...\n"
            if w == 2:
                return "empty second document", text + "---\n"
            return "document end then comment", text + "...\n# trailing\n"
        if v == 12:
            text = dump(d)
            w = self.rng.randrange(5)
            if w == 0:
                return "BOM prefix", "\ufeff" + text
            if w == 1:
                return "CRLF line endings", text.replace("\n", "\r\n")
            if w == 2:
                lines = text.splitlines(True)
                idx = [i for i, line in enumerate(lines) if line.startswith("  ")]
                if idx:
                    i = self.pick(idx)
                    lines[i] = "\t" + lines[i][2:]
                    return f"tab indentation on line {i + 1}", "".join(lines)
                return "tab after colon", text.replace(": ", ":\t", 1)
            if w == 3:
                return "comments everywhere", "# head\n" + text.replace("\n", "  # c\n")
            return "no trailing newline", text.rstrip("\n")
        if v == 13:
            return self.pick([("empty document", ""), ("comment-only document", "# nothing\n"),
                              ("list document", "- " + flow(d) + "\n"), ("scalar document", "hello\n"),
                              ("null document", "null\n"), ("flow mapping document", flow(d) + "\n")])
        if v == 14:
            k = self.pick([k for k in d if isinstance(k, str)] or ["name"])
            d[k] = RawMark(self.pick(["|\n  multi\n  line", ">-\n  folded", "'quoted ''x'''", '"esc\\tx"',
                                      "\"\\x41\"", "'a: b'", "a: b", "- x", "@x", "`x", "%x"]))
            return f"{k} = {short(d[k])}", dump(d)
        if v == 15:
            return "non-UTF-8 byte in a comment", dump(d) + "# caf\udce9\n"
        if v == 16:
            depth = self.pick([10, 70, 200])
            k = self.pick([k for k in d if isinstance(k, str)] or ["name"])
            d[k] = RawMark("[" * depth + "]" * depth)
            return f"{k} = nested lists of depth {depth}", dump(d)
        return None


OPERATORS: List[Tuple[str, Tuple[str, ...]]] = [
    ("drop_key", KINDS), ("add_unknown_key", KINDS), ("misspell_key", KINDS), ("wrong_type", KINDS),
    ("enum_case", KINDS), ("unquoted_scalar", KINDS), ("list_mapping_swap", KINDS),
    ("workspace_kind", ("workspace",)), ("endpoint_compute", ("endpoint",)), ("deployment_k8s", ("deployment",)),
    ("rule_destination", ("workspace",)), ("arm_placeholder", KINDS), ("asset_refs", ("deployment",)),
    ("nested_unknown", KINDS), ("scale_settings_no_type", ("deployment",)), ("uai_forms", ("workspace", "endpoint")),
    ("cmk", ("workspace",)), ("bool_values", KINDS), ("int_values", ("deployment",)), ("string_fields", KINDS),
    ("null_value", KINDS), ("pyyaml_constructs", KINDS), ("pyyaml_constructs", KINDS),
]


def generate_mutations(seeds: List[Doc], n: int, seed: int) -> List[Tuple[str, str, str, bytes]]:
    """(kind, label, operator, text) for n mutated documents, deterministic for (seeds, n, seed)."""
    rng = random.Random(seed)
    mut = Mutator(rng)
    by_kind = {k: [s for s in seeds if s.kind == k and isinstance(s.data, dict)] for k in KINDS}
    out: List[Tuple[str, str, str, bytes]] = []
    seen = set()
    for i in range(n):
        result = None
        for j in range(len(OPERATORS)):  # an operator that cannot apply hands over to the next one
            op, kinds = OPERATORS[(i + j) % len(OPERATORS)]
            result = _one_mutation(mut, rng, by_kind, seen, i, op, kinds)
            if result is not None:
                break
        if result is not None:
            out.append(result)
    return out


def _one_mutation(mut: "Mutator", rng: random.Random, by_kind: Dict[str, List[Doc]], seen: set, i: int, op: str,
                  kinds: Tuple[str, ...]) -> Optional[Tuple[str, str, str, bytes]]:
    kinds_avail = [k for k in kinds if by_kind[k]]
    if not kinds_avail:
        return None
    for attempt in range(12):
        kind = rng.choice(kinds_avail)
        src = rng.choice(by_kind[kind])
        data = copy.deepcopy(src.data)
        try:
            r = getattr(mut, op)(kind, data)
        except (IndexError, KeyError, TypeError, ValueError, AttributeError):
            r = None
        if r is None:
            continue
        desc, text = r
        raw = text.encode("utf-8", "surrogateescape")
        h = hashlib.sha1(kind.encode() + raw).digest()
        if h in seen and attempt < 11:  # prefer a document not generated yet
            continue
        seen.add(h)
        return kind, f"mut#{i:04d} {src.label} [{op}] {desc}", op, raw
    return None


# ============================================================================================ reporting


def safe_name(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", s)[:90].strip("_")


def write_failure(dirpath: Path, n: int, o: Outcome) -> None:
    dirpath.mkdir(parents=True, exist_ok=True)
    stem = f"{n:04d}-{o.kind}-{safe_name(o.label)}"
    (dirpath / f"{stem}.yml").write_bytes(o.raw)
    lines = [
        f"document: {o.label}",
        f"kind: {o.kind}",
        f"status: {o.status}",
        f"sdk: {o.sdk.show()}",
    ]
    if not o.sdk.loads:
        lines += [f"sdk exception: {o.sdk.error_type}", f"sdk reason: {o.sdk.reason}", "sdk message:",
                  "  " + "\n  ".join(o.sdk.message.strip().splitlines()[:40])]
    lines += [f"amlnet: {o.aml.show()}", "amlnet diagnostics:"]
    for dg in o.aml.diagnostics:
        stage = dg.get("stage", "(no stage: " + o.aml.stage_of(dg) + " by code)")
        lines.append(f"  {dg.get('severity')} {dg.get('code')} [{stage}] {dg.get('path') or '-'} "
                     f"{dg.get('line')}:{dg.get('column')}: {dg.get('message')}")
    if o.aml.failure:
        lines.append(f"  run failed: {o.aml.failure}")
    (dirpath / f"{stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def signature(o: Outcome) -> str:
    """A coarse kind of disagreement, to group the DISAGREE lines."""
    grp = f"[{o.group}] " if o.group else ""
    if o.status == "harness":
        return f"{o.kind} harness failure: {o.aml.failure[:80]}"
    if o.status == "sdk-loads/amlnet-rejects":
        codes = sorted({f"{d.get('code')}@{first_segment(d.get('path', '')) or '-'}" for d in o.aml.reading_errors})
        return f"{o.kind} {grp}SDK loads, amlnet rejects: {' '.join(codes)}"
    reason = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", o.sdk.reason)
    reason = re.sub(r"\d+", "N", reason)[:110]
    if o.status == "wrong-field":
        segs = sorted({first_segment(d.get("path", "")) or "-" for d in o.aml.reading_errors})
        return f"{o.kind} {grp}wrong field: SDK {','.join(o.sdk.fields or [])} vs amlnet {','.join(segs)} ({reason})"
    return f"{o.kind} {grp}SDK rejects, amlnet accepts: {reason}"


def describe(o: Outcome) -> str:
    tag = {"wrong-field": " (wrong field)", "harness": " (harness failure)"}.get(o.status, "")
    return f"DISAGREE {o.kind} {o.label}: sdk={o.sdk.show()} amlnet={o.aml.show()}{tag}"


def summarize(name: str, outs: List[Outcome], extra: str = "") -> str:
    c = Counter(o.status for o in outs)
    loads = sum(1 for o in outs if o.sdk.loads)
    dis = sum(c[s] for s in FAILING)
    detail = ", ".join(f"{s} {c[s]}" for s in FAILING if c[s])
    return (f"{name}: {len(outs)} documents{extra}: SDK loads {loads}, SDK rejects {len(outs) - loads}; "
            f"stricter-only {c['stricter']}; disagreements {dis}" + (f" ({detail})" if detail else ""))


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--amlnet", required=True, help="path to the amlnet binary")
    ap.add_argument("--corpus", default=str(ROOT / "tests" / "corpus"))
    ap.add_argument("--examples", default=str(ROOT / "tests" / "examples"))
    ap.add_argument("--mutations", type=int, default=0, help="number of mutated documents (default 0)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--verbose", action="store_true", help="print every document's verdicts")
    ap.add_argument("--write-failures", metavar="DIR", help="write each disagreeing document (+ .txt) into DIR")
    ap.add_argument("--no-demo", action="store_true", help="do not add the `amlnet demo` documents")
    args = ap.parse_args(argv)

    amlnet = str(Path(args.amlnet).resolve())
    if not os.access(amlnet, os.X_OK):
        print(f"error: {args.amlnet} is not an executable", file=sys.stderr)
        return 2
    fail_dir = Path(args.write_failures) if args.write_failures else None
    if fail_dir is not None:
        for sub in ("corpus", "mutations"):
            if (fail_dir / sub).is_dir():
                for p in (fail_dir / sub).iterdir():
                    if p.is_file() and p.suffix in (".yml", ".txt"):
                        p.unlink()
    t0 = time.monotonic()
    tmp_root = Path(tempfile.mkdtemp(prefix="amlnet-parity-"))
    runner = Runner(amlnet, tmp_root)
    nfail = 0
    sig_counts: Counter = Counter()
    stage_seen = False

    def report(o: Outcome, folder: str) -> None:
        """Prints (and with --write-failures keeps) one judged document."""
        nonlocal nfail, stage_seen
        stage_seen |= o.aml.has_stage
        if args.verbose:
            print(f"{o.status:26} {o.kind:10} {o.label}: sdk={o.sdk.show()} amlnet={o.aml.show()}", flush=True)
        if o.status in FAILING:
            print(describe(o), flush=True)
            sig_counts[signature(o)] += 1
            nfail += 1
            if fail_dir is not None:
                write_failure(fail_dir / folder, nfail, o)

    try:
        corpus = corpus_docs(Path(args.corpus))
        examples = example_docs(Path(args.examples))
        demo = [] if args.no_demo else demo_docs(amlnet, tmp_root)
        base = corpus + examples + demo
        outcomes: List[Outcome] = []
        for doc in base:
            o = judge(doc.kind, doc.label, doc.raw, runner)
            outcomes.append(o)
            if o.sdk.loads:
                try:
                    doc.data = yaml.safe_load(doc.raw.decode("utf-8-sig"))
                except Exception:  # noqa: BLE001
                    doc.data = None
            report(o, "corpus")
        t1 = time.monotonic()
        base_line = summarize("corpus", outcomes, f" ({len(corpus)} corpus, {len(examples)} examples, {len(demo)} demo)")
        base_line += f" [{t1 - t0:.1f}s]"

        mut_line = None
        mouts: List[Outcome] = []
        if args.mutations > 0:
            seeds = [d for d, o in zip(base, outcomes) if o.sdk.loads and isinstance(d.data, dict)]
            muts = generate_mutations(seeds, args.mutations, args.seed)
            for kind, label, op, raw in muts:
                o = judge(kind, label, raw, runner, group=op)
                mouts.append(o)
                report(o, "mutations")
            t2 = time.monotonic()
            ops = Counter(o.group for o in mouts)
            mut_line = summarize("mutations", mouts, f" (seed {args.seed}, {len(seeds)} seed documents, "
                                 f"{len(ops)} operators)") + f" [{t2 - t1:.1f}s]"
        print(base_line, flush=True)
        if mut_line:
            print(mut_line, flush=True)
        if sig_counts:
            print("disagreement kinds (count, kind):")
            for s, c in sorted(sig_counts.items(), key=lambda x: (-x[1], x[0])):
                print(f"  {c:5d}  {s}")
        if not stage_seen:
            print("note: no diagnostic carried `stage`; reading-stage errors were recognised by code")
        total = len(outcomes) + len(mouts)
        print(f"time: {time.monotonic() - t0:.1f}s; azure-ai-ml {SDK_VERSION}")
        print(f"parity: {total - nfail} passed, {nfail} failed")
        return 1 if nfail else 0
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
