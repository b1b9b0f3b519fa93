//! `github`: GitHub Actions workflow commands, which GitHub turns into annotations on the
//! pull request's changed files:
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message`.
//!
//! Every value passes through [`escape::text`] first (control characters visible, no
//! command prefix), then through GitHub's own escaping: in the message `%`, CR and LF are
//! percent-encoded; in properties also `:` and `,` (the runner's `ActionCommand` unescapes
//! exactly these; the toolkit's `escapeData`/`escapeProperty` write them).
//!
//! GitHub shows at most 10 error and 10 warning annotations per step (50 per job); print
//! the full report too, or upload SARIF, for large audits.

use crate::escape;
use crate::repo::RepoRoot;
use crate::{Context, Reporter};
use intune_lint_core::engine::Run;
use intune_lint_core::finding::Severity;
use std::io::{self, Write};

pub struct Github {
    repo: RepoRoot,
}

impl Github {
    pub fn detect() -> Self {
        Github {
            repo: RepoRoot::detect(),
        }
    }

    pub fn with_root(repo: RepoRoot) -> Self {
        Github { repo }
    }
}

impl Reporter for Github {
    fn report(&self, run: &Run, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let l = &f.location;
            let mut props = vec![format!(
                "file={}",
                escape::github_property(&self.repo.display(&l.path))
            )];
            if let (Some(s), Some(e)) = (l.start, l.end) {
                props.push(format!("line={}", s.line));
                // GitHub rejects `col`/`endColumn` on a span over several lines.
                if s.line == e.line {
                    props.push(format!("col={}", s.column));
                }
                props.push(format!("endLine={}", e.line));
                if s.line == e.line {
                    props.push(format!("endColumn={}", e.column));
                }
            }
            let title = match ctx.meta(f.code) {
                Some(m) => format!("{} {}", f.code, m.name),
                None => f.code.to_string(),
            };
            props.push(format!("title={}", escape::github_property(&title)));
            let mut message = f.message.clone();
            if l.start.is_none() && !l.pointer.is_empty() {
                message.push_str(&format!(" (at {})", l.pointer));
            }
            writeln!(
                out,
                "::{command} {}::{}",
                props.join(","),
                escape::github_data(&message)
            )?;
        }
        Ok(())
    }
}
