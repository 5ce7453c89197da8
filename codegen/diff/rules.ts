/**
 * The classification rules of `metrics-kit diff`, in the manner of `buf breaking`: each has a
 * stable id, a level and one line saying what it detects. Breaking changes fail the command.
 */
export const DIFF_RULES = {
  METRIC_REMOVED: { level: 'breaking', description: 'A metric was removed.' },
  METRIC_RENAMED: {
    level: 'breaking',
    description: 'A metric was renamed (same recorder, or same type and help, under a new name).',
  },
  METRIC_TYPE_CHANGED: { level: 'breaking', description: "A metric's type changed." },
  METRIC_UNIT_CHANGED: {
    level: 'breaking',
    description: "A metric's unit changed, or was added or dropped.",
  },
  METRIC_LABEL_ADDED: { level: 'breaking', description: 'A label was added to a metric.' },
  METRIC_LABEL_REMOVED: { level: 'breaking', description: 'A label was removed from a metric.' },
  METRIC_BUCKETS_CHANGED: {
    level: 'breaking',
    description: "A histogram's bucket layout changed: its bounds, their count or its form.",
  },
  LABEL_VALUE_REMOVED: {
    level: 'breaking',
    description: 'A value was removed from an enum label.',
  },
  LABEL_KIND_CHANGED: {
    level: 'breaking',
    description: 'A label changed between enum and free-form.',
  },
  LABEL_LIMIT_LOWERED: {
    level: 'breaking',
    description: "A free-form label's max_values was lowered.",
  },
  RECORDER_RENAMED: { level: 'breaking', description: "A metric's recorder was renamed." },
  RECORDER_PARAMETERS_CHANGED: {
    level: 'breaking',
    description: "A recorder's parameters changed in number, order, type or optionality.",
  },
  RECORDER_REMOVED: {
    level: 'breaking',
    description: 'A composite recorder was removed or renamed.',
  },
  RECORDING_RULE_REMOVED: {
    level: 'breaking',
    description: 'A recording rule (query) was removed.',
  },
  RECORDING_RULE_RENAMED: {
    level: 'breaking',
    description: 'A recording rule was renamed (same expression or title, new record name).',
  },
  ALERT_REMOVED: { level: 'breaking', description: 'An alert was removed (or renamed).' },
  METRIC_ADDED: { level: 'compatible', description: 'A metric was added.' },
  LABEL_VALUE_ADDED: { level: 'compatible', description: 'A value was added to an enum label.' },
  LABEL_LIMIT_RAISED: {
    level: 'compatible',
    description: "A free-form label's max_values was raised.",
  },
  RECORDER_ADDED: { level: 'compatible', description: 'A composite recorder was added.' },
  RECORDING_RULE_ADDED: { level: 'compatible', description: 'A recording rule (query) was added.' },
  RECORDING_RULE_CHANGED: {
    level: 'compatible',
    description: "A recording rule's expression changed; its name, which readers use, did not.",
  },
  ALERT_ADDED: { level: 'compatible', description: 'An alert was added.' },
  ALERT_CHANGED: {
    level: 'compatible',
    description: "An alert's expression, duration or severity changed; its name did not.",
  },
  DOCS_CHANGED: {
    level: 'compatible',
    description: 'A help, description, summary, runbook or title changed.',
  },
} as const satisfies Record<string, { level: ChangeLevel; description: string }>;

export type ChangeLevel = 'breaking' | 'compatible';
export type DiffRuleId = keyof typeof DIFF_RULES;

export function levelOf(rule: DiffRuleId): ChangeLevel {
  return DIFF_RULES[rule].level;
}
