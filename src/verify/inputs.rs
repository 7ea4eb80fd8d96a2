//! Step 1 of the plan: read and classify the inputs: lists, signatures and keys are read whole
//! (bounded by [`Limits::max_meta_size`]); keys and signatures given as inputs are known before the
//! bundle streams by, so that signatures over whole files are checked in the same pass.

use super::*;
use crate::carriers::gomod;

pub(super) fn read_head(src: &dyn Source, max: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(max.min(src.len() as usize));
    src.open()?.take(max as u64).read_to_end(&mut head)?;
    Ok(head)
}

impl Run {
    pub(super) fn read_inputs(&mut self, inputs: Vec<Input>, meter: &mut Meter) {
        let mut archives: Vec<(Box<dyn Source>, Role)> = Vec::new();
        let mut trees: Vec<(String, Vec<TreeMember>)> = Vec::new();
        let mut loose: Vec<(Box<dyn Source>, Role)> = Vec::new();
        // Loose inputs that read as a go.sum: (index in `loose`, index in `inputs`, head).
        let mut go_sums: Vec<(usize, usize, Vec<u8>)> = Vec::new();
        for input in inputs {
            match input {
                Input::Tree { name, members } => {
                    self.inputs.push(report::Input {
                        name: name.clone(),
                        role: "directory".into(),
                        size: members
                            .iter()
                            .filter_map(|m| m.source.as_ref().map(|s| s.len()))
                            .sum(),
                    });
                    trees.push((name, members));
                }
                Input::File(src) => {
                    let name = src.name().to_string();
                    let head = match read_head(src.as_ref(), classify::HEAD_LEN) {
                        Ok(h) => h,
                        Err(e) => {
                            self.unreadable(&name, &e);
                            continue;
                        }
                    };
                    let complete = head.len() as u64 >= src.len();
                    let role = classify::classify(&head, complete);
                    self.inputs.push(report::Input {
                        name: name.clone(),
                        role: role.as_str().into(),
                        size: src.len(),
                    });
                    if role.is_meta() {
                        let bytes = if complete {
                            Ok(head)
                        } else if src.len() > self.limits().max_meta_size {
                            self.meta_too_large(&name, role, src.len());
                            continue;
                        } else {
                            let mut v = Vec::new();
                            src.open()
                                .and_then(|mut r| r.read_to_end(&mut v))
                                .map(|_| v)
                        };
                        match bytes {
                            Ok(bytes) => {
                                let _ = meter.add(0);
                                self.metas.push(Meta {
                                    name,
                                    in_bundle: None,
                                    role,
                                    bytes,
                                })
                            }
                            Err(e) => self.unreadable(&name, &e),
                        }
                    } else if matches!(role, Role::Tar | Role::TarGz) {
                        archives.push((src, role));
                    } else {
                        if gomod::looks_like_go_sum(&head, complete) {
                            go_sums.push((loose.len(), self.inputs.len() - 1, head));
                        }
                        loose.push((src, role));
                    }
                }
            }
        }
        // Beside a bundle, a go.sum is also what its module cache is compared with (unsigned
        // evidence, as a go.sum inside it); it stays a loose file too, hashed, so that a list or
        // signature naming it still checks it. Beside no bundle, it is only a loose file.
        if !archives.is_empty() || !trees.is_empty() {
            for (li, ii, head) in go_sums {
                self.read_go_sum(loose[li].0.as_ref(), ii, head);
            }
        }
        // Keys and signatures given as inputs are known before the bundle streams by, so that
        // signatures over whole files can be checked in the same pass.
        self.take_metas();

        // Several archives beside a checksum list, a signature or an expected digest are release
        // files checked one by one (as `sha256sum -c` checks them), not bundles: each is hashed
        // whole and opened for the images and module caches it holds ([`super::nested`]).
        let evidence = !self.lists.is_empty()
            || !self.sigs.is_empty()
            || !self.options.expected_digests.is_empty();
        if trees.is_empty() && archives.len() > 1 && evidence {
            loose.append(&mut archives);
        }
        if archives.len() + trees.len() > 1 {
            self.finding(
                Code::UnknownInput,
                Severity::Error,
                None,
                msg!("finding-several-bundles"),
            );
            return;
        }
        if self.mode == Mode::DigestOnly {
            if let Some((src, role)) = archives.pop() {
                if let Some(fi) = self.hash_file(src.as_ref(), true, meter, None) {
                    self.bundle_file = Some(fi);
                    self.bundle = Some(report::Bundle {
                        name: src.name().to_string(),
                        format: if role == Role::TarGz { "tar.gz" } else { "tar" }.into(),
                        size: src.len(),
                        sha256: Some(hex32(&self.files[fi].sha256)),
                        root: None,
                    });
                }
            }
            return;
        }
        if let Some((src, role)) = archives.pop() {
            self.scan_archive(src, role, meter);
        } else if let Some((name, members)) = trees.pop() {
            self.scan_tree(name, members, meter);
        } else if !loose.is_empty() {
            self.loose_bundle = true;
            self.bundle = Some(report::Bundle {
                name: loose
                    .iter()
                    .map(|(s, _)| s.name())
                    .collect::<Vec<_>>()
                    .join(", "),
                format: "files".into(),
                size: loose.iter().map(|(s, _)| s.len()).sum(),
                sha256: None,
                root: None,
            });
        }
        if meter.cancelled {
            return;
        }
        let mut opener = nested::Opener::new(self.limits());
        for (src, role) in loose {
            let open = (self.loose_bundle && matches!(role, Role::Tar | Role::TarGz))
                .then_some((&mut opener, role));
            let idx = self.hash_file(src.as_ref(), false, meter, open);
            if meter.cancelled {
                return;
            }
            if let (true, Some(idx)) = (self.loose_bundle, idx) {
                let name = src.name().as_bytes().to_vec();
                self.entries.push(Scanned {
                    path: paths::normalize(&name).ok(),
                    raw_path: name,
                    kind: EntryKind::File,
                    size: src.len(),
                    mode: None,
                    link_target: None,
                    sha256: Some(self.files[idx].sha256),
                    problem: false,
                    meta: false,
                    expected: None,
                    status: EntryStatus::Unchecked,
                    link: None,
                });
            }
        }
        if self.loose_bundle {
            self.nested = opener.found;
        }
        self.take_metas();
        self.add_empty_lists();
    }

