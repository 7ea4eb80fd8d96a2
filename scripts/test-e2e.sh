#!/usr/bin/env bash
# The page end to end: scripts/build.sh (CLI, wasm, dist/airlock.html, demo), then Playwright
# drives Debian's Chromium over file:// (no server) through tests/e2e/page.test.js, then the
# hostile-input corpus (tests/corpus/make.sh) through the page in tests/e2e/corpus.test.js.
# Installs what is missing: chromium, minisign, signify-openbsd, node, playwright-core (npm; no
# browser download).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/deps.sh

ensure_apt chromium minisign signify-openbsd
command -v node >/dev/null || ensure_apt nodejs npm

echo "==> scripts/build.sh"
bash scripts/build.sh

echo "==> npm ci (tests/e2e: playwright-core only)"
if [ ! -f tests/e2e/node_modules/playwright-core/package.json ] \
    || [ "$(node -p "require('./tests/e2e/node_modules/playwright-core/package.json').version")" \
         != "$(node -p "require('./tests/e2e/package.json').devDependencies['playwright-core']")" ]; then
    (cd tests/e2e && npm ci --no-audit --no-fund)
fi

echo "==> node --test tests/e2e (screenshots in tests/e2e/out/)"
cd tests/e2e
node --test --test-concurrency=1 page.test.js corpus.test.js
