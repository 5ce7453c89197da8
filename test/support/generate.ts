import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GeneratedFile } from '../../codegen/emit/generated-file.ts';
import { buildModel, type MetricsModel } from '../../codegen/model/model.ts';
import { parseSpecText } from '../../codegen/parse/read-spec.ts';
import { validate } from '../../codegen/validate/index.ts';
import { PROJECT_ROOT } from './cli.ts';

export const SPECS = {
  processor: 'metrics.yaml',
  httpApi: 'test/fixtures/http-api/metrics.yaml',
} as const;

/** The validated model of a spec in this repository; throws with the diagnostics otherwise. */
export function modelOf(specPath: string): MetricsModel {
  const text = readFileSync(resolve(PROJECT_ROOT, specPath), 'utf8');
  const parsed = parseSpecText(specPath, text);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  const validated = validate(parsed.spec);
  if (!validated.ok) throw new Error(validated.diagnostics.map((d) => d.message).join('\n'));
  return buildModel(validated, 'metrics.yaml');
}

export function fileNamed(files: readonly GeneratedFile[], path: string): string {
  const file = files.find((candidate) => candidate.path === path);
  if (file === undefined) throw new Error(`no generated file ${path}`);
  return file.contents;
}
