//! Helpers shared by the integration tests that drive real tools and the built `airlock` binary.
// Each test crate uses some of them.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Run a bash script (`-euo pipefail`, `LC_ALL=C`, no stdin) in `dir` with the extra `env`.
pub fn bash_status(dir: &Path, env: &[(&str, &OsStr)], script: &str) -> Output {
    Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("LC_ALL", "C")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run bash")
}

/// [`bash_status`], which must succeed. Returns stdout.
pub fn bash(dir: &Path, env: &[(&str, &OsStr)], script: &str) -> String {
    let out = bash_status(dir, env, script);
    assert!(
        out.status.success(),
        "script failed ({}):\n{script}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `airlock verify ARGS --json` in `dir`: (exit code, report, stderr). Never a panic.
pub fn verify_json(airlock: &str, dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(airlock)
        .arg("verify")
        .args(args)
        .arg("--json")
        .current_dir(dir)
        .output()
        .expect("run airlock");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "airlock panicked: {stderr}");
    let code = out.status.code().expect("exit code");
    let report = if out.stdout.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
    };
    (code, report, stderr)
}

/// An `airlock verify --json` run: its exit code and report.
pub struct Run {
    pub code: i32,
    pub report: Value,
}

impl Run {
    pub fn verdict(&self) -> &str {
        self.report["verdict"].as_str().expect("a verdict")
    }
    /// The codes of the findings of `severity`, in order.
    pub fn codes(&self, severity: &str) -> Vec<String> {
        self.report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["severity"] == severity)
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    }
    /// The message of the first finding with `code` (empty when there is none).
    pub fn message(&self, code: &str) -> String {
        self.report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["code"] == code)
            .map(|f| f["message"].as_str().unwrap().to_string())
            .unwrap_or_default()
    }
    pub fn images(&self) -> &Vec<Value> {
        self.report["images"]
            .as_array()
            .expect("the report has an images section")
    }
    /// The first Go module of the report.
    pub fn module(&self) -> &Value {
        &self.report["go_modules"][0]
    }
}

/// `airlock verify ARGS --json` in `dir`, which must print a report.
pub fn run(airlock: &str, dir: &Path, args: &[&str]) -> Run {
    let (code, report, _) = verify_json(airlock, dir, args);
    assert!(!report.is_null(), "no report from airlock verify {args:?}");
    Run { code, report }
}
