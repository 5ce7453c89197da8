import type { ValidSpec } from '../model/facts.ts';
import type { Diagnostic } from '../parse/diagnostics.ts';
import {
  type ParsedSpec,
  type ParseResult,
  readSpec,
  type SpecSource,
} from '../parse/read-spec.ts';
import { validate } from './index.ts';

export type CheckedSpec =
  | ({ readonly ok: true; readonly parsed: ParsedSpec } & ValidSpec)
  | { readonly ok: false; readonly source: SpecSource; readonly diagnostics: Diagnostic[] };

/**
 * Read, parse and validate, with none of the emitters loaded: a wrong spec is reported before
 * any emitter (or, for `--js`, ts-morph's compiler) is imported, so even hostile input fails fast.
 */
export function checkSpecFile(specPath: string): CheckedSpec {
  return checkParsed(readSpec(specPath));
}

export function checkParsed(parsed: ParseResult): CheckedSpec {
  if (!parsed.ok) return parsed;
  const validated = validate(parsed.spec);
  if (!validated.ok) {
    return { ok: false, source: parsed.spec.source, diagnostics: validated.diagnostics };
  }
  return { ok: true, parsed: parsed.spec, spec: validated.spec, facts: validated.facts };
}
