//! Tests of the skin over real browser files, in a dedicated worker (where the page runs it):
//! `wasm-pack test --headless --chrome`.
//!
//! They build `File` objects in the worker, read them through `FileReaderSync` slices, and call
//! the functions the page calls, with the values the page passes.

use std::io::Read;

use airlock::checksums;
use airlock::keys::SecretKey;
use airlock::minisign;
use airlock::verify::Source;
use airlock_wasm::source::{blob_source, BlobSlices, SlicedSource, SLICE};
use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::File;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn file(name: &str, bytes: &[u8]) -> File {
    let parts = Array::of1(&Uint8Array::from(bytes));
    File::new_with_u8_array_sequence(&parts, name).unwrap()
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

/// A run's outcome as the page gets it: JSON text in `ArrayBuffer` pieces, joined and parsed.
fn outcome(pieces: JsValue) -> JsValue {
    let mut text = Vec::new();
    for piece in Array::from(&pieces).iter() {
        assert!(piece.is_instance_of::<js_sys::ArrayBuffer>());
        text.extend(Uint8Array::new(&piece).to_vec());
    }
    js_sys::JSON::parse(std::str::from_utf8(&text).unwrap()).unwrap()
}

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    let mut v = v.clone();
    for k in path {
        v = Reflect::get(&v, &JsValue::from_str(k)).unwrap();
    }
    v
}

fn get_str(v: &JsValue, path: &[&str]) -> String {
    get(v, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path:?} is not a string"))
}

fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 31 + i / 4093) as u8).collect()
}

fn sha(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

fn read_all(src: &dyn Source, chunk: usize) -> Vec<u8> {
    let mut r = src.open().unwrap();
    let mut out = Vec::new();
    let mut buf = vec![0u8; chunk];
    loop {
        let n = r.read(&mut buf).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&buf[..n]);
    }
}

/// A progress callback that records its calls in `calls` (an array of `[done, total]`).
fn recorder() -> (Function, Array) {
    let calls = Array::new();
    let f = Function::new_with_args("done, total", "this.push([done, total])");
    (f.bind0(&calls), calls)
}

#[wasm_bindgen_test]
fn a_file_reads_back_exactly_across_the_real_slice_size() {
    // Two full slices and a ragged tail: every boundary the page meets on a large bundle.
    let data = pattern(2 * SLICE + 12_345);
    let src = blob_source("big.bin".into(), file("big.bin", &data).into());
    assert_eq!(src.len(), data.len() as u64);
    for chunk in [8 * 1024, 64 * 1024 + 3, SLICE, SLICE + 1, 3 * SLICE] {
        let got = read_all(&src, chunk);
        assert!(got == data, "chunk {chunk}: bytes differ");
    }
}

#[wasm_bindgen_test]
fn a_file_reads_back_exactly_in_small_slices() {
    let data = pattern(100_003);
    let blob: web_sys::Blob = file("x", &data).into();
    for slice in [1 << 10, 4093, 65_536, 100_003, 200_000] {
        let src = SlicedSource::with_slice("x".into(), BlobSlices::new(blob.clone()), slice);
        for chunk in [1000, 4093, 70_000] {
            assert!(read_all(&src, chunk) == data, "slice {slice} chunk {chunk}");
        }
    }
}

#[wasm_bindgen_test]
fn a_dropped_key_file_is_described() {
    let k = SecretKey::generate([3u8; 32], [9, 9, 9, 9, 1, 2, 3, 4]);
    let pubfile = file("release.pub", k.public_key().to_minisign_file().as_bytes());
    let d = airlock_wasm::describe_key_file(pubfile).ok().unwrap();
    assert_eq!(get_str(&d, &["key_id"]), k.public_key().id_hex());
    assert_eq!(get_str(&d, &["format"]), "minisign");
    let not_key = file("notes.txt", b"just some notes\n");
    assert!(airlock_wasm::describe_key_file(not_key)
        .ok()
        .unwrap()
        .is_null());
    // Large files are not read as keys at all.
    let big = file("big.bin", &pattern(100_000));
    assert!(airlock_wasm::describe_key_file(big).ok().unwrap().is_null());
}

/// A picked folder `rel/` as the page passes it: `{ folder: [{ path, file }] }`.
fn folder(members: &[(&str, &[u8])]) -> JsValue {
    let list = Array::new();
    for (path, bytes) in members {
        let name = path.rsplit('/').next().unwrap();
        list.push(&obj(&[
            ("path", JsValue::from_str(path)),
            ("file", file(name, bytes).into()),
        ]));
    }
    obj(&[("folder", list.into())])
}

