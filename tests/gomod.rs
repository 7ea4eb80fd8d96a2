//! Go module caches made by the real tool: Debian's `golang-go` downloads a module from a
//! `file://` GOPROXY folder (offline, GOSUMDB=off) into a fresh GOMODCACHE and writes `go.sum`;
//! the proxy's module zip is written by Go's own `archive/zip` (data descriptors, as Go's module
//! zips have them). The built `airlock` binary checks the cache against `.ziphash` and `go.sum`;
//! every positive case has tampered twins that must fail with their code, including the forged
//! zip + ziphash that `go mod verify` itself passes.
//!
//! `golang-go` is installed by `scripts/test.sh`; a missing tool fails the test.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use tempfile::TempDir;

mod common;
use common::Run;

const AIRLOCK: &str = env!("CARGO_BIN_EXE_airlock");

fn sh(dir: &Path, script: &str) -> String {
    common::bash(dir, &[], script)
}

struct Fixture {
    root: PathBuf,
}

/// A proxy with example.com/Hello v1.0.0 (a capital letter: escaped `!hello` in the cache), a
/// module cache downloaded from it by `go`, and the app's go.sum.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        assert!(
            Command::new("sh")
                .arg("-c")
                .arg("command -v go")
                .status()
                .is_ok_and(|s| s.success()),
            "go is not installed (Debian package golang-go; scripts/test.sh installs it)"
        );
        // Under target/tmp, made afresh by each run (a static is never dropped, so a temporary
        // folder would be left behind).
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gomod-fixture");
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        sh(
            &root,
            concat!(
                "bash ",
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/make-modcache.sh ."
            ),
        );
        Fixture { root }
    })
}

/// A scratch folder with the proxy, a copy of the cache (`b/modcache`) and go.sum (`b/go.sum`).
fn scratch() -> TempDir {
    let f = fixture();
    let d = tempfile::Builder::new()
        .prefix("airlock-gomod-case-")
        .tempdir()
        .unwrap();
    sh(
        d.path(),
        &format!(
            "mkdir -p b && cp -r {0}/modcache b/ && cp {0}/app/go.sum b/ && cp -r {0}/app {0}/mkzip.go {0}/mod {0}/gocache .",
            f.root.display()
        ),
    );
    d
}

fn verify(dir: &Path, args: &[&str]) -> Run {
    common::run(AIRLOCK, dir, args)
}

const CACHE: &str = "b/modcache/cache/download/example.com/!hello/@v";
const TREE: &str = "b/modcache/example.com/!hello@v1.0.0";

#[test]
fn module_cache_folder_and_tar_gz_are_unsigned_with_modules_named() {
    let d = scratch();
    // Go wrote the zip with data descriptors (flag 0x8 in the first local header).
    let zip = fs::read(d.path().join(CACHE).join("v1.0.0.zip")).unwrap();
    assert_eq!(&zip[..4], b"PK\x03\x04");
    assert_ne!(zip[6] & 0x8, 0, "Go's archive/zip writes data descriptors");
    for target in ["b", "b.tar.gz"] {
        if target == "b.tar.gz" {
            sh(d.path(), "tar -czf b.tar.gz b");
        }
        let r = verify(d.path(), &[target]);
        assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);
        assert_eq!(r.code, 1);
        assert!(r.codes("problem").is_empty());
        let m = r.module();
        assert_eq!(m["path"], "example.com/Hello");
        assert_eq!(m["version"], "v1.0.0");
        assert_eq!(m["status"], "ok");
        // The same h1: go wrote in go.sum, computed four ways.
        let sum = fs::read_to_string(d.path().join("b/go.sum")).unwrap();
        let h1 = m["go_sum"].as_str().unwrap();
        assert!(sum.contains(&format!("example.com/Hello v1.0.0 {h1}")));
        assert_eq!(m["zip"], h1);
        assert_eq!(m["tree"], h1);
        assert_eq!(m["ziphash"], h1);
        assert_eq!(m["go_mod"], m["go_sum_mod"]);
        assert!(r.report["reason"]
            .as_str()
            .unwrap()
            .contains("example.com/Hello v1.0.0"));
    }
}

