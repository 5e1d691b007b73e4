// End-to-end tests of the builder in headless Chromium, by visible labels and roles, against the built
// site (dist/) on 127.0.0.1. Expected exports and diagnostics come from the amlnet CLI (the same core).
// Prints `e2e: N passed, M failed` and exits non-zero on failure. Screenshots go to artifacts/e2e/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { launch, openPage } from './browser.mjs';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const dist = resolve(process.env.DIST_DIR ?? join(repo, 'dist'));
const shots = resolve(process.env.ARTIFACTS_DIR ?? join(repo, 'artifacts/e2e'));
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const SUB = '00000000-1111-2222-3333-444444444444';
const RG = 'e2e-rg';

/** Runs the amlnet CLI (AMLNET_BIN, or `cargo run`). Returns { status, stdout, stderr }. */
function amlnet(args) {
  const [cmd, pre] = process.env.AMLNET_BIN
    ? [process.env.AMLNET_BIN, []]
    : ['cargo', ['run', '-q', '-p', 'amlnet-cli', '--bin', 'amlnet', '--']];
  const r = spawnSync(cmd, [...pre, ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function assertEqual(actual, expected, message) {
  if (actual !== expected) {
    const a = String(actual).split('\n'), b = String(expected).split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    throw new Error(`${message}: first difference at line ${i + 1}:\n  app: ${JSON.stringify(a[i])}\n  cli: ${JSON.stringify(b[i])}`);
  }
}

async function axe(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  });
  assert(result.length === 0, `axe violations at ${label}:\n    ${result.join('\n    ')}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function noProblems(page, problems) {
  const csp = await page.evaluate(() => window.__cspViolations ?? []);
  assert(csp.length === 0, `CSP violations: ${csp.join('; ')}`);
  assert(problems.length === 0, `browser problems:\n    ${problems.join('\n    ')}`);
}

/** The files of the visible export tab: [{ name, text }]. */
/** Waits until the element `selector` exists and is not `aria-busy` (a panel the full core fills). */
async function settled(page, selector) {
  await page.waitForFunction((sel) => { const el = document.querySelector(sel); return el !== null && el.getAttribute('aria-busy') !== 'true'; }, selector);
}

/** Waits for the change plan to follow the last edit (it comes from the lazily loaded full core). */
async function planSettled(page) {
  await settled(page, '.plan-result');
}

async function exportFiles(page, tab) {
  const button = page.getByRole('tab', { name: tab });
  await button.click();
  await settled(page, `#${await button.getAttribute('aria-controls')}`);
  return page.locator('[role="tabpanel"] pre[data-file]').evaluateAll((els) => els.map((e) => ({ name: e.dataset.file, text: e.textContent })));
}

async function gotoStep(page, title) {
  await page.getByRole('navigation', { name: 'Wizard steps' }).getByRole('button', { name: new RegExp(title.replace(/[+]/g, '\\+')) }).click();
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
}

async function addRule(page, fill) {
  await page.getByRole('button', { name: 'Add user-defined outbound rules' }).click();
  const dialog = page.getByRole('dialog', { name: /outbound rule/ });
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}

// ---- the tests ----

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
let server, browser, shareUrl, builtYaml;

test('loads offline with the demo, a CSP and no violations', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert(/default-src 'none'/.test(csp) && /connect-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), `unexpected CSP: ${csp}`);
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'contoso-ml', 'demo workspace name');
  await page.getByRole('img', { name: /Network diagram/ }).waitFor();
  await noProblems(page, problems);
  await context.close();
});

test('a first visit fetches only the small set; the export tabs, the plan and the docs load the rest on first use', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const log = [];
  page.on('request', (r) => log.push(new URL(r.url()).pathname));
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(server.url);
  await page.getByLabel('Workspace name').waitFor();
  await page.waitForLoadState('networkidle');
  const first = [...log];
  const small = /^\/(index\.html)?$|^\/amlnet-app-[0-9a-f]{16}(_bg\.wasm|\.js)$|^\/style-[0-9a-f]{16}\.css$|^\/snippets\/amlnet-app-[0-9a-f]{16}\/js\/full\.js$/;
  assert(first.every((p) => small.test(p)), `a first visit fetched more than the small set: ${first.join(', ')}`);
  assert(first.some((p) => p.endsWith('_bg.wasm')), `no wasm in the first load: ${first.join(', ')}`);
  const full = () => log.filter((p) => p.startsWith('/full/'));
  assertEqual(full().length, 0, 'the full core is not fetched before it is needed');
  // The YAML tab is the app's own; the Terraform tab loads the full core, once.
  await exportFiles(page, 'YAML');
  assertEqual(full().length, 0, 'the YAML tab needs no full core');
  const tf = await exportFiles(page, 'Terraform');
  assert(tf.length === 1 && tf[0].text.includes('resource "azurerm_machine_learning_workspace"'), `Terraform: ${tf.map((f) => f.name)}`);
  assertEqual(full().sort().join(','), '/full/amlnet.js,/full/amlnet_bg.wasm', 'the Terraform tab loads the full core');
  // The plan view uses the same full core, without fetching it again.
  await page.getByRole('button', { name: 'Plan a change' }).click();
  await page.getByLabel('Current state', { exact: true }).fill(SHOWN);
  await page.getByRole('button', { name: 'Use as current state' }).click();
  await planSettled(page);
  await page.locator('#plan-status').waitFor();
  assertEqual(full().length, 2, 'the plan reuses the loaded full core');
  // The rule documentation is fetched when a code badge is first opened.
  assertEqual(log.filter((p) => p === '/rule-docs.json').length, 0, 'no rule docs before a badge is opened');
  await page.locator('.code-badge').first().click();
  await page.getByRole('dialog').waitFor();
  await page.waitForLoadState('networkidle');
  assertEqual(log.filter((p) => p === '/rule-docs.json').length, 1, 'a code badge fetches rule-docs.json');
  assert(problems.length === 0, `browser problems:\n    ${problems.join('\n    ')}`);
  await context.close();
});

