//! Go module caches: the module zip reader (central directory checked against local headers,
//! store and deflate, CRC-32 and sizes), `go.sum` lines, `.ziphash` and `.mod` files, escaped
//! paths, extracted trees and dirhash `h1:`, through the Go watch and the module check, fed a
//! bundle given as files (see `files_common.rs`); then the whole plan as a tar.
//!
//! Every file's content is also read as a zip on its own, and whatever Airlock reads from a zip
//! the `zip` crate (an independent reader, also driven by the central directory) must read alike:
//! same names, same contents. Seeds: a module cache and go.sum made by `go mod download` from a
//! `file://` GOPROXY (offline), cut into files by `scripts/fuzz.sh`.
#![no_main]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use airlock::carriers::gomod::{self, GoWatch};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};

#[path = "files_common.rs"]
mod files;

/// The zip as the `zip` crate reads it: name → SHA-256 of the content.
fn other_reader(bytes: &[u8]) -> Option<BTreeMap<String, [u8; 32]>> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).ok()?;
        // The name's bytes (the crate decodes names without the UTF-8 flag as CP437; Go and
        // Airlock take the bytes as they are).
        let name = String::from_utf8(f.name_raw().to_vec()).ok()?;
        let mut v = Vec::new();
        f.read_to_end(&mut v).ok()?;
        out.insert(name, Sha256::digest(&v).into());
    }
    Some(out)
}

fn zip_agrees(bytes: &[u8]) {
    let Ok(ours) = gomod::zip_files(bytes) else {
        return;
    };
    let _ = gomod::hash1(&ours);
    let Some(theirs) = other_reader(bytes) else {
        return;
    };
    let ours: BTreeMap<String, [u8; 32]> = ours.into_iter().collect();
    assert_eq!(
        ours, theirs,
        "the zip crate reads other files from this zip"
    );
}

fuzz_target!(|data: &[u8]| {
    zip_agrees(data);
    let fs = files::files(data);
    for f in &fs {
        zip_agrees(f.content);
    }
    let mut watch = GoWatch::new();
    let facts = files::feed(&fs, &mut watch);
    let _ = gomod::check(&facts, &watch, &[]);
    files::whole_plan(&fs);
});
