//! Binary property lists (`bplist00`), through the plist crate. No spans: binary files have
//! no lines, so findings carry only the key path.
//!
//! The crate's event reader is used directly rather than `plist::Value::from_reader`:
//! the tree is built here without recursion, with the same depth limit as XML, and with a
//! budget on the number of values. The budget matters because a binary plist is a graph:
//! objects are shared by reference, the reader only refuses *cycles*, and a chain of arrays
//! that each reference the next one twice expands to 2^n values from a few hundred bytes.
//! A real plist references each value at least once with at least one byte, so more
//! values than bytes in the file means such an expansion.

use super::ParseError;
use crate::node::{Member, Node, Value};
use plist::stream::{BinaryReader, Event};
use std::io::Cursor;

/// Same limit as the XML and JSON parsers.
pub const MAX_DEPTH: usize = 512;

/// Bytes of strings and data the tree may hold, over the file's own size: shared strings
/// (keys) legitimately repeat, but not without bound.
const MAX_EXPANSION: usize = 64;

pub fn parse(bytes: &[u8]) -> Result<Node, ParseError> {
    let max_values = bytes.len() + 16;
    let max_bytes = bytes.len().saturating_mul(MAX_EXPANSION) + (1 << 20);
    let mut values = 0usize;
    let mut payload = 0usize;

    let mut reader = BinaryReader::new(Cursor::new(bytes));
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        let event = match reader.next() {
            Some(Ok(event)) => event,
            Some(Err(e)) => return Err(error(&e)),
            None => return Err(ParseError::new("binary plist ended early", None)),
        };
        let node = match event {
            Event::StartArray(_) | Event::StartDictionary(_) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::new(
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                        None,
                    ));
                }
                values += 1;
                if values > max_values {
                    return Err(too_many());
                }
                stack.push(if matches!(event, Event::StartArray(_)) {
                    Frame::Array(Vec::new())
                } else {
                    Frame::Dict(Vec::new(), None)
                });
                continue;
            }
            Event::EndCollection => match stack.pop() {
                Some(Frame::Array(items)) => Node::new(Value::Array(items), None),
                Some(Frame::Dict(members, None)) => Node::new(Value::Object(members), None),
                Some(Frame::Dict(_, Some(key))) => {
                    return Err(ParseError::new(
                        format!("dictionary key {key:?} has no value"),
                        None,
                    ));
                }
                None => return Err(ParseError::new("unbalanced binary plist", None)),
            },
            scalar => {
                values += 1;
                if values > max_values {
                    return Err(too_many());
                }
                let value = match scalar {
                    Event::Boolean(b) => Value::Bool(b),
                    Event::Data(d) => Value::Data(d.into_owned()),
                    Event::Date(d) => Value::Date(d.to_xml_format()),
                    Event::Integer(i) => match i.as_signed() {
                        Some(i) => Value::Integer(i),
                        // Unsigned above i64::MAX: keep the magnitude rather than fail.
                        None => Value::Real(i.as_unsigned().unwrap_or(u64::MAX) as f64),
                    },
                    Event::Real(r) => Value::Real(r),
                    Event::String(s) => Value::String(s.into_owned()),
                    Event::Uid(u) => Value::Integer(i64::try_from(u.get()).unwrap_or(i64::MAX)),
                    _ => return Err(ParseError::new("unsupported binary plist object", None)),
                };
                if let Value::String(s) = &value {
                    payload += s.len();
                } else if let Value::Data(d) = &value {
                    payload += d.len();
                }
                if payload > max_bytes {
                    return Err(too_many());
                }
                Node::new(value, None)
            }
        };
        // Attach the finished value to its parent, or return it as the root.
        match stack.last_mut() {
            None => return Ok(node),
            Some(Frame::Array(items)) => items.push(node),
            Some(Frame::Dict(members, key)) => match key.take() {
                Some(key) => members.push(Member {
                    key: key.into(),
                    key_span: None,
                    node,
                }),
                None => match node.value {
                    Value::String(s) => *key = Some(s),
                    _ => {
                        return Err(ParseError::new(
                            format!("dictionary key is a {}, not a string", node.type_name()),
                            None,
                        ));
                    }
                },
            },
        }
    }
}

enum Frame {
    Array(Vec<Node>),
    /// Members so far, and a key waiting for its value.
    Dict(Vec<Member>, Option<String>),
}

fn too_many() -> ParseError {
    ParseError::new(
        "binary plist expands to far more values than the file holds (shared objects \
         referenced over and over)",
        None,
    )
}

