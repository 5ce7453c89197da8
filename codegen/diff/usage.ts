import { metricPanels } from '../emit/grafana-metric-panels.ts';
import type { MetricsModel } from '../model/model.ts';
import { exposedSeries } from '../promql/series-names.ts';
import { type Matcher, parsePromql } from '../promql/syntax.ts';

/** What uses a part of the spec: the dashboard panels, recording rules and alerts over it. */
export interface Consumers {
  readonly panels: readonly string[];
  readonly rules: readonly string[];
  readonly alerts: readonly string[];
}

export const NO_CONSUMERS: Consumers = { panels: [], rules: [], alerts: [] };

/** A selector of a spec metric in one expression, as the PromQL parser read it. */
interface MetricUse {
  readonly metric: string;
  readonly matchers: readonly Matcher[];
}

/** One expression that reads metrics: a recording rule, an alert, or a dashboard panel. */
interface Reader {
  readonly kind: 'rule' | 'alert' | 'panel';
  readonly name: string;
  readonly uses: readonly MetricUse[];
  readonly groupingLabels: ReadonlySet<string>;
  /** Recording rules it reads. */
  readonly records: ReadonlySet<string>;
  /** For a metric's own panels, which split by every label of it: the metric. */
  readonly panelOf: string | undefined;
}

/** What a change touches, asked of each use of a metric. */
export type UsePredicate = (use: MetricUse, reader: Reader) => boolean;

/**
 * Who reads what in one version of the spec, from the PromQL of its recording rules, alerts and
 * dashboard panels (parsed with Prometheus's grammar, as the validator does). A reader of a
 * recording rule is affected by whatever affects the rule.
 */
export class UsageIndex {
  private readonly readers: Reader[] = [];

  constructor(model: MetricsModel) {
    const seriesOwner = new Map<string, string>();
    for (const metric of model.metrics) {
      const kind = metric.bucketLayout?.kind;
      for (const series of exposedSeries(metric.fullName, metric.type, kind)) {
        seriesOwner.set(series.name, metric.fullName);
      }
    }
    const records = new Set(model.queries.map((query) => query.record));
    const read = (
      kind: Reader['kind'],
      name: string,
      exprs: readonly string[],
      panelOf?: string,
    ) => {
      const uses: MetricUse[] = [];
      const grouping = new Set<string>();
      const recordsRead = new Set<string>();
      for (const expr of exprs) {
        const syntax = parsePromql(expr);
        for (const label of syntax.groupingLabels) grouping.add(label.name);
        for (const selector of syntax.selectors) {
          const series = selector.metric?.name;
          if (series === undefined) continue;
          const owner = seriesOwner.get(series);
          if (owner !== undefined) uses.push({ metric: owner, matchers: selector.matchers });
          if (records.has(series)) recordsRead.add(series);
        }
      }
      this.readers.push({
        kind,
        name,
        uses,
        groupingLabels: grouping,
        records: recordsRead,
        panelOf,
      });
    };
    for (const query of model.queries) read('rule', query.record, [query.expr]);
    for (const alert of model.alerts) read('alert', alert.name, [alert.expr]);
    for (const query of model.queries) {
      read('panel', `Overview / ${query.title}`, [query.expr]);
    }
    for (const group of model.groups) {
      for (const metric of group.metrics) {
        for (const panel of metricPanels(metric)) {
          const exprs = (panel.targets ?? []).map((target) => String(target.expr ?? ''));
          read('panel', `${group.title} / ${panel.title}`, exprs, metric.fullName);
        }
      }
    }
  }

  /** Readers with a use matching `predicate`, and then every reader of an affected rule. */
  consumersWhere(predicate: UsePredicate): Consumers {
    return this.affected((reader) => reader.uses.some((use) => predicate(use, reader)));
  }

  /** Readers of a recording rule, and its own overview panel. */
  ofRecord(record: string, panelTitle: string): Consumers {
    return this.affected(
      (reader) => reader.records.has(record) || reader.name === `Overview / ${panelTitle}`,
    );
  }

  private affected(test: (reader: Reader) => boolean): Consumers {
    const affected = new Set(this.readers.filter(test));
    for (let grew = true; grew; ) {
      grew = false;
      const rules = new Set([...affected].filter((r) => r.kind === 'rule').map((r) => r.name));
      for (const reader of this.readers) {
        if (affected.has(reader)) continue;
        if ([...reader.records].some((record) => rules.has(record))) {
          affected.add(reader);
          grew = true;
        }
      }
    }
    const names = (kind: Reader['kind']) =>
      [...affected].filter((reader) => reader.kind === kind).map((reader) => reader.name);
    return { panels: names('panel'), rules: names('rule'), alerts: names('alert') };
  }

  /** Everything reading the metric. */
  ofMetric(fullName: string): Consumers {
    return this.consumersWhere((use) => use.metric === fullName);
  }

  /** Everything reading the metric that filters or groups by the label. */
  ofLabel(fullName: string, label: string): Consumers {
    return this.consumersWhere(
      (use, reader) =>
        use.metric === fullName &&
        (reader.groupingLabels.has(label) ||
          reader.panelOf === fullName ||
          use.matchers.some((matcher) => matcher.label.name === label)),
    );
  }

  /** Everything reading the metric that selects the label's value (by equality or regex). */
  ofLabelValue(fullName: string, label: string, value: string): Consumers {
    return this.consumersWhere(
      (use, reader) =>
        use.metric === fullName &&
        (reader.panelOf === fullName ||
          use.matchers.some((matcher) => matcher.label.name === label && selects(matcher, value))),
    );
  }
}

function selects(matcher: Matcher, value: string): boolean {
  if (matcher.operator === '=' || matcher.operator === '!=') return matcher.value === value;
  try {
    return new RegExp(`^(?:${matcher.value})$`).test(value);
  } catch {
    return true;
  }
}

/** Both lists, without repeats, in first-seen order. */
export function mergeConsumers(a: Consumers, b: Consumers): Consumers {
  const merge = (x: readonly string[], y: readonly string[]) => [...new Set([...x, ...y])];
  return {
    panels: merge(a.panels, b.panels),
    rules: merge(a.rules, b.rules),
    alerts: merge(a.alerts, b.alerts),
  };
}
