//! PRF: Apple configuration profiles checked against Apple's payload schema, whether they
//! are `.mobileconfig` files (XML, binary, signed) or Intune custom profiles' `payload`.
//!
//! The schema rules share one walk of each profile ([`check_as`]): it runs once per
//! document, from whichever of them is enabled first, and each keeps the issues it owns.

mod prf501_missing_key;
mod prf502_unknown_payload_type;
mod prf503_unknown_key;
mod prf504_duplicate_uuid;
mod prf505_duplicate_identifier;
mod prf506_value_type;
mod prf507_value_range;
mod prf508_malformed_identifier;
mod prf509_user_enrollment;
mod prf510_deprecated;
mod prf511_platform;

use intune_lint_core::classify::{Kind, Object};
use intune_lint_core::document::Document;
use intune_lint_core::finding::{Finding, ObjectRef};
use intune_lint_core::location::Loc;
use intune_lint_core::node::{Node, Step};
use intune_lint_core::rule::Rule;
use intune_lint_core::settings::Settings;
use intune_lint_core::views::profile::{self, Issue};
use intune_lint_core::views::sso::{IOS_EXTENSION_ID, MACOS_EXTENSION_ID, trim};
use intune_lint_core::views::tenant::ProfileFacts;

pub const RULES: &[Rule] = &[
    prf501_missing_key::RULE,
    prf502_unknown_payload_type::RULE,
    prf503_unknown_key::RULE,
    prf504_duplicate_uuid::RULE,
    prf505_duplicate_identifier::RULE,
    prf506_value_type::RULE,
    prf507_value_range::RULE,
    prf508_malformed_identifier::RULE,
    prf509_user_enrollment::RULE,
    prf510_deprecated::RULE,
    prf511_platform::RULE,
];

/// One schema issue of a profile, with what a finding needs to say where it is.
#[derive(Clone, Copy)]
pub struct Found<'d, 'i> {
    pub object: &'i Object<'d>,
    pub steps: &'i [Step<'d>],
    pub issue: Issue<'d>,
}

impl Found<'_, '_> {
    pub fn pointer(&self) -> String {
        intune_lint_core::node::pointer_of(&self.object.pointer, self.steps)
    }

    pub fn object(&self) -> Option<ObjectRef> {
        Some(self.object.reference.clone())
    }

