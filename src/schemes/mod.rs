//! Signature schemes and their keys.
//!
//! - [`keys`]: Ed25519 public and secret keys in minisign's and signify's encodings;
//! - [`minisign`]: `.minisig` signatures (legacy and prehashed), and signing;
//! - [`signify`]: signify detached and embedded signatures.
pub mod keys;
pub mod minisign;
pub mod signify;
