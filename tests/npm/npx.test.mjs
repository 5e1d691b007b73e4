// `npx amlnet` against the native CLI: packs pkg/, installs the tarball into a fresh project (offline),
// and runs the package's bin (the command line compiled to wasm, I/O by Node) and the native `amlnet`
// (AMLNET_NATIVE, default target/debug/amlnet) on the same inputs from the repository root: every
// fixture file with `check --format text|json|sarif`, and export, plan, summary, rules, explain, help,
// usage and I/O errors. Stdout, stderr and the exit code must be identical. Then the pre-commit hook
// and the GitHub Action: their files are checked against the keys their schemas require, and their
// commands are run as CI runs them.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, run, test } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const pkg = join(root, 'pkg');
const native = resolve(root, process.env.AMLNET_NATIVE ?? 'target/debug/amlnet');
const CONCURRENCY = Number(process.env.AMLNET_NPX_JOBS ?? 3);

/** Runs a program from the repository root; resolves to { stdout, stderr, code }. */
function exec(program, args, options = {}) {
  return new Promise((done) => {
    execFile(program, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...options }, (error, stdout, stderr) => {
      done({ stdout, stderr, code: error ? (typeof error.code === 'number' ? error.code : -1) : 0 });
    });
  });
}

/** Runs `commands` (argument lists) natively and through the bin, a few at a time; returns the mismatches. */
async function compare(ctx, commands) {
  const mismatches = [];
  let next = 0;
  const worker = async () => {
    while (next < commands.length) {
      const args = commands[next++];
      const [a, b] = await Promise.all([exec(native, args), exec(ctx.bin, args)]);
      if (a.code !== b.code || a.stdout !== b.stdout || a.stderr !== b.stderr) {
        const what = a.code !== b.code ? `exit ${a.code} vs ${b.code}` : a.stdout !== b.stdout ? 'stdout differs' : 'stderr differs';
        mismatches.push(`amlnet ${args.join(' ')}: ${what}\n       native stderr: ${a.stderr.slice(0, 300)}\n       npx stderr: ${b.stderr.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return mismatches;
}

function files(dir, pattern) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, pattern));
    else if (pattern.test(name)) out.push(relative(root, path));
  }
  return out;
}

const FIXTURES = files(join(root, 'tests/fixtures'), /\.(ya?ml|json)$/);

test(`the fixtures: check --format text, json and sarif (${FIXTURES.length} files) give the same bytes and exit codes`, async (ctx) => {
  assert(FIXTURES.length > 50, `fixture files found: ${FIXTURES.length}`);
  const commands = FIXTURES.flatMap((file) => ['text', 'json', 'sarif'].map((format) => ['check', '--format', format, file]));
  const mismatches = await compare(ctx, commands);
  assertEqual(mismatches.length, 0, `mismatches of ${commands.length} commands:\n     ${mismatches.slice(0, 10).join('\n     ')}\n    `);
  ctx.counts.push(commands.length);
});

test('export, plan, summary, rules, explain, help and errors give the same bytes and exit codes', async (ctx) => {
  const ws = 'tests/examples/ws-mvnet-allow-only-approved-outbound.yml';
  const out = mkdtempSync(join(tmpdir(), 'amlnet-npx-out-'));
  const commands = [
    ['rules'], ['explain', 'port-range-invalid'], ['explain', 'no-such-rule'], ['--help'], ['check', '--help'], ['--version'], ['version'],
    ['check'], ['check', '--format', 'toml', ws], ['frobnicate'], ['check', 'no/such/file.yml'], ['check', 'tests/fixtures'],
    ['check', '--format', 'github', ws], ['check', '--format', 'gitlab', ws], ['check', '--kind', 'workspace', ws],
    ['export', '--to', 'cli', ws, '--subscription', '5a5a5a5a-0000-4000-8000-000000000001', '--resource-group', 'rg'],
    ['export', '--to', 'python', ws], ['export', '--to', 'terraform', ws], ['export', '--to', 'arm', ws], ['export', '--to', 'bicep', ws],
    ['export', '--to', 'yaml', ws], ['export', '--to', 'cli', 'tests/fixtures/address-prefix-invalid/invalid.yml'],
    ['export', '--to', 'cli', '--force', 'tests/fixtures/address-prefix-invalid/invalid.yml'],
    ['plan', 'tests/plan/show-aio.json', ws], ['plan', '--format', 'json', 'tests/plan/show-aio.json', ws],
    ['plan', '--detailed-exitcode', 'tests/plan/show-aoao.json', ws], ['plan', 'tests/plan', ws],
    ['check', '--current', 'tests/plan/show-aio.json', ws],
    ['summary', ws], ['summary', '--format', 'json', ws], ['demo'],
  ];
  // Written files: the same names and bytes in two folders (the command line prints the folder, so each run gets its own name).
  const nativeOut = join(out, 'native');
  const npxOut = join(out, 'npx');
  try {
    const mismatches = await compare(ctx, commands);
    assertEqual(mismatches, [], 'mismatches');
    const a = await exec(native, ['export', '--to', 'cli', ws, '--out', nativeOut]);
    const b = await exec(ctx.bin, ['export', '--to', 'cli', ws, '--out', npxOut]);
    const same = (r, dir) => [r.code, r.stdout.replaceAll(dir, 'OUT'), r.stderr.replaceAll(dir, 'OUT')];
    assertEqual(same(b, npxOut), same(a, nativeOut), 'export --out');
    const written = (dir) => files(dir, /./).map((f) => [relative(relative(root, dir), f), readFileSync(join(root, f), 'utf8')]);
    assertEqual(written(npxOut), written(nativeOut), 'the files export --out writes');
    assert(written(npxOut).length > 0, 'export --out wrote files');
    const stdin = (program) => spawnSync(program, ['check', '--format', 'json', '-'], { cwd: root, input: readFileSync(join(root, ws)), encoding: 'utf8' });
    const [sa, sb] = [stdin(native), stdin(ctx.bin)];
    assertEqual([sb.status, sb.stdout, sb.stderr], [sa.status, sa.stdout, sa.stderr], 'check - (standard input)');
    ctx.counts.push(commands.length + 2);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('npx amlnet runs the package bin', (ctx) => {
  const result = spawnSync('npx', ['--no-install', 'amlnet', 'check', join(root, 'tests/examples/ws-mvnet-allow-only-approved-outbound.yml')],
    { cwd: ctx.project, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true' } });
  assertEqual(result.status, 0, `npx exit code (stderr: ${result.stderr})`);
  assert(/1 file\(s\) checked/.test(result.stdout), `npx output: ${result.stdout}`);
});

/** A YAML file as JSON, read by PyYAML (the parser pre-commit and the Actions runner's are YAML 1.1/1.2 compatible with). */
function yaml(path) {
  return JSON.parse(execFileSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', path], { encoding: 'utf8' }));
}

test('.pre-commit-hooks.yaml: the keys pre-commit requires, and its command as pre-commit runs it', (ctx) => {
  const hooks = yaml(join(root, '.pre-commit-hooks.yaml'));
  assert(Array.isArray(hooks) && hooks.length === 1, 'one hook');
  const [hook] = hooks;
  for (const key of ['id', 'name', 'entry', 'language']) assert(typeof hook[key] === 'string' && hook[key], `hook.${key}`);
  assertEqual([hook.id, hook.entry, hook.language, hook.files], ['amlnet-check', 'amlnet check', 'node', '\\.(ya?ml|json)$'], 'the hook');
  const files = new RegExp(hook.files);
  assert(['a.yml', 'b/c.yaml', 'show.json'].every((f) => files.test(f)) && !['a.ymlx', 'main.tf'].some((f) => files.test(f)), 'files pattern');
  // pre-commit runs `entry` with the matching staged files appended, with the hook's bin on PATH.
  const staged = ['tests/examples/ws-mvnet-allow-only-approved-outbound.yml', 'tests/fixtures/address-prefix-invalid/invalid.yml'].filter((f) => files.test(f));
  const [program, ...args] = hook.entry.split(' ');
  const env = { ...process.env, PATH: `${join(ctx.project, 'node_modules/.bin')}:${process.env.PATH}` };
  const result = spawnSync(program, [...args, ...staged], { cwd: root, encoding: 'utf8', env });
  assertEqual(result.status, 1, `the hook fails on the invalid file (stderr: ${result.stderr})`);
  assert(result.stdout.includes('address-prefix-invalid') && result.stdout.includes('2 file(s) checked'), `hook output: ${result.stdout}`);
});

test('action.yml: the keys a composite action requires, and its check step as the runner runs it', (ctx) => {
  const action = yaml(join(root, 'action.yml'));
  for (const key of ['name', 'description', 'runs']) assert(action[key], `action.${key}`);
  assertEqual(Object.keys(action.inputs).sort(), ['files', 'policy', 'sarif-file', 'version'], 'inputs');
  for (const [name, input] of Object.entries(action.inputs)) assert(typeof input.description === 'string', `inputs.${name}.description`);
  assertEqual(action.runs.using, 'composite', 'runs.using');
  for (const step of action.runs.steps) {
    assert(step.uses || step.run, `a step uses an action or runs a script: ${JSON.stringify(step)}`);
    if (step.run) assert(step.shell, `a composite run step names its shell: ${JSON.stringify(step)}`);
    if (step.run) assert(!step.run.includes('${{'), `inputs reach the script through env only: ${step.run}`);
  }
  assert(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')), 'uploads with upload-sarif');
  const check = action.runs.steps.find((s) => s.id === 'check');
  assert(check?.run.includes('npx') && check.run.includes('--format sarif'), 'the check step runs npx amlnet check --format sarif');
  // The runner: env from the inputs (their values as a workflow passes them), GITHUB_OUTPUT, `bash -e {0}`.
  const work = mkdtempSync(join(tmpdir(), 'amlnet-action-'));
  try {
    const script = join(work, 'check.sh');
    writeFileSync(script, check.run);
    const sarif = join(work, 'amlnet.sarif');
    const output = join(work, 'output');
    writeFileSync(output, '');
    const env = {
      ...process.env, npm_config_offline: 'true', GITHUB_OUTPUT: output,
      AMLNET_FILES: `${join(root, 'tests/fixtures/address-prefix-invalid')}/inv*.yml`,
      AMLNET_POLICY: '', AMLNET_SARIF: sarif, AMLNET_VERSION: ctx.version,
    };
    const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', script], { cwd: ctx.project, encoding: 'utf8', env });
    assertEqual(result.status, 0, `the check step itself succeeds (stderr: ${result.stderr})`);
    assertEqual(readFileSync(output, 'utf8'), 'exit-code=1\n', 'the exit code output (the invalid file has errors)');
    const report = JSON.parse(readFileSync(sarif, 'utf8'));
    assertEqual(report.version, '2.1.0', 'SARIF version');
    const results = report.runs[0].results.map((r) => r.ruleId);
    assert(results.includes('address-prefix-invalid'), `SARIF results: ${results}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

await run('npm-npx', {
  before() {
    const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
    const work = mkdtempSync(join(tmpdir(), 'amlnet-npx-'));
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: pkg, encoding: 'utf8' }));
    const project = join(work, 'consumer');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], { cwd: project, encoding: 'utf8' });
    const bin = join(project, 'node_modules/.bin/amlnet');
    return { work, project, bin, version, counts: [] };
  },
  after(ctx) {
    if (ctx?.counts?.length) console.log(`     ${ctx.counts.reduce((a, b) => a + b, 0)} command lines compared, native against npx`);
    if (ctx?.work) rmSync(ctx.work, { recursive: true, force: true });
  },
});
