import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../codegen/parse/diagnostics.ts';
import { checkSpecFile } from '../codegen/validate/check.ts';
import {
  copyFixture,
  removeTemporaryDirectories,
  runCodegen,
  snapshotTree,
  temporaryDirectory,
} from './support/cli.ts';
import { HOSTILE_SPECS, type HostileSpec } from './support/hostile-specs.ts';

/**
 * Beyond the validator's tables: malformed, huge, deep, binary and missing specs. Each ends with
 * a located error that fits on a screen, no stack trace, and the previous output left as it was.
 * How fast they are refused is measured by `npm run bench` (bench/codegen.bench.ts), not here:
 * a timed assertion fails on a busy machine without anything being wrong.
 */
const SCREEN_LINES = 40;
const SCREEN_WIDTH = 200;
const STACK_TRACE = /^\s+at |node:internal|\.ts:\d+:\d+\)|Error: /m;

afterAll(removeTemporaryDirectories);

let directory: string;
const pathOf = new Map<string, string>();

beforeAll(() => {
  directory = temporaryDirectory();
  HOSTILE_SPECS.forEach((spec, index) => {
    const path = join(directory, `case-${index}.yaml`);
    writeFileSync(path, spec.bytes);
    pathOf.set(spec.name, path);
  });
});

function expectOneScreen(output: string): void {
  const lines = output.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(SCREEN_LINES);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(SCREEN_WIDTH);
  expect(output).not.toMatch(STACK_TRACE);
}

describe('hostile specs, through the codegen pipeline', () => {
  it('names each case once, so a failure points at one', () => {
    const names = HOSTILE_SPECS.map((spec) => spec.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it.each(HOSTILE_SPECS.map((spec) => [spec.name, spec] as const))('%s', (_, spec: HostileSpec) => {
    const path = pathOf.get(spec.name) ?? '';
    const result = checkSpecFile(path);
    if (result.ok) throw new Error('expected the spec to be refused');
    const [first] = result.diagnostics;
    expect(first?.file).toBe(path);
    expect(`${first?.line}:${first?.column} ${first?.message}`).toMatch(spec.want);
    const shown = result.diagnostics.map((d) => formatDiagnostic(d, result.source)).join('\n');
    expect(shown.startsWith(`${path}:${first?.line}:${first?.column} `)).toBe(true);
    expectOneScreen(shown);
  });
});

describe('a byte-order mark', () => {
  it('is accepted, as editors write it: the same spec with and without one generates the same', () => {
    const work = temporaryDirectory();
    const plain = copyFixture('metrics.yaml', work);
    const withBom = join(work, 'bom.yaml');
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(plain)]));
    runCodegen(['--spec', plain, '--out', join(work, 'a')]);
    const run = runCodegen(['--spec', withBom, '--out', join(work, 'b')]);
    expect(run.status).toBe(0);
    const a = snapshotTree(join(work, 'a'));
    const b = snapshotTree(join(work, 'b'));
    // Generated headers name the spec file; nothing else may differ.
    const rename = (tree: Record<string, string>) =>
      Object.values(tree).map((file) =>
        Buffer.from(file, 'base64').toString().replaceAll('bom.yaml', 'metrics.yaml'),
      );
    expect(rename(b)).toEqual(rename(a));
  });
});

/** Through the real CLI: exit status, wall time, stderr, and generated/ left unchanged. */
const THROUGH_CLI = [
  'billion laughs',
  'a 10 MB spec',
  '20,000-deep flow sequences',
  '20,000-deep flow mappings',
  'deep block nesting',
  'invalid UTF-8',
  'a binary file',
  'an empty file',
  'only comments',
  'a tab as indentation',
  'a duplicate nested key',
  'a second document',
  'an unclosed double quote',
  'an undefined alias',
  'a top-level list',
  'a metric name of 100,000 characters',
];

describe('hostile specs, through npm run codegen', () => {
  let out: string;
  let before: Record<string, string>;

  beforeAll(() => {
    const work = temporaryDirectory();
    out = join(work, 'generated');
    expect(runCodegen(['--spec', copyFixture('metrics.yaml', work), '--out', out]).status).toBe(0);
    before = snapshotTree(out);
  });

  const cases: [string, () => string][] = [
    ...THROUGH_CLI.map((name): [string, () => string] => [name, () => pathOf.get(name) ?? '']),
    [
      'a directory as --spec',
      () => {
        const path = join(directory, 'a-directory.yaml');
        mkdirSync(path, { recursive: true });
        return path;
      },
    ],
  ];

  it.each(cases)('%s: exit 1, a located error, output unchanged', (_, spec) => {
    const path = spec();
    const run = runCodegen(['--spec', path, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr.startsWith(`${path}:`)).toBe(true);
    expect(run.stderr).toMatch(/^\S+:\d+:\d+ /);
    expect(run.stderr).toContain('generated/ left unchanged');
    expectOneScreen(run.stderr);
    expect(snapshotTree(out)).toEqual(before);
  });
});
