//! Engine behaviour through the library API: a split run (the bundle file's digest in one
//! worker, the content scan in another, as the page does) gives the same report as a single
//! pass; the memory budget for entry records holds; the limits on list and signature size
//! (`max_meta_size`), PAX header size (`max_pax_size`) and sparse maps (`max_sparse_segments`)
//! hold exactly at their bounds, on archives and lists made by the real tools (GNU `tar`,
//! Python's `tarfile`, `sha256sum`, `minisign`; a missing tool fails the test).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use airlock::archive::{self, ArchiveError, TarLimits};
use airlock::keys::{PublicKey, SecretKey};
use airlock::minisign;
use airlock::report::{Code, KeySource, Report, Severity, Verdict};
use airlock::verify::{self, Input, KeyInput, Limits, MemorySource, NoProgress, Options};

fn bundle(key: &SecretKey) -> Vec<u8> {
    let files: [(&str, &[u8]); 2] = [("rel/a.txt", b"hello\n"), ("rel/b.bin", &[7u8; 70_000])];
    let mut sums = Vec::new();
    for (path, data) in files {
        let h: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(data).into();
        sums.extend(airlock::checksums::format_line(&path.as_bytes()[4..], &h));
    }
    let sig = minisign::sign(key, &mut &sums[..], "file:SHA256SUMS", "test").unwrap();
    let mut tar = tar::Builder::new(Vec::new());
    for (path, data) in files.into_iter().chain([
        ("rel/SHA256SUMS", &sums[..]),
        ("rel/SHA256SUMS.minisig", sig.as_bytes()),
    ]) {
        let mut h = tar::Header::new_ustar();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        tar.append_data(&mut h, path, data).unwrap();
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar.into_inner().unwrap()).unwrap();
    gz.finish().unwrap()
}

fn inputs(bytes: &[u8], sig: &str) -> Vec<Input> {
    vec![
        Input::File(Box::new(MemorySource {
            name: "b.tar.gz".into(),
            bytes: bytes.to_vec(),
        })),
        Input::File(Box::new(MemorySource {
            name: "b.tar.gz.minisig".into(),
            bytes: sig.as_bytes().to_vec(),
        })),
    ]
}

#[test]
fn split_run_matches_single_pass() {
    let key = SecretKey::generate([1; 32], [2; 8]);
    let bytes = bundle(&key);
    let sig = minisign::sign(&key, &mut &bytes[..], "file:b.tar.gz", "test").unwrap();
    let options = Options {
        trusted_keys: vec![KeyInput {
            key: key.public_key().into(),
            source: KeySource::CommandLine,
            origin: "test".into(),
        }],
        ..Options::default()
    };
    let whole = verify::verify(inputs(&bytes, &sig), &options, &mut NoProgress);
    assert_eq!(whole.verdict, Verdict::Verified, "{whole:#?}");
    assert!(whole.signatures.iter().all(|s| s.trusted), "{whole:#?}");

    let digest = verify::digest_bundle(inputs(&bytes, &sig), &options, &mut NoProgress).unwrap();
    assert_eq!(digest.signatures, vec![(0, 0, true)]);
    let pending = verify::scan_contents(inputs(&bytes, &sig), &options, &mut NoProgress);
    assert!(pending.needs_digest());
    let split = pending.finish(Some(digest.clone()));
    assert_eq!(split, whole);

    // Without the digest the check is incomplete, never verified.
    let pending = verify::scan_contents(inputs(&bytes, &sig), &options, &mut NoProgress);
    let report = pending.finish(None);
    assert_eq!(report.verdict, Verdict::Failed, "{report:#?}");
    assert!(serious(&report).contains("unreadable"), "{report:#?}");

    // The digest's signature results decide: a failed check there fails the run.
    let mut bad = digest;
    bad.signatures[0].2 = false;
    let pending = verify::scan_contents(inputs(&bytes, &sig), &options, &mut NoProgress);
    let report = pending.finish(Some(bad));
    assert_eq!(report.verdict, Verdict::Failed);
    assert_eq!(serious(&report), ["bad-signature"].into(), "{report:#?}");
}

