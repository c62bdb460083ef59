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

// The panel's files may fail to load: a deployment half done, a network cut, a browser without
// WebAssembly. The page would stay blank; it says so instead, with the banner the panic hook makes once
// the panel runs (src/crash.rs, same id: a panic while the panel starts is already on screen).
try {
    const { default: init } = await import(boot.dataset.js);
    await init({ module_or_path: boot.dataset.wasm });
} catch (error) {
    console.error("The panel did not load:", error);
    if (!document.getElementById("panel-crash")) {
        const banner = document.createElement("div");
        banner.id = "panel-crash";
        banner.className = "crash";
        banner.setAttribute("role", "alert");
        banner.textContent = `The panel did not load (${error}). Reload to try again; if it fails again, ` +
            "the panel's files on this server may be incomplete.";
        const reload = document.createElement("button");
        reload.className = "crash__reload";
        reload.textContent = "Reload";
        reload.addEventListener("click", () => location.reload());
        banner.append(reload);
        document.body.prepend(banner);
    }
}
