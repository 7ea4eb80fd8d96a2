//! tar archives (plain, or inside gzip), read as one forward stream.
//!
//! Accepts ustar/POSIX and GNU headers, GNU long names and long link names (`L`, `K`), PAX
//! extended headers (`x`: `path`, `linkpath`, `size`), PAX global headers (`g`) that carry only
//! harmless records (`comment`, times, owners, charsets: what `git archive` writes), and old GNU
//! sparse files (`S`), whose holes are expanded to zeros as the entry is read. Every header
//! checksum is checked; the archive must end with the end-of-archive marker, and non-zero bytes
//! after it are reported. Links, directories, devices and FIFOs that claim data are refused: tar
//! implementations disagree about such data.
//!
//! **One rule: a header is accepted only when the mainstream extractors — GNU tar, bsdtar
//! (libarchive), Python's `tarfile` and Go's `archive/tar` — read it the same way.** Where they
//! could disagree, reading stops with [`ArchiveError::Ambiguous`], naming the field and why: a
//! checker that reads one archive while an extractor writes another is the way to a false
//! "verified". Concretely (SECURITY.md, "Parser differentials", has the table):
//! - numeric fields are `[spaces][octal digits][NULs or spaces]`, or base-256 starting with byte
//!   0x80; a leading NUL, a tab, a sign, garbage after the digits or a negative base-256 value is
//!   refused (GNU tar reads `"\0\0123"` as 0, others as 0o123 or an error);
//! - PAX records are exactly `LEN SP key=value LF` with a consistent decimal length; blanks around
//!   the key, duplicate keys, trailing bytes, NULs in values, keys that GNU tar or libarchive apply
//!   but this reader does not (sparse maps, multi-volume, dump directories, file types, ACLs and
//!   extended attributes, which bsdtar restores and GNU tar does not) are refused;
//! - a global header (`g`) may not set `path`, `linkpath` or `size` (GNU tar applies them to the
//!   entries that follow, others ignore them);
//! - type flags `0`, NUL, `7` and unknown ones (`Z`, …) are regular files — every extractor writes
//!   them as such — and are hashed like files; `A`, `D`, `E`, `I`, `M`, `N`, `V`, `X` mean different
//!   things to different readers and are refused, as is a regular file whose name ends in `/`
//!   (GNU tar and Python make it a directory);
//! - a GNU long name must be a plain NUL-terminated name, and may not meet a PAX `path` for the
//!   same entry (`linkpath` likewise); extension headers need a ustar or GNU magic;
//! - the `prefix` field is used only in POSIX ustar headers (magic `ustar\0`, version `00`);
//!   a non-empty one anywhere else is refused (Python prepends it, GNU tar does not), and so is a
//!   magic that is neither ustar, GNU nor empty.
//!
//! Written by hand rather than with the `tar` crate because that crate reads long names and PAX
//! headers into memory whatever their size and is lenient where extractors disagree; here every
//! piece of metadata has a bound ([`TarLimits`]), so no archive can make memory grow without
//! limit, and every field is read strictly.

use std::io::{self, Read};

use crate::i18n::Message;
use crate::msg;
use crate::report::EntryKind;

const BLOCK: u64 = 512;

/// Bounds on metadata held in memory while reading.
#[derive(Clone, Copy, Debug)]
pub struct TarLimits {
    /// Longest path or link target, in bytes.
    pub max_path_len: usize,
    /// Largest PAX extended header, in bytes.
    pub max_pax_size: u64,
    /// Most segments in one sparse file's map.
    pub max_sparse_segments: usize,
    /// Most bytes of holes (zeros that are not stored) that sparse entries may expand to, over the
    /// whole archive. Holes cost the archive nothing, so without this bound a few hundred bytes
    /// could claim a petabyte of zeros and keep the reader hashing for days.
    pub max_sparse_holes: u64,
}

impl Default for TarLimits {
    fn default() -> Self {
        TarLimits {
            max_path_len: 4096,
            max_pax_size: 1 << 20,
            max_sparse_segments: 1 << 20,
            max_sparse_holes: 16 << 30,
        }
    }
}

/// What the archive says about one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The path as stored (after long-name and PAX overrides), not normalised.
    pub path: Vec<u8>,
    pub kind: EntryKind,
    /// The raw type flag byte.
    pub type_flag: u8,
    /// Content size (for sparse files, the expanded size).
    pub size: u64,
    pub mode: Option<u32>,
    /// Link target for symbolic and hard links.
    pub link_target: Option<Vec<u8>>,
    /// Offset of the entry's header in the (decompressed) tar stream.
    pub offset: u64,
}

/// Why reading stopped early. The `message` is a catalogue fragment (`detail-tar-…`, …), placed
/// by the caller in a sentence that names the bundle and the offset; [`std::fmt::Display`] gives
/// it in English with the offset (for logs and tests).
#[derive(Debug)]
pub enum ArchiveError {
    /// The archive's bytes are wrong (offset in the decompressed tar stream).
    Corrupt { offset: u64, message: Message },
    /// A header that extractors could read in different ways (offset of the header).
    Ambiguous { offset: u64, message: Message },
    /// A [`TarLimits`] bound was reached.
    Limit { offset: u64, message: Message },
    /// Reading the input failed (or was cancelled, or the visitor failed).
    Io(io::Error),
}

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArchiveError::Corrupt { offset, message } => {
                write!(f, "{message} (at byte {offset} of the tar stream)")
            }
            ArchiveError::Ambiguous { offset, message } => {
                write!(f, "{message} (header at byte {offset} of the tar stream)")
            }
            ArchiveError::Limit { offset, message } => {
                write!(f, "{message} (at byte {offset} of the tar stream)")
            }
            ArchiveError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// How the archive ended.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct End {
    /// Entries passed to the visitor.
    pub entries: u64,
    /// Non-zero bytes found after the end-of-archive marker.
    pub trailing_nonzero: u64,
    /// Offset of the first such byte.
    pub trailing_offset: Option<u64>,
}

