//! Helpers shared by the openpgp, ssh and bundle targets.
#![allow(dead_code)]

use airlock::schemes::StreamVerifier;

const CUT: &[u8] = b"\n--8<--\n";

/// Cut `data` at `\n--8<--\n` into at most `max` parts.
pub fn split(data: &[u8], max: usize) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() + 1 < max {
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

/// Feed `message` to a stream verifier in uneven pieces (as a bundle streams by), then finish.
pub fn feed(mut stream: Box<dyn StreamVerifier>, message: &[u8]) -> bool {
    let mut at = 0;
    let mut step = 1;
    while at < message.len() {
        let end = (at + step).min(message.len());
        stream.update(&message[at..end]);
        at = end;
        step = step * 3 + 1;
    }
    stream.update(&[]);
    stream.finish()
}
