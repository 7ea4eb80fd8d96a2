//! The differential oracle: does a `verified` bundle extract to exactly what was signed?
//!
//! Whenever Airlock says `verified`, the bundle is extracted with GNU tar (`tar -xf`) and with
//! bsdtar (libarchive) into fresh temporary folders, and each folder is compared with the signed
//! list, read and parsed here independently of the engine:
//! - every extracted regular file is listed with the same SHA-256, or is the signed list or a
//!   trusted signature itself (with the bytes the engine checked);
//! - every listed name, opened *through* its links (a plain `open`, as `sh rel/install.sh`
//!   would), gives the listed bytes, and lands on a file inside the folder that is not the list
//!   or a signature;
//! - every symbolic link's real target (`canonicalize`) lies inside the folder, and an unlisted
//!   link leads to a folder or a listed file;
//! - nothing else exists: no unlisted file, no device, no FIFO, no extended attribute, ACL or
//!   file capability on anything extracted (`python3`'s `os.listxattr`);
//! - both extractors succeed.
//!
//! A bundle vouched for as a whole (a trusted signature over the bundle file, or a signed list
//! naming the bundle file with its SHA-256) needs no extraction: its bytes are what was signed.
//! Loose files handed over without an archive must each be listed with their SHA-256.
#![allow(dead_code)]

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The extractors the oracle runs: (label, program, arguments before the archive).
pub const EXTRACTORS: &[(&str, &str)] = &[("GNU tar", "tar"), ("bsdtar", "bsdtar")];

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn show(p: &[u8]) -> String {
    String::from_utf8_lossy(p).escape_debug().to_string()
}

/// A `SHA256SUMS` list (GNU or BSD tag lines, `\`-escaped names), the message of an embedded
/// signify signature, or the signed text of a cleartext-signed list. Names as written, with a
/// leading `./` dropped.
pub fn parse_list(bytes: &[u8]) -> Result<Vec<(Vec<u8>, String)>, String> {
    let text = list_body(bytes);
    let mut out = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        if line.is_empty() {
            continue;
        }
        let (escaped, body) = match line.strip_prefix(b"\\") {
            Some(b) => (true, b),
            None => (false, line),
        };
        let (name, hash) = if let Some(rest) = body.strip_prefix(b"SHA256 (") {
            let close = rest
                .windows(4)
                .rposition(|w| w == b") = ")
                .ok_or_else(|| format!("bad BSD line {}", show(line)))?;
            (&rest[..close], &rest[close + 4..])
        } else {
            if body.len() < 66 || !(body[64] == b' ' && (body[65] == b' ' || body[65] == b'*')) {
                return Err(format!("bad list line {}", show(line)));
            }
            (&body[66..], &body[..64])
        };
        let hash = std::str::from_utf8(hash)
            .ok()
            .filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| format!("bad hash in {}", show(line)))?
            .to_ascii_lowercase();
        let mut name = if escaped {
            let mut n = Vec::new();
            let mut it = name.iter();
            while let Some(&b) = it.next() {
                if b == b'\\' {
                    match it.next() {
                        Some(b'n') => n.push(b'\n'),
                        Some(b'r') => n.push(b'\r'),
                        Some(b'\\') => n.push(b'\\'),
                        other => return Err(format!("bad escape {other:?} in {}", show(line))),
                    }
                } else {
                    n.push(b);
                }
            }
            n
        } else {
            name.to_vec()
        };
        while let Some(rest) = name.strip_prefix(b"./") {
            name = rest.to_vec();
        }
        out.push((name, hash));
    }
    Ok(out)
}

/// The list itself: the message of an embedded signify signature (`signify -S -e`: two lines of
/// signature, then the message), the signed text of a cleartext-signed message (`gpg
/// --clearsign`), or the whole file.
fn list_body(bytes: &[u8]) -> Cow<'_, [u8]> {
    if bytes.starts_with(b"-----BEGIN PGP SIGNED MESSAGE-----") {
        return Cow::Owned(cleartext(bytes));
    }
    if !bytes.starts_with(b"untrusted comment:") {
        return Cow::Borrowed(bytes);
    }
    let mut rest = bytes;
    for _ in 0..2 {
        match rest.iter().position(|&b| b == b'\n') {
            Some(nl) => rest = &rest[nl + 1..],
            None => return Cow::Borrowed(b""),
        }
    }
    Cow::Borrowed(rest)
}

