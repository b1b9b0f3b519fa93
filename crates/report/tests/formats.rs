//! Every output format on one small, hand-built run: two files with findings (one with a
//! span over two lines and related locations, one binary plist without lines), a clean
//! file, a finding from a rule the catalog lacks, and a message that needs escaping.

use intune_lint_core::catalog::{RuleMeta, parse_page};
use intune_lint_core::engine::{Run, Summary};
use intune_lint_core::finding::{Finding, ObjectRef, Severity};
use intune_lint_core::location::{LineIndex, Location};
use intune_lint_report::repo::RepoRoot;
use intune_lint_report::{Azure, Context, Github, Junit, Reporter, Sarif, Sources};
use std::collections::HashMap;
use std::sync::Arc;

const POLICY_PATH: &str = "Policies/SSO policy.json";
const POLICY: &str = r##"{
  "@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
  "id": "6f1c2d3e-0000-4000-8000-000000000001",
  "displayName": "iOS SSO: Contoso, 100%",
  "iosSingleSignOnExtension": {
    "configurations": [
      {"key": "device_registration ", "value": "{{DEVICEREGISTRATION}}"},
      {"key": "browser_sso_interaction_enabled",
       "value": "1"}
    ]
  }
}
"##;
const PROFILE_PATH: &str = "Profiles/wifi.mobileconfig";
const CLEAN_PATH: &str = "Policies/windows.json";

fn page(code: &str, name: &str, severity: &str, summary: &str, body: &str) -> RuleMeta {
    parse_page(&format!(
        "---\ncode: {code}\nname: {name}\nfamily: {}\nseverity: {severity}\nsummary: {summary}\napplies-to: Graph template policy, .mobileconfig\nfix: none\nsources:\n  - https://learn.microsoft.com/example\n---\n{body}",
        &code[..3]
    ))
    .unwrap()
}

fn catalog() -> Vec<RuleMeta> {
    vec![
        page(
            "SSO101",
            "sso-jit-key-whitespace",
            "error",
            "An SSO extension key has leading or trailing whitespace.",
            "# SSO101\n\n## What it checks\n\nKeys such as `device_registration` with spaces around them.\n\n## Why it matters\n\nThe key is ignored.\n",
        ),
        page(
            "SSO106",
            "sso-browser-sso-value",
            "warning",
            "`browser_sso_interaction_enabled` is not the Integer 1.",
            "",
        ),
        page(
            "PRF201",
            "prf-wifi-open",
            "info",
            "A Wi-Fi payload joins an open network.",
            "",
        ),
    ]
}

fn at(pointer: &str, needle: &str) -> Location {
    at_span(pointer, needle, needle.len())
}

fn at_span(pointer: &str, needle: &str, len: usize) -> Location {
    let start = POLICY.find(needle).unwrap();
    Location::in_text(
        Arc::from(POLICY_PATH),
        pointer,
        POLICY,
        &LineIndex::new(POLICY),
        start..start + len,
    )
}