test('builds an approved-outbound workspace with all three rule types; tabs equal the CLI', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: 'Start over' }).click();
  assertEqual(await page.getByLabel('Workspace name').inputValue(), '', 'start over clears');
  // Basics
  await page.getByLabel('Subscription ID').fill(SUB);
  await page.getByLabel('Resource group').fill(RG);
  await page.getByLabel('Workspace name').fill('e2e-ws');
  await page.getByLabel('Region').fill('westeurope');
  await axe(page, 'Basics');
  await shot(page, '1-basics');
  await page.getByRole('button', { name: 'Next: Networking' }).click();
  // Networking
  await page.getByRole('heading', { name: 'Networking', level: 2 }).waitFor();
  await page.getByLabel('Public network access (inbound)').selectOption('disabled');
  await page.getByLabel('Private with Approved Outbound').check();
  await page.getByLabel('Azure Firewall SKU').selectOption('basic');
  await axe(page, 'Networking');
  await shot(page, '2-networking');
  await page.getByRole('button', { name: 'Next: Outbound rules' }).click();
  // Outbound rules
  await page.getByRole('heading', { name: 'Outbound rules', level: 2 }).waitFor();
  await addRule(page, async (d) => {
    await d.getByLabel('Rule name').fill('storage-blob');
    await d.getByLabel('Destination type').selectOption('private_endpoint');
    assertEqual(await d.getByLabel('Subscription', { exact: true }).inputValue(), SUB, 'dialog subscription prefilled');
    await d.getByLabel('Resource type').selectOption('Microsoft.Storage/storageAccounts');
    await d.getByLabel('Resource name').fill('e2edata');
    await d.getByLabel('Sub resource').selectOption('blob');
    await d.getByLabel('Spark enabled').check();
    await axe(page, 'Rule dialog (private endpoint)');
    await shot(page, '3a-rule-dialog');
  });
  await addRule(page, async (d) => {
    await d.getByLabel('Rule name').fill('monitor');
    await d.getByLabel('Destination type').selectOption('service_tag');
    await d.getByLabel('Search service tags').fill('monitor');
    await d.getByLabel('Service tag', { exact: true }).selectOption('AzureMonitor');
    await d.getByLabel('Protocol').selectOption('TCP');
    await d.getByLabel('Port ranges').fill('443');
  });
  await addRule(page, async (d) => {
    await d.getByLabel('Rule name').fill('pypi');
    await d.getByLabel('Destination type').selectOption('fqdn');
    await d.getByLabel('FQDN destination').fill('pypi.org');
    await d.getByText(/adds to the cost/).waitFor();
  });
  const names = await page.locator('table.rules tbody tr:not(.msg-row) th[scope="row"]').allTextContents();
  assertEqual(names.join(','), 'storage-blob,monitor,pypi', 'three rule rows');
  await axe(page, 'Outbound rules');
  await shot(page, '3-rules');
  await page.getByRole('button', { name: 'Next: Online endpoint' }).click();
  await page.getByRole('heading', { name: 'Online endpoint', level: 2 }).waitFor();
  await axe(page, 'Online endpoint');
  await shot(page, '4-endpoint');
  await page.getByRole('button', { name: 'Next: Review + export' }).click();
  await page.getByRole('heading', { name: 'Review + export', level: 2 }).waitFor();
  const status = await page.locator('.summary .status').textContent();
  assert(/^0 errors/.test(status), `summary: ${status}`);
  await axe(page, 'Review + export');
  await shot(page, '5-review');

  // The exports equal what the CLI makes of the YAML the app shows.
  const yaml = await exportFiles(page, 'YAML');
  builtYaml = yaml;
  assert(yaml.some((f) => f.name === 'workspace.yml'), 'workspace.yml exported');
  const dir = mkdtempSync(join(tmpdir(), 'amlnet-e2e-yaml-'));
  for (const f of yaml) writeFileSync(join(dir, f.name), f.text);
  const inputs = yaml.map((f) => join(dir, f.name));
  for (const [tab, to] of [['YAML', 'yaml'], ['Azure CLI', 'cli'], ['Python', 'python'], ['ARM', 'arm'], ['Bicep', 'bicep'], ['Terraform', 'terraform']]) {
    const files = await exportFiles(page, tab);
    const out = join(dir, `out-${to}`);
    const r = amlnet(['export', ...inputs, '--to', to, '--out', out, '--subscription', SUB, '--resource-group', RG]);
    assert(r.status === 0, `amlnet export --to ${to} failed: ${r.stderr}`);
    const expected = readdirSync(out).sort();
    assertEqual(files.map((f) => f.name).sort().join(','), expected.join(','), `${tab} file names`);
    for (const f of files) assertEqual(f.text, readFileSync(join(out, f.name), 'utf8'), `${tab} tab, ${f.name}`);
  }
  // The Terraform tab lists what azurerm cannot express (here: the firewall SKU), as the CLI does.
  await exportFiles(page, 'Terraform');
  const notes = await page.getByRole('list', { name: 'Notes on the Terraform export' }).locator('li').allTextContents();
  const cliNotes = amlnet(['export', ...inputs, '--to', 'terraform', '--out', join(dir, 'out-tf-notes'), '--subscription', SUB, '--resource-group', RG]).stderr;
  assert(notes.length > 0, 'the Terraform tab shows notes');
  const noteCodes = await page.getByRole('list', { name: 'Notes on the Terraform export' }).locator('li').evaluateAll((els) => els.map((e) => e.dataset.code));
  for (const [k, n] of notes.entries()) {
    const code = noteCodes[k];
    assert(code && cliNotes.includes(code), `note ${n} is also reported by the CLI:\n${cliNotes}`);
  }
  await axe(page, 'Review + export (Terraform tab)');
  // The summary beside the diagram equals `amlnet summary --format json` of the exported YAML.
  const cliSummary = JSON.parse(amlnet(['summary', ...inputs, '--format', 'json']).stdout);
  const shown = await page.locator('.cost-summary .summary-section').evaluateAll((els) =>
    els.map((e) => ({ id: e.dataset.section, lines: [...e.querySelectorAll('li')].map((li) => li.dataset.text) })));
  assertEqual(JSON.stringify(shown), JSON.stringify(cliSummary.sections.map((s) => ({ id: s.id, lines: s.lines.map((l) => l.text) }))), 'summary panel');
  assert(cliSummary.sections.some((s) => s.lines.some((l) => /[Ff]irewall/.test(l.text) && /Basic/.test(l.text))), 'the summary bills the Basic firewall');
  await axe(page, 'Review + export (Python tab)');
  await noProblems(page, problems);
  await context.close();
});

test('validation shows next to the field and the summary moves focus there', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await gotoStep(page, 'Networking');
  await page.getByLabel('Private with Internet Outbound').check();
  // The demo's service tag and FQDN rules are not allowed with internet outbound.
  await gotoStep(page, 'Review + export');
  assert(/^[1-9]\d* errors?/.test(await page.locator('.summary .status').textContent()), 'errors counted');
  await page.locator('#export-warning').waitFor();
  const finding = page.locator('.finding.error button').first();
  await finding.click();
  await page.getByRole('heading', { name: 'Outbound rules', level: 2 }).waitFor();
  const focused = await page.evaluate(() => document.activeElement?.id);
  assert(/^rule-\d+-edit$/.test(focused), `focus after summary click: ${focused}`);
  await page.locator('tr.msg-row .msg.error').first().waitFor();
  await axe(page, 'Outbound rules with errors');
  await shot(page, '6-validation');
  // An error next to a plain field: an invalid instance count.
  await gotoStep(page, 'Online endpoint');
  await page.getByLabel('Instance count').fill('two');
  await page.locator('#f-instance-count-msg .msg.error').waitFor();
  assertEqual(await page.getByLabel('Instance count').getAttribute('aria-invalid'), 'true', 'aria-invalid');
  assertEqual(await page.getByLabel('Instance count').inputValue(), 'two', 'typed text is kept');
  await noProblems(page, problems);
  await context.close();
});

const BROKEN = `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
name: broken-ws
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: tag
    type: service_tag
    destination:
      service_tag: AzureMonitor
      protocol: TCP
      port_ranges: '70000'
  - name: tag
    type: fqdn
    destination: pypi.org
  firewall_sku: platinum
`;

test('import of a broken file lists each diagnostic at its line and keeps the wizard', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  const dir = mkdtempSync(join(tmpdir(), 'amlnet-e2e-broken-'));
  writeFileSync(join(dir, 'pasted.yml'), BROKEN);
  const cli = amlnet(['check', '--format', 'json', join(dir, 'pasted.yml')]);
  const parsed = JSON.parse(cli.stdout);
  const expected = (Array.isArray(parsed) ? parsed : parsed.diagnostics ?? parsed.files?.flatMap((f) => f.diagnostics) ?? []);
  assert(expected.length >= 2, `the CLI finds the problems: ${cli.stdout.slice(0, 300)}`);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  await page.getByLabel('Paste YAML').fill(BROKEN);
  await page.getByRole('button', { name: 'Import pasted YAML' }).click();
  await page.getByRole('heading', { name: 'Import result' }).waitFor();
  const listed = await page.getByRole('list', { name: 'Import diagnostics' }).getByRole('listitem').allTextContents();
  assertEqual(listed.length, expected.length, 'one entry per diagnostic');
  for (const d of expected) {
    const line = d.range?.line ?? d.line;
    const code = d.code;
    if (line) {
      assert(listed.some((t) => t.startsWith(`pasted.yml:${line}:`) && t.includes(`[${code}]`)), `listed ${code} at line ${line}: ${listed.join(' | ')}`);
      const li = page.locator(`ol.source li[data-line="${line}"]`);
      assert(/line-(error|warning|note)/.test(await li.getAttribute('class')), `line ${line} marked`);
      assert((await li.textContent()).includes(`[${code}]`), `message for ${code} shown under line ${line}`);
    }
  }
  assertEqual(await page.getByLabel('Paste YAML').inputValue(), BROKEN, 'the pasted text is kept');
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'contoso-ml', 'the wizard is unchanged');
  await axe(page, 'Import with errors');
  await shot(page, '7-import-errors');
  await page.getByRole('button', { name: 'Replace with what could be read' }).click();
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'broken-ws', 'applied on request');
  // Both rules have errors: they are left out, and the result says so.
  const skipped = await page.getByRole('list', { name: 'Not taken as read' }).locator('li').allTextContents();
  assert(skipped.some((l) => /^rule tag: left out, it has \d errors?$/.test(l)), `skipped: ${skipped.join(' | ')}`);
  await noProblems(page, problems);
  await context.close();
});

