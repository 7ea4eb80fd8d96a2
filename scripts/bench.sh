#!/usr/bin/env bash
# Benchmark: the classic workflow vs `airlock verify` vs the page (dist/airlock.html, headless
# Chromium from file://), all measured in the same run, printed as one table.
#
#   scripts/bench.sh            full sizes (first run builds ~6 GB of bundles under bench/cache/)
#   scripts/bench.sh --quick    small sizes, for a fast check
#   ... --only a                just the named bundles (letters; e.g. "--only ab"), any mode
#
# Bundles (cached under bench/cache/<full|quick>/; delete the folder to rebuild):
#   a  tar.gz: 768 MiB of random "image layers" + 3,000 small text files, SHA256SUMS signed with
#      minisign (real tar, gzip -6, sha256sum, minisign)
#   b  tar: 100,000 small text files, SHA256SUMS signed with minisign
#   c  tar.gz: one 4.25 GiB entry (above wasm32's 4 GiB address space) + signed SHA256SUMS. Its
#      data is repeated text, so it compresses ~10x and builds in under a minute: the bundle file is
#      small but decompression and hashing still produce 4.25 GiB.
#   d  tar.gz: a 3 GiB container image made by buildah (from scratch, 4 layers of 768 MiB random
#      data) saved as a docker-archive, images/app.tar, beside a README and SHA256SUMS signed with
#      minisign: the image archive is a tar inside the tar.gz, opened as it streams by and checked
#      digest by digest (every layer hashed, diff_ids, config = image ID).
# The classic workflow: `sha256sum BUNDLE; tar -x[z]f BUNDLE; sha256sum -c SHA256SUMS;
# minisign -V` (warm page cache, extraction to local disk); for d also what checks the image
# short of a container engine: `tar -xf images/app.tar` and `sha256sum` of every file it holds. Peak memory: max RSS from
# /usr/bin/time (CLI), summed RSS of Chromium's processes sampled every 100 ms (page; in a second
# run, since the sampling slows the page). The page runs as it would here (two workers when there
# are two cores), then made to see one core (one worker).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

MODE=full
ONLY=abcd
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) MODE=quick ;;
    --only) ONLY=${2:?--only needs bundle letters}; shift ;;
    *) echo "bench.sh: unknown option $1 (--quick, --only LETTERS)" >&2; exit 2 ;;
  esac
  shift
done

if [[ $MODE == full ]]; then
  A_LAYERS=6 A_LAYER_MIB=128 A_TEXTS=3000 B_FILES=100000 C_BYTES=$((4352 << 20))
  D_LAYERS=4 D_LAYER_MIB=768
else
  A_LAYERS=4 A_LAYER_MIB=16 A_TEXTS=300 B_FILES=10000 C_BYTES=$((256 << 20))
  D_LAYERS=2 D_LAYER_MIB=16
fi

CACHE="$ROOT/bench/cache/$MODE"
WORK="$ROOT/bench/cache/work"
mkdir -p "$CACHE"

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench.sh: needs $1 (${2:-apt-get install -y $1})" >&2; exit 1; }; }
source "$ROOT/scripts/deps.sh"
ensure_apt minisign time
need python3
need sha256sum

echo "== building target/release/airlock" >&2
cargo build --release --bin airlock -q
AIRLOCK="$ROOT/target/release/airlock"

# ----- key ------------------------------------------------------------------------------------
KEY="$CACHE/key"
if [[ ! -f $KEY.pub ]]; then
  minisign -G -W -f -p "$KEY.pub" -s "$KEY.sec" >/dev/null
fi

sign_dir() { # DIR: write SHA256SUMS of every file (relative) and sign it
  (cd "$1" && find . -type f ! -name SHA256SUMS ! -name SHA256SUMS.minisig -printf '%P\0' | sort -z |
    xargs -0 sha256sum >SHA256SUMS)
  minisign -S -s "$KEY.sec" -m "$1/SHA256SUMS" -t "bench bundle $(basename "$1")" >/dev/null
}

