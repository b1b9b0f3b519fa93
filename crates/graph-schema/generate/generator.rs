//! Reads `graph-schema/microsoft-graph.d.ts` and renders the static tables of
//! `src/generated.rs`. Shared by the `generate-graph-schema` binary and the staleness test.
//!
//! The typings follow a small, regular grammar (they are generated from Graph's CSDL):
//! `export interface Name extends Base {` ... `prop?: Type;` ... `}`,
//! `export type Enum = "a" | "b";` (possibly over several lines), and
//! `export namespace Ns {` blocks holding the same, unexported and indented.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::Path;

// Must match src/lib.rs.
const TAG_STRING: u32 = 0;
const TAG_NUMBER: u32 = 1;
const TAG_BOOLEAN: u32 = 2;
const TAG_ANY: u32 = 3;
const TAG_ENUM: u32 = 4;
const TAG_TYPE: u32 = 5;
const COLLECTION: u32 = 1 << 4;
const NULLABLE: u32 = 1 << 5;
const INDEX_SHIFT: u32 = 8;
const NAME_LEN_BITS: u32 = 10;

struct Interface {
    name: String,
    namespace: String,
    base: Option<String>,
    /// (member name, raw type expression)
    props: Vec<(String, String)>,
}

struct Enum {
    name: String,
    members: Vec<String>,
}

/// The version of the npm package the typings come from, as SOURCE.md states it.
fn typings_version(source_md: &str) -> Option<String> {
    let at = source_md.find("@microsoft/microsoft-graph-types-beta")?;
    let rest = &source_md[at..];
    let v = rest.find("version ")?;
    let word = rest[v + "version ".len()..].split_whitespace().next()?;
    Some(
        word.trim_matches(|c: char| c == '`' || c == ',' || c == '.')
            .to_string(),
    )
}

/// `DeviceManagementNamespace` → `deviceManagement`, `Partner.Security` → `partner.security`.
fn namespace_name(ts: &str) -> String {
    ts.split('.')
        .map(|part| lower_first(part.strip_suffix("Namespace").unwrap_or(part)))
        .collect::<Vec<_>>()
        .join(".")
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

fn qualify(namespace: &str, name: &str) -> String {
    if namespace.is_empty() {
        lower_first(name)
    } else {
        format!("{namespace}.{}", lower_first(name))
    }
}

fn parse(text: &str) -> Result<(Vec<Interface>, Vec<Enum>), String> {
    let mut interfaces = Vec::new();
    let mut enums = Vec::new();
    let mut namespaces: Vec<String> = Vec::new();
    let mut current: Option<Interface> = None;
    // An enum alias spread over several lines: its name and the text so far.
    let mut alias: Option<(String, String)> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let ns = namespaces.last().cloned().unwrap_or_default();
        if let Some((name, mut body)) = alias.take() {
            body.push_str(line);
            if body.ends_with(';') {
                enums.push(enum_of(&ns, &name, &body));
            } else {
                alias = Some((name, body));
            }
            continue;
        }
        if let Some(iface) = current.as_mut() {
            if line == "}" {
                interfaces.push(current.take().unwrap());
                continue;
            }
            if line.starts_with("//") || line.starts_with("/*") || line.starts_with('*') {
                continue;
            }
            let Some((name, ty)) = line.split_once(':') else {
                return Err(format!(
                    "line {}: unexpected `{line}` in an interface",
                    n + 1
                ));
            };
            let ty = ty
                .trim()
                .strip_suffix(';')
                .ok_or_else(|| format!("line {}: member type does not end with `;`", n + 1))?;
            iface.props.push((
                name.trim_end_matches('?').to_string(),
                ty.trim().to_string(),
            ));
            continue;
        }
        let decl = line.strip_prefix("export ").unwrap_or(line);
        if let Some(rest) = decl.strip_prefix("namespace ") {
            let name = rest.trim_end_matches('{').trim();
            namespaces.push(namespace_name(name));
        } else if line == "}" {
            namespaces
                .pop()
                .ok_or_else(|| format!("line {}: unmatched `}}`", n + 1))?;
        } else if let Some(rest) = decl.strip_prefix("interface ") {
            // `extends Base {}`: an interface that adds no members.
            let (head, empty) = match rest.strip_suffix("{}") {
                Some(h) => (h, true),
                None => (
                    rest.strip_suffix('{')
                        .ok_or_else(|| format!("line {}: interface header without `{{`", n + 1))?,
                    false,
                ),
            };
            let head = head.trim();
            let (name, base) = match head.split_once(" extends ") {
                Some((n, b)) => (n.trim(), Some(b.trim().to_string())),
                None => (head, None),
            };
            let iface = Interface {
                name: name.to_string(),
                namespace: ns,
                base,
                props: Vec::new(),
            };
            if empty {
                interfaces.push(iface);
            } else {
                current = Some(iface);
            }
        } else if let Some(rest) = decl.strip_prefix("type ") {
            let Some((name, body)) = rest.split_once('=') else {
                return Err(format!("line {}: type alias without `=`", n + 1));
            };
            let name = name.trim();
            if name.contains('<') {
                continue; // NullableOption<T>
            }
            let body = body.trim().to_string();
            if body.ends_with(';') {
                enums.push(enum_of(&ns, name, &body));
            } else {
                alias = Some((name.to_string(), body));
            }
        }
    }
    if current.is_some() || alias.is_some() || !namespaces.is_empty() {
        return Err("the typings end inside a declaration".into());
    }
    Ok((interfaces, enums))
}

