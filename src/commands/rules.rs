//! `intune-lint rules`: the rule list.

use crate::cli::{ListFormat, RulesArgs};
use serde_json::json;

pub fn run(args: RulesArgs) -> Result<u8, String> {
    let catalog = intune_lint_rules::catalog();
    match args.format {
        ListFormat::Human => {
            for m in catalog {
                println!(
                    "{:<7} {:<44} {:<8} {}",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.summary
                );
            }
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
                        "url": m.url(),
                        "sources": m.sources,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&rules).map_err(|e| e.to_string())?
            );
        }
    }
    Ok(0)
}
