import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSpecText } from '../codegen/parse/read-spec.ts';
import { generate } from '../codegen/pipeline.ts';
import { PROJECT_ROOT, removeTemporaryDirectories, temporaryDirectory } from './support/cli.ts';
import { hasPromtool } from './support/exposition.ts';
import { modelOf, SPECS } from './support/generate.ts';

const promtoolInstalled = hasPromtool();

afterAll(removeTemporaryDirectories);

function promtool(args: readonly string[], cwd: string) {
  // Generous: on a loaded machine the seed's ~60 rule tests take 20 s.
  const run = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 90_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The Prometheus files a spec text generates, written to a fresh directory. */
async function prometheusFilesOf(specText: string): Promise<string> {
  const parsed = parseSpecText('metrics.yaml', specText);
  const result = await generate(parsed);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const directory = temporaryDirectory();
  mkdirSync(join(directory, 'prometheus'));
  for (const file of result.files.filter((f) => f.path.startsWith('prometheus/'))) {
    writeFileSync(join(directory, file.path), file.contents);
  }
  return join(directory, 'prometheus');
}

const seedSpec = readFileSync(join(PROJECT_ROOT, 'metrics.yaml'), 'utf8');

describe.skipIf(!promtoolInstalled)(
  'generated Prometheus files, checked by promtool',
  { timeout: 180_000 },
  () => {
    it.each([
      ['the seed spec', join(PROJECT_ROOT, 'generated', 'prometheus')],
      ['the http-api fixture', join(PROJECT_ROOT, 'test', 'golden', 'http-api', 'prometheus')],
    ])('%s: config and rules pass check config, check rules and test rules', (_, directory) => {
      const config = promtool(['check', 'config', 'prometheus.yml'], directory);
      expect(config.output).toContain(
        'SUCCESS: prometheus.yml is valid prometheus config file syntax',
      );
      expect(config.status).toBe(0);
      const rules = promtool(['check', 'rules', '--lint-fatal', 'rules.yml'], directory);
      expect(rules.output).toMatch(/SUCCESS: \d+ rules found/);
      expect(rules.status).toBe(0);
      const tests = promtool(['test', 'rules', 'rules.test.yml'], directory);
      expect(tests.output).toContain('SUCCESS');
      expect(tests.status).toBe(0);
    });

    it('has a firing and a silent test for every alert, then its further cases', async () => {
      const directory = join(PROJECT_ROOT, 'generated', 'prometheus');
      const rules = parse(readFileSync(join(directory, 'rules.yml'), 'utf8'));
      const tests = parse(readFileSync(join(directory, 'rules.test.yml'), 'utf8'));
      const alerts = rules.groups.flatMap((group: { rules: { alert?: string }[] }) =>
        group.rules.flatMap((rule) => rule.alert ?? []),
      );
      const model = modelOf(SPECS.processor);
      expect(alerts).toEqual(model.alerts.map((alert) => alert.name));
      const names: string[] = tests.tests.map((test: { name: string }) => test.name);
      for (const alert of alerts) {
        const own = names.filter(
          (name) => name.startsWith(`${alert} `) || name.startsWith(`${alert}:`),
        );
        expect(own.slice(0, 2)).toEqual([`${alert} fires`, `${alert} stays silent`]);
      }
      expect(names).toEqual(model.alerts.flatMap((alert) => alert.tests.map((test) => test.name)));
    });

    it.each([
      [
        'the firing series no longer cross the threshold',
        'processor_watermark_lag_seconds: 120+0x40',
        'processor_watermark_lag_seconds: 30+0x40',
        /ProcessorWatermarkLagHigh fires,[\s\S]*exp:\[[\s\S]*got:\[\]/,
      ],
      [
        'the silent series would fire the alert',
        'processor_kafka_consumer_lag{topic="events", partition="0"}: 20000x40',
        'processor_kafka_consumer_lag{topic="events", partition="0"}: 90000x40',
        /ProcessorKafkaConsumerLagHigh stays silent,[\s\S]*exp:\[\][\s\S]*got:\[\s*0:/,
      ],
    ] as const)('fails when %s', async (_, from, to, failure) => {
      const spec = seedSpec.replace(from, to);
      expect(spec).not.toBe(seedSpec);
      const run = promtool(['test', 'rules', 'rules.test.yml'], await prometheusFilesOf(spec));
      expect(run.status).toBe(1);
      expect(run.output).toMatch(failure);
    });

    it('fails when the new-partition burst is read by increase() alone', async () => {
      const increaseOnly = seedSpec.replace(
        /\(\n\s*processor_kafka_offset_commit_errors_total\n\s*unless processor_kafka_offset_commit_errors_total offset 10m\n\s*\)\n\s*or /,
        '',
      );
      expect(increaseOnly).not.toBe(seedSpec);
      const run = promtool(
        ['test', 'rules', 'rules.test.yml'],
        await prometheusFilesOf(increaseOnly),
      );
      expect(run.status).toBe(1);
      expect(run.output).toMatch(
        /ProcessorKafkaOffsetCommitErrors: the first burst on a newly assigned partition,[\s\S]*got:\[\]/,
      );
    });

    it('fails when an annotation would render differently from the expectation', async () => {
      const files = await prometheusFilesOf(seedSpec);
      const rulesPath = join(files, 'rules.yml');
      const rules = readFileSync(rulesPath, 'utf8');
      writeFileSync(rulesPath, rules.replace('is more than a minute behind', 'is behind'));
      const run = promtool(['test', 'rules', 'rules.test.yml'], files);
      expect(run.status).toBe(1);
      expect(run.output).toContain('ProcessorWatermarkLagHigh');
    });
  },
);
