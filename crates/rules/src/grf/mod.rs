//! GRF: every Graph object checked against Microsoft Graph beta's own type definitions.
//!
//! One walk per object serves all six rules: each member is looked up once in the static
//! schema table and whatever is wrong with it is reported under its rule's code. The walk
//! runs once per document, from whichever GRF rule is enabled first.

mod additions;
mod grf601_unknown_member;
mod grf602_value_type;
mod grf603_enum_value;
mod grf604_unknown_type;
mod grf605_type_not_derived;
mod grf606_ambiguous_type;

use intune_lint_core::classify::{Kind, Object};
use intune_lint_core::document::Document;
use intune_lint_core::finding::{Finding, ObjectRef};
use intune_lint_core::formats::Format;
use intune_lint_core::node::{Node, Step, Value, pointer_of};
use intune_lint_core::rule::Rule;
use intune_lint_core::settings::Settings;
use intune_lint_core::views::sso::is_truncation_marker;
use intune_lint_graph_schema::{MemberType, Scalar, TypeId, find_type};

pub const RULES: &[Rule] = &[
    grf601_unknown_member::RULE,
    grf602_value_type::RULE,
    grf603_enum_value::RULE,
    grf604_unknown_type::RULE,
    grf605_type_not_derived::RULE,
    grf606_ambiguous_type::RULE,
];

const CODES: [&str; 6] = ["GRF601", "GRF602", "GRF603", "GRF604", "GRF605", "GRF606"];

/// Open types accept members their metadata does not declare (Graph returns `group`'s
/// `creationOptions`, for one), but the typings do not say which types are open. These are
/// the resources Microsoft documents as extensible with schema extensions (so open) and the
/// identity complex types the metadata marks `OpenType="true"`; types derived from them are
/// open too. See docs/graph-schema.md.
const OPEN_TYPES: &[&str] = &[
    "administrativeUnit",
    "contact",
    "device",
    "event",
    "group",
    "message",
    "organization",
    "post",
    "todoTask",
    "todoTaskList",
    "user",
    "identity",
    "identitySet",
];

fn is_open(ty: TypeId) -> bool {
    // Resolved once: unknown members are common (tool additions), and each check used to
    // look up all of these names again.
    static OPEN: std::sync::LazyLock<Vec<TypeId>> =
        std::sync::LazyLock::new(|| OPEN_TYPES.iter().filter_map(|o| find_type(o)).collect());
    OPEN.iter().any(|&o| ty.derives_from(o))
}

/// As deep as the JSON reader goes (its `MAX_DEPTH`); bounds the recursion for YAML too.
const MAX_DEPTH: usize = intune_lint_core::formats::json::MAX_DEPTH;