fn run() -> Run {
    let object = Some(ObjectRef::new(
        "iosDeviceFeaturesConfiguration".into(),
        Some("iOS SSO: Contoso, 100%"),
        Some("6f1c2d3e-0000-4000-8000-000000000001"),
    ));
    let mut key = Finding::new(
        "SSO101",
        "key `device_registration` has a trailing space: just-in-time registration won't work",
        at(
            "/iosSingleSignOnExtension/configurations/0/key",
            "\"device_registration \"",
        ),
    )
    .with_object(object.clone())
    .with_help("write the key as exactly `device_registration`");
    key.severity = Severity::Error;
    // A span over two lines, with related locations here and in another file.
    let entry = "{\"key\": \"browser_sso_interaction_enabled\",\n       \"value\": \"1\"}";
    let mut value = Finding::new(
        "SSO106",
        "`browser_sso_interaction_enabled` is the String \"1\"; it should be the Integer 1",
        at_span(
            "/iosSingleSignOnExtension/configurations/1",
            "{\"key\": \"browser_sso_interaction_enabled\"",
            entry.len(),
        ),
    )
    .with_object(object)
    .with_related(
        "the policy is named here",
        at("/displayName", "\"iOS SSO: Contoso, 100%\""),
    )
    .with_related(
        "assigned by",
        Location::file(Arc::from("Assignments/all-devices.json")),
    );
    value.severity = Severity::Warning;
    // A binary plist: a key path, no lines; the message needs escaping everywhere.
    let mut wifi = Finding::new(
        "PRF201",
        "SSID `Guest;50%]` is open:\nanyone nearby can join, read traffic, and spoof it",
        Location {
            pointer: "/PayloadContent/0/SSID_STR".into(),
            ..Location::file(Arc::from(PROFILE_PATH))
        },
    );
    wifi.severity = Severity::Info;
    // A code the catalog does not know (no rule index, no name).
    let mut unknown = Finding::new(
        "EXP906",
        "cannot read: permission denied",
        Location::file(Arc::from("Profiles/locked.mobileconfig")),
    );
    unknown.severity = Severity::Error;
    let findings = vec![key, value, unknown, wifi];
    Run {
        summary: Summary {
            files: 4,
            paths: [
                CLEAN_PATH,
                POLICY_PATH,
                PROFILE_PATH,
                "Profiles/locked.mobileconfig",
            ]
            .into_iter()
            .map(Arc::from)
            .collect(),
            objects: 3,
            unknown_objects: 1,
            signed: Vec::new(),
            errors: 2,
            warnings: 1,
            infos: 1,
            not_run: Vec::new(),
            jit: Vec::new(),
            baseline: None,
        },
        findings,
    }
}

struct Texts(HashMap<&'static str, Arc<String>>);

impl Sources for Texts {
    fn text(&self, path: &str) -> Option<Arc<String>> {
        self.0.get(path).cloned()
    }
}

fn render(reporter: &dyn Reporter) -> String {
    let catalog = catalog();
    let sources = Texts(HashMap::from([(POLICY_PATH, Arc::new(POLICY.to_string()))]));
    let ctx = Context {
        catalog: &catalog,
        sources: &sources,
        color: false,
        tool_version: "0.0.0-test",
        quiet: false,
    };
    let mut out = Vec::new();
    reporter.report(&run(), &ctx, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn repo() -> RepoRoot {
    // Run from `/repo/tenant`: paths are relative to it, URIs relative to `/repo`.
    RepoRoot::new("/repo/tenant", "/repo")
}

#[test]
fn human() {
    insta::assert_snapshot!(render(&*intune_lint_report::by_name("human").unwrap()));
}

#[test]
fn concise() {
    insta::assert_snapshot!(render(&*intune_lint_report::by_name("concise").unwrap()));
}

#[test]
fn json() {
    insta::assert_snapshot!(render(&*intune_lint_report::by_name("json").unwrap()));
}

#[test]
fn sarif() {
    let out = render(&Sarif::with_root(repo()));
    insta::assert_snapshot!(out);
}

#[test]
fn github() {
    insta::assert_snapshot!(render(&Github::with_root(repo())));
}

#[test]
fn azure() {
    insta::assert_snapshot!(render(&Azure::with_root(repo())));
}

#[test]
fn junit() {
    insta::assert_snapshot!(render(&Junit));
}

#[test]
fn every_format_is_registered() {
    for name in intune_lint_report::FORMATS {
        assert!(intune_lint_report::by_name(name).is_some(), "{name}");
    }
}

#[test]
fn sarif_fingerprints_ignore_lines() {
    let out = |text: &str| -> serde_json::Value { serde_json::from_str(text).unwrap() };
    let a = out(&render(&Sarif::with_root(repo())));
    // The same run with every line moved down: fingerprints must not change.
    let mut moved = run();
    for f in &mut moved.findings {
        if let Some(s) = &mut f.location.start {
            s.line += 10;
        }
    }
    let catalog = catalog();
    let sources = Texts(HashMap::new());
    let ctx = Context {
        catalog: &catalog,
        sources: &sources,
        color: false,
        tool_version: "0.0.0-test",
        quiet: false,
    };
    let mut buf = Vec::new();
    Sarif::with_root(repo())
        .report(&moved, &ctx, &mut buf)
        .unwrap();
    let b = out(std::str::from_utf8(&buf).unwrap());
    let prints = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"].clone())
            .collect()
    };
    assert_eq!(prints(&a), prints(&b));
    assert_ne!(
        a["runs"][0]["results"][0]["locations"],
        b["runs"][0]["results"][0]["locations"]
    );
}
