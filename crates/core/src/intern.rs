//! Strings that repeat across an export, stored once: the tenant index holds a location
//! per policy, assignment and target, and most of their JSON Pointers are the same handful
//! (`/assignments/0/target`); object kinds repeat the same way.

use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::sync::{Arc, LazyLock, Mutex};

/// An immutable string, shared with every equal one made by [`Interned::new`]. Reads like
/// a `&str` (it derefs to one and compares with `str` and `String`).
///
/// One pointer wide (an `Arc<str>` is two): the index holds one per location, target and
/// object, and the extra indirection costs one allocation per distinct string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interned(Arc<Box<str>>);

/// Longer strings are rarely repeated: they get their own allocation, so one hostile file
/// cannot grow the pool by much per entry.
const MAX_POOLED: usize = 96;

type Shard = Mutex<HashSet<Pooled, foldhash::fast::RandomState>>;

/// A pool entry, looked up by its text.
#[derive(PartialEq, Eq, Hash)]
struct Pooled(Arc<Box<str>>);

impl std::borrow::Borrow<str> for Pooled {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// Every pooled string; never shrinks, and holds one entry per distinct short string
/// (the pointers and kinds an export's structure produces, not one per object). Sharded
/// by hash, so threads interning at once rarely wait for each other.
static POOL: LazyLock<[Shard; 16]> = LazyLock::new(Default::default);

impl Interned {
    pub fn new(s: &str) -> Self {
        let own = || Interned(Arc::new(Box::from(s)));
        if s.len() > MAX_POOLED {
            return own();
        }
        use std::hash::BuildHasher;
        let hash = foldhash::fast::FixedState::with_seed(0).hash_one(s);
        // Each thread remembers the strings it interned last, one per slot: most are the
        // same few pointers file after file, found again without taking the pool's lock.
        thread_local! {
            static RECENT: RefCell<[Option<Interned>; 256]> =
                const { RefCell::new([const { None }; 256]) };
        }
        let slot = (hash >> 56) as usize;
        let recent = RECENT.with_borrow(|r| r[slot].as_ref().filter(|i| i.as_str() == s).cloned());
        if let Some(hit) = recent {
            return hit;
        }
        let Ok(mut pool) = POOL[(hash % 16) as usize].lock() else {
            return own();
        };
        let shared = match pool.get(s) {
            Some(shared) => Interned(shared.0.clone()),
            None => {
                let shared = own();
                pool.insert(Pooled(shared.0.clone()));
                shared
            }
        };
        drop(pool);
        RECENT.with_borrow_mut(|r| r[slot] = Some(shared.clone()));
        shared
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Interned {
    fn default() -> Self {
        Interned::new("")
    }
}

impl std::ops::Deref for Interned {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Interned {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Interned {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Interned {
    fn from(s: &str) -> Self {
        Interned::new(s)
    }
}

impl From<String> for Interned {
    fn from(s: String) -> Self {
        Interned::new(&s)
    }
}

impl From<&String> for Interned {
    fn from(s: &String) -> Self {
        Interned::new(s)
    }
}

impl From<Interned> for String {
    fn from(s: Interned) -> Self {
        s.as_str().to_string()
    }
}

impl PartialEq<str> for Interned {
    fn eq(&self, other: &str) -> bool {
        **self.0 == *other
    }
}

impl PartialEq<&str> for Interned {
    fn eq(&self, other: &&str) -> bool {
        **self.0 == **other
    }
}

impl PartialEq<String> for Interned {
    fn eq(&self, other: &String) -> bool {
        **self.0 == **other
    }
}

impl PartialEq<Interned> for str {
    fn eq(&self, other: &Interned) -> bool {
        *self == **other.0
    }
}

impl PartialEq<Interned> for &str {
    fn eq(&self, other: &Interned) -> bool {
        **self == **other.0
    }
}

impl PartialEq<Interned> for String {
    fn eq(&self, other: &Interned) -> bool {
        **self == **other.0
    }
}

impl fmt::Display for Interned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Interned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self.0, f)
    }
}

impl Serialize for Interned {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A string kept for the rest of the process, shared by every equal one: for the member
/// names of the documents read, which are a few hundred distinct names however large the
/// export (3.9 million keys, 154 names, in the benchmark's 20,000-file export), so that a
/// key costs a lookup instead of an allocation and a free. `None` when `s` is longer than
/// [`MAX_POOLED`] or the names pooled so far hold [`MAX_NAME_BYTES`]: the caller then
/// owns its copy, so hostile files cannot grow the pool without bound.
pub fn pooled_name(s: &str) -> Option<&'static str> {
    use std::cell::Cell;
    use std::hash::BuildHasher;
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NAMES: LazyLock<[Mutex<HashSet<&'static str, foldhash::fast::RandomState>>; 16]> =
        LazyLock::new(Default::default);
    static BYTES: AtomicUsize = AtomicUsize::new(0);
    if s.len() > MAX_POOLED {
        return None;
    }
    // Each thread remembers the names it met last, one per slot, without a lock: after
    // the first files, every key is found here. The slot comes from the length and the
    // first and last bytes, which tell a few hundred names apart for a fraction of a
    // full hash.
    thread_local! {
        static RECENT: [Cell<&'static str>; 512] = const { [const { Cell::new("") }; 512] };
    }
    let b = s.as_bytes();
    let ends = match b {
        [] => 0,
        [first, .., last] => u64::from(*first) << 8 | u64::from(*last),
        [only] => u64::from(*only),
    };
    let quick = (ends << 16 | b.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let slot = (quick >> 55) as usize;
    let recent = RECENT.with(|r| r[slot].get());
    if recent.len() == s.len() && recent.as_bytes() == b {
        return Some(recent);
    }
    let hash = foldhash::fast::FixedState::with_seed(0).hash_one(s);
    let mut names = NAMES[(hash % 16) as usize].lock().ok()?;
    let name = match names.get(s) {
        Some(&name) => name,
        None => {
            if BYTES.fetch_add(s.len(), Ordering::Relaxed) + s.len() > MAX_NAME_BYTES {
                return None;
            }
            let name: &'static str = Box::leak(Box::from(s));
            names.insert(name);
            name
        }
    };
    drop(names);
    RECENT.with(|r| r[slot].set(name));
    Some(name)
}

/// What [`pooled_name`] keeps at most: 4 MiB.
pub const MAX_NAME_BYTES: usize = 4 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_short_strings_share_one_allocation() {
        let a = Interned::new("/assignments/0/target");
        let b = Interned::from(String::from("/assignments/0/target"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "/assignments/0/target");
        let long = "x".repeat(MAX_POOLED + 1);
        let (c, d) = (Interned::new(&long), Interned::new(&long));
        assert_eq!(c, d);
        assert!(!Arc::ptr_eq(&c.0, &d.0), "long strings are not pooled");
    }

    #[test]
    fn names_are_pooled_once_and_only_when_short() {
        let a = pooled_name("displayName").unwrap();
        let b = pooled_name(&String::from("displayName")).unwrap();
        assert_eq!(a, "displayName");
        assert!(std::ptr::eq(a, b));
        // Found again from another thread, where the per-thread slots are empty.
        let c = std::thread::spawn(|| pooled_name("displayName").unwrap())
            .join()
            .unwrap();
        assert!(std::ptr::eq(a, c));
        assert_eq!(pooled_name(""), Some(""));
        // Keys compare by text, pooled or not.
        use crate::node::Key;
        let long = "n".repeat(MAX_POOLED + 1);
        assert_eq!(Key::new(&long), Key::from(long.clone()));
        assert_ne!(Key::new(&long), Key::new(&long[1..]));
        assert_eq!(
            Key::new("displayName"),
            Key::from(String::from("displayName"))
        );
        assert_ne!(Key::new("displayName"), Key::new("displayNamE"));
        assert_eq!(Key::new(""), Key::from(String::new()));
        assert_eq!(pooled_name(&"k".repeat(MAX_POOLED + 1)), None);
    }
}
