import { byPosition, type Diagnostic } from '../parse/diagnostics.ts';
import type { ParsedSpec } from '../parse/read-spec.ts';
import type { MetricsSpec } from '../spec/schema.ts';
import { checkBudget } from './budget.ts';
import { checkDefinitions } from './definitions.ts';
import { collectEntities } from './entities.ts';
import { checkMetrics } from './metrics.ts';
import { Problems } from './problems.ts';
import { checkRules } from './rules.ts';
import { checkShape } from './shape.ts';

export type ValidationResult =
  | { readonly ok: true; readonly spec: MetricsSpec }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/**
 * Shape and meaning: the schema checks every node, then the meaning checks (names, references,
 * duplicates, buckets, promlint) run on every part that is well-formed on its own, so a single
 * run reports all problems in file order.
 */
export function validate({ source, document, value: raw }: ParsedSpec): ValidationResult {
  const shape = checkShape(source, document, raw);
  const problems = new Problems(source, document);
  const entities = collectEntities(raw);
  if (entities !== undefined) {
    checkDefinitions(entities, problems);
    checkMetrics(entities, problems);
    checkRules(entities, problems);
    checkBudget(entities, raw, problems);
  }
  const diagnostics = [...(shape.ok ? [] : shape.diagnostics), ...problems.diagnostics];
  if (!shape.ok || diagnostics.length > 0)
    return { ok: false, diagnostics: diagnostics.sort(byPosition) };
  return { ok: true, spec: shape.spec };
}
