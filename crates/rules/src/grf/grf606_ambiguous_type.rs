//! GRF606 grf-ambiguous-type: an object without `@odata.type` whose members only a
//! derived type declares.

use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::{Node, Value, join};
use intune_lint_core::rule::{Check, Rule};
use intune_lint_graph_schema::{Scalar, TypeId};

pub const RULE: Rule = Rule {
    code: "GRF606",
    check: Check::Document(|d, o, s, out| super::check_as("GRF606", d, o, s, out)),
};

pub(super) fn finding(
    doc: &Document,
    ptr: &str,
    object: &Node,
    declared: TypeId,
    only_derived: &[(&str, TypeId)],
) -> Finding {
    let (first, fallback) = only_derived[0];
    let derived = likely_type(object, declared, only_derived).unwrap_or(fallback);
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

/// The derived type that declares all the members and whose declared kinds fit their values
/// (`"value": 1` → `keyIntegerValuePair`), else any that declares them all.
fn likely_type(object: &Node, declared: TypeId, only_derived: &[(&str, TypeId)]) -> Option<TypeId> {
    let declaring: Vec<TypeId> = declared
        .descendants()
        .into_iter()
        .filter(|t| only_derived.iter().all(|(k, _)| t.member(k).is_some()))
        .collect();
    let fits = |t: &TypeId| {
        only_derived.iter().all(|(k, _)| {
            let (Some(mt), Some(v)) = (t.member(k), object.get(k)) else {
                return false;
            };
            matches!(
                (mt.scalar, &v.value),
                (Scalar::String | Scalar::Enum(_), Value::String(_))
                    | (Scalar::Number, Value::Integer(_))
                    | (Scalar::Boolean, Value::Bool(_))
                    | (Scalar::Type(_), Value::Object(_))
                    | (Scalar::Any, _)
            ) && (mt.collection == matches!(v.value, Value::Array(_)))
        })
    };
    // Of those, the one adding the fewest other members (the closest fit), and of equals
    // the one more types build on (`groupAssignmentTarget` over a niche target).
    let size = |t: &TypeId| {
        (
            t.members().count(),
            std::cmp::Reverse(t.descendants().len()),
        )
    };
    declaring
        .iter()
        .copied()
        .filter(fits)
        .min_by_key(size)
        .or_else(|| declaring.iter().copied().min_by_key(size))
}
