import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, removeTemporaryDirectories, temporaryDirectory } from './support/cli.ts';
import { packagesLoadedBy } from './support/loaded-modules.ts';

afterAll(removeTemporaryDirectories);

const CLI = join(PROJECT_ROOT, 'codegen', 'dev-cli.mjs');
/** ts-morph carries its own TypeScript in @ts-morph/common; the `typescript` package for good measure. */
const COMPILER = ['ts-morph', '@ts-morph/common', 'typescript'];

/**
 * ts-morph and its bundled TypeScript compiler take about 0.65 s to load, half of a whole run:
 * only `generate --js`, which compiles the client to JavaScript, may load them.
 */
describe('the modules generate loads', () => {
  it('leaves out ts-morph and TypeScript when writing the TypeScript client', () => {
    const out = join(temporaryDirectory(), 'out');
    const loaded = packagesLoadedBy(
      process.execPath,
      [CLI, 'generate', '--out', out],
      PROJECT_ROOT,
    );
    expect(loaded).toContain('yaml');
    expect(loaded.filter((name) => COMPILER.includes(name))).toEqual([]);
  });

  it('loads them for --js, which compiles the client (and shows the check sees them)', () => {
    const out = join(temporaryDirectory(), 'out');
    const args = [CLI, 'generate', '--js', '--out', out];
    expect(packagesLoadedBy(process.execPath, args, PROJECT_ROOT)).toEqual(
      expect.arrayContaining(['ts-morph', '@ts-morph/common']),
    );
  });
});
