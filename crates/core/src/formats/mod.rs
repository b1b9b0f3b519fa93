//! Parsers: each turns one format into the shared [`Node`] tree.
//!
//! `sniff` decides the format from the content first (binary plist magic, a CMS envelope,
//! `<` for XML, `{`/`[` for JSON) and from the file name second (YAML has no magic).

pub mod json;
pub mod plist_binary;
pub mod plist_xml;
pub mod signed;
pub mod yaml;

use crate::node::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
    XmlPlist,
    BinaryPlist,
    /// A CMS (PKCS#7) SignedData envelope around a plist.
    Signed,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Yaml => "YAML",
            Format::XmlPlist => "XML plist",
            Format::BinaryPlist => "binary plist",
            Format::Signed => "CMS-signed profile",
        }
    }
}

/// A parser's complaint, with the byte offset in the decoded text where it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub offset: Option<usize>,
}

impl ParseError {
    pub fn new(message: impl Into<String>, offset: Option<usize>) -> Self {
        ParseError {
            message: message.into(),
            offset,
        }
    }
}

/// The file names intune-lint reads when walking folders (files named on the command line
/// are always read).
pub fn is_lintable_name(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    crate::discovery::is_discovery_file_name(file_name)
        || [".json", ".yaml", ".yml", ".mobileconfig", ".plist"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// Formats recognizable from the raw bytes, before any decoding.
pub fn sniff_binary(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"bplist") {
        Some(Format::BinaryPlist)
    } else if signed::looks_like_cms(bytes) {
        Some(Format::Signed)
    } else {
        None
    }
}

/// Formats of decoded text: by its first significant character, then by file name.
pub fn sniff_text(text: &str, file_name: &str) -> Format {
    let lower = file_name.to_ascii_lowercase();
    let by_name = if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        Some(Format::Yaml)
    } else if lower.ends_with(".mobileconfig") || lower.ends_with(".plist") {
        Some(Format::XmlPlist)
    } else {
        None
    };
    match text.trim_start().chars().next() {
        Some('<') => Format::XmlPlist,
        Some('{' | '[') if by_name != Some(Format::Yaml) => Format::Json,
        _ => by_name.unwrap_or(Format::Json),
    }
}

/// Parses decoded text in a text format.
pub fn parse_text(format: Format, text: &str) -> Result<Node, ParseError> {
    match format {
        Format::Json => json::parse(text),
        Format::Yaml => yaml::parse(text),
        Format::XmlPlist => plist_xml::parse(text),
        Format::BinaryPlist | Format::Signed => Err(ParseError::new("not a text format", None)),
    }
}
