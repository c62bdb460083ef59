use leptos::prelude::*;

use super::DialogFrame;
use crate::session::{use_prompts, Answer, Ask};
use crate::state::bidi::{isolate, isolate_rtl};
use crate::state::fold::typed_matches;

/// The modal dialog for the first pending prompt: a conference password, credentials, or a typed
/// confirmation. Escape cancels; the first field takes focus. Leaving the page (Back included) cancels a
/// typed confirmation, which is about that page.
#[component]
pub fn PromptHost() -> impl IntoView {
    let prompts = use_prompts();
    let location = leptos_router::hooks::use_location();
    Effect::watch(
        move || (location.pathname.get(), location.search.get()),
        move |_, _, _| prompts.cancel_confirmations(),
        false,
    );
    let first = move || prompts.queue.with(|q| q.first().map(|p| (p.id, p.ask.clone())));
    view! {
        {move || first().map(|(id, ask)| view! { <Dialog id=id ask=ask/> })}
    }
}

#[component]
fn Dialog(id: u32, ask: Ask) -> impl IntoView {
    let prompts = use_prompts();
    let first_field = NodeRef::<leptos::html::Input>::new();
    // Where the focus starts when there is nothing to fill in: the way out, not the action.
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    let text = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(input) = first_field.get() {
            let _ = input.focus();
        } else if let Some(button) = cancel_button.get() {
            let _ = button.focus();
        }
    });
    let cancel = Callback::new(move |()| prompts.answer(id, None));
    let ask_for_submit = ask.clone();
    let submit = Callback::new(move |()| {
        let answer = match &ask_for_submit {
            Ask::ConferencePassword { .. } => Answer::Password(secret.get_untracked()),
            Ask::Credentials { .. } => {
                Answer::Credentials { username: text.get_untracked(), password: secret.get_untracked() }
            }
            Ask::TypeToConfirm { expected, .. } => {
                if !typed_matches(&text.get_untracked(), expected) {
                    return;
                }
                Answer::Confirmed
            }
            Ask::Confirm { .. } => Answer::Confirmed,
        };
        prompts.answer(id, Some(answer));
    });
    let (title, body, submit_label, danger) = match &ask {
        Ask::ConferencePassword { target, wrong } => (
            "Conference password".to_owned(),
            if *wrong {
                format!("The password for {target} was wrong. Enter it again to retry the same request.")
            } else {
                format!("{target} is protected by a password. Enter it to retry the same request.")
            },
            "Retry with this password".to_owned(),
            false,
        ),
        Ask::Credentials { username, refused: false } => {
            text.set(username.clone());
            (
                "Credentials required".to_owned(),
                "The server wants a username and password (424). Enter them to retry the same request.".to_owned(),
                "Retry with these credentials".to_owned(),
                false,
            )
        }
        Ask::Credentials { username, refused: true } => {
            text.set(username.clone());
            (
                "Sign in again".to_owned(),
                "The server refused the credentials sent (401). Enter your password again if it changed, or the \
                 credentials of a user who may do this: the next requests use them."
                    .to_owned(),
                "Use these credentials".to_owned(),
                false,
            )
        }
        Ask::TypeToConfirm { title, message, confirm_label, .. } | Ask::Confirm { title, message, confirm_label } => {
            (title.clone(), message.clone(), confirm_label.clone(), true)
        }
    };
    let fields = match ask.clone() {
        Ask::ConferencePassword { .. } => view! {
            <label class="field">
                <span class="field__label">"Conference password"</span>
                <input class="field__input" type="password" node_ref=first_field autocomplete="off" bind:value=secret/>
            </label>
        }
        .into_any(),
        // The username is filled in when known: what is left to type is the password, which has the focus.
        Ask::Credentials { username, .. } => {
            let (user_field, password_field) =
                if username.trim().is_empty() { (first_field, NodeRef::new()) } else { (NodeRef::new(), first_field) };
            view! {
                <label class="field">
                    <span class="field__label">"Username"</span>
                    <input class="field__input" type="text" node_ref=user_field autocomplete="username" bind:value=text/>
                </label>
                <label class="field">
                    <span class="field__label">"Password"</span>
                    <input class="field__input" type="password" node_ref=password_field autocomplete="current-password" bind:value=secret/>
                </label>
            }
            .into_any()
        }
        Ask::TypeToConfirm { expected, .. } => {
            let shown = isolate(&expected).into_owned();
            view! {
                <label class="field">
                    <span class="field__label">"Type " <strong class="dialog__expected">{shown}</strong> " to confirm"</span>
                    <input class="field__input" type="text" node_ref=first_field autocomplete="off" bind:value=text/>
                </label>
            }
            .into_any()
        }
        Ask::Confirm { .. } => ().into_any(),
    };
    let matches = {
        let ask = ask.clone();
        move || match &ask {
            Ask::TypeToConfirm { expected, .. } => typed_matches(&text.get(), expected),
            _ => true,
        }
    };
    view! {
        <DialogFrame title_id="dialog-title" title=title on_submit=submit on_cancel=cancel>
            <p class="dialog__body" id="dialog-title-body">{isolate_rtl(&body).into_owned()}</p>
            {fields}
            <div class="dialog__actions">
                <button type="button" class="button button--quiet" node_ref=cancel_button on:click=move |_| cancel.run(())>"Cancel"</button>
                <button
                    type="submit"
                    class=if danger { "button button--danger" } else { "button button--primary" }
                    disabled=move || !matches()
                >
                    {submit_label}
                </button>
            </div>
        </DialogFrame>
    }
}
