//! Whole tenants, one per export layout, against the exact findings planted in them.
//!
//! `fixtures/tenants/generate.py` writes the tenants; each planted problem is listed here
//! as (code, file). `clean/` must produce no finding at all.

mod common;

use intune_lint_core::engine::Run;
use intune_lint_report::Reporter;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn tenant(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/tenants")
        .join(name)
}

fn lint(name: &str) -> Run {
    common::lint_with_defaults(&tenant(name))
}

/// `(code, path inside the tenant)` of every finding.
fn found(name: &str, run: &Run) -> BTreeSet<(String, String)> {
    let base = format!("{}/", tenant(name).display());
    run.findings
        .iter()
        .map(|f| {
            let path = f
                .location
                .path
                .strip_prefix(&base)
                .unwrap_or(&f.location.path);
            (f.code.to_string(), path.to_string())
        })
        .collect()
}

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect()
}

#[test]
fn intunemanagement_utf16_tenant() {
    let run = lint("intunemanagement");
    assert_eq!(
        found("intunemanagement", &run),
        set(&[
            ("APP202", "Applications/Microsoft Authenticator.json"),
            // An App Store Authenticator while account-driven user enrollment is offered.
            ("APP209", "Applications/Microsoft Authenticator.json"),
            (
                "APP205",
                "AppConfigurationManagedDevice/iOS - Outlook - Accounts.json"
            ),
            ("ASG401", "Groups/Sales iPhones.json"),
            ("ASG402", "DeviceConfiguration/iOS - Entra SSO.json"),
            ("ASG404", "CompliancePolicies/iOS - Compliance.json"),
            (
                "ENR304",
                "AppleEnrollmentTypes/iOS - Account driven user enrollment.json"
            ),
        ])
    );
    // IntuneManagement doesn't export ADE profiles: APP206 can't run, and says so.
    let not_run: Vec<&str> = run.summary.not_run.iter().map(|n| n.code).collect();
    assert_eq!(not_run, ["APP206"]);
}

#[test]
fn intunecd_yaml_tenant() {
    let run = lint("intunecd");
    let found = found("intunecd", &run);
    assert_eq!(
        found,
        set(&[
            (
                "APP203",
                "Applications/iOS/Microsoft Authenticator_iOSVppApp_contoso.yaml"
            ),
            (
                "APP207",
                "App Configuration/iOS - Authenticator_iosMobileAppConfiguration.yaml"
            ),
            ("ASG401", "Settings Catalog/iOS - Passcode_mdm.yaml"),
            (
                "ASG403",
                "Compliance Policies/Policies/iOS - Compliance_iosCompliancePolicy.yaml"
            ),
            (
                "ENR301",
                "Enrollment Profiles/Apple/iOS - Corporate ADE_depIOSEnrollmentProfile.yaml"
            ),
        ])
    );
}

#[test]
fn intune_backup_and_restore_tenant() {
    let run = lint("backup");
    assert_eq!(
        found("backup", &run),
        set(&[
            (
                "ASG404",
                "Device Configurations/Assignments/iOS - Entra SSO.json"
            ),
            ("ASG405", "Device Configurations/iOS - Entra SSO.json"),
            (
                "APP202",
                "Client Apps/Assignments/a4000000-0000-4000-8000-000000000001 - Microsoft Authenticator.json"
            ),
        ])
    );
    assert!(run.summary.not_run.is_empty(), "{:?}", run.summary.not_run);
}

#[test]
fn raw_graph_tenant() {
    let run = lint("graph");
    assert_eq!(
        found("graph", &run),
        set(&[
            ("APP201", "deviceConfigurations.json"),
            ("ASG405", "deviceConfigurations.json"),
            ("SSO120", "deviceConfigurations.json"),
            ("ENR302", "enrollmentProfiles.json"),
            ("ENR303", "enrollmentProfiles.json"),
            ("ENR305", "enrollmentProfiles.json"),
        ])
    );
}

