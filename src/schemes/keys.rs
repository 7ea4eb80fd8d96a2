//! Ed25519 keys in minisign's and signify's encodings, and the strict Ed25519 check both use.
//!
//! **Public keys.** minisign and signify share one layout: base64 of `"Ed"` (the algorithm), an
//! 8-byte key ID and the 32-byte Ed25519 key, on the line after an `untrusted comment:` line.
//! [`PublicKey::decode`] accepts a whole `.pub` file of either tool, or the bare base64 string
//! (`RW…`, what `minisign -P` takes), ignoring surrounding whitespace and CRLF line ends. The base64
//! line is the same for both tools; only the comment tells them apart (see [`KeyFormat`]). A key
//! is refused unless it is the canonical encoding of a curve point of large order: a small-order
//! ("weak") key would let one signature verify for many messages.
//!
//! **Secret keys.** [`SecretKey`] reads and writes minisign's *unencrypted* secret key file, the
//! one `minisign -G -W` writes (key derivation `none`). Airlock has no scrypt, so encrypted keys
//! are refused with a message saying how to remove the password. minisign leaves the BLAKE2b-256
//! checksum field zeroed in unencrypted keys (and never checks it for them); a zeroed field is
//! therefore accepted, any other value must be the right checksum, and in every case the public
//! half stored in the file must match the one derived from the secret seed.
//!
//! **Verification** is always *strict*: besides the Ed25519 equation it rejects a non-canonical
//! `S` (so `S + ℓ` malleations fail), a small-order or non-canonical `R` and a weak key, as
//! libsodium (used by minisign) does. [`verify_strict`] checks a message in memory;
//! [`Ed25519Stream`] checks one that arrives in pieces, with constant memory.

use std::fmt;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use ed25519_dalek::{Signer as _, SigningKey, StreamVerifier, VerifyingKey};

use crate::i18n::Message;
use crate::msg;

/// The algorithm tag of Ed25519 keys and of pure Ed25519 signatures (`"Ed"`).
pub const ALG_ED25519: [u8; 2] = *b"Ed";
/// Length of a decoded public key blob: algorithm (2) + key ID (8) + key (32).
pub const PUBLIC_KEY_BLOB_LEN: usize = 42;
/// Length of a decoded minisign secret key blob.
pub const SECRET_KEY_BLOB_LEN: usize = 158;

const COMMENT_PREFIX: &str = "untrusted comment:";
const KDF_NONE: [u8; 2] = [0, 0];
const KDF_SCRYPT: [u8; 2] = *b"Sc";
const CHK_BLAKE2B: [u8; 2] = *b"B2";

/// Standard base64 as minisign and signify write it (with `=` padding); padding is optional on
/// input so a pasted key without its `=` still reads. Non-zero trailing bits are refused, so each
/// value has one encoding.
pub(crate) const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Longest base64 line decoded; anything longer is reported as the wrong length at once.
pub(crate) const MAX_BASE64_LINE: usize = 4096;

/// ℓ, the order of Ed25519's prime-order subgroup, little-endian. A signature's `S` must be below
/// it.
const GROUP_ORDER: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
];

/// Key ID as minisign prints it: the 8 bytes read as a little-endian `u64`, 16 uppercase hex
/// digits. (minisign 0.11 drops leading zeros in the comment of the `.pub` files it writes;
/// Airlock always prints 16 digits, as newer minisign versions do.)
pub fn key_id_hex(id: &[u8; 8]) -> String {
    format!("{:016X}", u64::from_le_bytes(*id))
}

/// Which tool's file a public key came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyFormat {
    Minisign,
    Signify,
}

impl KeyFormat {
    /// `minisign` or `signify`, as in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyFormat::Minisign => "minisign",
            KeyFormat::Signify => "signify",
        }
    }

    /// Decide from a key file's untrusted comment. minisign always writes `minisign public key
    /// <ID>`; signify writes `<comment> public key` (`signify public key` by default). A comment
    /// naming signify, or ending in ` public key` without naming minisign, is signify's; anything
    /// else (and a bare base64 string) is minisign's.
    fn from_comment(comment: Option<&str>) -> KeyFormat {
        let Some(comment) = comment else {
            return KeyFormat::Minisign;
        };
        let lower = comment.to_ascii_lowercase();
        if lower.starts_with("minisign") {
            KeyFormat::Minisign
        } else if lower.contains("signify") || lower.ends_with(" public key") {
            KeyFormat::Signify
        } else {
            KeyFormat::Minisign
        }
    }
}

