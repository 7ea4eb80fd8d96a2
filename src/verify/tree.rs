//! The bundle as extraction leaves it on disk, and paths resolved in it as the kernel resolves
//! them.
//!
//! A checksum list names paths; what a user opens after `tar -xf` is whatever the kernel finds
//! when it follows those paths through the symbolic links the archive created. Resolving a link
//! by its text alone is not enough: with `a/d -> ..`, the text `a/d/a/d/../../etc/passwd` stays
//! inside the folder, but the kernel climbs out of it. [`Tree::resolve`] walks a path one
//! component at a time, as `namei` does: a link met on the way (or at the end, when asked) is
//! replaced by its target, read relative to the folder that holds the link; `..` leaves the real
//! folder reached so far; climbing above the extraction folder, an absolute target, or more than
//! [`MAX_LINKS`] links ends the walk. Where a component names nothing in the bundle the walk goes on
//! by the text alone, so that a link which would escape once that folder exists is still caught.
//!
//! It models the final state (duplicate paths fail elsewhere) and touches no file system. Written
//! here because no crate resolves paths inside a virtual tree.

use std::collections::{HashMap, HashSet};

use crate::paths;
use crate::report::EntryKind;

/// Links followed before the walk gives up, as Linux's `MAXSYMLINKS`.
pub const MAX_LINKS: usize = 40;

/// One entry of the tree.
#[derive(Clone, Copy, Debug)]
struct Node<'a> {
    index: usize,
    kind: EntryKind,
    link_target: Option<&'a [u8]>,
}

/// The final paths of a bundle: entries by normalised path, and the folders their paths imply.
pub struct Tree<'a> {
    nodes: HashMap<&'a [u8], Node<'a>>,
    implied: HashSet<&'a [u8]>,
}

/// Where a walk ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// An entry (by index): a file, folder, device, or a link that was not followed.
    Entry(usize),
    /// A folder the bundle implies, or the extraction folder itself.
    Folder,
    /// Nothing in the bundle is there (a missing component, or a file used as a folder).
    Nothing,
    /// The walk leaves the extraction folder.
    Outside,
    /// More than [`MAX_LINKS`] links.
    Loop,
}

