//! SSH signatures (`ssh-keygen -Y sign -n file`) and SSH keys (`*.pub` lines and
//! `allowed_signers` files), as `ssh-keygen -Y verify` checks them.
//!
//! **Signatures.** An armored SSHSIG (`-----BEGIN SSH SIGNATURE-----`) holds the signer's public
//! key, a namespace, a hash name and the signature over the blob `"SSHSIG" ‖ string(namespace) ‖
//! string(reserved) ‖ string(hash name) ‖ string(H(message))`. Because the blob carries only
//! H(message), the message is hashed as it streams by ([`SshStream`]) and the blob built from the
//! digest at the end. The namespace must be `file`: a `git` (or any other) signature was made for
//! another purpose and never vouches for a release. Accepted: `ssh-ed25519` (checked strictly, as
//! minisign's Ed25519), `ecdsa-sha2-nistp256`/`nistp384`, and RSA keys of at least 2048 bits with
//! `rsa-sha2-256`/`rsa-sha2-512` signatures; hashes `sha256` and `sha512`. Refused with a reason:
//! `ssh-rsa` (SHA-1) signatures, shorter RSA keys, DSA, security-key (`sk-*`) and certificate
//! keys.
//!
//! **Keys.** A file of OpenSSH public key lines (`ssh-ed25519 AAAA… comment`, what `*.pub` holds)
//! or an `allowed_signers` file (`principals [options] keytype base64 [comment]`, see
//! `ssh-keygen(1)`, "ALLOWED SIGNERS"). The `allowed_signers` format is parsed here by hand
//! because no crate reads it without pulling in heavy or `std`-only dependencies (the `ssh-key`
//! crate reads key lines only, with `default-features = false` so the wasm build has no
//! `getrandom`); it is a few rules:
//! - principals: a comma-separated list, optionally in double quotes (reported, as `ssh-keygen -Y
//!   find-principals` would; Airlock has no identity to match them against);
//! - options, comma-separated, names case-insensitive: `namespaces="file,…"` (patterns with `*`
//!   and `?`; the key then signs only for a matching namespace, so it must match `file`),
//!   `valid-after="YYYYMMDD[HHMM[SS]][Z]"`, `valid-before=…` (checked against the clock of the
//!   run; read as UTC whether or not the `Z` is there, where OpenSSH reads a time without `Z` as
//!   local time), and `cert-authority`, which trusts certificates signed by the key: Airlock does
//!   not read SSH certificates, so such a line is reported as not supported and never trusted;
//! - any other option makes the line unreadable (as in `ssh-keygen`), `#` starts a comment line.

use std::fmt;

use sha2::{Digest, Sha256, Sha512};
use signature::Verifier as _;
use ssh_key::public::KeyData;
use ssh_key::{Algorithm, EcdsaCurve, HashAlg, SshSig};

use super::Key;
use crate::i18n::Message;
use crate::msg;
use crate::report::SigFormat;

/// The only namespace whose signatures vouch for files.
pub const NAMESPACE: &str = "file";
/// Smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;

/// An SSH public key, with what an `allowed_signers` line says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SshKey {
    pub key: KeyData,
    /// The comment after the key (often `user@host`).
    pub comment: String,
    /// Principals of its `allowed_signers` line (empty for a plain `.pub` line).
    pub principals: Vec<String>,
    /// `namespaces="…"`: the patterns the key may sign for (`None`: any).
    pub namespaces: Option<Vec<String>>,
    /// `valid-after`, in seconds since 1970 (UTC).
    pub valid_after: Option<u64>,
    /// `valid-before`, in seconds since 1970 (UTC).
    pub valid_before: Option<u64>,
}

