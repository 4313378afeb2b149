//! [`Derived`]: what the layers above compute from a dataset once and keep
//! with it, e.g. the areas at each level (`view::common::level_map`: a
//! country's wards take ~100 ms to map, too long to redo on every change
//! of a control). The data layer holds the values without knowing their
//! types, so its arrows still point down only.

use std::any::Any;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A value derived from a dataset, as kept.
type Value = Arc<dyn Any + Send + Sync>;

/// Values derived from one dataset, each under a key and of the type its
/// maker returns. A cache, not data: a clone starts empty.
#[derive(Default)]
pub struct Derived {
    values: Mutex<Vec<(String, Value)>>,
}

impl Derived {
    /// The value kept under `key`, made by `make` (and kept) the first time
    /// one of its type is asked for.
    pub fn get_or_make<T: Any + Send + Sync>(&self, key: &str, make: impl FnOnce() -> T) -> Arc<T> {
        if let Some(value) = self.get(key) {
            return value;
        }
        // Made without the lock held: `make` may ask for other values.
        let made = Arc::new(make());
        self.keep(key, made.clone());
        made
    }

    /// The value of type `T` kept under `key`, if one has been made.
    pub fn get<T: Any + Send + Sync>(&self, key: &str) -> Option<Arc<T>> {
        self.kept(key, &|v| v.is::<T>())
            .and_then(|v| v.downcast::<T>().ok())
    }

    /// The value kept under `key` that `wanted` accepts (its type). Not
    /// generic, so that each type asked for adds little to the wasm.
    fn kept(&self, key: &str, wanted: &dyn Fn(&Value) -> bool) -> Option<Value> {
        self.lock()
            .iter()
            .find(|(k, v)| k == key && wanted(v))
            .map(|(_, v)| Arc::clone(v))
    }

    fn keep(&self, key: &str, value: Value) {
        self.lock().push((key.to_string(), value));
    }

    /// How many values are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when none is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> MutexGuard<'_, Vec<(String, Value)>> {
        // A maker that panicked kept nothing half-made: the list is whole.
        self.values.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Clone for Derived {
    fn clone(&self) -> Derived {
        Derived::default()
    }
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Derived({} values)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_made_once_per_key_and_type() {
        let d = Derived::default();
        let mut made = 0;
        let mut make = |n: u32| {
            made += 1;
            n
        };
        assert_eq!(*d.get_or_make("a", || make(1)), 1);
        assert_eq!(*d.get_or_make("a", || make(2)), 1, "kept, not made again");
        assert_eq!(*d.get_or_make("b", || make(3)), 3);
        // Another type under the same key is a value of its own.
        assert_eq!(*d.get_or_make("a", || "text"), "text");
        assert_eq!(*d.get_or_make("a", || 9u32), 1);
        assert_eq!(made, 2);
        assert_eq!(d.len(), 3);
    }

    #[test]
    fn a_clone_starts_empty_and_a_maker_may_ask_for_another_value() {
        let d = Derived::default();
        let outer = d.get_or_make("outer", || *d.get_or_make("inner", || 2u8) + 1);
        assert_eq!(*outer, 3);
        assert_eq!(d.len(), 2);
        assert!(d.clone().is_empty());
        assert_eq!(format!("{d:?}"), "Derived(2 values)");
    }
}