/// A finished walk: where it ended and each link followed on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Walk {
    pub end: End,
    /// The real path reached (meaningless when the walk ends outside).
    pub path: Vec<u8>,
    /// Each link followed: (its path, its target as stored).
    pub chain: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Walk {
    /// The chain for a message: `a -> x, x/b -> ../c`.
    pub fn describe(&self) -> String {
        self.chain
            .iter()
            .map(|(link, target)| format!("{} -> {}", paths::display(link), paths::display(target)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl<'a> Tree<'a> {
    /// A tree of `(index, normalised path, kind, link target)`; a later entry at the same path
    /// replaces an earlier one, as extraction does.
    pub fn new(
        entries: impl IntoIterator<Item = (usize, &'a [u8], EntryKind, Option<&'a [u8]>)>,
    ) -> Self {
        let mut nodes = HashMap::new();
        let mut implied = HashSet::new();
        for (index, path, kind, link_target) in entries {
            for a in paths::ancestors(path) {
                implied.insert(a);
            }
            nodes.insert(
                path,
                Node {
                    index,
                    kind,
                    link_target,
                },
            );
        }
        Tree { nodes, implied }
    }

    /// What is at a real (already resolved) path.
    fn at(&self, path: &[u8]) -> End {
        if path.is_empty() {
            return End::Folder;
        }
        match self.nodes.get(path) {
            Some(n) => End::Entry(n.index),
            None if self.implied.contains(path) => End::Folder,
            None => End::Nothing,
        }
    }

    /// Resolve a normalised path from the extraction folder. Links on the way are always followed;
    /// a link at the end only when `follow_last` (as `open` does, and `lstat` does not).
    pub fn resolve(&self, path: &[u8], follow_last: bool) -> Walk {
        // Components still to walk, last one first.
        let mut todo: Vec<Vec<u8>> = path
            .split(|&b| b == b'/')
            .rev()
            .map(<[u8]>::to_vec)
            .collect();
        let mut cur: Vec<u8> = Vec::new();
        let mut chain = Vec::new();
        let mut missing = false;
        let outside = |chain| Walk {
            end: End::Outside,
            path: Vec::new(),
            chain,
        };
        while let Some(comp) = todo.pop() {
            match &comp[..] {
                b"" | b"." => continue,
                b".." => {
                    if cur.is_empty() {
                        return outside(chain);
                    }
                    cur.truncate(paths::parent(&cur).len());
                    continue;
                }
                _ => {}
            }
            let next = paths::join(&cur, &comp);
            if missing {
                cur = next;
                continue;
            }
            let is_last = todo.iter().all(|c| c.is_empty() || c == b".");
            match self.nodes.get(&next[..]) {
                Some(n) if n.kind == EntryKind::Symlink && (!is_last || follow_last) => {
                    if chain.len() >= MAX_LINKS {
                        return Walk {
                            end: End::Loop,
                            path: next,
                            chain,
                        };
                    }
                    let target = n.link_target.unwrap_or_default();
                    chain.push((next, target.to_vec()));
                    if target.first() == Some(&b'/') {
                        return outside(chain);
                    }
                    if target.is_empty() {
                        missing = true;
                    }
                    todo.extend(target.split(|&b| b == b'/').rev().map(<[u8]>::to_vec));
                }
                Some(n) if !is_last && n.kind != EntryKind::Directory => {
                    // A file used as a folder: the kernel says ENOTDIR.
                    missing = true;
                    cur = next;
                }
                Some(_) => cur = next,
                None => {
                    missing = missing || !self.implied.contains(&next[..]);
                    cur = next;
                }
            }
        }
        let end = if missing { End::Nothing } else { self.at(&cur) };
        Walk {
            end,
            path: cur,
            chain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntryKind::*;

    fn tree<'a>(entries: &'a [(&'a str, EntryKind, &'a str)]) -> Tree<'a> {
        Tree::new(entries.iter().enumerate().map(|(i, (p, k, t))| {
            let target = (*k == Symlink).then_some(t.as_bytes());
            (i, p.as_bytes(), *k, target)
        }))
    }

    #[test]
    fn follows_links_through_folders_like_the_kernel() {
        // Issue 13, class 4: `a/d -> ..`, then a chain that stays inside by its text alone.
        let t = tree(&[
            ("a", Directory, ""),
            ("a/d", Symlink, ".."),
            ("passwd", Symlink, "a/d/a/d/../../etc/passwd"),
        ]);
        let w = t.resolve(b"passwd", true);
        assert_eq!(w.end, End::Outside, "{w:?}");
        assert_eq!(t.resolve(b"a/d", true).end, End::Folder);
        assert_eq!(t.resolve(b"a/d/a", true).end, End::Entry(0));
    }

    #[test]
    fn resolves_a_listed_link_to_the_real_file() {
        // Issue 14, item 1: by text `lnk/../c/install.sh` is `c/install.sh`; the kernel goes
        // through `lnk -> x/y` first, so `..` leaves `x`, not the bundle's root.
        let t = tree(&[
            ("rel/c/install.sh", File, ""),
            ("rel/install.sh", Symlink, "lnk/../c/install.sh"),
            ("rel/lnk", Symlink, "x/y"),
            ("rel/x/y", Directory, ""),
            ("rel/x/c/install.sh", Symlink, "../../SHA256SUMS.minisig"),
            ("rel/SHA256SUMS.minisig", File, ""),
        ]);
        let w = t.resolve(b"rel/install.sh", true);
        assert_eq!(w.end, End::Entry(5), "{w:?}");
        assert_eq!(w.path, b"rel/SHA256SUMS.minisig");
        assert_eq!(w.chain.len(), 3);
        assert!(w
            .describe()
            .starts_with("rel/install.sh -> lnk/../c/install.sh, rel/lnk -> x/y"));
    }

    #[test]
    fn escapes_loops_and_missing_targets() {
        let t = tree(&[
            ("abs", Symlink, "/etc/passwd"),
            ("up", Symlink, "../x"),
            ("l1", Symlink, "l2"),
            ("l2", Symlink, "l1"),
            ("dangling", Symlink, "nowhere/file"),
            ("via-missing", Symlink, "nodir/../../etc"),
            ("f", File, ""),
            ("through-file", Symlink, "f/x"),
            ("empty", Symlink, ""),
        ]);
        assert_eq!(t.resolve(b"abs", true).end, End::Outside);
        assert_eq!(t.resolve(b"up", true).end, End::Outside);
        assert_eq!(t.resolve(b"l1", true).end, End::Loop);
        assert_eq!(t.resolve(b"dangling", true).end, End::Nothing);
        assert_eq!(t.resolve(b"via-missing", true).end, End::Outside);
        assert_eq!(t.resolve(b"through-file", true).end, End::Nothing);
        assert_eq!(t.resolve(b"empty", true).end, End::Nothing);
        // Not following the last link: the link itself.
        assert_eq!(t.resolve(b"abs", false).end, End::Entry(0));
    }
}
