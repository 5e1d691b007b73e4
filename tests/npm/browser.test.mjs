// Headless Chromium (the system /usr/bin/chromium driven by playwright-core; no browser download)
// against the repository served on 127.0.0.1: the www/ demo page, and both custom elements in a
// page with hostile CSS, including a configuration with errors and text that looks like HTML.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { assert, assertEqual, run, test } from './harness.mjs';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const version = JSON.parse(readFileSync(join(root, 'pkg/package.json'), 'utf8')).version;

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Opens `path`, collecting uncaught page errors and console errors (404s of optional files aside). */
async function open(ctx, path, readySelector) {
  const page = await ctx.browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource.*404/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${ctx.server.url}${path}`);
  if (readySelector) await page.waitForSelector(readySelector, { timeout: 15000 });
  return { page, problems };
}

/** Waits until a snippet's badge has left the loading state; returns its text and state. */
async function badge(page, id) {
  const locator = page.locator(`#${id} .badge:not([data-state="loading"])`);
  await locator.waitFor({ timeout: 15000 });
  return { text: await locator.textContent(), state: await locator.getAttribute('data-state') };
}

test('www/: the API demo validates, exports and lists the rules', async (ctx) => {
  const { page, problems } = await open(ctx, '/www/', 'body[data-ready="true"]');
  assertEqual(await page.textContent('#version'), version, 'version shown');
  const codes = await page.$$eval('#diagnostics li', (items) => items.map((li) => li.dataset.code));
  assert(codes.includes('rule-type-not-allowed-in-isolation-mode'), `diagnostics listed: ${codes}`);
  const ruleCount = Number(await page.textContent('#rule-count'));
  assert(ruleCount >= 20, `rules listed: ${ruleCount}`);
  await page.check('#force');
  await page.click('#export');
  await page.waitForFunction(() => document.querySelector('#output').textContent.includes('az ml'), null, { timeout: 15000 });
  const output = await page.textContent('#output');
  assert(output.includes('az ml workspace create'), `forced CLI export shown: ${output.slice(0, 200)}`);
  await page.fill('#yaml', 'name: [unclosed');
  await page.click('#validate');
  const after = await page.$$eval('#diagnostics li', (items) => items.map((li) => li.dataset.code));
  assert(after.length > 0, 'broken YAML gives diagnostics');
  assertEqual(problems, [], 'no page errors');
  await page.close();
});

