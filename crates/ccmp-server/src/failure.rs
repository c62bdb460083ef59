//! Why a request did not succeed: a CCMP response code and a sentence for the response-string.

use ccmp::ResponseCode;

/// A request's failure. Every variant of the protocol's outcome travels in HTTP 200; the `code` is what
/// the client acts on and `detail` becomes the response-string after the code's reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: ResponseCode,
    pub detail: String,
    /// The object's current version, for 409 (the client re-reads from there).
    pub version: Option<u64>,
    /// The sender's XCON-USERID when the request did not name it (a join with credentials and no
    /// confUserID): the response's confUserID, which is required and names the sender.
    pub sender: Option<String>,
}

pub type Outcome<T> = Result<T, Failure>;

impl Failure {
    pub fn new(code: ResponseCode, detail: impl Into<String>) -> Failure {
        Failure { code, detail: detail.into(), version: None, sender: None }
    }

    /// 400: the request is malformed or misses a required parameter.
    pub fn bad_request(detail: impl Into<String>) -> Failure {
        Failure::new(ResponseCode::BadRequest, detail)
    }
    /// 401: the sender may not do this.
    pub fn unauthorized(detail: impl Into<String>) -> Failure {
        Failure::new(ResponseCode::Unauthorized, detail)
    }
    /// 403: the operation is not valid for this object.
    pub fn forbidden(detail: impl Into<String>) -> Failure {
        Failure::new(ResponseCode::Forbidden, detail)
    }
    /// 404: no such object, or an object of another kind.
    pub fn not_found(detail: impl Into<String>) -> Failure {
        Failure::new(ResponseCode::ObjectNotFound, detail)
    }
    /// 409: the change collides with the current state, whose version is given.
    pub fn conflict(detail: impl Into<String>, version: Option<u64>) -> Failure {
        Failure { version, ..Failure::new(ResponseCode::Conflict, detail) }
    }
    /// 420: the target user is unknown.
    pub fn user_not_found(detail: impl Into<String>) -> Failure {
        Failure::new(ResponseCode::UserNotFound, detail)
    }
    /// 426: a policy, a role or the parent protects the value.
    pub fn protected(detail: impl Into<String>) -> Failure {
        Failure::new(ResponseCode::ForbiddenChangeProtected, detail)
    }

    /// 500, after logging the cause (the client only learns that something broke).
    pub fn internal(cause: impl std::fmt::Display) -> Failure {
        tracing::error!(target: "ccmp", error = %cause, "internal error");
        Failure::new(ResponseCode::ServerInternalError, "the server failed to process the request; see its log")
    }

    /// The response-string: the registry's reason, then the detail.
    pub fn response_string(&self) -> String {
        if self.detail.is_empty() {
            self.code.reason().to_owned()
        } else {
            format!("{}: {}", self.code.reason(), self.detail)
        }
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Failure {
        Failure::internal(format_args!("database: {e}"))
    }
}
