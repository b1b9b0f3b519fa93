//! `intune-lint check`: lint paths and report.

use crate::EXIT_FINDINGS;
use crate::cli::{CheckArgs, FailOn};
use crate::sources::DiskSources;
use intune_lint_core::engine::{self, Input};
use intune_lint_core::finding::Severity;
use intune_lint_core::settings::Settings;
use intune_lint_core::source;
use intune_lint_report::Context;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

pub fn run(args: CheckArgs) -> Result<u8, String> {
    let catalog = intune_lint_rules::catalog();
    let mut settings = Settings::defaults(catalog);
    if let Some(max) = args.max_file_size {
        settings.max_file_size = max;
    }

    let mut stdin_bytes = None;
    let mut paths = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            if stdin_bytes.is_some() {
                return Err("`-` (standard input) is given twice".into());
            }
            let bytes = source::read_bounded(std::io::stdin().lock(), settings.max_file_size)
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

    let (mut inputs, walk_findings) = engine::discover(&paths);
    let stdin_name: Option<Arc<str>> = stdin_bytes
        .as_ref()
        .map(|_| Arc::from(args.stdin_filename.as_deref().unwrap_or("<stdin>")));
    if let (Some(name), Some(bytes)) = (&stdin_name, &stdin_bytes) {
        inputs.push(Input::Stdin {
            name: name.clone(),
            bytes: bytes.clone(),
        });
    }
    let disk_paths: HashMap<Arc<str>, std::path::PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File { display, path } => Some((display.clone(), path.clone())),
            Input::Stdin { .. } => None,
        })
        .collect();

    let progress = progress_bar(inputs.len());
    let mut run = engine::run_with_progress(inputs, intune_lint_rules::all(), &settings, &|| {
        if let Some(p) = &progress {
            p.inc(1);
        }
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if !walk_findings.is_empty() {
        let mut all = walk_findings;
        all.append(&mut run.findings);
        run = engine::finish(all, run.summary, &settings);
    }

    let sources = DiskSources::new(
        disk_paths,
        stdin_name.clone().zip(stdin_bytes.as_deref()),
        settings.max_file_size,
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
        .report(&run, &ctx, &mut out)
        .and_then(|_| out.flush())
    {
        // The reader went away (`| head`): not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("cannot write the report: {e}")),
        Ok(()) => {}
    }

    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failing = run.findings.iter().any(|f| f.severity >= threshold);
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}

/// A progress bar on stderr for audits of many files, only when a person is watching.
fn progress_bar(files: usize) -> Option<indicatif::ProgressBar> {
    const MIN_FILES: usize = 200;
    if files < MIN_FILES || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    let style =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}").ok()?;
    bar.set_style(style);
    Some(bar)
}
