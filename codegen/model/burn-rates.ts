import { pascalCase } from './names.ts';

/**
 * The multiwindow, multi-burn-rate alerts of the Google SRE workbook (chapter "Alerting on
 * SLOs"), as Sloth and Pyrra generate them: each alert fires when both a long and a short window
 * burn the error budget faster than the factor; the short window makes it resolve quickly.
 */
export interface BurnRateWindow {
  readonly long: string;
  readonly short: string;
  /** How many times faster than "exactly used up at the end of the window". */
  readonly factor: number;
}

export interface BurnRateAlert {
  /** Appended to the alert's name. */
  readonly suffix: 'FastBurn' | 'SlowBurn';
  readonly severity: 'critical' | 'warning';
  readonly for: string;
  readonly windows: readonly [BurnRateWindow, BurnRateWindow];
}

export const BURN_RATE_ALERTS: readonly BurnRateAlert[] = [
  {
    suffix: 'FastBurn',
    severity: 'critical',
    for: '2m',
    windows: [
      { long: '1h', short: '5m', factor: 14.4 },
      { long: '6h', short: '30m', factor: 6 },
    ],
  },
  {
    suffix: 'SlowBurn',
    severity: 'warning',
    for: '15m',
    windows: [
      { long: '1d', short: '2h', factor: 3 },
      { long: '3d', short: '6h', factor: 1 },
    ],
  },
];

/** Every window a rule reads, shortest first. */
export const SLO_WINDOWS: readonly string[] = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

/** The largest factor: an objective whose budget times it reaches 100% can never page. */
export const FASTEST_FACTOR = 14.4;

/** A number as rules print it: no binary noise (1 - 0.99 is 0.010000000000000009). */
export function cleanNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** `ProcessorEventDeliveryFastBurn`: the alert a burn rate of an SLO raises. */
export function sloAlertName(namespace: string, slo: string, burn: BurnRateAlert): string {
  return `${pascalCase(namespace)}${pascalCase(slo)}${burn.suffix}`;
}
