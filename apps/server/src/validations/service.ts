// The validations view (what Kiali serves at /api/istio/validations, kiali/kiali
// business/istio_validations.go): per stored resource, Istio's webhook errors (none once
// stored) and warnings plus the cross-resource findings, recomputed (debounced) when config or
// the registry changes. Listeners hear each changed result set (for the dashboard's push).
import type { Resource } from '@rudder/shared/kinds';
import {
  type MeshSettings,
  type ProxyIdentity,
  type RegistryState,
  type ResolvedService,
  type ResourceValidation,
  serviceHost,
  VALIDATION_STATES,
  type ValidationState,
} from '@rudder/shared/protocol';
import { type IstioValidation, validateIstio } from '@rudder/shared/validation';
import type { SemanticValidator } from '../api/admit.js';
import type { Registry } from '../registry/registry.js';
import type { ResourceStore } from '../store/resource-store.js';
import { crossChecks, DEFAULT_GATEWAY, describeFinding, type Finding, type RegistryView, resourceKey } from './checks.js';
import { analyzerFinding } from './unreachable.js';

export { type ResourceValidation, VALIDATION_STATES, type ValidationState };

export interface ValidationServiceDeps {
  store: ResourceStore;
  registry: Registry;
  resolve: (registry: RegistryState, resources: readonly Resource[]) => ResolvedService[];
  mesh: Pick<MeshSettings, 'outboundTrafficPolicy'>;
  /** Identities of the connected proxies; gateways among them give KIA0302 its labels. */
  proxies?: () => readonly ProxyIdentity[];
  debounceMs?: number;
}

export interface ValidationService {
  /** Every stored resource's results, in store order (kind, namespace, name). */
  list(): ResourceValidation[];
  get(kind: string, namespace: string, name: string): ResourceValidation | undefined;
  /** A validator for writes: the Kiali warnings `resource` will have once stored, never problems. */
  admissionWarnings: SemanticValidator;
  onChange(listener: (results: readonly ResourceValidation[]) => void): () => void;
  close(): void;
}

/** `spec.x[0]: text` as the webhook report writes its warnings. */
function splitWarning(warning: string): { field: string; text: string } {
  const m = /^((?:spec|metadata)\S*): (.*)$/s.exec(warning);
  return m ? { field: m[1] as string, text: m[2] as string } : { field: '', text: warning };
}

function webhookFindings(result: IstioValidation): { errors: Finding[]; warnings: Finding[] } {
  const errors = result.problems.map((p): Finding => ({ code: 'IST0106', severity: 'error', message: p.message, field: p.field }));
  const warnings = result.warnings.flatMap((w): Finding[] => {
    const { field, text } = splitWarning(w);
    // Unreachable rules come back from the cross-checks in the analyzer's wording (IST0130/IST0131).
    return analyzerFinding(field, text) ? [] : [{ code: 'IST0133', severity: 'warning', message: text, field }];
  });
  return { errors, warnings };
}

/** The registry as the checks read it: resolved hosts, workloads, Services' selectors, gateway proxies' labels. */
export function registryView(state: RegistryState, services: ResolvedService[], proxies: readonly ProxyIdentity[]): RegistryView {
  const gateways = proxies.filter((p) => p.mode === 'gateway').map((p) => ({ namespace: p.namespace, labels: p.labels ?? DEFAULT_GATEWAY.labels }));
  return {
    services,
    workloads: state.workloads,
    selectors: new Map(state.services.map((s) => [serviceHost(s.name, s.namespace), s.selector])),
    gateways,
  };
}

export function createValidationService(deps: ValidationServiceDeps): ValidationService {
  const { store, registry, mesh } = deps;
  const debounceMs = deps.debounceMs ?? 50;
  const listeners = new Set<(results: readonly ResourceValidation[]) => void>();
  const webhookCache = new Map<string, { version: string | undefined; result: IstioValidation }>();
  let results: ResourceValidation[] = [];
  let byKey = new Map<string, ResourceValidation>();
  let dirty = true;
  let published = '';
  let timer: NodeJS.Timeout | undefined;

  const view = (resources: readonly Resource[]): RegistryView => {
    const state = registry.state();
    return registryView(state, deps.resolve(state, resources), deps.proxies?.() ?? []);
  };

  /** validateIstio once per stored version of each object. */
  const webhook = (r: Resource): IstioValidation => {
    const key = resourceKey(r);
    const cached = webhookCache.get(key);
    if (cached && cached.version === r.metadata.resourceVersion) return cached.result;
    const result = validateIstio(r);
    webhookCache.set(key, { version: r.metadata.resourceVersion, result });
    return result;
  };

  const recompute = () => {
    dirty = false;
    const resources = store.list();
    const findings = crossChecks(resources, view(resources), mesh);
    const keys = new Set(resources.map(resourceKey));
    for (const key of webhookCache.keys()) if (!keys.has(key)) webhookCache.delete(key);
    results = resources.map((r) => {
      const own = webhookFindings(webhook(r));
      const warnings = [...own.warnings, ...(findings.get(resourceKey(r)) ?? [])];
      const state: ValidationState = own.errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'valid';
      return { kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name, state, errors: own.errors, warnings };
    });
    byKey = new Map(results.map((v) => [`${v.kind}/${v.namespace}/${v.name}`, v]));
    const text = JSON.stringify(results);
    if (text !== published) {
      published = text;
      for (const listener of listeners) listener(results);
    }
  };

  const current = () => {
    if (dirty) recompute();
    return results;
  };

  const schedule = () => {
    dirty = true;
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (dirty) recompute();
    }, debounceMs);
    timer.unref();
  };

  const unsubscribe = [store.subscribe(schedule), registry.onChange(schedule)];

  return {
    list: () => current(),
    get(kind, namespace, name) {
      current();
      return byKey.get(`${kind}/${namespace}/${name}`);
    },
    admissionWarnings(resource) {
      const key = resourceKey(resource);
      const resources = [...store.list().filter((r) => resourceKey(r) !== key), resource];
      const findings = crossChecks(resources, view(resources), mesh).get(key) ?? [];
      return { problems: [], warnings: findings.filter((f) => f.code.startsWith('KIA')).map(describeFinding) };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const off of unsubscribe) off();
      listeners.clear();
    },
  };
}
