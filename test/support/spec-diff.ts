import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SpecVersion } from '../../codegen/diff/spec-version.ts';
import { parseSpecText } from '../../codegen/parse/read-spec.ts';
import { checkParsed } from '../../codegen/validate/check.ts';
import { PROJECT_ROOT } from './cli.ts';

/**
 * An HTTP API's spec with counters, gauges, histograms, a composite, queries and an alert, kept
 * apart from the http-api fixture so that the lines and names these tests pin stay put.
 */
export const DIFF_BASE_TEXT = readFileSync(
  resolve(PROJECT_ROOT, 'test/fixtures/diff/metrics.yaml'),
  'utf8',
);

/** A validated version of spec text; throws with the first problem otherwise. */
export function versionOf(file: string, text: string): SpecVersion {
  const checked = checkParsed(parseSpecText(file, text));
  if (!checked.ok) {
    const first = checked.diagnostics[0];
    throw new Error(`${file}:${first?.line}:${first?.column} ${first?.path}: ${first?.message}`);
  }
  return new SpecVersion(checked.parsed, checked);
}

/** Replaces `from` (which must occur) in `text`, every occurrence. */
export function edit(
  text: string,
  ...pairs: readonly (readonly [string | RegExp, string])[]
): string {
  let out = text;
  for (const [from, to] of pairs) {
    const next = typeof from === 'string' ? out.split(from).join(to) : out.replace(from, to);
    if (next === out) throw new Error(`edit found nothing to replace: ${String(from)}`);
    out = next;
  }
  return out;
}
