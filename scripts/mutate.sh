#!/usr/bin/env bash
# The mutation harness (tests/mutate.rs): real GNU tar and bsdtar bundles signed with minisign,
# their tar headers mutated for SECONDS (default 60); whenever the engine says `verified`, GNU tar
# and bsdtar extract the mutant and must give exactly the signed files. Disagreements are saved
# under tests/corpus/mutants/ (bundle and key) and fail the run.
#
#   scripts/mutate.sh [SECONDS]          AIRLOCK_MUTATE_SEED=N replays a run
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
for tool in minisign tar bsdtar sha256sum; do
    command -v "$tool" >/dev/null || { echo "mutate.sh: $tool is needed" >&2; exit 2; }
done
export AIRLOCK_MUTATE_SECONDS="${1:-60}"
echo "==> mutation harness for ${AIRLOCK_MUTATE_SECONDS}s"
cargo test -p airlock --test mutate -- --ignored --nocapture
