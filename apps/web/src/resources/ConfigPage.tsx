// One Istio resource as YAML (what is stored, read through the Kubernetes-style API), with
// its validation findings: the target of the graph's badge and side-panel links.
import { KINDS } from '@rudder/shared/kinds';
import { printYaml } from '@rudder/shared/yaml';
import { get } from '../api/client.js';
import type { ResourceValidation } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { Card, Pill } from '../ui/controls.js';
import { PageHeader } from '../ui/shell.js';
import { Async } from '../ui/states.js';
import { stateTone } from './ServicesPage.js';

export default function ConfigPage({ kind, namespace, name }: { kind: string; namespace: string; name: string }) {
  const def = KINDS.find((k) => k.kind === kind);
  const path = def ? `/apis/${def.group}/${def.versions[0]}/namespaces/${namespace}/${def.plural}/${name}` : undefined;
  const resource = useFetch(path ? (s) => get<Record<string, unknown>>(path, {}, s) : undefined, [path]);
  const validation = useFetch((s) => get<ResourceValidation>(`/rudder/v1/validations/${kind}/${namespace}/${name}`, {}, s), [kind, namespace, name]);
  const findings = [...(validation.data?.errors ?? []), ...(validation.data?.warnings ?? [])];
  return (
    <div className="page">
      <PageHeader title={`${kind} ${name}`} subtitle={`namespace ${namespace}`} actions={validation.data ? <Pill tone={stateTone(validation.data.state)}>{validation.data.state}</Pill> : null} />
      {findings.length > 0 ? (
        <Card title="Findings">
          <ul className="plain">
            {findings.map((f) => (
              <li key={`${f.code}${f.field}`}>
                <Pill tone={f.severity === 'error' ? 'bad' : 'warn'}>{f.code}</Pill> <span className="mono">{f.field}</span> {f.message}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="YAML">
        {def ? <Async {...resource}>{(r) => <pre className="yaml">{printYaml([stripManaged(r)])}</pre>}</Async> : <p className="error-text">Unknown kind {kind}.</p>}
      </Card>
    </div>
  );
}

function stripManaged(r: Record<string, unknown>) {
  const meta = { ...(r.metadata as Record<string, unknown>) };
  delete meta.managedFields;
  return { ...r, metadata: meta };
}
