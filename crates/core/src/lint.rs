//! A lint run under configuration: each input gets the configuration that applies to it
//! (the nearest file, `--config`, or the defaults), files are grouped by configuration
//! and run together, and each group's findings pass its path filters and waivers.

use crate::config::{ConfigError, Resolver, today};
use crate::engine::{self, Input, Run, Scoped, Summary};
use crate::finding::{Finding, Severity};
use crate::rule::Rule;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Findings plus what decides the exit status: each path's `fail-on` threshold.
pub struct Linted {
    pub run: Run,
    /// Per finding path: the threshold of the configuration that applied (`None`: never).
    thresholds: HashMap<Arc<str>, Option<Severity>>,
}

impl Linted {
    /// Whether any finding is at or above its configuration's `fail-on`.
    pub fn failing(&self) -> bool {
        self.run.findings.iter().any(|f| {
            self.thresholds
                .get(&f.location.path)
                .copied()
                .unwrap_or(Some(Severity::Warning))
                .is_some_and(|t| f.severity >= t)
        })
    }

    /// Overrides every threshold (`--exit-zero`-style callers use `None`).
    pub fn set_threshold(&mut self, threshold: Option<Severity>) {
        for v in self.thresholds.values_mut() {
            *v = threshold;
        }
    }
}

/// The path a configuration is looked up by: the file, or the stdin file name.
fn lookup_path(input: &Input) -> PathBuf {
    match input {
        Input::File { path, .. } => path.clone(),
        Input::Stdin { name, .. } => PathBuf::from(&**name),
    }
}

/// Lints `inputs`. `explicit` files (named on the command line) are excluded by
/// `exclude` only when `force_exclude` is set; walked files always are.
pub fn lint(
    inputs: Vec<Input>,
    walk_findings: Vec<Finding>,
    explicit: &[PathBuf],
    force_exclude: bool,
    resolver: &mut Resolver<'_>,
    rules: &[Rule],
    tick: &(dyn Fn() + Sync),
) -> Result<Linted, ConfigError> {
    let scoped = inputs
        .into_iter()
        .map(|input| Scoped {
            input,
            context: false,
        })
        .collect();
    lint_scoped(
        scoped,
        walk_findings,
        explicit,
        force_exclude,
        resolver,
        rules,
        tick,
    )
}

/// [`lint`] with context files (see [`crate::export`]): they join their configuration's
/// group, so each file is judged against the objects a whole-export run would give it.
pub fn lint_scoped(
    inputs: Vec<Scoped>,
    walk_findings: Vec<Finding>,
    explicit: &[PathBuf],
    force_exclude: bool,
    resolver: &mut Resolver<'_>,
    rules: &[Rule],
    tick: &(dyn Fn() + Sync),
) -> Result<Linted, ConfigError> {
    let mut groups: Vec<(Vec<Scoped>, Vec<Finding>)> = Vec::new();
    let ensure = |groups: &mut Vec<(Vec<Scoped>, Vec<Finding>)>, i: usize| {
        while groups.len() <= i {
            groups.push((Vec::new(), Vec::new()));
        }
    };
    for scoped in inputs {
        let input = &scoped.input;
        let path = lookup_path(input);
        let i = resolver.for_path(&path)?;
        ensure(&mut groups, i);
        let is_explicit =
            !scoped.context && (matches!(input, Input::Stdin { .. }) || explicit.contains(&path));
        if (!is_explicit || force_exclude) && resolver.configs[i].is_excluded(&path) {
            continue;
        }
        groups[i].0.push(scoped);
    }
    for f in walk_findings {
        let i = resolver.for_path(Path::new(&*f.location.path))?;
        ensure(&mut groups, i);
        groups[i].1.push(f);
    }
    let today = today();
    let mut summary = Summary::default();
    let mut findings = Vec::new();
    let mut thresholds = HashMap::new();
    for (i, (inputs, walk)) in groups.into_iter().enumerate() {
        // A group of context files alone reports nothing: skip reading it.
        if walk.is_empty() && inputs.iter().all(|s| s.context) {
            continue;
        }
        let config = &resolver.configs[i];
        let threshold = config.fail_on.threshold();
        for s in inputs.iter().filter(|s| !s.context) {
            thresholds.insert(s.input.display().clone(), threshold);
        }
        let mut run = engine::run_scoped(inputs, rules, &config.settings, tick);
        if !walk.is_empty() {
            for f in &walk {
                thresholds.insert(f.location.path.clone(), threshold);
            }
            let mut all = walk;
            all.append(&mut run.findings);
            run = engine::finish(all, run.summary, &config.settings);
        }
        let filtered = config.filter(run.findings, today);
        for f in &filtered {
            thresholds
                .entry(f.location.path.clone())
                .or_insert(threshold);
        }
        findings.extend(filtered);
        summary.files += run.summary.files;
        summary.objects += run.summary.objects;
        summary.unknown_objects += run.summary.unknown_objects;
        summary.signed.extend(run.summary.signed);
        summary.paths.extend(run.summary.paths);
        match (&mut summary.jit, run.summary.jit) {
            (Some(a), Some(b)) => a.merge(b),
            (a, b) => *a = a.take().or(b),
        }
        for n in run.summary.not_run {
            if !summary.not_run.contains(&n) {
                summary.not_run.push(n);
            }
        }
    }
    Ok(Linted {
        run: engine::finalize(findings, summary),
        thresholds,
    })
}
