//! The message catalogue (`locales/<lang>/*.ftl`) is complete and agrees with the code.
//!
//! Generic over every language folder and every `.ftl` file in it (the engine's `findings.ftl`,
//! the CLI's and the page's files alike):
//! - every file parses with `fluent-syntax`, without errors or junk, and no message id is defined
//!   twice in one language;
//! - every language has the same files as `en`, and each file the same message ids (and
//!   attributes) as its `en` twin;
//! - each message uses the same set of variables in every language (patterns walked through
//!   select expressions, variants, function arguments, and message and term references);
//! - Chinese (`zh…`) values hold Chinese characters, unless they hold no words at all (only
//!   placeables and punctuation) or are in [`NOT_CHINESE`];
//! - every `"finding-…"`, `"reason-…"`, `"verdict-…"`, `"detail-…"` and `"word-…"` string
//!   literal in `src/**/*.rs` is a message of `en`, and every such message of
//!   `en/findings.ftl` is named somewhere in `src` (verdicts: every verdict has its word);
//! - where the engine builds a message (`msg!("id", "name" => …)`), it passes exactly the
//!   variables the `en` message uses (a reason that quotes a finding passes `finding` and the
//!   message receives `first`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use fluent_syntax::parser;

/// Words a zh-CN message may hold without any Chinese: names that Chinese guides keep as they
/// are (tools and formats: airlock, minisign, signify, OpenPGP, SSH, SHA-256, go.sum, zip; a FIFO;
/// an image's `index`, `manifest`, `manifest.json`). A zh-CN value with no Chinese character
/// passes only when each of its words is one of these.
const KEPT_NAMES: &[&str] = &[
    "airlock", "fifo", "go", "index", "json", "manifest", "minisign", "openpgp", "sha", "signify",
    "ssh", "sum", "zip",
];

/// True when every word (a run of ASCII letters and digits starting with a letter) of `text` is
/// a kept name.
fn only_kept_names(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()))
        .all(|w| KEPT_NAMES.contains(&w.to_ascii_lowercase().as_str()))
}

/// Message families the engine names in its source.
const FAMILIES: &[&str] = &["finding", "reason", "verdict", "detail", "word"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What one message (or one attribute, `id.attr`) says.
#[derive(Debug, Default)]
struct Info {
    /// Variables, with those of referenced messages.
    vars: BTreeSet<String>,
    /// Messages referenced (`{ other-id }`), resolved after the whole language is read.
    refs: BTreeSet<String>,
    /// The literal text of every variant, concatenated.
    text: String,
}

/// One language: file name → message id → what it says.
type Lang = BTreeMap<String, BTreeMap<String, Info>>;

fn walk_inline(e: &ast::InlineExpression<String>, info: &mut Info) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            info.vars.insert(id.name.clone());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            info.refs.insert(id.name.clone());
        }
        ast::InlineExpression::TermReference { arguments, .. } => {
            // A term's own variables are its arguments; only what the caller passes in counts.
            if let Some(a) = arguments {
                walk_args(a, info);
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => walk_args(arguments, info),
        ast::InlineExpression::Placeable { expression } => walk_expr(expression, info),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

fn walk_args(a: &ast::CallArguments<String>, info: &mut Info) {
    for p in &a.positional {
        walk_inline(p, info);
    }
    for n in &a.named {
        walk_inline(&n.value, info);
    }
}

fn walk_expr(e: &ast::Expression<String>, info: &mut Info) {
    match e {
        ast::Expression::Inline(i) => walk_inline(i, info),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, info);
            for v in variants {
                walk_pattern(&v.value, info);
            }
        }
    }
}

fn walk_pattern(p: &ast::Pattern<String>, info: &mut Info) {
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => info.text.push_str(value),
            ast::PatternElement::Placeable { expression } => walk_expr(expression, info),
        }
    }
}

