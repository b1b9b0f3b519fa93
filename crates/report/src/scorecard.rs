//! The JIT readiness scorecard as plain text (the end of the human output).

use crate::escape;
use intune_lint_core::readiness::{Scorecard, StepResult};

/// Names and details quote the export: long ones are cut.
const MAX_FIELD: usize = 300;

/// Policies listed by name: a tenant has a handful, an MSP export thousands.
const MAX_POLICIES: usize = 50;

/// Codes of a step's findings, deduplicated, in order: `SSO101, SSO108`.
pub fn codes(step: &StepResult) -> String {
    let mut codes: Vec<&str> = Vec::new();
    for f in step.findings.iter() {
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
    }
    codes.join(", ")
}

pub fn text(card: &Scorecard) -> String {
    let mut out = format!(
        "JIT readiness (Microsoft's just-in-time registration checklist): {}\n",
        card.verdict.label()
    );
    for s in &card.steps {
        out.push_str(&format!("  {:<16} {}\n", s.verdict.label(), s.title));
        if !s.detail.is_empty() {
            out.push_str(&format!(
                "  {:<16}   {}",
                "",
                escape::capped(&s.detail, MAX_FIELD)
            ));
            let codes = codes(s);
            if !codes.is_empty() {
                out.push_str(&format!(" ({codes})"));
            }
            out.push('\n');
        }
    }
    for p in card.policies.iter().take(MAX_POLICIES) {
        let name = p.name.as_deref().unwrap_or(&p.path);
        let tenant = match &p.tenant {
            Some(t) => format!(" in {}", escape::capped(t, MAX_FIELD)),
            None => String::new(),
        };
        out.push_str(&format!(
            "  policy \"{}\"{tenant}: {}\n",
            escape::capped(name, MAX_FIELD),
            p.verdict.label()
        ));
    }
    if card.policies.len() > MAX_POLICIES {
        out.push_str(&format!(
            "  ... and {} more policies (the json and html reports list every one)\n",
            card.policies.len() - MAX_POLICIES
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use intune_lint_core::readiness::{PolicyCard, Verdict};

    #[test]
    fn an_msp_scorecard_names_the_first_policies_and_counts_the_rest() {
        let card = Scorecard {
            verdict: Verdict::Problem,
            steps: Vec::new(),
            policies: (0..60)
                .map(|i| PolicyCard {
                    name: Some(format!("SSO {i}")),
                    id: None,
                    path: format!("t{i}/p.json").into(),
                    tenant: Some(format!("t{i}").into()),
                    verdict: Verdict::Ok,
                    steps: Vec::new(),
                })
                .collect(),
        };
        let text = text(&card);
        assert!(text.contains("  policy \"SSO 49\" in t49: ok\n"), "{text}");
        assert!(!text.contains("SSO 50"), "{text}");
        assert!(
            text.ends_with(
                "  ... and 10 more policies (the json and html reports list every one)\n"
            )
        );
    }
}
