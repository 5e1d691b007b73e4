#!/usr/bin/env bash
# Builds the web app and serves it at http://127.0.0.1:8080 (a fresh browser opens the demo
# configuration; "Start over" clears it). Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tests/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh   # trunk, wasm-bindgen, the wasm32 target (idempotent; minutes only on a fresh machine)
bash tests/e2e/install.sh
cargo fetch --locked >/dev/null
exec trunk serve --release --offline --address 127.0.0.1 --port 8080 --no-autoreload
