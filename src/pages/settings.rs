use ccmp::xcon::Operation;
use ccmp::MessageKind;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::desktop::{self, Desktop};
use crate::components::{use_page_title, ActionButton};

use crate::session::moderation::use_moderation;
use crate::session::{leave_server, leave_this_tab, use_ccmp};
use crate::state::capabilities::{Cell, Source, OPERATIONS, STANDARD};

/// The connection, the capability matrix, and list preferences.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let ccmp = use_ccmp();
    let moderation = use_moderation();
    let busy_why = Signal::derive(move || {
        moderation.busy().then(|| "A bulk action or an undo is still sending requests to this server.".to_owned())
    });
    use_page_title("Settings".to_owned());
    let conn = move || ccmp.connection.current.get();
    view! {
        <section class="page settings">
            <h1 class="page__title">"Settings"</h1>
            <section aria-labelledby="settings-connection">
                <h2 class="page__subtitle" id="settings-connection">"Connection"</h2>
                {move || conn().map(|c| view! {
                    <dl class="overview__list">
                        <dt>"Server"</dt><dd class="mono">{c.server.clone()}</dd>
                        <dt>"confUserID"</dt><dd class="mono">{c.user.to_string()}</dd>
                        <dt>"Username"</dt><dd>{if c.username.is_empty() { "(no credentials)".to_owned() } else { c.username.clone() }}</dd>
                        <dt>"Profile"</dt><dd>{c.profile.clone()}</dd>
                    </dl>
                })}
                // Two ways out: this tab alone, to work on another server beside the others; or every tab of
                // this browser on this server, as a sign-out (a shared machine).
                <div class="toolbar">
                    <ActionButton label="Change server in this tab" busy=false disabled_reason=busy_why
                        on_click=move || leave_this_tab(ccmp, moderation)/>
                    <ActionButton label="Disconnect every tab from this server" busy=false disabled_reason=busy_why
                        on_click=move || leave_server(ccmp, moderation)/>
                </div>
                <p class="field__hint">"Change server in this tab leaves your other tabs connected. Disconnect every tab \
                    signs this browser out of this server: its other tabs connected as you stop sending too."</p>
            </section>
            <section aria-labelledby="settings-caps">
                <h2 class="page__subtitle" id="settings-caps">"What the server supports"</h2>
                {move || ccmp.connection.capabilities.get().map(|caps| {
                    let source = match &caps.source {
                        Source::Options => "From the server's optionsResponse.".to_owned(),
                        Source::AssumedBase { why } => format!("Assumed: RFC 6503's base set, because {why}."),
                    };
                    let row = |name: String, listed: bool, cell: &dyn Fn(Operation) -> Cell| {
                        let cells = OPERATIONS.into_iter().map(|op| {
                            match cell(op) {
                                Cell::Supported => view! { <td class="caps__cell caps__cell--yes">"yes"</td> }.into_any(),
                                Cell::Unsupported => view! { <td class="caps__cell caps__cell--no">"no"</td> }.into_any(),
                                // A dash to the eye; words to a screen reader, which would say "en dash".
                                Cell::NotApplicable => view! {
                                    <td class="caps__cell"><span aria-hidden="true">"\u{2013}"</span><span class="visually-hidden">"does not apply"</span></td>
                                }.into_any(),
                            }
                        }).collect_view();
                        let listed = if listed { "yes" } else { "no" };
                        // On a phone a name may break, between its words ("sidebarsByVal / Request").
                        let head = name.strip_suffix("Request").unwrap_or(&name).to_owned();
                        let tail = if head.len() < name.len() { "Request" } else { "" };
                        view! { <tr><th scope="row" class="mono caps__name">{head}<wbr/>{tail}</th><td class="caps__cell">{listed}</td>{cells}</tr> }
                    };
                    let mut rows: Vec<_> = STANDARD
                        .into_iter()
                        .map(|kind| row(kind.request_name().to_owned(), caps.supports(kind), &|op| caps.cell(kind, op)))
                        .collect();
                    // extendedRequest: one row per extension, with the operations the server lists for it.
                    let extended = MessageKind::Extended.request_name();
                    rows.extend(caps.extensions.iter().map(|e| {
                        let cell = |op| if e.takes(op) { Cell::Supported } else { Cell::Unsupported };
                        row(format!("{extended}: {}", e.name), true, &cell)
                    }));
                    if caps.extensions.is_empty() {
                        rows.push(row(extended.to_owned(), false, &|_| Cell::Unsupported));
                    }
                    view! {
                        <p>{source}</p>
                        <div class="table-wrap">
                            <table class="caps">
                                <thead><tr>
                                    <th scope="col">"Request"</th><th scope="col">"Listed"</th>
                                    {OPERATIONS.into_iter().map(|op| view! { <th scope="col">{op.as_str()}</th> }).collect_view()}
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                        <p class="muted">"yes: the server supports it \u{b7} no: it does not, and the panel disables what would send it \u{b7} \u{2013}: the operation does not apply to that request."</p>
                    }
                })}
            </section>
            <section aria-labelledby="settings-notices">
                <h2 class="page__subtitle" id="settings-notices">"How long notifications stay"</h2>
                <p>"Errors and warnings stay until you dismiss them. Successes fade after a few seconds, but not while the pointer or the keyboard is on them."</p>
                <label class="field field--check">
                    <input type="checkbox" name="keep-notices" prop:checked=move || ccmp.notices.keep.get()
                        on:change=move |ev| ccmp.notices.set_keep(event_target_checked(&ev))/>
                    "Keep every notification until I dismiss it"
                </label>
            </section>
            <DesktopNotifications/>
            <section aria-labelledby="settings-audit">
                <h2 class="page__subtitle" id="settings-audit">"Changes made this session"</h2>
                <p>{move || match ccmp.audit.entries.with(Vec::len) { 1 => "1 change request recorded.".to_owned(), n => format!("{n} change requests recorded.") }}</p>
            </section>
        </section>
    }
}

