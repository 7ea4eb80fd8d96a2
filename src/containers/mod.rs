//! Containers: what holds the bundle's entries.
//!
//! - [`archive`]: tar archives, read as one forward stream, strictly (a header only when every
//!   mainstream extractor reads it the same way);
//! - [`gzip`]: gzip framing (multi-member) around flate2's DEFLATE decoder;
//! - `pipeline` (native, `threads` feature): gunzip and the tar walk on their own threads.
//!
//! A folder given as an input (an unpacked bundle) is listed by the caller
//! ([`crate::verify::Input::Tree`]).

pub mod archive;
pub mod gzip;
#[cfg(feature = "threads")]
pub(crate) mod pipeline;
