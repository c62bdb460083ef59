//! Widgets, one per file. Components wire signals to the plain state in `crate::state`; they hold no
//! protocol logic of their own.

use leptos::prelude::*;

mod action_button;
mod address_bar;
mod back_closes;
mod conf_fields;
mod conf_overview;
mod connect_view;
mod copy_button;
mod dialog_frame;
mod enter_key;
mod floor_fields;
mod focus;
mod nav_rail;
mod notice_area;
mod page_title;
mod progress_bar;
mod prompt_host;
mod require_connection;
mod show_more;
mod tabs;
mod undo_control;
mod xml_view;
// Part 2: users, admission, sidebars.
mod add_user_form;
mod bulk_bar;
mod confirm_dialog;
mod help_overlay;
mod remove_dialog;
mod rename_dialog;
mod user_detail;
pub mod user_table;
mod users_view;
mod waiting_room;

pub use action_button::{ActionButton, ActionLink, DisabledAction};
pub use address_bar::keep_address_bar_in_step;
pub use back_closes::{drop_stale_entry, when_settled};
pub use conf_fields::{incomplete_time, ConfFields};
pub use conf_overview::ConfOverview;
pub use connect_view::ConnectView;
pub use copy_button::CopyButton;
pub use dialog_frame::DialogFrame;
pub use enter_key::enter_submits;
pub use floor_fields::FloorFields;
pub use focus::{
    focus_follows_navigation, focus_lost, focus_main, focus_main_if_lost, focus_nth, focus_unplaced, undo_then_refocus,
};
pub use nav_rail::NavRail;
pub use notice_area::NoticeArea;
pub use page_title::use_page_title;
pub use progress_bar::ProgressBar;
pub use prompt_host::PromptHost;
pub use require_connection::RequireConnection;
pub use show_more::{ShowMore, PAGE};
pub use tabs::Tabs;
pub use undo_control::UndoControl;
pub use xml_view::XmlView;

pub use add_user_form::AddUserForm;
pub use bulk_bar::BulkBar;
pub use confirm_dialog::ConfirmDialog;
pub use help_overlay::HelpOverlay;
pub use remove_dialog::RemoveDialog;
pub use rename_dialog::RenameDialog;
pub use user_detail::UserDetail;
pub use user_table::UserTable;
pub use users_view::UsersView;

pub use crate::state::uri_path::path_segment;

/// The object the page at `/{section}/:id` is about ([`crate::state::uri_path::from_route`]), following the
/// address; empty on another page.
pub fn route_uri(section: &'static str) -> Memo<String> {
    let pathname = leptos_router::hooks::use_location().pathname;
    Memo::new(move |_| pathname.with(|p| route_uri_of(p, section)).unwrap_or_default())
}

/// The object of the page at `pathname`, when it is a page of `section`.
pub fn route_uri_of(pathname: &str, section: &str) -> Option<String> {
    let uri = crate::state::uri_path::from_route(crate::state::base_path::route(pathname), section);
    (!uri.is_empty()).then_some(uri)
}

/// The path of a conference's page. XCON-URIs mostly hold only characters a path segment allows (`:` and
/// `@` included), and go in as they are; the few that cannot stand there are escaped ([`path_segment`]).
pub fn conference_href(uri: &str) -> String {
    crate::state::base_path::href(&format!("/conferences/{}", path_segment(uri.trim())))
}

pub fn blueprint_href(uri: &str) -> String {
    crate::state::base_path::href(&format!("/blueprints/{}", path_segment(uri.trim())))
}

/// What a sort button adds to its name for a screen reader, from its header's `aria-sort`.
pub fn sorted_said(aria_sort: &str) -> &'static str {
    match aria_sort {
        "ascending" => ", sorted ascending",
        "descending" => ", sorted descending",
        _ => "",
    }
}
