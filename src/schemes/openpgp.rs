//! OpenPGP signatures and certificates (RFC 4880 v4, RFC 9580 v6), as `gpg --verify` checks them.
//!
//! Parsing and the cryptography are rPGP's (`pgp`); the policy is here, because rPGP checks
//! formats and equations, not whether a key may sign:
//!
//! - **Signatures**: detached binary (`.sig`, `.gpg`) or armored (`.asc`), and cleartext-signed
//!   messages (`gpg --clearsign`), whose list is read from the signed text (dash-escapes
//!   removed), never from the raw file. A detached signature of type binary over the bundle file
//!   is checked as the bundle streams by: the hash is driven here (salt for v6, the data, then
//!   the signature's own trailer), so nothing is loaded whole.
//! - **Several signatures in one file** (`gpg -u A -u B --detach-sign`, `cat a.sig b.sig`,
//!   `cat a.asc b.asc`, a message clearsigned by two keys): every signature packet is read, each
//!   on its own (none is passed over unseen: a packet that cannot be read makes the file
//!   unreadable), and each becomes a [`Signature`] the engine checks and reports by itself; the
//!   engine's rule for the file as a whole is in SECURITY.md ("Several signatures in one file").
//!   At most [`MAX_SIGNATURES_PER_FILE`] are read.
//! - **Accepted**: hashes SHA-256/384/512/224 (and SHA3-256/512); keys RSA of at least 2048
//!   bits, Ed25519 (v4 EdDSA and v6), ECDSA P-256/P-384. **Refused** with a reason: SHA-1, MD5 and
//!   RIPEMD-160 data signatures, shorter RSA, other algorithms, a critical subpacket or notation
//!   this code does not know (RFC 9580 5.2.3.7: such a signature must be treated as invalid).
//! - **Armor**: a block's CRC24 line, when it has one, must match its data, as gpg requires
//!   (rPGP 0.21 skips the check by default, and its opt-in check fails every armor: its hasher is
//!   copied before each update). rPGP dearmors and reads the CRC line; the CRC of the data it
//!   decoded is computed here, [`crc24`] being ten lines no maintained crate is worth adding for.
//! - **Keys**: `gpg --export` (binary) or `--armor --export`, one or several certificates per
//!   file, armored in one block or several (`cat a.asc b.asc`, which `gpg --import` reads
//!   whole). The signing key is the primary or a subkey the signature names (issuer fingerprint or
//!   key ID). At the signature's creation time it must be: created, bound (a primary by a valid
//!   self-signature over a user ID or a direct-key signature; a subkey by a valid binding
//!   signature from the primary **and** a valid back-signature from the subkey), flagged for
//!   signing (when the binding carries key flags; a subkey always needs them), not expired (key
//!   expiration time of the latest valid binding before the signature), and not revoked. A
//!   revocation for "superseded" or "retired" counts from its own date; any other revocation
//!   (compromised, no reason) counts whatever its date. A revoked or expired primary revokes its
//!   subkeys.

use std::io::Cursor;
use std::sync::Arc;

use pgp::composed::{
    CleartextSignedMessage, Deserializable, DetachedSignature, SignedPublicKey, SignedPublicSubKey,
};
use pgp::crypto::hash::HashAlgorithm;
use pgp::packet::{
    RevocationCode, Signature as Packet, SignatureType, SignatureVersionSpecific, SubpacketData,
};
use pgp::types::{
    EcdsaPublicParams, EddsaLegacyPublicParams, KeyDetails, PublicParams, Tag, VerifyingKey,
};

use super::{Key, MAX_SIGNATURES_PER_FILE};
use crate::i18n::Message;
use crate::msg;
use crate::report::SigFormat;

/// Smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;

/// Uppercase hex, as gpg prints fingerprints and key IDs.
fn upper(bytes: &[u8]) -> String {
    hex::encode_upper(bytes)
}

/// A certificate (`gpg --export`): primary key, user IDs, subkeys and their signatures.
pub type Cert = SignedPublicKey;

/// The primary key's fingerprint, as gpg prints it (uppercase hex, no spaces).
pub fn fingerprint(cert: &Cert) -> String {
    upper(cert.primary_key.fingerprint().as_bytes())
}

/// The first user ID (the primary one when a self-signature says so).
pub fn user_id(cert: &Cert) -> Option<String> {
    let users = &cert.details.users;
    let primary = users
        .iter()
        .find(|u| u.signatures.iter().any(|s| s.is_primary()))
        .or(users.first())?;
    Some(String::from_utf8_lossy(primary.id.id()).into_owned())
}

