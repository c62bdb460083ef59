//! Saved server profiles (kept in localStorage as JSON), the deployment's `config.json`, and which
//! connection the connect view starts from.

use serde::{Deserialize, Serialize};

/// One saved connection. The password is kept only when the moderator ticked "remember", and then only
/// sealed (encrypted by the browser, `api::vault`): `password` is the opened one, in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub server: String,
    pub conf_user_id: String,
    #[serde(default)]
    pub username: String,
    /// Never written; read only from what earlier versions stored, to be sealed in its place.
    #[serde(default, skip_serializing)]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed_password: Option<String>,
}

/// Every saved profile and the one used last.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profiles {
    #[serde(default)]
    pub profiles: Vec<Profile>,
    #[serde(default)]
    pub last_used: Option<String>,
    /// Set by Disconnect, cleared by the next Connect: until then no page of this browser connects by
    /// itself, a reload or a new tab included (QA: on a shared machine, a reload signed back in).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed_out: bool,
    /// The profile that Disconnect signed out of: the tabs connected with it disconnect too, and no page
    /// connects with it by itself; the tabs on another server go on (QA: changing servers in one tab cut
    /// off the live tabs on the other). `None` (from an earlier version): every profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_out_of: Option<String>,
    /// Saved profiles this version could not read (damaged, or of a shape it does not know): kept as they
    /// were, so that the next write of the list does not lose them, and counted for the connect view to say
    /// (QA: one such entry made every profile go, and the next Connect wrote over them all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<serde_json::Value>,
}

impl Profiles {
    /// Reads what localStorage holds, profile by profile: one that cannot be read is kept aside
    /// ([`Profiles::unreadable`]), the others are read. Text that is not a list of profiles at all is kept
    /// aside whole; the sign-out of a list whose other parts cannot be read is taken to stand, so that no
    /// page connects by itself on the strength of a damaged entry.
    pub fn parse(json: Option<&str>) -> Profiles {
        use serde_json::Value;
        let Some(json) = json.filter(|j| !j.trim().is_empty()) else { return Profiles::default() };
        let Ok(Value::Object(mut stored)) = serde_json::from_str::<Value>(json) else {
            return Profiles { unreadable: vec![Value::String(json.to_owned())], ..Profiles::default() };
        };
        let entries = match stored.remove("profiles") {
            Some(Value::Array(entries)) => entries,
            Some(Value::Null) | None => Vec::new(),
            Some(other) => vec![other],
        };
        let mut out: Profiles = serde_json::from_value(Value::Object(stored))
            .unwrap_or_else(|_| Profiles { signed_out: true, ..Profiles::default() });
        for entry in entries {
            match serde_json::from_value::<Profile>(entry.clone()) {
                Ok(profile) => out.profiles.push(profile),
                Err(_) => out.unreadable.push(entry),
            }
        }
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Saves `profile` (replacing one of the same name) and makes it the last used. Without
    /// `remember`, the password is not stored.
    pub fn save(&mut self, mut profile: Profile, remember: bool) {
        if !remember {
            profile.password = None;
            profile.sealed_password = None;
        }
        let profile = profile.named();
        self.last_used = Some(profile.name.clone());
        self.signed_out = false;
        self.signed_out_of = None;
        match self.profiles.iter_mut().find(|p| p.name == profile.name) {
            Some(p) => *p = profile,
            None => self.profiles.push(profile),
        }
    }

    /// Forgets the profile `name`, and every trace of it (its sign-out included: nothing is left to keep from
    /// connecting by itself).
    pub fn remove(&mut self, name: &str) {
        self.profiles.retain(|p| p.name != name);
        if self.last_used.as_deref() == Some(name) {
            self.last_used = None;
        }
        if self.signed_out_of.as_deref() == Some(name) {
            self.signed_out = false;
            self.signed_out_of = None;
        }
    }

    /// Puts back a profile `remove` took out (an Undo of Forget), as the last used one if it was that. A
    /// profile saved under its name since (in another tab) is newer and stays.
    pub fn restore(&mut self, profile: Profile, was_last_used: bool) {
        if self.profiles.iter().any(|p| p.name == profile.name) {
            return;
        }
        if was_last_used && self.last_used.is_none() {
            self.last_used = Some(profile.name.clone());
        }
        self.profiles.push(profile);
    }

    /// Whether the profile `name` remembers a password for `username`.
    pub fn remembers(&self, name: &str, username: &str) -> bool {
        let same = |p: &&Profile| p.name == name && p.username.trim() == username.trim();
        self.profiles.iter().find(same).is_some_and(|p| p.sealed_password.is_some())
    }

    /// Replaces the password the profile `name` remembers for `username` by `sealed`; `false` when it
    /// remembers none for that username (a moderator who signed in as someone else for one action does not
    /// change what the profile connects as).
    pub fn reseal(&mut self, name: &str, username: &str, sealed: String) -> bool {
        if !self.remembers(name, username) {
            return false;
        }
        let found = self.profiles.iter_mut().find(|p| p.name == name);
        found.map(|p| p.sealed_password = Some(sealed)).is_some()
    }

    /// The profile to start from: the one this tab used last (`this_tab`) while it is saved, else the one
    /// any tab used last.
    /// Marks the profile `name` signed out (Disconnect).
    pub fn sign_out(&mut self, name: &str) {
        self.signed_out = true;
        self.signed_out_of = Some(name.to_owned());
    }

    /// Whether Disconnect signed out of the profile `name`.
    pub fn signed_out_of(&self, name: &str) -> bool {
        self.signed_out && self.signed_out_of.as_deref().is_none_or(|n| n == name)
    }

    /// Whether, going from `before` to these profiles (another tab wrote them), someone signed out of `name`
    /// just now: not a profile forgotten or saved while signed out already.
    pub fn newly_signed_out_of(&self, before: &Profiles, name: &str) -> bool {
        let news = !before.signed_out || before.signed_out_of != self.signed_out_of;
        news && self.signed_out_of(name)
    }

    pub fn last(&self, this_tab: Option<&str>) -> Option<&Profile> {
        let find = |name: &str| self.profiles.iter().find(|p| p.name == name);
        this_tab.and_then(find).or_else(|| find(self.last_used.as_deref()?))
    }
}

impl Profile {
    /// The profile with a name: its own, or `moderator@example.com on /ccmp` when it has none.
    pub fn named(mut self) -> Profile {
        if self.name.trim().is_empty() {
            self.name = self.auto_name();
        } else {
            self.name = self.name.trim().to_owned();
        }
        self
    }

