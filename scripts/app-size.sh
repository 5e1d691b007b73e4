#!/usr/bin/env bash
# What the web app's first-load wasm is made of: builds crates/app for wasm32 (release, the profile
# Trunk uses), runs wasm-bindgen and wasm-opt -Oz keeping the names, and prints the gzip size, the
# bytes per crate (and per module of the core and the app; `yew view` is the app's components'
# html! code) and `twiggy top`. Needs twiggy (`cargo install twiggy`), the wasm-bindgen CLI of
# Cargo.lock and wasm-opt (tests/e2e/node_modules/.bin). The figures are uncompressed bytes; the
# name section (kept for twiggy) is not in the built site.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/tests/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
command -v twiggy >/dev/null || { echo "twiggy missing: cargo install twiggy" >&2; exit 1; }
target="${CARGO_TARGET_DIR:-$ROOT/target}"
out="$target/app-size"
rm -rf "$out" && mkdir -p "$out"
cargo build -q --release --locked --offline --target wasm32-unknown-unknown -p amlnet-app
wasm-bindgen --target web --out-dir "$out" "$target/wasm32-unknown-unknown/release/amlnet-app.wasm"
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)
wasm-opt -Oz "${features[@]}" "$out/amlnet-app_bg.wasm" -o "$out/site.wasm"
wasm-opt -Oz -g "${features[@]}" "$out/amlnet-app_bg.wasm" -o "$out/names.wasm"
echo "first-load wasm: $(stat -c %s "$out/site.wasm") bytes, $(gzip -9c "$out/site.wasm" | wc -c) gzip -9"
twiggy top -n 100000 --format csv "$out/names.wasm" > "$out/top.csv"
python3 - "$out/top.csv" <<'PY'
import collections, csv, re, sys
by = collections.Counter()
for row in csv.DictReader(open(sys.argv[1])):
    name, size = row['Name'], int(row['ShallowSize'])
    if name.startswith(('data segment', 'data[')):
        key = 'data (strings, tables)'
    elif name.startswith('"'):
        key = 'custom sections (names: not in the site)'
    elif 'CompStateInner' in name:
        key = 'yew view (the app components)'
    else:
        m = re.search(r'([a-z_][a-z0-9_]*)::([a-z_0-9]+)', name)
        key = m.group(1) if m else 'other'
        if key in ('amlnet_core', 'amlnet_app'):
            key = f'{key}::{m.group(2)}'
        elif key in ('core', 'alloc', 'std', 'str', 'slice', 'fmt', 'panicking'):
            key = 'std'
    by[key] += size
for key, size in by.most_common(30):
    print(f'{size:9d}  {key}')
PY
twiggy top -n 25 "$out/names.wasm"
