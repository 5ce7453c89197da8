/** The two exposition formats `/metrics` speaks, with the exact Content-Type of each. */
export type ExpositionFormat = 'prometheus' | 'openmetrics';

export const CONTENT_TYPES: Readonly<Record<ExpositionFormat, string>> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/** Label values escape `\`, `"` and newline in both formats. */
export function escapeLabelValue(value: string): string {
  return /[\\"\n]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
    : value;
}

/** HELP text escapes `\` and newline in 0.0.4; OpenMetrics also escapes `"`. */
export function escapeHelp(help: string, format: ExpositionFormat): string {
  const escaped = help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return format === 'openmetrics' ? escaped.replace(/"/g, '\\"') : escaped;
}

/** Go's ParseFloat spellings, which both formats share (`+Inf`, `-Inf`, `NaN`). */
export function formatSampleValue(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}

/** `{a="x",b="y"}` from a label text without braces; nothing when there are no labels. */
export function braced(labelText: string): string {
  return labelText === '' ? '' : `{${labelText}}`;
}

/** The family header: HELP and TYPE, plus UNIT in OpenMetrics when the family has one. */
export function familyHeader(
  familyName: string,
  type: string,
  help: string,
  unit: string | undefined,
  format: ExpositionFormat,
): string {
  const header = `# HELP ${familyName} ${escapeHelp(help, format)}\n# TYPE ${familyName} ${type}\n`;
  return format === 'openmetrics' && unit !== undefined && unit !== ''
    ? `${header}# UNIT ${familyName} ${unit}\n`
    : header;
}
