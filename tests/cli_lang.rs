//! The `airlock` binary speaks the reviewer's language (issue 12): `--lang`, else `LC_ALL`,
//! `LC_MESSAGES`, `LANG` (POSIX precedence). Bundles are made at test time by real `minisign`,
//! `sha256sum` and GNU `tar`; every case runs the built binary with a controlled environment
//! (all four locale variables cleared first).
//!
//! What must hold: Chinese verdicts, headings, findings and errors under `zh_CN.UTF-8`, with the
//! same exit codes as in English; `--lang` beats the environment and `LC_ALL` beats `LANG`; `C`
//! is English; `verify --json` and `hash` print the same bytes in every language; an unknown
//! `--lang` is a usage error naming the languages there are; names from the bundle stay escaped.
//! The verdict line and the findings are compared with the library's own rendering
//! (`Report::reason_in`, `Finding::message_in`), so they hold before and after the engine's
//! sentences are translated.
#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use airlock::report::{Report, Severity};
use tempfile::TempDir;

const AIRLOCK: &str = env!("CARGO_BIN_EXE_airlock");

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];
const C: &[(&str, &str)] = &[("LANG", "C")];

/// One run of the binary.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("UTF-8 output")
    }

    fn last_line(&self) -> String {
        self.text()
            .trim_end()
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    }
}

/// `airlock ARGS` in `dir` with only the locale variables in `env` set.
fn airlock(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let out = Command::new(AIRLOCK)
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("LANGUAGE")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run airlock");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "airlock {args:?} panicked: {stderr}"
    );
    Run {
        code: out.status.code().expect("exit code, not a signal"),
        stdout: out.stdout,
        stderr,
    }
}

