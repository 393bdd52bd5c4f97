// Kiali's Gateway checks (kiali/kiali business/checkers/gateways/): multi_match_checker.go
// KIA0301 (two Gateways for one host and port) and selector_checker.go KIA0302.
import type { GatewaySpec, Resource } from '@rudder/shared/kinds';
import type { CheckContext } from './context.js';
import { kiali } from './findings.js';
import { matchesLabels } from './hosts.js';

type GW = Resource<GatewaySpec>;

interface ServerHost {
  gateway: GW;
  field: string;
  name: string;
  /** The `ns/` part: `*` when absent, the Gateway's namespace for `.`. */
  target: string;
}

export function checkGateways(ctx: CheckContext): void {
  checkMultiMatch(ctx);
  for (const gw of ctx.gateways) checkSelector(ctx, gw);
}

/** The hosts of every server, grouped by port number and selector (hostMatchKey). */
function hostGroups(gateways: readonly GW[]): ServerHost[][] {
  const groups = new Map<string, ServerHost[]>();
  for (const gateway of gateways) {
    const selector = Object.entries(gateway.spec?.selector ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    (gateway.spec?.servers ?? []).forEach((server, s) => {
      const key = `${server?.port?.number ?? 0}\u0000${selector}`;
      const group = groups.get(key) ?? [];
      (server?.hosts ?? []).forEach((written, h) => {
        const slash = written.indexOf('/');
        const ns = slash >= 0 ? written.slice(0, slash) : '*';
        const name = slash >= 0 ? written.slice(slash + 1) : written;
        group.push({ gateway, field: `spec.servers[${s}].hosts[${h}]`, name: name.toLowerCase(), target: ns === '.' ? gateway.metadata.namespace : ns });
      });
      groups.set(key, group);
    });
  }
  return [...groups.values()];
}

/** findMatch: `*` matches all, `*.x` the names ending in `.x`; two different wildcards never match. */
function hostsMatch(a: ServerHost, b: ServerHost): boolean {
  if (a.target !== b.target && a.target !== '*' && b.target !== '*') return false;
  if (a.name === '*' || b.name === '*' || a.name === b.name) return true;
  const aWild = a.name.startsWith('*.');
  const bWild = b.name.startsWith('*.');
  if (aWild === bWild) return false;
  return aWild ? b.name.endsWith(a.name.slice(1)) : a.name.endsWith(b.name.slice(1));
}

/** KIA0301 on the first host of each matching pair, and on the other when it belongs to another Gateway. */
function checkMultiMatch(ctx: CheckContext): void {
  for (const hosts of hostGroups(ctx.gateways)) {
    hosts.forEach((host, i) => {
      for (const other of hosts.slice(i + 1)) {
        if (!hostsMatch(host, other)) continue;
        ctx.findings.add(host.gateway, kiali('KIA0301', host.field));
        if (other.gateway !== host.gateway) ctx.findings.add(other.gateway, kiali('KIA0301', other.field));
      }
    });
  }
}

/** KIA0302: no workload or gateway proxy carries the selector's labels. */
function checkSelector(ctx: CheckContext, gw: GW): void {
  const selector = gw.spec?.selector;
  const labelSets = [...ctx.workloads.map((w) => w.labels), ...ctx.gatewayWorkloads.map((g) => g.labels)];
  if (!labelSets.some((labels) => matchesLabels(selector, labels))) ctx.findings.add(gw, kiali('KIA0302', 'spec.selector'));
}
