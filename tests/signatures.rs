//! Signatures and keys made by the real tools (tests/fixtures/sig, see make.sh there), and
//! signatures and keys made by Airlock checked by the real tools. The tests that run `minisign`
//! or `signify-openbsd` fail when the tool is missing; they never skip.

use std::fs;
use std::io::{ErrorKind, Read};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use airlock::keys::{KeyError, KeyFormat, PublicKey, SecretKey};
use airlock::minisign::{self, Algorithm, SigError as MinisignError, Signature};
use airlock::signify::{SigError as SignifyError, SignatureFile};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sig")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(name: &str) -> String {
    String::from_utf8(bytes(name)).unwrap()
}

fn key(name: &str) -> PublicKey {
    PublicKey::decode(&text(name)).unwrap()
}

fn minisig(name: &str) -> Signature {
    Signature::decode(&text(name)).unwrap()
}

/// The same key bytes under another key's ID: an "other key" that gets past the ID check.
fn impostor(id_of: &PublicKey, key_of: &PublicKey) -> PublicKey {
    PublicKey::new(
        id_of.id(),
        *key_of.verifying_key().as_bytes(),
        id_of.format(),
    )
    .unwrap()
}

fn flip_byte(message: &[u8], at: usize) -> Vec<u8> {
    let mut m = message.to_vec();
    m[at] ^= 0x01;
    m
}

/// Re-encode a base64 line with one bit flipped at `at` (of the decoded bytes).
fn flip_base64_line(file: &str, line: usize, at: usize) -> String {
    let mut lines: Vec<String> = file.lines().map(str::to_owned).collect();
    let mut raw = B64.decode(&lines[line]).unwrap();
    raw[at] ^= 0x01;
    lines[line] = B64.encode(raw);
    lines.join("\n") + "\n"
}

// ---------------------------------------------------------------- keys

#[test]
fn fixture_keys_decode() {
    let m = key("minisign.pub");
    assert_eq!(m.format(), KeyFormat::Minisign);
    // minisign 0.11 prints the ID in the comment without leading zeros; ours always has 16
    // digits. Compare as numbers.
    let comment = text("minisign.pub");
    let printed = comment.lines().next().unwrap().rsplit(' ').next().unwrap();
    assert_eq!(
        u64::from_str_radix(printed, 16).unwrap(),
        u64::from_le_bytes(m.id())
    );
    assert_eq!(m.id_hex().len(), 16);
    assert_eq!(m.id_hex(), format!("{:016X}", u64::from_le_bytes(m.id())));
    assert_eq!(m.to_base64(), comment.lines().nth(1).unwrap());
    assert_eq!(PublicKey::decode(&m.to_minisign_file()).unwrap(), m);

    let s = key("signify.pub");
    assert_eq!(s.format(), KeyFormat::Signify);
    assert_eq!(s.to_signify_file(), text("signify.pub"));
    // The bare base64 form reads as minisign (nothing says otherwise).
    let bare = PublicKey::decode(&s.to_base64()).unwrap();
    assert_eq!(bare.format(), KeyFormat::Minisign);
    assert_eq!(bare.verifying_key(), s.verifying_key());
}

#[test]
fn fixture_secret_key_matches_public_key() {
    let file = text("minisign.key");
    // What minisign -G -W writes: kdf "none", and a checksum field left zeroed.
    let raw = B64.decode(file.lines().nth(1).unwrap()).unwrap();
    assert_eq!(&raw[..6], b"Ed\0\0B2");
    let sk = SecretKey::decode(&file).unwrap();
    assert_eq!(sk.public_key(), key("minisign.pub"));
    // Our encoding fills the checksum in and reads back the same key.
    let again = SecretKey::decode(&sk.encode()).unwrap();
    assert_eq!(again.public_key(), sk.public_key());
}

#[test]
fn signify_secret_key_is_not_a_minisign_key() {
    assert!(matches!(
        SecretKey::decode(&text("signify.sec")),
        Err(KeyError::WrongLength { .. })
    ));
}

// ---------------------------------------------------------------- minisign

