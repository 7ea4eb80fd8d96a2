//! Public and secret key parsers (minisign and signify encodings, bare `RW…` strings), and the
//! classifier that decides what an input is.
#![no_main]

use airlock::classify;
use airlock::keys::{PublicKey, SecretKey};
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
    if let Ok(secret) = SecretKey::decode(&text) {
        let _ = secret.public_key();
    }
});
