#!/usr/bin/env python3
"""Checks amlnet's change plans against azure-ai-ml 1.35.2: the Python script of every plan runs with the
conformance fakes (every call bound to the real operation's `inspect.signature`), and what it sends matches
what the SDK itself reads from the desired documents.

    python3 tests/conformance/plan_check.py AMLNET_BINARY [CASES_DIR...]

The bash script of every plan runs with a recording `az` stub, and each step's commands are checked the same
way: rule flags rebuilt into SDK rules, and the documents written for `--file`, must equal the SDK's reading of
the desired documents.

A case is a directory with `current` (a file, YAML or `az ml ... show` JSON, or a directory of them) and
`desired/*.yml`; a file `force` in the case runs `amlnet plan --force` (documents with errors), a file `flags`
adds its words to the command line (`--inbound-pe-subnet ...`). Without
CASES_DIR: tests/plan/cases/* and the change-plan fixtures tests/fixtures/*/* (folders with current.*).
One line per check (`PASS name` / `FAIL name: reason`), then `plan-check: N passed, M failed`; exit 1 if M > 0.
"""
from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

_spec = importlib.util.spec_from_file_location("conformance", HERE / "conformance.py")
assert _spec and _spec.loader
conformance = importlib.util.module_from_spec(_spec)
sys.modules["conformance"] = conformance
_spec.loader.exec_module(conformance)

from azure.ai.ml import load_online_deployment, load_online_endpoint, load_workspace  # noqa: E402
from azure.ai.ml.entities import ManagedOnlineEndpoint, OnlineDeployment, OnlineEndpoint, Workspace  # noqa: E402
from azure.ai.ml.operations import ComputeOperations  # noqa: E402

Results = conformance.Results
World, Call, FakePoller = conformance.World, conformance.Call, conformance.FakePoller
TEST_ENV = conformance.TEST_ENV


def make_fakes(world: World):
    """The conformance fakes, plus `compute`, and `online_endpoints.get` returning the endpoint as it is now."""
    FakeMLClient, FakeCredential = conformance.make_fakes(world)

    class Group:
        def __init__(self, attr: str, real_cls: type, client: Dict[str, Any]) -> None:
            self._attr, self._real, self._client = attr, real_cls, client

        def __getattr__(self, meth: str) -> Any:
            real = getattr(self._real, meth, None)
            if meth.startswith("_") or real is None or not callable(real):
                raise AttributeError(f"{self._real.__name__} has no public method {meth!r}")
            label = f"ml_client.{self._attr}.{meth}"

            def method(*args: Any, **kwargs: Any) -> Any:
                a = conformance._bind(world, real, label, args, kwargs)
                world.calls.append(Call(self._attr, meth, a, self._client, conformance._fmt_call(label, args, kwargs)))
                if meth == "get":
                    return ManagedOnlineEndpoint(name=a.get("name"), auth_mode="key", traffic={})
                if meth == "list":
                    return iter(())
                if meth.startswith("begin_"):
                    value = next((v for k, v in a.items() if k in ("workspace", "rule", "endpoint", "deployment")), None)
                    return FakePoller(world, value, label)
                return None

            return method

    class PlanMLClient(FakeMLClient):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.compute = Group("compute", ComputeOperations, self._args)
            self.online_endpoints = Group("online_endpoints", conformance.OnlineEndpointOperations, self._args)

    return PlanMLClient, FakeCredential


class MarkedOut(io.StringIO):
    """stdout of the script: each `Done: <step>` line marks the end of a step's calls."""

    def __init__(self, world: World) -> None:
        super().__init__()
        self.world = world

    def write(self, s: str) -> int:
        if s.startswith("Done: "):
            self.world.calls.append(Call("#", "done", {"title": s[6:].strip()}, {}, "print"))
        return super().write(s)


def run_script(script: Path, cwd: Path) -> Tuple[World, Optional[str]]:
    world = World()
    PlanMLClient, FakeCredential = make_fakes(world)
    out = MarkedOut(world)
    error: Optional[str] = None
    import contextlib
    import runpy
    from unittest import mock

    import azure.ai.ml
    import azure.identity

    # The management-plane SDKs are stand-ins here, as in conformance.py (mgmt_calls.py checks them for real).
    mgmt = {name: mock.MagicMock(name=name) for name in conformance.MGMT_MODULES}
    with conformance.script_env(dict(TEST_ENV), cwd), mock.patch.dict(sys.modules, mgmt), \
            mock.patch.object(azure.ai.ml, "MLClient", PlanMLClient), \
            mock.patch.object(azure.identity, "DefaultAzureCredential", FakeCredential), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            runpy.run_path(str(script), run_name="__main__")
        except SystemExit as e:
            if e.code not in (0, None):
                error = f"SystemExit({e.code!r})"
        except BaseException as e:  # noqa: BLE001
            error = conformance.exc_text(e)
    return world, error


