//! The command-line tool's own parts: the language it speaks ([`lang`]), its localised `--help`
//! ([`help`]) and the text report ([`text`]). Built only with the `cli` feature (the binary's).

pub mod help;
pub mod lang;
pub mod text;
