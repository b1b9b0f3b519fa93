//! APP206 app-company-portal-config-after-modern-auth: an app configuration policy for the
//! Company Portal while ADE uses Setup Assistant with modern authentication.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::{AppRef, COMPANY_PORTAL_BUNDLE_ID, Tenant};

pub const RULE: Rule = Rule {
    code: "APP206",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    if t.app_configs.is_empty() {
        return;
    }
    let modern: Vec<_> = t
        .ade_profiles
        .iter()
        .filter(|p| p.uses_modern_auth())
        .collect();
    if t.ade_profiles.is_empty() {
        t.not_run(
            "APP206",
            "the export holds no automated device enrollment profiles",
        );
        return;
    }
    if modern.is_empty() {
        return;
    }
    if t.apps.is_empty() {
        t.not_run(
            "APP206",
            "the export holds no iOS apps: the apps app configuration policies target are unknown",
        );
        return;
    }
    for c in &t.app_configs {
        let Some(target) = c.targets.iter().find(|r| {
            t.resolve_app(r)
                .iter()
                .any(|a| a.has_bundle_id(COMPANY_PORTAL_BUNDLE_ID))
        }) else {
            continue;
        };
        let loc = match target {
            AppRef::Id(l) | AppRef::Name(l) => l.loc.clone(),
        };
        let mut f = Finding::new(
            "APP206",
            format!(
                "app configuration policy {} targets the Company Portal while automated device enrollment uses Setup Assistant with modern authentication: Intune applies the Company Portal's configuration itself, and a separate policy results in an error",
                c.policy.describe()
            ),
            loc,
        )
        .with_object(Some(c.policy.object.clone()))
        .with_help("remove this app configuration policy, or exclude the devices enrolled with Setup Assistant with modern authentication");
        for p in &modern {
            if let Some(v) = &p.configuration_web_url {
                f = f.with_related(
                    format!(
                        "ADE profile {} uses modern authentication (`configurationWebUrl`)",
                        p.policy.describe()
                    ),
                    v.loc.clone(),
                );
            }
        }
        out.push(f);
    }
}
