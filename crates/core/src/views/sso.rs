//! One view of an SSO app extension, whatever it was written in.
//!
//! The Microsoft Entra SSO extension appears as a Graph template policy
//! (`iosSingleSignOnExtension`), a Settings Catalog policy (`com.apple.extensiblesso_*`) and
//! a `.mobileconfig` payload (`com.apple.extensiblesso`). Rules read [`SsoExtension`] and
//! every field keeps the location it came from, so a finding points into the source.

use crate::classify::{Kind, Object, odata_type};
use crate::document::{Document, Part};
use crate::finding::ObjectRef;
use crate::location::Location;
use crate::node::{Node, Value, join};

pub const IOS_EXTENSION_ID: &str = "com.microsoft.azureauthenticator.ssoextension";
pub const MACOS_EXTENSION_ID: &str = "com.microsoft.CompanyPortalMac.ssoextension";
pub const AUTHENTICATOR_BUNDLE_ID: &str = "com.microsoft.azureauthenticator";
pub const MACOS_TEAM_ID: &str = "UBF8T346G9";

/// The URLs of the Microsoft Enterprise SSO plug-in's Redirect configuration (Entra's
/// "Manual configuration for other MDM services", Common settings): what the Graph
/// "Microsoft Entra ID" type installs without writing them.
pub const ENTRA_URLS: &[&str] = &[
    "https://login.microsoftonline.com",
    "https://login.microsoft.com",
    "https://sts.windows.net",
    "https://login.partner.microsoftonline.cn",
    "https://login.chinacloudapi.cn",
    "https://login.microsoftonline.us",
    "https://login-us.microsoftonline.com",
];

/// The plug-in keys whose String value is a comma-separated list of bundle IDs or
/// prefixes; their entries get [`Entry::items`].
pub const LIST_KEYS: &[&str] = &[
    "AppAllowList",
    "AppPrefixAllowList",
    "AppBlockList",
    "AppCookieSSOAllowList",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    GraphTemplate,
    SettingsCatalog,
    Profile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Ios,
    Macos,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionType {
    /// Graph's `iosAzureAdSingleSignOnExtension` (Intune fills in identifier and URLs).
    EntraId,
    Redirect,
    Credential,
    Kerberos,
    Unknown,
}

/// The declared type of an ExtensionData value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryType {
    String,
    Integer,
    Boolean,
    Other(String),
}

impl EntryType {
    pub fn name(&self) -> &str {
        match self {
            EntryType::String => "String",
            EntryType::Integer => "Integer",
            EntryType::Boolean => "Boolean",
            EntryType::Other(s) => s,
        }
    }
}

/// A value and where it is written. The tenant index keeps its facts with a compact
/// [`crate::location::Loc`] (`Located<T, Loc>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T, L = Location> {
    pub value: T,
    pub loc: L,
}

/// One ExtensionData entry (`configurations[]` row, Settings Catalog key/typepicker pair,
/// or plist `ExtensionData` member).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key exactly as written (rules trim it themselves).
    pub key: Located<String>,
    pub declared: EntryType,
    /// Where the type is declared (the pair's `@odata.type`, the type picker, the plist tag).
    pub type_loc: Location,
    /// The value; `None` when missing (or truncated by the export).
    pub value: Option<Located<Value>>,
    /// For the [`LIST_KEYS`]: the trimmed, non-empty comma-separated items of the String
    /// value, each pointing at its own characters when the value has no escapes.
    pub items: Vec<Located<String>>,
}

impl Entry {
    pub fn trimmed_key(&self) -> &str {
        trim(&self.key.value)
    }

