import { createRequire } from 'node:module';

/**
 * ts-morph loaded through `require`: it is CommonJS, and an ESM `import` of it makes Node scan
 * its large bundled compiler for export names first (cjs-module-lexer), which measured slower
 * on every run of the installed CLI. Types come from `import type` as usual.
 */
const tsMorph: typeof import('ts-morph') = createRequire(import.meta.url)('ts-morph');

export const {
  IndentationText,
  ModuleKind,
  ModuleResolutionKind,
  Project,
  QuoteKind,
  ScriptTarget,
  StructureKind,
  VariableDeclarationKind,
} = tsMorph;