test('www/: both snippets render, the broken one with its diagnostics', async (ctx) => {
  const { page, problems } = await open(ctx, '/www/', 'body[data-ready="true"]');
  const valid = await badge(page, 'snippet-valid');
  assert(valid.state !== 'error' && valid.text.startsWith('Valid'), `valid badge: ${JSON.stringify(valid)}`);
  await page.click('#snippet-valid [role="tab"][data-tab="cli"]');
  const cli = await page.locator('#snippet-valid pre').textContent();
  assert(cli.includes('az ml workspace create') && cli.includes("RESOURCE_GROUP='ml-rg'"), `CLI tab: ${cli.slice(0, 300)}`);
  await page.click('#snippet-valid [role="tab"][data-tab="python"]');
  const py = await page.locator('#snippet-valid pre').textContent();
  assert(py.includes('from azure.ai.ml'), `Python tab: ${py.slice(0, 200)}`);
  const tabs = await page.locator('#snippet-valid [role="tab"]').evaluateAll((els) => els.map((e) => e.dataset.tab));
  assertEqual(tabs, ['yaml', 'cli', 'python', 'arm', 'bicep', 'terraform'], 'the formats attribute picks the tabs');
  await page.click('#snippet-valid [role="tab"][data-tab="terraform"]');
  const tf = await page.locator('#snippet-valid pre').textContent();
  assert(tf.includes('azurerm_machine_learning_workspace_network_outbound_rule_fqdn'), `Terraform tab: ${tf.slice(0, 200)}`);
  await page.click('#snippet-valid [role="tab"][data-tab="arm"]');
  const arm = JSON.parse(await page.locator('#snippet-valid pre').textContent());
  assertEqual(arm.resources[0].properties.managedNetwork.outboundRules.pypi.destination, 'pypi.org', 'ARM tab');
  const defaultTabs = await page.locator('#snippet-broken [role="tab"]').evaluateAll((els) => els.map((e) => e.dataset.tab));
  assertEqual(defaultTabs, ['yaml', 'cli', 'python'], 'three tabs by default');
  assert(await page.locator('#snippet-valid .copy').isVisible(), 'copy button visible');

  const broken = await badge(page, 'snippet-broken');
  assertEqual([broken.state, broken.text], ['error', '3 errors'], 'broken badge (loaded with src)');
  const items = await page.$$eval('#snippet-broken >> css=ul.diagnostics li', (lis) => lis.map((li) => [li.dataset.code, li.querySelector('.where')?.textContent]));
  assertEqual(items, [
    ['rule-type-not-allowed-in-isolation-mode', 'line 7:11'],
    ['rule-type-not-allowed-in-isolation-mode', 'line 10:11'],
    ['port-range-invalid', 'line 14:20'],
  ], 'diagnostics of the broken snippet');
  assertEqual(await page.locator('#snippet-broken .line[data-line="14"]').getAttribute('data-severity'), 'error', 'line 14 marked');
  await page.click('#snippet-broken [role="tab"][data-tab="cli"]');
  const note = await page.locator('#snippet-broken [role="tabpanel"]').textContent();
  assert(/not generated/i.test(note), `no CLI for a broken configuration: ${note}`);
  assertEqual(problems, [], 'no page errors');
  await page.close();
});

