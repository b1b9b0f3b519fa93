//! Every fixture under fixtures/formats (made by fixtures/formats/generate.py) loads the
//! way it should: the same Entra SSO profile in every encoding and container, and broken
//! files as findings, never as panics.

mod common;

use common::{codes, document, load, sorted, strip_spans};
use intune_lint_core::formats::Format;
use intune_lint_core::node::Value;
use intune_lint_core::source::TextEncoding;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/formats")
        .join(name)
}

#[test]
fn the_sso_profile_reads_the_same_in_every_encoding_and_container() {
    let xml = document(&fixture("sso.mobileconfig"));
    assert_eq!(xml.format, Format::XmlPlist);
    assert_eq!(xml.encoding, Some(TextEncoding::Utf8));
    let (reg, _) = xml
        .root
        .pointer("/PayloadContent/0/ExtensionData/device_registration")
        .unwrap();
    assert_eq!(reg.as_str(), Some("{{DEVICEREGISTRATION}}"));
    assert_eq!(
        xml.text_of(reg.span.as_ref().unwrap()),
        Some("<string>{{DEVICEREGISTRATION}}</string>")
    );
    let (interaction, _) = xml
        .root
        .pointer("/PayloadContent/0/ExtensionData/browser_sso_interaction_enabled")
        .unwrap();
    assert_eq!(interaction.value, Value::Integer(1));
    let expected = strip_spans(&xml.root);

    for (name, encoding) in [
        ("sso.utf8-bom-crlf.mobileconfig", TextEncoding::Utf8Bom),
        (
            "sso.utf16le-bom.mobileconfig",
            TextEncoding::Utf16Le { bom: true },
        ),
        (
            "sso.utf16be-bom.mobileconfig",
            TextEncoding::Utf16Be { bom: true },
        ),
    ] {
        let d = document(&fixture(name));
        assert_eq!(d.format, Format::XmlPlist, "{name}");
        assert_eq!(d.encoding, Some(encoding), "{name}");
        assert_eq!(strip_spans(&d.root), expected, "{name}");
        // Spans point into the decoded text.
        let (reg, _) = d
            .root
            .pointer("/PayloadContent/0/ExtensionData/device_registration")
            .unwrap();
        assert_eq!(
            d.text_of(reg.span.as_ref().unwrap()),
            Some("<string>{{DEVICEREGISTRATION}}</string>"),
            "{name}"
        );
    }

    let binary = document(&fixture("sso.binary.mobileconfig"));
    assert_eq!(binary.format, Format::BinaryPlist);
    assert_eq!(binary.text, None);
    assert_eq!(sorted(&binary.root), sorted(&xml.root));

    for name in ["sso.signed-der.mobileconfig", "sso.signed-ber.mobileconfig"] {
        let d = document(&fixture(name));
        assert_eq!(d.format, Format::Signed, "{name}");
        assert!(d.signed, "{name}");
        assert_eq!(d.signer.as_deref(), Some("intune-lint-test"), "{name}");
        assert_eq!(d.text, None, "{name}");
        assert_eq!(strip_spans(&d.root), expected, "{name}");
    }
}

#[test]
fn intunecd_yaml() {
    let d = document(&fixture("intunecd-sso.yaml"));
    assert_eq!(d.format, Format::Yaml);
    let (v, m) = d
        .root
        .pointer("/singleSignOnExtension/configurations/0/value")
        .unwrap();
    assert_eq!(v.as_str(), Some("{{DEVICEREGISTRATION}}"));
    assert_eq!(
        d.text_of(v.span.as_ref().unwrap()),
        Some("'{{DEVICEREGISTRATION}}'")
    );
    assert_eq!(
        d.text_of(m.unwrap().key_span.as_ref().unwrap()),
        Some("value")
    );
    let (one, _) = d
        .root
        .pointer("/singleSignOnExtension/configurations/1/value")
        .unwrap();
    assert_eq!(one.value, Value::Integer(1));
    assert!(
        d.root
            .pointer("/singleSignOnExtension/teamIdentifier")
            .unwrap()
            .0
            .is_null()
    );
    assert_eq!(
        d.root.get("displayName").unwrap().as_str(),
        Some("Entra SSO – iOS")
    );
}

#[test]
fn duplicate_keys_survive_loading() {
    let d = document(&fixture("duplicate-key.plist"));
    let n = d
        .root
        .members()
        .iter()
        .filter(|m| m.key == "PayloadType")
        .count();
    assert_eq!(n, 2);
}

#[test]
fn broken_files_become_findings() {
    for name in [
        "broken-xml.mobileconfig",
        "random-bytes.mobileconfig",
        "random-bytes.json",
        "truncated-signed.mobileconfig",
        "deep-nesting.json",
    ] {
        let loaded = load(&fixture(name));
        assert!(loaded.document.is_none(), "{name}");
        assert!(
            codes(&loaded).contains(&"EXP901"),
            "{name}: {:?}",
            codes(&loaded)
        );
    }
    let broken = load(&fixture("broken-xml.mobileconfig"));
    let at = broken.findings[0].location.start.unwrap();
    assert_eq!(at.line, 18, "{:?}", broken.findings[0]);
    let truncated = load(&fixture("truncated-signed.mobileconfig"));
    assert!(truncated.findings[0].message.contains("signed"));
    let odd = load(&fixture("utf16-odd-bytes.json"));
    assert!(codes(&odd).contains(&"EXP905"), "{:?}", codes(&odd));
}
