//! Every sentence a person reads, rendered from one message catalogue.
//!
//! The catalogue is Fluent (`locales/<lang>/*.ftl`, embedded at build time by `build.rs`): the
//! engine's findings and verdict reasons (`findings.ftl`), the CLI's words (`cli.ftl`) and the
//! page's (`page.ftl`, read by the page's own Fluent, `@fluent/bundle`, from the same files).
//! Code never builds a sentence: a finding or reason carries a message id and its parameters
//! ([`Params`]); [`render`] makes the sentence in a language. English (`en`) is the reference
//! and the fallback: the report's `message`/`reason` fields are always English (JSON schema 1).
//!
//! Message families in `findings.ftl`: `verdict-…` (the verdict word), `reason-…` (why; one
//! that quotes a finding passes its index as `finding` and receives it rendered as `first`, see
//! [`crate::report::Report::reason_in`]), `finding-…` (one finding), `detail-…` (a fragment
//! placed in another sentence: why a list, archive, key or signature could not be read) and
//! `word-…` (a noun placed in another sentence: "symbolic link", an image's "config").
//!
//! Airlock's own errors (tar, gzip, checksum lists, keys, signatures, image JSON, module zips)
//! carry a [`Message`] instead of English text; their `Display` is the English rendering. A
//! message nests in another as a parameter ([`Param::Msg`], JSON `{"id": …, "params": {…}}`)
//! and is rendered in the same language first, so "the bundle is damaged: gzip member 2: CRC-32
//! mismatch" is Chinese throughout in Chinese. Text from the operating system or a third-party
//! crate (rPGP, ssh-key, serde_json, `io::Error`) is passed as it is, as a `detail` parameter
//! inside a translated sentence. An error that travels through `Read` carries its message
//! inside the `io::Error` ([`Message::into_io`], [`Message::from_io`]). [`crate::msg!`] builds one;
//! `tests/i18n.rs` checks that every `msg!` passes exactly the variables its English message
//! uses, and that every language has every message with the same variables.
//!
//! Rendering is done with `fluent-bundle` (Project Fluent's Rust implementation). Placeables are
//! not wrapped in Unicode isolation marks (U+2068/U+2069): the same text goes to terminals, JSON
//! and the page, and must compare byte for byte; names from bundles are shown as text anyway.
//! Numbers are passed as plain integers and printed without grouping (the page does the same).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;
use std::{fmt, io};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// The reference language, and the fallback for any message a catalogue lacks.
pub const DEFAULT_LANG: &str = "en";

/// One parameter of a message: text (paths, digests, key ids, …), a count, or a nested message
/// (why a list or an archive could not be read, a noun such as "symbolic link"), which is
/// rendered in the same language before it is placed. In JSON a nested message is an object
/// `{"id": …, "params": {…}}`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(untagged)]
pub enum Param {
    Num(u64),
    Str(String),
    Msg(Box<Message>),
}

/// A sentence (or fragment) not yet rendered: a catalogue message id and its parameters.
/// Airlock's own errors carry one instead of English text; [`fmt::Display`] gives the English.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    #[serde(skip_serializing_if = "Params::is_empty", default)]
    pub params: Params,
}

impl Message {
    pub fn new(id: &str, params: Params) -> Self {
        Message {
            id: id.to_string(),
            params,
        }
    }

    /// The message in `lang` (English where the catalogue lacks it).
    pub fn render(&self, lang: &str) -> String {
        render(lang, &self.id, &self.params)
    }

    /// An [`io::Error`] carrying this message, for errors that travel through `Read`
    /// implementations; [`Message::from_io`] gets it back.
    pub fn into_io(self, kind: io::ErrorKind) -> io::Error {
        io::Error::new(kind, self)
    }

    /// The message an [`io::Error`] carries: Airlock's own (made by [`Message::into_io`]), or
    /// the error's text (from the OS or a third-party crate) as the `detail` of `detail-io`.
    pub fn from_io(e: &io::Error) -> Message {
        match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<Message>())
        {
            Some(m) => m.clone(),
            None => Message::new("detail-io", crate::params! {"detail" => e.to_string()}),
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&english(&self.id, &self.params))
    }
}

impl std::error::Error for Message {}

/// A list of messages as one: `a, b, c` (`detail-join`, nested from the right); `None` when empty.
pub fn join(items: impl IntoIterator<Item = Message>) -> Option<Message> {
    let items: Vec<Message> = items.into_iter().collect();
    items.into_iter().rev().reduce(|rest, first| {
        Message::new(
            "detail-join",
            crate::params! {"first" => first, "rest" => rest},
        )
    })
}

/// `msg!("id", "path" => p, …)`: a [`Message`].
#[macro_export]
macro_rules! msg {
    ($id:literal) => { $crate::i18n::Message::new($id, $crate::i18n::Params::new()) };
    ($id:literal, $($k:literal => $v:expr),+ $(,)?) => {
        $crate::i18n::Message::new($id, $crate::params! {$($k => $v),+})
    };
}

impl From<Message> for Param {
    fn from(m: Message) -> Self {
        Param::Msg(Box::new(m))
    }
}
impl From<&Message> for Param {
    fn from(m: &Message) -> Self {
        Param::Msg(Box::new(m.clone()))
    }
}

