//! APP204 app-mam-upn-missing: an app protection policy for managed devices covers an app
//! no app configuration policy gives `IntuneMAMUPN`.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "APP204",
    check: Check::Tenant(check),
};

/// Apps Intune sends IntuneMAMUPN itself (What's new, week of November 18, 2024):
/// Excel, Outlook, PowerPoint, Teams, Word.
pub(super) const EXEMPT: &[&str] = &[
    "com.microsoft.office.excel",
    "com.microsoft.office.outlook",
    "com.microsoft.office.powerpoint",
    "com.microsoft.skype.teams",
    "com.microsoft.office.word",
];

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    let policies = t.mdm_app_protections();
    if policies.is_empty() {
        return;
    }
    if t.app_configs.is_empty() {
        t.not_run("APP204", "the export holds no app configuration policies");
        return;
    }
    if t.apps.is_empty() {
        t.not_run(
            "APP204",
            "the export holds no iOS apps: the apps app configuration policies target are unknown",
        );
        return;
    }
    // A policy whose encodedSettingXml could not be read may set the key: unknown.
    if t.app_configs.iter().any(|c| c.xml_unreadable) {
        t.not_run(
            "APP204",
            "an app configuration policy's encodedSettingXml could not be read",
        );
        return;
    }
    let upn = t.bundle_ids_configured_with("IntuneMAMUPN");
    let configured = |bundle: &str| upn.contains(&bundle.to_ascii_lowercase());
    for p in policies {
        for id in &p.bundle_ids {
            let bundle = id.value.trim();
            if EXEMPT.iter().any(|e| e.eq_ignore_ascii_case(bundle)) || configured(bundle) {
                continue;
            }
            out.push(
                Finding::new(
                    "APP204",
                    format!(
                        "app protection policy {} targets apps on Intune-managed devices, but no app configuration policy sets `IntuneMAMUPN` for `{bundle}`: the policy doesn't apply to it on enrolled devices",
                        p.policy.describe()
                    ),
                    id.loc.clone(),
                )
                .with_object(Some(p.policy.object.clone()))
                .with_help(format!(
                    "add an app configuration policy for managed devices targeting `{bundle}` with `IntuneMAMUPN` = `{{{{userprincipalname}}}}`"
                )),
            );
        }
    }
}
