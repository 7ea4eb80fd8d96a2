#!/usr/bin/env bash
# Build the hostile-input corpus: bundles, lists, signatures and keys that try to fool, crash,
# hang or exhaust a verifier. tests/corpus/cases.tsv names what to pass to `airlock verify` for
# each case and what it must answer; tests/corpus.rs runs them all. OUT/cases.json is the same
# list as JSON.
#
# cases.tsv: one case a line, tab-separated; `-` for an empty field; paths relative to OUT.
#   case  verdict  codes (comma-separated; exactly the distinct finding codes of the report)
#   trusted (comma-separated --trusted-key files)  args (extra CLI arguments, space-separated)
#   inputs (the PATHs given to `airlock verify`, space-separated)
#
#   tests/corpus/make.sh [OUT]      (default: target/corpus)
#
# Keys and signatures come from the real `minisign` and `signify-openbsd`; ordinary archives from
# GNU tar; hostile ones from tests/corpus/craft.py, which writes tar headers byte by byte. Keys are
# fresh on every run, so the bytes differ between runs but every case means the same thing.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${1:-$HERE/../../target/corpus}"
for tool in minisign signify-openbsd python3 tar sha256sum gzip; do
    command -v "$tool" >/dev/null || { echo "make.sh: $tool is needed" >&2; exit 2; }
done
rm -rf "$OUT"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$OUT"
export TZ=UTC LC_ALL=C
export CRAFT="$HERE/craft.py"
craft() { python3 "$CRAFT" "$@"; }

# ----- keys -------------------------------------------------------------------------------------
mkdir keys
minisign -G -W -p keys/trusted.pub -s keys/trusted.key >/dev/null
minisign -G -W -p keys/other.pub -s keys/other.key >/dev/null
signify-openbsd -G -n -c "corpus signify key" -p keys/signify.pub -s keys/signify.sec

# sign FILE [KEY] [COMMENT]: FILE.minisig
sign() {
    minisign -S -s "${2:-keys/trusted.key}" -m "$1" -t "${3:-corpus $(basename "$1")}" >/dev/null
}

# payload DIR: the files every bundle carries.
payload() {
    mkdir -p "$1/bin"
    printf 'hello\n' >"$1/a.txt"
    printf '#!/bin/sh\necho run\n' >"$1/bin/run.sh"
}

# sums DIR: DIR/SHA256SUMS over every file in DIR (as sha256sum writes it), signed.
sums() {
    (cd "$1" && find . -type f ! -name 'SHA256SUMS*' -printf '%P\0' | sort -z |
        xargs -0 sha256sum -- >SHA256SUMS)
    sign "$1/SHA256SUMS"
}

# entries DIR: craft.py triples for the files of DIR, under the top folder b/.
entries() {
    (cd "$1" && find . -type f -printf '%P\n' | sort) | while read -r f; do
        printf '%s\n' f "b/$f" "$1/$f"
    done
}

# stage CASE: CASE/b holds the payload, a signed SHA256SUMS and its signature.
stage() {
    mkdir -p "$1/b"
    payload "$1/b"
    sums "$1/b"
}

