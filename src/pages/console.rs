use ccmp::xcon::Operation;
use ccmp::{MessageKind, Request};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

use crate::api;
use crate::components::{
    enter_submits, use_page_title, ActionButton, ConfirmDialog, CopyButton, ShowMore, XmlView, PAGE,
};
use crate::session::console::KEEP;
use crate::session::{use_ccmp, Mode};
use crate::state::bidi::isolate_rtl;
use crate::state::composer::{takes_conf_obj_id, takes_xpath_filter, Draft};
use crate::state::console::{
    absolute_url, ccmp_send_command, curl_command, Class, Exchange, Subset, CONFERENCE_PASSWORD_VARIABLE,
    NEW_CONFERENCE_PASSWORD_VARIABLE, PASSWORD_VARIABLE,
};

/// The request console: every exchange of the session, its XML, copy-as commands, and a composer for
/// any of the twelve requests. `?exchange=N` (a notice's "Show in console") opens exchange N.
#[component]
pub fn ConsolePage() -> impl IntoView {
    use_page_title("Request console".to_owned());
    let ccmp = use_ccmp();
    let console = ccmp.console;
    let selected = RwSignal::new(None::<u32>);
    let query = use_query_map();
    let linked = Memo::new(move |_| query.with(|q| q.get("exchange").and_then(|n| n.parse::<u32>().ok())));
    // The log's rows without their XML: a read of a 10,000-user conference is 7 MB, and the log changes at
    // every request the panel sends.
    let listed = Memo::new(move |_| {
        let (subset, filter) = (console.subset.get(), console.filter.get());
        console.entries.with(|e| {
            e.iter().rev().filter(|x| x.listed(subset, &filter)).map(Exchange::without_xml).collect::<Vec<_>>()
        })
    });
    // The log is drawn a page at a time, newest first.
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        if let Some(id) = linked.get() {
            selected.set(Some(id));
            // An exchange older than the page shows: the page grows down to it.
            if let Some(at) = listed.with_untracked(|l| l.iter().position(|x| x.id == id)) {
                limit.update(|l| *l = (*l).max(at + 1));
            }
            // Once drawn: its row in view in the log, and the exchange itself (below the log) in view and
            // focused, so that the keyboard and a screen reader start from what the moderator came for.
            request_animation_frame(show_selected);
        }
    });
    let summary = move || {
        let (shown, all) = (listed.with(Vec::len), console.entries.with(Vec::len));
        let all = match all {
            1 => "1 request".to_owned(),
            n => format!("{n} requests"),
        };
        if console.subset.get() == Subset::All && console.filter.with(|f| f.trim().is_empty()) {
            format!("{all} (the console keeps the latest {KEEP}, failures longest)")
        } else {
            format!("{shown} of {all}")
        }
    };
    // The exchange shown below the log: the one picked, else the latest. Each row compares its id, and the
    // details are drawn again only when that exchange changes (its answer came), not at every request.
    let chosen_id = Memo::new(move |_| selected.get().or_else(|| console.entries.with(|e| e.last().map(|x| x.id))));
    let chosen = Memo::new(move |_| {
        let id = chosen_id.get()?;
        console
            .entries
            .with(|e| e.iter().find(|x| x.id == id).map(|x| (x.id, x.outcome.clone(), x.response_xml.is_some())))
    });
    // A link to an exchange the log no longer holds: trimmed, or from before a sign-out. Above the log, and
    // focused as a found exchange's details are (QA: below 100 rows of log, a notice's "Show in console" seemed
    // to open nothing and say nothing).
    let gone = move || {
        let id = selected.get().filter(|id| !console.entries.with(|e| e.iter().any(|x| x.id == *id)))?;
        Some(view! {
            <p class="console__gone" id=GONE_ID tabindex="-1" role="status">{no_longer_kept(id)}</p>
        })
    };
    view! {
        <section class="page console">
            <h1 class="page__title">"Request console"</h1>
            <Composer on_sent=move |id| selected.set(Some(id))/>
            <h2 class="page__subtitle">"This session's requests"</h2>
            {gone}
            <div class="toolbar">
                <label class="field field--inline">
                    <span class="field__label">"Show"</span>
                    <select class="field__input" name="show" on:change=move |ev| console.subset.set(Subset::parse(&event_target_value(&ev)))>
                        {Subset::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=move || console.subset.get() == s>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field field--inline">
                    <span class="visually-hidden">"Filter requests"</span>
                    <input class="field__input field__input--filter" type="search" name="console-filter" placeholder="Filter by action, request, target or result" bind:value=console.filter/>
                </label>
                // Not a live region: background requests (the watch of a waiting room) would have it read out every few seconds.
                <span class="muted">{summary}</span>
            </div>
            <div class="table-wrap console__log">
                <table class="conf-list__table">
                    <thead><tr>
                        <th scope="col">"#"</th><th scope="col">"Sent"</th><th scope="col">"Request"</th><th scope="col">"Operation"</th>
                        <th scope="col">"Target"</th><th scope="col">"Result"</th><th scope="col">"Time"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || listed.with(|l| l.iter().take(limit.get()).cloned().collect::<Vec<_>>()) key=|x| (x.id, x.outcome.clone()) let:x>
                            {
                                let id = x.id;
                                let current = move || chosen_id.get() == Some(id);
                                let failed = x.outcome.failed();
                                view! {
                                    // A click anywhere on the row shows it, as its button does: the exchange shown
                                    // otherwise is the latest, which background requests keep replacing.
                                    <tr class=move || match (current(), failed) {
                                        (true, _) => "console__row console__row--current",
                                        (false, true) => "console__row console__row--failed",
                                        (false, false) => "console__row",
                                    } on:click=move |_| selected.set(Some(id))>
                                        // Named for what it shows, not by its number alone.
                                        // From the keyboard (a click of detail 0), the details take the focus: they
                                        // come after the whole log, hundreds of Tabs away. A mouse keeps its place.
                                        <td><button type="button" class="button button--quiet" aria-pressed=move || current().to_string()
                                            aria-label=format!("Show exchange {id}: {}", x.action)
                                            on:click=move |ev: leptos::ev::MouseEvent| if ev.detail() == 0 {
                                                selected.set(Some(id));
                                                request_animation_frame(show_selected);
                                            }>{id}</button></td>
                                        <td class="num">{api::local_time(&x.at)}</td>
                                        <td>{x.kind.request_name()}<span class="console__action">{isolate_rtl(&x.action).into_owned()}</span></td>
                                        <td>{x.operation.map(|o| o.as_str()).unwrap_or("\u{2013}")}</td>
                                        <td><span class="mono">{x.target.clone().unwrap_or_default()}</span>{x.target_name.as_deref().map(|n| view! { <span class="console__action">{isolate_rtl(n).into_owned()}</span> })}</td>
                                        <td>{x.outcome.text()}</td>
                                        <td class="num">{x.duration_ms.map(|d| format!("{} ms", d.max(0.0).round() as u64)).unwrap_or_else(|| "\u{2026}".into())}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                <Show when=move || listed.with(Vec::is_empty) && console.entries.with(|e| !e.is_empty())>
                    <p class="conf-list__state">"No request matches."</p>
                </Show>
            </div>
            <ShowMore limit=limit total=Signal::derive(move || listed.with(Vec::len)) what="requests"/>
            {move || {
                let (id, ..) = chosen.get()?;
                let exchange = console.entries.with_untracked(|e| e.iter().find(|x| x.id == id).cloned())?;
                Some(view! { <ExchangeDetail exchange=exchange/> })
            }}
        </section>
    }
}

/// What a link to exchange `id` meets once the log no longer holds it, with what the log keeps.
fn no_longer_kept(id: u32) -> String {
    let share = Class::Read.floor(KEEP);
    format!(
        "Request #{id} is no longer in the console's log: it keeps this tab's latest {KEEP} requests, the failures \
         longest (beside them, the newest {share} reads and {share} changes), through a reload of the tab but not \
         a sign-out."
    )
}

/// Brings the selected exchange into view: its row within the log, then its details from the top (or what
/// says it is no longer kept), which take the focus.
fn show_selected() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(Some(row)) = document.query_selector(".console__row--current") {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        row.scroll_into_view_with_scroll_into_view_options(&options);
    }
    let detail = [DETAIL_ID, GONE_ID]
        .into_iter()
        .find_map(|id| document.get_element_by_id(id))
        .and_then(|d| d.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(detail) = detail {
        // From its heading down: focusing alone scrolls as little as it can, which leaves the heading of
        // an exchange taller than the screen above it.
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = detail.focus_with_options(&focus);
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        detail.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The id of the selected exchange's details.
const DETAIL_ID: &str = "console-exchange";
/// The id of what says that the exchange linked to is no longer kept.
const GONE_ID: &str = "console-gone";

#[component]
fn ExchangeDetail(exchange: Exchange) -> impl IntoView {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    // Where it went, not where the panel is connected now: a replay of a change must reach the same server.
    let url = absolute_url(&exchange.server, &origin);
    let curl = curl_command(&url, &exchange.request_xml);
    let send = ccmp_send_command(&url, &exchange.request_xml);
    view! {
        <section class="console__detail" id=DETAIL_ID tabindex="-1" aria-label="Selected exchange">
            <h2 class="page__subtitle">{format!("#{} {}", exchange.id, exchange.kind.request_name())} " \u{2014} " {exchange.outcome.text()}</h2>
            <p class="muted">{format!("{}, sent to {} at {}", exchange.action, url, api::local_time(&exchange.at))}</p>
            <div class="console__pair">
                <div>
                    <h3 class="overview__subheading">"Request (passwords hidden)"</h3>
                    <XmlView xml=exchange.request_xml.clone()/>
                </div>
                <div>
                    <h3 class="overview__subheading">"Response as received"</h3>
                    {match exchange.response_xml.clone() {
                        Some(x) => view! { <XmlView xml=x/> }.into_any(),
                        None => match exchange.response_dropped {
                            Some(bytes) => view! {
                                <p class="muted">
                                    {format!("The response ({} KB) is no longer kept: the console keeps the most recent {} MB of responses, and {} KB of them through a reload.", bytes / 1024, crate::state::console::BODY_BUDGET >> 20, crate::state::console_saved::SAVED_BODIES >> 10)}
                                </p>
                            }
                            .into_any(),
                            None => view! { <p class="muted">"No response body."</p> }.into_any(),
                        },
                    }}
                </div>
            </div>
            <h3 class="overview__subheading">"Replay from a shell"</h3>
            <p class="muted">
                "The commands take the passwords from shell variables, as the console never shows a password: "
                <code>{PASSWORD_VARIABLE}</code> " (yours), " <code>{CONFERENCE_PASSWORD_VARIABLE}</code>
                " (the conference's PIN the request gives) and " <code>{NEW_CONFERENCE_PASSWORD_VARIABLE}</code>
                " (a PIN the request sets). Set those the command names first: it stops if one is not set."
            </p>
            <label class="field">
                <span class="field__label">"curl"</span>
                <textarea class="field__input mono" readonly rows="3">{curl.clone()}</textarea>
            </label>
            <CopyButton label="Copy curl command" text=curl class="button"/>
            <label class="field">
                <span class="field__label">"ccmp send"</span>
                <textarea class="field__input mono" readonly rows="3">{send.clone()}</textarea>
            </label>
            <CopyButton label="Copy ccmp send command" text=send class="button"/>
        </section>
    }
}

/// Builds any of the twelve requests from a few fields, or takes raw XML, and sends it.
#[component]
fn Composer(
    /// Called with the console id of the exchange once the request was sent.
    on_sent: impl Fn(u32) + Copy + 'static,
) -> impl IntoView {
    let ccmp = use_ccmp();
    let (draft, raw) = (ccmp.console.composer, ccmp.console.composer_xml);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    // What the last Send found wrong goes once the request changes (QA: "The XML is not a CCMP request" stayed
    // over an emptied box).
    Effect::new(move |_| {
        raw.track();
        draft.track();
        problem.maybe_update(|p| p.take().is_some());
    });
    // A delete waiting for the moderator's yes.
    let confirm_delete = RwSignal::new(None::<Request>);
    // The fields the raw XML was last written from: changed since, they are not what Send sends.
    let written_from = RwSignal::new(None::<Draft>);
    let build = move || {
        let user = ccmp.connection.get().map(|c| c.user.to_string()).unwrap_or_default();
        // Without the conference password typed in its (masked) field: the console never shows a password.
        // Send adds it to the XML's request.
        let request = Request { conference_password: None, ..draft.get_untracked().build(&user) };
        raw.set(ccmp::codec::encode_pretty(&ccmp::Message::Request(request)));
        written_from.set(Some(draft.get_untracked()));
    };
    // What Send sends, when it is not the fields: a moderator who changed a field after writing the XML
    // would otherwise send the old request without knowing.
    let sends_raw = move || {
        if raw.with(|r| r.trim().is_empty()) {
            return None;
        }
        let stale = written_from.with(|w| w.as_ref().is_some_and(|w| draft.with(|d| d != w)));
        let mut said = String::from(if stale {
            "The fields changed since the XML was written from them: Send sends the XML, not the fields. Write the fields as XML again, or clear the XML."
        } else {
            "Send sends the raw XML; the fields are not used."
        });
        // What the panel changes in it, so that an integrator knows what went (QA).
        said.push_str(
            " It is read, then written again as the same request (whitespace and namespace prefixes aside), with \
             your confUserID when it has none and your credentials in its subject.",
        );
        // A subject typed in the XML goes unsent: said, not hidden by the masked log (QA).
        let signed_in = ccmp.connection.current.with(|c| c.as_ref().is_some_and(|c| !c.username.trim().is_empty()));
        // The request's own subject, not a conference's (`<info:subject>` in a confInfo: QA).
        if signed_in && raw.with(|r| ccmp::decode_request(r).is_ok_and(|r| r.subject.is_some())) {
            said.push_str(
                " The credentials in the subject you wrote are not sent: the panel sends as you. To try others, \
                 copy the request as a curl or ccmp send command and change them there.",
            );
        }
        if draft.with(|d| !d.conference_password.is_empty()) {
            said.push_str(
                " The conference password typed above is added when it names the confObjID above and has none.",
            );
        }
        Some(said)
    };
    let dispatch = move |request: Request| {
        busy.set(true);
        // The answer comes into view and takes the focus, as from a notice's link, unless the moderator
        // moved on while the request ran (typing the next one).
        let from = document().active_element();
        spawn_local(async move {
            // Its own exchange: the panel may log others meanwhile (a watch, an auto-refresh).
            if let Some(id) = ccmp.send_traced(request, "Console request", Mode::Change).await.exchange {
                on_sent(id);
                if document().active_element() == from {
                    request_animation_frame(show_selected);
                }
            }
            busy.set(false);
        });
    };
    // For the confirmation's callback, which must be `Send` (`on_sent` is not).
    let dispatcher = StoredValue::new_local(dispatch);
    let send = move || {
        let user = ccmp.connection.get().map(|c| c.user.to_string()).unwrap_or_default();
        let text = raw.get_untracked();
        let request = if text.trim().is_empty() {
            Ok(draft.get_untracked().build(&user))
        } else {
            ccmp::decode_request(&text).map_err(|e| format!("The XML is not a CCMP request: {e}")).map(|mut r| {
                // The password field's value, left out of the XML written from the fields.
                // Only to the conference it was typed for, named in confObjID above (QA: a PIN typed for one
                // conference went with raw XML about another).
                let (typed, for_conf) =
                    draft.with_untracked(|d| (d.conference_password.clone(), d.conf_obj_id.clone()));
                let same = r.conf_obj_id.as_deref().is_some_and(|c| ccmp::xcon::merge::same_id(c, &for_conf));
                if r.conference_password.is_none() && same && !typed.is_empty() {
                    r.conference_password = Some(typed);
                }
                r
            })
        };
        let request = match request {
            Ok(r) => r,
            Err(e) => {
                problem.set(Some(e));
                return;
            }
        };
        problem.set(None);
        // A delete has no undo: the console asks first, saying what goes, as the rest of the panel does. Not
        // for a request that deletes nothing (usersRequest and the lists take no delete: the server refuses).
        let deletes = matches!(
            request.kind(),
            MessageKind::Conf
                | MessageKind::User
                | MessageKind::SidebarByVal
                | MessageKind::SidebarByRef
                | MessageKind::Extended
        );
        if request.operation == Some(Operation::Delete) && deletes {
            confirm_delete.set(Some(request));
        } else {
            dispatch(request);
        }
    };
    let why = Signal::derive(move || {
        let d = draft.get();
        let op = if d.kind.takes_operation() { d.operation.or(Some(Operation::Retrieve)) } else { None };
        if !raw.with(String::is_empty) {
            return None;
        }
        ccmp.connection.allows(d.kind, op).err().or_else(|| {
            (d.kind == MessageKind::Extended && d.extension_name.trim().is_empty())
                .then(|| "Name the extension (extensionName).".to_owned())
        })
    });
    view! {
        <form class="composer" on:submit=|ev| ev.prevent_default() on:keydown=move |ev| {
            // Enter in a field, Ctrl+Enter in the XML: Send, as its button would (QA: only the button did).
            if enter_submits(&ev) && why.get_untracked().is_none() && !busy.get_untracked() {
                send();
            }
        }>
            <h2 class="page__subtitle">"Composer"</h2>
            <div class="composer__fields">
                <label class="field">
                    <span class="field__label">"Request"</span>
                    <select class="field__input" name="kind" on:change=move |ev| {
                        let name = event_target_value(&ev);
                        if let Some(kind) = MessageKind::ALL.into_iter().find(|k| k.request_name() == name) {
                            draft.update(|d| {
                                d.kind = kind;
                                // An operation the new request does not have (a delete, for a blueprintRequest)
                                // would be sent while the box shows another.
                                let allowed = kind.operations();
                                if !allowed.is_empty() && !allowed.contains(&d.operation.unwrap_or(Operation::Retrieve)) {
                                    d.operation = allowed.first().copied();
                                }
                            });
                        }
                    }>
                        {MessageKind::ALL.into_iter().map(|k| view! {
                            <option value=k.request_name() prop:selected=move || draft.with(|d| d.kind == k)>{k.request_name()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field__label">"Operation"</span>
                    // `prop:selected`, not the `selected` attribute: once the moderator has picked an option, the
                    // browser no longer follows the attribute, and the box would show one operation while
                    // another is sent.
                    <select class="field__input" name="operation" disabled=move || !draft.with(|d| d.kind.takes_operation())
                        on:change=move |ev| draft.update(|d| d.operation = Operation::parse(&event_target_value(&ev)))>
                        // Those RFC 6503 gives the request; the raw XML tab sends any other.
                        {move || draft.with(|d| d.kind.operations()).iter().map(|&o| view! {
                            <option value=o.as_str() prop:selected=move || draft.with(|d| d.kind.takes_operation() && d.operation.unwrap_or(Operation::Retrieve) == o)>{o.as_str()}</option>
                        }).collect_view()}
                        // A list request has none: the disabled box says so rather than show "retrieve".
                        <option value="" disabled=true prop:selected=move || draft.with(|d| !d.kind.takes_operation())>"(none for this request)"</option>
                    </select>
                </label>
                {composer_field(draft, TextField { label: "confObjID", name: "conf-obj-id", placeholder: "xcon:\u{2026}@example.com",
                    shown: |d| takes_conf_obj_id(d.kind), read: |d| &d.conf_obj_id, write: |d| &mut d.conf_obj_id })}
                {composer_field(draft, TextField { label: "xpathFilter", name: "xpath-filter", placeholder: "",
                    shown: |d| takes_xpath_filter(d.kind), read: |d| &d.xpath_filter, write: |d| &mut d.xpath_filter })}
                {composer_field(draft, TextField { label: "userInfo entity (empty: yourself)", name: "target-user",
                    placeholder: "xcon-userid:\u{2026}@example.com", shown: |d| d.kind == MessageKind::User, read: |d| &d.target_user, write: |d| &mut d.target_user })}
                {composer_field(draft, TextField { label: "extensionName", name: "extension-name", placeholder: "",
                    shown: |d| d.kind == MessageKind::Extended, read: |d| &d.extension_name, write: |d| &mut d.extension_name })}
                <label class="field" hidden=move || draft.with(|d| !takes_conf_obj_id(d.kind))>
                    <span class="field__label">"conference-password"</span>
                    <input class="field__input" type="password" name="composer-conference-password" autocomplete="off"
                        prop:value=move || draft.with(|d| d.conference_password.clone())
                        on:input=move |ev| draft.update(|d| d.conference_password = event_target_value(&ev))/>
                </label>
            </div>
            <label class="field">
                <span class="field__label">"Raw XML: a whole ccmpRequest, sent instead of the fields when not empty (Write the fields as XML starts one, to put a payload such as confInfo in)"</span>
                <textarea class="field__input mono composer__raw" name="raw" rows="10" spellcheck="false" bind:value=raw></textarea>
            </label>
            {move || problem.get().map(|p| view! { <p class="create__problem" role="alert">{p}</p> })}
            <p class="field__hint" role="status">{sends_raw}</p>
            <div class="toolbar">
                <button type="button" class="button" on:click=move |_| build()>"Write the fields as XML"</button>
                <button type="button" class="button button--quiet" on:click=move |_| raw.set(String::new())>"Clear the XML"</button>
                <ActionButton label="Send" class="button--primary" busy=busy disabled_reason=why on_click=send/>
            </div>
            {move || confirm_delete.get().map(|request| {
                let what = request.conf_obj_id.clone().unwrap_or_else(|| "the object it names".into());
                let message = match &request.body {
                    // A userRequest's delete takes one user out of the conference, not the conference.
                    ccmp::RequestBody::User(p) => {
                        let who = p.info.as_ref().and_then(|u| u.entity.clone()).filter(|e| !e.trim().is_empty());
                        format!(
                            "This userRequest removes {} from {what}. Nothing in the panel undoes it.",
                            who.unwrap_or_else(|| "you (it names no user, so the server takes its sender)".into())
                        )
                    }
                    // What an extension deletes is its own business: the panel says what it knows.
                    ccmp::RequestBody::Extended(x) => format!(
                        "This extendedRequest asks the extension {} to delete on {what}. Nothing in the panel undoes it.",
                        x.extension_name
                    ),
                    _ => format!(
                        "This {} deletes {what} on the server. Nothing in the panel undoes it.",
                        request.kind().request_name()
                    ),
                };
                let on_confirm = Callback::new(move |()| {
                    confirm_delete.set(None);
                    dispatcher.with_value(|dispatch| dispatch(request.clone()));
                });
                view! {
                    <ConfirmDialog title="Send this delete?".to_owned() message=message confirm_label="Send the delete".to_owned()
                        on_confirm=on_confirm on_cancel=Callback::new(move |()| confirm_delete.set(None))/>
                }
            })}
        </form>
    }
}

/// One of the composer's text fields: which request kinds it shows for, and the draft's text it edits.
struct TextField {
    label: &'static str,
    name: &'static str,
    placeholder: &'static str,
    shown: fn(&Draft) -> bool,
    read: fn(&Draft) -> &String,
    write: fn(&mut Draft) -> &mut String,
}

fn composer_field(draft: RwSignal<Draft>, field: TextField) -> impl IntoView {
    let TextField { label, name, placeholder, shown, read, write } = field;
    view! {
        <Show when=move || draft.with(shown)>
            <label class="field">
                <span class="field__label">{label}</span>
                <input class="field__input" type="text" name=name placeholder=placeholder
                    prop:value=move || draft.with(|d| read(d).clone())
                    on:input=move |ev| draft.update(|d| *write(d) = event_target_value(&ev))/>
            </label>
        </Show>
    }
}
