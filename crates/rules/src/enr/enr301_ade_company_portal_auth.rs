//! ENR301 enr-ade-company-portal-auth: an ADE profile authenticates in the Company Portal.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "ENR301",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in &t.ade_profiles {
        let Some(cp) = p.company_portal_auth.as_ref().filter(|v| v.value) else {
            continue;
        };
        // Both methods set: ENR303 reports the ambiguity instead.
        if p.modern_auth_signal().is_some() {
            continue;
        }
        out.push(
            Finding::new(
                "ENR301",
                "the profile authenticates users in the Company Portal app: just-in-time registration needs Setup Assistant with modern authentication, and Intune blocks this enrollment for users targeted by an account-driven user enrollment profile",
                cp.loc.clone(),
            )
            .with_object(Some(p.policy.object.clone()))
            .with_help("select Setup Assistant with modern authentication as the authentication method"),
        );
    }
}
