//! An Apple configuration profile checked against Apple's payload schema.
//!
//! [`validate`] walks one profile once and reports every disagreement with the schema as
//! an [`Issue`] at a path of steps; the PRF rules each keep the kinds they own and build a
//! pointer only for those. The walk allocates nothing per key: the schema is static data
//! and paths are borrowed steps.

use crate::document::Document;
use crate::node::{Node, Step, Value};
use crate::views::sso::Platform;
use intune_lint_apple_schema::{
    self as schema, Key, Lit, Os, OsName, Payload, Type, UserEnrollment,
};

/// Keys Apple's schema lacks that profile tools write and devices accept: Profile
/// Manager's and iMazing's `PayloadEnabled` (hundreds of public profiles carry it).
const TOLERATED: &[&str] = &["PayloadEnabled"];

/// Keys Apple's schema omits from one dictionary although tools and vendors write them there:
/// VPN plug-ins (`VPNType` `VPN`) read the server and account from the `VPN` dictionary
/// (Palo Alto's GlobalProtect example profile), as the IPSec, IKEv2 and PPP dictionaries
/// define them. `(payload type, dictionary, key)`.
const TOLERATED_NESTED: &[(&str, &str, &str)] = &[
    ("com.apple.vpn.managed", "VPN", "RemoteAddress"),
    ("com.apple.vpn.managed", "VPN", "AuthName"),
    ("com.apple.vpn.managed", "VPN", "AuthPassword"),
    // Workgroup Manager and Profile Manager write a timestamp into every `Set-Once` entry;
    // it is how the client tells a new one-time setting from one already applied.
    (
        "com.apple.ManagedClient.preferences",
        "Set-Once",
        "mcx_data_timestamp",
    ),
];

/// Subkeys Apple's schema names although the key is the admin's to choose, as its own
/// description says: `domainRealmMapping` maps each realm name ("The key should be the
/// name of the realm"), `UserPrinterList` each printer name. Every key of the dictionary
/// is checked against the one definition. `(payload type, dictionary, subkey)`.
const PLACEHOLDERS: &[(&str, &str, &str)] = &[
    ("com.apple.extensiblesso", "domainRealmMapping", "Realm"),
    ("com.apple.mcxprinting", "UserPrinterList", "Printer"),
];

/// The Kerberos variant of `com.apple.extensiblesso` is chosen by its extension.
const KERBEROS_EXTENSION: &str = "com.apple.AppSSOKerberos.KerberosExtension";

/// The platform a profile is for, and what says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub platform: Platform,
    pub reason: &'static str,
}

/// A disagreement with the schema, found at a path of steps from the profile's root.
#[derive(Debug, Clone, Copy)]
pub enum Issue<'a> {
    /// A required key is absent from the dictionary at the path.
    Missing {
        key: &'static str,
        /// The dictionary is the profile's top level.
        top: bool,
    },
    /// A `com.apple.*` payload type the schema does not know (the path is its `PayloadType`).
    UnknownPayloadType {
        value: &'a str,
        suggestion: Option<&'static str>,
    },
    /// A key the schema does not define here (the path is the key).
    UnknownKey {
        key: &'a str,
        suggestion: Option<&'static str>,
    },
    WrongType {
        def: &'static Key,
        found: &'a Node,
    },
    /// Outside `rangelist` (with a case variant as suggestion) or `range`.
    OutOfRange {
        def: &'static Key,
        found: &'a Node,
        suggestion: Option<Lit>,
    },
    /// A payload (`key` is `None`) or key deprecated or removed on an OS.
    Deprecated {
        what: &'a str,
        payload: bool,
        os: &'static Os,
    },
    /// A payload type that does not exist on the profile's platform.
    Unavailable {
        payload_type: &'a str,
        os: OsName,
    },
    /// A payload or key Apple marks forbidden under user enrollment, or supervised-only
    /// (on iOS, where account-driven user enrollment applies).
    Restricted {
        what: &'a str,
        payload: bool,
        forbidden_in_user_enrollment: bool,
        supervised_only: bool,
    },
}