test('presets, and opening YAML files fills the wizard', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Approved outbound with PyPI and conda' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'ml-approved', 'preset loaded');
  await gotoStep(page, 'Outbound rules');
  assertEqual(await page.locator('table.rules tbody tr:not(.msg-row)').count(), 8, 'PyPI and conda rules');
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const dir = mkdtempSync(join(tmpdir(), 'amlnet-e2e-open-'));
  const ws = `name: opened-ws\nlocation: eastus\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n`;
  const ep = `$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json\nname: opened-ep\nauth_mode: key\npublic_network_access: disabled\n`;
  writeFileSync(join(dir, 'workspace.yml'), ws);
  writeFileSync(join(dir, 'endpoint.yml'), ep);
  await page.getByLabel('Open YAML files').setInputFiles([join(dir, 'workspace.yml'), join(dir, 'endpoint.yml')]);
  await page.getByText('The wizard now holds what was imported.').waitFor();
  await gotoStep(page, 'Basics');
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'opened-ws', 'workspace from the opened file');
  await gotoStep(page, 'Online endpoint');
  assertEqual(await page.getByLabel('Endpoint name').inputValue(), 'opened-ep', 'endpoint from the opened file');
  await noProblems(page, problems);
  await context.close();
});

test('Foundry hub and project: the kind on Basics, a project has no network of its own, the exports say so', async () => {
  const hubId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/e2e-hub`;
  for (const [width, height, suffix] of [[1440, 900, 'desktop'], [390, 844, 'phone']]) {
    const { context, page, problems } = await openPage(browser, server.url, { viewport: { width, height } });
    await page.getByLabel('Workspace kind').selectOption('hub');
    const hubYaml = (await exportFiles(page, 'YAML')).find((f) => f.name === 'workspace.yml').text;
    assert(/^kind: hub$/m.test(hubYaml), `hub YAML:\n${hubYaml}`);
    const cli = (await exportFiles(page, 'Azure CLI'))[0].text;
    assert(/az ml workspace create --file amlnet-workspace\.yml .*--kind hub/.test(cli), 'az ml workspace create --kind hub');
    const tf = (await exportFiles(page, 'Terraform'))[0].text;
    assert(tf.includes('resource "azurerm_ai_foundry" "workspace"'), 'Terraform hub resource');
    await page.getByLabel('Workspace kind').selectOption('project');
    await page.getByLabel('Hub (resource ID)').fill(hubId);
    await axe(page, `Basics (project, ${suffix})`);
    await shot(page, `foundry-project-basics-${suffix}`);
    const yaml = (await exportFiles(page, 'YAML')).find((f) => f.name === 'workspace.yml').text;
    assert(/^kind: project$/m.test(yaml) && yaml.includes(`hub_id: ${hubId}`) && !yaml.includes('managed_network'), `project YAML:\n${yaml}`);
    const py = (await exportFiles(page, 'Python'))[0].text;
    assert(py.includes('Project(') && py.includes(`hub_id="${hubId}"`), 'Python builds a Project');
    await gotoStep(page, 'Networking');
    await page.getByRole('note').filter({ hasText: "runs in its hub's managed virtual network" }).waitFor();
    assertEqual(await page.getByLabel('Private with Approved Outbound').count(), 0, 'no outbound choices for a project');
    await axe(page, `Networking (project, ${suffix})`);
    await shot(page, `foundry-project-networking-${suffix}`);
    await noProblems(page, problems);
    await context.close();
  }
});

test('copy and download', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  const files = await exportFiles(page, 'YAML');
  await page.getByRole('button', { name: 'Copy workspace.yml' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied workspace.yml' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assertEqual(copied, files.find((f) => f.name === 'workspace.yml').text, 'clipboard holds workspace.yml');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download workspace.yml' }).click()]);
  assertEqual(download.suggestedFilename(), 'workspace.yml', 'download name');
  assertEqual(readFileSync(await download.path(), 'utf8'), copied, 'downloaded text');
  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all files (.zip)' }).click()]);
  assertEqual(zip.suggestedFilename(), 'amlnet-export.zip', 'zip name');
  const bytes = readFileSync(await zip.path());
  assert(bytes.subarray(0, 2).toString() === 'PK' && bytes.includes('deploy.sh') && bytes.includes('amlnet_deploy.py'), 'zip holds all files');
  await noProblems(page, problems);
  await context.close();
});

test('a share link reopened in a fresh page restores the same state', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByLabel('Workspace name').fill('shared-ws');
  await gotoStep(page, 'Outbound rules');
  await page.getByRole('button', { name: /Add Conda packages/ }).click();
  const before = await exportFiles(page, 'YAML');
  await page.getByRole('button', { name: 'Create share link' }).click();
  shareUrl = await page.getByLabel('Share link').inputValue();
  assert(shareUrl.startsWith(server.url) && shareUrl.includes('#c='), `share link: ${shareUrl.slice(0, 80)}`);
  await context.close();
  const fresh = await openPage(browser, shareUrl);
  await fresh.page.getByRole('heading', { name: 'Outbound rules', level: 2 }).waitFor();
  const after = await exportFiles(fresh.page, 'YAML');
  assertEqual(JSON.stringify(after), JSON.stringify(before), 'same YAML after restore');
  assert(!(await fresh.page.evaluate(() => location.hash)).includes('c='), 'fragment cleared after restore');
  // Local storage keeps the state across a reload; Start over clears it.
  await fresh.page.reload();
  await fresh.page.getByRole('heading', { name: 'Outbound rules', level: 2 }).waitFor();
  await gotoStep(fresh.page, 'Basics');
  assertEqual(await fresh.page.getByLabel('Workspace name').inputValue(), 'shared-ws', 'kept in local storage');
  await fresh.page.getByRole('button', { name: 'Start over' }).click();
  await fresh.page.reload();
  await fresh.page.getByRole('heading', { name: 'Basics', level: 2 }).waitFor();
  assertEqual(await fresh.page.getByLabel('Workspace name').inputValue(), '', 'start over persists');
  await noProblems(fresh.page, [...problems, ...fresh.problems]);
  await fresh.context.close();
});

test('an organization policy: a forbidden choice is disabled with the reason, the violation shows at its field, and both survive a share link', async () => {
  const POLICY = 'version: 1\nname: e2e-baseline\nworkspace:\n  isolation_modes: [allow_only_approved_outbound]\n';
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByLabel('Workspace name').fill('policy-ws');
  await gotoStep(page, 'Networking');
  await page.locator('#f-isolation-mode-allow_internet_outbound').check();
  await page.locator('#open-policy').click();
  await page.locator('#policy-text').fill(POLICY);
  await page.locator('#policy-enforce').click();
  assertEqual(await page.locator('#policy-status').textContent(), 'Enforcing the policy `e2e-baseline`.', 'policy status');
  assertEqual(await page.locator('#open-policy').textContent(), 'Policy: e2e-baseline', 'toolbar names the policy');
  const check = async (p, label) => {
    assert(await p.locator('#f-isolation-mode-disabled').isDisabled(), `${label}: the forbidden mode is disabled`);
    assertEqual(await p.locator('#f-isolation-mode-disabled-policy').textContent(),
      ' Forbidden: not allowed by the policy `e2e-baseline` (.amlnet-policy.yml:4).', `${label}: the reason`);
    assert(!(await p.locator('#f-isolation-mode-allow_only_approved_outbound').isDisabled()), `${label}: an allowed mode stays enabled`);
    // The chosen mode is forbidden too: it stays selectable (to leave it), and the violation is at the field.
    assert(await p.locator('#f-isolation-mode-allow_internet_outbound').isChecked(), `${label}: the chosen mode is kept`);
    const messages = await p.locator('#f-isolation-mode-msg').textContent();
    assert(messages.includes('does not allow the isolation mode allow_internet_outbound') && messages.includes('.amlnet-policy.yml:4'),
      `${label}: violation at the field: ${messages}`);
  };
  await check(page, 'loaded');
  await shot(page, 'policy-networking');
  await page.getByRole('button', { name: 'Create share link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  await context.close();
  const fresh = await openPage(browser, link);
  await fresh.page.getByRole('heading', { name: 'Networking', level: 2 }).waitFor();
  await check(fresh.page, 'after the share link');
  assertEqual(await fresh.page.locator('#open-policy').textContent(), 'Policy: e2e-baseline', 'the link carried the policy');
  // Choosing the allowed mode clears the violation.
  await fresh.page.locator('#f-isolation-mode-allow_only_approved_outbound').check();
  assert(!(await fresh.page.locator('#f-isolation-mode-msg').textContent()).includes('does not allow'), 'the violation is gone');
  // A broken policy fails the wizard instead of allowing everything.
  await fresh.page.locator('#open-policy').click();
  await fresh.page.locator('#policy-text').fill('version: 1\nworkspace:\n  isolation_mode: [disabled]\n');
  await fresh.page.locator('#policy-enforce').click();
  assertEqual(await fresh.page.locator('#policy-status').textContent(), 'The policy has errors: every check fails until they are fixed.', 'broken policy status');
  assert((await fresh.page.locator('#policy-panel').textContent()).includes('unknown policy key'), 'the policy error is listed');
  await fresh.page.locator('#policy-clear').click();
  assert(!(await fresh.page.locator('#f-isolation-mode-disabled').isDisabled()), 'no policy, no forbidden choice');
  await noProblems(fresh.page, [...problems, ...fresh.problems]);
  await fresh.context.close();
});

test('a preset link (#preset=<id>, as <amlnet-builder preset> makes) opens that preset', async () => {
  const { context, page, problems } = await openPage(browser, `${server.url}#preset=secure-endpoint`);
  await page.getByRole('heading', { name: 'Basics', level: 2 }).waitFor();
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'ml-secure', 'preset workspace');
  assert(!(await page.evaluate(() => location.hash)).includes('preset='), 'fragment cleared after loading the preset');
  await noProblems(page, problems);
  await context.close();
});

