//! OpenPGP end to end: certificates, subkeys, signatures and bundles made at test time by
//! Debian's `gpg` (GnuPG 2.2, `GNUPGHOME` in a temp folder, empty passphrases, `--batch`),
//! `sha256sum`, GNU `tar` and `gzip`; the built `airlock` binary checks them, with `gpg --verify`
//! run beside it where the two should agree. OpenPGP v6 (RFC 9580), which gpg 2.2 cannot make,
//! is made by rPGP from a fixed seed. Every positive case has a negative beside it. A missing tool
//! fails the test (nothing is skipped).
#![cfg(unix)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use pgp::ser::Serialize;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use tempfile::TempDir;

mod common;

const AIRLOCK: &str = env!("CARGO_BIN_EXE_airlock");

struct Scratch {
    dir: TempDir,
}

impl Scratch {
    fn new() -> Self {
        let s = Scratch {
            dir: tempfile::Builder::new()
                .prefix("airlock-pgp-")
                .tempdir()
                .expect("temp dir"),
        };
        s.sh("mkdir -m 700 gnupg");
        s
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("gnupg")
    }

    /// Run a bash script here (with `GNUPGHOME` set); it must succeed. Returns stdout.
    fn sh(&self, script: &str) -> String {
        common::bash(
            self.dir.path(),
            &[("GNUPGHOME", self.home().as_os_str())],
            script,
        )
    }

    fn sh_status(&self, script: &str) -> Output {
        common::bash_status(
            self.dir.path(),
            &[("GNUPGHOME", self.home().as_os_str())],
            script,
        )
    }

    /// `airlock verify ARGS --json`: (exit code, report, stderr).
    fn verify(&self, args: &[&str]) -> (i32, Value, String) {
        common::verify_json(AIRLOCK, self.dir.path(), args)
    }

    /// A new certificate; returns its primary fingerprint. `extra` is passed to gpg (e.g.
    /// `--faked-system-time`).
    fn gen_key(&self, uid: &str, algo: &str, usage: &str, expire: &str, extra: &str) -> String {
        self.sh(&format!(
            "gpg --batch --quiet --passphrase '' {extra} --quick-gen-key '{uid}' {algo} {usage} {expire}"
        ));
        self.fpr(uid)
    }

    fn fpr(&self, uid: &str) -> String {
        self.sh(&format!("gpg --with-colons --list-keys '{uid}'"))
            .lines()
            .find(|l| l.starts_with("fpr:"))
            .and_then(|l| l.split(':').nth(9))
            .expect("fingerprint")
            .to_string()
    }

    /// Add a signing subkey; returns its long key ID.
    fn add_subkey(&self, fpr: &str, algo: &str, extra: &str) -> String {
        self.sh(&format!(
            "gpg --batch --quiet --passphrase '' {extra} --quick-add-key {fpr} {algo} sign never"
        ));
        self.sh(&format!("gpg --with-colons --list-keys {fpr}"))
            .lines()
            .rfind(|l| l.starts_with("sub:"))
            .and_then(|l| l.split(':').nth(4))
            .expect("subkey id")
            .to_string()
    }

    /// A release folder `rel/` with a few files and a `SHA256SUMS`.
    fn payload(&self) {
        self.sh("mkdir -p rel/bin rel/docs
             printf 'tool v1\\n' > rel/bin/tool
             head -c 70000 /dev/urandom > rel/data.bin
             printf 'read me\\n' > rel/docs/README
             (cd rel && sha256sum bin/tool data.bin docs/README > SHA256SUMS)");
    }

    fn gpg_verifies(&self, sig: &str, file: Option<&str>) -> bool {
        self.sh_status(&format!(
            "gpg --batch --verify {sig} {}",
            file.unwrap_or("")
        ))
        .status
        .success()
    }
}

/// Stop the gpg-agents this test started (one per home: `gnupg`, `gnupg-b`, and the `home-*` of
/// `gpg_decides`, where importing starts one), before the folder goes.
impl Drop for Scratch {
    fn drop(&mut self) {
        let Ok(entries) = std::fs::read_dir(self.dir.path()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let dir = entry.path();
            if (name.starts_with("gnupg") || name.starts_with("home-")) && dir.is_dir() {
                let _ = Command::new("gpgconf")
                    .args(["--kill", "gpg-agent"])
                    .env("GNUPGHOME", &dir)
                    .stdin(Stdio::null())
                    .output();
            }
        }
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

fn message_of(report: &Value, code: &str) -> String {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .map(|f| f["message"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn ed25519_subkey_under_certify_only_primary() {
    let s = Scratch::new();
    let fpr = s.gen_key("Release <rel@example.com>", "ed25519", "cert", "never", "");
    let sub = s.add_subkey(&fpr, "ed25519", "");
    s.payload();
    s.sh(&format!(
        "gpg --batch -u {sub}! --detach-sign rel/SHA256SUMS
         tar -czf bundle.tar.gz rel
         gpg --export {fpr} > release.gpg"
    ));
    assert!(s.gpg_verifies("rel/SHA256SUMS.sig", Some("rel/SHA256SUMS")));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "release.gpg"]);
    assert_verified(code, &report);
    let sig = &report["signatures"][0];
    assert_eq!(sig["format"], "openpgp");
    assert_eq!(sig["primary_fingerprint"], fpr.as_str());
    assert_eq!(sig["signing_key"], sub.as_str());
    assert_eq!(sig["user_id"], "Release <rel@example.com>");
    assert!(sig["created"].as_str().unwrap().ends_with("UTC"));
    assert!(sig["hash_algorithm"].as_str().unwrap().starts_with("SHA"));
    assert_eq!(report["keys"][0]["key_id"], fpr.as_str());
    assert_eq!(report["keys"][0]["format"], "openpgp");

    // Negatives: a changed file, and another key trusted instead.
    s.sh("printf 'tool v2\\n' > rel/bin/tool && tar -czf tampered.tar.gz rel");
    let (code, report, _) = s.verify(&["tampered.tar.gz", "--trusted-key", "release.gpg"]);
    assert_failed_with(code, &report, "hash-mismatch");
    s.gen_key("Other <other@example.com>", "ed25519", "sign", "never", "");
    s.sh("gpg --export other@example.com > other.gpg");
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "other.gpg"]);
    assert_failed_with(code, &report, "untrusted-key");
    // The signer's certificate handed over as an input: listed, never trusted.
    let (code, report, _) = s.verify(&["bundle.tar.gz", "release.gpg"]);
    assert_failed_with(code, &report, "untrusted-key");
    assert_eq!(report["signatures"][0]["status"], "valid-untrusted");
}

#[test]
fn rsa_3072_armored_signature_and_armored_key() {
    let s = Scratch::new();
    let fpr = s.gen_key("Rsa <rsa@example.com>", "rsa3072", "sign", "never", "");
    s.payload();
    s.sh(&format!(
        "gpg --batch --armor --detach-sign rel/SHA256SUMS
         tar -czf bundle.tar.gz rel
         gpg --armor --export {fpr} > release.asc"
    ));
    assert!(s.gpg_verifies("rel/SHA256SUMS.asc", Some("rel/SHA256SUMS")));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "release.asc"]);
    assert_verified(code, &report);
    assert_eq!(
        report["signatures"][0]["signing_key"],
        fpr[24..].to_string()
    );
    // Negative: the armored signature of another list.
    s.sh(
        "printf 'x\\n' > other && gpg --batch --armor --detach-sign other
          cp other.asc rel/SHA256SUMS.asc && tar -czf forged.tar.gz rel",
    );
    assert!(!s.gpg_verifies("rel/SHA256SUMS.asc", Some("rel/SHA256SUMS")));
    let (code, report, _) = s.verify(&["forged.tar.gz", "--trusted-key", "release.asc"]);
    assert_failed_with(code, &report, "bad-signature");
}

