//! Admission: who may join and how (RFC 6501 allowed-users-list, deny-users-list, join-handling,
//! user-admission-policy). A usersRequest update replaces each list whole, so every edit here starts from
//! the lists as just read and returns the partial `users` element that holds only the list it changes,
//! with everything else in that list (a persistent list, a server's extensions) kept as read.

use ccmp::xcon::merge::same_id;
use ccmp::xcon::{AdmissionPolicy, DenyTarget, JoinHandling, Target, TargetMethod, Users};

/// Someone on the deny list, as the editor shows them.
pub fn denied(users: &Users) -> Vec<String> {
    users.deny_users_list.iter().flat_map(|l| &l.targets).map(|t| t.uri.trim().to_owned()).collect()
}

/// One person on the deny list, as the Kept out card lists them: one row and one "Let back in" for every
/// name they go by (QA: a user kept out was listed twice, by two bare URIs, and taking one off the list
/// said "done" while the other still kept them out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptOut {
    /// Their display name, when known.
    pub name: Option<String>,
    /// Their entries on the list, in its order.
    pub uris: Vec<String>,
}

impl KeptOut {
    /// Who, for the row and its button: the name, or the first entry.
    pub fn who(&self) -> String {
        self.name.clone().or_else(|| self.uris.first().cloned()).unwrap_or_default()
    }
}

/// The address a user URI names, whatever its scheme: `ann@example.com` for `sip:ann@example.com` and for
/// `xcon-userid:ann@example.com`, which the deny and allowed lists hold for one person.
pub fn address_of(uri: &str) -> &str {
    uri.split_once(':').map_or(uri, |(_, rest)| rest).trim()
}

/// The deny list of `users` by person, in the list's order. The entries one keep-out put there together
/// (`known`: each a name and the names it put on the list, as this panel made them) go under that name; the
/// others by address (`sip:ann@example.com` and `xcon-userid:ann@example.com` are one), named after someone
/// of `users` who goes by one of them.
pub fn kept_out(users: &Users, known: &[(String, Vec<String>)]) -> Vec<KeptOut> {
    let address = |uri: &str| address_of(uri).to_lowercase();
    let named = |uri: &str| {
        let by = |u: &&ccmp::xcon::User| crate::state::user_changes::deny_names(u).iter().any(|n| same_id(n, uri));
        users.users.iter().find(by).map(crate::state::user_changes::label)
    };
    // The latest keep-out of a name tells who it is now.
    let group_of = |uri: &str| known.iter().rposition(|(_, uris)| uris.iter().any(|u| same_id(u, uri)));
    let name_of = |g: usize| known.get(g).map(|(name, _)| name.clone());
    // Each row with the keep-out it comes from and the addresses of its entries.
    let mut rows: Vec<(Option<usize>, Vec<String>, KeptOut)> = Vec::new();
    for uri in denied(users) {
        let (group, at) = (group_of(&uri), address(&uri));
        let same_address = |(h, addresses, _): &&mut (Option<usize>, Vec<String>, KeptOut)| {
            (h.is_none() || group.is_none()) && addresses.contains(&at)
        };
        let row = match rows.iter().position(|(h, _, _)| group.is_some() && *h == group) {
            Some(i) => rows.get_mut(i),
            None => rows.iter_mut().find(same_address),
        };
        match row {
            Some((h, addresses, row)) => {
                if let (None, Some(g)) = (*h, group) {
                    (*h, row.name) = (Some(g), name_of(g));
                }
                addresses.push(at);
                row.uris.push(uri);
            }
            None => {
                let name = group.and_then(name_of);
                rows.push((group, vec![at], KeptOut { name, uris: vec![uri] }));
            }
        }
    }
    let mut rows: Vec<KeptOut> = rows.into_iter().map(|(_, _, row)| row).collect();
    // A row named after someone of `users` takes their name for its other entries too.
    for row in rows.iter_mut().filter(|r| r.name.is_none()) {
        row.name = row.uris.iter().find_map(|u| named(u));
    }
    rows
}

/// The change that adds `names` to the deny list (those already on it are not repeated). `None` when
/// every name is already there.
pub fn deny(before: &Users, names: &[String]) -> Option<Users> {
    deny_adding(before, names).map(|(change, _)| change)
}

