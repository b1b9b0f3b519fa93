//! ENR305 enr-shared-ipad: Shared iPad with user affinity or without supervision.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "ENR305",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in &t.ade_profiles {
        let Some(shared) = p.shared_ipad.as_ref().filter(|v| v.value) else {
            continue;
        };
        let mut problems = Vec::new();
        if let Some(auth) = p.requires_user_authentication.as_ref().filter(|v| v.value) {
            problems.push((
                "user authentication is required (Shared iPad needs enrollment without user affinity)",
                auth.loc.clone(),
            ));
        }
        if let Some(sup) = p.supervised.as_ref().filter(|v| !v.value) {
            problems.push((
                "supervised mode is off (Shared iPad needs supervision)",
                sup.loc.clone(),
            ));
        }
        for (what, loc) in problems {
            out.push(
                Finding::new(
                    "ENR305",
                    format!("the profile enables Shared iPad but {what}"),
                    loc,
                )
                .with_object(Some(p.policy.object.clone()))
                .with_related("Shared iPad is enabled here", shared.loc.clone())
                .with_help(
                    "for Shared iPad, enroll without user affinity and with supervised mode on",
                ),
            );
        }
    }
}
