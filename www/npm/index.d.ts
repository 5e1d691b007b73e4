// Types of the amlnet package. The shapes (Diagnostic, Options, ExportResult, ...) are generated from
// the Rust DTOs by tsify; this file only adds the package-level `init` and `version`.
export type {
  BilledItem, Diagnostic, DocumentKind, ExportFormat, ExportResult, Fix, GeneratedFile, InboundFact,
  IsolationMode, Operation, Options, OutboundPath, PlanResult, PlanStep, StepKind, RuleDocs, RuleSummary,
  Severity, SourceFileInput, SummaryLine, SummaryResult, SummarySection, Tone, ValidateResult, InitInput,
  SyncInitInput,
} from './web/amlnet.js';
export { validate, exportConfig, plan, summary, rules, explain } from './web/amlnet.js';
import type { InitInput } from './web/amlnet.js';

/** The package version. */
export declare const version: string;

/**
 * Loads the WebAssembly module; call it once before anything else. In Node.js it does nothing (the
 * module is loaded on import). Later calls return the first promise.
 */
declare function init(input?: { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;
export default init;
export { init };

/** Loads the WebAssembly module synchronously from its bytes or a compiled module. */
export declare function initSync(input: { module: BufferSource | WebAssembly.Module }): void;
