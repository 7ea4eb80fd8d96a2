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
//!   [`signify`] (their Ed25519 keys in [`keys`]), [`schemes::openpgp`] (detached and
//!   cleartext-signed, certificates from `gpg --export`) and [`schemes::ssh`] (SSHSIG with
//!   `allowed_signers`);
//! - [`carriers`] carry expected digests of what is in the bundle and turn them into
//!   [`carriers::Claim`]s through content checkers ([`carriers::ContentChecker`]): [`checksums`]
//!   (`SHA256SUMS` lists, GNU and BSD tag formats), [`carriers::images`] (container image
//!   archives: docker-archive and OCI layouts, their layers decompressed by
//!   [`carriers::layers`]) and [`carriers::gomod`] (Go module caches and `go.sum`).
//!
//! Around them: [`classify`] (what an input is, from its content), [`paths`] (the path rules
//! shared by archives and lists), [`verify`] (the plan, one step a file: inputs → stream → trust
//! → structure → compare → judge), [`report`] (the report model, JSON schema 1) and [`i18n`]
//! (every sentence a person reads: findings, reasons and errors carry a catalogue message id and
//! its parameters, rendered in English for the report and in the reader's language on demand).
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
