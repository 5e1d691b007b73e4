//! The core's one sort: a stable merge sort of indices, so the wasm builds carry one sort instead of the
//! standard library's (a quicksort, a small-sort and a run merger for every element type sorted).
//!
//! `slice::sort_by` instantiates its whole machinery per element type and comparator; here the element
//! type only reaches a few lines (the comparison of two indices, the permutation of the slice), and the
//! merge sort is compiled once. It is stable and O(n log n) like `sort_by`, so it gives the same order
//! for every comparator that is a total order, and a run that is already in order costs one comparison
//! per merge.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (what `slice::sort_by` does).
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let items = &*items;
        stable_order(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => compare(a, b),
            _ => Ordering::Equal,
        })
    };
    permute(items, order);
}

/// Sorts `items` by the key `key` gives each, stably (`slice::sort_by_key`).
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions of `0..len` in stable sorted order: bottom-up merges of runs of doubling width.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged: Vec<usize> = Vec::with_capacity(len);
    let mut width = 1;
    while width < len {
        merged.clear();
        let mut start = 0;
        while start < len {
            let middle = len.min(start + width);
            let end = len.min(middle + width);
            let (left, right) = (&order[start..middle], &order[middle..end]);
            match (left.last(), right.first()) {
                // The two runs are already in order: no merge (sorted input costs one comparison per run).
                (Some(&l), Some(&r)) if compare(l, r) != Ordering::Greater => {
                    merged.extend_from_slice(left);
                    merged.extend_from_slice(right);
                }
                _ => {
                    let (mut i, mut j) = (0, 0);
                    while let (Some(&l), Some(&r)) = (left.get(i), right.get(j)) {
                        // Only a strictly smaller right item goes first: equal items keep their order.
                        if compare(r, l) == Ordering::Less {
                            merged.push(r);
                            j += 1;
                        } else {
                            merged.push(l);
                            i += 1;
                        }
                    }
                    merged.extend_from_slice(left.get(i..).unwrap_or_default());
                    merged.extend_from_slice(right.get(j..).unwrap_or_default());
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width = width.saturating_mul(2);
    }
    order
}

/// Moves `items[order[k]]` to position `k`, following each cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut k = start;
        loop {
            let next = order[k];
            // Position `k` is final; a later start on this cycle stops at once.
            order[k] = k;
            if next == start {
                break;
            }
            items.swap(k, next);
            k = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no dependency.
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<(u64, usize)> {
        let mut x = seed;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % modulo, i)
            })
            .collect()
    }

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        for (seed, n, modulo) in [(1, 0, 1), (2, 1, 1), (3, 2, 2), (4, 17, 3), (5, 1000, 10), (6, 4097, 1000), (7, 300, 1)] {
            let mut ours = numbers(seed, n, modulo);
            let mut std = ours.clone();
            // Compare by the first field only: stability shows in the second.
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "seed {seed}, {n} items");
            // Sorted and reversed inputs too.
            let mut reversed: Vec<_> = std.iter().rev().copied().collect();
            let mut std_reversed = reversed.clone();
            sort_by_key(&mut reversed, |a| a.0);
            std_reversed.sort_by_key(|a| a.0);
            assert_eq!(reversed, std_reversed);
            let mut sorted = std.clone();
            sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
            assert_eq!(sorted, std);
        }
    }
}
