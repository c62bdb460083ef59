use leptos::prelude::*;

use crate::session::use_notices;
use crate::state::notice::Tone;

/// The notifications, in an ARIA live region (errors are announced assertively by their `role`).
#[component]
pub fn NoticeArea() -> impl IntoView {
    let notices = use_notices();
    view! {
        <section class="notices" aria-live="polite" aria-label="Notifications">
            <For each=move || notices.items.get() key=|s| (s.id, s.count) let:shown>
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
                    view! {
                        <div class=format!("notice notice--{tone}") role=role data-code=shown.notice.code.map(|c| c.to_string())>
                            <p class="notice__title">{shown.notice.title.clone()}{count}</p>
                            <p class="notice__detail">{shown.notice.detail.clone()}</p>
                            <div class="notice__actions">
                                {action.map(|a| {
                                    let label = a.label.clone();
                                    view! { <button type="button" class="button" on:click=move |_| a.fire()>{label}</button> }
                                })}
                                <button type="button" class="button button--quiet" aria-label="Dismiss notification" on:click=move |_| notices.dismiss(id)>
                                    "Dismiss"
                                </button>
                            </div>
                        </div>
                    }
                }
            </For>
        </section>
    }
}
