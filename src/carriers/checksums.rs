//! SHA-256 checksum lists (`SHA256SUMS`), read and written.
//!
//! Accepted, line by line (the two formats may be mixed in one list):
//! - GNU coreutils `sha256sum`: `HASH  name` (text mode) or `HASH *name` (binary mode), the hash
//!   being 64 hex digits in either case;
//! - BSD tag format: `SHA256 (name) = HASH`, as written by `sha256sum --tag` and OpenBSD's
//!   `sha256` (the `SHA256` files of its releases);
//! - either form preceded by `\`, which is how `sha256sum` marks a line whose name it escaped: in
//!   the name, `\\` stands for a backslash, `\n` for a newline and `\r` for a carriage return.
//!   Nothing else may follow a backslash in such a line.
//!
//! Lines end with LF or CRLF, the last one may lack its newline, and blank lines are skipped.
//! Anything else (comments, other algorithms, base64 hashes, `sha256sum --zero` output, the
//! single-space `HASH name` form) is refused with the line number and what is wrong: a list is a
//! security claim, so a line that cannot be read with certainty is never silently skipped.
//!
//! Names are bytes (not necessarily UTF-8), returned exactly as the list spells them once
//! unescaped. This module does not judge them: unsafe or duplicate paths are the verifier's
//! findings (see [`crate::paths`]). The one exception is a NUL byte, which no file name can hold:
//! it marks `--zero` output and makes the line malformed.
//!
//! Parsing is one pass, linear in the input, and allocates at most a small multiple of it: every
//! entry comes from at least 66 bytes of input and costs one 64-byte record plus its name, so the
//! result stays within about three times the input; error messages quote at most a few dozen
//! bytes.

use std::fmt;

use crate::i18n::Message;
use crate::msg;

/// Number of hex digits in a SHA-256 hash.
const HEX_LEN: usize = 64;
/// The only tag accepted in BSD-format lines.
const TAG: &[u8] = b"SHA256";
/// Longest algorithm tag recognised as one (`BLAKE2b-512`, `SHA3-256`, ...).
const MAX_TAG_LEN: usize = 32;
/// How much of an offending line an error message quotes.
const SNIPPET_LEN: usize = 32;

/// Which syntax a list uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// `HASH  name` lines, as `sha256sum` writes them.
    Gnu,
    /// `SHA256 (name) = HASH` lines, as `sha256sum --tag` and OpenBSD's `sha256` write them.
    Bsd,
    /// Both kinds of line.
    Mixed,
}

impl ListFormat {
    /// `gnu`, `bsd` or `mixed`, as written into reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ListFormat::Gnu => "gnu",
            ListFormat::Bsd => "bsd",
            ListFormat::Mixed => "mixed",
        }
    }
}

/// One `hash name` claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    /// The name as written in the list, unescaped; not normalised.
    pub path: Vec<u8>,
    pub sha256: [u8; 32],
    /// 1-based line number in the list.
    pub line: usize,
}

/// A parsed list: every entry in list order, duplicates included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecksumList {
    pub format: ListFormat,
    pub entries: Vec<ListEntry>,
}

/// Why a list could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListError {
    /// 1-based number of the offending line; 0 when the error is about the list as a whole (it
    /// holds no checksum line at all).
    pub line: usize,
    /// What is wrong, as a sentence fragment (catalogue `detail-list-…`).
    pub message: Message,
}