#[wasm_bindgen_test]
fn a_signed_folder_verifies_with_a_session_key_file() {
    let k = SecretKey::generate([5u8; 32], [1, 1, 2, 3, 5, 8, 13, 21]);
    let big = pattern(SLICE + 999);
    let mut list = checksums::format_line(b"a.txt", &sha(b"alpha\n"));
    list.extend(checksums::format_line(b"data/big.bin", &sha(&big)));
    let sig = minisign::sign(&k, &mut &list[..], "file:SHA256SUMS", "test").unwrap();
    let inputs = Array::of1(&folder(&[
        ("rel/a.txt", b"alpha\n"),
        ("rel/data/big.bin", &big),
        ("rel/SHA256SUMS", &list),
        ("rel/SHA256SUMS.minisig", sig.as_bytes()),
    ]));
    let pubfile = file("release.pub", k.public_key().to_minisign_file().as_bytes());
    let trusted = Array::of1(&obj(&[
        ("source", JsValue::from_str("session")),
        ("origin", JsValue::from_str("release.pub")),
        ("file", pubfile.into()),
    ]));
    let (progress, calls) = recorder();
    let out = outcome(
        airlock_wasm::verify(inputs, trusted, "", &progress)
            .ok()
            .unwrap(),
    );

    assert_eq!(get_str(&out, &["report", "verdict"]), "verified");
    let sig0 = Reflect::get(&get(&out, &["report", "signatures"]), &0.into()).unwrap();
    assert_eq!(get_str(&sig0, &["key_source"]), "session");
    assert!(get(&out, &["sha256sums"]).is_null());
    // Progress: starts at 0, ends with everything read.
    assert!(calls.length() >= 2);
    let first: Array = calls.get(0).unchecked_into();
    let last: Array = calls.get(calls.length() - 1).unchecked_into();
    assert_eq!(first.get(0).as_f64(), Some(0.0));
    assert_eq!(last.get(0).as_f64(), last.get(1).as_f64());
    assert!(last.get(1).as_f64().unwrap() >= big.len() as f64);
}

#[wasm_bindgen_test]
fn a_folder_signed_by_another_key_fails_on_a_pinned_page() {
    let signer = SecretKey::generate([5u8; 32], [1, 1, 2, 3, 5, 8, 13, 21]);
    let pinned = SecretKey::generate([6u8; 32], [2, 7, 1, 8, 2, 8, 1, 8]);
    let list = checksums::format_line(b"a.txt", &sha(b"alpha\n"));
    let sig = minisign::sign(&signer, &mut &list[..], "file:SHA256SUMS", "test").unwrap();
    let inputs = Array::of1(&folder(&[
        ("rel/a.txt", b"alpha\n"),
        ("rel/SHA256SUMS", &list),
        ("rel/SHA256SUMS.minisig", sig.as_bytes()),
    ]));
    let trusted = Array::of1(&obj(&[
        ("source", JsValue::from_str("pinned")),
        ("origin", JsValue::from_str("release.pub")),
        (
            "text",
            JsValue::from_str(&pinned.public_key().to_minisign_file()),
        ),
    ]));
    let (progress, _) = recorder();
    let out = outcome(
        airlock_wasm::verify(inputs, trusted, "", &progress)
            .ok()
            .unwrap(),
    );
    assert_eq!(get_str(&out, &["report", "verdict"]), "failed");
    let codes: Vec<String> = Array::from(&get(&out, &["report", "findings"]))
        .iter()
        .map(|f| get_str(&f, &["code"]))
        .collect();
    assert!(codes.iter().any(|c| c == "untrusted-key"), "{codes:?}");
}

#[wasm_bindgen_test]
fn an_unlisted_folder_offers_its_hashes() {
    let inputs = Array::of1(&folder(&[("rel/a.txt", b"alpha\n"), ("rel/b", b"")]));
    let (progress, _) = recorder();
    let out = outcome(
        airlock_wasm::verify(inputs, Array::new(), "", &progress)
            .ok()
            .unwrap(),
    );
    assert_eq!(get_str(&out, &["report", "verdict"]), "error");
    let mut want = checksums::format_line(b"a.txt", &sha(b"alpha\n"));
    want.extend(checksums::format_line(b"b", &sha(b"")));
    assert_eq!(
        get_str(&out, &["sha256sums"]),
        String::from_utf8(want).unwrap()
    );
}

#[wasm_bindgen_test]
fn one_file_is_checked_against_a_pasted_hash() {
    let data = pattern(SLICE + 17);
    let (progress, _) = recorder();
    let good = outcome(
        airlock_wasm::check_one(
            file("image.iso", &data),
            &hex::encode(sha(&data)).to_uppercase(),
            Array::new(),
            &progress,
        )
        .ok()
        .unwrap(),
    );
    assert_eq!(get_str(&good, &["report", "verdict"]), "unsigned");
    let bad = outcome(
        airlock_wasm::check_one(
            file("image.iso", &data),
            &hex::encode(sha(b"something else")),
            Array::new(),
            &progress,
        )
        .ok()
        .unwrap(),
    );
    assert_eq!(get_str(&bad, &["report", "verdict"]), "failed");
    assert!(
        airlock_wasm::check_one(file("x", b"x"), "not a hash", Array::new(), &progress).is_err()
    );
}

