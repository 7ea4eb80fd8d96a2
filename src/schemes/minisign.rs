//! minisign signatures (`.minisig` files): reading, streaming verification, and signing.
//!
//! A `.minisig` file has four lines:
//!
//! 1. `untrusted comment: …`, covered by no signature;
//! 2. base64 of the algorithm tag (2 bytes), the signer's key ID (8) and an Ed25519 signature
//!    (64). The tag is `ED` for the default *prehashed* mode, where the signature covers the
//!    BLAKE2b-512 hash of the file, or `Ed` for the *legacy* mode (`minisign -l`), where it covers
//!    the file itself;
//! 3. `trusted comment: …`, usually the signing time and file name;
//! 4. base64 of the *global* signature: Ed25519 over the 64 signature bytes of line 2 followed by
//!    the trusted comment's text. It is what makes the trusted comment trustworthy.
//!
//! [`Signature::decode_bytes`] accepts exactly that, tolerating a byte-order mark, CRLF line
//! ends, whitespace around the base64 lines and blank lines at the end. [`Verifier`] checks a file
//! fed in pieces with constant memory; both the file signature and the global signature must
//! verify, strictly (see [`crate::keys`]). [`sign`] writes a prehashed signature that
//! `minisign -V` accepts.
//!
//! # Comments are bytes
//!
//! minisign signs the trusted comment as whatever bytes follow `trusted comment: ` on the third
//! line, up to the line end (minus one `\r`): nothing makes them UTF-8 (`minisign -S -t
//! $'caf\xe9'` signs a Latin-1 byte). Both comments are therefore kept byte for byte
//! ([`Signature::trusted_comment_bytes`], [`Signature::untrusted_comment_bytes`]) and the global
//! signature is checked over those exact bytes. For display, [`Signature::trusted_comment`] and
//! [`Signature::untrusted_comment`] return them through [`escape_comment`]:
//!
//! - valid UTF-8 is shown as it is, except that a backslash is shown as `\\`;
//! - each byte that is not part of valid UTF-8 is shown as `\x` and two uppercase hex digits
//!   (`caf\xE9 v1` for the bytes `63 61 66 E9 20 76 31`).
//!
//! Because the backslash itself is escaped, the shown text maps back to exactly one byte string
//! ([`unescape_comment`]): a comment that really contains the six characters `\xE9` is shown as
//! `\\xE9`. A comment that is valid UTF-8 and holds no backslash is shown unchanged.

use std::fmt;
use std::io::{self, Read};

use base64::Engine as _;
use blake2::{Blake2b512, Digest};

use crate::i18n::Message;
use crate::keys::{self, key_id_hex, Ed25519Stream, PublicKey, SecretKey, BASE64, MAX_BASE64_LINE};
use crate::msg;
use crate::report::SigFormat;
use crate::schemes;

const UNTRUSTED_PREFIX: &str = "untrusted comment:";
const TRUSTED_PREFIX: &str = "trusted comment: ";
/// Longest trusted comment minisign can read back (its line buffer is 8192 bytes).
pub const MAX_TRUSTED_COMMENT: usize = 8192 - TRUSTED_PREFIX.len() - 2;
/// Longest untrusted comment minisign can read back (its line buffer is 1024 bytes).
pub const MAX_UNTRUSTED_COMMENT: usize = 1024 - "untrusted comment: ".len() - 2;

/// Length of the decoded second line: tag (2) + key ID (8) + signature (64).
const SIG_BLOB_LEN: usize = 74;

/// What a minisign signature covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// `Ed`: Ed25519 over the file itself (`minisign -S -l`).
    Legacy,
    /// `ED`: Ed25519 over the BLAKE2b-512 hash of the file (minisign's default).
    Prehashed,
}

impl Algorithm {
    /// The two-byte tag in the file.
    pub fn tag(self) -> [u8; 2] {
        match self {
            Algorithm::Legacy => *b"Ed",
            Algorithm::Prehashed => *b"ED",
        }
    }

