//! Configuration files: `intune-lint.toml` / `.intune-lint.toml`.
//!
//! Three layers, as in ruff: [`Options`] is what one file says (serde, kebab-case,
//! unknown keys refused); `extend` chains files explicitly; [`Config`] is the resolved
//! result for one directory: a [`Settings`] plus the path filters (exclude,
//! per-file-ignores, pointer overrides) and the waivers. The nearest configuration file
//! above a linted file wins, with no implicit merge; command-line flags
//! ([`CliOverrides`]) override every file.

use crate::catalog::RuleMeta;
use crate::finding::{Finding, Severity};
use crate::location::{LineIndex, Location};
use crate::settings::{Cloud, Settings};
use globset::{GlobBuilder, GlobMatcher};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// Looked for in each directory, the first one found wins (ruff's order: hidden first).
pub const CONFIG_FILE_NAMES: [&str; 2] = [".intune-lint.toml", "intune-lint.toml"];

/// Files and folders that are never exports, excluded unless a configuration sets
/// `exclude` (which replaces this list, as in ruff; `extend-exclude` adds to it). Editor,
/// package-manager and CI files sit at the root of the repositories exports live in, and
/// are JSON with comments or multi-document YAML that would only raise EXP901.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    ".vscode",
    ".idea",
    ".github",
    ".gitlab",
    ".azuredevops",
    ".devcontainer",
    "node_modules",
    ".venv",
    "venv",
    "package.json",
    "package-lock.json",
    "tsconfig*.json",
    "jsconfig*.json",
    ".eslintrc*",
    ".prettierrc*",
    "renovate.json",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    "azure-pipelines*.yml",
    "azure-pipelines*.yaml",
    ".gitlab-ci.yml",
    "bitbucket-pipelines.yml",
    "docker-compose*.yml",
    "docker-compose*.yaml",
    "*.code-workspace",
];

/// The code of the "waiver has expired" rule.
pub const EXPIRED_WAIVER: &str = "EXP907";

/// Every top-level key the parser accepts (the JSON Schema is tested against this).
pub const KEYS: &[&str] = &[
    "extend",
    "select",
    "extend-select",
    "ignore",
    "severity",
    "fail-on",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "overrides",
    "waivers",
    "cloud",
    "max-file-size",
    "microsoft-bundle-ids",
    "allowed-bundle-ids",
];

/// One configuration file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    pub extend: Option<Spanned<String>>,
    pub select: Option<Vec<Spanned<String>>>,
    pub extend_select: Option<Vec<Spanned<String>>>,
    pub ignore: Option<Vec<Spanned<String>>>,
    pub severity: Option<BTreeMap<Spanned<String>, Level>>,
    pub fail_on: Option<FailOn>,
    pub exclude: Option<Vec<Spanned<String>>>,
    pub extend_exclude: Option<Vec<Spanned<String>>>,
    pub per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    pub overrides: Option<Vec<OverrideOptions>>,
    pub waivers: Option<BTreeMap<Spanned<String>, Spanned<WaiverOptions>>>,
    pub cloud: Option<Cloud>,
    pub max_file_size: Option<u64>,
    pub microsoft_bundle_ids: Option<Vec<String>>,
    pub allowed_bundle_ids: Option<Vec<String>>,
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// The lowest severity that fails a run; `never` always exits 0 on findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The threshold; `None` for `never`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// `[[overrides]]`: ignore rules below a JSON Pointer in the files a glob matches
/// (Spectral's `file#/pointer`; `files = "x/*.json#/pointer"` works too).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideOptions {
    pub files: Spanned<String>,
    pub pointer: Option<String>,
    pub ignore: Vec<Spanned<String>>,
}

/// `[waivers."<object id>"]`: accept findings on one Intune object, for a reason.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WaiverOptions {
    pub reason: Spanned<String>,
    pub expires: Option<Spanned<toml::Value>>,
    /// The rules waived; all when absent.
    pub rules: Option<Vec<Spanned<String>>>,
}

