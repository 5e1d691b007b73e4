"""Builds the `az ml workspace show` (and `online-endpoint show`, `online-deployment show`) samples in this folder (show-*.json).

How: an ARM GET response body (api-version 2025-12-01 shape, camelCase, as the service returns it for a
workspace with a managed network) is deserialized into azure-ai-ml 1.35.2's REST model, converted with
`Workspace._from_rest_object` (what `ml_client.workspaces.get` does), and dumped with `_to_dict()`
(what `az ml workspace show` prints). Run: python3 tests/plan/build_show_json.py
"""

import json
import os

from azure.ai.ml._restclient.arm_ml_service.models import OnlineDeployment as RestDeployment
from azure.ai.ml._restclient.arm_ml_service.models import OnlineEndpoint as RestEndpoint
from azure.ai.ml._restclient.arm_ml_service.models import Workspace as RestWorkspace
from azure.ai.ml.entities import OnlineDeployment, OnlineEndpoint, Workspace

SUB = "00000000-0000-0000-0000-000000000000"
HERE = os.path.dirname(os.path.abspath(__file__))


def arm_id(rg, provider, name):
    return f"/subscriptions/{SUB}/resourceGroups/{rg}/providers/{provider}/{name}"


def body(name, rg, mode, rules, pna="Disabled", status="Active", spark_ready=False, sku="Standard"):
    ws_id = arm_id(rg, "Microsoft.MachineLearningServices/workspaces", name)
    sa = arm_id(rg, "Microsoft.Storage/storageAccounts", "sacontoso01")
    kv = arm_id(rg, "Microsoft.KeyVault/vaults", "kv-contoso-01")
    acr = arm_id(rg, "Microsoft.ContainerRegistry/registries", "acrcontoso01")
    ai = arm_id(rg, "Microsoft.Insights/components", "ai-contoso-01")
    required = {
        f"__SYS_PE_{name}_amlworkspace": {
            "type": "PrivateEndpoint",
            "category": "Required",
            "status": "Active",
            "destination": {"serviceResourceId": ws_id, "subresourceTarget": "amlworkspace", "sparkEnabled": False, "sparkStatus": "Inactive"},
        },
        "__SYS_PE_sacontoso01_blob": {
            "type": "PrivateEndpoint",
            "category": "Required",
            "status": "Active",
            "destination": {"serviceResourceId": sa, "subresourceTarget": "blob", "sparkEnabled": spark_ready, "sparkStatus": "Active" if spark_ready else "Inactive"},
        },
        "__SYS_PE_sacontoso01_file": {
            "type": "PrivateEndpoint",
            "category": "Required",
            "status": "Active",
            "destination": {"serviceResourceId": sa, "subresourceTarget": "file", "sparkEnabled": False, "sparkStatus": "Inactive"},
        },
        "__SYS_PE_kv-contoso-01_vault": {
            "type": "PrivateEndpoint",
            "category": "Required",
            "status": "Active",
            "destination": {"serviceResourceId": kv, "subresourceTarget": "vault", "sparkEnabled": False, "sparkStatus": "Inactive"},
        },
        "__SYS_PE_acrcontoso01_registry": {
            "type": "PrivateEndpoint",
            "category": "Dependency",
            "status": "Active",
            "parentRuleNames": [f"__SYS_PE_{name}_amlworkspace"],
            "destination": {"serviceResourceId": acr, "subresourceTarget": "registry", "sparkEnabled": False, "sparkStatus": "Inactive"},
        },
    }
    if mode == "AllowOnlyApprovedOutbound":
        required["__SYS_ST_AzureMachineLearning"] = {
            "type": "ServiceTag",
            "category": "Required",
            "status": "Active",
            "destination": {"serviceTag": "AzureMachineLearning", "protocol": "TCP", "portRanges": "443, 8787, 18881", "action": "Allow"},
        }
        required["__SYS_ST_AzureActiveDirectory"] = {
            "type": "ServiceTag",
            "category": "Required",
            "status": "Active",
            "destination": {"serviceTag": "AzureActiveDirectory", "protocol": "TCP", "portRanges": "*", "action": "Allow"},
        }
    all_rules = dict(required)
    all_rules.update(rules)
    managed = {"isolationMode": mode, "networkId": "7c1f4b8e-1d2a-4a57-9e53-8f2d6c0a9b11", "outboundRules": all_rules,
               "status": {"status": status, "sparkReady": spark_ready}, "firewallSku": sku, "managedNetworkKind": "V2"}
    return {
        "id": ws_id,
        "name": name,
        "type": "Microsoft.MachineLearningServices/workspaces",
        "location": "eastus",
        "tags": {"owner": "ml-platform"},
        "kind": "Default",
        "identity": {"type": "SystemAssigned", "principalId": "11111111-1111-1111-1111-111111111111", "tenantId": "22222222-2222-2222-2222-222222222222"},
        "sku": {"name": "Basic", "tier": "Basic"},
        "properties": {
            "friendlyName": name,
            "description": "",
            "storageAccount": sa,
            "keyVault": kv,
            "applicationInsights": ai,
            "containerRegistry": acr,
            "discoveryUrl": "https://eastus.api.azureml.ms/discovery",
            "mlFlowTrackingUri": f"azureml://eastus.api.azureml.ms/mlflow/v1.0/subscriptions/{SUB}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{name}",
            "hbiWorkspace": False,
            "publicNetworkAccess": pna,
            "imageBuildCompute": "image-builder",
            "managedNetwork": managed,
            "provisioningState": "Succeeded",
            "v1LegacyMode": False,
            "systemDatastoresAuthMode": "accesskey",
            "enableDataIsolation": False,
            "workspaceId": "3f2a9c1e-5b7d-4e8f-a0b1-c2d3e4f5a6b7",
        },
    }


