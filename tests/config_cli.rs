//! End-to-end tests of configuration, rule selection, baselines and fixes, through the
//! binary: exit statuses, messages and the files left on disk.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

const POLICY: &str = r##"{
  "@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
  "id": "11111111-2222-3333-4444-555555555555",
  "displayName": "SSO",
  "iosSingleSignOnExtension": {
    "@odata.type": "#microsoft.graph.iosAzureAdSingleSignOnExtension",
    "bundleIdAccessControlList": ["com.microsoft.azureauthenticator", "com.contoso.app", "com.microsoft.teams"],
    "configurations": [
      {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "device_registration ", "value": "{{deviceregistration}}"},
      {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "browser_sso_interaction_enabled", "value": "1"},
      {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "AppAllowList", "value": "com.contoso.a, com.microsoft.skype, com.contoso.b"}
    ]
  }
}
"##;

const CLEAN: &str = r##"{
  "@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
  "id": "99999999-2222-3333-4444-555555555555",
  "displayName": "SSO",
  "iosSingleSignOnExtension": {
    "@odata.type": "#microsoft.graph.iosAzureAdSingleSignOnExtension",
    "bundleIdAccessControlList": ["com.contoso.app"],
    "configurations": [
      {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "device_registration", "value": "{{DEVICEREGISTRATION}}"},
      {"@odata.type": "#microsoft.graph.keyIntegerValuePair", "key": "browser_sso_interaction_enabled", "value": 1}
    ]
  }
}
"##;

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("config_cli-{name}"));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn check(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_intune-lint"))
        .current_dir(cwd)
        .arg("check")
        .args(["--format", "concise"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn codes(stdout: &str) -> Vec<String> {
    let mut v: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect();
    v.sort();
    v
}

#[test]
fn nearest_configuration_wins_and_flags_override_it() {
    let d = dir("discovery");
    write(&d.join("a/p.json"), POLICY);
    write(&d.join("b/sub/p.json"), POLICY);
    write(&d.join("intune-lint.toml"), "ignore = [\"SSO107\"]\n");
    // The nearest file wins, without merging the one above it.
    write(
        &d.join("b/.intune-lint.toml"),
        "select = [\"sso-authenticator-bundle-id\"]\n",
    );
    let (code, out, err) = check(&d, &["."]);
    assert_eq!(code, 1, "{err}");
    let a: Vec<&str> = out.lines().filter(|l| l.starts_with("a/")).collect();
    let b: Vec<&str> = out.lines().filter(|l| l.starts_with("b/")).collect();
    assert!(!a.iter().any(|l| l.contains("SSO107")), "{out}");
    assert!(a.iter().any(|l| l.contains("SSO101")), "{out}");
    assert_eq!(b.len(), 1, "{out}");
    assert!(b[0].contains("SSO108"), "{out}");

    // Command-line flags apply on top of every file.
    let (_, out, _) = check(&d, &["--extend-select", "SSO107", "--ignore", "SSO1", "."]);
    assert_eq!(codes(&out), vec!["SSO107", "SSO107", "SSO107", "SSO107"]);
    let (code, out, _) = check(&d, &["--select", "SSO108,SSO102", "--isolated", "a"]);
    assert_eq!(code, 1);
    assert_eq!(codes(&out), vec!["SSO102", "SSO108"]);

    // `--config` replaces discovery for every file.
    write(
        &d.join("other.toml"),
        "select = [\"SSO106\"]\nfail-on = \"error\"\n",
    );
    let (code, out, _) = check(&d, &["--config", "other.toml", "."]);
    assert_eq!(codes(&out), vec!["SSO106", "SSO106"]);
    assert_eq!(code, 0, "SSO106 is a warning, below fail-on = error");
}

#[test]
fn bad_configuration_is_exit_2_with_file_line_and_suggestion() {
    let d = dir("bad");
    write(&d.join("p.json"), CLEAN);
    write(
        &d.join("intune-lint.toml"),
        "select = [\"SSO\"]\nignor = [\"SSO107\"]\n",
    );
    let (code, _, err) = check(&d, &["p.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("intune-lint.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `ignore`?"), "{err}");

    write(
        &d.join("intune-lint.toml"),
        "[severity]\nsso-jit-key-whitespace = \"warn\"\n",
    );
    let (code, _, err) = check(&d, &["p.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("intune-lint.toml:2:"), "{err}");
    assert!(err.contains("did you mean `warning`?"), "{err}");

    write(&d.join("intune-lint.toml"), "ignore = [\"SSO10x\"]\n");
    let (code, _, err) = check(&d, &["p.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("intune-lint.toml:1:11: unknown rule"), "{err}");

    write(&d.join("intune-lint.toml"), "extend = \"missing.toml\"\n");
    let (code, _, err) = check(&d, &["p.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.toml"), "{err}");

    let (code, _, err) = check(&d, &["--isolated", "--select", "SSO1O1", "p.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("--select") && err.contains("SSO101"), "{err}");
}

#[test]
fn extend_per_file_ignores_overrides_exclude_and_waivers() {
    let d = dir("filters");
    write(&d.join("legacy/p.json"), POLICY);
    write(&d.join("current/p.json"), POLICY);
    write(&d.join("archive/p.json"), POLICY);
    write(
        &d.join("waived/p.json"),
        &POLICY.replace("11111111", "22222222"),
    );
    write(
        &d.join("base.toml"),
        "exclude = [\"archive\"]\n[per-file-ignores]\n\"legacy/*.json\" = [\"SSO\"]\n",
    );
    write(
        &d.join("intune-lint.toml"),
        r#"extend = "base.toml"

[[overrides]]
files = "current/*.json"
pointer = "/iosSingleSignOnExtension/bundleIdAccessControlList"
ignore = ["SSO107", "SSO108"]

[waivers."22222222-2222-3333-4444-555555555555"]
reason = "pilot"
expires = 2999-01-01
"#,
    );
    let (_, out, _) = check(&d, &["."]);
    assert!(!out.contains("legacy/"), "{out}");
    assert!(!out.contains("archive/"), "{out}");
    assert!(!out.contains("waived/"), "{out}");
    let current = codes(&out);
    // The AppAllowList item is outside the pointer: still reported.
    assert_eq!(
        current,
        vec!["SSO101", "SSO102", "SSO106", "SSO107"],
        "{out}"
    );
    // Files named explicitly are linted unless --force-exclude.
    let (_, out, _) = check(&d, &["archive/p.json"]);
    assert!(out.contains("archive/"), "{out}");
    let (code, out, _) = check(&d, &["--force-exclude", "archive/p.json"]);
    assert_eq!((code, out.as_str()), (0, ""));

    // An expired waiver stops applying and is itself reported.
    let text = fs::read_to_string(d.join("intune-lint.toml")).unwrap();
    write(
        &d.join("intune-lint.toml"),
        &text.replace("2999-01-01", "2001-01-01"),
    );
    let (_, out, _) = check(&d, &["waived", "--select", "SSO108,EXP907"]);
    assert!(
        out.contains("intune-lint.toml:8:10: warning EXP907"),
        "{out}"
    );
    assert!(out.contains("waived/p.json"), "{out}");
}

#[test]
fn baseline_round_trip() {
    let d = dir("baseline");
    write(&d.join("p.json"), POLICY);
    let (code, _, err) = check(&d, &["--write-baseline", "bl/baseline.json", "."]);
    assert_eq!(code, 0, "{err}");
    let text = fs::read_to_string(d.join("bl/baseline.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    assert!(!text.contains("\"line\""));
    let sso107 = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["rule"] == "SSO107")
        .unwrap();
    assert_eq!(sso107["path"], "../p.json");
    assert_eq!(sso107["object"], "11111111-2222-3333-4444-555555555555");
    assert_eq!(sso107["count"], 2);

    let (code, out, _) = check(&d, &["--baseline", "bl/baseline.json", "."]);
    assert_eq!((code, out.as_str()), (0, ""));

    // Fix one Teams entry, add a new problem elsewhere: only the new one is reported,
    // and the fixed one is counted.
    write(
        &d.join("p.json"),
        &POLICY
            .replace(", \"com.microsoft.teams\"", "")
            .replace("\"displayName\": \"SSO\",", "\"displayName\": \"SSO\",\n  \"description\": \"moved\",")
            .replace("\"{{deviceregistration}}\"", "\"{{deviceregistration}}\"}, {\"@odata.type\": \"#microsoft.graph.keyStringValuePair\", \"key\": \"device_registration \", \"value\": \"{{DEVICEREGISTRATION}}\""),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_intune-lint"))
        .current_dir(&d)
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "bl/baseline.json",
            ".",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["baseline"]["fixed"], 1, "{json}");
    // The new entry is both whitespace (SSO101) and a second `device_registration`
    // (SSO113); nothing from the baseline comes back.
    let findings = json["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["SSO101", "SSO113"], "{json}");
    assert!(
        findings
            .iter()
            .all(|f| f["pointer"] == "/iosSingleSignOnExtension/configurations/1/key"),
        "{json}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_intune-lint"))
        .current_dir(&d)
        .args(["check", "--baseline", "bl/baseline.json", "--no-color", "."])
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.contains("1 fixed since the baseline"), "{human}");
}

#[test]
fn fix_is_idempotent_and_keeps_encoding_line_endings_and_permissions() {
    let d = dir("fix");
    let crlf = POLICY.replace('\n', "\r\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(crlf.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(d.join("utf16.json"), &utf16).unwrap();
    write(&d.join("utf8.json"), POLICY);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(d.join("utf16.json"), fs::Permissions::from_mode(0o640)).unwrap();
    }

    // --diff shows, never writes.
    let (code, out, _) = check(&d, &["--diff", "utf8.json"]);
    assert_eq!(code, 1);
    assert!(out.contains("+      {\"@odata.type\": \"#microsoft.graph.keyStringValuePair\", \"key\": \"device_registration\", \"value\": \"{{DEVICEREGISTRATION}}\"},"), "{out}");
    assert_eq!(fs::read_to_string(d.join("utf8.json")).unwrap(), POLICY);

    // Safe fixes only: whitespace and casing.
    let (_, out, err) = check(&d, &["--fix", "."]);
    assert!(err.contains("Fixed 4 findings in 2 files"), "{err}");
    assert_eq!(
        codes(&out),
        vec![
            "SSO106", "SSO106", "SSO107", "SSO107", "SSO107", "SSO107", "SSO108", "SSO108"
        ]
    );

    // Unsafe ones on request.
    let (code, out, err) = check(&d, &["--fix", "--unsafe-fixes", "."]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let fixed = fs::read_to_string(d.join("utf8.json")).unwrap();
    assert!(fixed.contains("\"bundleIdAccessControlList\": [\"com.contoso.app\"],"));
    assert!(fixed.contains("\"value\": \"com.contoso.a, com.contoso.b\""));
    assert!(fixed.contains(
        "keyIntegerValuePair\", \"key\": \"browser_sso_interaction_enabled\", \"value\": 1}"
    ));

    let bytes = fs::read(d.join("utf16.json")).unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let text = String::from_utf16(&units).unwrap();
    assert_eq!(text, fixed.replace('\n', "\r\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(d.join("utf16.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    // A second run changes nothing.
    let (code, _, err) = check(&d, &["--fix", "--unsafe-fixes", "."]);
    assert_eq!(code, 0);
    assert!(err.contains("No fixes applied"), "{err}");
    assert_eq!(fs::read(d.join("utf16.json")).unwrap(), bytes);
    assert_eq!(fs::read_to_string(d.join("utf8.json")).unwrap(), fixed);
    assert_eq!(
        fs::read_dir(&d).unwrap().count(),
        2,
        "no temporary files left"
    );
}

#[test]
fn init_writes_a_valid_starter_and_never_overwrites() {
    let d = dir("init");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_intune-lint"))
            .current_dir(&d)
            .arg("init")
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    let text = fs::read_to_string(d.join("intune-lint.toml")).unwrap();
    assert!(text.contains("fail-on"));
    fs::write(d.join("intune-lint.toml"), "# mine\n").unwrap();
    let again = run();
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(d.join("intune-lint.toml")).unwrap(),
        "# mine\n"
    );
    // The starter itself parses and lints.
    fs::write(d.join("intune-lint.toml"), text).unwrap();
    write(&d.join("p.json"), CLEAN);
    let (code, _, err) = check(&d, &["p.json"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_schema_lists_exactly_the_keys_the_parser_accepts() {
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/intune-lint.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut in_schema: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    in_schema.sort();
    let mut keys = intune_lint_core::config::KEYS.to_vec();
    keys.sort();
    assert_eq!(in_schema, keys);
}

#[test]
fn globs_are_relative_to_the_file_that_defines_them() {
    let d = dir("extend-globs");
    write(&d.join("unit/legacy/p.json"), POLICY);
    write(&d.join("unit/current/p.json"), POLICY);
    write(&d.join("base.toml"), "exclude = [\"unit/legacy/**\"]\n");
    write(
        &d.join("unit/intune-lint.toml"),
        "extend = \"../base.toml\"\nselect = [\"SSO108\"]\n",
    );
    let (_, out, _) = check(&d.join("unit"), &["."]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("current/p.json"), "{out}");
}

#[test]
fn organization_bundle_id_lists_and_cloud_reach_the_rules() {
    let d = dir("org-lists");
    write(
        &d.join("p.json"),
        &CLEAN.replace(
            r#"["com.contoso.app"]"#,
            r#"["com.contoso.app", "com.contoso.msbuilt", "com.microsoft.skype.teams"]"#,
        ),
    );
    write(
        &d.join(".well-known/com.apple.remotemanagement"),
        r#"{"Servers":[{"Version":"mdm-byod","BaseURL":"https://manage.microsoft.com/EnrollmentServer/PostReportDeviceInfoForUEV2?aadTenantId=6f2c1d84-3b5e-4a97-9c10-2e8d5f4b7a31"}]}"#,
    );
    // Defaults: only the `com.microsoft.` app is a Microsoft app; any documented cloud.
    let (_, out, _) = check(&d, &["."]);
    assert_eq!(codes(&out), ["SSO107"], "{out}");
    assert!(out.contains("com.microsoft.skype.teams"), "{out}");

    write(
        &d.join("intune-lint.toml"),
        "microsoft-bundle-ids = [\"com.contoso.msbuilt\"]\nallowed-bundle-ids = [\"com.microsoft.skype.teams\"]\ncloud = \"usgov\"\n",
    );
    let (_, out, _) = check(&d, &["."]);
    assert_eq!(codes(&out), ["ENR312", "SSO107"], "{out}");
    assert!(out.contains("com.contoso.msbuilt"), "{out}");
    assert!(out.contains("manage.microsoft.us"), "{out}");
    // The command line wins over the file.
    let (_, out, _) = check(&d, &["--cloud", "public", "."]);
    assert_eq!(codes(&out), ["SSO107"], "{out}");
}
