//! SSH signatures (armored SSHSIG), `.pub` key lines and `allowed_signers` files, as Airlock
//! decodes them, and verification against fixed real keys (`fuzz/seeds/ssh/allowed_signers`:
//! ssh-ed25519, ecdsa P-256 and P-384, RSA 3072, with namespaces, validity times and a
//! cert-authority line).
//!
//! Input: `SIGNATURE \n--8<--\n MESSAGE [\n--8<--\n KEYS]`; KEYS, when present, is read as a key
//! file (and its keys are tried too). The seeds (`fuzz/seeds/make.sh`) are `ssh-keygen -Y sign`
//! signatures by the fixed keys. Checked: no panic, no hang; a refused signature (wrong namespace,
//! ssh-rsa, short RSA…) verifies under no key; streaming and whole-message verification agree;
//! what verifies over a message does not verify over the message with a byte appended; a key
//! file's keys, written back as OpenSSH lines, read back to the same keys.
#![no_main]

use std::sync::OnceLock;

use airlock::classify;
use airlock::schemes::{self, ssh, Key};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn keys() -> &'static [Key] {
    static KEYS: OnceLock<Vec<Key>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let decoded = schemes::decode_keys(include_bytes!("../seeds/ssh/allowed_signers"))
            .expect("the fixed allowed_signers reads");
        assert_eq!(
            decoded.keys.len(),
            4,
            "four keys, and the cert-authority line skipped"
        );
        assert_eq!(decoded.notes.len(), 1);
        decoded.keys
    })
}

fn exercise(sig: &dyn schemes::Signature, message: &[u8], keys: &[Key]) {
    let _ = (
        sig.format(),
        sig.algorithm(),
        sig.signer(),
        sig.details(None),
    );
    let refused = sig.refused();
    for key in keys {
        let named = sig.made_by(key);
        let _ = sig.key_refused(key, Some(1_900_000_000));
        let _ = sig.key_refused(key, None);
        let _ = sig.details(Some(key));
        let ok = sig.verify(key, message);
        if ok {
            assert!(refused.is_none(), "verified although refused: {refused:?}");
            assert!(named, "verified by a key it does not name");
            let mut longer = message.to_vec();
            longer.push(b'x');
            assert!(
                !sig.verify(key, &longer),
                "verified over another message too"
            );
        }
        if let Some(stream) = sig.stream(key) {
            assert_eq!(
                common::feed(stream, message),
                ok,
                "streaming and whole-message verification disagree"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let parts = common::split(data, 3);
    let sig_bytes = parts[0];
    let message = parts.get(1).copied().unwrap_or_default();
    let mut keys = keys().to_vec();
    if let Some(extra) = parts.get(2) {
        let _ = ssh::looks_like_keys(extra);
        if let Ok(decoded) = schemes::decode_keys(extra) {
            for k in &decoded.keys {
                if let Key::Ssh(s) = k {
                    let _ = s.refusal(Some(1_900_000_000));
                    let _ = s.refusal(None);
                    // Written back as a key line, the key reads back the same.
                    let again = ssh::parse_keys(&s.openssh()).expect("a written key line reads");
                    assert_eq!(again.keys[0].key, s.key);
                    assert_eq!(again.keys[0].fingerprint(), s.fingerprint());
                }
                let _ = (k.id(), k.public_key(), k.principals());
            }
            keys.extend(decoded.keys.into_iter().take(8));
        }
    }
    let role = classify::classify(sig_bytes, true);
    if let Some(Ok(sigs)) = schemes::decode(role, sig_bytes) {
        for sig in &sigs {
            exercise(sig.as_ref(), message, &keys);
        }
    }
    if let Ok(sig) = ssh::Signature::decode(sig_bytes) {
        exercise(&sig, message, &keys);
    }
    // The signature part as a key file too (a .pub line or allowed_signers fuzzed on its own).
    if let Ok(text) = std::str::from_utf8(sig_bytes) {
        let _ = ssh::parse_keys(text);
    }
});
