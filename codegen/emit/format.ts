import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratedFile } from './generated-file.ts';

/**
 * Formats generated TypeScript with the project's own formatter, Biome, so `generated/` reads
 * and lints like hand-written code. The emitters write each declaration, signature and array on
 * one line (code-block-writer knows indentation, not line width); Biome wraps what passes 100
 * columns and picks the quotes, which no emitter should have to measure. Its native binary
 * formats the client in about 40 ms.
 * The settings ship with the CLI (`format.biome.json` beside this file) rather than coming from
 * the user's project or the current directory, so the same spec gives the same bytes anywhere.
 */
export function formatGeneratedFiles(files: readonly GeneratedFile[]): GeneratedFile[] {
  return files.map((file) => (/\.[jt]s$/.test(file.path) ? formatScript(file) : file));
}

function formatScript(file: GeneratedFile): GeneratedFile {
  const { binary, configPath } = biome();
  const result = spawnSync(
    binary,
    ['format', `--config-path=${configPath}`, `--stdin-file-path=${file.path}`],
    { input: file.contents, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (result.status !== 0 || result.stdout === '') {
    const reason = result.error?.message ?? result.stderr.trim();
    throw new Error(`Biome could not format ${file.path}: ${reason}`);
  }
  return { path: file.path, contents: result.stdout };
}

let located: { binary: string; configPath: string } | undefined;

const CONFIG = fileURLToPath(new URL('./format.biome.json', import.meta.url));

/** The platform binary directly: Biome's `bin/biome` wrapper would start another node first. */
function biome(): { binary: string; configPath: string } {
  if (located !== undefined) return located;
  const require = createRequire(import.meta.url);
  const wrapper = require.resolve('@biomejs/biome/package.json');
  const platform = `@biomejs/cli-${process.platform}-${process.arch}`;
  let binary: string;
  try {
    binary = require.resolve(`${platform}/biome`);
  } catch {
    binary = join(dirname(wrapper), 'bin', 'biome');
  }
  located = { binary, configPath: CONFIG };
  return located;
}