#[test]
fn nistp256_and_two_certificates_in_one_keyring() {
    let s = Scratch::new();
    s.gen_key("First <first@example.com>", "ed25519", "sign", "never", "");
    let fpr = s.gen_key("P256 <p256@example.com>", "nistp256", "sign", "never", "");
    s.payload();
    s.sh(&format!(
        "gpg --batch -u {fpr}! --detach-sign rel/SHA256SUMS
         tar -czf bundle.tar.gz rel
         gpg --export > keyring.gpg"
    ));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "keyring.gpg"]);
    assert_verified(code, &report);
    assert_eq!(report["keys"].as_array().unwrap().len(), 2);
    assert_eq!(report["signatures"][0]["primary_fingerprint"], fpr.as_str());
    // Negative: the keyring without that certificate.
    s.sh("gpg --export first@example.com > first.gpg");
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "first.gpg"]);
    assert_failed_with(code, &report, "untrusted-key");
}

#[test]
fn cleartext_signed_list_is_read_from_the_signed_text() {
    let s = Scratch::new();
    let fpr = s.gen_key("Clear <clear@example.com>", "ed25519", "sign", "never", "");
    s.payload();
    // The only list is the clearsigned one (a dash-led line is dash-escaped by gpg).
    s.sh(&format!(
        "cd rel && printf -- '- not a list line\\n' > /dev/null
         gpg --batch --clearsign -o SHA256SUMS.asc SHA256SUMS && rm SHA256SUMS && cd ..
         tar -czf bundle.tar.gz rel && gpg --export {fpr} > release.gpg"
    ));
    assert!(s.gpg_verifies("rel/SHA256SUMS.asc", None));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "release.gpg"]);
    assert_verified(code, &report);
    assert_eq!(report["signatures"][0]["format"], "openpgp-cleartext");
    assert_eq!(report["lists"][0]["lines"], 3);
    // Negative: one hash in the signed text edited (a file changed to match it).
    s.sh("printf 'tool v2\\n' > rel/bin/tool
          h=$(sha256sum rel/bin/tool | cut -d' ' -f1)
          sed -i \"s/^[0-9a-f]\\{64\\}  bin\\/tool$/$h  bin\\/tool/\" rel/SHA256SUMS.asc
          tar -czf edited.tar.gz rel");
    assert!(!s.gpg_verifies("rel/SHA256SUMS.asc", None));
    let (code, report, _) = s.verify(&["edited.tar.gz", "--trusted-key", "release.gpg"]);
    assert_failed_with(code, &report, "bad-signature");
}

#[test]
fn detached_signature_over_the_bundle_file_is_streamed() {
    let s = Scratch::new();
    let fpr = s.gen_key(
        "Bundle <bundle@example.com>",
        "ed25519",
        "sign",
        "never",
        "",
    );
    s.payload();
    s.sh(&format!(
        "tar -czf bundle.tar.gz rel && gpg --batch --detach-sign bundle.tar.gz
         gpg --armor --export {fpr} > release.asc"
    ));
    assert!(s.gpg_verifies("bundle.tar.gz.sig", Some("bundle.tar.gz")));
    let (code, report, _) = s.verify(&[
        "bundle.tar.gz",
        "bundle.tar.gz.sig",
        "--trusted-key",
        "release.asc",
    ]);
    assert_verified(code, &report);
    assert_eq!(report["signatures"][0]["covers"], "bundle.tar.gz");
    // Negative: one byte of the bundle file changed.
    s.sh("cp bundle.tar.gz t.tar.gz && perl -e 'open(F, \"+<\", \"t.tar.gz\") or die; seek(F, 100, 0); read(F, $b, 1); seek(F, 100, 0); print F chr(ord($b) ^ 0xff)'
          cp bundle.tar.gz.sig t.tar.gz.sig");
    assert!(!s.gpg_verifies("t.tar.gz.sig", Some("t.tar.gz")));
    let (code, report, _) = s.verify(&["t.tar.gz", "t.tar.gz.sig", "--trusted-key", "release.asc"]);
    assert_eq!(report["verdict"], "failed", "{report:#}");
    assert_eq!(code, 1);
    assert_ne!(report["signatures"][0]["status"], "valid");
}

#[test]
fn sha1_data_signature_is_refused() {
    let s = Scratch::new();
    let fpr = s.gen_key("Sha1 <sha1@example.com>", "rsa3072", "sign", "never", "");
    s.payload();
    s.sh(&format!(
        "gpg --batch --digest-algo SHA1 --detach-sign rel/SHA256SUMS
         tar -czf bundle.tar.gz rel && gpg --export {fpr} > release.gpg"
    ));
    // gpg 2.2 still accepts it; Airlock refuses it.
    assert!(s.gpg_verifies("rel/SHA256SUMS.sig", Some("rel/SHA256SUMS")));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "release.gpg"]);
    assert_failed_with(code, &report, "refused-signature");
    assert!(message_of(&report, "refused-signature").contains("SHA1"));
    // Positive beside it: the same key with SHA-256.
    s.sh(
        "gpg --batch --yes --digest-algo SHA256 --detach-sign rel/SHA256SUMS
          tar -czf good.tar.gz rel",
    );
    let (code, report, _) = s.verify(&["good.tar.gz", "--trusted-key", "release.gpg"]);
    assert_verified(code, &report);
}

