// Packs pkg/ with `npm pack`, installs the tarball into a fresh temporary project (offline: the
// package has no dependencies), and uses it the ways consumers do: an ES module and CommonJS under
// Node, the web build through `initSync`, and the types through `tsc --strict`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, run, test } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const pkg = join(root, 'pkg');
const tsc = join(here, 'node_modules/.bin/tsc');
// The package's wasm files: the small and the full build, and the command line's (ARCHITECTURE.md, "The npm split").
const WASM_FILES = ['cli/amlnet_cli_bg.wasm', 'wasm/amlnet_bg.wasm', 'wasm/amlnet_full_bg.wasm'];

const BROKEN = `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
name: contoso-ml
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
  - name: monitor
    type: service_tag
    destination:
      service_tag: AzureMonitor
      protocol: TCP
      port_ranges: "443-99999"
`;
const VALID = BROKEN.replace('allow_internet_outbound', 'allow_only_approved_outbound').replace('99999', '444');

// The consumer script, run as ESM (.mjs) and as CommonJS (.cjs); prints one JSON line.
const consumer = (load) => `${load}
const BROKEN = ${JSON.stringify(BROKEN)};
const VALID = ${JSON.stringify(VALID)};
async function main(amlnet) {
  await amlnet.init();
  const broken = amlnet.validate(BROKEN);
  const cli = amlnet.exportConfig(VALID, 'cli', { subscriptionId: '5a5a5a5a-0000-4000-8000-000000000001', resourceGroup: 'rg-test' });
  const python = amlnet.exportConfig([{ name: 'workspace.yml', text: VALID }], 'python', { resourceGroup: 'rg-test' });
  const yaml = amlnet.exportConfig(VALID, 'yaml');
  const refused = amlnet.exportConfig(BROKEN, 'cli');
  const terraform = await amlnet.exportConfig(VALID.replace('allow_only_approved_outbound', 'allow_only_approved_outbound\\n  firewall_sku: basic'), 'terraform', { subscriptionId: '5a5a5a5a-0000-4000-8000-000000000001', resourceGroup: 'rg-test' });
  const arm = await amlnet.exportConfig(VALID, 'arm');
  // The live workspace as \`az ml workspace show\` prints it: internet outbound, no user rules.
  const current = JSON.stringify({ name: 'contoso-ml', location: 'eastus', managed_network: { isolation_mode: 'allow_internet_outbound', outbound_rules: [] } });
  const planned = await amlnet.plan(current, VALID, { subscriptionId: '5a5a5a5a-0000-4000-8000-000000000001', resourceGroup: 'rg-test' });
  const unchanged = await amlnet.plan(VALID, VALID);
  const summary = await amlnet.summary([{ name: 'workspace.yml', text: VALID }]);
  const errors = [];
  for (const call of [() => amlnet.validate(42), () => amlnet.validate('x', { subscriptionID: 'typo' }),
    () => amlnet.exportConfig(VALID, 'toml'), () => amlnet.exportConfig([{ name: 'a.yml' }], 'cli'),
    () => amlnet.validate('x', { operation: 'delete' }), () => amlnet.plan(42, VALID), () => amlnet.summary({})]) {
    try { await call(); errors.push(null); } catch (e) { errors.push({ isError: e instanceof Error, message: e.message }); }
  }
  const rules = amlnet.rules();
  console.log(JSON.stringify({
    version: amlnet.version,
    kind: broken.kind,
    hasErrors: broken.hasErrors,
    diagnostics: broken.diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.file]),
    cli: cli.files,
    cliErrors: cli.hasErrors,
    python: python.files,
    yaml: yaml.files.map((f) => f.path),
    refused: refused.files.length,
    terraform: { paths: terraform.files.map((f) => f.path), tf: terraform.files[0]?.contents, notes: terraform.notes.map((d) => d.code) },
    arm: JSON.parse(arm.files[0].contents),
    plan: { kinds: planned.steps.map((s) => s.kind), bash: planned.bash, python: planned.python, warnings: planned.warnings.map((d) => d.code), hasErrors: planned.hasErrors, text: planned.text },
    unchanged: unchanged.steps.length,
    summary: { ids: summary.sections.map((s) => s.id), protection: summary.exfiltrationProtection, text: summary.text },
    errors,
    ruleCount: rules.length,
    ruleSample: rules[0],
    explained: await amlnet.explain('port-range-invalid'),
    unknown: (await amlnet.explain('no-such-rule')) === undefined,
    // The small formats return at once; the full ones (and plan, summary, explain) return promises.
    sync: [amlnet.exportConfig(VALID, 'yaml') instanceof Promise, amlnet.exportConfig(VALID, 'tf') instanceof Promise, amlnet.summary(VALID) instanceof Promise],
    // The shapes of the CLI's JSON reports (docs/output.md), in camelCase.
    shapes: {
      versions: [broken.version, planned.version, summary.version],
      stages: broken.diagnostics.map((d) => d.stage),
      hasChanges: [planned.hasChanges, unchanged.hasChanges],
      headline: summary.headline,
      outbound: summary.outboundPaths.map((p) => [p.kind, p.target, p.rule]),
      weakenedBy: summary.exfiltrationWeakenedBy,
      billed: summary.billed.map((b) => b.kind),
      inbound: summary.inbound.map((f) => [f.scope, f.publicNetworkAccess]),
    },
  }));
}
`;