def split_steps(world: World) -> List[List[Any]]:
    steps: List[List[Any]] = [[]]
    for c in world.calls:
        if c.group == "#":
            steps.append([])
        else:
            steps[-1].append(c)
    return steps[:-1] if not steps[-1] else steps + [["unterminated"]]


def rest(entity: Any) -> Any:
    """A JSON-like view of an SDK entity's REST body."""
    obj = entity._to_rest_object()
    return obj.as_dict() if hasattr(obj, "as_dict") else obj.serialize()


def desired_docs(files: List[Path]) -> Dict[str, Any]:
    docs: Dict[str, Any] = {"deployments": {}}
    for f in files:
        text = f.read_text(encoding="utf-8")
        try:
            if "endpoint_name:" in text:
                d = load_online_deployment(str(f))
                docs["deployments"][d.name] = d
            elif "auth_mode:" in text:
                docs["endpoint"] = load_online_endpoint(str(f))
            else:
                docs["workspace"] = load_workspace(str(f))
        except Exception as e:  # noqa: BLE001 - a desired document the SDK refuses is reported by amlnet
            docs.setdefault("errors", []).append(f"{f.name}: {conformance.exc_text(e)}")
    return docs


def check_step(step: Dict[str, Any], calls: List[Any], docs: Dict[str, Any]) -> List[str]:
    kind = step["kind"]
    problems: List[str] = []
    methods = [(c.group, c.method) for c in calls if not isinstance(c, str)]
    ws_name = TEST_ENV["WORKSPACE_NAME"]

    def one(group: str, method: str) -> Optional[Any]:
        found = [c for c in calls if not isinstance(c, str) and (c.group, c.method) == (group, method)]
        if len(found) != 1:
            problems.append(f"{kind}: expected one {group}.{method}, got {methods}")
            return None
        return found[0]

    if kind == "delete_first":
        for need in (("compute", "list"), ("online_endpoints", "list")):
            if need not in methods:
                problems.append(f"delete_first: no {need[0]}.{need[1]} guard")
    elif kind in ("assign_approver_role", "create_inbound_endpoint"):
        # Management-plane calls (azure-mgmt-*, checked by mgmt_calls.py); of azure-ai-ml only a workspace read.
        if any(m != ("workspaces", "get") for m in methods):
            problems.append(f"{kind}: unexpected azure-ai-ml calls {methods}")
    elif kind == "update_workspace":
        c = one("workspaces", "begin_update")
        if c:
            w = c.args.get("workspace")
            want = docs.get("workspace")
            if not isinstance(w, Workspace):
                problems.append(f"update_workspace: sends {type(w).__name__}")
            elif w.name != ws_name:
                problems.append(f"update_workspace: name {w.name!r}, not WORKSPACE_NAME")
            elif want is not None:
                if w.managed_network is not None:
                    if w.managed_network.outbound_rules:
                        problems.append("update_workspace: sends outbound rules (they are set one by one)")
                    if want.managed_network and w.managed_network.isolation_mode != want.managed_network.isolation_mode:
                        problems.append(f"update_workspace: isolation mode {w.managed_network.isolation_mode!r}, "
                                        f"desired {want.managed_network.isolation_mode!r}")
                    sku = w.managed_network.firewall_sku
                    want_sku = want.managed_network.firewall_sku if want.managed_network else None
                    if sku is not None and want_sku is not None and str(sku).lower() != str(want_sku).lower():
                        problems.append(f"update_workspace: firewall SKU {sku!r}, desired {want_sku!r}")
                if w.public_network_access is not None and w.public_network_access != want.public_network_access:
                    problems.append(f"update_workspace: public_network_access {w.public_network_access!r}, "
                                    f"desired {want.public_network_access!r}")
    elif kind == "remove_rule":
        c = one("workspace_outbound_rules", "begin_remove")
        if c and c.args.get("workspace_name") != ws_name:
            problems.append(f"remove_rule: workspace {c.args.get('workspace_name')!r}")
        if c and not step["title"].endswith(f"`{c.args.get('outbound_rule_name')}`"):
            problems.append(f"remove_rule: removes {c.args.get('outbound_rule_name')!r}, the step says {step['title']!r}")
    elif kind == "set_rule":
        c = one("workspace_outbound_rules", "begin_create")
        if c:
            rule = c.args.get("rule")
            want_ws = docs.get("workspace")
            wanted = {r.name: r for r in (want_ws.managed_network.outbound_rules or [])} if want_ws and want_ws.managed_network else {}
            if c.args.get("workspace_name") != ws_name:
                problems.append(f"set_rule: workspace {c.args.get('workspace_name')!r}")
            elif rule is None or rule.name not in wanted:
                problems.append(f"set_rule: rule {getattr(rule, 'name', None)!r} is not in the desired document")
            else:
                diff = conformance.deep_diff(rest(wanted[rule.name]), rest(rule))
                if diff:
                    problems.append(f"set_rule {rule.name!r}: REST body differs from the SDK's reading of the YAML: {diff}")
    elif kind == "provision_network":
        c = one("workspaces", "begin_provision_network")
        if c:
            spark = "with Spark" in step["title"]
            if bool(c.args.get("include_spark")) != spark or c.args.get("workspace_name") != ws_name:
                problems.append(f"provision_network: {c.label}")
    elif kind in ("create_endpoint", "update_endpoint"):
        c = one("online_endpoints", "begin_create_or_update")
        want = docs.get("endpoint")
        if c and want is not None:
            ep = c.args.get("endpoint")
            if not isinstance(ep, OnlineEndpoint) or ep.name != want.name:
                problems.append(f"{kind}: sends {ep!r}")
            elif (ep.public_network_access or "enabled").lower() != (want.public_network_access or "enabled").lower():
                problems.append(f"{kind}: public_network_access {ep.public_network_access!r}, desired {want.public_network_access!r}")
            elif kind == "create_endpoint":
                diff = conformance.deep_diff(conformance.fp_endpoint(want), conformance.fp_endpoint(ep))
                if diff:
                    problems.append(f"create_endpoint: differs from the SDK's reading of the YAML: {diff}")
    elif kind in ("create_deployment", "recreate_deployment"):
        creates = [c for c in calls if not isinstance(c, str) and (c.group, c.method) == ("online_deployments", "begin_create_or_update")]
        if len(creates) != 1:
            problems.append(f"{kind}: expected one deployment create, got {methods}")
        else:
            dep = creates[0].args.get("deployment")
            want = docs["deployments"].get(getattr(dep, "name", None))
            if not isinstance(dep, OnlineDeployment) or want is None:
                problems.append(f"{kind}: sends {dep!r}, not a desired deployment")
            else:
                diff = conformance.deep_diff(conformance.fp_deployment(want), conformance.fp_deployment(dep))
                if diff:
                    problems.append(f"{kind} {dep.name!r}: differs from the SDK's reading of the YAML: {diff}")
        if kind == "recreate_deployment":
            deletes = [c for c in calls if not isinstance(c, str) and (c.group, c.method) == ("online_deployments", "begin_delete")]
            if len(deletes) != 1 or len(creates) != 1 or calls.index(deletes[0]) > calls.index(creates[0]):
                problems.append(f"recreate_deployment: needs one delete before the create, got {methods}")
    else:
        problems.append(f"unknown step kind {kind!r}")
    return problems


