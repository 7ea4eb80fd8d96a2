//! The text report of `airlock verify`, in the chosen language (`locales/<lang>/cli.ftl` for its
//! words, `findings.ftl` for the verdict, the reason and the findings).
//!
//! Names from the bundle (paths, tags, comments, user IDs, …) are attacker-controlled: they are
//! escaped for the terminal before they become a parameter of a sentence, never after (the
//! sentence's own words come from the catalogue and are not escaped).

use std::io::{self, Write};

use airlock::i18n::Param;
use airlock::params;
use airlock::report::{
    EntryStatus, ImageStatus, KeySource, Report, Severity, SigFormat, SigStatus,
};

use super::lang::{self, t, t0};

/// Attacker-controlled text for a terminal: control characters escaped, so a name cannot move
/// the cursor, rewrite earlier lines or fake a verdict.
pub fn shown(s: &str) -> String {
    escape_for_terminal(s, true)
}

/// A signature comment, which the engine already shows escaped (`\xHH`, `\\`): only controls and
/// bidi overrides are escaped again, so `caf\xE9` prints as it is.
fn shown_comment(s: &str) -> String {
    escape_for_terminal(s, false)
}

fn escape_for_terminal(s: &str, backslash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' if backslash => out.push_str("\\\\"),
            c if c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c) =>
            {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Escape, in place, every text parameter of the findings and of the reason, so that the
/// sentences rendered from them (in any language) show names escaped. For the text report only:
/// the JSON report is printed from the report as the engine made it.
pub fn escape_params(r: &mut Report) {
    let escape = |p: &mut Param| {
        if let Param::Str(s) = p {
            *s = shown(s);
        }
    };
    for f in &mut r.findings {
        f.params.values_mut().for_each(escape);
    }
    r.reason_params.values_mut().for_each(escape);
}

/// Columns a terminal gives `s`: two for East Asian wide and full-width characters.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let c = c as u32;
            let wide = (0x1100..=0x115f).contains(&c)
                || (0x2e80..=0xa4cf).contains(&c)
                || (0xac00..=0xd7a3).contains(&c)
                || (0xf900..=0xfaff).contains(&c)
                || (0xfe30..=0xfe4f).contains(&c)
                || (0xff00..=0xff60).contains(&c)
                || (0xffe0..=0xffe6).contains(&c)
                || (0x20000..=0x3fffd).contains(&c);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

/// The report's section labels (`Bundle:`, `Signature:`, …), padded to one column so that the
/// values line up in every language; continuation lines are indented to the same column.
struct Labels {
    column: usize,
}

const LABELS: [&str; 7] = [
    "cli-report-label-bundle",
    "cli-report-label-signature",
    "cli-report-label-expected",
    "cli-report-label-image",
    "cli-report-label-module",
    "cli-report-label-key",
    "cli-report-label-summary",
];

impl Labels {
    fn new() -> Self {
        let column = LABELS.iter().map(|id| width(&t0(id))).max().unwrap_or(0) + 1;
        Labels { column }
    }

    /// `id`'s label, padded.
    fn label(&self, id: &str) -> String {
        let l = t0(id);
        let pad = self.column.saturating_sub(width(&l)).max(1);
        format!("{l}{}", " ".repeat(pad))
    }

    /// The indentation of a continuation line.
    fn indent(&self) -> String {
        " ".repeat(self.column)
    }
}

fn sig_status(s: SigStatus) -> &'static str {
    match s {
        SigStatus::Valid => "cli-sig-status-valid",
        SigStatus::ValidUntrusted => "cli-sig-status-valid-untrusted",
        SigStatus::UnknownKey => "cli-sig-status-unknown-key",
        SigStatus::Invalid => "cli-sig-status-invalid",
        SigStatus::Unmatched => "cli-sig-status-unmatched",
    }
}

fn sig_format(f: SigFormat) -> &'static str {
    match f {
        SigFormat::Minisign => "cli-sig-format-minisign",
        SigFormat::Signify => "cli-sig-format-signify",
        SigFormat::SignifyEmbedded => "cli-sig-format-signify-embedded",
        SigFormat::Ssh => "cli-sig-format-ssh",
        SigFormat::Openpgp => "cli-sig-format-openpgp",
        SigFormat::OpenpgpCleartext => "cli-sig-format-openpgp-cleartext",
    }
}