#[test]
fn module_cache_inside_a_signed_bundle_verifies() {
    let d = scratch();
    sh(
        d.path(),
        &format!(
            "{AIRLOCK} keygen -o k >/dev/null && {AIRLOCK} pack b -o b.tar.gz -k k.key >/dev/null"
        ),
    );
    let r = verify(d.path(), &["b.tar.gz", "--trusted-key", "k.pub"]);
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    assert_eq!(r.module()["status"], "ok");
}

#[test]
fn edited_file_in_module_tree_fails() {
    let d = scratch();
    sh(d.path(), &format!("echo '// x' >> {TREE}/hello.go"));
    let r = verify(d.path(), &["b"]);
    assert_eq!(r.verdict(), "failed");
    assert_eq!(r.codes("problem"), vec!["module-tree-changed".to_string()]);
    assert!(r
        .message("module-tree-changed")
        .contains("changed example.com/Hello@v1.0.0/hello.go"));
}

#[test]
fn added_file_in_module_tree_fails() {
    let d = scratch();
    sh(d.path(), &format!("echo 'package hello' > {TREE}/evil.go"));
    let r = verify(d.path(), &["b"]);
    assert_eq!(r.verdict(), "failed");
    assert_eq!(r.codes("problem"), vec!["module-tree-changed".to_string()]);
    assert!(r
        .message("module-tree-changed")
        .contains("added example.com/Hello@v1.0.0/evil.go"));
}

#[test]
fn changed_zip_fails() {
    let d = scratch();
    sh(
        d.path(),
        &format!("export GOCACHE=$PWD/gocache HOME=$PWD GOTOOLCHAIN=local\necho '// x' >> mod/hello.go && go run mkzip.go {CACHE}/v1.0.0.zip example.com/Hello@v1.0.0/ mod"),
    );
    let r = verify(d.path(), &["b"]);
    assert_eq!(r.verdict(), "failed");
    let p = r.codes("problem");
    assert!(p.contains(&"ziphash-mismatch".into()), "{p:?}");
    assert!(p.contains(&"go-sum-mismatch".into()), "{p:?}");
}

/// The forged zip and a ziphash rewritten to match: `go mod verify` (which trusts .ziphash)
/// passes it; against go.sum it fails.
#[test]
fn forged_zip_and_ziphash_pass_go_mod_verify_but_fail_here() {
    let d = scratch();
    let p = d.path();
    sh(
        p,
        &format!(
            "export GOCACHE=$PWD/gocache HOME=$PWD GOTOOLCHAIN=local
echo '// forged' >> mod/hello.go && echo '// forged' >> {TREE}/hello.go
go run mkzip.go {CACHE}/v1.0.0.zip example.com/Hello@v1.0.0/ mod"
        ),
    );
    // The forged ziphash: the zip's h1 as airlock computes it (checked above to equal Go's).
    let r = verify(p, &["b"]);
    let forged = r.module()["zip"].as_str().unwrap().to_string();
    assert_ne!(forged, r.module()["go_sum"].as_str().unwrap());
    fs::write(p.join(CACHE).join("v1.0.0.ziphash"), format!("{forged}\n")).unwrap();
    // go mod verify, over this very cache: all modules verified.
    let out = sh(
        p,
        "cd app && GOPROXY=off GOSUMDB=off GOFLAGS=-mod=mod GOMODCACHE=$PWD/../b/modcache GOCACHE=$PWD/../gocache HOME=$PWD/.. GOTOOLCHAIN=local go mod verify",
    );
    assert!(out.contains("all modules verified"), "{out}");
    let r = verify(p, &["b"]);
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    let codes = r.codes("problem");
    assert!(codes.contains(&"go-sum-mismatch".into()), "{codes:?}");
    assert!(!codes.contains(&"ziphash-mismatch".into()), "{codes:?}");
}

#[test]
fn go_sum_that_disagrees_fails() {
    let d = scratch();
    let sum = d.path().join("b/go.sum");
    let text = fs::read_to_string(&sum).unwrap();
    let line = text.lines().find(|l| l.contains("/go.mod")).unwrap();
    let h = line.split(' ').nth(2).unwrap();
    let forged = format!("h1:{}", "A".repeat(43) + "=");
    fs::write(&sum, text.replace(h, &forged)).unwrap();
    let r = verify(d.path(), &["b"]);
    assert_eq!(r.verdict(), "failed");
    assert_eq!(r.codes("problem"), vec!["go-sum-mismatch".to_string()]);
}

