//! minisign and signify signature parsers and verifiers: no panic, nothing verifies under a key
//! whose secret signs nothing here, and what decodes re-encodes to something that decodes alike.
#![no_main]

use airlock::keys::SecretKey;
use airlock::{minisign, signify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let key = SecretKey::generate([9u8; 32], *b"fuzzsig!").public_key();
    let text = String::from_utf8_lossy(data);
    if let Ok(sig) = minisign::Signature::decode(&text) {
        assert!(sig.verify(&key, data).is_err());
        if let Ok(mut v) = sig.verifier(&key) {
            v.update(data);
            assert!(v.finish().is_err());
        }
        let again = minisign::Signature::decode(&sig.encode()).expect("re-encoded minisig");
        assert_eq!(again.key_id(), sig.key_id());
        assert_eq!(again.trusted_comment(), sig.trusted_comment());
    }
    if let Ok(sig) = signify::SignatureFile::decode(data) {
        assert!(sig.verify(&key, data).is_err());
        let _ = sig.verify_embedded(&key);
        let again = signify::SignatureFile::decode(&sig.encode()).expect("re-encoded signify");
        assert_eq!(again.key_id(), sig.key_id());
        assert_eq!(again.embedded(), sig.embedded());
    }
});
