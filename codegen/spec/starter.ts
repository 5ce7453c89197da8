/**
 * The `metrics.yaml` that `metrics-kit init` writes: one of each thing a spec declares, commented,
 * so a new user edits a working spec instead of starting from a blank file. `{{schema}}` becomes
 * the path of the JSON Schema inside the installed CLI package.
 */
export const STARTER_SPEC = `# yaml-language-server: $schema={{schema}}
#
# The single source of truth for this service's metrics. After editing, run
#   npx metrics-kit generate
# to regenerate the typed client, METRICS.md, the Grafana dashboard and the Prometheus files.
version: 1
namespace: app # prefix of every metric name: app_requests_total, ...

labels:
  method:
    description: HTTP request method.
    values: [GET, POST, PUT, DELETE] # a closed set: any other value is a compile error
  route:
    description: Route template, such as /users/:id.
    max_values: 50 # free-form: at most 50 distinct values, later ones fold into __overflow__

buckets:
  latency:
    description: Request latencies from 5 ms to 10 s.
    values: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

groups:
  - id: http
    title: HTTP
    description: Requests this service answers.
    metrics:
      - name: requests # counters are declared without _total; it is added on the wire
        type: counter
        help: HTTP requests answered, by method and route.
        labels: [method, route]
      - name: request_duration_seconds # a base unit, spelt out, at the end of the name
        type: histogram
        unit: seconds
        help: Time to answer an HTTP request, by method.
        labels: [method]
        buckets: latency
      - name: requests_in_flight
        type: gauge
        help: HTTP requests being answered now.
`;
