//! Signature schemes and their keys, behind one trait.
//!
//! - [`keys`]: Ed25519 public and secret keys in minisign's and signify's encodings;
//! - [`minisign`]: `.minisig` signatures (legacy and prehashed), and signing;
//! - [`signify`]: signify detached and embedded signatures.
//!
//! The verification plan sees a signature only as a [`Signature`]: who made it, which keys can
//! check it, verify a whole message, or start a [`StreamVerifier`] that is fed a file's bytes as
//! they pass (so a signature over a 5 GB bundle never needs the bundle in memory). A scheme
//! registers a decoder in [`SCHEMES`]; adding a scheme is one module implementing [`Signature`]
//! and one line there (plus, until keys of other kinds exist, how [`crate::classify`] recognises
//! its files).

use crate::classify::Role;
use crate::report::SigFormat;

pub mod keys;
pub mod minisign;
pub mod signify;

pub use keys::PublicKey;

/// A decoded signature, whatever its scheme.
pub trait Signature: Send + Sync {
    /// The scheme and form, as the report names it.
    fn format(&self) -> SigFormat;
    /// The algorithm, for the report (e.g. "Ed25519 (BLAKE2b-512 prehashed)").
    fn algorithm(&self) -> &'static str;
    /// Who signed, as the scheme names its keys (minisign and signify: the key ID in hex).
    fn signer(&self) -> String;
    /// True when `key` is the key this signature names (the ID selects; the check decides).
    fn made_by(&self, key: &PublicKey) -> bool;
    /// Verify over a whole message held in memory.
    fn verify(&self, key: &PublicKey, message: &[u8]) -> bool;
    /// A verifier fed a file's bytes as they pass, when the scheme can check a stream.
    fn stream(&self, key: &PublicKey) -> Option<Box<dyn StreamVerifier>>;
    /// The message carried inside the signature file (signify `-e`), if any.
    fn embedded(&self) -> Option<&[u8]> {
        None
    }
    /// The untrusted comment, for the record.
    fn untrusted_comment(&self) -> Option<String> {
        None
    }
    /// The signed (trusted) comment, shown escaped where it is not UTF-8.
    fn trusted_comment(&self) -> Option<String> {
        None
    }
}

/// A signature being checked while a file streams by.
pub trait StreamVerifier: Send {
    fn update(&mut self, data: &[u8]);
    /// True when the signature verifies over every byte fed.
    fn finish(self: Box<Self>) -> bool;
}

/// How a scheme decodes its signature files: `None` when the role is not one of its own.
pub type Decoder = fn(Role, &[u8]) -> Option<Result<Box<dyn Signature>, String>>;

/// Every signature scheme the engine knows.
pub const SCHEMES: &[Decoder] = &[minisign::decode_signature, signify::decode_signature];

/// Decode a signature file that [`crate::classify`] recognised as `role`; `None` when no scheme
/// claims the role.
pub fn decode(role: Role, bytes: &[u8]) -> Option<Result<Box<dyn Signature>, String>> {
    SCHEMES.iter().find_map(|decode| decode(role, bytes))
}
