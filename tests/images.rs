//! Container image archives made by the real tool: Debian's `buildah` builds `from scratch`
//! images offline (vfs storage, chroot isolation) and pushes them to `docker-archive:`,
//! `oci-archive:` (gzip and zstd layers) and `oci:` files; the built `airlock` binary checks them
//! digest by digest (tests/fixtures/make-images.sh, shared with the page tests). Every positive
//! case has a tampered twin that must fail with its code.
//!
//! `buildah` and GNU `tar` are installed by `scripts/test.sh`; a missing tool fails the test.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

mod common;
use common::Run;

const AIRLOCK: &str = env!("CARGO_BIN_EXE_airlock");

fn sh(dir: &Path, script: &str) -> String {
    common::bash(
        dir,
        &[
            ("BUILDAH_ISOLATION", "chroot".as_ref()),
            ("STORAGE_DRIVER", "vfs".as_ref()),
        ],
        script,
    )
}

/// The images every case starts from, built once per test run.
struct Fixtures {
    root: PathBuf,
}

fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(|| {
        for tool in ["buildah", "tar", "gzip"] {
            assert!(
                Command::new("sh")
                    .arg("-c")
                    .arg(format!("command -v {tool}"))
                    .status()
                    .is_ok_and(|s| s.success()),
                "{tool} is not installed (scripts/test.sh installs it)"
            );
        }
        // Under target/tmp, made afresh by each run (a static is never dropped, so a temporary
        // folder would be left behind).
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("images-fixture");
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        sh(
            &root,
            concat!(
                "bash ",
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/make-images.sh ."
            ),
        );
        Fixtures { root }
    })
}

/// A scratch copy of the fixtures for one case.
fn scratch() -> TempDir {
    let f = fixtures();
    let dir = tempfile::Builder::new()
        .prefix("airlock-images-case-")
        .tempdir()
        .unwrap();
    for name in [
        "app-docker.tar",
        "app-oci.tar",
        "app-zstd.tar",
        "two-images.tar",
    ] {
        fs::copy(f.root.join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn verify(dir: &Path, args: &[&str]) -> Run {
    common::run(AIRLOCK, dir, args)
}

fn sha_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Unpack `tar` into folder `name` of `dir`.
fn unpack(dir: &Path, tar: &str, name: &str) -> PathBuf {
    sh(dir, &format!("mkdir -p {name} && tar -C {name} -xf {tar}"));
    dir.join(name)
}

/// Pack folder `name` of `dir` as `out` (members without a leading `./`).
fn repack(dir: &Path, name: &str, out: &str) {
    sh(
        dir,
        &format!("rm -f {out} && cd {name} && tar --sort=name -cf ../{out} $(ls -A)"),
    );
}

fn assert_unsigned_image(r: &Run, tag: &str) {
    assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);
    assert_eq!(r.code, 1);
    assert!(r.codes("problem").is_empty(), "{:?}", r.codes("problem"));
    let images = r.images();
    let img = images
        .iter()
        .find(|i| i["tags"].as_array().unwrap().iter().any(|t| t == tag))
        .unwrap_or_else(|| panic!("no image tagged {tag}: {images:#?}"));
    assert_eq!(img["status"], "ok", "{img:#}");
    assert!(img["image_id"].as_str().unwrap().starts_with("sha256:"));
    for l in img["layers"].as_array().unwrap() {
        assert_eq!(l["status"], "ok", "{l:#}");
        assert_eq!(l["uncompressed"], l["diff_id"], "{l:#}");
    }
    assert!(r.report["reason"].as_str().unwrap().contains(tag));
}

// ----- real archives, as they come ----------------------------------------------------------------

#[test]
fn docker_archive_is_unsigned_with_its_image_named() {
    let d = scratch();
    let r = verify(d.path(), &["app-docker.tar"]);
    assert_unsigned_image(&r, "localhost/app:1.0");
    let img = &r.images()[0];
    assert_eq!(img["format"], "docker-archive");
    // The image ID is the config's SHA-256, and buildah names the config by it.
    let id = img["image_id"]
        .as_str()
        .unwrap()
        .strip_prefix("sha256:")
        .unwrap();
    let listing = sh(d.path(), "tar -tf app-docker.tar");
    assert!(listing.contains(&format!("{id}.json")), "{listing}");
}

#[test]
fn oci_archive_gzip_layers_are_checked_decompressed() {
    let d = scratch();
    let r = verify(d.path(), &["app-oci.tar"]);
    assert_unsigned_image(&r, "app:1.0");
    let img = &r.images()[0];
    assert_eq!(img["format"], "oci-layout");
    assert_eq!(img["platform"], "linux/amd64");
    let l = &img["layers"][0];
    assert_eq!(l["compression"], "gzip");
    assert_ne!(l["digest"], l["diff_id"]);
    assert_eq!(l["digest"], l["actual"]);
}

#[test]
fn oci_archive_zstd_layers_are_checked_decompressed() {
    let d = scratch();
    let r = verify(d.path(), &["app-zstd.tar"]);
    assert_unsigned_image(&r, "app:1.0");
    assert_eq!(r.images()[0]["layers"][0]["compression"], "zstd");
}

#[test]
fn image_archive_compressed_as_tar_gz() {
    let d = scratch();
    sh(d.path(), "gzip -n -k app-docker.tar");
    let r = verify(d.path(), &["app-docker.tar.gz"]);
    assert_unsigned_image(&r, "localhost/app:1.0");
}

#[test]
fn two_images_in_one_layout() {
    let d = scratch();
    let r = verify(d.path(), &["two-images.tar"]);
    assert_unsigned_image(&r, "app:1.0");
    assert_unsigned_image(&r, "two:2.0");
    assert_eq!(r.images().len(), 2);
}

/// A release folder holding an unpacked image, packed and signed by airlock.
fn signed_release(d: &Path) {
    sh(
        d,
        &format!("{AIRLOCK} keygen -o release >/dev/null && {AIRLOCK} pack rel -o rel.tar.gz -k release.key >/dev/null"),
    );
}

#[test]
fn image_inside_a_signed_bundle_verifies_and_is_shown() {
    let d = scratch();
    fs::create_dir_all(d.path().join("rel")).unwrap();
    unpack(d.path(), "app-oci.tar", "rel/image");
    signed_release(d.path());
    let r = verify(d.path(), &["rel.tar.gz", "--trusted-key", "release.pub"]);
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    assert_eq!(r.code, 0);
    let img = &r.images()[0];
    assert_eq!(img["root"], "rel/image");
    assert_eq!(img["status"], "ok");
}

#[test]
fn broken_image_inside_a_signed_bundle_fails() {
    let d = scratch();
    fs::create_dir_all(d.path().join("rel")).unwrap();
    let layout = unpack(d.path(), "app-oci.tar", "rel/image");
    // The signer signed a layout whose layer blob was changed: the list vouches for the bytes,
    // the image's own digests do not.
    let blob = layer_blob(&layout);
    let mut bytes = fs::read(&blob).unwrap();
    let n = bytes.len() / 2;
    bytes[n] ^= 1;
    fs::write(&blob, bytes).unwrap();
    signed_release(d.path());
    let r = verify(d.path(), &["rel.tar.gz", "--trusted-key", "release.pub"]);
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert!(r.codes("problem").contains(&"blob-digest-mismatch".into()));
}

// ----- tampering ----------------------------------------------------------------------------------

fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&fs::read(p).unwrap()).unwrap()
}