#[test]
fn rsa_1024_is_refused() {
    let s = Scratch::new();
    let fpr = s.gen_key("Short <short@example.com>", "rsa1024", "sign", "never", "");
    s.payload();
    s.sh(&format!(
        "gpg --batch --detach-sign rel/SHA256SUMS
         tar -czf bundle.tar.gz rel && gpg --export {fpr} > release.gpg"
    ));
    assert!(s.gpg_verifies("rel/SHA256SUMS.sig", Some("rel/SHA256SUMS")));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "release.gpg"]);
    assert_failed_with(code, &report, "refused-signature");
    assert!(message_of(&report, "refused-signature").contains("1024 bits"));
}

#[test]
fn expired_key_signs_nothing_after_its_expiry() {
    let s = Scratch::new();
    // Made on 2020-01-01, valid for one day.
    let t0 = "--faked-system-time 20200101T000000!";
    let fpr = s.gen_key("Exp <exp@example.com>", "ed25519", "sign", "1d", t0);
    s.payload();
    s.sh(&format!(
        "gpg --batch --export {fpr} > release.gpg
         gpg --batch --faked-system-time 20200101T010000! -o in-time.sig --detach-sign rel/SHA256SUMS
         cp in-time.sig rel/SHA256SUMS.sig && tar -czf in-time.tar.gz rel"
    ));
    let (code, report, _) = s.verify(&["in-time.tar.gz", "--trusted-key", "release.gpg"]);
    assert_verified(code, &report);
    // gpg refuses to sign with an expired key, so the late signature (2020-01-05) is made in a
    // copy of the keyring where the expiry was pushed back to a year; the certificate trusted is
    // the original one, which says the key expired on 2020-01-02.
    s.sh(&format!(
        "cp -a gnupg gnupg-b
         GNUPGHOME=$PWD/gnupg-b gpg --batch --passphrase '' --faked-system-time 20200101T003000! --quick-set-expire {fpr} 1y
         GNUPGHOME=$PWD/gnupg-b gpg --batch --faked-system-time 20200105T000000! -o late.sig --detach-sign rel/SHA256SUMS
         cp late.sig rel/SHA256SUMS.sig && tar -czf late.tar.gz rel"
    ));
    // The signature made while the key was valid verifies (gpg says "Good signature" for it).
    let (code, report, _) = s.verify(&["in-time.tar.gz", "--trusted-key", "release.gpg"]);
    assert_verified(code, &report);
    // With the extended certificate, the late one verifies too; with the original, it is refused.
    s.sh("GNUPGHOME=$PWD/gnupg-b gpg --export > extended.gpg");
    let (code, report, _) = s.verify(&["late.tar.gz", "--trusted-key", "extended.gpg"]);
    assert_verified(code, &report);
    let (code, report, _) = s.verify(&["late.tar.gz", "--trusted-key", "release.gpg"]);
    assert_failed_with(code, &report, "refused-signature");
    assert!(
        message_of(&report, "refused-signature").contains("expired"),
        "{report:#}"
    );
}

#[test]
fn revoked_subkey_does_not_verify() {
    let s = Scratch::new();
    let fpr = s.gen_key("Rev <rev@example.com>", "ed25519", "cert", "never", "");
    let sub = s.add_subkey(&fpr, "ed25519", "");
    s.payload();
    s.sh(&format!(
        "gpg --batch -u {sub}! --detach-sign rel/SHA256SUMS && tar -czf bundle.tar.gz rel
         gpg --export {fpr} > before.gpg"
    ));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "before.gpg"]);
    assert_verified(code, &report);
    // Revoke the subkey (reason 0: no reason, a hard revocation).
    s.sh(&format!(
        "printf 'key 1\\nrevkey\\ny\\n0\\n\\ny\\nsave\\n' | gpg --batch --yes --passphrase '' --pinentry-mode loopback --command-fd 0 --edit-key {fpr} >/dev/null 2>&1
         gpg --with-colons --list-keys {fpr} | grep -q '^sub:r:'
         gpg --export {fpr} > after.gpg"
    ));
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "after.gpg"]);
    assert_failed_with(code, &report, "refused-signature");
    assert!(message_of(&report, "refused-signature").contains("revoked"));
}

#[test]
fn openpgp_files_are_recognised_by_content() {
    let s = Scratch::new();
    let fpr = s.gen_key("Role <role@example.com>", "ed25519", "sign", "never", "");
    s.payload();
    s.sh(&format!(
        "gpg --batch --detach-sign -o sig.bin rel/SHA256SUMS
         gpg --batch --clearsign -o clear.txt rel/SHA256SUMS
         gpg --export {fpr} > key.bin && gpg --armor --export {fpr} > key.txt"
    ));
    let (_, report, _) = s.verify(&[
        "rel/SHA256SUMS",
        "sig.bin",
        "clear.txt",
        "key.bin",
        "key.txt",
    ]);
    let roles: Vec<&str> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        [
            "checksum-list",
            "openpgp-signature",
            "openpgp-cleartext",
            "openpgp-key",
            "openpgp-key"
        ]
    );
    // A PNG (0x89 'P' 'N' 'G', an old-format signature tag) stays a plain file, and so does a
    // cleartext-signed file that is not a checksum list (an apt mirror's InRelease).
    s.sh("printf '\\x89PNG\\r\\n\\x1a\\n0000' > img.png
          printf 'Origin: Debian\\nSuite: stable\\n' > release && gpg --batch --clearsign -o InRelease release");
    let (_, report, _) = s.verify(&["rel/SHA256SUMS", "img.png", "InRelease"]);
    assert_eq!(report["inputs"][1]["role"], "file");
    assert_eq!(report["inputs"][2]["role"], "file");
}

