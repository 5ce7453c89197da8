import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SELF_METRICS, selfMetricName } from '../codegen/promql/runtime-series.ts';
import { PROJECT_ROOT } from './support/cli.ts';
import { type DashboardJson, lintDashboard, type PanelJson } from './support/dashboard-lint.ts';
import { modelOf, SPECS } from './support/generate.ts';

function dashboardAt(path: string): DashboardJson {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, path), 'utf8'));
}

const seed = dashboardAt('generated/grafana/dashboard.json');
const httpApi = dashboardAt('test/golden/http-api/grafana/dashboard.json');
const model = modelOf(SPECS.processor);

/** Series names a PromQL expression selects. */
function seriesIn(expr: string): string[] {
  const names: string[] = [];
  const text = expr.replaceAll('$__rate_interval', '1m');
  parser.parse(text).iterate({
    enter(ref) {
      if (ref.name === 'VectorSelector') {
        const identifier = ref.node.getChild('Identifier');
        if (identifier) names.push(text.slice(identifier.from, identifier.to));
      }
    },
  });
  return names;
}

const panelsOf = (dashboard: DashboardJson): PanelJson[] =>
  dashboard.panels.filter((panel) => panel.type !== 'row');

describe('generated Grafana dashboard', () => {
  it.each([
    ['seed', seed],
    ['http-api', httpApi],
  ])('%s: passes the dashboard linter rules', (_, dashboard) => {
    expect(lintDashboard(dashboard)).toEqual([]);
  });

  it('has a stable uid, schema version 42 and unique panel ids', () => {
    expect(seed.uid).toBe('stream-processor');
    expect(seed.schemaVersion).toBe(42);
    const ids = seed.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lays panels on the 24-column grid without overlaps', () => {
    const cells = new Set<string>();
    for (const { gridPos } of seed.panels) {
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('has an overview row, the error budgets, a row per group, then the self-metrics', () => {
    const rows = seed.panels.filter((panel) => panel.type === 'row').map((row) => row.title);
    expect(rows).toEqual([
      'Overview',
      'Error budgets',
      ...model.groups.map((group) => group.title),
      'Self-metrics',
    ]);
    const selected = new Set(
      panelsOf(seed).flatMap((p) => (p.targets ?? []).flatMap((t) => seriesIn(t.expr))),
    );
    for (const metric of model.metrics) {
      const wire = metric.type === 'histogram' ? `${metric.fullName}_bucket` : metric.exposedName;
      expect(selected.has(wire), wire).toBe(true);
    }
    const histograms = model.metrics.filter((metric) => metric.type === 'histogram').length;
    const overview = model.queries.filter((query) => query.panel !== 'none').length;
    const budgets = 2 * model.slos.length;
    const self = SELF_METRICS.length;
    // Native layouts add observations per second and the mean (grafana-histogram-panels.ts).
    const native = model.metrics.filter((m) => (m.bucketLayout?.kind ?? 'classic') !== 'classic');
    expect(panelsOf(seed)).toHaveLength(
      overview + budgets + model.metrics.length + histograms + self + 2 * native.length,
    );
  });

  it('selects only series the spec declares, its recording rules and the self-metrics', () => {
    const known = new Set([
      ...model.metrics.flatMap((m) =>
        m.type === 'histogram'
          ? [m.fullName, `${m.fullName}_bucket`, `${m.fullName}_sum`, `${m.fullName}_count`]
          : [m.exposedName],
      ),
      ...model.queries.map((query) => query.record),
      ...SELF_METRICS.map((series) => selfMetricName(model.namespace, series)),
    ]);
    for (const panel of panelsOf(seed)) {
      for (const target of panel.targets ?? []) {
        for (const name of seriesIn(target.expr)) expect(known.has(name), name).toBe(true);
      }
    }
  });

  it('reads in the overview the recorded series the alerts compare, at their thresholds', () => {
    const rules = parse(
      readFileSync(join(PROJECT_ROOT, 'generated/prometheus/rules.yml'), 'utf8'),
    ) as {
      groups: { rules: { alert?: string; expr: string; labels?: { severity?: string } }[] }[];
    };
    const alerts = rules.groups.flatMap((group) => group.rules.filter((rule) => rule.alert));
    const overview = panelsOf(seed).filter((panel) =>
      model.queries.some((query) => query.title === panel.title),
    );
    expect(overview.length).toBeGreaterThan(0);
    for (const panel of overview.filter((p) => p.type === 'stat')) {
      const [record = ''] = seriesIn(panel.targets?.[0]?.expr ?? '');
      const compared = alerts.flatMap((alert) => {
        const found = new RegExp(`${record}\\s*>\\s*([0-9.]+)`).exec(alert.expr);
        return found ? [Number(found[1])] : [];
      });
      expect(compared.length, `${panel.title}: an alert compares ${record}`).toBeGreaterThan(0);
      const steps = (panel.fieldConfig?.defaults?.thresholds?.steps ?? []) as { value: number }[];
      expect(steps.slice(1).map((step) => step.value)).toEqual(compared);
      expect(panel.links?.length).toBe(compared.length);
    }
  });

  it('shows histograms as p50/p95/p99 and as a heatmap of their buckets', () => {
    const title = 'Event processing duration';
    const quantiles = panelsOf(seed).find((p) => p.title === `${title}: p50, p95, p99, by result`);
    const heatmap = panelsOf(seed).find((p) => p.title === `${title}: distribution`);
    expect(quantiles?.targets?.map((t) => t.expr.slice(0, 24))).toEqual([
      'histogram_quantile(0.5, ',
      'histogram_quantile(0.95,',
      'histogram_quantile(0.99,',
    ]);
    expect(quantiles?.fieldConfig?.defaults?.unit).toBe('s');
    expect(heatmap?.type).toBe('heatmap');
    expect(heatmap?.targets?.[0]).toMatchObject({
      format: 'heatmap',
      legendFormat: '{{le}}',
      expr: 'sum by (le) (rate(processor_event_processing_duration_seconds_bucket{job=~"$job", instance=~"$instance"}[$__rate_interval]))',
    });
  });
});

describe('the dashboard linter rules catch', () => {
  const base = panelsOf(seed)[1] as PanelJson;
  const withExpr = (expr: string, format?: string): DashboardJson => ({
    ...seed,
    panels: [{ ...base, targets: [{ expr, ...(format ? { format } : {}) }] }],
  });
  const M = '{job=~"$job", instance=~"$instance"}';

  it.each([
    [
      'a missing job matcher',
      `sum(rate(x_total{instance=~"$instance"}[$__rate_interval]))`,
      'target-job-rule',
    ],
    [
      'a missing instance matcher',
      `sum(rate(x_total{job=~"$job"}[$__rate_interval]))`,
      'target-instance-rule',
    ],
    ['a fixed range', `sum(rate(x_total${M}[5m]))`, 'target-rate-interval-rule'],
    ['a counter aggregated before rate', `sum(x_total${M})`, 'target-counter-agg-rule'],
    [
      'buckets outside histogram_quantile',
      `sum by (le) (rate(x_bucket${M}[$__rate_interval]))`,
      'bucket rule',
    ],
    ['invalid PromQL', `sum(rate(x_total${M}[$__rate_interval])`, 'target-promql-rule'],
  ])('%s', (_, expr, rule) => {
    expect(lintDashboard(withExpr(expr)).join('\n')).toContain(rule);
  });

  it('a panel without a unit or the datasource variable', () => {
    const panel = {
      ...base,
      datasource: { type: 'prometheus', uid: 'abc' },
      fieldConfig: { defaults: {} },
    };
    const problems = lintDashboard({ ...seed, panels: [panel] });
    expect(problems.join('\n')).toContain('panel-datasource-rule');
    expect(problems.join('\n')).toContain('panel-units-rule');
  });
});