    /// The name of a profile none was typed for: its user and server (`moderator@example.com on /ccmp`).
    fn auto_name(&self) -> String {
        let user = self.conf_user_id.trim();
        let user = user.strip_prefix("xcon-userid:").unwrap_or(user);
        format!("{user} on {}", self.server.trim())
    }

    /// Applies `change` to the server or the user; a name that was theirs (`auto_name`) follows them (QA: a
    /// moderator who typed another confUserID over a saved profile connected under the last one's name, which
    /// Settings then showed, and which Remember would have overwritten).
    pub fn retyped(&mut self, change: impl FnOnce(&mut Profile)) {
        // Trimmed: with the user field emptied on the way to another one, the name is "on /ccmp".
        let followed = self.name.trim() == self.auto_name().trim();
        change(self);
        if followed {
            self.name = self.auto_name().trim().to_owned();
        }
    }
}

/// What a deployment presets in `config.json` next to `index.html`. A key it does not know is refused,
/// so that a misspelled one (`serverUrl`) is told rather than quietly ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    #[serde(default)]
    pub server: Option<String>,
    #[serde(default, rename = "confUserID")]
    pub conf_user_id: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
}

impl DeployConfig {
    /// The presets, or what is wrong with the file (for the deployment's admin: the panel then uses its
    /// defaults).
    pub fn parse(json: &str) -> Result<DeployConfig, String> {
        let config: DeployConfig = serde_json::from_str(json).map_err(|e| {
            format!(
                "config.json could not be used ({e}); the panel uses its defaults. It takes \"server\", \
                 \"confUserID\" and \"username\"."
            )
        })?;
        // A server the connect view would refuse at Connect is the admin's to correct, not the moderator's
        // (QA: "server": "ccmp" filled the form without a word).
        if let Some(Err(why)) = config.server.as_deref().map(server_url) {
            return Err(format!("config.json's \"server\" could not be used: {why} The panel uses its defaults."));
        }
        Ok(config)
    }
}

