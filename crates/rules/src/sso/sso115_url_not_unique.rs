//! SSO115 sso-url-not-unique: one explicit URL in several SSO extension profiles that can
//! land on the same device.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{ExtensionType, Located, Platform};
use intune_lint_core::views::tenant::{Policy, Tenant, may_overlap};
use std::collections::BTreeMap;

pub const RULE: Rule = Rule {
    code: "SSO115",
    check: Check::Tenant(check),
};

fn normalize(url: &str) -> String {
    url.trim().trim_end_matches('/').to_ascii_lowercase()
}

/// Two policies can reach one device: a common target, or assignments not exported. Two
/// copies of one policy (the same id, exported twice) are one profile.
fn may_meet(a: &Policy, b: &Policy) -> bool {
    if let (Some(x), Some(y)) = (&a.id, &b.id)
        && x.trim().eq_ignore_ascii_case(y.trim())
    {
        return false;
    }
    match (&a.assignments, &b.assignments) {
        (Some(_), Some(_)) => a
            .includes()
            .any(|x| b.includes().any(|y| may_overlap(x, y))),
        _ => true,
    }
}

/// Both profiles can target one device: the same platform, or one not known.
fn same_device_kind(a: Platform, b: Platform) -> bool {
    a == b || a == Platform::Unknown || b == Platform::Unknown
}

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    // URL → (policy index, platform, the URL as written), explicit URLs only: the Entra
    // template's URLs are filled in by Intune and never written.
    type Holders<'a> = Vec<(usize, Platform, &'a Located<String>)>;
    let mut by_url: BTreeMap<String, Holders<'_>> = BTreeMap::new();
    for (i, s) in t.sso.iter().enumerate() {
        for e in s
            .extensions
            .iter()
            .filter(|e| e.extension_type != ExtensionType::EntraId)
        {
            for u in &e.urls {
                let list = by_url.entry(normalize(&u.value)).or_default();
                if !list.iter().any(|(j, _, _)| *j == i) {
                    list.push((i, e.platform, u));
                }
            }
        }
    }
    // One finding per pair of profiles (one problem), at the first shared URL of the later
    // profile, naming every URL they share.
    type Pair<'a> = Vec<(&'a Located<String>, &'a Located<String>)>;
    let mut pairs: BTreeMap<(usize, usize), Pair<'_>> = BTreeMap::new();
    for list in by_url.values().filter(|l| l.len() > 1) {
        let mut sorted = list.clone();
        sorted.sort_by(|a, b| a.2.loc.order_key().cmp(&b.2.loc.order_key()));
        for (n, (i, platform, url)) in sorted.iter().enumerate().skip(1) {
            // An iOS and a macOS profile never land on the same device.
            let Some((j, _, first)) = sorted[..n].iter().find(|(j, other, _)| {
                same_device_kind(*platform, *other)
                    && may_meet(&t.sso[*i].policy, &t.sso[*j].policy)
            }) else {
                continue;
            };
            pairs.entry((*i, *j)).or_default().push((url, first));
        }
    }
    for ((i, j), mut shared) in pairs {
        shared.sort_by(|a, b| a.0.loc.order_key().cmp(&b.0.loc.order_key()));
        let (url, first) = shared[0];
        let names: Vec<String> = shared
            .iter()
            .map(|(u, _)| format!("`{}`", u.value.trim()))
            .collect();
        let what = match names.len() {
            1 => format!("URL {}", names[0]),
            n => format!("{n} URLs ({})", names.join(", ")),
        };
        let verb = if shared.len() == 1 { "is" } else { "are" };
        out.push(
            Finding::new(
                "SSO115",
                format!(
                    "{what} {verb} also in SSO extension profile {}, and both can be installed on the same device: the URLs of all installed SSO extension payloads must be unique",
                    t.sso[j].policy.describe()
                ),
                url.loc.clone(),
            )
            .with_object(Some(t.sso[i].policy.object.clone()))
            .with_related("the same URL is here", first.loc.clone())
            .with_help("keep each URL in one SSO extension profile, or assign the profiles to groups that never meet"),
        );
    }
}
