//! The source a human snippet shows: a bounded window around a finding's span, never the
//! whole line. A minified Graph page is one line of megabytes; echoing it would print
//! megabytes per finding (and miette cannot draw a label past column 65,535).
//!
//! Each shown line keeps at most [`CONTEXT_CHARS`] characters either side of the span,
//! with `…` where it was cut; a span longer than [`MAX_SPAN_BYTES`] or
//! [`MAX_SPAN_LINES`] lines shows only its first characters; the lines before and after
//! are shown only when short. Only a bounded neighbourhood of the span is ever scanned, so
//! the cost per finding does not grow with the line. The text is escaped as
//! [`escape::push_char`] does (control characters visible, no CI command prefix; tabs
//! are left to miette, which expands them), and
//! line numbers and the header's column are those of the file.

use crate::escape;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::ops::Range;

/// Characters kept on either side of the span on its lines.
pub const CONTEXT_CHARS: usize = 120;
/// Longer spans (a whole object) show only their first [`LONG_SPAN_CHARS`] characters.
pub const MAX_SPAN_BYTES: usize = 2048;
pub const MAX_SPAN_LINES: usize = 8;
pub const LONG_SPAN_CHARS: usize = 120;
/// Related spans this close to the primary one are shown with it, when all fit in
/// [`MAX_REGION_LINES`] lines.
const NEAR_BYTES: usize = 1024;
const MAX_REGION_LINES: usize = 12;
/// A line before or after the span is shown only up to this length.
const MAX_CONTEXT_LINE_CHARS: usize = 2 * CONTEXT_CHARS;

pub struct Excerpt {
    name: String,
    text: String,
    /// 0-based line in the file of `text`'s first line.
    first_line: usize,
    primary: SourceSpan,
    /// 0-based column (characters) in the file of the primary span's start.
    column: usize,
}

/// Where `from` is after walking back at most `max` characters on its line, and whether
/// the line goes on further back.
fn back(src: &str, from: usize, max: usize) -> (usize, bool) {
    let mut pos = from;
    for (n, (i, c)) in src[..from].char_indices().rev().enumerate() {
        if c == '\n' {
            return (pos, false);
        }
        if n == max {
            return (pos, true);
        }
        pos = i;
    }
    (0, false)
}

/// Where the line of `from` ends (before `\r\n` or `\n`) within `max` characters, and
/// whether it goes on further.
fn forward(src: &str, from: usize, max: usize) -> (usize, bool) {
    for (n, (i, c)) in src[from..].char_indices().enumerate() {
        if c == '\n' || (c == '\r' && src[from + i + 1..].starts_with('\n')) {
            return (from + i, false);
        }
        if n == max {
            return (from + i, true);
        }
    }
    (src.len(), false)
}

/// One shown line: a byte range of the source and whether it was cut at either end.
struct Piece {
    range: Range<usize>,
    cut_start: bool,
    cut_end: bool,
}

