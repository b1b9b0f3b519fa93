//! ENR304 enr-user-enrollment-device-target: account-driven user enrollment on devices.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{GroupKind, TargetKind, Tenant};

pub const RULE: Rule = Rule {
    code: "ENR304",
    check: Check::Tenant(check),
};

const ACCOUNT_DRIVEN: &str = "accountDrivenUserEnrollment";

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in &t.user_enrollments {
        let Some(ty) = p
            .enrollment_types
            .iter()
            .find(|ty| ty.value.trim().eq_ignore_ascii_case(ACCOUNT_DRIVEN))
        else {
            continue;
        };
        if p.policy.assignments.is_none() {
            t.not_run(
                "ENR304",
                format!(
                    "the assignments of {} were not exported",
                    p.policy.describe()
                ),
            );
            continue;
        }
        for target in p.policy.includes() {
            let what = match (&target.kind, t.group_kind(target)) {
                (TargetKind::AllDevices, _) => "All devices".to_string(),
                (_, Some(GroupKind::Device)) => {
                    format!("{}, a device group", t.describe(target))
                }
                (_, Some(GroupKind::Unknown))
                    if t.groups.is_empty() && target.membership_rule().is_none() =>
                {
                    t.not_run(
                        "ENR304",
                        "the export holds no groups: whether group targets are device groups is unknown",
                    );
                    continue;
                }
                _ => continue,
            };
            let mut f = Finding::new(
                "ENR304",
                format!(
                    "the account-driven user enrollment profile is assigned to {what}: user enrollment requires user identities, and device groups aren't supported"
                ),
                target.loc.clone(),
            )
            .with_object(Some(p.policy.object.clone()))
            .with_related("account-driven user enrollment is selected here", ty.loc.clone())
            .with_help("assign the profile to All users or to user groups");
            if let Some(rule) = t.group_rule_loc(target) {
                f = f.with_related("the group's rule uses device attributes", rule.clone());
            }
            out.push(f);
        }
    }
}
