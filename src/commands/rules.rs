//! `intune-lint rules`: the rule list.

use crate::cli::{ListFormat, RulesArgs};
use serde_json::json;

pub fn run(args: RulesArgs) -> Result<u8, String> {
    let catalog = intune_lint_rules::catalog();
    match args.format {
        ListFormat::Human => {
            let mut text = String::new();
            for m in catalog {
                text.push_str(&format!(
                    "{:<7} {:<44} {:<8} {}\n",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.summary
                ));
            }
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
