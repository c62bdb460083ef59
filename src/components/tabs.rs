use leptos::prelude::*;

/// Tabs as links (`?tab=raw`), so that the open tab survives a reload and back/forward.
#[component]
pub fn Tabs(
    /// `(tab id, label)` in order.
    tabs: Vec<(&'static str, &'static str)>,
    /// The open tab.
    #[prop(into)]
    current: Signal<String>,
    /// The page's path, without query.
    #[prop(into)]
    base: Signal<String>,
    /// The tabs holding changes not saved yet, marked so that the moderator finds them again.
    #[prop(optional, into)]
    unsaved: Option<Signal<Vec<&'static str>>>,
) -> impl IntoView {
    let unsaved = move |id: &'static str| unsaved.is_some_and(|u| u.with(|tabs| tabs.contains(&id)));
    view! {
        <nav class="tabs" aria-label="Sections">
            {tabs
                .into_iter()
                .map(|(id, label)| {
                    let href = move || format!("{}?tab={id}", base.get());
                    view! {
                        // A plain link, which the router follows all the same: its `A` marks every link to the
                        // page's path as the current page, and all the tabs share that path.
                        <a
                            href=href
                            class=move || { if current.get() == id { "tabs__tab tabs__tab--current" } else { "tabs__tab" } }
                            aria-current=move || (current.get() == id).then_some("page")
                        >
                            {label}
                            <Show when=move || unsaved(id)>
                                <span class="tabs__unsaved" aria-hidden="true">" \u{2022}"</span>
                                <span class="visually-hidden">" (unsaved changes)"</span>
                            </Show>
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
