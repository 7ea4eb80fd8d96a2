//! The verification plan, top to bottom.
//!
//! 1. Classify every input by content ([`crate::classify`]); read lists, signatures and keys whole
//!    (bounded by [`Limits::max_meta_size`]).
//! 2. Stream the bundle once: hash the bundle file as stored, feed detached signatures over it,
//!    decompress, walk the tar, hash every entry, keep small entries that are lists or signatures.
//! 3. Check signatures over lists (and the bundle file) against trusted and offered keys.
//! 4. Compare: signed lists decide what is expected; every entry is matched, missing or extra.
//! 5. Judge: any problem fails; a trusted signature over everything that matched verifies;
//!    matching hashes without a signature are only "unsigned".

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::archive::{self, ArchiveError, TarLimits};
use crate::checksums::{self, ChecksumList};
use crate::classify::{self, Role};
use crate::keys::PublicKey;
use crate::report::{
    self, Code, Counts, EntryKind, EntryStatus, Finding, KeySource, Report, Severity, SigFormat,
    SigStatus, Verdict,
};
use crate::tree::{self, Tree};
use crate::{minisign, paths, signify};

/// A readable input: a file on disk, a browser `File`, bytes in memory.
///
/// `open` may be called more than once (classification reads the head, verification reads it
/// all); each call starts at the beginning.
pub trait Source {
    /// The input's name (a file name, or a path relative to a picked folder). Only a hint.
    fn name(&self) -> &str;
    /// Size in bytes.
    fn len(&self) -> u64;
    /// True when empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// A reader from the first byte.
    fn open(&self) -> io::Result<Box<dyn Read + '_>>;
}

/// Bytes in memory (a pasted key or hash, a test fixture).
pub struct MemorySource {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Source for MemorySource {
    fn name(&self) -> &str {
        &self.name
    }
    fn len(&self) -> u64 {
        self.bytes.len() as u64
    }
    fn open(&self) -> io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(&self.bytes[..]))
    }
}

/// One member of a directory input (an unpacked bundle).
pub struct TreeMember {
    /// Path relative to the directory, `/`-separated.
    pub path: Vec<u8>,
    pub kind: EntryKind,
    pub mode: Option<u32>,
    /// For symbolic links: the target as stored.
    pub link_target: Option<Vec<u8>>,
    /// For regular files: the content.
    pub source: Option<Box<dyn Source>>,
}

/// What the reviewer handed over.
pub enum Input {
    /// A single file: bundle, checksum list, signature, key, or a loose payload file.
    File(Box<dyn Source>),
    /// A directory (an unpacked bundle), already listed.
    Tree {
        name: String,
        members: Vec<TreeMember>,
    },
}

/// A key the caller trusts (or offers without trusting).
#[derive(Clone, Debug)]
pub struct KeyInput {
    pub key: PublicKey,
    pub source: KeySource,
    /// File name or label.
    pub origin: String,
}

/// Limits that keep memory bounded whatever the input.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Most archive entries (or directory members) recorded.
    pub max_entries: u64,
    /// Longest path accepted, in bytes.
    pub max_path_len: usize,
    /// Largest checksum list, signature or key file read into memory, in bytes.
    pub max_meta_size: u64,
    /// Most bytes held in memory for the bundle's entries: their paths and link targets, and the
    /// lists and signatures kept from inside it. Bounds memory whatever the entry count.
    pub max_held_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 2_000_000,
            max_path_len: 4096,
            max_meta_size: 256 << 20,
            max_held_bytes: 512 << 20,
        }
    }
}

/// How to verify.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Trusted keys (pinned, `--trusted-key`, or session keys the reviewer turned on).
    pub trusted_keys: Vec<KeyInput>,
    pub limits: Limits,
}

/// Receives progress while the inputs are read.
pub trait Progress {
    /// Total bytes that will be read (sum of input sizes), once at the start.
    fn start(&mut self, _total_bytes: u64) {}
    /// `done` bytes of the total have been read. Return `false` to cancel the run.
    fn advance(&mut self, _done: u64) -> bool {
        true
    }
}

/// A [`Progress`] that ignores everything.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Verify `inputs` and return the report. Never panics on bad input; the report's `elapsed_ms` is
/// left at 0 for the caller to fill (the engine has no clock on wasm32).
pub fn verify(inputs: Vec<Input>, options: &Options, progress: &mut dyn Progress) -> Report {
    run(inputs, options, Mode::Full, progress).finish(None)
}

/// The bundle file's own SHA-256 and the detached signatures checked over it, computed apart from
/// the content scan (the page does this in a second worker: see [`scan_contents`]).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct FileDigest {
    /// The bundle file's name.
    pub name: String,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
    /// Each signature checked while the file streamed by: (signature, key, verified). Indices
    /// count the signatures and keys among the inputs, in input order; [`scan_contents`] given
    /// the same inputs numbers them the same way.
    pub signatures: Vec<(usize, usize, bool)>,
    /// True when the run was cancelled.
    pub cancelled: bool,
}

/// Stage one of a split run: classify the inputs and read the bundle file once, hashing it and
/// checking detached signatures over it, without decompressing it. Returns `None` when the
/// inputs hold no archive (nothing to split).
pub fn digest_bundle(
    inputs: Vec<Input>,
    options: &Options,
    progress: &mut dyn Progress,
) -> Option<FileDigest> {
    let pending = run(inputs, options, Mode::DigestOnly, progress);
    let run = &pending.run;
    let fi = run.bundle_file?;
    let file = &run.files[fi];
    Some(FileDigest {
        name: file.name.clone(),
        size: run.bundle.as_ref().map_or(0, |b| b.size),
        sha256: hex32(&file.sha256),
        signatures: file.streamed.clone(),
        cancelled: pending.cancelled,
    })
}

/// Stage two of a split run: everything but the bundle file's own digest. Finish it with the
/// [`FileDigest`] that [`digest_bundle`] computed from the same inputs.
pub fn scan_contents(
    inputs: Vec<Input>,
    options: &Options,
    progress: &mut dyn Progress,
) -> Pending {
    run(inputs, options, Mode::ContentOnly, progress)
}

/// A run whose verdict waits for the bundle file's digest.
pub struct Pending {
    run: Run,
    bytes: u64,
    cancelled: bool,
}

impl Pending {
    /// True when [`Pending::finish`] needs a [`FileDigest`] (the inputs hold an archive).
    pub fn needs_digest(&self) -> bool {
        self.run.digest_pending
    }

    /// Judge and report. `digest` is the bundle file's digest from [`digest_bundle`] (ignored
    /// when the run computed it itself).
    pub fn finish(mut self, digest: Option<FileDigest>) -> Report {
        let cancelled = self.cancelled || digest.as_ref().is_some_and(|d| d.cancelled);
        if cancelled {
            self.run.finding(
                Code::Cancelled,
                Severity::Error,
                None,
                "The check was cancelled.".into(),
            );
        } else {
            if self.run.digest_pending {
                self.run.apply_digest(digest);
            }
            self.run.judge();
        }
        self.run.into_report(self.bytes)
    }
}

/// Which part of the work a run does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Everything, in one pass.
    Full,
    /// Only the bundle file's digest and signatures over it.
    DigestOnly,
    /// Everything but the bundle file's digest.
    ContentOnly,
}

fn run(inputs: Vec<Input>, options: &Options, mode: Mode, progress: &mut dyn Progress) -> Pending {
    let total = inputs
        .iter()
        .map(|i| match i {
            Input::File(s) => s.len(),
            Input::Tree { members, .. } => members
                .iter()
                .filter_map(|m| m.source.as_ref().map(|s| s.len()))
                .sum(),
        })
        .sum();
    progress.start(total);
    let mut meter = Meter {
        progress,
        done: 0,
        last: 0,
        cancelled: false,
    };
    let mut run = Run::new(options.clone(), mode);
    run.read_inputs(inputs, &mut meter);
    Pending {
        run,
        bytes: meter.done,
        cancelled: meter.cancelled,
    }
}

const CANCELLED: &str = "cancelled by the user";

/// Counts bytes read from every input and reports progress.
struct Meter<'p> {
    progress: &'p mut dyn Progress,
    done: u64,
    last: u64,
    cancelled: bool,
}

impl Meter<'_> {
    fn add(&mut self, n: usize) -> io::Result<()> {
        self.done += n as u64;
        if self.done - self.last >= (1 << 20) {
            self.last = self.done;
            if !self.progress.advance(self.done) {
                self.cancelled = true;
                return Err(io::Error::other(CANCELLED));
            }
        }
        Ok(())
    }
}

/// A signature of either format.
enum Sig {
    Minisign(minisign::Signature),
    Signify(signify::SignatureFile),
}

/// A signature being checked while a file streams by.
enum StreamSig {
    Minisign(minisign::Verifier),
    Signify(signify::Verifier),
}

impl StreamSig {
    fn update(&mut self, data: &[u8]) {
        match self {
            StreamSig::Minisign(v) => v.update(data),
            StreamSig::Signify(v) => v.update(data),
        }
    }
    fn finish(self) -> bool {
        match self {
            StreamSig::Minisign(v) => v.finish().is_ok(),
            StreamSig::Signify(v) => v.finish().is_ok(),
        }
    }
}

