#!/usr/bin/env bash
# Every test: formatting, lints, engine and CLI tests against real minisign/signify/tar/sha256sum,
# the hostile corpus, the wasm crate's tests, the page end to end in Chromium from file://, and a
# short smoke run of every fuzz target.
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
echo "==> scripts/test-wasm.sh"
bash scripts/test-wasm.sh
echo "==> scripts/test-e2e.sh"
bash scripts/test-e2e.sh
echo "==> scripts/fuzz.sh 10 (a smoke run of every fuzz target)"
bash scripts/fuzz.sh 10
echo "==> all tests passed"
