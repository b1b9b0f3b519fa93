//! A lint run under configuration: each input gets the configuration that applies to it
//! (the nearest file, `--config`, or the defaults), files are grouped by configuration
//! and run together, and each group's findings pass its path filters and waivers.

use crate::config::{ConfigError, Resolver, today};
use crate::engine::{self, Input, Run, Scoped, Summary};
use crate::finding::{Finding, Severity};
use crate::readiness::TenantScope;
use crate::rule::Rule;
use rayon::prelude::*;
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Findings plus what decides the exit status: each path's `fail-on` threshold.
pub struct Linted {
    pub run: Run,
    /// Per finding path: the threshold of the configuration that applied (`None`: never).
    thresholds: foldhash::HashMap<Arc<str>, Option<Severity>>,
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
fn lookup_path(input: &Input) -> &Path {
    match input {
        Input::File { path, .. } => path,
        Input::Stdin { name, .. } => Path::new(&**name),
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
    let scoped = inputs.into_iter().map(Scoped::linted).collect();
    lint_scoped(
        scoped,
        walk_findings,
        explicit,
        force_exclude,
        resolver,
        rules,
        true,
        tick,
    )
}

/// Runs of consecutive files in one folder (as the paths spell it), with that folder.
fn folder_runs<'p>(paths: &[&'p Path]) -> Vec<(Range<usize>, &'p Path)> {
    let mut runs: Vec<(Range<usize>, &Path)> = Vec::new();
    for (n, &path) in paths.iter().enumerate() {
        match runs.last_mut() {
            Some((files, dir)) if in_folder(path, dir) => files.end = n + 1,
            _ => runs.push((n..n + 1, path.parent().unwrap_or(Path::new("")))),
        }
    }
    runs
}

/// Whether `path` is a name right inside `dir` as spelled (`dir` is another file's
/// `Path::parent`): a comparison of bytes, where `Path::parent` would split the path.
/// `false` for anything unusual (`.`, `..`, doubled separators), which `parent` judges.
fn in_folder(path: &Path, dir: &Path) -> bool {
    let (p, d) = (
        path.as_os_str().as_encoded_bytes(),
        dir.as_os_str().as_encoded_bytes(),
    );
    let name = if d.is_empty() {
        p
    } else {
        match p.strip_prefix(d) {
            Some([sep, name @ ..]) if std::path::is_separator(*sep as char) => name,
            _ => return false,
        }
    };
    !name.is_empty()
        && name != b"."
        && name != b".."
        && !name.iter().any(|&b| std::path::is_separator(b as char))
}

/// Files run together: one configuration, one tenant.
struct Group {
    config: usize,
    tenant: Option<usize>,
    inputs: Vec<Scoped>,
    walk: Vec<Finding>,
}

