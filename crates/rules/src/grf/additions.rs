//! Members that export tools add to Graph objects, or reshape, and that are not Graph's.
//! Documented, with sources, in docs/graph-schema.md; keep the two in step.
//!
//! Not listed because no object member can be one: OData annotations (`@odata.*`,
//! `member@odata.*`) and keys starting with `#` (action advertisements such as
//! `#microsoft.graph.assign`, IntuneManagement's `#CustomRefTargetedApps`).

use intune_lint_graph_schema::TypeId;

/// What a tool did to a member.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Added a member Graph does not declare.
    Added,
    /// Replaced a member's value with one of another shape (so its value is not checked).
    Reshaped,
}

pub struct Addition {
    pub member: &'static str,
    /// The Graph type (or a base of it) whose objects carry the member.
    pub on: &'static str,
    pub change: Change,
}

pub const ADDITIONS: &[Addition] = &[
    // IntuneCD `get_group_names`: the group's name and membership next to (or instead of)
    // `groupId`.
    Addition {
        member: "groupName",
        on: "deviceAndAppManagementAssignmentTarget",
        change: Change::Added,
    },
    Addition {
        member: "groupType",
        on: "deviceAndAppManagementAssignmentTarget",
        change: Change::Added,
    },
    Addition {
        member: "membershipRule",
        on: "deviceAndAppManagementAssignmentTarget",
        change: Change::Added,
    },
    // IntuneCD app configuration backup: app ids become `{"appName", "type"}`, and the
    // base64 `payloadJson` is decoded into JSON.
    Addition {
        member: "targetedMobileApps",
        on: "managedDeviceMobileAppConfiguration",
        change: Change::Reshaped,
    },
    Addition {
        member: "payloadJson",
        on: "managedDeviceMobileAppConfiguration",
        change: Change::Reshaped,
    },
];

/// The export tool's change to `member` of an object of type `ty`, if any.
pub fn find(ty: TypeId, member: &str) -> Option<&'static Addition> {
    ADDITIONS.iter().find(|a| {
        a.member == member
            && intune_lint_graph_schema::find_type(a.on).is_some_and(|on| ty.derives_from(on))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_addition_is_documented() {
        let page = include_str!("../../../../docs/graph-schema.md");
        for a in ADDITIONS {
            assert!(
                page.lines()
                    .any(|l| l.starts_with("| ") && l.contains(&format!("`{}`", a.member))),
                "the table in docs/graph-schema.md lacks `{}`",
                a.member
            );
            assert!(
                intune_lint_graph_schema::find_type(a.on).is_some(),
                "{}",
                a.on
            );
        }
    }
}