#[test]
fn edited_mod_file_fails() {
    let d = scratch();
    sh(
        d.path(),
        &format!("echo 'require evil.example v1.0.0' >> {CACHE}/v1.0.0.mod"),
    );
    let r = verify(d.path(), &["b"]);
    assert_eq!(r.verdict(), "failed");
    assert_eq!(r.codes("problem"), vec!["go-sum-mismatch".to_string()]);
}

/// A go.sum line for a module the cache does not carry is noted; a go.sum without any cache is
/// not looked at.
#[test]
fn go_sum_lines_not_carried_and_go_sum_alone() {
    let d = scratch();
    sh(
        d.path(),
        "echo 'example.com/other v1.2.3 h1:Tv0rcySE+/by4bgHdVR5j6MWyPywZv48KIDQrv7ScFo=' >> b/go.sum && echo 'example.com/other v1.2.3/go.mod h1:Tv0rcySE+/by4bgHdVR5j6MWyPywZv48KIDQrv7ScFo=' >> b/go.sum",
    );
    let r = verify(d.path(), &["b"]);
    assert_eq!(r.verdict(), "unsigned");
    assert_eq!(r.codes("info"), vec!["not-carried".to_string()]);
    sh(
        d.path(),
        "mkdir -p src && cp b/go.sum src/ && echo x > src/a.txt",
    );
    let r = verify(d.path(), &["src"]);
    assert!(r.report.get("go_modules").is_none());
    assert_eq!(r.verdict(), "error");
}

/// The project's go.sum given beside the bundle is read as a go.sum inside it is: one that agrees
/// names the modules (unsigned: it is evidence nobody signed); one that disagrees fails the cache.
/// Beside no bundle it is a plain file.
#[test]
fn go_sum_beside_the_bundle_is_compared_with_the_cache() {
    let d = scratch();
    sh(
        d.path(),
        "mkdir -p good bad && mv b/go.sum good/ && tar -czf b.tar.gz b && sed 's/^\\(example.com\\/Hello v1.0.0 h1:\\)./\\1A/' good/go.sum > bad/go.sum && ! cmp -s good/go.sum bad/go.sum",
    );
    // The cache alone: checked against its .ziphash only.
    let r = verify(d.path(), &["b.tar.gz"]);
    assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);
    assert!(r.module().get("go_sum").is_none(), "{:#}", r.report);
    for target in ["b.tar.gz", "b"] {
        let r = verify(d.path(), &[target, "good/go.sum"]);
        assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);
        assert_eq!(r.code, 1);
        assert!(r.codes("problem").is_empty(), "{:#}", r.report);
        assert_eq!(r.report["inputs"][1]["role"], "go-sum");
        let m = r.module();
        assert_eq!(m["path"], "example.com/Hello");
        assert_eq!(m["status"], "ok");
        let h1 = m["go_sum"].as_str().unwrap();
        assert_eq!(m["zip"], h1);
        assert_eq!(m["go_mod"], m["go_sum_mod"]);
        assert!(r.report["reason"]
            .as_str()
            .unwrap()
            .contains("example.com/Hello v1.0.0"));

        let r = verify(d.path(), &[target, "bad/go.sum"]);
        assert_eq!(r.verdict(), "failed", "{:#}", r.report);
        let codes = r.codes("problem");
        assert!(codes.contains(&"go-sum-mismatch".into()), "{codes:?}");
        assert!(r.message("go-sum-mismatch").contains("go.sum line 1"));
        assert_eq!(r.module()["status"], "mismatch");
    }
    // Beside no bundle, a go.sum is a file like any other.
    let r = verify(d.path(), &["good/go.sum"]);
    assert_eq!(r.report["inputs"][0]["role"], "file");
    assert!(r.report.get("go_modules").is_none());
}

