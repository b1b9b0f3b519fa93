//! APP: apps, app configuration and app protection (Microsoft Authenticator, IntuneMAMUPN).

mod app201_authenticator_missing;
mod app202_authenticator_not_required;
mod app203_authenticator_uninstall;
mod app204_mam_upn_missing;
mod app205_mam_upn_value;
mod app206_company_portal_config_after_modern_auth;
mod app207_config_value_type;
mod app208_mam_oid_device_id_missing;
mod app209_authenticator_licensing;
mod app210_authenticator_required_elsewhere;

use intune_lint_core::rule::Rule;

pub const RULES: &[Rule] = &[
    app201_authenticator_missing::RULE,
    app202_authenticator_not_required::RULE,
    app203_authenticator_uninstall::RULE,
    app204_mam_upn_missing::RULE,
    app205_mam_upn_value::RULE,
    app206_company_portal_config_after_modern_auth::RULE,
    app207_config_value_type::RULE,
    app208_mam_oid_device_id_missing::RULE,
    app209_authenticator_licensing::RULE,
    app210_authenticator_required_elsewhere::RULE,
];
