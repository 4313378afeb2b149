//! Sorting through two shared routines. Every `sort_by` with a new
//! comparator, and every `sort_unstable` on a new key type, puts another
//! copy of a standard sort into the wasm (2–4 KB each). So comparator
//! sorts go through [`order`] (indices, a `dyn` comparator, a small merge
//! sort: stable), and sorts on the hot paths of a recompute sort packed
//! integer keys with [`sort_keys`] (the one standard unstable sort, on
//! `u128`: fast, and stable too because every key ends in its position).

use std::cmp::Ordering;

/// The indices `0..n` in the order `cmp` gives (stable).
pub fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    merge_sort(&mut idx, |a, b| cmp(a, b) != Ordering::Greater);
    idx
}

/// Sorts keys ascending: integers that pack what is sorted on (e.g. the
/// ordered bits of a value) with a tie-break that makes every key distinct.
pub fn sort_keys(keys: &mut [u128]) {
    keys.sort_unstable();
}

/// Merge sort (insertion sort on short runs, then merging runs bottom-up,
/// skipping runs already in order); `le(a, b)` says `a` may stay before
/// `b`, so equal items keep their order.
fn merge_sort(v: &mut [usize], le: impl Fn(usize, usize) -> bool) {
    const RUN: usize = 16;
    let n = v.len();
    for run in v.chunks_mut(RUN) {
        for k in 1..run.len() {
            let x = run[k];
            let mut j = k;
            while j > 0 && !le(run[j - 1], x) {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = x;
        }
    }
    let mut buf = v.to_vec();
    let mut width = RUN;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            if mid >= end || le(v[mid - 1], v[mid]) {
                buf[start..end].copy_from_slice(&v[start..end]);
            } else {
                let (mut i, mut j) = (start, mid);
                for slot in &mut buf[start..end] {
                    if j >= end || (i < mid && le(v[i], v[j])) {
                        *slot = v[i];
                        i += 1;
                    } else {
                        *slot = v[j];
                        j += 1;
                    }
                }
            }
            start = end;
        }
        v.copy_from_slice(&buf);
        width *= 2;
    }
}

/// Sorts `items` by `cmp` (stable), with the shared routine.
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let mut perm = {
        let view: &[T] = items;
        order(view.len(), &|a, b| match (view.get(a), view.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    // Put items[perm[k]] at position k, following each cycle of the
    // permutation with swaps.
    for start in 0..perm.len() {
        let mut cur = start;
        loop {
            let src = perm[cur];
            perm[cur] = cur;
            if src == start || src == cur {
                break;
            }
            items.swap(cur, src);
            cur = src;
        }
    }
}

/// Sorts `items` by a key (stable), with the shared routine.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_comparator_and_key() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        sort_by(&mut v, |a, b| b.0.cmp(&a.0));
        assert_eq!(v, vec![(3, 'a'), (3, 'c'), (2, 'd'), (1, 'b'), (1, 'e')]);
        // Stable across merged runs too: equal keys keep their order.
        let pairs: Vec<(u64, usize)> = (0..1000).map(|i| ((i * 7919 % 13) as u64, i)).collect();
        let mut sorted = pairs.clone();
        sort_by_key(&mut sorted, |p| p.0);
        let mut want = pairs;
        want.sort_by_key(|p| p.0);
        assert_eq!(sorted, want);
        let mut keys = vec![5u128, 1, 4, 1 << 100, 0, 4];
        sort_keys(&mut keys);
        assert_eq!(keys, vec![0, 1, 4, 4, 5, 1 << 100]);
        let words = ["pear", "fig", "apple"];
        assert_eq!(order(3, &|a, b| words[a].cmp(words[b])), vec![2, 1, 0]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
        // Longer cycles and fixed points, against the standard sort.
        let mut x: u64 = 12345;
        for n in (0..60).chain([200, 1000]) {
            let mut v: Vec<u64> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x % 7
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            sort_by_key(&mut v, |k| *k);
            assert_eq!(v, want);
        }
    }
}
