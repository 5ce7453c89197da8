import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

/**
 * Rules in the style of the monitoring mixins (kubernetes-mixin, node-mixin) that Grafana's
 * linter does not have: each was broken in an earlier dashboard of this project (issue 16).
 * Each returns `rule: where: what` lines.
 */
export interface MixinDashboard {
  readonly tags?: readonly string[];
  readonly annotations?: { readonly list: readonly { readonly expr?: string }[] };
  readonly panels: readonly MixinPanel[];
}

export interface MixinPanel {
  readonly id: number;
  readonly type: string;
  readonly title?: string;
  readonly links?: readonly { readonly url?: string }[];
  readonly fieldConfig?: {
    readonly defaults?: {
      readonly unit?: string;
      readonly thresholds?: { readonly steps?: readonly unknown[] };
    };
  };
  readonly targets?: readonly { readonly expr: string; readonly legendFormat?: string }[];
}

/** Lower-case spellings of acronyms a title must write in capitals. */
const ACRONYMS = new Set('api cpu db dns gc http https json slo sql tcp tls url'.split(' '));

export function lintMixinStyle(dashboard: MixinDashboard): string[] {
  const problems: string[] = [];
  if (!dashboard.tags?.length) problems.push('dashboard-tags-rule: the dashboard has no tags');
  const alerts = dashboard.annotations?.list.some((a) => a.expr?.startsWith('ALERTS{')) ?? false;
  if (!alerts) problems.push('alert-annotation-rule: no annotation shows firing ALERTS');
  const titles = new Map<string, number>();
  const queries = new Map<string, number>();
  let row = '';
  for (const panel of dashboard.panels) {
    if (panel.type === 'row') {
      row = panel.title ?? '';
      continue;
    }
    const title = panel.title ?? '';
    const where = `panel ${panel.id} "${title}"`;
    const sameTitle = titles.get(title);
    if (sameTitle !== undefined)
      problems.push(`panel-title-unique-rule: ${where} (as panel ${sameTitle})`);
    titles.set(title, panel.id);
    const exprs = (panel.targets ?? []).map((t) => t.expr.replace(/\s+/g, ' ')).join(' ; ');
    const sameQuery = queries.get(exprs);
    if (sameQuery !== undefined)
      problems.push(`panel-query-unique-rule: ${where} (as panel ${sameQuery})`);
    queries.set(exprs, panel.id);
    const unit = panel.fieldConfig?.defaults?.unit;
    if (unit === 'percentunit' && /\brate\b/i.test(title)) {
      problems.push(`ratio-title-rule: ${where} shows a ratio but is titled a rate`);
    }
    const lower = title
      .split(/[^A-Za-z0-9]+/)
      .find((word) => ACRONYMS.has(word.toLowerCase()) && word !== word.toUpperCase());
    if (lower !== undefined) problems.push(`title-acronym-rule: ${where} writes "${lower}"`);
    if (panel.type === 'stat') {
      if ((panel.fieldConfig?.defaults?.thresholds?.steps?.length ?? 0) < 2) {
        problems.push(`stat-thresholds-rule: ${where} has no threshold above its base colour`);
      }
      if (!panel.links?.some((l) => l.url?.includes('#'))) {
        problems.push(`stat-runbook-link-rule: ${where} links to no runbook`);
      }
    }
    for (const target of panel.targets ?? []) {
      if (keepsInstance(target.expr) && !target.legendFormat?.includes('{{instance}}')) {
        problems.push(`legend-instance-rule: ${where} splits by instance but its legend hides it`);
      }
      if (row === 'Overview' && !readsOnlyRecords(target.expr)) {
        problems.push(`overview-recorded-rule: ${where} computes what a recording rule should`);
      }
    }
  }
  return problems;
}

/** The query keeps one series per instance: `… by (…, instance, …)`, or a record per instance. */
function keepsInstance(expr: string): boolean {
  const text = expr.replaceAll('$__rate_interval', '1m');
  const top = parser.parse(text).topNode.firstChild;
  if (top?.name === 'AggregateExpr') {
    const modifier = top.getChild('AggregateModifier');
    const labels = modifier?.getChild('By') ? labelNames(text, modifier) : [];
    return labels.includes('instance');
  }
  return selectorNames(text).some((name) => name.split(':')[0]?.split('_').includes('instance'));
}

function readsOnlyRecords(expr: string): boolean {
  const names = selectorNames(expr.replaceAll('$__rate_interval', '1m'));
  return names.length > 0 && names.every((name) => name.includes(':'));
}

function labelNames(text: string, node: SyntaxNode): string[] {
  return (node.getChild('GroupingLabels')?.getChildren('LabelName') ?? []).map((label) =>
    text.slice(label.from, label.to),
  );
}

function selectorNames(text: string): string[] {
  const names: string[] = [];
  parser.parse(text).iterate({
    enter(ref) {
      if (ref.name !== 'VectorSelector') return;
      const identifier = ref.node.getChild('Identifier');
      if (identifier) names.push(text.slice(identifier.from, identifier.to));
    },
  });
  return names;
}
