//! Airlock: verify an offline bundle against a signed checksum list in one streaming pass.
//!
//! The engine reads inputs through [`std::io::Read`] and returns a [`report::Report`]; it knows
//! nothing of terminals or browsers. The native CLI (`src/main.rs`, behind the default `cli`
//! feature) and the WebAssembly skin (`wasm/`) both call [`verify::verify`] and render the same
//! report.
//!
//! Modules, one format each:
//! - [`archive`]: tar archives, read as a stream;
//! - [`gzip`]: gzip framing (multi-member) around flate2's DEFLATE decoder;
//! - [`checksums`]: `SHA256SUMS` lists (GNU and BSD tag formats);
//! - [`keys`]: Ed25519 public and secret keys in minisign's and signify's encodings;
//! - [`minisign`]: `.minisig` signatures (legacy and prehashed), and signing;
//! - [`signify`]: signify detached and embedded signatures;
//! - [`classify`]: what an input is, from its content;
//! - [`paths`]: the path rules shared by archives and lists;
//! - [`verify`]: the verification plan, top to bottom (natively, with the default `threads`
//!   feature, the tar walk and entry hashing run on a second thread: `pipeline`);
//! - [`report`]: the report model (JSON schema 1).
#![forbid(unsafe_code)]

pub mod archive;
pub mod checksums;
pub mod classify;
pub mod gzip;
pub mod keys;
pub mod minisign;
pub mod paths;
#[cfg(feature = "threads")]
mod pipeline;
pub mod report;
pub mod signify;
pub mod tree;
pub mod verify;

/// `airlock X.Y.Z`, as written into reports.
pub const TOOL: &str = concat!("airlock ", env!("CARGO_PKG_VERSION"));
