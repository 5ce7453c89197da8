import { stringify } from 'yaml';
import type { AlertModel, MetricsModel, TestSeriesModel } from '../model/model.ts';
import { type GeneratedFile, generatedNotice } from './generated-file.ts';
import { nativeHistogramRules } from './native-rules.ts';

export const PROMETHEUS_CONFIG_FILE = 'prometheus/prometheus.yml';
export const RULES_FILE = 'prometheus/rules.yml';
export const RULES_TEST_FILE = 'prometheus/rules.test.yml';

/** Prometheus's side of the spec: the scrape job, the rules, and the rules' own tests. */
export function emitPrometheus(model: MetricsModel): GeneratedFile[] {
  const header = `# ${generatedNotice(model.sourceFile)}\n`;
  const yaml = (value: unknown) => header + stringify(value, { lineWidth: 0 });
  return [
    { path: PROMETHEUS_CONFIG_FILE, contents: yaml(prometheusConfig(model)) },
    { path: RULES_FILE, contents: yaml(rules(model)) },
    { path: RULES_TEST_FILE, contents: yaml(rulesTest(model)) },
  ];
}

function prometheusConfig(model: MetricsModel) {
  const { job, targets, interval, timeout, auth } = model.scrape;
  return {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: ['rules.yml'],
    scrape_configs: [
      {
        job_name: job,
        scrape_interval: interval,
        scrape_timeout: timeout,
        metrics_path: '/metrics',
        ...(auth?.type === 'bearer'
          ? { authorization: { type: 'Bearer', credentials_file: auth.credentials_file } }
          : {}),
        ...(auth?.type === 'basic'
          ? { basic_auth: { username: auth.username, password_file: auth.password_file } }
          : {}),
        static_configs: [{ targets: [...targets] }],
      },
    ],
  };
}

/** The rule groups of rules.yml; the PrometheusRule for Kubernetes holds the same. */
export function rules(model: MetricsModel) {
  const groups = [];
  const recorded = [
    ...model.queries.map((query) => ({ record: query.record, expr: query.expr })),
    ...nativeHistogramRules(model),
  ];
  if (recorded.length > 0) groups.push({ name: `${model.namespace}.rules`, rules: recorded });
  if (model.alerts.length > 0) {
    groups.push({ name: `${model.namespace}.alerts`, rules: model.alerts.map(alertRule) });
  }
  return { groups };
}

function alertRule(alert: AlertModel) {
  return {
    alert: alert.name,
    expr: alert.expr,
    ...(alert.for === undefined ? {} : { for: alert.for }),
    labels: { severity: alert.severity },
    annotations: {
      summary: alert.summary,
      description: alert.description,
      runbook_url: alert.runbookUrl,
    },
  };
}

/** One test per alert and outcome: the firing series raise exactly the expected alert. */
function rulesTest(model: MetricsModel) {
  return {
    rule_files: ['rules.yml'],
    evaluation_interval: '1m',
    tests: model.alerts.flatMap((alert) => [
      alertTest(alert, `${alert.name} fires`, alert.test.fires, [expectedAlert(alert)]),
      alertTest(alert, `${alert.name} stays silent`, alert.test.silent, []),
    ]),
  };
}

function alertTest(
  alert: AlertModel,
  name: string,
  series: readonly TestSeriesModel[],
  expected: readonly unknown[],
) {
  return {
    name,
    interval: '1m',
    input_series: series.map((one) => ({
      series: seriesText(one, alert.test.target),
      values: one.values,
    })),
    alert_rule_test: [{ eval_time: alert.test.at, alertname: alert.name, exp_alerts: expected }],
  };
}

function expectedAlert(alert: AlertModel) {
  const { alertname: _, ...labels } = alert.test.expectedLabels;
  return { exp_labels: labels, exp_annotations: alert.test.expectedAnnotations };
}

/** As scraped from the test target: the series' own labels plus `job` and `instance`. */
function seriesText(series: TestSeriesModel, target: Readonly<Record<string, string>>): string {
  const labels = { ...series.labels, ...target };
  const matchers = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `${series.name}{${matchers.join(',')}}`;
}
