//! PRF501 prf-missing-key: a key Apple's schema requires is missing.

use super::Found;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::profile::Issue;

pub const RULE: Rule = Rule {
    code: "PRF501",
    check: Check::Document(|d, o, s, out| super::check_as("PRF501", d, o, s, out)),
};

/// One issue of the shared schema walk (see [`super::check_as`]).
pub(super) fn found(doc: &Document, f: Found<'_, '_>, out: &mut Vec<Finding>) {
    let Issue::Missing { key, top } = f.issue else {
        return;
    };
    if f.missing_owned_by_sso_rules(key) {
        return;
    }
    let place = if top {
        "the profile's top level".to_string()
    } else {
        f.place()
    };
    out.push(
        Finding::new(
            "PRF501",
            format!("required key `{key}` is missing from {place}"),
            doc.locate(&f.pointer(), Part::Key),
        )
        .with_object(f.object())
        .with_help(format!(
            "add `{key}` with a value of the type Apple's schema gives"
        )),
    );
}
