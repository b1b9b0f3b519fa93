//! ENR311 enr-discovery-version: no discovery file server entry has `Version` `mdm-byod`.

use super::{INTUNE_VERSION, servers};
use intune_lint_core::classify::Object;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::join;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::visible;

pub const RULE: Rule = Rule {
    code: "ENR311",
    check: Check::Document(check),
};

fn check(doc: &Document, objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    // A missing or non-string `Version` is ENR314's.
    let versions: Vec<(String, &str)> = servers(objects)
        .into_iter()
        .filter_map(|(ptr, entry)| Some((ptr, entry.get("Version")?.as_str()?)))
        .collect();
    // Apple's format allows other servers (`mdm-adde`) beside Intune's: only a file
    // without an exact `mdm-byod` entry is wrong.
    if versions.is_empty() || versions.iter().any(|(_, v)| *v == INTUNE_VERSION) {
        return;
    }
    // Point at the entry meant for Intune: a near miss of `mdm-byod`, or the only one.
    let near: Vec<_> = versions
        .iter()
        .filter(|(_, v)| v.trim().eq_ignore_ascii_case(INTUNE_VERSION))
        .collect();
    let (ptr, version) = match (near.first(), versions.as_slice()) {
        (Some(n), _) => *n,
        (None, [only]) => only,
        _ => &versions[0],
    };
    let shown: Vec<String> = versions
        .iter()
        .map(|(_, v)| format!("`{}`", visible(v)))
        .collect();
    out.push(
        Finding::new(
            "ENR311",
            format!(
                "no server entry has `Version` `{INTUNE_VERSION}` (found {}): Intune's account-driven user enrollment server is `{INTUNE_VERSION}`",
                shown.join(", ")
            ),
            doc.locate(&join(ptr, "Version"), Part::Value),
        )
        .with_help(if near.is_empty() {
            format!("add a server entry with `Version` `{INTUNE_VERSION}` and Intune's `BaseURL`")
        } else {
            format!("set `Version` to exactly `{INTUNE_VERSION}` (`{}` differs in case or whitespace)", visible(version))
        }),
    );
}
