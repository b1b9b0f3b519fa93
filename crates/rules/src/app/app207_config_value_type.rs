//! APP207 app-config-value-type: an app configuration value that doesn't fit its type.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "APP207",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for c in &t.app_configs {
        // Values decoded from `encodedSettingXml` carry the plist's own types.
        for s in c.settings.iter().filter(|s| !s.from_xml) {
            let (Some(ty), Some(v)) = (&s.key_type, &s.value) else {
                continue;
            };
            let value = v.value.as_str();
            let expected = match ty.value.trim() {
                "booleanType" if !matches!(value, "true" | "false") => "`true` or `false`",
                "integerType" if value.parse::<i64>().is_err() => "a whole number",
                "realType" if value.parse::<f64>().is_err() => "a number",
                _ => continue,
            };
            out.push(
                Finding::new(
                    "APP207",
                    format!(
                        "`{}` is declared `{}` but its value `{value}` is not {expected}",
                        s.key.value.trim(),
                        ty.value.trim()
                    ),
                    v.loc.clone(),
                )
                .with_object(Some(c.policy.object.clone()))
                .with_related("the type is declared here", ty.loc.clone())
                .with_help(format!(
                    "write {expected}, or declare the type the app expects"
                )),
            );
        }
    }
}
