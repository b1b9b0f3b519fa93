//! `intune-lint completions SHELL` and `intune-lint man`: generated from the same clap
//! definition as the parser, so they cannot drift from the flags.

use crate::cli::{Cli, CompletionsArgs};
use clap::CommandFactory;

pub fn completions(args: CompletionsArgs) -> Result<u8, String> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "intune-lint", &mut out);
    crate::print_out(&String::from_utf8_lossy(&out))?;
    Ok(0)
}

/// The page of the command and one section per subcommand.
pub fn man() -> Result<u8, String> {
    let cmd = Cli::command();
    let mut out = Vec::new();
    let render = |c: clap::Command, out: &mut Vec<u8>| {
        clap_mangen::Man::new(c)
            .render(out)
            .map_err(|e| format!("cannot render the manual page: {e}"))
    };
    render(cmd.clone(), &mut out)?;
    for sub in cmd.get_subcommands() {
        let name = format!("intune-lint-{}", sub.get_name());
        render(sub.clone().display_name(name), &mut out)?;
    }
    crate::print_out(&String::from_utf8_lossy(&out))?;
    Ok(0)
}
