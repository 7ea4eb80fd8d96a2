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
        let mut problems: Vec<(usize, Code, String)> = Vec::new();
        for i in 0..self.entries.len() {
            let e = &self.entries[i];
            let shown = paths::display(&e.raw_path);
            let Some(path) = e.path.clone() else {
                let why = paths::normalize(&e.raw_path)
                    .err()
                    .map_or("unsafe", |w| w.describe());
                problems.push((
                    i,
                    Code::UnsafePath,
                    format!("{shown}: {why}; extracting it could write outside the target folder."),
                ));
                continue;
            };
            if e.raw_path.len() > max_path {
                problems.push((
                    i,
                    Code::LimitExceeded,
                    format!("{shown}: the path is longer than the limit of {max_path} bytes."),
                ));
            }
            if let Some(&j) = seen.get(&path) {
                let both_dirs =
                    e.kind == EntryKind::Directory && self.entries[j].kind == EntryKind::Directory;
                if !both_dirs {
                    let msg = format!(
                        "{shown} occurs more than once in the archive; extraction keeps the last copy, which may not be the one a checker looked at."
                    );
                    problems.push((i, Code::DuplicateEntry, msg));
                    problems.push((j, Code::DuplicateEntry, String::new()));
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
                        EntryKind::CharDevice => "character device",
                        EntryKind::BlockDevice => "block device",
                        EntryKind::Fifo => "FIFO (named pipe)",
                        _ => "special entry of an unsupported type",
                    };
                    problems.push((
                        i,
                        Code::SpecialFile,
                        format!("{shown} is a {what}; a bundle should hold only files, folders and links."),
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
                            format!(
                                "{shown} is a hard link to {}, which is not a file earlier in the bundle.",
                                paths::display(&target)
                            ),
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
                        format!(
                            "{shown} is a symbolic link that leads outside the bundle when followed as the file system follows it ({}).",
                            walk.describe()
                        ),
                    )),
                    tree::End::Loop => problems.push((
                        i,
                        Code::LinkEscape,
                        format!(
                            "{shown} is a symbolic link that never ends: more than {} links in a row ({}…).",
                            tree::MAX_LINKS,
                            walk.chain.iter().take(3).map(|(l, t)| format!("{} -> {}", paths::display(l), paths::display(t))).collect::<Vec<_>>().join(", ")
                        ),
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
        let mut verdicts: HashMap<&[u8], Option<(Code, String)>> = HashMap::new();
        let mut traversal: Vec<(usize, Code, String)> = Vec::new();
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
                        let how = if exact {
                            String::new()
                        } else {
                            format!(" on macOS or Windows, where {} and {opath} are one name", paths::display(anc))
                        };
                        if o.kind == EntryKind::Symlink {
                            worst = Some((Code::LinkTraversal, format!("lies under {opath}, which is a symbolic link{how}: extracting it would write wherever the link points.")));
                            break;
                        }
                        worst.get_or_insert((Code::UnsafePath, format!("lies under {opath}, which is not a folder but a {}{how}: GNU tar fails to extract it, bsdtar replaces {opath} with a folder.", archive::kind_name(o.kind))));
                    }
                    worst
                });
                if let Some((code, why)) = found {
                    traversal.push((i, *code, format!("{} {why}", paths::display(path))));
                    break;
                }
            }
        }
        problems.extend(traversal);
        self.collision_groups = by_key.into_values().filter(|g| g.len() > 1).collect();
        self.collision_groups.sort();
        for (i, code, message) in problems {
            self.entries[i].problem = true;
            if !message.is_empty() {
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
