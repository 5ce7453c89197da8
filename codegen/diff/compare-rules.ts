import type { AlertModel, CompositeModel, QueryModel } from '../model/model.ts';
import { type Change, change } from './change.ts';
import { callShape, signatureOf } from './compare-metrics.ts';
import type { SpecVersion } from './spec-version.ts';

/** Composite recorders, recording rules, alerts and group titles. */
export function compareRules(base: SpecVersion, head: SpecVersion): Change[] {
  return [
    ...compareComposites(base, head),
    ...compareQueries(base, head),
    ...compareAlerts(base, head),
    ...compareGroups(base, head),
  ];
}

function compareComposites(base: SpecVersion, head: SpecVersion): Change[] {
  const changes: Change[] = [];
  const all = (version: SpecVersion) => version.model.groups.flatMap((group) => group.composites);
  const headByName = new Map(all(head).map((composite) => [composite.name, composite]));
  const baseNames = new Set(all(base).map((composite) => composite.name));
  for (const before of all(base)) {
    const subject = `recorder ${before.name}()`;
    const after = headByName.get(before.name);
    const where = {
      base: base.locate('composite', before.name),
      head: head.locate('composite', before.name),
    };
    if (after === undefined) {
      changes.push(change('RECORDER_REMOVED', subject, 'removed', where));
      continue;
    }
    if (callShape(before.parameters) !== callShape(after.parameters)) {
      const message = `${signatureOf(before.parameters)} → ${signatureOf(after.parameters)}`;
      changes.push(change('RECORDER_PARAMETERS_CHANGED', subject, message, where));
    }
    if (before.help !== after.help)
      changes.push(change('DOCS_CHANGED', subject, 'help changed', where));
  }
  for (const composite of all(head).filter((one: CompositeModel) => !baseNames.has(one.name))) {
    const where = { head: head.locate('composite', composite.name) };
    changes.push(change('RECORDER_ADDED', `recorder ${composite.name}()`, 'added', where));
  }
  return changes;
}

/**
 * A recording rule's identity: its name, and for an SLO's rules the SLO too, since every SLO
 * records the same names told apart by an `slo` label.
 */
function ruleKey(query: QueryModel): string {
  return query.slo === undefined ? query.record : `${query.record}{slo="${query.slo}"}`;
}

function compareQueries(base: SpecVersion, head: SpecVersion): Change[] {
  const changes: Change[] = [];
  const headByRecord = new Map(head.model.queries.map((query) => [ruleKey(query), query]));
  const baseRecords = new Set(base.model.queries.map(ruleKey));
  const added = head.model.queries.filter((query) => !baseRecords.has(ruleKey(query)));
  for (const before of base.model.queries) {
    const subject = `recording rule ${ruleKey(before)}`;
    const after = headByRecord.get(ruleKey(before));
    const breaks = base.usage.ofRecord(before.record, before.title);
    if (after === undefined) {
      const index = added.findIndex(
        (query: QueryModel) => query.expr === before.expr || query.title === before.title,
      );
      const renamed = index < 0 ? undefined : added.splice(index, 1)[0];
      const where = {
        base: base.locate('query', before.record),
        head: renamed && head.locate('query', renamed.record),
      };
      if (renamed === undefined) {
        changes.push(change('RECORDING_RULE_REMOVED', subject, 'removed', where, breaks));
      } else {
        const message = `renamed to ${renamed.record}`;
        changes.push(change('RECORDING_RULE_RENAMED', subject, message, where, breaks));
      }
      continue;
    }
    const at = (key: string) => ({
      base: base.locate('query', before.record, key),
      head: head.locate('query', after.record, key),
    });
    if (before.expr !== after.expr) {
      changes.push(
        change('RECORDING_RULE_CHANGED', subject, 'expression changed', at('expr'), breaks),
      );
    }
    if (before.title !== after.title || before.description !== after.description) {
      changes.push(change('DOCS_CHANGED', subject, 'title or description changed', at('title')));
    }
  }
  for (const query of added) {
    const where = { head: head.locate('query', query.record) };
    changes.push(change('RECORDING_RULE_ADDED', `recording rule ${query.record}`, 'added', where));
  }
  return changes;
}

function compareAlerts(base: SpecVersion, head: SpecVersion): Change[] {
  const changes: Change[] = [];
  const headByName = new Map(head.model.alerts.map((alert) => [alert.name, alert]));
  const baseNames = new Set(base.model.alerts.map((alert) => alert.name));
  for (const before of base.model.alerts) {
    const subject = `alert ${before.name}`;
    const after = headByName.get(before.name);
    const where = {
      base: base.locate('alert', before.name),
      head: head.locate('alert', before.name),
    };
    if (after === undefined) {
      const message = `removed: Alertmanager routes, inhibitions and silences on alertname="${before.name}" match nothing`;
      changes.push(change('ALERT_REMOVED', subject, message, where));
      continue;
    }
    const changed = (['expr', 'for', 'severity'] as const).filter(
      (key) => before[key] !== after[key],
    );
    if (changed.length > 0) {
      changes.push(change('ALERT_CHANGED', subject, `${changed.join(', ')} changed`, where));
    }
    const docs = (alert: AlertModel) =>
      [alert.summary, alert.description, alert.runbook].join('\n');
    if (docs(before) !== docs(after)) {
      changes.push(
        change('DOCS_CHANGED', subject, 'summary, description or runbook changed', where),
      );
    }
  }
  for (const alert of head.model.alerts.filter((one) => !baseNames.has(one.name))) {
    const where = { head: head.locate('alert', alert.name) };
    changes.push(change('ALERT_ADDED', `alert ${alert.name}`, `added (${alert.severity})`, where));
  }
  return changes;
}

function compareGroups(base: SpecVersion, head: SpecVersion): Change[] {
  const headById = new Map(head.model.groups.map((group) => [group.id, group]));
  return base.model.groups.flatMap((before) => {
    const after = headById.get(before.id);
    if (after === undefined) return [];
    if (before.title === after.title && before.description === after.description) return [];
    const where = { base: base.locate('group', before.id), head: head.locate('group', after.id) };
    return [change('DOCS_CHANGED', `group ${before.id}`, 'title or description changed', where)];
  });
}