/// The connect view's starting values: `?server=` first, then the last used profile (this tab's, see
/// [`Profiles::last`]), then config.json, then the defaults. `remember` says whether the password came from
/// a remembered profile.
pub fn initial(
    query_server: Option<&str>,
    config: &DeployConfig,
    profiles: &Profiles,
    this_tab: Option<&str>,
) -> (Profile, bool) {
    let mut p =
        Profile { server: super::base_path::default_server(), conf_user_id: String::new(), ..Default::default() };
    if let Some(s) = config.server.as_deref().filter(|s| !s.trim().is_empty()) {
        p.server = s.trim().into();
    }
    if let Some(u) = &config.conf_user_id {
        p.conf_user_id = u.trim().into();
    }
    if let Some(u) = &config.username {
        p.username = u.trim().into();
    }
    let mut remembered = false;
    if let Some(last) = profiles.last(this_tab) {
        remembered = last.password.is_some();
        p = last.clone();
    }
    if let Some(s) = query_server.map(str::trim).filter(|s| !s.is_empty()) {
        if s != p.server {
            // Another server: the saved identity and password are not for it.
            let same = profiles.profiles.iter().find(|q| q.server == s).cloned();
            remembered = same.as_ref().is_some_and(|q| q.password.is_some());
            p = same.unwrap_or(Profile { server: s.into(), ..Default::default() });
        }
    }
    (p, remembered)
}

/// Whether the connect view may connect by itself with `preset` (from [`initial`]): with a remembered
/// password, or as a saved profile that needs none. Not for a server a link named that no saved profile
/// is for: the moderator has not chosen to connect there.
pub fn connects_by_itself(preset: &Profile, remembered: bool, profiles: &Profiles) -> bool {
    if profiles.signed_out_of(&preset.name) {
        return false;
    }
    let saved = profiles.profiles.iter().any(|p| !p.name.is_empty() && p.name == preset.name);
    saved && (remembered || preset.username.is_empty())
}

/// Whether the link that opened the panel (`?server=`) points it at a server that is neither this
/// site's (`origin`, as `https://panel.example.com`) nor one the moderator connected to before (a saved
/// profile's) nor the deployment's: credentials typed then would go to whoever the link chose.
pub fn unfamiliar(server: &str, origin: &str, config: &DeployConfig, profiles: &Profiles) -> bool {
    let server = server.trim();
    // As the browser reads it: `/\evil.example` and `/<tab>/evil.example` are `//evil.example`, another
    // host (QA: such a link passed for a path on this site, and the password went to it).
    let read = as_browsers_read(server);
    let same_origin = match read.split_once("://") {
        Some((scheme, rest)) => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            format!("{scheme}://{authority}").eq_ignore_ascii_case(origin.trim_end_matches('/'))
        }
        // A path on this site (not `//host`, which names another).
        None => read.starts_with('/') && !read.starts_with("//"),
    };
    let known = profiles.profiles.iter().any(|p| p.server.trim() == server)
        || config.server.as_deref().is_some_and(|s| s.trim() == server);
    !same_origin && !known
}

/// The confUserID the connect view was given: an XCON-USERID (`xcon-userid:alice@example.com`), or its
/// address alone (`alice@example.com`), which is what a moderator is usually told and is taken as that
/// XCON-USERID (QA: a volunteer typed the address, and was told it "looks like" the one it was meant as).
pub fn conf_user_id(typed: &str) -> Result<ccmp::XconUserId, String> {
    let typed = typed.trim();
    if let Ok(id) = typed.parse() {
        return Ok(id);
    }
    let address = !typed.contains(':') && typed.split_once('@').is_some_and(|(l, d)| !l.is_empty() && !d.is_empty());
    if let Some(id) = address.then(|| format!("xcon-userid:{typed}").parse().ok()).flatten() {
        return Ok(id);
    }
    Err(format!(
        "\u{201c}{typed}\u{201d} is not a confUserID: write your user ID on the server as name@domain (such as \
         moderator@example.com) or in full (xcon-userid:moderator@example.com). Whoever runs the server can tell you \
         yours."
    ))
}

