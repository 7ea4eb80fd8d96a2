#!/usr/bin/env bash
# Regenerate the fuzz seeds of the openpgp and ssh targets with the real tools, and the fixed
# keys those targets verify against (fuzz/seeds/openpgp/keyring.asc, fuzz/seeds/ssh/allowed_signers
# are compiled into the targets with include_bytes!). The secret halves are not kept: the keys
# sign nothing but these seeds. Seeds are `SIGNATURE \n--8<--\n MESSAGE [\n--8<--\n KEYS]`, the
# cut the targets use. Run it by hand (the output is committed; scripts/fuzz.sh only copies it):
#
#   fuzz/seeds/make.sh
#
# Needs gpg (GnuPG 2.2), ssh-keygen (OpenSSH 9).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
export GNUPGHOME="$W/gnupg" TZ=UTC LC_ALL=C
mkdir -m 700 "$GNUPGHOME"
CUT=$'\n--8<--\n'

# ----- OpenPGP ----------------------------------------------------------------------------------
O="$HERE/openpgp"
rm -rf "$O"
mkdir -p "$O"
g() { gpg --batch --quiet --passphrase '' --pinentry-mode loopback "$@"; }
fpr() { gpg --with-colons --list-keys "$1" | awk -F: '/^fpr:/ {print $10; exit}'; }
g --quick-gen-key 'Fuzz RSA <rsa@fuzz>' rsa3072 sign never
g --quick-gen-key 'Fuzz Ed25519 <ed@fuzz>' ed25519 sign never
g --quick-gen-key 'Fuzz P256 <p256@fuzz>' nistp256 sign never
g --quick-gen-key 'Fuzz Sub <sub@fuzz>' ed25519 cert never
g --quick-add-key "$(fpr sub@fuzz)" ed25519 sign never
g --quick-add-key "$(fpr sub@fuzz)" rsa3072 sign never
g --faked-system-time 20200101T000000 --quick-gen-key 'Fuzz Expired <exp@fuzz>' ed25519 sign 1d
g --quick-gen-key 'Fuzz Revoked <rev@fuzz>' ed25519 sign never
# A key the targets do not know (its signatures name an unknown issuer).
g --quick-gen-key 'Fuzz Other <other@fuzz>' ed25519 sign never
gpg --armor --export rsa@fuzz ed@fuzz p256@fuzz sub@fuzz exp@fuzz >"$O/keyring.asc"
MSG="$W/SHA256SUMS"
printf '%064x  a.txt\n%064x  bin/run.sh\n' 1 2 >"$MSG"
# Signed before its key is revoked (the revocation has no reason: it counts whatever its date).
g -u rev@fuzz --detach-sign -o "$W/rev.sig" "$MSG"
# gpg keeps a revocation certificate of every key it makes: import it to revoke.
g --import "$GNUPGHOME/openpgp-revocs.d/$(fpr rev@fuzz).rev" 2>/dev/null ||
    sed 's/^:-----/-----/' "$GNUPGHOME/openpgp-revocs.d/$(fpr rev@fuzz).rev" | g --import
gpg --armor --export rev@fuzz >>"$O/keyring.asc"
gpg --export rsa@fuzz >"$O/seed-key-rsa.gpg"
gpg --export sub@fuzz >"$O/seed-key-sub.gpg"
gpg --armor --export ed@fuzz p256@fuzz >"$O/seed-key-two.asc"

seed() { # NAME SIGFILE [MESSAGE]
    { cat "$2"; printf '%s' "$CUT"; cat "${3:-$MSG}"; } >"$O/seed-$1"
}
for who in rsa ed p256 sub other; do
    g -u "$who@fuzz" --detach-sign -o "$W/$who.sig" "$MSG"
    seed "$who-binary" "$W/$who.sig"
    g -u "$who@fuzz" --armor --detach-sign -o "$W/$who.asc" "$MSG"
    seed "$who-armored" "$W/$who.asc"
    g -u "$who@fuzz" --clearsign -o "$W/$who.clear" "$MSG"
    seed "$who-clearsign" "$W/$who.clear" /dev/null
done
# The signing subkey, named explicitly (the RSA one), and digests weak and strong.
g -u "$(gpg --with-colons --list-keys sub@fuzz | awk -F: '/^sub:/ && $4 == 1 {print $5}')!" \
    --detach-sign -o "$W/sub-rsa.sig" "$MSG"
