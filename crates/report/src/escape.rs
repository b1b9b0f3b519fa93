//! Untrusted text in text output: an export's keys, values, display names and file names
//! come from outside the repository's trust boundary and must never become a terminal
//! escape or a CI command. Every text renderer (human, concise, github, azure, junit) and
//! the CLI's own messages pass such text through [`text`] (or [`inline`] inside a CI
//! command, then that service's escaping: [`github_data`], [`azure_property`], ...); JSON
//! and SARIF keep the data exact and only hide the command prefixes ([`json`]).
//!
//! What the CI services treat as a command (docs/output-formats.md has the sources):
//! - GitHub Actions: a line that starts with `::` once leading whitespace is trimmed
//!   (workflow commands), and `##[` anywhere in a line (the runner's older syntax, which
//!   it still parses when a line is not a `::` command).
//!   <https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions>
//! - Azure Pipelines: `##vso[` (logging commands) and `##[` (formatting commands)
//!   anywhere in a line.
//!   <https://learn.microsoft.com/azure/devops/pipelines/scripts/logging-commands>
//!
//! Both split lines at CR and LF, so a raw newline in a field would start a fresh line the
//! export controls; and a raw ESC, BEL or bidi override would drive the terminal or hide
//! text from the reader. Hence: control characters are shown as escapes (`\n`, `\u001b`),
//! `[` after `##` or `##vso` gets a backslash, and a leading `::` gets one too.

use std::borrow::Cow;
use std::io::Write;

/// Whether `c` is shown as an escape: C0 and C1 controls, DEL, the bidi embeddings,
/// overrides, isolates and marks, the Unicode line and paragraph separators, and the
/// characters that render as nothing (zero-width space, joiners, word joiner, BOM, soft
/// hyphen): a key that differs from the right one by a zero-width space would otherwise
/// look identical to it in the report.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FEFF}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `out` ends with a CI command prefix, so that a `[` now would complete one.
fn ends_with_command_prefix(out: &str) -> bool {
    let b = out.as_bytes();
    // The Azure agent's matching is not documented as case-sensitive: assume it is not.
    b.ends_with(b"##") || (b.len() >= 5 && b[b.len() - 5..].eq_ignore_ascii_case(b"##vso"))
}

/// Appends `c` to `out`, escaped as [`text`] does (without the leading-`::` rule).
pub fn push_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_hidden(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
        '[' if ends_with_command_prefix(out) => out.push_str("\\["),
        c => out.push(c),
    }
}

fn needs_work(s: &str) -> bool {
    s.contains("##") || s.chars().any(is_hidden)
}

/// One untrusted field, safe to print on a line of text output: control characters
/// visible, `##[` and `##vso[` broken (`##vso\[`), and a leading `::` broken (`\::`).
pub fn text(s: &str) -> Cow<'_, str> {
    match inline(s) {
        Cow::Borrowed(b) if !b.trim_start().starts_with("::") => Cow::Borrowed(b),
        other => Cow::Owned(break_leading_colons(other.into_owned())),
    }
}

/// [`text`] for a field that never starts a line (inside a CI command, whose own
/// escaping then applies): a leading `::` stays, as it cannot start a command there.
pub fn inline(s: &str) -> Cow<'_, str> {
    if !needs_work(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_char(&mut out, c);
    }
    Cow::Owned(out)
}

/// [`text`] of at most `max` characters of `s`, with `…` when it was cut: a value can be
/// megabytes, and a report shows it for every finding that quotes it.
pub fn capped(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => text(s),
        Some((cut, _)) => Cow::Owned(format!("{}…", text(&s[..cut]))),
    }
}

/// A line already free of control characters (the human renderer's output, which wraps
/// long messages): a leading `::` could still start it.
pub fn line(s: &str) -> Cow<'_, str> {
    if s.trim_start().starts_with("::") {
        Cow::Owned(break_leading_colons(s.to_string()))
    } else {
        Cow::Borrowed(s)
    }
}

fn break_leading_colons(mut s: String) -> String {
    let trimmed = s.trim_start();
    if trimmed.starts_with("::") {
        let at = s.len() - trimmed.len();
        s.insert(at, '\\');
    }
    s
}

