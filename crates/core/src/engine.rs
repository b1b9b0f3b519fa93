//! Running rules over files: walk, load, classify, build views, check, in parallel.

use crate::classify::{self, Kind};
use crate::document::{self, Document, Loaded};
pub use crate::export::Scoped;
use crate::finding::{Finding, Severity};
use crate::location::{Location, SourceFile};
use crate::rule::{Check, Rule};
use crate::settings::Settings;
use crate::views::sso;
use crate::views::tenant::{self, NotRun, Tenant};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file to lint.
pub enum Input {
    /// A file on disk and the path to show for it (shared: a run keeps both for every file
    /// of the export, and re-runs after `--fix` take them again).
    File { display: Arc<str>, path: Arc<Path> },
    /// Bytes read from stdin, shown as `name`.
    Stdin { name: Arc<str>, bytes: Vec<u8> },
}

impl Input {
    pub fn display(&self) -> &Arc<str> {
        match self {
            Input::File { display, .. } | Input::Stdin { name: display, .. } => display,
        }
    }
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    /// How many files were linted (`paths.len()`).
    pub files: usize,
    /// The display paths of every file linted, clean or not, in walk order (JUnit lists
    /// clean files as passing tests).
    pub paths: Vec<Arc<str>>,
    pub objects: usize,
    pub unknown_objects: usize,
    /// Paths of CMS-signed profiles (the signature is not verified).
    pub signed: Vec<Arc<str>>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Tenant checks that could not run, and why ("the export holds no apps").
    pub not_run: Vec<NotRun>,
    /// What the tenant index tells about JIT readiness (when tenant rules ran), one per
    /// tenant; the scorecard is [`Run::jit_readiness`].
    pub jit: Vec<crate::readiness::Facts>,
    /// Set when a baseline was applied.
    pub baseline: Option<crate::baseline::BaselineSummary>,
}

pub struct Run {
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

impl Run {
    /// The JIT readiness scorecard of the final findings; `None` when no tenant rule ran
    /// or only single files were linted.
    pub fn jit_readiness(&self) -> Option<crate::readiness::Scorecard> {
        crate::readiness::scorecard(&self.summary.jit, &self.findings)
    }
}

/// `path` as shown to users: `/`-separated, without a leading `./`.
pub fn display_path(path: &Path) -> Arc<str> {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s);
    Arc::from(s)
}

/// Expands folders into the files intune-lint reads. Hidden folders are walked (the
/// discovery file lives in `.well-known/`), `.git` and gitignored paths are not. Errors
/// while walking (unreadable folders, symlink loops) become EXP906 findings.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Finding>) {
    let mut inputs = Vec::new();
    let mut findings = Vec::new();
    for root in paths {
        if !root.is_dir() {
            inputs.push(Input::File {
                display: display_path(root),
                path: root.as_path().into(),
            });
            continue;
        }
        // The walker reads the ignore files of the root, its parents and every folder it
        // enters, and would block forever on a FIFO (or never finish `/dev/zero`) named
        // `.gitignore`: such a folder is reported and not walked.
        let absolute = std::path::absolute(root).unwrap_or_else(|_| root.clone());
        if let Some((file, kind)) = absolute.ancestors().find_map(special_ignore_file) {
            findings.push(special_ignore_finding(&file, kind));
            continue;
        }
        let skipped = Arc::new(std::sync::Mutex::new(Vec::new()));
        let skipped_in_walk = skipped.clone();
        let mut builder = ignore::WalkBuilder::new(root);
        builder.hidden(false).parents(true).filter_entry(move |e| {
            if e.file_name() == ".git" {
                return false;
            }
            if !e.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            let Some(bad) = special_ignore_file(e.path()) else {
                return true;
            };
            if let Ok(mut s) = skipped_in_walk.lock() {
                s.push(bad);
            }
            false
        });
        let mut walked = Walked::default();
        if is_wide(root) {
            // A folder of tenants or categories is walked on every core (nothing else runs
            // yet), then put in the order of a name-sorted walk. A small folder is walked
            // on one thread: the parallel walker's idle threads sleep a millisecond at the
            // end of a walk, a third of a pre-commit run.
            let shared = std::sync::Mutex::new(Walked::default());
            builder.build_parallel().visit(&mut WalkVisitors {
                root,
                shared: &shared,
            });
            walked = shared.into_inner().unwrap_or_else(|e| e.into_inner());
            walked.files.par_sort_unstable_by(|a, b| walk_order(a, b));
            walked.errors.sort_by(|a, b| walk_order(&a.0, &b.0));
        } else {
            for entry in builder.sort_by_file_name(|a, b| a.cmp(b)).build() {
                walked.add(root, entry);
            }
        }
        findings.extend(walked.errors.into_iter().map(|(_, f)| f));
        // Display paths, an allocation per file, are made on every core.
        let files = walked.files;
        inputs.par_extend(files.into_par_iter().map(|path| Input::File {
            display: display_path(&path),
            path: path.into(),
        }));
        let skipped = skipped.lock().map(|s| s.clone()).unwrap_or_default();
        for (file, kind) in skipped {
            findings.push(special_ignore_finding(&file, kind));
        }
    }
    (inputs, findings)
}

