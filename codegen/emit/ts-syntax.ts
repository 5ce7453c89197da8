/** Small helpers that spell TypeScript syntax, so emitters never hand-escape text. */

export function stringLiteral(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${escaped}'`;
}

export function unionOf(values: readonly string[]): string {
  return values.map(stringLiteral).join(' | ');
}

export function arrayLiteral(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

/** JSDoc text must not close its own comment. */
export function docText(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

/** A number as a TypeScript literal that reads back to the same double. */
export function numberLiteral(value: number): string {
  return String(value);
}
