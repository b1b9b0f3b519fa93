//! Which objects a document holds, and what they are.
//!
//! A file holds one Graph object, a collection page (`{"value": [...]}`), a bare array
//! (IntuneBackupAndRestore assignment files), an Apple profile or the discovery file.
//! Objects are recognized by `@odata.type` (with or without `#`, any case), then by the
//! export tool's folder name, then by shape.

use crate::document::Document;
use crate::finding::ObjectRef;
use crate::node::{Node, join};

/// What an object is, as far as rules care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `iosDeviceFeaturesConfiguration` / `macOSDeviceFeaturesConfiguration` (the SSO app
    /// extension template).
    DeviceFeatures,
    /// `deviceManagementConfigurationPolicy` (Settings Catalog).
    SettingsCatalog,
    /// An Apple configuration profile (or a bare payload dictionary).
    AppleProfile,
    /// `iosCustomConfiguration` / `macOSCustomConfiguration`: a profile in base64 `payload`.
    CustomProfile { macos: bool },
    /// The `.well-known/com.apple.remotemanagement` file.
    Discovery,
    /// An iOS/iPadOS app (`iosVppApp`, `iosStoreApp`, `iosLobApp`, `managedIOSStoreApp`).
    IosApp,
    /// A mobile app of another platform (only tells that the export holds apps).
    OtherApp,
    /// `iosMobileAppConfiguration` (app configuration for managed devices).
    AppConfig,
    /// `iosManagedAppProtection`.
    AppProtection,
    /// `depIOSEnrollmentProfile` (automated device enrollment).
    AdeProfile,
    /// `appleUserInitiatedEnrollmentProfile` (the "Enrollment types" profiles).
    UserEnrollmentProfile,
    /// A device compliance policy; `ios` for `iosCompliancePolicy`.
    Compliance { ios: bool },
    /// An Entra group.
    Group,
    /// One assignment (IntuneBackupAndRestore's `Assignments/` files hold an array, or one
    /// bare object).
    Assignment,
    /// A Graph object no rule reads (Windows, Android, ...): parsed, counted, skipped.
    Unknown(Option<crate::intern::Interned>),
}

impl Kind {
    pub fn is_recognized(&self) -> bool {
        !matches!(self, Kind::Unknown(_))
    }

    pub fn label(&self) -> &str {
        match self {
            Kind::DeviceFeatures => "device features policy",
            Kind::SettingsCatalog => "Settings Catalog policy",
            Kind::AppleProfile => "configuration profile",
            Kind::CustomProfile { .. } => "custom configuration profile",
            Kind::Discovery => "discovery file",
            Kind::IosApp => "iOS app",
            Kind::OtherApp => "app",
            Kind::AppConfig => "app configuration policy",
            Kind::AppProtection => "app protection policy",
            Kind::AdeProfile => "automated device enrollment profile",
            Kind::UserEnrollmentProfile => "enrollment type profile",
            Kind::Compliance { .. } => "compliance policy",
            Kind::Group => "group",
            Kind::Assignment => "assignment",
            Kind::Unknown(_) => "object",
        }
    }
}

/// One object of a document.
pub struct Object<'a> {
    pub pointer: String,
    pub node: &'a Node,
    /// `@odata.type` without `#` and `microsoft.graph.`, lower-cased.
    pub odata_type: Option<String>,
    pub kind: Kind,
    pub reference: ObjectRef,
}

/// `#microsoft.graph.iosVppApp` → `iosvppapp`.
pub fn normalize_type(t: &str) -> String {
    let t = t.trim().trim_start_matches('#');
    let lower = t.to_ascii_lowercase();
    lower
        .strip_prefix("microsoft.graph.")
        .map(str::to_string)
        .unwrap_or(lower)
}

/// The normalized `@odata.type` of a node, if it has one.
pub fn odata_type(node: &Node) -> Option<String> {
    node.get("@odata.type")
        .and_then(Node::as_str)
        .map(normalize_type)
}

