use std::cell::Cell;

use ccmp::{Request, ResponseBody, ResponseCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api::vault;
use crate::session::{saved_profiles, use_ccmp, Ccmp, Conn, Mode, Sent};
use crate::state::capabilities::{Capabilities, Source};
use crate::state::notice::{server_said, Notice, Tone};
use crate::state::profiles::{connects_by_itself, initial, server_url, unfamiliar, DeployConfig, Profile, Profiles};
use crate::state::transport::TransportError;

thread_local! {
    /// A remembered profile connects by itself once per page load (a refused one is not tried again). After
    /// a Disconnect none does, in any page, until the next Connect: `Profiles::signed_out`.
    static AUTO_CONNECT_TRIED: Cell<bool> = const { Cell::new(false) };
}

/// The connect view: server URL, confUserID, optional credentials, saved profiles. Presets come from
/// `?server=`, the last used profile, and `config.json` next to `index.html`.
#[component]
pub fn ConnectView() -> impl IntoView {
    super::use_page_title("Connect".to_owned());
    let ccmp = use_ccmp();
    let query = use_query_map();
    let profiles = RwSignal::new(saved_profiles::load());
    let form = RwSignal::new(Profile { server: crate::state::base_path::default_server(), ..Default::default() });
    let password = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // After a failed Connect, the field at fault is marked (until it is corrected), as the error names it.
    let user_invalid = move || {
        error.with(Option::is_some) && form.with(|f| crate::state::profiles::conf_user_id(&f.conf_user_id).is_err())
    };
    let server_invalid = move || error.with(Option::is_some) && form.with(|f| server_url(&f.server).is_err());
    // A saved profile filled in without its password: after a reload mid-event, the moderator only has
    // to type the password, so say so and put the cursor there.
    let needs_password = RwSignal::new(false);
    let password_input = NodeRef::<leptos::html::Input>::new();

    let fill = move |p: Profile, remembered: bool| {
        // A sealed password is on its way (see below): no call to type it meanwhile.
        let none = p.password.is_none() && p.sealed_password.is_none();
        needs_password.set(!p.username.is_empty() && none && !p.name.is_empty());
        password.set(p.password.clone().unwrap_or_default());
        remember.set(remembered);
        form.set(Profile { password: None, ..p });
    };
    let connect = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let p = Profile { password: Some(password.get_untracked()), ..form.get_untracked() };
        // The sealed password goes along only if it is the one typed (see `connect`).
        let sealed = profiles.with_untracked(|ps| {
            let same = ps.profiles.iter().find(|q| q.name == p.name && q.password == p.password);
            same.and_then(|q| q.sealed_password.clone())
        });
        let p = Profile { sealed_password: sealed, ..p };
        let keep = remember.get_untracked();
        spawn_local(async move {
            match connect(ccmp, p, keep).await {
                Ok(saved) => profiles.set(saved),
                Err(why) => error.set(Some(why)),
            }
            busy.set(false);
        });
    };

    // Presets: config.json (fetched), then the last profile, then ?server= (see `state::profiles::initial`).
    // The form shows the last profile at once; its remembered password is opened (decrypted) next.
    let server_param = query.with_untracked(|q| q.get("server"));
    let saved = profiles.get_untracked();
    let this_tab = saved_profiles::this_tab();
    let (preset, _) = initial(server_param.as_deref(), &DeployConfig::default(), &saved, this_tab.as_deref());
    fill(Profile { password: None, ..preset }, false);
    let first_fill = form.get_untracked();
    // A link may name any server; before the moderator types a password for one they never used (nor
    // this site, nor the deployment), the view says whose choice it was.
    let deploy = RwSignal::new(DeployConfig::default());
    // For the deployment's admin, who edits config.json without a build: a file the panel cannot use.
    let deploy_problem = RwSignal::new(None::<String>);
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let linked = server_param.clone().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let link_unfamiliar = Memo::new(move |_| {
        linked.as_deref().is_some_and(|link| {
            form.with(|f| f.server.trim() == link)
                && deploy.with(|config| profiles.with(|saved| unfamiliar(link, &origin, config, saved)))
        })
    });
    spawn_local(async move {
        let saved = open_profiles(saved).await;
        if profiles.try_set(saved.clone()).is_some() {
            return;
        }
        // The moderator may have started typing meanwhile: what they typed stays.
        let untouched = move |filled: &Profile| {
            form.try_get_untracked().as_ref() == Some(filled)
                && password.try_get_untracked().is_some_and(|p| p.is_empty())
        };
        if untouched(&first_fill) {
            let (mut preset, remembered) =
                initial(server_param.as_deref(), &DeployConfig::default(), &saved, this_tab.as_deref());
            // The password this tab connected with, when it was not remembered (a reload mid-event).
            let mut kept = false;
            if !remembered && this_tab.as_deref() == Some(preset.name.as_str()) && !preset.name.is_empty() {
                preset.password = saved_profiles::take_this_tabs_password(&preset.name).await;
                kept = preset.password.is_some();
            }
            // A remembered profile (or one that needs no password) connects by itself, without waiting
            // for config.json: a saved profile takes precedence over the deployment's preset anyway.
            let auto = connects_by_itself(&preset, remembered || kept, &saved);
            fill(preset, remembered);
            if auto && !AUTO_CONNECT_TRIED.with(|t| t.replace(true)) {
                connect();
                return;
            }
        }
        let Some(filled) = form.try_get_untracked() else { return };
        let (config, problem) = fetch_config().await;
        deploy.try_set(config.clone());
        deploy_problem.try_set(problem);
        if untouched(&filled) {
            let (preset, remembered) = initial(server_param.as_deref(), &config, &saved, this_tab.as_deref());
            fill(preset, remembered);
        }
    });

    Effect::new(move |_| {
        if let Some(input) = password_input.get() {
            if needs_password.get() {
                let _ = input.focus();
            }
        }
    });

    let pick = move |name: String| {
        if let Some(p) = profiles.get_untracked().profiles.into_iter().find(|p| p.name == name) {
            let remembered = p.password.is_some();
            fill(p, remembered);
        }
    };
    // At once, with an Undo: a profile forgotten by a slip would otherwise have to be typed again, its
    // remembered password included.
    let forget = move |_| {
        let name = form.get_untracked().name;
        // The profile with its password opened, as this view holds it, to put back on Undo.
        let opened = profiles.with_untracked(|ps| ps.profiles.iter().find(|p| p.name == name).cloned());
        let kept = saved_profiles::forget(&name);
        profiles.update(|ps| ps.remove(&name));
        let notice = Notice::plain(
            Tone::Success,
            "Profile forgotten",
            format!("\u{201c}{name}\u{201d} is no longer saved in this browser."),
        );
        // The form keeps the server and the user, to connect again, but not what would save the profile
        // again at the next Connect: its name and its password.
        form.update(|f| f.name.clear());
        password.set(String::new());
        remember.set(false);
        // Its button went with it.
        super::focus_main_if_lost();
        // Forgotten in another tab already: nothing of it is left to put back.
        let Some((kept, was_last_used)) = kept else {
            ccmp.notices.push(notice);
            return;
        };
        let (id, clicked) = ccmp.notices.push_action(notice, "Undo");
        spawn_local(async move {
            if clicked.await.is_ok() {
                ccmp.notices.dismiss(id);
                saved_profiles::restore(kept.clone(), was_last_used);
                profiles.try_update(|ps| ps.restore(opened.unwrap_or(kept), was_last_used));
            }
        });
    };
    // Another tab of this browser saves or forgets a profile: the list follows (QA: it stayed as this view
    // first read it until a reload).
    let other_tab = window_event_listener(leptos::ev::storage, move |event| {
        // No key: the whole storage was cleared.
        if event.key().is_some_and(|k| k != saved_profiles::PROFILES_KEY) {
            return;
        }
        spawn_local(async move {
            let mut fresh = saved_profiles::load();
            open_passwords(&mut fresh).await;
            profiles.try_set(fresh);
        });
    });
    on_cleanup(move || other_tab.remove());

    view! {
        <section class="connect" aria-labelledby="connect-title">
            <h1 id="connect-title" class="page__title">"Connect to a CCMP server"</h1>
            <form class="connect__form" on:submit=move |ev| {
                ev.prevent_default();
                connect();
            }>
                <Show when=move || !profiles.with(|p| p.profiles.is_empty())>
                    <label class="field">
                        <span class="field__label">"Saved profile"</span>
                        <select class="field__input" on:change=move |ev| pick(event_target_value(&ev))>
                            <option value="">"\u{2014} choose \u{2014}"</option>
                            {move || profiles.get().profiles.into_iter().map(|p| {
                                let name = p.name.clone();
                                let selected = form.with(|f| f.name == name);
                                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
                {move || match profiles.with(|p| p.unreadable.len()) {
                    0 => None,
                    n => Some(view! {
                        <p class="field__hint field__hint--warning" role="status">
                            {if n == 1 { "A saved profile could not be read".to_owned() } else { format!("{n} saved profiles could not be read") }}
                            " (damaged, or saved by another version of the panel): kept as stored in this browser, and left out of the list."
                        </p>
                    }),
                }}
                // The hints are outside the label: inside, they were read as part of the field's name, and
                // again as its description (QA).
                <div class="field">
                    <label class="field__label" for="connect-server">"Server URL"</label>
                    <input class="field__input" type="text" id="connect-server" name="server" required
                        aria-invalid=move || server_invalid().then_some("true")
                        aria-describedby=move || {
                            let mut ids = String::from("server-hint");
                            if link_unfamiliar.get() { ids.push_str(" server-warning") }
                            if server_invalid() { ids.push_str(" connect-error") }
                            ids
                        }
                        prop:value=move || form.with(|f| f.server.clone())
                        on:input=move |ev| form.update(|f| f.retyped(|p| p.server = event_target_value(&ev)))/>
                    <span id="server-hint" class="field__hint">
                        {format!("A full URL (https://ccmp.example.org/ccmp), or {} for this site's own CCMP endpoint.", crate::state::base_path::default_server())}
                    </span>
                    <Show when=move || link_unfamiliar.get()>
                        <span id="server-warning" class="field__hint field__hint--warning">
                            "The link that opened the panel chose this server, and you have not connected to it before: \
                             your confUserID and password would go to it. Connect only if you trust it."
                        </span>
                    </Show>
                </div>
                <label class="field">
                    <span class="field__label">"confUserID"</span>
                    <input class="field__input" type="text" name="conf-user-id" required placeholder="such as moderator@example.com"
                        aria-invalid=move || user_invalid().then_some("true")
                        aria-describedby=move || user_invalid().then_some("connect-error")
                        prop:value=move || form.with(|f| f.conf_user_id.clone())
                        on:input=move |ev| form.update(|f| f.retyped(|p| p.conf_user_id = event_target_value(&ev)))/>
                </label>
                <fieldset class="connect__credentials">
                    <legend>"Username and password, if the server asks for them"</legend>
                    <label class="field">
                        <span class="field__label">"Username"</span>
                        <input class="field__input" type="text" name="username" autocomplete="username"
                            prop:value=move || form.with(|f| f.username.clone())
                            on:input=move |ev| form.update(|f| f.username = event_target_value(&ev))/>
                    </label>
                    <label class="field">
                        <span class="field__label">"Password"</span>
                        <input class="field__input" type="password" name="password" autocomplete="current-password"
                            aria-describedby=move || needs_password.get().then_some("password-hint") node_ref=password_input bind:value=password/>
                        <Show when=move || needs_password.get()>
                            <span id="password-hint" class="field__hint">
                                "The password of a saved profile is kept only when \u{201c}Remember\u{201d} is ticked (otherwise until its browser tab closes): enter it to continue."
                            </span>
                        </Show>
                    </label>
                    <label class="field field--check">
                        <input type="checkbox" name="remember" bind:checked=remember/>
                        <span>"Remember the password in this browser"</span>
                    </label>
                </fieldset>
                <label class="field">
                    <span class="field__label">"Save as profile"</span>
                    <input class="field__input" type="text" name="profile" placeholder="(named after user and server)"
                        prop:value=move || form.with(|f| f.name.clone())
                        on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
                </label>
                {move || error.get().map(|e| view! { <p class="connect__error" id="connect-error" role="alert">{e}</p> })}
                {move || deploy_problem.get().map(|p| view! { <p class="field__hint" role="note">{p}</p> })}
                <div class="connect__actions">
                    <button type="submit" class="button button--primary" aria-disabled=move || busy.get().then_some("true") aria-busy=move || busy.get().to_string()>
                        <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                        "Connect"
                    </button>
                    <Show when=move || profiles.with(|p| p.profiles.iter().any(|q| q.name == form.with(|f| f.name.clone())))>
                        <button type="button" class="button button--quiet" on:click=forget>"Forget this profile"</button>
                    </Show>
                </div>
            </form>
        </section>
    }
}

/// `config.json` next to `index.html`: its presets, or with the defaults what is wrong with it. A missing
/// file is no preset, and nothing to tell: the file is optional (a server that answers a missing file with
/// `index.html` sends a page, not JSON).
async fn fetch_config() -> (DeployConfig, Option<String>) {
    let Ok(response) = gloo_net::http::Request::get(&crate::state::base_path::href("/config.json")).send().await else {
        return (DeployConfig::default(), None);
    };
    let page = response.headers().get("content-type").is_some_and(|t| t.contains("html"));
    if !response.ok() || page {
        return (DeployConfig::default(), None);
    }
    match response.text().await.map(|text| DeployConfig::parse(&text)) {
        Ok(Ok(config)) => (config, None),
        Ok(Err(problem)) => (DeployConfig::default(), Some(problem)),
        Err(_) => (DeployConfig::default(), None),
    }
}

/// What the notices about connecting are titled after (`Connect: 401 Unauthorized`).
const CONNECT: &str = "Connect";

/// Connects: sends optionsRequest, derives the capabilities (RFC 6503's base set when the server does not
/// answer options), and saves the profile. Returns the saved profiles, or why it failed.
async fn connect(ccmp: Ccmp, form: Profile, remember: bool) -> Result<Profiles, String> {
    let user = crate::state::profiles::conf_user_id(&form.conf_user_id)?;
    let server = server_url(&form.server)?;
    // Credentials go in pairs (RFC 6503's subject): half of them would be dropped or refused, and the server's
    // 424 or 401 would only ask again for what the form already has (QA).
    let typed = form.password.as_deref().is_some_and(|p| !p.is_empty());
    match (form.username.trim().is_empty(), typed) {
        (true, true) => {
            return Err("A password goes with a username: enter the username, or clear the password to connect \
                        without credentials."
                .to_owned())
        }
        (false, false) => {
            return Err(format!(
                "Enter the password for \u{201c}{}\u{201d}, or clear the username to connect without credentials.",
                form.username.trim()
            ))
        }
        _ => {}
    }
    // An unnamed profile is named after its user and server, and the connection goes by that name.
    let name = Profile { server: server.clone(), conf_user_id: user.to_string(), ..form.clone() }.named().name;
    ccmp.connection.disconnect();
    ccmp.connection.current.set(Some(Conn {
        server: server.clone(),
        user: user.clone(),
        username: form.username.trim().to_owned(),
        password: form.password.clone().unwrap_or_default(),
        profile: name.clone(),
    }));
    let mut sent = ccmp.send(Request::options(&user), CONNECT, Mode::Connect).await;
    // An endpoint may fail optionsRequest alone (an HTTP 404 or 500, an empty body) and answer the rest: a
    // confsRequest tells such a server from a wrong URL (QA: the moderator could not connect at all).
    let mut options_failed = None;
    if let Sent::Failed(e) = &sent {
        if !e.unreachable() && !matches!(e, TransportError::Timeout { .. }) {
            let probe = ccmp.send(Request::confs(&user), CONNECT, Mode::Connect).await;
            if matches!(probe, Sent::Ok(_) | Sent::Refused(_)) {
                options_failed = Some(format!("its optionsRequest failed: {}", e.title()));
                sent = probe;
            }
        }
    }
    let caps = match sent {
        Sent::Ok(r) => match (r.body, options_failed) {
            (_, Some(why)) => Capabilities::base_set(why),
            (ResponseBody::Options(p), None) => match p.info {
                Some(options) => Capabilities::from_options(&options),
                None => Capabilities::base_set("its optionsResponse held no options"),
            },
            _ => Capabilities::base_set("it answered optionsRequest with another message"),
        },
        Sent::Refused(r)
            if matches!(
                r.code,
                ResponseCode::InvalidConfUserId | ResponseCode::Unauthorized | ResponseCode::AuthenticationRequired
            ) =>
        {
            ccmp.connection.disconnect();
            // What the server said is the most useful part ("wrong password"); then what to check.
            let said = server_said(r.code, r.response_string.as_deref())
                .map(|s| format!(": \u{201c}{s}\u{201d}"))
                .unwrap_or_default();
            let check = match r.code {
                ResponseCode::InvalidConfUserId => "Check the confUserID.",
                ResponseCode::AuthenticationRequired => "The server wants a username and a password.",
                // The password came from this browser's memory, not from the moderator's typing (QA).
                _ if form.sealed_password.is_some() => {
                    "The password this browser remembered was refused (it may have changed on the server): type the \
                     current one."
                }
                // The server may refuse right credentials for a reason of its own, which it gave ("too many
                // wrong passwords…: try again in 13 s"): "check the password" sent the moderator astray (QA).
                _ if !said.is_empty() => "Check the username and the password, and what the server says.",
                _ => "Check the username and the password.",
            };
            return Err(format!(
                "The server refused this identity ({} {}){said}. {check}",
                r.code.as_u16(),
                r.code.reason()
            ));
        }
        Sent::Refused(r) => Capabilities::base_set(options_failed.unwrap_or_else(|| {
            format!("it answered optionsRequest with {} {}", r.code.as_u16(), r.code.effective().reason())
        })),
        Sent::Failed(e) => {
            ccmp.connection.disconnect();
            // Not the usual "the panel keeps working and the next request tries again": nothing is running yet.
            return Err(match e {
                TransportError::Unreachable { detail } => format!(
                    "The server did not answer at {server} ({detail}). Check the URL, and that the server is running. \
                     A server on another site than the panel must also allow this one (CORS; the reference server's \
                     --cors-origin)."
                ),
                e => format!("{}. {}", e.title(), e.detail()),
            });
        }
        Sent::NotConnected => return Err("Not connected.".into()),
    };
    if let Source::AssumedBase { why } = &caps.source {
        ccmp.notices.push(Notice::plain(
            Tone::Warning,
            "Capabilities assumed",
            format!("The server did not say what it supports ({why}); the panel assumes RFC 6503's base set of ten standard messages."),
        ));
    }
    // The profile is saved before the connect view gives way to the panel.
    let conn = ccmp.connection.get();
    let password = conn.as_ref().map(|c| c.password.clone()).filter(|p| !p.is_empty());
    let sealed_password = match (&password, remember) {
        // Connecting with the remembered password as it was opened: it is sealed already.
        (Some(p), true) if form.password.as_ref() == Some(p) && form.sealed_password.is_some() => form.sealed_password,
        (Some(p), true) => vault::seal(p).await,
        _ => None,
    };
    // Only a password the browser sealed is remembered: one it cannot seal is not stored at all.
    if remember && password.is_some() && sealed_password.is_none() {
        let why = if crate::api::secure_context() {
            "This browser could not seal it (it keeps no IndexedDB here, as in a private window), and the panel \
             never stores a password in plain text: you will be asked for it next time."
        } else {
            "The panel is not served over HTTPS (nor from localhost), and browsers give such a page nothing to seal a \
             password with; the panel never stores one in plain text: you will be asked for it next time. Serve the \
             panel over HTTPS to have it remembered."
        };
        ccmp.notices.push(Notice::plain(Tone::Warning, "The password was not remembered", why));
    }
    let remember = remember && sealed_password.is_some();
    // Not remembered: kept for this tab's reloads only (under the name the profile is saved as, below).
    let for_this_tab = password.clone().filter(|_| !remember);
    let mut profiles = saved_profiles::load();
    profiles.save(
        Profile {
            name,
            server,
            conf_user_id: user.to_string(),
            username: conn.map(|c| c.username).unwrap_or_default(),
            password,
            sealed_password,
        },
        remember,
    );
    saved_profiles::store(&profiles);
    if let Some(name) = &profiles.last_used {
        saved_profiles::used_in_this_tab(name);
    }
    match (&profiles.last_used, for_this_tab) {
        (Some(name), Some(password)) => saved_profiles::keep_for_this_tab(name, &password).await,
        _ => saved_profiles::forget_this_tabs_password(),
    }
    ccmp.connection.capabilities.set(Some(caps));
    Ok(profiles)
}

/// The saved profiles with their remembered passwords opened. A password an earlier version stored in
/// plain text is sealed in its place, and one that cannot be opened (a lost key) is dropped, so that the
/// view asks for it; either way the profiles are written back.
async fn open_profiles(mut profiles: Profiles) -> Profiles {
    if open_passwords(&mut profiles).await {
        saved_profiles::store(&profiles);
    }
    profiles
}

/// Opens the remembered passwords of `profiles`, sealing any plain one and dropping any that cannot be
/// opened; `true` when that changed what is to be stored.
async fn open_passwords(profiles: &mut Profiles) -> bool {
    let mut changed = false;
    for p in &mut profiles.profiles {
        if let Some(sealed) = p.sealed_password.clone() {
            p.password = vault::open(&sealed).await;
            if p.password.is_none() {
                p.sealed_password = None;
                changed = true;
            }
        } else if let Some(plain) = p.password.clone() {
            // Writing the profiles back drops the plain text, sealed or not.
            p.sealed_password = vault::seal(&plain).await;
            changed = true;
        }
    }
    changed
}