# ----- bundle a -------------------------------------------------------------------------------
A="$CACHE/a.tar.gz"
if [[ $ONLY == *a* && ! -f $A ]]; then
  echo "== making bundle a ($A_LAYERS x $A_LAYER_MIB MiB random + $A_TEXTS text files)" >&2
  rm -rf "$WORK" && mkdir -p "$WORK/bundle-a/layers" "$WORK/bundle-a/docs"
  for i in $(seq 1 "$A_LAYERS"); do
    head -c "$((A_LAYER_MIB << 20))" /dev/urandom >"$WORK/bundle-a/layers/layer$i.tar"
  done
  python3 - "$WORK/bundle-a/docs" "$A_TEXTS" <<'EOF'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1)
words = "module cache layer image offline bundle review sha256 signature minisign tar gzip".split()
for i in range(n):
    d = os.path.join(root, f"d{i % 30:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"note{i:05d}.txt"), "w") as f:
        for _ in range(rnd.randint(5, 80)):
            f.write(" ".join(rnd.choice(words) for _ in range(10)) + "\n")
EOF
  sign_dir "$WORK/bundle-a"
  tar -C "$WORK" -cf - bundle-a | gzip -6 >"$A.tmp" && mv "$A.tmp" "$A"
  rm -rf "$WORK"
fi

# ----- bundle b -------------------------------------------------------------------------------
B="$CACHE/b.tar"
if [[ $ONLY == *b* && ! -f $B ]]; then
  echo "== making bundle b ($B_FILES small files)" >&2
  rm -rf "$WORK" && mkdir -p "$WORK/bundle-b"
  python3 - "$WORK/bundle-b" "$B_FILES" <<'EOF'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(2)
for i in range(n):
    d = os.path.join(root, f"d{i // 1000:03d}")
    if i % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i:06d}.txt"), "w") as f:
        f.write(f"file {i}\n" + "x" * rnd.randint(0, 1500) + "\n")
EOF
  sign_dir "$WORK/bundle-b"
  tar -C "$WORK" -cf "$B.tmp" bundle-b && mv "$B.tmp" "$B"
  rm -rf "$WORK"
fi

# ----- bundle c -------------------------------------------------------------------------------
C="$CACHE/c.tar.gz"
if [[ $ONLY == *c* && ! -f $C ]]; then
  echo "== making bundle c (one $((C_BYTES >> 20)) MiB entry, compressible)" >&2
  rm -rf "$WORK" && mkdir -p "$WORK/bundle-c"
  # The big entry is streamed into the tar by Python; only SHA256SUMS is written to disk first.
  python3 - "$WORK/bundle-c" "$C_BYTES" hash <<'EOF'
import hashlib, sys
root, size = sys.argv[1], int(sys.argv[2])
chunk = "".join(f"{i:08d} the same text again and again, compressible by design\n" for i in range(16384)).encode()[: 1 << 20]
h = hashlib.sha256()
left = size
while left:
    n = min(left, len(chunk)); h.update(chunk[:n]); left -= n
open(f"{root}/SHA256SUMS", "w").write(f"{h.hexdigest()}  big.img\n")
EOF
  minisign -S -s "$KEY.sec" -m "$WORK/bundle-c/SHA256SUMS" -t "bench bundle c" >/dev/null
  python3 - "$WORK/bundle-c" "$C_BYTES" <<'EOF' | gzip -1 >"$C.tmp"
import io, sys, tarfile
root, size = sys.argv[1], int(sys.argv[2])
chunk = "".join(f"{i:08d} the same text again and again, compressible by design\n" for i in range(16384)).encode()[: 1 << 20]
class Big(io.RawIOBase):
    def __init__(self): self.left = size; self.pos = 0
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), self.left, len(chunk) - self.pos)
        b[:n] = chunk[self.pos:self.pos + n]
        self.pos = (self.pos + n) % len(chunk); self.left -= n
        return n
with tarfile.open(fileobj=sys.stdout.buffer, mode="w|", format=tarfile.GNU_FORMAT) as t:
    for name in ("SHA256SUMS", "SHA256SUMS.minisig"):
        t.add(f"{root}/{name}", arcname=f"bundle-c/{name}")
    info = tarfile.TarInfo("bundle-c/big.img"); info.size = size; info.mode = 0o644; info.mtime = 1700000000
    t.addfile(info, io.BufferedReader(Big(), 1 << 20))
EOF
  mv "$C.tmp" "$C"
  rm -rf "$WORK"
fi

