import type { Finding } from './check.ts';

export interface VerifyReport {
  readonly url: string;
  readonly spec: string;
  /** The exposition format the service answered in. */
  readonly format: string;
  readonly families: number;
  readonly samples: number;
  readonly findings: readonly Finding[];
}

export function formatReport(report: VerifyReport, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const lines = report.findings.map(
    (finding) =>
      `${finding.spec}: ${finding.kind.padEnd(13)} ${finding.metric}: ${finding.message}`,
  );
  const scraped = `${report.url} (${report.format}, ${report.families} families, ${report.samples} samples)`;
  const count = report.findings.length;
  lines.push(
    count === 0
      ? `ok: ${scraped} matches ${report.spec}`
      : `${count} ${count === 1 ? 'difference' : 'differences'} between ${scraped} and ${report.spec}`,
  );
  return `${lines.join('\n')}\n`;
}
