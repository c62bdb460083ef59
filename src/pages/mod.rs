//! One file per route.

mod blueprint;
mod blueprints;
mod conference;
mod conference_edit;
mod conference_extend;
mod conferences;
mod console;
mod create;
mod not_found;
mod settings;
// Part 2: users, admission, sidebars, audit.
pub mod audit;
mod conference_admission;
mod conference_sidebars;
mod conference_users;

pub use blueprint::BlueprintPage;
pub use blueprints::{drop_gone_blueprints, BlueprintsPage};
pub use conference::ConferencePage;
pub use conferences::ConferencesPage;
pub use console::ConsolePage;
pub use create::CreatePage;
pub use not_found::NotFound;
pub use settings::SettingsPage;

pub use audit::AuditPage;
