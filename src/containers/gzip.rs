//! gzip framing (RFC 1952) around flate2's raw DEFLATE decoder.
//!
//! Accepts one or more concatenated gzip members (what `cat a.gz b.gz` and parallel compressors
//! such as pigz write) and checks every member's CRC-32 and length trailer. Refuses anything after
//! the last member, reserved flag bits, and a truncated member.
//!
//! Written by hand, on top of `flate2::bufread::DeflateDecoder`, so that the rules above are
//! stated in one place and hold for the bundle and every layer alike. Header fields (file name,
//! comment, extra) are skipped byte by byte, never collected (flate2 1.0's own readers collected
//! them without a bound; 1.1 caps each at 64 KiB).

use std::io::{self, BufRead, Read};

use flate2::bufread::DeflateDecoder;
use flate2::Crc;

use crate::i18n::Message;
use crate::msg;

/// Reads the decompressed bytes of every member in turn.
pub struct MultiGzReader<R: BufRead> {
    /// Between members (or before the first).
    idle: Option<R>,
    /// Inside a member.
    body: Option<DeflateDecoder<R>>,
    crc: Crc,
    members: u64,
    done: bool,
}

/// Damage, as an `InvalidData` error carrying its catalogue message (`detail-gzip-…`).
fn corrupt(message: Message) -> io::Error {
    message.into_io(io::ErrorKind::InvalidData)
}

impl<R: BufRead> MultiGzReader<R> {
    pub fn new(inner: R) -> Self {
        MultiGzReader {
            idle: Some(inner),
            body: None,
            crc: Crc::new(),
            members: 0,
            done: false,
        }
    }

    /// How many members have been started so far.
    pub fn members(&self) -> u64 {
        self.members
    }

    fn read_header(&mut self, r: &mut R) -> io::Result<bool> {
        if r.fill_buf()?.is_empty() {
            return Ok(false);
        }
        let n = self.members + 1;
        let mut fixed = [0u8; 10];
        r.read_exact(&mut fixed).map_err(|e| match e.kind() {
            io::ErrorKind::UnexpectedEof => {
                corrupt(msg!("detail-gzip-header-truncated", "member" => n))
            }
            _ => e,
        })?;
        if fixed[0] != 0x1f || fixed[1] != 0x8b {
            return Err(corrupt(if n == 1 {
                msg!("detail-gzip-bad-magic")
            } else {
                msg!("detail-gzip-trailing-data", "member" => n - 1)
            }));
        }
        if fixed[2] != 8 {
            return Err(corrupt(msg!(
                "detail-gzip-method",
                "member" => n,
                "method" => u32::from(fixed[2]),
            )));
        }
        let flags = fixed[3];
        if flags & 0xe0 != 0 {
            return Err(corrupt(msg!("detail-gzip-reserved-flags", "member" => n)));
        }
        let eof = |e: io::Error| match e.kind() {
            io::ErrorKind::UnexpectedEof => {
                corrupt(msg!("detail-gzip-header-truncated", "member" => n))
            }
            _ => e,
        };
        if flags & 0x04 != 0 {
            let mut len = [0u8; 2];
            r.read_exact(&mut len).map_err(eof)?;
            skip_exact(r, u16::from_le_bytes(len) as u64).map_err(eof)?;
        }
        if flags & 0x08 != 0 {
            skip_past_nul(r).map_err(eof)?;
        }
        if flags & 0x10 != 0 {
            skip_past_nul(r).map_err(eof)?;
        }
        if flags & 0x02 != 0 {
            skip_exact(r, 2).map_err(eof)?;
        }
        Ok(true)
    }
}

fn skip_exact<R: BufRead>(r: &mut R, mut n: u64) -> io::Result<()> {
    while n > 0 {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let take = (buf.len() as u64).min(n) as usize;
        r.consume(take);
        n -= take as u64;
    }
    Ok(())
}

fn skip_past_nul<R: BufRead>(r: &mut R) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if let Some(i) = buf.iter().position(|&b| b == 0) {
            r.consume(i + 1);
            return Ok(());
        }
        let len = buf.len();
        r.consume(len);
    }
}

impl<R: BufRead> Read for MultiGzReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.done {
                return Ok(0);
            }
            if let Some(body) = self.body.as_mut() {
                let n = body.read(buf)?;
                if n > 0 {
                    self.crc.update(&buf[..n]);
                    return Ok(n);
                }
                // End of this member's DEFLATE data (or of the input): the trailer must follow.
                let mut r = self.body.take().expect("body present").into_inner();
                let mut trailer = [0u8; 8];
                let m = self.members;
                r.read_exact(&mut trailer).map_err(|e| match e.kind() {
                    io::ErrorKind::UnexpectedEof => {
                        corrupt(msg!("detail-gzip-truncated", "member" => m))
                    }
                    _ => e,
                })?;
                let crc = u32::from_le_bytes(trailer[..4].try_into().expect("4 bytes"));
                let len = u32::from_le_bytes(trailer[4..].try_into().expect("4 bytes"));
                if crc != self.crc.sum() {
                    return Err(corrupt(msg!("detail-gzip-crc", "member" => m)));
                }
                if len != self.crc.amount() {
                    return Err(corrupt(msg!("detail-gzip-length", "member" => m)));
                }
                self.crc.reset();
                self.idle = Some(r);
                continue;
            }
            let mut r = self.idle.take().expect("reader present");
            if self.read_header(&mut r)? {
                self.members += 1;
                self.body = Some(DeflateDecoder::new(r));
            } else {
                if self.members == 0 {
                    return Err(corrupt(msg!("detail-gzip-empty")));
                }
                self.done = true;
                self.idle = Some(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn gunzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        MultiGzReader::new(bytes).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn reads_single_and_multi_member() {
        assert_eq!(gunzip(&gz(b"hello")).unwrap(), b"hello");
        let mut two = gz(b"hello ");
        two.extend(gz(b"world"));
        assert_eq!(gunzip(&two).unwrap(), b"hello world");
    }

    #[test]
    fn catches_damage() {
        let good = gz(&vec![7u8; 10_000]);
        let mut bad_crc = good.clone();
        let n = bad_crc.len();
        bad_crc[n - 6] ^= 1;
        assert!(gunzip(&bad_crc).unwrap_err().to_string().contains("CRC"));
        let truncated = &good[..good.len() - 5];
        assert!(gunzip(truncated)
            .unwrap_err()
            .to_string()
            .contains("truncated"));
        let mut trailing = good.clone();
        trailing.extend_from_slice(b"garbage!!!!");
        assert!(gunzip(&trailing)
            .unwrap_err()
            .to_string()
            .contains("not another gzip member"));
        assert!(gunzip(b"").is_err());
        assert!(gunzip(b"plain text").is_err());
    }

    #[test]
    fn skips_name_and_comment_fields() {
        let mut e = flate2::GzBuilder::new()
            .filename("a-name")
            .comment("a comment")
            .extra(vec![1, 2, 3])
            .write(Vec::new(), Compression::fast());
        e.write_all(b"payload").unwrap();
        let bytes = e.finish().unwrap();
        assert_eq!(gunzip(&bytes).unwrap(), b"payload");
    }
}