seed sub-rsa-binary "$W/sub-rsa.sig"
for d in SHA1 SHA512 SHA224; do
    g -u ed@fuzz --digest-algo $d --detach-sign -o "$W/ed-$d.sig" "$MSG"
    seed "ed-$d" "$W/ed-$d.sig"
done
g -u ed@fuzz --textmode --detach-sign -o "$W/ed-text.sig" "$MSG"
seed ed-textmode "$W/ed-text.sig"
g -u exp@fuzz --faked-system-time 20200101T010000 --detach-sign -o "$W/exp.sig" "$MSG"
seed expired "$W/exp.sig"
seed revoked "$W/rev.sig"
# Dash-escaping: list lines that start with '-', trailing blanks (gpg strips them when signing).
printf -- '- %064x  a.txt\n--- b\nfrom here  \n%064x  c.txt \t\n' 3 4 >"$W/dash.txt"
g -u ed@fuzz --clearsign -o "$W/dash.clear" "$W/dash.txt"
seed clearsign-dash "$W/dash.clear" /dev/null
# A detached signature over a bundle (binary data).
head -c 3000 /dev/urandom >"$W/bundle.bin"
g -u p256@fuzz --detach-sign -o "$W/bundle.sig" "$W/bundle.bin"
seed bundle-binary "$W/bundle.sig" "$W/bundle.bin"

# ----- SSH --------------------------------------------------------------------------------------
S="$HERE/ssh"
rm -rf "$S"
mkdir -p "$S"
ssh-keygen -q -t ed25519 -N '' -C 'ed@fuzz' -f "$W/ed"
ssh-keygen -q -t ecdsa -b 256 -N '' -C 'p256@fuzz' -f "$W/p256"
ssh-keygen -q -t ecdsa -b 384 -N '' -C 'p384@fuzz' -f "$W/p384"
ssh-keygen -q -t rsa -b 3072 -N '' -C 'rsa@fuzz' -f "$W/rsa"
ssh-keygen -q -t rsa -b 1024 -N '' -C 'rsa1024@fuzz' -f "$W/rsa1024"
ssh-keygen -q -t ed25519 -N '' -C 'other@fuzz' -f "$W/other"
{
    echo '# principals [options] key: the fixed keys of the ssh target'
    echo "ed@fuzz $(cat "$W/ed.pub")"
    echo "p256@fuzz,alt@fuzz namespaces=\"file,git\" $(cat "$W/p256.pub")"
    echo "\"p384@fuzz\" valid-after=\"20200101\",valid-before=\"21000101Z\" $(cat "$W/p384.pub")"
    echo "rsa@fuzz namespaces=\"f*\" $(cat "$W/rsa.pub")"
    echo "ca@fuzz cert-authority $(cat "$W/other.pub")"
} >"$S/allowed_signers"
cp "$W/ed.pub" "$S/seed-key-ed.pub"
cat "$W/p256.pub" "$W/rsa.pub" >"$S/seed-key-two.pub"
MSG="$W/SHA256SUMS"
printf '%064x  a.txt\n' 1 >"$MSG"
sseed() { # NAME SIGFILE [KEYS]
    { cat "$2"; printf '%s' "$CUT"; cat "$MSG"; [ -z "${3:-}" ] || { printf '%s' "$CUT"; cat "$3"; }; } >"$S/seed-$1"
}
for k in ed p256 p384 rsa rsa1024 other; do
    cp "$MSG" "$W/m-$k"
    ssh-keygen -q -Y sign -n file -f "$W/$k" "$W/m-$k"
    sseed "$k" "$W/m-$k.sig"
done
cp "$MSG" "$W/m-git"
ssh-keygen -q -Y sign -n git -f "$W/ed" "$W/m-git"
sseed git-namespace "$W/m-git.sig"
cp "$MSG" "$W/m-256"
ssh-keygen -q -Y sign -n file -O hashalg=sha256 -f "$W/p256" "$W/m-256"
sseed p256-sha256 "$W/m-256.sig"
# With keys of its own (the third part is read as an allowed_signers file).
sseed other-with-keys "$W/m-other.sig" <(echo "other@fuzz namespaces=\"file\" $(cat "$W/other.pub")")
sseed ed-with-pub "$W/m-ed.sig" "$W/ed.pub"
# A namespaces pattern of 3000 stars for the signing key (the recursive glob hung on it).
sseed glob-bomb "$W/m-ed.sig" <(echo "bomb@fuzz namespaces=\"$(printf '*%.0s' {1..3000})x\" $(cat "$W/ed.pub")")
echo "seeds written to $O and $S"

