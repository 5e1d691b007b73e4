// amlnet for Node.js (CommonJS): the `nodejs` build, which loads its wasm synchronously on require.
'use strict';

const wasm = require('./node/amlnet.js');

exports.validate = wasm.validate;
exports.exportConfig = wasm.exportConfig;
exports.plan = wasm.plan;
exports.summary = wasm.summary;
exports.rules = wasm.rules;
const DOCS = require('./docs.cjs');
// The wasm holds the code, severity and summary; the Markdown comes from docs.cjs (kept out of the wasm).
exports.explain = function explain(code) {
  const rule = wasm.explain(code);
  if (rule) rule.docs = DOCS[rule.code] ?? rule.docs;
  return rule;
};
exports.version = '__AMLNET_VERSION__';
// The Node build is ready as soon as it is required; `init` exists so code shared with browsers runs unchanged.
exports.init = function init() {
  return Promise.resolve();
};
exports.initSync = function initSync() {};
exports.default = exports.init;
