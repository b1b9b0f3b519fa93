//! SSO111 sso-key-typo: a key that is a near miss of a documented plug-in key (heuristic).

use super::{documented_keys, is_variant_of_another_key};
use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{SsoExtension, non_ascii_note, visible};

pub const RULE: Rule = Rule {
    code: "SSO111",
    check: Check::Sso(check),
};

fn check(ext: &SsoExtension, _settings: &Settings, out: &mut Vec<Finding>) {
    // Other vendors' extensions have their own keys.
    if !ext.is_entra() {
        return;
    }
    for (i, entry) in ext.entries.iter().enumerate() {
        // Whitespace alone is SSO101's or SSO110's: compare trimmed keys.
        let key = entry.trimmed_key();
        let Some(intended) = intended_key(key) else {
            continue;
        };
        // A spaced copy of another entry's key is a duplicate: SSO113's.
        if is_variant_of_another_key(ext, i) {
            continue;
        }
        let how = if key.eq_ignore_ascii_case(intended) {
            "differs only in case from"
        } else {
            "looks like a misspelling of"
        };
        let mut note = non_ascii_note(key);
        if !note.is_empty() {
            note.push(',');
        }
        out.push(
            Finding::new(
                "SSO111",
                format!("key `{}`{note} {how} the documented key `{intended}`; the plug-in matches keys exactly and ignores it", visible(key)),
                entry.key.loc.clone(),
            )
            .with_object(Some(ext.object.clone()))
            .with_help(format!("rename the key to `{intended}`")),
        );
    }
}

/// The documented key `key` is a near miss of: the same ignoring case, `_` and `-`, or
/// within a small edit distance (1 for short keys, 2 from 12 characters on).
pub fn intended_key(key: &str) -> Option<&'static str> {
    if key.is_empty() || documented_keys().any(|k| k == key) {
        return None;
    }
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let squashed = squash(key);
    if let Some(k) = documented_keys().find(|k| squash(k) == squashed) {
        return Some(k);
    }
    let lower = key.to_lowercase();
    let chars = lower.chars().count();
    // The distance is at least the difference in length: a key far longer than every
    // documented one (a hostile file's megabyte key) costs no table of its size.
    documented_keys()
        .filter(|k| k.chars().count().abs_diff(chars) <= 2)
        .map(|k| (k, edit_distance(&lower, &k.to_lowercase())))
        .filter(|(k, d)| *d <= if k.len() >= 12 { 2 } else { 1 })
        .min_by_key(|(_, d)| *d)
        .map(|(k, _)| k)
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::intended_key;

    #[test]
    fn finds_near_misses_only() {
        assert_eq!(
            intended_key("Device_Registration"),
            Some("device_registration")
        );
        assert_eq!(
            intended_key("browser_sso_interaction_enable"),
            Some("browser_sso_interaction_enabled")
        );
        assert_eq!(
            intended_key("Enable_SSO_On_All_Managed_Apps"),
            Some("Enable_SSO_On_All_ManagedApps")
        );
        assert_eq!(
            intended_key("AppPrefixAllowlist"),
            Some("AppPrefixAllowList")
        );
        assert_eq!(intended_key("AppAlowList"), Some("AppAllowList"));
        assert_eq!(intended_key("device_registration"), None);
        assert_eq!(intended_key("AppBlockList"), None);
        assert_eq!(intended_key("tenant_id"), None);
        assert_eq!(intended_key("sharedDeviceMode"), None);
        assert_eq!(intended_key(&"device_registration".repeat(50_000)), None);
    }
}
