import type { DashboardLink, ThresholdsConfig } from '@grafana/schema';
import { BURN_RATE_ALERTS } from '../model/burn-rates.ts';
import type { AlertModel, MetricsModel, QueryModel, SloModel } from '../model/model.ts';
import { SELF_METRICS, selfMetricName } from '../promql/runtime-series.ts';
import { byLabels, legendOf, type PanelDraft, stat, timeseries } from './grafana-panels.ts';

const JOB = 'job=~"$job"';
const COLOR_OF = { critical: 'red', warning: 'orange', info: 'blue' } as const;

/** Absolute steps: the base colour, then each `[colour, from]`. */
function thresholds(base: string, steps: readonly (readonly [string, number])[]): ThresholdsConfig {
  return {
    mode: 'absolute',
    steps: [{ color: base, value: null }, ...steps.map(([color, value]) => ({ color, value }))],
  } as unknown as ThresholdsConfig;
}

/** A link to a runbook or an SLO in METRICS.md, opened beside the dashboard. */
export function link(title: string, url: string): DashboardLink {
  return {
    title,
    url,
    type: 'link',
    icon: 'doc',
    tooltip: '',
    tags: [],
    asDropdown: false,
    includeVars: false,
    keepTime: false,
    targetBlank: true,
  };
}

/**
 * A derived query in the overview: the recorded series itself, as the alerts read it, so the
 * panel and the alert never disagree on range or base. A stat turns the alert's colour at the
 * alert's threshold and links to its runbook.
 */
export function queryPanel(query: QueryModel): PanelDraft {
  const target = {
    expr: `${query.record}{${JOB}${query.outputLabels.includes('instance') ? ', instance=~"$instance"' : ''}}`,
    legendFormat: legendOf(query.outputLabels, query.title),
  };
  if (query.panel !== 'stat')
    return timeseries(query.title, query.description, query.unit, [target]);
  const limits = query.alertThresholds ?? [];
  const panel = stat(query.title, query.description, query.unit, target);
  return {
    ...panel,
    fieldConfig: {
      defaults: {
        unit: query.unit,
        thresholds: thresholds(
          'green',
          limits.map((t) => [COLOR_OF[t.severity], t.value]),
        ),
      },
      overrides: [],
    },
    links: limits.map((t) => link(`Runbook: ${t.alert}`, t.runbookUrl)),
  };
}

/** Per SLO: the budget left over its window, and the burn rates its alerts compare. */
export function sloPanels(
  slo: SloModel,
  alerts: readonly AlertModel[],
  base: string,
): PanelDraft[] {
  const ratio = (window: string) => `${slo.recordPrefix}${window}{slo="${slo.name}", ${JOB}}`;
  const left = stat(
    `${slo.title}: error budget left over ${slo.window}`,
    `Share of the ${slo.window} error budget (${slo.budget} of events) not yet spent: below 0, the SLO is broken.`,
    'percentunit',
    { expr: `1 - ${ratio(slo.window)} / ${slo.budget}`, legendFormat: '{{job}}' },
  );
  const windows = BURN_RATE_ALERTS.flatMap((burn) => burn.windows.map((w) => w.long));
  const burn = timeseries(
    `${slo.title}: error budget burn rate`,
    'How many times faster than it lasts the budget is spent, over each long window of the burn-rate alerts; they fire above the lines.',
    'short',
    windows.map((window) => ({
      expr: `${ratio(window)} / ${slo.budget}`,
      legendFormat: `${window} {{job}}`,
    })),
  );
  const runbooks = alerts
    .filter((alert) => slo.alertNames.includes(alert.name))
    .map((alert) => link(`Runbook: ${alert.name}`, alert.runbookUrl));
  const factors = BURN_RATE_ALERTS.flatMap((b) => b.windows.map((w) => w.factor));
  return [
    {
      ...left,
      width: 8,
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          thresholds: thresholds('red', [
            ['orange', 0],
            ['green', 0.25],
          ]),
        },
        overrides: [],
      },
      links: [link(`SLO: ${slo.title}`, `${base}#slo-${slo.name}`)],
    },
    {
      ...burn,
      width: 16,
      fieldConfig: {
        defaults: {
          unit: 'short',
          custom: { thresholdsStyle: { mode: 'line' } },
          thresholds: thresholds(
            'green',
            [...new Set(factors)]
              .sort((a, b) => a - b)
              .map((value) => [value >= 6 ? 'red' : 'orange', value] as const),
          ),
        },
        overrides: [],
      },
      links: runbooks,
    },
  ];
}

/** The runtime's self-metrics: what the recording policy dropped, folded, and keeps. */
export function selfMetricPanels(model: MetricsModel): PanelDraft[] {
  const matchers = `{${JOB}, instance=~"$instance"}`;
  return SELF_METRICS.map((series) => {
    const name = selfMetricName(model.namespace, series);
    const labels = ['instance', ...Object.keys(series.labels)];
    const by = `sum by (${labels.join(', ')}) `;
    const counter = series.type === 'counter';
    const expr = counter
      ? `${by}(rate(${name}${matchers}[$__rate_interval]))`
      : `${by}(${name}${matchers})`;
    const title = `${series.title}${byLabels(labels)}`;
    return timeseries(title, series.help, counter ? 'ops' : 'short', [
      { expr, legendFormat: legendOf(labels, name) },
    ]);
  });
}
