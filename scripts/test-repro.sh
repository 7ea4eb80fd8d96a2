#!/usr/bin/env bash
# The page is reproducible: one commit and the same --trusted-key files give a byte-identical
# dist/airlock.html, whatever the folder it is built in, the time, the user or the machine.
#
#   scripts/test-repro.sh [COMMIT]      (default HEAD; uncommitted changes are not part of it)
#
# Clones COMMIT twice under one temporary folder and runs `scripts/build.sh --no-cli` in each:
# the wasm is compiled in both (separate target folders; the crate download cache is shared).
# The second build differs in everything a build could leak: folder (another name and depth),
# HOME, USER, CARGO_HOME (a fresh folder whose registry links to the shared one, so crate sources
# sit under another path), time zone, locale, umask, and a copy of the key file at another path.
# Then the two pages' SHA-256 must be equal. About two minutes on two cores (two wasm builds).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_signing_tools
ensure_wasm_bindgen

COMMIT=${1:-HEAD}
REV=$(git rev-parse --verify "$COMMIT^{commit}")
T=$(mktemp -d /tmp/airlock-repro.XXXXXX)
cleanup() { [ -n "${AIRLOCK_KEEP_REPRO:-}" ] || rm -rf "$T"; }
trap cleanup EXIT

# One key file, copied to two places (only its name and content may reach the page).
mkdir -p "$T/keys-a" "$T/elsewhere/keys-b"
minisign -G -W -p "$T/keys-a/release.pub" -s "$T/keys-a/release.key" >/dev/null
cp "$T/keys-a/release.pub" "$T/elsewhere/keys-b/release.pub"

A=$T/a
B=$T/second/build-folder-with-a-longer-name
mkdir -p "$(dirname "$B")"
for d in "$A" "$B"; do
    git clone -q --no-checkout "$PWD" "$d"
    git -C "$d" checkout -q --detach "$REV"
done

cargo_home=${CARGO_HOME:-$HOME/.cargo}
rustup_home=${RUSTUP_HOME:-$HOME/.rustup}

echo "==> build A in $A"
start=$(date +%s)
(cd "$A" && env -u CARGO_TARGET_DIR bash scripts/build.sh --no-cli --trusted-key "$T/keys-a/release.pub") \
    > "$T/a.log" 2>&1 || { cat "$T/a.log"; echo "test-repro.sh: build A failed" >&2; exit 1; }
echo "    $(( $(date +%s) - start )) s"

# B: another user's machine, as far as one machine can play it.
HB=$T/home-b
CB=$HB/cargo-home
mkdir -p "$CB/bin"
ln -s "$cargo_home/registry" "$CB/registry"
for tool in cargo rustc rustup rustdoc wasm-bindgen; do
    p=$(command -v "$tool") && ln -s "$p" "$CB/bin/$tool"
done
echo "==> build B in $B"
start=$(date +%s)
(cd "$B" && umask 077 && env -u CARGO_TARGET_DIR HOME="$HB" USER=reviewer LOGNAME=reviewer \
    CARGO_HOME="$CB" RUSTUP_HOME="$rustup_home" TZ=Pacific/Kiritimati LC_ALL=C LANG=C \
    PATH="$CB/bin:$PATH" \
    bash scripts/build.sh --no-cli --trusted-key "$T/elsewhere/keys-b/release.pub") \
    > "$T/b.log" 2>&1 || { cat "$T/b.log"; echo "test-repro.sh: build B failed" >&2; exit 1; }
echo "    $(( $(date +%s) - start )) s"

sa=$(sha256sum < "$A/dist/airlock.html" | cut -d' ' -f1)
sb=$(sha256sum < "$B/dist/airlock.html" | cut -d' ' -f1)
echo "    A: $sa  ($(stat -c %s "$A/dist/airlock.html") bytes)"
echo "    B: $sb  ($(stat -c %s "$B/dist/airlock.html") bytes)"
# The page states the commit it came from, clean.
grep -q "\"commit\":\"$REV\"" "$A/dist/airlock.html" \
    || { echo "test-repro.sh: the page does not state commit $REV" >&2; exit 1; }
if [ "$sa" != "$sb" ]; then
    echo "test-repro.sh: the two pages differ" >&2
    cmp "$A/dist/airlock.html" "$B/dist/airlock.html" | head -n 3 >&2 || true
    cmp -l "$A/target/wasm-page/airlock_wasm_bg.wasm" "$B/target/wasm-page/airlock_wasm_bg.wasm" \
        | head -n 5 >&2 || true
    AIRLOCK_KEEP_REPRO=1
    echo "    kept for inspection: $T" >&2
    exit 1
fi
echo "==> reproducible: commit $REV gives the same page in both folders ($sa)"