/// Read and check one language folder; problems go to `errors`.
fn read_lang(dir: &Path, errors: &mut Vec<String>) -> Lang {
    let mut lang = Lang::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let shown = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .display()
            .to_string();
        let src = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{shown}: {e}"));
        let resource = match parser::parse(src.clone()) {
            Ok(r) => r,
            Err((r, errs)) => {
                for e in errs {
                    let line = src[..e.pos.start.min(src.len())].matches('\n').count() + 1;
                    errors.push(format!("{shown}:{line}: parse error: {:?}", e.kind));
                }
                r
            }
        };
        let mut messages = BTreeMap::new();
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let id = m.id.name.clone();
                    if let Some(other) = seen.insert(id.clone(), shown.clone()) {
                        errors.push(format!(
                            "{shown}: message {id} is already defined in {other}"
                        ));
                    }
                    let mut info = Info::default();
                    match &m.value {
                        Some(v) => walk_pattern(v, &mut info),
                        // The page's labels-only messages (`.aria-label`, `.title`): valid Fluent.
                        None if !m.attributes.is_empty() => {}
                        None => errors.push(format!("{shown}: message {id} has no value")),
                    }
                    messages.insert(id.clone(), info);
                    for a in &m.attributes {
                        let mut info = Info::default();
                        walk_pattern(&a.value, &mut info);
                        messages.insert(format!("{id}.{}", a.id.name), info);
                    }
                }
                ast::Entry::Junk { content } => {
                    errors.push(format!("{shown}: unparsable text: {}", content.trim()));
                }
                _ => {}
            }
        }
        lang.insert(name, messages);
    }
    // Variables of referenced messages (the same arguments reach them), to any depth.
    let all: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = lang
        .values()
        .flatten()
        .map(|(id, i)| (id.clone(), (i.vars.clone(), i.refs.clone())))
        .collect();
    for messages in lang.values_mut() {
        for (id, info) in messages.iter_mut() {
            let mut todo: Vec<String> = info.refs.iter().cloned().collect();
            let mut done = BTreeSet::new();
            while let Some(r) = todo.pop() {
                if !done.insert(r.clone()) {
                    continue;
                }
                match all.get(&r) {
                    Some((vars, refs)) => {
                        info.vars.extend(vars.iter().cloned());
                        todo.extend(refs.iter().cloned());
                    }
                    None => errors.push(format!(
                        "{}: message {id} refers to {r}, which is not defined",
                        dir.display()
                    )),
                }
            }
        }
    }
    lang
}

