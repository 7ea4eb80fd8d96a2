//! The mutation harness: real bundles with mutated tar headers, judged by the engine and, whenever
//! it says `verified`, by the differential oracle (`tests/oracle/mod.rs`: GNU tar and bsdtar must
//! extract exactly the signed files).
//!
//! Bases are made by real tools: GNU tar in the gnu, posix and ustar formats and bsdtar in its
//! default (restricted pax) and pax formats, over a payload with a hard link, links to a file and to
//! a folder, long and Unicode names, holding a `SHA256SUMS` signed with real `minisign`. Each
//! mutant applies one to three mutations — numeric fields (leading NUL, blanks, signs, tabs,
//! garbage, digits 8/9, base-256, other values), type flags, magic and version, the prefix field,
//! names and link names, PAX records (inserted, malformed, perturbed; xattrs, ACLs, capabilities),
//! GNU long names, zero blocks, deleted, duplicated or swapped members, data bytes — and fixes up
//! the header checksum (most of the time) so the mutation is not trivially refused. The engine runs in-process
//! (`airlock::verify::verify`, threaded pipeline included); a disagreement is saved under
//! `tests/corpus/mutants/` (the bundle as `BASE-HASH.tar`, the run's trusted key as
//! `key-KEYID.pub`) to become a corpus case, and fails the run.
//!
//! Time-boxed and ignored by default: `scripts/mutate.sh SECONDS` runs it
//! (`AIRLOCK_MUTATE_SECONDS`, default 60; `AIRLOCK_MUTATE_SEED` to replay a run).
#![cfg(unix)]

#[path = "oracle/mod.rs"]
mod oracle;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use airlock::keys::PublicKey;
use airlock::report::{KeySource, Verdict};
use airlock::verify::{self, Input, KeyInput, MemorySource, NoProgress, Options};
use sha2::{Digest, Sha256};

/// Builds the bases in the current folder: keys/, and one `NAME.tar` per writer.
const BASES: &str = r#"
set -euo pipefail
export TZ=UTC LC_ALL=C.UTF-8
minisign -G -W -p trusted.pub -s trusted.key >/dev/null
d=b
mkdir -p $d/bin $d/docs/guide
printf 'hello\n' >$d/a.txt
printf '#!/bin/sh\necho run\n' >$d/bin/run.sh
printf 'guide\n' >$d/docs/guide/index.txt
ln $d/a.txt $d/z-hard.txt
ln -s run.sh $d/bin/run-link.sh
ln -s docs $d/docs-link
long="$d/$(printf 'd%.0s' {1..60})/$(printf 'n%.0s' {1..80}).txt"
mkdir -p "$(dirname "$long")"
printf 'long\n' >"$long"
printf 'caf\xc3\xa9\n' >"$d/caf$(printf '\xc3\xa9').txt"
(cd $d && find . \( -type f -o -xtype f \) ! -name 'SHA256SUMS*' -printf '%P\0' | sort -z |
    xargs -0 sha256sum -- >SHA256SUMS)
minisign -S -s trusted.key -m $d/SHA256SUMS -t mutate >/dev/null
find $d -exec touch -h -d @1700000000 {} +
for f in gnu posix ustar; do
    tar --format=$f --sort=name --owner=0 --group=0 --numeric-owner -cf gnutar-$f.tar $d
done
bsdtar --uid 0 --gid 0 --uname root --gname root -cf bsdtar-restricted.tar $d
bsdtar --format pax --uid 0 --gid 0 --uname root --gname root -cf bsdtar-pax.tar $d
"#;

const BASE_NAMES: &[&str] = &[
    "gnutar-gnu",
    "gnutar-posix",
    "gnutar-ustar",
    "bsdtar-restricted",
    "bsdtar-pax",
];

/// xorshift64*: small, seedable, good enough to pick mutations.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One archive member: a header block and the data blocks after it (padded).
#[derive(Clone)]
struct Member {
    header: Vec<u8>,
    data: Vec<u8>,
}

