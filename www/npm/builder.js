// <amlnet-builder>: the full amlnet wizard embedded in a page, as an iframe of the static site.
//
// Importing this module registers the element. It loads no WebAssembly itself: the site in the
// iframe does. The starting configuration travels in the URL fragment, which browsers never send
// to a server, in the format of the site's share links: `#c=` + base64url(JSON
// { v: 1, context, files: [[name, yaml], ...], policy? }). A preset is `#preset=<id>`.
// See docs/embedding.md for why an iframe and not a shadow-root mount.
//
// Attributes:
//   src       the URL of the amlnet site (required), e.g. "https://example.org/amlnet/"
//   preset    a preset id of the site (e.g. "demo")
//   config    a YAML document to start from; or child <script type="text/yaml" data-name="workspace.yml">
//             elements, one per file
//   policy    an organization policy (the YAML of a .amlnet-policy.yml) the builder enforces; or a child
//             <script type="text/yaml" data-policy> element
//   subscription-id, resource-group, operation, current-isolation-mode: the context
//   height    the iframe height in CSS pixels (default 720)

const STYLE = `
:host { display: block; margin: 1em 0; }
:host([hidden]) { display: none; }
.root { all: initial; display: block; font: 14px/1.4 var(--amlnet-font, system-ui, sans-serif); color: var(--amlnet-fg, #1b1f24); }
iframe {
  display: block; width: 100%; box-sizing: border-box;
  border: 1px solid var(--amlnet-border, #d0d7de); border-radius: var(--amlnet-radius, 6px);
  background: var(--amlnet-bg, #ffffff);
}
.note { display: block; padding: 10px 12px; border: 1px dashed var(--amlnet-border, #d0d7de); border-radius: var(--amlnet-radius, 6px); }
`;

/** base64url without padding of the UTF-8 bytes of `text` (the site's share-link encoding). */
export function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function dedent(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + (lines.length ? '\n' : '');
}

/**
 * The fragment for a starting state: `#c=...` for files (or a policy), `#preset=...` for a preset, ``
 * for neither.
 * @param {{ files?: [string, string][], preset?: string | null, context?: Record<string, string>, policy?: string | null }} start
 */
export function fragmentFor({ files = [], preset = null, context = {}, policy = null }) {
  if (files.length || policy) {
    const snapshot = { v: 1, context: { operation: 'create', ...context }, files };
    if (policy) snapshot.policy = policy;
    return `#c=${base64url(JSON.stringify(snapshot))}`;
  }
  if (preset) return `#preset=${encodeURIComponent(preset)}`;
  return '';
}

export class AmlnetBuilderElement extends HTMLElement {
  static observedAttributes = ['src', 'preset', 'config', 'policy', 'subscription-id', 'resource-group', 'operation', 'current-isolation-mode', 'height'];

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.root = document.createElement('div');
    this.root.className = 'root';
    this.root.setAttribute('part', 'root');
    shadow.append(style, this.root);
  }

  connectedCallback() {
    this.#render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render();
  }

  /** The files to start from: the `config` attribute, or the child YAML scripts. */
  #files() {
    const config = this.getAttribute('config');
    if (config) return [['config.yml', dedent(config)]];
    return [...this.querySelectorAll('script[type="text/yaml"]:not([data-policy])')].map((script, i) => [
      script.dataset.name || `config-${i + 1}.yml`,
      dedent(script.textContent ?? ''),
    ]);
  }

  /** The policy to enforce: the `policy` attribute, or a child `<script type="text/yaml" data-policy>`. */
  #policy() {
    const policy = this.getAttribute('policy') ?? this.querySelector('script[type="text/yaml"][data-policy]')?.textContent;
    return policy ? dedent(policy) : null;
  }

  #context() {
    const context = {};
    const map = {
      'subscription-id': 'subscription_id',
      'resource-group': 'resource_group',
      operation: 'operation',
      'current-isolation-mode': 'current_isolation_mode',
    };
    for (const [attr, key] of Object.entries(map)) {
      const value = this.getAttribute(attr);
      if (value) context[key] = value;
    }
    return context;
  }

  /** The iframe address: `src` plus the starting state in the fragment. */
  get frameUrl() {
    const src = this.getAttribute('src');
    if (!src) return null;
    const url = new URL(src, document.baseURI);
    url.hash = fragmentFor({ files: this.#files(), preset: this.getAttribute('preset'), context: this.#context(), policy: this.#policy() });
    return url.href;
  }

  #render() {
    const url = this.frameUrl;
    if (!url) {
      const note = document.createElement('span');
      note.className = 'note';
      note.textContent = 'amlnet-builder: set the src attribute to the URL of the amlnet site.';
      this.root.replaceChildren(note);
      return;
    }
    let frame = this.root.querySelector('iframe');
    if (!frame) {
      frame = document.createElement('iframe');
      frame.setAttribute('part', 'frame');
      frame.setAttribute('title', 'amlnet configuration builder');
      frame.setAttribute('loading', 'lazy');
      frame.setAttribute('referrerpolicy', 'no-referrer');
      frame.setAttribute('allow', 'clipboard-write');
      // Scripts and its own origin (to fetch its wasm); downloads for the zip export; nothing else.
      frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-downloads allow-popups');
      this.root.replaceChildren(frame);
    }
    const height = Number.parseInt(this.getAttribute('height') ?? '', 10);
    frame.style.height = `${Number.isFinite(height) && height > 0 ? height : 720}px`;
    if (frame.getAttribute('src') !== url) frame.setAttribute('src', url);
  }
}

if (!customElements.get('amlnet-builder')) {
  customElements.define('amlnet-builder', AmlnetBuilderElement);
}
