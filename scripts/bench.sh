#!/usr/bin/env bash
# The long runs CI bounds: the benchmark (check, the six exports, plan and summary for 1, 50 and 1000 rules)
# and a long differential run against azure-ai-ml (PARITY_MUTATIONS per seed, default 20000, seeds 1-5).
# Installs what it needs first (scripts/setup.sh, idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh >/dev/null
PARITY_MUTATIONS=${PARITY_MUTATIONS:-20000}
PARITY_SEEDS=${PARITY_SEEDS:-"1 2 3 4 5"}

printf '\n=== benchmark: check, the six exports, plan and summary for 1, 50, 1000 rules\n'
cargo bench -q --locked -p amlnet-core --bench check_export 2>/dev/null

cargo build -q --locked --release --bin amlnet
AMLNET="${CARGO_TARGET_DIR:-$PWD/target}/release/amlnet"
failed=0
for seed in $PARITY_SEEDS; do
  printf '\n=== parity with azure-ai-ml: %s mutations, seed %s\n' "$PARITY_MUTATIONS" "$seed"
  python3 tests/parity/parity.py --amlnet "$AMLNET" --mutations "$PARITY_MUTATIONS" --seed "$seed" \
    --write-failures "target/parity-failures/seed-$seed" || failed=1
done
exit "$failed"
