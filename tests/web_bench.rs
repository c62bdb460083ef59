//! Benchmark (not a test of correctness): decoding the 10,000-user confResponse in the browser with the
//! `ccmp` crate compiled to wasm, into the typed model, against `DOMParser.parseFromString` on the same
//! text in the same run; and what the conferences list adds to each read of that conference (its row, with
//! the index of the people in it that the list's filter searches). Prints the figures; asserts nothing
//! about time. Slow in debug builds, so it only measures when built with `CCMP_PANEL_BENCH=1`:
//!
//! `CCMP_PANEL_BENCH=1 CHROMEDRIVER=/usr/bin/chromedriver cargo test -p ccmp-panel --profile wasm-release --target wasm32-unknown-unknown --test web_bench`

#![cfg(target_arch = "wasm32")]

use ccmp_panel::state::conf_list::ConfRow;
use ccmp_panel::state::glance::Glance;
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
    // What fetch hands over: the body as bytes (what the panel reads, `Response::binary`) or as a
    // JavaScript string (what DOMParser needs).
    let bytes = js_sys::Uint8Array::from(xml.as_bytes());
    let text = JsString::from(xml.as_str());
    let parser = Parser::new();
    let runs = 7;
    let (mut model_only, mut from_bytes, mut from_string, mut dom) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let users = |r: &ccmp::Response| r.body.conference().and_then(|c| c.users.as_ref()).map_or(0, |u| u.users.len());
    for _ in 0..runs {
        let t = now();
        let decoded = ccmp::decode_response(&xml).expect("the sample decodes");
        model_only.push(now() - t);
        assert_eq!(users(&decoded), 10_000);
        drop(decoded);

        let t = now();
        let body = String::from_utf8(bytes.to_vec()).expect("UTF-8");
        let decoded = ccmp::decode_response(&body).expect("the sample decodes");
        from_bytes.push(now() - t);
        assert_eq!(users(&decoded), 10_000);
        drop((decoded, body));

        let t = now();
        let body: String = String::from(&text);
        let decoded = ccmp::decode_response(&body).expect("the sample decodes");
        from_string.push(now() - t);
        assert_eq!(users(&decoded), 10_000);
        drop((decoded, body));

        let t = now();
        let doc = parser.parse(&text, "application/xml");
        dom.push(now() - t);
        assert!(!doc.is_undefined());
    }
    let mb = xml.len() as f64 / 1_000_000.0;
    let dom = median(dom);
    let line =
        |what: &str, ms: f64| format!("{what} {ms:.1} ms ({:.1} MB/s, {:.2}x DOMParser)", mb / ms * 1000.0, dom / ms);
    console_log!(
        "BENCH panel-decode-10000-users: {mb:.1} MB, median of {runs}; DOMParser.parseFromString {dom:.1} ms ({:.1} MB/s); {}; {}; {}",
        mb / dom * 1000.0,
        line("ccmp decode into the model", median(model_only)),
        line("bytes to model (what the panel does)", median(from_bytes)),
        line("JS string to model", median(from_string)),
    );
}

#[wasm_bindgen_test]
fn the_list_row_and_the_overview_of_a_10000_user_conference() {
    if option_env!("CCMP_PANEL_BENCH").is_none() {
        console_log!("web_bench: build with CCMP_PANEL_BENCH=1 to measure");
        return;
    }
    let response = ccmp::sample::conf_response(10_000);
    let conf = response.body.conference().expect("the sample holds a conference");
    let runs = 7;
    let (mut row_took, mut glance, mut copy) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let mut row = ConfRow::from_entry(&ccmp::xcon::UriEntry::new(conf.entity.clone()));
        let t = now();
        row.apply(conf, Some(1));
        row_took.push(now() - t);
        assert_eq!(row.people.len(), 10_000);

        let t = now();
        let kept = Glance::of(conf, Some(1));
        glance.push(now() - t);
        assert_eq!(kept.users, Some(10_000));
        let t = now();
        let whole = conf.clone();
        copy.push(now() - t);
        assert_eq!(whole.users.map(|u| u.users.len()), Some(10_000));
    }
    console_log!(
        "BENCH panel-list-row-10000-users: ConfRow::apply (the row and its index of 10,000 people, done at each read of the conference) {:.1} ms, median of {runs}",
        median(row_took),
    );
    console_log!(
        "BENCH panel-overview-10000-users: what the overview keeps of a read (Glance::of, at each read that brings a change) {:.2} ms, against {:.1} ms to copy the whole document (as it did before 2026-11-29), median of {runs}",
        median(glance),
        median(copy),
    );
}
