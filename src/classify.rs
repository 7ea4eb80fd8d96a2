//! What an input is, from its first bytes. Names are only a hint (and are not used here).
//!
//! Recognises: tar archives (a valid header checksum in the first block), gzip-compressed tar
//! (gzip magic, and a tar header in the first decompressed block), minisign and signify public
//! keys, signatures and embedded signatures (the `untrusted comment:` line, then base64 of a known
//! length), bare `RW…` public keys, minisign secret keys (so they can be flagged, never used), and
//! SHA-256 checksum lists, SSH signatures (`-----BEGIN SSH SIGNATURE-----`) and SSH public keys
//! (`.pub` lines, `allowed_signers`). Anything else is a plain file.

use std::io::Read;

use base64::Engine;

use crate::archive;
use crate::checksums;
use crate::gzip::MultiGzReader;

/// How many leading bytes [`classify`] wants.
pub const HEAD_LEN: usize = 64 * 1024;

/// What an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A tar archive, plain.
    Tar,
    /// A gzip-compressed tar archive.
    TarGz,
    ChecksumList,
    MinisignSignature,
    SignifySignature,
    SignifyEmbedded,
    MinisignKey,
    SignifyKey,
    /// An armored SSH signature (`ssh-keygen -Y sign`).
    SshSignature,
    /// SSH public keys: `.pub` lines or an `allowed_signers` file.
    SshKey,
    /// An OpenPGP detached signature, binary or armored.
    OpenPgpSignature,
    /// An OpenPGP cleartext-signed message (`gpg --clearsign`): a list and its signature.
    OpenPgpCleartext,
    /// OpenPGP certificates (`gpg --export`), binary or armored.
    OpenPgpKey,
    /// A minisign secret key: never belongs beside a bundle.
    SecretKey,
    /// A `go.sum` given beside a bundle (never returned by [`classify`]: inside a bundle, and
    /// beside no bundle, a go.sum is a file; the run decides,
    /// [`crate::carriers::gomod::looks_like_go_sum`]).
    GoSum,
    /// Anything else: a payload file.
    File,
}

impl Role {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Tar | Role::TarGz => "bundle",
            Role::ChecksumList => "checksum-list",
            Role::MinisignSignature => "minisign-signature",
            Role::SignifySignature => "signify-signature",
            Role::SignifyEmbedded => "signify-embedded",
            Role::MinisignKey => "minisign-key",
            Role::SignifyKey => "signify-key",
            Role::SshSignature => "ssh-signature",
            Role::SshKey => "ssh-key",
            Role::OpenPgpSignature => "openpgp-signature",
            Role::OpenPgpCleartext => "openpgp-cleartext",
            Role::OpenPgpKey => "openpgp-key",
            Role::SecretKey => "secret-key",
            Role::GoSum => "go-sum",
            Role::File => "file",
        }
    }

    /// True for small text inputs that are read whole (lists, signatures, keys).
    pub fn is_meta(self) -> bool {
        !matches!(self, Role::Tar | Role::TarGz | Role::File)
    }
}

fn b64(line: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(line).ok()?.trim();
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

fn lines(head: &[u8]) -> impl Iterator<Item = &[u8]> {
    head.split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
}

/// Classify an input from its head (up to [`HEAD_LEN`] bytes; `complete` when the head is the
/// whole input).
pub fn classify(head: &[u8], complete: bool) -> Role {
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut block = [0u8; 512];
        let mut gz = MultiGzReader::new(head);
        let mut filled = 0;
        while filled < 512 {
            match gz.read(&mut block[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                // A damaged gzip stream: most likely a damaged bundle, which the archive reader
                // will describe.
                Err(_) => return Role::TarGz,
            }
        }
        return if filled == 512 && archive::looks_like_tar(&block) {
            Role::TarGz
        } else {
            Role::File
        };
    }
    if archive::looks_like_tar(head) {
        return Role::Tar;
    }
    let mut it = lines(head);
    let first = it.next().unwrap_or_default();
    if let Some(comment) = first.strip_prefix(b"untrusted comment:") {
        let Some(decoded) = it.next().and_then(b64) else {
            return Role::File;
        };
        let third = it.next().unwrap_or_default();
        let comment = String::from_utf8_lossy(comment).to_lowercase();
        return match decoded.len() {
            // OpenBSD's release keys say "openbsd 7.x base public key": only minisign names
            // itself.
            42 if comment.trim_start().starts_with("minisign") => Role::MinisignKey,
            42 => Role::SignifyKey,
            74 if third.starts_with(b"trusted comment:") => Role::MinisignSignature,
            74 => {
                // Two lines and nothing more: detached; anything after: embedded message.
                let second_end = head
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'\n')
                    .nth(1)
                    .map(|(i, _)| i + 1);
                match second_end {
                    Some(end) if end < head.len() || !complete => Role::SignifyEmbedded,
                    _ => Role::SignifySignature,
                }
            }
            158 => Role::SecretKey,
            _ => Role::File,
        };
    }
    let trimmed: &[u8] = {
        let s = head;
        let start = s
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(s.len());
        let end = s
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(start, |e| e + 1);
        &s[start..end]
    };
    if complete && trimmed.starts_with(b"RW") && !trimmed.contains(&b'\n') {
        if let Some(d) = b64(trimmed) {
            if d.len() == 42 {
                return Role::MinisignKey;
            }
        }
    }
    match crate::schemes::openpgp::sniff(head, complete) {
        Some(crate::schemes::openpgp::Kind::Signature) => return Role::OpenPgpSignature,
        // Only a signed checksum list: other cleartext-signed files (an apt mirror's InRelease)
        // are payload.
        Some(crate::schemes::openpgp::Kind::Cleartext) => {
            let text = head
                .windows(2)
                .position(|w| w == b"\n\n")
                .or_else(|| head.windows(4).position(|w| w == b"\r\n\r\n"))
                .map(|i| &head[i..]);
            let trimmed = text.map(|t| {
                let start = t
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .unwrap_or(t.len());
                &t[start..]
            });
            // The signed text as gpg reads it: a line that begins with a dash is escaped (`- `).
            let unescaped = trimmed.map(|t| {
                t.split_inclusive(|&b| b == b'\n')
                    .flat_map(|line| line.strip_prefix(b"- ").unwrap_or(line))
                    .copied()
                    .collect::<Vec<u8>>()
            });
            return match unescaped {
                Some(t) if checksums::looks_like_list(&t) => Role::OpenPgpCleartext,
                _ => Role::File,
            };
        }
        Some(crate::schemes::openpgp::Kind::Key) => return Role::OpenPgpKey,
        None => {}
    }
    if trimmed.starts_with(b"-----BEGIN SSH SIGNATURE-----") {
        return Role::SshSignature;
    }
    if crate::schemes::ssh::looks_like_keys(head) {
        return Role::SshKey;
    }
    if checksums::looks_like_list(head) {
        return Role::ChecksumList;
    }
    Role::File
}