/// `"a" | "b";` → [a, b]. `undefined` (an enum the typings leave open) has no members.
fn enum_of(namespace: &str, name: &str, body: &str) -> Enum {
    let members = body
        .trim_end_matches(';')
        .split('|')
        .map(str::trim)
        .filter(|m| m.starts_with('"'))
        .map(|m| m.trim_matches('"').to_string())
        .collect();
    Enum {
        name: qualify(namespace, name),
        members,
    }
}

/// Case-insensitive order, the order lookups binary-search in.
fn ci_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// A names blob with each distinct name stored once.
#[derive(Default)]
struct Names {
    blob: String,
    at: HashMap<String, u32>,
}

impl Names {
    fn add(&mut self, name: &str) -> Result<u32, String> {
        if let Some(&packed) = self.at.get(name) {
            return Ok(packed);
        }
        let off = self.blob.len() as u32;
        let len = name.len() as u32;
        if len >= 1 << NAME_LEN_BITS || off >= 1 << (32 - NAME_LEN_BITS) {
            return Err(format!("name `{name}` does not fit the packed table"));
        }
        self.blob.push_str(name);
        let packed = (off << NAME_LEN_BITS) | len;
        self.at.insert(name.to_string(), packed);
        Ok(packed)
    }
}

pub fn generate(shared: &Path) -> Result<String, String> {
    let dir = shared.join("graph-schema");
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
    };
    let dts = read("microsoft-graph.d.ts")?;
    let license = read("LICENSE")?;
    let version = typings_version(&read("SOURCE.md")?)
        .ok_or("SOURCE.md does not state the typings' version")?;
    let (interfaces, enums) = parse(&dts)?;
    render(&interfaces, &enums, &version, &license)
}