/// One binary packet header at the start of `bytes`: (tag, header length, body length). Partial
/// (streamed) lengths and indeterminate old-format lengths are not read: signature and key
/// files never use them.
fn packet_header(bytes: &[u8]) -> Option<(u8, usize, usize)> {
    let first = *bytes.first()?;
    if first & 0x80 == 0 {
        return None;
    }
    if first & 0x40 != 0 {
        let l0 = *bytes.get(1)? as usize;
        match l0 {
            0..=191 => Some((first & 0x3f, 2, l0)),
            192..=223 => Some((
                first & 0x3f,
                3,
                ((l0 - 192) << 8) + *bytes.get(2)? as usize + 192,
            )),
            255 => {
                let b = bytes.get(2..6)?;
                Some((
                    first & 0x3f,
                    6,
                    u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize,
                ))
            }
            _ => None,
        }
    } else {
        let tag = (first >> 2) & 0x0f;
        match first & 3 {
            0 => Some((tag, 2, *bytes.get(1)? as usize)),
            1 => {
                let b = bytes.get(1..3)?;
                Some((tag, 3, u16::from_be_bytes([b[0], b[1]]) as usize))
            }
            2 => {
                let b = bytes.get(1..5)?;
                Some((
                    tag,
                    5,
                    u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize,
                ))
            }
            _ => None,
        }
    }
}

/// True when `file` (a whole file) is a sequence of well-framed binary packets whose tags are
/// all in `tags`, ending exactly at the end of the file, and whose first packet has tag `first`
/// and a body that `body_ok` accepts. Random binary data almost never passes: this keeps a
/// payload file from being taken for a signature or a key.
fn binary_packets(file: &[u8], first: u8, tags: &[u8], body_ok: fn(&[u8]) -> bool) -> bool {
    let mut at = 0;
    let mut n = 0;
    while at < file.len() {
        let Some((tag, hl, bl)) = packet_header(&file[at..]) else {
            return false;
        };
        let Some(body) = file.get(at + hl..at + hl + bl) else {
            return false;
        };
        if (n == 0 && (tag != first || !body_ok(body))) || !tags.contains(&tag) {
            return false;
        }
        at += hl + bl;
        n += 1;
    }
    n > 0
}

/// A signature packet body: version, type (binary or text data), and known algorithms.
fn signature_body(b: &[u8]) -> bool {
    let (typ, pk, hash) = match b.first() {
        Some(3) => (b.get(2), b.get(15), b.get(16)),
        Some(4 | 6) => (b.get(1), b.get(2), b.get(3)),
        _ => return false,
    };
    matches!(typ, Some(0 | 1))
        && matches!(pk, Some(1 | 3 | 17 | 19 | 22 | 27 | 28))
        && matches!(hash, Some(1..=3 | 8..=12 | 14))
}

/// A public key packet body: version 4 or 6, creation time, a known algorithm.
fn key_body(b: &[u8]) -> bool {
    matches!(b.first(), Some(4 | 6))
        && b.len() > 6
        && matches!(b[5], 1 | 2 | 3 | 16 | 17 | 18 | 19 | 22 | 25..=28)
}

/// What an OpenPGP input looks like, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Signature,
    Cleartext,
    Key,
}

/// Recognise armored or binary OpenPGP signatures, cleartext-signed messages and public keys;
/// `complete` when `head` is the whole file.
pub fn sniff(head: &[u8], complete: bool) -> Option<Kind> {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let text = &head[start..];
    if text.starts_with(b"-----BEGIN PGP SIGNATURE-----") {
        return Some(Kind::Signature);
    }
    if text.starts_with(b"-----BEGIN PGP SIGNED MESSAGE-----") {
        return Some(Kind::Cleartext);
    }
    if text.starts_with(b"-----BEGIN PGP PUBLIC KEY BLOCK-----") {
        return Some(Kind::Key);
    }
    // Binary forms only as whole files (they are small; armored keyrings of any size are read
    // above): packet framing that ends exactly at the end of the file.
    if !complete {
        return None;
    }
    if binary_packets(head, 2, &[2], signature_body) {
        return Some(Kind::Signature);
    }
    // Public key, user ID, user attribute, public subkey, signature, trust packets.
    if binary_packets(head, 6, &[2, 6, 12, 13, 14, 17], key_body) {
        return Some(Kind::Key);
    }
    None
}

/// Read a key file: one or several certificates, armored or binary.
pub fn parse_certs(bytes: &[u8]) -> Result<Vec<Cert>, Message> {
    let armored = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'-');
    let certs: Vec<Cert> = if armored {
        let mut certs = Vec::new();
        for block in armor_blocks(bytes, KEY_ARMOR, false)? {
            let bin = dearmor(block, pgp::armor::BlockType::PublicKey).map_err(|e| {
                e.unwrap_or_else(|d| msg!("detail-openpgp-key-block", "detail" => d))
            })?;
            let iter = SignedPublicKey::from_bytes_many(Cursor::new(bin))
                .map_err(|e| msg!("detail-openpgp-key-block", "detail" => e.to_string()))?;
            for cert in iter {
                certs.push(
                    cert.map_err(|e| msg!("detail-openpgp-key-block", "detail" => e.to_string()))?,
                );
            }
        }
        certs
    } else {
        SignedPublicKey::from_bytes_many(Cursor::new(bytes))
            .map_err(|e| msg!("detail-openpgp-key", "detail" => e.to_string()))?
            .collect::<Result<_, _>>()
            .map_err(|e| msg!("detail-openpgp-key", "detail" => e.to_string()))?
    };
    if certs.is_empty() {
        return Err(msg!("detail-openpgp-no-certificate"));
    }
    Ok(certs)
}

