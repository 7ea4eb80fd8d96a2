//! Step 2 of the plan: stream the bundle once: hash the bundle file as stored and feed the detached
//! signatures over it, decompress, walk the tar (or the folder), hash every entry, and keep the
//! small entries that are lists or signatures.

use super::nested::Opener;
use super::*;
use crate::carriers::gomod::GoWatch;
use crate::carriers::images::ImageWatch;
use crate::carriers::{self, ContentChecker, EntryView, Keeper};

/// Reads through to `inner`, hashing, feeding streaming signatures and counting.
pub(super) struct Feed<'a, 'p, R> {
    inner: R,
    /// False when the digest is computed elsewhere ([`Mode::ContentOnly`]).
    hash: bool,
    sha: Sha256,
    streams: Vec<Box<dyn StreamVerifier>>,
    meter: &'a mut Meter<'p>,
}

/// Walk the tar stream in `raw` (gunzipped first when `gzip`). With the `threads` feature,
/// decompression and the tar walk (with entry hashing) run on other threads while this one reads
/// and hashes the bundle file: see `pipeline`.
#[cfg(feature = "threads")]
pub(super) fn scan_stream(
    raw: impl Read,
    gzip: bool,
    limits: TarLimits,
    visit: impl FnMut(&archive::Header, &mut dyn Read) -> io::Result<()> + Send,
) -> Result<archive::End, ArchiveError> {
    crate::containers::pipeline::scan(raw, gzip, limits, visit)
}

#[cfg(not(feature = "threads"))]
pub(super) fn scan_stream(
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

/// Hash an entry's content and show it to the content checkers as it passes (the [`Keeper`]
/// keeps the bundle's own lists and signatures); an archive among the entries is walked as it
/// passes when an `opener` is given ([`super::nested`]). Returns its SHA-256.
pub(super) fn hash_entry(
    r: &mut dyn Read,
    view: EntryView,
    checkers: &mut [&mut dyn ContentChecker],
    buf: &mut [u8],
    opener: Option<&mut Opener>,
) -> io::Result<[u8; 32]> {
    let mut sha = Sha256::new();
    let head_len = (view.size.min(classify::HEAD_LEN as u64)) as usize;
    let mut filled = 0;
    while filled < head_len {
        let n = r.read(&mut buf[filled..head_len])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    sha.update(&buf[..filled]);
    let view = EntryView {
        role: carriers::role_of(&buf[..filled], view.size),
        ..view
    };
    let mut wanting = Vec::new();
    let mut decoding = Vec::new();
    for (i, c) in checkers.iter_mut().enumerate() {
        if c.begin(&view, &buf[..filled]) {
            wanting.push(i);
        }
        if c.wants_decoded() {
            decoding.push(i);
        }
    }
    let codec = carriers::layers::Codec::sniff(&buf[..filled]);
    let layer = !decoding.is_empty() && codec != carriers::layers::Codec::Plain;
    let opener = opener.filter(|o| decoding.is_empty() && o.wants(&view));
    if layer || opener.is_some() {
        // Decompress (or walk the archive) as the bytes pass: the reader pulls them through the
        // tee, which hashes them and shows them to the checkers first.
        let mut tee = Tee {
            head: buf[..filled].to_vec(),
            pos: 0,
            inner: r,
            sha: &mut sha,
            checkers: &mut *checkers,
            wanting: &wanting,
            error: None,
        };
        let decoded = match opener {
            Some(o) => {
                o.walk(&view, &mut tee);
                None
            }
            None => Some(carriers::layers::decode(codec, &mut tee)),
        };
        let drained = io::copy(&mut tee, &mut io::sink());
        if let Some(e) = tee.error.take() {
            return Err(e);
        }
        drained?;
        if let Some(decoded) = decoded {
            for &i in &decoding {
                checkers[i].decoded(&decoded);
            }
        }
    } else {
        loop {
            let n = r.read(buf)?;
            if n == 0 {
                break;
            }
            sha.update(&buf[..n]);
            for &i in &wanting {
                checkers[i].data(&buf[..n]);
            }
        }
    }
    let sha: [u8; 32] = sha.finalize().into();
    for c in checkers.iter_mut() {
        c.end(&view, &sha);
    }
    Ok(sha)
}

/// An entry's bytes on their way to a decompressor: the head (already hashed and shown), then
/// the rest, hashed and shown to the checkers as it passes. An error of the entry's own reader is
/// kept for the caller (the decompressor would only see "corrupt").
struct Tee<'a, 'c> {
    head: Vec<u8>,
    pos: usize,
    inner: &'a mut dyn Read,
    sha: &'a mut Sha256,
    checkers: &'a mut [&'c mut dyn ContentChecker],
    wanting: &'a [usize],
    error: Option<io::Error>,
}

impl Read for Tee<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.error.is_some() {
            return Err(io::Error::other("the entry could not be read"));
        }
        if self.pos < self.head.len() {
            let n = buf.len().min(self.head.len() - self.pos);
            buf[..n].copy_from_slice(&self.head[self.pos..self.pos + n]);
            self.pos += n;
            return Ok(n);
        }
        match self.inner.read(buf) {
            Ok(n) => {
                self.sha.update(&buf[..n]);
                for &i in self.wanting {
                    self.checkers[i].data(&buf[..n]);
                }
                Ok(n)
            }
            Err(e) => {
                self.error = Some(e);
                Err(io::Error::other("the entry could not be read"))
            }
        }
    }
}

