//! Step 4 of the plan, first half: the claims of the lists used for the verdict.
//!
//! When any list is signed by a trusted key, only signed lists speak; otherwise every readable
//! list does (and the verdict can be no better than "unsigned"). Each list's lines become claims
//! at the list's place ([`crate::carriers::lists`]). A list beside the bundle that names the
//! bundle file itself, or another input file, is a list of release artifacts: its lines about
//! input files are checked here, whole file against whole file, and it makes no claim about the
//! bundle's entries.

use super::*;
use crate::carriers::{lists, Claim};

/// What the lists used for the verdict say.
pub(super) struct Gathered {
    /// Claims about the bundle's entries, list by list, line by line.
    pub(super) claims: Vec<Claim>,
    /// Paths inside the bundle of the lists used (the signatures over them are added later).
    pub(super) meta_paths: Vec<Vec<u8>>,
    /// How many of the lists describe the bundle's content (rather than release artifacts).
    pub(super) content_lists: usize,
    /// A line names the bundle file itself, whatever its hash.
    pub(super) bundle_named: bool,
}

impl Run {
    /// The lists that decide: the signed ones when any is signed, else every readable one.
    pub(super) fn authoritative_lists(&mut self) -> Vec<usize> {
        let any_signed = self.lists.iter().any(|l| l.signed);
        for i in 0..self.lists.len() {
            if any_signed && !self.lists[i].signed && self.lists[i].parsed.is_some() {
                let name = self.lists[i].name.clone();
                self.finding(
                    Code::UnknownInput,
                    Severity::Warning,
                    Some(name.clone()),
                    msg!("finding-unsigned-list-ignored", "list" => &name),
                );
            }
        }
        (0..self.lists.len())
            .filter(|&i| self.lists[i].parsed.is_some() && (!any_signed || self.lists[i].signed))
            .collect()
    }

    pub(super) fn gather_claims(&mut self, authoritative: &[usize]) -> Gathered {
        let index: HashSet<Vec<u8>> = self.entries.iter().filter_map(|e| e.path.clone()).collect();
        let root = self.bundle.as_ref().and_then(|b| b.root.clone());
        let mut out = Gathered {
            claims: Vec::new(),
            meta_paths: Vec::new(),
            content_lists: 0,
            bundle_named: false,
        };
        for &li in authoritative {
            let lname = self.lists[li].name.clone();
            let list_in_bundle = self.lists[li].in_bundle.clone();
            let Some(list) = self.lists[li].parsed.clone() else {
                continue;
            };
            let base: Vec<u8> = match &list_in_bundle {
                Some(p) => {
                    out.meta_paths.push(p.clone());
                    paths::parent(p).to_vec()
                }
                None => lists::base_beside(&list, root.as_deref().map(str::as_bytes), |p| {
                    index.contains(p)
                }),
            };
            let names_input = |rel: &[u8], f: &FileRec| {
                f.name.as_bytes() == rel || paths::file_name(f.name.as_bytes()) == rel
            };
            // A list beside the bundle that names the bundle file itself (or another input file)
            // is a list of release artifacts, not of the bundle's content.
            let artifact_list = list_in_bundle.is_none()
                && !self.loose_bundle
                && list.entries.iter().any(|le| {
                    paths::normalize(&le.path)
                        .is_ok_and(|rel| self.files.iter().any(|f| names_input(&rel, f)))
                });
            if !artifact_list {
                out.content_lists += 1;
            }
            for (rel, line) in lists::claims(&list, li, &base) {
                let claim = match line {
                    Ok(claim) => claim,
                    Err(refused) => {
                        self.finding(
                            Code::UnsafePath,
                            Severity::Problem,
                            Some(paths::display(&refused.path)),
                            msg!(
                                "finding-list-unsafe-path",
                                "list" => &lname,
                                "line" => refused.line,
                                "detail" => refused.why,
                            ),
                        );
                        continue;
                    }
                };
                let in_bundle = index.contains(&claim.path);
                if artifact_list && in_bundle {
                    continue;
                }
                if !in_bundle && list_in_bundle.is_none() {
                    // A line naming a whole input file (e.g. the bundle itself).
                    if let Some(fi) = self.files.iter().position(|f| names_input(&rel, f)) {
                        let fname = self.files[fi].name.clone();
                        out.bundle_named |= self.is_whole_bundle(fi);
                        if self.files[fi].sha256 == claim.sha256 {
                            self.files[fi].vouched = true;
                            if self.is_whole_bundle(fi) {
                                self.bundle_listed_in.get_or_insert_with(|| lname.clone());
                            }
                            if self.lists[li].signed && self.is_whole_bundle(fi) {
                                self.authenticated_by.get_or_insert_with(
                                    || msg!("detail-by-signed-list", "list" => &lname),
                                );
                            }
                        } else {
                            self.finding(
                                Code::HashMismatch,
                                Severity::Problem,
                                Some(fname.clone()),
                                msg!(
                                    "finding-file-mismatch",
                                    "path" => &fname,
                                    "list" => &lname,
                                    "line" => claim.line,
                                    "expected" => hex32(&claim.sha256),
                                    "actual" => hex32(&self.files[fi].sha256),
                                ),
                            );
                        }
                        continue;
                    }
                }
                if artifact_list {
                    // A release's list of artifacts: lines for files not given are not ours.
                    continue;
                }
                out.claims.push(claim);
            }
        }
        out
    }
}
