//! The checksum-list parser: no panic; every line it accepts, written back, reads the same.
#![no_main]

use airlock::checksums;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = checksums::looks_like_list(data);
    let Ok(list) = checksums::parse(data) else {
        return;
    };
    for e in &list.entries {
        for line in [
            checksums::format_line(&e.path, &e.sha256),
            checksums::format_bsd_line(&e.path, &e.sha256),
        ] {
            let again = checksums::parse(&line).expect("a written line parses");
            assert_eq!(again.entries.len(), 1);
            assert_eq!(again.entries[0].path, e.path);
            assert_eq!(again.entries[0].sha256, e.sha256);
        }
    }
});