pub fn objects(doc: &Document) -> Vec<Object<'_>> {
    let root = &doc.root;
    if crate::discovery::is_discovery_file_name(doc.file_name()) {
        return vec![make(doc, String::new(), root, Some(Kind::Discovery))];
    }
    if is_apple_profile(root) {
        return vec![make(doc, String::new(), root, Some(Kind::AppleProfile))];
    }
    match root.get("value") {
        Some(value) if value.is_array() && is_collection(root) => value
            .items()
            .iter()
            .enumerate()
            .map(|(i, n)| make(doc, join("/value", i), n, None))
            .collect(),
        _ if root.is_array() => root
            .items()
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_object())
            .map(|(i, n)| make(doc, join("", i), n, None))
            .collect(),
        _ if root.is_object() => vec![make(doc, String::new(), root, None)],
        _ => Vec::new(),
    }
}

/// A Graph collection page: `value` plus OData control information, or nothing else.
fn is_collection(root: &Node) -> bool {
    root.members()
        .iter()
        .all(|m| m.key == "value" || m.key.starts_with("@odata."))
}

fn is_apple_profile(root: &Node) -> bool {
    root.get("PayloadContent").is_some()
        || root
            .get("PayloadType")
            .and_then(Node::as_str)
            .is_some_and(|t| t == "Configuration" || t.starts_with("com.apple."))
}

fn make<'a>(doc: &Document, pointer: String, node: &'a Node, kind: Option<Kind>) -> Object<'a> {
    let odata_type = odata_type(node);
    let kind = kind.unwrap_or_else(|| kind_of(doc, node, odata_type.as_deref()));
    let text = |k: &str| node.get(k).and_then(Node::as_str);
    // Users know types as Graph spells them (`iosDeviceFeaturesConfiguration`).
    let written_type = node.get("@odata.type").and_then(Node::as_str).map(|t| {
        t.trim()
            .trim_start_matches('#')
            .trim_start_matches("microsoft.graph.")
    });
    let reference = ObjectRef::new(
        match (&kind, written_type) {
            (Kind::AppleProfile | Kind::Discovery, _) | (_, None) => kind.label().into(),
            (_, Some(t)) => t.into(),
        },
        text("displayName")
            .or_else(|| text("name"))
            .or_else(|| text("PayloadDisplayName")),
        text("id").or_else(|| text("PayloadIdentifier")),
    );
    Object {
        pointer,
        node,
        odata_type,
        kind,
        reference,
    }
}

fn kind_of(doc: &Document, node: &Node, odata_type: Option<&str>) -> Kind {
    if let Some(t) = odata_type {
        return kind_of_type(t);
    }
    // No type: the export tool's folder names, then the object's shape (the admin
    // center's own JSON export drops `@odata.type` from policies; IntuneManagement's
    // `Groups/*.json` and IntuneBackupAndRestore's assignment files never have one).
    let in_folder = |names: &[&str]| {
        let mut folders = doc.path.split('/').rev().skip(1);
        folders.any(|c| names.iter().any(|n| c.eq_ignore_ascii_case(n)))
    };
    let context_says = |part: &str| {
        node.get("@odata.context")
            .and_then(Node::as_str)
            .is_some_and(|c| c.contains(part))
    };
    let shaped_like_catalog = node.get("settings").is_some_and(Node::is_array)
        && (node.get("technologies").is_some() || node.get("platforms").is_some());
    if shaped_like_catalog
        || (node.get("settings").is_some()
            && (in_folder(&["SettingsCatalog", "Settings Catalog"])
                || context_says("configurationPolicies")))
    {
        return Kind::SettingsCatalog;
    }
    if ["iosSingleSignOnExtension", "macOSSingleSignOnExtension"]
        .iter()
        .any(|k| node.get(k).is_some())
    {
        return Kind::DeviceFeatures;
    }
    let shaped_like_group =
        node.get("groupTypes").is_some_and(Node::is_array) && node.get("securityEnabled").is_some();
    if shaped_like_group
        || ((in_folder(&["Groups"]) || context_says("#groups"))
            && node.get("displayName").is_some()
            && (node.get("groupTypes").is_some() || node.get("membershipRule").is_some()))
    {
        return Kind::Group;
    }
    // Shapes only these objects have (an export that dropped `@odata.type`).
    if node.get("defaultEnrollmentType").is_some()
        || node.get("availableEnrollmentTypeOptions").is_some()
    {
        return Kind::UserEnrollmentProfile;
    }
    if node.get("enableAuthenticationViaCompanyPortal").is_some()
        && node.get("requiresUserAuthentication").is_some()
        && !in_folder(&["macOS", "Windows"])
    {
        return Kind::AdeProfile;
    }
    if node.get("targetedMobileApps").is_some()
        && (node.get("encodedSettingXml").is_some() || node.get("settings").is_some())
        && in_folder(&["AppConfigurationManagedDevice", "App Configuration"])
    {
        return Kind::AppConfig;
    }
    if node.get("target").is_some_and(Node::is_object)
        && (in_folder(&["Assignments"]) || node.get("intent").is_some() || node.get("id").is_some())
    {
        return Kind::Assignment;
    }
    Kind::Unknown(None)
}

