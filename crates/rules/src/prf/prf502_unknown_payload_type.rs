//! PRF502 prf-unknown-payload-type: a `com.apple.*` payload type Apple does not define.

use super::Found;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::profile::Issue;

pub const RULE: Rule = Rule {
    code: "PRF502",
    check: Check::Document(|d, o, s, out| super::check_as("PRF502", d, o, s, out)),
};

/// One issue of the shared schema walk (see [`super::check_as`]).
pub(super) fn found(doc: &Document, f: Found<'_, '_>, out: &mut Vec<Finding>) {
    let Issue::UnknownPayloadType { value, suggestion } = f.issue else {
        return;
    };
    let hint = suggestion.map_or(String::new(), |s| format!("; did you mean `{s}`?"));
    let mut finding = Finding::new(
        "PRF502",
        format!("`{value}` is not a payload type Apple defines{hint}"),
        doc.locate(&f.pointer(), Part::Value),
    )
    .with_object(f.object());
    if let Some(s) = suggestion {
        finding = finding.with_help(format!("payload types are case-sensitive: write `{s}`"));
    }
    out.push(finding);
}
