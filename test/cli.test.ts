import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  PROJECT_ROOT,
  removeTemporaryDirectories,
  runCli,
  runCodegen,
  snapshotTree,
  temporaryDirectory,
} from './support/cli.ts';

afterAll(removeTemporaryDirectories);

const HTTP_SPEC = 'test/fixtures/http-api/metrics.yaml';

/** A scratch copy of the http-api spec, generated once into `out`. */
function generatedOnce(): { dir: string; spec: string; out: string } {
  const dir = temporaryDirectory();
  const spec = copyFixture(HTTP_SPEC, dir);
  const out = join(dir, 'out');
  expect(runCodegen(['--spec', spec, '--out', out]).status).toBe(0);
  return { dir, spec, out };
}

describe('codegen CLI', () => {
  it('writes the generated files and reports success with exit 0', () => {
    const dir = temporaryDirectory();
    const run = runCodegen(['--spec', copyFixture(HTTP_SPEC, dir), '--out', join(dir, 'out')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('wrote 10 files');
    expect(Object.keys(snapshotTree(join(dir, 'out'))).sort()).toEqual([
      '.gitattributes',
      'METRICS.md',
      'grafana/dashboard.json',
      'kubernetes/prometheus-rule.yaml',
      'kubernetes/service-monitor.yaml',
      'metrics.schema.json',
      'metrics.ts',
      'prometheus/prometheus.yml',
      'prometheus/rules.test.yml',
      'prometheus/rules.yml',
    ]);
  });

  it('is deterministic: two runs write the same bytes', () => {
    const dir = temporaryDirectory();
    const spec = copyFixture(HTTP_SPEC, dir);
    runCodegen(['--spec', spec, '--out', join(dir, 'a')]);
    runCodegen(['--spec', spec, '--out', join(dir, 'b')]);
    expect(snapshotTree(join(dir, 'a'))).toEqual(snapshotTree(join(dir, 'b')));
  });

  it('--check passes on fresh output and fails with a summary when a file is stale', () => {
    const { spec, out } = generatedOnce();
    expect(runCodegen(['--spec', spec, '--out', out, '--check']).status).toBe(0);

    writeFileSync(
      join(out, 'METRICS.md'),
      `${readFileSync(join(out, 'METRICS.md'), 'utf8')}edited\n`,
    );
    writeFileSync(join(out, 'stray.txt'), 'not generated\n');
    const stale = runCodegen(['--spec', spec, '--out', out, '--check']);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('is stale for');
    expect(stale.stderr).toMatch(
      /changed\s+METRICS\.md \(first difference at line \d+; \+0 -1 lines\)/,
    );
    expect(stale.stderr).toMatch(/unexpected\s+stray\.txt/);
  });

  it('--check notices a spec change that was not regenerated', () => {
    const { spec, out } = generatedOnce();
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8').replace('HTTP requests served', 'Requests served'),
    );
    const stale = runCodegen(['--spec', spec, '--out', out, '--check']);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/changed\s+metrics\.ts/);
    expect(stale.stderr).toMatch(/changed\s+METRICS\.md/);
  });

  it('leaves the previous output byte-for-byte unchanged when the spec is broken', () => {
    const { spec, out } = generatedOnce();
    const before = snapshotTree(out);
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('type: histogram', 'type: histogramm'));
    const failed = runCodegen(['--spec', spec, '--out', out]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(
      /metrics\.yaml:\d+:\d+ groups\[0\]\.metrics\[1\]\.type: expected one of/,
    );
    expect(failed.stderr).toContain('left unchanged');
    expect(snapshotTree(out)).toEqual(before);
  });

  it('puts back the previous output left by a run killed between its two renames', () => {
    const { dir, spec, out } = generatedOnce();
    const before = snapshotTree(out);
    // What a SIGKILL after the first rename leaves: no out/, the old tree beside it.
    renameSync(out, join(dir, '.out.previous-12345'));
    writeFileSync(spec, 'version: [');
    expect(runCodegen(['--spec', spec, '--out', out]).status).toBe(1);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('refuses to replace a directory it did not write, with exit 2', () => {
    const dir = temporaryDirectory();
    const spec = copyFixture(HTTP_SPEC, dir);
    const foreign = join(dir, 'src');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'app.ts'), 'export {};\n');
    const run = runCodegen(['--spec', spec, '--out', foreign]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('refusing to replace');
    expect(readFileSync(join(foreign, 'app.ts'), 'utf8')).toBe('export {};\n');
  });

  it.each([
    [['--bogus'], /^unknown flag --bogus\n/],
    [['--spek', 'metrics.yaml'], /^unknown flag --spek \(did you mean --spec\?\)\n/],
    [['extra'], /^unexpected argument "extra"\n/],
    [['--spec'], /^--spec needs a value\n/],
  ])('exits 2 with usage for %j', (args, message) => {
    const run = runCodegen(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: metrics-kit generate');
  });

  it('exits 1 for a missing spec file, saying where it looked and how to start one', () => {
    const run = runCodegen(['--spec', 'no-such.yaml', '--out', join(temporaryDirectory(), 'out')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'no spec at no-such.yaml: run `metrics-kit init` to write a starter metrics.yaml, or pass --spec FILE\n',
    );
  });

  it('prints usage for --help with exit 0', () => {
    const run = runCodegen(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--check');
  });
});

describe('codegen CLI, interrupted', () => {
  it('cancels the write when SIGINT arrives mid-run, leaving the previous output', async () => {
    const { dir, spec, out } = generatedOnce();
    const before = snapshotTree(out);
    writeFileSync(spec, largeSpec(6000));
    // A signal that lands before the CLI has installed its handlers (a slow start on a busy
    // machine) kills it outright; that says nothing about mid-run, so wait longer and retry.
    for (const delay of [1800, 3600, 5400]) {
      const run = await interruptAfter(delay, dir, spec, out);
      if (run.code === null) continue;
      expect(run.stderr).toContain('interrupted by SIGINT');
      expect(run.code).toBe(130);
      expect(snapshotTree(out)).toEqual(before);
      return;
    }
    throw new Error('the CLI never got past start-up before the signal');
  });
});

async function interruptAfter(delayMs: number, dir: string, spec: string, out: string) {
  const codegen = join(PROJECT_ROOT, 'codegen', 'dev-cli.mjs');
  const child = spawn(process.execPath, [codegen, 'generate', '--spec', spec, '--out', out], {
    cwd: dir,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit');
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGINT');
  const [code] = (await exited) as [number | null];
  return { code, stderr };
}

/** A valid spec slow enough (several seconds) to interrupt mid-run. */
function largeSpec(metrics: number): string {
  const entries = Array.from(
    { length: metrics },
    (_, i) =>
      `      - name: queue_${i}_depth\n        type: gauge\n        help: Depth of queue ${i}.`,
  );
  return [
    'version: 1',
    'namespace: big',
    'groups:',
    '  - id: queues',
    '    title: Queues',
    '    description: Many queues.',
    '    metrics:',
    ...entries,
    '',
  ].join('\n');
}

describe('metrics-kit init', () => {
  it('writes a starter spec that generates cleanly, and refuses to overwrite it', () => {
    const directory = temporaryDirectory();
    const init = runCli(['init'], directory);
    expect(init.status).toBe(0);
    expect(init.stdout).toBe('wrote metrics.yaml; next: npx metrics-kit generate\n');
    const spec = readFileSync(join(directory, 'metrics.yaml'), 'utf8');
    expect(spec.split('\n')[0]).toMatch(
      /^# yaml-language-server: \$schema=\S+\/metrics\.schema\.json$/,
    );
    expect(runCodegen([], directory).status).toBe(0);
    const again = runCli(['init'], directory);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('metrics.yaml already exists; init leaves it as it is\n');
    expect(readFileSync(join(directory, 'metrics.yaml'), 'utf8')).toBe(spec);
  });
});

describe('metrics-kit commands', () => {
  it.each([
    [['generat'], /^unknown command "generat" \(did you mean generate\?\)\n\nusage: metrics-kit/],
    [[], /^usage: metrics-kit <command>/],
  ])('%j exits 2 with usage', (args, message) => {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('--version prints the CLI version', () => {
    expect(runCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