SAMPLES = {
    "show-aoao.json": body(
        "ws-contoso",
        "rg-ml",
        "AllowOnlyApprovedOutbound",
        {
            "pypi": {"type": "FQDN", "category": "UserDefined", "status": "Active", "destination": "pypi.org"},
            "monitor": {"type": "ServiceTag", "category": "UserDefined", "status": "Active",
                        "destination": {"serviceTag": "AzureMonitor", "protocol": "TCP", "portRanges": "443", "action": "Allow"}},
            "datalake": {"type": "PrivateEndpoint", "category": "UserDefined", "status": "Active",
                         "destination": {"serviceResourceId": arm_id("rg-data", "Microsoft.Storage/storageAccounts", "sadatalake01"),
                                         "subresourceTarget": "dfs", "sparkEnabled": False, "sparkStatus": "Inactive"}},
        },
    ),
    "show-aio.json": body(
        "ws-research",
        "rg-ml",
        "AllowInternetOutbound",
        {
            "datalake": {"type": "PrivateEndpoint", "category": "UserDefined", "status": "Active",
                         "destination": {"serviceResourceId": arm_id("rg-data", "Microsoft.Storage/storageAccounts", "sadatalake01"),
                                         "subresourceTarget": "blob", "sparkEnabled": True, "sparkStatus": "Active"}},
        },
        pna="Enabled",
        spark_ready=True,
    ),
    "show-disabled.json": body("ws-legacy", "rg-ml", "Disabled", {}, pna="Enabled", status="Inactive"),
}

WS_ID = arm_id("rg-ml", "Microsoft.MachineLearningServices/workspaces", "ws-contoso")

# `az ml online-endpoint show`: the same path through OnlineEndpoint._from_rest_object and _to_dict().
ENDPOINT = {
    "id": WS_ID + "/onlineEndpoints/ep-contoso",
    "name": "ep-contoso",
    "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
    "location": "eastus",
    "tags": {},
    "kind": "Managed",
    "identity": {"type": "SystemAssigned", "principalId": "11111111-1111-1111-1111-111111111111", "tenantId": "22222222-2222-2222-2222-222222222222"},
    "properties": {
        "authMode": "Key",
        "description": "",
        "properties": {"azureml.onlineendpointid": WS_ID + "/onlineendpoints/ep-contoso"},
        "scoringUri": "https://ep-contoso.eastus.inference.ml.azure.com/score",
        "swaggerUri": "https://ep-contoso.eastus.inference.ml.azure.com/swagger.json",
        "provisioningState": "Succeeded",
        "traffic": {"blue": 100},
        "mirrorTraffic": {},
        "publicNetworkAccess": "Enabled",
    },
}

# `az ml online-deployment show`, created before the managed network with the legacy egress flag at its default.
DEPLOYMENT = {
    "id": WS_ID + "/onlineEndpoints/ep-contoso/deployments/blue",
    "name": "blue",
    "location": "eastus",
    "tags": {},
    "kind": "Managed",
    "sku": {"name": "Default", "capacity": 1},
    "properties": {
        "endpointComputeType": "Managed",
        "model": WS_ID + "/models/contoso-model/versions/1",
        "environmentId": WS_ID + "/environments/contoso-env/versions/1",
        "instanceType": "Standard_DS3_v2",
        "appInsightsEnabled": False,
        "egressPublicNetworkAccess": "Enabled",
        "provisioningState": "Succeeded",
        "requestSettings": {"requestTimeout": "PT5S", "maxConcurrentRequestsPerInstance": 1},
        "scaleSettings": {"scaleType": "Default"},
        "livenessProbe": {"initialDelay": "PT10M", "period": "PT10S", "timeout": "PT2S", "successThreshold": 1, "failureThreshold": 30},
        "readinessProbe": {"initialDelay": "PT10S", "period": "PT10S", "timeout": "PT2S", "successThreshold": 1, "failureThreshold": 30},
        "environmentVariables": {},
        "properties": {},
    },
}


def write(file, entity):
    with open(os.path.join(HERE, file), "w", encoding="utf-8") as f:
        json.dump(entity._to_dict(), f, indent=2)
        f.write("\n")
    print("wrote", file)


if __name__ == "__main__":
    write("show-endpoint.json", OnlineEndpoint._from_rest_object(RestEndpoint(ENDPOINT)))
    write("show-deployment.json", OnlineDeployment._from_rest_object(RestDeployment(DEPLOYMENT)))
    for file, rest in SAMPLES.items():
        if rest["properties"]["managedNetwork"]["isolationMode"] == "Disabled":
            # A workspace without a managed network has no rules, status or firewall.
            rest["properties"]["managedNetwork"] = {"isolationMode": "Disabled", "managedNetworkKind": "V2"}
        ws = Workspace._from_rest_object(RestWorkspace(rest))
        with open(os.path.join(HERE, file), "w", encoding="utf-8") as f:
            json.dump(ws._to_dict(), f, indent=2)
            f.write("\n")
        print("wrote", file)
