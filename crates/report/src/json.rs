//! `json`: one object with the findings and the summary, for scripts.

use crate::{Context, Reporter};
use intune_lint_core::engine::Run;
use intune_lint_core::finding::Finding;
use serde_json::{Value, json};
use std::io::{self, Write};

pub struct Json;

/// The version of this JSON shape; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

impl Reporter for Json {
    fn report(&self, run: &Run, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let s = &run.summary;
        let doc = json!({
            "version": SCHEMA_VERSION,
            "tool": {"name": "intune-lint", "version": ctx.tool_version},
            "findings": run.findings.iter().map(|f| finding(f, ctx)).collect::<Vec<_>>(),
            "summary": {
                "files": s.files,
                "objects": s.objects,
                "unknown_objects": s.unknown_objects,
                "signed_profiles": s.signed,
                "not_run": s.not_run,
                "findings": {"error": s.errors, "warning": s.warnings, "info": s.infos},
                "baseline": s.baseline,
                "jit_readiness": run.jit_readiness(),
            },
        });
        // Printed to a CI log, a value must not read as a command (see escape::json).
        let bytes = serde_json::to_vec_pretty(&doc).map_err(io::Error::other)?;
        out.write_all(&crate::escape::json(bytes))?;
        writeln!(out)
    }
}

fn finding(f: &Finding, ctx: &Context<'_>) -> Value {
    let meta = ctx.meta(f.code);
    let l = &f.location;
    json!({
        "code": f.code,
        "name": meta.map(|m| m.name.as_str()),
        "severity": f.severity,
        "message": f.message,
        "path": l.path,
        "line": l.start.map(|p| p.line),
        "column": l.start.map(|p| p.column),
        "end_line": l.end.map(|p| p.line),
        "end_column": l.end.map(|p| p.column),
        "pointer": l.pointer,
        "object": f.object,
        "help": f.help.clone().or_else(|| meta.map(|m| m.summary.clone())),
        "url": meta.map(|m| m.url()),
        "fix": f.fix.as_ref().map(|x| json!({
            "applicability": x.applicability,
            "message": x.message,
        })),
        "related": f.related.iter().map(|r| json!({
            "message": r.message,
            "path": r.location.path,
            "line": r.location.start.map(|p| p.line),
            "column": r.location.start.map(|p| p.column),
            "pointer": r.location.pointer,
        })).collect::<Vec<_>>(),
    })
}