    pub fn string_value(&self) -> Option<&str> {
        match &self.value.as_ref()?.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SsoExtension {
    pub source: Source,
    pub object: ObjectRef,
    /// The extension itself: the Graph property, the Settings Catalog group, the payload.
    pub loc: Location,
    pub platform: Platform,
    pub extension_type: ExtensionType,
    /// The type as written: the Graph `@odata.type` without `#microsoft.graph.`, the
    /// Settings Catalog choice as `Redirect`/`Credential`, the plist `Type` string.
    pub type_decl: Option<Located<String>>,
    pub extension_identifier: Option<Located<String>>,
    pub team_identifier: Option<Located<String>>,
    pub entries: Vec<Entry>,
    /// Bundle IDs allowed to use the extension: `bundleIdAccessControlList` items and the
    /// comma-separated items of the `AppAllowList` key (each with its own span).
    pub bundle_ids: Vec<Located<String>>,
    pub urls: Vec<Located<String>>,
    /// Host and domain names of Credential and Kerberos extensions (Graph `domains`,
    /// Settings Catalog `…_hosts`, plist `Hosts`).
    pub hosts: Vec<Located<String>>,
    /// Where the URL list is (`urlPrefixes`, the `…_urls` setting, `URLs`), when present.
    pub urls_loc: Option<Location>,
    pub shared_device_mode: Option<Located<bool>>,
    /// The export truncated part of the extension (EXP902): what is missing is unknown.
    pub truncated: bool,
}

/// Whitespace that breaks exact key matching, NBSP included (`char::is_whitespace` covers
/// space, tab, CR, LF and U+00A0), and the invisible format characters pasted text
/// carries (zero-width space, joiners, direction marks, word joiner, BOM, soft hyphen):
/// they break an exact match just the same, and show nothing on screen.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_blank)
}

/// Whitespace or an invisible format character (see [`trim`]).
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// A character that renders as nothing: Unicode format characters (general category Cf)
/// that turn up in copied text.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

/// `", which has non-ASCII characters `е` (U+0435)"` for a string expected to be ASCII (a
/// documented key, token or host), else empty: a look-alike letter shows the same as the
/// right one, so it is named with its code point.
pub fn non_ascii_note(s: &str) -> String {
    let mut named: Vec<String> = Vec::new();
    for c in s.chars().filter(|c| !c.is_ascii() && !is_blank(*c)) {
        let n = format!("`{c}` (U+{:04X})", c as u32);
        if !named.contains(&n) {
            named.push(n);
        }
    }
    if named.is_empty() {
        String::new()
    } else {
        format!(", which has non-ASCII characters {}", named.join(", "))
    }
}

/// `s` quoted for a message (see [`visible`]), or `empty` for the empty string, which
/// would otherwise show as a pair of backticks.
pub fn shown(s: &str) -> String {
    if s.is_empty() {
        "empty".to_string()
    } else {
        format!("`{}`", visible(s))
    }
}

/// `s` for a message: every invisible character and every whitespace character other than
/// a plain space written as `<U+XXXX>`, so two strings that look alike on screen show
/// their difference.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_invisible(c) || (c.is_whitespace() && c != ' ') {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

impl SsoExtension {
    /// An extension with nothing read yet; the builders fill in what they find.
    fn empty(source: Source, object: ObjectRef, loc: Location, platform: Platform) -> Self {
        SsoExtension {
            source,
            object,
            loc,
            platform,
            extension_type: ExtensionType::Unknown,
            type_decl: None,
            extension_identifier: None,
            team_identifier: None,
            entries: Vec::new(),
            bundle_ids: Vec::new(),
            urls: Vec::new(),
            hosts: Vec::new(),
            urls_loc: None,
            shared_device_mode: None,
            truncated: false,
        }
    }

    /// The Microsoft Entra ID extension: the Graph Entra type, or any form whose extension
    /// identifier is Microsoft's iOS or macOS one.
    pub fn is_entra(&self) -> bool {
        self.extension_type == ExtensionType::EntraId
            || self.extension_identifier.as_ref().is_some_and(|id| {
                let id = trim(&id.value);
                id.eq_ignore_ascii_case(IOS_EXTENSION_ID)
                    || id.eq_ignore_ascii_case(MACOS_EXTENSION_ID)
            })
    }

    /// Entries whose trimmed key is exactly `key`.
    pub fn entries_named<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.trimmed_key() == key)
    }

    pub fn has_entry(&self, key: &str) -> bool {
        self.entries_named(key).next().is_some()
    }

    /// The items of every entry named `key` (one of the [`LIST_KEYS`]).
    pub fn list_items<'a>(
        &'a self,
        key: &'a str,
    ) -> impl Iterator<Item = &'a Located<String>> + 'a {
        self.entries_named(key).flat_map(|e| e.items.iter())
    }
}

/// Every SSO extension in one object.
pub fn extract(doc: &Document, obj: &Object<'_>) -> Vec<SsoExtension> {
    let mut out = Vec::new();
    match obj.kind {
        Kind::DeviceFeatures => graph_template(doc, obj, &mut out),
        Kind::SettingsCatalog => settings_catalog(doc, obj, &mut out),
        Kind::AppleProfile => profile(doc, obj, &mut out),
        _ => {}
    }
    out
}

