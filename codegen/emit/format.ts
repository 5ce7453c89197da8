import { spawn } from 'node:child_process';
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
export async function formatGeneratedFiles(
  files: readonly GeneratedFile[],
): Promise<GeneratedFile[]> {
  return Promise.all(files.map((file) => (/\.[jt]s$/.test(file.path) ? formatScript(file) : file)));
}

/**
 * One Biome process per script, its output awaited rather than waited for: the pipeline emits the
 * other files while Biome starts and formats (emit-checked.ts).
 */
function formatScript(file: GeneratedFile): Promise<GeneratedFile> {
  const { binary, configPath } = biome();
  const child = spawn(
    binary,
    ['format', `--config-path=${configPath}`, `--stdin-file-path=${file.path}`],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  // A Biome that exits early closes its stdin; 'close' below reports why.
  child.stdin.on('error', () => {});
  child.stdin.end(file.contents);
  return new Promise((resolve, reject) => {
    const fail = (reason: string) =>
      reject(new Error(`Biome could not format ${file.path}: ${reason}`));
    child.on('error', (error) => fail(error.message));
    child.on('close', (code, signal) => {
      const contents = Buffer.concat(stdout).toString('utf8');
      if (code === 0 && contents !== '') return resolve({ path: file.path, contents });
      fail(signal === null ? Buffer.concat(stderr).toString('utf8').trim() : `killed by ${signal}`);
    });
  });
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
