import { stringify } from 'yaml';
import { type GeneratedFile, generatedNotice } from './generated-file.ts';

/** A YAML file that says on its first line that it is generated; keys in the order given. */
export function yamlFile(sourceFile: string, path: string, value: unknown): GeneratedFile {
  const header = `# ${generatedNotice(sourceFile)}\n`;
  return { path, contents: header + stringify(value, { lineWidth: 0 }) };
}