/// A string PowerShell's `ConvertTo-Json` leaves where its depth limit cut an object off.
pub fn is_truncation_marker(s: &str) -> bool {
    // Every string of an export passes here: its first byte rules out nearly all of them.
    if let Some(&b) = s.as_bytes().first()
        && b.is_ascii_graphic()
        && b != b'S'
        && b != b'@'
    {
        return false;
    }
    let s = s.trim();
    s == "System.Collections.Hashtable"
        || s == "System.Object[]"
        || s == "System.Collections.Specialized.OrderedDictionary"
        || s == "System.Management.Automation.PSCustomObject"
        || (s.starts_with("@{") && s.ends_with('}') && s.contains('='))
}

fn truncated(node: &Node) -> bool {
    node.as_str().is_some_and(is_truncation_marker)
}

// --- Graph template policy -----------------------------------------------------------

fn graph_template(doc: &Document, obj: &Object<'_>, out: &mut Vec<SsoExtension>) {
    let platform_of_policy = match obj.odata_type.as_deref() {
        Some(t) if t.starts_with("macos") => Platform::Macos,
        Some(t) if t.starts_with("ios") => Platform::Ios,
        _ => Platform::Unknown,
    };
    for prop in [
        "iosSingleSignOnExtension",
        "singleSignOnExtension",
        "macOSSingleSignOnExtension",
    ] {
        let Some(ext) = obj.node.get(prop) else {
            continue;
        };
        if ext.is_null() {
            continue;
        }
        // The deprecated `singleSignOnExtension` is the same setting under its old name (a
        // device features profile has one SSO app extension): beside a platform property
        // that holds one, reading it too would report every mistake twice, and the
        // extension's URLs as repeated.
        if prop == "singleSignOnExtension"
            && ["iosSingleSignOnExtension", "macOSSingleSignOnExtension"]
                .iter()
                .any(|p| obj.node.get(p).is_some_and(|n| !n.is_null()))
        {
            continue;
        }
        let ptr = join(&obj.pointer, prop);
        let loc = |p: &str, part| doc.locate(p, part);
        if truncated(ext) {
            out.push(SsoExtension {
                truncated: true,
                ..SsoExtension::empty(
                    Source::GraphTemplate,
                    obj.reference.clone(),
                    loc(&ptr, Part::Value),
                    platform_of_policy,
                )
            });
            continue;
        }
        if !ext.is_object() {
            continue;
        }
        let ext_type = odata_type(ext).unwrap_or_default();
        let extension_type = if ext_type.ends_with("azureadsinglesignonextension") {
            ExtensionType::EntraId
        } else if ext_type.ends_with("redirectsinglesignonextension") {
            ExtensionType::Redirect
        } else if ext_type.ends_with("credentialsinglesignonextension") {
            ExtensionType::Credential
        } else if ext_type.ends_with("kerberossinglesignonextension") {
            ExtensionType::Kerberos
        } else {
            ExtensionType::Unknown
        };
        let platform = if prop == "macOSSingleSignOnExtension" || ext_type.starts_with("macos") {
            Platform::Macos
        } else if prop == "iosSingleSignOnExtension" || ext_type.starts_with("ios") {
            Platform::Ios
        } else {
            platform_of_policy
        };
        let mut truncated_any = false;
        let mut entries = Vec::new();
        let configs = ext.get("configurations");
        if let Some(c) = configs {
            truncated_any |= truncated(c);
        }
        for (i, item) in configs
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let item_ptr = join(&join(&ptr, "configurations"), i);
            if truncated(item) {
                truncated_any = true;
                continue;
            }
            let Some(key) = item.get("key").and_then(Node::as_str) else {
                continue;
            };
            let value = item.get("value");
            let declared = match odata_type(item).as_deref() {
                Some("keystringvaluepair") => EntryType::String,
                Some("keyintegervaluepair") => EntryType::Integer,
                Some("keybooleanvaluepair") => EntryType::Boolean,
                // Named as a plist `<real>` is (type_of_value), not by its Graph type.
                Some("keyrealvaluepair") => EntryType::Other("Real".into()),
                Some(other) => EntryType::Other(other.to_string()),
                None => value.map_or(EntryType::Other("untyped".into()), type_of_value),
            };
            let type_ptr = if item.get("@odata.type").is_some() {
                join(&item_ptr, "@odata.type")
            } else {
                item_ptr.clone()
            };
            entries.push(Entry {
                key: Located {
                    value: key.to_string(),
                    loc: loc(&join(&item_ptr, "key"), Part::Value),
                },
                declared,
                type_loc: loc(&type_ptr, Part::Value),
                value: value.map(|v| Located {
                    value: v.value.clone(),
                    loc: loc(&join(&item_ptr, "value"), Part::Value),
                }),
                items: Vec::new(),
            });
        }
        let mut bundle_ids = Vec::new();
        if let Some(list) = ext.get("bundleIdAccessControlList") {
            truncated_any |= truncated(list);
            let list_ptr = join(&ptr, "bundleIdAccessControlList");
            for (i, item) in list.items().iter().enumerate() {
                let Some(s) = item.as_str() else { continue };
                let item_loc = loc(&join(&list_ptr, i), Part::Value);
                // Several IDs typed into one row, comma-separated as `AppAllowList` takes
                // them: each is judged (rules don't offer to edit such a row).
                let pieces = split_list(doc, s, &item_loc);
                if pieces.len() > 1 {
                    bundle_ids.extend(pieces);
                } else {
                    bundle_ids.push(Located {
                        value: s.to_string(),
                        loc: item_loc,
                    });
                }
            }
        }
        let urls = string_list(doc, ext, &ptr, "urlPrefixes");
        let hosts = string_list(doc, ext, &ptr, "domains");
        let type_decl = ext
            .get("@odata.type")
            .and_then(Node::as_str)
            .map(|t| Located {
                value: graph_type_name(t).to_string(),
                loc: loc(&join(&ptr, "@odata.type"), Part::Value),
            });
        let mut view = SsoExtension {
            source: Source::GraphTemplate,
            object: obj.reference.clone(),
            loc: loc(&ptr, Part::Member),
            platform,
            extension_type,
            type_decl,
            extension_identifier: located_str(doc, ext, &ptr, "extensionIdentifier"),
            team_identifier: located_str(doc, ext, &ptr, "teamIdentifier"),
            entries,
            bundle_ids,
            urls,
            hosts,
            urls_loc: ext
                .get("urlPrefixes")
                .map(|_| loc(&join(&ptr, "urlPrefixes"), Part::Member)),
            shared_device_mode: ext.get("enableSharedDeviceMode").and_then(|n| {
                Some(Located {
                    value: n.as_bool()?,
                    loc: loc(&join(&ptr, "enableSharedDeviceMode"), Part::Value),
                })
            }),
            truncated: truncated_any,
        };
        split_list_items(doc, &mut view);
        out.push(view);
    }
}