impl<R> Feed<'_, '_, R> {
    /// The whole file's record: its SHA-256 and how each signature checked over it ended
    /// (`ids`: the signature and key index of each stream, in order).
    fn into_file(self, name: String, ids: Vec<(usize, usize)>) -> FileRec {
        let streamed = ids
            .into_iter()
            .zip(self.streams)
            .map(|((s, k), v)| (s, k, v.finish()))
            .collect();
        FileRec {
            name,
            sha256: self.sha.finalize().into(),
            streamed,
            vouched: false,
        }
    }
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

impl Run {
    /// Detached signatures (given as inputs) that may cover the whole file `name`.
    pub(super) fn streams_for(
        &self,
        name: &str,
        single_archive: bool,
    ) -> Vec<(usize, usize, Box<dyn StreamVerifier>)> {
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
                if rec.sig.made_by(&k.key) {
                    if let Some(s) = rec.sig.stream(&k.key) {
                        out.push((si, ki, s));
                    }
                }
            }
        }
        out
    }

    /// Hash a whole input file (and check signatures over it); returns its index in `files`.
    /// With `open`, the file (a tar or tar.gz, as its role says) is also walked as it passes, for
    /// the images and module caches it holds ([`super::nested`]).
    pub(super) fn hash_file(
        &mut self,
        src: &dyn Source,
        archive: bool,
        meter: &mut Meter,
        open: Option<(&mut Opener, Role)>,
    ) -> Option<usize> {
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
        if let Some((opener, role)) = open {
            let path = paths::normalize(src.name().as_bytes()).ok();
            let view = EntryView {
                index: 0,
                path: path.as_deref(),
                kind: EntryKind::File,
                size: src.len(),
                role,
            };
            if opener.wants(&view) {
                opener.walk(&view, &mut feed);
            }
        }
        if let Err(e) = io::copy(&mut feed, &mut io::sink()) {
            if !feed.meter.cancelled {
                self.unreadable(src.name(), &e);
            }
            return None;
        }
        self.files.push(feed.into_file(src.name().to_string(), ids));
        Some(self.files.len() - 1)
    }

    pub(super) fn scan_archive(&mut self, src: Box<dyn Source>, role: Role, meter: &mut Meter) {
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
        let mut keeper = Keeper::new(max_meta);
        let mut watch = ImageWatch::new();
        let mut go = GoWatch::new();
        let mut opener = Opener::new(self.limits());
        let max_held = self.limits().max_held_bytes;
        let mut held: u64 = 0;
        let mut limit_hit: Option<Message> = None;
        let result = {
            let visit = |h: &archive::Header, r: &mut dyn Read| -> io::Result<()> {
                if found.len() as u64 >= max_entries {
                    limit_hit = Some(msg!("finding-too-many-entries", "limit" => max_entries));
                    return Err(io::Error::other("entry limit"));
                }
                held += (std::mem::size_of::<Scanned>()
                    + h.path.len()
                    + h.link_target.as_ref().map_or(0, |l| l.len())) as u64;
                opener.outside = held + keeper.held_bytes() + watch.held_bytes() + go.held_bytes();
                if opener.outside + opener.held_bytes() > max_held {
                    limit_hit = Some(msg!("finding-too-much-memory", "limit" => max_held));
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
                    let view = EntryView {
                        index: found.len(),
                        path: s.path.as_deref(),
                        kind: h.kind,
                        size: h.size,
                        role: Role::File,
                    };
                    s.sha256 = Some(hash_entry(
                        r,
                        view,
                        &mut [&mut keeper, &mut watch, &mut go],
                        &mut buf,
                        Some(&mut opener),
                    )?);
                }
                found.push(s);
                Ok(())
            };
            scan_stream(&mut feed, role == Role::TarGz, tar_limits, visit)
        };
        self.buf = buf;
        self.image_watch = watch;
        self.go_watch = go;
        self.nested = opener.found;
        let mut end = None;
        match result {
            Ok(e) => end = Some(e),
            Err(_) if feed.meter.cancelled => return,
            Err(ArchiveError::Io(_)) if limit_hit.is_some() => self.finding(
                Code::LimitExceeded,
                Severity::Problem,
                Some(name.clone()),
                limit_hit
                    .take()
                    .unwrap_or_else(|| msg!("finding-too-many-entries", "limit" => max_entries)),
            ),
            Err(ArchiveError::Io(e)) => self.unreadable(&name, &e),
            Err(ArchiveError::Limit { offset, message }) => self.finding(
                Code::LimitExceeded,
                Severity::Problem,
                Some(name.clone()),
                msg!("finding-archive-limit", "bundle" => &name, "detail" => message, "offset" => offset),
            ),
            Err(ArchiveError::Ambiguous { offset, message }) => self.finding(
                Code::AmbiguousHeader,
                Severity::Problem,
                Some(name.clone()),
                msg!("finding-ambiguous-header", "bundle" => &name, "detail" => message, "offset" => offset),
            ),
            Err(ArchiveError::Corrupt { offset, message }) => self.finding(
                Code::CorruptArchive,
                Severity::Problem,
                Some(name.clone()),
                msg!("finding-corrupt-archive", "bundle" => &name, "detail" => message, "offset" => offset),
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
                    msg!(
                        "finding-trailing-data",
                        "size" => end.trailing_nonzero,
                        "offset" => end.trailing_offset.unwrap_or(0),
                    ),
                );
            }
        }
        let file = feed.into_file(name.clone(), ids);
        let sha256 = file.sha256;
        self.files.push(file);
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
        for (idx, role, bytes) in keeper.kept {
            let (Some(path), size) = (self.entries[idx].path.clone(), self.entries[idx].size)
            else {
                continue;
            };
            self.keep_meta(path, role, size, bytes);
        }
        self.take_metas();
    }

    pub(super) fn scan_tree(
        &mut self,
        name: String,
        mut members: Vec<TreeMember>,
        meter: &mut Meter,
    ) {
        members.sort_by(|a, b| a.path.cmp(&b.path));
        let max_meta = self.limits().max_meta_size;
        let mut buf = std::mem::take(&mut self.buf);
        let mut watch = ImageWatch::new();
        let mut go = GoWatch::new();
        let mut opener = Opener::new(self.limits());
        let mut size = 0;
        for m in members {
            if self.entries.len() as u64 >= self.limits().max_entries {
                self.finding(
                    Code::LimitExceeded,
                    Severity::Problem,
                    Some(name.clone()),
                    msg!("finding-folder-too-many-entries", "limit" => self.limits().max_entries),
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
                let mut keeper = Keeper::new(max_meta);
                let view = EntryView {
                    index: self.entries.len(),
                    path: s.path.as_deref(),
                    kind: s.kind,
                    size: s.size,
                    role: Role::File,
                };
                let hashed = src.open().and_then(|r| {
                    let mut feed = Feed {
                        inner: r,
                        hash: true,
                        sha: Sha256::new(),
                        streams: Vec::new(),
                        meter,
                    };
                    hash_entry(
                        &mut feed,
                        view,
                        &mut [&mut keeper, &mut watch, &mut go],
                        &mut buf,
                        Some(&mut opener),
                    )
                });
                match hashed {
                    Ok(sha) => {
                        s.sha256 = Some(sha);
                        if let (Some((_, role, bytes)), Some(path)) = (keeper.kept.pop(), &s.path) {
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
        self.image_watch = watch;
        self.go_watch = go;
        self.nested = opener.found;
        self.bundle = Some(report::Bundle {
            name,
            format: "directory".into(),
            size,
            sha256: None,
            root: None,
        });
        self.take_metas();
    }

    /// Take the bundle file's digest computed by [`digest_bundle`] in a split run.
    pub(super) fn apply_digest(&mut self, digest: Option<FileDigest>) {
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
                msg!("finding-digest-missing", "bundle" => &name),
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
                    && self.sigs[si].sig.made_by(&self.keys[ki].key)
            })
            .collect();
        self.files[fi].sha256 = sha256;
        self.files[fi].streamed = streamed;
        if let Some(b) = self.bundle.as_mut() {
            b.sha256 = Some(hex32(&sha256));
        }
    }
}
