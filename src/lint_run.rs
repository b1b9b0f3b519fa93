//! The configured part of `check`: configuration resolution, linting under it, fixes
//! (`--fix`, `--diff`) and baselines. Kept apart from argument parsing and reporting.

use crate::cli::{CheckArgs, CloudArg, FailOn};
use intune_lint_core::baseline::Baseline;
use intune_lint_core::config::{self, CliOverrides, Resolver};
use intune_lint_core::engine::{Input, Run, Scoped};
use intune_lint_core::finding::Finding;
use intune_lint_core::fix::{self, Mode};
use intune_lint_core::lint::{self, Linted};
use intune_lint_core::settings::Cloud;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The configuration resolver for a `check` run; configuration errors are exit 2.
pub fn resolver(args: &CheckArgs) -> Result<Resolver<'static>, String> {
    let c = &args.config;
    let cli = CliOverrides {
        select: c.select.clone(),
        extend_select: c.extend_select.clone(),
        ignore: c.ignore.clone(),
        fail_on: args.fail_on.map(|f| match f {
            FailOn::Error => config::FailOn::Error,
            FailOn::Warning => config::FailOn::Warning,
            FailOn::Info => config::FailOn::Info,
            FailOn::Never => config::FailOn::Never,
        }),
        max_file_size: args.max_file_size,
        cloud: args.cloud.map(|c| match c {
            CloudArg::Public => Cloud::Public,
            CloudArg::Usgov => Cloud::Usgov,
            CloudArg::China => Cloud::China,
        }),
    };
    Resolver::new(
        intune_lint_rules::catalog(),
        cli,
        c.config.as_deref(),
        c.isolated,
    )
    .map_err(|e| e.to_string())
}

/// What to lint, kept so the files can be linted again after fixing them.
pub struct Targets {
    /// Display path, path on disk, and whether the file is context only (read for the
    /// tenant index, not reported: see `intune_lint_core::export`).
    pub files: Vec<(Arc<str>, Arc<Path>, bool)>,
    pub stdin: Option<(Arc<str>, Vec<u8>)>,
    pub walk_findings: Vec<Finding>,
    /// Files named on the command line (not found by walking).
    pub explicit: Vec<PathBuf>,
    /// `--single-tenant`: never split the run by tenant folder.
    pub single_tenant: bool,
}

impl Targets {
    fn inputs(&self) -> Vec<Scoped> {
        let mut v: Vec<Scoped> = self
            .files
            .iter()
            .map(|(display, path, context)| Scoped {
                input: Input::File {
                    display: display.clone(),
                    path: path.clone(),
                },
                context: *context,
            })
            .collect();
        if let Some((name, bytes)) = &self.stdin {
            v.push(Scoped::linted(Input::Stdin {
                name: name.clone(),
                bytes: bytes.clone(),
            }));
        }
        v
    }

    /// Display path → path on disk, of the files read (context files too) that `findings`
    /// point at, related locations included: only those are shown, and an export has
    /// thousands of clean files.
    pub fn disk_paths(&self, findings: &[Finding]) -> HashMap<Arc<str>, PathBuf> {
        let wanted: std::collections::HashSet<&str> = findings
            .iter()
            .flat_map(|f| {
                std::iter::once(&*f.location.path)
                    .chain(f.related.iter().map(|r| &*r.location.path))
            })
            .collect();
        self.files
            .iter()
            .filter(|(display, ..)| wanted.contains(&**display))
            .map(|(display, path, _)| (display.clone(), path.to_path_buf()))
            .collect()
    }

    /// How many files are linted and reported.
    pub fn reported(&self) -> usize {
        self.files.iter().filter(|f| !f.2).count() + usize::from(self.stdin.is_some())
    }
}

/// Lints with `--force-exclude` honoured.
pub fn lint_targets(
    targets: &Targets,
    resolver: &mut Resolver<'_>,
    force_exclude: bool,
) -> Result<Linted, String> {
    let inputs = targets.inputs();
    let progress = progress_bar(targets.reported());
    let linted = lint::lint_scoped(
        inputs,
        targets.walk_findings.clone(),
        &targets.explicit,
        force_exclude,
        resolver,
        intune_lint_rules::all(),
        !targets.single_tenant,
        &|| {
            if let Some(p) = &progress {
                p.inc(1);
            }
        },
    )
    .map_err(|e| e.to_string());
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    linted
}

