//! A radix heap: a priority queue for integer keys that never go below the last key taken out —
//! exactly what a shortest-path search on non-negative reduced costs pushes. A push is one
//! bucket append; a pop empties the lowest non-empty bucket into finer ones only now and then.
//! In [`super::assignment`]'s searches, where the binary heap's comparisons were most of the
//! time, it does the same work with far fewer of them. (Ahuja, Mehlhorn, Orlin, Tarjan, "Faster
//! algorithms for the shortest path problem", J. ACM 37, 1990.)
//!
//! Items with equal keys come out in an order fixed by the sequence of pushes and pops, so
//! searches stay deterministic.

/// Keys are `u64`; each item carries a `u32`.
pub(super) struct RadixHeap {
    /// The last key taken out (or 0): every key in the heap is ≥ it.
    last: u64,
    /// Bucket `b` holds the keys whose highest bit differing from `last` is bit `b - 1`
    /// (bucket 0: keys equal to `last`).
    buckets: Vec<Vec<(u64, u32)>>,
}

impl RadixHeap {
    pub(super) fn new() -> RadixHeap {
        RadixHeap {
            last: 0,
            buckets: (0..=64).map(|_| Vec::new()).collect(),
        }
    }

    fn bucket(&self, key: u64) -> usize {
        (64 - (key ^ self.last).leading_zeros()) as usize
    }

    /// `key` must be ≥ the last key popped.
    pub(super) fn push(&mut self, key: u64, item: u32) {
        debug_assert!(key >= self.last, "a radix heap's keys never decrease");
        let b = self.bucket(key);
        self.buckets[b].push((key, item));
    }

    /// The item with the least key (and that key).
    pub(super) fn pop(&mut self) -> Option<(u64, u32)> {
        if self.buckets[0].is_empty() {
            let b = self.buckets.iter().position(|b| !b.is_empty())?;
            let mut items = std::mem::take(&mut self.buckets[b]);
            self.last = items.iter().map(|&(key, _)| key).min()?;
            // All of them now differ from `last` below bit `b - 1`: they go to lower buckets.
            for &(key, item) in &items {
                let to = self.bucket(key);
                self.buckets[to].push((key, item));
            }
            items.clear();
            self.buckets[b] = items; // keeps its allocation
        }
        self.buckets[0].pop()
    }

    pub(super) fn clear(&mut self) {
        for bucket in &mut self.buckets {
            bucket.clear();
        }
        self.last = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_key_order_like_a_binary_heap() {
        let mut rng = fastrand::Rng::with_seed(5);
        let mut heap = RadixHeap::new();
        for round in 0..200 {
            heap.clear();
            let mut reference = std::collections::BinaryHeap::new();
            let mut last = 0u64;
            let spread = if round % 2 == 0 { 10 } else { 1 << 40 };
            for _ in 0..rng.usize(1..300) {
                // Pushes never below the last key popped, as in a shortest-path search.
                for _ in 0..rng.usize(0..4) {
                    let key = last + rng.u64(0..spread);
                    heap.push(key, (key % 1000) as u32);
                    reference.push(std::cmp::Reverse(key));
                }
                if rng.bool() {
                    let got = heap.pop();
                    let want = reference.pop().map(|std::cmp::Reverse(k)| k);
                    assert_eq!(got.map(|(k, _)| k), want);
                    if let Some((key, item)) = got {
                        assert_eq!(item, (key % 1000) as u32);
                        last = key;
                    }
                }
            }
            while let Some(std::cmp::Reverse(want)) = reference.pop() {
                assert_eq!(heap.pop().map(|(k, _)| k), Some(want));
            }
            assert_eq!(heap.pop(), None);
        }
    }
}
