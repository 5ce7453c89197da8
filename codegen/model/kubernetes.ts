import type { KubernetesSpec, ScrapeAuthSpec } from '../spec/schema.ts';

/** The prometheus-operator side of the scrape settings, every default resolved. */
export interface KubernetesModel {
  readonly monitor: 'ServiceMonitor' | 'PodMonitor';
  /** Name of the monitor; the PrometheusRule is `<name>-rules`. */
  readonly name: string;
  readonly namespace: string | undefined;
  readonly port: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** The Secret holding the scrape credentials, when `scrape.auth` is set. */
  readonly authSecret: string | undefined;
}

/** A job name as a Kubernetes object name: lower case, `[a-z0-9-]`, at most 63 characters. */
function objectName(job: string): string {
  const name = job
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return name === '' ? 'metrics' : name;
}

export function kubernetesModel(
  job: string,
  spec: KubernetesSpec | undefined,
  auth: ScrapeAuthSpec | undefined,
): KubernetesModel {
  const name = objectName(job);
  return {
    monitor: spec?.monitor ?? 'ServiceMonitor',
    name,
    namespace: spec?.namespace,
    port: spec?.port ?? 'metrics',
    selector: spec?.selector ?? { 'app.kubernetes.io/name': name },
    labels: { 'app.kubernetes.io/name': name, ...spec?.labels },
    authSecret: auth === undefined ? undefined : (spec?.auth_secret ?? `${name}-metrics-auth`),
  };
}