/// A progress bar on stderr for audits of many files, only when a person is watching.
fn progress_bar(files: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    const MIN_FILES: usize = 200;
    if files < MIN_FILES || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    // Files done, the rate, and the time left (estimated from the rate so far).
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files  {rate}  {elapsed} elapsed, ~{eta} left",
    )
    .ok()?
    .with_key(
        "rate",
        |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0} files/s", s.per_sec());
        },
    );
    bar.set_style(style);
    Some(bar)
}

/// The outcome of `--fix`.
#[derive(Default)]
pub struct FixReport {
    pub fixed: usize,
    /// The files written (real paths: two may share a display path).
    pub files: Vec<PathBuf>,
    pub skipped: Vec<(Arc<str>, String)>,
}

/// `--fix`: applies fixes and lints again until nothing more applies (fixes whose edits
/// overlap wait for the next pass), at most 10 passes. Returns the final lint.
pub fn fix_loop(
    targets: &Targets,
    resolver: &mut Resolver<'_>,
    force_exclude: bool,
    mode: Mode,
    mut linted: Linted,
) -> Result<(Linted, FixReport), String> {
    let mut report = FixReport::default();
    for _ in 0..10 {
        let (fixes, skipped) = fix::plan(&linted.run.findings, mode, fix::read_current);
        let note = |skipped: &mut Vec<(Arc<str>, String)>, path: &Arc<str>, reason: String| {
            if !skipped.iter().any(|(p, _)| p == path) {
                skipped.push((path.clone(), reason));
            }
        };
        for s in skipped {
            note(&mut report.skipped, &s.path, s.reason);
        }
        let mut written = 0;
        for f in &fixes {
            // One file that cannot be written costs only its own fixes.
            if let Err(reason) = fix::write(f) {
                note(&mut report.skipped, &f.path, reason);
                continue;
            }
            written += 1;
            // Refused in an earlier pass (changed under us), fixed after linting again.
            report.skipped.retain(|(p, _)| *p != f.path);
            report.fixed += f.applied.len();
            if !report.files.contains(&f.file.path) {
                report.files.push(f.file.path.clone());
            }
        }
        if written == 0 {
            break;
        }
        linted = lint_targets(targets, resolver, force_exclude)?;
    }
    Ok((linted, report))
}

/// The findings whose fix was refused (a read-only file, a file changed under us) say
/// so in every report format, not only on standard error.
fn note_unfixed(findings: &mut [Finding], skipped: &[(Arc<str>, String)], mode: Mode) {
    for f in findings {
        if !f.fix.as_ref().is_some_and(|x| mode.allows(x.applicability)) {
            continue;
        }
        if let Some((path, reason)) = skipped.iter().find(|(p, _)| *p == f.location.path) {
            f.related.push(intune_lint_core::finding::Related {
                message: format!("`--fix` did not write this file: {reason}"),
                location: intune_lint_core::location::Location::file(path.clone()),
            });
        }
    }
}

/// `--diff`: the unified diff of what `--fix` would change, and how many fixes.
pub fn diff(targets: &Targets, run: &Run, mode: Mode) -> (String, usize) {
    let (fixes, _) = fix::plan(&run.findings, mode, fix::read_current);
    let mut texts: Vec<(Arc<str>, String, String, usize)> = fixes
        .into_iter()
        .map(|f| (f.path, f.old_text, f.new_text, f.applied.len()))
        .collect();
    // Standard input is never fixed in place, but what a fix would change is shown.
    if let Some((name, bytes)) = &targets.stdin {
        let old = intune_lint_core::source::decode(bytes).text;
        let ours = run
            .findings
            .iter()
            .filter(|f| f.location.file.is_none() && f.location.path == *name);
        if let Some((new, n)) = fix::apply_to_text(&old, ours, mode) {
            texts.push((name.clone(), old, new, n));
        }
    }
    let mut out = String::new();
    let mut count = 0;
    for (path, old_text, new_text, n) in &texts {
        count += n;
        let diff = similar::TextDiff::from_lines(old_text, new_text);
        let path = intune_lint_report::escape::text(path);
        let patch = diff
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string();
        // The export's own lines: no terminal escape or CI command may pass through.
        for line in patch.split_inclusive('\n') {
            let body = line.trim_end_matches(['\r', '\n']);
            out.push_str(&intune_lint_report::escape::text(body));
            out.push_str(&line[body.len()..]);
        }
    }
    (out, count)
}

