import type { DataSourceRef, Panel } from '@grafana/schema';
import type { MetricModel, QueryModel } from '../model/model.ts';
import { DASHBOARD_MATCHERS, dashboardQuery, RATE_INTERVAL } from '../promql/dashboard-query.ts';
import { histogramPanels } from './grafana-histogram-panels.ts';

/** Every panel and query reads from the dashboard's datasource variable (Grafana's syntax). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana expands it, not JavaScript
export const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** A panel before layout: its size is known, its place is not. */
export type PanelDraft = Omit<Panel, 'id' | 'gridPos'> & { readonly width: number };

export const QUANTILES = [0.5, 0.95, 0.99] as const;

export interface Target {
  readonly expr: string;
  readonly legendFormat: string;
  readonly format?: 'heatmap';
}

/** The panels one metric gets: a rate, a gauge, or quantiles beside a heatmap of its buckets. */
export function metricPanels(metric: MetricModel): PanelDraft[] {
  const labels = metric.labels.map((label) => label.name);
  const legend = legendOf(labels, metric.fullName);
  const matchers = `{${DASHBOARD_MATCHERS}}`;
  if (metric.type === 'counter') {
    const rate = `rate(${metric.exposedName}${matchers}[${RATE_INTERVAL}])`;
    const expr = `${aggregation('sum', labels)}(${rate})`;
    return [
      timeseries(`${titleOf(metric)} per second`, metric.help, rateUnit(metric), [
        { expr, legendFormat: legend },
      ]),
    ];
  }
  if (metric.type === 'gauge') {
    const expr = `${aggregation(metric.aggregate, labels)}(${metric.fullName}${matchers})`;
    return [
      timeseries(titleOf(metric), metric.help, unitOf(metric), [{ expr, legendFormat: legend }]),
    ];
  }
  return histogramPanels(metric, labels, legend);
}

/** A derived query in the overview, filtered by the dashboard's variables. */
export function queryPanel(query: QueryModel): PanelDraft {
  const target = {
    expr: dashboardQuery(query.expr),
    legendFormat: legendOf(query.outputLabels, query.title),
  };
  if (query.panel === 'stat') return stat(query.title, query.description, query.unit, target);
  return timeseries(query.title, query.description, query.unit, [target]);
}

export function timeseries(
  title: string,
  description: string,
  unit: string,
  targets: Target[],
): PanelDraft {
  return {
    ...common('timeseries', title, description, unit, targets),
    width: 12,
    options: {
      legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

function stat(title: string, description: string, unit: string, target: Target): PanelDraft {
  return {
    ...common('stat', title, description, unit, [target]),
    width: 6,
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'value',
      graphMode: 'area',
      textMode: 'auto',
    },
  };
}

export function heatmap(
  title: string,
  description: string,
  unit: string,
  target: Target,
): PanelDraft {
  return {
    ...common('heatmap', title, description, unit, [target]),
    width: 12,
    options: {
      calculate: false,
      yAxis: { unit },
      cellGap: 1,
      color: { mode: 'scheme', scheme: 'Oranges', steps: 64 },
      tooltip: { mode: 'single', yHistogram: true },
    },
  };
}

function common(type: string, title: string, description: string, unit: string, targets: Target[]) {
  return {
    type,
    title,
    description,
    datasource: DATASOURCE,
    fieldConfig: { defaults: { unit }, overrides: [] },
    targets: targets.map((target, index) => ({
      refId: String.fromCharCode(65 + index),
      datasource: DATASOURCE,
      editorMode: 'code',
      range: true,
      ...target,
    })),
  };
}

export function aggregation(operator: string, labels: readonly string[]): string {
  return labels.length === 0 ? `${operator} ` : `${operator} by (${labels.join(', ')}) `;
}

export function legendOf(labels: readonly string[], fallback: string): string {
  const shown = labels.filter((label) => label !== 'job' && label !== 'instance');
  if (shown.length === 0) return labels.includes('job') ? '{{job}}' : fallback;
  return shown.map((label) => `{{${label}}}`).join(' ');
}

/** "Event processing duration" for processor_event_processing_duration_seconds. */
export function titleOf(metric: MetricModel): string {
  const base =
    metric.unit !== undefined &&
    metric.name.endsWith(`_${metric.unit}`) &&
    BASE_UNITS.has(metric.unit)
      ? metric.name.slice(0, -metric.unit.length - 1)
      : metric.name;
  const text = base.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const BASE_UNITS = new Set(['seconds', 'bytes', 'ratio']);

const GRAFANA_UNIT_OF: Readonly<Record<string, string>> = {
  seconds: 's',
  bytes: 'bytes',
  ratio: 'percentunit',
};

export function unitOf(metric: MetricModel): string {
  return GRAFANA_UNIT_OF[metric.unit ?? ''] ?? 'short';
}

function rateUnit(metric: MetricModel): string {
  return metric.unit === 'bytes' ? 'Bps' : 'ops';
}