fn blobs(layout: &Path) -> PathBuf {
    layout.join("blobs/sha256")
}

/// The OCI layout's (only) manifest, as (its path, its JSON).
fn oci_manifest(layout: &Path) -> (PathBuf, Value) {
    let index = read_json(&layout.join("index.json"));
    let d = index["manifests"][0]["digest"].as_str().unwrap();
    let p = blobs(layout).join(d.strip_prefix("sha256:").unwrap());
    let v = read_json(&p);
    (p, v)
}

fn layer_blob(layout: &Path) -> PathBuf {
    let (_, m) = oci_manifest(layout);
    let d = m["layers"][0]["digest"].as_str().unwrap();
    blobs(layout).join(d.strip_prefix("sha256:").unwrap())
}

/// Write `bytes` as a blob of the layout; returns its digest and size.
fn put_blob(layout: &Path, bytes: &[u8]) -> (String, usize) {
    let hex = sha_hex(bytes);
    fs::write(blobs(layout).join(&hex), bytes).unwrap();
    (format!("sha256:{hex}"), bytes.len())
}

/// `app-oci.tar` with one byte of its layer blob changed, packed as `out` in `dir` (the blob no
/// longer hashes to its name, nor its content to the config's diff_id).
fn oci_with_changed_layer(dir: &Path, out: &str) {
    let layout = unpack(dir, "app-oci.tar", "x");
    let blob = layer_blob(&layout);
    let mut bytes = fs::read(&blob).unwrap();
    let n = bytes.len() / 2;
    bytes[n] ^= 0x20;
    fs::write(&blob, bytes).unwrap();
    repack(dir, "x", out);
    fs::remove_dir_all(layout).unwrap();
}

#[test]
fn changed_layer_byte_fails() {
    let d = scratch();
    oci_with_changed_layer(d.path(), "bad.tar");
    let r = verify(d.path(), &["bad.tar"]);
    assert_eq!(r.verdict(), "failed");
    let problems = r.codes("problem");
    assert!(
        problems.contains(&"blob-digest-mismatch".into()),
        "{problems:?}"
    );
    assert!(
        problems.contains(&"diff-id-mismatch".into()),
        "{problems:?}"
    );
    assert_eq!(r.images()[0]["status"], "mismatch");
}

