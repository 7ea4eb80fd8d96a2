#!/usr/bin/env bash
# Fuzz every parser that reads attacker-controlled bytes, each target for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Targets (fuzz/fuzz_targets): archive (tar and tar.gz reader), bundle (the whole verification
# plan), checksums (list parser), keys (key parsers and the classifier), signatures (minisign and
# signify). Seeds come from tests/corpus/make.sh and tests/fixtures; findings land in
# fuzz/artifacts/TARGET/. Needs the nightly toolchain; installs cargo-fuzz when missing.
# `scripts/fuzz.sh 10` is the smoke run CI does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
SECONDS_EACH="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(archive bundle checksums keys signatures)

ensure_cargo_fuzz   # nightly and cargo-fuzz (scripts/deps.sh)

# Seeds: small files of the hostile corpus, sorted by what they are.
seed() {
    local target="$1"
    shift
    mkdir -p "fuzz/corpus/$target"
    for f in "$@"; do
        [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 65536 ] &&
            cp "$f" "fuzz/corpus/$target/seed-$(sha256sum <"$f" | cut -c1-16)"
    done
    return 0
}
if [ ! -d target/corpus ] && command -v minisign >/dev/null && command -v signify-openbsd >/dev/null; then
    bash tests/corpus/make.sh target/corpus >/dev/null
fi
shopt -s nullglob globstar
seed archive target/corpus/*/bundle.tar* tests/fixtures/**/*.tar*
seed bundle target/corpus/*/bundle.tar*
seed checksums target/corpus/**/SHA256SUMS target/corpus/**/SHA256 tests/fixtures/**/SHA256*
seed keys target/corpus/keys/* target/corpus/*/*.pub target/corpus/*/*.key tests/fixtures/**/*.pub
seed signatures target/corpus/**/*.minisig target/corpus/**/*.sig tests/fixtures/**/*.sig \
    tests/fixtures/**/*.minisig

failed=()
for t in "${TARGETS[@]}"; do
    echo "==> fuzz $t for ${SECONDS_EACH}s"
    start=$(date +%s)
    if ! (cd fuzz && cargo +nightly fuzz run "$t" -- \
        -max_total_time="$SECONDS_EACH" -timeout=60 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 2>&1 | grep --line-buffered -v '^#[0-9]*\s*\(NEW\|REDUCE\|pulse\)'); then
        failed+=("$t")
    fi
    echo "==> fuzz $t: ran $(($(date +%s) - start))s"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crashes in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "==> fuzz: no crash"
