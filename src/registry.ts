import {
  type OpenMetricsContentType,
  type PrometheusContentType,
  type Registry,
  register,
} from 'prom-client';

/** A prom-client registry of either content type; the `/metrics` endpoint negotiates per request. */
export type MetricsRegistry = Registry<PrometheusContentType> | Registry<OpenMetricsContentType>;

/** prom-client's global registry, the default wherever a registry is optional. */
export function defaultRegistry(): MetricsRegistry {
  return register;
}
