//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The version `--version` prints, with the Graph schema the GRF rules check against.
fn version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} (Microsoft Graph beta typings {})",
            env!("CARGO_PKG_VERSION"),
            intune_lint_rules::GRAPH_TYPINGS_VERSION
        )
    })
}

#[derive(Parser)]
#[command(
    name = "intune-lint",
    version = version(),
    about = "Lint Microsoft Intune and Apple configuration exports for the mistakes that break enrollment",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Lint files and folders (recursively); `-` reads standard input.
    Check(Box<CheckArgs>),
    /// List every rule: code, name, default severity, summary.
    Rules(RulesArgs),
    /// Print a rule's page: what it checks, why, examples, fix, references.
    Explain(ExplainArgs),
    /// Write a commented starter `intune-lint.toml` (never overwrites one).
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff); `intune-lint man | man -l -` shows it.
    Man,
}

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    pub shell: clap_complete::Shell,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files or folders to lint; `-` for standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format, optionally written to a file: `NAME` or `NAME=PATH`, where NAME is
    /// human (default), concise, json, sarif, github, azure, junit, html or markdown.
    /// Repeat it to write several from one run (`--format human --format html=report.html`);
    /// at most one may go to standard output (no `=PATH`, or `=-`).
    #[arg(
        long,
        value_name = "NAME[=PATH]",
        value_parser = parse_format,
        default_value = "human",
        hide_default_value = true,
        action = clap::ArgAction::Append,
    )]
    pub format: Vec<FormatSpec>,

    /// Lowest severity that makes the run fail (exit status 1) [default: warning, or the
    /// configuration's `fail-on`].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// The file name to report (and to pick the format by) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Files larger than this many bytes are reported (EXP906), not read.
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// The Microsoft cloud the tenant lives in; rules then accept only its hosts
    /// [default: any documented cloud, or the configuration's `cloud`].
    #[arg(long, value_enum)]
    pub cloud: Option<CloudArg>,

    /// When to color the output: `auto` colors a terminal unless NO_COLOR is set, or
    /// always when FORCE_COLOR or CLICOLOR_FORCE is set (to anything but `0`).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Same as `--color never`.
    #[arg(long, hide = true)]
    pub no_color: bool,

    /// Print the findings only: no summary, no notes.
    #[arg(long, short)]
    pub quiet: bool,

    /// Print how many findings each rule has (fixable ones marked) instead of the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Exit 0 even when there are findings (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// List the files a run would read (and those it skips, and why), then exit.
    #[arg(long)]
    pub show_files: bool,

    /// Audit every file as one tenant. By default a folder holding several tenants'
    /// exports side by side (an MSP export) is audited tenant by tenant.
    #[arg(long)]
    pub single_tenant: bool,

    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Configuration, rule selection, baseline and fix flags of `check`.
#[derive(Args, Default)]
pub struct ConfigArgs {
    /// Use this configuration file for every linted file (no discovery).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file; use the defaults and the command line.
    #[arg(long)]
    pub isolated: bool,

    /// Only these rules (codes, names or prefixes such as `SSO`; comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    /// Rules to enable on top of the selection (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,

    /// Rules to turn off (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Apply `exclude` to files named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,

    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the current findings in this baseline file and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff"])]
    pub write_baseline: Option<PathBuf>,

    /// Apply safe fixes in place, then report what remains.
    #[arg(long)]
    pub fix: bool,

    /// With `--fix` or `--diff`: also apply unsafe fixes (they change policy behaviour).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff instead of writing them (exit 1 when there are
    /// any).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
}

/// One `--format` value: a reporter and where its output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// One of [`intune_lint_report::FORMATS`].
    pub name: &'static str,
    /// `None`: standard output.
    pub path: Option<PathBuf>,
}

/// Parses `NAME` or `NAME=PATH` (`NAME=-` is standard output). The path is everything
/// after the first `=`, so paths may contain `=`.
pub fn parse_format(value: &str) -> Result<FormatSpec, String> {
    let (name, path) = match value.split_once('=') {
        Some((name, path)) => (name, Some(path)),
        None => (value, None),
    };
    let Some(name) = intune_lint_report::FORMATS
        .iter()
        .copied()
        .find(|f| f.eq_ignore_ascii_case(name.trim()))
    else {
        return Err(format!(
            "unknown format `{name}`; valid formats: {}",
            intune_lint_report::FORMATS.join(", ")
        ));
    };
    let path = match path {
        None | Some("-") => None,
        Some("") => return Err(format!("`{name}=` needs a file path after `=`")),
        Some(p) => Some(PathBuf::from(p)),
    };
    Ok(FormatSpec { name, path })
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// Whether to color output going to a terminal (`is_terminal`), given the environment
    /// (`var`): the flag first, then NO_COLOR, then FORCE_COLOR / CLICOLOR_FORCE.
    pub fn enabled(self, is_terminal: bool, var: impl Fn(&str) -> Option<String>) -> bool {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty() && v != "0");
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto if var("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
            ColorWhen::Auto if set("FORCE_COLOR") || set("CLICOLOR_FORCE") => true,
            ColorWhen::Auto => is_terminal,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CloudArg {
    Public,
    Usgov,
    China,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail because of findings.
    Never,
}

#[derive(Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// A rule code (`SSO101`) or name (`sso-jit-key-whitespace`).
    pub rule: String,
}

#[derive(Args)]
pub struct InitArgs {
    /// Where to write the file.
    #[arg(default_value = "intune-lint.toml")]
    pub path: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_values() {
        assert_eq!(
            parse_format("sarif=out/a=b.sarif"),
            Ok(FormatSpec {
                name: "sarif",
                path: Some(PathBuf::from("out/a=b.sarif"))
            })
        );
        assert_eq!(
            parse_format("human"),
            Ok(FormatSpec {
                name: "human",
                path: None
            })
        );
        assert_eq!(parse_format("json=-").unwrap().path, None);
        assert!(parse_format("junit=").is_err());
        let err = parse_format("xml=a").unwrap_err();
        assert!(err.contains("human, concise, json"), "{err}");
    }

    #[test]
    fn color_follows_flag_then_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        use ColorWhen::*;
        assert!(Auto.enabled(true, env(&[])));
        assert!(!Auto.enabled(false, env(&[])));
        assert!(!Auto.enabled(true, env(&[("NO_COLOR", "1")])));
        assert!(Auto.enabled(true, env(&[("NO_COLOR", "")])));
        assert!(Auto.enabled(false, env(&[("FORCE_COLOR", "1")])));
        assert!(Auto.enabled(false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!Auto.enabled(false, env(&[("FORCE_COLOR", "0")])));
        assert!(!Auto.enabled(false, env(&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")])));
        assert!(Always.enabled(false, env(&[("NO_COLOR", "1")])));
        assert!(!Never.enabled(true, env(&[("FORCE_COLOR", "1")])));
    }

    #[test]
    fn help_names_every_format() {
        use clap::CommandFactory;
        let mut cmd = Cli::command();
        let help = cmd
            .find_subcommand_mut("check")
            .unwrap()
            .render_help()
            .to_string();
        for name in intune_lint_report::FORMATS {
            assert!(help.contains(name), "{name} missing from:\n{help}");
        }
    }
}
