//! PRF503 prf-unknown-key: a key the payload's schema does not define, at any depth.

use super::issues;
use intune_lint_core::classify::Object;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::profile::Issue;

pub const RULE: Rule = Rule {
    code: "PRF503",
    check: Check::Document(check),
};

fn check(doc: &Document, objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    issues(doc, objects, |f| {
        let Issue::UnknownKey { key, suggestion } = f.issue else {
            return;
        };
        let hint = suggestion.map_or(String::new(), |s| format!("; did you mean `{s}`?"));
        let place = f.place_at(&f.steps[..f.steps.len().saturating_sub(1)]);
        let mut finding = Finding::new(
            "PRF503",
            format!("`{key}` is not a key of {place}{hint}"),
            doc.locate(&f.pointer(), Part::Key),
        )
        .with_object(f.object());
        if let Some(s) = suggestion {
            finding = finding.with_help(format!("keys are case-sensitive: rename it to `{s}`"));
        }
        out.push(finding);
    });
}
