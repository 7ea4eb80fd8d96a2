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

use super::*;
use crate::carriers::gomod;
use crate::carriers::images::{self, Facts};

impl Run {
    pub(super) fn check_images(&mut self) {
        if self.image_watch.is_empty() && self.go_watch.is_empty() {
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
        let go = gomod::check(&facts, &self.go_watch);
        drop(facts);
        self.images = out.images;
        self.findings.extend(out.findings);
        self.image_vouched = out.vouched;
        self.go_modules = go.modules;
        self.findings.extend(go.findings);
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
