//! Go module caches (`$GOMODCACHE`, `go mod download`) and `go.sum`: content that carries its own
//! digests.
//!
//! - `cache/download/<path>/@v/<version>.zip` hashes (dirhash `h1:`) to its `.ziphash`;
//! - the extracted tree `<path>@<version>/` hashes to the same value (files added, removed or
//!   changed are named);
//! - `<version>.mod` matches `go.sum`'s `<path> <version>/go.mod h1:` line, and zip and tree match
//!   its `<path> <version> h1:` line. `go.sum` wins over `.ziphash`: `go mod verify` trusts the
//!   `.ziphash`, so a cache whose zip and ziphash were both rewritten passes it, not this.
//!
//! Module paths and versions are escaped in file names (`!x` for `X`). `h1:` is Go's dirhash
//! Hash1: for each file, sorted by name, a line `sha256hex␠␠name\n`; SHA-256 of those lines,
//! standard base64.
//!
//! Zips: Go writes module zips with data descriptors, so the sizes are only in the central
//! directory at the end. The [`GoWatch`] buffers each module zip (bounded by [`MAX_ZIP`]: Go caps
//! module zips at 500 MiB; a larger one here is reported, not read) and reads it by hand from its
//! central directory, the way Go's `archive/zip` does, checking each local header against it
//! (same name, method, sizes) so that a reader of the local headers sees the same files. The
//! `zip` crate is not used: it is not needed for this much, and its default features pull C.
//! Zip64, encryption and methods other than store and deflate are refused.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;

use base64::Engine;
use sha2::{Digest, Sha256};

use super::images::Facts;
use super::{ContentChecker, EntryView};
use crate::i18n::{self, Message};
use crate::report::{Code, EntryKind, Finding, GoModule, ImageStatus, Severity};
use crate::{msg, paths};

/// Largest module zip read (buffered whole to reach its central directory).
pub const MAX_ZIP: u64 = 64 << 20;
/// Largest `go.sum` or `.ziphash` kept.
const MAX_TEXT: u64 = 4 << 20;

/// What a module zip held: each file's name and SHA-256, or why it could not be read.
type ZipFiles = Result<Vec<(String, [u8; 32])>, Message>;

/// The content checker: buffers module zips (one at a time) and keeps `go.sum` and `.ziphash`.
#[derive(Default)]
pub struct GoWatch {
    current: Option<(Vec<u8>, Kind, Vec<u8>)>,
    zips: HashMap<Vec<u8>, ZipFiles>,
    texts: HashMap<Vec<u8>, Vec<u8>>,
    held: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Text,
}

impl GoWatch {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn is_empty(&self) -> bool {
        self.zips.is_empty() && self.texts.is_empty()
    }
    /// The `go.sum` files seen: (path, content).
    pub fn go_sums(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.texts
            .iter()
            .filter(|(p, _)| paths::file_name(p) == b"go.sum")
            .map(|(p, t)| (&p[..], &t[..]))
    }
}

/// A file of the download cache: (cache root, module path, version, extension).
fn cache_file(p: &[u8]) -> Option<(&[u8], String, String, &str)> {
    let s = std::str::from_utf8(p).ok()?;
    let at = if s.starts_with("cache/download/") {
        0
    } else {
        s.find("/cache/download/")? + 1
    };
    let root = &p[..at.saturating_sub(1)];
    let rest = &s[at + "cache/download/".len()..];
    let (module, file) = rest.split_once("/@v/")?;
    if file.contains('/') {
        return None;
    }
    let (ver, ext) = file.rsplit_once('.')?;
    let ext = match ext {
        "zip" => "zip",
        "ziphash" => "ziphash",
        "mod" => "mod",
        _ => return None,
    };
    Some((root, unescape(module)?, unescape(ver)?, ext))
}

/// `!x` is `X` in module paths and versions as the cache writes them; a capital letter is not.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut bang = false;
    for c in s.chars() {
        if bang {
            if !c.is_ascii_lowercase() {
                return None;
            }
            out.push(c.to_ascii_uppercase());
            bang = false;
        } else if c == '!' {
            bang = true;
        } else if c.is_ascii_uppercase() {
            return None;
        } else {
            out.push(c);
        }
    }
    (!bang).then_some(out)
}