/// The text a cleartext-signed message signs, as `gpg --decrypt` prints it (RFC 4880 7.1): the
/// lines after the armor headers' blank line up to the signature, each with its dash-escape
/// (`- `) removed and its trailing blanks dropped (the signature does not cover them).
fn cleartext(bytes: &[u8]) -> Vec<u8> {
    let mut lines = bytes.split(|&b| b == b'\n').skip(1);
    for l in lines.by_ref() {
        if l.iter().all(|b| b.is_ascii_whitespace()) {
            break;
        }
    }
    let mut out = Vec::new();
    for l in lines {
        if l.starts_with(b"-----BEGIN PGP SIGNATURE-----") {
            break;
        }
        let l = l.strip_prefix(b"- ").unwrap_or(l);
        let end = l
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r'))
            .map_or(0, |i| i + 1);
        out.extend_from_slice(&l[..end]);
        out.push(b'\n');
    }
    out
}

/// What the signer vouched for, relative to the extraction folder.
struct Claims {
    /// Listed path → SHA-256 (lowercase hex).
    files: BTreeMap<Vec<u8>, String>,
    /// The signed lists and trusted signatures inside the bundle → the SHA-256 the engine read
    /// (None when the report does not say).
    meta: BTreeMap<Vec<u8>, Option<String>>,
}

fn join(base: &[u8], name: &[u8]) -> Vec<u8> {
    if base.is_empty() {
        name.to_vec()
    } else {
        let mut p = base.to_vec();
        p.push(b'/');
        p.extend_from_slice(name);
        p
    }
}

fn parent(p: &[u8]) -> &[u8] {
    match p.iter().rposition(|&b| b == b'/') {
        Some(i) => &p[..i],
        None => b"",
    }
}

fn str_of(v: &Value) -> Option<&str> {
    v.as_str()
}

/// The input path for a report name, when it was an input (not a path inside the bundle).
fn input_path<'a>(inputs: &'a [(String, PathBuf)], name: &str) -> Option<&'a PathBuf> {
    inputs.iter().find(|(n, _)| n == name).map(|(_, p)| p)
}

