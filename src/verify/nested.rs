//! Step 2, inside an entry: an archive stored as one entry of the bundle (`docker save -o app.tar`
//! packed into the release's tar.gz, a tar.gz of a Go module cache) is opened as its bytes pass,
//! and the images and module caches it holds are checked as if they lay in a folder at its path
//! (`images/app.tar/manifest.json`).
//!
//! An entry is opened when its first bytes are a tar or a gzip-compressed tar (the rule that
//! classifies the bundle itself, [`crate::classify`], never the name), unless an image of the
//! bundle would take it as a layer (`layer.tar`, a digest-named blob: a layer's files are the
//! image's business, not the bundle's). It is decompressed and walked by the bundle's own strict
//! readers ([`crate::gzip`], [`crate::archive`]), pulled through the entry's hash, so the bundle
//! is still read once and memory does not grow with the entry. One level only: an archive inside
//! an opened archive is hashed, not opened. Every regular file inside is hashed and shown to the
//! image and Go module checkers; only paths, kinds, digests and link targets are kept, counted
//! against the run's limits.
//!
//! What it holds is content that carries its own digests ([`super::images`]): disagreements fail
//! the bundle, agreement alone never verifies it; the entry itself is compared with the lists like
//! any other file. An opened entry that is not a whole, unambiguous archive (damaged, two
//! readings, over a limit, bytes after its end) is a warning — its bytes may still be exactly what
//! was signed — and nothing found in it is reported, so no expected digest can match an image read
//! from an archive that loaders might read otherwise.

use super::stream::hash_entry;
use super::*;
use crate::carriers::gomod::{self, GoWatch};
use crate::carriers::images::{self, ImageWatch};
use crate::carriers::layers::{self, Codec};
use crate::carriers::{ContentChecker, EntryView};

/// One file, folder or link of an opened archive.
pub(super) struct NestedEntry {
    /// Normalised path inside the archive; `None` when unsafe.
    pub(super) path: Option<Vec<u8>>,
    pub(super) kind: EntryKind,
    pub(super) size: u64,
    pub(super) sha256: Option<[u8; 32]>,
    pub(super) link_target: Option<Vec<u8>>,
}

/// An archive found as an entry of the bundle, and what was read inside it.
pub(super) struct Nested {
    /// The entry's normalised path in the bundle.
    pub(super) path: Vec<u8>,
    pub(super) entries: Vec<NestedEntry>,
    pub(super) images: ImageWatch,
    pub(super) go: GoWatch,
    /// Why it could not be read whole; then nothing found in it counts.
    pub(super) error: Option<Message>,
}

/// Opens the archives among the bundle's entries as they stream by.
pub(super) struct Opener {
    limits: TarLimits,
    max_entries: u64,
    max_held: u64,
    held: u64,
    /// Bytes the run holds outside the opened archives (the bundle's own entries and checkers),
    /// set by the caller before each entry, so that the two together stay under the limit.
    pub(super) outside: u64,
    buf: Vec<u8>,
    pub(super) found: Vec<Nested>,
}

