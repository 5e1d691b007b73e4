#!/usr/bin/env python3
"""Runs amlnet's Python export against the real azure-mgmt-network, azure-mgmt-privatedns and
azure-mgmt-authorization classes (the azure-cli venv), and prints the management calls it makes as JSON.

    /opt/azcli/bin/python tests/conformance/mgmt_calls.py amlnet_deploy.py > calls.json

azure-ai-ml and azure-identity are not in that venv: they are stand-ins here (the main conformance run checks
the azure-ai-ml calls against the real SDK). The management clients are the real classes, built with a fake
credential; each operation amlnet calls is replaced by a recorder that binds the call to the real method's
signature (a wrong or missing argument fails as it would in Azure's SDK), checks the body is the real model
class, and records the body serialized to its REST JSON (`as_dict()`, the wire format). Nothing is sent.

The workspace that `ml_client.workspaces.get` returns has the system-assigned principal `ws-principal` and,
for every id in AMLNET_FAKE_UAIS (comma-separated), a user-assigned identity whose principal is
`uai-principal:<id>`; its location is AMLNET_FAKE_LOCATION (default eastus).
"""
import contextlib
import inspect
import json
import os
import runpy
import sys
import types
from unittest import mock

from azure.mgmt.authorization import models as auth_models
from azure.mgmt.authorization.operations import RoleAssignmentsOperations
from azure.mgmt.network import models as net_models
from azure.mgmt.network.operations import PrivateDnsZoneGroupsOperations, PrivateEndpointsOperations
from azure.mgmt.privatedns import models as dns_models
from azure.mgmt.privatedns.operations import PrivateZonesOperations, VirtualNetworkLinksOperations

CALLS = []
PROBLEMS = []

RECORDED = [
    (PrivateEndpointsOperations, "begin_create_or_update", net_models.PrivateEndpoint),
    (PrivateDnsZoneGroupsOperations, "begin_create_or_update", net_models.PrivateDnsZoneGroup),
    (PrivateZonesOperations, "begin_create_or_update", dns_models.PrivateZone),
    (VirtualNetworkLinksOperations, "begin_create_or_update", dns_models.VirtualNetworkLink),
    (RoleAssignmentsOperations, "create", auth_models.RoleAssignmentCreateParameters),
]


def rest(model):
    """The REST JSON of a model: `as_dict()` of the typespec models, `serialize()` of the msrest ones."""
    if hasattr(model, "serialize") and not hasattr(model, "_attribute_map_hybrid"):
        try:
            return model.serialize()
        except Exception:  # noqa: BLE001
            pass
    return model.as_dict()


class Poller:
    def result(self, *a, **k):
        return None

    def wait(self, *a, **k):
        return None


def recorder(cls, name, model_cls):
    real = getattr(cls, name)
    sig = inspect.signature(real)

    def record(self, *args, **kwargs):
        try:
            bound = sig.bind(self, *args, **kwargs)
        except TypeError as e:
            PROBLEMS.append(f"{cls.__name__}.{name}: {e}")
            return Poller()
        out = {}
        for k, v in bound.arguments.items():
            if k in ("self", "kwargs"):
                continue
            if k == "parameters":
                if not isinstance(v, model_cls):
                    PROBLEMS.append(f"{cls.__name__}.{name}: parameters is {type(v).__name__}, not {model_cls.__name__}")
                    continue
                out[k] = rest(v)
            else:
                out[k] = v
        sub = getattr(getattr(self, "_config", None), "subscription_id", None)
        CALLS.append({"op": f"{cls.__name__}.{name}", "subscription": sub, "args": out})
        return Poller() if name.startswith("begin_") else None

    return record


def stand_in_modules():
    """azure.ai.ml and azure.identity: every entity a MagicMock class, MLClient a fake."""
    uais = [u for u in os.environ.get("AMLNET_FAKE_UAIS", "").split(",") if u]
    workspace = types.SimpleNamespace(
        name=os.environ.get("WORKSPACE_NAME"),
        location=os.environ.get("AMLNET_FAKE_LOCATION", "eastus"),
        identity=types.SimpleNamespace(
            principal_id="ws-principal",
            user_assigned_identities=[types.SimpleNamespace(resource_id=u, principal_id=f"uai-principal:{u}") for u in uais],
        ),
    )

    class FakeMLClient:
        def __init__(self, *a, **k):
            ops = mock.MagicMock()
            ops.get.return_value = workspace
            ops.begin_create.return_value.result.return_value = workspace
            ops.begin_update.return_value.result.return_value = workspace
            self.workspaces = ops
            self.workspace_outbound_rules = mock.MagicMock()
            self.online_endpoints = mock.MagicMock()
            self.online_deployments = mock.MagicMock()

    ml = types.ModuleType("azure.ai.ml")
    ml.MLClient = FakeMLClient
    for loader in ("load_online_deployment", "load_online_endpoint", "load_workspace"):
        setattr(ml, loader, mock.MagicMock())
    entities = types.ModuleType("azure.ai.ml.entities")
    entities.__getattr__ = lambda name: mock.MagicMock(name=name)
    ai = types.ModuleType("azure.ai")
    identity = types.ModuleType("azure.identity")
    identity.DefaultAzureCredential = lambda *a, **k: types.SimpleNamespace(get_token=lambda *s, **kw: None)
    sys.modules.update({"azure.ai": ai, "azure.ai.ml": ml, "azure.ai.ml.entities": entities, "azure.identity": identity})


def main():
    script = sys.argv[1]
    stand_in_modules()
    for cls, name, model_cls in RECORDED:
        setattr(cls, name, recorder(cls, name, model_cls))
    error = None
    try:
        with contextlib.redirect_stdout(sys.stderr):
            runpy.run_path(script, run_name="__main__")
    except SystemExit as e:
        if e.code not in (None, 0):
            error = f"exit {e.code}"
    except Exception as e:  # noqa: BLE001
        error = f"{type(e).__name__}: {e}"
    json.dump({"calls": CALLS, "problems": PROBLEMS, "error": error}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
