import { createRequire } from 'node:module';
import type { GeneratedFile } from './generated-file.ts';

/**
 * The client for projects without TypeScript: the TypeScript client compiled by ts-morph's own
 * compiler to ES2022 JavaScript plus a declaration file, so editors still check label values.
 * Compiled rather than emitted twice, so the two languages cannot drift apart.
 *
 * ts-morph (with its bundled compiler, about 0.65 s to load) is required here, on the first
 * `--js` run, and nowhere else: a plain `generate` never loads it. Through `require` because it
 * is CommonJS, and an ESM `import` makes Node scan the large compiler for export names first.
 */
export function emitJavaScript(client: GeneratedFile): GeneratedFile[] {
  const { ModuleKind, ModuleResolutionKind, Project, ScriptTarget }: typeof import('ts-morph') =
    createRequire(import.meta.url)('ts-morph');
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      target: ScriptTarget.ES2022,
      module: ModuleKind.ES2022,
      moduleResolution: ModuleResolutionKind.Bundler,
      declaration: true,
      removeComments: false,
      noResolve: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
    },
  });
  project.createSourceFile(client.path, client.contents);
  const output = project.emitToMemory();
  const base = client.path.replace(/\.ts$/, '');
  const byName = new Map(
    output.getFiles().map((file) => [file.filePath.replace(/^\//, ''), file.text]),
  );
  return [`${base}.js`, `${base}.d.ts`].map((path) => {
    const contents = byName.get(path);
    if (contents === undefined) throw new Error(`ts-morph emitted no ${path}`);
    return { path, contents };
  });
}
