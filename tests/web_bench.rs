//! Benchmark (not a test of correctness): decoding the 10,000-user confResponse in the browser with the
//! `ccmp` crate compiled to wasm, into the typed model, against `DOMParser.parseFromString` on the same
//! text in the same run. Prints the figures; asserts nothing about time. Slow in debug builds, so it only
//! measures when built with `CCMP_PANEL_BENCH=1`:
//!
//! `CCMP_PANEL_BENCH=1 CHROMEDRIVER=/usr/bin/chromedriver cargo test -p ccmp-panel --release --target wasm32-unknown-unknown --test web_bench`

#![cfg(target_arch = "wasm32")]

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    type Parser;
    #[wasm_bindgen(constructor, js_class = "DOMParser")]
    fn new() -> Parser;
    #[wasm_bindgen(method, js_name = parseFromString)]
    fn parse(this: &Parser, text: &JsString, kind: &str) -> JsValue;
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

#[wasm_bindgen_test]
fn decode_10000_users_against_domparser() {
    if option_env!("CCMP_PANEL_BENCH").is_none() {
        console_log!("web_bench: build with CCMP_PANEL_BENCH=1 to measure");
        return;
    }
    let xml = ccmp::sample::conf_response(10_000).to_xml();
    // The text arrives from fetch as a JavaScript string; both sides start from it.
    let text = JsString::from(xml.as_str());
    let parser = Parser::new();
    let runs = 7;
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..runs {
        let t = now();
        let rust: String = String::from(&text);
        let decoded = ccmp::decode_response(&rust).expect("the sample decodes");
        let users = decoded.body.conference().and_then(|c| c.users.as_ref()).map_or(0, |u| u.users.len());
        ours.push(now() - t);
        assert_eq!(users, 10_000);

        let t = now();
        let doc = parser.parse(&text, "application/xml");
        theirs.push(now() - t);
        assert!(!doc.is_undefined());
    }
    let (ours, theirs) = (median(ours), median(theirs));
    let mb = xml.len() as f64 / 1_000_000.0;
    console_log!(
        "BENCH panel-decode-10000-users: {:.1} MB; ccmp (wasm, into the model) {:.1} ms ({:.1} MB/s); DOMParser {:.1} ms ({:.1} MB/s); ratio {:.2}x (median of {runs})",
        mb,
        ours,
        mb / ours * 1000.0,
        theirs,
        mb / theirs * 1000.0,
        theirs / ours
    );
}
