//! tar archives (plain, or inside gzip), read as one forward stream.
//!
//! Accepts ustar/POSIX and GNU headers, GNU long names and long link names (`L`, `K`), PAX
//! extended headers (`x`: `path`, `linkpath`, `size`; `g` is read and ignored), and old GNU sparse
//! files (`S`), whose holes are expanded to zeros as the entry is read. Every header checksum is
//! checked; the archive must end with the end-of-archive marker, and non-zero bytes after it are
//! reported. Links, directories, devices and FIFOs that claim data are refused: tar
//! implementations disagree about such data, and a disagreement is a way to show a checker one
//! archive and an extractor another.
//!
//! Written by hand rather than with the `tar` crate because that crate reads long names and PAX
//! headers into memory whatever their size; here every piece of metadata has a bound
//! ([`TarLimits`]), so no archive can make memory grow without limit.

use std::io::{self, Read};

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

/// Why reading stopped early.
#[derive(Debug)]
pub enum ArchiveError {
    /// The archive's bytes are wrong (offset in the decompressed tar stream).
    Corrupt { offset: u64, message: String },
    /// A [`TarLimits`] bound was reached.
    Limit { offset: u64, message: String },
    /// Reading the input failed (or was cancelled, or the visitor failed).
    Io(io::Error),
}

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArchiveError::Corrupt { offset, message } => {
                write!(f, "{message} (at byte {offset} of the tar stream)")
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
                message: "the archive is truncated in the middle of a header".into(),
            }),
        }
    }

    fn io_error(&self, e: io::Error) -> ArchiveError {
        if e.kind() == io::ErrorKind::InvalidData {
            ArchiveError::Corrupt {
                offset: self.pos,
                message: e.to_string(),
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
                        message: "the archive is truncated: an entry's data ends early".into(),
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

/// Parse a numeric header field: octal (with spaces/NULs), or GNU base-256.
fn parse_number(field: &[u8]) -> Option<u64> {
    if let Some(&first) = field.first() {
        if first & 0x80 != 0 {
            if first & 0x40 != 0 {
                return None; // negative
            }
            let mut v: u64 = (first & 0x3f) as u64;
            for &b in &field[1..] {
                v = v.checked_mul(256)?.checked_add(b as u64)?;
            }
            return Some(v);
        }
    }
    let trimmed: Vec<u8> = field
        .iter()
        .copied()
        .skip_while(|&b| b == b' ' || b == 0)
        .take_while(|&b| b != b' ' && b != 0)
        .collect();
    if trimmed.is_empty() {
        return Some(0);
    }
    let mut v: u64 = 0;
    for b in trimmed {
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

fn checksum_ok(block: &[u8; 512]) -> bool {
    let Some(stored) = parse_number(&block[148..156]) else {
        return false;
    };
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
        Ok(b) => !b.iter().all(|&x| x == 0) && checksum_ok(b),
        Err(_) => false,
    }
}

fn kind_of(flag: u8) -> EntryKind {
    match flag {
        b'0' | 0 | b'7' | b'S' => EntryKind::File,
        b'1' => EntryKind::Hardlink,
        b'2' => EntryKind::Symlink,
        b'3' => EntryKind::CharDevice,
        b'4' => EntryKind::BlockDevice,
        b'5' => EntryKind::Directory,
        b'6' => EntryKind::Fifo,
        _ => EntryKind::Other,
    }
}

/// PAX records that matter here.
#[derive(Default)]
struct Pax {
    path: Option<Vec<u8>>,
    linkpath: Option<Vec<u8>>,
    size: Option<u64>,
    sparse: bool,
}

fn parse_pax(data: &[u8], offset: u64) -> Result<Pax, ArchiveError> {
    let bad = |m: &str| ArchiveError::Corrupt {
        offset,
        message: format!("malformed PAX header: {m}"),
    };
    let mut pax = Pax::default();
    let mut rest = data;
    while !rest.is_empty() {
        if rest.iter().all(|&b| b == 0) {
            break;
        }
        let sp = rest
            .iter()
            .position(|&b| b == b' ')
            .ok_or_else(|| bad("record without a length"))?;
        let len: usize = std::str::from_utf8(&rest[..sp])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("record length is not a number"))?;
        if len <= sp + 1 || len > rest.len() || rest[len - 1] != b'\n' {
            return Err(bad("record length does not match its content"));
        }
        let record = &rest[sp + 1..len - 1];
        let eq = record
            .iter()
            .position(|&b| b == b'=')
            .ok_or_else(|| bad("record without '='"))?;
        let (key, value) = (&record[..eq], &record[eq + 1..]);
        match key {
            b"path" => pax.path = Some(value.to_vec()),
            b"linkpath" => pax.linkpath = Some(value.to_vec()),
            b"size" => {
                pax.size = Some(
                    std::str::from_utf8(value)
                        .ok()
                        .and_then(|s| s.parse().ok())
                        .ok_or_else(|| bad("size is not a number"))?,
                )
            }
            k if k.starts_with(b"GNU.sparse.") => pax.sparse = true,
            _ => {}
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
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "sparse entry data ends early",
                ));
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
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the archive is truncated: an entry's data ends early",
            ));
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
            message: e.to_string(),
        },
        _ => ArchiveError::Io(e),
    }
}

