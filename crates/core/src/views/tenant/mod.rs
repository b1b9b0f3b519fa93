//! The tenant index: what cross-object rules read.
//!
//! Each file contributes owned, located facts while it is checked in parallel
//! ([`extract`]); the engine keeps no documents, only these facts, merged into the index
//! as each file is done ([`Tenant::merge`]) and joined up once every file is read
//! ([`Tenant::resolve`]). Memory is bounded by the index, not by the export: its
//! locations are compact ([`Loc`]) and its repeated strings interned.
//!
//! Rules degrade honestly: a fact the export does not hold is absent (`None`), never
//! guessed. Assignments that were not exported are `None`, an exported empty list is
//! `Some(vec![])`. A group's kind comes from its dynamic membership rule only, never
//! from its name.

mod extract;
mod list;

pub use extract::{extract, policy_of};
pub use list::List;

use crate::classify::Kind;
use crate::finding::ObjectRef;
use crate::intern::Interned;
use crate::location::Loc;
use crate::views::sso::{AUTHENTICATOR_BUNDLE_ID, Located, Platform, SsoExtension};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub const COMPANY_PORTAL_BUNDLE_ID: &str = "com.microsoft.CompanyPortal";

/// What an assignment target points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    /// `groupAssignmentTarget`: an included group.
    Group,
    /// `exclusionGroupAssignmentTarget`.
    ExclusionGroup,
    /// `allLicensedUsersAssignmentTarget` ("All users").
    AllUsers,
    /// `allDevicesAssignmentTarget` ("All devices").
    AllDevices,
    /// Anything else (configuration manager collections, scope tags, ...), normalized type.
    Other(Interned),
}

/// One assignment target, as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub kind: TargetKind,
    /// Interned, as are the name and type: every target of a group repeats them.
    pub group_id: Option<Interned>,
    /// IntuneCD replaces `groupId` with `groupName`.
    pub group_name: Option<Interned>,
    /// IntuneCD's `groupType` (`StaticMembership` / `DynamicMembership`).
    pub group_type: Option<Interned>,
    /// The rarely written members, out of line: the index holds every target of the
    /// export, and most have none of them.
    rare: Option<Box<TargetRare>>,
    /// The target object.
    pub loc: Loc,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct TargetRare {
    membership_rule: Option<Located<String, Loc>>,
    filter_type: Option<Located<String, Loc>>,
    filter_id: Option<Located<String, Loc>>,
}

impl TargetRare {
    /// Boxed, or `None` when no member is written.
    fn boxed(self) -> Option<Box<Self>> {
        (self != TargetRare::default()).then(|| Box::new(self))
    }
}

impl Target {
    /// IntuneCD's `membershipRule` of the group.
    pub fn membership_rule(&self) -> Option<&Located<String, Loc>> {
        self.rare.as_ref()?.membership_rule.as_ref()
    }

    /// `deviceAndAppManagementAssignmentFilterType`, when written and either a filter id
    /// is written too or the type is not `none` (Graph writes `none` on every target, and
    /// alone it says nothing).
    pub fn filter_type(&self) -> Option<&Located<String, Loc>> {
        self.rare.as_ref()?.filter_type.as_ref()
    }

    /// `deviceAndAppManagementAssignmentFilterId`, when written and not empty (IntuneCD
    /// writes the filter's display name instead of its id).
    pub fn filter_id(&self) -> Option<&Located<String, Loc>> {
        self.rare.as_ref()?.filter_id.as_ref()
    }

    pub fn is_include(&self) -> bool {
        self.kind != TargetKind::ExclusionGroup
    }

    pub fn is_group(&self) -> bool {
        matches!(self.kind, TargetKind::Group | TargetKind::ExclusionGroup)
    }

    /// Identifies the group: its id, or (IntuneCD) its name.
    pub fn group_key(&self) -> Option<String> {
        if !self.is_group() {
            return None;
        }
        match (&self.group_id, &self.group_name) {
            (Some(id), _) => Some(id.trim().to_ascii_lowercase()),
            (None, Some(name)) => Some(format!("name:{}", name.trim().to_lowercase())),
            _ => None,
        }
    }

    /// How to name the target in a message.
    pub fn describe(&self) -> String {
        match &self.kind {
            TargetKind::AllUsers => "All users".into(),
            TargetKind::AllDevices => "All devices".into(),
            TargetKind::Group | TargetKind::ExclusionGroup => {
                match (&self.group_name, &self.group_id) {
                    (Some(n), _) => format!("group \"{n}\""),
                    (None, Some(id)) => format!("group {id}"),
                    _ => "a group".into(),
                }
            }
            TargetKind::Other(t) => t.to_string(),
        }
    }
}

/// One assignment of a policy or app.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// App assignments: `required`, `available`, `uninstall`, `availableWithoutEnrollment`.
    pub intent: Option<Box<Located<Interned, Loc>>>,
    pub target: Target,
    /// Volume-purchased app assignments: `settings.useDeviceLicensing`, when written.
    pub device_licensing: Option<Box<Located<bool, Loc>>>,
}

impl Assignment {
    pub fn intent_is(&self, intent: &str) -> bool {
        self.intent
            .as_ref()
            .is_some_and(|i| i.value.trim().eq_ignore_ascii_case(intent))
    }
}

/// Any assignable object: its identity, where it is, and its assignments.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Its kind, name and id (read through [`Policy::id`] and [`Policy::name`]: the index
    /// holds every policy, so neither is stored twice).
    pub object: ObjectRef,
    pub kind: Kind,
    /// The object's name (or the object itself when it has none): where findings about
    /// the object as a whole point.
    pub loc: Loc,
    /// `None`: the export does not hold this object's assignments (the property is
    /// absent and no `Assignments/` file belongs to it).
    pub assignments: Option<Box<[Assignment]>>,
    /// The `assignments` member, or the IntuneBackupAndRestore assignment file.
    pub assignments_loc: Option<Loc>,
    /// The object is alone in its file: an IntuneBackupAndRestore
    /// `<folder>/Assignments/<file stem>.json` may hold its assignments ([`Policy::file_key`]).
    single: bool,
    /// The object's `id` member is a string: it is `object.id` (which otherwise falls back
    /// to a profile's `PayloadIdentifier`).
    has_id: bool,
}

impl Policy {
    /// The object's `id` member.
    pub fn id(&self) -> Option<&str> {
        self.object.id().filter(|_| self.has_id)
    }

    /// The object's name (`displayName`, `name` or a profile's `PayloadDisplayName`).
    pub fn name(&self) -> Option<&str> {
        self.object.name()
    }