fn render(
    interfaces: &[Interface],
    enums: &[Enum],
    version: &str,
    license: &str,
) -> Result<String, String> {
    let mut types: Vec<(String, &Interface)> = interfaces
        .iter()
        .map(|i| (qualify(&i.namespace, &i.name), i))
        .collect();
    types.sort_by(|a, b| ci_cmp(&a.0, &b.0));
    for w in types.windows(2) {
        if ci_cmp(&w[0].0, &w[1].0).is_eq() {
            return Err(format!(
                "types `{}` and `{}` differ only in case",
                w[0].0, w[1].0
            ));
        }
    }
    let type_index: HashMap<&str, u32> = types
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i as u32))
        .collect();
    let mut enums: Vec<&Enum> = enums.iter().collect();
    enums.sort_by(|a, b| ci_cmp(&a.name, &b.name));
    let enum_index: HashMap<&str, u32> = enums
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.as_str(), i as u32))
        .collect();

    // A reference as written inside `namespace`: `Foo`, `microsoftgraphbeta.Foo`, `Ns.Foo`.
    let resolve = |namespace: &str, name: &str| -> Option<(u32, u32)> {
        let candidates = match name.rsplit_once('.') {
            Some(("microsoftgraphbeta", n)) => vec![lower_first(n)],
            Some((ns, n)) => vec![qualify(&namespace_name(ns), n)],
            None if namespace.is_empty() => vec![lower_first(name)],
            None => vec![qualify(namespace, name), lower_first(name)],
        };
        candidates.iter().find_map(|c| {
            enum_index
                .get(c.as_str())
                .map(|&i| (TAG_ENUM, i))
                .or_else(|| type_index.get(c.as_str()).map(|&i| (TAG_TYPE, i)))
        })
    };
    let kind_of = |namespace: &str, ty: &str| -> Result<u32, String> {
        let mut flags = 0;
        let mut t = ty;
        if let Some(inner) = t
            .strip_prefix("NullableOption<")
            .and_then(|s| s.strip_suffix('>'))
        {
            flags |= NULLABLE;
            t = inner;
        }
        if let Some(inner) = t.strip_suffix("[]") {
            flags |= COLLECTION;
            t = inner;
        }
        let tag = match t {
            "string" => TAG_STRING,
            "number" => TAG_NUMBER,
            "boolean" => TAG_BOOLEAN,
            "any" => TAG_ANY,
            // A reference that resolves to nothing means the parser misread the typings.
            other => match resolve(namespace, other) {
                Some((tag, index)) => return Ok(flags | tag | (index << INDEX_SHIFT)),
                None => return Err(format!("unknown type `{other}` in `{namespace}`")),
            },
        };
        Ok(flags | tag)
    };

    // Each type's own members, and its base.
    let mut own: Vec<Vec<(&str, u32)>> = Vec::with_capacity(types.len());
    let mut bases = Vec::with_capacity(types.len());
    let mut children: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (i, (name, iface)) in types.iter().enumerate() {
        let base = match &iface.base {
            Some(b) => match resolve(&iface.namespace, b) {
                Some((TAG_TYPE, index)) => {
                    children.entry(index).or_default().push(i as u32);
                    index
                }
                _ => return Err(format!("`{name}` extends unknown `{b}`")),
            },
            None => u32::MAX,
        };
        bases.push(base);
        own.push(
            iface
                .props
                .iter()
                .map(|(n, t)| Ok((n.as_str(), kind_of(&iface.namespace, t)?)))
                .collect::<Result<_, String>>()?,
        );
    }
    // Each type's members with its bases' (the nearest declaration wins), sorted: one binary
    // search finds any member a type accepts.
    let mut names = Names::default();
    let mut type_rows = Vec::with_capacity(types.len());
    let mut member_rows: Vec<[u32; 2]> = Vec::new();
    for (i, (name, _)) in types.iter().enumerate() {
        let mut members: Vec<(&str, u32)> = Vec::new();
        let mut t = i as u32;
        let mut depth = 0;
        while t != u32::MAX {
            members.extend(own[t as usize].iter().copied());
            t = bases[t as usize];
            depth += 1;
            if depth > types.len() {
                return Err(format!("`{name}` derives from itself"));
            }
        }
        // Ordered by length, then bytes: most probes of a lookup end at the length compare.
        // The stable sort keeps the nearest declaration first for dedup.
        members.sort_by(|a, b| (a.0.len(), a.0).cmp(&(b.0.len(), b.0)));
        members.dedup_by(|a, b| a.0 == b.0);
        let start = member_rows.len() as u32;
        for (n, kind) in &members {
            member_rows.push([names.add(n)?, *kind]);
        }
        type_rows.push([
            names.add(name)?,
            bases[i],
            start,
            members.len() as u32,
            0,
            0,
        ]);
    }
    let mut by_name: Vec<u32> = (0..types.len() as u32).collect();
    by_name.sort_by_key(|&i| {
        let n = &types[i as usize].0;
        (n.len(), n.as_str())
    });
    let mut derived = Vec::new();
    for (parent, kids) in &children {
        let row = &mut type_rows[*parent as usize];
        row[4] = derived.len() as u32;
        row[5] = kids.len() as u32;
        derived.extend(kids);
    }
    let mut enum_rows = Vec::with_capacity(enums.len());
    let mut enum_members = Vec::new();
    for e in &enums {
        enum_rows.push([
            names.add(&e.name)?,
            enum_members.len() as u32,
            e.members.len() as u32,
        ]);
        for m in &e.members {
            enum_members.push(names.add(m)?);
        }
    }

    let mut out = String::new();
    out.push_str(
        "// @generated by crates/graph-schema/generate (cargo run -p intune-lint-graph-schema-generate)\n\
         // from ../shared/graph-schema/microsoft-graph.d.ts. Do not edit.\n//\n",
    );
    writeln!(
        out,
        "// Derived from the npm package @microsoft/microsoft-graph-types-beta {version}, whose\n\
         // license follows.\n//"
    )
    .unwrap();
    for line in license.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str("//\n");
        } else {
            writeln!(out, "// {line}").unwrap();
        }
    }
    out.push_str("\n#![cfg_attr(rustfmt, rustfmt_skip)]\n\n");
    writeln!(out, "pub const TYPINGS_VERSION: &str = {version:?};\n").unwrap();
    out.push_str("pub(crate) static NAMES: &str = \"\\\n");
    // `\` + newline continues the literal; names hold no whitespace to lose.
    let mut col = 0;
    for c in names.blob.chars() {
        out.push(c);
        col += 1;
        if col >= 100 {
            out.push_str("\\\n");
            col = 0;
        }
    }
    out.push_str("\";\n\n");
    out.push_str(
        "/// name, base (u32::MAX: none), members start, members len (its own and its bases'),\n\
         /// derived start, derived len; sorted by name, ASCII case-insensitively\n",
    );
    write_rows(&mut out, "TYPES", "[u32; 6]", &type_rows);
    out.push_str("/// name, kind; each type's members sorted by name length, then name\n");
    write_rows(&mut out, "MEMBERS", "[u32; 2]", &member_rows);
    out.push_str("/// `TYPES` indices sorted by name length, then name\n");
    write_flat(&mut out, "TYPES_BY_NAME", "u32", &by_name);
    write_flat(&mut out, "DERIVED", "u32", &derived);
    out.push_str("/// name, members start, members len\n");
    write_rows(&mut out, "ENUMS", "[u32; 3]", &enum_rows);
    write_flat(&mut out, "ENUM_MEMBERS", "u32", &enum_members);
    Ok(out)
}

