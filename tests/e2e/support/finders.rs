//! Finding things the way a user does, by visible text or by role and accessible name, waiting until they
//! show (the panel renders after its requests come back). A wait that times out says what it waited for
//! and what the page showed instead.

use std::future::Future;
use std::time::Instant;

use anyhow::{anyhow, Context};
use fantoccini::elements::{Element, ElementRef};
use serde_json::{json, Value};

use super::browser::Page;
use super::Result;

/// Shared by the scripts below: whitespace-normalised text, visibility, accessible names and the CSS
/// selector of each role (native elements included).
const PRELUDE: &str = r#"
const norm = s => (s || '').replace(/\s+/g, ' ').trim();
const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
const byIds = ids => ids.split(/\s+/).map(id => document.getElementById(id)).filter(Boolean)
    .map(e => e.textContent).join(' ');
function accessibleName(el) {
    if (el.getAttribute('aria-labelledby')) return norm(byIds(el.getAttribute('aria-labelledby')));
    if (el.getAttribute('aria-label')) return norm(el.getAttribute('aria-label'));
    if (el.labels && el.labels.length) return norm(Array.from(el.labels).map(l => l.textContent).join(' '));
    if (el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type)) return norm(el.value);
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
        return norm(el.getAttribute('placeholder') || el.getAttribute('title'));
    // What assistive technology reads: the text without what is hidden from it (a decorative mark).
    if (el.querySelector('[aria-hidden="true"]')) {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('[aria-hidden="true"]').forEach(n => n.remove());
        return norm(copy.textContent || el.getAttribute('title'));
    }
    return norm(el.innerText || el.textContent || el.getAttribute('title'));
}
const ROLES = {
    button: 'button, [role=button], input[type=button], input[type=submit], input[type=reset], summary',
    link: 'a[href], [role=link]',
    textbox: 'input:not([type]), input[type=text], input[type=email], input[type=password], input[type=url], '
        + 'input[type=search], input[type=tel], input[type=number], textarea, [role=textbox], [contenteditable=true]',
    checkbox: 'input[type=checkbox], [role=checkbox], [role=switch]',
    radio: 'input[type=radio], [role=radio]',
    combobox: 'select, [role=combobox]',
    option: 'option, [role=option]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    dialog: 'dialog[open], [role=dialog], [role=alertdialog]',
    alert: '[role=alert], [role=alertdialog]',
    status: '[role=status], output',
    table: 'table, [role=table], [role=grid]',
    row: 'tr, [role=row]',
    cell: 'td, th, [role=cell], [role=gridcell], [role=columnheader], [role=rowheader]',
    navigation: 'nav, [role=navigation]',
    main: 'main, [role=main]',
    tab: '[role=tab]',
    tabpanel: '[role=tabpanel]',
    listitem: 'li, [role=listitem]',
    menuitem: '[role=menuitem]',
    region: 'section[aria-label], section[aria-labelledby], [role=region]',
    progressbar: 'progress, [role=progressbar]',
};
"#;

/// `arguments`: role, name (or null), anywhere. Visible elements of the role whose accessible name starts
/// with `name` (case-insensitive), or holds it `anywhere`; whole-name matches first.
const BY_ROLE: &str = r#"
const [role, name, anywhere] = arguments;
const wanted = norm(name).toLowerCase();
const all = Array.from(document.querySelectorAll(ROLES[role] || `[role="${role}"]`)).filter(visible);
const named = all.map(el => [el, accessibleName(el).toLowerCase()]);
if (name === null) return all;
const same = named.filter(([, n]) => n === wanted).map(([el]) => el);
const part = ([, n]) => n !== wanted && (anywhere ? n.includes(wanted) : n.startsWith(wanted));
return same.concat(named.filter(part).map(([el]) => el));
"#;

/// `arguments`: text. The innermost visible elements whose text contains it.
const BY_TEXT: &str = r#"
const wanted = norm(arguments[0]);
const hits = Array.from(document.body.querySelectorAll('*'))
    .filter(el => visible(el) && norm(el.innerText).includes(wanted));
return hits.filter(el => !hits.some(other => other !== el && el.contains(other)));
"#;

