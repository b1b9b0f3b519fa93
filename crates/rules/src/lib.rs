//! The built-in rules, one file per rule, grouped by family; and the rule catalog parsed
//! from the embedded pages in `rules/`.

mod app;
mod asg;
mod enr;
mod exp;
mod grf;
mod prf;
mod sso;

use intune_lint_core::catalog::{RuleMeta, parse_page};
use intune_lint_core::rule::Rule;
use std::sync::OnceLock;

/// The version of Microsoft's Graph beta typings the GRF rules check against.
pub use intune_lint_graph_schema::TYPINGS_VERSION as GRAPH_TYPINGS_VERSION;

mod pages {
    include!(concat!(env!("OUT_DIR"), "/pages.rs"));
}

/// Every built-in rule, in code order.
pub fn all() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules: Vec<Rule> = [
            sso::RULES,
            exp::RULES,
            app::RULES,
            enr::RULES,
            asg::RULES,
            prf::RULES,
            grf::RULES,
        ]
        .concat();
        rules.sort_by_key(|r| r.code);
        rules
    })
}

/// The metadata of every rule page, in code order. A malformed page is a build defect
/// caught by the test suite, so it panics here rather than being skipped silently.
pub fn catalog() -> &'static [RuleMeta] {
    static CATALOG: OnceLock<Vec<RuleMeta>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut metas: Vec<RuleMeta> = pages::PAGES
            .iter()
            .map(|p| parse_page(p).unwrap_or_else(|e| panic!("bad rule page: {e}")))
            .collect();
        metas.sort_by(|a, b| a.code.cmp(&b.code));
        metas
    })
}

/// A rule's metadata by code or kebab name, any case.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    catalog().iter().find(|m| {
        m.code.eq_ignore_ascii_case(code_or_name) || m.name.eq_ignore_ascii_case(code_or_name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_page_and_every_page_a_rule() {
        let codes: Vec<&str> = all().iter().map(|r| r.code).collect();
        let pages: Vec<&str> = catalog().iter().map(|m| m.code.as_str()).collect();
        assert_eq!(codes, pages);
        for m in catalog() {
            assert!(
                m.name.starts_with(&m.family.to_ascii_lowercase()),
                "{}",
                m.code
            );
            assert!(m.code.starts_with(&m.family), "{}", m.code);
            assert!(!m.sources.is_empty(), "{} cites no source", m.code);
            for h in [
                "## What it checks",
                "## Why it matters",
                "## Bad example",
                "## Good example",
                "## Fix",
                "## Applies to",
                "## References",
            ] {
                assert!(m.body.contains(h), "{} lacks `{h}`", m.code);
            }
        }
    }
}
