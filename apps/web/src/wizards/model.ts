// What every wizard shares: the service it works on (its subsets and live config), the
// objects it writes, and how it marks them so "Remove" knows what it added. Pure
// functions: the forms call them on every keystroke and the unit tests call them directly.
import type { Resource } from '@rudder/shared/kinds';

export type WizardId = 'traffic-shifting' | 'request-routing' | 'fault-injection' | 'timeouts' | 'mirroring' | 'load-balancer' | 'circuit-breaker';

export const WIZARDS: readonly { id: WizardId; title: string; summary: string }[] = [
  { id: 'traffic-shifting', title: 'Traffic shifting', summary: 'Split traffic between versions by weight (canary).' },
  { id: 'request-routing', title: 'Request routing', summary: 'Send requests to a version by header, query parameter, URI or method.' },
  { id: 'fault-injection', title: 'Fault injection', summary: 'Delay or abort a share of requests, optionally for one signed-in user.' },
  { id: 'timeouts', title: 'Timeout and retries', summary: 'A route timeout, retry attempts, per-try timeout and retry conditions.' },
  { id: 'mirroring', title: 'Mirroring', summary: 'Copy a share of live traffic to another destination.' },
  { id: 'load-balancer', title: 'Load balancer', summary: 'Round robin, random, least request or sticky sessions, per service and per subset.' },
  { id: 'circuit-breaker', title: 'Circuit breaker', summary: 'Connection pool limits and outlier detection.' },
];

export const wizardById = (id: string) => WIZARDS.find((w) => w.id === id);

/** Kiali marks what its wizards write with this label; Rudder does the same. */
export const WIZARD_LABEL = 'kiali_wizard';
/** The spec a wizard replaced on a resource the user had before, so Remove can restore it. */
export const PREVIOUS_ANNOTATION = 'rudder.dev/wizard-previous-spec';

export interface Live {
  vs?: Resource;
  dr?: Resource;
}

export interface WizardContext {
  namespace: string;
  service: string;
  /** Subset names: the workloads' `version` labels and the live DestinationRule's subsets. */
  subsets: string[];
  live: Live;
}

/** A problem in the form, named by the control it belongs to (its `field` is the control's key). */
export interface FormProblem {
  field: string;
  message: string;
}

export interface Built {
  /** What Apply writes: a VirtualService, a DestinationRule, or both. */
  resources: Resource[];
  problems: FormProblem[];
  warnings: string[];
  /** Paths in the written documents (`documents[0].spec.http[0].timeout`) → the form control that sets them. */
  fields?: Record<string, string>;
}

/** Server causes as form problems: each cause whose path lies under a mapped path goes to that control. */
export function causesToProblems(causes: readonly { field?: string; message: string }[], fields: Record<string, string> = {}): FormProblem[] {
  const paths = Object.keys(fields).sort((a, b) => b.length - a.length);
  return causes.flatMap((c) => {
    const path = paths.find((p) => c.field === p || c.field?.startsWith(`${p}.`) || c.field?.startsWith(`${p}[`));
    return path ? [{ field: fields[path] as string, message: c.message }] : [];
  });
}

type Spec = Record<string, unknown>;
export type Route = { destination: { host: string; subset?: string }; weight?: number };

export const API_VERSION = 'networking.istio.io/v1';

/** The route to the service or one of its subsets ('' is the whole service). */
export const destination = (ctx: WizardContext, subset: string): Route => ({ destination: { host: ctx.service, ...(subset ? { subset } : {}) } });

/**
 * The object a wizard writes, marked with its label. Replacing a resource the user wrote
 * keeps the user's spec in an annotation (once: a second wizard keeps the first's copy).
 * The live resourceVersion goes along, so a concurrent edit makes Apply fail with 409.
 */
export function marked(kind: 'VirtualService' | 'DestinationRule', ctx: WizardContext, wizard: WizardId, spec: Spec, live?: Resource): Resource {
  const labels = { ...(live?.metadata.labels ?? {}), [WIZARD_LABEL]: wizard };
  const annotations = { ...(live?.metadata.annotations ?? {}) };
  if (live && !live.metadata.labels?.[WIZARD_LABEL]) annotations[PREVIOUS_ANNOTATION] = JSON.stringify(live.spec ?? {});
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: {
      name: ctx.service,
      namespace: ctx.namespace,
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ...(live?.metadata.resourceVersion ? { resourceVersion: live.metadata.resourceVersion } : {}),
    },
    spec,
  };
}

/** The service's VirtualService with these http rules (the hosts are the service's short name). */
export const virtualService = (ctx: WizardContext, wizard: WizardId, http: Spec[]): Resource =>
  marked('VirtualService', ctx, wizard, { hosts: [ctx.service], http }, ctx.live.vs);

