//! ASG401 asg-dynamic-rule-mixed: a dynamic membership rule on both users and devices.

use intune_lint_core::finding::{Finding, ObjectRef};
use intune_lint_core::location::Loc;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::Located;
use intune_lint_core::views::tenant::{GroupKind, Tenant, rule_kind};
use std::collections::HashSet;

pub const RULE: Rule = Rule {
    code: "ASG401",
    check: Check::Tenant(check),
};

fn finding(name: Option<&str>, rule: &Located<String, Loc>, object: ObjectRef) -> Finding {
    let group = name.map_or("the group".to_string(), |n| format!("group \"{n}\""));
    Finding::new(
        "ASG401",
        format!(
            "the dynamic membership rule of {group} uses both `user.` and `device.` attributes: a rule can hold users or devices, not both"
        ),
        rule.loc.clone(),
    )
    .with_object(Some(object))
    .with_help("split it into a user group and a device group, each with a rule on its own attributes")
}

fn check(t: &Tenant, _settings: &Settings, out: &mut Vec<Finding>) {
    let mut seen = HashSet::new();
    for g in &t.groups {
        let Some(rule) = &g.membership_rule else {
            continue;
        };
        if g.dynamic && rule_kind(&rule.value) == GroupKind::Mixed {
            out.push(finding(g.name(), rule, g.object.clone()));
        }
        for key in [
            g.id().map(str::to_string),
            g.name()
                .map(|n| format!("name:{}", n.trim().to_lowercase())),
        ]
        .into_iter()
        .flatten()
        {
            seen.insert(key.to_lowercase());
        }
    }
    // IntuneCD copies the rule into each target; report each group once, at its first
    // copy, unless the group object itself is exported.
    let mut copies: Vec<(&Loc, String, &Located<String, Loc>, &str)> = Vec::new();
    for p in t.policies() {
        for target in p.targets() {
            let (Some(rule), Some(key)) = (target.membership_rule(), target.group_key()) else {
                continue;
            };
            if rule_kind(&rule.value) == GroupKind::Mixed && !seen.contains(&key) {
                let name = target.group_name.as_deref().unwrap_or("");
                copies.push((&rule.loc, key, rule, name));
            }
        }
    }
    copies.sort_by(|a, b| a.0.order_key().cmp(&b.0.order_key()));
    for (_, key, rule, name) in copies {
        if seen.insert(key) {
            let object = ObjectRef::new("group".into(), (!name.is_empty()).then_some(name), None);
            out.push(finding((!name.is_empty()).then_some(name), rule, object));
        }
    }
}
