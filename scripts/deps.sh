# Shared by the build, test and bench scripts: install what is missing, skip what is there.
# Sourced, not run. Only Debian packages, crates.io and npm are reachable from our machines.

# ensure_apt PKG...: install Debian packages that are not installed yet.
ensure_apt() {
    local missing=()
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

# wasm_bindgen_version: the wasm-bindgen version locked in Cargo.lock.
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# ensure_wasm_bindgen: the wasm32 target and wasm-bindgen-cli at the locked version.
ensure_wasm_bindgen() {
    rustup target list --installed | grep -qx wasm32-unknown-unknown \
        || rustup target add wasm32-unknown-unknown
    local want have
    want=$(wasm_bindgen_version)
    # `|| true`: an absent tool must not end the caller under `set -euo pipefail`.
    have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}') || true
    if [ "$have" != "$want" ]; then
        echo "==> cargo install wasm-bindgen-cli $want (several minutes)"
        # --locked fails when a locked dependency has left the registry; fall back to a fresh
        # resolution of the same wasm-bindgen-cli version.
        cargo install -q wasm-bindgen-cli --version "$want" --locked \
            || cargo install -q wasm-bindgen-cli --version "$want"
    fi
}

# ensure_wasm_tools: ensure_wasm_bindgen, and wasm-pack for the wasm crate's tests.
ensure_wasm_tools() {
    ensure_wasm_bindgen
    if ! command -v wasm-pack >/dev/null; then
        echo "==> cargo install wasm-pack (several minutes)"
        cargo install -q wasm-pack --locked || cargo install -q wasm-pack
    fi
}