/// Why a public key algorithm or size cannot sign here, if it cannot.
fn key_refusal(params: &PublicParams) -> Option<Message> {
    match params {
        PublicParams::RSA(p) => {
            use rsa::traits::PublicKeyParts;
            let bits = p.key.n().bits();
            (bits < MIN_RSA_BITS).then(
                || msg!("detail-openpgp-rsa-too-short", "bits" => bits, "limit" => MIN_RSA_BITS),
            )
        }
        PublicParams::EdDSALegacy(EddsaLegacyPublicParams::Ed25519 { .. })
        | PublicParams::Ed25519(_)
        | PublicParams::ECDSA(EcdsaPublicParams::P256 { .. } | EcdsaPublicParams::P384 { .. }) => {
            None
        }
        _ => Some(msg!("detail-openpgp-key-algorithm", "limit" => MIN_RSA_BITS)),
    }
}

fn hash_ok(h: HashAlgorithm) -> bool {
    matches!(
        h,
        HashAlgorithm::Sha256
            | HashAlgorithm::Sha384
            | HashAlgorithm::Sha512
            | HashAlgorithm::Sha224
            | HashAlgorithm::Sha3_256
            | HashAlgorithm::Sha3_512
    )
}

/// A signature version as the report names it: `V4`, `V6`, and `V7` for one rPGP reads but
/// Airlock does not (rather than the crate's debug text `Other(0x7)`).
fn version_label(version: pgp::packet::SignatureVersion) -> String {
    format!("V{}", u8::from(version))
}

/// Why a data signature is refused whatever the key, if it is.
fn signature_refusal(sig: &Packet) -> Option<Message> {
    let Some(config) = sig.config() else {
        return Some(msg!("detail-openpgp-version", "version" => version_label(sig.version())));
    };
    if !hash_ok(config.hash_alg) {
        return Some(msg!("detail-openpgp-weak-hash", "algorithm" => config.hash_alg.to_string()));
    }
    if !matches!(config.typ, SignatureType::Binary | SignatureType::Text) {
        return Some(msg!("detail-openpgp-signature-type", "type" => format!("{:?}", config.typ)));
    }
    if sig.created().is_none() {
        return Some(msg!("detail-openpgp-no-creation-time"));
    }
    for sp in &config.hashed_subpackets {
        if !sp.is_critical {
            continue;
        }
        match &sp.data {
            SubpacketData::Experimental(t, _) | SubpacketData::Other(t, _) => {
                return Some(msg!("detail-openpgp-critical-subpacket", "type" => t.to_string()))
            }
            SubpacketData::Notation(n) => {
                return Some(msg!(
                    "detail-openpgp-critical-notation",
                    "name" => format!("{:?}", String::from_utf8_lossy(&n.name)),
                ))
            }
            _ => {}
        }
    }
    None
}

fn secs(t: Option<pgp::types::Timestamp>) -> u64 {
    t.map_or(0, |t| t.as_secs() as u64)
}

/// A revocation that counts at time `at`: hard ones always, soft ones from their date.
fn revoked_at(rev: &Packet, at: u64) -> bool {
    let soft = matches!(
        rev.revocation_reason_code(),
        Some(RevocationCode::KeySuperseded | RevocationCode::KeyRetired)
    );
    !soft || secs(rev.created()) <= at
}

/// Expiry of a key created at `created` under a binding that says `expires_after`.
fn expired_at(created: u64, binding: &Packet, at: u64) -> bool {
    match binding.key_expiration_time() {
        Some(d) if d.as_secs() > 0 => created + d.as_secs() as u64 <= at,
        _ => false,
    }
}

/// The binding in force at `at`: the latest of `sigs` created no later than `at`; when every one
/// is later (gpg keeps only the newest self-signature when an expiry is changed), the earliest.
fn binding_at<'a>(sigs: impl Iterator<Item = &'a Packet>, at: u64) -> Option<&'a Packet> {
    let sigs: Vec<&Packet> = sigs.collect();
    sigs.iter()
        .copied()
        .filter(|s| secs(s.created()) <= at)
        .max_by_key(|s| secs(s.created()))
        .or_else(|| sigs.iter().copied().min_by_key(|s| secs(s.created())))
}

/// The key that made a data signature: the primary or one of its subkeys.
#[derive(Clone, Debug)]
enum SignerKey {
    Primary(pgp::packet::PublicKey),
    Sub(pgp::packet::PublicSubkey),
}

impl SignerKey {
    fn details(&self) -> &dyn VerifyingKeyDyn {
        match self {
            SignerKey::Primary(k) => k,
            SignerKey::Sub(k) => k,
        }
    }
}

