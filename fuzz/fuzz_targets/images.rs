//! Container image archives: the image watch (which keeps `manifest.json`, `index.json`, OCI
//! manifests and configs, and asks for the decompressed digest of layers) and the image check
//! (strict JSON, descriptors, nested indexes, `docker save` paths through links, diff_ids), fed a
//! bundle given as files (see `files_common.rs`); and the layer decompression path (gzip, zstd),
//! which must not depend on read sizes. The same files then go through the whole plan as a tar,
//! which opens an image archive stored as one of them (`seed-archives-as-files`).
//! Seeds: `buildah` docker-archive and oci-archive images and the engine's image fixtures, cut
//! into files by `scripts/fuzz.sh`.
//!
//! Checked besides no panic, no hang, bounded memory: a blob whose name disagrees with its
//! digest always comes with a problem finding; an image judged intact has every layer intact; a
//! bundle with images and no trusted key is never `verified`.
#![no_main]

use airlock::carriers::images::{self, ImageWatch};
use airlock::report::{ImageStatus, Severity};
use libfuzzer_sys::fuzz_target;

#[path = "files_common.rs"]
mod files;

fuzz_target!(|data: &[u8]| {
    let fs = files::files(data);
    let mut watch = ImageWatch::new();
    let facts = files::feed(&fs, &mut watch);
    let out = images::check(&facts, &watch);
    let problems = out.findings.iter().any(|f| f.severity == Severity::Problem);
    if out.vouched.iter().any(|v| !v.2) {
        assert!(
            problems,
            "a blob disagrees with its name and no problem is reported"
        );
    }
    for image in &out.images {
        if image.status == ImageStatus::Ok {
            assert!(
                image.layers.iter().all(|l| l.status == ImageStatus::Ok),
                "an intact image with a layer that is not"
            );
        }
    }
    files::whole_plan(&fs);
});
