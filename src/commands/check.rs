//! `intune-lint check`: lint paths and report.

use crate::EXIT_FINDINGS;
use crate::cli::{CheckArgs, FormatSpec};
use crate::lint_run;
use crate::sources::DiskSources;
use intune_lint_core::engine::{self, Input};
use intune_lint_core::source;
use intune_lint_report::Context;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

pub fn run(args: CheckArgs) -> Result<u8, String> {
    check_destinations(&args.format)?;
    let catalog = intune_lint_rules::catalog();
    let mut resolver = lint_run::resolver(&args)?;
    let max_file_size = args.max_file_size.unwrap_or(source::DEFAULT_MAX_FILE_SIZE);

    let mut stdin_bytes = None;
    let mut paths = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            if stdin_bytes.is_some() {
                return Err("`-` (standard input) is given twice".into());
            }
            let bytes = source::read_bounded(std::io::stdin().lock(), max_file_size)
                .map_err(|e| format!("standard input: {e}"))?;
            stdin_bytes = Some(bytes);
        } else if !p.exists() && !p.is_symlink() {
            return Err(format!("path `{}` does not exist", p.display()));
        } else {
            paths.push(p.clone());
        }
    }
    if args.stdin_filename.is_some() && stdin_bytes.is_none() {
        return Err("`--stdin-filename` needs `-` among the paths".into());
    }

    let (inputs, walk_findings) = engine::discover(&paths);
    let stdin_name: Option<Arc<str>> = stdin_bytes
        .as_ref()
        .map(|_| Arc::from(args.stdin_filename.as_deref().unwrap_or("<stdin>")));
    let targets = lint_run::Targets {
        files: inputs
            .into_iter()
            .filter_map(|i| match i {
                Input::File { display, path } => Some((display, path)),
                Input::Stdin { .. } => None,
            })
            .collect(),
        stdin: stdin_name.clone().zip(stdin_bytes.clone()),
        walk_findings,
        explicit: paths.iter().filter(|p| !p.is_dir()).cloned().collect(),
    };
    let disk_paths = targets.disk_paths();
    let mut linted = match lint_run::lint_fix_baseline(&args, &targets, &mut resolver)? {
        lint_run::Outcome::Done(code) => return Ok(code),
        lint_run::Outcome::Report(linted) => linted,
    };
    // "Could not run" speaks of an export. Given only single files (pre-commit, an
    // editor), every tenant check would be listed as missing its objects: noise.
    if !paths.iter().any(|p| p.is_dir()) {
        linted.run.summary.not_run.clear();
        linted.run.summary.jit = None;
    }
    let run = &linted.run;

    let sources = DiskSources::new(
        disk_paths,
        stdin_name.clone().zip(stdin_bytes.as_deref()),
        max_file_size,
    );
    let stdout = std::io::stdout();
    let color = !args.no_color && std::env::var_os("NO_COLOR").is_none() && stdout.is_terminal();
    let mut ctx = Context {
        catalog,
        sources: &sources,
        color: false,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    // Files first, standard output last: a CI log then ends with the report people read.
    for spec in &args.format {
        let Some(path) = spec.path.as_deref() else {
            continue;
        };
        let reporter = reporter(spec.name, &args)?;
        let mut buf = Vec::new();
        reporter
            .report(run, &ctx, &mut buf)
            .and_then(|()| {
                // Reports may go to a folder CI has not made yet.
                match path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => std::fs::create_dir_all(d)?,
                    _ => {}
                }
                intune_lint_core::atomic::write_atomic(path, &buf)
            })
            .map_err(|e| {
                format!(
                    "cannot write the {} report to `{}`: {e}",
                    spec.name,
                    path.display()
                )
            })?;
    }
    if let Some(spec) = args.format.iter().find(|s| s.path.is_none()) {
        ctx.color = color;
        let reporter = reporter(spec.name, &args)?;
        // Buffered: stdout is line-buffered, and a report is thousands of small writes.
        let mut out = std::io::BufWriter::new(stdout.lock());
        match reporter
            .report(run, &ctx, &mut out)
            .and_then(|_| out.flush())
        {
            // The reader went away (`| head`): not an error of ours.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            Err(e) => return Err(format!("cannot write the report: {e}")),
            Ok(()) => {}
        }
    }

    Ok(if linted.failing() { EXIT_FINDINGS } else { 0 })
}

/// At most one format on standard output, and no file named twice: checked before any
/// work so a typo costs nothing.
fn check_destinations(specs: &[FormatSpec]) -> Result<(), String> {
    let on_stdout: Vec<&str> = specs
        .iter()
        .filter(|s| s.path.is_none())
        .map(|s| s.name)
        .collect();
    if on_stdout.len() > 1 {
        return Err(format!(
            "{} formats write to standard output ({}); give all but one a file: `--format NAME=PATH`",
            on_stdout.len(),
            on_stdout.join(", ")
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for p in specs.iter().filter_map(|s| s.path.as_ref()) {
        if !seen.insert(p) {
            return Err(format!(
                "`{}` is the destination of two formats",
                p.display()
            ));
        }
    }
    Ok(())
}

fn reporter(name: &str, args: &CheckArgs) -> Result<Box<dyn intune_lint_report::Reporter>, String> {
    // The HTML report's header names what was linted.
    if name == "html" {
        let roots = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Ok(Box::new(intune_lint_report::Html::new(roots)));
    }
    intune_lint_report::by_name(name).ok_or_else(|| format!("unknown format `{name}`"))
}