fn check_minisign(sig_file: &str, algorithm: Algorithm) {
    let pk = key("minisign.pub");
    let other = key("minisign-other.pub");
    let message = bytes("message.txt");
    let file = text(sig_file);
    let sig = minisig(sig_file);
    assert_eq!(sig.algorithm(), algorithm);
    assert_eq!(sig.key_id(), pk.id());
    assert_eq!(sig.key_id_hex(), pk.id_hex());
    assert_eq!(sig.untrusted_comment(), &file.lines().next().unwrap()[19..]);
    assert_eq!(sig.trusted_comment(), &file.lines().nth(2).unwrap()[17..]);
    assert_eq!(sig.encode(), file);

    // Positive, in memory and streamed in every chunk size.
    sig.verify(&pk, &message).unwrap();
    for chunk in 1..=message.len() {
        let mut v = sig.verifier(&pk).unwrap();
        for piece in message.chunks(chunk) {
            v.update(piece);
        }
        v.finish().unwrap();
    }

    // Changed message byte (first, middle, last), and one byte more or less.
    for at in [0, message.len() / 2, message.len() - 1] {
        assert_eq!(
            sig.verify(&pk, &flip_byte(&message, at)),
            Err(MinisignError::BadSignature)
        );
    }
    let mut longer = message.clone();
    longer.push(b'\n');
    assert_eq!(sig.verify(&pk, &longer), Err(MinisignError::BadSignature));
    assert_eq!(
        sig.verify(&pk, &message[..message.len() - 1]),
        Err(MinisignError::BadSignature)
    );

    // Other key: refused by ID, and refused by the signature when the ID is faked.
    assert_eq!(
        sig.verify(&other, &message),
        Err(MinisignError::UnexpectedKeyId {
            signature: pk.id(),
            key: other.id()
        })
    );
    assert_eq!(
        sig.verify(&impostor(&pk, &other), &message),
        Err(MinisignError::BadSignature)
    );

    // Edited trusted comment: the file signature still holds, the global one does not.
    let edited = file.replacen("\ntrusted comment: ", "\ntrusted comment: x", 1);
    assert_ne!(edited, file);
    assert_eq!(
        Signature::decode(&edited).unwrap().verify(&pk, &message),
        Err(MinisignError::BadGlobalSignature)
    );
    // The untrusted comment, on the other hand, is covered by nothing.
    let relabelled = file.replacen("untrusted comment: ", "untrusted comment: x", 1);
    Signature::decode(&relabelled)
        .unwrap()
        .verify(&pk, &message)
        .unwrap();

    // Flipped signature byte (R half, S half), flipped global signature byte.
    for at in [10, 10 + 40] {
        let flipped = Signature::decode(&flip_base64_line(&file, 1, at)).unwrap();
        assert_eq!(
            flipped.verify(&pk, &message),
            Err(MinisignError::BadSignature),
            "byte {at}"
        );
    }
    let flipped = Signature::decode(&flip_base64_line(&file, 3, 0)).unwrap();
    assert_eq!(
        flipped.verify(&pk, &message),
        Err(MinisignError::BadGlobalSignature)
    );

    // Wrong key ID in the signature.
    let wrong_id = Signature::decode(&flip_base64_line(&file, 1, 2)).unwrap();
    assert!(matches!(
        wrong_id.verify(&pk, &message),
        Err(MinisignError::UnexpectedKeyId { .. })
    ));
    // Same key ID given to the other key: still no.
    let wrong_key = PublicKey::new(
        wrong_id.key_id(),
        *pk.verifying_key().as_bytes(),
        KeyFormat::Minisign,
    )
    .unwrap();
    wrong_id
        .verify(&wrong_key, &message)
        .expect("the key ID is not covered by the signature: minisign ignores it too");

    // The signify signature of the same file is not a minisign signature.
    assert_eq!(
        Signature::decode(&text("message.txt.sig")),
        Err(MinisignError::MissingLine { line: 3 })
    );
}

#[test]
fn minisign_prehashed_fixture() {
    check_minisign("message.txt.minisig", Algorithm::Prehashed);
}

#[test]
fn minisign_legacy_fixture() {
    check_minisign("message.txt.legacy.minisig", Algorithm::Legacy);
}

#[test]
fn minisign_crlf_fixture() {
    let crlf = text("message.txt.minisig").replace('\n', "\r\n");
    Signature::decode(&crlf)
        .unwrap()
        .verify(&key("minisign.pub"), &bytes("message.txt"))
        .unwrap();
}

