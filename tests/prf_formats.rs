//! One profile, every form: XML, binary, CMS-signed (DER and BER) and base64-embedded in an
//! Intune custom profile (XML or binary inside) get the same PRF findings, at the same key
//! paths; positions where the form has them.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/formats/prf")
}

/// (code, message, key path inside the profile) of every PRF finding, and whether each
/// finding has a line.
fn findings(file: &str) -> (BTreeSet<(String, String, String)>, Vec<bool>) {
    let run = common::lint_with_defaults(&dir().join(file));
    let prf: Vec<_> = run
        .findings
        .iter()
        .filter(|f| f.code.starts_with("PRF"))
        .collect();
    let set = prf
        .iter()
        .map(|f| {
            let inner = f
                .location
                .pointer
                .strip_prefix("/payload")
                .unwrap_or(&f.location.pointer);
            (f.code.to_string(), f.message.clone(), inner.to_string())
        })
        .collect();
    (
        set,
        prf.iter().map(|f| f.location.start.is_some()).collect(),
    )
}

#[test]
fn every_form_gets_the_same_findings() {
    let (xml, xml_lines) = findings("profile.mobileconfig");
    let codes: BTreeSet<&str> = xml.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        BTreeSet::from(["PRF501", "PRF503", "PRF506", "PRF507", "PRF508", "PRF510"])
    );
    assert!(xml_lines.iter().all(|l| *l), "XML findings have lines");
    for (file, lines) in [
        ("profile.binary.mobileconfig", false),
        ("profile.signed-der.mobileconfig", false),
        ("profile.signed-ber.mobileconfig", false),
        // The position is the Graph file's `payload` member.
        ("profile.embedded-xml.json", true),
        ("profile.embedded-binary.json", true),
    ] {
        let (set, has_lines) = findings(file);
        assert_eq!(set, xml, "{file}");
        assert!(has_lines.iter().all(|l| *l == lines), "{file}: positions");
    }
}

#[test]
fn embedded_findings_point_at_the_payload_member() {
    let run = common::lint_with_defaults(&dir().join("profile.embedded-xml.json"));
    let f = run
        .findings
        .iter()
        .find(|f| f.code == "PRF503")
        .expect("PRF503 on the embedded profile");
    assert_eq!(f.location.pointer, "/payload/PayloadContent/0/AutoJion");
    let text = std::fs::read_to_string(dir().join("profile.embedded-xml.json")).unwrap();
    let line = text
        .lines()
        .nth(f.location.start.unwrap().line - 1)
        .unwrap();
    assert!(line.trim_start().starts_with("\"payload\":"), "{line}");
}

/// PRF509 needs assignments on both sides: without them it is silent and says so.
#[test]
fn user_enrollment_check_degrades_to_could_not_run() {
    use intune_lint_core::engine::{self, Input};
    use intune_lint_core::settings::Settings;
    let custom =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
            "fixtures/rules/PRF509/fail_all_users/DeviceConfiguration/iOS - Home screen.json",
        ))
        .unwrap();
    // The same custom profile, its assignments not exported.
    let mut value: serde_json::Value = serde_json::from_slice(&custom).unwrap();
    value.as_object_mut().unwrap().remove("assignments");
    let enrollment = br##"{"@odata.type": "#microsoft.graph.appleUserInitiatedEnrollmentProfile",
        "displayName": "iOS - BYOD", "defaultEnrollmentType": "accountDrivenUserEnrollment",
        "assignments": [{"target": {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"}}]}"##;
    let inputs = vec![
        Input::Stdin {
            name: "DeviceConfiguration/custom.json".into(),
            bytes: serde_json::to_vec(&value).unwrap(),
        },
        Input::Stdin {
            name: "AppleEnrollmentTypes/byod.json".into(),
            bytes: enrollment.to_vec(),
        },
    ];
    let run = engine::run(
        inputs,
        intune_lint_rules::all(),
        &Settings::defaults(intune_lint_rules::catalog()),
    );
    assert!(run.findings.iter().all(|f| f.code != "PRF509"));
    assert!(
        run.summary.not_run.iter().any(|n| n.code == "PRF509"),
        "{:?}",
        run.summary.not_run
    );
}

/// A payload that is not base64, or not a profile, is a clear finding on `payload`.
#[test]
fn undecodable_payloads_are_reported_on_the_member() {
    use intune_lint_core::engine::{self, Input};
    use intune_lint_core::settings::Settings;
    for (payload, says) in [
        ("not base64!", "base64"),
        // "hello world": not a plist, so not parsed as the Graph file's JSON either
        ("aGVsbG8gd29ybGQ=", "not a configuration profile"),
    ] {
        let json = format!(
            r##"{{"@odata.type": "#microsoft.graph.iosCustomConfiguration", "displayName": "x", "payload": "{payload}"}}"##
        );
        let run = engine::run(
            vec![Input::Stdin {
                name: "custom.json".into(),
                bytes: json.into_bytes(),
            }],
            intune_lint_rules::all(),
            &Settings::defaults(intune_lint_rules::catalog()),
        );
        let f = run
            .findings
            .iter()
            .find(|f| f.code == "EXP901")
            .unwrap_or_else(|| panic!("{payload}: {:?}", run.findings));
        assert!(f.location.pointer.starts_with("/payload"), "{payload}");
        assert!(f.location.start.is_some(), "{payload}");
        assert!(f.message.contains(says), "{payload}: {}", f.message);
    }
}