# ----- container images (buildah, vfs storage, chroot isolation) and Go module caches ---------
# Written as the images and gomod targets read a bundle (tar2files.py). Small on purpose: a
# seed is at most 64 KiB (scripts/fuzz.sh -max_len).
if [ "${1:-}" != "--no-images" ]; then
    I="$HERE/images"
    rm -rf "$I"
    mkdir -p "$I"
    (
        # The images the tests use (shared script), with a small blob: a seed is at most 64 KiB.
        BLOB_BYTES=2000 bash "$HERE/../../tests/fixtures/make-images.sh" "$W"
        cd "$W"
        B="buildah --root $W/st/root --runroot $W/st/run --storage-driver vfs"
        export BUILDAH_ISOLATION=chroot
        mv app-docker.tar docker.tar && mv app-oci.tar oci.tar && mv app-zstd.tar zstd.tar
        # Docker 25+ writes an OCI layout and manifest.json in one tar: the OCI layout of the
        # docker-archive image, with a manifest.json naming its blobs.
        mkdir legacy && tar -C legacy -xf docker.tar
        $B push -q localhost/app:1.0 oci:$W/d25:app:1.0
        python3 - "$W/d25" <<'PY'
import json, sys, os
d = sys.argv[1]
idx = json.load(open(os.path.join(d, "index.json")))
m = json.load(open(os.path.join(d, "blobs/sha256", idx["manifests"][0]["digest"][7:])))
json.dump([{"Config": "blobs/sha256/" + m["config"]["digest"][7:], "RepoTags": ["localhost/app:1.0"],
            "Layers": ["blobs/sha256/" + l["digest"][7:] for l in m["layers"]]}],
          open(os.path.join(d, "manifest.json"), "w"))
PY
        tar -C d25 --sort=name -cf docker25.tar .
    )
    for t in docker oci zstd two-images docker25; do
        python3 "$HERE/tar2files.py" "$W/$t.tar" "$I/seed-$t"
    done
    # Inside a bundle folder, and gzip-compressed as a whole.
    python3 "$HERE/tar2files.py" "$W/oci.tar" "$I/seed-oci-in-folder" "release/image/"
    # Archives stored as files of a release (opened as the bundle streams by): the docker-archive
    # as it is, the OCI archive gzip-compressed.
    gzip -n -9 -c "$W/oci.tar" >"$W/oci.tar.gz"
    python3 - "$W/docker.tar" "$W/oci.tar.gz" "$I/seed-archives-as-files" <<'PY'
import sys
docker, oci = (open(p, "rb").read() for p in sys.argv[1:3])
open(sys.argv[3], "wb").write(b"release/README\nread me\n--8<--\nrelease/app.tar\n" + docker
                              + b"\n--8<--\nrelease/app-oci.tar.gz\n" + oci)
PY

    G="$HERE/gomod"
    rm -rf "$G"
    mkdir -p "$G"
    (
        # The cache go downloads from a file:// proxy (shared with the tests).
        bash "$HERE/../../tests/fixtures/make-modcache.sh" "$W"
        cp "$W/app/go.sum" "$W/modcache/"
        cd "$W" && tar -C modcache --sort=name --exclude='*.lock' -cf "$W/gomod.tar" .
        tar -C "$W" --sort=name --exclude='*.lock' -cf "$W/gomod-pkg.tar" modcache app/go.sum
    )
    python3 "$HERE/tar2files.py" "$W/gomod.tar" "$G/seed-cache"
    python3 "$HERE/tar2files.py" "$W/gomod-pkg.tar" "$G/seed-pkg" "pkg/"
    cp "$W/proxy/example.com/!hello/@v/v1.0.0.zip" "$G/seed-zip"
    echo "seeds written to $I and $G"
fi