/// The platform of a profile: the Intune object that carries it, else `PayloadScope`
/// (a macOS-only key).
pub fn target(doc: &Document, root: &Node) -> Target {
    if let Some(e) = &doc.embedded
        && e.platform != Platform::Unknown
    {
        return Target {
            platform: e.platform,
            reason: e.kind,
        };
    }
    if root.get("PayloadScope").is_some() {
        return Target {
            platform: Platform::Macos,
            reason: "PayloadScope",
        };
    }
    Target {
        platform: Platform::Unknown,
        reason: "",
    }
}

fn os_of(p: Platform) -> Option<OsName> {
    match p {
        Platform::Ios => Some(OsName::Ios),
        Platform::Macos => Some(OsName::Macos),
        Platform::Unknown => None,
    }
}

/// Is `root` a whole profile (rather than a bare payload dictionary)?
pub fn is_profile(root: &Node) -> bool {
    root.get("PayloadContent").is_some()
        || root.get("EncryptedPayloadContent").is_some()
        || root.get("PayloadType").and_then(Node::as_str) == Some("Configuration")
}

/// The payload dictionaries of a profile with their index in `PayloadContent` (a bare
/// payload is its own only payload, index `None`).
pub fn payloads(root: &Node) -> Vec<(Option<usize>, &Node)> {
    if is_profile(root) {
        root.get("PayloadContent")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_object())
            .map(|(i, n)| (Some(i), n))
            .collect()
    } else {
        vec![(None, root)]
    }
}

/// Walks the profile at `root` and calls `report` for every issue, with the path to it.
pub fn validate<'a>(
    root: &'a Node,
    target: Target,
    report: &mut dyn FnMut(&[Step<'a>], Issue<'a>),
) {
    let mut w = Walker {
        os: os_of(target.platform),
        payload_type: "",
        path: Vec::new(),
        report,
    };
    if !root.is_object() {
        return;
    }
    if !is_profile(root) {
        w.payload(root, true);
        return;
    }
    let top = schema::top_level();
    let encrypted = root.get("IsEncrypted").and_then(Node::as_bool) == Some(true)
        || root.get("EncryptedPayloadContent").is_some();
    for def in top.iter().filter(|d| d.required) {
        let exempt = def.name == "PayloadContent" && encrypted;
        let names = || top.iter().map(|k| k.name);
        if !exempt && root.get(def.name).is_none() && !misspelled(root, def.name, names) {
            w.emit(Issue::Missing {
                key: def.name,
                top: true,
            });
        }
    }
    for m in root.members() {
        w.path.push(Step::Key(&m.key));
        match schema::find(top, &m.key) {
            Some(def) if m.key == "PayloadContent" => {
                if w.value_type(def, &m.node) {
                    for (i, item) in m.node.items().iter().enumerate() {
                        w.path.push(Step::Index(i));
                        if item.is_object() {
                            w.payload(item, false);
                        } else if let Some(item_def) = def.subkeys().first() {
                            w.emit(Issue::WrongType {
                                def: item_def,
                                found: item,
                            });
                        }
                        w.path.pop();
                    }
                }
            }
            Some(def) => w.value(def, &m.node, &m.key),
            None if TOLERATED.contains(&m.key.as_str()) => {}
            None => w.emit(Issue::UnknownKey {
                key: &m.key,
                suggestion: suggest(&m.key, top.iter().map(|k| k.name)),
            }),
        }
        w.path.pop();
    }
}

struct Walker<'a, 'r> {
    os: Option<OsName>,
    /// The type of the payload being walked.
    payload_type: &'a str,
    path: Vec<Step<'a>>,
    report: &'r mut dyn FnMut(&[Step<'a>], Issue<'a>),
}