#[test]
fn fixture_secret_key_signs_like_minisign() {
    let sk = SecretKey::decode(&text("minisign.key")).unwrap();
    let message = bytes("message.txt");
    let out = minisign::sign(&sk, &mut &message[..], "t", "u").unwrap();
    let sig = Signature::decode(&out).unwrap();
    sig.verify(&key("minisign.pub"), &message).unwrap();
    // Ed25519 is deterministic: the file signature equals the one minisign made.
    assert_eq!(
        sig.signature_bytes(),
        minisig("message.txt.minisig").signature_bytes()
    );
}

// ---------------------------------------------------------------- signify

#[test]
fn signify_detached_fixture() {
    let pk = key("signify.pub");
    let other = key("signify-other.pub");
    let message = bytes("message.txt");
    let file = bytes("message.txt.sig");
    let sig = SignatureFile::decode(&file).unwrap();
    assert_eq!(sig.key_id(), pk.id());
    assert_eq!(sig.key_id_hex(), pk.id_hex());
    assert_eq!(sig.untrusted_comment(), "verify with signify.pub");
    assert_eq!(sig.embedded(), None);
    assert_eq!(sig.encode(), file);

    sig.verify(&pk, &message).unwrap();
    for chunk in [1, 2, 7, 64] {
        let mut v = sig.verifier(&pk).unwrap();
        for piece in message.chunks(chunk) {
            v.update(piece);
        }
        v.finish().unwrap();
    }
    assert_eq!(
        sig.verify_embedded(&pk),
        Err(SignifyError::NoEmbeddedMessage)
    );

    for at in [0, message.len() - 1] {
        assert_eq!(
            sig.verify(&pk, &flip_byte(&message, at)),
            Err(SignifyError::BadSignature)
        );
    }
    assert_eq!(
        sig.verify(&other, &message),
        Err(SignifyError::UnexpectedKeyId {
            signature: pk.id(),
            key: other.id()
        })
    );
    assert_eq!(
        sig.verify(&impostor(&pk, &other), &message),
        Err(SignifyError::BadSignature)
    );
    let text = String::from_utf8(file).unwrap();
    for at in [10, 10 + 63] {
        let flipped = SignatureFile::decode(flip_base64_line(&text, 1, at).as_bytes()).unwrap();
        assert_eq!(
            flipped.verify(&pk, &message),
            Err(SignifyError::BadSignature)
        );
    }
    let wrong_id = SignatureFile::decode(flip_base64_line(&text, 1, 9).as_bytes()).unwrap();
    assert!(matches!(
        wrong_id.verify(&pk, &message),
        Err(SignifyError::UnexpectedKeyId { .. })
    ));
    // A minisign key never matches a signify signature's key number.
    assert!(matches!(
        sig.verify(&key("minisign.pub"), &message),
        Err(SignifyError::UnexpectedKeyId { .. })
    ));
}

#[test]
fn signify_embedded_fixture() {
    let pk = key("signify.pub");
    let file = bytes("SHA256.sig");
    let sig = SignatureFile::decode(&file).unwrap();
    assert_eq!(sig.embedded(), Some(&bytes("SHA256")[..]));
    assert_eq!(sig.encode(), file);
    sig.verify_embedded(&pk).unwrap();
    sig.verify(&pk, &bytes("SHA256")).unwrap();

    // A changed byte in the embedded list.
    let mut edited = file.clone();
    let last_digit = edited.len() - 2;
    edited[last_digit] ^= 0x01;
    let edited = SignatureFile::decode(&edited).unwrap();
    assert_eq!(edited.verify_embedded(&pk), Err(SignifyError::BadSignature));
    // A line added to the embedded list.
    let mut longer = file.clone();
    longer.extend_from_slice(b"SHA256 (evil) = 00\n");
    assert_eq!(
        SignatureFile::decode(&longer).unwrap().verify_embedded(&pk),
        Err(SignifyError::BadSignature)
    );
    let other = key("signify-other.pub");
    assert_eq!(
        sig.verify_embedded(&impostor(&pk, &other)),
        Err(SignifyError::BadSignature)
    );
}

// ---------------------------------------------------------------- the real tools

/// Run a command with no input and a time limit. The real tools are part of what is tested:
/// when one is not installed the test fails (it does not skip); `scripts/test.sh` installs them
/// (Debian packages `minisign` and `signify-openbsd`).
fn run(program: &str, args: &[&std::ffi::OsStr]) -> Output {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "`{program}` is not installed: this interoperability test needs the real tool \
             (scripts/test.sh installs it; Debian package `{program}`)"
        ),
        Err(e) => panic!("{program}: {e}"),
    };
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("{program} did not finish in 30 s (waiting for a password?)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut out = Vec::new();
    let mut err = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    child.stderr.take().unwrap().read_to_end(&mut err).unwrap();
    Output {
        status: child.wait().unwrap(),
        stdout: out,
        stderr: err,
    }
}

