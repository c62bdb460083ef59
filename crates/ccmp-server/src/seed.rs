//! First start: the blueprints, the moderator account and a few example conferences, so that a fresh
//! panel has something to show. Every start: the moderator account for the configured domain, with the
//! password given by flag or environment.

use std::time::{Duration, Instant};

use ccmp::xcon::{
    AvailableMedia, Conference, ConferenceState, Endpoint, EndpointStatus, Floor, FloorAlgorithm, FloorInformation,
    FloorPolicy, FloorRequestHandling, JoinHandling, JoiningMethod, Media, MediaEntry, MediaStatus, Roles,
    SidebarsByVal, UriEntry, Uris, User, Users,
};

use crate::auth::{hash_password, random_password};
use crate::conference::{make_new, recount};
use crate::store::{Account, Kind, Object, Store};
use crate::{AppState, Config, StartError};

/// The moderator's username.
pub const MODERATOR: &str = "moderator";

/// What the server prints on start.
#[derive(Debug, Clone)]
pub struct Banner {
    pub moderator_id: String,
    pub username: String,
    pub password: Password,
}

/// Where the moderator's password came from on this start: an admin restarting the server should know
/// whether the password they gave replaced the stored one, or the stored one still holds.
#[derive(Debug, Clone)]
pub enum Password {
    /// Given by `--moderator-password` or `CCMP_MODERATOR_PASSWORD`: it replaced any stored one.
    Given,
    /// The one the database holds, unchanged.
    Stored,
    /// Made up by the server (a first start without one given): shown once, only its hash is kept.
    Generated(String),
}

/// Opens the store, ensures the moderator, seeds a new database.
pub async fn prepare(config: Config) -> Result<(AppState, Banner), StartError> {
    let (store, fresh) = Store::open(&config.db)?;
    // Seeded in one transaction with the moderator's account: a database that holds nothing at all was never
    // seeded, though its schema was made (QA: a start killed between the two left it without blueprints).
    let unseeded = !fresh && store.read().is_empty();
    if unseeded {
        tracing::warn!(target: "ccmp", db = %config.db.display(), "the database holds no data yet (a first start cut short?): seeding it now");
    }
    let fresh = fresh || unseeded;
    let domain = config.domain.clone();
    let moderator_id = format!("xcon-userid:{MODERATOR}@{domain}");
    let existing = store.read().account(&moderator_id).cloned();
    let (hash, source) = match (&config.moderator_password, existing) {
        (Some(password), _) => (Some(hash(password)?), Password::Given),
        (None, Some(account)) if account.password_hash.is_some() => (account.password_hash.clone(), Password::Stored),
        (None, _) => {
            let password = random_password(20);
            (Some(hash(&password)?), Password::Generated(password))
        }
    };
    let account = Account {
        user_id: moderator_id.clone(),
        username: Some(MODERATOR.to_owned()),
        password_hash: hash,
        admin: true,
    };
    let seed_domain = domain.clone();
    let owner = moderator_id.clone();
    let far = Instant::now() + Duration::from_secs(3600);
    store
        .write(far, move |tx| {
            // Another account may hold the username from a run with another domain: the name follows the
            // domain in use.
            if let Some(other) = tx.snapshot().account_by_username(MODERATOR).cloned() {
                if other.user_id != account.user_id {
                    tx.put_account(Account { username: None, admin: false, ..(*other).clone() });
                }
            }
            tx.put_account(account);
            if fresh {
                for doc in blueprints(&seed_domain) {
                    tx.put(Object {
                        seq: 0,
                        kind: Kind::Blueprint,
                        doc,
                        owner: None,
                        parent: None,
                        password_hash: None,
                        encoded: Default::default(),
                    });
                }
                for (doc, parent) in examples(&seed_domain) {
                    for user in doc.users.iter().flat_map(|u| &u.users) {
                        if let Some(id) = &user.entity {
                            tx.put_account(Account {
                                user_id: id.clone(),
                                username: None,
                                password_hash: None,
                                admin: false,
                            });
                        }
                    }
                    let owner = Some(owner.clone());
                    tx.put(Object {
                        seq: 0,
                        kind: Kind::Conference,
                        doc,
                        owner,
                        parent,
                        password_hash: None,
                        encoded: Default::default(),
                    });
                }
            }
            Ok(())
        })
        .await
        .map_err(|f| StartError::Seed(f.response_string()))?;
    let banner = Banner { moderator_id, username: MODERATOR.to_owned(), password: source };
    Ok((AppState::new(config, store), banner))
}