    /// The payload the issue is in, by type (`the com.apple.wifi.managed payload`), or
    /// `the profile` at the top level.
    fn payload_name_at(&self, steps: &[Step<'_>]) -> String {
        match payload_of(self.object.node, steps) {
            Some(p) => match p.get("PayloadType").and_then(Node::as_str) {
                Some(t) => format!("the {t} payload"),
                None => "a payload".to_string(),
            },
            None => "the profile".to_string(),
        }
    }

    /// Where the issue is, for messages: the payload and the key path inside it.
    pub fn place(&self) -> String {
        self.place_at(self.steps)
    }

    /// [`Self::place`] of another path in the same profile (the parent of a key, say).
    pub fn place_at(&self, steps: &[Step<'_>]) -> String {
        let inner = match payload_of(self.object.node, steps) {
            Some(_) if profile::is_profile(self.object.node) => &steps[2.min(steps.len())..],
            _ => steps,
        };
        let path: Vec<String> = inner
            .iter()
            .map(|s| match s {
                Step::Key(k) => (*k).to_string(),
                Step::Index(i) => i.to_string(),
            })
            .collect();
        if path.is_empty() {
            self.payload_name_at(steps)
        } else {
            format!("`{}` in {}", path.join("."), self.payload_name_at(steps))
        }
    }

    /// The Microsoft Enterprise SSO plug-in's keys that SSO rules check: PRF rules leave
    /// their values alone (one problem, one finding).
    pub fn owned_by_sso_rules(&self) -> bool {
        let depth = self.payload_depth();
        self.in_microsoft_sso_payload()
            && matches!(self.steps.get(depth), Some(Step::Key(k)) if SSO_KEYS.contains(k))
    }

    /// A wrong type the SSO rules report: they check the types of the plug-in's
    /// `ExtensionData` values (SSO103, SSO106, SSO112), not of the payload's own keys, which
    /// they read as absent when mistyped (a `TeamIdentifier` integer would go unreported).
    pub fn type_owned_by_sso_rules(&self) -> bool {
        let depth = self.payload_depth();
        self.steps.len() > depth + 1
            && matches!(self.steps.get(depth), Some(Step::Key("ExtensionData")))
            && self.in_microsoft_sso_payload()
    }

    /// `key` is missing right in the Microsoft plug-in's payload, where SSO rules say
    /// what the extension lacks.
    pub fn missing_owned_by_sso_rules(&self, key: &str) -> bool {
        self.steps.len() == self.payload_depth()
            && SSO_KEYS.contains(&key)
            && self.in_microsoft_sso_payload()
    }

    /// Steps from the profile's root to a payload's keys.
    fn payload_depth(&self) -> usize {
        usize::from(profile::is_profile(self.object.node)) * 2
    }

    fn in_microsoft_sso_payload(&self) -> bool {
        let Some(p) = payload_of(self.object.node, self.steps) else {
            return false;
        };
        if p.get("PayloadType").and_then(Node::as_str) != Some("com.apple.extensiblesso") {
            return false;
        }
        p.get("ExtensionIdentifier")
            .and_then(Node::as_str)
            .map(trim)
            .is_some_and(|id| {
                id.eq_ignore_ascii_case(IOS_EXTENSION_ID)
                    || id.eq_ignore_ascii_case(MACOS_EXTENSION_ID)
            })
            || p.get("ExtensionData").is_some_and(|d| {
                d.members().iter().any(|m| {
                    matches!(
                        trim(&m.key),
                        "device_registration" | "browser_sso_interaction_enabled"
                    )
                })
            })
    }
}

/// The extension keys SSO rules check on the Microsoft plug-in (SSO109, SSO114 and the
/// ExtensionData rules).
const SSO_KEYS: &[&str] = &[
    "Type",
    "ExtensionIdentifier",
    "TeamIdentifier",
    "URLs",
    "ExtensionData",
];

/// A profile for messages: the Intune object carrying it, else its display name or path.
pub fn describe(p: &ProfileFacts) -> String {
    match (&p.owner, p.object.name()) {
        (Some(owner), _) => owner.describe(),
        (None, Some(n)) => format!("\"{n}\""),
        (None, None) => p
            .identifier
            .as_ref()
            .map_or_else(|| "a profile".to_string(), |i| format!("`{}`", i.value)),
    }
}

/// The object a finding about a profile names: the Intune object carrying it, if any.
pub fn object_of(p: &ProfileFacts) -> Option<ObjectRef> {
    Some(p.owner.as_ref().map_or(&p.object, |o| &o.object).clone())
}

/// Where a profile is, for related locations.
pub fn loc(p: &ProfileFacts) -> &Loc {
    p.identifier.as_ref().map_or(&p.loc, |i| &i.loc)
}

/// The payload dictionary a path is in (`None` at a profile's top level).
pub fn payload_of<'a>(root: &'a Node, steps: &[Step<'_>]) -> Option<&'a Node> {
    if !profile::is_profile(root) {
        return Some(root);
    }
    match steps {
        [Step::Key("PayloadContent"), Step::Index(i), ..] => {
            root.get("PayloadContent")?.items().get(*i)
        }
        _ => None,
    }
}

/// The rules that read the schema walk, each with what it makes of one issue.
type OnIssue = fn(&Document, Found<'_, '_>, &mut Vec<Finding>);
const WALK_RULES: [(&str, OnIssue); 7] = [
    ("PRF501", prf501_missing_key::found),
    ("PRF502", prf502_unknown_payload_type::found),
    ("PRF503", prf503_unknown_key::found),
    ("PRF506", prf506_value_type::found),
    ("PRF507", prf507_value_range::found),
    ("PRF510", prf510_deprecated::found),
    ("PRF511", prf511_platform::found),
];

/// Walks each profile once for all the rules in [`WALK_RULES`], when `code` is the first
/// of them enabled, and hands every issue to each enabled one (as GRF's walk does).
fn check_as(
    code: &str,
    doc: &Document,
    objects: &[Object<'_>],
    settings: &Settings,
    out: &mut Vec<Finding>,
) {
    let enabled = WALK_RULES.iter().filter(|(c, _)| settings.is_enabled(c));
    if enabled.clone().next().map(|(c, _)| *c) != Some(code) {
        return;
    }
    issues(doc, objects, |f| {
        for (_, on) in enabled.clone() {
            on(doc, f, out);
        }
    });
}

/// Every schema issue of every profile in the document.
pub fn issues<'d>(doc: &'d Document, objects: &[Object<'d>], mut f: impl FnMut(Found<'d, '_>)) {
    for o in objects.iter().filter(|o| o.kind == Kind::AppleProfile) {
        let target = profile::target(doc, o.node);
        profile::validate(o.node, target, &mut |steps, issue| {
            f(Found {
                object: o,
                steps,
                issue,
            })
        });
    }
}