/// Rewrite the config's diff_id and every digest above it, so that only the layer rule breaks
/// (what a forger who swapped a layer and fixed the metadata would leave).
#[test]
fn diff_id_changed_with_consistent_digests_fails() {
    let d = scratch();
    let layout = unpack(d.path(), "app-oci.tar", "x");
    let (mpath, mut manifest) = oci_manifest(&layout);
    let cdigest = manifest["config"]["digest"].as_str().unwrap().to_string();
    let cpath = blobs(&layout).join(cdigest.strip_prefix("sha256:").unwrap());
    let mut config = read_json(&cpath);
    config["rootfs"]["diff_ids"][0] = Value::String(format!("sha256:{}", "ab".repeat(32)));
    fs::remove_file(&cpath).unwrap();
    let (cd, cs) = put_blob(&layout, &serde_json::to_vec(&config).unwrap());
    manifest["config"]["digest"] = cd.into();
    manifest["config"]["size"] = cs.into();
    fs::remove_file(&mpath).unwrap();
    let (md, ms) = put_blob(&layout, &serde_json::to_vec(&manifest).unwrap());
    let mut index = read_json(&layout.join("index.json"));
    index["manifests"][0]["digest"] = md.into();
    index["manifests"][0]["size"] = ms.into();
    fs::write(
        layout.join("index.json"),
        serde_json::to_vec(&index).unwrap(),
    )
    .unwrap();
    repack(d.path(), "x", "bad.tar");
    let r = verify(d.path(), &["bad.tar"]);
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert_eq!(r.codes("problem"), vec!["diff-id-mismatch".to_string()]);
    assert_eq!(r.images()[0]["layers"][0]["status"], "mismatch");
}

#[test]
fn descriptor_size_changed_fails() {
    let d = scratch();
    let layout = unpack(d.path(), "app-oci.tar", "x");
    let (mpath, mut manifest) = oci_manifest(&layout);
    let size = manifest["layers"][0]["size"].as_u64().unwrap();
    manifest["layers"][0]["size"] = (size + 1).into();
    fs::remove_file(&mpath).unwrap();
    let (md, ms) = put_blob(&layout, &serde_json::to_vec(&manifest).unwrap());
    let mut index = read_json(&layout.join("index.json"));
    index["manifests"][0]["digest"] = md.into();
    index["manifests"][0]["size"] = ms.into();
    fs::write(
        layout.join("index.json"),
        serde_json::to_vec(&index).unwrap(),
    )
    .unwrap();
    repack(d.path(), "x", "bad.tar");
    let r = verify(d.path(), &["bad.tar"]);
    assert_eq!(r.verdict(), "failed");
    assert_eq!(r.codes("problem"), vec!["descriptor-mismatch".to_string()]);
}

#[test]
fn missing_oci_layer_is_not_carried_not_corrupt() {
    let d = scratch();
    let layout = unpack(d.path(), "app-oci.tar", "x");
    fs::remove_file(layer_blob(&layout)).unwrap();
    repack(d.path(), "x", "partial.tar");
    let r = verify(d.path(), &["partial.tar"]);
    assert!(r.codes("problem").is_empty(), "{:?}", r.codes("problem"));
    assert!(r.codes("warning").contains(&"not-carried".into()));
    let img = &r.images()[0];
    assert_eq!(img["status"], "not-carried");
    assert_eq!(img["layers"][0]["status"], "not-carried");
    assert_eq!(r.verdict(), "unsigned");
}

#[test]
fn edited_docker_config_fails() {
    let d = scratch();
    let x = unpack(d.path(), "app-docker.tar", "x");
    let manifest = read_json(&x.join("manifest.json"));
    let config = x.join(manifest[0]["Config"].as_str().unwrap());
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.replace("amd64", "arm64")).unwrap();
    repack(d.path(), "x", "bad.tar");
    let r = verify(d.path(), &["bad.tar"]);
    assert_eq!(r.verdict(), "failed");
    assert!(r.codes("problem").contains(&"blob-digest-mismatch".into()));
}

#[test]
fn missing_docker_layer_fails() {
    let d = scratch();
    let x = unpack(d.path(), "app-docker.tar", "x");
    let manifest = read_json(&x.join("manifest.json"));
    fs::remove_file(x.join(manifest[0]["Layers"][0].as_str().unwrap())).unwrap();
    repack(d.path(), "x", "bad.tar");
    let r = verify(d.path(), &["bad.tar"]);
    assert_eq!(r.verdict(), "failed");
    assert!(r.codes("problem").contains(&"broken-image-path".into()));
}

/// `manifest.json` naming the legacy `<id>/layer.tar` symbolic link: followed, the image checks;
/// with the link's target gone, the path is broken.
#[test]
fn docker_layer_through_a_symlink_and_a_broken_one() {
    let d = scratch();
    let x = unpack(d.path(), "app-docker.tar", "x");
    let mut manifest = read_json(&x.join("manifest.json"));
    let real = manifest[0]["Layers"][0].as_str().unwrap().to_string();
    let link = sh(&x, "ls */layer.tar").trim().to_string();
    manifest[0]["Layers"][0] = link.into();
    fs::write(
        x.join("manifest.json"),
        serde_json::to_vec(&manifest).unwrap(),
    )
    .unwrap();
    repack(d.path(), "x", "linked.tar");
    let r = verify(d.path(), &["linked.tar"]);
    assert_unsigned_image(&r, "localhost/app:1.0");
    fs::remove_file(x.join(real)).unwrap();
    repack(d.path(), "x", "broken.tar");
    let r = verify(d.path(), &["broken.tar"]);
    assert_eq!(r.verdict(), "failed");
    assert!(r.codes("problem").contains(&"broken-image-path".into()));
}

