#!/usr/bin/env bash
# SARIF output of every fixture under tests/fixtures, validated by the SARIF project's own validator
# (npm @microsoft/sarif-multitool, a self-contained native binary: no .NET install needed) and, because
# the multitool silently skips a log it cannot deserialize (an unknown enum value, say), also against
# the SARIF 2.1.0 JSON schema it ships, with Python's jsonschema. A canary log with a known error must
# be reported, so a validator that checks nothing cannot pass. Plan fixtures (a folder with a
# `current.*`) are run through `plan --format sarif --force`, the others through `check --format sarif`,
# with the context of their `# amlnet:` directive line.
#
# Usage: tests/cli/sarif.sh [AMLNET]   (default target/release/amlnet). Ends with `sarif: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
AMLNET=${1:-$ROOT/target/release/amlnet}
NPM_DIR=$ROOT/tests/npm
# The platform package of the multitool (linux, darwin or win32) holds the binary and the schema.
multitool_dir() { ls -d "$NPM_DIR"/node_modules/@microsoft/sarif-multitool-*/ 2>/dev/null | head -n 1; }
passed=0
failed=0
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

if [ ! -x "$AMLNET" ]; then
  echo "no amlnet binary at $AMLNET (cargo build --release --bin amlnet)"; echo "sarif: 0 passed, 1 failed"; exit 1
fi
if [ -z "$(multitool_dir)" ]; then
  (cd "$NPM_DIR" && npm ci --no-audit --no-fund --loglevel=error) || { echo "sarif: 0 passed, 1 failed"; exit 1; }
fi
SCHEMA="$(multitool_dir)sarif-2.1.0.json"
[ -f "$SCHEMA" ] || { echo "no SARIF schema in $(multitool_dir)"; echo "sarif: 0 passed, 1 failed"; exit 1; }
python3 -c 'import jsonschema' 2>/dev/null || { echo "python3 jsonschema is required (pip install jsonschema)"; echo "sarif: 0 passed, 1 failed"; exit 1; }

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# The flags of a fixture's first-line directive (`# amlnet: update current=<mode> kind=<kind> ...`).
directive_flags() {
  local first word
  first=$(head -n 1 "$1" 2>/dev/null | tr -d '\r')
  case $first in "# amlnet:"*) ;; *) return ;; esac
  for word in ${first#\# amlnet:}; do
    case $word in
      update) printf '%s\n' --update ;;
      current=*) printf '%s\n' --current-isolation-mode "${word#current=}" ;;
      kind=*) printf '%s\n' --kind "${word#kind=}" ;;
      subscription=*) printf '%s\n' --subscription "${word#subscription=}" ;;
      resource_group=*) printf '%s\n' --resource-group "${word#resource_group=}" ;;
    esac
  done
}

n=0
for dir in tests/fixtures/*/; do
  for entry in "$dir"*; do
    case $entry in *.snap) continue ;; esac
    n=$((n + 1))
    log="$OUT/$n.sarif"
    echo "$entry" >"$OUT/$n.name"
    if [ -d "$entry" ]; then
      current=$(find "$entry" -maxdepth 1 -name 'current.*' | sort | head -n 1)
      mapfile -t files < <(find "$entry" -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) ! -name 'current.*' | sort)
      if [ -n "$current" ]; then
        args=(plan "$current" "${files[@]}" --format sarif --force)
      else
        mapfile -t flags < <(directive_flags "${files[0]}")
        args=(check "${flags[@]}" "${files[@]}" --format sarif)
      fi
    else
      mapfile -t flags < <(directive_flags "$entry")
      args=(check "${flags[@]}" "$entry" --format sarif)
    fi
    "$AMLNET" "${args[@]}" >"$log" 2>"$OUT/$n.err"
    rc=$?
    if [ "$rc" -gt 1 ]; then
      fail "$entry" "amlnet ${args[*]} exited $rc: $(head -c 300 "$OUT/$n.err")"
      rm -f "$log"
    fi
  done
done

# A copy of the first log with a line number SARIF forbids: the validator must report it.
first=$(ls "$OUT"/*.sarif | head -n 1)
python3 - "$first" "$OUT/canary.json" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
log["runs"][0]["results"].append({"ruleId": "canary", "message": {"text": "Canary."}, "level": "error",
    "locations": [{"physicalLocation": {"artifactLocation": {"uri": "canary.yml"}, "region": {"startLine": 0}}}]})
json.dump(log, open(sys.argv[2], "w"))
PY

npx --prefix "$NPM_DIR" sarif-multitool validate "$OUT"/*.sarif "$OUT/canary.json" >"$OUT/multitool.txt" 2>&1
[ -n "${SARIF_KEEP:-}" ] && cp "$OUT/multitool.txt" "$SARIF_KEEP"
if ! grep -q 'canary.json.*: error ' "$OUT/multitool.txt"; then
  fail "canary" "the multitool reported no error for a log with startLine 0:"; cat "$OUT/multitool.txt"
else
  passed=$((passed + 1))
fi

# The JSON schema, for what the multitool cannot read at all; then one verdict per fixture entry.
python3 - "$SCHEMA" "$OUT" <<'PY' >"$OUT/schema.txt"
import json, sys, pathlib
import jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft7Validator(schema)
for log in sorted(pathlib.Path(sys.argv[2]).glob("*.sarif")):
    data = json.load(open(log))
    for e in validator.iter_errors(data):
        print(f"{log}: schema error at {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
PY
for log in "$OUT"/*.sarif; do
  name=$(cat "${log%.sarif}.name")
  errors=$(grep -F "$log" "$OUT/multitool.txt" | grep ': error ')
  schema=$(grep -F "$log:" "$OUT/schema.txt")
  if [ -n "$errors$schema" ]; then
    fail "$name" "$errors$schema"
  else
    passed=$((passed + 1))
  fi
done
warnings=$(grep -c ': warning ' "$OUT/multitool.txt")
echo "multitool: $(ls "$OUT"/*.sarif | wc -l) logs validated, $warnings warning(s) (not errors)"
echo "sarif: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
