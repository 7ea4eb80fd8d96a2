#!/usr/bin/env bash
# The install path of every tool the scripts need, proven in seconds (no network, nothing
# installed): each function of scripts/deps.sh runs under `set -euo pipefail`, once with its tool
# absent from PATH and once with it present, with the installers (cargo, rustup, apt-get, dpkg,
# sudo, npm) replaced by recorders. Absent: the right install is asked for and the script goes on.
# Present: nothing is installed.
#
# The PATH is a folder of links to a few basic tools (bash, awk, sed, grep...) plus the recorders
# and fake tools of the case, so a tool installed on this machine does not hide a missing one.
# HOME and CARGO_HOME are empty folders of the case.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# ------------------------------------------------------------------ the sandbox

mkdir -p "$T/base" "$T/recorders"
for t in bash sh env cat awk sed grep id mkdir rm head tail tr dirname basename ls mktemp; do
    p=$(type -P "$t") || { echo "test-deps.sh: needs $t" >&2; exit 2; }
    ln -s "$p" "$T/base/$t"
done

# Each recorder appends its command line to $LOG; queries answer from files in $STATE.
recorder() {
    printf '#!/bin/bash\n%s\n' "$2" > "$T/recorders/$1"
    chmod +x "$T/recorders/$1"
}
recorder cargo 'echo "cargo $*" >> "$LOG"
# --locked fails when the case says so (a locked dependency that left the registry).
if [ -e "$STATE/cargo-locked-fails" ]; then for a in "$@"; do [ "$a" = --locked ] && exit 101; done; fi
exit 0'
recorder rustup 'case "$1 $2" in
  "target list") cat "$STATE/targets" 2>/dev/null; exit 0 ;;
  "toolchain list") cat "$STATE/toolchains" 2>/dev/null; exit 0 ;;
esac
echo "rustup $*" >> "$LOG"'
recorder dpkg '[ "$1" = -s ] || { echo "dpkg $*" >> "$LOG"; exit 0; }
grep -qx "$2" "$STATE/debs" 2>/dev/null'
recorder apt-get 'echo "apt-get $*" >> "$LOG"'
recorder sudo 'exec "$@"'
recorder npm 'if [ "$1" = --version ]; then echo 10.0.0; exit 0; fi
echo "npm $* (in ${PWD#"$STATE"/})" >> "$LOG"'

# A fake Cargo.lock: the version ensure_wasm_bindgen must install comes from here.
mkdir -p "$T/project"
cat > "$T/project/Cargo.lock" <<'EOF'
[[package]]
name = "wasm-bindgen-backend"
version = "0.1.1"

[[package]]
name = "wasm-bindgen"
version = "0.2.999"
dependencies = [
 "cfg-if",
]
EOF

# ------------------------------------------------------------------ running one case

fails=0
cases=0

