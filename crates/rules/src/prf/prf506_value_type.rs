//! PRF506 prf-value-type: a value of another type than Apple's schema gives.

use super::Found;
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::Value;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::views::profile::Issue;

pub const RULE: Rule = Rule {
    code: "PRF506",
    check: Check::Document(|d, o, s, out| super::check_as("PRF506", d, o, s, out)),
};

/// One issue of the shared schema walk (see [`super::check_as`]).
pub(super) fn found(doc: &Document, f: Found<'_, '_>, out: &mut Vec<Finding>) {
    let Issue::WrongType { def, found } = f.issue else {
        return;
    };
    if f.type_owned_by_sso_rules() {
        return;
    }
    let written = match &found.value {
        Value::String(s) => format!("the string \"{s}\""),
        Value::Integer(i) => format!("the integer {i}"),
        Value::Real(r) => format!("the real {r}"),
        Value::Bool(b) => format!("<{b}/>"),
        _ => found.type_with_article().to_ascii_lowercase(),
    };
    out.push(
        Finding::new(
            "PRF506",
            format!(
                "{} is {written}; Apple's schema says {}",
                f.place(),
                def.ty.tag()
            ),
            doc.locate(&f.pointer(), Part::Value),
        )
        .with_object(f.object())
        .with_help(format!("write the value as {}", def.ty.tag())),
    );
}
