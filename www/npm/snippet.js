// <amlnet-snippet>: a live, validated Azure ML network configuration for documentation pages.
//
// Importing this module registers the element (and only this module does: the package's main entry
// has no side effects). The element reads one YAML document from `src`, from a child
// `<script type="text/yaml">`, or from its own text, validates it, and shows tabs YAML | Azure CLI |
// Python (add ARM | Bicep | Terraform with `formats`) with a validation badge, the diagnostics, and
// copy buttons. Everything is rendered in a
// shadow root with `textContent`; no text from the configuration or the page is parsed as HTML.
//
// Attributes: src, subscription-id, resource-group, operation (create|update),
// current-isolation-mode, kind, formats (the tabs, in order, comma-separated from yaml, cli, python,
// arm, bicep, terraform; default yaml,cli,python), tab (the tab shown first), policy-src (the URL of an
// organization policy, a .amlnet-policy.yml, enforced like `amlnet check --policy`: its violations are
// diagnostics, and the exports are not generated for a configuration it forbids).
// Theme: the --amlnet-* custom properties below, and ::part(badge|tab|code|copy|diagnostics).
import init, { validate, exportConfig } from './index.js';

const ALL_TABS = [
  { id: 'yaml', label: 'YAML' },
  { id: 'cli', label: 'Azure CLI' },
  { id: 'python', label: 'Python' },
  { id: 'arm', label: 'ARM' },
  { id: 'bicep', label: 'Bicep' },
  { id: 'terraform', label: 'Terraform' },
];
const DEFAULT_FORMATS = 'yaml,cli,python';
// The file name the core gives the policy of `options.policy` (its own diagnostics name it).
const POLICY_FILE = '.amlnet-policy.yml';

const STYLE = `
:host { display: block; margin: 1em 0; }
:host([hidden]) { display: none; }
.root {
  all: initial;
  display: block;
  box-sizing: border-box;
  font: 14px/1.45 var(--amlnet-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--amlnet-fg, #1b1f24);
  background: var(--amlnet-bg, #ffffff);
  border: 1px solid var(--amlnet-border, #d0d7de);
  border-radius: var(--amlnet-radius, 6px);
  overflow: hidden;
}
.root * { box-sizing: border-box; }
.bar { display: flex; align-items: center; gap: 4px; padding: 4px 8px; border-bottom: 1px solid var(--amlnet-border, #d0d7de); flex-wrap: wrap; }
[role="tablist"] { display: flex; gap: 2px; flex: 1 1 auto; }
button {
  all: unset; cursor: pointer; padding: 4px 10px; border-radius: 4px; font-size: 13px; display: inline-block;
}
button:focus-visible { outline: 2px solid var(--amlnet-accent, #0969da); outline-offset: 1px; }
[role="tab"][aria-selected="true"] { background: var(--amlnet-tab-active-bg, #eaeef2); font-weight: 600; }
[role="tab"]:hover { background: var(--amlnet-tab-hover-bg, #f3f4f6); }
.badge { font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 999px; color: #fff; background: var(--amlnet-ok, #1a7f37); }
.badge[data-state="error"] { background: var(--amlnet-error, #cf222e); }
.badge[data-state="warning"] { background: var(--amlnet-warning, #9a6700); }
.badge[data-state="loading"] { background: var(--amlnet-muted, #6e7781); }
.panel { position: relative; }
pre {
  margin: 0; padding: 10px 12px; overflow: auto; max-height: var(--amlnet-max-height, 32em);
  background: var(--amlnet-code-bg, #f6f8fa); color: var(--amlnet-code-fg, inherit);
  font: 13px/1.5 var(--amlnet-mono-font, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
  white-space: pre; tab-size: 2; text-align: left;
}
pre .line { display: block; min-height: 1.5em; }
pre .line[data-severity="error"] { background: var(--amlnet-error-line-bg, rgba(207, 34, 46, 0.12)); }
pre .line[data-severity="warning"] { background: var(--amlnet-warning-line-bg, rgba(154, 103, 0, 0.12)); }
.copy { position: absolute; top: 6px; right: 6px; background: var(--amlnet-bg, #fff); border: 1px solid var(--amlnet-border, #d0d7de); font-size: 12px; padding: 2px 8px; }
.note { padding: 10px 12px; margin: 0; }
ul.diagnostics { list-style: none; margin: 0; padding: 6px 12px; border-top: 1px solid var(--amlnet-border, #d0d7de); }
ul.diagnostics li { padding: 4px 0; display: block; }
.sev { font-weight: 700; text-transform: uppercase; font-size: 11px; margin-right: 6px; }
.sev[data-severity="error"] { color: var(--amlnet-error, #cf222e); }
.sev[data-severity="warning"] { color: var(--amlnet-warning, #9a6700); }
.sev[data-severity="info"] { color: var(--amlnet-muted, #6e7781); }
code.code { font-family: var(--amlnet-mono-font, ui-monospace, monospace); font-size: 12px; margin-right: 6px; }
.where { color: var(--amlnet-muted, #6e7781); margin-right: 6px; }
.help { display: block; color: var(--amlnet-muted, #6e7781); font-size: 13px; margin-left: 1em; }
`;

