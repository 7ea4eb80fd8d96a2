//! Engine behaviour through the library API: a split run (the bundle file's digest in one
//! worker, the content scan in another, as the page does) gives the same report as a single
//! pass; the memory budget for entry records holds.

use std::io::Write;

use airlock::keys::SecretKey;
use airlock::minisign;
use airlock::report::{Code, KeySource, Verdict};
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
            key: key.public_key(),
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
    assert_ne!(report.verdict, Verdict::Verified);
    assert!(report.findings.iter().any(|f| f.code == Code::Unreadable));

    // The digest's signature results decide: a failed check there fails the run.
    let mut bad = digest;
    bad.signatures[0].2 = false;
    let pending = verify::scan_contents(inputs(&bytes, &sig), &options, &mut NoProgress);
    let report = pending.finish(Some(bad));
    assert_eq!(report.verdict, Verdict::Failed);
    assert!(report.findings.iter().any(|f| f.code == Code::BadSignature));
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
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::LimitExceeded)
        .expect("limit-exceeded");
    assert!(f.message.contains("300 bytes of memory"), "{}", f.message);
}
