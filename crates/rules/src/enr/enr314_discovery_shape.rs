//! ENR314 enr-discovery-shape: the discovery file is not
//! `{"Servers": [{"Version": ..., "BaseURL": ...}]}`.

use intune_lint_core::classify::{Kind, Object};
use intune_lint_core::document::{Document, Part};
use intune_lint_core::finding::Finding;
use intune_lint_core::node::join;
use intune_lint_core::rule::{Check, Rule};
use intune_lint_core::settings::Settings;

pub const RULE: Rule = Rule {
    code: "ENR314",
    check: Check::Document(check),
};

const HELP: &str = r#"write the file as {"Servers":[{"Version":"mdm-byod","BaseURL":"https://manage.microsoft.com/EnrollmentServer/PostReportDeviceInfoForUEV2?aadTenantId=<tenant ID>"}]}"#;

fn check(doc: &Document, objects: &[Object<'_>], _settings: &Settings, out: &mut Vec<Finding>) {
    for o in objects.iter().filter(|o| o.kind == Kind::Discovery) {
        let mut report = |message: String, pointer: &str, part: Part| {
            out.push(Finding::new("ENR314", message, doc.locate(pointer, part)).with_help(HELP));
        };
        if !o.node.is_object() {
            report(
                format!(
                    "the discovery file holds {}, not a JSON object with `Servers`",
                    o.node.type_with_article()
                ),
                &o.pointer,
                Part::Value,
            );
            continue;
        }
        let Some(servers) = o.node.get("Servers") else {
            match o.node.get_ci("Servers") {
                Some((written, _)) => report(
                    format!("`{written}` must be spelled `Servers` (keys are case-sensitive)"),
                    &join(&o.pointer, written),
                    Part::Key,
                ),
                None => report(
                    "the discovery file has no `Servers` array".into(),
                    &o.pointer,
                    Part::Value,
                ),
            }
            continue;
        };
        let servers_ptr = join(&o.pointer, "Servers");
        if !servers.is_array() {
            report(
                format!(
                    "`Servers` is {}, not an array of server entries",
                    servers.type_with_article()
                ),
                &servers_ptr,
                Part::Value,
            );
            continue;
        }
        if servers.items().is_empty() {
            report("`Servers` is empty".into(), &servers_ptr, Part::Value);
        }
        for (i, entry) in servers.items().iter().enumerate() {
            let entry_ptr = join(&servers_ptr, i);
            if !entry.is_object() {
                report(
                    format!(
                        "server entry {i} is {}, not an object with `Version` and `BaseURL`",
                        entry.type_with_article()
                    ),
                    &entry_ptr,
                    Part::Value,
                );
                continue;
            }
            for key in ["Version", "BaseURL"] {
                match entry.get(key) {
                    Some(v) if v.as_str().is_some() => {}
                    Some(v) => report(
                        format!("`{key}` is {}, not a string", v.type_with_article()),
                        &join(&entry_ptr, key),
                        Part::Value,
                    ),
                    None => match entry.get_ci(key) {
                        Some((written, _)) => report(
                            format!(
                                "`{written}` must be spelled `{key}` (keys are case-sensitive)"
                            ),
                            &join(&entry_ptr, written),
                            Part::Key,
                        ),
                        None => report(
                            format!("server entry {i} has no `{key}`"),
                            &entry_ptr,
                            Part::Value,
                        ),
                    },
                }
            }
        }
    }
}
