#!/usr/bin/env bash
# Builds the npm package `amlnet` into pkg/: the wasm-pack `web` and `nodejs` builds of the root
# crate, plus the hand-written entry points, elements, README and LICENSE from www/npm/.
#
# Needs wasm-pack and wasm-bindgen (the version pinned in Cargo.lock) on PATH, and wasm-opt from npm
# binaryen 132 (tests/npm/node_modules/.bin, put first on PATH here). Never downloads tools.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PKG=$ROOT/pkg

export PATH="$ROOT/tests/npm/node_modules/.bin:$PATH"
command -v wasm-opt >/dev/null || { echo "wasm-opt missing: run npm ci in tests/npm" >&2; exit 1; }
# The workspace profile is tuned for the web app; the npm package is smaller with opt-level z.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-z}

VERSION=$(awk -F'"' '/^\[workspace.package\]/{w=1} w&&/^version/{print $2; exit}' Cargo.toml)
: "${VERSION:?no version in Cargo.toml}"

rm -rf "$PKG"
for target in web nodejs; do
  out=$PKG/${target%js}
  [ "$target" = nodejs ] && out=$PKG/node
  wasm-pack --log-level warn build --mode no-install --release --no-pack --target "$target" --out-dir "$out" "$ROOT"
  rm -f "$out/.gitignore"
done

cp www/npm/index.js www/npm/index.cjs www/npm/node.mjs www/npm/index.d.ts \
   www/npm/snippet.js www/npm/snippet.d.ts www/npm/builder.js www/npm/builder.d.ts \
   www/npm/README.md "$PKG/"
cp www/npm/node-package.json "$PKG/node/package.json"
cp LICENSE "$PKG/LICENSE"
sed "s/__AMLNET_VERSION__/$VERSION/" www/npm/package.json >"$PKG/package.json"
sed -i "s/__AMLNET_VERSION__/$VERSION/" "$PKG/index.js" "$PKG/index.cjs"
# Keep the repo's .gitignore from hiding pkg/ from npm: npm reads pkg/.npmignore instead.
printf '# everything listed in package.json "files" is published\n' >"$PKG/.npmignore"

echo "built $PKG (amlnet $VERSION)"
