/** `<amlnet-snippet>`: registered when this module is imported. */
export declare class AmlnetSnippetElement extends HTMLElement {
  /** The YAML shown; assigning it re-validates and re-renders. */
  yaml: string;
}
/** Removes the indentation shared by all non-blank lines, and blank lines at both ends. */
export declare function dedent(text: string): string;
declare global {
  interface HTMLElementTagNameMap {
    'amlnet-snippet': AmlnetSnippetElement;
  }
}
