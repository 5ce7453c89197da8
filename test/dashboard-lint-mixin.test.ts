import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/cli.ts';
import { type DashboardJson, lintDashboard, type PanelJson } from './support/dashboard-lint.ts';

/** Each mixin-style rule passes the generated dashboard and catches one broken on purpose. */
const seed: DashboardJson = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'generated/grafana/dashboard.json'), 'utf8'),
);
const panelsOf = (dashboard: DashboardJson): PanelJson[] =>
  dashboard.panels.filter((panel) => panel.type !== 'row');

describe('the mixin-style rules catch', () => {
  const panels = panelsOf(seed);
  const stat = panels.find((panel) => panel.type === 'stat') as PanelJson;
  const drain = panels.find((panel) => panel.title?.startsWith('Time to drain')) as PanelJson;
  const rules = (dashboard: DashboardJson) => lintDashboard(dashboard).join('\n');
  const withPanels = (...changed: PanelJson[]): DashboardJson => ({
    ...seed,
    panels: [seed.panels[0] as PanelJson, ...changed],
  });

  it.each<[string, () => DashboardJson, string]>([
    ['a dashboard without tags', () => ({ ...seed, tags: [] }), 'dashboard-tags-rule'],
    [
      'a dashboard without alert annotations',
      () => ({ ...seed, annotations: { list: [] } }),
      'alert-annotation-rule',
    ],
    [
      'two panels with one title',
      () => withPanels(stat, { ...drain, id: 99, title: stat.title ?? '' }),
      'panel-title-unique-rule',
    ],
    [
      'two panels with one query',
      () => withPanels(stat, { ...stat, id: 99, title: 'Another title' }),
      'panel-query-unique-rule',
    ],
    [
      'a stat without thresholds',
      () => withPanels({ ...stat, fieldConfig: { defaults: { unit: 'percentunit' } } }),
      'stat-thresholds-rule',
    ],
    [
      'a stat without a runbook link',
      () => withPanels({ ...stat, links: [] }),
      'stat-runbook-link-rule',
    ],
    [
      'a ratio titled a rate',
      () => withPanels({ ...stat, title: 'Success rate' }),
      'ratio-title-rule',
    ],
    [
      'an acronym in lower case',
      () => withPanels({ ...drain, title: 'Http requests per second' }),
      'title-acronym-rule',
    ],
    [
      'a per-instance query whose legend hides the instance',
      () =>
        withPanels({
          ...drain,
          targets: (drain.targets ?? []).map((t) => ({ ...t, legendFormat: '{{topic}}' })),
        }),
      'legend-instance-rule',
    ],
    [
      'an overview panel that recomputes a recording rule',
      () =>
        withPanels({
          ...stat,
          targets: [
            {
              expr: 'sum by (job) (rate(processor_events_processed_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))',
            },
          ],
        }),
      'overview-recorded-rule',
    ],
  ])('%s', (_, broken, rule) => {
    expect(rules(seed)).not.toContain(rule);
    expect(rules(broken())).toContain(rule);
  });
});
