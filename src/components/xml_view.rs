use leptos::either::Either;
use leptos::prelude::*;

use crate::state::xml_tokens::{runs, Token};

/// Above this size the XML is shown without highlighting (thousands of spans would make the page slow).
const HIGHLIGHT_LIMIT: usize = 128 * 1024;

/// XML pretty-printed (`ccmp::codec::pretty_print`) and highlighted, every token a text node (in a span for
/// its colour): nothing the server sent is ever parsed as HTML. Text that is not well-formed is shown as it came.
#[component]
pub fn XmlView(
    /// The XML text as received or sent.
    #[prop(into)]
    xml: Signal<String>,
) -> impl IntoView {
    let body = move || {
        let raw = xml.get();
        let (text, note) = match ccmp::codec::pretty_print(&raw) {
            Ok(pretty) => (pretty, None),
            Err(e) => (raw, Some(format!("Not well-formed XML ({e}); shown as received."))),
        };
        let spans = if text.len() > HIGHLIGHT_LIMIT {
            view! { <span class="xml__text">{text.clone()}</span> }.into_any()
        } else {
            runs(&text)
                .into_iter()
                .map(|(token, s)| match token {
                    // Character data has no colour of its own: a text node, not a span around one.
                    Token::Text => Either::Left(s.to_owned()),
                    _ => Either::Right(view! { <span class=token.class()>{s.to_owned()}</span> }),
                })
                .collect_view()
                .into_any()
        };
        view! {
            {note.map(|n| view! { <p class="xml__note">{n}</p> })}
            <pre class="xml" tabindex="0"><code>{spans}</code></pre>
        }
    };
    view! { <div class="xml-view">{body}</div> }
}