fn os(p: &Path) -> &std::ffi::OsStr {
    p.as_os_str()
}

#[test]
fn minisign_accepts_our_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let sk = SecretKey::generate([0x42; 32], *b"airlock!");
    let pub_file = dir.path().join("k.pub");
    fs::write(&pub_file, sk.public_key().to_minisign_file()).unwrap();
    let msg = dir.path().join("data.bin");
    let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    fs::write(&msg, &data).unwrap();
    let sig_file = dir.path().join("data.bin.minisig");
    let sig = minisign::sign(
        &sk,
        &mut &data[..],
        "timestamp:0\tfile:data.bin\thashed",
        "signed by airlock tests",
    )
    .unwrap();
    fs::write(&sig_file, &sig).unwrap();

    let out = run(
        "minisign",
        &[
            "-V".as_ref(),
            "-m".as_ref(),
            os(&msg),
            "-x".as_ref(),
            os(&sig_file),
            "-p".as_ref(),
            os(&pub_file),
        ],
    );
    assert!(
        out.status.success(),
        "minisign -V refused our signature: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("timestamp:0\tfile:data.bin\thashed"),
        "{stdout}"
    );

    // With -P (the bare key) too.
    let b64 = sk.public_key().to_base64();
    let out = run(
        "minisign",
        &[
            "-V".as_ref(),
            "-m".as_ref(),
            os(&msg),
            "-x".as_ref(),
            os(&sig_file),
            "-P".as_ref(),
            b64.as_ref(),
        ],
    );
    assert!(out.status.success());

    // And it still fails on a changed file (the check is not vacuous).
    fs::write(&msg, flip_byte(&data, 1000)).unwrap();
    let out = run(
        "minisign",
        &[
            "-V".as_ref(),
            "-m".as_ref(),
            os(&msg),
            "-x".as_ref(),
            os(&sig_file),
            "-p".as_ref(),
            os(&pub_file),
        ],
    );
    assert!(!out.status.success());
}