fn type_of_value(v: &Node) -> EntryType {
    match v.value {
        Value::String(_) => EntryType::String,
        Value::Integer(_) => EntryType::Integer,
        Value::Bool(_) => EntryType::Boolean,
        _ => EntryType::Other(v.type_name().to_string()),
    }
}

/// The string member `key` of `node` (at `ptr`), with the location of its value.
pub(crate) fn located_str(
    doc: &Document,
    node: &Node,
    ptr: &str,
    key: &str,
) -> Option<Located<String>> {
    let n = node.get(key)?;
    Some(Located {
        value: n.as_str()?.to_string(),
        // The node is at hand: no need to find it again from the root.
        loc: doc.locate_span(&join(ptr, key), n.span.clone()),
    })
}

fn string_list(doc: &Document, node: &Node, ptr: &str, key: &str) -> Vec<Located<String>> {
    let list_ptr = join(ptr, key);
    node.get(key)
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            Some(Located {
                value: n.as_str()?.to_string(),
                loc: doc.locate_span(&join(&list_ptr, i), n.span.clone()),
            })
        })
        .collect()
}

/// `#microsoft.graph.iosRedirectSingleSignOnExtension` → `iosRedirectSingleSignOnExtension`.
fn graph_type_name(t: &str) -> &str {
    let t = t.trim().trim_start_matches('#');
    t.get(..16)
        .filter(|p| p.eq_ignore_ascii_case("microsoft.graph."))
        .map_or(t, |_| &t[16..])
}

