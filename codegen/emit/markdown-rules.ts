import type { AlertModel, QueryModel } from '../model/model.ts';
import { cell, code, section, table } from './markdown-syntax.ts';

/** The derived queries: what each recording rule computes, as the dashboard overview shows it. */
export function queriesSection(queries: readonly QueryModel[]): string {
  if (queries.length === 0) return '';
  const rows = queries.map((query) => [
    cell(query.title),
    code(query.record),
    code(cell(query.expr)),
    cell(query.description),
  ]);
  return section(
    'Derived queries',
    "Recorded by `generated/prometheus/rules.yml` and shown in the dashboard's overview row.",
    table(['Query', 'Recording rule', 'Expression', 'Description'], rows),
  );
}

/** One section per alert: its rule and its runbook, where the alert's runbook_url points. */
export function alertsSection(alerts: readonly AlertModel[]): string {
  if (alerts.length === 0) return '';
  const rows = alerts.map((alert) => [
    `[${alert.name}](#${alert.anchor})`,
    alert.severity,
    alert.for ?? '-',
    cell(withLabelNames(alert.summary)),
  ]);
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
  return section(
    'Alerts',
    'Defined in `generated/prometheus/rules.yml`.',
    table(['Alert', 'Severity', 'For', 'Summary'], rows),
    ...sections,
  );
}

/** `{{ $labels.topic }}` reads as `topic`, `{{ $value | … }}` as `value`, where no alert fills them in. */
function withLabelNames(text: string): string {
  return text
    .replace(/\{\{\s*\$labels\.(\w+)\s*\}\}/g, '`$1`')
    .replace(/\{\{\s*\$value[^}]*\}\}/g, '`value`');
}
