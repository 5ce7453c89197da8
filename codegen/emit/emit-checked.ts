import type { ValidSpec } from '../model/facts.ts';
import { buildModel } from '../model/model.ts';
import type { ResolvedOptions } from '../options.ts';
import type { ParsedSpec } from '../parse/read-spec.ts';
import { formatGeneratedFiles } from './format.ts';
import { emitMarker, type GeneratedFile } from './generated-file.ts';
import { emitClient, emitDocuments } from './index.ts';

/**
 * Model, emit and format a spec the validator has accepted: the files of `emitAll`, in its order.
 * The client goes to Biome first, and the other files are emitted while Biome starts and formats
 * it, so its process (about 70 ms) runs beside them on another core instead of after them.
 */
export async function emitChecked(
  parsed: ParsedSpec,
  valid: ValidSpec,
  options: ResolvedOptions,
): Promise<GeneratedFile[]> {
  const model = buildModel(valid, parsed.source.fileName);
  const client = formatGeneratedFiles(emitClient(model, options));
  const documents = emitDocuments(model);
  return [emitMarker(model.sourceFile), ...(await client), ...documents];
}
