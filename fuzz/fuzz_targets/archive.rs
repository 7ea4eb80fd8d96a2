//! The tar reader, plain and inside gzip: no panic, no unbounded memory, no hang.
#![no_main]

use std::io::Read;

use airlock::archive::{self, TarLimits};
use airlock::gzip::MultiGzReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = TarLimits {
        // Keep each run short: holes are zeros the reader must produce one by one.
        max_sparse_holes: 1 << 24,
        ..TarLimits::default()
    };
    let visit = |h: &archive::Header, r: &mut dyn Read| {
        assert!(h.path.len() <= limits.max_path_len);
        let mut buf = [0u8; 4096];
        let mut total = 0u64;
        loop {
            let n = r.read(&mut buf)?;
            if n == 0 {
                break;
            }
            total += n as u64;
        }
        assert_eq!(total, h.size, "an entry's reader gives exactly its size");
        Ok(())
    };
    if data.first() == Some(&0x1f) {
        let _ = archive::scan(MultiGzReader::new(data), limits, visit);
    } else {
        let _ = archive::scan(data, limits, visit);
    }
});
