//! Journey: the conference list a moderator keeps open during an event. Sorting, a filter that survives
//! leaving the page, back and forward, and an auto-refresh that marks what others added, changed and
//! removed since the last read.

use ccmp::xcon::Conference;
use ccmp::{Request, ResponseCode};

use crate::panel::{connect, create_conference};
use crate::support::{Journey, Page, Result};

const WEEKLY: &str = "xcon:weekly-sync@example.com";
const SUPPORT: &str = "xcon:support-desk@example.com";

#[tokio::test]
async fn the_list_sorts_filters_navigates_and_marks_what_changed() {
    Journey::new("panel-list")
        .run(|app| async move {
            let user = app.moderator().xcon_user_id();
            let page = app.open().await?;
            connect(&page, &app).await?;
            page.wait_for_text("3 conferences").await?;
            // When it was read, on the moderator's clock (not UTC).
            let summary = page.find_text("3 conferences \u{b7} read at").await?.text().await?;
            let read_at = summary.split("read at ").nth(1).and_then(|t| t.split(" \u{b7}").next()).unwrap_or_default();
            crate::panel::local_clock(read_at)?;

            // Sorting by the number of users (0, 3 and 4 in the seeded ones), up then down.
            page.click("button", "Users").await?;
            let up = ["Customer support desk", "Weekly team sync", "Product launch all-hands"];
            until_names(&page, &up).await?;
            page.click("button", "Users").await?;
            let down: Vec<&str> = up.iter().rev().copied().collect();
            until_names(&page, &down).await?;
            // The button's name says the sort, which a screen reader reads as the press changes it (it reads
            // the header's aria-sort only on coming to it).
            page.find_role("button", "Users, sorted descending").await?;
            // With the pointer and the focus still on the table (its Users header), a read that changes what
            // it sorts by does not move the rows under them (QA: the row under the pointer changed at each
            // read); the order catches up once both leave the table.
            let crowd = (0..6)
                .map(|i| crate::panel2::connected_user(&format!("walk-in{i}"), &format!("Walk-in {i}"), "participant"));
            let crowd = ccmp::xcon::Users { users: crowd.collect(), ..Default::default() };
            let answer = app.request(Request::users_update(&user, SUPPORT, crowd)).await?;
            anyhow::ensure!(answer.code == ResponseCode::Success, "walk-ins: {answer:?}");
            crate::panel2::press(&page, 'g').await?;
            page.wait_until("the desk's row read with 6 users", || async {
                Ok(row_text(&page, "Customer support desk").await?.is_some_and(|t| t.contains("\t6\t")).then_some(()))
            })
            .await?;
            assert_eq!(names(&page).await?, down, "the rows held still under the pointer");
            page.click("heading", "Conferences").await?;
            let down = vec!["Customer support desk", "Product launch all-hands", "Weekly team sync"];
            until_names(&page, &down).await?;

            // The filter, kept across a visit to a conference and back, and forward again.
            page.fill("Filter conferences", "sync").await?;
            until_names(&page, &["Weekly team sync"]).await?;
            assert_eq!(page.client().title().await?, "Conferences \u{b7} CCMP panel");
            // Enter in the filter opens the one conference it found.
            crate::panel2::press_enter_on(&page, "textbox", "Filter conferences").await?;
            page.find_role("heading", "Weekly team sync").await?;
            // The link that had the focus went with the list: the page's content has it now.
            crate::panel2::until_focus_on_main(&page).await?;
            // The tab (and the history) is named after the conference.
            assert_eq!(page.client().title().await?, "Weekly team sync \u{b7} CCMP panel");
            page.client().back().await?;
            until_names(&page, &["Weekly team sync"]).await?;
            page.client().forward().await?;
            page.find_role("heading", "Weekly team sync").await?;
            // After Back then Forward, the link to the list: the address bar follows (leptos_router alone
            // would leave it on the conference), so Back returns to the conference.
            page.click("link", "Conferences").await?;
            until_names(&page, &["Weekly team sync"]).await?;
            // The address is put right in a timeout after the list shows (`keep_address_bar_in_step`): on a
            // loaded machine the list can be read before it runs, so this waits for it (and fails if it never
            // comes, as without that function).
            page.wait_until("the address bar names the list", || async {
                Ok(page.url().await?.as_str().ends_with("/conferences").then_some(()))
            })
            .await?;
            page.client().back().await?;
            page.find_role("heading", "Weekly team sync").await?;
            page.client().forward().await?;
            until_names(&page, &["Weekly team sync"]).await?;
            // A reload keeps the filter and the sort too (for this browser tab, as the auto-refresh).
            crate::panel::reload_connected(&page).await?;
            until_names(&page, &["Weekly team sync"]).await?;
            page.fill("Filter conferences", "").await?;
            until_names(&page, &down).await?;
            // Of several, Enter goes to the first (past the sort buttons).
            crate::panel2::press_enter_on(&page, "textbox", "Filter conferences").await?;
            crate::panel2::until_focus_on(&page, down[0]).await?;

            // "Where is Erin?": the filter finds a conference by someone in it, by name or address, and
            // says who.
            page.fill("Filter conferences", "erin walsh").await?;
            until_names(&page, &["Product launch all-hands"]).await?;
            page.wait_for_text("with Erin Walsh").await?;
            page.fill("Filter conferences", "xcon-userid:grace@").await?;
            until_names(&page, &["Product launch all-hands"]).await?;
            page.wait_for_text("with Grace Kim").await?;
            // Which leads to her: the users tab, filtered to her.
            page.click("link", "with Grace Kim").await?;
            page.find_role("heading", "Product launch all-hands").await?;
            page.wait_for_text("1 of 4 users shown").await?;
            page.find_role("button", "Unmute Grace Kim").await?;
            let kept = page.find_role("textbox", "Filter users").await?.prop("value").await?;
            assert_eq!(kept.as_deref(), Some("xcon-userid:grace@"));
            page.client().back().await?;
            until_names(&page, &["Product launch all-hands"]).await?;
            page.fill("Filter conferences", "").await?;
            until_names(&page, &down).await?;
            page.wait_for_text_gone("with Grace Kim").await?;

            // Coming back to the list a while later reads it again: what changed meanwhile is marked.
            let mut moved = Conference::new(SUPPORT);
            moved.description_mut().subject = Some("Walk-in questions, now until 6 pm".into());
            let answer = app.request(Request::conf_update(&user, SUPPORT, moved)).await?;
            anyhow::ensure!(answer.code == ResponseCode::Success, "changing the subject: {answer:?}");
            page.click("link", "Weekly team sync").await?;
            page.find_role("heading", "Weekly team sync").await?;
            // Past the few seconds in which a return counts as a bounce, which reads nothing.
            tokio::time::sleep(std::time::Duration::from_secs(6)).await;
            page.click("link", "Conferences").await?;
            page.wait_until("the mark of the read on return", || async {
                let row = row_text(&page, "Customer support desk").await?.unwrap_or_default();
                Ok((row.contains("changed") && row.contains("now until 6 pm")).then_some(()))
            })
            .await?;

            // The link the moderator is about to click stays the same element through every later read,
            // whatever they change in its row (a list that re-rendered rows could swallow the click).
            let weekly = page.find_role("link", "Weekly team sync").await?;

            // One more, read with a manual refresh: from the keyboard, `g` (and `/` goes to the filter).
            let closing = create_conference(&app, "Closing soon", None).await?;
            crate::panel2::focus_main(&page).await?;
            crate::panel2::press(&page, 'g').await?;
            page.wait_for_text("4 conferences").await?;
            crate::panel2::press(&page, '/').await?;
            crate::panel2::until_focus_on(&page, "Filter conferences").await?;
            crate::panel2::focus_main(&page).await?;
            // `?` lists the list's own keys, as it does the users tab's.
            crate::panel2::press(&page, '?').await?;
            page.find_role("dialog", "Keyboard shortcuts").await?;
            page.wait_for_text("Filter the conferences").await?;
            page.wait_for_text("Refresh the list").await?;
            anyhow::ensure!(!page.text().await?.contains("Mute all participants"), "the users tab's keys listed");
            page.click("button", "Close").await?;
            page.wait_for_role_gone("dialog", "Keyboard shortcuts").await?;
            crate::panel2::focus_main(&page).await?;
            // A click on the list's text puts the focus on the page behind it: Escape closes it all the same.
            crate::panel2::press(&page, '?').await?;
            page.find_role("dialog", "Keyboard shortcuts").await?;
            page.client().find(fantoccini::Locator::Css(".help__table")).await?.click().await?;
            crate::panel2::press(&page, crate::panel2::ESCAPE).await?;
            page.wait_for_role_gone("dialog", "Keyboard shortcuts").await?;
            crate::panel2::focus_main(&page).await?;
            // A key the list has no use for stays the browser's: the arrow keys scroll the page.
            let kept = "let kept = true; \
                        const probe = e => { kept = !e.defaultPrevented; }; \
                        window.addEventListener('keydown', probe); \
                        document.getElementById('main').dispatchEvent( \
                            new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true })); \
                        window.removeEventListener('keydown', probe); return kept;";
            let kept = page.client().execute(kept, vec![]).await?;
            assert_eq!(kept.as_bool(), Some(true), "ArrowDown is not taken on the list");

            // Others change the server while the list re-reads itself every 5 s.
            page.find_role("combobox", "Auto-refresh").await?.select_by_value("5").await?;
            create_conference(&app, "Late addition", None).await?;
            let mut renamed = Conference::new(WEEKLY);
            renamed.description_mut().display_text = Some("Weekly sync, moved to Thursday".into());
            let answer = app.request(Request::conf_update(&user, WEEKLY, renamed)).await?;
            anyhow::ensure!(answer.code == ResponseCode::Success, "renaming: {answer:?}");
            let answer = app.request(Request::conf_delete(&user, &closing)).await?;
            anyhow::ensure!(answer.code == ResponseCode::Success, "deleting: {answer:?}");

            page.wait_until("the marks of the next read", || async {
                let marks = (
                    row_text(&page, "Late addition").await?,
                    row_text(&page, "Weekly sync, moved to Thursday").await?,
                    row_text(&page, "Closing soon").await?,
                );
                Ok(match marks {
                    (Some(added), Some(changed), Some(removed))
                        if added.contains("new") && changed.contains("changed") && removed.contains("removed") =>
                    {
                        Some(())
                    }
                    _ => None,
                })
            })
            .await?;
            let now = weekly.text().await.map_err(|e| anyhow::anyhow!("the row's link was replaced: {e}"))?;
            assert_eq!(now, "Weekly sync, moved to Thursday", "the same link, renamed in place");
            // A removed conference is shown, but no longer a link.
            let links = page.all_role("link", Some("Closing soon")).await?;
            assert!(links.is_empty(), "the removed conference is not a link any more");

            // The marks outlast the next read, which finds nothing new: a moderator who looked away for a
            // few seconds still sees them. They say so above the table, until the moderator clears them.
            // (The support desk's change may be marked too, if its read was less than a minute ago.)
            page.wait_for_text("marked: 1 added, ").await?;
            page.wait_for_text(" changed, 1 removed").await?;
            let read_at = "return document.querySelector('.conf-list__summary').innerText.split('read at ')[1]";
            let first = page.client().execute(read_at, vec![]).await?;
            page.wait_until("the next auto-refresh", || async {
                Ok((page.client().execute(read_at, vec![]).await? != first).then_some(()))
            })
            .await?;
            let added = row_text(&page, "Late addition").await?.unwrap_or_default();
            assert!(added.contains("new"), "the mark of the read before stays: {added}");
            assert!(row_text(&page, "Closing soon").await?.is_some(), "the removed row stays, struck through");
            // Only the marked rows, on a list too long to find them in (QA: 24 marks among 524 rows).
            let rows = "return [...document.querySelectorAll('tbody tr')].map(r => r.innerText)";
            let all = page.strings(rows).await?.len();
            page.click("button", "Only the marked").await?;
            let marked = page.strings(rows).await?;
            assert!(marked.len() < all && marked.iter().any(|r| r.contains("Late addition")), "{marked:?}");
            let unmarked = marked.iter().filter(|r| !["new", "changed", "removed"].iter().any(|m| r.contains(m)));
            assert_eq!(unmarked.count(), 0, "only marked rows: {marked:?}");
            page.click("button", "Only the marked").await?;
            assert_eq!(page.strings(rows).await?.len(), all, "all of them again");
            page.click("button", "Clear marks").await?;
            page.wait_until("the marks cleared", || async {
                let added = row_text(&page, "Late addition").await?.unwrap_or_default();
                let gone = row_text(&page, "Closing soon").await?.is_none();
                Ok((gone && !added.contains("new")).then_some(()))
            })
            .await?;
            page.wait_for_text_gone("marked:").await?;
            crate::panel2::until_focus_on_main(&page).await?;
            Result::Ok(())
        })
        .await;
}