impl ListError {
    /// What is wrong, with the line number when there is one (`line 3: …`).
    pub fn message(&self) -> Message {
        if self.line == 0 {
            self.message.clone()
        } else {
            msg!("detail-list-at-line", "line" => self.line, "detail" => &self.message)
        }
    }
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for ListError {}

/// Parse a whole checksum list.
///
/// Fails on the first line that is not a valid GNU or BSD SHA-256 line, and on a list with no
/// checksum line at all.
pub fn parse(bytes: &[u8]) -> Result<ChecksumList, ListError> {
    let mut entries = Vec::new();
    let (mut gnu, mut bsd) = (false, false);
    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = strip_cr(raw);
        if is_blank(line) {
            continue;
        }
        let number = index + 1;
        let parsed = parse_line(line, number == 1).map_err(|message| ListError {
            line: number,
            message,
        })?;
        match parsed.style {
            Style::Gnu => gnu = true,
            Style::Bsd => bsd = true,
        }
        entries.push(ListEntry {
            path: parsed.path,
            sha256: parsed.sha256,
            line: number,
        });
    }
    let format = match (gnu, bsd) {
        (true, false) => ListFormat::Gnu,
        (false, true) => ListFormat::Bsd,
        (true, true) => ListFormat::Mixed,
        (false, false) => {
            return Err(ListError {
                line: 0,
                message: msg!("detail-list-empty"),
            })
        }
    };
    Ok(ChecksumList { format, entries })
}

/// Whether the start of a file looks like a checksum list: its first non-blank line is a valid
/// GNU or BSD SHA-256 line.
///
/// `head` is the first few KiB of the file and may end in the middle of a line; a last,
/// unterminated line is accepted when it is a plausible beginning of a valid line (the 64-digit
/// hash and separator of a GNU line, or `SHA256 (` and the start of a name).
pub fn looks_like_list(head: &[u8]) -> bool {
    let mut rest = head;
    while !rest.is_empty() {
        let (raw, complete, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], true, &rest[i + 1..]),
            None => (rest, false, &rest[rest.len()..]),
        };
        let line = strip_cr(raw);
        if is_blank(line) {
            rest = next;
            continue;
        }
        return parse_line(line, false).is_ok() || (!complete && plausible_cut_line(line));
    }
    false
}

/// One line in GNU format, exactly as `sha256sum` (text mode) writes it, newline included.
///
/// A name holding a backslash, newline or carriage return is escaped (`\\`, `\n`, `\r`) and the
/// line then starts with a backslash, as coreutils does.
pub fn format_line(path: &[u8], sha256: &[u8; 32]) -> Vec<u8> {
    let escape = needs_escape(path);
    let mut out = Vec::with_capacity(HEX_LEN + 4 + escaped_len(path, escape));
    if escape {
        out.push(b'\\');
    }
    out.extend_from_slice(hex::encode(sha256).as_bytes());
    out.extend_from_slice(b"  ");
    push_name(&mut out, path, escape);
    out.push(b'\n');
    out
}

/// One line in BSD tag format, exactly as `sha256sum --tag` writes it, newline included.
///
/// Names are escaped as in [`format_line`].
pub fn format_bsd_line(path: &[u8], sha256: &[u8; 32]) -> Vec<u8> {
    let escape = needs_escape(path);
    let mut out = Vec::with_capacity(HEX_LEN + 14 + escaped_len(path, escape));
    if escape {
        out.push(b'\\');
    }
    out.extend_from_slice(TAG);
    out.extend_from_slice(b" (");
    push_name(&mut out, path, escape);
    out.extend_from_slice(b") = ");
    out.extend_from_slice(hex::encode(sha256).as_bytes());
    out.push(b'\n');
    out
}

// ---------------------------------------------------------------------------------------------
// Writing.

fn needs_escape(name: &[u8]) -> bool {
    name.iter().any(|&b| matches!(b, b'\\' | b'\n' | b'\r'))
}

fn escaped_len(name: &[u8], escape: bool) -> usize {
    if escape {
        name.len()
            + name
                .iter()
                .filter(|&&b| matches!(b, b'\\' | b'\n' | b'\r'))
                .count()
    } else {
        name.len()
    }
}

fn push_name(out: &mut Vec<u8>, name: &[u8], escape: bool) {
    if !escape {
        out.extend_from_slice(name);
        return;
    }
    for &b in name {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Gnu,
    Bsd,
}

struct Parsed {
    path: Vec<u8>,
    sha256: [u8; 32],
    style: Style,
}

/// Drop the CR of a CRLF line ending.
fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|&b| b == b' ' || b == b'\t')
}

