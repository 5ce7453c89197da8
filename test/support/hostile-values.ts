import fc from 'fast-check';

const fromCode = (min: number, max: number) =>
  fc.integer({ min, max }).map((code) => String.fromCodePoint(code));

/**
 * The pieces hostile label values are built from, weighted towards what an exposition has to
 * escape or could mistake for structure: quotes, backslashes, line breaks, `# EOF`, braces,
 * U+2028/U+2029, NUL and other controls, astral emoji, lone surrogates, combining marks.
 */
const hostileUnit = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('"', '\\', '\n') },
  { weight: 4, arbitrary: fc.constantFrom('\r', '\t', '\r\n', '\\n', '\\"', '\\\\', '"}') },
  { weight: 4, arbitrary: fc.constantFrom('# EOF', '\n# EOF\n', ' # ', '#', '} 1\n', '{a="b"}') },
  { weight: 5, arbitrary: fc.constantFrom('{', '}', '=', ',', ' ', '_', '.', '-') },
  { weight: 3, arbitrary: fc.constantFrom('\u2028', '\u2029', '\u0085', '\u00a0', '\ufeff') },
  { weight: 3, arbitrary: fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\uffff') },
  { weight: 2, arbitrary: fromCode(0x00, 0x1f) },
  { weight: 3, arbitrary: fc.constantFrom('🚀', '👩‍👩‍👧', '🏳️‍🌈', '𝔘', '\u{10ffff}') },
  { weight: 2, arbitrary: fromCode(0x1_0000, 0x10_ffff) },
  { weight: 3, arbitrary: fromCode(0xd800, 0xdbff) }, // lone high surrogate (unless a low follows)
  { weight: 3, arbitrary: fromCode(0xdc00, 0xdfff) }, // lone low surrogate
  { weight: 3, arbitrary: fromCode(0x0300, 0x036f) }, // combining marks
  { weight: 1, arbitrary: fc.constantFrom('\u200d', '\u202e', '\ufffd', 'é', 'ß', '日本') },
  { weight: 14, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }) },
);

/** A value of 10,000 to 12,000 code units, a hostile piece repeated. */
const longValue = fc
  .tuple(fc.string({ unit: hostileUnit, minLength: 1, maxLength: 8 }), fc.nat({ max: 2000 }))
  .map(([piece, extra]) => piece.repeat(Math.ceil((10_000 + extra) / piece.length)));

/** Any string a caller might pass as a free-form label value. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 280, arbitrary: fc.string({ unit: hostileUnit, maxLength: 24 }) },
  { weight: 32, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 16, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 16, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.constantFrom('__overflow__', '# EOF', '\\', '"', '\n') },
  { weight: 2, arbitrary: longValue }, // about one in 175: each weighs as much as 500 others
);

/**
 * The value the documented policy records for `value`: lone surrogates become U+FFFD, everything
 * else (the empty string, `__overflow__`, NUL, line breaks…) is kept as is. Computed through
 * Node's UTF-8 encoder, independently of the runtime's own regex.
 */
export const recordedAs = (value: string): string => Buffer.from(value, 'utf8').toString('utf8');

/** Whether `text` holds no lone surrogate, so that it goes over the wire unchanged. */
export const isWellFormed = (text: string): boolean => recordedAs(text) === text;

/**
 * A PromQL string literal for `value`: printable ASCII as is (`"` and `\` escaped), everything
 * else as `\uXXXX` or `\UXXXXXXXX`. PromQL refuses a raw newline and a raw U+FFFD in a string.
 */
export function promqlString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** `value` for a failure message: escaped as in PromQL, cut after 80 code units. */
export const preview = (value: string): string =>
  value.length > 80
    ? `${promqlString(value.slice(0, 80))}…(${value.length} code units)`
    : promqlString(value);
