//! `intune-lint explain CODE|name`: print a rule's page.

use crate::cli::ExplainArgs;

pub fn run(args: ExplainArgs) -> Result<u8, String> {
    let meta = intune_lint_rules::find(&args.rule)
        .ok_or_else(|| format!("no rule `{}`; `intune-lint rules` lists them", args.rule))?;
    crate::print_out(&format!(
        "{}\n\nDefault severity: {}. Fix: {}.\n",
        meta.body.trim_end(),
        meta.severity,
        match meta.fix {
            intune_lint_core::catalog::FixSafety::Safe => "safe",
            intune_lint_core::catalog::FixSafety::Unsafe => "unsafe",
            intune_lint_core::catalog::FixSafety::None => "none",
        }
    ))?;
    Ok(0)
}
