//! ENR: enrollment profiles (automated device enrollment, enrollment types).

mod enr301_ade_company_portal_auth;
mod enr302_ade_legacy_setup_assistant;
mod enr303_ade_auth_ambiguous;
mod enr304_user_enrollment_device_target;
mod enr305_shared_ipad;

use intune_lint_core::rule::Rule;

pub const RULES: &[Rule] = &[
    enr301_ade_company_portal_auth::RULE,
    enr302_ade_legacy_setup_assistant::RULE,
    enr303_ade_auth_ambiguous::RULE,
    enr304_user_enrollment_device_target::RULE,
    enr305_shared_ipad::RULE,
];
