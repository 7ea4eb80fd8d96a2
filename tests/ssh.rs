//! SSH signatures (`ssh-keygen -Y sign`) end to end: keys, `allowed_signers` files, signatures
//! and bundles made at test time by Debian's `ssh-keygen` (OpenSSH), `sha256sum`, GNU `tar` and
//! `gzip`; the built `airlock` binary checks them, and `ssh-keygen -Y verify` is run beside it on
//! the same files to show the two agree. Every positive case has a negative beside it. A missing
//! tool fails the test (nothing is skipped).
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

mod common;

const AIRLOCK: &str = env!("CARGO_BIN_EXE_airlock");

struct Scratch {
    dir: TempDir,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            dir: tempfile::Builder::new()
                .prefix("airlock-ssh-")
                .tempdir()
                .expect("temp dir"),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Run a bash script here; it must succeed. Returns stdout.
    fn sh(&self, script: &str) -> String {
        common::bash(self.dir.path(), &[], script)
    }

    fn sh_status(&self, script: &str) -> Output {
        common::bash_status(self.dir.path(), &[], script)
    }

    /// `airlock verify ARGS --json`: (exit code, report, stderr).
    fn verify(&self, args: &[&str]) -> (i32, Value, String) {
        common::verify_json(AIRLOCK, self.dir.path(), args)
    }

    /// Make an SSH key pair `name` (`name.pub`) with `ssh-keygen`.
    fn keygen(&self, name: &str, kind: &str) {
        let (t, bits) = match kind {
            "ed25519" => ("ed25519", ""),
            "p256" => ("ecdsa", "-b 256"),
            "p384" => ("ecdsa", "-b 384"),
            "rsa2048" => ("rsa", "-b 2048"),
            "rsa1024" => ("rsa", "-b 1024"),
            _ => panic!("kind {kind}"),
        };
        self.sh(&format!(
            "ssh-keygen -q -t {t} {bits} -N '' -C '{name}@example.com' -f {name}"
        ));
    }