/// Whether `root` holds enough folders, in it or one level down, for a parallel walk to
/// pay: a tenant's export is one folder holding its category folders.
fn is_wide(root: &Path) -> bool {
    const WIDE: usize = 8;
    let folders = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir).map_or_else(
            |_| Vec::new(),
            |entries| {
                entries
                    .flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                    .take(WIDE)
                    .map(|e| e.path())
                    .collect()
            },
        )
    };
    let top = folders(root);
    top.len() == WIDE || top.iter().map(|d| folders(d).len()).sum::<usize>() >= WIDE
}

/// The order of a walk that visits each folder's entries sorted by name: paths compared
/// folder name by folder name, which is comparing their bytes with the separator below
/// every other byte (a name holds neither it nor NUL). `Path::cmp` gives the same order
/// but splits both paths into components on every comparison.
fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let key = |byte: Option<&u8>| match byte {
        None => None,
        Some(&c) if std::path::is_separator(c as char) => Some(0),
        Some(&c) => Some(c),
    };
    key(a.get(same)).cmp(&key(b.get(same)))
}

/// What a walk found: the files intune-lint reads, and walk errors (by path).
#[derive(Default)]
struct Walked {
    files: Vec<PathBuf>,
    errors: Vec<(PathBuf, Finding)>,
}

impl Walked {
    fn add(&mut self, root: &Path, entry: Result<ignore::DirEntry, ignore::Error>) {
        match entry {
            Ok(e) => {
                // Links are not followed into folders; a link to a file is read, and a
                // broken or looping link is reported when it is read.
                let is_file = e
                    .file_type()
                    .is_some_and(|t| t.is_file() || (t.is_symlink() && !e.path().is_dir()));
                if is_file && crate::formats::is_lintable_name(&e.file_name().to_string_lossy()) {
                    self.files.push(e.into_path());
                }
            }
            Err(err) => {
                let path = walk_error_path(&err).unwrap_or_else(|| root.to_path_buf());
                let finding = Finding::new(
                    "EXP906",
                    format!("cannot walk: {}", walk_error_message(&err)),
                    Location::file(display_path(&path)),
                );
                self.errors.push((path, finding));
            }
        }
    }
}

/// One [`WalkVisitor`] per walking thread; each keeps its own lists and hands them over
/// when its thread is done, so the walk takes no lock per file.
struct WalkVisitors<'a> {
    root: &'a Path,
    shared: &'a std::sync::Mutex<Walked>,
}

impl<'s> ignore::ParallelVisitorBuilder<'s> for WalkVisitors<'s> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(WalkVisitor {
            root: self.root,
            shared: self.shared,
            mine: Walked::default(),
        })
    }
}

struct WalkVisitor<'a> {
    root: &'a Path,
    shared: &'a std::sync::Mutex<Walked>,
    mine: Walked,
}

impl ignore::ParallelVisitor for WalkVisitor<'_> {
    fn visit(&mut self, entry: Result<ignore::DirEntry, ignore::Error>) -> ignore::WalkState {
        self.mine.add(self.root, entry);
        ignore::WalkState::Continue
    }
}

impl Drop for WalkVisitor<'_> {
    fn drop(&mut self) {
        let mut all = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        all.files.append(&mut self.mine.files);
        all.errors.append(&mut self.mine.errors);
    }
}

