//! Step 5 of the plan: judge and report: any problem fails; a trusted signature over everything
//! that matched verifies; matching hashes without a signature are only "unsigned".

use super::*;

impl Run {
    pub(super) fn into_report(self, bytes_read: u64) -> Report {
        let Run {
            findings,
            inputs,
            keys,
            sigs,
            lists,
            files,
            entries,
            bundle,
            authenticated_by,
            bundle_listed_in,
            images,
            go_modules,
            ..
        } = self;
        let problems = findings
            .iter()
            .filter(|f| f.severity == Severity::Problem)
            .count() as u64;
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count() as u64;
        let warnings = findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count() as u64;
        let count = |s: EntryStatus| entries.iter().filter(|e| e.status == s).count() as u64;
        let counts = Counts {
            entries: entries.len() as u64,
            ok: count(EntryStatus::Ok),
            mismatch: count(EntryStatus::Mismatch),
            missing: count(EntryStatus::Missing),
            extra: count(EntryStatus::Extra),
            problems,
            warnings,
        };
        let signed_list = lists.iter().find(|l| l.signed).map(|l| l.name.clone());
        let trusted_sig = sigs.iter().find(|s| s.status == SigStatus::Valid);
        let signer = trusted_sig.map(|s| s.sig.signer()).unwrap_or_default();
        let ok = counts.ok;
        // The reason: a catalogue message; one that quotes a finding names it by its index.
        let (verdict, reason) = if problems > 0 {
            let first = findings
                .iter()
                .position(|f| f.severity == Severity::Problem)
                .unwrap_or_default();
            let reason = if problems == 1 {
                msg!("reason-problem", "finding" => first)
            } else {
                msg!("reason-problems", "count" => problems, "finding" => first)
            };
            (Verdict::Failed, reason)
        } else if errors > 0 {
            let first = findings
                .iter()
                .position(|f| f.severity == Severity::Error)
                .unwrap_or_default();
            (Verdict::Error, msg!("reason-error", "finding" => first))
        } else if let Some(by) = authenticated_by {
            let bundle = bundle.as_ref().map_or("", |b| b.name.as_str());
            let reason = if ok > 0 {
                msg!("reason-verified-bundle-files", "bundle" => bundle, "by" => by, "count" => ok)
            } else {
                msg!("reason-verified-bundle", "bundle" => bundle, "by" => by)
            };
            (Verdict::Verified, reason)
        } else if let Some(unvouched) = entries.iter().find(|e| {
            signed_list.is_some()
                && matches!(e.kind, EntryKind::File | EntryKind::Hardlink)
                && e.status == EntryStatus::Unchecked
        }) {
            // Belt and braces: "verified" needs every file vouched for by a signed claim, or the
            // bundle file as a whole (above).
            (
                Verdict::Failed,
                msg!("reason-not-vouched", "path" => paths::display(&unvouched.raw_path)),
            )
        } else if let Some(list) = signed_list {
            (
                Verdict::Verified,
                msg!("reason-verified-list", "count" => ok, "list" => list, "key_id" => signer),
            )
        } else if lists.iter().any(|l| l.parsed.is_some()) {
            let reason = match (&bundle_listed_in, ok) {
                (Some(list), 0) => msg!("reason-unsigned-bundle", "list" => list),
                _ => msg!("reason-unsigned-list", "count" => ok),
            };
            (Verdict::Unsigned, reason)
        } else if !images.is_empty() {
            // Images whose own digests all agree, and nothing signed: intact, not vouched for.
            // Each is named by its tag and image ID (or, lacking both, its manifest's digest or
            // its folder and format: names, never words).
            let named = images
                .iter()
                .map(|i| match (i.tags.first(), &i.image_id) {
                    (Some(t), Some(id)) => format!("{t} ({id})"),
                    (Some(t), None) => t.clone(),
                    (None, Some(id)) => id.clone(),
                    (None, None) => i
                        .manifest_digest
                        .clone()
                        .unwrap_or_else(|| format!("{}/ ({})", i.root, i.format)),
                })
                .collect::<Vec<_>>()
                .join(", ");
            (
                Verdict::Unsigned,
                msg!("reason-unsigned-images", "count" => images.len(), "images" => named),
            )
        } else if go_modules
            .iter()
            .any(|m| m.status == report::ImageStatus::Ok)
        {
            let named = go_modules
                .iter()
                .take(5)
                .map(|m| format!("{} {}", m.path, m.version))
                .collect::<Vec<_>>()
                .join(", ");
            let reason = if go_modules.len() > 5 {
                msg!("reason-unsigned-modules-more", "modules" => named, "more" => go_modules.len() - 5)
            } else {
                msg!("reason-unsigned-modules", "modules" => named)
            };
            (Verdict::Unsigned, reason)
        } else {
            (Verdict::Error, msg!("reason-nothing"))
        };
        let key_rec = |ki: usize| &keys[ki];
        let signatures = sigs
            .iter()
            .map(|s| (s, s.sig.details(s.key.map(|k| &key_rec(k).key))))
            .map(|(s, details)| report::Signature {
                file: s.name.clone(),
                format: s.sig.format(),
                algorithm: s.sig.algorithm(),
                key_id: s.sig.signer(),
                covers: s.covers.map(|t| match t {
                    Target::List(li) => lists[li].name.clone(),
                    Target::File(fi) => files[fi].name.clone(),
                }),
                status: s.status,
                trusted: s.status == SigStatus::Valid,
                key_source: s.key.map(|k| key_rec(k).source),
                trusted_comment: s.trusted_comment.clone(),
                untrusted_comment: s.untrusted_comment.clone(),
                hash_algorithm: details.hash_algorithm,
                principal: details.principal,
                primary_fingerprint: details.primary_fingerprint,
                signing_key: details.signing_key,
                user_id: details.user_id,
                created: details.created,
            })
            .collect();
        let mut report = Report {
            schema: report::SCHEMA,
            tool: crate::TOOL.into(),
            verdict,
            reason: String::new(),
            reason_id: reason.id,
            reason_params: reason.params,
            findings,
            bundle,
            inputs,
            keys: keys
                .iter()
                .map(|k| report::Key {
                    key_id: k.key.id(),
                    format: k.key.format().into(),
                    source: k.source,
                    trusted: k.trusted,
                    origin: k.origin.clone(),
                    public_key: k.key.public_key(),
                    principals: k.key.principals(),
                    user_id: k.key.user_id(),
                })
                .collect(),
            signatures,
            lists: lists
                .iter()
                .map(|l| report::List {
                    file: l.name.clone(),
                    format: l.format.clone(),
                    lines: l.parsed.as_ref().map_or(0, |p| p.entries.len() as u64),
                    signed: l.signed,
                    sha256: hex32(&l.sha256),
                })
                .collect(),
            images,
            go_modules,
            entries: entries
                .into_iter()
                .map(|e| report::Entry {
                    path: paths::display(&e.raw_path),
                    kind: e.kind,
                    size: e.size,
                    mode: e.mode,
                    link_target: e.link_target.as_deref().map(paths::display),
                    expected: e.expected.as_ref().map(hex32),
                    actual: e.sha256.as_ref().map(hex32),
                    status: e.status,
                })
                .collect(),
            counts,
            bytes_read,
            elapsed_ms: 0,
        };
        report.reason = report.reason_in(crate::i18n::DEFAULT_LANG);
        report
    }
}
