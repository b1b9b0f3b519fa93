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

/// The Intune or Apple object a finding is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ObjectRef {
    /// Interned: every object of the export has one, and a handful of kinds repeat.
    pub kind: crate::intern::Interned,
    /// Boxed strings, 16 bytes each instead of 24: the index keeps one per object.
    pub name: Option<Box<str>>,
    pub id: Option<Box<str>>,
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
