//! SSO103 sso-device-registration-type: `device_registration` is not typed String.

use super::DEVICE_REGISTRATION;
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{EntryType, SsoExtension};

pub const RULE: Rule = Rule {
    code: "SSO103",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    for entry in ext.entries_named(DEVICE_REGISTRATION) {
        if entry.declared == EntryType::String {
            continue;
        }
        out.push(
            Finding::new(
                "SSO103",
                match &entry.declared {
                    // No `@odata.type` on the pair, or no type picked in the catalog.
                    EntryType::Other(t) if t == "untyped" => {
                        format!("`{DEVICE_REGISTRATION}` has no declared type; it must be a String")
                    }
                    t => format!(
                        "`{DEVICE_REGISTRATION}` is typed {}; it must be a String",
                        t.name()
                    ),
                },
                entry.type_loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help("make it a String entry with the value `{{DEVICEREGISTRATION}}`"),
        );
    }
}