/// Splits a comma-separated list value ("com.contoso.a, com.contoso.b") into its trimmed,
/// non-empty items, each pointing at its own characters when the value has no escapes.
pub fn split_list(doc: &Document, value: &str, loc: &Location) -> Vec<Located<String>> {
    let mut items = Vec::new();
    let mut offset = 0;
    for part in value.split(',') {
        let lead = part.len() - part.trim_start().len();
        let item = part.trim();
        if !item.is_empty() {
            let start = offset + lead;
            items.push(Located {
                value: item.to_string(),
                loc: doc.locate_in_string(
                    &loc.pointer,
                    loc.span.as_ref(),
                    value,
                    start..start + item.len(),
                ),
            });
        }
        offset += part.len() + 1;
    }
    items
}

/// Fills [`Entry::items`] for the [`LIST_KEYS`], and adds the `AppAllowList` items to the
/// bundle IDs allowed to use the extension.
fn split_list_items(doc: &Document, view: &mut SsoExtension) {
    for entry in &mut view.entries {
        if !LIST_KEYS.contains(&entry.trimmed_key()) {
            continue;
        }
        if let Some(located) = &entry.value
            && let Value::String(list) = &located.value
        {
            entry.items = split_list(doc, list, &located.loc);
        }
    }
    let allowed: Vec<Located<String>> = view.list_items("AppAllowList").cloned().collect();
    view.bundle_ids.extend(allowed);
}

// --- Settings Catalog ----------------------------------------------------------------

const SC_ROOT: &str = "com.apple.extensiblesso_com.apple.extensiblesso";
/// The catalog's Kerberos form of the same payload (Apple's
/// `com.apple.extensiblesso(kerberos)` schema): its children's IDs end in `_kerberos`
/// (`com.apple.extensiblesso_hosts_kerberos`), and its identifier, Team ID and type are
/// choices among the one value Apple's schema allows for each.
const SC_KERBEROS_ROOT: &str = "com.apple.extensiblesso_com.apple.extensiblesso-kerberos_kerberos";
const SC_PREFIX: &str = "com.apple.extensiblesso_";
const KERBEROS_EXTENSION_ID: &str = "com.apple.AppSSOKerberos.KerberosExtension";

fn settings_catalog(doc: &Document, obj: &Object<'_>, out: &mut Vec<SsoExtension>) {
    let platform_of_policy = match obj.node.get("platforms").and_then(Node::as_str) {
        Some(p) if p.to_ascii_lowercase().contains("macos") => Platform::Macos,
        Some(p) if p.to_ascii_lowercase().contains("ios") => Platform::Ios,
        _ => Platform::Unknown,
    };
    let Some(settings) = obj.node.get("settings") else {
        return;
    };
    let settings_ptr = join(&obj.pointer, "settings");
    if truncated(settings) {
        return;
    }
    for (i, setting) in settings.items().iter().enumerate() {
        // IntuneManagement and Graph wrap each instance in `settingInstance`.
        let wrapped = setting.get("settingInstance");
        let suffix = match definition_id(wrapped.unwrap_or(setting)) {
            Some(SC_ROOT) => "",
            Some(SC_KERBEROS_ROOT) => "_kerberos",
            _ => continue,
        };
        // Pointers only for the settings that are the extension's.
        let setting_ptr = join(&settings_ptr, i);
        let (inst, inst_ptr) = match wrapped {
            Some(inst) => (inst, join(&setting_ptr, "settingInstance")),
            None => (setting, setting_ptr),
        };
        let groups_ptr = join(&inst_ptr, "groupSettingCollectionValue");
        for (g, group) in inst
            .get("groupSettingCollectionValue")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let group_ptr = join(&groups_ptr, g);
            out.push(catalog_extension(
                doc,
                obj,
                group,
                &group_ptr,
                platform_of_policy,
                suffix,
            ));
        }
    }
}

fn definition_id(inst: &Node) -> Option<&str> {
    inst.get("settingDefinitionId").and_then(Node::as_str)
}

/// `(child, pointer)` pairs of a group value's `children`.
fn children<'a>(node: &'a Node, ptr: &str) -> Vec<(&'a Node, String)> {
    let children_ptr = join(ptr, "children");
    node.get("children")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, c)| (c, join(&children_ptr, i)))
        .collect()
}

fn simple_value<'a>(inst: &'a Node, ptr: &str) -> Option<(&'a Node, String)> {
    let v = inst.get("simpleSettingValue")?.get("value")?;
    Some((v, join(&join(ptr, "simpleSettingValue"), "value")))
}

