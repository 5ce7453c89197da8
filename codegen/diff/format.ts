import type { Change } from './change.ts';
import type { SpecDiff } from './compare.ts';
import { DIFF_RULES } from './rules.ts';
import type { SpecLocation } from './spec-version.ts';
import type { Consumers } from './usage.ts';

export type DiffFormat = 'text' | 'markdown' | 'json';

export function formatDiff(diff: SpecDiff, format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  if (format === 'markdown') return markdown(diff);
  return text(diff);
}

function where(location: SpecLocation | undefined): string {
  return location === undefined ? '-' : `${location.file}:${location.line}`;
}

function breaksList(breaks: Consumers): string[] {
  return [
    ...breaks.panels.map((panel) => `panel "${panel}"`),
    ...breaks.rules.map((rule) => `recording rule ${rule}`),
    ...breaks.alerts.map((alert) => `alert ${alert}`),
  ];
}

function summary(diff: SpecDiff): string {
  const noun = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (diff.changes.length === 0) return `no changes from ${diff.base} to ${diff.head}`;
  return `${noun(diff.breaking, 'breaking change')}, ${noun(diff.compatible, 'compatible change')} from ${diff.base} to ${diff.head}`;
}

function text(diff: SpecDiff): string {
  const lines: string[] = [];
  for (const change of diff.changes) {
    lines.push(`${change.level.padEnd(10)} ${change.rule}  ${change.subject}: ${change.message}`);
    lines.push(`           base ${where(change.base)}, head ${where(change.head)}`);
    const breaks = breaksList(change.breaks);
    if (breaks.length > 0) lines.push(`           affects ${breaks.join('; ')}`);
  }
  lines.push(summary(diff));
  return `${lines.join('\n')}\n`;
}

/** Fits a pull-request comment: a heading with the verdict, a table, the rules used. */
function markdown(diff: SpecDiff): string {
  const verdict = diff.breaking > 0 ? '❌' : '✅';
  // Underscores escaped: `__overflow__` would otherwise turn bold.
  const cell = (value: string) =>
    value.replace(/\|/g, '\\|').replace(/_/g, '\\_').replace(/\n/g, ' ');
  const rows = diff.changes.map((change: Change) => {
    const breaks = breaksList(change.breaks);
    return `| ${change.level === 'breaking' ? '**breaking**' : 'compatible'} | \`${change.rule}\` | ${cell(change.subject)}: ${cell(change.message)} | ${where(change.base)} | ${where(change.head)} | ${breaks.length === 0 ? '-' : cell(breaks.join('<br>'))} |`;
  });
  const used = [...new Set(diff.changes.map((change) => change.rule))];
  const lines = [`### ${verdict} metrics spec: ${summary(diff)}`];
  if (rows.length > 0) {
    lines.push(
      '',
      '| Level | Rule | Change | Base | Head | Affects |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      '<details><summary>Rules</summary>',
      '',
      ...used.map((rule) => `- \`${rule}\`: ${DIFF_RULES[rule].description}`),
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}
