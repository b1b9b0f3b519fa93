//! A parsed file: its value tree, how it was encoded, and how to turn a pointer into a
//! location. Loading never fails hard: unreadable, undecodable and unparsable files become
//! EXP findings and the run goes on.

use crate::finding::Finding;
use crate::formats::{self, Format, ParseError};
use crate::location::{LineIndex, Location};
use crate::node::{Node, Span};
use crate::source::{self, TextEncoding};
use std::sync::{Arc, OnceLock};

pub struct Document {
    /// The path as given by the user, `/`-separated (or the `--stdin-filename`).
    pub path: Arc<str>,
    pub format: Format,
    /// The text encoding; `None` for binary plists.
    pub encoding: Option<TextEncoding>,
    /// The file was a CMS-signed envelope; `root` is its content.
    pub signed: bool,
    /// Common name of the signing certificate, when `signed` and the envelope has it.
    pub signer: Option<String>,
    /// The decoded text spans refer to; `None` when the file has no meaningful lines
    /// (binary plists, signed envelopes).
    pub text: Option<String>,
    pub root: Node,
    /// Set when this is a profile decoded from a Graph object's base64 `payload`.
    pub embedded: Option<Embedded>,
    /// What the reader noted of the tree; `None`: nothing (checks walk the tree).
    pub tree_facts: Option<formats::TreeFacts>,
    lines: OnceLock<LineIndex>,
}

/// Where an embedded profile came from: the Intune custom configuration carrying it.
/// Every location in the profile is the `payload` member of the Graph file, its pointer
/// extended by the key path inside the profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedded {
    pub platform: crate::views::sso::Platform,
    /// The Graph type, as users know it (`iosCustomConfiguration`).
    pub kind: &'static str,
    /// The `payload` value in the Graph file.
    pub loc: Location,
}

/// Which part of an object member a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Key,
    Value,
    /// From the key to the end of the value.
    Member,
}

impl Document {
    pub fn new(
        path: Arc<str>,
        format: Format,
        encoding: Option<TextEncoding>,
        signed: bool,
        text: Option<String>,
        root: Node,
    ) -> Self {
        Document {
            path,
            format,
            encoding,
            signed,
            signer: None,
            text,
            root,
            embedded: None,
            tree_facts: None,
            lines: OnceLock::new(),
        }
    }

    /// The file name without folders.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    pub fn line_index(&self) -> Option<&LineIndex> {
        let text = self.text.as_ref()?;
        Some(self.lines.get_or_init(|| LineIndex::new(text)))
    }

    /// The location of `pointer`. A pointer that does not resolve (a view may point at
    /// a member it did not find) falls back to its nearest existing ancestor.
    pub fn locate(&self, pointer: &str, part: Part) -> Location {
        let mut p = pointer;
        let span = loop {
            if let Some((node, member)) = self.root.pointer(p) {
                break pick_span(node, member.and_then(|m| m.key_span.clone()), part);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => break self.root.span.clone(),
            }
        };
        self.locate_span(pointer, span)
    }

    /// The location of `node`'s value, which is at `pointer`: what [`Self::locate`] with
    /// [`Part::Value`] finds, without walking from the root to find the node again.
    pub fn locate_node(&self, pointer: &str, node: &Node) -> Location {
        self.locate_span(pointer, node.span.clone())
    }

    /// A location for an explicit byte span (a substring of a value, say). Its line and
    /// column are worked out only if it is reported ([`Document::resolve`]).
    pub fn locate_span(&self, pointer: &str, span: Option<Span>) -> Location {
        if let Some(e) = &self.embedded {
            return Location {
                pointer: format!("{}{pointer}", e.loc.pointer).into(),
                ..e.loc.clone()
            };
        }
        match (span, &self.text) {
            (Some(span), Some(_)) => Location::deferred(self.path.clone(), pointer, span),
            _ => Location {
                pointer: pointer.into(),
                ..Location::file(self.path.clone())
            },
        }
    }

    /// Fills in lines and columns of the findings' locations in this document.
    pub fn resolve(&self, findings: &mut [Finding]) {
        let Some(text) = self.text.as_deref() else {
            return;
        };
        for loc in findings.iter_mut().flat_map(Finding::locations_mut) {
            if loc.is_unresolved() && loc.path == self.path {
                // Built on the first reported location only: clean files never scan lines.
                let idx = self.lines.get_or_init(|| LineIndex::new(text));
                loc.resolve(text, idx);
            }
        }
    }

    pub fn text_of(&self, span: &Span) -> Option<&str> {
        self.text.as_deref()?.get(span.clone())
    }

    /// The location of `decoded[part]`, a piece of a string value whose whole value spans
    /// `span` (quotes or tags included): exact when the value is written without escapes,
    /// else the whole value.
    pub fn locate_in_string(
        &self,
        pointer: &str,
        span: Option<&Span>,
        decoded: &str,
        part: std::ops::Range<usize>,
    ) -> Location {
        // Where the decoded value starts inside its raw span (after a quote or `<string>`).
        let base = span.and_then(|span| {
            let raw = self.text_of(span)?;
            Some(span.start + raw.find(decoded)?)
        });
        match base {
            Some(b) => self.locate_span(pointer, Some(b + part.start..b + part.end)),
            None => self.locate_span(pointer, span.cloned()),
        }
    }

    /// The file starts with a byte order mark (UTF-8 or UTF-16).
    pub fn has_bom(&self) -> bool {
        self.encoding.is_some_and(TextEncoding::has_bom)
    }
}

