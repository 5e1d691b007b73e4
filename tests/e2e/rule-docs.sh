#!/usr/bin/env bash
# Trunk post_build hook: writes the rule documentation (the core's `explain` text) next to the app as
# rule-docs.json, which the app fetches the first time a code badge is opened, so the wasm carries no
# documentation (the core's `docs` feature stays off for the app). Run by Trunk with TRUNK_STAGING_DIR set.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run this as a Trunk hook}"
cd "$(dirname "$0")/../.."
# Trunk's own cargo settings (a wasm32 target) must not reach this native run.
unset CARGO_BUILD_TARGET
cargo run -q --offline -p amlnet-core --example rule_docs > "$TRUNK_STAGING_DIR/rule-docs.json"
