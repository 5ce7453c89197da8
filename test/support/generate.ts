import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GeneratedFile } from '../../codegen/emit/generated-file.ts';
import type { MetricsModel } from '../../codegen/model/model.ts';
import { PROJECT_ROOT } from './cli.ts';
import { modelOfText } from './spec-text.ts';

export const SPECS = {
  processor: 'metrics.yaml',
  httpApi: 'test/fixtures/http-api/metrics.yaml',
} as const;

/** The validated model of a spec in this repository; throws with the diagnostics otherwise. */
export function modelOf(specPath: string): MetricsModel {
  return modelOfText(readFileSync(resolve(PROJECT_ROOT, specPath), 'utf8'), specPath);
}

export function fileNamed(files: readonly GeneratedFile[], path: string): string {
  const file = files.find((candidate) => candidate.path === path);
  if (file === undefined) throw new Error(`no generated file ${path}`);
  return file.contents;
}
