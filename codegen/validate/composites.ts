import { labelParameterName, RESERVED_WORDS, valueParameterName } from '../model/names.ts';
import type { CompositeSpec, MetricSpec } from '../spec/schema.ts';
import { didYouMean } from '../suggest.ts';
import type { Located } from './entities.ts';
import type { Problems } from './problems.ts';

/**
 * A composite's steps must name metrics of the spec, once each; its value-taking steps share
 * one value, so one unit; and its `when` flags must not shadow another of its parameters.
 */
export function checkComposite(
  { value: composite, path }: Located<CompositeSpec>,
  byName: ReadonlyMap<string, Located<MetricSpec>>,
  declaredMetrics: ReadonlySet<string>,
  problems: Problems,
) {
  const used = new Set<string>();
  const valueUnits = new Map<string, string>();
  const labelParameters = new Set<string>();
  composite.records.forEach((step, s) => {
    const stepPath = [...path, 'records', s];
    const metric = byName.get(step.metric)?.value;
    if (metric === undefined && declaredMetrics.has(step.metric)) return;
    if (metric === undefined) {
      problems.at(
        [...stepPath, 'metric'],
        `undefined metric "${step.metric}"${didYouMean(step.metric, byName.keys())}`,
      );
      return;
    }
    if (used.has(step.metric))
      problems.at([...stepPath, 'metric'], `"${step.metric}" is recorded twice`);
    used.add(step.metric);
    for (const label of metric.labels ?? []) labelParameters.add(labelParameterName(label));
    if (metric.type !== 'counter') valueUnits.set(metric.unit ?? '', step.metric);
  });
  if (valueUnits.size > 1) {
    problems.at(
      [...path, 'records'],
      `records values in different units (${[...valueUnits.keys()].map((u) => u || 'none').join(', ')}); one call carries one value`,
    );
  }
  const valueParameter =
    valueUnits.size > 0 ? valueParameterName([...valueUnits.keys()][0] || undefined) : undefined;
  composite.records.forEach((step, s) => {
    if (step.when === undefined) return;
    const clash = labelParameters.has(step.when)
      ? 'a label parameter'
      : step.when === valueParameter
        ? 'the value parameter'
        : RESERVED_WORDS.has(step.when)
          ? 'a reserved word'
          : undefined;
    if (clash !== undefined) {
      problems.at(
        [...path, 'records', s, 'when'],
        clash === 'a reserved word'
          ? `"${step.when}" is a reserved word in TypeScript; name the flag differently`
          : `"${step.when}" is already ${clash} of "${composite.name}"; name the flag differently`,
      );
    }
  });
}
