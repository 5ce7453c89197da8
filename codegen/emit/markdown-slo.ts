import { BURN_RATE_ALERTS, cleanNumber } from '../model/burn-rates.ts';
import type { MetricsModel, SloModel } from '../model/model.ts';
import { SELF_METRICS, selfMetricName } from '../promql/runtime-series.ts';
import { cell, code, section, table } from './markdown-syntax.ts';

/** The SLOs: what each promises, how its error ratio is computed, and when it pages. */
export function slosSection(model: MetricsModel): string {
  if (model.slos.length === 0) return '';
  const slos = model.slos.map((slo) => [
    `[${cell(slo.title)}](#slo-${slo.name})`,
    `${cleanNumber(slo.objective * 100)}%`,
    slo.window,
    `${cleanNumber(Number(slo.budget) * 100)}% of events`,
    slo.alertNames.map((name) => `[${name}](#${name.toLowerCase()})`).join(', '),
  ]);
  const burns = BURN_RATE_ALERTS.map((burn) => [
    `…${burn.suffix}`,
    burn.severity,
    burn.windows
      .map((w) => `${w.factor} × budget over both ${w.long} and ${w.short}`)
      .join('; or '),
    burn.for,
  ]);
  const intro = [
    'Each SLO is recorded as its error ratio over every window its alerts read',
    `(\`${model.slos[0]?.recordPrefix}<window>{slo="…"}\`), and pages through two`,
    'multiwindow, multi-burn-rate alerts (Google SRE workbook, as Sloth and Pyrra generate them).',
    "The dashboard's Error budgets row shows the budget left and the burn rates.",
  ];
  return section(
    'Service level objectives',
    intro.join('\n'),
    table(['SLO', 'Objective', 'Window', 'Error budget', 'Alerts'], slos),
    table(['Alert', 'Severity', 'Fires when the error ratio exceeds', 'For'], burns),
    ...model.slos.map(sloDetail),
  );
}

function sloDetail(slo: SloModel): string {
  return [
    `### <a id="slo-${slo.name}"></a>${slo.title}`,
    '',
    `${slo.description} Objective ${cleanNumber(slo.objective * 100)}% over ${slo.window}; error ratio over a window:`,
    '',
    '```promql',
    slo.errorRatio.replaceAll('WINDOW', '<window>'),
    '```',
  ].join('\n');
}

/** The series the runtime adds to every metric set, which the recording policy counts into. */
export function selfMetricsSection(model: MetricsModel): string {
  const rows = SELF_METRICS.map((series) => [
    code(selfMetricName(model.namespace, series)),
    series.type,
    Object.entries(series.labels)
      .map(([name, values]) =>
        values === undefined ? code(name) : `${code(name)} (${values.join(', ')})`,
      )
      .join(', '),
    cell(series.help),
  ]);
  const intro = [
    'Exposed by the runtime beside the metrics above, so that what the recording policy drops or',
    "folds is visible: the dashboard's Self-metrics row shows them, and alerts fire when recordings",
    'are dropped or label values overflow.',
  ];
  return section(
    'Self-metrics',
    intro.join('\n'),
    table(['Series', 'Type', 'Labels', 'Description'], rows),
  );
}