/// Parse one non-blank line (without its line ending). The error is a message without the line
/// number.
fn parse_line(line: &[u8], first: bool) -> Result<Parsed, Message> {
    // No file name holds a NUL: this is `sha256sum --zero` output or not a text list at all.
    if line.contains(&0) {
        return Err(msg!("detail-list-nul"));
    }
    let (escaped, body) = match line.strip_prefix(b"\\") {
        Some(body) => (true, body),
        None => (false, line),
    };
    match tag_len(body) {
        Some(len) => parse_bsd(body, len, escaped),
        None => parse_gnu(line, body, escaped, first),
    }
}

/// If `body` starts like a BSD tag line (`WORD (` or `WORD(`), the length of `WORD`.
///
/// A word made only of hex digits is the start of a GNU line instead.
fn tag_len(body: &[u8]) -> Option<usize> {
    let len = body
        .iter()
        .take(MAX_TAG_LEN + 1)
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))?;
    if len == 0 || body[..len].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let after = &body[len..];
    (after.starts_with(b" (") || after.starts_with(b"(")).then_some(len)
}

/// `SHA256 (name) = HASH`, the tag being `body[..tag_len]`.
fn parse_bsd(body: &[u8], tag_len: usize, escaped: bool) -> Result<Parsed, Message> {
    let tag = &body[..tag_len];
    if tag != TAG {
        let tag = String::from_utf8_lossy(tag);
        return Err(if tag.eq_ignore_ascii_case("SHA256") {
            msg!("detail-list-tag-case", "tag" => tag.into_owned())
        } else {
            msg!("detail-list-other-algorithm", "tag" => tag.into_owned())
        });
    }
    let inner = body[tag_len..]
        .strip_prefix(b" (")
        .ok_or_else(|| msg!("detail-list-tag-space"))?;
    // The name may itself contain ") = "; the hash cannot, so the last one ends the name.
    let close = rfind(inner, b") = ").ok_or_else(|| msg!("detail-list-no-equals"))?;
    let sha256 = decode_bsd_hash(&inner[close + 4..])?;
    let path = name(&inner[..close], escaped)?;
    Ok(Parsed {
        path,
        sha256,
        style: Style::Bsd,
    })
}

/// `HASH  name` or `HASH *name`. `line` is the whole line, `body` the line without its escape
/// marker.
fn parse_gnu(line: &[u8], body: &[u8], escaped: bool, first: bool) -> Result<Parsed, Message> {
    let token_len = body
        .iter()
        .position(|&b| b == b' ' || b == b'\t')
        .unwrap_or(body.len());
    let token = &body[..token_len];
    let digits = token.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits == 0 {
        return Err(not_a_checksum_line(line, first));
    }
    if digits < token_len {
        let bad = token[digits];
        return Err(if digits == HEX_LEN {
            msg!("detail-list-after-hash", "found" => quote_byte(bad))
        } else {
            msg!("detail-list-hex-followed", "count" => digits, "found" => quote_byte(bad))
        });
    }
    if token_len != HEX_LEN {
        return Err(wrong_length(token_len));
    }
    let sha256 = decode_hex(token);
    let rest = &body[HEX_LEN..];
    let name_start = match rest {
        [b' ', b' ' | b'*', ..] => 2,
        [] | [b' '] => return Err(msg!("detail-list-no-name")),
        [b' ', ..] => return Err(msg!("detail-list-one-space")),
        [other, ..] => return Err(msg!("detail-list-separator", "found" => quote_byte(*other))),
    };
    let path = name(&rest[name_start..], escaped)?;
    Ok(Parsed {
        path,
        sha256,
        style: Style::Gnu,
    })
}

