/**
 * The classification rules of `metrics-kit diff`, in the manner of `buf breaking`: each has a
 * stable id, a level and one line saying what it detects. Breaking changes fail the command.
 */
export const DIFF_RULES = {
  METRIC_REMOVED: breaking('A metric was removed.'),
  METRIC_RENAMED: breaking(
    'A metric was renamed (same recorder, or same type and help, under a new name).',
  ),
  METRIC_TYPE_CHANGED: breaking("A metric's type changed."),
  METRIC_UNIT_CHANGED: breaking("A metric's unit changed, or was added or dropped."),
  METRIC_LABEL_ADDED: breaking('A label was added to a metric.'),
  METRIC_LABEL_REMOVED: breaking('A label was removed from a metric.'),
  METRIC_BUCKETS_CHANGED: breaking(
    "A histogram's bucket layout changed: its bounds, their count or its form.",
  ),
  LABEL_VALUE_REMOVED: breaking('A value was removed from an enum label.'),
  LABEL_KIND_CHANGED: breaking('A label changed between enum and free-form.'),
  LABEL_LIMIT_LOWERED: breaking("A free-form label's max_values was lowered."),
  RECORDER_RENAMED: breaking("A metric's recorder was renamed."),
  RECORDER_PARAMETERS_CHANGED: breaking(
    "A recorder's parameters changed in number, order, type or optionality.",
  ),
  RECORDER_REMOVED: breaking('A composite recorder was removed or renamed.'),
  RECORDING_RULE_REMOVED: breaking('A recording rule (query) was removed.'),
  RECORDING_RULE_RENAMED: breaking(
    'A recording rule was renamed (same expression or title, new record name).',
  ),
  ALERT_REMOVED: breaking('An alert was removed (or renamed).'),
  METRIC_ADDED: compatible('A metric was added.'),
  LABEL_VALUE_ADDED: compatible('A value was added to an enum label.'),
  LABEL_LIMIT_RAISED: compatible("A free-form label's max_values was raised."),
  RECORDER_ADDED: compatible('A composite recorder was added.'),
  RECORDING_RULE_ADDED: compatible('A recording rule (query) was added.'),
  RECORDING_RULE_CHANGED: compatible(
    "A recording rule's expression changed; its name, which readers use, did not.",
  ),
  ALERT_ADDED: compatible('An alert was added.'),
  ALERT_CHANGED: compatible(
    "An alert's expression, duration or severity changed; its name did not.",
  ),
  DOCS_CHANGED: compatible('A help, description, summary, runbook or title changed.'),
} satisfies Record<string, DiffRule>;

export type ChangeLevel = 'breaking' | 'compatible';

export interface DiffRule {
  readonly level: ChangeLevel;
  /** One line: what the rule detects. */
  readonly description: string;
}

export type DiffRuleId = keyof typeof DIFF_RULES;

export function levelOf(rule: DiffRuleId): ChangeLevel {
  return DIFF_RULES[rule].level;
}

function breaking(description: string): DiffRule {
  return { level: 'breaking', description };
}

function compatible(description: string): DiffRule {
  return { level: 'compatible', description };
}
