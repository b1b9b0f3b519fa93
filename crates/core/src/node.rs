//! The one value tree every format parses into.
//!
//! JSON, YAML and plist all become [`Node`]s so that rules and views never care where a
//! value came from. Each node remembers the byte span of its value (and of its key, for
//! object members) in the decoded text; binary and signed plists have no spans.

use std::ops::Range;

/// A byte range in a document's decoded text.
pub type Span = Range<usize>;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Span of the whole value (for strings: including the quotes or tags).
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    Real(f64),
    String(String),
    /// plist `<data>`; JSON and YAML never produce it.
    Data(Vec<u8>),
    /// plist `<date>`, kept as written.
    Date(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// An object member. Members keep their order and duplicates (EXP904 needs them).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: Key,
    pub key_span: Option<Span>,
    pub node: Node,
}

/// A member's name. Names repeat across an export far more than anything else in it, so
/// the short ones are shared for the process ([`crate::intern::pooled_name`]) instead of
/// allocated and freed key by key. Reads like a `&str`.
#[derive(Clone)]
pub struct Key(KeyText);

#[derive(Clone)]
enum KeyText {
    Pooled(&'static str),
    Own(Box<str>),
}

impl Key {
    pub fn new(s: &str) -> Self {
        Key(match crate::intern::pooled_name(s) {
            Some(p) => KeyText::Pooled(p),
            None => KeyText::Own(s.into()),
        })
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            KeyText::Pooled(s) => s,
            KeyText::Own(s) => s,
        }
    }

    /// The name as pooled for the process, if it is (most are): its address is then as
    /// good as its text for a memo.
    pub fn pooled(&self) -> Option<&'static str> {
        match self.0 {
            KeyText::Pooled(s) => Some(s),
            KeyText::Own(_) => None,
        }
    }
}

impl From<&str> for Key {
    fn from(s: &str) -> Self {
        Key::new(s)
    }
}

