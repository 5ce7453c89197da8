import { byPosition, type Diagnostic } from '../diagnostics.ts';
import type { ParsedSpec } from '../parse.ts';
import type { MetricsSpec } from '../spec-schema.ts';
import { checkDefinitions } from './definitions.ts';
import { checkMetrics } from './metrics.ts';
import { Problems } from './problems.ts';
import { checkShape } from './shape.ts';

export type ValidationResult =
  | { readonly ok: true; readonly spec: MetricsSpec }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/**
 * Shape first, then meaning, as a compiler type-checks only what parsed: the meaning checks
 * need a well-formed spec to follow references, so they run once the shape is right.
 */
export function validate({ source, document }: ParsedSpec): ValidationResult {
  const shape = checkShape(source, document);
  if (!shape.ok) return { ok: false, diagnostics: shape.diagnostics.sort(byPosition) };
  const problems = new Problems(source, document);
  checkDefinitions(shape.spec, problems);
  checkMetrics(shape.spec, problems);
  if (problems.diagnostics.length > 0) {
    return { ok: false, diagnostics: problems.diagnostics.sort(byPosition) };
  }
  return { ok: true, spec: shape.spec };
}
