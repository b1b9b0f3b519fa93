//! APP205 app-mam-upn-value: `IntuneMAMUPN` is not `{{userprincipalname}}` of type string.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::visible;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "APP205",
    check: Check::Tenant(check),
};

pub const MAM_UPN: &str = "IntuneMAMUPN";
const TOKEN: &str = "{{userprincipalname}}";

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for c in &t.app_configs {
        for s in &c.settings {
            if !s.key.value.trim().eq_ignore_ascii_case(MAM_UPN) {
                continue;
            }
            let finding = |message: String, loc: &intune_lint_core::location::Loc| {
                Finding::new("APP205", message, loc.clone())
                    .with_object(Some(c.policy.object.clone()))
            };
            if s.key.value != MAM_UPN {
                out.push(
                    finding(
                        format!(
                            "the key is written `{}`; apps read exactly `{MAM_UPN}`",
                            visible(&s.key.value)
                        ),
                        &s.key.loc,
                    )
                    .with_help(format!("write the key as `{MAM_UPN}`")),
                );
            }
            if let Some(ty) = &s.key_type
                && !ty.value.trim().eq_ignore_ascii_case("stringType")
            {
                out.push(
                    finding(
                        format!(
                            "`{MAM_UPN}` is declared as `{}`; it must be a string",
                            visible(&ty.value)
                        ),
                        &ty.loc,
                    )
                    .with_help("set the value type to String"),
                );
            }
            match &s.value {
                // Microsoft's pages write the token both `{{userprincipalname}}` and
                // `{{UserPrincipalName}}`: the case is not what breaks it.
                Some(v) if v.value.eq_ignore_ascii_case(TOKEN) => {}
                Some(v) => out.push(
                    finding(
                        format!(
                            "`{MAM_UPN}` is `{}`; on Intune-enrolled devices it must be the token `{TOKEN}`, so each device reports its enrolled user",
                            visible(&v.value)
                        ),
                        &v.loc,
                    )
                    .with_help(format!("set the value to `{TOKEN}`")),
                ),
                None => out.push(
                    finding(format!("`{MAM_UPN}` has no value"), &s.key.loc)
                        .with_help(format!("set the value to `{TOKEN}`")),
                ),
            }
        }
    }
}
