// Generated from metrics.yaml by `npm run codegen`. Do not edit: change metrics.yaml instead.
import {
  Counter,
  Gauge,
  Histogram,
  type OpenMetricsContentType,
  type PrometheusContentType,
  type Registry,
  register,
} from 'prom-client';

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
export const bodySizeBuckets: readonly number[] = [
  128, 512, 2048, 8192, 32768, 131072, 524288, 2097152,
];

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
   */
  recordRequests(
    method: MethodLabel,
    route: string,
    statusClass: StatusClassLabel,
    amount?: number,
  ): void;
  /**
   * Time from the first byte of the request to the last byte of the response.
   *
   * Histogram `http_api_request_duration_seconds` in seconds, buckets `latency`.
   * @param method HTTP request method.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param seconds The observed value, in seconds.
   */
  observeRequestDurationSeconds(method: MethodLabel, route: string, seconds: number): void;
  /**
   * Size of response bodies.
   *
   * Histogram `http_api_response_size_bytes` in bytes, buckets `body_size`.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param bytes The observed value, in bytes.
   */
  observeResponseSizeBytes(route: string, bytes: number): void;
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
   * Counts a request and observes its duration.
   *
   * Records `http_api_requests_total`, `http_api_request_duration_seconds`.
   * @param method HTTP request method.
   * @param route Route pattern that matched the request, such as /users/:id.
   * @param statusClass Class of the response status code.
   * @param seconds The observed value, in seconds.
   */
  recordRequest(
    method: MethodLabel,
    route: string,
    statusClass: StatusClassLabel,
    seconds: number,
  ): void;
}

export interface HttpApiMetricsOptions {
  /** Where the metrics are registered; prom-client's global `register` when omitted. */
  registry?: Registry<PrometheusContentType> | Registry<OpenMetricsContentType>;
}

/**
 * Registers every `http_api` metric in the registry and returns its typed recorders.
 * Call it once per registry: prom-client rejects a second registration of the same name.
 * @example
 * const metrics = createHttpApiMetrics({ registry: new Registry() });
 * metrics.recordRequests(MethodLabel.Get, 'example', StatusClassLabel._2xx);
 */
export function createHttpApiMetrics(options: HttpApiMetricsOptions = {}): HttpApiMetrics {
  const registry = options.registry ?? register;
  const requestsMetric = new Counter({
    name: 'http_api_requests_total',
    help: 'HTTP requests served, by method, route and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [registry],
  });
  const requestDurationSecondsMetric = new Histogram({
    name: 'http_api_request_duration_seconds',
    help: 'Time from the first byte of the request to the last byte of the response.',
    labelNames: ['method', 'route'] as const,
    buckets: [...latencyBuckets],
    registers: [registry],
  });
  const responseSizeBytesMetric = new Histogram({
    name: 'http_api_response_size_bytes',
    help: 'Size of response bodies.',
    labelNames: ['route'] as const,
    buckets: [...bodySizeBuckets],
    registers: [registry],
  });
  const requestsInFlightMetric = new Gauge({
    name: 'http_api_requests_in_flight',
    help: 'Requests being served right now.',
    registers: [registry],
  });
  const fallbackResponsesMetric = new Counter({
    name: 'http_api_fallback_responses_total',
    help: 'Responses by whether the default handler answered.',
    labelNames: ['default'] as const,
    registers: [registry],
  });
  const recordRequests = (
    method: MethodLabel,
    route: string,
    statusClass: StatusClassLabel,
    amount = 1,
  ): void => {
    requestsMetric.inc({ method, route, status_class: statusClass }, amount);
  };
  const observeRequestDurationSeconds = (
    method: MethodLabel,
    route: string,
    seconds: number,
  ): void => {
    requestDurationSecondsMetric.observe({ method, route }, seconds);
  };
  const observeResponseSizeBytes = (route: string, bytes: number): void => {
    responseSizeBytesMetric.observe({ route }, bytes);
  };
  const setRequestsInFlight = (value: number): void => {
    requestsInFlightMetric.set(value);
  };
  const recordFallbackResponses = (defaultLabel: DefaultLabel, amount = 1): void => {
    fallbackResponsesMetric.inc({ default: defaultLabel }, amount);
  };
  const recordRequest = (
    method: MethodLabel,
    route: string,
    statusClass: StatusClassLabel,
    seconds: number,
  ): void => {
    recordRequests(method, route, statusClass);
    observeRequestDurationSeconds(method, route, seconds);
  };
  return {
    recordRequests,
    observeRequestDurationSeconds,
    observeResponseSizeBytes,
    setRequestsInFlight,
    recordFallbackResponses,
    recordRequest,
  };
}
