import { expect, it } from 'vitest';
import type { MetricsModel } from '../../codegen/model/model.ts';
import { buildModel } from '../../codegen/model/model.ts';
import type { Diagnostic } from '../../codegen/parse/diagnostics.ts';
import { parseSpecText } from '../../codegen/parse/read-spec.ts';
import { validate } from '../../codegen/validate/index.ts';

/** Every problem the codegen finds in spec text read as `metrics.yaml`, parsing or validating. */
export function diagnosticsOf(text: string, file = 'metrics.yaml'): readonly Diagnostic[] {
  const parsed = parseSpecText(file, text);
  if (!parsed.ok) return parsed.diagnostics;
  const validated = validate(parsed.spec);
  return validated.ok ? [] : validated.diagnostics;
}

/** What formatDiagnostic prints first for each problem: `file:line:column path: message`. */
export function headingsOf(text: string): string[] {
  return diagnosticsOf(text).map(({ file, line, column, path, message }) =>
    path === ''
      ? `${file}:${line}:${column} ${message}`
      : `${file}:${line}:${column} ${path}: ${message}`,
  );
}

/** The model of valid spec text; throws with its problems otherwise. */
export function modelOfText(text: string, file = 'metrics.yaml'): MetricsModel {
  const parsed = parseSpecText(file, text);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  const validated = validate(parsed.spec);
  if (!validated.ok) throw new Error(validated.diagnostics.map((d) => d.message).join('\n'));
  return buildModel(validated, 'metrics.yaml');
}

/** `text` with `from`, which must occur in it exactly once, replaced by `to`. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) {
    throw new Error(`expected exactly one ${JSON.stringify(from)} in the spec`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** A validator case: a spec changed in one thing, and the headings of the problems it has. */
export interface SpecCase {
  readonly name: string;
  readonly spec: string;
  readonly want: readonly string[];
}

/** The table-driven validator tests: the base spec is valid, and each case has its problems. */
export function itReportsEachCase(base: string, cases: readonly SpecCase[]): void {
  it('accepts the base spec the cases start from', () => {
    expect(headingsOf(base)).toEqual([]);
  });

  it.each(cases)('$name', ({ spec, want }) => {
    expect(headingsOf(spec)).toEqual(want);
  });
}
