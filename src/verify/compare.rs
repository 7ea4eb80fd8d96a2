//! Step 4 of the plan: compare what the signed lists claim with what was seen: every entry is
//! matched, missing, extra, or a link judged by where it really leads; colliding names judged;
//! every input accounted for.

use super::*;

impl Run {
    pub(super) fn compare(&mut self) {
        let any_signed = self.lists.iter().any(|l| l.signed);
        let authoritative = self.authoritative_lists();
        let Gathered {
            claims,
            mut meta_paths,
            content_lists,
            bundle_named,
        } = self.gather_claims(&authoritative);
        let expected = self.expected_from(claims);
        // Signatures over the lists that were used are part of the bundle's metadata.
        for s in &self.sigs {
            if let (Some(p), Some(Target::List(li))) = (&s.in_bundle, s.covers) {
                if authoritative.contains(&li) {
                    meta_paths.push(p.clone());
                }
            }
        }
        // Lists of the bundle's content make unlisted entries "extra". A list of release
        // artifacts that names the bundle file with its hash vouches for it as a whole; one that
        // does not name it says nothing about its entries, which are then "extra" too. (One that
        // names it with another hash fails it as a whole.)
        let bundle_vouched = self.authenticated_by.is_some() || bundle_named;
        let have_lists = content_lists > 0 || (!authoritative.is_empty() && !bundle_vouched);
        let signed = any_signed;
        let mut expected = expected;
        let mut findings = Vec::new();
        let mut updates = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let Some(path) = &e.path else {
                updates.push((i, None, EntryStatus::Problem));
                continue;
            };
            let shown = paths::display(path);
            // Look up, don't remove: a path the archive holds twice must match twice.
            let exp = expected.get(path).copied();
            let is_meta = meta_paths.contains(path);
            let (actual, status) = match (e.kind, exp) {
                (EntryKind::File | EntryKind::Hardlink, Some((h, li, line))) => {
                    if e.sha256 == Some(h) {
                        (e.sha256, EntryStatus::Ok)
                    } else {
                        let lname = &self.lists[li].name;
                        let m = if signed {
                            msg!("finding-hash-mismatch-signed", "path" => &shown, "list" => lname, "line" => line)
                        } else {
                            msg!("finding-hash-mismatch", "path" => &shown, "list" => lname, "line" => line)
                        };
                        findings.push((Code::HashMismatch, Severity::Problem, shown.clone(), m));
                        (e.sha256, EntryStatus::Mismatch)
                    }
                }
                (EntryKind::Symlink, Some((h, li, line))) => {
                    // The listed name must open, through its links, a listed regular file of
                    // the bundle with the listed content, and not a list or signature file.
                    let walk = e.link.as_ref();
                    let target = match walk.map(|w| w.end) {
                        Some(tree::End::Entry(j)) => Some(j),
                        _ => None,
                    };
                    let t = target.map(|j| &self.entries[j]);
                    let tpath = t.and_then(|t| t.path.clone()).unwrap_or_default();
                    let tshown = paths::display(&tpath);
                    let why = match (walk.map(|w| w.end), t) {
                        (_, Some(t))
                            if !matches!(t.kind, EntryKind::File | EntryKind::Hardlink) =>
                        {
                            Some(msg!("detail-link-not-regular", "target" => &tshown))
                        }
                        (_, Some(_))
                            if meta_paths.contains(&tpath)
                                || self
                                    .lists
                                    .iter()
                                    .any(|l| l.in_bundle.as_ref() == Some(&tpath))
                                || self
                                    .sigs
                                    .iter()
                                    .any(|s| s.in_bundle.as_ref() == Some(&tpath)) =>
                        {
                            Some(msg!("detail-link-to-meta", "target" => &tshown))
                        }
                        (_, Some(_)) if expected.get(&tpath).map(|x| x.0) != Some(h) => {
                            Some(msg!("detail-link-not-listed", "target" => &tshown))
                        }
                        (_, Some(t)) if t.sha256 != Some(h) => {
                            Some(msg!("detail-link-content-differs", "target" => &tshown))
                        }
                        (_, Some(_)) => None,
                        (Some(tree::End::Folder), None) => Some(msg!("detail-link-to-folder")),
                        (Some(tree::End::Outside | tree::End::Loop), None) => {
                            Some(msg!("detail-link-outside"))
                        }
                        _ => Some(msg!("detail-link-to-nothing")),
                    };
                    match why {
                        None => (t.and_then(|t| t.sha256), EntryStatus::Ok),
                        Some(why) => {
                            let lname = &self.lists[li].name;
                            let chain = walk.map(tree::Walk::describe).unwrap_or_default();
                            findings.push((
                                Code::ListedLink,
                                Severity::Problem,
                                shown.clone(),
                                msg!(
                                    "finding-listed-link",
                                    "path" => &shown,
                                    "list" => lname,
                                    "line" => line,
                                    "chain" => chain,
                                    "detail" => why,
                                ),
                            ));
                            (t.and_then(|t| t.sha256), EntryStatus::Mismatch)
                        }
                    }
                }
                (_, Some((_, li, line))) => {
                    let lname = &self.lists[li].name;
                    findings.push((
                        Code::HashMismatch,
                        Severity::Problem,
                        shown.clone(),
                        msg!(
                            "finding-listed-not-file",
                            "path" => &shown,
                            "list" => lname,
                            "line" => line,
                        ),
                    ));
                    (None, EntryStatus::Mismatch)
                }
                (EntryKind::File | EntryKind::Hardlink, None) if is_meta => {
                    (e.sha256, EntryStatus::Meta)
                }
                (EntryKind::File | EntryKind::Hardlink, None) if have_lists => {
                    findings.push((
                        Code::Extra,
                        Severity::Problem,
                        shown.clone(),
                        if signed {
                            msg!("finding-extra-signed", "path" => &shown)
                        } else {
                            msg!("finding-extra", "path" => &shown)
                        },
                    ));
                    (e.sha256, EntryStatus::Extra)
                }
                (EntryKind::File | EntryKind::Hardlink, None) => (e.sha256, EntryStatus::Unchecked),
                (EntryKind::Symlink, None) => {
                    if !e.problem {
                        // Harmless when it leads to a listed file or a folder of the bundle; a
                        // name for a list or signature file, or for nothing, is not.
                        let end = e.link.as_ref().map(|w| w.end);
                        let target = match end {
                            Some(tree::End::Entry(j)) => self.entries[j].path.clone(),
                            _ => None,
                        };
                        let to_meta = target.as_ref().is_some_and(|t| {
                            self.lists.iter().any(|l| l.in_bundle.as_ref() == Some(t))
                                || self.sigs.iter().any(|s| s.in_bundle.as_ref() == Some(t))
                        });
                        let dangling = matches!(end, Some(tree::End::Nothing) | None);
                        let link_to = paths::display(e.link_target.as_deref().unwrap_or_default());
                        let (severity, message) = if to_meta && have_lists {
                            (
                                Severity::Problem,
                                msg!(
                                    "finding-unlisted-link-to-meta",
                                    "path" => &shown,
                                    "link_target" => &link_to,
                                    "target" => paths::display(target.as_deref().unwrap_or_default()),
                                ),
                            )
                        } else if dangling && have_lists {
                            (
                                Severity::Problem,
                                msg!("finding-unlisted-link-dangling", "path" => &shown, "link_target" => &link_to),
                            )
                        } else {
                            (
                                Severity::Warning,
                                msg!("finding-unlisted-link", "path" => &shown, "link_target" => &link_to),
                            )
                        };
                        findings.push((Code::UnlistedLink, severity, shown.clone(), message));
                        if severity == Severity::Problem {
                            updates.push((i, None, EntryStatus::Problem));
                            continue;
                        }
                    }
                    (None, EntryStatus::Structure)
                }
                (_, None) => (None, EntryStatus::Structure),
            };
            let status = if e.problem {
                EntryStatus::Problem
            } else {
                status
            };
            updates.push((i, exp.map(|x| x.0), status));
            let _ = actual;
        }
        for e in &self.entries {
            if let Some(p) = &e.path {
                expected.remove(p);
            }
        }
        for (i, exp, status) in updates {
            self.entries[i].expected = exp;
            self.entries[i].status = status;
        }
        for (code, severity, path, message) in findings {
            self.finding(code, severity, Some(path), message);
        }
        self.judge_collisions();
        // Every input is accounted for: a loose file handed over beside an archive must be named
        // by the list used, or covered by a trusted signature.
        if !self.loose_bundle && (!authoritative.is_empty() || !self.sigs.is_empty()) {
            for fi in 0..self.files.len() {
                let f = &self.files[fi];
                if Some(fi) == self.bundle_file || f.vouched || self.is_used_go_sum(f) {
                    continue;
                }
                let name = f.name.clone();
                // It stands in the way of "verified"; beside an unsigned list it is only noted.
                let severity = if any_signed || self.authenticated_by.is_some() {
                    Severity::Problem
                } else {
                    Severity::Warning
                };
                self.finding(
                    Code::Extra,
                    severity,
                    Some(name.clone()),
                    msg!("finding-extra-input", "path" => &name),
                );
            }
        }
        for (path, (h, li, line)) in expected {
            let shown = paths::display(&path);
            let lname = self.lists[li].name.clone();
            // Loose files: the reviewer picked which of the listed files to check.
            let severity = if self.loose_bundle {
                Severity::Warning
            } else {
                Severity::Problem
            };
            self.finding(
                Code::Missing,
                severity,
                Some(shown.clone()),
                msg!("finding-missing", "path" => &shown, "list" => &lname, "line" => line),
            );
            self.entries.push(Scanned {
                raw_path: path.clone(),
                path: Some(path),
                kind: EntryKind::File,
                size: 0,
                mode: None,
                link_target: None,
                sha256: None,
                problem: false,
                meta: false,
                expected: Some(h),
                status: EntryStatus::Missing,
                link: None,
            });
        }
        for e in &mut self.entries {
            e.meta = e.status == EntryStatus::Meta;
        }
        if self.lists.is_empty()
            && self.authenticated_by.is_none()
            && self.sigs.is_empty()
            && self.images.is_empty()
            && self.go_modules.is_empty()
        {
            let what = if self.entries.is_empty() && self.bundle.is_none() {
                msg!("finding-nothing-recognised")
            } else {
                msg!("finding-nothing-to-verify")
            };
            self.finding(Code::NothingToVerify, Severity::Error, None, what);
        }
    }

    /// What the claims expect, path by path: the first claim about a path decides; a second one
    /// from the same list is a duplicate line (same hash) or a conflict, one from another list a
    /// disagreement when the hashes differ.
    fn expected_from(&mut self, claims: Vec<Claim>) -> BTreeMap<Vec<u8>, ([u8; 32], usize, usize)> {
        let mut expected: BTreeMap<Vec<u8>, ([u8; 32], usize, usize)> = BTreeMap::new();
        for c in claims {
            let shown = paths::display(&c.path);
            let lname = self.lists[c.carrier].name.clone();
            match expected.get(&c.path) {
                Some(&(h, other, line)) if other == c.carrier => {
                    if h == c.sha256 {
                        self.finding(
                            Code::DuplicateListLine,
                            Severity::Warning,
                            Some(shown.clone()),
                            msg!("finding-duplicate-line", "list" => &lname, "path" => &shown, "line" => line, "other_line" => c.line),
                        );
                    } else {
                        self.finding(
                            Code::ConflictingList,
                            Severity::Problem,
                            Some(shown.clone()),
                            msg!("finding-conflicting-list", "list" => &lname, "path" => &shown, "line" => line, "other_line" => c.line),
                        );
                    }
                }
                Some(&(h, other, _)) => {
                    if h != c.sha256 {
                        let oname = self.lists[other].name.clone();
                        self.finding(
                            Code::ListDisagreement,
                            Severity::Problem,
                            Some(shown.clone()),
                            msg!("finding-list-disagreement", "other_list" => &oname, "list" => &lname, "path" => &shown),
                        );
                    }
                }
                None => {
                    expected.insert(c.path, (c.sha256, c.carrier, c.line));
                }
            }
        }
        expected
    }

    /// Names that collide on macOS or Windows. Two listed regular files that collide are both
    /// checked byte for byte: a warning. If either side is a link, a folder, or not vouched for,
    /// extraction there may let it replace a checked file: a problem.
    pub(super) fn judge_collisions(&mut self) {
        for group in std::mem::take(&mut self.collision_groups) {
            let describe = |e: &Scanned| -> Option<Message> {
                match e.kind {
                    EntryKind::Symlink => Some(msg!("word-is-symlink")),
                    EntryKind::Directory => Some(msg!("word-is-folder")),
                    EntryKind::File | EntryKind::Hardlink
                        if e.expected.is_some() || e.status == EntryStatus::Meta =>
                    {
                        None
                    }
                    EntryKind::File | EntryKind::Hardlink => Some(msg!("word-is-unlisted")),
                    _ => Some(msg!("word-is-special")),
                }
            };
            let shown =
                |i: usize| paths::display(self.entries[i].path.as_deref().unwrap_or_default());
            // "a, b and c": all but the last, and the last.
            let (last, rest) = group.split_last().expect("a group has two names or more");
            let first = rest
                .iter()
                .map(|&i| shown(i))
                .collect::<Vec<_>>()
                .join(", ");
            let last = shown(*last);
            let odd = group
                .iter()
                .find_map(|&i| describe(&self.entries[i]).map(|what| (i, what)));
            let (severity, message) = match odd {
                None => (
                    Severity::Warning,
                    msg!("finding-name-collision", "first" => &first, "last" => &last),
                ),
                Some((i, what)) => (
                    Severity::Problem,
                    msg!(
                        "finding-name-collision-unsafe",
                        "first" => &first,
                        "last" => &last,
                        "path" => shown(i),
                        "kind" => what,
                    ),
                ),
            };
            let path = shown(group[group.len() - 1]);
            self.finding(Code::NameCollision, severity, Some(path), message);
            if severity == Severity::Problem {
                for &i in &group {
                    self.entries[i].status = EntryStatus::Problem;
                }
            }
        }
    }
}
