use leptos::html;
use leptos::prelude::*;

use super::DialogFrame;

/// Asks for a new name for `name` (a breakout room): the field starts with the name, selected, so that typing
/// replaces it. Save with an empty or unchanged name does nothing but say why; Escape or Cancel changes
/// nothing.
#[component]
pub fn RenameDialog(
    /// The name now.
    name: String,
    /// Called with the new name, trimmed, when the moderator saves one that differs.
    on_save: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let typed = RwSignal::new(name.clone());
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(i) = input.get() {
            let _ = i.focus();
            i.select();
        }
    });
    let current = name.clone();
    let why_not = Memo::new(move |_| {
        typed.with(|t| match t.trim() {
            "" => Some("A room needs a name."),
            t if t == current.trim() => Some("That is its name already."),
            _ => None,
        })
    });
    // Said once Save was tried, not while the moderator is still typing.
    let tried = RwSignal::new(false);
    let submit = Callback::new(move |()| {
        if why_not.get_untracked().is_some() {
            tried.set(true);
            return;
        }
        on_save.run(typed.get_untracked().trim().to_owned());
    });
    view! {
        <DialogFrame title_id="rename-title" title=format!("Rename {name}") on_submit=submit on_cancel=on_cancel>
            <p class="dialog__body" id="rename-title-body">"Everyone in it sees the new name."</p>
            <label class="field">
                <span class="field__label">"New name"</span>
                <input class="field__input" type="text" node_ref=input aria-label="New name"
                    aria-invalid=move || (tried.get() && why_not.get().is_some()).then_some("true")
                    aria-describedby="rename-why"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </label>
            <p class="field__hint" id="rename-why" role="status">{move || tried.get().then(|| why_not.get()).flatten()}</p>
            <div class="dialog__actions">
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button type="submit" class="button button--primary">"Rename"</button>
            </div>
        </DialogFrame>
    }
}
