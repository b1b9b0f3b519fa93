//! EXP906 exp-unreadable: a file that cannot be read or exceeds the size limit; reported by the loader and the walker (core/src/document.rs, core/src/engine.rs).

use intune_lint_core::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    code: "EXP906",
    check: Check::Loader,
};
