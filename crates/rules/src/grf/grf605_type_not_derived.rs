//! GRF605 grf-type-not-derived: an `@odata.type` that does not derive from the member's
//! declared type.

use intune_lint_core::document::Document;
use intune_lint_core::finding::Finding;
use intune_lint_core::node::Node;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_graph_schema::TypeId;

pub const RULE: Rule = Rule {
    code: "GRF605",
    check: Check::Document(|d, o, s, out| super::check_as("GRF605", d, o, s, out)),
};

/// How many derived types the help names.
const NAMED: usize = 6;

pub(super) fn finding(
    doc: &Document,
    ptr: &str,
    written: &Node,
    ty: TypeId,
    declared: TypeId,
    member: &str,
) -> Finding {
    let derived: Vec<String> = declared
        .derived()
        .take(NAMED)
        .map(|d| format!("`{}`", d.name()))
        .collect();
    let help = if derived.is_empty() {
        format!("use `#microsoft.graph.{}`", declared.name())
    } else {
        let more = if declared.derived().count() > NAMED {
            ", ..."
        } else {
            ""
        };
        format!(
            "use `{}` or a type derived from it: {}{more}",
            declared.name(),
            derived.join(", ")
        )
    };
    Finding::new(
        "GRF605",
        format!(
            "`{}` does not derive from `{}`, the type `{member}` holds; Graph rejects the object",
            ty.name(),
            declared.name()
        ),
        doc.locate_span(ptr, written.span.clone()),
    )
    .with_help(help)
}
