use leptos::prelude::*;

use crate::api;
use crate::state::conf_form::{ConfForm, Invalid, SKIPPED_LOCALLY};
use crate::state::instant::{parse_iso, Repeated};
use crate::state::recurrence::{self, Rule, PRESETS};
use crate::state::schedule;

/// Why a start or end field of the form on the page cannot be sent, when it holds a date without its time
/// (or the reverse): the browser then gives the field no value at all, and the form would be sent without
/// the schedule, with nothing said (QA). Read from the page's inputs at the moment of sending, as the
/// browser tells it only there (`checkValidity`, which a bad input fails).
pub fn incomplete_time() -> Option<String> {
    let document = web_sys::window()?.document()?;
    ["start", "end"].into_iter().find_map(|what| {
        let input = document.query_selector(&format!("input[name={what}]")).ok().flatten()?;
        let input: web_sys::HtmlInputElement = wasm_bindgen::JsCast::dyn_into(input).ok()?;
        // The fields set no other constraint (no min, max nor required): invalid is a bad input.
        (!input.check_validity())
            .then(|| format!("The {what} time is incomplete: give both its date and its time, or clear it."))
    })
}

/// The fields of the conference form (create and edit), bound to one signal.
#[component]
pub fn ConfFields(
    /// The form being edited.
    form: RwSignal<ConfForm>,
    /// The inputs holding what cannot be sent, with why ([`ConfForm::invalid`]): each is marked, with the
    /// reason beside it, as it is typed.
    #[prop(into)]
    invalid: Signal<Vec<(Invalid, String)>>,
    /// Whether this edits an existing conference (the password field then means "change it").
    #[prop(optional)]
    editing: bool,
) -> impl IntoView {
    // How it repeats: its start and end are then the first time's, and each time lasts as long, which the
    // form says. The pattern is picked and the count typed apart; memos, so that typing the count does not
    // draw its field anew (and take the focus from it).
    // As the form sends it (a count in full-width digits is a number), none while its count is marked.
    let repeats = Memo::new(move |_| form.with(|f| f.rule().ok().flatten()).as_deref().and_then(recurrence::of_rule));
    let pattern = Memo::new(move |_| form.with(|f| recurrence::count_apart(&f.repeats).0));
    let counted = Memo::new(move |_| {
        !pattern.with(String::is_empty) && !repeats.with(|r| r.as_ref().is_some_and(Rule::has_until))
    });
    // Another client's rule, once seen, stays offered: one pick of a preset by mistake lost it for good (QA).
    let as_written = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let p = pattern.get();
        if !p.is_empty() && recurrence::preset_of(&p).is_none() {
            as_written.set(Some(p));
        }
    });
    let pick = move |picked: String| {
        form.update(|f| f.repeats = recurrence::with_count(&picked, &recurrence::count_apart(&f.repeats).1))
    };
    // `;` and `=` would make the count a part of the rule of its own.
    let count_typed = move |typed: String| {
        let typed: String = typed.chars().filter(|c| !matches!(c, ';' | '=')).collect();
        form.update(|f| f.repeats = recurrence::with_count(&recurrence::count_apart(&f.repeats).0, &typed))
    };
    let why = move |input: Invalid| invalid.with(|all| all.iter().find(|(i, _)| *i == input).map(|(_, w)| w.clone()));
    // The reason's element: the input names it in `aria-describedby`, so a screen reader says it too.
    let error = move |input: Invalid| {
        move || why(input).map(|w| view! { <p class="field__error" id=format!("{}-error", input.input_name())>{w}</p> })
    };
    let invalid_attr = move |input: Invalid| move || why(input).is_some().then_some("true");
    let described = move |input: Invalid| move || why(input).is_some().then(|| format!("{}-error", input.input_name()));
    // The night the clocks go back, an hour of times of day comes twice, and a date-and-time field cannot
    // say which is meant: the browser takes the earlier one. The form says which one it holds.
    let twice = move |which: &'static str, time: String| {
        let which_one = match api::repeated_here(parse_iso(time.trim())?)? {
            Repeated::Earlier => "the earlier one, before they go back",
            Repeated::Later => "the later one, after they went back (typed again, it becomes the earlier one)",
        };
        let text = format!(
            "This {which} time comes twice that night on your clock, as the clocks go back: it is {which_one}."
        );
        Some(view! { <p class="field__hint" role="status">{text}</p> })
    };
    // A password field is "new-password": a browser must not fill the moderator's own saved password into
    // the conference's (a save would then set it); it offers to generate one instead.
    // With `$input`, the field is checked ([`Invalid`]), its reason said beside it; `$mode` is its inputmode.
    macro_rules! text {
        ($label:expr, $name:expr, $field:ident, $kind:expr, $input:expr, $mode:expr) => {
            view! {
                <label class="field">
                    <span class="field__label">{$label}</span>
                    <input class="field__input" type=$kind name=$name inputmode=$mode
                        autocomplete=if $kind == "password" { "new-password" } else { "off" }
                        aria-invalid=invalid_attr($input) aria-describedby=described($input)
                        prop:value=move || form.with(|f| f.$field.clone())
                        on:input=move |ev| form.update(|f| f.$field = event_target_value(&ev))/>
                </label>
                {error($input)}
            }
        };
        ($label:expr, $name:expr, $field:ident, $kind:expr) => {
            view! {
                <label class="field">
                    <span class="field__label">{$label}</span>
                    <input class="field__input" type=$kind name=$name autocomplete="off"
                        prop:value=move || form.with(|f| f.$field.clone())
                        on:input=move |ev| form.update(|f| f.$field = event_target_value(&ev))/>
                </label>
            }
        };
    }
    macro_rules! check {
        ($label:expr, $name:expr, $field:ident) => {
            view! {
                <label class="field field--check">
                    <input type="checkbox" name=$name
                        prop:checked=move || form.with(|f| f.$field)
                        on:change=move |ev| form.update(|f| f.$field = event_target_checked(&ev))/>
                    <span>{$label}</span>
                </label>
            }
        };
    }
    // Typed on the moderator's clock, kept and sent in UTC: a date-and-time field shows local time, and a
    // moderator scheduling "3 pm" means their 3 pm.
    macro_rules! when {
        ($label:expr, $name:expr, $field:ident, $input:expr) => {
            view! {
                <label class="field">
                    <span class="field__label">{$label}</span>
                    <input class="field__input" type="datetime-local" name=$name autocomplete="off"
                        aria-invalid=invalid_attr($input) aria-describedby=described($input)
                        // A time another client wrote in a form the panel cannot read (the overview shows it as written)
                        // leaves the field empty, not holding text the browser refuses.
                        prop:value=move || form.with(|f| {
                            api::local_from_utc(&f.$field)
                                .or_else(|| f.$field.strip_prefix(SKIPPED_LOCALLY).map(str::to_owned))
                                .unwrap_or_default()
                        })
                        on:input=move |ev| {
                            let typed = event_target_value(&ev);
                            // A time the clocks jump over that night (summer time) has no instant: the browser
                            // would move it an hour on, silently (QA). The form says so instead.
                            let held = match api::utc_from_local(&typed) {
                                Some(utc) if api::local_from_utc(&utc).is_some_and(|back| back.get(..16) == typed.get(..16)) => utc,
                                Some(_) => format!("{SKIPPED_LOCALLY}{typed}"),
                                None => typed,
                            };
                            form.update(|f| f.$field = held)
                        }/>
                </label>
                {error($input)}
            }
        };
    }
    view! {
        <div class="conf-fields">
            {text!("Name (display-text)", "display-text", display_text, "text", Invalid::Name, "text")}
            {text!("Subject", "subject", subject, "text")}
            <label class="field">
                <span class="field__label">"Description (free-text)"</span>
                <textarea class="field__input" name="free-text" rows="3"
                    prop:value=move || form.with(|f| f.free_text.clone())
                    on:input=move |ev| form.update(|f| f.free_text = event_target_value(&ev))></textarea>
            </label>
            // Text that takes digits, not a number field: a number field hides what was typed while it is
            // not a number yet ("-", "1."), and the form, redrawn from its value, would lose it ("-5" became
            // "5"); here the value stays as typed, and what cannot be sent is marked.
            {text!("Maximum users", "maximum-user-count", maximum_user_count, "text", Invalid::MaximumUsers, "numeric")}
            <fieldset class="conf-fields__group">
                <legend>"Media"</legend>
                {check!("Audio", "audio", audio)}
                {check!("Video", "video", video)}
                {check!("Text", "text", text)}
                // A floor covers media: one turned off goes from it (`ConfForm::to_update`), and the form says so
                // before the save.
                {move || editing.then(|| form.with(|f| f.floor.as_ref()?.media_off_words(&f.media_off()))).flatten().map(|words| view! {
                    <p class="field__hint field__hint--warning" role="status">{words}</p>
                })}
            </fieldset>
            {check!("Allow breakout rooms (sidebars)", "allow-sidebars", allow_sidebars)}
            <super::FloorFields form=form invalid=invalid editing=editing/>
            <fieldset class="conf-fields__group">
                <legend>{format!("When (your time: {})", api::time_zone())}</legend>
                {move || repeats.with(|r| r.as_ref().map(Rule::in_words)).map(|words| view! {
                    <p class="field__hint">
                        {format!("It repeats ({words}): the start and end are the first time's, and every time lasts as long.")}
                    </p>
                })}
                {when!("Start", "start", start, Invalid::Start)}
                {when!("End", "end", end, Invalid::End)}
                <label class="field">
                    <span class="field__label">"Repeats"</span>
                    <select class="field__input" name="repeats" on:change=move |ev| pick(event_target_value(&ev))>
                        <option value="" selected=move || pattern.with(String::is_empty)>"Does not repeat"</option>
                        {PRESETS.iter().map(|(rule, name)| view! {
                            <option value=*rule selected=move || pattern.with(|p| recurrence::preset_of(p) == Some(*rule))>{*name}</option>
                        }).collect_view()}
                        // Another client's rule, kept as it is unless another is picked.
                        {move || as_written.get().map(|rule| {
                            let words = recurrence::of_rule(&rule).map_or_else(|| rule.clone(), |r| r.in_words());
                            let chosen = rule.clone();
                            view! { <option value=rule selected=move || pattern.with(|p| *p == chosen)>{format!("As written: {words}")}</option> }
                        })}
                    </select>
                </label>
                // A series of weekdays begun on a Saturday has that Saturday for its first time (QA).
                {move || {
                    let start = form.with(|f| parse_iso(f.start.trim()))?;
                    let day = api::local_weekday(start as f64);
                    repeats.with(|r| r.as_ref().is_some_and(|r| r.leaves_out(day))).then(|| view! {
                        <p class="field__hint field__hint--warning" role="status">
                            {format!("The first time falls on a {day}, a day the repetition leaves out: it takes place all the same, and counts as one of the times. Pick a start on one of its days.")}
                        </p>
                    })
                }}
                <Show when=move || counted.get()>
                    <label class="field">
                        <span class="field__label">"Times (empty: no end)"</span>
                        <input class="field__input" type="text" inputmode="numeric" name="repeat-count" autocomplete="off"
                            aria-invalid=invalid_attr(Invalid::RepeatCount) aria-describedby=described(Invalid::RepeatCount)
                            prop:value=move || form.with(|f| recurrence::count_apart(&f.repeats).1)
                            on:input=move |ev| count_typed(event_target_value(&ev))/>
                    </label>
                    {error(Invalid::RepeatCount)}
                </Show>
                // Not an error (a conference may be recorded after the fact), but rarely meant (QA typed last
                // March's dates and nothing said so).
                // Of a conference that repeats, the first time is over long since, and says nothing of the others.
                {move || (repeats.with(Option::is_none) && form.with(|f| parse_iso(f.end.trim()).is_some_and(|end| (end as f64) < api::server_now_ms()))).then(|| view! {
                    <p class="field__hint field__hint--warning" role="status">
                        {if editing { "This end is in the past: the conference is over." } else { "This end is in the past: the conference is over as soon as it is made." }}
                    </p>
                })}
                // Every time lasts as long as the first: longer than the time between two of them, they overlap
                // (QA: an end set to today under a first time a month ago made each weekly time last 29 days).
                {move || {
                    let gap = repeats.with(|r| r.as_ref().and_then(Rule::shortest_gap_ms))?;
                    let lasts = form.with(|f| Some(parse_iso(f.end.trim())? - parse_iso(f.start.trim())?))?;
                    (lasts > gap).then(|| view! {
                        <p class="field__hint field__hint--warning" role="status">
                            {format!("Each time would last {}, longer than the {} between two of them: they would overlap. The end is the first time's end.", schedule::span(lasts as f64), schedule::span(gap as f64))}
                        </p>
                    })
                }}
                {move || twice("start", form.with(|f| f.start.clone()))}
                {move || twice("end", form.with(|f| f.end.clone()))}
            </fieldset>
            <fieldset class="conf-fields__group">
                <legend>"Conference password"</legend>
                {text!(if editing { "New password (empty keeps the current one)" } else { "Password (optional)" }, "conference-password", conference_password, "password", Invalid::Password, "text")}
                // A password typed before a reload is not kept: the moderator types it again, or says to go on
                // without it.
                {move || form.with(|f| f.password_not_kept && f.conference_password.is_empty()).then(|| view! {
                    <button type="button" class="button button--quiet" on:click=move |_| form.update(|f| f.password_not_kept = false)>
                        {if editing { "Keep the current password" } else { "Create it without a password" }}
                    </button>
                })}
                {editing.then(|| check!("Remove the password", "clear-password", clear_password))}
            </fieldset>
        </div>
    }
}
