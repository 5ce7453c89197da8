import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/cli.ts';
import { folderGraph, importCycles, importGraph } from './support/import-graph.ts';

const ROOTS = [join(PROJECT_ROOT, 'src'), join(PROJECT_ROOT, 'codegen')];
const graph = importGraph(ROOTS);

describe('the import graph of src/ and codegen/', () => {
  it('has no cycles between files', () => {
    expect(importCycles(graph, PROJECT_ROOT)).toEqual([]);
  });

  it('has no cycles between folders', () => {
    expect(importCycles(folderGraph(graph, ROOTS), PROJECT_ROOT)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/c.ts']],
      ['/c.ts', ['/a.ts']],
      ['/d.ts', ['/a.ts']],
    ]);
    expect(importCycles(graph, '/')).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('reads imports of every form, type-only and re-exports included', () => {
    const graph = importGraph([join(PROJECT_ROOT, 'src')]);
    const index = graph.get(join(PROJECT_ROOT, 'src', 'index.ts')) ?? [];
    expect(index.length).toBeGreaterThan(0);
    expect(index.every((path) => path.startsWith(join(PROJECT_ROOT, 'src')))).toBe(true);
  });
});
