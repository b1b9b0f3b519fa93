//! `sarif`: SARIF 2.1.0 for GitHub code scanning, Azure DevOps (SARIF SAST Scans tab) and
//! other viewers.
//!
//! The structs are hand-written (as ruff and oxlint do) rather than taken from
//! `serde-sarif` 0.8: that crate generates its types at build time from the SARIF schema
//! (schemafy, syn 1, prettyplease, regex, typed-builder, strum, thiserror). Measured with
//! `cargo build --timings` (debug) on our shared 2-core machines: 21 more compilation
//! units and about 75 s more CPU time (serde-sarif itself 10 s, the regex stack 23 s, syn 1
//! and syn 2's extra features 19 s), for a clean build and for every CI run, against under
//! a second for these few hundred lines. We emit a small fixed subset of SARIF, and
//! `.ci/validate-outputs.sh` checks it with Microsoft's
//! SARIF multitool (with its GitHub rules), which guards correctness better than types.

use crate::repo::{RepoRoot, percent_encode};
use crate::{Context, Reporter};
use intune_lint_core::catalog::RuleMeta;
use intune_lint_core::engine::Run;
use intune_lint_core::finding::{Finding, ObjectRef, Severity};
use intune_lint_core::location::Location;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

/// Where the tool is documented (`tool.driver.informationUri`).
pub const INFORMATION_URI: &str = "https://github.com/intune-lint/intune-lint";
/// The base id that artifact URIs are relative to: the repository root.
pub const SRCROOT: &str = "%SRCROOT%";
/// The key of our entry in `partialFingerprints`; bump the version if the hash changes.
pub const FINGERPRINT_KEY: &str = "intuneLint/v1";

pub struct Sarif {
    repo: RepoRoot,
}

impl Sarif {
    /// Paths relative to the repository that holds the current directory.
    pub fn detect() -> Self {
        Sarif {
            repo: RepoRoot::detect(),
        }
    }

    pub fn with_root(repo: RepoRoot) -> Self {
        Sarif { repo }
    }
}

impl Reporter for Sarif {
    fn report(&self, run: &Run, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<ReportingDescriptor> = ctx.catalog.iter().map(descriptor).collect();
        let index: HashMap<&str, usize> = ctx
            .catalog
            .iter()
            .enumerate()
            .map(|(i, m)| (m.code.as_str(), i))
            .collect();
        let mut seen: HashMap<u64, usize> = HashMap::new();
        let results: Vec<SarifResult<'_>> = run
            .findings
            .iter()
            .map(|f| {
                let hash = fingerprint(f, &self.repo);
                let n = seen.entry(hash).or_default();
                *n += 1;
                self.result(
                    f,
                    ctx,
                    index.get(f.code).copied(),
                    format!("{hash:016x}:{n}"),
                )
            })
            .collect();
        let log = SarifLog {
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: vec![SarifRun {
                tool: Tool {
                    driver: Driver {
                        name: "intune-lint",
                        version: ctx.tool_version,
                        semantic_version: ctx.tool_version,
                        information_uri: INFORMATION_URI,
                        rules,
                    },
                },
                invocations: vec![Invocation {
                    execution_successful: true,
                }],
                original_uri_base_ids: HashMap::from([(
                    SRCROOT,
                    ArtifactLocation {
                        uri: self.repo.root_uri(),
                        uri_base_id: None,
                    },
                )]),
                column_kind: "unicodeCodePoints",
                results: crate::PrettyInParallel {
                    items: &results,
                    // `runs[0].results[i]`: four levels deep.
                    depth: 4,
                    render: serde_json::to_string_pretty,
                },
            }],
        };
        // Printed to a CI log, a value must not read as a command (see escape::json).
        let mut w = crate::escape::JsonWriter::new(&mut *out);
        serde_json::to_writer_pretty(&mut w, &log).map_err(io::Error::other)?;
        w.finish()?;
        writeln!(out)
    }
}

