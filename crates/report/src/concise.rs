//! `concise`: one line per finding, `path:line:col: severity CODE message`. Paths, messages
//! and pointers carry export data: they pass through [`escape::text`] so a finding stays one
//! line and never a CI command.

use crate::escape;
use crate::{Context, Reporter};
use intune_lint_core::engine::Run;
use std::io::{self, Write};

pub struct Concise;

impl Reporter for Concise {
    fn report(&self, run: &Run, _ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.findings {
            let loc = &f.location;
            let path = escape::text(&loc.path);
            match loc.start {
                Some(p) => write!(out, "{path}:{}:{}:", p.line, p.column)?,
                None => write!(out, "{path}:")?,
            }
            write!(
                out,
                " {} {} {}",
                f.severity,
                f.code,
                escape::text(&f.message)
            )?;
            // Binary plists have no lines: the key path is the only position.
            if loc.start.is_none() && !loc.pointer.is_empty() {
                write!(out, " (at {})", escape::text(&loc.pointer))?;
            }
            writeln!(out)?;
        }
        Ok(())
    }
}
