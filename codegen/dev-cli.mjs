#!/usr/bin/env node
// This repository's way to run the CLI from its sources (`npm run codegen`, the tests): they
// are bundled once with esbuild into node_modules/.cache and rebuilt only when a source is
// newer. A loader such as tsx would add about 0.4 s to every run. Users run the same CLI
// compiled by tsc, from the metrics-kit-cli package's bin; the bundle is an ES module like it,
// so both load every package the same way.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sourceDir = dirname(fileURLToPath(import.meta.url));
const bundle = join(sourceDir, '..', 'node_modules', '.cache', 'metrics-codegen', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(sourceDir)) {
  const { buildSync } = await import('esbuild');
  try {
    const [output] = buildSync({
      entryPoints: [join(sourceDir, 'cli.ts')],
      outfile: bundle,
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    }).outputFiles;
    // Renamed into place, so a codegen started meanwhile never loads a half-written bundle.
    const staged = `${bundle}.${process.pid}`;
    mkdirSync(dirname(bundle), { recursive: true });
    // Files the CLI finds beside its own module, as it does in the package's dist/.
    copyFileSync(
      join(sourceDir, 'emit', 'format.biome.json'),
      join(dirname(bundle), 'format.biome.json'),
    );
    writeFileSync(staged, output.contents);
    renameSync(staged, bundle);
  } catch {
    process.stderr.write('metrics-kit: could not build codegen/ (esbuild printed why above)\n');
    process.exit(1);
  }
}
await import(pathToFileURL(bundle).href);