impl fmt::Display for KeyFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a key could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// Nothing but whitespace.
    Empty,
    /// An `untrusted comment:` line with no key line after it.
    MissingKeyLine,
    /// More than a comment line and a key line, or a first line that is neither.
    UnexpectedText,
    /// The key line is not valid base64.
    InvalidEncoding,
    /// The decoded key has the wrong number of bytes.
    WrongLength { expected: usize, found: usize },
    /// The algorithm tag is not `Ed`.
    UnsupportedAlgorithm([u8; 2]),
    /// The 32 key bytes are not the canonical encoding of a point on the curve.
    InvalidPoint,
    /// The key is a point of small order.
    WeakKey,
    /// A secret key protected by a password (scrypt).
    Encrypted,
    /// A secret key whose key-derivation tag is neither `Sc` nor none.
    UnsupportedKdf([u8; 2]),
    /// A secret key whose checksum tag is not `B2`.
    UnsupportedChecksum([u8; 2]),
    /// A secret key whose BLAKE2b-256 checksum does not match its content.
    ChecksumMismatch,
    /// A secret key whose stored public half does not belong to its secret seed.
    KeyMismatch,
}

impl KeyError {
    /// The sentence (catalogue `detail-key-…`).
    pub fn message(&self) -> Message {
        match self {
            KeyError::Empty => msg!("detail-key-empty"),
            KeyError::MissingKeyLine => msg!("detail-key-missing-line"),
            KeyError::UnexpectedText => msg!("detail-key-unexpected-text"),
            KeyError::InvalidEncoding => msg!("detail-key-base64"),
            KeyError::WrongLength { expected, found } => {
                msg!("detail-key-length", "expected" => *expected, "actual" => *found)
            }
            KeyError::UnsupportedAlgorithm(tag) => {
                msg!("detail-key-algorithm", "tag" => tag.escape_ascii().to_string())
            }
            KeyError::InvalidPoint => msg!("detail-key-invalid-point"),
            KeyError::WeakKey => msg!("detail-key-weak"),
            KeyError::Encrypted => msg!("detail-key-encrypted"),
            KeyError::UnsupportedKdf(tag) => {
                msg!("detail-key-kdf", "tag" => tag.escape_ascii().to_string())
            }
            KeyError::UnsupportedChecksum(tag) => {
                msg!("detail-key-checksum-method", "tag" => tag.escape_ascii().to_string())
            }
            KeyError::ChecksumMismatch => msg!("detail-key-checksum-mismatch"),
            KeyError::KeyMismatch => msg!("detail-key-pair-mismatch"),
        }
    }
}

/// English.
impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for KeyError {}

/// The comment (if any) and the base64 line of a key file.
struct KeyText<'a> {
    comment: Option<&'a str>,
    base64: &'a str,
}

/// Split key text into its comment and base64 line, tolerating a BOM, blank lines, surrounding
/// whitespace and CRLF.
fn split_key_text(text: &str) -> Result<KeyText<'_>, KeyError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().ok_or(KeyError::Empty)?;
    let parsed = match first.strip_prefix(COMMENT_PREFIX) {
        Some(comment) => KeyText {
            comment: Some(comment.trim()),
            base64: lines.next().ok_or(KeyError::MissingKeyLine)?,
        },
        None => KeyText {
            comment: None,
            base64: first,
        },
    };
    if lines.next().is_some() {
        return Err(KeyError::UnexpectedText);
    }
    Ok(parsed)
}

/// Decode base64 into exactly `len` bytes, in a buffer wiped when dropped.
fn decode_exact(b64: &str, len: usize) -> Result<Wiped, KeyError> {
    // Refuse absurdly long lines before decoding them.
    if b64.len() > MAX_BASE64_LINE {
        return Err(KeyError::WrongLength {
            expected: len,
            found: b64.len() / 4 * 3,
        });
    }
    let buf = Wiped(BASE64.decode(b64).map_err(|_| KeyError::InvalidEncoding)?);
    if buf.0.len() != len {
        return Err(KeyError::WrongLength {
            expected: len,
            found: buf.0.len(),
        });
    }
    Ok(buf)
}