/// The ignore file in `dir` (`.gitignore`, `.ignore`, `.git/info/exclude`) that exists but
/// is not a regular file, and what it is.
fn special_ignore_file(dir: &Path) -> Option<(PathBuf, &'static str)> {
    [".gitignore", ".ignore", ".git/info/exclude"]
        .iter()
        .map(|name| dir.join(name))
        .find_map(|file| {
            let meta = std::fs::metadata(&file).ok()?;
            (!meta.is_file()).then(|| (file, crate::source::file_kind(&meta)))
        })
}

fn special_ignore_finding(file: &Path, kind: &str) -> Finding {
    Finding::new(
        "EXP906",
        format!(
            "ignore file is {kind}, not a regular file: its folder was not walked (reading it \
             could block forever)"
        ),
        Location::file(display_path(file)),
    )
}

fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_error_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}", ancestor.display())
        }
        other => other.to_string(),
    }
}

/// What the files folded so far contributed, in file order.
#[derive(Default)]
struct Folded {
    findings: Vec<Finding>,
    objects: usize,
    unknown_objects: usize,
    signed: Vec<Arc<str>>,
    tenant: Tenant,
    /// Digests of the profiles decoded from Graph `payload`s.
    embedded_profiles: HashSet<u64>,
    /// The findings of each profile file, by its digest: whether a Graph file carries the
    /// same profile is known only once every file is read.
    profile_findings: Vec<(u64, Vec<Finding>)>,
}

impl Folded {
    fn add(mut self, r: FileResult, context: bool) -> Self {
        self.embedded_profiles.extend(r.embedded_profiles);
        let mut tenant = r.tenant;
        if let Some(digest) = r.profile {
            tenant.mark_standalone_profile(digest);
        }
        self.tenant.merge(tenant);
        if context {
            return self;
        }
        self.objects += r.objects;
        self.unknown_objects += r.unknown_objects;
        self.signed.extend(r.signed);
        match r.profile {
            Some(digest) => self.profile_findings.push((digest, r.findings)),
            None => tenant::append(&mut self.findings, r.findings),
        }
        self
    }

    /// Joins all but the tenant indexes, which are joined at once ([`Tenant::concat`]).
    fn join(mut self, other: Self) -> Self {
        tenant::append(&mut self.findings, other.findings);
        self.objects += other.objects;
        self.unknown_objects += other.unknown_objects;
        tenant::append(&mut self.signed, other.signed);
        self.embedded_profiles.extend(other.embedded_profiles);
        tenant::append(&mut self.profile_findings, other.profile_findings);
        self
    }
}

/// What one file contributed.
#[derive(Default)]
struct FileResult {
    findings: Vec<Finding>,
    objects: usize,
    unknown_objects: usize,
    signed: Option<Arc<str>>,
    /// This file's facts for the tenant index (empty when no tenant rule is on).
    tenant: Tenant,
    /// Digests of the profiles decoded from Graph `payload`s in this file.
    embedded_profiles: Vec<u64>,
    /// The digest of the profile this file is, when it is one.
    profile: Option<u64>,
    /// The length and digest of the file's bytes, when it has findings.
    source: Option<(u64, u64)>,
}

pub fn run(inputs: Vec<Input>, rules: &[Rule], settings: &Settings) -> Run {
    run_with_progress(inputs, rules, settings, &|| {})
}

/// [`run`], calling `tick` once per file done (for a progress bar on big audits).
pub fn run_with_progress(
    inputs: Vec<Input>,
    rules: &[Rule],
    settings: &Settings,
    tick: &(dyn Fn() + Sync),
) -> Run {
    let scoped = inputs.into_iter().map(Scoped::linted).collect();
    run_scoped(scoped, rules, settings, tick)
}

