//! Reading back what the panel kept in the browser's storage as a JSON object of entries by key (the
//! unsaved edits of each conference): entry by entry, so that one damaged entry, or one of another
//! version's shape, does not take the others with it (QA: a cut-off entry lost every conference's edits).

use std::collections::HashMap;

use serde::de::DeserializeOwned;

/// The entries of `json` that read as `T`, by key, and how many did not: the whole text counts as one when
/// it is not an object at all (cut short, say).
pub fn entries<T: DeserializeOwned>(json: Option<&str>) -> (HashMap<String, T>, usize) {
    let Some(json) = json else { return (HashMap::new(), 0) };
    let Ok(all) = serde_json::from_str::<HashMap<String, serde_json::Value>>(json) else {
        return (HashMap::new(), 1);
    };
    let total = all.len();
    let read: HashMap<String, T> =
        all.into_iter().filter_map(|(key, entry)| Some((key, serde_json::from_value(entry).ok()?))).collect();
    let unreadable = total - read.len();
    (read, unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unreadable_entry_leaves_the_others() {
        let (read, bad) = entries::<Vec<u32>>(Some(r#"{"a":[1,2],"b":"cut","c":[3]}"#));
        assert_eq!((read.len(), bad), (2, 1));
        assert_eq!(read.get("c"), Some(&vec![3]));
        assert_eq!(entries::<Vec<u32>>(Some(r#"{"a":[1,2"#)).1, 1, "cut short: one, and none read");
        assert_eq!(entries::<Vec<u32>>(None).1, 0);
    }
}