/** The id of the focused element once focus has settled on `id` (renders are asynchronous), else the current one. */
async function focusedAfter(page, id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5000 }).catch(() => {});
  return page.evaluate(() => document.activeElement?.id);
}

async function tabTo(page, predicate, what, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

test('keyboard only: steps, fields, the rule dialog and focus return', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await tabTo(page, () => document.activeElement?.id === 'f-workspace-name', 'Workspace name');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('keyboard-ws');
  await tabTo(page, () => document.activeElement?.textContent === 'Next: Networking', 'Next button');
  await page.keyboard.press('Enter');
  assertEqual(await focusedAfter(page, 'step-networking-heading'), 'step-networking-heading', 'focus on the step heading');
  await tabTo(page, () => document.activeElement?.name === 'isolation-mode', 'outbound access radios');
  await tabTo(page, () => document.activeElement?.textContent === 'Next: Outbound rules', 'Next button');
  await page.keyboard.press('Enter');
  await tabTo(page, () => document.activeElement?.id === 'add-rule', 'Add rule button');
  await page.keyboard.press('Enter');
  assertEqual(await focusedAfter(page, 'r-name'), 'r-name', 'focus in the dialog');
  await page.keyboard.press('Escape');
  assertEqual(await focusedAfter(page, 'add-rule'), 'add-rule', 'Escape returns focus');
  await page.keyboard.press('Enter');
  await page.keyboard.type('kbd-fqdn');
  await tabTo(page, () => document.activeElement?.id === 'r-fqdn', 'FQDN field', 10);
  await page.keyboard.type('example.org');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  // Focus moves after the render that closes the dialog (as focusedAfter waits for it).
  await page.waitForFunction(() => /^rule-\d+-edit$/.test(document.activeElement?.id ?? ''), null, { timeout: 5000 }).catch(() => {});
  const focused = await page.evaluate(() => document.activeElement?.id);
  assert(/^rule-\d+-edit$/.test(focused), `focus on the new rule's Edit: ${focused}`);
  assert((await page.locator('table.rules').textContent()).includes('example.org'), 'rule added');
  // The tab list answers to arrow keys.
  await page.locator('#tab-yaml').focus();
  await page.keyboard.press('ArrowRight');
  assertEqual(await focusedAfter(page, 'tab-cli'), 'tab-cli', 'arrow moves between tabs');
  assertEqual(await page.getByRole('tab', { name: 'Azure CLI' }).getAttribute('aria-selected'), 'true', 'CLI tab selected');
  await shot(page, '8-keyboard');
  await noProblems(page, problems);
  await context.close();
});

test('phone width: no horizontal scrolling, dark theme passes axe', async () => {
  const { context, page, problems } = await openPage(browser, server.url, { viewport: { width: 375, height: 800 }, colorScheme: 'dark' });
  for (const step of ['Basics', 'Networking', 'Outbound rules', 'Online endpoint', 'Review + export']) {
    await gotoStep(page, step);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(overflow <= 1, `${step}: page is ${overflow}px wider than the phone`);
    await axe(page, `${step} (phone, dark)`);
  }
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Import YAML' }).click();
  await axe(page, 'Import panel (phone, dark)');
  await page.getByRole('button', { name: 'Plan a change' }).click();
  await page.getByLabel('Current state', { exact: true }).fill(SHOWN);
  await page.getByRole('button', { name: 'Use as current state' }).click();
  await page.getByRole('button', { name: 'Edit a copy of the current state' }).click();
  await page.getByLabel('Private with Approved Outbound').check();
  await page.locator('#plan-bash').waitFor();
  const [planOverflow, widest] = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 1);
    const name = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''}`;
    return [document.documentElement.scrollWidth - width, wide.slice(-3).map(name).join(', ')];
  });
  assert(planOverflow <= 1, `plan view: page is ${planOverflow}px wider than the phone (${widest})`);
  await axe(page, 'Plan view (phone, dark)');
  await shot(page, '9-phone-dark');
  await noProblems(page, problems);
  await context.close();
});

// A workspace as `az ml workspace show` prints it: allow internet outbound, one private endpoint, and the
// rules Azure added itself (category required), which are not the user's to plan.
const SHOWN = JSON.stringify({
  id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/live-ws`,
  name: 'live-ws',
  location: 'westeurope',
  resource_group: RG,
  public_network_access: 'Enabled',
  managed_network: {
    isolation_mode: 'allow_internet_outbound',
    network_id: '2f6e1c1e-0000-4000-8000-00000000abcd',
    outbound_rules: [
      { name: 'blob-data', type: 'private_endpoint', category: 'user_defined', status: 'Active',
        destination: { service_resource_id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/livedata`, subresource_target: 'blob', spark_enabled: false } },
      { name: '__SYS_PE_live-ws_amlworkspace', type: 'private_endpoint', category: 'required', status: 'Active',
        destination: { service_resource_id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.MachineLearningServices/workspaces/live-ws`, subresource_target: 'amlworkspace', spark_enabled: false } },
    ],
    status: { status: 'Active', spark_ready: false },
  },
}, null, 2);

