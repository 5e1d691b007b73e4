/** `<amlnet-builder>`: registered when this module is imported. */
export declare class AmlnetBuilderElement extends HTMLElement {
  /** The iframe address (the `src` attribute plus the starting state in the fragment), or null without `src`. */
  readonly frameUrl: string | null;
}
/** base64url (no padding) of the UTF-8 bytes of `text`. */
export declare function base64url(text: string): string;
/** The URL fragment of a starting state: `#c=...` for files, `#preset=...` for a preset. */
export declare function fragmentFor(start: {
  files?: [string, string][];
  preset?: string | null;
  context?: Record<string, string>;
  /** An organization policy (the YAML of a .amlnet-policy.yml) the builder enforces. */
  policy?: string | null;
}): string;
declare global {
  interface HTMLElementTagNameMap {
    'amlnet-builder': AmlnetBuilderElement;
  }
}
