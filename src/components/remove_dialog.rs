use leptos::html;
use leptos::prelude::*;

use super::DialogFrame;

/// The confirmation before removing users, which offers to keep them out as well: a removal alone lets
/// them join again, "keep them out" also puts every name they go by on the deny list. Escape or Cancel
/// changes nothing.
#[component]
pub fn RemoveDialog(
    /// Who is removed (names as shown in the list).
    names: Vec<String>,
    /// Called with `keep_out` when the moderator confirms.
    on_confirm: Callback<bool>,
    /// Called when the moderator cancels.
    on_cancel: Callback<()>,
    /// How many of them are waiting to join, not in the conference yet: they are turned away.
    #[prop(optional)]
    waiting: usize,
    /// The names of those among them who moderate the conference: said apart, as they lose their say in it
    /// (QA: a bulk removal took a co-moderator out without a word).
    #[prop(optional)]
    managers: Vec<String>,
    /// The breakout rooms they are in, which they leave with the conference (QA: not a word of it).
    #[prop(optional)]
    rooms: Vec<String>,
) -> impl IntoView {
    let keep_out = RwSignal::new(false);
    let cancel_button = NodeRef::<html::Button>::new();
    // Focus starts on Cancel: the safe choice.
    Effect::new(move |_| {
        if let Some(b) = cancel_button.get() {
            let _ = b.focus();
        }
    });
    let count = names.len();
    let all_waiting = count > 0 && waiting >= count;
    let title = match names.as_slice() {
        [one] if all_waiting => format!("Turn away {one}?"),
        [one] => format!("Remove {one}?"),
        _ if all_waiting => format!("Turn away {count} people?"),
        _ => format!("Remove {count} users?"),
    };
    let body = match (all_waiting, count, waiting) {
        (true, 1, _) => "They are not admitted.".to_owned(),
        (true, ..) => "They are not admitted:".to_owned(),
        (false, 1, _) => "They leave the conference now.".to_owned(),
        (false, _, 0) => "They leave the conference now:".to_owned(),
        (false, _, 1) => {
            "Those in the conference leave it now; the one still waiting to join is not admitted:".to_owned()
        }
        (false, _, w) => {
            format!("Those in the conference leave it now; the {w} still waiting to join are not admitted:")
        }
    };
    let (confirm, confirm_keep_out) =
        if all_waiting { ("Turn them away", "Turn away and keep out") } else { ("Remove", "Remove and keep out") };
    let caution = match managers.as_slice() {
        [] => None,
        [one] => Some(format!("{one} is a moderator of this conference: they lose their say in it too.")),
        many => {
            let listed: Vec<&str> = many.iter().take(5).map(String::as_str).collect();
            let more = many.len() - listed.len();
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            Some(format!(
                "{} of them moderate this conference ({}{more}): they lose their say in it too.",
                many.len(),
                listed.join(", ")
            ))
        }
    };
    let rooms = match rooms.as_slice() {
        [] => None,
        [one] => Some(format!("They leave {one} too; Undo puts them back there.")),
        many => Some(format!("They leave their breakout rooms too ({}); Undo puts them back there.", many.join(", "))),
    };
    let shown: Vec<String> = names.iter().take(8).cloned().collect();
    let more = count.saturating_sub(shown.len());
    let submit = Callback::new(move |()| on_confirm.run(keep_out.get_untracked()));
    view! {
        <DialogFrame title_id="remove-title" title=title on_submit=submit on_cancel=on_cancel>
            <p class="dialog__body" id="remove-title-body">
                {body}
            </p>
            {(count > 1).then(|| view! {
                <ul class="remove-dialog__names">
                    {shown.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
                </ul>
            })}
            {caution.map(|c| view! { <p class="field__hint field__hint--warning">{c}</p> })}
            {rooms.map(|r| view! { <p class="field__hint">{r}</p> })}
            <label class="field field--check">
                <input type="checkbox" prop:checked=keep_out on:change=move |ev| keep_out.set(event_target_checked(&ev))/>
                <span>"And keep them out: put them on the deny list so that they cannot join again"</span>
            </label>
            <div class="dialog__actions">
                <button type="button" class="button button--quiet" node_ref=cancel_button on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button type="submit" class="button button--danger">
                    {move || if keep_out.get() { confirm_keep_out } else { confirm }}
                </button>
            </div>
        </DialogFrame>
    }
}