    /// `<folder>/<file stem>` of the file holding only this object, lower-cased: the key an
    /// IntuneBackupAndRestore assignment file joins on. Worked out when joining, not kept:
    /// the index holds every policy.
    fn file_key(&self) -> Option<String> {
        self.single
            .then(|| extract::file_key(&self.loc.path))
            .flatten()
    }

    pub fn targets(&self) -> impl Iterator<Item = &Target> {
        self.assignments.iter().flatten().map(|a| &a.target)
    }

    pub fn includes(&self) -> impl Iterator<Item = &Target> {
        self.targets().filter(|t| t.is_include())
    }

    pub fn excludes(&self) -> impl Iterator<Item = &Target> {
        self.targets().filter(|t| !t.is_include())
    }

    /// `"iOS - Entra SSO"` (its name), for messages.
    pub fn describe(&self) -> String {
        match self.name() {
            Some(n) => format!("\"{n}\""),
            None => format!("({})", self.object.kind),
        }
    }
}

/// A policy holding SSO app extensions (Graph template, Settings Catalog, profile).
#[derive(Debug, Clone, PartialEq)]
pub struct SsoPolicy {
    pub policy: Policy,
    pub extensions: Vec<SsoExtension>,
}

impl SsoPolicy {
    /// Holds the Microsoft Entra SSO extension for iOS/iPadOS.
    pub fn is_ios_entra(&self) -> bool {
        self.extensions
            .iter()
            .any(|e| e.is_entra() && e.platform == Platform::Ios)
    }

    /// The first iOS Entra extension (where findings about the SSO policy point).
    pub fn ios_entra(&self) -> Option<&SsoExtension> {
        self.extensions
            .iter()
            .find(|e| e.is_entra() && e.platform == Platform::Ios)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct App {
    pub policy: Policy,
    pub bundle_id: Option<Located<String, Loc>>,
}

impl App {
    pub fn has_bundle_id(&self, id: &str) -> bool {
        self.bundle_id
            .as_ref()
            .is_some_and(|b| b.value.trim().eq_ignore_ascii_case(id))
    }

    pub fn is_authenticator(&self) -> bool {
        self.has_bundle_id(AUTHENTICATOR_BUNDLE_ID)
    }
}

/// How an app configuration policy names an app it targets.
#[derive(Debug, Clone, PartialEq)]
pub enum AppRef {
    /// A mobileApp id (`targetedMobileApps`, IntuneManagement's `#CustomRefTargetedApps`).
    Id(Located<String, Loc>),
    /// An app display name (IntuneCD's `{appName, type}`).
    Name(Located<String, Loc>),
}

/// One app configuration key (`settings[]` row or `encodedSettingXml` dict member).
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigSetting {
    /// Interned, as is the type: every policy configuring an app repeats its keys.
    pub key: Located<Interned, Loc>,
    /// `appConfigKeyType`; for the XML form, derived from the plist value's tag.
    pub key_type: Option<Located<Interned, Loc>>,
    /// The value as written (always a string in `settings[]`).
    pub value: Option<Located<String, Loc>>,
    /// Read from `encodedSettingXml`.
    pub from_xml: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppConfig {
    pub policy: Policy,
    pub targets: Vec<AppRef>,
    pub settings: Vec<ConfigSetting>,
    /// `encodedSettingXml` is present but could not be decoded or parsed: its keys are
    /// unknown.
    pub xml_unreadable: bool,
}

impl AppConfig {
    pub fn setting(&self, key: &str) -> Option<&ConfigSetting> {
        self.settings.iter().find(|s| s.key.value.trim() == key)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppProtection {
    pub policy: Policy,
    /// `targetedAppManagementLevels` (flags, possibly comma-joined).
    /// Interned, as is the app group type: a handful of values repeat in every policy.
    pub management_levels: Option<Located<Interned, Loc>>,
    pub app_group_type: Option<Located<Interned, Loc>>,
    /// Interned: every policy protecting an app repeats its bundle ID.
    pub bundle_ids: Vec<Located<Interned, Loc>>,
}

/// An automated device enrollment profile (`depIOSEnrollmentProfile`).
#[derive(Debug, Clone, PartialEq)]
pub struct AdeProfile {
    pub policy: Policy,
    pub requires_user_authentication: Option<Located<bool, Loc>>,
    pub company_portal_auth: Option<Located<bool, Loc>>,
    pub company_portal_on_setup_assistant: Option<Located<bool, Loc>>,
    pub configuration_web_url: Option<Located<bool, Loc>>,
    pub shared_ipad: Option<Located<bool, Loc>>,
    pub supervised: Option<Located<bool, Loc>>,
    pub userless_shared_mode: Option<Located<bool, Loc>>,
}

/// The authentication method an ADE profile selects, as far as its Graph properties show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdeAuth {
    /// `requiresUserAuthentication: false`: enrolled without user affinity.
    NoUserAffinity,
    /// "Company Portal": `enableAuthenticationViaCompanyPortal: true`.
    CompanyPortal,
    /// "Setup Assistant with modern authentication": `configurationWebUrl: true`.
    ModernAuth,
    /// "Setup Assistant (legacy)": user affinity, neither of the above, and
    /// `configurationWebUrl` written as false.
    Legacy,
    /// Both `enableAuthenticationViaCompanyPortal` and `configurationWebUrl` true.
    Both,
    /// The properties that decide it are not in the export.
    Unknown,
}

impl AdeProfile {
    /// The authentication method, by the one mapping the rules share. Graph documents no
    /// property for the method; the mapping, its sources and what stays ambiguous are
    /// written down in `rules/data/ade-authentication-methods.md`. In short:
    /// `requireCompanyPortalOnSetupAssistantEnrolledDevices` decides nothing (the Company
    /// Portal is installed after legacy Setup Assistant too), `configurationWebUrl` (Graph:
    /// "URL for setup assistant login"; Apple: the web view that authenticates users in
    /// Setup Assistant) marks modern authentication, `enableAuthenticationViaCompanyPortal`
    /// the Company Portal.
    pub fn auth_method(&self) -> AdeAuth {
        let value = |v: &Option<Located<bool, Loc>>| v.as_ref().map(|v| v.value);
        match (
            value(&self.requires_user_authentication),
            value(&self.company_portal_auth),
            value(&self.configuration_web_url),
        ) {
            (Some(false), _, _) => AdeAuth::NoUserAffinity,
            (Some(true), Some(true), Some(true)) => AdeAuth::Both,
            (Some(true), Some(true), _) => AdeAuth::CompanyPortal,
            (Some(true), _, Some(true)) => AdeAuth::ModernAuth,
            (Some(true), Some(false) | None, Some(false)) => AdeAuth::Legacy,
            _ => AdeAuth::Unknown,
        }
    }

    /// Setup Assistant with modern authentication, unambiguously.
    pub fn uses_modern_auth(&self) -> bool {
        self.auth_method() == AdeAuth::ModernAuth
    }
}

/// An Apple user-initiated enrollment profile ("Enrollment types").
#[derive(Debug, Clone, PartialEq)]
pub struct UserEnrollmentProfile {
    pub policy: Policy,
    /// `defaultEnrollmentType` and every `availableEnrollmentTypeOptions[].enrollmentType`.
    pub enrollment_types: Vec<Located<String, Loc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Compliance {
    pub policy: Policy,
    pub ios: bool,
}

/// What a group holds, as far as the export tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// A dynamic rule on `user.` attributes (or a Microsoft 365 group).
    User,
    /// A dynamic rule on `device.` attributes.
    Device,
    /// A rule on both (invalid: ASG401).
    Mixed,
    /// Static, or not exported: unknown. Never guessed from the name.
    Unknown,
}

impl GroupKind {
    pub fn label(self) -> &'static str {
        match self {
            GroupKind::User => "user group",
            GroupKind::Device => "device group",
            GroupKind::Mixed => "group with a mixed rule",
            GroupKind::Unknown => "group",
        }
    }
}

/// The attribute namespaces a dynamic membership rule uses: `(user., device.)`, each with
/// its first byte offset. String literals are skipped.
pub fn rule_namespaces(rule: &str) -> (Option<usize>, Option<usize>) {
    let bytes = rule.as_bytes();
    let (mut user, mut device) = (None, None);
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if b == b'"' || b == b'\'' {
            quote = Some(b);
            i += 1;
            continue;
        }
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
        if boundary {
            // Bytes, not `&str`: `i` may sit inside a multi-byte character (a smart quote
            // or a no-break space outside quotes), where slicing a `str` panics.
            let rest = &bytes[i..];
            let starts = |p: &str| {
                rest.len() > p.len()
                    && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes())
                    && rest[p.len()].is_ascii_alphabetic()
            };
            if user.is_none() && starts("user.") {
                user = Some(i);
            } else if device.is_none() && starts("device.") {
                device = Some(i);
            }
        }
        i += 1;
    }
    (user, device)
}

pub fn rule_kind(rule: &str) -> GroupKind {
    match rule_namespaces(rule) {
        (Some(_), Some(_)) => GroupKind::Mixed,
        (Some(_), None) => GroupKind::User,
        (None, Some(_)) => GroupKind::Device,
        (None, None) => GroupKind::Unknown,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Its name and id (read through [`Group::id`] and [`Group::name`]).
    pub object: ObjectRef,
    pub loc: Loc,
    pub dynamic: bool,
    /// `groupTypes` holds `Unified` (a Microsoft 365 group: users only).
    pub unified: bool,
    /// The `id` member is a string (see [`Policy::id`]).
    has_id: bool,
    pub membership_rule: Option<Located<String, Loc>>,
}

impl Group {
    /// The group's `id` member.
    pub fn id(&self) -> Option<&str> {
        self.object.id().filter(|_| self.has_id)
    }

    /// The group's `displayName`.
    pub fn name(&self) -> Option<&str> {
        self.object.name()
    }

    pub fn kind(&self) -> GroupKind {
        match &self.membership_rule {
            Some(rule) if self.dynamic => rule_kind(&rule.value),
            _ if self.unified => GroupKind::User,
            _ => GroupKind::Unknown,
        }
    }
}

/// IntuneBackupAndRestore's `<folder>/Assignments/<name>.json`: an array, or one bare
/// object. Client apps' files are named `<app id> - <name>.json` instead (their app files
/// are `<type>_<name>.json`), so they join on the id.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentFile {
    /// `<folder>/<name>`, lower-cased.
    owner_key: String,
    /// `<folder>` and the id before ` - ` in the file name, lower-cased.
    owner_id: Option<(String, String)>,
    pub assignments: Box<[Assignment]>,
    pub loc: Loc,
}

/// A check that could not run, and why (shown in the summary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotRun {
    pub code: &'static str,
    pub reason: String,
}

