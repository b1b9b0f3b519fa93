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

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

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

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Concise,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
        }
    }
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