/// Go's decoder (Docker's) matches keys case-insensitively: a second `config` beside `Config`
/// could make Docker load another config than the one checked.
#[test]
fn keys_differing_only_by_case_fail() {
    let d = scratch();
    let x = unpack(d.path(), "app-docker.tar", "x");
    let text = fs::read_to_string(x.join("manifest.json")).unwrap();
    let forged = text.replacen("{\"Config\":", "{\"config\":\"other.json\",\"Config\":", 1);
    assert_ne!(forged, text);
    fs::write(x.join("manifest.json"), forged).unwrap();
    repack(d.path(), "x", "bad.tar");
    let r = verify(d.path(), &["bad.tar"]);
    assert_eq!(r.verdict(), "failed");
    assert!(r.codes("problem").contains(&"malformed-image".into()));
}

/// A bundle without images reports no images section (schema unchanged for it).
#[test]
fn no_images_no_section() {
    let d = scratch();
    sh(
        d.path(),
        "mkdir -p plain && echo hi > plain/a.txt && tar -cf plain.tar plain",
    );
    let r = verify(d.path(), &["plain.tar"]);
    assert!(r.report.get("images").is_none());
    assert_eq!(r.verdict(), "error");
}

// ----- a big layer: decompressed as it streams ------------------------------------------------------

/// An OCI layout written here around a gzip layer made by GNU tar and gzip.
fn layout_around(dir: &Path, layer_gz: &Path, diff_id: &str) -> PathBuf {
    let layout = dir.join("big");
    fs::create_dir_all(blobs(&layout)).unwrap();
    fs::write(
        layout.join("oci-layout"),
        br#"{"imageLayoutVersion":"1.0.0"}"#,
    )
    .unwrap();
    let layer = fs::read(layer_gz).unwrap();
    let (ld, ls) = put_blob(&layout, &layer);
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux",
        "rootfs": {"type": "layers", "diff_ids": [diff_id]}
    });
    let (cd, cs) = put_blob(&layout, &serde_json::to_vec(&config).unwrap());
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": ld, "size": ls}]
    });
    let (md, ms) = put_blob(&layout, &serde_json::to_vec(&manifest).unwrap());
    let index = serde_json::json!({
        "schemaVersion": 2,
        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md, "size": ms,
                       "annotations": {"org.opencontainers.image.ref.name": "big:1"}}]
    });
    fs::write(
        layout.join("index.json"),
        serde_json::to_vec(&index).unwrap(),
    )
    .unwrap();
    layout
}

/// A layer of 1 GiB (compressed to about 1 MB) is decompressed and hashed as it passes, in bounded
/// memory; the same layer under a wrong diff_id fails.
#[test]
fn big_layer_streams_in_bounded_memory() {
    assert!(
        Path::new("/usr/bin/time").exists(),
        "/usr/bin/time is not installed (Debian package time; scripts/test.sh installs it)"
    );
    let d = scratch();
    let p = d.path();
    let diff = sh(
        p,
        "truncate -s 1G zeros && tar -cf - zeros | gzip -1 > layer.gz && rm zeros && gzip -dc layer.gz | sha256sum | cut -d' ' -f1",
    );
    let diff_id = format!("sha256:{}", diff.trim());
    layout_around(p, &p.join("layer.gz"), &diff_id);
    repack(p, "big", "big.tar");
    let out = Command::new("/usr/bin/time")
        .args(["-f", "maxrss_kb=%M", AIRLOCK, "verify", "big.tar", "--json"])
        .current_dir(p)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = Run {
        code: out.status.code().unwrap(),
        report,
    };
    assert_unsigned_image(&r, "big:1");
    let layer = &r.images()[0]["layers"][0];
    assert!(layer["uncompressed_size"].as_u64().unwrap() > 1 << 30);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss: u64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("maxrss_kb="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no maxrss in {stderr}"));
    assert!(rss < 100 * 1024, "airlock used {rss} KiB for a 1 GiB layer");

    fs::remove_dir_all(p.join("big")).unwrap();
    layout_around(
        p,
        &p.join("layer.gz"),
        &format!("sha256:{}", "0".repeat(64)),
    );
    repack(p, "big", "wrong.tar");
    let r = verify(p, &["wrong.tar"]);
    assert_eq!(r.verdict(), "failed");
    assert_eq!(r.codes("problem"), vec!["diff-id-mismatch".to_string()]);
}

// ----- pinned by an expected digest (--expect-digest) -----------------------------------------------

/// The image ID and manifest digest the (only) image of `tar` carries, as the report shows them.
fn digests_of(dir: &Path, tar: &str) -> (String, Option<String>) {
    let r = verify(dir, &[tar]);
    let img = &r.images()[0];
    (
        img["image_id"].as_str().unwrap().to_string(),
        img["manifest_digest"].as_str().map(str::to_string),
    )
}

fn pins<'a>(tar: &'a str, digests: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![tar];
    for d in digests {
        args.extend(["--expect-digest", d]);
    }
    args
}

