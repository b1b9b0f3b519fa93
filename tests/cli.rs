//! End-to-end: the binary as users and CI scripts run it (exit codes, formats, stdin,
//! bad input).

use assert_cmd::Command;
use std::path::PathBuf;

fn bin() -> Command {
    let mut c = Command::cargo_bin("intune-lint").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("intune-lint-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const BAD_POLICY: &str = r##"{
  "@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
  "displayName": "SSO",
  "iosSingleSignOnExtension": {
    "@odata.type": "#microsoft.graph.iosAzureAdSingleSignOnExtension",
    "bundleIdAccessControlList": [],
    "configurations": [
      {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "device_registration ", "value": "{{DEVICEREGISTRATION}}"},
      {"@odata.type": "#microsoft.graph.keyIntegerValuePair", "key": "browser_sso_interaction_enabled", "value": 1}
    ]
  }
}"##;

const WARNING_ONLY: &str = r##"{
  "@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
  "iosSingleSignOnExtension": {
    "@odata.type": "#microsoft.graph.iosAzureAdSingleSignOnExtension",
    "configurations": [
      {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "device_registration", "value": "{{DEVICEREGISTRATION}}"}
    ]
  }
}"##;

#[test]
fn exit_status_follows_fail_on() {
    let dir = tmp("exit");
    std::fs::write(dir.join("warn.json"), WARNING_ONLY).unwrap();
    bin().arg("check").arg(&dir).assert().code(1);
    bin()
        .args(["check", "--fail-on", "error"])
        .arg(&dir)
        .assert()
        .code(0);
    std::fs::write(dir.join("bad.json"), BAD_POLICY).unwrap();
    bin()
        .args(["check", "--fail-on", "error"])
        .arg(&dir)
        .assert()
        .code(1);
}

#[test]
fn clean_input_exits_zero() {
    let dir = tmp("clean");
    std::fs::write(dir.join("windows.json"), r##"{"@odata.type": "#microsoft.graph.windows10GeneralConfiguration", "displayName": "W"}"##).unwrap();
    let out = bin()
        .arg("check")
        .arg(&dir)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("No findings in 1 file (0 objects recognized, 1 of other types skipped)"),
        "{text}"
    );
}

#[test]
fn usage_errors_exit_two() {
    bin().args(["check", "/no/such/path"]).assert().code(2);
    bin()
        .args(["check", "--format", "nope", "."])
        .assert()
        .code(2);
    bin().args(["explain", "NOPE999"]).assert().code(2);
    bin()
        .args(["check", "--stdin-filename", "x.json", "."])
        .assert()
        .code(2);
}

#[test]
fn concise_is_one_line_per_finding() {
    let concise = |extra: &[&str]| {
        let out = bin()
            .args(["check", "--format", "concise"])
            .args(extra)
            .args(["--stdin-filename", "DeviceConfiguration/sso.json", "-"])
            .write_stdin(BAD_POLICY)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let line = "DeviceConfiguration/sso.json:8:69: error SSO101 key `device_registration` has a trailing space: just-in-time registration won't work\n";
    // `--quiet`: the findings alone; otherwise a summary closes the list, as in ruff.
    assert_eq!(concise(&["--quiet"]), line);
    let full = concise(&[]);
    assert!(full.starts_with(line), "{full}");
    assert!(
        full[line.len()..].starts_with("Found 1 finding (1 error) in 1 file"),
        "{full}"
    );
}

#[test]
fn json_has_the_documented_shape() {
    let out = bin()
        .args(["check", "--format", "json", "-"])
        .write_stdin(BAD_POLICY)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "intune-lint");
    let f = &v["findings"][0];
    for key in [
        "code",
        "name",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "pointer",
        "object",
        "help",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    assert_eq!(f["code"], "SSO101");
    assert_eq!(f["path"], "<stdin>");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(8), Some(69))
    );
    assert_eq!(f["end_column"], 91);
    assert_eq!(
        f["pointer"],
        "/iosSingleSignOnExtension/configurations/0/key"
    );
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["objects"], 1);
    assert_eq!(v["summary"]["findings"]["error"], 1);
}

#[test]
fn human_output_underlines_the_offending_key() {
    let out = bin()
        .args(["check", "--stdin-filename", "sso.json", "-"])
        .write_stdin(BAD_POLICY)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("SSO101 sso-jit-key-whitespace"), "{text}");
    assert!(text.contains("[sso.json:8:69]"), "{text}");
    assert!(text.contains("──────────┬─────────"), "{text}");
    assert!(
        text.contains("Found 1 finding (1 error) in 1 file"),
        "{text}"
    );
}

#[test]
fn bad_input_is_reported_and_the_run_goes_on() {
    let dir = tmp("bad");
    std::fs::write(
        dir.join("deep.json"),
        "[".repeat(100_000) + &"]".repeat(100_000),
    )
    .unwrap();
    std::fs::write(
        dir.join("random.mobileconfig"),
        [0x9a, 0x00, 0xff, 0x13, 0x37, 0xfe],
    )
    .unwrap();
    let mut odd = vec![0xFF, 0xFE];
    odd.extend("{}".encode_utf16().flat_map(u16::to_le_bytes));
    odd.push(b'x');
    std::fs::write(dir.join("odd-utf16.json"), odd).unwrap();
    std::fs::write(dir.join("big.json"), vec![b' '; 300_001]).unwrap();
    std::fs::write(dir.join("good.json"), BAD_POLICY).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("loop.json", dir.join("loop.json")).unwrap();
    let out = bin()
        .args(["check", "--format", "concise", "--max-file-size", "300000"])
        .arg(&dir)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let has = |name: &str, code: &str| text.lines().any(|l| l.contains(name) && l.contains(code));
    assert!(has("deep.json", "EXP901"), "{text}");
    assert!(has("random.mobileconfig", "EXP901"), "{text}");
    assert!(has("odd-utf16.json", "EXP905"), "{text}");
    assert!(has("big.json", "EXP906"), "{text}");
    #[cfg(unix)]
    assert!(has("loop.json", "EXP906"), "{text}");
    // The good file is still linted.
    assert!(has("good.json", "SSO101"), "{text}");
}

#[test]
fn rules_and_explain_describe_every_rule() {
    let out = bin()
        .args(["rules", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r["code"] == "SSO101" && r["name"] == "sso-jit-key-whitespace")
    );
    let out = bin()
        .args(["explain", "sso-jit-key-whitespace"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("## Why it matters")
    );
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::process::{Command as Std, Stdio};
    for args in [
        &["explain", "SSO101"][..],
        &["rules"][..],
        &["check", "--format", "json", "fixtures/demo-tenant"][..],
    ] {
        let mut child = Std::new(env!("CARGO_BIN_EXE_intune-lint"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end before the program writes: every write then fails.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
    }
}
