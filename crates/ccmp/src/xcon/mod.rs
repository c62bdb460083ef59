//! The XCON data model (RFC 6501 on top of RFC 4575's conference-info): what confInfo, usersInfo,
//! userInfo and the list payloads hold.
//!
//! Every field the schema marks optional is an `Option` (absent is not the same as empty in a partial
//! update: an empty element removes a value); whatever is not modelled is kept in the type's `unknown`.

#[macro_use]
mod values;
mod conference;
pub mod declared;
mod floor;
pub mod merge;
pub mod time;
mod uris;
mod user;
mod users;

pub use conference::{
    AvailableMedia, Conference, ConferenceDescription, ConferenceState, HostInfo, MediaEntry, SidebarsByVal,
};
pub use floor::{Floor, FloorInformation, FloorPolicy};
pub use time::{ConferenceTime, MixingOffset, TimeEntry};
pub use uris::{Execution, UriEntry, Uris};
pub use user::{Endpoint, Media, Roles, User};
pub use users::{AllowedUsersList, DenyTarget, DenyUsersList, PersistentList, PersistentUser, Target, Users};
pub use values::{
    AdmissionPolicy, Anonymity, DisconnectionMethod, EndpointStatus, FloorAlgorithm, FloorRequestHandling,
    JoinHandling, JoiningMethod, MediaStatus, Operation, State, TargetMethod,
};
