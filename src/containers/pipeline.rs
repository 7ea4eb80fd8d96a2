//! Pipelined archive scan (native builds with the `threads` feature; wasm32 stays
//! single-threaded).
//!
//! Three stages, each on its own thread, so the work spreads over the cores whatever the bundle's
//! shape (mostly incompressible layers, or a highly compressed giant file):
//! 1. the calling thread reads the bundle file through the reader it passes in (which hashes the
//!    file as stored, feeds streaming signatures and reports progress);
//! 2. for a tar.gz, a thread decompresses it ([`MultiGzReader`], CRC-32 checks included);
//! 3. a thread walks the tar stream and calls `visit`, which hashes every entry.
//!
//! Bytes cross between stages in 1 MiB buffers through bounded channels, and used buffers go back
//! for reuse, so memory stays at a few MiB whatever the bundle's size. A read or decompression
//! error reaches the tar reader at the same stream position as in the single-threaded scan, so
//! the report is the same either way. When the tar walk stops (end of archive, damage, a limit),
//! the earlier stages stop at their next buffer.

use std::io::{self, BufRead, Read};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use crate::archive::{self, ArchiveError, End, Header, TarLimits};
use crate::gzip::MultiGzReader;

/// Size of one buffer handed to the next stage.
const CHUNK: usize = 1 << 20;
/// Buffers queued between two stages (beyond the one each side holds).
const QUEUED: usize = 4;

type Chunk = io::Result<(Vec<u8>, usize)>;

/// `archive::scan` over `raw` (gunzipped first when `gzip`), with `raw` read on this thread and
/// decompression and the tar walk (with `visit`) on others.
pub(crate) fn scan<R: Read>(
    mut raw: R,
    gzip: bool,
    limits: TarLimits,
    visit: impl FnMut(&Header, &mut dyn Read) -> io::Result<()> + Send,
) -> Result<End, ArchiveError> {
    std::thread::scope(|scope| {
        let (raw_tx, raw_rx) = mpsc::sync_channel::<Chunk>(QUEUED);
        let (raw_back_tx, raw_back_rx) = mpsc::channel::<Vec<u8>>();
        let raw_reader = ChannelReader::new(raw_rx, raw_back_tx);
        let tar = if gzip {
            let (tar_tx, tar_rx) = mpsc::sync_channel::<Chunk>(QUEUED);
            let (tar_back_tx, tar_back_rx) = mpsc::channel::<Vec<u8>>();
            scope
                .spawn(move || produce(&mut MultiGzReader::new(raw_reader), &tar_tx, &tar_back_rx));
            let tar_reader = ChannelReader::new(tar_rx, tar_back_tx);
            scope.spawn(move || archive::scan(tar_reader, limits, visit))
        } else {
            scope.spawn(move || archive::scan(raw_reader, limits, visit))
        };
        produce(&mut raw, &raw_tx, &raw_back_rx);
        drop(raw_tx);
        match tar.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Fill buffers from `stream` and send them until its end, an error, or the next stage stops.
fn produce<R: Read>(stream: &mut R, tx: &SyncSender<Chunk>, back: &Receiver<Vec<u8>>) {
    loop {
        let mut chunk = back.try_recv().unwrap_or_else(|_| vec![0u8; CHUNK]);
        let mut filled = 0;
        let mut error = None;
        while filled < CHUNK {
            match stream.read(&mut chunk[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        let end = filled < CHUNK;
        if filled > 0 && tx.send(Ok((chunk, filled))).is_err() {
            return;
        }
        if let Some(e) = error {
            let _ = tx.send(Err(e));
            return;
        }
        if end {
            return;
        }
    }
}

/// The receiving stage's view of the stream.
struct ChannelReader {
    rx: Receiver<Chunk>,
    back: Sender<Vec<u8>>,
    cur: Vec<u8>,
    len: usize,
    pos: usize,
    /// The error that ended the stream, repeated on later reads.
    /// The error the stream failed with, given again on every later read (its message kept,
    /// Airlock's own as a catalogue message).
    failed: Option<(io::ErrorKind, crate::i18n::Message)>,
}

impl ChannelReader {
    fn new(rx: Receiver<Chunk>, back: Sender<Vec<u8>>) -> Self {
        ChannelReader {
            rx,
            back,
            cur: Vec::new(),
            len: 0,
            pos: 0,
            failed: None,
        }
    }
}

impl BufRead for ChannelReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.pos == self.len {
            if let Some((kind, message)) = &self.failed {
                return Err(message.clone().into_io(*kind));
            }
            match self.rx.recv() {
                Ok(Ok((chunk, len))) => {
                    let used = std::mem::replace(&mut self.cur, chunk);
                    if !used.is_empty() {
                        let _ = self.back.send(used);
                    }
                    self.len = len;
                    self.pos = 0;
                }
                Ok(Err(e)) => {
                    self.failed = Some((e.kind(), crate::i18n::Message::from_io(&e)));
                    return Err(e);
                }
                // The sending stage is done: end of stream.
                Err(_) => return Ok(&[]),
            }
        }
        Ok(&self.cur[self.pos..self.len])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.len);
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let avail = self.fill_buf()?;
        let n = buf.len().min(avail.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use sha2::{Digest, Sha256};
    use std::io::Write;

    fn tar_gz(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut t = tar::Builder::new(Vec::new());
        for (name, data) in files {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            t.append_data(&mut h, name, &data[..]).unwrap();
        }
        let tar = t.into_inner().unwrap();
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(&tar).unwrap();
        e.finish().unwrap()
    }

    /// Entry names and hashes.
    type Seen = Vec<(Vec<u8>, [u8; 32])>;

    /// What either scan saw, and its result's Debug form.
    fn run(bytes: &[u8], piped: bool) -> (Seen, String) {
        let mut seen = Vec::new();
        let visit = |h: &Header, r: &mut dyn Read| -> io::Result<()> {
            let mut sha = Sha256::new();
            io::copy(r, &mut sha)?;
            seen.push((h.path.clone(), sha.finalize().into()));
            Ok(())
        };
        let result = if piped {
            scan(bytes, true, TarLimits::default(), visit)
        } else {
            archive::scan(MultiGzReader::new(bytes), TarLimits::default(), visit)
        };
        (seen, format!("{result:?}"))
    }

    #[test]
    fn same_as_single_threaded() {
        let big: Vec<u8> = (0..5 * CHUNK + 123).map(|i| (i * 7 % 251) as u8).collect();
        let good = tar_gz(&[
            ("a.txt", b"hello".to_vec()),
            ("big.bin", big.clone()),
            ("z.txt", b"bye".to_vec()),
        ]);
        let piped = run(&good, true);
        assert_eq!(piped, run(&good, false));
        assert_eq!(piped.0.len(), 3);
        // Damage: a CRC error at the end, and a stream cut in the middle.
        let mut bad_crc = good.clone();
        let n = bad_crc.len();
        bad_crc[n - 6] ^= 1;
        let cut = &good[..good.len() / 2];
        for bytes in [&bad_crc[..], cut, b"not gzip at all"] {
            let piped = run(bytes, true);
            assert_eq!(piped, run(bytes, false));
            assert!(piped.1.starts_with("Err"), "{}", piped.1);
        }
    }
}
