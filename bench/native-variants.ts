import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseSpecText } from '../codegen/parse/read-spec.ts';
import { generate } from '../codegen/pipeline.ts';
import type { ProcessorMetrics } from '../generated/metrics.ts';

type Factory = (options: { registry: unknown }) => ProcessorMetrics;

/**
 * The seed's metrics module generated from metrics.yaml with its layouts changed: `classic`
 * without native resolution (and without exemplars), `native` with native resolution only, so
 * the benchmark compares generated recorders with generated recorders. Written under
 * bench/.tmp (git-ignored) and imported from there.
 */
export async function generatedVariant(kind: 'classic' | 'native'): Promise<Factory> {
  const root = join(import.meta.dirname, '..');
  const spec = parse(readFileSync(join(root, 'metrics.yaml'), 'utf8'));
  for (const layout of Object.values(spec.buckets) as Record<string, unknown>[]) {
    if (kind === 'classic') delete layout.native;
    else delete layout.exponential_range;
  }
  for (const group of spec.groups) {
    // Queries, alerts and SLOs shape no recorder; the classic ones would not check on native
    // layouts.
    delete group.queries;
    delete group.alerts;
    delete group.slos;
    if (kind === 'classic') for (const metric of group.metrics) delete metric.exemplars;
  }
  const text = stringify(spec);
  const parsed = parseSpecText('metrics.yaml', text);
  const dir = join(root, 'bench', '.tmp', kind);
  // The runtime's sources by a relative path: the variant lives outside the tsconfig's `paths`.
  const result = await generate(parsed, { runtimeModule: '../../../src/index.ts' });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const file = result.files.find((f) => f.path === 'metrics.ts');
  if (file === undefined) throw new Error('no metrics.ts generated');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'metrics.ts'), file.contents);
  const module = (await import(join(dir, 'metrics.ts'))) as { createProcessorMetrics: Factory };
  return module.createProcessorMetrics;
}
