import type { MetricType } from '../spec/schema.ts';

/** One label's share of a metric's worst case: its enum size, or its limit plus overflow. */
export interface SeriesFactor {
  readonly label: string;
  readonly values: number;
}

/** The most series a metric can put on the wire, and what multiplies into it. */
export interface SeriesEstimate {
  /** Label factors, largest first. */
  readonly factors: readonly SeriesFactor[];
  /** Lines each label combination adds: 1, or a histogram's buckets, +Inf, _sum and _count. */
  readonly linesPerCombination: number;
  readonly series: number;
}

/** What the estimate needs of a label. */
export interface BudgetLabel {
  readonly name: string;
  /** Enum values, or undefined for a free-form label. */
  readonly enumSize: number | undefined;
  readonly maxValues: number | undefined;
}

/**
 * Worst case: every enum value with every free-form value up to the limit, plus the overflow
 * value (`__overflow__`) each free-form label folds the rest into.
 */
export function estimateSeries(
  type: MetricType,
  labels: readonly BudgetLabel[],
  bucketBounds: number | undefined,
): SeriesEstimate {
  const factors = labels
    .map((label) => ({
      label: label.name,
      values: label.enumSize ?? (label.maxValues ?? 0) + 1,
    }))
    .sort((a, b) => b.values - a.values);
  const linesPerCombination = type === 'histogram' ? (bucketBounds ?? 0) + 3 : 1;
  const combinations = factors.reduce((product, factor) => product * factor.values, 1);
  return { factors, linesPerCombination, series: combinations * linesPerCombination };
}

/** `topic 65 × partition 257 × 19 lines`: why a metric reaches its count. */
export function describeEstimate(estimate: SeriesEstimate): string {
  const parts = estimate.factors.map((factor) => `${factor.label} ${formatCount(factor.values)}`);
  if (estimate.linesPerCombination > 1) parts.push(`${estimate.linesPerCombination} lines`);
  return parts.length === 0 ? 'no labels' : parts.join(' × ');
}

/**
 * `1,234,567`, as `toLocaleString('en-US')` writes it. Integers are grouped by hand: the first
 * `toLocaleString` of a process loads ICU's number formatting, 15 to 40 ms of a `generate`.
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
}