impl SshKey {
    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.key)
    }

    /// The key as one OpenSSH line (`ssh-ed25519 AAAA…`).
    pub fn openssh(&self) -> String {
        ssh_key::PublicKey::new(self.key.clone(), "")
            .to_openssh()
            .unwrap_or_default()
            .trim_end()
            .to_string()
    }

    /// Why this key may not vouch for a file signature made now, if it may not.
    pub fn refusal(&self, now: Option<u64>) -> Option<Message> {
        let fp = self.fingerprint();
        if let Some(patterns) = &self.namespaces {
            if !patterns.iter().any(|p| glob(p, NAMESPACE)) {
                return Some(msg!(
                    "detail-ssh-namespaces",
                    "key_id" => &fp,
                    "namespaces" => patterns.join(","),
                    "namespace" => NAMESPACE,
                ));
            }
        }
        if self.valid_after.is_some() || self.valid_before.is_some() {
            let Some(now) = now else {
                return Some(msg!("detail-ssh-no-clock", "key_id" => &fp));
            };
            if let Some(after) = self.valid_after {
                if now < after {
                    return Some(msg!(
                        "detail-ssh-not-yet-valid",
                        "key_id" => &fp,
                        "time" => format_time(after),
                    ));
                }
            }
            if let Some(before) = self.valid_before {
                if now >= before {
                    return Some(msg!(
                        "detail-ssh-no-longer-valid",
                        "key_id" => &fp,
                        "time" => format_time(before),
                    ));
                }
            }
        }
        None
    }
}

/// `SHA256:…` of a key, as `ssh-keygen -l` prints it.
pub fn fingerprint(key: &KeyData) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

fn rsa_bits(key: &KeyData) -> Option<usize> {
    let n = key.rsa()?.n.as_positive_bytes()?;
    let first = *n.first()?;
    Some((n.len() - 1) * 8 + (8 - first.leading_zeros() as usize))
}

/// Why a key type cannot sign here, if it cannot.
pub fn key_refusal(key: &KeyData) -> Option<Message> {
    match key {
        KeyData::Ed25519(_) => None,
        KeyData::Ecdsa(k) if matches!(k.curve(), EcdsaCurve::NistP256 | EcdsaCurve::NistP384) => {
            None
        }
        KeyData::Rsa(_) => match rsa_bits(key) {
            Some(bits) if bits >= MIN_RSA_BITS => None,
            Some(bits) => {
                Some(msg!("detail-rsa-too-short", "bits" => bits, "limit" => MIN_RSA_BITS))
            }
            None => Some(msg!("detail-ssh-rsa-malformed")),
        },
        other => Some(msg!(
            "detail-ssh-key-type",
            "algorithm" => other.algorithm().to_string(),
            "limit" => MIN_RSA_BITS,
        )),
    }
}

/// Why an OpenSSH key type name is not one Airlock reads as a key line.
fn is_key_type(word: &str) -> bool {
    word.starts_with("ssh-") || word.starts_with("ecdsa-sha2-") || word.starts_with("sk-")
}

/// True when `text` looks like a file of SSH public keys (`.pub` lines or `allowed_signers`): its
/// first line that is not blank or a comment has a key type followed by base64 (`AAAA…`).
pub fn looks_like_keys(text: &[u8]) -> bool {
    let Some(line) = text
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .map(|l| l.trim_ascii())
        .find(|l| !l.is_empty() && !l.starts_with(b"#"))
    else {
        return false;
    };
    let Ok(line) = std::str::from_utf8(line) else {
        return false;
    };
    let words = tokens(line);
    words
        .windows(2)
        .take(3)
        .any(|w| is_key_type(&w[0]) && w[1].starts_with("AAAA"))
}

