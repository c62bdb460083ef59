use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::focus::{focus_lost, focus_nth_or_main};
use crate::session::use_notices;
use crate::state::bidi::isolate_rtl;
use crate::state::notice::Tone;

/// The notifications (inside the panel's `Router`: a notice names its conference only away from that
/// conference's page), and a button that dismisses them all once there are several (errors stay until
/// dismissed, and a server that goes away mid-event can leave a pile of them).
///
/// What a screen reader says: an error is an alert, said at once as it comes; every other notice is said
/// politely, its title, conference and detail only, through a live region of its own. The list itself is
/// no live region: an alert inside a polite region was said twice by some screen readers, and a notice read
/// from the list came with its buttons' labels ("…processed. More Admit Show Dismiss", QA).
#[component]
pub fn NoticeArea() -> impl IntoView {
    let notices = use_notices();
    let pathname = leptos_router::hooks::use_location().pathname;
    // The console is a page of a connected panel: without a connection its link would lead to the connect
    // view (a failed Connect's notice, say), so it shows only while connected.
    let connection = use_context::<crate::session::connection::Connection>();
    let connected = move || connection.is_some_and(|c| c.current.with(Option::is_some));
    let count = move || notices.items.with(Vec::len);
    // Folded to the newest notice by the moderator (the others stay, and come back with "Show all").
    let folded = RwSignal::new(false);
    // A notification that goes (dismissed, or done with its action) takes its buttons with it: if one of
    // them had the focus, it moves to the Dismiss of the notification now in that place, or back to the
    // page's content when none is left.
    let list = NodeRef::<html::Section>::new();
    let focused_at = StoredValue::new(None::<usize>);
    // "Dismiss all" goes too, once one notification or none is left (or the others faded).
    let clear_focused = StoredValue::new(false);
    let note_focus = move |ev: leptos::ev::FocusEvent| {
        focused_at.set_value(list.get_untracked().zip(ev.target()).and_then(|(l, t)| notice_index(&l, t)));
    };
    // Leaving for another part of the page: no longer ours to move.
    let note_blur = move |ev: leptos::ev::FocusEvent| {
        let next = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if next.is_some_and(|n| !list.get_untracked().is_some_and(|l| l.contains(Some(&n)))) {
            focused_at.set_value(None);
        }
    };
    let area = NodeRef::<html::Div>::new();
    // Measured once drawn: when a notice comes or goes, or shows more of itself. Only while one of them stays
    // until dismissed (an error, a warning): a success covers a control for a few seconds only, and the
    // room it would add could make a short page scroll, and shift sideways, at every change.
    // On a phone, every notice counts: there they cover a third of the screen, the page's last field and its
    // button included (QA), and the page's scrollbar takes no width when it comes.
    let measure = move || {
        request_animation_frame(move || {
            // 40rem: as the stylesheet's narrow screens (a phone, or a window zoomed to 200%).
            let narrow = window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w <= 640.0);
            // Every notice stays when the moderator keeps them (Settings).
            let stays = narrow
                || notices.keep.get_untracked()
                || notices.items.with_untracked(|items| items.iter().any(|s| s.notice.sticky()));
            let height = area.get_untracked().filter(|_| stays).map_or(0, |a| a.offset_height());
            if notices.height.get_untracked() != height {
                notices.height.set(height);
                // A control the keyboard reaches is scrolled into view above the notices, not under them
                // (`scroll-padding-bottom` in the stylesheet; QA: at 200% zoom the focused "Add user" was
                // under two errors).
                // Through the CSSOM: a style attribute is inline style, which the Content-Security-Policy forbids.
                let root = document().document_element().and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(root) = root {
                    let _ = root.style().set_property("--notices-h", &format!("{height}px"));
                }
            }
        })
    };
    // And when the moderator starts or stops keeping every notice, or the window changes width (a notice that
    // stays on a phone fades at a desk; QA: kept notices covered the page, measured before the setting).
    Effect::new(move |_| {
        notices.keep.track();
        measure();
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    Effect::new(move |_| {
        notices.items.track();
        measure();
        request_animation_frame(move || {
            let at = match (focused_at.get_value(), clear_focused.get_value()) {
                (Some(at), _) => at,
                (None, true) => 0,
                (None, false) => return,
            };
            if focus_lost() {
                focused_at.set_value(None);
                clear_focused.set_value(false);
                focus_nth_or_main(list.get_untracked(), ".notice__dismiss", at);
            }
        });
    });
    // A new notice comes in view: it is the outcome of what the moderator just did, or news, and it comes
    // last, where a stack taller than its room (waiting rooms' notices stay all event) had it scrolled out
    // of sight, to fade unseen (QA). Not while the moderator is in the stack: what they are on stays put.
    let newest = StoredValue::new(None::<u32>);
    Effect::new(move |_| {
        let last = notices.items.with(|items| items.last().map(|s| s.id));
        if last.is_none() || last == newest.get_value() {
            return;
        }
        newest.set_value(last);
        request_animation_frame(move || {
            let Some(stack) = list.get_untracked() else { return };
            let inside = document().active_element().is_some_and(|a| stack.contains(Some(&a)));
            if !inside {
                stack.set_scroll_top(stack.scroll_height());
            }
        });
    });
    // The newest notice that is not an error, said politely: as it comes, and again when what it says moves
    // on (it repeats, or more people wait). A dismissal, which leaves an older one newest, says nothing.
    let said = RwSignal::new(String::new());
    let said_last = StoredValue::new((0u32, String::new()));
    Effect::new(move |_| {
        let newest = notices.items.with(|items| {
            let s = items.iter().filter(|s| s.notice.tone != Tone::Error).max_by_key(|s| s.id)?;
            let about = s.notice.about.as_ref().filter(|a| !is_page_of(&pathname.get_untracked(), &a.uri));
            let about = about.map(|a| format!(" {}.", a.name)).unwrap_or_default();
            let count = if s.count > 1 { format!(" (\u{d7}{})", s.count) } else { String::new() };
            let text = isolate_rtl(&format!("{}{count}.{about} {}", s.notice.title, s.notice.detail)).into_owned();
            said_last.with_value(|(id, last)| s.id > *id || (s.id == *id && text != *last)).then_some((s.id, text))
        });
        if let Some((id, text)) = newest {
            said_last.set_value((id, text.clone()));
            crate::session::notices::say(said, text);
        }
    });
    view! {
        <p class="visually-hidden" aria-live="polite" aria-atomic="true">{said}</p>
        // A notice under the pointer or the focus does not fade meanwhile (`Notices::hover`, `Notices::focus`).
        <div class="notices" node_ref=area
            on:mouseenter=move |_| notices.hover(true) on:mouseleave=move |_| notices.hover(false)
            on:focusin=move |_| notices.focus(true)
            on:focusout=move |ev| {
                let next = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                notices.focus(next.is_some_and(|n| area.get_untracked().is_some_and(|a| a.contains(Some(&n)))));
            }>
        // Above the list, which scrolls (to the newest) under it: with eighteen waiting rooms' notices, "Dismiss
        // all" was thousands of pixels up, scrolled out of sight, and the stack covered the page's right-hand
        // columns (QA). "Show only the newest" folds the stack to one notice; new ones still show.
        <Show when=move || { count() > 1 }>
            <div class="notices__bar">
                <button type="button" class="button notices__fold" aria-pressed=move || folded.get().to_string()
                    on:click=move |_| { folded.update(|f| *f = !*f); measure(); }>
                    // Shorter on a narrow screen (a phone, 200% zoom), where the bar took two lines of a short
                    // stack (QA); its name stays whole.
                    {move || if folded.get() {
                        view! { "Show all " {count()} }.into_any()
                    } else {
                        // In one span: as the button's flex items, the words' spaces at their edges were
                        // dropped ("Showonly the newest", QA).
                        // On a phone in other words, its own: "only the newest" had no verb (QA).
                        view! { <span class="notices__wide">"Show only the newest"</span><span class="notices__narrow">"Newest only"</span> }.into_any()
                    }}
                </button>
                <button type="button" class="button notices__clear" on:click=move |_| notices.clear()
                    on:focus=move |_| clear_focused.set_value(true)
                    // A blur with nowhere to go is the button's own removal: the focus is still ours to move.
                    on:blur=move |ev| if ev.related_target().is_some() { clear_focused.set_value(false) }>
                    <span>"Dismiss all " {count} <span class="notices__long">" notifications"</span></span>
                </button>
            </div>
        </Show>
        <section class="notices__list" aria-label="Notifications" node_ref=list on:focusin=note_focus on:focusout=note_blur>
            <For each=move || notices.items.with(|items| if folded.get() { items.last().cloned().into_iter().collect() } else { items.clone() }) key=|s| (s.id, s.count, s.notice.title.clone(), s.notice.detail.clone(), s.exchange) let:shown>
                {
                    let id = shown.id;
                    let tone = match shown.notice.tone {
                        Tone::Success => "success",
                        Tone::Info => "info",
                        Tone::Warning => "warning",
                        Tone::Error => "error",
                    };
                    // An error is said at once; the others through `said`, above.
                    let role = matches!(shown.notice.tone, Tone::Error).then_some("alert");
                    let count = (shown.count > 1).then(|| format!(" (\u{d7}{})", shown.count));
                    let action = shown.action.clone();
                    let title = isolate_rtl(&shown.notice.title).into_owned();
                    let link = shown.link.clone();
                    // What was sent and what came back, for a moderator (or whoever they call) to look into; the console
                    // shows it, so following the link dismisses the notice, as its other links do.
                    let details = shown.exchange.map(|n| crate::state::base_path::href(&format!("/console?exchange={n}")));
                    // On a phone the detail shows two lines until the moderator asks for the rest (a notice
                    // in full takes a fifth of the screen, and errors stay until dismissed); the button shows
                    // only there (style/panel.css). Screen readers read the whole of it either way.
                    let open = RwSignal::new(false);
                    // About what two lines of a phone hold: a shorter detail needs no button.
                    let long = shown.notice.detail.chars().count() > 80;
                    view! {
                        <div class=format!("notice notice--{tone}") role=role data-code=shown.notice.code.map(|c| c.to_string())>
                            // Names written right to left kept from reordering the sentence around them.
                            <p class="notice__title">{isolate_rtl(&shown.notice.title).into_owned()}{count}</p>
                            // Under the title, so that what happened is read first; not on that conference's own
                            // page, where it would only make the notice taller over the page's controls.
                            {shown.notice.about.clone().map(|about| {
                                let elsewhere = move || !is_page_of(&pathname.get(), &about.uri);
                                let name = about.name.clone();
                                view! { <Show when=elsewhere><p class="notice__about" dir="auto">{name.clone()}</p></Show> }
                            })}
                            <p class="notice__detail" class:notice__detail--open=open>{isolate_rtl(&shown.notice.detail).into_owned()}</p>
                            <div class="notice__actions">
                                {long.then(|| view! {
                                    <button type="button" class="button button--quiet notice__more" aria-expanded=move || open.get().to_string()
                                        on:click=move |_| { open.update(|o| *o = !*o); measure(); }>
                                        {move || if open.get() { "Less" } else { "More" }}
                                    </button>
                                })}
                                // Named with what the notice is about: two knocks' buttons were two "Admit"s for a
                                // screen reader going through the buttons (QA).
                                {action.map(|a| {
                                    let label = a.label.clone();
                                    let named = format!("{label}: {title}");
                                    view! { <button type="button" class="button" aria-label=named on:click=move |_| a.fire()>{label}</button> }
                                })}
                                // Plain links (the router follows them all the same): leptos_router's `A` marks one
                                // `aria-current` when only its query differs from the page's (the users tab's
                                // link, seen from the admission tab), and a notice's link is never where one is.
                                {link.map(|(label, href)| {
                                    let named = format!("{label}: {title}");
                                    view! { <a href=href class="button" aria-label=named on:click=move |_| notices.dismiss(id)>{label}</a> }
                                })}
                                {details.map(|href| view! {
                                    <Show when=connected>
                                        <a href=href.clone() class="button button--quiet" on:click=move |_| notices.dismiss(id)>"Show in console"</a>
                                    </Show>
                                })}
                                <button type="button" class="button button--quiet notice__dismiss" aria-label="Dismiss notification" on:click=move |_| notices.dismiss(id)>
                                    "Dismiss"
                                </button>
                            </div>
                        </div>
                    }
                }
            </For>
        </section>
        </div>
    }
}

/// Whether `path` is the page of the conference `uri` (any of its tabs).
fn is_page_of(path: &str, uri: &str) -> bool {
    super::route_uri_of(path, "/conferences")
        .is_some_and(|here| crate::state::uri_key(&here) == crate::state::uri_key(uri))
}

/// The position in `list` of the notification that holds `target`.
fn notice_index(list: &web_sys::Element, target: web_sys::EventTarget) -> Option<usize> {
    let notice = target.dyn_into::<web_sys::Element>().ok()?.closest(".notice").ok()??;
    let all = list.query_selector_all(".notice").ok()?;
    (0..all.length()).position(|i| all.get(i).is_some_and(|n| n == *notice))
}