/// Takes back a password the server made up and could not show: the moderator's account keeps no hash, and
/// the next start makes up another and shows it.
pub async fn forget_unshown(state: &AppState, moderator_id: &str) {
    let id = moderator_id.to_owned();
    let far = Instant::now() + Duration::from_secs(60);
    let forgot = state
        .store
        .write(far, move |tx| {
            if let Some(account) = tx.account(&id) {
                tx.put_account(Account { password_hash: None, ..(*account).clone() });
            }
            Ok(())
        })
        .await;
    if forgot.is_err() {
        tracing::error!(target: "ccmp", "the unshown moderator password could not be taken back");
    }
}

fn hash(password: &str) -> Result<String, StartError> {
    hash_password(password).map_err(|f| StartError::Seed(f.response_string()))
}

fn media(entries: &[(&str, &str, &str)]) -> AvailableMedia {
    AvailableMedia {
        entries: entries
            .iter()
            .map(|(label, kind, text)| MediaEntry {
                display_text: Some((*text).to_owned()),
                ..MediaEntry::new(*label, *kind)
            })
            .collect(),
        ..Default::default()
    }
}

fn floors(handling: FloorRequestHandling, algorithm: FloorAlgorithm, max: u64, labels: &[&str]) -> FloorInformation {
    FloorInformation {
        floor_request_handling: Some(handling),
        conference_floor_policy: Some(FloorPolicy {
            floors: vec![Floor {
                id: "audioFloor".into(),
                media_labels: labels.iter().map(|l| (*l).to_owned()).collect(),
                algorithm: Some(algorithm),
                max_floor_users: Some(max),
                ..Default::default()
            }],
            ..Default::default()
        }),
        ..Default::default()
    }
}

struct BlueprintSpec {
    name: &'static str,
    purpose: &'static str,
    video: bool,
    max_users: u32,
    join: JoinHandling,
    sidebars: bool,
    floor: (FloorRequestHandling, FloorAlgorithm, u64),
}

const BLUEPRINTS: &[BlueprintSpec] = &[
    BlueprintSpec {
        name: "AudioRoom",
        purpose: "Simple room: public access, audio only, several people may talk at once, floor requests are \
                  granted automatically.",
        video: false,
        max_users: 50,
        join: JoinHandling::Allow,
        sidebars: false,
        floor: (FloorRequestHandling::Confirm, FloorAlgorithm::Fcfs, 8),
    },
    BlueprintSpec {
        name: "VideoRoom",
        purpose: "Video room: public access, audio and video, 8 people may talk and be seen at once, floor \
                  requests are granted automatically.",
        video: true,
        max_users: 50,
        join: JoinHandling::Allow,
        sidebars: true,
        floor: (FloorRequestHandling::Confirm, FloorAlgorithm::Fcfs, 8),
    },
    BlueprintSpec {
        name: "AudioConference",
        purpose: "Moderated audio conference: one person talks at a time, a moderator grants the floor and \
                  admits who joins.",
        video: false,
        max_users: 200,
        join: JoinHandling::Confirm,
        sidebars: true,
        floor: (FloorRequestHandling::Confirm, FloorAlgorithm::ModeratorControlled, 1),
    },
    BlueprintSpec {
        name: "VideoConference",
        purpose: "Moderated video conference: audio and video, one speaker at a time, a moderator grants the \
                  floor and admits who joins; breakout rooms allowed.",
        video: true,
        max_users: 200,
        join: JoinHandling::Confirm,
        sidebars: true,
        floor: (FloorRequestHandling::Confirm, FloorAlgorithm::ModeratorControlled, 1),
    },
];

/// The blueprints, in the order blueprintsRequest lists them.
pub fn blueprints(domain: &str) -> Vec<Conference> {
    BLUEPRINTS
        .iter()
        .map(|spec| {
            let mut doc = Conference::new(format!("xcon:{}@{domain}", spec.name));
            doc.version = Some(1);
            let d = doc.description_mut();
            d.display_text = Some(spec.name.to_owned());
            d.free_text = Some(spec.purpose.to_owned());
            d.maximum_user_count = Some(spec.max_users);
            let mut entries = vec![("audioLabel", "audio", "audio stream")];
            if spec.video {
                entries.push(("videoLabel", "video", "video stream"));
            }
            d.available_media = Some(media(&entries));
            d.allow_sidebars = Some(spec.sidebars);
            doc.users = Some(Users { join_handling: Some(spec.join.clone()), ..Default::default() });
            let (handling, algorithm, max) = spec.floor.clone();
            doc.floor_information = Some(floors(handling, algorithm, max, &["audioLabel"]));
            doc
        })
        .collect()
}

