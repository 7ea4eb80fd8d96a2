//! The hostile-input corpus, through the CLI.
//!
//! `tests/corpus/make.sh` builds every case with the real `minisign`, `signify-openbsd` and GNU
//! `tar` (installed by `scripts/test.sh`); `tests/corpus/cases.tsv` says what `airlock verify`
//! must answer for each. Every case must give exactly its verdict and its set of finding codes,
//! the matching exit status, no panic, and finish within [`CASE_TIME_LIMIT`]. The slowest case and
//! the largest resident memory (through `/usr/bin/time`, when installed) are printed for the
//! record.
//!
//! Whenever a case is `verified`, the differential oracle (`tests/oracle/mod.rs`) extracts it with
//! GNU tar and bsdtar and compares what lands on disk with the signed list: any disagreement
//! fails the case. Every case also checks that only the `--trusted-key` keys were trusted, and the
//! cases that carry a secret key that it was reported and never used.
#![cfg(unix)]

#[path = "oracle/mod.rs"]
mod oracle;

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

const AIRLOCK: &str = env!("CARGO_BIN_EXE_airlock");

/// Generous: the slowest case (4 GiB of zeros) takes seconds.
const CASE_TIME_LIMIT: Duration = Duration::from_secs(180);

/// Words the message of the `limit-exceeded` finding must contain, per case.
const LIMIT_WORDS: &[(&str, &str)] = &[
    ("limit-entries", "more than 2 entries"),
    ("limit-path", "limit of 8 bytes"),
    ("sparse-bomb", "holes"),
];

struct Case {
    name: String,
    verdict: String,
    codes: BTreeSet<String>,
    trusted: Vec<String>,
    args: Vec<String>,
    inputs: Vec<String>,
}

fn field(s: &str, sep: char) -> Vec<String> {
    if s == "-" {
        Vec::new()
    } else {
        s.split(sep).map(str::to_string).collect()
    }
}

fn cases() -> Vec<Case> {
    let tsv = include_str!("corpus/cases.tsv");
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "cases.tsv: six fields expected in {l:?}");
            Case {
                name: f[0].into(),
                verdict: f[1].into(),
                codes: field(f[2], ',').into_iter().collect(),
                trusted: field(f[3], ','),
                args: field(f[4], ' '),
                inputs: field(f[5], ' '),
            }
        })
        .collect()
}

/// What one run gave.
struct Outcome {
    report: Value,
    status: Option<i32>,
    stderr: String,
    elapsed: Duration,
    max_rss_kb: Option<u64>,
}

fn run(dir: &Path, case: &Case, time: Option<&Path>) -> Result<Outcome, String> {
    let out_path = dir.join(format!("{}.out.json", case.name));
    let err_path = dir.join(format!("{}.err.txt", case.name));
    let rss_path = dir.join(format!("{}.rss", case.name));
    let mut cmd = match time {
        Some(t) => {
            let mut c = Command::new(t);
            c.arg("-f").arg("%M").arg("-o").arg(&rss_path).arg(AIRLOCK);
            c
        }
        None => Command::new(AIRLOCK),
    };
    cmd.current_dir(dir).arg("verify").arg("--json");
    for k in &case.trusted {
        cmd.arg("--trusted-key").arg(k);
    }
    cmd.args(&case.args).args(&case.inputs);
    cmd.stdin(Stdio::null())
        .stdout(File::create(&out_path).map_err(|e| e.to_string())?)
        .stderr(File::create(&err_path).map_err(|e| e.to_string())?);
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run airlock: {e}"))?;
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if start.elapsed() > CASE_TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {CASE_TIME_LIMIT:?}: killed"));
        }
        thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let stdout = fs::read_to_string(&out_path).map_err(|e| e.to_string())?;
    let stderr = fs::read_to_string(&err_path).map_err(|e| e.to_string())?;
    let report: Value = serde_json::from_str(&stdout)
        .map_err(|e| format!("no JSON report ({e}); stderr: {stderr}"))?;
    let max_rss_kb = fs::read_to_string(&rss_path)
        .ok()
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()));
    Ok(Outcome {
        report,
        status: status.code(),
        stderr,
        elapsed,
        max_rss_kb,
    })
}