/// Counts bytes read from the decompressed stream, and maps gzip damage to `Corrupt`.
struct Tracked<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Tracked<R> {
    fn read_block(&mut self, block: &mut [u8; 512]) -> Result<bool, ArchiveError> {
        let mut filled = 0;
        while filled < block.len() {
            match self.inner.read(&mut block[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io_error(e)),
            }
        }
        self.pos += filled as u64;
        match filled {
            0 => Ok(false),
            512 => Ok(true),
            _ => Err(ArchiveError::Corrupt {
                offset: self.pos,
                message: msg!("detail-tar-truncated-header"),
            }),
        }
    }

    fn io_error(&self, e: io::Error) -> ArchiveError {
        if e.kind() == io::ErrorKind::InvalidData {
            ArchiveError::Corrupt {
                offset: self.pos,
                message: Message::from_io(&e),
            }
        } else {
            ArchiveError::Io(e)
        }
    }

    /// Read exactly `n` bytes into a new vector (callers bound `n`).
    fn read_vec(&mut self, n: u64) -> Result<Vec<u8>, ArchiveError> {
        let mut v = vec![0u8; n as usize];
        self.read_exact_or_truncated(&mut v)?;
        Ok(v)
    }

    fn read_exact_or_truncated(&mut self, buf: &mut [u8]) -> Result<(), ArchiveError> {
        let mut filled = 0;
        while filled < buf.len() {
            match self.inner.read(&mut buf[filled..]) {
                Ok(0) => {
                    return Err(ArchiveError::Corrupt {
                        offset: self.pos + filled as u64,
                        message: msg!("detail-tar-truncated-data"),
                    })
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io_error(e)),
            }
        }
        self.pos += buf.len() as u64;
        Ok(())
    }

    fn skip(&mut self, mut n: u64) -> Result<(), ArchiveError> {
        let mut buf = [0u8; 8192];
        while n > 0 {
            let take = n.min(buf.len() as u64) as usize;
            self.read_exact_or_truncated(&mut buf[..take])?;
            n -= take as u64;
        }
        Ok(())
    }
}

fn padding(size: u64) -> u64 {
    (BLOCK - size % BLOCK) % BLOCK
}

/// Parse a numeric header field strictly: `[spaces][octal digits][NULs or spaces]`, a field of
/// NULs only (0 to every reader; the `tar` crate leaves unset fields so), or a positive base-256
/// number (first byte 0x80). The error says why the field is refused.
fn parse_number(field: &[u8]) -> Result<u64, Message> {
    match field.first() {
        Some(0x80) => {
            let mut v: u64 = 0;
            for &b in &field[1..] {
                v = v
                    .checked_mul(256)
                    .and_then(|v| v.checked_add(b as u64))
                    .filter(|&v| v <= i64::MAX as u64)
                    .ok_or_else(|| msg!("detail-number-base256-too-large"))?;
            }
            return Ok(v);
        }
        Some(&b) if b & 0x80 != 0 => return Err(msg!("detail-number-base256-malformed")),
        _ => {}
    }
    if field.iter().all(|&b| b == 0) {
        return Ok(0);
    }
    let start = field.iter().take_while(|&&b| b == b' ').count();
    let digits = field[start..]
        .iter()
        .take_while(|b| (b'0'..=b'7').contains(b))
        .count();
    if digits == 0 {
        return Err(if field[start..].first() == Some(&0) && start == 0 {
            msg!("detail-number-leading-nul")
        } else {
            msg!("detail-number-no-digits")
        });
    }
    let end = start + digits;
    if field[end..].iter().any(|&b| b != 0 && b != b' ') {
        return Err(msg!("detail-number-trailing-bytes"));
    }
    let mut v: u64 = 0;
    for &b in &field[start..end] {
        v = v
            .checked_mul(8)
            .and_then(|v| v.checked_add((b - b'0') as u64))
            .ok_or_else(|| msg!("detail-number-too-large"))?;
    }
    Ok(v)
}

/// The old, lenient reading of a numeric field, used only to recognise an archive by its first
/// header (a strict reading then refuses what is ambiguous, with a finding).
fn parse_number_lenient(field: &[u8]) -> Option<u64> {
    if let Ok(v) = parse_number(field) {
        return Some(v);
    }
    let digits: Vec<u8> = field
        .iter()
        .copied()
        .skip_while(|&b| b == b' ' || b == 0)
        .take_while(|&b| b != b' ' && b != 0)
        .collect();
    let mut v: u64 = 0;
    for b in digits {
        if !(b'0'..=b'7').contains(&b) {
            return None;
        }
        v = v.checked_mul(8)?.checked_add((b - b'0') as u64)?;
    }
    Some(v)
}

fn cstr(field: &[u8]) -> &[u8] {
    match field.iter().position(|&b| b == 0) {
        Some(i) => &field[..i],
        None => field,
    }
}

fn checksum_ok(block: &[u8; 512], stored: u64) -> bool {
    let mut unsigned: u64 = 0;
    let mut signed: i64 = 0;
    for (i, &b) in block.iter().enumerate() {
        let b = if (148..156).contains(&i) { b' ' } else { b };
        unsigned += b as u64;
        signed += (b as i8) as i64;
    }
    stored == unsigned || stored as i64 == signed
}

/// True when `block` is a tar header with a valid checksum (used to recognise archives).
pub fn looks_like_tar(block: &[u8]) -> bool {
    match <&[u8; 512]>::try_from(block.get(..512).unwrap_or(&[])) {
        Ok(b) => {
            !b.iter().all(|&x| x == 0)
                && parse_number_lenient(&b[148..156]).is_some_and(|sum| checksum_ok(b, sum))
        }
        Err(_) => false,
    }
}

/// Type flags that readers treat differently (Solaris ACLs and extended attributes, GNU dump
/// directories, multi-volume continuations, old long names, volume labels, inode metadata, old
/// Solaris extended headers): refused.
const AMBIGUOUS_FLAGS: &[u8] = b"ADEIMNVX";