fn write_rows<const N: usize>(out: &mut String, name: &str, ty: &str, rows: &[[u32; N]]) {
    writeln!(out, "pub(crate) static {name}: [{ty}; {}] = [", rows.len()).unwrap();
    for chunk in rows.chunks(8) {
        out.push_str("    ");
        for r in chunk {
            out.push('[');
            for (i, v) in r.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write!(out, "{v}").unwrap();
            }
            out.push_str("],");
        }
        out.push('\n');
    }
    out.push_str("];\n\n");
}

fn write_flat(out: &mut String, name: &str, ty: &str, values: &[u32]) {
    writeln!(
        out,
        "pub(crate) static {name}: [{ty}; {}] = [",
        values.len()
    )
    .unwrap();
    for chunk in values.chunks(20) {
        out.push_str("    ");
        for v in chunk {
            write!(out, "{v},").unwrap();
        }
        out.push('\n');
    }
    out.push_str("];\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_interfaces_enums_and_namespaces() {
        let dts = "export type NullableOption<T> = T | null;\r\n\
            export type Color =\r\n    | \"red\"\r\n    | \"blue\";\r\n\
            export type Open = undefined;\r\n\
            export interface Entity {\r\n    // The id.\r\n    id?: string;\r\n}\r\n\
            export interface Thing extends Entity {\r\n    /**\r\n     * Colors.\r\n     */\r\n    colors?: NullableOption<Color[]>;\r\n    sub?: Sub.Part;\r\n}\r\n\
            export interface Marker extends Thing {}\r\n\
            export namespace SubNamespace {\r\n    interface Part extends microsoftgraphbeta.Entity {\r\n        size?: number;\r\n    }\r\n}\r\n";
        let (interfaces, enums) = parse(dts).unwrap();
        let names: Vec<String> = interfaces
            .iter()
            .map(|i| qualify(&i.namespace, &i.name))
            .collect();
        assert_eq!(names, ["entity", "thing", "marker", "sub.part"]);
        assert_eq!(
            interfaces[1].props[0],
            ("colors".into(), "NullableOption<Color[]>".into())
        );
        assert_eq!(
            interfaces[3].base.as_deref(),
            Some("microsoftgraphbeta.Entity")
        );
        assert_eq!(enums[0].name, "color");
        assert_eq!(enums[0].members, ["red", "blue"]);
        assert!(enums[1].members.is_empty());
        let text = render(&interfaces, &enums, "1.0", "MIT").unwrap();
        assert!(text.contains("TYPINGS_VERSION: &str = \"1.0\""));
        assert!(parse("export interface Broken {\n    x?: string;\n").is_err());
    }
}
