import type { ValidSpec } from '../model/facts.ts';
import { buildModel } from '../model/model.ts';
import type { ResolvedOptions } from '../options.ts';
import type { ParsedSpec } from '../parse/read-spec.ts';
import { formatGeneratedFiles } from './format.ts';
import type { GeneratedFile } from './generated-file.ts';
import { emitAll } from './index.ts';

/** Model, emit and format a spec the validator has accepted. */
export function emitChecked(
  parsed: ParsedSpec,
  valid: ValidSpec,
  options: ResolvedOptions,
): GeneratedFile[] {
  const model = buildModel(valid, parsed.source.fileName);
  return formatGeneratedFiles(emitAll(model, options));
}
