//! `intune-lint check`: lint paths and report.

use crate::EXIT_FINDINGS;
use crate::cli::{CheckArgs, FailOn, FormatSpec};
use crate::sources::DiskSources;
use intune_lint_core::engine::{self, Input};
use intune_lint_core::finding::Severity;
use intune_lint_core::settings::Settings;
use intune_lint_core::source;
use intune_lint_report::Context;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

pub fn run(args: CheckArgs) -> Result<u8, String> {
    check_destinations(&args.format)?;
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
        let reporter = reporter(spec.name)?;
        let mut buf = Vec::new();
        reporter
            .report(&run, &ctx, &mut buf)
            .and_then(|()| write_atomically(path, &buf))
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
        let reporter = reporter(spec.name)?;
        // Buffered: stdout is line-buffered, and a report is thousands of small writes.
        let mut out = std::io::BufWriter::new(stdout.lock());
        match reporter
            .report(&run, &ctx, &mut out)
            .and_then(|_| out.flush())
        {
            // The reader went away (`| head`): not an error of ours.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            Err(e) => return Err(format!("cannot write the report: {e}")),
            Ok(()) => {}
        }
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

fn reporter(name: &str) -> Result<Box<dyn intune_lint_report::Reporter>, String> {
    intune_lint_report::by_name(name).ok_or_else(|| format!("unknown format `{name}`"))
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so a
/// reader (or a crashed run) never sees half a report. Missing parent folders are created.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
