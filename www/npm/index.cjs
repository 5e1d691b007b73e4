// amlnet for Node.js (CommonJS): the nodejs glue of the small wasm, loaded synchronously on require; the
// full wasm (plans, summaries, ARM, Bicep, Terraform) is required on first use, so those calls return
// promises, as in browsers. Both glue files read the same wasm files as the web entry (wasm/).
'use strict';

const wasm = require('./wasm/amlnet.node.cjs');

let full;
const loadFull = () => (full ??= new Promise((resolve) => resolve(require('./wasm/amlnet_full.node.cjs'))));

exports.validate = wasm.validate;
exports.rules = wasm.rules;
exports.exportConfig = function exportConfig(textOrFiles, format, options) {
  if (wasm.needsFullBuild(format)) return loadFull().then((module) => module.exportConfig(textOrFiles, format, options));
  return wasm.exportConfig(textOrFiles, format, options);
};
exports.plan = function plan(current, desired, options) {
  return loadFull().then((module) => module.plan(current, desired, options));
};
exports.summary = function summary(textOrFiles, options) {
  return loadFull().then((module) => module.summary(textOrFiles, options));
};
// The wasm holds the code, severity and summary; the Markdown comes from docs.cjs (kept out of the wasm).
exports.explain = async function explain(code) {
  const rule = wasm.explain(code);
  if (rule) rule.docs = require('./docs.cjs')[rule.code] ?? rule.docs;
  return rule;
};
exports.version = '__AMLNET_VERSION__';
// The Node build is ready as soon as it is required; `init` exists so code shared with browsers runs unchanged.
exports.init = function init() {
  return Promise.resolve();
};
exports.initSync = function initSync() {};
exports.default = exports.init;