/// Key IDs (as reports print them) of the case's `--trusted-key` files.
fn trusted_ids(dir: &Path, case: &Case) -> BTreeSet<String> {
    case.trusted
        .iter()
        .flat_map(|k| {
            // Key files of every kind (minisign, signify, OpenPGP certificates, SSH keys): the
            // IDs the report prints for them.
            let bytes = fs::read(dir.join(k)).expect("trusted key file");
            airlock::schemes::decode_keys(&bytes)
                .unwrap_or_else(|e| panic!("{k}: {e}"))
                .keys
                .iter()
                .map(|key| key.id())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Only the `--trusted-key` keys are trusted; a secret key among the inputs is reported (a
/// warning naming it) and neither it nor its public half is trusted.
fn check_trust(dir: &Path, case: &Case, o: &Outcome) -> Vec<String> {
    let mut wrong = Vec::new();
    let ids = trusted_ids(dir, case);
    for k in o.report["keys"].as_array().cloned().unwrap_or_default() {
        let id = k["key_id"].as_str().unwrap_or("?");
        if k["trusted"] == true && !ids.contains(id) {
            wrong.push(format!(
                "key {id} ({}) is trusted but was not given with --trusted-key",
                k["origin"]
            ));
        }
    }
    for s in o.report["signatures"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let id = s["key_id"].as_str().unwrap_or("?");
        if s["trusted"] == true && !ids.contains(id) {
            wrong.push(format!("signature {} by {id} counts as trusted", s["file"]));
        }
    }
    for input in case.inputs.iter().filter(|i| i.ends_with(".key")) {
        let text = fs::read_to_string(dir.join(input)).expect("secret key file");
        let secret_id = airlock::keys::SecretKey::decode(&text)
            .map(|k| k.public_key().id_hex())
            .unwrap_or_else(|e| panic!("{input}: not a secret key: {e:?}"));
        if ids.contains(&secret_id) {
            continue;
        }
        let name = Path::new(input)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let warned = o.report["findings"].as_array().is_some_and(|f| {
            f.iter().any(|f| {
                f["code"] == "unknown-input"
                    && f["severity"] == "warning"
                    && f["path"].as_str() == Some(name.as_str())
                    && f["message"].as_str().is_some_and(|m| m.contains("SECRET"))
            })
        });
        if !warned {
            wrong.push(format!("no warning that {input} is a secret key"));
        }
        let used = o.report["signatures"].as_array().is_some_and(|s| {
            s.iter().any(|s| {
                s["key_id"] == secret_id.as_str()
                    && (s["trusted"] == true || s["status"] == "valid")
            })
        }) || o.report["keys"].as_array().is_some_and(|k| {
            k.iter()
                .any(|k| k["key_id"] == secret_id.as_str() && k["trusted"] == true)
        });
        if used {
            wrong.push(format!(
                "the secret key {input} ({secret_id}) was used as a trusted key"
            ));
        }
    }
    wrong
}

/// The differential oracle over a `verified` case: GNU tar and bsdtar must extract exactly the
/// signed files.
fn check_extraction(dir: &Path, case: &Case, o: &Outcome) -> Vec<String> {
    let inputs: Vec<(String, PathBuf)> = case
        .inputs
        .iter()
        .map(|i| {
            let p = dir.join(i);
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, p)
        })
        .collect();
    let bundle_name = o.report["bundle"]["name"].as_str().unwrap_or("");
    let bundle = inputs
        .iter()
        .find(|(n, _)| n == bundle_name)
        .map(|(_, p)| p.as_path());
    oracle::check(&o.report, bundle, &inputs)
}

/// Everything wrong with one outcome (empty when the case passes).
fn check(case: &Case, o: &Outcome) -> Vec<String> {
    let mut wrong = Vec::new();
    let verdict = o.report["verdict"].as_str().unwrap_or("?");
    if verdict != case.verdict {
        wrong.push(format!(
            "verdict {verdict}, expected {} ({})",
            case.verdict, o.report["reason"]
        ));
    }
    let findings = o.report["findings"].as_array().cloned().unwrap_or_default();
    let codes: BTreeSet<String> = findings
        .iter()
        .filter_map(|f| f["code"].as_str().map(str::to_string))
        .collect();
    if codes != case.codes {
        wrong.push(format!("codes {codes:?}, expected {:?}", case.codes));
    }
    let want_status = match case.verdict.as_str() {
        "verified" => 0,
        "failed" | "unsigned" => 1,
        _ => 2,
    };
    if o.status != Some(want_status) {
        wrong.push(format!(
            "exit status {:?}, expected {want_status}",
            o.status
        ));
    }
    if o.stderr.contains("panicked") {
        wrong.push(format!("panicked: {}", o.stderr));
    }
    if let Some((_, words)) = LIMIT_WORDS.iter().find(|(n, _)| *n == case.name) {
        let named = findings.iter().any(|f| {
            f["code"] == "limit-exceeded"
                && f["message"].as_str().is_some_and(|m| m.contains(words))
        });
        if !named {
            wrong.push(format!("no limit-exceeded finding saying {words:?}"));
        }
    }
    wrong
}

fn make_corpus() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("airlock-corpus-")
        .tempdir()
        .expect("temp dir");
    let out = tmp.path().join("corpus");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/make.sh");
    let made = Command::new("bash")
        .arg(&script)
        .arg(&out)
        .output()
        .expect("run tests/corpus/make.sh");
    assert!(
        made.status.success(),
        "tests/corpus/make.sh failed:\n{}{}",
        String::from_utf8_lossy(&made.stdout),
        String::from_utf8_lossy(&made.stderr)
    );
    (tmp, out)
}

#[test]
fn every_corpus_case_gives_its_verdict_and_codes() {
    let (_tmp, dir) = make_corpus();
    let time = Path::new("/usr/bin/time");
    let time = time.exists().then_some(time);
    if time.is_none() {
        eprintln!("corpus: /usr/bin/time is not installed (package `time`); RSS not measured");
    }
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    let mut extracted = 0;
    let mut largest = (0u64, String::new());
    let cases = cases();
    // The JSON export (for the page's e2e tests) names the same cases.
    let json: Value = serde_json::from_str(&fs::read_to_string(dir.join("cases.json")).unwrap())
        .expect("cases.json");
    let exported: Vec<&str> = json["cases"]
        .as_array()
        .expect("cases array")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    let listed: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(exported, listed, "cases.json and cases.tsv disagree");
    for case in &cases {
        match run(&dir, case, time) {
            Ok(o) => {
                for w in check(case, &o) {
                    failures.push(format!("{}: {w}", case.name));
                }
                for w in check_trust(&dir, case, &o) {
                    failures.push(format!("{}: {w}", case.name));
                }
                if o.report["verdict"] == "verified" {
                    extracted += 1;
                    for w in check_extraction(&dir, case, &o) {
                        failures.push(format!(
                            "{}: VERIFIED BUT EXTRACTION DIFFERS: {w}",
                            case.name
                        ));
                    }
                }
                if o.elapsed > slowest.0 {
                    slowest = (o.elapsed, case.name.clone());
                }
                if let Some(kb) = o.max_rss_kb.filter(|&kb| kb > largest.0) {
                    largest = (kb, case.name.clone());
                }
            }
            Err(e) => failures.push(format!("{}: {e}", case.name)),
        }
    }
    eprintln!(
        "corpus: {extracted} verified cases extracted with GNU tar and bsdtar and compared with their signed lists"
    );
    eprintln!(
        "corpus: {} cases; max wall time {:.2} s ({}); max RSS {} ({})",
        cases.len(),
        slowest.0.as_secs_f64(),
        slowest.1,
        if time.is_some() {
            format!("{} kB", largest.0)
        } else {
            "not measured".into()
        },
        largest.1
    );
    assert!(
        failures.is_empty(),
        "{} corpus case(s) wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
