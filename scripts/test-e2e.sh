#!/usr/bin/env bash
# The page end to end: scripts/build.sh (CLI, wasm, dist/airlock.html, demo), then Playwright
# drives Debian's Chromium over file:// (no server) through tests/e2e/page.test.js, then the
# hostile-input corpus (tests/corpus/make.sh) through the page in tests/e2e/corpus.test.js, and
# the page in Chinese and English (tests/e2e/i18n.test.js).
# Installs what is missing (scripts/deps.sh): chromium, a CJK font (readable Chinese
# screenshots), minisign, signify-openbsd, node, playwright-core (npm; no browser download).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

ensure_chromium
ensure_cjk_fonts
ensure_signing_tools
ensure_archive_tools
ensure_apt gnupg openssh-client   # schemes.test.js: bundles signed by real gpg and ssh-keygen
ensure_apt buildah golang-go      # page.test.js: image archives made by buildah, a module cache by go
ensure_playwright tests/e2e

echo "==> scripts/build.sh"
bash scripts/build.sh

echo "==> node --test tests/e2e (screenshots in tests/e2e/out/)"
cd tests/e2e
node --test --test-concurrency=1 page.test.js schemes.test.js corpus.test.js i18n.test.js
