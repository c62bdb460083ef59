// Starts the panel. trunk's default loader is an inline script, which the panel's Content-Security-Policy
// forbids; Trunk.toml's pattern_script loads this file instead and passes the hashed names of the
// wasm-bindgen module and the wasm file as data attributes.
const boot = document.getElementById("panel-boot");

// A remembered password is opened with a key the browser keeps in IndexedDB (src/api/vault.rs), and
// opening the database takes it 10 to 20 ms on a reload: started here, that overlaps the wasm's download
// instead of holding up the reconnection after it. Only a key already there is read (a database not made
// yet is left for the vault to make); anything else resolves to null and the vault reads for itself.
window.ccmpVaultKey = new Promise((resolve) => {
    try {
        if (!(localStorage.getItem("ccmp-panel.profiles") || "").includes("aes-gcm:")) return resolve(null);
        const open = indexedDB.open("ccmp-panel", 1);
        open.onupgradeneeded = () => open.transaction.abort();
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
            const db = open.result;
            const done = (key) => { db.close(); resolve(key instanceof CryptoKey ? key : null); };
            try {
                const get = db.transaction("keys").objectStore("keys").get("remembered-passwords");
                get.onsuccess = () => done(get.result);
                get.onerror = () => done(null);
            } catch {
                done(null);
            }
        };
    } catch {
        resolve(null);
    }
});

const { default: init } = await import(boot.dataset.js);
await init({ module_or_path: boot.dataset.wasm });