def run_case(case: Path, amlnet: str, res: Results, tmp: Path) -> None:
    name = case.relative_to(ROOT).as_posix() if case.is_relative_to(ROOT) else case.name
    current = case / "current"
    if not current.exists():
        current = next(iter(sorted(case.glob("current.*"))), current)
    desired = sorted((case / "desired").glob("*.y*ml")) if (case / "desired").is_dir() else \
        sorted(p for p in case.glob("*.y*ml") if p.stem not in ("current", "policy"))
    args = [amlnet, "plan", str(current), *map(str, desired), "--format", "json", "--no-policy"]
    policy = case / "policy.yml"
    if policy.exists():  # a policy fixture: the plan breaks the policy, so it is planned with --force
        args[-1:] = ["--policy", str(policy), "--force"]
    elif (case / "force").exists():
        args.append("--force")
    if (case / "flags").exists():  # more `amlnet plan` flags (the networking settings), one line
        args += (case / "flags").read_text(encoding="utf-8").split()
    proc = subprocess.run(args, capture_output=True, text=True)
    if not res.add(f"{name}/plan-json", proc.returncode in (0, 1) and proc.stdout.strip().startswith("{"),
                   f"exit {proc.returncode}: {proc.stderr.strip()[-400:]}"):
        return
    plan = json.loads(proc.stdout)
    refused = any(w["severity"] == "error" for w in plan["warnings"])
    # 1 for a refused change, or for documents with errors planned anyway (`--force`); 0 otherwise.
    expected = 1 if refused or "error[" in proc.stderr else 0
    res.add(f"{name}/exit-code", proc.returncode == expected, f"exit {proc.returncode}, expected {expected}")
    script = tmp / (case.name + ".py")
    script.write_text(plan["python"], encoding="utf-8")
    try:
        compile(plan["python"], str(script), "exec")
    except SyntaxError as e:
        res.add(f"{name}/python-compiles", False, str(e))
        return
    world, error = run_script(script, tmp)
    res.add(f"{name}/python-runs", error is None and not world.shape_errors, error or "; ".join(world.shape_errors))
    res.add(f"{name}/python-awaits", all(p.awaited for p in world.pollers),
            ", ".join(p.label for p in world.pollers if not p.awaited))
    res.add(f"{name}/python-no-private", not world.private_access, ", ".join(world.private_access))
    clients = world.clients
    res.add(f"{name}/python-target", all(c.get("workspace_name") == TEST_ENV["WORKSPACE_NAME"]
                                         and c.get("resource_group_name") == TEST_ENV["RESOURCE_GROUP"]
                                         and c.get("subscription_id") == TEST_ENV["SUBSCRIPTION_ID"] for c in clients),
            f"{clients}")
    steps = split_steps(world)
    if not res.add(f"{name}/python-steps", len(steps) == len(plan["steps"]),
                   f"{len(steps)} marked step(s) for {len(plan['steps'])} planned"):
        return
    docs = desired_docs(desired)
    problems: List[str] = []
    for step, calls in zip(plan["steps"], steps):
        problems += check_step(step, calls, docs)
    res.problems(f"{name}/python-calls", problems)
    check_bash(name, plan, docs, res, tmp)


