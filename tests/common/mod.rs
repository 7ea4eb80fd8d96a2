//! Helpers shared by the integration tests that drive real tools and the built `airlock` binary.

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
