//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "intune-lint",
    version,
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
    Check(CheckArgs),
    /// List every rule: code, name, default severity, summary.
    Rules(RulesArgs),
    /// Print a rule's page: what it checks, why, examples, fix, references.
    Explain(ExplainArgs),
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files or folders to lint; `-` for standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format, optionally written to a file: `NAME` or `NAME=PATH`, where NAME is
    /// human (default), concise, json, sarif, github, azure or junit. Repeat it to write
    /// several from one run (`--format human --format sarif=out.sarif`); at most one may go
    /// to standard output (no `=PATH`, or `=-`).
    #[arg(
        long,
        value_name = "NAME[=PATH]",
        value_parser = parse_format,
        default_value = "human",
        hide_default_value = true,
        action = clap::ArgAction::Append,
    )]
    pub format: Vec<FormatSpec>,

    /// Lowest severity that makes the run fail (exit status 1).
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,

    /// The file name to report (and to pick the format by) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Files larger than this many bytes are reported (EXP906), not read.
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// Never color the output (also: the NO_COLOR environment variable).
    #[arg(long)]
    pub no_color: bool,
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

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
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
