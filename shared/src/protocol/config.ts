// /ws/config: the server pushes versioned snapshots to proxies, which ACK or NACK each
// (in the spirit of Envoy's xDS: the last good version stays when one is refused).
import type { Resource } from '../kinds/index.js';
import type { ResolvedService, Workload } from './registry.js';

export const CONFIG_PATH = '/ws/config';

/** Mesh-wide settings (Istio's MeshConfig, the parts Rudder honours). */
export interface MeshSettings {
  /** ALLOW_ANY (Istio's default) forwards unknown hosts; REGISTRY_ONLY answers 502. */
  outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  /** Append `-shadow` to mirrored hosts (Istio ≤ 1.27 and the tutorial: on; ≥ 1.28: off). */
  shadowHostSuffix: boolean;
}

export const DEFAULT_MESH_SETTINGS: MeshSettings = { outboundTrafficPolicy: 'ALLOW_ANY', shadowHostSuffix: true };

/** Who a proxy is: the gateway (by its labels) or sidecars in front of workloads. */
export interface ProxyIdentity {
  id: string;
  mode: 'gateway' | 'sidecar';
  /** Namespace the proxy runs in; decides what `exportTo` lets it see. */
  namespace: string;
  /** Gateway labels matched by Gateway `selector` (default `istio: ingressgateway`). */
  labels?: Record<string, string>;
  /** Workloads the sidecars front (a process can host many). */
  workloads?: { name: string; namespace: string }[];
}

export interface ConfigSnapshot {
  /** The store's resourceVersion this snapshot reflects. */
  version: string;
  resources: Resource[];
  services: ResolvedService[];
  workloads: Workload[];
  mesh: MeshSettings;
}

export type ProxyToServer =
  | { type: 'hello'; proxy: ProxyIdentity }
  | { type: 'ack'; version: string }
  | { type: 'nack'; version: string; error: string };

export type ServerToProxy = { type: 'snapshot'; snapshot: ConfigSnapshot } | { type: 'error'; message: string };

export type SyncState = 'Synced' | 'Pending' | 'Rejected' | 'Disconnected';

/** A proxy as the server tracks it, for the dashboard and `rudder proxies`. */
export interface ProxyStatus {
  identity: ProxyIdentity;
  connectedAt: string;
  /** Last version sent, last acknowledged, and the error of the last NACK. */
  sentVersion?: string;
  ackedVersion?: string;
  nackedVersion?: string;
  lastError?: string;
  state: SyncState;
}