fn choice_value<'a>(inst: &'a Node, ptr: &str) -> Option<(&'a str, String)> {
    let v = inst.get("choiceSettingValue")?.get("value")?.as_str()?;
    Some((v, join(&join(ptr, "choiceSettingValue"), "value")))
}

fn catalog_extension(
    doc: &Document,
    obj: &Object<'_>,
    group: &Node,
    group_ptr: &str,
    platform_of_policy: Platform,
    suffix: &str,
) -> SsoExtension {
    let mut view = SsoExtension {
        truncated: truncated(group) || group.get("children").is_some_and(truncated),
        ..SsoExtension::empty(
            Source::SettingsCatalog,
            obj.reference.clone(),
            doc.locate(group_ptr, Part::Value),
            platform_of_policy,
        )
    };
    let located_string = |inst: &Node, ptr: &str| {
        simple_value(inst, ptr).and_then(|(v, p)| {
            Some(Located {
                value: v.as_str()?.to_string(),
                loc: doc.locate(&p, Part::Value),
            })
        })
    };
    for (child, ptr) in children(group, group_ptr) {
        let Some(id) = definition_id(child) else {
            view.truncated |= truncated(child);
            continue;
        };
        let name = id.strip_prefix(SC_PREFIX).unwrap_or(id);
        let name = name.strip_suffix(suffix).unwrap_or(name);
        // The Kerberos form's only choices: Apple's Kerberos extension, Team ID `apple`.
        let kerberos_choice = |value: &str| {
            choice_value(child, &ptr).map(|(_, p)| Located {
                value: value.to_string(),
                loc: doc.locate(&p, Part::Value),
            })
        };
        match name {
            "extensionidentifier" if !suffix.is_empty() => {
                view.extension_identifier = kerberos_choice(KERBEROS_EXTENSION_ID);
            }
            "teamidentifier" if !suffix.is_empty() => {
                view.team_identifier = kerberos_choice("apple");
            }
            "extensionidentifier" => view.extension_identifier = located_string(child, &ptr),
            "teamidentifier" => view.team_identifier = located_string(child, &ptr),
            "type" => {
                let choice = choice_value(child, &ptr);
                // `…_type_1` is Redirect, `…_type_0` (and the Kerberos form's
                // `…_type_kerberos_0`) Credential.
                view.extension_type = match choice.as_ref().map(|(v, _)| v.rsplit('_').next()) {
                    Some(Some("1")) if suffix.is_empty() => ExtensionType::Redirect,
                    Some(Some("0")) => ExtensionType::Credential,
                    _ => ExtensionType::Unknown,
                };
                view.type_decl = choice.map(|(v, p)| Located {
                    value: match view.extension_type {
                        ExtensionType::Redirect => "Redirect".to_string(),
                        ExtensionType::Credential => "Credential".to_string(),
                        _ => v.to_string(),
                    },
                    loc: doc.locate(&p, Part::Value),
                });
            }
            "urls" => {
                view.urls_loc = Some(doc.locate(&ptr, Part::Value));
                view.urls = catalog_strings(doc, child, &ptr);
            }
            "hosts" => view.hosts = catalog_strings(doc, child, &ptr),
            "extensiondata" => {
                let values_ptr = join(&ptr, "groupSettingCollectionValue");
                for (i, item) in child
                    .get("groupSettingCollectionValue")
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    if let Some(e) = catalog_entry(doc, item, &join(&values_ptr, i)) {
                        view.entries.push(e);
                    }
                }
            }
            _ => {}
        }
    }
    // The policy's declared `platforms` decides where it is installed; an identifier of
    // the other platform is a mistake (SSO109), not a platform. It names the platform
    // only when the policy declares none.
    if view.platform == Platform::Unknown {
        view.platform = platform_of_identifier(view.extension_identifier.as_ref());
    }
    split_list_items(doc, &mut view);
    view
}

/// The strings of a `simpleSettingCollectionValue`, each with its location.
fn catalog_strings(doc: &Document, setting: &Node, ptr: &str) -> Vec<Located<String>> {
    let list_ptr = join(ptr, "simpleSettingCollectionValue");
    setting
        .get("simpleSettingCollectionValue")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            Some(Located {
                value: v.get("value")?.as_str()?.to_string(),
                loc: doc.locate(&join(&join(&list_ptr, i), "value"), Part::Value),
            })
        })
        .collect()
}

