//! GRF604 grf-unknown-type: an `@odata.type` that names no Microsoft Graph type.

use super::did_you_mean;
use intune_lint_core::document::Document;
use intune_lint_core::finding::Finding;
use intune_lint_core::node::Node;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_graph_schema::type_names;

pub const RULE: Rule = Rule {
    code: "GRF604",
    check: Check::Document(|d, o, s, out| super::check_as("GRF604", d, o, s, out)),
};

pub(super) fn finding(doc: &Document, ptr: &str, node: &Node, written: &str) -> Finding {
    let bare = written.trim().trim_start_matches('#');
    let bare = match bare.get(..16) {
        Some(p) if p.eq_ignore_ascii_case("microsoft.graph.") => &bare[16..],
        _ => bare,
    };
    let help = match did_you_mean(bare, type_names()) {
        Some(s) => format!("did you mean `#microsoft.graph.{s}`?"),
        None => "write `#microsoft.graph.` followed by a Graph type name".to_string(),
    };
    Finding::new(
        "GRF604",
        format!("`{written}` names no Microsoft Graph type; Graph rejects the object"),
        doc.locate_span(ptr, node.span.clone()),
    )
    .with_help(help)
}
