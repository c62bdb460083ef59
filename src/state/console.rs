//! The request console's data: one entry per exchange of the session, and the commands that replay a
//! request from a shell.

use ccmp::message::REDACTED;
use ccmp::xcon::Operation;
use ccmp::MessageKind;

/// How an exchange ended.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    Pending,
    /// The CCMP response code and its reason string.
    Code(u16, String),
    /// A transport failure, as its title.
    Transport(String),
}

impl Outcome {
    /// As the log shows it: `404 Object Not Found`, `Server unreachable`, `in flight`.
    pub fn text(&self) -> String {
        match self {
            Outcome::Pending => "in flight".into(),
            Outcome::Code(code, reason) => format!("{code} {reason}"),
            Outcome::Transport(t) => t.clone(),
        }
    }

    /// Whether the exchange failed: any code but 200, or no CCMP answer at all.
    pub fn failed(&self) -> bool {
        match self {
            Outcome::Pending => false,
            Outcome::Code(code, _) => *code != 200,
            Outcome::Transport(_) => true,
        }
    }
}

/// One request and its response.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub id: u32,
    /// What the panel was doing, in the moderator's words (`Rename conference`, `Watch the waiting room`):
    /// what the notice about it said.
    pub action: String,
    /// When it was sent (ISO 8601, UTC; shown on the moderator's clock).
    pub at: String,
    pub kind: MessageKind,
    pub operation: Option<Operation>,
    pub target: Option<String>,
    /// What the moderator calls the target (a conference's name), when the panel knew it: the log's filter
    /// finds an exchange by it (QA: "Huge" found none of the reads of the conference so named).
    pub target_name: Option<String>,
    /// The CCMP endpoint it went to, as the connection names it: a replay goes there too, whichever server
    /// the panel is connected to when the moderator copies it.
    pub server: String,
    /// Milliseconds since the page loaded.
    pub started_ms: f64,
    pub duration_ms: Option<f64>,
    pub outcome: Outcome,
    /// The request as sent, passwords replaced by [`REDACTED`].
    pub request_xml: String,
    /// The response body as received (it may not be XML at all).
    pub response_xml: Option<String>,
    /// The size of a response body no longer kept (see [`drop_old_bodies`]).
    pub response_dropped: Option<usize>,
}

impl Exchange {
    /// A copy without the XML, for the log's rows (a read of a 10,000-user conference is 7 MB; a copy made
    /// with `..self.clone()` would copy it first).
    pub fn without_xml(&self) -> Exchange {
        Exchange {
            id: self.id,
            action: self.action.clone(),
            at: self.at.clone(),
            kind: self.kind,
            operation: self.operation,
            target: self.target.clone(),
            target_name: self.target_name.clone(),
            server: self.server.clone(),
            started_ms: self.started_ms,
            duration_ms: self.duration_ms,
            outcome: self.outcome.clone(),
            request_xml: String::new(),
            response_xml: None,
            response_dropped: None,
        }
    }

    /// A change to the server's state (create, update, delete), as opposed to a read.
    pub fn is_change(&self) -> bool {
        matches!(self.operation, Some(Operation::Create | Operation::Update | Operation::Delete))
    }

    /// Whether the log lists it in `subset` and the text filter (`text`, any case, found in the action,
    /// the request's name, its operation, its target or its result as the log shows them).
    pub fn listed(&self, subset: Subset, text: &str) -> bool {
        let kept = match subset {
            Subset::All => true,
            Subset::Failed => self.outcome.failed(),
            Subset::Changes => self.is_change(),
        };
        let text = super::fold::folded(text.trim());
        if !kept || text.is_empty() {
            return kept;
        }
        let result = self.outcome.text();
        [
            self.action.as_str(),
            self.kind.request_name(),
            self.operation.map_or("", Operation::as_str),
            self.target.as_deref().unwrap_or_default(),
            self.target_name.as_deref().unwrap_or_default(),
            result.as_str(),
        ]
        .iter()
        .any(|field| super::fold::folded(field).contains(&text))
    }
}

/// Which exchanges the console's log lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Subset {
    #[default]
    All,
    /// Those that did not end in 200: what a moderator comes to the console to understand.
    Failed,
    /// Creations, updates and deletions: what the panel changed on the server.
    Changes,
}

impl Subset {
    pub const ALL: [Subset; 3] = [Subset::All, Subset::Failed, Subset::Changes];