/// Disagreements between a `verified` report and what GNU tar and bsdtar extract. `inputs`
/// maps the report's input names to the files given (for detached lists and loose files);
/// `bundle` is the archive or folder. Returns an empty list when everything agrees (and for any
/// verdict but `verified`).
pub fn check(report: &Value, bundle: Option<&Path>, inputs: &[(String, PathBuf)]) -> Vec<String> {
    if report["verdict"] != "verified" {
        return Vec::new();
    }
    let mut wrong = Vec::new();
    let bundle_info = &report["bundle"];
    let format = str_of(&bundle_info["format"]).unwrap_or("");
    let bundle_name = str_of(&bundle_info["name"]).unwrap_or("");
    let bundle_sha = str_of(&bundle_info["sha256"]).unwrap_or("");
    let root = str_of(&bundle_info["root"])
        .unwrap_or("")
        .as_bytes()
        .to_vec();

    // A trusted signature over the bundle file itself vouches for its bytes as a whole.
    let sigs = report["signatures"].as_array().cloned().unwrap_or_default();
    if sigs.iter().any(|s| {
        s["trusted"] == true && str_of(&s["covers"]) == Some(bundle_name) && !bundle_name.is_empty()
    }) {
        return wrong;
    }

    // The signed lists, read here (detached: from the input; inside: from each extraction).
    // A list counts when a trusted signature covers that very file: a copy elsewhere vouches for
    // nothing, whatever the report says.
    let lists: Vec<&Value> = report["lists"]
        .as_array()
        .map(|l| l.iter().filter(|l| l["signed"] == true).collect())
        .unwrap_or_default();
    let covered = |l: &Value| {
        sigs.iter()
            .any(|s| s["trusted"] == true && s["covers"] == l["file"] && !l["file"].is_null())
    };
    for l in lists.iter().filter(|l| !covered(l)) {
        wrong.push(format!(
            "the report counts {} as a signed list, but no trusted signature covers that file",
            l["file"]
        ));
    }
    let lists: Vec<&Value> = lists.into_iter().filter(|l| covered(l)).collect();
    if lists.is_empty() {
        wrong.push(
            "verified, but the report names no signed list (and no signature over the bundle)"
                .into(),
        );
        return wrong;
    }
    let mut meta_names: BTreeSet<Vec<u8>> = BTreeSet::new();
    for s in sigs.iter().filter(|s| s["trusted"] == true) {
        if let Some(f) = str_of(&s["file"]) {
            if input_path(inputs, f).is_none() {
                meta_names.insert(f.as_bytes().to_vec());
            }
        }
    }

    // A detached list that names the bundle file with its hash vouches for it as a whole.
    for l in &lists {
        let file = str_of(&l["file"]).unwrap_or("");
        if let Some(p) = input_path(inputs, file) {
            if let Ok(bytes) = fs::read(p) {
                if let Ok(entries) = parse_list(&bytes) {
                    if !bundle_name.is_empty()
                        && entries
                            .iter()
                            .any(|(n, h)| n == bundle_name.as_bytes() && h == bundle_sha)
                    {
                        return wrong;
                    }
                }
            }
        }
    }

    match format {
        "tar" | "tar.gz" => {
            let Some(bundle) = bundle else {
                wrong.push("verified an archive the oracle was not given".into());
                return wrong;
            };
            for (label, program) in EXTRACTORS {
                let dir = tempfile::Builder::new()
                    .prefix("airlock-oracle-")
                    .tempdir()
                    .expect("temp dir");
                let out = Command::new(program)
                    .arg("-xf")
                    .arg(bundle)
                    .arg("-C")
                    .arg(dir.path())
                    .output();
                match out {
                    Err(e) => wrong.push(format!("{label}: cannot run {program}: {e}")),
                    Ok(o) if !o.status.success() => wrong.push(format!(
                        "{label} could not extract what Airlock verified ({}): {}",
                        o.status,
                        String::from_utf8_lossy(&o.stderr).trim()
                    )),
                    Ok(_) => {}
                }
                let claims = claims(&lists, &meta_names, inputs, dir.path(), &root);
                match claims {
                    Err(e) => wrong.push(format!("{label}: {e}")),
                    Ok(c) => compare(label, dir.path(), &c, &mut wrong),
                }
            }
        }
        "directory" => {
            let Some(dir) = bundle else {
                wrong.push("verified a folder the oracle was not given".into());
                return wrong;
            };
            match claims(&lists, &meta_names, inputs, dir, &[]) {
                Err(e) => wrong.push(format!("folder: {e}")),
                Ok(c) => compare("folder", dir, &c, &mut wrong),
            }
        }
        _ => {
            // Loose files: each must be listed with its hash.
            let mut listed: BTreeMap<Vec<u8>, String> = BTreeMap::new();
            for l in &lists {
                let file = str_of(&l["file"]).unwrap_or("");
                match input_path(inputs, file).map(fs::read) {
                    Some(Ok(bytes)) => match parse_list(&bytes) {
                        Ok(e) => listed.extend(e),
                        Err(e) => wrong.push(format!("{file}: {e}")),
                    },
                    _ => wrong.push(format!("cannot read the signed list {file}")),
                }
            }
            let input_roles = report["inputs"].as_array().cloned().unwrap_or_default();
            for i in input_roles {
                let role = str_of(&i["role"]).unwrap_or("");
                let name = str_of(&i["name"]).unwrap_or("");
                if matches!(
                    role,
                    "checksum-list"
                        | "minisign-signature"
                        | "signify-signature"
                        | "signify-embedded"
                        | "minisign-key"
                        | "signify-key"
                ) {
                    continue;
                }
                let Some(p) = input_path(inputs, name) else {
                    wrong.push(format!("input {name} ({role}) not found"));
                    continue;
                };
                let base = p
                    .file_name()
                    .map(|n| n.as_bytes().to_vec())
                    .unwrap_or_default();
                let bytes = fs::read(p).unwrap_or_default();
                match listed.get(&base) {
                    Some(h) if *h == sha256_hex(&bytes) => {}
                    Some(h) => wrong.push(format!(
                        "loose {name} has SHA-256 {}, the list says {h}",
                        sha256_hex(&bytes)
                    )),
                    None => wrong.push(format!("loose {name} ({role}) is in no signed list")),
                }
            }
        }
    }
    wrong
}

