import { buildModel } from '../model/model.ts';
import type { ResolvedOptions } from '../options.ts';
import type { ParsedSpec } from '../parse/read-spec.ts';
import type { MetricsSpec } from '../spec/schema.ts';
import { formatGeneratedFiles } from './format.ts';
import type { GeneratedFile } from './generated-file.ts';
import { emitAll } from './index.ts';

/** Model, emit and format a spec the validator has accepted. */
export function emitChecked(
  parsed: ParsedSpec,
  spec: MetricsSpec,
  options: ResolvedOptions,
): GeneratedFile[] {
  const model = buildModel(spec, parsed.source.fileName);
  return formatGeneratedFiles(emitAll(model, options));
}
