//! signify signatures: detached `.sig` files and signatures with the message embedded.
//!
//! A signify signature file is two lines: `untrusted comment: …` (covered by nothing; signify
//! writes `verify with KEY.pub`) and base64 of `"Ed"`, the signer's 8-byte key number and a
//! 64-byte Ed25519 signature. The signature is plain Ed25519 over the whole message, with no
//! prehashing and no trusted comment. `signify -S -e` (the way OpenBSD ships `SHA256.sig`) writes
//! the message itself right after the second line's newline; [`SignatureFile::decode`] keeps
//! those bytes, untouched, as the embedded message.
//!
//! Accepted: a byte-order mark before the first line, CRLF or whitespace around the first two
//! lines, a detached file without its final newline. Verification is strict (see
//! [`crate::keys`]) and streams with constant memory; the key number must match the key's.
//! An embedded message that is empty cannot be told from a detached signature, so
//! [`SignatureFile::embedded`] is `None` for both.

use std::fmt;

use base64::Engine as _;

use crate::i18n::Message;
use crate::keys::{key_id_hex, Ed25519Stream, PublicKey, ALG_ED25519, BASE64, MAX_BASE64_LINE};
use crate::msg;
use crate::report::SigFormat;
use crate::schemes;

const UNTRUSTED_PREFIX: &[u8] = b"untrusted comment:";
/// Length of the decoded second line: `Ed` (2) + key number (8) + signature (64).
const SIG_BLOB_LEN: usize = 74;

/// Why a signify signature could not be read or did not verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigError {
    /// The first line does not start with `untrusted comment:`.
    MissingUntrustedComment,
    /// There is no second (signature) line.
    MissingSignatureLine,
    /// The signature line is not valid base64.
    InvalidEncoding,
    /// The signature line decodes to the wrong number of bytes.
    WrongLength { expected: usize, found: usize },
    /// The algorithm tag is not `Ed`.
    UnsupportedAlgorithm([u8; 2]),
    /// The signature names a different key than the one given.
    UnexpectedKeyId { signature: [u8; 8], key: [u8; 8] },
    /// The signature does not match the message and key.
    BadSignature,
    /// [`SignatureFile::verify_embedded`] on a file with no message after the signature.
    NoEmbeddedMessage,
}

impl SigError {
    /// The sentence (catalogue `detail-signify-…`).
    pub fn message(&self) -> Message {
        match self {
            SigError::MissingUntrustedComment => msg!("detail-signify-untrusted-comment"),
            SigError::MissingSignatureLine => msg!("detail-signify-missing-line"),
            SigError::InvalidEncoding => msg!("detail-signify-base64"),
            SigError::WrongLength { expected, found } => {
                msg!("detail-signify-length", "expected" => *expected, "actual" => *found)
            }
            SigError::UnsupportedAlgorithm(tag) => {
                msg!("detail-signify-algorithm", "tag" => tag.escape_ascii().to_string())
            }
            SigError::UnexpectedKeyId { signature, key } => msg!(
                "detail-signature-other-key",
                "key_id" => key_id_hex(signature),
                "given" => key_id_hex(key),
            ),
            SigError::BadSignature => msg!("detail-signify-bad-signature"),
            SigError::NoEmbeddedMessage => msg!("detail-signify-no-message"),
        }
    }
}

/// English.
impl fmt::Display for SigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for SigError {}

/// A parsed signify signature file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureFile {
    key_id: [u8; 8],
    signature: [u8; 64],
    untrusted_comment: String,
    embedded: Option<Vec<u8>>,
}

/// Split off one line (without its `\n`, and without a `\r` before that).
fn next_line(rest: &[u8]) -> (&[u8], Option<&[u8]>) {
    match rest.iter().position(|&b| b == b'\n') {
        Some(i) => {
            let line = &rest[..i];
            (
                line.strip_suffix(b"\r").unwrap_or(line),
                Some(&rest[i + 1..]),
            )
        }
        None => (rest, None),
    }
}

impl SignatureFile {
    /// Read a signify signature file, detached or with an embedded message.
    pub fn decode(bytes: &[u8]) -> Result<SignatureFile, SigError> {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let (line1, rest) = next_line(bytes);
        let comment = line1
            .strip_prefix(UNTRUSTED_PREFIX)
            .ok_or(SigError::MissingUntrustedComment)?;
        let comment = comment.strip_prefix(b" ").unwrap_or(comment);
        let rest = rest.ok_or(SigError::MissingSignatureLine)?;

        let (line2, message) = next_line(rest);
        let b64 = line2.trim_ascii();
        if b64.is_empty() {
            return Err(SigError::MissingSignatureLine);
        }
        if b64.len() > MAX_BASE64_LINE {
            return Err(SigError::WrongLength {
                expected: SIG_BLOB_LEN,
                found: b64.len() / 4 * 3,
            });
        }
        let blob = BASE64.decode(b64).map_err(|_| SigError::InvalidEncoding)?;
        if blob.len() != SIG_BLOB_LEN {
            return Err(SigError::WrongLength {
                expected: SIG_BLOB_LEN,
                found: blob.len(),
            });
        }
        let (tag, rest) = blob.split_at(2);
        let (key_id, signature) = rest.split_at(8);
        if tag != ALG_ED25519 {
            return Err(SigError::UnsupportedAlgorithm([tag[0], tag[1]]));
        }
        Ok(SignatureFile {
            key_id: key_id.try_into().map_err(|_| SigError::InvalidEncoding)?,
            signature: signature
                .try_into()
                .map_err(|_| SigError::InvalidEncoding)?,
            untrusted_comment: String::from_utf8_lossy(comment).into_owned(),
            embedded: message.filter(|m| !m.is_empty()).map(<[u8]>::to_vec),
        })
    }

