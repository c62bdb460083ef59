use std::collections::HashSet;

use ccmp::xcon::{Conference, Operation, UriEntry};
use ccmp::{MessageKind, Request, Response};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use super::blueprints::drop_gone_blueprints;
use crate::components::{conference_href, enter_submits, use_page_title, ActionButton, ConfFields};
use crate::session::{use_ccmp, use_drafts, Ccmp, Conn, Mode, Sent};
use crate::state::conf_form::ConfForm;
use crate::state::conf_list::{sort, SortKey};
use crate::state::notice::{About, Notice, Tone};
use crate::state::transport::TransportError;
use crate::state::uri_key;

/// The ways to create, as their tabs' ids, in the tabs' order.
const MODES: [&str; 3] = ["blueprint", "clone", "form"];
/// Where the tab chosen is kept for a reload (sessionStorage).
const MODE_KEY: &str = "ccmp-panel.create-tab";
/// Where the blueprint and conference picked and the name typed are kept for a reload (sessionStorage).
const PICKS_KEY: &str = "ccmp-panel.create-picks";

/// The blueprint and clone tabs' picks and name.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Picks {
    blueprint: String,
    source: String,
    name: String,
}

/// Creates a conference: from a blueprint, by cloning an existing conference, or from a form. On success
/// the panel goes to the new conference. `?blueprint=URI` and `?clone=URI` preselect.
#[component]
pub fn CreatePage() -> impl IntoView {
    let ccmp = use_ccmp();
    use_page_title("New conference".to_owned());
    let query = use_query_map();
    let (blueprint_q, clone_q) = query.with_untracked(|q| (q.get("blueprint"), q.get("clone")));
    // The form outlives the page (session::drafts): a form begun earlier opens where it was left.
    let drafts = use_drafts();
    let form = drafts.new_conference;
    // The tab last picked in this browser tab, for a reload (QA: F5 went back to "From a blueprint").
    let chosen = crate::api::session_get(MODE_KEY).and_then(|m| MODES.into_iter().find(|x| *x == m));
    let first = match (&blueprint_q, &clone_q, chosen) {
        (_, Some(_), _) => "clone",
        (Some(_), None, _) => "blueprint",
        (None, None, Some(chosen)) => chosen,
        (None, None, None) if drafts.new_conference_begun() => "form",
        _ => "blueprint",
    };
    let mode = RwSignal::new(first);
    // Kept when the moderator picks a tab (not when a link picked it: a Clone of a conference).
    let pick = move |id: &'static str| {
        mode.set(id);
        crate::api::session_set(MODE_KEY, id);
    };
    // Sent here from a blueprint ("Create a conference from this blueprint"): what is left is the name.
    let name_input = NodeRef::<leptos::html::Input>::new();
    if blueprint_q.is_some() && clone_q.is_none() {
        Effect::new(move |_| {
            if let Some(input) = name_input.get() {
                let _ = input.focus();
            }
        });
    }
    // What was picked and typed on the blueprint and clone tabs, kept for a reload as the form's draft is (QA:
    // F5 emptied them); a link's pick comes first.
    let kept: Picks =
        crate::api::session_get(PICKS_KEY).and_then(|k| serde_json::from_str(&k).ok()).unwrap_or_default();
    let from_link = blueprint_q.is_some() || clone_q.is_some();
    let blueprint = RwSignal::new(blueprint_q.unwrap_or(if from_link { String::new() } else { kept.blueprint }));
    let source = RwSignal::new(clone_q.unwrap_or(if from_link { String::new() } else { kept.source }));
    // A clone takes its source's name; several conferences from one blueprint would all be "VideoRoom".
    let name = RwSignal::new(if from_link { String::new() } else { kept.name });
    Effect::new(move |_| {
        let picks = Picks { blueprint: blueprint.get(), source: source.get(), name: name.get() };
        if let Ok(text) = serde_json::to_string(&picks) {
            crate::api::session_set(PICKS_KEY, &text);
        }
    });
    let blueprints = RwSignal::new(None::<Result<Vec<UriEntry>, String>>);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    spawn_local(async move {
        let Some(conn) = ccmp.connection.get() else { return };
        let sent = ccmp.send(Request::blueprints(&conn.user), "List blueprints", Mode::Read).await;
        blueprints.set(Some(match sent {
            Sent::Ok(r) => Ok(r.body.uris().map(|u| u.entries.clone()).unwrap_or_default()),
            other => Err(other.describe()),
        }));
    });
    drop_gone_blueprints(ccmp, blueprints);
    if !ccmp.store.loaded.get_untracked() {
        spawn_local(ccmp.store.refresh(ccmp, false));
    }

    let invalid = Memo::new(move |_| form.with(|f| f.invalid(None)));
    let create_why = Signal::derive(move || {
        let caps = ccmp.connection.allows(MessageKind::Conf, Some(Operation::Create)).err();
        caps.or_else(|| match mode.get() {
            "blueprint" if blueprint.with(|b| b.trim().is_empty()) => Some("Pick a blueprint.".into()),
            "clone" if source.with(|s| s.trim().is_empty()) => Some("Pick a conference to clone.".into()),
            // A typed URI that is not one would only meet the server's refusal.
            "clone" if source.with(|s| s.trim().parse::<ccmp::XconUri>().is_err()) => Some(format!(
                "\u{201c}{}\u{201d} is not an XCON-URI: it looks like xcon:weekly-sync@example.com.",
                source.get().trim()
            )),
            "form" => invalid
                .with(|v| crate::state::conf_form::correct_first(v))
                // A conference without a name is listed by its URI alone, which nobody can tell apart.
                .or_else(|| form.with(ConfForm::unnamed).then(|| "Give it a name.".to_owned())),
            _ => None,
        })
    });

    let create = move || {
        let Some(conn) = ccmp.connection.get() else { return };
        let request = match mode.get_untracked() {
            "blueprint" => Request::conf_clone(&conn.user, blueprint.get_untracked().trim()),
            "clone" => Request::conf_clone(&conn.user, source.get_untracked().trim()),
            _ => {
                let domain = new_conference_domain(ccmp, &conn, blueprints);
                let built = || form.get_untracked().to_new_conference(&domain).map_err(|e| e.to_string());
                match crate::components::incomplete_time().map_or_else(built, Err) {
                    Ok(conf) => Request::conf_create(&conn.user, conf),
                    Err(e) => {
                        problem.set(Some(e.to_string()));
                        return;
                    }
                }
            }
        };
        let rename =
            Some(name.get_untracked().trim().to_owned()).filter(|n| !n.is_empty() && mode.get_untracked() != "form");
        let from_form = mode.get_untracked() == "form";
        // How to know it in the list, should its answer not come: what it was cloned from, or its name.
        let made_from = if from_form {
            Origin::Named(form.with_untracked(|f| f.display_text.trim().to_owned()))
        } else {
            Origin::ClonedFrom(request.conf_obj_id.clone().unwrap_or_default())
        };
        let known: HashSet<String> =
            ccmp.store.rows.with_untracked(|rows| rows.iter().map(|r| uri_key(&r.uri)).collect());
        problem.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            // Named after it is made: one notice for both requests, once the name is set (QA: "Create
            // conference: 200 Success" and "Name the new conference: 200 Success" for one click). Failures
            // are still said each in its own.
            let mode = if rename.is_some() { Mode::Read } else { Mode::Change };
            let made = match create_conference(ccmp, request, mode).await {
                Ok(uri) => Some(uri),
                // The server may have made it all the same: the list read now tells, before a second click
                // makes another (QA: a Wi-Fi sign-in page over the answer, and Create again made two).
                Err(Some(error)) if error.may_have_acted() => {
                    problem.set(Some(CHECKING.to_owned()));
                    match made_meanwhile(ccmp, &known, &made_from).await {
                        Made::Found(uri) => {
                            problem.set(None);
                            ccmp.notices.push(Notice::plain(
                                Tone::Success,
                                "Create conference: done",
                                "The list as read now shows it: the server made it, and only its answer was lost.",
                            ));
                            Some(uri)
                        }
                        Made::NotFound => {
                            problem.set(Some(NOT_MADE.to_owned()));
                            None
                        }
                        Made::Unknown(why) => {
                            problem.set(Some(format!("{UNKNOWN} ({why})")));
                            None
                        }
                    }
                }
                Err(_) => None,
            };
            if let Some(uri) = made {
                if from_form {
                    form.set(ConfForm::new_conference());
                    // The form may have held an edit of a deleted conference: its notice is answered.
                    ccmp.notices.dismiss_titled(crate::session::ccmp::EDIT_KEPT_AS_NEW);
                }
                if let Some(display_text) = rename {
                    // A partial update holding only the name (CCMP has no "clone and rename" in one request).
                    let mut changes = Conference::new(uri.clone());
                    changes.description_mut().display_text = Some(display_text.clone());
                    let update = Request::conf_update(&conn.user, &uri, changes);
                    let named = matches!(ccmp.send(update, "Name the new conference", Mode::Read).await, Sent::Ok(_));
                    let detail = if named {
                        format!("{display_text} is made.")
                    } else {
                        "It is made, under the name it was cloned with: naming it failed (its own notice says why)."
                            .to_owned()
                    };
                    // By the name just set: the list may not have read it yet.
                    let about = if named {
                        About { name: display_text, uri: uri.clone() }
                    } else {
                        ccmp.about_conference(&uri)
                    };
                    let about = Some(about);
                    let notice = Notice::plain(Tone::Success, "Create conference: 200 Success", detail).about(about);
                    ccmp.notices.push(notice);
                }
                // Made: the next New conference starts afresh.
                crate::api::session_remove(PICKS_KEY);
                // In place of the form, so that Back leads to where the moderator came from, not to an
                // emptied form that invites creating the conference twice (once a password prompt's entry
                // is out of the history: `when_settled`).
                let navigate = navigate.clone();
                crate::components::when_settled(move || {
                    navigate(
                        &conference_href(&uri),
                        NavigateOptions { replace: true, resolve: false, ..Default::default() },
                    )
                });
            }
            busy.set(false);
        });
    };

    let create_on_enter = {
        let create = create.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if enter_submits(&ev) && create_why.get_untracked().is_none() && !busy.get_untracked() {
                create();
            }
        }
    };

    // The ways to create it, as a tab list (the ARIA pattern): one Tab stop, the arrow keys (and Home,
    // End) move between them and show each at once.
    let to_mode = move |ev: leptos::ev::KeyboardEvent| {
        let at = MODES.iter().position(|m| *m == mode.get_untracked()).unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (at + 1) % MODES.len(),
            "ArrowLeft" => (at + MODES.len() - 1) % MODES.len(),
            "Home" => 0,
            "End" => MODES.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        pick(MODES[next]);
        if let Some(tab) = document().get_element_by_id(&format!("create-tab-{}", MODES[next])) {
            if let Ok(tab) = tab.dyn_into::<web_sys::HtmlElement>() {
                let _ = tab.focus();
            }
        }
    };
    let mode_button = move |id: &'static str, label: &'static str| {
        view! {
            <button type="button" role="tab" id=format!("create-tab-{id}") aria-controls="create-panel"
                class=move || { if mode.get() == id { "tabs__tab tabs__tab--current" } else { "tabs__tab" } }
                tabindex=move || if mode.get() == id { "0" } else { "-1" }
                aria-selected=move || (mode.get() == id).to_string() on:click=move |_| pick(id)>{label}</button>
        }
    };

    view! {
        <section class="page create">
            <h1 class="page__title">"New conference"</h1>
            <div class="tabs" role="tablist" aria-label="How to create it" on:keydown=to_mode>
                {mode_button("blueprint", "From a blueprint")}
                {mode_button("clone", "Clone a conference")}
                {mode_button("form", "Describe it")}
            </div>
            // Enter in a field creates, as in any form (the name of a clone, a blueprint picked).
            // The tab panel is a plain element around the form: a form may not take the role (ARIA in HTML).
            <div id="create-panel" role="tabpanel" aria-labelledby=move || format!("create-tab-{}", mode.get())>
            <form class="create__body" on:submit=|ev| ev.prevent_default() on:keydown=create_on_enter>
                {move || match mode.get() {
                    "blueprint" => view! {
                        <fieldset class="create__choices">
                            <legend>"Blueprint"</legend>
                            {move || match blueprints.get() {
                                None => view! { <p aria-busy="true"><span class="spinner" aria-hidden="true"></span>"Loading blueprints\u{2026}"</p> }.into_any(),
                                Some(Err(e)) => view! { <p class="create__problem" role="alert">"The blueprints could not be read: " {e}</p> }.into_any(),
                                Some(Ok(list)) if list.is_empty() => view! { <p>"The server offers no blueprint."</p> }.into_any(),
                                Some(Ok(list)) => list.into_iter().map(|b| {
                                    let uri = b.uri.clone();
                                    let checked = { let uri = uri.clone(); move || blueprint.with(|x| x.eq_ignore_ascii_case(&uri)) };
                                    view! {
                                        <label class="choice">
                                            <input type="radio" name="blueprint" value=uri.clone() prop:checked=checked
                                                on:change=move |_| blueprint.set(uri.clone())/>
                                            <span class="choice__name">{b.display_text.clone().unwrap_or_else(|| b.uri.clone())}</span>
                                            <span class="choice__purpose">{b.purpose.clone().unwrap_or_default()}</span>
                                        </label>
                                    }
                                }).collect_view().into_any(),
                            }}
                        </fieldset>
                    }.into_any(),
                    "clone" => view! {
                        <label class="field">
                            <span class="field__label">"Conference to clone"</span>
                            <select class="field__input" name="clone" on:change=move |ev| source.set(event_target_value(&ev))>
                                <option value="">"\u{2014} choose \u{2014}"</option>
                                {move || {
                                    // By name, to be found in a long list (the server lists them in its own order).
                                    let mut rows = ccmp.store.rows.get();
                                    sort(&mut rows, SortKey::Name, true);
                                    rows.into_iter().map(|r| {
                                        let uri = r.uri.clone();
                                        let selected = source.with(|s| s.eq_ignore_ascii_case(&uri));
                                        view! { <option value=uri.clone() selected=selected>{r.name().to_owned()} " (" {uri.clone()} ")"</option> }
                                    }).collect_view()
                                }}
                            </select>
                        </label>
                        <label class="field">
                            <span class="field__label">"or its XCON-URI"</span>
                            <input class="field__input" type="text" name="clone-uri" bind:value=source/>
                        </label>
                    }.into_any(),
                    _ => view! {
                        <ConfFields form=form invalid=invalid/>
                        <p class="muted">"The server names the conference and its media (AUTO_GENERATE placeholders)."</p>
                    }.into_any(),
                }}
                <Show when=move || mode.get() != "form" && ccmp.connection.allows(MessageKind::Conf, Some(Operation::Update)).is_ok()>
                    <label class="field">
                        <span class="field__label">"Name of the new conference (optional)"</span>
                        <input class="field__input" type="text" name="new-name" autocomplete="off"
                            placeholder="the source's name" node_ref=name_input bind:value=name/>
                    </label>
                </Show>
                {move || problem.get().map(|p| view! { <p class="create__problem" role="alert">{p}</p> })}
                <div class="toolbar">
                    <ActionButton label="Create conference" class="button--primary" busy=busy disabled_reason=create_why on_click=create/>
                </div>
            </form>
            </div>
        </section>
    }
}

