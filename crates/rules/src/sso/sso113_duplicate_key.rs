//! SSO113 sso-duplicate-key: the same ExtensionData key twice (after trimming). Keys that
//! differ only in case are distinct keys to the plug-in: SSO111 reports the misspelt one.

use super::describe_whitespace;
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{Source, SsoExtension};
use std::collections::{HashMap, HashSet};

pub const RULE: Rule = Rule {
    code: "SSO113",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    // Maps from each key to its first entry keep this linear in the number of entries.
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    let mut exact: HashSet<&str> = HashSet::new();
    for (i, entry) in ext.entries.iter().enumerate() {
        let key = entry.trimmed_key();
        let seen_exact = !exact.insert(entry.key.value.as_str());
        if key.is_empty() {
            continue;
        }
        let first = *first_of.entry(key).or_insert(i);
        if first == i {
            continue;
        }
        let first = &ext.entries[first];
        // Two identical keys in one plist dictionary are EXP904's.
        if ext.source == Source::Profile && seen_exact {
            continue;
        }
        let first_key = first.trimmed_key();
        // The two differ only by whitespace or invisible characters around them: name it,
        // as both show the same on screen.
        let how = if first.key.value == entry.key.value {
            String::new()
        } else if entry.key.value != key {
            format!(" (here with {})", describe_whitespace(&entry.key.value))
        } else {
            format!(" (first with {})", describe_whitespace(&first.key.value))
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