impl<'a> Walker<'a, '_> {
    fn emit(&mut self, issue: Issue<'a>) {
        (self.report)(&self.path, issue);
    }

    /// One payload dictionary: its type, then its keys against the common keys and the
    /// schema of its type (every variant of a shared type, or the one its discriminator
    /// picks). A `bare` payload (a dictionary on its own, not in a profile) is a fragment
    /// a tool wraps into a profile: the common keys are not required of it.
    fn payload(&mut self, p: &'a Node, bare: bool) {
        let common = schema::common();
        let ptype = p.get("PayloadType").and_then(Node::as_str);
        self.payload_type = ptype.unwrap_or_default();
        let variants: &'static [Payload] = match ptype {
            Some(t) => pick_variants(t, p),
            None => &[],
        };
        if let Some(t) = ptype
            && variants.is_empty()
            && t.get(..10)
                .is_some_and(|s| s.eq_ignore_ascii_case("com.apple."))
        {
            let suggestion = suggest(t, schema::PAYLOADS.iter().map(|p| p.payload_type));
            // macOS takes any preference domain as a payload, Apple's own
            // (`com.apple.SubmitDiagInfo`) included; iOS has no such payloads.
            if suggestion.is_some() || self.os == Some(OsName::Ios) {
                self.path.push(Step::Key("PayloadType"));
                self.emit(Issue::UnknownPayloadType {
                    value: t,
                    suggestion,
                });
                self.path.pop();
            }
        }
        // Where unknown keys are reported, a misspelled required key is reported as one.
        let names = || {
            common
                .iter()
                .chain(variants.iter().flat_map(|v| v.keys()))
                .map(|k| k.name)
        };
        let missing = |name: &str| {
            p.get(name).is_none() && (variants.is_empty() || !misspelled(p, name, names))
        };
        for def in common.iter().filter(|d| d.required && !bare) {
            if missing(def.name) {
                self.emit(Issue::Missing {
                    key: def.name,
                    top: false,
                });
            }
        }
        // Required by every variant (the MCX variants differ; one is enough to satisfy).
        if let Some(first) = variants.first() {
            for def in first.keys().iter().filter(|d| d.required && !d.is_any()) {
                let everywhere = variants
                    .iter()
                    .all(|v| v.keys().iter().any(|k| k.name == def.name && k.required));
                if everywhere && missing(def.name) {
                    self.emit(Issue::Missing {
                        key: def.name,
                        top: false,
                    });
                }
            }
        }
        if let Some(t) = ptype
            && let Some(v) = variants.first()
        {
            self.payload_os(t, v);
        }
        for m in p.members() {
            self.path.push(Step::Key(&m.key));
            let def = schema::find(common, &m.key)
                .filter(|d| !d.is_any())
                .or_else(|| variants.iter().find_map(|v| schema::find(v.keys(), &m.key)));
            match def {
                Some(def) => self.value(def, &m.node, &m.key),
                // Custom preference domains (`com.google.Chrome`) and unknown types:
                // their keys are not Apple's to define.
                None if variants.is_empty() || TOLERATED.contains(&m.key.as_str()) => {}
                None => self.emit(Issue::UnknownKey {
                    key: &m.key,
                    suggestion: suggest(&m.key, names()),
                }),
            }
            self.path.pop();
        }
    }

    fn payload_os(&mut self, t: &'a str, v: &'static Payload) {
        self.path.push(Step::Key("PayloadType"));
        if let Some(os) = self.os
            && v.os(os).is_some_and(Os::unavailable)
        {
            self.emit(Issue::Unavailable {
                payload_type: t,
                os,
            });
        }
        if let Some(os) = deprecation(v.os, self.os) {
            self.emit(Issue::Deprecated {
                what: t,
                payload: true,
                os,
            });
        }
        self.restricted(v.os, t, true);
        self.path.pop();
    }

    fn restricted(&mut self, os: &'static [Os], what: &'a str, payload: bool) {
        if self.os == Some(OsName::Macos) {
            return;
        }
        let Some(ios) = os.iter().find(|o| o.os == OsName::Ios) else {
            return;
        };
        let forbidden = ios.user_enrollment == Some(UserEnrollment::Forbidden);
        let supervised = ios.supervised == Some(true);
        if (forbidden || supervised) && !ios.unavailable() {
            self.emit(Issue::Restricted {
                what,
                payload,
                forbidden_in_user_enrollment: forbidden,
                supervised_only: supervised,
            });
        }
    }

    /// A value against its definition: type, allowed values, OS support, then nested keys.
    fn value(&mut self, def: &'static Key, node: &'a Node, name: &'a str) {
        if !def.is_any() {
            if let Some(os) = deprecation(def.os, self.os) {
                self.emit(Issue::Deprecated {
                    what: name,
                    payload: false,
                    os,
                });
            }
            self.restricted(def.os, name, false);
        }
        if !self.value_type(def, node) {
            return;
        }
        self.range(def, node);
        self.children(def, node);
    }

    /// An array item: like a value, without OS checks (its definition is unnamed).
    fn item(&mut self, def: &'static Key, node: &'a Node) {
        if self.value_type(def, node) {
            self.range(def, node);
            self.children(def, node);
        }
    }

    /// The keys of a dictionary or the items of an array, when the schema defines them
    /// (a dictionary without subkeys is free-form).
    fn children(&mut self, def: &'static Key, node: &'a Node) {
        match &node.value {
            Value::Object(members) if def.ty == Type::Dictionary && def.subkeys.is_some() => {
                let keys = def.subkeys();
                let names = || keys.iter().map(|k| k.name);
                for req in keys.iter().filter(|k| k.required && !k.is_any()) {
                    if node.get(req.name).is_none() && !misspelled(node, req.name, names) {
                        self.emit(Issue::Missing {
                            key: req.name,
                            top: false,
                        });
                    }
                }
                // The nearest key above (array items are named by their array).
                let parent = self
                    .path
                    .iter()
                    .rev()
                    .find_map(|s| match s {
                        Step::Key(k) => Some(*k),
                        Step::Index(_) => None,
                    })
                    .unwrap_or_default();
                let placeholder = match keys {
                    [only] if PLACEHOLDERS.contains(&(self.payload_type, parent, only.name)) => {
                        Some(only)
                    }
                    _ => None,
                };
                for m in members {
                    self.path.push(Step::Key(&m.key));
                    let tolerated =
                        TOLERATED_NESTED.contains(&(self.payload_type, parent, m.key.as_str()));
                    match placeholder.or_else(|| schema::find(keys, &m.key)) {
                        Some(d) => self.value(d, &m.node, &m.key),
                        None if tolerated => {}
                        None => self.emit(Issue::UnknownKey {
                            key: &m.key,
                            suggestion: suggest(&m.key, keys.iter().map(|k| k.name)),
                        }),
                    }
                    self.path.pop();
                }
            }
            Value::Array(items) => {
                let Some(item_def) = def.subkeys().first() else {
                    return;
                };
                for (i, item) in items.iter().enumerate() {
                    self.path.push(Step::Index(i));
                    self.item(item_def, item);
                    self.path.pop();
                }
            }
            _ => {}
        }
    }

    /// Reports a type mismatch; `true` when the value has the schema's type.
    fn value_type(&mut self, def: &'static Key, node: &'a Node) -> bool {
        let ok = match (def.ty, &node.value) {
            (Type::Any, _) => true,
            (Type::String, Value::String(_))
            | (Type::Integer, Value::Integer(_))
            | (Type::Boolean, Value::Bool(_))
            | (Type::Date, Value::Date(_))
            | (Type::Data, Value::Data(_))
            | (Type::Array, Value::Array(_))
            | (Type::Dictionary, Value::Object(_)) => true,
            // An integer is a valid number where a real is expected.
            (Type::Real, Value::Real(_) | Value::Integer(_)) => true,
            _ => false,
        };
        if !ok {
            self.emit(Issue::WrongType { def, found: node });
        }
        ok
    }

    fn range(&mut self, def: &'static Key, node: &'a Node) {
        if !def.rangelist.is_empty() && !matches!(node.value, Value::Array(_)) {
            let allowed = def.rangelist.iter().any(|l| lit_eq(l, node));
            if !allowed {
                let suggestion = node.as_str().and_then(|s| {
                    def.rangelist
                        .iter()
                        .find(|l| matches!(l, Lit::S(x) if x.eq_ignore_ascii_case(s.trim())))
                        .copied()
                });
                self.emit(Issue::OutOfRange {
                    def,
                    found: node,
                    suggestion,
                });
                return;
            }
        }
        let n = match node.value {
            Value::Integer(i) => i as f64,
            Value::Real(r) => r,
            _ => return,
        };
        if def.min.is_some_and(|m| n < m) || def.max.is_some_and(|m| n > m) {
            self.emit(Issue::OutOfRange {
                def,
                found: node,
                suggestion: None,
            });
        }
    }
}

