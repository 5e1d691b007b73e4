#!/usr/bin/env bash
# Runs every test of amlnet: native Rust tests (rules, fixtures, round trips, hostile input), the
# conformance suite against the real azure-ai-ml 1.35.2, a bounded fuzz run, the npm package tests,
# the web app's end-to-end tests in headless Chromium, and prints the benchmark and budget figures.
# Installs what it needs first (scripts/setup.sh, idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
# The differential run against azure-ai-ml: a bounded number here; scripts/bench.sh starts a long one.
PARITY_MUTATIONS=${PARITY_MUTATIONS:-3000}
PARITY_SEED=${PARITY_SEED:-1}
CONFORMANCE_RANDOM_CASES=${CONFORMANCE_RANDOM_CASES:-40}

bash scripts/setup.sh

step() { printf '\n=== %s (%ss)\n' "$*" "$SECONDS"; }

step "azure-ai-ml schema table (crates/core/src/schema/sdk.rs) equals what the pinned SDK gives"
python3 scripts/sdk_schema.py --check

step "native tests (cargo test --workspace; terraform, python3 with PyYAML and shellcheck required)"
# The tests that need an external tool skip it with a `skipped:` line when it is missing; here (and so
# in CI) a missing tool is a failure: setup.sh has installed them all.
AMLNET_REQUIRE_TOOLS=1 cargo test --workspace --locked 2>&1 | tee /tmp/amlnet-cargo-test.log
awk '/^test result:/ {p+=$4; f+=$6} END {printf "cargo: %d passed, %d failed\n", p, f}' /tmp/amlnet-cargo-test.log

step "conformance against azure-ai-ml 1.35.2 (YAML, Python, bash, ARM) and terraform fmt"
cases=$(mktemp -d)
trap 'rm -rf "$cases"' EXIT
cargo run -q --locked -p amlnet-core --example conformance_cases -- "$cases" "$CONFORMANCE_RANDOM_CASES"
python3 tests/conformance/conformance.py "$cases" | grep -v '^PASS '

step "CLI smoke: demo | check, and the exit codes"
cargo build -q --locked --release --bin amlnet
AMLNET="${CARGO_TARGET_DIR:-$ROOT/target}/release/amlnet"
"$AMLNET" demo | "$AMLNET" check -
set +e
"$AMLNET" check tests/examples/ws-mvnet-sdk-test-all-rule-types.yaml >/dev/null 2>&1; rc_err=$?
"$AMLNET" check --nonexistent-flag x >/dev/null 2>&1; rc_usage=$?
set -e
if [ "$rc_err" != 1 ] || [ "$rc_usage" != 2 ]; then
  echo "cli exit codes: errors gave $rc_err (want 1), usage gave $rc_usage (want 2)"
  exit 1
fi
echo "cli: 3 passed, 0 failed"

step "SARIF of every fixture: sarif-multitool validate (npm) and the SARIF 2.1.0 schema"
bash tests/cli/sarif.sh "$AMLNET"

step "parity with azure-ai-ml 1.35.2: the real corpus, the examples, the demo and $PARITY_MUTATIONS mutations (seed $PARITY_SEED)"
python3 tests/parity/parity.py --amlnet "$AMLNET" --mutations "$PARITY_MUTATIONS" --seed "$PARITY_SEED"

step "change plans against azure-ai-ml 1.35.2 (Python with the real signatures, bash with a recording az)"
python3 tests/conformance/plan_check.py "$AMLNET" | grep -v '^PASS '

step "fuzz import -> validate -> export for ${FUZZ_SECONDS}s"
mkdir -p fuzz/corpus
rm -rf fuzz/artifacts/import_validate_export
(cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run import_validate_export corpus seeds --sanitizer none -- \
  -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -print_final_stats=1 >/tmp/amlnet-fuzz.log 2>&1) || true
grep -E '^(Done|stat::number_of_executed_units)' /tmp/amlnet-fuzz.log || true
if grep -q '^Done [0-9]* runs' /tmp/amlnet-fuzz.log && [ -z "$(ls -A fuzz/artifacts/import_validate_export 2>/dev/null)" ]; then
  echo "fuzz: 1 passed, 0 failed"
else
  tail -40 /tmp/amlnet-fuzz.log
  echo "fuzz: 0 passed, 1 failed"
  exit 1
fi

step "web app end to end (headless Chromium)"
AMLNET_BIN="$AMLNET" bash tests/e2e/run.sh

# After the app: the npm browser test also loads the built site (dist/) inside <amlnet-builder>.
step "npm package"
bash tests/npm/run.sh

step "benchmark: check, the six exports, plan and summary for 1, 50, 1000 rules"
cargo bench -q --locked -p amlnet-core --bench check_export 2>/dev/null

step "all tests done"
