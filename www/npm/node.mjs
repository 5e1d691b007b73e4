// amlnet for Node.js ES modules: the same CommonJS instance as `require('amlnet')`, with a no-op `init()`.
import amlnet from './index.cjs';

export const { validate, exportConfig, plan, summary, rules, explain, version, init, initSync } = amlnet;
export default init;
