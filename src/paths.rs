//! Path rules shared by archive entries, directory members and checksum lists.
//!
//! Paths are bytes (tar names and list lines need not be UTF-8). A path is normalised before it is
//! compared: `./a//b/` and `a/b` are the same file. Normalisation refuses what could escape the
//! folder a bundle is extracted into: absolute paths, `..` components and NUL bytes. It does not
//! touch the filesystem and does not follow links: `verify::tree` follows them as the kernel
//! does (resolving a link by its text alone is how a link through a link escapes).

use unicode_normalization::UnicodeNormalization;

use crate::i18n::Message;
use crate::msg;

/// Why a path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    Empty,
    Absolute,
    DotDot,
    Nul,
    /// A Windows drive prefix such as `C:` or a backslash-rooted path: escapes on Windows.
    WindowsPrefix,
}

impl PathError {
    /// A sentence fragment naming the problem (catalogue `detail-path-…`).
    pub fn message(self) -> Message {
        match self {
            PathError::Empty => msg!("detail-path-empty"),
            PathError::Absolute => msg!("detail-path-absolute"),
            PathError::DotDot => msg!("detail-path-dotdot"),
            PathError::Nul => msg!("detail-path-nul"),
            PathError::WindowsPrefix => msg!("detail-path-windows-prefix"),
        }
    }
}

/// Normalise a relative path: drop `.` and empty components, refuse absolute paths, `..` and NUL.
///
/// Returns an empty vector for the root itself (`.` or `./`), which archives often contain.
pub fn normalize(raw: &[u8]) -> Result<Vec<u8>, PathError> {
    if raw.is_empty() {
        return Err(PathError::Empty);
    }
    if raw.contains(&0) {
        return Err(PathError::Nul);
    }
    if raw[0] == b'/' {
        return Err(PathError::Absolute);
    }
    if raw[0] == b'\\' || (raw.len() >= 2 && raw[1] == b':' && raw[0].is_ascii_alphabetic()) {
        return Err(PathError::WindowsPrefix);
    }
    let mut out = Vec::with_capacity(raw.len());
    for part in raw.split(|&b| b == b'/') {
        match part {
            b"" | b"." => continue,
            b".." => return Err(PathError::DotDot),
            _ => {
                if !out.is_empty() {
                    out.push(b'/');
                }
                out.extend_from_slice(part);
            }
        }
    }
    Ok(out)
}

/// The folder part of a normalised path (`a/b/c` → `a/b`, `c` → empty).
pub fn parent(path: &[u8]) -> &[u8] {
    match path.iter().rposition(|&b| b == b'/') {
        Some(i) => &path[..i],
        None => &[],
    }
}

/// The last component of a normalised path.
pub fn file_name(path: &[u8]) -> &[u8] {
    match path.iter().rposition(|&b| b == b'/') {
        Some(i) => &path[i + 1..],
        None => path,
    }
}

/// The first component of a normalised path.
pub fn first_component(path: &[u8]) -> &[u8] {
    match path.iter().position(|&b| b == b'/') {
        Some(i) => &path[..i],
        None => path,
    }
}

/// Join a normalised folder and a normalised relative path.
pub fn join(base: &[u8], rel: &[u8]) -> Vec<u8> {
    if base.is_empty() {
        return rel.to_vec();
    }
    let mut out = Vec::with_capacity(base.len() + 1 + rel.len());
    out.extend_from_slice(base);
    if !rel.is_empty() {
        out.push(b'/');
        out.extend_from_slice(rel);
    }
    out
}

/// Every proper ancestor folder of a normalised path (`a/b/c` → `a`, `a/b`).
pub fn ancestors(path: &[u8]) -> impl Iterator<Item = &[u8]> {
    path.iter()
        .enumerate()
        .filter(|(_, &b)| b == b'/')
        .map(move |(i, _)| &path[..i])
}

/// The key under which two names collide on case-insensitive or normalising filesystems
/// (macOS, Windows): Unicode NFC, then lowercase.
pub fn collision_key(path: &[u8]) -> String {
    String::from_utf8_lossy(path)
        .nfc()
        .collect::<String>()
        .to_lowercase()
}

/// A path for display: UTF-8, with invalid bytes replaced by U+FFFD.
pub fn display(path: &[u8]) -> String {
    String::from_utf8_lossy(path).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_dots_and_slashes() {
        assert_eq!(normalize(b"./a//b/./c/").unwrap(), b"a/b/c");
        assert_eq!(normalize(b"a/b").unwrap(), b"a/b");
        assert_eq!(normalize(b"./").unwrap(), b"");
        assert_eq!(normalize(b".").unwrap(), b"");
    }

    #[test]
    fn refuses_escapes() {
        assert_eq!(normalize(b"/etc/passwd"), Err(PathError::Absolute));
        assert_eq!(normalize(b"a/../../b"), Err(PathError::DotDot));
        assert_eq!(normalize(b"a/.."), Err(PathError::DotDot));
        assert_eq!(normalize(b"a\0b"), Err(PathError::Nul));
        assert_eq!(normalize(b""), Err(PathError::Empty));
        assert_eq!(normalize(b"C:/x"), Err(PathError::WindowsPrefix));
        assert_eq!(normalize(b"\\\\server\\x"), Err(PathError::WindowsPrefix));
    }

    #[test]
    fn ancestors_and_names() {
        let a: Vec<&[u8]> = ancestors(b"a/b/c").collect();
        assert_eq!(a, vec![&b"a"[..], &b"a/b"[..]]);
        assert_eq!(parent(b"a/b/c"), b"a/b");
        assert_eq!(file_name(b"a/b/c"), b"c");
        assert_eq!(first_component(b"a/b/c"), b"a");
        assert_eq!(join(b"", b"x"), b"x");
        assert_eq!(join(b"top", b"x/y"), b"top/x/y");
    }

    #[test]
    fn collisions_fold_case_and_normalisation() {
        // "é" precomposed vs "e" + combining acute accent.
        assert_eq!(
            collision_key("caf\u{e9}".as_bytes()),
            collision_key("cafe\u{301}".as_bytes())
        );
        assert_eq!(collision_key(b"README"), collision_key(b"readme"));
        assert_ne!(collision_key(b"a"), collision_key(b"b"));
    }
}