/// A user with one SIP endpoint carrying audio (and video), muted when `muted`.
fn person(domain: &str, name: &str, display: &str, role: &str, video: bool, muted: bool) -> User {
    let mut user = User::new(format!("xcon-userid:{name}@{domain}"));
    user.display_text = Some(display.to_owned());
    user.associated_aors = Some(Uris::new(vec![UriEntry::new(format!("sip:{name}@{domain}"))]));
    user.roles = Some(Roles::new([role]));
    let mut endpoint = Endpoint::new(format!("sip:{name}@{domain}"));
    endpoint.status = Some(EndpointStatus::Connected);
    endpoint.joining_method = Some(JoiningMethod::DialedIn);
    let status = if muted { MediaStatus::RecvOnly } else { MediaStatus::SendRecv };
    endpoint.media.push(Media {
        media_type: Some("audio".into()),
        label: Some("audioLabel".into()),
        status: Some(status),
        ..Media::new("1")
    });
    if video {
        endpoint.media.push(Media {
            media_type: Some("video".into()),
            label: Some("videoLabel".into()),
            status: Some(MediaStatus::SendRecv),
            ..Media::new("2")
        });
    }
    user.endpoints.push(endpoint);
    user
}

/// A conference cloned from blueprint `index`, named and peopled.
fn example(
    domain: &str,
    id: &str,
    index: usize,
    title: &str,
    subject: &str,
    active: bool,
    users: Vec<User>,
) -> Conference {
    let mut doc = blueprints(domain).swap_remove(index);
    let blueprint = doc.entity.clone();
    let d = doc.description_mut();
    d.display_text = Some(title.to_owned());
    d.subject = Some(subject.to_owned());
    d.free_text = None;
    d.cloning_parent = Some(blueprint);
    doc.users.get_or_insert_with(Default::default).users = users;
    make_new(&mut doc, &format!("xcon:{id}@{domain}"));
    doc.conference_state = Some(ConferenceState { active: Some(active), locked: Some(false), ..Default::default() });
    recount(&mut doc);
    doc
}

/// The example conferences, each with the parent it belongs to (for a sidebar by reference).
pub fn examples(domain: &str) -> Vec<(Conference, Option<String>)> {
    let d = domain;
    let sync = example(
        d,
        "weekly-sync",
        2,
        "Weekly team sync",
        "Sprint review and planning",
        true,
        vec![
            person(d, "alice", "Alice Martin", "moderator", false, false),
            person(d, "bob", "Bob Chen", "participant", false, false),
            person(d, "carol", "Carol Diaz", "participant", false, true),
        ],
    );
    let mut all_hands = example(
        d,
        "all-hands",
        3,
        "Product launch all-hands",
        "Launch day briefing for the whole company",
        true,
        vec![
            person(d, "dave", "Dave Okafor", "moderator", true, false),
            person(d, "erin", "Erin Walsh", "participant", true, true),
            person(d, "frank", "Frank Muller", "participant", true, false),
            person(d, "grace", "Grace Kim", "observer", true, true),
        ],
    );
    let mut breakout = Conference::new(format!("xcon:all-hands-qa@{d}"));
    breakout.version = Some(1);
    breakout.description_mut().display_text = Some("Q&A breakout".into());
    breakout.description_mut().sidebar_parent = Some(all_hands.entity.clone());
    breakout.users = Some(Users {
        users: vec![person(d, "frank", "Frank Muller", "participant", true, false)],
        ..Default::default()
    });
    recount(&mut breakout);
    all_hands.sidebars_by_val = Some(SidebarsByVal { entries: vec![breakout], ..Default::default() });
    let mut desk =
        example(d, "support-desk", 1, "Customer support desk", "Open video room for walk-in questions", false, vec![]);
    let escalations_uri = format!("xcon:support-escalations@{d}");
    desk.sidebars_by_ref = Some(Uris::new(vec![UriEntry::new(&escalations_uri).with_display_text("Escalations")]));
    let mut escalations = example(
        d,
        "support-escalations",
        1,
        "Escalations",
        "Support cases handed to the second line",
        false,
        vec![person(d, "heidi", "Heidi Novak", "moderator", true, false)],
    );
    escalations.description_mut().sidebar_parent = Some(desk.entity.clone());
    let desk_uri = desk.entity.clone();
    vec![(sync, None), (all_hands, None), (desk, None), (escalations, Some(desk_uri))]
}
