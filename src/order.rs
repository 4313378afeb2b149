//! Sorting through one shared, non-generic routine. Every `sort_by` with a
//! new comparator puts another copy of the standard sort into the wasm
//! (2–4 KB each); sorting index lists with a `dyn` comparator keeps one.
//! Stable: equal items keep their order.

use std::cmp::Ordering;

/// The indices `0..n` in the order `cmp` gives (stable).
pub fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
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
        let words = ["pear", "fig", "apple"];
        assert_eq!(order(3, &|a, b| words[a].cmp(words[b])), vec![2, 1, 0]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
        // Longer cycles and fixed points, against the standard sort.
        let mut x: u64 = 12345;
        for n in 0..60 {
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
