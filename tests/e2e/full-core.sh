#!/usr/bin/env bash
# Trunk post_build hook: builds the npm binding (the root crate `amlnet` with `--features full`, the full core with the IaC
# exporters and the change plan) with wasm-pack `--target web` into full/ next to the app. The app
# imports full/amlnet.js the first time a user opens the ARM, Bicep or Terraform tab, the change plan
# or the ZIP download (crates/app/js/full.js), so the first load does not fetch it. Always a release
# build. Run by Trunk with TRUNK_STAGING_DIR set; needs wasm-pack, the wasm-bindgen CLI of Cargo.lock
# and wasm-opt (npm binaryen) on PATH, as the app's own build does.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run this as a Trunk hook}"
cd "$(dirname "$0")/../.."
ROOT=$PWD
# Trunk's own cargo settings must not reach this build (wasm-pack picks the target itself).
unset CARGO_BUILD_TARGET
out="${CARGO_TARGET_DIR:-$ROOT/target}/app-full"
rm -rf "$out"
wasm-pack --log-level warn build --mode no-install --release --no-pack --no-typescript --target web \
  --out-dir "$out" --out-name amlnet "$ROOT" -- --package amlnet --features full --offline
mkdir -p "$TRUNK_STAGING_DIR/full"
cp "$out/amlnet.js" "$out/amlnet_bg.wasm" "$TRUNK_STAGING_DIR/full/"
