// amlnet for browsers and bundlers: the `web` build of the wasm module behind an explicit `init()`.
//
// Call `await init()` once before any other function (it fetches `web/amlnet_bg.wasm` next to this
// file, or what you pass it). There is no top-level await, so importing this module costs nothing.
import initWasm, { initSync as initSyncWasm, validate, exportConfig, plan, summary, rules, explain } from './web/amlnet.js';

export { validate, exportConfig, plan, summary, rules, explain };

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