    /// A name for reports: `Ed25519` or `Ed25519 (BLAKE2b-512 prehashed)`.
    pub fn description(self) -> &'static str {
        match self {
            Algorithm::Legacy => "Ed25519",
            Algorithm::Prehashed => "Ed25519 (BLAKE2b-512 prehashed)",
        }
    }
}

/// Why a minisign signature could not be read or did not verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigError {
    /// The file ends before line `line` (1 to 4).
    MissingLine { line: u8 },
    /// The first line does not start with `untrusted comment:`.
    MissingUntrustedComment,
    /// The third line does not start with `trusted comment: `.
    MissingTrustedComment,
    /// Line `line` (2 or 4) is not valid base64.
    InvalidEncoding { line: u8 },
    /// Line `line` decodes to the wrong number of bytes.
    WrongLength {
        line: u8,
        expected: usize,
        found: usize,
    },
    /// The algorithm tag is neither `Ed` nor `ED`.
    UnsupportedAlgorithm([u8; 2]),
    /// Text after the fourth line.
    TrailingData,
    /// The signature names a different key than the one given.
    UnexpectedKeyId { signature: [u8; 8], key: [u8; 8] },
    /// The signature does not match the file and key.
    BadSignature,
    /// The file signature is good but the global signature is not: the trusted comment (or the
    /// global signature) was changed.
    BadGlobalSignature,
}

