//! Journey: the "New conference" page's three ways (a blueprint, a clone of a conference, the form), each
//! ending on the new conference's page under the name the moderator gave it.

use ccmp::xcon::Conference;
use ccmp::Request;

use crate::panel::{connect, current_conference, leaving_asks};
use crate::support::{App, Journey, Page, Result};

#[tokio::test]
async fn a_moderator_creates_conferences_from_a_blueprint_a_clone_and_the_form() {
    Journey::new("panel-create")
        .run(|app| async move {
            let page = app.open().await?;
            connect(&page, &app).await?;

            // From the VideoRoom blueprint, named by the moderator rather than after the blueprint.
            open_new_conference(&page).await?;
            page.click("radio", "VideoRoom").await?;
            page.fill("Name of the new conference", "Town hall").await?;
            // A reload keeps the blueprint picked and the name typed (QA: F5 emptied both).
            crate::panel::reload_connected(&page).await?;
            let picked = page.find_role("radio", "VideoRoom").await?.prop("checked").await?;
            assert_eq!(picked.as_deref(), Some("true"), "the blueprint picked, after a reload");
            let named = page.find_role("textbox", "Name of the new conference").await?.prop("value").await?;
            assert_eq!(named.as_deref(), Some("Town hall"), "the name typed, after a reload");
            page.click("button", "Create conference").await?;
            page.wait_for_text("Create conference: 200 Success").await?;
            page.find_role("heading", "Town hall").await?;
            // One click, one notice (QA: its naming came as a second, "Name the new conference: 200 Success").
            let said = page.strings("return [document.querySelector('.notices').innerText]").await?.concat();
            assert!(said.contains("Town hall is made."), "{said}");
            assert!(!said.contains("Name the new conference"), "a second notice: {said}");
            let town_hall = current_conference(&page).await?;
            // Away from its page, the rename's notice names the conference by its new name (QA: by the
            // clone's placeholder name). Successes fade after 6 s: read at once.
            page.click("link", "Conferences").await?;
            let named =
                page.strings("return [...document.querySelectorAll('.notice__about')].map(p => p.innerText)").await?;
            assert!(named.iter().all(|n| !n.contains("cloned from")), "{named:?}");
            assert!(named.iter().any(|n| n == "Town hall"), "{named:?}");
            let doc = conference(&app, &town_hall).await?;
            assert_eq!(doc.display_text(), Some("Town hall"));
            let parent = doc.description.as_ref().and_then(|d| d.cloning_parent.clone());
            assert_eq!(parent.as_deref(), Some("xcon:VideoRoom@example.com"), "made from the blueprint");
            assert!(doc.media().iter().any(|m| m.media_type == "video"), "the blueprint's video came along");

            // The conference page's Clone opens the form on it, and reads no conference "new" on the way (QA: a
            // red 404 "no conference new" came with every Clone).
            page.click("link", "Town hall").await?;
            page.find_role("heading", "Town hall").await?;
            page.click("link", "Clone").await?;
            page.find_role("tab", "Clone a conference").await?;
            page.wait_for_text("Create conference").await?;
            let text = page.text().await?;
            assert!(!text.contains("Object Not Found"), "a 404 on the way:\n{text}");

            // A clone of it, under a name of its own.
            open_new_conference(&page).await?;
            // The ways to create are a tab list: the arrow keys go from one to the next (QA: only Tab did).
            page.focus("tab", "From a blueprint").await?;
            crate::panel2::press(&page, '\u{E014}').await?;
            crate::panel2::until_focus_on(&page, "Clone a conference").await?;
            let selected = page.find_role("tab", "Clone a conference").await?.attr("aria-selected").await?;
            assert_eq!(selected.as_deref(), Some("true"), "the tab the arrow moved to is shown");
            // A reload keeps the tab picked (QA: it went back to "From a blueprint").
            crate::panel::reload_connected(&page).await?;
            let selected = page.find_role("tab", "Clone a conference").await?.attr("aria-selected").await?;
            assert_eq!(selected.as_deref(), Some("true"), "the tab picked, after a reload");
            let choices = "return [...document.querySelectorAll('select[name=clone] option')].slice(1) \
                           .map(o => o.textContent.split(' (')[0])";
            assert_eq!(
                page.strings(choices).await?,
                ["Customer support desk", "Product launch all-hands", "Town hall", "Weekly team sync"],
                "the conferences to clone, by name"
            );
            // A typed source that is not an XCON-URI is not sent: Create says why.
            page.fill("or its XCON-URI", "not a uri").await?;
            page.wait_for_text("\u{201c}not a uri\u{201d} is not an XCON-URI").await?;
            page.find_role("combobox", "Conference to clone").await?.select_by_value(&town_hall).await?;
            page.fill("Name of the new conference", "Town hall overflow").await?;
            // Enter in the name creates, as in any form.
            crate::panel2::press_enter_on(&page, "textbox", "Name of the new conference").await?;
            page.find_role("heading", "Town hall overflow").await?;
            let overflow = current_conference(&page).await?;
            assert!(!overflow.eq_ignore_ascii_case(&town_hall), "a new conference, not the source");
            let copy = conference(&app, &overflow).await?;
            assert_eq!(copy.display_text(), Some("Town hall overflow"));
            let types = |c: &Conference| c.media().iter().map(|m| m.media_type.clone()).collect::<Vec<_>>();
            assert_eq!(types(&copy), types(&doc), "the clone has its source's media");
            assert_eq!(
                conference(&app, &town_hall).await?.display_text(),
                Some("Town hall"),
                "the source keeps its name"
            );

            // Described in the form: the server names the conference and its media (AUTO_GENERATE_n).
            open_new_conference(&page).await?;
            page.click("tab", "Describe it").await?;
            // A conference needs a name to be told apart in the list.
            page.wait_for_text("Give it a name.").await?;
            page.fill("Name (display-text)", "Board meeting").await?;
            page.wait_for_text_gone("Give it a name.").await?;
            page.fill("Subject", "Quarterly numbers").await?;
            // A look elsewhere keeps the form begun, and the page opens on it again.
            page.click("link", "Conferences").await?;
            assert!(leaving_asks(&page).await?, "a reload with the form begun asks first");
            page.click("link", "New conference").await?;
            let subject = page.find_role("textbox", "Subject").await?.prop("value").await?;
            assert_eq!(subject.as_deref(), Some("Quarterly numbers"), "the form came back as it was left");
            page.fill("Maximum users", "12").await?;
            page.set_checked("Video", false).await?;
            page.set_checked("Text", true).await?;
            // A board meeting where the chair gives the floor, one speaker at a time.
            page.find_role("combobox", "Who grants it").await?.select_by_value("moderator-controlled").await?;
            page.fill("How many may talk at once", "1").await?;
            // Times are typed on the moderator's clock (the test browser's is UTC+05:30) and kept in UTC.
            // Chromium names the zone Asia/Calcutta, ICU's name for it.
            page.wait_for_text("When (your time: Asia/").await?;
            // A start typed half (its date, not its time) has no value for the browser: the form says so
            // rather than create the conference without a schedule (QA).
            let conferences = || async {
                let listed = app.request(Request::confs(&app.moderator().xcon_user_id())).await?;
                Result::Ok(listed.body.uris().map_or(0, |u| u.entries.len()))
            };
            let before = conferences().await?;
            let start = page.client().find(fantoccini::Locator::Css("input[name=start]")).await?;
            start.send_keys("12242030").await?;
            page.click("button", "Create conference").await?;
            page.wait_for_text("The start time is incomplete: give both its date and its time, or clear it.").await?;
            assert_eq!(conferences().await?, before, "created without its schedule");
            // An end already past is pointed out (QA typed last March's dates and nothing said so).
            set_date_time(&page, "end", "2020-03-08T11:30").await?;
            page.wait_for_text("This end is in the past").await?;
            set_date_time(&page, "start", "2030-12-01T10:00").await?;
            set_date_time(&page, "end", "2030-12-01T11:30").await?;
            page.wait_for_text_gone("This end is in the past").await?;
            page.click("button", "Create conference").await?;
            page.find_role("heading", "Board meeting").await?;
            // The overview says when on the same clock, and how long until then.
            wait_for_time(&page, "Dec 1, 2030, 10:00 AM \u{2013} 11:30 AM (starts in ").await?;
            let board_uri = current_conference(&page).await?;
            assert!(!leaving_asks(&page).await?, "once created, the form holds nothing to lose");
            assert!(!board_uri.contains("AUTO_GENERATE"), "the server replaced the placeholder: {board_uri}");
            let board = conference(&app, &board_uri).await?;
            let d = board.description.clone().unwrap_or_default();
            assert_eq!(d.subject.as_deref(), Some("Quarterly numbers"));
            assert_eq!(d.maximum_user_count, Some(12));
            assert_eq!(types(&board), ["audio", "text"], "the media ticked, and only those");
            assert!(board.media().iter().all(|m| !m.label.contains("AUTO_GENERATE")), "{:?}", board.media());
            // Its floor covers its audio: the one placeholder, given one value in both places.
            let audio = board.media().iter().find(|m| m.media_type == "audio").map(|m| m.label.clone());
            let floor = board
                .floor_information
                .as_ref()
                .and_then(|f| f.conference_floor_policy.as_ref()?.floors.first().cloned());
            assert_eq!(floor.map(|f| f.media_labels), audio.map(|a| vec![a]), "{:?}", board.floor_information);
            page.wait_for_text("Audio: a moderator grants it, one at a time").await?;
            let start = d.conference_time.and_then(|t| t.entries.into_iter().next()?.mixing_start_offset);
            assert_eq!(start.map(|s| s.time).as_deref(), Some("2030-12-01T04:30:00Z"), "10:00 at UTC+05:30");
            // An event running over gets 15 minutes more in one click, from the scheduled end.
            page.click("button", "Extend 15 min").await?;
            page.wait_for_text("Extend conference by 15 min: 200").await?;
            wait_for_time(&page, "Dec 1, 2030, 10:00 AM \u{2013} 11:45 AM").await?;
            let time = conference(&app, &board_uri).await?.description.and_then(|d| d.conference_time);
            let end = time.and_then(|t| t.entries.into_iter().next()?.mixing_end_offset).map(|e| e.time);
            assert_eq!(end.as_deref(), Some("2030-12-01T06:15:00Z"), "11:30 + 15 min at UTC+05:30");
            // A co-moderator moves the end later, to the second: the next Extend counts from their end (QA: it
            // counted from the page's, and put back an earlier one), keeps the seconds, and sends the start back
            // as it was. (Times with an offset, which other servers may hold, are read too: `state::instant`.)
            let mut theirs = ccmp::xcon::Conference::new(board_uri.clone());
            theirs.description_mut().conference_time = Some(ccmp::xcon::ConferenceTime {
                entries: vec![ccmp::xcon::TimeEntry {
                    mixing_start_offset: Some(ccmp::xcon::MixingOffset::new("2030-12-01T04:30:00Z", "none")),
                    mixing_end_offset: Some(ccmp::xcon::MixingOffset::new("2030-12-01T07:00:30Z", "none")),
                    ..Default::default()
                }],
                ..Default::default()
            });
            let moved = app.request(Request::conf_update(&app.moderator().xcon_user_id(), &board_uri, theirs)).await?;
            assert_eq!(moved.code, ccmp::ResponseCode::Success);
            page.click("button", "Extend 15 min").await?;
            wait_for_time(&page, "Dec 1, 2030, 10:00 AM \u{2013} 12:45 PM").await?;
            let time = conference(&app, &board_uri).await?.description.and_then(|d| d.conference_time);
            let entry = time.and_then(|t| t.entries.into_iter().next()).unwrap_or_default();
            assert_eq!(entry.mixing_end_offset.map(|e| e.time).as_deref(), Some("2030-12-01T07:15:30Z"));
            assert_eq!(entry.mixing_start_offset.map(|e| e.time).as_deref(), Some("2030-12-01T04:30:00Z"));
            // The new conference took the form's place in the history: Back leads to the list the moderator
            // came from, not to an emptied form that invites creating it twice.
            page.client().back().await?;
            page.wait_until("the list", || async { Ok(page.url().await?.ends_with("/conferences").then_some(())) })
                .await?;
            page.client().forward().await?;
            page.find_role("heading", "Board meeting").await?;
            // Edited, the form shows the moderator's time again.
            page.click("link", "Edit").await?;
            let shown = page.client().find(fantoccini::Locator::Css("input[name=start]")).await?.prop("value").await?;
            assert_eq!(shown.as_deref(), Some("2030-12-01T10:00"));

            // The list has all three, and says when the board meeting is, on the moderator's clock.
            page.click("link", "Conferences").await?;
            for name in ["Town hall", "Town hall overflow", "Board meeting"] {
                page.find_role("link", name).await?;
            }
            wait_for_time(&page, "next: Dec 1, 2030, 10:00 AM").await?;
            // The console finds its creation by the URI the server gave it (QA: a create from the form had
            // no target to find it by).
            page.click("link", "Console").await?;
            page.fill("Filter requests", &board_uri).await?;
            page.wait_until("the creation among the exchanges about it", || async {
                let rows =
                    page.strings("return [...document.querySelectorAll('tbody tr')].map(r => r.innerText)").await?;
                Ok(rows.iter().any(|r| r.contains("Create conference") && r.contains("create")).then_some(()))
            })
            .await?;
            Result::Ok(())
        })
        .await;
}

