use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

use super::focus::{focus_lost, focus_main, focus_nth};
use crate::session::use_notices;
use crate::state::notice::Tone;

/// The notifications, in an ARIA live region (errors are announced assertively by their `role`), and a
/// button that dismisses them all once there are several (errors stay until dismissed, and a server that
/// goes away mid-event can leave a pile of them). The button stands outside the live region, so that its
/// coming and going is not announced.
#[component]
pub fn NoticeArea() -> impl IntoView {
    let notices = use_notices();
    let count = move || notices.items.with(Vec::len);
    // A dismissed notification takes its button with it: the focus moves to the next one's Dismiss, or
    // back to the page's content when none is left.
    let list = NodeRef::<html::Section>::new();
    let dismiss = move |id| {
        let at = notices.items.with_untracked(|n| n.iter().position(|s| s.id == id)).unwrap_or(0);
        notices.dismiss(id);
        request_animation_frame(move || {
            if focus_lost() && !list.get_untracked().is_some_and(|l| focus_nth(&l, ".notice__dismiss", at)) {
                focus_main();
            }
        });
    };
    view! {
        <div class="notices">
        <Show when=move || { count() > 1 }>
            <button type="button" class="button notices__clear" on:click=move |_| notices.clear()>
                {move || format!("Dismiss all {} notifications", count())}
            </button>
        </Show>
        <section class="notices__list" aria-live="polite" aria-label="Notifications" node_ref=list>
            <For each=move || notices.items.get() key=|s| (s.id, s.count, s.notice.title.clone(), s.notice.detail.clone()) let:shown>
                {
                    let id = shown.id;
                    let tone = match shown.notice.tone {
                        Tone::Success => "success",
                        Tone::Info => "info",
                        Tone::Warning => "warning",
                        Tone::Error => "error",
                    };
                    let role = if matches!(shown.notice.tone, Tone::Error) { "alert" } else { "status" };
                    let count = (shown.count > 1).then(|| format!(" (\u{d7}{})", shown.count));
                    let action = shown.action.clone();
                    let link = shown.link.clone();
                    view! {
                        <div class=format!("notice notice--{tone}") role=role data-code=shown.notice.code.map(|c| c.to_string())>
                            <p class="notice__title">{shown.notice.title.clone()}{count}</p>
                            <p class="notice__detail">{shown.notice.detail.clone()}</p>
                            <div class="notice__actions">
                                {action.map(|a| {
                                    let label = a.label.clone();
                                    view! { <button type="button" class="button" on:click=move |_| a.fire()>{label}</button> }
                                })}
                                {link.map(|(label, href)| view! {
                                    <A href=href attr:class="button" on:click=move |_| notices.dismiss(id)>{label}</A>
                                })}
                                <button type="button" class="button button--quiet notice__dismiss" aria-label="Dismiss notification" on:click=move |_| dismiss(id)>
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