fn image_status(s: ImageStatus) -> &'static str {
    match s {
        ImageStatus::Ok => "cli-image-status-ok",
        ImageStatus::Mismatch => "cli-image-status-mismatch",
        ImageStatus::NotCarried => "cli-image-status-not-carried",
        ImageStatus::Unchecked => "cli-image-status-unchecked",
    }
}

fn module_status(s: ImageStatus) -> &'static str {
    match s {
        ImageStatus::Ok => "cli-module-status-ok",
        ImageStatus::Mismatch => "cli-module-status-mismatch",
        ImageStatus::NotCarried => "cli-module-status-not-carried",
        ImageStatus::Unchecked => "cli-module-status-unchecked",
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "cli-severity-error",
        Severity::Problem => "cli-severity-problem",
        Severity::Warning => "cli-severity-warning",
        Severity::Info => "cli-severity-info",
    }
}

/// The bundle's format as a reader sees it: the two that are words (`directory`, `files`) in the
/// chosen language, the others (`tar.gz`, `tar`) as they are.
fn bundle_format(f: &str) -> String {
    match f {
        "directory" => t0("cli-bundle-format-directory"),
        "files" => t0("cli-bundle-format-files"),
        other => shown(other),
    }
}

/// Where a key came from: the label the CLI gives keys typed on the command line, translated; a
/// file's name as it is. `file_named_like_label` is set when some key file's name is that label.
fn key_origin(source: KeySource, origin: &str, file_named_like_label: bool) -> String {
    if source == KeySource::CommandLine
        && origin == crate::COMMAND_LINE_ORIGIN
        && !file_named_like_label
    {
        t0("cli-key-origin-command-line")
    } else {
        shown(origin)
    }
}

