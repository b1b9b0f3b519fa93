//! SSO115 sso-url-not-unique: one explicit URL in several SSO extension profiles that can
//! land on the same device.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{ExtensionType, Located, Platform};
use intune_lint_core::views::tenant::{Policy, Target, TargetKind, Tenant, may_overlap};
use std::collections::{BTreeMap, HashMap};

pub const RULE: Rule = Rule {
    code: "SSO115",
    check: Check::Tenant(check),
};

fn normalize(url: &str) -> String {
    url.trim().trim_end_matches('/').to_ascii_lowercase()
}

/// Two copies of one policy (the same id, exported twice) are one profile.
fn same_id(a: &Policy, b: &Policy) -> bool {
    matches!((&a.id, &b.id), (Some(x), Some(y)) if x.trim().eq_ignore_ascii_case(y.trim()))
}

/// Two policies can reach one device: a common target, or assignments not exported.
fn may_meet(a: &Policy, b: &Policy) -> bool {
    if same_id(a, b) {
        return false;
    }
    match (&a.assignments, &b.assignments) {
        (Some(_), Some(_)) => a
            .includes()
            .any(|x| b.includes().any(|y| may_overlap(x, y))),
        _ => true,
    }
}

fn is_broad(t: &Target) -> bool {
    matches!(t.kind, TargetKind::AllUsers | TargetKind::AllDevices)
}

/// The holders of one URL seen so far (positions in file order), filed by how a later
/// holder can meet them (see [`may_meet`]): its first partner is the first entry of one of
/// a few lists, not the result of a scan over every earlier holder, which was quadratic
/// in the profiles sharing a URL.
#[derive(Default)]
struct Seen {
    all: Vec<usize>,
    /// Assignments not exported: meets every policy.
    unassigned: Vec<usize>,
    /// At least one include: meets a policy with a broad include.
    including: Vec<usize>,
    /// An "All users" or "All devices" include: meets every policy with an include.
    broad: Vec<usize>,
    by_group: HashMap<String, Vec<usize>>,
}

impl Seen {
    fn add(&mut self, p: &Policy, n: usize) {
        self.all.push(n);
        if p.assignments.is_none() {
            self.unassigned.push(n);
            return;
        }
        if p.includes().next().is_some() {
            self.including.push(n);
        }
        if p.includes().any(is_broad) {
            self.broad.push(n);
        }
        let mut keys: Vec<String> = p.includes().filter_map(Target::group_key).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            self.by_group.entry(k).or_default().push(n);
        }
    }

    /// The first earlier holder that `p` may meet and `ok` accepts.
    fn first_meeting(&self, p: &Policy, n: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
        let first = |list: &[usize]| list.iter().copied().take_while(|&m| m < n).find(|&m| ok(m));
        if p.assignments.is_none() {
            return first(&self.all);
        }
        let mut lists: Vec<&[usize]> = vec![&self.unassigned];
        if p.includes().any(is_broad) {
            lists.push(&self.including);
        } else if p.includes().next().is_some() {
            lists.push(&self.broad);
        }
        for k in p.includes().filter_map(Target::group_key) {
            if let Some(l) = self.by_group.get(&k) {
                lists.push(l);
            }
        }
        lists.into_iter().filter_map(first).min()
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
                // A policy's entries are pushed one after another: checking the last suffices.
                if list.last().is_none_or(|(j, _, _)| *j != i) {
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
        let mut seen = Seen::default();
        for (n, (i, platform, url)) in sorted.iter().enumerate() {
            let policy = &t.sso[*i].policy;
            // An iOS and a macOS profile never land on the same device.
            let partner = seen.first_meeting(policy, n, |m| {
                let (j, other, _) = sorted[m];
                same_device_kind(*platform, other) && !same_id(policy, &t.sso[j].policy)
            });
            if let Some(m) = partner {
                let (j, _, first) = sorted[m];
                debug_assert!(may_meet(policy, &t.sso[j].policy));
                pairs.entry((*i, j)).or_default().push((url, first));
            }
            seen.add(policy, n);
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
