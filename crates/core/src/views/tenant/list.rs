//! A list of index facts kept in parts, never copied whole.
//!
//! The index's lists hold one entry per object of the export. As one `Vec`, each list was
//! copied into a buffer twice its size whenever it grew, and again when the threads'
//! partial indexes were joined: for a moment the run held the list twice (the run's peak
//! memory). A `List` grows by adding parts of at most [`PART`] entries and is joined by
//! moving parts, so no step copies more than one part.

/// Entries per part: large enough that walking parts costs nothing next to reading their
/// entries, small enough that growing one costs little memory.
const PART: usize = 4096;

#[derive(Debug, Clone, PartialEq)]
pub struct List<T> {
    parts: Vec<Vec<T>>,
    /// `starts[i]`: the index of `parts[i]`'s first entry.
    starts: Vec<usize>,
    len: usize,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List {
            parts: Vec::new(),
            starts: Vec::new(),
            len: 0,
        }
    }
}

impl<T> List<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, item: T) {
        match self.parts.last_mut() {
            Some(last) if last.len() < PART => last.push(item),
            _ => {
                self.starts.push(self.len);
                self.parts.push(vec![item]);
            }
        }
        self.len += 1;
    }

    /// Appends `other` in order: small lists (one file's facts) are copied into the last
    /// part, large ones (a thread's) keep their parts.
    pub fn append(&mut self, other: List<T>) {
        if other.len < PART / 4 {
            other.into_iter().for_each(|item| self.push(item));
            return;
        }
        for part in other.parts {
            self.starts.push(self.len);
            self.len += part.len();
            self.parts.push(part);
        }
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        let part = self.starts.partition_point(|&s| s <= i).checked_sub(1)?;
        self.parts[part].get(i - self.starts[part])
    }

    pub fn first(&self) -> Option<&T> {
        self.get(0)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + Clone {
        self.parts.iter().flatten()
    }

    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut T> {
        self.parts.iter_mut().flatten()
    }
}

impl<T> std::ops::Index<usize> for List<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(item) => item,
            None => panic!("index {i} out of a list of {}", self.len),
        }
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.parts.iter().flatten()
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.parts.into_iter().flatten()
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut list = List::default();
        iter.into_iter().for_each(|item| list.push(item));
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pushes, small appends (copied) and large appends (parts moved) keep order, length
    /// and indexes.
    #[test]
    fn parts_keep_order_and_indexes() {
        let mut list: List<usize> = (0..PART + 10).collect();
        let mut small = List::default();
        small.push(PART + 10);
        list.append(small);
        list.append((PART + 11..3 * PART).collect());
        list.append(List::default());
        let n = 3 * PART;
        assert_eq!(list.len(), n);
        assert!(list.iter().copied().eq(0..n));
        assert!((&list).into_iter().rev().copied().eq((0..n).rev()));
        for i in (0..n)
            .step_by(97)
            .chain([PART - 1, PART, PART + 10, PART + 11, n - 1])
        {
            assert_eq!(list[i], i);
        }
        assert_eq!(list.get(n), None);
        assert_eq!(list.first(), Some(&0));
        assert!(list.parts.iter().all(|p| p.len() <= PART));
        list.iter_mut().for_each(|x| *x *= 2);
        assert!(list.into_iter().eq((0..n).map(|x| x * 2)));
        assert_eq!(List::<u8>::default().get(0), None);
    }
}
