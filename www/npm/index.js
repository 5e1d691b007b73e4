// amlnet for browsers and bundlers: the `web` build of the wasm module behind an explicit `init()`.
//
// Call `await init()` once before any other function (it fetches `web/amlnet_bg.wasm` next to this
// file, or what you pass it). There is no top-level await, so importing this module costs nothing.
import initWasm, { initSync as initSyncWasm, validate, exportConfig, plan, summary, rules, explain as explainWasm } from './web/amlnet.js';
import DOCS from './docs.js';

export { validate, exportConfig, plan, summary, rules };

/**
 * The documentation of one rule code (Markdown), or `undefined` for a code amlnet does not have. The
 * wasm holds the code, severity and summary; the Markdown comes from `docs.js` (kept out of the wasm).
 * @param {string} code
 */
export function explain(code) {
  const rule = explainWasm(code);
  if (rule) rule.docs = DOCS[rule.code] ?? rule.docs;
  return rule;
}

/** The package version. */
export const version = '__AMLNET_VERSION__';

let ready;

/**
 * Loads the WebAssembly module. Safe to call more than once: later calls return the first promise.
 * @param {{ module_or_path: any } | undefined} [input] where to load the `.wasm` from (default: next to this file)
 */
export default function init(input) {
  if (!ready) {
    ready = initWasm(input).then(() => undefined, (error) => {
      ready = undefined;
      throw error;
    });
  }
  return ready;
}

export { init };

/**
 * Loads the WebAssembly module synchronously from bytes or a compiled module (for workers and Node).
 * @param {{ module: BufferSource | WebAssembly.Module }} input
 */
export function initSync(input) {
  initSyncWasm(input);
  ready = ready || Promise.resolve();
}
