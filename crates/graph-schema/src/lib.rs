//! Microsoft Graph beta's type system as static tables: every entity and complex type with
//! its base type, members and derived types, and every enum with its members.
//!
//! The tables in `generated.rs` are produced by `generate/` from Microsoft's typings
//! (`@microsoft/microsoft-graph-types-beta`, MIT: see `LICENSE-MICROSOFT.txt`) and checked
//! in: nothing is parsed or built at start-up, lookups are binary searches over sorted static
//! arrays, behind small per-thread memos of the last answers (constant-initialized).

mod generated;

pub use generated::TYPINGS_VERSION;
use generated::{DERIVED, ENUM_MEMBERS, ENUMS, MEMBERS, NAMES, TYPES, TYPES_BY_NAME};
use std::cell::Cell;
use std::cmp::Ordering;

// The packing of `generated.rs`; must match generate/generator.rs.
const TAG_MASK: u32 = 0xF;
const COLLECTION: u32 = 1 << 4;
const NULLABLE: u32 = 1 << 5;
const INDEX_SHIFT: u32 = 8;
const NAME_LEN_BITS: u32 = 10;

/// Names are ordered by length, then bytes, where lookups need exact matches: the length
/// (packed beside the offset) settles most comparisons without touching the bytes.
fn len_then_bytes(packed: u32, wanted: &str) -> Ordering {
    let len = (packed & ((1 << NAME_LEN_BITS) - 1)) as usize;
    len.cmp(&wanted.len())
        .then_with(|| name(packed).cmp(wanted))
}

fn name(packed: u32) -> &'static str {
    let off = (packed >> NAME_LEN_BITS) as usize;
    let len = (packed & ((1 << NAME_LEN_BITS) - 1)) as usize;
    &NAMES[off..off + len]
}

/// ASCII case-insensitive order, the order `TYPES` is sorted in.
fn ci_cmp(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// A Graph entity or complex type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeId(u32);

/// A Graph enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumId(u32);

/// What a member's values (or a collection's items) are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `Edm.String` and everything Graph writes as a JSON string (dates, GUIDs, binary).
    String,
    /// Every numeric Edm type.
    Number,
    Boolean,
    /// Untyped JSON (`any` in the typings: `Edm.Untyped`, streams).
    Any,
    Enum(EnumId),
    Type(TypeId),
}

/// A member's declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberType {
    pub scalar: Scalar,
    pub collection: bool,
    pub nullable: bool,
}

impl MemberType {
    fn unpack(kind: u32) -> Self {
        let index = kind >> INDEX_SHIFT;
        MemberType {
            scalar: match kind & TAG_MASK {
                0 => Scalar::String,
                1 => Scalar::Number,
                2 => Scalar::Boolean,
                4 => Scalar::Enum(EnumId(index)),
                5 => Scalar::Type(TypeId(index)),
                _ => Scalar::Any,
            },
            collection: kind & COLLECTION != 0,
            nullable: kind & NULLABLE != 0,
        }
    }

    /// How Graph's documentation writes the type: `Boolean`, `String collection`,
    /// `iosHomeScreenItem collection`.
    pub fn describe(&self) -> String {
        let item = match self.scalar {
            Scalar::String => "String",
            Scalar::Number => "Number",
            Scalar::Boolean => "Boolean",
            Scalar::Any => "any JSON value",
            Scalar::Enum(e) => e.name(),
            Scalar::Type(t) => t.name(),
        };
        if self.collection {
            format!("{item} collection")
        } else {
            item.to_string()
        }
    }
}

