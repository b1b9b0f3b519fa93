//! ASG: groups and assignments.

mod asg401_dynamic_rule_mixed;
mod asg403_included_and_excluded;
mod asg404_filter_dangling;

use intune_lint_core::rule::Rule;

pub const RULES: &[Rule] = &[
    asg401_dynamic_rule_mixed::RULE,
    asg403_included_and_excluded::RULE,
    asg404_filter_dangling::RULE,
];
