import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let root: string | undefined;

/**
 * The directory holding this project's package.json and node_modules, found from an installed
 * dependency rather than the current directory or this file's URL, which points into the
 * esbuild bundle under node_modules/.cache when the codegen runs through codegen/bin.mjs.
 */
export function projectRoot(): string {
  if (root !== undefined) return root;
  const require = createRequire(import.meta.url);
  root = join(dirname(require.resolve('@biomejs/biome/package.json')), '..', '..', '..');
  return root;
}
