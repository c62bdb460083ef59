//! The conference form's floor control (`state::floor_form`): whether requests to talk are taken, and for
//! each floor who grants it and how many may talk at once. An edit changes the rules of the floors a
//! conference has (they are the media server's, named by their media), not which there are; a new
//! conference is offered one floor, for its audio.

use leptos::prelude::*;

use crate::state::conf_form::{ConfForm, Invalid};
use crate::state::floor_form::{self, FloorsForm};

/// What the focus does with requests to talk, as the select offers it.
const REQUESTS: [(&str, &str); 2] =
    [("confirm", "Taken, by each floor's rule"), ("block", "Refused: nobody may ask for the floor")];

/// Who grants a floor, as the select offers it.
const ALGORITHMS: [(&str, &str); 3] =
    [("moderator-controlled", "A moderator"), ("FCFS", "First come, first served"), ("random", "At random")];

#[component]
pub fn FloorFields(
    form: RwSignal<ConfForm>,
    /// The form's inputs that hold what cannot be sent ([`ConfForm::invalid`]).
    #[prop(into)]
    invalid: Signal<Vec<(Invalid, String)>>,
    /// Whether this edits an existing conference; a new one is offered a floor for its audio, when it has some.
    editing: bool,
) -> impl IntoView {
    let why = move || invalid.with(|all| all.iter().find(|(i, _)| *i == Invalid::Floor).map(|(_, w)| w.clone()));
    let error_id = format!("{}-error", Invalid::Floor.input_name());
    let floors =
        move |f: &ConfForm| f.floor.as_ref().map(|fl| fl.floors.iter().map(|r| r.covers.clone()).collect::<Vec<_>>());
    // Drawn again only when the floors themselves change (a re-read after someone else's save), not as typed.
    let shape = Memo::new(move |_| form.with(|f| floors(f).filter(|_| editing || f.audio)));
    let update = move |change: &dyn Fn(&mut FloorsForm)| form.update(|f| f.floor.iter_mut().for_each(change));
    move || {
        let covers = shape.get()?;
        let error_id = error_id.clone();
        let requests = move || form.with(|f| f.floor.as_ref().map(|fl| fl.requests.clone()).unwrap_or_default());
        // Read once as drawn, untracked: tracked, a keystroke would draw the fieldset again, and its input
        // would lose the focus.
        let requests_read = untrack(requests);
        let rows = covers.into_iter().enumerate().map(|(i, covers)| {
            let value = move |pick: fn(&floor_form::FloorRow) -> &String| {
                form.with(|f| f.floor.as_ref().and_then(|fl| fl.floors.get(i)).map(|r| pick(r).clone()).unwrap_or_default())
            };
            let bad = move || floor_form::at_once(&value(|r| &r.max)).is_err();
            // 0 is valid (RFC 6501 sets no floor), and silences everyone on these media: said before it is sent.
            let nobody = move || matches!(floor_form::at_once(&value(|r| &r.max)), Ok(Some(0)));
            let nobody_note = format!("0: nobody may be given the floor on {covers}, so nobody may talk on it, while this holds.");
            let described = {
                let error_id = error_id.clone();
                move || bad().then(|| error_id.clone())
            };
            view! {
                <fieldset class="conf-fields__group conf-fields__floor">
                    <legend>{format!("Floor: {covers}")}</legend>
                    <label class="field">
                        <span class="field__label">"Who grants it"</span>
                        <select class="field__input" name=format!("floor-{i}-algorithm")
                            on:change=move |ev| { let v = event_target_value(&ev); update(&|fl| if let Some(r) = fl.floors.get_mut(i) { r.algorithm = v.clone() }) }>
                            {options(&ALGORITHMS, untrack(move || value(|r| &r.algorithm)), move || value(|r| &r.algorithm))}
                        </select>
                    </label>
                    // Text that takes digits, as "Maximum users": a number field would hide a half-typed value.
                    <label class="field">
                        <span class="field__label">"How many may talk at once"</span>
                        <input class="field__input" type="text" inputmode="numeric" name=format!("floor-{i}-at-once") autocomplete="off"
                            aria-invalid=move || bad().then_some("true") aria-describedby=described
                            prop:value=move || value(|r| &r.max)
                            on:input=move |ev| { let v = event_target_value(&ev); update(&|fl| if let Some(r) = fl.floors.get_mut(i) { r.max = v.clone() }) }/>
                    </label>
                    {move || nobody().then(|| view! { <p class="field__hint field__hint--warning">{nobody_note.clone()}</p> })}
                </fieldset>
            }
        }).collect_view();
        Some(view! {
            <fieldset class="conf-fields__group">
                <legend>"Floor control (who may talk)"</legend>
                <label class="field">
                    <span class="field__label">"Requests to talk"</span>
                    <select class="field__input" name="floor-requests"
                        on:change=move |ev| { let v = event_target_value(&ev); update(&|fl| fl.requests = v.clone()) }>
                        {options(&REQUESTS, requests_read.clone(), requests)}
                    </select>
                </label>
                {rows}
                {move || why().map(|w| view! { <p class="field__error" id=error_id.clone()>{w}</p> })}
                <p class="field__hint">
                    {(!editing).then_some("Left as it is, the conference is made without floor control. ")}
                    "These are the rules. Who holds the floor at a moment is the media server's to say (BFCP), not CCMP's."
                </p>
            </fieldset>
        })
    }
}

/// A select's options: the panel's `choices`, and the value read when it is none of them (another client's,
/// or none said), so that the select shows it and a save does not change it unasked.
fn options(
    choices: &'static [(&'static str, &'static str)],
    read: String,
    current: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let unlisted = (!choices.iter().any(|(v, _)| v.eq_ignore_ascii_case(read.trim()))).then(|| {
        let label = if read.trim().is_empty() {
            "Not said".to_owned()
        } else {
            format!("\u{201c}{}\u{201d} (as read)", read.trim())
        };
        let selected = {
            let read = read.clone();
            move || current() == read
        };
        view! { <option value=read.clone() selected=selected>{label}</option> }
    });
    let listed = choices
        .iter()
        .map(|(value, label)| view! { <option value=*value selected=move || current().trim().eq_ignore_ascii_case(value)>{*label}</option> })
        .collect_view();
    view! { {unlisted}{listed} }
}
