//! What the panel says once the server answers again after an outage: one notice, "The server answers
//! again", which also tells what the reads since found of the changes sent while it did not answer. Each of
//! those changes had its error already (QA: 29 mutes clicked during an outage, then 29 "not done yet"
//! warnings more once the server was back, and the title said 58).

use super::notice::{About, Notice, Tone};

/// The title of the notice that ends an outage.
pub const ANSWERS_AGAIN: &str = "The server answers again";

/// How many changes a notice names before it counts the rest.
const NAMED: usize = 5;

/// The changes sent during an outage, as the reads after it found them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterOutage {
    server: String,
    made: Vec<(String, About)>,
    not_made: Vec<(String, About)>,
}

impl AfterOutage {
    /// The outage of `server` is over; nothing read back yet.
    pub fn new(server: &str) -> Self {
        AfterOutage { server: server.to_owned(), made: Vec::new(), not_made: Vec::new() }
    }

    /// A read found whether the change `action` (`Unmute Alice`) to the conference `about` was made.
    pub fn read_back(&mut self, action: &str, about: About, made: bool) {
        let list = if made { &mut self.made } else { &mut self.not_made };
        list.push((action.to_owned(), about));
    }

    /// The notice: information that fades, or a warning that stays while a change was not made (the
    /// moderator may want to make it again).
    pub fn notice(&self) -> Notice {
        let tone = if self.not_made.is_empty() { Tone::Info } else { Tone::Warning };
        let mut detail = format!("{} answered; the panel carries on.", self.server);
        if !self.not_made.is_empty() {
            let n = self.not_made.len();
            let (changes, were) = if n == 1 { ("change", "was") } else { ("changes", "were") };
            detail.push_str(&format!(
                " {n} {changes} sent while it did not answer {were} not made (the lists as read now do not show \
                 them): {}. Make them again if you still want them.",
                self.named(&self.not_made)
            ));
        }
        if !self.made.is_empty() {
            let n = self.made.len();
            let (changes, were) = if n == 1 { ("change", "was") } else { ("changes", "were") };
            detail.push_str(&format!(
                " {n} {changes} sent while it did not answer {were} made all the same, only the answers were lost: \
                 {}.",
                self.named(&self.made)
            ));
        }
        Notice::plain(tone, ANSWERS_AGAIN, detail).about(self.one_conference())
    }

    /// The conference every change read back was about, if they were all about one.
    fn one_conference(&self) -> Option<About> {
        let mut all = self.made.iter().chain(&self.not_made).map(|(_, about)| about);
        let first = all.next()?;
        all.all(|a| a.uri == first.uri).then(|| first.clone())
    }

    /// The first [`NAMED`] changes of `list`, then how many more; each with its conference when they are not
    /// all about one.
    fn named(&self, list: &[(String, About)]) -> String {
        let one = self.one_conference().is_some();
        let name = |(action, about): &(String, About)| {
            if one {
                action.clone()
            } else {
                format!("{action} ({})", about.name)
            }
        };
        let first: Vec<String> = list.iter().take(NAMED).map(name).collect();
        match list.len().saturating_sub(NAMED) {
            0 => first.join(", "),
            more => format!("{} and {more} more", first.join(", ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conf(name: &str) -> About {
        About { name: name.to_owned(), uri: format!("xcon:{name}@example.com") }
    }

    #[test]
    fn nothing_read_back_yet_is_information_that_fades() {
        let notice = AfterOutage::new("/ccmp").notice();
        assert_eq!(notice.tone, Tone::Info);
        assert_eq!(notice.title, ANSWERS_AGAIN);
        assert_eq!(notice.detail, "/ccmp answered; the panel carries on.");
        assert_eq!(notice.about, None);
    }

    #[test]
    fn changes_not_made_are_one_warning_that_names_them() {
        let mut after = AfterOutage::new("/ccmp");
        for i in 0..29 {
            after.read_back(&format!("Unmute U{i}"), conf("Main"), false);
        }
        let notice = after.notice();
        assert_eq!(notice.tone, Tone::Warning);
        assert!(notice.sticky());
        assert_eq!(notice.title, ANSWERS_AGAIN);
        assert_eq!(
            notice.detail,
            "/ccmp answered; the panel carries on. 29 changes sent while it did not answer were not made (the lists \
             as read now do not show them): Unmute U0, Unmute U1, Unmute U2, Unmute U3, Unmute U4 and 24 more. Make \
             them again if you still want them."
        );
        assert_eq!(notice.about, Some(conf("Main")));
    }

    #[test]
    fn changes_made_all_the_same_are_said_too() {
        let mut after = AfterOutage::new("/ccmp");
        after.read_back("Mute Ann", conf("Main"), true);
        let notice = after.notice();
        assert_eq!(notice.tone, Tone::Info);
        assert!(notice.detail.ends_with(
            "1 change sent while it did not answer was made all the same, only the answers were lost: Mute Ann."
        ));
        after.read_back("Mute Bob", conf("Main"), false);
        let notice = after.notice();
        assert_eq!(notice.tone, Tone::Warning);
        assert!(notice.detail.contains("1 change sent while it did not answer was not made"), "{}", notice.detail);
    }

    #[test]
    fn changes_to_several_conferences_name_theirs() {
        let mut after = AfterOutage::new("/ccmp");
        after.read_back("Mute Ann", conf("Main"), false);
        after.read_back("Mute Bob", conf("Side"), false);
        let notice = after.notice();
        assert_eq!(notice.about, None);
        assert!(notice.detail.contains("Mute Ann (Main), Mute Bob (Side)."), "{}", notice.detail);
    }
}