/// A configuration error: exit status 2, shown as `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    /// An error about a whole file (or, with an empty path, the command line).
    fn whole_file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        ConfigError {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = display_path(&self.path);
        // Command-line errors have no file.
        if !shown.is_empty() {
            write!(f, "{shown}")?;
            if let (Some(l), Some(c)) = (self.line, self.column) {
                write!(f, ":{l}:{c}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// A configuration file's text, to turn byte spans into lines for errors.
struct FileText<'a> {
    path: &'a Path,
    text: &'a str,
    lines: LineIndex,
}

impl<'a> FileText<'a> {
    fn new(path: &'a Path, text: &'a str) -> Self {
        FileText {
            path,
            text,
            lines: LineIndex::new(text),
        }
    }

    fn error(&self, span: Option<std::ops::Range<usize>>, message: String) -> ConfigError {
        let pos = span.map(|s| self.lines.line_col(self.text, s.start));
        ConfigError {
            path: self.path.to_path_buf(),
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            message,
            help: None,
        }
    }
}

/// The closest candidate within a small edit distance (optimal string alignment: a swap of
/// two neighbours is one edit; at most a third of the length, at least 2), or one the word
/// begins (`warn` → `warning`). A candidate the word merely begins with is no suggestion
/// (`SSO1O7` means `SSO107`, not the family `SSO`).
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let cl = c.to_ascii_lowercase();
            let prefix = lower.len() >= 3 && cl.starts_with(&lower);
            (
                if prefix {
                    1
                } else {
                    strsim::osa_distance(&lower, &cl)
                },
                c,
            )
        })
        .filter(|(d, _)| *d <= (word.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// A "did you mean" for serde's "unknown field `x`, expected one of `a`, `b`" and
/// "unknown variant" messages.
fn suggestion_for(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (word, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty())
        .collect();
    suggest(word, expected.iter().copied()).map(|s| format!("did you mean `{s}`?"))
}

/// Parses one file's text (no `extend` resolution).
pub fn parse(path: &Path, text: &str) -> Result<Options, ConfigError> {
    let file = FileText::new(path, text);
    toml::from_str::<Options>(text).map_err(|e| {
        let message = e.message().trim().to_string();
        let mut err = file.error(e.span(), message.clone());
        err.help = suggestion_for(&message);
        err
    })
}

/// Rule selectors (`SSO101`, `sso-jit-key-whitespace`, `SSO`, `SSO1`, `ALL`) → codes,
/// with the selector's specificity (ruff's rule: within one layer, the more specific
/// selector wins, so `ignore = ["SSO1"]` with `extend-select = ["SSO107"]` keeps SSO107).
fn select_codes(catalog: &[RuleMeta], selector: &str) -> Option<(Vec<String>, usize)> {
    let s = selector.trim();
    if s.eq_ignore_ascii_case("all") {
        return Some((catalog.iter().map(|m| m.code.clone()).collect(), 0));
    }
    if let Some(m) = catalog
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(s) || m.name.eq_ignore_ascii_case(s))
    {
        return Some((vec![m.code.clone()], usize::MAX));
    }
    let upper = s.to_ascii_uppercase();
    let codes: Vec<String> = catalog
        .iter()
        .filter(|m| !s.is_empty() && m.code.starts_with(&upper))
        .map(|m| m.code.clone())
        .collect();
    (!codes.is_empty()).then_some((codes, upper.len()))
}

/// Codes with the specificity of the selector that named them.
type Codes = BTreeMap<String, usize>;

fn add_codes(out: &mut Codes, (codes, spec): (Vec<String>, usize)) {
    for c in codes {
        let e = out.entry(c).or_insert(spec);
        *e = (*e).max(spec);
    }
}

fn unknown_rule(catalog: &[RuleMeta], selector: &str) -> (String, Option<String>) {
    let mut candidates: Vec<&str> = catalog
        .iter()
        .flat_map(|m| [m.code.as_str(), m.name.as_str(), m.family.as_str()])
        .collect();
    candidates.dedup();
    (
        format!("unknown rule or rule prefix `{selector}`"),
        suggest(selector, candidates)
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some("`intune-lint rules` lists every rule".into())),
    )
}

/// One layer of rule selection, applied in order: base file, extending file, command line.
#[derive(Debug, Clone, Default)]
struct Selection {
    select: Option<Codes>,
    extend_select: Codes,
    ignore: Codes,
}

impl Selection {
    /// Applies this layer to the set of enabled rules.
    fn apply(&self, catalog: &[RuleMeta], enabled: &mut BTreeSet<String>) {
        for m in catalog {
            let on = self
                .select
                .as_ref()
                .and_then(|s| s.get(&m.code))
                .into_iter()
                .chain(self.extend_select.get(&m.code))
                .max();
            let off = self.ignore.get(&m.code);
            let decision = match (on, off) {
                (Some(a), Some(b)) => Some(a > b),
                (Some(_), None) => Some(true),
                (None, Some(_)) => Some(false),
                (None, None) if self.select.is_some() => Some(false),
                (None, None) => None,
            };
            match decision {
                Some(true) => {
                    enabled.insert(m.code.clone());
                }
                Some(false) => {
                    enabled.remove(&m.code);
                }
                None => {}
            }
        }
    }
}

/// Command-line flags, which override every configuration file.
#[derive(Debug, Clone, Default)]
pub struct CliOverrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
    pub max_file_size: Option<u64>,
    pub cloud: Option<Cloud>,
}

impl CliOverrides {
    fn selection(&self, catalog: &[RuleMeta]) -> Result<Selection, String> {
        let codes = |flag: &str, list: &[String]| -> Result<Codes, String> {
            let mut out = Codes::new();
            for s in list.iter().flat_map(|s| s.split(',')).map(str::trim) {
                if s.is_empty() {
                    continue;
                }
                match select_codes(catalog, s) {
                    Some(c) => add_codes(&mut out, c),
                    None => {
                        let (msg, help) = unknown_rule(catalog, s);
                        return Err(format!(
                            "{flag}: {msg}{}",
                            help.map(|h| format!("\n  help: {h}")).unwrap_or_default()
                        ));
                    }
                }
            }
            Ok(out)
        };
        Ok(Selection {
            select: match &self.select {
                Some(list) => Some(codes("--select", list)?),
                None => None,
            },
            extend_select: codes("--extend-select", &self.extend_select)?,
            ignore: codes("--ignore", &self.ignore)?,
        })
    }
}

/// A glob matched against paths relative to the folder of the configuration file that
/// defines it (a file it `extend`s keeps its own folder). A pattern without `/` also
/// matches a file or folder name at any depth (gitignore-like).
#[derive(Debug, Clone)]
struct PathGlob {
    glob: globset::Glob,
    matcher: GlobMatcher,
    any_depth: bool,
    base: PathBuf,
}

impl PathGlob {
    fn new(pattern: &str, base: &Path) -> Result<Self, globset::Error> {
        let trimmed = pattern.trim_start_matches("./");
        let glob = GlobBuilder::new(trimmed.trim_end_matches('/'))
            .literal_separator(true)
            .backslash_escape(false)
            .build()?;
        Ok(PathGlob {
            matcher: glob.compile_matcher(),
            glob,
            any_depth: !trimmed.trim_end_matches('/').contains('/'),
            base: base.to_path_buf(),
        })
    }