impl Sarif {
    fn result<'f>(
        &self,
        f: &'f Finding,
        ctx: &Context<'_>,
        rule_index: Option<usize>,
        fingerprint: String,
    ) -> SarifResult<'f> {
        SarifResult {
            rule_id: f.code.to_string(),
            rule_index,
            level: level(f.severity),
            message: Message {
                text: f.message.clone(),
            },
            locations: vec![self.location(&f.location, ctx, None)],
            related_locations: f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    self.location(
                        &r.location,
                        ctx,
                        Some((
                            i + 1,
                            Message {
                                text: r.message.clone(),
                            },
                        )),
                    )
                })
                .collect(),
            partial_fingerprints: HashMap::from([(FINGERPRINT_KEY, fingerprint)]),
            properties: f.object.as_ref().map(|o| ResultProperties { object: o }),
        }
    }

    fn location(
        &self,
        l: &Location,
        ctx: &Context<'_>,
        related: Option<(usize, Message)>,
    ) -> SarifLocation {
        let artifact = match self.repo.relative(&l.path) {
            Some(rel) => ArtifactLocation {
                uri: percent_encode(&rel),
                uri_base_id: Some(SRCROOT),
            },
            None => ArtifactLocation {
                uri: self.repo.file_uri(&l.path),
                uri_base_id: None,
            },
        };
        let region = match (l.start, l.end) {
            (Some(s), Some(e)) => Some(Region {
                start_line: s.line,
                start_column: s.column,
                end_line: e.line,
                end_column: e.column,
                snippet: snippet(l, ctx),
            }),
            _ => None,
        };
        let logical = if l.pointer.is_empty() {
            Vec::new()
        } else {
            vec![LogicalLocation {
                name: l
                    .pointer
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .replace("~1", "/")
                    .replace("~0", "~"),
                fully_qualified_name: l.pointer.to_string(),
                kind: "member",
            }]
        };
        let (id, message) = related.map_or((None, None), |(i, m)| (Some(i), Some(m)));
        SarifLocation {
            id,
            physical_location: PhysicalLocation {
                artifact_location: artifact,
                region,
            },
            logical_locations: logical,
            message,
        }
    }
}

/// The text of the span (the offending key or value), for viewers without the checkout;
/// left out for a span longer than a snippet (a whole object of a minified page would put
/// megabytes into the log per finding).
fn snippet(l: &Location, ctx: &Context<'_>) -> Option<Message> {
    let span = l.span.as_ref()?;
    if span.len() > crate::excerpt::MAX_SPAN_BYTES {
        return None;
    }
    let text = ctx.sources.text_at(l)?;
    let snippet = text.get(span.clone())?;
    Some(Message {
        text: snippet.to_string(),
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(m: &RuleMeta) -> ReportingDescriptor {
    let full = section(&m.body, "What it checks")
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| m.summary.clone());
    let mut tags = vec![m.family.clone(), "intune".to_string()];
    if m.applies_to.to_ascii_lowercase().contains("mobileconfig") {
        tags.push("apple".to_string());
    }
    ReportingDescriptor {
        id: m.code.clone(),
        name: m.name.clone(),
        short_description: Message {
            text: m.summary.clone(),
        },
        full_description: Message { text: full.clone() },
        help: Help {
            text: format!("{full}\n\nSee {}", m.url()),
            markdown: if m.body.trim().is_empty() {
                format!("{full}\n\n[{}]({})", m.code, m.url())
            } else {
                m.body.clone()
            },
        },
        help_uri: m.url(),
        default_configuration: Configuration {
            level: level(m.severity),
        },
        properties: RuleProperties { tags },
    }
}

/// The text under `## heading` in a rule page, up to the next `## `, trimmed.
fn section(body: &str, heading: &str) -> Option<String> {
    let start = body.find(&format!("## {heading}"))?;
    let rest = &body[start..];
    let rest = &rest[rest.find('\n').unwrap_or(rest.len())..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim().to_string())
}

/// Stable across edits that move lines: rule, repository-relative path, pointer and the
/// object's id, never the line or column. FNV-1a 64 (stable across Rust versions, unlike
/// `DefaultHasher`); duplicates get an occurrence number after the colon.
fn fingerprint(f: &Finding, repo: &RepoRoot) -> u64 {
    let path = repo.display(&f.location.path);
    let id = f.object.as_ref().and_then(|o| o.id()).unwrap_or("");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [f.code, path.as_str(), f.location.pointer.as_str(), id] {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: Tool<'a>,
    invocations: Vec<Invocation>,
    original_uri_base_ids: HashMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: crate::PrettyInParallel<'a, SarifResult<'a>, Render<'a>>,
}

type Render<'a> = fn(&SarifResult<'a>) -> serde_json::Result<String>;

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    semantic_version: &'a str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: Message,
    full_description: Message,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation>,
    partial_fingerprints: HashMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    object: &'a ObjectRef,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}
