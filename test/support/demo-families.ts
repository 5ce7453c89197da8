import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricModel } from '../../codegen/model/model.ts';
import { PROJECT_ROOT } from './cli.ts';
import { modelOf, SPECS } from './generate.ts';

const DEMO_DIRECTORY = join(PROJECT_ROOT, 'examples', 'stream-processor');

/**
 * The families of metrics.yaml the demo records: those whose recorder, or a composite that
 * records them, the demo's source calls (`metrics.recordEventReceived(`). Derived from the spec
 * and the demo rather than pinned, so a metric added to the spec without a simulation of its
 * own leaves the demo's tests as they were, while a recorder the demo calls and that never
 * gets data still fails them.
 */
export function demoFamilies(): MetricModel[] {
  const source = readdirSync(DEMO_DIRECTORY)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(join(DEMO_DIRECTORY, name), 'utf8'))
    .join('\n');
  const called = new Set([...source.matchAll(/\bmetrics\.(\w+)\(/g)].map((match) => match[1]));
  const model = modelOf(SPECS.processor);
  const viaComposites = model.groups
    .flatMap((group) => group.composites)
    .filter((composite) => called.has(composite.name))
    .flatMap((composite) => composite.steps.map((step) => step.metric.fullName));
  const recorders = new Set([
    ...model.metrics.map((metric) => metric.recorderName),
    ...model.groups.flatMap((group) => group.composites.map((composite) => composite.name)),
  ]);
  // Series lifecycle calls (`initKafkaConsumerLag`, `removeSeries`) are known but record nothing.
  const lifecycle = new Set([
    'removeSeries',
    ...model.metrics.flatMap((metric) =>
      metric.lifecycle === undefined ? [] : [metric.lifecycle.init, metric.lifecycle.remove],
    ),
  ]);
  const unknown = [...called].filter(
    (name) => name !== undefined && !recorders.has(name) && !lifecycle.has(name),
  );
  // A scan that misreads the demo must fail loudly, not pass with nothing to check.
  if (unknown.length > 0 || called.size === 0) {
    throw new Error(
      `the demo's recorder calls were misread: ${unknown.join(', ') || 'none found'}`,
    );
  }
  return model.metrics.filter(
    (metric) => called.has(metric.recorderName) || viaComposites.includes(metric.fullName),
  );
}
