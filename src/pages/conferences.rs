use std::collections::HashMap;
use std::time::Duration;

use ccmp::xcon::Operation;
use ccmp::MessageKind;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::components::{conference_href, sorted_said, use_page_title, ActionButton, ActionLink, HelpOverlay};
use crate::session::ccmp::sleep;
use crate::session::conf_store::ListStatus;
use crate::session::moderation::{use_moderation, Moderation};
use crate::session::shortcuts::use_shortcuts;
use crate::session::{use_ccmp, use_drafts};
use crate::state::conf_list::{find, keep_order, sort, ConfRow, Highlights, RowLoad, SortKey};
use crate::state::instant;
use crate::state::schedule::Stands;
use crate::state::shortcuts::{Shortcut, Where};
use crate::state::users::UserFilter;
use crate::state::watch_pace::next_refresh_in;
use crate::state::{uri_key, yes_no};

/// What a row shows beside its values.
#[derive(Clone, Debug, PartialEq)]
enum Mark {
    None,
    Added,
    Changed(String),
    Removed,
}

/// What the list listens to among the lists marked stale: no conference has that name, so only a mark of
/// every list reaches it.
const LIST_STALE_KEY: &str = "the conferences list";

/// How long a read of the list counts as current: coming back to the list later than this reads it again.
const FRESH_SECS: f64 = 5.0;

