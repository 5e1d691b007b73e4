// Budgets of the built app (dist/), measured in headless Chromium:
// - gzip size of wasm + JS + CSS: a hard ceiling of 350 KB (exit 1 above it);
// - time from navigation to an interactive first step: a figure;
// - time from a keystroke to the updated preview with 50 outbound rules: a figure against its 16 ms
//   target, marked `ok` or `OVER` but never a failure (timings flake on a busy machine; CI prints them).
// Prints one line per budget and `budget: ok` or `budget: over` (the size ceiling or a broken page).
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './browser.mjs';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.DIST_DIR ?? join(here, '../../dist'));
const SIZE_TARGET = 350 * 1024;
const KEYSTROKE_TARGET_MS = 16;
let over = false;

// 1. Size.
let total = 0;
const parts = [];
for (const name of readdirSync(dist)) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const gz = gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
  total += gz;
  parts.push(`${name.replace(/-[0-9a-f]{16}/, '')} ${(gz / 1024).toFixed(1)} KB`);
}
const sizeOk = total < SIZE_TARGET;
console.log(`size: ${(total / 1024).toFixed(1)} KB gzip (ceiling ${SIZE_TARGET / 1024} KB) ${sizeOk ? 'ok' : 'OVER'}: ${parts.join(', ')}`);
if (!sizeOk) over = true;

// A workspace with 50 rules, passed in the share-link fragment like any user link.
function fiftyRules() {
  const rules = [];
  for (let i = 0; i < 50; i++) {
    if (i % 3 === 0) rules.push(`  - name: pe-${i}\n    type: private_endpoint\n    destination:\n      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa${i}\n      subresource_target: blob\n      spark_enabled: false`);
    else if (i % 3 === 1) rules.push(`  - name: tag-${i}\n    type: service_tag\n    destination:\n      service_tag: Storage.EastUS\n      protocol: TCP\n      port_ranges: '${1000 + i}'`);
    else rules.push(`  - name: fqdn-${i}\n    type: fqdn\n    destination: host${i}.example.org`);
  }
  const yaml = `name: budget-ws\nlocation: eastus\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  outbound_rules:\n${rules.join('\n')}\n`;
  const snapshot = { v: 1, context: { operation: 'create' }, files: [['workspace.yml', yaml]] };
  return Buffer.from(JSON.stringify(snapshot)).toString('base64url');
}

const server = await serve(dist);
const browser = await launch();
try {
  // 2. Time to an interactive first step (median of 5 cold loads in fresh contexts).
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        const input = document.getElementById('f-workspace-name');
        if (input && !input.disabled) {
          window.__interactiveAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__interactiveAt !== undefined);
    loads.push(await page.evaluate(() => window.__interactiveAt));
    await context.close();
  }
  loads.sort((a, b) => a - b);
  console.log(`interactive: ${loads[2].toFixed(0)} ms median from navigation to an editable first step (runs: ${loads.map((x) => x.toFixed(0)).join(', ')})`);

  // 3. Keystroke to updated preview, 50 rules.
  const { context, page, problems } = await openPage(browser, `${server.url}#c=${fiftyRules()}`);
  const rows = await page.evaluate(() => (document.querySelector('[role="tabpanel"] pre[data-file="workspace.yml"]')?.textContent.match(/^\s*- name: /gm) ?? []).length);
  const times = await page.evaluate(async () => {
    const input = document.getElementById('f-workspace-name');
    const out = [];
    for (let i = 0; i < 30; i++) {
      const value = `budget-ws-${i}`;
      const pre = () => document.querySelector('[role="tabpanel"] pre[data-file="workspace.yml"]');
      const done = new Promise((ok) => {
        const check = () => pre()?.textContent.includes(`name: ${value}\n`);
        const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); ok(performance.now()); } });
        obs.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      input.value = value;
      const t0 = performance.now();
      input.dispatchEvent(new InputEvent('input', { bubbles: true, data: String(i), inputType: 'insertText' }));
      out.push((await done) - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  });
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.floor(times.length * 0.95)];
  // A report, not a gate: the figure against its target.
  const keystrokeOk = median < KEYSTROKE_TARGET_MS;
  console.log(`keystroke: ${median.toFixed(1)} ms median (target ${KEYSTROKE_TARGET_MS} ms) ${keystrokeOk ? 'ok' : 'OVER'}; ${p95.toFixed(1)} ms p95, from input event to updated preview with ${rows} rules`);
  if (rows !== 50) { console.log(`budget: the page holds ${rows} rules, not 50`); over = true; }
  if (problems.length) console.log(`budget: browser problems: ${problems.join('; ')}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(over ? 'budget: over' : 'budget: ok');
process.exit(over ? 1 : 0);