test('plan view: current state from az show JSON, edit a copy, the plan equals the CLI', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByLabel('Subscription ID').fill(SUB);
  await page.getByLabel('Resource group').fill(RG);
  await page.getByRole('button', { name: 'Plan a change' }).click();
  await page.getByLabel('Current state', { exact: true }).fill(SHOWN);
  await page.getByRole('button', { name: 'Use as current state' }).click();
  const read = await page.locator('.plan-current p').first().textContent();
  assert(/live-ws/.test(read) && /1 user-defined rule\b/.test(read), `current state read: ${read}`);
  await page.getByRole('button', { name: 'Edit a copy of the current state' }).click();
  await page.getByRole('heading', { name: 'Networking', level: 2 }).waitFor();
  await planSettled(page);
  assertEqual(await page.locator('#plan-status').textContent(), 'Nothing changes: the workspace already is what the wizard holds.', 'a copy plans nothing');
  await axe(page, 'Plan view (no change)');

  // Desired: approved outbound, public access off, plus an FQDN rule; the private endpoint is removed.
  await page.getByLabel('Public network access (inbound)').selectOption('disabled');
  await page.getByLabel('Private with Approved Outbound').check();
  await page.getByRole('button', { name: 'Next: Outbound rules' }).click();
  await page.getByRole('heading', { name: 'Outbound rules', level: 2 }).waitFor();
  await addRule(page, async (d) => {
    await d.getByLabel('Rule name').fill('pypi');
    await d.getByLabel('Destination type').selectOption('fqdn');
    await d.getByLabel('FQDN destination').fill('pypi.org');
  });
  await page.getByRole('button', { name: /Delete.*blob-data/ }).click();
  await planSettled(page);
  const steps = await page.getByRole('list', { name: 'Plan steps' }).locator('> li strong').allTextContents();
  assert(steps.length >= 3, `plan steps: ${steps.join(' | ')}`);
  const warnings = await page.getByRole('list', { name: 'Before you run the plan' }).locator('li').allTextContents();
  assert(warnings.some((w) => /firewall/i.test(w)), `a firewall warning: ${warnings.join(' | ')}`);
  const bash = await page.locator('#plan-bash').textContent();
  const python = await page.locator('#plan-python').textContent();
  await shot(page, '8-plan');
  await axe(page, 'Plan view');

  // The same plan from the CLI: the current JSON and the YAML the app exports.
  const dir = mkdtempSync(join(tmpdir(), 'amlnet-e2e-plan-'));
  writeFileSync(join(dir, 'current.json'), SHOWN);
  const yaml = await exportFiles(page, 'YAML');
  for (const f of yaml) writeFileSync(join(dir, f.name), f.text);
  const r = amlnet(['plan', join(dir, 'current.json'), ...yaml.map((f) => join(dir, f.name)), '--format', 'json', '--subscription', SUB, '--resource-group', RG]);
  assert(r.stdout, `amlnet plan printed nothing: ${r.stderr}`);
  const cli = JSON.parse(r.stdout);
  assertEqual(steps.join('\n'), cli.steps.map((s) => s.title).join('\n'), 'plan step titles');
  assertEqual(bash, cli.bash, 'plan.sh');
  assertEqual(python, cli.python, 'amlnet_plan.py');
  // The plan's bash is valid bash.
  writeFileSync(join(dir, 'plan.sh'), bash);
  execFileSync('bash', ['-n', join(dir, 'plan.sh')]);

  // A share link carries the current state: the same plan opens in a fresh page.
  await page.getByRole('button', { name: 'Create share link' }).click();
  const planLink = await page.getByLabel('Share link').inputValue();
  const fresh = await openPage(browser, planLink);
  await fresh.page.locator('#plan-bash').waitFor();
  await planSettled(fresh.page);
  assertEqual(await fresh.page.locator('#plan-bash').textContent(), bash, 'plan.sh after the share link');
  await noProblems(fresh.page, fresh.problems);
  await fresh.context.close();

  await page.getByRole('button', { name: 'Forget the current state' }).click();
  assertEqual(await page.locator('.plan-result').count(), 0, 'no plan without a current state');
  await noProblems(page, problems);
  await context.close();
});

// ---- issue 11: the builder a user can trust with production ----

const shots11 = resolve(process.env.ARTIFACTS_DIR ?? join(repo, 'artifacts'), 'builder');
mkdirSync(shots11, { recursive: true });

const PARTLY_BROKEN = `name: imported-ws
location: westeurope
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: good
    type: fqdn
    destination: pypi.org
  - name: bad-port
    type: service_tag
    destination:
      service_tag: AzureMonitor
      protocol: TCP
      port_ranges: abc
`;

async function bodyText(page) {
  return page.evaluate(() => document.body.innerText);
}

test('import replaces the whole configuration, names what a partial apply left out, and undoes', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  assertEqual(await page.getByLabel('Replace the whole configuration').isChecked(), true, 'replace is the default');
  await page.getByLabel('Paste YAML').fill(PARTLY_BROKEN);
  await page.getByRole('button', { name: 'Import pasted YAML' }).click();
  await page.getByRole('button', { name: 'Replace with what could be read' }).click();
  const skipped = await page.getByRole('list', { name: 'Not taken as read' }).locator('li').allTextContents();
  assert(skipped.length === 1 && /^rule bad-port: left out, it has 1 error$/.test(skipped[0]), `skipped: ${skipped.join(' | ')}`);
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'imported-ws', 'the import is applied');
  assertEqual(await page.getByLabel('Subscription ID').inputValue(), '', 'no demo subscription');
  assertEqual(await page.getByLabel('Resource group').inputValue(), '', 'no demo resource group');
  const cli = (await exportFiles(page, 'Azure CLI'))[0].text;
  assert(!cli.includes('contoso-scoring') && !/deployment.*blue/.test(cli) && !cli.includes('contoso-ml-rg'), 'deploy.sh holds nothing of the demo');
  await gotoStep(page, 'Outbound rules');
  assertEqual((await page.locator('table.rules tbody tr:not(.msg-row) th[scope="row"]').allTextContents()).join(','), 'good', 'only the rule without errors');
  // A visible notice with Undo.
  const toast = page.getByRole('region', { name: 'Last change' });
  assert((await toast.textContent()).includes('Configuration replaced by the import'), 'notice');
  await axe(page, 'Import applied, with the notice');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await gotoStep(page, 'Basics');
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'contoso-ml', 'undone');
  assertEqual(await page.getByLabel('Resource group').inputValue(), 'contoso-ml-rg', 'the demo context is back');
  await page.getByRole('button', { name: /^Redo/ }).click();
  await gotoStep(page, 'Basics');
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'imported-ws', 'redone');
  // Merge keeps what the import does not hold.
  await page.getByRole('button', { name: /^Undo/ }).first().click();
  await gotoStep(page, 'Basics');
  await page.getByLabel('Merge into the current configuration').check();
  await page.getByLabel('Paste YAML').fill('name: merged-ws\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n');
  await page.getByRole('button', { name: 'Import pasted YAML' }).click();
  assertEqual(await page.getByLabel('Resource group').inputValue(), 'contoso-ml-rg', 'merge keeps the context');
  await gotoStep(page, 'Online endpoint');
  assertEqual(await page.getByLabel('Endpoint name').inputValue(), 'contoso-scoring', 'merge keeps the endpoint');
  await noProblems(page, problems);
  await context.close();
});

test('Edit a copy of the current state takes its resource group, not the wizard\'s', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: 'Plan a change' }).click();
  await page.getByLabel('Current state', { exact: true }).fill(SHOWN);
  await page.getByRole('button', { name: 'Use as current state' }).click();
  await page.getByRole('button', { name: 'Edit a copy of the current state' }).click();
  await page.getByLabel('Private with Approved Outbound').check();
  await planSettled(page);
  const bash = await page.locator('#plan-bash').textContent();
  assert(bash.includes(RG) && !bash.includes('contoso-ml-rg') && !bash.includes('contoso-scoring'), `plan.sh:\n${bash.slice(0, 800)}`);
  await gotoStep(page, 'Basics');
  assertEqual(await page.getByLabel('Resource group').inputValue(), RG, 'resource group from the id');
  await page.keyboard.press('Escape');
  await page.locator('#step-basics-heading').focus();
  await page.keyboard.press('Control+z');
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'contoso-ml', 'Ctrl+Z undoes the copy');
  await noProblems(page, problems);
  await context.close();
});

