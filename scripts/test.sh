#!/usr/bin/env bash
# Every test: formatting, lints, engine and CLI tests against real minisign/signify/tar/sha256sum,
# the wasm crate's tests, and the page end to end in Chromium from file://.
# Installs what is missing (Debian packages, wasm toolchain, node packages).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/deps.sh

ensure_apt minisign signify-openbsd time

echo "==> cargo fmt --check"
cargo fmt --all --check
echo "==> cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
echo "==> cargo test"
cargo test -p airlock
for extra in scripts/test-wasm.sh scripts/test-e2e.sh; do
    if [ -f "$extra" ]; then
        echo "==> $extra"
        bash "$extra"
    fi
done
echo "==> all tests passed"
