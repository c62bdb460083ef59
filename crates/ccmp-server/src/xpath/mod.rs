//! xpathFilter on the list requests.

use ccmp::xcon::Conference;

use crate::failure::{Failure, Outcome};

/// A compiled filter; the empty filter selects everything.
pub struct Filter(Option<String>);

impl Filter {
    pub fn from_request(text: Option<&str>) -> Outcome<Filter> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(Filter(None)),
            Some(_) => Err(Failure::new(ccmp::ResponseCode::NotImplemented, "xpathFilter is not implemented yet")),
        }
    }

    pub fn matches(&self, _doc: &Conference) -> bool {
        self.0.is_none()
    }
}