fn lit_eq(l: &Lit, node: &Node) -> bool {
    match (l, &node.value) {
        (Lit::S(s), Value::String(v)) => s == v,
        (Lit::I(i), Value::Integer(v)) => i == v,
        (Lit::R(r), Value::Real(v)) => r == v,
        (Lit::R(r), Value::Integer(v)) => *r == *v as f64,
        (Lit::I(i), Value::Real(v)) => *i as f64 == *v,
        _ => false,
    }
}

/// The schemas a payload is checked against: the Kerberos or generic SSO extension by its
/// `ExtensionIdentifier`, every variant of the other shared types.
fn pick_variants(t: &str, p: &Node) -> &'static [Payload] {
    let all = schema::payloads(t);
    if t == "com.apple.extensiblesso" {
        let kerberos =
            p.get("ExtensionIdentifier").and_then(Node::as_str) == Some(KERBEROS_EXTENSION);
        let file = if kerberos {
            "com.apple.extensiblesso(kerberos)"
        } else {
            "com.apple.extensiblesso"
        };
        return match all.iter().position(|v| v.file == file) {
            Some(i) => &all[i..=i],
            None => all,
        };
    }
    all
}

/// The OS entry that deprecates or removes an item: on the profile's platform when known;
/// otherwise only when every OS the item exists on deprecates it (a key deprecated on iOS
/// may be current on macOS).
fn deprecation(os: &'static [Os], platform: Option<OsName>) -> Option<&'static Os> {
    let dated = |o: &&Os| o.deprecated.is_some() || o.removed.is_some();
    match platform {
        Some(p) => os.iter().find(|o| o.os == p).filter(dated),
        None => {
            let mut available = os.iter().filter(|o| !o.unavailable()).peekable();
            available.peek()?;
            let all: Vec<&Os> = available.collect();
            if all.iter().all(dated) {
                all.first().copied()
            } else {
                None
            }
        }
    }
}

/// Does `dict` hold a key that is not one of `names` but suggests `name` (a misspelling
/// of it)? Then the unknown key's finding, with its "did you mean", says it all.
fn misspelled<I>(dict: &Node, name: &str, names: impl Fn() -> I) -> bool
where
    I: Iterator<Item = &'static str> + Clone,
{
    dict.members().iter().any(|m| {
        !names().any(|n| n == m.key.as_str()) && suggest(&m.key, names()).is_some_and(|s| s == name)
    })
}

/// The nearest candidate: a case variant, else within a small edit distance.
pub fn suggest(
    name: &str,
    candidates: impl Iterator<Item = &'static str> + Clone,
) -> Option<&'static str> {
    let trimmed = name.trim();
    if let Some(c) = candidates
        .clone()
        .find(|c| *c != "ANY" && c.eq_ignore_ascii_case(trimmed))
    {
        return Some(c);
    }
    let lower = trimmed.to_ascii_lowercase();
    let limit = if lower.len() >= 12 { 2 } else { 1 };
    candidates
        .filter(|c| *c != "ANY")
        // Lengths further apart than the limit can't be within it: skip the table.
        .filter(|c| c.len().abs_diff(lower.len()) <= limit)
        .map(|c| (c, strsim::osa_distance(&lower, &c.to_ascii_lowercase())))
        .filter(|(_, d)| *d <= limit)
        .min_by_key(|(_, d)| *d)
        .map(|(c, _)| c)
}

