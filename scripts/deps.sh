# Shared by the build, test and fuzz scripts: install what is missing, skip what is there.
# Sourced, not run. Only Debian packages, crates.io and npm are reachable from our machines.
#
# Every function here is called from scripts running under `set -euo pipefail`, on machines where
# the tool it looks for may be absent. So a probe never lets an absent tool's failure (exit 127,
# a failing pipeline) end the caller: probes are `if` conditions, `||` lists, or `|| true`.
# scripts/test-deps.sh runs each function with its tool absent and the installers replaced by
# recorders, and again with the tool present.

# `cargo install` writes to $CARGO_HOME/bin (default ~/.cargo/bin): tools installed there must be
# found by the rest of the script.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
    *":$CARGO_BIN:"*) ;;
    *) export PATH="$CARGO_BIN:$PATH" ;;
esac

# have CMD: CMD is on PATH.
have() {
    command -v "$1" >/dev/null 2>&1
}

# version_of CMD [ARG...]: the second word of `CMD --version` ("wasm-bindgen 0.2.130" ->
# 0.2.130), empty when CMD is absent or fails.
version_of() {
    local out
    out=$("$@" --version 2>/dev/null) || true
    printf '%s\n' "$out" | awk 'NR == 1 { print $2 }'
}

# ensure_apt PKG...: install Debian packages that are not installed yet.
ensure_apt() {
    local missing=() p
    for p in "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "==> apt-get install ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The Debian packages, by what they are for.
ensure_signing_tools() { ensure_apt minisign signify-openbsd; }   # interop tests
ensure_archive_tools() { ensure_apt tar libarchive-tools; }       # GNU tar and bsdtar
ensure_chromium() { ensure_apt chromium chromium-driver; }        # page and wasm tests
ensure_cjk_fonts() { ensure_apt fonts-wqy-microhei; }            # readable Chinese screenshots

# ensure_node: node and npm (Debian's when either is missing).
ensure_node() {
    if ! have node; then
        ensure_apt nodejs npm
    elif ! have npm; then
        ensure_apt npm
    fi
}

# ensure_npm_ci DIR PKG [ARG...]: DIR/node_modules holds the PKG version DIR/package.json asks
# for, else `npm ci ARG...` in DIR (the versions and integrity hashes of DIR/package-lock.json).
ensure_npm_ci() {
    local dir=$1 pkg=$2 want have=""
    shift 2
    ensure_node
    want=$(sed -n "\\|\"$pkg\"|{s|.*\"$pkg\": *\"[~^=]\\{0,1\\}\\([^\"]*\\)\".*|\\1|p;q}" "$dir/package.json")
    if [ -f "$dir/node_modules/$pkg/package.json" ]; then
        have=$(sed -n '/"version"/{s/.*"version": *"\([^"]*\)".*/\1/p;q}' "$dir/node_modules/$pkg/package.json")
    fi
    if [ -z "$want" ] || [ "$have" != "$want" ]; then
        echo "==> npm ci in $dir ($pkg ${want:-?})"
        (cd "$dir" && npm ci "$@")
    fi
}

# ensure_playwright DIR: DIR/node_modules holds the playwright-core version DIR/package.json asks
# for (`npm ci`; playwright-core downloads no browser: the tests use Debian's chromium).
ensure_playwright() {
    ensure_npm_ci "$1" playwright-core --no-audit --no-fund
}

# ensure_fluent_bundle DIR: DIR/node_modules holds the @fluent/bundle version DIR/package.json
# pins (site/: Fluent's JavaScript implementation, which scripts/build.sh inlines into the page).
# No install scripts run (the package has none; --ignore-scripts keeps it so).
ensure_fluent_bundle() {
    ensure_npm_ci "$1" @fluent/bundle --ignore-scripts --no-audit --no-fund
}

# ensure_wasm_target: the wasm32-unknown-unknown target of the active toolchain.
ensure_wasm_target() {
    local installed
    installed=$(rustup target list --installed 2>/dev/null) || true
    if ! printf '%s\n' "$installed" | grep -x wasm32-unknown-unknown >/dev/null; then
        echo "==> rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
}

# wasm_bindgen_version: the wasm-bindgen version locked in Cargo.lock.
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# ensure_wasm_bindgen: the wasm32 target and wasm-bindgen-cli at the locked version.
ensure_wasm_bindgen() {
    ensure_wasm_target
    local want have
    want=$(wasm_bindgen_version)
    [ -n "$want" ] || { echo "deps.sh: no wasm-bindgen in Cargo.lock" >&2; return 1; }
    have=$(version_of wasm-bindgen)
    if [ "$have" != "$want" ]; then
        echo "==> cargo install wasm-bindgen-cli $want (about 7 minutes; found: ${have:-none})"
        # --locked fails when a locked dependency has left the registry (seen: webpki-roots
        # 1.0.11); then resolve the same wasm-bindgen-cli version afresh.
        cargo install -q wasm-bindgen-cli --version "$want" --locked \
            || cargo install -q wasm-bindgen-cli --version "$want"
    fi
}

# ensure_wasm_pack: wasm-pack, for the wasm crate's tests (it uses the wasm-bindgen on PATH).
ensure_wasm_pack() {
    if [ -z "$(version_of wasm-pack)" ]; then
        echo "==> cargo install wasm-pack (about 7 minutes)"
        cargo install -q wasm-pack --locked || cargo install -q wasm-pack
    fi
}

# ensure_wasm_tools: ensure_wasm_bindgen and ensure_wasm_pack.
ensure_wasm_tools() {
    ensure_wasm_bindgen
    ensure_wasm_pack
}

# ensure_nightly: the nightly toolchain (cargo-fuzz needs it).
ensure_nightly() {
    local toolchains
    toolchains=$(rustup toolchain list 2>/dev/null) || true
    if ! printf '%s\n' "$toolchains" | grep '^nightly' >/dev/null; then
        echo "==> rustup toolchain install nightly"
        rustup toolchain install nightly --profile minimal
    fi
}

# ensure_cargo_fuzz: nightly and cargo-fuzz.
ensure_cargo_fuzz() {
    ensure_nightly
    if [ -z "$(version_of cargo-fuzz)" ]; then
        echo "==> cargo install cargo-fuzz (several minutes)"
        cargo install -q cargo-fuzz --locked || cargo install -q cargo-fuzz
    fi
}
