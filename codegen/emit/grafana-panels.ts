import type { DataSourceRef, Panel } from '@grafana/schema';
import type { MetricModel } from '../model/model.ts';

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

export function stat(title: string, description: string, unit: string, target: Target): PanelDraft {
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
  const shown = labels.filter((label) => label !== 'job');
  if (shown.length === 0) return labels.includes('job') ? '{{job}}' : fallback;
  return shown.map((label) => `{{${label}}}`).join(' ');
}

/** ", by topic and partition": what a panel's series are split by. */
export function byLabels(labels: readonly string[]): string {
  const words = labels.map((label) => label.replace(/_/g, ' '));
  if (words.length === 0) return '';
  const last = words.pop();
  return `, by ${words.length === 0 ? last : `${words.join(', ')} and ${last}`}`;
}

/** "Event processing duration" for …_duration_seconds; "Window size (events)" for …_events. */
export function titleOf(metric: MetricModel): string {
  const unit = metric.unit;
  const suffixed = unit !== undefined && metric.name.endsWith(`_${unit}`);
  const base = suffixed ? metric.name.slice(0, -unit.length - 1) : metric.name;
  const shown = suffixed && !BASE_UNITS.has(unit) ? `${base} (${unit})` : base;
  return sentence(shown.replace(/_/g, ' '));
}

/** Sentence case, acronyms kept upper case: "HTTP requests", "DB connections". */
export function sentence(text: string): string {
  const words = text.split(' ').map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word));
  const first = words.join(' ');
  return first.charAt(0).toUpperCase() + first.slice(1);
}

export const ACRONYMS: ReadonlySet<string> = new Set(
  'api cpu db dns gc grpc http https id io json l1 l2 l3 sql slo tcp tls udp uri url'.split(' '),
);

const BASE_UNITS = new Set(['seconds', 'bytes', 'ratio']);

const GRAFANA_UNIT_OF: Readonly<Record<string, string>> = {
  seconds: 's',
  bytes: 'bytes',
  ratio: 'percentunit',
};

export function unitOf(metric: MetricModel): string {
  return GRAFANA_UNIT_OF[metric.unit ?? ''] ?? 'short';
}

export function rateUnit(metric: MetricModel): string {
  return metric.unit === 'bytes' ? 'Bps' : 'ops';
}