/// Waits for the page to show `text`, a time as Chromium writes it in English (with a narrow no-break space
/// before AM and PM, read here as a space).
async fn wait_for_time(page: &Page, text: &str) -> Result<()> {
    page.wait_until(&format!("the text {text:?}"), || async {
        Ok(page.text().await?.replace('\u{202f}', " ").contains(text).then_some(()))
    })
    .await
}

/// Sets a date-and-time field as a moderator's browser would (chromedriver cannot type into one).
async fn set_date_time(page: &Page, name: &str, value: &str) -> Result<()> {
    let script = "arguments[0].value = arguments[1]; \
                  arguments[0].dispatchEvent(new Event('input', { bubbles: true }))";
    let field = page.client().find(fantoccini::Locator::Css(&format!("input[name={name}]"))).await?;
    page.client().execute(script, vec![serde_json::to_value(&field)?, serde_json::json!(value)]).await?;
    Ok(())
}

async fn open_new_conference(page: &Page) -> Result<()> {
    page.click("link", "Conferences").await?;
    page.click("link", "New conference").await?;
    page.find_role("heading", "New conference").await?;
    Ok(())
}

/// The iCalendar text of the conference's first scheduled time, as the server holds it.
async fn calendar(app: &App, uri: &str) -> Result<String> {
    let time = conference(app, uri).await?.description.and_then(|d| d.conference_time);
    Ok(time.and_then(|t| t.entries.into_iter().next()).unwrap_or_default().base)
}

