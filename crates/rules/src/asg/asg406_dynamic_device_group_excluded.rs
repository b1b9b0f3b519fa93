//! ASG406 asg-dynamic-device-group-excluded: a dynamic device group is excluded from an
//! assignment.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{GroupKind, TargetKind, Tenant};

pub const RULE: Rule = Rule {
    code: "ASG406",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in t.policies() {
        // Device groups excluded from user targets don't apply at all: ASG402's.
        let user_side = p
            .includes()
            .any(|i| i.kind == TargetKind::AllUsers || t.group_kind(i) == Some(GroupKind::User));
        if user_side {
            continue;
        }
        for ex in p.excludes() {
            // A group kind comes only from a dynamic rule, so Device means dynamic.
            if t.group_kind(ex) != Some(GroupKind::Device) {
                continue;
            }
            let mut f = Finding::new(
                "ASG406",
                format!(
                    "{} is excluded, a dynamic device group: Intune advises against excluding dynamic device groups, because their membership is calculated with a delay at enrollment and the policy may reach a device before the exclusion does",
                    t.describe(ex)
                ),
                ex.loc.clone(),
            )
            .with_object(Some(p.object.clone()))
            .with_help("target the devices with an assignment filter (exclude mode) instead of excluding a dynamic device group");
            if let Some(rule) = t.group_rule_loc(ex) {
                f = f.with_related("the excluded group's rule", rule.clone());
            }
            out.push(f);
        }
    }
}
