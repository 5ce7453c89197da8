import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/cli.ts';

const TYPE_TESTS = 'test/types/recorders.typecheck.ts';

function project(): Project {
  return new Project({
    tsConfigFilePath: join(PROJECT_ROOT, 'tsconfig.json'),
    skipAddingFilesFromTsConfig: true,
  });
}

function errorsOf(target: Project): string[] {
  return target.getPreEmitDiagnostics().map((diagnostic) => {
    const line = diagnostic.getLineNumber() ?? 0;
    const file = diagnostic.getSourceFile()?.getBaseName() ?? '?';
    return `${file}:${line} TS${diagnostic.getCode()}`;
  });
}

describe('generated TypeScript', () => {
  it('compiles without errors under strict settings, for both specs', () => {
    const target = project();
    target.addSourceFileAtPath(join(PROJECT_ROOT, 'generated/metrics.ts'));
    target.addSourceFileAtPath(join(PROJECT_ROOT, 'test/golden/http-api/metrics.ts'));
    expect(errorsOf(target)).toEqual([]);
  });

  it('keeps every @ts-expect-error in the type tests an error', () => {
    const target = project();
    target.addSourceFileAtPath(join(PROJECT_ROOT, TYPE_TESTS));
    expect(errorsOf(target)).toEqual([]);
  });

  it('rejects each wrong call on its own line once the directives are removed', () => {
    const text = readFileSync(join(PROJECT_ROOT, TYPE_TESTS), 'utf8');
    const lines = text.split('\n');
    const expected = lines
      .map((line, index) => (line.startsWith('// @ts-expect-error') ? index + 2 : 0))
      .filter((line) => line > 0);
    const target = project();
    const stripped = lines.map((line) => (line.startsWith('// @ts-expect-error') ? '//' : line));
    target.createSourceFile(join(PROJECT_ROOT, 'test/types/stripped.ts'), stripped.join('\n'));
    const errorLines = errorsOf(target).map((error) => Number(error.split(':')[1]?.split(' ')[0]));
    expect(errorLines).toEqual(expected);
    expect(expected).toHaveLength(12);
  });
});