    /// The value of its option in the page's select.
    pub fn as_str(self) -> &'static str {
        match self {
            Subset::All => "all",
            Subset::Failed => "failed",
            Subset::Changes => "changes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Subset::All => "every request",
            Subset::Failed => "failed requests",
            Subset::Changes => "changes",
        }
    }

    pub fn parse(value: &str) -> Subset {
        Subset::ALL.into_iter().find(|s| s.as_str() == value).unwrap_or_default()
    }
}

/// What an exchange is to the log's retention: the three go in this order, each keeping a share of its
/// newest (see [`trim`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A read that did not fail (or one in flight): the watch's, an auto-refresh's, a bulk run's.
    Read,
    /// A create, update or delete that did not fail (or one in flight).
    Change,
    /// Any exchange that did not end in 200: what a moderator comes to the console for.
    Failure,
}

impl Class {
    pub fn of(x: &Exchange) -> Class {
        if x.outcome.failed() {
            Class::Failure
        } else if x.is_change() {
            Class::Change
        } else {
            Class::Read
        }
    }

    /// How many of the newest of the class `trim` keeps in a log of `keep`, whatever else the log holds:
    /// a tenth of it for the reads and for the changes, so that the newest of them are still there when
    /// failures and a bulk run fill the log; the rest for the failures.
    pub fn floor(self, keep: usize) -> usize {
        let share = keep / 10;
        match self {
            Class::Read | Class::Change => share,
            Class::Failure => keep.saturating_sub(2 * share),
        }
    }
}

/// Keeps the log to `keep` exchanges, dropping the oldest reads first, then the oldest changes, then the
/// oldest failures, each only down to the newest [`Class::floor`] of its class. So a failure is still there
/// after an hour of an event's background reads (the watch, an auto-refreshing list of 200 conferences: 40
/// requests a second) and after a bulk run of hundreds of changes; and the newest reads and changes are
/// still there when the log is full of the others (QA: a bulk Unmute of 514 users pushed out the failure
/// before it, and once 500 changes filled the log, every new read was dropped as it was sent). An exchange
/// in flight is not dropped: its failure, when it comes, is what its notice links to. The log holds more than
/// `keep` only by as many as are in flight, which the transport's timeout ends.
pub fn trim(entries: &mut Vec<Exchange>, keep: usize) {
    let mut excess = entries.len().saturating_sub(keep);
    if excess == 0 {
        return;
    }
    // One pass per class over the log, then one to drop: the log is trimmed at every request.
    let mut goes = vec![false; entries.len()];
    for class in [Class::Read, Class::Change, Class::Failure] {
        excess -= mark_oldest(entries, class, class.floor(keep), excess, &mut goes);
    }
    let mut marks = goes.into_iter();
    entries.retain(|_| !marks.next().unwrap_or(false));
}

/// Marks in `goes` at most `most` of the exchanges of `class` older than the newest `floor` of them, oldest
/// first, and none in flight; returns how many it marked.
fn mark_oldest(entries: &[Exchange], class: Class, floor: usize, most: usize, goes: &mut [bool]) -> usize {
    let of_class = entries.iter().filter(|x| Class::of(x) == class).count();
    let mut older = of_class.saturating_sub(floor);
    let mut marked = 0;
    for (x, goes) in entries.iter().zip(goes.iter_mut()) {
        if older == 0 || marked == most {
            break;
        }
        if Class::of(x) != class {
            continue;
        }
        older -= 1;
        if x.outcome != Outcome::Pending {
            *goes = true;
            marked += 1;
        }
    }
    marked
}

/// The most response text the console keeps in memory: a read of a 10,000-user conference is 7 MB, and an
/// auto-refreshing page would otherwise grow the log without bound.
pub const BODY_BUDGET: usize = 16 * 1024 * 1024;

/// Keeps the response bodies, newest first, that fit in `budget` bytes: the failures' before the others' (a
/// failure's answer is what a moderator comes to read, and small; two reads of a 10,000-user conference pushed
/// it out: QA). The exchanges themselves stay, with the size of a body dropped, and what was dropped stays
/// dropped. The newest body is always kept.
pub fn drop_old_bodies(entries: &mut [Exchange], budget: usize) {
    let Some((newest, older)) = entries.split_last_mut() else { return };
    let mut left = budget.saturating_sub(newest.response_xml.as_ref().map_or(0, String::len));
    for failures in [true, false] {
        for x in older.iter_mut().rev().filter(|x| x.outcome.failed() == failures) {
            let Some(body) = &x.response_xml else { continue };
            if body.len() <= left {
                left -= body.len();
            } else {
                x.response_dropped = Some(body.len());
                x.response_xml = None;
            }
        }
    }
}

