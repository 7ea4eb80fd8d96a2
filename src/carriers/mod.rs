//! Digest carriers: what says the bundle's content must hash to, and the content checkers that
//! find them as the bundle streams by.
//!
//! - [`checksums`]: `SHA256SUMS` lists (GNU and BSD tag formats), the format;
//! - [`lists`]: a checksum list read at its place in the bundle, as [`Claim`]s;
//! - [`images`]: container image archives (docker-archive, OCI layouts), which name every blob by
//!   its digest and every layer by its decompressed digest ([`layers`]);
//! - [`gomod`]: Go module caches and `go.sum` (dirhash `h1:` of zips, trees and `go.mod` files);
//! - [`Keeper`]: the first [`ContentChecker`], which keeps the small entries that are lists,
//!   signatures or keys while the bundle streams by.
//!
//! A claim is an expected digest of one path of the bundle, with where it came from; what
//! vouches for it (a trusted signature over its carrier) is decided by the plan
//! ([`crate::verify`]), which compares claims with entries and judges. Carriers of tomorrow (an
//! image manifest's layer digests, a blob's file name, `go.sum` lines) are more checkers and more
//! claim sources; the comparison does not change.

use crate::classify::{self, Role};
use crate::report::EntryKind;

pub mod checksums;
pub mod gomod;
pub mod images;
pub mod layers;
pub mod lists;

/// An expected SHA-256 of a path in the bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// Normalised path from the bundle's root.
    pub path: Vec<u8>,
    pub sha256: [u8; 32],
    /// Which carrier says so (for a checksum list: its index among the run's lists).
    pub carrier: usize,
    /// Where in the carrier (a list's line number).
    pub line: usize,
}

/// An entry of the bundle as checkers see it stream by.
#[derive(Clone, Copy, Debug)]
pub struct EntryView<'a> {
    /// Its position among the bundle's entries.
    pub index: usize,
    /// Normalised path; `None` when the path is unsafe.
    pub path: Option<&'a [u8]>,
    pub kind: EntryKind,
    pub size: u64,
    /// What its first bytes look like ([`crate::classify`]).
    pub role: Role,
}

/// Watches the entries of the bundle stream by, and may read an entry's bytes as they pass.
///
/// For each regular file: [`ContentChecker::begin`] with the entry and its first bytes (up to
/// [`classify::HEAD_LEN`]); if it answers true, [`ContentChecker::data`] with the rest as it
/// passes (and, if asked, its decompressed digest); then [`ContentChecker::end`] with the entry's
/// SHA-256. Memory a checker holds counts
/// against the run's budget ([`ContentChecker::held_bytes`]).
pub trait ContentChecker: Send {
    fn begin(&mut self, entry: &EntryView, head: &[u8]) -> bool;
    fn data(&mut self, _bytes: &[u8]) {}
    /// Asked right after [`ContentChecker::begin`]: does this checker want the entry's
    /// decompressed digest ([`layers::decode`], when the head announces gzip or zstd)? It then
    /// gets [`ContentChecker::decoded`] before [`ContentChecker::end`].
    fn wants_decoded(&mut self) -> bool {
        false
    }
    fn decoded(&mut self, _decoded: &layers::Decoded) {}
    fn end(&mut self, _entry: &EntryView, _sha256: &[u8; 32]) {}
    /// Bytes held in memory so far.
    fn held_bytes(&self) -> u64 {
        0
    }
}

/// An entry the [`Keeper`] kept: where, what it looks like, and its bytes — `None` when it is
/// larger than the limit and was only hashed (the report must say so).
pub type KeptEntry = (usize, Role, Option<Vec<u8>>);

/// Keeps the entries whose first bytes look like a checksum list, signature or key, up to
/// `max_size` bytes each: the bundle's own `SHA256SUMS` and its signature travel inside it.
pub struct Keeper {
    max_size: u64,
    current: Option<KeptEntry>,
    held: u64,
    pub kept: Vec<KeptEntry>,
}

impl Keeper {
    pub fn new(max_size: u64) -> Self {
        Keeper {
            max_size,
            current: None,
            held: 0,
            kept: Vec::new(),
        }
    }
}

impl ContentChecker for Keeper {
    fn begin(&mut self, entry: &EntryView, head: &[u8]) -> bool {
        if !entry.role.is_meta() || head.is_empty() {
            return false;
        }
        if entry.size > self.max_size {
            self.kept.push((entry.index, entry.role, None));
            return false;
        }
        let mut bytes = Vec::with_capacity(entry.size as usize);
        bytes.extend_from_slice(head);
        self.current = Some((entry.index, entry.role, Some(bytes)));
        true
    }
    fn data(&mut self, bytes: &[u8]) {
        if let Some((_, _, Some(v))) = self.current.as_mut() {
            v.extend_from_slice(bytes);
        }
    }
    fn end(&mut self, _entry: &EntryView, _sha256: &[u8; 32]) {
        if let Some(k) = self.current.take() {
            self.held += k.2.as_ref().map_or(0, |b| b.len()) as u64;
            self.kept.push(k);
        }
    }
    fn held_bytes(&self) -> u64 {
        self.held
    }
}

/// Classify an entry's head as [`EntryView::role`] wants it.
pub fn role_of(head: &[u8], size: u64) -> Role {
    if head.is_empty() {
        Role::File
    } else {
        classify::classify(head, head.len() as u64 == size)
    }
}