/// [`deny`], with the names it puts on the list (those not on it before): what an undo takes off again.
pub fn deny_adding(before: &Users, names: &[String]) -> Option<(Users, Vec<String>)> {
    let mut list = before.deny_users_list.clone().unwrap_or_default();
    let mut added = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !list.targets.iter().any(|t| same_id(&t.uri, name)) {
            list.targets.push(DenyTarget::new(name));
            added.push(name.to_owned());
        }
    }
    (!added.is_empty()).then(|| (Users { deny_users_list: Some(list), ..Default::default() }, added))
}

/// The change that takes `uris` off the deny list; `None` when none is on it. An emptied list is sent
/// as an empty element, which removes it.
pub fn unban(before: &Users, uris: &[String]) -> Option<Users> {
    let mut list = before.deny_users_list.clone()?;
    let count = list.targets.len();
    list.targets.retain(|t| !uris.iter().any(|u| same_id(&t.uri, u)));
    (list.targets.len() != count).then(|| Users { deny_users_list: Some(list), ..Default::default() })
}

/// One row of the allowed-users-list editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedRow {
    pub uri: String,
    pub method: TargetMethod,
}

/// The allowed list as the editor holds it.
pub fn allowed(users: &Users) -> Vec<AllowedRow> {
    users
        .allowed_users_list
        .iter()
        .flat_map(|l| &l.targets)
        .map(|t| AllowedRow { uri: t.uri.trim().to_owned(), method: t.method.clone() })
        .collect()
}

/// A target URI as typed, checked: any absolute URI without spaces (`sip:`, `sips:`, `tel:`,
/// `xcon-userid:`, `mailto:` all occur).
pub fn check_uri(text: &str) -> Result<String, String> {
    let text = text.trim();
    let scheme = text.split_once(':').map(|(s, _)| s).unwrap_or_default();
    let scheme_ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || text.len() == scheme.len() + 1 {
        return Err(format!(
            "{text:?} is not a URI: write sip:alice@example.com, tel:+15551234 or xcon-userid:bob@example.com."
        ));
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"')) {
        return Err("A URI has no spaces, quotes or angle brackets.".into());
    }
    Ok(text.to_owned())
}

/// The change that makes the allowed list `rows` (in that order, duplicates dropped), keeping what the
/// list held besides its targets. `None` when nothing changes; `Err` names the first bad URI.
pub fn set_allowed(before: &Users, rows: &[AllowedRow]) -> Result<Option<Users>, String> {
    let mut list = before.allowed_users_list.clone().unwrap_or_default();
    let mut targets: Vec<Target> = Vec::new();
    for row in rows {
        let uri = check_uri(&row.uri)?;
        if targets.iter().any(|t| same_id(&t.uri, &uri)) {
            continue;
        }
        // A target the server sent keeps its foreign attributes when only its method changes.
        let kept = list.targets.iter().find(|t| same_id(&t.uri, &uri)).map(|t| t.unknown.clone()).unwrap_or_default();
        targets.push(Target { uri, method: row.method.clone(), unknown: kept });
    }
    let unchanged = allowed(before)
        == targets.iter().map(|t| AllowedRow { uri: t.uri.clone(), method: t.method.clone() }).collect::<Vec<_>>();
    if unchanged {
        return Ok(None);
    }
    list.targets = targets;
    Ok(Some(Users { allowed_users_list: Some(list), ..Default::default() }))
}

/// Why a join handling or admission policy the server has cannot be set back to "not set": CCMP removes a
/// value with an empty element, and the schema allows no empty one for these (`spec/CCMP.md` sections 2
/// and 8: what the panel sends must validate; QA: "not set (the server decides)" sent
/// `<xcon:join-handling/>`, which a validating server refuses with 400).
pub const NO_UNSET: &str = "CCMP cannot clear a value once the server has one: pick another.";

/// The change that sets join-handling to `value`; `Ok(None)` when it is already so, `Err` ([`NO_UNSET`])
/// for "not set" when the server has a value.
pub fn set_join_handling(before: &Users, value: Option<JoinHandling>) -> Result<Option<Users>, String> {
    if before.join_handling == value {
        return Ok(None);
    }
    let value = value.ok_or(NO_UNSET)?;
    Ok(Some(Users { join_handling: Some(value), ..Default::default() }))
}