/// The parts of [`VerifyingKey`] used here, object-safe.
trait VerifyingKeyDyn {
    fn verify_hash(&self, h: HashAlgorithm, hash: &[u8], sig: &pgp::types::SignatureBytes) -> bool;
    fn key_id(&self) -> String;
}

impl<K: VerifyingKey + KeyDetails> VerifyingKeyDyn for K {
    fn verify_hash(&self, h: HashAlgorithm, hash: &[u8], sig: &pgp::types::SignatureBytes) -> bool {
        VerifyingKey::verify(self, h, hash, sig).is_ok()
    }
    fn key_id(&self) -> String {
        upper(self.legacy_key_id().as_ref())
    }
}

/// Does `sig` name this key (issuer fingerprint or key ID)? A signature that names no issuer
/// names every key.
fn names(sig: &Packet, key: &impl KeyDetails) -> bool {
    let fps = sig.issuer_fingerprint();
    let ids = sig.issuer_key_id();
    if fps.is_empty() && ids.is_empty() {
        return true;
    }
    fps.iter()
        .any(|f| f.as_bytes() == key.fingerprint().as_bytes())
        || ids.iter().any(|i| **i == key.legacy_key_id())
}

/// The primary key's state at `at`: Ok(latest valid self-signature) or why it is unusable.
fn primary_at(cert: &Cert, at: u64) -> Result<Packet, Message> {
    let p = &cert.primary_key;
    let fp = fingerprint(cert);
    if secs(Some(p.created_at())) > at {
        return Err(msg!("detail-openpgp-key-newer", "key_id" => &fp));
    }
    for rev in &cert.details.revocation_signatures {
        if rev.typ() == Some(SignatureType::KeyRevocation)
            && rev.verify_key(p).is_ok()
            && revoked_at(rev, at)
        {
            return Err(msg!("detail-openpgp-key-revoked", "key_id" => &fp));
        }
    }
    let user_sigs = cert.details.users.iter().flat_map(|u| {
        u.signatures
            .iter()
            .filter(|s| s.is_certification() && s.typ() != Some(SignatureType::CertRevocation))
            .filter(move |s| s.verify_certification(p, Tag::UserId, &u.id).is_ok())
    });
    let direct = cert
        .details
        .direct_signatures
        .iter()
        .filter(|s| s.verify_key(p).is_ok());
    let Some(binding) = binding_at(user_sigs.chain(direct), at) else {
        return Err(msg!("detail-openpgp-no-self-signature", "key_id" => &fp));
    };
    if expired_at(secs(Some(p.created_at())), binding, at) {
        return Err(msg!("detail-openpgp-key-expired", "key_id" => &fp));
    }
    Ok(binding.clone())
}

/// A subkey's state at `at` (the primary's must be checked too).
fn subkey_at(cert: &Cert, sub: &SignedPublicSubKey, at: u64) -> Result<(), Message> {
    let p = &cert.primary_key;
    let id = upper(sub.key.legacy_key_id().as_ref());
    if secs(Some(sub.key.created_at())) > at {
        return Err(msg!("detail-openpgp-subkey-newer", "key_id" => &id));
    }
    for s in &sub.signatures {
        if s.typ() == Some(SignatureType::SubkeyRevocation)
            && s.verify_subkey_binding(p, &sub.key).is_ok()
            && revoked_at(s, at)
        {
            return Err(msg!("detail-openpgp-subkey-revoked", "key_id" => &id));
        }
    }
    let bindings = sub.signatures.iter().filter(|s| {
        s.typ() == Some(SignatureType::SubkeyBinding)
            && s.verify_subkey_binding(p, &sub.key).is_ok()
    });
    let Some(binding) = binding_at(bindings, at) else {
        return Err(msg!("detail-openpgp-subkey-no-binding", "key_id" => &id));
    };
    if !binding.key_flags().sign() {
        return Err(msg!("detail-openpgp-subkey-not-signing", "key_id" => &id));
    }
    match binding.embedded_signature() {
        Some(back) if back.verify_primary_key_binding(&sub.key, p).is_ok() => {}
        _ => return Err(msg!("detail-openpgp-subkey-no-back-signature", "key_id" => &id)),
    }
    if expired_at(secs(Some(sub.key.created_at())), binding, at) {
        return Err(msg!("detail-openpgp-subkey-expired", "key_id" => &id));
    }
    Ok(())
}