fn octal_field(f: &[u8]) -> u64 {
    let s: String = f
        .iter()
        .take_while(|&&b| b != 0)
        .map(|&b| b as char)
        .collect();
    u64::from_str_radix(s.trim(), 8).unwrap_or(0)
}

/// The members of a well-formed archive (written by GNU tar or bsdtar), up to the end blocks.
fn members(tar: &[u8]) -> Vec<Member> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 512 <= tar.len() {
        let h = &tar[at..at + 512];
        if h.iter().all(|&b| b == 0) {
            break;
        }
        let size = octal_field(&h[124..136]) as usize;
        let data_len = size.div_ceil(512) * 512;
        out.push(Member {
            header: h.to_vec(),
            data: tar[at + 512..at + 512 + data_len].to_vec(),
        });
        at += 512 + data_len;
    }
    out
}

const FIELDS: &[(&str, usize, usize)] = &[
    ("mode", 100, 8),
    ("uid", 108, 8),
    ("gid", 116, 8),
    ("size", 124, 12),
    ("mtime", 136, 12),
    ("devmajor", 329, 8),
    ("devminor", 337, 8),
];

fn fix_checksum(h: &mut [u8]) {
    h[148..156].fill(b' ');
    let sum: u32 = h.iter().map(|&b| b as u32).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
}

fn pad(mut v: Vec<u8>) -> Vec<u8> {
    let n = v.len().div_ceil(512) * 512;
    v.resize(n, 0);
    v
}

fn header(name: &[u8], flag: u8, size: usize) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    let n = name.len().min(100);
    h[..n].copy_from_slice(&name[..n]);
    h[100..108].copy_from_slice(b"0000644\0");
    h[108..116].copy_from_slice(b"0000000\0");
    h[116..124].copy_from_slice(b"0000000\0");
    h[124..136].copy_from_slice(format!("{size:011o}\0").as_bytes());
    h[136..148].copy_from_slice(format!("{:011o}\0", 1_700_000_000).as_bytes());
    h[156] = flag;
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    fix_checksum(&mut h);
    h
}

fn pax_record(key: &[u8], value: &[u8]) -> Vec<u8> {
    let body = [b" ".as_slice(), key, b"=", value, b"\n"].concat();
    let mut n = body.len() + 1;
    while n.to_string().len() + body.len() != n {
        n += 1;
    }
    [n.to_string().as_bytes(), &body].concat()
}

/// A name of the archive, for name and link mutations.
fn some_name(rng: &mut Rng, ms: &[Member]) -> Vec<u8> {
    let m = rng.pick(ms);
    m.header[..100]
        .iter()
        .copied()
        .take_while(|&b| b != 0)
        .collect()
}

fn numeric_value(rng: &mut Rng, old: &[u8], width: usize) -> Vec<u8> {
    let digits: Vec<u8> = old
        .iter()
        .copied()
        .filter(|b| (b'0'..=b'7').contains(b))
        .collect();
    let digits = if digits.is_empty() {
        b"0".to_vec()
    } else {
        digits
    };
    let value = u64::from_str_radix(std::str::from_utf8(&digits).unwrap(), 8).unwrap_or(0);
    let fit = |v: Vec<u8>| {
        let mut v = v;
        v.truncate(width);
        v
    };
    match rng.below(16) {
        0 => fit([b"\0".as_slice(), &digits].concat()),
        1 => fit([b"\0\0".as_slice(), &digits].concat()),
        2 => fit([b" ".as_slice(), &digits].concat()),
        3 => fit([b" \0".as_slice(), &digits].concat()),
        4 => fit([rng.pick(&[b"+", b"-", b"\t"]).as_slice(), &digits].concat()),
        5 => fit([
            &digits[..],
            *rng.pick(&[b"x".as_slice(), b"8", b" 1", b"\x001"]),
        ]
        .concat()),
        6 => vec![0u8; width],
        7 => vec![b' '; width],
        8 => {
            // base-256, positive
            let mut v = vec![0u8; width];
            v[0] = 0x80;
            let be = value.to_be_bytes();
            v[width - 8..].copy_from_slice(&be);
            v
        }
        9 => {
            let mut v = vec![0xffu8; width];
            v[width - 1] = rng.next() as u8;
            v
        }
        10 => {
            let delta = *rng.pick(&[1i64, -1, 512, -512, 2, 4096, 1 << 20]);
            let nv = (value as i64 + delta).max(0) as u64;
            format!("{nv:0w$o}\0", w = width - 1).into_bytes()
        }
        11 => format!("{value:0w$o}", w = width).into_bytes(),
        12 => format!("{value:o}  ").into_bytes(),
        13 => {
            let mut d = digits.clone();
            let i = rng.below(d.len());
            d[i] = *rng.pick(b"89");
            fit(d)
        }
        14 => fit(format!("{value}").into_bytes()),
        _ => format!("{:0w$o}\0", rng.next() % 0o7777777, w = width - 1).into_bytes(),
    }
}

