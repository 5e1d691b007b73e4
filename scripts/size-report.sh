#!/usr/bin/env bash
# What the npm package's wasm files spend their bytes on: builds the small and the full wasm of the root
# crate (and the npx command line's wasm) the way scripts/build-npm.sh does, but keeping the function
# names, and prints twiggy's `top` and `dominators` for each, with the gzip -9 size of the stripped file.
#
#   bash scripts/size-report.sh [small|full|cli ...]   (default: small full)
#
# Needs twiggy (scripts/setup.sh installs it), wasm-bindgen (= the Cargo.lock version) and wasm-opt from
# npm binaryen (tests/npm/node_modules/.bin). TOP and DEPTH set how many rows are shown.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/tests/npm/node_modules/.bin:$HOME/.cargo/bin:$PATH"
for tool in twiggy wasm-bindgen wasm-opt; do
  command -v "$tool" >/dev/null || { echo "size-report: $tool missing (scripts/setup.sh; npm ci in tests/npm)" >&2; exit 1; }
done
TOP=${TOP:-25}
DEPTH=${DEPTH:-2}
OUT=${SIZE_REPORT_DIR:-$ROOT/target/size-report}
mkdir -p "$OUT"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
# Names stay in the `name` section; DWARF (the standard library's, say) goes: twiggy does not need it.
export CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=debuginfo

gz() { gzip -9 -c "$1" | wc -c; }

report() { # report NAME PACKAGE CARGO-FEATURES...
  local name=$1 package=$2 crate_file
  shift 2
  cargo build -q --locked --release --target wasm32-unknown-unknown -p "$package" "$@"
  crate_file=$ROOT/target/wasm32-unknown-unknown/release/${package//-/_}.wasm
  wasm-bindgen --keep-debug --target web --out-dir "$OUT/$name" --out-name "$name" "$crate_file"
  # -Oz as in the package build; --debuginfo keeps the names for twiggy.
  wasm-opt -Oz --debuginfo --strip-dwarf "$OUT/$name/${name}_bg.wasm" -o "$OUT/$name.named.wasm"
  wasm-opt -Oz --strip-debug "$OUT/$name/${name}_bg.wasm" -o "$OUT/$name.wasm"
  printf '\n=== %s wasm: %s bytes, gzip -9 %s bytes (%.1f KB)\n' "$name" "$(wc -c <"$OUT/$name.wasm")" "$(gz "$OUT/$name.wasm")" \
    "$(awk -v b="$(gz "$OUT/$name.wasm")" 'BEGIN{print b/1024}')"
  printf -- '--- twiggy top -n %s (shallow bytes per item)\n' "$TOP"
  twiggy top -n "$TOP" "$OUT/$name.named.wasm"
  printf -- '--- twiggy dominators -d %s -r %s (retained bytes: what goes if the item goes)\n' "$DEPTH" "$TOP"
  twiggy dominators -d "$DEPTH" -r "$TOP" "$OUT/$name.named.wasm"
}

variants=("$@")
((${#variants[@]})) || variants=(small full)
for v in "${variants[@]}"; do
  case $v in
    small) report amlnet amlnet ;;
    full) report amlnet_full amlnet --features full ;;
    cli) report amlnet_cli amlnet-cli-wasm ;;
    *) echo "size-report: unknown variant $v (small, full, cli)" >&2; exit 2 ;;
  esac
done
