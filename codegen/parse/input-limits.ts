/**
 * Limits that keep hostile input cheap: a spec is a few hundred lines nested a few levels deep,
 * so anything far beyond is refused before the YAML parser spends a second (or its stack) on it.
 */
export const MAX_SPEC_BYTES = 1024 * 1024;
export const MAX_NESTING = 64;

export interface LimitProblem {
  /** Offset in the text the problem is reported at. */
  readonly offset: number;
  readonly message: string;
}

export function sizeProblem(bytes: number): string | undefined {
  if (bytes <= MAX_SPEC_BYTES) return undefined;
  const megabytes = (bytes / (1024 * 1024)).toFixed(1);
  return `is ${megabytes} MB; a spec may be at most 1 MB (one of 40 metrics is about 20 KB)`;
}

/**
 * The first place where flow collections (`[`, `{`) or block indentation nest deeper than
 * MAX_NESTING levels. Quoted scalars and comments are skipped, so brackets inside text do not
 * count; the scan is linear and needs no stack.
 */
export function nestingProblem(text: string): LimitProblem | undefined {
  let depth = 0;
  let quote: string | undefined;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (char === ' ') {
        indent++;
        if (indent > MAX_NESTING * 2) return tooDeep(i);
        continue;
      }
      lineStart = false;
    }
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end - 1;
    } else if (char === '[' || char === '{') {
      depth++;
      if (depth > MAX_NESTING) return tooDeep(i);
    } else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function tooDeep(offset: number): LimitProblem {
  return {
    offset,
    message: `nests deeper than ${MAX_NESTING} levels here; a spec needs at most 6`,
  };
}
