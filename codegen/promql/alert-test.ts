import { parsePromql } from './syntax.ts';

/** The instance generated rule tests' input series come from unless they name another. */
export const TEST_INSTANCE = 'test:9090';

/** The target of a spec's rule tests: its scrape job, one instance. */
export function testTarget(job: string): Readonly<Record<string, string>> {
  return { job, instance: TEST_INSTANCE };
}

/** An input series' labels as scraped: the target's, unless the series sets its own. */
export function scrapedLabels(
  series: TestSeries,
  target: Readonly<Record<string, string>>,
): Record<string, string> {
  return { ...target, ...series.labels };
}

/** An input series of a rule test, written as a selector: `name{label="value"}`. */
export interface TestSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Undefined unless the text is one selector with a name and only `=` matchers. */
export function parseTestSeries(text: string): TestSeries | undefined {
  const syntax = parsePromql(text);
  const selector = syntax.selectors[0];
  const top = syntax.tree.topNode.firstChild;
  if (syntax.errors.length > 0 || syntax.selectors.length !== 1 || top?.name !== 'VectorSelector') {
    return undefined;
  }
  if (selector?.metric === undefined) return undefined;
  if (selector.matchers.some((matcher) => matcher.operator !== '=')) return undefined;
  const labels = Object.fromEntries(selector.matchers.map((m) => [m.label.name, m.value]));
  return { name: selector.metric.name, labels };
}

/**
 * The labels the alert fired by `series` must carry, besides `alertname` and `severity`: each
 * of the expression's output labels, valued as in the series as scraped from `target`, unless
 * `given` (the test's `labels`) names it. A string explains why they cannot be told.
 */
export function expectedAlertLabels(
  outputLabels: ReadonlySet<string>,
  series: readonly TestSeries[],
  target: Readonly<Record<string, string>>,
  given: Readonly<Record<string, string>> = {},
): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const label of [...outputLabels].sort()) {
    const stated = given[label];
    if (stated !== undefined) {
      labels[label] = stated;
      continue;
    }
    const values = new Set(series.flatMap((one) => scrapedLabels(one, target)[label] ?? []));
    if (values.size !== 1) {
      const found = values.size === 0 ? 'none sets it' : `they set ${[...values].join(', ')}`;
      return `the alert carries label "${label}", so every firing series must give it one value (${found}); or state it under the test's labels`;
    }
    labels[label] = [...values][0] ?? '';
  }
  for (const [label, value] of Object.entries(given)) {
    if (!outputLabels.has(label)) return `the alert has no label "${label}" to expect`;
    labels[label] = value;
  }
  return labels;
}

const TEMPLATE = /\{\{(.*?)\}\}/g;
const LABEL_REFERENCE = /^\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*$/;
/** `$value`, bare or through one of Prometheus's humanizing template functions. */
const VALUE_REFERENCE =
  /^\s*\$value(\s*\|\s*(humanize|humanize1024|humanizePercentage|humanizeDuration))?\s*$/;

export interface AnnotationTemplate {
  readonly from: number;
  readonly to: number;
  readonly label: string | undefined;
  /** A `{{ $value }}`: the test states what it renders to. */
  readonly value: boolean;
}

/**
 * Annotations may use `{{ $labels.NAME }}` and `{{ $value }}` (optionally humanized): a rule
 * test compares annotations exactly, so each template must render to a text the test knows.
 */
export function annotationTemplates(text: string): AnnotationTemplate[] {
  return [...text.matchAll(TEMPLATE)].map((match) => ({
    from: match.index,
    to: match.index + match[0].length,
    label: LABEL_REFERENCE.exec(match[1] ?? '')?.[1],
    value: VALUE_REFERENCE.test(match[1] ?? ''),
  }));
}

/** The annotation as Prometheus renders it for an alert with these labels and this value. */
export function renderAnnotation(
  text: string,
  labels: Readonly<Record<string, string>>,
  value = '',
): string {
  return text.replace(TEMPLATE, (_, inner: string) => {
    if (VALUE_REFERENCE.test(inner)) return value;
    const label = LABEL_REFERENCE.exec(inner)?.[1];
    return label === undefined ? '' : (labels[label] ?? '');
  });
}

/** Whether an annotation uses `{{ $value }}`. */
export function usesValue(text: string): boolean {
  return annotationTemplates(text).some((template) => template.value);
}
