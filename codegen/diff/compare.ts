import type { Change } from './change.ts';
import { compareLabels } from './compare-labels.ts';
import { compareMetrics } from './compare-metrics.ts';
import { compareRules } from './compare-rules.ts';
import type { SpecVersion } from './spec-version.ts';

export interface SpecDiff {
  readonly base: string;
  readonly head: string;
  readonly changes: readonly Change[];
  readonly breaking: number;
  readonly compatible: number;
}

/** Every classified change from `base` to `head`, breaking ones first, each in spec order. */
export function compareSpecs(base: SpecVersion, head: SpecVersion): SpecDiff {
  const all = [
    ...compareMetrics(base, head),
    ...compareLabels(base, head),
    ...compareRules(base, head),
  ];
  const changes = [
    ...all.filter((one) => one.level === 'breaking'),
    ...all.filter((one) => one.level === 'compatible'),
  ];
  const breaking = changes.filter((one) => one.level === 'breaking').length;
  return {
    base: base.file,
    head: head.file,
    changes,
    breaking,
    compatible: changes.length - breaking,
  };
}
