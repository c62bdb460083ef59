use std::time::Duration;

use ccmp::xcon::{ConferenceDescription, Uris};
use leptos::prelude::*;

use super::{conference_href, CopyButton};
use crate::api;
use crate::session::ConfStore;
use crate::state::glance::Glance;
use crate::state::recurrence;
use crate::state::schedule::{self, Time};
use crate::state::yes_no;
use crate::state::{ical, instant};

/// A conference (or blueprint) document at a glance: description, media, floor control, state, URIs,
/// version. Every value is server text and is rendered as text.
#[component]
pub fn ConfOverview(
    /// The document as the overview shows it.
    glance: Glance,
) -> impl IntoView {
    let Glance { entity, description: d, state: s, users, join_handling, waiting: in_doc, version, floor } = glance;
    // In a conference that confirms joins: how many wait, with the way to them. The panel's latest read
    // says (the watch of the waiting room reads while this page stays as it was read), else this one.
    let lobby = use_context::<ConfStore>().map(|s| s.lobby);
    let href = format!("{}?tab=users", conference_href(&entity));
    let waiting = {
        let entity = entity.clone();
        move || {
            let n = lobby.and_then(|l| l.waiting(&entity)).or(in_doc)?;
            let href = href.clone();
            Some(view! {
                <dt>"Waiting to join"</dt>
                <dd>{n}{(n > 0).then(|| view! { " " <a href=href>"Show them"</a> })}</dd>
            })
        }
    };
    let media = d.media().to_vec();
    let when = when(&d);
    let row = |label: &'static str, value: Option<String>| {
        value.filter(|v| !v.trim().is_empty()).map(|v| view! { <dt>{label}</dt><dd>{v}</dd> })
    };
    view! {
        <div class="overview">
            <section class="overview__section overview__section--wide" aria-label="Description">
                <h2 class="overview__heading">"Description"</h2>
                <dl class="overview__list">
                    {row("Name", d.display_text.clone())}
                    {row("Subject", d.subject.clone())}
                    {row("Description", d.free_text.clone())}
                    {row("Keywords", d.keywords.clone().map(|k| k.join(", ")))}
                    {row("Maximum users", d.maximum_user_count.map(|n| n.to_string()))}
                    {row("Language", d.language.clone())}
                    {row("Breakout rooms allowed", d.allow_sidebars.map(|b| yes_no(Some(b)).to_owned()))}
                    {row("Created from", d.cloning_parent.clone())}
                    {row("Breakout room of", d.sidebar_parent.clone())}
                    {when}
                </dl>
            </section>
            <section class="overview__section" aria-label="State">
                <h2 class="overview__heading">"State"</h2>
                <dl class="overview__list">
                    <dt>"Entity"</dt><dd class="mono">{entity}</dd>
                    <dt>"Version"</dt><dd>{version.map_or("\u{2013}".to_owned(), |v| v.to_string())}</dd>
                    <dt>"Active"</dt><dd>{yes_no(s.active)}</dd>
                    <dt>"Locked"</dt><dd>{match s.locked {
                        // What a lock does, where the moderator reads that it is on (QA: nothing said it).
                        Some(true) => "yes: nobody new may join; those in it stay",
                        other => yes_no(other),
                    }}</dd>
                    <dt>"Users"</dt><dd>{users.map_or("\u{2013}".to_owned(), |n| n.to_string())}</dd>
                    {row("Join handling", join_handling)}
                    {waiting}
                </dl>
            </section>
            <section class="overview__section" aria-label="Media">
                <h2 class="overview__heading">"Media"</h2>
                {if media.is_empty() {
                    view! { <p class="muted">"No media listed."</p> }.into_any()
                } else {
                    view! {
                        <ul class="overview__media">
                            {media.into_iter().map(|m| view! {
                                <li>
                                    <span class="badge">{m.media_type.clone()}</span>
                                    " " {m.display_text.clone().unwrap_or_default()}
                                    " " <span class="muted">"label " {m.label.clone()}</span>
                                    {m.status.map(|s| view! { " " <span class="muted">{s.as_str()}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            {(!floor.is_empty()).then(|| view! {
                <section class="overview__section" aria-label="Floor control">
                    <h2 class="overview__heading">"Floor control"</h2>
                    <ul class="overview__floor">
                        {floor.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            <section class="overview__section" aria-label="URIs">
                <h2 class="overview__heading">"URIs"</h2>
                {uri_list("Conference URIs", d.conf_uris.as_ref())}
                {uri_list("Service URIs", d.service_uris.as_ref())}
                {(d.conf_uris.is_none() && d.service_uris.is_none()).then(|| view! { <p class="muted">"None listed."</p> })}
            </section>
        </div>
    }
}

/// When the conference is scheduled, on the moderator's clock, and where that stands now ("ends in 25 min",
/// kept current while the page is open: the moderator should not have to do the arithmetic during the event).
/// A conference that repeats has its first time, its rule in words, and the time under way or the next one.
fn when(d: &ConferenceDescription) -> Option<impl IntoView> {
    let entry = d.conference_time.as_ref()?.entries.first()?;
    let (start, end) = schedule::times(entry);
    let rule = recurrence::of(&entry.base);
    let timed = start.is_some() || end.is_some();
    if !timed && rule.is_none() {
        return None;
    }
    // A time the panel reads goes to the browser in UTC; one it cannot read (`tomorrow`) is shown as written,
    // and said to be so.
    let unreadable = [&start, &end].into_iter().flatten().any(|t| t.at().is_none());
    let text = |t: &Option<Time>| {
        t.as_ref().map(|t| match t {
            Time::At(ms) => format!("{}Z", instant::utc_text(*ms)),
            Time::Unreadable(written) => written.clone(),
        })
    };
    let span = api::local_span(text(&start).as_deref(), text(&end).as_deref());
    // The night the clocks go back, "01:30" names two instants: which one (the form says it too).
    let twice = [("start", &start), ("end", &end)].into_iter().find_map(|(which, t)| {
        let which_one = match api::repeated_here(t.as_ref()?.at()?)? {
            instant::Repeated::Earlier => "the earlier one, before they go back",
            instant::Repeated::Later => "the later one, after they went back",
        };
        Some(view! { " " <span class="muted">{format!("(the {which} time comes twice that night on your clock: it is {which_one})")}</span> })
    });
    let (start_ms, end_ms) = (start.as_ref().and_then(Time::at), end.as_ref().and_then(Time::at));
    let at = |t: Option<instant::Ms>| t.map(|ms| ms as f64);
    // On the server's clock: a computer's clock hours off showed a running conference as ended (QA).
    let now = RwSignal::new(api::server_now_ms());
    let ticks = set_interval_with_handle(move || now.set(api::server_now_ms()), Duration::from_secs(15)).ok();
    on_cleanup(move || ticks.into_iter().for_each(|t| t.clear()));
    // Where a repeating conference stands, worked out from its rule on the clock its first time was
    // written on; `None` when the panel does not follow the rule (the first Monday of each month…).
    let dtstart = ical::event_property(&entry.base, "DTSTART");
    let length = start_ms.zip(end_ms).map_or(0, |(s, e)| e - s);
    let turn = {
        let rule = rule.clone();
        Memo::new(move |_| {
            let (rule, dtstart) = (rule.as_ref()?, dtstart.as_deref()?);
            rule.turn_at(dtstart, length, now.get() as instant::Ms)
        })
    };
    // Once the first time is over, "ended 3 weeks ago" would be false of a weekly meeting: the time under
    // way or the next one says where it stands (or nothing, for a rule the panel does not follow).
    let repeating = rule.is_some();
    let first_over = move |now: f64| repeating && at(end_ms.or(start_ms)).is_some_and(|t| t <= now);
    let relative = move || {
        let now = now.get();
        schedule::relative(now, at(start_ms), at(end_ms))
            .filter(|_| !first_over(now))
            .map(|r| view! { " " <span class="muted">"(" {r} ")"</span> })
    };
    let note = unreadable.then(
        || view! { " " <span class="muted">"(written by another client in a form the panel cannot read)"</span> },
    );
    let label = if repeating { "First time" } else { "When" };
    let times = timed.then(|| view! { <dt>{label}</dt><dd>{span}{twice}{relative}{note}</dd> });
    let repeats = rule.map(|rule| {
        let words = move || {
            // Over once its count is used up or its `UNTIL` has passed.
            let over = match turn.get() {
                Some(t) => matches!(t, recurrence::Turn::Over { .. }),
                None => rule.over_at(now.get() as instant::Ms),
            };
            format!("{}{}", rule.in_words(), if over { " (over)" } else { "" })
        };
        view! { <dt>"Repeats"</dt><dd>{words}</dd> }
    });
    // The time under way or the next, when it is not the first (already shown); or the last, once over.
    let this_time = move || {
        let (label, from, to) = match turn.get()? {
            recurrence::Turn::Now { start, end } => ("This time", start, end),
            recurrence::Turn::Next { start, end } => ("Next time", start, end),
            recurrence::Turn::Over { start, end } => ("Last time", start, end),
        };
        if Some(from) == start_ms {
            return None;
        }
        // A first time without an end repeats without one.
        let to = (length > 0).then_some(to);
        let utc = |ms: instant::Ms| format!("{}Z", instant::utc_text(ms));
        let span = api::local_span(Some(&utc(from)), to.map(utc).as_deref());
        let relative = (label != "Last time")
            .then(|| schedule::relative(now.get(), at(Some(from)), at(to)))
            .flatten()
            .map(|r| view! { " " <span class="muted">"(" {r} ")"</span> });
        Some(view! { <dt>{label}</dt><dd>{span}{relative}</dd> })
    };
    Some(view! { {times}{repeats}{this_time} })
}

fn uri_list(title: &'static str, uris: Option<&Uris>) -> Option<impl IntoView> {
    let entries = uris?.entries.clone();
    Some(view! {
        <h3 class="overview__subheading">{title}</h3>
        <ul class="overview__uris">
            {entries.into_iter().map(|e| view! {
                <li>
                    <span class="mono">{e.uri.clone()}</span>
                    {e.display_text.clone().map(|t| view! { " \u{2014} " {t} })}
                    {e.purpose.clone().map(|p| view! { " " <span class="muted">"(" {p} ")"</span> })}
                    " " <CopyButton label="Copy" name=format!("Copy {}", e.uri) text=e.uri.clone()/>
                </li>
            }).collect_view()}
        </ul>
    })
}
