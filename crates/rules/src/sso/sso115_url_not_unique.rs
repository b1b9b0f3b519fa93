//! SSO115 sso-url-not-unique: one URL domain (or Credential/Kerberos host name) in several
//! SSO extension profiles whose targets are known to meet on a device. Profiles that can
//! only be assumed to meet (assignments unknown) are SSO122's.

use intune_lint_core::classify::Kind;
use intune_lint_core::finding::Finding;
use intune_lint_core::location::Location;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::{ENTRA_URLS, ExtensionType, Platform, trim};
use intune_lint_core::views::tenant::{Policy, Target, TargetKind, Tenant, may_overlap};
use std::collections::{BTreeMap, HashMap};

pub const RULE: Rule = Rule {
    code: "SSO115",
    check: Check::Tenant(check),
};

/// How two profiles' targets meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meet {
    /// Both assignments are exported and share a target, with no exclusion that could
    /// take it away.
    Known,
    /// At least one profile's assignments are unknown (a standalone `.mobileconfig`, an
    /// object exported without them).
    Assumed,
    /// They share a target, but an exclusion may keep the profiles apart.
    ExclusionsUnknown,
}

/// One URL of a profile: its domain and where it is (the extension itself for the URLs
/// the Entra ID type installs without writing them).
#[derive(Clone)]
pub struct Url {
    pub domain: String,
    pub loc: Location,
    pub implicit: bool,
}

/// The URLs two profiles share: `(url in the later, url in the earlier)`.
pub type Shared = Vec<(Url, Url)>;

/// Two profiles sharing URL domains: `(later profile, earlier profile, how they meet,
/// shared URLs)`, in file order.
pub type Pair = (usize, usize, Meet, Shared);

/// The host of a URL, lower-cased: Intune's reference says a domain can't be repeated.
fn domain(url: &str) -> String {
    let url = trim(url).to_ascii_lowercase();
    let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    host.split(':').next().unwrap_or_default().to_string()
}

/// What makes two exported profiles one profile: the same Graph id (one policy exported
/// twice), or Apple profiles with one PayloadIdentifier, which never sit on a device
/// together: installing one replaces the other (and copies of one profile, XML and
/// binary, share it). As a key, so copies are found without comparing every pair.
fn profile_key(p: &Policy) -> Option<(bool, String)> {
    if let Some(id) = p.id() {
        return Some((true, id.trim().to_ascii_lowercase()));
    }
    match (&p.kind, p.object.id()) {
        (Kind::AppleProfile, Some(id)) => Some((false, id.to_string())),
        _ => None,
    }
}

/// Whether two profiles (not copies of one: see [`profile_key`]) meet on a device.
fn meet(a: &Policy, b: &Policy) -> Option<Meet> {
    match (&a.assignments, &b.assignments) {
        (Some(_), Some(_)) => {
            let overlap = a
                .includes()
                .any(|x| b.includes().any(|y| may_overlap(x, y)));
            let excludes = a.excludes().next().is_some() || b.excludes().next().is_some();
            match (overlap, excludes) {
                (false, _) => None,
                (true, false) => Some(Meet::Known),
                (true, true) => Some(Meet::ExclusionsUnknown),
            }
        }
        _ => Some(Meet::Assumed),
    }
}

fn is_broad(t: &Target) -> bool {
    matches!(t.kind, TargetKind::AllUsers | TargetKind::AllDevices)
}

/// The holders of one domain seen so far (positions in file order), filed by how a later
/// profile can meet them (see [`meet`]): its first partner is the first entry of one of a
/// few lists, not the result of a scan over every earlier holder, which was quadratic in
/// the profiles sharing a domain (every tenant of an MSP export shares the Entra URLs).
#[derive(Default)]
struct Seen {
    all: Vec<usize>,
    /// Assignments not exported: meets every profile.
    unassigned: Vec<usize>,
    /// At least one include: meets a profile with a broad include.
    including: Vec<usize>,
    /// An "All users" or "All devices" include: meets every profile with an include.
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

