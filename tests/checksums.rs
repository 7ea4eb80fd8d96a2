//! Checksum lists against the real thing: `sha256sum` (GNU coreutils) is run at test time over
//! files with awkward names, and its output must parse to exactly those names and hashes; the
//! lines Airlock writes must equal what `sha256sum` writes, byte for byte, and pass
//! `sha256sum -c`.
//!
//! `sha256sum` is part of coreutils and always present on the machines these tests run on: if it
//! is missing, the tests fail rather than skip.
#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Command;

use airlock::checksums::{self, ListFormat};
use sha2::{Digest, Sha256};

/// File names `sha256sum` has to quote or that tempt a parser to trim or split.
const NAMES: &[&[u8]] = &[
    b"plain.txt",
    b"with space",
    b" leading space",
    b"trailing space ",
    b"back\\slash",
    b"new\nline",
    b"carriage\rreturn",
    b"ends-with-cr\r",
    b"ends-with-backslash\\",
    b"all three \\\n\r",
    b"tab\there",
    "ünïcødé-名前.txt".as_bytes(),
    b"*star",
    b"**two stars",
    b"not-utf8-\xff\xfe",
    b"(paren) = x",
    b"SHA256 (x) = y",
    b"sub dir/inner\\name",
];

/// A temporary folder holding one file per name (distinct contents), and their SHA-256.
struct Fixture {
    dir: tempfile::TempDir,
    hashes: Vec<[u8; 32]>,
}