/// What an entry is, as every extractor writes it. Unknown type flags are extracted as regular
/// files by GNU tar, libarchive and Python, so they are files here too.
fn kind_of(flag: u8) -> EntryKind {
    match flag {
        b'1' => EntryKind::Hardlink,
        b'2' => EntryKind::Symlink,
        b'3' => EntryKind::CharDevice,
        b'4' => EntryKind::BlockDevice,
        b'5' => EntryKind::Directory,
        b'6' => EntryKind::Fifo,
        _ => EntryKind::File,
    }
}

/// PAX records that matter here.
#[derive(Default)]
struct Pax {
    path: Option<Vec<u8>>,
    linkpath: Option<Vec<u8>>,
    size: Option<u64>,
}

/// Is a PAX key one this reader may ignore? `Err` says why not: some extractor applies it to what
/// it writes, and this reader does not.
fn ignorable_pax_key(key: &[u8], value: &[u8]) -> Result<(), Message> {
    const HARMLESS: &[&[u8]] = &[
        b"comment",
        b"charset",
        b"hdrcharset",
        b"mtime",
        b"atime",
        b"ctime",
        b"uid",
        b"gid",
        b"uname",
        b"gname",
        b"SCHILY.devmajor",
        b"SCHILY.devminor",
        b"SCHILY.dev",
        b"SCHILY.ino",
        b"SCHILY.nlink",
        b"SCHILY.fflags",
        b"LIBARCHIVE.creationtime",
        b"LIBARCHIVE.symlinktype",
    ];
    if HARMLESS.contains(&key) {
        // GNU tar refuses the whole header when one of these is malformed, others ignore it.
        let digits = |v: &[u8]| !v.is_empty() && v.len() <= 19 && v.iter().all(u8::is_ascii_digit);
        let fine = match key {
            b"mtime" | b"atime" | b"ctime" | b"LIBARCHIVE.creationtime" => {
                let v = value.strip_prefix(b"-").unwrap_or(value);
                let mut parts = v.splitn(2, |&b| b == b'.');
                parts.next().is_some_and(digits) && parts.next().is_none_or(digits)
            }
            b"uid" | b"gid" => std::str::from_utf8(value)
                .ok()
                .filter(|_| digits(value))
                .and_then(|v| v.parse::<u32>().ok())
                .is_some(),
            b"SCHILY.devmajor" | b"SCHILY.devminor" | b"SCHILY.dev" | b"SCHILY.ino"
            | b"SCHILY.nlink" => digits(value),
            b"hdrcharset" => value == b"BINARY" || value == b"ISO-IR 10646 2000 UTF-8",
            _ => true,
        };
        if !fine {
            return Err(
                msg!("detail-pax-malformed-value", "key" => String::from_utf8_lossy(key).into_owned()),
            );
        }
        return Ok(());
    }
    let shown = String::from_utf8_lossy(key);
    let xattr = key.starts_with(b"SCHILY.xattr.") || key.starts_with(b"LIBARCHIVE.xattr.");
    if xattr {
        // bsdtar restores extended attributes by default (as root), GNU tar only with --xattrs:
        // what lands on disk differs, no checksum list covers it, and among them are file
        // capabilities and security labels.
        return Err(msg!("detail-pax-xattr", "key" => shown.into_owned()));
    }
    let applied_elsewhere = key.starts_with(b"GNU.")
        || key.starts_with(b"SCHILY.")
        || key.starts_with(b"LIBARCHIVE.")
        || key.starts_with(b"SUN.")
        || key.starts_with(b"RHT.");
    if applied_elsewhere {
        return Err(msg!("detail-pax-applied-elsewhere", "key" => shown.into_owned()));
    }
    // Any other key is unknown to every extractor, which all ignore it.
    Ok(())
}

/// Parse a PAX extended header strictly: records exactly `LEN SP key=value LF`, with `LEN` the
/// record's decimal length. The error says what is wrong.
fn parse_pax(data: &[u8]) -> Result<Pax, Message> {
    let mut pax = Pax::default();
    let mut keys: Vec<&[u8]> = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return Err(if rest.iter().all(|&b| b == 0) {
                msg!("detail-pax-trailing-nul")
            } else {
                msg!("detail-pax-no-length")
            });
        }
        if rest[0] == b'0' || digits > 9 {
            return Err(msg!("detail-pax-length-leading-zero"));
        }
        if rest.get(digits) != Some(&b' ') || matches!(rest.get(digits + 1), Some(b' ' | b'\t')) {
            return Err(msg!("detail-pax-length-space"));
        }
        let len: usize = std::str::from_utf8(&rest[..digits])
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(usize::MAX);
        if len > rest.len() || len < digits + 4 || rest[len - 1] != b'\n' {
            return Err(msg!("detail-pax-length-mismatch"));
        }
        let record = &rest[digits + 1..len - 1];
        let eq = record
            .iter()
            .position(|&b| b == b'=')
            .ok_or_else(|| msg!("detail-pax-no-equals"))?;
        let (key, value) = (&record[..eq], &record[eq + 1..]);
        if key.is_empty() || key.iter().any(|&b| matches!(b, b' ' | b'\t' | b'\n' | 0)) {
            return Err(
                msg!("detail-pax-blank-key", "key" => format!("{:?}", String::from_utf8_lossy(key))),
            );
        }
        if keys.contains(&key) {
            return Err(
                msg!("detail-pax-duplicate-key", "key" => String::from_utf8_lossy(key).into_owned()),
            );
        }
        keys.push(key);
        if value.contains(&0) {
            return Err(
                msg!("detail-pax-nul-value", "key" => String::from_utf8_lossy(key).into_owned()),
            );
        }
        match key {
            b"path" if value.is_empty() => return Err(msg!("detail-pax-empty-path")),
            b"path" => pax.path = Some(value.to_vec()),
            b"linkpath" => pax.linkpath = Some(value.to_vec()),
            b"size" => {
                let plain = !value.is_empty() && value.iter().all(u8::is_ascii_digit);
                pax.size = Some(
                    std::str::from_utf8(value)
                        .ok()
                        .filter(|_| plain)
                        .and_then(|s| s.parse().ok())
                        .ok_or_else(|| msg!("detail-pax-size-not-decimal"))?,
                );
            }
            _ => ignorable_pax_key(key, value)?,
        }
        rest = &rest[len..];
    }
    Ok(pax)
}

