"""Writes a workspace YAML with N outbound rules to standard output, for timing the CLI on big inputs.

    python3 crates/core/benches/big_workspace.py N [bad] > ws.yml
    time target/release/amlnet check ws.yml; time target/release/amlnet export --to python ws.yml

Valid: private endpoint, service tag and FQDN rules in turn (25 000 rules stay under the 4 MiB input limit).
With `bad`, half the rules are invalid (a name that differs from an earlier one only in case with a bad
FQDN, a port out of range, an empty name and destination): about 0.8 errors per rule.
"""
import sys

n = int(sys.argv[1])
bad = sys.argv[2:] == ["bad"]
out = ["$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json", "name: bench-ws",
       "image_build_compute: builder", "public_network_access: Disabled", "managed_network:",
       "  isolation_mode: allow_only_approved_outbound", "  outbound_rules:"]
for i in range(n):
    k = i % 6 if bad else i % 3
    if k == 0:
        out += [f"  - name: pe-rule-{i}", "    type: private_endpoint",
                "    destination: {service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg"
                f"/providers/Microsoft.Storage/storageAccounts/sa{i}, subresource_target: blob, spark_enabled: false}}"]
    elif k == 1:
        out += [f"  - name: st-rule-{i}", "    type: service_tag", "    destination:", "      service_tag: AzureMonitor",
                "      protocol: TCP", "      port_ranges: '443, 8080-8089'"]
    elif k == 2:
        out += [f"  - name: fqdn-rule-{i}", "    type: fqdn", f"    destination: host{i}.contoso.com"]
    elif k == 3:
        out += [f"  - name: FQDN-RULE-{i - 1}", "    type: fqdn", f"    destination: bad_host{i}..contoso.com"]
    elif k == 4:
        out += [f"  - name: st-bad-{i}", "    type: service_tag", "    destination:", "      service_tag: AzureMonitor",
                "      protocol: TCP", "      port_ranges: '99999'"]
    else:
        out += ["  - name: ''", "    type: fqdn", "    destination: ''"]
print("\n".join(out))