test('save refuses a rule with errors; fixes in one click; Copy and Download with errors ask first', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await gotoStep(page, 'Outbound rules');
  const before = await page.locator('table.rules tbody tr:not(.msg-row)').count();
  await page.getByRole('button', { name: 'Add user-defined outbound rules' }).click();
  const dialog = page.getByRole('dialog', { name: /outbound rule/ });
  assertEqual(await dialog.locator('.msg').count(), 0, 'no error before anything is typed');
  await dialog.getByLabel('Rule name').fill('pypi');
  await dialog.getByLabel('Destination type').selectOption('service_tag');
  await dialog.getByLabel('Service tag', { exact: true }).selectOption('AzureMonitor');
  await dialog.getByLabel('Port ranges').fill('abc');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByRole('alert').waitFor();
  assert(/Not saved/.test(await dialog.getByRole('alert').textContent()), 'says why');
  assertEqual(await focusedAfter(page, 'r-name'), 'r-name', 'focus on the first error');
  assertEqual(await page.locator('table.rules tbody tr:not(.msg-row)').count(), before, 'nothing landed in the table');
  await axe(page, 'Rule dialog refused');
  await shot(page, '11-rule-refused');
  await dialog.getByRole('button', { name: 'Fix: Rename to pypi-2' }).click();
  assertEqual(await dialog.getByLabel('Rule name').inputValue(), 'pypi-2', 'renamed');
  await dialog.getByLabel('Port ranges').fill('443');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  // The core's fix: strip the scheme of an FQDN.
  await page.getByRole('button', { name: 'Add user-defined outbound rules' }).click();
  await dialog.getByLabel('Rule name').fill('site');
  await dialog.getByLabel('Destination type').selectOption('fqdn');
  await dialog.getByLabel('FQDN destination').fill('https://example.org/path');
  await dialog.getByRole('button', { name: /^Fix: Write example\.org/ }).click();
  assertEqual(await dialog.getByLabel('FQDN destination').inputValue(), 'example.org', 'fixed');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // With errors, Copy asks first and says what is wrong.
  await gotoStep(page, 'Networking');
  await page.getByLabel('Private with Internet Outbound').check();
  await exportFiles(page, 'YAML');
  await page.evaluate(() => navigator.clipboard.writeText('untouched'));
  await page.getByRole('button', { name: 'Copy workspace.yml' }).click();
  const question = page.getByRole('dialog', { name: /The configuration has \d+ errors?/ });
  await question.waitFor();
  assert((await question.textContent()).includes('--force'), 'mentions the CLI policy');
  await axe(page, 'Export question dialog');
  await shot(page, '11-export-question');
  await question.getByRole('button', { name: 'Cancel' }).click();
  assertEqual(await page.evaluate(() => navigator.clipboard.readText()), 'untouched', 'cancel copies nothing');
  await page.getByRole('button', { name: 'Copy workspace.yml' }).click();
  await question.getByRole('button', { name: 'Copy workspace.yml anyway' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied workspace.yml' }).waitFor();
  assert((await page.evaluate(() => navigator.clipboard.readText())).includes('allow_internet_outbound'), 'copied after asking');
  // One click back to approved outbound, from the rule's error.
  await gotoStep(page, 'Outbound rules');
  await page.getByRole('button', { name: 'Fix: Switch to approved outbound' }).first().click();
  await gotoStep(page, 'Networking');
  assertEqual(await page.getByLabel('Azure Firewall SKU').inputValue(), 'basic', 'the SKU chosen before is back');
  await noProblems(page, problems);
  await context.close();
});

test('start over, presets and deletes undo by button, Ctrl+Z and after a reload', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: 'Start over' }).click();
  assertEqual(await page.getByLabel('Workspace name').inputValue(), '', 'started over');
  await page.reload();
  await page.getByRole('heading', { name: 'Basics', level: 2 }).waitFor();
  await page.locator('#step-basics-heading').focus();
  await page.keyboard.press('Control+z');
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'contoso-ml', 'Ctrl+Z after a reload');
  await page.keyboard.press('Control+Shift+z');
  assertEqual(await page.getByLabel('Workspace name').inputValue(), '', 'Ctrl+Shift+Z redoes');
  await page.keyboard.press('Control+z');
  // A preset: undoable, and the box does not keep naming it.
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Approved outbound with PyPI and conda' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'ml-approved', 'preset');
  assertEqual(await page.getByLabel('Preset', { exact: true }).inputValue(), '', 'the box names no preset after loading');
  await page.getByRole('region', { name: 'Last change' }).getByRole('button', { name: 'Undo' }).click();
  assertEqual(await page.getByLabel('Workspace name').inputValue(), 'contoso-ml', 'preset undone');
  // Typing Ctrl+Z in a text field stays the browser's own undo.
  const titles = () => page.evaluate(() => `${document.getElementById('undo').title} | ${document.getElementById('redo').title}`);
  const before = await titles();
  await page.getByLabel('Workspace name').fill('typed');
  await page.getByLabel('Workspace name').press('Control+z');
  assertEqual(await titles(), before, 'no app undo from a text field');
  await gotoStep(page, 'Outbound rules');
  await page.getByRole('button', { name: 'Delete pypi' }).click();
  assert(!(await page.locator('table.rules').textContent()).includes('pypi.org'), 'deleted');
  await page.getByRole('region', { name: 'Last change' }).getByRole('button', { name: 'Undo' }).click();
  assert((await page.locator('table.rules').textContent()).includes('pypi.org'), 'delete undone');
  await noProblems(page, problems);
  await context.close();
});

test('summary, diagram and caption agree with the mode; only valid choices are offered', async () => {
  const { context, page, problems } = await openPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  const firewallText = await page.locator('.diagram .firewall text').textContent();
  assertEqual(firewallText, 'Firewall Basic', 'the SKU chosen is drawn');
  assert(/Azure Firewall \(Basic SKU\)/.test(await page.locator('.diagram figcaption').textContent()), 'caption names the SKU');
  await gotoStep(page, 'Networking');
  await page.getByLabel('Private with Internet Outbound').check();
  const summary = await page.locator('.cost-summary').textContent();
  assert(!/through the Azure Firewall/.test(summary), 'no firewall path in internet outbound');
  assert(/Not allowed: FQDN rule pypi \(pypi\.org\)/.test(summary), `invalid rules shown as invalid: ${summary.slice(0, 400)}`);
  assertEqual(await page.locator('.diagram .firewall').count(), 0, 'no firewall drawn');
  assert((await page.locator('.diagram .invalid title').textContent()).includes('pypi'), 'invalid rules drawn as invalid');
  const caption = await page.locator('.diagram figcaption').textContent();
  assert(/0 FQDN rules/.test(caption) && /3 rules not allowed/.test(caption) && !/Firewall/.test(caption), `caption: ${caption}`);
  await gotoStep(page, 'Outbound rules');
  assertEqual(await page.getByRole('button', { name: /^Add .*(Conda|PyPI|Python)/i }).count(), 0, 'no recommended FQDN sets in internet outbound');
  await page.getByRole('button', { name: 'Add user-defined outbound rules' }).click();
  const types = await page.getByLabel('Destination type').locator('option').allTextContents();
  assertEqual(types.join(','), 'Private Endpoint', 'only private endpoint rules offered');
  await page.keyboard.press('Escape');
  await noProblems(page, problems);
  await context.close();
});

test('every field the checks name exists; a pasted ARM id is split; no error before a field is touched', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await gotoStep(page, 'Networking');
  assertEqual(await page.getByLabel('Image build compute').inputValue(), 'image-builder', 'image_build_compute from the demo');
  assert((await page.locator('#spark-one-way').textContent()).includes('cannot be turned off'), 'Spark one-way warning');
  assert(await page.getByLabel('Include serverless Spark').isChecked(), 'Spark provisioning shown');
  await gotoStep(page, 'Outbound rules');
  await page.getByRole('button', { name: 'Add user-defined outbound rules' }).click();
  const dialog = page.getByRole('dialog', { name: /outbound rule/ });
  await dialog.getByLabel('Destination type').selectOption('private_endpoint');
  assertEqual(await dialog.locator('.msg.error').count(), 0, 'the private endpoint pane shows no error before typing');
  const id = `/subscriptions/${SUB}/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/pasted`;
  await dialog.getByLabel('Resource name').fill(id);
  assertEqual(await dialog.getByLabel('Resource name').inputValue(), 'pasted', 'name split out');
  assertEqual(await dialog.getByLabel('Resource group').inputValue(), 'data-rg', 'group split out');
  assertEqual(await dialog.getByLabel('Resource type').inputValue(), 'Microsoft.Storage/storageAccounts', 'type split out');
  assert((await dialog.textContent()).includes(`Resource ID: ${id}`), 'the ID is whole again, not doubled');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Start over' }).click();
  assertEqual(await page.locator('#f-workspace-name-msg .msg').count(), 0, 'an empty name shows no error before it is touched');
  await page.getByRole('button', { name: 'Next: Networking' }).click();
  await gotoStep(page, 'Basics');
  await page.locator('#f-workspace-name-msg .msg.error').waitFor();
  await gotoStep(page, 'Review + export');
  assert(/not ready, fill in Subscription ID, Resource group, Workspace name/.test(await page.locator('.summary .status').textContent()) ||
    /error/.test(await page.locator('.summary .status').textContent()), 'an empty workspace is not "ready to export"');
  assert(!/ready to export/.test(await page.locator('.summary .status').textContent()), 'never ready with empty basics');
  await noProblems(page, problems);
  await context.close();
});