/// Links from elsewhere (an old bookmark, a chat message) may name a tab the page does not have or a
/// blueprint the server does not: the page opens what it can and says so, and offers nothing that would fail.
#[tokio::test]
async fn a_link_to_a_tab_or_blueprint_that_is_not_there_opens_what_it_can() {
    Journey::new("panel-stale-links")
        .run(|app| async move {
            let page = app.open().await?;
            connect(&page, &app).await?;
            page.wait_for_text("3 conferences").await?;

            // Followed within the panel (a reload would ask for the password again).
            page.follow(&format!("{}?tab=teleport", crate::panel::conference_path("xcon:all-hands@example.com")))
                .await?;
            page.find_role("heading", "Product launch all-hands").await?;
            page.wait_for_text("Launch day briefing for the whole company").await?;
            // What screen readers announce as the current page: the open tab (not the breadcrumb back to the
            // list, nor the other tabs); the rail's section as the one the page is in (QA: two "current page"s).
            let script = "return [...document.querySelectorAll('a[aria-current]')] \
                          .map(a => a.textContent + '=' + a.getAttribute('aria-current'))";
            let current = page.client().execute(script, vec![]).await?;
            assert_eq!(current, serde_json::json!(["Conferences=true", "Overview=page"]), "the links marked current");

            // A link to a conference deleted since: nothing to lock, delete or clone, and the way back.
            page.follow(&format!("/{}", crate::panel::conference_path("xcon:gone@example.com"))).await?;
            page.wait_for_text("There is no such conference on the server (404 Object Not Found).").await?;
            let badges = page
                .strings("return [...document.querySelectorAll('.conf-page__meta .badge')].map(b => b.innerText)")
                .await?;
            assert_eq!(badges, ["not found"], "a conference never seen is not called deleted");
            for action in ["Lock", "Clone", "Delete"] {
                anyhow::ensure!(page.all_role("button", Some(action)).await?.is_empty(), "{action} offered");
                anyhow::ensure!(page.all_role("link", Some(action)).await?.is_empty(), "{action} offered");
            }
            page.find_role("link", "Back to the list.").await?;

            page.follow("/blueprints/xcon:nothing@example.com").await?;
            page.wait_for_text("The blueprint could not be read: 404").await?;
            // Its notice does not speak of a deletion nor of lists: a blueprint link was wrong or old.
            page.wait_for_text("The server has no such blueprint: the link to it may be out of date").await?;
            page.wait_for_text("The blueprint could not be read.").await?;
            let create = page.find_role("button", "Create a conference from this blueprint").await?;
            assert_eq!(create.attr("disabled").await?.as_deref(), Some("true"), "nothing to create from");

            // A conference's URI read as a blueprint: its 404 says nothing of that conference, which stays
            // listed (QA: the panel announced it deleted and took it off the list).
            page.follow("/blueprints/xcon:all-hands@example.com").await?;
            page.wait_for_text("or the URI is not a blueprint's").await?;
            page.follow("/conferences").await?;
            page.wait_for_text("conferences \u{b7} read at").await?;
            page.find_role("link", "Product launch all-hands").await?;
            // Dropped, a conference read again is marked as added.
            let text = page.text().await?;
            assert!(!text.contains("1 added") && !text.contains("no longer exists"), "called deleted: {text}");
            Result::Ok(())
        })
        .await;
}

