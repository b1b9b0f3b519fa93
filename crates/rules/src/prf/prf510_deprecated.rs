//! PRF510 prf-deprecated: a payload or key Apple marks deprecated or removed.

use super::Found;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::profile::Issue;

pub const RULE: Rule = Rule {
    code: "PRF510",
    check: Check::Document(|d, o, s, out| super::check_as("PRF510", d, o, s, out)),
};

/// One issue of the shared schema walk (see [`super::check_as`]).
pub(super) fn found(doc: &Document, f: Found<'_, '_>, out: &mut Vec<Finding>) {
    let Issue::Deprecated { what, payload, os } = f.issue else {
        return;
    };
    let name = os.os.name();
    let when = match (os.deprecated, os.removed) {
        (Some(d), Some(r)) if d == r => format!("removed in {name} {r}"),
        (Some(d), Some(r)) => format!("deprecated in {name} {d} and removed in {name} {r}"),
        (Some(d), None) => format!("deprecated since {name} {d}"),
        (None, Some(r)) => format!("removed in {name} {r}"),
        (None, None) => return,
    };
    let (subject, part) = if payload {
        (format!("payload type `{what}`"), Part::Value)
    } else {
        (f.place(), Part::Key)
    };
    out.push(
        Finding::new(
            "PRF510",
            format!("{subject} is {when}"),
            doc.locate(&f.pointer(), part),
        )
        .with_object(f.object())
        .with_help("use its replacement (see Apple's device management reference), or remove it"),
    );
}