/// Exit 0, "verified", no problem, and the report shows what pins what.
fn assert_pinned(r: &Run, pins: &[&str]) {
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    assert_eq!(r.code, 0);
    assert!(r.codes("problem").is_empty(), "{:?}", r.codes("problem"));
    assert!(r.codes("error").is_empty(), "{:?}", r.codes("error"));
    assert_eq!(r.report["expected_digests"], serde_json::json!(pins));
    assert_eq!(r.images()[0]["pinned"], serde_json::json!(pins));
    assert_eq!(r.images()[0]["status"], "ok");
}

#[test]
fn unsigned_docker_archive_pinned_by_its_image_id_verifies() {
    let d = scratch();
    let (id, manifest) = digests_of(d.path(), "app-docker.tar");
    assert_eq!(
        manifest, None,
        "a docker-archive carries no manifest digest"
    );
    let r = verify(d.path(), &pins("app-docker.tar", &[&id]));
    assert_pinned(&r, &[&id]);
    assert!(r.report["reason"].as_str().unwrap().contains(&id));
    // The names it carries are not vouched for, and the report says so.
    assert_eq!(
        r.codes("warning")
            .iter()
            .filter(|c| *c == "not-pinned")
            .count(),
        1
    );
}

#[test]
fn unsigned_oci_archive_pinned_by_manifest_digest_or_image_id_verifies() {
    let d = scratch();
    for tar in ["app-oci.tar", "app-zstd.tar"] {
        let (id, manifest) = digests_of(d.path(), tar);
        let manifest = manifest.expect("an OCI layout carries its manifest's digest");
        assert_pinned(&verify(d.path(), &pins(tar, &[&manifest])), &[&manifest]);
        assert_pinned(&verify(d.path(), &pins(tar, &[&id])), &[&id]);
        // Both, as a deployment manifest may give them, and one of them twice.
        let r = verify(d.path(), &pins(tar, &[&id, &manifest, &id]));
        assert_pinned(&r, &[&id, &manifest]);
    }
}

#[test]
fn expected_digest_naming_no_image_fails() {
    let d = scratch();
    let other = format!("sha256:{}", "ab".repeat(32));
    let r = verify(d.path(), &pins("app-oci.tar", &[&other]));
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes("problem"), vec!["pin-mismatch".to_string()]);
    assert!(r.images()[0].get("pinned").is_none(), "{:#}", r.images()[0]);
    let (id, manifest) = digests_of(d.path(), "app-oci.tar");
    let why = r.report["reason"].as_str().unwrap();
    assert!(why.contains(&other) && why.contains(&id), "{why}");
    assert!(why.contains(manifest.as_deref().unwrap()), "{why}");
    // One pin that matches does not excuse another that does not.
    let r = verify(d.path(), &pins("app-oci.tar", &[&id, &other]));
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert_eq!(r.codes("problem"), vec!["pin-mismatch".to_string()]);
    // A docker-archive carries no manifest: the OCI archive's manifest digest names nothing
    // in it.
    let r = verify(
        d.path(),
        &pins("app-docker.tar", &[manifest.as_deref().unwrap()]),
    );
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert_eq!(r.codes("problem"), vec!["pin-mismatch".to_string()]);
    // A bundle without images.
    sh(
        d.path(),
        "mkdir -p plain && echo hi > plain/a.txt && tar -cf plain.tar plain",
    );
    let r = verify(d.path(), &pins("plain.tar", &[&id]));
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert!(r.codes("problem").contains(&"pin-mismatch".into()));
}

#[test]
fn pinned_image_with_a_changed_layer_still_fails() {
    let d = scratch();
    let (id, manifest) = digests_of(d.path(), "app-oci.tar");
    oci_with_changed_layer(d.path(), "bad.tar");
    for pin in [&id, manifest.as_ref().unwrap()] {
        let r = verify(d.path(), &pins("bad.tar", &[pin]));
        assert_eq!(r.verdict(), "failed", "{:#}", r.report);
        assert_eq!(r.code, 1);
        let problems = r.codes("problem");
        assert!(
            problems.contains(&"blob-digest-mismatch".into()),
            "{problems:?}"
        );
        assert!(
            problems.contains(&"diff-id-mismatch".into()),
            "{problems:?}"
        );
        assert!(!problems.contains(&"pin-mismatch".into()), "{problems:?}");
        assert_eq!(r.images()[0]["status"], "mismatch");
    }
    // The same in a docker-archive, pinned by its image ID.
    let (id, _) = digests_of(d.path(), "app-docker.tar");
    let x = unpack(d.path(), "app-docker.tar", "y");
    let manifest = read_json(&x.join("manifest.json"));
    let layer = x.join(manifest[0]["Layers"][0].as_str().unwrap());
    let mut bytes = fs::read(&layer).unwrap();
    let n = bytes.len() / 2;
    bytes[n] ^= 0x20;
    fs::write(&layer, bytes).unwrap();
    repack(d.path(), "y", "bad-docker.tar");
    let r = verify(d.path(), &pins("bad-docker.tar", &[&id]));
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert!(r.codes("problem").contains(&"diff-id-mismatch".into()));
}