fn pick_span(node: &Node, key_span: Option<Span>, part: Part) -> Option<Span> {
    match (part, key_span, node.span.clone()) {
        (Part::Key, Some(k), _) => Some(k),
        (Part::Member, Some(k), Some(v)) => Some(k.start..v.end),
        (_, _, v) => v,
    }
}

/// The result of loading one file: a document when it parsed, and any EXP findings.
pub struct Loaded {
    pub document: Option<Document>,
    pub findings: Vec<Finding>,
    /// How to tell, later, whether the file on disk is still the one read.
    pub read: BytesRead,
}

/// The length and digest of the bytes [`load_owned`] took over
/// ([`crate::location::SourceFile`]), which only a file with findings needs: made from the
/// document's text when that text is the bytes as read (valid UTF-8 without a BOM, nearly
/// every file), so a clean file is never hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BytesRead {
    /// Length and digest, taken while the bytes were at hand.
    Digested(u64, u64),
    /// The document's text is the bytes as read.
    AsText,
    /// Not taken: the caller keeps the bytes ([`load_bytes`]), or none were read.
    NotTaken,
}

impl Loaded {
    /// The length and digest of the bytes read, when [`load_owned`] took them over.
    pub fn source_digest(&self) -> Option<(u64, u64)> {
        match self.read {
            BytesRead::Digested(len, digest) => Some((len, digest)),
            BytesRead::NotTaken => None,
            BytesRead::AsText => {
                let text = self.document.as_ref()?.text.as_deref()?;
                Some((text.len() as u64, crate::location::digest(text.as_bytes())))
            }
        }
    }
}

/// Reads and parses a file from disk.
pub fn load_path(display: Arc<str>, fs_path: &std::path::Path, max_size: u64) -> Loaded {
    match source::read_file(fs_path, max_size) {
        Ok(bytes) => load_owned(display, bytes),
        Err(e) => unreadable(display, &e),
    }
}

/// A file that could not be read: no document, one EXP906 finding.
pub fn unreadable(display: Arc<str>, e: &source::ReadError) -> Loaded {
    Loaded {
        read: BytesRead::NotTaken,
        document: None,
        findings: vec![Finding::new(
            "EXP906",
            e.to_string(),
            Location::file(display),
        )],
    }
}

/// Decodes and parses bytes already in memory (stdin, or a file read by the caller).
pub fn load_bytes(path: Arc<str>, bytes: &[u8]) -> Loaded {
    load(path, std::borrow::Cow::Borrowed(bytes))
}

/// [`load_bytes`] taking over the bytes read: UTF-8 text is parsed where it was read.
pub fn load_owned(path: Arc<str>, bytes: Vec<u8>) -> Loaded {
    load(path, std::borrow::Cow::Owned(bytes))
}

