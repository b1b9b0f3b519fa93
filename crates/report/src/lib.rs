//! Output formats: one file per format, all behind [`Reporter`].

mod azure;
mod concise;
pub mod escape;
mod excerpt;
mod github;
mod html;
mod human;
mod json;
mod junit;
pub mod markdown;
pub mod repo;
mod sarif;
pub mod scorecard;

use intune_lint_core::catalog::RuleMeta;
use intune_lint_core::engine::Run;
use intune_lint_core::location::Location;
use std::io::{self, Write};
use std::sync::Arc;

pub use azure::Azure;
pub use concise::Concise;
pub use github::Github;
pub use html::Html;
pub use human::Human;
pub use json::Json;
pub use junit::Junit;
pub use markdown::Markdown;
pub use sarif::Sarif;

/// Source text for snippets, loaded only for files that have findings.
pub trait Sources: Sync {
    fn text(&self, path: &str) -> Option<Arc<String>>;

    /// The text a location points into. Implementations that read from disk look the
    /// file up by the location's real path (two files may share a display path) and
    /// return `None` when it no longer holds what was linted.
    fn text_at(&self, location: &Location) -> Option<Arc<String>> {
        self.text(&location.path)
    }
}

/// Everything a reporter may need besides the run.
pub struct Context<'a> {
    pub catalog: &'a [RuleMeta],
    pub sources: &'a dyn Sources,
    pub color: bool,
    pub tool_version: &'a str,
    /// `--quiet`: the findings only, no summary (human and concise).
    pub quiet: bool,
}

impl Context<'_> {
    pub fn meta(&self, code: &str) -> Option<&RuleMeta> {
        self.catalog.iter().find(|m| m.code == code)
    }
}

pub trait Reporter {
    fn report(&self, run: &Run, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The format names `--format` accepts.
pub const FORMATS: &[&str] = &[
    "human", "concise", "json", "sarif", "github", "azure", "junit", "html", "markdown",
];

pub fn by_name(name: &str) -> Option<Box<dyn Reporter>> {
    match name {
        "human" => Some(Box::new(Human)),
        "concise" => Some(Box::new(Concise)),
        "json" => Some(Box::new(Json)),
        "sarif" => Some(Box::new(Sarif::detect())),
        "github" => Some(Box::new(Github::detect())),
        "azure" => Some(Box::new(Azure::detect())),
        "junit" => Some(Box::new(Junit)),
        "html" => Some(Box::new(Html::new(Vec::new()))),
        "markdown" => Some(Box::new(Markdown::detect())),
        _ => None,
    }
}

/// "3 errors, 1 warning": counts with their nouns, zeros left out.
pub fn severity_counts(run: &Run) -> String {
    let s = &run.summary;
    let parts: Vec<String> = [
        (s.errors, "error"),
        (s.warnings, "warning"),
        (s.infos, "info"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| plural(*n, w))
    .collect();
    parts.join(", ")
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 || word == "info" {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `items` as a pretty JSON array at `depth` levels of nesting, each item's pretty JSON
/// (`render` gives it, from `serde_json::to_string_pretty`) made on every core, a block of
/// items at a time so a big report is never held whole: rendered alone, an item gets the
/// indentation of its depth after each line break (pretty JSON breaks lines only between
/// tokens) and is written as it stands, so the bytes are those of one pass.
pub(crate) struct PrettyInParallel<'a, T, F> {
    pub items: &'a [T],
    pub depth: usize,
    pub render: F,
}

impl<T, F> serde::Serialize for PrettyInParallel<'_, T, F>
where
    T: Sync,
    F: Fn(&T) -> serde_json::Result<String> + Sync,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use rayon::prelude::*;
        use serde::ser::{Error, SerializeSeq};
        const BLOCK: usize = 1024;
        let indent = format!("\n{}", "  ".repeat(self.depth));
        let mut seq = s.serialize_seq(Some(self.items.len()))?;
        for block in self.items.chunks(BLOCK) {
            let rendered: Vec<Box<serde_json::value::RawValue>> = block
                .par_iter()
                .map(|item| {
                    let alone = (self.render)(item)?;
                    serde_json::value::RawValue::from_string(alone.replace('\n', &indent))
                })
                .collect::<serde_json::Result<_>>()
                .map_err(S::Error::custom)?;
            for item in &rendered {
                seq.serialize_element(item)?;
            }
        }
        seq.end()
    }
}