#[test]
fn clean_tenant_has_no_finding() {
    let run = lint("clean");
    assert!(
        run.findings.is_empty(),
        "{:#?}",
        run.findings
            .iter()
            .map(|f| format!("{} {} {}", f.code, f.location.path, f.message))
            .collect::<Vec<_>>()
    );
    assert!(run.summary.not_run.is_empty(), "{:?}", run.summary.not_run);
    assert_eq!(run.summary.unknown_objects, 0);
}

#[test]
fn reporters_list_checks_that_could_not_run() {
    struct NoSources;
    impl intune_lint_report::Sources for NoSources {
        fn text(&self, _: &str) -> Option<std::sync::Arc<String>> {
            None
        }
    }
    let run = lint("intunemanagement");
    let ctx = intune_lint_report::Context {
        catalog: intune_lint_rules::catalog(),
        sources: &NoSources,
        color: false,
        tool_version: "0",
        quiet: false,
    };
    let mut json = Vec::new();
    intune_lint_report::Json
        .report(&run, &ctx, &mut json)
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        json["summary"]["not_run"],
        serde_json::json!([{"code": "APP206", "reason": "the export holds no automated device enrollment profiles"}])
    );
    let mut human = Vec::new();
    intune_lint_report::Human
        .report(&run, &ctx, &mut human)
        .unwrap();
    let human = String::from_utf8(human).unwrap();
    assert!(
        human.contains(
            "1 check could not run:\n  APP206: the export holds no automated device enrollment profiles\n"
        ),
        "{human}"
    );
    // A folder run ends with the JIT readiness scorecard, one line per policy last.
    let card = &human[human.find("\nJIT readiness").expect("scorecard")..];
    assert!(
        card.trim_end()
            .ends_with("policy \"iOS - Entra SSO\": problem"),
        "{card}"
    );
}

/// `fixtures/tenants` side by side is an MSP export: each tenant is audited on its own, so
/// the folder run finds exactly what the five tenant runs find, and the scorecard shows
/// every tenant. One run over them all (`--single-tenant`) joins objects across tenants:
/// their SSO policies claim the same Microsoft Entra URLs (SSO115).
#[test]
fn tenants_side_by_side_are_audited_one_by_one() {
    fn check(args: &[&str], path: &std::path::Path) -> serde_json::Value {
        let out = assert_cmd::Command::cargo_bin("intune-lint")
            .unwrap()
            .args(["check", "--isolated", "--format", "json"])
            .args(args)
            .arg(path)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    }
    fn found(run: &serde_json::Value) -> BTreeSet<String> {
        run["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {} {}", f["code"], f["path"], f["message"]))
            .collect()
    }
    let root = tenant("");
    let one_by_one: BTreeSet<String> = ["backup", "clean", "graph", "intunecd", "intunemanagement"]
        .iter()
        .flat_map(|t| found(&check(&[], &tenant(t))))
        .collect();
    let together = check(&[], &root);
    assert_eq!(found(&together), one_by_one);
    // Each process hashes differently: the report of every fixture tenant side by side,
    // scorecard included, must not change from run to run.
    let fixtures = root.parent().unwrap();
    assert_eq!(check(&[], fixtures), check(&[], fixtures));
    assert!(!one_by_one.iter().any(|f| f.contains("SSO115")));
    let card = &together["summary"]["jit_readiness"];
    let policies = card["policies"].as_array().unwrap();
    assert_eq!(policies.len(), 5);
    for p in policies {
        let t = p["tenant"].as_str().expect("tenant");
        assert!(p["path"].as_str().unwrap().starts_with(t), "{p}");
    }
    let step = card["steps"][2]["detail"].as_str().unwrap();
    assert!(step.contains(" of 5 tenants"), "{step}");
    assert_eq!(
        together["summary"]["not_run"][0]["reason"],
        "the export holds no automated device enrollment profiles (in 1 of 5 tenants)"
    );

    let single = found(&check(&["--single-tenant"], &root));
    assert!(
        single.iter().any(|f| f.starts_with("\"SSO115\"")),
        "{single:?}"
    );
}
