//! Feeds arbitrary bytes to the decoder: it must never panic, and whatever decodes must survive an
//! encode-then-decode unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(message) = ccmp::codec::decode(text) else { return };
    let encoded = match &message {
        ccmp::codec::Message::Request(r) => r.to_xml(),
        ccmp::codec::Message::Response(r) => r.to_xml(),
    };
    match ccmp::codec::decode(&encoded) {
        Ok(again) => assert_eq!(again, message, "changed in a round trip:\n{encoded}"),
        Err(e) => panic!("our own encoding does not decode: {e}\n{encoded}"),
    }
});