#[wasm_bindgen_test]
fn inputs_that_are_neither_files_nor_folders_are_refused() {
    let (progress, _) = recorder();
    let inputs = Array::of1(&JsValue::from_str("bundle.tar.gz"));
    assert!(airlock_wasm::verify(inputs, Array::new(), "", &progress).is_err());
    let bad_key = Array::of1(&obj(&[
        ("source", JsValue::from_str("pinned")),
        ("origin", JsValue::from_str("broken.pub")),
        ("text", JsValue::from_str("RWbroken")),
    ]));
    assert!(airlock_wasm::verify(Array::new(), bad_key, "", &progress).is_err());
}

/// A signed tar.gz bundle as `airlock pack` lays it out, and a detached signature over the file.
fn signed_bundle(key: &SecretKey) -> (Vec<u8>, String) {
    use std::io::Write;
    let big = pattern(SLICE + 4321);
    let files: [(&str, &[u8]); 2] = [("rel/a.txt", b"alpha\n"), ("rel/data/big.bin", &big)];
    let mut sums = Vec::new();
    for (path, data) in files {
        sums.extend(checksums::format_line(&path.as_bytes()[4..], &sha(data)));
    }
    let sig = minisign::sign(key, &mut &sums[..], "file:SHA256SUMS", "test").unwrap();
    let mut tar = tar::Builder::new(Vec::new());
    for (path, data) in files.into_iter().chain([
        ("rel/SHA256SUMS", &sums[..]),
        ("rel/SHA256SUMS.minisig", sig.as_bytes()),
    ]) {
        let mut h = tar::Header::new_ustar();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        tar.append_data(&mut h, path, data).unwrap();
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar.into_inner().unwrap()).unwrap();
    let bytes = gz.finish().unwrap();
    let detached = minisign::sign(key, &mut &bytes[..], "file:b.tar.gz", "test").unwrap();
    (bytes, detached)
}

fn without_elapsed(outcome: &JsValue) -> String {
    let report = get(outcome, &["report"]);
    Reflect::set(
        &report,
        &JsValue::from_str("elapsed_ms"),
        &JsValue::from_f64(0.0),
    )
    .unwrap();
    js_sys::JSON::stringify(outcome).unwrap().into()
}

#[wasm_bindgen_test]
fn a_run_split_over_two_workers_reports_the_same_as_one_pass() {
    let k = SecretKey::generate([4u8; 32], [4, 4, 4, 4, 4, 4, 4, 4]);
    let (bytes, detached) = signed_bundle(&k);
    let inputs = || {
        Array::of2(
            &file("b.tar.gz", &bytes),
            &file("b.tar.gz.minisig", detached.as_bytes()),
        )
    };
    let trusted = || {
        Array::of1(&obj(&[
            ("source", JsValue::from_str("pinned")),
            ("origin", JsValue::from_str("release.pub")),
            (
                "text",
                JsValue::from_str(&k.public_key().to_minisign_file()),
            ),
        ]))
    };
    let (progress, _) = recorder();
    let whole = outcome(
        airlock_wasm::verify(inputs(), trusted(), "", &progress)
            .ok()
            .unwrap(),
    );
    assert_eq!(get_str(&whole, &["report", "verdict"]), "verified");

    // What the page does with two workers: the digest crosses as a plain JS value.
    let digest = airlock_wasm::digest(inputs(), trusted(), "", &progress)
        .ok()
        .unwrap();
    assert_eq!(get_str(&digest, &["sha256"]), hex::encode(sha(&bytes)));
    let digest: JsValue =
        js_sys::JSON::parse(&String::from(js_sys::JSON::stringify(&digest).unwrap())).unwrap();
    let mut scan = airlock_wasm::scan(inputs(), trusted(), "", &progress)
        .ok()
        .unwrap();
    assert!(scan.needs_digest());
    let split = outcome(scan.finish(digest).ok().unwrap());
    assert_eq!(without_elapsed(&split), without_elapsed(&whole));
    assert!(scan.finish(JsValue::NULL).is_err(), "a scan finishes once");

    // Without the digest the run is never verified.
    let mut scan = airlock_wasm::scan(inputs(), trusted(), "", &progress)
        .ok()
        .unwrap();
    let incomplete = outcome(scan.finish(JsValue::NULL).ok().unwrap());
    assert_ne!(get_str(&incomplete, &["report", "verdict"]), "verified");
}

#[wasm_bindgen_test]
fn a_folder_needs_no_digest() {
    let (progress, _) = recorder();
    let inputs = || Array::of1(&folder(&[("rel/a.txt", b"alpha\n")]));
    assert!(airlock_wasm::digest(inputs(), Array::new(), "", &progress)
        .ok()
        .unwrap()
        .is_null());
    let mut scan = airlock_wasm::scan(inputs(), Array::new(), "", &progress)
        .ok()
        .unwrap();
    assert!(!scan.needs_digest());
    let out = outcome(scan.finish(JsValue::NULL).ok().unwrap());
    assert_eq!(get_str(&out, &["report", "verdict"]), "error");
}
