//! PRF508 prf-malformed-identifier: a `PayloadUUID` that is not a UUID, or a
//! `PayloadIdentifier` that is empty or holds whitespace.

use intune_lint_core::classify::{Kind, Object};
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Node, join};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::profile;

pub const RULE: Rule = Rule {
    code: "PRF508",
    check: Check::Document(check),
};

fn check(doc: &Document, objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    for o in objects.iter().filter(|o| o.kind == Kind::AppleProfile) {
        let mut dicts = Vec::new();
        if profile::is_profile(o.node) {
            dicts.push((o.pointer.clone(), o.node));
        }
        for (i, p) in profile::payloads(o.node) {
            let ptr = match i {
                Some(i) => join(&join(&o.pointer, "PayloadContent"), i),
                None => o.pointer.clone(),
            };
            dicts.push((ptr, p));
        }
        for (ptr, d) in dicts {
            let mut report = |key: &str, message: String, help: &str| {
                out.push(
                    Finding::new("PRF508", message, doc.locate(&join(&ptr, key), Part::Value))
                        .with_object(Some(o.reference.clone()))
                        .with_help(help.to_string()),
                );
            };
            if let Some(uuid) = d.get("PayloadUUID").and_then(Node::as_str)
                && !profile::is_uuid(uuid)
            {
                report(
                    "PayloadUUID",
                    format!("PayloadUUID \"{uuid}\" is not a UUID (8-4-4-4-12 hexadecimal digits)"),
                    "generate a fresh one with `uuidgen`",
                );
            }
            if let Some(id) = d.get("PayloadIdentifier").and_then(Node::as_str) {
                if id.trim().is_empty() {
                    report(
                        "PayloadIdentifier",
                        "PayloadIdentifier is empty".to_string(),
                        "use a reverse-DNS identifier (com.contoso.wifi)",
                    );
                } else if id.chars().any(char::is_whitespace) {
                    report(
                        "PayloadIdentifier",
                        format!("PayloadIdentifier \"{id}\" contains whitespace"),
                        "use a reverse-DNS identifier without spaces (com.contoso.wifi)",
                    );
                }
            }
        }
    }
}
