//! EXP901 exp-parse-error: a file that cannot be parsed; reported by the loader with the parser's position (core/src/document.rs).

use intune_lint_core::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    code: "EXP901",
    check: Check::Loader,
};
