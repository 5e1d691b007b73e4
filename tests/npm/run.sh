#!/usr/bin/env bash
# The npm package's checks: installs the node tools (idempotent), builds pkg/, and runs the
# wasm-bindgen tests, the binding's native tests with the full build, the pack test (ESM, CommonJS,
# tsc --strict), the headless-Chromium test, the npx test (the bin against the native CLI, the
# pre-commit hook and the action), the results test (every fixture and corpus file against the recorded
# results, tests/npm/results.sha256.json) and the size budget. Ends with `npm: N passed, M failed`; exits non-zero on any failure.
#
# Needs wasm-pack, wasm-bindgen (= the Cargo.lock version) and wasm-bindgen-test-runner on PATH,
# the wasm32-unknown-unknown target, and /usr/bin/chromium. Downloads no browser or tool binaries.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
NPM_DIR=$ROOT/tests/npm
export PATH="$NPM_DIR/node_modules/.bin:$PATH"

passed=0
failed=0
count() { # count LOG: add the numbers of the `X: N passed, M failed` lines of LOG
  local p f
  p=$(grep -Eo '^[a-z-]+: [0-9]+ passed, [0-9]+ failed$' "$1" | awk '{s+=$2} END {print s+0}')
  f=$(grep -Eo '^[a-z-]+: [0-9]+ passed, [0-9]+ failed$' "$1" | awk '{s+=$4} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}
step() { printf '\n=== npm: %s (%ss)\n' "$*" "$SECONDS"; }
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

step "node tools (binaryen wasm-opt, playwright-core, typescript)"
if ! (cd "$NPM_DIR" && npm ls --depth=0 >/dev/null 2>&1); then
  (cd "$NPM_DIR" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm: 0 passed, 1 failed"; exit 1; }
fi
wasm-opt --version

step "build pkg/"
if ! bash scripts/build-npm.sh; then
  echo "npm-build: 0 passed, 1 failed"
  echo "npm: 0 passed, 1 failed"
  exit 1
fi

step "wasm-bindgen-test (Node)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown -p amlnet --test web 2>&1 | tee "$LOGS/wasm.log"
if grep -Eq '^test result: ok\. ' "$LOGS/wasm.log"; then
  passed=$((passed + $(grep -Eo '^test result: ok\. [0-9]+ passed' "$LOGS/wasm.log" | awk '{print $4}')))
else
  n=$(grep -Eo '[0-9]+ failed' "$LOGS/wasm.log" | tail -1 | awk '{print $1}')
  failed=$((failed + ${n:-1}))
  [ "${n:-1}" -eq 0 ] && failed=$((failed + 1)) # it did not build or run
fi

step "native tests of the full build (plans, summaries; cargo test --workspace runs the small one)"
cargo test -q -p amlnet --features full --lib 2>&1 | tee "$LOGS/full.log"
if grep -Eq '^test result: ok\. ' "$LOGS/full.log"; then
  passed=$((passed + $(grep -Eo '^test result: ok\. [0-9]+ passed' "$LOGS/full.log" | awk '{s+=$4} END {print s+0}')))
else
  failed=$((failed + 1))
fi

step "native CLI (the npx test compares the bin with it)"
cargo build -q --locked -p amlnet-cli --bin amlnet || echo "npm-native-cli: 0 passed, 1 failed" >>"$LOGS/native.log"
[ -f "$LOGS/native.log" ] && count "$LOGS/native.log"
export AMLNET_NATIVE=$ROOT/target/debug/amlnet

for t in pack browser npx results; do
  step "$t test"
  node "$NPM_DIR/$t.test.mjs" 2>&1 | tee "$LOGS/$t.log"
  grep -Eq '^[a-z-]+: [0-9]+ passed, [0-9]+ failed$' "$LOGS/$t.log" || echo "npm-$t: 0 passed, 1 failed" >>"$LOGS/$t.log"
  count "$LOGS/$t.log"
done

step "size budget"
node "$NPM_DIR/size.mjs" 2>&1 | tee "$LOGS/size.log"
count "$LOGS/size.log"

echo
echo "npm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
