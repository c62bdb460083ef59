use ccmp::xcon::{Operation, UriEntry};
use ccmp::{MessageKind, Request};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::create::new_from_blueprint_href;
use crate::components::{blueprint_href, use_page_title, ActionButton, ActionLink};
use crate::session::{use_ccmp, Ccmp, Mode, Sent};
use crate::state::uri_key;

/// The blueprints (templates) the server offers, with their purpose.
#[component]
pub fn BlueprintsPage() -> impl IntoView {
    let ccmp = use_ccmp();
    use_page_title("Blueprints".to_owned());
    let list = RwSignal::new(None::<Result<Vec<UriEntry>, String>>);
    let loading = RwSignal::new(false);
    let load = move || {
        let Some(conn) = ccmp.connection.get() else { return };
        loading.set(true);
        spawn_local(async move {
            let sent = ccmp.send(Request::blueprints(&conn.user), "List blueprints", Mode::Read).await;
            list.set(Some(match sent {
                Sent::Ok(r) => Ok(r.body.uris().map(|u| u.entries.clone()).unwrap_or_default()),
                other => Err(other.describe()),
            }));
            loading.set(false);
        });
    };
    load();
    drop_gone_blueprints(ccmp, list);
    let list_why = Signal::derive(move || ccmp.connection.allows(MessageKind::Blueprints, None).err());
    view! {
        <section class="page">
            <header class="page__header">
                <h1 class="page__title">"Blueprints"</h1>
                <div class="toolbar">
                    <ActionButton label="Refresh" busy=loading disabled_reason=list_why on_click=load/>
                </div>
            </header>
            {move || match list.get() {
                None => view! { <p aria-busy="true"><span class="spinner" aria-hidden="true"></span>"Loading blueprints\u{2026}"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="conf-list__error" role="alert">"The blueprints could not be read: " {e}</p> }.into_any(),
                Some(Ok(l)) if l.is_empty() => view! { <p>"The server offers no blueprint."</p> }.into_any(),
                Some(Ok(l)) => view! {
                    <div class="table-wrap">
                        <table class="conf-list__table">
                            <thead><tr><th scope="col">"Name"</th><th scope="col">"Purpose"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                            <tbody>
                                {l.into_iter().map(|b| view! { <BlueprintRow entry=b/> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// Takes a blueprint out of `list` when a request finds it gone (404, [`ConfStore::gone_blueprint`]), as the
/// conferences list does with a conference: it is no use offering it again.
///
/// [`ConfStore::gone_blueprint`]: crate::session::ConfStore
pub fn drop_gone_blueprints(ccmp: Ccmp, list: RwSignal<Option<Result<Vec<UriEntry>, String>>>) {
    Effect::new(move |_| {
        let Some(gone) = ccmp.store.gone_blueprint.get() else { return };
        list.maybe_update(|l| match l {
            Some(Ok(entries)) => {
                let before = entries.len();
                entries.retain(|e| uri_key(&e.uri) != gone);
                entries.len() != before
            }
            _ => false,
        });
    });
}

#[component]
fn BlueprintRow(entry: UriEntry) -> impl IntoView {
    let ccmp = use_ccmp();
    let uri = entry.uri.clone();
    let why = Signal::derive(move || ccmp.connection.allows(MessageKind::Conf, Some(Operation::Create)).err());
    let label = entry.display_text.clone().unwrap_or_else(|| uri.clone());
    let from = format!("from {label}");
    view! {
        <tr data-uri=uri.clone()>
            <th scope="row">
                <A href=blueprint_href(&uri)>{label}</A>
                <span class="conf-list__uri mono">{uri.clone()}</span>
            </th>
            <td>{entry.purpose.clone().unwrap_or_default()}</td>
            // To the New conference form with this blueprint picked, where the conference is named.
            <td><ActionLink label="Create conference" of=from href=new_from_blueprint_href(&uri) disabled_reason=why/></td>
        </tr>
    }
}
