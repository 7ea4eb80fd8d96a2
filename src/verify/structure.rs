//! The bundle as extraction writes it: unsafe paths, duplicates, special files, hard links,
//! symbolic links followed as the kernel follows them ([`super::tree`]), entries written through
//! links or files, and names that collide on macOS and Windows.

use super::*;

impl Run {
    pub(super) fn check_structure(&mut self) {
        // The root folder entry ("./") is not a member.
        self.entries.retain(|e| e.path.as_deref() != Some(&b""[..]));
        let max_path = self.limits().max_path_len;
        let mut seen: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut any_symlink = false;
        // (entry, code, sentence; `None` for the earlier copy of a duplicate, marked silently).
        let mut problems: Vec<(usize, Code, Option<Message>)> = Vec::new();
        for i in 0..self.entries.len() {
            let e = &self.entries[i];
            let shown = paths::display(&e.raw_path);
            let Some(path) = e.path.clone() else {
                let why = paths::normalize(&e.raw_path)
                    .err()
                    .map_or_else(|| msg!("detail-path-unsafe"), paths::PathError::message);
                problems.push((
                    i,
                    Code::UnsafePath,
                    Some(msg!("finding-unsafe-path", "path" => &shown, "detail" => why)),
                ));
                continue;
            };
            if e.raw_path.len() > max_path {
                problems.push((
                    i,
                    Code::LimitExceeded,
                    Some(msg!("finding-path-too-long", "path" => &shown, "limit" => max_path)),
                ));
            }
            if let Some(&j) = seen.get(&path) {
                let both_dirs =
                    e.kind == EntryKind::Directory && self.entries[j].kind == EntryKind::Directory;
                if !both_dirs {
                    let msg = if self.loose_bundle {
                        msg!("finding-duplicate-input", "path" => &shown)
                    } else {
                        msg!("finding-duplicate-entry", "path" => &shown)
                    };
                    problems.push((i, Code::DuplicateEntry, Some(msg)));
                    problems.push((j, Code::DuplicateEntry, None));
                }
            } else {
                seen.insert(path.clone(), i);
                by_key
                    .entry(paths::collision_key(&path))
                    .or_default()
                    .push(i);
            }
            match e.kind {
                EntryKind::CharDevice
                | EntryKind::BlockDevice
                | EntryKind::Fifo
                | EntryKind::Other => {
                    let what = match e.kind {
                        EntryKind::CharDevice => msg!("word-char-device"),
                        EntryKind::BlockDevice => msg!("word-block-device"),
                        EntryKind::Fifo => msg!("word-fifo-named-pipe"),
                        _ => msg!("word-special-entry"),
                    };
                    problems.push((
                        i,
                        Code::SpecialFile,
                        Some(msg!("finding-special-file", "path" => &shown, "kind" => what)),
                    ));
                }
                EntryKind::Symlink => any_symlink = true,
                EntryKind::Hardlink => {
                    let target = e.link_target.clone().unwrap_or_default();
                    let resolved = paths::normalize(&target)
                        .ok()
                        .and_then(|t| seen.get(&t).copied())
                        .filter(|&j| j != i && self.entries[j].kind == EntryKind::File);
                    match resolved {
                        Some(j) => {
                            let (sha, size) = (self.entries[j].sha256, self.entries[j].size);
                            self.entries[i].sha256 = sha;
                            self.entries[i].size = size;
                        }
                        None => problems.push((
                            i,
                            Code::LinkEscape,
                            Some(msg!(
                                "finding-hardlink-escape",
                                "path" => &shown,
                                "target" => paths::display(&target),
                            )),
                        )),
                    }
                }
                _ => {}
            }
        }
        // Symbolic links, followed as the kernel follows them once everything is extracted.
        if any_symlink {
            let tree = Tree::new(self.entries.iter().enumerate().filter_map(|(i, e)| {
                Some((i, e.path.as_deref()?, e.kind, e.link_target.as_deref()))
            }));
            let mut walks = Vec::new();
            for (i, e) in self.entries.iter().enumerate() {
                let (EntryKind::Symlink, Some(path)) = (e.kind, &e.path) else {
                    continue;
                };
                let walk = tree.resolve(path, true);
                let shown = paths::display(path);
                match walk.end {
                    tree::End::Outside => problems.push((
                        i,
                        Code::LinkEscape,
                        Some(msg!("finding-link-outside", "path" => &shown, "chain" => walk.describe())),
                    )),
                    tree::End::Loop => problems.push((
                        i,
                        Code::LinkEscape,
                        Some(msg!(
                            "finding-link-loop",
                            "path" => &shown,
                            "limit" => tree::MAX_LINKS,
                            "chain" => walk.chain.iter().take(3).map(|(l, t)| format!("{} -> {}", paths::display(l), paths::display(t))).collect::<Vec<_>>().join(", "),
                        )),
                    )),
                    _ => {}
                }
                walks.push((i, walk));
            }
            for (i, walk) in walks {
                self.entries[i].link = Some(walk);
            }
        }
        // Entries that extraction writes through something that is not a folder: a symbolic link
        // (the entry lands wherever it points), or a file (GNU tar fails, bsdtar replaces the
        // file). On macOS and Windows a name that differs only by case or normalisation is the
        // same name.
        // Per ancestor: the code and the sentence; its `path` (empty here) is set for each entry
        // under it.
        let mut verdicts: HashMap<&[u8], Option<(Code, Message)>> = HashMap::new();
        let mut traversal: Vec<(usize, Code, Option<Message>)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let Some(path) = &e.path else { continue };
            for anc in paths::ancestors(path) {
                let found = verdicts.entry(anc).or_insert_with(|| {
                    let same_name = by_key
                        .get(&paths::collision_key(anc))
                        .into_iter()
                        .flatten()
                        .map(|&j| &self.entries[j])
                        .filter(|o| o.kind != EntryKind::Directory);
                    let mut worst = None;
                    for o in same_name {
                        let opath = paths::display(o.path.as_deref().unwrap_or_default());
                        let exact = o.path.as_deref() == Some(anc);
                        let ancestor = paths::display(anc);
                        if o.kind == EntryKind::Symlink {
                            let m = if exact {
                                msg!("finding-under-link", "path" => "", "parent" => &opath)
                            } else {
                                msg!("finding-under-link-folded", "path" => "", "parent" => &opath, "ancestor" => &ancestor)
                            };
                            worst = Some((Code::LinkTraversal, m));
                            break;
                        }
                        let kind = archive::kind_word(o.kind);
                        let m = if exact {
                            msg!("finding-under-file", "path" => "", "parent" => &opath, "kind" => kind)
                        } else {
                            msg!("finding-under-file-folded", "path" => "", "parent" => &opath, "ancestor" => &ancestor, "kind" => kind)
                        };
                        worst.get_or_insert((Code::UnsafePath, m));
                    }
                    worst
                });
                if let Some((code, why)) = found {
                    let mut m = why.clone();
                    m.params.insert("path".into(), paths::display(path).into());
                    traversal.push((i, *code, Some(m)));
                    break;
                }
            }
        }
        problems.extend(traversal);
        self.collision_groups = by_key.into_values().filter(|g| g.len() > 1).collect();
        self.collision_groups.sort();
        for (i, code, message) in problems {
            self.entries[i].problem = true;
            if let Some(message) = message {
                let path = Some(paths::display(&self.entries[i].raw_path));
                self.finding(code, Severity::Problem, path, message);
            }
        }
        // The single top-level folder, if there is one.
        if !self.loose_bundle {
            let mut root: Option<&[u8]> = None;
            let mut single = !self.entries.is_empty();
            for e in &self.entries {
                let Some(p) = &e.path else { continue };
                let first = paths::first_component(p);
                let nested = p.len() > first.len() || e.kind == EntryKind::Directory;
                match root {
                    _ if !nested => single = false,
                    None => root = Some(first),
                    Some(r) if r != first => single = false,
                    _ => {}
                }
            }
            if let (true, Some(r), Some(b)) = (single, root, self.bundle.as_mut()) {
                b.root = Some(paths::display(r));
            }
        }
    }
}
