//! EXP907 exp-expired-waiver: a configuration waiver whose `expires` date has passed; reported by the configuration layer (core/src/config.rs, `Config::filter`).

use intune_lint_core::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    code: "EXP907",
    check: Check::Loader,
};
