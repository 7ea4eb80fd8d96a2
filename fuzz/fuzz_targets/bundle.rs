//! The whole verification plan over hostile inputs: the bytes are cut into up to four inputs (a
//! bundle, a list, a signature, a key) at each `\n--8<--\n`. The report must never say "verified":
//! the trusted key's secret is known only to this file and signs nothing here.
#![no_main]

use airlock::keys::SecretKey;
use airlock::report::{KeySource, Verdict};
use airlock::verify::{self, Input, KeyInput, MemorySource, NoProgress, Options};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = [
    "bundle.tar.gz",
    "SHA256SUMS",
    "SHA256SUMS.minisig",
    "other.pub",
];
const CUT: &[u8] = b"\n--8<--\n";

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() < NAMES.len() - 1 {
        match rest.windows(CUT.len()).position(|w| w == CUT) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + CUT.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
}

fuzz_target!(|data: &[u8]| {
    let trusted = SecretKey::generate([7u8; 32], *b"fuzzkey!").public_key();
    let inputs = split(data)
        .into_iter()
        .zip(NAMES)
        .map(|(bytes, name)| {
            Input::File(Box::new(MemorySource {
                name: name.into(),
                bytes: bytes.to_vec(),
            }))
        })
        .collect();
    let options = Options {
        trusted_keys: vec![KeyInput {
            key: trusted,
            source: KeySource::CommandLine,
            origin: "fuzz".into(),
        }],
        ..Options::default()
    };
    let report = verify::verify(inputs, &options, &mut NoProgress);
    assert_ne!(report.verdict, Verdict::Verified, "{:?}", report.reason);
});
