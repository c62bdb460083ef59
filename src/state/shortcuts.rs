//! Keyboard shortcuts for what a moderator does most, as a table the help overlay lists and the key
//! handler reads. A shortcut never fires while the moderator types in a field, with Ctrl, Alt or Meta
//! held (those belong to the browser), or while a dialog is open.

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Help,
    FocusFilter,
    Next,
    Previous,
    ToggleSelect,
    SelectShown,
    ClearSelection,
    ToggleAudio,
    MuteAll,
    ToggleVideo,
    TogglePromote,
    Rename,
    Remove,
    MoveToRoom,
    AddUser,
    Undo,
    Refresh,
}

/// The table: keys (as `KeyboardEvent.key` names them), what the overlay calls them, and what they do.
pub const SHORTCUTS: &[(&[&str], &str, Shortcut, &str)] = &[
    (&["?"], "?", Shortcut::Help, "Show or hide this list"),
    (&["/"], "/", Shortcut::FocusFilter, "Filter the users (then Enter: to the list, on its first user)"),
    (&["j", "ArrowDown"], "j or \u{2193}", Shortcut::Next, "Next user"),
    (&["k", "ArrowUp"], "k or \u{2191}", Shortcut::Previous, "Previous user"),
    (&["x"], "x", Shortcut::ToggleSelect, "Select or unselect the current user"),
    (&["*"], "*", Shortcut::SelectShown, "Select every user the filter shows"),
    (&["Escape"], "Esc", Shortcut::ClearSelection, "Clear the selection (or close this list)"),
    (&["m"], "m", Shortcut::ToggleAudio, "Mute or unmute the current user's audio"),
    (&["M"], "Shift+m", Shortcut::MuteAll, "Mute all participants (the moderators keep their voice)"),
    (&["v"], "v", Shortcut::ToggleVideo, "Stop or start the current user's video"),
    (&["p"], "p", Shortcut::TogglePromote, "Promote to moderator, or demote to participant (asks first)"),
    (&["e"], "e", Shortcut::Rename, "Edit the current user's display name"),
    (&["Delete", "r"], "Del or r", Shortcut::Remove, "Remove the current user (asks first)"),
    (&["b"], "b", Shortcut::MoveToRoom, "Move the current user to a breakout room (choose it, then Enter)"),
    (&["a"], "a", Shortcut::AddUser, "Add a user"),
    (&["u", "z"], "u or z", Shortcut::Undo, "Undo the last change to a user or to the admission lists"),
    (&["g"], "g", Shortcut::Refresh, "Refresh the users"),
];

/// The lists that take shortcuts: the users list has them all; the conferences list those that mean
/// something there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    Users,
    Conferences,
}

impl Where {
    /// The shortcuts that work here, as the help lists them: the keys and what they do.
    pub fn listed(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        SHORTCUTS.iter().filter_map(move |(_, keys, shortcut, what)| match (self, shortcut) {
            (Where::Users, _) => Some((*keys, *what)),
            (Where::Conferences, Shortcut::Help) => Some((*keys, *what)),
            (Where::Conferences, Shortcut::FocusFilter) => {
                Some((*keys, "Filter the conferences (then Enter: open the only match, or go to the first)"))
            }
            (Where::Conferences, Shortcut::Refresh) => Some((*keys, "Refresh the list")),
            (Where::Conferences, _) => None,
        })
    }

    /// The list, as the help names it.
    pub fn name(self) -> &'static str {
        match self {
            Where::Users => "the users list",
            Where::Conferences => "the conferences list",
        }
    }
}

/// Where the key was pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context {
    /// In a text field, text area, select or editable element.
    pub typing: bool,
    /// Ctrl, Alt or Meta held.
    pub modified: bool,
    /// A dialog is open.
    pub dialog: bool,
}

/// The shortcut for `key` pressed in `context`, if any.
pub fn resolve(key: &str, context: Context) -> Option<Shortcut> {
    if context.typing || context.modified || context.dialog {
        return None;
    }
    SHORTCUTS.iter().find(|(keys, ..)| keys.contains(&key)).map(|(_, _, s, _)| *s)
}

/// Whether an element with this tag name (and `contenteditable`, `type` attributes) takes typing.
pub fn takes_typing(tag: &str, input_type: Option<&str>, editable: bool) -> bool {
    if editable {
        return true;
    }
    match tag.to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => !matches!(
            input_type.map(str::to_ascii_lowercase).as_deref(),
            Some("checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "color" | "file")
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_resolve_outside_fields_only() {
        let free = Context::default();
        assert_eq!(resolve("m", free), Some(Shortcut::ToggleAudio));
        assert_eq!(resolve("ArrowDown", free), Some(Shortcut::Next));
        assert_eq!(resolve("?", free), Some(Shortcut::Help));
        assert_eq!(resolve("M", free), Some(Shortcut::MuteAll), "Shift+m mutes everyone, not the current user");
        assert_eq!(resolve("V", free), None, "Shift+v is not v");
        assert_eq!(resolve("q", free), None);
        assert_eq!(resolve("m", Context { typing: true, ..free }), None);
        assert_eq!(resolve("z", Context { modified: true, ..free }), None, "Ctrl+Z is the browser's");
        assert_eq!(resolve("Delete", Context { dialog: true, ..free }), None);
    }

    #[test]
    fn the_conferences_list_lists_only_its_own_keys() {
        let listed: Vec<_> = Where::Conferences.listed().collect();
        assert_eq!(
            listed,
            [
                ("?", "Show or hide this list"),
                ("/", "Filter the conferences (then Enter: open the only match, or go to the first)"),
                ("g", "Refresh the list")
            ]
        );
        assert_eq!(Where::Users.listed().count(), SHORTCUTS.len());
    }

    #[test]
    fn every_key_is_listed_once() {
        let mut keys: Vec<&str> = SHORTCUTS.iter().flat_map(|(k, ..)| k.iter().copied()).collect();
        let count = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), count, "a key bound twice");
    }

    #[test]
    fn fields_that_take_typing() {
        assert!(takes_typing("INPUT", None, false));
        assert!(takes_typing("input", Some("search"), false));
        assert!(!takes_typing("input", Some("checkbox"), false));
        assert!(takes_typing("textarea", None, false) && takes_typing("select", None, false));
        assert!(takes_typing("div", None, true));
        assert!(!takes_typing("button", None, false));
    }
}