/// A byte buffer overwritten with zeros when dropped (best effort without `unsafe`).
struct Wiped(Vec<u8>);

impl Drop for Wiped {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

/// Overwrite secret bytes with zeros. `black_box` keeps the compiler from dropping the stores.
fn wipe(bytes: &mut [u8]) {
    bytes.fill(0);
    std::hint::black_box(bytes);
}

/// Check a 32-byte Ed25519 public key: canonical point encoding, not of small order.
fn checked_verifying_key(bytes: &[u8; 32]) -> Result<VerifyingKey, KeyError> {
    let key = VerifyingKey::from_bytes(bytes).map_err(|_| KeyError::InvalidPoint)?;
    // Decompression reduces y modulo p and accepts a "negative zero" x; only the canonical
    // encoding of the point is accepted here, so each key has one encoding.
    if key.to_edwards().compress().as_bytes() != bytes {
        return Err(KeyError::InvalidPoint);
    }
    if key.is_weak() {
        return Err(KeyError::WeakKey);
    }
    Ok(key)
}

/// An Ed25519 public key with its 8-byte key ID, as minisign and signify store it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    id: [u8; 8],
    key: VerifyingKey,
    format: KeyFormat,
}

impl PublicKey {
    /// Read a minisign or signify `.pub` file, or a bare base64 key.
    pub fn decode(text: &str) -> Result<PublicKey, KeyError> {
        let parts = split_key_text(text)?;
        let blob = decode_exact(parts.base64, PUBLIC_KEY_BLOB_LEN)?;
        let format = KeyFormat::from_comment(parts.comment);
        Self::from_blob(&blob.0, format)
    }

    /// Build a key from its parts, with the same checks as [`PublicKey::decode`].
    pub fn new(id: [u8; 8], key: [u8; 32], format: KeyFormat) -> Result<PublicKey, KeyError> {
        Ok(PublicKey {
            id,
            key: checked_verifying_key(&key)?,
            format,
        })
    }

    /// `Ed` + key ID + key, exactly [`PUBLIC_KEY_BLOB_LEN`] bytes.
    fn from_blob(blob: &[u8], format: KeyFormat) -> Result<PublicKey, KeyError> {
        if blob.len() != PUBLIC_KEY_BLOB_LEN {
            return Err(KeyError::WrongLength {
                expected: PUBLIC_KEY_BLOB_LEN,
                found: blob.len(),
            });
        }
        let (alg, rest) = blob.split_at(2);
        let (id, key) = rest.split_at(8);
        if alg != ALG_ED25519 {
            return Err(KeyError::UnsupportedAlgorithm([alg[0], alg[1]]));
        }
        let id: [u8; 8] = id.try_into().map_err(|_| KeyError::InvalidEncoding)?;
        let key: [u8; 32] = key.try_into().map_err(|_| KeyError::InvalidEncoding)?;
        PublicKey::new(id, key, format)
    }

    /// The 8-byte key ID, as stored.
    pub fn id(&self) -> [u8; 8] {
        self.id
    }

    /// The key ID as minisign prints it (16 uppercase hex digits).
    pub fn id_hex(&self) -> String {
        key_id_hex(&self.id)
    }

    /// Which tool's file the key came from.
    pub fn format(&self) -> KeyFormat {
        self.format
    }

    /// The key line: base64 of `Ed` + key ID + key.
    pub fn to_base64(&self) -> String {
        let mut blob = [0u8; PUBLIC_KEY_BLOB_LEN];
        blob[..2].copy_from_slice(&ALG_ED25519);
        blob[2..10].copy_from_slice(&self.id);
        blob[10..].copy_from_slice(self.key.as_bytes());
        BASE64.encode(blob)
    }

    /// The `.pub` file `minisign -G` writes for this key.
    pub fn to_minisign_file(&self) -> String {
        format!(
            "untrusted comment: minisign public key {}\n{}\n",
            self.id_hex(),
            self.to_base64()
        )
    }