/// A forger who swapped a layer and rewrote every digest above it has made another image: the
/// original's digests name nothing, and pinning the forged one's own digests still meets the
/// broken layer rule.
#[test]
fn pinned_forgery_with_consistent_digests_fails() {
    let d = scratch();
    let (id, manifest) = digests_of(d.path(), "app-oci.tar");
    let layout = unpack(d.path(), "app-oci.tar", "x");
    let (mpath, mut m) = oci_manifest(&layout);
    let cdigest = m["config"]["digest"].as_str().unwrap().to_string();
    let cpath = blobs(&layout).join(cdigest.strip_prefix("sha256:").unwrap());
    let mut config = read_json(&cpath);
    config["rootfs"]["diff_ids"][0] = Value::String(format!("sha256:{}", "ab".repeat(32)));
    fs::remove_file(&cpath).unwrap();
    let (cd, cs) = put_blob(&layout, &serde_json::to_vec(&config).unwrap());
    m["config"]["digest"] = cd.clone().into();
    m["config"]["size"] = cs.into();
    fs::remove_file(&mpath).unwrap();
    let (md, ms) = put_blob(&layout, &serde_json::to_vec(&m).unwrap());
    let mut index = read_json(&layout.join("index.json"));
    index["manifests"][0]["digest"] = md.clone().into();
    index["manifests"][0]["size"] = ms.into();
    fs::write(
        layout.join("index.json"),
        serde_json::to_vec(&index).unwrap(),
    )
    .unwrap();
    repack(d.path(), "x", "forged.tar");
    for pin in [&id, manifest.as_ref().unwrap()] {
        let r = verify(d.path(), &pins("forged.tar", &[pin]));
        assert_eq!(r.verdict(), "failed", "{:#}", r.report);
        let problems = r.codes("problem");
        assert!(problems.contains(&"pin-mismatch".into()), "{problems:?}");
        assert!(
            problems.contains(&"diff-id-mismatch".into()),
            "{problems:?}"
        );
    }
    for pin in [&cd, &md] {
        let r = verify(d.path(), &pins("forged.tar", &[pin]));
        assert_eq!(r.verdict(), "failed", "{:#}", r.report);
        assert_eq!(r.codes("problem"), vec!["diff-id-mismatch".to_string()]);
    }
}

/// A pin vouches for its image only: another image, a file beside it, or a layer not carried
/// leave the bundle "unsigned", never "verified".
#[test]
fn what_no_pin_covers_stays_unsigned() {
    let d = scratch();
    // Two images, one pinned.
    let r = verify(d.path(), &["two-images.tar"]);
    let ids: Vec<String> = r
        .images()
        .iter()
        .map(|i| i["image_id"].as_str().unwrap().to_string())
        .collect();
    let r = verify(d.path(), &pins("two-images.tar", &[&ids[0]]));
    assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);
    assert_eq!(r.code, 1);
    assert!(r.codes("problem").is_empty(), "{:?}", r.codes("problem"));
    assert!(r.codes("warning").contains(&"not-pinned".into()));
    assert!(r.report["reason"].as_str().unwrap().contains(&ids[1]));
    let r = verify(d.path(), &pins("two-images.tar", &[&ids[0], &ids[1]]));
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    assert_eq!(r.code, 0);

    // A file no digest names, added beside the pinned image.
    let (id, _) = digests_of(d.path(), "app-oci.tar");
    let layout = unpack(d.path(), "app-oci.tar", "x");
    fs::write(layout.join("run.sh"), "echo hi\n").unwrap();
    repack(d.path(), "x", "extra.tar");
    let r = verify(d.path(), &pins("extra.tar", &[&id]));
    assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);
    assert!(r.report["reason"].as_str().unwrap().contains("run.sh"));
    // An unreferenced blob.
    fs::remove_file(layout.join("run.sh")).unwrap();
    put_blob(&layout, b"not part of the image\n");
    repack(d.path(), "x", "blob.tar");
    let r = verify(d.path(), &pins("blob.tar", &[&id]));
    assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);

    // The layer not carried: the pinned image is not whole.
    let layout = unpack(d.path(), "app-oci.tar", "z");
    fs::remove_file(layer_blob(&layout)).unwrap();
    repack(d.path(), "z", "partial.tar");
    let r = verify(d.path(), &pins("partial.tar", &[&id]));
    assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);
    assert!(r.codes("problem").is_empty(), "{:?}", r.codes("problem"));
    assert_eq!(r.images()[0]["status"], "not-carried");
}

/// Beside a trusted signature a pin adds a condition, never an excuse: a mismatch fails the
/// signed bundle, a match leaves it verified.
#[test]
fn pin_beside_a_signed_bundle() {
    let d = scratch();
    let (id, _) = digests_of(d.path(), "app-oci.tar");
    fs::create_dir_all(d.path().join("rel")).unwrap();
    unpack(d.path(), "app-oci.tar", "rel/image");
    signed_release(d.path());
    let r = verify(
        d.path(),
        &[
            "rel.tar.gz",
            "--trusted-key",
            "release.pub",
            "--expect-digest",
            &id,
        ],
    );
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    assert_eq!(r.images()[0]["pinned"], serde_json::json!([id]));
    let other = format!("sha256:{}", "cd".repeat(32));
    let r = verify(
        d.path(),
        &[
            "rel.tar.gz",
            "--trusted-key",
            "release.pub",
            "--expect-digest",
            &other,
        ],
    );
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert_eq!(r.codes("problem"), vec!["pin-mismatch".to_string()]);
}

