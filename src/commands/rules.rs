//! `intune-lint rules`: the rule list.

use crate::cli::{ListFormat, RulesArgs};
use intune_lint_core::catalog::FixSafety;
use serde_json::json;

/// `[*]` safe fix, `[-]` unsafe fix (as `check --statistics` marks them).
fn fix_mark(fix: &FixSafety) -> &'static str {
    match fix {
        FixSafety::Safe => "[*]",
        FixSafety::Unsafe => "[-]",
        FixSafety::None => "",
    }
}

pub fn run(args: RulesArgs) -> Result<u8, String> {
    let catalog = intune_lint_rules::catalog();
    match args.format {
        ListFormat::Human => {
            let mut text = String::new();
            for m in catalog {
                text.push_str(&format!(
                    "{:<7} {:<44} {:<8} {:<3} {}\n",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    fix_mark(&m.fix),
                    m.summary
                ));
            }
            text.push_str("[*] fixable with `--fix`; [-] fixable with `--fix --unsafe-fixes`\n");
            crate::print_out(&text)?;
        }
        ListFormat::Json => {
            let rules: Vec<_> = catalog
                .iter()
                .map(|m| {
                    json!({
                        "code": m.code,
                        "name": m.name,
                        "family": m.family,
                        "severity": m.severity,
                        "summary": m.summary,
                        "applies_to": m.applies_to,
                        "fix": match m.fix {
                            FixSafety::Safe => "safe",
                            FixSafety::Unsafe => "unsafe",
                            FixSafety::None => "none",
                        },
                        "url": m.url(),
                        "sources": m.sources,
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&rules).map_err(|e| e.to_string())?;
            crate::print_out(&format!("{text}\n"))?;
        }
    }
    Ok(0)
}