/// The Graph type an `@odata.type` names: `#microsoft.graph.iosVppApp`,
/// `microsoft.graph.iosVppApp` or `iosVppApp`, any case; `#microsoft.graph.callRecords.session`
/// for types of sub-namespaces.
pub fn find_type(odata_type: &str) -> Option<TypeId> {
    // Nearly every export writes `#microsoft.graph.` exactly: no trimming or case folding.
    let t = match odata_type.strip_prefix("#microsoft.graph.") {
        Some(t) if !t.ends_with(|c: char| c.is_whitespace()) => t,
        _ => normalize(odata_type),
    };
    // Exports name the same few dozen types over and over (every assignment target, every
    // app identifier): a small per-thread memo of exact spellings answers most lookups
    // with one comparison. Nothing is built at start-up.
    thread_local! {
        static SEEN: [Cell<u32>; 256] = const { [const { Cell::new(u32::MAX) }; 256] };
    }
    let slot = full_hash(t.as_bytes()) as usize % 256;
    let seen = SEEN.with(|s| s[slot].get());
    if seen != u32::MAX && TypeId(seen).name() == t {
        return Some(TypeId(seen));
    }
    let found = exact_or_any_case(t);
    if let Some(TypeId(i)) = found
        && TypeId(i).name() == t
    {
        SEEN.with(|s| s[slot].set(i));
    }
    found
}

