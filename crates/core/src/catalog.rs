//! The rule catalog: metadata parsed from the rule pages' front matter.
//!
//! The pages (`rules/<CODE>.md`) are the single source of a rule's name, default
//! severity, summary and sources; the code only refers to rules by their code.

use crate::finding::Severity;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixSafety {
    Safe,
    Unsafe,
    None,
}

#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub code: String,
    pub name: String,
    pub family: String,
    pub severity: Severity,
    pub summary: String,
    pub applies_to: String,
    pub fix: FixSafety,
    pub sources: Vec<String>,
    /// The whole page, front matter stripped.
    pub body: String,
}

/// Where rule pages are published (the same pages `intune-lint explain` prints).
pub const DOCS_BASE: &str = "https://github.com/intune-lint/intune-lint/blob/main/rules";

impl RuleMeta {
    pub fn url(&self) -> String {
        format!("{DOCS_BASE}/{}.md", self.code)
    }

    /// The page's fenced example under `heading` (`Bad example` / `Good example`):
    /// `(language, file name, text)`; `None` without a `file=` (illustrative only).
    pub fn example(&self, heading: &str) -> Option<(String, String, String)> {
        let start = self.body.find(&format!("## {heading}"))?;
        let section = &self.body[start..];
        let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
        let fence = section.find("```")?;
        let info_end = fence + section[fence..].find('\n')?;
        let info = section[fence + 3..info_end].trim();
        let body_end = info_end + section[info_end..].find("\n```")?;
        let mut words = info.split_whitespace();
        let lang = words.next().unwrap_or_default().to_string();
        let rest = info[lang.len()..].trim();
        let file = rest.strip_prefix("file=")?.trim().to_string();
        Some((lang, file, section[info_end + 1..body_end + 1].to_string()))
    }
}

/// Parses one page. Errors name the missing or bad field.
pub fn parse_page(text: &str) -> Result<RuleMeta, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or("page does not start with `---` front matter")?;
    let end = rest
        .find("\n---")
        .ok_or("front matter is not closed by `---`")?;
    let (front, body) = (&rest[..end], &rest[end + 4..]);
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut sources = Vec::new();
    let mut in_sources = false;
    for line in front.lines() {
        let trimmed = line.trim();
        if in_sources && trimmed.starts_with("- ") {
            sources.push(trimmed[2..].trim().to_string());
            continue;
        }
        in_sources = false;
        if trimmed.is_empty() {
            continue;
        }
        let (k, v) = trimmed
            .split_once(':')
            .ok_or_else(|| format!("bad front matter line `{line}`"))?;
        if k.trim() == "sources" {
            in_sources = true;
            continue;
        }
        fields.push((k.trim(), v.trim().to_string()));
    }
    let get = |k: &str| {
        fields
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("front matter lacks `{k}`"))
    };
    let severity = get("severity")?;
    Ok(RuleMeta {
        code: get("code")?,
        name: get("name")?,
        family: get("family")?,
        severity: Severity::parse(&severity)
            .ok_or_else(|| format!("unknown severity `{severity}`"))?,
        summary: get("summary")?,
        applies_to: get("applies-to")?,
        fix: match get("fix")?.as_str() {
            "safe" => FixSafety::Safe,
            "unsafe" => FixSafety::Unsafe,
            "none" => FixSafety::None,
            other => return Err(format!("unknown fix safety `{other}`")),
        },
        sources,
        body: body.trim_start_matches(['\r', '\n']).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_front_matter_and_examples() {
        let page = "---\ncode: X001\nname: x-one\nfamily: X\nseverity: warning\nsummary: S.\napplies-to: all\nfix: none\nsources:\n  - https://a\n  - https://b\n---\n# X001\n## Bad example\n```json file=a/b.json\n{\"k\": 1}\n```\n## Good example\n```text\nno\n```\n";
        let m = parse_page(page).unwrap();
        assert_eq!(m.code, "X001");
        assert_eq!(m.severity, Severity::Warning);
        assert_eq!(m.sources, vec!["https://a", "https://b"]);
        assert_eq!(
            m.example("Bad example"),
            Some(("json".into(), "a/b.json".into(), "{\"k\": 1}\n".into()))
        );
        assert_eq!(m.example("Good example"), None);
        assert!(parse_page("# no front matter").is_err());
    }
}