function sh(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function checkResult(out, expectedVersion) {
  assertEqual(out.version, expectedVersion, 'version');
  assertEqual(out.kind, 'workspace', 'detected kind');
  assert(out.hasErrors, 'the broken configuration has errors');
  assertEqual(out.diagnostics, [
    ['rule-type-not-allowed-in-isolation-mode', 'error', 7, 11, 'config.yml'],
    ['rule-type-not-allowed-in-isolation-mode', 'error', 10, 11, 'config.yml'],
    ['port-range-invalid', 'error', 14, 20, 'config.yml'],
  ], 'diagnostics of the broken configuration');
  assert(!out.cliErrors, 'the valid configuration has no errors');
  assertEqual(out.cli.map((f) => f.path), ['deploy.sh'], 'cli file');
  const script = out.cli[0].contents;
  for (const needle of ['az ml workspace create', "SUBSCRIPTION_ID='5a5a5a5a-0000-4000-8000-000000000001'", "RESOURCE_GROUP='rg-test'", 'port_ranges: 443-444', 'isolation_mode: allow_only_approved_outbound']) {
    assert(script.includes(needle), `deploy.sh contains ${needle}`);
  }
  assertEqual(out.python.map((f) => f.path), ['amlnet_deploy.py'], 'python file');
  const py = out.python[0].contents;
  for (const needle of ['from azure.ai.ml', 'IsolationMode.ALLOW_ONLY_APPROVED_OUTBOUND', 'FqdnDestination', 'pypi.org']) {
    assert(py.includes(needle), `amlnet_deploy.py contains ${needle}`);
  }
  assert(out.yaml.includes('workspace.yml'), `yaml export has workspace.yml: ${out.yaml}`);
  assertEqual(out.refused, 0, 'no files for a configuration with errors');
  assertEqual(out.terraform.paths, ['main.tf'], 'terraform file');
  assert(out.terraform.tf.includes('azurerm_machine_learning_workspace_network_outbound_rule_fqdn'), 'main.tf has the FQDN rule resource');
  assert(out.terraform.notes.length > 0, `terraform notes (the firewall SKU falls back to azapi): ${out.terraform.notes}`);
  const ws = out.arm.resources.find((r) => r.type === 'Microsoft.MachineLearningServices/workspaces');
  assertEqual(ws?.properties?.managedNetwork?.isolationMode, 'AllowOnlyApprovedOutbound', 'ARM isolation mode');
  assertEqual(ws?.properties?.managedNetwork?.outboundRules?.pypi?.type, 'FQDN', 'ARM FQDN rule keyed by name');
  assert(out.plan.kinds.includes('update_workspace') && out.plan.kinds.includes('set_rule'), `plan steps: ${out.plan.kinds}`);
  assert(out.plan.bash.includes('az ml workspace outbound-rule set') && out.plan.bash.includes('--type fqdn'), 'the plan sets the FQDN rule in bash');
  assert(out.plan.python.includes('workspace_outbound_rules'), 'the plan sets rules in Python');
  assert(!out.plan.hasErrors && out.plan.text.length > 0, 'AIO to AOAO is allowed, with warnings');
  assert(out.plan.warnings.length > 0, 'the plan warns (one-way transition, firewall)');
  assertEqual(out.unchanged, 0, 'no steps when nothing changes');
  for (const id of ['outbound', 'exfiltration', 'billed', 'inbound']) assert(out.summary.ids.includes(id), `summary section ${id}: ${out.summary.ids}`);
  assert(/pypi\.org/.test(out.summary.text) && /[Ff]irewall/.test(out.summary.text), 'the summary names the FQDN and the firewall');
  const [notString, typo, format, missing, variant, planArg, summaryArg] = out.errors;
  assert(planArg?.isError && /`current` must be a YAML string/.test(planArg.message), `plan(42) throws: ${JSON.stringify(planArg)}`);
  assert(summaryArg?.isError && /`textOrFiles` must be a YAML string/.test(summaryArg.message), `summary({}) throws: ${JSON.stringify(summaryArg)}`);
  assert(notString?.isError && /`text` must be a string/.test(notString.message), `validate(42) throws: ${JSON.stringify(notString)}`);
  assert(typo?.isError && /unknown field `subscriptionID`/.test(typo.message), `typo throws: ${JSON.stringify(typo)}`);
  assert(format?.isError && /unknown export format `toml`/.test(format.message), `format throws: ${JSON.stringify(format)}`);
  assert(missing?.isError && /missing field `text`/.test(missing.message), `missing text throws: ${JSON.stringify(missing)}`);
  assert(variant?.isError && /unknown variant `delete`/.test(variant.message), `bad operation throws: ${JSON.stringify(variant)}`);
  assert(out.ruleCount >= 20, `rules() lists the registry (${out.ruleCount})`);
  assertEqual(Object.keys(out.ruleSample).sort(), ['code', 'severity', 'summary'], 'rule summary fields');
  assert(out.explained?.code === 'port-range-invalid' && out.explained.docs.length > 100, 'explain returns the docs');
  assert(out.unknown, 'explain of an unknown code is undefined');
  assertEqual(out.sync, [false, true, true], 'which calls return promises');
  assertEqual(out.shapes.versions, [1, 1, 1], 'report versions');
  assertEqual(out.shapes.stages, ['model', 'model', 'model'], 'diagnostic stages');
  assertEqual(out.shapes.hasChanges, [true, false], 'plan hasChanges');
  assert(out.shapes.headline.length > 0, 'summary headline');
  assert(out.shapes.outbound.some(([kind, target, rule]) => kind === 'fqdn' && target === 'pypi.org' && rule === 'pypi'), `outbound paths: ${JSON.stringify(out.shapes.outbound)}`);
  assert(out.shapes.weakenedBy.includes('pypi'), `exfiltrationWeakenedBy: ${out.shapes.weakenedBy}`);
  assert(out.shapes.billed.includes('azure_firewall'), `billed: ${out.shapes.billed}`);
  assertEqual(out.shapes.inbound[0]?.[0], 'workspace', 'inbound facts');
}

const TS_CONSUMER = `import init, { validate, exportConfig, plan, summary as summarize, rules, explain, version } from 'amlnet';
import type { Diagnostic, ExportResult, Options, OutboundPath, PlanResult, Severity, StepKind, SummaryResult, Tone, ValidateResult } from 'amlnet';
import { AmlnetSnippetElement } from 'amlnet/snippet';
import { fragmentFor } from 'amlnet/builder';

await init();
const options: Options = { subscriptionId: 's', resourceGroup: 'rg', operation: 'update', currentIsolationMode: 'disabled', kind: 'workspace', policy: 'version: 1' };
const result: ValidateResult = validate('name: x', options);
const first: Diagnostic | undefined = result.diagnostics[0];
const line: number | undefined = first?.line;
const severity: Severity | undefined = first?.severity;
const exported: ExportResult = exportConfig([{ name: 'w.yml', text: 'name: x' }], 'python');
const paths: string[] = exported.files.map((f) => f.path);
const summary: string = rules()[0].summary;
const docs: string | undefined = (await explain('port-range-invalid'))?.docs;
const planned: PlanResult = await plan('name: x', [{ name: 'w.yml', text: 'name: x' }], options);
const kinds: StepKind[] = planned.steps.map((s) => s.kind);
const terraform: Diagnostic[] = (await exportConfig('name: x', 'terraform')).notes;
const summarized: SummaryResult = await summarize('name: x');
const tones: Tone[] = summarized.sections.flatMap((s) => s.lines.map((l) => l.tone));
const outbound: OutboundPath[] = summarized.outboundPaths;
const stage: string | undefined = first?.stage;
const changes: boolean = planned.hasChanges && result.version === 1;
const v: string = version;
const snippet: AmlnetSnippetElement | null = document.querySelector('amlnet-snippet');
const fragment: string = fragmentFor({ preset: 'demo' });
// @ts-expect-error the text must be a string
validate(42);
// @ts-expect-error unknown export format
exportConfig('x', 'toml');
// @ts-expect-error operation is create or update
validate('x', { operation: 'delete' });
// @ts-expect-error unknown option
validate('x', { subscriptionID: 's' });
// @ts-expect-error the policy is its YAML text
validate('x', { policy: { version: 1 } });
// @ts-expect-error plan needs the desired state
plan('name: x');
// @ts-expect-error the full wasm's formats return a promise
const notAwaited: ExportResult = exportConfig('x', 'bicep');
// @ts-expect-error plan returns a promise
const notAwaitedPlan: PlanResult = plan('x', 'x');
export { notAwaited, notAwaitedPlan, line, severity, paths, summary, docs, v, snippet, fragment, kinds, terraform, tones, outbound, stage, changes };
`;

let version;

test('npm pack lists the entry points, each wasm once (small, full, command line), the bin, types, README and LICENSE', (ctx) => {
  const files = ctx.packed.files.map((f) => f.path).sort();
  for (const required of ['package.json', 'README.md', 'LICENSE', 'index.js', 'index.cjs', 'node.mjs', 'index.d.ts',
    'snippet.js', 'snippet.d.ts', 'builder.js', 'builder.d.ts', 'docs.js', 'docs.cjs',
    'wasm/amlnet.js', 'wasm/amlnet.d.ts', 'wasm/amlnet.node.cjs', 'wasm/amlnet_bg.wasm',
    'wasm/amlnet_full.js', 'wasm/amlnet_full.d.ts', 'wasm/amlnet_full.node.cjs', 'wasm/amlnet_full_bg.wasm',
    'bin/amlnet.cjs', 'cli/amlnet_cli.cjs', 'cli/amlnet_cli_bg.wasm']) {
    assert(files.includes(required), `tarball has ${required} (has ${files.join(', ')})`);
  }
  assertEqual(ctx.packed.name, 'amlnet', 'package name');
  // Each wasm once: no two files with the same bytes (the web and Node entries share them).
  const wasms = files.filter((f) => f.endsWith('.wasm'));
  const digests = wasms.map((f) => createHash('sha256').update(readFileSync(join(ctx.project, 'node_modules/amlnet', f))).digest('hex'));
  assertEqual(new Set(digests).size, wasms.length, `distinct wasm files: ${wasms.join(', ')}`);
  assert(wasms.length === WASM_FILES.length && WASM_FILES.every((f) => wasms.includes(f)), `the wasm files are ${WASM_FILES}: ${wasms}`);
  const manifest = JSON.parse(readFileSync(join(ctx.project, 'node_modules/amlnet/package.json'), 'utf8'));
  assertEqual(manifest.type, 'module', 'type');
  assert(manifest.exports['.'].node && manifest.exports['.'].default === './index.js', 'conditional exports');
  assertEqual(manifest.bin, { amlnet: 'bin/amlnet.cjs' }, 'the npx bin');
  assertEqual(manifest.dependencies ?? {}, {}, 'no dependencies');
});

test('ES module consumer (import, node condition)', (ctx) => {
  writeFileSync(join(ctx.project, 'esm.mjs'), consumer(`import * as amlnet from 'amlnet';\nmain(amlnet);`));
  checkResult(JSON.parse(sh('node', ['esm.mjs'], ctx.project)), version);
});

test('CommonJS consumer (require)', (ctx) => {
  writeFileSync(join(ctx.project, 'cjs.cjs'), consumer(`const amlnet = require('amlnet');\nmain(amlnet);`));
  checkResult(JSON.parse(sh('node', ['cjs.cjs'], ctx.project)), version);
});

test('the web build (default condition) works with initSync', (ctx) => {
  const load = `import * as web from './node_modules/amlnet/index.js';
import { readFileSync } from 'node:fs';
web.initSync({ module: readFileSync('./node_modules/amlnet/wasm/amlnet_bg.wasm'), full: readFileSync('./node_modules/amlnet/wasm/amlnet_full_bg.wasm') });
await web.default();
main({ ...web, init: async () => {} });`;
  writeFileSync(join(ctx.project, 'web.mjs'), consumer(load));
  checkResult(JSON.parse(sh('node', ['web.mjs'], ctx.project)), version);
});

// An organization policy (the text of a .amlnet-policy.yml) as options.policy, from ESM and CommonJS.
const POLICY = `version: 1
name: contoso-ml-baseline
workspace:
  isolation_modes: [allow_only_approved_outbound]
outbound_rules:
  fqdns: {allow: ["*.contoso.com"]}
`;
const policyConsumer = (load) => `${load}
const POLICY = ${JSON.stringify(POLICY)};
const VALID = ${JSON.stringify(VALID)};
async function main(amlnet) {
  await amlnet.init();
  const checked = amlnet.validate(VALID, { policy: POLICY, fileName: 'workspace.yml' });
  const lenient = amlnet.validate(VALID, { policy: POLICY.replace('outbound_rules:', 'outbound_rules:\\n  severity: warning') });
  const broken = amlnet.validate(VALID, { policy: 'version: 1\\nworkspace:\\n  isolation_mode: [disabled]\\n' });
  const refused = amlnet.exportConfig(VALID, 'cli', { policy: POLICY });
  const forced = amlnet.exportConfig(VALID, 'cli', { policy: POLICY, force: true });
  const planned = await amlnet.plan(VALID.replace('pypi.org', 'pkgs.contoso.com'), VALID, { policy: POLICY });
  let thrown = null;
  try { amlnet.validate(VALID, { policy: 42 }); } catch (e) { thrown = e.message; }
  console.log(JSON.stringify({
    checked: checked.diagnostics.filter((d) => d.stage === 'policy').map((d) => [d.code, d.stage, d.severity, d.file, d.line, d.path]),
    message: checked.diagnostics.find((d) => d.code === 'policy-fqdn-forbidden')?.message,
    lenient: lenient.diagnostics.filter((d) => d.stage === 'policy').map((d) => [d.code, d.severity]),
    lenientErrors: lenient.hasErrors,
    broken: broken.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file, d.line]),
    brokenErrors: broken.hasErrors,
    refused: [refused.files.length, refused.hasErrors, refused.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)],
    forced: forced.files.map((f) => f.path),
    plan: [planned.hasErrors, planned.desiredDiagnostics.filter((d) => d.severity === 'error').map((d) => d.code)],
    thrown,
  }));
}
`;

function checkPolicy(out) {
  assertEqual(out.checked, [['policy-fqdn-forbidden', 'policy', 'error', 'workspace.yml', 8, 'managed_network.outbound_rules[0].destination']], 'a violation at its field');
  assert(out.message.includes('contoso-ml-baseline') && out.message.includes('.amlnet-policy.yml:6'), `the violation names the policy and its line: ${out.message}`);
  assertEqual(out.lenient, [['policy-fqdn-forbidden', 'warning']], 'severity: warning');
  assertEqual(out.lenientErrors, false, 'a warning section does not fail');
  assertEqual(out.broken, [['policy-file-invalid', '.amlnet-policy.yml', 3]], 'a broken policy is an error in the policy file');
  assertEqual(out.brokenErrors, true, 'a broken policy fails the check');
  assertEqual(out.refused, [0, true, ['policy-fqdn-forbidden']], 'exportConfig refuses a configuration the policy forbids');
  assertEqual(out.forced, ['deploy.sh'], 'force exports anyway');
  assertEqual(out.plan, [true, ['policy-fqdn-forbidden']], 'plan reports the violation');
  assert(/invalid options/.test(out.thrown ?? ''), `a policy that is not a string throws: ${out.thrown}`);
}

test('options.policy (ES module and CommonJS)', (ctx) => {
  writeFileSync(join(ctx.project, 'policy.mjs'), policyConsumer(`import * as amlnet from 'amlnet';\nmain(amlnet);`));
  checkPolicy(JSON.parse(sh('node', ['policy.mjs'], ctx.project)));
  writeFileSync(join(ctx.project, 'policy.cjs'), policyConsumer(`const amlnet = require('amlnet');\nmain(amlnet);`));
  checkPolicy(JSON.parse(sh('node', ['policy.cjs'], ctx.project)));
});

test('types: a consumer compiles with tsc --strict, and misuse does not', (ctx) => {
  writeFileSync(join(ctx.project, 'consumer.ts'), TS_CONSUMER);
  try {
    sh(tsc, ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
      '--lib', 'es2022,dom', 'consumer.ts'], ctx.project);
  } catch (error) {
    throw new Error(`tsc --strict failed:\n${error.stdout}${error.stderr}`);
  }
});

await run('npm-pack', {
  before() {
    version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
    const work = mkdtempSync(join(tmpdir(), 'amlnet-pack-'));
    const [packed] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work], pkg));
    const project = join(work, 'consumer');
    sh('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    sh('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], project);
    return { work, project, packed };
  },
  after(ctx) {
    if (ctx?.work) rmSync(ctx.work, { recursive: true, force: true });
  },
});
