//! ASG: groups and assignments.

mod asg401_dynamic_rule_mixed;
mod asg402_include_exclude_mix;
mod asg403_included_and_excluded;
mod asg404_filter_dangling;
mod asg405_jit_no_compliance;
mod asg406_dynamic_device_group_excluded;

use intune_lint_core::rule::Rule;

pub const RULES: &[Rule] = &[
    asg401_dynamic_rule_mixed::RULE,
    asg402_include_exclude_mix::RULE,
    asg403_included_and_excluded::RULE,
    asg404_filter_dangling::RULE,
    asg405_jit_no_compliance::RULE,
    asg406_dynamic_device_group_excluded::RULE,
];
