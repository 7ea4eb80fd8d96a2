//! The decompressed SHA-256 of an entry that looks like an image layer, computed while the entry
//! streams by (a container config's `diff_ids` name layers by their uncompressed content).
//!
//! The format is sniffed from the first bytes, never from the name (old tools named every layer
//! `.tar.gz`): gzip `1f 8b`, zstd `28 b5 2f fd`; anything else is taken as stored. Decompression
//! is pull-based over the entry's own bytes ([`crate::verify`] tees them past the entry's hash and
//! the other checkers), through fixed buffers: memory does not grow with the layer. gzip by
//! [`crate::gzip::MultiGzReader`] (multi-member, as Go's reader; the bundle's own reader, so a
//! layer and the bundle obey the same gzip rules); zstd by `ruzstd` (pure Rust, builds for wasm32), whose
//! window is capped at 100 MiB by the crate, so a hostile frame header cannot ask for more.

use std::io::{self, BufRead, Read};

use sha2::{Digest, Sha256};

use crate::i18n::Message;
use crate::msg;

/// How a layer's bytes are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    /// As stored (a plain tar, or something that is not a known compression).
    Plain,
    Gzip,
    Zstd,
}

impl Codec {
    /// The compression the first bytes announce.
    pub fn sniff(head: &[u8]) -> Codec {
        if head.starts_with(&[0x1f, 0x8b]) {
            Codec::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Codec::Zstd
        } else {
            Codec::Plain
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Codec::Plain => "none",
            Codec::Gzip => "gzip",
            Codec::Zstd => "zstd",
        }
    }
}

/// An entry's content once decompressed: its SHA-256 and size, or why it could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub codec: Codec,
    pub result: Result<([u8; 32], u64), Message>,
}

/// Several zstd frames one after another, read as one stream (as zstd's own reader reads them).
struct ZstdFrames<R: BufRead> {
    inner: Option<R>,
    frame: Option<ruzstd::StreamingDecoder<R, ruzstd::FrameDecoder>>,
    frames: u32,
}

impl<R: BufRead> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if let Some(d) = self.frame.as_mut() {
                let n = d.read(buf)?;
                if n > 0 || buf.is_empty() {
                    return Ok(n);
                }
                let d = self.frame.take().expect("a frame is being read");
                self.inner = Some(d.into_inner());
                self.frames += 1;
            }
            let Some(mut r) = self.inner.take() else {
                return Ok(0);
            };
            if r.fill_buf()?.is_empty() {
                if self.frames == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "no zstd frame",
                    ));
                }
                self.inner = Some(r);
                return Ok(0);
            }
            let d = ruzstd::StreamingDecoder::new(r)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
            self.frame = Some(d);
        }
    }
}

/// A reader of `r`'s content decompressed as `codec` (stored content as it is). gzip through
/// [`crate::gzip::MultiGzReader`] (bounded header fields, every member's CRC checked), zstd frame
/// after frame.
pub fn decoder<'a>(codec: Codec, r: &'a mut dyn Read) -> Box<dyn Read + 'a> {
    let br = io::BufReader::with_capacity(64 * 1024, r);
    match codec {
        Codec::Plain => Box::new(br),
        Codec::Gzip => Box::new(crate::gzip::MultiGzReader::new(br)),
        Codec::Zstd => Box::new(ZstdFrames {
            inner: Some(br),
            frame: None,
            frames: 0,
        }),
    }
}

/// Decompress `r` (the whole entry, from its first byte) as `codec` and hash the result. Reads
/// only as far as the compressed stream goes; the caller drains the rest. Errors of the
/// compressed stream are the result's; errors of `r` itself are seen again by the caller.
pub fn decode(codec: Codec, r: &mut dyn Read) -> Decoded {
    let result = if codec == Codec::Plain {
        Err(msg!("detail-layer-not-compressed"))
    } else {
        let mut sha = Sha256::new();
        let mut size = 0u64;
        let mut out = vec![0u8; 64 * 1024];
        let mut d = decoder(codec, r);
        loop {
            match d.read(&mut out) {
                Ok(0) => break Ok((sha.finalize().into(), size)),
                Ok(n) => {
                    sha.update(&out[..n]);
                    size += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    break Err(msg!(
                        "detail-layer-codec",
                        "codec" => codec.as_str(),
                        "detail" => Message::from_io(&e),
                    ));
                }
            }
        }
    };
    Decoded { codec, result }
}