#[test]
fn memory_budget_for_entries_is_enforced() {
    let key = SecretKey::generate([3; 32], [4; 8]);
    let bytes = bundle(&key);
    let options = Options {
        limits: Limits {
            max_held_bytes: 300,
            ..Limits::default()
        },
        ..Options::default()
    };
    let report = verify::verify(inputs(&bytes, ""), &options, &mut NoProgress);
    assert_eq!(report.verdict, Verdict::Failed);
    assert!(serious(&report).contains("limit-exceeded"), "{report:#?}");
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::LimitExceeded)
        .expect("limit-exceeded");
    assert!(f.message.contains("300 bytes of memory"), "{}", f.message);
}

// ----- helpers for the limit tests --------------------------------------------------------------

/// The codes of the findings that change the verdict (problem or error), as the JSON names them.
fn serious(report: &Report) -> BTreeSet<&'static str> {
    report
        .findings
        .iter()
        .filter(|f| matches!(f.severity, Severity::Problem | Severity::Error))
        .map(|f| f.code.as_str())
        .collect()
}

/// Run a bash script in `dir`; it must succeed (the tools it calls must be installed).
fn sh(dir: &Path, script: &str) {
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "script failed:\n{script}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn file(name: &str, bytes: Vec<u8>) -> Input {
    Input::File(Box::new(MemorySource {
        name: name.into(),
        bytes,
    }))
}

/// Options trusting the minisign public key file `k.pub` in `dir`.
fn trusting(dir: &Path, limits: Limits) -> Options {
    let key = PublicKey::decode(&String::from_utf8(read(dir, "k.pub")).unwrap()).unwrap();
    Options {
        trusted_keys: vec![KeyInput {
            key: key.into(),
            source: KeySource::CommandLine,
            origin: "k.pub".into(),
        }],
        limits,
        ..Options::default()
    }
}

/// The size field of every header in a plain tar (walking header, data, header...), with its
/// type flag: enough to find how large the extension headers real tools wrote are.
fn tar_headers(tar: &[u8]) -> Vec<(u8, u64)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 512 <= tar.len() && tar[at..at + 512].iter().any(|&b| b != 0) {
        let field = std::str::from_utf8(&tar[at + 124..at + 136]).unwrap();
        let size = u64::from_str_radix(field.trim_matches(|c| c == '\0' || c == ' '), 8).unwrap();
        let flag = tar[at + 156];
        out.push((flag, size));
        // Old GNU sparse headers store less than `size` says only with 'S'; not walked here.
        at += 512 + size.div_ceil(512) as usize * 512;
    }
    out
}

// ----- max_meta_size --------------------------------------------------------------------------

/// `rel/` with 1,500 small files, a `SHA256SUMS` over them written by `sha256sum` (larger than
/// the 64 KiB an input is classified from) and its `minisign` signature; key `k`.
fn big_list_release(dir: &Path) -> usize {
    sh(
        dir,
        "minisign -G -W -p k.pub -s k.key >/dev/null \
         && mkdir rel && cd rel && for i in $(seq 1 1500); do echo \"file $i\" > \"f$i.txt\"; done \
         && sha256sum f*.txt > ../SHA256SUMS && cd .. \
         && minisign -S -s k.key -m SHA256SUMS -t 'big list' >/dev/null",
    );
    let n = read(dir, "SHA256SUMS").len();
    assert!(n > airlock::classify::HEAD_LEN, "the list is {n} bytes");
    n
}

#[test]
fn max_meta_size_bounds_a_list_given_beside_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let n = big_list_release(d);
    sh(d, "tar -cf b.tar rel");
    let run = |max_meta_size: u64| {
        let limits = Limits {
            max_meta_size,
            ..Limits::default()
        };
        let inputs = vec![
            file("b.tar", read(d, "b.tar")),
            file("SHA256SUMS", read(d, "SHA256SUMS")),
            file("SHA256SUMS.minisig", read(d, "SHA256SUMS.minisig")),
        ];
        verify::verify(inputs, &trusting(d, limits), &mut NoProgress)
    };
    let at = run(n as u64);
    assert_eq!(at.verdict, Verdict::Verified, "{:#?}", at.findings);
    assert_eq!(at.counts.ok, 1500);

    let over = run(n as u64 - 1);
    assert_ne!(over.verdict, Verdict::Verified);
    let f = over
        .findings
        .iter()
        .find(|f| f.code == Code::LimitExceeded)
        .unwrap_or_else(|| panic!("no limit-exceeded: {:#?}", over.findings));
    assert_eq!(f.path.as_deref(), Some("SHA256SUMS"));
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains(&format!("{n} bytes")), "{}", f.message);
    assert!(
        over.lists.is_empty(),
        "the list was not read: {:#?}",
        over.lists
    );
}