/// Everything tenant rules read. One per file while checking in parallel, merged after.
#[derive(Debug, Default)]
pub struct Tenant {
    pub sso: Vec<SsoPolicy>,
    pub apps: List<App>,
    /// Mobile apps of other platforms (counted: they show that apps were exported).
    pub other_apps: usize,
    /// The apps come (in part) from a Graph page with `@odata.nextLink`: the collection's
    /// other pages, which may hold any app, are not in the export (EXP903).
    pub apps_partial: bool,
    /// The same for compliance policies.
    pub compliance_partial: bool,
    pub app_configs: List<AppConfig>,
    pub app_protections: List<AppProtection>,
    pub ade_profiles: Vec<AdeProfile>,
    pub user_enrollments: Vec<UserEnrollmentProfile>,
    pub compliance: List<Compliance>,
    pub groups: List<Group>,
    /// Other assignable objects with assignments (device configurations, ...).
    pub others: List<Policy>,
    /// Paths of well-known discovery files (account-driven user enrollment).
    pub discovery_files: Vec<std::sync::Arc<str>>,
    /// Apple configuration profiles: files, and those decoded from Graph `payload`s.
    pub profiles: Vec<ProfileFacts>,
    assignment_files: Vec<AssignmentFile>,
    /// The facts each profile file contributed (its SSO policies and profiles), with the
    /// profile's digest: dropped when a Graph custom profile carries the same profile.
    standalone: Vec<Standalone>,
    not_run: Mutex<Vec<NotRun>>,
    /// Hash lookups for the joins rules make per target and per app reference, built on
    /// first use: a scan per lookup would make the joins quadratic in groups and apps.
    lookup: OnceLock<Lookup>,
}

#[derive(Debug)]
struct Standalone {
    digest: u64,
    sso: std::ops::Range<usize>,
    profiles: std::ops::Range<usize>,
}

/// The joins' keys by hash: a sorted list of `(hash of the key, index)`, 16 bytes an
/// entry and no copy of the key (the index holds every group and app). A lookup checks
/// each candidate's own key, so a hash collision costs a comparison, never a wrong join.
#[derive(Debug, Default)]
struct Keys(Vec<(u64, u32)>);