/// Quotes for a POSIX shell: `'...'` with embedded quotes closed and escaped. A control character other
/// than a line break goes between the quotes as `"$(printf '\011')"` (a tab): typed or pasted into a
/// terminal without bracketed paste, a literal tab is taken for completion and a carriage return for Enter
/// (QA: the replay of a description with a tab sent it without). bash's `$'\t'` would be shorter; dash, the
/// `sh` of Debian, has no such quotes.
pub fn shell_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str(r"'\''"),
            '\n' => out.push('\n'),
            c if c.is_control() => {
                out.push_str("'\"$(printf '");
                let mut utf8 = [0; 4];
                for byte in c.encode_utf8(&mut utf8).bytes() {
                    out.push_str(&format!("\\{byte:03o}"));
                }
                out.push_str("')\"'");
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The shell variables a replayed command takes the passwords from: the console never shows them. A
/// conference's new PIN, inside its description, has its own: a Save that changes the PIN carries the old
/// one beside it, for the server to let it in (QA: one variable for both set the PIN to the old one).
pub const PASSWORD_VARIABLE: &str = "CCMP_PASSWORD";
pub const CONFERENCE_PASSWORD_VARIABLE: &str = "CCMP_CONFERENCE_PASSWORD";
pub const NEW_CONFERENCE_PASSWORD_VARIABLE: &str = "CCMP_NEW_CONFERENCE_PASSWORD";

/// The request as a curl command. The body goes through a pipe, not the command line, which the system
/// limits (QA: "Argument list too long" past about 128 KB); `-L` follows a redirect as the browser did.
pub fn curl_command(url: &str, xml: &str) -> String {
    let (body, guard) = quote_request(xml);
    format!(
        "{guard}printf '%s' {body} | curl -sS -L -X POST {} -H 'Content-Type: application/ccmp+xml; charset=utf-8' -H 'Accept: application/ccmp+xml' --data-binary @-",
        shell_quote(url),
    )
}

/// The request as a `ccmp send` command (the project's CLI reads the request from standard input).
pub fn ccmp_send_command(url: &str, xml: &str) -> String {
    let (body, guard) = quote_request(xml);
    format!("{guard}printf '%s' {body} | ccmp send {} -", shell_quote(url))
}

/// The redacted request quoted for the shell, each hidden password (an element whose name ends in
/// `password`, holding only the redaction mark) replaced by its shell variable, so that the command
/// works once the variables are set, and the page never held the passwords. With it, what goes before
/// the command: a check of each variable it takes, which stops it with a message when one is not set
/// (rather than send an empty password).
fn quote_request(xml: &str) -> (String, String) {
    let hidden = format!(">{REDACTED}</");
    let mut quoted = String::with_capacity(xml.len() + 16);
    let mut literal = String::new();
    let mut taken: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find(&hidden) {
        let (before, after) = rest.split_at(at);
        rest = &after[hidden.len()..];
        let tag = before.rsplit('<').next().unwrap_or_default();
        let name = tag.split([' ', '\t', '\n']).next().unwrap_or_default();
        // CCMP's own parameter is unqualified; a conference's, in its description, has a prefix.
        let variable = match name.split_once(':').map_or(("", name), |(prefix, local)| (prefix, local)) {
            (_, "password") => PASSWORD_VARIABLE,
            ("", "conference-password") => CONFERENCE_PASSWORD_VARIABLE,
            (_, "conference-password") => NEW_CONFERENCE_PASSWORD_VARIABLE,
            _ => {
                literal.push_str(before);
                literal.push_str(&hidden);
                continue;
            }
        };
        if !taken.contains(&variable) {
            taken.push(variable);
        }
        // Adjacent quoted words make one shell word: '...<password>'"$(…CCMP_PASSWORD…)"'</password>...'.
        literal.push_str(before);
        literal.push('>');
        quoted.push_str(&shell_quote(&literal));
        quoted.push_str(&xml_escaped(variable));
        literal = String::from("</");
    }
    literal.push_str(rest);
    quoted.push_str(&shell_quote(&literal));
    let guard = taken.iter().map(|v| format!(": \"${{{v}:?set {v} first}}\" && ")).collect();
    (quoted, guard)
}

/// The shell variable `variable` as XML text: a password may hold `&` or `<`, which would break the
/// document it is pasted into.
fn xml_escaped(variable: &str) -> String {
    format!(r#""$(printf '%s' "${{{variable}}}" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')""#)
}

/// A relative URL (`/ccmp`) made absolute against `origin` (`http://127.0.0.1:8080`), for commands that
/// run outside the browser.
pub fn absolute_url(url: &str, origin: &str) -> String {
    if url.contains("://") {
        url.to_owned()
    } else if let Some(rest) = url.strip_prefix('/') {
        format!("{}/{rest}", origin.trim_end_matches('/'))
    } else {
        format!("{}/{url}", origin.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(id: u32, body: Option<&str>) -> Exchange {
        Exchange {
            id,
            action: String::new(),
            at: String::new(),
            kind: MessageKind::Confs,
            operation: None,
            target: None,
            target_name: None,
            server: String::new(),
            started_ms: 0.0,
            duration_ms: None,
            outcome: Outcome::Pending,
            request_xml: String::new(),
            response_xml: body.map(str::to_owned),
            response_dropped: None,
        }
    }

    #[test]
    fn the_oldest_bodies_go_first_and_the_newest_stays() {
        let mut log = vec![
            exchange(1, Some("aaaa")),
            exchange(2, None),
            exchange(3, Some("bbbb")),
            exchange(4, Some("cccccccccc")),
        ];
        drop_old_bodies(&mut log, 8);
        let kept: Vec<_> = log.iter().map(|x| (x.response_xml.as_deref(), x.response_dropped)).collect();
        assert_eq!(kept, vec![(None, Some(4)), (None, None), (None, Some(4)), (Some("cccccccccc"), None)]);
        drop_old_bodies(&mut log[..3], 100);
        assert_eq!(log[0].response_dropped, Some(4), "what was dropped stays dropped");
    }

    fn answered(id: u32, action: &str, operation: Option<Operation>, outcome: Outcome) -> Exchange {
        Exchange { action: action.into(), operation, outcome, kind: MessageKind::Conf, ..exchange(id, None) }
    }

    fn ok() -> Outcome {
        Outcome::Code(200, "Success".into())
    }

    #[test]
    fn failures_are_what_did_not_end_in_200() {
        assert!(!Outcome::Pending.failed());
        assert!(!ok().failed());
        assert!(Outcome::Code(404, "Object Not Found".into()).failed());
        assert!(Outcome::Transport("Server unreachable".into()).failed());
    }

    #[test]
    fn the_log_lists_by_kind_and_by_text_in_any_field() {
        let mut read = answered(1, "Read conference", Some(Operation::Retrieve), ok());
        read.target = Some("xcon:town-hall@example.com".into());
        read.target_name = Some("Huge town hall".into());
        let rename = answered(2, "Rename conference", Some(Operation::Update), Outcome::Code(423, "Locked".into()));
        let gone =
            answered(3, "Watch the waiting room", Some(Operation::Retrieve), Outcome::Transport("Timeout".into()));
        let log = [read, rename, gone];
        let listed = |subset, text| log.iter().filter(|x| x.listed(subset, text)).map(|x| x.id).collect::<Vec<_>>();
        assert_eq!(listed(Subset::All, ""), [1, 2, 3]);
        assert_eq!(listed(Subset::Failed, ""), [2, 3]);
        assert_eq!(listed(Subset::Changes, ""), [2]);
        // The action, the target, the request's name, the operation and the result, in any case.
        assert_eq!(listed(Subset::All, "  WATCH "), [3]);
        assert_eq!(listed(Subset::All, "town-hall"), [1]);
        assert_eq!(listed(Subset::All, "huge"), [1], "by the name of what it is about");
        assert_eq!(listed(Subset::All, "confRequest"), [1, 2, 3]);
        assert_eq!(listed(Subset::All, "update"), [2]);
        assert_eq!(listed(Subset::All, "423"), [2]);
        assert_eq!(listed(Subset::All, "timeout"), [3]);
        assert_eq!(listed(Subset::Changes, "timeout"), Vec::<u32>::new());
        assert_eq!(Subset::parse(Subset::Failed.as_str()), Subset::Failed);
        assert_eq!(Subset::parse("nonsense"), Subset::All);
    }

    #[test]
    fn the_logs_copy_is_all_but_the_xml() {
        let mut x = answered(7, "Read conference", Some(Operation::Retrieve), ok());
        x.target = Some("xcon:town-hall@example.com".into());
        x.request_xml = "<request/>".into();
        x.response_xml = Some("<response/>".into());
        let expected = Exchange { request_xml: String::new(), response_xml: None, ..x.clone() };
        assert_eq!(x.without_xml(), expected);
    }

    #[test]
    fn trimming_keeps_failures_and_changes_longest() {
        let failed = || Outcome::Code(500, "Server Internal Error".into());
        let mut log: Vec<_> = [failed(), ok(), failed(), ok(), Outcome::Pending, ok()]
            .into_iter()
            .enumerate()
            .map(|(i, o)| answered(i as u32 + 1, "", None, o))
            .collect();
        // The first success is a change the moderator made.
        log[1].operation = Some(Operation::Update);
        log[1].kind = MessageKind::Conf;
        let ids = |log: &[Exchange]| log.iter().map(|x| x.id).collect::<Vec<_>>();
        trim(&mut log, 5);
        assert_eq!(ids(&log), [1, 2, 3, 5, 6], "the oldest read went first");
        trim(&mut log, 3);
        assert_eq!(ids(&log), [1, 3, 5], "then the other reads, then the change");
        trim(&mut log, 1);
        assert_eq!(ids(&log), [3, 5], "then the oldest failure; the read in flight may still fail, and stays");
    }

    /// The console's own bound, `session::console::KEEP`.
    const KEEP: usize = 500;

    /// Logs `x` as the console does: trimmed as it is sent, then answered with `outcome`.
    fn log_one(log: &mut Vec<Exchange>, x: Exchange, outcome: Outcome) {
        log.push(Exchange { outcome: Outcome::Pending, ..x });
        trim(log, KEEP);
        if let Some(sent) = log.last_mut() {
            sent.outcome = outcome;
        }
    }

    fn log_many(log: &mut Vec<Exchange>, ids: std::ops::RangeInclusive<u32>, op: Operation, outcome: Outcome) {
        for id in ids {
            log_one(log, answered(id, "", Some(op), ok()), outcome.clone());
        }
    }

    fn of_class(log: &[Exchange], class: Class) -> Vec<u32> {
        log.iter().filter(|x| Class::of(x) == class).map(|x| x.id).collect()
    }

    fn unmute_refused() -> Outcome {
        Outcome::Code(420, "User Not Found".into())
    }

    #[test]
    fn a_bulk_run_does_not_push_out_a_failure_and_the_newest_reads_still_come_in() {
        // (QA) An Unmute refused, a bulk Unmute of 600 users, then the list's reads.
        let mut log = Vec::new();
        log_one(&mut log, answered(1, "Unmute", Some(Operation::Update), ok()), unmute_refused());
        log_many(&mut log, 2..=601, Operation::Update, ok());
        log_many(&mut log, 602..=901, Operation::Retrieve, ok());
        assert_eq!(log.len(), KEEP);
        assert_eq!(of_class(&log, Class::Failure), [1]);
        assert_eq!(of_class(&log, Class::Read), (852..=901).collect::<Vec<_>>(), "the newest reads");
        assert_eq!(of_class(&log, Class::Change), (153..=601).collect::<Vec<_>>(), "the newest changes, the rest");

        // The reads first, then the bulk run: its changes take the reads' place, down to the newest of them.
        let mut log = Vec::new();
        log_one(&mut log, answered(1, "Unmute", Some(Operation::Update), ok()), unmute_refused());
        log_many(&mut log, 2..=301, Operation::Retrieve, ok());
        log_many(&mut log, 302..=901, Operation::Update, ok());
        assert_eq!(log.len(), KEEP);
        assert_eq!(of_class(&log, Class::Failure), [1]);
        assert_eq!(of_class(&log, Class::Read), (252..=301).collect::<Vec<_>>());
        assert_eq!(of_class(&log, Class::Change), (453..=901).collect::<Vec<_>>());
    }

    #[test]
    fn failures_keep_all_but_the_newest_reads_and_changes_share() {
        let mut log = Vec::new();
        let refused = Outcome::Code(424, "Authentication Required".into());
        log_many(&mut log, 1..=600, Operation::Update, refused);
        assert_eq!(
            of_class(&log, Class::Failure),
            (101..=600).collect::<Vec<_>>(),
            "nothing but failures: the oldest go"
        );
        log_many(&mut log, 601..=700, Operation::Retrieve, ok());
        log_many(&mut log, 701..=800, Operation::Update, ok());
        assert_eq!(log.len(), KEEP);
        assert_eq!(of_class(&log, Class::Failure), (201..=600).collect::<Vec<_>>());
        assert_eq!(of_class(&log, Class::Read), (651..=700).collect::<Vec<_>>());
        assert_eq!(of_class(&log, Class::Change), (751..=800).collect::<Vec<_>>());
    }

    #[test]
    fn failures_keep_their_answers_longest() {
        let mut log = vec![
            Exchange { outcome: unmute_refused(), ..exchange(1, Some("<420/>")) },
            Exchange { outcome: ok(), ..exchange(2, Some("0123456789")) },
            Exchange { outcome: ok(), ..exchange(3, Some("0123456789")) },
        ];
        drop_old_bodies(&mut log, 20);
        let kept: Vec<_> = log.iter().map(|x| (x.response_xml.as_deref(), x.response_dropped)).collect();
        assert_eq!(kept, vec![(Some("<420/>"), None), (None, Some(10)), (Some("0123456789"), None)]);
    }

    #[test]
    fn commands_quote_for_the_shell() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(
            shell_quote("a\tb\r\nc\u{85}"),
            "'a'\"$(printf '\\011')\"'b'\"$(printf '\\015')\"'\nc'\"$(printf '\\302\\205')\"''"
        );
        let cmd = curl_command("http://h/ccmp", "<a b='c'/>");
        assert!(cmd.starts_with(r"printf '%s' '<a b='\''c'\''/>' | curl -sS -L -X POST 'http://h/ccmp'"), "{cmd}");
        assert!(cmd.ends_with("--data-binary @-"), "{cmd}");
        assert_eq!(ccmp_send_command("http://h/ccmp", "<x/>"), "printf '%s' '<x/>' | ccmp send 'http://h/ccmp' -");
    }

    /// What a shell makes of a replayed request's body, with `vars` set.
    fn replayed(xml: &str, vars: &[(&str, &str)]) -> (String, bool) {
        let (body, guard) = quote_request(xml);
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{guard}printf '%s' {body}"))
            .env_remove(PASSWORD_VARIABLE)
            .env_remove(CONFERENCE_PASSWORD_VARIABLE)
            .env_remove(NEW_CONFERENCE_PASSWORD_VARIABLE)
            .envs(vars.iter().copied())
            .output()
            .expect("sh");
        (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.success())
    }

    #[test]
    fn replayed_commands_take_hidden_passwords_from_shell_variables() {
        let xml = "<subject><password>********</password></subject>\
                   <conference-password>********</conference-password>\
                   <xcon:conference-password>********</xcon:conference-password>\
                   <display-text>********</display-text>";
        // Passwords that XML would not take as they are.
        let all = [
            ("CCMP_PASSWORD", "p&ss<1>'\"$x"),
            ("CCMP_CONFERENCE_PASSWORD", "1111"),
            ("CCMP_NEW_CONFERENCE_PASSWORD", "2222"),
        ];
        assert_eq!(
            replayed(xml, &all),
            (
                "<subject><password>p&amp;ss&lt;1&gt;'\"$x</password></subject>\
                 <conference-password>1111</conference-password>\
                 <xcon:conference-password>2222</xcon:conference-password>\
                 <display-text>********</display-text>"
                    .to_owned(),
                true
            )
        );
        // One not set stops the command before anything is sent.
        let (out, ok) = replayed(xml, &all[..2]);
        assert!(!ok && out.is_empty(), "sent without the new PIN: {out}");
        assert!(curl_command("http://h/ccmp", xml).starts_with(": \"${CCMP_PASSWORD:?set CCMP_PASSWORD first}\" && "));
    }

    #[test]
    fn relative_urls_become_absolute() {
        assert_eq!(absolute_url("/ccmp", "http://127.0.0.1:8080"), "http://127.0.0.1:8080/ccmp");
        assert_eq!(absolute_url("https://a/b", "http://x"), "https://a/b");
    }
}
