//! `intune-lint init`'s starter: every commented setting works when uncommented where it
//! stands, alone or all together (a key that lands under the wrong `[table]` fails).

use intune_lint_core::config::{CliOverrides, Config, STARTER};

/// A commented line that is TOML, not prose: `# key = value` or `# [table]`.
fn is_setting(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("# ") else {
        return false;
    };
    rest.starts_with('[')
        || rest.split_once(" = ").is_some_and(|(k, _)| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_\"*/.".contains(c))
        })
}

/// The settings, as line ranges: one line each, except a commented `[table]` header, which
/// goes with the commented keys below it (`[[overrides]]` and its keys are one setting).
fn blocks(lines: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_setting(lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if lines[start].starts_with("# [") {
            while i < lines.len() && is_setting(lines[i]) && !lines[i].starts_with("# [") {
                i += 1;
            }
        }
        out.push(start..i);
    }
    out
}

fn uncomment(lines: &[&str], ranges: &[std::ops::Range<usize>]) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if ranges.iter().any(|r| r.contains(&i)) {
                l.strip_prefix("# ").unwrap().to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn load(name: &str, text: &str) -> Result<Config, String> {
    let dir = std::env::temp_dir().join(format!("il-init-{}-{name}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let path = dir.join("sub/intune-lint.toml");
    std::fs::write(&path, text).unwrap();
    // What the starter's `extend = "../intune-lint.toml"` names.
    std::fs::write(dir.join("intune-lint.toml"), "").unwrap();
    let r = Config::load(
        intune_lint_rules::catalog(),
        &path,
        &CliOverrides::default(),
    )
    .map_err(|e| format!("{e}\n--- file ---\n{text}"));
    std::fs::remove_dir_all(&dir).unwrap();
    r
}

#[test]
fn every_commented_setting_works_uncommented_in_place() {
    let lines: Vec<&str> = STARTER.lines().collect();
    let blocks = blocks(&lines);
    // Every documented top-level key and table is offered.
    assert!(blocks.len() >= 14, "{blocks:?}");
    load("as-is", STARTER).unwrap();
    for (n, b) in blocks.iter().enumerate() {
        let text = uncomment(&lines, std::slice::from_ref(b));
        load(&format!("one-{n}"), &text).unwrap();
    }
    let c = load("all", &uncomment(&lines, &blocks)).unwrap();
    assert!(c.waivers.len() == 1 && c.settings.cloud.is_some());
}

#[test]
fn the_starter_offers_every_key() {
    for key in intune_lint_core::config::KEYS {
        assert!(
            STARTER.contains(&format!("# {key} = "))
                || STARTER.contains(&format!("[{key}"))
                || STARTER.contains(&format!("\n{key} = ")),
            "`{key}` is missing from the starter"
        );
    }
}