    /// The `.pub` file `signify -G` writes for this key (default comment).
    pub fn to_signify_file(&self) -> String {
        format!(
            "untrusted comment: signify public key\n{}\n",
            self.to_base64()
        )
    }

    /// The Ed25519 key itself.
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.key
    }
}

/// A minisign secret key, unencrypted. The seed is wiped from memory when dropped.
pub struct SecretKey {
    id: [u8; 8],
    signing: SigningKey,
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretKey")
            .field("id", &key_id_hex(&self.id))
            .finish_non_exhaustive()
    }
}

impl SecretKey {
    /// A key from a 32-byte Ed25519 seed and an 8-byte key ID (both random; the caller supplies
    /// them so the engine needs no random source).
    pub fn generate(seed: [u8; 32], key_id: [u8; 8]) -> SecretKey {
        let mut seed = seed;
        let signing = SigningKey::from_bytes(&seed);
        wipe(&mut seed);
        SecretKey {
            id: key_id,
            signing,
        }
    }

    /// Read an unencrypted minisign secret key file (`minisign -G -W`).
    pub fn decode(text: &str) -> Result<SecretKey, KeyError> {
        let parts = split_key_text(text)?;
        let blob = decode_exact(parts.base64, SECRET_KEY_BLOB_LEN)?;
        let b = &blob.0;
        // Layout: sig_alg(2) kdf_alg(2) chk_alg(2) kdf_salt(32) opslimit(8) memlimit(8)
        //         key_id(8) secret_key(64 = seed 32 + public 32) checksum(32).
        let tag = |at: usize| [b[at], b[at + 1]];
        if tag(0) != ALG_ED25519 {
            return Err(KeyError::UnsupportedAlgorithm(tag(0)));
        }
        match tag(2) {
            KDF_NONE => {}
            KDF_SCRYPT => return Err(KeyError::Encrypted),
            other => return Err(KeyError::UnsupportedKdf(other)),
        }
        if tag(4) != CHK_BLAKE2B {
            return Err(KeyError::UnsupportedChecksum(tag(4)));
        }
        let id: [u8; 8] = b[54..62]
            .try_into()
            .map_err(|_| KeyError::InvalidEncoding)?;
        let stored_chk = &b[126..158];
        if stored_chk.iter().any(|&x| x != 0) {
            let chk = checksum(&b[0..2], &id, &b[62..126]);
            if chk[..] != *stored_chk {
                return Err(KeyError::ChecksumMismatch);
            }
        }
        let mut seed: [u8; 32] = b[62..94]
            .try_into()
            .map_err(|_| KeyError::InvalidEncoding)?;
        let signing = SigningKey::from_bytes(&seed);
        wipe(&mut seed);
        if signing.verifying_key().as_bytes()[..] != b[94..126] {
            return Err(KeyError::KeyMismatch);
        }
        Ok(SecretKey { id, signing })
    }

    /// The secret key file, unencrypted, as `minisign -G -W` writes it (with the checksum filled
    /// in). minisign reads it for `-S` without asking for a password. The returned text holds the
    /// secret: the caller should write it to a file only it can read.
    pub fn encode(&self) -> String {
        let mut blob = Wiped(vec![0u8; SECRET_KEY_BLOB_LEN]);
        let b = &mut blob.0;
        b[0..2].copy_from_slice(&ALG_ED25519);
        b[2..4].copy_from_slice(&KDF_NONE);
        b[4..6].copy_from_slice(&CHK_BLAKE2B);
        // kdf_salt, opslimit and memlimit stay zero: there is no key derivation.
        b[54..62].copy_from_slice(&self.id);
        b[62..94].copy_from_slice(self.signing.as_bytes());
        b[94..126].copy_from_slice(self.signing.verifying_key().as_bytes());
        let chk = checksum(&ALG_ED25519, &self.id, &b[62..126]);
        b[126..158].copy_from_slice(&chk);
        format!(
            "untrusted comment: minisign unencrypted secret key\n{}\n",
            BASE64.encode(&b[..])
        )
    }

    /// The matching public key (minisign format).
    pub fn public_key(&self) -> PublicKey {
        PublicKey {
            id: self.id,
            key: self.signing.verifying_key(),
            format: KeyFormat::Minisign,
        }
    }

