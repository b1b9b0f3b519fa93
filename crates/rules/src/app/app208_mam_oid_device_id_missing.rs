//! APP208 app-mam-oid-device-id-missing: an app protection policy for managed devices
//! covers an app no app configuration policy gives `IntuneMAMOID` (every app) or
//! `IntuneMAMDeviceID` (third-party and line-of-business apps).

use super::app204_mam_upn_missing::EXEMPT;
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "APP208",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, settings: &Settings, out: &mut Vec<Finding>) {
    let policies = t.mdm_app_protections();
    if policies.is_empty() {
        return;
    }
    let not_run = if t.app_configs.is_empty() {
        Some("the export holds no app configuration policies")
    } else if t.apps.is_empty() {
        Some("the export holds no iOS apps: the apps app configuration policies target are unknown")
    } else if t.app_configs.iter().any(|c| c.xml_unreadable) {
        Some("an app configuration policy's encodedSettingXml could not be read")
    } else {
        None
    };
    if let Some(reason) = not_run {
        t.not_run("APP208", reason);
        return;
    }
    let (oid, device_id) = (
        t.bundle_ids_configured_with("IntuneMAMOID"),
        t.bundle_ids_configured_with("IntuneMAMDeviceID"),
    );
    for p in policies {
        for id in &p.bundle_ids {
            let bundle = id.value.trim();
            // Intune sends these apps the values itself (What's new, November 18, 2024).
            if EXEMPT.iter().any(|e| e.eq_ignore_ascii_case(bundle)) {
                continue;
            }
            let mut missing = Vec::new();
            let lower = bundle.to_ascii_lowercase();
            if !oid.contains(&lower) {
                missing.push("`IntuneMAMOID` = `{{userid}}`");
            }
            if !settings.is_microsoft_bundle_id(bundle) && !device_id.contains(&lower) {
                missing.push("`IntuneMAMDeviceID` = `{{deviceID}}`");
            }
            if missing.is_empty() {
                continue;
            }
            let keys: Vec<&str> = missing
                .iter()
                .map(|m| m.split(" = ").next().unwrap_or(m))
                .collect();
            out.push(
                Finding::new(
                    "APP208",
                    format!(
                        "app protection policy {} targets apps on Intune-managed devices, but no app configuration policy sets {} for `{bundle}`: Intune documents both IntuneMAMUPN and IntuneMAMOID for every managed app, and IntuneMAMDeviceID for third-party and line-of-business apps",
                        p.policy.describe(),
                        keys.join(" or ")
                    ),
                    id.loc.clone(),
                )
                .with_object(Some(p.policy.object.clone()))
                .with_help(format!(
                    "add to the app configuration policy for managed devices targeting `{bundle}`: {}",
                    missing.join(", ")
                )),
            );
        }
    }
}
