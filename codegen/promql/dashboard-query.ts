import { parsePromql } from './syntax.ts';

/** What every dashboard query filters by: Grafana's job and instance variables. */
export const DASHBOARD_MATCHERS = 'job=~"$job", instance=~"$instance"';

/** Grafana's range for rate(): at least four scrape intervals, whatever the zoom. */
export const RATE_INTERVAL = '$__rate_interval';

/**
 * A rule expression as a dashboard runs it: every selector filtered by the job and instance
 * variables, every range `[5m]` replaced by `[$__rate_interval]`. Edits are made on the
 * parsed selectors' positions, so strings and label values are never touched.
 */
export function dashboardQuery(expr: string): string {
  const edits: { at: number; to: number; text: string }[] = [];
  for (const selector of parsePromql(expr).selectors) {
    const filtered = new Set(selector.matchers.map((matcher) => matcher.label.name));
    const missing = ['job', 'instance'].filter((label) => !filtered.has(label));
    const added = missing.map((label) => `${label}=~"$${label}"`).join(', ');
    if (added !== '' && selector.matchersRange === undefined) {
      edits.push({ at: selector.to, to: selector.to, text: `{${added}}` });
    } else if (added !== '' && selector.matchersRange !== undefined) {
      const close = selector.matchersRange.to - 1;
      const separator = selector.matchers.length > 0 ? ', ' : '';
      edits.push({ at: close, to: close, text: `${separator}${added}` });
    }
    if (selector.range !== undefined) {
      edits.push({ at: selector.range.from, to: selector.range.to, text: RATE_INTERVAL });
    }
  }
  let out = expr;
  for (const edit of edits.sort((a, b) => b.at - a.at)) {
    out = out.slice(0, edit.at) + edit.text + out.slice(edit.to);
  }
  return out;
}