impl Sig {
    fn key_id(&self) -> [u8; 8] {
        match self {
            Sig::Minisign(s) => s.key_id(),
            Sig::Signify(s) => s.key_id(),
        }
    }
    fn key_id_hex(&self) -> String {
        match self {
            Sig::Minisign(s) => s.key_id_hex(),
            Sig::Signify(s) => s.key_id_hex(),
        }
    }
    fn format(&self) -> SigFormat {
        match self {
            Sig::Minisign(_) => SigFormat::Minisign,
            Sig::Signify(s) if s.embedded().is_some() => SigFormat::SignifyEmbedded,
            Sig::Signify(_) => SigFormat::Signify,
        }
    }
    fn algorithm(&self) -> &'static str {
        match self {
            Sig::Minisign(s) if s.algorithm() == minisign::Algorithm::Prehashed => {
                "Ed25519 (BLAKE2b-512 prehashed)"
            }
            _ => "Ed25519",
        }
    }
    fn verify(&self, key: &PublicKey, message: &[u8]) -> bool {
        match self {
            Sig::Minisign(s) => s.verify(key, message).is_ok(),
            Sig::Signify(s) => s.verify(key, message).is_ok(),
        }
    }
    fn stream(&self, key: &PublicKey) -> Option<StreamSig> {
        match self {
            Sig::Minisign(s) => s.verifier(key).ok().map(StreamSig::Minisign),
            Sig::Signify(s) if s.embedded().is_none() => {
                s.verifier(key).ok().map(StreamSig::Signify)
            }
            Sig::Signify(_) => None,
        }
    }
}

/// A list, signature or key read whole, from an input or from inside the bundle.
struct Meta {
    /// Input name, or the path inside the bundle.
    name: String,
    /// Normalised path inside the bundle; `None` for inputs.
    in_bundle: Option<Vec<u8>>,
    role: Role,
    bytes: Vec<u8>,
}

/// A key the run knows about.
struct KnownKey {
    key: PublicKey,
    source: KeySource,
    origin: String,
    trusted: bool,
}

/// A signature and what became of it.
struct SigRec {
    name: String,
    in_bundle: Option<Vec<u8>>,
    sig: Sig,
    untrusted_comment: Option<String>,
    trusted_comment: Option<String>,
    /// Index into `Run::lists` or `Run::files` of what it covers.
    covers: Option<Target>,
    status: SigStatus,
    key: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    List(usize),
    File(usize),
}

/// A checksum list and where it lives.
struct ListRec {
    name: String,
    in_bundle: Option<Vec<u8>>,
    format: String,
    parsed: Option<ChecksumList>,
    bytes: Vec<u8>,
    sha256: [u8; 32],
    /// True when a trusted signature covers it.
    signed: bool,
    /// For an embedded signify list: the signature that carries it.
    embedded_in: Option<usize>,
}

/// A whole input file that was hashed (the bundle file, or a loose file).
struct FileRec {
    name: String,
    sha256: [u8; 32],
    /// (signature index, key index, result).
    streamed: Vec<(usize, usize, bool)>,
    /// A list used for the verdict names it with this content, or a trusted signature covers it.
    vouched: bool,
}

/// An archive entry or directory member.
struct Scanned {
    raw_path: Vec<u8>,
    /// Normalised path; `None` when the path is unsafe.
    path: Option<Vec<u8>>,
    kind: EntryKind,
    size: u64,
    mode: Option<u32>,
    link_target: Option<Vec<u8>>,
    sha256: Option<[u8; 32]>,
    problem: bool,
    /// Set when the entry is a list or signature the verdict relies on.
    meta: bool,
    expected: Option<[u8; 32]>,
    status: EntryStatus,
    /// For a symbolic link: where it leads, followed as the kernel follows it.
    link: Option<tree::Walk>,
}

struct Run {
    options: Options,
    mode: Mode,
    /// The bundle file's digest is computed elsewhere and not yet known.
    digest_pending: bool,
    findings: Vec<Finding>,
    inputs: Vec<report::Input>,
    keys: Vec<KnownKey>,
    metas: Vec<Meta>,
    sigs: Vec<SigRec>,
    lists: Vec<ListRec>,
    files: Vec<FileRec>,
    entries: Vec<Scanned>,
    bundle: Option<report::Bundle>,
    /// Index in `files` of the bundle file, when the bundle is an archive.
    bundle_file: Option<usize>,
    /// True when the bundle is a set of loose files (entries are whole inputs).
    loose_bundle: bool,
    buf: Vec<u8>,
    authenticated_by: Option<String>,
    /// The list (signed or not) whose line for the bundle file matches its SHA-256.
    bundle_listed_in: Option<String>,
    /// Entries whose names collide on case-insensitive or normalising file systems.
    collision_groups: Vec<Vec<usize>>,
}

fn hex32(h: &[u8; 32]) -> String {
    hex::encode(h)
}

fn read_head(src: &dyn Source, max: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(max.min(src.len() as usize));
    src.open()?.take(max as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Reads through to `inner`, hashing, feeding streaming signatures and counting.
struct Feed<'a, 'p, R> {
    inner: R,
    /// False when the digest is computed elsewhere ([`Mode::ContentOnly`]).
    hash: bool,
    sha: Sha256,
    streams: Vec<StreamSig>,
    meter: &'a mut Meter<'p>,
}

impl<R: Read> Read for Feed<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if self.hash {
            self.sha.update(&buf[..n]);
            for s in &mut self.streams {
                s.update(&buf[..n]);
            }
        }
        self.meter.add(n)?;
        Ok(n)
    }
}

/// Walk the tar stream in `raw` (gunzipped first when `gzip`). With the `threads` feature,
/// decompression and the tar walk (with entry hashing) run on other threads while this one reads
/// and hashes the bundle file: see `pipeline`.
#[cfg(feature = "threads")]
fn scan_stream(
    raw: impl Read,
    gzip: bool,
    limits: TarLimits,
    visit: impl FnMut(&archive::Header, &mut dyn Read) -> io::Result<()> + Send,
) -> Result<archive::End, ArchiveError> {
    crate::pipeline::scan(raw, gzip, limits, visit)
}

#[cfg(not(feature = "threads"))]
fn scan_stream(
    raw: impl Read,
    gzip: bool,
    limits: TarLimits,
    visit: impl FnMut(&archive::Header, &mut dyn Read) -> io::Result<()>,
) -> Result<archive::End, ArchiveError> {
    use crate::gzip::MultiGzReader;
    let buffered = io::BufReader::with_capacity(256 * 1024, raw);
    if gzip {
        archive::scan(MultiGzReader::new(buffered), limits, visit)
    } else {
        archive::scan(buffered, limits, visit)
    }
}

/// An entry kept in memory: what it looked like, and its bytes.
/// The bytes are `None` when the entry looks like a list or signature but is larger than
/// [`Limits::max_meta_size`]: it was not read, and the report must say so.
type Kept = (Role, Option<Vec<u8>>);

