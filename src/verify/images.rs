//! Step 4, beside the lists: container images in the bundle, checked by their own digests
//! ([`crate::carriers::images`]), once links are resolved (`manifest.json` paths are followed as
//! extraction would).
//!
//! How image digests meet the verdict: a digest an image carries is a claim nobody signed. A
//! disagreement fails the bundle (`blob-digest-mismatch`, `diff-id-mismatch`, …) whatever else
//! vouches for it; agreement never makes it "verified". An archive of consistent images with no
//! checksum list or signature is "unsigned", with the images named (instead of "error: nothing
//! to verify"); inside a bundle that a signed list covers, the list decides as always. Go module
//! caches ([`crate::carriers::gomod`]) are judged the same way.
//!
//! Pins ([`Options::expected_digests`], `--expect-digest`): a digest the reviewer got from a
//! trusted place (a deployment manifest) stands where a trusted key would. It pins every image it
//! names by its image ID (the config's digest), its manifest's digest or the digest of an index
//! above it, and vouches for what that chain of digests covers: the nested indexes, the manifest,
//! the config, and the layers (each by its blob name and descriptor, and decompressed by the
//! config's `diff_ids`, as the checker already verified). The layout files that hold no digest
//! of their own (`index.json`, `oci-layout`, `manifest.json`, `repositories`, and the legacy
//! `<id>/json` and `<id>/VERSION` of `docker save`) are accepted in a folder whose every image is
//! pinned: the checker read them strictly, and what loaders take from them beyond the digests and
//! paths it followed is names, which no digest covers (a warning says so, `not-pinned`). An
//! expected digest that names no image carried fails the bundle (`pin-mismatch`). With nothing
//! else signed, the bundle is "verified" only when every image carried is pinned and whole and
//! every file is covered; otherwise it stays "unsigned", naming the first thing not covered.
//! Beside a signed list, the list decides as always: a pin never weakens it, a mismatch fails.

use super::*;
use crate::carriers::gomod;
use crate::carriers::images::{self, Facts};

impl Run {
    pub(super) fn check_images(&mut self) {
        if self.image_watch.is_empty()
            && self.go_watch.is_empty()
            && self.go_sums.is_empty()
            && self.nested.is_empty()
        {
            return;
        }
        let facts: Vec<Facts> = self
            .entries
            .iter()
            .map(|e| Facts {
                path: e.path.as_deref(),
                kind: e.kind,
                size: e.size,
                sha256: e.sha256,
                leads_to: match e.link.as_ref().map(|w| w.end) {
                    Some(tree::End::Entry(j)) => Some(j),
                    _ => None,
                },
            })
            .collect();
        let out = images::check(&facts, &self.image_watch);
        let go = gomod::check(&facts, &self.go_watch, &self.go_sums);
        drop(facts);
        self.images = out.images;
        self.image_parts = out.parts;
        self.findings.extend(out.findings);
        self.image_vouched = out.vouched;
        self.go_modules = go.modules;
        self.findings.extend(go.findings);
        self.check_nested();
    }

    /// With no checksum list at all, the entries an image names by digest show that digest as
    /// expected, and whether it matched.
    pub(super) fn mark_image_entries(&mut self) {
        if !self.lists.is_empty() {
            return;
        }
        for &(i, digest, agrees) in &self.image_vouched {
            let e = &mut self.entries[i];
            if e.status == EntryStatus::Unchecked {
                e.expected = Some(digest);
                e.status = if agrees {
                    EntryStatus::Ok
                } else {
                    EntryStatus::Mismatch
                };
            }
        }
    }
}

/// What the expected digests vouch for, for the verdict.
pub(super) struct Pinned {
    /// How many images are pinned.
    pub(super) count: usize,
    /// The pinned images, each as its first tag and the digest that pins it.
    pub(super) images: String,
    /// The first thing of the bundle that no pin vouches for (an image, a file), if any.
    pub(super) uncovered: Option<Message>,
}

/// Names a layout folder holds beside its blobs that carry no digest of their own.
fn layout_file(root: &[u8], path: &[u8], docker: bool) -> bool {
    let dir = paths::parent(path);
    let name = paths::file_name(path);
    let under_root = |d: &[u8]| d == root;
    if under_root(dir) {
        return matches!(
            name,
            b"index.json" | b"oci-layout" | b"manifest.json" | b"repositories"
        );
    }
    // `docker save`'s legacy `<id>/json` and `<id>/VERSION`, which `docker load` never reads
    // when `manifest.json` is there (moby's `tarexport` falls back to them only without it).
    let id = paths::file_name(dir);
    docker
        && under_root(paths::parent(dir))
        && id.len() == 64
        && id
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        && matches!(name, b"json" | b"VERSION")
}

/// The expected digests without repeats, in the order given.
pub(super) fn distinct(pins: &[ExpectedDigest]) -> Vec<ExpectedDigest> {
    let mut out: Vec<ExpectedDigest> = Vec::new();
    for p in pins {
        if !out.contains(p) {
            out.push(*p);
        }
    }
    out
}