impl From<u64> for Param {
    fn from(n: u64) -> Self {
        Param::Num(n)
    }
}
impl From<usize> for Param {
    fn from(n: usize) -> Self {
        Param::Num(n as u64)
    }
}
impl From<u8> for Param {
    fn from(n: u8) -> Self {
        Param::Num(n.into())
    }
}
impl From<u32> for Param {
    fn from(n: u32) -> Self {
        Param::Num(n.into())
    }
}
impl From<String> for Param {
    fn from(s: String) -> Self {
        Param::Str(s)
    }
}
impl From<&String> for Param {
    fn from(s: &String) -> Self {
        Param::Str(s.clone())
    }
}
impl From<std::borrow::Cow<'_, str>> for Param {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        Param::Str(s.into_owned())
    }
}
impl From<&str> for Param {
    fn from(s: &str) -> Self {
        Param::Str(s.to_owned())
    }
}

/// A message's parameters by name (sorted, so the JSON is stable).
pub type Params = BTreeMap<String, Param>;

/// `params!{"path" => p, "line" => n}`: a [`Params`] from names and anything `Into<Param>`.
#[macro_export]
macro_rules! params {
    () => { $crate::i18n::Params::new() };
    ($($k:literal => $v:expr),+ $(,)?) => {{
        let mut p = $crate::i18n::Params::new();
        $( p.insert($k.to_string(), $crate::i18n::Param::from($v)); )+
        p
    }};
}

/// The languages the catalogue has, by tag (`en`, `zh-CN`, …).
pub fn languages() -> Vec<&'static str> {
    CATALOGUE.iter().map(|(tag, _)| *tag).collect()
}

/// The catalogue's Fluent files for one language: (file name, source).
pub fn sources(lang: &str) -> Option<&'static [(&'static str, &'static str)]> {
    CATALOGUE
        .iter()
        .find(|(tag, _)| *tag == lang)
        .map(|(_, files)| *files)
}

/// The best catalogue language for a list of preferences (BCP 47 tags or POSIX locale names,
/// most preferred first): an exact tag, then the same language with any region (`zh-Hans`,
/// `zh_CN.UTF-8`, `zh-SG` → `zh-CN`), else English.
pub fn negotiate<S: AsRef<str>>(wanted: &[S]) -> &'static str {
    let norm = |s: &str| {
        let s = s.split(['.', '@']).next().unwrap_or("").replace('_', "-");
        s.to_ascii_lowercase()
    };
    let langs = languages();
    for w in wanted {
        let w = norm(w.as_ref());
        if w.is_empty() || w == "c" || w == "posix" {
            continue;
        }
        if let Some(l) = langs.iter().find(|l| l.to_ascii_lowercase() == w) {
            return l;
        }
        let primary = w.split('-').next().unwrap_or("");
        if let Some(l) = langs
            .iter()
            .find(|l| l.to_ascii_lowercase().split('-').next() == Some(primary))
        {
            return l;
        }
    }
    DEFAULT_LANG
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static HashMap<&'static str, Bundle> {
    static BUNDLES: OnceLock<HashMap<&'static str, Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        CATALOGUE
            .iter()
            .map(|(tag, files)| {
                let id = tag
                    .parse()
                    .expect("catalogue folder names are language tags");
                let mut bundle = Bundle::new_concurrent(vec![id]);
                bundle.set_use_isolating(false);
                for (name, src) in files.iter() {
                    let res = FluentResource::try_new(src.to_string())
                        .unwrap_or_else(|(_, e)| panic!("locales/{tag}/{name}: {e:?}"));
                    bundle
                        .add_resource(res)
                        .unwrap_or_else(|e| panic!("locales/{tag}/{name}: {e:?}"));
                }
                (*tag, bundle)
            })
            .collect()
    })
}

/// True when `lang`'s catalogue has message `id` (no fallback).
pub fn has(lang: &str, id: &str) -> bool {
    bundles().get(lang).is_some_and(|b| b.has_message(id))
}

/// The sentence for message `id` in `lang`, with its parameters; English when `lang` lacks it.
/// An id no catalogue has renders as the id itself (the completeness test keeps that from
/// happening).
pub fn render(lang: &str, id: &str, params: &Params) -> String {
    let all = bundles();
    let bundle = match all.get(lang) {
        Some(b) if b.has_message(id) => b,
        _ => match all.get(DEFAULT_LANG) {
            Some(b) if b.has_message(id) => b,
            _ => return id.to_string(),
        },
    };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut args = FluentArgs::new();
    for (k, v) in params {
        match v {
            Param::Num(n) => args.set(k.as_str(), FluentValue::from(*n)),
            Param::Str(s) => args.set(k.as_str(), FluentValue::from(s.as_str())),
            Param::Msg(m) => args.set(k.as_str(), FluentValue::from(m.render(lang))),
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&args), &mut errors)
        .into_owned()
}

/// English: what the report's `message` and `reason` fields hold.
pub fn english(id: &str, params: &Params) -> String {
    render(DEFAULT_LANG, id, params)
}
