//! Sample documents of a known shape, for benchmarks and load tests across the project: the same
//! 10,000-user conference is decoded natively, in the browser and served by the server.

use crate::message::{Payload, Response, ResponseBody};
use crate::registry::ResponseCode;
use crate::xcon::{
    AvailableMedia, Conference, ConferenceDescription, ConferenceState, Endpoint, EndpointStatus, JoiningMethod, Media,
    MediaEntry, MediaStatus, Roles, UriEntry, Uris, User, Users,
};
use crate::xcon::{Operation, State};

/// User `i` of a sample conference: display-text, one AOR, one role and an endpoint with audio and
/// video.
pub fn user(i: usize, domain: &str) -> User {
    let name = format!("user{i:05}");
    let role = match i % 50 {
        0 => "moderator",
        1..=4 => "observer",
        _ => "participant",
    };
    let audio = if i.is_multiple_of(7) { MediaStatus::RecvOnly } else { MediaStatus::SendRecv };
    let video = if i.is_multiple_of(3) { MediaStatus::Inactive } else { MediaStatus::SendRecv };
    User {
        display_text: Some(format!("Participant {i}")),
        associated_aors: Some(Uris::new(vec![UriEntry::new(format!("sip:{name}@{domain}"))])),
        roles: Some(Roles::new([role])),
        endpoints: vec![Endpoint {
            status: Some(EndpointStatus::Connected),
            joining_method: Some(JoiningMethod::DialedIn),
            media: vec![
                Media {
                    media_type: Some("audio".into()),
                    label: Some("main-audio".into()),
                    status: Some(audio),
                    ..Media::new(format!("{}", 2 * i + 1))
                },
                Media {
                    media_type: Some("video".into()),
                    label: Some("main-video".into()),
                    status: Some(video),
                    ..Media::new(format!("{}", 2 * i + 2))
                },
            ],
            ..Endpoint::new(format!("sip:{name}@{domain}"))
        }],
        ..User::new(format!("xcon-userid:{name}@{domain}"))
    }
}

/// A conference with `users` users.
pub fn conference(users: usize, domain: &str) -> Conference {
    Conference {
        state: Some(State::Full),
        version: Some(1),
        description: Some(ConferenceDescription {
            display_text: Some(format!("Town hall with {users} users")),
            subject: Some("Quarterly results".into()),
            maximum_user_count: Some(u32::try_from(users).unwrap_or(u32::MAX).saturating_add(100)),
            available_media: Some(AvailableMedia {
                entries: vec![MediaEntry::new("main-audio", "audio"), MediaEntry::new("main-video", "video")],
                ..Default::default()
            }),
            ..Default::default()
        }),
        conference_state: Some(ConferenceState {
            user_count: Some(u32::try_from(users).unwrap_or(u32::MAX)),
            active: Some(true),
            locked: Some(false),
            ..Default::default()
        }),
        users: Some(Users { users: (0..users).map(|i| user(i, domain)).collect(), ..Default::default() }),
        ..Conference::new(format!("xcon:townhall@{domain}"))
    }
}

/// The confResponse to a retrieve of [`conference`]: about 7 MB for 10,000 users.
pub fn conf_response(users: usize) -> Response {
    let conf = conference(users, "example.com");
    Response {
        conf_obj_id: Some(conf.entity.clone()),
        operation: Some(Operation::Retrieve),
        version: Some(1),
        ..Response::new(
            "xcon-userid:moderator@example.com",
            ResponseCode::Success,
            ResponseBody::Conf(Payload::new(Some(conf))),
        )
    }
}
