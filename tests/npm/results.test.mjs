// The binding's results, value for value, against the ones recorded in results.sha256.json: for every
// fixture (tests/fixtures/**) and corpus file (../shared/corpus when present), `validate`, `exportConfig`
// (each format, refused and forced, one text and each case directory's files), `plan`, `summary`, `rules`,
// `explain` and the errors of bad input, from the small and the full wasm of the built pkg/. A value is
// encoded with everything deep equality looks at and more: key order, a key present as `undefined` apart
// from an absent one, `null`, number against string, plain objects and arrays only (their prototypes).
// So a change in how results are built (serde, JSON, Reflect) that a caller could see fails here.
//
//   node tests/npm/results.test.mjs                  compare pkg/ with the record
//   AMLNET_PKG=DIR node ... --write                  record DIR's results (only when an output change is intended)
//   node ... --dump DIR                              also write each input's encoded results to DIR (for diffing)
//
// The record holds one digest per input, so it stays small; --dump of two builds shows what differs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, run, test } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const pkg = resolve(process.env.AMLNET_PKG ?? join(root, 'pkg'));
const RECORD = join(here, 'results.sha256.json');
const args = process.argv.slice(2);
const write = args.includes('--write');
const dumpDir = args.includes('--dump') ? resolve(args[args.indexOf('--dump') + 1]) : undefined;
const require = createRequire(import.meta.url);

