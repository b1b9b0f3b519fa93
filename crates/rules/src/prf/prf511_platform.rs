//! PRF511 prf-platform: a payload type that does not exist on the profile's platform.

use super::Found;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::profile::{self, Issue};

pub const RULE: Rule = Rule {
    code: "PRF511",
    check: Check::Document(|d, o, s, out| super::check_as("PRF511", d, o, s, out)),
};

/// One issue of the shared schema walk (see [`super::check_as`]).
pub(super) fn found(doc: &Document, f: Found<'_, '_>, out: &mut Vec<Finding>) {
    let Issue::Unavailable { payload_type, os } = f.issue else {
        return;
    };
    let why = match profile::target(doc, f.object.node).reason {
        "PayloadScope" => "the profile has `PayloadScope`, a macOS-only key".to_string(),
        kind => format!("the profile is an Intune {kind}"),
    };
    out.push(
        Finding::new(
            "PRF511",
            format!(
                "payload type `{payload_type}` does not exist on {} ({why})",
                os.name()
            ),
            doc.locate(&f.pointer(), Part::Value),
        )
        .with_object(f.object())
        .with_help("remove the payload, or deploy it in a profile for a platform that supports it"),
    );
}
