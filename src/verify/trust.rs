//! Step 3 of the plan: decide trust: match each signature with what it covers (by name, then by
//! content) and with the keys that can check it; only trusted keys sign.

use super::*;

impl Run {
    /// True when file `fi` is the whole bundle: the archive, or the only loose file.
    pub(super) fn is_whole_bundle(&self, fi: usize) -> bool {
        Some(fi) == self.bundle_file || (self.loose_bundle && self.files.len() == 1)
    }

    /// The list or file a signature covers, by name first, then by content.
    pub(super) fn find_target(&self, si: usize) -> Option<Target> {
        if let Some(li) = self.lists.iter().position(|l| l.embedded_in == Some(si)) {
            return Some(Target::List(li));
        }
        let rec = &self.sigs[si];
        if let Some(path) = &rec.in_bundle {
            let target = strip_sig_suffix(path)?;
            return self
                .lists
                .iter()
                .position(|l| l.in_bundle.as_deref() == Some(target))
                .map(Target::List);
        }
        if let Some(target) = strip_sig_suffix(rec.name.as_bytes()) {
            let same = |n: &str| {
                n.as_bytes() == target || paths::file_name(n.as_bytes()) == paths::file_name(target)
            };
            if let Some(li) = self
                .lists
                .iter()
                .position(|l| l.in_bundle.is_none() && same(&l.name))
            {
                return Some(Target::List(li));
            }
            if let Some(fi) = self.files.iter().position(|f| same(&f.name)) {
                return Some(Target::File(fi));
            }
        }
        if let Some(fi) = self
            .files
            .iter()
            .position(|f| f.streamed.iter().any(|&(s, _, ok)| s == si && ok))
        {
            return Some(Target::File(fi));
        }
        // Unnamed: the list it verifies against, else the only list there is.
        let by_content = self.lists.iter().position(|l| {
            l.embedded_in.is_none()
                && self
                    .keys
                    .iter()
                    .any(|k| rec.sig.made_by(&k.key) && rec.sig.verify(&k.key, &l.bytes))
        });
        by_content.map(Target::List).or_else(|| {
            let plain: Vec<usize> = (0..self.lists.len())
                .filter(|&i| self.lists[i].embedded_in.is_none())
                .collect();
            (plain.len() == 1).then(|| Target::List(plain[0]))
        })
    }

