/** This runtime's version, the same as its package.json's (a test keeps the two equal). */
export const RUNTIME_VERSION = '0.2.0';

/**
 * Throws when generated code meets a runtime it was not generated for. Generated modules call
 * this once at import, so a mismatch is a clear error at startup instead of a missing method or a
 * wrong exposition later. Compatible means the caret rule: same major version and at least the
 * expected one; below 1.0 the minor version must match too.
 *
 * @example
 * checkRuntimeVersion('^0.2.0', 'metrics.yaml'); // passes on 0.2.x, throws on 0.3.0
 */
export function checkRuntimeVersion(expectedRange: string, specFile: string): void {
  if (satisfiesCaret(RUNTIME_VERSION, expectedRange)) return;
  throw new Error(
    `the metrics client generated from ${specFile} needs metrics-kit ${expectedRange}, but ` +
      `metrics-kit ${RUNTIME_VERSION} is installed: install metrics-kit@${expectedRange} or ` +
      'generate the client again with the matching metrics-kit-cli',
  );
}

function satisfiesCaret(version: string, range: string): boolean {
  const want = parse(range.replace(/^\^/, ''));
  const have = parse(version);
  if (want === undefined || have === undefined) return false;
  if (have[0] !== want[0]) return false;
  if (want[0] === 0 && have[1] !== want[1]) return false;
  for (let i = 0; i < 3; i++) {
    if ((have[i] as number) !== (want[i] as number))
      return (have[i] as number) > (want[i] as number);
  }
  return true;
}

function parse(version: string): number[] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match === null ? undefined : match.slice(1).map(Number);
}
