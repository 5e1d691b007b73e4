#!/usr/bin/env bash
# Builds the web app with Trunk (release, offline) and runs its end-to-end tests and budgets in headless
# Chromium. Idempotent: npm packages are installed only when missing. Needs trunk 0.21.14, the
# wasm-bindgen CLI of Cargo.lock and /usr/bin/chromium (scripts/setup.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export PATH="$ROOT/tests/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n=== e2e: %s (%ss)\n' "$*" "$SECONDS"; }

step "npm packages (binaryen, playwright-core, axe-core)"
bash tests/e2e/install.sh

step "trunk build --release --offline"
cargo fetch --locked >/dev/null
trunk build --release --offline

step "amlnet CLI (the expected exports)"
cargo build -q --locked -p amlnet-cli
export AMLNET_BIN="${AMLNET_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/amlnet}"

status=0
step "end-to-end tests"
node tests/e2e/e2e.mjs || status=1
step "budgets"
node tests/e2e/budget.mjs || status=1
exit $status
