//! The enumerated values of the data model. A closed enumeration (the schema lists its values) refuses
//! other values on decode; an open one (the schema adds the pattern `.+`) keeps them as `Other`.

macro_rules! closed_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in schema order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value for a wire text, ignoring surrounding whitespace.
            pub fn parse(text: &str) -> Option<$name> {
                match text.trim() {
                    $($text $(| $alias)* => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value the schema's pattern `.+` admits beyond the listed ones.
            Other(String),
        }

        impl $name {
            /// The listed values, in schema order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self { $($name::$variant => $text,)+ $name::Other(s) => s }
            }

            /// The value for a wire text, ignoring surrounding whitespace; `None` only for an empty text.
            pub fn parse(text: &str) -> Option<$name> {
                Some(match text.trim() {
                    "" => return None,
                    $($text $(| $alias)* => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                })
            }
        }
    };
}

closed_enum! {
    /// The `state` attribute of conference-info elements: a full document, a partial one, or a deletion.
    State { Full = "full", Partial = "partial", Deleted = "deleted" }
}

closed_enum! {
    /// The status of a medium (RFC 4575 media-status-type). Muting is `RecvOnly` or `Inactive`.
    MediaStatus { RecvOnly = "recvonly", SendOnly = "sendonly", SendRecv = "sendrecv", Inactive = "inactive" }
}

closed_enum! {
    /// The status of an endpoint in the conference (RFC 4575 endpoint-status-type).
    EndpointStatus {
        Pending = "pending",
        DialingOut = "dialing-out",
        DialingIn = "dialing-in",
        Alerting = "alerting",
        OnHold = "on-hold",
        Connected = "connected",
        MutedViaFocus = "muted-via-focus",
        Disconnecting = "disconnecting",
        Disconnected = "disconnected",
    }
}

closed_enum! {
    /// How an endpoint joined (RFC 4575 joining-type).
    JoiningMethod { DialedIn = "dialed-in", DialedOut = "dialed-out", FocusOwner = "focus-owner" }
}

closed_enum! {
    /// How an endpoint left (RFC 4575 disconnection-type).
    DisconnectionMethod { Departed = "departed", Booted = "booted", Failed = "failed", Busy = "busy" }
}

closed_enum! {
    /// A CCMP operation.
    Operation { Retrieve = "retrieve", Create = "create", Update = "update", Delete = "delete" }
}

open_enum! {
    /// What the focus does when someone asks to join (RFC 6501 join-handling).
    JoinHandling {
        Block = "block",
        Confirm = "confirm",
        Allow = "allow",
        Authenticate = "authenticate",
        DirectedOperator = "directed-operator",
    }
}

open_enum! {
    /// Who may join (RFC 6501 user-admission-policy).
    AdmissionPolicy {
        ClosedAuthenticated = "closedAuthenticated",
        OpenAuthenticated = "openAuthenticated",
        Anonymous = "anonymous",
    }
}

open_enum! {
    /// How the focus brings an allowed user in (RFC 6501 method-type). RFC 6503's own example writes
    /// `dial out`; it is read as `dial-out`.
    TargetMethod { DialIn = "dial-in", DialOut = "dial-out" | "dial out", Refer = "refer" }
}

open_enum! {
    /// How a user is shown to the others (RFC 6501 provide-anonymity-type).
    Anonymity { Private = "private", SemiPrivate = "semi-private", Hidden = "hidden" }
}

open_enum! {
    /// What the focus does with floor requests (RFC 6501 floor-request-handling-type).
    FloorRequestHandling { Block = "block", Confirm = "confirm" }
}

open_enum! {
    /// How a floor is granted (RFC 6501 algorithm-type).
    FloorAlgorithm { ModeratorControlled = "moderator-controlled", Fcfs = "FCFS", Random = "random" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_trimmed_and_aliases_read() {
        assert_eq!(Operation::parse(" create \n"), Some(Operation::Create));
        assert_eq!(TargetMethod::parse("dial out"), Some(TargetMethod::DialOut));
        assert_eq!(TargetMethod::DialOut.as_str(), "dial-out");
        assert_eq!(JoinHandling::parse("queue"), Some(JoinHandling::Other("queue".into())));
        assert_eq!(MediaStatus::parse("muted"), None);
        assert_eq!(JoinHandling::parse("  "), None);
    }
}
