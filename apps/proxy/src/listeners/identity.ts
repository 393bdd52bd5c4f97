// Peer identity across hops, Istio's metadata exchange done in HTTP (DESIGN.md
// "Registry and identity"): outbound listeners and the gateway add a header naming the
// source workload; inbound listeners read and strip it; the gateway strips it from
// outside clients, who must not be able to claim a mesh identity.

export const PEER_HEADER = 'x-envoy-peer-metadata';

export interface PeerIdentity {
  workload: string;
  app: string;
  version: string;
  namespace: string;
}

export const UNKNOWN_PEER: PeerIdentity = { workload: 'unknown', app: 'unknown', version: 'unknown', namespace: 'unknown' };

export function encodePeer(peer: PeerIdentity): string {
  return Buffer.from(JSON.stringify(peer)).toString('base64url');
}

export function decodePeer(value: string | string[] | undefined): PeerIdentity | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PeerIdentity>;
    if (typeof parsed.workload !== 'string' || typeof parsed.namespace !== 'string') return undefined;
    return { workload: parsed.workload, app: parsed.app ?? 'unknown', version: parsed.version ?? 'unknown', namespace: parsed.namespace };
  } catch {
    return undefined;
  }
}

/** The identity of a workload from its labels (`app`, `version`), as Istio names it in metrics. */
export function peerOf(workload: string, namespace: string, labels: Record<string, string>): PeerIdentity {
  return { workload, namespace, app: labels.app ?? workload, version: labels.version ?? 'unknown' };
}
