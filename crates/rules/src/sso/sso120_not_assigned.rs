//! SSO120 sso-not-assigned: an SSO policy exported with its assignments has none.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "SSO120",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for s in &t.sso {
        // Not exported: unknown, not unassigned.
        let Some(assignments) = &s.policy.assignments else {
            continue;
        };
        if s.policy.includes().next().is_some() {
            continue;
        }
        let message = if assignments.is_empty() {
            "the SSO extension policy is exported with its assignments and has none: no device receives it"
        } else {
            "the SSO extension policy only excludes groups: no device receives it"
        };
        out.push(
            Finding::new(
                "SSO120",
                message,
                s.policy
                    .assignments_loc
                    .clone()
                    .unwrap_or_else(|| s.policy.loc.clone()),
            )
            .with_object(Some(s.policy.object.clone()))
            .with_help("assign the policy to all users or to the groups that enroll"),
        );
    }
}