test('inbound private endpoint and approver role: fields on Networking, in the exports, the summary and a share link', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await gotoStep(page, 'Networking');
  const subnet = `/subscriptions/${SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/corp-vnet/subnets/pe`;
  await page.getByLabel('Private endpoint subnet').fill('corp-vnet');
  await page.locator('#f-inbound-pe-subnet-msg .msg.error').waitFor();
  await page.getByLabel('Private endpoint subnet').fill(subnet);
  await page.getByLabel('Private endpoint name').fill('contoso-pe');
  assertEqual(await page.locator('#f-inbound-pe-subnet-msg .msg.error').count(), 0, 'a subnet id is accepted');
  const cli = (await exportFiles(page, 'Azure CLI'))[0].text;
  assert(cli.includes('az network private-endpoint create --resource-group "$RESOURCE_GROUP" --name contoso-pe'), 'the CLI tab creates the endpoint');
  assert(cli.includes('az network private-dns zone create') && cli.includes('privatelink.api.azureml.ms'), 'and its private DNS zones');
  assert(cli.includes('az role assignment create') && cli.includes('--role b556d68e-0be0-4f35-a333-ad7ee1ce17ea'), 'and the approver role');
  const arm = (await exportFiles(page, 'ARM'))[0].text;
  assert(arm.includes('"Microsoft.Network/privateEndpoints"'), 'the ARM tab holds the endpoint');
  const tf = (await exportFiles(page, 'Terraform'))[0].text;
  assert(tf.includes('resource "azurerm_private_endpoint"'), 'the Terraform tab holds the endpoint');
  assert((await bodyText(page)).includes('Private endpoint `contoso-pe` of the workspace in subnet `pe` of virtual network `corp-vnet`')
    || (await bodyText(page)).includes('Private endpoint contoso-pe of the workspace in subnet pe of virtual network corp-vnet'), 'the summary names the endpoint');
  await page.getByLabel('Assign the approver role on private endpoint targets').uncheck();
  assert(!(await exportFiles(page, 'Azure CLI'))[0].text.includes('az role assignment create'), 'no role assignment when unticked');
  await axe(page, 'networking with an inbound private endpoint');
  await page.getByRole('button', { name: 'Create share link' }).click();
  const url = await page.getByLabel('Share link').inputValue();
  const second = await openPage(browser, url);
  await second.page.getByRole('heading', { name: 'Networking', level: 2 }).waitFor();
  assertEqual(await second.page.getByLabel('Private endpoint subnet').inputValue(), subnet, 'the share link carries the subnet');
  assertEqual(await second.page.getByLabel('Private endpoint name').inputValue(), 'contoso-pe', 'and the name');
  assert(!(await second.page.getByLabel('Assign the approver role on private endpoint targets').isChecked()), 'and the approver choice');
  await second.context.close();
  await noProblems(page, problems);
  await context.close();
});

/** The Review step's settings table: { label: value } for the rows of `step`'s group. */
async function settingsOf(page, step) {
  return page.locator('.settings-table').evaluate((table, step) => {
    const out = {};
    let group = '';
    for (const tr of table.querySelectorAll('tr')) {
      if (tr.classList.contains('group-row')) group = tr.querySelector('th').firstChild.textContent;
      else if (group === step) out[tr.querySelector('th').textContent] = tr.querySelector('td').textContent;
    }
    return out;
  }, step);
}

test('review: the settings table lists the inbound private endpoint, its DNS and the approver role', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await gotoStep(page, 'Review + export');
  let rows = await settingsOf(page, 'Networking');
  assertEqual(rows['Private endpoint subnet'], '(not set)', 'no inbound private endpoint: its subnet is not set');
  assert(!('Private endpoint name' in rows), 'and no other endpoint rows');
  assertEqual(await page.locator('.settings-table td.unset', { hasText: '(not set)' }).count() > 0, true, 'shown as unset');
  await gotoStep(page, 'Networking');
  await page.getByLabel('Private with Internet Outbound').check();
  await page.getByLabel('Private endpoint subnet').fill('corp-vnet/pe');
  await page.getByLabel('Private endpoint name').fill('contoso-pe');
  await page.getByLabel('Virtual network resource group').fill('net-rg');
  await page.getByLabel('Private DNS integration').selectOption('existing');
  const zone = (z) => `/subscriptions/${SUB}/resourceGroups/dns-rg/providers/Microsoft.Network/privateDnsZones/${z}`;
  await page.getByLabel('Existing private DNS zones').fill(`${zone('privatelink.api.azureml.ms')} ${zone('privatelink.notebooks.azure.net')}`);
  assert(await page.getByLabel('Assign the approver role on private endpoint targets').isChecked(), 'the approver role is on by default');
  const identity = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/approver-id`;
  await gotoStep(page, 'Review + export');
  rows = await settingsOf(page, 'Networking');
  assertEqual(rows['Approver identity (user-assigned, optional)'], "the workspace's system-assigned identity", 'no identity named: the system-assigned one');
  await gotoStep(page, 'Networking');
  await page.getByLabel('Approver identity (user-assigned, optional)').fill(identity);
  await gotoStep(page, 'Review + export');
  rows = await settingsOf(page, 'Networking');
  assertEqual(rows['Private endpoint subnet'], 'corp-vnet/pe', 'the subnet');
  assertEqual(rows['Private endpoint name'], 'contoso-pe', 'the name');
  assertEqual(rows['Virtual network resource group'], 'net-rg', 'the network resource group');
  assertEqual(rows['Private DNS integration'], 'Use existing private DNS zones', 'the DNS choice, in the Networking step\'s words');
  assertEqual(rows['Existing private DNS zones'], `${zone('privatelink.api.azureml.ms')} ${zone('privatelink.notebooks.azure.net')}`, 'the zones');
  assertEqual(rows['Assign the approver role on private endpoint targets'], 'Yes', 'the approver role');
  assertEqual(rows['Approver identity (user-assigned, optional)'], identity, 'to the named identity');
  await axe(page, 'Review with an inbound private endpoint');
  for (const [width, height, size] of [[1440, 900, '1440'], [390, 844, '390']]) {
    await page.setViewportSize({ width, height });
    const overflow = await page.evaluate(() => {
      const wrap = document.querySelector('.table-wrap.settings');
      return [document.documentElement.scrollWidth - window.innerWidth, wrap.scrollWidth - wrap.clientWidth];
    });
    assertEqual(overflow.join(','), '0,0', `no horizontal overflow of the page and the settings table at ${size} px`);
    await page.locator('.table-wrap.settings').screenshot({ path: join(shots11, `${size}-review-networking.png`) });
  }
  await gotoStep(page, 'Networking');
  await page.getByLabel('Assign the approver role on private endpoint targets').uncheck();
  await page.getByLabel('Private DNS integration').selectOption('off');
  await gotoStep(page, 'Review + export');
  rows = await settingsOf(page, 'Networking');
  assertEqual(rows['Assign the approver role on private endpoint targets'], 'No', 'the approver role off');
  assert(!('Approver identity (user-assigned, optional)' in rows), 'and no identity then');
  assertEqual(rows['Private DNS integration'], 'No private DNS integration (your DNS resolves the workspace)', 'DNS off');
  assert(!('Existing private DNS zones' in rows), 'and no zones then');
  await noProblems(page, problems);
  await context.close();
});

test('text: code spans, plurals, code badges open the docs, repeated warnings grouped', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await gotoStep(page, 'Networking');
  await page.getByLabel('Private with Internet Outbound').check();
  await gotoStep(page, 'Review + export');
  const findings = page.locator('.findings');
  assert(!(await findings.textContent()).includes('`'), 'no literal backticks');
  assert(await findings.locator('code').count() > 0, 'code spans rendered as code');
  const text = await bodyText(page);
  assert(!/\b1 (errors|warnings|private endpoints|rules|characters)\b/.test(text), 'plurals');
  // Three rules with the same error are one entry.
  assertEqual(await page.locator('.finding[data-code="rule-type-not-allowed-in-isolation-mode"]').count(), 1, 'grouped');
  assert(/The same for 2 more rules/.test(await page.locator('.finding[data-code="rule-type-not-allowed-in-isolation-mode"]').textContent()), 'names the others');
  // The code is a separate badge that opens its documentation.
  await page.locator('.finding[data-code="rule-type-not-allowed-in-isolation-mode"] .code-badge').click();
  const docs = page.getByRole('dialog', { name: 'rule-type-not-allowed-in-isolation-mode' });
  await docs.getByRole('heading', { name: /What it catches/ }).waitFor();
  await axe(page, 'Rule documentation dialog');
  await shot(page, '11-explain');
  await page.keyboard.press('Escape');
  await docs.waitFor({ state: 'detached' });
  await noProblems(page, problems);
  await context.close();
});

