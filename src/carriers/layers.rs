//! The decompressed SHA-256 of an entry that looks like an image layer, computed while the entry
//! streams by (a container config's `diff_ids` name layers by their uncompressed content).
//!
//! The format is sniffed from the first bytes, never from the name (old tools named every layer
//! `.tar.gz`): gzip `1f 8b`, zstd `28 b5 2f fd`; anything else is taken as stored. Decompression
//! is pull-based over the entry's own bytes ([`crate::verify`] tees them past the entry's hash and
//! the other checkers), through fixed buffers: memory does not grow with the layer. gzip by
//! `flate2` (multi-member, as Go's reader); zstd by `ruzstd` (pure Rust, builds for wasm32), whose
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

/// A zstd decoder's error (its text is the crate's).
fn zstd_error(e: impl std::fmt::Display) -> Message {
    msg!("detail-layer-codec", "codec" => "zstd", "detail" => e.to_string())
}

/// Decompress `r` (the whole entry, from its first byte) as `codec` and hash the result. Reads
/// only as far as the compressed stream goes; the caller drains the rest. Errors of the
/// compressed stream are the result's; errors of `r` itself are seen again by the caller.
pub fn decode(codec: Codec, r: &mut dyn Read) -> Decoded {
    let mut sha = Sha256::new();
    let mut size = 0u64;
    let mut out = vec![0u8; 64 * 1024];
    let mut pump = |d: &mut dyn Read| -> io::Result<()> {
        loop {
            let n = match d.read(&mut out) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            sha.update(&out[..n]);
            size += n as u64;
        }
    };
    let result = match codec {
        Codec::Plain => Err(msg!("detail-layer-not-compressed")),
        Codec::Gzip => {
            let mut d = flate2::read::MultiGzDecoder::new(r);
            pump(&mut d).map_err(
                |e| msg!("detail-layer-codec", "codec" => "gzip", "detail" => e.to_string()),
            )
        }
        Codec::Zstd => {
            // Frames one after another, as zstd's own reader reads them.
            let mut br = io::BufReader::with_capacity(64 * 1024, r);
            let mut frames = 0u32;
            loop {
                match br.fill_buf() {
                    Ok([]) if frames > 0 => break Ok(()),
                    Ok(_) => {}
                    Err(e) => break Err(zstd_error(e)),
                }
                let mut d = match ruzstd::StreamingDecoder::new(&mut br) {
                    Ok(d) => d,
                    Err(e) => break Err(zstd_error(e)),
                };
                if let Err(e) = pump(&mut d) {
                    break Err(zstd_error(e));
                }
                frames += 1;
            }
        }
    };
    Decoded {
        codec,
        result: result.map(|()| (sha.finalize().into(), size)),
    }
}
