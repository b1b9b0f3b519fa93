//! SSO113 sso-duplicate-key: the same ExtensionData key twice (after trimming). Keys that
//! differ only in case are distinct keys to the plug-in: SSO111 reports the misspelt one.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{Source, SsoExtension, visible};

pub const RULE: Rule = Rule {
    code: "SSO113",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    for (i, entry) in ext.entries.iter().enumerate() {
        let key = entry.trimmed_key();
        if key.is_empty() {
            continue;
        }
        let earlier = &ext.entries[..i];
        let Some(first) = earlier.iter().find(|e| e.trimmed_key() == key) else {
            continue;
        };
        // Two identical keys in one plist dictionary are EXP904's.
        if ext.source == Source::Profile && earlier.iter().any(|e| e.key.value == entry.key.value) {
            continue;
        }
        let first_key = first.trimmed_key();
        let how = if first.key.value == entry.key.value {
            String::new()
        } else {
            format!(" (as `{}`)", visible(&first.key.value))
        };
        out.push(
            Finding::new(
                "SSO113",
                format!("key `{key}` is configured twice{how}: only one value can take effect"),
                entry.key.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_related(
                format!("`{first_key}` first configured here"),
                first.key.loc.clone(),
            )
            .with_help("keep one entry for this key, with the value you mean"),
        );
    }
}