impl ContentChecker for GoWatch {
    fn begin(&mut self, entry: &EntryView, head: &[u8]) -> bool {
        let Some(path) = entry.path else {
            return false;
        };
        let kind = match cache_file(path) {
            Some((_, _, _, "zip")) => Kind::Zip,
            Some((_, _, _, "ziphash")) => Kind::Text,
            _ if paths::file_name(path) == b"go.sum" => Kind::Text,
            _ => return false,
        };
        let max = if kind == Kind::Zip { MAX_ZIP } else { MAX_TEXT };
        if entry.size > max {
            if kind == Kind::Zip {
                self.zips.insert(
                    path.to_vec(),
                    Err(msg!("detail-zip-too-large", "size" => entry.size, "limit" => MAX_ZIP)),
                );
            }
            return false;
        }
        self.current = Some((path.to_vec(), kind, Vec::with_capacity(entry.size as usize)));
        // The head is passed again as data: begin sees it first, data the rest.
        if let Some((_, _, v)) = self.current.as_mut() {
            v.extend_from_slice(head);
        }
        true
    }
    fn data(&mut self, bytes: &[u8]) {
        if let Some((_, _, v)) = self.current.as_mut() {
            v.extend_from_slice(bytes);
        }
    }
    fn end(&mut self, _entry: &EntryView, _sha256: &[u8; 32]) {
        let Some((path, kind, bytes)) = self.current.take() else {
            return;
        };
        self.held += 64 + path.len() as u64;
        match kind {
            Kind::Zip => {
                let files = zip_files(&bytes);
                if let Ok(f) = &files {
                    self.held += f.iter().map(|(n, _)| 40 + n.len() as u64).sum::<u64>();
                }
                self.zips.insert(path, files);
            }
            Kind::Text => {
                self.held += bytes.len() as u64;
                self.texts.insert(path, bytes);
            }
        }
    }
    fn held_bytes(&self) -> u64 {
        self.held
    }
}

// ----- zip ---------------------------------------------------------------------------------------

