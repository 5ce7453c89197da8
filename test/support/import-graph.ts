import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every `.ts` file under `root`, recursively. */
function sourceFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g;

/** File → the files it imports by relative path, type-only imports included. */
export function importGraph(roots: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of roots.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((match) =>
      resolve(dirname(file), match[1] ?? match[2] ?? ''),
    );
    graph.set(file, targets);
  }
  return graph;
}

/** Each cycle once, as the files along it relative to `base`, first file repeated at the end. */
export function importCycles(
  graph: ReadonlyMap<string, readonly string[]>,
  base: string,
): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        cycles.push([...cycle, next].map((path) => relative(base, path)));
      } else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/**
 * The graph between modules: a file directly in a root stays itself, a file in a folder below
 * a root becomes that folder (`src/families/`), so folders that import each other show as a
 * cycle even when no single file does.
 */
export function folderGraph(
  graph: ReadonlyMap<string, readonly string[]>,
  roots: readonly string[],
): Map<string, string[]> {
  const moduleOf = (file: string): string => {
    const root = roots.find((candidate) => file.startsWith(`${candidate}/`));
    if (root === undefined) return file;
    const [first, ...rest] = relative(root, file).split('/');
    return rest.length === 0 ? file : join(root, first ?? '', '/');
  };
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = moduleOf(file);
    const edges = folders.get(from) ?? new Set<string>();
    for (const target of targets) if (moduleOf(target) !== from) edges.add(moduleOf(target));
    folders.set(from, edges);
  }
  return new Map([...folders].map(([folder, edges]) => [folder, [...edges]]));
}