    /// Matches the file (absolute path; `given` is the path as the user gave it, used
    /// when the file is outside the glob's folder), or any folder above it, so `legacy`
    /// and `legacy/**` both cover everything inside `legacy/`.
    fn matches(&self, abs: &Path, given: &str) -> bool {
        let rel = match abs.strip_prefix(&self.base) {
            Ok(r) => r.to_string_lossy().replace('\\', "/"),
            Err(_) => given.to_string(),
        };
        self.matches_rel(&rel)
    }

    fn matches_rel(&self, rel: &str) -> bool {
        let mut p = rel;
        loop {
            if self.matcher.is_match(p) {
                return true;
            }
            if self.any_depth
                && let Some((_, name)) = p.rsplit_once('/')
                && self.matcher.is_match(name)
            {
                return true;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return false,
            }
        }
    }
}

/// `exclude` globs compiled into one matcher per folder they are relative to: every walked
/// file is tested against them, and the defaults alone are two dozen globs.
#[derive(Debug, Clone)]
struct ExcludeGroup {
    base: PathBuf,
    /// The patterns, in the order of `all`.
    patterns: Vec<String>,
    /// Every glob, matched against the relative path and the folders above it.
    all: globset::GlobSet,
    /// The globs without `/`, also matched against each of those names alone.
    names: globset::GlobSet,
    name_patterns: Vec<String>,
    /// The globs with a `/`: matched against the whole path, never a name alone.
    rooted: globset::GlobSet,
}

impl ExcludeGroup {
    fn compile(globs: &[PathGlob]) -> Vec<ExcludeGroup> {
        // Consecutive globs share a base (one file's list, then the next file's).
        globs
            .chunk_by(|a, b| a.base == b.base)
            .filter_map(|chunk| {
                let set = |gs: &[&PathGlob]| {
                    let mut b = globset::GlobSetBuilder::new();
                    for g in gs {
                        b.add(g.glob.clone());
                    }
                    let patterns = gs.iter().map(|g| g.glob.glob().to_string()).collect();
                    Some((b.build().ok()?, patterns))
                };
                let all: Vec<&PathGlob> = chunk.iter().collect();
                let names: Vec<&PathGlob> = chunk.iter().filter(|g| g.any_depth).collect();
                let rooted: Vec<&PathGlob> = chunk.iter().filter(|g| !g.any_depth).collect();
                let (all, patterns) = set(&all)?;
                let (names, name_patterns) = set(&names)?;
                let (rooted, _) = set(&rooted)?;
                Some(ExcludeGroup {
                    base: chunk[0].base.clone(),
                    patterns,
                    all,
                    names,
                    name_patterns,
                    rooted,
                })
            })
            .collect()
    }

    /// The path the globs see: relative to the group's folder, or as given outside it.
    fn rel(&self, abs: &Path, given: &str) -> String {
        match abs.strip_prefix(&self.base) {
            Ok(r) => r.to_string_lossy().replace('\\', "/"),
            Err(_) => given.to_string(),
        }
    }

    /// As [`PathGlob::matches`], for the whole group at once: the pattern that matched.
    fn matching(&self, rel: &str) -> Option<&str> {
        let mut p = rel;
        loop {
            if let Some(m) = self.matching_leaf(p) {
                return Some(m);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }

    /// Whether a glob matches `rel` itself or its last name (not a folder above it), as
    /// [`Self::matching_leaf`] finds, with one match per file for the globs without `/`
    /// (the default list is all such): they never match across a `/` but as `**`, which
    /// matches the last name as well.
    fn excludes_leaf(&self, rel: &str) -> bool {
        let name = rel.rsplit_once('/').map_or(rel, |(_, name)| name);
        (!self.rooted.is_empty() && self.rooted.is_match(rel)) || self.names.is_match(name)
    }

    /// The pattern that matches `rel` itself or its last name (not a folder above it).
    fn matching_leaf(&self, rel: &str) -> Option<&str> {
        if let Some(&i) = self.all.matches(rel).first() {
            return Some(&self.patterns[i]);
        }
        let (_, name) = rel.rsplit_once('/')?;
        let &i = self.names.matches(name).first()?;
        Some(&self.name_patterns[i])
    }
}

#[derive(Debug, Clone)]
struct PathRules {
    glob: PathGlob,
    pointer: String,
    codes: BTreeSet<String>,
}

/// An accepted deviation on one object.
#[derive(Debug, Clone)]
pub struct Waiver {
    pub id: String,
    pub reason: String,
    /// `(year, month, day)`.
    pub expires: Option<(i32, u32, u32)>,
    pub codes: Option<BTreeSet<String>>,
    pub location: Location,
}

/// The resolved configuration for the files below one configuration file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from; `None` for the defaults.
    pub path: Option<PathBuf>,
    /// The folder globs are relative to (absolute).
    pub root: PathBuf,
    pub settings: Settings,
    pub fail_on: FailOn,
    exclude: Vec<PathGlob>,
    /// `exclude`, compiled once the configuration is resolved.
    exclude_groups: Vec<ExcludeGroup>,
    path_rules: Vec<PathRules>,
    pub waivers: Vec<Waiver>,
}

/// Today's date in UTC, `(year, month, day)`.
pub fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Howard Hinnant's days-since-epoch → proleptic Gregorian date.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d) && s.trim().len() == 10).then_some((y, m, d))
}

impl Config {
    /// The built-in defaults, globs relative to `root`.
    pub fn defaults(catalog: &[RuleMeta], root: PathBuf) -> Self {
        let exclude: Vec<PathGlob> = DEFAULT_EXCLUDE
            .iter()
            .filter_map(|p| PathGlob::new(p, &root).ok())
            .collect();
        Config {
            path: None,
            root,
            settings: Settings::defaults(catalog),
            fail_on: FailOn::Warning,
            exclude_groups: ExcludeGroup::compile(&exclude),
            exclude,
            path_rules: Vec::new(),
            waivers: Vec::new(),
        }
    }

