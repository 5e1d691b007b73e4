// Types of the amlnet package. The shapes (Diagnostic, Options, ExportResult, ...) are generated from
// the Rust DTOs by tsify; this file adds the package-level `init` and `version` and the functions the
// entry points route between the small and the full wasm (the ones that may load return promises).
export type {
  BilledItem, Diagnostic, DocumentKind, ExportFormat, ExportResult, Fix, GeneratedFile, InboundFact,
  IsolationMode, Operation, Options, OutboundPath, PlanResult, PlanStep, StepKind, RuleDocs, RuleSummary,
  Severity, SourceFileInput, SummaryLine, SummaryResult, SummarySection, Tone, ValidateResult, InitInput,
  SyncInitInput,
} from './wasm/amlnet_full.js';
export { validate, rules } from './wasm/amlnet.js';
import type { ExportFormat, ExportResult, InitInput, Options, PlanResult, RuleDocs, SourceFileInput, SummaryResult } from './wasm/amlnet_full.js';

/** The export formats the small wasm generates: `exportConfig` returns their result directly. */
export type SmallExportFormat = 'yaml' | 'cli' | 'python';
/** The formats of the full wasm, loaded on first use: `exportConfig` returns a promise. */
export type FullExportFormat = Exclude<ExportFormat, SmallExportFormat>;

/**
 * Generates YAML documents, an `az` bash script, a Python script, an ARM template, a Bicep file or a
 * Terraform configuration from one YAML text or from several files. When the configuration has errors,
 * `files` is empty (pass `force: true` to generate anyway); `diagnostics` says why. ARM, Bicep and
 * Terraform load the full wasm on first use, so they return a promise (awaiting works for every format).
 */
export declare function exportConfig(textOrFiles: string | SourceFileInput[], format: SmallExportFormat, options?: Options | null): ExportResult;
export declare function exportConfig(textOrFiles: string | SourceFileInput[], format: FullExportFormat, options?: Options | null): Promise<ExportResult>;
export declare function exportConfig(textOrFiles: string | SourceFileInput[], format: ExportFormat, options?: Options | null): ExportResult | Promise<ExportResult>;

/**
 * Plans the change from the workspace as it is now (YAML or `az ml workspace show` JSON) to the desired
 * configuration: ordered steps with bash and Python, and the warnings to read first. Loads the full wasm.
 */
export declare function plan(current: string | SourceFileInput[], desired: string | SourceFileInput[], options?: Options | null): Promise<PlanResult>;

/** The cost and security summary of a configuration. Loads the full wasm. */
export declare function summary(textOrFiles: string | SourceFileInput[], options?: Options | null): Promise<SummaryResult>;

/** The documentation of one rule code (Markdown), or `undefined` for a code amlnet does not have. */
export declare function explain(code: string): Promise<RuleDocs | undefined>;

/** The package version. */
export declare const version: string;

/**
 * Loads the small WebAssembly module; call it once before anything else. `full` says where the full
 * wasm is (default: next to the package's files); it loads on first use. In Node.js `init` does nothing
 * (the module is loaded on import). Later calls return the first promise.
 */
declare function init(input?: { module_or_path: InitInput | Promise<InitInput>; full?: InitInput | Promise<InitInput> }): Promise<void>;
export default init;
export { init };

/** Loads the small WebAssembly module synchronously from its bytes or a compiled module. */
export declare function initSync(input: { module: BufferSource | WebAssembly.Module; full?: BufferSource | WebAssembly.Module }): void;