/// An old-GNU sparse file: data segments (offset, length) in the expanded file.
struct SparseReader<'a, R: Read> {
    inner: &'a mut Tracked<R>,
    segments: Vec<(u64, u64)>,
    next_segment: usize,
    /// Position in the expanded file.
    pos: u64,
    real_size: u64,
    /// Bytes left in the current data segment.
    in_segment: u64,
}

impl<R: Read> Read for SparseReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.pos >= self.real_size {
            return Ok(0);
        }
        if self.in_segment > 0 {
            let take = (buf.len() as u64).min(self.in_segment) as usize;
            let n = self.inner.inner.read(&mut buf[..take])?;
            if n == 0 {
                return Err(
                    msg!("detail-tar-sparse-data-short").into_io(io::ErrorKind::UnexpectedEof)
                );
            }
            self.inner.pos += n as u64;
            self.in_segment -= n as u64;
            self.pos += n as u64;
            return Ok(n);
        }
        let hole_end = match self.segments.get(self.next_segment) {
            Some(&(off, len)) if off == self.pos => {
                self.next_segment += 1;
                self.in_segment = len;
                return self.read(buf);
            }
            Some(&(off, _)) => off,
            None => self.real_size,
        };
        let take = (buf.len() as u64).min(hole_end - self.pos) as usize;
        buf[..take].fill(0);
        self.pos += take as u64;
        Ok(take)
    }
}

/// A reader of exactly `left` bytes of the tar stream.
struct EntryReader<'a, R: Read> {
    inner: &'a mut Tracked<R>,
    left: u64,
}

impl<R: Read> Read for EntryReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 || buf.is_empty() {
            return Ok(0);
        }
        let take = (buf.len() as u64).min(self.left) as usize;
        let n = self.inner.inner.read(&mut buf[..take])?;
        if n == 0 {
            return Err(msg!("detail-tar-truncated-data").into_io(io::ErrorKind::UnexpectedEof));
        }
        self.inner.pos += n as u64;
        self.left -= n as u64;
        Ok(n)
    }
}

fn visitor_error(e: io::Error, offset: u64) -> ArchiveError {
    match e.kind() {
        io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData => ArchiveError::Corrupt {
            offset,
            message: Message::from_io(&e),
        },
        _ => ArchiveError::Io(e),
    }
}

/// Read a tar stream from `reader`, calling `visit` with each entry's header and a reader of its
/// content. Whatever `visit` leaves unread is skipped. Extension headers (`L`, `K`, `x`, `g`) are
/// applied, not visited.
pub fn scan<R: Read>(
    mut reader: R,
    limits: TarLimits,
    mut visit: impl FnMut(&Header, &mut dyn Read) -> io::Result<()>,
) -> Result<End, ArchiveError> {
    // One copy of the reader for every caller (the page's module carries it once, not once per
    // reader and visitor type): a call through a pointer per read costs nothing next to the read.
    scan_dyn(&mut reader, limits, &mut visit)
}