/// The New conference form with the blueprint `uri` picked.
pub fn new_from_blueprint_href(uri: &str) -> String {
    crate::state::base_path::href(&format!("/conferences/new?blueprint={}", js_sys::encode_uri_component(uri)))
}

/// The domain of the form's `xcon:AUTO_GENERATE_1@domain`: that of the conferences and blueprints the server
/// listed (QA: the confUserID's, or example.com without one, and the server answered 427).
fn new_conference_domain(
    ccmp: Ccmp,
    conn: &Conn,
    blueprints: RwSignal<Option<Result<Vec<UriEntry>, String>>>,
) -> String {
    blueprints.with_untracked(|listed| {
        let listed = listed.as_ref().and_then(|l| l.as_ref().ok()).map_or(&[][..], Vec::as_slice);
        ccmp.store.placeholder_domain(conn, None, listed)
    })
}

/// Sends a confRequest create; returns the new conference's URI, or what kept the answer from coming when
/// that is what failed (the server may have made it all the same).
async fn create_conference(ccmp: Ccmp, request: Request, mode: Mode) -> Result<String, Option<TransportError>> {
    let response: Response = match ccmp.send(request, "Create conference", mode).await {
        Sent::Ok(response) => response,
        Sent::Failed(error) => return Err(Some(error)),
        _ => return Err(None),
    };
    let uri = response.conf_obj_id.clone().or_else(|| response.body.conference().map(|c| c.entity.clone()));
    let uri = uri.ok_or(None)?;
    if let Some(conf) = response.body.conference() {
        ccmp.store.update_row(ccmp, &uri, conf, response.version);
    }
    Ok(uri)
}

