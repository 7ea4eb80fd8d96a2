//! Browser files as engine [`Source`]s.
//!
//! A file is read in large slices (a few MiB each) on demand, so a multi-gigabyte bundle passes
//! through a fixed amount of memory. [`Slices`] is the one thing that differs between a browser
//! `Blob` (read with `FileReaderSync`, which only exists inside a worker) and bytes in memory (used
//! by the tests); the slicing, buffering and bounds checks in [`SlicedSource`] are shared.
//!
//! This module does no verification: it only hands bytes to the engine.

use std::cell::RefCell;
use std::io::{self, Read};

use airlock::verify::Source;
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use web_sys::{Blob, FileReaderSync};

/// Bytes read from a browser file per slice. `FileReaderSync` has a cost per call, so larger slices
/// read faster, but each slice is a fresh `ArrayBuffer` that lives until the worker's next garbage
/// collection, so memory grows with the slice (see [`gc_assist`]). Measured on an 806 MB tar.gz,
/// two workers, idle 2-core machine: 2 MiB 11.6 s; 4 MiB 8.1-8.5 s; 8 MiB 7.2-7.5 s at the same
/// peak memory as 4 MiB (with twice the GC assist); 16 MiB no faster and 100-150 MB more memory.
pub const SLICE: usize = 8 << 20;

/// Random access to the bytes of one file.
pub trait Slices {
    /// Size in bytes.
    fn size(&self) -> u64;
    /// Fill `out` with the bytes at `start..start + out.len()` (always within the size).
    fn read_at(&self, start: u64, out: &mut [u8]) -> io::Result<()>;
}

/// A browser `Blob` (or `File`) read with `FileReaderSync`.
pub struct BlobSlices {
    blob: Blob,
    size: u64,
    reader: RefCell<Option<FileReaderSync>>,
}

impl BlobSlices {
    pub fn new(blob: Blob) -> Self {
        let size = blob.size() as u64;
        BlobSlices {
            blob,
            size,
            reader: RefCell::new(None),
        }
    }
}

/// Elements of the throwaway JS array allocated after each slice (one per 128 bytes of slice): see
/// [`gc_assist`].
const GC_ASSIST_ELEMENTS: u32 = (SLICE / 128) as u32;

/// Let the worker's garbage collector keep up with the slices.
///
/// `FileReaderSync` returns a fresh `ArrayBuffer` for every slice, and its memory comes back only
/// when the worker's garbage collector runs. The engine reads a whole bundle inside one call, so
/// the worker's event loop never turns (no GC tasks) and the JS heap barely grows (no allocation
/// to drive incremental marking): V8 collects late, when the slices' external memory hits its hard
/// limit. Measured on an 806 MB tar.gz with two workers (4 MiB slices): the renderer's PSS grew by
/// 430–550 MB while reading. A small JS allocation per slice gives the collector the steps it
/// needs; the growth fell to ~115 MB whatever the bundle's size, and reading got faster (freed
/// memory is reused instead of freshly mapped). Detaching the slice (`ArrayBuffer.transfer(0)`) is
/// worse: Blink still holds the memory, and V8 no longer counts it, so nothing is ever collected
/// (1.6 GB).
fn gc_assist() {
    let _ = js_sys::Array::new_with_length(GC_ASSIST_ELEMENTS);
}

fn js_error(context: &str, err: wasm_bindgen::JsValue) -> io::Error {
    let detail = err
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| format!("{err:?}"));
    io::Error::other(format!("{context}: {detail}"))
}

impl Slices for BlobSlices {
    fn size(&self) -> u64 {
        self.size
    }

