import type { AlertModel, QueryModel } from '../model/model.ts';
import { cell, code, row } from './markdown-syntax.ts';

/** The derived queries: what each recording rule computes, as the dashboard overview shows it. */
export function queriesSection(queries: readonly QueryModel[]): string {
  if (queries.length === 0) return '';
  const rows = queries.map((query) =>
    row([cell(query.title), code(query.record), code(cell(query.expr)), cell(query.description)]),
  );
  return [
    '## Derived queries',
    '',
    "Recorded by `generated/prometheus/rules.yml` and shown in the dashboard's overview row.",
    '',
    row(['Query', 'Recording rule', 'Expression', 'Description']),
    row(['---', '---', '---', '---']),
    ...rows,
  ].join('\n');
}

/** One section per alert: its rule and its runbook, where the alert's runbook_url points. */
export function alertsSection(alerts: readonly AlertModel[]): string {
  if (alerts.length === 0) return '';
  const table = [
    row(['Alert', 'Severity', 'For', 'Summary']),
    row(['---', '---', '---', '---']),
    ...alerts.map((alert) =>
      row([
        `[${alert.name}](#${alert.anchor})`,
        alert.severity,
        alert.for ?? '-',
        cell(withLabelNames(alert.summary)),
      ]),
    ),
  ];
  const sections = alerts.map((alert) =>
    [
      `### ${alert.name}`,
      '',
      `**${alert.severity}**, after ${alert.for ?? 'one evaluation'}: ${withLabelNames(alert.description)}`,
      '',
      '```promql',
      alert.expr,
      '```',
      '',
      `**Runbook.** ${alert.runbook}`,
    ].join('\n'),
  );
  return [
    '## Alerts',
    '',
    'Defined in `generated/prometheus/rules.yml`.',
    '',
    ...table,
    '',
    sections.join('\n\n'),
  ].join('\n');
}

/** `{{ $labels.topic }}` reads as `topic`, `{{ $value | … }}` as `value`, where no alert fills them in. */
function withLabelNames(text: string): string {
  return text
    .replace(/\{\{\s*\$labels\.(\w+)\s*\}\}/g, '`$1`')
    .replace(/\{\{\s*\$value[^}]*\}\}/g, '`value`');
}
