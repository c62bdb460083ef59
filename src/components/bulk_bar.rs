use leptos::html;
use leptos::prelude::*;

use super::focus::{focus_lost, focus_nth_or_main};
use crate::session::moderation::use_moderation;
use crate::state::bulk::{BulkItem, BulkOp, BulkRun, ItemOutcome};
use crate::state::uri_key;
use crate::state::users::STANDARD_ROLES;

/// The most users the result list shows.
const SHOWN: usize = 300;

/// The selection and what to do with it: mute, unmute, video, change role, remove (asks first), move to
/// another sidebar. While a bulk action runs it shows "N of M" and can be stopped; afterwards it lists
/// each user's own response code until dismissed.
#[component]
pub fn BulkBar(
    /// The URI of the list whose selection this is.
    list: String,
    /// How many of the selected users the filter hides.
    #[prop(into, default = Signal::derive(|| 0))]
    hidden: Signal<usize>,
    /// Selects every user the filter shows.
    on_select_shown: Callback<()>,
    /// Runs an action on the selection (the view confirms destructive ones).
    on_run: Callback<BulkOp>,
    /// Other lists the selection can move to (label, id); empty outside sidebars.
    #[prop(into)]
    move_targets: Signal<Vec<(String, usize)>>,
    /// Moves the selection to the target with this id.
    on_move: Callback<usize>,
    /// Why changes are not available, if they are not.
    #[prop(into, default = Signal::derive(|| None))]
    locked: Signal<Option<String>>,
) -> impl IntoView {
    let moderation = use_moderation();
    let list = StoredValue::new(list);
    let count = move || list.with_value(|l| moderation.selection.with(|s| s.get(&uri_key(l)).map_or(0, |k| k.len())));
    // The counts of this list's run, if the last one was: not the run itself, whose thousands of items
    // cloned at each answer blocked the page through a Mute all of 3,000 (QA).
    let run = Memo::new(move |_| {
        let key = list.with_value(|l| uri_key(l));
        moderation.bulk.with(|b| b.as_ref().filter(|(k, _)| *k == key).map(|(_, r)| RunGlance::of(r)))
    });
    let running = move || list.with_value(|l| moderation.bulk_running(l));
    // A run that ends empties the selection (a removal) or leaves nobody to mute: the button pressed is
    // disabled then and the focus falls onto the page. It goes to the run's result, read out as it lands.
    let bar = NodeRef::<html::Section>::new();
    let finished = Memo::new(move |_| run.with(|r| r.as_ref().is_some_and(|r| r.finished)));
    // The result per user, problems first; read once, as the run ends (nothing changes it after).
    let results = move || {
        moderation.bulk.with_untracked(|b| {
            let Some((_, r)) = b else { return Vec::new() };
            let (ok, problems): (Vec<&BulkItem>, Vec<&BulkItem>) = r.items.iter().partition(|i| i.outcome.succeeded());
            problems
                .into_iter()
                .chain(ok)
                .take(SHOWN)
                .map(|i| (i.name.clone(), i.entity.clone(), i.outcome.succeeded(), i.outcome.describe()))
                .collect::<Vec<_>>()
        })
    };
    let refocus = move |selector: &'static str| {
        request_animation_frame(move || {
            if focus_lost() {
                focus_nth_or_main(bar.try_get_untracked().flatten(), selector, 0);
            }
        });
    };
    // Only as a run ends here, not when the page opens on one that ended before.
    Effect::new(move |before: Option<bool>| {
        let now = finished.get();
        if now && before == Some(false) {
            refocus(".bulk__dismiss");
        }
        now
    });
    // No role until the moderator picks one: with one chosen for them, a Change role of everyone selected
    // made co-moderators observers in one click (QA).
    let role = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    // Nothing selected, or no changes at all: disabled. While a run goes the buttons are `aria-disabled`
    // instead, which keeps the keyboard focus on the one just pressed.
    let disabled = move || count() == 0 || locked.with(Option::is_some);
    let busy = move || running().then_some("true");
    let run_op = move |op: BulkOp| {
        if !untrack(running) {
            on_run.run(op)
        }
    };
    let action = move |label: &'static str, op: BulkOp| {
        view! {
            <button type="button" class="button" disabled=disabled aria-disabled=busy on:click=move |_| run_op(op.clone())>{label}</button>
        }
    };
    view! {
        <section class="bulk" aria-label="Selected users" node_ref=bar>
            <div class="toolbar">
                <span class="bulk__count" role="status">{move || {
                    let selected = match count() { 0 => "No user selected: tick users in the table to act on them together".to_owned(), 1 => "1 user selected".to_owned(), n => format!("{n} users selected") };
                    match hidden.get() { 0 => selected, h => format!("{selected} ({h} hidden by the filter)") }
                }}</span>
                <button type="button" class="button button--quiet" on:click=move |_| on_select_shown.run(())>"Select all shown"</button>
                <button type="button" class="button button--quiet" disabled=move || count() == 0
                    on:click=move |_| list.with_value(|l| moderation.set_selected(l, Default::default()))>"Clear selection"</button>
                {action("Mute", BulkOp::Audio { on: false })}
                {action("Unmute", BulkOp::Audio { on: true })}
                {action("Stop video", BulkOp::Video { on: false })}
                {action("Start video", BulkOp::Video { on: true })}
                <label class="field field--inline">
                    <span class="visually-hidden">"Role for the selected users"</span>
                    <select class="field__input" aria-label="Role for the selected users" on:change=move |ev| role.set(event_target_value(&ev))>
                        <option value="" disabled selected=move || role.with(String::is_empty)>"Role\u{2026}"</option>
                        {STANDARD_ROLES.iter().map(|r| view! { <option value=*r selected=move || role.get() == *r>{*r}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" class="button" disabled=move || disabled() || role.with(String::is_empty) aria-disabled=busy
                    title=move || (count() > 0 && role.with(String::is_empty)).then_some("Pick a role first")
                    on:click=move |_| run_op(BulkOp::Role(role.get_untracked()))>"Change role"</button>
                <button type="button" class="button button--danger" disabled=disabled aria-disabled=busy
                    on:click=move |_| run_op(BulkOp::Remove { keep_out: false, waiting_only: false, waiting: Vec::new() })>"Remove selected\u{2026}"</button>
                {move || (!move_targets.with(Vec::is_empty)).then(|| view! {
                    <label class="field field--inline">
                        <span class="visually-hidden">"Room to move the selected users to"</span>
                        <select class="field__input" aria-label="Room to move the selected users to" on:change=move |ev| target.set(event_target_value(&ev))>
                            <option value="">"Move to\u{2026}"</option>
                            {move_targets.get().into_iter().map(|(label, id)| view! { <option value=id.to_string()>{label}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="button" disabled=move || disabled() || target.with(String::is_empty) aria-disabled=busy
                        title=move || (count() > 0 && target.with(String::is_empty)).then_some("Pick a room first")
                        on:click=move |_| {
                            if let (false, Ok(id)) = (untrack(running), target.get_untracked().parse::<usize>()) {
                                on_move.run(id)
                            }
                        }>"Move selected"</button>
                })}
            </div>
            {move || run.get().map(|r| {
                let RunGlance { finished, label, done, problems, total, deny, ended } = r;
                view! {
                    // Announced when it ends, not at each of its hundreds of requests.
                    <div class=if finished { "bulk__run bulk__run--done" } else { "bulk__run" } role="status" aria-live=if finished { "polite" } else { "off" }>
                        <p class="bulk__progress">
                            {match ended {
                                Some(ended) => format!("{label}: finished, {ended}"),
                                None => format!("{label}: {done} of {total}"),
                            }}
                            {(!finished).then(|| view! {
                                <progress class="bulk__meter" max=total.to_string() value=done.to_string()></progress>
                                <button type="button" class="button button--quiet" on:click=move |_| moderation.bulk.update(|b| {
                                    if let Some((_, run)) = b { run.stop = true; }
                                })>"Stop"</button>
                            })}
                            {finished.then(|| view! {
                                <button type="button" class="button button--quiet bulk__dismiss" on:click=move |_| {
                                    moderation.bulk.set(None);
                                    // The result goes with its button: back to the top of the bar.
                                    refocus("button:not([disabled])");
                                }>"Dismiss"</button>
                            })}
                        </p>
                        {deny.map(|d| view! { <p>"Deny list: " {d}</p> })}
                        {finished.then(|| view! {
                            <details class="bulk__results" open={problems > 0}>
                                <summary>"Result per user"</summary>
                                <table class="bulk__table">
                                    <thead><tr><th scope="col">"User"</th><th scope="col">"Result"</th></tr></thead>
                                    <tbody>
                                        // Problems first; a long run lists its first few hundred users.
                                        {results().into_iter().map(|(name, entity, ok, outcome)| view! {
                                            <tr class=if ok { "" } else { "bulk__problem" }>
                                                <td>{name}<span class="mono muted">" " {entity}</span></td>
                                                <td>{outcome}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                {(total > SHOWN).then(|| view! { <p class="muted">{format!("and {} more", total - SHOWN)}</p> })}
                            </details>
                        })}
                    </div>
                }
            })}
        </section>
    }
}

/// What the bar shows of a run while it goes: counts, cheap to compare at each of its answers.
#[derive(Clone, PartialEq)]
struct RunGlance {
    finished: bool,
    label: String,
    /// Items with an outcome.
    done: usize,
    problems: usize,
    total: usize,
    /// How the deny-list update ended, after "remove and keep out".
    deny: Option<String>,
    /// How it went, once it is over: `1 of 1 sent succeeded, 28 already muted, 1 skipped`.
    ended: Option<String>,
}

impl RunGlance {
    fn of(run: &BulkRun) -> RunGlance {
        RunGlance {
            finished: run.finished,
            label: run.op.label(),
            done: run.done(),
            problems: run.problems().count(),
            total: run.items.len(),
            deny: run.deny.as_ref().map(ItemOutcome::describe),
            // Counted at the end only: this runs at each answer of a run of thousands.
            ended: run.finished.then(|| {
                [Some(run.tally()), run.already(), run.skipped()].into_iter().flatten().collect::<Vec<_>>().join(", ")
            }),
        }
    }
}