    /// True when loose file `f` is a go.sum given beside the bundle that the module check read
    /// (it is evidence, as a list beside the bundle is, not a file handed over to be vouched for).
    /// Told by its name and its bytes: two inputs named go.sum (from two folders) are two files.
    pub(super) fn is_used_go_sum(&self, f: &FileRec) -> bool {
        !self.go_modules.is_empty()
            && self.go_sums.iter().any(|(n, bytes)| {
                *n == f.name && <[u8; 32]>::from(Sha256::digest(bytes)) == f.sha256
            })
    }

    /// A go.sum given beside the bundle (input `ii`, whose first bytes are `head`): read whole.
    fn read_go_sum(&mut self, src: &dyn Source, ii: usize, head: Vec<u8>) {
        let name = src.name().to_string();
        self.inputs[ii].role = Role::GoSum.as_str().into();
        let bytes = if head.len() as u64 >= src.len() {
            Ok(head)
        } else if src.len() > self.limits().max_meta_size {
            return self.meta_too_large(&name, Role::GoSum, src.len());
        } else {
            let mut v = Vec::new();
            src.open()
                .and_then(|mut r| r.read_to_end(&mut v))
                .map(|_| v)
        };
        match bytes {
            Ok(bytes) => self.go_sums.push((name, bytes)),
            Err(e) => self.unreadable(&name, &e),
        }
    }