/** Removes the indentation that all non-blank lines share, and blank lines at both ends. */
export function dedent(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + (lines.length ? '\n' : '');
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

let counter = 0;

export class AmlnetSnippetElement extends HTMLElement {
  static observedAttributes = ['src', 'subscription-id', 'resource-group', 'operation', 'current-isolation-mode', 'kind', 'formats', 'policy-src'];

  #yaml = null; // set by the `yaml` property, or loaded from `src`
  #tab = 'yaml';
  #generation = 0;
  #id = ++counter;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const style = el('style');
    style.textContent = STYLE;
    this.root = el('div', { class: 'root', part: 'root' });
    shadow.append(style, this.root);
  }

  /** The YAML text shown (what `src` or the inline text gave, or what was assigned). */
  get yaml() {
    return this.#yaml ?? this.#inlineText();
  }

  set yaml(text) {
    this.#yaml = String(text);
    this.#render();
  }

  connectedCallback() {
    const tab = this.getAttribute('tab');
    if (this.#tabs().some((t) => t.id === tab)) this.#tab = tab;
    this.#render();
  }

  /** The tabs the `formats` attribute asks for, in its order (unknown names are ignored). */
  #tabs() {
    const wanted = (this.getAttribute('formats') || DEFAULT_FORMATS).split(',').map((f) => f.trim().toLowerCase());
    const tabs = [...new Set(wanted)].map((id) => ALL_TABS.find((t) => t.id === id)).filter(Boolean);
    return tabs.length ? tabs : ALL_TABS.slice(0, 3);
  }

  attributeChangedCallback(name) {
    if (name === 'src') this.#yaml = null;
    if (this.isConnected) this.#render();
  }

  #inlineText() {
    const script = this.querySelector('script[type="text/yaml"], template');
    const text = script ? (script.content ?? script).textContent : this.textContent;
    return dedent(text ?? '');
  }

  #options() {
    const options = {};
    const map = {
      'subscription-id': 'subscriptionId',
      'resource-group': 'resourceGroup',
      operation: 'operation',
      'current-isolation-mode': 'currentIsolationMode',
      kind: 'kind',
    };
    for (const [attr, key] of Object.entries(map)) {
      const value = this.getAttribute(attr);
      if (value) options[key] = value;
    }
    return options;
  }

  async #render() {
    const generation = ++this.#generation;
    this.#show({ loading: true });
    try {
      await init();
      let text = this.#yaml;
      const src = this.getAttribute('src');
      if (text === null && src) {
        const response = await fetch(new URL(src, document.baseURI));
        if (!response.ok) throw new Error(`cannot load ${src}: HTTP ${response.status}`);
        text = await response.text();
        if (generation !== this.#generation) return;
        this.#yaml = text;
      }
      text ??= this.#inlineText();
      const policySrc = this.getAttribute('policy-src');
      let policy;
      if (policySrc) {
        const response = await fetch(new URL(policySrc, document.baseURI));
        if (!response.ok) throw new Error(`cannot load the policy ${policySrc}: HTTP ${response.status}`);
        policy = await response.text();
      }
      if (generation !== this.#generation) return;
      const options = this.#options();
      if (policy !== undefined) options.policy = policy;
      const result = validate(text, options);
      const outputs = { yaml: text };
      for (const { id } of this.#tabs()) {
        if (id === 'yaml') continue;
        // ARM, Bicep and Terraform load the full wasm on first use (a promise); the others return at once.
        const exported = await exportConfig(text, id, options);
        if (generation !== this.#generation) return;
        outputs[id] = exported.files.length ? exported.files.map((f) => f.contents).join('\n') : null;
      }
      this.#show({ text, result, outputs });
      this.dispatchEvent(new CustomEvent('amlnet-validated', { detail: result }));
    } catch (error) {
      if (generation === this.#generation) this.#show({ error });
    }
  }

  #show(state) {
    const root = this.root;
    root.replaceChildren();
    const bar = el('div', { class: 'bar' });
    const tablist = el('div', { role: 'tablist', 'aria-label': 'Configuration formats' });
    const panelId = `amlnet-snippet-${this.#id}-panel`;
    const tabs = this.#tabs();
    if (!tabs.some((t) => t.id === this.#tab)) this.#tab = tabs[0].id;
    for (const tab of tabs) {
      const selected = tab.id === this.#tab;
      const button = el('button', {
        role: 'tab', part: 'tab', 'data-tab': tab.id, 'aria-selected': String(selected),
        'aria-controls': panelId, tabindex: selected ? '0' : '-1',
      }, tab.label);
      button.addEventListener('click', () => this.#select(tab.id, state));
      button.addEventListener('keydown', (event) => this.#arrow(event, state));
      tablist.append(button);
    }
    bar.append(tablist, this.#badge(state));
    root.append(bar);

    const panel = el('div', { class: 'panel', role: 'tabpanel', id: panelId, part: 'panel' });
    if (state.error) {
      panel.append(el('p', { class: 'note', role: 'alert' }, String(state.error.message ?? state.error)));
    } else if (!state.loading) {
      const content = state.outputs[this.#tab];
      if (content === null || content === undefined) {
        panel.append(el('p', { class: 'note' }, 'Not generated: the configuration has errors (see below).'));
      } else {
        // Lines are marked only for the diagnostics of the document itself, not of the policy file.
        const own = state.result.diagnostics.filter((d) => d.file !== POLICY_FILE);
        panel.append(this.#code(content, this.#tab === 'yaml' ? own : []));
        const copy = el('button', { class: 'copy', part: 'copy', 'aria-label': `Copy ${this.#label()}` }, 'Copy');
        copy.addEventListener('click', async () => {
          copy.textContent = (await copyText(content)) ? 'Copied' : 'Copy failed';
          setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
        });
        panel.append(copy);
      }
    }
    root.append(panel);
    if (state.result && state.result.diagnostics.length) root.append(this.#diagnostics(state.result.diagnostics));
  }

  #label() {
    return ALL_TABS.find((t) => t.id === this.#tab).label;
  }

  #select(id, state) {
    this.#tab = id;
    this.#show(state);
    this.root.querySelector(`[data-tab="${id}"]`)?.focus();
  }

  #arrow(event, state) {
    const tabs = this.#tabs();
    const i = tabs.findIndex((t) => t.id === this.#tab);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step) {
      event.preventDefault();
      this.#select(tabs[(i + step + tabs.length) % tabs.length].id, state);
    }
  }

  #badge(state) {
    const badge = el('span', { class: 'badge', part: 'badge', role: 'status' });
    if (state.loading) {
      badge.dataset.state = 'loading';
      badge.textContent = 'Checking…';
    } else if (state.error) {
      badge.dataset.state = 'error';
      badge.textContent = 'Not loaded';
    } else {
      const count = (s) => state.result.diagnostics.filter((d) => d.severity === s).length;
      const errors = count('error');
      const warnings = count('warning');
      badge.dataset.state = errors ? 'error' : warnings ? 'warning' : 'valid';
      badge.textContent = errors
        ? `${errors} error${errors === 1 ? '' : 's'}`
        : warnings ? `Valid, ${warnings} warning${warnings === 1 ? '' : 's'}` : 'Valid';
    }
    return badge;
  }

  #code(text, diagnostics) {
    const pre = el('pre', { part: 'code', tabindex: '0' });
    const code = el('code');
    const marks = new Map();
    for (const d of diagnostics) {
      if (d.line === undefined) continue;
      for (let line = d.line; line <= (d.endLine ?? d.line); line++) {
        if (marks.get(line) !== 'error') marks.set(line, d.severity);
      }
    }
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    lines.forEach((line, index) => {
      const span = el('span', { class: 'line', 'data-line': String(index + 1) }, line);
      const severity = marks.get(index + 1);
      if (severity) span.dataset.severity = severity;
      code.append(span);
    });
    pre.append(code);
    return pre;
  }

  #diagnostics(diagnostics) {
    const list = el('ul', { class: 'diagnostics', part: 'diagnostics', 'aria-label': 'Diagnostics' });
    for (const d of diagnostics) {
      const item = el('li', { 'data-code': d.code, 'data-severity': d.severity });
      item.append(el('span', { class: 'sev', 'data-severity': d.severity }, d.severity));
      item.append(el('code', { class: 'code' }, d.code));
      if (d.line !== undefined) {
        const where = d.file === POLICY_FILE ? `policy line ${d.line}:${d.column}` : `line ${d.line}:${d.column}`;
        item.append(el('span', { class: 'where' }, where));
      }
      item.append(el('span', { class: 'message' }, d.message));
      if (d.help) item.append(el('span', { class: 'help' }, `help: ${d.help}`));
      list.append(item);
    }
    return list;
  }
}

if (!customElements.get('amlnet-snippet')) {
  customElements.define('amlnet-snippet', AmlnetSnippetElement);
}