/// The hash field of a BSD line: exactly 64 hex digits, nothing after.
fn decode_bsd_hash(field: &[u8]) -> Result<[u8; 32], Message> {
    let digits = field.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits == field.len() {
        if digits == HEX_LEN {
            return Ok(decode_hex(field));
        }
        return Err(wrong_length(digits));
    }
    if field.len() == 44 && field.ends_with(b"=") {
        return Err(msg!("detail-list-base64"));
    }
    if digits >= HEX_LEN {
        return Err(msg!("detail-list-text-after-hash", "found" => snippet(&field[HEX_LEN..])));
    }
    Err(msg!("detail-list-hex-followed", "count" => digits, "found" => quote_byte(field[digits])))
}

/// "expected 64 hex digits, found N", naming the algorithm a common wrong length belongs to.
fn wrong_length(found: usize) -> Message {
    let algorithm = match found {
        32 => "MD5",
        40 => "SHA-1",
        56 => "SHA-224",
        96 => "SHA-384",
        128 => "SHA-512",
        _ => return msg!("detail-list-hex-count", "count" => found),
    };
    msg!("detail-list-hex-count-algorithm", "count" => found, "algorithm" => algorithm)
}

/// Why a line that starts with neither a hash nor an algorithm tag is not a checksum line.
fn not_a_checksum_line(line: &[u8], first: bool) -> Message {
    if first && line.starts_with("\u{feff}".as_bytes()) {
        return msg!("detail-list-bom");
    }
    match line.first() {
        Some(b'#') => msg!("detail-list-comment"),
        Some(b' ' | b'\t') => msg!("detail-list-leading-space"),
        _ => msg!("detail-list-not-a-line", "found" => snippet(line)),
    }
}

/// The name as written: unescaped when the line starts with a backslash, else taken literally.
fn name(raw: &[u8], escaped: bool) -> Result<Vec<u8>, Message> {
    if !escaped {
        return Ok(raw.to_vec());
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut bytes = raw.iter();
    while let Some(&b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match bytes.next() {
            Some(b'\\') => out.push(b'\\'),
            Some(b'n') => out.push(b'\n'),
            Some(b'r') => out.push(b'\r'),
            Some(&other) => {
                return Err(msg!(
                    "detail-list-bad-escape",
                    "escape" => format!("\\{}", std::ascii::escape_default(other)),
                ))
            }
            None => return Err(msg!("detail-list-lone-backslash")),
        }
    }
    Ok(out)
}

/// Decode 64 hex digits (already checked).
fn decode_hex(digits: &[u8]) -> [u8; 32] {
    fn nibble(b: u8) -> u8 {
        match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            _ => b - b'A' + 10,
        }
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = (nibble(pair[0]) << 4) | nibble(pair[1]);
    }
    out
}

/// Position of the last occurrence of `needle` in `haystack` (linear: the needle is short).
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A byte for a message: `'x'`, or an escape such as `'\xff'`, `'\t'`.
fn quote_byte(b: u8) -> String {
    format!("'{}'", std::ascii::escape_default(b))
}

/// The start of some bytes for a message, escaped and shortened.
fn snippet(bytes: &[u8]) -> String {
    let cut = bytes.len().min(SNIPPET_LEN);
    let mut out = bytes[..cut].escape_ascii().to_string();
    if cut < bytes.len() {
        out.push('…');
    }
    out
}