impl Opener {
    pub(super) fn new(limits: &Limits) -> Self {
        Opener {
            limits: TarLimits {
                max_path_len: limits.max_path_len,
                ..TarLimits::default()
            },
            max_entries: limits.max_entries,
            max_held: limits.max_held_bytes,
            held: 0,
            outside: 0,
            buf: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Bytes held for the archives opened so far.
    pub(super) fn held_bytes(&self) -> u64 {
        self.held
            + self
                .found
                .iter()
                .map(|n| n.images.held_bytes() + n.go.held_bytes())
                .sum::<u64>()
    }

    /// Is `view` (already classified by its head) an archive to open?
    pub(super) fn wants(&self, view: &EntryView) -> bool {
        matches!(view.role, Role::Tar | Role::TarGz)
            && view.path.is_some_and(|p| !images::layer_name(p))
    }

    /// Walk the archive whose bytes (from the first) `r` gives, recording what it holds. Reads
    /// only as far as the archive goes; the caller drains the rest (and sees `r`'s own errors).
    pub(super) fn walk(&mut self, view: &EntryView, r: &mut dyn Read) {
        let Some(path) = view.path else { return };
        if self.buf.is_empty() {
            self.buf = vec![0u8; 64 * 1024];
        }
        let codec = if view.role == Role::TarGz {
            Codec::Gzip
        } else {
            Codec::Plain
        };
        let mut images = ImageWatch::new();
        let mut go = GoWatch::new();
        let mut entries: Vec<NestedEntry> = Vec::new();
        let mut limit_hit: Option<Message> = None;
        let before: u64 = self.outside + self.held_bytes();
        let mut held = 0u64;
        let (max_entries, max_held) = (self.max_entries, self.max_held);
        let buf = &mut self.buf;
        let mut d = layers::decoder(codec, r);
        let result = archive::scan(&mut d, self.limits, |h, er| {
            if entries.len() as u64 >= max_entries {
                limit_hit = Some(msg!("detail-nested-too-many", "limit" => max_entries));
                return Err(io::Error::other("entry limit"));
            }
            held += (std::mem::size_of::<NestedEntry>()
                + h.path.len()
                + h.link_target.as_ref().map_or(0, |l| l.len())) as u64;
            if before + held + images.held_bytes() + go.held_bytes() > max_held {
                limit_hit = Some(msg!("detail-nested-too-much-memory", "limit" => max_held));
                return Err(io::Error::other("memory limit"));
            }
            let mut e = NestedEntry {
                path: paths::normalize(&h.path).ok(),
                kind: h.kind,
                size: h.size,
                sha256: None,
                link_target: h.link_target.clone(),
            };
            if h.kind == EntryKind::File {
                // The checkers see bundle paths, as if the archive were unpacked where it lies.
                let shown = e.path.as_deref().map(|p| paths::join(path, p));
                let inner = EntryView {
                    index: entries.len(),
                    path: shown.as_deref(),
                    kind: h.kind,
                    size: h.size,
                    role: Role::File,
                };
                e.sha256 = Some(hash_entry(
                    er,
                    inner,
                    &mut [&mut images, &mut go],
                    buf,
                    None,
                )?);
            }
            entries.push(e);
            Ok(())
        });
        // The tar reader ends only at the end of the stream it reads, so a gzip member's CRC
        // (which comes last) has been checked by then.
        let error = match result {
            Ok(end) if end.trailing_nonzero > 0 => Some(msg!(
                "detail-nested-trailing",
                "size" => end.trailing_nonzero,
                "offset" => end.trailing_offset.unwrap_or(0),
            )),
            Ok(_) => None,
            Err(ArchiveError::Io(_)) if limit_hit.is_some() => limit_hit,
            Err(ArchiveError::Io(e)) => Some(Message::from_io(&e)),
            Err(ArchiveError::Limit { offset, message })
            | Err(ArchiveError::Ambiguous { offset, message })
            | Err(ArchiveError::Corrupt { offset, message }) => Some(msg!(
                "detail-nested-at",
                "detail" => message,
                "offset" => offset,
            )),
        };
        self.held += held;
        self.found.push(Nested {
            path: path.to_vec(),
            entries,
            images,
            go,
            error,
        });
    }
}

impl Run {
    /// Check the images and module caches inside the archives opened as the bundle streamed by.
    pub(super) fn check_nested(&mut self) {
        let nested = std::mem::take(&mut self.nested);
        // go.sum files: those given beside the bundle, and those in the bundle itself.
        let mut beside = self.go_sums.clone();
        for (p, text) in self.go_watch.go_sums() {
            beside.push((paths::display(p), text.to_vec()));
        }
        for (k, n) in nested.iter().enumerate() {
            let shown = paths::display(&n.path);
            if let Some(e) = &n.error {
                self.finding(
                    Code::CorruptArchive,
                    Severity::Warning,
                    Some(shown.clone()),
                    msg!("finding-nested-unreadable", "path" => &shown, "detail" => e.clone()),
                );
                continue;
            }
            if n.images.is_empty() && n.go.is_empty() {
                continue;
            }
            // Links inside the archive are followed as its extraction would follow them.
            let tree = tree::Tree::new(n.entries.iter().enumerate().filter_map(|(i, e)| {
                e.path
                    .as_deref()
                    .map(|p| (i, p, e.kind, e.link_target.as_deref()))
            }));
            let leads: Vec<Option<usize>> = n
                .entries
                .iter()
                .map(|e| match (e.kind, &e.path) {
                    (EntryKind::Symlink, Some(p)) => match tree.resolve(p, true).end {
                        tree::End::Entry(j) => Some(j),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            drop(tree);
            let prefixed: Vec<Option<Vec<u8>>> = n
                .entries
                .iter()
                .map(|e| e.path.as_deref().map(|p| paths::join(&n.path, p)))
                .collect();
            let facts: Vec<images::Facts> = n
                .entries
                .iter()
                .zip(&prefixed)
                .zip(&leads)
                .map(|((e, p), &leads_to)| images::Facts {
                    path: p.as_deref(),
                    kind: e.kind,
                    size: e.size,
                    sha256: e.sha256,
                    leads_to,
                })
                .collect();
            let mut out = images::check(&facts, &n.images);
            for img in &mut out.images {
                img.archive = Some(shown.clone());
            }
            for p in &mut out.parts {
                p.scope = Some(k);
            }
            self.images.append(&mut out.images);
            self.image_parts.append(&mut out.parts);
            self.findings.append(&mut out.findings);
            let mut go = gomod::check(&facts, &n.go, &beside);
            for m in &mut go.modules {
                m.archive = Some(shown.clone());
            }
            self.go_modules.append(&mut go.modules);
            self.findings.append(&mut go.findings);
        }
        self.nested = nested;
    }

    /// The archives opened inside the bundle whose every file the pins cover (`covered`: pairs
    /// of scope — `None` for the bundle, `Some(k)` for the `k`th opened archive — and entry), or
    /// that are layout files of a folder whose every image is pinned (`layout`).
    pub(super) fn nested_covered(
        &self,
        covered: &HashSet<(Option<usize>, usize)>,
        layout: impl Fn(&[u8]) -> bool,
    ) -> HashSet<Vec<u8>> {
        self.nested
            .iter()
            .enumerate()
            .filter(|(k, n)| {
                n.error.is_none()
                    && n.entries.iter().enumerate().all(|(i, e)| {
                        !matches!(e.kind, EntryKind::File | EntryKind::Hardlink)
                            || covered.contains(&(Some(*k), i))
                            || e.path
                                .as_deref()
                                .is_some_and(|p| layout(&paths::join(&n.path, p)))
                    })
            })
            .map(|(_, n)| n.path.clone())
            .collect()
    }

    /// The `manifest.json` folders inside the opened archives, as bundle paths.
    pub(super) fn nested_docker_roots(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        self.nested.iter().flat_map(|n| {
            n.entries
                .iter()
                .filter_map(|e| e.path.as_deref())
                .filter(|p| paths::file_name(p) == b"manifest.json")
                .map(|p| paths::join(&n.path, paths::parent(p)))
        })
    }
}
