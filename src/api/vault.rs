//! Remembered passwords, sealed. A password the moderator asks the panel to remember is stored in
//! localStorage encrypted (AES-GCM) with a key the browser generated and keeps in IndexedDB as a
//! non-extractable `CryptoKey`: no script can read the key's bytes, and the stored profiles (what
//! localStorage, its backups or a look in the developer tools show) hold no password in plain text.
//! A page of this origin can still ask the browser to decrypt, which is what "remember" means.
//!
//! Anything that fails (no IndexedDB in a private window, a key lost with the site's data) loses only
//! the remembered password: the moderator types it again.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, IdbDatabase, IdbRequest, IdbTransactionMode};

/// The IndexedDB database and store that hold the key, and the key's name in it.
const DATABASE: &str = "ccmp-panel";
const STORE: &str = "keys";
const KEY_NAME: &str = "remembered-passwords";
/// Where `src/boot.js` leaves its early read of the key (it names the database, store and key as above).
const EARLY_KEY: &str = "ccmpVaultKey";
/// What a sealed password starts with: the scheme, should it ever change.
const SCHEME: &str = "aes-gcm:";
/// AES-GCM's nonce length.
const NONCE: usize = 12;

/// `password` encrypted, as text for localStorage (`aes-gcm:` and the base64 of nonce and ciphertext);
/// `None` when the browser cannot.
pub async fn seal(password: &str) -> Option<String> {
    let key = key().await.ok()?;
    let window = web_sys::window()?;
    let mut nonce = [0u8; NONCE];
    window.crypto().ok()?.get_random_values_with_u8_array(&mut nonce).ok()?;
    let subtle = window.crypto().ok()?.subtle();
    let promise = subtle.encrypt_with_object_and_u8_array(&aes_gcm(&nonce), &key, password.as_bytes()).ok()?;
    let sealed = Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec();
    // `btoa` encodes a "binary string": one char per byte.
    let binary: String = nonce.iter().chain(&sealed).map(|b| char::from(*b)).collect();
    Some(format!("{SCHEME}{}", window.btoa(&binary).ok()?))
}

/// The password `sealed` holds; `None` when it cannot be opened (another browser's, a lost key).
pub async fn open(sealed: &str) -> Option<String> {
    let window = web_sys::window()?;
    // `atob` gives one char per byte (U+0000 to U+00FF), as `btoa` took them in `seal`.
    let binary = window.atob(sealed.strip_prefix(SCHEME)?).ok()?;
    let bytes: Vec<u8> = binary.chars().map(|c| u8::try_from(c).ok()).collect::<Option<_>>()?;
    if bytes.len() <= NONCE {
        return None;
    }
    let (nonce, sealed) = bytes.split_at(NONCE);
    let key = key().await.ok()?;
    let subtle = window.crypto().ok()?.subtle();
    let promise = subtle.decrypt_with_object_and_u8_array(&aes_gcm(nonce), &key, sealed).ok()?;
    let plain = Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec();
    String::from_utf8(plain).ok()
}

/// `{ name: "AES-GCM", iv: nonce }`.
fn aes_gcm(nonce: &[u8]) -> Object {
    let params = Object::new();
    let _ = Reflect::set(&params, &"name".into(), &"AES-GCM".into());
    let _ = Reflect::set(&params, &"iv".into(), &Uint8Array::from(nonce));
    params
}

/// The origin's key, made the first time it is needed. The database is closed again at once: an open
/// connection would hold up clearing the site's data.
async fn key() -> Result<CryptoKey, JsValue> {
    if let Some(key) = key_read_at_boot().await {
        return Ok(key);
    }
    let db = database().await?;
    let key = stored_or_new_key(&db).await;
    db.close();
    key
}

/// The key `boot.js` read from the database while the wasm downloaded, the first time it is asked for (it
/// leaves `null` when there was none to read, or it could not).
async fn key_read_at_boot() -> Option<CryptoKey> {
    let window = web_sys::window()?;
    let name = JsValue::from_str(EARLY_KEY);
    let promise: js_sys::Promise = Reflect::get(&window, &name).ok()?.dyn_into().ok()?;
    let _ = Reflect::delete_property(&window, &name);
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

async fn stored_or_new_key(db: &IdbDatabase) -> Result<CryptoKey, JsValue> {
    let stored = done(&store(db, IdbTransactionMode::Readonly)?.get(&KEY_NAME.into())?).await?;
    if let Ok(key) = stored.dyn_into::<CryptoKey>() {
        return Ok(key);
    }
    let window = web_sys::window().ok_or("no window")?;
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"AES-GCM".into())?;
    Reflect::set(&algorithm, &"length".into(), &256.into())?;
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let made = window.crypto()?.subtle().generate_key_with_object(&algorithm, false, &usages)?;
    let key: CryptoKey = JsFuture::from(made).await?.dyn_into()?;
    // `add`, not `put`: should another tab have made one meanwhile, its key stays and is the one used.
    let added = store(db, IdbTransactionMode::Readwrite)?.add_with_key(&key, &KEY_NAME.into())?;
    if done(&added).await.is_ok() {
        return Ok(key);
    }
    done(&store(db, IdbTransactionMode::Readonly)?.get(&KEY_NAME.into())?).await?.dyn_into()
}

async fn database() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window().ok_or("no window")?.indexed_db()?.ok_or("no IndexedDB")?;
    let request = factory.open_with_u32(DATABASE, 1)?;
    let upgrade = Closure::once_into_js({
        let request = request.clone();
        move || {
            if let Some(db) = request.result().ok().and_then(|r| r.dyn_into::<IdbDatabase>().ok()) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    done(&request).await?.dyn_into()
}

fn store(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<web_sys::IdbObjectStore, JsValue> {
    db.transaction_with_str_and_mode(STORE, mode)?.object_store(STORE)
}

/// What `request` gives once it succeeds, or its error.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let succeeded = request.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &succeeded.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let err = Closure::once_into_js(move || {
            let error = failed.error().ok().flatten().map_or(JsValue::UNDEFINED, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}
