//! Writes `generated.rs` from Apple's `mdm/profiles/*.yaml`.
//!
//! The YAML is read through `saphyr-parser` events into a small tree that keeps anchors
//! and aliases as they are: two schema files alias a key list inside itself (a home screen
//! folder holds pages of icons that may be folders), which a loader that expands aliases
//! either rejects or loops on. Each anchored key list becomes one shared entry of `LISTS`,
//! so recursion is an index, not a copy.

use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// The upstream commit the data was copied from (see `../shared/apple-schema/SOURCE.md`).
const COMMIT: &str = "b6202ca2fbd31286a52eb160b67a4db7b4fe1f1f";

enum Y {
    Scalar { text: String, plain: bool },
    Seq { items: Vec<Y>, anchor: usize },
    Map { members: Vec<(String, Y)> },
    Alias(usize),
}

impl Y {
    fn get(&self, key: &str) -> Option<&Y> {
        match self {
            Y::Map { members } => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn str(&self) -> Option<&str> {
        match self {
            Y::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    fn members(&self) -> &[(String, Y)] {
        match self {
            Y::Map { members } => members,
            _ => &[],
        }
    }
}

fn parse(text: &str, file: &str) -> Result<Y, String> {
    enum Frame {
        Seq(Vec<Y>, usize),
        Map(Vec<(String, Y)>, Option<String>),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    for item in Parser::new_from_str(text) {
        let (event, _) = item.map_err(|e| format!("{file}: {e}"))?;
        let node = match event {
            Event::SequenceStart(anchor, _) => {
                stack.push(Frame::Seq(Vec::new(), anchor));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Frame::Map(Vec::new(), None));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items, anchor)) => Y::Seq { items, anchor },
                _ => return Err(format!("{file}: unbalanced sequence")),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(members, _)) => Y::Map { members },
                _ => return Err(format!("{file}: unbalanced mapping")),
            },
            Event::Scalar(text, style, _, _) => Y::Scalar {
                text: text.into_owned(),
                plain: style == ScalarStyle::Plain,
            },
            Event::Alias(id) => Y::Alias(id),
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(items, _)) => items.push(node),
            Some(Frame::Map(members, pending)) => match pending.take() {
                Some(key) => members.push((key, node)),
                None => match node {
                    Y::Scalar { text, .. } => *pending = Some(text),
                    _ => return Err(format!("{file}: a mapping key that is not a scalar")),
                },
            },
        }
    }
    root.ok_or_else(|| format!("{file}: empty"))
}

/// Anchored sequences of one file, by anchor id.
fn anchors<'a>(y: &'a Y, out: &mut HashMap<usize, &'a Y>) {
    match y {
        Y::Seq { items, anchor } => {
            if *anchor != 0 {
                out.insert(*anchor, y);
            }
            items.iter().for_each(|i| anchors(i, out));
        }
        Y::Map { members } => members.iter().for_each(|(_, v)| anchors(v, out)),
        _ => {}
    }
}

/// The Rust source of the table, built up list by list.
struct Writer {
    lists: Vec<Option<String>>,
}

struct FileCtx<'a> {
    file: &'a str,
    anchors: HashMap<usize, &'a Y>,
    /// Anchor id → index in `lists`, assigned before the list is written (recursion).
    done: HashMap<usize, u16>,
}

impl Writer {
    fn list(&mut self, y: &Y, ctx: &mut FileCtx<'_>) -> Result<u16, String> {
        let (items, anchor) = match y {
            Y::Alias(id) => {
                if let Some(i) = ctx.done.get(id) {
                    return Ok(*i);
                }
                let target = *ctx
                    .anchors
                    .get(id)
                    .ok_or_else(|| format!("{}: alias to an unknown anchor", ctx.file))?;
                return self.list(target, ctx);
            }
            Y::Seq { items, anchor } => (items, *anchor),
            _ => return Err(format!("{}: subkeys that are not a list", ctx.file)),
        };
        if let Some(i) = ctx.done.get(&anchor).filter(|_| anchor != 0) {
            return Ok(*i);
        }
        let index = u16::try_from(self.lists.len()).map_err(|_| "too many key lists")?;
        self.lists.push(None);
        if anchor != 0 {
            ctx.done.insert(anchor, index);
        }
        let mut src = String::from("&[");
        for item in items {
            src.push_str("\n        ");
            src.push_str(&self.key(item, ctx)?);
            src.push(',');
        }
        src.push_str("\n    ]");
        self.lists[index as usize] = Some(src);
        Ok(index)
    }