/// A bash script in `dir` (`LC_ALL=C`); it must succeed.
fn sh(dir: &Path, script: &str) {
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "script failed: {script}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Any CJK ideograph in `s`.
fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Key pair `k`; `signed.tar.gz` (rel/ with SHA256SUMS signed by `k`); `tampered.tar.gz` (the
/// same with one byte of rel/data.bin changed after signing); `unsigned.tar.gz` (a list, no
/// signature).
fn bundles() -> TempDir {
    let t = tempfile::Builder::new()
        .prefix("airlock-cli-lang-")
        .tempdir()
        .expect("temp dir");
    let d = t.path();
    fs::create_dir_all(d.join("rel/sub")).unwrap();
    fs::write(d.join("rel/README.txt"), b"release notes\n").unwrap();
    fs::write(d.join("rel/data.bin"), vec![7u8; 4096]).unwrap();
    fs::write(d.join("rel/sub/conf.cfg"), b"[main]\nkey = value\n").unwrap();
    sh(
        d,
        "minisign -G -W -p k.pub -s k.key >/dev/null
         (cd rel && sha256sum README.txt data.bin sub/conf.cfg > SHA256SUMS)
         cp -r rel unsigned
         minisign -S -s k.key -m rel/SHA256SUMS -t 'test release' >/dev/null
         tar -czf signed.tar.gz rel
         printf '\\x08' | dd of=rel/data.bin bs=1 seek=100 conv=notrunc 2>/dev/null
         tar -czf tampered.tar.gz rel
         tar -czf unsigned.tar.gz unsigned",
    );
    t
}

/// The verdict line and the findings of a text report under `env` against the library's own
/// rendering of the JSON report in `lang`.
fn check_against_library(dir: &Path, env: &[(&str, &str)], lang: &str, args: &[&str]) -> Run {
    let mut verify = vec!["verify"];
    verify.extend_from_slice(args);
    let text = airlock(dir, env, &verify);
    verify.push("--json");
    let json = airlock(dir, env, &verify);
    assert_eq!(
        text.code, json.code,
        "same exit code with and without --json"
    );
    let report: Report = serde_json::from_slice(&json.stdout).expect("JSON report");
    let out = text.text();
    let word = report.verdict_in(lang).to_uppercase();
    let sep = if lang == "zh-CN" { "：" } else { ": " };
    let verdict = format!("{word}{sep}{}", report.reason_in(lang));
    assert!(
        out.lines().any(|l| l == verdict),
        "verdict line {verdict:?} in:\n{out}"
    );
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
    {
        let line = format!("[{}]{sep}{}", f.code.as_str(), f.message_in(lang));
        assert!(out.contains(&line), "finding {line:?} in:\n{out}");
    }
    text
}

#[test]
fn chinese_report_for_verified_failed_and_unsigned_with_the_same_exit_codes() {
    let t = bundles();
    let d = t.path();
    let cases: [(&[&str], i32, &str, &str); 4] = [
        (
            &["signed.tar.gz", "-p", "k.pub"],
            0,
            "已验证：",
            "VERIFIED: ",
        ),
        (&["tampered.tar.gz", "-p", "k.pub"], 1, "失败：", "FAILED: "),
        (
            &["unsigned.tar.gz", "-p", "k.pub"],
            1,
            "未签名：",
            "UNSIGNED: ",
        ),
        // A good signature by a key nobody trusted: failed, and the hint to trust one.
        (&["signed.tar.gz"], 1, "失败：", "FAILED: "),
    ];
    for (args, code, zh_word, en_word) in cases {
        let zh = check_against_library(d, ZH, "zh-CN", args);
        let en = check_against_library(d, C, "en", args);
        assert_eq!(zh.code, code, "{args:?} in Chinese: {}", zh.stderr);
        assert_eq!(en.code, code, "{args:?} in English: {}", en.stderr);
        let (zt, et) = (zh.text(), en.text());
        assert!(
            zt.lines().any(|l| l.starts_with(zh_word)),
            "{args:?}: no line starts with {zh_word}:\n{zt}"
        );
        assert!(
            et.lines().any(|l| l.starts_with(en_word)),
            "{args:?}: no line starts with {en_word}:\n{et}"
        );
        for heading in ["离线包：", "签名：", "汇总："] {
            assert!(zt.contains(heading), "{args:?}: {heading} in:\n{zt}");
        }
        for english in [
            "Bundle:",
            "Signature:",
            "Summary:",
            " entries",
            "bytes read",
            "hint:",
        ] {
            assert!(!zt.contains(english), "{args:?}: {english} in:\n{zt}");
        }
        assert!(!has_chinese(&et), "{args:?}: Chinese in English:\n{et}");
        // Same lines in both: one per entry, then the sections.
        assert_eq!(zt.lines().count(), et.lines().count(), "{zt}\n{et}");
    }

    // What each case says, in the catalogue's words.
    let zh = airlock(d, ZH, &["verify", "signed.tar.gz", "-p", "k.pub"]).text();
    assert!(zh.contains("rel/data.bin：通过"), "{zh}");
    assert!(zh.contains("签名有效，密钥受信任"), "{zh}");
    assert!(zh.contains("受信任注释：test release"), "{zh}");
    assert!(zh.contains("来自 k.pub：受信任"), "{zh}");
    assert!(zh.contains("个条目："), "{zh}");
    let zh = airlock(d, ZH, &["verify", "tampered.tar.gz", "-p", "k.pub"]).text();
    assert!(zh.contains("rel/data.bin：失败（哈希值不匹配）"), "{zh}");
    assert!(zh.contains("问题 [hash-mismatch]："), "{zh}");
    assert!(zh.contains("1 个不匹配"), "{zh}");
    let run = airlock(d, ZH, &["verify", "signed.tar.gz"]);
    assert!(run.last_line().starts_with("提示："), "{}", run.text());
    assert!(run.text().contains("未知密钥"), "{}", run.text());
}

#[test]
fn lang_option_beats_the_environment() {
    let t = bundles();
    let d = t.path();
    let verify = ["verify", "signed.tar.gz", "-p", "k.pub"];
    // --lang en under a Chinese locale, before or after the command, with or without `=`.
    for args in [
        vec!["--lang", "en", "verify", "signed.tar.gz", "-p", "k.pub"],
        vec!["verify", "signed.tar.gz", "-p", "k.pub", "--lang", "en"],
        vec!["verify", "--lang=en", "signed.tar.gz", "-p", "k.pub"],
    ] {
        for env in [ZH, &[("LC_ALL", "zh_CN.UTF-8")][..]] {
            let run = airlock(d, env, &args);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
            assert!(run.last_line().starts_with("VERIFIED: "), "{}", run.text());
            assert!(!has_chinese(&run.text()), "{args:?}: {}", run.text());
        }
    }
    // --lang zh-CN (or a form of it) in the C locale.
    for tag in ["zh-CN", "zh_CN.UTF-8", "zh"] {
        let mut args = verify.to_vec();
        args.extend(["--lang", tag]);
        let run = airlock(d, C, &args);
        assert_eq!(run.code, 0, "{tag}: {}", run.stderr);
        assert!(
            run.last_line().starts_with("已验证："),
            "{tag}: {}",
            run.text()
        );
    }
}

#[test]
fn posix_precedence_of_the_locale_variables() {
    let t = bundles();
    let d = t.path();
    let verify = ["verify", "unsigned.tar.gz"];
    let chinese = |env: &[(&str, &str)]| {
        let run = airlock(d, env, &verify);
        assert_eq!(run.code, 1, "{env:?}: {}", run.stderr);
        let last = run.last_line();
        if last.starts_with("未签名：") {
            true
        } else {
            assert!(last.starts_with("UNSIGNED: "), "{env:?}: {}", run.text());
            false
        }
    };
    // LC_ALL beats LANG, both ways.
    assert!(!chinese(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]));
    assert!(chinese(&[
        ("LC_ALL", "zh_CN.UTF-8"),
        ("LANG", "en_US.UTF-8")
    ]));
    // LC_MESSAGES beats LANG, and LC_ALL beats LC_MESSAGES.
    assert!(chinese(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "C")]));
    assert!(!chinese(&[
        ("LC_ALL", "en_US.UTF-8"),
        ("LC_MESSAGES", "zh_CN.UTF-8")
    ]));
    // An empty variable counts as unset.
    assert!(chinese(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]));
    // C, POSIX, C.UTF-8, nothing at all, and a language the catalogue lacks: English.
    for env in [
        C,
        &[("LANG", "POSIX")][..],
        &[("LANG", "C.UTF-8")][..],
        &[][..],
        &[("LANG", "fr_FR.UTF-8")][..],
    ] {
        assert!(!chinese(env), "{env:?}");
    }
    // LANGUAGE as gettext reads it: a preference list, ignored in the C locale.
    assert!(chinese(&[
        ("LANGUAGE", "fr:zh_CN"),
        ("LANG", "en_US.UTF-8")
    ]));
    assert!(!chinese(&[("LANGUAGE", "zh_CN"), ("LANG", "C")]));
    // The English report is the same in every English environment (timing aside).
    let mask = |env: &[(&str, &str)]| {
        let text = airlock(d, env, &verify).text();
        let summary = text
            .lines()
            .position(|l| l.starts_with("Summary:"))
            .unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines.remove(summary);
        lines.join("\n")
    };
    assert_eq!(mask(C), mask(&[]));
    assert_eq!(mask(C), mask(&[("LANG", "en_US.UTF-8")]));
}