/// The change that sets user-admission-policy to `value`; as [`set_join_handling`].
pub fn set_policy(before: &Users, value: Option<AdmissionPolicy>) -> Result<Option<Users>, String> {
    if before.user_admission_policy == value {
        return Ok(None);
    }
    let value = value.ok_or(NO_UNSET)?;
    Ok(Some(Users { user_admission_policy: Some(value), ..Default::default() }))
}

/// What the form says before the admission policy `picked` is applied over `lists` (as read), when it would
/// surprise: nobody new may join, or there is no way back (QA: "closedAuthenticated" over an empty allowed
/// list went through without a word, its Undo disabled, and every newcomer was refused).
pub fn policy_cautions(picked: &AdmissionPolicy, lists: &Users) -> Vec<&'static str> {
    let mut said = Vec::new();
    if lists.user_admission_policy.as_ref() == Some(picked) {
        return said;
    }
    let allowed = lists.allowed_users_list.as_ref().map_or(0, |l| l.targets.len());
    if *picked == AdmissionPolicy::ClosedAuthenticated && allowed == 0 {
        said.push("The allowed list is empty: once this applies, nobody new can join. Fill the allowed list first.");
    }
    if lists.user_admission_policy.is_none() {
        said.push(
            "The server has no policy now, and CCMP cannot take one away: this cannot be undone, only changed to \
             another policy.",
        );
    }
    said
}

