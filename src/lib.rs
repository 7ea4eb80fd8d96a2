//! Airlock: verify an offline bundle against signed claims in one streaming pass.
//!
//! The engine reads inputs through [`std::io::Read`] and returns a [`report::Report`]; it knows
//! nothing of terminals or browsers. The native CLI (`src/main.rs`, behind the default `cli`
//! feature) and the WebAssembly skin (`wasm/`) both call [`verify::verify`] and render the same
//! report.
//!
//! The formats come in three kinds, one folder each, one module per format:
//! - [`containers`] hold the bundle's entries: [`archive`] (tar, read as a stream), [`gzip`]
//!   (multi-member framing around flate2's DEFLATE), and natively a threaded pipeline over them;
//! - [`schemes`] are signature schemes behind one trait ([`schemes::Signature`]): [`minisign`],
//!   [`signify`], with their keys in [`keys`];
//! - [`carriers`] carry expected digests of what is in the bundle and turn them into
//!   [`carriers::Claim`]s through content checkers ([`carriers::ContentChecker`]): [`checksums`]
//!   (`SHA256SUMS` lists, GNU and BSD tag formats).
//!
//! Around them: [`classify`] (what an input is, from its content), [`paths`] (the path rules
//! shared by archives and lists), [`verify`] (the plan, one step a file: inputs → stream → trust
//! → structure → compare → judge) and [`report`] (the report model, JSON schema 1).
#![forbid(unsafe_code)]

pub mod carriers;
pub mod classify;
pub mod containers;
pub mod i18n;
pub mod paths;
pub mod report;
pub mod schemes;
pub mod verify;

// The format modules under their historical names.
pub use carriers::checksums;
pub use containers::{archive, gzip};
pub use schemes::{keys, minisign, signify};

/// `airlock X.Y.Z`, as written into reports.
pub const TOOL: &str = concat!("airlock ", env!("CARGO_PKG_VERSION"));
