//! PRF503 prf-unknown-key: a key the payload's schema does not define, at any depth.

use super::{Found, payload_of};
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Node, Step};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::profile::Issue;

/// `(PayloadType, Graph property, plist key)`: the Graph template's names for a payload's
/// keys (graph-shapes: `configurations` is the plug-in's `ExtensionData`, `urlPrefixes` its
/// `URLs`).
const GRAPH_NAMES: &[(&str, &str, &str)] = &[
    ("com.apple.extensiblesso", "configurations", "ExtensionData"),
    ("com.apple.extensiblesso", "urlPrefixes", "URLs"),
];

pub const RULE: Rule = Rule {
    code: "PRF503",
    check: Check::Document(|d, o, s, out| super::check_as("PRF503", d, o, s, out)),
};

/// One issue of the shared schema walk (see [`super::check_as`]).
pub(super) fn found(doc: &Document, f: Found<'_, '_>, out: &mut Vec<Finding>) {
    let Issue::UnknownKey { key, suggestion } = f.issue else {
        return;
    };
    // Graph's property names, written into a hand-made plist: they are no misspelling
    // of the plist key, so the edit-distance suggestion misses them.
    let suggestion = suggestion.or_else(|| {
        let payload = payload_of(f.object.node, f.steps)?;
        let payload_type = payload.get("PayloadType").and_then(Node::as_str)?;
        GRAPH_NAMES
            .iter()
            .find(|(t, graph, _)| {
                *t == payload_type
                    && matches!(
                        f.steps,
                        [Step::Key(_)]
                            | [Step::Key("PayloadContent"), Step::Index(_), Step::Key(_)]
                    )
                    && key.eq_ignore_ascii_case(graph)
            })
            .map(|(_, _, plist)| *plist)
    });
    let hint = suggestion.map_or(String::new(), |s| format!("; did you mean `{s}`?"));
    let place = f.place_at(&f.steps[..f.steps.len().saturating_sub(1)]);
    let mut finding = Finding::new(
        "PRF503",
        format!("`{key}` is not a key of {place}{hint}"),
        doc.locate(&f.pointer(), Part::Key),
    )
    .with_object(f.object());
    if let Some(s) = suggestion {
        finding = finding.with_help(if key.eq_ignore_ascii_case(s) {
            format!("keys are case-sensitive: rename it to `{s}`")
        } else {
            format!("rename it to `{s}`")
        });
    }
    out.push(finding);
}
