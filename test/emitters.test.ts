import { describe, expect, it } from 'vitest';
import { formatGeneratedFiles } from '../codegen/emit/format.ts';
import { emitAll } from '../codegen/emit/index.ts';
import { emitMarkdown } from '../codegen/emit/markdown.ts';
import { emitTypeScript } from '../codegen/emit/typescript.ts';
import { RUNTIME_PACKAGE, resolveOptions } from '../codegen/pipeline.ts';
import { findStaleFiles } from '../codegen/write.ts';
import { modelOf, SPECS } from './support/generate.ts';

const OPTIONS = resolveOptions();
const HTTP_API_FILES = await formatGeneratedFiles(emitAll(modelOf(SPECS.httpApi), OPTIONS));

describe('emitters', () => {
  it('regenerate the committed generated/ exactly from metrics.yaml', async () => {
    const files = await formatGeneratedFiles(emitAll(modelOf(SPECS.processor), OPTIONS));
    expect(findStaleFiles('generated', files)).toEqual([]);
  });

  it.each(HTTP_API_FILES.map((file) => [file.path, file.contents]))(
    'match the golden %s for a second service (http-api)',
    async (path, contents) => {
      await expect(contents).toMatchFileSnapshot(`golden/http-api/${path}`);
    },
  );

  it('are pure: they leave the model as it was, and an equal model gives the same bytes', () => {
    const frozen = deepFreeze(modelOf(SPECS.processor));
    // A frozen model makes any write by an emitter throw (ES modules run in strict mode).
    expect(emitAll(frozen, OPTIONS)).toEqual(emitAll(modelOf(SPECS.processor), OPTIONS));
  });
});

describe('markdown', () => {
  const markdown = emitMarkdown(modelOf(SPECS.processor)).contents;

  it('has one table per group, a row per metric of the group', () => {
    const model = modelOf(SPECS.processor);
    const tables = markdown.split('\n## ').filter((section) => section.includes('| Metric |'));
    const sizes = tables.map((table) => (table.match(/^\| `processor_/gm) ?? []).length);
    expect(sizes).toEqual(model.groups.map((group) => group.metrics.length));
  });

  it('shows counters under their exposed _total name next to the declared one', () => {
    expect(markdown).toContain(
      '| `processor_events_received` | `processor_events_received_total` | counter |',
    );
    expect(markdown).toContain(
      '| `processor_pipeline_lag_seconds` | `processor_pipeline_lag_seconds` | gauge | seconds |',
    );
  });

  it('lists label values and bucket bounds', () => {
    expect(markdown).toContain('`success`, `error`, `dropped`, `filtered`');
    expect(markdown).toMatch(/`duration` \| 0\.001, 0\.00199, .*, 15\.1, 30, \+Inf \|/);
  });
});

describe('typescript', () => {
  const source = emitTypeScript(modelOf(SPECS.processor), RUNTIME_PACKAGE).contents;

  it.each([
    'recordEventReceived(amount?: number): void',
    'recordEventProcessed(result: ResultLabel, amount?: number, exemplar?: Exemplar): void',
    'recordEventProcessingDuration(result: ResultLabel, seconds: number, exemplar?: Exemplar): void',
    'setPipelineLag(seconds: number): void',
    'setWindowsActive(windowType: WindowTypeLabel, value: number): void',
    'recordStateCacheHit(layer: LayerLabel, amount?: number): void',
    'recordNormalizationFill(strategy: StrategyLabel, amount?: number): void',
    'recordWatermarkUpdate(amount?: number): void',
    'recordStateOperation(operation: OperationLabel, backend: BackendLabel, seconds: number): void',
    'recordDedupCheck(isDuplicate: boolean): void',
    'setKafkaConsumerLag(topic: string, partition: number, value: number): void',
  ])('declares the seed recorder %s', (signature) => {
    expect(source).toContain(signature);
  });

  it('carries help, exposed name and unit in JSDoc', () => {
    expect(source).toContain(
      [
        '  /**',
        '   * Time spent processing one event, by result.',
        '   *',
        '   * Histogram `processor_event_processing_duration_seconds` in seconds, buckets `duration`.',
      ].join('\n'),
    );
  });

  it('gives enum labels a union type and a const object', () => {
    expect(source).toContain(
      "export type ResultLabel = 'success' | 'error' | 'dropped' | 'filtered';",
    );
    expect(source).toContain("  Success: 'success',");
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
