//! The registries in code agree with `iana-ccmp-parameters.txt`, word for word, but for the typo
//! corrections the crate lists.

use ccmp::registry::{Direction, MessageType, ResponseCode, MESSAGE_TYPES, TYPO_CORRECTIONS};
use ccmp::MessageKind;

use crate::support::spec_dir;

/// The registry's lines, with the listed corrections applied.
fn registry_lines() -> Vec<String> {
    let text = std::fs::read_to_string(spec_dir().join("iana-ccmp-parameters.txt")).expect("the IANA registry file");
    text.lines()
        .map(|line| TYPO_CORRECTIONS.iter().fold(line.to_owned(), |l, (typo, fixed)| l.replace(typo, fixed)))
        .collect()
}

#[test]
fn every_message_type_matches_the_registry() {
    let lines = registry_lines();
    let listed: Vec<&String> = lines
        .iter()
        .filter(|l| {
            l.ends_with("[RFC6503]")
                && l.split(' ').next().is_some_and(|w| w.ends_with("Request") || w.ends_with("Response"))
        })
        .collect();
    assert_eq!(listed.len(), 24);
    assert_eq!(MESSAGE_TYPES.len(), 24);
    for (line, (ty, name, description)) in listed.iter().zip(MESSAGE_TYPES.iter()) {
        assert_eq!(**line, format!("{name} {description} [RFC6503]"));
        assert_eq!(ty.name(), *name);
        assert_eq!(MessageType::from_name(name), Some(*ty));
    }
}

#[test]
fn every_kind_has_both_directions() {
    for kind in MessageKind::ALL {
        for direction in [Direction::Request, Direction::Response] {
            let ty = MessageType { kind, direction };
            let expected = match direction {
                Direction::Request => kind.request_name(),
                Direction::Response => kind.response_name(),
            };
            assert_eq!(ty.name(), expected);
        }
    }
}

#[test]
fn every_response_code_matches_the_registry() {
    let lines = registry_lines();
    let listed: Vec<&String> = lines
        .iter()
        .filter(|l| l.len() > 4 && l.as_bytes()[..3].iter().all(u8::is_ascii_digit) && l.as_bytes()[3] == b' ')
        .collect();
    assert_eq!(listed.len(), 18);
    let codes: Vec<ResponseCode> = ResponseCode::all().collect();
    assert_eq!(codes.len(), 18);
    for (line, code) in listed.iter().zip(codes) {
        assert_eq!(**line, format!("{} {} {} [RFC6503]", code.as_u16(), code.reason(), code.description()));
        assert_eq!(ResponseCode::from_u16(code.as_u16()), code);
    }
}

#[test]
fn the_corrections_are_only_of_typos() {
    // Each correction removes a doubled phrase or fixes a misspelling; none changes meaning.
    let text = std::fs::read_to_string(spec_dir().join("iana-ccmp-parameters.txt")).expect("the IANA registry file");
    for (typo, _) in TYPO_CORRECTIONS {
        assert!(text.contains(typo), "{typo:?} is not in the registry: drop the correction");
    }
}

#[test]
fn unknown_codes_are_treated_as_500() {
    let code = ResponseCode::from_u16(599);
    assert_eq!(code, ResponseCode::Unknown(599));
    assert_eq!(code.as_u16(), 599);
    assert_eq!(code.effective(), ResponseCode::ServerInternalError);
    assert_eq!(code.reason(), "Server Internal Error");
    assert!(!code.is_success() && !code.is_retryable());
}

#[test]
fn helpers_classify_what_a_client_acts_on() {
    use ResponseCode::*;
    assert!(Success.is_success());
    assert!(RequestTimeout.is_retryable());
    assert!(
        InvalidConferencePassword.needs_conference_password() && ConferencePasswordRequired.needs_conference_password()
    );
    assert!(AuthenticationRequired.needs_credentials());
    assert!(Conflict.is_conflict());
    for code in ResponseCode::all() {
        let flags = [
            code.is_success(),
            code.is_retryable(),
            code.needs_conference_password(),
            code.needs_credentials(),
            code.is_conflict(),
        ];
        assert!(flags.iter().filter(|f| **f).count() <= 1, "{code} is classified twice");
    }
}