/// [`run_with_progress`] where context files (see [`crate::export`]) only feed the
/// tenant index: no rule runs on them, and findings located in them are dropped.
pub fn run_scoped(
    inputs: Vec<Scoped>,
    rules: &[Rule],
    settings: &Settings,
    tick: &(dyn Fn() + Sync),
) -> Run {
    let rules: Vec<&Rule> = rules
        .iter()
        .filter(|r| settings.is_enabled(r.code))
        .collect();
    // Context matters only to tenant rules.
    let tenant_rules: Vec<&Rule> = rules
        .iter()
        .copied()
        .filter(|r| matches!(r.check, Check::Tenant(_)))
        .collect();
    let inputs: Vec<Scoped> = inputs
        .into_iter()
        .filter(|s| !tenant_rules.is_empty() || !s.context)
        .collect();
    // Each file's findings and facts are folded into the run as soon as the file is done,
    // so a file's text, tree and per-file buffers are gone before its thread takes the
    // next one: in-flight files are bounded by the thread count. Rayon folds consecutive
    // files and joins the folds in file order, so the index's order is the walk order.
    let mut parts = inputs
        .par_iter()
        .fold(Folded::default, |acc, Scoped { input, context }| {
            // A bug in a parser, view or rule costs only the file that triggers it: the
            // panic becomes a finding on that file and every other file is still checked.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let (loaded, disk) = match input {
                    Input::File { display, path } => {
                        match crate::source::read_file(path, settings.max_file_size) {
                            Ok(bytes) => (document::load_owned(display.clone(), bytes), Some(path)),
                            Err(e) => (document::unreadable(display.clone(), &e), None),
                        }
                    }
                    Input::Stdin { name, bytes } => {
                        (document::load_bytes(name.clone(), bytes), None)
                    }
                };
                if *context {
                    // Read as a linted file is, with the tenant rules alone: the same facts
                    // (embedded profiles included), and no finding.
                    let mut r = check_file(loaded, &tenant_rules, settings);
                    r.findings.clear();
                    return r;
                }
                let mut result = check_file(loaded, &rules, settings);
                result.findings = cap_findings(std::mem::take(&mut result.findings));
                // Fixes are written to the file these findings were computed from.
                let file = disk.zip(result.source).map(|(path, (len, digest))| {
                    Arc::new(SourceFile {
                        path: path.to_path_buf(),
                        len,
                        digest,
                    })
                });
                for f in &mut result.findings {
                    if f.location.path == *input.display() {
                        f.location.file.clone_from(&file);
                    }
                }
                result
            }))
            .unwrap_or_else(|panic| internal_error(input.display(), panic.as_ref()));
            if !*context {
                tick();
            }
            acc.add(result, *context)
        })
        .collect::<Vec<Folded>>();
    // The folds' indexes are joined once, in order ([`Tenant::concat`]): joining them
    // pairwise copied each half into a new, doubled list while both halves were held (the
    // run's peak).
    let tenant = Tenant::concat(parts.iter_mut().map(|p| std::mem::take(&mut p.tenant)));
    let mut folded = parts.into_iter().fold(Folded::default(), Folded::join);
    folded.tenant = tenant;
    let reported: Vec<&Input> = inputs
        .iter()
        .filter(|s| !s.context)
        .map(|s| &s.input)
        .collect();
    let context: HashSet<&Arc<str>> = inputs
        .iter()
        .filter(|s| s.context)
        .map(|s| s.input.display())
        .collect();
    let mut summary = Summary {
        files: reported.len(),
        paths: reported.iter().map(|i| i.display().clone()).collect(),
        objects: folded.objects,
        unknown_objects: folded.unknown_objects,
        signed: folded.signed,
        ..Summary::default()
    };
    let mut findings = folded.findings;
    let mut index = folded.tenant;
    // IntuneCD and IntuneManagement write a custom profile's decoded `.mobileconfig`
    // beside its Graph JSON: the copy says nothing the Graph object did not.
    index.drop_standalone_profiles(&folded.embedded_profiles);
    for (digest, mut profile_findings) in folded.profile_findings {
        if folded.embedded_profiles.contains(&digest) {
            profile_findings.retain(|f| f.code.starts_with("EXP"));
        }
        findings.append(&mut profile_findings);
    }
    index.resolve();
    let from_files = findings.len();
    let mut tenant_findings = Vec::new();
    let mut crashed = Vec::new();
    // The cross-object checks read the index side by side (one tenant's run ends with
    // them, while the other cores would wait), and report in rule order.
    let checked: Vec<_> = rules
        .par_iter()
        .filter_map(|rule| match rule.check {
            Check::Tenant(check) => Some((rule.code, check)),
            _ => None,
        })
        .map(|(code, check)| {
            // A bug in one tenant check costs only that check: it is listed with the
            // checks that could not run, and every other finding is kept.
            let mut out = Vec::new();
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check(&index, settings, &mut out);
            }));
            (code, run.map(|()| out))
        })
        .collect();
    for (code, run) in checked {
        match run {
            Ok(mut out) => tenant_findings.append(&mut out),
            Err(panic) => crashed.push(NotRun {
                code,
                reason: format!(
                    "internal error: {} (a bug in intune-lint; please report it at \
                     {REPORT_BUGS_AT})",
                    panic_message(panic.as_ref())
                ),
            }),
        }
    }
    findings.extend(cap_findings(
        tenant_findings
            .into_iter()
            .filter(|f| !context.contains(&f.location.path))
            .collect(),
    ));
    summary.not_run = index.take_not_run();
    summary.not_run.append(&mut crashed);
    if rules.iter().any(|r| matches!(r.check, Check::Tenant(_))) {
        summary.jit = vec![crate::readiness::Facts::from_index(&index)];
    }
    drop(index);
    resolve_from_sources(&mut findings[from_files..], &inputs, settings.max_file_size);
    finish(findings, summary, settings)
}

