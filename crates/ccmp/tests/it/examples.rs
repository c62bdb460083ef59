//! Every example message of RFC 6503 section 6 decodes; its re-encoding validates against the schema
//! and decodes back to an equal value.

use ccmp::codec::{decode, encode_pretty, Message};

use crate::support::{spec_dir, validate};

fn examples() -> Vec<(String, String)> {
    let dir = spec_dir().join("examples/rfc6503");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

#[test]
fn every_rfc_example_decodes_reencodes_validly_and_round_trips() {
    let examples = examples();
    assert_eq!(examples.len(), 18, "the 18 examples of RFC 6503 section 6");
    for (name, xml) in examples {
        let message = decode(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        for encoded in [encode_pretty(&message), compact(&message)] {
            validate(&encoded).unwrap_or_else(|e| panic!("{name} re-encoded is not valid: {e}"));
            let again =
                decode(&encoded).unwrap_or_else(|e| panic!("{name} re-encoded does not decode: {e}\n{encoded}"));
            assert_eq!(again, message, "{name} changed in a round trip:\n{encoded}");
        }
    }
}

#[test]
fn every_element_of_the_data_model_in_the_rfc_examples_is_declared() {
    for (name, xml) in examples() {
        assert!(ccmp::xcon::declared::undeclared(&xml).is_empty(), "{name}");
    }
}

fn compact(m: &Message) -> String {
    match m {
        Message::Request(r) => r.to_xml(),
        Message::Response(r) => r.to_xml(),
    }
}