/** The DestinationRule as `change` leaves it, or nothing when it changes nothing (the live one stays untouched). */
export function destinationRule(ctx: WizardContext, wizard: WizardId, change: (spec: Spec) => Spec): Resource | undefined {
  const before: Spec = structuredClone(ctx.live.dr?.spec ?? { host: ctx.service });
  const after = change(structuredClone(before));
  if (ctx.live.dr && sameJson(after, before)) return undefined;
  return marked('DestinationRule', ctx, wizard, after, ctx.live.dr);
}

/** Deep equality of JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

type Subset = { name: string; labels?: Record<string, string>; trafficPolicy?: Spec };

/** Adds a subset (labelled by version, as Bookinfo's workloads are) for each name the routes use that the rule lacks. */
export function withSubsets(spec: Spec, names: readonly string[]): Spec {
  const subsets = [...((spec.subsets as Subset[] | undefined) ?? [])];
  for (const name of names) if (name && !subsets.some((s) => s.name === name)) subsets.push({ name, labels: { version: name } });
  return subsets.length > 0 ? { ...spec, subsets } : spec;
}

/** A VirtualService-writing wizard's output: its rule, plus a DestinationRule only when subsets are missing. */
export function routingOutput(ctx: WizardContext, wizard: WizardId, http: Spec[], subsetsUsed: readonly string[]): Resource[] {
  const dr = destinationRule(ctx, wizard, (spec) => withSubsets(spec, subsetsUsed));
  return dr ? [virtualService(ctx, wizard, http), dr] : [virtualService(ctx, wizard, http)];
}

export interface RemovalPlan {
  /** Wizard-created resources: deleted together in one request. */
  deletes: { kind: string; namespace: string; name: string; resourceVersion?: string }[];
  /** Resources the user had before: their previous spec written back, the marks dropped. */
  restores: Resource[];
}

/** What Remove does: delete what a wizard created, restore what it modified. */
export function removalPlan(live: Live): RemovalPlan {
  const plan: RemovalPlan = { deletes: [], restores: [] };
  for (const r of [live.vs, live.dr]) {
    if (!r?.metadata.labels?.[WIZARD_LABEL]) continue;
    const previous = r.metadata.annotations?.[PREVIOUS_ANNOTATION];
    if (previous === undefined) {
      plan.deletes.push({ kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name, ...(r.metadata.resourceVersion ? { resourceVersion: r.metadata.resourceVersion } : {}) });
      continue;
    }
    const { [WIZARD_LABEL]: _l, ...labels } = r.metadata.labels;
    const { [PREVIOUS_ANNOTATION]: _a, ...annotations } = r.metadata.annotations ?? {};
    const metadata = { name: r.metadata.name, namespace: r.metadata.namespace, ...(r.metadata.resourceVersion ? { resourceVersion: r.metadata.resourceVersion } : {}) };
    plan.restores.push({
      apiVersion: API_VERSION,
      kind: r.kind,
      metadata: { ...metadata, ...(Object.keys(labels).length ? { labels } : {}), ...(Object.keys(annotations).length ? { annotations } : {}) },
      spec: JSON.parse(previous) as Spec,
    });
  }
  return plan;
}

/** Says what Apply replaces: another wizard's routing, or a rule the user wrote (which Remove restores). */
export function replaceWarnings(ctx: WizardContext, wizard: WizardId, resources: readonly Resource[]): string[] {
  return resources.flatMap((r) => {
    const live = r.kind === 'VirtualService' ? ctx.live.vs : ctx.live.dr;
    if (!live) return [];
    const by = live.metadata.labels?.[WIZARD_LABEL];
    if (!by) return [`Replaces your ${r.kind} ${live.metadata.name}; Remove restores it.`];
    return by !== wizard && r.kind === 'VirtualService' ? [`Replaces the routing the ${wizardById(by)?.title.toLowerCase() ?? by} wizard wrote.`] : [];
  });
}

/** Subset names from the workloads' version labels and the live rule, sorted (v1, v2, v3). */
export function subsetsOf(versions: readonly (string | undefined)[], dr?: Resource): string[] {
  const fromRule = ((dr?.spec?.subsets as Subset[] | undefined) ?? []).map((s) => s.name);
  return [...new Set([...versions.filter((v): v is string => Boolean(v)), ...fromRule])].sort();
}

/** Rules of the live VirtualService (empty when there is none). */
export const liveHttp = (ctx: WizardContext): Spec[] => (ctx.live.vs?.spec?.http as Spec[] | undefined) ?? [];

/** The subset the live rules send their default traffic to ('' for the whole service). */
export function liveDefaultSubset(ctx: WizardContext): string {
  const last = liveHttp(ctx).at(-1);
  const route = (last?.route as Route[] | undefined)?.[0];
  return route?.destination.subset ?? '';
}

export const isInt = (v: string, min: number, max: number) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max;
export const isPercent = (v: string) => v.trim() !== '' && Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 100;