// ----- image archives stored as entries of a bundle (a tar inside a tar.gz) -----------------------

/// The image (tagged `tag`) read from the archive entry `archive` of the bundle.
fn image_in<'a>(r: &'a Run, archive: &str, tag: &str) -> &'a Value {
    r.images()
        .iter()
        .find(|i| i["archive"] == archive && i["tags"].as_array().unwrap().iter().any(|t| t == tag))
        .unwrap_or_else(|| panic!("no image {tag} from {archive}: {:#}", r.report))
}

/// `docker save`-style and OCI archives, plain, gzip-compressed and with zstd layers, each stored
/// as one file of a release: opened as the bundle streams by, every image shown with the entry it
/// came from; unsigned alone, verified once a signed list covers the files.
#[test]
fn image_archives_stored_in_a_bundle_are_opened() {
    let d = scratch();
    let p = d.path();
    sh(
        p,
        "mkdir -p rel/images && cp app-docker.tar app-oci.tar rel/images/ \
         && gzip -c app-zstd.tar > rel/images/app-zstd.tar.gz \
         && tar -C rel -czf plain.tar.gz images",
    );
    let r = verify(p, &["plain.tar.gz"]);
    assert_unsigned_image(&r, "localhost/app:1.0");
    assert_eq!(r.images().len(), 3, "{:#}", r.report);
    let docker = image_in(&r, "images/app-docker.tar", "localhost/app:1.0");
    assert_eq!(docker["root"], "images/app-docker.tar");
    assert_eq!(docker["format"], "docker-archive");
    let oci = image_in(&r, "images/app-oci.tar", "app:1.0");
    assert_eq!(oci["layers"][0]["compression"], "gzip");
    let zstd = image_in(&r, "images/app-zstd.tar.gz", "app:1.0");
    assert_eq!(zstd["layers"][0]["compression"], "zstd");
    for img in r.images() {
        assert_eq!(img["status"], "ok", "{img:#}");
        assert_eq!(img["image_id"], docker["image_id"]);
    }
    // The archives are still files of the bundle, hashed as stored.
    let entries = r.report["entries"].as_array().unwrap();
    let e = entries
        .iter()
        .find(|e| e["path"] == "images/app-docker.tar")
        .unwrap();
    assert_eq!(
        e["actual"],
        sha_hex(&fs::read(p.join("app-docker.tar")).unwrap())
    );

    signed_release(p);
    let r = verify(p, &["rel.tar.gz", "--trusted-key", "release.pub"]);
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    assert_eq!(r.images().len(), 3);
    image_in(&r, "rel/images/app-oci.tar", "app:1.0");
}

/// The release engineer signed an image archive whose layer was changed: the list vouches for
/// the archive's bytes, the image's own digests inside it do not.
#[test]
fn broken_image_in_an_archive_entry_of_a_signed_bundle_fails() {
    let d = scratch();
    let p = d.path();
    oci_with_changed_layer(p, "bad.tar");
    sh(p, "mkdir -p rel && cp bad.tar rel/app.tar");
    signed_release(p);
    let r = verify(p, &["rel.tar.gz", "--trusted-key", "release.pub"]);
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    let problems = r.codes("problem");
    assert!(
        problems.contains(&"blob-digest-mismatch".into()),
        "{problems:?}"
    );
    let finding = r.report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "blob-digest-mismatch")
        .unwrap();
    assert!(
        finding["path"]
            .as_str()
            .unwrap()
            .starts_with("rel/app.tar/blobs/sha256/"),
        "{finding:#}"
    );
    assert_eq!(image_in(&r, "rel/app.tar", "app:1.0")["status"], "mismatch");
}