impl Excerpt {
    /// The excerpt for `spans` (the primary span first, then related spans in the same
    /// file) of `source`, whose primary span starts at 1-based `line` and `column`; and
    /// where each related span is in the excerpt (`None` when outside it). `None` when the
    /// primary span is not a valid range of `source`.
    pub fn new(
        name: String,
        source: &str,
        spans: &[Range<usize>],
        line: usize,
        column: usize,
    ) -> Option<(Excerpt, Vec<Option<SourceSpan>>)> {
        let p = spans.first()?;
        if p.start > p.end
            || p.end > source.len()
            || !source.is_char_boundary(p.start)
            || !source.is_char_boundary(p.end)
        {
            return None;
        }
        let long = p.end - p.start > MAX_SPAN_BYTES
            || source[p.clone()].matches('\n').count() > MAX_SPAN_LINES;
        let end = if long {
            forward(source, p.start, LONG_SPAN_CHARS).0
        } else {
            p.end
        };

        // Related spans close to the primary one share its lines; others are notes.
        let (mut lo, mut hi) = (p.start, end);
        for r in &spans[1..] {
            let valid = r.start <= r.end
                && r.end <= source.len()
                && source.is_char_boundary(r.start)
                && source.is_char_boundary(r.end);
            if valid && r.start + NEAR_BYTES >= p.start && r.end <= end + NEAR_BYTES {
                (lo, hi) = (lo.min(r.start), hi.max(r.end));
            }
        }
        if source[lo..hi].matches('\n').count() > MAX_REGION_LINES {
            (lo, hi) = (p.start, end);
        }

        let mut pieces = Vec::new();
        let (mut start, mut cut_start) = back(source, lo, CONTEXT_CHARS);
        for (i, _) in source[lo..hi].match_indices('\n') {
            let nl = lo + i;
            let line_end = if source[..nl].ends_with('\r') {
                nl - 1
            } else {
                nl
            };
            pieces.push(Piece {
                range: start..line_end.max(start),
                cut_start,
                cut_end: false,
            });
            (start, cut_start) = (nl + 1, false);
        }
        let (last_end, cut_end) = forward(source, hi, CONTEXT_CHARS);
        pieces.push(Piece {
            range: start..last_end,
            cut_start,
            cut_end,
        });

        let first = &pieces[0];
        let mut before = None;
        if !first.cut_start && first.range.start > 0 {
            let nl = first.range.start - 1;
            let prev_end = if source[..nl].ends_with('\r') {
                nl - 1
            } else {
                nl
            };
            let (prev_start, cut) = back(source, prev_end, MAX_CONTEXT_LINE_CHARS);
            if !cut {
                before = Some(Piece {
                    range: prev_start..prev_end,
                    cut_start: false,
                    cut_end: false,
                });
            }
        }
        let last = pieces.last()?;
        let mut after = None;
        if !last.cut_end && last.range.end < source.len() {
            let rest = &source[last.range.end..];
            let skip = if rest.starts_with("\r\n") { 2 } else { 1 };
            let next_start = last.range.end + skip;
            if next_start <= source.len() {
                let (next_end, cut) = forward(source, next_start, MAX_CONTEXT_LINE_CHARS);
                if !cut {
                    after = Some(Piece {
                        range: next_start..next_end,
                        cut_start: false,
                        cut_end: false,
                    });
                }
            }
        }
        let has_before = before.is_some();
        let lines_above = source[lo..p.start].matches('\n').count();
        let all: Vec<Piece> = before.into_iter().chain(pieces).chain(after).collect();

        // Source offsets whose place in the excerpt is wanted: each span's two ends (the
        // primary's end as shown).
        let mut marks: Vec<(usize, Option<usize>)> = Vec::with_capacity(spans.len() * 2);
        marks.push((p.start, None));
        marks.push((end, None));
        for r in &spans[1..] {
            marks.push((r.start, None));
            marks.push((r.end, None));
        }
        let mut text = String::new();
        for (n, piece) in all.iter().enumerate() {
            if n > 0 {
                text.push('\n');
            }
            if piece.cut_start {
                text.push('…');
            }
            let mut mark = |pos: usize, at: usize| {
                for m in marks.iter_mut().filter(|m| m.0 == pos && m.1.is_none()) {
                    m.1 = Some(at);
                }
            };
            for (i, c) in source[piece.range.clone()].char_indices() {
                mark(piece.range.start + i, text.len());
                // Indentation (tab-indented plists): miette expands tabs to spaces.
                if c == '\t' {
                    text.push(c);
                } else {
                    escape::push_char(&mut text, c);
                }
            }
            mark(piece.range.end, text.len());
            if piece.cut_end {
                text.push('…');
            }
        }
        let span_of = |a: Option<usize>, b: Option<usize>| match (a, b) {
            (Some(a), Some(b)) if a <= b => Some(SourceSpan::from(a..b)),
            _ => None,
        };
        let primary = span_of(marks[0].1, marks[1].1)?;
        let related = marks[2..]
            .chunks(2)
            .map(|m| span_of(m[0].1, m[1].1))
            .collect();
        let excerpt = Excerpt {
            name,
            text,
            first_line: line.saturating_sub(1 + usize::from(has_before) + lines_above),
            primary,
            column: column.saturating_sub(1),
        };
        Some((excerpt, related))
    }

    /// The primary span, within the excerpt.
    pub fn primary(&self) -> SourceSpan {
        self.primary
    }

