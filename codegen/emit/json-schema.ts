import { z } from 'zod';
import { specSchema } from '../spec/schema.ts';
import { type GeneratedFile, generatedNotice } from './generated-file.ts';

export const JSON_SCHEMA_FILE = 'metrics.schema.json';

/**
 * The spec format as JSON Schema, for editors (yaml-language-server). Derived from the same
 * zod schema the validator uses; draft-07 because editors support it most widely.
 */
export function emitJsonSchema(sourceFile: string): GeneratedFile {
  const { $schema, ...schema } = z.toJSONSchema(specSchema, { target: 'draft-07' });
  const document = {
    $schema,
    $comment: generatedNotice(sourceFile),
    title: 'metrics.yaml',
    ...schema,
  };
  return { path: JSON_SCHEMA_FILE, contents: `${JSON.stringify(document, null, 2)}\n` };
}