fn claims(
    lists: &[&Value],
    meta_names: &BTreeSet<Vec<u8>>,
    inputs: &[(String, PathBuf)],
    dir: &Path,
    root: &[u8],
) -> Result<Claims, String> {
    let mut c = Claims {
        files: BTreeMap::new(),
        meta: meta_names.iter().map(|m| (m.clone(), None)).collect(),
    };
    for l in lists {
        let file = str_of(&l["file"]).unwrap_or("");
        let want = str_of(&l["sha256"]).map(str::to_string);
        let (bytes, base) = match input_path(inputs, file) {
            Some(p) => (
                fs::read(p).map_err(|e| format!("cannot read the signed list {file}: {e}"))?,
                root.to_vec(),
            ),
            None => {
                let p = dir.join(OsStr::from_bytes(file.as_bytes()));
                let bytes = fs::read(&p)
                    .map_err(|e| format!("the signed list {file} was not extracted: {e}"))?;
                // A cleartext-signed list: the engine's hash is its signed text's (checked
                // below), not the file's.
                let file_hash = match list_body(&bytes) {
                    Cow::Owned(_) => None,
                    Cow::Borrowed(_) => want.clone(),
                };
                c.meta.insert(file.as_bytes().to_vec(), file_hash);
                (bytes, parent(file.as_bytes()).to_vec())
            }
        };
        if let Some(w) = &want {
            let got = sha256_hex(&list_body(&bytes));
            if got != *w {
                return Err(format!(
                    "the signed list {file} extracted has SHA-256 {got}, the engine read {w}"
                ));
            }
        }
        for (name, hash) in parse_list(&bytes).map_err(|e| format!("{file}: {e}"))? {
            // Detached lists name paths under the bundle's top folder (or, rarely, with it).
            let path = if !base.is_empty() && name.starts_with(&join(&base, b"")) {
                name
            } else {
                join(&base, &name)
            };
            if let Some(old) = c.files.insert(path.clone(), hash.clone()) {
                if old != hash {
                    return Err(format!("two signed lists disagree about {}", show(&path)));
                }
            }
        }
    }
    Ok(c)
}

fn walk(dir: &Path, rel: &[u8], out: &mut Vec<(Vec<u8>, fs::Metadata)>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut names: Vec<_> = rd.filter_map(Result::ok).collect();
    names.sort_by_key(|e| e.file_name());
    for e in names {
        let p = join(rel, e.file_name().as_bytes());
        let Ok(md) = fs::symlink_metadata(e.path()) else {
            continue;
        };
        let is_dir = md.is_dir();
        out.push((p.clone(), md));
        if is_dir {
            walk(&e.path(), &p, out);
        }
    }
}

/// Lists every extended attribute (ACLs and file capabilities included) set on what was
/// extracted: `path<TAB>name,name`, one line each.
const XATTRS: &str = r#"
import os, sys
top = sys.argv[1]
for root, dirs, files in os.walk(top):
    for n in dirs + files:
        p = os.path.join(root, n)
        names = os.listxattr(p, follow_symlinks=False)
        if names:
            print(os.path.relpath(p, top) + "\t" + ",".join(sorted(names)))
"#;