    /// The 8-byte key ID.
    pub fn id(&self) -> [u8; 8] {
        self.id
    }

    /// A pure Ed25519 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

/// minisign's secret key checksum: BLAKE2b-256 of algorithm tag, key ID and the 64-byte secret key.
fn checksum(alg: &[u8], id: &[u8; 8], secret: &[u8]) -> [u8; 32] {
    let mut h = Blake2b::<U32>::new();
    h.update(alg);
    h.update(id);
    h.update(secret);
    h.finalize().into()
}

/// Why a strict Ed25519 check failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ed25519Error {
    /// The public key is of small order.
    WeakKey,
    /// `S` is not below the group order: a malleated (`S + ℓ`) or corrupted signature.
    NonCanonicalS,
    /// `R` is not the encoding of a curve point.
    InvalidR,
    /// `R` is a point of small order.
    SmallOrderR,
    /// The signature does not match this message and key.
    Mismatch,
}

impl Ed25519Error {
    /// The sentence (catalogue `detail-ed25519-…`).
    pub fn message(&self) -> Message {
        match self {
            Ed25519Error::WeakKey => msg!("detail-ed25519-weak-key"),
            Ed25519Error::NonCanonicalS => msg!("detail-ed25519-non-canonical"),
            Ed25519Error::InvalidR => msg!("detail-ed25519-invalid-r"),
            Ed25519Error::SmallOrderR => msg!("detail-ed25519-small-order-r"),
            Ed25519Error::Mismatch => msg!("detail-ed25519-mismatch"),
        }
    }
}

/// English.
impl fmt::Display for Ed25519Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for Ed25519Error {}

/// True when the little-endian 32-byte integer is below the group order ℓ.
fn is_canonical_scalar(s: &[u8]) -> bool {
    for (a, l) in s.iter().rev().zip(GROUP_ORDER.iter().rev()) {
        if a != l {
            return a < l;
        }
    }
    false // equal to ℓ
}

/// The checks `verify_strict` makes besides the equation, done up front and independently of
/// ed25519-dalek's feature flags (its `legacy_compatibility` feature relaxes the `S` check).
fn strict_prechecks(key: &VerifyingKey, signature: &[u8; 64]) -> Result<(), Ed25519Error> {
    if key.is_weak() {
        return Err(Ed25519Error::WeakKey);
    }
    if !is_canonical_scalar(&signature[32..]) {
        return Err(Ed25519Error::NonCanonicalS);
    }
    let r: [u8; 32] = signature[..32]
        .try_into()
        .map_err(|_| Ed25519Error::InvalidR)?;
    let r_point = VerifyingKey::from_bytes(&r).map_err(|_| Ed25519Error::InvalidR)?;
    if r_point.is_weak() {
        return Err(Ed25519Error::SmallOrderR);
    }
    Ok(())
}

/// Strict Ed25519 verification of a message held in memory.
pub fn verify_strict(
    key: &PublicKey,
    message: &[u8],
    signature: &[u8; 64],
) -> Result<(), Ed25519Error> {
    strict_prechecks(&key.key, signature)?;
    key.key
        .verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature))
        .map_err(|_| Ed25519Error::Mismatch)
}

/// Strict Ed25519 verification of a message that arrives in pieces; memory does not grow with
/// the message.
///
/// A signature that fails the up-front checks (non-canonical `S`, bad `R`) is not rejected on
/// construction: [`Ed25519Stream::update`] then ignores the data and [`Ed25519Stream::finish`]
/// reports the reason, so a caller streams the same way whatever the signature holds.
pub struct Ed25519Stream {
    state: Result<StreamVerifier, Ed25519Error>,
}

impl Ed25519Stream {
    /// Start checking `signature` by `key`.
    pub fn new(key: &PublicKey, signature: &[u8; 64]) -> Ed25519Stream {
        let state = strict_prechecks(&key.key, signature).and_then(|()| {
            key.key
                .verify_stream(&ed25519_dalek::Signature::from_bytes(signature))
                .map_err(|_| Ed25519Error::NonCanonicalS)
        });
        Ed25519Stream { state }
    }

    /// Feed the next piece of the message.
    pub fn update(&mut self, data: &[u8]) {
        if let Ok(v) = &mut self.state {
            v.update(data);
        }
    }

