// The wizards' calls: the service's subsets and live config, a dry run, Apply (both
// documents in one all-or-nothing request) and Remove. Errors keep the server's field
// causes, so the page can name every refused field.
import type { Resource } from '@rudder/shared/kinds';
import { printYaml } from '@rudder/shared/yaml';
import { ApiError, get } from '../api/client.js';
import { removalPlan, subsetsOf, type WizardContext } from './model.js';

export interface Cause {
  field?: string;
  message: string;
}

/** An API error with Kubernetes Status causes. */
export class ApplyError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly causes: Cause[],
  ) {
    super(status, message);
  }
}

async function send<T>(method: string, path: string, body: string, type: string): Promise<T> {
  const res = await fetch(path, { method, credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': type }, body });
  const json = (await res.json().catch(() => ({}))) as { message?: string; details?: { causes?: Cause[] } };
  if (!res.ok) throw new ApplyError(res.status, json.message ?? `${res.status} ${res.statusText}`, json.details?.causes ?? []);
  return json as T;
}

const ISTIO = '/apis/networking.istio.io/v1/namespaces';

/** The resource named like the service, if any (read from the list: an absent one is not an error). */
async function named(namespace: string, plural: string, name: string, signal: AbortSignal): Promise<Resource | undefined> {
  const list = await get<{ items: Resource[] }>(`${ISTIO}/${encodeURIComponent(namespace)}/${plural}`, {}, signal);
  return list.items.find((r) => r.metadata.name === name);
}

interface ResolvedService {
  name?: string;
  namespace: string;
  endpoints: { labels: Record<string, string> }[];
}

/** The service's context, or null when the registry does not know it. */
export async function loadContext(namespace: string, service: string, signal: AbortSignal): Promise<WizardContext | null> {
  const [resolved, vs, dr] = await Promise.all([
    get<{ services: ResolvedService[] }>('/rudder/v1/registry/resolved', {}, signal),
    named(namespace, 'virtualservices', service, signal),
    named(namespace, 'destinationrules', service, signal),
  ]);
  const svc = resolved.services.find((s) => s.name === service && s.namespace === namespace);
  if (!svc) return null;
  const live = { ...(vs ? { vs } : {}), ...(dr ? { dr } : {}) };
  return { namespace, service, subsets: subsetsOf(svc.endpoints.map((e) => e.labels.version), dr), live };
}

export interface ApplyResult {
  items: { kind: string; name: string; action: string }[];
}

/** POST /rudder/v1/apply with every document at once: the server stores all or nothing. */
export const applyAll = (resources: readonly Resource[], dryRun = false) =>
  send<ApplyResult>('POST', `/rudder/v1/apply${dryRun ? '?dryRun=All' : ''}`, printYaml([...resources]), 'application/yaml');

/**
 * Removes what the wizards wrote on this service. Wizard-created resources go in one
 * multi-delete; rules the user had before are restored in one apply. When both are needed
 * (a wizard added subsets to the user's DestinationRule and created the VirtualService) the
 * restore goes first: should the delete then fail, the VirtualService is still marked and
 * Remove can simply be pressed again.
 */
export async function removeWizardConfig(ctx: WizardContext): Promise<string[]> {
  const plan = removalPlan(ctx.live);
  const done: string[] = [];
  if (plan.restores.length > 0) {
    await applyAll(plan.restores);
    done.push(...plan.restores.map((r) => `${r.kind} ${r.metadata.name} restored`));
  }
  if (plan.deletes.length > 0) {
    await send('POST', '/rudder/v1/delete', JSON.stringify(plan.deletes), 'application/json');
    done.push(...plan.deletes.map((d) => `${d.kind} ${d.name} deleted`));
  }
  return done;
}
