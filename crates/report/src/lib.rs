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

/// Pretty JSON of each of `items` (`render` gives it, from `serde_json::to_string_pretty`),
/// made on every core, for a serializer to write as it stands at `depth` levels of
/// nesting: rendered alone, an item gets the indentation of its depth after each line
/// break (pretty JSON breaks lines only between tokens), so the bytes are those of one pass.
pub(crate) fn pretty_in_parallel<T: Sync>(
    items: &[T],
    depth: usize,
    render: impl Fn(&T) -> serde_json::Result<String> + Sync,
) -> serde_json::Result<Vec<Box<serde_json::value::RawValue>>> {
    use rayon::prelude::*;
    let indent = format!("\n{}", "  ".repeat(depth));
    items
        .par_iter()
        .map(|item| serde_json::value::RawValue::from_string(render(item)?.replace('\n', &indent)))
        .collect()
}