    /// Check the signature over everything fed.
    pub fn finish(self) -> Result<(), Ed25519Error> {
        self.state?
            .finalize_and_verify()
            .map_err(|_| Ed25519Error::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex<const N: usize>(s: &str) -> [u8; N] {
        hex::decode(s).unwrap().try_into().unwrap()
    }

    struct Vector {
        seed: &'static str,
        public: &'static str,
        message: &'static str,
        signature: &'static str,
    }

    // RFC 8032, section 7.1, tests 1 to 3.
    const RFC8032: [Vector; 3] = [
        Vector {
            seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            message: "",
            signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        },
        Vector {
            seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            public: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            message: "72",
            signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        },
        Vector {
            seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            public: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            message: "af82",
            signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
        },
    ];

    const ID: [u8; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

    #[test]
    fn rfc8032_sign_and_verify() {
        for v in &RFC8032 {
            let sk = SecretKey::generate(unhex(v.seed), ID);
            let pk = sk.public_key();
            assert_eq!(pk.verifying_key().as_bytes(), &unhex::<32>(v.public));
            let message = hex::decode(v.message).unwrap();
            let expected: [u8; 64] = unhex(v.signature);
            assert_eq!(sk.sign(&message), expected);
            verify_strict(&pk, &message, &expected).unwrap();

            // The same, streamed one byte at a time and in one piece.
            let mut s = Ed25519Stream::new(&pk, &expected);
            for b in &message {
                s.update(std::slice::from_ref(b));
            }
            s.finish().unwrap();
            let mut s = Ed25519Stream::new(&pk, &expected);
            s.update(&message);
            s.finish().unwrap();

            // A changed message fails both ways.
            let mut other = message.clone();
            other.push(0);
            assert_eq!(
                verify_strict(&pk, &other, &expected),
                Err(Ed25519Error::Mismatch)
            );
            let mut s = Ed25519Stream::new(&pk, &expected);
            s.update(&other);
            assert_eq!(s.finish(), Err(Ed25519Error::Mismatch));
        }
    }

    /// Add ℓ to the `S` half: the result still satisfies the plain equation `[S]B = R + [k]A`.
    fn malleate(sig: &[u8; 64]) -> [u8; 64] {
        let mut out = *sig;
        let mut carry = 0u16;
        for i in 0..32 {
            let sum = u16::from(out[32 + i]) + u16::from(GROUP_ORDER[i]) + carry;
            out[32 + i] = sum as u8;
            carry = sum >> 8;
        }
        assert_eq!(carry, 0);
        out
    }

    #[test]
    fn malleated_signature_is_rejected() {
        let v = &RFC8032[1];
        let sk = SecretKey::generate(unhex(v.seed), ID);
        let pk = sk.public_key();
        let message = hex::decode(v.message).unwrap();
        let sig: [u8; 64] = unhex(v.signature);
        let bad = malleate(&sig);
        assert_ne!(bad, sig);
        assert_eq!(
            verify_strict(&pk, &message, &bad),
            Err(Ed25519Error::NonCanonicalS)
        );
        let mut s = Ed25519Stream::new(&pk, &bad);
        s.update(&message);
        assert_eq!(s.finish(), Err(Ed25519Error::NonCanonicalS));
        // S = ℓ exactly is also out of range.
        let mut at_order = sig;
        at_order[32..].copy_from_slice(&GROUP_ORDER);
        assert_eq!(
            verify_strict(&pk, &message, &at_order),
            Err(Ed25519Error::NonCanonicalS)
        );
    }

    #[test]
    fn small_order_r_is_rejected() {
        let v = &RFC8032[0];
        let pk = SecretKey::generate(unhex(v.seed), ID).public_key();
        let mut sig = [0u8; 64];
        sig[0] = 1; // R = identity (order 1), S = 0
        assert_eq!(
            verify_strict(&pk, b"", &sig),
            Err(Ed25519Error::SmallOrderR)
        );
        assert_eq!(
            Ed25519Stream::new(&pk, &sig).finish(),
            Err(Ed25519Error::SmallOrderR)
        );
    }

    /// The canonical encodings of the eight points of small order.
    const SMALL_ORDER: [&str; 8] = [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ];

    fn blob(key: &[u8; 32]) -> String {
        let mut b = Vec::from(ALG_ED25519);
        b.extend_from_slice(&ID);
        b.extend_from_slice(key);
        BASE64.encode(b)
    }

    #[test]
    fn weak_keys_are_rejected() {
        for k in SMALL_ORDER {
            let key: [u8; 32] = unhex(k);
            assert_eq!(
                PublicKey::decode(&blob(&key)),
                Err(KeyError::WeakKey),
                "{k}"
            );
            assert_eq!(
                PublicKey::new(ID, key, KeyFormat::Signify),
                Err(KeyError::WeakKey)
            );
        }
        // x = 0 with the sign bit set ("negative zero") is not a canonical encoding.
        for k in [
            "0100000000000000000000000000000000000000000000000000000000000080",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        ] {
            let key: [u8; 32] = unhex(k);
            assert_eq!(
                PublicKey::decode(&blob(&key)),
                Err(KeyError::InvalidPoint),
                "{k}"
            );
        }
        // The identity again, encoded non-canonically as y = p + 1.
        let mut y = [0xffu8; 32];
        y[0] = 0xee;
        y[31] = 0x7f;
        assert_eq!(PublicKey::decode(&blob(&y)), Err(KeyError::InvalidPoint));
    }

    #[test]
    fn off_curve_key_is_rejected() {
        // Find a y with no matching x (about half of all y values).
        let key = (2u8..)
            .map(|i| {
                let mut k = [0u8; 32];
                k[0] = i;
                k
            })
            .find(|k| VerifyingKey::from_bytes(k).is_err())
            .unwrap();
        assert_eq!(PublicKey::decode(&blob(&key)), Err(KeyError::InvalidPoint));
    }

    #[test]
    fn public_key_text_forms() {
        let sk = SecretKey::generate([7u8; 32], [0x8d, 0x39, 0x33, 0x60, 0x7e, 0, 0xaa, 0xd5]);
        let pk = sk.public_key();
        assert_eq!(pk.id_hex(), "D5AA007E6033398D");
        let file = pk.to_minisign_file();
        assert!(file.starts_with("untrusted comment: minisign public key D5AA007E6033398D\n"));
        assert!(pk.to_base64().starts_with("RW"));
        assert_eq!(PublicKey::decode(&file).unwrap(), pk);
        // CRLF, surrounding blank lines and spaces.
        let crlf = format!("\r\n  {}  \r\n\r\n", file.replace('\n', "\r\n"));
        assert_eq!(PublicKey::decode(&crlf).unwrap(), pk);
        // Bare base64, with and without padding (42 bytes need none), with a BOM.
        let bare = pk.to_base64();
        assert_eq!(PublicKey::decode(&bare).unwrap(), pk);
        assert_eq!(PublicKey::decode(&format!("\u{feff}{bare}\n")).unwrap(), pk);
        assert_eq!(
            PublicKey::decode(&bare).unwrap().format(),
            KeyFormat::Minisign
        );
        // signify's comment.
        let s = PublicKey::decode(&pk.to_signify_file()).unwrap();
        assert_eq!(s.format(), KeyFormat::Signify);
        assert_eq!(s.id(), pk.id());
        // OpenBSD's release keys: `signify -G -c "openbsd 7.5 base"`.
        let custom = format!("untrusted comment: openbsd 7.5 base public key\n{bare}\n");
        assert_eq!(
            PublicKey::decode(&custom).unwrap().format(),
            KeyFormat::Signify
        );
        assert_eq!(KeyFormat::Signify.to_string(), "signify");
    }

    #[test]
    fn public_key_errors() {
        let pk = SecretKey::generate([9u8; 32], ID).public_key();
        let b64 = pk.to_base64();
        assert_eq!(PublicKey::decode(" \n\r\n"), Err(KeyError::Empty));
        assert_eq!(
            PublicKey::decode("untrusted comment: x\n"),
            Err(KeyError::MissingKeyLine)
        );
        assert_eq!(
            PublicKey::decode(&format!("untrusted comment: x\n{b64}\n{b64}\n")),
            Err(KeyError::UnexpectedText)
        );
        assert_eq!(
            PublicKey::decode(&format!("hello\n{b64}\n")),
            Err(KeyError::UnexpectedText)
        );
        assert_eq!(PublicKey::decode("RW!!"), Err(KeyError::InvalidEncoding));
        assert_eq!(
            PublicKey::decode(&b64[..40]),
            Err(KeyError::WrongLength {
                expected: 42,
                found: 30
            })
        );
        assert!(matches!(
            PublicKey::decode(&"A".repeat(10_000)),
            Err(KeyError::WrongLength { expected: 42, .. })
        ));
        let mut raw = BASE64.decode(&b64).unwrap();
        raw[1] = b'D';
        assert_eq!(
            PublicKey::decode(&BASE64.encode(&raw)),
            Err(KeyError::UnsupportedAlgorithm(*b"ED"))
        );
        // Every error has a sentence.
        assert!(KeyError::WeakKey.to_string().ends_with('.'));
    }

    #[test]
    fn secret_key_round_trip() {
        let sk = SecretKey::generate([3u8; 32], ID);
        let text = sk.encode();
        assert!(text.starts_with("untrusted comment: "));
        let back = SecretKey::decode(&text).unwrap();
        assert_eq!(back.public_key(), sk.public_key());
        assert_eq!(back.sign(b"x"), sk.sign(b"x"));
        assert!(!format!("{back:?}").contains("03030303"));
    }

    fn secret_blob(sk: &SecretKey) -> Vec<u8> {
        let text = sk.encode();
        BASE64.decode(text.lines().nth(1).unwrap()).unwrap()
    }

    fn secret_text(b: &[u8]) -> String {
        format!("untrusted comment: test\n{}\n", BASE64.encode(b))
    }

    #[test]
    fn secret_key_checks() {
        let sk = SecretKey::generate([5u8; 32], ID);
        let good = secret_blob(&sk);

        // minisign -G -W leaves the checksum zeroed: accepted.
        let mut zero_chk = good.clone();
        zero_chk[126..].fill(0);
        assert!(SecretKey::decode(&secret_text(&zero_chk)).is_ok());

        let mut bad_chk = good.clone();
        bad_chk[130] ^= 1;
        assert_eq!(
            SecretKey::decode(&secret_text(&bad_chk)).unwrap_err(),
            KeyError::ChecksumMismatch
        );

        // A damaged seed: the checksum catches it, and without checksum the public half does.
        let mut bad_seed = zero_chk.clone();
        bad_seed[70] ^= 1;
        assert_eq!(
            SecretKey::decode(&secret_text(&bad_seed)).unwrap_err(),
            KeyError::KeyMismatch
        );

        let mut encrypted = good.clone();
        encrypted[2..4].copy_from_slice(b"Sc");
        let err = SecretKey::decode(&secret_text(&encrypted)).unwrap_err();
        assert_eq!(err, KeyError::Encrypted);
        assert!(err.to_string().contains("-W"));

        let mut kdf = good.clone();
        kdf[2..4].copy_from_slice(b"Xx");
        assert_eq!(
            SecretKey::decode(&secret_text(&kdf)).unwrap_err(),
            KeyError::UnsupportedKdf(*b"Xx")
        );
        let mut chk = good.clone();
        chk[4..6].copy_from_slice(b"B3");
        assert_eq!(
            SecretKey::decode(&secret_text(&chk)).unwrap_err(),
            KeyError::UnsupportedChecksum(*b"B3")
        );
        assert_eq!(
            SecretKey::decode(&secret_text(&good[..100])).unwrap_err(),
            KeyError::WrongLength {
                expected: 158,
                found: 100
            }
        );
        // A public key is not a secret key.
        assert_eq!(
            SecretKey::decode(&sk.public_key().to_minisign_file()).unwrap_err(),
            KeyError::WrongLength {
                expected: 158,
                found: 42
            }
        );
    }

    #[test]
    fn scalar_range_check() {
        assert!(is_canonical_scalar(&[0u8; 32]));
        let mut below = GROUP_ORDER;
        below[0] -= 1;
        assert!(is_canonical_scalar(&below));
        assert!(!is_canonical_scalar(&GROUP_ORDER));
        assert!(!is_canonical_scalar(&[0xff; 32]));
    }
}