    /// The file as signify writes it (with the embedded message, if any).
    pub fn encode(&self) -> Vec<u8> {
        let mut blob = [0u8; SIG_BLOB_LEN];
        blob[..2].copy_from_slice(&ALG_ED25519);
        blob[2..10].copy_from_slice(&self.key_id);
        blob[10..].copy_from_slice(&self.signature);
        let mut out = format!(
            "untrusted comment: {}\n{}\n",
            self.untrusted_comment,
            BASE64.encode(blob)
        )
        .into_bytes();
        if let Some(m) = &self.embedded {
            out.extend_from_slice(m);
        }
        out
    }

    /// The signer's key number, as stored.
    pub fn key_id(&self) -> [u8; 8] {
        self.key_id
    }

    /// The key number printed the way minisign prints key IDs (16 uppercase hex digits of the
    /// bytes read as a little-endian `u64`).
    pub fn key_id_hex(&self) -> String {
        key_id_hex(&self.key_id)
    }

    /// The first line's comment, without its prefix. Covered by no signature.
    pub fn untrusted_comment(&self) -> &str {
        &self.untrusted_comment
    }

    /// The message after the signature line (`signify -S -e`), if there is one.
    pub fn embedded(&self) -> Option<&[u8]> {
        self.embedded.as_deref()
    }

    /// The 64-byte Ed25519 signature.
    pub fn signature_bytes(&self) -> &[u8; 64] {
        &self.signature
    }

    /// Start a streaming check of a detached message with `key`. Fails at once if the key
    /// numbers differ.
    pub fn verifier(&self, key: &PublicKey) -> Result<Verifier, SigError> {
        if key.id() != self.key_id {
            return Err(SigError::UnexpectedKeyId {
                signature: self.key_id,
                key: key.id(),
            });
        }
        Ok(Verifier {
            stream: Ed25519Stream::new(key, &self.signature),
        })
    }

    /// Check a message held in memory.
    pub fn verify(&self, key: &PublicKey, message: &[u8]) -> Result<(), SigError> {
        let mut v = self.verifier(key)?;
        v.update(message);
        v.finish()
    }

    /// Check the embedded message.
    pub fn verify_embedded(&self, key: &PublicKey) -> Result<(), SigError> {
        let message = self.embedded().ok_or(SigError::NoEmbeddedMessage)?;
        self.verify(key, message)
    }
}

/// A signify check in progress: feed the message with [`Verifier::update`], then call
/// [`Verifier::finish`]. Memory use does not depend on the message's size.
pub struct Verifier {
    stream: Ed25519Stream,
}

impl Verifier {
    /// Feed the next piece of the message.
    pub fn update(&mut self, data: &[u8]) {
        self.stream.update(data);
    }

    /// Check the signature over everything fed.
    pub fn finish(self) -> Result<(), SigError> {
        self.stream.finish().map_err(|_| SigError::BadSignature)
    }
}

/// The scheme registered in [`crate::schemes::SCHEMES`]: detached and embedded signatures.
pub fn decode_signature(
    role: crate::classify::Role,
    bytes: &[u8],
) -> Option<Result<Box<dyn schemes::Signature>, Message>> {
    use crate::classify::Role;
    matches!(role, Role::SignifySignature | Role::SignifyEmbedded).then(|| {
        SignatureFile::decode(bytes)
            .map(|s| Box::new(s) as Box<dyn schemes::Signature>)
            .map_err(|e| e.message())
    })
}

impl schemes::Signature for SignatureFile {
    fn format(&self) -> SigFormat {
        if self.embedded().is_some() {
            SigFormat::SignifyEmbedded
        } else {
            SigFormat::Signify
        }
    }
    fn algorithm(&self) -> String {
        "Ed25519".into()
    }
    fn signer(&self) -> String {
        self.key_id_hex()
    }
    fn made_by(&self, key: &schemes::Key) -> bool {
        matches!(key, schemes::Key::Ed25519(k) if k.id() == self.key_id())
    }
    fn verify(&self, key: &schemes::Key, message: &[u8]) -> bool {
        let schemes::Key::Ed25519(key) = key else {
            return false;
        };
        SignatureFile::verify(self, key, message).is_ok()
    }
    /// Only a detached signature covers another file.
    fn stream(&self, key: &schemes::Key) -> Option<Box<dyn schemes::StreamVerifier>> {
        let schemes::Key::Ed25519(key) = key else {
            return None;
        };
        if self.embedded().is_some() {
            return None;
        }
        self.verifier(key)
            .ok()
            .map(|v| Box::new(v) as Box<dyn schemes::StreamVerifier>)
    }
    fn embedded(&self) -> Option<&[u8]> {
        SignatureFile::embedded(self)
    }
    fn untrusted_comment(&self) -> Option<String> {
        Some(SignatureFile::untrusted_comment(self).to_string())
    }
}

