import { BURN_RATE_ALERTS, cleanNumber } from '../model/burn-rates.ts';
import type { MetricsModel, SloModel } from '../model/model.ts';
import { SELF_METRICS, selfMetricName } from '../promql/runtime-series.ts';
import { cell, code, row } from './markdown-syntax.ts';

/** The SLOs: what each promises, how its error ratio is computed, and when it pages. */
export function slosSection(model: MetricsModel): string {
  if (model.slos.length === 0) return '';
  const table = [
    row(['SLO', 'Objective', 'Window', 'Error budget', 'Alerts']),
    row(['---', '---', '---', '---', '---']),
    ...model.slos.map((slo) =>
      row([
        `[${cell(slo.title)}](#slo-${slo.name})`,
        `${cleanNumber(slo.objective * 100)}%`,
        slo.window,
        `${cleanNumber(Number(slo.budget) * 100)}% of events`,
        slo.alertNames.map((name) => `[${name}](#${name.toLowerCase()})`).join(', '),
      ]),
    ),
  ];
  const burns = [
    row(['Alert', 'Severity', 'Fires when the error ratio exceeds', 'For']),
    row(['---', '---', '---', '---']),
    ...BURN_RATE_ALERTS.map((burn) =>
      row([
        `…${burn.suffix}`,
        burn.severity,
        burn.windows
          .map((w) => `${w.factor} × budget over both ${w.long} and ${w.short}`)
          .join('; or '),
        burn.for,
      ]),
    ),
  ];
  return [
    '## Service level objectives',
    '',
    'Each SLO is recorded as its error ratio over every window its alerts read',
    `(\`${model.slos[0]?.recordPrefix}<window>{slo="…"}\`), and pages through two`,
    'multiwindow, multi-burn-rate alerts (Google SRE workbook, as Sloth and Pyrra generate them).',
    "The dashboard's Error budgets row shows the budget left and the burn rates.",
    '',
    ...table,
    '',
    ...burns,
    '',
    model.slos.map(sloDetail).join('\n\n'),
  ].join('\n');
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
  const rows = SELF_METRICS.map((series) =>
    row([
      code(selfMetricName(model.namespace, series)),
      series.type,
      Object.entries(series.labels)
        .map(([name, values]) =>
          values === undefined ? code(name) : `${code(name)} (${values.join(', ')})`,
        )
        .join(', '),
      cell(series.help),
    ]),
  );
  return [
    '## Self-metrics',
    '',
    'Exposed by the runtime beside the metrics above, so that what the recording policy drops or',
    "folds is visible: the dashboard's Self-metrics row shows them, and alerts fire when recordings",
    'are dropped or label values overflow.',
    '',
    row(['Series', 'Type', 'Labels', 'Description']),
    row(['---', '---', '---', '---']),
    ...rows,
  ].join('\n');
}