    /// A release folder `rel/` with a few files and a `SHA256SUMS`.
    fn payload(&self) {
        self.sh("mkdir -p rel/bin rel/docs
             printf 'tool v1\\n' > rel/bin/tool
             head -c 70000 /dev/urandom > rel/data.bin
             printf 'read me\\n' > rel/docs/README
             (cd rel && sha256sum bin/tool data.bin docs/README > SHA256SUMS)");
    }

    /// Sign `rel/SHA256SUMS` with key `key` in namespace `ns`, and pack `bundle.tar.gz`.
    fn signed_bundle(&self, key: &str, ns: &str) {
        self.payload();
        self.sh(&format!(
            "ssh-keygen -q -Y sign -n {ns} -f {key} rel/SHA256SUMS
             tar -czf bundle.tar.gz rel"
        ));
    }

    /// `SHA256:…` as `ssh-keygen -l` prints it.
    fn fingerprint(&self, pub_file: &str) -> String {
        self.sh(&format!("ssh-keygen -l -E sha256 -f {pub_file}"))
            .split_whitespace()
            .nth(1)
            .expect("fingerprint")
            .to_string()
    }

    /// What `ssh-keygen -Y verify` decides for `file` + `sig` with `allowed` (namespace `file`).
    fn ssh_keygen_verifies(&self, allowed: &str, principal: &str, file: &str, sig: &str) -> bool {
        self.sh_status(&format!(
            "ssh-keygen -Y verify -f {allowed} -I {principal} -n file -s {sig} < {file}"
        ))
        .status
        .success()
    }

    fn allowed_signers(&self, name: &str, line_prefix: &str, pub_file: &str) {
        self.sh(&format!(
            "printf '%s %s\\n' '{line_prefix}' \"$(cat {pub_file})\" > {name}"
        ));
    }
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|x| x["code"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn assert_verified(code: i32, report: &Value) {
    assert_eq!(report["verdict"], "verified", "{report:#}");
    assert_eq!(code, 0);
}

fn assert_failed_with(code: i32, report: &Value, want: &str) {
    assert_eq!(report["verdict"], "failed", "{report:#}");
    assert_eq!(code, 1);
    assert!(
        codes(report).iter().any(|c| c == want),
        "no {want} finding: {report:#}"
    );
}

fn verified_with(kind: &str, algorithm: &str) {
    let s = Scratch::new();
    s.keygen("release", kind);
    s.signed_bundle("release", "file");
    s.allowed_signers("allowed", "release@example.com", "release.pub");
    assert!(s.ssh_keygen_verifies(
        "allowed",
        "release@example.com",
        "rel/SHA256SUMS",
        "rel/SHA256SUMS.sig"
    ));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "release.pub"]);
    assert_verified(code, &report);
    let sig = &report["signatures"][0];
    assert_eq!(sig["format"], "ssh");
    assert_eq!(sig["status"], "valid");
    assert_eq!(sig["key_id"], s.fingerprint("release.pub"));
    assert_eq!(sig["algorithm"], algorithm, "{report:#}");
    assert_eq!(sig["hash_algorithm"], "sha512");
    let key = &report["keys"][0];
    assert_eq!(key["format"], "ssh");
    assert_eq!(key["key_id"], s.fingerprint("release.pub"));

    // Negative beside it: one byte of a listed file changed, after signing.
    s.sh("printf 'tool v2\\n' > rel/bin/tool && tar -czf tampered.tar.gz rel");
    let (code, report, _) = s.verify(&["tampered.tar.gz", "--trusted-key", "release.pub"]);
    assert_failed_with(code, &report, "hash-mismatch");
}

#[test]
fn ed25519_signed_list_verifies_and_tampering_fails() {
    verified_with("ed25519", "ssh-ed25519 (sha512)");
}

#[test]
fn ecdsa_p256_signed_list_verifies_and_tampering_fails() {
    verified_with("p256", "ecdsa-sha2-nistp256 (sha512)");
}

#[test]
fn ecdsa_p384_signed_list_verifies_and_tampering_fails() {
    verified_with("p384", "ecdsa-sha2-nistp384 (sha512)");
}

#[test]
fn rsa_2048_signed_list_verifies_and_tampering_fails() {
    verified_with("rsa2048", "rsa-sha2-512 (sha512)");
}

#[test]
fn rsa_1024_is_refused() {
    let s = Scratch::new();
    s.keygen("release", "rsa1024");
    s.signed_bundle("release", "file");
    // ssh-keygen itself accepts the signature: the refusal is Airlock's policy.
    s.allowed_signers("allowed", "release@example.com", "release.pub");
    assert!(s.ssh_keygen_verifies(
        "allowed",
        "release@example.com",
        "rel/SHA256SUMS",
        "rel/SHA256SUMS.sig"
    ));
    // As a trusted key: refused at once.
    let (code, _, stderr) = s.verify(&["bundle.tar.gz", "--trusted-key", "release.pub"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("1024 bits"), "{stderr}");
    // With no key: the signature itself is refused.
    let (code, report, _) = s.verify(&["bundle.tar.gz"]);
    assert_failed_with(code, &report, "refused-signature");
}

#[test]
fn git_namespace_never_verifies_a_release() {
    let s = Scratch::new();
    s.keygen("release", "ed25519");
    s.signed_bundle("release", "git");
    s.allowed_signers("allowed", "release@example.com", "release.pub");
    assert!(!s.ssh_keygen_verifies(
        "allowed",
        "release@example.com",
        "rel/SHA256SUMS",
        "rel/SHA256SUMS.sig"
    ));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "release.pub"]);
    assert_failed_with(code, &report, "refused-signature");
    let msg = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "refused-signature")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("namespace \"git\""), "{msg}");
}

#[test]
fn signature_over_the_bundle_file_is_streamed() {
    let s = Scratch::new();
    s.keygen("release", "ed25519");
    s.payload();
    s.sh("tar -czf bundle.tar.gz rel && ssh-keygen -q -Y sign -n file -f release bundle.tar.gz");
    s.allowed_signers("allowed", "ops", "release.pub");
    assert!(s.ssh_keygen_verifies("allowed", "ops", "bundle.tar.gz", "bundle.tar.gz.sig"));
    let (code, report, _) = s.verify(&[
        "bundle.tar.gz",
        "bundle.tar.gz.sig",
        "--trusted-key",
        "release.pub",
    ]);
    assert_verified(code, &report);
    assert_eq!(report["signatures"][0]["covers"], "bundle.tar.gz");

    // One byte of the bundle file changed: bad signature, for ssh-keygen too.
    s.sh("cp bundle.tar.gz t.tar.gz && perl -e 'open(F, \"+<\", \"t.tar.gz\") or die; seek(F, 100, 0); read(F, $b, 1); seek(F, 100, 0); print F chr(ord($b) ^ 0xff)'
          cp bundle.tar.gz.sig t.tar.gz.sig");
    assert!(!s.ssh_keygen_verifies("allowed", "ops", "t.tar.gz", "t.tar.gz.sig"));
    let (code, report, _) = s.verify(&["t.tar.gz", "t.tar.gz.sig", "--trusted-key", "release.pub"]);
    assert_eq!(report["verdict"], "failed", "{report:#}");
    assert_eq!(code, 1);
    assert!(codes(&report)
        .iter()
        .any(|c| c == "bad-signature" || c == "corrupt-archive"));
    assert_ne!(report["signatures"][0]["status"], "valid");
}

#[test]
fn another_key_or_an_offered_key_is_not_trusted() {
    let s = Scratch::new();
    s.keygen("release", "ed25519");
    s.keygen("other", "ed25519");
    s.signed_bundle("release", "file");
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "other.pub"]);
    assert_failed_with(code, &report, "untrusted-key");
    assert_eq!(report["signatures"][0]["status"], "unknown-key");
    // The signer's key handed over as an input: listed, never trusted.
    let (code, report, _) = s.verify(&["bundle.tar.gz", "release.pub"]);
    assert_failed_with(code, &report, "untrusted-key");
    assert_eq!(report["signatures"][0]["status"], "valid-untrusted");
    assert_eq!(report["keys"][0]["source"], "input");
    assert_eq!(report["keys"][0]["trusted"], false);
}