    /// Loads `path` and the files it extends, then applies the command line.
    pub fn load(
        catalog: &[RuleMeta],
        path: &Path,
        cli: &CliOverrides,
    ) -> Result<Self, ConfigError> {
        let path = crate::paths::absolute(path);
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut config = Config {
            path: Some(path.clone()),
            ..Config::defaults(catalog, root)
        };
        let mut selections = Vec::new();
        let mut chain = Vec::new();
        config.apply_file(catalog, &path, &mut selections, &mut chain)?;
        config
            .finish(catalog, selections, cli)
            .map_err(|message| ConfigError::whole_file(path.clone(), message))?;
        Ok(config)
    }

    /// The defaults with the command line applied (no configuration file).
    pub fn from_cli(
        catalog: &[RuleMeta],
        root: PathBuf,
        cli: &CliOverrides,
    ) -> Result<Self, String> {
        let mut config = Config::defaults(catalog, root);
        config.finish(catalog, Vec::new(), cli)?;
        Ok(config)
    }

    fn finish(
        &mut self,
        catalog: &[RuleMeta],
        mut selections: Vec<(Selection, BTreeMap<String, Level>)>,
        cli: &CliOverrides,
    ) -> Result<(), String> {
        selections.push((cli.selection(catalog)?, BTreeMap::new()));
        let mut enabled: BTreeSet<String> = catalog.iter().map(|m| m.code.clone()).collect();
        let mut levels: BTreeMap<String, Level> = BTreeMap::new();
        for (sel, lv) in selections {
            sel.apply(catalog, &mut enabled);
            levels.extend(lv);
        }
        for m in catalog {
            let severity = match levels.get(&m.code) {
                Some(l) => l.severity(),
                None => Some(m.severity),
            };
            let on = enabled.contains(&m.code) && severity.is_some();
            self.settings.set(&m.code, if on { severity } else { None });
        }
        if let Some(f) = cli.fail_on {
            self.fail_on = f;
        }
        if let Some(c) = cli.cloud {
            self.settings.cloud = Some(c);
        }
        if let Some(m) = cli.max_file_size {
            self.settings.max_file_size = m;
        }
        self.exclude_groups = ExcludeGroup::compile(&self.exclude);
        Ok(())
    }