fn error(e: &plist::Error) -> ParseError {
    // Byte offsets into a binary file mean nothing to a text renderer; keep them in the
    // message only.
    ParseError::new(format!("invalid binary plist: {e}"), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binary(value: &plist::Value) -> Vec<u8> {
        let mut out = Vec::new();
        value.to_writer_binary(&mut out).unwrap();
        out
    }

    #[test]
    fn converts_every_type_without_spans() {
        let mut inner = plist::Dictionary::new();
        inner.insert(
            "device_registration".into(),
            "{{DEVICEREGISTRATION}} ".into(),
        );
        inner.insert("browser_sso_interaction_enabled".into(), 1.into());
        let mut d = plist::Dictionary::new();
        d.insert("ExtensionData".into(), plist::Value::Dictionary(inner));
        d.insert(
            "List".into(),
            plist::Value::Array(vec![
                true.into(),
                2.5.into(),
                plist::Value::Data(vec![1, 2, 3]),
                plist::Value::Date(plist::Date::from_xml_format("2024-01-02T03:04:05Z").unwrap()),
                plist::Value::Uid(plist::Uid::new(7)),
                plist::Value::Integer(u64::MAX.into()),
                (-5i64).into(),
            ]),
        );
        let n = parse(&binary(&plist::Value::Dictionary(d))).unwrap();
        assert_eq!(n.span, None);
        let (v, m) = n.pointer("/ExtensionData/device_registration").unwrap();
        assert_eq!(v.as_str(), Some("{{DEVICEREGISTRATION}} "));
        assert_eq!(m.unwrap().key_span, None);
        assert_eq!(
            n.pointer("/ExtensionData/browser_sso_interaction_enabled")
                .unwrap()
                .0
                .as_i64(),
            Some(1)
        );
        let list: Vec<&Value> = n
            .get("List")
            .unwrap()
            .items()
            .iter()
            .map(|i| &i.value)
            .collect();
        assert_eq!(
            list,
            [
                &Value::Bool(true),
                &Value::Real(2.5),
                &Value::Data(vec![1, 2, 3]),
                &Value::Date("2024-01-02T03:04:05Z".into()),
                &Value::Integer(7),
                &Value::Real(u64::MAX as f64),
                &Value::Integer(-5),
            ]
        );
    }

    /// A hand-made bplist00: objects, then the offset table, then the trailer.
    fn assemble(objects: &[Vec<u8>], root: u64, ref_size: u8) -> Vec<u8> {
        let mut out = b"bplist00".to_vec();
        let mut offsets = Vec::new();
        for o in objects {
            offsets.push(out.len() as u16);
            out.extend_from_slice(o);
        }
        let table = out.len() as u64;
        for off in &offsets {
            out.extend_from_slice(&off.to_be_bytes());
        }
        out.extend_from_slice(&[0; 6]);
        out.push(2); // offset size
        out.push(ref_size);
        out.extend_from_slice(&(objects.len() as u64).to_be_bytes());
        out.extend_from_slice(&root.to_be_bytes());
        out.extend_from_slice(&table.to_be_bytes());
        out
    }

    #[test]
    fn shared_objects_cannot_expand_exponentially() {
        // Object i is an array [i+1, i+1]; the last is `true`. 2^60 values, ~300 bytes.
        let n = 60u8;
        let mut objects: Vec<Vec<u8>> = (0..n).map(|i| vec![0xA2, i + 1, i + 1]).collect();
        objects.push(vec![0x09]);
        let bytes = assemble(&objects, 0, 1);
        let t = std::time::Instant::now();
        let e = parse(&bytes).unwrap_err();
        assert!(e.message.contains("expands"), "{e:?}");
        assert!(t.elapsed().as_secs() < 2);
    }

    #[test]
    fn deep_and_cyclic_graphs_are_errors() {
        // Chains of single-element arrays, two-byte references: object i holds i+1.
        let chain = |n: u16| {
            let mut objects: Vec<Vec<u8>> = (0..n)
                .map(|i| {
                    let [hi, lo] = (i + 1).to_be_bytes();
                    vec![0xA1, hi, lo]
                })
                .collect();
            objects.push(vec![0x09]);
            assemble(&objects, 0, 2)
        };
        assert!(parse(&chain(MAX_DEPTH as u16)).is_ok());
        let e = parse(&chain(MAX_DEPTH as u16 + 1)).unwrap_err();
        assert!(e.message.contains("deeper"), "{e:?}");
        assert!(parse(&chain(5000)).is_err());
        let cycle = assemble(&[vec![0xA1, 0]], 0, 1);
        assert!(parse(&cycle).is_err());
        // A dictionary whose key is not a string.
        let bad_key = assemble(&[vec![0xD1, 1, 1], vec![0x09]], 0, 1);
        assert!(parse(&bad_key).is_err());
    }

    #[test]
    fn hostile_bytes_are_errors_not_panics() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let valid = binary(&plist::Value::Array(vec![
            "a".into(),
            1.into(),
            true.into(),
        ]));
        for len in [0usize, 1, 8, 9, 31, 32, 33, 40, 100, 1000] {
            for _ in 0..50 {
                let mut bytes = b"bplist00".to_vec();
                bytes.extend((0..len).map(|_| next() as u8));
                let _ = parse(&bytes);
            }
        }
        // Flip every byte of a valid file in turn.
        for i in 0..valid.len() {
            for x in [0x01u8, 0x80, 0xFF] {
                let mut bytes = valid.clone();
                bytes[i] ^= x;
                let _ = parse(&bytes);
            }
        }
        // Truncations.
        for i in 0..valid.len() {
            let _ = parse(&valid[..i]);
        }
        // A trailer claiming 2^64-1 objects and a huge offset table.
        let mut huge = valid.clone();
        let t = huge.len() - 24;
        huge[t..t + 8].copy_from_slice(&u64::MAX.to_be_bytes());
        assert!(parse(&huge).is_err());
        // An array claiming 2^32 elements.
        let big = assemble(&[vec![0xAF, 0x12, 0xFF, 0xFF, 0xFF, 0xFF]], 0, 1);
        assert!(parse(&big).is_err());
    }
}