/// The key of `cert` that made `sig`, if the certificate allowed it to sign at the signature's
/// time; otherwise why not.
fn signer(cert: &Cert, sig: &Packet) -> Result<SignerKey, Message> {
    let at = secs(sig.created());
    let p = &cert.primary_key;
    let binding = primary_at(cert, at);
    let mut why = None;
    if names(sig, p) {
        match &binding {
            Ok(b) => {
                let has_flags = b.config().is_some_and(|c| {
                    c.hashed_subpackets
                        .iter()
                        .any(|s| matches!(s.data, SubpacketData::KeyFlags(_)))
                });
                if has_flags && !b.key_flags().sign() {
                    why = Some(msg!(
                        "detail-openpgp-primary-not-signing",
                        "key_id" => fingerprint(cert),
                    ));
                } else if let Some(r) = key_refusal(p.public_params()) {
                    why = Some(r);
                } else {
                    return Ok(SignerKey::Primary(p.clone()));
                }
            }
            Err(e) => why = Some(e.clone()),
        }
    }
    for sub in cert.public_subkeys.iter().filter(|s| names(sig, &s.key)) {
        let state = binding
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|_| subkey_at(cert, sub, at));
        match state {
            Ok(()) => match key_refusal(sub.key.public_params()) {
                None => return Ok(SignerKey::Sub(sub.key.clone())),
                Some(r) => why = Some(r),
            },
            Err(e) => why = why.or(Some(e)),
        }
    }
    Err(why.unwrap_or_else(|| msg!("detail-openpgp-no-such-key")))
}

/// Does the certificate hold the key the signature names?
fn cert_names(cert: &Cert, sig: &Packet) -> bool {
    if sig.issuer_key_id().is_empty() && sig.issuer_fingerprint().is_empty() {
        return false;
    }
    names(sig, &cert.primary_key) || cert.public_subkeys.iter().any(|s| names(sig, &s.key))
}

/// The data hash of a signature, driven by hand so that a file can stream through it.
struct Hashing {
    hasher: Box<dyn sha2::digest::DynDigest + Send>,
}

fn start_hash(sig: &Packet) -> Option<Hashing> {
    let config = sig.config()?;
    let mut hasher = config.hash_alg.new_hasher().ok()?;
    if let SignatureVersionSpecific::V6 { salt } = &config.version_specific {
        if config.hash_alg.salt_len() != Some(salt.len()) {
            return None;
        }
        hasher.update(salt.as_ref());
    }
    Some(Hashing { hasher })
}

/// Finish the hash (the signature's own fields and trailer) and check the signature.
fn finish_hash(sig: &Packet, key: &SignerKey, mut h: Hashing) -> bool {
    let Some(config) = sig.config() else {
        return false;
    };
    let Ok(len) = config.hash_signature_data(&mut h.hasher) else {
        return false;
    };
    let Ok(trailer) = config.trailer(len) else {
        return false;
    };
    h.hasher.update(&trailer);
    let hash = h.hasher.finalize();
    if sig.signed_hash_value().is_none_or(|v| v[..] != hash[..2]) {
        return false;
    }
    let Some(bytes) = sig.signature() else {
        return false;
    };
    key.details().verify_hash(config.hash_alg, &hash, bytes)
}

/// A decoded OpenPGP signature (detached, or the one of a cleartext-signed message).
#[derive(Clone, Debug)]
pub struct Signature {
    sig: Packet,
    /// Cleartext: the text as signed (dash-escapes removed, CRLF line ends), and the list read
    /// from it (LF line ends); shared by the signatures of one message.
    cleartext: Option<Arc<(Vec<u8>, Vec<u8>)>>,
    refusal: Option<Message>,
}

/// The signature packets of binary OpenPGP data, each parsed on its own so that none is skipped
/// unseen: a packet rPGP cannot parse makes the file unreadable, and one it parses in a version
/// Airlock does not check (rPGP 0.21 reads a version-7 header as `Other(7)`) is refused by
/// [`signature_refusal`]. Marker and padding packets are passed over, as RFC 9580 says; any other
/// packet is an error. Stops after [`MAX_SIGNATURES_PER_FILE`] + 1 signatures.
fn signature_packets(bin: &[u8], out: &mut Vec<Packet>) -> Result<(), Message> {
    let mut at = 0;
    while at < bin.len() && out.len() <= MAX_SIGNATURES_PER_FILE {
        let Some((tag, hl, bl)) = packet_header(&bin[at..]) else {
            return Err(msg!("detail-openpgp-packet-framing", "offset" => at));
        };
        // Checked: a 32-bit length plus `at` overflows a 32-bit usize (wasm32).
        let end = at.checked_add(hl).and_then(|e| e.checked_add(bl));
        let Some(packet) = end.and_then(|end| bin.get(at..end)) else {
            return Err(msg!("detail-openpgp-packet-framing", "offset" => at));
        };
        match tag {
            2 => {
                let number = out.len() + 1;
                let sig = DetachedSignature::from_bytes(Cursor::new(packet)).map_err(
                    |e| msg!("detail-openpgp-signature-packet", "number" => number, "detail" => e.to_string()),
                )?;
                out.push(sig.signature);
            }
            // Marker, padding.
            10 | 21 => {}
            _ => return Err(msg!("detail-openpgp-packet-not-signature", "tag" => tag)),
        }
        at += packet.len();
    }
    Ok(())
}

/// The packets of one armored signature block (`-----BEGIN PGP SIGNATURE-----` to its end line).
fn dearmor_signature(block: &[u8], out: &mut Vec<Packet>) -> Result<(), Message> {
    let bin = dearmor(block, pgp::armor::BlockType::Signature)
        .map_err(|e| e.unwrap_or_else(|d| msg!("detail-openpgp-signature", "detail" => d)))?;
    signature_packets(&bin, out)
}

