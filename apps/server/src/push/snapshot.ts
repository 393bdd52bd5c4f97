// What one proxy may see: the Istio resources exported to its namespace (exportTo,
// istio.io "exportTo": absent or `*` means every namespace, `.` its own) and the
// services merged from the registry, ServiceEntries and WorkloadEntries.
import type { Resource } from '@rudder/shared/kinds';
import type { ConfigSnapshot, MeshSettings, ProxyIdentity, ResolvedService, Workload } from '@rudder/shared/protocol';

export interface SnapshotInput {
  version: string;
  resources: readonly Resource[];
  services: readonly ResolvedService[];
  workloads: readonly Workload[];
  mesh: MeshSettings;
}

export function isExportedTo(exportTo: readonly string[] | undefined, ownerNamespace: string, viewerNamespace: string): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  return exportTo.some((ns) => ns === '*' || ns === viewerNamespace || (ns === '.' && ownerNamespace === viewerNamespace));
}

export function snapshotFor(identity: Pick<ProxyIdentity, 'namespace'>, input: SnapshotInput): ConfigSnapshot {
  const viewer = identity.namespace;
  const visible = (r: Resource) => isExportedTo((r.spec as { exportTo?: string[] } | undefined)?.exportTo, r.metadata.namespace, viewer);
  return {
    version: input.version,
    resources: input.resources.filter(visible),
    services: input.services.filter((s) => isExportedTo(s.exportTo, s.namespace, viewer)),
    workloads: [...input.workloads],
    mesh: input.mesh,
  };
}