    pub(super) fn check_signatures(&mut self) {
        for si in 0..self.sigs.len() {
            let target = self.find_target(si);
            let results: Vec<(usize, bool)> = match target {
                None => Vec::new(),
                Some(Target::File(fi)) => self.files[fi]
                    .streamed
                    .iter()
                    .filter(|&&(s, _, _)| s == si)
                    .map(|&(_, k, ok)| (k, ok))
                    .collect(),
                Some(Target::List(li)) => {
                    let rec = &self.sigs[si];
                    let message = match (rec.sig.embedded(), self.lists[li].embedded_in) {
                        (Some(embedded), Some(_)) => embedded,
                        _ => &self.lists[li].bytes[..],
                    };
                    self.keys
                        .iter()
                        .enumerate()
                        .filter(|(_, k)| rec.sig.made_by(&k.key))
                        .map(|(ki, k)| (ki, rec.sig.verify(&k.key, message)))
                        .collect()
                }
            };
            // A signature refused whatever the key (weak algorithm, wrong SSH namespace), or a
            // key that may not vouch with it (an allowed_signers line for other namespaces or
            // times), never verifies.
            let refused = self.sigs[si].sig.refused();
            let now = self.options.now;
            let key_refusal = |ki: usize| self.sigs[si].sig.key_refused(&self.keys[ki].key, now);
            let results: Vec<(usize, bool)> = results
                .into_iter()
                .map(|(ki, ok)| (ki, ok && refused.is_none() && key_refusal(ki).is_none()))
                .collect();
            let trusted = |ki: usize| self.keys[ki].trusted;
            let pick = |want_trusted: bool, want_ok: bool| {
                results
                    .iter()
                    .find(|&&(ki, ok)| trusted(ki) == want_trusted && ok == want_ok)
                    .map(|&(ki, _)| ki)
            };
            let (status, key) = if target.is_none() {
                (SigStatus::Unmatched, None)
            } else if refused.is_some() {
                (SigStatus::Invalid, pick(true, false).or(pick(false, false)))
            } else if let Some(k) = pick(true, true) {
                (SigStatus::Valid, Some(k))
            } else if let Some(k) = pick(true, false) {
                (SigStatus::Invalid, Some(k))
            } else if let Some(k) = pick(false, true) {
                (SigStatus::ValidUntrusted, Some(k))
            } else if let Some(k) = pick(false, false) {
                (SigStatus::Invalid, Some(k))
            } else {
                (SigStatus::UnknownKey, None)
            };
            let refusal = match (status, key) {
                (SigStatus::Invalid, _) if refused.is_some() => refused,
                (SigStatus::Invalid, Some(ki)) => key_refusal(ki),
                _ => None,
            };
            let rec = &mut self.sigs[si];
            rec.covers = target;
            rec.status = status;
            rec.key = key;
            let name = rec.name.clone();
            let id = rec.sig.signer();
            let covered = match target {
                Some(Target::List(li)) => self.lists[li].name.clone(),
                Some(Target::File(fi)) => self.files[fi].name.clone(),
                None => String::new(),
            };
            match (status, refusal) {
                (SigStatus::Valid, _) => match target {
                    Some(Target::List(li)) => self.lists[li].signed = true,
                    Some(Target::File(fi)) => {
                        self.files[fi].vouched = true;
                        if self.is_whole_bundle(fi) {
                            self.authenticated_by
                                .get_or_insert_with(|| msg!("detail-by-signature", "signature" => &name, "key_id" => &id));
                        }
                    }
                    None => {}
                },
                (SigStatus::Invalid, Some(why)) => self.finding(
                    Code::RefusedSignature,
                    Severity::Problem,
                    Some(name.clone()),
                    msg!(
                        "finding-refused-signature",
                        "signature" => &name,
                        "path" => &covered,
                        "key_id" => &id,
                        "detail" => why,
                    ),
                ),
                (SigStatus::Invalid, None) => self.finding(
                    Code::BadSignature,
                    Severity::Problem,
                    Some(name.clone()),
                    msg!("finding-bad-signature", "signature" => &name, "path" => &covered, "key_id" => &id),
                ),
                (SigStatus::ValidUntrusted, _) => {
                    let origin = self.keys[key.expect("key")].origin.clone();
                    self.finding(
                        Code::UntrustedKey,
                        Severity::Problem,
                        Some(name.clone()),
                        msg!("finding-untrusted-key", "path" => &covered, "key_id" => &id, "origin" => origin),
                    )
                }
                (SigStatus::UnknownKey, _) => self.finding(
                    Code::UntrustedKey,
                    Severity::Problem,
                    Some(name.clone()),
                    msg!("finding-unknown-key", "path" => &covered, "key_id" => &id),
                ),
                (SigStatus::Unmatched, _) => self.finding(
                    Code::UnmatchedSignature,
                    if self.sigs[si].in_bundle.is_some() {
                        Severity::Warning
                    } else {
                        Severity::Problem
                    },
                    Some(name.clone()),
                    msg!("finding-unmatched-signature", "signature" => &name),
                ),
            }
        }
    }

    /// A list whose bytes equal a signed list's is signed too only where a signature names it:
    /// OpenBSD ships `SHA256` beside `SHA256.sig`, which embeds the same bytes. Any other copy —
    /// in another folder, or under another name — is not a second authority: it vouches for
    /// nothing and is an unlisted file like any other.
    pub(super) fn propagate_signed_lists(&mut self) {
        let signed: Vec<[u8; 32]> = self
            .lists
            .iter()
            .filter(|l| l.signed)
            .map(|l| l.sha256)
            .collect();
        let named_by_sig = |l: &ListRec| {
            self.sigs
                .iter()
                .any(|s| match (&s.in_bundle, &l.in_bundle) {
                    (Some(sp), Some(lp)) => strip_sig_suffix(sp) == Some(&lp[..]),
                    (None, None) => strip_sig_suffix(s.name.as_bytes()).is_some_and(|t| {
                        paths::file_name(t) == paths::file_name(l.name.as_bytes())
                    }),
                    _ => false,
                })
        };
        let copies: Vec<usize> = (0..self.lists.len())
            .filter(|&i| {
                let l = &self.lists[i];
                !l.signed && signed.contains(&l.sha256) && named_by_sig(l)
            })
            .collect();
        for i in copies {
            self.lists[i].signed = true;
        }
    }
}