#[test]
fn max_meta_size_bounds_a_list_inside_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let n = big_list_release(d);
    sh(
        d,
        "mv SHA256SUMS SHA256SUMS.minisig rel/ && tar -cf b.tar rel",
    );
    let run = |max_meta_size: u64| {
        let limits = Limits {
            max_meta_size,
            ..Limits::default()
        };
        verify::verify(
            vec![file("b.tar", read(d, "b.tar"))],
            &trusting(d, limits),
            &mut NoProgress,
        )
    };
    let at = run(n as u64);
    assert_eq!(at.verdict, Verdict::Verified, "{:#?}", at.findings);
    assert_eq!(at.counts.ok, 1500);
    // One byte less: the list is too large to be read as a list, so nothing vouches for the
    // bundle's files, and the report says why.
    let over = run(n as u64 - 1);
    assert_ne!(over.verdict, Verdict::Verified, "{:#?}", over.findings);
    assert!(over.lists.is_empty(), "{:#?}", over.lists);
    let f = over
        .findings
        .iter()
        .find(|f| f.code == Code::LimitExceeded)
        .unwrap_or_else(|| {
            panic!(
                "a list in the bundle too large to read must be reported (limit-exceeded): {} {:#?}",
                over.reason, over.findings
            )
        });
    assert_eq!(f.path.as_deref(), Some("rel/SHA256SUMS"), "{f:?}");
}

// ----- max_pax_size ---------------------------------------------------------------------------

#[test]
fn max_pax_size_in_the_tar_reader() {
    // GNU tar writes a PAX header for a name longer than 100 bytes.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = format!("rel/{}.txt", "n".repeat(150));
    sh(
        d,
        &format!("mkdir rel && echo hi > {long} && tar --format=posix -cf p.tar {long}"),
    );
    let tar = read(d, "p.tar");
    let pax: Vec<u64> = tar_headers(&tar)
        .into_iter()
        .filter(|&(flag, _)| flag == b'x')
        .map(|(_, size)| size)
        .collect();
    assert_eq!(pax.len(), 1, "one PAX header in {pax:?}");
    let size = pax[0];
    let scan = |max_pax_size: u64| {
        let mut paths = Vec::new();
        let limits = TarLimits {
            max_pax_size,
            ..TarLimits::default()
        };
        archive::scan(&tar[..], limits, |h, _| {
            paths.push(h.path.clone());
            Ok(())
        })
        .map(|_| paths)
    };
    assert_eq!(scan(size).unwrap(), vec![long.clone().into_bytes()]);
    match scan(size - 1) {
        Err(ArchiveError::Limit { message, .. }) => {
            assert!(message.to_string().contains("PAX"), "{message}")
        }
        other => panic!("expected the PAX limit, got {other:?}"),
    }
}

/// A tar by Python's `tarfile` (PAX format) of `rel/` whose `rel/a.txt` carries a PAX `comment`
/// record sized so that its extended header is exactly `target` bytes.
fn pax_bundle(d: &Path, target: u64) -> Vec<u8> {
    let mut len = target.saturating_sub(64);
    for _ in 0..4 {
        sh(
            d,
            &format!(
                "rm -f p.tar && python3 - <<'PY'
import tarfile
t = tarfile.open('p.tar', 'w', format=tarfile.PAX_FORMAT)
for name in ['rel/SHA256SUMS', 'rel/SHA256SUMS.minisig', 'rel/a.txt']:
    info = t.gettarinfo(name)
    info.uid = info.gid = 0
    info.uname = info.gname = ''
    if name == 'rel/a.txt':
        info.pax_headers = {{'comment': 'c' * {len}}}
    with open(name, 'rb') as f:
        t.addfile(info, f)
t.close()
PY"
            ),
        );
        let tar = read(d, "p.tar");
        // tarfile writes a small PAX header for every member; a.txt's is the last and largest.
        let sizes: Vec<u64> = tar_headers(&tar)
            .into_iter()
            .filter(|&(f, _)| f == b'x')
            .map(|(_, s)| s)
            .collect();
        let ours = *sizes.last().expect("PAX headers");
        assert!(
            sizes[..sizes.len() - 1].iter().all(|&s| s < 512),
            "{sizes:?}"
        );
        if ours == target {
            return tar;
        }
        len = (len as i64 + target as i64 - ours as i64) as u64;
    }
    panic!("could not make a PAX header of exactly {target} bytes");
}

