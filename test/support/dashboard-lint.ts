import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { lintMixinStyle, type MixinDashboard, type MixinPanel } from './dashboard-lint-mixin.ts';

/**
 * The rules of Grafana's dashboard linter (github.com/grafana/dashboard-linter) for Prometheus
 * dashboards, re-stated over the dashboard JSON, plus the two the issue adds: rate before
 * aggregation, and `_bucket` only inside histogram_quantile or a heatmap. Written against the
 * lezer grammar directly, not the codegen's PromQL helpers, so a bug there cannot hide here.
 */
export interface DashboardJson extends MixinDashboard {
  readonly uid: string;
  readonly schemaVersion: number;
  readonly templating: { readonly list: readonly VariableJson[] };
  readonly panels: readonly PanelJson[];
}

interface VariableJson {
  readonly type: string;
  readonly name: string;
  readonly label?: string;
  readonly query?: string;
  readonly multi?: boolean;
  readonly allValue?: string;
  readonly datasource?: { readonly uid?: string };
}

export interface PanelJson extends MixinPanel {
  readonly id: number;
  readonly type: string;
  readonly title?: string;
  readonly description?: string;
  readonly datasource?: { readonly type?: string; readonly uid?: string };
  readonly gridPos: {
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
  };
  readonly targets?: readonly {
    readonly expr: string;
    readonly format?: string;
    readonly legendFormat?: string;
  }[];
}

/** Units the linter's panel-units-rule accepts that this project uses. */
const VALID_UNITS = new Set([
  'short',
  'none',
  'percent',
  'percentunit',
  's',
  'ms',
  'bytes',
  'decbytes',
  'Bps',
  'ops',
  'reqps',
]);
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax
const DATASOURCE_UIDS = new Set(['${datasource}', '$datasource']);
const RANGE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

/** Every rule violation, as `rule: where: what`; empty when the dashboard is clean. */
export function lintDashboard(dashboard: DashboardJson): string[] {
  const problems: string[] = [];
  const variables = new Map(dashboard.templating.list.map((v) => [v.name, v]));
  const datasource = variables.get('datasource');
  if (datasource?.type !== 'datasource' || datasource.query !== 'prometheus') {
    problems.push('template-datasource-rule: no Prometheus datasource variable named datasource');
  }
  for (const name of ['job', 'instance']) {
    const variable = variables.get(name);
    const ok =
      variable?.type === 'query' &&
      variable.label === name &&
      DATASOURCE_UIDS.has(variable.datasource?.uid ?? '') &&
      variable.multi === true &&
      variable.allValue === '.+';
    if (!ok) problems.push(`template-${name}-rule: ${name} variable missing or misconfigured`);
    const inner = /^label_values\((.*), (\w+)\)$/.exec(variable?.query ?? '');
    if (inner?.[2] !== name || parseErrors(inner[1] ?? '').length > 0) {
      problems.push(`template-label-promql-rule: ${name}: ${variable?.query}`);
    }
  }
  for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
    const where = `panel ${panel.id} "${panel.title}"`;
    if (!DATASOURCE_UIDS.has(panel.datasource?.uid ?? ''))
      problems.push(`panel-datasource-rule: ${where}`);
    if (!panel.title || !panel.description) problems.push(`panel-title-description-rule: ${where}`);
    if (!VALID_UNITS.has(panel.fieldConfig?.defaults?.unit ?? ''))
      problems.push(`panel-units-rule: ${where}`);
    if (!panel.targets?.length) problems.push(`panel-no-targets: ${where}`);
    for (const target of panel.targets ?? []) {
      problems.push(
        ...lintTarget(target.expr, target.format === 'heatmap').map((p) => `${p}: ${where}`),
      );
    }
  }
  return [...problems, ...lintMixinStyle(dashboard)];
}

function lintTarget(expr: string, heatmap: boolean): string[] {
  const problems: string[] = [];
  const text = expr.replaceAll('$__rate_interval', '1m');
  if (parseErrors(text).length > 0) return [`target-promql-rule: ${expr}`];
  parser.parse(text).iterate({
    enter(ref) {
      const node = ref.node;
      if (node.name === 'MatrixSelector') {
        const call = node.parent?.parent;
        const fn = call?.getChild('FunctionIdentifier');
        const range = textOf(text, node.lastChild);
        if (fn && RANGE_FUNCTIONS.has(textOf(text, fn)) && !rangeIsRateInterval(expr, text, node)) {
          problems.push(`target-rate-interval-rule: [${range}]`);
        }
      }
      if (node.name !== 'VectorSelector') return;
      const selector = textOf(text, node);
      if (!selector.includes('job=~"$job"')) problems.push('target-job-rule');
      // A recording rule aggregated above the instance has no instance label to filter on.
      const level = textOf(text, node.getChild('Identifier')).split(':');
      const perInstance = level.length < 3 || (level[0] ?? '').split('_').includes('instance');
      if (perInstance && !selector.includes('instance=~"$instance"')) {
        problems.push('target-instance-rule');
      }
      const name = textOf(text, node.getChild('Identifier'));
      if (name.endsWith('_total') && !insideRangeFunction(text, node)) {
        problems.push(`target-counter-agg-rule: ${name} is used without rate()`);
      }
      if (name.endsWith('_bucket') && !heatmap && !inside(text, node, 'histogram_quantile')) {
        problems.push(`bucket rule: ${name} outside histogram_quantile or a heatmap`);
      }
    },
  });
  return problems;
}

function parseErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr.replaceAll('$__rate_interval', '1m')).iterate({
    enter(ref) {
      if (ref.type.isError) errors.push(ref.from);
    },
  });
  return errors;
}

function textOf(expr: string, node: SyntaxNode | null): string {
  return node === null ? '' : expr.slice(node.from, node.to);
}

/** The substituted text moved offsets; compare on the original by counting ranges in order. */
function rangeIsRateInterval(original: string, substituted: string, node: SyntaxNode): boolean {
  const index = [...substituted.slice(0, node.to).matchAll(/\[[^\]]*\]/g)].length - 1;
  const ranges = [...original.matchAll(/\[([^\]]*)\]/g)];
  return ranges[index]?.[1] === '$__rate_interval';
}

function insideRangeFunction(expr: string, node: SyntaxNode): boolean {
  for (let at = node.parent; at !== null; at = at.parent) {
    if (
      at.name === 'FunctionCall' &&
      RANGE_FUNCTIONS.has(textOf(expr, at.getChild('FunctionIdentifier')))
    )
      return true;
    if (at.name === 'AggregateExpr') return false;
  }
  return false;
}

function inside(expr: string, node: SyntaxNode, functionName: string): boolean {
  for (let at = node.parent; at !== null; at = at.parent) {
    if (
      at.name === 'FunctionCall' &&
      textOf(expr, at.getChild('FunctionIdentifier')) === functionName
    )
      return true;
  }
  return false;
}