/// The choice of desktop notifications: who waits to join, told while the panel's tab is hidden.
#[component]
fn DesktopNotifications() -> impl IntoView {
    let state = RwSignal::new(desktop::state());
    let unavailable = move || matches!(state.get(), Desktop::Unsupported | Desktop::Blocked);
    let focused = RwSignal::new(false);
    let change = move |ev: leptos::ev::Event| {
        if untrack(unavailable) {
            // Ticked while unavailable (it kept the focus): stays unticked; the hint says why.
            event_target::<web_sys::HtmlInputElement>(&ev).set_checked(false);
            return;
        }
        if event_target_checked(&ev) {
            // The browser asks the moderator, once: its answer decides.
            spawn_local(async move { state.set(desktop::turn_on().await) });
        } else {
            desktop::turn_off();
            state.set(desktop::state());
        }
    };
    let why = move || match state.get() {
        Desktop::Unsupported => {
            Some("This browser cannot show desktop notifications here (they need HTTPS or localhost).")
        }
        Desktop::Blocked => {
            Some("The browser blocks notifications from this site: allow them in its site settings, then come back.")
        }
        Desktop::Off | Desktop::On => None,
    };
    view! {
        <section aria-labelledby="settings-desktop">
            <h2 class="page__subtitle" id="settings-desktop">"Desktop notifications"</h2>
            <p>"While the panel's browser tab is behind another (the video call), a notification on the desktop tells you who waits to join a conference you run; clicking it brings the panel back."</p>
            <label class="field field--check">
                // While it has the focus, unavailable without `disabled`, which would drop the focus onto the
                // page as the browser's refusal comes (QA), as `ActionButton` does.
                <input type="checkbox" name="desktop-notifications" aria-describedby="desktop-why"
                    prop:checked=move || state.get() == Desktop::On
                    disabled=move || unavailable() && !focused.get()
                    aria-disabled=move || unavailable().then_some("true")
                    on:focus=move |_| focused.set(true)
                    on:blur=move |_| focused.set(false)
                    on:change=change/>
                "Notify me on the desktop when someone waits to join"
            </label>
            <p class="field__hint" id="desktop-why">{why}</p>
        </section>
    }
}