/// `--json` output with the `elapsed_ms` line masked (it must be there exactly once).
fn json_masked(run: &Run) -> Vec<u8> {
    let text = String::from_utf8(run.stdout.clone()).expect("UTF-8 JSON");
    let mut seen = 0;
    let masked: Vec<String> = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("\"elapsed_ms\":") {
                seen += 1;
                "  \"elapsed_ms\": MASKED,".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(seen, 1, "one elapsed_ms line in:\n{text}");
    masked.join("\n").into_bytes()
}

/// Locale variables to set.
type Env<'a> = &'a [(&'a str, &'a str)];

/// Ways to ask for a language: extra arguments and the environment.
const LANGUAGES: &[(&[&str], Env)] = &[
    (&[], &[]),
    (&[], ZH),
    (&[], &[("LC_ALL", "zh_CN.UTF-8")]),
    (&["--lang", "zh-CN"], C),
    (&["--lang", "en"], ZH),
    (&[], C),
];

#[test]
fn json_is_byte_identical_in_every_language() {
    let t = bundles();
    let d = t.path();
    for bundle in [
        &["signed.tar.gz", "-p", "k.pub"][..],
        &["tampered.tar.gz", "-p", "k.pub"],
        &["unsigned.tar.gz"],
        &["signed.tar.gz"],
        &["no-such-file.tar.gz"],
    ] {
        let mut reference: Option<(i32, Vec<u8>)> = None;
        for (extra, env) in LANGUAGES {
            let mut args = vec!["verify", "--json"];
            args.extend_from_slice(bundle);
            args.extend_from_slice(extra);
            let run = airlock(d, env, &args);
            let json = if run.stdout.is_empty() {
                Vec::new()
            } else {
                json_masked(&run)
            };
            match &reference {
                None => reference = Some((run.code, json)),
                Some((code, first)) => {
                    assert_eq!(run.code, *code, "{args:?} {env:?}");
                    assert!(
                        json == *first,
                        "{args:?} {env:?}: JSON differs:\n{}\n---\n{}",
                        String::from_utf8_lossy(first),
                        String::from_utf8_lossy(&json)
                    );
                }
            }
        }
        let (_, json) = reference.unwrap();
        if bundle[0] != "no-such-file.tar.gz" {
            assert!(!json.is_empty(), "{bundle:?}");
            assert!(!has_chinese(&String::from_utf8_lossy(&json)), "{bundle:?}");
        }
    }
}

#[test]
fn hash_output_is_identical_in_every_language() {
    let t = bundles();
    let d = t.path();
    let args = ["hash", "signed.tar.gz", "rel/data.bin", "missing-file"];
    let mut reference: Option<(i32, Vec<u8>)> = None;
    for (extra, env) in LANGUAGES {
        let mut full = args.to_vec();
        full.extend_from_slice(extra);
        let run = airlock(d, env, &full);
        assert_eq!(run.code, 1, "a missing file: exit 1; {}", run.stderr);
        assert_eq!(run.text().lines().count(), 2, "{}", run.text());
        match &reference {
            None => reference = Some((run.code, run.stdout)),
            Some((code, first)) => {
                assert_eq!(run.code, *code);
                assert_eq!(&run.stdout, first, "{full:?} {env:?}");
            }
        }
    }
    // Only the error on stderr is in the reader's language.
    let zh = airlock(d, ZH, &args);
    assert!(
        zh.stderr.contains("无法计算 missing-file 的哈希值"),
        "{}",
        zh.stderr
    );
    let en = airlock(d, C, &args);
    assert!(
        en.stderr.starts_with("airlock: missing-file: "),
        "{}",
        en.stderr
    );
}

#[test]
fn unknown_lang_is_a_usage_error_naming_the_languages() {
    let t = bundles();
    let d = t.path();
    for (args, env) in [
        (&["--lang", "fr", "verify", "signed.tar.gz"][..], C),
        (&["verify", "signed.tar.gz", "--lang=klingon"], C),
        (&["hash", "rel/data.bin", "--lang", "C"], C),
        (&["--lang", "fr", "--help"], C),
        (&["--lang", "fr", "verify", "signed.tar.gz"], ZH),
    ] {
        let run = airlock(d, env, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.text());
        assert!(
            run.stderr.contains("en (English)") && run.stderr.contains("zh-CN (中文)"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("--lang"), "{}", run.stderr);
    }
    // In the environment's language.
    let en = airlock(d, C, &["--lang", "fr", "hash", "x"]);
    assert!(en.stderr.contains("unknown language “fr”"), "{}", en.stderr);
    let zh = airlock(d, ZH, &["--lang", "fr", "hash", "x"]);
    assert!(zh.stderr.contains("“fr”不存在"), "{}", zh.stderr);
}

#[test]
fn errors_of_every_command_are_in_chinese() {
    let t = bundles();
    let d = t.path();
    fs::write(d.join("not-a-folder"), b"x").unwrap();
    // (args, exit code, Chinese, English)
    let cases: [(&[&str], i32, &str, &str); 7] = [
        (
            &["verify", "no-such-file"],
            2,
            "airlock: 无法读取 no-such-file：",
            "airlock: cannot read no-such-file: ",
        ),
        (
            &["verify", "signed.tar.gz", "--trusted-key", "RWnotakey"],
            2,
            "受信任的密钥 RWnotakey 无效：",
            "bad trusted key RWnotakey: ",
        ),
        (
            &["keygen", "-o", "k"],
            2,
            "k.pub 已存在；拒绝覆盖",
            "k.pub already exists; refusing to overwrite it",
        ),
        (
            &["sign", "-k", "k.key", "no-such-file"],
            2,
            "无法读取 no-such-file：",
            "cannot read no-such-file: ",
        ),
        (
            &["sign", "-k", "k.pub", "rel/README.txt"],
            2,
            "私钥 k.pub 无效：",
            "bad secret key k.pub: ",
        ),
        (
            &["pack", "not-a-folder", "-o", "o.tar.gz", "-k", "k.key"],
            2,
            "not-a-folder 不是文件夹",
            "not-a-folder is not a folder",
        ),
        (
            &["pack", "rel", "-o", "o.tar.gz", "-k", "k.key"],
            2,
            "rel 中已有 SHA256SUMS；该文件应由 pack 生成",
            "rel already holds SHA256SUMS; pack writes it",
        ),
    ];
    for (args, code, zh_text, en_text) in cases {
        let zh = airlock(d, ZH, args);
        let en = airlock(d, C, args);
        assert_eq!(zh.code, code, "{args:?}: {}", zh.stderr);
        assert_eq!(en.code, code, "{args:?}: {}", en.stderr);
        assert!(zh.stderr.contains(zh_text), "{args:?}: {}", zh.stderr);
        assert!(en.stderr.contains(en_text), "{args:?}: {}", en.stderr);
        assert!(zh.stdout.is_empty() && en.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn keygen_sign_and_pack_speak_chinese() {
    let t = bundles();
    let d = t.path();
    let run = airlock(d, ZH, &["keygen", "-o", "new"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = run.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("密钥 ID "), "{text}");
    assert!(lines[1].starts_with("公钥：new.pub（"), "{text}");
    assert!(lines[2].starts_with("私钥：new.key（未加密"), "{text}");
    // The key itself, as in English: the second line of the .pub file.
    let public = fs::read_to_string(d.join("new.pub")).unwrap();
    assert_eq!(lines[3], public.lines().nth(1).unwrap(), "{text}");

    // sign prints the signature's name, in no language.
    let run = airlock(d, ZH, &["sign", "-k", "new.key", "rel/README.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.text(), "rel/README.txt.minisig\n");

    fs::create_dir_all(d.join("pay/sub")).unwrap();
    fs::write(d.join("pay/a.txt"), b"a\n").unwrap();
    fs::write(d.join("pay/sub/b.txt"), b"b\n").unwrap();
    let run = airlock(d, ZH, &["pack", "pay", "-o", "pay.tar.gz", "-k", "new.key"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.text()
            .starts_with("pay.tar.gz：2 个文件，SHA256SUMS 已由密钥 "),
        "{}",
        run.text()
    );
    let run = airlock(d, C, &["pack", "pay", "-o", "pay2.tar.gz", "-k", "new.key"]);
    assert!(
        run.text()
            .starts_with("pay2.tar.gz: 2 files, SHA256SUMS signed by key "),
        "{}",
        run.text()
    );
    // What pack made is the same whatever the language.
    assert_eq!(
        fs::read(d.join("pay.tar.gz")).unwrap(),
        fs::read(d.join("pay2.tar.gz")).unwrap()
    );
}

#[test]
fn names_from_the_bundle_stay_escaped_in_chinese() {
    let t = bundles();
    let d = t.path();
    // An unlisted file whose name clears the screen and fakes a verified line.
    let evil = "evil\u{1b}[2J\n已验证：一切正常.txt";
    fs::write(d.join("rel").join(evil), b"x").unwrap();
    sh(d, "tar -czf evil.tar.gz rel");
    for (env, failed) in [(ZH, "失败："), (C, "FAILED: ")] {
        let run = airlock(d, env, &["verify", "evil.tar.gz", "-p", "k.pub"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!run.stdout.contains(&0x1b), "raw ESC in:\n{}", run.text());
        let text = run.text();
        assert!(
            text.contains("evil\\u{1b}[2J\\n已验证：一切正常.txt"),
            "escaped name in:\n{text}"
        );
        assert!(
            !text.lines().any(|l| l.starts_with("已验证")),
            "a faked verdict line:\n{text}"
        );
        assert!(run.last_line().starts_with(failed), "{text}");
    }
}

#[test]
fn help_is_translated() {
    let t = bundles();
    let d = t.path();
    let zh = airlock(d, ZH, &["--help"]);
    assert_eq!(zh.code, 0, "{}", zh.stderr);
    let text = zh.text();
    for want in [
        "一次流式读取即可验证离线包",
        "用法:",
        "命令:",
        "选项:",
        "退出状态：",
        "验证离线包（tar、tar.gz 或文件夹）",
        "打印帮助",
        "打印版本",
    ] {
        assert!(text.contains(want), "{want} in:\n{text}");
    }
    for english in ["Usage:", "Commands:", "Options:", "Print help", "Verify "] {
        assert!(!text.contains(english), "{english} in:\n{text}");
    }
    for args in [
        &["verify", "--help"][..],
        &["help", "verify"],
        &["verify", "-h"],
    ] {
        let zh = airlock(d, ZH, args);
        assert_eq!(zh.code, 0, "{args:?}: {}", zh.stderr);
        let text = zh.text();
        assert!(text.contains("参数:"), "{args:?}: {text}");
        assert!(
            text.contains("离线包，以及任意分离的 SHA256SUMS"),
            "{args:?}: {text}"
        );
        assert!(text.contains("（默认：2000000）"), "{args:?}: {text}");
        assert!(!text.contains("[default:"), "{args:?}: {text}");
    }
    let zh = airlock(d, ZH, &["help", "nope"]);
    assert_eq!(zh.code, 2, "{}", zh.stderr);
    assert!(
        zh.stderr.contains("未知命令“nope”") && zh.stderr.contains("verify, keygen"),
        "{}",
        zh.stderr
    );
    let en = airlock(d, ZH, &["--lang", "en", "--help"]);
    assert_eq!(en.code, 0);
    let text = en.text();
    assert!(text.starts_with("Verify offline bundles"), "{text}");
    assert!(text.contains("Usage: airlock"), "{text}");
    assert!(!has_chinese(&text.replace("zh-CN (中文)", "")), "{text}");
}
