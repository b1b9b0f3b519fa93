//! SSO119 sso-shared-device-mode-mismatch: shared device mode on one side only.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::Source;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "SSO119",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    let sso_shared: Vec<_> = t
        .ios_entra_sso()
        .flat_map(|s| s.extensions.iter().map(move |e| (s, e)))
        .filter(|(_, e)| e.is_entra())
        .filter_map(|(s, e)| Some((s, e.shared_device_mode.as_ref().filter(|m| m.value)?)))
        .collect();
    let ade_shared: Vec<_> = t
        .ade_profiles
        .iter()
        .filter_map(|p| Some((p, p.userless_shared_mode.as_ref().filter(|m| m.value)?)))
        .collect();
    if !sso_shared.is_empty() && ade_shared.is_empty() {
        if t.ade_profiles.is_empty() {
            t.not_run(
                "SSO119",
                "the export holds no automated device enrollment profiles",
            );
            return;
        }
        for (s, m) in &sso_shared {
            out.push(
                Finding::new(
                    "SSO119",
                    "the SSO extension enables shared device mode, but no exported automated device enrollment profile enrolls in Microsoft Entra shared mode (`userlessSharedAadModeEnabled`)",
                    m.loc.clone(),
                )
                .with_object(Some(s.policy.object.clone()))
                .with_help("enable shared device mode only for devices enrolled with Microsoft Entra shared mode, or set it to false"),
            );
        }
    }
    if !ade_shared.is_empty() && sso_shared.is_empty() {
        let entra: Vec<_> = t.ios_entra_sso().collect();
        if entra.is_empty() {
            t.not_run(
                "SSO119",
                "the export holds no iOS Microsoft Entra SSO policy",
            );
            return;
        }
        // Only the Graph template states shared device mode; other forms are unknown.
        let all_templates = entra.iter().all(|s| {
            s.extensions
                .iter()
                .filter(|e| e.is_entra())
                .all(|e| e.source == Source::GraphTemplate)
        });
        if !all_templates {
            return;
        }
        for (p, m) in &ade_shared {
            let mut f = Finding::new(
                "SSO119",
                format!(
                    "ADE profile {} enrolls in Microsoft Entra shared mode, but no SSO extension policy enables shared device mode",
                    p.policy.describe()
                ),
                m.loc.clone(),
            )
            .with_object(Some(p.policy.object.clone()))
            .with_help("set `enableSharedDeviceMode` to true in the SSO extension policy for these devices");
            for s in &entra {
                if let Some(e) = s.ios_entra() {
                    f = f.with_related(
                        format!(
                            "SSO policy {} without shared device mode",
                            s.policy.describe()
                        ),
                        e.loc.clone(),
                    );
                }
            }
            out.push(f);
        }
    }
}
