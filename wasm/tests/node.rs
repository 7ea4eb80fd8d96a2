//! Tests of the skin that need no browser file API: `wasm-pack test --node`.
//!
//! They run the real engine over in-memory inputs shaped the way the page hands them over. The
//! report the skin hands to the page is compared with the real CLI's `airlock verify --json`
//! (built from the same sources with `cargo run`) on bundles made by the real tools
//! (`tests/fixtures/cli-json`).

use std::cell::Cell;
use std::io::Read;

use airlock::checksums;
use airlock::keys::SecretKey;
use airlock::minisign;
use airlock::report::{EntryKind, EntryStatus, KeySource, Report, Verdict};
use airlock::verify::{Input, KeyInput, MemorySource, NoProgress, Source};
use airlock_wasm::inputs::{
    describe_key, expected_digests, folder_input, key_input, pasted_list, sha256sums,
};
use airlock_wasm::source::{MemorySlices, SlicedSource, Slices};
use airlock_wasm::{run, run_pinned, to_js};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn mem(name: &str, bytes: &[u8]) -> Box<dyn Source> {
    Box::new(MemorySource {
        name: name.into(),
        bytes: bytes.to_vec(),
    })
}

fn sha(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

fn key() -> SecretKey {
    SecretKey::generate([7u8; 32], [1, 2, 3, 4, 5, 6, 7, 8])
}

fn other_key() -> SecretKey {
    SecretKey::generate([9u8; 32], [8, 7, 6, 5, 4, 3, 2, 1])
}

const A: &[u8] = b"alpha\n";
const B: &[u8] = b"bravo bravo\n";

/// The members of an unpacked release folder `rel/`, as a folder picker lists them, with a
/// `SHA256SUMS` over the payload and, when `signer` is given, its `.minisig`.
fn release(signer: Option<&SecretKey>, tamper: bool) -> Vec<(String, Box<dyn Source>)> {
    let mut list = checksums::format_line(b"a.txt", &sha(A));
    list.extend(checksums::format_line(b"sub/b.bin", &sha(B)));
    let b: &[u8] = if tamper { b"bravo bravO\n" } else { B };
    let mut files = vec![
        ("rel/a.txt".to_string(), mem("rel/a.txt", A)),
        ("rel/sub/b.bin".to_string(), mem("rel/sub/b.bin", b)),
    ];
    if let Some(k) = signer {
        let sig = minisign::sign(k, &mut &list[..], "file:SHA256SUMS", "test").unwrap();
        files.push((
            "rel/SHA256SUMS.minisig".to_string(),
            mem("rel/SHA256SUMS.minisig", sig.as_bytes()),
        ));
    }
    files.push(("rel/SHA256SUMS".to_string(), mem("rel/SHA256SUMS", &list)));
    files
}

fn session_key(k: &SecretKey) -> KeyInput {
    key_input(
        &k.public_key().to_minisign_file(),
        KeySource::Session,
        "release.pub".to_string(),
    )
    .unwrap()
}

fn verify_tree(files: Vec<(String, Box<dyn Source>)>, keys: Vec<KeyInput>) -> Report {
    let tree = folder_input(files).unwrap();
    run(vec![tree], keys, &mut NoProgress, &|| 0.0).report
}

// ------------------------------------------------------------------ slices

fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7 + i / 251) as u8).collect()
}