/// [`lint`] with context files (see [`crate::export`]): they join their configuration's
/// group, so each file is judged against the objects a whole-export run would give it.
/// With `split_tenants`, a folder of several tenants' exports is audited tenant by tenant
/// ([`crate::tenants`]).
#[allow(clippy::too_many_arguments)]
pub fn lint_scoped(
    inputs: Vec<Scoped>,
    walk_findings: Vec<Finding>,
    explicit: &[PathBuf],
    force_exclude: bool,
    resolver: &mut Resolver<'_>,
    rules: &[Rule],
    split_tenants: bool,
    tick: &(dyn Fn() + Sync),
) -> Result<Linted, ConfigError> {
    // Files come folder by folder: what depends on a file's folder alone (its tenant, its
    // configuration, the exclude globs' answer for the folders above it) is worked out
    // once per run of files in one folder.
    let paths: Vec<&Path> = inputs.iter().map(|s| lookup_path(&s.input)).collect();
    let runs = folder_runs(&paths);
    let folders: Vec<&Path> = runs.iter().map(|(_, dir)| *dir).collect();
    // One group per configuration and tenant: each runs on its own, with its own tenant
    // index (see `crate::tenants`).
    let tenants = if split_tenants {
        crate::tenants::partition(&folders)
    } else {
        crate::tenants::Partition::default()
    };
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: foldhash::HashMap<(usize, Option<usize>), usize> = Default::default();
    let mut group = |groups: &mut Vec<Group>, config: usize, tenant: Option<usize>| {
        *group_of.entry((config, tenant)).or_insert_with(|| {
            groups.push(Group {
                config,
                tenant,
                inputs: Vec::new(),
                walk: Vec::new(),
            });
            groups.len() - 1
        })
    };
    resolver.look_ahead(&folders);
    let config_of: Vec<usize> = runs
        .iter()
        .map(|(files, _)| resolver.for_path(paths[files.start]))
        .collect::<Result<_, _>>()?;
    // The `exclude` globs, which see whole paths, are matched on every thread.
    let configs = &resolver.configs;
    let inputs_ref = &inputs;
    let excluded: Vec<bool> = runs
        .par_iter()
        .zip(&config_of)
        .flat_map_iter(|((files, dir), &config)| {
            let folder = configs[config].exclude_folder(dir);
            files.clone().map(move |n| {
                let scoped = &inputs_ref[n];
                let input = &scoped.input;
                let path = lookup_path(input);
                let is_explicit = !scoped.context
                    && (matches!(input, Input::Stdin { .. }) || explicit.iter().any(|e| e == path));
                (!is_explicit || force_exclude) && folder.excludes(path)
            })
        })
        .collect();
    let run_of: Vec<usize> = runs
        .iter()
        .enumerate()
        .flat_map(|(r, (files, _))| files.clone().map(move |_| r))
        .collect();
    drop((runs, folders, paths));
    for (n, scoped) in inputs.into_iter().enumerate() {
        let run = run_of[n];
        if excluded[n] {
            continue;
        }
        let g = group(
            &mut groups,
            config_of[run],
            tenants.of_folder.get(run).copied().flatten(),
        );
        groups[g].inputs.push(scoped);
    }
    for f in walk_findings {
        let path = Path::new(&*f.location.path);
        let i = resolver.for_path(path)?;
        let g = group(&mut groups, i, tenants.of(path));
        groups[g].walk.push(f);
    }
    let today = today();
    let mut summary = Summary::default();
    let mut findings = Vec::new();
    let mut thresholds = foldhash::HashMap::default();
    let mut not_run: Vec<(crate::views::tenant::NotRun, HashSet<Option<usize>>)> = Vec::new();
    let mut tenants_run = HashSet::new();
    // Groups run side by side: while one tenant's cross-object rules run (one thread), the
    // other threads read the next tenant's files.
    let configs = &resolver.configs;
    let runs: Vec<_> = groups
        .into_par_iter()
        // A group of context files alone reports nothing: skip reading it.
        .filter(|g| !(g.walk.is_empty() && g.inputs.iter().all(|s| s.context)))
        .map(|mut g| {
            let config = &configs[g.config];
            let scope = tenants.is_split().then(|| TenantScope {
                name: match g.tenant {
                    Some(t) => engine::display_path(&tenants.roots[t]),
                    None => "files outside the tenant folders".into(),
                },
                files: Arc::new(
                    g.inputs
                        .iter()
                        .filter(|s| !s.context)
                        .map(|s| s.input.display().clone())
                        .collect(),
                ),
            });
            let inputs = std::mem::take(&mut g.inputs);
            let mut run = engine::run_scoped(inputs, rules, &config.settings, tick);
            if !g.walk.is_empty() {
                let mut all = g.walk.clone();
                all.append(&mut run.findings);
                run = engine::finish(all, run.summary, &config.settings);
            }
            run.findings = config.filter(std::mem::take(&mut run.findings), today);
            (g, scope, run)
        })
        .collect();
    for (group, scope, run) in runs {
        let (i, tenant) = (group.config, group.tenant);
        // Only the paths findings point at: `failing` asks nothing else.
        let threshold = resolver.configs[i].fail_on.threshold();
        for f in &group.walk {
            thresholds.insert(f.location.path.clone(), threshold);
        }
        let filtered = run.findings;
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
        // Configurations inside one tenant make one scorecard.
        for mut facts in run.summary.jit {
            let name = scope.as_ref().map(|s| s.name.clone());
            match summary
                .jit
                .iter_mut()
                .find(|f| f.tenant.as_ref().map(|s| &s.name) == name.as_ref())
            {
                Some(same) => {
                    if let (Some(a), Some(b)) = (&mut same.tenant, &scope) {
                        let mut files = (*a.files).clone();
                        files.extend(b.files.iter().cloned());
                        a.files = Arc::new(files);
                    }
                    same.merge(facts);
                }
                None => {
                    facts.tenant = scope.clone();
                    summary.jit.push(facts);
                }
            }
        }
        if scope.is_some() {
            tenants_run.insert(tenant);
        }
        // Counted by tenant: a tenant with two configurations is one tenant.
        for n in run.summary.not_run {
            match not_run.iter_mut().find(|(m, _)| *m == n) {
                Some((_, missed)) => {
                    missed.insert(tenant);
                }
                None => not_run.push((n, HashSet::from([tenant]))),
            }
        }
    }
    // In a run over several tenants, say how many each check missed.
    summary.not_run = not_run
        .into_iter()
        .map(|(mut n, missed)| {
            if tenants_run.len() > 1 {
                n.reason = format!(
                    "{} (in {} of {} tenants)",
                    n.reason,
                    missed.len(),
                    tenants_run.len()
                );
            }
            n
        })
        .collect();
    Ok(Linted {
        run: engine::finalize(findings, summary),
        thresholds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_run_holds_files_of_one_folder() {
        let paths: Vec<&Path> = [
            "a/x.json",
            "a/y.json",
            "a/b/z.json",
            "a/w.json",
            "x.json",
            "y.json",
            "a/./q.json",
            "a//r.json",
            "a/..",
            "/t.json",
            "/u.json",
            "a/b/..",
            "a/b/c",
            "./a/d.json",
            "a/e.json",
        ]
        .iter()
        .map(Path::new)
        .collect();
        let runs = folder_runs(&paths);
        assert_eq!(
            runs.iter().map(|(r, _)| r.len()).sum::<usize>(),
            paths.len()
        );
        for (files, dir) in &runs {
            for &p in &paths[files.clone()] {
                assert_eq!(p.parent().unwrap_or(Path::new("")), *dir, "{}", p.display());
            }
        }
        assert_eq!(runs[0].0, 0..2);
        assert_eq!(runs[2].0, 3..4);
        assert_eq!(runs[3].0, 4..6);
    }
}
