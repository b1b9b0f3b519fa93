//! Writing to the user's files (issue 7): `--fix` edits only files that still hold what
//! was linted, by their real path, through links, keeping links, owner, mode and
//! attributes, refusing read-only files; `--write-baseline` and `--format NAME=PATH`
//! keep links and special files; baseline counts cannot overflow.
#![cfg(unix)]

use assert_cmd::Command;
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};

/// Several safe fixes per file, which move the text after them.
const POLICY: &str = r##"{
  "@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
  "displayName": "SSO NAME",
  "iosSingleSignOnExtension": {
    "@odata.type": "#microsoft.graph.iosAzureAdSingleSignOnExtension",
    "configurations": [
      {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "device_registration ", "value": "{{deviceregistration}}"},
      {"@odata.type": "#microsoft.graph.keyIntegerValuePair", "key": " browser_sso_interaction_enabled", "value": 1}
    ]
  }
}
"##;

fn policy(name: &str) -> String {
    POLICY.replace("NAME", name)
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("intune-lint-fixw-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `check` in `cwd`: exit status, stdout, stderr.
fn check(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("intune-lint")
        .unwrap()
        .env("NO_COLOR", "1")
        .current_dir(cwd)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What `--fix` makes of `text`, fixed alone in a folder of its own.
fn fixed(text: &str) -> String {
    let d = dir(&format!(
        "ref-{:x}",
        text.len() * 31 + text.bytes().map(usize::from).sum::<usize>()
    ));
    fs::write(d.join("p.json"), text).unwrap();
    check(&d, &["--fix", "p.json"]);
    let out = fs::read_to_string(d.join("p.json")).unwrap();
    assert_ne!(out, text, "the reference policy has fixes");
    fs::remove_dir_all(&d).unwrap();
    out
}

#[test]
fn fix_edits_a_links_target_and_keeps_hard_links_owner_mode_and_xattrs() {
    let d = dir("links");
    fs::create_dir_all(d.join("tree")).unwrap();
    fs::create_dir_all(d.join("real")).unwrap();
    fs::create_dir_all(d.join("outside")).unwrap();
    let target = d.join("real/policy.json");
    fs::write(&target, policy("linked")).unwrap();
    symlink("../real/policy.json", d.join("tree/link.json")).unwrap();
    let hard = d.join("tree/hard.json");
    fs::write(&hard, policy("hard")).unwrap();
    fs::hard_link(&hard, d.join("outside/twin.json")).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let xattrs = xattr::set(&target, "user.intune-lint", b"kept").is_ok();
    // As root, give the file away: the fixed file must keep that owner.
    let chowned = std::os::unix::fs::chown(&target, Some(4321), Some(4321)).is_ok();

    // Tenant rules may still report on the pair of policies: 0 or 1, never an error.
    let (code, _, err) = check(&d, &["--fix", "tree"]);
    assert!(matches!(code, 0 | 1), "{err}");
    assert!(
        fs::symlink_metadata(d.join("tree/link.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        fixed(&policy("linked"))
    );
    let twin = d.join("outside/twin.json");
    assert_eq!(fs::read_to_string(&twin).unwrap(), fixed(&policy("hard")));
    assert_eq!(fs::metadata(&twin).unwrap().nlink(), 2);
    let meta = fs::metadata(&target).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o640);
    if chowned {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
    }
    if xattrs {
        assert_eq!(
            xattr::get(&target, "user.intune-lint").unwrap().unwrap(),
            b"kept"
        );
    }
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_read_only_file_is_refused_and_costs_only_itself() {
    let d = dir("readonly");
    fs::write(d.join("a.json"), policy("a")).unwrap();
    fs::write(d.join("b.json"), policy("b")).unwrap();
    fs::set_permissions(d.join("a.json"), fs::Permissions::from_mode(0o444)).unwrap();

    let (code, out, err) = check(&d, &["--fix", "--format", "concise", "."]);
    // The run goes on: b is fixed, a is named and its findings are still reported.
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Not fixed: a.json: read-only"), "{err}");
    assert_eq!(fs::read_to_string(d.join("a.json")).unwrap(), policy("a"));
    assert_eq!(
        fs::read_to_string(d.join("b.json")).unwrap(),
        fixed(&policy("b"))
    );
    let fixable = ["SSO101", "SSO102"];
    let left: Vec<&str> = out
        .lines()
        .filter(|l| fixable.iter().any(|c| l.contains(c)))
        .collect();
    assert!(
        !left.is_empty() && left.iter().all(|l| l.starts_with("a.json:")),
        "{out}"
    );
    // The report itself says why, with the finding.
    let (_, json, _) = check(&d, &["--fix", "--format", "json", "a.json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let noted = json["findings"].as_array().unwrap().iter().any(|f| {
        f["related"].as_array().unwrap().iter().any(|r| {
            r["message"]
                .as_str()
                .unwrap()
                .contains("did not write this file: read-only")
        })
    });
    assert!(noted, "{json}");
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn files_shown_under_one_path_keep_their_own_fixes() {
    let d = dir("display");
    fs::create_dir_all(d.join("a")).unwrap();
    // `a\b.json` beside `a/b.json`: both are shown as `a/b.json`.
    fs::write(d.join("a\\b.json"), policy("backslash file")).unwrap();
    fs::write(d.join("a/b.json"), policy("nested")).unwrap();

    let (_, _, err) = check(&d, &["--fix", "."]);
    assert!(err.contains("in 2 files"), "{err}");
    assert_eq!(
        fs::read_to_string(d.join("a\\b.json")).unwrap(),
        fixed(&policy("backslash file"))
    );
    assert_eq!(
        fs::read_to_string(d.join("a/b.json")).unwrap(),
        fixed(&policy("nested"))
    );
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn concurrent_fix_runs_never_corrupt_a_file() {
    let d = dir("concurrent");
    let names: Vec<String> = (0..40)
        .map(|i| format!("policy {i:02} {}", "x".repeat(i)))
        .collect();
    for (i, name) in names.iter().enumerate() {
        fs::write(d.join(format!("p{i:02}.json")), policy(name)).unwrap();
    }
    let bin = assert_cmd::cargo::cargo_bin("intune-lint");
    let runs: Vec<_> = (0..3)
        .map(|_| {
            std::process::Command::new(&bin)
                .args(["check", "--fix", "--format", "concise", "."])
                .current_dir(&d)
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for r in runs {
        let out = r.wait_with_output().unwrap();
        assert_ne!(
            out.status.code(),
            Some(101),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for (i, name) in names.iter().enumerate() {
        let text = fs::read_to_string(d.join(format!("p{i:02}.json"))).unwrap();
        assert_eq!(text, fixed(&policy(name)), "p{i:02}.json");
    }
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn baselines_and_reports_keep_links_and_special_files() {
    let d = dir("outputs");
    fs::write(d.join("p.json"), policy("p")).unwrap();

    // A dangling link: its target is written, the link stays.
    symlink("real-baseline.json", d.join("baseline.json")).unwrap();
    let (code, _, err) = check(&d, &["--write-baseline", "baseline.json", "p.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        fs::symlink_metadata(d.join("baseline.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(d.join("real-baseline.json"))
            .unwrap()
            .contains("SSO101")
    );

    // A link to a device: the device is written (never replaced), the link kept.
    symlink("/dev/null", d.join("null.json")).unwrap();
    let (code, _, err) = check(&d, &["--write-baseline", "null.json", "p.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        fs::symlink_metadata(d.join("null.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    // A FIFO gets the report and stays a FIFO.
    let fifo = d.join("report.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        let (code, _, err) = check(&d, &["--format", "json=report.fifo", "p.json"]);
        assert_eq!(code, 1, "{err}");
        // Checked before joining: a replaced FIFO would leave the reader waiting.
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        let json: serde_json::Value = serde_json::from_str(&reader.join().unwrap()).unwrap();
        assert_eq!(json["findings"][0]["code"], "SSO101");
    }
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn an_absurd_baseline_count_is_refused_not_overflowed() {
    let d = dir("count");
    fs::write(d.join("p.json"), policy("p")).unwrap();
    let entry =
        r#"{"path": "gone.json", "pointer": "", "rule": "SSO101", "count": 18446744073709551615}"#;
    fs::write(
        d.join("b.json"),
        format!(r#"{{"version": 1, "tool": "intune-lint", "entries": [{entry}, {entry}]}}"#),
    )
    .unwrap();
    let (code, _, err) = check(&d, &["--baseline", "b.json", "p.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("b.json") && err.contains("count 18446744073709551615"),
        "{err}"
    );
    fs::remove_dir_all(&d).unwrap();
}
