/**
 * Hostile specs: text (or bytes) that must end in a located, one-screen error. Each case is
 * small except where size is the point; large ones are built here, never committed.
 */
export interface HostileSpec {
  readonly name: string;
  readonly bytes: Buffer;
  /** The start of the first diagnostic, `line:column message…`. */
  readonly want: RegExp;
}

const VALID_HEAD = 'version: 1\nnamespace: shop\n';
const GROUP = [
  'groups:',
  '  - id: orders',
  '    title: Orders',
  '    description: Orders placed.',
  '    metrics:',
  '      - name: orders_placed',
  '        type: counter',
  '        help: Orders placed.',
].join('\n');

const text = (name: string, body: string, want: RegExp): HostileSpec => ({
  name,
  bytes: Buffer.from(body, 'utf8'),
  want,
});

/** A valid spec with `from` replaced by `to`. */
const edited = (name: string, from: string, to: string, want: RegExp): HostileSpec => {
  const valid = `${VALID_HEAD}${GROUP}\n`;
  if (!valid.includes(from)) throw new Error(`no ${from} in the base spec`);
  return text(name, valid.replace(from, to), want);
};

const SYNTAX = /YAML syntax error/;

export const HOSTILE_SPECS: readonly HostileSpec[] = [
  // YAML syntax errors of every kind.
  text('an unclosed double quote', `${VALID_HEAD}groups: "abc\n`, SYNTAX),
  text('an unclosed single quote', `${VALID_HEAD}groups: 'abc\n`, SYNTAX),
  text('an unclosed flow sequence', `${VALID_HEAD}groups: [a, b\n`, SYNTAX),
  text('an unclosed flow mapping', `${VALID_HEAD}groups: {a: 1\n`, SYNTAX),
  text('a stray closing bracket', `${VALID_HEAD}groups: a]\n`, /./),
  text('a stray closing brace', `${VALID_HEAD}}\n`, SYNTAX),
  text('a key with no value inside a flow mapping', `${VALID_HEAD}labels: {a:, : b}\n`, /./),
  text('a mapping value where none is allowed', `${VALID_HEAD}groups: a: b\n`, SYNTAX),
  text('a sequence item beside a mapping key', `${VALID_HEAD}- a\n`, SYNTAX),
  text('an invalid escape in a double-quoted string', `${VALID_HEAD}groups: "\\q"\n`, SYNTAX),
  text('an unterminated block scalar header', `${VALID_HEAD}groups: |x\n  a\n`, SYNTAX),
  text('a bad block scalar indentation indicator', `${VALID_HEAD}groups: |0\n  a\n`, SYNTAX),
  text('an undefined alias', `${VALID_HEAD}groups: *nowhere\n`, /./),
  text('an anchor with no node', `${VALID_HEAD}groups: &a\n`, /./),
  text('an alias used as a mapping key', `${VALID_HEAD}*a : 1\n`, /./),
  text('a second document', `${VALID_HEAD}---\nversion: 1\n`, /a spec is one document/),
  text('a %YAML directive of another version', `%YAML 9.9\n---\n${VALID_HEAD}`, /./),
  text('an unknown directive', `%FOO bar\n---\n${VALID_HEAD}`, /./),
  text('a !!binary tag', `${VALID_HEAD}groups: !!binary aGVsbG8=\n`, /./),
  text('a custom tag', `${VALID_HEAD}groups: !include other.yaml\n`, /./),
  text('a !!js/function tag', `${VALID_HEAD}groups: !!js/function 'function () {}'\n`, /./),
  text('a !!set', `${VALID_HEAD}groups: !!set { a, b }\n`, /./),
  text(
    'a complex mapping key',
    `${VALID_HEAD}? [a, b]\n: c\n`,
    /^3:3 a key must be a name, found a list$/,
  ),
  text(
    'a mapping as a key',
    `${VALID_HEAD}labels:\n  ? { a: 1 }\n  : c\n`,
    /^4:5 a key must be a name, found a mapping$/,
  ),
  text('a reserved indicator at the start', `${VALID_HEAD}groups: @x\n`, SYNTAX),
  text('a backtick at the start', `${VALID_HEAD}groups: \`x\n`, SYNTAX),
  text('a tab as indentation', `${VALID_HEAD}groups:\n\t- id: a\n`, SYNTAX),
  text('tabs deep inside a mapping', `${VALID_HEAD}labels:\n  a:\n\t\tdescription: x\n`, SYNTAX),
  text('inconsistent indentation', `${VALID_HEAD}groups:\n  - id: a\n   title: b\n`, SYNTAX),
  text(
    'a CRLF file with a syntax error',
    `${VALID_HEAD}groups: [a\r\n`.replace(/\n/g, '\r\n'),
    SYNTAX,
  ),
  text('a mix of CR-only line ends', `version: 1\rnamespace: shop\rgroups: [\r`, /./),

  // Duplicate keys.
  text('a duplicate top-level key', `${VALID_HEAD}namespace: again\n${GROUP}\n`, /appears twice/),
  edited(
    'a duplicate nested key',
    '        type: counter',
    '        type: counter\n        type: gauge',
    /appears twice/,
  ),
  text(
    'a duplicate key in a flow mapping',
    `${VALID_HEAD}labels: { a: 1, a: 2 }\n${GROUP}\n`,
    /appears twice/,
  ),
  text('a duplicate merge key bomb', `${VALID_HEAD}<<: {a: 1}\n<<: {b: 2}\n`, /./),

  // Alias expansion bombs.
  text('billion laughs', bomb(9, 9), /expands aliases too far/),
  text(
    'a wide alias fan-out',
    `a: &a [x]\nb: [${Array.from({ length: 500 }, () => '*a').join(', ')}]\n`,
    /expands aliases too far/,
  ),
  text('a self-referencing alias', 'a: &a [*a]\n', /./),

  // Size and depth.
  text(
    'a 10 MB spec',
    `${'# padding\n'.repeat(1_100_000)}${VALID_HEAD}`,
    /^1:1 is 10\.\d MB; a spec may be at most 1 MB/,
  ),
  text('a 1 MB single line', `${VALID_HEAD}groups: ${'x'.repeat(1_100_000)}\n`, /^1:1 is 1\.\d MB/),
  text(
    '20,000-deep flow sequences',
    `${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
    /^1:65 nests deeper than 64 levels/,
  ),
  text(
    '20,000-deep flow mappings',
    `${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`,
    /^1:\d+ nests deeper than 64 levels/,
  ),
  text(
    'deep block nesting',
    Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 2)}a:`).join('\n'),
    /nests deeper than 64 levels/,
  ),
  text(
    'deep block sequences',
    Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 2)}- a`).join('\n'),
    /nests deeper than 64 levels|YAML syntax error/,
  ),
  text(
    'brackets inside quotes do not count as nesting, but a wrong spec still fails',
    `${VALID_HEAD}groups: "${'['.repeat(500)}"\n`,
    /^3:9 expected a list, found "\[\[\[/,
  ),

  // Encodings and bytes.
  {
    name: 'invalid UTF-8',
    bytes: Buffer.concat([Buffer.from(VALID_HEAD), Buffer.from([0xc3, 0x28, 0x0a])]),
    want: /^1:1 is not valid UTF-8 text/,
  },
  {
    name: 'a UTF-16 file',
    bytes: Buffer.from(`\ufeff${VALID_HEAD}`, 'utf16le'),
    want: /^1:1 is (a binary file|not valid UTF-8)/,
  },
  {
    name: 'a binary file',
    bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff]),
    want: /^1:1 is a binary file/,
  },
  {
    name: 'a PNG header',
    bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]),
    want: /^1:1 is a binary file/,
  },
  {
    name: 'a NUL byte in text',
    bytes: Buffer.from(`${VALID_HEAD}groups: a\u0000b\n`),
    want: /^1:1 is a binary file/,
  },
  text('control characters', `${VALID_HEAD}groups: a\u0007b\n`, /./),
  text('an empty file', '', /^1:1 is empty/),
  text('only whitespace', '   \n\n  \n', /^1:1 is empty/),
  text('only comments', '# nothing here\n# at all\n', /^1:1 is empty/),

  // Wrong shapes.
  text('a top-level list', '- version: 1\n- namespace: shop\n', /expected a mapping|expected/),
  text('a top-level scalar', 'just some text\n', /expected/),
  text('a top-level number', '42\n', /expected/),
  text('a top-level null', '~\n', /^1:1 is empty|expected/),
  text(
    'groups as a mapping',
    `${VALID_HEAD}groups: { a: 1 }\n`,
    /^3:9 expected a list, found a mapping/,
  ),
  edited(
    'a metric as a list',
    '      - name: orders_placed\n        type: counter\n        help: Orders placed.',
    '      - [orders_placed, counter]',
    /expected a mapping/,
  ),
  edited('version as text', 'version: 1', 'version: "1"', /^1:10 expected 1, found "1"/),
  edited(
    'a help that is a number',
    'help: Orders placed.',
    'help: 42',
    /^10:15 expected a text, found 42/,
  ),
  edited('a huge number', 'version: 1', 'version: 1e999', /^1:10 expected 1, found Infinity/),
  edited(
    'a metric name with a newline',
    'name: orders_placed',
    'name: "orders\\nplaced"',
    /^8:15 expected a Prometheus metric name/,
  ),
  edited(
    'a metric name of 100,000 characters',
    'name: orders_placed',
    `name: ${'a'.repeat(100_000)}`,
    /^8:15 expected at most 200 characters/,
  ),
];

/** `levels` levels of `width` aliases each: width^levels nodes once expanded. */
function bomb(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array.from({ length: width }, () => '"lol"').join(', ')}]`];
  for (let level = 1; level < levels; level++) {
    const refs = Array.from({ length: width }, () => `*l${level - 1}`).join(', ');
    lines.push(`l${level}: &l${level} [${refs}]`);
  }
  return `${lines.join('\n')}\n`;
}