/// `--write-baseline`: records every current finding.
pub fn write_baseline(path: &std::path::Path, run: &Run) -> Result<String, String> {
    let b = Baseline::from_findings(path, &run.findings);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    intune_lint_core::atomic::write_atomic(path, b.to_json().as_bytes())
        .map_err(|e| format!("cannot write baseline `{}`: {e}", path.display()))?;
    Ok(format!(
        "Wrote a baseline of {} to {}",
        intune_lint_report::plural(run.findings.len(), "finding"),
        path.display()
    ))
}

/// `--baseline`: drops accepted findings and records the counts in the summary.
pub fn apply_baseline(
    path: &std::path::Path,
    linted: &mut Linted,
    partial: bool,
) -> Result<(), String> {
    let mut b = Baseline::read(path)?;
    if partial {
        b.only_files(&linted.run.summary.paths);
    }
    let findings = std::mem::take(&mut linted.run.findings);
    let (kept, summary) = b.apply(findings);
    let mut s = std::mem::take(&mut linted.run.summary);
    s.baseline = Some(summary);
    linted.run = intune_lint_core::engine::finalize(kept, s);
    Ok(())
}

/// What `check` does next.
pub enum Outcome {
    /// Finished (`--write-baseline`, `--diff`) with this exit status.
    Done(u8),
    /// Report these findings.
    Report(Box<Linted>),
}

/// Lints, then `--write-baseline`, `--diff` or `--fix`, then `--baseline`.
pub fn lint_fix_baseline(
    args: &CheckArgs,
    targets: &Targets,
    resolver: &mut Resolver<'_>,
) -> Result<Outcome, String> {
    let c = &args.config;
    let mut linted = lint_targets(targets, resolver, c.force_exclude)?;

    if let Some(path) = &c.write_baseline {
        eprintln!("{}", write_baseline(path, &linted.run)?);
        return Ok(Outcome::Done(0));
    }
    let mode = if c.unsafe_fixes {
        fix::Mode::Unsafe
    } else {
        fix::Mode::Safe
    };
    if c.diff {
        let (patch, count) = diff(targets, &linted.run, mode);
        crate::print_out(&patch)?;
        eprintln!(
            "Would fix {}.",
            intune_lint_report::plural(count, "finding")
        );
        return Ok(Outcome::Done(if count > 0 {
            crate::EXIT_FINDINGS
        } else {
            0
        }));
    }
    if c.fix {
        let (after, report) = fix_loop(targets, resolver, c.force_exclude, mode, linted)?;
        linted = after;
        if report.fixed == 0 {
            eprintln!("No fixes applied.");
        } else {
            eprintln!(
                "Fixed {} in {}.",
                intune_lint_report::plural(report.fixed, "finding"),
                intune_lint_report::plural(report.files.len(), "file")
            );
        }
        for (path, reason) in &report.skipped {
            eprintln!(
                "Not fixed: {}: {}",
                intune_lint_report::escape::text(path),
                intune_lint_report::escape::text(reason)
            );
        }
        note_unfixed(&mut linted.run.findings, &report.skipped, mode);
    }
    if let Some(path) = &c.baseline {
        // Named files inside an export: the other files' entries are neither fixed nor not.
        let partial = targets.files.iter().any(|f| f.2);
        apply_baseline(path, &mut linted, partial)?;
    }
    Ok(Outcome::Report(Box::new(linted)))
}