# ----- bundle d -------------------------------------------------------------------------------
D="$CACHE/d.tar.gz"
if [[ $ONLY == *d* && ! -f $D ]]; then
  echo "== making bundle d (a buildah image of $D_LAYERS x $D_LAYER_MIB MiB layers in a tar.gz)" >&2
  ensure_apt buildah
  rm -rf "$WORK" && mkdir -p "$WORK/ctx" "$WORK/bundle-d/images"
  echo "FROM scratch" >"$WORK/ctx/Containerfile"
  for i in $(seq 1 "$D_LAYERS"); do
    head -c "$((D_LAYER_MIB << 20))" /dev/urandom >"$WORK/ctx/l$i.bin"
    echo "COPY l$i.bin /l$i.bin" >>"$WORK/ctx/Containerfile"
  done
  BUILDAH=(buildah --root "$WORK/st/root" --runroot "$WORK/st/run" --storage-driver vfs)
  "${BUILDAH[@]}" bud -q --isolation chroot -t localhost/bench:1 -f "$WORK/ctx/Containerfile" "$WORK/ctx" >/dev/null
  "${BUILDAH[@]}" push -q localhost/bench:1 "docker-archive:$WORK/bundle-d/images/app.tar:localhost/bench:1"
  "${BUILDAH[@]}" rmi -a -f >/dev/null 2>&1 || true
  rm -rf "$WORK/st" "$WORK/ctx"
  echo "Deploy with: docker load -i images/app.tar" >"$WORK/bundle-d/README.txt"
  sign_dir "$WORK/bundle-d"
  tar -C "$WORK" -cf - bundle-d | gzip -1 >"$D.tmp" && mv "$D.tmp" "$D"
  rm -rf "$WORK"
fi

# ----- page runner ------------------------------------------------------------------------------
PAGE="$ROOT/dist/airlock.html"
PWC=""
if [[ -f $PAGE ]]; then
  # The same playwright-core as the end-to-end tests (tests/e2e/package.json).
  ensure_chromium
  ensure_playwright "$ROOT/tests/e2e" >&2
  PWC="$ROOT/tests/e2e/node_modules/playwright-core"
  # The page with the bench key pinned (a key dropped with the bundle is not trusted unless the
  # reviewer switches it on), assembled from the wasm dist/airlock.html was built with.
  PINNED="$CACHE/airlock-pinned.html"
  bash "$ROOT/scripts/build.sh" --page-only --out "$PINNED" --trusted-key "$KEY.pub" >/dev/null
fi

# ----- measure ----------------------------------------------------------------------------------
TIMEF="$CACHE/time.out"
timed() { # CMD... -> sets T (seconds) and M (max RSS MiB)
  /usr/bin/time -f '%e %M' -o "$TIMEF" "$@" >/dev/null 2>&1 || true
  read -r T M <"$TIMEF"
  M=$((M / 1024))
}

classic() { # BUNDLE DIRNAME
  local z=""
  [[ $1 == *.gz ]] && z=z
  rm -rf "$WORK" && mkdir -p "$WORK"
  # Each step timed on its own (so max RSS is that of the step's processes, gzip included).
  local steps=("sha256sum '$1'" "tar -x${z}f '$1' -C '$WORK'" "cd '$WORK/$2' && sha256sum --quiet -c SHA256SUMS"
    "minisign -V -q -p '$KEY.pub' -m '$WORK/$2/SHA256SUMS'")
  # An image archive: unpack it and hash what it holds (docker load's own checks, without docker).
  [[ $2 == bundle-d ]] && steps+=("mkdir '$WORK/img' && tar -xf '$WORK/$2/images/app.tar' -C '$WORK/img' && find '$WORK/img' -type f -exec sha256sum {} + >/dev/null")
  local total=0 mem=0 step
  for step in "${steps[@]}"; do
    timed bash -c "$step"
    total=$(python3 -c "print(round($total + $T, 2))")
    ((M > mem)) && mem=$M
  done
  T=$total M=$mem
  rm -rf "$WORK"
}