    /// An empty file cannot be recognised as a list by its content, but a signature named after
    /// it (`SHA256SUMS.minisig` beside an empty `SHA256SUMS`) says it is one: a signed empty list,
    /// which vouches for no file at all.
    pub(super) fn add_empty_lists(&mut self) {
        let empty: [u8; 32] = Sha256::digest(b"").into();
        let mut found = Vec::new();
        for rec in &self.sigs {
            if rec.sig.embedded().is_some() {
                continue;
            }
            let target = match &rec.in_bundle {
                Some(p) => strip_sig_suffix(p).map(<[u8]>::to_vec),
                None => strip_sig_suffix(rec.name.as_bytes()).map(<[u8]>::to_vec),
            };
            let Some(target) = target else { continue };
            let already = self
                .lists
                .iter()
                .any(|l| match (&l.in_bundle, &rec.in_bundle) {
                    (Some(p), Some(_)) => *p == target,
                    (None, None) => l.name.as_bytes() == target,
                    _ => false,
                });
            let is_empty = match &rec.in_bundle {
                Some(_) => self.entries.iter().any(|e| {
                    e.path.as_deref() == Some(&target[..])
                        && e.kind == EntryKind::File
                        && e.sha256 == Some(empty)
                }),
                None => self.files.iter().enumerate().any(|(fi, f)| {
                    Some(fi) != self.bundle_file && f.name.as_bytes() == target && f.sha256 == empty
                }),
            };
            if is_empty && !already && !found.iter().any(|(t, _)| *t == target) {
                found.push((target, rec.in_bundle.is_some()));
            }
        }
        for (target, in_bundle) in found {
            self.lists.push(ListRec {
                name: paths::display(&target),
                in_bundle: in_bundle.then(|| target.clone()),
                format: "gnu".into(),
                parsed: Some(ChecksumList {
                    format: checksums::ListFormat::Gnu,
                    entries: Vec::new(),
                }),
                bytes: Vec::new(),
                sha256: empty,
                signed: false,
                embedded_in: None,
            });
        }
    }

    pub(super) fn meta_too_large(&mut self, name: &str, role: Role, size: u64) {
        let max = self.limits().max_meta_size;
        self.finding(
            Code::LimitExceeded,
            Severity::Error,
            Some(name.to_string()),
            msg!("finding-meta-too-large", "path" => name, "role" => role.as_str(), "size" => size, "limit" => max),
        );
    }

    /// A list or signature found inside the bundle: read later, or reported as too large.
    pub(super) fn keep_meta(
        &mut self,
        path: Vec<u8>,
        role: Role,
        size: u64,
        bytes: Option<Vec<u8>>,
    ) {
        let name = paths::display(&path);
        match bytes {
            Some(bytes) => self.metas.push(Meta {
                name,
                in_bundle: Some(path),
                role,
                bytes,
            }),
            None => self.meta_too_large(&name, role, size),
        }
    }

    pub(super) fn unreadable(&mut self, name: &str, e: &io::Error) {
        self.finding(
            Code::Unreadable,
            Severity::Error,
            Some(name.to_string()),
            msg!("finding-unreadable", "path" => name, "detail" => Message::from_io(e)),
        );
    }

