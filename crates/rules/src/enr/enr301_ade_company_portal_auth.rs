//! ENR301 enr-ade-company-portal-auth: an ADE profile authenticates in the Company Portal.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{AdeAuth, Tenant};

pub const RULE: Rule = Rule {
    code: "ENR301",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in &t.ade_profiles {
        // Both methods set is ENR303's.
        if p.auth_method() != AdeAuth::CompanyPortal {
            continue;
        }
        let Some(cp) = &p.company_portal_auth else {
            continue;
        };
        out.push(
            Finding::new(
                "ENR301",
                "the profile sets `enableAuthenticationViaCompanyPortal` (read as the Company Portal authentication method): just-in-time registration needs Setup Assistant with modern authentication, and Intune blocks Company Portal enrollments for users targeted by an account-driven user enrollment profile",
                cp.loc.clone(),
            )
            .with_object(Some(p.policy.object.clone()))
            .with_help("select Setup Assistant with modern authentication as the authentication method"),
        );
    }
}
