use std::fmt;

/// A CCMP response code (RFC 6503 section 5.4). Codes outside the registry are kept as [`Unknown`]
/// and treated as 500 by every helper, as the RFC asks of clients.
///
/// [`Unknown`]: ResponseCode::Unknown
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResponseCode {
    Success,
    BadRequest,
    Unauthorized,
    Forbidden,
    ObjectNotFound,
    Conflict,
    UserNotFound,
    InvalidConfUserId,
    InvalidConferencePassword,
    ConferencePasswordRequired,
    AuthenticationRequired,
    ForbiddenDeleteParent,
    ForbiddenChangeProtected,
    InvalidDomainName,
    ServerInternalError,
    NotImplemented,
    RequestTimeout,
    ResourcesNotAvailable,
    /// A three-digit code the registry does not list.
    Unknown(u16),
}

use ResponseCode::*;

/// `(code, number, default response string, description)`, in registry order.
const TABLE: [(ResponseCode, u16, &str, &str); 18] = [
    (Success, 200, "Success", "The request was successfully processed."),
    (BadRequest, 400, "Bad Request", "The request was badly formed in some fashion."),
    (
        Unauthorized,
        401,
        "Unauthorized",
        "The user was not authorized for the specific operation on the conference object.",
    ),
    (Forbidden, 403, "Forbidden", "The specific operation is not valid for the target conference object."),
    (ObjectNotFound, 404, "Object Not Found", "The specific conference object was not found."),
    (
        Conflict,
        409,
        "Conflict",
        "A requested operation cannot be successfully completed by the server. For example, the \
         modification of an object cannot be applied because the client version of the object is obsolete \
         and the requested modifications collide with the up-to-date state of the object stored at the server.",
    ),
    (UserNotFound, 420, "User Not Found", "The user who is the target of the requested operation is unknown."),
    (InvalidConfUserId, 421, "Invalid confUserID", "The \"confUserID\" of the sender in the request is invalid."),
    (
        InvalidConferencePassword,
        422,
        "Invalid Conference Password",
        "A request to access/manipulate a password-protected conference object contained an invalid \
         \"conference-password\" parameter.",
    ),
    (
        ConferencePasswordRequired,
        423,
        "Conference Password Required",
        "A request to access/manipulate a password-protected conference object did not contain a \
         \"conference-password\" parameter.",
    ),
    (
        AuthenticationRequired,
        424,
        "Authentication Required",
        "The server wants to authenticate the request through the \"subject\" parameter but the parameter \
         is not provided in the request.",
    ),
    (
        ForbiddenDeleteParent,
        425,
        "Forbidden Delete Parent",
        "The conferencing system cannot delete the specific conference object because it is a parent for \
         another conference object.",
    ),
    (
        ForbiddenChangeProtected,
        426,
        "Forbidden Change Protected",
        "The target conference object cannot be changed (e.g., due to policies, roles or privileges).",
    ),
    (
        InvalidDomainName,
        427,
        "Invalid Domain Name",
        "The domain name in an AUTO_GENERATE_X instance in the conference object is not within the \
         conference server's domain of responsibility.",
    ),
    (
        ServerInternalError,
        500,
        "Server Internal Error",
        "The conference server experienced some sort of internal error.",
    ),
    (NotImplemented, 501, "Not Implemented", "The specific operation is not implemented on the conferencing system."),
    (
        RequestTimeout,
        510,
        "Request Timeout",
        "The request could not be processed within a reasonable time (as specified by the conferencing \
         system).",
    ),
    (
        ResourcesNotAvailable,
        511,
        "Resources Not Available",
        "The conference server cannot execute a command because of resource issues, e.g. it cannot create \
         a conference because the system has reached its limits on the number of conferences.",
    ),
];

impl ResponseCode {
    /// Every registered code, in registry order.
    pub fn all() -> impl Iterator<Item = ResponseCode> {
        TABLE.iter().map(|row| row.0)
    }

    /// The code for a number; numbers outside the registry become [`ResponseCode::Unknown`].
    pub fn from_u16(number: u16) -> ResponseCode {
        TABLE.iter().find(|row| row.1 == number).map_or(Unknown(number), |row| row.0)
    }

    /// The number on the wire.
    pub fn as_u16(self) -> u16 {
        match self {
            Unknown(n) => n,
            code => Self::row(code).1,
        }
    }

    /// The registry's default response string. An unknown code reads as 500's.
    pub fn reason(self) -> &'static str {
        Self::row(self.effective()).2
    }

    /// The registry's description. An unknown code reads as 500's.
    pub fn description(self) -> &'static str {
        Self::row(self.effective()).3
    }

    /// The code a client acts on: an unknown code is treated as 500 (RFC 6503 section 5.4).
    pub fn effective(self) -> ResponseCode {
        match self {
            Unknown(_) => ServerInternalError,
            code => code,
        }
    }

    pub fn is_success(self) -> bool {
        self == Success
    }
    /// 510: the server gave up in time; the same request may succeed later.
    pub fn is_retryable(self) -> bool {
        self == RequestTimeout
    }
    /// 422 or 423: ask for the conference password and retry.
    pub fn needs_conference_password(self) -> bool {
        matches!(self, InvalidConferencePassword | ConferencePasswordRequired)
    }
    /// 424: ask for credentials and retry.
    pub fn needs_credentials(self) -> bool {
        self == AuthenticationRequired
    }
    /// 409: the object changed under the request; re-read it.
    pub fn is_conflict(self) -> bool {
        self == Conflict
    }
    /// 401, 403, 426: the sender's role or the object's policy forbids it; retrying unchanged is useless.
    pub fn is_not_allowed(self) -> bool {
        matches!(self, Unauthorized | Forbidden | ForbiddenChangeProtected)
    }

    fn row(code: ResponseCode) -> &'static (ResponseCode, u16, &'static str, &'static str) {
        // Every variant but Unknown has a row, and callers map Unknown away first.
        TABLE.iter().find(|row| row.0 == code).unwrap_or(&TABLE[14])
    }
}

impl fmt::Display for ResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.as_u16(), self.reason())
    }
}
