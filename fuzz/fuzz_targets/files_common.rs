//! The body shared by the `images` and `gomod` targets: a bundle given as a list of files, fed to
//! a content checker exactly as the engine's stream step does (`begin` with the head, `data` with
//! the rest, the decompressed digest when asked, `end` with the SHA-256), then the checker's
//! judgement over the entries; and the same files as a real tar through the whole verification
//! plan, with no trusted key.
//!
//! Input: files cut at `\n--8<--\n`; each is `PATH\nCONTENT`, or `PATH -> TARGET` for a symbolic
//! link. The format survives the fuzzer's insertions and deletions (a tar's sizes and checksums
//! would not), so mutations reach the JSON, zip and go.sum readers.
#![allow(dead_code)]

use std::io::{self, Read};

use airlock::carriers::images::Facts;
use airlock::carriers::layers::{self, Codec, Decoded};
use airlock::carriers::{self, ContentChecker, EntryView};
use airlock::classify::HEAD_LEN;
use airlock::paths;
use airlock::report::{EntryKind, Verdict};
use airlock::verify::{self, Input, MemorySource, NoProgress, Options};
use sha2::{Digest, Sha256};

const CUT: &[u8] = b"\n--8<--\n";

/// One file of the input.
pub struct File<'a> {
    /// Normalised path; `None` when unsafe.
    pub path: Option<Vec<u8>>,
    pub raw_path: &'a [u8],
    /// A symbolic link's target.
    pub link: Option<&'a [u8]>,
    pub content: &'a [u8],
    pub sha256: [u8; 32],
}

pub fn files(data: &[u8]) -> Vec<File<'_>> {
    let mut out = Vec::new();
    let mut rest = data;
    loop {
        let (part, next) = match rest.windows(CUT.len()).position(|w| w == CUT) {
            Some(i) => (&rest[..i], Some(&rest[i + CUT.len()..])),
            None => (rest, None),
        };
        let (head, content) = match part.iter().position(|&b| b == b'\n') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => (part, &b""[..]),
        };
        let (raw_path, link) = match head.windows(4).position(|w| w == b" -> ") {
            Some(i) => (&head[..i], Some(&head[i + 4..])),
            None => (head, None),
        };
        out.push(File {
            path: paths::normalize(raw_path).ok(),
            raw_path,
            link,
            content: if link.is_some() { &b""[..] } else { content },
            sha256: Sha256::digest(content).into(),
        });
        match next {
            Some(n) if out.len() < 256 => rest = n,
            _ => break,
        }
    }
    out
}

/// Where a symbolic link leads, followed as the kernel would (a few hops), by entry index.
fn leads_to(files: &[File], i: usize) -> Option<usize> {
    let mut at = i;
    for _ in 0..8 {
        let f = &files[at];
        let Some(target) = f.link else {
            return Some(at);
        };
        let base = paths::parent(f.path.as_deref()?);
        let joined = if target.starts_with(b"/") {
            return None;
        } else if base.is_empty() {
            target.to_vec()
        } else {
            [base, b"/", target].concat()
        };
        let norm = paths::normalize(&joined).ok()?;
        at = files
            .iter()
            .rposition(|g| g.path.as_deref() == Some(&norm[..]))?;
    }
    None
}

/// A reader that gives one byte, then two, … (decoders must not depend on read sizes).
struct Dribble<'a> {
    data: &'a [u8],
    n: usize,
}

impl Read for Dribble<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.n = self.n % 7 + 1;
        let k = self.n.min(buf.len()).min(self.data.len());
        buf[..k].copy_from_slice(&self.data[..k]);
        self.data = &self.data[k..];
        Ok(k)
    }
}

/// Decompress as the engine does; the same bytes read in small pieces decode the same.
pub fn decode(content: &[u8]) -> Option<Decoded> {
    let codec = Codec::sniff(content);
    if codec == Codec::Plain {
        return None;
    }
    let whole = layers::decode(codec, &mut &content[..]);
    let pieces = layers::decode(
        codec,
        &mut Dribble {
            data: content,
            n: 0,
        },
    );
    assert_eq!(
        whole.result.is_ok(),
        pieces.result.is_ok(),
        "a layer decodes or not depending on read sizes: {:?} / {:?}",
        whole.result,
        pieces.result
    );
    if let (Ok(a), Ok(b)) = (&whole.result, &pieces.result) {
        assert_eq!(a, b, "a layer decodes differently depending on read sizes");
    }
    Some(whole)
}

/// Show every file to `checker` as the stream step does; returns the facts for the judgement.
pub fn feed<'a>(files: &'a [File<'a>], checker: &mut dyn ContentChecker) -> Vec<Facts<'a>> {
    for (index, f) in files.iter().enumerate() {
        if f.link.is_some() {
            continue;
        }
        let head = &f.content[..f.content.len().min(HEAD_LEN)];
        let view = EntryView {
            index,
            path: f.path.as_deref(),
            kind: EntryKind::File,
            size: f.content.len() as u64,
            role: carriers::role_of(head, f.content.len() as u64),
        };
        if checker.begin(&view, head) {
            // In pieces, as the stream passes.
            for chunk in f.content[head.len()..].chunks(4096) {
                checker.data(chunk);
            }
        }
        if checker.wants_decoded() {
            if let Some(d) = decode(f.content) {
                checker.decoded(&d);
            }
        }
        checker.end(&view, &f.sha256);
    }
    files
        .iter()
        .enumerate()
        .map(|(i, f)| Facts {
            path: f.path.as_deref(),
            kind: if f.link.is_some() {
                EntryKind::Symlink
            } else {
                EntryKind::File
            },
            size: f.content.len() as u64,
            sha256: f.link.is_none().then_some(f.sha256),
            leads_to: if f.link.is_some() {
                leads_to(files, i)
            } else {
                None
            },
        })
        .collect()
}

/// The files as a tar (GNU headers, links as links).
fn tar_of(files: &[File]) -> Option<Vec<u8>> {
    let mut b = tar::Builder::new(Vec::new());
    for f in files {
        let mut h = tar::Header::new_gnu();
        h.set_mode(0o644);
        h.set_mtime(0);
        if let Some(t) = f.link {
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_size(0);
            b.append_link(
                &mut h,
                String::from_utf8_lossy(f.raw_path).as_ref(),
                String::from_utf8_lossy(t).as_ref(),
            )
            .ok()?;
        } else {
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(f.content.len() as u64);
            b.append_data(
                &mut h,
                String::from_utf8_lossy(f.raw_path).as_ref(),
                f.content,
            )
            .ok()?;
        }
    }
    b.into_inner().ok()
}

/// The files as a tar through the whole plan, with no trusted key: never `verified`.
pub fn whole_plan(files: &[File]) {
    let Some(tar) = tar_of(files) else { return };
    let inputs = vec![Input::File(Box::new(MemorySource {
        name: "bundle.tar".into(),
        bytes: tar,
    }))];
    let report = verify::verify(inputs, &Options::default(), &mut NoProgress);
    assert_ne!(
        report.verdict,
        Verdict::Verified,
        "verified with no trusted key: {:?}",
        report.findings
    );
}