// ----- Several signatures in one file -----------------------------------------------------------
//
// What gpg 2.2 decides, measured here with `gpg --verify` and with `gpgv` (each test below runs
// both beside Airlock, through `gpg_decides`): it checks the signature packets of a file in order
// and prints a status line for each; it exits 0 when every signature it checked is good (whether
// or not the key is certified: gpg's exit status says nothing about trust), 1 when one is BAD —
// and it **stops at the first BAD one**, the signatures after it are never checked — and 2 when
// one cannot be checked for lack of its public key, even beside a good one. It accepts SHA-1.
//
// Airlock reports every signature and decides the file as SECURITY.md says ("Several signatures
// in one file"): verified when one is good by a trusted key and none is bad or refused. Where it
// deliberately differs from gpg, and why:
// - good (trusted) + unknown key: gpg exits 2; Airlock verifies with a warning. The unknown
//   signature is reported but cannot change what the trusted one covers (releases signed by
//   several maintainers, of whom the reviewer trusts one, are normal).
// - good + SHA-1: gpg exits 0; Airlock fails ([`refused-signature`]), as with a SHA-1 signature
//   alone: a signature Airlock refuses is a problem whatever stands beside it.
// - bad + good: both fail, but gpg stops at the bad one; Airlock checks and reports them all.

/// Two signing certificates, A and B, a third one C that signs nothing here, each exported on its
/// own; a release folder with its list.
fn two_signers(s: &Scratch) -> (String, String) {
    let a = s.gen_key("Alice <a@example.com>", "ed25519", "sign", "never", "");
    let b = s.gen_key("Bob <b@example.com>", "rsa3072", "sign", "never", "");
    s.gen_key("Carol <c@example.com>", "ed25519", "sign", "never", "");
    s.payload();
    s.sh(&format!(
        "gpg --export {a} > a.gpg && gpg --export {b} > b.gpg
         gpg --export c@example.com > c.gpg && cat a.gpg b.gpg > ab.gpg"
    ));
    (a, b)
}

/// What GnuPG decides about `sig` (over `data`; empty for a cleartext message) when it holds only
/// the certificates of `keyrings`, the way Airlock trusts only `--trusted-key`: `gpgv` with those
/// keyring files, and `gpg --verify` in a fresh home holding just them. The two must agree on the
/// exit status and on each signature's status line (NEWSIG, GOODSIG, BADSIG, ERRSIG, NO_PUBKEY
/// with its key ID); returns (exit status, those lines).
fn gpg_decides(s: &Scratch, keyrings: &[&str], sig: &str, data: &str) -> (i32, String) {
    let rings: String = keyrings
        .iter()
        .map(|k| format!(" --keyring ./{k}"))
        .collect();
    let home = format!("home-{}", keyrings.join("-"));
    let imports: String = keyrings
        .iter()
        .map(|k| format!(" && GNUPGHOME=./{home} gpg --batch --quiet --import ./{k}"))
        .collect();
    s.sh(&format!(
        "test -d {home} || (mkdir -m 700 {home}{imports}) 2>/dev/null"
    ));
    let run = |script: String| {
        let out = s.sh_status(&script);
        let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| {
                let words: Vec<&str> = l.split_whitespace().collect();
                let keep = ["NEWSIG", "GOODSIG", "BADSIG", "ERRSIG", "NO_PUBKEY"];
                (words.first() == Some(&"[GNUPG:]") && keep.contains(words.get(1)?))
                    .then(|| words[1..words.len().min(3)].join(" "))
            })
            .collect();
        (out.status.code().expect("exit code"), lines.join("\n"))
    };
    let gpgv = run(format!(
        "gpgv --status-fd 1{rings} {sig} {data} 2>/dev/null"
    ));
    let gpg = run(format!(
        "GNUPGHOME=./{home} gpg --batch --status-fd 1 --verify {sig} {data} 2>/dev/null"
    ));
    assert_eq!(gpg, gpgv, "gpg --verify and gpgv disagree on {sig}");
    gpg
}

