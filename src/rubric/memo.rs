//! A bounded memo for a pure function of a short string, shared by the
//! threads of one run. A round's proposals repeat the same headings ("##
//! Track record", the form's questions); classifying one runs every
//! section's heading pattern, a few thousand instructions, and looking it
//! up costs a hash. Only what the function returns is kept, so a memo can
//! never change a result, and it stops growing at `CAPACITY` entries so a
//! corpus of unique headings costs bounded memory.

use std::collections::HashMap;
use std::sync::RwLock;

/// Most entries kept; later keys are computed every time.
const CAPACITY: usize = 4096;
/// Longer keys are computed every time: repeated headings are short.
const LONGEST_KEY: usize = 160;

pub(crate) struct Memo<V> {
    map: RwLock<HashMap<Box<str>, V>>,
}

impl<V: Copy> Memo<V> {
    /// `f(key)`, computed once per distinct short key while there is room.
    pub(crate) fn get_or(&self, key: &str, f: impl FnOnce(&str) -> V) -> V {
        if key.len() > LONGEST_KEY {
            return f(key);
        }
        // A poisoned lock only means another thread panicked mid-insert of
        // a pure value: the map is still right, so keep using it.
        if let Some(&value) = self.map.read().unwrap_or_else(|e| e.into_inner()).get(key) {
            return value;
        }
        let value = f(key);
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        if map.len() < CAPACITY {
            map.insert(key.into(), value);
        }
        value
    }
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            map: RwLock::new(HashMap::new()),
        }
    }
}

/// A clone starts empty: the memo is a cache, not part of the value.
impl<V> Clone for Memo<V> {
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl<V> std::fmt::Debug for Memo<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn computes_each_short_key_once_and_long_keys_every_time() {
        let memo = Memo::default();
        let calls = Cell::new(0);
        let len = |k: &str| {
            calls.set(calls.get() + 1);
            k.len()
        };
        assert_eq!(memo.get_or("Track record", len), 12);
        assert_eq!(memo.get_or("Track record", len), 12);
        assert_eq!(calls.get(), 1);
        let long = "x".repeat(LONGEST_KEY + 1);
        assert_eq!(memo.get_or(&long, len), LONGEST_KEY + 1);
        assert_eq!(memo.get_or(&long, len), LONGEST_KEY + 1);
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn stops_growing_at_capacity_but_still_answers() {
        let memo = Memo::default();
        for i in 0..CAPACITY + 10 {
            assert_eq!(
                memo.get_or(&i.to_string(), |k| k.len()),
                i.to_string().len()
            );
        }
        assert_eq!(memo.map.read().unwrap().len(), CAPACITY);
        assert_eq!(memo.clone().map.read().unwrap().len(), 0);
    }
}
