use ccmp::xcon::{Conference, Operation};
use ccmp::{MessageKind, Request, Response, ResponseCode};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::conference::ConfPage;
use crate::api;
use crate::components::{enter_submits, ActionButton, ConfFields, ConfirmDialog};
use crate::session::drafts::EditDraft;
use crate::session::{use_ccmp, Ccmp, Mode, Sent, Traced};
use crate::state::conf_form::{merge, ConfForm, Field, FormError};
use crate::state::elsewhere;
use crate::state::notice;
use crate::state::waiting;

/// The edit tab: a form that sends only the changed fields. Before sending, the panel re-reads the
/// conference; if someone else changed it since the edit began, their change is merged under the
/// moderator's and shown, and fields both changed are put to the moderator before anything is sent.
#[component]
pub fn EditTab() -> impl IntoView {
    let ccmp = use_ccmp();
    let page = expect_context::<ConfPage>();
    let EditDraft { base_doc, base, form } = page.drafts.edit;
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let conflicts = RwSignal::new(Vec::<(Field, String, String)>::new());

    // Brings the edit onto `now`, the conference as just read, when someone else changed it since the edit
    // began: their change is merged under the moderator's and shown. Returns false when fields both changed
    // wait for the moderator's choice.
    let rebase = move |now: &Conference| -> bool {
        let now_form = ConfForm::from_conference(now);
        let (start, mine) = (base.get_untracked(), form.get_untracked());
        if !now_form.changed_fields(&start).iter().any(|f| *f != Field::ConferencePassword) {
            return true;
        }
        if let Some(before) = base_doc.get_untracked() {
            page.elsewhere
                .try_update(|shown| elsewhere::merge(shown, elsewhere::describe(&before, now, api::local_form_time)));
        }
        let m = merge(&start, &mine, &now_form);
        base.set(now_form.clone());
        base_doc.set(Some(now.clone()));
        form.set(m.merged.clone());
        if m.conflicts.is_empty() {
            return true;
        }
        conflicts.try_set(
            m.conflicts
                .iter()
                .map(|f| (*f, now_form.show(*f, api::local_form_time), m.merged.show(*f, api::local_form_time)))
                .collect(),
        );
        false
    };

    // What the last Save changed, as it was before: said under the form, and put back in it on a click, for a
    // typo saved in the name or a limit saved wrong (QA: a Save said "200 Success" and nothing of what it
    // replaced, and there was no way back but to remember it).
    let last_saved = RwSignal::new(None::<(ConfForm, Vec<Field>)>);
    // Someone else changed a field the last Save changed (the banner has a line for it): putting back what the
    // Save replaced would now undo their change, not the moderator's (QA), so the offer goes.
    Effect::new(move |_| {
        let overtaken = page.elsewhere.with(|shown| {
            let told = |f: &Field| shown.iter().any(|c| c.what == f.title());
            last_saved.with_untracked(|l| l.as_ref().is_some_and(|(_, fields)| fields.iter().any(told)))
        });
        if overtaken {
            last_saved.set(None);
        }
    });
    // Start from the document as read. A later read resets the form while it is untouched; an edit in
    // progress (one the moderator comes back to, after a reload say) is brought onto it at once, so that
    // someone else's change shows now rather than at Save.
    Effect::new(move |_| {
        if let Some(doc) = page.doc.get() {
            let untouched = form.get_untracked() == base.get_untracked() || base_doc.get_untracked().is_none();
            if untouched {
                let f = ConfForm::from_conference(&doc);
                base.set(f.clone());
                form.set(f);
                base_doc.set(Some(doc));
            } else {
                rebase(&doc);
            }
        }
    });

    let dirty = Signal::derive(move || page.drafts.edit.dirty());
    let invalid = Memo::new(move |_| form.with(|f| base.with(|b| f.invalid(Some(b)))));
    let save_why = Signal::derive(move || {
        if let Err(why) = ccmp.connection.allows(MessageKind::Conf, Some(Operation::Update)) {
            return Some(why);
        }
        if let Some(why) = invalid.with(|v| crate::state::conf_form::correct_first(v)) {
            return Some(why);
        }
        (!dirty.get()).then(|| "Nothing changed yet.".to_owned())
    });

    // Taking a medium from a conference with people in it ends their streams of it: asked first, once per Save
    // (`drop_ask` holds what would go and how many are in the conference; `drop_ok` lets the next Save through).
    let drop_ask = RwSignal::new(None::<(String, usize)>);
    let drop_ok = RwSignal::new(false);
    let save = move || {
        if !drop_ok.get_untracked() {
            let was_off = base.with_untracked(ConfForm::media_off);
            let dropped: Vec<&str> =
                form.with_untracked(ConfForm::media_off).into_iter().filter(|k| !was_off.contains(k)).collect();
            let in_it = page.doc.with_untracked(|d| d.as_ref().map_or(0, |d| waiting::using(d, &dropped))) as usize;
            if !dropped.is_empty() && in_it > 0 {
                drop_ask.set(Some((dropped.join(" and "), in_it)));
                return;
            }
        }
        drop_ok.set(false);
        let Some(conn) = ccmp.connection.get() else { return };
        if let Some(why) = crate::components::incomplete_time() {
            problem.set(Some(why));
            return;
        }
        let uri = page.uri.get_untracked();
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let mut attempt = 0;
            // A 409 means someone else's change came first, or that the change cannot be made to the
            // conference as it is (fewer seats than people in it). Only the first is worth sending again,
            // once merged: the re-read tells them apart.
            let mut refused: Option<Refusal> = None;
            loop {
                attempt += 1;
                // 1. Where is the conference now? (`None` also when the moderator left the page meanwhile:
                // the form's signals are gone then, and nothing below may touch them.)
                let Some(now) = page.read(ccmp, None).await else {
                    // A read that failed (server down): the Save says so itself, or the moderator sees only
                    // the read's notice and may think the edit went.
                    if page.alive() && !page.gone.get_untracked() {
                        let why = page.error.get_untracked().map(|e| format!(" ({e})")).unwrap_or_default();
                        problem.set(Some(format!(
                            "Not saved: the conference is read before each save, and that read failed{why}. Your \
                             edit is kept; save again once the server answers."
                        )));
                    }
                    break;
                };
                if let Some(refusal) = refused.take().filter(|r| r.version == now.version) {
                    problem.set(Some(refusal.explain(ccmp)));
                    break;
                }
                // 2. Someone else changed it since the edit began: merge, and stop on real conflicts.
                if !rebase(&now) {
                    break;
                }
                // 3. Send only what the moderator changed, relative to the current document.
                let changes = match form.get_untracked().to_update(&base.get_untracked(), &now) {
                    Ok(c) => c,
                    Err(FormError::Nothing) => {
                        problem.set(Some("Your edit is already what the server has; nothing to send.".into()));
                        break;
                    }
                    Err(e) => {
                        problem.set(Some(e.to_string()));
                        break;
                    }
                };
                // What the server should leave (the form changes only the description), to tell the
                // moderator's own change from someone else's when the version jumps.
                let mut expected = now.clone();
                if let Some(d) = &changes.description {
                    ccmp::xcon::merge::description(expected.description_mut(), d);
                }
                let sent_form = form.get_untracked();
                let before = base.get_untracked();
                let changed = sent_form.changed_fields(&before);
                // The settings this save sets: what the banner says someone else made of them is overwritten.
                let overwritten: Vec<&str> = changed.iter().copied().map(Field::title).collect();
                let Traced { sent, exchange, .. } =
                    ccmp.send_traced(Request::conf_update(&conn.user, &uri, changes), SAVE, Mode::Change).await;
                if matches!(sent, Sent::Ok(_)) {
                    // Saved, whether or not the page is still shown: the draft outlives it (session::drafts),
                    // and must not stay marked unsaved. What the moderator typed meanwhile still is.
                    base.set(sent_form.clone());
                    base_doc.set(Some(expected.clone()));
                    // What an earlier Save of it met (a 409 explained) is answered now.
                    ccmp.notices.dismiss_titled(&format!("{SAVE}: 409"));
                }
                if !page.alive() {
                    return;
                }
                match sent {
                    Sent::Ok(r) => {
                        last_saved.set(Some((before, changed)));
                        conflicts.set(Vec::new());
                        page.elsewhere.update(|shown| shown.retain(|c| !overwritten.contains(&c.what)));
                        if let Some(doc) = page.after_own_change(ccmp, r.version, expected).await {
                            let f = ConfForm::from_conference(&doc);
                            base.set(f.clone());
                            form.set(f);
                            base_doc.set(Some(doc));
                        }
                        break;
                    }
                    // 409: re-read; when someone else changed it, merge and send again (once).
                    Sent::Refused(r) if r.code == ResponseCode::Conflict && attempt < 2 => {
                        refused = Some(Refusal { version: now.version, response: r.clone(), exchange });
                        continue;
                    }
                    // No answer (in time, or at all: a lost connection, a proxy's 502 to 504): the server may
                    // have saved it all the same. The conference as read now tells, before the moderator saves
                    // twice or leaves thinking it lost.
                    Sent::Failed(e) if e.may_have_acted() => {
                        // Quietly: the change found there is the moderator's own, not someone else's.
                        if let Some(doc) = page.read_quietly(ccmp).await {
                            let there = ConfForm::from_conference(&doc);
                            let saved =
                                sent_form.changed_fields(&there).iter().all(|f| *f == Field::ConferencePassword);
                            if saved {
                                base.set(sent_form);
                                base_doc.set(Some(doc));
                            }
                            problem.try_set(Some(if saved {
                                "No answer came back, but the conference as read now has your edit: it was saved."
                            } else {
                                "No answer came back, and the conference as read now does not have your edit: it is \
                                 kept here; save again."
                            }.to_owned()));
                        }
                        break;
                    }
                    _ => break,
                }
            }
            busy.set(false);
        });
    };

    let keep_theirs = move |field: Field| {
        let b = base.get_untracked();
        form.update(|f| f.take(field, &b));
        conflicts.update(|c| c.retain(|(x, _, _)| *x != field));
    };

    view! {
        // A conference found gone has nothing left to save to: no form to type into only to meet a 404.
        <Show when=move || !page.gone.get() fallback=|| view! {
            <p class="conf-edit__gone">"This conference no longer exists on the server: there is nothing to edit."</p>
        }>
        // Enter in a field saves, as in any form.
        // What the last Save said goes as soon as the moderator changes the edit.
        <form class="conf-edit" on:submit=|ev| ev.prevent_default() on:input=move |_| problem.set(None) on:keydown=move |ev: leptos::ev::KeyboardEvent| {
            if enter_submits(&ev) && save_why.get_untracked().is_none() && !busy.get_untracked() {
                save();
            }
        }>
            {move || (!conflicts.with(Vec::is_empty)).then(|| view! {
                <div class="conflict" role="alert">
                    <p class="conflict__title">"Someone else changed the same fields while you were editing. Nothing was sent yet."</p>
                    <ul>
                        {conflicts.get().into_iter().map(|(field, theirs, mine)| view! {
                            <li>
                                <strong>{field.title()}</strong> ": theirs " <q>{theirs}</q> ", yours " <q>{mine}</q> " "
                                <button type="button" class="button button--quiet" on:click=move |_| keep_theirs(field)>"Keep theirs"</button>
                            </li>
                        }).collect_view()}
                    </ul>
                    <p>"Save again to apply your values over theirs."</p>
                </div>
            })}
            <ConfFields form=form invalid=invalid editing=true/>
            {move || drop_ask.get().map(|(what, in_it)| {
                let who = if in_it == 1 { "1 person has it".to_owned() } else { format!("{in_it} people have it") };
                let message = format!(
                    "The conference stops offering {what}: the streams of those in it may end. Offering it again later \
                     makes a new medium, under a new label."
                );
                view! {
                    <ConfirmDialog title=format!("Remove {what} while {who}?") message=message
                        confirm_label=format!("Remove {what} and save")
                        on_confirm=Callback::new(move |()| {
                            drop_ask.set(None);
                            drop_ok.set(true);
                            save();
                        })
                        on_cancel=Callback::new(move |()| drop_ask.set(None))/>
                }
            })}
            {move || problem.get().map(|p| view! { <p class="conf-edit__problem" role="alert">{p}</p> })}
            {move || last_saved.get().map(|(before, fields)| {
                let was: Vec<String> = fields.iter().map(|f| format!("{}: {}", f.title(), before.show(*f, api::local_form_time))).collect();
                let back: Vec<Field> = fields.into_iter().filter(|f| *f != Field::ConferencePassword).collect();
                view! {
                    <p class="field__hint" role="status">
                        {format!("Saved. Before your change: {}.", was.join("; "))} " "
                        {(!back.is_empty()).then(|| view! {
                            <button type="button" class="button button--quiet" on:click=move |_| {
                                form.update(|f| back.iter().for_each(|field| f.take(*field, &before)));
                                last_saved.set(None);
                            }>"Put those back in the form"</button>
                        })}
                    </p>
                }
            })}
            <div class="toolbar">
                <ActionButton label="Save changes" class="button--primary" busy=busy disabled_reason=save_why on_click=save/>
                <button type="button" class="button button--quiet" disabled=move || !dirty.get() on:click=move |_| { form.set(base.get_untracked()); problem.set(None); }>
                    "Discard my changes"
                </button>
                <span class="muted">{move || {
                    let mut changed: Vec<&str> = form.with(|f| base.with(|b| f.changed_fields(b))).into_iter().map(Field::label).collect();
                    // The times and the repetition are one element.
                    changed.dedup();
                    if changed.is_empty() { String::new() } else { format!("Will send: {}", changed.join(", ")) }
                }}</span>
            </div>
        </form>
        </Show>
    }
}

/// What the edit's requests are called, in the console and the notices.
const SAVE: &str = "Save conference";

/// A 409 a Save met, with the version of the conference it was sent against.
struct Refusal {
    version: Option<u32>,
    response: Response,
    /// The console's record of the exchange.
    exchange: Option<u32>,
}

impl Refusal {
    /// Says, in the notice (in place of the 409's, which speaks of someone else's change, as a 409 may mean)
    /// and in the returned line for the form, that the conference did not change: the server cannot make
    /// this change to it as it is.
    fn explain(self, ccmp: Ccmp) -> String {
        let said = self.response.response_string.as_deref();
        let mut notice = notice::for_response(SAVE, MessageKind::Conf, self.response.code, said);
        let said = said.map(|s| format!(" The server said: \u{201c}{s}\u{201d}.")).unwrap_or_default();
        let why = format!(
            "Nobody else changed the conference: the server cannot make this change to it as it is now (409), \
             and nothing was saved.{said} Correct the edit and save again."
        );
        notice.detail = why.clone();
        ccmp.notices.dismiss_titled(&notice.title);
        let id = ccmp.notices.push(notice);
        if let Some(exchange) = self.exchange {
            ccmp.notices.about_exchange(id, exchange);
        }
        why
    }
}