impl SigError {
    /// The sentence (catalogue `detail-minisign-…`).
    pub fn message(&self) -> Message {
        match self {
            SigError::MissingLine { line } => msg!("detail-minisign-missing-line", "line" => *line),
            SigError::MissingUntrustedComment => msg!("detail-minisign-untrusted-comment"),
            SigError::MissingTrustedComment => msg!("detail-minisign-trusted-comment"),
            SigError::InvalidEncoding { line } => msg!("detail-minisign-base64", "line" => *line),
            SigError::WrongLength {
                line,
                expected,
                found,
            } => msg!(
                "detail-minisign-length",
                "line" => *line,
                "expected" => *expected,
                "actual" => *found,
            ),
            SigError::UnsupportedAlgorithm(tag) => {
                msg!("detail-minisign-algorithm", "tag" => tag.escape_ascii().to_string())
            }
            SigError::TrailingData => msg!("detail-minisign-trailing"),
            SigError::UnexpectedKeyId { signature, key } => msg!(
                "detail-signature-other-key",
                "key_id" => key_id_hex(signature),
                "given" => key_id_hex(key),
            ),
            SigError::BadSignature => msg!("detail-minisign-bad-signature"),
            SigError::BadGlobalSignature => msg!("detail-minisign-bad-global"),
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

/// A comment's bytes as text for display: valid UTF-8 as it is but `\` as `\\`, and every byte
/// that is not part of valid UTF-8 as `\xHH` (uppercase hex). Unambiguous: see the module
/// documentation and [`unescape_comment`].
pub fn escape_comment(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// The bytes [`escape_comment`] was given, from its output; `None` for text it cannot have
/// written (a lone backslash, or `\x` not followed by two uppercase hex digits).
pub fn unescape_comment(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'\\') => {
                out.push(b'\\');
                i += 2;
            }
            Some(b'x') => {
                let hex = bytes.get(i + 2..i + 4)?;
                if !hex.iter().all(|h| matches!(h, b'0'..=b'9' | b'A'..=b'F')) {
                    return None;
                }
                out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                i += 4;
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A parsed `.minisig` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    algorithm: Algorithm,
    key_id: [u8; 8],
    signature: [u8; 64],
    untrusted_comment: Vec<u8>,
    trusted_comment: Vec<u8>,
    global_signature: [u8; 64],
}

/// Strip one line end (`\n`, with a `\r` before it) and split off the rest.
fn next_line(rest: &[u8]) -> Option<(&[u8], &[u8])> {
    if rest.is_empty() {
        return None;
    }
    let (line, after) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    Some((line.strip_suffix(b"\r").unwrap_or(line), after))
}

fn decode_line<const N: usize>(b64: &[u8], line: u8) -> Result<[u8; N], SigError> {
    // Base64 is ASCII: a line that is not even UTF-8 is not base64.
    let b64 = std::str::from_utf8(b64)
        .map_err(|_| SigError::InvalidEncoding { line })?
        .trim();
    // Refuse absurdly long lines before decoding them.
    if b64.len() > MAX_BASE64_LINE {
        return Err(SigError::WrongLength {
            line,
            expected: N,
            found: b64.len() / 4 * 3,
        });
    }
    let bytes = BASE64
        .decode(b64)
        .map_err(|_| SigError::InvalidEncoding { line })?;
    bytes
        .as_slice()
        .try_into()
        .map_err(|_| SigError::WrongLength {
            line,
            expected: N,
            found: bytes.len(),
        })
}

impl Signature {
    /// Read a `.minisig` file given as text. The text has been through UTF-8 already, so a
    /// comment that was not UTF-8 has lost its bytes and will not verify: read files with
    /// [`Signature::decode_bytes`].
    pub fn decode(text: &str) -> Result<Signature, SigError> {
        Signature::decode_bytes(text.as_bytes())
    }

    /// Read a `.minisig` file, byte for byte: the comments may hold any bytes but line ends.
    pub fn decode_bytes(file: &[u8]) -> Result<Signature, SigError> {
        let rest = file.strip_prefix("\u{feff}".as_bytes()).unwrap_or(file);

        let (line1, rest) = next_line(rest).ok_or(SigError::MissingLine { line: 1 })?;
        let untrusted = line1
            .strip_prefix(UNTRUSTED_PREFIX.as_bytes())
            .ok_or(SigError::MissingUntrustedComment)?;
        let untrusted = untrusted.strip_prefix(b" ").unwrap_or(untrusted);

        let (line2, rest) = next_line(rest).ok_or(SigError::MissingLine { line: 2 })?;
        let blob: [u8; SIG_BLOB_LEN] = decode_line(line2, 2)?;

        let (line3, rest) = next_line(rest).ok_or(SigError::MissingLine { line: 3 })?;
        let trusted = line3
            .strip_prefix(TRUSTED_PREFIX.as_bytes())
            .ok_or(SigError::MissingTrustedComment)?;

        let (line4, rest) = next_line(rest).ok_or(SigError::MissingLine { line: 4 })?;
        let global_signature: [u8; 64] = decode_line(line4, 4)?;

        // Only whitespace may follow (text that is not UTF-8 is not whitespace).
        if !std::str::from_utf8(rest).is_ok_and(|r| r.trim().is_empty()) {
            return Err(SigError::TrailingData);
        }

        let (tag, rest) = blob.split_at(2);
        let (key_id, signature) = rest.split_at(8);
        let algorithm = match tag {
            b"Ed" => Algorithm::Legacy,
            b"ED" => Algorithm::Prehashed,
            _ => return Err(SigError::UnsupportedAlgorithm([tag[0], tag[1]])),
        };
        Ok(Signature {
            algorithm,
            key_id: key_id
                .try_into()
                .map_err(|_| SigError::InvalidEncoding { line: 2 })?,
            signature: signature
                .try_into()
                .map_err(|_| SigError::InvalidEncoding { line: 2 })?,
            untrusted_comment: untrusted.to_vec(),
            trusted_comment: trusted.to_vec(),
            global_signature,
        })
    }

    /// The file, byte for byte as minisign writes it.
    pub fn encode_bytes(&self) -> Vec<u8> {
        let mut blob = [0u8; SIG_BLOB_LEN];
        blob[..2].copy_from_slice(&self.algorithm.tag());
        blob[2..10].copy_from_slice(&self.key_id);
        blob[10..].copy_from_slice(&self.signature);
        let mut out =
            Vec::with_capacity(200 + self.untrusted_comment.len() + self.trusted_comment.len());
        out.extend_from_slice(b"untrusted comment: ");
        out.extend_from_slice(&self.untrusted_comment);
        out.push(b'\n');
        out.extend_from_slice(BASE64.encode(blob).as_bytes());
        out.extend_from_slice(b"\ntrusted comment: ");
        out.extend_from_slice(&self.trusted_comment);
        out.push(b'\n');
        out.extend_from_slice(BASE64.encode(self.global_signature).as_bytes());
        out.push(b'\n');
        out
    }

    /// The file as text, as minisign writes it, when both comments are UTF-8 (always so for a
    /// signature read with [`Signature::decode`] or made by [`sign`]). A comment that is not
    /// UTF-8 comes out with U+FFFD in place of its bad bytes, and no longer verifies: use
    /// [`Signature::encode_bytes`] for such files.
    pub fn encode(&self) -> String {
        match String::from_utf8(self.encode_bytes()) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The signer's key ID, as stored.
    pub fn key_id(&self) -> [u8; 8] {
        self.key_id
    }

    /// The signer's key ID as minisign prints it (16 uppercase hex digits).
    pub fn key_id_hex(&self) -> String {
        key_id_hex(&self.key_id)
    }

    /// The trusted comment (without its `trusted comment: ` prefix) for display, escaped by
    /// [`escape_comment`] (unchanged when it is UTF-8 without a backslash). Only trustworthy once
    /// verification has succeeded.
    pub fn trusted_comment(&self) -> String {
        escape_comment(&self.trusted_comment)
    }

    /// The trusted comment's exact bytes, as the global signature covers them.
    pub fn trusted_comment_bytes(&self) -> &[u8] {
        &self.trusted_comment
    }

    /// The untrusted comment (without its prefix) for display, escaped by [`escape_comment`].
    /// Not covered by any signature.
    pub fn untrusted_comment(&self) -> String {
        escape_comment(&self.untrusted_comment)
    }

    /// The untrusted comment's exact bytes.
    pub fn untrusted_comment_bytes(&self) -> &[u8] {
        &self.untrusted_comment
    }

    /// The 64-byte Ed25519 signature over the file (or its hash).
    pub fn signature_bytes(&self) -> &[u8; 64] {
        &self.signature
    }

    /// The 64-byte global signature over the file signature and the trusted comment.
    pub fn global_signature(&self) -> &[u8; 64] {
        &self.global_signature
    }

    /// Start a streaming check with `key`. Fails at once if the key IDs differ.
    pub fn verifier(&self, key: &PublicKey) -> Result<Verifier, SigError> {
        if key.id() != self.key_id {
            return Err(SigError::UnexpectedKeyId {
                signature: self.key_id,
                key: key.id(),
            });
        }
        let state = match self.algorithm {
            Algorithm::Legacy => State::Legacy(Box::new(Ed25519Stream::new(key, &self.signature))),
            Algorithm::Prehashed => State::Prehashed(Box::new(Blake2b512::new())),
        };
        Ok(Verifier {
            key: key.clone(),
            signature: self.signature,
            global_signature: self.global_signature,
            trusted_comment: self.trusted_comment.clone(),
            state,
        })
    }

    /// Check a message held in memory.
    pub fn verify(&self, key: &PublicKey, message: &[u8]) -> Result<(), SigError> {
        let mut v = self.verifier(key)?;
        v.update(message);
        v.finish()
    }
}

enum State {
    Legacy(Box<Ed25519Stream>),
    Prehashed(Box<Blake2b512>),
}

/// A minisign check in progress: feed the file with [`Verifier::update`], then call
/// [`Verifier::finish`]. Memory use does not depend on the file's size.
pub struct Verifier {
    key: PublicKey,
    signature: [u8; 64],
    global_signature: [u8; 64],
    trusted_comment: Vec<u8>,
    state: State,
}

impl Verifier {
    /// Feed the next piece of the signed file.
    pub fn update(&mut self, data: &[u8]) {
        match &mut self.state {
            State::Legacy(s) => s.update(data),
            State::Prehashed(h) => h.update(data),
        }
    }

    /// Check the file signature, then the global signature over the trusted comment.
    pub fn finish(self) -> Result<(), SigError> {
        let file_ok = match self.state {
            State::Legacy(s) => s.finish(),
            State::Prehashed(h) => {
                let hash = h.finalize();
                keys::verify_strict(&self.key, &hash, &self.signature)
            }
        };
        file_ok.map_err(|_| SigError::BadSignature)?;
        let mut global = Vec::with_capacity(64 + self.trusted_comment.len());
        global.extend_from_slice(&self.signature);
        global.extend_from_slice(&self.trusted_comment);
        keys::verify_strict(&self.key, &global, &self.global_signature)
            .map_err(|_| SigError::BadGlobalSignature)
    }
}

/// `what`: the comment's name (`word-trusted-comment`, `word-untrusted-comment`).
fn check_comment(comment: &str, max: usize, what: Message) -> io::Result<()> {
    if comment.contains(['\n', '\r']) {
        return Err(
            msg!("detail-comment-multiline", "what" => what).into_io(io::ErrorKind::InvalidInput)
        );
    }
    if comment.len() > max {
        return Err(
            msg!("detail-comment-too-long", "what" => what, "limit" => max)
                .into_io(io::ErrorKind::InvalidInput),
        );
    }
    Ok(())
}

/// Sign everything `message` yields, in minisign's prehashed mode, and return the `.minisig`
/// text. The comments must be single lines; an empty trusted comment is kept empty (minisign
/// would substitute a timestamp, which the engine has no clock for).
pub fn sign(
    key: &SecretKey,
    message: &mut dyn Read,
    trusted_comment: &str,
    untrusted_comment: &str,
) -> io::Result<String> {
    check_comment(
        trusted_comment,
        MAX_TRUSTED_COMMENT,
        msg!("word-trusted-comment"),
    )?;
    check_comment(
        untrusted_comment,
        MAX_UNTRUSTED_COMMENT,
        msg!("word-untrusted-comment"),
    )?;
    let mut hasher = Blake2b512::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match message.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    let signature = key.sign(&hasher.finalize());
    let mut global = Vec::with_capacity(64 + trusted_comment.len());
    global.extend_from_slice(&signature);
    global.extend_from_slice(trusted_comment.as_bytes());
    let sig = Signature {
        algorithm: Algorithm::Prehashed,
        key_id: key.id(),
        signature,
        untrusted_comment: untrusted_comment.as_bytes().to_vec(),
        trusted_comment: trusted_comment.as_bytes().to_vec(),
        global_signature: key.sign(&global),
    };
    Ok(sig.encode())
}

/// The scheme registered in [`crate::schemes::SCHEMES`].
pub fn decode_signature(
    role: crate::classify::Role,
    bytes: &[u8],
) -> Option<Result<Box<dyn schemes::Signature>, Message>> {
    (role == crate::classify::Role::MinisignSignature).then(|| {
        Signature::decode_bytes(bytes)
            .map(|s| Box::new(s) as Box<dyn schemes::Signature>)
            .map_err(|e| e.message())
    })
}

impl schemes::Signature for Signature {
    fn format(&self) -> SigFormat {
        SigFormat::Minisign
    }
    fn algorithm(&self) -> String {
        match self.algorithm {
            Algorithm::Prehashed => "Ed25519 (BLAKE2b-512 prehashed)".into(),
            Algorithm::Legacy => "Ed25519".into(),
        }
    }
    fn signer(&self) -> String {
        self.key_id_hex()
    }
    fn made_by(&self, key: &schemes::Key) -> bool {
        matches!(key, schemes::Key::Ed25519(k) if k.id() == self.key_id)
    }
    fn verify(&self, key: &schemes::Key, message: &[u8]) -> bool {
        let schemes::Key::Ed25519(key) = key else {
            return false;
        };
        Signature::verify(self, key, message).is_ok()
    }
    fn stream(&self, key: &schemes::Key) -> Option<Box<dyn schemes::StreamVerifier>> {
        let schemes::Key::Ed25519(key) = key else {
            return None;
        };
        self.verifier(key)
            .ok()
            .map(|v| Box::new(v) as Box<dyn schemes::StreamVerifier>)
    }
    fn untrusted_comment(&self) -> Option<String> {
        Some(Signature::untrusted_comment(self))
    }
    fn trusted_comment(&self) -> Option<String> {
        Some(Signature::trusted_comment(self))
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

    fn key(n: u8) -> SecretKey {
        SecretKey::generate([n; 32], [n, 1, 2, 3, 4, 5, 6, 7])
    }

    fn signed(msg: &[u8]) -> (SecretKey, String) {
        let k = key(1);
        let text = sign(&k, &mut &msg[..], "timestamp:1\tfile:a.txt\thashed", "hi").unwrap();
        (k, text)
    }

    #[test]
    fn sign_then_verify() {
        let (k, text) = signed(b"hello\n");
        let sig = Signature::decode(&text).unwrap();
        assert_eq!(sig.algorithm(), Algorithm::Prehashed);
        assert_eq!(sig.key_id(), k.id());
        assert_eq!(sig.key_id_hex(), "0706050403020101");
        assert_eq!(sig.trusted_comment(), "timestamp:1\tfile:a.txt\thashed");
        assert_eq!(sig.untrusted_comment(), "hi");
        assert_eq!(sig.encode(), text);
        sig.verify(&k.public_key(), b"hello\n").unwrap();

        // Streamed in uneven pieces.
        let mut v = sig.verifier(&k.public_key()).unwrap();
        for chunk in b"hello\n".chunks(4) {
            v.update(chunk);
        }
        v.finish().unwrap();
    }

    #[test]
    fn negatives() {
        let (k, text) = signed(b"hello\n");
        let sig = Signature::decode(&text).unwrap();
        let pk = k.public_key();
        assert_eq!(sig.verify(&pk, b"hellp\n"), Err(SigError::BadSignature));

        // Another key with the same ID.
        let other = key(2).public_key();
        let impostor =
            PublicKey::new(pk.id(), *other.verifying_key().as_bytes(), pk.format()).unwrap();
        assert_eq!(
            sig.verify(&impostor, b"hello\n"),
            Err(SigError::BadSignature)
        );
        // Another key, another ID.
        assert_eq!(
            sig.verify(&other, b"hello\n"),
            Err(SigError::UnexpectedKeyId {
                signature: pk.id(),
                key: other.id()
            })
        );

        let edited = text.replace("file:a.txt", "file:b.txt");
        let e = Signature::decode(&edited).unwrap();
        assert_eq!(e.verify(&pk, b"hello\n"), Err(SigError::BadGlobalSignature));
        // A trailing space in the trusted comment counts.
        let spaced = text.replace("\thashed\n", "\thashed \n");
        let e = Signature::decode(&spaced).unwrap();
        assert_eq!(e.verify(&pk, b"hello\n"), Err(SigError::BadGlobalSignature));

        let mut flipped = sig.clone();
        flipped.signature[5] ^= 0x10;
        assert_eq!(flipped.verify(&pk, b"hello\n"), Err(SigError::BadSignature));
        let mut flipped = sig.clone();
        flipped.global_signature[40] ^= 0x01;
        assert_eq!(
            flipped.verify(&pk, b"hello\n"),
            Err(SigError::BadGlobalSignature)
        );

        // Legacy tag on a prehashed signature: checked as legacy, fails.
        let mut relabelled = sig.clone();
        relabelled.algorithm = Algorithm::Legacy;
        assert_eq!(
            relabelled.verify(&pk, b"hello\n"),
            Err(SigError::BadSignature)
        );
    }

    #[test]
    fn legacy_signatures_verify() {
        let k = key(3);
        let msg = b"legacy message";
        let signature = k.sign(msg);
        let tc = "timestamp:2\tfile:m";
        let mut global = signature.to_vec();
        global.extend_from_slice(tc.as_bytes());
        let sig = Signature {
            algorithm: Algorithm::Legacy,
            key_id: k.id(),
            signature,
            untrusted_comment: Vec::new(),
            trusted_comment: tc.into(),
            global_signature: k.sign(&global),
        };
        let back = Signature::decode(&sig.encode()).unwrap();
        assert_eq!(back, sig);
        assert_eq!(back.algorithm(), Algorithm::Legacy);
        back.verify(&k.public_key(), msg).unwrap();
        let mut v = back.verifier(&k.public_key()).unwrap();
        v.update(b"legacy ");
        v.update(b"message");
        v.finish().unwrap();
        assert_eq!(
            back.verify(&k.public_key(), b"legacy messagE"),
            Err(SigError::BadSignature)
        );
    }

    #[test]
    fn tolerant_parsing() {
        let (k, text) = signed(b"x");
        let crlf = format!("\u{feff}{}\r\n\r\n", text.replace('\n', "\r\n"));
        let sig = Signature::decode(&crlf).unwrap();
        assert_eq!(sig.trusted_comment(), "timestamp:1\tfile:a.txt\thashed");
        sig.verify(&k.public_key(), b"x").unwrap();
        // No final newline.
        Signature::decode(text.trim_end())
            .unwrap()
            .verify(&k.public_key(), b"x")
            .unwrap();
    }

    #[test]
    fn parse_errors() {
        let (_, text) = signed(b"x");
        let lines: Vec<&str> = text.lines().collect();
        let join = |l: &[&str]| l.join("\n") + "\n";
        assert_eq!(
            Signature::decode(""),
            Err(SigError::MissingLine { line: 1 })
        );
        assert_eq!(
            Signature::decode(&join(&lines[..1])),
            Err(SigError::MissingLine { line: 2 })
        );
        assert_eq!(
            Signature::decode(&join(&lines[..2])),
            Err(SigError::MissingLine { line: 3 })
        );
        assert_eq!(
            Signature::decode(&join(&lines[..3])),
            Err(SigError::MissingLine { line: 4 })
        );
        assert_eq!(
            Signature::decode(&join(&[lines[1], lines[1], lines[2], lines[3]])),
            Err(SigError::MissingUntrustedComment)
        );
        assert_eq!(
            Signature::decode(&join(&[lines[0], lines[1], "comment: x", lines[3]])),
            Err(SigError::MissingTrustedComment)
        );
        assert_eq!(
            Signature::decode(&join(&[lines[0], "RW*x", lines[2], lines[3]])),
            Err(SigError::InvalidEncoding { line: 2 })
        );
        assert_eq!(
            Signature::decode(&join(&[lines[0], lines[1], lines[2], lines[1]])),
            Err(SigError::WrongLength {
                line: 4,
                expected: 64,
                found: 74
            })
        );
        assert_eq!(
            Signature::decode(&join(&[lines[0], lines[3], lines[2], lines[3]])),
            Err(SigError::WrongLength {
                line: 2,
                expected: 74,
                found: 64
            })
        );
        assert_eq!(
            Signature::decode(&join(&[lines[0], lines[1], lines[2], lines[3], "more"])),
            Err(SigError::TrailingData)
        );
        let mut blob = BASE64.decode(lines[1]).unwrap();
        blob[..2].copy_from_slice(b"EE");
        let b = BASE64.encode(&blob);
        assert_eq!(
            Signature::decode(&join(&[lines[0], &b, lines[2], lines[3]])),
            Err(SigError::UnsupportedAlgorithm(*b"EE"))
        );
    }

    /// A signature with these exact comment bytes, as minisign would make it.
    fn signed_with_comments(
        k: &SecretKey,
        msg: &[u8],
        trusted: &[u8],
        untrusted: &[u8],
    ) -> Vec<u8> {
        let signature = k.sign(&Blake2b512::digest(msg));
        let mut global = signature.to_vec();
        global.extend_from_slice(trusted);
        Signature {
            algorithm: Algorithm::Prehashed,
            key_id: k.id(),
            signature,
            untrusted_comment: untrusted.to_vec(),
            trusted_comment: trusted.to_vec(),
            global_signature: k.sign(&global),
        }
        .encode_bytes()
    }

    #[test]
    fn comments_that_are_not_utf8_are_bytes() {
        let k = key(6);
        let pk = k.public_key();
        let file = signed_with_comments(&k, b"m", b"caf\xe9 v1", b"\xff\\x");
        let sig = Signature::decode_bytes(&file).unwrap();
        assert_eq!(sig.trusted_comment_bytes(), b"caf\xe9 v1");
        assert_eq!(sig.trusted_comment(), r"caf\xE9 v1");
        assert_eq!(sig.untrusted_comment_bytes(), b"\xff\\x");
        assert_eq!(sig.untrusted_comment(), r"\xFF\\x");
        assert_eq!(sig.encode_bytes(), file);
        sig.verify(&pk, b"m").unwrap();
        // Read as lossy text, the comment is no longer what was signed.
        let lossy = Signature::decode(&String::from_utf8_lossy(&file)).unwrap();
        assert_eq!(lossy.verify(&pk, b"m"), Err(SigError::BadGlobalSignature));
        // One byte of the comment changed: the global signature fails.
        let mut edited = file.clone();
        let at = edited.windows(4).position(|w| w == b"\xe9 v1").unwrap();
        edited[at] = 0xe8;
        let e = Signature::decode_bytes(&edited).unwrap();
        assert_eq!(e.trusted_comment(), r"caf\xE8 v1");
        assert_eq!(e.verify(&pk, b"m"), Err(SigError::BadGlobalSignature));
        // The comment that *reads* like the escape is another comment, shown differently.
        let look_alike = signed_with_comments(&k, b"m", br"caf\xE9 v1", b"");
        let l = Signature::decode_bytes(&look_alike).unwrap();
        assert_eq!(l.trusted_comment(), r"caf\\xE9 v1");
        assert_ne!(l.trusted_comment(), sig.trusted_comment());
        l.verify(&pk, b"m").unwrap();
    }

    #[test]
    fn comment_escape_is_reversible() {
        let cases: &[&[u8]] = &[
            b"",
            b"plain ascii\ttab",
            "ünïcødé 名前".as_bytes(),
            b"caf\xe9",
            b"\\",
            br"\xE9",
            br"\\xE9",
            b"\xc3",
            b"\xc3\xa9\xc3",
            b"\xed\xa0\x80 surrogate",
            b"\x80\x81\xfe\xff",
            b"a\0b",
        ];
        let mut shown = std::collections::HashSet::new();
        for &c in cases {
            let e = escape_comment(c);
            assert_eq!(unescape_comment(&e).as_deref(), Some(c), "{e}");
            assert!(shown.insert(e.clone()), "two comments shown as {e}");
        }
        assert_eq!(escape_comment("ünï\tx".as_bytes()), "ünï\tx");
        assert_eq!(escape_comment(b"\xc3\xa9\xc3"), r"é\xC3");
        assert_eq!(escape_comment(br"C:\dir"), r"C:\\dir");
        for bad in [r"\", r"a\b", r"\x4", r"\xe9", r"\xG0"] {
            assert_eq!(unescape_comment(bad), None, "{bad}");
        }
    }

    #[test]
    fn sign_refuses_multiline_comments() {
        let k = key(4);
        assert!(sign(&k, &mut &b""[..], "a\nb", "").is_err());
        assert!(sign(&k, &mut &b""[..], "a", "b\r").is_err());
        assert!(sign(&k, &mut &b""[..], &"x".repeat(MAX_TRUSTED_COMMENT + 1), "").is_err());
        assert!(sign(&k, &mut &b""[..], &"x".repeat(MAX_TRUSTED_COMMENT), "").is_ok());
    }

    #[test]
    fn reader_errors_propagate() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        let err = sign(&key(5), &mut Failing, "t", "u").unwrap_err();
        assert_eq!(err.to_string(), "disk on fire");
    }
}
