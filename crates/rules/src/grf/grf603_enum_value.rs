//! GRF603 grf-enum-value: a string that is not a member of the declared enum.

use super::{Walk, did_you_mean};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::Node;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_graph_schema::EnumId;

pub const RULE: Rule = Rule {
    code: "GRF603",
    check: Check::Document(|d, o, s, out| super::check_as("GRF603", d, o, s, out)),
};

/// Enums this small have their values listed when no near miss explains the mistake.
const LIST_UP_TO: usize = 12;

/// Flag enums are written as comma-separated members (`"mdm,unmanaged"`); the typings do
/// not say which enums are flags, so every part of any enum value is checked.
pub(super) fn check(walk: &mut Walk<'_, '_>, node: &Node, value: &str, e: EnumId) {
    let mut offset = 0;
    for raw in value.split(',') {
        let start = offset + (raw.len() - raw.trim_start().len());
        offset += raw.len() + 1;
        let part = raw.trim();
        // OData also accepts an enum member's underlying integer, written as a string.
        if e.contains(part) || (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        let help = match did_you_mean(part, e.members()) {
            Some(s) if s.eq_ignore_ascii_case(part) => {
                format!("did you mean `{s}`? Enum values are case-sensitive")
            }
            Some(s) => format!("did you mean `{s}`?"),
            None if e.members().count() <= LIST_UP_TO => {
                let names: Vec<String> = e.members().map(|m| format!("`{m}`")).collect();
                format!("`{}` values: {}", e.name(), names.join(", "))
            }
            None => format!(
                "use a `{}` value, or waive it if Graph has added it since these typings",
                e.name()
            ),
        };
        let ptr = walk.pointer();
        let loc =
            walk.doc
                .locate_in_string(&ptr, node.span.as_ref(), value, start..start + part.len());
        let f = Finding::new(
            "GRF603",
            format!(
                "`{part}` is not a value of `{}`, the type of `{}`",
                e.name(),
                walk.member_name()
            ),
            loc,
        )
        .with_help(help);
        walk.push(f);
    }
}
