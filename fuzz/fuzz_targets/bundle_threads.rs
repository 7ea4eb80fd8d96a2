//! The `bundle` target over the native threaded pipeline (built with the `threads` feature:
//! `cargo fuzz run --features threads bundle_threads`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "bundle_common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::run(data));