AZ_STUB = r'''#!/usr/bin/env python3
# plan-check stub for `az`: log argv, copy --file inputs, list nothing, succeed.
import json, os, shutil, sys
LOG = __LOG__
args = sys.argv[1:]
logf = os.path.join(LOG, "az.log")
n = sum(1 for _ in open(logf, encoding="utf-8")) if os.path.exists(logf) else 0
copy = None
for i, a in enumerate(args):
    if a == "--file" and i + 1 < len(args) and os.path.isfile(args[i + 1]):
        copy = os.path.join(LOG, "%d.yml" % n)
        shutil.copyfile(args[i + 1], copy)
with open(logf, "a", encoding="utf-8") as f:
    f.write(json.dumps({"argv": args, "copy": copy}) + "\n")
sys.exit(0)
'''

# `az` invocations in a step's bash: at the start of a line or inside `$(...)`.
AZ_CALL = re.compile(r"(?:^|\$\()az ", re.M)


def flags_of(argv: List[str]) -> Tuple[List[str], Dict[str, Optional[str]]]:
    words: List[str] = []
    i = 0
    while i < len(argv) and not argv[i].startswith("-"):
        words.append(argv[i])
        i += 1
    flags: Dict[str, Optional[str]] = {}
    while i < len(argv):
        if i + 1 < len(argv) and not argv[i + 1].startswith("--"):
            flags[argv[i]] = argv[i + 1]
            i += 2
        else:
            flags[argv[i]] = None
            i += 1
    return words, flags