fn u16_at(b: &[u8], at: usize) -> Result<u16, Message> {
    b.get(at..at + 2)
        .map(|x| u16::from_le_bytes([x[0], x[1]]))
        .ok_or_else(|| msg!("detail-zip-truncated"))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, Message> {
    b.get(at..at + 4)
        .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
        .ok_or_else(|| msg!("detail-zip-truncated"))
}

/// The files of a zip, read from its central directory, each checked against its local header
/// and hashed decompressed (CRC-32 and size checked).
pub fn zip_files(b: &[u8]) -> ZipFiles {
    // End of central directory: its comment must run exactly to the end of the file.
    let min = b.len().saturating_sub(22 + 0xffff);
    let eocd = (min..=b.len().saturating_sub(22))
        .rev()
        .find(|&i| {
            u32_at(b, i) == Ok(0x0605_4b50)
                && u16_at(b, i + 20).is_ok_and(|c| i + 22 + c as usize == b.len())
        })
        .ok_or_else(|| msg!("detail-zip-no-end"))?;
    let count = u16_at(b, eocd + 10)? as usize;
    let cd_size = u32_at(b, eocd + 12)? as usize;
    let cd_off = u32_at(b, eocd + 16)? as usize;
    if u16_at(b, eocd + 4)? != 0
        || u16_at(b, eocd + 6)? != 0
        || u16_at(b, eocd + 8)? as usize != count
    {
        return Err(msg!("detail-zip-disks"));
    }
    if count == 0xffff || cd_off == 0xffff_ffff || cd_size == 0xffff_ffff {
        return Err(msg!("detail-zip64"));
    }
    if cd_off + cd_size != eocd {
        return Err(msg!("detail-zip-directory-misplaced"));
    }
    let mut files = Vec::with_capacity(count.min(1 << 16));
    let mut names = BTreeSet::new();
    let mut at = cd_off;
    let mut data_end = 0usize;
    for _ in 0..count {
        if u32_at(b, at)? != 0x0201_4b50 {
            return Err(msg!("detail-zip-record-damaged"));
        }
        let flags = u16_at(b, at + 8)?;
        let method = u16_at(b, at + 10)?;
        let crc = u32_at(b, at + 16)?;
        let csize = u32_at(b, at + 20)? as usize;
        let usize_ = u32_at(b, at + 24)? as u64;
        let nlen = u16_at(b, at + 28)? as usize;
        let elen = u16_at(b, at + 30)? as usize;
        let clen = u16_at(b, at + 32)? as usize;
        let lho = u32_at(b, at + 42)? as usize;
        let name = b
            .get(at + 46..at + 46 + nlen)
            .ok_or_else(|| msg!("detail-zip-record-truncated"))?;
        at += 46 + nlen + elen + clen;
        if at > eocd {
            return Err(msg!("detail-zip-directory-overrun"));
        }
        let name = std::str::from_utf8(name)
            .map_err(|_| msg!("detail-zip-name-not-utf8"))?
            .to_string();
        if name.contains('\n') || !names.insert(name.clone()) {
            return Err(msg!("detail-zip-name-repeated", "name" => format!("{name:?}")));
        }
        if flags & 0x1 != 0 {
            return Err(msg!("detail-zip-encrypted", "name" => &name));
        }
        if csize == 0xffff_ffff || usize_ == 0xffff_ffff || lho == 0xffff_ffff {
            return Err(msg!("detail-zip64"));
        }
        // The local header must say the same.
        if u32_at(b, lho)? != 0x0403_4b50 {
            return Err(msg!("detail-zip-local-missing", "name" => &name));
        }
        let lnlen = u16_at(b, lho + 26)? as usize;
        let lelen = u16_at(b, lho + 28)? as usize;
        if u16_at(b, lho + 8)? != method
            || b.get(lho + 30..lho + 30 + lnlen) != Some(name.as_bytes())
        {
            return Err(msg!("detail-zip-local-disagrees", "name" => &name));
        }
        if u16_at(b, lho + 6)? & 0x8 == 0
            && (u32_at(b, lho + 14)? != crc || u32_at(b, lho + 18)? as usize != csize)
        {
            return Err(msg!("detail-zip-local-sizes", "name" => &name));
        }
        let start = lho + 30 + lnlen + lelen;
        if start < data_end {
            return Err(msg!("detail-zip-overlap", "name" => &name));
        }
        let data = b
            .get(start..start + csize)
            .filter(|_| start + csize <= cd_off)
            .ok_or_else(|| msg!("detail-zip-data-overrun", "name" => &name))?;
        data_end = start + csize;
        let mut sha = Sha256::new();
        let mut crc32 = flate2::Crc::new();
        let mut n = 0u64;
        let mut buf = [0u8; 16 * 1024];
        let mut pump = |r: &mut dyn Read| -> Result<(), Message> {
            loop {
                let k = r.read(&mut buf).map_err(|e| {
                    msg!("detail-zip-inflate", "name" => &name, "detail" => Message::from_io(&e))
                })?;
                if k == 0 {
                    return Ok(());
                }
                n += k as u64;
                if n > usize_ {
                    return Err(msg!("detail-zip-larger", "name" => &name));
                }
                sha.update(&buf[..k]);
                crc32.update(&buf[..k]);
            }
        };
        match method {
            0 => pump(&mut &data[..])?,
            8 => pump(&mut flate2::read::DeflateDecoder::new(data))?,
            m => return Err(msg!("detail-zip-method", "name" => &name, "method" => u32::from(m))),
        }
        if n != usize_ || crc32.sum() != crc {
            return Err(msg!("detail-zip-crc", "name" => &name));
        }
        files.push((name, sha.finalize().into()));
    }
    Ok(files)
}

// ----- dirhash and go.sum ------------------------------------------------------------------------

/// Go's dirhash Hash1 of (name, SHA-256) pairs.
pub fn hash1(files: &[(String, [u8; 32])]) -> String {
    let mut sorted: Vec<&(String, [u8; 32])> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut h = Sha256::new();
    for (name, sha) in sorted {
        h.update(format!("{}  {name}\n", hex::encode(sha)).as_bytes());
    }
    format!(
        "h1:{}",
        base64::engine::general_purpose::STANDARD.encode(h.finalize())
    )
}

/// A `go.sum` line: where it is.
#[derive(Clone)]
struct SumLine {
    hash: String,
    file: String,
    line: usize,
}

// ----- the check ---------------------------------------------------------------------------------

#[derive(Default)]
struct Module {
    root: Vec<u8>,
    zip: Option<(Vec<u8>, ZipFiles)>,
    ziphash: Option<(Vec<u8>, String)>,
    go_mod: Option<(Vec<u8>, String)>,
    tree: Vec<(String, [u8; 32])>,
    tree_odd: Vec<String>,
    tree_dir: Option<Vec<u8>>,
}

/// What the module check found.
#[derive(Default)]
pub struct Outcome {
    pub modules: Vec<GoModule>,
    pub findings: Vec<Finding>,
}

fn finding(out: &mut Outcome, code: Code, severity: Severity, path: &[u8], message: Message) {
    out.findings.push(Finding::of(
        code,
        severity,
        Some(paths::display(path)),
        message,
    ));
}

/// True when `head` reads as a `go.sum`: at least one line, and every non-empty line
/// `path version h1:…` (the version starting with `v`), as `go` writes them. `complete` is false
/// when `head` is only the start of the file: its last, perhaps cut, line is not looked at.
pub fn looks_like_go_sum(head: &[u8], complete: bool) -> bool {
    let Ok(text) = std::str::from_utf8(match complete {
        true => head,
        false => &head[..head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)],
    }) else {
        return false;
    };
    let mut any = false;
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.is_empty() {
            continue;
        }
        let ok = f.len() == 3
            && f[1].starts_with('v')
            && f[2].strip_prefix("h1:").is_some_and(|b| {
                base64::engine::general_purpose::STANDARD
                    .decode(b)
                    .is_ok_and(|d| d.len() == 32)
            });
        if !ok {
            return false;
        }
        any = true;
    }
    any
}

