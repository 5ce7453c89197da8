import { COUNTER_SUFFIX, HISTOGRAM_SUFFIXES } from '../promql/series-names.ts';
import type { MetricType } from '../spec/schema.ts';

/**
 * The naming rules of `promtool check metrics` (client_golang's promlint), applied to the
 * names a spec will expose, so a spec that passes here also passes promtool.
 */

const CAMEL_CASE = /[a-z][A-Z]/;

/** Unit words and the base unit each should be written in. */
const UNITS: Readonly<Record<string, string>> = {
  amperes: 'amperes',
  bytes: 'bytes',
  celsius: 'celsius',
  grams: 'grams',
  joules: 'joules',
  kelvin: 'kelvin',
  meters: 'meters',
  metres: 'metres',
  seconds: 'seconds',
  volts: 'volts',
  ratio: 'ratio',
  minutes: 'seconds',
  hours: 'seconds',
  days: 'seconds',
  weeks: 'seconds',
  kelvins: 'kelvin',
  fahrenheit: 'celsius',
  rankine: 'celsius',
  inches: 'meters',
  yards: 'meters',
  miles: 'meters',
  bits: 'bytes',
  calories: 'joules',
  pounds: 'grams',
  ounces: 'grams',
};

const UNIT_PREFIXES = [
  'pico',
  'nano',
  'micro',
  'milli',
  'centi',
  'deci',
  'deca',
  'hecto',
  'kilo',
  'kibi',
  'mega',
  'mebi',
  'mibi',
  'giga',
  'gibi',
  'tera',
  'tebi',
  'peta',
  'pebi',
];

const UNIT_ABBREVIATIONS = [
  's',
  'ms',
  'us',
  'ns',
  'sec',
  'b',
  'kb',
  'mb',
  'gb',
  'tb',
  'pb',
  'm',
  'h',
  'd',
];
const TYPE_NAMES = ['counter', 'gauge', 'histogram', 'summary'];

const BASE_UNITS: ReadonlySet<string> = new Set(
  Object.entries(UNITS)
    .filter(([unit, base]) => unit === base)
    .map(([unit]) => unit),
);

/**
 * Problems with a metric's full name (namespace applied, without the counter's `_total`).
 * camelCase is judged on the metric's own part: a camelCase namespace is reported once, on it.
 */
export function lintMetricName(name: string, type: MetricType, ownPart = name): string[] {
  const problems: string[] = [];
  const lower = name.toLowerCase();
  if (name.includes(':')) {
    problems.push(`"${name}" contains ':' (colons are reserved for recording rules)`);
  }
  if (CAMEL_CASE.test(ownPart)) {
    problems.push(`"${name}" is camelCase; metric names are snake_case`);
  }
  for (const typeName of TYPE_NAMES) {
    if (hasToken(lower, typeName)) {
      problems.push(`"${name}" should not include the metric type "${typeName}"`);
    }
  }
  for (const abbreviation of UNIT_ABBREVIATIONS) {
    if (hasToken(lower, abbreviation)) {
      problems.push(
        `"${name}" contains the abbreviated unit "_${abbreviation}"; spell out a base unit`,
      );
    }
  }
  const unit = unitIn(lower);
  if (unit !== undefined && unit.word !== unit.base) {
    problems.push(`"${name}" uses "${unit.word}"; use the base unit "${unit.base}"`);
  }
  if (lower.endsWith(COUNTER_SUFFIX)) {
    problems.push(
      type === 'counter'
        ? `"${name}" ends in "${COUNTER_SUFFIX}"; declare counters without it (it is added on exposure)`
        : `"${name}" ends in "${COUNTER_SUFFIX}", which only counters may`,
    );
  }
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (lower.endsWith(suffix)) {
      problems.push(
        `"${name}" ends in "${suffix}", which names a series of its own in the exposition`,
      );
    }
  }
  return problems;
}

/** Problems with a label name beyond its pattern. */
export function lintLabelName(name: string): string[] {
  if (name.startsWith('__')) return [`"${name}" starts with "__", which Prometheus reserves`];
  if (name === 'le' || name === 'quantile') {
    return [`"${name}" is reserved for histogram and summary series`];
  }
  if (CAMEL_CASE.test(name)) return [`"${name}" is camelCase; label names are snake_case`];
  return [];
}

/** Problems with a declared unit and how the metric's name carries it (OpenMetrics # UNIT). */
export function lintUnit(name: string, unit: string | undefined): string[] {
  if (unit === undefined) {
    const last = name.split('_').at(-1) ?? '';
    return BASE_UNITS.has(last)
      ? [`"${name}" ends in the unit "${last}" but declares no unit; add "unit: ${last}"`]
      : [];
  }
  const problems: string[] = [];
  const known = unitIn(unit);
  if (known !== undefined && known.word !== known.base) {
    return [`unit "${unit}" is not a base unit; use "${known.base}"`];
  }
  if (!name.endsWith(`_${unit}`)) {
    problems.push(`"${name}" must end in "_${unit}", the unit it declares`);
  }
  return problems;
}

function hasToken(name: string, token: string): boolean {
  return name.includes(`_${token}_`) || name.endsWith(`_${token}`);
}

function unitIn(name: string): { word: string; base: string } | undefined {
  for (const word of name.split('_')) {
    const base = UNITS[word];
    if (base !== undefined) return { word, base };
    for (const prefix of UNIT_PREFIXES) {
      const prefixed = word.startsWith(prefix) ? UNITS[word.slice(prefix.length)] : undefined;
      if (prefixed !== undefined) return { word, base: prefixed };
    }
  }
  return undefined;
}
