//! The conventions users of ruff, eslint and shellcheck reach for, tried as they would:
//! `--quiet`, `--statistics`, `--exit-zero`, `--color` and its environment variables,
//! `--show-files`, default excludes, paths relative to the file that holds them, "did you
//! mean", completions and the manual page.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

const BAD_POLICY: &str = r##"{
  "@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
  "id": "11111111-2222-3333-4444-555555555555",
  "displayName": "SSO",
  "iosSingleSignOnExtension": {
    "@odata.type": "#microsoft.graph.iosAzureAdSingleSignOnExtension",
    "bundleIdAccessControlList": [],
    "configurations": [
      {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "device_registration ", "value": "{{DEVICEREGISTRATION}}"},
      {"@odata.type": "#microsoft.graph.keyIntegerValuePair", "key": "browser_sso_interaction_enabled", "value": 1}
    ]
  }
}
"##;

/// The binary with no color variables from the caller's environment.
fn bin() -> Command {
    let mut c = Command::cargo_bin("intune-lint").unwrap();
    for v in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"] {
        c.env_remove(v);
    }
    c
}

fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("conventions-{name}"));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    // The folder is its own export (no context read from the folders above).
    fs::write(d.join("intune-lint.toml"), "").unwrap();
    d
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// `(exit status, stdout, stderr)`.
fn run(cwd: &Path, args: &[&str], envs: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = bin();
    c.current_dir(cwd).args(args);
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn statistics_exit_zero_and_quiet() {
    let d = dir("stats");
    write(&d.join("DeviceConfiguration/sso.json"), BAD_POLICY);
    let (code, out, _) = run(&d, &["check", "--statistics", "."], &[]);
    assert_eq!(code, 1);
    assert!(
        out.lines()
            .any(|l| l.trim_start() == "1  SSO101  [*]  sso-jit-key-whitespace"),
        "{out}"
    );
    assert!(out.contains("[*] fixable with `--fix`"), "{out}");
    let (code, _, _) = run(&d, &["check", "--exit-zero", "."], &[]);
    assert_eq!(code, 0);
    let (code, out, _) = run(&d, &["check", "--quiet", "--format", "concise", "."], &[]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("SSO101"), "{out}");
}

#[test]
fn color_flag_and_environment() {
    let d = dir("color");
    write(&d.join("sso.json"), BAD_POLICY);
    let esc = |envs: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["check"];
        args.extend_from_slice(extra);
        args.push("sso.json");
        run(&d, &args, envs).1.contains('\u{1b}')
    };
    // Standard output is a pipe here: `auto` means no color...
    assert!(!esc(&[], &[]));
    // ...unless forced by the environment, which NO_COLOR beats.
    assert!(esc(&[("FORCE_COLOR", "1")], &[]));
    assert!(esc(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(!esc(&[("FORCE_COLOR", "0")], &[]));
    assert!(!esc(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")], &[]));
    // The flag beats the environment.
    assert!(esc(&[("NO_COLOR", "1")], &["--color", "always"]));
    assert!(!esc(&[("FORCE_COLOR", "1")], &["--color", "never"]));
}

#[test]
fn default_excludes_and_show_files() {
    let d = dir("excludes");
    write(&d.join("DeviceConfiguration/sso.json"), BAD_POLICY);
    write(
        &d.join(".vscode/settings.json"),
        "{\n  // comment\n  \"a\": 1,\n}\n",
    );
    write(&d.join("azure-pipelines.yml"), "a: 1\n---\nb: 2\n");
    write(&d.join("package.json"), "{\"name\": \"x\"\n");
    write(&d.join("scripts/tool.json"), "{ not json");
    let (_, out, _) = run(&d, &["check", "--format", "concise", "--quiet", "."], &[]);
    let paths: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(
        paths,
        ["DeviceConfiguration/sso.json", "scripts/tool.json"],
        "{out}"
    );
    // EXP901 says how to exclude a file that is not an export.
    let (_, out, _) = run(&d, &["check", "--format", "json", "scripts"], &[]);
    assert!(out.contains("extend-exclude"), "{out}");

    let (code, out, _) = run(&d, &["check", "--show-files", "."], &[]);
    assert_eq!(code, 0);
    assert!(
        out.contains("lint     DeviceConfiguration/sso.json"),
        "{out}"
    );
    assert!(
        out.contains("skipped  .vscode/settings.json  (excluded by `.vscode`)"),
        "{out}"
    );
    assert!(
        out.contains("skipped  package.json  (excluded by `package.json`)"),
        "{out}"
    );

    // `extend-exclude` adds to the defaults; `exclude = []` turns them off.
    write(
        &d.join("intune-lint.toml"),
        "extend-exclude = [\"scripts\"]\n",
    );
    let (_, out, _) = run(&d, &["check", "--format", "concise", "--quiet", "."], &[]);
    assert_eq!(out.lines().count(), 1, "{out}");
    write(&d.join("intune-lint.toml"), "exclude = []\n");
    let (_, out, _) = run(&d, &["check", "--format", "concise", "--quiet", "."], &[]);
    for f in [
        ".vscode/settings.json",
        "azure-pipelines.yml",
        "package.json",
    ] {
        assert!(out.contains(f), "{f}: {out}");
    }
}

#[test]
fn the_default_excludes_are_documented() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md"))
            .unwrap();
    let section = doc.split("## Default excludes").nth(1).unwrap();
    let block = section.split("```").nth(1).unwrap();
    let listed: Vec<&str> = block.split_whitespace().skip(1).collect();
    assert_eq!(listed, intune_lint_core::config::DEFAULT_EXCLUDE);
}

#[test]
fn empty_runs_say_so() {
    let d = dir("empty");
    let (code, _, err) = run(&d, &["check", "."], &[]);
    assert_eq!(code, 0);
    assert!(err.contains("warning: no file to lint"), "{err}");
    write(&d.join("notes.json"), "{\"just\": \"data\"}");
    let (_, _, err) = run(&d, &["check", "."], &[]);
    assert!(
        err.contains("no object of a kind intune-lint checks"),
        "{err}"
    );
    let (_, _, err) = run(&d, &["check", "--quiet", "."], &[]);
    assert!(err.is_empty(), "{err}");
}

/// A baseline written at the root accepts the same findings from a subfolder, and
/// `per-file-ignores` globs match however the path is spelled.
#[test]
fn paths_are_relative_to_the_file_that_holds_them() {
    let d = dir("relative");
    write(&d.join("DeviceConfiguration/sso.json"), BAD_POLICY);
    write(
        &d.join("Profiles/sso.json"),
        &BAD_POLICY.replace("1111", "2222"),
    );
    let (code, _, err) = run(
        &d,
        &["check", "--write-baseline", "baseline.json", "."],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let sub = d.join("DeviceConfiguration");
    for args in [
        &["check", "--baseline", "../baseline.json"][..],
        &["check", "--baseline", "../baseline.json", "sso.json"],
        &[
            "check",
            "--baseline",
            "../baseline.json",
            "../Profiles/sso.json",
        ],
        &[
            "check",
            "--baseline",
            "../baseline.json",
            "./../DeviceConfiguration/sso.json",
        ],
    ] {
        let (code, out, err) = run(&sub, args, &[]);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
    }
    // A partial run counts no other file's entry as fixed.
    let (_, out, _) = run(
        &sub,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "../baseline.json",
            "sso.json",
        ],
        &[],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["baseline"]["fixed"], 0, "{out}");
    assert!(
        v["summary"]["baseline"]["suppressed"].as_u64().unwrap() >= 1,
        "{out}"
    );
    let abs = d.join("baseline.json");
    let (code, _, _) = run(
        &sub,
        &["check", "--baseline", abs.to_str().unwrap(), ".."],
        &[],
    );
    assert_eq!(code, 0);

    write(
        &d.join("intune-lint.toml"),
        "[per-file-ignores]\n\"Profiles/*.json\" = [\"SSO\"]\n",
    );
    for (cwd, arg) in [
        (&sub, "../Profiles/sso.json"),
        (&sub, "./../Profiles/../Profiles/sso.json"),
        (&d, "Profiles/sso.json"),
    ] {
        let (code, out, _) = run(cwd, &["check", "--format", "concise", "--quiet", arg], &[]);
        assert_eq!((code, out.as_str()), (0, ""), "{arg}");
    }
}

#[test]
fn diff_reads_standard_input() {
    let assert = bin()
        .current_dir(env!("CARGO_TARGET_TMPDIR"))
        .args(["check", "--diff", "--stdin-filename", "sso.json", "-"])
        .write_stdin(BAD_POLICY)
        .assert()
        .code(1);
    let o = assert.get_output();
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(out.contains("+      {\"@odata.type\": \"#microsoft.graph.keyStringValuePair\", \"key\": \"device_registration\","), "{out}");
    assert!(err.contains("Would fix 1 finding"), "{err}");
}

#[test]
fn did_you_mean_everywhere_a_name_is_typed() {
    let d = dir("typos");
    let (code, _, err) = run(&d, &["explain", "sso-jit-key-whitspace"], &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean `sso-jit-key-whitespace`?"),
        "{err}"
    );
    write(&d.join("sso.json"), BAD_POLICY);
    write(&d.join("intune-lint.toml"), "ignore = [\"SSO1O7\"]\n");
    let (code, _, err) = run(&d, &["check", "."], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `SSO107`?"), "{err}");
    let (_, _, err) = run(&d, &["check", "--isolated", "--select", "SSO1O7", "."], &[]);
    assert!(err.contains("did you mean `SSO107`?"), "{err}");
}

#[test]
fn rules_completions_and_manual() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, out, _) = run(here, &["rules"], &[]);
    let line = out.lines().find(|l| l.starts_with("SSO101")).unwrap();
    assert!(line.contains("[*]"), "{line}");
    let (_, out, _) = run(here, &["rules", "--format", "json"], &[]);
    assert!(out.contains("\"fix\": \"safe\""), "{out}");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, _) = run(here, &["completions", shell], &[]);
        assert_eq!(code, 0);
        assert!(out.contains("show-files"), "{shell}");
    }
    let (code, out, _) = run(here, &["man"], &[]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH intune-lint 1"), "{out}");
    assert!(out.contains(".TH intune-lint-check 1"), "{out}");
    assert!(out.contains("statistics"), "{out}");
}