/// One mutation of the member list (the header checksum fixed up 90% of the time); returns a
/// label for the report.
fn mutate(rng: &mut Rng, ms: &mut Vec<Member>, end: &mut Vec<u8>) -> String {
    let i = rng.below(ms.len());
    let mut fix = true;
    let label = match rng.below(13) {
        0 | 1 => {
            let (name, at, width) = *rng.pick(FIELDS);
            let v = numeric_value(rng, &ms[i].header[at..at + width], width);
            let h = &mut ms[i].header;
            h[at..at + width].fill(0);
            h[at..at + v.len()].copy_from_slice(&v);
            format!("{name}[{i}]={}", oracle_show(&v))
        }
        2 => {
            let flag = *rng.pick(b"0123456789ADEIKLMNSVXZgx\0 ");
            ms[i].header[156] = flag;
            format!("type[{i}]={}", oracle_show(&[flag]))
        }
        3 => {
            let magic = *rng.pick::<&[u8]>(&[
                b"ustar\x0000".as_slice(),
                b"ustar  \0",
                b"ustar\0  ",
                b"\0\0\0\0\0\0\0\0",
                b"ustar\0\0\0",
                b"ustar 00",
            ]);
            ms[i].header[257..265].copy_from_slice(magic);
            format!("magic[{i}]={}", oracle_show(magic))
        }
        4 => {
            let p: Vec<u8> = match rng.below(5) {
                0 => b"b".to_vec(),
                1 => b"..".to_vec(),
                2 => b"/etc".to_vec(),
                3 => b"b/bin".to_vec(),
                _ => (0..rng.below(20) + 1).map(|_| rng.next() as u8).collect(),
            };
            ms[i].header[345..345 + p.len()].copy_from_slice(&p);
            format!("prefix[{i}]={}", oracle_show(&p))
        }
        5 => {
            let old = some_name(rng, &ms[i..=i]);
            let new: Vec<u8> = match rng.below(8) {
                0 => [old.as_slice(), b"/"].concat(),
                1 => [b"./".as_slice(), &old].concat(),
                2 => [b"../".as_slice(), &old].concat(),
                3 => [b"/".as_slice(), &old].concat(),
                4 => old.to_ascii_uppercase(),
                5 => some_name(rng, ms),
                6 => [old.as_slice(), b"\0x"].concat(),
                _ => old.replace_all_slash(),
            };
            let h = &mut ms[i].header;
            h[..100].fill(0);
            let n = new.len().min(100);
            h[..n].copy_from_slice(&new[..n]);
            format!("name[{i}]={}", oracle_show(&new))
        }
        6 => {
            let target: Vec<u8> = match rng.below(7) {
                0 => some_name(rng, ms),
                1 => b"..".to_vec(),
                2 => b"../../etc/passwd".to_vec(),
                3 => b"/etc/passwd".to_vec(),
                4 => b"b/../b/a.txt".to_vec(),
                5 => b"a.txt".to_vec(),
                _ => b"SHA256SUMS.minisig".to_vec(),
            };
            let h = &mut ms[i].header;
            h[157..257].fill(0);
            h[157..157 + target.len()].copy_from_slice(&target);
            if rng.chance(50) {
                h[156] = *rng.pick(b"12");
                h[124..136].copy_from_slice(b"00000000000\0");
                ms[i].data.clear();
            }
            format!("link[{i}]={}", oracle_show(&target))
        }
        7 => {
            // a new PAX header (extended or global) before member i
            let flag = *rng.pick(b"xxxg");
            let mut body = Vec::new();
            for _ in 0..rng.below(3) + 1 {
                let name = some_name(rng, ms);
                let (k, v): (&[u8], Vec<u8>) = match rng.below(18) {
                    0 => (b"path", name),
                    1 => (b"path", b"b/evil.sh".to_vec()),
                    2 => (b"size", (rng.below(2000)).to_string().into_bytes()),
                    3 => (b"linkpath", name),
                    4 => (b"GNU.sparse.size", b"19".to_vec()),
                    5 => (b"SCHILY.realsize", b"19".to_vec()),
                    6 => (b"comment", b"hello".to_vec()),
                    7 => (b"mtime", b"1700000000.5".to_vec()),
                    8 => (b"atime", b"1700000000".to_vec()),
                    9 => (b"uid", b"0".to_vec()),
                    10 => (b"hdrcharset", b"BINARY".to_vec()),
                    11 => (b"SCHILY.xattr.user.x", b"1".to_vec()),
                    12 => (b"path", Vec::new()),
                    13 => (
                        b"SCHILY.xattr.security.capability",
                        b"\x01\x00\x00\x02\x80\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0".to_vec(),
                    ),
                    14 => (
                        b"LIBARCHIVE.xattr.security.capability",
                        b"AQAAAoAAAAAAAAAAAAAAAAAAAAA=".to_vec(),
                    ),
                    15 => (
                        b"SCHILY.acl.access",
                        b"user::rw-,user:nobody:rwx,group::r--,mask::rwx,other::r--".to_vec(),
                    ),
                    16 => (b"SCHILY.fflags", b"schg".to_vec()),
                    _ => (b"uname", b"root".to_vec()),
                };
                let mut rec = pax_record(k, &v);
                match rng.below(8) {
                    0 => rec.insert(rec.iter().position(|&b| b == b' ').unwrap(), b' '),
                    1 => {
                        let sp = rec.iter().position(|&b| b == b' ').unwrap();
                        rec[sp] = b'\t';
                    }
                    2 => rec.insert(0, b'+'),
                    3 => {
                        rec.pop();
                    }
                    4 => {
                        let r = rec.clone();
                        rec.extend_from_slice(&r);
                    }
                    _ => {}
                }
                body.extend_from_slice(&rec);
            }
            let name: &[u8] = if flag == b'g' {
                b"pax_global_header"
            } else {
                b"PaxHeaders/x"
            };
            let m = Member {
                header: header(name, flag, body.len()),
                data: pad(body.clone()),
            };
            ms.insert(i, m);
            format!("pax-{}[{i}]={}", flag as char, oracle_show(&body))
        }
        8 => {
            // perturb an existing PAX body (if any), else a data byte
            let pax: Vec<usize> = (0..ms.len())
                .filter(|&j| matches!(ms[j].header[156], b'x' | b'g' | b'L' | b'K'))
                .collect();
            if pax.is_empty() {
                return mutate(rng, ms, end);
            }
            let j = *rng.pick(&pax);
            let size = octal_field(&ms[j].header[124..136]) as usize;
            let at = rng.below(size.max(1));
            let what = *rng.pick(b" \t09\n=\0+");
            if rng.chance(50) && at < ms[j].data.len() {
                ms[j].data[at] = what;
            } else {
                let at = at.min(ms[j].data.len());
                ms[j].data.insert(at, what);
                let new_size = size + 1;
                ms[j].header[124..136].copy_from_slice(format!("{new_size:011o}\0").as_bytes());
                let d = std::mem::take(&mut ms[j].data);
                ms[j].data = pad(d[..new_size.min(d.len())].to_vec());
            }
            format!("ext-body[{j}]@{at}={}", oracle_show(&[what]))
        }
        9 => {
            // a GNU long name (or link name) before member i
            let flag = *rng.pick(b"LLK");
            let mut body = if rng.chance(50) {
                some_name(rng, ms)
            } else {
                b"b/evil.sh".to_vec()
            };
            body.push(0);
            if rng.chance(30) {
                body.extend_from_slice(b"junk");
            }
            let m = Member {
                header: {
                    let mut h = header(b"././@LongLink", flag, body.len());
                    h[257..265].copy_from_slice(b"ustar  \0");
                    h
                },
                data: pad(body.clone()),
            };
            ms.insert(i, m);
            format!("long-{}[{i}]={}", flag as char, oracle_show(&body))
        }
        10 => {
            let blocks = rng.below(2) + 1;
            ms.insert(
                i,
                Member {
                    header: vec![0; 512],
                    data: vec![0; 512 * (blocks - 1)],
                },
            );
            fix = false; // a zero block has no checksum to fix
            format!("zero-blocks[{i}]x{blocks}")
        }
        11 => match rng.below(4) {
            0 if ms.len() > 1 => {
                ms.remove(i);
                format!("delete[{i}]")
            }
            1 => {
                let m = ms[i].clone();
                let j = rng.below(ms.len() + 1);
                ms.insert(j, m);
                format!("duplicate[{i}]->{j}")
            }
            2 => {
                let j = rng.below(ms.len());
                ms.swap(i, j);
                format!("swap[{i},{j}]")
            }
            _ => {
                end.clear();
                if rng.chance(50) {
                    end.extend_from_slice(&[0; 512]);
                    end.extend_from_slice(b"trailing");
                }
                "end-blocks".into()
            }
        },
        _ => {
            if ms[i].data.is_empty() {
                return mutate(rng, ms, end);
            }
            let at = rng.below(ms[i].data.len());
            ms[i].data[at] ^= 1 << rng.below(8);
            format!("data[{i}]@{at}")
        }
    };
    if !rng.chance(90) {
        fix = false;
    }
    if fix && ms.len() > i && ms[i].header.iter().any(|&b| b != 0) {
        fix_checksum(&mut ms[i].header);
    }
    label
}