#[test]
fn max_pax_size_in_a_verification() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    sh(
        d,
        "minisign -G -W -p k.pub -s k.key >/dev/null && mkdir rel && echo alpha > rel/a.txt \
         && (cd rel && sha256sum a.txt > SHA256SUMS) \
         && minisign -S -s k.key -m rel/SHA256SUMS >/dev/null",
    );
    let max = TarLimits::default().max_pax_size;
    let run = |tar: Vec<u8>| {
        verify::verify(
            vec![file("p.tar", tar)],
            &trusting(d, Limits::default()),
            &mut NoProgress,
        )
    };
    let at = run(pax_bundle(d, max));
    assert_eq!(at.verdict, Verdict::Verified, "{:#?}", at.findings);
    assert_eq!(at.counts.ok, 1);
    let over = run(pax_bundle(d, max + 1));
    assert_eq!(over.verdict, Verdict::Failed, "{:#?}", over.findings);
    // The scan stops at the header: a.txt, listed, is then missing too.
    assert_eq!(
        serious(&over),
        ["limit-exceeded", "missing"].into(),
        "{:#?}",
        over.findings
    );
    let f = over
        .findings
        .iter()
        .find(|f| f.code == Code::LimitExceeded)
        .unwrap();
    assert!(f.message.contains("PAX"), "{}", f.message);
}

// ----- max_sparse_segments --------------------------------------------------------------------

#[test]
fn max_sparse_segments_in_the_tar_reader() {
    // A file with seven 4 KiB data runs between holes; GNU tar -S stores it as an old-GNU sparse
    // entry whose map needs an extension block (a header holds four segments).
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    sh(
        d,
        "python3 -c \"
f = open('s.bin', 'wb')
for i in range(7):
    f.seek(i * 1048576); f.write(bytes([65 + i]) * 4096)
f.truncate(8 * 1048576)
\" && tar -S --format=gnu -cf s.tar s.bin && tar -tvf s.tar | grep -q 8388608",
    );
    let tar = read(d, "s.tar");
    assert_eq!(
        tar_headers(&tar[..512])[0].0,
        b'S',
        "GNU tar wrote a sparse entry"
    );
    let scan = |max_sparse_segments: usize| {
        let limits = TarLimits {
            max_sparse_segments,
            ..TarLimits::default()
        };
        let mut seen = Vec::new();
        archive::scan(&tar[..], limits, |h, r| {
            let mut content = Vec::new();
            r.read_to_end(&mut content)?;
            seen.push((h.path.clone(), h.size, content));
            Ok(())
        })
        .map(|_| seen)
    };
    // The map's length as GNU tar wrote it, counted from the raw blocks: four slots of 24 bytes
    // in the header (offset 386, `isextended` at 482), then 21 per extension block (flag at 504).
    let used = |slots: &[u8]| {
        slots
            .chunks(24)
            .filter(|s| s.iter().any(|&b| b != 0))
            .count()
    };
    let mut n = used(&tar[386..386 + 4 * 24]);
    let (mut extended, mut at) = (tar[482] != 0, 512);
    while extended {
        n += used(&tar[at..at + 21 * 24]);
        extended = tar[at + 504] != 0;
        at += 512;
    }
    assert!(n >= 7, "{n} segments for seven data runs");
    assert!(at > 512, "the map has an extension block");
    let seen = scan(n).unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].1, 8 << 20);
    let want = std::fs::read(d.join("s.bin")).unwrap();
    assert!(seen[0].2 == want, "the sparse file reads back as it was");
    match scan(n - 1) {
        Err(ArchiveError::Limit { message, .. }) => {
            assert!(message.to_string().contains("segments"), "{message}")
        }
        other => panic!(
            "expected the sparse limit, got {:?}",
            other.map(|s| s.len())
        ),
    }
}
