//! Public and secret key parsers (minisign and signify encodings, bare `RW…` strings), the
//! decoder of key files of every kind (`schemes::decode_keys`: also OpenSSH `.pub` lines,
//! `allowed_signers` and OpenPGP certificates; the `ssh` and `openpgp` targets go deeper), and
//! the classifier that decides what an input is.
#![no_main]

use airlock::classify;
use airlock::keys::{PublicKey, SecretKey};
use airlock::schemes::{self, Key};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = classify::classify(data, true);
    let _ = classify::classify(data, false);
    let text = String::from_utf8_lossy(data);
    if let Ok(key) = PublicKey::decode(&text) {
        for written in [
            key.to_minisign_file(),
            key.to_signify_file(),
            key.to_base64(),
        ] {
            let again = PublicKey::decode(&written).expect("a written key reads back");
            assert_eq!(again.id(), key.id());
            assert_eq!(again.to_base64(), key.to_base64());
        }
    }
    if let Ok(decoded) = schemes::decode_keys(data) {
        for key in &decoded.keys {
            let _ = (key.id(), key.format(), key.principals(), key.user_id());
            let written = key.public_key();
            if let Key::Ssh(_) | Key::Ed25519(_) = key {
                // minisign's base64 and SSH key lines read back as the same key.
                let again =
                    schemes::decode_keys(written.as_bytes()).expect("a written key reads back");
                assert_eq!(again.keys[0].id(), key.id());
            }
        }
    }
    if let Ok(secret) = SecretKey::decode(&text) {
        let _ = secret.public_key();
    }
});