fn scan_dyn(
    reader: &mut dyn Read,
    limits: TarLimits,
    visit: &mut dyn FnMut(&Header, &mut dyn Read) -> io::Result<()>,
) -> Result<End, ArchiveError> {
    let mut t = Tracked {
        inner: reader,
        pos: 0,
    };
    let mut end = End::default();
    let mut long_name: Option<Vec<u8>> = None;
    let mut long_link: Option<Vec<u8>> = None;
    let mut pax: Option<Pax> = None;
    let mut sparse_holes: u64 = 0;
    let mut block = [0u8; 512];
    loop {
        let offset = t.pos;
        if !t.read_block(&mut block)? {
            return Err(ArchiveError::Corrupt {
                offset,
                message: msg!("detail-tar-no-end-marker"),
            });
        }
        if block.iter().all(|&b| b == 0) {
            if long_name.is_some() || long_link.is_some() || pax.is_some() {
                return Err(ArchiveError::Corrupt {
                    offset,
                    message: msg!("detail-tar-orphan-extension"),
                });
            }
            // End of archive: the rest of the stream must be zeros (the second end block and
            // record padding). A header right after one zero block is read by `tar -i` and some
            // readers, and ends the archive for others.
            let mut next = [0u8; 512];
            let mut got = 0;
            while got < next.len() {
                match t.inner.read(&mut next[got..]) {
                    Ok(0) => break,
                    Ok(n) => got += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(t.io_error(e)),
                }
            }
            if got == next.len() && looks_like_tar(&next) {
                return Err(ArchiveError::Ambiguous {
                    offset,
                    message: msg!("detail-tar-ambiguous", "detail" => msg!("detail-tar-lone-zero-block")),
                });
            }
            for (i, &b) in next[..got].iter().enumerate() {
                if b != 0 {
                    end.trailing_offset.get_or_insert(t.pos + i as u64);
                    end.trailing_nonzero += 1;
                }
            }
            t.pos += got as u64;
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = match t.inner.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(t.io_error(e)),
                };
                for (i, &b) in buf[..n].iter().enumerate() {
                    if b != 0 {
                        end.trailing_offset.get_or_insert(t.pos + i as u64);
                        end.trailing_nonzero += 1;
                    }
                }
                t.pos += n as u64;
            }
            return Ok(end);
        }
        let ambiguous = |why: Message| ArchiveError::Ambiguous {
            offset,
            message: msg!("detail-tar-ambiguous", "detail" => why),
        };
        match parse_number(&block[148..156]) {
            Ok(sum) if checksum_ok(&block, sum) => {}
            Err(why)
                if parse_number_lenient(&block[148..156])
                    .is_some_and(|sum| checksum_ok(&block, sum)) =>
            {
                return Err(ambiguous(
                    msg!("detail-tar-field-refused", "field" => "checksum", "detail" => why),
                ));
            }
            _ => {
                return Err(ArchiveError::Corrupt {
                    offset,
                    message: msg!("detail-tar-bad-checksum"),
                })
            }
        }
        let flag = block[156];
        check_header(&block).map_err(ambiguous)?;
        let header_size = parse_number(&block[124..136]).map_err(|w| {
            ambiguous(msg!("detail-tar-field-refused", "field" => "size", "detail" => w))
        })?;
        let limit = |what: Message, size: u64, max: u64| ArchiveError::Limit {
            offset,
            message: msg!("detail-tar-limit", "what" => what, "size" => size, "limit" => max),
        };
        match flag {
            b'L' | b'K' => {
                let max = limits.max_path_len as u64 + 1;
                if header_size > max {
                    return Err(limit(msg!("word-gnu-long-name"), header_size, max));
                }
                let data = t.read_vec(header_size)?;
                t.skip(padding(header_size))?;
                let value = cstr(&data).to_vec();
                if value.is_empty() || data[value.len()..].iter().any(|&b| b != 0) {
                    return Err(ambiguous(msg!("detail-tar-long-name-malformed")));
                }
                let slot = if flag == b'L' {
                    &mut long_name
                } else {
                    &mut long_link
                };
                if slot.replace(value).is_some() {
                    return Err(ArchiveError::Corrupt {
                        offset,
                        message: msg!("detail-tar-two-long-names"),
                    });
                }
                continue;
            }
            b'x' | b'g' => {
                if header_size > limits.max_pax_size {
                    return Err(limit(
                        msg!("word-pax-header"),
                        header_size,
                        limits.max_pax_size,
                    ));
                }
                let data = t.read_vec(header_size)?;
                t.skip(padding(header_size))?;
                let parsed = parse_pax(&data).map_err(|why| {
                    ambiguous(if flag == b'g' {
                        msg!("detail-tar-pax-global-refused", "detail" => why)
                    } else {
                        msg!("detail-tar-pax-extended-refused", "detail" => why)
                    })
                })?;
                if flag == b'g'
                    && (parsed.path.is_some() || parsed.linkpath.is_some() || parsed.size.is_some())
                {
                    return Err(ambiguous(msg!("detail-tar-pax-global-sets-path")));
                }
                if flag == b'x' && pax.replace(parsed).is_some() {
                    return Err(ArchiveError::Corrupt {
                        offset,
                        message: msg!("detail-tar-two-pax"),
                    });
                }
                continue;
            }
            _ => {}
        }

        let pax_now = pax.take().unwrap_or_default();
        if (pax_now.path.is_some() && long_name.is_some())
            || (pax_now.linkpath.is_some() && long_link.is_some())
        {
            return Err(ambiguous(msg!("detail-tar-pax-and-long-name")));
        }
        let path = if let Some(p) = pax_now.path {
            p
        } else if let Some(p) = long_name.take() {
            p
        } else if block[345] != 0 {
            // check_header allowed a prefix only in a POSIX ustar header.
            let mut p = cstr(&block[345..500]).to_vec();
            p.push(b'/');
            p.extend_from_slice(cstr(&block[0..100]));
            p
        } else {
            cstr(&block[0..100]).to_vec()
        };
        long_name = None;
        let link = pax_now
            .linkpath
            .or_else(|| long_link.take())
            .unwrap_or_else(|| cstr(&block[157..257]).to_vec());
        long_link = None;
        if path.len() > limits.max_path_len || link.len() > limits.max_path_len {
            return Err(limit(
                msg!("word-path"),
                path.len().max(link.len()) as u64,
                limits.max_path_len as u64,
            ));
        }
        let stored_size = pax_now.size.unwrap_or(header_size);
        let kind = kind_of(flag);
        if kind == EntryKind::File && (path.ends_with(b"/") || cstr(&block[0..100]).ends_with(b"/"))
        {
            return Err(ambiguous(msg!("detail-tar-file-slash")));
        }
        let mode = parse_number(&block[100..108])
            .ok()
            .map(|m| m as u32 & 0o7777);
        let mut header = Header {
            path,
            kind,
            type_flag: flag,
            size: stored_size,
            mode,
            link_target: matches!(kind, EntryKind::Symlink | EntryKind::Hardlink).then_some(link),
            offset,
        };
        match kind {
            EntryKind::File | EntryKind::Other => {}
            _ if stored_size != 0 => {
                return Err(ArchiveError::Corrupt {
                    offset,
                    message: msg!("detail-tar-data-on-non-file", "kind" => kind_word(kind), "size" => stored_size),
                })
            }
            _ => {}
        }
        end.entries += 1;
        if flag == b'S' {
            let (segments, real_size) = read_sparse_map(&mut t, &block, stored_size, limits)?;
            // The map was checked: the segments add up to `stored_size` and fit in `real_size`.
            sparse_holes = sparse_holes.saturating_add(real_size - stored_size);
            if sparse_holes > limits.max_sparse_holes {
                return Err(ArchiveError::Limit {
                    offset,
                    message: msg!("detail-tar-sparse-holes", "limit" => limits.max_sparse_holes),
                });
            }
            header.size = real_size;
            let mut r = SparseReader {
                inner: &mut t,
                segments,
                next_segment: 0,
                pos: 0,
                real_size,
                in_segment: 0,
            };
            visit(&header, &mut r).map_err(|e| visitor_error(e, offset))?;
            io::copy(&mut r, &mut io::sink()).map_err(|e| visitor_error(e, offset))?;
        } else {
            let mut r = EntryReader {
                inner: &mut t,
                left: stored_size,
            };
            visit(&header, &mut r).map_err(|e| visitor_error(e, offset))?;
            let left = r.left;
            t.skip(left)?;
        }
        t.skip(padding(stored_size))?;
    }
}