/// Split a line into words; double quotes group (and are kept).
fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
            cur.push(c);
        } else if c.is_ascii_whitespace() && !quoted {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Split on commas outside double quotes.
fn split_commas(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn unquote(s: &str) -> Result<&str, Message> {
    match s.strip_prefix('"') {
        Some(rest) => rest
            .strip_suffix('"')
            .ok_or_else(|| msg!("detail-ssh-quotes", "text" => s)),
        None if s.contains('"') => Err(msg!("detail-ssh-quotes", "text" => s)),
        None => Ok(s),
    }
}

/// `*` and `?` patterns, as OpenSSH's `match_pattern`.
fn glob(pattern: &str, s: &str) -> bool {
    /// Iterative, with backtracking only to the last `*`: linear in the pattern's length (a
    /// recursive match takes time polynomial in the number of stars, of degree the length of
    /// `s`: `namespaces="****…*x"` from an allowed_signers file in a bundle hung the run).
    fn go(p: &[u8], s: &[u8]) -> bool {
        let (mut pi, mut si) = (0, 0);
        let mut star: Option<(usize, usize)> = None;
        while si < s.len() {
            match p.get(pi) {
                Some(b'*') => {
                    star = Some((pi, si));
                    pi += 1;
                }
                Some(&c) if c == b'?' || c == s[si] => {
                    pi += 1;
                    si += 1;
                }
                _ => match star {
                    // Let the last `*` take one more byte.
                    Some((sp, ss)) => {
                        star = Some((sp, ss + 1));
                        pi = sp + 1;
                        si = ss + 1;
                    }
                    None => return false,
                },
            }
        }
        p[pi..].iter().all(|&c| c == b'*')
    }
    // A negated pattern (`!git`) never grants a namespace.
    !pattern.starts_with('!') && go(pattern.as_bytes(), s.as_bytes())
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// `YYYYMMDD[HHMM[SS]][Z]` to seconds since 1970 (UTC).
fn parse_time(s: &str) -> Result<u64, Message> {
    let digits = s.strip_suffix(['Z', 'z']).unwrap_or(s);
    let bad = || msg!("detail-ssh-time", "text" => format!("{s:?}"));
    if !matches!(digits.len(), 8 | 12 | 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n = |a: usize, b: usize| digits[a..b].parse::<u32>().map_err(|_| bad());
    let (y, mo, d) = (n(0, 4)?, n(4, 6)?, n(6, 8)?);
    let (h, mi) = if digits.len() >= 12 {
        (n(8, 10)?, n(10, 12)?)
    } else {
        (0, 0)
    };
    let sec = if digits.len() == 14 { n(12, 14)? } else { 0 };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 59 {
        return Err(bad());
    }
    let days = days_from_civil(y as i64, mo, d);
    let t = days * 86400 + (h * 3600 + mi * 60 + sec) as i64;
    u64::try_from(t).map_err(|_| bad())
}

/// Seconds since 1970 as `YYYY-MM-DD HH:MM:SS UTC`.
pub fn format_time(t: u64) -> String {
    let days = (t / 86400) as i64;
    let rem = t % 86400;
    // civil_from_days
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// The keys of a `.pub` or `allowed_signers` file, and notes on lines that were not taken.
#[derive(Debug, Default)]
pub struct ParsedKeys {
    pub keys: Vec<SshKey>,
    /// Lines skipped on purpose (`cert-authority`), said in words.
    pub notes: Vec<Message>,
}

fn parse_key(keytype: &str, base64: &str, comment: &str) -> Result<KeyData, Message> {
    let line = format!("{keytype} {base64}");
    let key = ssh_key::PublicKey::from_openssh(&line).map_err(
        |e| msg!("detail-ssh-key-unreadable", "algorithm" => keytype, "detail" => e.to_string()),
    )?;
    if key.algorithm().as_str() != keytype {
        return Err(msg!(
            "detail-ssh-key-label",
            "algorithm" => keytype,
            "actual" => key.algorithm().to_string(),
        ));
    }
    let _ = comment;
    Ok(key.key_data().clone())
}

/// Read a file of OpenSSH public key lines or an `allowed_signers` file. Every line that is not
/// blank or a comment must be readable; `cert-authority` lines are skipped with a note. A file
/// with no usable key is an error.
pub fn parse_keys(text: &str) -> Result<ParsedKeys, Message> {
    let mut out = ParsedKeys::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |e: Message| msg!("detail-at-line", "line" => i + 1, "detail" => e);
        let words = tokens(line);
        // `keytype base64 [comment]`: a `.pub` line. A key's base64 always begins with AAAA (the
        // length of its type name), so a principal that begins with `ssh-` (allowed_signers) is
        // not taken for a key type.
        let key_at = |n: usize| {
            is_key_type(&words[n]) && words.get(n + 1).is_some_and(|w| w.starts_with("AAAA"))
        };
        if key_at(0) {
            let b64 = words
                .get(1)
                .ok_or_else(|| at(msg!("detail-ssh-no-key-after-type")))?;
            let comment = words[2..].join(" ");
            let key = parse_key(&words[0], b64, &comment).map_err(at)?;
            if let Some(why) = key_refusal(&key) {
                return Err(at(why));
            }
            out.keys.push(SshKey {
                key,
                comment,
                principals: Vec::new(),
                namespaces: None,
                valid_after: None,
                valid_before: None,
            });
            continue;
        }
        // `principals [options] keytype base64 [comment]`: allowed_signers.
        let principals: Vec<String> = unquote(&words[0])
            .map_err(at)?
            .split(',')
            .map(str::to_string)
            .collect();
        if principals.iter().any(String::is_empty) {
            return Err(at(msg!("detail-ssh-empty-principal")));
        }
        let (options, rest) = match words.get(1) {
            Some(_) if key_at(1) => ("", &words[1..]),
            Some(w) => (w.as_str(), &words[2..]),
            None => return Err(at(msg!("detail-ssh-no-key"))),
        };
        let (Some(keytype), Some(b64)) = (rest.first(), rest.get(1)) else {
            return Err(at(msg!("detail-ssh-no-key")));
        };
        if !is_key_type(keytype) {
            return Err(at(
                msg!("detail-ssh-not-key-type", "text" => format!("{keytype:?}")),
            ));
        }
        let comment = rest[2..].join(" ");
        let mut key = SshKey {
            key: parse_key(keytype, b64, &comment).map_err(at)?,
            comment,
            principals,
            namespaces: None,
            valid_after: None,
            valid_before: None,
        };
        let mut cert_authority = false;
        if !options.is_empty() {
            for opt in split_commas(options) {
                let (name, value) = match opt.split_once('=') {
                    Some((n, v)) => (n.to_ascii_lowercase(), Some(unquote(v).map_err(at)?)),
                    None => (opt.to_ascii_lowercase(), None),
                };
                match (name.as_str(), value) {
                    ("cert-authority", None) => cert_authority = true,
                    ("namespaces", Some(v)) => {
                        key.namespaces = Some(v.split(',').map(str::to_string).collect())
                    }
                    ("valid-after", Some(v)) => key.valid_after = Some(parse_time(v).map_err(at)?),
                    ("valid-before", Some(v)) => {
                        key.valid_before = Some(parse_time(v).map_err(at)?)
                    }
                    _ => return Err(at(msg!("detail-ssh-option", "text" => format!("{opt:?}")))),
                }
            }
        }
        if cert_authority {
            out.notes.push(at(msg!(
                "detail-ssh-cert-authority",
                "key_id" => key.fingerprint(),
                "principals" => key.principals.join(","),
            )));
            continue;
        }
        if let Some(why) = key_refusal(&key.key) {
            return Err(at(why));
        }
        out.keys.push(key);
    }
    if out.keys.is_empty() {
        return Err(match out.notes.first() {
            Some(note) => msg!("detail-ssh-no-usable-key-note", "detail" => note),
            None => msg!("detail-ssh-no-usable-key"),
        });
    }
    Ok(out)
}

/// Why an SSH signature file could not be read.
#[derive(Debug)]
pub struct SigError(Message);

impl SigError {
    /// The sentence (catalogue `detail-ssh-…`).
    pub fn message(&self) -> Message {
        self.0.clone()
    }
}

/// English.
impl fmt::Display for SigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A decoded SSHSIG.
#[derive(Clone, Debug)]
pub struct Signature {
    sig: SshSig,
    algorithm: String,
    refusal: Option<Message>,
}

impl Signature {
    /// Decode an armored SSHSIG (`-----BEGIN SSH SIGNATURE-----`).
    pub fn decode(bytes: &[u8]) -> Result<Signature, SigError> {
        let text = std::str::from_utf8(bytes).map_err(|_| SigError(msg!("detail-ssh-not-text")))?;
        let sig = SshSig::from_pem(text.trim()).map_err(|e| {
            SigError(msg!("detail-ssh-signature-unreadable", "detail" => e.to_string()))
        })?;
        let sig_alg = sig.signature().algorithm();
        let algorithm = format!("{} ({})", sig_alg, sig.hash_alg());
        let refusal = if sig.namespace() != NAMESPACE {
            Some(msg!(
                "detail-ssh-wrong-namespace",
                "actual" => sig.namespace(),
                "namespace" => NAMESPACE,
            ))
        } else if let Some(why) = key_refusal(sig.public_key()) {
            Some(why)
        } else if matches!(sig_alg, Algorithm::Rsa { hash: None }) {
            Some(msg!("detail-ssh-rsa-sha1"))
        } else if sig_alg.as_str() != sig.public_key().algorithm().as_str()
            && !matches!(sig_alg, Algorithm::Rsa { .. })
        {
            Some(msg!(
                "detail-ssh-algorithm-mismatch",
                "algorithm" => sig_alg.to_string(),
                "actual" => sig.public_key().algorithm().to_string(),
            ))
        } else {
            None
        };
        Ok(Signature {
            sig,
            algorithm,
            refusal,
        })
    }

    fn key<'a>(&self, key: &'a Key) -> Option<&'a SshKey> {
        match key {
            Key::Ssh(k) if k.key == *self.sig.public_key() => Some(k),
            _ => None,
        }
    }

    /// Check the signature over a message whose hash (this signature's hash) is `digest`.
    fn check(&self, digest: &[u8]) -> bool {
        if self.refusal.is_some() {
            return false;
        }
        let mut blob = Vec::with_capacity(128);
        blob.extend_from_slice(b"SSHSIG");
        for field in [
            self.sig.namespace().as_bytes(),
            self.sig.reserved(),
            self.sig.hash_alg().as_str().as_bytes(),
            digest,
        ] {
            blob.extend_from_slice(&(field.len() as u32).to_be_bytes());
            blob.extend_from_slice(field);
        }
        match self.sig.public_key() {
            // Strict, as every other Ed25519 check here (non-canonical S, small-order R refused).
            KeyData::Ed25519(pk) => {
                let Ok(vk) = ed25519_dalek::VerifyingKey::from_bytes(&pk.0) else {
                    return false;
                };
                if vk.is_weak() {
                    return false;
                }
                let Ok(sig) = ed25519_dalek::Signature::from_slice(self.sig.signature_bytes())
                else {
                    return false;
                };
                vk.verify_strict(&blob, &sig).is_ok()
            }
            key => key.verify(&blob, self.sig.signature()).is_ok(),
        }
    }

    fn hasher(&self) -> Hasher {
        match self.sig.hash_alg() {
            HashAlg::Sha256 => Hasher::Sha256(Sha256::new()),
            _ => Hasher::Sha512(Sha512::new()),
        }
    }
}

enum Hasher {
    Sha256(Sha256),
    Sha512(Sha512),
}

impl Hasher {
    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }
    fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

/// An SSH signature checked over a file as it streams by.
pub struct SshStream {
    sig: Signature,
    hasher: Hasher,
}

impl super::StreamVerifier for SshStream {
    fn update(&mut self, data: &[u8]) {
        self.hasher.update(data)
    }
    fn finish(self: Box<Self>) -> bool {
        let SshStream { sig, hasher } = *self;
        sig.check(&hasher.finish())
    }
}

/// The scheme registered in [`crate::schemes::SCHEMES`].
pub fn decode_signature(
    role: crate::classify::Role,
    bytes: &[u8],
) -> Option<Result<Vec<Box<dyn super::Signature>>, Message>> {
    (role == crate::classify::Role::SshSignature).then(|| {
        Signature::decode(bytes)
            .map(|s| vec![Box::new(s) as Box<dyn super::Signature>])
            .map_err(|e| e.message())
    })
}

impl super::Signature for Signature {
    fn format(&self) -> SigFormat {
        SigFormat::Ssh
    }
    fn algorithm(&self) -> String {
        self.algorithm.clone()
    }
    fn signer(&self) -> String {
        fingerprint(self.sig.public_key())
    }
    fn made_by(&self, key: &Key) -> bool {
        self.key(key).is_some()
    }
    fn verify(&self, key: &Key, message: &[u8]) -> bool {
        if self.key(key).is_none() {
            return false;
        }
        let mut h = self.hasher();
        h.update(message);
        self.check(&h.finish())
    }
    fn stream(&self, key: &Key) -> Option<Box<dyn super::StreamVerifier>> {
        self.key(key)?;
        Some(Box::new(SshStream {
            sig: self.clone(),
            hasher: self.hasher(),
        }))
    }
    fn refused(&self) -> Option<Message> {
        self.refusal.clone()
    }
    fn key_refused(&self, key: &Key, now: Option<u64>) -> Option<Message> {
        self.key(key)?.refusal(now)
    }
    fn details(&self, key: Option<&Key>) -> super::Details {
        super::Details {
            hash_algorithm: Some(self.sig.hash_alg().as_str().to_string()),
            principal: key
                .and_then(|k| self.key(k))
                .filter(|k| !k.principals.is_empty())
                .map(|k| k.principals.join(",")),
            ..super::Details::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time("19700101").unwrap(), 0);
        assert_eq!(parse_time("20240229123456Z").unwrap(), 1709210096);
        assert_eq!(format_time(1709210096), "2024-02-29 12:34:56 UTC");
        assert!(parse_time("2024022").is_err());
        assert!(parse_time("20241301").is_err());
    }

    #[test]
    fn globs() {
        assert!(glob("file", "file"));
        assert!(glob("f*", "file"));
        assert!(glob("fil?", "file"));
        assert!(!glob("git", "file"));
        assert!(!glob("!git", "file"));
        assert!(glob("*", "file") && glob("**", "file") && glob("*e", "file"));
        assert!(glob("f*e", "file") && glob("*i*", "file") && glob("?*?", "file"));
        assert!(!glob("*x", "file") && !glob("f*g", "file") && !glob("?????", "file"));
        assert!(!glob("", "file") && glob("*", "") && !glob("?", ""));
        // Many stars: answered at once (the recursive match took hours).
        assert!(!glob(&format!("{}x", "*".repeat(100_000)), "file"));
    }

    #[test]
    fn allowed_signers_lines() {
        let k = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOm7dBBg3f+1aGwd+k6ZHgVW8y4OVkUwL3AHHy1tEVNo";
        let text = format!(
            "# comment\n\"a@b,c@d\" namespaces=\"file,git\",valid-after=\"20200101\" {k} me\nx@y cert-authority {k}\n"
        );
        let parsed = parse_keys(&text).unwrap();
        assert_eq!(parsed.keys.len(), 1);
        assert_eq!(parsed.notes.len(), 1);
        let key = &parsed.keys[0];
        assert_eq!(key.principals, ["a@b", "c@d"]);
        assert_eq!(key.namespaces.as_deref().unwrap(), ["file", "git"]);
        assert_eq!(key.refusal(Some(2_000_000_000)), None);
        assert!(key.refusal(Some(0)).is_some());
        assert!(key.refusal(None).is_some());
        assert!(looks_like_keys(text.as_bytes()));
        assert!(parse_keys(&format!("x@y bogus=1 {k}")).is_err());
        assert!(parse_keys(&format!("x@y cert-authority {k}")).is_err());
        let git_only = parse_keys(&format!("x@y namespaces=\"git\" {k}")).unwrap();
        assert!(git_only.keys[0].refusal(None).is_some());
        // A principal that begins like a key type is a principal (the key's base64 says which
        // word is the key), with options or without.
        for line in [
            format!("ssh-rsa@example.com namespaces=\"file\" {k}"),
            format!("ssh-ed25519 {k}"),
        ] {
            let parsed = parse_keys(&line).unwrap();
            assert_eq!(
                parsed.keys[0].principals[0],
                line.split(' ').next().unwrap()
            );
        }
        assert!(parse_keys(&format!("{k} comment")).unwrap().keys[0]
            .principals
            .is_empty());
    }
}
