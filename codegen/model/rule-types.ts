import type { TestSeries } from '../promql/alert-test.ts';
import type { AlertSpec, GrafanaUnit } from '../spec/schema.ts';

/*
 * The rule models, apart from the code that builds them, so that the SLO model (slo.ts), which
 * rules.ts calls, can name them without an import cycle.
 */

/** A derived query: a recording rule, and a panel in the dashboard's overview row. */
export interface QueryModel {
  readonly record: string;
  readonly title: string;
  readonly description: string;
  readonly expr: string;
  readonly unit: GrafanaUnit;
  readonly panel: 'timeseries' | 'stat' | 'none';
  readonly groupId: string;
  /** Labels of its result; dashboards name series by them. */
  readonly outputLabels: readonly string[];
  /** Labels the rule adds to its result, such as an SLO's `slo`. */
  readonly ruleLabels?: Readonly<Record<string, string>>;
  /** The SLO whose error ratio it records, if any. */
  readonly slo?: string;
  /** Alerts that compare this recorded series with a number: its panel's thresholds. */
  readonly alertThresholds?: readonly AlertThreshold[];
}

export interface AlertThreshold {
  readonly alert: string;
  readonly value: number;
  readonly severity: AlertSpec['severity'];
  readonly runbookUrl: string;
}

export interface AlertModel {
  readonly name: string;
  readonly expr: string;
  readonly for: string | undefined;
  readonly severity: AlertSpec['severity'];
  readonly summary: string;
  readonly description: string;
  readonly runbook: string;
  /** Heading anchor of its runbook in METRICS.md. */
  readonly anchor: string;
  readonly runbookUrl: string;
  readonly groupId: string;
  /** The firing test, the silent test, then the spec's further cases. */
  readonly tests: readonly AlertTestModel[];
}

export interface AlertTestModel {
  /** `rules.test.yml`'s test name: `ProcessorDown fires`, `ProcessorDown: <case>`. */
  readonly name: string;
  readonly at: string;
  readonly series: readonly TestSeriesModel[];
  /** Undefined when the alert must stay silent. */
  readonly expected:
    | {
        /** Labels of the alert, `alertname` and `severity` included. */
        readonly labels: Readonly<Record<string, string>>;
        readonly annotations: Readonly<Record<string, string>>;
      }
    | undefined;
}

export interface TestSeriesModel extends TestSeries {
  readonly values: string;
}
