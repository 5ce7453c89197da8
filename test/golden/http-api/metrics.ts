// Generated from metrics.yaml by `metrics-kit generate`. Do not edit: change metrics.yaml instead.
import {
  checkRuntimeVersion,
  combineSlots,
  type Exemplar,
  MetricSet,
  type MetricsRegistry,
  type NativeResolution,
} from 'metrics-kit';

checkRuntimeVersion('^0.2.0', 'metrics.yaml');

/** HTTP request method. */
export type MethodLabel = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** The values of the `method` label by name, as in `MethodLabel.Get`. */
export const MethodLabel = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
} as const satisfies Record<string, MethodLabel>;
/** Every value of the `method` label, in declaration order. */
export const methodLabelValues: readonly MethodLabel[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Class of the response status code. */
export type StatusClassLabel = '2xx' | '3xx' | '4xx' | '5xx';
/** The values of the `status_class` label by name, as in `StatusClassLabel._2xx`. */
export const StatusClassLabel = {
  _2xx: '2xx',
  _3xx: '3xx',
  _4xx: '4xx',
  _5xx: '5xx',
} as const satisfies Record<string, StatusClassLabel>;
/** Every value of the `status_class` label, in declaration order. */
export const statusClassLabelValues: readonly StatusClassLabel[] = ['2xx', '3xx', '4xx', '5xx'];

/** Whether the default handler answered (a reserved word as a label name). */
export type DefaultLabel = 'true' | 'false';
/** The values of the `default` label by name, as in `DefaultLabel.True`. */
export const DefaultLabel = {
  True: 'true',
  False: 'false',
} as const satisfies Record<string, DefaultLabel>;
/** Every value of the `default` label, in declaration order. */
export const defaultLabelValues: readonly DefaultLabel[] = ['true', 'false'];

/** Request latencies from 5 ms to 10 s. Upper bounds; +Inf is added on exposure. */
export const latencyBuckets: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];
/** Bucket layout `body_size`. Upper bounds; +Inf is added on exposure. */
export const bodySizeBuckets: readonly number[] = [];
/** Native resolution of layout `body_size`: schema 2 (buckets grow by 1.189), at most 100 populated buckets per series before the resolution is halved. */
export const bodySizeNative: NativeResolution = { schema: 2, maxBuckets: 100, zeroThreshold: 1 };

/** Free-form label values selecting series across metrics, for `removeSeries`: a metric carrying every given label loses the series with those values. */
export interface HttpApiSeriesSelector {
  /** Route pattern that matched the request, such as /users/:id. */
  readonly route?: string;
  /** Upstream service a request called, by host name. */
  readonly upstream?: string;
  /** Region of the upstream instance that answered. */
  readonly region?: string;
}

