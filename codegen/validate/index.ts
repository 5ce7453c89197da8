import type { SpecFacts, ValidSpec } from '../model/facts.ts';
import { resolveLayouts } from '../model/native-buckets.ts';
import { byPosition, type Diagnostic } from '../parse/diagnostics.ts';
import type { ParsedSpec } from '../parse/read-spec.ts';
import { checkBudget } from './budget.ts';
import { checkDefinitions } from './definitions.ts';
import { collectEntities, type SpecEntities } from './entities.ts';
import { checkMetrics } from './metrics.ts';
import { Problems } from './problems.ts';
import { checkRules } from './rules.ts';
import { checkShape } from './shape.ts';

export type ValidationResult =
  | ({ readonly ok: true } & ValidSpec)
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/**
 * Shape and meaning: the schema checks every node, then the meaning checks (names, references,
 * duplicates, buckets, promlint) run on every part that is well-formed on its own, so a single
 * run reports all problems in file order. A valid spec comes with what the checks resolved
 * (`SpecFacts`), which the model reads instead of working it out again.
 */
export function validate({ source, document, value: raw }: ParsedSpec): ValidationResult {
  const shape = checkShape(source, document, raw);
  const problems = new Problems(source, document);
  const entities = collectEntities(raw);
  const facts = entities && checkMeaning(entities, raw, problems);
  const diagnostics = [...(shape.ok ? [] : shape.diagnostics), ...problems.diagnostics];
  if (!shape.ok || facts === undefined || diagnostics.length > 0)
    return { ok: false, diagnostics: diagnostics.sort(byPosition) };
  return { ok: true, spec: shape.spec, facts };
}

function checkMeaning(entities: SpecEntities, raw: unknown, problems: Problems): SpecFacts {
  const layouts = resolveLayouts(entities.layouts);
  checkDefinitions(entities, layouts, problems);
  const recorders = checkMetrics(entities, problems);
  const rules = checkRules(entities, layouts, problems);
  const seriesEstimates = checkBudget(entities, layouts, raw, problems);
  return { scrapeJob: entities.scrapeJob, layouts, recorders, seriesEstimates, ...rules };
}
