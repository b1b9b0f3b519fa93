//! `azure`: Azure Pipelines logging commands, which the pipeline shows as errors and
//! warnings on the run's summary:
//! `##vso[task.logissue type=error;sourcepath=PATH;linenumber=L;columnnumber=C;code=CODE]message`.
//!
//! `task.logissue` knows only `error` and `warning`. Info findings are printed as plain log
//! lines instead (`info CODE PATH:L:C: message`): calling them warnings would mark every
//! run "succeeded with issues" for something that is only worth knowing.

use crate::repo::RepoRoot;
use crate::{Context, Reporter};
use intune_lint_core::engine::Run;
use intune_lint_core::finding::Severity;
use std::io::{self, Write};

pub struct Azure {
    repo: RepoRoot,
}

impl Azure {
    pub fn detect() -> Self {
        Azure {
            repo: RepoRoot::detect(),
        }
    }

    pub fn with_root(repo: RepoRoot) -> Self {
        Azure { repo }
    }
}

impl Reporter for Azure {
    fn report(&self, run: &Run, _ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.findings {
            let l = &f.location;
            let path = self.repo.display(&l.path);
            let mut message = f.message.clone();
            if l.start.is_none() && !l.pointer.is_empty() {
                message.push_str(&format!(" (at {})", l.pointer));
            }
            let kind = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => {
                    // Not a logging command, so no escaping; keep it on one line.
                    let pos = l
                        .start
                        .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
                    let one_line = message.replace(['\r', '\n'], " ");
                    writeln!(out, "info {} {path}{pos}: {one_line}", f.code)?;
                    continue;
                }
            };
            let mut props = vec![
                format!("type={kind}"),
                format!("sourcepath={}", escape_property(&path)),
            ];
            if let Some(p) = l.start {
                props.push(format!("linenumber={}", p.line));
                props.push(format!("columnnumber={}", p.column));
            }
            props.push(format!("code={}", escape_property(f.code)));
            writeln!(
                out,
                "##vso[task.logissue {}]{}",
                props.join(";"),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}

/// The message: `%` (first, as `%AZP25`), CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%AZP25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as [`escape_data`], plus `]` and `;`, which end the properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(']', "%5D").replace(';', "%3B")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("100% \r\n]"), "100%AZP25 %0D%0A]");
        assert_eq!(escape_property("a;b]c"), "a%3Bb%5Dc");
    }
}
