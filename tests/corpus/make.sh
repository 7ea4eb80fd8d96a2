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
for tool in minisign signify-openbsd python3 tar sha256sum gzip gpg ssh-keygen; do
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

# ----- parser differentials (issue 13): headers that extractors could read differently ----------
# std CASE [bin/run.sh]: craft.py triples for the list, its signature and a.txt of CASE/b (and
# bin/run.sh when asked), in the order GNU tar --sort=name writes them.
std() {
    printf '%s\n' f b/SHA256SUMS "$1/b/SHA256SUMS" f b/SHA256SUMS.minisig "$1/b/SHA256SUMS.minisig" \
        f b/a.txt "$1/b/a.txt"
    [ $# -lt 2 ] || printf '%s\n' f b/bin/run.sh "$1/b/bin/run.sh"
}
# hostile CASE TRIPLES...: CASE/bundle.tar: the list, its signature and a.txt, then the triples in
# place of bin/run.sh (whose content is CASE/b/bin/run.sh). Refusing the header stops the reading
# there, so bin/run.sh is then `missing`.
hostile() {
    local c="$1"
    shift
    stage "$c"
    mapfile -t head < <(std "$c")
    craft "$c/bundle.tar" "${head[@]}" "$@"
}
octal() { printf "%0${2}o" "$1"; } # octal N DIGITS
RUN="bin/run.sh"
RUNSZ=19 # its size

# The issue's five bypasses. In 1-3 the victim is a signed `image.tar` (as `docker save` writes
# them): a reader that takes its size for 0 extracts the entries inside it (b/evil.sh) instead.
# imaged CASE: the payload plus a signed b/image.tar; imagebundle CASE TRIPLES...: CASE/bundle.tar,
# the triples writing image.tar last.
imaged() {
    mkdir -p "$1/b"
    payload "$1/b"
    craft "$1/b/image.tar" t b/evil.sh '#!/bin/sh\necho EVIL\n'
    sums "$1/b"
}
imagebundle() {
    local c="$1"
    shift
    mapfile -t head < <(std "$c" run)
    craft "$c/bundle.tar" "${head[@]}" "$@"
}
image() { printf 'file=%s/b/image.tar' "$1"; }
imgsize() { octal "$(stat -c %s "$1/b/image.tar")" "$2"; }
for c in i13-size-nul i13-size-blank-nul i13-pax-two-spaces i13-pax-space-tab i13-global-size; do
    imaged $c
done
# 1. a size field led by two NULs, or a blank then a NUL: GNU tar reads 0.
imagebundle i13-size-nul e b/image.tar \
    "$(image i13-size-nul);@size=\\x00\\x00$(imgsize i13-size-nul 10)"
imagebundle i13-size-blank-nul e b/image.tar \
    "$(image i13-size-blank-nul);@size= \\x00$(imgsize i13-size-blank-nul 10)"
# 2. PAX records with two blanks, or a blank and a tab, before the key: GNU tar applies them.
imagebundle i13-pax-two-spaces xraw - '11  size=0\n' f b/image.tar i13-pax-two-spaces/b/image.tar
imagebundle i13-pax-space-tab xraw - '11 \tsize=0\n' f b/image.tar i13-pax-space-tab/b/image.tar
# 3. global headers with size or path: GNU tar applies them to every following entry.
imagebundle i13-global-size g - 'size=0' f b/image.tar i13-global-size/b/image.tar
hostile i13-global-path g - 'path=b/evil.sh' f b/$RUN i13-global-path/b/$RUN
# 4. a link chain through a link to a folder: by text `passwd` stays in b/a/d/etc, by the kernel
#    it goes two levels above b/.
hostile i13-link-chain f b/$RUN i13-link-chain/b/$RUN d b/a - s b/a/d .. \
    s b/passwd a/d/a/d/../../etc/passwd
# 5. a signed list of loose release files, one of them given, beside an unrelated archive.
mkdir -p i13-loose-list/rel
printf 'release notes\n' >i13-loose-list/rel/notes.txt
printf 'the real release\n' >i13-loose-list/rel/release.bin
(cd i13-loose-list/rel && sha256sum notes.txt release.bin >../SHA256SUMS)
sign i13-loose-list/SHA256SUMS
cp i13-loose-list/rel/notes.txt i13-loose-list/notes.txt
rm -r i13-loose-list/rel
craft --gz i13-loose-list/evil.tar.gz t evil.sh '#!/bin/sh\necho EVIL\n'

# Every other header the mainstream extractors could read differently: refused (ambiguous-header).
# Numeric fields: `[blank]*[0-7]+[NUL|blank]*` or positive base-256, nothing else.
rs() { printf 'file=%s/b/%s' "$1" "$RUN"; }
hostile amb-size-lead-nul e b/$RUN "$(rs amb-size-lead-nul);@size=\\x00$(octal $RUNSZ 10)"
hostile amb-size-garbage e b/$RUN "$(rs amb-size-garbage);@size=$(octal $RUNSZ 11)x"
hostile amb-size-digit8 e b/$RUN "$(rs amb-size-digit8);@size=00000000028"
hostile amb-mode-plus e b/$RUN "$(rs amb-mode-plus);@mode=+000644"
hostile amb-uid-minus e b/$RUN "$(rs amb-uid-minus);@uid=-000000"
hostile amb-gid-tab e b/$RUN "$(rs amb-gid-tab);@gid=\\t000000"
hostile amb-mtime-negative e b/$RUN "$(rs amb-mtime-negative);@mtime=$(printf '\\xff%.0s' {1..12})"
hostile amb-chksum-lead-nul e b/$RUN "$(rs amb-chksum-lead-nul);sumfmt=\\x00%06o"
hostile amb-devmajor-garbage e b/$RUN "$(rs amb-devmajor-garbage);@devmajor=0000000x"
# old GNU sparse: one segment (0, 19) and a real size that is not a number.
hostile amb-sparse-realsize e b/$RUN \
    "$(rs amb-sparse-realsize);type=S;gnu=1;@sparse=$(octal 0 11)\\x00$(octal $RUNSZ 11);@realsize=+$(octal $RUNSZ 10)"
# PAX records: exactly `LEN SP key=value LF`, each key once, nothing GNU tar or libarchive would
# apply that Airlock does not.
hostile amb-pax-length xraw - "22 path=b/$RUN\\n" f b/$RUN amb-pax-length/b/$RUN
hostile amb-pax-length-plus xraw - "+22 path=b/$RUN\\n" f b/$RUN amb-pax-length-plus/b/$RUN
hostile amb-pax-duplicate x - "path=b/$RUN|path=b/bin/evil.sh" f b/$RUN amb-pax-duplicate/b/$RUN
hostile amb-pax-empty-path x - 'path=' f b/$RUN amb-pax-empty-path/b/$RUN
hostile amb-pax-nul-path x - "path=b/$RUN\\x00.txt" f b/$RUN amb-pax-nul-path/b/$RUN
hostile amb-pax-size-plus x - "size=+$RUNSZ" f b/$RUN amb-pax-size-plus/b/$RUN
hostile amb-pax-gnu-sparse x - "GNU.sparse.size=$RUNSZ" f b/$RUN amb-pax-gnu-sparse/b/$RUN
hostile amb-pax-realsize x - "SCHILY.realsize=$RUNSZ" f b/$RUN amb-pax-realsize/b/$RUN
hostile amb-pax-holesdata x - "SUN.holesdata= 0 $RUNSZ" f b/$RUN amb-pax-holesdata/b/$RUN
hostile amb-global-linkpath g - 'linkpath=/etc/passwd' f b/$RUN amb-global-linkpath/b/$RUN
# Type flags that readers treat differently (Solaris ACL and extended attributes, GNU dumpdir,
# multivolume, old long names, volume label, Solaris extended header).
for t in A D E I M N V X; do
    hostile "amb-type-$t" e b/$RUN "$(rs "amb-type-$t");type=$t"
done
# A regular file whose name ends with '/': GNU tar makes a folder of it.
hostile amb-file-slash e b/$RUN/ "$(rs amb-file-slash)"
# GNU long names: bytes after the NUL; a long name and a PAX path for the same entry.
hostile amb-longname-tail L - "b/$RUN\\x00b/bin/evil.sh" f b/$RUN amb-longname-tail/b/$RUN
hostile amb-longname-pax x - "path=b/bin/evil.sh" L - "b/$RUN\\x00" f b/$RUN amb-longname-pax/b/$RUN
# A prefix in a header that is not POSIX ustar: POSIX readers see b/bin/run.sh, others bin/run.sh.
hostile amb-prefix-gnu e "$RUN" "$(rs amb-prefix-gnu);gnu=1;@prefix=b"
hostile amb-prefix-v7 e "$RUN" "$(rs amb-prefix-v7);@magic=;@version=;@prefix=b"
hostile amb-prefix-version e "$RUN" "$(rs amb-prefix-version);@version=\\x20\\x20;@prefix=b"
# A lone zero block, then more entries (GNU tar stops there, with a warning).
hostile lone-zero-block raw - "$(printf '\\x00%.0s' {1..512})" f b/$RUN lone-zero-block/b/$RUN

hostile amb-pax-length-blank xraw - " 22 path=b/$RUN\\n" f b/$RUN amb-pax-length-blank/b/$RUN
# Extended attributes and ACLs that bsdtar restores by default (as root): a file capability
# (cap_setuid+ep) on the signed run.sh, by SCHILY and by LIBARCHIVE records, a user attribute,
# and an ACL giving `nobody` write access. The bytes match the list; the extracted file does not.
CAP='\x01\x00\x00\x02\x80\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'
hostile amb-pax-capability x - "SCHILY.xattr.security.capability=$CAP" f b/$RUN amb-pax-capability/b/$RUN
hostile amb-pax-libarchive-xattr x - 'LIBARCHIVE.xattr.security.capability=AQAAAoAAAAAAAAAAAAAAAAAAAAA=' \
    f b/$RUN amb-pax-libarchive-xattr/b/$RUN
hostile amb-pax-xattr-user x - 'SCHILY.xattr.user.note=hi' f b/$RUN amb-pax-xattr-user/b/$RUN
hostile amb-pax-acl x - 'SCHILY.acl.access=user::rw-,user:nobody:rwx,group::r--,mask::rwx,other::r--' \
    f b/$RUN amb-pax-acl/b/$RUN
# An unknown type flag is a regular file: an unlisted one is `extra`, like any other file.
hostile type-z-unlisted f b/$RUN type-z-unlisted/b/$RUN e b/evil.sh "text=echo EVIL;type=Z"
# Unlisted links that lead to nothing, or to the signature (whose first line nobody signs).
hostile unlisted-link-dangling f b/$RUN unlisted-link-dangling/b/$RUN s b/ghost.sh nothing.sh
hostile unlisted-link-to-sig f b/$RUN unlisted-link-to-sig/b/$RUN s b/setup.sh SHA256SUMS.minisig

# Readers agree on these: still verified.
# Type flags '7', 'Z' (unknown) and NUL are regular files: hashed and listed.
stage type-regular
printf 'third\n' >type-regular/b/c.txt
rm type-regular/b/SHA256SUMS*
sums type-regular/b
mapfile -t head < <(std type-regular)
craft type-regular/bundle.tar "${head[@]}" e b/$RUN "$(rs type-regular);type=Z" \
    e b/c.txt "file=type-regular/b/c.txt;type=\\x00"
python3 - type-regular/bundle.tar <<'EOF'
import sys  # a.txt (the third entry) becomes type '7', checksum fixed
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
at = 2 * 512 + 512 * ((len(open(p.replace("bundle.tar", "b/SHA256SUMS"), "rb").read()) + 511) // 512)
at += 512 * ((len(open(p.replace("bundle.tar", "b/SHA256SUMS.minisig"), "rb").read()) + 511) // 512)
assert b[at:at + 7] == b"b/a.txt", b[at:at + 7]
b[at + 156] = ord("7")
b[at + 148:at + 156] = b" " * 8
b[at + 148:at + 156] = b"%06o\0 " % sum(b[at:at + 512])
open(p, "wb").write(b)
EOF
# A positive base-256 size (GNU tar writes them for entries of 8 GiB and more).
hostile base256-size e b/$RUN "$(rs base256-size);@size=\\x80$(printf '\\x00%.0s' {1..10})\\x$(printf %02x $RUNSZ)"

# Real tools: GNU tar in each format and bsdtar, with hard links, internal links to a file (listed)
# and to a folder (not listed: an `unlisted-link` warning), long and Unicode names.
rich() {
    local d="$1/b" long
    payload "$d"
    mkdir -p "$d/docs/guide"
    printf 'guide\n' >"$d/docs/guide/index.txt"
    ln "$d/a.txt" "$d/a-hard.txt"
    ln -s run.sh "$d/bin/run-link.sh"
    ln -s ../../a.txt "$d/docs/guide/a-up.txt"
    ln -s docs "$d/docs-link"
    long="$d/$(printf 'd%.0s' {1..60})/$(printf 'n%.0s' {1..80}).txt"
    mkdir -p "$(dirname "$long")"
    printf 'long\n' >"$long"
    printf 'caf\xc3\xa9\n' >"$d/caf$(printf '\xc3\xa9').txt"
    mkdir -p "$d/$(printf '\xe6\x97\xa5\xe6\x9c\xac')"
    printf 'nihon\n' >"$d/$(printf '\xe6\x97\xa5\xe6\x9c\xac')/$(printf '\xe3\x83\x95\xe3\x82\xa1\xe3\x82\xa4\xe3\x83\xab').txt"
    (cd "$d" && find . \( -type f -o -xtype f \) ! -name 'SHA256SUMS*' -printf '%P\0' | sort -z |
        xargs -0 sha256sum -- >SHA256SUMS)
    sign "$d/SHA256SUMS"
    find "$1" -exec touch -h -d @0 {} +
}
for f in gnu posix ustar; do
    rich "gnutar-$f"
    gnutar "gnutar-$f" "$f"
done
for f in restricted pax ustar; do
    rich "bsdtar-$f"
    opts=()
    [ "$f" = restricted ] || opts=(--format "$f")
    (cd "bsdtar-$f" && LC_ALL=C.UTF-8 bsdtar "${opts[@]}" --uid 0 --gid 0 --uname root --gname root -czf bundle.tar.gz b)
done
# `git archive` writes a global header holding only a comment (the commit ID).
stage git-archive
(
    cd git-archive/b
    git init -q . && git add -A &&
        git -c user.name=corpus -c user.email=corpus@example.invalid commit -qm corpus &&
        git archive --format=tar --prefix=b/ HEAD >../bundle.tar && rm -rf .git
)
python3 -c 'import sys; b=open(sys.argv[1],"rb").read(512); assert b[156:157]==b"g", b[156:157]' \
    git-archive/bundle.tar

# ----- links and names (issue 14) ---------------------------------------------------------------
# rel/ is a release folder: install.sh, README, the signed list and its signature.
release() {
    mkdir -p "$1/rel"
    printf '#!/bin/sh\necho installing\n' >"$1/rel/install.sh"
    printf 'read me\n' >"$1/rel/README"
    (cd "$1/rel" && sha256sum README install.sh >SHA256SUMS)
    sign "$1/rel/SHA256SUMS"
}
reltar() { (cd "$1" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -czf bundle.tar.gz rel); }
# 1. the listed install.sh is a link that, followed by the kernel, opens the signature file, whose
#    unsigned first line was made a shell command. By text it lands on a genuine copy in rel/c/.
release i14-listed-link
r=i14-listed-link/rel
sed -i '1s/.*/untrusted comment: x; echo PWNED; exit 0/' $r/SHA256SUMS.minisig
mkdir -p $r/c $r/x/y $r/x/c
cp $r/install.sh $r/README $r/c/
cp $r/SHA256SUMS $r/c/SHA256SUMS
rm $r/install.sh
ln -s lnk/../c/install.sh $r/install.sh
ln -s x/y $r/lnk
ln -s ../../SHA256SUMS.minisig $r/x/c/install.sh
reltar i14-listed-link
# 2. a byte-identical copy of the signed list in another folder, with a second tree.
release i14-list-copy
mkdir -p i14-list-copy/rel/c
cp i14-list-copy/rel/{SHA256SUMS,README,install.sh} i14-list-copy/rel/c/
reltar i14-list-copy
# 3. an unlisted link whose name collides (case) with the listed install.sh.
release i14-collide-link
ln -s install.sh i14-collide-link/rel/INSTALL.sh
reltar i14-collide-link
# A folder that collides with a listed file; an unlisted file that collides with a listed one; a
# link that collides with the folder above a listed file.
release collide-folder
mkdir -p collide-folder/rel/readme
printf 'inside\n' >collide-folder/rel/readme/x.txt
(cd collide-folder/rel && sha256sum README install.sh readme/x.txt >SHA256SUMS)
sign collide-folder/rel/SHA256SUMS
reltar collide-folder
release collide-unlisted
printf 'not listed\n' >collide-unlisted/rel/Install.sh
reltar collide-unlisted
release collide-ancestor
mkdir -p collide-ancestor/rel/bin collide-ancestor/rel/other
printf 'tool\n' >collide-ancestor/rel/bin/tool
printf 'other\n' >collide-ancestor/rel/other/o.txt
(cd collide-ancestor/rel && sha256sum README install.sh bin/tool other/o.txt >SHA256SUMS)
sign collide-ancestor/rel/SHA256SUMS
ln -s other collide-ancestor/rel/BIN
reltar collide-ancestor

# ----- OpenPGP and SSH signatures (issue 10) ------------------------------------------------------
# Keys and signatures by the real gpg (GnuPG 2.2) and ssh-keygen; hostile ones are byte edits of
# real ones (tests/corpus/pgpedit.py). Trusted: pgp/trusted.asc (two certificates, Ed25519 and
# RSA 3072, one armored block) and sshsig/allowed_signers. Every case is also put to
# `gpg --verify` or `ssh-keygen -Y verify`, and make.sh stops if the real tool's answer is not the
# one the case expects (`good`: it verifies; `bad`: it does not).
mkdir -p pgp sshsig
export GNUPGHOME="$OUT/pgp/gnupg"
mkdir -m 700 "$GNUPGHOME"
PGPEDIT="$HERE/pgpedit.py"
gpgq() { gpg --batch --quiet --no-tty --passphrase '' --pinentry-mode loopback "$@" 2>/dev/null; }
gpgq --quick-gen-key 'Corpus Release <release@corpus>' ed25519 sign never
gpgq --quick-gen-key 'Corpus RSA <rsa@corpus>' rsa3072 sign never
gpgq --quick-gen-key 'Corpus Other <other@corpus>' ed25519 sign never
gpg --armor --export release@corpus rsa@corpus >pgp/trusted.asc
pgpfpr() { gpg --with-colons --list-keys "$1" | awk -F: '/^fpr:/ {print $10; exit}'; }
# expect_gpg good|bad SIG [DATA]: gpg --verify (the trusted keys, and the other key, imported).
expect_gpg() {
    local want="$1" got=bad
    shift
    gpg --batch --verify "$@" >/dev/null 2>&1 && got=good
    [ "$got" = "$want" ] || { echo "make.sh: gpg --verify $*: $got, the case expects $want" >&2; exit 1; }
}
# pstage CASE: CASE/b with the payload and its SHA256SUMS (not signed yet).
pstage() {
    mkdir -p "$1/b"
    payload "$1/b"
    (cd "$1/b" && sha256sum a.txt bin/run.sh >SHA256SUMS)
}
# Baselines: a detached binary signature, an armored one by the RSA key, a cleartext-signed list.
pstage pgp-good
gpgq -u release@corpus --detach-sign -o pgp-good/b/SHA256SUMS.sig pgp-good/b/SHA256SUMS
expect_gpg good pgp-good/b/SHA256SUMS.sig pgp-good/b/SHA256SUMS
gnutar pgp-good
pstage pgp-clearsign
gpgq -u release@corpus --clearsign -o pgp-clearsign/b/SHA256SUMS.asc pgp-clearsign/b/SHA256SUMS
rm pgp-clearsign/b/SHA256SUMS
expect_gpg good pgp-clearsign/b/SHA256SUMS.asc
gnutar pgp-clearsign
# A key file of two armored blocks (exports joined with `cat`): `gpg --import` reads both; the
# bundle is signed by the key of the second block. Airlock reads only the first block today (see
# the commented case in cases.tsv).
pstage pgp-keyring-blocks
gpg --armor --export release@corpus >pgp-keyring-blocks/keys.asc
gpg --armor --export rsa@corpus >>pgp-keyring-blocks/keys.asc
gpgq -u rsa@corpus --detach-sign -o pgp-keyring-blocks/b/SHA256SUMS.sig pgp-keyring-blocks/b/SHA256SUMS
(
    GNUPGHOME="$(mktemp -d)"
    export GNUPGHOME
    gpgq --import pgp-keyring-blocks/keys.asc
    expect_gpg good pgp-keyring-blocks/b/SHA256SUMS.sig pgp-keyring-blocks/b/SHA256SUMS
    gpgconf --kill gpg-agent 2>/dev/null || true
    rm -rf "$GNUPGHOME"
)
gnutar pgp-keyring-blocks
# Malformed packets, each still framed as a signature packet so it is taken for one: the hashed
# subpacket area's length runs past the packet; an MPI's bit count claims 65535 bits (8 KiB) that
# the packet does not hold; a packet cut short (its length says more than the file holds).
for c in pgp-subpacket-overrun pgp-mpi-overrun pgp-truncated-packet; do
    pstage $c
    gpgq -u release@corpus --detach-sign -o $c/b/SHA256SUMS.sig $c/b/SHA256SUMS
done
python3 "$PGPEDIT" hashed-len pgp-subpacket-overrun/b/SHA256SUMS.sig 65535
python3 "$PGPEDIT" mpi-bits pgp-mpi-overrun/b/SHA256SUMS.sig 65535
python3 "$PGPEDIT" truncate pgp-truncated-packet/b/SHA256SUMS.sig 10
for c in pgp-subpacket-overrun pgp-mpi-overrun pgp-truncated-packet; do
    expect_gpg bad $c/b/SHA256SUMS.sig $c/b/SHA256SUMS
    gnutar $c
done
# An oversized MPI: the RSA signature's MPI replaced by one of 16384 bits (all ones), the packet
# length fixed so the packet is well formed: larger than the modulus, it cannot verify.
pstage pgp-mpi-oversized
gpgq -u rsa@corpus --detach-sign -o pgp-mpi-oversized/b/SHA256SUMS.sig pgp-mpi-oversized/b/SHA256SUMS
python3 "$PGPEDIT" mpi-replace pgp-mpi-oversized/b/SHA256SUMS.sig 16384
expect_gpg bad pgp-mpi-oversized/b/SHA256SUMS.sig pgp-mpi-oversized/b/SHA256SUMS
gnutar pgp-mpi-oversized
# Armor: one base64 character of the body changed (gpg: CRC error; the signature bytes differ).
pstage pgp-armor-body
gpgq -u release@corpus --armor --detach-sign -o pgp-armor-body/b/SHA256SUMS.asc pgp-armor-body/b/SHA256SUMS
python3 "$PGPEDIT" armor-body pgp-armor-body/b/SHA256SUMS.asc
expect_gpg bad pgp-armor-body/b/SHA256SUMS.asc pgp-armor-body/b/SHA256SUMS
gnutar pgp-armor-body
# Armor: the body intact, only its CRC24 line changed. gpg refuses it ("CRC error; no signature
# found"); Airlock verifies it today (rPGP skips the CRC, as RFC 9580 allows, and its opt-in check
# is broken in pgp 0.21.0): see the commented case in cases.tsv.
pstage pgp-armor-crc
gpgq -u release@corpus --armor --detach-sign -o pgp-armor-crc/b/SHA256SUMS.asc pgp-armor-crc/b/SHA256SUMS
python3 "$PGPEDIT" armor-crc pgp-armor-crc/b/SHA256SUMS.asc
expect_gpg bad pgp-armor-crc/b/SHA256SUMS.asc pgp-armor-crc/b/SHA256SUMS
gnutar pgp-armor-crc
# The issuer subpackets (fingerprint, hashed; key ID, unhashed) claim the trusted key, but the
# signature was made by another Ed25519 key.
pstage pgp-issuer-lie
gpgq -u other@corpus --detach-sign -o pgp-issuer-lie/b/SHA256SUMS.sig pgp-issuer-lie/b/SHA256SUMS
python3 "$PGPEDIT" issuer pgp-issuer-lie/b/SHA256SUMS.sig "$(pgpfpr other@corpus)" "$(pgpfpr release@corpus)"
expect_gpg bad pgp-issuer-lie/b/SHA256SUMS.sig pgp-issuer-lie/b/SHA256SUMS
gnutar pgp-issuer-lie
# Cleartext dash-escaping. (1) A list line that needs no escape given a `- ` prefix: dash-escapes
# are removed before hashing, so gpg says good and the list is the one signed. On the first line
# of the list Airlock does not take the file for a signed list (see the commented case in
# cases.tsv); on a later line it does.
for line in first:a.txt later:bin/run.sh; do
    c=pgp-dash-prefixed-${line%%:*}
    pstage $c
    gpgq -u release@corpus --clearsign -o $c/b/SHA256SUMS.asc $c/b/SHA256SUMS
    rm $c/b/SHA256SUMS
    python3 "$PGPEDIT" dash-prefix $c/b/SHA256SUMS.asc "${line#*:}"
    expect_gpg good $c/b/SHA256SUMS.asc
    gnutar $c
done
# (2) A dash-escaped list line inserted after signing, naming a file added to the bundle.
pstage pgp-dash-inserted
gpgq -u release@corpus --clearsign -o pgp-dash-inserted/b/SHA256SUMS.asc pgp-dash-inserted/b/SHA256SUMS
rm pgp-dash-inserted/b/SHA256SUMS
printf 'echo evil\n' >pgp-dash-inserted/b/evil.sh
python3 "$PGPEDIT" dash-insert pgp-dash-inserted/b/SHA256SUMS.asc \
    "- $(sha256sum <pgp-dash-inserted/b/evil.sh | cut -c1-64)  evil.sh"
expect_gpg bad pgp-dash-inserted/b/SHA256SUMS.asc
gnutar pgp-dash-inserted
# (3) The signer's own text has a line starting with a dash (gpg escapes it: `- -----BEGIN…`
# and `- -- not a list line`): the signature is good, but the signed text is not a checksum list.
pstage pgp-dash-not-list
printf -- '-- not a list line\n' >>pgp-dash-not-list/b/SHA256SUMS
gpgq -u release@corpus --clearsign -o pgp-dash-not-list/b/SHA256SUMS.asc pgp-dash-not-list/b/SHA256SUMS
rm pgp-dash-not-list/b/SHA256SUMS
grep -q '^- -- not a list line' pgp-dash-not-list/b/SHA256SUMS.asc || { echo "make.sh: gpg did not dash-escape" >&2; exit 1; }
expect_gpg good pgp-dash-not-list/b/SHA256SUMS.asc
gnutar pgp-dash-not-list
# (4) Trailing blanks added after signing to a list line: cleartext signatures do not cover
# trailing whitespace, so gpg says good; the list read must be the one signed (names without
# the blanks), so the bundle verifies.
pstage pgp-trailing-blanks
gpgq -u release@corpus --clearsign -o pgp-trailing-blanks/b/SHA256SUMS.asc pgp-trailing-blanks/b/SHA256SUMS
rm pgp-trailing-blanks/b/SHA256SUMS
python3 "$PGPEDIT" trailing-blanks pgp-trailing-blanks/b/SHA256SUMS.asc a.txt
expect_gpg good pgp-trailing-blanks/b/SHA256SUMS.asc
gnutar pgp-trailing-blanks

# SSH signatures: `ssh-keygen -Y sign -n file`; trusted through an allowed_signers line.
ssh-keygen -q -t ed25519 -N '' -C release@corpus -f sshsig/release
printf 'release@corpus %s\n' "$(cat sshsig/release.pub)" >sshsig/allowed_signers
# expect_ssh good|bad SIG DATA [NAMESPACE]
expect_ssh() {
    local got=bad
    ssh-keygen -Y verify -f sshsig/allowed_signers -I release@corpus -n "${4:-file}" -s "$2" <"$3" \
        >/dev/null 2>&1 && got=good
    [ "$got" = "$1" ] || { echo "make.sh: ssh-keygen -Y verify $2: $got, the case expects $1" >&2; exit 1; }
}
for c in ssh-good ssh-wrong-namespace ssh-truncated ssh-truncated-end; do
    pstage $c
done
ssh-keygen -q -Y sign -n file -f sshsig/release ssh-good/b/SHA256SUMS
expect_ssh good ssh-good/b/SHA256SUMS.sig ssh-good/b/SHA256SUMS
gnutar ssh-good
# Made for git commits: ssh-keygen verifies it only as a git signature, never as a file one.
ssh-keygen -q -Y sign -n git -f sshsig/release ssh-wrong-namespace/b/SHA256SUMS
expect_ssh bad ssh-wrong-namespace/b/SHA256SUMS.sig ssh-wrong-namespace/b/SHA256SUMS
expect_ssh good ssh-wrong-namespace/b/SHA256SUMS.sig ssh-wrong-namespace/b/SHA256SUMS git
gnutar ssh-wrong-namespace
# Truncated: half the base64 body, the END line kept; and cut in the middle, no END line.
for c in ssh-truncated ssh-truncated-end; do
    ssh-keygen -q -Y sign -n file -f sshsig/release $c/b/SHA256SUMS
done
python3 - ssh-truncated/b/SHA256SUMS.sig ssh-truncated-end/b/SHA256SUMS.sig <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
body = lines[1:-1]
open(sys.argv[1], "w").write("\n".join([lines[0]] + body[: len(body) // 2] + [lines[-1]]) + "\n")
text = open(sys.argv[2]).read()
open(sys.argv[2], "w").write(text[: len(text) // 2])
PY
for c in ssh-truncated ssh-truncated-end; do
    expect_ssh bad $c/b/SHA256SUMS.sig $c/b/SHA256SUMS
    gnutar $c
done
# An allowed_signers file inside the bundle (untrusted) whose namespaces pattern is 3000 stars and
# an x, for the key that signed the list: the pattern matcher once took time polynomial in the
# stars (of degree the length of "file"), so this hung the run.
pstage ssh-glob-bomb
ssh-keygen -q -t ed25519 -N '' -C bomb@corpus -f sshsig/bomb
ssh-keygen -q -Y sign -n file -f sshsig/bomb ssh-glob-bomb/b/SHA256SUMS
printf 'bomb@corpus namespaces="%sx" %s\n' "$(printf '*%.0s' {1..3000})" "$(cat sshsig/bomb.pub)" \
    >ssh-glob-bomb/b/allowed_signers
ssh-keygen -Y verify -f ssh-glob-bomb/b/allowed_signers -I bomb@corpus -n file \
    -s ssh-glob-bomb/b/SHA256SUMS.sig <ssh-glob-bomb/b/SHA256SUMS >/dev/null 2>&1 &&
    { echo "make.sh: ssh-keygen verified ssh-glob-bomb" >&2; exit 1; }
expect_ssh bad ssh-glob-bomb/b/SHA256SUMS.sig ssh-glob-bomb/b/SHA256SUMS
gnutar ssh-glob-bomb
gpgconf --kill gpg-agent 2>/dev/null || true

# ----- secret keys ------------------------------------------------------------------------------
# The only signature is by the pair of a secret key that travels with the bundle: never trusted,
# with or without a trusted key given.
stage secret-key-only
sign secret-key-only/b/SHA256SUMS keys/other.key
gnutar secret-key-only
cp keys/other.key secret-key-only/minisign.key

# ----- regressions found by the mutation harness (tests/mutate.rs) ----------------------------
if [ -d "$HERE/mutants" ]; then
    mkdir -p mutants
    cp "$HERE"/mutants/* mutants/ 2>/dev/null || true
fi

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
