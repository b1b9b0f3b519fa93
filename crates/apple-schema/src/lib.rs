//! Apple's device-management payload schema (`apple/device-management`, `mdm/profiles`) as
//! a static table: every payload type, its keys (type, presence, allowed values, nested
//! keys, OS support) and the profile's top-level keys.
//!
//! The table in `generated.rs` is written by [`generate`] from `../shared/apple-schema`
//! (`cargo run -p intune-lint-apple-schema --bin generate-apple-schema`) and checked in with
//! Apple's MIT notice (`LICENSE-APPLE.txt`); a test fails when it is stale. Nothing is read
//! or downloaded at build or run time, and nothing is built at start-up.

pub mod generate;
mod generated;

pub use generated::{COMMON, LISTS, PAYLOADS, SOURCE_COMMIT, TOP_LEVEL};

/// A value type as the schema writes it (`<string>`, `<integer>`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    String,
    Integer,
    Real,
    Boolean,
    Date,
    Data,
    Array,
    Dictionary,
    Any,
}

impl Type {
    /// The schema's spelling, which is also the plist tag (`<integer>`).
    pub fn tag(self) -> &'static str {
        match self {
            Type::String => "<string>",
            Type::Integer => "<integer>",
            Type::Real => "<real>",
            Type::Boolean => "<boolean>",
            Type::Date => "<date>",
            Type::Data => "<data>",
            Type::Array => "<array>",
            Type::Dictionary => "<dictionary>",
            Type::Any => "<any>",
        }
    }
}

/// One `rangelist` entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lit {
    S(&'static str),
    I(i64),
    R(f64),
}

impl std::fmt::Display for Lit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Lit::S(s) => write!(f, "\"{s}\""),
            Lit::I(i) => write!(f, "{i}"),
            Lit::R(r) => write!(f, "{r}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OsName {
    Ios,
    Macos,
    Tvos,
    Visionos,
    Watchos,
}

impl OsName {
    pub fn name(self) -> &'static str {
        match self {
            OsName::Ios => "iOS",
            OsName::Macos => "macOS",
            OsName::Tvos => "tvOS",
            OsName::Visionos => "visionOS",
            OsName::Watchos => "watchOS",
        }
    }
}

/// `userenrollment.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserEnrollment {
    Allowed,
    Forbidden,
    Ignored,
    Required,
}

/// One `supportedOS` entry. Versions are kept as written; `introduced: n/a` means the
/// payload or key does not exist on that OS.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Os {
    pub os: OsName,
    pub introduced: Option<&'static str>,
    pub deprecated: Option<&'static str>,
    pub removed: Option<&'static str>,
    pub supervised: Option<bool>,
    pub user_enrollment: Option<UserEnrollment>,
}

impl Os {
    pub fn unavailable(&self) -> bool {
        self.introduced == Some("n/a")
    }
}

/// A key definition. `name` is `ANY` for free-form dictionaries (any key, of `ty`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    pub name: &'static str,
    pub ty: Type,
    pub required: bool,
    pub rangelist: &'static [Lit],
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Index into [`LISTS`]: the keys of a dictionary, or the one item definition of an
    /// array. Shared and possibly recursive (Apple's YAML anchors).
    pub subkeys: Option<u16>,
    pub os: &'static [Os],
}

impl Key {
    pub fn subkeys(&self) -> &'static [Key] {
        self.subkeys.map_or(&[], |i| LISTS[i as usize])
    }

    pub fn is_any(&self) -> bool {
        self.name == "ANY"
    }

    pub fn os(&self, os: OsName) -> Option<&'static Os> {
        self.os.iter().find(|o| o.os == os)
    }
}

/// A payload schema. Several files can share one payload type (`com.apple.MCX` ×6,
/// `com.apple.extensiblesso` generic and Kerberos): `file` tells them apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Payload {
    pub file: &'static str,
    pub payload_type: &'static str,
    pub title: &'static str,
    pub os: &'static [Os],
    /// Index into [`LISTS`].
    pub keys: u16,
}

impl Payload {
    pub fn keys(&self) -> &'static [Key] {
        LISTS[self.keys as usize]
    }

    pub fn os(&self, os: OsName) -> Option<&'static Os> {
        self.os.iter().find(|o| o.os == os)
    }
}

/// The schemas of a payload type (exact, case-sensitive match, as devices compare). The
/// table is sorted by file name, so a type's variants are adjacent: a slice, no allocation.
pub fn payloads(payload_type: &str) -> &'static [Payload] {
    let Some(start) = PAYLOADS.iter().position(|p| p.payload_type == payload_type) else {
        return &[];
    };
    let len = PAYLOADS[start..]
        .iter()
        .take_while(|p| p.payload_type == payload_type)
        .count();
    &PAYLOADS[start..start + len]
}

/// The profile's top-level keys (`TopLevel.yaml`).
pub fn top_level() -> &'static [Key] {
    LISTS[TOP_LEVEL as usize]
}

/// The keys every payload has (`CommonPayloadKeys.yaml`).
pub fn common() -> &'static [Key] {
    LISTS[COMMON as usize]
}

/// The definition of `name` in a key list: exact, else the list's `ANY` entry.
pub fn find(list: &'static [Key], name: &str) -> Option<&'static Key> {
    list.iter()
        .find(|k| k.name == name)
        .or_else(|| list.iter().find(|k| k.is_any()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_the_documented_shape() {
        assert_eq!(PAYLOADS.len(), 126);
        let top: Vec<&str> = top_level().iter().map(|k| k.name).collect();
        for k in [
            "PayloadIdentifier",
            "PayloadUUID",
            "PayloadType",
            "PayloadVersion",
            "PayloadContent",
        ] {
            assert!(top.contains(&k), "{k}");
            assert!(find(top_level(), k).unwrap().required, "{k}");
        }
        let version = find(top_level(), "PayloadVersion").unwrap();
        assert_eq!(version.ty, Type::Integer);
        assert_eq!(version.rangelist, &[Lit::I(1)]);
        assert_eq!(payloads("com.apple.MCX").len(), 6);
        assert_eq!(payloads("com.apple.extensiblesso").len(), 2);
        for p in PAYLOADS {
            let all = PAYLOADS
                .iter()
                .filter(|q| q.payload_type == p.payload_type)
                .count();
            assert_eq!(
                payloads(p.payload_type).len(),
                all,
                "{} not adjacent",
                p.file
            );
        }
        // Recursive anchors: a home screen folder's pages hold icons that hold pages.
        let hs = &payloads("com.apple.homescreenlayout")[0];
        let icon = &find(hs.keys(), "Dock").unwrap().subkeys()[0];
        let pages = find(icon.subkeys(), "Pages").unwrap();
        let page = &pages.subkeys()[0];
        assert_eq!(page.ty, Type::Array);
        assert_eq!(page.subkeys, find(hs.keys(), "Dock").unwrap().subkeys);
        let sso = payloads("com.apple.extensiblesso")
            .iter()
            .find(|p| p.file == "com.apple.extensiblesso")
            .unwrap();
        let data = find(sso.keys(), "ExtensionData").unwrap();
        assert!(data.subkeys().iter().any(Key::is_any));
    }
}