impl Keys {
    fn new<'a>(keys: impl Iterator<Item = (usize, Option<std::borrow::Cow<'a, str>>)>) -> Self {
        let mut v: Vec<(u64, u32)> = keys
            .filter_map(|(i, k)| Some((key_hash(&k?), u32::try_from(i).ok()?)))
            .collect();
        v.sort_unstable();
        v.shrink_to_fit();
        Keys(v)
    }

    /// Indexes whose key may be `key`, in index order.
    fn candidates(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        let h = key_hash(key);
        let start = self.0.partition_point(|&(x, _)| x < h);
        self.0[start..]
            .iter()
            .take_while(move |&&(x, _)| x == h)
            .map(|&(_, i)| i as usize)
    }
}

fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).hash_one(key)
}

#[derive(Debug, Default)]
struct Lookup {
    /// Lower-cased group id.
    group_by_id: Keys,
    /// Trimmed group name.
    group_by_name: Keys,
    /// Lower-cased app id.
    app_by_id: Keys,
    /// Trimmed app name.
    app_by_name: Keys,
}

impl Lookup {
    fn new(t: &Tenant) -> Self {
        use std::borrow::Cow;
        fn lower(s: Option<&str>) -> Option<Cow<'_, str>> {
            s.map(|s| s.to_ascii_lowercase().into())
        }
        fn trimmed(s: Option<&str>) -> Option<Cow<'_, str>> {
            s.map(|s| s.trim().into())
        }
        Lookup {
            group_by_id: Keys::new(t.groups.iter().map(|g| lower(g.id())).enumerate()),
            group_by_name: Keys::new(t.groups.iter().map(|g| trimmed(g.name())).enumerate()),
            app_by_id: Keys::new(t.apps.iter().map(|a| lower(a.policy.id())).enumerate()),
            app_by_name: Keys::new(t.apps.iter().map(|a| trimmed(a.policy.name())).enumerate()),
        }
    }
}

/// One Apple configuration profile, for cross-profile rules.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileFacts {
    pub object: ObjectRef,
    /// The profile (for an embedded one: the Graph `payload` member).
    pub loc: Loc,
    /// The top-level `PayloadIdentifier` and `PayloadUUID`, when strings.
    pub identifier: Option<Located<String, Loc>>,
    pub uuid: Option<Located<String, Loc>>,
    /// The payloads' `PayloadIdentifier`s and `PayloadUUID`s, when strings.
    pub payload_identifiers: Vec<Located<String, Loc>>,
    pub payload_uuids: Vec<Located<String, Loc>>,
    /// Content digest: the same profile in two forms digests alike.
    pub digest: u64,
    /// The Intune custom configuration carrying the profile, when it was decoded from
    /// one (its assignments say who gets the profile).
    pub owner: Option<Policy>,
    /// Payloads and keys Apple marks unavailable under user enrollment or supervised-only.
    pub restricted: Vec<Restricted>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Restricted {
    /// The payload type or key name.
    pub what: String,
    pub payload: bool,
    pub forbidden_in_user_enrollment: bool,
    pub supervised_only: bool,
    pub loc: Loc,
}

impl Tenant {
    /// Adds one file's facts.
    pub fn merge(&mut self, other: Tenant) {
        self.lookup = OnceLock::new();
        let (sso, profiles) = (self.sso.len(), self.profiles.len());
        self.standalone
            .extend(other.standalone.into_iter().map(|s| Standalone {
                digest: s.digest,
                sso: s.sso.start + sso..s.sso.end + sso,
                profiles: s.profiles.start + profiles..s.profiles.end + profiles,
            }));
        append(&mut self.sso, other.sso);
        self.apps.append(other.apps);
        self.other_apps += other.other_apps;
        self.apps_partial |= other.apps_partial;
        self.compliance_partial |= other.compliance_partial;
        self.app_configs.append(other.app_configs);
        self.app_protections.append(other.app_protections);
        append(&mut self.ade_profiles, other.ade_profiles);
        append(&mut self.user_enrollments, other.user_enrollments);
        self.compliance.append(other.compliance);
        self.groups.append(other.groups);
        self.others.append(other.others);
        append(&mut self.discovery_files, other.discovery_files);
        append(&mut self.profiles, other.profiles);
        append(&mut self.assignment_files, other.assignment_files);
    }

    /// Joins partial indexes in order: the per-object lists by moving their parts
    /// ([`List`]), the others allocated once at their final size (a part's lists are freed
    /// as soon as they are moved).
    pub fn concat(parts: impl Iterator<Item = Tenant>) -> Tenant {
        let parts: Vec<Tenant> = parts.collect();
        let mut t = Tenant::default();
        fn total<T>(parts: &[Tenant], list: impl Fn(&Tenant) -> &Vec<T>) -> usize {
            parts.iter().map(|p| list(p).len()).sum()
        }
        t.sso.reserve_exact(total(&parts, |p| &p.sso));
        t.ade_profiles
            .reserve_exact(total(&parts, |p| &p.ade_profiles));
        t.user_enrollments
            .reserve_exact(total(&parts, |p| &p.user_enrollments));
        t.discovery_files
            .reserve_exact(total(&parts, |p| &p.discovery_files));
        t.profiles.reserve_exact(total(&parts, |p| &p.profiles));
        t.assignment_files
            .reserve_exact(total(&parts, |p| &p.assignment_files));
        for p in parts {
            t.merge(p);
        }
        t
    }

    /// Drops the spare capacity of the lists one file's facts hold, which stay in the index
    /// until the run ends: a list grown by pushes holds four entries for one (an SSO
    /// extension is nearly 1 KB). The index's own lists are merged into, not kept per file.
    pub(crate) fn shrink_to_fit(&mut self) {
        fn located<T, L>(v: &mut Vec<Located<T, L>>) {
            v.shrink_to_fit();
        }
        for s in &mut self.sso {
            s.extensions.shrink_to_fit();
            for e in &mut s.extensions {
                e.entries.shrink_to_fit();
                for entry in &mut e.entries {
                    located(&mut entry.items);
                }
                located(&mut e.bundle_ids);
                located(&mut e.urls);
                located(&mut e.hosts);
            }
        }
        for c in self.app_configs.iter_mut() {
            c.targets.shrink_to_fit();
            c.settings.shrink_to_fit();
        }
        for p in self.app_protections.iter_mut() {
            located(&mut p.bundle_ids);
        }
        for p in &mut self.user_enrollments {
            located(&mut p.enrollment_types);
        }
        for p in &mut self.profiles {
            located(&mut p.payload_identifiers);
            located(&mut p.payload_uuids);
            p.restricted.shrink_to_fit();
        }
    }