/// The server URL the connect view was given, as the panel will use it: an `http://` or `https://` URL,
/// or a path on this site (`/ccmp`); empty is the default (`/ccmp`, [`super::base_path::default_server`]). Anything else would fail as "server
/// unreachable" (`htp://`) or, worse, go to this site under another path (`ccmp.example.org/ccmp`, which
/// the browser reads as relative to the panel's page): it is refused before anything is sent, saying how
/// to write it.
pub fn server_url(typed: &str) -> Result<String, String> {
    let url = typed.trim();
    if url.is_empty() {
        return Ok(super::base_path::default_server());
    }
    // Browsers read a backslash as a slash and drop tabs and line breaks: `/\host` is another host, not a
    // path here. Refused rather than rewritten: such a URL comes from a crafted link, not from typing.
    if url.chars().any(|c| c == '\\' || c.is_control()) {
        return Err(format!(
            "\u{201c}{}\u{201d} holds a backslash or a control character, which browsers read as something else \
             (a backslash as a slash): write the URL with / only, such as https://ccmp.example.org/ccmp.",
            url.escape_debug()
        ));
    }
    let web = |scheme: &str| ["http", "https"].iter().any(|s| scheme.eq_ignore_ascii_case(s));
    // This site's endpoint, under the panel's path when it has one (QA: the advice said /ccmp there, a 404).
    let own = super::base_path::default_server();
    match url.split_once("://") {
        Some((scheme, rest)) if web(scheme) => match rest.split(['/', '?', '#']).next() {
            Some(host) if !host.is_empty() => Ok(url.to_owned()),
            _ => Err(format!(
                "\u{201c}{url}\u{201d} names no server: write it as https://ccmp.example.org/ccmp, or {own} for \
                 this site's own CCMP endpoint."
            )),
        },
        Some((scheme, _)) => Err(format!(
            "\u{201c}{url}\u{201d} is not a server URL the panel can use ({scheme}://): write it as \
             https://ccmp.example.org/ccmp, or {own} for this site's own CCMP endpoint."
        )),
        None if url.starts_with("//") => {
            Err(format!("\u{201c}{url}\u{201d} has no scheme: write https:{url} (or http:{url})."))
        }
        None if url.starts_with('/') => Ok(url.to_owned()),
        // `htp:/x`, `javascript:…`, `mailto:…`: a scheme the panel cannot use, not a host with a port (QA: it
        // advised "write https://javascript:alert(1)").
        None if other_scheme(url).is_some() => Err(format!(
            "\u{201c}{url}\u{201d} is not a server URL the panel can use ({}:): write it as \
             https://ccmp.example.org/ccmp, or {own} for this site's own CCMP endpoint.",
            other_scheme(url).unwrap_or_default()
        )),
        // `127.0.0.1:8080/ccmp`, `ccmp.example.org/ccmp`: a server without its scheme, not a path here.
        None if names_a_host(url) => Err(format!(
            "\u{201c}{url}\u{201d} has no http:// or https://, so the browser would read it as a page of this \
             site: write https://{url} (or http://{url} for a server without TLS)."
        )),
        None => Err(format!(
            "\u{201c}{url}\u{201d} has no http:// or https://, so the browser would read it as a page of this \
             site: write https://{url}, or /{url} if it is a path on this site."
        )),
    }
}

/// `url` as a browser's URL parser sees it before anything else: tabs and line breaks gone, backslashes
/// slashes (WHATWG URL, for http and https and for a path resolved against such a page).
fn as_browsers_read(url: &str) -> String {
    url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).map(|c| if c == '\\' { '/' } else { c }).collect()
}

/// The scheme `url` starts with when it is not a host and port (`localhost:8080`): letters before a colon
/// that no port number follows.
fn other_scheme(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once(':')?;
    let is_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !scheme.contains('.');
    let port = rest.chars().next().is_some_and(|c| c.is_ascii_digit());
    (is_scheme && !port).then_some(scheme)
}

