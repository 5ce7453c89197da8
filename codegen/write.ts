import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { GENERATED_MARKER_FILE, type GeneratedFile } from './emit/generated-file.ts';

/** Raised when the output directory holds files the codegen did not write. */
export class OutputDirectoryError extends Error {}

/**
 * Replaces `outDir` with exactly `files`, atomically: the new tree is staged beside it and
 * swapped in with two renames, so a failed run leaves the old tree as it was. A run killed
 * between the renames leaves `.<dir>.previous-*`, which the next run puts back first.
 * The only place the codegen writes to the disk.
 */
export function writeGenerated(outDir: string, files: readonly GeneratedFile[]): void {
  const target = resolve(outDir);
  const siblings = siblingPaths(target);
  recoverInterruptedWrite(outDir);
  assertOwned(target);
  mkdirSync(dirname(target), { recursive: true });
  rmSync(siblings.staging, { recursive: true, force: true });
  try {
    for (const file of files) {
      const path = join(siblings.staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
    }
    const hadPrevious = existsSync(target);
    if (hadPrevious) renameSync(target, siblings.previous);
    try {
      renameSync(siblings.staging, target);
    } catch (error) {
      if (hadPrevious) renameSync(siblings.previous, target);
      throw error;
    }
    rmSync(siblings.previous, { recursive: true, force: true });
  } finally {
    rmSync(siblings.staging, { recursive: true, force: true });
  }
}

export interface StaleFile {
  readonly path: string;
  readonly state: 'changed' | 'missing' | 'unexpected';
  readonly detail: string;
}

/** What differs between `outDir` on disk and `files`; empty when it is fresh. */
export function findStaleFiles(outDir: string, files: readonly GeneratedFile[]): StaleFile[] {
  const target = resolve(outDir);
  const expected = new Map(files.map((file) => [file.path, file.contents]));
  const stale: StaleFile[] = [];
  for (const [path, contents] of expected) {
    const full = join(target, path);
    if (!existsSync(full)) {
      stale.push({ path, state: 'missing', detail: 'not generated yet' });
      continue;
    }
    const actual = readFileSync(full, 'utf8');
    if (actual !== contents)
      stale.push({ path, state: 'changed', detail: lineDifference(actual, contents) });
  }
  for (const path of listFiles(target)) {
    if (!expected.has(path))
      stale.push({ path, state: 'unexpected', detail: 'no longer generated' });
  }
  return stale;
}

function lineDifference(actual: string, expected: string): string {
  const actualLines = actual.split('\n');
  const expectedLines = expected.split('\n');
  const first = expectedLines.findIndex((line, i) => line !== actualLines[i]);
  const remaining = new Map<string, number>();
  for (const line of actualLines) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  let added = 0;
  for (const line of expectedLines) {
    const left = remaining.get(line) ?? 0;
    if (left > 0) remaining.set(line, left - 1);
    else added++;
  }
  const removed = [...remaining.values()].reduce((sum, n) => sum + n, 0);
  const line = first === -1 ? expectedLines.length : first + 1;
  return `first difference at line ${line}; +${added} -${removed} lines`;
}

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function siblingPaths(target: string) {
  const prefix = join(dirname(target), `.${basename(target)}.`);
  return {
    prefix,
    staging: `${prefix}staging-${process.pid}`,
    previous: `${prefix}previous-${process.pid}`,
  };
}

/** Puts back the tree a run killed between its two renames left beside `outDir`. */
export function recoverInterruptedWrite(outDir: string): void {
  const target = resolve(outDir);
  const { prefix } = siblingPaths(target);
  if (existsSync(target) || !existsSync(dirname(target))) return;
  const leftover = readdirSync(dirname(target))
    .map((name) => join(dirname(target), name))
    .find((path) => path.startsWith(`${prefix}previous-`));
  if (leftover !== undefined) renameSync(leftover, target);
}

/** Refuses to replace a directory of someone else's files, such as a mistyped `--out src`. */
function assertOwned(target: string): void {
  if (!existsSync(target) || readdirSync(target).length === 0) return;
  const marker = join(target, GENERATED_MARKER_FILE);
  if (!existsSync(marker)) {
    throw new OutputDirectoryError(
      `refusing to replace ${target}: it holds files the codegen did not write (no ${GENERATED_MARKER_FILE})`,
    );
  }
}