    fn key(&mut self, y: &Y, ctx: &mut FileCtx<'_>) -> Result<String, String> {
        let file = ctx.file;
        let name = y
            .get("key")
            .and_then(Y::str)
            .ok_or_else(|| format!("{file}: a key without a name"))?;
        let ty = match y.get("type").and_then(Y::str) {
            Some(t) => type_variant(t).ok_or_else(|| format!("{file}: {name}: type {t}"))?,
            None => return Err(format!("{file}: {name}: no type")),
        };
        let required = y.get("presence").and_then(Y::str) == Some("required") && !conditional(y);
        let mut rangelist = String::new();
        if let Some(Y::Seq { items, .. }) = y.get("rangelist") {
            for item in items {
                let Y::Scalar { text, plain } = item else {
                    return Err(format!(
                        "{file}: {name}: a rangelist entry that is not a scalar"
                    ));
                };
                let lit = match (plain, text.parse::<i64>(), text.parse::<f64>()) {
                    (true, Ok(i), _) => format!("Lit::I({i})"),
                    (true, _, Ok(r)) => format!("Lit::R({r:?})"),
                    _ => format!("Lit::S({text:?})"),
                };
                let _ = write!(rangelist, "{lit}, ");
            }
        }
        let bound = |b: &str| {
            y.get("range")
                .and_then(|r| r.get(b))
                .and_then(Y::str)
                .and_then(|s| s.parse::<f64>().ok())
                .map_or("None".to_string(), |v| format!("Some({v:?})"))
        };
        let subkeys = match item_wrapper(y, name, ty).or(y.get("subkeys")) {
            Some(s) => format!("Some({})", self.list(s, ctx)?),
            None => "None".to_string(),
        };
        Ok(format!(
            "key({name:?}, T::{ty}, {required}, &[{}], {}, {}, {subkeys}, {})",
            rangelist.trim_end_matches(", "),
            bound("min"),
            bound("max"),
            os_list(y.get("supportedOS"))
        ))
    }
}

/// A key Apple marks required but whose description makes it conditional ("Every payload
/// needs to include either 'Authorization' or 'Allowed'", "Required when the 'AuthMethod'
/// is 'Password'"): the table cannot evaluate the condition, so it is not required.
fn conditional(y: &Y) -> bool {
    let content = y.get("content").and_then(Y::str).unwrap_or_default();
    let lower = content.to_ascii_lowercase();
    lower.contains("either '") || lower.contains("required when")
}

/// A dictionary whose only subkey is `<Name>Item`, a dictionary, describes the items of a
/// free-form dictionary the way arrays describe theirs (`ConsentText` → `ConsentTextItem`
/// → `ANY`): its keys are the dictionary's keys.
fn item_wrapper<'y>(y: &'y Y, name: &str, ty: &str) -> Option<&'y Y> {
    let Some(Y::Seq { items, .. }) = y.get("subkeys") else {
        return None;
    };
    match items.as_slice() {
        [only]
            if ty == "Dictionary"
                && only.get("type").and_then(Y::str) == Some("<dictionary>")
                && only
                    .get("key")
                    .and_then(Y::str)
                    .is_some_and(|k| k.strip_suffix("Item") == Some(name)) =>
        {
            only.get("subkeys")
        }
        _ => None,
    }
}

fn type_variant(t: &str) -> Option<&'static str> {
    Some(match t {
        "<string>" => "String",
        "<integer>" => "Integer",
        "<real>" => "Real",
        "<boolean>" => "Boolean",
        "<date>" => "Date",
        "<data>" => "Data",
        "<array>" => "Array",
        "<dictionary>" => "Dictionary",
        "<any>" => "Any",
        _ => return None,
    })
}

fn os_list(y: Option<&Y>) -> String {
    let Some(y) = y else {
        return "&[]".to_string();
    };
    let mut out = String::from("&[");
    for (os, v) in y.members() {
        let variant = match os.as_str() {
            "iOS" => "Ios",
            "macOS" => "Macos",
            "tvOS" => "Tvos",
            "visionOS" => "Visionos",
            "watchOS" => "Watchos",
            _ => continue,
        };
        let version = |k: &str| {
            v.get(k)
                .and_then(Y::str)
                .map_or("None".to_string(), |s| format!("Some({s:?})"))
        };
        let supervised = match v.get("supervised").and_then(Y::str) {
            Some("true") => "Some(true)",
            Some("false") => "Some(false)",
            _ => "None",
        };
        let ue = match v
            .get("userenrollment")
            .and_then(|u| u.get("mode"))
            .and_then(Y::str)
        {
            Some("allowed") => "Some(U::Allowed)",
            Some("forbidden") => "Some(U::Forbidden)",
            Some("ignored") => "Some(U::Ignored)",
            Some("required") => "Some(U::Required)",
            _ => "None",
        };
        let _ = write!(
            out,
            "os(O::{variant}, {}, {}, {}, {supervised}, {ue}), ",
            version("introduced"),
            version("deprecated"),
            version("removed")
        );
    }
    format!("{}]", out.trim_end_matches(", "))
}

