//! Signature schemes and their keys, behind one trait.
//!
//! - [`keys`]: Ed25519 public and secret keys in minisign's and signify's encodings;
//! - [`minisign`]: `.minisig` signatures (legacy and prehashed), and signing;
//! - [`signify`]: signify detached and embedded signatures;
//! - [`openpgp`]: OpenPGP detached and cleartext signatures and certificates (`gpg`);
//! - [`ssh`]: SSH signatures (`ssh-keygen -Y sign -n file`) and SSH keys (`.pub`,
//!   `allowed_signers`).
//!
//! A [`Key`] is any public key the engine knows, of any kind; each scheme recognises its own
//! kind in [`Signature::made_by`].
//!
//! The verification plan sees a signature only as a [`Signature`]: who made it, which keys can
//! check it, verify a whole message, or start a [`StreamVerifier`] that is fed a file's bytes as
//! they pass (so a signature over a 5 GB bundle never needs the bundle in memory). A scheme
//! registers a decoder in [`SCHEMES`]; adding a scheme is one module implementing [`Signature`]
//! and one line there (plus, until keys of other kinds exist, how [`crate::classify`] recognises
//! its files).

use crate::classify::Role;
use crate::i18n::Message;
use crate::report::SigFormat;

pub mod keys;
pub mod minisign;
pub mod openpgp;
pub mod signify;
pub mod ssh;

pub use keys::PublicKey;

/// A public key of any kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// minisign and signify: Ed25519.
    Ed25519(PublicKey),
    /// An SSH key (a `.pub` line or an `allowed_signers` line).
    Ssh(ssh::SshKey),
    /// An OpenPGP certificate (`gpg --export`): primary key, subkeys, user IDs.
    OpenPgp(Box<openpgp::Cert>),
}

impl From<PublicKey> for Key {
    fn from(key: PublicKey) -> Key {
        Key::Ed25519(key)
    }
}

impl Key {
    /// The key's ID as the report shows it: minisign/signify key ID (16 hex digits), SSH
    /// `SHA256:…` fingerprint.
    pub fn id(&self) -> String {
        match self {
            Key::Ed25519(k) => k.id_hex(),
            Key::Ssh(k) => k.fingerprint(),
            Key::OpenPgp(c) => openpgp::fingerprint(c),
        }
    }
    /// `minisign`, `signify`, `ssh` or `openpgp`.
    pub fn format(&self) -> &'static str {
        match self {
            Key::Ed25519(k) => k.format().as_str(),
            Key::Ssh(_) => "ssh",
            Key::OpenPgp(_) => "openpgp",
        }
    }
    /// The key itself: minisign's or signify's base64, or the OpenSSH line.
    pub fn public_key(&self) -> String {
        match self {
            Key::Ed25519(k) => k.to_base64(),
            Key::Ssh(k) => k.openssh(),
            // A certificate is kilobytes: its fingerprint names it.
            Key::OpenPgp(c) => openpgp::fingerprint(c),
        }
    }
    /// SSH `allowed_signers` principals.
    pub fn principals(&self) -> Option<String> {
        match self {
            Key::Ssh(k) if !k.principals.is_empty() => Some(k.principals.join(",")),
            _ => None,
        }
    }
    /// OpenPGP: the certificate's (primary) user ID.
    pub fn user_id(&self) -> Option<String> {
        match self {
            Key::OpenPgp(c) => openpgp::user_id(c),
            _ => None,
        }
    }
}

/// The keys a key file holds, and notes on what in it was not taken.
#[derive(Debug, Default)]
pub struct DecodedKeys {
    pub keys: Vec<Key>,
    /// Parts skipped on purpose (e.g. `cert-authority` lines), said in words.
    pub notes: Vec<Message>,
}