    /// Marks every fact of this (one file's) index as the profile file's with `digest`.
    /// A profile file contributes SSO policies and profiles only.
    pub fn mark_standalone_profile(&mut self, digest: u64) {
        self.standalone.push(Standalone {
            digest,
            sso: 0..self.sso.len(),
            profiles: 0..self.profiles.len(),
        });
    }

    /// Drops the facts of profile files whose profile a Graph custom profile carries
    /// (IntuneCD and IntuneManagement write the decoded `.mobileconfig` beside the Graph
    /// JSON: the copy says nothing the Graph object did not).
    pub fn drop_standalone_profiles(&mut self, embedded: &std::collections::HashSet<u64>) {
        let mut sso = vec![false; self.sso.len()];
        let mut profiles = vec![false; self.profiles.len()];
        for s in std::mem::take(&mut self.standalone) {
            if embedded.contains(&s.digest) {
                sso[s.sso].fill(true);
                profiles[s.profiles].fill(true);
            }
        }
        let mut dropped = sso.into_iter();
        self.sso.retain(|_| !dropped.next().unwrap_or(false));
        let mut dropped = profiles.into_iter();
        self.profiles.retain(|_| !dropped.next().unwrap_or(false));
        self.lookup = OnceLock::new();
    }

    /// Facts of a profile decoded from `owner`'s `payload` belong to `owner`: its
    /// identity and assignments are the ones Intune deploys the profile with.
    pub fn adopt(&mut self, owner: &Policy) {
        for s in &mut self.sso {
            s.policy = owner.clone();
        }
        for p in &mut self.profiles {
            p.owner = Some(owner.clone());
        }
    }

    /// Joins IntuneBackupAndRestore assignment files to their objects, once every file
    /// is merged. An object's own `assignments` property wins.
    ///
    /// The tool writes a file only for objects that have assignments (`if ($assignments)`),
    /// so in a folder where it wrote any assignment file, an object without one has none.
    pub fn resolve(&mut self) {
        let files = std::mem::take(&mut self.assignment_files);
        if files.is_empty() {
            return;
        }
        let folder_of = |key: &str| key.rsplit_once('/').map_or("", |(f, _)| f).to_string();
        let exported: std::collections::HashSet<String> =
            files.iter().map(|f| folder_of(&f.owner_key)).collect();
        // The first file for each key, as a scan would find it.
        let mut by_key: HashMap<&str, usize> = HashMap::new();
        let mut by_id: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, f) in files.iter().enumerate() {
            by_key.entry(&f.owner_key).or_insert(i);
            if let Some((d, id)) = &f.owner_id {
                by_id.entry((d, id)).or_insert(i);
            }
        }
        let mut join = |p: &mut Policy| {
            if p.assignments.is_some() {
                return;
            }
            let Some(key) = p.file_key() else { return };
            let folder = key.rsplit_once('/').map_or("", |(f, _)| f);
            let id = p.id().map(|i| i.trim().to_lowercase());
            let found = by_key
                .get(key.as_str())
                .or_else(|| by_id.get(&(folder, id.as_deref()?)))
                .map(|&i| &files[i]);
            if let Some(f) = found {
                p.assignments = Some(f.assignments.clone());
                p.assignments_loc = Some(f.loc.clone());
            } else if exported.contains(folder) {
                p.assignments = Some(Box::default());
            }
        };
        self.sso.iter_mut().for_each(|s| join(&mut s.policy));
        self.apps.iter_mut().for_each(|a| join(&mut a.policy));
        self.app_configs
            .iter_mut()
            .for_each(|a| join(&mut a.policy));
        self.app_protections
            .iter_mut()
            .for_each(|a| join(&mut a.policy));
        self.user_enrollments
            .iter_mut()
            .for_each(|a| join(&mut a.policy));
        self.compliance.iter_mut().for_each(|a| join(&mut a.policy));
        self.others.iter_mut().for_each(&mut join);
        self.profiles
            .iter_mut()
            .filter_map(|p| p.owner.as_mut())
            .for_each(&mut join);
        // Assignment files whose object is not one of the kinds above (a Windows policy
        // without an `assignments` property, say) are not needed by any rule: dropped.
    }

    /// Every assignable object.
    pub fn policies(&self) -> impl Iterator<Item = &Policy> {
        self.sso
            .iter()
            .map(|s| &s.policy)
            .chain(self.apps.iter().map(|a| &a.policy))
            .chain(self.app_configs.iter().map(|a| &a.policy))
            .chain(self.app_protections.iter().map(|a| &a.policy))
            .chain(self.user_enrollments.iter().map(|a| &a.policy))
            .chain(self.compliance.iter().map(|a| &a.policy))
            .chain(self.others.iter())
    }

    /// The export holds mobile apps (of any platform).
    pub fn holds_apps(&self) -> bool {
        !self.apps.is_empty() || self.other_apps > 0
    }

    /// iOS Entra SSO policies.
    pub fn ios_entra_sso(&self) -> impl Iterator<Item = &SsoPolicy> {
        self.sso.iter().filter(|s| s.is_ios_entra())
    }

    pub fn authenticators(&self) -> impl Iterator<Item = &App> {
        self.apps.iter().filter(|a| a.is_authenticator())
    }

    /// App protection policies that target MDM-managed apps (`targetedAppManagementLevels`
    /// includes `mdm`).
    pub fn mdm_app_protections(&self) -> Vec<&AppProtection> {
        self.app_protections
            .iter()
            .filter(|p| {
                p.management_levels.as_ref().is_some_and(|l| {
                    l.value
                        .split(',')
                        .any(|level| level.trim().eq_ignore_ascii_case("mdm"))
                })
            })
            .collect()
    }

    /// The included targets of every exported `required` assignment of Authenticator.
    pub fn authenticator_required_targets(&self) -> Vec<&Target> {
        self.authenticators()
            .flat_map(|a| a.policy.assignments.iter().flatten())
            .filter(|a| a.intent_is("required") && a.target.is_include())
            .map(|a| &a.target)
            .collect()
    }

    /// The exported group a target names (by id; by name only when the target has no id
    /// and exactly one group has that name).
    pub fn group_of(&self, target: &Target) -> Option<&Group> {
        if !target.is_group() {
            return None;
        }
        let lookup = self.lookup();
        let i = match &target.group_id {
            // The first group with the id, as a scan would find it.
            Some(id) => {
                let id = id.trim().to_ascii_lowercase();
                lookup.group_by_id.candidates(&id).find(|&i| {
                    self.groups[i]
                        .id()
                        .is_some_and(|g| g.eq_ignore_ascii_case(&id))
                })?
            }
            // A name held by two groups names neither.
            None => {
                let name = target.group_name.as_deref()?.trim();
                let mut found = lookup
                    .group_by_name
                    .candidates(name)
                    .filter(|&i| self.groups[i].name().map(str::trim) == Some(name));
                let first = found.next()?;
                if found.next().is_some() {
                    return None;
                }
                first
            }
        };
        self.groups.get(i)
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| Lookup::new(self))
    }

    /// What a group target holds: from the rule IntuneCD wrote into the target, else from
    /// the exported group object. `None` for non-group targets.
    pub fn group_kind(&self, target: &Target) -> Option<GroupKind> {
        if !target.is_group() {
            return None;
        }
        if let Some(rule) = target.membership_rule() {
            let dynamic = target
                .group_type
                .as_deref()
                .is_none_or(|t| t.eq_ignore_ascii_case("DynamicMembership"));
            return Some(if dynamic {
                rule_kind(&rule.value)
            } else {
                GroupKind::Unknown
            });
        }
        Some(
            self.group_of(target)
                .map_or(GroupKind::Unknown, Group::kind),
        )
    }

    /// Where a target's group rule is written (the group object's rule, or IntuneCD's
    /// copy in the target), for related locations.
    pub fn group_rule_loc<'a>(&'a self, target: &'a Target) -> Option<&'a Loc> {
        target
            .membership_rule()
            .map(|r| &r.loc)
            .or_else(|| Some(&self.group_of(target)?.membership_rule.as_ref()?.loc))
    }

    /// A target for messages, with the exported group's name when the target has none.
    pub fn describe(&self, target: &Target) -> String {
        match (
            &target.group_name,
            self.group_of(target).and_then(Group::name),
        ) {
            (None, Some(name)) => format!("group \"{name}\""),
            _ => target.describe(),
        }
    }

    /// Trimmed, lower-cased bundle IDs of the apps targeted by app configuration policies
    /// that set `key`: one pass over the policies, so a rule asking for every bundle ID of
    /// every app protection policy stays linear.
    pub fn bundle_ids_configured_with(&self, key: &str) -> std::collections::HashSet<String> {
        self.app_configs
            .iter()
            .filter(|c| c.setting(key).is_some())
            .flat_map(|c| &c.targets)
            .flat_map(|r| self.resolve_app(r))
            .filter_map(|a| a.bundle_id.as_ref())
            .map(|b| b.value.trim().to_ascii_lowercase())
            .collect()
    }

    /// Apps an app configuration reference resolves to.
    pub fn resolve_app(&self, r: &AppRef) -> Vec<&App> {
        let lookup = self.lookup();
        let app = |i: usize| &self.apps[i];
        match r {
            AppRef::Id(id) => {
                let id = id.value.trim().to_ascii_lowercase();
                lookup
                    .app_by_id
                    .candidates(&id)
                    .map(app)
                    .filter(|a| a.policy.id().is_some_and(|x| x.eq_ignore_ascii_case(&id)))
                    .collect()
            }
            AppRef::Name(name) => {
                let name = name.value.trim();
                lookup
                    .app_by_name
                    .candidates(name)
                    .map(app)
                    .filter(|a| a.policy.name().map(str::trim) == Some(name))
                    .collect()
            }
        }
    }

    /// Records that `code` could not run, and why.
    pub fn not_run(&self, code: &'static str, reason: impl Into<String>) {
        if let Ok(mut v) = self.not_run.lock() {
            v.push(NotRun {
                code,
                reason: reason.into(),
            });
        }
    }

    pub fn take_not_run(&mut self) -> Vec<NotRun> {
        let mut v = std::mem::take(self.not_run.get_mut().unwrap_or_else(|e| e.into_inner()));
        v.sort_by(|a, b| (a.code, &a.reason).cmp(&(b.code, &b.reason)));
        v.dedup();
        v
    }
}

