import type { Diagnostic } from './diagnostics.ts';
import type { GeneratedFile } from './emit/generated-file.ts';
import type { ParsedSpec, ParseResult, SpecSource } from './parse/read-spec.ts';
import type { MetricsSpec } from './spec/schema.ts';
import { checkParsed } from './validate/check.ts';

/** What a user may choose about the output; everything else follows from the spec. */
export interface GenerateOptions {
  /** The module generated code imports the runtime from; the runtime package by default. */
  readonly runtimeModule?: string;
  /** `ts` writes `metrics.ts`; `js` writes `metrics.js` with `metrics.d.ts` beside it. */
  readonly language?: 'ts' | 'js';
}

/** {@link GenerateOptions} with every default filled in, once, here. */
export interface ResolvedOptions {
  readonly runtimeModule: string;
  readonly language: 'ts' | 'js';
}

/** The runtime package's name: what generated code imports, as a user's own code would. */
export const RUNTIME_PACKAGE = 'metrics-kit';

export function resolveOptions(options: GenerateOptions = {}): ResolvedOptions {
  return {
    runtimeModule: options.runtimeModule ?? RUNTIME_PACKAGE,
    language: options.language ?? 'ts',
  };
}

export type GenerateResult =
  | { readonly ok: true; readonly files: GeneratedFile[] }
  | { readonly ok: false; readonly source: SpecSource; readonly diagnostics: Diagnostic[] };

/**
 * The whole generation: parsed spec → validate → model → emit → format. Writes nothing; the
 * `generate` command only chooses between writing the files and comparing them with the disk.
 * The emitters (and ts-morph, the slowest part of a start) load only for a valid spec, so a wrong
 * spec is reported in about half the time.
 */
export async function generate(
  parsed: ParseResult,
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const checked = checkParsed(parsed);
  if (!checked.ok) return checked;
  const emit = await import('./emit/emit-checked.ts');
  return {
    ok: true,
    files: emit.emitChecked(checked.parsed, checked.spec, resolveOptions(options)),
  };
}

export type { MetricsSpec, ParsedSpec };
