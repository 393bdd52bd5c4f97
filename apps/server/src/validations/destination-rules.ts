// Kiali's DestinationRule checks (kiali/kiali business/checkers/destinationrules/):
// multi_match_checker.go KIA0201, no_dest_checker.go KIA0202, KIA0203 and KIA0209.
import type { DestinationRuleSpec, Resource } from '@rudder/shared/kinds';
import { serviceHost } from '@rudder/shared/protocol';
import { type CheckContext, hostKnown } from './context.js';
import { kiali } from './findings.js';
import { fqdn, getHost, type Host, hostString, hostsOverlap, type Labels, matchesLabels, matchesServiceEntryHost, twoPartHost, withinWildcard } from './hosts.js';

type DR = Resource<DestinationRuleSpec>;

/** Kiali's default app label names (config GetAppLabelName). */
const APP_LABELS = ['app.kubernetes.io/name', 'app'];

export function checkDestinationRules(ctx: CheckContext): void {
  checkMultiMatch(ctx);
  for (const dr of ctx.destinationRules) checkDestination(ctx, dr);
}

/** isNonLocalmTLSForServiceEnabled: mesh-wide (`*.local`) and namespace-wide ISTIO_MUTUAL rules coexist with the rest. */
function isMeshOrNamespaceMtls(dr: DR): boolean {
  const host = dr.spec?.host;
  const mtls = dr.spec?.trafficPolicy?.tls?.mode === 'ISTIO_MUTUAL';
  return mtls && (host === '*.local' || host === `*.${dr.metadata.namespace}.svc.cluster.local`);
}

/** KIA0201: two rules for overlapping hosts share a subset, or one of them has no subsets (it takes them all). */
function checkMultiMatch(ctx: CheckContext): void {
  const seen = new Map<string, Map<string, DR[]>>();
  const clash = (a: DR, others: readonly DR[] | undefined) => {
    for (const b of others ?? []) {
      ctx.findings.add(a, kiali('KIA0201', 'spec.host'));
      ctx.findings.add(b, kiali('KIA0201', 'spec.host'));
    }
  };
  for (const dr of ctx.destinationRules) {
    if (isMeshOrNamespaceMtls(dr)) continue;
    const host = fqdn(dr.spec?.host ?? '', dr.metadata.namespace, ctx.namespaces);
    const names = dr.spec?.subsets?.length ? dr.spec.subsets.map((s) => s.name) : ['~'];
    for (const [other, existing] of seen) {
      if (!hostsOverlap(host, other)) continue;
      if (names.length === 1 && names[0] === '~') for (const rules of existing.values()) clash(dr, rules);
      clash(dr, existing.get('~'));
      for (const name of names) clash(dr, existing.get(name));
    }
    const entry = seen.get(host) ?? new Map<string, DR[]>();
    for (const name of names) entry.set(name, [...(entry.get(name) ?? []), dr]);
    seen.set(host, entry);
  }
}

/** no_dest_checker Check: the host first; its subsets' labels only when the host is known. */
function checkDestination(ctx: CheckContext, dr: DR): void {
  const ns = dr.metadata.namespace;
  const host = getHost(dr.spec?.host ?? '', ns, ctx.namespaces);
  if (!hasMatchingService(ctx, host, ns)) {
    ctx.findings.add(dr, kiali('KIA0202', 'spec.host', ctx.allowAny ? 'warning' : undefined));
    return;
  }
  let hasLabel = false;
  const unlabelled: number[] = [];
  (dr.spec?.subsets ?? []).forEach((subset, i) => {
    if (Object.keys(subset.labels ?? {}).length === 0) {
      unlabelled.push(i);
    } else if (hasMatchingWorkload(ctx, host, subset.labels ?? {})) {
      hasLabel = true;
    } else {
      const referenced = isSubsetReferenced(ctx, hostString(host), subset.name);
      ctx.findings.add(dr, kiali('KIA0203', `spec.subsets[${i}]`, referenced ? 'error' : 'info'));
    }
  });
  // A subset without labels is only worth a warning when no other subset selects anything.
  for (const i of unlabelled) ctx.findings.add(dr, kiali('KIA0209', `spec.subsets[${i}]`, hasLabel ? 'info' : undefined));
}

/** hasMatchingService: a wildcard, a workload whose app label is the service, a ServiceEntry host or a Service. */
function hasMatchingService(ctx: CheckContext, host: Host, namespace: string): boolean {
  if (host.service.startsWith('*')) return true;
  const local = twoPartHost(host);
  if (local.namespace === namespace) {
    const apps = ctx.workloads.filter((w) => w.namespace === local.namespace);
    if (apps.some((w) => APP_LABELS.some((l) => w.labels[l] === local.service))) return true;
  }
  return hostKnown(ctx, hostString(host));
}

/**
 * hasMatchingWorkload: a workload behind the Service's selector with the subset's labels, or a
 * ServiceEntry endpoint with them; Rudder also counts the resolved endpoints of the host
 * (registered instances and WorkloadEntries) and workloads a ServiceEntry selects.
 */
function hasMatchingWorkload(ctx: CheckContext, host: Host, subset: Labels): boolean {
  if (host.service.startsWith('*')) return true;
  const name = hostString(host);
  const local = twoPartHost(host);
  const selector = ctx.selectors.get(serviceHost(local.service, local.namespace));
  const candidates: Labels[] = [];
  if (selector && Object.keys(selector).length > 0) {
    candidates.push(...ctx.workloads.filter((w) => w.namespace === local.namespace && matchesLabels(selector, w.labels)).map((w) => w.labels));
  } else {
    for (const se of ctx.serviceEntries) {
      candidates.push(...(se.spec?.endpoints ?? []).map((e) => e.labels ?? {}));
      const seSelector = se.spec?.workloadSelector?.labels;
      if (seSelector && se.spec?.hosts.some((h) => matchesServiceEntryHost(name, h))) {
        candidates.push(...ctx.workloads.filter((w) => w.namespace === se.metadata.namespace && matchesLabels(seSelector, w.labels)).map((w) => w.labels));
      }
    }
  }
  for (const s of ctx.services) if (s.host === name) candidates.push(...s.endpoints.map((e) => e.labels));
  return candidates.some((labels) => matchesLabels(subset, labels));
}

/** isSubsetReferenced: some VirtualService routes to this host and subset. */
function isSubsetReferenced(ctx: CheckContext, host: string, subset: string): boolean {
  return ctx.virtualServices.some((vs) =>
    (['http', 'tcp', 'tls'] as const).some((kind) =>
      ((vs.spec?.[kind] ?? []) as { route?: { destination?: { host?: string; subset?: string } }[] }[]).some((rule) =>
        (rule?.route ?? []).some((dw) => {
          const d = dw?.destination;
          if (!d?.host || d.subset !== subset) return false;
          const target = fqdn(d.host, vs.metadata.namespace, ctx.namespaces);
          return target === host || withinWildcard(target, host);
        }),
      ),
    ),
  );
}
