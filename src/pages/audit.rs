use leptos::prelude::*;

use crate::components::{use_page_title, ShowMore, PAGE};
use leptos_router::hooks::use_query_map;
use wasm_bindgen::{JsCast, JsValue};

use crate::session::audit_keep::KEEP;
use crate::session::{use_audit, AuditEntry};
use crate::state::audit_csv::{document, file_name, HEADER};
use crate::state::bidi::isolate_rtl;
use crate::state::fold::folded;
use crate::state::notice::{Notice, Tone};

/// The audit log: every change the panel made from this browser, in this tab or another (who, what, target,
/// when, the response code), newest first, filterable (`?q=` presets the filter: the conference pages link here with their
/// URI), and exportable as CSV.
#[component]
pub fn AuditPage() -> impl IntoView {
    let audit = use_audit();
    use_page_title("Audit log".to_owned());
    let notices = crate::session::use_notices();
    let query = use_query_map();
    let filter = RwSignal::new(query.with_untracked(|q| q.get("q").unwrap_or_default()));
    // This tab's changes and the other tabs' (see `audit_keep`), oldest first; `true` for another tab's.
    let all = Memo::new(move |_| {
        let mut all: Vec<(AuditEntry, bool)> = audit.entries.with(|e| e.iter().map(|x| (x.clone(), false)).collect());
        audit.others.with(|o| all.extend(o.iter().map(|x| (x.clone(), true))));
        // Stable: this tab's own order holds among changes made in the same millisecond.
        all.sort_by(|a, b| a.0.when.cmp(&b.0.when));
        all
    });
    let shown = Memo::new(move |_| {
        let words: Vec<String> = filter.with(|f| f.split_whitespace().map(folded).collect());
        all.with(|entries| {
            entries
                .iter()
                .rev()
                .filter(|(e, _)| {
                    if words.is_empty() {
                        return true;
                    }
                    let text = folded(&format!(
                        "{} {} {} {} {} {} {}",
                        e.server,
                        e.who,
                        e.what,
                        e.action,
                        e.name,
                        e.target,
                        code_text(e)
                    ));
                    words.iter().all(|w| text.contains(w.as_str()))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // Drawn a page at a time, newest first (the CSV holds every change shown).
    let limit = RwSignal::new(PAGE);
    // The server each change went to, once the session has changed more than one (Settings' "change
    // server"): the same conference URI may name another conference there. The CSV always says.
    let servers = Memo::new(move |_| {
        all.with(|e| e.iter().any(|(x, _)| e.first().is_some_and(|(first, _)| first.server != x.server)))
    });
    let export = move |_| {
        // The server as a full URL, as the console's commands name it: a file read later, elsewhere, has no
        // site to resolve "/tools/ccmp/ccmp" against (QA).
        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        let rows = shown.with_untracked(|s| s.iter().map(|(e, _)| row_of(e, &origin)).collect::<Vec<_>>());
        let csv = document(&HEADER, rows);
        if download(&file_name(&crate::api::iso_now()), &csv).is_err() {
            notices.push(Notice::plain(Tone::Error, "Export failed", "The browser refused to create the file."));
        }
    };
    view! {
        <section class="page audit">
            <header class="page__header">
                <h1 class="page__title">"Audit log"</h1>
                <div class="toolbar">
                    <label class="field field--inline">
                        <span class="visually-hidden">"Filter the audit log"</span>
                        <input class="field__input field__input--filter" type="search" aria-label="Filter the audit log" placeholder="Filter by target, action, code" bind:value=filter/>
                    </label>
                    <button type="button" class="button" disabled=move || shown.with(Vec::is_empty) on:click=export>"Download CSV"</button>
                </div>
            </header>
            <p class="muted" role="status">{move || {
                let (n, total) = (shown.with(Vec::len), all.with(Vec::len));
                // Of those listed: with a filter, of the ones that match (QA: it counted all).
                let elsewhere = shown.with(|s| s.iter().filter(|(_, other)| *other).count());
                let mut said = if n == total {
                    format!("{total} {} from this browser", if total == 1 { "change" } else { "changes" })
                } else {
                    format!("{n} of {total} changes from this browser match; the CSV holds the ones that match")
                };
                if elsewhere > 0 {
                    said.push_str(&format!(" ({elsewhere} of them from its other tabs, closed ones included)"));
                }
                said.push('.');
                // The tab keeps fewer across a reload than it lists (QA counted 2,231 and lost 231).
                if audit.entries.with(Vec::len) > KEEP {
                    said.push_str(&format!(" A reload keeps this tab's latest {KEEP}."));
                }
                said
            }}</p>
            {move || if shown.with(Vec::is_empty) {
                // Nothing recorded, or nothing the filter finds (QA: "No change recorded yet" with 102 recorded).
                let said = if all.with(Vec::is_empty) {
                    "No change recorded yet: every change the panel makes (create, update, delete) is listed here."
                } else {
                    "No change matches the filter."
                };
                view! { <p class="conf-list__state">{said}</p> }.into_any()
            } else {
                view! {
                    // Scrolled sideways on a phone, and nothing in it takes the focus: the keyboard scrolls it
                    // once it has the focus itself.
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Changes recorded">
                        <table class="audit__table">
                            <thead><tr>
                                <th scope="col">"When"</th>
                                {move || servers.get().then(|| view! { <th scope="col">"Server"</th> })}
                                <th scope="col">"Who"</th><th scope="col">"What"</th>
                                <th scope="col">"Action"</th><th scope="col">"Target"</th><th scope="col">"Code"</th>
                            </tr></thead>
                            <tbody>
                                {move || shown.with(|s| s.iter().take(limit.get()).cloned().collect::<Vec<_>>()).into_iter().map(|(e, elsewhere)| {
                                    let failed = e.code != Some(200);
                                    view! {
                                        <tr class=if failed { "audit__row audit__row--failed" } else { "audit__row" }>
                                            // On the moderator's clock; the CSV keeps the UTC time.
                                            <td><time datetime=e.when.clone()>{crate::api::local_date_time(&e.when)}</time></td>
                                            {servers.get_untracked().then(|| view! { <td class="mono">{e.server.clone()}</td> })}
                                            <td class="mono">{e.who.clone()}</td>
                                            <td>{e.what.clone()}</td>
                                            <td>{isolate_rtl(&e.action).into_owned()}{elsewhere.then(|| view! { " " <span class="muted">"(another tab)"</span> })}</td>
                                            // The conference's name as it was then, over its URI.
                                            <td class="audit__target">
                                                {(!e.name.is_empty()).then(|| view! { <span class="audit__name">{isolate_rtl(&e.name).into_owned()}</span> })}
                                                <span class="mono">{e.target.clone()}</span>
                                            </td>
                                            <td class="num">{code_text(&e)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <ShowMore limit=limit total=Signal::derive(move || shown.with(Vec::len)) what="changes"/>
                }.into_any()
            }}
        </section>
    }
}

fn code_text(e: &AuditEntry) -> String {
    e.code.map_or_else(|| "no response".to_owned(), |c| c.to_string())
}

fn row_of(e: &AuditEntry, origin: &str) -> Vec<String> {
    vec![
        e.when.clone(),
        crate::state::console::absolute_url(&e.server, origin),
        e.who.clone(),
        e.what.clone(),
        e.action.clone(),
        e.name.clone(),
        e.target.clone(),
        code_text(e),
    ]
}

/// A Blob URL holding `text` as CSV (revoked by the caller, or when the page goes). The file starts with a
/// byte-order mark: without it, a spreadsheet that guesses the encoding (Excel) garbles every name not in
/// Latin letters (QA).
pub fn csv_blob_url(text: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of2(&JsValue::from_str("\u{feff}"), &JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}

/// Saves `text` as a file named `name`: a Blob URL and a download link clicked from code (no inline
/// script, no data URL). The URL is revoked ten seconds later, once the download has started.
fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let url = csv_blob_url(text)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_class_name("visually-hidden");
    let body = document.body().ok_or(JsValue::NULL)?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(10));
    Ok(())
}