/// The conferences list: confsRequest, then each conference read six at a time; filter, sort, manual and
/// automatic refresh with what changed highlighted.
#[component]
pub fn ConferencesPage() -> impl IntoView {
    let ccmp = use_ccmp();
    let moderation = use_moderation();
    let store = ccmp.store;
    // The clock the rows' "on now" and "next" are told against, on the server's time, kept current while the
    // list is open.
    let now = RwSignal::new(crate::api::server_now_ms());
    let ticks = set_interval_with_handle(move || now.set(crate::api::server_now_ms()), Duration::from_secs(30)).ok();
    on_cleanup(move || ticks.into_iter().for_each(|t| t.clear()));
    use_page_title("Conferences".to_owned());
    // Coming back to the list reads it again (what changed meanwhile is highlighted, the rows stay shown
    // while it reads), unless it was read moments ago: back and forth between a conference and the list.
    let stale = store.read_at.with_untracked(|at| {
        at.as_deref().is_none_or(|at| js_sys::Date::now() - js_sys::Date::parse(at) > FRESH_SECS * 1000.0)
    });
    if stale || store.auto_refresh.get_untracked() > 0 {
        spawn_local(store.refresh(ccmp, true));
    }
    // Every list shown reads again (the server answers again after an outage, the moderator signed in
    // again): the list said "The last read failed" until a Re-read (QA).
    moderation.on_stale(LIST_STALE_KEY, move || spawn_local(store.refresh(ccmp, false)));

    // Auto-refresh while this page is shown: each read `secs` after the last began, or later when reads are
    // slow (`next_refresh_in`), which is said beside the choice. A new choice, or leaving the page, ends the
    // loop (its run number is no longer the current one).
    let run = StoredValue::new(0u32);
    let paced = RwSignal::new(None::<u32>);
    Effect::new(move |_| {
        let secs = store.auto_refresh.get();
        run.update_value(|n| *n += 1);
        paced.set(None);
        let this_run = run.get_value();
        let going = move || run.try_get_value() == Some(this_run);
        if secs == 0 {
            return;
        }
        spawn_local(async move {
            let mut wait = f64::from(secs) * 1000.0;
            loop {
                sleep(wait as u32).await;
                if !going() {
                    return;
                }
                let started = js_sys::Date::now();
                store.refresh(ccmp, false).await;
                let took = js_sys::Date::now() - started;
                wait = next_refresh_in(secs, took);
                let every = ((wait + took) / 1000.0).round() as u32;
                paced.try_set((every > secs).then_some(every));
            }
        });
    });
    on_cleanup(move || run.update_value(|n| *n += 1));

    // While the pointer is over the table or the keyboard is in it, a read does not reorder its rows (QA:
    // sorted by users during an event, the row under the pointer changed twice in 45 s): new rows go last,
    // and the order catches up once the pointer leaves. A sort or a filter the moderator changes applies
    // at once.
    let (hovered, focused) = (RwSignal::new(false), RwSignal::new(false));
    let shown_order = StoredValue::new((None::<(SortKey, bool, String)>, Vec::<String>::new()));
    // Only the rows a read marked, while there are marks: on a server of 500 conferences they were scattered
    // through the list, and "marked: 24 changed" said nothing of where (QA).
    let only_marked = RwSignal::new(false);
    let visible = Memo::new(move |_| {
        let filter = store.filter.get();
        let (key, ascending) = store.sort.get();
        let h = store.highlights.get();
        let mut rows: Vec<ConfRow> = store.rows.get().into_iter().filter(|r| find(r, &filter).is_some()).collect();
        sort(&mut rows, key, ascending);
        let held = hovered.get() || focused.get();
        let basis = (key, ascending, filter.clone());
        shown_order.update_value(|(was, keys)| {
            if held && was.as_ref() == Some(&basis) {
                keep_order(&mut rows, keys);
            }
            *was = Some(basis);
            *keys = rows.iter().map(ConfRow::key).collect();
        });
        let mut shown: Vec<(ConfRow, Mark)> = rows
            .into_iter()
            .map(|r| {
                let mark = if h.added.contains(&r.key()) {
                    Mark::Added
                } else if let Some(fields) = h.changed.get(&r.key()) {
                    Mark::Changed(fields.join(", "))
                } else {
                    Mark::None
                };
                (r, mark)
            })
            .collect();
        shown.extend(h.removed.iter().filter(|r| find(r, &filter).is_some()).map(|r| (r.clone(), Mark::Removed)));
        if only_marked.get() && !h.is_empty() {
            shown.retain(|(_, mark)| *mark != Mark::None);
        }
        shown
    });
    // The users tab's keys for what the list does too: `/` to filter, `g` to read again.
    let filter_input = NodeRef::<html::Input>::new();
    use_shortcuts(move |shortcut| match shortcut {
        Shortcut::Help => {
            moderation.help.update(|h| *h = !*h);
            true
        }
        Shortcut::FocusFilter => {
            if let Some(input) = filter_input.get_untracked() {
                let _ = input.focus();
            }
            true
        }
        Shortcut::Refresh => {
            spawn_local(store.refresh(ccmp, true));
            true
        }
        _ => false,
    });
    let total = move || store.rows.with(Vec::len);
    let shape = Memo::new(move |_| {
        if !store.loaded.get() && total() == 0 {
            return if matches!(store.status.get(), ListStatus::Loading(_)) { Shape::Loading } else { Shape::NotRead };
        }
        if total() == 0 && store.highlights.with(|h| h.removed.is_empty()) {
            return Shape::Empty;
        }
        if visible.with(Vec::is_empty) {
            return Shape::NoMatch;
        }
        Shape::Table
    });
    // The rows shown, by key, for the cells that follow their row's data.
    let by_key = Memo::new(move |_| {
        visible.with(|v| v.iter().map(|(r, m)| (r.key(), (r.clone(), m.clone()))).collect::<Rows>())
    });
    let drafts = use_drafts();
    let unsaved =
        Memo::new(move |_| ccmp.connection.current.with(|c| c.as_ref().map(|c| drafts.unsaved(c))).unwrap_or_default());
    let loading = Signal::derive(move || matches!(store.status.get(), ListStatus::Loading(_)));
    // The failure stays while the next read tries (a memo: the alert is not made again, and read out again,
    // at each retry of an auto-refresh).
    let failure = Memo::new(move |_| match store.status.get() {
        ListStatus::Error(why) | ListStatus::Loading(Some(why)) => Some(why),
        _ => None,
    });
    let create_why = Signal::derive(move || ccmp.connection.allows(MessageKind::Conf, Some(Operation::Create)).err());

    let summary = move || {
        let n = total();
        let shown = visible.with(|v| v.iter().filter(|(_, m)| *m != Mark::Removed).count());
        if shown == n {
            crate::state::counted(n, "conference", "conferences")
        } else {
            format!("{shown} of {}", crate::state::counted(n, "conference", "conferences"))
        }
    };
    // Not in a live region: a screen reader would read the time out at every auto-refresh.
    let read_at = move || store.read_at.get().map(|at| format!(" \u{b7} read at {}", crate::api::local_time(&at)));
    let news = move || {
        let mut s = String::new();
        let h = store.highlights.get();
        if !h.is_empty() {
            s.push_str(&format!(" \u{b7} marked: {}", h.summary()));
        }
        // Also when the filter hides them: an edit left behind is easy to forget during an event.
        match unsaved.with(HashMap::len) {
            0 => {}
            1 => s.push_str(" \u{b7} 1 unsaved edit"),
            k => s.push_str(&format!(" \u{b7} {k} unsaved edits")),
        }
        s
    };

    // The unsaved edits of conferences the filter hides, named with the way to each: their rows' badges are
    // out of sight, and "1 unsaved edit" alone left the moderator to clear the filter and look (QA).
    let hidden_edits = move || {
        if store.filter.with(|f| f.trim().is_empty()) {
            return None;
        }
        let mut hidden: Vec<(String, &'static str)> = unsaved.with(|u| {
            by_key
                .with(|shown| u.iter().filter(|(k, _)| !shown.contains_key(*k)).map(|(k, t)| (k.clone(), *t)).collect())
        });
        if hidden.is_empty() {
            return None;
        }
        hidden.sort_unstable();
        let lead =
            if hidden.len() == 1 { "An unsaved edit the filter hides: " } else { "Unsaved edits the filter hides: " };
        let links = hidden.into_iter().enumerate().map(|(i, (key, tab))| {
            let name = store.name_of(&key).unwrap_or_else(|| key.clone());
            let href = format!("{}?tab={tab}", conference_href(&key));
            view! { {(i > 0).then_some(", ")}<A href=href>{name}</A> }
        });
        Some(view! { <p class="conf-list__summary">{lead}{links.collect_view()}</p> })
    };

    let header = move |label: &'static str, key: SortKey| {
        let aria = move || match store.sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                // The sort in the button's name: a screen reader says the header's aria-sort only on coming
                // to it, not when a press changes it under the focus (QA).
                <button type="button" class="conf-list__sort" aria-label=move || format!("{label}{}", sorted_said(aria())) on:click=move |_| {
                    store.sort.update(|(k, asc)| {
                        if *k == key { *asc = !*asc } else { (*k, *asc) = (key, true) }
                    })
                }>
                    {label}
                    <span class="conf-list__arrow" aria-hidden="true">{move || match aria() { "ascending" => "\u{25b2}", "descending" => "\u{25bc}", _ => "" }}</span>
                </button>
            </th>
        }
    };

    // Enter in the filter: the one conference found is opened; of several, the first has the focus (the
    // sort buttons stand between the field and the rows).
    let to_results = move || {
        let Some(input) = filter_input.get_untracked() else { return };
        let links =
            input.closest(".conf-list").ok().flatten().and_then(|l| l.query_selector_all("a.conf-list__name").ok());
        let Some(links) = links else { return };
        let first = links.get(0).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
        match (first, links.length()) {
            (Some(only), 1) => only.click(),
            (Some(first), _) => {
                let _ = first.focus();
            }
            (None, _) => {}
        }
    };
    view! {
        <section class="page conf-list">
            <header class="page__header">
                <h1 class="page__title">"Conferences"</h1>
                <div class="toolbar">
                    <label class="field field--inline">
                        <span class="visually-hidden">"Filter conferences"</span>
                        <input class="field__input field__input--filter" type="search" name="filter" placeholder="Filter by name, subject, URI or person (/)" node_ref=filter_input bind:value=store.filter
                            aria-keyshortcuts="/"
                            on:keydown=move |ev| {
                                // Not the Enter that ends an input method's composition (QA: confirming 日本
                                // opened the conference it matched).
                                if ev.key() == "Enter" && !ev.is_composing() { ev.prevent_default(); to_results(); }
                            }/>
                    </label>
                    <ActionButton label="Refresh" busy=loading on_click=move || spawn_local(store.refresh(ccmp, true))/>
                    <label class="field field--inline">
                        <span class="field__label">"Auto-refresh"</span>
                        <select class="field__input" name="auto-refresh" on:change=move |ev| {
                            store.set_auto_refresh(event_target_value(&ev).parse().unwrap_or(0))
                        }>
                            {[0u32, 5, 10, 30, 60].into_iter().map(|s| view! {
                                <option value=s.to_string() selected=move || store.auto_refresh.get() == s>
                                    {if s == 0 { "off".to_owned() } else { format!("every {s} s") }}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                    {move || paced.get().map(|every| view! {
                        <span class="muted" title="Each read of the list reads every conference: the panel keeps the server busy at most a twentieth of the time.">
                            {format!("(every {every} s at this size)")}
                        </span>
                    })}
                    <ActionLink label="New conference" href=crate::state::base_path::href("/conferences/new") class="button--primary" disabled_reason=create_why/>
                    <button type="button" class="button button--quiet shortcuts-button" aria-keyshortcuts="?" on:click=move |_| moderation.help.set(true)>"Shortcuts (?)"</button>
                </div>
            </header>
            <p class="conf-list__summary">
                <span role="status" aria-live="polite">{summary}</span>{read_at}<span role="status" aria-live="polite">{news}</span>
                // A mark lasts a minute after the read that found its change; the moderator who has seen
                // them can clear them sooner.
                {move || (!store.highlights.with(Highlights::is_empty)).then(|| view! {
                    " "
                    <button type="button" class="button button--quiet" aria-pressed=move || only_marked.get().to_string()
                        on:click=move |_| only_marked.update(|o| *o = !*o)>
                        "Only the marked"
                    </button>
                    <button type="button" class="button button--quiet" title="Marks stay a minute after the read that found the change"
                        on:click=move |_| {
                            store.highlights.set(Highlights::default());
                            crate::components::focus_main_if_lost();
                        }>
                        "Clear marks"
                    </button>
                })}
            </p>
            {hidden_edits}
            {move || failure.get().map(|e| view! {
                <p class="conf-list__error" role="alert">"The last read failed: " {e} ". " {if store.loaded.get() { "The list shows the previous read." } else { "" }}</p>
            })}
            {move || {
                // Only what decides between the table and a message: the table itself stays mounted
                // through every read (its rows follow their data).
                match shape.get() {
                    Shape::Loading => return view! { <p class="conf-list__state" aria-busy="true"><span class="spinner" aria-hidden="true"></span>"Loading conferences\u{2026}"</p> }.into_any(),
                    Shape::NotRead => return view! { <p class="conf-list__state">"The list has not been read yet."</p> }.into_any(),
                    Shape::Empty => return view! { <p class="conf-list__state">"No conferences on this server yet. " <A href=crate::state::base_path::href("/conferences/new")>"Create one."</A></p> }.into_any(),
                    Shape::NoMatch => return view! { <p class="conf-list__state">"No conference matches \u{201c}" {move || store.filter.get()} "\u{201d}."</p> }.into_any(),
                    Shape::Table => {}
                }
                let wrap = NodeRef::<html::Div>::new();
                let left = move |ev: leptos::ev::FocusEvent| {
                    let next = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                    let inside = wrap.get_untracked().zip(next).is_some_and(|(w, n)| w.contains(Some(&n)));
                    focused.set(inside);
                };
                view! {
                    <div class="table-wrap" node_ref=wrap
                        on:mouseenter=move |_| hovered.set(true) on:mouseleave=move |_| hovered.set(false)
                        on:focusin=move |_| focused.set(true) on:focusout=left>
                        <table class="conf-list__table conf-list__table--confs">
                            <thead>
                                <tr>
                                    {header("Name", SortKey::Name)}
                                    {header("Subject", SortKey::Subject)}
                                    {header("Users", SortKey::Users)}
                                    {header("Active", SortKey::Active)}
                                    {header("Locked", SortKey::Locked)}
                                    {header("Version", SortKey::Version)}
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || visible.get() key=|(r, _)| r.key() let:item>
                                    {row(item.0.uri, by_key, unsaved, store.filter, moderation, now.read_only())}
                                </For>
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <HelpOverlay on=Where::Conferences/>
        </section>
    }
}

/// What the list area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Loading,
    NotRead,
    Empty,
    NoMatch,
    Table,
}

/// The rows on screen by key, with their marks (a removed row keeps its key: it is not listed otherwise).
type Rows = HashMap<String, (ConfRow, Mark)>;

/// One conference's row. It stays the same element from the first read on (its cells and marks follow
/// its data), so that the link a moderator is clicking is never replaced under the pointer while the
/// list fills in or refreshes.
fn row(
    uri: String,
    rows: Memo<Rows>,
    unsaved: Memo<HashMap<String, &'static str>>,
    filter: RwSignal<String>,
    moderation: Moderation,
    now: ReadSignal<f64>,
) -> impl IntoView {
    let key = StoredValue::new(uri_key(&uri));
    // This row as now read: filled in as its confRequest comes back, then the values of each later read.
    let data = Memo::new(move |_| key.with_value(|k| rows.with(|rows| rows.get(k).cloned())));
    let text =
        move |f: fn(&ConfRow) -> String| move || data.with(|d| d.as_ref().map(|(r, _)| f(r)).unwrap_or_default());
    let mark = Memo::new(move |_| data.with(|d| d.as_ref().map_or(Mark::None, |(_, m)| m.clone())));
    let removed = Memo::new(move |_| mark.with(|m| *m == Mark::Removed));
    let class = move || match mark.get() {
        Mark::None => "conf-list__row",
        Mark::Added => "conf-list__row conf-list__row--added",
        Mark::Changed(_) => "conf-list__row conf-list__row--changed",
        Mark::Removed => "conf-list__row conf-list__row--removed",
    };
    let note = move || {
        let note = match mark.get() {
            Mark::None => return None,
            Mark::Added => "new".to_owned(),
            Mark::Changed(fields) => format!("changed: {fields}"),
            Mark::Removed => "removed".to_owned(),
        };
        Some(view! { <span class="badge badge--mark">{note}</span> })
    };
    let href = conference_href(&uri);
    let link = {
        let href = href.clone();
        move || match removed.get() {
            true => view! { <span class="conf-list__name">{text(|r| r.name().to_owned())}</span> }.into_any(),
            false => view! { <A href=href.clone() attr:class="conf-list__name">{text(|r| r.name().to_owned())}</A> }
                .into_any(),
        }
    };
    let load = Memo::new(move |_| data.with(|d| d.as_ref().map(|(r, _)| r.load.clone())));
    let subject = move || match load.get() {
        Some(RowLoad::Failed(why)) => view! { <span class="conf-list__failed">{why}</span> }.into_any(),
        Some(RowLoad::Pending) => view! { <span class="muted">"\u{2026}"</span> }.into_any(),
        _ => view! { {text(|r| r.subject.clone().unwrap_or_default())} }.into_any(),
    };
    fn dash() -> String {
        "\u{2013}".to_owned()
    }
    // Newcomers the conference holds until a moderator admits them: a link to where that is done.
    let waiting = {
        let href = href.clone();
        move || {
            let n = data.with(|d| d.as_ref().and_then(|(r, _)| r.waiting)).filter(|n| *n > 0 && !removed.get())?;
            Some(
                // The separator keeps a screen reader from reading "5" and "1 waiting" as "51 waiting".
                view! { <span class="visually-hidden">", "</span><A href=format!("{href}?tab=users") attr:class="badge badge--waiting">{format!("{n} waiting")}</A> },
            )
        }
    };
    // Found by someone in it ("where is Erin?"): who, with a link to them, to the users tab filtered as
    // the list is (the tab keeps its filter per conference; it is set just before the router follows the
    // link). A removed row has nobody to go to.
    let who = {
        let (href, uri) = (format!("{href}?tab=users"), uri.clone());
        move || {
            let note =
                data.with(|d| d.as_ref().and_then(|(r, _)| filter.with(|f| find(r, f))).and_then(|f| f.note()))?;
            if removed.get() {
                return Some(view! { <span class="conf-list__who">{note}</span> }.into_any());
            }
            let uri = uri.clone();
            let show = move |_| {
                let text = filter.get_untracked();
                moderation.keep_filter(&uri, &UserFilter { text, role: String::new() });
            };
            Some(view! { <a class="conf-list__who" href=href.clone() on:click=show>{note}</a> }.into_any())
        }
    };
    // On now, or when it is next, on the moderator's clock: which conference is about to start, and the next
    // time of one that repeats (QA: the list said neither).
    let when = move || {
        let schedule = data.with(|d| d.as_ref().and_then(|(r, _)| r.schedule.clone())).filter(|_| !removed.get())?;
        let utc = |ms: instant::Ms| format!("{}Z", instant::utc_text(ms));
        let view = match schedule.at(now.get() as instant::Ms)? {
            Stands::Now { end } => {
                let until = end.map(|e| format!(" {}", crate::api::local_span(None, Some(&utc(e)))));
                view! { <span class="conf-list__when"><span class="badge badge--now">"on now"</span>{until}</span> }
                    .into_any()
            }
            Stands::Next { start, end } => {
                let span = crate::api::local_span(Some(&utc(start)), end.map(utc).as_deref());
                let span = span.strip_prefix("from ").map(str::to_owned).unwrap_or(span);
                view! { <span class="conf-list__when">{format!("next: {span}")}</span> }.into_any()
            }
        };
        Some(view)
    };
    // An edit the moderator began and left: a link back to the tab that holds it.
    let draft = move || {
        let tab = key.with_value(|k| unsaved.with(|u| u.get(k).copied()))?;
        Some(view! { <A href=format!("{href}?tab={tab}") attr:class="badge badge--draft">"unsaved edit"</A> })
    };
    view! {
        <tr class=class data-uri=uri.clone() aria-busy=move || (load.get() == Some(RowLoad::Pending)).to_string()>
            <th scope="row">
                {link}
                <span class="conf-list__uri mono">{uri.clone()}</span>
                {when}
                {who}
                {note}
                {draft}
            </th>
            // Two lines at most: a subject written as a paragraph would take the table over (the whole of it
            // is in the title, on the conference's page, and read out by screen readers).
            <td><div class="conf-list__subject" title=text(|r| r.subject.clone().unwrap_or_default())>{subject}</div></td>
            <td class="num">{text(|r| r.user_count.map_or_else(dash, |n| n.to_string()))}{waiting}</td>
            <td>{text(|r| yes_no(r.active).to_owned())}</td>
            <td>{text(|r| yes_no(r.locked).to_owned())}</td>
            <td class="num">{text(|r| r.version.map_or_else(dash, |v| v.to_string()))}</td>
        </tr>
    }
}