/// Decode a public key file of any kind: a minisign or signify `.pub` file (or the bare `RW…`
/// key), a file of OpenSSH key lines, an `allowed_signers` file, or OpenPGP certificates (`gpg
/// --export`, binary or armored, one or several).
pub fn decode_keys(bytes: &[u8]) -> Result<DecodedKeys, Message> {
    if openpgp::sniff(bytes, true) == Some(openpgp::Kind::Key) {
        return Ok(DecodedKeys {
            keys: openpgp::parse_certs(bytes)?
                .into_iter()
                .map(|c| Key::OpenPgp(Box::new(c)))
                .collect(),
            notes: Vec::new(),
        });
    }
    let text = String::from_utf8_lossy(bytes);
    match PublicKey::decode(&text) {
        Ok(key) => Ok(DecodedKeys {
            keys: vec![Key::Ed25519(key)],
            notes: Vec::new(),
        }),
        Err(e) if !ssh::looks_like_keys(bytes) => Err(e.message()),
        Err(_) => {
            let parsed = ssh::parse_keys(&text)?;
            Ok(DecodedKeys {
                keys: parsed.keys.into_iter().map(Key::Ssh).collect(),
                notes: parsed.notes,
            })
        }
    }
}

/// What a scheme can add to the report about a signature (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Details {
    /// The hash the signature was made over (`sha512`, `SHA256`).
    pub hash_algorithm: Option<String>,
    /// SSH: the principals of the `allowed_signers` line of the key that verified.
    pub principal: Option<String>,
    /// OpenPGP: the certificate's primary fingerprint, as gpg prints it.
    pub primary_fingerprint: Option<String>,
    /// OpenPGP: the ID of the (sub)key that made the signature.
    pub signing_key: Option<String>,
    /// OpenPGP: the certificate's user ID.
    pub user_id: Option<String>,
    /// When the signature says it was made (OpenPGP), `YYYY-MM-DD HH:MM:SS UTC`.
    pub created: Option<String>,
}

/// A decoded signature, whatever its scheme.
pub trait Signature: Send + Sync {
    /// The scheme and form, as the report names it.
    fn format(&self) -> SigFormat;
    /// The algorithm, for the report (e.g. "Ed25519 (BLAKE2b-512 prehashed)").
    fn algorithm(&self) -> String;
    /// Who signed, as the scheme names its keys (minisign and signify: the key ID in hex).
    fn signer(&self) -> String;
    /// True when `key` is the key this signature names (the ID selects; the check decides).
    fn made_by(&self, key: &Key) -> bool;
    /// Verify over a whole message held in memory.
    fn verify(&self, key: &Key, message: &[u8]) -> bool;
    /// A verifier fed a file's bytes as they pass, when the scheme can check a stream.
    fn stream(&self, key: &Key) -> Option<Box<dyn StreamVerifier>>;
    /// Why this signature can never verify here whatever the key (a weak algorithm, the wrong
    /// SSH namespace), said in words; `None` when nothing refuses it.
    fn refused(&self) -> Option<Message> {
        None
    }
    /// Why `key`, which made this signature, may not vouch with it (an `allowed_signers` line
    /// limited to other namespaces or times; `now` is seconds since 1970, when known).
    fn key_refused(&self, _key: &Key, _now: Option<u64>) -> Option<Message> {
        None
    }
    /// What the report shows beyond the common fields; `key` is the key that verified, if any.
    fn details(&self, _key: Option<&Key>) -> Details {
        Details::default()
    }
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
pub type Decoder = fn(Role, &[u8]) -> Option<Result<Box<dyn Signature>, Message>>;

/// Every signature scheme the engine knows.
pub const SCHEMES: &[Decoder] = &[
    minisign::decode_signature,
    signify::decode_signature,
    ssh::decode_signature,
    openpgp::decode_signature,
];

/// Decode a signature file that [`crate::classify`] recognised as `role`; `None` when no scheme
/// claims the role.
pub fn decode(role: Role, bytes: &[u8]) -> Option<Result<Box<dyn Signature>, Message>> {
    SCHEMES.iter().find_map(|decode| decode(role, bytes))
}