# check NAME EXPECTED-LOG SETUP... -- FUNCTION [ARG...]
#   SETUP words (before --):
#     tool:NAME=VERSION     a fake NAME on PATH printing "NAME VERSION" for --version
#     cargo-bin:NAME=VER    the same, in $CARGO_HOME/bin only (deps.sh must put it on PATH)
#     deb:PKG               dpkg -s PKG says installed
#     target:T toolchain:T  rustup lists them
#     no:NAME               no recorder NAME (the installer itself is absent)
#     cargo-locked-fails    `cargo install --locked` fails
#     playwright:VERSION    $STATE/e2e/node_modules holds playwright-core VERSION
#     fluent:VERSION        $STATE/site/node_modules holds @fluent/bundle VERSION
#   EXPECTED-LOG: the installers' command lines, one per line (empty: nothing installed).
check() {
    local name=$1 want=$2
    shift 2
    cases=$((cases + 1))
    local c=$T/case$cases
    mkdir -p "$c/bin" "$c/home" "$c/cargo/bin" "$c/e2e" "$c/site"
    : > "$c/log"
    : > "$c/debs"
    : > "$c/targets"
    : > "$c/toolchains"
    local skip=" " w
    for w in "$@"; do
        [ "$w" = -- ] && break
        case "$w" in no:*) skip+="${w#no:} " ;; esac
    done
    for w in "$T"/recorders/*; do
        case "$skip" in *" $(basename "$w") "*) ;; *) ln -s "$w" "$c/bin/" ;; esac
    done
    printf '{\n  "devDependencies": {\n    "playwright-core": "1.65.1"\n  }\n}\n' > "$c/e2e/package.json"
    printf '{\n  "devDependencies": {\n    "@fluent/bundle": "0.19.1"\n  }\n}\n' > "$c/site/package.json"
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        case "$1" in
            tool:*|cargo-bin:*)
                local spec=${1#*:} dir=$c/bin
                [ "${1%%:*}" = cargo-bin ] && dir=$c/cargo/bin
                printf '#!/bin/bash\necho "%s %s"\n' "${spec%%=*}" "${spec#*=}" > "$dir/${spec%%=*}"
                chmod +x "$dir/${spec%%=*}" ;;
            deb:*) echo "${1#deb:}" >> "$c/debs" ;;
            target:*) echo "${1#target:}" >> "$c/targets" ;;
            toolchain:*) echo "${1#toolchain:}" >> "$c/toolchains" ;;
            cargo-locked-fails) : > "$c/cargo-locked-fails" ;;
            playwright:*)
                mkdir -p "$c/e2e/node_modules/playwright-core"
                printf '{\n  "name": "playwright-core",\n  "version": "%s"\n}\n' "${1#playwright:}" \
                    > "$c/e2e/node_modules/playwright-core/package.json" ;;
            fluent:*)
                mkdir -p "$c/site/node_modules/@fluent/bundle"
                printf '{\n  "name": "@fluent/bundle",\n  "version": "%s"\n}\n' "${1#fluent:}" \
                    > "$c/site/node_modules/@fluent/bundle/package.json" ;;
            no:*) ;;
            *) echo "test-deps.sh: bad setup word $1" >&2; exit 2 ;;
        esac
        shift
    done
    shift # --
    local args=() a
    for a in "$@"; do args+=("${a//\{case\}/$c}"); done
    local status=0
    (cd "$T/project" && env -i PATH="$c/bin:$T/base" HOME="$c/home" CARGO_HOME="$c/cargo" \
        STATE="$c" LOG="$c/log" LANG=C \
        bash -c 'set -euo pipefail; shopt -s inherit_errexit; source "$1"; shift; "$@"; echo "the script went on"' \
        _ "$ROOT/scripts/deps.sh" "${args[@]}") > "$c/out" 2>&1 || status=$?
    local got
    got=$(cat "$c/log")
    if [ "$status" -ne 0 ] || [ "$(tail -n 1 "$c/out")" != "the script went on" ] || [ "$got" != "$want" ]; then
        fails=$((fails + 1))
        echo "FAIL: $name ($*)"
        echo "  exit status $status; output:"
        sed 's/^/    | /' "$c/out"
        echo "  installs asked for:"
        printf '%s\n' "$got" | sed 's/^/    | /'
        echo "  expected:"
        printf '%s\n' "$want" | sed 's/^/    | /'
    else
        echo "ok: $name"
    fi
}

W=wasm32-unknown-unknown

# ------------------------------------------------------------------ the cases

check "wasm32 target absent: rustup target add" \
    "rustup target add $W" -- ensure_wasm_target
check "wasm32 target present: nothing" \
    "" target:$W -- ensure_wasm_target

check "wasm-bindgen absent: cargo install at the Cargo.lock version" \
    "cargo install -q wasm-bindgen-cli --version 0.2.999 --locked" target:$W -- ensure_wasm_bindgen
check "wasm-bindgen and the target absent: both installed" \
    "rustup target add $W
cargo install -q wasm-bindgen-cli --version 0.2.999 --locked" -- ensure_wasm_bindgen
check "wasm-bindgen absent, --locked fails: installed without --locked" \
    "cargo install -q wasm-bindgen-cli --version 0.2.999 --locked
cargo install -q wasm-bindgen-cli --version 0.2.999" target:$W cargo-locked-fails -- ensure_wasm_bindgen
check "wasm-bindgen at another version: the locked one installed" \
    "cargo install -q wasm-bindgen-cli --version 0.2.999 --locked" target:$W tool:wasm-bindgen=0.2.100 -- ensure_wasm_bindgen
check "wasm-bindgen present at the locked version: nothing" \
    "" target:$W tool:wasm-bindgen=0.2.999 -- ensure_wasm_bindgen
check "wasm-bindgen in \$CARGO_HOME/bin, not on PATH: found, nothing installed" \
    "" target:$W cargo-bin:wasm-bindgen=0.2.999 -- ensure_wasm_bindgen

check "wasm-pack absent: cargo install wasm-pack" \
    "cargo install -q wasm-pack --locked" -- ensure_wasm_pack
check "wasm-pack present: nothing" \
    "" tool:wasm-pack=0.13.1 -- ensure_wasm_pack
check "wasm-pack in \$CARGO_HOME/bin: nothing" \
    "" cargo-bin:wasm-pack=0.13.1 -- ensure_wasm_pack
check "wasm tools all absent: target, wasm-bindgen, wasm-pack" \
    "rustup target add $W
cargo install -q wasm-bindgen-cli --version 0.2.999 --locked
cargo install -q wasm-pack --locked" -- ensure_wasm_tools
check "wasm tools all present: nothing" \
    "" target:$W tool:wasm-bindgen=0.2.999 tool:wasm-pack=0.13.1 -- ensure_wasm_tools

check "nightly absent: rustup toolchain install nightly" \
    "rustup toolchain install nightly --profile minimal" toolchain:stable-x86_64-unknown-linux-gnu -- ensure_nightly
check "nightly present: nothing" \
    "" toolchain:stable-x86_64-unknown-linux-gnu toolchain:nightly-x86_64-unknown-linux-gnu -- ensure_nightly
check "cargo-fuzz and nightly absent: both installed" \
    "rustup toolchain install nightly --profile minimal
cargo install -q cargo-fuzz --locked" toolchain:stable-x86_64-unknown-linux-gnu -- ensure_cargo_fuzz
check "cargo-fuzz present: nothing" \
    "" toolchain:nightly-x86_64-unknown-linux-gnu cargo-bin:cargo-fuzz=0.13.1 -- ensure_cargo_fuzz

check "minisign and signify absent: apt-get install both" \
    "apt-get update -qq
apt-get install -y -qq minisign signify-openbsd" -- ensure_signing_tools
check "signify absent: apt-get install signify-openbsd only" \
    "apt-get update -qq
apt-get install -y -qq signify-openbsd" deb:minisign -- ensure_signing_tools
check "minisign and signify present: nothing" \
    "" deb:minisign deb:signify-openbsd -- ensure_signing_tools
check "bsdtar absent: apt-get install libarchive-tools" \
    "apt-get update -qq
apt-get install -y -qq libarchive-tools" deb:tar -- ensure_archive_tools
check "GNU tar and bsdtar present: nothing" \
    "" deb:tar deb:libarchive-tools -- ensure_archive_tools
check "chromium and chromedriver absent: apt-get install both" \
    "apt-get update -qq
apt-get install -y -qq chromium chromium-driver" -- ensure_chromium
check "chromium present: nothing" \
    "" deb:chromium deb:chromium-driver -- ensure_chromium
check "CJK font absent: apt-get install fonts-wqy-microhei" \
    "apt-get update -qq
apt-get install -y -qq fonts-wqy-microhei" -- ensure_cjk_fonts
check "CJK font present: nothing" \
    "" deb:fonts-wqy-microhei -- ensure_cjk_fonts
check "apt packages absent, dpkg absent too: apt-get install asked" \
    "apt-get update -qq
apt-get install -y -qq minisign signify-openbsd" no:dpkg -- ensure_signing_tools

check "node absent: apt-get install nodejs npm" \
    "apt-get update -qq
apt-get install -y -qq nodejs npm" no:npm -- ensure_node
check "node present, npm absent: apt-get install npm" \
    "apt-get update -qq
apt-get install -y -qq npm" no:npm tool:node=v20.19.2 -- ensure_node
check "node and npm present: nothing" \
    "" tool:node=v20.19.2 -- ensure_node

check "playwright-core absent: npm ci in the test folder" \
    "npm ci --no-audit --no-fund (in e2e)" tool:node=v20.19.2 -- ensure_playwright '{case}/e2e'
check "playwright-core at another version: npm ci" \
    "npm ci --no-audit --no-fund (in e2e)" tool:node=v20.19.2 playwright:1.40.0 -- ensure_playwright '{case}/e2e'
check "playwright-core present at the wanted version: nothing" \
    "" tool:node=v20.19.2 playwright:1.65.1 -- ensure_playwright '{case}/e2e'
check "node and playwright-core absent: node from apt, then npm ci" \
    "apt-get update -qq
apt-get install -y -qq nodejs npm
npm ci --no-audit --no-fund (in e2e)" -- ensure_playwright '{case}/e2e'

check "@fluent/bundle absent: npm ci in site/, no install scripts" \
    "npm ci --ignore-scripts --no-audit --no-fund (in site)" tool:node=v20.19.2 -- ensure_fluent_bundle '{case}/site'
check "@fluent/bundle at another version: npm ci" \
    "npm ci --ignore-scripts --no-audit --no-fund (in site)" tool:node=v20.19.2 fluent:0.18.0 -- ensure_fluent_bundle '{case}/site'
check "@fluent/bundle present at the pinned version: nothing" \
    "" tool:node=v20.19.2 fluent:0.19.1 -- ensure_fluent_bundle '{case}/site'

# ------------------------------------------------------------------ installs live in deps.sh only

# Every install goes through a deps.sh function (tested above): no other script calls an installer.
stray=$(grep -nE '(^|[^_[:alnum:]-])(cargo install|apt-get install|rustup (target add|toolchain install)|npm (ci|install))' \
    scripts/*.sh .ci/run | grep -vE '^scripts/(deps|test-deps)\.sh:' \
    | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(#|echo )' || true)
cases=$((cases + 1))
if [ -n "$stray" ]; then
    fails=$((fails + 1))
    echo "FAIL: installers called outside scripts/deps.sh:"
    printf '%s\n' "$stray" | sed 's/^/    | /'
else
    echo "ok: every install is a scripts/deps.sh function"
fi

if [ "$fails" -gt 0 ]; then
    echo "test-deps.sh: $fails of $cases cases failed" >&2
    exit 1
fi
echo "test-deps.sh: all $cases cases passed"