    #[cfg(test)]
    fn text(&self) -> &str {
        &self.text
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // The header's `line:col` is read for the primary span without context.
        let column = if *span == self.primary && context_lines_before == 0 {
            self.column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let mut src = "{\"a\": [".to_string();
        src.push_str(&"0, ".repeat(100_000));
        let at = src.len();
        src.push_str("\"bad\u{1b}]2;x\u{7}##vso[task.complete]\"");
        src.push_str(&", 0".repeat(100_000));
        src.push_str("]}\n");
        let span = at..at + 31;
        let (e, _) = Excerpt::new("f".into(), &src, &[span], 1, at + 1).unwrap();
        let text = e.text();
        assert!(text.len() < 2 * CONTEXT_CHARS + 100, "{}", text.len());
        assert!(text.starts_with('…') && text.ends_with('…'));
        let shown = &text[e.primary().offset()..][..e.primary().len()];
        assert_eq!(shown, "\"bad\\u001b]2;x\\u0007##vso\\[task.complete]\"");
        let c = e.read_span(&e.primary(), 0, 0).unwrap();
        assert_eq!((c.line(), c.column()), (0, at));
    }

    #[test]
    fn short_lines_keep_their_context_and_numbers() {
        let src = "{\r\n  \"k\": \"v \",\r\n  \"n\": 1\r\n}\r\n";
        let at = src.find("\"v \"").unwrap();
        let other = src.find("\"n\"").unwrap();
        let (e, mapped) =
            Excerpt::new("f".into(), src, &[at..at + 4, other..other + 3, 0..1], 2, 8).unwrap();
        assert_eq!(e.text(), "{\n  \"k\": \"v \",\n  \"n\": 1\n}");
        assert_eq!(mapped[0], Some(SourceSpan::from(17..20)));
        assert_eq!(mapped[1], Some(SourceSpan::from(0..1)));
        let c = e.read_span(&e.primary(), 1, 1).unwrap();
        assert_eq!(c.line(), 0);
        let c = e.read_span(&e.primary(), 0, 0).unwrap();
        assert_eq!((c.line(), c.column()), (1, 7));
    }

    #[test]
    fn tabs_stay_for_miette_to_expand_and_other_controls_show() {
        let src = "<dict>\n\t\t<key>a\u{1b}b</key>\n</dict>";
        let at = src.find("a\u{1b}b").unwrap();
        let span = at..at + 3;
        let (e, _) = Excerpt::new("f".into(), src, &[span], 2, 8).unwrap();
        assert_eq!(e.text(), "<dict>\n\t\t<key>a\\u001bb</key>\n</dict>");
    }

    #[test]
    fn a_huge_span_shows_only_its_start() {
        let src = format!("[{}]", "{\"a\": 1},\n".repeat(10_000));
        let whole = 0..src.len();
        let (e, _) = Excerpt::new("f".into(), &src, &[whole], 1, 1).unwrap();
        assert!(e.text().len() < 400, "{}", e.text());
        assert!(e.primary().len() <= LONG_SPAN_CHARS);
        let inside_a_char = 1..2;
        assert!(Excerpt::new("f".into(), "é", &[inside_a_char], 1, 1).is_none());
    }

    #[test]
    fn any_span_of_any_text_renders() {
        use miette::{GraphicalReportHandler, LabeledSpan, MietteDiagnostic, Report};
        let alphabet: Vec<char> = "ab \n\r\t{}\"é😀\u{1b}\u{202e}#[".chars().collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let handler = GraphicalReportHandler::new().with_context_lines(1);
        for _ in 0..300 {
            let len = next(3000);
            let src: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let bounds: Vec<usize> = src
                .char_indices()
                .map(|(i, _)| i)
                .chain([src.len()])
                .collect();
            let mut spans = Vec::new();
            for _ in 0..3 {
                let a = bounds[next(bounds.len())];
                let b = bounds[next(bounds.len())];
                spans.push(a.min(b)..a.max(b));
            }
            let (e, related) = Excerpt::new("f".into(), &src, &spans, 1, 1).unwrap();
            let mut d = MietteDiagnostic::new("m").and_label(LabeledSpan::new_primary_with_span(
                Some("p".into()),
                e.primary(),
            ));
            for r in related.into_iter().flatten() {
                d = d.and_label(LabeledSpan::new_with_span(Some("r".into()), r));
            }
            let mut out = String::new();
            handler
                .render_report(&mut out, Report::new(d).with_source_code(e).as_ref())
                .unwrap();
            assert!(out.len() < 40_000, "{}", out.len());
        }
    }
}
