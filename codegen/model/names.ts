/** Case conversions and the derived names the emitters share, computed one way everywhere. */

export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^a-zA-Z0-9]+/)
    .filter((word) => word !== '');
}

export function pascalCase(name: string): string {
  return words(name)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}

export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped. */
export function anchorOf(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** Words that cannot name a parameter or a property shorthand in strict-mode TypeScript. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    'arguments await break case catch class const continue debugger default delete do else enum eval ' +
    'export extends false finally for function if implements import in instanceof interface let new ' +
    'null package private protected public return static super switch this throw true try typeof var ' +
    'void while with yield'
  ).split(' '),
);

/** Parameter names the recorders give their values; label parameters must not shadow them. */
const VALUE_PARAMETER_NAMES: ReadonlySet<string> = new Set(['amount', 'value', 'seconds', 'bytes']);

/** The recorder parameter that carries a label: `window_type` → `windowType`. */
export function labelParameterName(label: string): string {
  const name = camelCase(label) || 'label';
  return RESERVED_WORDS.has(name) || VALUE_PARAMETER_NAMES.has(name) ? `${name}Label` : name;
}

/** The parameter that carries an observed or set value, named by its unit where that reads well. */
export function valueParameterName(unit: string | undefined): string {
  return unit === 'seconds' || unit === 'bytes' ? unit : 'value';
}

/** The key of an enum value in its const object: `l1` → `L1`, `200` → `_200`. */
export function enumKey(value: string): string {
  const key = pascalCase(value);
  return /^[0-9]/.test(key) ? `_${key}` : key;
}

/**
 * The recorder a metric gets when the spec names none: one verb per type, `set` for gauges
 * and `record` for counters and histograms, as the seed spec names its own recorders.
 */
export function defaultRecorderName(name: string, type: 'counter' | 'gauge' | 'histogram'): string {
  const verb = type === 'gauge' ? 'set' : 'record';
  return `${verb}${pascalCase(name)}`;
}

/**
 * The series lifecycle recorders of a metric with free-form labels, named after its recorder:
 * the leading verb (`record`, `set`, …) becomes `init` and `remove`, so `setKafkaConsumerLag`
 * gives `initKafkaConsumerLag` and `removeKafkaConsumerLag`; a one-word recorder is kept whole.
 */
export function lifecycleNames(recorderName: string): { init: string; remove: string } {
  const stem = recorderName.replace(/^[a-z]+/, '');
  const subject = stem === '' ? recorderName.charAt(0).toUpperCase() + recorderName.slice(1) : stem;
  return { init: `init${subject}`, remove: `remove${subject}` };
}
