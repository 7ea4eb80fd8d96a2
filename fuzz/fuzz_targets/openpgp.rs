//! OpenPGP: detached signatures (binary and armored), cleartext-signed messages and certificates
//! (keyrings, binary and armored), as Airlock decodes them, and verification against fixed real
//! keys so that the binding, policy, hashing and signature checks run.
//!
//! Input: `SIGNATURE \n--8<--\n MESSAGE` (the message optional). The first part is also read as
//! a key file. The trusted keys are the gpg keyring `fuzz/seeds/openpgp/keyring.asc` (RSA 3072,
//! Ed25519, P-256, a certify-only primary with Ed25519 and RSA signing subkeys, an expired and a
//! revoked key); the seeds (`fuzz/seeds/make.sh`) are gpg signatures by them, so the fuzzer starts
//! from signatures that verify. Checked:
//! - no panic, no hang, bounded memory;
//! - a signature refused whatever the key (weak hash, unknown critical subpacket…) verifies under
//!   no key;
//! - streaming (the bundle path: fed in pieces) and whole-message verification agree;
//! - what verifies over a message does not verify over the message with a byte appended;
//! - a key that verifies is one the signature names (`made_by`), and the cleartext verifies only
//!   over its own signed list.
#![no_main]

use std::sync::OnceLock;

use airlock::classify::{self, Role};
use airlock::schemes::{self, openpgp, Key};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn keys() -> &'static [Key] {
    static KEYS: OnceLock<Vec<Key>> = OnceLock::new();
    KEYS.get_or_init(|| {
        // Two armored blocks (the revoked key is exported after its revocation); the engine
        // reads only the first block of a file, so each is decoded on its own.
        let text = std::str::from_utf8(include_bytes!("../seeds/openpgp/keyring.asc")).unwrap();
        let mut keys = Vec::new();
        for block in text.split("-----BEGIN").skip(1) {
            let block = format!("-----BEGIN{block}");
            keys.extend(
                schemes::decode_keys(block.as_bytes())
                    .expect("the fixed keyring reads")
                    .keys,
            );
        }
        assert_eq!(keys.len(), 6, "the fixed keyring holds every key");
        keys
    })
}

/// Every check on one decoded signature.
fn exercise(sig: &dyn schemes::Signature, message: &[u8]) {
    let _ = (sig.format(), sig.algorithm(), sig.signer(), sig.embedded());
    let refused = sig.refused();
    let message = sig
        .embedded()
        .map(<[u8]>::to_vec)
        .unwrap_or_else(|| message.to_vec());
    for key in keys() {
        let named = sig.made_by(key);
        let _ = sig.key_refused(key, Some(1_900_000_000));
        let _ = sig.key_refused(key, None);
        let _ = sig.details(Some(key));
        let ok = sig.verify(key, &message);
        if ok {
            assert!(refused.is_none(), "verified although refused: {refused:?}");
            assert!(named, "verified by a key it does not name");
            let mut longer = message.clone();
            longer.push(b'x');
            assert!(
                !sig.verify(key, &longer),
                "verified over another message too"
            );
        }
        if let Some(stream) = sig.stream(key) {
            assert!(named, "a stream for a key it does not name");
            let streamed = common::feed(stream, &message);
            assert_eq!(
                streamed, ok,
                "streaming and whole-message verification disagree"
            );
        }
    }
    let _ = sig.details(None);
}

fuzz_target!(|data: &[u8]| {
    let keys = keys();
    let parts = common::split(data, 2);
    let (sig_bytes, message) = (parts[0], parts.get(1).copied().unwrap_or_default());
    // As the engine meets the file: classified, then decoded by the scheme that claims it.
    let role = classify::classify(sig_bytes, true);
    let _ = openpgp::sniff(sig_bytes, false);
    if let Some(Ok(sigs)) = schemes::decode(role, sig_bytes) {
        for sig in &sigs {
            exercise(sig.as_ref(), message);
        }
    }
    // Both decoders on everything, whatever the classifier said.
    if role != Role::OpenPgpSignature {
        if let Ok(sigs) = openpgp::decode_detached(sig_bytes) {
            for sig in &sigs {
                exercise(sig, message);
            }
        }
    }
    if role != Role::OpenPgpCleartext {
        if let Ok(sigs) = openpgp::decode_cleartext(sig_bytes) {
            for sig in &sigs {
                exercise(sig, message);
            }
        }
    }
    // The same bytes as a key file: what reads as certificates reads the same twice.
    if let Ok(certs) = openpgp::parse_certs(sig_bytes) {
        for c in &certs {
            let _ = (openpgp::fingerprint(c), openpgp::user_id(c));
        }
    }
    if let Ok(decoded) = schemes::decode_keys(sig_bytes) {
        for k in &decoded.keys {
            let _ = (k.id(), k.format(), k.public_key(), k.user_id());
        }
    }
    let _ = keys;
});