/// A pin vouches for an archive entry when it covers every file inside it: the bundle of one
/// pinned image archive verifies; a file beside it keeps it unsigned; an archive that cannot be
/// read whole is a warning and shows no image, so the pin names nothing and fails.
#[test]
fn pinned_image_archive_inside_a_bundle() {
    let d = scratch();
    let p = d.path();
    let (id, _) = digests_of(p, "app-docker.tar");
    sh(
        p,
        "mkdir -p one && cp app-docker.tar one/ && tar -C one -czf one.tar.gz . \
         && cp -r one two && echo notes > two/readme.txt && tar -C two -czf two.tar.gz . \
         && mkdir -p cut && head -c 100000 app-docker.tar > cut/app-docker.tar \
         && tar -C cut -czf cut.tar.gz .",
    );
    let r = verify(p, &["one.tar.gz", "--expect-digest", &id]);
    assert_pinned(&r, &[&id]);
    let r = verify(p, &["two.tar.gz", "--expect-digest", &id]);
    assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);
    assert!(r.report["reason"].as_str().unwrap().contains("readme.txt"));

    let r = verify(p, &["cut.tar.gz", "--expect-digest", &id]);
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert_eq!(r.codes("problem"), vec!["pin-mismatch".to_string()]);
    assert_eq!(r.codes("warning"), vec!["corrupt-archive".to_string()]);
    assert!(r
        .report
        .get("images")
        .is_none_or(|i| i.as_array().unwrap().is_empty()));
    let r = verify(p, &["cut.tar.gz"]);
    assert_eq!(r.codes("warning"), vec!["corrupt-archive".to_string()]);
    // A gzip-compressed archive whose last member's CRC-32 is wrong: read to its end, refused.
    sh(
        p,
        "mkdir -p crc && gzip -c app-oci.tar > crc/app.tar.gz \
         && python3 -c \"import sys; d = bytearray(open(sys.argv[1], 'rb').read()); d[-8] ^= 1; open(sys.argv[1], 'wb').write(d)\" crc/app.tar.gz \
         && tar -C crc -cf crc.tar app.tar.gz",
    );
    let r = verify(p, &["crc.tar"]);
    assert_eq!(
        r.codes("warning"),
        vec!["corrupt-archive".to_string()],
        "{:#}",
        r.report
    );
    assert!(
        r.message("corrupt-archive").contains("CRC-32"),
        "{:#}",
        r.report
    );
    assert!(r
        .report
        .get("images")
        .is_none_or(|i| i.as_array().unwrap().is_empty()));
}

/// Image archives carried as loose release files beside a signed `SHA256SUMS` (what `sha256sum
/// -c` users carry): each is a file of the release, hashed whole and opened for its images; two
/// archives with nothing beside them stay "one bundle at a time".
#[test]
fn image_archives_as_loose_files_beside_a_signed_list() {
    let d = scratch();
    let p = d.path();
    let (id, _) = digests_of(p, "app-docker.tar");
    sh(
        p,
        &format!(
            "echo notes > notes.txt && sha256sum app-docker.tar app-oci.tar notes.txt > SHA256SUMS \
             && {AIRLOCK} keygen -o k >/dev/null && {AIRLOCK} sign SHA256SUMS -k k.key >/dev/null"
        ),
    );
    let files = [
        "SHA256SUMS",
        "SHA256SUMS.minisig",
        "app-docker.tar",
        "app-oci.tar",
        "notes.txt",
    ];
    let mut args = files.to_vec();
    args.extend(["--trusted-key", "k.pub"]);
    let r = verify(p, &args);
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    assert_eq!(r.images().len(), 2);
    image_in(&r, "app-docker.tar", "localhost/app:1.0");
    image_in(&r, "app-oci.tar", "app:1.0");

    // A changed layer inside one of them fails the signed list's files even so.
    oci_with_changed_layer(p, "app-oci.tar");
    sh(
        p,
        &format!("sha256sum app-docker.tar app-oci.tar notes.txt > SHA256SUMS && {AIRLOCK} sign SHA256SUMS -k k.key >/dev/null"),
    );
    let r = verify(p, &args);
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert!(r.codes("problem").contains(&"blob-digest-mismatch".into()));

    // Pinned, the two archives are the release: verified when the pin covers both.
    // The same name twice: no list could tell the two apart.
    let r = verify(
        p,
        &["app-docker.tar", "app-docker.tar", "--expect-digest", &id],
    );
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert!(r
        .message("duplicate-entry")
        .starts_with("Two files named app-docker.tar"));
    fs::copy(p.join("app-docker.tar"), p.join("again.tar")).unwrap();
    let r = verify(p, &["app-docker.tar", "again.tar", "--expect-digest", &id]);
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    assert_eq!(r.images().len(), 2);

    let r = verify(p, &["app-docker.tar", "again.tar"]);
    assert_eq!(r.verdict(), "error", "{:#}", r.report);
    assert!(r.codes("error").contains(&"unknown-input".to_string()));
}

/// The run's limits hold inside an opened archive too: over them, the archive is a warning, its
/// images are not shown, and the bundle's own check goes on.
#[test]
fn limits_hold_inside_an_opened_archive() {
    let d = scratch();
    let p = d.path();
    sh(
        p,
        "mkdir -p one && cp app-oci.tar one/ && tar -C one -cf one.tar app-oci.tar",
    );
    let inside = sh(p, "tar -tf app-oci.tar | wc -l")
        .trim()
        .parse::<u64>()
        .unwrap();
    assert!(inside > 3, "{inside}");
    let r = verify(p, &["one.tar", "--max-entries", "3"]);
    assert_eq!(
        r.codes("warning"),
        vec!["corrupt-archive".to_string()],
        "{:#}",
        r.report
    );
    let f = &r.report["findings"][0];
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("more than 3 entries"),
        "{f:#}"
    );
    assert!(r
        .report
        .get("images")
        .is_none_or(|i| i.as_array().unwrap().is_empty()));
    assert_eq!(r.report["entries"][0]["status"], "unchecked");
    let r = verify(p, &["one.tar"]);
    assert_unsigned_image(&r, "app:1.0");
}