def check_bash_step(step: Dict[str, Any], calls: List[Dict[str, Any]], docs: Dict[str, Any]) -> List[str]:
    kind = step["kind"]
    problems: List[str] = []
    parsed = [(flags_of(c["argv"]), c.get("copy")) for c in calls]
    cmds = [" ".join(w) for (w, _), _ in parsed]
    ws_env = TEST_ENV["WORKSPACE_NAME"]
    for (words, flags), _ in parsed:
        target = flags.get("--workspace-name", flags.get("--name")) if words[:2] == ["ml", "workspace"] or "--workspace-name" in flags else None
        if target is not None and words[:3] != ["ml", "online-endpoint", "update"] and words[:3] != ["ml", "online-deployment", "delete"] \
                and target != ws_env:
            problems.append(f"{kind}: `az {' '.join(words)}` targets {target!r}, not WORKSPACE_NAME")
    want_ws = docs.get("workspace")
    wanted_rules = {r.name: r for r in (want_ws.managed_network.outbound_rules or [])} if want_ws and want_ws.managed_network else {}

    def only(cmd: str) -> Optional[Tuple[Dict[str, Optional[str]], Optional[str]]]:
        found = [(f, c) for (w, f), c in parsed if " ".join(w) == cmd]
        if len(found) != 1:
            problems.append(f"{kind}: expected one `az {cmd}`, got {cmds}")
            return None
        return found[0]

    if kind == "delete_first":
        for need in ("ml compute list", "ml online-endpoint list"):
            if need not in cmds:
                problems.append(f"delete_first: no `az {need}` guard")
    elif kind == "assign_approver_role":
        roles = [f for (w, f), _ in parsed if w[:3] == ["role", "assignment", "create"]]
        if not roles or any(f.get("--role") != conformance.APPROVER_ROLE or f.get("--assignee-principal-type") != "ServicePrincipal"
                            for f in roles):
            problems.append(f"assign_approver_role: {roles}")
    elif kind == "create_inbound_endpoint":
        pes = [f for (w, f), _ in parsed if w[:3] == ["network", "private-endpoint", "create"]]
        if not pes or any(f.get("--group-id") != "amlworkspace" for f in pes):
            problems.append(f"create_inbound_endpoint: {pes}")
    elif kind == "update_workspace":
        got = only("ml workspace update")
        if got and want_ws is not None:
            flags, copy = got
            if copy:
                sent = load_workspace(copy)
                if sent.managed_network and want_ws.managed_network and sent.managed_network.isolation_mode != want_ws.managed_network.isolation_mode:
                    problems.append(f"update_workspace: the file sets {sent.managed_network.isolation_mode!r}")
                if sent.managed_network and sent.managed_network.outbound_rules:
                    problems.append("update_workspace: the file holds outbound rules")
                want_sku = (want_ws.managed_network.firewall_sku if want_ws.managed_network else None) or "standard"
                if sent.managed_network and str(sent.managed_network.firewall_sku).lower() != str(want_sku).lower() \
                        and want_ws.managed_network and want_ws.managed_network.isolation_mode == "allow_only_approved_outbound":
                    problems.append(f"update_workspace: the file sets firewall SKU {sent.managed_network.firewall_sku!r}")
                pna = sent.public_network_access
            else:
                pna = flags.get("--public-network-access")
            if pna is not None and pna != want_ws.public_network_access:
                problems.append(f"update_workspace: public network access {pna!r}, desired {want_ws.public_network_access!r}")
    elif kind == "remove_rule":
        got = only("ml workspace outbound-rule remove")
        if got and not step["title"].endswith(f"`{got[0].get('--rule')}`"):
            problems.append(f"remove_rule: removes {got[0].get('--rule')!r}")
    elif kind == "set_rule":
        got = only("ml workspace outbound-rule set")
        if got:
            name = got[0].get("--rule")
            rule = conformance.rule_from_flags(name, got[0])
            if name not in wanted_rules or rule is None:
                problems.append(f"set_rule: rule {name!r} is not in the desired document")
            else:
                diff = conformance.deep_diff(rest(wanted_rules[name]), rest(rule))
                if diff:
                    problems.append(f"set_rule {name!r}: the flags make another REST body than the SDK's reading of the YAML: {diff}")
    elif kind == "provision_network":
        got = only("ml workspace provision-network")
        if got and ("--include-spark" in got[0]) != ("with Spark" in step["title"]):
            problems.append(f"provision_network: flags {got[0]}")
    elif kind == "create_endpoint":
        got = only("ml online-endpoint create")
        want = docs.get("endpoint")
        if got and want is not None:
            sent = load_online_endpoint(got[1]) if got[1] else None
            diff = conformance.deep_diff(conformance.fp_endpoint(want), conformance.fp_endpoint(sent)) if sent else ["no file"]
            if diff:
                problems.append(f"create_endpoint: the file differs from the desired endpoint: {diff}")
    elif kind == "update_endpoint":
        got = only("ml online-endpoint update")
        want = docs.get("endpoint")
        if got and want is not None and got[0].get("--set") != f"public_network_access={want.public_network_access}":
            problems.append(f"update_endpoint: --set {got[0].get('--set')!r}")
    elif kind in ("create_deployment", "recreate_deployment"):
        got = only("ml online-deployment create")
        if got:
            sent = load_online_deployment(got[1]) if got[1] else None
            want = docs["deployments"].get(getattr(sent, "name", None))
            if sent is None or want is None:
                problems.append(f"{kind}: no desired deployment in the file")
            else:
                diff = conformance.deep_diff(conformance.fp_deployment(want), conformance.fp_deployment(sent))
                if diff:
                    problems.append(f"{kind} {sent.name!r}: the file differs from the desired deployment: {diff}")
        if kind == "recreate_deployment" and (cmds.count("ml online-deployment delete") != 1
                                              or cmds.index("ml online-deployment delete") > cmds.index("ml online-deployment create")):
            problems.append(f"recreate_deployment: needs one delete before the create, got {cmds}")
    return problems