impl schemes::StreamVerifier for Verifier {
    fn update(&mut self, data: &[u8]) {
        Verifier::update(self, data)
    }
    fn finish(self: Box<Self>) -> bool {
        Verifier::finish(*self).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SecretKey;

    fn make(message: &[u8], embed: bool) -> (SecretKey, SignatureFile) {
        let k = SecretKey::generate([11; 32], *b"\x01keynum!");
        let sig = SignatureFile {
            key_id: k.id(),
            signature: k.sign(message),
            untrusted_comment: "verify with test.pub".into(),
            embedded: embed.then(|| message.to_vec()),
        };
        (k, sig)
    }

    #[test]
    fn detached_round_trip() {
        let (k, sig) = make(b"SHA256 (a) = 00\n", false);
        let bytes = sig.encode();
        let back = SignatureFile::decode(&bytes).unwrap();
        assert_eq!(back, sig);
        assert_eq!(back.embedded(), None);
        assert_eq!(back.untrusted_comment(), "verify with test.pub");
        assert_eq!(back.key_id_hex(), "216D756E79656B01");
        back.verify(&k.public_key(), b"SHA256 (a) = 00\n").unwrap();
        assert_eq!(
            back.verify(&k.public_key(), b"SHA256 (a) = 01\n"),
            Err(SigError::BadSignature)
        );
        assert_eq!(
            back.verify_embedded(&k.public_key()),
            Err(SigError::NoEmbeddedMessage)
        );
        // CRLF around the two lines, and no final newline.
        let crlf = String::from_utf8(bytes).unwrap().replace('\n', "\r\n");
        assert_eq!(SignatureFile::decode(crlf.as_bytes()).unwrap(), sig);
        assert_eq!(
            SignatureFile::decode(crlf.trim_end().as_bytes()).unwrap(),
            sig
        );
    }

    #[test]
    fn embedded_round_trip() {
        let msg = b"line one\r\nline two\n\n";
        let (k, sig) = make(msg, true);
        let back = SignatureFile::decode(&sig.encode()).unwrap();
        assert_eq!(back.embedded(), Some(&msg[..]));
        back.verify_embedded(&k.public_key()).unwrap();
        let mut v = back.verifier(&k.public_key()).unwrap();
        for c in msg.chunks(3) {
            v.update(c);
        }
        v.finish().unwrap();
    }

    #[test]
    fn parse_errors() {
        let (_, sig) = make(b"m", false);
        let text = String::from_utf8(sig.encode()).unwrap();
        let line2 = text.lines().nth(1).unwrap();
        assert_eq!(
            SignatureFile::decode(b""),
            Err(SigError::MissingUntrustedComment)
        );
        assert_eq!(
            SignatureFile::decode(format!("{line2}\n").as_bytes()),
            Err(SigError::MissingUntrustedComment)
        );
        assert_eq!(
            SignatureFile::decode(b"untrusted comment: x\n"),
            Err(SigError::MissingSignatureLine)
        );
        assert_eq!(
            SignatureFile::decode(b"untrusted comment: x"),
            Err(SigError::MissingSignatureLine)
        );
        assert_eq!(
            SignatureFile::decode(b"untrusted comment: x\nRW$$\n"),
            Err(SigError::InvalidEncoding)
        );
        assert_eq!(
            SignatureFile::decode(format!("untrusted comment: x\n{}\n", &line2[..88]).as_bytes()),
            Err(SigError::WrongLength {
                expected: 74,
                found: 66
            })
        );
        let mut blob = BASE64.decode(line2).unwrap();
        blob[1] = b'D';
        let relabelled = format!("untrusted comment: x\n{}\n", BASE64.encode(&blob));
        assert_eq!(
            SignatureFile::decode(relabelled.as_bytes()),
            Err(SigError::UnsupportedAlgorithm(*b"ED"))
        );
    }

    #[test]
    fn wrong_key_and_flipped_bytes() {
        let (k, sig) = make(b"payload", false);
        let other = SecretKey::generate([12; 32], [9; 8]).public_key();
        assert_eq!(
            sig.verify(&other, b"payload"),
            Err(SigError::UnexpectedKeyId {
                signature: k.id(),
                key: other.id()
            })
        );
        let impostor =
            PublicKey::new(k.id(), *other.verifying_key().as_bytes(), other.format()).unwrap();
        assert_eq!(
            sig.verify(&impostor, b"payload"),
            Err(SigError::BadSignature)
        );
        for i in [0, 31, 32, 63] {
            let mut flipped = sig.clone();
            flipped.signature[i] ^= 0x04;
            assert_eq!(
                flipped.verify(&k.public_key(), b"payload"),
                Err(SigError::BadSignature),
                "byte {i}"
            );
        }
    }
}