/// A hash for the member memo: from the length and the first and last eight bytes, which
/// tell one type's member names apart well enough (a collision costs only a search).
fn quick_hash(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
    let (head, tail) = if n >= 8 {
        (word(0), word(n - 8))
    } else {
        // Fixed-size reads only: a copy of a variable length is a call to memcpy.
        (bytes.iter().fold(0, |w, &b| w << 8 | u64::from(b)), 0)
    };
    (head ^ tail.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32
}

/// A hash for the type memo, over every byte: type names share long heads and tails
/// (`deviceManagementConfigurationChoiceSettingInstance` and `...SimpleSettingInstance`
/// have the same length, first and last eight bytes), and [`quick_hash`] made such names
/// evict each other on nearly every lookup.
fn full_hash(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or_default());
        h = (h.rotate_left(5) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    let tail = chunks
        .remainder()
        .iter()
        .fold(0u64, |w, &b| w << 8 | u64::from(b));
    ((h.rotate_left(5) ^ tail).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> 32
}

/// The type name in an `@odata.type` as written: trimmed, without `#` and
/// `microsoft.graph.` (any case).
fn normalize(odata_type: &str) -> &str {
    let t = odata_type.trim();
    let t = t.strip_prefix('#').unwrap_or(t);
    match t.get(..16) {
        Some(p) if p.eq_ignore_ascii_case("microsoft.graph.") => &t[16..],
        _ => t,
    }
}

fn exact_or_any_case(t: &str) -> Option<TypeId> {
    // Exports spell types as Graph does: an exact search (memcmp) first, then any case.
    TYPES_BY_NAME
        .binary_search_by(|&i| len_then_bytes(TYPES[i as usize][0], t))
        .map(|i| TypeId(TYPES_BY_NAME[i]))
        .or_else(|_| {
            TYPES
                .binary_search_by(|row| ci_cmp(name(row[0]), t))
                .map(|i| TypeId(i as u32))
        })
        .ok()
}

/// Every type's name (for "did you mean" on a misspelled `@odata.type`).
pub fn type_names() -> impl Iterator<Item = &'static str> {
    TYPES.iter().map(|row| name(row[0]))
}

impl TypeId {
    /// The name as Graph spells it, without `microsoft.graph.` (`iosVppApp`).
    pub fn name(self) -> &'static str {
        name(TYPES[self.0 as usize][0])
    }

    pub fn base(self) -> Option<TypeId> {
        let b = TYPES[self.0 as usize][1];
        (b != u32::MAX).then_some(TypeId(b))
    }

    /// This type and its bases, nearest first.
    pub fn ancestry(self) -> impl Iterator<Item = TypeId> {
        std::iter::successors(Some(self), |t| t.base())
    }

    /// Every member the type accepts, its bases' included.
    fn rows(self) -> &'static [[u32; 2]] {
        let row = TYPES[self.0 as usize];
        &MEMBERS[row[2] as usize..(row[2] + row[3]) as usize]
    }

    /// The member as this type or one of its bases declares it (exact name).
    pub fn member(self, member: &str) -> Option<MemberType> {
        // The GRF walk asks this for every member of every object, mostly the same few
        // hundred (type, member) pairs: a per-thread memo of where each was found.
        // Slots hold (type + 1, row): all zeros is empty, so the memo costs a thread
        // nothing to set up. A device restriction type has hundreds of members: 4096
        // slots keep an export's few thousand pairs from evicting each other.
        const SLOTS: usize = 4096;
        thread_local! {
            static SEEN: [Cell<(u32, u32)>; SLOTS] = const { [const { Cell::new((0, 0)) }; SLOTS] };
        }
        let rows = self.rows();
        let slot = (quick_hash(member.as_bytes()) ^ u64::from(self.0).wrapping_mul(0x9E37_79B1))
            as usize
            % SLOTS;
        let (ty, i) = SEEN.with(|s| s[slot].get());
        if ty == self.0.wrapping_add(1)
            && let Some(row) = rows.get(i as usize)
            && name(row[0]) == member
        {
            return Some(MemberType::unpack(row[1]));
        }
        let i = rows
            .binary_search_by(|r| len_then_bytes(r[0], member))
            .ok()?;
        SEEN.with(|s| s[slot].set((self.0.wrapping_add(1), i as u32)));
        Some(MemberType::unpack(rows[i][1]))
    }

    /// [`Self::member`] for a name that lives as long as the process (the JSON reader's
    /// pooled member names): its address names it, so the memo compares two words
    /// instead of hashing and comparing the name, and remembers misses too.
    pub fn member_static(self, member: &'static str) -> Option<MemberType> {
        const SLOTS: usize = 4096;
        const MISS: u32 = u32::MAX;
        // (address, length, type + 1, row or MISS); all zeros is empty.
        type Slot = Cell<(usize, u32, u32, u32)>;
        thread_local! {
            static SEEN: [Slot; SLOTS] = const { [const { Cell::new((0, 0, 0, 0)) }; SLOTS] };
        }
        let addr = member.as_ptr() as usize;
        let (len, ty) = (member.len() as u32, self.0.wrapping_add(1));
        // Names are small neighbouring allocations: mixed, so that the top bits differ.
        let mixed = (addr as u64 ^ u64::from(self.0) << 44).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (mixed >> 52) as usize % SLOTS;
        let (a, l, t, row) = SEEN.with(|s| s[slot].get());
        if (a, l, t) == (addr, len, ty) {
            return (row != MISS).then(|| MemberType::unpack(self.rows()[row as usize][1]));
        }
        let rows = self.rows();
        let row = rows
            .binary_search_by(|r| len_then_bytes(r[0], member))
            .map_or(MISS, |i| i as u32);
        SEEN.with(|s| s[slot].set((addr, len, ty, row)));
        (row != MISS).then(|| MemberType::unpack(rows[row as usize][1]))
    }

    /// Every member this type accepts, its bases' included.
    pub fn members(self) -> impl Iterator<Item = (&'static str, MemberType)> {
        self.rows()
            .iter()
            .map(|r| (name(r[0]), MemberType::unpack(r[1])))
    }

    /// This type declares `member` itself (not only inherits it).
    fn declares(self, member: &str) -> bool {
        self.member(member).is_some() && self.base().is_none_or(|b| b.member(member).is_none())
    }

    pub fn derives_from(self, ancestor: TypeId) -> bool {
        self.ancestry().any(|t| t == ancestor)
    }

    /// Types that name this one as their base.
    pub fn derived(self) -> impl Iterator<Item = TypeId> {
        let row = TYPES[self.0 as usize];
        DERIVED[row[4] as usize..(row[4] + row[5]) as usize]
            .iter()
            .map(|&i| TypeId(i))
    }

    pub fn has_derived(self) -> bool {
        TYPES[self.0 as usize][5] > 0
    }

    /// Every type deriving from this one, at any depth.
    pub fn descendants(self) -> Vec<TypeId> {
        let mut out: Vec<TypeId> = self.derived().collect();
        let mut i = 0;
        while i < out.len() {
            let t = out[i];
            out.extend(t.derived());
            i += 1;
        }
        out
    }

    /// The first type deriving (at any depth) from this one that declares `member` itself.
    pub fn derived_declaring(self, member: &str) -> Option<TypeId> {
        let mut stack: Vec<TypeId> = self.derived().collect();
        while let Some(t) = stack.pop() {
            if t.declares(member) {
                return Some(t);
            }
            stack.extend(t.derived());
        }
        None
    }
}

