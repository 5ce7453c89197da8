import type {
  BucketLayoutModel,
  GroupModel,
  LabelModel,
  MetricModel,
  MetricsModel,
} from '../model/model.ts';
import { formatCount } from '../model/series-budget.ts';
import { type GeneratedFile, generatedNotice } from './generated-file.ts';
import { NATIVE_NOTE, nativeResolutionText } from './markdown-native.ts';
import { alertsSection, queriesSection } from './markdown-rules.ts';
import { selfMetricsSection, slosSection } from './markdown-slo.ts';
import { cell, code, section, table } from './markdown-syntax.ts';
import { countOf } from './plural.ts';
import { compositeParameters } from './typescript-native.ts';

export const MARKDOWN_FILE = 'METRICS.md';

/** The metrics reference: one table per group, then the labels and bucket layouts they use. */
export function emitMarkdown(model: MetricsModel): GeneratedFile {
  const sections = [
    `<!-- ${generatedNotice(model.sourceFile)} -->`,
    `# \`${model.namespace}\` metrics`,
    summary(model),
    contents(model),
    ...model.groups.map(groupSection),
    labelsSection(model.labels),
    bucketsSection(model.bucketLayouts),
    queriesSection(model.queries.filter((query) => query.slo === undefined)),
    slosSection(model),
    alertsSection(model.alerts),
    selfMetricsSection(model),
  ].filter((section) => section !== '');
  return { path: MARKDOWN_FILE, contents: `${sections.join('\n\n')}\n` };
}

function summary(model: MetricsModel): string {
  const count = (type: MetricModel['type']) => model.metrics.filter((m) => m.type === type).length;
  return [
    `${countOf(model.metrics.length, 'metric')} in ${countOf(model.groups.length, 'group')}: ${countOf(count('counter'), 'counter')}, ${countOf(count('gauge'), 'gauge')}, ${countOf(count('histogram'), 'histogram')}.`,
    'The **Exposed as** column gives the name on the wire: counters carry the `_total` suffix that',
    'Prometheus and OpenMetrics require, and histograms add `_bucket`, `_sum` and `_count` series.',
    `Recorders are methods of the object \`${model.factoryName}()\` returns.`,
    '',
    `**Series, worst case: ${formatCount(totalSeries(model))}.** The **Series** column is the most`,
    "series a metric can expose: the product of its labels' enum sizes and free-form limits (each",
    'plus one for its overflow value), times the lines a histogram adds per combination (buckets,',
    '`+Inf`, `_sum`, `_count`). `max_series`, per metric and for the spec, bounds it at codegen.',
  ].join('\n');
}

function totalSeries(model: MetricsModel): number {
  return model.metrics.reduce((sum, metric) => sum + metric.seriesEstimate.series, 0);
}

function contents(model: MetricsModel): string {
  const lines = model.groups.map(
    (group) => `- [${group.title}](#${group.anchor}) (${group.metrics.length})`,
  );
  const list = [
    ...lines,
    '- [Labels](#labels)',
    '- [Bucket layouts](#bucket-layouts)',
    ...(model.queries.length === 0 ? [] : ['- [Derived queries](#derived-queries)']),
    ...(model.slos.length === 0 ? [] : ['- [Service level objectives](#service-level-objectives)']),
    ...(model.alerts.length === 0 ? [] : ['- [Alerts](#alerts)']),
    '- [Self-metrics](#self-metrics)',
  ];
  return section('Contents', list.join('\n'));
}

function groupSection(group: GroupModel): string {
  const rows = group.metrics.map((metric) => [
    code(metric.fullName),
    code(metric.exposedName),
    metric.exemplars ? `${metric.type}, with exemplars` : metric.type,
    metric.unit ?? '-',
    metric.labels.length === 0 ? '-' : metric.labels.map(labelReference).join(', '),
    metric.bucketLayout === undefined
      ? '-'
      : `[${code(metric.bucketLayout.name)}](#buckets-${metric.bucketLayout.name})`,
    formatCount(metric.seriesEstimate.series),
    cell(metric.help),
    code(`${metric.recorderName}(${metric.parameters.map((p) => p.name).join(', ')})`),
  ]);
  const composites = group.composites.map(
    (composite) =>
      `- ${code(
        `${composite.name}(${compositeParameters(composite)
          .map((p) => p.name)
          .join(', ')})`,
      )}: ${composite.help}`,
  );
  const header = [
    'Metric',
    'Exposed as',
    'Type',
    'Unit',
    'Labels',
    'Buckets',
    'Series',
    'Description',
    'Recorder',
  ];
  return section(
    group.title,
    group.description,
    table(header, rows),
    ...(composites.length === 0 ? [] : ['Composite recorders:', composites.join('\n')]),
  );
}

function labelReference(label: LabelModel): string {
  const values =
    label.kind === 'enum'
      ? label.values.map((v) => v.value).join(', ')
      : `free-form, ≤ ${label.maxValues}`;
  return `[${code(label.name)}](#label-${label.name}) (${values})`;
}

function labelsSection(labels: readonly LabelModel[]): string {
  const rows = labels.map((label) => [
    `<a id="label-${label.name}"></a>${code(label.name)}`,
    label.kind === 'enum' ? 'enum' : `free-form (${label.tsType})`,
    label.kind === 'enum'
      ? label.values.map((v) => code(v.value)).join(', ')
      : `at most ${label.maxValues} distinct values per metric`,
    cell(label.description),
  ]);
  return section('Labels', table(['Label', 'Kind', 'Values', 'Description'], rows));
}

function bucketsSection(layouts: readonly BucketLayoutModel[]): string {
  const rows = layouts.map((layout) => [
    `<a id="buckets-${layout.name}"></a>${code(layout.name)}`,
    `${layout.bounds.join(', ')}, +Inf`,
    nativeResolutionText(layout),
    layout.usedBy.length === 0 ? '-' : layout.usedBy.map(code).join(', '),
    cell(layout.description ?? ''),
  ]);
  const header = ['Layout', 'Upper bounds', 'Native resolution', 'Used by', 'Description'];
  return section('Bucket layouts', NATIVE_NOTE, table(header, rows));
}
