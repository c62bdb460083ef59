use leptos::html;
use leptos::prelude::*;

use crate::state::user_changes::{Method, NewUser};
use crate::state::users::STANDARD_ROLES;

/// The "add a user" form: a display name, a SIP or tel URI used as the user's device (endpoint) or as
/// their address of record, a role, and whether they dial in or the conference dials out to them. The
/// server issues the new user's XCON-USERID.
#[component]
pub fn AddUserForm(
    /// An add is in flight (the button shows it and is disabled).
    #[prop(into)]
    busy: Signal<bool>,
    /// The domain of the placeholder entity (`xcon-userid:AUTO_GENERATE_1@domain`).
    #[prop(into)]
    domain: Signal<String>,
    /// Called with the user to add; returns nothing, the caller closes the form on success.
    on_add: Callback<ccmp::xcon::User>,
    /// Closes the form.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let form = RwSignal::new(NewUser::default());
    let problem = RwSignal::new(None::<String>);
    let first = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = first.get() {
            let _ = input.focus();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        match form.get_untracked().build(&domain.get_untracked()) {
            Ok(user) => {
                problem.set(None);
                on_add.run(user);
            }
            Err(why) => problem.set(Some(why)),
        }
    };
    view! {
        <form class="add-user" aria-label="Add a user" on:submit=submit on:keydown=move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" {
                // Handled here, not also by the page's shortcuts (which would clear the selection).
                ev.prevent_default();
                on_cancel.run(());
            }
        }>
            <div class="add-user__fields">
                <label class="field">
                    <span class="field__label">"Display name"</span>
                    <input class="field__input" type="text" node_ref=first autocomplete="off"
                        prop:value=move || form.with(|f| f.display_name.clone())
                        on:input=move |ev| form.update(|f| f.display_name = event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span class="field__label">"SIP or tel URI"</span>
                    <input class="field__input" type="text" autocomplete="off" placeholder="sip:alice@example.com"
                        prop:value=move || form.with(|f| f.address.clone())
                        on:input=move |ev| form.update(|f| f.address = event_target_value(&ev))/>
                </label>
                <fieldset class="add-user__choice">
                    <legend>"The address is"</legend>
                    <label class="field field--check">
                        <input type="radio" name="add-user-as" prop:checked=move || form.with(|f| !f.as_aor)
                            on:change=move |_| form.update(|f| f.as_aor = false)/>
                        "their device (endpoint)"
                    </label>
                    <label class="field field--check">
                        <input type="radio" name="add-user-as" prop:checked=move || form.with(|f| f.as_aor)
                            on:change=move |_| form.update(|f| f.as_aor = true)/>
                        "their address of record (AOR)"
                    </label>
                </fieldset>
                <fieldset class="add-user__choice">
                    <legend>"How they join"</legend>
                    <label class="field field--check">
                        <input type="radio" name="add-user-method" prop:checked=move || form.with(|f| f.method == Method::DialIn)
                            on:change=move |_| form.update(|f| f.method = Method::DialIn)/>
                        "they dial in"
                    </label>
                    <label class="field field--check">
                        <input type="radio" name="add-user-method" prop:checked=move || form.with(|f| f.method == Method::DialOut)
                            on:change=move |_| form.update(|f| f.method = Method::DialOut)/>
                        "the conference dials out"
                    </label>
                </fieldset>
                <label class="field">
                    <span class="field__label">"Role"</span>
                    <select class="field__input" on:change=move |ev| form.update(|f| f.role = event_target_value(&ev))>
                        {STANDARD_ROLES.iter().map(|r| view! {
                            <option value=*r selected=move || form.with(|f| f.role == *r)>{*r}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {move || problem.get().map(|p| view! { <p class="add-user__problem" role="alert">{p}</p> })}
            <div class="toolbar">
                <button type="submit" class="button button--primary" aria-disabled=move || busy.get().then_some("true") aria-busy=move || busy.get().to_string()>
                    <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                    "Add this user"
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
