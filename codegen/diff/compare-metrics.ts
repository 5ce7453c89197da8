import { declaredForms } from '../model/buckets.ts';
import type { MetricModel, ParameterModel } from '../model/model.ts';
import { type Change, change } from './change.ts';
import type { SpecVersion } from './spec-version.ts';

/** Metrics by full name: removed, renamed, added, and what changed in the ones both have. */
export function compareMetrics(base: SpecVersion, head: SpecVersion): Change[] {
  const changes: Change[] = [];
  const headByName = new Map(head.model.metrics.map((metric) => [metric.fullName, metric]));
  const baseNames = new Set(base.model.metrics.map((metric) => metric.fullName));
  const added = head.model.metrics.filter((metric) => !baseNames.has(metric.fullName));
  for (const before of base.model.metrics) {
    const after = headByName.get(before.fullName);
    if (after !== undefined) {
      changes.push(...compareMetric(base, head, before, after));
      continue;
    }
    const renamed = takeRename(before, added);
    const where = {
      base: base.locate('metric', before.fullName),
      head: renamed && head.locate('metric', renamed.fullName),
    };
    const breaks = base.usage.ofMetric(before.fullName);
    if (renamed === undefined) {
      changes.push(change('METRIC_REMOVED', `metric ${before.fullName}`, 'removed', where, breaks));
      continue;
    }
    const message = `renamed to ${renamed.fullName} (exposed as ${renamed.exposedName})`;
    changes.push(change('METRIC_RENAMED', `metric ${before.fullName}`, message, where, breaks));
    changes.push(...compareMetric(base, head, before, renamed));
  }
  for (const metric of added) {
    const where = { head: head.locate('metric', metric.fullName) };
    changes.push(
      change('METRIC_ADDED', `metric ${metric.fullName}`, `added (${metric.type})`, where),
    );
  }
  return changes;
}

/** A removed metric's new name: an added one with its recorder, or its type and help. */
function takeRename(before: MetricModel, added: MetricModel[]): MetricModel | undefined {
  const byRecorder = added.findIndex((metric) => metric.recorderName === before.recorderName);
  const index =
    byRecorder >= 0
      ? byRecorder
      : added.findIndex((metric) => metric.type === before.type && metric.help === before.help);
  if (index < 0) return undefined;
  return added.splice(index, 1)[0];
}

function compareMetric(
  base: SpecVersion,
  head: SpecVersion,
  before: MetricModel,
  after: MetricModel,
): Change[] {
  const changes: Change[] = [];
  const subject = `metric ${before.fullName}`;
  const at = (...below: string[]) => ({
    base: base.locate('metric', before.fullName, ...below),
    head: head.locate('metric', after.fullName, ...below),
  });
  const readers = () => base.usage.ofMetric(before.fullName);
  if (before.type !== after.type) {
    const message = `type ${before.type} → ${after.type} (exposed as ${after.exposedName})`;
    changes.push(change('METRIC_TYPE_CHANGED', subject, message, at('type'), readers()));
  }
  if (before.unit !== after.unit) {
    const message = `unit ${before.unit ?? '(none)'} → ${after.unit ?? '(none)'}`;
    changes.push(change('METRIC_UNIT_CHANGED', subject, message, at('unit'), readers()));
  }
  const beforeLabels = before.labels.map((label) => label.name);
  const afterLabels = after.labels.map((label) => label.name);
  for (const label of afterLabels.filter((name) => !beforeLabels.includes(name))) {
    const message = `label ${label} added: every series splits by it`;
    changes.push(change('METRIC_LABEL_ADDED', subject, message, at('labels'), readers()));
  }
  for (const label of beforeLabels.filter((name) => !afterLabels.includes(name))) {
    const breaks = base.usage.ofLabel(before.fullName, label);
    const message = `label ${label} removed`;
    changes.push(change('METRIC_LABEL_REMOVED', subject, message, at('labels'), breaks));
  }
  if (before.type === 'histogram' && after.type === 'histogram') {
    const difference = bucketDifference(base, head, before, after);
    if (difference !== undefined) {
      changes.push(change('METRIC_BUCKETS_CHANGED', subject, difference, at('buckets'), readers()));
    }
  }
  if (before.recorderName !== after.recorderName) {
    const message = `recorder ${before.recorderName}() → ${after.recorderName}()`;
    changes.push(change('RECORDER_RENAMED', subject, message, at('recorder')));
  }
  const labelsChanged = beforeLabels.join() !== afterLabels.join();
  const signature = [signatureOf(before.parameters), signatureOf(after.parameters)];
  const callable = callShape(before.parameters) === callShape(after.parameters);
  if (before.type === after.type && !labelsChanged && !callable) {
    const message = `${after.recorderName}${signature[0]} → ${after.recorderName}${signature[1]}`;
    changes.push(change('RECORDER_PARAMETERS_CHANGED', subject, message, at('labels')));
  }
  if (before.help !== after.help) {
    changes.push(change('DOCS_CHANGED', subject, 'help changed', at('help')));
  }
  return changes;
}

/** What callers see of parameters: their types, order and optionality (names do not matter). */
export function signatureOf(parameters: readonly ParameterModel[]): string {
  const shown = parameters.map(
    (p) => `${p.name}${p.defaultValue === undefined ? '' : '?'}: ${p.tsType}`,
  );
  return `(${shown.join(', ')})`;
}

/** Positional callers break when this differs. */
export function callShape(parameters: readonly ParameterModel[]): string {
  return parameters.map((p) => `${p.tsType}${p.defaultValue === undefined ? '' : '?'}`).join(',');
}

function bucketDifference(
  base: SpecVersion,
  head: SpecVersion,
  before: MetricModel,
  after: MetricModel,
): string | undefined {
  const a = before.bucketLayout?.bounds ?? [];
  const b = after.bucketLayout?.bounds ?? [];
  const formOf = (version: SpecVersion, metric: MetricModel) => {
    const layout = version.spec.buckets?.[metric.bucketLayout?.name ?? ''];
    return layout === undefined ? 'none' : (declaredForms(layout)[0] ?? 'none');
  };
  const forms = [formOf(base, before), formOf(head, after)];
  const parts: string[] = [];
  if (a.length !== b.length) parts.push(`count ${a.length} → ${b.length}`);
  if (a.join() !== b.join()) parts.push(`bounds ${range(a)} → ${range(b)}`);
  if (forms[0] !== forms[1]) parts.push(`form ${forms[0]} → ${forms[1]}`);
  return parts.length === 0 ? undefined : `buckets changed: ${parts.join(', ')}`;
}

function range(bounds: readonly number[]): string {
  if (bounds.length <= 4) return `[${bounds.join(', ')}]`;
  return `[${bounds[0]}, ${bounds[1]}, …, ${bounds.at(-1)}]`;
}
