//! `intune-lint check`: lint paths and report.

use crate::EXIT_FINDINGS;
use crate::cli::{CheckArgs, ColorWhen, FormatSpec};
use crate::lint_run;
use crate::sources::DiskSources;
use intune_lint_core::engine::{self, Input};
use intune_lint_core::export;
use intune_lint_core::source;
use intune_lint_report::Context;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    // Named files are judged against their whole export (read as context), each once.
    let mut named = paths.clone();
    // Standard input stands for a file of the export when it names one (an editor's buffer).
    named.extend(
        args.stdin_filename
            .as_ref()
            .map(PathBuf::from)
            .filter(|p| p.is_file()),
    );
    let mut inputs = inputs;
    inputs.extend(
        stdin_name
            .clone()
            .zip(stdin_bytes.clone())
            .map(|(name, bytes)| Input::Stdin { name, bytes }),
    );
    let mut files = Vec::new();
    let mut stdin = None;
    for s in export::scope(&named, inputs) {
        match s.input {
            Input::File { display, path } => files.push((display, path, s.context)),
            Input::Stdin { name, bytes } => stdin = Some((name, bytes)),
        }
    }
    let targets = lint_run::Targets {
        files,
        stdin,
        walk_findings,
        explicit: paths.iter().filter(|p| !p.is_dir()).cloned().collect(),
        single_tenant: args.single_tenant,
    };
    if args.show_files {
        return show_files(&targets, &mut resolver, args.config.force_exclude);
    }
    let mut linted = match lint_run::lint_fix_baseline(&args, &targets, &mut resolver)? {
        lint_run::Outcome::Done(code) => return Ok(code),
        lint_run::Outcome::Report(linted) => linted,
    };
    // "Could not run" speaks of an export. Given only single files (pre-commit, an
    // editor), every tenant check would be listed as missing its objects: noise.
    if !paths.iter().any(|p| p.is_dir()) {
        linted.run.summary.not_run.clear();
        linted.run.summary.jit.clear();
    }
    let run = &linted.run;
    if !args.quiet {
        empty_run_notes(run, &args.paths);
    }

    let sources = DiskSources::new(
        targets.disk_paths(&run.findings),
        stdin_name.clone().zip(stdin_bytes.as_deref()),
        max_file_size,
    );
    let stdout = std::io::stdout();
    let when = if args.no_color {
        ColorWhen::Never
    } else {
        args.color
    };
    let color = when.enabled(stdout.is_terminal(), |k| std::env::var(k).ok());
    let mut ctx = Context {
        catalog,
        sources: &sources,
        color: false,
        tool_version: env!("CARGO_PKG_VERSION"),
        quiet: args.quiet,
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
    if args.statistics {
        crate::print_out(&statistics(run, catalog))?;
    } else if let Some(spec) = args.format.iter().find(|s| s.path.is_none()) {
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

    let code = if linted.failing() && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        0
    };
    // The process ends here: freeing the run's lists (every file's paths, every finding)
    // one allocation at a time would be the last, serial, step of a big audit.
    std::mem::forget((linted, targets, sources));
    Ok(code)
}

/// Says on stderr when a run read nothing or recognized nothing: a wrong folder, or an
/// export format intune-lint does not know, must not look like a clean tenant.
fn empty_run_notes(run: &engine::Run, paths: &[PathBuf]) {
    let s = &run.summary;
    let named = paths
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect::<Vec<_>>()
        .join(", ");
    if s.files == 0 {
        eprintln!(
            "intune-lint: warning: no file to lint in {named} (intune-lint reads .json, .yaml, .yml, .mobileconfig and .plist files, and the com.apple.remotemanagement discovery file; `--show-files` lists what a run reads and skips)"
        );
    } else if s.objects == 0 {
        eprintln!(
            "intune-lint: warning: no object of a kind intune-lint checks was recognized in {} ({named}; {} of other types skipped)",
            intune_lint_report::plural(s.files, "file"),
            s.unknown_objects
        );
    }
}

/// `--show-files`: every file the run would read, and those it skips, with the reason.
fn show_files(
    targets: &lint_run::Targets,
    resolver: &mut intune_lint_core::config::Resolver<'_>,
    force_exclude: bool,
) -> Result<u8, String> {
    let mut out = String::new();
    for (display, path, context) in &targets.files {
        let i = resolver.for_path(path).map_err(|e| e.to_string())?;
        let explicit = !context && targets.explicit.iter().any(|e| **e == **path);
        let excluded = (!explicit || force_exclude)
            .then(|| resolver.configs[i].excluded_by(path))
            .flatten();
        let line = match (excluded, context) {
            (Some(glob), _) => format!("skipped  {display}  (excluded by `{glob}`)"),
            (None, true) => {
                format!("context  {display}  (read for the tenant index only, not reported)")
            }
            (None, false) => format!("lint     {display}"),
        };
        out.push_str(&line);
        out.push('\n');
    }
    if let Some((name, _)) = &targets.stdin {
        out.push_str(&format!("lint     {name}  (standard input)\n"));
    }
    for f in &targets.walk_findings {
        out.push_str(&format!("skipped  {}  ({})\n", f.location.path, f.message));
    }
    crate::print_out(&out)?;
    Ok(0)
}

/// `--statistics`: findings per rule, most frequent first; `[*]` fixable with `--fix`,
/// `[-]` only with `--fix --unsafe-fixes`.
fn statistics(run: &engine::Run, catalog: &[intune_lint_core::catalog::RuleMeta]) -> String {
    use intune_lint_core::finding::Applicability;
    let mut by_code: Vec<(&str, usize, bool, bool)> = Vec::new();
    for f in &run.findings {
        let a = f.fix.as_ref().map(|x| x.applicability);
        let entry = match by_code.iter_mut().find(|e| e.0 == f.code) {
            Some(e) => e,
            None => {
                by_code.push((f.code, 0, false, false));
                by_code.last_mut().expect("just pushed")
            }
        };
        entry.1 += 1;
        entry.2 |= a == Some(Applicability::Safe);
        entry.3 |= a == Some(Applicability::Unsafe);
    }
    by_code.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = by_code.first().map_or(1, |e| e.1.to_string().len());
    let mut out = String::new();
    for (code, n, safe, unsafe_) in &by_code {
        let mark = if *safe {
            "[*]"
        } else if *unsafe_ {
            "[-]"
        } else {
            "   "
        };
        let name = catalog
            .iter()
            .find(|m| m.code == *code)
            .map_or("", |m| m.name.as_str());
        out.push_str(&format!("{n:>width$}  {code}  {mark}  {name}\n"));
    }
    if by_code.iter().any(|e| e.2 || e.3) {
        out.push_str("[*] fixable with `--fix`; [-] fixable with `--fix --unsafe-fixes`\n");
    }
    out.push_str(&format!(
        "Found {}.\n",
        intune_lint_report::plural(run.findings.len(), "finding")
    ));
    out
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