/// Runs the walk if `code` is the first enabled GRF rule (so it runs once per document).
fn check_as(
    code: &str,
    doc: &Document,
    objects: &[Object<'_>],
    settings: &Settings,
    out: &mut Vec<Finding>,
) {
    if CODES.iter().find(|c| settings.is_enabled(c)) != Some(&code) {
        return;
    }
    let mut steps = Vec::new();
    for obj in objects {
        let Some(ty) = root_type(obj, doc, out) else {
            continue;
        };
        let mut walk = Walk {
            doc,
            object: &obj.reference,
            steps,
            base: &obj.pointer,
            out,
        };
        walk.object_members(obj.node, ty, false);
        steps = walk.steps;
        steps.clear();
    }
}

/// The type an object is checked as: its `@odata.type`, or for the objects exports write
/// without one, the type its shape and folder identify. `None`: nothing to check against
/// (Apple profiles, the discovery file, untyped objects of unknown kind).
fn root_type(obj: &Object<'_>, doc: &Document, out: &mut Vec<Finding>) -> Option<TypeId> {
    if !matches!(doc.format, Format::Json | Format::Yaml) {
        return None;
    }
    if let Some(t) = obj.node.get("@odata.type") {
        let written = t.as_str()?;
        let found = find_type(written);
        if found.is_none() {
            let ptr = pointer_of(&obj.pointer, &[Step::Key("@odata.type")]);
            out.push(
                grf604_unknown_type::finding(doc, &ptr, t, written)
                    .with_object(Some(obj.reference.clone())),
            );
        }
        return found;
    }
    // Only kinds that are one Graph type: an untyped ADE profile could be iOS or macOS.
    let name = match obj.kind {
        Kind::SettingsCatalog => "deviceManagementConfigurationPolicy",
        Kind::Group => "group",
        Kind::UserEnrollmentProfile => "appleUserInitiatedEnrollmentProfile",
        _ => return None,
    };
    find_type(name)
}

struct Walk<'a, 'o> {
    doc: &'a Document,
    object: &'a ObjectRef,
    /// Steps from the object to the node being checked.
    steps: Vec<Step<'a>>,
    base: &'a str,
    out: &'o mut Vec<Finding>,
}

impl<'a> Walk<'a, '_> {
    fn pointer(&self) -> String {
        pointer_of(self.base, &self.steps)
    }

    /// The member whose value (or item) is being checked.
    fn member_name(&self) -> &'a str {
        self.steps
            .iter()
            .rev()
            .find_map(|s| match s {
                Step::Key(k) => Some(*k),
                Step::Index(_) => None,
            })
            .unwrap_or_default()
    }

    fn push(&mut self, f: Finding) {
        self.out.push(f.with_object(Some(self.object.clone())));
    }

    /// Checks an object's members against `declared`, or the type its `@odata.type` names
    /// (`nested`: the root's was already resolved by [`root_type`]).
    fn object_members(&mut self, node: &'a Node, declared: TypeId, nested: bool) {
        if self.steps.len() > MAX_DEPTH {
            return;
        }
        let written = node.get("@odata.type");
        let ty = match written.map(|w| (w, w.as_str())) {
            Some((w, Some(text))) if nested => match find_type(text) {
                Some(t) => {
                    if !t.derives_from(declared) {
                        let member = self.member_name();
                        self.steps.push(Step::Key("@odata.type"));
                        let f = grf605_type_not_derived::finding(
                            self.doc,
                            &self.pointer(),
                            w,
                            t,
                            declared,
                            member,
                        );
                        self.steps.pop();
                        self.push(f);
                    }
                    t
                }
                None => {
                    self.steps.push(Step::Key("@odata.type"));
                    let f = grf604_unknown_type::finding(self.doc, &self.pointer(), w, text);
                    self.steps.pop();
                    self.push(f);
                    return;
                }
            },
            _ => declared,
        };
        let untyped = written.is_none() && declared.has_derived();
        let mut only_derived: Vec<(&'a str, TypeId)> = Vec::new();
        for m in node.members() {
            let key = m.key.as_str();
            let found = match m.key.pooled() {
                Some(name) => ty.member_static(name),
                None => ty.member(key),
            };
            // Annotations (`@odata.type`, `x@odata.bind`) and actions (`#...`) are not
            // members; no declared name has either character, so only a name not found
            // is looked at for them.
            if found.is_none() && (key.starts_with('#') || key.as_bytes().contains(&b'@')) {
                continue;
            }
            match found {
                Some(mt) => {
                    self.steps.push(Step::Key(key));
                    self.value(&m.node, mt, ty, key);
                    self.steps.pop();
                }
                None => {
                    if additions::find(ty, key).is_some() || is_open(ty) {
                        continue;
                    }
                    if untyped && let Some(d) = declared.derived_declaring(key) {
                        only_derived.push((key, d));
                        continue;
                    }
                    self.steps.push(Step::Key(key));
                    let f = grf601_unknown_member::finding(self.doc, &self.pointer(), m, node, ty);
                    self.steps.pop();
                    self.push(f);
                }
            }
        }
        if !only_derived.is_empty() {
            let f = grf606_ambiguous_type::finding(
                self.doc,
                &self.pointer(),
                node,
                declared,
                &only_derived,
            );
            self.push(f);
        }
    }

    /// Checks a member's value against its declared type.
    fn value(&mut self, node: &'a Node, mt: MemberType, owner: TypeId, key: &str) {
        match &node.value {
            // `ConvertTo-Json -Depth` cut the export here: EXP902 says so.
            Value::String(s) if cut_off(s) => {}
            Value::Null if mt.nullable => {}
            Value::Array(items) if mt.collection => {
                for (i, item) in items.iter().enumerate() {
                    if item.is_null() {
                        continue;
                    }
                    self.steps.push(Step::Index(i));
                    self.item(item, mt, owner, key);
                    self.steps.pop();
                }
            }
            _ if mt.collection => self.wrong_type(node, mt, owner, key),
            _ => self.item(node, mt, owner, key),
        }
    }

    /// Checks one value (a member's, or one item of a collection) against `mt.scalar`.
    fn item(&mut self, node: &'a Node, mt: MemberType, owner: TypeId, key: &str) {
        let fits = match (&node.value, mt.scalar) {
            (_, Scalar::Any) => true,
            (Value::String(s), _) if cut_off(s) => true,
            (Value::String(_), Scalar::String) => true,
            (Value::Integer(_) | Value::Real(_), Scalar::Number) => true,
            // OData writes IEEE 754 specials of Edm.Double as strings.
            (Value::String(s), Scalar::Number) => matches!(s.as_str(), "NaN" | "INF" | "-INF"),
            (Value::Bool(_), Scalar::Boolean) => true,
            (Value::String(s), Scalar::Enum(e)) => {
                if !e.is_open() {
                    grf603_enum_value::check(self, node, s, e);
                }
                true
            }
            (Value::Object(_), Scalar::Type(t)) => {
                self.object_members(node, t, true);
                true
            }
            _ => false,
        };
        if !fits {
            self.wrong_type(node, mt, owner, key);
        }
    }

    fn wrong_type(&mut self, node: &'a Node, mt: MemberType, owner: TypeId, key: &str) {
        if additions::find(owner, key).is_some_and(|a| a.change == additions::Change::Reshaped) {
            return;
        }
        let in_collection = matches!(self.steps.last(), Some(Step::Index(_)));
        let f = grf602_value_type::finding(self.doc, &self.pointer(), node, mt, key, in_collection);
        self.push(f);
    }
}

