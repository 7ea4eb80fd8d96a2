//! The language the CLI speaks: `--lang TAG`, else the POSIX locale (`LC_ALL`, then
//! `LC_MESSAGES`, then `LANG`; `LANGUAGE` as gettext reads it), negotiated against the catalogue
//! (`locales/<lang>/`). Every sentence for a person is rendered with [`t`].
//!
//! The language never reaches machine-readable output: `verify --json` and `hash` print the same
//! bytes whatever it is.

use std::ffi::OsString;
use std::sync::RwLock;

use airlock::i18n::{self, Params};

static LANG: RwLock<&'static str> = RwLock::new(i18n::DEFAULT_LANG);

/// Speak `lang` (a catalogue tag) from now on.
pub fn set(lang: &'static str) {
    *LANG.write().unwrap_or_else(|e| e.into_inner()) = lang;
}

/// The language chosen for this run.
pub fn current() -> &'static str {
    *LANG.read().unwrap_or_else(|e| e.into_inner())
}

/// Message `id` of the catalogue in the chosen language. Text parameters that come from outside
/// (paths, names, comments) must already be escaped for the terminal.
pub fn t(id: &str, params: &Params) -> String {
    i18n::render(current(), id, params)
}

/// A message without parameters.
pub fn t0(id: &str) -> String {
    t(id, &Params::new())
}

/// `zh_CN.UTF-8` → `zh-cn`: the encoding and modifier dropped, `_` as `-`, lower case.
fn normalise(tag: &str) -> String {
    tag.split(['.', '@'])
        .next()
        .unwrap_or("")
        .replace('_', "-")
        .to_ascii_lowercase()
}

fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or("")
}

/// True for the locales that mean "no translation": `C`, `POSIX` (and `C.UTF-8`).
fn is_c(locale: &str) -> bool {
    matches!(normalise(locale).as_str(), "c" | "posix")
}

/// The catalogue language a `--lang` value names: a catalogue tag (any case, `_` or `-`, with or
/// without an encoding), or a tag of a language the catalogue has (`zh`, `zh-Hans` → `zh-CN`,
/// `en-GB` → `en`). `None` for a language the catalogue does not have.
pub fn from_tag(tag: &str) -> Option<&'static str> {
    let wanted = normalise(tag);
    let p = primary(&wanted);
    if p.is_empty() || is_c(tag) {
        return None;
    }
    i18n::languages()
        .iter()
        .any(|l| primary(&l.to_ascii_lowercase()) == p)
        .then(|| i18n::negotiate(&[tag]))
}

/// The language the environment asks for, as gettext reads it: the first of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` that is set and not empty is the locale; `C`/`POSIX` (or none) is
/// English; otherwise `LANGUAGE` (a `:`-separated list), then the locale, negotiated against the
/// catalogue (a language it lacks gives English).
pub fn from_env(var: impl Fn(&str) -> Option<OsString>) -> &'static str {
    let text = |name: &str| {
        var(name)
            .map(|v| v.to_string_lossy().into_owned())
            .filter(|v| !v.is_empty())
    };
    let Some(locale) = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| text(name))
    else {
        return i18n::DEFAULT_LANG;
    };
    if is_c(&locale) {
        return i18n::DEFAULT_LANG;
    }
    let mut wanted: Vec<String> = text("LANGUAGE")
        .map(|l| {
            l.split(':')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    wanted.push(locale);
    i18n::negotiate(&wanted)
}

/// The value of `--lang` on the command line (`--lang TAG` or `--lang=TAG`, before any `--`),
/// read before clap parses the arguments so that `--help` is in that language too.
pub fn from_args(args: &[OsString]) -> Option<String> {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_string_lossy();
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return Some(it.next()?.to_string_lossy().into_owned());
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

/// `en (English), zh-CN (中文)`: the catalogue's languages, for the error about an unknown one.
pub fn available() -> String {
    i18n::languages()
        .iter()
        .map(|l| format!("{l} ({})", i18n::render(l, "language-name", &Params::new())))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn posix_precedence() {
        assert_eq!(from_env(env(&[])), "en");
        assert_eq!(from_env(env(&[("LANG", "zh_CN.UTF-8")])), "zh-CN");
        assert_eq!(from_env(env(&[("LANG", "C")])), "en");
        assert_eq!(from_env(env(&[("LANG", "C.UTF-8")])), "en");
        assert_eq!(from_env(env(&[("LANG", "POSIX")])), "en");
        assert_eq!(from_env(env(&[("LANG", "fr_FR.UTF-8")])), "en");
        let both = [("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")];
        assert_eq!(from_env(env(&both)), "en", "LC_ALL beats LANG");
        let both = [("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")];
        assert_eq!(from_env(env(&both)), "zh-CN", "LC_ALL beats LANG");
        let msgs = [("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")];
        assert_eq!(from_env(env(&msgs)), "zh-CN", "LC_MESSAGES beats LANG");
        let empty = [("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")];
        assert_eq!(from_env(env(&empty)), "zh-CN", "an empty variable is unset");
    }

    #[test]
    fn language_list_as_gettext_reads_it() {
        let l = [("LANGUAGE", "fr:zh_CN"), ("LANG", "en_US.UTF-8")];
        assert_eq!(from_env(env(&l)), "zh-CN");
        let l = [("LANGUAGE", "zh_CN"), ("LANG", "C")];
        assert_eq!(
            from_env(env(&l)),
            "en",
            "LANGUAGE is ignored in the C locale"
        );
        let l = [("LANGUAGE", "zh_CN")];
        assert_eq!(
            from_env(env(&l)),
            "en",
            "LANGUAGE alone does not leave the C locale"
        );
    }

    #[test]
    fn lang_tags() {
        assert_eq!(from_tag("zh-CN"), Some("zh-CN"));
        assert_eq!(from_tag("zh_CN.UTF-8"), Some("zh-CN"));
        assert_eq!(from_tag("ZH-cn"), Some("zh-CN"));
        assert_eq!(from_tag("zh"), Some("zh-CN"));
        assert_eq!(from_tag("en"), Some("en"));
        assert_eq!(from_tag("en-GB"), Some("en"));
        for bad in ["fr", "C", "POSIX", "", "-", "klingon"] {
            assert_eq!(from_tag(bad), None, "{bad}");
        }
    }

    #[test]
    fn lang_argument() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(from_args(&args(&["airlock", "verify", "x"])), None);
        assert_eq!(
            from_args(&args(&["airlock", "verify", "--lang", "zh-CN", "x"])),
            Some("zh-CN".into())
        );
        assert_eq!(
            from_args(&args(&["airlock", "--lang=en", "hash", "x"])),
            Some("en".into())
        );
        assert_eq!(
            from_args(&args(&["airlock", "hash", "--", "--lang", "x"])),
            None
        );
    }
}