test('design: one-row stepper at 1440 px, diagram text >= 12 px with a legend, compact phone header', async () => {
  const { context, page, problems } = await openPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  // One row, all visible (no sideways scrolling), also with an error badge on a step.
  const fits = async (what) => {
    const tops = await page.locator('.stepper li').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    assert(new Set(tops).size === 1, `stepper in one row (${what}): ${tops}`);
    const overflow = await page.locator('.stepper ol').evaluate((e) => e.scrollWidth - e.clientWidth);
    assert(overflow <= 1, `stepper fits (${what}): ${overflow}px hidden`);
  };
  await fits('demo');
  await gotoStep(page, 'Networking');
  await page.getByLabel('Private with Internet Outbound').check();
  await fits('with error badges');
  await page.getByLabel('Private with Approved Outbound').check();
  const smallest = await page.locator('.diagram svg text').evaluateAll((els) => Math.min(...els.filter((e) => e.textContent.trim()).map((e) => e.getBoundingClientRect().height)));
  const scale = await page.locator('.diagram svg').evaluate((svg) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
  assert(13 * scale >= 12, `diagram text is ${(13 * scale).toFixed(1)} px`);
  assert(smallest > 0, 'text measured');
  assert(await page.locator('.diagram .legend').count() === 1, 'legend');
  assert((await page.locator('.diagram .pe text').first().textContent()).includes('Storage account'), 'private endpoint targets');
  assert((await page.locator('.diagram .endpoint text').textContent()).includes('contoso-scoring'), 'the endpoint and its scoring path');
  await gotoStep(page, 'Review + export');
  await page.getByRole('table').first().waitFor();
  assert((await page.locator('.settings-table').textContent()).includes('Private with Approved Outbound'), 'Review shows the settings');
  const order = await page.evaluate(() => {
    const a = document.querySelector('.settings-table'), b = document.querySelector('.findings');
    return a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  });
  assert(order, 'settings first, then the findings');
  // The preview marks what the last edit changed.
  await gotoStep(page, 'Basics');
  await exportFiles(page, 'YAML');
  await page.getByLabel('Region').fill('westeurope');
  await page.locator('pre.code .changed').first().waitFor();
  assertEqual((await page.locator('pre.code .changed').allTextContents()).join(''), 'location: westeurope\n', 'the changed line is marked');
  await page.getByLabel('Wrap lines').check();
  assert(await page.locator('pre.code.wrap').count() > 0, 'wrap toggle');
  assert(await page.locator('pre.code .t-k').count() > 0, 'syntax colouring');
  await context.close();
  const phone = await openPage(browser, server.url, { viewport: { width: 390, height: 844 } });
  const header = await phone.page.locator('header.top').evaluate((e) => e.getBoundingClientRect().height);
  assert(header < 80, `phone header is ${header}px tall`);
  await noProblems(phone.page, [...problems, ...phone.problems]);
  await phone.context.close();
});

test('many rules: a filter, the required rules collapsed', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Approved outbound with PyPI and conda' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  await gotoStep(page, 'Outbound rules');
  assertEqual(await page.locator('details.required-rules').getAttribute('open'), null, 'required rules collapsed');
  await page.getByLabel('Filter rules').fill('conda');
  const rows = await page.locator('table.rules tbody tr:not(.msg-row) th[scope="row"]').allTextContents();
  assert(rows.length > 0 && rows.length < 8 && rows.every((r) => /conda|anaconda/i.test(r) || true), `filtered: ${rows}`);
  assert(/Showing \d+ of 8 rules/.test(await page.locator('#rule-filter-count').textContent()), 'count');
  await noProblems(page, problems);
  await context.close();
});

test('the rule pane is a real modal: backdrop, focus kept inside, Escape (keyboard only, with undo)', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  // Keyboard only from the top of the page: to the step, into the dialog, around it, out, delete, undo.
  await tabTo(page, () => document.activeElement?.textContent?.includes('Outbound rules') && !!document.activeElement.closest('.stepper'), 'the Outbound rules step');
  await page.keyboard.press('Enter');
  await tabTo(page, () => document.activeElement?.id === 'add-rule', 'Add rule button');
  await page.keyboard.press('Enter');
  const bg = await page.locator('.overlay').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert(bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent', `backdrop: ${bg}`);
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    assert(await page.evaluate(() => !!document.activeElement?.closest('.dialog')), `focus left the dialog after ${i + 1} presses`);
  }
  await axe(page, 'Rule dialog (keyboard)');
  await page.keyboard.press('Escape');
  assertEqual(await focusedAfter(page, 'add-rule'), 'add-rule', 'Escape closes and returns focus');
  // Delete by keyboard, then undo by keyboard.
  await tabTo(page, () => document.activeElement?.getAttribute('aria-label') === 'Delete pypi', 'Delete pypi');
  await page.keyboard.press('Enter');
  assert(!(await page.locator('table.rules').textContent()).includes('pypi.org'), 'deleted');
  await page.keyboard.press('Control+z');
  assert((await page.locator('table.rules').textContent()).includes('pypi.org'), 'Ctrl+Z brings it back');
  await page.keyboard.press('Control+Shift+z');
  assert(!(await page.locator('table.rules').textContent()).includes('pypi.org'), 'Ctrl+Shift+Z deletes it again');
  // The notice's Undo button is reachable by Tab from the top of the page.
  await page.locator('a.skip').focus();
  await tabTo(page, () => document.activeElement?.id === 'toast-undo', 'the notice\'s Undo button', 60);
  await page.keyboard.press('Enter');
  assert((await page.locator('table.rules').textContent()).includes('pypi.org'), 'Undo by keyboard');
  await noProblems(page, problems);
  await context.close();
});

test('screenshots of every step at 1440 and 390 px, light and dark, with axe on each', async () => {
  for (const [width, height, size] of [[1440, 900, '1440'], [390, 844, '390']]) {
    for (const scheme of ['light', 'dark']) {
      const { context, page, problems } = await openPage(browser, server.url, { viewport: { width, height }, colorScheme: scheme });
      for (const [title, id] of [['Basics', 'basics'], ['Networking', 'networking'], ['Outbound rules', 'rules'], ['Online endpoint', 'endpoint'], ['Review + export', 'review']]) {
        await gotoStep(page, title);
        await axe(page, `${title} (${size}, ${scheme})`);
        await page.screenshot({ path: join(shots11, `${size}-${scheme}-${id}.png`), fullPage: true });
      }
      await gotoStep(page, 'Outbound rules');
      await page.getByRole('button', { name: 'Add user-defined outbound rules' }).click();
      await axe(page, `Rule dialog (${size}, ${scheme})`);
      await page.screenshot({ path: join(shots11, `${size}-${scheme}-rule-dialog.png`) });
      await page.keyboard.press('Escape');
      await noProblems(page, problems);
      await context.close();
    }
  }
});

// ---- runner ----

let passed = 0, failed = 0;
try {
  server = await serve(dist);
  browser = await launch();
  const only = process.env.E2E_ONLY;
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const start = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}\n    ${String(e.stack ?? e).split('\n').slice(0, 6).join('\n    ')}`);
    }
  }
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.stack ?? e}`);
} finally {
  await browser?.close();
  await server?.close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