/// Hash an entry's content; keep it in memory when it is small and looks like a list or
/// signature (it may be the bundle's own SHA256SUMS).
fn hash_entry(
    r: &mut dyn Read,
    size: u64,
    max_meta: u64,
    buf: &mut [u8],
) -> io::Result<([u8; 32], Option<Kept>)> {
    let mut sha = Sha256::new();
    let head_len = (size.min(classify::HEAD_LEN as u64)) as usize;
    let mut filled = 0;
    while filled < head_len {
        let n = r.read(&mut buf[filled..head_len])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    sha.update(&buf[..filled]);
    let mut keep = None;
    if filled > 0 {
        let role = classify::classify(&buf[..filled], filled as u64 == size);
        if role.is_meta() && size <= max_meta {
            let mut v = Vec::with_capacity(size as usize);
            v.extend_from_slice(&buf[..filled]);
            keep = Some((role, Some(v)));
        } else if role.is_meta() {
            keep = Some((role, None));
        }
    }
    loop {
        let n = r.read(buf)?;
        if n == 0 {
            break;
        }
        sha.update(&buf[..n]);
        if let Some((_, Some(v))) = keep.as_mut() {
            v.extend_from_slice(&buf[..n]);
        }
    }
    Ok((sha.finalize().into(), keep))
}

fn strip_sig_suffix(name: &[u8]) -> Option<&[u8]> {
    name.strip_suffix(b".minisig")
        .or_else(|| name.strip_suffix(b".sig"))
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Run {
    fn new(options: Options, mode: Mode) -> Self {
        let keys = options
            .trusted_keys
            .iter()
            .map(|k| KnownKey {
                key: k.key.clone(),
                source: k.source,
                origin: k.origin.clone(),
                trusted: true,
            })
            .collect();
        Run {
            options,
            mode,
            digest_pending: false,
            findings: Vec::new(),
            inputs: Vec::new(),
            keys,
            metas: Vec::new(),
            sigs: Vec::new(),
            lists: Vec::new(),
            files: Vec::new(),
            entries: Vec::new(),
            bundle: None,
            bundle_file: None,
            loose_bundle: false,
            buf: vec![0u8; 256 * 1024],
            authenticated_by: None,
            bundle_listed_in: None,
            collision_groups: Vec::new(),
        }
    }

    fn finding(&mut self, code: Code, severity: Severity, path: Option<String>, message: String) {
        self.findings.push(Finding {
            code,
            severity,
            path,
            message,
        });
    }

    fn limits(&self) -> &Limits {
        &self.options.limits
    }

    // ----- 1. inputs --------------------------------------------------------------------------

    fn read_inputs(&mut self, inputs: Vec<Input>, meter: &mut Meter) {
        let mut archives: Vec<(Box<dyn Source>, Role)> = Vec::new();
        let mut trees: Vec<(String, Vec<TreeMember>)> = Vec::new();
        let mut loose: Vec<Box<dyn Source>> = Vec::new();
        for input in inputs {
            match input {
                Input::Tree { name, members } => {
                    self.inputs.push(report::Input {
                        name: name.clone(),
                        role: "directory".into(),
                        size: members
                            .iter()
                            .filter_map(|m| m.source.as_ref().map(|s| s.len()))
                            .sum(),
                    });
                    trees.push((name, members));
                }
                Input::File(src) => {
                    let name = src.name().to_string();
                    let head = match read_head(src.as_ref(), classify::HEAD_LEN) {
                        Ok(h) => h,
                        Err(e) => {
                            self.unreadable(&name, &e);
                            continue;
                        }
                    };
                    let complete = head.len() as u64 >= src.len();
                    let role = classify::classify(&head, complete);
                    self.inputs.push(report::Input {
                        name: name.clone(),
                        role: role.as_str().into(),
                        size: src.len(),
                    });
                    if role.is_meta() {
                        let bytes = if complete {
                            Ok(head)
                        } else if src.len() > self.limits().max_meta_size {
                            self.meta_too_large(&name, role, src.len());
                            continue;
                        } else {
                            let mut v = Vec::new();
                            src.open()
                                .and_then(|mut r| r.read_to_end(&mut v))
                                .map(|_| v)
                        };
                        match bytes {
                            Ok(bytes) => {
                                let _ = meter.add(0);
                                self.metas.push(Meta {
                                    name,
                                    in_bundle: None,
                                    role,
                                    bytes,
                                })
                            }
                            Err(e) => self.unreadable(&name, &e),
                        }
                    } else if matches!(role, Role::Tar | Role::TarGz) {
                        archives.push((src, role));
                    } else {
                        loose.push(src);
                    }
                }
            }
        }
        // Keys and signatures given as inputs are known before the bundle streams by, so that
        // signatures over whole files can be checked in the same pass.
        self.take_metas();

        if archives.len() + trees.len() > 1 {
            self.finding(
                Code::UnknownInput,
                Severity::Error,
                None,
                "More than one bundle (archive or folder) was given; verify one bundle at a time."
                    .into(),
            );
            return;
        }
        if self.mode == Mode::DigestOnly {
            if let Some((src, role)) = archives.pop() {
                if let Some(fi) = self.hash_file(src.as_ref(), true, meter) {
                    self.bundle_file = Some(fi);
                    self.bundle = Some(report::Bundle {
                        name: src.name().to_string(),
                        format: if role == Role::TarGz { "tar.gz" } else { "tar" }.into(),
                        size: src.len(),
                        sha256: Some(hex32(&self.files[fi].sha256)),
                        root: None,
                    });
                }
            }
            return;
        }
        if let Some((src, role)) = archives.pop() {
            self.scan_archive(src, role, meter);
        } else if let Some((name, members)) = trees.pop() {
            self.scan_tree(name, members, meter);
        } else if !loose.is_empty() {
            self.loose_bundle = true;
            self.bundle = Some(report::Bundle {
                name: loose
                    .iter()
                    .map(|s| s.name())
                    .collect::<Vec<_>>()
                    .join(", "),
                format: "files".into(),
                size: loose.iter().map(|s| s.len()).sum(),
                sha256: None,
                root: None,
            });
        }
        if meter.cancelled {
            return;
        }
        for src in loose {
            let idx = self.hash_file(src.as_ref(), false, meter);
            if meter.cancelled {
                return;
            }
            if let (true, Some(idx)) = (self.loose_bundle, idx) {
                let name = src.name().as_bytes().to_vec();
                self.entries.push(Scanned {
                    path: paths::normalize(&name).ok(),
                    raw_path: name,
                    kind: EntryKind::File,
                    size: src.len(),
                    mode: None,
                    link_target: None,
                    sha256: Some(self.files[idx].sha256),
                    problem: false,
                    meta: false,
                    expected: None,
                    status: EntryStatus::Unchecked,
                    link: None,
                });
            }
        }
        self.take_metas();
        self.add_empty_lists();
    }

    /// An empty file cannot be recognised as a list by its content, but a signature named after
    /// it (`SHA256SUMS.minisig` beside an empty `SHA256SUMS`) says it is one: a signed empty list,
    /// which vouches for no file at all.
    fn add_empty_lists(&mut self) {
        let empty: [u8; 32] = Sha256::digest(b"").into();
        let mut found = Vec::new();
        for rec in &self.sigs {
            if matches!(&rec.sig, Sig::Signify(s) if s.embedded().is_some()) {
                continue;
            }
            let target = match &rec.in_bundle {
                Some(p) => strip_sig_suffix(p).map(<[u8]>::to_vec),
                None => strip_sig_suffix(rec.name.as_bytes()).map(<[u8]>::to_vec),
            };
            let Some(target) = target else { continue };
            let already = self
                .lists
                .iter()
                .any(|l| match (&l.in_bundle, &rec.in_bundle) {
                    (Some(p), Some(_)) => *p == target,
                    (None, None) => l.name.as_bytes() == target,
                    _ => false,
                });
            let is_empty = match &rec.in_bundle {
                Some(_) => self.entries.iter().any(|e| {
                    e.path.as_deref() == Some(&target[..])
                        && e.kind == EntryKind::File
                        && e.sha256 == Some(empty)
                }),
                None => self.files.iter().enumerate().any(|(fi, f)| {
                    Some(fi) != self.bundle_file && f.name.as_bytes() == target && f.sha256 == empty
                }),
            };
            if is_empty && !already && !found.iter().any(|(t, _)| *t == target) {
                found.push((target, rec.in_bundle.is_some()));
            }
        }
        for (target, in_bundle) in found {
            self.lists.push(ListRec {
                name: paths::display(&target),
                in_bundle: in_bundle.then(|| target.clone()),
                format: "gnu".into(),
                parsed: Some(ChecksumList {
                    format: checksums::ListFormat::Gnu,
                    entries: Vec::new(),
                }),
                bytes: Vec::new(),
                sha256: empty,
                signed: false,
                embedded_in: None,
            });
        }
    }

    fn meta_too_large(&mut self, name: &str, role: Role, size: u64) {
        let max = self.limits().max_meta_size;
        self.finding(
            Code::LimitExceeded,
            Severity::Error,
            Some(name.to_string()),
            format!(
                "{name} looks like a {} but is {size} bytes, more than the limit of {max} bytes; it was not read.",
                role.as_str(),
            ),
        );
    }

    /// A list or signature found inside the bundle: read later, or reported as too large.
    fn keep_meta(&mut self, path: Vec<u8>, role: Role, size: u64, bytes: Option<Vec<u8>>) {
        let name = paths::display(&path);
        match bytes {
            Some(bytes) => self.metas.push(Meta {
                name,
                in_bundle: Some(path),
                role,
                bytes,
            }),
            None => self.meta_too_large(&name, role, size),
        }
    }

    fn unreadable(&mut self, name: &str, e: &io::Error) {
        self.finding(
            Code::Unreadable,
            Severity::Error,
            Some(name.to_string()),
            format!("{name} could not be read: {e}."),
        );
    }

    /// Turn collected metas into keys, signatures and lists.
    fn take_metas(&mut self) {
        for meta in std::mem::take(&mut self.metas) {
            let text = String::from_utf8_lossy(&meta.bytes);
            match meta.role {
                Role::MinisignKey | Role::SignifyKey => match PublicKey::decode(&text) {
                    Ok(key) => {
                        if !self.keys.iter().any(|k| k.key == key) {
                            self.keys.push(KnownKey {
                                key,
                                source: KeySource::Input,
                                origin: meta.name,
                                trusted: false,
                            });
                        }
                    }
                    Err(e) => self.finding(
                        Code::MalformedKey,
                        Severity::Warning,
                        Some(meta.name.clone()),
                        format!("{} looks like a public key but could not be read: {e}.", meta.name),
                    ),
                },
                Role::SecretKey => self.finding(
                    Code::UnknownInput,
                    Severity::Warning,
                    Some(meta.name.clone()),
                    format!(
                        "{} is a minisign SECRET key. It was not used. A secret key must never travel with a bundle: whoever has it can sign anything.",
                        meta.name
                    ),
                ),
                Role::MinisignSignature => match minisign::Signature::decode_bytes(&meta.bytes) {
                    Ok(sig) => self.add_sig(meta.name, meta.in_bundle, Sig::Minisign(sig)),
                    Err(e) => self.malformed_sig(&meta.name, &e.to_string()),
                },
                Role::SignifySignature | Role::SignifyEmbedded => {
                    match signify::SignatureFile::decode(&meta.bytes) {
                        Ok(sig) => {
                            let embedded = sig.embedded().map(|m| m.to_vec());
                            self.add_sig(meta.name.clone(), meta.in_bundle.clone(), Sig::Signify(sig));
                            if let Some(message) = embedded {
                                let sig_idx = self.sigs.len() - 1;
                                self.add_list(meta.name, meta.in_bundle, &message, Some(sig_idx));
                            }
                        }
                        Err(e) => self.malformed_sig(&meta.name, &e.to_string()),
                    }
                }
                Role::ChecksumList => self.add_list(meta.name, meta.in_bundle, &meta.bytes, None),
                Role::Tar | Role::TarGz | Role::File => {}
            }
        }
    }

    fn malformed_sig(&mut self, name: &str, e: &str) {
        self.finding(
            Code::MalformedSignature,
            Severity::Problem,
            Some(name.to_string()),
            format!("{name} looks like a signature but could not be read: {e}."),
        );
    }

    fn add_sig(&mut self, name: String, in_bundle: Option<Vec<u8>>, sig: Sig) {
        let (untrusted_comment, trusted_comment) = match &sig {
            Sig::Minisign(s) => (
                Some(s.untrusted_comment().to_string()),
                Some(s.trusted_comment().to_string()),
            ),
            Sig::Signify(s) => (Some(s.untrusted_comment().to_string()), None),
        };
        self.sigs.push(SigRec {
            name,
            in_bundle,
            sig,
            untrusted_comment,
            trusted_comment,
            covers: None,
            status: SigStatus::Unmatched,
            key: None,
        });
    }

    fn add_list(
        &mut self,
        name: String,
        in_bundle: Option<Vec<u8>>,
        bytes: &[u8],
        embedded_in: Option<usize>,
    ) {
        let sha256: [u8; 32] = Sha256::digest(bytes).into();
        let parsed = match checksums::parse(bytes) {
            Ok(list) => Some(list),
            Err(e) => {
                self.finding(
                    Code::MalformedList,
                    Severity::Problem,
                    Some(name.clone()),
                    format!("The checksum list {name} is malformed: {e}."),
                );
                None
            }
        };
        self.lists.push(ListRec {
            format: parsed
                .as_ref()
                .map_or("unreadable", |l| l.format.as_str())
                .to_string(),
            name,
            in_bundle,
            parsed,
            bytes: bytes.to_vec(),
            sha256,
            signed: false,
            embedded_in,
        });
    }

    /// Detached signatures (given as inputs) that may cover the whole file `name`.
    fn streams_for(&self, name: &str, single_archive: bool) -> Vec<(usize, usize, StreamSig)> {
        let mut out = Vec::new();
        for (si, rec) in self.sigs.iter().enumerate() {
            if rec.in_bundle.is_some() {
                continue;
            }
            let target = strip_sig_suffix(rec.name.as_bytes());
            let named = target
                .is_some_and(|t| t == name.as_bytes() || paths::file_name(t) == name.as_bytes());
            let unnamed = single_archive
                && !target.is_some_and(|t| self.lists.iter().any(|l| l.name.as_bytes() == t));
            if !(named || unnamed) {
                continue;
            }
            for (ki, k) in self.keys.iter().enumerate() {
                if k.key.id() == rec.sig.key_id() {
                    if let Some(s) = rec.sig.stream(&k.key) {
                        out.push((si, ki, s));
                    }
                }
            }
        }
        out
    }

    /// Hash a whole input file (and check signatures over it); returns its index in `files`.
    fn hash_file(&mut self, src: &dyn Source, archive: bool, meter: &mut Meter) -> Option<usize> {
        let streams = self.streams_for(src.name(), archive);
        let (ids, streams): (Vec<_>, Vec<_>) =
            streams.into_iter().map(|(s, k, v)| ((s, k), v)).unzip();
        let reader = match src.open() {
            Ok(r) => r,
            Err(e) => {
                self.unreadable(src.name(), &e);
                return None;
            }
        };
        let mut feed = Feed {
            inner: reader,
            hash: true,
            sha: Sha256::new(),
            streams,
            meter,
        };
        if let Err(e) = io::copy(&mut feed, &mut io::sink()) {
            if !feed.meter.cancelled {
                self.unreadable(src.name(), &e);
            }
            return None;
        }
        let sha256: [u8; 32] = feed.sha.finalize().into();
        let streamed = ids
            .into_iter()
            .zip(feed.streams)
            .map(|((s, k), v)| (s, k, v.finish()))
            .collect();
        self.files.push(FileRec {
            name: src.name().to_string(),
            sha256,
            streamed,
            vouched: false,
        });
        Some(self.files.len() - 1)
    }

    // ----- 2. the bundle ----------------------------------------------------------------------

    fn scan_archive(&mut self, src: Box<dyn Source>, role: Role, meter: &mut Meter) {
        let name = src.name().to_string();
        let hash = self.mode != Mode::ContentOnly;
        let streams = if hash {
            self.streams_for(&name, true)
        } else {
            Vec::new()
        };
        let (ids, streams): (Vec<_>, Vec<_>) =
            streams.into_iter().map(|(s, k, v)| ((s, k), v)).unzip();
        let reader = match src.open() {
            Ok(r) => r,
            Err(e) => return self.unreadable(&name, &e),
        };
        let mut feed = Feed {
            inner: reader,
            hash,
            sha: Sha256::new(),
            streams,
            meter,
        };
        let tar_limits = TarLimits {
            max_path_len: self.limits().max_path_len,
            ..TarLimits::default()
        };
        let max_meta = self.limits().max_meta_size;
        let max_entries = self.limits().max_entries;
        let mut buf = std::mem::take(&mut self.buf);
        let mut found: Vec<Scanned> = Vec::new();
        let mut kept: Vec<(usize, Role, Option<Vec<u8>>)> = Vec::new();
        let max_held = self.limits().max_held_bytes;
        let mut held: u64 = 0;
        let mut limit_hit: Option<String> = None;
        let result = {
            let visit = |h: &archive::Header, r: &mut dyn Read| -> io::Result<()> {
                if found.len() as u64 >= max_entries {
                    limit_hit = Some(format!(
                        "The bundle has more than {max_entries} entries, the configured limit; the rest was not checked."
                    ));
                    return Err(io::Error::other("entry limit"));
                }
                held += (std::mem::size_of::<Scanned>()
                    + h.path.len()
                    + h.link_target.as_ref().map_or(0, |l| l.len())) as u64;
                if held > max_held {
                    limit_hit = Some(format!(
                        "The bundle's entry names and lists need more than {max_held} bytes of memory, the configured limit; the rest was not checked."
                    ));
                    return Err(io::Error::other("memory limit"));
                }
                let mut s = Scanned {
                    path: paths::normalize(&h.path).ok(),
                    raw_path: h.path.clone(),
                    kind: h.kind,
                    size: h.size,
                    mode: h.mode,
                    link_target: h.link_target.clone(),
                    sha256: None,
                    problem: false,
                    meta: false,
                    expected: None,
                    status: EntryStatus::Unchecked,
                    link: None,
                };
                if h.kind == EntryKind::File {
                    let (sha, keep) = hash_entry(r, h.size, max_meta, &mut buf)?;
                    s.sha256 = Some(sha);
                    if let Some((role, bytes)) = keep {
                        held += bytes.as_ref().map_or(0, |b| b.len()) as u64;
                        kept.push((found.len(), role, bytes));
                    }
                }
                found.push(s);
                Ok(())
            };
            scan_stream(&mut feed, role == Role::TarGz, tar_limits, visit)
        };
        self.buf = buf;
        let mut end = None;
        match result {
            Ok(e) => end = Some(e),
            Err(_) if feed.meter.cancelled => return,
            Err(ArchiveError::Io(_)) if limit_hit.is_some() => self.finding(
                Code::LimitExceeded,
                Severity::Problem,
                Some(name.clone()),
                limit_hit.take().unwrap_or_default(),
            ),
            Err(ArchiveError::Io(e)) => self.unreadable(&name, &e),
            Err(e @ ArchiveError::Limit { .. }) => self.finding(
                Code::LimitExceeded,
                Severity::Problem,
                Some(name.clone()),
                format!("The bundle {name} goes beyond a limit: {e}. The rest was not checked."),
            ),
            Err(e @ ArchiveError::Ambiguous { .. }) => self.finding(
                Code::AmbiguousHeader,
                Severity::Problem,
                Some(name.clone()),
                format!("The bundle {name} holds a tar header that extraction tools read in different ways, so what they write may not be what was checked: {e}. Whatever follows was not checked."),
            ),
            Err(e @ ArchiveError::Corrupt { .. }) => self.finding(
                Code::CorruptArchive,
                Severity::Problem,
                Some(name.clone()),
                format!("The bundle {name} is damaged: {e}. Whatever follows the damage was not checked."),
            ),
        }
        // Hash the rest of the file as stored (after the archive's end, or after damage).
        if let Err(e) = io::copy(&mut feed, &mut io::sink()) {
            if feed.meter.cancelled {
                return;
            }
            self.unreadable(&name, &e);
        }
        if let Some(end) = &end {
            if end.trailing_nonzero > 0 {
                self.finding(
                    Code::TrailingData,
                    Severity::Problem,
                    Some(name.clone()),
                    format!(
                        "The bundle has {} bytes of hidden data after the end of the tar archive (from byte {} of the tar stream). Extraction tools ignore or mishandle it; a signed list cannot vouch for it.",
                        end.trailing_nonzero,
                        end.trailing_offset.unwrap_or(0)
                    ),
                );
            }
        }
        let sha256: [u8; 32] = feed.sha.finalize().into();
        let streamed = ids
            .into_iter()
            .zip(feed.streams)
            .map(|((s, k), v)| (s, k, v.finish()))
            .collect();
        self.files.push(FileRec {
            name: name.clone(),
            sha256,
            streamed,
            vouched: false,
        });
        self.bundle_file = Some(self.files.len() - 1);
        self.digest_pending = !hash;
        self.bundle = Some(report::Bundle {
            name,
            format: if role == Role::TarGz { "tar.gz" } else { "tar" }.into(),
            size: src.len(),
            sha256: hash.then(|| hex32(&sha256)),
            root: None,
        });
        self.entries = found;
        for (idx, role, bytes) in kept {
            let (Some(path), size) = (self.entries[idx].path.clone(), self.entries[idx].size)
            else {
                continue;
            };
            self.keep_meta(path, role, size, bytes);
        }
        self.take_metas();
    }

    fn scan_tree(&mut self, name: String, mut members: Vec<TreeMember>, meter: &mut Meter) {
        members.sort_by(|a, b| a.path.cmp(&b.path));
        let max_meta = self.limits().max_meta_size;
        let mut buf = std::mem::take(&mut self.buf);
        let mut size = 0;
        for m in members {
            if self.entries.len() as u64 >= self.limits().max_entries {
                self.finding(
                    Code::LimitExceeded,
                    Severity::Problem,
                    Some(name.clone()),
                    format!(
                        "The folder has more than {} entries, the configured limit; the rest was not checked.",
                        self.limits().max_entries
                    ),
                );
                break;
            }
            let mut s = Scanned {
                path: paths::normalize(&m.path).ok(),
                raw_path: m.path.clone(),
                kind: m.kind,
                size: m.source.as_ref().map_or(0, |s| s.len()),
                mode: m.mode,
                link_target: m.link_target.clone(),
                sha256: None,
                problem: false,
                meta: false,
                expected: None,
                status: EntryStatus::Unchecked,
                link: None,
            };
            size += s.size;
            if let Some(src) = &m.source {
                let hashed = src.open().and_then(|r| {
                    let mut feed = Feed {
                        inner: r,
                        hash: true,
                        sha: Sha256::new(),
                        streams: Vec::new(),
                        meter,
                    };
                    hash_entry(&mut feed, s.size, max_meta, &mut buf)
                });
                match hashed {
                    Ok((sha, keep)) => {
                        s.sha256 = Some(sha);
                        if let (Some((role, bytes)), Some(path)) = (keep, &s.path) {
                            self.keep_meta(path.clone(), role, s.size, bytes);
                        }
                    }
                    Err(_) if meter.cancelled => break,
                    Err(e) => {
                        let shown = paths::display(&m.path);
                        self.unreadable(&shown, &e);
                    }
                }
            }
            self.entries.push(s);
        }
        self.buf = buf;
        self.bundle = Some(report::Bundle {
            name,
            format: "directory".into(),
            size,
            sha256: None,
            root: None,
        });
        self.take_metas();
    }
}

// ----- 3. to 5.: signatures, structure, comparison, verdict ------------------------------------

impl Run {
    /// Take the bundle file's digest computed by [`digest_bundle`] in a split run.
    fn apply_digest(&mut self, digest: Option<FileDigest>) {
        self.digest_pending = false;
        let Some(fi) = self.bundle_file else { return };
        let name = self.files[fi].name.clone();
        let parsed = digest.filter(|d| d.name == name).and_then(|d| {
            let mut h = [0u8; 32];
            hex::decode_to_slice(&d.sha256, &mut h).ok()?;
            Some((h, d.signatures))
        });
        let Some((sha256, signatures)) = parsed else {
            self.finding(
                Code::Unreadable,
                Severity::Error,
                Some(name.clone()),
                format!(
                    "The SHA-256 of {name} itself was not computed, so the check is incomplete."
                ),
            );
            return;
        };
        // Only signatures and keys among the inputs can have been checked over the file.
        let streamed = signatures
            .into_iter()
            .filter(|&(si, ki, _)| {
                si < self.sigs.len()
                    && ki < self.keys.len()
                    && self.sigs[si].in_bundle.is_none()
                    && self.keys[ki].key.id() == self.sigs[si].sig.key_id()
            })
            .collect();
        self.files[fi].sha256 = sha256;
        self.files[fi].streamed = streamed;
        if let Some(b) = self.bundle.as_mut() {
            b.sha256 = Some(hex32(&sha256));
        }
    }

    /// True when file `fi` is the whole bundle: the archive, or the only loose file.
    fn is_whole_bundle(&self, fi: usize) -> bool {
        Some(fi) == self.bundle_file || (self.loose_bundle && self.files.len() == 1)
    }

    fn judge(&mut self) {
        self.check_signatures();
        self.check_structure();
        self.propagate_signed_lists();
        self.compare();
    }

    /// The list or file a signature covers, by name first, then by content.
    fn find_target(&self, si: usize) -> Option<Target> {
        if let Some(li) = self.lists.iter().position(|l| l.embedded_in == Some(si)) {
            return Some(Target::List(li));
        }
        let rec = &self.sigs[si];
        if let Some(path) = &rec.in_bundle {
            let target = strip_sig_suffix(path)?;
            return self
                .lists
                .iter()
                .position(|l| l.in_bundle.as_deref() == Some(target))
                .map(Target::List);
        }
        if let Some(target) = strip_sig_suffix(rec.name.as_bytes()) {
            let same = |n: &str| {
                n.as_bytes() == target || paths::file_name(n.as_bytes()) == paths::file_name(target)
            };
            if let Some(li) = self
                .lists
                .iter()
                .position(|l| l.in_bundle.is_none() && same(&l.name))
            {
                return Some(Target::List(li));
            }
            if let Some(fi) = self.files.iter().position(|f| same(&f.name)) {
                return Some(Target::File(fi));
            }
        }
        if let Some(fi) = self
            .files
            .iter()
            .position(|f| f.streamed.iter().any(|&(s, _, ok)| s == si && ok))
        {
            return Some(Target::File(fi));
        }
        // Unnamed: the list it verifies against, else the only list there is.
        let key_id = rec.sig.key_id();
        let by_content = self.lists.iter().position(|l| {
            l.embedded_in.is_none()
                && self
                    .keys
                    .iter()
                    .any(|k| k.key.id() == key_id && rec.sig.verify(&k.key, &l.bytes))
        });
        by_content.map(Target::List).or_else(|| {
            let plain: Vec<usize> = (0..self.lists.len())
                .filter(|&i| self.lists[i].embedded_in.is_none())
                .collect();
            (plain.len() == 1).then(|| Target::List(plain[0]))
        })
    }

    fn check_signatures(&mut self) {
        for si in 0..self.sigs.len() {
            let target = self.find_target(si);
            let key_id = self.sigs[si].sig.key_id();
            let results: Vec<(usize, bool)> = match target {
                None => Vec::new(),
                Some(Target::File(fi)) => self.files[fi]
                    .streamed
                    .iter()
                    .filter(|&&(s, _, _)| s == si)
                    .map(|&(_, k, ok)| (k, ok))
                    .collect(),
                Some(Target::List(li)) => {
                    let rec = &self.sigs[si];
                    let message = match (&rec.sig, self.lists[li].embedded_in) {
                        (Sig::Signify(s), Some(_)) => s.embedded().unwrap_or_default(),
                        _ => &self.lists[li].bytes[..],
                    };
                    self.keys
                        .iter()
                        .enumerate()
                        .filter(|(_, k)| k.key.id() == key_id)
                        .map(|(ki, k)| (ki, rec.sig.verify(&k.key, message)))
                        .collect()
                }
            };
            let trusted = |ki: usize| self.keys[ki].trusted;
            let pick = |want_trusted: bool, want_ok: bool| {
                results
                    .iter()
                    .find(|&&(ki, ok)| trusted(ki) == want_trusted && ok == want_ok)
                    .map(|&(ki, _)| ki)
            };
            let (status, key) = if target.is_none() {
                (SigStatus::Unmatched, None)
            } else if let Some(k) = pick(true, true) {
                (SigStatus::Valid, Some(k))
            } else if let Some(k) = pick(true, false) {
                (SigStatus::Invalid, Some(k))
            } else if let Some(k) = pick(false, true) {
                (SigStatus::ValidUntrusted, Some(k))
            } else if let Some(k) = pick(false, false) {
                (SigStatus::Invalid, Some(k))
            } else {
                (SigStatus::UnknownKey, None)
            };
            let rec = &mut self.sigs[si];
            rec.covers = target;
            rec.status = status;
            rec.key = key;
            let name = rec.name.clone();
            let id = rec.sig.key_id_hex();
            let covered = match target {
                Some(Target::List(li)) => self.lists[li].name.clone(),
                Some(Target::File(fi)) => self.files[fi].name.clone(),
                None => String::new(),
            };
            match status {
                SigStatus::Valid => match target {
                    Some(Target::List(li)) => self.lists[li].signed = true,
                    Some(Target::File(fi)) => {
                        self.files[fi].vouched = true;
                        if self.is_whole_bundle(fi) {
                            self.authenticated_by
                                .get_or_insert_with(|| format!("{name} (key {id})"));
                        }
                    }
                    None => {}
                },
                SigStatus::Invalid => self.finding(
                    Code::BadSignature,
                    Severity::Problem,
                    Some(name.clone()),
                    format!(
                        "The signature {name} does NOT verify for {covered} with key {id}: the file was changed after signing, or the signature is forged."
                    ),
                ),
                SigStatus::ValidUntrusted => {
                    let origin = self.keys[key.expect("key")].origin.clone();
                    self.finding(
                        Code::UntrustedKey,
                        Severity::Problem,
                        Some(name.clone()),
                        format!(
                            "{covered} is signed by key {id} (from {origin}), but that key is not trusted here. Anyone can make a key: only a key you trust in advance proves who signed."
                        ),
                    )
                }
                SigStatus::UnknownKey => self.finding(
                    Code::UntrustedKey,
                    Severity::Problem,
                    Some(name.clone()),
                    format!(
                        "{covered} is signed by key {id}, which is not among the trusted keys; the signature could not be checked."
                    ),
                ),
                SigStatus::Unmatched => self.finding(
                    Code::UnmatchedSignature,
                    if self.sigs[si].in_bundle.is_some() {
                        Severity::Warning
                    } else {
                        Severity::Problem
                    },
                    Some(name.clone()),
                    format!("The signature {name} does not match any checksum list or file given, so it could not be checked."),
                ),
            }
        }
    }

    /// A list whose bytes equal a signed list's is signed too only where a signature names it:
    /// OpenBSD ships `SHA256` beside `SHA256.sig`, which embeds the same bytes. Any other copy —
    /// in another folder, or under another name — is not a second authority: it vouches for
    /// nothing and is an unlisted file like any other.
    fn propagate_signed_lists(&mut self) {
        let signed: Vec<[u8; 32]> = self
            .lists
            .iter()
            .filter(|l| l.signed)
            .map(|l| l.sha256)
            .collect();
        let named_by_sig = |l: &ListRec| {
            self.sigs
                .iter()
                .any(|s| match (&s.in_bundle, &l.in_bundle) {
                    (Some(sp), Some(lp)) => strip_sig_suffix(sp) == Some(&lp[..]),
                    (None, None) => strip_sig_suffix(s.name.as_bytes()).is_some_and(|t| {
                        paths::file_name(t) == paths::file_name(l.name.as_bytes())
                    }),
                    _ => false,
                })
        };
        let copies: Vec<usize> = (0..self.lists.len())
            .filter(|&i| {
                let l = &self.lists[i];
                !l.signed && signed.contains(&l.sha256) && named_by_sig(l)
            })
            .collect();
        for i in copies {
            self.lists[i].signed = true;
        }
    }

    fn check_structure(&mut self) {
        // The root folder entry ("./") is not a member.
        self.entries.retain(|e| e.path.as_deref() != Some(&b""[..]));
        let max_path = self.limits().max_path_len;
        let mut seen: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut any_symlink = false;
        let mut problems: Vec<(usize, Code, String)> = Vec::new();
        for i in 0..self.entries.len() {
            let e = &self.entries[i];
            let shown = paths::display(&e.raw_path);
            let Some(path) = e.path.clone() else {
                let why = paths::normalize(&e.raw_path)
                    .err()
                    .map_or("unsafe", |w| w.describe());
                problems.push((
                    i,
                    Code::UnsafePath,
                    format!("{shown}: {why}; extracting it could write outside the target folder."),
                ));
                continue;
            };
            if e.raw_path.len() > max_path {
                problems.push((
                    i,
                    Code::LimitExceeded,
                    format!("{shown}: the path is longer than the limit of {max_path} bytes."),
                ));
            }
            if let Some(&j) = seen.get(&path) {
                let both_dirs =
                    e.kind == EntryKind::Directory && self.entries[j].kind == EntryKind::Directory;
                if !both_dirs {
                    let msg = format!(
                        "{shown} occurs more than once in the archive; extraction keeps the last copy, which may not be the one a checker looked at."
                    );
                    problems.push((i, Code::DuplicateEntry, msg));
                    problems.push((j, Code::DuplicateEntry, String::new()));
                }
            } else {
                seen.insert(path.clone(), i);
                by_key
                    .entry(paths::collision_key(&path))
                    .or_default()
                    .push(i);
            }
            match e.kind {
                EntryKind::CharDevice
                | EntryKind::BlockDevice
                | EntryKind::Fifo
                | EntryKind::Other => {
                    let what = match e.kind {
                        EntryKind::CharDevice => "character device",
                        EntryKind::BlockDevice => "block device",
                        EntryKind::Fifo => "FIFO (named pipe)",
                        _ => "special entry of an unsupported type",
                    };
                    problems.push((
                        i,
                        Code::SpecialFile,
                        format!("{shown} is a {what}; a bundle should hold only files, folders and links."),
                    ));
                }
                EntryKind::Symlink => any_symlink = true,
                EntryKind::Hardlink => {
                    let target = e.link_target.clone().unwrap_or_default();
                    let resolved = paths::normalize(&target)
                        .ok()
                        .and_then(|t| seen.get(&t).copied())
                        .filter(|&j| j != i && self.entries[j].kind == EntryKind::File);
                    match resolved {
                        Some(j) => {
                            let (sha, size) = (self.entries[j].sha256, self.entries[j].size);
                            self.entries[i].sha256 = sha;
                            self.entries[i].size = size;
                        }
                        None => problems.push((
                            i,
                            Code::LinkEscape,
                            format!(
                                "{shown} is a hard link to {}, which is not a file earlier in the bundle.",
                                paths::display(&target)
                            ),
                        )),
                    }
                }
                _ => {}
            }
        }
        // Symbolic links, followed as the kernel follows them once everything is extracted.
        if any_symlink {
            let tree = Tree::new(self.entries.iter().enumerate().filter_map(|(i, e)| {
                Some((i, e.path.as_deref()?, e.kind, e.link_target.as_deref()))
            }));
            let mut walks = Vec::new();
            for (i, e) in self.entries.iter().enumerate() {
                let (EntryKind::Symlink, Some(path)) = (e.kind, &e.path) else {
                    continue;
                };
                let walk = tree.resolve(path, true);
                let shown = paths::display(path);
                match walk.end {
                    tree::End::Outside => problems.push((
                        i,
                        Code::LinkEscape,
                        format!(
                            "{shown} is a symbolic link that leads outside the bundle when followed as the file system follows it ({}).",
                            walk.describe()
                        ),
                    )),
                    tree::End::Loop => problems.push((
                        i,
                        Code::LinkEscape,
                        format!(
                            "{shown} is a symbolic link that never ends: more than {} links in a row ({}…).",
                            tree::MAX_LINKS,
                            walk.chain.iter().take(3).map(|(l, t)| format!("{} -> {}", paths::display(l), paths::display(t))).collect::<Vec<_>>().join(", ")
                        ),
                    )),
                    _ => {}
                }
                walks.push((i, walk));
            }
            for (i, walk) in walks {
                self.entries[i].link = Some(walk);
            }
        }
        // Entries that extraction writes through something that is not a folder: a symbolic link
        // (the entry lands wherever it points), or a file (GNU tar fails, bsdtar replaces the
        // file). On macOS and Windows a name that differs only by case or normalisation is the
        // same name.
        let mut verdicts: HashMap<&[u8], Option<(Code, String)>> = HashMap::new();
        let mut traversal: Vec<(usize, Code, String)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let Some(path) = &e.path else { continue };
            for anc in paths::ancestors(path) {
                let found = verdicts.entry(anc).or_insert_with(|| {
                    let same_name = by_key
                        .get(&paths::collision_key(anc))
                        .into_iter()
                        .flatten()
                        .map(|&j| &self.entries[j])
                        .filter(|o| o.kind != EntryKind::Directory);
                    let mut worst = None;
                    for o in same_name {
                        let opath = paths::display(o.path.as_deref().unwrap_or_default());
                        let exact = o.path.as_deref() == Some(anc);
                        let how = if exact {
                            String::new()
                        } else {
                            format!(" on macOS or Windows, where {} and {opath} are one name", paths::display(anc))
                        };
                        if o.kind == EntryKind::Symlink {
                            worst = Some((Code::LinkTraversal, format!("lies under {opath}, which is a symbolic link{how}: extracting it would write wherever the link points.")));
                            break;
                        }
                        worst.get_or_insert((Code::UnsafePath, format!("lies under {opath}, which is not a folder but a {}{how}: GNU tar fails to extract it, bsdtar replaces {opath} with a folder.", archive::kind_name(o.kind))));
                    }
                    worst
                });
                if let Some((code, why)) = found {
                    traversal.push((i, *code, format!("{} {why}", paths::display(path))));
                    break;
                }
            }
        }
        problems.extend(traversal);
        self.collision_groups = by_key.into_values().filter(|g| g.len() > 1).collect();
        self.collision_groups.sort();
        for (i, code, message) in problems {
            self.entries[i].problem = true;
            if !message.is_empty() {
                let path = Some(paths::display(&self.entries[i].raw_path));
                self.finding(code, Severity::Problem, path, message);
            }
        }
        // The single top-level folder, if there is one.
        if !self.loose_bundle {
            let mut root: Option<&[u8]> = None;
            let mut single = !self.entries.is_empty();
            for e in &self.entries {
                let Some(p) = &e.path else { continue };
                let first = paths::first_component(p);
                let nested = p.len() > first.len() || e.kind == EntryKind::Directory;
                match root {
                    _ if !nested => single = false,
                    None => root = Some(first),
                    Some(r) if r != first => single = false,
                    _ => {}
                }
            }
            if let (true, Some(r), Some(b)) = (single, root, self.bundle.as_mut()) {
                b.root = Some(paths::display(r));
            }
        }
    }

    fn compare(&mut self) {
        let any_signed = self.lists.iter().any(|l| l.signed);
        let authoritative: Vec<usize> = (0..self.lists.len())
            .filter(|&i| self.lists[i].parsed.is_some() && (!any_signed || self.lists[i].signed))
            .collect();
        for i in 0..self.lists.len() {
            if any_signed && !self.lists[i].signed && self.lists[i].parsed.is_some() {
                let name = self.lists[i].name.clone();
                self.finding(
                    Code::UnknownInput,
                    Severity::Warning,
                    Some(name.clone()),
                    format!("The checksum list {name} is not signed while another list is; only the signed list was used."),
                );
            }
        }
        let index: HashMap<Vec<u8>, usize> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.path.clone().map(|p| (p, i)))
            .collect();
        let root = self.bundle.as_ref().and_then(|b| b.root.clone());
        // path -> (hash, list, line)
        let mut expected: BTreeMap<Vec<u8>, ([u8; 32], usize, usize)> = BTreeMap::new();
        let mut meta_paths: Vec<Vec<u8>> = Vec::new();
        let mut content_lists = 0usize;
        // A line of a list used for the verdict names the bundle file itself (whatever its hash).
        let mut bundle_named = false;
        for &li in &authoritative {
            let lname = self.lists[li].name.clone();
            let list_in_bundle = self.lists[li].in_bundle.clone();
            let entries = self.lists[li]
                .parsed
                .as_ref()
                .map(|p| p.entries.clone())
                .unwrap_or_default();
            let base: Vec<u8> = match &list_in_bundle {
                Some(p) => {
                    meta_paths.push(p.clone());
                    paths::parent(p).to_vec()
                }
                None => {
                    let hits = |base: &[u8]| {
                        entries
                            .iter()
                            .filter_map(|e| paths::normalize(&e.path).ok())
                            .filter(|p| index.contains_key(&paths::join(base, p)))
                            .count()
                    };
                    match &root {
                        Some(r) if hits(r.as_bytes()) > hits(b"") => r.as_bytes().to_vec(),
                        _ => Vec::new(),
                    }
                }
            };
            // A list beside the bundle that names the bundle file itself (or another input file)
            // is a list of release artifacts, not of the bundle's content.
            let artifact_list = list_in_bundle.is_none()
                && !self.loose_bundle
                && entries.iter().any(|le| {
                    paths::normalize(&le.path).is_ok_and(|rel| {
                        self.files.iter().any(|f| {
                            f.name.as_bytes() == rel || paths::file_name(f.name.as_bytes()) == rel
                        })
                    })
                });
            if !artifact_list {
                content_lists += 1;
            }
            for le in entries {
                let rel = match paths::normalize(&le.path) {
                    Ok(p) if !p.is_empty() => p,
                    Ok(_) | Err(_) => {
                        let why = paths::normalize(&le.path)
                            .err()
                            .map_or("the path names the bundle's root folder", |w| w.describe());
                        self.finding(
                            Code::UnsafePath,
                            Severity::Problem,
                            Some(paths::display(&le.path)),
                            format!(
                                "The list {lname} names an unsafe path on line {}: {why}.",
                                le.line
                            ),
                        );
                        continue;
                    }
                };
                let full = paths::join(&base, &rel);
                if artifact_list && index.contains_key(&full) {
                    continue;
                }
                if !index.contains_key(&full) && list_in_bundle.is_none() {
                    // A line naming a whole input file (e.g. the bundle itself).
                    if let Some(fi) = self.files.iter().position(|f| {
                        f.name.as_bytes() == rel || paths::file_name(f.name.as_bytes()) == rel
                    }) {
                        let fname = self.files[fi].name.clone();
                        bundle_named |= self.is_whole_bundle(fi);
                        if self.files[fi].sha256 == le.sha256 {
                            self.files[fi].vouched = true;
                            if self.is_whole_bundle(fi) {
                                self.bundle_listed_in.get_or_insert_with(|| lname.clone());
                            }
                            if self.lists[li].signed && self.is_whole_bundle(fi) {
                                self.authenticated_by
                                    .get_or_insert_with(|| format!("the signed list {lname}"));
                            }
                        } else {
                            self.finding(
                                Code::HashMismatch,
                                Severity::Problem,
                                Some(fname.clone()),
                                format!(
                                    "{fname} differs from the list {lname} (line {}): expected SHA-256 {}, found {}.",
                                    le.line,
                                    hex32(&le.sha256),
                                    hex32(&self.files[fi].sha256)
                                ),
                            );
                        }
                        continue;
                    }
                }
                if artifact_list {
                    // A release's list of artifacts: lines for files not given are not ours.
                    continue;
                }
                let shown = paths::display(&full);
                match expected.get(&full) {
                    Some(&(h, other, line)) if other == li => {
                        if h == le.sha256 {
                            self.finding(
                                Code::DuplicateListLine,
                                Severity::Warning,
                                Some(shown.clone()),
                                format!("The list {lname} names {shown} twice (lines {line} and {}) with the same hash.", le.line),
                            );
                        } else {
                            self.finding(
                                Code::ConflictingList,
                                Severity::Problem,
                                Some(shown.clone()),
                                format!("The list {lname} names {shown} twice with different hashes (lines {line} and {}).", le.line),
                            );
                        }
                    }
                    Some(&(h, other, _)) => {
                        if h != le.sha256 {
                            let oname = self.lists[other].name.clone();
                            self.finding(
                                Code::ListDisagreement,
                                Severity::Problem,
                                Some(shown.clone()),
                                format!("The lists {oname} and {lname} give different hashes for {shown}."),
                            );
                        }
                    }
                    None => {
                        expected.insert(full, (le.sha256, li, le.line));
                    }
                }
            }
        }
        // Signatures over the lists that were used are part of the bundle's metadata.
        for s in &self.sigs {
            if let (Some(p), Some(Target::List(li))) = (&s.in_bundle, s.covers) {
                if authoritative.contains(&li) {
                    meta_paths.push(p.clone());
                }
            }
        }
        // Lists of the bundle's content make unlisted entries "extra". A list of release
        // artifacts that names the bundle file with its hash vouches for it as a whole; one that
        // does not name it says nothing about its entries, which are then "extra" too. (One that
        // names it with another hash fails it as a whole.)
        let bundle_vouched = self.authenticated_by.is_some() || bundle_named;
        let have_lists = content_lists > 0 || (!authoritative.is_empty() && !bundle_vouched);
        let signed = any_signed;
        let mut findings = Vec::new();
        let mut updates = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let Some(path) = &e.path else {
                updates.push((i, None, EntryStatus::Problem));
                continue;
            };
            let shown = paths::display(path);
            // Look up, don't remove: a path the archive holds twice must match twice.
            let exp = expected.get(path).copied();
            let is_meta = meta_paths.contains(path);
            let (actual, status) = match (e.kind, exp) {
                (EntryKind::File | EntryKind::Hardlink, Some((h, li, line))) => {
                    if e.sha256 == Some(h) {
                        (e.sha256, EntryStatus::Ok)
                    } else {
                        let lname = &self.lists[li].name;
                        findings.push((Code::HashMismatch, Severity::Problem, shown.clone(), format!(
                            "{shown} differs from {} {lname} (line {line}): its content was changed.",
                            if signed { "the signed list" } else { "the list" }
                        )));
                        (e.sha256, EntryStatus::Mismatch)
                    }
                }
                (EntryKind::Symlink, Some((h, li, line))) => {
                    // The listed name must open, through its links, a listed regular file of
                    // the bundle with the listed content, and not a list or signature file.
                    let walk = e.link.as_ref();
                    let target = match walk.map(|w| w.end) {
                        Some(tree::End::Entry(j)) => Some(j),
                        _ => None,
                    };
                    let t = target.map(|j| &self.entries[j]);
                    let tpath = t.and_then(|t| t.path.clone()).unwrap_or_default();
                    let tshown = paths::display(&tpath);
                    let why = match (walk.map(|w| w.end), t) {
                        (_, Some(t)) if !matches!(t.kind, EntryKind::File | EntryKind::Hardlink) => {
                            Some(format!("it leads to {tshown}, which is not a regular file"))
                        }
                        (_, Some(_)) if meta_paths.contains(&tpath) || self.lists.iter().any(|l| l.in_bundle.as_ref() == Some(&tpath)) || self.sigs.iter().any(|s| s.in_bundle.as_ref() == Some(&tpath)) => Some(format!(
                            "it leads to {tshown}, a checksum list or signature file, which no signature vouches for byte for byte"
                        )),
                        (_, Some(_)) if expected.get(&tpath).map(|x| x.0) != Some(h) => Some(format!(
                            "it leads to {tshown}, which the list does not name with this content"
                        )),
                        (_, Some(t)) if t.sha256 != Some(h) => Some(format!(
                            "it leads to {tshown}, whose content differs from the listed hash"
                        )),
                        (_, Some(_)) => None,
                        (Some(tree::End::Folder), None) => Some("it leads to a folder".into()),
                        (Some(tree::End::Outside | tree::End::Loop), None) => {
                            Some("it leads outside the bundle, or never ends".into())
                        }
                        _ => Some("it leads to nothing in the bundle".into()),
                    };
                    match why {
                        None => (t.and_then(|t| t.sha256), EntryStatus::Ok),
                        Some(why) => {
                            let lname = &self.lists[li].name;
                            let chain = walk.map(tree::Walk::describe).unwrap_or_default();
                            findings.push((Code::ListedLink, Severity::Problem, shown.clone(), format!(
                                "{shown} is listed in {lname} (line {line}) but is a symbolic link ({chain}): {why}."
                            )));
                            (t.and_then(|t| t.sha256), EntryStatus::Mismatch)
                        }
                    }
                }
                (_, Some((_, li, line))) => {
                    let lname = &self.lists[li].name;
                    findings.push((Code::HashMismatch, Severity::Problem, shown.clone(), format!(
                        "{shown} is listed in {lname} (line {line}) but is not a regular file in the bundle."
                    )));
                    (None, EntryStatus::Mismatch)
                }
                (EntryKind::File | EntryKind::Hardlink, None) if is_meta => {
                    (e.sha256, EntryStatus::Meta)
                }
                (EntryKind::File | EntryKind::Hardlink, None) if have_lists => {
                    findings.push((
                        Code::Extra,
                        Severity::Problem,
                        shown.clone(),
                        format!(
                            "{shown} is in the bundle but not in {}: it may have been added.",
                            if signed {
                                "the signed list"
                            } else {
                                "the checksum list"
                            }
                        ),
                    ));
                    (e.sha256, EntryStatus::Extra)
                }
                (EntryKind::File | EntryKind::Hardlink, None) => (e.sha256, EntryStatus::Unchecked),
                (EntryKind::Symlink, None) => {
                    if !e.problem {
                        // Harmless when it leads to a listed file or a folder of the bundle; a
                        // name for a list or signature file, or for nothing, is not.
                        let end = e.link.as_ref().map(|w| w.end);
                        let target = match end {
                            Some(tree::End::Entry(j)) => self.entries[j].path.clone(),
                            _ => None,
                        };
                        let to_meta = target.as_ref().is_some_and(|t| {
                            self.lists.iter().any(|l| l.in_bundle.as_ref() == Some(t))
                                || self.sigs.iter().any(|s| s.in_bundle.as_ref() == Some(t))
                        });
                        let dangling = matches!(end, Some(tree::End::Nothing) | None);
                        let link_to = paths::display(e.link_target.as_deref().unwrap_or_default());
                        let (severity, rest) = if to_meta && have_lists {
                            (Severity::Problem, format!(", and it leads to {}, a checksum list or signature file that no signature vouches for byte for byte", paths::display(target.as_deref().unwrap_or_default())))
                        } else if dangling && have_lists {
                            (
                                Severity::Problem,
                                ", and it leads to nothing in the bundle".to_string(),
                            )
                        } else {
                            (Severity::Warning, String::new())
                        };
                        findings.push((
                            Code::UnlistedLink,
                            severity,
                            shown.clone(),
                            format!("{shown} is a symbolic link to {link_to} that the list does not name{rest}."),
                        ));
                        if severity == Severity::Problem {
                            updates.push((i, None, EntryStatus::Problem));
                            continue;
                        }
                    }
                    (None, EntryStatus::Structure)
                }
                (_, None) => (None, EntryStatus::Structure),
            };
            let status = if e.problem {
                EntryStatus::Problem
            } else {
                status
            };
            updates.push((i, exp.map(|x| x.0), status));
            let _ = actual;
        }
        for e in &self.entries {
            if let Some(p) = &e.path {
                expected.remove(p);
            }
        }
        for (i, exp, status) in updates {
            self.entries[i].expected = exp;
            self.entries[i].status = status;
        }
        for (code, severity, path, message) in findings {
            self.finding(code, severity, Some(path), message);
        }
        self.judge_collisions();
        // Every input is accounted for: a loose file handed over beside an archive must be named
        // by the list used, or covered by a trusted signature.
        if !self.loose_bundle && (!authoritative.is_empty() || !self.sigs.is_empty()) {
            for fi in 0..self.files.len() {
                let f = &self.files[fi];
                if Some(fi) == self.bundle_file || f.vouched {
                    continue;
                }
                let name = f.name.clone();
                // It stands in the way of "verified"; beside an unsigned list it is only noted.
                let severity = if any_signed || self.authenticated_by.is_some() {
                    Severity::Problem
                } else {
                    Severity::Warning
                };
                self.finding(
                    Code::Extra,
                    severity,
                    Some(name.clone()),
                    format!("{name} was handed over with the bundle, but no signed list or signature vouches for it: it may have been added."),
                );
            }
        }
        for (path, (h, li, line)) in expected {
            let shown = paths::display(&path);
            let lname = self.lists[li].name.clone();
            // Loose files: the reviewer picked which of the listed files to check.
            let severity = if self.loose_bundle {
                Severity::Warning
            } else {
                Severity::Problem
            };
            self.finding(
                Code::Missing,
                severity,
                Some(shown.clone()),
                format!("{shown} is named in {lname} (line {line}) but is not in the bundle."),
            );
            self.entries.push(Scanned {
                raw_path: path.clone(),
                path: Some(path),
                kind: EntryKind::File,
                size: 0,
                mode: None,
                link_target: None,
                sha256: None,
                problem: false,
                meta: false,
                expected: Some(h),
                status: EntryStatus::Missing,
                link: None,
            });
        }
        for e in &mut self.entries {
            e.meta = e.status == EntryStatus::Meta;
        }
        if self.lists.is_empty() && self.authenticated_by.is_none() && self.sigs.is_empty() {
            let what = if self.entries.is_empty() && self.bundle.is_none() {
                "Nothing to verify: no bundle, checksum list or signature was recognised among the inputs."
            } else {
                "No checksum list or signature was found, so nothing could be verified. The SHA-256 of every file is shown; compare them with a trusted source."
            };
            self.finding(Code::NothingToVerify, Severity::Error, None, what.into());
        }
    }

    /// Names that collide on macOS or Windows. Two listed regular files that collide are both
    /// checked byte for byte: a warning. If either side is a link, a folder, or not vouched for,
    /// extraction there may let it replace a checked file: a problem.
    fn judge_collisions(&mut self) {
        for group in std::mem::take(&mut self.collision_groups) {
            let describe = |e: &Scanned| -> Option<&'static str> {
                match e.kind {
                    EntryKind::Symlink => Some("a symbolic link"),
                    EntryKind::Directory => Some("a folder"),
                    EntryKind::File | EntryKind::Hardlink
                        if e.expected.is_some() || e.status == EntryStatus::Meta =>
                    {
                        None
                    }
                    EntryKind::File | EntryKind::Hardlink => Some("not in the list"),
                    _ => Some("a special file"),
                }
            };
            let shown =
                |i: usize| paths::display(self.entries[i].path.as_deref().unwrap_or_default());
            let names = group
                .iter()
                .map(|&i| shown(i))
                .collect::<Vec<_>>()
                .join(" and ");
            let odd = group
                .iter()
                .find_map(|&i| describe(&self.entries[i]).map(|what| (i, what)));
            let (severity, message) = match odd {
                None => (
                    Severity::Warning,
                    format!("{names} differ only by letter case or Unicode normalisation: on macOS or Windows one would overwrite the other (each was checked byte for byte here)."),
                ),
                Some((i, what)) => (
                    Severity::Problem,
                    format!("{names} differ only by letter case or Unicode normalisation, and {} is {what}: on macOS or Windows it would take the place of a checked file.", shown(i)),
                ),
            };
            let path = shown(group[group.len() - 1]);
            self.finding(Code::NameCollision, severity, Some(path), message);
            if severity == Severity::Problem {
                for &i in &group {
                    self.entries[i].status = EntryStatus::Problem;
                }
            }
        }
    }

    fn into_report(self, bytes_read: u64) -> Report {
        let Run {
            findings,
            inputs,
            keys,
            sigs,
            lists,
            files,
            entries,
            bundle,
            authenticated_by,
            bundle_listed_in,
            ..
        } = self;
        let problems = findings
            .iter()
            .filter(|f| f.severity == Severity::Problem)
            .count() as u64;
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count() as u64;
        let warnings = findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count() as u64;
        let count = |s: EntryStatus| entries.iter().filter(|e| e.status == s).count() as u64;
        let counts = Counts {
            entries: entries.len() as u64,
            ok: count(EntryStatus::Ok),
            mismatch: count(EntryStatus::Mismatch),
            missing: count(EntryStatus::Missing),
            extra: count(EntryStatus::Extra),
            problems,
            warnings,
        };
        let signed_list = lists.iter().find(|l| l.signed).map(|l| l.name.clone());
        let trusted_sig = sigs.iter().find(|s| s.status == SigStatus::Valid);
        let signer = trusted_sig.map(|s| s.sig.key_id_hex()).unwrap_or_default();
        let files_word = plural(counts.ok, "file matches", "files match");
        let (verdict, reason) = if problems > 0 {
            let first = findings
                .iter()
                .find(|f| f.severity == Severity::Problem)
                .map(|f| f.message.clone())
                .unwrap_or_default();
            let reason = if problems == 1 {
                first
            } else {
                format!("{problems} problems found. First: {first}")
            };
            (Verdict::Failed, reason)
        } else if errors > 0 {
            let first = findings
                .iter()
                .find(|f| f.severity == Severity::Error)
                .map(|f| f.message.clone())
                .unwrap_or_default();
            (Verdict::Error, first)
        } else if let Some(by) = authenticated_by {
            let bundle = bundle.as_ref().map_or("", |b| b.name.as_str());
            let rest = if counts.ok > 0 {
                format!(" {files_word} its checksum list.")
            } else {
                String::new()
            };
            (
                Verdict::Verified,
                format!("The bundle file {bundle} is vouched for by a trusted key: {by}.{rest}"),
            )
        } else if let Some(unvouched) = entries.iter().find(|e| {
            signed_list.is_some()
                && matches!(e.kind, EntryKind::File | EntryKind::Hardlink)
                && e.status == EntryStatus::Unchecked
        }) {
            // Belt and braces: "verified" needs every file vouched for by a signed claim, or the
            // bundle file as a whole (above).
            (
                Verdict::Failed,
                format!(
                    "{} is not vouched for by the signed list, so the bundle cannot be verified.",
                    paths::display(&unvouched.raw_path)
                ),
            )
        } else if let Some(list) = signed_list {
            (
                Verdict::Verified,
                format!("{files_word} the checksum list {list}, signed by trusted key {signer}."),
            )
        } else if lists.iter().any(|l| l.parsed.is_some()) {
            let what = match (&bundle_listed_in, counts.ok) {
                (Some(list), 0) => format!("The bundle file matches the checksum list {list}"),
                _ => format!("{files_word} the checksum list"),
            };
            (
                Verdict::Unsigned,
                format!("{what}, but no signature covers it: this proves the files are intact, not who made them."),
            )
        } else {
            (Verdict::Error, "Nothing could be verified.".into())
        };
        let key_rec = |ki: usize| &keys[ki];
        let signatures = sigs
            .iter()
            .map(|s| report::Signature {
                file: s.name.clone(),
                format: s.sig.format(),
                algorithm: s.sig.algorithm().into(),
                key_id: s.sig.key_id_hex(),
                covers: s.covers.map(|t| match t {
                    Target::List(li) => lists[li].name.clone(),
                    Target::File(fi) => files[fi].name.clone(),
                }),
                status: s.status,
                trusted: s.status == SigStatus::Valid,
                key_source: s.key.map(|k| key_rec(k).source),
                trusted_comment: s.trusted_comment.clone(),
                untrusted_comment: s.untrusted_comment.clone(),
            })
            .collect();
        Report {
            schema: report::SCHEMA,
            tool: crate::TOOL.into(),
            verdict,
            reason,
            findings,
            bundle,
            inputs,
            keys: keys
                .iter()
                .map(|k| report::Key {
                    key_id: k.key.id_hex(),
                    format: match k.key.format() {
                        crate::keys::KeyFormat::Minisign => "minisign".into(),
                        crate::keys::KeyFormat::Signify => "signify".into(),
                    },
                    source: k.source,
                    trusted: k.trusted,
                    origin: k.origin.clone(),
                    public_key: k.key.to_base64(),
                })
                .collect(),
            signatures,
            lists: lists
                .iter()
                .map(|l| report::List {
                    file: l.name.clone(),
                    format: l.format.clone(),
                    lines: l.parsed.as_ref().map_or(0, |p| p.entries.len() as u64),
                    signed: l.signed,
                    sha256: hex32(&l.sha256),
                })
                .collect(),
            entries: entries
                .into_iter()
                .map(|e| report::Entry {
                    path: paths::display(&e.raw_path),
                    kind: e.kind,
                    size: e.size,
                    mode: e.mode,
                    link_target: e.link_target.as_deref().map(paths::display),
                    expected: e.expected.as_ref().map(hex32),
                    actual: e.sha256.as_ref().map(hex32),
                    status: e.status,
                })
                .collect(),
            counts,
            bytes_read,
            elapsed_ms: 0,
        }
    }
}