# bundle CASE [craft options] [extra triples...]: CASE/bundle.tar from CASE/b plus extra entries.
bundle() {
    local c="$1"
    shift
    local opts=()
    while [ $# -gt 0 ] && [[ "$1" == --* ]]; do
        opts+=("$1")
        [ "$1" = --gz-members ] && { opts+=("$2"); shift; }
        shift
    done
    local ext=tar
    [ ${#opts[@]} -gt 0 ] && ext=tar.gz
    mapfile -t base < <(entries "$c/b")
    craft "${opts[@]}" "$c/bundle.$ext" "${base[@]}" "$@"
}

# gnutar CASE: CASE/bundle.tar.gz from CASE/b with GNU tar.
gnutar() {
    tar --format="${2:-gnu}" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 \
        -C "$1" -czf "$1/bundle.tar.gz" b
}

# ----- baselines --------------------------------------------------------------------------------
stage good
gnutar good

mkdir -p good-signify/b
payload good-signify/b
(cd good-signify/b && sha256sum a.txt bin/run.sh >../SHA256)
signify-openbsd -S -e -s keys/signify.sec -m good-signify/SHA256 -x good-signify/SHA256.sig
rm good-signify/SHA256
gnutar good-signify

# ----- paths ------------------------------------------------------------------------------------
stage traversal
bundle traversal t ../x "escaped"
stage absolute
bundle absolute t /tmp/airlock-corpus-evil "escaped"

# ----- links ------------------------------------------------------------------------------------
stage symlink-out
bundle symlink-out s b/passwd ../../etc/passwd
stage hardlink-out
bundle hardlink-out h b/passwd /etc/passwd
# link -> .. stays inside the bundle, but a file written through it lands one level up.
stage through-symlink
bundle through-symlink s b/link .. t b/link/x "through the link"
stage through-dirlink
bundle through-dirlink s b/dirlink /tmp t b/dirlink/evil "written to /tmp"

# ----- duplicates and special files -------------------------------------------------------------
stage duplicate
bundle duplicate t b/a.txt "second copy, the one extraction keeps"
stage chardev
bundle chardev c b/null -
stage fifo
bundle fifo p b/pipe -

# ----- PAX and GNU extensions -------------------------------------------------------------------
# A PAX path: readers that ignore PAX see b/a.txt; tar extracts b/evil.sh.
mkdir -p pax-name/b
payload pax-name/b
sums pax-name/b
craft pax-name/bundle.tar \
    xpath - b/evil.sh f b/a.txt pax-name/b/a.txt \
    f b/bin/run.sh pax-name/b/bin/run.sh \
    f b/SHA256SUMS pax-name/b/SHA256SUMS f b/SHA256SUMS.minisig pax-name/b/SHA256SUMS.minisig
# A PAX size larger than the ustar size: the data airlock hashes (as tar extracts it) includes
# what a PAX-ignoring reader would take for the next header.
mkdir -p pax-size/b
payload pax-size/b
sums pax-size/b
craft pax-size/inner.tar t b/evil.sh "#!/bin/sh\necho pwned" noend - -
python3 - pax-size <<'EOF'
import sys, subprocess
c = sys.argv[1]
hello = open(f"{c}/b/a.txt", "rb").read()
inner = open(f"{c}/inner.tar", "rb").read()
data = hello + b"\0" * (512 - len(hello)) + inner
open(f"{c}/smuggled", "wb").write(data)
EOF
craft pax-size/bundle.tar \
    xsize - "$(stat -c %s pax-size/smuggled)" f b/a.txt pax-size/smuggled \
    f b/bin/run.sh pax-size/b/bin/run.sh \
    f b/SHA256SUMS pax-size/b/SHA256SUMS f b/SHA256SUMS.minisig pax-size/b/SHA256SUMS.minisig
rm pax-size/inner.tar pax-size/smuggled

mkdir -p gnu-longname/b
payload gnu-longname/b
long="gnu-longname/b/$(printf 'd%.0s' {1..60})/$(printf 'n%.0s' {1..120}).txt"
mkdir -p "$(dirname "$long")"
printf 'long\n' >"$long"
sums gnu-longname/b
gnutar gnu-longname gnu

# ----- names ------------------------------------------------------------------------------------
mkdir -p collide-case/b
payload collide-case/b
printf 'upper\n' >collide-case/b/README
printf 'lower\n' >collide-case/b/readme
sums collide-case/b
gnutar collide-case
mkdir -p collide-nfc/b
payload collide-nfc/b
printf 'nfc\n' >"collide-nfc/b/caf$(printf '\xc3\xa9')"
printf 'nfd\n' >"collide-nfc/b/cafe$(printf '\xcc\x81')"
sums collide-nfc/b
gnutar collide-nfc

mkdir -p escaped-names/b
payload escaped-names/b
printf 'newline\n' >"escaped-names/b/new
line.txt"
printf 'backslash\n' >'escaped-names/b/back\slash.txt'
sums escaped-names/b
grep -q '^\\' escaped-names/b/SHA256SUMS || { echo "make.sh: sha256sum did not escape" >&2; exit 1; }
gnutar escaped-names

# ----- compression and framing ------------------------------------------------------------------
stage gz-bad-crc
gnutar gz-bad-crc
python3 - gz-bad-crc/bundle.tar.gz <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[-8] ^= 0xFF  # the CRC-32 in the trailer
open(p, "wb").write(b)
EOF
stage gz-truncated
gnutar gz-truncated
truncate -s $(($(stat -c %s gz-truncated/bundle.tar.gz) / 2)) gz-truncated/bundle.tar.gz
stage gz-multi-member
bundle gz-multi-member --gz-members 3
stage trailing-data
bundle trailing-data end - - raw - "hidden after the end"
stage trailing-data-gz
bundle trailing-data-gz --gz end - - raw - "hidden after the end"
stage size-lie
bundle size-lie lie b/huge 1000000000 noend - -

# Decompression bomb: 4 GiB of zeros, unlisted, in about 4 MB (gzip members that repeat one
# compressed 64 MiB block of zeros; to the reader it is one stream).
stage bomb
python3 - bomb <<'EOF'
import gzip, os, subprocess, sys
c = sys.argv[1]
size = 4 << 30
chunk = 64 << 20
subprocess.run(["python3", os.environ["CRAFT"], f"{c}/head.tar",
                "lie", "b/zeros", str(size), "noend", "-", "-"], check=True)
head = open(f"{c}/head.tar", "rb").read()
zeros = gzip.compress(b"\0" * chunk, compresslevel=9, mtime=0)
with open(f"{c}/bundle.tar.gz", "wb") as out:
    out.write(gzip.compress(head, mtime=0))
    for _ in range(size // chunk):
        out.write(zeros)
EOF
# the rest of the archive: the signed payload after the bomb.
mapfile -t rest < <(entries bomb/b)
craft --gz bomb/tail.tar.gz "${rest[@]}"
cat bomb/tail.tar.gz >>bomb/bundle.tar.gz
rm bomb/head.tar bomb/tail.tar.gz

# ----- lists ------------------------------------------------------------------------------------
mkdir -p empty-list/b
payload empty-list/b
: >empty-list/b/SHA256SUMS
sign empty-list/b/SHA256SUMS
gnutar empty-list
mkdir -p empty-list-detached/b
payload empty-list-detached/b
gnutar empty-list-detached
: >empty-list-detached/SHA256SUMS
sign empty-list-detached/SHA256SUMS

stage conflicting-list
(cd conflicting-list/b && printf '%s  a.txt\n' "$(printf 'other\n' | sha256sum | cut -c1-64)" >>SHA256SUMS)
sign conflicting-list/b/SHA256SUMS
gnutar conflicting-list

stage list-traversal
(cd list-traversal/b && printf '%s  ../etc/passwd\n' "$(sha256sum </etc/hostname | cut -c1-64)" >>SHA256SUMS)
sign list-traversal/b/SHA256SUMS
gnutar list-traversal

# ----- replay -----------------------------------------------------------------------------------
# Version 1 is signed; version 2 changes a.txt but carries version 1's list and signature.
stage replay-old-list
sign replay-old-list/b/SHA256SUMS keys/trusted.key "corpus version 1 timestamp:1700000000"
printf 'hello, version 2\n' >replay-old-list/b/a.txt
gnutar replay-old-list
# The whole old bundle replayed: it verifies (only the trusted comment shows it is old).
stage replay-whole-old
sign replay-whole-old/b/SHA256SUMS keys/trusted.key "corpus version 1 timestamp:1700000000"
gnutar replay-whole-old

# ----- signatures -------------------------------------------------------------------------------
stage edited-comment
sed -i 's/^trusted comment: .*/trusted comment: corpus version 9 timestamp:1900000000/' \
    edited-comment/b/SHA256SUMS.minisig
gnutar edited-comment

# Ed25519 malleability: S + L verifies with a lax verifier; strict verification refuses it.
malleate() {
    python3 - "$@" <<'EOF'
import base64, sys
L = 2**252 + 27742317777372353535851937790883648493
path, line_no, sig_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = open(path, "rb").read().split(b"\n")
raw = bytearray(base64.b64decode(lines[line_no]))
s = int.from_bytes(raw[sig_at + 32:sig_at + 64], "little") + L
raw[sig_at + 32:sig_at + 64] = s.to_bytes(32, "little")
lines[line_no] = base64.b64encode(bytes(raw))
open(path, "wb").write(b"\n".join(lines))
EOF
}
stage malleated-sig
malleate malleated-sig/b/SHA256SUMS.minisig 1 10
gnutar malleated-sig
stage malleated-global
malleate malleated-global/b/SHA256SUMS.minisig 3 0
gnutar malleated-global
mkdir -p malleated-signify/b
payload malleated-signify/b
(cd malleated-signify/b && sha256sum a.txt bin/run.sh >../SHA256)
signify-openbsd -S -s keys/signify.sec -m malleated-signify/SHA256 -x malleated-signify/SHA256.sig
malleate malleated-signify/SHA256.sig 1 10
gnutar malleated-signify

# Signed by the other key, with the trusted key's ID written over the signature's key ID.
stage keyid-swap
sign keyid-swap/b/SHA256SUMS keys/other.key
python3 - keyid-swap/b/SHA256SUMS.minisig keys/trusted.pub <<'EOF'
import base64, sys
sig_path, pub_path = sys.argv[1], sys.argv[2]
trusted_id = base64.b64decode(open(pub_path, "rb").read().split(b"\n")[1])[2:10]
lines = open(sig_path, "rb").read().split(b"\n")
raw = bytearray(base64.b64decode(lines[1]))
raw[2:10] = trusted_id
lines[1] = base64.b64encode(bytes(raw))
open(sig_path, "wb").write(b"\n".join(lines))
EOF
gnutar keyid-swap

stage other-key
sign other-key/b/SHA256SUMS keys/other.key
cp keys/other.pub other-key/other.pub
gnutar other-key

stage secret-key
gnutar secret-key
cp keys/other.key secret-key/minisign.key

# ----- limits -----------------------------------------------------------------------------------
stage limits
gnutar limits

# ----- old GNU sparse: a few bytes that expand to a huge file of zeros ---------------------------
stage sparse-bomb
python3 - sparse-bomb <<'EOF'
import sys
c = sys.argv[1]
size = 1 << 50
b = bytearray(512)
b[0:11] = b"b/sparse.db"
b[100:108] = b"0000644\0"
b[108:116] = b"0000000\0"
b[116:124] = b"0000000\0"
b[124:136] = b"%011o\0" % 0
b[136:148] = b"%011o\0" % 0
b[156:157] = b"S"
b[257:265] = b"ustar  \0"
b[483:495] = bytes([0x80]) + size.to_bytes(11, "big")
b[148:156] = b" " * 8
b[148:156] = b"%06o\0 " % sum(b)
open(f"{c}/sparse.tar", "wb").write(bytes(b))
EOF
mapfile -t base < <(entries sparse-bomb/b)
python3 - sparse-bomb "${base[@]}" <<'EOF'
import subprocess, sys, os
c, rest = sys.argv[1], sys.argv[2:]
subprocess.run(["python3", os.environ["CRAFT"], f"{c}/rest.tar", *rest], check=True)
open(f"{c}/bundle.tar", "wb").write(open(f"{c}/sparse.tar", "rb").read() + open(f"{c}/rest.tar", "rb").read())
EOF
rm sparse-bomb/sparse.tar sparse-bomb/rest.tar

# The case list as JSON, for drivers that would rather not parse TSV (the page's e2e tests).
python3 - "$HERE/cases.tsv" "$OUT/cases.json" <<'EOF'
import json, sys
cases = []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    name, verdict, codes, trusted, args, inputs = line.rstrip("\n").split("\t")
    split = lambda s, sep=" ": [] if s == "-" else s.split(sep)
    cases.append({"name": name, "verdict": verdict, "codes": split(codes, ","),
                  "trusted": split(trusted, ","), "args": split(args), "inputs": split(inputs)})
json.dump({"schema": 1, "cases": cases}, open(sys.argv[2], "w"), indent=1)
EOF
echo "corpus written to $OUT"
