/** One file an emitter produces, addressed relative to the output directory. */
export interface GeneratedFile {
  /** POSIX path relative to the output directory, such as `grafana/dashboard.json`. */
  readonly path: string;
  readonly contents: string;
}

/** The line stamped at the top of every generated file, in that file's comment syntax. */
export function generatedNotice(sourceFile: string): string {
  return `Generated from ${sourceFile} by \`metrics-kit generate\`. Do not edit: change ${sourceFile} instead.`;
}

/**
 * Marks the output directory as the codegen's own (so `--out` never replaces a directory of
 * hand-written files) and tells GitHub to fold these files in diffs.
 */
export const GENERATED_MARKER_FILE = '.gitattributes';

export function emitMarker(sourceFile: string): GeneratedFile {
  return {
    path: GENERATED_MARKER_FILE,
    contents: `# ${generatedNotice(sourceFile)}\n* linguist-generated=true\n`,
  };
}
