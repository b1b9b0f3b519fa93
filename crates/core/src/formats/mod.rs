//! Parsers: each turns one format into the shared [`Node`] tree.
//!
//! `sniff` decides the format from the content first (binary plist magic, a CMS envelope,
//! `<` for XML, `{`/`[` for JSON) and from the file name second (YAML has no magic).

pub mod json;
pub mod plist_binary;
pub mod plist_xml;
pub mod signed;
pub mod yaml;
mod yaml_block;

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

/// The most values a text parser builds from `len` bytes. A node costs about 56 bytes
/// (a member about 100), so a file of tiny values (a 60 MB array of zeros: 30 million
/// values) would cost 30 times its size; with at most one value per 16 bytes, plus a
/// floor for small files, the tree stays within a small multiple of the file. Real exports
/// spend 40 bytes or more per value (`"@odata.type": "#microsoft.graph...."`; 44 at
/// least across ../shared/corpus), minified ones some 30.
pub fn max_values(len: usize) -> usize {
    100_000 + len / 16
}

/// The error for a file past [`max_values`], at the value that went over.
pub fn too_many_values(len: usize, offset: usize) -> ParseError {
    ParseError::new(
        format!(
            "more than {} values in {len} bytes: intune-lint reads at most one value per 16 \
             bytes (and 100,000 in any file), to keep memory bounded",
            max_values(len)
        ),
        Some(offset),
    )
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
    parse_text_noting(format, text).map(|(node, _)| node)
}

/// What a reader noted while building a tree, so that checks of the whole tree can pass
/// over a document that cannot trip them without walking it again (most documents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TreeFacts {
    /// Some object may repeat a key (EXP904 confirms).
    pub keys_may_repeat: bool,
    /// Some string value is a `ConvertTo-Json -Depth` cut (EXP902).
    pub truncation_marker: bool,
}

/// [`parse_text`], with the [`TreeFacts`] of the readers that note them (JSON).
pub fn parse_text_noting(
    format: Format,
    text: &str,
) -> Result<(Node, Option<TreeFacts>), ParseError> {
    match format {
        Format::Json => json::parse_noting(text).map(|(node, facts)| (node, Some(facts))),
        Format::Yaml => yaml::parse(text).map(|node| (node, None)),
        Format::XmlPlist => plist_xml::parse(text).map(|node| (node, None)),
        Format::BinaryPlist | Format::Signed => Err(ParseError::new("not a text format", None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 60 MB array of zeros once took 4.3 GB: the parsers stop at one value per 16 bytes
    /// (past a floor that every real file stays under).
    #[test]
    fn files_of_tiny_values_are_refused_past_the_value_budget() {
        let json = |n: usize| format!("[{}0]", "0,".repeat(n));
        let yaml = |n: usize| "- 0\n".repeat(n);
        let plist = |n: usize| {
            format!(
                "<plist version=\"1.0\"><array>{}</array></plist>",
                "<true/>".repeat(n)
            )
        };
        let cases: [(Format, &dyn Fn(usize) -> String); 3] = [
            (Format::Json, &json),
            (Format::Yaml, &yaml),
            (Format::XmlPlist, &plist),
        ];
        for (format, make) in cases {
            let message = parse_text(format, &make(1_000_000))
                .err()
                .map(|e| e.message);
            assert!(
                message.as_deref().is_some_and(|m| m.contains("values in")),
                "{format:?}: {message:?}"
            );
            // Under the floor the same shapes parse.
            assert!(parse_text(format, &make(90_000)).is_ok(), "{format:?}");
        }
    }

    const SIGNED_DATA_OID: [u8; 11] = [
        0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02,
    ];

    #[test]
    fn sniffs_binary_containers_by_their_first_bytes() {
        let with_header = |header: &[u8]| [header, &SIGNED_DATA_OID[..], &[0xA0, 0x80]].concat();
        // DER long-form lengths (the usual `30 82 xx xx`), BER indefinite, short form.
        for header in [
            &[0x30, 0x82, 0x0A, 0x7F][..],
            &[0x30, 0x80],
            &[0x30, 0x81, 0xF0],
            &[0x30, 0x83, 0x01, 0x00, 0x00],
            &[0x30, 0x84, 0x00, 0x01, 0x00, 0x00],
            &[0x30, 0x7F],
        ] {
            assert_eq!(
                sniff_binary(&with_header(header)),
                Some(Format::Signed),
                "{header:02X?}"
            );
        }
        assert_eq!(sniff_binary(b"bplist00\xD1"), Some(Format::BinaryPlist));
        // A SEQUENCE that is not PKCS#7, text starting with "0", and plain text.
        assert_eq!(
            sniff_binary(&[0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x00]),
            None
        );
        assert_eq!(sniff_binary(b"0\x82 is not UTF-8 anyway"), None);
        assert_eq!(sniff_binary(b"<?xml version=\"1.0\"?>"), None);
        assert_eq!(sniff_binary(b""), None);
    }

    #[test]
    fn sniffs_text_by_content_then_name() {
        assert_eq!(sniff_text("  \r\n<?xml?>", "a.json"), Format::XmlPlist);
        assert_eq!(sniff_text("{\"a\": 1}", "a.mobileconfig"), Format::Json);
        assert_eq!(sniff_text("{a: 1}", "a.yaml"), Format::Yaml);
        assert_eq!(sniff_text("a: 1", "A.YML"), Format::Yaml);
        assert_eq!(
            sniff_text("not a plist", "x.mobileconfig"),
            Format::XmlPlist
        );
        assert_eq!(sniff_text("a: 1", "stdin"), Format::Json);
    }
}