    /// Applies one file: first what it extends, then its own keys.
    fn apply_file(
        &mut self,
        catalog: &[RuleMeta],
        path: &Path,
        selections: &mut Vec<(Selection, BTreeMap<String, Level>)>,
        chain: &mut Vec<PathBuf>,
    ) -> Result<(), ConfigError> {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if chain.contains(&canonical) {
            return Err(ConfigError::whole_file(
                path.to_path_buf(),
                "`extend` chain loops back to this file",
            ));
        }
        chain.push(canonical);
        use crate::source::{MAX_CONFIG_SIZE, read_setting_file};
        let text = read_setting_file(path, MAX_CONFIG_SIZE).map_err(|e| {
            ConfigError::whole_file(
                path.to_path_buf(),
                format!("cannot read configuration: {e}"),
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        let options = parse(path, &text)?;
        let file = FileText::new(path, &text);
        if let Some(base) = &options.extend {
            let dir = path.parent().unwrap_or(Path::new(""));
            let base_path = crate::paths::normalize(&dir.join(base.get_ref()));
            if std::fs::symlink_metadata(&base_path).is_err() {
                return Err(file.error(
                    Some(base.span()),
                    format!("`extend`: no such file `{}`", base_path.display()),
                ));
            }
            self.apply_file(catalog, &base_path, selections, chain)?;
        }
        self.apply_options(catalog, &file, options, selections)
    }

    fn apply_options(
        &mut self,
        catalog: &[RuleMeta],
        file: &FileText<'_>,
        o: Options,
        selections: &mut Vec<(Selection, BTreeMap<String, Level>)>,
    ) -> Result<(), ConfigError> {
        let codes = |list: &[Spanned<String>]| -> Result<Codes, ConfigError> {
            let mut out = Codes::new();
            for s in list {
                match select_codes(catalog, s.get_ref()) {
                    Some(c) => add_codes(&mut out, c),
                    None => {
                        let (msg, help) = unknown_rule(catalog, s.get_ref());
                        let mut e = file.error(Some(s.span()), msg);
                        e.help = help;
                        return Err(e);
                    }
                }
            }
            Ok(out)
        };
        let base = file.path.parent().unwrap_or(Path::new(""));
        let glob = |p: &Spanned<String>| {
            PathGlob::new(p.get_ref(), base)
                .map_err(|e| file.error(Some(p.span()), format!("bad glob `{}`: {e}", p.get_ref())))
        };
        let selection = Selection {
            select: o.select.as_deref().map(codes).transpose()?,
            extend_select: codes(o.extend_select.as_deref().unwrap_or_default())?,
            ignore: codes(o.ignore.as_deref().unwrap_or_default())?,
        };
        // The more specific selector wins: `SSO = "info"` with `SSO101 = "error"`.
        let mut by_spec = Vec::new();
        for (rule, level) in o.severity.unwrap_or_default() {
            for (c, spec) in codes(std::slice::from_ref(&rule))? {
                by_spec.push((spec, c, level));
            }
        }
        by_spec.sort_by_key(|(spec, _, _)| *spec);
        let levels: BTreeMap<String, Level> = by_spec.into_iter().map(|(_, c, l)| (c, l)).collect();
        let set = |list: &[Spanned<String>]| -> Result<BTreeSet<String>, ConfigError> {
            Ok(codes(list)?.into_keys().collect())
        };
        selections.push((selection, levels));
        if let Some(f) = o.fail_on {
            self.fail_on = f;
        }
        if let Some(list) = &o.exclude {
            self.exclude = list.iter().map(glob).collect::<Result<_, _>>()?;
        }
        for p in o.extend_exclude.iter().flatten() {
            self.exclude.push(glob(p)?);
        }
        if let Some(map) = &o.per_file_ignores {
            for (pattern, rules) in map {
                let (path_part, pointer) = split_pointer(pattern.get_ref());
                self.path_rules.push(PathRules {
                    glob: glob(&Spanned::new(pattern.span(), path_part.to_string()))?,
                    pointer: pointer.to_string(),
                    codes: set(rules)?,
                });
            }
        }
        for ov in o.overrides.unwrap_or_default() {
            let (path_part, pointer) = split_pointer(ov.files.get_ref());
            let pointer = ov.pointer.as_deref().unwrap_or(pointer);
            if !pointer.is_empty() && !pointer.starts_with('/') {
                return Err(file.error(
                    Some(ov.files.span()),
                    format!("override pointer `{pointer}` must start with `/`"),
                ));
            }
            self.path_rules.push(PathRules {
                glob: glob(&Spanned::new(ov.files.span(), path_part.to_string()))?,
                pointer: pointer.trim_end_matches('/').to_string(),
                codes: set(&ov.ignore)?,
            });
        }
        for (id, waiver) in o.waivers.unwrap_or_default() {
            let span = waiver.span();
            let w = waiver.into_inner();
            if w.reason.get_ref().trim().is_empty() {
                return Err(file.error(
                    Some(w.reason.span()),
                    "a waiver's `reason` must not be empty".into(),
                ));
            }
            let expires = match &w.expires {
                None => None,
                Some(v) => {
                    let text = match v.get_ref() {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => {
                            d.to_string()
                        }
                        _ => String::new(),
                    };
                    Some(parse_date(&text).ok_or_else(|| {
                        let mut e = file.error(
                            Some(v.span()),
                            "`expires` must be a date, YYYY-MM-DD".into(),
                        );
                        e.help = Some("write it as `expires = 2026-12-31`".into());
                        e
                    })?)
                }
            };
            let location = Location::in_text(
                display_path(file.path),
                &format!("/waivers/{}", id.get_ref()),
                file.text,
                &file.lines,
                id.span().start..span.end.max(id.span().end),
            );
            self.waivers.push(Waiver {
                id: id.get_ref().trim().to_string(),
                reason: w.reason.into_inner(),
                expires,
                codes: w.rules.as_deref().map(set).transpose()?,
                location,
            });
        }
        if let Some(c) = o.cloud {
            self.settings.cloud = Some(c);
        }
        if let Some(m) = o.max_file_size {
            self.settings.max_file_size = m;
        }
        if let Some(l) = o.microsoft_bundle_ids {
            self.settings.microsoft_bundle_ids = l;
        }
        if let Some(l) = o.allowed_bundle_ids {
            self.settings.allowed_bundle_ids = l;
        }
        Ok(())
    }

    /// The file is excluded by `exclude`.
    /// The `exclude` (or default) glob that excludes the file, for `--show-files`.
    pub fn excluded_by(&self, path: &Path) -> Option<&str> {
        if self.exclude_groups.is_empty() {
            return None;
        }
        let abs = crate::paths::absolute(path);
        let given = path.to_string_lossy().replace('\\', "/");
        self.exclude_groups
            .iter()
            .find_map(|g| g.matching(&g.rel(&abs, &given)))
    }

    /// What the `exclude` globs say of the folder `dir` (as the paths of its files spell
    /// it), for [`ExcludeFolder::excludes`] to judge its files: the folder's absolute path
    /// and the folders above it are matched once, not once per file.
    pub fn exclude_folder(&self, dir: &Path) -> ExcludeFolder<'_> {
        if self.exclude_groups.is_empty() {
            return ExcludeFolder {
                groups: &[],
                rels: Vec::new(),
                excluded: false,
            };
        }
        // As `excluded_by` sees a file of the folder, less the file's name.
        let abs = crate::paths::absolute(&dir.join("x"));
        let abs = abs.parent().unwrap_or(Path::new(""));
        let given = dir.to_string_lossy().replace('\\', "/");
        let rels: Vec<String> = self
            .exclude_groups
            .iter()
            .map(|g| g.rel(abs, &given))
            .collect();
        let excluded = self
            .exclude_groups
            .iter()
            .zip(&rels)
            .any(|(g, rel)| !rel.is_empty() && g.matching(rel).is_some());
        ExcludeFolder {
            groups: &self.exclude_groups,
            rels,
            excluded,
        }
    }

    /// Drops findings that `per-file-ignores`, `overrides` or live waivers accept, and
    /// reports expired waivers (EXP907) when that rule is on.
    pub fn filter(&self, findings: Vec<Finding>, today: (i32, u32, u32)) -> Vec<Finding> {
        let mut abs_cache: HashMap<Arc<str>, PathBuf> = HashMap::new();
        let live: Vec<&Waiver> = self
            .waivers
            .iter()
            .filter(|w| w.expires.is_none_or(|e| e >= today))
            .collect();
        let mut out: Vec<Finding> = findings
            .into_iter()
            .filter(|f| {
                if !self.path_rules.is_empty() {
                    let given = &*f.location.path;
                    let abs = abs_cache
                        .entry(f.location.path.clone())
                        .or_insert_with(|| crate::paths::absolute(Path::new(given)));
                    let ptr = &f.location.pointer;
                    if self.path_rules.iter().any(|r| {
                        r.codes.contains(f.code)
                            && (r.pointer.is_empty()
                                || ptr == &r.pointer
                                || ptr.starts_with(&format!("{}/", r.pointer)))
                            && r.glob.matches(abs, given)
                    }) {
                        return false;
                    }
                }
                let id = f.object.as_ref().and_then(|o| o.id());
                !id.is_some_and(|id| {
                    live.iter().any(|w| {
                        w.id.eq_ignore_ascii_case(id.trim())
                            && w.codes.as_ref().is_none_or(|c| c.contains(f.code))
                    })
                })
            })
            .collect();
        if let Some(severity) = self.settings.severity(EXPIRED_WAIVER) {
            for w in &self.waivers {
                if let Some(e @ (y, m, d)) = w.expires
                    && e < today
                {
                    let mut f = Finding::new(
                        EXPIRED_WAIVER,
                        format!(
                            "the waiver for object `{}` expired on {y:04}-{m:02}-{d:02}; its findings are reported again",
                            w.id
                        ),
                        w.location.clone(),
                    )
                    .with_help(format!(
                        "fix the findings, or renew the waiver with a new `expires` date (reason given: {})",
                        w.reason
                    ));
                    f.severity = severity;
                    out.push(f);
                }
            }
        }
        out
    }
}

/// A configuration file's path as shown in findings: relative to the current folder when
/// it is below it (like the linted files), else absolute.
fn display_path(path: &Path) -> Arc<str> {
    let cwd = std::env::current_dir().unwrap_or_default();
    crate::engine::display_path(path.strip_prefix(&cwd).unwrap_or(path))
}

/// `"glob#/pointer"` → `("glob", "/pointer")`.
fn split_pointer(pattern: &str) -> (&str, &str) {
    match pattern.split_once('#') {
        Some((p, ptr)) => (p, ptr.trim_end_matches('/')),
        None => (pattern, ""),
    }
}

/// Finds and caches the configuration that applies to each file: `--config`, or the
/// nearest configuration file in the file's folder or above, or the defaults.
pub struct Resolver<'a> {
    catalog: &'a [RuleMeta],
    cli: CliOverrides,
    /// `--isolated`: ignore every configuration file.
    isolated: bool,
    pub configs: Vec<Config>,
    fixed: Option<usize>,
    /// A file's folder, as the path spells it → its configuration: asked for every file
    /// of an export, so answered without making the path absolute (the process never
    /// changes its folder, so a spelling names one folder for the whole run).
    by_dir: foldhash::HashMap<std::ffi::OsString, usize>,
    /// Folder → the nearest configuration file at or above it.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Folder → the configuration file in it, looked for ahead ([`Self::look_ahead`]).
    probed: HashMap<PathBuf, Option<PathBuf>>,
    by_file: HashMap<PathBuf, usize>,
    default: Option<usize>,
}

impl<'a> Resolver<'a> {
    pub fn new(
        catalog: &'a [RuleMeta],
        cli: CliOverrides,
        config_file: Option<&Path>,
        isolated: bool,
    ) -> Result<Self, ConfigError> {
        let mut r = Resolver {
            catalog,
            cli,
            isolated,
            configs: Vec::new(),
            fixed: None,
            by_dir: Default::default(),
            nearest: HashMap::new(),
            probed: HashMap::new(),
            by_file: HashMap::new(),
            default: None,
        };
        // Command-line selectors are checked once, before any file.
        r.cli
            .selection(catalog)
            .map_err(|message| ConfigError::whole_file(PathBuf::new(), message))?;
        if let Some(path) = config_file {
            if std::fs::symlink_metadata(path).is_err() {
                return Err(ConfigError::whole_file(
                    path.to_path_buf(),
                    "no such configuration file (`--config`)",
                ));
            }
            r.configs.push(Config::load(catalog, path, &r.cli)?);
            r.fixed = Some(0);
        }
        Ok(r)
    }

