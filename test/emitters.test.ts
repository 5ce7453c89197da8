import { describe, expect, it } from 'vitest';
import { DEFAULT_EMIT_OPTIONS, emitAll } from '../codegen/emit/index.ts';
import { emitMarkdown } from '../codegen/emit/markdown.ts';
import { emitTypeScript } from '../codegen/emit/typescript.ts';
import { formatGeneratedFiles } from '../codegen/format.ts';
import { findStaleFiles } from '../codegen/write.ts';
import { modelOf, SPECS } from './support/generate.ts';

const GOLDEN_EMIT_OPTIONS = { runtimeModule: '../../../src/index.ts' };

describe('emitters', () => {
  it('regenerate the committed generated/ exactly from metrics.yaml', () => {
    const files = formatGeneratedFiles(emitAll(modelOf(SPECS.processor)));
    expect(findStaleFiles('generated', files)).toEqual([]);
  });

  it.each(
    // Emitted for where the golden files live, so they type-check in place.
    formatGeneratedFiles(emitAll(modelOf(SPECS.httpApi), GOLDEN_EMIT_OPTIONS)).map((file) => [
      file.path,
      file.contents,
    ]),
  )('match the golden %s for a second service (http-api)', async (path, contents) => {
    await expect(contents).toMatchFileSnapshot(`golden/http-api/${path}`);
  });

  it('are pure: the same model gives the same bytes', () => {
    const model = modelOf(SPECS.processor);
    expect(emitAll(model)).toEqual(emitAll(model));
  });
});

describe('markdown', () => {
  const markdown = emitMarkdown(modelOf(SPECS.processor)).contents;

  it('has one table per group, with the seed group sizes', () => {
    const tables = markdown.split('\n## ').filter((section) => section.includes('| Metric |'));
    const sizes = tables.map((table) => (table.match(/^\| `processor_/gm) ?? []).length);
    expect(sizes).toEqual([5, 5, 3, 6, 4, 4, 3, 4, 3]);
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
  const source = emitTypeScript(
    modelOf(SPECS.processor),
    DEFAULT_EMIT_OPTIONS.runtimeModule,
  ).contents;

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
