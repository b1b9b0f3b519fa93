//! Hostile exports through the binary (issue 7): a minified Graph page with findings past
//! column 65,535, and file names, keys and display names that carry CI commands and
//! terminal escapes, in every text output the CLI writes (reports, `--diff`, "Not fixed").
#![cfg(unix)]

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("intune-lint-hostile-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

fn run(cwd: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("intune-lint")
        .unwrap()
        .env("NO_COLOR", "1")
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

fn sso_policy(name: &str, key: &str) -> serde_json::Value {
    serde_json::json!({
        "@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
        "displayName": name,
        "iosSingleSignOnExtension": {
            "@odata.type": "#microsoft.graph.iosAzureAdSingleSignOnExtension",
            "configurations": [{
                "@odata.type": "#microsoft.graph.keyStringValuePair",
                "key": key,
                "value": "{{DEVICEREGISTRATION}}",
                "note": name
            }]
        }
    })
}

#[test]
fn a_minified_page_reports_findings_past_column_65535_in_a_few_lines() {
    let d = dir("minified");
    let other = serde_json::json!({
        "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
        "displayName": "W".repeat(200),
    });
    let mut value = vec![other; 2000];
    value.push(sso_policy("SSO", "device_registration "));
    let page = serde_json::json!({"value": value}).to_string();
    assert!(page.len() > 400_000 && !page.contains('\n'));
    fs::write(d.join("page.json"), &page).unwrap();
    // And a syntax error far out on a line.
    fs::write(
        d.join("broken.json"),
        format!("[{}1,]", "0,".repeat(50_000)),
    )
    .unwrap();

    let (code, out) = run(&d, &["check", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("SSO101") && out.contains("EXP901"), "{out}");
    let at = page.find("\"device_registration \"").unwrap() + 1;
    assert!(out.contains(&format!("[page.json:1:{at}]")), "{out}");
    assert!(out.len() < 8_000, "{} bytes:\n{out}", out.len());
    fs::remove_dir_all(&d).unwrap();
}

/// A CI command or a raw escape anywhere in `out`, other than the commands `format`
/// writes itself.
fn assert_inert(format: &str, out: &str) {
    for c in out.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(
            (!c.is_control() || c == '\n') && !bidi,
            "{format}: raw {c:?}:\n{out}"
        );
    }
    for line in out.lines() {
        let lower = line.to_ascii_lowercase();
        let commands = lower.matches("##vso[").count() + lower.matches("##[").count();
        let own_azure = format == "azure" && line.starts_with("##vso[task.logissue type=");
        assert_eq!(commands, usize::from(own_azure), "{format}: {line:?}");
        if line.trim_start().starts_with("::") {
            let own = format == "github"
                && ["::error file=", "::warning file=", "::notice file="]
                    .iter()
                    .any(|p| line.starts_with(p));
            assert!(own, "{format}: {line:?}");
            let props = &line[2..line[2..].find("::").unwrap() + 2];
            assert!(!props.contains(':'), "{format}: {props:?}");
        }
    }
}

#[test]
fn names_keys_and_file_names_never_become_commands() {
    let d = dir("inject");
    let payload = "\n::error::pwned\r::add-mask::x \u{1b}]0;t\u{7}\u{1b}[2J \
        ##vso[task.complete result=Succeeded;] ##[error]e \u{202e}";
    let policy = sso_policy(&format!("SSO{payload}"), "device_registration ");
    fs::write(
        d.join("policy.json"),
        serde_json::to_string_pretty(&policy).unwrap(),
    )
    .unwrap();
    // A file whose name is a command: it fails to parse, and is read-only for `--fix`.
    let evil = "::error::evil\n##vso[task.complete result=Succeeded;]\u{1b}[31m.json";
    fs::write(
        d.join(evil),
        serde_json::to_string_pretty(&policy).unwrap() + "\n,",
    )
    .unwrap();
    let named = format!("::warning::{}.json", "\u{1b}]8;;x\u{7}");
    fs::write(
        d.join(&named),
        serde_json::to_string_pretty(&policy).unwrap(),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(d.join(&named), fs::Permissions::from_mode(0o444)).unwrap();

    for format in [
        "human", "concise", "github", "azure", "junit", "json", "sarif", "markdown", "html",
    ] {
        let (code, out) = run(&d, &["check", "--format", format, "."]);
        assert_eq!(code, 1, "{out}");
        assert_inert(format, &out);
    }
    let (_, out) = run(&d, &["check", "--diff", "."]);
    // The changed key's neighbours carry the payload into the diff.
    assert!(out.contains("\"note\": \"SSO\\n::error::pwned"), "{out}");
    assert_inert("diff", &out);
    let (_, out) = run(&d, &["check", "--fix", "--format", "concise", "."]);
    assert!(
        out.contains("Not fixed: \\::warning::\\u001b]8;;x\\u0007.json"),
        "{out}"
    );
    assert_inert("fix", &out);
    fs::remove_dir_all(&d).unwrap();
}
