// Peer identity across hops, Istio's metadata exchange done in HTTP (DESIGN.md
// "Registry and identity"): outbound listeners and the gateway add a header naming the
// source workload; inbound listeners read and strip it; the gateway strips it from
// outside clients, who must not be able to claim a mesh identity.

export const PEER_HEADER = 'x-envoy-peer-metadata';
/** Set on mirror (shadow) copies between proxies, so the target reports them as mirrored; stripped inbound. */
export const MIRROR_HEADER = 'x-rudder-mirrored';

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

// Callers are few: decoded identities are kept by header value (one object per caller, no
// parse per request), and the cache starts over when it grows past a bound.
const decoded = new Map<string, PeerIdentity | undefined>();

export function decodePeer(value: string | string[] | undefined): PeerIdentity | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (decoded.has(value)) return decoded.get(value);
  if (decoded.size >= 1000) decoded.clear();
  const peer = parsePeer(value);
  decoded.set(value, peer);
  return peer;
}

function parsePeer(value: string): PeerIdentity | undefined {
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