/// What a server may hold: a name without spaces, a subject written as a paragraph. The list stays on the
/// screen (no sideways scrolling) and each row stays a row; the conference's page has the whole subject.
#[tokio::test]
async fn a_long_name_or_subject_keeps_the_list_readable() {
    Journey::new("panel-list-long")
        .run(|app| async move {
            let user = app.moderator().xcon_user_id();
            let name = format!("Quarterly{}", "review".repeat(20));
            let subject = "Agenda: ".to_owned() + &"the budget, the roadmap and questions; ".repeat(40);
            let mut conf = Conference::new("xcon:AUTO_GENERATE_1@example.com");
            conf.description_mut().display_text = Some(name.clone());
            conf.description_mut().subject = Some(subject.clone());
            let answer = app.request(Request::conf_create(&user, conf)).await?;
            anyhow::ensure!(answer.code == ResponseCode::Success, "creating it: {answer:?}");

            let page = app.open().await?;
            connect(&page, &app).await?;
            page.wait_for_text(&name).await?;
            let script = "const wrap = document.querySelector('.table-wrap'); \
                          const cell = [...document.querySelectorAll('.conf-list__subject')] \
                            .find(c => c.textContent.startsWith('Agenda')); \
                          return [wrap.scrollWidth - wrap.clientWidth, \
                                  cell.clientHeight / parseFloat(getComputedStyle(cell).lineHeight), \
                                  cell.title.length];";
            let (overflow, lines, title): (f64, f64, usize) =
                serde_json::from_value(page.client().execute(script, vec![]).await?)?;
            assert!(overflow <= 1.0, "the list scrolls sideways by {overflow} px");
            assert!(lines <= 2.1, "the subject takes {lines} lines");
            assert_eq!(title, subject.len(), "the whole subject is in its title");

            // The conference's page shows all of it, and stays on the screen too.
            page.click("link", &name).await?;
            page.find_role("heading", &name).await?;
            page.wait_for_text(subject.trim_end()).await?;
            let script = "return document.documentElement.scrollWidth - document.documentElement.clientWidth";
            let overflow = page.client().execute(script, vec![]).await?.as_f64().unwrap_or(f64::NAN);
            assert!(overflow <= 1.0, "the conference's page scrolls sideways by {overflow} px");
            Result::Ok(())
        })
        .await;
}

/// The conference names the list shows, top to bottom.
async fn names(page: &Page) -> Result<Vec<String>> {
    let script = "return Array.from(document.querySelectorAll('tbody .conf-list__name')).map(e => e.textContent)";
    page.strings(script).await
}

async fn until_names(page: &Page, expected: &[&str]) -> Result<()> {
    page.wait_until(&format!("the list {expected:?}"), || async { Ok((names(page).await? == expected).then_some(())) })
        .await
}

/// The text of the list's row for the conference named `name`, if there is one.
async fn row_text(page: &Page, name: &str) -> Result<Option<String>> {
    let script = "return Array.from(document.querySelectorAll('tbody tr')) \
                  .filter(r => r.querySelector('.conf-list__name')?.textContent === arguments[0]) \
                  .map(r => r.innerText)[0] || null";
    let found = page.client().execute(script, vec![serde_json::json!(name)]).await?;
    Ok(found.as_str().map(str::to_owned))
}
