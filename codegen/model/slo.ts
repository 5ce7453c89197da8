import { renderAnnotation } from '../promql/alert-test.ts';
import { namespacedName } from '../promql/series-names.ts';
import type { MetricsSpec, SloSpec } from '../spec/schema.ts';
import {
  BURN_RATE_ALERTS,
  type BurnRateAlert,
  cleanNumber,
  SLO_WINDOWS,
  sloAlertName,
} from './burn-rates.ts';
import { mustGet, type SloSelectors } from './facts.ts';
import { humanizePercentage } from './go-format.ts';
import { anchorOf } from './names.ts';
import type { AlertModel, AlertTestModel, QueryModel } from './rule-types.ts';
import { sloTestSeries } from './slo-tests.ts';

export interface SloModel {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly objective: number;
  /** 1 - objective, printed without binary noise. */
  readonly budget: string;
  readonly window: string;
  readonly groupId: string;
  /** The error ratio over `[WINDOW]`, as the recording rules compute it per window. */
  readonly errorRatio: string;
  /** The rule name without its window: `job:processor_slo_errors_per_events:ratio_rate`. */
  readonly recordPrefix: string;
  readonly alertNames: readonly string[];
}

export interface SloRules {
  readonly slos: SloModel[];
  readonly queries: QueryModel[];
  readonly alerts: AlertModel[];
}

interface SloContext {
  readonly namespace: string;
  readonly target: Readonly<Record<string, string>>;
  readonly runbookBase: string | undefined;
  readonly labelValues: ReadonlyMap<string, readonly string[] | undefined>;
  /** Each SLO's selectors, as the validator parsed them. */
  readonly selectors: ReadonlyMap<string, SloSelectors>;
}

/** Every SLO of the spec: its model, its recording rules per window, its two burn-rate alerts. */
export function sloRules(spec: MetricsSpec, context: SloContext): SloRules {
  const out: SloRules = { slos: [], queries: [], alerts: [] };
  for (const group of spec.groups) {
    for (const slo of group.slos ?? []) {
      const model = sloModel(slo, group.id, context.namespace);
      out.slos.push(model);
      out.queries.push(...SLO_WINDOWS.concat(model.window).map((w) => recordOf(model, w)));
      const selectors = mustGet(context.selectors, slo.name);
      out.alerts.push(
        ...BURN_RATE_ALERTS.map((burn) => burnAlert(model, selectors, burn, context)),
      );
    }
  }
  return out;
}

function sloModel(slo: SloSpec, groupId: string, namespace: string): SloModel {
  const ratio = (selector: string) => `sum by (job) (rate(${selector.trim()}[WINDOW]))`;
  const errorRatio =
    slo.good === undefined
      ? `${ratio(slo.errors ?? '')}\n  / ${ratio(slo.total)}`
      : `1 - (\n  ${ratio(slo.good)}\n    / ${ratio(slo.total)}\n)`;
  return {
    name: slo.name,
    title: slo.title.trim(),
    description: slo.description.trim(),
    objective: slo.objective,
    budget: cleanNumber(1 - slo.objective),
    window: slo.window ?? '30d',
    groupId,
    errorRatio,
    recordPrefix: `job:${namespacedName(namespace, 'slo_errors_per_events')}:ratio_rate`,
    alertNames: BURN_RATE_ALERTS.map((burn) => sloAlertName(namespace, slo.name, burn)),
  };
}

function recordOf(slo: SloModel, window: string): QueryModel {
  return {
    record: `${slo.recordPrefix}${window}`,
    title: `${slo.title}: error ratio over ${window}`,
    description: `Share of bad events over ${window}, against the SLO's budget of ${slo.budget}.`,
    expr: slo.errorRatio.replaceAll('WINDOW', window),
    unit: 'percentunit',
    panel: 'none',
    groupId: slo.groupId,
    outputLabels: ['job', 'slo'],
    ruleLabels: { slo: slo.name },
    slo: slo.name,
  };
}

function burnAlert(
  slo: SloModel,
  selectors: SloSelectors,
  burn: BurnRateAlert,
  context: SloContext,
): AlertModel {
  const name = sloAlertName(context.namespace, slo.name, burn);
  const series = (window: string) => `${slo.recordPrefix}${window}{slo="${slo.name}"}`;
  const branch = ({ long, short, factor }: BurnRateAlert['windows'][number]) =>
    `(\n  ${series(long)} > (${factor} * ${slo.budget})\n  and\n  ${series(short)} > (${factor} * ${slo.budget})\n)`;
  const expr = burn.windows.map(branch).join('\nor\n');
  const [first, second] = burn.windows;
  const pace = `${first.factor} times (${first.long} and ${first.short}) or ${second.factor} times (${second.long} and ${second.short})`;
  const summary = `{{ $labels.job }} spends the error budget of "${slo.title}" too fast.`;
  const description = `{{ $value | humanizePercentage }} of the events of {{ $labels.job }} were bad over the long window, against an objective of ${cleanNumber(slo.objective * 100)}% good over ${slo.window}: the budget burns ${pace} faster than it lasts.`;
  const anchor = anchorOf(name);
  const runbookUrl = `${context.runbookBase ?? ''}#${anchor}`;
  const budget = Number(slo.budget);
  const fast = burn.suffix === 'FastBurn';
  const firing = fast ? (first.factor * budget + 1) / 2 : 4.5 * budget;
  // Windows longer than the series still give its share, so both alerts are tested at 30m.
  const at = '30m';
  const test = (title: string, share: number, when: string, fires: boolean): AlertTestModel => {
    const alertLabels = {
      alertname: name,
      severity: burn.severity,
      job: context.target.job ?? '',
      slo: slo.name,
    };
    const value = humanizePercentage(Math.round(share * 1000) / 1000);
    const render = (text: string) => renderAnnotation(text, alertLabels, value);
    return {
      name: title,
      at: when,
      series: sloTestSeries(selectors, share, context.labelValues),
      expected: fires
        ? {
            labels: alertLabels,
            annotations: {
              summary: render(summary),
              description: render(description),
              runbook_url: runbookUrl,
            },
          }
        : undefined,
    };
  };
  const tests = [
    test(`${name} fires`, firing, at, true),
    test(`${name} stays silent`, budget / 2, at, false),
    ...(fast ? [test(`${name}: a slow burn does not page`, 4.5 * budget, at, false)] : []),
  ];
  return {
    name,
    expr,
    for: burn.for,
    severity: burn.severity,
    summary,
    description,
    runbook: `${slo.description} The SLO promises ${cleanNumber(slo.objective * 100)}% over ${slo.window}, and its error budget is being spent ${pace} faster than it lasts. Find what fails with the other alerts and panels of this group, then stop the cause (roll back, fail over, shed load); the dashboard's error-budget row shows what is left.`,
    anchor,
    runbookUrl,
    groupId: slo.groupId,
    tests,
  };
}
