import type { Dashboard, Panel, RowPanel, VariableModel } from '@grafana/schema';
import type { MetricsModel } from '../model/model.ts';
import { classicSeries } from '../promql/series-names.ts';
import type { GeneratedFile } from './generated-file.ts';
import { metricPanels } from './grafana-metric-panels.ts';
import { link, queryPanel, selfMetricPanels, sloPanels } from './grafana-overview.ts';
import { DATASOURCE, type PanelDraft } from './grafana-panels.ts';
import { countOf } from './plural.ts';

export const DASHBOARD_FILE = 'grafana/dashboard.json';

/** The schema version of `@grafana/schema` 13.2, which Grafana 11+ imports without migrating. */
const SCHEMA_VERSION = 42;
const GRID_WIDTH = 24;
const PANEL_HEIGHT = 8;

/**
 * The dashboard: an overview row with the derived queries, then one row per group with a
 * panel per metric. Ids and positions follow spec order, so the same spec gives the same bytes.
 */
export function emitGrafana(model: MetricsModel): GeneratedFile {
  const sections = [
    { title: 'Overview', drafts: model.queries.filter((q) => q.panel !== 'none').map(queryPanel) },
    {
      title: 'Error budgets',
      drafts: model.slos.flatMap((slo) => sloPanels(slo, model.alerts, model.runbookBase)),
    },
    ...model.groups.map((group) => ({
      title: group.title,
      drafts: group.metrics.flatMap(metricPanels),
    })),
    { title: 'Self-metrics', drafts: selfMetricPanels(model) },
  ].filter((section) => section.drafts.length > 0);
  const dashboard: Dashboard = {
    id: null,
    uid: model.dashboard.uid,
    title: model.dashboard.title,
    description: description(model),
    tags: [model.namespace, 'metrics-kit'],
    editable: true,
    graphTooltip: 1,
    timezone: 'browser',
    time: { from: 'now-1h', to: 'now' },
    refresh: '30s',
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    links:
      model.runbookBase === '' ? [] : [link('Alerts and runbooks', `${model.runbookBase}#alerts`)],
    annotations: { list: alertAnnotations(model) },
    templating: { list: variables(model) },
    panels: layout(sections),
  };
  return { path: DASHBOARD_FILE, contents: `${JSON.stringify(dashboard, null, 2)}\n` };
}

/** What an operator reads under the title: what the dashboard shows, not how it is made. */
function description(model: MetricsModel): string {
  const rows = model.groups.map((group) => group.title).join(', ');
  const shown = model.queries.filter((query) => query.panel !== 'none').length;
  const overview =
    shown === 0
      ? ''
      : `, after an overview of ${countOf(shown, 'derived query', 'derived queries')}`;
  return `The ${countOf(model.metrics.length, 'metric')} named ${model.namespace}_*, one row per group (${rows})${overview}.`;
}

/** Firing alerts of this spec as annotations, so a panel's spike lines up with its page. */
function alertAnnotations(model: MetricsModel) {
  if (model.alerts.length === 0) return [];
  const names = model.alerts.map((alert) => alert.name).join('|');
  return [
    {
      name: 'Firing alerts',
      datasource: DATASOURCE,
      enable: true,
      hide: false,
      iconColor: 'red',
      expr: `ALERTS{alertstate="firing", alertname=~"${names}"}`,
      step: '1m',
      titleFormat: '{{alertname}}',
      textFormat: '{{severity}} {{instance}}',
      tagKeys: 'severity',
      useValueForTime: false,
    },
  ];
}

function variables(model: MetricsModel): VariableModel[] {
  const first = model.metrics[0];
  const series =
    first?.type === 'histogram' ? classicSeries(first.fullName).count : first?.exposedName;
  const labelVariable = (name: 'job' | 'instance', query: string): VariableModel => ({
    type: 'query',
    name,
    label: name,
    datasource: DATASOURCE,
    query,
    refresh: 2,
    multi: true,
    includeAll: true,
    allValue: '.+',
    current: { selected: true, text: ['All'], value: ['$__all'] },
    sort: 1,
    hide: 0,
  });
  return [
    {
      type: 'datasource',
      name: 'datasource',
      label: 'Data source',
      query: 'prometheus',
      hide: 0,
      refresh: 1,
    },
    labelVariable('job', `label_values(${series}, job)`),
    labelVariable('instance', `label_values(${series}{job=~"$job"}, instance)`),
  ];
}

/** Rows across the grid, each row's panels flowing left to right, wrapping at 24 columns. */
function layout(
  sections: readonly { title: string; drafts: PanelDraft[] }[],
): (Panel | RowPanel)[] {
  const panels: (Panel | RowPanel)[] = [];
  let y = 0;
  let id = 1;
  for (const section of sections) {
    panels.push({
      type: 'row',
      id: id++,
      title: section.title,
      collapsed: false,
      panels: [],
      gridPos: { x: 0, y: y++, w: GRID_WIDTH, h: 1 },
    });
    let x = 0;
    for (const { width, ...draft } of section.drafts) {
      if (x + width > GRID_WIDTH) {
        x = 0;
        y += PANEL_HEIGHT;
      }
      panels.push({ id: id++, gridPos: { x, y, w: width, h: PANEL_HEIGHT }, ...draft });
      x += width;
    }
    y += PANEL_HEIGHT;
  }
  return panels;
}