/// 8-4-4-4-12 hexadecimal digits, either case.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A digest of a value tree that ignores where it was written (spans, format): the same
/// profile in XML, binary, signed or base64 form digests alike.
pub fn digest(node: &Node) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0).build_hasher();
    node.walk(|steps, n| {
        steps.len().hash(&mut h);
        if let Some(Step::Key(k)) = steps.last() {
            k.hash(&mut h);
        }
        match &n.value {
            Value::Null => 0u8.hash(&mut h),
            Value::Bool(b) => b.hash(&mut h),
            Value::Integer(i) => i.hash(&mut h),
            Value::Real(r) => r.to_bits().hash(&mut h),
            Value::String(s) | Value::Date(s) => s.hash(&mut h),
            Value::Data(d) => d.hash(&mut h),
            Value::Array(a) => a.len().hash(&mut h),
            Value::Object(m) => m.len().hash(&mut h),
        }
    });
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The issues of an XML profile as `(pointer, kind)` pairs.
    fn issues_of(xml: &str, platform: Platform) -> Vec<(String, String)> {
        let root = crate::formats::plist_xml::parse(xml).unwrap();
        let mut out = Vec::new();
        let target = Target {
            platform,
            reason: "",
        };
        validate(&root, target, &mut |steps, issue| {
            let kind = format!("{issue:?}");
            let kind = kind.split([' ', '{', '(']).next().unwrap().to_string();
            out.push((crate::node::pointer_of("", steps), kind));
        });
        out
    }

    fn profile(payload: &str) -> String {
        format!(
            "<plist><dict><key>PayloadContent</key><array><dict>\
             <key>PayloadIdentifier</key><string>p.1</string>\
             <key>PayloadUUID</key><string>3B4B7E1A-1F8E-4C2B-9D7E-0123456789AB</string>\
             <key>PayloadVersion</key><integer>1</integer>{payload}</dict></array>\
             <key>PayloadIdentifier</key><string>p</string>\
             <key>PayloadUUID</key><string>3B4B7E1A-1F8E-4C2B-9D7E-0123456789AC</string>\
             <key>PayloadType</key><string>Configuration</string>\
             <key>PayloadVersion</key><integer>1</integer></dict></plist>"
        )
    }

    #[test]
    fn recursive_schemas_walk_nested_folders() {
        // Dock > folder > pages > page > folder > pages > page > app, with one typo deep down.
        let app =
            "<dict><key>Type</key><string>App</string><key>BundleID</key><string>a</string></dict>";
        let bad =
            "<dict><key>Type</key><string>App</string><key>BundelID</key><string>a</string></dict>";
        let folder = |inner: &str| {
            format!(
                "<dict><key>Type</key><string>Folder</string><key>Pages</key><array><array>{inner}</array></array></dict>"
            )
        };
        let xml = profile(&format!(
            "<key>PayloadType</key><string>com.apple.homescreenlayout</string>\
             <key>Dock</key><array>{}</array><key>Pages</key><array><array>{app}</array></array>",
            folder(&folder(bad))
        ));
        let found = issues_of(&xml, Platform::Ios);
        let unknown: Vec<_> = found.iter().filter(|(_, k)| k == "UnknownKey").collect();
        assert_eq!(
            unknown,
            [&(
                "/PayloadContent/0/Dock/0/Pages/0/0/Pages/0/0/BundelID".to_string(),
                "UnknownKey".to_string()
            )]
        );
    }

    #[test]
    fn free_form_and_conditional_keys_are_not_flagged() {
        // ExtensionData is `ANY`; TCC's `Allowed` is "either 'Authorization' or 'Allowed'".
        let xml = profile(
            "<key>PayloadType</key><string>com.apple.TCC.configuration-profile-policy</string>\
             <key>Services</key><dict><key>Accessibility</key><array><dict>\
             <key>Identifier</key><string>com.x</string><key>IdentifierType</key><string>bundleID</string>\
             <key>CodeRequirement</key><string>identifier x</string>\
             <key>Authorization</key><string>AllowStandardUserToSetSystemService</string>\
             </dict></array></dict>",
        );
        assert_eq!(issues_of(&xml, Platform::Macos), []);
        let sso = profile(
            "<key>PayloadType</key><string>com.apple.extensiblesso</string>\
             <key>ExtensionIdentifier</key><string>com.x.ext</string><key>Type</key><string>Redirect</string>\
             <key>URLs</key><array><string>https://x</string></array>\
             <key>ExtensionData</key><dict><key>whatever</key><dict><key>deep</key><true/></dict></dict>",
        );
        assert_eq!(issues_of(&sso, Platform::Unknown), []);
    }

    #[test]
    fn platform_decides_availability_and_preference_domains() {
        let dock = profile("<key>PayloadType</key><string>com.apple.dock</string>");
        assert!(
            issues_of(&dock, Platform::Ios)
                .iter()
                .any(|(_, k)| k == "Unavailable")
        );
        assert!(
            !issues_of(&dock, Platform::Macos)
                .iter()
                .any(|(_, k)| k == "Unavailable")
        );
        // An Apple preference domain is a macOS payload, not an unknown type, unless on iOS.
        let domain = profile(
            "<key>PayloadType</key><string>com.apple.SubmitDiagInfo</string><key>AutoSubmit</key><true/>",
        );
        assert_eq!(issues_of(&domain, Platform::Macos), []);
        assert_eq!(
            issues_of(&domain, Platform::Ios),
            [(
                "/PayloadContent/0/PayloadType".to_string(),
                "UnknownPayloadType".to_string()
            )]
        );
    }

    #[test]
    fn placeholder_subkeys_stand_for_any_name() {
        // Each realm name maps to an array of DNS suffixes; the items are still checked.
        let kerberos = |mapping: &str| {
            profile(&format!(
                "<key>PayloadType</key><string>com.apple.extensiblesso</string>\
                 <key>ExtensionIdentifier</key><string>{KERBEROS_EXTENSION}</string>\
                 <key>TeamIdentifier</key><string>apple</string><key>Type</key><string>Credential</string>\
                 <key>Realm</key><string>CONTOSO.COM</string>\
                 <key>ExtensionData</key><dict><key>domainRealmMapping</key><dict>{mapping}</dict></dict>"
            ))
        };
        let good = kerberos(
            "<key>CONTOSO.COM</key><array><string>.contoso.com</string></array>\
             <key>EU.CONTOSO.COM</key><array><string>.eu.contoso.com</string></array>",
        );
        assert_eq!(issues_of(&good, Platform::Macos), []);
        let bad = kerberos("<key>CONTOSO.COM</key><array><integer>1</integer></array>");
        assert_eq!(
            issues_of(&bad, Platform::Macos),
            [(
                "/PayloadContent/0/ExtensionData/domainRealmMapping/CONTOSO.COM/0".to_string(),
                "WrongType".to_string()
            )]
        );
    }

    #[test]
    fn suggestions_and_uuids() {
        let names = ["PayloadIdentifier", "AutoJoin", "SSID_STR"].into_iter();
        assert_eq!(
            suggest("payloadidentifier", names.clone()),
            Some("PayloadIdentifier")
        );
        assert_eq!(suggest("AutoJion", names.clone()), Some("AutoJoin"));
        assert_eq!(suggest("Something", names), None);
        assert!(is_uuid("3B4B7E1A-1F8E-4C2B-9D7E-0123456789ab"));
        assert!(!is_uuid("81927370-ef798a72-978d-4b1c-9f0e-123456789012"));
    }
}
