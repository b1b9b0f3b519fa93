//! ENR302 enr-ade-legacy-setup-assistant: an ADE profile uses Setup Assistant (legacy).

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{AdeAuth, Tenant};

pub const RULE: Rule = Rule {
    code: "ENR302",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in &t.ade_profiles {
        if p.auth_method() != AdeAuth::Legacy {
            continue;
        }
        let Some(web) = &p.configuration_web_url else {
            continue;
        };
        out.push(
            Finding::new(
                "ENR302",
                "the profile requires user authentication with `configurationWebUrl` false and without `enableAuthenticationViaCompanyPortal`: read as Setup Assistant (legacy), which Microsoft recommends avoiding",
                web.loc.clone(),
            )
            .with_object(Some(p.policy.object.clone()))
            .with_help("select Setup Assistant with modern authentication as the authentication method"),
        );
    }
}