/// Beside a bundle whose signature verifies, a go.sum that disagrees still fails it; one that
/// agrees changes nothing (it never vouches for anything itself).
#[test]
fn go_sum_beside_a_signed_bundle_can_only_fail_it() {
    let d = scratch();
    sh(
        d.path(),
        &format!(
            "mkdir -p good bad && mv b/go.sum good/ && sed 's/^\\(example.com\\/Hello v1.0.0 h1:\\)./\\1A/' good/go.sum > bad/go.sum && {AIRLOCK} keygen -o k >/dev/null && {AIRLOCK} pack b -o b.tar.gz -k k.key >/dev/null"
        ),
    );
    let r = verify(
        d.path(),
        &["b.tar.gz", "good/go.sum", "--trusted-key", "k.pub"],
    );
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    assert!(r.codes("problem").is_empty(), "{:#}", r.report);
    assert_eq!(r.module()["status"], "ok");
    let r = verify(
        d.path(),
        &["b.tar.gz", "bad/go.sum", "--trusted-key", "k.pub"],
    );
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert!(r.codes("problem").contains(&"go-sum-mismatch".into()));
}

/// A go.sum given beside is still a file handed over: a release's list of artifacts that names it
/// checks its bytes (a go.sum that agrees with the cache but not with the list fails).
#[test]
fn go_sum_beside_is_still_checked_by_a_list_naming_it() {
    let d = scratch();
    sh(
        d.path(),
        "mv b/go.sum . && tar -czf b.tar.gz b && sha256sum b.tar.gz go.sum > SHA256SUMS",
    );
    let r = verify(d.path(), &["b.tar.gz", "go.sum", "SHA256SUMS"]);
    assert_eq!(r.verdict(), "unsigned", "{:#}", r.report);
    assert!(r.codes("problem").is_empty(), "{:#}", r.report);
    assert_eq!(r.module()["go_sum"], r.module()["zip"]);
    // The same lines, another order: the same claims for the cache, other bytes for the list.
    sh(d.path(), "sort -r go.sum > x && mv x go.sum");
    let r = verify(d.path(), &["b.tar.gz", "go.sum", "SHA256SUMS"]);
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert_eq!(r.codes("problem"), vec!["hash-mismatch".to_string()]);
    assert_eq!(r.module()["status"], "ok");
}

/// The module cache packed as one tar.gz inside a signed release, with the project's go.sum at
/// the release's root (how the guides carry it): the cache is opened as the bundle streams by and
/// checked against that go.sum; a go.sum that disagrees fails the signed bundle.
#[test]
fn module_cache_tar_gz_inside_a_bundle_is_opened() {
    let d = scratch();
    let p = d.path();
    sh(
        p,
        &format!(
            "mkdir rel && tar -C b -czf rel/modcache.tar.gz modcache && cp b/go.sum rel/ \
             && {AIRLOCK} keygen -o k >/dev/null && {AIRLOCK} pack rel -o rel.tar.gz -k k.key >/dev/null"
        ),
    );
    let r = verify(p, &["rel.tar.gz", "--trusted-key", "k.pub"]);
    assert_eq!(r.verdict(), "verified", "{:#}", r.report);
    let m = r.module();
    assert_eq!(m["path"], "example.com/Hello");
    assert_eq!(m["archive"], "rel/modcache.tar.gz");
    assert_eq!(m["root"], "rel/modcache.tar.gz/modcache");
    assert_eq!(m["status"], "ok");
    assert_eq!(m["go_sum"], m["zip"]);
    assert_eq!(m["go_sum"], m["tree"]);

    let sum = fs::read_to_string(p.join("rel/go.sum")).unwrap();
    let h1 = m["go_sum"].as_str().unwrap().to_string();
    let forged = format!("h1:{}=", "A".repeat(43));
    fs::write(p.join("rel/go.sum"), sum.replace(&h1, &forged)).unwrap();
    sh(
        p,
        &format!("rm rel.tar.gz && {AIRLOCK} pack rel -o rel.tar.gz -k k.key >/dev/null"),
    );
    let r = verify(p, &["rel.tar.gz", "--trusted-key", "k.pub"]);
    assert_eq!(r.verdict(), "failed", "{:#}", r.report);
    assert!(r.codes("problem").contains(&"go-sum-mismatch".to_string()));
}