/// Lines and columns for tenant findings: their files are read again, only the files
/// that have such findings (the run keeps no text).
fn resolve_from_sources(findings: &mut [Finding], inputs: &[Scoped], max_size: u64) {
    let mut paths: Vec<Arc<str>> = findings
        .iter_mut()
        .flat_map(Finding::locations_mut)
        .filter(|l| l.is_unresolved())
        .map(|l| l.path.clone())
        .collect();
    if paths.is_empty() {
        return;
    }
    paths.sort();
    paths.dedup();
    let wanted: std::collections::HashSet<&str> = paths.iter().map(|p| &**p).collect();
    // Context files too: a finding's related locations may point into them.
    let texts: std::collections::HashMap<&str, String> = inputs
        .par_iter()
        .map(|s| &s.input)
        .filter(|i| wanted.contains(&**i.display()))
        .filter_map(|i| {
            let bytes = match i {
                Input::File { path, .. } => crate::source::read_file(path, max_size).ok()?,
                Input::Stdin { bytes, .. } => bytes.clone(),
            };
            // Spans exist only in decoded text, never in binary or signed files.
            if crate::formats::sniff_binary(&bytes).is_some() {
                return None;
            }
            Some((&**i.display(), crate::source::decode(&bytes).text))
        })
        .collect();
    let lines: std::collections::HashMap<&str, crate::location::LineIndex> = texts
        .iter()
        .map(|(p, t)| (*p, crate::location::LineIndex::new(t)))
        .collect();
    for loc in findings.iter_mut().flat_map(Finding::locations_mut) {
        if !loc.is_unresolved() {
            continue;
        }
        if let (Some(text), Some(idx)) = (texts.get(&*loc.path), lines.get(&*loc.path)) {
            loc.resolve(text, idx);
        }
    }
}

/// Stamps configured severities, drops disabled rules, sorts and counts.
pub fn finish(findings: Vec<Finding>, summary: Summary, settings: &Settings) -> Run {
    let findings: Vec<Finding> = findings
        .into_iter()
        .filter_map(|mut f| {
            f.severity = settings.severity(f.code)?;
            Some(f)
        })
        .collect();
    finalize(findings, summary)
}

