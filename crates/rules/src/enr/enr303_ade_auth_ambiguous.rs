//! ENR303 enr-ade-auth-ambiguous: an ADE profile sets both Company Portal and modern auth.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{AdeAuth, Tenant};

pub const RULE: Rule = Rule {
    code: "ENR303",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in &t.ade_profiles {
        if p.auth_method() != AdeAuth::Both {
            continue;
        }
        let (Some(cp), Some(web)) = (&p.company_portal_auth, &p.configuration_web_url) else {
            continue;
        };
        out.push(
            Finding::new(
                "ENR303",
                "the profile sets both `enableAuthenticationViaCompanyPortal` and `configurationWebUrl`: Company Portal authentication and Setup Assistant with modern authentication are alternatives, so which one devices get is unclear",
                cp.loc.clone(),
            )
            .with_object(Some(p.policy.object.clone()))
            .with_related("`configurationWebUrl` is set here", web.loc.clone())
            .with_help("choose one authentication method; for just-in-time registration, set `enableAuthenticationViaCompanyPortal` to false"),
        );
    }
}
