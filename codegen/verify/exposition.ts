/** A metric family as a scrape exposed it. */
export interface ExposedFamily {
  readonly name: string;
  /** As declared by `# TYPE`; `untyped` when there was no TYPE line. */
  type: string;
  unit: string | undefined;
  readonly samples: ExposedSample[];
  /** 1-based line of its first line in the body. */
  readonly line: number;
}

export interface ExposedSample {
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly value: number;
}

export type ExpositionFormat = 'prometheus' | 'openmetrics';

/** A body that is not a valid exposition: where and why, one line. */
export class ExpositionError extends Error {}

/** The sample suffixes each type allows after its family name. */
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  counter: ['_total', '_created'],
  histogram: ['_bucket', '_sum', '_count', '_created', '_gcount', '_gsum'],
  gaugehistogram: ['_bucket', '_gcount', '_gsum'],
  summary: ['_sum', '_count', '_created'],
};

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const VALUE = /^(?:[-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|[0-9]+\.)|[-+]?Inf|NaN)$/i;

/**
 * Parses the text format 0.0.4 or OpenMetrics 1.0 into families: the metadata lines, then each
 * sample given to the family whose name it extends. An OpenMetrics body must end with `# EOF`,
 * which is how a truncated scrape is told from a complete one.
 */
export function parseExposition(text: string, format: ExpositionFormat): ExposedFamily[] {
  const families = new Map<string, ExposedFamily>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let current: ExposedFamily | undefined;
  const familyNamed = (name: string, line: number): ExposedFamily => {
    let family = families.get(name);
    if (family === undefined) {
      family = { name, type: 'untyped', unit: undefined, samples: [], line };
      families.set(name, family);
    }
    return family;
  };
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    const number = index + 1;
    const fail = (why: string): never => {
      throw new ExpositionError(`line ${number}: ${why}: ${JSON.stringify(line.slice(0, 80))}`);
    };
    if (line === '# EOF') {
      if (format === 'openmetrics' && index !== lines.length - 1) fail('content after # EOF');
      if (format === 'openmetrics') return [...families.values()];
      continue;
    }
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE|UNIT) ([a-zA-Z_:][a-zA-Z0-9_:]*)(?: (.*))?$/.exec(line);
      if (match === null) continue;
      const [, keyword, name = '', rest = ''] = match;
      current = familyNamed(name, number);
      if (keyword === 'TYPE') current.type = rest.trim();
      if (keyword === 'UNIT') current.unit = rest.trim() === '' ? undefined : rest.trim();
      continue;
    }
    if (line.trim() === '') {
      if (format === 'openmetrics') fail('blank line');
      continue;
    }
    const sample = parseSample(line, fail);
    const owner =
      current !== undefined && belongsTo(sample.name, current)
        ? current
        : familyNamed(sample.name, number);
    owner.samples.push(sample);
  }
  if (format === 'openmetrics') {
    throw new ExpositionError(
      'the OpenMetrics body does not end with # EOF: truncated or not OpenMetrics',
    );
  }
  return [...families.values()];
}

function belongsTo(sample: string, family: ExposedFamily): boolean {
  if (sample === family.name) return true;
  if (!sample.startsWith(family.name)) return false;
  return (SUFFIXES[family.type] ?? []).includes(sample.slice(family.name.length));
}

function parseSample(line: string, fail: (why: string) => never): ExposedSample {
  const name = NAME.exec(line)?.[0];
  if (name === undefined) fail('not a sample, comment or metadata line');
  let at = name.length;
  const labels = new Map<string, string>();
  const skipSpaces = () => {
    while (line.charAt(at) === ' ') at++;
  };
  if (line.charAt(at) === '{') {
    at++;
    for (;;) {
      skipSpaces();
      if (line.charAt(at) === '}') break;
      const label = LABEL_NAME.exec(line.slice(at, at + 256))?.[0];
      if (label === undefined || line.slice(at + label.length, at + label.length + 2) !== '="') {
        fail('malformed labels');
      }
      at += label.length + 2;
      let value = '';
      for (let run = at; ; ) {
        const char = line.charAt(at);
        if (char === '') fail('unterminated label value');
        if (char === '"' || char === '\\') value += line.slice(run, at);
        if (char === '"') break;
        if (char === '\\') {
          const next = line.charAt(at + 1);
          value += next === 'n' ? '\n' : next;
          at += 2;
          run = at;
          continue;
        }
        at++;
      }
      labels.set(label, value);
      at++;
      skipSpaces();
      if (line.charAt(at) === ',') at++;
      else if (line.charAt(at) !== '}') fail('malformed labels');
    }
    at++;
  }
  const valueText = line.slice(at).trim().split(/\s+/)[0] ?? '';
  if (!VALUE.test(valueText)) fail('not a number');
  const value = /^[-+]?inf$/i.test(valueText)
    ? valueText.startsWith('-')
      ? Number.NEGATIVE_INFINITY
      : Number.POSITIVE_INFINITY
    : Number(valueText);
  return { name, labels, value };
}