/// The text report. `r`'s finding and reason parameters must already be escaped
/// ([`escape_params`]). `file_named_like_label`: see [`key_origin`].
pub fn print_report(
    out: &mut dyn Write,
    r: &Report,
    quiet: bool,
    file_named_like_label: bool,
) -> io::Result<()> {
    let lang = lang::current();
    for e in &r.entries {
        // An entry nothing could check is listed as `sha256sum` prints it: its hash and path.
        let status = match e.status {
            EntryStatus::Ok => Some("cli-entry-status-ok"),
            EntryStatus::Mismatch => Some("cli-entry-status-mismatch"),
            EntryStatus::Missing => Some("cli-entry-status-missing"),
            EntryStatus::Extra => Some("cli-entry-status-extra"),
            EntryStatus::Problem => Some("cli-entry-status-problem"),
            EntryStatus::Meta => Some("cli-entry-status-meta"),
            EntryStatus::Structure => continue,
            EntryStatus::Unchecked => None,
        };
        if quiet && matches!(e.status, EntryStatus::Ok | EntryStatus::Meta) {
            continue;
        }
        let line = match status {
            Some(status) => t(
                "cli-report-entry",
                &params! {"path" => shown(&e.path), "status" => t0(status)},
            ),
            None => t(
                "cli-report-entry-unchecked",
                &params! {
                    "actual" => e.actual.as_deref().unwrap_or("-"),
                    "path" => shown(&e.path),
                },
            ),
        };
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    let labels = Labels::new();
    let indent = labels.indent();
    if let Some(b) = &r.bundle {
        write!(
            out,
            "{}{}",
            labels.label("cli-report-label-bundle"),
            t(
                "cli-report-bundle",
                &params! {
                    "name" => shown(&b.name),
                    "format" => bundle_format(&b.format),
                    "size" => b.size,
                },
            )
        )?;
        if let Some(h) = &b.sha256 {
            write!(
                out,
                "\n{indent}{}",
                t("cli-report-bundle-sha256", &params! {"sha256" => h})
            )?;
        }
        writeln!(out)?;
    }
    for s in &r.signatures {
        writeln!(
            out,
            "{}{}",
            labels.label("cli-report-label-signature"),
            t(
                "cli-report-signature",
                &params! {
                    "file" => shown(&s.file),
                    "format" => t0(sig_format(s.format)),
                    "algorithm" => shown(&s.algorithm),
                    "key" => shown(&s.key_id),
                    "status" => t0(sig_status(s.status)),
                },
            )
        )?;
        if let Some(c) = &s.covers {
            let line = t("cli-report-signature-covers", &params! {"file" => shown(c)});
            writeln!(out, "{indent}{line}")?;
        }
        if let Some(p) = &s.principal {
            let line = t(
                "cli-report-signature-principal",
                &params! {"principal" => shown(p)},
            );
            writeln!(out, "{indent}{line}")?;
        }
        if let Some(fp) = &s.primary_fingerprint {
            let line = t(
                "cli-report-signature-fingerprint",
                &params! {"fingerprint" => shown(fp)},
            );
            writeln!(out, "{indent}{line}")?;
        }
        if let Some(u) = &s.user_id {
            let line = t(
                "cli-report-signature-user-id",
                &params! {"user_id" => shown(u)},
            );
            writeln!(out, "{indent}{line}")?;
        }
        if let (Some(c), true) = (&s.trusted_comment, s.trusted) {
            let line = t(
                "cli-report-signature-comment",
                &params! {"comment" => shown_comment(c)},
            );
            writeln!(out, "{indent}{line}")?;
        }
    }
    for d in &r.expected_digests {
        let pinned: Vec<String> = r
            .images
            .iter()
            .filter(|i| i.pinned.contains(d))
            .map(|i| match i.tags.first() {
                Some(t) => shown(t),
                None => shown(i.image_id.as_deref().unwrap_or("-")),
            })
            .collect();
        let status = if pinned.is_empty() {
            t0("cli-expected-none")
        } else {
            t(
                "cli-expected-pins",
                &params! {"images" => pinned.join(", ")},
            )
        };
        writeln!(
            out,
            "{}{}",
            labels.label("cli-report-label-expected"),
            t(
                "cli-report-expected",
                &params! {"digest" => shown(d), "status" => status},
            )
        )?;
    }
    for img in &r.images {
        let tags = if img.tags.is_empty() {
            t0("cli-image-untagged")
        } else {
            shown(&img.tags.join(", "))
        };
        writeln!(
            out,
            "{}{}",
            labels.label("cli-report-label-image"),
            t(
                "cli-report-image",
                &params! {
                    "tags" => tags,
                    "format" => shown(&img.format),
                    "status" => t0(image_status(img.status)),
                },
            )
        )?;
        if !img.root.is_empty() {
            let line = t("cli-report-image-in", &params! {"root" => shown(&img.root)});
            writeln!(out, "{indent}{line}")?;
        }
        if let Some(id) = &img.image_id {
            let line = t("cli-report-image-id", &params! {"id" => shown(id)});
            writeln!(out, "{indent}{line}")?;
        }
        if let Some(p) = &img.platform {
            let line = t(
                "cli-report-image-platform",
                &params! {"platform" => shown(p)},
            );
            writeln!(out, "{indent}{line}")?;
        }
        for d in &img.pinned {
            let line = t("cli-report-image-pinned", &params! {"digest" => shown(d)});
            writeln!(out, "{indent}{line}")?;
        }
        for (n, l) in img.layers.iter().enumerate() {
            let line = t(
                "cli-report-image-layer",
                &params! {
                    "number" => n + 1,
                    "digest" => shown(l.digest.as_deref().or(l.actual.as_deref()).unwrap_or("-")),
                    "compression" => shown(l.compression.as_deref().unwrap_or("?")),
                    "uncompressed" => shown(l.uncompressed.as_deref().unwrap_or("-")),
                    "status" => t0(image_status(l.status)),
                },
            );
            writeln!(out, "{indent}{line}")?;
        }
    }
    for m in &r.go_modules {
        writeln!(
            out,
            "{}{}",
            labels.label("cli-report-label-module"),
            t(
                "cli-report-module",
                &params! {
                    "path" => shown(&m.path),
                    "version" => shown(&m.version),
                    "status" => t0(module_status(m.status)),
                    "zip" => shown(m.zip.as_deref().unwrap_or("-")),
                    "tree" => shown(m.tree.as_deref().unwrap_or("-")),
                    "go_sum" => shown(m.go_sum.as_deref().unwrap_or("-")),
                },
            )
        )?;
    }
    for k in &r.keys {
        writeln!(
            out,
            "{}{}",
            labels.label("cli-report-label-key"),
            t(
                "cli-report-key",
                &params! {
                    "key" => shown(&k.key_id),
                    "format" => shown(&k.format),
                    "origin" => key_origin(k.source, &k.origin, file_named_like_label),
                    "trust" => t0(if k.trusted { "cli-key-trusted" } else { "cli-key-not-trusted" }),
                },
            )
        )?;
    }
    let notable: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    if !notable.is_empty() {
        writeln!(out)?;
        for f in notable {
            let line = t(
                "cli-report-finding",
                &params! {
                    "severity" => t0(severity(f.severity)),
                    "code" => f.code.as_str(),
                    "message" => f.message_in(lang),
                },
            );
            writeln!(out, "{line}")?;
        }
    }
    let c = &r.counts;
    let summary = t(
        "cli-report-summary",
        &params! {
            "entries" => c.entries,
            "ok" => c.ok,
            "mismatch" => c.mismatch,
            "missing" => c.missing,
            "extra" => c.extra,
            "problems" => c.problems,
            "warnings" => c.warnings,
            "bytes" => r.bytes_read,
            "ms" => r.elapsed_ms,
        },
    );
    writeln!(
        out,
        "\n{}{summary}",
        labels.label("cli-report-label-summary")
    )?;
    let verdict = t(
        "cli-report-verdict",
        &params! {
            "verdict" => r.verdict_in(lang).to_uppercase(),
            "reason" => r.reason_in(lang),
        },
    );
    writeln!(out, "{verdict}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(shown("a\u{1b}[2Jb\\"), "a\\u{1b}[2Jb\\\\");
        assert_eq!(shown("x\u{202e}y\nz"), "x\\u{202e}y\\nz");
        assert_eq!(shown_comment("caf\\xE9\r"), "caf\\xE9\\r");
    }

    /// A report with every section, every status and every optional line.
    fn full_report() -> Report {
        let entry = |path: &str, status: &str| {
            serde_json::json!({"path": path, "kind": "file", "size": 1, "actual": "ab12",
                               "status": status})
        };
        let layer = |status: &str| {
            serde_json::json!({"digest": "sha256:aa", "compression": "gzip",
                               "uncompressed": "sha256:bb", "status": status})
        };
        let module = |status: &str| {
            serde_json::json!({"path": "example.com/m", "version": "v1.0.0", "root": "",
                               "zip": "h1:z", "tree": "h1:t", "go_sum": "example.com/m v1.0.0 h1:z",
                               "status": status})
        };
        let sig = |format: &str, status: &str| {
            serde_json::json!({"file": "SHA256SUMS.sig", "format": format, "algorithm": "Ed25519",
                "key_id": "0123456789ABCDEF", "covers": "SHA256SUMS", "status": status,
                "trusted": true, "trusted_comment": "caf\\xE9 v1", "principal": "rel@example.com",
                "primary_fingerprint": "AAAA BBBB", "user_id": "Rel <rel@example.com>"})
        };
        let statuses = ["ok", "mismatch", "not-carried", "unchecked"];
        let (layers, modules) = (statuses.map(layer), statuses.map(module));
        let formats = ["minisign", "signify", "signify-embedded", "ssh", "openpgp"];
        let signatures: Vec<_> = formats
            .iter()
            .chain(["openpgp-cleartext"].iter())
            .zip([
                "valid",
                "valid-untrusted",
                "unknown-key",
                "invalid",
                "unmatched",
                "valid",
            ])
            .map(|(f, s)| sig(f, s))
            .collect();
        let json = serde_json::json!({
            "schema": 1, "tool": "airlock test", "verdict": "failed",
            "reason": "x", "reason_id": "reason-not-vouched", "reason_params": {"path": "r\u{1b}"},
            "findings": [
                {"code": "hash-mismatch", "severity": "problem", "message": "m",
                 "message_id": "finding-extra", "params": {"path": "p\u{1b}"}},
                {"code": "extra", "severity": "warning", "message": "m",
                 "message_id": "finding-extra-signed", "params": {"path": "w"}},
                {"code": "corrupt-archive", "severity": "error", "message": "m",
                 "message_id": "finding-unreadable", "params": {"path": "e", "detail": "d"}}
            ],
            "bundle": {"name": "b", "format": "directory", "size": 1, "sha256": "cc"},
            "inputs": [],
            "keys": [
                {"key_id": "K1", "format": "minisign", "source": "command-line", "trusted": true,
                 "origin": "command line", "public_key": "RW"},
                {"key_id": "K2", "format": "ssh", "source": "input", "trusted": false,
                 "origin": "k.pub", "public_key": "ssh-ed25519"}
            ],
            "signatures": signatures,
            "lists": [],
            "images": [
                {"format": "oci-layout", "root": "", "tags": ["a:1", "b:2"], "image_id": "sha256:cc",
                 "platform": "linux/amd64", "pinned": ["sha256:cc"], "status": "mismatch",
                 "layers": layers},
                {"format": "docker-archive", "root": "", "tags": [], "layers": [], "status": "ok"}
            ],
            "go_modules": modules,
            "expected_digests": ["sha256:cc", "sha256:dd"],
            "entries": [entry("ok", "ok"), entry("mm", "mismatch"), entry("mi", "missing"),
                        entry("ex", "extra"), entry("pr", "problem"), entry("me", "meta"),
                        entry("st", "structure"), entry("un", "unchecked")],
            "counts": {"entries": 1, "ok": 1, "mismatch": 0, "missing": 0, "extra": 0,
                       "problems": 1, "warnings": 2},
            "bytes_read": 1, "elapsed_ms": 0
        });
        serde_json::from_value(json).expect("a report")
    }

    #[test]
    fn every_line_of_a_full_report_renders_in_every_language() {
        for l in airlock::i18n::languages() {
            lang::set(l);
            let mut r = full_report();
            escape_params(&mut r);
            let mut out = Vec::new();
            print_report(&mut out, &r, false, false).unwrap();
            let text = String::from_utf8(out).unwrap();
            // No message id left unrendered, no parameter left out.
            // (fluent-bundle writes a missing variable as `{$name}`)
            for bad in [
                "{$",
                "report-",
                "status-",
                "sig-format",
                "severity-",
                "label-",
            ] {
                assert!(!text.contains(bad), "{l}: {bad} in\n{text}");
            }
            // Names stay escaped inside translated sentences; the structure entry is not listed.
            assert!(
                text.contains("p\\u{1b}") && text.contains("r\\u{1b}"),
                "{text}"
            );
            assert!(!text.contains('\u{1b}'), "{text}");
            assert!(!text.lines().any(|l| l.starts_with("st")), "{text}");
            assert!(
                text.contains("ab12  un"),
                "unchecked entry as sha256sum prints it: {text}"
            );
            // A comment the engine escaped is printed as it is.
            assert!(text.contains("caf\\xE9 v1"), "{text}");
            // The labelled sections line up: after each label, its value starts at one column.
            let labels = Labels::new();
            let mut labelled = 0;
            for line in text.lines() {
                for id in LABELS {
                    let label = t0(id);
                    if let Some(rest) = line.strip_prefix(&label) {
                        let pad = rest.len() - rest.trim_start().len();
                        assert_eq!(width(&label) + pad, labels.column, "{l}: {line:?}");
                        labelled += 1;
                    }
                }
                if line.starts_with(' ') {
                    let pad = line.len() - line.trim_start().len();
                    assert_eq!(pad, labels.column, "{l}: {line:?}");
                }
            }
            // Bundle, 6 signatures, 2 expected digests, 2 images, 4 modules, 2 keys, summary.
            assert_eq!(labelled, 18, "{l}:\n{text}");
            if l == "en" {
                assert_eq!(labels.column, 11, "today's English layout");
                assert!(text.contains("Key:       K1 (minisign) from command line: trusted"));
                assert!(text.contains("Key:       K2 (ssh) from k.pub: not trusted"));
                assert!(text.contains("Image:     untagged (docker-archive): digests match"));
                assert!(text.contains("Expected:  sha256:cc: pins a:1\n"), "{text}");
                assert!(
                    text.contains("Expected:  sha256:dd: MATCHES NO IMAGE\n"),
                    "{text}"
                );
                assert!(
                    text.contains("           pinned by expected digest sha256:cc\n"),
                    "{text}"
                );
                assert!(text.contains("Bundle:    b (directory, 1 byte)"), "{text}");
                assert!(text.contains("problem [hash-mismatch]: p\\u{1b}"));
                assert!(text.contains("warning [extra]: w"));
                assert!(text.contains("error [corrupt-archive]: e"));
                assert!(
                    text.ends_with("FAILED: r\\u{1b} is not vouched for by the signed list, so the bundle cannot be verified.\n"),
                    "{text}"
                );
            }
            if l == "zh-CN" {
                assert!(text.contains("sha256:dd：与任何镜像都不一致"), "{text}");
                assert!(text.contains("已由预期摘要 sha256:cc 固定"), "{text}");
                assert!(
                    text.contains("密钥：     K1（minisign）来自 命令行：受信任"),
                    "{text}"
                );
                assert!(
                    text.ends_with("失败：r\\u{1b} 未被已签名的清单担保，因此无法验证此离线包。\n"),
                    "{text}"
                );
            }
        }
        lang::set(airlock::i18n::DEFAULT_LANG);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("Bundle:"), 7);
        assert_eq!(width("离线包："), 8);
        assert_eq!(width("Go 模块："), 9);
    }
}
