#!/usr/bin/env bash
# The wasm skin's tests: under Node (wasm/tests/node.rs) and in headless Chromium inside a
# dedicated worker, where the page runs it (wasm/tests/browser.rs).
# Installs what is missing (scripts/deps.sh): the wasm32 target, wasm-bindgen-cli at the
# Cargo.lock version, wasm-pack, chromium and chromium-driver, node.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

ensure_chromium
ensure_node
ensure_wasm_tools

echo "==> wasm-pack test --node wasm"
wasm-pack test --node wasm
echo "==> wasm-pack test --headless --chrome wasm"
# wasm-pack uses the chromedriver on PATH (Debian's, matching Debian's chromium).
wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)" wasm
