//! `intune-lint check`: lint paths and report.

use crate::EXIT_FINDINGS;
use crate::cli::CheckArgs;
use crate::lint_run;
use crate::sources::DiskSources;
use intune_lint_core::engine::{self, Input};
use intune_lint_core::source;
use intune_lint_report::Context;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

pub fn run(args: CheckArgs) -> Result<u8, String> {
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
    let linted = match lint_run::lint_fix_baseline(&args, &targets, &mut resolver)? {
        lint_run::Outcome::Done(code) => return Ok(code),
        lint_run::Outcome::Report(linted) => linted,
    };
    let run = &linted.run;

    let sources = DiskSources::new(
        disk_paths,
        stdin_name.clone().zip(stdin_bytes.as_deref()),
        max_file_size,
    );
    let stdout = std::io::stdout();
    let color = !args.no_color && std::env::var_os("NO_COLOR").is_none() && stdout.is_terminal();
    let ctx = Context {
        catalog,
        sources: &sources,
        color,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let reporter = intune_lint_report::by_name(args.format.name())
        .ok_or_else(|| format!("unknown format `{}`", args.format.name()))?;
    let mut out = stdout.lock();
    match reporter
        .report(run, &ctx, &mut out)
        .and_then(|_| out.flush())
    {
        // The reader went away (`| head`): not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("cannot write the report: {e}")),
        Ok(()) => {}
    }

    Ok(if linted.failing() { EXIT_FINDINGS } else { 0 })
}
