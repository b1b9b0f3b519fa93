//! SSO121 sso-native-prompt-with-app-protection: `disable_explicit_native_app_prompt*` is
//! set on the Microsoft Entra extension while iOS app protection policies exist.

use intune_lint_core::finding::Finding;
use intune_lint_core::node::Value;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{Entry, Platform, trim};
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "SSO121",
    check: Check::Tenant(check),
};

/// The keys the Entra plug-in page lists under "Following settings aren't recommended if
/// App protection policies are in use".
const KEYS: &[&str] = &[
    "disable_explicit_native_app_prompt",
    "disable_explicit_native_app_prompt_and_autologin",
];

/// The documented default (0) changes nothing; any other value turns the setting on.
fn is_default(e: &Entry) -> bool {
    match e.value.as_ref().map(|v| &v.value) {
        Some(Value::Integer(0)) | Some(Value::Bool(false)) => true,
        Some(Value::String(s)) => matches!(trim(s), "0" | "false" | "False"),
        _ => false,
    }
}

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for s in &t.sso {
        for ext in s
            .extensions
            .iter()
            .filter(|e| e.is_entra() && e.platform != Platform::Macos)
        {
            for e in ext
                .entries
                .iter()
                .filter(|e| KEYS.contains(&e.trimmed_key()))
            {
                if is_default(e) {
                    continue;
                }
                // No app protection policy in the export: none in use, or not exported.
                let Some(app) = t.app_protections.first() else {
                    t.not_run(
                        "SSO121",
                        "the export holds no iOS app protection policies: whether they are in use is unknown",
                    );
                    return;
                };
                out.push(
                    Finding::new(
                        "SSO121",
                        format!(
                            "`{}` is set while the export holds iOS app protection policies: Microsoft doesn't recommend this setting when app protection policies are in use",
                            e.trimmed_key()
                        ),
                        e.key.loc.clone(),
                    )
                    .with_object(Some(ext.object.clone()))
                    .with_related(
                        format!("app protection policy {}", app.policy.describe()),
                        app.policy.loc.clone(),
                    )
                    .with_help("remove the key (its default, 0, keeps the app prompt for MSAL apps)"),
                );
            }
        }
    }
}
