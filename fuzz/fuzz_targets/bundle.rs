//! The whole verification plan, with `verified` reachable. The bytes are cut at `\n--8<--\n` into
//! a bundle, a `SHA256SUMS` list and (optionally) one more input; the target signs the list with
//! the trusted key (minisign, prehashed), so the fuzzer explores bundles and lists the engine may
//! accept (seeds from `scripts/fuzz.sh` start verified). Whenever the report says `verified`, an
//! independent reader — the `tar` crate — must see exactly the regular files (hard links
//! resolved) with the same bytes and the same symbolic links as the report, no device or FIFO, no
//! name twice, and no error. Built twice: `bundle` without threads (as the wasm page runs it) and
//! `bundle_threads` with the native pipeline (`threads` feature).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "bundle_common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::run(data));
