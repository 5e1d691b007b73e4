// The app's door to the full core: the npm binding (root crate `amlnet`, with the IaC exporters and
// the change plan), built by wasm-pack `--target web` into full/ next to the app by a Trunk hook
// (tests/e2e/full-core.sh). It is imported the first time a user opens the ARM, Bicep or Terraform
// tab, the change plan or the ZIP download, so a first visit never fetches it. Same origin and a
// separate file: the CSP's script-src 'self' allows it, with no eval and no inline script.
let loading = null;

function load() {
  if (!loading) {
    const base = document.baseURI;
    loading = import(new URL('full/amlnet.js', base).href).then(async (m) => {
      await m.default({ module_or_path: new URL('full/amlnet_bg.wasm', base).href });
      return m;
    });
    // A failed load (a broken build, a dropped connection) may be retried on the next use.
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** `exportConfig(files, format, options)` of the binding. */
export async function fullExport(files, format, options) {
  return (await load()).exportConfig(files, format, options);
}

/** `plan(current, desired, options)` of the binding. */
export async function fullPlan(current, desired, options) {
  return (await load()).plan(current, desired, options);
}
