//! The audit outputs end to end: the JIT readiness scorecard of the demo tenant in JSON,
//! human, HTML and Markdown from one run, and no scorecard when single files are linted.

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::cargo_bin("intune-lint").unwrap();
    c.env("NO_COLOR", "1");
    for k in [
        "GITHUB_SERVER_URL",
        "GITHUB_REPOSITORY",
        "GITHUB_SHA",
        "BUILD_REPOSITORY_URI",
    ] {
        c.env_remove(k);
    }
    c
}

#[test]
fn demo_tenant_scorecard_in_every_audit_format() {
    let dir = std::env::temp_dir().join(format!("intune-lint-audit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (html, md) = (dir.join("report.html"), dir.join("summary.md"));
    let out = bin()
        .args(["check", "fixtures/demo-tenant", "--format", "json"])
        .arg(format!("--format=html={}", html.display()))
        .arg(format!("--format=markdown={}", md.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let card = &json["summary"]["jit_readiness"];
    let verdicts: Vec<(&str, &str)> = card["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["step"].as_str().unwrap(), s["verdict"].as_str().unwrap()))
        .collect();
    // The demo tenant's planted problems (fixtures/demo-tenant/README.md): a trailing
    // space in device_registration, Authenticator not required, account-driven user
    // enrollment assigned to a device group; the hand-made .mobileconfig has no Intune
    // assignments to read.
    assert_eq!(
        verdicts,
        [
            ("sso_extension", "problem"),
            ("sso_assigned", "could_not_check"),
            ("authenticator", "problem"),
            ("enrollment", "problem"),
            ("discovery_file", "ok"),
            ("compliance", "ok"),
        ]
    );
    assert_eq!(card["verdict"], "problem");
    assert_eq!(card["policies"].as_array().unwrap().len(), 3);
    let blocking: Vec<&str> = card["steps"][2]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(blocking, ["APP202"]);

    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.contains("<section id=\"readiness\">"));
    assert_eq!(
        html.matches("<article class=\"finding\"").count(),
        json["findings"].as_array().unwrap().len()
    );
    let md = std::fs::read_to_string(&md).unwrap();
    assert!(md.contains("### JIT readiness: problem"), "{md}");
    assert!(
        md.contains("| Microsoft Authenticator deployed as a required app | ❌ problem |"),
        "{md}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn human_report_of_a_folder_ends_with_the_scorecard() {
    let out = bin()
        .args(["check", "fixtures/demo-tenant"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let at =
        text.find("\nJIT readiness (Microsoft's just-in-time registration checklist): problem\n");
    assert!(at.is_some(), "{text}");
    assert!(
        text.trim_end()
            .ends_with("policy \"iOS - SC - Enterprise SSO plug-in - Pilot\": problem"),
        "{text}"
    );
}

#[test]
fn single_files_get_no_scorecard() {
    let out = bin()
        .args([
            "check",
            "fixtures/demo-tenant/DeviceConfiguration/iOS - Entra SSO extension - JIT registration.json",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["jit_readiness"], Value::Null);
}

#[test]
fn asg405_names_ten_unassigned_compliance_policies_then_counts_the_rest() {
    let out = bin()
        .args([
            "check",
            "--select",
            "ASG405",
            "--format",
            "json",
            "fixtures/rules/ASG405/fail_many_ios_compliance_unassigned",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    let related: Vec<&str> = findings[0]["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert_eq!(related.len(), 11, "{related:#?}");
    assert!(
        related[9].contains("\"iOS - Compliance 10\""),
        "{related:#?}"
    );
    assert_eq!(
        related[10],
        "and 2 more iOS compliance policies without an included target"
    );
}