    /// Turn collected metas into keys, signatures and lists.
    pub(super) fn take_metas(&mut self) {
        for meta in std::mem::take(&mut self.metas) {
            match meta.role {
                Role::MinisignKey | Role::SignifyKey | Role::SshKey | Role::OpenPgpKey => {
                    match schemes::decode_keys(&meta.bytes) {
                        Ok(decoded) => {
                            for key in decoded.keys {
                                if !self.keys.iter().any(|k| k.key == key) {
                                    self.keys.push(KnownKey {
                                        key,
                                        source: KeySource::Input,
                                        origin: meta.name.clone(),
                                        trusted: false,
                                    });
                                }
                            }
                            for note in decoded.notes {
                                self.finding(
                                Code::UnknownInput,
                                Severity::Warning,
                                Some(meta.name.clone()),
                                msg!("finding-key-note", "path" => &meta.name, "detail" => note),
                            );
                            }
                        }
                        Err(e) => self.finding(
                            Code::MalformedKey,
                            Severity::Warning,
                            Some(meta.name.clone()),
                            msg!("finding-malformed-key", "path" => &meta.name, "detail" => e),
                        ),
                    }
                }
                Role::SecretKey => self.finding(
                    Code::UnknownInput,
                    Severity::Warning,
                    Some(meta.name.clone()),
                    msg!("finding-secret-key", "path" => &meta.name),
                ),
                Role::ChecksumList => self.add_list(meta.name, meta.in_bundle, &meta.bytes, None),
                Role::Tar | Role::TarGz | Role::File | Role::GoSum => {}
                // Every other role is a signature of some scheme ([`crate::schemes::SCHEMES`]).
                _ => match schemes::decode(meta.role, &meta.bytes) {
                    // A signature left unread could be a bad one: a file over the limit is not
                    // used at all.
                    Some(Ok(sigs)) if sigs.len() > schemes::MAX_SIGNATURES_PER_FILE => self
                        .finding(
                            Code::LimitExceeded,
                            Severity::Error,
                            Some(meta.name.clone()),
                            msg!("finding-too-many-signatures", "signature" => &meta.name, "limit" => schemes::MAX_SIGNATURES_PER_FILE),
                        ),
                    Some(Ok(sigs)) => {
                        // The signatures of one file share what they sign (a cleartext message's
                        // list is added once, for the first).
                        let group = self.sigs.len();
                        let embedded = sigs
                            .first()
                            .and_then(|s| s.embedded())
                            .map(<[u8]>::to_vec);
                        for sig in sigs {
                            self.add_sig(meta.name.clone(), meta.in_bundle.clone(), sig, group);
                        }
                        if let Some(message) = embedded {
                            self.add_list(meta.name, meta.in_bundle, &message, Some(group));
                        }
                    }
                    Some(Err(e)) => self.malformed_sig(&meta.name, &e),
                    None => {}
                },
            }
        }
    }

    pub(super) fn malformed_sig(&mut self, name: &str, e: &Message) {
        self.finding(
            Code::MalformedSignature,
            Severity::Problem,
            Some(name.to_string()),
            msg!("finding-malformed-signature", "path" => name, "detail" => e),
        );
    }

    pub(super) fn add_sig(
        &mut self,
        name: String,
        in_bundle: Option<Vec<u8>>,
        sig: Sig,
        group: usize,
    ) {
        let (untrusted_comment, trusted_comment) = (sig.untrusted_comment(), sig.trusted_comment());
        self.sigs.push(SigRec {
            name,
            in_bundle,
            sig,
            untrusted_comment,
            trusted_comment,
            covers: None,
            status: SigStatus::Unmatched,
            key: None,
            group,
        });
    }

    pub(super) fn add_list(
        &mut self,
        name: String,
        in_bundle: Option<Vec<u8>>,
        bytes: &[u8],
        embedded_in: Option<usize>,
    ) {
        let sha256: [u8; 32] = Sha256::digest(bytes).into();
        let parsed = match checksums::parse(bytes) {
            Ok(list) => Some(list),
            Err(e) => {
                self.finding(
                    Code::MalformedList,
                    Severity::Problem,
                    Some(name.clone()),
                    msg!("finding-malformed-list", "list" => &name, "detail" => e.message()),
                );
                None
            }
        };
        self.lists.push(ListRec {
            format: parsed
                .as_ref()
                .map_or("unreadable", |l| l.format.as_str())
                .to_string(),
            name,
            in_bundle,
            parsed,
            bytes: bytes.to_vec(),
            sha256,
            signed: false,
            embedded_in,
        });
    }
}