/// One ExtensionData entry: a `keytobereplaced` key and an `ignored_$typepicker` choice
/// whose child holds the typed value.
fn catalog_entry(doc: &Document, item: &Node, item_ptr: &str) -> Option<Entry> {
    let mut key = None;
    let mut declared = None;
    let mut value = None;
    for (child, ptr) in children(item, item_ptr) {
        let id = definition_id(child).unwrap_or_default();
        if id.ends_with("_generickey_keytobereplaced") {
            key = simple_value(child, &ptr).and_then(|(v, p)| {
                Some(Located {
                    value: v.as_str()?.to_string(),
                    loc: doc.locate(&p, Part::Value),
                })
            });
        } else if id.ends_with("_ignored_$typepicker") {
            let Some((choice, choice_ptr)) = choice_value(child, &ptr) else {
                continue;
            };
            let ty = match choice.rsplit('_').next() {
                Some("0") => EntryType::String,
                Some("1") => EntryType::Integer,
                Some("2") => EntryType::Boolean,
                _ => EntryType::Other(choice.to_string()),
            };
            declared = Some((ty, doc.locate(&choice_ptr, Part::Value)));
            let typed_ptr = join(&join(&ptr, "choiceSettingValue"), "children");
            let typed = child
                .get("choiceSettingValue")
                .and_then(|c| c.get("children"))
                .map(Node::items)
                .unwrap_or_default();
            if let Some(typed_child) = typed.first() {
                let tp = join(&typed_ptr, 0);
                value = if let Some((v, p)) = simple_value(typed_child, &tp) {
                    Some(Located {
                        value: v.value.clone(),
                        loc: doc.locate(&p, Part::Value),
                    })
                } else if let Some((v, p)) = choice_value(typed_child, &tp) {
                    // Booleans are a nested choice `..._generickey_true` / `_false`.
                    let b = match v.rsplit('_').next() {
                        Some("true") => Value::Bool(true),
                        Some("false") => Value::Bool(false),
                        _ => Value::String(v.to_string()),
                    };
                    Some(Located {
                        value: b,
                        loc: doc.locate(&p, Part::Value),
                    })
                } else {
                    None
                };
            }
        }
    }
    let key = key?;
    let (declared, type_loc) =
        declared.unwrap_or_else(|| (EntryType::Other("untyped".into()), key.loc.clone()));
    Some(Entry {
        key,
        declared,
        type_loc,
        value,
        items: Vec::new(),
    })
}

fn platform_of_identifier(id: Option<&Located<String>>) -> Platform {
    match id.map(|i| trim(&i.value).to_ascii_lowercase()) {
        Some(i) if i == IOS_EXTENSION_ID => Platform::Ios,
        Some(i) if i == MACOS_EXTENSION_ID.to_ascii_lowercase() => Platform::Macos,
        _ => Platform::Unknown,
    }
}

// --- Apple profile -------------------------------------------------------------------

fn profile(doc: &Document, obj: &Object<'_>, out: &mut Vec<SsoExtension>) {
    let is_sso =
        |n: &Node| n.get("PayloadType").and_then(Node::as_str) == Some("com.apple.extensiblesso");
    // The Intune object carrying the profile (or `PayloadScope`) says which platform the
    // extension is for; only without it does the extension's identifier decide.
    let target = crate::views::profile::target(doc, obj.node).platform;
    if is_sso(obj.node) {
        out.push(payload(doc, obj, obj.node, &obj.pointer, target));
    }
    let content_ptr = join(&obj.pointer, "PayloadContent");
    for (i, p) in obj
        .node
        .get("PayloadContent")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if is_sso(p) {
            out.push(payload(doc, obj, p, &join(&content_ptr, i), target));
        }
    }
}

