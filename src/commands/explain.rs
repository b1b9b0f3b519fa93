//! `intune-lint explain CODE|name`: print a rule's page.

use crate::cli::ExplainArgs;

pub fn run(args: ExplainArgs) -> Result<u8, String> {
    let meta = intune_lint_rules::find(&args.rule).ok_or_else(|| {
        let catalog = intune_lint_rules::catalog();
        let names = catalog
            .iter()
            .flat_map(|m| [m.code.as_str(), m.name.as_str()]);
        match intune_lint_core::config::suggest(&args.rule, names) {
            Some(s) => format!(
                "no rule `{}`\n  help: did you mean `{s}`? (`intune-lint rules` lists every rule)",
                args.rule
            ),
            None => format!("no rule `{}`; `intune-lint rules` lists them", args.rule),
        }
    })?;
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
