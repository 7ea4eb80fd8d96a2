//! Digest carriers: files that say what the bundle's content must hash to.
//!
//! - [`checksums`]: `SHA256SUMS` lists (GNU and BSD tag formats).
pub mod checksums;