fn catalogue() -> (BTreeMap<String, Lang>, Vec<String>) {
    let mut errors = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("locales"))
        .expect("locales/")
        .map(|e| e.expect("locales/ entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let langs = dirs
        .iter()
        .map(|d| {
            let tag = d.file_name().unwrap().to_string_lossy().into_owned();
            (tag, read_lang(d, &mut errors))
        })
        .collect();
    (langs, errors)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Every language against `en`: files, ids, variables; Chinese is Chinese.
fn compare(langs: &BTreeMap<String, Lang>) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(en) = langs.get("en") else {
        return vec!["locales/en is missing: English is the reference language".into()];
    };
    for (tag, lang) in langs {
        if tag == "en" {
            continue;
        }
        let theirs: BTreeSet<&String> = lang.keys().collect();
        let ours: BTreeSet<&String> = en.keys().collect();
        for f in ours.difference(&theirs) {
            errors.push(format!(
                "locales/{tag}/{f} is missing (locales/en/{f} exists)"
            ));
        }
        for f in theirs.difference(&ours) {
            errors.push(format!("locales/{tag}/{f} has no locales/en/{f}"));
        }
        for (file, en_msgs) in en {
            let Some(msgs) = lang.get(file) else { continue };
            for (id, en_info) in en_msgs {
                match msgs.get(id) {
                    None => errors.push(format!(
                        "locales/{tag}/{file}: message {id} is missing (it is in locales/en/{file})"
                    )),
                    Some(info) if info.vars != en_info.vars => errors.push(format!(
                        "locales/{tag}/{file}: message {id} uses the variables {:?}, but locales/en/{file} uses {:?}",
                        info.vars, en_info.vars
                    )),
                    Some(_) => {}
                }
            }
            for id in msgs.keys().filter(|id| !en_msgs.contains_key(*id)) {
                errors.push(format!(
                    "locales/{tag}/{file}: message {id} is not in locales/en/{file}"
                ));
            }
            if tag.starts_with("zh") {
                for (id, info) in msgs {
                    if !info.text.chars().any(is_cjk) && !only_kept_names(&info.text) {
                        errors.push(format!(
                            "locales/{tag}/{file}: message {id} holds no Chinese: {:?}",
                            info.text
                        ));
                    }
                }
            }
        }
    }
    errors
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let (langs, mut errors) = catalogue();
    assert!(langs.contains_key("en"), "locales/en is missing");
    assert!(langs.len() > 1, "only one language in locales/");
    errors.extend(compare(&langs));
    assert!(
        errors.is_empty(),
        "{} problems:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// The comparison finds what it must: a message removed from a translation, a variable renamed,
/// an English sentence left in the Chinese catalogue, a file missing.
#[test]
fn the_comparison_fails_where_it_must() {
    let (langs, errors) = catalogue();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(compare(&langs).is_empty());
    let zh = "zh-CN".to_string();
    let file = "findings.ftl".to_string();
    let edit = |f: &dyn Fn(&mut BTreeMap<String, Info>)| {
        let (mut langs, _) = catalogue();
        f(langs.get_mut(&zh).unwrap().get_mut(&file).unwrap());
        compare(&langs)
    };
    let removed = edit(&|m| {
        m.remove("finding-missing");
    });
    assert!(
        removed
            .iter()
            .any(|e| e.contains("finding-missing is missing")),
        "{removed:?}"
    );
    let renamed = edit(&|m| {
        let i = m.get_mut("finding-missing").unwrap();
        i.vars.remove("line");
        i.vars.insert("row".into());
    });
    assert!(
        renamed.iter().any(|e| e.contains("uses the variables")),
        "{renamed:?}"
    );
    let english = edit(&|m| {
        m.get_mut("finding-missing").unwrap().text =
            " is named in  (line ) but is not in the bundle.".into();
    });
    assert!(
        english.iter().any(|e| e.contains("holds no Chinese")),
        "{english:?}"
    );
    let (mut langs, _) = catalogue();
    langs.get_mut(&zh).unwrap().remove(&file);
    assert!(compare(&langs)
        .iter()
        .any(|e| e.contains("findings.ftl is missing")));
}

/// Every Rust source file under `src/`, with its path.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let shown = p.strip_prefix(root()).unwrap().display().to_string();
                out.push((shown, fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("src"), &mut out);
    out
}

/// Rust source with comments blanked out and character literals made quote-free (`'"'` would
/// otherwise open a string), and its string literals (escapes left as written).
fn lex(text: &str) -> (String, Vec<String>) {
    let c: Vec<char> = text.chars().collect();
    let (mut code, mut literals) = (String::with_capacity(text.len()), Vec::new());
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < c.len() && !(c[i] == '*' && c[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            '\'' if c.get(i + 1) == Some(&'\\') || c.get(i + 2) == Some(&'\'') => {
                // A character literal ('x', '\n', '\'', '\u{…}'); a lifetime has no closing quote.
                let mut j = i + 2;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                code.push_str("'_'");
                i = j + 1;
            }
            '"' => {
                // A raw string r"…" or r#"…"# ends at the quote (and hashes) that opened it.
                let hashes = code.chars().rev().take_while(|&h| h == '#').count();
                let raw = code[..code.len() - hashes].ends_with('r');
                let mut j = i + 1;
                let mut lit = String::new();
                while j < c.len() {
                    if !raw && c[j] == '\\' {
                        lit.push(c[j]);
                        lit.push(c.get(j + 1).copied().unwrap_or(' '));
                        j += 2;
                        continue;
                    }
                    if c[j] == '"' && c[j + 1..].iter().take(hashes).all(|&h| h == '#') {
                        break;
                    }
                    lit.push(c[j]);
                    j += 1;
                }
                code.push('"');
                code.push_str(&lit);
                code.push('"');
                literals.push(lit);
                i = j + 1;
            }
            ch => {
                code.push(ch);
                i += 1;
            }
        }
    }
    (code, literals)
}

/// `"family-some-id"` string literals: (id, file).
fn id_literals(sources: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (file, text) in sources {
        for piece in lex(text).1.iter().map(String::as_str) {
            let is_id = FAMILIES.iter().any(|f| {
                piece
                    .strip_prefix(f)
                    .and_then(|r| r.strip_prefix('-'))
                    .is_some_and(|r| {
                        !r.is_empty()
                            && r.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    })
            });
            if is_id {
                out.push((piece.to_string(), file.clone()));
            }
        }
    }
    out
}

#[test]
fn the_code_and_the_catalogue_name_the_same_messages() {
    let (langs, errors) = catalogue();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let en = &langs["en"];
    let all_en: BTreeSet<&String> = en.values().flat_map(|m| m.keys()).collect();
    let sources = sources();
    let used = id_literals(&sources);
    assert!(
        used.len() > 100,
        "the source scan found only {} ids",
        used.len()
    );
    let mut problems = Vec::new();
    for (id, file) in &used {
        if !all_en.contains(id) {
            problems.push(format!(
                "{file} names {id}, which locales/en does not define"
            ));
        }
    }
    let used_ids: BTreeSet<&String> = used.iter().map(|(id, _)| id).collect();
    for id in en["findings.ftl"].keys() {
        let family = id.split('-').next().unwrap_or("");
        if FAMILIES.contains(&family) && family != "verdict" && !used_ids.contains(id) {
            problems.push(format!(
                "locales/en/findings.ftl defines {id}, which no file in src names"
            ));
        }
    }
    // Verdict words are looked up as `verdict-<verdict>`.
    for v in ["verified", "failed", "unsigned", "error"] {
        let verdict: airlock::report::Verdict = serde_json::from_str(&format!("\"{v}\"")).unwrap();
        let id = format!("verdict-{}", verdict.as_str());
        if !all_en.contains(&id) {
            problems.push(format!("locales/en does not define {id}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The parameter names of each `msg!("id", "name" => …)` call (nested calls are skipped).
fn msg_calls(text: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("msg!(") {
        let body = &rest[at + 5..];
        rest = body;
        let Some(id) = body
            .trim_start()
            .strip_prefix('"')
            .and_then(|b| b.split('"').next())
        else {
            continue;
        };
        // The call's body up to its closing parenthesis; nested msg! calls are blanked out.
        let bytes = body.as_bytes();
        let (mut depth, mut end) = (1usize, 0usize);
        let mut in_str = false;
        while end < bytes.len() && depth > 0 {
            match bytes[end] {
                b'\\' if in_str => end += 1,
                b'"' => in_str = !in_str,
                b'(' if !in_str => depth += 1,
                b')' if !in_str => depth -= 1,
                _ => {}
            }
            end += 1;
        }
        let cb = &bytes[..end.saturating_sub(1)];
        let mut flat = Vec::new();
        let mut nested = 0usize;
        let mut i = 0;
        while i < cb.len() {
            if cb[i..].starts_with(b"msg!(") {
                nested += 1;
                i += 5;
                continue;
            }
            if nested > 0 {
                match cb[i] {
                    b'(' => nested += 1,
                    b')' => nested -= 1,
                    _ => {}
                }
            } else {
                flat.push(cb[i]);
            }
            i += 1;
        }
        let flat = String::from_utf8_lossy(&flat);
        let pieces: Vec<&str> = flat.split("=>").collect();
        // Each key is the last literal before a `=>`.
        let keys = pieces[..pieces.len() - 1]
            .iter()
            .filter_map(|before| before.trim_end().strip_suffix('"'))
            .filter_map(|k| k.rsplit('"').next())
            .map(str::to_string)
            .collect();
        out.push((id.to_string(), keys));
    }
    out
}

#[test]
fn the_engine_passes_each_message_its_variables() {
    let (langs, errors) = catalogue();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let en: BTreeMap<&String, &Info> = langs["en"].values().flatten().collect();
    let mut problems = Vec::new();
    let mut calls = 0;
    for (file, text) in sources() {
        for (id, mut keys) in msg_calls(&lex(&text).0) {
            let Some(info) = en.get(&id) else {
                continue; // reported by the_code_and_the_catalogue_name_the_same_messages
            };
            calls += 1;
            // A reason quoting a finding passes its index; the message receives it rendered.
            if id.starts_with("reason-") && keys.remove("finding") {
                keys.insert("first".into());
            }
            if keys != info.vars {
                problems.push(format!(
                    "{file}: msg!(\"{id}\", …) passes {keys:?}, but locales/en uses {:?}",
                    info.vars
                ));
            }
        }
    }
    assert!(calls > 200, "the source scan found only {calls} msg! calls");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn nested_messages_render_in_the_readers_language() {
    use airlock::i18n::{english, render, Message};
    use airlock::{msg, params};
    let why = msg!("detail-gzip-crc", "member" => 2u64);
    let p = params! {"bundle" => "b.tar.gz", "detail" => why, "offset" => 512u64};
    assert_eq!(
        english("finding-corrupt-archive", &p),
        "The bundle b.tar.gz is damaged: gzip member 2: CRC-32 mismatch (the compressed data is damaged) (at byte 512 of the tar stream). Whatever follows the damage was not checked."
    );
    let zh = render("zh-CN", "finding-corrupt-archive", &p);
    assert!(zh.contains("gzip 成员 2：CRC-32 不匹配"), "{zh}");
    assert!(zh.contains("b.tar.gz") && zh.contains("512"), "{zh}");
    // Plurals in English, one form in Chinese.
    assert!(
        english("reason-unsigned-list", &params! {"count" => 1u64}).starts_with("1 file matches")
    );
    assert!(
        english("reason-unsigned-list", &params! {"count" => 2u64}).starts_with("2 files match")
    );
    // A list of items.
    let list = airlock::i18n::join(["a", "b", "c"].map(|p| msg!("detail-tree-added", "path" => p)))
        .unwrap();
    assert_eq!(list.to_string(), "added a, added b, added c");
    assert_eq!(list.render("zh-CN"), "新增 a、新增 b、新增 c");
    // An io::Error carries Airlock's message through `Read`.
    let e = msg!("detail-gzip-empty").into_io(std::io::ErrorKind::InvalidData);
    assert_eq!(Message::from_io(&e).id, "detail-gzip-empty");
    let other = std::io::Error::other("disk on fire");
    assert_eq!(Message::from_io(&other).to_string(), "disk on fire");
}
