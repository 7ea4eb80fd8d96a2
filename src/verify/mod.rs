//! The verification plan, top to bottom, one step a file:
//!
//! 1. `inputs.rs`: classify every input by content ([`crate::classify`]); read lists, signatures
//!    and keys whole (bounded by [`Limits::max_meta_size`]).
//! 2. `stream.rs`: stream the bundle once: hash the bundle file as stored, feed detached
//!    signatures over it, decompress, walk the tar, hash every entry, keep small entries that are
//!    lists or signatures.
//! 3. `trust.rs`: check signatures over lists (and the bundle file) against trusted and offered
//!    keys.
//! 4. `structure.rs`: the bundle as extraction writes it (`tree.rs` follows links as the kernel
//!    does); `compare.rs`: signed claims decide what is expected; every entry is matched, missing
//!    or extra.
//! 5. `judge.rs`: any problem fails; a trusted signature over everything that matched verifies;
//!    matching hashes without a signature are only "unsigned".
//!
//! This file holds the public entry points ([`verify`], and the split run [`digest_bundle`] +
//! [`scan_contents`] + [`Pending::finish`]) and the state the steps share ([`Run`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Read};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use self::claims::Gathered;
use self::tree::Tree;
use crate::archive::{self, ArchiveError, TarLimits};
use crate::carriers::Claim;
use crate::checksums::{self, ChecksumList};
use crate::classify::{self, Role};
use crate::i18n::Message;
use crate::msg;
use crate::paths;
use crate::report::{
    self, Code, Counts, EntryKind, EntryStatus, Finding, KeySource, Report, Severity, SigStatus,
    Verdict,
};
use crate::schemes::Key;
use crate::schemes::{self, Signature, StreamVerifier};

mod claims;
mod compare;
mod images;
mod inputs;
mod judge;
mod nested;
mod stream;
mod structure;
mod tree;
mod trust;

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
    /// Any kind of key (`PublicKey::into()` for minisign and signify keys).
    pub key: Key,
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
    /// The time of the run, in seconds since 1970, for keys valid only between given times
    /// (SSH `allowed_signers` `valid-after`/`valid-before`). `None`: no clock, such keys are
    /// never used.
    pub now: Option<u64>,
    /// Digests the reviewer expects (from a deployment manifest): an image ID or a manifest
    /// (or index) digest each. An image of the bundle that one of them names is *pinned*: the
    /// digest vouches for it as a trusted key vouches for a list; one that names no image fails
    /// the bundle ([`Code::PinMismatch`]). See `images.rs` for what a pin covers.
    pub expected_digests: Vec<ExpectedDigest>,
}

/// A digest the reviewer expects, `sha256:<64 lowercase hex>`, read strictly
/// ([`ExpectedDigest::parse`]): a value that is not exactly that is refused before anything runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExpectedDigest(pub [u8; 32]);

impl ExpectedDigest {
    /// `sha256:` and 64 lowercase hex digits, nothing else (no spaces, no `name@` before it, no
    /// other algorithm): anything else is refused with a sentence saying what was expected.
    pub fn parse(s: &str) -> Result<Self, Message> {
        let hex = s.strip_prefix("sha256:").filter(|h| {
            h.len() == 64
                && h.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
        let mut d = [0u8; 32];
        match hex.map(|h| hex::decode_to_slice(h, &mut d)) {
            Some(Ok(())) => Ok(ExpectedDigest(d)),
            _ => Err(msg!("detail-expected-digest-malformed", "digest" => s)),
        }
    }
}

impl std::fmt::Display for ExpectedDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sha256:{}", hex::encode(self.0))
    }
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
                msg!("finding-cancelled"),
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

/// A signature of any scheme ([`crate::schemes`]).
type Sig = Box<dyn Signature>;

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
    key: Key,
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
    /// Index in `Run::sigs` of the first signature read from the same file (itself when the
    /// file holds one): a file's signatures are consecutive and judged together.
    group: usize,
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
    /// What vouches for the whole bundle file (a signature over it, or a signed list naming it).
    authenticated_by: Option<Message>,
    /// The list (signed or not) whose line for the bundle file matches its SHA-256.
    bundle_listed_in: Option<String>,
    /// Entries whose names collide on case-insensitive or normalising file systems.
    collision_groups: Vec<Vec<usize>>,
    /// What the image checker saw as the bundle streamed by, and the images found.
    image_watch: crate::carriers::images::ImageWatch,
    images: Vec<report::Image>,
    /// Entries an image names by digest: (entry, digest, agrees).
    image_vouched: Vec<(usize, [u8; 32], bool)>,
    /// For each of `images`: the digests that name it and the entries they cover.
    image_parts: Vec<crate::carriers::images::Parts>,
    /// What the expected digests vouch for (`None` when none were given, or the run stopped).
    pinned: Option<images::Pinned>,
    /// What the Go module checker saw, and the modules found.
    go_watch: crate::carriers::gomod::GoWatch,
    go_modules: Vec<report::GoModule>,
    /// `go.sum` files given beside the bundle (input name, content): unsigned evidence the
    /// module cache is compared with, as a go.sum inside it is.
    go_sums: Vec<(String, Vec<u8>)>,
    /// Archives stored as entries of the bundle, opened as they streamed by.
    nested: Vec<nested::Nested>,
}

fn hex32(h: &[u8; 32]) -> String {
    hex::encode(h)
}

fn strip_sig_suffix(name: &[u8]) -> Option<&[u8]> {
    name.strip_suffix(b".minisig")
        .or_else(|| name.strip_suffix(b".sig"))
        .or_else(|| name.strip_suffix(b".asc"))
        .or_else(|| name.strip_suffix(b".gpg"))
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
            image_watch: Default::default(),
            images: Vec::new(),
            image_vouched: Vec::new(),
            image_parts: Vec::new(),
            pinned: None,
            go_watch: Default::default(),
            go_modules: Vec::new(),
            go_sums: Vec::new(),
            nested: Vec::new(),
        }
    }

    fn finding(&mut self, code: Code, severity: Severity, path: Option<String>, message: Message) {
        self.findings
            .push(Finding::of(code, severity, path, message));
    }

    fn limits(&self) -> &Limits {
        &self.options.limits
    }

    // ----- 1. inputs --------------------------------------------------------------------------

    // ----- 2. the bundle ----------------------------------------------------------------------
}

// ----- 3. to 5.: signatures, structure, comparison, verdict ------------------------------------

impl Run {
    fn judge(&mut self) {
        self.check_signatures();
        self.check_structure();
        self.propagate_signed_lists();
        self.check_images();
        self.compare();
        self.mark_image_entries();
        self.check_pins();
    }
}
