/**
 * Prometheus's `humanizePercentage`, which alert descriptions use: Go's `%.4g` of the value
 * times 100, then `%`. Needed to write the exact annotation a generated rule test expects.
 */
export function humanizePercentage(value: number): string {
  return `${formatG4(value * 100)}%`;
}

/** Go's `%.4g`: 4 significant digits, trailing zeros dropped, exponent outside [1e-4, 1e4). */
function formatG4(value: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(value.toPrecision(4)))));
  if (exponent < -4 || exponent >= 4) {
    const [mantissa = '', power = '0'] = value.toExponential(3).split('e');
    const digits = mantissa.replace(/\.?0+$/, '');
    const sign = power.startsWith('-') ? '-' : '+';
    return `${digits}e${sign}${power.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  return String(Number(value.toPrecision(4)));
}