/// A value `ConvertTo-Json -Depth` cut off (`System.Object[]`, `@{...}`).
fn cut_off(s: &str) -> bool {
    is_truncation_marker(s)
}

/// The candidate a misspelling most likely meant: a case variant, else the nearest name
/// within a couple of edits.
fn did_you_mean<'c>(written: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let mut best: Option<(usize, &str)> = None;
    let limit = if written.len() <= 4 { 1 } else { 2 };
    let lower = written.to_ascii_lowercase();
    // Lengths further apart than the limit can't be within it: an export full of unknown
    // members (13,000 in one run) spent 90% of its time in the distance table.
    for c in candidates.filter(|c| c.len().abs_diff(written.len()) <= limit) {
        let d = if c.eq_ignore_ascii_case(written) {
            0
        } else {
            strsim::osa_distance(&lower, &c.to_ascii_lowercase())
        };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_prefer_case_variants_then_near_misses() {
        let names = ["passcodeMinimumLength", "passcodeRequired", "key", "value"];
        assert_eq!(
            did_you_mean("passcodeMinimumLenght", names.into_iter()),
            Some("passcodeMinimumLength")
        );
        assert_eq!(did_you_mean("Key", names.into_iter()), Some("key"));
        assert_eq!(did_you_mean("name", names.into_iter()), None);
        // An adjacent transposition is one edit.
        assert_eq!(did_you_mean("vaule", names.into_iter()), Some("value"));
    }
}