const CHECKING: &str = "No answer from the server came back: reading the list, to see whether it made the conference…";
const NOT_MADE: &str = "No answer from the server came back, and the list as read now does not show the conference: \
                        it was not made. Create it again.";
const UNKNOWN: &str = "No answer from the server came back, and the list could not be read to see whether it made the \
                       conference: look for it in the conferences list before you create it again";

/// How a conference whose answer was lost is known in the list.
enum Origin {
    /// Cloned from this blueprint or conference.
    ClonedFrom(String),
    /// Described in the form, under this name.
    Named(String),
}

/// What the list says of a create whose answer was lost.
enum Made {
    Found(String),
    NotFound,
    /// The list could not be read, for this reason.
    Unknown(String),
}

/// Reads the list for a conference made since the click (not among `known`, the list's URIs then) from
/// `origin`: by name from the list itself, by what it was cloned from from each new conference's document.
async fn made_meanwhile(ccmp: Ccmp, known: &HashSet<String>, origin: &Origin) -> Made {
    let Some(conn) = ccmp.connection.current.get_untracked() else { return Made::Unknown("not connected".into()) };
    let listed = match ccmp.send(Request::confs(&conn.user), "List conferences", Mode::Background).await {
        Sent::Ok(r) => r.body.uris().map(|u| u.entries.clone()).unwrap_or_default(),
        other => return Made::Unknown(other.describe()),
    };
    let new = listed.into_iter().filter(|e| !known.contains(&uri_key(&e.uri)));
    for entry in new {
        let found = match origin {
            Origin::Named(name) => entry.display_text.as_deref().map(str::trim) == Some(name.as_str()),
            Origin::ClonedFrom(source) => {
                let read =
                    ccmp.send(Request::conf_retrieve(&conn.user, &entry.uri), "Read conference", Mode::Background);
                match read.await {
                    Sent::Ok(r) => r
                        .body
                        .conference()
                        .and_then(|c| c.description.as_ref()?.cloning_parent.clone())
                        .is_some_and(|parent| uri_key(&parent) == uri_key(source)),
                    other => return Made::Unknown(other.describe()),
                }
            }
        };
        if found {
            return Made::Found(entry.uri);
        }
    }
    Made::NotFound
}
