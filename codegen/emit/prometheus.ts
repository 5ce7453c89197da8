import type { AlertModel, AlertTestModel, MetricsModel, TestSeriesModel } from '../model/model.ts';
import { scrapedLabels } from '../promql/alert-test.ts';
import type { GeneratedFile } from './generated-file.ts';
import { nativeHistogramRules } from './native-rules.ts';
import { yamlFile } from './yaml-file.ts';

export const PROMETHEUS_CONFIG_FILE = 'prometheus/prometheus.yml';
export const RULES_FILE = 'prometheus/rules.yml';
export const RULES_TEST_FILE = 'prometheus/rules.test.yml';

/** Prometheus's side of the spec: the scrape job, the rules, and the rules' own tests. */
export function emitPrometheus(model: MetricsModel): GeneratedFile[] {
  return [
    yamlFile(model.sourceFile, PROMETHEUS_CONFIG_FILE, prometheusConfig(model)),
    yamlFile(model.sourceFile, RULES_FILE, rules(model)),
    yamlFile(model.sourceFile, RULES_TEST_FILE, rulesTest(model)),
  ];
}

function prometheusConfig(model: MetricsModel) {
  const { job, targets, interval, timeout, auth } = model.scrape;
  return {
    global: { scrape_interval: interval, evaluation_interval: interval },
    alerting: {
      alertmanagers: [{ static_configs: [{ targets: [...model.scrape.alertmanagers] }] }],
    },
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
  const record = (query: MetricsModel['queries'][number]) => ({
    record: query.record,
    expr: query.expr,
    ...(query.ruleLabels === undefined ? {} : { labels: query.ruleLabels }),
  });
  const plain = [
    ...model.queries.filter((query) => query.slo === undefined).map(record),
    ...nativeHistogramRules(model),
  ];
  if (plain.length > 0) groups.push({ name: `${model.namespace}.rules`, rules: plain });
  for (const slo of model.slos) {
    const rules = model.queries.filter((query) => query.slo === slo.name).map(record);
    groups.push({ name: `${model.namespace}.slo.${slo.name}.rules`, rules });
  }
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

/** One test per alert and case: the input series raise exactly the expected alert, or none. */
function rulesTest(model: MetricsModel) {
  const target = model.scrape.testTarget;
  return {
    rule_files: ['rules.yml'],
    evaluation_interval: '1m',
    tests: model.alerts.flatMap((alert) =>
      alert.tests.map((test) => alertTest(alert, test, target)),
    ),
  };
}

function alertTest(
  alert: AlertModel,
  test: AlertTestModel,
  target: Readonly<Record<string, string>>,
) {
  return {
    name: test.name,
    interval: '1m',
    input_series: test.series.map((one) => ({
      series: seriesText(one, target),
      values: one.values,
    })),
    alert_rule_test: [
      {
        eval_time: test.at,
        alertname: alert.name,
        exp_alerts: test.expected === undefined ? [] : [expectedAlert(test.expected)],
      },
    ],
  };
}

function expectedAlert(expected: NonNullable<AlertTestModel['expected']>) {
  const { alertname: _, ...labels } = expected.labels;
  return { exp_labels: labels, exp_annotations: expected.annotations };
}

/** As scraped from the test target: the series' own labels plus `job` and `instance`. */
function seriesText(series: TestSeriesModel, target: Readonly<Record<string, string>>): string {
  const labels = scrapedLabels(series, target);
  const matchers = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `${series.name}{${matchers.join(',')}}`;
}