/// Whether the first part of `url` reads as a server (a dotted name or address, a port, `localhost`).
fn names_a_host(url: &str) -> bool {
    let first = url.split(['/', '?', '#']).next().unwrap_or_default();
    first.contains(['.', ':']) || first.eq_ignore_ascii_case("localhost")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_named_after_its_user_follows_a_new_user() {
        let mut p = Profile {
            server: "/ccmp".into(),
            conf_user_id: "xcon-userid:moderator@example.com".into(),
            ..Default::default()
        }
        .named();
        assert_eq!(p.name, "moderator@example.com on /ccmp");
        p.retyped(|p| p.conf_user_id = String::new());
        p.retyped(|p| p.conf_user_id = "hana@example.com".into());
        assert_eq!(p.name, "hana@example.com on /ccmp");
        p.retyped(|p| p.server = "https://other.example/ccmp".into());
        assert_eq!(p.name, "hana@example.com on https://other.example/ccmp");
        p.name = "Backup".into();
        p.retyped(|p| p.conf_user_id = "ole@example.com".into());
        assert_eq!(p.name, "Backup", "a name typed stays");
    }
    #[test]
    fn a_conf_user_id_may_be_typed_as_its_address_alone() {
        let full = "xcon-userid:moderator@example.com";
        assert_eq!(conf_user_id(full).map(|u| u.to_string()), Ok(full.to_owned()));
        assert_eq!(conf_user_id(" moderator@example.com ").map(|u| u.to_string()), Ok(full.to_owned()));
        for wrong in ["moderator", "@example.com", "moderator@", "sip:moderator@example.com", ""] {
            let why = conf_user_id(wrong).expect_err(wrong);
            assert!(why.contains("name@domain"), "{why}");
        }
    }

    #[test]
    fn a_new_password_replaces_the_remembered_one_only_for_the_same_username() {
        let mut remembered = profile("work", "/ccmp", None);
        remembered.sealed_password = Some("aes-gcm:old".into());
        let mut profiles =
            Profiles { profiles: vec![remembered, profile("other", "/ccmp", None)], ..Default::default() };
        assert!(!profiles.reseal("work", "admin", "aes-gcm:admin".into()), "someone else's password");
        assert!(!profiles.reseal("other", "moderator", "aes-gcm:new".into()), "a profile that remembers none");
        assert_eq!(profiles.profiles[1].sealed_password, None);
        assert!(profiles.reseal("work", " moderator ", "aes-gcm:new".into()));
        assert_eq!(profiles.profiles[0].sealed_password.as_deref(), Some("aes-gcm:new"));
    }

    fn profile(name: &str, server: &str, password: Option<&str>) -> Profile {
        Profile {
            name: name.into(),
            server: server.into(),
            conf_user_id: "xcon-userid:moderator@example.com".into(),
            username: "moderator".into(),
            password: password.map(Into::into),
            sealed_password: None,
        }
    }

    #[test]
    fn passwords_are_kept_only_when_remembered_and_only_sealed() {
        let mut ps = Profiles::default();
        let sealed = |p: Profile| Profile { sealed_password: Some("aes-gcm:c2VhbGVk".into()), ..p };
        ps.save(sealed(profile("a", "/ccmp", Some("secret"))), false);
        assert_eq!((&ps.profiles[0].password, &ps.profiles[0].sealed_password), (&None, &None));
        assert!(!ps.to_json().contains("secret"));
        ps.save(sealed(profile("a", "/ccmp", Some("secret"))), true);
        assert_eq!(ps.profiles.len(), 1);
        assert_eq!(ps.profiles[0].password.as_deref(), Some("secret"), "kept in memory");
        let json = ps.to_json();
        assert!(!json.contains("secret") && json.contains("aes-gcm:c2VhbGVk"), "{json}");
        let read = Profiles::parse(Some(&json));
        assert_eq!(
            read.last(None).map(|p| (p.password.clone(), p.sealed_password.clone())),
            Some((None, Some("aes-gcm:c2VhbGVk".into())))
        );
        ps.remove("a");
        assert_eq!(ps, Profiles::default());
    }

    #[test]
    fn a_password_stored_in_plain_text_by_an_earlier_version_is_read_to_be_sealed() {
        let old = r#"{"profiles":[{"name":"a","server":"/ccmp","conf_user_id":"x","password":"old"}],"last_used":"a"}"#;
        let ps = Profiles::parse(Some(old));
        assert_eq!(ps.last(None).and_then(|p| p.password.as_deref()), Some("old"));
        assert!(!ps.to_json().contains("old"), "and never written back");
    }

    #[test]
    fn an_unreadable_profile_is_kept_aside_and_the_others_read() {
        let stored = r#"{"profiles":[{"name":"Main event","server":"/ccmp","conf_user_id":"x"},
            {"name":"Odd","server":"/ccmp","conf_user_id":7},{"name":"Other","server":"https://b/ccmp","conf_user_id":"y"}],
            "last_used":"Main event"}"#;
        let mut ps = Profiles::parse(Some(stored));
        let names: Vec<&str> = ps.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!((names, ps.unreadable.len()), (vec!["Main event", "Other"], 1));
        assert_eq!(ps.last(None).map(|p| p.name.as_str()), Some("Main event"), "the last used still connects");
        // A write of the list keeps it as it was, and a later read finds it aside again.
        ps.save(profile("Fresh", "/ccmp", None), false);
        let again = Profiles::parse(Some(&ps.to_json()));
        assert_eq!((again.profiles.len(), again.unreadable.len()), (3, 1));
        assert!(ps.to_json().contains(r#""conf_user_id":7"#), "{}", ps.to_json());
        // The rest of the list unreadable: its profiles are read, and a sign-out is taken to stand.
        let odd_rest = r#"{"profiles":[{"name":"a","server":"/ccmp","conf_user_id":"x"}],"last_used":7}"#;
        let ps = Profiles::parse(Some(odd_rest));
        assert_eq!((ps.profiles.len(), ps.signed_out), (1, true));
    }

    #[test]
    fn garbage_in_storage_is_no_profile_and_kept_aside() {
        let cut = Profiles::parse(Some("{not json"));
        assert!(cut.profiles.is_empty());
        assert_eq!(cut.unreadable, [serde_json::Value::String("{not json".into())], "kept, not written over");
        assert!(Profiles::parse(Some("[1,2]")).profiles.is_empty());
        assert_eq!(Profiles::parse(None), Profiles::default());
        assert_eq!(Profiles::parse(Some("")), Profiles::default());
        assert!(DeployConfig::parse("<html>").is_err());
        // A misspelled key is told, with the keys there are.
        let said = DeployConfig::parse(r#"{"serverUrl": "https://x/ccmp"}"#).expect_err("an unknown key");
        assert!(said.contains("serverUrl") && said.contains("\"server\""), "{said}");
        assert_eq!(DeployConfig::parse("{}"), Ok(DeployConfig::default()));
        let relative = DeployConfig::parse(r#"{"server": "ccmp"}"#).expect_err("a server the form would refuse");
        assert!(relative.contains("config.json's \"server\" could not be used"), "{relative}");
    }

    #[test]
    fn query_beats_profile_beats_config_beats_default() {
        let none = Profiles::default();
        assert_eq!(initial(None, &DeployConfig::default(), &none, None).0.server, "/ccmp");
        let config = DeployConfig::parse(r#"{"server": "https://ccmp.example.com/ccmp", "confUserID": "x"}"#)
            .unwrap_or_default();
        assert_eq!(initial(None, &config, &none, None).0.server, "https://ccmp.example.com/ccmp");
        assert_eq!(initial(None, &config, &none, None).0.conf_user_id, "x");
        let mut ps = Profiles::default();
        ps.save(profile("mine", "http://127.0.0.1:9/ccmp", Some("pw")), true);
        let (p, remembered) = initial(None, &config, &ps, None);
        assert_eq!((p.server.as_str(), remembered), ("http://127.0.0.1:9/ccmp", true));
        let (p, remembered) = initial(Some("http://other/ccmp"), &config, &ps, None);
        assert_eq!((p.server.as_str(), p.password, remembered), ("http://other/ccmp", None, false));
    }

    #[test]
    fn a_tab_starts_from_the_profile_it_used_while_that_is_saved() {
        let mut ps = Profiles::default();
        ps.save(profile("main", "/ccmp", Some("pw")), true);
        ps.save(profile("backup", "http://backup/ccmp", Some("pw")), true);
        let config = DeployConfig::default();
        // Another tab connected to the backup last; this tab was on the main server.
        assert_eq!(initial(None, &config, &ps, Some("main")).0.server, "/ccmp");
        // A new tab (nothing of its own) takes the last used.
        assert_eq!(initial(None, &config, &ps, None).0.server, "http://backup/ccmp");
        // This tab's profile forgotten meanwhile: the last used.
        ps.remove("main");
        assert_eq!(initial(None, &config, &ps, Some("main")).0.server, "http://backup/ccmp");
    }

    #[test]
    fn a_disconnect_signs_out_of_its_own_profile_only() {
        let mut ps = Profiles::default();
        ps.save(profile("main", "/ccmp", Some("pw")), true);
        ps.save(profile("backup", "http://backup/ccmp", Some("pw")), true);
        let before = ps.clone();
        ps.sign_out("backup");
        assert!(ps.newly_signed_out_of(&before, "backup"));
        assert!(!ps.newly_signed_out_of(&before, "main"), "a tab on the other server goes on");
        let (main, remembered) = initial(None, &DeployConfig::default(), &ps, Some("main"));
        assert!(connects_by_itself(&main, remembered, &ps), "main still connects by itself");
        // Written again while signed out (a profile forgotten): nothing new.
        let again = ps.clone();
        ps.remove("main");
        assert!(!ps.newly_signed_out_of(&again, "backup"));
        // An earlier version's mark, without the profile: every profile.
        let old = Profiles { signed_out: true, ..before };
        assert!(old.signed_out_of("main") && old.signed_out_of("backup"));
    }

    #[test]
    fn only_a_saved_profile_connects_by_itself() {
        let mut ps = Profiles::default();
        let config = DeployConfig::default();
        ps.save(profile("mine", "/ccmp", Some("pw")), true);
        let (p, remembered) = initial(None, &config, &ps, None);
        assert!(connects_by_itself(&p, remembered, &ps), "a remembered password");
        let mut open = Profiles::default();
        open.save(Profile { username: String::new(), ..profile("open", "/ccmp", None) }, false);
        let (p, remembered) = initial(None, &config, &open, None);
        assert!(connects_by_itself(&p, remembered, &open), "a profile that needs no password");
        // A link to another server: filled in, not connected.
        let (p, remembered) = initial(Some("https://elsewhere.example/ccmp"), &config, &open, None);
        assert!(!connects_by_itself(&p, remembered, &open));
        let (p, remembered) = initial(None, &config, &Profiles::default(), None);
        assert!(!connects_by_itself(&p, remembered, &Profiles::default()), "nothing saved");
        // Not after a Disconnect, until the next Connect.
        ps.sign_out("mine");
        let (p, remembered) = initial(None, &config, &ps, None);
        assert!(!connects_by_itself(&p, remembered, &ps), "signed out");
        ps.save(profile("mine", "/ccmp", Some("pw")), true);
        assert!(connects_by_itself(&p, remembered, &ps), "connected again");
    }

    #[test]
    fn a_link_to_a_server_never_used_is_unfamiliar() {
        let origin = "https://panel.example.com";
        let (config, none) = (DeployConfig::default(), Profiles::default());
        assert!(!unfamiliar("/ccmp", origin, &config, &none), "this site's own");
        assert!(!unfamiliar("https://PANEL.example.com/ccmp", origin, &config, &none), "the same origin");
        assert!(unfamiliar("https://panel.example.com.evil.test/ccmp", origin, &config, &none));
        assert!(unfamiliar("http://panel.example.com/ccmp", origin, &config, &none), "another scheme");
        assert!(unfamiliar("//evil.test/ccmp", origin, &config, &none), "a host without scheme");
        assert!(unfamiliar("https://ccmp.example.org/ccmp", origin, &config, &none));
        let mut ps = Profiles::default();
        ps.save(profile("mine", "https://ccmp.example.org/ccmp", None), false);
        assert!(!unfamiliar("https://ccmp.example.org/ccmp", origin, &config, &ps), "connected to before");
        let config = DeployConfig::parse(r#"{"server": "https://ccmp.example.net/ccmp"}"#).unwrap_or_default();
        assert!(!unfamiliar("https://ccmp.example.net/ccmp", origin, &config, &none), "the deployment's");
    }

    #[test]
    fn a_server_url_is_absolute_http_or_a_path_on_this_site() {
        assert_eq!(server_url("  ").as_deref(), Ok("/ccmp"));
        assert_eq!(server_url(" /ccmp ").as_deref(), Ok("/ccmp"));
        assert_eq!(server_url("https://ccmp.example.org/ccmp").as_deref(), Ok("https://ccmp.example.org/ccmp"));
        assert_eq!(server_url("HTTP://127.0.0.1:8080/ccmp").as_deref(), Ok("HTTP://127.0.0.1:8080/ccmp"));
        let refused = |url: &str| server_url(url).expect_err(url);
        assert!(refused("htp://x").contains("(htp://)"));
        assert!(refused("https:///ccmp").contains("names no server"));
        assert!(refused("ftp://ccmp.example.org/ccmp").contains("is not a server URL"));
        assert!(refused("ccmp.example.org/ccmp").contains("write https://ccmp.example.org/ccmp"));
        let local = refused("127.0.0.1:18813/ccmp");
        assert!(
            local.contains("http://127.0.0.1:18813/ccmp") && !local.contains("/127.0.0.1:18813/ccmp if"),
            "{local}"
        );
        assert!(refused("ccmp").contains("or /ccmp if it is a path on this site"));
        assert!(refused("//ccmp.example.org/ccmp").contains("write https://ccmp.example.org/ccmp"));
        // A scheme the panel cannot use is not taken for a host with a port.
        for (url, scheme) in [("htp:/nonsense", "(htp:)"), ("javascript:alert(1)", "(javascript:)")] {
            let said = refused(url);
            assert!(
                said.contains(scheme) && !said.contains("write https://h") && !said.contains("https://j"),
                "{said}"
            );
        }
        assert!(refused("localhost:8080/ccmp").contains("write https://localhost:8080/ccmp"));
    }

    #[test]
    fn an_undone_forget_puts_the_profile_back_without_undoing_what_another_tab_saved() {
        let mut ps = Profiles::default();
        ps.save(profile("a", "https://a/ccmp", None), false);
        ps.save(profile("b", "https://b/ccmp", None), false);
        let kept = ps.profiles[1].clone();
        ps.remove("b");
        assert_eq!(ps.last_used, None);
        // Another tab saves "c" meanwhile: the undo adds "b" back beside it.
        ps.save(profile("c", "https://c/ccmp", None), false);
        ps.restore(kept.clone(), true);
        let names: Vec<&str> = ps.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "c", "b"]);
        assert_eq!(ps.last_used.as_deref(), Some("c"), "the profile saved since stays the last used");
        // A profile saved again under the same name since is newer: the undo leaves it.
        ps.remove("b");
        ps.save(profile("b", "https://new-b/ccmp", None), false);
        ps.restore(kept, false);
        let b: Vec<&str> = ps.profiles.iter().filter(|p| p.name == "b").map(|p| p.server.as_str()).collect();
        assert_eq!(b, ["https://new-b/ccmp"]);
        let mut alone = Profiles::default();
        alone.restore(profile("d", "https://d/ccmp", None), true);
        assert_eq!(alone.last_used.as_deref(), Some("d"), "it was the last used, and nothing replaced it");
    }

    #[test]
    fn a_path_that_browsers_read_as_another_host_is_neither_familiar_nor_accepted() {
        let (origin, config, none) = ("https://panel.example.org", DeployConfig::default(), Profiles::default());
        assert!(!unfamiliar("/ccmp", origin, &config, &none));
        for crafted in ["/\\evil.example/ccmp", "/\t/evil.example/ccmp", "/\n/evil.example", "\\\\evil.example/ccmp"] {
            assert!(unfamiliar(crafted, origin, &config, &none), "{crafted:?} passed for this site");
            let refused = server_url(crafted).err().unwrap_or_default();
            assert!(refused.contains("backslash or a control character"), "{crafted:?}: {refused}");
        }
        assert!(server_url("https://ccmp.example.org/ccmp").is_ok());
    }

    #[test]
    fn unnamed_profiles_get_a_name() {
        let mut ps = Profiles::default();
        ps.save(profile("", "/ccmp", None), false);
        assert_eq!(ps.profiles[0].name, "moderator@example.com on /ccmp");
    }
}
