//! `--format NAME[=PATH]`: several reports from one run, written atomically, at most one
//! on standard output. The reports' content is snapshot-tested in crates/report/tests.

use assert_cmd::Command;
use std::path::PathBuf;

const FIXTURE: &str = "fixtures/formats/report";

fn bin() -> Command {
    let mut c = Command::cargo_bin("intune-lint").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn tmp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("intune-lint-formats-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn several_formats_from_one_run() {
    let dir = tmp("several");
    let sarif = dir.join("out/results.sarif");
    let junit = dir.join("results.xml");
    let json = dir.join("results.json");
    std::fs::write(&junit, "stale content that must be replaced").unwrap();
    let out = bin()
        .args(["check", FIXTURE, "--format", "concise", "--quiet"])
        .arg(format!("--format=sarif={}", sarif.display()))
        .arg("--format")
        .arg(format!("junit={}", junit.display()))
        .arg("--format")
        .arg(format!("JSON={}", json.display()))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(out).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(
        stdout.contains("sso-policy.json:11:16: error SSO101"),
        "{stdout}"
    );

    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "fixtures/formats/report/sso-policy.json"
    );
    let junit = std::fs::read_to_string(&junit).unwrap();
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert_eq!(junit.matches("<testsuite ").count(), 2, "{junit}");
    assert_eq!(junit.matches("<failure ").count(), 2, "{junit}");
    assert!(
        junit.contains(
            r#"<testcase name="no findings" classname="fixtures/formats/report/windows.json"/>"#
        ),
        "{junit}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    assert!(leftovers(&dir).is_empty() && leftovers(&dir.join("out")).is_empty());
}

#[test]
fn only_files_means_nothing_on_stdout() {
    let dir = tmp("quiet");
    let out = bin()
        .args(["check", FIXTURE])
        .arg(format!("--format=github={}", dir.join("gh.txt").display()))
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let gh = std::fs::read_to_string(dir.join("gh.txt")).unwrap();
    assert!(
        gh.starts_with("::error file=fixtures/formats/report/sso-policy.json,line=11,"),
        "{gh}"
    );
}

#[test]
fn two_formats_on_stdout_is_a_usage_error() {
    let out = bin()
        .args(["check", FIXTURE, "--format", "json", "--format", "azure"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("2 formats write to standard output (json, azure)"),
        "{err}"
    );
    // `=-` is standard output too.
    bin()
        .args(["check", FIXTURE, "--format", "sarif=-", "--format", "human"])
        .assert()
        .code(2);
}

#[test]
fn same_file_twice_is_a_usage_error() {
    bin()
        .args([
            "check",
            FIXTURE,
            "--format",
            "sarif=x.out",
            "--format",
            "json=x.out",
        ])
        .assert()
        .code(2);
}

#[test]
fn unknown_format_lists_the_valid_ones() {
    let out = bin()
        .args(["check", FIXTURE, "--format", "xml=out.xml"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("valid formats: human, concise, json, sarif, github, azure, junit"),
        "{err}"
    );
}

#[test]
fn unwritable_destination_is_an_error() {
    let dir = tmp("unwritable");
    let file = dir.join("a-file");
    std::fs::write(&file, "").unwrap();
    // A path under a regular file cannot be created.
    bin()
        .args(["check", FIXTURE])
        .arg(format!("--format=sarif={}", file.join("x.sarif").display()))
        .assert()
        .code(2);
}