/// Find the module caches among `entries` and check them: against the `go.sum` files among them,
/// and the ones given beside the bundle (`beside`: input name and content), read the same way.
pub fn check(entries: &[Facts], watch: &GoWatch, beside: &[(String, Vec<u8>)]) -> Outcome {
    let mut out = Outcome::default();
    // Only where a download cache is: a go.sum alone (in any source tree) is not our business.
    if (watch.is_empty() && beside.is_empty())
        || !entries
            .iter()
            .any(|e| e.path.is_some_and(|p| cache_file(p).is_some()))
    {
        return out;
    }
    // go.sum lines, from every go.sum in the bundle, then from those beside it.
    let mut sums: BTreeMap<(String, String), SumLine> = BTreeMap::new();
    let mut sum_files: Vec<(&[u8], &[u8])> = watch.go_sums().collect();
    sum_files.sort();
    sum_files.extend(beside.iter().map(|(n, t)| (n.as_bytes(), &t[..])));
    for (p, text) in sum_files {
        let text = String::from_utf8_lossy(text);
        for (n, line) in text.lines().enumerate() {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.is_empty() {
                continue;
            }
            if f.len() != 3 || !f[2].starts_with("h1:") {
                finding(
                    &mut out,
                    Code::MalformedModule,
                    Severity::Warning,
                    p,
                    msg!("finding-go-sum-line", "line" => n + 1, "file" => paths::display(p)),
                );
                continue;
            }
            let key = (f[0].to_string(), f[1].to_string());
            let new = SumLine {
                hash: f[2].to_string(),
                file: paths::display(p),
                line: n + 1,
            };
            match sums.get(&key) {
                Some(old) if old.hash != new.hash => finding(
                    &mut out,
                    Code::GoSumMismatch,
                    Severity::Problem,
                    p,
                    msg!(
                        "finding-go-sum-conflict",
                        "module" => format!("{} {}", key.0, key.1),
                        "file" => &old.file,
                        "line" => old.line,
                        "other_file" => &new.file,
                        "other_line" => new.line,
                    ),
                ),
                Some(_) => {}
                None => {
                    sums.insert(key, new);
                }
            }
        }
    }
    // The download cache.
    let mut modules: BTreeMap<(String, String), Module> = BTreeMap::new();
    let mut roots: BTreeSet<Vec<u8>> = BTreeSet::new();
    for e in entries {
        let (Some(p), EntryKind::File | EntryKind::Hardlink) = (e.path, e.kind) else {
            continue;
        };
        let Some((root, module, version, ext)) = cache_file(p) else {
            continue;
        };
        roots.insert(root.to_vec());
        let m = modules.entry((module, version)).or_default();
        m.root = root.to_vec();
        match ext {
            "zip" => {
                if let Some(z) = watch.zips.get(p) {
                    m.zip = Some((p.to_vec(), z.clone()));
                }
            }
            "ziphash" => {
                if let Some(t) = watch.texts.get(p) {
                    m.ziphash = Some((p.to_vec(), String::from_utf8_lossy(t).trim().to_string()));
                }
            }
            _ => {
                if let Some(h) = e.sha256 {
                    m.go_mod = Some((p.to_vec(), hash1(&[("go.mod".to_string(), h)])));
                }
            }
        }
    }
    // Extracted trees: `<root>/<escaped path>@<escaped version>/…`, outside `cache/`.
    for e in entries {
        let Some(p) = e.path else { continue };
        let Some(root) = roots
            .iter()
            .find(|r| r.is_empty() || (p.starts_with(r) && p.get(r.len()) == Some(&b'/')))
        else {
            continue;
        };
        let rel = if root.is_empty() {
            p
        } else {
            &p[root.len() + 1..]
        };
        if rel.starts_with(b"cache/") {
            continue;
        }
        let Ok(rel) = std::str::from_utf8(rel) else {
            continue;
        };
        let Some(at) = rel.find('@') else { continue };
        let (dir_end, file) = match rel[at..].find('/') {
            Some(slash) => (at + slash, &rel[at + slash + 1..]),
            None => continue,
        };
        let (Some(module), Some(version)) = (unescape(&rel[..at]), unescape(&rel[at + 1..dir_end]))
        else {
            continue;
        };
        let Some(m) = modules.get_mut(&(module.clone(), version.clone())) else {
            continue;
        };
        if m.root != *root {
            continue;
        }
        m.tree_dir
            .get_or_insert_with(|| p[..p.len() - file.len() - 1].to_vec());
        let name = format!("{module}@{version}/{file}");
        match (e.kind, e.sha256) {
            (EntryKind::File | EntryKind::Hardlink, Some(h)) => m.tree.push((name, h)),
            (EntryKind::Directory, _) => {}
            _ => m.tree_odd.push(name),
        }
    }
    let carried: BTreeSet<(String, String)> = modules.keys().cloned().collect();
    for ((module, version), m) in modules {
        let before = out.findings.len();
        let sum = sums.get(&(module.clone(), version.clone())).cloned();
        let sum_mod = sums
            .get(&(module.clone(), format!("{version}/go.mod")))
            .cloned();
        let name = format!("{module} {version}");
        let mut report = GoModule {
            path: module.clone(),
            version: version.clone(),
            root: paths::display(&m.root),
            archive: None,
            zip: None,
            ziphash: m.ziphash.as_ref().map(|z| z.1.clone()),
            tree: None,
            go_mod: m.go_mod.as_ref().map(|g| g.1.clone()),
            go_sum: sum.as_ref().map(|s| s.hash.clone()),
            go_sum_mod: sum_mod.as_ref().map(|s| s.hash.clone()),
            status: ImageStatus::Unchecked,
        };
        let mut compared = false;
        let mut zip_files_ok: Option<&Vec<(String, [u8; 32])>> = None;
        if let Some((zp, z)) = &m.zip {
            match z {
                Ok(files) => {
                    let h = hash1(files);
                    zip_files_ok = Some(files);
                    if let Some((hp, want)) = &m.ziphash {
                        compared = true;
                        if *want != h {
                            finding(
                                &mut out,
                                Code::ZiphashMismatch,
                                Severity::Problem,
                                zp,
                                msg!(
                                    "finding-ziphash-mismatch",
                                    "module" => &name,
                                    "actual" => &h,
                                    "file" => paths::display(hp),
                                    "expected" => want,
                                ),
                            );
                        }
                    }
                    if let Some(s) = &sum {
                        compared = true;
                        if s.hash != h {
                            finding(
                                &mut out,
                                Code::GoSumMismatch,
                                Severity::Problem,
                                zp,
                                msg!(
                                    "finding-go-sum-zip-mismatch",
                                    "module" => &name,
                                    "actual" => &h,
                                    "file" => &s.file,
                                    "line" => s.line,
                                    "expected" => &s.hash,
                                ),
                            );
                        }
                    }
                    report.zip = Some(h);
                }
                Err(e) => finding(
                    &mut out,
                    Code::MalformedModule,
                    Severity::Problem,
                    zp,
                    msg!("finding-module-zip-unreadable", "module" => &name, "detail" => e),
                ),
            }
        }
        if let (Some((hp, zh)), Some(s)) = (&m.ziphash, &sum) {
            compared = true;
            if *zh != s.hash {
                finding(
                    &mut out,
                    Code::GoSumMismatch,
                    Severity::Problem,
                    hp,
                    msg!(
                        "finding-ziphash-go-sum",
                        "other_file" => paths::display(hp),
                        "actual" => zh,
                        "module" => &name,
                        "file" => &s.file,
                        "line" => s.line,
                        "expected" => &s.hash,
                    ),
                );
            }
        }
        if let Some(dir) = &m.tree_dir {
            let h = hash1(&m.tree);
            let want = sum
                .as_ref()
                .map(|s| (s.hash.clone(), format!("{} line {}", s.file, s.line)))
                .or(report
                    .zip
                    .clone()
                    .map(|z| (z, "the module zip".to_string())))
                .or(m
                    .ziphash
                    .as_ref()
                    .map(|z| (z.1.clone(), paths::display(&z.0))));
            if let Some((want, from)) = want {
                compared = true;
                if want != h || !m.tree_odd.is_empty() {
                    let mut what = Vec::new();
                    if let Some(files) = zip_files_ok {
                        let zmap: HashMap<&str, &[u8; 32]> =
                            files.iter().map(|(n, h)| (n.as_str(), h)).collect();
                        let tmap: HashMap<&str, &[u8; 32]> =
                            m.tree.iter().map(|(n, h)| (n.as_str(), h)).collect();
                        for (n, h) in &tmap {
                            match zmap.get(n) {
                                None => what.push((0, n.to_string())),
                                Some(z) if z != h => what.push((1, n.to_string())),
                                _ => {}
                            }
                        }
                        for n in zmap.keys() {
                            if !tmap.contains_key(n) {
                                what.push((3, n.to_string()));
                            }
                        }
                    }
                    what.extend(m.tree_odd.iter().map(|n| (2, n.clone())));
                    // Added, changed, not regular files, removed; by name within each.
                    what.sort();
                    let shown = what.iter().take(10).map(|(k, n)| match k {
                        0 => msg!("detail-tree-added", "path" => n),
                        1 => msg!("detail-tree-changed", "path" => n),
                        2 => msg!("detail-tree-odd", "path" => n),
                        _ => msg!("detail-tree-removed", "path" => n),
                    });
                    let message = match i18n::join(shown) {
                        None => msg!(
                            "finding-module-tree-changed",
                            "module" => &name,
                            "actual" => &h,
                            "file" => &from,
                            "expected" => &want,
                        ),
                        Some(list) if what.len() > 10 => msg!(
                            "finding-module-tree-changed-more",
                            "module" => &name,
                            "actual" => &h,
                            "file" => &from,
                            "expected" => &want,
                            "changes" => list,
                            "more" => what.len() - 10,
                        ),
                        Some(list) => msg!(
                            "finding-module-tree-changed-list",
                            "module" => &name,
                            "actual" => &h,
                            "file" => &from,
                            "expected" => &want,
                            "changes" => list,
                        ),
                    };
                    finding(
                        &mut out,
                        Code::ModuleTreeChanged,
                        Severity::Problem,
                        dir,
                        message,
                    );
                }
            }
            report.tree = Some(h);
        }
        if let (Some((gp, h)), Some(s)) = (&m.go_mod, &sum_mod) {
            compared = true;
            if *h != s.hash {
                finding(
                    &mut out,
                    Code::GoSumMismatch,
                    Severity::Problem,
                    gp,
                    msg!(
                        "finding-go-mod-mismatch",
                        "module" => &name,
                        "actual" => h,
                        "file" => &s.file,
                        "line" => s.line,
                        "expected" => &s.hash,
                    ),
                );
            }
        }
        let problems = out.findings[before..]
            .iter()
            .any(|f| f.severity == Severity::Problem);
        report.status = if problems {
            ImageStatus::Mismatch
        } else if compared {
            ImageStatus::Ok
        } else {
            ImageStatus::Unchecked
        };
        out.modules.push(report);
    }
    // go.sum lines for modules whose zip is not carried (a /go.mod-only line is normal).
    for ((module, version), s) in &sums {
        if version.ends_with("/go.mod") || carried.contains(&(module.clone(), version.clone())) {
            continue;
        }
        if roots.is_empty() {
            break;
        }
        out.findings.push(Finding::of(
            Code::NotCarried,
            Severity::Info,
            Some(s.file.clone()),
            msg!(
                "finding-module-not-carried",
                "file" => &s.file,
                "line" => s.line,
                "module" => format!("{module} {version}"),
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored (method 0) zip written by hand: (name in the local header, name in the central
    /// directory, content, CRC-32 written).
    fn zip(files: &[(&str, &str, &[u8], Option<u32>)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for (local, central, data, crc) in files {
            let mut c = flate2::Crc::new();
            c.update(data);
            let crc = crc.unwrap_or(c.sum());
            let off = out.len() as u32;
            out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(local.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(local.as_bytes());
            out.extend_from_slice(data);
            cd.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            cd.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            cd.extend_from_slice(&crc.to_le_bytes());
            cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
            cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
            cd.extend_from_slice(&(central.len() as u16).to_le_bytes());
            cd.extend_from_slice(&[0; 12]);
            cd.extend_from_slice(&off.to_le_bytes());
            cd.extend_from_slice(central.as_bytes());
        }
        let cd_off = out.len() as u32;
        out.extend_from_slice(&cd);
        out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_off.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn reads_a_stored_zip_and_hashes_like_go() {
        let z = zip(&[("m@v1/go.mod", "m@v1/go.mod", b"module m\n", None)]);
        let files = zip_files(&z).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "m@v1/go.mod");
        // Go's dirhash of an empty go.mod (FORMATS.md).
        let empty: [u8; 32] = Sha256::digest(b"").into();
        assert_eq!(
            hash1(&[("go.mod".into(), empty)]),
            "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY="
        );
    }

    #[test]
    fn local_header_must_agree_with_the_central_directory() {
        let z = zip(&[("m@v1/evil.go", "m@v1/good.go", b"x", None)]);
        assert!(zip_files(&z).unwrap_err().to_string().contains("disagrees"));
    }

    #[test]
    fn crc_duplicates_and_trailing_bytes_are_refused() {
        let z = zip(&[("a", "a", b"x", Some(1))]);
        assert!(zip_files(&z).unwrap_err().to_string().contains("CRC"));
        let z = zip(&[("a", "a", b"x", None), ("a", "a", b"y", None)]);
        assert!(zip_files(&z).unwrap_err().to_string().contains("repeated"));
        let mut z = zip(&[("a", "a", b"x", None)]);
        z.extend_from_slice(b"junk");
        assert!(zip_files(&z).is_err());
    }

    #[test]
    fn go_sum_sniffing() {
        let sum = b"example.com/Hello v1.0.0 h1:Tv0rcySE+/by4bgHdVR5j6MWyPywZv48KIDQrv7ScFo=\n\
                    example.com/Hello v1.0.0/go.mod h1:Ujqv6D3TiGFVgA/p4BVj4WbisobGKr5FKXi6Lk0m1Zs=\n";
        assert!(looks_like_go_sum(sum, true));
        // A head cut inside its last line.
        assert!(looks_like_go_sum(&sum[..100], false));
        assert!(!looks_like_go_sum(&sum[..100], true));
        assert!(!looks_like_go_sum(b"", true));
        assert!(!looks_like_go_sum(b"x v1 h1:short\n", true));
        assert!(!looks_like_go_sum(
            b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\n",
            true
        ));
    }

    #[test]
    fn escaped_paths() {
        assert_eq!(
            unescape("github.com/!burnt!sushi").as_deref(),
            Some("github.com/BurntSushi")
        );
        assert_eq!(unescape("github.com/Burnt"), None);
        assert_eq!(unescape("x!"), None);
        let (root, m, v, ext) =
            cache_file(b"pkg/mod/cache/download/example.com/!hello/@v/v1.0.0.ziphash").unwrap();
        assert_eq!(
            (root, m.as_str(), v.as_str(), ext),
            (&b"pkg/mod"[..], "example.com/Hello", "v1.0.0", "ziphash")
        );
    }
}
