import type { GeneratedFile } from './emit/generated-file.ts';
import { type GenerateOptions, resolveOptions } from './options.ts';
import type { Diagnostic } from './parse/diagnostics.ts';
import type { ParsedSpec, ParseResult, SpecSource } from './parse/read-spec.ts';
import type { MetricsSpec } from './spec/schema.ts';
import { checkParsed } from './validate/check.ts';

export type GenerateResult =
  | { readonly ok: true; readonly files: GeneratedFile[] }
  | { readonly ok: false; readonly source: SpecSource; readonly diagnostics: Diagnostic[] };

/**
 * The whole generation: parsed spec → validate → model → emit → format. Writes nothing; the
 * `generate` command only chooses between writing the files and comparing them with the disk.
 * The emitters load only for a valid spec, so a wrong spec is reported without loading them.
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
    files: await emit.emitChecked(checked.parsed, checked, resolveOptions(options)),
  };
}

export { RUNTIME_PACKAGE, resolveOptions } from './options.ts';
export type { GenerateOptions, MetricsSpec, ParsedSpec };