/// One armored block's data, decoded once by rPGP, of the armor type `want`, its CRC24 line (when
/// it has one) checked against the data: gpg refuses a block whose CRC is wrong ("CRC error"), so
/// Airlock does too rather than read it where gpg would not. Errors: Airlock's own sentence, or
/// rPGP's text for the caller to place.
fn dearmor(block: &[u8], want: pgp::armor::BlockType) -> Result<Vec<u8>, Result<Message, String>> {
    use std::io::Read;
    let mut dearmor = pgp::armor::Dearmor::new(Cursor::new(block));
    let mut bin = Vec::new();
    dearmor
        .read_header()
        .and_then(|()| dearmor.read_to_end(&mut bin).map_err(Into::into))
        .map_err(|e| Err(e.to_string()))?;
    if dearmor.typ != Some(want) {
        return Err(Ok(if want == pgp::armor::BlockType::Signature {
            msg!("detail-openpgp-armor-type")
        } else {
            msg!("detail-openpgp-armor-not-key")
        }));
    }
    match dearmor.checksum {
        Some(stated) if u64::from(crc24(&bin)) != stated => {
            Err(Ok(msg!("detail-openpgp-armor-crc")))
        }
        _ => Ok(bin),
    }
}

/// An armor's begin and end lines.
type ArmorLines = (&'static [u8], &'static [u8]);
const SIGNATURE_ARMOR: ArmorLines = (
    b"-----BEGIN PGP SIGNATURE-----",
    b"-----END PGP SIGNATURE-----",
);
const KEY_ARMOR: ArmorLines = (
    b"-----BEGIN PGP PUBLIC KEY BLOCK-----",
    b"-----END PGP PUBLIC KEY BLOCK-----",
);

/// CRC-24 of RFC 4880 6.1 / RFC 9580 6.1.1 (generator 0x864CFB, initial value 0xB704CE).
fn crc24(data: &[u8]) -> u32 {
    let mut crc: u32 = 0x00B7_04CE;
    for &byte in data {
        crc ^= u32::from(byte) << 16;
        for _ in 0..8 {
            crc <<= 1;
            if crc & 0x0100_0000 != 0 {
                crc ^= 0x0186_4CFB;
            }
        }
    }
    crc & 0x00FF_FFFF
}

/// The armored blocks of `text` (one, or several concatenated: `cat a.asc b.asc`, which gpg
/// reads) between the `armor` begin and end lines, each from its begin line to its end line.
/// `lead` lines (a cleartext message's signed text) may come before the first block; any other
/// text outside the blocks but blank lines is refused, so nothing in the file goes unread.
fn armor_blocks(text: &[u8], armor: ArmorLines, lead: bool) -> Result<Vec<&[u8]>, Message> {
    let (begin, end) = armor;
    let mut blocks = Vec::new();
    let mut start = None;
    let mut at = 0;
    for (number, line) in text.split_inclusive(|&b| b == b'\n').enumerate() {
        let bare = line.trim_ascii_end();
        match start {
            None if bare == begin => start = Some(at),
            None if bare.trim_ascii().is_empty() || (lead && blocks.is_empty()) => {}
            None => return Err(msg!("detail-openpgp-armor-outside", "line" => number + 1)),
            Some(s) if bare == end => {
                blocks.push(&text[s..at + line.len()]);
                start = None;
            }
            Some(_) => {}
        }
        at += line.len();
    }
    if let Some(s) = start {
        // No end line: rPGP says what is wrong with it.
        blocks.push(&text[s..]);
    }
    Ok(blocks)
}

/// Every signature of a detached signature file, armored (one block or several) or binary (one
/// packet or several: `gpg -u A -u B --detach-sign`, or `cat a.sig b.sig`), in file order; at most
/// [`MAX_SIGNATURES_PER_FILE`] + 1.
pub fn decode_detached(bytes: &[u8]) -> Result<Vec<Signature>, Message> {
    let armored = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'-');
    let mut packets = Vec::new();
    if armored {
        for block in armor_blocks(bytes, SIGNATURE_ARMOR, false)? {
            if packets.len() > MAX_SIGNATURES_PER_FILE {
                break;
            }
            dearmor_signature(block, &mut packets)?;
        }
    } else {
        signature_packets(bytes, &mut packets)?;
    }
    if packets.is_empty() {
        return Err(msg!("detail-openpgp-no-signature"));
    }
    Ok(packets
        .into_iter()
        .map(|p| Signature::new(p, None))
        .collect())
}