impl From<String> for Key {
    fn from(s: String) -> Self {
        match crate::intern::pooled_name(&s) {
            Some(p) => Key(KeyText::Pooled(p)),
            None => Key(KeyText::Own(s.into_boxed_str())),
        }
    }
}

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Key {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Key {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Key {}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h);
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Key {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Node {
    pub fn new(value: Value, span: Option<Span>) -> Self {
        Node { value, span }
    }

    /// First member named exactly `key` (duplicates: the last one wins, like serde_json).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.node)
    }

    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.value {
            Value::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    /// Case-insensitive member lookup, for keys whose case varies between exporters.
    pub fn get_ci(&self, key: &str) -> Option<(&str, &Node)> {
        match &self.value {
            Value::Object(members) => members
                .iter()
                .rev()
                .find(|m| m.key.eq_ignore_ascii_case(key))
                .map(|m| (m.key.as_str(), &m.node)),
            _ => None,
        }
    }

    pub fn members(&self) -> &[Member] {
        match &self.value {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self.value, Value::Array(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Follows an RFC 6901 JSON Pointer (`/a/0/b`). Returns the node and, when the last
    /// step was an object member, that member (for its key span).
    pub fn pointer(&self, pointer: &str) -> Option<(&Node, Option<&Member>)> {
        if pointer.is_empty() {
            return Some((self, None));
        }
        let mut node = self;
        let mut last_member = None;
        let mut rest = Some(pointer.strip_prefix('/')?);
        // memchr rather than `split('/')`: locations resolve many pointers.
        while let Some(r) = rest {
            let raw = match memchr::memchr(b'/', r.as_bytes()) {
                Some(i) => {
                    rest = Some(&r[i + 1..]);
                    &r[..i]
                }
                None => {
                    rest = None;
                    r
                }
            };
            let token = unescape_token(raw);
            match &node.value {
                Value::Object(members) => {
                    let m = members.iter().rev().find(|m| *m.key == *token)?;
                    last_member = Some(m);
                    node = &m.node;
                }
                Value::Array(items) => {
                    node = items.get(token.parse::<usize>().ok()?)?;
                    last_member = None;
                }
                _ => return None,
            }
        }
        Some((node, last_member))
    }

    /// [`Self::type_name`] with its article ("an Integer", "a String", "null"), for messages.
    pub fn type_with_article(&self) -> String {
        match self.type_name() {
            "null" => "null".to_string(),
            n if n.starts_with(['A', 'E', 'I', 'O', 'U']) => format!("an {n}"),
            n => format!("a {n}"),
        }
    }

    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "Boolean",
            Value::Integer(_) => "Integer",
            Value::Real(_) => "Real",
            Value::String(_) => "String",
            Value::Data(_) => "Data",
            Value::Date(_) => "Date",
            Value::Array(_) => "Array",
            Value::Object(_) => "Dictionary",
        }
    }
}

fn unescape_token(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('~') {
        raw.replace("~1", "/").replace("~0", "~").into()
    } else {
        raw.into()
    }
}

/// Appends one escaped token to a JSON Pointer.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if needs_escape(token) {
        pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
    } else {
        pointer.push_str(token);
    }
}

/// A byte loop: views build pointers for every value they read.
fn needs_escape(token: &str) -> bool {
    token.bytes().any(|b| b == b'~' || b == b'/')
}

/// A step of a JSON Pointer: a member name or an array index.
pub trait Token {
    /// Appends `/` and the step, escaped.
    fn push_to(&self, pointer: &mut String);
    /// The step's length unescaped, to size the pointer.
    fn text_len(&self) -> usize;
}

impl Token for str {
    fn push_to(&self, pointer: &mut String) {
        push_token(pointer, self);
    }
    fn text_len(&self) -> usize {
        str::len(self)
    }
}

impl Token for String {
    fn push_to(&self, pointer: &mut String) {
        push_token(pointer, self);
    }
    fn text_len(&self) -> usize {
        String::len(self)
    }
}

impl Token for Key {
    fn push_to(&self, pointer: &mut String) {
        push_token(pointer, self);
    }
    fn text_len(&self) -> usize {
        self.as_str().len()
    }
}

impl Token for usize {
    fn push_to(&self, pointer: &mut String) {
        use std::fmt::Write as _;
        let _ = write!(pointer, "/{self}");
    }
    fn text_len(&self) -> usize {
        self.checked_ilog10().unwrap_or(0) as usize + 1
    }
}

impl<T: Token + ?Sized> Token for &T {
    fn push_to(&self, pointer: &mut String) {
        (**self).push_to(pointer);
    }
    fn text_len(&self) -> usize {
        (**self).text_len()
    }
}

/// `base` + one token, as a new pointer of exact capacity (views keep many of them).
pub fn join(base: &str, token: impl Token) -> String {
    let mut p = String::with_capacity(base.len() + 1 + token.text_len());
    p.push_str(base);
    token.push_to(&mut p);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(members: Vec<(&str, Node)>) -> Node {
        Node::new(
            Value::Object(
                members
                    .into_iter()
                    .map(|(k, n)| Member {
                        key: k.into(),
                        key_span: None,
                        node: n,
                    })
                    .collect(),
            ),
            None,
        )
    }

    #[test]
    fn any_string_finds_what_walk_finds() {
        let s = |v: &str| Node::new(Value::String(v.into()), None);
        let tree = obj(vec![
            ("needle", s("key names are not strings")),
            (
                "a",
                Node::new(
                    Value::Array(vec![obj(vec![("b", s("x"))]), s("y"), obj(vec![])]),
                    None,
                ),
            ),
            ("c", Node::new(Value::Integer(1), None)),
        ]);
        for probe in ["x", "y", "needle", "key names are not strings", "z"] {
            let mut walked = false;
            tree.walk(|_, n| walked |= n.as_str() == Some(probe));
            assert_eq!(tree.any_string(|v| v == probe), walked, "{probe}");
        }
        assert!(s("root").any_string(|v| v == "root"));
    }

    #[test]
    fn pointer_walks_objects_arrays_and_escapes() {
        let leaf = Node::new(Value::Integer(1), Some(5..6));
        let tree = obj(vec![(
            "a/b",
            Node::new(Value::Array(vec![obj(vec![("~k", leaf.clone())])]), None),
        )]);
        let (n, m) = tree.pointer("/a~1b/0/~0k").unwrap();
        assert_eq!(n, &leaf);
        assert_eq!(m.unwrap().key, "~k");
        assert!(tree.pointer("/a~1b/1").is_none());
        assert!(tree.pointer("/missing").is_none());
        let mut p = String::new();
        push_token(&mut p, "a/b");
        push_token(&mut p, "~k");
        assert_eq!(p, "/a~1b/~0k");
        assert_eq!(join("/x", "a/b~"), "/x/a~1b~0");
        assert_eq!(join("", 12), "/12");
        assert_eq!(join("/x", "plain"), "/x/plain");
    }

    #[test]
    fn duplicate_members_resolve_to_the_last() {
        let tree = obj(vec![
            ("k", Node::new(Value::Integer(1), None)),
            ("k", Node::new(Value::Integer(2), None)),
        ]);
        assert_eq!(tree.get("k").unwrap().as_i64(), Some(2));
        assert_eq!(tree.get_ci("K").unwrap().1.as_i64(), Some(2));
    }
}

/// One step of a path from the root: a member key or an array index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Renders a path of steps as a JSON Pointer; walks keep steps and render only on a hit.
pub fn pointer_of(base: &str, steps: &[Step<'_>]) -> String {
    let mut p = base.to_string();
    for s in steps {
        match s {
            Step::Key(k) => push_token(&mut p, k),
            Step::Index(i) => {
                use std::fmt::Write as _;
                let _ = write!(p, "/{i}");
            }
        }
    }
    p
}

/// Whether two of `members` may have the same key: a small object compares its keys
/// pairwise (most differ in length), a larger one sorts their hashes in `scratch`, without
/// a string comparison per step of the sort. `false` is certain; `true` may be a hash
/// collision, for the caller to confirm.
pub fn keys_may_repeat(members: &[Member], scratch: &mut Vec<u64>) -> bool {
    if members.len() <= 8 {
        return members
            .iter()
            .enumerate()
            .any(|(i, a)| members[i + 1..].iter().any(|b| a.key == b.key));
    }
    scratch.clear();
    scratch.extend(
        members
            .iter()
            .map(|m| crate::location::digest(m.key.as_bytes())),
    );
    scratch.sort_unstable();
    scratch.windows(2).any(|w| w[0] == w[1])
}

impl Node {
    /// Whether any string in the tree (keys aside) satisfies `pred`: a scan without the
    /// steps [`Self::walk`] keeps, for checks that rarely find anything and need the path
    /// only when they do. Iterative, one frame per open container.
    pub fn any_string(&self, pred: impl Fn(&str) -> bool) -> bool {
        enum Frame<'a> {
            Members(std::slice::Iter<'a, Member>),
            Items(std::slice::Iter<'a, Node>),
        }
        let mut stack = vec![Frame::Items(std::slice::from_ref(self).iter())];
        while let Some(top) = stack.last_mut() {
            let next = match top {
                Frame::Members(it) => it.next().map(|m| &m.node),
                Frame::Items(it) => it.next(),
            };
            let Some(node) = next else {
                stack.pop();
                continue;
            };
            match &node.value {
                Value::String(s) if pred(s) => return true,
                Value::Object(members) => stack.push(Frame::Members(members.iter())),
                Value::Array(items) => stack.push(Frame::Items(items.iter())),
                _ => {}
            }
        }
        false
    }

    /// Visits every node depth-first with the steps leading to it, without allocating a
    /// pointer per node. Iterative: depth never threatens the stack. One frame per open
    /// container, so memory grows with depth, not with the width of an array (a 60 MB
    /// array of zeros once pushed all its 30 million children at once).
    pub fn walk<'a>(&'a self, visit: impl FnMut(&[Step<'a>], &'a Node)) {
        self.walk_nodes::<true>(visit);
    }

    /// [`Self::walk`] over objects and arrays only: a check of containers skips the
    /// scalars, most of a tree, without a step or a call for each.
    pub fn walk_containers<'a>(&'a self, visit: impl FnMut(&[Step<'a>], &'a Node)) {
        self.walk_nodes::<false>(visit);
    }

    fn walk_nodes<'a, const SCALARS: bool>(&'a self, mut visit: impl FnMut(&[Step<'a>], &'a Node)) {
        enum Children<'a> {
            Members(std::slice::Iter<'a, Member>),
            Items(std::iter::Enumerate<std::slice::Iter<'a, Node>>),
        }
        fn children(node: &Node) -> Option<Children<'_>> {
            match &node.value {
                Value::Object(members) => Some(Children::Members(members.iter())),
                Value::Array(items) => Some(Children::Items(items.iter().enumerate())),
                _ => None,
            }
        }
        let mut path: Vec<Step<'a>> = Vec::new();
        if SCALARS || children(self).is_some() {
            visit(&path, self);
        }
        // Every frame but the root's has its step on `path`.
        let mut stack: Vec<Children<'a>> = children(self).into_iter().collect();
        while let Some(top) = stack.last_mut() {
            let next = match top {
                Children::Members(it) => it.next().map(|m| (Step::Key(&m.key), &m.node)),
                Children::Items(it) => it.next().map(|(i, n)| (Step::Index(i), n)),
            };
            let Some((step, node)) = next else {
                stack.pop();
                path.pop();
                continue;
            };
            if !SCALARS && !matches!(node.value, Value::Object(_) | Value::Array(_)) {
                continue;
            }
            path.push(step);
            visit(&path, node);
            match children(node) {
                Some(c) => stack.push(c),
                None => {
                    path.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod walk_tests {
    use super::*;

    #[test]
    fn walk_containers_skips_scalars() {
        let tree =
            crate::formats::json::parse(r#"{"a": [1, {"b/c": 2}], "d": 3, "e": {}}"#).unwrap();
        let mut seen = Vec::new();
        tree.walk_containers(|steps, n| seen.push((pointer_of("", steps), n.type_name())));
        assert_eq!(
            seen,
            vec![
                ("".to_string(), "Dictionary"),
                ("/a".to_string(), "Array"),
                ("/a/1".to_string(), "Dictionary"),
                ("/e".to_string(), "Dictionary"),
            ]
        );
    }

    #[test]
    fn walk_yields_every_node_with_its_pointer() {
        let tree = crate::formats::json::parse(r#"{"a": [1, {"b/c": 2}], "d": 3}"#).unwrap();
        let mut seen = Vec::new();
        tree.walk(|steps, n| seen.push((pointer_of("", steps), n.type_name())));
        assert_eq!(
            seen,
            vec![
                ("".to_string(), "Dictionary"),
                ("/a".to_string(), "Array"),
                ("/a/0".to_string(), "Integer"),
                ("/a/1".to_string(), "Dictionary"),
                ("/a/1/b~1c".to_string(), "Integer"),
                ("/d".to_string(), "Integer"),
            ]
        );
    }
}
