// Starts the panel. trunk's default loader is an inline script, which the panel's Content-Security-Policy
// forbids; Trunk.toml's pattern_script loads this file instead and passes the hashed names of the
// wasm-bindgen module and the wasm file as data attributes.
const boot = document.getElementById("panel-boot");
const { default: init } = await import(boot.dataset.js);
await init({ module_or_path: boot.dataset.wasm });