fn load(path: Arc<str>, bytes: std::borrow::Cow<'_, [u8]>) -> Loaded {
    let mut findings = Vec::new();
    let binary = formats::sniff_binary(&bytes);
    let mut read = match (&bytes, binary) {
        (std::borrow::Cow::Borrowed(_), _) => BytesRead::NotTaken,
        // Binary and signed files have no text to digest later.
        (std::borrow::Cow::Owned(bytes), Some(_)) => {
            BytesRead::Digested(bytes.len() as u64, crate::location::digest(bytes))
        }
        (std::borrow::Cow::Owned(_), None) => BytesRead::AsText,
    };
    let document = match binary {
        Some(Format::BinaryPlist) => match formats::plist_binary::parse(&bytes) {
            Ok(root) => Some(Document::new(
                path.clone(),
                Format::BinaryPlist,
                None,
                false,
                None,
                root,
            )),
            Err(e) => {
                findings.push(parse_finding(&path, Format::BinaryPlist, &e, None));
                None
            }
        },
        Some(Format::Signed) => match formats::signed::unwrap(&bytes) {
            // An envelope inside an envelope: refuse rather than recurse (a crafted file
            // could nest thousands deep).
            Ok(inner) if formats::sniff_binary(&inner.content) == Some(Format::Signed) => {
                findings.push(parse_finding(
                    &path,
                    Format::Signed,
                    &ParseError::new("a signed envelope inside a signed envelope", None),
                    None,
                ));
                None
            }
            Ok(inner) => {
                let loaded = load_owned(path.clone(), inner.content);
                // Positions in the embedded profile are not positions in the file on disk.
                findings.extend(loaded.findings.into_iter().map(|mut f| {
                    f.location.span = None;
                    f.location.start = None;
                    f.location.end = None;
                    f
                }));
                loaded.document.map(|mut d| {
                    d.signed = true;
                    d.signer = inner.signer;
                    d.format = Format::Signed;
                    // The inner text is not the file on disk: no lines to show.
                    d.text = None;
                    d
                })
            }
            Err(e) => {
                findings.push(parse_finding(&path, Format::Signed, &e, None));
                None
            }
        },
        _ => {
            let decoded = match bytes {
                std::borrow::Cow::Owned(bytes) => {
                    let (decoded, digested) = source::decode_owned(bytes);
                    if let Some((len, digest)) = digested {
                        read = BytesRead::Digested(len, digest);
                    }
                    decoded
                }
                std::borrow::Cow::Borrowed(bytes) => source::decode(bytes),
            };
            let format = formats::sniff_text(&decoded.text, path.rsplit('/').next().unwrap_or(""));
            let text = decoded.text;
            if let Some(offset) = decoded.first_invalid {
                let span = offset..offset + '\u{FFFD}'.len_utf8();
                let loc = Location::in_text(path.clone(), "", &text, &LineIndex::new(&text), span);
                findings.push(
                    Finding::new(
                        "EXP905",
                        format!(
                            "bytes that are not valid {} (an ANSI code page?) were replaced with U+FFFD",
                            decoded.encoding.name()
                        ),
                        loc,
                    )
                    .with_help("Windows PowerShell 5.1's `Set-Content`/`Out-File -Encoding Default` writes the ANSI code page: re-export with `-Encoding utf8` (or with the export tool's own writer, which writes UTF-8 or UTF-16), or convert the file to UTF-8; the replaced characters are not checked"),
                );
            }
            let result = formats::parse_text_noting(format, &text);
            match result {
                Ok((root, facts)) => {
                    let mut doc = Document::new(
                        path.clone(),
                        format,
                        Some(decoded.encoding),
                        false,
                        Some(text),
                        root,
                    );
                    doc.tree_facts = facts;
                    Some(doc)
                }
                Err(e) => {
                    findings.push(parse_finding(&path, format, &e, Some(&text)));
                    // No document keeps the text: digest it while it is here.
                    if read == BytesRead::AsText {
                        read = BytesRead::Digested(
                            text.len() as u64,
                            crate::location::digest(text.as_bytes()),
                        );
                    }
                    None
                }
            }
        }
    };
    Loaded {
        document,
        findings,
        read,
    }
}

fn parse_finding(path: &Arc<str>, format: Format, e: &ParseError, text: Option<&str>) -> Finding {
    let loc = match (text, e.offset) {
        (Some(text), Some(offset)) => {
            // Point at the one character the parser stopped on.
            let offset = floor_char_boundary(text, offset);
            let end = text[offset..]
                .chars()
                .next()
                .map_or(offset, |c| offset + c.len_utf8());
            Location::in_text(path.clone(), "", text, &LineIndex::new(text), offset..end)
        }
        _ => Location::file(path.clone()),
    };
    Finding::new(
        "EXP901",
        format!("cannot parse as {}: {}", format.name(), e.message),
        loc,
    )
    .with_help("if an export tool wrote this file, it is damaged or cut short: export it again (a partial copy or a hand edit is the usual cause); if it is not an export (notes, a build artifact, an editor, package or CI file), leave it out with `extend-exclude = [\"path/**\"]` in intune-lint.toml or a `.gitignore` entry")
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_digest_is_of_the_bytes_as_read() {
        let json = br#"{"displayName": "p", "x": 1}"#.to_vec();
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                std::str::from_utf8(&json)
                    .unwrap()
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("utf-8", json.clone()),
            ("utf-8 with BOM", [b"\xEF\xBB\xBF".as_slice(), &json].concat()),
            ("utf-16", utf16),
            ("invalid utf-8", br#"{"a": "caf\xE9"}"#.to_vec()),
            ("does not parse", br#"{"a": "#.to_vec()),
            ("does not parse, invalid", b"{\"a\": \xE9".to_vec()),
            ("empty", Vec::new()),
            ("binary plist", b"bplist00\xD0\x08\x00\x00\x00\x00\x00\x00\x01\x01\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x09".to_vec()),
        ];
        for (name, bytes) in cases {
            let want = Some((bytes.len() as u64, crate::location::digest(&bytes)));
            let owned = load_owned(Arc::from("f.json"), bytes.clone());
            assert_eq!(owned.source_digest(), want, "{name}");
            // Bytes the caller keeps (an embedded profile, stdin) are not hashed here.
            let borrowed = load_bytes(Arc::from("f.json"), &bytes);
            assert_eq!(borrowed.source_digest(), None, "{name}");
        }
        // The text of a plain UTF-8 file is digested only when asked.
        assert_eq!(
            load_owned(Arc::from("f.json"), json).read,
            BytesRead::AsText
        );
    }
}