def check_bash(name: str, plan: Dict[str, Any], docs: Dict[str, Any], res: Results, tmp: Path) -> None:
    base = Path(tempfile.mkdtemp(dir=tmp))
    script = base / "plan.sh"
    script.write_text(plan["bash"], encoding="utf-8")
    proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    if not res.add(f"{name}/bash-n", proc.returncode == 0, proc.stderr.strip()):
        return
    bindir, logdir, work = base / "bin", base / "log", base / "work"
    for d in (bindir, logdir, work):
        d.mkdir()
    stub = bindir / "az"
    stub.write_text(AZ_STUB.replace("__LOG__", repr(str(logdir))), encoding="utf-8")
    stub.chmod(0o755)
    env = {"PATH": f"{bindir}:{os.environ.get('PATH', '/usr/bin:/bin')}", "HOME": str(base), "LANG": "C.UTF-8", **TEST_ENV}
    proc = subprocess.run(["bash", str(script)], env=env, cwd=str(work), capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    if not res.add(f"{name}/bash-runs", proc.returncode == 0, proc.stderr.strip()[-400:]):
        return
    log = logdir / "az.log"
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    counts = [len(AZ_CALL.findall(step["bash"])) for step in plan["steps"]]
    head = 2 if plan["steps"] else 0  # az extension show --name ml, az account set
    ok = res.add(f"{name}/bash-calls-count", len(calls) == head + sum(counts), f"{len(calls)} az calls for {counts}")
    if calls[:head] and calls[0]["argv"][:4] != ["extension", "show", "--name", "ml"]:
        res.add(f"{name}/bash-ml-extension", False, str(calls[0]["argv"]))
    if calls[:head] and calls[1]["argv"] != ["account", "set", "--subscription", TEST_ENV["SUBSCRIPTION_ID"]]:
        res.add(f"{name}/bash-subscription", False, str(calls[1]["argv"]))
    core = [c["argv"] for c in calls if c["argv"] and c["argv"][0] != "ml"]
    parsed = conformance.real_az_parse(core)
    if parsed is None:
        res.add(f"{name}/az-parser", False, f"the Azure CLI venv is missing ({conformance.AZ_PYTHON})")
    else:
        res.problems(f"{name}/az-parser", [f"`az {' '.join(a[:5])}`: {r['error']}" for a, r in zip(core, parsed) if not r["ok"]])
    if not ok:
        return
    problems: List[str] = []
    i = head
    for step, n in zip(plan["steps"], counts):
        problems += check_bash_step(step, calls[i:i + n], docs)
        i += n
    res.problems(f"{name}/bash-commands", problems)


def default_cases() -> List[Path]:
    cases = sorted(p for p in (ROOT / "tests/plan/cases").iterdir() if p.is_dir())
    for code_dir in sorted((ROOT / "tests/fixtures").iterdir()):
        if code_dir.is_dir():
            cases += sorted(p for p in code_dir.iterdir() if p.is_dir() and any(p.glob("current.*")))
    return cases


def main(argv: List[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    amlnet = argv[0]
    cases = [Path(a).resolve() for a in argv[1:]] or default_cases()
    res = Results()
    with tempfile.TemporaryDirectory(prefix="amlnet-plan-check-") as tmp:
        for case in cases:
            try:
                run_case(case, amlnet, res, Path(tmp))
            except Exception as e:  # noqa: BLE001 - one crashing case must not hide the others
                res.add(f"{case.name}/runner", False, "runner crashed: " + conformance.exc_text(e))
    print(f"plan-check: {res.passed} passed, {res.failed} failed")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