impl<T> Located<T> {
    /// The same value with a compact location, as the index keeps it.
    pub(crate) fn compact(self) -> Located<T, Loc> {
        Located {
            value: self.value,
            loc: Loc::from(&self.loc),
        }
    }
}

/// Appends `from`, taking its buffer when `to` has none: merging per-thread indexes then
/// moves them instead of copying them into a second, growing buffer (a list sized ahead,
/// [`Tenant::concat`], is filled instead).
pub(crate) fn append<T>(to: &mut Vec<T>, from: Vec<T>) {
    if to.capacity() == 0 {
        *to = from;
    } else {
        to.extend(from);
    }
}

/// Do two include targets reach common users or devices, as far as the export tells?
/// All users / All devices reach everyone; two groups only when they are the same group.
pub fn may_overlap(a: &Target, b: &Target) -> bool {
    let broad = |t: &Target| matches!(t.kind, TargetKind::AllUsers | TargetKind::AllDevices);
    if broad(a) || broad(b) {
        return true;
    }
    match (a.group_key(), b.group_key()) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;
    use crate::{classify, document};

    /// The tenant index of a few (path, JSON) files.
    fn index(files: &[(&str, &str)]) -> Tenant {
        let mut t = Tenant::default();
        for (path, text) in files {
            let doc = document::load_bytes((*path).into(), text.as_bytes())
                .document
                .unwrap();
            let objects = classify::objects(&doc);
            t.merge(extract(&doc, &objects, Vec::new()));
        }
        t.resolve();
        t
    }

    #[test]
    fn joins_backup_assignment_files_by_folder_and_name() {
        let t = index(&[
            (
                "b/Device Compliance Policies/iOS.json",
                r##"{"@odata.type": "#microsoft.graph.iosCompliancePolicy", "id": "c1", "displayName": "iOS"}"##,
            ),
            (
                "b/Device Compliance Policies/Assignments/iOS.json",
                r##"[{"id": "x", "target": {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"}}]"##,
            ),
            (
                "b/Device Compliance Policies/Other.json",
                r##"{"@odata.type": "#microsoft.graph.iosCompliancePolicy", "id": "c2", "displayName": "Other"}"##,
            ),
        ]);
        assert_eq!(t.compliance.len(), 2);
        let ios = t
            .compliance
            .iter()
            .find(|c| c.policy.name() == Some("iOS"))
            .unwrap();
        assert_eq!(ios.policy.includes().count(), 1);
        let other = t
            .compliance
            .iter()
            .find(|c| c.policy.name() == Some("Other"))
            .unwrap();
        assert_eq!(
            other.policy.assignments,
            Some(Box::default()),
            "the tool writes no file for an object without assignments"
        );
    }

    #[test]
    fn backup_single_assignment_is_a_bare_object_and_no_file_means_none() {
        let t = index(&[
            (
                "b/Device Configurations/SSO.json",
                r##"{"@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration", "id": "d1", "displayName": "SSO"}"##,
            ),
            (
                "b/Device Configurations/Assignments/SSO.json",
                r##"{"id": "d1_x", "target": {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"}}"##,
            ),
            (
                "b/Device Configurations/Unassigned.json",
                r##"{"@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration", "id": "d2", "displayName": "Unassigned"}"##,
            ),
            (
                "b/Other/Lonely.json",
                r##"{"@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration", "id": "d3", "displayName": "Lonely"}"##,
            ),
        ]);
        let by_name = |n: &str| t.others.iter().find(|p| p.name() == Some(n)).unwrap();
        let sso = by_name("SSO");
        assert_eq!(sso.includes().count(), 1);
        assert_eq!(sso.includes().next().unwrap().kind, TargetKind::AllUsers);
        assert_eq!(by_name("Unassigned").assignments, Some(Box::default()));
        // No assignment file at all in that folder: not exported, not empty.
        assert!(by_name("Lonely").assignments.is_none());
    }

    #[test]
    fn ade_authentication_method_follows_the_one_mapping() {
        let method = |props: &str| {
            let json = format!(
                r##"{{"@odata.type": "#microsoft.graph.depIOSEnrollmentProfile", "id": "p", {props}}}"##
            );
            index(&[("p.json", json.as_str())]).ade_profiles[0].auth_method()
        };
        let ua = r#""requiresUserAuthentication": true"#;
        assert_eq!(
            method(
                r#""requiresUserAuthentication": false, "enableAuthenticationViaCompanyPortal": true"#
            ),
            AdeAuth::NoUserAffinity
        );
        assert_eq!(
            method(&format!(
                r#"{ua}, "enableAuthenticationViaCompanyPortal": true, "configurationWebUrl": false"#
            )),
            AdeAuth::CompanyPortal
        );
        assert_eq!(
            method(&format!(
                r#"{ua}, "enableAuthenticationViaCompanyPortal": false, "configurationWebUrl": true"#
            )),
            AdeAuth::ModernAuth
        );
        assert_eq!(
            method(&format!(
                r#"{ua}, "enableAuthenticationViaCompanyPortal": true, "configurationWebUrl": true"#
            )),
            AdeAuth::Both
        );
        // The Company Portal installed after legacy Setup Assistant is still legacy.
        assert_eq!(
            method(&format!(
                r#"{ua}, "enableAuthenticationViaCompanyPortal": false, "requireCompanyPortalOnSetupAssistantEnrolledDevices": true, "configurationWebUrl": false"#
            )),
            AdeAuth::Legacy
        );
        // Without `configurationWebUrl` the method is not known.
        assert_eq!(
            method(&format!(
                r#"{ua}, "enableAuthenticationViaCompanyPortal": false, "requireCompanyPortalOnSetupAssistantEnrolledDevices": true"#
            )),
            AdeAuth::Unknown
        );
    }

    /// Smart quotes (as Word and Teams type them), a no-break space and an umlaut outside
    /// quotes once made the scan slice a `str` inside a character.
    #[test]
    fn rule_kind_reads_non_ascii_outside_quotes() {
        let rules = [
            (
                "(user.department -eq \u{201c}Verkauf\u{201d})",
                GroupKind::User,
            ),
            (
                "(device.deviceOSType\u{a0}-eq \"iPhone\")",
                GroupKind::Device,
            ),
            ("\u{fc}user.city -eq \"M\u{fc}nchen\"", GroupKind::User),
            (
                "\u{e9}device.x -eq 1 or (user.a -eq \u{2018}b\u{2019})",
                GroupKind::Mixed,
            ),
            ("\u{201c}", GroupKind::Unknown),
            ("d\u{e9}vice.deviceOSType", GroupKind::Unknown),
        ];
        for (rule, kind) in rules {
            assert_eq!(rule_kind(rule), kind, "{rule}");
        }
        // Every byte offset of every rule above, as a prefix: no slice may panic.
        for (rule, _) in rules {
            for (i, _) in rule.char_indices() {
                rule_kind(&rule[i..]);
            }
        }
    }

    /// Profile files are marked as they are folded and dropped once every file is read;
    /// the marks follow their facts through merges of partial indexes (rayon joins folds),
    /// and what stays keeps its order.
    #[test]
    fn standalone_profiles_are_dropped_in_place_after_merges() {
        let file = |id: &str| {
            let xml = format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict><key>PayloadType</key><string>Configuration</string><key>PayloadIdentifier</key><string>{id}</string><key>PayloadUUID</key><string>{id}-uuid</string><key>PayloadContent</key><array/></dict></plist>"#
            );
            let doc = document::load_bytes(format!("{id}.mobileconfig").into(), xml.as_bytes())
                .document
                .unwrap();
            let objects = classify::objects(&doc);
            extract(&doc, &objects, Vec::new())
        };
        let marked = |id: &str, digest: u64| {
            let mut t = file(id);
            t.mark_standalone_profile(digest);
            t
        };
        let mut left = Tenant::default();
        left.merge(file("a"));
        left.merge(marked("b", 1));
        let mut right = Tenant::default();
        right.merge(marked("c", 2));
        right.merge(file("d"));
        right.merge(marked("e", 2));
        left.merge(right);
        left.drop_standalone_profiles(&[2].into_iter().collect());
        let ids: Vec<&str> = left
            .profiles
            .iter()
            .filter_map(|p| p.identifier.as_ref())
            .map(|i| i.value.as_str())
            .collect();
        assert_eq!(ids, ["a", "b", "d"]);
    }

    #[test]
    fn joins_backup_client_app_assignments_by_id() {
        let t = index(&[
            (
                "b/Client Apps/iosVppApp_Authenticator.json",
                r##"{"@odata.type": "#microsoft.graph.iosVppApp", "id": "A1", "displayName": "Authenticator", "bundleId": "com.microsoft.azureauthenticator"}"##,
            ),
            (
                "b/Client Apps/Assignments/a1 - Authenticator.json",
                r##"[{"intent": "required", "target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}}]"##,
            ),
        ]);
        let app = &t.apps[0];
        assert!(app.policy.assignments.as_ref().unwrap()[0].intent_is("required"));
    }

    #[test]
    fn group_lookups_take_the_first_id_and_only_unique_names() {
        let g = |id: &str, name: &str| {
            format!(
                r##"{{"id": "{id}", "displayName": "{name}", "groupTypes": [], "securityEnabled": true}}"##
            )
        };
        let (a, b, c) = (g("g1", "Twice"), g("G1", "Other"), g("g3", "Twice"));
        let t = index(&[
            ("im/Groups/a.json", a.as_str()),
            ("im/Groups/b.json", b.as_str()),
            ("im/Groups/c.json", c.as_str()),
        ]);
        let target = |id: Option<&str>, name: Option<&str>| Target {
            kind: TargetKind::Group,
            group_id: id.map(Interned::new),
            group_name: name.map(Interned::new),
            group_type: None,
            rare: None,
            loc: Location::file("x".into()).into(),
        };
        let name_of = |t: Option<&Group>| t.and_then(|g| g.name().map(str::to_string));
        // Ids compare without case; the first group with the id wins, as a scan would.
        assert_eq!(
            name_of(t.group_of(&target(Some(" G1 "), None))),
            Some("Twice".into())
        );
        // A name held by two groups names neither; a unique one names its group.
        assert_eq!(name_of(t.group_of(&target(None, Some("Twice")))), None);
        assert_eq!(
            name_of(t.group_of(&target(None, Some("Other")))),
            Some("Other".into())
        );
        assert_eq!(name_of(t.group_of(&target(Some("missing"), None))), None);
    }

    #[test]
    fn group_kind_comes_from_rules_never_names() {
        let t = index(&[
            (
                "im/Groups/iOS devices.json",
                r##"{"id": "g1", "displayName": "iOS devices", "groupTypes": [], "securityEnabled": true}"##,
            ),
            (
                "im/Groups/Sales.json",
                r##"{"id": "g2", "displayName": "Sales", "groupTypes": ["DynamicMembership"], "securityEnabled": true, "membershipRule": "(user.department -eq \"Sales\")"}"##,
            ),
            (
                "cd/Settings Catalog/p.json",
                r##"{"@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy", "name": "p", "settings": [], "platforms": "iOS",
                   "assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupName": "Phones", "groupType": "DynamicMembership", "membershipRule": "(device.deviceOSType -eq \"iPhone\")"}},
                                   {"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g1"}},
                                   {"target": {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "G2"}}]}"##,
            ),
        ]);
        assert_eq!(t.groups.len(), 2);
        let kinds: Vec<_> = t.others[0].targets().map(|x| t.group_kind(x)).collect();
        assert_eq!(
            kinds,
            [
                Some(GroupKind::Device),
                Some(GroupKind::Unknown),
                Some(GroupKind::User)
            ]
        );
    }

    #[test]
    fn app_config_targets_in_every_exporter_form() {
        let t = index(&[
            (
                "raw.json",
                r##"{"@odata.type": "#microsoft.graph.iosMobileAppConfiguration", "id": "a", "targetedMobileApps": ["app-1"], "settings": []}"##,
            ),
            (
                "im.json",
                r##"{"@odata.type": "#microsoft.graph.iosMobileAppConfiguration", "id": "b", "targetedMobileApps": [], "#CustomRefTargetedApps": "Outlook|!|app-2|!|#microsoft.graph.iosStoreApp"}"##,
            ),
            (
                "cd.json",
                r##"{"@odata.type": "#microsoft.graph.iosMobileAppConfiguration", "targetedMobileApps": {"appName": "Outlook", "type": "#microsoft.graph.iosStoreApp"}}"##,
            ),
        ]);
        let refs: Vec<String> = t
            .app_configs
            .iter()
            .flat_map(|c| &c.targets)
            .map(|r| match r {
                AppRef::Id(l) => format!("id:{}", l.value),
                AppRef::Name(l) => format!("name:{}", l.value),
            })
            .collect();
        assert_eq!(refs, ["id:app-1", "id:app-2", "name:Outlook"]);
    }

    #[test]
    fn encoded_setting_xml_is_decoded_or_marked_unreadable() {
        // <dict><key>IntuneMAMUPN</key><string>{{userprincipalname}}</string></dict>
        let b64 = "PGRpY3Q+PGtleT5JbnR1bmVNQU1VUE48L2tleT48c3RyaW5nPnt7dXNlcnByaW5jaXBhbG5hbWV9fTwvc3RyaW5nPjwvZGljdD4=";
        let json = format!(
            r##"{{"@odata.type": "#microsoft.graph.iosMobileAppConfiguration", "id": "a", "targetedMobileApps": [], "encodedSettingXml": "{b64}"}}"##
        );
        let t = index(&[("x.json", json.as_str())]);
        let c = &t.app_configs[0];
        if crate::formats::plist_xml::parse("<plist><dict/></plist>").is_ok() {
            let s = c.setting("IntuneMAMUPN").expect("decoded key");
            assert_eq!(s.value.as_ref().unwrap().value, "{{userprincipalname}}");
            assert!(s.from_xml);
        } else {
            // No XML plist parser yet: the keys are unknown, and rules must say so.
            assert!(c.xml_unreadable);
        }
    }

    /// The index holds these once per object, assignment and target of the export: a
    /// field added carelessly (an owned copy, an unboxed rare member) shows here first.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn index_entries_stay_compact() {
        use std::mem::size_of;
        assert_eq!(size_of::<Interned>(), 8);
        assert_eq!(size_of::<Loc>(), 32);
        assert_eq!(size_of::<ObjectRef>(), 32);
        assert!(size_of::<Target>() <= 80, "{}", size_of::<Target>());
        assert!(size_of::<Assignment>() <= 96, "{}", size_of::<Assignment>());
        assert!(size_of::<Policy>() <= 136, "{}", size_of::<Policy>());
        assert!(size_of::<Group>() <= 128, "{}", size_of::<Group>());
    }

    #[test]
    fn rule_namespaces_skip_literals_and_need_an_attribute() {
        assert_eq!(
            rule_kind("(device.deviceOSType -eq \"iPhone\")"),
            GroupKind::Device
        );
        assert_eq!(
            rule_kind("(user.department -eq \"device.x\")"),
            GroupKind::User
        );
        assert_eq!(
            rule_kind("(user.department -eq \"Sales\") and (device.deviceOSType -eq \"iPad\")"),
            GroupKind::Mixed
        );
        assert_eq!(rule_kind("(User.Department -eq 'x')"), GroupKind::User);
        assert_eq!(rule_kind("(nouser.x -eq 1)"), GroupKind::Unknown);
        assert_eq!(rule_kind("Direct Reports for \"x\""), GroupKind::Unknown);
    }
}