trait ReplaceSlash {
    fn replace_all_slash(&self) -> Vec<u8>;
}
impl ReplaceSlash for Vec<u8> {
    fn replace_all_slash(&self) -> Vec<u8> {
        self.iter()
            .map(|&b| if b == b'/' { b'\\' } else { b })
            .collect()
    }
}

fn oracle_show(b: &[u8]) -> String {
    let s: String = b.escape_ascii().to_string();
    if s.len() > 60 {
        format!("{}…", &s[..60])
    } else {
        s
    }
}

fn serialise(ms: &[Member], end: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for m in ms {
        out.extend_from_slice(&m.header);
        out.extend_from_slice(&m.data);
    }
    out.extend_from_slice(end);
    out
}

struct Stats {
    tried: u64,
    verdicts: BTreeMap<&'static str, u64>,
    verified_mutated: u64,
    disagreements: Vec<String>,
}

#[test]
#[ignore = "time-boxed: run through scripts/mutate.sh SECONDS"]
fn mutants_that_verify_extract_exactly_the_signed_files() {
    let seconds: u64 = std::env::var("AIRLOCK_MUTATE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("AIRLOCK_MUTATE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
        | 1;
    let tmp = tempfile::Builder::new()
        .prefix("airlock-mutate-")
        .tempdir()
        .expect("temp dir");
    let made = Command::new("bash")
        .arg("-c")
        .arg(BASES)
        .current_dir(tmp.path())
        .output()
        .expect("bash");
    assert!(
        made.status.success(),
        "building the bases failed: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let pub_text = fs::read_to_string(tmp.path().join("trusted.pub")).unwrap();
    let key = PublicKey::decode(&pub_text).expect("trusted.pub");
    let key_id = key.id_hex();
    let options = Options {
        trusted_keys: vec![KeyInput {
            key: key.into(),
            source: KeySource::CommandLine,
            origin: "trusted.pub".into(),
        }],
        ..Options::default()
    };
    let run = |bytes: Vec<u8>| {
        let input = Input::File(Box::new(MemorySource {
            name: "bundle.tar".into(),
            bytes,
        }));
        verify::verify(vec![input], &options, &mut NoProgress)
    };
    let bases: Vec<(&str, Vec<u8>)> = BASE_NAMES
        .iter()
        .map(|n| (*n, fs::read(tmp.path().join(format!("{n}.tar"))).unwrap()))
        .collect();
    let bundle_path = tmp.path().join("bundle.tar");
    let inputs = vec![("bundle.tar".to_string(), bundle_path.clone())];
    let mutants_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/mutants");

    // Every base verifies, and the oracle agrees: the harness itself can tell right from wrong.
    for (name, bytes) in &bases {
        let report = run(bytes.clone());
        assert_eq!(
            report.verdict,
            Verdict::Verified,
            "base {name} does not verify: {} {:?}",
            report.reason,
            report.findings
        );
        fs::write(&bundle_path, bytes).unwrap();
        let wrong = oracle::check(
            &serde_json::to_value(&report).unwrap(),
            Some(&bundle_path),
            &inputs,
        );
        assert!(
            wrong.is_empty(),
            "oracle disagrees on base {name}: {wrong:#?}"
        );
    }

    let mut rng = Rng(seed);
    let mut stats = Stats {
        tried: 0,
        verdicts: BTreeMap::new(),
        verified_mutated: 0,
        disagreements: Vec::new(),
    };
    let start = Instant::now();
    let deadline = Duration::from_secs(seconds);
    let mut seen = std::collections::HashSet::new();
    while start.elapsed() < deadline {
        let (base_name, base) = rng.pick(&bases);
        let mut ms = members(base);
        let mut end = vec![0u8; 1024];
        let mut labels = Vec::new();
        for _ in 0..rng.below(3) + 1 {
            labels.push(mutate(&mut rng, &mut ms, &mut end));
        }
        let bytes = serialise(&ms, &end);
        if &bytes == base || !seen.insert(Sha256::digest(&bytes)) {
            continue;
        }
        stats.tried += 1;
        let report = run(bytes.clone());
        *stats.verdicts.entry(report.verdict.as_str()).or_default() += 1;
        if report.verdict != Verdict::Verified {
            continue;
        }
        stats.verified_mutated += 1;
        fs::write(&bundle_path, &bytes).unwrap();
        let wrong = oracle::check(
            &serde_json::to_value(&report).unwrap(),
            Some(&bundle_path),
            &inputs,
        );
        if !wrong.is_empty() {
            let id = format!("{base_name}-{}", &hex::encode(Sha256::digest(&bytes))[..12]);
            fs::create_dir_all(&mutants_dir).unwrap();
            fs::write(mutants_dir.join(format!("{id}.tar")), &bytes).unwrap();
            // One key file per run: mutants of a run share it (and one page in the e2e run).
            fs::write(mutants_dir.join(format!("key-{key_id}.pub")), &pub_text).unwrap();
            let msg = format!("{id} ({}): {}", labels.join(" + "), wrong.join("; "));
            eprintln!("DISAGREEMENT {msg}");
            stats.disagreements.push(msg);
        }
    }
    eprintln!(
        "mutate: seed {seed}, {} s: {} mutants tried, verdicts {:?}, {} verified and extracted with GNU tar and bsdtar, {} disagreements",
        start.elapsed().as_secs(),
        stats.tried,
        stats.verdicts,
        stats.verified_mutated,
        stats.disagreements.len()
    );
    assert!(
        stats.disagreements.is_empty(),
        "Airlock said verified but extraction differs (saved under tests/corpus/mutants/):\n{}",
        stats.disagreements.join("\n")
    );
}