/// Read a tar stream from `reader`, calling `visit` with each entry's header and a reader of its
/// content. Whatever `visit` leaves unread is skipped. Extension headers (`L`, `K`, `x`, `g`) are
/// applied, not visited.
pub fn scan<R: Read>(
    reader: R,
    limits: TarLimits,
    mut visit: impl FnMut(&Header, &mut dyn Read) -> io::Result<()>,
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
                message: "the archive is truncated: it has no end-of-archive marker".into(),
            });
        }
        if block.iter().all(|&b| b == 0) {
            if long_name.is_some() || long_link.is_some() || pax.is_some() {
                return Err(ArchiveError::Corrupt {
                    offset,
                    message: "an extended header describes an entry that never comes".into(),
                });
            }
            // End of archive: the rest of the stream must be zeros (the second end block and
            // record padding).
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
        if !checksum_ok(&block) {
            return Err(ArchiveError::Corrupt {
                offset,
                message: "a tar header's checksum is wrong (the header is damaged)".into(),
            });
        }
        let flag = block[156];
        let header_size = parse_number(&block[124..136]).ok_or(ArchiveError::Corrupt {
            offset,
            message: "a tar header's size field is not a number".into(),
        })?;
        let limit = |what: &str, size: u64, max: u64| ArchiveError::Limit {
            offset,
            message: format!("{what} of {size} bytes is longer than the limit of {max} bytes"),
        };
        match flag {
            b'L' | b'K' => {
                let max = limits.max_path_len as u64 + 1;
                if header_size > max {
                    return Err(limit("a GNU long name", header_size, max));
                }
                let data = t.read_vec(header_size)?;
                t.skip(padding(header_size))?;
                let value = cstr(&data).to_vec();
                let slot = if flag == b'L' {
                    &mut long_name
                } else {
                    &mut long_link
                };
                if slot.replace(value).is_some() {
                    return Err(ArchiveError::Corrupt {
                        offset,
                        message: "two GNU long-name headers for one entry".into(),
                    });
                }
                continue;
            }
            b'x' | b'g' => {
                if header_size > limits.max_pax_size {
                    return Err(limit(
                        "a PAX extended header",
                        header_size,
                        limits.max_pax_size,
                    ));
                }
                let data = t.read_vec(header_size)?;
                t.skip(padding(header_size))?;
                let parsed = parse_pax(&data, offset)?;
                if flag == b'x' && pax.replace(parsed).is_some() {
                    return Err(ArchiveError::Corrupt {
                        offset,
                        message: "two PAX headers for one entry".into(),
                    });
                }
                continue;
            }
            _ => {}
        }

        let pax_now = pax.take().unwrap_or_default();
        if pax_now.sparse {
            return Err(ArchiveError::Corrupt {
                offset,
                message: "PAX (GNU.sparse) sparse files are not supported; \
                          re-create the archive without --sparse or in GNU format"
                    .into(),
            });
        }
        let is_ustar = &block[257..263] == b"ustar\0";
        let path = if let Some(p) = pax_now.path {
            p
        } else if let Some(p) = long_name.take() {
            p
        } else if is_ustar && block[345] != 0 {
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
                "a path",
                path.len().max(link.len()) as u64,
                limits.max_path_len as u64,
            ));
        }
        let stored_size = pax_now.size.unwrap_or(header_size);
        let kind = kind_of(flag);
        let mode = parse_number(&block[100..108]).map(|m| m as u32 & 0o7777);
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
                    message: format!(
                        "a {} entry claims {} bytes of data; tar programs disagree about such data",
                        kind_name(kind),
                        stored_size
                    ),
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
                    message: format!(
                        "sparse entries expand to more than {} bytes of holes, the limit; \
                         re-create the archive without --sparse",
                        limits.max_sparse_holes
                    ),
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

fn kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::File => "file",
        EntryKind::Directory => "directory",
        EntryKind::Symlink => "symbolic link",
        EntryKind::Hardlink => "hard link",
        EntryKind::CharDevice => "character device",
        EntryKind::BlockDevice => "block device",
        EntryKind::Fifo => "FIFO",
        EntryKind::Other => "special",
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
    let bad = |m: &str| ArchiveError::Corrupt {
        offset,
        message: format!("bad sparse file map: {m}"),
    };
    let real_size = parse_number(&block[483..495]).ok_or_else(|| bad("real size"))?;
    let mut segments = Vec::new();
    let push = |field: &[u8], segments: &mut Vec<(u64, u64)>| -> Result<(), ArchiveError> {
        if field.iter().all(|&b| b == 0) {
            return Ok(());
        }
        let off = parse_number(&field[..12]).ok_or_else(|| bad("offset"))?;
        let len = parse_number(&field[12..24]).ok_or_else(|| bad("length"))?;
        if segments.len() >= limits.max_sparse_segments {
            return Err(ArchiveError::Limit {
                offset,
                message: format!(
                    "a sparse file has more than {} segments",
                    limits.max_sparse_segments
                ),
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
            return Err(bad("the archive ends inside the map"));
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
            return Err(bad("segments overlap or are out of order"));
        }
        cursor = off.checked_add(len).ok_or_else(|| bad("overflow"))?;
        stored = stored.checked_add(len).ok_or_else(|| bad("overflow"))?;
    }
    if cursor > real_size {
        return Err(bad("a segment lies beyond the file's size"));
    }
    if stored != stored_size {
        return Err(bad("the segments do not add up to the stored data"));
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

    #[test]
    fn numbers() {
        assert_eq!(parse_number(b"0000644\0"), Some(0o644));
        assert_eq!(parse_number(b"  12 \0"), Some(0o12));
        assert_eq!(parse_number(&[0x80, 0, 0, 0, 0, 0, 0, 1, 0]), Some(256));
        assert_eq!(parse_number(b"9"), None);
    }
}
