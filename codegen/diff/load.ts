import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { type Diagnostic, formatDiagnostic } from '../parse/diagnostics.ts';
import { sizeProblem } from '../parse/input-limits.ts';
import { type ParseResult, parseSpecText, readSpec, type SpecSource } from '../parse/read-spec.ts';
import { checkParsed } from '../validate/check.ts';
import { SpecVersion } from './spec-version.ts';

export type LoadedSpec =
  | { readonly ok: true; readonly version: SpecVersion }
  | { readonly ok: false; readonly errors: readonly string[] };

/** A spec file on disk, read, parsed and validated as `generate` does. */
export function loadSpecFile(path: string): LoadedSpec {
  return versionOf(readSpec(path));
}

/**
 * The base to compare with: a file when one exists at `base`, otherwise a git revision, at which
 * the spec is read from the path it has in its repository now.
 */
export function loadBase(base: string, specPath: string): LoadedSpec {
  if (existsSync(base) && statSync(base).isFile()) return loadSpecFile(base);
  return loadSpecAtRevision(base, specPath);
}

function loadSpecAtRevision(revision: string, specPath: string): LoadedSpec {
  const fail = (error: string): LoadedSpec => ({ ok: false, errors: [error] });
  if (revision.startsWith('-'))
    return fail(`--base "${revision}" is neither a file nor a git revision`);
  if (!existsSync(specPath)) return fail(`${specPath}: no such file`);
  const directory = dirname(resolve(specPath));
  const root = git(directory, ['rev-parse', '--show-toplevel']);
  if (root === undefined) {
    return fail(
      `--base "${revision}" is not a file, and ${specPath} is not in a git repository to read a revision from`,
    );
  }
  if (git(directory, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]) === undefined) {
    return fail(
      `--base "${revision}" is neither a file nor a revision of the git repository at ${root.trim()}`,
    );
  }
  const inRepository = relative(realpathSync(root.trim()), realpathSync(specPath))
    .split(sep)
    .join('/');
  const text = git(directory, ['show', `${revision}:${inRepository}`]);
  if (text === undefined) return fail(`${inRepository} does not exist at ${revision}`);
  const displayPath = `${revision}:${inRepository}`;
  const tooBig = sizeProblem(Buffer.byteLength(text));
  if (tooBig !== undefined) return fail(`${displayPath} ${tooBig}`);
  return versionOf(parseSpecText(displayPath, text));
}

/** Stdout of a git command, or undefined when it fails (git's own message is not shown). */
function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

function versionOf(parsed: ParseResult): LoadedSpec {
  const checked = checkParsed(parsed);
  if (!checked.ok) return { ok: false, errors: headLines(checked.diagnostics, checked.source) };
  return { ok: true, version: new SpecVersion(checked.parsed, checked) };
}

/** Each problem on one line, `file:line:column path: message`, without the code frame. */
function headLines(diagnostics: readonly Diagnostic[], source: SpecSource): string[] {
  return diagnostics.map((diagnostic) => formatDiagnostic(diagnostic, source).split('\n')[0] ?? '');
}
