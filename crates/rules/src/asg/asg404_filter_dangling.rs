//! ASG404 asg-filter-dangling: a filter type without a filter, or a filter with type none.

use intune_lint_core::finding::Finding;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::tenant::Tenant;

pub const RULE: Rule = Rule {
    code: "ASG404",
    check: Check::Tenant(check),
};

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    for p in t.policies() {
        for target in p.targets() {
            let ty = target
                .filter_type()
                .map(|f| f.value.trim().to_ascii_lowercase());
            let typed = ty.as_deref().is_some_and(|t| t != "none" && !t.is_empty());
            match (target.filter_id(), target.filter_type()) {
                (None, Some(ft)) if typed => out.push(
                    Finding::new(
                        "ASG404",
                        format!(
                            "the assignment to {} has filter type `{}` but no filter id: the filter Intune applies is undefined",
                            t.describe(target),
                            ft.value.trim()
                        ),
                        ft.loc.clone(),
                    )
                    .with_object(Some(p.object.clone()))
                    .with_help("select an assignment filter, or set the filter type to `none`"),
                ),
                (Some(id), _) if !typed => out.push(
                    Finding::new(
                        "ASG404",
                        format!(
                            "the assignment to {} names filter `{}` but its filter type is {}: the filter is ignored",
                            t.describe(target),
                            id.value.trim(),
                            match target.filter_type() {
                                Some(ft) => format!("`{}`", ft.value.trim()),
                                None => "missing".into(),
                            }
                        ),
                        id.loc.clone(),
                    )
                    .with_object(Some(p.object.clone()))
                    .with_help("set the filter type to `include` or `exclude`, or remove the filter id"),
                ),
                _ => {}
            }
        }
    }
}