/// The header-wide rules of the module doc: numeric fields, magic, prefix, type flag. The error
/// says what is refused and why.
fn check_header(block: &[u8; 512]) -> Result<(), Message> {
    let flag = block[156];
    for (field, range) in [
        ("mode", 100..108),
        ("uid", 108..116),
        ("gid", 116..124),
        ("mtime", 136..148),
        ("devmajor", 329..337),
        ("devminor", 337..345),
    ] {
        parse_number(&block[range])
            .map_err(|why| msg!("detail-tar-field-refused", "field" => field, "detail" => why))?;
    }
    let posix = &block[257..263] == b"ustar\0" && &block[263..265] == b"00";
    let gnu = &block[257..265] == b"ustar  \0";
    let old = block[257..265].iter().all(|&b| b == 0);
    if !(posix || gnu || old) {
        return Err(msg!(
            "detail-tar-bad-magic",
            "magic" => format!("{:?}", String::from_utf8_lossy(&block[257..265])),
        ));
    }
    if old && b"LKxgS".contains(&flag) {
        return Err(msg!("detail-tar-extension-no-magic", "flag" => (flag as char).to_string()));
    }
    if AMBIGUOUS_FLAGS.contains(&flag) {
        return Err(msg!("detail-tar-ambiguous-flag", "flag" => (flag as char).to_string()));
    }
    let prefix = &block[345..500];
    if posix {
        let used = cstr(prefix).len();
        if prefix[used..].iter().any(|&b| b != 0) {
            return Err(msg!("detail-tar-prefix-trailing"));
        }
        if used > 0 && block[500..512].iter().any(|&b| b != 0) {
            return Err(msg!("detail-tar-prefix-tail"));
        }
    } else if flag != b'S' && prefix.iter().any(|&b| b != 0) {
        return Err(msg!("detail-tar-gnu-prefix"));
    }
    Ok(())
}

/// The name of a kind of entry, for a sentence (catalogue `word-…`).
pub fn kind_word(kind: EntryKind) -> Message {
    match kind {
        EntryKind::File => msg!("word-file"),
        EntryKind::Directory => msg!("word-directory"),
        EntryKind::Symlink => msg!("word-symlink"),
        EntryKind::Hardlink => msg!("word-hardlink"),
        EntryKind::CharDevice => msg!("word-char-device"),
        EntryKind::BlockDevice => msg!("word-block-device"),
        EntryKind::Fifo => msg!("word-fifo"),
        EntryKind::Other => msg!("word-special"),
    }
}

