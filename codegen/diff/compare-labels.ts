import type { LabelModel } from '../model/model.ts';
import { type Change, change } from './change.ts';
import type { SpecVersion } from './spec-version.ts';
import { type Consumers, mergeConsumers, NO_CONSUMERS } from './usage.ts';

/**
 * Label definitions both versions have: kind, enum values and free-form limits. A label added
 * to or dropped from a metric is the metric's change; a definition nothing uses still counts,
 * because its values are the recorders' parameter types.
 */
export function compareLabels(base: SpecVersion, head: SpecVersion): Change[] {
  const changes: Change[] = [];
  const headLabels = new Map(head.model.labels.map((label) => [label.name, label]));
  for (const before of base.model.labels) {
    const after = headLabels.get(before.name);
    if (after === undefined) continue;
    const subject = `label ${before.name}`;
    const where = {
      base: base.atKey(['labels'], before.name),
      head: head.atKey(['labels'], after.name),
    };
    const readers = (of: (metric: string) => Consumers) =>
      usersOf(base, before.name).map(of).reduce(mergeConsumers, NO_CONSUMERS);
    if (before.kind !== after.kind) {
      const message = `${kindOf(before)} → ${kindOf(after)}`;
      const breaks = readers((metric) => base.usage.ofLabel(metric, before.name));
      changes.push(change('LABEL_KIND_CHANGED', subject, message, where, breaks));
      continue;
    }
    const afterValues = new Set(after.values.map((value) => value.value));
    before.values.forEach((value, index) => {
      if (afterValues.has(value.value)) return;
      const breaks = readers((metric) => base.usage.ofLabelValue(metric, before.name, value.value));
      const at = {
        base: base.at(['labels', before.name, 'values', index]),
        head: head.at(['labels', after.name, 'values']),
      };
      changes.push(
        change('LABEL_VALUE_REMOVED', subject, `value "${value.value}" removed`, at, breaks),
      );
    });
    const beforeValues = new Set(before.values.map((value) => value.value));
    after.values.forEach((value, index) => {
      if (beforeValues.has(value.value)) return;
      const at = { base: where.base, head: head.at(['labels', after.name, 'values', index]) };
      changes.push(change('LABEL_VALUE_ADDED', subject, `value "${value.value}" added`, at));
    });
    const limits = [before.maxValues ?? 0, after.maxValues ?? 0] as const;
    if (limits[1] < limits[0]) {
      const message = `max_values ${limits[0]} → ${limits[1]}: values past ${limits[1]} fold into __overflow__`;
      const breaks = readers((metric) => base.usage.ofLabel(metric, before.name));
      changes.push(change('LABEL_LIMIT_LOWERED', subject, message, where, breaks));
    } else if (limits[1] > limits[0]) {
      const message = `max_values ${limits[0]} → ${limits[1]}`;
      changes.push(change('LABEL_LIMIT_RAISED', subject, message, where));
    }
    if (before.description !== after.description) {
      changes.push(change('DOCS_CHANGED', subject, 'description changed', where));
    }
  }
  return changes;
}

function usersOf(version: SpecVersion, label: string): string[] {
  return version.model.metrics
    .filter((metric) => metric.labels.some((one) => one.name === label))
    .map((metric) => metric.fullName);
}

function kindOf(label: LabelModel): string {
  return label.kind === 'enum' ? 'enum' : `free-form (max_values ${label.maxValues})`;
}
