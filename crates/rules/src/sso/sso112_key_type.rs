//! SSO112 sso-key-type: a documented plug-in key with another type than documented.

use super::{INTEGER_FLAGS, USE_MOST_SECURE_STORAGE};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{EntryType, LIST_KEYS, SsoExtension};

pub const RULE: Rule = Rule {
    code: "SSO112",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    for entry in &ext.entries {
        let key = entry.trimmed_key();
        let declared = &entry.declared;
        // An entry whose type the export doesn't say can't be judged.
        if matches!(declared, EntryType::Other(t) if t == "untyped") {
            continue;
        }
        // `device_registration` and `browser_sso_interaction_enabled` are SSO103's and
        // SSO106's, so they are not in these lists.
        let (ok, documented) = if INTEGER_FLAGS.contains(&key) {
            (*declared == EntryType::Integer, "an Integer (1 or 0)")
        } else if LIST_KEYS.contains(&key) {
            (
                *declared == EntryType::String,
                "a String (a comma-separated list)",
            )
        } else if key == USE_MOST_SECURE_STORAGE {
            (
                matches!(declared, EntryType::Boolean | EntryType::Integer),
                "a Boolean or an Integer",
            )
        } else {
            continue;
        };
        if ok {
            continue;
        }
        out.push(
            Finding::new(
                "SSO112",
                format!(
                    "`{key}` is typed {}; it is documented as {documented}",
                    declared.name()
                ),
                entry.type_loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help(format!("make `{key}` {documented}")),
        );
    }
}