/// Read an old-GNU sparse map (in the header and any extension blocks).
fn read_sparse_map<R: Read>(
    t: &mut Tracked<R>,
    block: &[u8; 512],
    stored_size: u64,
    limits: TarLimits,
) -> Result<(Vec<(u64, u64)>, u64), ArchiveError> {
    let offset = t.pos;
    let bad = |m: Message| ArchiveError::Corrupt {
        offset,
        message: msg!("detail-sparse-bad-map", "detail" => m),
    };
    // A number that readers could read differently is ambiguous, not merely damaged.
    let number = |field: &[u8], what: fn() -> Message| {
        parse_number(field).map_err(|w| ArchiveError::Ambiguous {
            offset,
            message: msg!(
                "detail-tar-ambiguous",
                "detail" => msg!("detail-sparse-field-refused", "field" => what(), "detail" => w),
            ),
        })
    };
    let real_size = number(&block[483..495], || msg!("word-sparse-real-size"))?;
    let mut segments = Vec::new();
    let push = |field: &[u8], segments: &mut Vec<(u64, u64)>| -> Result<(), ArchiveError> {
        if field.iter().all(|&b| b == 0) {
            return Ok(());
        }
        let off = number(&field[..12], || msg!("word-sparse-offset"))?;
        let len = number(&field[12..24], || msg!("word-sparse-length"))?;
        if segments.len() >= limits.max_sparse_segments {
            return Err(ArchiveError::Limit {
                offset,
                message: msg!("detail-sparse-segments", "limit" => limits.max_sparse_segments),
            });
        }
        segments.push((off, len));
        Ok(())
    };
    for i in 0..4 {
        push(&block[386 + i * 24..386 + (i + 1) * 24], &mut segments)?;
    }
    let mut extended = block[482] != 0;
    let mut ext = [0u8; 512];
    while extended {
        if !t.read_block(&mut ext)? {
            return Err(bad(msg!("detail-sparse-ends-in-map")));
        }
        for i in 0..21 {
            push(&ext[i * 24..(i + 1) * 24], &mut segments)?;
        }
        extended = ext[504] != 0;
    }
    let mut cursor = 0u64;
    let mut stored = 0u64;
    for &(off, len) in &segments {
        if off < cursor {
            return Err(bad(msg!("detail-sparse-overlap")));
        }
        cursor = off
            .checked_add(len)
            .ok_or_else(|| bad(msg!("detail-sparse-overflow")))?;
        stored = stored
            .checked_add(len)
            .ok_or_else(|| bad(msg!("detail-sparse-overflow")))?;
    }
    if cursor > real_size {
        return Err(bad(msg!("detail-sparse-beyond-size")));
    }
    if stored != stored_size {
        return Err(bad(msg!("detail-sparse-sum")));
    }
    Ok((segments, real_size))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &[u8], flag: u8, size: u64) -> [u8; 512] {
        let mut b = [0u8; 512];
        b[..name.len()].copy_from_slice(name);
        b[100..107].copy_from_slice(b"0000644");
        b[108..115].copy_from_slice(b"0001750");
        b[116..123].copy_from_slice(b"0001750");
        b[124..135].copy_from_slice(format!("{size:011o}").as_bytes());
        b[136..147].copy_from_slice(b"00000000000");
        b[156] = flag;
        b[257..263].copy_from_slice(b"ustar\0");
        b[263..265].copy_from_slice(b"00");
        b[148..156].copy_from_slice(b"        ");
        let sum: u32 = b.iter().map(|&x| x as u32).sum();
        b[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        b
    }

    fn entry(out: &mut Vec<u8>, name: &[u8], flag: u8, data: &[u8]) {
        out.extend_from_slice(&header(name, flag, data.len() as u64));
        out.extend_from_slice(data);
        out.resize(out.len() + padding(data.len() as u64) as usize, 0);
    }

    type Seen = Vec<(Header, Vec<u8>)>;

    fn collect(bytes: &[u8]) -> Result<(Seen, End), ArchiveError> {
        let mut seen = Vec::new();
        let end = scan(bytes, TarLimits::default(), |h, r| {
            let mut v = Vec::new();
            r.read_to_end(&mut v)?;
            seen.push((h.clone(), v));
            Ok(())
        })?;
        Ok((seen, end))
    }

    #[test]
    fn reads_entries_and_long_names() {
        let mut tar = Vec::new();
        entry(&mut tar, b"a.txt", b'0', b"hello");
        let long = vec![b'n'; 300];
        let mut l = long.clone();
        l.push(0);
        entry(&mut tar, b"././@LongLink", b'L', &l);
        entry(&mut tar, b"short", b'0', b"x");
        entry(&mut tar, b"p", b'x', b"19 path=pax/name.b\n");
        entry(&mut tar, b"ignored", b'0', b"");
        tar.extend_from_slice(&[0u8; 1024]);
        let (seen, end) = collect(&tar).unwrap();
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0].0.path, b"a.txt");
        assert_eq!(seen[0].1, b"hello");
        assert_eq!(seen[1].0.path, long);
        assert_eq!(seen[2].0.path, b"pax/name.b");
        assert_eq!(end.trailing_nonzero, 0);
    }

    #[test]
    fn reports_damage_and_trailing_data() {
        let mut tar = Vec::new();
        entry(&mut tar, b"a.txt", b'0', b"hello");
        let mut bad = tar.clone();
        bad[10] ^= 1;
        bad.extend_from_slice(&[0u8; 1024]);
        assert!(matches!(collect(&bad), Err(ArchiveError::Corrupt { .. })));
        assert!(collect(&tar).is_err(), "no end marker");
        assert!(collect(&tar[..600]).is_err(), "truncated data");
        let mut trailing = tar.clone();
        trailing.extend_from_slice(&[0u8; 1024]);
        trailing.extend_from_slice(b"hidden");
        let (_, end) = collect(&trailing).unwrap();
        assert_eq!(end.trailing_nonzero, 6);
    }

    #[test]
    fn bounds_long_names() {
        let mut tar = Vec::new();
        entry(&mut tar, b"././@LongLink", b'L', &vec![b'a'; 10_000]);
        assert!(matches!(collect(&tar), Err(ArchiveError::Limit { .. })));
    }

    #[test]
    fn refuses_links_with_data() {
        let mut tar = Vec::new();
        entry(&mut tar, b"l", b'2', b"data");
        tar.extend_from_slice(&[0u8; 1024]);
        assert!(matches!(collect(&tar), Err(ArchiveError::Corrupt { .. })));
    }

    /// An old-GNU sparse header: `real_size` bytes, one data segment of `data.len()` at 0.
    fn sparse(name: &[u8], real_size: u64, data: &[u8]) -> Vec<u8> {
        let mut b = header(name, b'S', data.len() as u64);
        b[257..265].copy_from_slice(b"ustar  \0");
        b[386..398].copy_from_slice(b"00000000000\0");
        b[398..410].copy_from_slice(format!("{:011o}\0", data.len()).as_bytes());
        b[483..495].fill(0);
        b[483] = 0x80; // base-256
        b[487..495].copy_from_slice(&real_size.to_be_bytes());
        b[148..156].copy_from_slice(b"        ");
        let sum: u32 = b.iter().map(|&x| x as u32).sum();
        b[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        let mut out = b.to_vec();
        out.extend_from_slice(data);
        out.resize(out.len() + padding(data.len() as u64) as usize, 0);
        out
    }

    #[test]
    fn expands_sparse_files_within_the_hole_limit() {
        let mut tar = sparse(b"s", 3000, b"abc");
        tar.extend_from_slice(&[0u8; 1024]);
        let (seen, _) = collect(&tar).unwrap();
        assert_eq!(seen[0].0.size, 3000);
        assert_eq!(&seen[0].1[..3], b"abc");
        assert!(seen[0].1[3..].iter().all(|&b| b == 0));
    }

    #[test]
    fn bounds_sparse_holes() {
        // Regression (tests/corpus sparse-bomb): 512 bytes claiming a petabyte of zeros used to
        // keep the reader busy for days.
        let mut tar = sparse(b"s", 1 << 50, b"");
        tar.extend_from_slice(&[0u8; 1024]);
        assert!(matches!(collect(&tar), Err(ArchiveError::Limit { .. })));
    }

    fn with_end(mut tar: Vec<u8>) -> Vec<u8> {
        tar.extend_from_slice(&[0u8; 1024]);
        tar
    }

    fn ambiguous(tar: &[u8]) -> String {
        match collect(tar) {
            Err(ArchiveError::Ambiguous { message, .. }) => message.to_string(),
            other => panic!(
                "expected an ambiguous header, got {:?}",
                other.map(|(s, _)| s)
            ),
        }
    }

    /// Re-seal a header whose bytes were edited.
    fn reseal(b: &mut [u8]) {
        b[148..156].copy_from_slice(b"        ");
        let sum: u32 = b[..512].iter().map(|&x| x as u32).sum();
        b[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
    }

    #[test]
    fn refuses_numbers_read_differently() {
        // Issue 13, class 1: GNU tar reads "\0\0…" as size 0 and the data as headers.
        let mut tar = Vec::new();
        entry(&mut tar, b"good.txt", b'0', &[b'a'; 700]);
        tar[124..126].copy_from_slice(b"\0\0");
        reseal(&mut tar);
        assert!(ambiguous(&with_end(tar)).contains("size"));
        let mut tar = Vec::new();
        entry(&mut tar, b"good.txt", b'0', b"x");
        tar[100..108].copy_from_slice(b"\t0000644");
        reseal(&mut tar);
        assert!(ambiguous(&with_end(tar)).contains("mode"));
    }

    #[test]
    fn refuses_loose_pax_records() {
        for (records, why) in [
            (&b"14  size=1536\n"[..], "one space"),
            (b"14 \tsize=1536\n", "one space"),
            (b"10 size=1\n\0\0\0", "NUL bytes"),
            (b"10 size=1\n10 size=1\n", "twice"),
            (b"11 size=+1\n", "decimal"),
            (b"013 size=1\n", "leading zero"),
            (b"28 GNU.sparse.realsize=9999\n", "GNU tar"),
            (
                b"38 SCHILY.xattr.security.capability=x\n",
                "extended attribute",
            ),
            (b"30 LIBARCHIVE.xattr.user.x=eA\n", "extended attribute"),
            (b"16 path=a\0b.txt\n", "NUL"),
            (b"30 ctime=q796278700.035306623\n", "malformed value"),
            (b"18 uid=4294967296\n", "malformed value"),
        ] {
            let mut tar = Vec::new();
            entry(&mut tar, b"p", b'x', records);
            entry(&mut tar, b"a.txt", b'0', b"hello");
            assert!(ambiguous(&with_end(tar)).contains(why), "{records:?}");
        }
        // Harmless and unknown records pass.
        let mut tar = Vec::new();
        entry(
            &mut tar,
            b"p",
            b'x',
            b"20 mtime=1700000000\n20 vendor.key=a b=c\n",
        );
        entry(&mut tar, b"a.txt", b'0', b"hello");
        assert_eq!(collect(&with_end(tar)).unwrap().0.len(), 1);
    }

    #[test]
    fn global_headers_may_only_comment() {
        // Issue 13, class 3: GNU tar applies a global size or path to what follows.
        for records in [
            &b"10 size=0\n"[..],
            b"13 path=evil\n",
            b"17 linkpath=/etc\n",
        ] {
            let mut tar = Vec::new();
            entry(&mut tar, b"g", b'g', records);
            entry(&mut tar, b"a.txt", b'0', b"hello");
            assert!(ambiguous(&with_end(tar)).contains("global header sets"));
        }
        // What `git archive` writes.
        let mut tar = Vec::new();
        entry(
            &mut tar,
            b"pax_global_header",
            b'g',
            b"52 comment=0123456789abcdef0123456789abcdef01234567\n",
        );
        entry(&mut tar, b"a.txt", b'0', b"hello");
        let (seen, _) = collect(&with_end(tar)).unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].1, b"hello");
    }

    #[test]
    fn type_flags() {
        // Unknown flags are regular files to every extractor: hashed like files.
        for flag in [b'0', 0, b'7', b'Z', b'8'] {
            let mut tar = Vec::new();
            entry(&mut tar, b"f", flag, b"data");
            let (seen, _) = collect(&with_end(tar)).unwrap();
            assert_eq!(seen[0].0.kind, EntryKind::File, "flag {flag}");
            assert_eq!(seen[0].1, b"data");
        }
        for &flag in AMBIGUOUS_FLAGS {
            let mut tar = Vec::new();
            entry(&mut tar, b"f", flag, b"");
            assert!(ambiguous(&with_end(tar)).contains("type flag"));
        }
        let mut tar = Vec::new();
        entry(&mut tar, b"dir/", b'0', b"");
        assert!(ambiguous(&with_end(tar)).contains("ends with '/'"));
    }

    #[test]
    fn names_read_one_way() {
        // A GNU long name with bytes after its NUL.
        let mut tar = Vec::new();
        entry(&mut tar, b"././@LongLink", b'L', b"a.txt\0evil");
        entry(&mut tar, b"x", b'0', b"");
        assert!(ambiguous(&with_end(tar)).contains("long name"));
        // A long name and a PAX path for one entry.
        let mut tar = Vec::new();
        entry(&mut tar, b"././@LongLink", b'L', b"a.txt\0");
        entry(&mut tar, b"p", b'x', b"14 path=b.txt\n");
        entry(&mut tar, b"x", b'0', b"");
        assert!(ambiguous(&with_end(tar)).contains("both"));
        // A prefix in a GNU header: Python prepends it, GNU tar does not.
        let mut tar = Vec::new();
        entry(&mut tar, b"a.txt", b'0', b"");
        tar[257..265].copy_from_slice(b"ustar  \0");
        tar[345..348].copy_from_slice(b"evl");
        reseal(&mut tar);
        assert!(ambiguous(&with_end(tar)).contains("prefix"));
        // A POSIX prefix is a folder.
        let mut tar = Vec::new();
        entry(&mut tar, b"a.txt", b'0', b"");
        tar[345..348].copy_from_slice(b"top");
        reseal(&mut tar);
        assert_eq!(collect(&with_end(tar)).unwrap().0[0].0.path, b"top/a.txt");
        // A magic that is none of the three.
        let mut tar = Vec::new();
        entry(&mut tar, b"a.txt", b'0', b"");
        tar[263..265].copy_from_slice(b"01");
        reseal(&mut tar);
        assert!(ambiguous(&with_end(tar)).contains("magic"));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number(b"0000644\0"), Ok(0o644));
        assert_eq!(parse_number(b"  12 \0"), Ok(0o12));
        assert_eq!(parse_number(b"000644 \0"), Ok(0o644));
        assert_eq!(parse_number(b"777777777777"), Ok(0o777777777777));
        assert_eq!(parse_number(&[0x80, 0, 0, 0, 0, 0, 0, 1, 0]), Ok(256));
        assert_eq!(parse_number(&[0; 8]), Ok(0));
        // Refused: readers disagree about each of these.
        for bad in [
            &b"9"[..],
            b"\0\x000123",
            b"\0 123\0",
            b"\t123\0",
            b"+123\0",
            b"0o17\0",
            b"12 34\0",
            b"12x\0",
            b"        ",
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe],
            &[0x81, 0, 0, 0, 0, 0, 0, 1],
            &[0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        ] {
            assert!(parse_number(bad).is_err(), "{bad:?}");
        }
    }
}
