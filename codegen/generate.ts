import { join, relative, resolve, sep } from 'node:path';
import { checkParsed } from './check-spec.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { GeneratedFile } from './emit/generated-file.ts';
import { type EmitOptions, emitAll } from './emit/index.ts';
import { formatGeneratedFiles } from './format.ts';
import { buildModel } from './model.ts';
import type { ParsedSpec, ParseResult, SpecSource } from './parse.ts';
import { projectRoot } from './project-root.ts';
import type { MetricsSpec } from './spec-schema.ts';

export type GenerateResult =
  | { readonly ok: true; readonly files: GeneratedFile[] }
  | { readonly ok: false; readonly source: SpecSource; readonly diagnostics: Diagnostic[] };

/** The whole pipeline in memory: validate → model → emit → format. Writes nothing. */
export function generateFromParsed(parsed: ParseResult, options: EmitOptions): GenerateResult {
  const checked = checkParsed(parsed);
  if (!checked.ok) return checked;
  return { ok: true, files: generateFromValidated(checked.parsed, checked.spec, options) };
}

/** Model, emit and format a spec the validator has accepted. */
export function generateFromValidated(
  parsed: ParsedSpec,
  spec: MetricsSpec,
  options: EmitOptions,
): GeneratedFile[] {
  const model = buildModel(spec, parsed.source.fileName);
  return formatGeneratedFiles(emitAll(model, options));
}

/**
 * How generated code in `outDir` imports this project's runtime: a relative path to
 * `src/index.ts`, so output anywhere in the project (generated/, test fixtures) compiles as is.
 */
export function runtimeModuleFor(outDir: string): string {
  const path = relative(resolve(outDir), join(projectRoot(), 'src', 'index.ts'))
    .split(sep)
    .join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
