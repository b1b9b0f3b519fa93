//! GRF606 grf-ambiguous-type: an object without `@odata.type` whose members only a
//! derived type declares.

use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Node, join};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_graph_schema::TypeId;

pub const RULE: Rule = Rule {
    code: "GRF606",
    check: Check::Document(|d, o, s, out| super::check_as("GRF606", d, o, s, out)),
};

pub(super) fn finding(
    doc: &Document,
    ptr: &str,
    _object: &Node,
    declared: TypeId,
    only_derived: &[(&str, TypeId)],
) -> Finding {
    let (first, derived) = only_derived[0];
    let members: Vec<String> = only_derived.iter().map(|(k, _)| format!("`{k}`")).collect();
    Finding::new(
        "GRF606",
        format!(
            "this `{}` has no `@odata.type`, but {} {} declared only by derived types such as `{}`; Graph cannot tell which type it is",
            declared.name(),
            members.join(", "),
            if members.len() == 1 { "is" } else { "are" },
            derived.name()
        ),
        doc.locate(&join(ptr, first), Part::Key),
    )
    .with_help(format!(
        "add `\"@odata.type\": \"#microsoft.graph.{}\"` (or the derived type meant)",
        derived.name()
    ))
}
