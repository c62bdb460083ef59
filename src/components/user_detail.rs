use leptos::html;
use leptos::prelude::*;

use super::user_table::RowAction;
use crate::session::users_handle::UsersHandle;
use crate::state::users::{find, MediaCell, UserRow, STANDARD_ROLES};

/// The role the choice shows for someone who has none.
const DEFAULT_ROLE: &str = "participant";

/// One user in full (every endpoint and medium, the associated AORs) with what a moderator changes one
/// by one: the display name, the role, the media, moving to another sidebar, removal. Every value is the
/// server's text, rendered as text.
#[component]
pub fn UserDetail(
    /// The list the user is in.
    handle: UsersHandle,
    /// The user's key.
    key: String,
    /// The display-name field, so that the `e` shortcut can focus it.
    rename_input: NodeRef<html::Input>,
    /// The choice of a room to move them to, so that the `b` shortcut can focus it.
    move_select: NodeRef<html::Select>,
    /// Mute, video, promote.
    on_action: Callback<(String, RowAction)>,
    /// A new display name for the user `key`.
    on_rename: Callback<(String, String)>,
    /// A role to give the user `key`.
    on_role: Callback<(String, String)>,
    /// Asks to remove the user `key` (the view confirms first).
    on_remove: Callback<String>,
    /// Other lists the user can be moved to (label, id); empty outside sidebars.
    #[prop(into)]
    move_targets: Signal<Vec<(String, usize)>>,
    /// Moves the user `key` to the target with this id.
    on_move: Callback<(String, usize)>,
    /// Closes the panel.
    on_close: Callback<()>,
    /// Why changes are not available, if they are not.
    #[prop(into, default = Signal::derive(|| None))]
    locked: Signal<Option<String>>,
) -> impl IntoView {
    let key = StoredValue::new(key);
    let user = Memo::new(move |_| handle.users.with(|u| find(&u.users, &key.get_value()).cloned()));
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(String::from(DEFAULT_ROLE));
    let target = RwSignal::new(String::new());
    // The name the field last agreed with: typed over, the field stays, and a rename by someone else
    // meanwhile is told before Rename sends over it (QA: a co-moderator's rename was overwritten without a
    // word). Once told, the next press sends.
    let agreed = StoredValue::new(None::<String>);
    let renamed_meanwhile = RwSignal::new(None::<String>);
    // The fields start from the user as read, and follow a re-read while untouched.
    Effect::new(move |previous: Option<Option<String>>| {
        let now = user.with(|u| u.as_ref().and_then(|u| u.display_text.clone()));
        let shown = name.get_untracked();
        if previous.is_none() || previous.clone().flatten().unwrap_or_default() == shown {
            name.set(now.clone().unwrap_or_default());
            agreed.set_value(now.clone());
        } else if now.as_deref().unwrap_or_default() == shown {
            // The moderator's own rename, read back.
            agreed.set_value(now.clone());
        }
        now
    });
    // The role too, while the choice is untouched: a role picked and not yet given stays through a read that
    // brings another (QA: the choice went back to the server's value).
    Effect::new(move |previous: Option<Option<String>>| {
        let now = user.with(|u| u.as_ref().and_then(|u| u.role_names().first().map(|r| r.trim().to_owned())));
        let untouched = previous
            .as_ref()
            .is_none_or(|was| role.with_untracked(|shown| was.as_deref().unwrap_or(DEFAULT_ROLE) == shown.as_str()));
        if let (true, Some(now)) = (untouched, &now) {
            role.set(now.clone());
        }
        now
    });
    // What runs for this user now, if anything.
    let busy = move || handle.busy.with(|b| b.get(&key.get_value()).copied());
    // The panel stays mounted while its user changes (a mute, a rename, a re-read), so that the button
    // just pressed keeps the keyboard focus; only the parts that show the user follow them.
    let present = Memo::new(move |_| user.with(Option::is_some));
    let row = Memo::new(move |_| user.with(|u| u.as_ref().map(|u| UserRow::new(u, 0))).unwrap_or_default());
    let title = move || row.with(|r| r.name.clone());
    // Changes need an entity to name the user, and a server that takes them.
    let actionable = move || row.with(|r| !r.entity.is_empty()) && locked.with(Option::is_none);
    // A busy button is disabled with `aria-disabled`, which keeps the focus; see the users table.
    let free = move || busy().is_none();
    let busy_attr = move || (!free()).then_some("true");
    let endpoints = move || user.with(|u| u.as_ref().map(|u| u.endpoints.clone())).unwrap_or_default();
    let aors = move || {
        user.with(|u| {
            u.as_ref()
                .map(|u| u.associated_aors.iter().flat_map(|a| &a.entries).map(|e| e.uri.clone()).collect::<Vec<_>>())
        })
        .unwrap_or_default()
    };
    // Once the user is gone (removed from here or elsewhere), the button that had the focus went with
    // them: Close takes it.
    let gone_close = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let (false, Some(button)) = (present.get(), gone_close.get()) {
            if super::focus::focus_lost() {
                let _ = button.focus();
            }
        }
    });
    // Opened from a row of a long table, the details, under it, may be below the fold: they come into view.
    let panel = NodeRef::<html::Section>::new();
    Effect::new(move |shown: Option<bool>| {
        if shown == Some(true) {
            return true;
        }
        let Some(section) = panel.get() else { return false };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        section.scroll_into_view_with_scroll_into_view_options(&options);
        true
    });
    view! {
        {move || if !present.get() {
            view! {
                <section class="user-detail" aria-label="User details">
                    <p class="muted">"This user is no longer in the list."</p>
                    <button type="button" class="button" node_ref=gone_close on:click=move |_| on_close.run(())>"Close"</button>
                </section>
            }.into_any()
        } else {
            view! {
                <section class="user-detail" node_ref=panel aria-label=move || format!("Details of {}", title())>
                    <header class="user-detail__header">
                        <h2 class="user-detail__title">{title}</h2>
                        <button type="button" class="button button--quiet" aria-label="Close the details" on:click=move |_| on_close.run(())>"Close"</button>
                    </header>
                    <dl class="overview__list">
                        <dt>"Entity"</dt><dd class="mono">{move || row.with(|r| if r.entity.is_empty() { "(none)".to_owned() } else { r.entity.clone() })}</dd>
                        <dt>"Roles"</dt><dd>{move || row.with(|r| r.roles.join(", "))}</dd>
                        {move || { let aors = aors(); (!aors.is_empty()).then(|| view! { <dt>"Addresses (AORs)"</dt><dd class="mono">{aors.join(", ")}</dd> }) }}
                    </dl>
                    <h3 class="overview__subheading">"Endpoints"</h3>
                    {move || {
                        let endpoints = endpoints();
                        if endpoints.is_empty() {
                            view! { <p class="muted">"None."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="user-detail__endpoints">
                                    {endpoints.into_iter().map(|e| {
                                        let media: Vec<String> = e.media.iter().map(|m| format!(
                                            "{} {} (id {}{}): {}",
                                            m.media_type.clone().unwrap_or_else(|| "medium".into()),
                                            m.display_text.clone().unwrap_or_default(),
                                            m.id,
                                            m.label.as_ref().map(|l| format!(", label {l}")).unwrap_or_default(),
                                            m.status.map_or("no status", |s| s.as_str()),
                                        )).collect();
                                        view! {
                                            <li>
                                                <span class="mono">{e.entity.clone().unwrap_or_else(|| "(no address)".into())}</span>
                                                " \u{b7} " {e.status.map_or("no status", |s| s.as_str())}
                                                {e.joining_method.map(|m| format!(" \u{b7} {}", m.as_str()))}
                                                {e.display_text.clone().map(|t| format!(" \u{b7} {t}"))}
                                                <ul>{media.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }}
                    <form class="user-detail__form" on:submit=move |ev| {
                        ev.prevent_default();
                        if !free() {
                            return;
                        }
                        let now = user.with_untracked(|u| u.as_ref().and_then(|u| u.display_text.clone()));
                        if now != agreed.get_value() {
                            renamed_meanwhile.set(Some(now.clone().unwrap_or_default()));
                            agreed.set_value(now);
                            return;
                        }
                        renamed_meanwhile.set(None);
                        on_rename.run((key.get_value(), name.get_untracked()));
                    }>
                        <label class="field field--inline">
                            <span class="field__label">"Display name"</span>
                            <input class="field__input" type="text" node_ref=rename_input bind:value=name autocomplete="off"/>
                        </label>
                        <button type="submit" class="button" disabled=move || !actionable() aria-disabled=busy_attr>
                            <Show when=move || busy() == Some("name")><span class="spinner" aria-hidden="true"></span></Show>
                            "Rename"
                        </button>
                        {move || renamed_meanwhile.get().map(|theirs| view! {
                            <p class="field__hint field__hint--warning" role="status">
                                "Someone else renamed them to \u{201c}" {theirs} "\u{201d} while you typed. Press Rename again to use yours."
                            </p>
                        })}
                    </form>
                    <form class="user-detail__form" on:submit=move |ev| {
                        ev.prevent_default();
                        if free() {
                            on_role.run((key.get_value(), role.get_untracked()));
                        }
                    }>
                        <label class="field field--inline">
                            <span class="field__label">"Role"</span>
                            <select class="field__input" aria-label=move || format!("Role of {}", title()) on:change=move |ev| role.set(event_target_value(&ev))>
                                {STANDARD_ROLES.iter().map(|r| view! { <option value=*r prop:selected=move || role.get() == *r>{*r}</option> }).collect_view()}
                            </select>
                        </label>
                        <button type="submit" class="button" disabled=move || !actionable() aria-disabled=busy_attr>
                            <Show when=move || busy() == Some("role")><span class="spinner" aria-hidden="true"></span></Show>
                            "Give role"
                        </button>
                    </form>
                    <div class="toolbar">
                        <button type="button" class="button" disabled=move || !actionable() || row.with(|r| r.audio == MediaCell::Absent) aria-disabled=busy_attr
                            on:click=move |_| if free() { on_action.run((key.get_value(), RowAction::Audio)) }>
                            {move || if row.with(|r| r.audio != MediaCell::Off) { "Mute audio" } else { "Unmute audio" }}
                        </button>
                        <button type="button" class="button" disabled=move || !actionable() || row.with(|r| r.video == MediaCell::Absent) aria-disabled=busy_attr
                            on:click=move |_| if free() { on_action.run((key.get_value(), RowAction::Video)) }>
                            {move || if row.with(|r| r.video != MediaCell::Off) { "Stop video" } else { "Start video" }}
                        </button>
                        <button type="button" class="button button--danger" disabled=move || !actionable() aria-disabled=busy_attr
                            on:click=move |_| if free() { on_remove.run(key.get_value()) }>
                            <Show when=move || busy() == Some("remove")><span class="spinner" aria-hidden="true"></span></Show>
                            "Remove\u{2026}"
                        </button>
                    </div>
                    {move || row.with(|r| no_media_note(r.audio, r.video)).map(|note| view! { <p class="muted">{note}</p> })}
                    // Not for someone waiting to join: they are in no conference yet, nor in its rooms (QA: offered,
                    // then skipped).
                    {move || (!move_targets.with(Vec::is_empty) && !row.with(|r| r.pending)).then(|| view! {
                        <form class="user-detail__form" on:submit=move |ev| {
                            ev.prevent_default();
                            if let (true, Ok(id)) = (free(), target.get_untracked().parse::<usize>()) {
                                on_move.run((key.get_value(), id));
                            }
                        }>
                            <label class="field field--inline">
                                <span class="field__label">"Move to"</span>
                                <select class="field__input" node_ref=move_select aria-label=move || format!("Move {} to", title()) on:change=move |ev| target.set(event_target_value(&ev))>
                                    <option value="">"Choose a room"</option>
                                    {move_targets.get().into_iter().map(|(label, id)| view! { <option value=id.to_string()>{label}</option> }).collect_view()}
                                </select>
                            </label>
                            <button type="submit" class="button" disabled=move || !actionable() || target.with(String::is_empty) aria-disabled=busy_attr>"Move"</button>
                        </form>
                    })}
                </section>
            }.into_any()
        }}
    }
}

/// Why the detail's media buttons are disabled, when they are: the user has no such stream to turn on or off
/// (someone dialled out to and not yet answering, say).
fn no_media_note(audio: MediaCell, video: MediaCell) -> Option<&'static str> {
    match (audio == MediaCell::Absent, video == MediaCell::Absent) {
        (true, true) => Some("No audio or video stream: nothing to mute or stop yet."),
        (true, false) => Some("No audio stream: nothing to mute."),
        (false, true) => Some("No video stream: nothing to stop."),
        (false, false) => None,
    }
}