const HEADER: &str = "\
// @generated by `cargo run -p intune-lint-apple-schema --bin generate-apple-schema`; do not edit.
//
// Derived from apple/device-management (mdm/profiles), commit {COMMIT}:
//
// Copyright © 2022-2024 Apple Inc.
//
// Permission is hereby granted, free of charge, to any person obtaining a copy of this
// software and associated documentation files (the \"Software\"), to deal in the Software
// without restriction, including without limitation the rights to use, copy, modify, merge,
// publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
// to whom the Software is furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all copies or
// substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
// INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
// PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
// FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
// OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
// DEALINGS IN THE SOFTWARE.

#![allow(clippy::all)]
#![cfg_attr(rustfmt, rustfmt_skip)]

use crate::{Key, Lit, Os, OsName as O, Payload, Type as T, UserEnrollment as U};

const fn key(name: &'static str, ty: T, required: bool, rangelist: &'static [Lit], min: Option<f64>, max: Option<f64>, subkeys: Option<u16>, os: &'static [Os]) -> Key {
    Key { name, ty, required, rangelist, min, max, subkeys, os }
}

const fn os(os: O, introduced: Option<&'static str>, deprecated: Option<&'static str>, removed: Option<&'static str>, supervised: Option<bool>, user_enrollment: Option<U>) -> Os {
    Os { os, introduced, deprecated, removed, supervised, user_enrollment }
}

";

/// The source of `generated.rs` for the schema folder `dir` (the one holding `mdm/`).
pub fn generate(dir: &Path) -> Result<String, String> {
    let profiles = dir.join("mdm/profiles");
    let mut files: Vec<_> = std::fs::read_dir(&profiles)
        .map_err(|e| format!("{}: {e}", profiles.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut w = Writer { lists: Vec::new() };
    let mut payloads = String::new();
    let (mut top, mut common) = (None, None);
    for path in &files {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{stem}: {e}"))?;
        let y = parse(&text, &stem)?;
        let mut map = HashMap::new();
        anchors(&y, &mut map);
        let mut ctx = FileCtx {
            file: &stem,
            anchors: map,
            done: HashMap::new(),
        };
        let keys = match y.get("payloadkeys") {
            Some(k) => w.list(k, &mut ctx)?,
            None => return Err(format!("{stem}: no payloadkeys")),
        };
        let payload = y.get("payload");
        match stem.as_str() {
            "TopLevel" => top = Some(keys),
            "CommonPayloadKeys" => common = Some(keys),
            _ => {
                let payload_type = payload
                    .and_then(|p| p.get("payloadtype"))
                    .and_then(Y::str)
                    .ok_or_else(|| format!("{stem}: no payloadtype"))?;
                let title = y.get("title").and_then(Y::str).unwrap_or_default();
                let _ = writeln!(
                    payloads,
                    "    Payload {{ file: {stem:?}, payload_type: {payload_type:?}, title: {title:?}, os: {}, keys: {keys} }},",
                    os_list(payload.and_then(|p| p.get("supportedOS")))
                );
            }
        }
    }
    let (Some(top), Some(common)) = (top, common) else {
        return Err("TopLevel.yaml or CommonPayloadKeys.yaml is missing".into());
    };
    let mut out = HEADER.replace("{COMMIT}", COMMIT);
    let _ = writeln!(out, "pub const SOURCE_COMMIT: &str = {COMMIT:?};");
    let _ = writeln!(out, "pub const TOP_LEVEL: u16 = {top};");
    let _ = writeln!(out, "pub const COMMON: u16 = {common};\n");
    let _ = writeln!(out, "pub static PAYLOADS: &[Payload] = &[\n{payloads}];\n");
    out.push_str("pub static LISTS: &[&[Key]] = &[\n");
    for (i, l) in w.lists.iter().enumerate() {
        let l = l.as_deref().ok_or("a key list was never written")?;
        let _ = writeln!(out, "    // {i}\n    {l},");
    }
    out.push_str("];\n");
    Ok(out)
}