/// The kind of a normalized `@odata.type`.
pub fn kind_of_type(t: &str) -> Kind {
    match t {
        "iosdevicefeaturesconfiguration" | "macosdevicefeaturesconfiguration" => {
            Kind::DeviceFeatures
        }
        "devicemanagementconfigurationpolicy" => Kind::SettingsCatalog,
        "ioscustomconfiguration" => Kind::CustomProfile { macos: false },
        "macoscustomconfiguration" => Kind::CustomProfile { macos: true },
        "iosvppapp" | "iosstoreapp" | "ioslobapp" | "managediosstoreapp" | "managedioslobapp" => {
            Kind::IosApp
        }
        "iosmobileappconfiguration" => Kind::AppConfig,
        "iosmanagedappprotection" => Kind::AppProtection,
        "depiosenrollmentprofile" => Kind::AdeProfile,
        "appleuserinitiatedenrollmentprofile" => Kind::UserEnrollmentProfile,
        "ioscompliancepolicy" => Kind::Compliance { ios: true },
        "group" => Kind::Group,
        t if t.ends_with("compliancepolicy") => Kind::Compliance { ios: false },
        t if is_other_app_type(t) => Kind::OtherApp,
        t if t.ends_with("assignment") => Kind::Assignment,
        t => Kind::Unknown(Some(t.into())),
    }
}

/// `mobileApp` subtypes of other platforms: `androidStoreApp`, `win32LobApp`,
/// `macOSVppApp`, `windowsUniversalAppX`, `webApp`, `iOSiPadOSWebClip`, ...
fn is_other_app_type(t: &str) -> bool {
    (t.ends_with("app") || t.ends_with("appx") || t.ends_with("webclip") || t.ends_with("msi"))
        && !t.contains("protection")
        && !t.contains("configuration")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::load_bytes;

    fn kind(path: &str, json: &str) -> Kind {
        let doc = load_bytes(path.into(), json.as_bytes()).document.unwrap();
        objects(&doc).remove(0).kind
    }

    #[test]
    fn kinds_by_type_then_folder_then_shape() {
        assert_eq!(
            kind(
                "a.json",
                r##"{"@odata.type": "#Microsoft.Graph.iosVppApp"}"##
            ),
            Kind::IosApp
        );
        assert_eq!(
            kind(
                "a.json",
                r##"{"@odata.type": "#microsoft.graph.win32LobApp"}"##
            ),
            Kind::OtherApp
        );
        assert_eq!(
            kind(
                "a.json",
                r##"{"@odata.type": "#microsoft.graph.androidCompliancePolicy"}"##
            ),
            Kind::Compliance { ios: false }
        );
        // IntuneManagement writes groups without a type.
        assert_eq!(
            kind(
                "t/Groups/Sales.json",
                r#"{"displayName": "Sales", "groupTypes": []}"#
            ),
            Kind::Group
        );
        assert_eq!(
            kind(
                "x.json",
                r#"{"displayName": "S", "groupTypes": [], "securityEnabled": true}"#
            ),
            Kind::Group
        );
        assert_eq!(
            kind(
                "x.json",
                r#"{"displayName": "P", "defaultEnrollmentType": "device"}"#
            ),
            Kind::UserEnrollmentProfile
        );
        // A name alone never makes a group.
        assert_eq!(
            kind("t/Groups/x.json", r#"{"displayName": "Sales"}"#),
            Kind::Unknown(None)
        );
    }
}