ROWS=()
row() { ROWS+=("$(printf '%-3s %-9s %-24s %8s %7s %6s %28s  %s' "$@")"); }
mbs() { python3 -c "print(f'{$1 / 1e6 / $2:.0f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }

TABLE_EXTRA=()
for b in a b c d; do
  [[ $ONLY == *$b* ]] || continue
  case $b in a) F=$A DIR=bundle-a ;; b) F=$B DIR=bundle-b ;; c) F=$C DIR=bundle-c ;; d) F=$D DIR=bundle-d ;; esac
  SIZE=$(stat -c %s "$F")
  echo "== bundle $b: classic" >&2
  classic "$F" "$DIR"
  CT=$T
  row "$b" "$((SIZE / 1000000))MB" "classic workflow" "${CT}s" "1.00x" "$(mbs "$SIZE" "$CT")" "${M}MB" ""
  echo "== bundle $b: airlock verify" >&2
  VERDICT=$("$AIRLOCK" verify --json "$F" -p "$KEY.pub" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"])' || true)
  timed "$AIRLOCK" verify -q "$F" -p "$KEY.pub"
  row "$b" "" "airlock verify" "${T}s" "$(ratio "$T" "$CT")" "$(mbs "$SIZE" "$T")" "${M}MB" "$VERDICT"
  if [[ -n $PWC ]]; then
    # The page as it runs here (two workers on two cores or more), then made to see one core. Each
    # is run twice: once timed (with the table timings on b), once with its memory sampled (the
    # sampling slows the page down).
    for w in 0 1; do
      label="page (Chromium file://)" opts=()
      [[ $w == 1 ]] && label="page, 1 worker" opts=(--workers 1)
      timing=("${opts[@]}" --no-memory)
      [[ $b == b && $w == 0 ]] && timing=(--table "${timing[@]}")
      echo "== bundle $b: $label" >&2
      J=$(PLAYWRIGHT_CORE="$PWC" node "$ROOT/scripts/bench-page.js" "$PINNED" "${timing[@]}" "$F" || echo '{}')
      JM=$(PLAYWRIGHT_CORE="$PWC" node "$ROOT/scripts/bench-page.js" "$PINNED" "${opts[@]}" "$F" || echo '{}')
      read -r PT PV PM PF PS PE PW < <(python3 -c '
import json, sys
j = json.loads(sys.argv[1] or "{}")
m = json.loads(sys.argv[2] or "{}")
print(j.get("seconds", "-"), j.get("verdict", "-") or "-", str(m.get("peak_rss_mb", "-")) + "/" + str(m.get("peak_pss_mb", "-")) + "MB(idle:" + str(m.get("idle_rss_mb", "-")) + "/" + str(m.get("idle_pss_mb", "-")) + ")", j.get("filter_ms", "-"), j.get("scroll_ms", "-"), (j.get("error", "") or m.get("error", "") or "").replace(" ", "_")[:60] or "-", "+".join(str(x) for x in m.get("wasm_mb", [])) or "-")
' "$J" "$JM")
      if [[ $PT == - ]]; then
        row "$b" "" "$label" "-" "-" "-" "${PM}" "error: $PE"
      else
        row "$b" "" "$label" "${PT}s" "$(ratio "$PT" "$CT")" "$(mbs "$SIZE" "$PT")" "${PM}" "$PV (wasm ${PW} MB)"
      fi
      [[ $b == b && $w == 0 ]] && TABLE_EXTRA+=("page table with $B_FILES+ entries: search-to-redraw ${PF} ms (max of 4), scroll-to-redraw ${PS} ms (max of 5)")
    done
  fi
done

echo
echo "Airlock benchmark ($MODE), $(date -u +%Y-%m-%d), nproc=$(nproc), load average at end: $(cut -d" " -f1-3 /proc/loadavg), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), sha_ni=$(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no)"
[[ -z $PWC ]] && echo "(no dist/airlock.html: run scripts/build.sh to include the page)"
printf '%-3s %-9s %-24s %8s %7s %6s %28s  %s\n' "" "bundle" "tool" "time" "vs cl." "MB/s" "peak mem" "verdict"
for r in "${ROWS[@]}"; do echo "$r"; done
for e in "${TABLE_EXTRA[@]}"; do echo "$e"; done
echo "MB/s: bundle file bytes per second (bundle c inflates to $((C_BYTES >> 20)) MiB). Peak mem: CLI max RSS; page: summed"
echo "RSS/summed PSS of Chromium's processes (RSS counts the shared browser binary once per process; PSS"
echo "splits it); idle = the same with the page loaded, before the files are given. wasm: each worker's wasm"
echo "memory at the end of the run (MB; main+aux). 'page, 1 worker': the page made to see one core."
