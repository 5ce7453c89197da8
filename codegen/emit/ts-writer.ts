import CodeBlockWriter from 'code-block-writer';
import type { ParameterModel } from '../model/model.ts';
import { docText } from './ts-syntax.ts';

/**
 * The one layer the TypeScript emitters write through: code-block-writer, the writer ts-morph
 * prints its structures with, used on its own. It keeps indentation and blocks; the emitters
 * decide every token. ts-morph itself is not loaded: its bundled compiler took 0.65 s to load,
 * half of a whole `generate`, to print text this writer prints alone.
 */
export type { CodeBlockWriter };

/** Writes one or more whole statements, ending on a line of its own. */
export type Statement = (writer: CodeBlockWriter) => void;

export function createWriter(): CodeBlockWriter {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
}

/**
 * Writes sections one blank line apart, their statements on consecutive lines; empty sections
 * are skipped. Returns the text with a single trailing newline.
 */
export function writeSections(sections: readonly (readonly Statement[])[]): string {
  const writer = createWriter();
  for (const [i, section] of sections.filter((statements) => statements.length > 0).entries()) {
    if (i > 0) writer.blankLineIfLastNot();
    for (const statement of section) statement(writer);
  }
  return `${writer.toString().trimEnd()}\n`;
}

/**
 * A JSDoc comment: `/** text *\/` when it is one line, otherwise one ` * ` line per line of text
 * (a bare ` *` for an empty one), as ts-morph's JSDoc printer laid them out, so the generated
 * bytes did not change when it went. Callers escape text with `docText`.
 */
export function writeDoc(writer: CodeBlockWriter, text: string): void {
  const lines = text.split(/\r?\n/);
  if (lines.length === 1) {
    writer.writeLine(text.endsWith(' ') ? `/** ${text}*/` : `/** ${text} */`);
    return;
  }
  writer.writeLine('/**');
  // A leading line break opens the block rather than adding an empty first line.
  for (const line of lines[0] === '' ? lines.slice(1) : lines) {
    writer.writeLine(line === '' ? ' *' : ` * ${line}`);
  }
  writer.writeLine(' */');
}

/** `@param` lines for a JSDoc comment, one per parameter. */
export function paramTags(parameters: readonly ParameterModel[]): string[] {
  return parameters.map(
    (parameter) => `@param ${parameter.name} ${docText(parameter.description)}`,
  );
}

/** Whether a caller may leave the parameter out: it has a default, or is marked optional. */
export function isOptional(parameter: ParameterModel): boolean {
  return parameter.defaultValue !== undefined || 'optional' in parameter;
}

export interface MethodSignature {
  readonly name: string;
  readonly parameters: readonly ParameterModel[];
  /** JSDoc text before the `@param` lines, escaped by the caller. */
  readonly description: string;
  readonly returnType: string;
}

/** `name(a: A, b?: B): void;` with its JSDoc, as a member of an interface. */
export function writeMethodSignature(writer: CodeBlockWriter, method: MethodSignature): void {
  writeDoc(writer, [method.description, ...paramTags(method.parameters)].join('\n'));
  const parameters = method.parameters.map(
    (parameter) => `${parameter.name}${isOptional(parameter) ? '?' : ''}: ${parameter.tsType}`,
  );
  writer.writeLine(`${method.name}(${parameters.join(', ')}): ${method.returnType};`);
}