/// Every signature of a cleartext-signed message (`gpg --clearsign`, by one key or several), in
/// file order, sharing the signed text; at most [`MAX_SIGNATURES_PER_FILE`] + 1.
pub fn decode_cleartext(bytes: &[u8]) -> Result<Vec<Signature>, Message> {
    let text = std::str::from_utf8(bytes).map_err(|_| msg!("detail-openpgp-not-utf8"))?;
    let (msg, _) = CleartextSignedMessage::from_string(text)
        .map_err(|e| msg!("detail-openpgp-cleartext", "detail" => e.to_string()))?;
    // The signature packets are read here, one by one, from the armored block(s) after the
    // signed text (a line of the text that looks like an armor line is dash-escaped); rPGP's own
    // reading would pass over packets of unknown versions unseen.
    let mut packets = Vec::new();
    for block in armor_blocks(bytes, SIGNATURE_ARMOR, true)? {
        if packets.len() > MAX_SIGNATURES_PER_FILE {
            break;
        }
        dearmor_signature(block, &mut packets)?;
    }
    if packets.len() <= MAX_SIGNATURES_PER_FILE && packets.len() != msg.signatures().len() {
        return Err(msg!(
            "detail-openpgp-cleartext-count",
            "count" => packets.len(),
            "read" => msg.signatures().len(),
        ));
    }
    if packets.is_empty() {
        return Err(msg!("detail-openpgp-no-signature"));
    }
    let signed = msg.signed_text();
    let mut list = signed.replace("\r\n", "\n");
    if !list.is_empty() && !list.ends_with('\n') {
        list.push('\n');
    }
    let shared = Arc::new((signed.into_bytes(), list.into_bytes()));
    Ok(packets
        .into_iter()
        .map(|p| Signature::new(p, Some(Arc::clone(&shared))))
        .collect())
}

impl Signature {
    fn new(sig: Packet, cleartext: Option<Arc<(Vec<u8>, Vec<u8>)>>) -> Signature {
        let refusal = signature_refusal(&sig);
        Signature {
            sig,
            cleartext,
            refusal,
        }
    }

    fn cert<'a>(&self, key: &'a Key) -> Option<&'a Cert> {
        match key {
            Key::OpenPgp(c) if cert_names(c, &self.sig) => Some(c),
            _ => None,
        }
    }

    fn check(&self, key: &Key, message: &[u8]) -> bool {
        if self.refusal.is_some() {
            return false;
        }
        let Some(cert) = self.cert(key) else {
            return false;
        };
        let Ok(signer) = signer(cert, &self.sig) else {
            return false;
        };
        let message = match self.cleartext.as_deref() {
            Some((signed, list)) if message == &list[..] => &signed[..],
            Some(_) => return false,
            None => message,
        };
        let Some(mut h) = start_hash(&self.sig) else {
            return false;
        };
        if self.sig.typ() == Some(SignatureType::Text) {
            // Text signatures hash CRLF line ends.
            let normalized = String::from_utf8_lossy(message)
                .replace("\r\n", "\n")
                .replace('\n', "\r\n");
            h.hasher.update(normalized.as_bytes());
        } else {
            h.hasher.update(message);
        }
        finish_hash(&self.sig, &signer, h)
    }
}

/// An OpenPGP signature checked over a file as it streams by (binary signatures only).
pub struct PgpStream {
    sig: Packet,
    key: SignerKey,
    hashing: Hashing,
}

impl super::StreamVerifier for PgpStream {
    fn update(&mut self, data: &[u8]) {
        self.hashing.hasher.update(data)
    }
    fn finish(self: Box<Self>) -> bool {
        let PgpStream { sig, key, hashing } = *self;
        finish_hash(&sig, &key, hashing)
    }
}

/// The scheme registered in [`crate::schemes::SCHEMES`].
pub fn decode_signature(
    role: crate::classify::Role,
    bytes: &[u8],
) -> Option<Result<Vec<Box<dyn super::Signature>>, Message>> {
    use crate::classify::Role;
    let decoded = match role {
        Role::OpenPgpSignature => decode_detached(bytes),
        Role::OpenPgpCleartext => decode_cleartext(bytes),
        _ => return None,
    };
    Some(decoded.map(|sigs| {
        sigs.into_iter()
            .map(|s| Box::new(s) as Box<dyn super::Signature>)
            .collect()
    }))
}