fn payload(
    doc: &Document,
    obj: &Object<'_>,
    p: &Node,
    ptr: &str,
    target: Platform,
) -> SsoExtension {
    let type_decl = located_str(doc, p, ptr, "Type");
    let extension_type = match type_decl.as_ref().map(|t| trim(&t.value)) {
        Some("Redirect") => ExtensionType::Redirect,
        Some("Credential") => ExtensionType::Credential,
        _ => ExtensionType::Unknown,
    };
    let extension_identifier = located_str(doc, p, ptr, "ExtensionIdentifier");
    let data_ptr = join(ptr, "ExtensionData");
    let entries = p
        .get("ExtensionData")
        .map(Node::members)
        .unwrap_or_default()
        .iter()
        .map(|m| {
            let member_ptr = join(&data_ptr, &m.key);
            // Duplicate keys share a pointer; each entry still gets its own spans.
            let key_loc = doc.locate_span(&member_ptr, m.key_span.clone());
            let value_loc = doc.locate_span(&member_ptr, m.node.span.clone());
            Entry {
                key: Located {
                    value: m.key.to_string(),
                    loc: key_loc,
                },
                declared: type_of_value(&m.node),
                type_loc: value_loc.clone(),
                value: Some(Located {
                    value: m.node.value.clone(),
                    loc: value_loc,
                }),
                items: Vec::new(),
            }
        })
        .collect();
    let mut view = SsoExtension {
        source: Source::Profile,
        object: ObjectRef::new(
            "com.apple.extensiblesso".into(),
            p.get("PayloadDisplayName")
                .and_then(Node::as_str)
                .or_else(|| obj.reference.name()),
            p.get("PayloadIdentifier")
                .and_then(Node::as_str)
                .or_else(|| obj.reference.id()),
        ),
        loc: doc.locate(ptr, Part::Value),
        platform: match target {
            Platform::Unknown => platform_of_identifier(extension_identifier.as_ref()),
            known => known,
        },
        extension_type,
        type_decl,
        extension_identifier,
        team_identifier: located_str(doc, p, ptr, "TeamIdentifier"),
        entries,
        bundle_ids: Vec::new(),
        urls: string_list(doc, p, ptr, "URLs"),
        hosts: string_list(doc, p, ptr, "Hosts"),
        urls_loc: p
            .get("URLs")
            .map(|_| doc.locate(&join(ptr, "URLs"), Part::Member)),
        shared_device_mode: None,
        truncated: false,
    };
    split_list_items(doc, &mut view);
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify;
    use crate::document::load_bytes;

    #[test]
    fn list_items_point_at_their_own_characters() {
        let text = r##"{"@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
 "iosSingleSignOnExtension": {"@odata.type": "#microsoft.graph.iosRedirectSingleSignOnExtension",
  "extensionIdentifier": "com.microsoft.azureauthenticator.ssoextension",
  "urlPrefixes": ["https://login.microsoftonline.com"],
  "configurations": [
   {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "AppBlockList", "value": " com.a ,, com.apple.mobilesafari"},
   {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "AppAllowList", "value": "com.b"}]}}"##;
        let doc = load_bytes("p.json".into(), text.as_bytes())
            .document
            .unwrap();
        let objects = classify::objects(&doc);
        let ext = &extract(&doc, &objects[0])[0];
        assert_eq!(ext.extension_type, ExtensionType::Redirect);
        assert_eq!(
            ext.type_decl.as_ref().unwrap().value,
            "iosRedirectSingleSignOnExtension"
        );
        assert!(ext.urls_loc.is_some());
        let items: Vec<(&str, &str)> = ext
            .list_items("AppBlockList")
            .map(|i| (i.value.as_str(), &text[i.loc.span.clone().unwrap()]))
            .collect();
        assert_eq!(
            items,
            vec![
                ("com.a", "com.a"),
                ("com.apple.mobilesafari", "com.apple.mobilesafari")
            ]
        );
        let allowed: Vec<&str> = ext.bundle_ids.iter().map(|b| b.value.as_str()).collect();
        assert_eq!(allowed, vec!["com.b"]);
    }

    #[test]
    fn catalog_kerberos_form_reads_like_the_plist() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/rules/SSO115/fail_catalog_kerberos_and_credential_hosts/SettingsCatalog/macOS - Kerberos SSO - CONTOSO.COM.json"
        );
        let bytes = std::fs::read(path).unwrap();
        let doc = load_bytes("k.json".into(), &bytes).document.unwrap();
        let objects = classify::objects(&doc);
        let ext = &extract(&doc, &objects[0])[0];
        assert_eq!(ext.source, Source::SettingsCatalog);
        assert_eq!(ext.platform, Platform::Macos);
        assert_eq!(ext.extension_type, ExtensionType::Credential);
        assert_eq!(
            ext.extension_identifier.as_ref().unwrap().value,
            KERBEROS_EXTENSION_ID
        );
        assert_eq!(ext.team_identifier.as_ref().unwrap().value, "apple");
        let hosts: Vec<&str> = ext.hosts.iter().map(|h| h.value.as_str()).collect();
        assert_eq!(hosts, vec!["contoso.com", ".contoso.com"]);
    }
}