test('www/: policy-src enforces an organization policy in a snippet; the builder carries its policy', async (ctx) => {
  const { page, problems } = await open(ctx, '/www/', 'body[data-ready="true"]');
  const judged = await badge(page, 'snippet-policy');
  assertEqual([judged.state, judged.text], ['error', '1 error'], 'the policy violation is an error');
  const items = await page.$$eval('#snippet-policy >> css=ul.diagnostics li', (lis) => lis.map((li) => [li.dataset.code, li.querySelector('.where')?.textContent, li.querySelector('.message')?.textContent]));
  const policy = items.filter(([code]) => code.startsWith('policy-'));
  assertEqual(policy.map(([code, where]) => [code, where]), [['policy-fqdn-forbidden', 'line 12:18']], 'the violation at its field');
  assert(policy[0][2].includes('contoso-ml-baseline') && policy[0][2].includes('.amlnet-policy.yml:8'), `names the policy and its line: ${policy[0][2]}`);
  assertEqual(await page.locator('#snippet-policy .line[data-line="12"]').getAttribute('data-severity'), 'error', 'line 12 marked');
  await page.click('#snippet-policy [role="tab"][data-tab="cli"]');
  assert((await page.locator('#snippet-policy [role="tabpanel"]').textContent()).includes('Not generated'), 'no export for a configuration the policy forbids');
  const src = await page.locator('#builder iframe').getAttribute('src');
  const snapshot = JSON.parse(Buffer.from(new URL(src).hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  assert(snapshot.policy?.startsWith('version: 1\nname: contoso-ml-baseline\n'), `the builder's fragment carries the policy: ${JSON.stringify(snapshot)}`);
  assertEqual(snapshot.files.map(([name]) => name), ['workspace.yml'], 'the policy is not one of the files');
  assertEqual(problems, [], 'no page errors');
  await page.close();
});

test('hostile page: the snippets render from their shadow roots, user text stays text', async (ctx) => {
  const { page, problems } = await open(ctx, '/tests/npm/fixtures/hostile.html');
  await page.waitForFunction(() => window.__loaded === true);
  const broken = await badge(page, 'broken');
  assertEqual(broken.state, 'error', 'broken badge');
  const codes = await page.$$eval('#broken >> css=ul.diagnostics li', (lis) => lis.map((li) => li.dataset.code));
  assert(codes.includes('rule-type-not-allowed-in-isolation-mode'), `diagnostics shown: ${codes}`);
  const pre = page.locator('#broken pre');
  assert(await pre.isVisible(), 'code visible despite page CSS');
  const style = await pre.evaluate((node) => {
    const s = getComputedStyle(node);
    const tab = node.getRootNode().querySelector('[role="tab"]');
    const t = getComputedStyle(tab);
    return { fontSize: s.fontSize, color: s.color, textAlign: s.textAlign, tabTransform: t.textTransform, tabSpacing: t.letterSpacing, tabDisplay: t.display };
  });
  assertEqual(style.fontSize, '13px', 'code font size');
  assert(style.color !== 'rgb(0, 255, 0)' && style.color !== 'rgb(255, 0, 255)', `code color not the page's: ${style.color}`);
  assertEqual(style.textAlign, 'left', 'code alignment');
  assertEqual([style.tabTransform, style.tabSpacing], ['none', 'normal'], 'tab text style');
  assert(style.tabDisplay !== 'none', 'tabs displayed');
  const text = await pre.textContent();
  assert(text.includes('<img src=x onerror=window.__pwned=1>'), 'markup in YAML shown as text');
  const injected = await page.evaluate(() => ({
    pwned: window.__pwned,
    imgs: [...document.querySelectorAll('amlnet-snippet')].reduce((n, el) => n + el.shadowRoot.querySelectorAll('img, script').length, 0),
  }));
  assertEqual(injected, { pwned: undefined, imgs: 0 }, 'nothing from the YAML or the policy became HTML');
  // A hostile policy: its name and keys are shown as text in the violation and its own findings.
  assertEqual((await badge(page, 'policy')).state, 'error', 'policy badge');
  const policyItems = await page.$$eval('#policy >> css=ul.diagnostics li', (lis) => lis.map((li) => [li.dataset.code, li.querySelector('.where')?.textContent, li.querySelector('.message')?.textContent]));
  assertEqual(policyItems.map(([code, where]) => [code, where]).sort(), [['policy-file-invalid', 'policy line 5:3'], ['policy-isolation-mode-forbidden', 'line 3:19']], 'the policy findings');
  assert(policyItems.some(([, , message]) => message.includes('<img src=x onerror=window.__pwned=3>')), 'the policy name shown as text');
  assertEqual(await page.evaluate(() => [window.__pwned, document.querySelector('#policy').shadowRoot.querySelectorAll('img, script').length]), [undefined, 0], 'nothing from the policy became HTML');
  const valid = await badge(page, 'valid');
  assert(valid.text.startsWith('Valid'), `valid badge: ${valid.text}`);
  const cli = await page.locator('#valid pre').textContent();
  assert(cli.includes("RESOURCE_GROUP='rg-hostile'"), 'tab attribute opened the CLI tab with the context');
  assert(await page.locator('#valid .copy').isVisible(), 'copy button visible');
  assertEqual(problems, [], 'no page errors');
  await page.close();
});

test('light page: a yaml,cli,python snippet and the API for those formats fetch only the small wasm', async (ctx) => {
  const page = await ctx.browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto(`${ctx.server.url}/tests/npm/fixtures/light.html`);
  await page.waitForFunction(() => window.__loaded === true, null, { timeout: 15000 });
  const light = await badge(page, 'light');
  assert(light.text.startsWith('Valid'), `snippet badge: ${light.text}`);
  await page.click('#light [role="tab"][data-tab="python"]');
  assert((await page.locator('#light pre').textContent()).includes('from azure.ai.ml'), 'the Python tab');
  assertEqual(await page.evaluate(() => window.__light), { valid: true, formats: [1, 1, 1] }, 'validate and the small exports');
  const wasm = (paths) => paths.filter((p) => p.endsWith('.wasm')).map((p) => p.slice(p.lastIndexOf('/') + 1));
  assertEqual(wasm(fetched), ['amlnet_bg.wasm'], `wasm fetched by the light page (all requests: ${fetched.join(', ')})`);
  assert(!fetched.some((p) => /\/(docs\.js|amlnet_full\.js)$/.test(p)), `no docs.js or full glue yet: ${fetched.join(', ')}`);

  const before = fetched.length;
  const full = await page.evaluate(() => window.__full());
  assertEqual(full.terraform, ['main.tf'], 'terraform loads and exports');
  assertEqual(full.bicep, ['main.bicep'], 'bicep exports');
  assert(full.plan === true && full.summary >= 4 && full.explain > 100, `plan, summary, explain: ${JSON.stringify(full)}`);
  const later = fetched.slice(before);
  assertEqual(wasm(later), ['amlnet_full_bg.wasm'], `asking for terraform/plan/summary loads the full wasm, once: ${later.join(', ')}`);
  assert(later.some((p) => p.endsWith('/docs.js')), `explain loads docs.js: ${later.join(', ')}`);
  assertEqual(problems, [], 'no page errors');
  await page.close();
});

test('hostile page: the builder is an iframe of the site with the state in the fragment', async (ctx) => {
  const { page, problems } = await open(ctx, '/tests/npm/fixtures/hostile.html');
  await page.waitForFunction(() => window.__loaded === true);
  const frame = page.locator('#builder iframe');
  await frame.waitFor({ timeout: 10000 });
  const info = await frame.evaluate((node) => ({
    src: node.getAttribute('src'), height: node.getBoundingClientRect().height, display: getComputedStyle(node).display,
    sandbox: node.getAttribute('sandbox'),
  }));
  assert(info.display === 'block' && info.height >= 500, `iframe visible: ${JSON.stringify(info)}`);
  assert(info.sandbox.includes('allow-scripts'), 'sandboxed iframe');
  const url = new URL(info.src);
  assertEqual(url.pathname, '/dist/', 'iframe path');
  assert(url.hash.startsWith('#c='), `fragment: ${url.hash.slice(0, 20)}`);
  const snapshot = JSON.parse(Buffer.from(url.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  assertEqual(snapshot.v, 1, 'snapshot version');
  assertEqual(snapshot.context, { operation: 'create', resource_group: 'rg-hostile' }, 'snapshot context');
  assertEqual(snapshot.files, [['config.yml', "name: '<script>window.__pwned=2</script>'\nmanaged_network:\n  isolation_mode: disabled\n"]], 'snapshot files');
  const preset = await page.locator('#preset iframe').getAttribute('src');
  assert(preset.endsWith('/dist/#preset=demo'), `preset fragment: ${preset}`);
  assertEqual(await page.evaluate(() => window.__pwned), undefined, 'nothing from the config ran in the page');
  if (existsSync(join(root, 'dist/index.html'))) {
    // The site is built: it must load inside the frame.
    await frame.scrollIntoViewIfNeeded(); // the iframe loads lazily
    let child;
    for (let i = 0; i < 100 && !child; i++) {
      child = page.frames().find((f) => f.parentFrame() && f.url().includes('/dist/'));
      if (!child) await page.waitForTimeout(100);
    }
    assert(child, `the site frame loaded (frames: ${page.frames().map((f) => f.url())})`);
    await child.waitForLoadState('load');
    // The site read the configuration from the fragment: the workspace name is on the page, as text.
    await child.waitForFunction(() => document.body.innerText.includes('window.__pwned=2'), null, { timeout: 20000 });
    assertEqual(await child.evaluate(() => window.__pwned), undefined, 'nothing from the config ran in the site');
  } else {
    console.log('     (dist/ not built: the site itself is not loaded in this run)');
  }
  assertEqual(problems, [], 'no page errors');
  await page.close();
});

await run('npm-browser', {
  async before() {
    const server = await serve(root);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    return { server, browser };
  },
  async after(ctx) {
    await ctx?.browser?.close();
    await ctx?.server?.close();
  },
});
