import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { collectionKeyProblem } from './collection-keys.ts';
import { type Diagnostic, diagnosticAt } from './diagnostics.ts';
import { nestingProblem, sizeProblem } from './input-limits.ts';
import type { SpecSource } from './spec-source.ts';

export type { SpecSource };

export interface ParsedSpec {
  readonly source: SpecSource;
  readonly document: Document.Parsed;
  /** The document as plain data, converted once with the alias-expansion guard. */
  readonly value: unknown;
}

export type ParseResult =
  | { readonly ok: true; readonly spec: ParsedSpec }
  | { readonly ok: false; readonly source: SpecSource; readonly diagnostics: Diagnostic[] };

/** Past this many aliases a document is treated as an expansion bomb. */
const MAX_ALIAS_COUNT = 100;

/** Reads a spec file; the only place the codegen reads the disk. */
export function readSpec(path: string): ParseResult {
  const problem = unreadableReason(path);
  if (problem !== undefined) return failWholeFile(sourceOf(path, ''), problem);
  const bytes = readFileSync(path);
  const tooBig = sizeProblem(bytes.length);
  if (tooBig !== undefined) return failWholeFile(sourceOf(path, ''), tooBig);
  if (bytes.includes(0))
    return failWholeFile(sourceOf(path, ''), 'is a binary file, not YAML text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return failWholeFile(sourceOf(path, ''), 'is not valid UTF-8 text');
  }
  return parseSpecText(path, text);
}

function unreadableReason(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return 'is a directory, expected a YAML file';
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    return `cannot be read (${code ?? 'unknown error'})`;
  }
}

/** Parses spec text that did not come from the disk (tests, editors). */
export function parseSpecText(displayPath: string, text: string): ParseResult {
  const source = sourceOf(displayPath, text);
  const deep = nestingProblem(text);
  if (deep !== undefined) {
    // The YAML parser fills the line counter as it reads; it is not run on this text.
    for (const match of text.matchAll(/^/gm)) source.lineCounter.addNewLine(match.index);
    const diagnostic = diagnosticAt(source, [deep.offset, deep.offset + 1], [], deep.message);
    return { ok: false, source, diagnostics: [diagnostic] };
  }
  const document = parseDocument(text, {
    lineCounter: source.lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const diagnostics = firstErrorPerLine(
    document.errors.map((error) =>
      diagnosticAt(source, error.pos, [], yamlMessage(error.code, error.message)),
    ),
  );
  if (diagnostics.length > 0) return { ok: false, source, diagnostics };
  if (document.contents === null) {
    return failWholeFile(source, 'is empty; expected a mapping with version, namespace and groups');
  }
  const collectionKey = collectionKeyProblem(document);
  if (collectionKey !== undefined) {
    const diagnostic = diagnosticAt(source, collectionKey.range, [], collectionKey.message);
    return { ok: false, source, diagnostics: [diagnostic] };
  }
  try {
    const value: unknown = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { ok: true, spec: { source, document, value } };
  } catch (error) {
    const reason = (error as Error).message;
    return failWholeFile(
      source,
      `expands aliases too far (${reason}); a spec needs no more than ${MAX_ALIAS_COUNT}`,
    );
  }
}

/** yaml's messages end with a position we already show, and some speak to its API user. */
function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS')
    return 'YAML syntax error: a spec is one document; found a second `---`';
  if (code === 'DUPLICATE_KEY')
    return 'YAML syntax error: this key appears twice in the same mapping';
  const firstLine = message.split('\n')[0] ?? message;
  return `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`;
}

/** yaml's parser fills the line counter as it reads; a text that is never parsed gets one line. */
/** After a syntax error the parser's later errors on the same line are mostly its echoes. */
const MAX_SYNTAX_ERRORS = 5;

function firstErrorPerLine(diagnostics: Diagnostic[]): Diagnostic[] {
  const lines = new Set<number>();
  return diagnostics
    .filter((diagnostic) => !lines.has(diagnostic.line) && lines.add(diagnostic.line))
    .slice(0, MAX_SYNTAX_ERRORS);
}

function sourceOf(displayPath: string, text: string): SpecSource {
  const lineCounter = new LineCounter();
  if (text === '') lineCounter.addNewLine(0);
  return { displayPath, fileName: basename(displayPath), text, lineCounter };
}

function failWholeFile(source: SpecSource, reason: string): ParseResult {
  const diagnostic = diagnosticAt(source, [0, 1], [], reason);
  return { ok: false, source, diagnostics: [diagnostic] };
}
