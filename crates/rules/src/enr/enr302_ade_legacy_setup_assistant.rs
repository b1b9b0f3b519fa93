//! ENR302 enr-ade-legacy-setup-assistant: an ADE profile uses Setup Assistant (legacy).

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "ENR302",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in &t.ade_profiles {
        let Some(auth) = p.requires_user_authentication.as_ref().filter(|v| v.value) else {
            continue;
        };
        if p.uses_company_portal() || p.modern_auth_signal().is_some() {
            continue;
        }
        out.push(
            Finding::new(
                "ENR302",
                "the profile requires user authentication but neither uses the Company Portal nor Setup Assistant with modern authentication (`configurationWebUrl`, `requireCompanyPortalOnSetupAssistantEnrolledDevices` are not true): this is Setup Assistant (legacy), which Microsoft recommends avoiding",
                auth.loc.clone(),
            )
            .with_object(Some(p.policy.object.clone()))
            .with_help("select Setup Assistant with modern authentication as the authentication method"),
        );
    }
}