impl Fixture {
    fn new(names: &[&[u8]]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let mut hashes = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let path = dir.path().join(OsStr::from_bytes(name));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let content = format!("file {i}: {}\n", String::from_utf8_lossy(name)).repeat(i + 1);
            std::fs::write(&path, &content).unwrap();
            hashes.push(Sha256::digest(content.as_bytes()).into());
        }
        Fixture { dir, hashes }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Run `sha256sum` in `dir` with `options`, then `--`, then `names`; its standard output.
fn sha256sum(dir: &Path, options: &[&str], names: &[&[u8]]) -> Vec<u8> {
    let output = Command::new("sha256sum")
        .args(options)
        .arg("--")
        .args(names.iter().map(|n| OsStr::from_bytes(n)))
        .current_dir(dir)
        .output()
        .expect("sha256sum (GNU coreutils) must be installed to run these tests");
    assert!(
        output.status.success(),
        "sha256sum {options:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Run `sha256sum -c --strict` on `list` in `dir`; panics with its output if it fails.
fn sha256sum_check(dir: &Path, list: &[u8]) {
    let list_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(list_file.path(), list).unwrap();
    let output = Command::new("sha256sum")
        .args(["-c", "--strict"])
        .arg(list_file.path())
        .current_dir(dir)
        .output()
        .expect("sha256sum (GNU coreutils) must be installed to run these tests");
    assert!(
        output.status.success(),
        "sha256sum -c rejected the list:\n{}\n{}\nlist:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
        list.escape_ascii()
    );
}

fn assert_round_trip(list: &checksums::ChecksumList, names: &[&[u8]], hashes: &[[u8; 32]]) {
    assert_eq!(list.entries.len(), names.len());
    for (i, entry) in list.entries.iter().enumerate() {
        assert_eq!(
            entry.path,
            names[i],
            "name {i}: got {:?}, want {:?}",
            entry.path.escape_ascii().to_string(),
            names[i].escape_ascii().to_string()
        );
        assert_eq!(
            entry.sha256,
            hashes[i],
            "hash of {:?}",
            names[i].escape_ascii().to_string()
        );
        assert_eq!(entry.line, i + 1);
    }
}

#[test]
fn parses_sha256sum_output() {
    let fx = Fixture::new(NAMES);
    let out = sha256sum(fx.path(), &[], NAMES);
    let list = checksums::parse(&out).unwrap();
    assert_eq!(list.format, ListFormat::Gnu);
    assert_round_trip(&list, NAMES, &fx.hashes);
}

#[test]
fn parses_sha256sum_binary_mode_output() {
    let fx = Fixture::new(NAMES);
    let out = sha256sum(fx.path(), &["--binary"], NAMES);
    let list = checksums::parse(&out).unwrap();
    assert_eq!(list.format, ListFormat::Gnu);
    assert_round_trip(&list, NAMES, &fx.hashes);
}

#[test]
fn parses_sha256sum_tag_output() {
    let fx = Fixture::new(NAMES);
    let out = sha256sum(fx.path(), &["--tag"], NAMES);
    let list = checksums::parse(&out).unwrap();
    assert_eq!(list.format, ListFormat::Bsd);
    assert_round_trip(&list, NAMES, &fx.hashes);
}

#[test]
fn parses_mixed_output_with_crlf_and_no_final_newline() {
    let fx = Fixture::new(NAMES);
    let (half, rest) = NAMES.split_at(NAMES.len() / 2);
    let mut out = sha256sum(fx.path(), &[], half);
    out.extend(sha256sum(fx.path(), &["--tag"], rest));
    let list = checksums::parse(&out).unwrap();
    assert_eq!(list.format, ListFormat::Mixed);
    assert_round_trip(&list, NAMES, &fx.hashes);

    // sha256sum escapes every newline and CR inside names, so each LF ends a line.
    let mut crlf = Vec::new();
    for &b in &out {
        if b == b'\n' {
            crlf.push(b'\r');
        }
        crlf.push(b);
    }
    assert_eq!(checksums::parse(&crlf).unwrap(), list);
    crlf.truncate(crlf.len() - 2);
    assert_eq!(checksums::parse(&crlf).unwrap(), list);
    out.pop();
    assert_eq!(checksums::parse(&out).unwrap(), list);
}

#[test]
fn format_line_matches_sha256sum_byte_for_byte() {
    let fx = Fixture::new(NAMES);
    let mut all = Vec::new();
    for (name, hash) in NAMES.iter().zip(&fx.hashes) {
        let ours = checksums::format_line(name, hash);
        let theirs = sha256sum(fx.path(), &[], &[name]);
        assert_eq!(
            ours.escape_ascii().to_string(),
            theirs.escape_ascii().to_string()
        );
        all.extend(ours);
    }
    assert_eq!(all, sha256sum(fx.path(), &[], NAMES));
    sha256sum_check(fx.path(), &all);
}

#[test]
fn format_bsd_line_matches_sha256sum_tag_byte_for_byte() {
    let fx = Fixture::new(NAMES);
    let mut all = Vec::new();
    for (name, hash) in NAMES.iter().zip(&fx.hashes) {
        let ours = checksums::format_bsd_line(name, hash);
        let theirs = sha256sum(fx.path(), &["--tag"], &[name]);
        assert_eq!(
            ours.escape_ascii().to_string(),
            theirs.escape_ascii().to_string()
        );
        all.extend(ours);
    }
    assert_eq!(all, sha256sum(fx.path(), &["--tag"], NAMES));
    sha256sum_check(fx.path(), &all);
}

#[test]
fn sha256sum_check_rejects_a_wrong_hash_in_our_lines() {
    // The check above means something only if `sha256sum -c` really compares.
    let fx = Fixture::new(&[b"back\\slash"]);
    let line = checksums::format_line(b"back\\slash", &[0u8; 32]);
    let list_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(list_file.path(), &line).unwrap();
    let status = Command::new("sha256sum")
        .args(["-c", "--status"])
        .arg(list_file.path())
        .current_dir(fx.path())
        .status()
        .expect("sha256sum (GNU coreutils) must be installed to run these tests");
    assert!(!status.success());
}

#[test]
fn classifier_recognises_real_lists_even_when_cut() {
    // An escaped name first, so that some cuts fall inside an escape.
    let names: &[&[u8]] = &[b"all three \\\n\r", b"plain.txt"];
    let fx = Fixture::new(names);
    for options in [&[][..], &["--tag"][..]] {
        let out = sha256sum(fx.path(), options, names);
        assert!(checksums::looks_like_list(&out));
        let first_line_len = out.iter().position(|&b| b == b'\n').unwrap();
        // Anything from the hash and separator (GNU) or `SHA256 (` and a name byte (BSD) on.
        let min = if options.is_empty() { 67 } else { 11 };
        for cut in min..=out.len() {
            assert!(
                checksums::looks_like_list(&out[..cut]),
                "cut at {cut} of {first_line_len}: {}",
                out[..cut].escape_ascii()
            );
        }
    }
    assert!(!checksums::looks_like_list(b"#!/bin/sh\necho hi\n"));
    assert!(!checksums::looks_like_list(
        b"untrusted comment: signify public key\n"
    ));
}

/// A malformed line in the middle of real output: the error names its line.
#[test]
fn malformed_lines_are_reported_with_their_line_number() {
    let fx = Fixture::new(NAMES);
    let good = sha256sum(fx.path(), &[], NAMES);
    let good_lines: Vec<&[u8]> = good.split_inclusive(|&b| b == b'\n').collect();
    let h = hex::encode(fx.hashes[0]);
    let cases: Vec<(String, &str)> = vec![
        (
            format!("{}  short\n", &h[..63]),
            "expected 64 hex digits, found 63",
        ),
        (format!("{h}0  long\n"), "expected 64 hex digits, found 65"),
        (format!("{h}{h}  x\n"), "SHA-512"),
        (
            format!("{}z{}  x\n", &h[..20], &h[21..]),
            "found 20 followed by 'z'",
        ),
        (format!("{h} one-space\n"), "two spaces"),
        (format!("{h}\ttab\n"), "two spaces"),
        (format!("{h}\n"), "end of the line"),
        (format!("\\{h}  bad\\escape\n"), "'\\e'"),
        (format!("\\{h}  lone\\\n"), "lone backslash"),
        (format!("SHA512 (x) = {h}{h}\n"), "SHA512"),
        (
            "MD5 (x) = d41d8cd98f00b204e9800998ecf8427e\n".to_string(),
            "MD5",
        ),
        (
            format!("SHA256(x)= {h}\n"),
            "space between 'SHA256' and '('",
        ),
        (format!("SHA256 (x) {h}\n"), "') = '"),
        (format!("SHA256 (x) = {h} trailing\n"), "after the hash"),
        (format!("SHA256 (x) = {}\n", &h[..62]), "found 62"),
        ("# comment\n".to_string(), "comment"),
        (format!(" {h}  indented\n"), "whitespace"),
        (
            "not a checksum line\n".to_string(),
            "found 'not a checksum line'",
        ),
    ];
    for (bad, expected) in cases {
        for at in [0, 5, good_lines.len()] {
            let mut list = Vec::new();
            for line in &good_lines[..at] {
                list.extend_from_slice(line);
            }
            list.extend_from_slice(bad.as_bytes());
            for line in &good_lines[at..] {
                list.extend_from_slice(line);
            }
            let err = checksums::parse(&list).expect_err(&bad);
            assert_eq!(err.line, at + 1, "{bad:?}: {err}");
            assert!(
                err.message.to_string().contains(expected),
                "{bad:?}: got {err}, want {expected:?}"
            );
            assert!(err.to_string().starts_with(&format!("line {}: ", at + 1)));
        }
    }
}

#[test]
fn empty_lists_are_refused() {
    for input in [&b""[..], b"\n", b"\r\n\r\n", b"   \n\t\n"] {
        let err = checksums::parse(input).unwrap_err();
        assert_eq!(err.line, 0);
        assert_eq!(err.to_string(), "the list holds no checksum lines");
    }
}
