//! A checksum list read at its place in the bundle: every line becomes a [`Claim`] about a path
//! from the bundle's root.
//!
//! A list inside the bundle speaks for its own folder (`rel/SHA256SUMS` names `rel/…`). A list
//! handed over beside the bundle speaks for the bundle's root, or for its single top folder when
//! more of its lines name files there ([`base_beside`]). Paths are normalised; a line naming an
//! unsafe path (absolute, `..`, NUL, the root itself) is refused, never joined.

use super::checksums::ChecksumList;
use super::Claim;
use crate::i18n::Message;
use crate::{msg, paths};

/// A line that names no safe path: its path as written, its line number, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub path: Vec<u8>,
    pub line: usize,
    pub why: Message,
}

/// One line of a list: the path relative to the list's folder, and the claim about the path
/// from the bundle's root (or why none can be made).
pub type Line = (Vec<u8>, Result<Claim, Refused>);

/// The folder a list handed over beside the bundle speaks for: the bundle's single top folder
/// `root` when more of its lines name an entry there than at the bundle's root.
pub fn base_beside(
    list: &ChecksumList,
    root: Option<&[u8]>,
    exists: impl Fn(&[u8]) -> bool,
) -> Vec<u8> {
    let hits = |base: &[u8]| {
        list.entries
            .iter()
            .filter_map(|e| paths::normalize(&e.path).ok())
            .filter(|p| exists(&paths::join(base, p)))
            .count()
    };
    match root {
        Some(r) if hits(r) > hits(b"") => r.to_vec(),
        _ => Vec::new(),
    }
}

/// The list's lines as claims about paths under `base`; `carrier` identifies the list.
pub fn claims(list: &ChecksumList, carrier: usize, base: &[u8]) -> Vec<Line> {
    list.entries
        .iter()
        .map(|le| match paths::normalize(&le.path) {
            Ok(rel) if !rel.is_empty() => {
                let claim = Claim {
                    path: paths::join(base, &rel),
                    sha256: le.sha256,
                    carrier,
                    line: le.line,
                };
                (rel, Ok(claim))
            }
            other => {
                let why = other
                    .err()
                    .map_or_else(|| msg!("detail-path-root"), paths::PathError::message);
                let refused = Refused {
                    path: le.path.clone(),
                    line: le.line,
                    why,
                };
                (Vec::new(), Err(refused))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carriers::checksums;

    fn list(text: &str) -> ChecksumList {
        checksums::parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn lines_become_claims_under_the_lists_folder() {
        let h = "a".repeat(64);
        let l = list(&format!("{h}  ./x/y.txt\n{h}  ../up\n{h}  ./\n"));
        let lines = claims(&l, 3, b"rel");
        assert_eq!(lines[0].0, b"x/y.txt");
        let c = lines[0].1.as_ref().unwrap();
        assert_eq!(
            (c.path.as_slice(), c.carrier, c.line),
            (&b"rel/x/y.txt"[..], 3, 1)
        );
        assert_eq!(lines[1].1.as_ref().unwrap_err().line, 2);
        assert!(lines[2]
            .1
            .as_ref()
            .unwrap_err()
            .why
            .to_string()
            .contains("root"));
    }

    #[test]
    fn a_list_beside_the_bundle_speaks_for_where_its_files_are() {
        let h = "a".repeat(64);
        let l = list(&format!("{h}  a.txt\n{h}  bin/run.sh\n"));
        let inside_top = |p: &[u8]| p == b"top/a.txt" || p == b"top/bin/run.sh";
        assert_eq!(base_beside(&l, Some(b"top"), inside_top), b"top");
        assert_eq!(base_beside(&l, Some(b"top"), |p: &[u8]| p == b"a.txt"), b"");
        assert_eq!(base_beside(&l, None, inside_top), b"");
    }
}