    /// The first earlier holder whose profile `p` may meet and `ok` accepts.
    fn first_meeting(&self, p: &Policy, ok: impl Fn(usize) -> bool) -> Option<usize> {
        let first = |list: &[usize]| list.iter().copied().find(|&m| ok(m));
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

/// The URL domains and host names of profile `i`, each with the index of its extension.
fn urls(t: &Tenant, i: usize) -> Vec<(usize, Platform, Url)> {
    let mut out: Vec<(usize, Platform, Url)> = Vec::new();
    for (x, e) in t.sso[i].extensions.iter().enumerate() {
        if e.extension_type == ExtensionType::EntraId {
            for u in ENTRA_URLS {
                out.push((
                    x,
                    e.platform,
                    Url {
                        domain: domain(u),
                        loc: e.loc.clone(),
                        implicit: true,
                    },
                ));
            }
        }
        for u in &e.urls {
            out.push((
                x,
                e.platform,
                Url {
                    domain: domain(&u.value),
                    loc: u.loc.clone(),
                    implicit: false,
                },
            ));
        }
        // Credential and Kerberos host and domain names: Apple requires "all the host and
        // domain names of all installed Extensible SSO payloads" to be unique. A leading
        // `.` (a wildcard suffix) is part of the name.
        for h in &e.hosts {
            out.push((
                x,
                e.platform,
                Url {
                    domain: trim(&h.value).to_ascii_lowercase(),
                    loc: h.loc.clone(),
                    implicit: false,
                },
            ));
        }
    }
    out.retain(|(_, _, u)| !u.domain.is_empty());
    out
}

/// Every pair of profiles that share a URL domain and can land on one device. A pair of
/// one profile with itself is two of its payloads (or Settings Catalog extensions) sharing
/// a domain: one profile is installed whole, so they always meet.
pub fn shared_domains(t: &Tenant) -> Vec<Pair> {
    let all: Vec<Vec<(usize, Platform, Url)>> = (0..t.sso.len()).map(|i| urls(t, i)).collect();
    // Domain → the extensions holding it: (profile, extension, platform, first URL).
    type Holder<'a> = (usize, usize, Platform, &'a Url);
    let mut by_domain: BTreeMap<&str, Vec<Holder>> = BTreeMap::new();
    for (i, list) in all.iter().enumerate() {
        for (x, platform, u) in list {
            let holders = by_domain.entry(u.domain.as_str()).or_default();
            // One extension's URLs are pushed one after another: the last entry suffices.
            if holders
                .last()
                .is_none_or(|(j, y, _, _)| !(*j == i && y == x))
            {
                holders.push((i, *x, *platform, u));
            }
        }
    }
    // Profiles in the order the export was read (walk order), not by the spelling of their
    // paths: a run that names one file must pick the same "first" profile as the whole run.
    // Within a profile, by byte offset (lines are worked out only for reported locations).
    let order = |u: &Url| u.loc.span.as_ref().map(|s| s.start);
    // Each profile's first copy in the export: a later copy is the same profile, and a
    // profile read between two copies meets it once, not once per copy.
    let mut first_copy: HashMap<(bool, String), usize> = HashMap::new();
    let canonical: Vec<usize> = t
        .sso
        .iter()
        .enumerate()
        .map(|(i, s)| match profile_key(&s.policy) {
            Some(key) => *first_copy.entry(key).or_insert(i),
            None => i,
        })
        .collect();
    let mut pairs: BTreeMap<(usize, usize), (Meet, Shared)> = BTreeMap::new();
    for holders in by_domain.values().filter(|h| h.len() > 1) {
        let mut sorted = holders.clone();
        sorted.sort_by_key(|(i, _, _, u)| (*i, order(u)));
        let mut seen = Seen::default();
        let mut first_of: HashMap<usize, usize> = HashMap::new();
        let mut holder_of: HashMap<usize, usize> = HashMap::new();
        for (n, &(i, _, platform, url)) in sorted.iter().enumerate() {
            // A copy of a profile that already holds the domain adds nothing.
            if *holder_of.entry(canonical[i]).or_insert(i) != i {
                continue;
            }
            let policy = &t.sso[i].policy;
            // Another payload of the same profile is a certain conflict: it comes first.
            let same_profile = first_of.get(&i).map(|&m| (i, Meet::Known, sorted[m].3));
            let found = same_profile.or_else(|| {
                let m = seen.first_meeting(policy, |m| {
                    let (j, _, other, _) = sorted[m];
                    // An iOS and a macOS profile never land on the same device.
                    same_device_kind(platform, other) && canonical[i] != canonical[j]
                })?;
                let (j, _, _, first) = sorted[m];
                meet(policy, &t.sso[j].policy).map(|k| (j, k, first))
            });
            first_of.entry(i).or_insert(n);
            seen.add(policy, n);
            let Some((j, m, first)) = found else {
                continue;
            };
            let (i, url) = (&i, &url);
            let entry = pairs.entry((*i, j)).or_insert((m, Vec::new()));
            // One domain held by two payloads of profile `i` is still one shared domain.
            if !entry.1.iter().any(|(u, _)| u.domain == url.domain) {
                entry.1.push(((*url).clone(), first.clone()));
            }
        }
    }
    pairs
        .into_iter()
        .map(|((i, j), (m, mut shared))| {
            shared.sort_by_key(|(u, _)| order(u));
            (i, j, m, shared)
        })
        .collect()
}

/// "the domain `login.contoso.com`" / "3 domains (`a`, `b`, `c`)", saying once when some
/// come from the Microsoft Entra ID type, which installs them without writing them.
pub fn describe(shared: &[(Url, Url)]) -> String {
    let names: Vec<String> = shared
        .iter()
        .map(|(u, _)| format!("`{}`", u.domain))
        .collect();
    let what = match names.len() {
        1 => format!("the domain {}", names[0]),
        n => format!("{n} domains ({})", names.join(", ")),
    };
    let implicit = shared
        .iter()
        .filter(|(u, o)| u.implicit || o.implicit)
        .count();
    match implicit {
        0 => what,
        n if n == shared.len() => {
            format!("{what}, which the Microsoft Entra ID type installs without writing,")
        }
        _ => format!("{what}, some of which the Microsoft Entra ID type installs without writing,"),
    }
}

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for (i, j, m, shared) in shared_domains(t) {
        if m != Meet::Known {
            continue;
        }
        let (url, first) = &shared[0];
        let verb = if shared.len() == 1 { "is" } else { "are" };
        out.push(
            Finding::new(
                "SSO115",
                if i == j {
                    format!(
                        "{} {verb} also in another SSO extension payload of this profile: Apple requires the URLs, host and domain names of all installed Extensible SSO payloads to be unique",
                        describe(&shared),
                    )
                } else {
                    format!(
                        "{} {verb} also in SSO extension profile {}, and both are assigned to the same users or devices: a domain can't be repeated in any SSO app extension profile",
                        describe(&shared),
                        t.sso[j].policy.describe()
                    )
                },
                url.loc.clone(),
            )
            .with_object(Some(t.sso[i].policy.object.clone()))
            .with_related("the same domain is here", first.loc.clone())
            .with_help(if i == j {
                "keep each domain in one SSO extension payload"
            } else {
                "keep each domain in one SSO extension profile, or assign the profiles to groups that never meet"
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::domain;

    #[test]
    fn urls_compare_by_domain() {
        assert_eq!(
            domain("https://Login.Contoso.com/path?q"),
            "login.contoso.com"
        );
        assert_eq!(domain("http://login.contoso.com:8443"), "login.contoso.com");
        assert_eq!(domain(" login.contoso.com/"), "login.contoso.com");
    }
}