/** A canonical text of a JS value: what `assert.deepStrictEqual` compares, plus key order and prototypes. */
function encode(value) {
  if (value === undefined) return 'u';
  if (value === null) return 'n';
  switch (typeof value) {
    case 'boolean':
      return value ? 't' : 'f';
    case 'number':
      return `#${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return `?${typeof value}`;
  }
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    const extra = Reflect.ownKeys(value).filter((k) => k !== 'length' && !(typeof k === 'string' && /^\d+$/.test(k)));
    return `${proto === Array.prototype ? '' : '!proto'}[${Array.from(value, encode).join(',')}]${extra.length ? `!keys${String(extra)}` : ''}`;
  }
  const tag = proto === Object.prototype ? '' : `!${proto?.constructor?.name ?? 'null'}`;
  return `${tag}{${Reflect.ownKeys(value).map((k) => `${typeof k === 'symbol' ? '@sym' : JSON.stringify(k)}:${encode(value[k])}`).join(',')}}`;
}

/** The encoded outcome of a call: its value, or the error it throws (class and message). */
function outcome(call) {
  try {
    const value = call();
    if (value instanceof Promise) return 'promise';
    return encode(value);
  } catch (error) {
    return `throw ${error?.constructor?.name}: ${JSON.stringify(error?.message)}`;
  }
}

const SUB = { subscriptionId: '5a5a5a5a-0000-4000-8000-000000000001', resourceGroup: 'rg-results' };
const SMALL_FORMATS = ['yaml', 'cli', 'python'];
const ALL_FORMATS = [...SMALL_FORMATS, 'arm', 'bicep', 'terraform'];

/** Every call for one input text (`name` its file name), as [label, encoded outcome] lines. */
function textCases(small, full, name, text) {
  const lines = [];
  const add = (label, call) => lines.push(`${label} ${outcome(call)}`);
  const named = { fileName: name };
  const update = { fileName: name, operation: 'update', currentIsolationMode: 'allow_internet_outbound' };
  for (const [build, m] of [['small', small], ['full', full]]) {
    add(`${build}.validate`, () => m.validate(text));
    add(`${build}.validate.update`, () => m.validate(text, update));
    for (const format of build === 'small' ? SMALL_FORMATS : ALL_FORMATS) {
      add(`${build}.export.${format}`, () => m.exportConfig(text, format, named));
      add(`${build}.export.${format}.forced`, () => m.exportConfig([{ name, text }], format, { ...SUB, force: true }));
    }
  }
  add('full.summary', () => full.summary(text, named));
  add('full.plan.same', () => full.plan(text, [{ name, text }], named));
  add('full.plan.from-empty', () => full.plan('name: results-ws\n', text, { ...SUB, fileName: name }));
  return lines;
}

/** The calls for a fixture case directory: its YAML files together, with its policy and current state. */
function directoryCases(small, full, dir) {
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile()).sort();
  const files = names.filter((n) => /\.ya?ml$/.test(n) && n !== 'policy.yml').map((n) => ({ name: n, text: readFileSync(join(dir, n), 'utf8') }));
  if (!files.length) return [];
  const policy = names.includes('policy.yml') ? readFileSync(join(dir, 'policy.yml'), 'utf8') : undefined;
  const current = names.includes('current.json') ? readFileSync(join(dir, 'current.json'), 'utf8') : undefined;
  const options = policy === undefined ? { ...SUB } : { ...SUB, policy };
  const lines = [];
  const add = (label, call) => lines.push(`${label} ${outcome(call)}`);
  for (const format of SMALL_FORMATS) {
    add(`small.export.${format}`, () => small.exportConfig(files, format, options));
    add(`small.export.${format}.forced`, () => small.exportConfig(files, format, { ...options, force: true }));
  }
  for (const format of ALL_FORMATS) add(`full.export.${format}.forced`, () => full.exportConfig(files, format, { ...options, force: true }));
  if (policy !== undefined) {
    for (const f of files) add(`small.validate.policy ${f.name}`, () => small.validate(f.text, { fileName: f.name, policy }));
  }
  add('full.summary', () => full.summary(files, options));
  if (current !== undefined) add('full.plan.current', () => full.plan(current, files, options));
  return lines;
}

/** The registry and the errors of bad input (the same for every input, so recorded once). */
function fixedCases(small, full) {
  const lines = [];
  const add = (label, call) => lines.push(`${label} ${outcome(call)}`);
  for (const [build, m] of [['small', small], ['full', full]]) {
    add(`${build}.rules`, () => m.rules());
    for (const { code } of m.rules()) add(`${build}.explain ${code}`, () => m.explain(code));
    add(`${build}.explain unknown`, () => m.explain('no-such-rule'));
    const bad = [
      () => m.validate(42),
      () => m.validate('x', null),
      () => m.validate('x', { subscriptionID: 'typo' }),
      () => m.validate('x', { operation: 'delete' }),
      () => m.validate('x', { force: 'yes' }),
      () => m.validate('x', { networking: { inboundPrivateEndpoints: [{ name: 'pe' }] } }),
      () => m.validate('x', { networking: { inboundPrivateEndpoints: [{ subnet: 'v/s', dns: 'maybe' }] } }),
      () => m.validate('x', []),
      () => m.exportConfig('x', 'toml'),
      () => m.exportConfig('x', 7),
      () => m.exportConfig([{ name: 'a.yml' }], 'cli'),
      () => m.exportConfig([{ name: 'a.yml', text: 'x', extra: 1 }], 'cli'),
      () => m.exportConfig(null, 'cli'),
      () => m.explain(3),
    ];
    bad.forEach((call, i) => add(`${build}.bad ${i}`, call));
  }
  const networking = {
    ...SUB,
    networking: {
      inboundPrivateEndpoints: [{ subnet: 'vnet/default', name: 'ws-pe', dns: 'existing', dnsZoneIds: ['/subscriptions/x/zone'] }, { subnet: 'vnet/b', dns: 'off' }],
      assignApproverRole: false,
    },
  };
  const ws = 'name: results-ws\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n';
  for (const format of SMALL_FORMATS) add(`small.export.networking.${format}`, () => small.exportConfig(ws, format, networking));
  for (const format of ALL_FORMATS) add(`full.export.networking.${format}`, () => full.exportConfig(ws, format, networking));
  add('full.summary.networking', () => full.summary(ws, networking));
  add('full.plan.networking', () => full.plan('name: results-ws\n', ws, networking));
  return lines;
}

/** The inputs: [id, kind, path], sorted, ids relative to the repository (corpus: `corpus/...`). */
function inputs() {
  const found = [];
  const walk = (dir, base, prefix) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path, base, prefix);
        if (base === root) found.push([`${relative(base, path)}/`, 'dir', path]);
      } else if (/\.(ya?ml|json)$/.test(name)) {
        found.push([`${prefix}${relative(base, path)}`, 'text', path]);
      }
    }
  };
  walk(join(root, 'tests/fixtures'), root, '');
  // The shared corpus sits next to the checkout (main) or next to the worktrees' folder.
  const shared = ['../shared/corpus', '../../shared/corpus'].map((p) => resolve(root, p)).find(existsSync);
  if (shared) walk(shared, shared, 'corpus/');
  return found;
}

function results() {
  const small = require(join(pkg, 'wasm/amlnet.node.cjs'));
  const full = require(join(pkg, 'wasm/amlnet_full.node.cjs'));
  const digests = {};
  if (dumpDir) mkdirSync(dumpDir, { recursive: true });
  const record = (id, lines) => {
    if (!lines.length) return;
    const text = `${lines.join('\n')}\n`;
    digests[id] = createHash('sha256').update(text).digest('hex').slice(0, 20);
    if (dumpDir) writeFileSync(join(dumpDir, `${id.replace(/[/\\]/g, '__')}.txt`), text);
  };
  record('(registry, errors, networking)', fixedCases(small, full));
  for (const [id, kind, path] of inputs()) {
    if (kind === 'dir') record(id, directoryCases(small, full, path));
    else record(id, textCases(small, full, relative(dirname(path), path), readFileSync(path, 'utf8')));
  }
  return digests;
}

if (write) {
  const digests = results();
  writeFileSync(RECORD, `${JSON.stringify(digests, null, 0).replace(/","/g, '",\n"').replace(/^\{/, '{\n').replace(/\}$/, '\n}')}\n`);
  console.log(`results: recorded ${Object.keys(digests).length} inputs from ${pkg} in ${relative(root, RECORD)}`);
} else {
  let digests;
  test('every input gives the recorded results', () => {
    digests = results();
    const expected = JSON.parse(readFileSync(RECORD, 'utf8'));
    const differ = Object.keys(expected).filter((id) => id in digests && digests[id] !== expected[id]);
    const corpus = Object.keys(expected).filter((id) => id.startsWith('corpus/'));
    const missing = Object.keys(expected).filter((id) => !(id in digests) && !(id.startsWith('corpus/') && !Object.keys(digests).some((d) => d.startsWith('corpus/'))));
    const added = Object.keys(digests).filter((id) => !(id in expected));
    assert(!differ.length, `${differ.length} inputs give other results (node tests/npm/results.test.mjs --dump DIR with the old and the new pkg/, then diff): ${differ.slice(0, 10).join(', ')}`);
    assert(!missing.length && !added.length, `inputs changed since the record: missing ${missing.slice(0, 5)}, new ${added.slice(0, 5)}`);
    console.log(`     ${Object.keys(digests).length} inputs compared (${corpus.length} corpus files recorded)`);
  });
  test('the record covers the fixtures and the corpus', () => {
    const ids = Object.keys(JSON.parse(readFileSync(RECORD, 'utf8')));
    assert(ids.filter((id) => id.startsWith('tests/fixtures/') && !id.endsWith('/')).length >= 300, 'fixture files recorded');
    assert(ids.filter((id) => id.startsWith('corpus/')).length >= 80, 'corpus files recorded');
  });
  run('npm-results');
}