/** Typed recorders for the `http_api` metrics, one per metric plus composites. */
export interface HttpApiMetrics {
  /**
   * HTTP requests served, by method, route and status class.
   *
   * Counter `http_api_requests_total`.
   * @param method HTTP request method.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param statusClass Class of the response status code.
   * @param amount How much to add; 1 when omitted.
   * @param exemplar Labels linking this recording to a trace, such as `{ trace_id }` (at most 128 characters in all); the latest per series or bucket is exposed in OpenMetrics and protobuf, and one that cannot be is dropped and counted.
   */
  recordRequests(
    method: MethodLabel,
    route: string,
    statusClass: StatusClassLabel,
    amount?: number,
    exemplar?: Exemplar,
  ): void;
  /**
   * Time from the first byte of the request to the last byte of the response.
   *
   * Histogram `http_api_request_duration_seconds` in seconds, buckets `latency`.
   * @param method HTTP request method.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param seconds The observed value, in seconds.
   * @param exemplar Labels linking this recording to a trace, such as `{ trace_id }` (at most 128 characters in all); the latest per series or bucket is exposed in OpenMetrics and protobuf, and one that cannot be is dropped and counted.
   */
  recordRequestDurationSeconds(
    method: MethodLabel,
    route: string,
    seconds: number,
    exemplar?: Exemplar,
  ): void;
  /**
   * Size of response bodies.
   *
   * Histogram `http_api_response_size_bytes` in bytes, buckets `body_size`.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param bytes The observed value, in bytes.
   */
  recordResponseSizeBytes(route: string, bytes: number): void;
  /**
   * Requests being served right now.
   *
   * Gauge `http_api_requests_in_flight`.
   * @param value The current value.
   */
  setRequestsInFlight(value: number): void;
  /**
   * Responses by whether the default handler answered.
   *
   * Counter `http_api_fallback_responses_total`.
   * @param defaultLabel Whether the default handler answered (a reserved word as a label name).
   * @param amount How much to add; 1 when omitted.
   */
  recordFallbackResponses(defaultLabel: DefaultLabel, amount?: number): void;
  /**
   * Calls to upstream services, by route, upstream and region (three free-form labels).
   *
   * Counter `http_api_upstream_calls_total`.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param upstream Upstream service a request called, by host name.
   * @param region Region of the upstream instance that answered.
   * @param statusClass Class of the response status code.
   * @param amount How much to add; 1 when omitted.
   */
  recordUpstreamCalls(
    route: string,
    upstream: string,
    region: string,
    statusClass: StatusClassLabel,
    amount?: number,
  ): void;
  /**
   * Counts a request and observes its duration.
   *
   * Records `http_api_requests_total`, `http_api_request_duration_seconds`.
   * @param method HTTP request method.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param statusClass Class of the response status code.
   * @param seconds The observed value, in seconds.
   * @param exemplar Labels linking this recording to a trace, such as `{ trace_id }` (at most 128 characters in all); the latest per series or bucket is exposed in OpenMetrics and protobuf, and one that cannot be is dropped and counted.
   */
  recordRequest(
    method: MethodLabel,
    route: string,
    statusClass: StatusClassLabel,
    seconds: number,
    exemplar?: Exemplar,
  ): void;
  /**
   * Creates the series of `http_api_requests_total` for these values at zero, one per combination of its enum labels, so `rate()` and `increase()` see their first events. Series that exist keep their values.
   * @param route Route pattern that matched the request, such as /users/:id.
   */
  initRequests(route: string): void;
  /**
   * Removes every series of `http_api_requests_total` with these values; recording them again starts from zero.
   * @param route Route pattern that matched the request, such as /users/:id.
   */
  removeRequests(route: string): void;
  /**
   * Creates the series of `http_api_request_duration_seconds` for these values at zero, one per combination of its enum labels, so `rate()` and `increase()` see their first events. Series that exist keep their values.
   * @param route Route pattern that matched the request, such as /users/:id.
   */
  initRequestDurationSeconds(route: string): void;
  /**
   * Removes every series of `http_api_request_duration_seconds` with these values; recording them again starts from zero.
   * @param route Route pattern that matched the request, such as /users/:id.
   */
  removeRequestDurationSeconds(route: string): void;
  /**
   * Creates the series of `http_api_response_size_bytes` for these values at zero, so `rate()` and `increase()` see their first events. Series that exist keep their values.
   * @param route Route pattern that matched the request, such as /users/:id.
   */
  initResponseSizeBytes(route: string): void;
  /**
   * Removes every series of `http_api_response_size_bytes` with these values; recording them again starts from zero.
   * @param route Route pattern that matched the request, such as /users/:id.
   */
  removeResponseSizeBytes(route: string): void;
  /**
   * Creates the series of `http_api_upstream_calls_total` for these values at zero, one per combination of its enum labels, so `rate()` and `increase()` see their first events. Series that exist keep their values.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param upstream Upstream service a request called, by host name.
   * @param region Region of the upstream instance that answered.
   */
  initUpstreamCalls(route: string, upstream: string, region: string): void;
  /**
   * Removes every series of `http_api_upstream_calls_total` with these values; recording them again starts from zero.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param upstream Upstream service a request called, by host name.
   * @param region Region of the upstream instance that answered.
   */
  removeUpstreamCalls(route: string, upstream: string, region: string): void;
  /**
   * Removes, from every metric carrying all the selected labels, the series with those values (a revoked partition: `{ topic, partition }`). Returns how many series were removed; an empty selector removes none.
   * @param selector Free-form label values to match.
   */
  removeSeries(selector: HttpApiSeriesSelector): number;
}

export interface HttpApiMetricsOptions {
  /** Where the metrics are registered; prom-client's global `register` when omitted. */
  registry?: MetricsRegistry;
}

/** The slot of a `method` value; -1 for a value outside the enum. */
const methodIndex = (value: MethodLabel): number => {
  switch (value) {
    case 'GET':
      return 0;
    case 'POST':
      return 1;
    case 'PUT':
      return 2;
    case 'PATCH':
      return 3;
    case 'DELETE':
      return 4;
    default:
      return -1;
  }
};

/** The slot of a `status_class` value; -1 for a value outside the enum. */
const statusClassIndex = (value: StatusClassLabel): number => {
  switch (value) {
    case '2xx':
      return 0;
    case '3xx':
      return 1;
    case '4xx':
      return 2;
    case '5xx':
      return 3;
    default:
      return -1;
  }
};

/** The slot of a `default` value; -1 for a value outside the enum. */
const defaultIndex = (value: DefaultLabel): number => {
  switch (value) {
    case 'true':
      return 0;
    case 'false':
      return 1;
    default:
      return -1;
  }
};

/**
 * Registers every `http_api` metric in the registry and returns its typed recorders.
 * Call it once per registry: registering the same names twice throws, before anything is registered.
 * @example
 * const metrics = createHttpApiMetrics({ registry: new Registry() });
 * metrics.recordRequests(MethodLabel.Get, 'example', StatusClassLabel._2xx);
 */
