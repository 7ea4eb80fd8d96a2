#!/usr/bin/env bash
# Every test: the scripts' install paths (test-deps.sh), formatting, lints, engine and CLI tests
# against real minisign/signify/tar/sha256sum, the hostile corpus, the wasm crate's tests, the page
# end to end in Chromium from file://, the page rebuilt in two folders (test-repro.sh: the same
# bytes), and a short smoke run of every fuzz target.
# Installs what is missing (Debian packages, wasm toolchain, node packages).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

echo "==> scripts/test-deps.sh (every install path, with recorders instead of installers)"
bash scripts/test-deps.sh | grep -v "^ok: "

ensure_signing_tools
ensure_archive_tools
ensure_apt time buildah golang-go   # tests/images.rs, tests/gomod.rs: real image archives, module caches
ensure_apt gnupg openssh-client     # tests/openpgp.rs, tests/ssh.rs: real gpg and ssh-keygen

echo "==> cargo fmt --check"
cargo fmt --all --check
echo "==> cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
echo "==> cargo test"
cargo test -p airlock
bash scripts/mutate.sh 60 # the mutation harness (tests/mutate.rs), a one-minute smoke run
echo "==> scripts/test-wasm.sh"
bash scripts/test-wasm.sh
echo "==> scripts/test-e2e.sh"
bash scripts/test-e2e.sh
echo "==> scripts/test-repro.sh (the page built in two folders: the same bytes)"
bash scripts/test-repro.sh
echo "==> scripts/fuzz.sh 10 (a smoke run of every fuzz target)"
bash scripts/fuzz.sh 10
echo "==> all tests passed"