#[test]
fn forged_signature_bytes_fail() {
    let s = Scratch::new();
    s.keygen("release", "ed25519");
    s.signed_bundle("release", "file");
    // Sign another list with the same key and put that signature beside this list.
    s.sh(
        "printf 'other\\n' > other && ssh-keygen -q -Y sign -n file -f release other
          cp other.sig rel/SHA256SUMS.sig && tar -czf forged.tar.gz rel",
    );
    let (code, report, _) = s.verify(&["forged.tar.gz", "--trusted-key", "release.pub"]);
    assert_failed_with(code, &report, "bad-signature");
}

#[test]
fn allowed_signers_principals_namespaces_and_validity() {
    let s = Scratch::new();
    s.keygen("release", "ed25519");
    s.signed_bundle("release", "file");
    let check = |prefix: &str, ours: bool| {
        s.allowed_signers("allowed", prefix, "release.pub");
        let theirs = s.ssh_keygen_verifies(
            "allowed",
            "release@example.com",
            "rel/SHA256SUMS",
            "rel/SHA256SUMS.sig",
        );
        assert_eq!(theirs, ours, "ssh-keygen disagrees for {prefix}");
        let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "allowed"]);
        if ours {
            assert_verified(code, &report);
            assert_eq!(report["signatures"][0]["principal"], "release@example.com");
            assert_eq!(report["keys"][0]["principals"], "release@example.com");
        } else {
            assert_failed_with(code, &report, "refused-signature");
        }
    };
    check("release@example.com", true);
    check("release@example.com namespaces=\"file\"", true);
    check("release@example.com namespaces=\"git,file\"", true);
    check("release@example.com namespaces=\"git\"", false);
    check("release@example.com valid-after=\"20200101\"", true);
    check("release@example.com valid-after=\"29990101\"", false);
    check("release@example.com valid-before=\"20200101\"", false);
    check(
        "release@example.com valid-after=\"20200101\",valid-before=\"29990101Z\"",
        true,
    );
}

#[test]
fn cert_authority_lines_are_not_trusted() {
    let s = Scratch::new();
    s.keygen("release", "ed25519");
    s.keygen("ca", "ed25519");
    s.signed_bundle("release", "file");
    // Only a cert-authority line: no usable key.
    s.sh("printf '*@example.com cert-authority %s\\n' \"$(cat release.pub)\" > allowed");
    let (code, _, stderr) = s.verify(&["bundle.tar.gz", "--trusted-key", "allowed"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cert-authority"), "{stderr}");
    // A cert-authority line for the signing key beside a line for another key: the signing key
    // is still not trusted, and the skipped line is said.
    s.sh("printf 'ops %s\\n' \"$(cat ca.pub)\" >> allowed");
    let (code, report, stderr) = s.verify(&["bundle.tar.gz", "--trusted-key", "allowed"]);
    assert_failed_with(code, &report, "untrusted-key");
    assert!(stderr.contains("cert-authority"), "{stderr}");
}

#[test]
fn ssh_files_are_recognised_by_content() {
    let s = Scratch::new();
    s.keygen("release", "p256");
    s.signed_bundle("release", "file");
    // Renamed: what each input is comes from its content.
    s.sh("cp rel/SHA256SUMS list && cp rel/SHA256SUMS.sig signature && cp release.pub trusted");
    let (_, report, _) = s.verify(&["list", "signature", "trusted", "--trusted-key", "trusted"]);
    // The signature is matched to the list by content and verifies (the listed files are not
    // given, so the verdict itself is failed: missing).
    assert_eq!(report["signatures"][0]["status"], "valid", "{report:#}");
    assert_eq!(report["signatures"][0]["covers"], "list");
    let roles: Vec<&str> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["checksum-list", "ssh-signature", "ssh-key"]);
    assert!(Path::new(&s.path("trusted")).exists());
}
