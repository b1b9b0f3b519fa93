//! What a rule reports.

use crate::location::Location;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The Intune or Apple object a finding is about: its kind, name and id.
///
/// The tenant index keeps one per object of the export, so the name and id share one
/// allocation ([`ObjectRef::name`], [`ObjectRef::id`]).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ObjectRef {
    /// Interned: every object of the export has one, and a handful of kinds repeat.
    pub kind: crate::intern::Interned,
    /// The name followed by the id (`None` when there is neither).
    text: Option<Box<str>>,
    /// Bytes of `text` that are the name; `u32::MAX` for no name.
    name_len: u32,
    has_id: bool,
}

impl ObjectRef {
    pub fn new(kind: crate::intern::Interned, name: Option<&str>, id: Option<&str>) -> Self {
        // A name past 4 GiB cannot be read into a file the run accepts.
        let name = name.filter(|n| n.len() < u32::MAX as usize);
        let text = match (name, id) {
            (None, None) => None,
            (n, i) => Some([n.unwrap_or(""), i.unwrap_or("")].concat().into_boxed_str()),
        };
        ObjectRef {
            kind,
            text,
            name_len: name.map_or(u32::MAX, |n| n.len() as u32),
            has_id: id.is_some(),
        }
    }

    pub fn name(&self) -> Option<&str> {
        let text = self.text.as_deref()?;
        (self.name_len != u32::MAX).then(|| &text[..self.name_len as usize])
    }

    pub fn id(&self) -> Option<&str> {
        let text = self.text.as_deref()?;
        let start = if self.name_len == u32::MAX {
            0
        } else {
            self.name_len as usize
        };
        self.has_id.then(|| &text[start..])
    }
}

impl fmt::Debug for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObjectRef")
            .field("kind", &self.kind)
            .field("name", &self.name())
            .field("id", &self.id())
            .finish()
    }
}

impl Serialize for ObjectRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ObjectRef", 3)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("name", &self.name())?;
        st.serialize_field("id", &self.id())?;
        st.end()
    }
}

/// A second place that explains a finding (the other end of a relation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub message: String,
    #[serde(flatten)]
    pub location: Location,
}

/// How safe an automatic fix is (ruff's applicability levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    Safe,
    Unsafe,
    DisplayOnly,
}

/// Replace the bytes of `span` (in the decoded text) with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub message: String,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    pub object: Option<ObjectRef>,
    /// A finding-specific help line; reporters fall back to the rule's summary.
    pub help: Option<String>,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding with the rule's code. Its severity is provisional: the engine stamps
    /// the rule's configured severity on every finding, so rules never decide it.
    pub fn new(
        code: &'static str,
        message: impl Into<String>,
        location: impl Into<Location>,
    ) -> Self {
        Finding {
            code,
            severity: Severity::Error,
            message: message.into(),
            location: location.into(),
            object: None,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn with_object(mut self, object: Option<ObjectRef>) -> Self {
        self.object = object;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(
        mut self,
        message: impl Into<String>,
        location: impl Into<Location>,
    ) -> Self {
        self.related.push(Related {
            message: message.into(),
            location: location.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The finding's location and its related ones.
    pub fn locations_mut(&mut self) -> impl Iterator<Item = &mut Location> {
        std::iter::once(&mut self.location).chain(self.related.iter_mut().map(|r| &mut r.location))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Name and id read back as given, whichever is missing or empty, and serialize as
    /// the three fields reports have always shown.
    #[test]
    fn object_ref_keeps_name_and_id_apart() {
        for (name, id) in [
            (Some("iOS - Entra SSO"), Some("3465bf3e")),
            (Some("n"), None),
            (None, Some("i")),
            (None, None),
            (Some(""), Some("")),
            (Some(""), None),
            (None, Some("")),
            (Some("Zoë"), Some("é")),
        ] {
            let o = ObjectRef::new("kind".into(), name, id);
            assert_eq!((o.name(), o.id()), (name, id));
            assert_eq!(
                serde_json::to_value(&o).unwrap(),
                serde_json::json!({"kind": "kind", "name": name, "id": id})
            );
        }
        assert_eq!(ObjectRef::default().name(), None);
    }
}