    fn default_index(&mut self) -> Result<usize, ConfigError> {
        if let Some(i) = self.default {
            return Ok(i);
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        let c = Config::from_cli(self.catalog, cwd.clone(), &self.cli)
            .map_err(|message| ConfigError::whole_file(PathBuf::new(), message))?;
        self.configs.push(c);
        self.default = Some(self.configs.len() - 1);
        Ok(self.configs.len() - 1)
    }

    /// The nearest configuration file at or above `dir` (absolute). Memoized per folder
    /// all the way up: a tenant export has thousands of folders under one root, and each
    /// ancestor is looked at once, not once per folder below it.
    fn find_file(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.nearest.get(dir) {
            return found.clone();
        }
        let here = match self.probed.remove(dir) {
            Some(here) => here,
            None => config_file_in(dir),
        };
        let found = here.or_else(|| self.find_file(dir.parent()?));
        self.nearest.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// Looks for configuration files in `folders` (as the paths of their files spell
    /// them) and the folders above them, on every core, ahead of [`Self::for_path`], which
    /// asks folder by folder: one look per folder and name took a 20,000-file export's
    /// main thread 10 ms before any file was read.
    pub fn look_ahead(&mut self, folders: &[&Path]) {
        use rayon::prelude::*;
        if self.fixed.is_some() || self.isolated {
            return;
        }
        let mut seen = std::collections::HashSet::new();
        let mut dirs: Vec<PathBuf> = Vec::new();
        for d in folders {
            if self.by_dir.contains_key(d.as_os_str()) || !seen.insert(*d) {
                continue;
            }
            // As `for_path` names the folder: the absolute path of a file in it, less the
            // file; then the folders above it, up to one already known.
            let abs = crate::paths::absolute(&d.join("x"));
            for a in abs.ancestors().skip(1) {
                if self.nearest.contains_key(a) || self.probed.contains_key(a) {
                    break;
                }
                self.probed.insert(a.to_path_buf(), None);
                dirs.push(a.to_path_buf());
            }
        }
        let found: Vec<Option<PathBuf>> = dirs.par_iter().map(|d| config_file_in(d)).collect();
        self.probed.extend(dirs.into_iter().zip(found));
    }

    /// The index (into `configs`) of the configuration for a file (or, for standard
    /// input, for a name relative to the current folder).
    pub fn for_path(&mut self, path: &Path) -> Result<usize, ConfigError> {
        if let Some(i) = self.fixed {
            return Ok(i);
        }
        if self.isolated {
            return self.default_index();
        }
        let spelled = path.parent().unwrap_or(Path::new("")).as_os_str();
        if let Some(&i) = self.by_dir.get(spelled) {
            return Ok(i);
        }
        let abs = crate::paths::absolute(path);
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let i = match self.find_file(&dir) {
            Some(file) => match self.by_file.get(&file) {
                Some(&i) => i,
                None => {
                    self.configs
                        .push(Config::load(self.catalog, &file, &self.cli)?);
                    let i = self.configs.len() - 1;
                    self.by_file.insert(file, i);
                    i
                }
            },
            None => self.default_index()?,
        };
        self.by_dir.insert(spelled.to_os_string(), i);
        Ok(i)
    }
}

/// The configuration file in `dir` itself. Whatever has the name counts, so a folder, a
/// FIFO or a dangling link named like a configuration is an error when loaded, not
/// silently skipped.
fn config_file_in(dir: &Path) -> Option<PathBuf> {
    CONFIG_FILE_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| std::fs::symlink_metadata(p).is_ok())
}

/// The `exclude` globs' answer for one folder ([`Config::exclude_folder`]).
pub struct ExcludeFolder<'c> {
    groups: &'c [ExcludeGroup],
    /// The folder as each group's globs see it ("" for the group's own folder).
    rels: Vec<String>,
    /// A glob matches the folder or a folder above it.
    excluded: bool,
}

impl ExcludeFolder<'_> {
    /// Whether `exclude` drops `file`, a file of this folder: what
    /// [`Config::excluded_by`] says, with the folders' part already known.
    pub fn excludes(&self, file: &Path) -> bool {
        if self.excluded {
            return true;
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        self.groups.iter().zip(&self.rels).any(|(g, rel)| {
            if rel.is_empty() {
                g.excludes_leaf(&name)
            } else {
                g.excludes_leaf(&format!("{rel}/{name}"))
            }
        })
    }
}

/// A starter configuration, every key explained (`intune-lint init`).
pub const STARTER: &str = r#"# intune-lint configuration. The nearest intune-lint.toml above a linted file applies;
# command-line flags override it. Reference: docs/configuration.md
# Editor completion: docs/intune-lint.schema.json
# Every commented setting below works when you remove its `#` where it stands (settings
# first, then the tables: a key written under a `[table]` header belongs to that table).

# Inherit another file explicitly (paths are relative to this file).
# extend = "../intune-lint.toml"

# Rules by code (SSO101), name (sso-jit-key-whitespace) or prefix (SSO, EXP9).
# select = ["ALL"]
# extend-select = []
# ignore = ["SSO105"]

# The lowest severity that makes a run fail: error, warning, info or never.
fail-on = "warning"

# Files and folders never linted, on top of the defaults (editor, package-manager and CI
# files such as .vscode/, .github/, node_modules/, package.json, azure-pipelines.yml).
# Globs are relative to this file.
# extend-exclude = ["archive/**"]
# `exclude` replaces the defaults instead; `exclude = []` lints everything.
# exclude = ["archive/**"]

# Microsoft cloud the tenant lives in: public, usgov or china.
# cloud = "public"

# Files larger than this many bytes are reported (EXP906), not read.
# max-file-size = 67108864

# Organization lists: extra bundle IDs to treat as Microsoft apps, and IDs to allow.
# microsoft-bundle-ids = []
# allowed-bundle-ids = []

# Per-rule severity: error, warning, info or off.
[severity]
# SSO105 = "info"

# Rules ignored in some files (glob, optionally `#/json/pointer`).
[per-file-ignores]
# "legacy/**/*.json" = ["SSO107"]

# Rules ignored below a JSON Pointer in some files.
# [[overrides]]
# files = "DeviceConfiguration/*.json"
# pointer = "/iosSingleSignOnExtension/bundleIdAccessControlList"
# ignore = ["SSO107"]

# Accepted deviations on one Intune object (by its id), with a reason and an expiry date.
# [waivers."00000000-0000-0000-0000-000000000000"]
# reason = "Pilot group keeps the old list until the March change window"
# expires = 2026-03-31
# rules = ["SSO107"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Vec<RuleMeta> {
        ["SSO101 sso-jit-key-whitespace", "SSO102 sso-device-registration-value", "EXP907 exp-expired-waiver"]
            .iter()
            .map(|s| {
                let (code, name) = s.split_once(' ').unwrap();
                crate::catalog::parse_page(&format!(
                    "---\ncode: {code}\nname: {name}\nfamily: {}\nseverity: warning\nsummary: s\napplies-to: a\nfix: none\nsources:\n  - x\n---\n",
                    &code[..3]
                ))
                .unwrap()
            })
            .collect()
    }

    #[test]
    fn unknown_keys_are_located_and_suggested() {
        let e = parse(Path::new("c.toml"), "select = []\nignor = [\"SSO\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(1)));
        assert_eq!(e.help.as_deref(), Some("did you mean `ignore`?"));
        let e = parse(Path::new("c.toml"), "[severity]\nSSO101 = \"warn\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.help.as_deref(), Some("did you mean `warning`?"));
    }

    #[test]
    fn suggestions_prefer_the_closest_name() {
        let names = ["SSO", "SSO101", "SSO107", "sso-jit-key-whitespace"];
        assert_eq!(suggest("SSO1O7", names), Some("SSO107"));
        assert_eq!(
            suggest("sso-jit-key-whitspace", names),
            Some("sso-jit-key-whitespace")
        );
        assert_eq!(suggest("ignroe", ["ignore", "select"]), Some("ignore"));
        assert_eq!(suggest("warn", ["warning", "error"]), Some("warning"));
        assert_eq!(suggest("zzz", names), None);
    }

    #[test]
    fn the_parser_accepts_exactly_the_listed_keys() {
        let e = parse(Path::new("c.toml"), "zzz = 1").unwrap_err();
        let listed: BTreeSet<&str> = e.message.split('`').skip(3).step_by(2).collect();
        assert_eq!(listed, KEYS.iter().copied().collect());
    }

    #[test]
    fn selection_layers_and_waivers() {
        let cat = catalog();
        let dir = std::env::temp_dir().join(format!("il-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("base.toml"),
            "ignore = [\"SSO\"]\n[severity]\nEXP907 = \"error\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("intune-lint.toml"),
            "extend = \"base.toml\"\nextend-select = [\"sso-device-registration-value\"]\n[waivers.abc]\nreason = \"r\"\nexpires = 2000-01-01\n",
        )
        .unwrap();
        let c = Config::load(
            &cat,
            &dir.join("intune-lint.toml"),
            &CliOverrides::default(),
        )
        .unwrap();
        assert!(!c.settings.is_enabled("SSO101"));
        assert!(c.settings.is_enabled("SSO102"));
        assert_eq!(c.settings.severity("EXP907"), Some(Severity::Error));
        let out = c.filter(Vec::new(), today());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, "EXP907");
        assert_eq!(out[0].location.start.unwrap().line, 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn dates_and_globs() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        let g = PathGlob::new("legacy", Path::new("/r")).unwrap();
        assert!(g.matches_rel("a/legacy/x.json"));
        let g = PathGlob::new("Device*/*.json", Path::new("/r")).unwrap();
        assert!(g.matches(Path::new("/r/DeviceConfiguration/a.json"), "x"));
        assert!(!g.matches(Path::new("/r/x/DeviceConfiguration/a.json"), "x"));
    }

    #[test]
    fn a_folders_answer_excludes_what_the_whole_path_does() {
        let cat = catalog();
        let dir = std::env::temp_dir().join(format!("il-config-excl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("intune-lint.toml");
        std::fs::write(
            &file,
            "extend-exclude = [\"legacy\", \"Device*/*.json\", \"*.bak.json\", \"a/b\", \"x?.json\", \"**/*.tmp.json\", \"q/**/r\"]\n",
        )
        .unwrap();
        let config = Config::load(&cat, &file, &CliOverrides::default()).unwrap();
        let folders = [
            "",
            "a",
            "a/b",
            "a/b/c",
            "legacy",
            "q/legacy/r",
            "DeviceConfiguration",
            "q/DeviceConfiguration",
            "node_modules/m",
            "q",
        ];
        let names = [
            "p.json",
            "p.bak.json",
            "x1.json",
            "legacy",
            "package.json",
            "p.tmp.json",
            "r",
        ];
        // Inside the configuration's folder, and outside it (the path as given).
        for base in [dir.clone(), PathBuf::from("/elsewhere-il")] {
            for folder in folders {
                let folder = base.join(folder);
                let shared = config.exclude_folder(&folder);
                for name in names {
                    let path = folder.join(name);
                    let whole = config.excluded_by(&path).is_some();
                    assert_eq!(shared.excludes(&path), whole, "{}", path.display());
                }
            }
        }
        assert!(config.excluded_by(&dir.join("q/legacy/r/p.json")).is_some());
        assert!(config.excluded_by(&dir.join("q/p.json")).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn looking_ahead_finds_the_configurations_a_lookup_finds() {
        let cat = catalog();
        let dir = std::env::temp_dir().join(format!("il-config-ahead-{}", std::process::id()));
        for d in ["a/b/c", "a/d", "e"] {
            std::fs::create_dir_all(dir.join(d)).unwrap();
        }
        std::fs::write(dir.join("a/intune-lint.toml"), "ignore = [\"SSO\"]\n").unwrap();
        std::fs::write(dir.join("a/b/c/.intune-lint.toml"), "ignore = [\"EXP\"]\n").unwrap();
        let files: Vec<PathBuf> = [
            "a/x.json",
            "a/b/c/x.json",
            "a/b/x.json",
            "a/d/x.json",
            "e/x.json",
        ]
        .iter()
        .map(|f| dir.join(f))
        .collect();
        let config_files = |ahead: bool| {
            let mut r = Resolver::new(&cat, CliOverrides::default(), None, false).unwrap();
            if ahead {
                let folders: Vec<&Path> = files.iter().filter_map(|f| f.parent()).collect();
                r.look_ahead(&folders);
            }
            let of: Vec<Option<PathBuf>> = files
                .iter()
                .map(|f| {
                    let i = r.for_path(f).unwrap();
                    r.configs[i].path.clone()
                })
                .collect();
            of
        };
        let plain = config_files(false);
        assert_eq!(plain, config_files(true));
        assert_eq!(
            plain[1].as_deref(),
            Some(dir.join("a/b/c/.intune-lint.toml").as_path())
        );
        assert_eq!(
            plain[2].as_deref(),
            Some(dir.join("a/intune-lint.toml").as_path())
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