impl EnumId {
    pub fn name(self) -> &'static str {
        name(ENUMS[self.0 as usize][0])
    }

    pub fn members(self) -> impl Iterator<Item = &'static str> {
        let row = ENUMS[self.0 as usize];
        ENUM_MEMBERS[row[1] as usize..(row[1] + row[2]) as usize]
            .iter()
            .map(|&p| name(p))
    }

    /// The typings leave some enums open (`type X = undefined`): any string is accepted.
    pub fn is_open(self) -> bool {
        ENUMS[self.0 as usize][2] == 0
    }

    pub fn contains(self, value: &str) -> bool {
        self.members().any(|m| m == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_resolve_with_any_namespace_spelling() {
        let t = find_type("#microsoft.graph.iosDeviceFeaturesConfiguration").unwrap();
        assert_eq!(t.name(), "iosDeviceFeaturesConfiguration");
        assert_eq!(
            find_type("microsoft.graph.iosdevicefeaturesconfiguration"),
            Some(t)
        );
        assert_eq!(
            find_type("#Microsoft.Graph.IosDeviceFeaturesConfiguration"),
            Some(t)
        );
        assert_eq!(find_type("iosDeviceFeaturesConfiguration"), Some(t));
        assert_eq!(
            find_type("#microsoft.graph.iosDeviceFeaturesConfigurationX"),
            None
        );
        assert!(find_type("#microsoft.graph.callRecords.session").is_some());
        // Members through their memo and past it: every type's, twice.
        for _ in 0..2 {
            for n in type_names() {
                let t = find_type(n).unwrap();
                for (m, mt) in t.members() {
                    assert_eq!(t.member(m), Some(mt), "{n}.{m}");
                    assert_eq!(t.member_static(m), Some(mt), "{n}.{m}");
                    // The GRF walk looks for annotations only among names not found.
                    assert!(!m.starts_with('#') && !m.contains('@'), "{n}.{m}");
                }
                assert!(t.member("noSuchMemberAnywhere").is_none());
                assert!(t.member_static("noSuchMemberAnywhere").is_none());
            }
        }
        // Through the memo and past it: every name, twice, and again in lower case.
        for _ in 0..2 {
            for n in type_names() {
                assert_eq!(find_type(n).map(TypeId::name), Some(n));
                let lower = find_type(&n.to_ascii_lowercase()).unwrap();
                assert!(lower.name().eq_ignore_ascii_case(n), "{n}");
            }
        }
    }

    #[test]
    fn members_come_from_the_type_and_its_bases() {
        let t = find_type("iosDeviceFeaturesConfiguration").unwrap();
        assert_eq!(
            t.base().unwrap().name(),
            "appleDeviceFeaturesConfigurationBase"
        );
        // Declared by deviceConfiguration, two bases up; entity gives `id`.
        assert_eq!(
            t.member("displayName").unwrap(),
            MemberType {
                scalar: Scalar::String,
                collection: false,
                nullable: false
            }
        );
        assert!(t.member("id").is_some());
        assert!(t.member("displayname").is_none());
        let sso = t.member("iosSingleSignOnExtension").unwrap();
        let Scalar::Type(ext) = sso.scalar else {
            panic!("{sso:?}")
        };
        assert!(sso.nullable && !sso.collection);
        let aad = find_type("iosAzureAdSingleSignOnExtension").unwrap();
        assert!(aad.derives_from(ext));
        assert!(ext.has_derived());
        assert!(ext.derived().any(|d| d == aad));
        assert_eq!(
            ext.derived_declaring("bundleIdAccessControlList"),
            Some(aad)
        );
    }

    #[test]
    fn enums_list_their_members() {
        let t = find_type("iosDeviceFeaturesConfiguration").unwrap();
        let Scalar::Enum(e) = t.member("wallpaperDisplayLocation").unwrap().scalar else {
            panic!()
        };
        assert_eq!(e.name(), "iosWallpaperDisplayLocation");
        assert!(e.contains("lockScreen"));
        assert!(!e.contains("lockscreen"));
        assert!(!t.member("wallpaperDisplayLocation").unwrap().nullable);
    }
}
