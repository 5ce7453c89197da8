import type { TestSeries } from '../promql/alert-test.ts';
import type { SloSelectors } from './facts.ts';

/** Events per minute in generated SLO tests: round, so shares print exactly. */
const EVENTS_PER_MINUTE = 1000;
/** Samples per series: 40 minutes, past the 30m at which the tests evaluate. */
const SAMPLES = 40;

export interface SloTestSeries extends TestSeries {
  readonly values: string;
}

/**
 * Input series on which `share` of the SLO's events are bad, 1,000 events a minute. The bad
 * and good series are concrete series of the selectors: where the bad selector picks a label
 * value the total does not, the good series takes another value of that label.
 */
export function sloTestSeries(
  slo: SloSelectors,
  share: number,
  labelValues: ReadonlyMap<string, readonly string[] | undefined>,
): SloTestSeries[] {
  const bad = Math.round(EVENTS_PER_MINUTE * share);
  const good = EVENTS_PER_MINUTE - bad;
  const series = (selector: TestSeries, perMinute: number): SloTestSeries => ({
    ...selector,
    values: `0+${perMinute}x${SAMPLES}`,
  });
  const total = slo.total;
  if (slo.good !== undefined) {
    return [series(slo.good, good), series(total, EVENTS_PER_MINUTE)];
  }
  const errors = slo.errors;
  if (errors === undefined) throw new Error('internal error: an SLO without errors or good');
  if (errors.name !== total.name) {
    return [series(errors, bad), series(total, EVENTS_PER_MINUTE)];
  }
  const goodLabels: Record<string, string> = { ...total.labels };
  for (const [label, value] of Object.entries(errors.labels)) {
    if (label in total.labels) continue;
    const values = labelValues.get(label);
    goodLabels[label] = values?.find((other) => other !== value) ?? `not-${value}`;
  }
  return [
    series({ name: errors.name, labels: { ...total.labels, ...errors.labels } }, bad),
    series({ name: total.name, labels: goodLabels }, good),
  ];
}
