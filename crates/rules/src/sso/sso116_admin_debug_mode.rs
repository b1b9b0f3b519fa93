//! SSO116 sso-admin-debug-mode: `admin_debug_mode_enabled` left on.

use super::ADMIN_DEBUG_MODE;
use intune_lint_core::finding::Finding;
use intune_lint_core::node::Value;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{SsoExtension, trim};

pub const RULE: Rule = Rule {
    code: "SSO116",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    for entry in ext.entries_named(ADMIN_DEBUG_MODE) {
        let Some(value) = &entry.value else {
            continue;
        };
        // A wrongly typed "on" is still meant as on (its type is SSO112's).
        let on = match &value.value {
            Value::Integer(i) => *i != 0,
            Value::Bool(b) => *b,
            Value::String(s) => matches!(trim(s), "1" | "true" | "True" | "TRUE"),
            _ => false,
        };
        if !on {
            continue;
        }
        out.push(
            Finding::new(
                "SSO116",
                format!("`{ADMIN_DEBUG_MODE}` is on: it is meant to be enabled only temporarily, to capture app bundle IDs in the Authenticator logs"),
                value.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help(format!("remove `{ADMIN_DEBUG_MODE}` or set it to 0 once you have the bundle IDs")),
        );
    }
}