    fn read_at(&self, start: u64, out: &mut [u8]) -> io::Result<()> {
        let mut reader = self.reader.borrow_mut();
        if reader.is_none() {
            let r = FileReaderSync::new()
                .map_err(|e| js_error("files can only be read inside a worker", e))?;
            *reader = Some(r);
        }
        let reader = reader.as_ref().expect("just set");
        let end = start + out.len() as u64;
        let slice = self
            .blob
            .slice_with_f64_and_f64(start as f64, end as f64)
            .map_err(|e| js_error("cannot slice the file", e))?;
        let buffer = reader
            .read_as_array_buffer(&slice)
            .map_err(|e| js_error("the browser could not read the file", e))?;
        let view = Uint8Array::new(&buffer);
        if view.length() as usize != out.len() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the file changed or shrank while it was being read",
            ));
        }
        view.copy_to(out);
        gc_assist();
        Ok(())
    }
}

/// Bytes in memory behind the [`Slices`] interface (tests, and pasted text).
pub struct MemorySlices(pub Vec<u8>);

impl Slices for MemorySlices {
    fn size(&self) -> u64 {
        self.0.len() as u64
    }
    fn read_at(&self, start: u64, out: &mut [u8]) -> io::Result<()> {
        let start = start as usize;
        out.copy_from_slice(&self.0[start..start + out.len()]);
        Ok(())
    }
}

/// A [`Source`] over [`Slices`], read front to back in slices of `slice` bytes.
///
/// The slice buffer is kept between `open` calls, so classifying a file and then reading it whole
/// allocates it once.
pub struct SlicedSource<S> {
    name: String,
    slices: S,
    slice: usize,
    spare: RefCell<Vec<u8>>,
}

impl<S: Slices> SlicedSource<S> {
    pub fn new(name: String, slices: S) -> Self {
        Self::with_slice(name, slices, SLICE)
    }

    /// Same, with another slice size (the tests use small ones to cross many boundaries).
    pub fn with_slice(name: String, slices: S, slice: usize) -> Self {
        SlicedSource {
            name,
            slices,
            slice: slice.max(1),
            spare: RefCell::new(Vec::new()),
        }
    }
}

impl<S: Slices> Source for SlicedSource<S> {
    fn name(&self) -> &str {
        &self.name
    }
    fn len(&self) -> u64 {
        self.slices.size()
    }
    fn open(&self) -> io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(SlicedReader {
            source: self,
            pos: 0,
            buf: std::mem::take(&mut *self.spare.borrow_mut()),
            at: 0,
            filled: 0,
        }))
    }
}

struct SlicedReader<'a, S: Slices> {
    source: &'a SlicedSource<S>,
    /// Offset in the file of the next byte to fetch from the file.
    pos: u64,
    buf: Vec<u8>,
    /// Next unread byte in `buf[..filled]`.
    at: usize,
    filled: usize,
}

impl<S: Slices> Read for SlicedReader<'_, S> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if self.at == self.filled {
            let left = self.source.slices.size().saturating_sub(self.pos);
            if left == 0 {
                return Ok(0);
            }
            let slice = self.source.slice;
            // A caller asking for a whole slice or more gets it straight into its own buffer: one
            // copy from the browser into wasm memory.
            if out.len() >= slice {
                let n = (out.len() as u64).min(left) as usize;
                self.source.slices.read_at(self.pos, &mut out[..n])?;
                self.pos += n as u64;
                return Ok(n);
            }
            let n = (slice as u64).min(left) as usize;
            if self.buf.len() < n {
                self.buf.resize(n, 0);
            }
            self.source.slices.read_at(self.pos, &mut self.buf[..n])?;
            self.pos += n as u64;
            self.at = 0;
            self.filled = n;
        }
        let n = out.len().min(self.filled - self.at);
        out[..n].copy_from_slice(&self.buf[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

impl<S: Slices> Drop for SlicedReader<'_, S> {
    fn drop(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        let mut spare = self.source.spare.borrow_mut();
        if buf.capacity() > spare.capacity() {
            *spare = buf;
        }
    }
}

/// A browser `File` as an engine source, named `name`.
pub fn blob_source(name: String, blob: Blob) -> SlicedSource<BlobSlices> {
    SlicedSource::new(name, BlobSlices::new(blob))
}