fn compare(label: &str, dir: &Path, c: &Claims, wrong: &mut Vec<String>) {
    // Extended attributes, ACLs and capabilities: nothing in a signed list vouches for them
    // (bsdtar restores them by default, as root: `security.capability` makes a signed binary
    // privileged).
    match Command::new("python3")
        .arg("-c")
        .arg(XATTRS)
        .arg(dir)
        .output()
    {
        Ok(o) if o.status.success() => {
            for line in String::from_utf8_lossy(&o.stdout).lines() {
                wrong.push(format!(
                    "{label}: extracted with extended attributes nothing signed: {line}"
                ));
            }
        }
        Ok(o) => wrong.push(format!(
            "{label}: cannot list extended attributes: {}",
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(e) => wrong.push(format!(
            "{label}: cannot run python3 to list extended attributes: {e}"
        )),
    }
    let top = match fs::canonicalize(dir) {
        Ok(t) => t,
        Err(e) => {
            wrong.push(format!("{label}: {e}"));
            return;
        }
    };
    let abs = |p: &[u8]| dir.join(OsStr::from_bytes(p));
    let canon_meta: BTreeSet<PathBuf> = c
        .meta
        .keys()
        .filter_map(|m| fs::canonicalize(abs(m)).ok())
        .collect();
    let canon_listed: BTreeSet<PathBuf> = c
        .files
        .keys()
        .filter(|f| fs::symlink_metadata(abs(f)).is_ok_and(|m| m.is_file()))
        .filter_map(|f| fs::canonicalize(abs(f)).ok())
        .collect();
    let mut found = Vec::new();
    walk(dir, b"", &mut found);
    for (p, md) in &found {
        let ft = md.file_type();
        if ft.is_dir() {
            continue;
        }
        if ft.is_symlink() {
            let target = fs::read_link(abs(p))
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            match fs::canonicalize(abs(p)) {
                Ok(real) if !real.starts_with(&top) => wrong.push(format!(
                    "{label}: link {} -> {target} leads outside the folder, to {}",
                    show(p),
                    real.display()
                )),
                Ok(real) => {
                    if !(c.files.contains_key(p) || real.is_dir() || canon_listed.contains(&real)) {
                        wrong.push(format!(
                            "{label}: unlisted link {} -> {target} leads to {}, neither a folder nor a listed file",
                            show(p),
                            real.display()
                        ));
                    }
                }
                Err(e) => {
                    if !c.files.contains_key(p) {
                        wrong.push(format!(
                            "{label}: unlisted link {} -> {target} leads nowhere ({e})",
                            show(p)
                        ));
                    }
                }
            }
            continue;
        }
        if !ft.is_file() {
            wrong.push(format!("{label}: {} is extracted as a {ft:?}", show(p)));
            continue;
        }
        let bytes = fs::read(abs(p)).unwrap_or_default();
        let got = sha256_hex(&bytes);
        if let Some(m) = c.meta.get(p) {
            if let Some(want) = m {
                if got != *want {
                    wrong.push(format!(
                        "{label}: {} extracted with SHA-256 {got}, the engine read {want}",
                        show(p)
                    ));
                }
            }
            continue;
        }
        match c.files.get(p) {
            Some(want) if *want == got => {}
            Some(want) => wrong.push(format!(
                "{label}: {} extracted with SHA-256 {got}, the signed list says {want}",
                show(p)
            )),
            None => wrong.push(format!(
                "{label}: {} ({} bytes) is extracted but no signed list names it",
                show(p),
                bytes.len()
            )),
        }
    }
    // Every listed name, opened through its links.
    for (p, want) in &c.files {
        let path = abs(p);
        match fs::read(&path) {
            Err(e) => wrong.push(format!(
                "{label}: listed {} cannot be opened after extraction: {e}",
                show(p)
            )),
            Ok(bytes) => {
                let got = sha256_hex(&bytes);
                if got != *want {
                    wrong.push(format!(
                        "{label}: listed {} opens bytes with SHA-256 {got}, the signed list says {want}",
                        show(p)
                    ));
                }
                match fs::canonicalize(&path) {
                    Ok(real) if !real.starts_with(&top) => wrong.push(format!(
                        "{label}: listed {} opens {} outside the folder",
                        show(p),
                        real.display()
                    )),
                    Ok(real) if canon_meta.contains(&real) => wrong.push(format!(
                        "{label}: listed {} opens the list or signature file {}",
                        show(p),
                        real.display()
                    )),
                    Ok(_) => {}
                    Err(e) => wrong.push(format!("{label}: listed {}: {e}", show(p))),
                }
            }
        }
    }
}
