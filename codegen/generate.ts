import type { Diagnostic } from './diagnostics.ts';
import type { GeneratedFile } from './emit/generated-file.ts';
import { emitAll } from './emit/index.ts';
import { formatGeneratedFiles } from './format.ts';
import { buildModel } from './model.ts';
import { type ParseResult, readSpec, type SpecSource } from './parse.ts';
import { validate } from './validate/index.ts';

export type GenerateResult =
  | { readonly ok: true; readonly files: GeneratedFile[] }
  | { readonly ok: false; readonly source: SpecSource; readonly diagnostics: Diagnostic[] };

/** The whole pipeline in memory: read → parse → validate → model → emit. Writes nothing. */
export function generateFromFile(specPath: string): GenerateResult {
  return generateFromParsed(readSpec(specPath));
}

export function generateFromParsed(parsed: ParseResult): GenerateResult {
  if (!parsed.ok) return parsed;
  const validated = validate(parsed.spec);
  if (!validated.ok) {
    return { ok: false, source: parsed.spec.source, diagnostics: validated.diagnostics };
  }
  const model = buildModel(validated.spec, parsed.spec.source.fileName);
  return { ok: true, files: formatGeneratedFiles(emitAll(model)) };
}