/// Sorts, removes duplicates and counts findings whose severities are already final
/// (runs under several configurations are merged with this).
pub fn finalize(mut findings: Vec<Finding>, mut summary: Summary) -> Run {
    summary.errors = 0;
    summary.warnings = 0;
    summary.infos = 0;
    findings.sort_by(|a, b| {
        (
            &a.location.path,
            a.location.start,
            a.code,
            &a.location.pointer,
        )
            .cmp(&(
                &b.location.path,
                b.location.start,
                b.code,
                &b.location.pointer,
            ))
    });
    findings.dedup();
    for f in &findings {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    Run { findings, summary }
}

/// At most this many findings of one rule in one file are shown; the rest become one
/// finding that counts them. A hostile or broken file (a million duplicate keys) must not
/// cost memory and report size per finding; a real export never comes near it.
pub const MAX_FINDINGS_PER_RULE_PER_FILE: usize = 100;

/// The finding that stands for `more` findings of `code` in `path` that are not shown.
pub fn more_findings(code: &'static str, path: Arc<str>, more: usize) -> Finding {
    Finding::new(
        code,
        format!(
            "and {more} more {code} findings in this file, not listed (at most \
             {MAX_FINDINGS_PER_RULE_PER_FILE} per rule and file are)"
        ),
        Location::file(path),
    )
}

/// Applies [`MAX_FINDINGS_PER_RULE_PER_FILE`]: keeps each (file, rule)'s first findings
/// in order. A rule that already summarized its own extra findings (it stops building
/// them at the limit, see EXP904) emits the limit plus one and passes through unchanged.
pub fn cap_findings(findings: Vec<Finding>) -> Vec<Finding> {
    use std::collections::HashMap;
    let mut counts: HashMap<(&Arc<str>, &str), usize> = HashMap::new();
    for f in &findings {
        *counts.entry((&f.location.path, f.code)).or_default() += 1;
    }
    let over: HashMap<(Arc<str>, &'static str), usize> = counts
        .into_iter()
        .filter(|(_, n)| *n > MAX_FINDINGS_PER_RULE_PER_FILE + 1)
        .map(|((path, code), n)| ((path.clone(), code), n))
        .collect();
    if over.is_empty() {
        return findings;
    }
    let mut seen: HashMap<(Arc<str>, &'static str), usize> = HashMap::new();
    let mut out = Vec::new();
    for f in findings {
        let key = (f.location.path.clone(), f.code);
        let Some(&total) = over.get(&key) else {
            out.push(f);
            continue;
        };
        let n = seen.entry(key).or_default();
        *n += 1;
        if *n <= MAX_FINDINGS_PER_RULE_PER_FILE {
            out.push(f);
        } else if *n == MAX_FINDINGS_PER_RULE_PER_FILE + 1 {
            out.push(more_findings(
                f.code,
                f.location.path.clone(),
                total - MAX_FINDINGS_PER_RULE_PER_FILE,
            ));
        }
    }
    out
}

/// Where users report an internal error (the panic hook says the same).
pub const REPORT_BUGS_AT: &str = "https://github.com/intune-lint/intune-lint/issues";

/// The text of a panic's payload (`panic!` with a literal or a formatted message).
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown panic")
}

fn internal_error(path: &Arc<str>, panic: &(dyn std::any::Any + Send)) -> FileResult {
    FileResult {
        findings: vec![
            Finding::new(
                "EXP906",
                format!(
                    "internal error while checking this file, so it was not checked: {}",
                    panic_message(panic)
                ),
                Location::file(path.clone()),
            )
            .with_help(format!(
                "this is a bug in intune-lint; please report it at {REPORT_BUGS_AT}"
            )),
        ],
        ..FileResult::default()
    }
}

fn check_file(mut loaded: Loaded, rules: &[&Rule], settings: &Settings) -> FileResult {
    let mut result = FileResult {
        findings: std::mem::take(&mut loaded.findings),
        ..FileResult::default()
    };
    if let Some(doc) = &loaded.document {
        if doc.signed {
            result.signed = Some(doc.path.clone());
        }
        check_document(doc, rules, settings, &mut result);
        doc.resolve(&mut result.findings);
    }
    // Only a file with findings is ever fixed or shown: a clean file is never hashed.
    if !result.findings.is_empty() {
        result.source = loaded.source_digest();
    }
    result
}

/// The objects that can hold an SSO extension, with their index.
fn sso_objects<'o, 'd>(
    objects: &'o [classify::Object<'d>],
) -> impl Iterator<Item = (usize, &'o classify::Object<'d>)> {
    objects.iter().enumerate().filter(|(_, o)| {
        matches!(
            o.kind,
            Kind::DeviceFeatures | Kind::SettingsCatalog | Kind::AppleProfile
        )
    })
}

/// Lints the profile an Intune custom configuration carries base64-encoded in `payload`,
/// with every rule, as if it were a file; its locations point at the `payload` member.
fn check_embedded(
    doc: &Document,
    obj: &classify::Object<'_>,
    macos: bool,
    rules: &[&Rule],
    settings: &Settings,
    result: &mut FileResult,
) {
    use base64::Engine as _;
    let ptr = crate::node::join(&obj.pointer, "payload");
    let Some(b64) = obj.node.get("payload").and_then(crate::node::Node::as_str) else {
        return;
    };
    let loc = doc.locate(&ptr, document::Part::Value);
    let remap = |mut f: Finding| {
        f.location = Location {
            pointer: format!("{}{}", loc.pointer, f.location.pointer).into(),
            ..loc.clone()
        };
        f.object = Some(obj.reference.clone());
        f
    };
    let compact: String = b64.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let bytes = match base64::engine::general_purpose::STANDARD.decode(compact.as_bytes()) {
        Ok(b) => b,
        Err(e) => {
            result.findings.push(remap(Finding::new(
                "EXP901",
                format!("cannot decode the custom profile's `payload` as base64: {e}"),
                Location::file(doc.path.clone()),
            )));
            return;
        }
    };
    let not_a_profile = || {
        remap(Finding::new(
            "EXP901",
            "the custom profile's `payload` decodes to something that is not a configuration profile",
            Location::file(doc.path.clone()),
        ))
    };
    // Only a plist can be a profile: anything else would be parsed by the Graph file's
    // own format and reported as a JSON error.
    let plist = crate::formats::sniff_binary(&bytes).is_some()
        || crate::source::decode(&bytes)
            .text
            .trim_start()
            .starts_with('<');
    if !plist {
        result.findings.push(not_a_profile());
        return;
    }
    let loaded = document::load_bytes(doc.path.clone(), &bytes);
    result
        .findings
        .extend(loaded.findings.into_iter().map(remap));
    let Some(mut inner) = loaded.document else {
        return;
    };
    if !matches!(classify::objects(&inner).first(), Some(o) if o.kind == Kind::AppleProfile) {
        result.findings.push(not_a_profile());
        return;
    }
    inner.text = None;
    inner.embedded = Some(document::Embedded {
        platform: if macos {
            sso::Platform::Macos
        } else {
            sso::Platform::Ios
        },
        kind: if macos {
            "macOSCustomConfiguration"
        } else {
            "iosCustomConfiguration"
        },
        loc: loc.clone(),
    });
    result
        .embedded_profiles
        .push(crate::views::profile::digest(&inner.root));
    let mut sub = FileResult::default();
    check_document(&inner, rules, settings, &mut sub);
    // Edits are spans of the decoded profile, not of the Graph file; and the object users
    // find in Intune is the custom configuration, not the profile's display name.
    result
        .findings
        .extend(sub.findings.into_iter().map(|mut f| {
            f.fix = None;
            f.object = Some(obj.reference.clone());
            f
        }));
    let owner = tenant::policy_of(doc, obj);
    sub.tenant.adopt(&owner);
    result.tenant.merge(sub.tenant);
}

fn check_document(doc: &Document, rules: &[&Rule], settings: &Settings, result: &mut FileResult) {
    let objects = classify::objects(doc);
    for o in &objects {
        if o.kind.is_recognized() {
            result.objects += 1;
        } else {
            result.unknown_objects += 1;
        }
    }
    if doc.embedded.is_none()
        && let [o] = objects.as_slice()
        && o.kind == Kind::AppleProfile
    {
        result.profile = Some(crate::views::profile::digest(&doc.root));
    }
    for o in &objects {
        if let Kind::CustomProfile { macos } = o.kind
            && doc.embedded.is_none()
        {
            check_embedded(doc, o, macos, rules, settings, result);
        }
    }
    let out = &mut result.findings;
    for rule in rules {
        if let Check::Document(check) = rule.check {
            check(doc, &objects, settings, out);
        }
    }
    let wants_tenant = rules.iter().any(|r| matches!(r.check, Check::Tenant(_)));
    let mut extensions = Vec::new();
    for (i, o) in sso_objects(&objects) {
        for ext in sso::extract(doc, o) {
            for rule in rules {
                if let Check::Sso(check) = rule.check {
                    check(&ext, settings, out);
                }
            }
            if wants_tenant {
                extensions.push((i, ext));
            }
        }
    }
    if wants_tenant {
        result
            .tenant
            .merge(tenant::extract(doc, &objects, extensions));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_order_is_the_order_of_path_components() {
        // Names chosen around the separator's byte: `.`, `-` and ` ` sort below `/`.
        let names = ["a", "a.b", "a-b", "a b", "ab", "b", "A", "a0", "é"];
        let mut paths = Vec::new();
        for x in names {
            paths.push(PathBuf::from(x));
            for y in names {
                paths.push(Path::new(x).join(y));
                paths.push(Path::new("root").join(x).join(y).join("f.json"));
            }
        }
        let mut by_components = paths.clone();
        by_components.sort();
        paths.sort_by(|a, b| walk_order(a, b));
        assert_eq!(paths, by_components);
    }
}
