// amlnet for browsers and bundlers: the `web` builds of the wasm modules behind an explicit `init()`.
//
// Two wasm files (ARCHITECTURE.md, "The npm split"): `init()` loads the small one (`wasm/amlnet_bg.wasm`:
// `validate`, `rules`, and `exportConfig` for YAML, az and Python). The full one (`wasm/amlnet_full_bg.wasm`)
// loads on the first call that needs it: `plan`, `summary`, and `exportConfig` for ARM, Bicep and Terraform
// return promises. `explain` returns a promise too: the rule documentation (`docs.js`) loads on first use.
// There is no top-level await, so importing this module costs nothing.
import initWasm, { initSync as initSyncWasm, validate, exportConfig as exportSmall, rules, explain as explainWasm, needsFullBuild } from './wasm/amlnet.js';

export { validate, rules };

/** The package version. */
export const version = '__AMLNET_VERSION__';

let ready;
// Where the full wasm comes from (`init({ full })`, `initSync({ full })`); by default next to its glue.
let fullInput;
let full;

/** The full build, loaded once; a failed load is retried on the next call. */
function loadFull() {
  if (!full) {
    full = import('./wasm/amlnet_full.js').then(async (module) => {
      await module.default(fullInput);
      return module;
    });
    full.catch(() => {
      full = undefined;
    });
  }
  return full;
}

/**
 * Generates the files of one export format. YAML, `cli` and `python` come from the small wasm and
 * return the result; ARM, Bicep and Terraform load the full wasm first and return a promise of it.
 */
export function exportConfig(textOrFiles, format, options) {
  if (needsFullBuild(format)) return loadFull().then((module) => module.exportConfig(textOrFiles, format, options));
  return exportSmall(textOrFiles, format, options);
}

/** Plans the change from the current state to the desired configuration (loads the full wasm). */
export function plan(current, desired, options) {
  return loadFull().then((module) => module.plan(current, desired, options));
}

/** The cost and security summary of a configuration (loads the full wasm). */
export function summary(textOrFiles, options) {
  return loadFull().then((module) => module.summary(textOrFiles, options));
}

/**
 * The documentation of one rule code (Markdown), or `undefined` for a code amlnet does not have. The
 * wasm holds the code, severity and summary; the Markdown comes from `docs.js`, loaded on first use.
 * @param {string} code
 */
export async function explain(code) {
  const rule = explainWasm(code);
  if (rule) {
    const { default: docs } = await import('./docs.js');
    rule.docs = docs[rule.code] ?? rule.docs;
  }
  return rule;
}

/**
 * Loads the small WebAssembly module. Safe to call more than once: later calls return the first promise.
 * @param {{ module_or_path: any, full?: any } | undefined} [input] where to load the `.wasm` files from
 *   (default: next to this file); `full` is the full wasm's, used when it is first needed
 */
export default function init(input) {
  if (!ready) {
    const { full: fullPath, ...small } = input ?? {};
    if (fullPath !== undefined) fullInput = { module_or_path: fullPath };
    ready = initWasm(input === undefined ? undefined : small).then(() => undefined, (error) => {
      ready = undefined;
      throw error;
    });
  }
  return ready;
}

export { init };

/**
 * Loads the small WebAssembly module synchronously from bytes or a compiled module (for workers and
 * Node); `full`, when given, is the full wasm's bytes or module, instantiated when it is first needed.
 * @param {{ module: BufferSource | WebAssembly.Module, full?: BufferSource | WebAssembly.Module }} input
 */
export function initSync(input) {
  const { full: fullModule, ...small } = input;
  if (fullModule !== undefined) fullInput = { module_or_path: fullModule };
  initSyncWasm(small);
  ready = ready || Promise.resolve();
}