export function createHttpApiMetrics(options: HttpApiMetricsOptions = {}): HttpApiMetrics {
  const set = new MetricSet({ registry: options.registry, namespace: 'http_api' });
  const requestsMetric = set.exemplarCounter({
    name: 'http_api_requests_total',
    help: 'HTTP requests served, by method, route and status class.',
    labels: [
      { name: 'method', values: methodLabelValues },
      { name: 'route', maxValues: 200, kind: 'string' },
      { name: 'status_class', values: statusClassLabelValues },
    ],
  });
  const requestDurationSecondsMetric = set.nativeHistogram({
    name: 'http_api_request_duration_seconds',
    help: 'Time from the first byte of the request to the last byte of the response.',
    unit: 'seconds',
    labels: [
      { name: 'method', values: methodLabelValues },
      { name: 'route', maxValues: 200, kind: 'string' },
    ],
    buckets: latencyBuckets,
    exemplars: true,
  });
  const responseSizeBytesMetric = set.nativeHistogram({
    name: 'http_api_response_size_bytes',
    help: 'Size of response bodies.',
    unit: 'bytes',
    labels: [{ name: 'route', maxValues: 200, kind: 'string' }],
    buckets: bodySizeBuckets,
    native: bodySizeNative,
  });
  const requestsInFlightMetric = set.gauge({
    name: 'http_api_requests_in_flight',
    help: 'Requests being served right now.',
  });
  const fallbackResponsesMetric = set.counter({
    name: 'http_api_fallback_responses_total',
    help: 'Responses by whether the default handler answered.',
    labels: [{ name: 'default', values: defaultLabelValues }],
  });
  const upstreamCallsMetric = set.counter({
    name: 'http_api_upstream_calls_total',
    help: 'Calls to upstream services, by route, upstream and region (three free-form labels).',
    labels: [
      { name: 'route', maxValues: 200, kind: 'string' },
      { name: 'upstream', maxValues: 20, kind: 'string' },
      { name: 'region', maxValues: 8, kind: 'string' },
      { name: 'status_class', values: statusClassLabelValues },
    ],
  });
  set.register();
  const recordRequests = (
    method: MethodLabel,
    route: string,
    statusClass: StatusClassLabel,
    amount = 1,
    exemplar?: Exemplar,
  ): void => {
    requestsMetric.inc(
      requestsMetric.seriesOf(
        route,
        combineSlots(methodIndex(method), statusClassIndex(statusClass), 4),
      ),
      amount,
      exemplar,
    );
  };
  const recordRequestDurationSeconds = (
    method: MethodLabel,
    route: string,
    seconds: number,
    exemplar?: Exemplar,
  ): void => {
    requestDurationSecondsMetric.observe(
      requestDurationSecondsMetric.seriesOf(route, methodIndex(method)),
      seconds,
      exemplar,
    );
  };
  const recordResponseSizeBytes = (route: string, bytes: number): void => {
    responseSizeBytesMetric.observe(responseSizeBytesMetric.seriesOf(route), bytes);
  };
  const setRequestsInFlight = (value: number): void => {
    requestsInFlightMetric.set(0, value);
  };
  const recordFallbackResponses = (defaultLabel: DefaultLabel, amount = 1): void => {
    fallbackResponsesMetric.inc(defaultIndex(defaultLabel), amount);
  };
  const recordUpstreamCalls = (
    route: string,
    upstream: string,
    region: string,
    statusClass: StatusClassLabel,
    amount = 1,
  ): void => {
    upstreamCallsMetric.inc(
      upstreamCallsMetric.seriesOfAll([route, upstream, region], statusClassIndex(statusClass)),
      amount,
    );
  };
  const recordRequest = (
    method: MethodLabel,
    route: string,
    statusClass: StatusClassLabel,
    seconds: number,
    exemplar?: Exemplar,
  ): void => {
    recordRequests(method, route, statusClass, 1, exemplar);
    recordRequestDurationSeconds(method, route, seconds, exemplar);
  };
  const initRequests = (route: string): void => {
    requestsMetric.initSeries([route]);
  };
  const removeRequests = (route: string): void => {
    requestsMetric.removeSeries([route]);
  };
  const initRequestDurationSeconds = (route: string): void => {
    requestDurationSecondsMetric.initSeries([route]);
  };
  const removeRequestDurationSeconds = (route: string): void => {
    requestDurationSecondsMetric.removeSeries([route]);
  };
  const initResponseSizeBytes = (route: string): void => {
    responseSizeBytesMetric.initSeries([route]);
  };
  const removeResponseSizeBytes = (route: string): void => {
    responseSizeBytesMetric.removeSeries([route]);
  };
  const initUpstreamCalls = (route: string, upstream: string, region: string): void => {
    upstreamCallsMetric.initSeries([route, upstream, region]);
  };
  const removeUpstreamCalls = (route: string, upstream: string, region: string): void => {
    upstreamCallsMetric.removeSeries([route, upstream, region]);
  };
  const removeSeries = (selector: HttpApiSeriesSelector): number => set.removeSeries(selector);
  return {
    recordRequests,
    recordRequestDurationSeconds,
    recordResponseSizeBytes,
    setRequestsInFlight,
    recordFallbackResponses,
    recordUpstreamCalls,
    recordRequest,
    initRequests,
    removeRequests,
    initRequestDurationSeconds,
    removeRequestDurationSeconds,
    initResponseSizeBytes,
    removeResponseSizeBytes,
    initUpstreamCalls,
    removeUpstreamCalls,
    removeSeries,
  };
}