/// For [`looks_like_list`]: whether an unterminated line can be the start of a valid line.
fn plausible_cut_line(line: &[u8]) -> bool {
    let body = line.strip_prefix(b"\\").unwrap_or(line);
    if body.starts_with(b"SHA256 (") {
        return body.len() > b"SHA256 (".len();
    }
    // A GNU line cut between the backslash of an escape and the escaped character.
    match line.strip_suffix(b"\\") {
        Some(shorter) => parse_line(shorter, false).is_ok(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn digest() -> [u8; 32] {
        decode_hex(H.as_bytes())
    }

    fn err(input: &str) -> ListError {
        parse(input.as_bytes()).expect_err(input)
    }

    #[test]
    fn gnu_text_and_binary() {
        let list = parse(format!("{H}  a.txt\n{H} *b.bin\n").as_bytes()).unwrap();
        assert_eq!(list.format, ListFormat::Gnu);
        assert_eq!(list.entries.len(), 2);
        assert_eq!(list.entries[0].path, b"a.txt");
        assert_eq!(list.entries[0].sha256, digest());
        assert_eq!(list.entries[0].line, 1);
        assert_eq!(list.entries[1].path, b"b.bin");
        assert_eq!(list.entries[1].line, 2);
    }

    #[test]
    fn star_and_spaces_belong_to_the_name() {
        let list =
            parse(format!("{H}  *star\n{H} **two\n{H}    lead\n{H}  end \n").as_bytes()).unwrap();
        let paths: Vec<&[u8]> = list.entries.iter().map(|e| &e.path[..]).collect();
        assert_eq!(paths, vec![&b"*star"[..], b"*two", b"  lead", b"end "]);
    }

    #[test]
    fn uppercase_and_mixed_case_hex() {
        let upper = H.to_uppercase();
        let list = parse(format!("{upper}  x\nSHA256 (y) = {upper}\n").as_bytes()).unwrap();
        assert_eq!(list.format, ListFormat::Mixed);
        assert!(list.entries.iter().all(|e| e.sha256 == digest()));
    }

    #[test]
    fn bsd_lines() {
        let list = parse(format!("SHA256 (a b) = {H}\nSHA256 (f(1)) = {H}\n").as_bytes()).unwrap();
        assert_eq!(list.format, ListFormat::Bsd);
        assert_eq!(list.entries[0].path, b"a b");
        assert_eq!(list.entries[1].path, b"f(1)");
        // A name containing the separator itself: the last ") = " ends it.
        let list = parse(format!("SHA256 (x) = y) = {H}\n").as_bytes()).unwrap();
        assert_eq!(list.entries[0].path, b"x) = y");
        let list = parse(format!("SHA256 () = {H}\n").as_bytes()).unwrap();
        assert_eq!(list.entries[0].path, b"");
    }

    #[test]
    fn escaped_names() {
        let input = format!("\\{H}  a\\\\b\\nc\\rd\n\\SHA256 (x\\ny) = {H}\n\\{H}  plain\n");
        let list = parse(input.as_bytes()).unwrap();
        assert_eq!(list.entries[0].path, b"a\\b\nc\rd");
        assert_eq!(list.entries[1].path, b"x\ny");
        assert_eq!(list.entries[2].path, b"plain");
        // Without the leading backslash, a backslash is just a byte of the name.
        let list = parse(format!("{H}  dir\\file\\n\n").as_bytes()).unwrap();
        assert_eq!(list.entries[0].path, b"dir\\file\\n");
    }

    #[test]
    fn line_endings_and_blank_lines() {
        let input = format!("\r\n{H}  a\r\n\n  \n{H}  b");
        let list = parse(input.as_bytes()).unwrap();
        assert_eq!(list.entries[0].path, b"a");
        assert_eq!(list.entries[0].line, 2);
        assert_eq!(list.entries[1].path, b"b");
        assert_eq!(list.entries[1].line, 5);
    }

    #[test]
    fn names_are_bytes_and_not_judged() {
        let mut input = format!("{H}  ").into_bytes();
        input.extend_from_slice(b"bad\xff\xfe\n");
        input.extend_from_slice(format!("{H}  ../../etc/passwd\n{H}  /abs\n").as_bytes());
        input.extend_from_slice(format!("{H}  ../../etc/passwd\n").as_bytes());
        let list = parse(&input).unwrap();
        assert_eq!(list.entries[0].path, b"bad\xff\xfe");
        assert_eq!(list.entries[1].path, b"../../etc/passwd");
        assert_eq!(list.entries[2].path, b"/abs");
        assert_eq!(list.entries.len(), 4, "duplicates are kept");
    }

    #[test]
    fn hash_length_errors() {
        let short = &H[..63];
        let e = err(&format!("{H}  a\n\n{short}  b\n"));
        assert_eq!(e.line, 3);
        assert_eq!(e.to_string(), "line 3: expected 64 hex digits, found 63");
        let e = err(&format!("{H}{H}  b\n"));
        assert_eq!(
            e.message.to_string(),
            "expected 64 hex digits, found 128 (the length of a SHA-512 hash)"
        );
        let e = err(&format!("SHA256 (x) = {short}\n"));
        assert_eq!(e.message.to_string(), "expected 64 hex digits, found 63");
        let e = err(&format!("{}g  x\n", &H[..10]));
        assert_eq!(
            e.message.to_string(),
            "expected 64 hex digits, found 10 followed by 'g'"
        );
        let e = err(&format!("{H}x  x\n"));
        assert_eq!(
            e.message.to_string(),
            "unexpected 'x' right after the 64 hex digits"
        );
        let e = err(&format!("SHA256 (x) = {H} \n"));
        assert_eq!(e.message.to_string(), "unexpected text after the hash: ' '");
        let e = err("SHA256 (x) = 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        assert!(e.message.to_string().contains("base64"), "{e}");
    }

    #[test]
    fn separator_errors() {
        assert_eq!(err(&format!("{H} a\n")).line, 1);
        assert!(err(&format!("{H} a\n"))
            .message
            .to_string()
            .contains("found one"));
        assert!(err(&format!("{H}\tb\n"))
            .message
            .to_string()
            .contains("'\\t'"));
        assert!(err(&format!("{H}\n"))
            .message
            .to_string()
            .contains("end of the line"));
        assert!(err(&format!("{H} \n"))
            .message
            .to_string()
            .contains("end of the line"));
        assert_eq!(
            err(&format!("SHA256(x) = {H}\n")).message.to_string(),
            "expected a space between 'SHA256' and '('"
        );
        assert!(err(&format!("SHA256 (x)= {H}\n"))
            .message
            .to_string()
            .contains("') = '"));
    }

    #[test]
    fn other_algorithms_are_named() {
        let e = err(&format!("SHA256 (a) = {H}\nSHA512 (b) = {H}{H}\n"));
        assert_eq!(e.line, 2);
        assert_eq!(
            e.message.to_string(),
            "the line gives a SHA512 checksum; only SHA256 is supported"
        );
        let e = err("MD5 (b) = d41d8cd98f00b204e9800998ecf8427e\n");
        assert!(e.message.to_string().contains("MD5"));
        let e = err(&format!("\\BLAKE2b-256 (b\\\\) = {H}\n"));
        assert!(e.message.to_string().contains("BLAKE2b-256"));
        let e = err(&format!("sha256 (b) = {H}\n"));
        assert!(e.message.to_string().contains("'SHA256'"));
    }

    #[test]
    fn escape_errors() {
        let e = err(&format!("{H}  ok\n\\{H}  a\\tb\n"));
        assert_eq!(e.line, 2);
        assert!(e.message.to_string().contains("'\\t'"), "{e}");
        let e = err(&format!("\\{H}  a\\\n"));
        assert_eq!(
            e.message.to_string(),
            "the file name ends with a lone backslash"
        );
        let e = err(&format!("\\SHA256 (a\\x) = {H}\n"));
        assert!(e.message.to_string().contains("'\\x'"), "{e}");
    }

    #[test]
    fn other_shapes() {
        assert_eq!(
            err("# a comment\n").message.to_string(),
            "comment lines are not accepted in a checksum list"
        );
        assert_eq!(
            err(&format!("  {H}  a\n")).message.to_string(),
            "the line starts with whitespace"
        );
        assert!(err(&format!("\u{feff}{H}  a\n"))
            .message
            .to_string()
            .contains("byte-order mark"));
        let e = err(&format!("{H}  a\nhello world\n"));
        assert_eq!(e.line, 2);
        assert!(e.message.to_string().contains("found 'hello world'"), "{e}");
        let zero = format!("{H}  a\0{H}  b\0");
        assert!(err(&zero).message.to_string().contains("--zero"));
        let e = err("");
        assert_eq!(
            (e.line, e.to_string().as_str()),
            (0, "the list holds no checksum lines")
        );
        assert_eq!(err("\n \r\n\n").line, 0);
    }

    #[test]
    fn error_messages_stay_short() {
        let long = "x".repeat(100_000);
        let e = err(&format!("{long}\n"));
        assert!(
            e.message.to_string().len() < 200,
            "{}",
            e.message.to_string().len()
        );
        let e = err(&format!("SHA256 (a) = {H}{long}\n"));
        assert!(e.message.to_string().len() < 200);
    }

    #[test]
    fn format_round_trips() {
        let names: [&[u8]; 6] = [
            b"plain",
            b"a\\b",
            b"new\nline",
            b"cr\rx",
            b" lead",
            b"\xff*",
        ];
        for name in names {
            for line in [
                format_line(name, &digest()),
                format_bsd_line(name, &digest()),
            ] {
                let list = parse(&line).unwrap();
                assert_eq!(list.entries[0].path, name);
                assert_eq!(list.entries[0].sha256, digest());
            }
        }
        assert_eq!(
            format_line(b"a\\b", &digest()),
            format!("\\{H}  a\\\\b\n").into_bytes()
        );
        assert_eq!(
            format_line(b"cr\rx\ny", &digest()),
            format!("\\{H}  cr\\rx\\ny\n").into_bytes()
        );
        assert_eq!(
            format_line(b"tab\t", &digest()),
            format!("{H}  tab\t\n").into_bytes()
        );
        assert_eq!(
            format_bsd_line(b"x\ny", &digest()),
            format!("\\SHA256 (x\\ny) = {H}\n").into_bytes()
        );
    }

    #[test]
    fn classifier() {
        assert!(looks_like_list(format!("{H}  a\n").as_bytes()));
        assert!(looks_like_list(format!("\n\r\n{H}  a").as_bytes()));
        assert!(looks_like_list(
            format!("SHA256 (a) = {H}\ngarbage").as_bytes()
        ));
        assert!(looks_like_list(format!("\\{H}  a\\\\b\n").as_bytes()));
        // Cut mid-line.
        assert!(looks_like_list(format!("{H}  long-na").as_bytes()));
        assert!(looks_like_list(format!("\\{H}  a\\").as_bytes()));
        assert!(looks_like_list(b"SHA256 (a-very-long-na"));
        assert!(!looks_like_list(b""));
        assert!(!looks_like_list(b"\n\n"));
        assert!(!looks_like_list(b"SHA256 ("));
        assert!(!looks_like_list(&H.as_bytes()[..40]));
        assert!(!looks_like_list(format!("{H} a\n").as_bytes()));
        assert!(!looks_like_list(
            format!("SHA512 (a) = {H}{H}\n").as_bytes()
        ));
        assert!(!looks_like_list(
            b"untrusted comment: minisign public key\n"
        ));
        assert!(!looks_like_list(b"\x1f\x8b\x08\x00"));
    }

    #[test]
    fn linear_on_hostile_input() {
        // One huge line of separators and backslashes, and many short lines: both must be quick.
        let mut big = b"\\SHA256 (".to_vec();
        big.extend(b") = ".repeat(500_000));
        big.extend(format!(") = {H}").as_bytes());
        assert_eq!(parse(&big).unwrap().entries[0].path.len(), 4 * 500_000);
        // Smallest lines (empty names) give the most entries per input byte: the result still
        // stays within three times the input.
        let many = format!("{H}  \n").repeat(200_000);
        let list = parse(many.as_bytes()).unwrap();
        assert_eq!(list.entries.len(), 200_000);
        let held = list.entries.capacity() * std::mem::size_of::<ListEntry>()
            + list
                .entries
                .iter()
                .map(|e| e.path.capacity())
                .sum::<usize>();
        assert!(held <= 3 * many.len(), "{held} bytes for {}", many.len());
    }
}
