//! APP201 app-authenticator-missing: an iOS Entra SSO policy, apps exported, no Authenticator.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::AUTHENTICATOR_BUNDLE_ID;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "APP201",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    let sso: Vec<_> = t.ios_entra_sso().collect();
    if sso.is_empty() {
        return;
    }
    if !t.holds_apps() {
        t.not_run("APP201", "the export holds no apps");
        return;
    }
    if t.authenticators().next().is_some() {
        return;
    }
    if t.apps_partial {
        t.not_run(
            "APP201",
            "the apps were exported as one page of a longer Graph collection (`@odata.nextLink`): Microsoft Authenticator may be on a page that is not in the export",
        );
        return;
    }
    let count = t.apps.len() + t.other_apps;
    for s in sso {
        let loc = s
            .ios_entra()
            .map_or_else(|| s.policy.loc.clone().into(), |e| e.loc.clone());
        out.push(
            Finding::new(
                "APP201",
                format!(
                    "the Microsoft Entra SSO extension runs inside Microsoft Authenticator, but none of the {count} exported apps has bundle ID `{AUTHENTICATOR_BUNDLE_ID}`"
                ),
                loc.clone(),
            )
            .with_object(Some(s.policy.object.clone()))
            .with_help("add Microsoft Authenticator (App Store or VPP) and assign it as a required app to the users the SSO policy targets"),
        );
    }
}
