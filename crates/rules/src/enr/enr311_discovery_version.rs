//! ENR311 enr-discovery-version: a discovery file server entry's `Version` is not `mdm-byod`.

use super::servers;
use intune_lint_core::classify::Object;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::join;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;

pub const RULE: Rule = Rule {
    code: "ENR311",
    check: Check::Document(check),
};

const VERSION: &str = "mdm-byod";

fn check(doc: &Document, objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    for (ptr, entry) in servers(objects) {
        // A missing or non-string `Version` is ENR314's.
        let Some(version) = entry.get("Version").and_then(|n| n.as_str()) else {
            continue;
        };
        if version == VERSION {
            continue;
        }
        out.push(
            Finding::new(
                "ENR311",
                format!("server `Version` is `{version}`, not `{VERSION}`: Intune's account-driven user enrollment server is `{VERSION}`"),
                doc.locate(&join(&ptr, "Version"), Part::Value),
            )
            .with_help(format!("set `Version` to exactly `{VERSION}`")),
        );
    }
}
