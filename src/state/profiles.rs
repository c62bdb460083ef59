//! Saved server profiles (kept in localStorage as JSON), the deployment's `config.json`, and which
//! connection the connect view starts from.

use serde::{Deserialize, Serialize};

/// The default CCMP URL: the same origin's `/ccmp`.
pub const DEFAULT_SERVER: &str = "/ccmp";

/// One saved connection. The password is kept only when the moderator ticked "remember".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub server: String,
    pub conf_user_id: String,
    #[serde(default)]
    pub username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// Every saved profile and the one used last.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profiles {
    #[serde(default)]
    pub profiles: Vec<Profile>,
    #[serde(default)]
    pub last_used: Option<String>,
}

impl Profiles {
    /// Reads what localStorage holds; anything unreadable is treated as no profile at all.
    pub fn parse(json: Option<&str>) -> Profiles {
        json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Saves `profile` (replacing one of the same name) and makes it the last used. Without
    /// `remember`, the password is not stored.
    pub fn save(&mut self, mut profile: Profile, remember: bool) {
        if !remember {
            profile.password = None;
        }
        let profile = profile.named();
        self.last_used = Some(profile.name.clone());
        match self.profiles.iter_mut().find(|p| p.name == profile.name) {
            Some(p) => *p = profile,
            None => self.profiles.push(profile),
        }
    }

    pub fn remove(&mut self, name: &str) {
        self.profiles.retain(|p| p.name != name);
        if self.last_used.as_deref() == Some(name) {
            self.last_used = None;
        }
    }

    pub fn last(&self) -> Option<&Profile> {
        let name = self.last_used.as_deref()?;
        self.profiles.iter().find(|p| p.name == name)
    }
}

impl Profile {
    /// The profile with a name: its own, or `moderator@example.com on /ccmp` when it has none.
    pub fn named(mut self) -> Profile {
        if self.name.trim().is_empty() {
            let user = self.conf_user_id.trim();
            let user = user.strip_prefix("xcon-userid:").unwrap_or(user);
            self.name = format!("{user} on {}", self.server.trim());
        } else {
            self.name = self.name.trim().to_owned();
        }
        self
    }
}

/// What a deployment presets in `config.json` next to `index.html`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DeployConfig {
    #[serde(default)]
    pub server: Option<String>,
    #[serde(default, rename = "confUserID")]
    pub conf_user_id: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
}

impl DeployConfig {
    pub fn parse(json: &str) -> DeployConfig {
        serde_json::from_str(json).unwrap_or_default()
    }
}

/// The connect view's starting values: `?server=` first, then the last used profile, then config.json,
/// then the defaults. `remember` says whether the password came from a remembered profile.
pub fn initial(query_server: Option<&str>, config: &DeployConfig, profiles: &Profiles) -> (Profile, bool) {
    let mut p = Profile { server: DEFAULT_SERVER.into(), conf_user_id: String::new(), ..Default::default() };
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
    if let Some(last) = profiles.last() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(name: &str, server: &str, password: Option<&str>) -> Profile {
        Profile {
            name: name.into(),
            server: server.into(),
            conf_user_id: "xcon-userid:moderator@example.com".into(),
            username: "moderator".into(),
            password: password.map(Into::into),
        }
    }

    #[test]
    fn passwords_are_kept_only_when_remembered() {
        let mut ps = Profiles::default();
        ps.save(profile("a", "/ccmp", Some("secret")), false);
        assert_eq!(ps.profiles[0].password, None);
        assert!(!ps.to_json().contains("secret"));
        ps.save(profile("a", "/ccmp", Some("secret")), true);
        assert_eq!(ps.profiles.len(), 1);
        assert_eq!(Profiles::parse(Some(&ps.to_json())).last().unwrap().password.as_deref(), Some("secret"));
        ps.remove("a");
        assert_eq!(ps, Profiles::default());
    }

    #[test]
    fn garbage_in_storage_is_no_profile() {
        assert_eq!(Profiles::parse(Some("{not json")), Profiles::default());
        assert_eq!(Profiles::parse(Some("[1,2]")), Profiles::default());
        assert_eq!(Profiles::parse(None), Profiles::default());
        assert_eq!(DeployConfig::parse("<html>"), DeployConfig::default());
    }

    #[test]
    fn query_beats_profile_beats_config_beats_default() {
        let none = Profiles::default();
        assert_eq!(initial(None, &DeployConfig::default(), &none).0.server, "/ccmp");
        let config = DeployConfig::parse(r#"{"server": "https://ccmp.example.com/ccmp", "confUserID": "x"}"#);
        assert_eq!(initial(None, &config, &none).0.server, "https://ccmp.example.com/ccmp");
        assert_eq!(initial(None, &config, &none).0.conf_user_id, "x");
        let mut ps = Profiles::default();
        ps.save(profile("mine", "http://127.0.0.1:9/ccmp", Some("pw")), true);
        let (p, remembered) = initial(None, &config, &ps);
        assert_eq!((p.server.as_str(), remembered), ("http://127.0.0.1:9/ccmp", true));
        let (p, remembered) = initial(Some("http://other/ccmp"), &config, &ps);
        assert_eq!((p.server.as_str(), p.password, remembered), ("http://other/ccmp", None, false));
    }

    #[test]
    fn unnamed_profiles_get_a_name() {
        let mut ps = Profiles::default();
        ps.save(profile("", "/ccmp", None), false);
        assert_eq!(ps.profiles[0].name, "moderator@example.com on /ccmp");
    }
}
