//! GRF601 grf-unknown-member: a member the object's Graph type does not declare.

use super::did_you_mean;
use intune_lint_core::document::Document;
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Member, Node};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_graph_schema::TypeId;

pub const RULE: Rule = Rule {
    code: "GRF601",
    check: Check::Document(|d, o, s, out| super::check_as("GRF601", d, o, s, out)),
};

/// Types this small have their members listed when no near miss explains the mistake.
const LIST_UP_TO: usize = 6;

pub(super) fn finding(doc: &Document, ptr: &str, m: &Member, object: &Node, ty: TypeId) -> Finding {
    let present = |name: &str| object.get(name).is_some();
    let help = match did_you_mean(&m.key, ty.members().map(|(n, _)| n).filter(|n| !present(n))) {
        Some(s) if s.eq_ignore_ascii_case(&m.key) => {
            format!("did you mean `{s}`? Member names are case-sensitive")
        }
        Some(s) => format!("did you mean `{s}`?"),
        // A small type with exactly one member missing: that member is the likely intent
        // (`name` written for keyStringValuePair's `key`).
        None if ty.members().count() <= LIST_UP_TO
            && ty.members().filter(|(n, _)| !present(n)).count() == 1 =>
        {
            let missing = ty
                .members()
                .map(|(n, _)| n)
                .find(|n| !present(n))
                .unwrap_or_default();
            format!(
                "did you mean `{missing}`? `{}` declares no `{}`",
                ty.name(),
                m.key
            )
        }
        None if ty.members().count() <= LIST_UP_TO => {
            let names: Vec<String> = ty.members().map(|(n, _)| format!("`{n}`")).collect();
            format!("`{}` declares only {}", ty.name(), names.join(", "))
        }
        None => "remove it, or waive it if Graph has added it since these typings".to_string(),
    };
    Finding::new(
        "GRF601",
        format!(
            "`{}` is not a member of `{}` or its base types; Graph rejects the object",
            m.key,
            ty.name()
        ),
        doc.locate_span(ptr, m.key_span.clone()),
    )
    .with_help(help)
}