fn statuses(report: &Value) -> Vec<String> {
    report["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap().to_string())
        .collect()
}

fn severity_of(report: &Value, code: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| f["severity"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_signers_in_one_binary_file() {
    let s = Scratch::new();
    let (a, b) = two_signers(&s);
    s.sh(&format!(
        "gpg --batch -u {a}! -u {b}! --detach-sign rel/SHA256SUMS
         test $(gpg --list-packets rel/SHA256SUMS.sig | grep -c '^:signature packet') = 2
         tar -czf bundle.tar.gz rel"
    ));
    // Both keys: gpg says two good signatures, exit 0; Airlock reports both, valid.
    let (code, status) = gpg_decides(&s, &["ab.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!(
        (code, status.matches("GOODSIG").count()),
        (0, 2),
        "{status}"
    );
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "ab.gpg"]);
    assert_verified(code, &report);
    assert_eq!(statuses(&report), ["valid", "valid"]);
    let sigs = report["signatures"].as_array().unwrap();
    assert_eq!(sigs[0]["primary_fingerprint"], a.as_str());
    assert_eq!(sigs[1]["primary_fingerprint"], b.as_str());
    assert!(sigs.iter().all(|x| x["file"] == "rel/SHA256SUMS.sig"));
    assert!(sigs.iter().all(|x| x["covers"] == "rel/SHA256SUMS"));

    // Only A trusted: gpg prints GOODSIG for A and NO_PUBKEY for B and exits 2; Airlock
    // verifies on A and reports B's signature as a warning, not a problem.
    let (code, status) = gpg_decides(&s, &["a.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!(code, 2, "{status}");
    assert!(
        status.contains("GOODSIG") && status.contains("NO_PUBKEY"),
        "{status}"
    );
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "a.gpg"]);
    assert_verified(code, &report);
    assert_eq!(statuses(&report), ["valid", "unknown-key"]);
    assert_eq!(severity_of(&report, "untrusted-key"), ["warning"]);
    assert!(message_of(&report, "untrusted-key").contains(&a));
    // B's certificate handed over as an input, not trusted: its good signature is a warning too.
    let (code, report, _) = s.verify(&["bundle.tar.gz", "b.gpg", "--trusted-key", "a.gpg"]);
    assert_verified(code, &report);
    assert_eq!(statuses(&report), ["valid", "valid-untrusted"]);
    assert_eq!(severity_of(&report, "untrusted-key"), ["warning"]);

    // Negatives. Neither signer trusted (C only): nothing vouches; gpg has no GOODSIG.
    let (code, status) = gpg_decides(&s, &["c.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert!(code != 0 && !status.contains("GOODSIG"), "{status}");
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "c.gpg"]);
    assert_failed_with(code, &report, "untrusted-key");
    assert_eq!(statuses(&report), ["unknown-key", "unknown-key"]);
    // The list changed: both signatures are bad, gpg exits 1.
    s.sh("printf 'tool v2\\n' > rel/bin/tool && (cd rel && sha256sum bin/tool data.bin docs/README > SHA256SUMS)
          tar -czf edited.tar.gz rel");
    let (code, _) = gpg_decides(&s, &["ab.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!(code, 1);
    let (code, report, _) = s.verify(&["edited.tar.gz", "--trusted-key", "a.gpg"]);
    assert_failed_with(code, &report, "bad-signature");
}

#[test]
fn a_bad_or_refused_signature_beside_a_good_one_fails() {
    let s = Scratch::new();
    let (a, b) = two_signers(&s);
    // A's good signature, then B's signature over another file (`cat a.sig b.sig`).
    s.sh(&format!(
        "gpg --batch -u {a}! -o a.sig --detach-sign rel/SHA256SUMS
         printf 'other\\n' > other && gpg --batch -u {b}! -o b-other.sig --detach-sign other
         cat a.sig b-other.sig > rel/SHA256SUMS.sig && tar -czf bundle.tar.gz rel"
    ));
    // gpg: "Good signature" from A, "BAD signature" from B, exit 1.
    let (code, status) = gpg_decides(&s, &["ab.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!(code, 1, "{status}");
    assert!(
        status.contains("GOODSIG") && status.contains("BADSIG"),
        "{status}"
    );
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "ab.gpg"]);
    assert_failed_with(code, &report, "bad-signature");
    assert_eq!(statuses(&report), ["valid", "invalid"]);
    // Still failed when B is known but not trusted: a bad signature is never hidden.
    let (code, report, _) = s.verify(&["bundle.tar.gz", "b.gpg", "--trusted-key", "a.gpg"]);
    assert_failed_with(code, &report, "bad-signature");
    // Without B's certificate the second signature cannot be checked at all (gpg: NO_PUBKEY,
    // exit 2): it is reported, and A's good one vouches.
    let (code, status) = gpg_decides(&s, &["a.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!(code, 2, "{status}");
    assert!(
        status.contains("GOODSIG") && status.contains("NO_PUBKEY"),
        "{status}"
    );
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "a.gpg"]);
    assert_verified(code, &report);
    assert_eq!(statuses(&report), ["valid", "unknown-key"]);
    // The bad one first (`cat b.sig a.sig`): gpg stops at it (one BADSIG, A's never checked),
    // exit 1; Airlock checks both, reports both, and fails.
    s.sh("cat b-other.sig a.sig > rel/SHA256SUMS.sig && tar -czf bad-first.tar.gz rel");
    let (code, status) = gpg_decides(&s, &["ab.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!(
        (
            code,
            status.matches("BADSIG").count(),
            status.matches("GOODSIG").count()
        ),
        (1, 1, 0),
        "{status}"
    );
    let (code, report, _) = s.verify(&["bad-first.tar.gz", "--trusted-key", "ab.gpg"]);
    assert_failed_with(code, &report, "bad-signature");
    assert_eq!(statuses(&report), ["invalid", "valid"]);
    // Positive beside them: A's signature alone.
    s.sh("cp a.sig rel/SHA256SUMS.sig && tar -czf alone.tar.gz rel");
    let (code, report, _) = s.verify(&["alone.tar.gz", "--trusted-key", "ab.gpg"]);
    assert_verified(code, &report);

    // A refused signature (SHA-1, by B) beside A's good one: gpg 2.2 accepts SHA-1 and exits 0;
    // Airlock refuses it, and the file with it.
    s.sh(&format!(
        "gpg --batch -u {b}! --digest-algo SHA1 -o b-sha1.sig --detach-sign rel/SHA256SUMS
         cat a.sig b-sha1.sig > rel/SHA256SUMS.sig && tar -czf sha1.tar.gz rel"
    ));
    let (code, status) = gpg_decides(&s, &["ab.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!(
        (code, status.matches("GOODSIG").count()),
        (0, 2),
        "{status}"
    );
    let (code, report, _) = s.verify(&["sha1.tar.gz", "--trusted-key", "ab.gpg"]);
    assert_failed_with(code, &report, "refused-signature");
    assert_eq!(statuses(&report), ["valid", "invalid"]);
}

#[test]
fn several_signatures_armored_and_concatenated() {
    let s = Scratch::new();
    let (a, b) = two_signers(&s);
    // One armored block holding two packets, and two armored blocks one after the other.
    s.sh(&format!(
        "gpg --batch -u {a}! -u {b}! --armor -o one-block.asc --detach-sign rel/SHA256SUMS
         gpg --batch -u {a}! --armor -o a.asc --detach-sign rel/SHA256SUMS
         gpg --batch -u {b}! --armor -o b.asc --detach-sign rel/SHA256SUMS
         cat a.asc b.asc > two-blocks.asc
         test $(grep -c 'BEGIN PGP SIGNATURE' two-blocks.asc) = 2
         tar -czf bundle.tar.gz rel"
    ));
    for file in ["one-block.asc", "two-blocks.asc"] {
        let (code, status) = gpg_decides(&s, &["ab.gpg"], file, "rel/SHA256SUMS");
        assert_eq!(
            (code, status.matches("GOODSIG").count()),
            (0, 2),
            "{file}: {status}"
        );
        // The signature beside the bundle, matched with the list inside it by content.
        let (code, report, _) = s.verify(&["bundle.tar.gz", file, "--trusted-key", "ab.gpg"]);
        assert_eq!(report["verdict"], "verified", "{file}: {report:#}");
        assert_eq!(code, 0);
        assert_eq!(statuses(&report), ["valid", "valid"], "{file}");
    }
    // Negative: the second block is B's signature over another file.
    s.sh(&format!(
        "printf 'other\\n' > other && gpg --batch -u {b}! --armor -o b-other.asc --detach-sign other
         cat a.asc b-other.asc > mixed.asc"
    ));
    let (code, _) = gpg_decides(&s, &["ab.gpg"], "mixed.asc", "rel/SHA256SUMS");
    assert_eq!(code, 1);
    let (code, report, _) = s.verify(&["bundle.tar.gz", "mixed.asc", "--trusted-key", "ab.gpg"]);
    assert_failed_with(code, &report, "bad-signature");
    // Text between the blocks is refused (nothing in a signature file goes unread).
    s.sh("(cat a.asc; echo 'hello'; cat b.asc) > junk.asc");
    let (code, report, _) = s.verify(&["bundle.tar.gz", "junk.asc", "--trusted-key", "ab.gpg"]);
    assert_failed_with(code, &report, "malformed-signature");
}

#[test]
fn cleartext_signed_by_two_keys() {
    let s = Scratch::new();
    let (a, b) = two_signers(&s);
    s.sh(&format!(
        "cd rel && gpg --batch -u {a}! -u {b}! --clearsign -o SHA256SUMS.asc SHA256SUMS
         rm SHA256SUMS && cd .. && tar -czf bundle.tar.gz rel"
    ));
    let (code, status) = gpg_decides(&s, &["ab.gpg"], "rel/SHA256SUMS.asc", "");
    assert_eq!(
        (code, status.matches("GOODSIG").count()),
        (0, 2),
        "{status}"
    );
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "ab.gpg"]);
    assert_verified(code, &report);
    assert_eq!(statuses(&report), ["valid", "valid"]);
    assert_eq!(report["lists"].as_array().unwrap().len(), 1);
    assert_eq!(report["lists"][0]["lines"], 3);
    // B trusted alone: A's signature is the unknown one, B's vouches.
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "b.gpg"]);
    assert_verified(code, &report);
    assert_eq!(statuses(&report), ["unknown-key", "valid"]);
    // Negative: a hash in the signed text edited; both signatures fail, gpg exits 1.
    s.sh("printf 'tool v2\\n' > rel/bin/tool
          h=$(sha256sum rel/bin/tool | cut -d' ' -f1)
          sed -i \"s/^[0-9a-f]\\{64\\}  bin\\/tool$/$h  bin\\/tool/\" rel/SHA256SUMS.asc
          tar -czf edited.tar.gz rel");
    let (code, _) = gpg_decides(&s, &["ab.gpg"], "rel/SHA256SUMS.asc", "");
    assert_eq!(code, 1);
    let (code, report, _) = s.verify(&["edited.tar.gz", "--trusted-key", "b.gpg"]);
    assert_failed_with(code, &report, "bad-signature");
}

#[test]
fn two_signatures_over_the_bundle_file_stream() {
    let s = Scratch::new();
    let (a, b) = two_signers(&s);
    s.sh(&format!(
        "tar -czf bundle.tar.gz rel && gpg --batch -u {a}! -u {b}! --detach-sign bundle.tar.gz"
    ));
    let (code, _) = gpg_decides(&s, &["ab.gpg"], "bundle.tar.gz.sig", "bundle.tar.gz");
    assert_eq!(code, 0);
    for (ring, want) in [
        ("ab.gpg", ["valid", "valid"]),
        ("b.gpg", ["unknown-key", "valid"]),
    ] {
        let (code, report, _) =
            s.verify(&["bundle.tar.gz", "bundle.tar.gz.sig", "--trusted-key", ring]);
        assert_verified(code, &report);
        assert_eq!(statuses(&report), want, "{ring}");
        assert!(report["signatures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["covers"] == "bundle.tar.gz"));
    }
    // Negative: one byte of the bundle changed; both fail, gpg exits 1.
    s.sh("cp bundle.tar.gz t.tar.gz && perl -e 'open(F, \"+<\", \"t.tar.gz\") or die; seek(F, 100, 0); read(F, $b, 1); seek(F, 100, 0); print F chr(ord($b) ^ 0xff)'
          cp bundle.tar.gz.sig t.tar.gz.sig");
    let (code, _) = gpg_decides(&s, &["ab.gpg"], "t.tar.gz.sig", "t.tar.gz");
    assert_eq!(code, 1);
    let (code, report, _) = s.verify(&["t.tar.gz", "t.tar.gz.sig", "--trusted-key", "ab.gpg"]);
    assert_eq!(report["verdict"], "failed", "{report:#}");
    assert_eq!(code, 1);
    assert!(statuses(&report).iter().all(|x| x != "valid"), "{report:#}");
}

#[test]
fn signatures_per_file_are_capped() {
    let s = Scratch::new();
    let (a, _) = two_signers(&s);
    // 32 copies of A's signature: at the limit, read and verified (gpg agrees); 33: over it, the
    // file is not used (and, unused, it is a file the list does not name).
    s.sh(&format!(
        "gpg --batch -u {a}! -o a.sig --detach-sign rel/SHA256SUMS
         for i in $(seq 32); do cat a.sig; done > rel/SHA256SUMS.sig && tar -czf at.tar.gz rel
         for i in $(seq 33); do cat a.sig; done > rel/SHA256SUMS.sig && tar -czf over.tar.gz rel"
    ));
    let (code, report, _) = s.verify(&["at.tar.gz", "--trusted-key", "a.gpg"]);
    assert_verified(code, &report);
    assert_eq!(report["signatures"].as_array().unwrap().len(), 32);
    let (code, status) = gpg_decides(&s, &["a.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!((code, status.matches("GOODSIG").count()), (0, 33));
    let (code, report, _) = s.verify(&["over.tar.gz", "--trusted-key", "a.gpg"]);
    assert_ne!(report["verdict"], "verified", "{report:#}");
    assert_ne!(code, 0);
    assert_eq!(severity_of(&report, "limit-exceeded"), ["error"]);
    assert!(report["signatures"].as_array().unwrap().is_empty());
}

// ----- OpenPGP v6 (RFC 9580) ----------------------------------------------------------------------
//
// Debian's gpg 2.2 can neither make nor read v6 certificates and signatures, so rPGP makes them
// here, at test time, from a fixed seed (the keys and salts are the same on every run; only the
// signatures' creation times differ). What is checked is the v6 path end to end: a v6 Ed25519
// certificate (the primary signing, or a signing subkey under a certify-only primary), v6
// signatures with their salt, detached over a list (binary and armored), over the bundle file
// (the salt driven by Airlock's own streaming hash), and cleartext.

mod v6 {
    use super::*;
    use pgp::composed::{
        CleartextSignedMessage, DetachedSignature, KeyType, SecretKeyParamsBuilder,
        SignedPublicKey, SignedSecretKey, SubkeyParamsBuilder,
    };
    use pgp::crypto::hash::HashAlgorithm;
    use pgp::types::{KeyDetails, KeyVersion, Password, SigningKey, Timestamp};

    /// 2025-01-01: the certificates are older than any signature made now.
    const CREATED: u32 = 1_735_689_600;

    /// A v6 Ed25519 certificate: the primary signs, or (`subkey`) a signing subkey under a
    /// certify-only primary.
    pub fn cert(rng: &mut ChaCha8Rng, uid: &str, subkey: bool) -> SignedSecretKey {
        let mut params = SecretKeyParamsBuilder::default();
        params
            .version(KeyVersion::V6)
            .key_type(KeyType::Ed25519)
            .can_certify(true)
            .can_sign(!subkey)
            .created_at(Timestamp::from_secs(CREATED))
            .primary_user_id(uid.into());
        if subkey {
            params.subkey(
                SubkeyParamsBuilder::default()
                    .version(KeyVersion::V6)
                    .key_type(KeyType::Ed25519)
                    .can_sign(true)
                    .created_at(Timestamp::from_secs(CREATED))
                    .build()
                    .expect("subkey params"),
            );
        }
        params
            .build()
            .expect("key params")
            .generate(rng)
            .expect("v6 key")
    }

    /// The key that signs data: the signing subkey if there is one, else the primary.
    pub fn signer(key: &SignedSecretKey) -> &dyn SigningKey {
        match key.secret_subkeys.first() {
            Some(sub) => &sub.key,
            None => &key.primary_key,
        }
    }

    pub fn public(key: &SignedSecretKey) -> SignedPublicKey {
        key.to_public_key()
    }

    /// The primary fingerprint as Airlock prints it.
    pub fn fingerprint(key: &SignedSecretKey) -> String {
        hex::encode_upper(key.fingerprint().as_bytes())
    }

    /// A detached v6 signature of type binary over `data`.
    pub fn sign(rng: &mut ChaCha8Rng, key: &SignedSecretKey, data: &[u8]) -> DetachedSignature {
        DetachedSignature::sign_binary_data(
            rng,
            &Box::new(signer(key)),
            &Password::empty(),
            HashAlgorithm::Sha256,
            data,
        )
        .expect("v6 signature")
    }

    pub fn cleartext(rng: &mut ChaCha8Rng, key: &SignedSecretKey, text: &str) -> String {
        CleartextSignedMessage::sign(rng, text, &Box::new(signer(key)), &Password::empty())
            .expect("cleartext v6 signature")
            .to_armored_string(None.into())
            .expect("armor")
    }

    pub fn write(s: &Scratch, name: &str, bytes: &[u8]) {
        std::fs::write(s.dir.path().join(name), bytes).expect("write");
    }

    pub fn read(s: &Scratch, name: &str) -> Vec<u8> {
        std::fs::read(s.dir.path().join(name)).expect("read")
    }

    /// The certificate, binary (`NAME.pgp`) and armored (`NAME.asc`).
    pub fn export(s: &Scratch, key: &SignedSecretKey, name: &str) {
        let public = public(key);
        write(s, &format!("{name}.pgp"), &public.to_bytes().expect("cert"));
        write(
            s,
            &format!("{name}.asc"),
            public
                .to_armored_string(None.into())
                .expect("armor")
                .as_bytes(),
        );
    }
}

/// The signature packet's version, as the file holds it (new-format header, tag 2).
fn first_signature_version(bytes: &[u8]) -> u8 {
    assert_eq!(bytes[0], 0xc2, "a new-format signature packet");
    let header = match bytes[1] {
        0..=191 => 2,
        192..=223 => 3,
        _ => 6,
    };
    bytes[header]
}

#[test]
fn v6_ed25519_signature_over_a_list() {
    for subkey in [false, true] {
        let s = Scratch::new();
        let mut rng = ChaCha8Rng::seed_from_u64(9580);
        let key = v6::cert(&mut rng, "Release v6 <v6@example.com>", subkey);
        let other = v6::cert(&mut rng, "Other v6 <o6@example.com>", subkey);
        v6::export(&s, &key, "v6");
        v6::export(&s, &other, "other");
        s.payload();
        let list = v6::read(&s, "rel/SHA256SUMS");
        let sig = v6::sign(&mut rng, &key, &list);
        let binary = sig.to_bytes().expect("signature");
        assert_eq!(first_signature_version(&binary), 6);
        v6::write(&s, "rel/SHA256SUMS.sig", &binary);
        v6::write(
            &s,
            "SHA256SUMS.asc",
            sig.to_armored_string(None.into()).unwrap().as_bytes(),
        );
        s.sh("tar -czf bundle.tar.gz rel");

        // Binary signature in the bundle, binary and armored certificate.
        for cert in ["v6.pgp", "v6.asc"] {
            let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", cert]);
            assert_verified(code, &report);
            let sigs = report["signatures"].as_array().unwrap();
            assert_eq!(sigs.len(), 1);
            assert_eq!(sigs[0]["covers"], "rel/SHA256SUMS");
            assert!(
                sigs[0]["algorithm"].as_str().unwrap().contains("V6"),
                "{report:#}"
            );
            assert_eq!(sigs[0]["primary_fingerprint"], v6::fingerprint(&key));
            // A subkey signed: the issuer is not the primary.
            assert_eq!(sigs[0]["key_id"] != sigs[0]["primary_fingerprint"], subkey);
            assert_eq!(v6::fingerprint(&key).len(), 64, "a v6 fingerprint");
        }
        // The armored signature beside the bundle.
        let (code, report, _) =
            s.verify(&["bundle.tar.gz", "SHA256SUMS.asc", "--trusted-key", "v6.pgp"]);
        assert_verified(code, &report);

        // Negatives. Another v6 key trusted: unknown key.
        let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "other.pgp"]);
        assert_failed_with(code, &report, "untrusted-key");
        // The signature's last byte (in the Ed25519 value) changed: bad signature.
        let mut flipped = binary.clone();
        *flipped.last_mut().unwrap() ^= 1;
        v6::write(&s, "rel/SHA256SUMS.sig", &flipped);
        s.sh("tar -czf flipped.tar.gz rel");
        let (code, report, _) = s.verify(&["flipped.tar.gz", "--trusted-key", "v6.pgp"]);
        assert_failed_with(code, &report, "bad-signature");
        // The list edited after signing (a file and its line changed): bad signature.
        v6::write(&s, "rel/SHA256SUMS.sig", &binary);
        s.sh("printf 'tool v2\\n' > rel/bin/tool
              (cd rel && sha256sum bin/tool data.bin docs/README > SHA256SUMS)
              tar -czf edited.tar.gz rel");
        let (code, report, _) = s.verify(&["edited.tar.gz", "--trusted-key", "v6.pgp"]);
        assert_failed_with(code, &report, "bad-signature");
        assert_eq!(statuses(&report), ["invalid"]);
    }
}

#[test]
fn v6_signature_over_the_bundle_file_is_streamed() {
    let s = Scratch::new();
    let mut rng = ChaCha8Rng::seed_from_u64(9581);
    let key = v6::cert(&mut rng, "Release v6 <v6@example.com>", true);
    v6::export(&s, &key, "v6");
    s.payload();
    s.sh("tar -czf bundle.tar.gz rel");
    let bundle = v6::read(&s, "bundle.tar.gz");
    let sig = v6::sign(&mut rng, &key, &bundle).to_bytes().unwrap();
    v6::write(&s, "bundle.tar.gz.sig", &sig);
    let (code, report, _) = s.verify(&[
        "bundle.tar.gz",
        "bundle.tar.gz.sig",
        "--trusted-key",
        "v6.pgp",
    ]);
    assert_verified(code, &report);
    assert_eq!(report["signatures"][0]["covers"], "bundle.tar.gz");
    assert_eq!(statuses(&report), ["valid"]);
    // Negative: one byte of the bundle changed.
    s.sh("cp bundle.tar.gz t.tar.gz && perl -e 'open(F, \"+<\", \"t.tar.gz\") or die; seek(F, 100, 0); read(F, $b, 1); seek(F, 100, 0); print F chr(ord($b) ^ 0xff)'
          cp bundle.tar.gz.sig t.tar.gz.sig");
    let (code, report, _) = s.verify(&["t.tar.gz", "t.tar.gz.sig", "--trusted-key", "v6.pgp"]);
    assert_eq!(report["verdict"], "failed", "{report:#}");
    assert_eq!(code, 1);
    assert_eq!(statuses(&report), ["invalid"]);
}

#[test]
fn v6_cleartext_signed_list() {
    let s = Scratch::new();
    let mut rng = ChaCha8Rng::seed_from_u64(9582);
    let key = v6::cert(&mut rng, "Release v6 <v6@example.com>", false);
    v6::export(&s, &key, "v6");
    s.payload();
    let list = String::from_utf8(v6::read(&s, "rel/SHA256SUMS")).unwrap();
    let signed = v6::cleartext(&mut rng, &key, &list);
    v6::write(&s, "rel/SHA256SUMS.asc", signed.as_bytes());
    s.sh("rm rel/SHA256SUMS && tar -czf bundle.tar.gz rel");
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "v6.asc"]);
    assert_verified(code, &report);
    assert_eq!(report["lists"][0]["lines"], 3);
    // Negative: a hash in the signed text edited to match a changed file.
    s.sh("printf 'tool v2\\n' > rel/bin/tool
          h=$(sha256sum rel/bin/tool | cut -d' ' -f1)
          sed -i \"s/^[0-9a-f]\\{64\\}  bin\\/tool$/$h  bin\\/tool/\" rel/SHA256SUMS.asc
          grep -q \"^$h  bin/tool$\" rel/SHA256SUMS.asc
          tar -czf edited.tar.gz rel");
    let (code, report, _) = s.verify(&["edited.tar.gz", "--trusted-key", "v6.asc"]);
    assert_failed_with(code, &report, "bad-signature");
}

/// gpg 2.2 does not read v6 signatures: it says "packet(2) with unknown version 6", passes over
/// it, checks the others, and exits 2. Airlock reads and checks them all; a signature of a version
/// it does not know (here 7), which gpg passes over too, is refused, and the file fails with it.
#[test]
fn v4_and_v6_signatures_in_one_file() {
    let s = Scratch::new();
    let (a, _) = two_signers(&s);
    let mut rng = ChaCha8Rng::seed_from_u64(9583);
    let key = v6::cert(&mut rng, "Release v6 <v6@example.com>", true);
    v6::export(&s, &key, "v6");
    let list = v6::read(&s, "rel/SHA256SUMS");
    let v6_sig = v6::sign(&mut rng, &key, &list).to_bytes().unwrap();
    v6::write(&s, "v6.sig", &v6_sig);
    s.sh(&format!(
        "gpg --batch -u {a}! -o a.sig --detach-sign rel/SHA256SUMS
         cat a.sig v6.sig > rel/SHA256SUMS.sig && tar -czf bundle.tar.gz rel"
    ));
    let (code, status) = gpg_decides(&s, &["a.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!((code, status.matches("SIG ").count()), (2, 1), "{status}");
    assert!(status.contains("GOODSIG"), "{status}");

    let (code, report, _) = s.verify(&[
        "bundle.tar.gz",
        "--trusted-key",
        "a.gpg",
        "--trusted-key",
        "v6.pgp",
    ]);
    assert_verified(code, &report);
    assert_eq!(statuses(&report), ["valid", "valid"]);
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "v6.pgp"]);
    assert_verified(code, &report);
    assert_eq!(statuses(&report), ["unknown-key", "valid"]);
    let (code, report, _) = s.verify(&["bundle.tar.gz", "--trusted-key", "a.gpg"]);
    assert_verified(code, &report);
    assert_eq!(statuses(&report), ["valid", "unknown-key"]);

    // Negative: the v6 packet's version byte made 7. gpg passes over it (exit 2, A's GOODSIG);
    // Airlock does not: the signature is refused beside A's good one.
    let mut v7 = v6_sig.clone();
    let at = match v7[1] {
        0..=191 => 2,
        192..=223 => 3,
        _ => 6,
    };
    assert_eq!(v7[at], 6);
    v7[at] = 7;
    v6::write(&s, "v7.sig", &v7);
    s.sh("cat a.sig v7.sig > rel/SHA256SUMS.sig && tar -czf v7.tar.gz rel");
    let (code, status) = gpg_decides(&s, &["a.gpg"], "rel/SHA256SUMS.sig", "rel/SHA256SUMS");
    assert_eq!(
        (code, status.matches("GOODSIG").count()),
        (2, 1),
        "{status}"
    );
    let (code, report, _) = s.verify(&[
        "v7.tar.gz",
        "--trusted-key",
        "a.gpg",
        "--trusted-key",
        "v6.pgp",
    ]);
    assert_failed_with(code, &report, "refused-signature");
    assert_eq!(statuses(&report), ["valid", "invalid"]);
    // The refusal names the version as a reader knows it, not the crate's debug text.
    let text = report.to_string();
    assert!(text.contains("its version (V7)"), "{text}");
    assert!(!text.contains("Other("), "{text}");
}