fn read_with(src: &dyn Source, chunk: usize) -> Vec<u8> {
    let mut r = src.open().unwrap();
    let mut out = Vec::new();
    let mut buf = vec![0u8; chunk];
    loop {
        let n = r.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    out
}

#[wasm_bindgen_test]
fn sliced_source_reads_every_byte_across_slice_boundaries() {
    let data = pattern(10_007);
    for slice in [1, 2, 3, 64, 1000, 4096, 10_006, 10_007, 10_008, 1 << 20] {
        let src = SlicedSource::with_slice("x".into(), MemorySlices(data.clone()), slice);
        for chunk in [1, 5, 63, 64, 65, 999, 1000, 1001, 8192, 20_000] {
            assert_eq!(read_with(&src, chunk), data, "slice {slice}, chunk {chunk}");
        }
    }
}

#[wasm_bindgen_test]
fn sliced_source_restarts_on_each_open() {
    let data = pattern(5000);
    let src = SlicedSource::with_slice("x".into(), MemorySlices(data.clone()), 512);
    let mut head = [0u8; 100];
    src.open().unwrap().read_exact(&mut head).unwrap();
    assert_eq!(&head[..], &data[..100]);
    let mut all = Vec::new();
    src.open().unwrap().read_to_end(&mut all).unwrap();
    assert_eq!(all, data);
    assert_eq!(src.len(), 5000);
    assert_eq!(src.name(), "x");
}

#[wasm_bindgen_test]
fn sliced_source_of_an_empty_file_reads_nothing() {
    let src = SlicedSource::with_slice("e".into(), MemorySlices(Vec::new()), 16);
    assert!(src.is_empty());
    let mut all = Vec::new();
    assert_eq!(src.open().unwrap().read_to_end(&mut all).unwrap(), 0);
}

struct Failing;
impl Slices for Failing {
    fn size(&self) -> u64 {
        100
    }
    fn read_at(&self, _: u64, _: &mut [u8]) -> std::io::Result<()> {
        Err(std::io::Error::other("gone"))
    }
}

#[wasm_bindgen_test]
fn read_errors_reach_the_engine_as_unreadable() {
    let src = SlicedSource::with_slice("f".into(), Failing, 16);
    let mut all = Vec::new();
    let err = src.open().unwrap().read_to_end(&mut all).unwrap_err();
    assert_eq!(err.to_string(), "gone");

    let out = run(
        vec![Input::File(Box::new(SlicedSource::with_slice(
            "bundle.tar.gz".into(),
            Failing,
            16,
        )))],
        Vec::new(),
        &mut NoProgress,
        &|| 0.0,
    );
    assert_eq!(out.report.verdict, Verdict::Error);
    assert!(
        out.report
            .findings
            .iter()
            .any(|f| f.code == airlock::report::Code::Unreadable),
        "{:?}",
        out.report.findings
    );
}

// ------------------------------------------------------------------ folders

#[wasm_bindgen_test]
fn folder_input_strips_the_folder_name_and_adds_the_folders_between() {
    let files = vec![
        ("rel/sub/deeper/c".to_string(), mem("c", b"c")),
        ("rel/a.txt".to_string(), mem("a", b"a")),
        ("rel/sub/b.bin".to_string(), mem("b", b"b")),
    ];
    let Input::Tree { name, members } = folder_input(files).unwrap() else {
        panic!("not a tree");
    };
    assert_eq!(name, "rel");
    let listed: Vec<(String, EntryKind, bool)> = members
        .iter()
        .map(|m| {
            (
                String::from_utf8(m.path.clone()).unwrap(),
                m.kind,
                m.source.is_some(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![
            ("a.txt".to_string(), EntryKind::File, true),
            ("sub".to_string(), EntryKind::Directory, false),
            ("sub/b.bin".to_string(), EntryKind::File, true),
            ("sub/deeper".to_string(), EntryKind::Directory, false),
            ("sub/deeper/c".to_string(), EntryKind::File, true),
        ]
    );
}

#[wasm_bindgen_test]
fn folder_input_refuses_what_is_not_one_folder() {
    assert!(folder_input(Vec::new()).is_err());
    let loose = vec![("a.txt".to_string(), mem("a", b"a"))];
    assert!(folder_input(loose).is_err());
    let two = vec![
        ("one/a".to_string(), mem("a", b"a")),
        ("two/b".to_string(), mem("b", b"b")),
    ];
    let err = folder_input(two).err().unwrap();
    assert!(err.to_string().contains("one folder at a time"), "{err}");
}

#[wasm_bindgen_test]
fn signed_folder_verifies_with_a_session_key_and_says_so() {
    let k = key();
    let report = verify_tree(release(Some(&k), false), vec![session_key(&k)]);
    assert_eq!(report.verdict, Verdict::Verified, "{}", report.reason);
    let sig = &report.signatures[0];
    assert!(sig.trusted);
    assert_eq!(sig.key_source, Some(KeySource::Session));
    assert_eq!(sig.key_id, k.public_key().id_hex());
    let ok: Vec<&str> = report
        .entries
        .iter()
        .filter(|e| e.status == EntryStatus::Ok)
        .map(|e| e.path.as_str())
        .collect();
    assert_eq!(ok, vec!["a.txt", "sub/b.bin"]);
}

#[wasm_bindgen_test]
fn signed_folder_with_no_trusted_key_is_not_verified() {
    let k = key();
    let report = verify_tree(release(Some(&k), false), Vec::new());
    assert_ne!(report.verdict, Verdict::Verified);
    let report = verify_tree(release(Some(&k), false), vec![session_key(&other_key())]);
    assert_ne!(report.verdict, Verdict::Verified);
}

#[wasm_bindgen_test]
fn tampered_folder_fails_with_a_hash_mismatch() {
    let k = key();
    let report = verify_tree(release(Some(&k), true), vec![session_key(&k)]);
    assert_eq!(report.verdict, Verdict::Failed);
    let bad: Vec<&str> = report
        .entries
        .iter()
        .filter(|e| e.status == EntryStatus::Mismatch)
        .map(|e| e.path.as_str())
        .collect();
    assert_eq!(bad, vec!["sub/b.bin"]);
}

// ------------------------------------------------------------------ keys

#[wasm_bindgen_test]
fn describe_key_names_a_real_key_and_nothing_else() {
    let k = key();
    let file = k.public_key().to_minisign_file();
    let d = describe_key(&file).expect("a minisign key file");
    assert_eq!(d.key_id, k.public_key().id_hex());
    assert_eq!(d.format, "minisign");
    assert_eq!(d.public_key, k.public_key().to_base64());
    // The bare key string, as a release page prints it.
    assert_eq!(describe_key(&d.public_key).unwrap().key_id, d.key_id);
    assert!(describe_key("hello").is_none());
    assert!(describe_key("untrusted comment: x\nRWQ").is_none());
}

#[wasm_bindgen_test]
fn a_bad_pinned_key_is_an_error_naming_it() {
    let err = key_input("RWnonsense", KeySource::Pinned, "release.pub".into())
        .err()
        .unwrap();
    assert!(err.to_string().contains("release.pub"), "{err}");
}

// ------------------------------------------------------------------ one file, pasted hash

#[wasm_bindgen_test]
fn pasted_hashes_become_a_one_line_list() {
    let digest = sha(A);
    let hex = hex::encode(digest);
    let want = checksums::format_line(b"a.txt", &digest);
    for pasted in [
        hex.clone(),
        hex.to_uppercase(),
        format!("  {hex}\n"),
        format!("{hex}  a.txt"),
        format!("{hex} *a.txt"),
    ] {
        let list = pasted_list("a.txt", &pasted).unwrap();
        assert_eq!(list.bytes, want, "{pasted:?}");
    }
    for junk in [
        "",
        "abc",
        &hex[..63],
        &format!("{hex}0"),
        &hex.replace('a', "g"),
    ] {
        assert!(pasted_list("a.txt", junk).is_err(), "{junk:?}");
    }
}

#[wasm_bindgen_test]
fn one_file_against_a_pasted_hash_is_judged_by_the_engine() {
    let check = |pasted: &str| {
        let list = pasted_list("a.txt", pasted).unwrap();
        run(
            vec![Input::File(mem("a.txt", A)), Input::File(Box::new(list))],
            Vec::new(),
            &mut NoProgress,
            &|| 0.0,
        )
        .report
    };
    let good = check(&hex::encode(sha(A)));
    assert_eq!(good.verdict, Verdict::Unsigned, "{}", good.reason);
    let bad = check(&hex::encode(sha(B)));
    assert_eq!(bad.verdict, Verdict::Failed, "{}", bad.reason);
    assert!(bad
        .entries
        .iter()
        .any(|e| e.path == "a.txt" && e.status == EntryStatus::Mismatch));
}

// ------------------------------------------------------------------ SHA256SUMS from a report

#[wasm_bindgen_test]
fn hashes_of_an_unlisted_folder_can_be_saved_and_checked_again() {
    let payload = || {
        vec![
            ("rel/a.txt".to_string(), mem("rel/a.txt", A)),
            ("rel/sub/b.bin".to_string(), mem("rel/sub/b.bin", B)),
        ]
    };
    let first = run(
        vec![folder_input(payload()).unwrap()],
        Vec::new(),
        &mut NoProgress,
        &|| 0.0,
    );
    assert_eq!(first.report.verdict, Verdict::Error);
    let sums = first
        .sha256sums
        .expect("hashes offered when there is no list");
    let mut want = checksums::format_line(b"a.txt", &sha(A));
    want.extend(checksums::format_line(b"sub/b.bin", &sha(B)));
    assert_eq!(sums.as_bytes(), &want[..]);

    // The saved file, put back in the folder, makes it check out (unsigned: no signature).
    let mut again = payload();
    again.push((
        "rel/SHA256SUMS".to_string(),
        mem("rel/SHA256SUMS", sums.as_bytes()),
    ));
    let second = run(
        vec![folder_input(again).unwrap()],
        Vec::new(),
        &mut NoProgress,
        &|| 0.0,
    );
    assert_eq!(
        second.report.verdict,
        Verdict::Unsigned,
        "{}",
        second.report.reason
    );
    assert!(
        second.sha256sums.is_none(),
        "not offered when a list was used"
    );
    assert!(sha256sums(&second.report).is_none());
}

// ------------------------------------------------------------------ report to JS

#[wasm_bindgen_test]
fn elapsed_time_comes_from_the_skins_clock() {
    let t = Cell::new(1000.0);
    let clock = || {
        let v = t.get();
        t.set(v + 250.4);
        v
    };
    let out = run(
        vec![folder_input(release(None, false)).unwrap()],
        Vec::new(),
        &mut NoProgress,
        &clock,
    );
    assert_eq!(out.report.elapsed_ms, 250);
}

// The real CLI, run from Node (`child_process.spawnSync`): the wasm skin's report must be the
// JSON document `airlock verify --json` prints for the same bytes, not merely what its own
// serializer writes.
#[wasm_bindgen(module = "child_process")]
extern "C" {
    #[wasm_bindgen(js_name = spawnSync)]
    fn spawn_sync(command: &str, args: &js_sys::Array, options: &JsValue) -> JsValue;
}

/// The repository, as seen when this test was compiled.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// Bundles made by real minisign, GNU tar and gzip (see make.sh there).
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/cli-json");

fn js_get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// `airlock ARGS...` run with cwd `FIXTURES` through `cargo run` on the workspace, so the CLI is
/// built from the same sources as this test. Returns the exit status and standard output.
fn real_cli(args: &[&str]) -> (i32, String) {
    let argv = js_sys::Array::new();
    for a in [
        "run",
        "--quiet",
        "--manifest-path",
        &format!("{ROOT}/Cargo.toml"),
        "--bin",
        "airlock",
        "--",
    ]
    .iter()
    .chain(args)
    {
        argv.push(&JsValue::from_str(a));
    }
    let options = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        js_sys::Reflect::set(&options, &JsValue::from_str(k), &v).unwrap();
    };
    set("cwd", JsValue::from_str(FIXTURES));
    set("encoding", JsValue::from_str("utf8"));
    set("maxBuffer", JsValue::from_f64((64 << 20) as f64));
    // Building the CLI may take minutes on a busy machine.
    set("timeout", JsValue::from_f64(1_800_000.0));
    let out = spawn_sync("cargo", &argv, &options);
    let error = js_get(&out, "error");
    assert!(
        error.is_undefined() || error.is_null(),
        "cannot run cargo: {error:?}"
    );
    let stderr = js_get(&out, "stderr").as_string().unwrap_or_default();
    let status = js_get(&out, "status")
        .as_f64()
        .unwrap_or_else(|| panic!("cargo run ended by a signal; stderr:\n{stderr}"));
    assert!(
        !stderr.contains("panicked") && !stderr.contains("error["),
        "cargo run airlock {args:?}:\n{stderr}"
    );
    let stdout = js_get(&out, "stdout").as_string().unwrap_or_default();
    (status as i32, stdout)
}

/// Wall-clock time is the one field that differs between two runs.
fn without_time(mut v: serde_json::Value) -> serde_json::Value {
    v["elapsed_ms"] = 0.into();
    v
}

/// Assert two reports are the same document; on failure name the top-level fields that differ.
fn assert_same_report(ours: serde_json::Value, cli: serde_json::Value, what: &str) {
    let (ours, cli) = (without_time(ours), without_time(cli));
    if ours == cli {
        return;
    }
    let keys: std::collections::BTreeSet<&String> = ours
        .as_object()
        .unwrap()
        .keys()
        .chain(cli.as_object().unwrap().keys())
        .collect();
    let differ: Vec<String> = keys
        .into_iter()
        .filter(|k| ours.get(k.as_str()) != cli.get(k.as_str()))
        .map(|k| {
            format!(
                "{k}:\n  wasm: {}\n  cli:  {}",
                ours[k.as_str()],
                cli[k.as_str()]
            )
        })
        .collect();
    panic!(
        "{what} differs from the CLI's --json:\n{}",
        differ.join("\n")
    );
}

#[wasm_bindgen_test]
fn the_js_report_is_the_cli_json() {
    let key_text = include_str!("../../tests/fixtures/cli-json/release.pub");
    let bundles: [(&str, &[u8], i32, Verdict); 2] = [
        (
            "verified.tar.gz",
            include_bytes!("../../tests/fixtures/cli-json/verified.tar.gz"),
            0,
            Verdict::Verified,
        ),
        (
            "tampered.tar.gz",
            include_bytes!("../../tests/fixtures/cli-json/tampered.tar.gz"),
            1,
            Verdict::Failed,
        ),
    ];
    for (name, bytes, want_status, want_verdict) in bundles {
        // The page's path: the engine through the skin, the report handed over as JS.
        let key = key_input(key_text, KeySource::CommandLine, "release.pub".to_string()).unwrap();
        let report = run(
            vec![Input::File(mem(name, bytes))],
            vec![key],
            &mut NoProgress,
            &|| 0.0,
        )
        .report;
        let js = to_js(&report).expect("serializable");
        let text: String = js_sys::JSON::stringify(&js).unwrap().into();
        let ours: serde_json::Value = serde_json::from_str(&text).unwrap();
        // And as the worker transfers it: JSON text in ArrayBuffer pieces.
        let pieces = airlock_wasm::to_json_pieces(&report).expect("serializable");
        let mut joined = Vec::new();
        for piece in js_sys::Array::from(&pieces).iter() {
            joined.extend(js_sys::Uint8Array::new(&piece).to_vec());
        }
        let transferred: serde_json::Value = serde_json::from_slice(&joined).unwrap();

        // The CLI's path: the same file and key given on the command line.
        let (status, stdout) =
            real_cli(&["verify", name, "--trusted-key", "release.pub", "--json"]);
        let cli: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("the CLI printed no JSON ({e}):\n{stdout}"));

        assert_eq!(status, want_status, "{name}: {stdout}");
        assert_eq!(report.verdict, want_verdict, "{name}: {}", report.reason);
        assert!(
            !report.entries.is_empty() && !report.signatures.is_empty(),
            "{name}: a report with content"
        );
        assert_same_report(ours, cli.clone(), &format!("{name}: to_js"));
        assert_same_report(transferred, cli, &format!("{name}: to_json_pieces"));
        let back: Report = serde_json::from_str(&text).unwrap();
        assert_eq!(back, report);
    }
}

/// A picked folder's files, as [`folder_input`] takes them.
type Folder = Vec<(String, Box<dyn Source>)>;

/// An OCI image layout as a picked folder `img/`: one image of one uncompressed layer. Returns
/// the folder, the image ID and the manifest digest.
fn oci_folder() -> (Folder, String, String) {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(6);
    h.set_mode(0o644);
    h.set_cksum();
    b.append_data(&mut h, "hello.txt", &b"hello\n"[..]).unwrap();
    let layer = b.into_inner().unwrap();
    let l = hex::encode(sha(&layer));
    let config = format!(
        r#"{{"architecture":"amd64","os":"linux","rootfs":{{"type":"layers","diff_ids":["sha256:{l}"]}}}}"#
    );
    let c = hex::encode(sha(config.as_bytes()));
    let manifest = format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:{c}","size":{}}},"layers":[{{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:{l}","size":{}}}]}}"#,
        config.len(),
        layer.len()
    );
    let m = hex::encode(sha(manifest.as_bytes()));
    let index = format!(
        r#"{{"schemaVersion":2,"manifests":[{{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{m}","size":{},"annotations":{{"org.opencontainers.image.ref.name":"hello:1"}}}}]}}"#,
        manifest.len()
    );
    let files = vec![
        (format!("img/blobs/sha256/{l}"), mem("layer", &layer)),
        (
            format!("img/blobs/sha256/{c}"),
            mem("config", config.as_bytes()),
        ),
        (
            format!("img/blobs/sha256/{m}"),
            mem("manifest", manifest.as_bytes()),
        ),
        (
            "img/oci-layout".into(),
            mem("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#),
        ),
        ("img/index.json".into(), mem("index.json", index.as_bytes())),
    ];
    (files, format!("sha256:{c}"), format!("sha256:{m}"))
}