impl Page {
    /// Polls `probe` until it returns `Some`, for at most the harness's wait limit. `what` names the
    /// thing awaited in the timeout error, which also quotes the page's text.
    pub async fn wait_until<T, F, Fut>(&self, what: &str, mut probe: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Option<T>>>,
    {
        let limit = super::wait_limit();
        let start = Instant::now();
        let mut last_error = None;
        loop {
            match probe().await {
                Ok(Some(found)) => return Ok(found),
                Ok(None) => {}
                // The DOM changes under us (an element re-rendered away): try again.
                Err(e) => last_error = Some(e),
            }
            if start.elapsed() > limit {
                let shown = self.text().await.unwrap_or_else(|e| format!("(unreadable: {e})"));
                let shown: String = shown.chars().take(2000).collect();
                let cause = last_error.map(|e| format!("\nlast error: {e:#}")).unwrap_or_default();
                return Err(anyhow!(
                    "waited {} s for {what}; the page ({}) shows:\n---\n{shown}\n---{cause}",
                    limit.as_secs(),
                    self.url().await.unwrap_or_default()
                ));
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page's visible text contains `text`.
    pub async fn wait_for_text(&self, text: &str) -> Result<()> {
        self.wait_until(&format!("the text {text:?}"), || async { Ok(self.text().await?.contains(text).then_some(())) })
            .await
    }

    /// Waits until the page's visible text no longer contains `text`.
    pub async fn wait_for_text_gone(&self, text: &str) -> Result<()> {
        self.wait_until(&format!("the text {text:?} to go away"), || async {
            Ok((!self.text().await?.contains(text)).then_some(()))
        })
        .await
    }

    /// Waits until no visible element of `role` has a name starting with `name` (a dialog closed, a button
    /// gone once its work is done).
    pub async fn wait_for_role_gone(&self, role: &str, name: &str) -> Result<()> {
        self.wait_until(&format!("the {role} named {name:?} to go"), || async {
            Ok(self.all_role(role, Some(name)).await?.is_empty().then_some(()))
        })
        .await
    }

    /// The innermost visible element whose text contains `text`, once there is one.
    pub async fn find_text(&self, text: &str) -> Result<Element> {
        self.wait_until(&format!("an element with the text {text:?}"), || async {
            Ok(self.elements(BY_TEXT, vec![json!(text)]).await?.into_iter().next())
        })
        .await
    }

    /// The visible element of `role` (ARIA role; native elements count: `button`, `link`, `textbox`,
    /// `checkbox`, `combobox`, `heading`, `dialog`, `alert`, `status`, `row`, ...) whose accessible name
    /// starts with `name`, case-insensitively (a whole-name match wins), once there is one. A start, not any
    /// part: "Mute Ann" must not find "Unmute Ann" while the panel has not turned one into the other yet.
    pub async fn find_role(&self, role: &str, name: &str) -> Result<Element> {
        self.find_named(role, name, false).await
    }

    /// As [`Page::find_role`], for a name that holds `part` anywhere (a heading numbered by the session).
    pub async fn find_role_containing(&self, role: &str, part: &str) -> Result<Element> {
        self.find_named(role, part, true).await
    }

    async fn find_named(&self, role: &str, name: &str, anywhere: bool) -> Result<Element> {
        self.wait_until(&format!("a {role} named {name:?}"), || async {
            Ok(self.elements(BY_ROLE, vec![json!(role), json!(name), json!(anywhere)]).await?.into_iter().next())
        })
        .await
    }

    /// Every visible element of `role` now (no waiting), whose name starts with `name` when given.
    pub async fn all_role(&self, role: &str, name: Option<&str>) -> Result<Vec<Element>> {
        self.elements(BY_ROLE, vec![json!(role), json!(name), json!(false)]).await
    }

    /// Clicks the `role` named `name` once it shows and is enabled (the panel disables a button while its
    /// request is in flight, with `aria-disabled` so that it keeps the keyboard focus).
    pub async fn click(&self, role: &str, name: &str) -> Result<()> {
        let element = self
            .wait_until(&format!("an enabled {role} named {name:?}"), || async {
                let found = self.elements(BY_ROLE, vec![json!(role), json!(name), json!(false)]).await?;
                for element in found {
                    let busy = element.attr("aria-disabled").await?.as_deref() == Some("true");
                    if element.is_enabled().await? && !busy {
                        return Ok(Some(element));
                    }
                }
                Ok(None)
            })
            .await?;
        element.click().await.with_context(|| format!("clicking the {role} {name:?}"))
    }

    /// Puts the keyboard focus on the `role` named `name`, as Tab would.
    pub async fn focus(&self, role: &str, name: &str) -> Result<()> {
        let element = self.find_role(role, name).await?;
        self.client.execute("arguments[0].focus()", vec![serde_json::to_value(element)?]).await?;
        Ok(())
    }

    /// The accessible name of what has the keyboard focus; empty when the page itself has it (the focus
    /// was lost).
    pub async fn focused(&self) -> Result<String> {
        let script = format!(
            "{PRELUDE}\nconst a = document.activeElement; return a && a !== document.body ? accessibleName(a) : '';"
        );
        Ok(self.client.execute(&script, vec![]).await?.as_str().unwrap_or_default().to_owned())
    }

    /// Types `value` into the text field labelled `label`, replacing what it held.
    pub async fn fill(&self, label: &str, value: &str) -> Result<()> {
        let field = self.find_role("textbox", label).await?;
        field.clear().await.with_context(|| format!("clearing the field {label:?}"))?;
        // clear() fires `change` only; the panel listens to `input`. Without it the panel does not know the
        // field was emptied, and a preset landing before the typing (the Connect form's, read from storage
        // and config.json) puts its value back in front of what is typed ("/ccmphttp://…" once in CI).
        let script = "arguments[0].dispatchEvent(new Event('input', { bubbles: true }))";
        self.client.execute(script, vec![serde_json::to_value(&field)?]).await?;
        if !value.is_empty() {
            field.send_keys(value).await.with_context(|| format!("typing into the field {label:?}"))?;
        }
        Ok(())
    }

    /// Ticks or unticks the checkbox named `label`.
    pub async fn set_checked(&self, label: &str, checked: bool) -> Result<()> {
        let element = self.find_role("checkbox", label).await?;
        let now = element.prop("checked").await?.is_some_and(|v| v == "true");
        if now != checked {
            element.click().await?;
        }
        Ok(())
    }

    async fn elements(&self, script: &str, args: Vec<Value>) -> Result<Vec<Element>> {
        let found = self.client.execute(&format!("{PRELUDE}\n{script}"), args).await?;
        let mut elements = Vec::new();
        for item in found.as_array().into_iter().flatten() {
            // A W3C element reference: {"element-6066-11e4-a52e-4f735466cecf": "<id>"}.
            if let Some(id) = item.as_object().and_then(|o| o.values().next()).and_then(Value::as_str) {
                elements.push(Element::from_element_id(self.client.clone(), ElementRef::from(id.to_string())));
            }
        }
        Ok(elements)
    }
}
