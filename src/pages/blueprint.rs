use ccmp::xcon::{Conference, Operation};
use ccmp::{MessageKind, Request};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::create::new_from_blueprint_href;
use crate::components::{route_uri, use_page_title, ActionLink, ConfOverview, XmlView};
use crate::session::{use_ccmp, Mode, Sent, Traced};
use crate::state::glance::Glance;

/// One blueprint: its document, raw XML, and "create a conference from this blueprint".
#[component]
pub fn BlueprintPage() -> impl IntoView {
    let ccmp = use_ccmp();
    let uri = route_uri("/blueprints");
    let doc = RwSignal::new(None::<Result<(Conference, Option<u64>), String>>);
    let raw = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let uri = uri.get();
        // Leaving for another page (its link to the New conference form), the address changes before the
        // page goes: it had no blueprint to read then, and a request for none met a 400 each time.
        if uri.trim().is_empty() {
            return;
        }
        let Some(conn) = ccmp.connection.get() else { return };
        doc.set(None);
        spawn_local(async move {
            let Traced { sent, body, .. } =
                ccmp.send_traced(Request::blueprint(&conn.user, &uri), "Read blueprint", Mode::Read).await;
            raw.set(body);
            doc.set(Some(match sent {
                Sent::Ok(r) => match r.body.conference() {
                    Some(c) => Ok((c.clone(), r.version)),
                    None => Err("The server answered 200 without the blueprint document.".into()),
                },
                other => Err(other.describe()),
            }));
        });
    });
    let why = Signal::derive(move || {
        if doc.with(|d| matches!(d, Some(Err(_)))) {
            return Some("The blueprint could not be read.".to_owned());
        }
        ccmp.connection.allows(MessageKind::Conf, Some(Operation::Create)).err()
    });
    // To the New conference form with this blueprint picked, where the conference gets its name: one click
    // here used to create "New conference by … cloned from …" at once.
    let create_href = Signal::derive(move || new_from_blueprint_href(&uri.get()));
    let name = move || match doc.get() {
        Some(Ok((c, _))) => c.display_text().map(str::to_owned).unwrap_or_else(|| uri.get()),
        _ => uri.get(),
    };
    use_page_title(Signal::derive(name));
    view! {
        <section class="page">
            <header class="page__header">
                // A plain link: the router's `A` would mark this parent as the current page.
                <p class="page__crumbs"><a href=crate::state::base_path::href("/blueprints")>"Blueprints"</a> " / "</p>
                <h1 class="page__title">{name}</h1>
                <div class="toolbar">
                    <ActionLink label="Create a conference from this blueprint" href=create_href class="button--primary" disabled_reason=why/>
                </div>
            </header>
            {move || match doc.get() {
                None => view! { <p aria-busy="true"><span class="spinner" aria-hidden="true"></span>"Loading\u{2026}"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="conf-page__error" role="alert">"The blueprint could not be read: " {e}</p> }.into_any(),
                Some(Ok((c, v))) => view! {
                    <ConfOverview glance=Glance::of(&c, v)/>
                    <details class="raw">
                        <summary>"Raw XML"</summary>
                        {move || raw.get().map(|x| view! { <XmlView xml=x/> })}
                    </details>
                }.into_any(),
            }}
        </section>
    }
}
