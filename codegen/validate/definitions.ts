import { declaredForms } from '../model/buckets.ts';
import type { ResolvedLayout } from '../model/facts.ts';
import { enumKey } from '../model/names.ts';
import type { BucketLayout, LabelDefinition } from '../spec/schema.ts';
import type { SpecEntities } from './entities.ts';
import type { Problems } from './problems.ts';
import { lintLabelName } from './promlint.ts';

/** Checks the reusable definitions: the namespace, labels and bucket layouts. */
export function checkDefinitions(
  spec: SpecEntities,
  layouts: ReadonlyMap<string, ResolvedLayout>,
  problems: Problems,
): void {
  if (/[a-z][A-Z]/.test(spec.namespace)) {
    problems.at(['namespace'], `"${spec.namespace}" is camelCase; metric names are snake_case`);
  }
  for (const [name, label] of spec.labels) checkLabel(name, label, problems);
  for (const [name, layout] of spec.layouts) {
    const bounds = layouts.get(name)?.bounds ?? [];
    checkBucketLayout(['buckets', name], layout, bounds, problems);
  }
}

function checkLabel(name: string, label: LabelDefinition, problems: Problems): void {
  const path = ['labels', name];
  for (const message of lintLabelName(name)) problems.atKey(['labels'], name, message);
  const isEnum = label.values !== undefined;
  const isFree = label.max_values !== undefined;
  if (isEnum === isFree) {
    problems.at(
      path,
      isEnum
        ? 'declares both "values" and "max_values"; a label is either a closed enum or free-form'
        : 'declares neither "values" (closed enum) nor "max_values" (free-form label)',
    );
  }
  if (isEnum && label.type !== undefined) {
    problems.at(
      [...path, 'type'],
      '"type" applies to free-form labels only; enum values are texts',
    );
  }
  const keys = new Map<string, string>();
  (label.values ?? []).forEach((value, index) => {
    const valuePath = [...path, 'values', index];
    const key = enumKey(value);
    const earlier = keys.get(key);
    if (key === '' || key === '_') {
      problems.at(valuePath, `"${value}" needs a letter or digit to name its constant`);
    } else if (earlier === value) {
      problems.at(valuePath, `duplicate label value "${value}"`);
    } else if (earlier !== undefined) {
      problems.at(valuePath, `"${value}" and "${earlier}" would both be the constant ${key}`);
    } else {
      keys.set(key, value);
    }
  });
}

function checkBucketLayout(
  path: string[],
  layout: BucketLayout,
  bounds: readonly number[],
  problems: Problems,
): void {
  const forms = declaredForms(layout);
  if (layout.native !== undefined) checkNativeResolution([...path, 'native'], layout, problems);
  // A layout with native resolution alone is a native-only histogram: no classic bounds.
  if (forms.length === 0 && layout.native !== undefined) return;
  if (forms.length !== 1) {
    problems.at(
      path,
      forms.length === 0
        ? 'declares no buckets; expected one of values, exponential, exponential_range, linear, or native'
        : `declares ${forms.join(' and ')}; expected exactly one of them`,
    );
    return;
  }
  const form = forms[0] ?? 'values';
  const range = layout.exponential_range;
  if (range !== undefined && range.min >= range.max) {
    problems.at([...path, form, 'max'], `expected max greater than min (${range.min})`);
    return;
  }
  if (bounds.length === 0) {
    problems.at([...path, form], 'declares no buckets; expected at least one upper bound');
    return;
  }
  if (!bounds.every(Number.isFinite)) {
    problems.at([...path, form], 'generates a bound that is not a finite number');
    return;
  }
  if ((bounds[0] ?? 0) < 0) {
    problems.at(
      form === 'values' ? [...path, form, 0] : [...path, form],
      `bucket bounds must not be negative (${bounds[0]}): observations are non-negative, as OpenMetrics requires of a histogram with a _sum`,
    );
    return;
  }
  for (let i = 1; i < bounds.length; i++) {
    const [previous, current] = [bounds[i - 1] ?? 0, bounds[i] ?? 0];
    if (current > previous) continue;
    problems.at(
      form === 'values' ? [...path, form, i] : [...path, form],
      form === 'values'
        ? `bucket bounds must be strictly increasing: ${current} follows ${previous}`
        : `generates bounds that are not strictly increasing (${current} follows ${previous}); use fewer buckets or a wider range`,
    );
    return;
  }
}

/** Exactly one of schema and factor; the ranges of each are the schema's (spec/schema.ts). */
function checkNativeResolution(path: string[], layout: BucketLayout, problems: Problems): void {
  const native = layout.native;
  if (native === undefined) return;
  if (native.schema !== undefined && native.factor !== undefined) {
    problems.at(
      [...path, 'factor'],
      'declares both "schema" and "factor"; a factor picks a schema, so give one of them',
    );
  } else if (native.schema === undefined && native.factor === undefined) {
    problems.at(
      path,
      'declares no resolution; expected "schema" (-4 to 8) or "factor" (greater than 1, e.g. 1.1)',
    );
  }
}
