//! `azure`: Azure Pipelines logging commands, which the pipeline shows as errors and
//! warnings on the run's summary:
//! `##vso[task.logissue type=error;sourcepath=PATH;linenumber=L;columnnumber=C;code=CODE]message`.
//!
//! `task.logissue` knows only `error` and `warning`. Info findings are printed as plain log
//! lines instead (`info CODE PATH:L:C: message`): calling them warnings would mark every
//! run "succeeded with issues" for something that is only worth knowing.
//!
//! Every value passes through [`escape::text`] (control characters visible, `##vso[` and
//! `##[` broken: the agent matches them anywhere in a line, info lines included), then
//! through the agent's own escaping: `%` as `%AZP25`, CR `%0D`, LF `%0A`, and in
//! properties `;` `%3B` and `]` `%5D` (the documented logging-command formatting rules).

use crate::escape;
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
                    // Not a logging command, but read by the agent all the same.
                    let pos = l
                        .start
                        .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
                    writeln!(
                        out,
                        "info {} {}{pos}: {}",
                        f.code,
                        escape::text(&path),
                        escape::text(&message)
                    )?;
                    continue;
                }
            };
            let mut props = vec![
                format!("type={kind}"),
                format!("sourcepath={}", escape::azure_property(&path)),
            ];
            if let Some(p) = l.start {
                props.push(format!("linenumber={}", p.line));
                props.push(format!("columnnumber={}", p.column));
            }
            props.push(format!("code={}", escape::azure_property(f.code)));
            writeln!(
                out,
                "##vso[task.logissue {}]{}",
                props.join(";"),
                escape::azure_data(&message)
            )?;
        }
        Ok(())
    }
}
