#!/usr/bin/env bash
# Installs the e2e npm packages (wasm-opt from npm binaryen 132, playwright-core, axe-core) into
# tests/e2e/node_modules, only when they are missing or the lock file changed.
set -euo pipefail
cd "$(dirname "$0")"
if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] \
  && cmp -s package-lock.json node_modules/.amlnet-installed-lock 2>/dev/null; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json node_modules/.amlnet-installed-lock
