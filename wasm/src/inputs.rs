//! From the page's values to engine inputs, and from the report to what the page offers.
//!
//! The JS shapes are documented on [`crate::verify`]. Everything that can be decided without a
//! browser (folder layout, pasted hashes, key descriptions, `SHA256SUMS` text) is written over
//! plain Rust values so that the tests run it under Node.

use std::fmt;
use std::io::Read;

use airlock::checksums;
use airlock::report::{EntryKind, Report};
use airlock::verify::{ExpectedDigest, Input, KeyInput, MemorySource, Source, TreeMember};
use js_sys::{Array, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::File;

use crate::source::blob_source;

/// minisign, signify and SSH key files are a few hundred bytes, OpenPGP certificates a few
/// kilobytes (more with many certifications, or several in a keyring); anything larger than this
/// is not read as a key file.
pub const MAX_KEY_FILE: u64 = 1 << 20;

/// The page handed over something this skin cannot turn into an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsInputError(pub String);

impl fmt::Display for JsInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn bad(msg: impl Into<String>) -> JsInputError {
    JsInputError(msg.into())
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The page's input list: `File`s and `{ folder: [{ path, file }] }`.
pub fn inputs_from_js(list: &Array) -> Result<Vec<Input>, JsInputError> {
    let mut inputs = Vec::new();
    for item in list.iter() {
        if let Some(file) = item.dyn_ref::<File>() {
            let name = file.name();
            inputs.push(Input::File(Box::new(blob_source(
                name,
                file.clone().into(),
            ))));
            continue;
        }
        let folder = get(&item, "folder");
        let Some(members) = folder.dyn_ref::<Array>() else {
            return Err(bad("an input is neither a file nor a folder"));
        };
        let mut files: Vec<(String, Box<dyn Source>)> = Vec::new();
        for m in members.iter() {
            let path = get(&m, "path")
                .as_string()
                .ok_or_else(|| bad("a folder member has no path"))?;
            let file = get(&m, "file")
                .dyn_into::<File>()
                .map_err(|_| bad(format!("folder member {path:?} is not a file")))?;
            files.push((path.clone(), Box::new(blob_source(path, file.into()))));
        }
        inputs.push(folder_input(files)?);
    }
    Ok(inputs)
}

/// A picked folder as a tree input. Each path is as the browser gives it
/// (`webkitRelativePath`): the folder's own name, then the path inside it. Browsers list only
/// regular files, so the folders between them are added as directory members.
pub fn folder_input(files: Vec<(String, Box<dyn Source>)>) -> Result<Input, JsInputError> {
    let Some((first, _)) = files.first() else {
        return Err(bad("the folder is empty"));
    };
    let first = first.trim_start_matches('/');
    let name = first.split('/').next().unwrap_or_default().to_string();
    if name.is_empty() || !first.contains('/') {
        return Err(bad(format!(
            "{first:?} does not name a file inside a folder"
        )));
    }
    let prefix = format!("{name}/");
    let mut members: Vec<TreeMember> = Vec::new();
    let mut dirs: Vec<Vec<u8>> = Vec::new();
    for (path, source) in files {
        let Some(rel) = path.trim_start_matches('/').strip_prefix(&prefix) else {
            return Err(bad(format!(
                "{path:?} is not inside the folder {name:?}: pick one folder at a time"
            )));
        };
        let rel = rel.as_bytes().to_vec();
        for (i, _) in rel.iter().enumerate().filter(|(_, &b)| b == b'/') {
            let dir = rel[..i].to_vec();
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
        members.push(TreeMember {
            path: rel,
            kind: EntryKind::File,
            mode: None,
            link_target: None,
            source: Some(source),
        });
    }
    let dirs = dirs.into_iter().map(|path| TreeMember {
        path,
        kind: EntryKind::Directory,
        mode: None,
        link_target: None,
        source: None,
    });
    let mut all: Vec<TreeMember> = dirs.collect();
    all.extend(members);
    // In path order, as the CLI lists a folder.
    all.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Input::Tree { name, members: all })
}

/// The trusted keys the page passes: `{ source, origin, text }` or `{ source, origin, file }`.
pub fn trusted_keys_from_js(list: &Array) -> Result<Vec<KeyInput>, JsInputError> {
    let mut keys = Vec::new();
    for item in list.iter() {
        let source_name = get(&item, "source").as_string().unwrap_or_default();
        let source = crate::key_source(&source_name)
            .ok_or_else(|| bad(format!("unknown key source {source_name:?}")))?;
        let origin = get(&item, "origin").as_string().unwrap_or_default();
        // Bytes: `gpg --export` writes binary keyrings (pinned keys come as a Uint8Array).
        let given = get(&item, "bytes");
        let bytes = match get(&item, "text").as_string() {
            Some(text) => text.into_bytes(),
            None if given.is_instance_of::<Uint8Array>() => Uint8Array::from(given).to_vec(),
            None => {
                let file = get(&item, "file")
                    .dyn_into::<File>()
                    .map_err(|_| bad(format!("key {origin:?} has no text, bytes or file")))?;
                read_small_bytes(&blob_source(file.name(), file.into()))?
                    .ok_or_else(|| bad(format!("{origin:?} is not a public key file")))?
            }
        };
        keys.extend(key_inputs_bytes(&bytes, source, origin)?);
    }
    Ok(keys)
}

/// One trusted key from its text (the first, for a file of several).
pub fn key_input(
    text: &str,
    source: airlock::report::KeySource,
    origin: String,
) -> Result<KeyInput, JsInputError> {
    Ok(key_inputs(text, source, origin)?.remove(0))
}

/// The trusted keys of a key file of any kind (minisign, signify, SSH `.pub` lines,
/// `allowed_signers`). Lines skipped on purpose (`cert-authority`) are not trusted.
pub fn key_inputs(
    text: &str,
    source: airlock::report::KeySource,
    origin: String,
) -> Result<Vec<KeyInput>, JsInputError> {
    key_inputs_bytes(text.as_bytes(), source, origin)
}

/// [`key_inputs`] from a key file's bytes (OpenPGP keyrings may be binary).
pub fn key_inputs_bytes(
    bytes: &[u8],
    source: airlock::report::KeySource,
    origin: String,
) -> Result<Vec<KeyInput>, JsInputError> {
    let decoded = airlock::schemes::decode_keys(bytes)
        .map_err(|e| bad(format!("{origin:?} is not a usable public key: {e}")))?;
    Ok(decoded
        .keys
        .into_iter()
        .map(|key| KeyInput {
            key,
            source,
            origin: origin.clone(),
        })
        .collect())
}

/// The content of a file small enough to be a key, as text; `None` when it is too large or not
/// UTF-8.
pub fn read_small_text(source: &dyn Source) -> Result<Option<String>, JsInputError> {
    Ok(read_small_bytes(source)?.and_then(|b| String::from_utf8(b).ok()))
}

/// The content of a file small enough to be a key; `None` when it is too large.
pub fn read_small_bytes(source: &dyn Source) -> Result<Option<Vec<u8>>, JsInputError> {
    if source.len() > MAX_KEY_FILE {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    source
        .open()
        .and_then(|r| r.take(MAX_KEY_FILE).read_to_end(&mut bytes))
        .map_err(|e| bad(format!("cannot read {:?}: {e}", source.name())))?;
    Ok(Some(bytes))
}

/// What the page shows for a key.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct KeyDescription {
    pub key_id: String,
    pub format: String,
    pub public_key: String,
}

/// Describe `text` if it is a public key (the first key of a file of several).
pub fn describe_key(text: &str) -> Option<KeyDescription> {
    describe_key_bytes(text.as_bytes())
}

/// [`describe_key`] from a key file's bytes.
pub fn describe_key_bytes(bytes: &[u8]) -> Option<KeyDescription> {
    let key = airlock::schemes::decode_keys(bytes)
        .ok()?
        .keys
        .into_iter()
        .next()?;
    Some(KeyDescription {
        key_id: key.id(),
        format: key.format().to_string(),
        public_key: key.public_key(),
    })
}

/// A one-line checksum list for `name` from what the reviewer pasted: 64 hex digits, or a whole
/// `sha256sum` line (its first word is taken).
pub fn pasted_list(name: &str, pasted: &str) -> Result<MemorySource, JsInputError> {
    let word = pasted.split_whitespace().next().unwrap_or("");
    let word = word.trim_start_matches('\\');
    let digest = hex::decode(word)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| {
            bad(format!(
                "a SHA-256 is 64 hexadecimal digits (0-9, a-f); what was pasted has {} characters",
                word.chars().count()
            ))
        })?;
    Ok(MemorySource {
        name: "SHA256SUMS (pasted)".to_string(),
        bytes: checksums::format_line(name.as_bytes(), &digest),
    })
}

/// The expected image digests pasted in the page's field, one per line, as `--expect-digest`
/// takes them: each line is read by the engine ([`ExpectedDigest::parse`]); blank lines and the
/// spaces around a digest (a pasted `\r`, an indent) are left out. One malformed line refuses the
/// whole field, naming the line, before anything is read.
pub fn expected_digests(text: &str) -> Result<Vec<ExpectedDigest>, JsInputError> {
    expected_lines(text)
        .map(|(n, line)| {
            ExpectedDigest::parse(line).map_err(|m| {
                bad(format!(
                    "Expected image digests, line {n}: {}",
                    m.render(airlock::i18n::DEFAULT_LANG)
                ))
            })
        })
        .collect()
}

/// The first malformed line of the expected digests field, as (line number, why), for the page
/// to say in its language before it starts a run; `None` when every line is a digest.
pub fn expected_digests_problem(text: &str) -> Option<(usize, airlock::i18n::Message)> {
    expected_lines(text).find_map(|(n, line)| ExpectedDigest::parse(line).err().map(|m| (n, m)))
}

/// The field's non-blank lines, trimmed, with their 1-based numbers.
fn expected_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, line)| (n + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
}

/// `SHA256SUMS` text (GNU format) for every hashed file, when the run had no checksum list to
/// compare with; `None` otherwise. Paths are relative to the bundle's top folder, as
/// `airlock pack` writes them.
pub fn sha256sums(report: &Report) -> Option<String> {
    if !report.lists.is_empty() {
        return None;
    }
    let root = report
        .bundle
        .as_ref()
        .and_then(|b| b.root.as_deref())
        .map(|r| format!("{r}/"));
    let mut out = Vec::new();
    for entry in &report.entries {
        if entry.kind != EntryKind::File {
            continue;
        }
        let Some(digest) = entry
            .actual
            .as_deref()
            .and_then(|h| hex::decode(h).ok())
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
        else {
            continue;
        };
        let path = match &root {
            Some(root) => entry
                .path
                .strip_prefix(root.as_str())
                .unwrap_or(&entry.path),
            None => &entry.path,
        };
        out.extend(checksums::format_line(path.as_bytes(), &digest));
    }
    if out.is_empty() {
        return None;
    }
    String::from_utf8(out).ok()
}