impl super::Signature for Signature {
    fn format(&self) -> SigFormat {
        if self.cleartext.is_some() {
            SigFormat::OpenpgpCleartext
        } else {
            SigFormat::Openpgp
        }
    }
    fn algorithm(&self) -> String {
        let alg = self
            .sig
            .config()
            .map_or_else(|| "unknown".to_string(), |c| format!("{:?}", c.pub_alg));
        format!("OpenPGP {} {alg}", version_label(self.sig.version()))
    }
    fn signer(&self) -> String {
        if let Some(fp) = self.sig.issuer_fingerprint().first() {
            return upper(fp.as_bytes());
        }
        self.sig
            .issuer_key_id()
            .first()
            .map_or_else(|| "(no issuer)".into(), |id| upper(id.as_ref()))
    }
    fn made_by(&self, key: &Key) -> bool {
        self.cert(key).is_some()
    }
    fn verify(&self, key: &Key, message: &[u8]) -> bool {
        self.check(key, message)
    }
    fn stream(&self, key: &Key) -> Option<Box<dyn super::StreamVerifier>> {
        if self.refusal.is_some()
            || self.cleartext.is_some()
            || self.sig.typ() != Some(SignatureType::Binary)
        {
            return None;
        }
        let cert = self.cert(key)?;
        let key = signer(cert, &self.sig).ok()?;
        Some(Box::new(PgpStream {
            sig: self.sig.clone(),
            key,
            hashing: start_hash(&self.sig)?,
        }))
    }
    fn embedded(&self) -> Option<&[u8]> {
        self.cleartext.as_deref().map(|(_, list)| &list[..])
    }
    fn refused(&self) -> Option<Message> {
        self.refusal.clone()
    }
    fn key_refused(&self, key: &Key, now: Option<u64>) -> Option<Message> {
        let cert = self.cert(key)?;
        if let Err(why) = signer(cert, &self.sig) {
            return Some(why);
        }
        if let (Some(exp), Some(now)) = (self.sig.signature_expiration_time(), now) {
            if exp.as_secs() > 0 && secs(self.sig.created()) + exp.as_secs() as u64 <= now {
                return Some(msg!("detail-openpgp-signature-expired"));
            }
        }
        None
    }
    fn details(&self, key: Option<&Key>) -> super::Details {
        let cert = key.and_then(|k| self.cert(k));
        let signing = cert.and_then(|c| signer(c, &self.sig).ok());
        super::Details {
            hash_algorithm: self.sig.hash_alg().map(|h| h.to_string()),
            principal: None,
            primary_fingerprint: cert.map(fingerprint),
            signing_key: signing.map(|k| k.details().key_id()),
            user_id: cert.and_then(user_id),
            created: self
                .sig
                .created()
                .map(|t| super::ssh::format_time(t.as_secs() as u64)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_sniffing_needs_whole_well_framed_packets() {
        // A v4 binary-data signature packet (old format, one-octet length) of 8 body bytes.
        let sig = [0x88, 0x08, 4, 0x00, 22, 8, 0, 0, 0, 0];
        assert_eq!(sniff(&sig, true), Some(Kind::Signature));
        // Not the whole file, a byte more or less, another signature type, an unknown hash.
        assert_eq!(sniff(&sig, false), None);
        assert_eq!(sniff(&sig[..9], true), None);
        assert_eq!(sniff(&[&sig[..], &[0]].concat(), true), None);
        assert_eq!(sniff(&[0x88, 0x08, 4, 0x13, 22, 8, 0, 0, 0, 0], true), None);
        assert_eq!(
            sniff(&[0x88, 0x08, 4, 0x00, 22, 99, 0, 0, 0, 0], true),
            None
        );
        // A PNG signature is not an OpenPGP packet.
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n0000", true), None);
        // A public key packet: v4, time, EdDSA.
        let key = [0xC6, 0x07, 4, 0, 0, 0, 1, 22, 9];
        assert_eq!(sniff(&key, true), Some(Kind::Key));
        assert_eq!(sniff(&[0xC6, 0x07, 4, 0, 0, 0, 1, 99, 9], true), None);
    }

    #[test]
    fn crc24_check_value() {
        // CRC-24/OPENPGP: the catalogue's check value over "123456789", and the initial value.
        assert_eq!(crc24(b"123456789"), 0x21_CF02);
        assert_eq!(crc24(b""), 0xB7_04CE);
    }

    #[test]
    fn armor_crc_line_must_match() {
        // A one-packet "signature" (a marker packet, tag 10: `PGP`) armored with its CRC24 line,
        // then the same block with one digit of that line changed.
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let data = [0xCA, 0x03, b'P', b'G', b'P'];
        let crc = crc24(&data);
        let line = b64.encode([(crc >> 16) as u8, (crc >> 8) as u8, crc as u8]);
        let block = |crc: &str| {
            format!(
                "-----BEGIN PGP SIGNATURE-----\nComment: x\n\n{}\n{crc}-----END PGP SIGNATURE-----\n",
                b64.encode(data)
            )
        };
        let want = pgp::armor::BlockType::Signature;
        let good = block(&format!("={line}\n"));
        assert_eq!(dearmor(good.as_bytes(), want).unwrap(), data);
        let mut bad = line.into_bytes();
        bad[0] = if bad[0] == b'A' { b'B' } else { b'A' };
        let bad = block(&format!("={}\n", String::from_utf8(bad).unwrap()));
        match dearmor(bad.as_bytes(), want) {
            Err(Ok(m)) => assert_eq!(m.id, "detail-openpgp-armor-crc"),
            other => panic!("{other:?}"),
        }
        // No CRC line: optional.
        assert_eq!(dearmor(block("").as_bytes(), want).unwrap(), data);
        // Another armor type.
        match dearmor(good.as_bytes(), pgp::armor::BlockType::PublicKey) {
            Err(Ok(m)) => assert_eq!(m.id, "detail-openpgp-armor-not-key"),
            other => panic!("{other:?}"),
        }
    }
}