/// The moderator's edit of the allowed list, replayed on the list as it is now: `base` is what the edit
/// started from, `mine` the edited rows, `now` a fresh read. Rows the moderator removed go, rows they
/// added or whose method they changed are set, and whatever someone else did meanwhile stays.
pub fn rebase(base: &[AllowedRow], mine: &[AllowedRow], now: &[AllowedRow]) -> Vec<AllowedRow> {
    let find = |rows: &[AllowedRow], uri: &str| rows.iter().position(|r| same_id(&r.uri, uri));
    let mut out: Vec<AllowedRow> = now.to_vec();
    for gone in base.iter().filter(|b| find(mine, &b.uri).is_none()) {
        out.retain(|r| !same_id(&r.uri, &gone.uri));
    }
    for row in mine {
        let changed = match find(base, &row.uri) {
            Some(i) => base[i].method != row.method,
            None => true,
        };
        if !changed {
            continue;
        }
        match find(&out, &row.uri) {
            Some(i) => out[i] = row.clone(),
            None => out.push(row.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_policy_that_shuts_everyone_out_or_cannot_be_undone_is_said_before() {
        use ccmp::xcon::AllowedUsersList;
        let none = Users::default();
        let closed = AdmissionPolicy::ClosedAuthenticated;
        let said = policy_cautions(&closed, &none);
        assert!(said.len() == 2 && said[0].contains("nobody new can join") && said[1].contains("cannot be undone"));
        let open = Users { user_admission_policy: Some(AdmissionPolicy::Anonymous), ..Default::default() };
        assert_eq!(policy_cautions(&AdmissionPolicy::OpenAuthenticated, &open), Vec::<&str>::new());
        let listed = Users {
            allowed_users_list: Some(AllowedUsersList {
                targets: vec![Target::new("sip:a@x", TargetMethod::DialIn)],
                ..Default::default()
            }),
            ..open.clone()
        };
        assert_eq!(policy_cautions(&closed, &listed), Vec::<&str>::new());
        assert_eq!(policy_cautions(&closed, &open).len(), 1);
        let set = Users { user_admission_policy: Some(closed.clone()), ..Default::default() };
        assert_eq!(policy_cautions(&closed, &set), Vec::<&str>::new(), "nothing to apply");
    }

    use super::*;
    use ccmp::unknown::{AnyAttr, QName};
    use ccmp::xcon::merge;
    use ccmp::xcon::{AllowedUsersList, DenyUsersList};

    fn before() -> Users {
        let mut t = Target::new("sip:alice@example.com", TargetMethod::DialIn);
        t.unknown.push_attr(AnyAttr { name: QName::new(Some("urn:x"), "note"), value: "vip".into() });
        Users {
            allowed_users_list: Some(AllowedUsersList { targets: vec![t], ..Default::default() }),
            deny_users_list: Some(DenyUsersList {
                targets: vec![DenyTarget::new("sip:eve@example.com")],
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn deny_appends_without_repeating() {
        let change =
            deny(&before(), &["SIP:eve@example.com".into(), "xcon-userid:mallory@example.com".into(), " ".into()])
                .expect("one new name");
        assert_eq!(denied(&change), ["sip:eve@example.com", "xcon-userid:mallory@example.com"]);
        assert!(change.allowed_users_list.is_none() && change.join_handling.is_none(), "only the deny list");
        assert_eq!(deny(&before(), &["sip:EVE@example.com".into()]), None);
        let from_nothing = deny(&Users::default(), &["sip:x@y".into()]).unwrap();
        assert_eq!(denied(&from_nothing), ["sip:x@y"]);
    }

    #[test]
    fn unban_removes_one_and_may_empty_the_list() {
        let change = unban(&before(), &[" sip:Eve@example.com ".into()]).expect("eve was denied");
        assert_eq!(change.deny_users_list.map(|l| l.targets.len()), Some(0), "an empty list element clears it");
        assert_eq!(unban(&before(), &["sip:nobody@example.com".into()]), None);
        assert_eq!(unban(&Users::default(), &["sip:x@y".into()]), None);
    }

    #[test]
    fn the_deny_list_is_listed_by_person_with_every_name_they_go_by() {
        let uris =
            ["xcon-userid:e02@example.com", "sip:e02@example.com", "tel:+1555", "sip:zed@x", "xcon-userid:ann@x"];
        let list = deny(&Users::default(), &uris.map(String::from)).unwrap();
        // Ann is still in the conference (kept out by address while there).
        let mut users = list.clone();
        users
            .users
            .push(ccmp::xcon::User { display_text: Some("Ann".into()), ..ccmp::xcon::User::new("xcon-userid:ann@x") });
        // This panel kept Cho out by her id and her phone; the same address under another scheme is hers too.
        let known =
            vec![("Cho Khan".to_owned(), vec!["xcon-userid:e02@example.com".to_owned(), "tel:+1555".to_owned()])];
        let rows = kept_out(&users, &known);
        let who: Vec<(String, Vec<String>)> = rows.iter().map(|r| (r.who(), r.uris.clone())).collect();
        assert_eq!(
            who,
            [
                (
                    "Cho Khan".to_owned(),
                    vec![
                        "xcon-userid:e02@example.com".to_owned(),
                        "sip:e02@example.com".to_owned(),
                        "tel:+1555".to_owned()
                    ]
                ),
                ("sip:zed@x".to_owned(), vec!["sip:zed@x".to_owned()]),
                ("Ann".to_owned(), vec!["xcon-userid:ann@x".to_owned()]),
            ]
        );
        // Without what this panel did, the same address under two schemes is one person.
        let rows = kept_out(&users, &[]);
        assert_eq!(rows[0].uris, ["xcon-userid:e02@example.com", "sip:e02@example.com"]);
        assert_eq!(rows[0].name, None);
        // Letting them back in takes every entry of theirs off.
        let change = unban(&list, &rows[0].uris).unwrap();
        assert_eq!(denied(&change), ["tel:+1555", "sip:zed@x", "xcon-userid:ann@x"]);
    }

    #[test]
    fn the_allowed_list_is_replaced_whole_and_keeps_what_it_holds() {
        let rows = vec![
            AllowedRow { uri: "sip:alice@example.com".into(), method: TargetMethod::DialOut },
            AllowedRow { uri: " tel:+15551234 ".into(), method: TargetMethod::Refer },
            AllowedRow { uri: "SIP:alice@example.com".into(), method: TargetMethod::DialIn },
        ];
        let change = set_allowed(&before(), &rows).unwrap().expect("a change");
        let list = change.allowed_users_list.unwrap();
        assert_eq!(list.targets.len(), 2, "duplicates dropped");
        assert_eq!(list.targets[0].method, TargetMethod::DialOut);
        assert_eq!(list.targets[0].unknown.attrs().len(), 1, "foreign attributes kept");
        assert_eq!(list.targets[1].uri, "tel:+15551234");
        assert_eq!(set_allowed(&before(), &allowed(&before())), Ok(None), "nothing changed");
        assert!(set_allowed(&before(), &[AllowedRow { uri: "alice".into(), method: TargetMethod::DialIn }]).is_err());
        let emptied = set_allowed(&before(), &[]).unwrap().unwrap();
        assert_eq!(emptied.allowed_users_list.map(|l| l.targets.len()), Some(0));
    }

    #[test]
    fn an_edit_is_replayed_on_what_someone_else_changed_meanwhile() {
        let row = |uri: &str, method| AllowedRow { uri: uri.into(), method };
        let base = vec![row("sip:a@x", TargetMethod::DialIn), row("sip:b@x", TargetMethod::DialIn)];
        // I removed b, changed a's method, added c.
        let mine = vec![row("sip:a@x", TargetMethod::DialOut), row("sip:c@x", TargetMethod::Refer)];
        // Meanwhile someone added d and removed nothing.
        let now = vec![
            row("sip:a@x", TargetMethod::DialIn),
            row("sip:b@x", TargetMethod::DialIn),
            row("sip:d@x", TargetMethod::DialIn),
        ];
        assert_eq!(
            rebase(&base, &mine, &now),
            [
                row("sip:a@x", TargetMethod::DialOut),
                row("sip:d@x", TargetMethod::DialIn),
                row("sip:c@x", TargetMethod::Refer)
            ]
        );
        // Someone else removed a, which I did not touch: it stays removed.
        let mine = vec![
            row("sip:a@x", TargetMethod::DialIn),
            row("sip:b@x", TargetMethod::DialIn),
            row("sip:e@x", TargetMethod::DialIn),
        ];
        let now = vec![row("sip:b@x", TargetMethod::DialIn)];
        assert_eq!(
            rebase(&base, &mine, &now),
            [row("sip:b@x", TargetMethod::DialIn), row("sip:e@x", TargetMethod::DialIn)]
        );
    }

    /// The usersRequest update that sends `change`, as XML.
    fn sent(change: Users) -> String {
        ccmp::Request::users_update(&"xcon-userid:m@x".parse().unwrap(), "xcon:1@x", change).to_xml()
    }

    #[test]
    fn selectors_are_set_and_never_emptied() {
        let mut lists = before();
        let change = set_join_handling(&lists, Some(JoinHandling::Confirm)).unwrap().unwrap();
        crate::state::xmllint::validate(&sent(change.clone())).unwrap();
        merge::admission(&mut lists, &change);
        assert_eq!(lists.join_handling, Some(JoinHandling::Confirm));
        assert_eq!(set_join_handling(&lists, Some(JoinHandling::Confirm)), Ok(None), "already so");
        let change = set_policy(&lists, Some(AdmissionPolicy::Anonymous)).unwrap().unwrap();
        crate::state::xmllint::validate(&sent(change.clone())).unwrap();
        merge::admission(&mut lists, &change);
        assert_eq!(lists.user_admission_policy, Some(AdmissionPolicy::Anonymous));
        assert!(lists.allowed_users_list.is_some() && lists.deny_users_list.is_some(), "untouched lists stay");
        // "Not set" once the server has a value would be an empty element, which the schema does not allow
        // (QA): not built, and why.
        assert_eq!(set_join_handling(&lists, None), Err(NO_UNSET.to_owned()));
        assert_eq!(set_policy(&lists, None), Err(NO_UNSET.to_owned()));
        // While the server has none, it is what the server has: nothing to change.
        assert_eq!(set_join_handling(&Users::default(), None), Ok(None));
        assert_eq!(set_policy(&Users::default(), None), Ok(None));
        let change = unban(&lists, &["sip:eve@example.com".into()]).unwrap();
        crate::state::xmllint::validate(&sent(change.clone())).unwrap();
        merge::admission(&mut lists, &change);
        assert_eq!(lists.deny_users_list, None, "an emptied list is gone");
    }

    #[test]
    fn uris_are_checked() {
        for good in ["sip:a@b", "tel:+1", "xcon-userid:bob@example.com", "mailto:x@y"] {
            assert_eq!(check_uri(good).as_deref(), Ok(good));
        }
        for bad in ["", "alice", ":x", "sip:", "1sip:a", "sip:a b", "sip:<a>"] {
            assert!(check_uri(bad).is_err(), "{bad:?}");
        }
    }
}