#[test]
fn minisign_signs_with_our_secret_key() {
    let dir = tempfile::tempdir().unwrap();
    let sk = SecretKey::generate([0x17; 32], [0, 1, 2, 3, 4, 5, 6, 0]);
    let key_file = dir.path().join("k.key");
    fs::write(&key_file, sk.encode()).unwrap();
    let msg = dir.path().join("m.txt");
    fs::write(&msg, b"signed by minisign with a key Airlock wrote\n").unwrap();

    // minisign 0.11 reads an unencrypted key without asking for a password, with or without -W.
    for (flags, name) in [(&["-S"][..], "a.minisig"), (&["-S", "-W"][..], "b.minisig")] {
        let sig_file = dir.path().join(name);
        let mut args: Vec<&std::ffi::OsStr> = flags.iter().map(|f| f.as_ref()).collect();
        args.extend([
            "-s".as_ref(),
            os(&key_file),
            "-m".as_ref(),
            os(&msg),
            "-x".as_ref(),
            os(&sig_file),
            "-t".as_ref(),
            "made by minisign".as_ref(),
        ]);
        let out = run("minisign", &args);
        assert!(
            out.status.success(),
            "minisign {flags:?} refused our secret key: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let sig = Signature::decode(&fs::read_to_string(&sig_file).unwrap()).unwrap();
        assert_eq!(sig.trusted_comment(), "made by minisign");
        assert_eq!(sig.key_id(), sk.id());
        sig.verify(&sk.public_key(), &fs::read(&msg).unwrap())
            .unwrap();
    }

    // minisign -R derives the same public key from our secret key file.
    let pub_file = dir.path().join("k.pub");
    let out = run(
        "minisign",
        &[
            "-R".as_ref(),
            "-s".as_ref(),
            os(&key_file),
            "-p".as_ref(),
            os(&pub_file),
        ],
    );
    assert!(out.status.success());
    assert_eq!(
        PublicKey::decode(&fs::read_to_string(&pub_file).unwrap()).unwrap(),
        sk.public_key()
    );
}

#[test]
fn signify_accepts_our_public_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let pub_file = dir.path().join("copy.pub");
    fs::write(&pub_file, key("signify.pub").to_signify_file()).unwrap();
    let out = run(
        "signify-openbsd",
        &[
            "-V".as_ref(),
            "-q".as_ref(),
            "-p".as_ref(),
            os(&pub_file),
            "-m".as_ref(),
            os(&fixture_path("message.txt")),
            "-x".as_ref(),
            os(&fixture_path("message.txt.sig")),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `minisign -V` over `msg` and `sig_file` with the public key file `pub_file`.
fn minisign_verify(pub_file: &Path, msg: &Path, sig_file: &Path) -> Output {
    run(
        "minisign",
        &[
            "-V".as_ref(),
            "-p".as_ref(),
            os(pub_file),
            "-m".as_ref(),
            os(msg),
            "-x".as_ref(),
            os(sig_file),
        ],
    )
}

#[test]
fn minisign_comments_that_are_not_utf8() {
    // `minisign -S -t $'caf\xe9 v1'`: minisign signs the comment's bytes as they are (Latin-1
    // here), and `minisign -V` accepts it. So must Airlock, over the same bytes.
    let dir = tempfile::tempdir().unwrap();
    let (pub_file, key_file) = (dir.path().join("k.pub"), dir.path().join("k.key"));
    let out = run(
        "minisign",
        &[
            "-G".as_ref(),
            "-W".as_ref(),
            "-p".as_ref(),
            os(&pub_file),
            "-s".as_ref(),
            os(&key_file),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pk = PublicKey::decode(&fs::read_to_string(&pub_file).unwrap()).unwrap();
    let msg = dir.path().join("SHA256SUMS");
    let message = b"0000000000000000000000000000000000000000000000000000000000000000  a\n";
    fs::write(&msg, message).unwrap();
    let sig_file = dir.path().join("SHA256SUMS.minisig");
    let trusted: &[u8] = b"caf\xe9 v1";
    let untrusted: &[u8] = b"not \xff UTF-8";
    let out = run(
        "minisign",
        &[
            "-S".as_ref(),
            "-s".as_ref(),
            os(&key_file),
            "-m".as_ref(),
            os(&msg),
            "-x".as_ref(),
            os(&sig_file),
            "-t".as_ref(),
            std::ffi::OsStr::from_bytes(trusted),
            "-c".as_ref(),
            std::ffi::OsStr::from_bytes(untrusted),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = fs::read(&sig_file).unwrap();
    assert!(
        file.windows(trusted.len() + 1)
            .any(|w| w[..trusted.len()] == *trusted && w[trusted.len()] == b'\n'),
        "minisign wrote the comment's bytes as they are"
    );
    let out = minisign_verify(&pub_file, &msg, &sig_file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let sig = Signature::decode_bytes(&file).unwrap();
    assert_eq!(sig.trusted_comment_bytes(), trusted);
    assert_eq!(sig.trusted_comment(), r"caf\xE9 v1");
    assert_eq!(sig.untrusted_comment_bytes(), untrusted);
    assert_eq!(sig.untrusted_comment(), r"not \xFF UTF-8");
    assert_eq!(sig.encode_bytes(), file);
    sig.verify(&pk, message).unwrap();
    let mut v = sig.verifier(&pk).unwrap();
    for piece in message.chunks(5) {
        v.update(piece);
    }
    v.finish().unwrap();

    // One byte of the trusted comment changed (0xE9 -> 0xE8): minisign and Airlock both refuse.
    let at = file
        .windows(trusted.len())
        .position(|w| w == trusted)
        .unwrap()
        + 3;
    let mut edited = file.clone();
    edited[at] = 0xe8;
    let edited_file = dir.path().join("edited.minisig");
    fs::write(&edited_file, &edited).unwrap();
    assert!(!minisign_verify(&pub_file, &msg, &edited_file)
        .status
        .success());
    let e = Signature::decode_bytes(&edited).unwrap();
    assert_eq!(e.trusted_comment(), r"caf\xE8 v1");
    assert_eq!(
        e.verify(&pk, message),
        Err(MinisignError::BadGlobalSignature)
    );

    // The untrusted comment is covered by nothing: another byte there changes no verdict.
    let u = file.iter().position(|&b| b == 0xff).unwrap();
    let mut relabelled = file.clone();
    relabelled[u] = 0xfe;
    Signature::decode_bytes(&relabelled)
        .unwrap()
        .verify(&pk, message)
        .unwrap();
}