async fn conference(app: &App, uri: &str) -> Result<Conference> {
    let user = app.moderator().xcon_user_id();
    let answer = app.request(Request::conf_retrieve(&user, uri)).await?;
    answer.body.conference().cloned().ok_or_else(|| anyhow::anyhow!("no conference {uri}: {answer:?}"))
}

/// A weekly meeting, written by another client as an iCalendar rule: the overview says how it repeats and
/// not that it ended weeks ago, Extend says why it cannot lengthen one time alone, and the edit form warns
/// before an end that would make each time last weeks (QA: following the header's advice did).
#[tokio::test]
async fn a_conference_that_repeats_is_said_to_and_its_times_are_the_first_ones() {
    Journey::new("panel-repeats")
        .run(|app| async move {
            const WEEKLY: &str = "xcon:weekly-sync@example.com";
            let mut weekly = Conference::new(WEEKLY);
            weekly.description_mut().conference_time = Some(ccmp::xcon::ConferenceTime {
                entries: vec![ccmp::xcon::TimeEntry {
                    base: "BEGIN:VEVENT\r\nDTSTART:20261102T100000Z\r\nDTEND:20261102T110000Z\r\n\
                           RRULE:FREQ=WEEKLY;BYDAY=MO\r\nEND:VEVENT\r\n"
                        .into(),
                    ..Default::default()
                }],
                ..Default::default()
            });
            let set = app.request(Request::conf_update(&app.moderator().xcon_user_id(), WEEKLY, weekly)).await?;
            assert_eq!(set.code, ccmp::ResponseCode::Success, "{set:?}");
            // Another, over after two Mondays (the first time is one of the two).
            const TWICE: &str = "xcon:all-hands@example.com";
            let mut twice = Conference::new(TWICE);
            twice.description_mut().conference_time = Some(ccmp::xcon::ConferenceTime {
                entries: vec![ccmp::xcon::TimeEntry {
                    base: "BEGIN:VEVENT\r\nDTSTART:20261102T100000Z\r\nDTEND:20261102T110000Z\r\n\
                           RRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n"
                        .into(),
                    ..Default::default()
                }],
                ..Default::default()
            });
            let set = app.request(Request::conf_update(&app.moderator().xcon_user_id(), TWICE, twice)).await?;
            assert_eq!(set.code, ccmp::ResponseCode::Success, "{set:?}");
            let page = app.open_at(&crate::panel::conference_path(WEEKLY)).await?;
            connect(&page, &app).await?;
            page.wait_for_text("Repeats").await?;
            page.wait_for_text("every week on Monday").await?;
            wait_for_time(&page, "Nov 2, 2026, 3:30 PM \u{2013} 4:30 PM").await?;
            let text = page.text().await?;
            assert!(text.contains("First time") && !text.contains("ended"), "{text}");
            // And when the next time is (or that one is under way): the next Monday's 10:00 UTC, on the
            // browser's clock, worked out here by the browser's own date arithmetic.
            let expected = "const now = Date.now(); const d = new Date(now); d.setUTCHours(10, 0, 0, 0); \
                            while (d.getUTCDay() !== 1 || d.getTime() + 3600000 <= now) d.setTime(d.getTime() + 86400000); \
                            const end = new Date(d.getTime() + 3600000); \
                            return [d.getTime() <= now ? 'This time' : 'Next time', \
                                    d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) + ' \u{2013} ' + \
                                    end.toLocaleTimeString(undefined, { timeStyle: 'short' })]";
            let expected = page.strings(expected).await?.join("\n").replace('\u{202f}', " ");
            wait_for_time(&page, &expected).await?;
            page.wait_for_text("the panel cannot extend one time alone").await?;
            // The edit form: the times are the first time's; the first end being past is no warning, and an
            // end four weeks on is one.
            page.click("link", "Edit").await?;
            page.wait_for_text("It repeats (every week on Monday): the start and end are the first time's").await?;
            assert!(!page.text().await?.contains("This end is in the past"), "no warning of the first end");
            set_date_time(&page, "end", "2026-11-30T16:30").await?;
            page.wait_for_text("Each time would last 28 days, longer than the 7 days between two of them").await?;
            set_date_time(&page, "end", "2026-11-02T17:00").await?;
            page.wait_for_text_gone("Each time would last").await?;
            // Another client's rule is offered as written; the moderator makes it every other week, 6 times
            // (a count of 0 is no count), and the calendar the server holds says so, its first time kept.
            let repeats = page.find_role("combobox", "Repeats").await?;
            assert_eq!(repeats.prop("value").await?.as_deref(), Some("FREQ=WEEKLY;BYDAY=MO"), "the rule as read");
            page.wait_for_text("As written: every week on Monday").await?;
            let times = page.find_role("textbox", "Times (empty: no end)").await?.prop("value").await?;
            assert_eq!(times.as_deref(), Some(""), "a rule without a count has no end");
            repeats.select_by_value("FREQ=WEEKLY;INTERVAL=2").await?;
            // The rule as read stays offered, for a pick made by mistake (QA: it was lost).
            let offered = page.strings("return [...document.querySelectorAll('select[name=repeats] option')].map(o => o.value)").await?;
            assert!(offered.iter().any(|v| v == "FREQ=WEEKLY;BYDAY=MO"), "{offered:?}");
            page.fill("Times (empty: no end)", "0").await?;
            page.wait_for_text("How many times: a whole number above 0, or empty for no end").await?;
            page.fill("Times (empty: no end)", "6").await?;
            page.wait_for_text_gone("How many times").await?;
            page.click("button", "Save changes").await?;
            page.wait_for_text("every 2 weeks, 6 times").await?;
            // The form says so before the save's answer comes: the server's calendar is waited for.
            let base = page
                .wait_until("the rule saved", || async {
                    let base = calendar(&app, WEEKLY).await?;
                    Ok(base.contains("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6").then_some(base))
                })
                .await?;
            assert!(base.contains("DTSTART:20261102T100000Z"), "{base}");
            // And back to a single time: the rule goes.
            page.click("link", "Edit").await?;
            page.find_role("combobox", "Repeats").await?.select_by_value("").await?;
            page.click("button", "Save changes").await?;
            page.wait_until("the rule taken off", || async {
                Ok((!calendar(&app, WEEKLY).await?.contains("RRULE")).then_some(()))
            })
            .await?;

            // A new conference set to repeat every weekday from the start.
            open_new_conference(&page).await?;
            page.click("tab", "Describe it").await?;
            page.fill("Name (display-text)", "Daily stand-up").await?;
            // Begun on a Saturday, the series' first time would be that Saturday: the form says so (QA).
            set_date_time(&page, "start", "2030-11-30T09:00").await?;
            page.find_role("combobox", "Repeats").await?.select_by_value("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR").await?;
            page.wait_for_text("The first time falls on a Saturday, a day the repetition leaves out").await?;
            set_date_time(&page, "start", "2030-12-02T09:00").await?;
            set_date_time(&page, "end", "2030-12-02T09:15").await?;
            page.wait_for_text_gone("a day the repetition leaves out").await?;
            page.click("button", "Create conference").await?;
            page.find_role("heading", "Daily stand-up").await?;
            page.wait_for_text("every week on Monday, Tuesday, Wednesday, Thursday, Friday").await?;
            // On the moderator's clock, which the times to come keep through summer time (QA: written in UTC, a
            // weekly 9:00 in Berlin became 8:00 in winter).
            let base = calendar(&app, &current_conference(&page).await?).await?;
            assert!(base.contains("DTSTART;TZID=Asia/") && base.contains(":20301202T090000\r\n"), "{base}");
            wait_for_time(&page, "Dec 2, 2030, 9:00 AM").await?;

            // A count used up: over, and when its last time was.
            page.click("link", "Conferences").await?;
            page.click("link", "Product launch all-hands").await?;
            page.wait_for_text("every week, 2 times (over)").await?;
            wait_for_time(&page, "Last time\nNov 9, 2026, 3:30 PM \u{2013} 4:30 PM").await?;
            Result::Ok(())
        })
        .await;
}
