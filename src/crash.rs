//! The last line of defence: if the panel ever panics (it must not, whatever a server sends), the panic
//! is logged and a visible banner asks the moderator to reload, instead of a page that silently stops.

use wasm_bindgen::JsCast;

/// Installs the panic hook. The banner is built with DOM calls and text nodes only (no HTML strings),
/// so it works under the Content-Security-Policy and cannot inject anything.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner();
    }));
}

fn show_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id("panel-crash").is_some() {
        return;
    }
    let Ok(banner) = document.create_element("div") else { return };
    banner.set_id("panel-crash");
    banner.set_class_name("crash");
    let _ = banner.set_attribute("role", "alert");
    banner
        .set_text_content(Some("The panel crashed. Reload the page to continue; the browser console has the details."));
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some("Reload"));
        button.set_class_name("crash__reload");
        let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
            b.set_onclick(Some(reload.as_ref().unchecked_ref()));
        }
        reload.forget();
        let _ = banner.append_child(&button);
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}
