//! The body of the `bundle` and `bundle_threads` fuzz targets (see `bundle.rs`).

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::OnceLock;

use airlock::keys::SecretKey;
use airlock::minisign;
use airlock::report::{EntryKind, KeySource, Report, Verdict};
use airlock::verify::{self, Input, KeyInput, MemorySource, NoProgress, Options};
use sha2::{Digest, Sha256};

#[path = "common.rs"]
mod cut;

fn key() -> &'static SecretKey {
    static KEY: OnceLock<SecretKey> = OnceLock::new();
    KEY.get_or_init(|| SecretKey::generate([7u8; 32], *b"fuzzkey!"))
}

/// A path as the report shows it: `.` and empty components dropped, lossy UTF-8.
fn norm(raw: &[u8]) -> String {
    let parts: Vec<&[u8]> = raw
        .split(|&b| b == b'/')
        .filter(|p| !p.is_empty() && *p != b".")
        .collect();
    String::from_utf8_lossy(&parts.join(&b'/')).into_owned()
}

/// What an extractor built on the `tar` crate would write: regular files (path → SHA-256) and
/// symbolic links (path → target).
type View = (BTreeMap<String, String>, BTreeMap<String, String>);

fn tar_view(archive: &[u8]) -> Result<View, String> {
    let reader: Box<dyn Read + '_> = if archive.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::MultiGzDecoder::new(archive))
    } else {
        Box::new(archive)
    };
    let mut ar = tar::Archive::new(reader);
    let mut files = BTreeMap::new();
    let mut links = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for entry in ar.entries().map_err(|e| e.to_string())? {
        let mut e = entry.map_err(|e| format!("entry: {e}"))?;
        let path = norm(&e.path_bytes());
        let kind = e.header().entry_type();
        use tar::EntryType as T;
        if matches!(
            kind,
            T::XGlobalHeader | T::XHeader | T::GNULongName | T::GNULongLink
        ) {
            continue;
        }
        if kind != T::Directory && !seen.insert(path.clone()) {
            return Err(format!("{path} twice"));
        }
        match kind {
            T::Directory => {}
            T::Symlink => {
                let target = e
                    .link_name_bytes()
                    .map(|t| String::from_utf8_lossy(&t).into_owned());
                links.insert(path, target.unwrap_or_default());
            }
            T::Link => {
                let target = e.link_name_bytes().map(|t| norm(&t)).unwrap_or_default();
                let hash = files
                    .get(&target)
                    .cloned()
                    .ok_or_else(|| format!("hard link {path} to {target}, not an earlier file"))?;
                files.insert(path, hash);
            }
            T::Char | T::Block | T::Fifo => return Err(format!("{path} is a special file")),
            _ => {
                let mut h = Sha256::new();
                let mut buf = [0u8; 8192];
                loop {
                    let n = e.read(&mut buf).map_err(|e| format!("{path}: {e}"))?;
                    if n == 0 {
                        break;
                    }
                    h.update(&buf[..n]);
                }
                files.insert(path, hex::encode(h.finalize()));
            }
        }
    }
    Ok((files, links))
}

fn report_view(report: &Report) -> View {
    let mut files = BTreeMap::new();
    let mut links = BTreeMap::new();
    for e in &report.entries {
        match e.kind {
            EntryKind::File | EntryKind::Hardlink => {
                if let Some(a) = &e.actual {
                    files.insert(e.path.clone(), a.clone());
                }
            }
            EntryKind::Symlink => {
                links.insert(e.path.clone(), e.link_target.clone().unwrap_or_default());
            }
            _ => {}
        }
    }
    (files, links)
}

/// One run: verify, and when verified compare with the `tar` crate.
pub fn run(data: &[u8]) {
    let parts = cut::split(data, 3);
    let key = key();
    let mut inputs = vec![Input::File(Box::new(MemorySource {
        name: "bundle.tar.gz".into(),
        bytes: parts[0].to_vec(),
    }))];
    if let Some(list) = parts.get(1) {
        let sig = minisign::sign(key, &mut &list[..], "fuzz", "fuzz").expect("sign");
        inputs.push(Input::File(Box::new(MemorySource {
            name: "SHA256SUMS".into(),
            bytes: list.to_vec(),
        })));
        inputs.push(Input::File(Box::new(MemorySource {
            name: "SHA256SUMS.minisig".into(),
            bytes: sig.into_bytes(),
        })));
    }
    if let Some(other) = parts.get(2) {
        inputs.push(Input::File(Box::new(MemorySource {
            name: "other".into(),
            bytes: other.to_vec(),
        })));
    }
    let options = Options {
        trusted_keys: vec![KeyInput {
            key: key.public_key().into(),
            source: KeySource::CommandLine,
            origin: "fuzz".into(),
        }],
        ..Options::default()
    };
    let report = verify::verify(inputs, &options, &mut NoProgress);
    if report.verdict != Verdict::Verified {
        return;
    }
    let format = report.bundle.as_ref().map(|b| b.format.as_str());
    if !matches!(format, Some("tar" | "tar.gz")) {
        return;
    }
    let ours = report_view(&report);
    match tar_view(parts[0]) {
        Err(e) => panic!(
            "verified, but the tar crate reads it otherwise: {e}\n{:?}",
            report.findings
        ),
        Ok(theirs) => {
            assert_eq!(
                ours.0, theirs.0,
                "verified, but the tar crate sees other files"
            );
            assert_eq!(
                ours.1, theirs.1,
                "verified, but the tar crate sees other links"
            );
        }
    }
}
