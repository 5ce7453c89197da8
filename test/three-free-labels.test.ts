import { renderMetrics } from 'metrics-kit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createHttpApiMetrics } from './golden/http-api/metrics.ts';

/**
 * The golden client of the second service's spec, run: `upstream_calls` has three free-form
 * labels and an enum, the path through `seriesOfAll` that one or two free-form labels never take.
 */
describe('a recorder with three free-form labels (http-api golden)', () => {
  it('records, limits, initialises and removes by all three values', async () => {
    const registry = new Registry();
    const metrics = createHttpApiMetrics({ registry });
    metrics.recordUpstreamCalls('/users', 'auth', 'eu', '2xx');
    metrics.recordUpstreamCalls('/users', 'auth', 'eu', '2xx', 2);
    metrics.recordUpstreamCalls('/users', 'auth', 'us', '5xx');
    metrics.initUpstreamCalls('/orders', 'billing', 'eu');
    let text = await renderMetrics(registry, 'prometheus');
    const line = (labels: string) =>
      text.split('\n').find((l) => l.startsWith(`http_api_upstream_calls_total{${labels}} `));
    expect(line('route="/users",upstream="auth",region="eu",status_class="2xx"')).toMatch(/ 3$/);
    expect(line('route="/users",upstream="auth",region="us",status_class="5xx"')).toMatch(/ 1$/);
    // Initialised at zero for every status class, as rate() needs.
    expect(line('route="/orders",upstream="billing",region="eu",status_class="4xx"')).toMatch(
      / 0$/,
    );

    metrics.removeUpstreamCalls('/users', 'auth', 'eu');
    text = await renderMetrics(registry, 'prometheus');
    expect(line('route="/users",upstream="auth",region="eu",status_class="2xx"')).toBeUndefined();
    expect(line('route="/users",upstream="auth",region="us",status_class="5xx"')).toMatch(/ 1$/);

    // region allows 8 values: the ninth folds into __overflow__, counted.
    for (let i = 0; i < 9; i++) metrics.recordUpstreamCalls('/r', 'auth', `region-${i}`, '2xx');
    text = await renderMetrics(registry, 'prometheus');
    expect(line('route="/r",upstream="auth",region="__overflow__",status_class="2xx"')).toMatch(
      / [1-9]\d*$/,
    );
    expect(text).toMatch(
      /http_api_metrics_label_overflow_total\{metric="http_api_upstream_calls_total",label="region"\} [1-9]/,
    );
  });
});