/// A GitHub workflow command's message: [`inline`], then `%`, CR and LF percent-encoded
/// (the runner unescapes `%25`, `%0D`, `%0A`; actions/toolkit `escapeData`).
pub fn github_data(s: &str) -> String {
    inline(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A GitHub workflow command's property: as [`github_data`], plus `:` and `,`, which
/// delimit properties (actions/toolkit `escapeProperty`).
pub fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// An Azure Pipelines logging command's message: [`inline`], then `%` as `%AZP25`
/// (first), CR as `%0D` and LF as `%0A` (the documented formatting rules).
pub fn azure_data(s: &str) -> String {
    inline(s)
        .replace('%', "%AZP25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// An Azure Pipelines logging command's property: as [`azure_data`], plus `;` as `%3B`
/// and `]` as `%5D`, which end a property and the property list.
pub fn azure_property(s: &str) -> String {
    azure_data(s).replace(']', "%5D").replace(';', "%3B")
}

/// Serialized JSON (JSON, SARIF) made safe to print without changing the data: `[`
/// after `##` or `##vso` is written `\u005b`, and bidi controls (which serde_json leaves
/// raw) as `\u` escapes too. Outside strings JSON holds only ASCII punctuation, so these
/// only ever occur inside strings, where the escapes are valid.
pub fn json(bytes: Vec<u8>) -> Vec<u8> {
    // serde_json writes UTF-8; anything else is passed on as it is.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return e.into_bytes(),
    };
    // serde_json escapes only C0 controls inside strings (not DEL or C1); tab, CR and LF
    // elsewhere are the layout's whitespace.
    let hidden = |c: char| is_hidden(c) && !matches!(c, '\n' | '\r' | '\t');
    // Printable ASCII needs no look at characters (a byte test the compiler vectorizes).
    let plain = |b: u8| (0x20..0x7f).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t');
    if !text.contains("##") && (text.bytes().all(plain) || !text.chars().any(hidden)) {
        return text.into_bytes();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if (c == '[' && ends_with_command_prefix(&out)) || hidden(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into_bytes()
}

/// Writes pretty-printed JSON through [`json`] as it comes, a block of whole lines at a
/// time, so a big report is never held twice. Pretty JSON breaks lines only between
/// tokens, never inside a string, and a line starts with indentation or punctuation: so
/// escaping line blocks one by one gives exactly what escaping the whole text gives.
pub struct JsonWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

/// How much pretty JSON to gather before escaping a block of it.
const JSON_BLOCK: usize = 64 * 1024;

impl<W: Write> JsonWriter<W> {
    pub fn new(inner: W) -> Self {
        JsonWriter {
            inner,
            pending: Vec::with_capacity(JSON_BLOCK * 2),
        }
    }

    /// Writes what is left; call once serialization is done.
    pub fn finish(mut self) -> std::io::Result<W> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.write_all(&json(rest))?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for JsonWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= JSON_BLOCK
            && let Some(end) = self.pending.iter().rposition(|&b| b == b'\n')
        {
            let rest = self.pending.split_off(end + 1);
            let block = std::mem::replace(&mut self.pending, rest);
            self.inner.write_all(&json(block))?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_written_in_blocks_is_escaped_as_a_whole() {
        let value: Vec<String> = (0..20_000)
            .map(|i| format!("v{i} ##[error] ##vso[task] \u{202E}x ##"))
            .collect();
        let pretty = serde_json::to_vec_pretty(&value).unwrap();
        let whole = json(pretty.clone());
        let mut w = JsonWriter::new(Vec::new());
        // Uneven writes, as a serializer makes them.
        for chunk in pretty.chunks(7) {
            w.write_all(chunk).unwrap();
        }
        let blocks = w.finish().unwrap();
        assert!(pretty.len() > 4 * JSON_BLOCK);
        assert_eq!(blocks, whole);
        assert!(!String::from_utf8(blocks).unwrap().contains("##["));
    }

    #[test]
    fn controls_become_visible() {
        assert_eq!(
            text("a\nb\r\tc\u{1b}[31m\u{7}"),
            "a\\nb\\r\\tc\\u001b[31m\\u0007"
        );
        assert_eq!(text("x\u{202E}y\u{2066}\u{85}"), "x\\u202ey\\u2066\\u0085");
        assert_eq!(
            text("device_registration\u{200B} \u{FEFF}x\u{2060}"),
            "device_registration\\u200b \\ufeffx\\u2060"
        );
        assert_eq!(text("plain ümlaut “quotes”"), "plain ümlaut “quotes”");
        assert!(matches!(text("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn commands_are_broken() {
        assert_eq!(
            text("k ##vso[task.complete result=Succeeded;]x"),
            "k ##vso\\[task.complete result=Succeeded;]x"
        );
        assert_eq!(text("##VSO[x] ##[error]e"), "##VSO\\[x] ##\\[error]e");
        assert_eq!(text("::error::pwned"), "\\::error::pwned");
        assert_eq!(text("  ::add-mask::x"), "  \\::add-mask::x");
        assert_eq!(text("a::b"), "a::b");
        // A newline cannot smuggle a command onto a line of its own.
        assert_eq!(text("x\n::error::y"), "x\\n::error::y");
        assert_eq!(line("   ::stop-commands::t"), "   \\::stop-commands::t");
        assert_eq!(line("  │ ::x"), "  │ ::x");
    }

    #[test]
    fn long_values_are_cut() {
        assert_eq!(capped("abcdef", 3), "abc…");
        assert_eq!(capped("ab\n", 3), "ab\\n");
        assert_eq!(capped(&"é".repeat(10_000), 2), "éé…");
    }

    #[test]
    fn service_escapes() {
        assert_eq!(github_data("50% a\r\nb: c,d"), "50%25 a\\r\\nb: c,d");
        assert_eq!(github_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            github_property("::error::x\u{1b}"),
            "%3A%3Aerror%3A%3Ax\\u001b"
        );
        assert_eq!(github_data("##[set-env]"), "##\\[set-env]");
        assert_eq!(azure_data("100% \r\n]"), "100%AZP25 \\r\\n]");
        assert_eq!(azure_property("a;b]c%"), "a%3Bb%5Dc%AZP25");
        assert_eq!(
            azure_data("k ##vso[task.complete result=Succeeded;]"),
            "k ##vso\\[task.complete result=Succeeded;]"
        );
    }

    #[test]
    fn json_keeps_the_data() {
        let v = serde_json::json!({"k": "##vso[task.complete]##[error]##VsO[x \u{202e}"});
        let out = json(serde_json::to_vec(&v).unwrap());
        let s = String::from_utf8(out.clone()).unwrap();
        assert!(!s.to_ascii_lowercase().contains("##vso[") && !s.contains("##["));
        assert!(s.contains("\\u202e"));
        let back: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(back, v);
    }
}
