//! ASG402 asg-include-exclude-mix: device groups included and user groups excluded, or
//! the reverse.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{GroupKind, Target, TargetKind, Tenant};

pub const RULE: Rule = Rule {
    code: "ASG402",
    check: Check::Tenant(check),
};

/// User or device, as far as the export tells (`None`: unknown).
fn side(t: &Tenant, target: &Target) -> Option<GroupKind> {
    match target.kind {
        TargetKind::AllUsers => Some(GroupKind::User),
        TargetKind::AllDevices => Some(GroupKind::Device),
        _ => t
            .group_kind(target)
            .filter(|k| matches!(k, GroupKind::User | GroupKind::Device)),
    }
}

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    if t.groups.is_empty()
        && t.policies()
            .flat_map(|p| p.excludes())
            .any(|x| x.membership_rule().is_none())
    {
        t.not_run(
            "ASG402",
            "the export holds no groups: whether excluded groups hold users or devices is unknown",
        );
    }
    for p in t.policies() {
        for ex in p.excludes() {
            let Some(ex_side) = side(t, ex) else { continue };
            let Some(inc) = p
                .includes()
                .find(|i| side(t, i).is_some_and(|s| s != ex_side))
            else {
                continue;
            };
            let (ex_label, inc_label) = match ex_side {
                GroupKind::User => ("user group", "device"),
                _ => ("device group", "user"),
            };
            let mut f = Finding::new(
                "ASG402",
                format!(
                    "{} is excluded, a {ex_label}, while the policy includes {} ({inc_label}s): Intune doesn't evaluate user-to-device group relationships, so the exclusion does not apply",
                    t.describe(ex),
                    t.describe(inc),
                ),
                ex.loc.clone(),
            )
            .with_object(Some(p.object.clone()))
            .with_related(format!("{} is included here", t.describe(inc)), inc.loc.clone())
            .with_help("exclude groups of the same kind as the included ones, or use an assignment filter");
            if let Some(rule) = t.group_rule_loc(ex) {
                f = f.with_related("the excluded group's rule", rule.clone());
            }
            out.push(f);
        }
    }
}
