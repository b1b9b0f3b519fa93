//! EXP905 exp-encoding: bytes invalid in the detected encoding; reported by the loader (core/src/document.rs).

use intune_lint_core::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    code: "EXP905",
    check: Check::Loader,
};
