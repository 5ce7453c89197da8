import { TARGET_LABELS } from './catalog.ts';
import { parsePromql } from './syntax.ts';

/**
 * The target a generated rule test's input series come from: the spec's own scrape job (so the
 * test exercises the job its rules will see) and a fixed instance.
 */
export function testTarget(job: string): Readonly<Record<string, string>> {
  return { job, instance: 'test:9090' };
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
 * of the expression's output labels, valued as in the series (the target's own for `job` and
 * `instance`). A string explains why they cannot be told.
 */
export function expectedAlertLabels(
  outputLabels: ReadonlySet<string>,
  series: readonly TestSeries[],
  target: Readonly<Record<string, string>>,
): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const label of [...outputLabels].sort()) {
    if (TARGET_LABELS.includes(label)) {
      labels[label] = target[label] ?? '';
      continue;
    }
    const values = new Set(series.flatMap((one) => one.labels[label] ?? []));
    if (values.size !== 1) {
      const found = values.size === 0 ? 'none sets it' : `they set ${[...values].join(', ')}`;
      return `the alert carries label "${label}", so every firing series must give it one value (${found})`;
    }
    labels[label] = [...values][0] ?? '';
  }
  return labels;
}

const TEMPLATE = /\{\{(.*?)\}\}/g;
const LABEL_REFERENCE = /^\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*$/;

/**
 * Annotations may only use `{{ $labels.NAME }}`: a rule test compares annotations exactly, and
 * values such as `$value` depend on the evaluation. Returns each template with its offset.
 */
export function annotationTemplates(
  text: string,
): { readonly from: number; readonly to: number; readonly label: string | undefined }[] {
  return [...text.matchAll(TEMPLATE)].map((match) => ({
    from: match.index,
    to: match.index + match[0].length,
    label: LABEL_REFERENCE.exec(match[1] ?? '')?.[1],
  }));
}

/** The annotation as Prometheus renders it for an alert with these labels. */
export function renderAnnotation(text: string, labels: Readonly<Record<string, string>>): string {
  return text.replace(TEMPLATE, (_, inner: string) => {
    const label = LABEL_REFERENCE.exec(inner)?.[1];
    return label === undefined ? '' : (labels[label] ?? '');
  });
}
