import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/cli.ts';
import { diagnosticsOf, replaceOnce } from './support/spec-text.ts';

/**
 * The three classic mistakes, made in the real spec where queries, alerts and rule tests use
 * the metric: each is reported once, where it was made, and its consequences are not reported
 * as problems of their own.
 */
const SPEC = readFileSync(`${PROJECT_ROOT}/metrics.yaml`, 'utf8');

/** The spec with the first `from`, which must occur, replaced by `to`. */
function edited(from: string, to: string): string {
  if (!SPEC.includes(from)) throw new Error(`metrics.yaml has no ${from}`);
  return SPEC.replace(from, to);
}

function problemsOf(text: string): string[] {
  return diagnosticsOf(text).map((d) => `${d.path}: ${d.message}`);
}

describe('a mistake in a metric used elsewhere', () => {
  it.each([
    [
      'a counter declared with _total: one error, no "_total_total" suggestions',
      '      - name: events_processed\n',
      '      - name: events_processed_total\n',
      'groups[0].metrics[1].name: "processor_events_processed_total" ends in "_total"; declare counters without it (it is added on exposure)',
    ],
    [
      'a misspelt label: one "did you mean", no claims that the metric has it',
      '        labels: [result]\n',
      '        labels: [reslt]\n',
      'groups[0].metrics[1].labels[0]: undefined label "reslt" (did you mean "result"?); define it under "labels"',
    ],
    [
      'bounds written inline: where layouts go, with one to copy, and no unknown series',
      '        buckets: duration\n        recorder: recordEventProcessingDuration\n',
      '        buckets: [0.01, 0.1, 1]\n        recorder: recordEventProcessingDuration\n',
      'groups[0].metrics[2].buckets: expected the name of a layout under the top-level "buckets:" (declared: duration, window_size), found a list of 3 items; declare one there, as buckets: { my_layout: { values: [0.01, 0.1, 1] } }, and write buckets: my_layout here',
    ],
  ])('%s', (_, from, to, problem) => {
    expect(problemsOf(edited(from, to))).toEqual([problem]);
  });

  it('a use that is wrong on its own is still reported next to the broken declaration', () => {
    const text = replaceOnce(
      edited('        labels: [result]\n', '        labels: [reslt]\n'),
      'sum by (job, instance) (rate(processor_events_received_total[5m])) > 0',
      'sum by (job, instance) (rate(processor_events_recieved_total[5m])) > 0',
    );
    const problems = problemsOf(text);
    expect(problems[0]).toMatch(/^groups\[0\]\.metrics\[1\]\.labels\[0\]: undefined label "reslt"/);
    expect(problems.slice(1)).toContainEqual(
      expect.stringMatching(
        /unknown series "processor_events_recieved_total" \(did you mean "processor_events_received_total"\?\)$/,
      ),
    );
  });

  it('a metric that is malformed otherwise leaves its uses unreported', () => {
    const text = edited(
      '        help: Events processed, by result.\n',
      '        help: Events processed, by result.\n        colour: blue\n',
    );
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^groups\[0\]\.metrics\[1\]\.colour: unknown key "colour"/),
    ]);
  });
});