impl Run {
    /// Match the expected digests with the images, and find what they leave uncovered.
    pub(super) fn check_pins(&mut self) {
        if self.options.expected_digests.is_empty() {
            return;
        }
        let pins = distinct(&self.options.expected_digests);
        // An image is pinned when it is carried and a pin names it (its image ID and its
        // manifest's digest may both be given: each pins it).
        for (img, parts) in self.images.iter_mut().zip(&self.image_parts) {
            img.pinned = pins
                .iter()
                .filter(|p| parts.carried && parts.digests.contains(&p.0))
                .map(ToString::to_string)
                .collect();
        }
        // An expected digest that names no image carried fails the bundle.
        let mut carried: Vec<Message> = Vec::new();
        let mut seen: Vec<[u8; 32]> = Vec::new();
        for (img, parts) in self.images.iter().zip(&self.image_parts) {
            if !parts.carried {
                continue;
            }
            for d in &parts.digests {
                if seen.contains(d) {
                    continue;
                }
                seen.push(*d);
                let s = ExpectedDigest(*d).to_string();
                carried.push(if img.image_id.as_deref() == Some(&s) {
                    msg!("detail-carried-image-id", "digest" => s)
                } else if img.manifest_digest.as_deref() == Some(&s) {
                    msg!("detail-carried-manifest", "digest" => s)
                } else {
                    msg!("detail-carried-index", "digest" => s)
                });
            }
        }
        let carried = crate::i18n::join(carried);
        let mut mismatch = false;
        for p in &pins {
            if self
                .images
                .iter()
                .any(|i| i.pinned.contains(&p.to_string()))
            {
                continue;
            }
            let m = match &carried {
                Some(c) => {
                    msg!("finding-pin-mismatch", "expected" => p.to_string(), "carried" => c)
                }
                None => msg!("finding-pin-mismatch-no-image", "expected" => p.to_string()),
            };
            self.finding(Code::PinMismatch, Severity::Problem, None, m);
            mismatch = true;
        }
        if mismatch {
            // The bundle fails: what the other pins would cover no longer matters.
            return;
        }
        // What the pins cover: each pinned image's chain, and the layout files of a folder whose
        // every image is pinned.
        let mut covered: HashSet<(Option<usize>, usize)> = HashSet::new();
        let mut uncovered: Option<Message> = None;
        let mut names = Vec::new();
        let mut folders: BTreeMap<Vec<u8>, bool> = BTreeMap::new();
        let mut notes = Vec::new();
        for (img, parts) in self.images.iter().zip(&self.image_parts) {
            let all_pinned = folders.entry(parts.root.clone()).or_insert(true);
            let tag = img.tags.first().cloned();
            match (img.pinned.first(), parts.carried) {
                (Some(pin), _) => {
                    covered.extend(parts.entries.iter().map(|&i| (parts.scope, i)));
                    let name = match &tag {
                        Some(t) => format!("{t} ({pin})"),
                        None => pin.clone(),
                    };
                    if img.status != report::ImageStatus::Ok {
                        uncovered.get_or_insert_with(
                            || msg!("detail-pin-incomplete-image", "image" => &name),
                        );
                    }
                    names.push(name);
                    if !img.tags.is_empty() {
                        notes.push(msg!(
                            "finding-pinned-names",
                            "image" => pin,
                            "tags" => img.tags.join(", "),
                        ));
                    }
                }
                (None, true) => {
                    *all_pinned = false;
                    let name = match (&tag, &img.image_id) {
                        (Some(t), Some(id)) => format!("{t} ({id})"),
                        (Some(t), None) => t.clone(),
                        (None, Some(id)) => id.clone(),
                        (None, None) => img.manifest_digest.clone().unwrap_or_default(),
                    };
                    notes.push(msg!("finding-image-not-pinned", "image" => &name));
                    uncovered.get_or_insert_with(
                        || msg!("detail-pin-uncovered-image", "image" => &name),
                    );
                }
                // Named by an index, not in the archive: it carries nothing to vouch for.
                (None, false) => {}
            }
        }
        for note in notes {
            self.finding(Code::NotPinned, Severity::Warning, None, note);
        }
        let docker_roots: HashSet<Vec<u8>> = self
            .entries
            .iter()
            .filter_map(|e| e.path.as_deref())
            .filter(|p| paths::file_name(p) == b"manifest.json")
            .map(|p| paths::parent(p).to_vec())
            .chain(self.nested_docker_roots())
            .collect();
        let layout = |p: &[u8]| {
            folders
                .iter()
                .any(|(root, &all)| all && layout_file(root, p, docker_roots.contains(root)))
        };
        // An archive inside the bundle is covered when every file in it is.
        let whole = self.nested_covered(&covered, layout);
        let mut unvouched: Vec<String> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if !matches!(e.kind, EntryKind::File | EntryKind::Hardlink)
                || e.status == EntryStatus::Missing
                || covered.contains(&(None, i))
            {
                continue;
            }
            let vouched = e
                .path
                .as_deref()
                .is_some_and(|p| layout(p) || whole.contains(p));
            if !vouched {
                unvouched.push(paths::display(&e.raw_path));
            }
        }
        // Files handed over beside the archive that nothing else vouches for.
        if !self.loose_bundle {
            for (fi, f) in self.files.iter().enumerate() {
                if Some(fi) != self.bundle_file && !f.vouched && !self.is_used_go_sum(f) {
                    unvouched.push(f.name.clone());
                }
            }
        }
        if let Some(first) = unvouched.first().cloned() {
            let more = unvouched.len() - 1;
            let m = if more == 0 {
                msg!("finding-file-not-pinned", "path" => &first)
            } else {
                msg!("finding-files-not-pinned", "path" => &first, "more" => more)
            };
            self.finding(Code::NotPinned, Severity::Warning, Some(first.clone()), m);
            uncovered.get_or_insert_with(|| msg!("detail-pin-uncovered-file", "path" => first));
        }
        if !names.is_empty() {
            self.pinned = Some(Pinned {
                count: names.len(),
                images: names.join(", "),
                uncovered,
            });
        }
    }
}