#[wasm_bindgen_test]
fn expected_digests_field_is_read_line_by_line() {
    let a = format!("sha256:{}", "a".repeat(64));
    let b = format!("sha256:{}", "b".repeat(64));
    assert_eq!(expected_digests("").unwrap(), vec![]);
    assert_eq!(expected_digests(" \n\r\n\t\n").unwrap(), vec![]);
    let got = expected_digests(&format!("{a}\r\n\n  {b}  \n")).unwrap();
    let shown: Vec<String> = got.iter().map(ToString::to_string).collect();
    assert_eq!(shown, vec![a.clone(), b.clone()]);
    for (text, line) in [
        ("sha256:abc".to_string(), 1),
        (format!("{a}\n\n{}", a.to_uppercase()), 3),
        (format!("{a}\nhello@{b}"), 2),
        (format!("{a} {b}"), 1),
        ("a".repeat(64), 1),
    ] {
        let e = expected_digests(&text).unwrap_err().to_string();
        assert!(e.contains(&format!("line {line}:")), "{text:?}: {e}");
        assert!(e.contains("sha256:"), "{text:?}: {e}");
    }
}

#[wasm_bindgen_test]
fn expected_digests_vouch_for_an_unsigned_image() {
    let pinned = |text: &str| {
        let (files, _, _) = oci_folder();
        let tree = folder_input(files).unwrap();
        run_pinned(
            vec![tree],
            Vec::new(),
            expected_digests(text).unwrap(),
            &mut NoProgress,
            &|| 0.0,
        )
        .report
    };
    let (_, id, manifest) = oci_folder();
    let r = pinned("");
    assert_eq!(r.verdict, Verdict::Unsigned, "{r:#?}");
    for text in [id.clone(), manifest.clone(), format!("{id}\n{manifest}\n")] {
        let r = pinned(&text);
        assert_eq!(r.verdict, Verdict::Verified, "{text}: {r:#?}");
        assert!(!r.images[0].pinned.is_empty());
    }
    let r = pinned(&format!("{id}\nsha256:{}", "0".repeat(64)));
    assert_eq!(r.verdict, Verdict::Failed, "{r:#?}");
    assert!(
        r.findings.iter().any(|f| f.code.as_str() == "pin-mismatch"),
        "{r:#?}"
    );
}
